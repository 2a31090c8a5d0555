/* WebVTT (.vtt): a "WEBVTT" line, header lines, then blocks: cues (an
 * optional identifier, a timing line with optional settings, text), and
 * NOTE, STYLE and REGION blocks, which are skipped.
 *
 * Read as real files are written, not only as the spec allows: text after
 * "WEBVTT", header lines (Kind:, Language:, X-TIMESTAMP-MAP, YouTube's
 * Style:) up to the first blank line or the first timing line; blank
 * lines before the header; a file whose header is missing but whose first
 * block is a cue; identifiers of any shape (Teams' GUIDs, even ones
 * containing "-->"); seconds-only times ("0.000 --> 3.480"); settings
 * glued to the end time; a cue straight after another cue's text; a
 * blank line inside a cue's text (the text goes on: nothing is lost).
 * Text blocks before the first cue carry no cue and are skipped, as the
 * spec skips them.  A malformed timing line is an error with its
 * position.  The cue text is read by subread.c. */
#include "subread.h"

#include <string.h>

/* Whether the line opens with `word` followed by white space or its end. */
static bool opens_with(const char *s, size_t n, const char *word)
{
    size_t l = strlen(word);
    return n >= l && memcmp(s, word, l) == 0 &&
           (n == l || s[l] == ' ' || s[l] == '\t');
}

static bool has_arrow(const char *s, size_t n)
{
    for (size_t i = 0; i + 3 <= n; i++)
        if (s[i] == '-' && s[i + 1] == '-' && s[i + 2] == '>')
            return true;
    return false;
}

/* Reads every cue of the file into sr (see sr_read). */
static podfmt_status vtt_cues(subread *sr, const char *data, size_t len,
                              podfmt_error *err)
{
    sr_lines text = {0};
    podfmt_status st = PODFMT_OK;
    line_iter it;
    line_iter_init(&it, data, len);
    const char *l;
    size_t n;

    /* the signature; a file without it is read when its first block is
     * a cue (an identifier and a timing line, or a timing line) */
    bool header = false, have_line = false;
    while (line_next(&it, &l, &n)) {
        if (is_blank(l, n))
            continue;
        const char *t = l;
        size_t tn = n;
        trim(&t, &tn);
        if (opens_with(t, tn, "WEBVTT")) {
            header = true;
        } else {
            line_iter peek = it;
            const char *l2;
            size_t n2;
            if (!sr_timing_candidate(l, n) &&
                !(line_next(&peek, &l2, &n2) && sr_timing_candidate(l2, n2))) {
                error_at(err, data, len, (size_t)(t - data),
                         "expected 'WEBVTT' on the first line of a WebVTT file");
                return PODFMT_EINPUT;
            }
            have_line = true; /* l is the first line of the body */
        }
        break;
    }

    bool in_cue = false, block_start = true, skipping = header;
    int64_t start = 0, end = 0;
    const char *pending = NULL; /* a non-timing line opening a block */
    size_t pending_len = 0;
    while (st == PODFMT_OK && (have_line || line_next(&it, &l, &n))) {
        have_line = false;
        if (is_blank(l, n)) {
            if (pending && in_cue && sr_lines_push(&text, pending, pending_len) != 0)
                goto oom;
            pending = NULL;
            block_start = true;
            skipping = false;
            continue;
        }
        if (sr_timing_candidate(l, n)) {
            int64_t s0, e0;
            if (block_start) {
                /* "2 --> weird id" above the timing line: an identifier
                 * holding "-->", which the spec forbids and files have */
                line_iter peek = it;
                const char *l2;
                size_t n2;
                size_t bad;
                const char *why;
                if (line_next(&peek, &l2, &n2) && sr_timing_candidate(l2, n2) &&
                    sr_parse_timing(l, n, SR_VTT, &s0, &e0, &bad, &why) != 0 &&
                    sr_parse_timing(l2, n2, SR_VTT, &s0, &e0, &bad, &why) == 0) {
                    block_start = false;
                    skipping = false;
                    pending = l;
                    pending_len = n;
                    continue;
                }
            }
            st = sr_timing(data, len, l, n, SR_VTT, &s0, &e0, err);
            if (st != PODFMT_OK)
                break;
            if (in_cue) {
                /* a cue straight after text: the line before the timing
                 * line is its identifier when it cannot be text (it holds
                 * "-->") or is a number */
                if (!pending && text.n > 0) {
                    const sr_line *last = &text.v[text.n - 1];
                    if (sr_all_digits(last->s, last->n) ||
                        has_arrow(last->s, last->n))
                        text.n--;
                }
                if (sr_add_cue(sr, start, end, text.v, text.n) != 0)
                    goto oom;
            }
            text.n = 0;
            pending = NULL; /* the identifier */
            in_cue = true;
            skipping = false;
            block_start = false;
            start = s0;
            end = e0;
            continue;
        }
        if (skipping)
            continue;
        if (block_start) {
            block_start = false;
            const char *t = l;
            size_t tn = n;
            trim(&t, &tn);
            if (opens_with(t, tn, "NOTE") || opens_with(t, tn, "STYLE") ||
                opens_with(t, tn, "REGION")) {
                skipping = true;
                continue;
            }
            pending = l;
            pending_len = n;
            continue;
        }
        if (pending) {
            /* two lines and no timing line: text, not a cue */
            if (!in_cue) {
                skipping = true;
                pending = NULL;
                continue;
            }
            if (sr_lines_push(&text, pending, pending_len) != 0)
                goto oom;
            pending = NULL;
        }
        if (in_cue && sr_lines_push(&text, l, n) != 0)
            goto oom;
    }
    if (st == PODFMT_OK && pending && in_cue &&
        sr_lines_push(&text, pending, pending_len) != 0)
        goto oom;
    if (st == PODFMT_OK && in_cue && sr_add_cue(sr, start, end, text.v, text.n) != 0)
        goto oom;
    sr_lines_free(&text);
    return st;
oom:
    sr_lines_free(&text);
    error_set(err, 0, 0, "out of memory");
    return PODFMT_EIO;
}

podfmt_status podfmt_read_vtt(podfmt_doc *doc, const char *data, size_t len,
                              const podfmt_options *opts, podfmt_error *err)
{
    return sr_read(SR_VTT, vtt_cues, doc, data, len, opts, err);
}
