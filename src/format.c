/* The table of readers and writers, and the two entry points that use it.
 * Every reader and writer sits behind this one interface, so the command
 * line, the fuzz targets and the tests drive them all alike. */
#include "internal.h"
#include "stats.h"

#include <stdlib.h>
#include <string.h>

typedef struct format_entry {
    podfmt_format fmt;
    const char *name;
    podfmt_reader read;
    podfmt_writer write;
    /* the writer's stream form under the options, if it has one */
    const stream_writer *(*stream)(const podfmt_options *opts);
} format_entry;

static const format_entry formats[] = {
    {PODFMT_FMT_AUTO, "auto", NULL, NULL, NULL},
    {PODFMT_FMT_TEXT, "text", podfmt_read_text, NULL, NULL},
    {PODFMT_FMT_MD, "md", podfmt_read_md, podfmt_write_md, podfmt_stream_md},
    {PODFMT_FMT_SRT, "srt", podfmt_read_srt, podfmt_write_srt,
     podfmt_stream_srt},
    {PODFMT_FMT_VTT, "vtt", podfmt_read_vtt, podfmt_write_vtt,
     podfmt_stream_vtt},
    {PODFMT_FMT_JSON, "json", podfmt_read_json, podfmt_write_json,
     podfmt_stream_json},
    {PODFMT_FMT_YAML, "yaml", podfmt_read_yaml, podfmt_write_yaml,
     podfmt_stream_yaml},
    {PODFMT_FMT_HTML, "html", NULL, podfmt_write_html, podfmt_stream_html},
    {PODFMT_FMT_CHAPTERS, "chapters", NULL, podfmt_write_chapters,
     podfmt_stream_chapters},
};
#define N_FORMATS (sizeof formats / sizeof formats[0])

static const format_entry *entry(podfmt_format fmt)
{
    for (size_t i = 0; i < N_FORMATS; i++)
        if (formats[i].fmt == fmt)
            return &formats[i];
    return NULL;
}

const char *podfmt_format_name(podfmt_format fmt)
{
    const format_entry *e = entry(fmt);
    return e ? e->name : NULL;
}

int podfmt_format_from_name(const char *name, podfmt_format *out)
{
    for (size_t i = 0; i < N_FORMATS; i++) {
        if (strcmp(formats[i].name, name) == 0) {
            *out = formats[i].fmt;
            return 1;
        }
    }
    /* the names users type for the same things */
    static const struct {
        const char *alias;
        podfmt_format fmt;
    } aliases[] = {{"markdown", PODFMT_FMT_MD}, {"webvtt", PODFMT_FMT_VTT},
                   {"txt", PODFMT_FMT_TEXT},    {"yml", PODFMT_FMT_YAML},
                   {"htm", PODFMT_FMT_HTML}};
    for (size_t i = 0; i < sizeof aliases / sizeof aliases[0]; i++) {
        if (strcmp(aliases[i].alias, name) == 0) {
            *out = aliases[i].fmt;
            return 1;
        }
    }
    return 0;
}

int podfmt_format_can_read(podfmt_format fmt)
{
    const format_entry *e = entry(fmt);
    return e && (e->read || fmt == PODFMT_FMT_AUTO);
}

int podfmt_format_can_write(podfmt_format fmt)
{
    const format_entry *e = entry(fmt);
    return e && e->write;
}

void podfmt_options_init(podfmt_options *opts)
{
    memset(opts, 0, sizeof *opts);
    opts->profile = PODFMT_PROFILE_NETFLIX;
    opts->speaker_style = PODFMT_STYLE_NAME;
    opts->wpm = 160;
}

/* opts, or the defaults (kept in *defaults) when it is NULL. */
static const podfmt_options *or_defaults(const podfmt_options *opts,
                                         podfmt_options *defaults)
{
    if (opts)
        return opts;
    podfmt_options_init(defaults);
    return defaults;
}

/* Drops blocks that ended up empty and joins turns of one known speaker
 * that became neighbours, so every reader's output keeps the contract:
 * consecutive segments of the same speaker belong to one turn. */
static void finish(podfmt_doc *doc)
{
    size_t out = 0;
    for (size_t i = 0; i < doc->n_blocks; i++) {
        podfmt_block b = doc->blocks[i];
        if (b.count == 0 || (out > 0 && doc_block_merge(&doc->blocks[out - 1], &b)))
            continue;
        doc->blocks[out++] = b;
    }
    doc->n_blocks = out;
}

