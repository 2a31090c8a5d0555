/* The Markdown reader's inline layer: cmark inline nodes back to
 * CommonMark inline text (segment text), with as little escaping as keeps
 * every literal character literal. */
#ifndef PODFMT_MDREAD_H
#define PODFMT_MDREAD_H

#include "internal.h"

/* Appends the inline text of the sibling inline nodes [first, stop) to
 * out (stop NULL: to the last sibling), and their characters without any
 * markup to plain (may be NULL).  Breaks become spaces.  The result is
 * checked by parsing it again (inline_parse): when it would not read back
 * as the same text, emphasis and links, a fully escaped form is used.
 * Returns 0, or -1 out of memory. */
int md_inlines(cmark_node *first, cmark_node *stop, podfmt_buf *out,
               podfmt_buf *plain);

/* md_inlines; shortcuts false: every line is checked by parsing it again,
 * even the shapes known to read back (for tests). */
int md_inlines_checked(cmark_node *first, cmark_node *stop, podfmt_buf *out,
                       podfmt_buf *plain, bool shortcuts);

/* Appends s[0..n) as inline text that reads back as exactly these
 * characters (code and raw HTML blocks, which are text here). */
void md_literal(const char *s, size_t n, podfmt_buf *out);

/* The size from which the Markdown reader has cmark parse the body a
 * piece at a time (where that changes nothing); tests make it small. */
extern size_t md_piece_size;

#endif
