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

/* The first time in blocks (from, next heading), or PODFMT_NO_TIME. */
static int64_t section_start(const podfmt_doc *doc, size_t from)
{
    for (size_t b = from; b < doc->n_blocks; b++) {
        const podfmt_block *blk = &doc->blocks[b];
        if (blk->kind == PODFMT_BLOCK_HEADING)
            break;
        if (blk->start != PODFMT_NO_TIME)
            return blk->start;
    }
    return PODFMT_NO_TIME;
}

/* Dumps one small object into out; 0 or -1. */
static int dump(json_t *o, podfmt_buf *out)
{
    int bad = !o || json_dump_callback(o, to_buf, out,
                                           JSON_OUT_FLAGS | JSON_ENCODE_ANY) != 0;
    json_decref(o);
    return bad ? -1 : 0;
}

podfmt_status podfmt_write_chapters(const podfmt_doc *doc,
                                    const podfmt_options *opts,
                                    podfmt_buf *out, podfmt_error *err)
{
    int wpm = opts && opts->wpm > 0 ? opts->wpm : 160;
    podfmt_buf text;
    podfmt_buf_init(&text);
    int bad = 0;

    podfmt_buf_puts(out, "{\"version\": \"1.2.0\", ");
    const char *title = podfmt_doc_meta(doc, "title");
    if (title) {
        podfmt_buf_puts(out, "\"title\": ");
        bad |= dump(json_string(title), out);
        podfmt_buf_puts(out, ", ");
    }
    podfmt_buf_puts(out, "\"chapters\": [");

    int64_t clock = 0; /* ms: where the reading has got to */
    int64_t last_start = 0;
    size_t untimed_words = 0;
    int first = 1;
    for (size_t b = 0; b < doc->n_blocks && !bad; b++) {
        const podfmt_block *blk = &doc->blocks[b];
        if (blk->kind == PODFMT_BLOCK_HEADING) {
            if (blk->count == 0)
                continue;
            const podfmt_segment *seg = &doc->segments[blk->first];
            text.len = 0;
            if (inline_to_plain(&text, seg->text, seg->len) != 0) {
                bad = 1;
                break;
            }
            int64_t start = blk->start != PODFMT_NO_TIME ? blk->start
                                                          : section_start(doc, b + 1);
            if (start == PODFMT_NO_TIME)
                start = clock + (int64_t)(untimed_words * 60000 / (size_t)wpm);
            if (blk->start != PODFMT_NO_TIME) { /* read on from here */
                clock = blk->start;
                untimed_words = 0;
            }
            if (start < last_start) /* players want them in order */
                start = last_start;
            last_start = start;
            json_t *o = json_object();
            if (!o || json_object_set_new(o, "startTime",
                                          json_real(MS_TO_SECONDS(start))) ||
                json_object_set_new(o, "title",
                                    json_stringn(text.data ? text.data : "",
                                                 text.len))) {
                json_decref(o);
                bad = 1;
                break;
            }
            podfmt_buf_puts(out, first ? "\n" : ",\n");
            first = 0;
            bad |= dump(o, out);
            continue;
        }
        if (blk->start != PODFMT_NO_TIME) { /* a turn's anchor */
            clock = blk->start;
            untimed_words = 0;
        }
        for (size_t i = 0; i < blk->count; i++) {
            const podfmt_segment *seg = &doc->segments[blk->first + i];
            if (seg->end != PODFMT_NO_TIME) {
                clock = seg->end;
                untimed_words = 0;
            } else if (seg->start != PODFMT_NO_TIME) {
                /* read from its start */
                clock = seg->start;
                untimed_words = count_words(seg->text, seg->len);
            } else {
                untimed_words += count_words(seg->text, seg->len);
            }
        }
        if (blk->end != PODFMT_NO_TIME && blk->end > clock) {
            clock = blk->end;
            untimed_words = 0;
        }
    }
    podfmt_buf_puts(out, first ? "]}\n" : "\n]}\n");
    podfmt_buf_free(&text);
    if (bad) {
        error_set(err, 0, 0, "out of memory");
        return PODFMT_EIO;
    }
    return PODFMT_OK;
}
