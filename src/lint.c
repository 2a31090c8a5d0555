/* --lint: checks a subtitle file against a profile.  It reads SRT and
 * WebVTT with a small tolerant cue scanner of its own (a timing line with
 * "-->", the text lines up to a blank line), so that it can judge files
 * the readers would repair, and reports one line per problem:
 *
 *     NAME:LINE: cue N: 24.3 chars/s (max 20)
 *
 * Widths are display columns and characters are grapheme clusters, as
 * cue.c counts them when it makes cues; tags (<i>, <v Name>, <font>,
 * {\an8}) are not shown and do not count. */
#include "cue.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

typedef struct lint_line {
    const char *s;
    size_t n;
    int lineno;
} lint_line;

typedef struct linter {
    const char *name;
    cue_profile prof;
    int vtt;
    podfmt_buf *report;
    size_t problems;
    /* the cue being read */
    size_t index;  /* 1-based */
    int lineno;    /* of its timing line */
    int timed;     /* the timing line was readable */
    int64_t start, end;
    lint_line *lines;
    size_t n_lines, cap_lines;
    /* the cue before it */
    int have_prev;
    int64_t prev_end;
} linter;

static void problem(linter *L, int lineno, const char *fmt, ...)
    PODFMT_PRINTF(3, 4);
static void problem(linter *L, int lineno, const char *fmt, ...)
{
    char msg[256];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(msg, sizeof msg, fmt, ap);
    va_end(ap);
    podfmt_buf_printf(L->report, "%s:%d: cue %zu: %s\n", L->name, lineno,
                      L->index, msg);
    L->problems++;
}

/* The visible text of a cue line, into vis: tags dropped, and in WebVTT
 * the character references decoded. */
static void visible(const linter *L, const char *s, size_t n, podfmt_buf *vis)
{
    vis->len = 0;
    for (size_t i = 0; i < n;) {
        if (s[i] == '<') {
            const char *gt = memchr(s + i, '>', n - i);
            if (gt) {
                i = (size_t)(gt - s) + 1;
                continue;
            }
        }
        if (!L->vtt && s[i] == '{' && i + 1 < n && s[i + 1] == '\\') {
            const char *cb = memchr(s + i, '}', n - i);
            if (cb) {
                i = (size_t)(cb - s) + 1;
                continue;
            }
        }
        if (L->vtt && s[i] == '&') {
            static const struct {
                const char *ref, *text;
            } refs[] = {{"&amp;", "&"},         {"&lt;", "<"},
                        {"&gt;", ">"},          {"&nbsp;", "\xC2\xA0"},
                        {"&lrm;", ""},          {"&rlm;", ""},
                        {"&quot;", "\""},       {"&apos;", "'"}};
            size_t k;
            for (k = 0; k < sizeof refs / sizeof refs[0]; k++) {
                size_t rl = strlen(refs[k].ref);
                if (n - i >= rl && memcmp(s + i, refs[k].ref, rl) == 0) {
                    podfmt_buf_puts(vis, refs[k].text);
                    i += rl;
                    break;
                }
            }
            if (k < sizeof refs / sizeof refs[0])
                continue;
        }
        podfmt_buf_putc(vis, s[i]);
        i++;
    }
}

static void check_cue(linter *L)
{
    const cue_profile *p = &L->prof;
    if (!L->timed) {
        problem(L, L->lineno, "cannot read the timing line");
        return;
    }
    int64_t dur = L->end - L->start;
    if (dur <= 0)
        problem(L, L->lineno, "ends at %.3f s, not after its start %.3f s",
                (double)L->end / 1000, (double)L->start / 1000);
    else if (dur < p->min_ms)
        problem(L, L->lineno, "shown %.3f s (min %.3f)", (double)dur / 1000,
                (double)p->min_ms / 1000);
    else if (dur > p->max_ms)
        problem(L, L->lineno, "shown %.3f s (max %.3f)", (double)dur / 1000,
                (double)p->max_ms / 1000);
    if (L->have_prev) {
        int64_t gap = L->start - L->prev_end;
        if (gap < 0)
            problem(L, L->lineno, "overlaps cue %zu by %lld ms", L->index - 1,
                    (long long)-gap);
        else if (gap < p->gap_ms)
            problem(L, L->lineno, "%lld ms after cue %zu (min gap %lld ms)",
                    (long long)gap, L->index - 1, (long long)p->gap_ms);
    }
    if (L->n_lines == 0)
        problem(L, L->lineno, "no text");
    if ((int)L->n_lines > p->max_lines)
        problem(L, L->lines[0].lineno, "%zu lines (max %d)", L->n_lines,
                p->max_lines);
    podfmt_buf vis;
    podfmt_buf_init(&vis);
    size_t chars = 0;
    for (size_t i = 0; i < L->n_lines; i++) {
        visible(L, L->lines[i].s, L->lines[i].n, &vis);
        size_t cols, g;
        cue_measure(vis.data ? vis.data : "", vis.len, &cols, &g);
        chars += g;
        if ((int)cols > p->max_cols)
            problem(L, L->lines[i].lineno, "line %zu is %zu columns (max %d)",
                    i + 1, cols, p->max_cols);
    }
    podfmt_buf_free(&vis);
    if (dur > 0 && (int64_t)chars * 1000 > (int64_t)p->max_cps * dur) {
        double cps = (double)chars * 1000 / (double)dur;
        /* "20.0 chars/s" would read as no problem: show enough digits */
        problem(L, L->lineno, cps < (double)p->max_cps + 0.05 ? "%.2f chars/s (max %d)"
                                                               : "%.1f chars/s (max %d)",
                cps, p->max_cps);
    }
    L->have_prev = 1;
    L->prev_end = L->end;
}

