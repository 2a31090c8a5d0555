/* cmark inline nodes back to CommonMark inline text.
 *
 * Segment text is CommonMark inline text, so the Markdown reader keeps
 * emphasis, strong, code and links as Markdown and must make every other
 * character read back as itself.  Escaping everything cmark could take as
 * syntax would turn transcripts' "[laughs]" into "\[laughs\]"; instead a
 * character is escaped only where it could start syntax in inline text
 * (which has no link reference definitions and no block syntax: see
 * inline_parse).  Each result is then parsed again and compared with the
 * source nodes; when they differ (odd delimiter runs), the line is written
 * again with every special character escaped.  Both walks use cmark_iter:
 * no recursion. */
#include "mdread.h"

#include <string.h>

/* MINIMAL: escape only what could start syntax; FULL: escape every
 * special character; FLAT (rendering only): FULL text, no markup at all;
 * RAW (text only): no escaping. */
typedef enum { MODE_MINIMAL = 0, MODE_FULL, MODE_FLAT, MODE_RAW } render_mode;

static bool is_ascii_punct(unsigned char c)
{
    return (c >= '!' && c <= '/') || (c >= ':' && c <= '@') ||
           (c >= '[' && c <= '`') || (c >= '{' && c <= '~');
}

static bool is_ascii_alnum(unsigned char c)
{
    return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') ||
           (c >= 'A' && c <= 'Z');
}

/* "&amp;", "&#39;", "&#x27;": what cmark would decode. */
static bool entity_follows(const char *s, size_t n)
{
    size_t i = 0;
    if (i < n && s[i] == '#') {
        i++;
        bool hex = i < n && (s[i] == 'x' || s[i] == 'X');
        if (hex)
            i++;
        size_t d = i;
        while (i < n && i - d < 8 &&
               ((s[i] >= '0' && s[i] <= '9') ||
                (hex && ((s[i] | 32) >= 'a' && (s[i] | 32) <= 'f'))))
            i++;
        return i > d && i < n && s[i] == ';';
    }
    size_t d = i;
    while (i < n && i - d < 40 && is_ascii_alnum((unsigned char)s[i]))
        i++;
    return i > d && i < n && s[i] == ';';
}

/* Escapes literal text.  in_link: inside a link's text, where brackets
 * must not pair up; before_link: a link follows right after the text. */
static void put_text(podfmt_buf *b, const char *s, size_t n,
                     render_mode mode, bool in_link, bool before_link)
{
    /* bytes that are never escaped nor changed, copied in runs */
    static const unsigned char special[256] = {
        ['\n'] = 1, ['\r'] = 1, ['*'] = 1, ['_'] = 1, ['['] = 1, [']'] = 1,
        ['<'] = 1, ['>'] = 1, ['\\'] = 1, ['`'] = 1, ['&'] = 1, ['!'] = 1,
    };
    for (size_t i = 0; i < n; i++) {
        unsigned char c = (unsigned char)s[i];
        if (!special[c] || (mode == MODE_RAW && c != '\n' && c != '\r')) {
            size_t j = i + 1;
            if (mode == MODE_RAW)
                while (j < n && s[j] != '\n' && s[j] != '\r')
                    j++;
            else
                while (j < n && !special[(unsigned char)s[j]])
                    j++;
            podfmt_buf_put(b, s + i, j - i);
            i = j - 1;
            continue;
        }
        unsigned char next = i + 1 < n ? (unsigned char)s[i + 1] : 0;
        bool esc = false;
        if (c == '\n' || c == '\r') {
            podfmt_buf_putc(b, ' ');
            continue;
        }
        if (mode == MODE_RAW) {
            esc = false;
        } else if (mode != MODE_MINIMAL) {
            esc = c == '*' || c == '_' || c == '[' || c == ']' || c == '<' ||
                  c == '>' || c == '\\' || c == '`' || c == '&' || c == '!';
        } else {
            switch (c) {
            case '\\': esc = next == 0 || is_ascii_punct(next); break;
            case '*': case '`': esc = true; break;
            case '_':
                esc = !(i > 0 && next && is_ascii_alnum((unsigned char)s[i - 1]) &&
                        is_ascii_alnum(next));
                break;
            case '[': esc = in_link; break;
            case ']': esc = in_link || next == '('; break;
            case '<':
                esc = next == 0 || next == '/' || next == '!' || next == '?' ||
                      (is_ascii_alnum(next) && !(next >= '0' && next <= '9'));
                break;
            case '&': esc = entity_follows(s + i + 1, n - i - 1); break;
            case '!': esc = next == 0 && before_link; break;
            default: break;
            }
        }
        if (esc)
            podfmt_buf_putc(b, '\\');
        podfmt_buf_putc(b, (char)c);
    }
}

