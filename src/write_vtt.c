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
        size_t j = i;
        while (j < n && s[j] != '&' && s[j] != '<' && s[j] != '>')
            j++;
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

podfmt_status podfmt_write_vtt(const podfmt_doc *doc, const podfmt_options *opts,
                               podfmt_buf *out, podfmt_error *err)
{
    cue_opts co;
    memset(&co, 0, sizeof co);
    cue_profile_get(opts->profile, &co.prof);
    co.wpm = opts->wpm;
    cue_list l;
    podfmt_status st = cue_build(doc, &co, &l, err);
    if (st != PODFMT_OK)
        return st;
    podfmt_buf_puts(out, "WEBVTT\n\n");
    int all = opts->speaker_style_set &&
              opts->speaker_style == PODFMT_STYLE_COLOR;
    int any = all;
    for (size_t i = 0; i < doc->n_speakers && !any; i++)
        any = doc->speakers[i].color && cue_safe_color(doc->speakers[i].color);
    if (any)
        write_style(doc, all, out);
    for (size_t k = 0; k < l.n; k++) {
        const cue *c = &l.v[k];
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
            cue_put_line(out, &l, &c->line[i], vtt_escape);
        }
        podfmt_buf_puts(out, "\n\n");
    }
    cue_list_free(&l);
    if (out->failed) {
        error_set(err, 0, 0, "out of memory");
        return PODFMT_EIO;
    }
    return PODFMT_OK;
}