/* Reads "START --> END [settings]"; 0 when it is not such a line. */
static int timing_line(const char *s, size_t n, int64_t *start, int64_t *end)
{
    const char *arrow = NULL;
    for (size_t i = 0; i + 3 <= n; i++)
        if (s[i] == '-' && s[i + 1] == '-' && s[i + 2] == '>') {
            arrow = s + i;
            break;
        }
    if (!arrow)
        return 0;
    const char *a = s;
    size_t an = (size_t)(arrow - s);
    trim(&a, &an);
    const char *b = arrow + 3;
    size_t bn = n - (size_t)(b - s);
    trim(&b, &bn);
    if (an == 0 || parse_clock(a, an, start) != an)
        return -1;
    if (bn == 0 || parse_clock(b, bn, end) == 0)
        return -1;
    return 1;
}

static int all_digits(const char *s, size_t n)
{
    if (n == 0)
        return 0;
    for (size_t i = 0; i < n; i++)
        if (s[i] < '0' || s[i] > '9')
            return 0;
    return 1;
}

static int starts_word(const char *s, size_t n, const char *w)
{
    size_t l = strlen(w);
    return n >= l && memcmp(s, w, l) == 0 &&
           (n == l || s[l] == ' ' || s[l] == '\t');
}

podfmt_status podfmt_lint(const char *data, size_t len, podfmt_format fmt,
                          const char *name, const podfmt_options *opts,
                          podfmt_buf *report, size_t *problems,
                          podfmt_error *err)
{
    *problems = 0;
    podfmt_options defaults;
    if (!opts) {
        podfmt_options_init(&defaults);
        opts = &defaults;
    }
    if (len >= 3 && memcmp(data, "\xEF\xBB\xBF", 3) == 0) {
        data += 3;
        len -= 3;
    }
    int vtt;
    if (fmt == PODFMT_FMT_VTT || fmt == PODFMT_FMT_SRT)
        vtt = fmt == PODFMT_FMT_VTT;
    else /* whatever detection said: the cues decide */
        vtt = len >= 6 && memcmp(data, "WEBVTT", 6) == 0;
    linter L;
    memset(&L, 0, sizeof L);
    L.name = name ? name : "-";
    L.vtt = vtt;
    L.report = report;
    cue_profile_get(opts->profile, &L.prof);

    line_iter it;
    line_iter_init(&it, data, len);
    const char *s;
    size_t n;
    enum { OUTSIDE, HEADER, SKIP, CUE } state = vtt ? HEADER : OUTSIDE;
    int saw_cue = 0;
    while (line_next(&it, &s, &n)) {
        const char *t = s;
        size_t tn = n;
        trim(&t, &tn);
        int64_t a = 0, b = 0;
        int tl = state == HEADER || state == SKIP ? 0 : timing_line(s, n, &a, &b);
        if (tl != 0) {
            if (state == CUE) {
                /* no blank line before it: the last text line was this
                 * cue's number or identifier */
                if (L.n_lines > 0 && (vtt || all_digits(L.lines[L.n_lines - 1].s,
                                                        L.lines[L.n_lines - 1].n)))
                    L.n_lines--;
                check_cue(&L);
            }
            L.index++;
            L.lineno = it.lineno;
            L.timed = tl > 0;
            L.start = a;
            L.end = b;
            L.n_lines = 0;
            state = CUE;
            saw_cue = 1;
            continue;
        }
        if (tn == 0) {
            if (state == CUE)
                check_cue(&L);
            state = OUTSIDE;
            continue;
        }
        if (state == HEADER || state == SKIP)
            continue;
        if (state == OUTSIDE) {
            if (vtt && (starts_word(t, tn, "NOTE") || starts_word(t, tn, "STYLE") ||
                        starts_word(t, tn, "REGION")))
                state = SKIP;
            continue; /* a cue number or identifier */
        }
        if (grow_array((void **)&L.lines, &L.cap_lines, L.n_lines + 1,
                       sizeof *L.lines) != 0) {
            free(L.lines);
            error_set(err, 0, 0, "out of memory");
            return PODFMT_EIO;
        }
        lint_line ll = {s, n, it.lineno};
        L.lines[L.n_lines++] = ll;
    }
    if (state == CUE)
        check_cue(&L);
    free(L.lines);
    if (!saw_cue && !vtt && len > 0 && !is_blank(data, len)) {
        error_set(err, 1, 1, "no subtitle cues found (a timing line with -->)");
        return PODFMT_EINPUT;
    }
    if (!saw_cue) { /* an empty file, or a WEBVTT header alone: shows nothing */
        podfmt_buf_printf(report, "%s:1: no cues\n", L.name);
        L.problems++;
    }
    *problems = L.problems;
    /* a clean file leaves the report empty but allocated: callers may
     * hand report->data to fwrite */
    podfmt_buf_cstr(report);
    return report->failed ? PODFMT_EIO : PODFMT_OK;
}