static void put_code(podfmt_buf *b, const char *s, size_t n)
{
    size_t run = 0, longest = 0;
    bool all_space = true;
    for (size_t i = 0; i < n; i++) {
        run = s[i] == '`' ? run + 1 : 0;
        if (run > longest)
            longest = run;
        if (s[i] != ' ')
            all_space = false;
    }
    bool pad = n > 0 && !all_space &&
               (s[0] == '`' || s[n - 1] == '`' || (s[0] == ' ' && s[n - 1] == ' '));
    for (size_t i = 0; i <= longest; i++)
        podfmt_buf_putc(b, '`');
    if (pad)
        podfmt_buf_putc(b, ' ');
    put_text(b, s, n, MODE_RAW, false, false); /* only folds line ends */
    if (pad)
        podfmt_buf_putc(b, ' ');
    for (size_t i = 0; i <= longest; i++)
        podfmt_buf_putc(b, '`');
}

/* A link destination, in angle brackets when it holds anything that
 * would end a bare one. */
static void put_dest(podfmt_buf *b, const char *url)
{
    size_t n = strlen(url);
    bool angle = n == 0;
    for (size_t i = 0; i < n; i++)
        if (url[i] == ' ' || url[i] == '(' || url[i] == ')' || url[i] == '<' ||
            url[i] == '>' || (unsigned char)url[i] < 0x20)
            angle = true;
    if (angle)
        podfmt_buf_putc(b, '<');
    for (size_t i = 0; i < n; i++) {
        char c = url[i];
        if (c == '\\' || c == '<' || c == '>' ||
            (c == '&' && entity_follows(url + i + 1, n - i - 1)))
            podfmt_buf_putc(b, '\\');
        podfmt_buf_putc(b, c);
    }
    if (angle)
        podfmt_buf_putc(b, '>');
}

static void put_title(podfmt_buf *b, const char *t)
{
    size_t n = strlen(t);
    if (n == 0)
        return;
    podfmt_buf_puts(b, " \"");
    for (size_t i = 0; i < n; i++) {
        char c = t[i];
        if (c == '"' || c == '\\' ||
            (c == '&' && entity_follows(t + i + 1, n - i - 1)))
            podfmt_buf_putc(b, '\\');
        podfmt_buf_putc(b, c);
    }
    podfmt_buf_putc(b, '"');
}

/* "<https://example.com>": a link whose only child is its own address. */
static bool is_autolink(cmark_node *link)
{
    cmark_node *c = cmark_node_first_child(link);
    if (!c || cmark_node_next(c) || cmark_node_get_type(c) != CMARK_NODE_TEXT)
        return false;
    const char *url = cmark_node_get_url(link);
    const char *lit = cmark_node_get_literal(c);
    if (!url || !lit || !*lit)
        return false;
    const char *t = cmark_node_get_title(link);
    if (t && *t)
        return false;
    if (strncmp(url, "mailto:", 7) == 0 && strcmp(url + 7, lit) == 0)
        return true;
    if (strcmp(url, lit) != 0)
        return false;
    for (const char *p = lit; *p; p++)
        if (*p == ' ' || *p == '<' || *p == '>' || (unsigned char)*p < 0x20)
            return false;
    /* a scheme: letters, then ':' */
    const char *colon = strchr(lit, ':');
    return colon && colon > lit + 1;
}

/* Emphasis directly inside the same emphasis ("<em><em>") looks like one;
 * it is written once, since "**x**" would be strong. */
static bool nested_same(cmark_node *n)
{
    cmark_node *p = cmark_node_parent(n);
    return p && cmark_node_get_type(p) == cmark_node_get_type(n);
}

