/* The chapters writer (-t chapters): Podcasting 2.0 chapters JSON,
 *
 *   {"version": "1.2.0", "title": "...", "chapters": [
 *   {"startTime": 0.0, "title": "Intro"},
 *   ...
 *   ]}
 *
 * one chapter a heading, titled as written (plain text).  A chapter starts
 * at the heading's own time, or else at the first timed segment of its
 * section (before the next heading).  A section without any time gets an
 * estimate: the last time known before it (a segment's, or a turn's own
 * start or end) plus the untimed words read since at the speaking rate
 * (--wpm).  Chapters never go back in time: one that would start before
 * the chapter above starts with it.  "title" is the document's title when
 * it has one. */
#include "internal.h"
#include "json_text.h"

#include <jansson.h>
#include <stdlib.h>

static int to_buf(const char *data, size_t size, void *ctx)
{
    podfmt_buf *b = ctx;
    podfmt_buf_put(b, data, size);
    return b->failed ? -1 : 0;
}

static size_t count_words(const char *s, size_t n)
{
    size_t words = 0;
    int in_word = 0;
    for (size_t i = 0; i < n; i++) {
        int space = s[i] == ' ';
        if (!space && !in_word)
            words++;
        in_word = !space;
    }
    return words;
}

/* Dumps one small object into out; 0 or -1. */
static int dump(json_t *o, podfmt_buf *out)
{
    int bad = !o || json_dump_callback(o, to_buf, out,
                                           JSON_OUT_FLAGS | JSON_ENCODE_ANY) != 0;
    json_decref(o);
    return bad ? -1 : 0;
}

/* The writer takes the blocks as they come: a heading without a time of
 * its own waits, its title kept, for the first timed block of its
 * section; it is written when that comes, or at the next heading or the
 * end with its estimate. */
typedef struct chapters {
    podfmt_buf *out;
    int wpm;
    int64_t clock;     /* ms: where the reading has got to */
    int64_t last_start;
    size_t untimed_words;
    bool first;
    bool waiting;      /* a heading waits for its section's first time */
    int64_t estimate;  /* its start if none comes */
    podfmt_buf title;  /* its title (plain text) */
    bool bad;
} chapters;

/* Writes the waiting chapter, starting at `start`. */
static void put_chapter(chapters *c, int64_t start)
{
    c->waiting = false;
    if (start < c->last_start) /* players want them in order */
        start = c->last_start;
    c->last_start = start;
    json_t *o = json_object();
    if (!o || json_object_set_new(o, "startTime", json_real(MS_TO_SECONDS(start))) ||
        json_object_set_new(o, "title", json_stringn(c->title.data ? c->title.data : "",
                                                     c->title.len))) {
        json_decref(o);
        c->bad = true;
        return;
    }
    podfmt_buf_puts(c->out, c->first ? "\n" : ",\n");
    c->first = false;
    c->bad |= dump(o, c->out) != 0;
}

static void *chapters_begin(const podfmt_doc *doc, const podfmt_options *opts,
                            podfmt_buf *out)
{
    chapters *c = calloc(1, sizeof *c);
    if (!c)
        return NULL;
    c->out = out;
    c->wpm = opts && opts->wpm > 0 ? opts->wpm : 160;
    c->first = true;
    podfmt_buf_init(&c->title);
    podfmt_buf_puts(out, "{\"version\": \"1.2.0\", ");
    const char *title = podfmt_doc_meta(doc, "title");
    if (title) {
        podfmt_buf_puts(out, "\"title\": ");
        c->bad |= dump(json_string(title), out) != 0;
        podfmt_buf_puts(out, ", ");
    }
    podfmt_buf_puts(out, "\"chapters\": [");
    return c;
}

static int chapters_blocks(void *st, const podfmt_doc *doc, size_t n)
{
    chapters *c = st;
    for (size_t b = 0; b < n && !c->bad; b++) {
        const podfmt_block *blk = &doc->blocks[b];
        if (blk->kind == PODFMT_BLOCK_HEADING) {
            if (c->waiting) /* its section had no time: the estimate */
                put_chapter(c, c->estimate);
            if (blk->count == 0)
                continue;
            const podfmt_segment *seg = &doc->segments[blk->first];
            c->title.len = 0;
            if (inline_to_plain(&c->title, seg->text, seg->len) != 0) {
                c->bad = true;
                break;
            }
            c->waiting = true;
            c->estimate = c->clock + (int64_t)(c->untimed_words * 60000 / (size_t)c->wpm);
            if (blk->start != PODFMT_NO_TIME) { /* read on from here */
                c->clock = blk->start;
                c->untimed_words = 0;
                put_chapter(c, blk->start);
            }
            continue;
        }
        if (blk->start != PODFMT_NO_TIME) { /* a turn's anchor */
            if (c->waiting) /* the first time of the section */
                put_chapter(c, blk->start);
            c->clock = blk->start;
            c->untimed_words = 0;
        }
        for (size_t i = 0; i < blk->count; i++) {
            const podfmt_segment *seg = &doc->segments[blk->first + i];
            if (seg->end != PODFMT_NO_TIME) {
                c->clock = seg->end;
                c->untimed_words = 0;
            } else if (seg->start != PODFMT_NO_TIME) {
                /* read from its start */
                c->clock = seg->start;
                c->untimed_words = count_words(seg->text, seg->len);
            } else {
                c->untimed_words += count_words(seg->text, seg->len);
            }
        }
        if (blk->end != PODFMT_NO_TIME && blk->end > c->clock) {
            c->clock = blk->end;
            c->untimed_words = 0;
        }
    }
    return c->bad ? -1 : 0;
}

static podfmt_status chapters_end(void *st, const podfmt_doc *doc, bool write,
                                  podfmt_error *err)
{
    (void)doc;
    chapters *c = st;
    if (write && c->waiting)
        put_chapter(c, c->estimate);
    if (write)
        podfmt_buf_puts(c->out, c->first ? "]}\n" : "\n]}\n");
    bool bad = write && (c->bad || c->out->failed);
    podfmt_buf_free(&c->title);
    free(c);
    if (bad) {
        error_set(err, 0, 0, "out of memory");
        return PODFMT_EIO;
    }
    return PODFMT_OK;
}

static const stream_writer chapters_stream = {chapters_begin, chapters_blocks,
                                              chapters_end, false, false};

const stream_writer *podfmt_stream_chapters(const podfmt_options *opts)
{
    (void)opts;
    return &chapters_stream;
}

podfmt_status podfmt_write_chapters(const podfmt_doc *doc,
                                    const podfmt_options *opts,
                                    podfmt_buf *out, podfmt_error *err)
{
    return stream_whole(&chapters_stream, doc, opts, out, err);
}
