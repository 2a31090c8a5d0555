/* What the YAML readers and writers share: a pull parser over libyaml's
 * event API with podfmt's errors, and the rule for quoting strings. */
#ifndef PODFMT_YAML_UTIL_H
#define PODFMT_YAML_UTIL_H

#include "internal.h"

#include <yaml.h>

/* libyaml's event parser, one event at a time.  Every failure (libyaml's
 * own, or one the caller reports with ypull_fail) lands in err with the
 * line and column of the mark, and later calls keep failing. */
typedef struct ypull {
    yaml_parser_t parser;
    yaml_event_t ev; /* the current event (valid when have is set) */
    int have;
    int depth; /* open mappings and sequences */
    int failed;
    const char *data;
    size_t len;
    podfmt_error *err;
    podfmt_status status; /* PODFMT_EINPUT, or PODFMT_EIO out of memory */
} ypull;

int ypull_init(ypull *p, const char *data, size_t len, podfmt_error *err);
void ypull_free(ypull *p);
/* Moves to the next event.  Refuses aliases and nesting deeper than
 * PODFMT_MAX_NESTING.  0, or -1 with the error filled. */
int ypull_next(ypull *p);
/* Records an input error at mark; returns -1. */
int ypull_fail(ypull *p, const yaml_mark_t *mark, const char *fmt, ...)
    PODFMT_PRINTF(3, 4);
/* Records an error at the current event: "expected WHAT, found ..."
 * where the found part describes the event.  Returns -1. */
int ypull_expected(ypull *p, const char *what);
/* The current event's scalar (NULL when it is not a scalar). */
const char *ypull_scalar(const ypull *p, size_t *len);
/* Whether the current event is a plain scalar with nothing in it (what
 * `key:` alone or `key: ~`/`null` would be read as: no value). */
bool ypull_is_null(const ypull *p);
/* Skips to the STREAM_START/DOCUMENT_START pair and stops on the first
 * event of the document's content; sets *empty when there is none. */
int ypull_open_document(ypull *p, bool *empty);
/* After the document's root node: checks that nothing follows. */
int ypull_close_document(ypull *p);

/* Milliseconds as seconds, as the structured form writes them: at least
 * one decimal, at most three ("12.5", "30.0", "1.234").  Returns the
 * length written to out (NUL-terminated). */
size_t yaml_seconds(int64_t ms, char out[32]);

/* Whether a YAML 1.1 or 1.2 reader would take the plain scalar s as
 * something other than a string (null, a boolean, a number, a date or
 * time, a merge key): such strings must be quoted.  Errs on the side of
 * quoting. */
bool yaml_plain_is_typed(const char *s, size_t n);
/* Reads a colour, #rgb or #rrggbb in either case, into out as lowercase
 * "#rrggbb" and a NUL.  false when s is anything else. */
bool yaml_color(const char *s, size_t n, char out[8]);
/* Whether s is an ISO 8601 calendar date, YYYY-MM-DD. */
bool yaml_is_iso_date(const char *s, size_t n);

#endif
