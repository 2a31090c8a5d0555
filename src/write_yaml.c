/* -t yaml: the structured form of CONTRACT.md, written with libyaml's
 * emitter.  Deterministic: the same document always gives the same bytes,
 * and read_yaml.c reads them back into the same document.
 *
 * Choices the contract leaves open:
 * - Times are seconds with one to three decimals (12500 ms -> 12.5,
 *   30000 -> 30.0, 1234 -> 1.234).
 * - A string that a YAML tool would read as something else (yes, null,
 *   1.0, 0x1F, 12:30, 2022-09-29, ...) is single-quoted, so every reader
 *   gets the string back.  The one exception is a meta value that is an
 *   ISO 8601 date (YYYY-MM-DD): it is written plain, as the contract
 *   shows, because it is a date and YAML tools may read it as one.
 * - Every block writes start/end when they are known, whatever its kind.
 *   A heading writes `text:` when it has one segment whose times (if
 *   any) are the block's (the usual case: `text:` and `start:`), and
 *   `segments:` otherwise, so nothing is lost.
 * - Lines are never folded: one segment, one line. */
#include "yaml_util.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

typedef struct ywriter {
    yaml_emitter_t em;
    yaml_event_t ev;
    int failed;
} ywriter;

static int out_handler(void *ctx, unsigned char *buffer, size_t size)
{
    podfmt_buf *out = ctx;
    podfmt_buf_put(out, (const char *)buffer, size);
    return !out->failed;
}

/* Emits the event prepared in w->ev (libyaml takes it over). */
static void emit(ywriter *w, int ok)
{
    if (w->failed)
        return;
    if (!ok || !yaml_emitter_emit(&w->em, &w->ev))
        w->failed = 1;
}

/* A string, quoted when a plain scalar would be read as another type. */
static void put_str_as(ywriter *w, const char *s, size_t n, bool plain_ok)
{
    if (w->failed)
        return;
    int plain = plain_ok || !yaml_plain_is_typed(s, n);
    emit(w, yaml_scalar_event_initialize(
                &w->ev, NULL, NULL, (yaml_char_t *)s, (int)n, plain, 1,
                YAML_ANY_SCALAR_STYLE));
}

static void put_str(ywriter *w, const char *s, size_t n)
{
    put_str_as(w, s, n, false);
}

static void put_cstr(ywriter *w, const char *s) { put_str(w, s, strlen(s)); }

/* A number (written plain). */
static void put_num(ywriter *w, const char *s, size_t n)
{
    if (w->failed)
        return;
    emit(w, yaml_scalar_event_initialize(&w->ev, NULL, NULL, (yaml_char_t *)s,
                                         (int)n, 1, 0,
                                         YAML_PLAIN_SCALAR_STYLE));
}

/* Milliseconds as seconds: at least one decimal, at most three. */
static void put_seconds(ywriter *w, int64_t ms)
{
    char s[32];
    size_t n = yaml_seconds(ms, s);
    put_num(w, s, n);
}

static void map_start(ywriter *w)
{
    emit(w, yaml_mapping_start_event_initialize(&w->ev, NULL, NULL, 1,
                                                YAML_BLOCK_MAPPING_STYLE));
}

static void map_end(ywriter *w)
{
    emit(w, yaml_mapping_end_event_initialize(&w->ev));
}

static void seq_start(ywriter *w)
{
    emit(w, yaml_sequence_start_event_initialize(&w->ev, NULL, NULL, 1,
                                                 YAML_BLOCK_SEQUENCE_STYLE));
}

static void seq_end(ywriter *w)
{
    emit(w, yaml_sequence_end_event_initialize(&w->ev));
}

static void put_times(ywriter *w, int64_t start, int64_t end)
{
    if (start != PODFMT_NO_TIME) {
        put_cstr(w, "start");
        put_seconds(w, start);
    }
    if (end != PODFMT_NO_TIME) {
        put_cstr(w, "end");
        put_seconds(w, end);
    }
}

static void put_segments(ywriter *w, const podfmt_doc *doc,
                         const podfmt_block *b)
{
    put_cstr(w, "segments");
    seq_start(w);
    for (size_t i = 0; i < b->count && !w->failed; i++) {
        const podfmt_segment *s = &doc->segments[b->first + i];
        map_start(w);
        put_cstr(w, "text");
        put_str(w, s->text, s->len);
        put_times(w, s->start, s->end);
        if (s->item == PODFMT_ITEM_BULLET) {
            put_cstr(w, "item");
            put_cstr(w, "bullet");
        } else if (s->item > 0) {
            char num[16];
            int len = snprintf(num, sizeof num, "%d", s->item);
            put_cstr(w, "item");
            put_num(w, num, (size_t)len);
        }
        map_end(w);
    }
    seq_end(w);
}

static const char *const kind_names[] = {"heading", "turn", "note"};

static void put_block(ywriter *w, const podfmt_doc *doc, const podfmt_block *b)
{
    map_start(w);
    put_cstr(w, "kind");
    put_cstr(w, kind_names[b->kind]);
    if (b->kind == PODFMT_BLOCK_TURN && b->speaker >= 0 &&
        (size_t)b->speaker < doc->n_speakers) {
        put_cstr(w, "speaker");
        put_cstr(w, doc->speakers[b->speaker].id);
    }
    const podfmt_segment *one =
        b->count == 1 ? &doc->segments[b->first] : NULL;
    /* the heading's times, if any, are its one segment's */
    bool as_text = b->kind == PODFMT_BLOCK_HEADING && one &&
                   one->start == b->start && one->end == b->end;
    if (as_text) {
        put_cstr(w, "text");
        put_str(w, one->text, one->len);
    }
    put_times(w, b->start, b->end);
    if (!as_text)
        put_segments(w, doc, b);
    map_end(w);
}

