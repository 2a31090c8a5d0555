/* Recognising speaker labels at the start of a line, in every shape that
 * real transcripts use (CONVENTIONS.md): "Name: text", "**Name:** text",
 * "[00:01:02] NAME: text", "Name  0:03" (Otter), "Name (00:01:05):" (Rev),
 * ">> text", "司会：text", ...  Used by the text and Markdown readers. */
#ifndef PODFMT_LABEL_H
#define PODFMT_LABEL_H

#include "internal.h"

typedef enum {
    LINE_TEXT = 0,    /* nothing recognised: ordinary text */
    LINE_LABEL,       /* a label, maybe a time, maybe text after it */
    LINE_TIME,        /* a time and text, no label: "[00:12] text" */
    LINE_CONTINUE,    /* Rev's "(00:02:10):" alone: same speaker, new time */
    LINE_CHANGE       /* ">> text": a new, unnamed speaker */
} line_kind;

typedef struct line_info {
    line_kind kind;
    const char *label; /* LINE_LABEL: the label, without colon or bold */
    size_t label_len;
    const char *text; /* what follows the label/time (may be empty) */
    size_t text_len;
    int64_t time; /* PODFMT_NO_TIME when the line gives none */
    bool strong;  /* the shape leaves no doubt it is a label (a time with
                   * it, Otter/Rev layout, ">>"): no recurrence needed */
    bool alone;   /* the label stands alone on its line */
    bool colon;   /* the label ended in a colon */
} line_info;

/* Classifies one line (already trimmed).  Labels are checked for the shape
 * of a name (label_is_namelike) but not for recurrence: that is the
 * reader's decision. */
void line_classify(const char *s, size_t n, line_info *li);

/* Whether s looks like a speaker's name or placeholder ("Ana Ruiz",
 * "Dr. Anika Sørensen", "HOST", "Speaker 1", "SPEAKER_00", "司会") rather
 * than a phrase ("Another thing", "Note", "Key takeaways"). */
bool label_is_namelike(const char *s, size_t n);

/* Whether s is a heading-like line: short, no closing punctuation,
 * capitalised like a title. */
bool line_is_titlelike(const char *s, size_t n);

/* Whether the line ends a sentence or clause (., !, ?, :, ;, …, quotes). */
bool ends_with_punct(const char *s, size_t n);
/* Whether the line starts with a lowercase letter. */
bool starts_lowercase(const char *s, size_t n);

/* The length of a label without a role in parentheses at its end:
 * "Ana Ruiz (host)" -> 8 ("Ana Ruiz"); n when there is none, and when
 * the parentheses say how the line is said ("Ben (laughing)"): that is
 * no role, and a reader that cannot keep it in the text keeps it in the
 * label. */
size_t label_without_role(const char *s, size_t n);
/* The length without any parenthesised ending, role or direction, and
 * whether it was a direction ("(laughing)", "(V.O.)"). */
size_t label_bare(const char *s, size_t n, bool *direction);

/* Whether s starts with p / holds needle, ASCII case ignored. */
bool text_has_prefix_ci(const char *s, size_t n, const char *p);
bool text_contains_ci(const char *s, size_t n, const char *needle);
/* "Transcribed by https://otter.ai": Otter's credit line. */
bool line_is_otter_credit(const char *s, size_t n);
/* A line a publication puts around every post ("Thanks for reading ...",
 * "Subscribe now", "... is a reader-supported publication"). */
bool line_is_furniture(const char *s, size_t n);

#endif
