/* Text helpers shared by the JSON reader and the JSON writers: literal
 * text in and out of the model's CommonMark inline text. */
#ifndef PODFMT_JSON_TEXT_H
#define PODFMT_JSON_TEXT_H

#include "internal.h"

/* Appends s[0..n) to out with every character that could read as
 * CommonMark inline syntax backslash-escaped, so the text stays literal. */
void md_escape(podfmt_buf *out, const char *s, size_t n);

/* Appends the plain text that inline text s[0..n) shows: emphasis markers
 * and escapes dropped, a link as "text (url)" (only the url when they are
 * the same), code spans as their content.  0, or -1 out of memory. */
int inline_to_plain(podfmt_buf *out, const char *s, size_t n);

/* Seconds for JSON from integer milliseconds (exact to the millisecond
 * when printed with JSON_REAL_PRECISION(15)). */
#define MS_TO_SECONDS(ms) ((double)(ms) / 1000.0)
/* How JSON output is printed: one line per object, UTF-8 as it is, times
 * as short decimals. */
#define JSON_OUT_FLAGS (JSON_INDENT(0) | JSON_REAL_PRECISION(15))

#endif
