/* libFuzzer target: one reader (FUZZ_FORMAT, chosen at build time; the
 * configuration when FUZZ_CONFIG is set), then every writer on what it
 * read, with the options that change their paths. */
#include <stdbool.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "podfmt.h"

#ifndef FUZZ_FORMAT
#define FUZZ_FORMAT PODFMT_FMT_AUTO
#endif

static const char sample[] = "Ana Ruiz: Hello there, this is a test.\n"
                             "Ben Ode: Hi Ana. [laughs]\nAna Ruiz: Bye.\n";

/* The sizes from which the subtitle readers read a file in two passes
 * (src/subread.h) and the Markdown reader has cmark parse the body in
 * pieces (src/mdread.h); 0 makes them do so for every file, and at every
 * place a piece may end. */
extern size_t sr_window_from, md_piece_size;

static bool windowed(podfmt_format from)
{
    return from == PODFMT_FMT_SRT || from == PODFMT_FMT_VTT ||
           from == PODFMT_FMT_MD || from == PODFMT_FMT_AUTO;
}

/* `to` for --stats (podfmt_convert_stats). */
#define TO_STATS ((podfmt_format)-1)

/* Converts a copy of the input (as the command does) into *b, with
 * every file read in two passes and cut at every place when `cut`; the
 * status, or -1 when memory ran out before it could start. */
static int convert_copy(const uint8_t *in, size_t size, podfmt_format from,
                        podfmt_format to, const podfmt_options *o,
                        podfmt_buf *b, bool cut)
{
    podfmt_doc *doc = podfmt_doc_new(o ? o->config : NULL);
    char *mine = malloc(size ? size : 1);
    int st = -1;
    size_t keep_sr = sr_window_from, keep_md = md_piece_size;
    if (cut)
        sr_window_from = md_piece_size = 0;
    if (doc && mine) {
        if (size)
            memcpy(mine, in, size);
        podfmt_error err;
        st = to == TO_STATS
                 ? (int)podfmt_convert_stats(doc, from, mine, size, o, b, &err)
                 : (int)podfmt_convert(doc, from, mine, size, to, o, b, &err);
    } else {
        free(mine);
    }
    sr_window_from = keep_sr;
    md_piece_size = keep_md;
    podfmt_doc_free(doc);
    return st;
}

/* Writing while reading (podfmt_convert) must write what rendering the
 * whole document writes, and so must a subtitle file read in two passes
 * and Markdown parsed in pieces: a difference is a crash. */
static void convert_same(const uint8_t *in, size_t size, podfmt_format from,
                         podfmt_format to, const podfmt_options *o,
                         const podfmt_buf *want)
{
    for (int cut = 0; cut <= windowed(from); cut++) {
        podfmt_buf b;
        podfmt_buf_init(&b);
        if (convert_copy(in, size, from, to, o, &b, cut) == PODFMT_OK &&
            !b.failed && !want->failed &&
            (b.len != want->len || (b.len && memcmp(b.data, want->data, b.len))))
            abort();
        podfmt_buf_free(&b);
    }
}

#ifndef FUZZ_CONFIG
/* An input the whole read refuses, writing while reading refuses too. */
static void refused_both_ways(const uint8_t *in, size_t size)
{
    for (int cut = 0; cut <= windowed(FUZZ_FORMAT); cut++) {
        podfmt_buf b;
        podfmt_buf_init(&b);
        if (convert_copy(in, size, FUZZ_FORMAT, PODFMT_FMT_HTML, NULL, &b,
                         cut) == PODFMT_OK)
            abort();
        podfmt_buf_free(&b);
    }
}
#endif

/* in: the input the document was read as `from` */
static void render_all(const podfmt_doc *doc, const podfmt_config *cfg,
                       const uint8_t *in, size_t size, podfmt_format from)
{
    static const podfmt_format outs[] = {
        PODFMT_FMT_MD, PODFMT_FMT_HTML, PODFMT_FMT_SRT, PODFMT_FMT_VTT,
        PODFMT_FMT_JSON, PODFMT_FMT_YAML, PODFMT_FMT_CHAPTERS};
    for (size_t i = 0; i < sizeof outs / sizeof outs[0]; i++) {
        for (int variant = 0; variant < 2; variant++) {
            podfmt_options o;
            podfmt_options_init(&o);
            o.config = cfg;
            o.standalone = variant;
            o.email = variant && i == 1;
            o.speaker_style = variant ? PODFMT_STYLE_DASH : PODFMT_STYLE_NAME;
            o.profile = variant ? PODFMT_PROFILE_PODCAST : PODFMT_PROFILE_NETFLIX;
            podfmt_buf b;
            podfmt_buf_init(&b);
            podfmt_error err;
            if (podfmt_render(doc, outs[i], &o, &b, &err) == PODFMT_OK &&
                podfmt_can_stream(outs[i], &o))
                convert_same(in, size, from, outs[i], &o, &b);
            podfmt_buf_free(&b);
        }
    }
    /* --stats, counted as the blocks pass */
    podfmt_options o;
    podfmt_options_init(&o);
    o.config = cfg;
    podfmt_buf b;
    podfmt_buf_init(&b);
    podfmt_error err;
    if (podfmt_write_stats(doc, &o, &b, &err) == PODFMT_OK)
        convert_same(in, size, from, TO_STATS, &o, &b);
    podfmt_buf_free(&b);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    podfmt_error err;
#ifdef FUZZ_CONFIG
    podfmt_config *cfg = NULL;
    if (podfmt_config_parse((const char *)data, size, &cfg, &err) != PODFMT_OK)
        return 0;
    podfmt_doc *doc = podfmt_doc_new(cfg);
    podfmt_options o;
    podfmt_options_init(&o);
    o.config = cfg;
    if (doc && podfmt_parse(doc, PODFMT_FMT_TEXT, sample, sizeof sample - 1,
                            &o, &err) == PODFMT_OK)
        render_all(doc, cfg, (const uint8_t *)sample, sizeof sample - 1,
                   PODFMT_FMT_TEXT);
    podfmt_doc_free(doc);
    podfmt_config_free(cfg);
#else
    /* as the command reads: the document takes a copy of exactly the
     * input's size (so ASan sees any read past it) and may write in it */
    podfmt_doc *doc = podfmt_doc_new(NULL);
    char *mine = malloc(size ? size : 1);
    if (doc && mine) {
        if (size)
            memcpy(mine, data, size);
        if (podfmt_parse_owned(doc, FUZZ_FORMAT, mine, size, NULL, &err) == PODFMT_OK)
            render_all(doc, NULL, data, size, FUZZ_FORMAT);
        else
            refused_both_ways(data, size);
    } else {
        free(mine);
    }
    podfmt_doc_free(doc);
    (void)sample;
#endif
    return 0;
}