/* mine: data is the document's own (podfmt_parse_owned) */
static podfmt_status parse(podfmt_doc *doc, podfmt_format fmt, const char *data,
                           size_t len, const podfmt_options *opts,
                           podfmt_error *err, bool mine)
{
    podfmt_options defaults;
    opts = or_defaults(opts, &defaults);
    if (len > PODFMT_MAX_INPUT) {
        error_set(err, 0, 0, "input larger than %zu bytes", PODFMT_MAX_INPUT);
        return PODFMT_EINPUT;
    }
    const char *text;
    size_t n;
    char *owned = NULL;
    if (input_decode(data, len, &text, &n, &owned, err) != 0)
        return PODFMT_EINPUT;
    const char *why;
    size_t bad = utf8_check(text, n, &why);
    podfmt_buf fixed;
    podfmt_buf_init(&fixed);
    if (bad < n && bad + 1 < n && (unsigned char)text[bad] == 0xC2 &&
        (unsigned char)text[bad + 1] < 0xA0) {
        /* a C1 control: most likely UTF-8 decoded as Latin-1 and encoded
         * again; repaired when that explains every one of them */
        size_t first;
        if (utf8_repair_double(text, n, &fixed, &first) > 0 && !fixed.failed &&
            utf8_check(fixed.data, fixed.len, &why) == fixed.len) {
            int line, column;
            position_of(text, n, first, &line, &column);
            doc_set_warning(doc, line, column,
                            "repaired text encoded twice (UTF-8 read as "
                            "Latin-1 or windows-1252)");
            free(owned);
            owned = fixed.data;
            text = fixed.data;
            n = fixed.len;
            fixed.data = NULL;
            bad = n;
        }
        podfmt_buf_free(&fixed);
    }
    if (bad < n) {
        error_at(err, text, n, bad, "%s", why);
        free(owned);
        return PODFMT_EINPUT;
    }
    if (fmt == PODFMT_FMT_AUTO) {
        fmt = podfmt_detect(text, n, opts->name_hint);
        const char *unsupported =
            fmt == PODFMT_FMT_TEXT ? detect_unsupported(text, n) : NULL;
        if (unsupported) {
            error_set(err, 1, 1, "%s", unsupported);
            free(owned);
            return PODFMT_EINPUT;
        }
    }
    const format_entry *e = entry(fmt);
    podfmt_status st;
    if (!e || !e->read) {
        error_set(err, 0, 0, "podfmt cannot read %s",
                  e ? e->name : "this format");
        st = PODFMT_EUSAGE;
    } else {
        if (owned && mine) { /* the converted text replaces the input */
            doc_own_input(doc, owned);
            owned = NULL;
        }
        if (mine)
            doc_input_text(doc, text, text + n);
        st = e->read(doc, text, n, opts, err);
        if (mine)
            doc_input_done(doc);
    }
    free(owned);
    if (st != PODFMT_OK)
        return st;
    finish(doc);
    if (podfmt_doc_apply_config(doc) != 0) {
        error_set(err, 0, 0, "out of memory");
        return PODFMT_EIO;
    }
    return PODFMT_OK;
}

podfmt_status podfmt_render(const podfmt_doc *doc, podfmt_format fmt,
                            const podfmt_options *opts, podfmt_buf *out,
                            podfmt_error *err)
{
    podfmt_options defaults;
    opts = or_defaults(opts, &defaults);
    const format_entry *e = entry(fmt);
    if (!e || !e->write) {
        error_set(err, 0, 0, "podfmt cannot write %s",
                  e ? e->name : "this format");
        return PODFMT_EUSAGE;
    }
    podfmt_status st = e->write(doc, opts, out, err);
    if (st == PODFMT_OK && out->failed) {
        error_set(err, 0, 0, "out of memory or write failure");
        return PODFMT_EIO;
    }
    return st;
}

podfmt_status podfmt_parse(podfmt_doc *doc, podfmt_format fmt,
                           const char *data, size_t len,
                           const podfmt_options *opts, podfmt_error *err)
{
    return parse(doc, fmt, data, len, opts, err, false);
}

