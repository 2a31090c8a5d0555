/* Shared by the prose writers (Markdown and HTML) and the template engine;
 * not installed, not part of internal.h. */
#ifndef PODFMT_MDHTML_H
#define PODFMT_MDHTML_H

#include "internal.h"

/* A pause this long between timed segments starts a new paragraph. */
#define PROSE_PAUSE_MS 2000
/* A paragraph of joined timed segments closes after this many sentences. */
#define PROSE_MAX_SENTENCES 4

/* The segments of block b grouped into paragraphs: call with *next = 0,
 * then repeatedly; each call stores the paragraph as segments
 * [*first, *first + *count) (indices into doc->segments) and returns
 * false when the block has no more.  An untimed segment is a paragraph of
 * its own, and so is a list item; consecutive timed segments join until a pause of
 * PROSE_PAUSE_MS, or once they hold PROSE_MAX_SENTENCES sentences at the
 * end of a segment that ends one (at twice as many in any case). */
bool prose_next(const podfmt_doc *doc, const podfmt_block *b, size_t *next,
                size_t *first, size_t *count);

/* A list item's marker, from the segment's item (the readers find lists
 * and keep them in the model). */
typedef struct prose_marker {
    char kind;            /* 0: none; '1': ordered; '-': bullet */
    char delim;           /* '.' for ordered items */
    unsigned long number; /* ordered items */
    size_t len;           /* bytes of marker in the text: always 0 */
} prose_marker;

/* A paragraph of a block, and whether it is a list item.  Items of one
 * list follow each other: the same kind, consecutive numbers. */
typedef struct prose_para {
    size_t first, count; /* segments [first, first + count) */
    bool item;
    bool opens, closes;  /* the first / last item of its list */
    prose_marker marker; /* when item */
} prose_para;

typedef struct prose_iter {
    const podfmt_doc *doc;
    const podfmt_block *b;
    size_t next;
    int peek; /* 0: not peeked; 1: pfirst/pcount hold the next; 2: none */
    size_t pfirst, pcount;
    prose_marker cur; /* the open list's last marker; kind 0 when none */
} prose_iter;

/* Paragraphs of block b with prose_next's grouping, list items marked. */
void prose_iter_init(prose_iter *it, const podfmt_doc *doc,
                     const podfmt_block *b);
bool prose_iter_next(prose_iter *it, prose_para *p);

/* Writes ms as "M:SS" or "H:MM:SS". */
void prose_clock(podfmt_buf *out, int64_t ms);

/* Whether the configuration's link template is usable (http or https);
 * writes the link for time ms ({seconds} replaced by whole seconds) into
 * out and returns true, or returns false and writes nothing. */
bool prose_time_link(const podfmt_options *opts, int64_t ms, podfmt_buf *out);

/* ---- template.c ---------------------------------------------------- */

/* Answers the template engine: writes the value of variable `name`
 * into out (escaped as the template's language needs) and returns 0, or
 * returns -1 when there is no such variable (-2: out of memory).  With out == NULL it only
 * says whether the variable exists (0) and is non-empty (1), or -1. */
typedef int (*template_lookup)(void *ctx, const char *name, size_t len,
                               podfmt_buf *out);

/* Fills the template: `{{name}}` is replaced by the variable's value,
 * `{{#name}} ... {{/name}}` keeps its content only when the variable is
 * non-empty.  A variable that does not exist, an unclosed `{{` or an
 * unclosed section is PODFMT_EUSAGE with a message naming it, `what` (the
 * template's name) and its line there. */
podfmt_status template_fill(const char *tmpl, size_t len, const char *what,
                            template_lookup lookup, void *ctx,
                            podfmt_buf *out, podfmt_error *err);

/* HTML escaping of text: & < > and " (attribute values are always in
 * double quotes), so element content and attributes alike. */
void html_escape(podfmt_buf *out, const char *s, size_t n);

#endif