static void render_range(cmark_node *first, cmark_node *stop, render_mode mode,
                         podfmt_buf *b)
{
    int in_link = 0;
    for (cmark_node *top = first; top && top != stop; top = cmark_node_next(top)) {
        cmark_iter *it = cmark_iter_new(top);
        if (!it) {
            b->failed = 1;
            return;
        }
        cmark_event_type ev;
        while ((ev = cmark_iter_next(it)) != CMARK_EVENT_DONE) {
            cmark_node *n = cmark_iter_get_node(it);
            cmark_node_type t = cmark_node_get_type(n);
            bool enter = ev == CMARK_EVENT_ENTER;
            switch (t) {
            case CMARK_NODE_TEXT: {
                const char *lit = cmark_node_get_literal(n);
                cmark_node *nx = cmark_node_next(n);
                bool before = nx && (cmark_node_get_type(nx) == CMARK_NODE_LINK ||
                                     cmark_node_get_type(nx) == CMARK_NODE_IMAGE);
                if (lit)
                    put_text(b, lit, strlen(lit),
                             mode == MODE_FLAT ? MODE_FULL : mode, in_link > 0,
                             before);
                break;
            }
            case CMARK_NODE_HTML_INLINE: {
                const char *lit = cmark_node_get_literal(n);
                if (!lit)
                    break;
                if (mode == MODE_MINIMAL) /* reads back as the same span */
                    put_text(b, lit, strlen(lit), MODE_RAW, false, false);
                else
                    put_text(b, lit, strlen(lit), MODE_FULL, false, false);
                break;
            }
            case CMARK_NODE_CODE: {
                const char *lit = cmark_node_get_literal(n);
                if (lit) {
                    if (mode == MODE_FLAT)
                        put_text(b, lit, strlen(lit), MODE_FULL, false, false);
                    else
                        put_code(b, lit, strlen(lit));
                }
                break;
            }
            case CMARK_NODE_SOFTBREAK:
            case CMARK_NODE_LINEBREAK:
                podfmt_buf_putc(b, ' ');
                break;
            case CMARK_NODE_EMPH:
                if (mode != MODE_FLAT && !nested_same(n))
                    podfmt_buf_putc(b, '*');
                break;
            case CMARK_NODE_STRONG:
                if (mode != MODE_FLAT && !nested_same(n))
                    podfmt_buf_puts(b, "**");
                break;
            case CMARK_NODE_LINK:
            case CMARK_NODE_IMAGE:
                if (mode == MODE_FLAT)
                    break;
                if (t == CMARK_NODE_LINK && is_autolink(n)) {
                    if (enter) {
                        podfmt_buf_putc(b, '<');
                        podfmt_buf_puts(b, cmark_node_get_literal(
                                               cmark_node_first_child(n)));
                        podfmt_buf_putc(b, '>');
                        cmark_iter_reset(it, n, CMARK_EVENT_EXIT);
                    }
                    break;
                }
                if (enter) {
                    podfmt_buf_puts(b, t == CMARK_NODE_IMAGE ? "![" : "[");
                    in_link++;
                } else {
                    const char *url = cmark_node_get_url(n);
                    const char *title = cmark_node_get_title(n);
                    podfmt_buf_puts(b, "](");
                    put_dest(b, url ? url : "");
                    put_title(b, title ? title : "");
                    podfmt_buf_putc(b, ')');
                    in_link--;
                }
                break;
            default:
                break;
            }
        }
        cmark_iter_free(it);
    }
}

/* ---- checking: does the text read back as the nodes? ------------------ */

typedef struct canon {
    podfmt_buf b;
    int em, strong, code;
    int flags;
    bool space; /* a space is pending (runs fold to one) */
} canon;

static void canon_chars(canon *c, const char *s, size_t n)
{
    int flags = (c->em > 0) | (c->strong > 0) << 1 | c->code << 2;
    for (size_t i = 0; i < n; i++) {
        char ch = s[i];
        if (ch == ' ' || ch == '\n' || ch == '\r' || ch == '\t') {
            c->space = c->b.len > 0;
            continue;
        }
        if (c->space) {
            podfmt_buf_putc(&c->b, ' ');
            c->space = false;
        }
        if (flags != c->flags) {
            podfmt_buf_putc(&c->b, '\x05');
            podfmt_buf_putc(&c->b, (char)('0' + flags));
            c->flags = flags;
        }
        size_t j = i + 1; /* the rest of the word, in one piece */
        while (j < n && s[j] != ' ' && s[j] != '\n' && s[j] != '\r' &&
               s[j] != '\t')
            j++;
        podfmt_buf_put(&c->b, s + i, j - i);
        i = j - 1;
    }
}

static void canon_mark(canon *c, const char *what)
{
    c->space = false; /* spaces at a link's edge do not matter to a reader */
    podfmt_buf_puts(&c->b, what);
}

/* A form of the nodes that ignores what does not show: how text nodes are
 * split, which delimiter was used, nested identical emphasis, runs of
 * spaces. */
