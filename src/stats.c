/* Talk time: who spoke how much.  The counts behind --stats, the bar
 * chart that ends a standalone HTML page and the table that ends
 * `-t md -s`. */
#include "stats.h"
#include "mdhtml.h"

#include <stdlib.h>
#include <string.h>
#include <utf8proc.h>

static size_t count_words(const char *s, size_t n)
{
    size_t words = 0;
    bool in_word = false;
    for (size_t i = 0; i < n; i++) {
        bool space = s[i] == ' ';
        if (!space && !in_word)
            words++;
        in_word = !space;
    }
    return words;
}

/* A turn's speaking time, or -1 when the input does not tell. */
static int64_t turn_ms(const podfmt_doc *doc, const podfmt_block *b,
                       int64_t next_start)
{
    int64_t sum = 0;
    bool all = b->count > 0;
    for (size_t i = 0; i < b->count && all; i++) {
        const podfmt_segment *seg = &doc->segments[b->first + i];
        if (seg->start == PODFMT_NO_TIME || seg->end == PODFMT_NO_TIME ||
            seg->end < seg->start)
            all = false;
        else
            sum += seg->end - seg->start;
    }
    if (all)
        return sum;
    if (b->start == PODFMT_NO_TIME)
        return -1;
    if (next_start != PODFMT_NO_TIME && next_start >= b->start)
        return next_start - b->start;
    if (b->end != PODFMT_NO_TIME && b->end > b->start)
        return b->end - b->start;
    return -1;
}

int talk_stats_compute(const podfmt_doc *doc, talk_stats *st)
{
    memset(st, 0, sizeof *st);
    size_t ns = doc->n_speakers;
    talk_row *all = calloc(ns + 1, sizeof *all);
    int64_t *next = calloc(doc->n_blocks + 1, sizeof *next);
    if (!all || !next) {
        free(all);
        free(next);
        return -1;
    }
    /* next[i]: the first known start of a block after block i */
    next[doc->n_blocks] = PODFMT_NO_TIME;
    for (size_t i = doc->n_blocks; i-- > 0;) {
        int64_t t = i + 1 < doc->n_blocks ? doc->blocks[i + 1].start
                                          : PODFMT_NO_TIME;
        next[i] = t != PODFMT_NO_TIME ? t : next[i + 1];
    }
    for (size_t s = 0; s <= ns; s++)
        all[s].speaker = s < ns ? (int)s : -1;
    st->timed = true;
    bool any = false;
    for (size_t i = 0; i < doc->n_blocks; i++) {
        const podfmt_block *b = &doc->blocks[i];
        if (b->kind != PODFMT_BLOCK_TURN)
            continue;
        size_t words = 0;
        for (size_t j = 0; j < b->count; j++) {
            const podfmt_segment *seg = &doc->segments[b->first + j];
            words += count_words(seg->text, seg->len);
        }
        if (words == 0)
            continue;
        any = true;
        talk_row *r = b->speaker >= 0 && (size_t)b->speaker < ns
                          ? &all[b->speaker] : &all[ns];
        r->words += words;
        st->words += words;
        int64_t ms = turn_ms(doc, b, next[i]);
        if (ms < 0) {
            st->timed = false;
        } else {
            r->ms += ms;
            st->ms += ms;
        }
    }
    free(next);
    if (!any || st->ms <= 0)
        st->timed = false;
    size_t n = 0;
    for (size_t s = 0; s <= ns; s++)
        if (all[s].words > 0)
            all[n++] = all[s];
    st->rows = all;
    st->n = n;
    return 0;
}

void talk_stats_free(talk_stats *st)
{
    free(st->rows);
    st->rows = NULL;
    st->n = 0;
}

const char *talk_row_name(const podfmt_doc *doc, const talk_row *r)
{
    return r->speaker >= 0 ? doc->speakers[r->speaker].name : "Unattributed";
}

static unsigned permille(uint64_t part, uint64_t whole)
{
    if (whole == 0)
        return 0;
    /* words are bounded by the input size and times by
     * PODFMT_MAX_TIME_MS per turn: far from overflowing part * 1000 */
    if (part > whole)
        part = whole;
    while (whole > UINT64_MAX / 2000) {
        whole /= 2;
        part /= 2;
    }
    return (unsigned)((part * 1000 + whole / 2) / whole);
}

