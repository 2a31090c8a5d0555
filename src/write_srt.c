/* SRT: numbered cues, "HH:MM:SS,mmm --> HH:MM:SS,mmm", LF line ends, a
 * blank line after every cue.  The cues come from cue.c; this file only
 * shows them, with the speaker style asked for.
 *
 * SRT has no escape mechanism, and players read more than they should:
 * anything that looks like a tag is stripped ("<inaudible>" would vanish),
 * and ffmpeg/libass take "{...}" as an ASS override block (hidden, or
 * "{\an8}" moving the cue) and "\N" as a line break.  So a '<' that
 * could open a tag (anything but a space after it), '{', '}' and '\' are
 * written as look-alikes no player reads as markup: U+2039 (single left
 * angle quotation mark), U+2774 U+2775 (medium curly bracket ornaments)
 * and U+29F5 (reverse solidus operator), each one column wide like the
 * character it stands for; so is the '>' closing such a '<' (U+203A), and
 * the one of "-->", which would read as a timing line.  Any other '>'
 * ("5 > 3", "->") closes no tag and stays. */
#include "cue.h"

#include <string.h>

/* The look-alike for s[i], or NULL to keep it; open says a '<' was
 * replaced and its '>' is still to come. */
static const char *srt_lookalike(const char *s, size_t i, size_t n, bool *open)
{
    switch (s[i]) {
    case '<':
        if (i + 1 < n && s[i + 1] == ' ')
            return NULL; /* "2 < 4" opens no tag */
        *open = true;
        return "\xE2\x80\xB9";
    case '>':
        /* the pair of a replaced '<', or "-->" that would read as timing */
        if (*open || (i >= 2 && s[i - 1] == '-' && s[i - 2] == '-')) {
            *open = false;
            return "\xE2\x80\xBA";
        }
        return NULL;
    case '{': return "\xE2\x9D\xB4";
    case '}': return "\xE2\x9D\xB5";
    case '\\': return "\xE2\xA7\xB5";
    default: return NULL;
    }
}

static void srt_escape(podfmt_buf *out, const char *s, size_t n)
{
    bool open = false;
    size_t run = 0;
    for (size_t i = 0; i < n; i++) {
        const char *rep = srt_lookalike(s, i, n, &open);
        if (rep) {
            podfmt_buf_put(out, s + run, i - run);
            podfmt_buf_puts(out, rep);
            run = i + 1;
        }
    }
    podfmt_buf_put(out, s + run, n - run);
}

static const char *speaker_color(const podfmt_doc *doc, int sp)
{
    if (sp < 0 || (size_t)sp >= doc->n_speakers)
        return NULL;
    if (doc->speakers[sp].color && cue_safe_color(doc->speakers[sp].color))
        return doc->speakers[sp].color;
    return cue_palette(sp);
}

typedef struct srt_writer {
    cue_writer base;
    int color;
    size_t number; /* of the last cue written */
} srt_writer;

static int srt_cue(void *ctx, const cue_list *l, const cue *c)
{
    srt_writer *w = ctx;
    podfmt_buf *out = w->base.out;
    const podfmt_doc *doc = w->base.doc;
    podfmt_buf_putu(out, ++w->number);
    podfmt_buf_putc(out, '\n');
    cue_put_time(out, c->start, ',');
    podfmt_buf_puts(out, " --> ");
    cue_put_time(out, c->end, ',');
    podfmt_buf_putc(out, '\n');
    const char *fc = w->color ? speaker_color(doc, c->speaker) : NULL;
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
        cue_put_line(out, l, ln, srt_escape);
    }
    if (fc)
        podfmt_buf_puts(out, "</font>");
    podfmt_buf_puts(out, "\n\n");
    return out->failed ? -1 : 0;
}

static void *srt_begin(const podfmt_doc *doc, const podfmt_options *opts,
                       podfmt_buf *out)
{
    srt_writer *w = cue_writer_new(sizeof *w, doc, opts, out, srt_cue);
    if (!w)
        return NULL;
    w->base.co.name_prefix = opts->speaker_style == PODFMT_STYLE_NAME;
    w->base.co.dash = opts->speaker_style == PODFMT_STYLE_DASH;
    w->color = opts->speaker_style == PODFMT_STYLE_COLOR;
    return w;
}

static const stream_writer srt_stream = {srt_begin, cue_writer_blocks,
                                         cue_writer_end, true, true};

const stream_writer *podfmt_stream_srt(const podfmt_options *opts)
{
    (void)opts;
    return &srt_stream;
}

podfmt_status podfmt_write_srt(const podfmt_doc *doc, const podfmt_options *opts,
                               podfmt_buf *out, podfmt_error *err)
{
    return stream_whole(&srt_stream, doc, opts, out, err);
}
