/* The JSON writer (-t json): the Podcasting 2.0 JSON transcript,
 *
 *   {"version": "1.0.0", "segments": [
 *   {"speaker": "Lena Park", "startTime": 0.5, "endTime": 2.25, "body": "..."},
 *   ...
 *   ]}
 *
 * one segment of the document a line, each written by jansson as it comes
 * (memory stays bounded whatever the size of the document).
 *
 * - Only turns: headings and notes are not spoken, and the transcript
 *   format has no place for them (chapters carry the headings).
 * - "speaker" is the display name; it is left out when nobody is known.
 * - Times in seconds, and only the times the document knows: an untimed
 *   segment has no "startTime"/"endTime" rather than invented ones (the
 *   contract keeps estimated times to subtitles).
 * - "body" is plain text: the inline text as a reader would see it,
 *   without Markdown escapes or emphasis markers. */
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

typedef struct json_writer {
    podfmt_buf *out;
    podfmt_buf body;
    bool first; /* no segment written yet */
} json_writer;

static void *json_begin(const podfmt_doc *doc, const podfmt_options *opts,
                        podfmt_buf *out)
{
    (void)doc;
    (void)opts;
    json_writer *w = malloc(sizeof *w);
    if (!w)
        return NULL;
    w->out = out;
    podfmt_buf_init(&w->body);
    w->first = true;
    podfmt_buf_puts(out, "{\"version\": \"1.0.0\", \"segments\": [");
    return w;
}

static int json_blocks(void *st, const podfmt_doc *doc, size_t n)
{
    json_writer *w = st;
    podfmt_buf *out = w->out;
    for (size_t b = 0; b < n; b++) {
        const podfmt_block *blk = &doc->blocks[b];
        if (blk->kind != PODFMT_BLOCK_TURN)
            continue;
        const char *name = blk->speaker >= 0 ? doc->speakers[blk->speaker].name
                                             : NULL;
        for (size_t i = 0; i < blk->count; i++) {
            const podfmt_segment *seg = &doc->segments[blk->first + i];
            w->body.len = 0;
            if (inline_to_plain(&w->body, seg->text, seg->len) != 0)
                return -1;
            json_t *o = json_object();
            int bad = !o;
            if (!bad && name)
                bad |= json_object_set_new(o, "speaker", json_string(name));
            if (!bad && seg->start != PODFMT_NO_TIME)
                bad |= json_object_set_new(o, "startTime",
                                           json_real(MS_TO_SECONDS(seg->start)));
            if (!bad && seg->end != PODFMT_NO_TIME)
                bad |= json_object_set_new(o, "endTime",
                                           json_real(MS_TO_SECONDS(seg->end)));
            if (!bad)
                bad |= json_object_set_new(
                    o, "body",
                    json_stringn(w->body.data ? w->body.data : "", w->body.len));
            podfmt_buf_puts(out, w->first ? "\n" : ",\n");
            w->first = false;
            if (!bad)
                bad |= json_dump_callback(o, to_buf, out, JSON_OUT_FLAGS);
            json_decref(o);
            if (bad)
                return -1;
        }
    }
    return 0;
}

static podfmt_status json_end(void *st, const podfmt_doc *doc, bool write,
                              podfmt_error *err)
{
    (void)doc;
    json_writer *w = st;
    if (write)
        podfmt_buf_puts(w->out, w->first ? "]}\n" : "\n]}\n");
    podfmt_buf_free(&w->body);
    free(w);
    (void)err;
    return PODFMT_OK;
}

static const stream_writer json_stream = {json_begin, json_blocks, json_end,
                                          false, false};

const stream_writer *podfmt_stream_json(const podfmt_options *opts)
{
    (void)opts;
    return &json_stream;
}

podfmt_status podfmt_write_json(const podfmt_doc *doc,
                                const podfmt_options *opts, podfmt_buf *out,
                                podfmt_error *err)
{
    return stream_whole(&json_stream, doc, opts, out, err);
}