static void canon_range(cmark_node *first, cmark_node *stop, canon *c)
{
    for (cmark_node *top = first; top && top != stop; top = cmark_node_next(top)) {
        cmark_iter *it = cmark_iter_new(top);
        if (!it) {
            c->b.failed = 1;
            return;
        }
        cmark_event_type ev;
        while ((ev = cmark_iter_next(it)) != CMARK_EVENT_DONE) {
            cmark_node *n = cmark_iter_get_node(it);
            bool enter = ev == CMARK_EVENT_ENTER;
            const char *lit;
            switch (cmark_node_get_type(n)) {
            case CMARK_NODE_TEXT:
            case CMARK_NODE_HTML_INLINE:
                lit = cmark_node_get_literal(n);
                if (lit)
                    canon_chars(c, lit, strlen(lit));
                break;
            case CMARK_NODE_CODE:
                lit = cmark_node_get_literal(n);
                c->code = 1;
                if (lit)
                    canon_chars(c, lit, strlen(lit));
                c->code = 0;
                break;
            case CMARK_NODE_SOFTBREAK:
            case CMARK_NODE_LINEBREAK:
                canon_chars(c, " ", 1);
                break;
            case CMARK_NODE_EMPH:
                c->em += enter ? 1 : -1;
                break;
            case CMARK_NODE_STRONG:
                c->strong += enter ? 1 : -1;
                break;
            case CMARK_NODE_LINK:
            case CMARK_NODE_IMAGE:
                if (enter) {
                    const char *u = cmark_node_get_url(n), *t = cmark_node_get_title(n);
                    canon_mark(c, cmark_node_get_type(n) == CMARK_NODE_LINK ? "\x01L"
                                                                            : "\x01I");
                    podfmt_buf_puts(&c->b, u ? u : "");
                    podfmt_buf_putc(&c->b, '\x02');
                    podfmt_buf_puts(&c->b, t ? t : "");
                    podfmt_buf_putc(&c->b, '\x03');
                    c->flags = -1;
                } else {
                    canon_mark(c, "\x04");
                    c->flags = -1;
                }
                break;
            default:
                break;
            }
        }
        cmark_iter_free(it);
    }
}

/* Whether text, parsed as inline text, shows what the source nodes show. */
static bool reads_back(const char *text, size_t n, const canon *want)
{
    cmark_node *doc = inline_parse(text, n);
    if (!doc)
        return false;
    cmark_node *para = cmark_node_first_child(doc);
    canon got;
    memset(&got, 0, sizeof got);
    podfmt_buf_init(&got.b);
    got.flags = 0;
    /* a single paragraph, or nothing at all for empty text */
    bool ok = para ? cmark_node_get_type(para) == CMARK_NODE_PARAGRAPH &&
                         !cmark_node_next(para)
                   : true;
    if (ok && para)
        canon_range(cmark_node_first_child(para), NULL, &got);
    ok = ok && !got.b.failed && got.b.len == want->b.len &&
         (got.b.len == 0 || memcmp(got.b.data, want->b.data, got.b.len) == 0);
    podfmt_buf_free(&got.b);
    cmark_node_free(doc);
    return ok;
}

/* Whether the siblings [first, stop) are text and line breaks only. */
static bool only_text(cmark_node *first, cmark_node *stop)
{
    for (cmark_node *n = first; n && n != stop; n = cmark_node_next(n)) {
        cmark_node_type t = cmark_node_get_type(n);
        if (t != CMARK_NODE_TEXT && t != CMARK_NODE_SOFTBREAK &&
            t != CMARK_NODE_LINEBREAK)
            return false;
    }
    return true;
}

static bool is_space_byte(char c)
{
    return c == ' ' || c == '\t' || c == '\n' || c == '\r';
}

/* "**Ana Ruiz:** So where": strong text first, then text that opens with
 * a space or is nothing, none of it holding a character that could start
 * syntax (inline_is_literal), rendered into tmp.  It reads back as the
 * same nodes, so the parse check may be skipped: the opening "**" follows
 * the line's start (white space to cmark) and precedes what followed it
 * in the source, no white space; the closing one follows what preceded
 * it in the source, no white space, and precedes a space or the end.  So
 * the first can only open and the second only close (the rule of three
 * does not apply), both runs are two long, and the text between and after
 * is literal.  tmp is left empty when the line is not of this shape. */
