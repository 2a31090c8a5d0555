/* Literal text into CommonMark inline text (for the JSON reader) and
 * back to plain text (for the JSON transcript and chapters). */
#include "json_text.h"

#include <string.h>

void md_escape(podfmt_buf *out, const char *s, size_t n)
{
    /* the characters that open inline syntax: emphasis, code, links and
     * images, autolinks and raw HTML, entities, escapes */
    static const unsigned char special[256] = {
        ['*'] = 1, ['_'] = 1, ['`'] = 1, ['['] = 1, [']'] = 1,
        ['<'] = 1, ['>'] = 1, ['&'] = 1, ['\\'] = 1,
    };
    size_t from = 0;
    for (size_t i = 0; i < n; i++) {
        if (!special[(unsigned char)s[i]])
            continue;
        podfmt_buf_put(out, s + from, i - from);
        podfmt_buf_putc(out, '\\');
        from = i;
    }
    podfmt_buf_put(out, s + from, n - from);
}

int inline_to_plain(podfmt_buf *out, const char *s, size_t n)
{
    if (inline_is_literal(s, n)) {
        podfmt_buf_put(out, s, n);
        return out->failed ? -1 : 0;
    }
    cmark_node *doc = inline_parse(s, n);
    if (!doc)
        return -1;
    cmark_iter *it = cmark_iter_new(doc);
    if (!it) {
        cmark_node_free(doc);
        return -1;
    }
    size_t link_from = 0; /* where the current link's text began */
    cmark_event_type ev;
    while ((ev = cmark_iter_next(it)) != CMARK_EVENT_DONE) {
        cmark_node *node = cmark_iter_get_node(it);
        cmark_node_type t = cmark_node_get_type(node);
        if (ev == CMARK_EVENT_ENTER) {
            switch (t) {
            case CMARK_NODE_TEXT:
            case CMARK_NODE_CODE:
            case CMARK_NODE_HTML_INLINE: {
                const char *lit = cmark_node_get_literal(node);
                if (lit)
                    podfmt_buf_puts(out, lit);
                break;
            }
            case CMARK_NODE_SOFTBREAK:
            case CMARK_NODE_LINEBREAK:
                podfmt_buf_putc(out, ' ');
                break;
            case CMARK_NODE_LINK:
                link_from = out->len;
                break;
            default:
                break;
            }
        } else if (ev == CMARK_EVENT_EXIT && t == CMARK_NODE_LINK) {
            /* the address is part of what was said or written: keep it,
             * once */
            const char *url = cmark_node_get_url(node);
            size_t ul = url ? strlen(url) : 0;
            size_t tl = out->len - link_from;
            const char *text = out->data ? out->data + link_from : "";
            int same = ul == tl && memcmp(url, text, ul) == 0;
            if (!same && ul > 7 && memcmp(url, "mailto:", 7) == 0 &&
                ul - 7 == tl && memcmp(url + 7, text, tl) == 0)
                same = 1;
            if (ul && !same) {
                if (tl) {
                    podfmt_buf_puts(out, " (");
                    podfmt_buf_put(out, url, ul);
                    podfmt_buf_putc(out, ')');
                } else {
                    podfmt_buf_put(out, url, ul);
                }
            }
        }
    }
    cmark_iter_free(it);
    cmark_node_free(doc);
    return out->failed ? -1 : 0;
}
