/* The paragraph builder the line-based readers (text, Markdown) share:
 * lines gathered into a segment of the open block, a time waiting for its
 * text, a line that visibly goes on with the one before joined to it.
 * Not installed. */
#ifndef PODFMT_PARABUILD_H
#define PODFMT_PARABUILD_H

#include "internal.h"

/* How a line may join the open segment. */
enum {
    PB_NEW = 0,   /* never: it starts a segment of its own */
    PB_SOFT,      /* always (a soft line break inside a paragraph) */
    PB_IF_GOES_ON /* when it visibly goes on: no closing punctuation
                   * before, a lowercase letter after */
};

typedef struct parabuild {
    podfmt_doc *doc;
    podfmt_buf para; /* the segment being gathered, once it has two lines */
    const char *one; /* or its only line, not copied (borrow only) */
    size_t one_n;
    bool borrow;     /* lines outlive the segment: a lone line is not copied */
    int64_t time;    /* its start, PODFMT_NO_TIME if none */
    int item;        /* it is this list item (podfmt_segment.item) */
    bool open;
    int block;       /* index of the open block, -1 none (the index may
                      * change when the document hands blocks on: only
                      * its sign is for readers) */
    podfmt_block_kind kind; /* the open block's kind */
    int speaker;     /* its speaker */
    bool *oom;       /* set when memory runs out */
} parabuild;

void pb_init(parabuild *p, podfmt_doc *doc, bool *oom);
void pb_free(parabuild *p);
/* Adds the open segment, if any, to the open block. */
void pb_flush(parabuild *p);
/* Flushes, then opens a block. */
void pb_open_block(parabuild *p, podfmt_block_kind kind, int speaker);
/* Adds a line of text (join: PB_*); an empty line adds nothing. */
void pb_add(parabuild *p, const char *s, size_t n, int64_t time, int join);
/* Copies a borrowed line into the builder: call it before the text given
 * to pb_add goes away. */
void pb_own(parabuild *p);
/* A time alone on its line: it belongs to the segment that follows. */
void pb_pend_time(parabuild *p, int64_t time);

#endif
