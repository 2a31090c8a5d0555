/* SubRip (.srt): blocks of a cue number, a timing line and text.
 *
 * Real files bend every part of that, and all of it is read: numbers
 * missing, out of order or repeated (they are ignored); no blank line
 * between cues, or several; a timing line straight after text (the line
 * before it, when it is a number, is the new cue's number); `.` for `,`
 * and one- or two-digit fractions; a blank line inside a cue's text (the
 * text goes on).  What cannot be read is an error with its position: a
 * malformed timing line, a cue number without a timing line, and text
 * before the first cue.  The cue text is read by subread.c. */
#include "subread.h"

/* Reads every cue of the file into sr (see sr_read). */
static podfmt_status srt_cues(subread *sr, const char *data, size_t len,
                              podfmt_error *err)
{
    sr_lines text = {0};
    podfmt_status st = PODFMT_OK;
    line_iter it;
    line_iter_init(&it, data, len);
    const char *l;
    size_t n;
    bool in_cue = false, block_start = true;
    int64_t start = 0, end = 0;
    const char *number = NULL; /* a number line at a block's start */
    size_t number_len = 0;
    while (st == PODFMT_OK && line_next(&it, &l, &n)) {
        if (is_blank(l, n)) {
            if (number) {
                error_at(err, data, len, (size_t)(l - data),
                         "expected a timing line like 00:00:01,000 --> "
                         "00:00:04,000 after cue number %.*s",
                         (int)(number_len < 20 ? number_len : 20), number);
                st = PODFMT_EINPUT;
                break;
            }
            block_start = true;
            continue;
        }
        if (sr_timing_candidate(l, n)) {
            int64_t s0, e0;
            st = sr_timing(data, len, l, n, SR_SRT, &s0, &e0, err);
            if (st != PODFMT_OK)
                break;
            if (in_cue) {
                /* "text / 2 / timing": the 2 numbers the new cue */
                if (text.n > 0 && sr_all_digits(text.v[text.n - 1].s,
                                                text.v[text.n - 1].n))
                    text.n--;
                if (sr_add_cue(sr, start, end, text.v, text.n) != 0)
                    goto oom;
            }
            text.n = 0;
            in_cue = true;
            number = NULL;
            block_start = false;
            start = s0;
            end = e0;
            continue;
        }
        if (block_start && sr_all_digits(l, n)) {
            number = l;
            number_len = n;
            block_start = false;
            continue;
        }
        if (number) {
            const char *t = l;
            size_t tn = n;
            trim(&t, &tn);
            int64_t s0, e0;
            /* shaped like a timing line: say what is wrong with it */
            if (t[0] >= '0' && t[0] <= '9' &&
                (st = sr_timing(data, len, l, n, SR_SRT, &s0, &e0, err)) != PODFMT_OK)
                break;
            error_at(err, data, len, (size_t)(l - data),
                     "expected a timing line like 00:00:01,000 --> "
                     "00:00:04,000 after cue number %.*s",
                     (int)(number_len < 20 ? number_len : 20), number);
            st = PODFMT_EINPUT;
            break;
        }
        if (!in_cue) {
            error_at(err, data, len, (size_t)(l - data),
                     "expected a cue number or a timing line like "
                     "00:00:01,000 --> 00:00:04,000");
            st = PODFMT_EINPUT;
            break;
        }
        block_start = false;
        if (sr_lines_push(&text, l, n) != 0)
            goto oom;
    }
    if (st == PODFMT_OK && number) {
        error_at(err, data, len, len,
                 "expected a timing line like 00:00:01,000 --> 00:00:04,000 "
                 "after cue number %.*s",
                 (int)(number_len < 20 ? number_len : 20), number);
        st = PODFMT_EINPUT;
    }
    if (st == PODFMT_OK && in_cue && sr_add_cue(sr, start, end, text.v, text.n) != 0)
        goto oom;
    sr_lines_free(&text);
    return st;
oom:
    sr_lines_free(&text);
    error_set(err, 0, 0, "out of memory");
    return PODFMT_EIO;
}

podfmt_status podfmt_read_srt(podfmt_doc *doc, const char *data, size_t len,
                              const podfmt_options *opts, podfmt_error *err)
{
    return sr_read(SR_SRT, srt_cues, doc, data, len, opts, err);
}
