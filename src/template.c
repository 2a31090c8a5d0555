/* A tiny template engine for templates/ (and --template FILE):
 *
 *   {{name}}               the variable's value
 *   {{#name}} ... {{/name}} the content, only when the variable is non-empty
 *
 * Names are letters, digits and '_', with optional spaces inside the
 * braces.  The caller decides the set of variables and how each value is
 * escaped; a name the caller does not know is an error naming it, so a
 * typo in a template never silently yields an empty page part, and so is
 * a "{{/name}}" that closes no open section.  Errors say line:column.  One
 * pass, no recursion. */
#include "mdhtml.h"

#include <stdarg.h>
#include <stdio.h>
#include <string.h>

void html_escape(podfmt_buf *out, const char *s, size_t n)
{
    static const unsigned char kind[256] = {['&'] = 1, ['<'] = 2, ['>'] = 3,
                                            ['"'] = 4};
    static const char *const rep[] = {"", "&amp;", "&lt;", "&gt;", "&quot;"};
    static const unsigned char rep_len[] = {0, 5, 4, 4, 6};
    size_t run = 0;
    for (size_t i = 0; i < n; i++) {
        unsigned k = kind[(unsigned char)s[i]];
        if (!k)
            continue;
        podfmt_buf_put(out, s + run, i - run);
        podfmt_buf_put(out, rep[k], rep_len[k]);
        run = i + 1;
    }
    podfmt_buf_put(out, s + run, n - run);
}

#define SHOWN(n) ((int)((n) > 64 ? 64 : (n)))

/* Sets err to the message at the line and column of offset off in t. */
static void error_in(podfmt_error *err, const char *t, size_t off,
                     const char *what, const char *fmt, ...)
    PODFMT_PRINTF(5, 6);
static void error_in(podfmt_error *err, const char *t, size_t off,
                     const char *what, const char *fmt, ...)
{
    char msg[200];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(msg, sizeof msg, fmt, ap);
    va_end(ap);
    /* with no name here, the caller puts the file's in front */
    error_at(err, t, off, off, "%s%s%s", what ? what : "", what ? ": " : "",
             msg);
}

static bool name_char(char c)
{
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
           (c >= '0' && c <= '9') || c == '_' || c == '-';
}

/* Finds "{{/name}}" (spaces allowed) from p; returns the offset just
 * after it, or 0 when there is none. */
static size_t find_close(const char *t, size_t len, size_t from,
                         const char *name, size_t nlen)
{
    const char *p = t + from;
    const char *end = t + len;
    while ((p = memchr(p, '{', (size_t)(end - p)))) {
        const char *q = p + 1;
        if (q < end && *q == '{') {
            q++;
            while (q < end && *q == ' ')
                q++;
            if (q < end && *q == '/') {
                q++;
                while (q < end && *q == ' ')
                    q++;
                if ((size_t)(end - q) >= nlen && memcmp(q, name, nlen) == 0) {
                    q += nlen;
                    while (q < end && *q == ' ')
                        q++;
                    if (end - q >= 2 && q[0] == '}' && q[1] == '}')
                        return (size_t)(q + 2 - t);
                }
            }
        }
        p++;
    }
    return 0;
}

podfmt_status template_fill(const char *t, size_t len, const char *what,
                            template_lookup lookup, void *ctx, podfmt_buf *out,
                            podfmt_error *err)
{
    size_t i = 0;
    size_t open_at[16], open_len[16], depth = 0; /* kept sections */
    while (i < len) {
        const char *open = memchr(t + i, '{', len - i);
        if (!open) {
            podfmt_buf_put(out, t + i, len - i);
            break;
        }
        size_t o = (size_t)(open - t);
        if (o + 1 >= len || t[o + 1] != '{') {
            podfmt_buf_put(out, t + i, o + 1 - i);
            i = o + 1;
            continue;
        }
        podfmt_buf_put(out, t + i, o - i);
        size_t p = o + 2;
        while (p < len && t[p] == ' ')
            p++;
        char kind = 0;
        if (p < len && (t[p] == '#' || t[p] == '/')) {
            kind = t[p++];
            while (p < len && t[p] == ' ')
                p++;
        }
        size_t name = p;
        while (p < len && name_char(t[p]))
            p++;
        size_t nlen = p - name;
        while (p < len && t[p] == ' ')
            p++;
        if (nlen == 0 || p + 1 >= len || t[p] != '}' || t[p + 1] != '}') {
            error_in(err, t, o, what, "'{{' without a variable name and '}}'");
            return PODFMT_EUSAGE;
        }
        if (kind == '/') { /* the close of a kept section writes nothing */
            if (depth == 0 || open_len[depth - 1] != nlen ||
                memcmp(t + open_at[depth - 1], t + name, nlen) != 0) {
                error_in(err, t, o, what, "'{{/%.*s}}' closes no open section",
                         SHOWN(nlen), t + name);
                return PODFMT_EUSAGE;
            }
            depth--;
            i = p + 2;
            continue;
        }
        size_t after = p + 2;
        int r = lookup(ctx, t + name, nlen, kind ? NULL : out);
        if (r < -1) {
            error_set(err, 0, 0, "out of memory");
            return PODFMT_EIO;
        }
        if (r < 0) {
            error_in(err, t, o, what, "unknown variable '%.*s'", SHOWN(nlen),
                     t + name);
            return PODFMT_EUSAGE;
        }
        if (kind == '#') {
            size_t close = find_close(t, len, after, t + name, nlen);
            if (!close) {
                error_in(err, t, o, what,
                         "section '%.*s' is never closed with {{/%.*s}}",
                         SHOWN(nlen), t + name, SHOWN(nlen), t + name);
                return PODFMT_EUSAGE;
            }
            if (r == 0) { /* empty: skip the section */
                i = close;
                continue;
            }
            /* a kept section: its content is filled, its close dropped */
            if (depth == sizeof open_at / sizeof open_at[0]) {
                error_in(err, t, o, what, "sections nested too deep at '%.*s'",
                         SHOWN(nlen), t + name);
                return PODFMT_EUSAGE;
            }
            open_at[depth] = name;
            open_len[depth++] = nlen;
        }
        i = after;
    }
    return out->failed ? PODFMT_EIO : PODFMT_OK;
}
