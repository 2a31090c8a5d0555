/* Which reader a file needs, from its content first; the file name's
 * extension only breaks ties between readers that could both take it. */
#include "internal.h"

#include <string.h>
#include <strings.h>

static bool starts_with(const char *s, size_t n, const char *p)
{
    size_t l = strlen(p);
    return n >= l && memcmp(s, p, l) == 0;
}

static const char *extension(const char *name)
{
    if (!name)
        return "";
    const char *slash = strrchr(name, '/');
    const char *dot = strrchr(slash ? slash : name, '.');
    return dot ? dot + 1 : "";
}

/* A cue timing line: a clock, "-->", a clock. */
static bool is_timing_line(const char *s, size_t n)
{
    const char *arrow = NULL;
    for (size_t i = 0; i + 3 <= n; i++) {
        if (s[i] == '-' && s[i + 1] == '-' && s[i + 2] == '>') {
            arrow = s + i;
            break;
        }
    }
    if (!arrow)
        return false;
    const char *p = s;
    size_t m = (size_t)(arrow - s);
    trim(&p, &m);
    int64_t ms;
    if (m == 0)
        return false;
    /* VTT's seconds-only times ("0.000 --> 3.480") count too */
    if (parse_clock(p, m, &ms) == 0 && !(p[0] >= '0' && p[0] <= '9' &&
                                           memchr(p, '.', m)))
        return false;
    return true;
}

static bool all_digits(const char *s, size_t n)
{
    if (n == 0)
        return false;
    for (size_t i = 0; i < n; i++)
        if (s[i] < '0' || s[i] > '9')
            return false;
    return true;
}

/* The structured form: after YAML comments, blank lines, "---" and
 * directives, a top-level key, and "podfmt: N" among the first top-level
 * lines ("# written by hand" then "podfmt: 1", or "meta:" first). */
static bool looks_structured(const char *s, size_t n)
{
    line_iter it;
    line_iter_init(&it, s, n);
    const char *l;
    size_t ln;
    bool content = false;
    for (int lines = 0; lines < 200 && line_next(&it, &l, &ln); lines++) {
        if (ln == 0 || (l[0] == '#' && (ln == 1 || l[1] == ' ')) ||
            (!content && (starts_with(l, ln, "---") || l[0] == '%')))
            continue;
        if (l[0] == ' ' || l[0] == '-')
            continue; /* inside a top-level value */
        if (starts_with(l, ln, "podfmt:"))
            return true;
        /* every other top-level line is a key of the form */
        if (!(starts_with(l, ln, "meta:") || starts_with(l, ln, "speakers:") ||
              starts_with(l, ln, "blocks:")))
            return false;
        content = true;
    }
    return false;
}

podfmt_format podfmt_detect(const char *data, size_t len, const char *name_hint)
{
    const char *ext = extension(name_hint);
    if (len >= 3 && memcmp(data, "\xEF\xBB\xBF", 3) == 0) {
        data += 3;
        len -= 3;
    }
    size_t i = 0;
    while (i < len && (data[i] == ' ' || data[i] == '\t' || data[i] == '\r' ||
                       data[i] == '\n'))
        i++;
    const char *s = data + i;
    size_t n = len - i;
    if (n >= 6 && strncasecmp(s, "WEBVTT", 6) == 0)
        return PODFMT_FMT_VTT; /* the reader judges a miscased header */
    if (n && s[0] == '{')
        return PODFMT_FMT_JSON;
    if (n && s[0] == '[') {
        size_t j = 1;
        while (j < n && (s[j] == ' ' || s[j] == '\t' || s[j] == '\r' ||
                         s[j] == '\n'))
            j++;
        if (j == n || s[j] == '{' || s[j] == ']')
            return PODFMT_FMT_JSON;
    }
    if (looks_structured(s, n))
        return PODFMT_FMT_YAML;

    /* Look at the first lines: subtitle timings, Markdown structure. */
    line_iter it;
    line_iter_init(&it, s, n);
    const char *l;
    size_t ln;
    int lines = 0, md_marks = 0, timings = 0;
    bool first = true, prev_number = false;
    while (lines < 200 && line_next(&it, &l, &ln)) {
        lines++;
        const char *t = l;
        size_t tn = ln;
        trim(&t, &tn);
        if (tn == 0)
            continue;
        if (first && tn == 3 && memcmp(t, "---", 3) == 0)
            return PODFMT_FMT_MD; /* front matter */
        first = false;
        if (is_timing_line(t, tn)) {
            timings++;
            if (prev_number || timings >= 2)
                return PODFMT_FMT_SRT;
        }
        prev_number = all_digits(t, tn);
        if ((tn > 2 && t[0] == '#' && (t[1] == ' ' || t[1] == '#')) ||
            (tn > 4 && t[0] == '*' && t[1] == '*' && memchr(t + 2, '*', tn - 2)))
            md_marks++;
    }
    if (timings)
        return PODFMT_FMT_SRT;
    if (md_marks >= 2 || (md_marks && (strcasecmp(ext, "md") == 0 ||
                                      strcasecmp(ext, "markdown") == 0)))
        return PODFMT_FMT_MD;
    if (strcasecmp(ext, "md") == 0 || strcasecmp(ext, "markdown") == 0)
        return PODFMT_FMT_MD;
    return PODFMT_FMT_TEXT;
}

/* Formats met in the wild that podfmt does not read yet (CONVENTIONS.md):
 * reading them as plain text would print their markup as words, so `auto`
 * names them instead. */
const char *detect_unsupported(const char *s, size_t n)
{
    size_t i = 0;
    while (i < n && (s[i] == ' ' || s[i] == '\t' || s[i] == '\r' || s[i] == '\n'))
        i++;
    s += i;
    n -= i;
    if (starts_with(s, n, "<?xml") || starts_with(s, n, "<!DOCTYPE") ||
        starts_with(s, n, "<!doctype") || starts_with(s, n, "<html") ||
        starts_with(s, n, "<!--") || starts_with(s, n, "<cite>") ||
        starts_with(s, n, "<p>") || starts_with(s, n, "<time>") ||
        starts_with(s, n, "<tt") || starts_with(s, n, "<div"))
        return "this looks like HTML or XML (a Podcasting 2.0 HTML, Podlove "
               "or TTML transcript), which podfmt does not read yet; use "
               "-f text to read it as plain text anyway";
    if (starts_with(s, n, "[Script Info]"))
        return "this is a SubStation Alpha (ASS/SSA) file, which podfmt does "
               "not read yet";
    /* YouTube SBV: "0:00:00.378,0:00:11.378" */
    int64_t a, b;
    size_t k = parse_clock(s, n, &a);
    if (k && k < n && s[k] == ',' && parse_clock(s + k + 1, n - k - 1, &b))
        return "this is a YouTube SBV file, which podfmt does not read yet";
    return NULL;
}