podfmt_status podfmt_parse_owned(podfmt_doc *doc, podfmt_format fmt,
                                 char *data, size_t len,
                                 const podfmt_options *opts, podfmt_error *err)
{
    doc_own_input(doc, data);
    return parse(doc, fmt, data, len, opts, err, true);
}

podfmt_status stream_whole(const stream_writer *w, const podfmt_doc *doc,
                           const podfmt_options *opts, podfmt_buf *out,
                           podfmt_error *err)
{
    void *st = w->begin(doc, opts, out);
    if (!st) {
        error_set(err, 0, 0, "out of memory");
        return PODFMT_EIO;
    }
    if (w->blocks(st, doc, doc->n_blocks) != 0) {
        w->end(st, doc, false, err);
        error_set(err, 0, 0, "out of memory");
        return PODFMT_EIO;
    }
    return w->end(st, doc, true, err);
}

static const stream_writer *stream_of(podfmt_format to,
                                      const podfmt_options *opts)
{
    const format_entry *e = entry(to);
    return e && e->stream ? e->stream(opts) : NULL;
}

int podfmt_can_stream(podfmt_format to, const podfmt_options *opts)
{
    podfmt_options defaults;
    opts = or_defaults(opts, &defaults);
    return stream_of(to, opts) != NULL;
}

/* podfmt_convert's writer, started at the first blocks handed on. */
typedef struct conversion {
    const stream_writer *w;
    const podfmt_options *opts;
    podfmt_buf *out;
    void *st;
} conversion;

static int convert_blocks(void *ctx, const podfmt_doc *doc, size_t n)
{
    conversion *c = ctx;
    if (!c->st && !(c->st = c->w->begin(doc, c->opts, c->out)))
        return -1;
    return c->w->blocks(c->st, doc, n);
}

/* Reads data and writes it through w as it reads. */
static podfmt_status convert_with(podfmt_doc *doc, podfmt_format from,
                                  char *data, size_t len,
                                  const stream_writer *w,
                                  const podfmt_options *opts, podfmt_buf *out,
                                  podfmt_error *err)
{
    conversion c = {w, opts, out, NULL};
    doc_stream_set(doc, convert_blocks, &c);
    if (w->times)
        doc_stream_times(doc);
    if (w->partial)
        doc_stream_partial(doc);
    doc_own_input(doc, data);
    podfmt_status st = parse(doc, from, data, len, opts, err, true);
    bool failed = doc_stream_failed(doc);
    doc_stream_set(doc, NULL, NULL);
    if (st == PODFMT_OK && !failed) { /* the rest, and the end */
        if (!c.st)
            c.st = w->begin(doc, opts, out);
        failed = !c.st || w->blocks(c.st, doc, doc->n_blocks) != 0;
    }
    bool write = st == PODFMT_OK && !failed;
    if (c.st) {
        podfmt_status end = w->end(c.st, doc, write, err);
        if (write)
            st = end;
    }
    if (st == PODFMT_OK && failed) {
        error_set(err, 0, 0, "out of memory");
        st = PODFMT_EIO;
    }
    if (st == PODFMT_OK && out->failed) {
        error_set(err, 0, 0, "out of memory or write failure");
        st = PODFMT_EIO;
    }
    return st;
}

podfmt_status podfmt_convert(podfmt_doc *doc, podfmt_format from, char *data,
                             size_t len, podfmt_format to,
                             const podfmt_options *opts, podfmt_buf *out,
                             podfmt_error *err)
{
    podfmt_options defaults;
    opts = or_defaults(opts, &defaults);
    const stream_writer *w = stream_of(to, opts);
    if (!w) {
        podfmt_status st = podfmt_parse_owned(doc, from, data, len, opts, err);
        return st != PODFMT_OK ? st : podfmt_render(doc, to, opts, out, err);
    }
    return convert_with(doc, from, data, len, w, opts, out, err);
}

podfmt_status podfmt_convert_stats(podfmt_doc *doc, podfmt_format from,
                                   char *data, size_t len,
                                   const podfmt_options *opts, podfmt_buf *out,
                                   podfmt_error *err)
{
    podfmt_options defaults;
    opts = or_defaults(opts, &defaults);
    return convert_with(doc, from, data, len, &stats_stream_writer, opts, out,
                        err);
}