/* The structured form a few blocks at a time: meta and speakers at the
 * start (final by then), the blocks' sequence opened at the first block
 * (an empty document writes it in flow style, "[]"). */
typedef struct ystream {
    ywriter w;
    podfmt_buf *out;
    bool seq_open;
} ystream;

static void blocks_open(ystream *y, size_t n)
{
    if (y->seq_open)
        return;
    y->seq_open = true;
    put_cstr(&y->w, "blocks");
    emit(&y->w, yaml_sequence_start_event_initialize(
                    &y->w.ev, NULL, NULL, 1,
                    n ? YAML_BLOCK_SEQUENCE_STYLE : YAML_FLOW_SEQUENCE_STYLE));
}

static void *yaml_begin(const podfmt_doc *doc, const podfmt_options *opts,
                        podfmt_buf *out)
{
    (void)opts;
    ystream *y = calloc(1, sizeof *y);
    if (!y)
        return NULL;
    y->out = out;
    ywriter *w = &y->w;
    if (!yaml_emitter_initialize(&w->em)) {
        free(y);
        return NULL;
    }
    yaml_emitter_set_output(&w->em, out_handler, out);
    yaml_emitter_set_unicode(&w->em, 1);
    yaml_emitter_set_width(&w->em, -1);
    yaml_emitter_set_indent(&w->em, 2);
    yaml_emitter_set_break(&w->em, YAML_LN_BREAK);

    emit(w, yaml_stream_start_event_initialize(&w->ev, YAML_UTF8_ENCODING));
    emit(w, yaml_document_start_event_initialize(&w->ev, NULL, NULL, NULL, 1));
    map_start(w);
    put_cstr(w, "podfmt");
    put_num(w, "1", 1);

    put_cstr(w, "meta");
    if (doc->n_meta == 0) {
        emit(w, yaml_mapping_start_event_initialize(&w->ev, NULL, NULL, 1,
                                                    YAML_FLOW_MAPPING_STYLE));
        map_end(w);
    } else {
        map_start(w);
        for (size_t i = 0; i < doc->n_meta; i++) {
            const char *v = doc->meta[i].value;
            size_t vn = strlen(v);
            put_cstr(w, doc->meta[i].key);
            put_str_as(w, v, vn, yaml_is_iso_date(v, vn));
        }
        map_end(w);
    }

    put_cstr(w, "speakers");
    emit(w, yaml_sequence_start_event_initialize(
                &w->ev, NULL, NULL, 1,
                doc->n_speakers ? YAML_BLOCK_SEQUENCE_STYLE
                                : YAML_FLOW_SEQUENCE_STYLE));
    for (size_t i = 0; i < doc->n_speakers && !w->failed; i++) {
        const podfmt_speaker *sp = &doc->speakers[i];
        map_start(w);
        put_cstr(w, "id");
        put_cstr(w, sp->id);
        put_cstr(w, "name");
        put_cstr(w, sp->name);
        if (sp->color) {
            put_cstr(w, "color");
            put_cstr(w, sp->color);
        }
        map_end(w);
    }
    seq_end(w);
    return y;
}

static int yaml_blocks(void *st, const podfmt_doc *doc, size_t n)
{
    ystream *y = st;
    if (n == 0)
        return 0;
    blocks_open(y, n);
    for (size_t i = 0; i < n && !y->w.failed; i++)
        put_block(&y->w, doc, &doc->blocks[i]);
    /* a failure is told at the end, with libyaml's reason */
    return 0;
}

static podfmt_status yaml_end(void *st, const podfmt_doc *doc, bool write,
                              podfmt_error *err)
{
    (void)doc;
    ystream *y = st;
    ywriter *w = &y->w;
    podfmt_status r = PODFMT_OK;
    if (write) {
        blocks_open(y, 0);
        seq_end(w);
        map_end(w);
        emit(w, yaml_document_end_event_initialize(&w->ev, 1));
        emit(w, yaml_stream_end_event_initialize(&w->ev));
        if (!w->failed && !yaml_emitter_flush(&w->em))
            w->failed = 1;
        if (w->failed) {
            if (y->out->failed)
                error_set(err, 0, 0, "out of memory or write failure");
            else
                error_set(err, 0, 0, "cannot write YAML: %s",
                          w->em.problem ? w->em.problem : "out of memory");
            r = PODFMT_EIO;
        }
    }
    yaml_emitter_delete(&w->em);
    free(y);
    return r;
}

static const stream_writer yaml_stream = {yaml_begin, yaml_blocks, yaml_end,
                                          false, false};

const stream_writer *podfmt_stream_yaml(const podfmt_options *opts)
{
    (void)opts;
    return &yaml_stream;
}

podfmt_status podfmt_write_yaml(const podfmt_doc *doc,
                                const podfmt_options *opts, podfmt_buf *out,
                                podfmt_error *err)
{
    return stream_whole(&yaml_stream, doc, opts, out, err);
}