static bool strong_then_text(cmark_node *first, cmark_node *stop,
                             podfmt_buf *tmp)
{
    if (!first || first == stop || cmark_node_get_type(first) != CMARK_NODE_STRONG)
        return false;
    cmark_node *in = cmark_node_first_child(first);
    if (!in || cmark_node_next(in) || cmark_node_get_type(in) != CMARK_NODE_TEXT)
        return false;
    const char *l1 = cmark_node_get_literal(in);
    size_t n1 = l1 ? strlen(l1) : 0;
    if (n1 == 0 || is_space_byte(l1[0]) || is_space_byte(l1[n1 - 1]) ||
        !inline_is_literal(l1, n1))
        return false;
    for (cmark_node *n = cmark_node_next(first); n && n != stop; n = cmark_node_next(n))
        if (cmark_node_get_type(n) != CMARK_NODE_TEXT)
            return false;
    render_range(first, stop, MODE_MINIMAL, tmp);
    const char *t = tmp->data;
    size_t rest = n1 + 4;
    if (!tmp->failed && tmp->len >= rest && memcmp(t, "**", 2) == 0 &&
        memcmp(t + 2, l1, n1) == 0 && memcmp(t + 2 + n1, "**", 2) == 0 &&
        (tmp->len == rest || t[rest] == ' ') &&
        inline_is_literal(t + rest, tmp->len - rest))
        return true;
    tmp->len = 0;
    return false;
}

int md_inlines(cmark_node *first, cmark_node *stop, podfmt_buf *out,
               podfmt_buf *plain)
{
    return md_inlines_checked(first, stop, out, plain, true);
}

int md_inlines_checked(cmark_node *first, cmark_node *stop, podfmt_buf *out,
                       podfmt_buf *plain, bool shortcuts)
{
    canon want;
    memset(&want, 0, sizeof want);
    podfmt_buf_init(&want.b);
    podfmt_buf tmp;
    podfmt_buf_init(&tmp);
    size_t m0 = 0;
    /* The common case: plain text whose minimal form has no character
     * that could start syntax.  It reads back as the same characters,
     * so the check (two parses) can be skipped. */
    if (!shortcuts) {
        /* every line is checked (tests compare the two ways) */
    } else if (only_text(first, stop)) {
        render_range(first, stop, MODE_MINIMAL, &tmp);
        if (!tmp.failed && inline_is_plain(tmp.data ? tmp.data : "", tmp.len))
            m0 = 3;
        else
            tmp.len = 0;
    } else if (strong_then_text(first, stop, &tmp)) {
        m0 = 3;
    }
    if (m0 == 0)
        canon_range(first, stop, &want);
    static const render_mode modes[] = {MODE_MINIMAL, MODE_FULL, MODE_FLAT};
    for (size_t m = m0; m < 3; m++) {
        tmp.len = 0;
        render_range(first, stop, modes[m], &tmp);
        if (tmp.failed)
            break;
        /* flat text loses emphasis on purpose: the last resort */
        if (modes[m] == MODE_FLAT || reads_back(tmp.data ? tmp.data : "", tmp.len, &want))
            break;
    }
    int rc = tmp.failed || want.b.failed ? -1 : 0;
    if (rc == 0)
        podfmt_buf_put(out, tmp.data ? tmp.data : "", tmp.len);
    podfmt_buf_free(&tmp);
    podfmt_buf_free(&want.b);
    if (plain) {
        for (cmark_node *top = first; top && top != stop; top = cmark_node_next(top)) {
            cmark_iter *it = cmark_iter_new(top);
            if (!it)
                return -1;
            cmark_event_type ev;
            while ((ev = cmark_iter_next(it)) != CMARK_EVENT_DONE) {
                cmark_node *n = cmark_iter_get_node(it);
                cmark_node_type t = cmark_node_get_type(n);
                if (t == CMARK_NODE_TEXT || t == CMARK_NODE_CODE ||
                    t == CMARK_NODE_HTML_INLINE) {
                    const char *lit = cmark_node_get_literal(n);
                    if (lit)
                        put_text(plain, lit, strlen(lit), MODE_RAW, false, false);
                } else if (t == CMARK_NODE_SOFTBREAK || t == CMARK_NODE_LINEBREAK) {
                    podfmt_buf_putc(plain, ' ');
                }
            }
            cmark_iter_free(it);
        }
    }
    return rc || out->failed ? -1 : 0;
}

void md_literal(const char *s, size_t n, podfmt_buf *out)
{
    put_text(out, s, n, MODE_MINIMAL, false, false);
}
