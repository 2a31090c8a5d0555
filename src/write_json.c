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

static int to_buf(const char *data, size_t size, void *ctx)
{
    podfmt_buf *b = ctx;
    podfmt_buf_put(b, data, size);
    return b->failed ? -1 : 0;
}

podfmt_status podfmt_write_json(const podfmt_doc *doc,
                                const podfmt_options *opts, podfmt_buf *out,
                                podfmt_error *err)
{
    (void)opts;
    podfmt_buf body;
    podfmt_buf_init(&body);
    podfmt_status st = PODFMT_OK;
    podfmt_buf_puts(out, "{\"version\": \"1.0.0\", \"segments\": [");
    int first = 1;
    for (size_t b = 0; b < doc->n_blocks && st == PODFMT_OK; b++) {
        const podfmt_block *blk = &doc->blocks[b];
        if (blk->kind != PODFMT_BLOCK_TURN)
            continue;
        const char *name = blk->speaker >= 0 ? doc->speakers[blk->speaker].name
                                             : NULL;
        for (size_t i = 0; i < blk->count; i++) {
            const podfmt_segment *seg = &doc->segments[blk->first + i];
            body.len = 0;
            if (inline_to_plain(&body, seg->text, seg->len) != 0) {
                st = PODFMT_EIO;
                break;
            }
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
                    o, "body", json_stringn(body.data ? body.data : "", body.len));
            podfmt_buf_puts(out, first ? "\n" : ",\n");
            first = 0;
            if (!bad)
                bad |= json_dump_callback(o, to_buf, out, JSON_OUT_FLAGS);
            json_decref(o);
            if (bad) {
                st = PODFMT_EIO;
                break;
            }
        }
    }
    podfmt_buf_puts(out, first ? "]}\n" : "\n]}\n");
    podfmt_buf_free(&body);
    if (st != PODFMT_OK)
        error_set(err, 0, 0, "out of memory");
    return st;
}
