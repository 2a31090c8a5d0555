/* What the SRT and WebVTT readers share: the cue timing line, the cue
 * text (tags, entities, speaker labels, dialogue dashes) and how cues
 * become turns.  A reader finds the cues; subread turns them into the
 * model once the whole file has been seen, because whether `Name:` is a
 * speaker label depends on the file (does it recur?): see sr_read. */
#ifndef PODFMT_SUBREAD_H
#define PODFMT_SUBREAD_H

#include "internal.h"

typedef enum { SR_SRT, SR_VTT } sr_kind;

/* Whether a line is meant as a cue timing line: it contains "-->" and
 * begins with something shaped like a time (a digit, then only digits,
 * ':', '.' or ','), so that "A --> B" in cue text and VTT cue ids such as
 * "foo-->" are not. */
bool sr_timing_candidate(const char *s, size_t n);

/* Parses a cue timing line "START --> END [settings]".  Returns 0 with the
 * times, or -1 with *bad the offset in s of the problem and *why a message
 * saying what was expected. An end before the start is repaired to a
 * zero-length cue (end = start). */
int sr_parse_timing(const char *s, size_t n, sr_kind kind, int64_t *start,
                    int64_t *end, size_t *bad, const char **why);

/* A line of cue text, pointing into the input. */
typedef struct sr_line {
    const char *s;
    size_t n;
} sr_line;

/* A growing list of lines: a cue's text while it is read. */
typedef struct sr_lines {
    sr_line *v;
    size_t n, cap;
} sr_lines;
int sr_lines_push(sr_lines *l, const char *s, size_t n); /* 0 or -1 */
void sr_lines_free(sr_lines *l);

/* sr_parse_timing on the line s (inside data) with the error, if any,
 * placed at its line and column in data. */
podfmt_status sr_timing(const char *data, size_t len, const char *s,
                        size_t n, sr_kind kind, int64_t *start, int64_t *end,
                        podfmt_error *err);
/* Whether s[0..n) is only digits (after trimming): a cue number. */
bool sr_all_digits(const char *s, size_t n);

typedef struct subread subread;

/* Adds one cue with its text lines (blank lines are ignored).  0, or -1
 * out of memory (or, while the cues go into the model, too many
 * speakers: sr_read tells which). */
int sr_add_cue(subread *sr, int64_t start, int64_t end, const sr_line *lines,
               size_t n_lines);

/* A reader's pass over the file: every cue to sr_add_cue, in the file's
 * order.  PODFMT_OK, or an error set in err. */
typedef podfmt_status (*sr_pass_fn)(subread *sr, const char *data, size_t len,
                                    podfmt_error *err);

/* Reads a subtitle file into doc with pass.  Whether a label is a speaker
 * and whether the captions roll depend on the whole file, so a file of
 * sr_window_from bytes or more is read twice: once to count, keeping only
 * the cue before, and once more putting each cue into the model as it
 * comes (giving back the input behind it), so that memory does not grow
 * with the file.  A smaller file, or one whose cues are out of time order
 * (they are sorted), is kept whole instead. */
podfmt_status sr_read(sr_kind kind, sr_pass_fn pass, podfmt_doc *doc,
                      const char *data, size_t len, const podfmt_options *opts,
                      podfmt_error *err);
/* 1 MiB; tests set it to 0 to read every file in two passes. */
extern size_t sr_window_from;

#endif
