/* A tiny template engine for templates/ (and --template FILE):
 *
 *   {{name}}               the variable's value
 *   {{#name}} ... {{/name}} the content, only when the variable is non-empty
 *
 * Names are letters, digits and '_', with optional spaces inside the
 * braces.  The caller decides the set of variables and how each value is
 * escaped; a name the caller does not know is an error naming it, so a
 * typo in a template never silently yields an empty page part.  One pass,
 * no recursion: linear in the template's size. */
#include "mdhtml.h"

#include <string.h>

void html_escape(podfmt_buf *out, const char *s, size_t n)
{
    size_t run = 0;
    for (size_t i = 0; i < n; i++) {
        const char *rep;
        switch (s[i]) {
        case '&': rep = "&amp;"; break;
        case '<': rep = "&lt;"; break;
        case '>': rep = "&gt;"; break;
        case '"': rep = "&quot;"; break;
        default: continue;
        }
        podfmt_buf_put(out, s + run, i - run);
        podfmt_buf_puts(out, rep);
        run = i + 1;
    }
    podfmt_buf_put(out, s + run, n - run);
}

static int line_of(const char *t, size_t off)
{
    int line = 1;
    for (const char *p = t; (p = memchr(p, '\n', (size_t)(t + off - p))); p++)
        line++;
    return line;
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
            error_set(err, 0, 0,
                      "%s, line %d: '{{' without a variable name and '}}'",
                      what, line_of(t, o));
            return PODFMT_EUSAGE;
        }
        size_t after = p + 2;
        int r = lookup(ctx, t + name, nlen, kind ? NULL : out);
        if (r < -1) {
            error_set(err, 0, 0, "out of memory");
            return PODFMT_EIO;
        }
        if (r < 0) {
            error_set(err, 0, 0, "%s, line %d: unknown variable '%.*s'",
                      what, line_of(t, o), (int)(nlen > 64 ? 64 : nlen), t + name);
            return PODFMT_EUSAGE;
        }
        if (kind == '#') {
            size_t close = find_close(t, len, after, t + name, nlen);
            if (!close) {
                error_set(err, 0, 0,
                          "%s, line %d: section '%.*s' is never closed "
                          "with {{/%.*s}}",
                          what, line_of(t, o), (int)(nlen > 64 ? 64 : nlen),
                          t + name, (int)(nlen > 64 ? 64 : nlen), t + name);
                return PODFMT_EUSAGE;
            }
            if (r == 0) { /* empty: skip the section */
                i = close;
                continue;
            }
        }
        i = after; /* a kept section's "{{/name}}" writes nothing */
    }
    return out->failed ? PODFMT_EIO : PODFMT_OK;
}
