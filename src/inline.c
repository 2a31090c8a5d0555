/* Segment text is CommonMark inline text.  Every writer that needs its
 * structure (emphasis, links) gets it from cmark through here, never by
 * scanning the text by hand. */
#include "internal.h"

#include <stdlib.h>
#include <string.h>

/* The characters that can start inline syntax.  Text without any of them
 * is literal, and writers may take a fast path. */
bool inline_is_plain(const char *s, size_t n)
{
    return span_without(s, n, "*_`[]<>&\\!\"'", 12) == n;
}

/* Whether cmark (without smart punctuation) reads the text as one text
 * node with exactly these characters: inline_is_plain without the
 * characters that are only text on their own (quotes, apostrophes, and
 * '!' without the '[' of an image). */
bool inline_is_literal(const char *s, size_t n)
{
    return span_without(s, n, "*_`[]<>&\\", 9) == n;
}

/* Turns raw HTML nodes into text nodes with the same characters: the
 * contract says a tag in a transcript is text, shown, never markup. */
static void html_to_text(cmark_node *root)
{
    cmark_iter *it = cmark_iter_new(root);
    cmark_event_type ev;
    cmark_node *pending = NULL;
    while ((ev = cmark_iter_next(it)) != CMARK_EVENT_DONE) {
        if (pending) {
            cmark_node_free(pending);
            pending = NULL;
        }
        cmark_node *node = cmark_iter_get_node(it);
        cmark_node_type t = cmark_node_get_type(node);
        if (ev == CMARK_EVENT_ENTER &&
            (t == CMARK_NODE_HTML_INLINE || t == CMARK_NODE_HTML_BLOCK)) {
            cmark_node *text = cmark_node_new(CMARK_NODE_TEXT);
            const char *lit = cmark_node_get_literal(node);
            cmark_node_set_literal(text, lit ? lit : "");
            cmark_node_insert_before(node, text);
            cmark_node_unlink(node);
            pending = node; /* freed once the iterator has moved on */
        }
    }
    if (pending)
        cmark_node_free(pending);
    cmark_iter_free(it);
}

cmark_node *inline_parse(const char *text, size_t len)
{
    /* A no-break space in front keeps block syntax ("# ", "- ", "1. ",
     * "> ", "[x]: url") from applying: segment text is inline only.  It
     * counts as white space for emphasis, so "_a_" still opens. */
    char *tmp = malloc(len + 3);
    if (!tmp)
        return NULL;
    tmp[0] = '\xC2';
    tmp[1] = '\xA0';
    memcpy(tmp + 2, text, len);
    tmp[len + 2] = '\0';
    cmark_node *doc = cmark_parse_document(tmp, len + 2, CMARK_OPT_DEFAULT);
    free(tmp);
    if (!doc)
        return NULL;
    /* drop the no-break space again */
    cmark_node *para = cmark_node_first_child(doc);
    cmark_node *first = para ? cmark_node_first_child(para) : NULL;
    if (first && cmark_node_get_type(first) == CMARK_NODE_TEXT) {
        const char *lit = cmark_node_get_literal(first);
        if (lit && (unsigned char)lit[0] == 0xC2 &&
            (unsigned char)lit[1] == 0xA0) {
            if (lit[2] == '\0') {
                cmark_node_free(first);
            } else {
                char *rest = strdup(lit + 2);
                if (rest) {
                    cmark_node_set_literal(first, rest);
                    free(rest);
                }
            }
        }
    }
    html_to_text(doc);
    return doc;
}
