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

/* A turn's speaking time from its segments when each has a start and an
 * end; -1 when they do not. */
static int64_t segments_ms(const podfmt_doc *doc, const podfmt_block *b)
{
    int64_t sum = 0;
    for (size_t i = 0; i < b->count; i++) {
        const podfmt_segment *seg = &doc->segments[b->first + i];
        if (seg->start == PODFMT_NO_TIME || seg->end == PODFMT_NO_TIME ||
            seg->end < seg->start)
            return -1;
        sum += seg->end - seg->start;
    }
    return b->count > 0 ? sum : -1;
}

static void add_ms(talk_acc *a, size_t row, int64_t ms)
{
    if (ms < 0) {
        a->timed = false;
        return;
    }
    a->all[row].ms += ms;
    a->ms += ms;
}

/* The waiting turn's time, now that the next known start is `next`
 * (PODFMT_NO_TIME: none came): up to it, or else to its own end. */
static void resolve(talk_acc *a, int64_t next)
{
    if (!a->waiting)
        return;
    a->waiting = false;
    int64_t ms = -1;
    if (next != PODFMT_NO_TIME && next >= a->wait_start)
        ms = next - a->wait_start;
    else if (a->wait_end != PODFMT_NO_TIME && a->wait_end > a->wait_start)
        ms = a->wait_end - a->wait_start;
    add_ms(a, a->wait_row, ms);
}

int talk_acc_init(talk_acc *a, size_t n_speakers)
{
    memset(a, 0, sizeof *a);
    a->all = calloc(n_speakers + 1, sizeof *a->all);
    if (!a->all)
        return -1;
    a->ns = n_speakers;
    for (size_t s = 0; s <= n_speakers; s++)
        a->all[s].speaker = s < n_speakers ? (int)s : -1;
    a->timed = true;
    return 0;
}

void talk_acc_blocks(talk_acc *a, const podfmt_doc *doc, size_t n)
{
    for (size_t i = 0; i < n; i++) {
        const podfmt_block *b = &doc->blocks[i];
        if (b->start != PODFMT_NO_TIME) /* the turn before lasts to here */
            resolve(a, b->start);
        if (b->kind != PODFMT_BLOCK_TURN)
            continue;
        size_t words = 0;
        for (size_t j = 0; j < b->count; j++) {
            const podfmt_segment *seg = &doc->segments[b->first + j];
            words += count_words(seg->text, seg->len);
        }
        if (words == 0)
            continue;
        a->any = true;
        size_t row = b->speaker >= 0 && (size_t)b->speaker < a->ns
                         ? (size_t)b->speaker : a->ns;
        a->all[row].words += words;
        a->words += words;
        int64_t ms = segments_ms(doc, b);
        if (ms >= 0 || b->start == PODFMT_NO_TIME) {
            add_ms(a, row, ms);
        } else { /* up to the next known start: it is still to come */
            a->waiting = true;
            a->wait_row = row;
            a->wait_start = b->start;
            a->wait_end = b->end;
        }
    }
}

void talk_acc_end(talk_acc *a, talk_stats *st)
{
    resolve(a, PODFMT_NO_TIME);
    memset(st, 0, sizeof *st);
    st->words = a->words;
    st->ms = a->ms;
    st->timed = a->timed && a->any && a->ms > 0;
    size_t n = 0;
    for (size_t s = 0; s <= a->ns; s++)
        if (a->all[s].words > 0)
            a->all[n++] = a->all[s];
    st->rows = a->all;
    st->n = n;
    a->all = NULL;
}

void talk_acc_free(talk_acc *a)
{
    free(a->all);
    a->all = NULL;
}

int talk_stats_compute(const podfmt_doc *doc, talk_stats *st)
{
    talk_acc a;
    if (talk_acc_init(&a, doc->n_speakers) != 0)
        return -1;
    talk_acc_blocks(&a, doc, doc->n_blocks);
    talk_acc_end(&a, st);
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

/* The table of st. */
static void stats_table(const podfmt_doc *doc, const talk_stats *st,
                        podfmt_buf *out)
{
    size_t name_w = strlen("Speaker");
    for (size_t i = 0; i < st->n; i++) {
        size_t w = text_width(talk_row_name(doc, &st->rows[i]));
        if (w > name_w)
            name_w = w;
    }
    podfmt_buf tmp;
    podfmt_buf_init(&tmp);
    podfmt_buf_puts(out, "Speaker");
    pad(out, name_w - strlen("Speaker") + 2);
    podfmt_buf_puts(out, st->timed ? "  Words  Words%      Time   Time%\n"
                                   : "  Words  Words%\n");
    for (size_t i = 0; i < st->n; i++)
        table_row(out, &tmp, talk_row_name(doc, &st->rows[i]), name_w,
                  st->rows[i].words, st->words, st->rows[i].ms, st->ms, st->timed);
    table_row(out, &tmp, "Total", name_w, st->words, st->words, st->ms, st->ms,
              st->timed);
    if (!st->timed)
        podfmt_buf_puts(out, st->n == 0
                                 ? "No turns in this input: nothing to count.\n"
                                 : "Shares are of words only: the input does "
                                   "not give the time of every turn.\n");
    podfmt_buf_free(&tmp);
}

/* --stats as a stream writer: the counts as the blocks come, the table at
 * the end (the names are the document's: speakers stay). */
typedef struct stats_stream {
    talk_acc talk;
    podfmt_buf *out;
} stats_stream;

static void *stats_begin(const podfmt_doc *doc, const podfmt_options *opts,
                         podfmt_buf *out)
{
    (void)opts;
    stats_stream *s = calloc(1, sizeof *s);
    if (!s || talk_acc_init(&s->talk, doc->n_speakers) != 0) {
        free(s);
        return NULL;
    }
    s->out = out;
    return s;
}

static int stats_blocks(void *st, const podfmt_doc *doc, size_t n)
{
    stats_stream *s = st;
    talk_acc_blocks(&s->talk, doc, n);
    return 0;
}

static podfmt_status stats_end(void *st, const podfmt_doc *doc, bool write,
                               podfmt_error *err)
{
    stats_stream *s = st;
    podfmt_status r = PODFMT_OK;
    if (write) {
        talk_stats ts;
        talk_acc_end(&s->talk, &ts);
        stats_table(doc, &ts, s->out);
        talk_stats_free(&ts);
        if (s->out->failed) {
            error_set(err, 0, 0, "out of memory or write failed");
            r = PODFMT_EIO;
        }
    }
    talk_acc_free(&s->talk);
    free(s);
    return r;
}

const stream_writer stats_stream_writer = {stats_begin, stats_blocks,
                                           stats_end, false, false};

podfmt_status podfmt_write_stats(const podfmt_doc *doc,
                                 const podfmt_options *opts, podfmt_buf *out,
                                 podfmt_error *err)
{
    return stream_whole(&stats_stream_writer, doc, opts, out, err);
}