void talk_percent(podfmt_buf *out, uint64_t part, uint64_t whole)
{
    unsigned p = permille(part, whole);
    podfmt_buf_putu(out, p / 10);
    podfmt_buf_putc(out, '.');
    podfmt_buf_putu(out, p % 10);
    podfmt_buf_putc(out, '%');
}

unsigned talk_permille(const talk_stats *st, const talk_row *r)
{
    return st->timed ? permille((uint64_t)r->ms, (uint64_t)st->ms)
                     : permille(r->words, st->words);
}

/* ---- the plain table (--stats) ----------------------------------------- */

/* Display width of UTF-8 text in a terminal. */
static size_t text_width(const char *s)
{
    size_t w = 0, n = strlen(s);
    const utf8proc_uint8_t *p = (const utf8proc_uint8_t *)s;
    while (n > 0) {
        utf8proc_int32_t cp;
        utf8proc_ssize_t k = utf8proc_iterate(p, (utf8proc_ssize_t)n, &cp);
        if (k <= 0) {
            k = 1;
            cp = 0xFFFD;
        }
        int cw = utf8proc_charwidth(cp);
        w += cw > 0 ? (size_t)cw : 0;
        p += k;
        n -= (size_t)k;
    }
    return w;
}

static void pad(podfmt_buf *out, size_t n)
{
    while (n-- > 0)
        podfmt_buf_putc(out, ' ');
}

/* Writes text right-aligned in a column of width w; wider text still
 * keeps a space from the column before. */
static void right(podfmt_buf *out, podfmt_buf *tmp, size_t w)
{
    pad(out, tmp->len < w ? w - tmp->len : 1);
    podfmt_buf_put(out, tmp->data, tmp->len);
    tmp->len = 0;
}

static void table_row(podfmt_buf *out, podfmt_buf *tmp, const char *name,
                      size_t name_w, size_t words, size_t total_words,
                      int64_t ms, int64_t total_ms, bool timed)
{
    podfmt_buf_puts(out, name);
    pad(out, name_w - text_width(name) + 2);
    podfmt_buf_putu(tmp, words);
    right(out, tmp, 7);
    talk_percent(tmp, words, total_words);
    right(out, tmp, 8);
    if (timed) {
        prose_clock(tmp, ms < 0 ? 0 : ms + 500); /* to the nearest second */
        right(out, tmp, 10);
        talk_percent(tmp, (uint64_t)ms, (uint64_t)total_ms);
        right(out, tmp, 8);
    }
    podfmt_buf_putc(out, '\n');
}

podfmt_status podfmt_write_stats(const podfmt_doc *doc,
                                 const podfmt_options *opts, podfmt_buf *out,
                                 podfmt_error *err)
{
    (void)opts;
    talk_stats st;
    if (talk_stats_compute(doc, &st) != 0) {
        error_set(err, 0, 0, "out of memory");
        return PODFMT_EIO;
    }
    size_t name_w = strlen("Speaker");
    for (size_t i = 0; i < st.n; i++) {
        size_t w = text_width(talk_row_name(doc, &st.rows[i]));
        if (w > name_w)
            name_w = w;
    }
    podfmt_buf tmp;
    podfmt_buf_init(&tmp);
    podfmt_buf_puts(out, "Speaker");
    pad(out, name_w - strlen("Speaker") + 2);
    podfmt_buf_puts(out, st.timed ? "  Words  Words%      Time   Time%\n"
                                  : "  Words  Words%\n");
    for (size_t i = 0; i < st.n; i++)
        table_row(out, &tmp, talk_row_name(doc, &st.rows[i]), name_w,
                  st.rows[i].words, st.words, st.rows[i].ms, st.ms, st.timed);
    table_row(out, &tmp, "Total", name_w, st.words, st.words, st.ms, st.ms,
              st.timed);
    if (!st.timed)
        podfmt_buf_puts(out, st.n == 0
                                 ? "No turns in this input: nothing to count.\n"
                                 : "Shares are of words only: the input does "
                                   "not give the time of every turn.\n");
    podfmt_buf_free(&tmp);
    talk_stats_free(&st);
    if (out->failed) {
        error_set(err, 0, 0, "out of memory or write failed");
        return PODFMT_EIO;
    }
    return PODFMT_OK;
}
