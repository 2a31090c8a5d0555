/* Subtitle segmentation and timing, shared by the SRT and WebVTT writers
 * and the linter: turns are cut into cues that meet a profile (line
 * length, line count, duration, reading speed, gap). */
#ifndef PODFMT_CUE_H
#define PODFMT_CUE_H

#include "internal.h"

/* A subtitle guide's numbers. */
typedef struct cue_profile {
    int max_cols;    /* display columns in a line */
    int max_lines;   /* lines in a cue */
    int64_t min_ms;  /* shortest cue */
    int64_t max_ms;  /* longest cue */
    int max_cps;     /* characters a second */
    int64_t gap_ms;  /* least gap between two cues */
} cue_profile;

void cue_profile_get(podfmt_profile p, cue_profile *out);

/* Style bits of a byte of cue text. */
#define CUE_ITALIC 1u
#define CUE_BOLD 2u

/* One line of a cue: bytes [off, off + len) of the cue list's text. */
typedef struct cue_line {
    size_t off, len;
    int speaker; /* who says this line (dash cues hold two) */
    int name;    /* the line opens with the speaker's "Name:" */
    int dash;    /* the line opens with "- " */
} cue_line;

typedef struct cue {
    int64_t start, end; /* milliseconds, start < end */
    int speaker;        /* -1 unknown; a dash cue: its first line's */
    int n_lines;        /* 1 or 2 */
    cue_line line[2];
} cue;

typedef struct cue_list {
    cue *v;
    size_t n, cap;
    char *text;           /* visible text of every cue, plain UTF-8 */
    unsigned char *style; /* CUE_ITALIC/CUE_BOLD per byte of text; NULL
                           * while no text has a style */
    size_t text_len, text_cap;
} cue_list;

/* What the writer shows around the text, which the line breaking must
 * leave room for. */
typedef struct cue_opts {
    cue_profile prof;
    int name_prefix; /* "Name: " where the speaker changes */
    int dash;        /* merge two short exchanges into one cue */
    int wpm;
    int untimed;     /* no turn of the document has a time: a unit need
                      * not wait for the next known start to be cut */
} cue_opts;

/* The cue engine, fed a document's blocks as they come (notes and
 * headings are left out).  Each cue goes to emit as soon as no later
 * cue can change it; l holds the text its lines point into (valid during
 * the call only).  emit returns 0, or -1 to stop. */
typedef int (*cue_emit_fn)(void *ctx, const cue_list *l, const cue *c);
typedef struct cue_stream cue_stream;
/* o must outlive the engine.  NULL out of memory. */
cue_stream *cue_stream_new(const cue_opts *o, cue_emit_fn emit, void *ctx);
/* Takes blocks [0, n) of doc, which are final; the engine keeps no
 * pointer into doc.  0, or -1 out of memory or when emit stopped. */
int cue_stream_blocks(cue_stream *s, const podfmt_doc *doc, size_t n);
/* Cuts and hands on the rest.  0 or -1, as above. */
int cue_stream_end(cue_stream *s);
void cue_stream_free(cue_stream *s);
void cue_list_free(cue_list *l);

/* What the SRT and WebVTT stream writers share: the engine fed with the
 * blocks, and where the cues go.  A writer's state starts with it. */
typedef struct cue_writer {
    podfmt_buf *out;
    const podfmt_doc *doc; /* of the call being served (emit reads it) */
    cue_opts co;
    cue_stream *cues;
} cue_writer;
/* Allocates a writer's state of `size` bytes (zeroed) that starts with a
 * cue_writer for these options, with co set but for the speaker style
 * (set it before the first block); emit gets the state.  NULL out of
 * memory. */
void *cue_writer_new(size_t size, const podfmt_doc *doc,
                     const podfmt_options *opts, podfmt_buf *out,
                     cue_emit_fn emit);
/* stream_writer's blocks and end for such a state. */
int cue_writer_blocks(void *st, const podfmt_doc *doc, size_t n);
podfmt_status cue_writer_end(void *st, const podfmt_doc *doc, bool write,
                             podfmt_error *err);

/* Writes a line's text with its styles as <i>/<b> tags (closed at the end
 * of the line), each run of text through esc. */
void cue_put_line(podfmt_buf *out, const cue_list *l, const cue_line *ln,
                  void (*esc)(podfmt_buf *, const char *, size_t));
/* Writes ms as HH:MM:SS followed by sep and three digits. */
void cue_put_time(podfmt_buf *out, int64_t ms, char sep);
/* The BBC order of subtitle colours: white, yellow, cyan, green. */
const char *cue_palette(int speaker);
/* Whether a configured colour may be written into markup as it is. */
int cue_safe_color(const char *c);

/* Display width (columns) and grapheme count of UTF-8 text. */
void cue_measure(const char *s, size_t n, size_t *cols, size_t *graphemes);

#endif
