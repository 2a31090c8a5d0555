/* WebVTT: the "WEBVTT" header, "HH:MM:SS.mmm" times, <v Name> on every
 * cue of a known speaker, text escaped (&amp; &lt; &gt;).  The cues are
 * cue.c's, as for SRT.
 *
 * A STYLE block giving each voice its colour is written only when the
 * configuration gives colours or --speaker-style color is asked for:
 * ffmpeg 5.1 (Debian 12) silently drops every cue after a STYLE block. */
#include "cue.h"

#include <string.h>

static void vtt_escape(podfmt_buf *out, const char *s, size_t n)
{
    size_t i = 0;
    while (i < n) {
        size_t j = i + span_without(s + i, n - i, "&<>", 3);
        podfmt_buf_put(out, s + i, j - i);
        if (j < n)
            podfmt_buf_puts(out, s[j] == '&'   ? "&amp;"
                                 : s[j] == '<' ? "&lt;"
                                               : "&gt;");
        i = j + 1;
    }
}

/* A CSS string's content: '"' and '\\' escaped, and '<' '>' '&' as
 * CSS escapes, since "-->" may not appear in a STYLE block and the block
 * is no place for markup. */
static void css_string(podfmt_buf *out, const char *s)
{
    for (; *s; s++) {
        if (*s == '<' || *s == '>' || *s == '&') {
            podfmt_buf_puts(out, *s == '<' ? "\\3c " : *s == '>' ? "\\3e " : "\\26 ");
            continue;
        }
        if (*s == '"' || *s == '\\')
            podfmt_buf_putc(out, '\\');
        podfmt_buf_putc(out, *s);
    }
}

static void write_style(const podfmt_doc *doc, int all, podfmt_buf *out)
{
    podfmt_buf_puts(out, "STYLE\n");
    for (size_t i = 0; i < doc->n_speakers; i++) {
        const podfmt_speaker *sp = &doc->speakers[i];
        const char *c = sp->color && cue_safe_color(sp->color) ? sp->color
                        : all ? cue_palette((int)i) : NULL;
        if (!c || !sp->name)
            continue;
        podfmt_buf_puts(out, "::cue(v[voice=\"");
        css_string(out, sp->name);
        podfmt_buf_printf(out, "\"]) { color: %s }\n", c);
    }
    podfmt_buf_putc(out, '\n');
}

static int vtt_cue(void *ctx, const cue_list *l, const cue *c)
{
    cue_writer *w = ctx;
    podfmt_buf *out = w->out;
    const podfmt_doc *doc = w->doc;
    cue_put_time(out, c->start, '.');
    podfmt_buf_puts(out, " --> ");
    cue_put_time(out, c->end, '.');
    podfmt_buf_putc(out, '\n');
    const char *name = c->speaker >= 0 && (size_t)c->speaker < doc->n_speakers
                           ? doc->speakers[c->speaker].name
                           : NULL;
    if (name) {
        podfmt_buf_puts(out, "<v ");
        vtt_escape(out, name, strlen(name));
        podfmt_buf_putc(out, '>');
    }
    for (int i = 0; i < c->n_lines; i++) {
        if (i > 0)
            podfmt_buf_putc(out, '\n');
        cue_put_line(out, l, &c->line[i], vtt_escape);
    }
    podfmt_buf_puts(out, "\n\n");
    return out->failed ? -1 : 0;
}

static void *vtt_begin(const podfmt_doc *doc, const podfmt_options *opts,
                       podfmt_buf *out)
{
    cue_writer *w = cue_writer_new(sizeof *w, doc, opts, out, vtt_cue);
    if (!w)
        return NULL;
    podfmt_buf_puts(out, "WEBVTT\n\n");
    int all = opts->speaker_style_set &&
              opts->speaker_style == PODFMT_STYLE_COLOR;
    int any = all;
    for (size_t i = 0; i < doc->n_speakers && !any; i++)
        any = doc->speakers[i].color && cue_safe_color(doc->speakers[i].color);
    if (any)
        write_style(doc, all, out);
    return w;
}

static const stream_writer vtt_stream = {vtt_begin, cue_writer_blocks,
                                         cue_writer_end, true, true};

const stream_writer *podfmt_stream_vtt(const podfmt_options *opts)
{
    (void)opts;
    return &vtt_stream;
}

podfmt_status podfmt_write_vtt(const podfmt_doc *doc, const podfmt_options *opts,
                               podfmt_buf *out, podfmt_error *err)
{
    return stream_whole(&vtt_stream, doc, opts, out, err);
}
