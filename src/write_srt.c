/* SRT: numbered cues, "HH:MM:SS,mmm --> HH:MM:SS,mmm", LF line ends, a
 * blank line after every cue.  The cues come from cue.c; this file only
 * shows them, with the speaker style asked for.
 *
 * SRT has no escape mechanism, and players read more than they should:
 * anything that looks like a tag is stripped ("<inaudible>" would vanish),
 * and ffmpeg/libass take "{...}" as an ASS override block (hidden, or
 * "{\an8}" moving the cue) and "\N" as a line break.  So the text's
 * '<' '>' '{' '}' '\' are written as look-alikes no player reads as
 * markup: U+2039 U+203A (single angle quotation marks), U+2774 U+2775
 * (medium curly bracket ornaments) and U+29F5 (reverse solidus operator),
 * each one column wide like the character it stands for. */
#include "cue.h"

#include <string.h>

static const char *srt_lookalike(char c)
{
    switch (c) {
    case '<': return "\xE2\x80\xB9";
    case '>': return "\xE2\x80\xBA";
    case '{': return "\xE2\x9D\xB4";
    case '}': return "\xE2\x9D\xB5";
    case '\\': return "\xE2\xA7\xB5";
    default: return NULL;
    }
}

static void srt_escape(podfmt_buf *out, const char *s, size_t n)
{
    size_t i = 0;
    while (i < n) {
        size_t j = i;
        while (j < n && !srt_lookalike(s[j]))
            j++;
        podfmt_buf_put(out, s + i, j - i);
        if (j < n)
            podfmt_buf_puts(out, srt_lookalike(s[j]));
        i = j + 1;
    }
}

static const char *speaker_color(const podfmt_doc *doc, int sp)
{
    if (sp < 0 || (size_t)sp >= doc->n_speakers)
        return NULL;
    if (doc->speakers[sp].color && cue_safe_color(doc->speakers[sp].color))
        return doc->speakers[sp].color;
    return cue_palette(sp);
}

podfmt_status podfmt_write_srt(const podfmt_doc *doc, const podfmt_options *opts,
                               podfmt_buf *out, podfmt_error *err)
{
    cue_opts co;
    memset(&co, 0, sizeof co);
    cue_profile_get(opts->profile, &co.prof);
    co.wpm = opts->wpm;
    co.name_prefix = opts->speaker_style == PODFMT_STYLE_NAME;
    co.dash = opts->speaker_style == PODFMT_STYLE_DASH;
    int color = opts->speaker_style == PODFMT_STYLE_COLOR;
    cue_list l;
    podfmt_status st = cue_build(doc, &co, &l, err);
    if (st != PODFMT_OK)
        return st;
    for (size_t k = 0; k < l.n; k++) {
        const cue *c = &l.v[k];
        podfmt_buf_putu(out, k + 1);
        podfmt_buf_putc(out, '\n');
        cue_put_time(out, c->start, ',');
        podfmt_buf_puts(out, " --> ");
        cue_put_time(out, c->end, ',');
        podfmt_buf_putc(out, '\n');
        const char *fc = color ? speaker_color(doc, c->speaker) : NULL;
        if (fc)
            podfmt_buf_printf(out, "<font color=\"%s\">", fc);
        for (int i = 0; i < c->n_lines; i++) {
            const cue_line *ln = &c->line[i];
            if (i > 0)
                podfmt_buf_putc(out, '\n');
            if (ln->dash)
                podfmt_buf_puts(out, "- ");
            if (ln->name) {
                const char *nm = doc->speakers[ln->speaker].name;
                srt_escape(out, nm, strlen(nm));
                podfmt_buf_putc(out, ':');
                if (ln->len)
                    podfmt_buf_putc(out, ' ');
            }
            cue_put_line(out, &l, ln, srt_escape);
        }
        if (fc)
            podfmt_buf_puts(out, "</font>");
        podfmt_buf_puts(out, "\n\n");
    }
    cue_list_free(&l);
    if (out->failed) {
        error_set(err, 0, 0, "out of memory");
        return PODFMT_EIO;
    }
    return PODFMT_OK;
}
