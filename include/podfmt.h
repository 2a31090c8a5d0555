/*
 * podfmt: speaker-labelled transcripts in, structured segments out.
 *
 * This is the only public header.  The pipeline is
 *
 *     bytes --podfmt_parse--> podfmt_doc --podfmt_render--> bytes
 *
 * Readers build the document; writers only read it.  The library never
 * prints and never exits: every function that can fail returns a
 * podfmt_status and fills a podfmt_error with the line, column and message
 * a user needs.  Only the command-line client (src/main.c) talks to users.
 */
#ifndef PODFMT_H
#define PODFMT_H

#include <stddef.h>
#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

#define PODFMT_VERSION "0.1.0"

/* Exit statuses of the contract double as the library's status codes. */
typedef enum {
    PODFMT_OK = 0,
    PODFMT_EINPUT = 1, /* the input (or configuration) is not acceptable */
    PODFMT_EUSAGE = 2, /* the caller asked for something impossible */
    PODFMT_EIO = 3     /* reading or writing failed, or memory ran out */
} podfmt_status;

/* Where and why something failed.  line and column are 1-based (column in
 * characters); both are 0 when the problem has no position. */
typedef struct podfmt_error {
    int line;
    int column;
    char message[512];
} podfmt_error;

typedef enum {
    PODFMT_FMT_AUTO = 0,
    PODFMT_FMT_TEXT,
    PODFMT_FMT_MD,
    PODFMT_FMT_SRT,
    PODFMT_FMT_VTT,
    PODFMT_FMT_JSON,
    PODFMT_FMT_YAML,
    PODFMT_FMT_HTML,
    PODFMT_FMT_CHAPTERS
} podfmt_format;

/* "md", "html", ...; NULL for an unknown value. */
const char *podfmt_format_name(podfmt_format fmt);
/* Looks a format up by its command-line name; returns 0 when unknown. */
int podfmt_format_from_name(const char *name, podfmt_format *out);
/* Whether a reader (as_input) or a writer exists for the format. */
int podfmt_format_can_read(podfmt_format fmt);
int podfmt_format_can_write(podfmt_format fmt);

/* Times are integer milliseconds; an unknown time is PODFMT_NO_TIME. */
#define PODFMT_NO_TIME ((int64_t)-1)

/* ------------------------------------------------------------------ */
/* Output buffer                                                       */

/* A growable byte buffer.  With a sink set, the buffer hands its content
 * to the sink whenever it grows past a threshold, so a writer can stream
 * output of any size through a bounded amount of memory. */
typedef struct podfmt_buf {
    char *data;
    size_t len;
    size_t cap;
    int (*sink)(void *ctx, const char *data, size_t len); /* 0 on success */
    void *sink_ctx;
    int failed; /* set once memory or the sink failed; later writes no-op */
} podfmt_buf;

void podfmt_buf_init(podfmt_buf *b);
void podfmt_buf_free(podfmt_buf *b);
void podfmt_buf_put(podfmt_buf *b, const char *s, size_t n);
void podfmt_buf_puts(podfmt_buf *b, const char *s);
void podfmt_buf_putc(podfmt_buf *b, char c);
/* Hands what is buffered to the sink (no-op without one); 0 on success. */
int podfmt_buf_flush(podfmt_buf *b);

/* ------------------------------------------------------------------ */
/* Configuration (the YAML file given with -c)                          */

typedef struct podfmt_meta_entry {
    char *key;
    char *value;
} podfmt_meta_entry;

typedef struct podfmt_config_speaker {
    char *label;    /* the key: the label as it appears in the input */
    char *name;     /* display name; NULL means the label itself */
    char *color;    /* "#rrggbb" or NULL */
    char **aliases; /* other labels meaning the same speaker */
    size_t n_aliases;
} podfmt_config_speaker;

typedef struct podfmt_config podfmt_config;
struct podfmt_config {
    podfmt_meta_entry *meta; /* overrides what the input says */
    size_t n_meta;
    podfmt_config_speaker *speakers;
    size_t n_speakers;
    char *link; /* "https://...{seconds}..." or NULL */
    void *priv; /* owned memory */
};

/* Parses a configuration.  On failure returns PODFMT_EINPUT with the
 * position in err; *out is then NULL. */
podfmt_status podfmt_config_parse(const char *data, size_t len,
                                  podfmt_config **out, podfmt_error *err);
void podfmt_config_free(podfmt_config *cfg);
/* The entry whose label or one of whose aliases is `label`, or NULL. */
const podfmt_config_speaker *podfmt_config_find(const podfmt_config *cfg,
                                                const char *label, size_t len);

/* ------------------------------------------------------------------ */
/* Options shared by readers and writers                               */

typedef enum {
    PODFMT_PROFILE_NETFLIX = 0, /* 42 x 2, <= 20 cps, 5/6 s .. 7 s, 2 frames */
    PODFMT_PROFILE_PODCAST      /* Podcasting 2.0: 32 x 2 */
} podfmt_profile;

typedef enum {
    PODFMT_STYLE_NAME = 0, /* "Name:" where the speaker changes */
    PODFMT_STYLE_DASH,     /* short exchanges share a cue, lines open "-" */
    PODFMT_STYLE_COLOR,    /* <font color> in SRT, STYLE block in VTT */
    PODFMT_STYLE_NONE
} podfmt_speaker_style;

typedef struct podfmt_options {
    const podfmt_config *config; /* may be NULL */
    const char *name_hint;       /* input file name: a tie-break for auto */
    int standalone;              /* -s */
    int email;                   /* --email */
    const char *template_text;   /* --template contents, or NULL */
    size_t template_len;
    podfmt_profile profile;
    podfmt_speaker_style speaker_style;
    int speaker_style_set; /* whether --speaker-style was given */
    int wpm;               /* speaking rate for untimed text */
} podfmt_options;

void podfmt_options_init(podfmt_options *opts);

/* ------------------------------------------------------------------ */
/* The document model                                                  */

typedef struct podfmt_speaker {
    char *id;    /* stable slug, unique in the document */
    char *name;  /* display name */
    char *color; /* "#rrggbb" from the configuration, or NULL */
} podfmt_speaker;

typedef struct podfmt_segment {
    char *text; /* CommonMark inline text, NUL-terminated, whitespace folded */
    size_t len;
    int64_t start; /* PODFMT_NO_TIME when the input gives none */
    int64_t end;
    int item; /* a list item: PODFMT_ITEM_BULLET, or its number (1, 2, ...)
               * in an ordered list; 0 for a paragraph */
} podfmt_segment;

#define PODFMT_ITEM_BULLET (-1)
#define PODFMT_MAX_ITEM 999999999

typedef enum {
    PODFMT_BLOCK_HEADING = 0, /* a section title: one segment */
    PODFMT_BLOCK_TURN,        /* one speaker's uninterrupted turn */
    PODFMT_BLOCK_NOTE         /* text no speaker says */
} podfmt_block_kind;

typedef struct podfmt_block {
    podfmt_block_kind kind;
    int speaker;   /* index into speakers, or -1 when unknown */
    int64_t start; /* first known time of the turn, or PODFMT_NO_TIME */
    int64_t end;   /* last known time, or PODFMT_NO_TIME */
    size_t first;  /* its segments: segments[first .. first + count) */
    size_t count;
} podfmt_block;

/* The document owns all of its memory; podfmt_doc_free releases it.
 * The arrays are flat and in document order; treat them as read-only
 * and change the document through the functions below. */
typedef struct podfmt_doc {
    podfmt_meta_entry *meta;
    size_t n_meta;
    podfmt_speaker *speakers;
    size_t n_speakers;
    podfmt_block *blocks;
    size_t n_blocks;
    podfmt_segment *segments;
    size_t n_segments;
    void *priv; /* allocation state, label index, configuration */
} podfmt_doc;

podfmt_doc *podfmt_doc_new(const podfmt_config *cfg);
void podfmt_doc_free(podfmt_doc *doc);
/* What podfmt repaired while reading, or NULL: one line a repair
 * ("LINE:COLUMN: warning: message", or " warning: message" for the whole
 * file), lines separated by '\n'.  Text encoded twice ("â€”") is turned
 * back into its characters; subtitle cues out of order are sorted. */
const char *podfmt_doc_warning(const podfmt_doc *doc);

/* Sets (or replaces) a meta value; returns 0 on success, -1 out of memory. */
int podfmt_doc_set_meta(podfmt_doc *doc, const char *key, const char *value,
                        size_t len);
/* The meta value for key, or NULL. */
const char *podfmt_doc_meta(const podfmt_doc *doc, const char *key);

/* Finds or creates the speaker for an input label, applying the
 * configuration (display names, aliases, colours).  Returns the speaker's
 * index, -1 when out of memory, -2 past PODFMT_MAX_SPEAKERS. */
int podfmt_doc_speaker(podfmt_doc *doc, const char *label, size_t len);
/* Creates a speaker with an explicit id (the structured form); returns its
 * index, -1 out of memory (or past PODFMT_MAX_SPEAKERS), -2 when the id is
 * taken. */
int podfmt_doc_add_speaker_id(podfmt_doc *doc, const char *id, size_t id_len,
                              const char *name, size_t name_len);
/* Sets a speaker's colour ("#rrggbb"; NULL removes it).  0, or -1 out of
 * memory or for a bad index. */
int podfmt_doc_set_speaker_color(podfmt_doc *doc, int speaker,
                                 const char *color);
/* The index of the speaker with that id, or -1. */
int podfmt_doc_speaker_by_id(const podfmt_doc *doc, const char *id,
                             size_t len);

/* Opens a new block; returns its index or -1. */
int podfmt_doc_add_block(podfmt_doc *doc, podfmt_block_kind kind,
                         int speaker);
/* Appends a segment to the last block, folding whitespace; updates the
 * block's start and end from the segment's times.  Empty text (after
 * folding) adds nothing and returns 0.  Returns 0, or -1 out of memory. */
int podfmt_doc_add_segment(podfmt_doc *doc, const char *text, size_t len,
                           int64_t start, int64_t end);
/* Appends text spoken by `speaker` as a segment, continuing the last block
 * when it is a turn of the same speaker (known speakers only), else
 * opening a new turn.  Returns 0 or -1. */
int podfmt_doc_add_turn_text(podfmt_doc *doc, int speaker, const char *text,
                             size_t len, int64_t start, int64_t end);
/* Makes the segment added last a list item (PODFMT_ITEM_BULLET or its
 * number), provided one was added since n_segments was n_before (empty
 * text adds none).  Prose writers show consecutive items as a list. */
void podfmt_doc_set_item(podfmt_doc *doc, size_t n_before, int item);
/* Applies the configuration's meta overrides.  0 or -1. */
int podfmt_doc_apply_config(podfmt_doc *doc);

/* ------------------------------------------------------------------ */
/* Reading and writing                                                 */

/* Picks a reader from the content; the name hint breaks ties only. */
podfmt_format podfmt_detect(const char *data, size_t len,
                            const char *name_hint);

/* Reads `data` in format `fmt` (PODFMT_FMT_AUTO: detected) into doc.
 * The input is checked first: UTF-8 (UTF-16/32 with a byte-order mark are
 * converted), no NUL or control characters. */
podfmt_status podfmt_parse(podfmt_doc *doc, podfmt_format fmt,
                           const char *data, size_t len,
                           const podfmt_options *opts, podfmt_error *err);

/* As podfmt_parse, but doc takes `data`, which must come from malloc:
 * from the call on, whatever it returns, the document frees it.  The
 * document may then point at the input's words instead of copying them
 * (and writes a NUL after such a word), which saves the copy's time and
 * memory. */
podfmt_status podfmt_parse_owned(podfmt_doc *doc, podfmt_format fmt,
                                 char *data, size_t len,
                                 const podfmt_options *opts, podfmt_error *err);

/* Says that the `data` the next podfmt_parse_owned or podfmt_convert on
 * doc takes is not from malloc but a private, writable mapping of a file
 * (mmap with PROT_READ | PROT_WRITE and MAP_PRIVATE) of map_len bytes:
 * the document unmaps it instead of freeing it.  The file must not shrink
 * while the document holds the mapping. */
void podfmt_doc_input_mapped(podfmt_doc *doc, size_t map_len);

/* Renders doc as `fmt` into out. */
podfmt_status podfmt_render(const podfmt_doc *doc, podfmt_format fmt,
                            const podfmt_options *opts, podfmt_buf *out,
                            podfmt_error *err);

/* Reads `data` as podfmt_parse_owned does and writes it as podfmt_render
 * does, with the same output; where the writer allows it
 * (podfmt_can_stream), blocks are written while the input is still read
 * and then forgotten, so that memory does not grow with the document.  On
 * failure `out` may hold part of the output.  doc is then only good for
 * podfmt_doc_warning and podfmt_doc_free: it may hold the last blocks
 * only. */
podfmt_status podfmt_convert(podfmt_doc *doc, podfmt_format from, char *data,
                             size_t len, podfmt_format to,
                             const podfmt_options *opts, podfmt_buf *out,
                             podfmt_error *err);
/* Whether podfmt_convert writes `to` under these options as it reads: the
 * HTML fragment, Markdown without -s, JSON and YAML.  The page (-s), the
 * subtitle writers and chapters need the whole document first. */
int podfmt_can_stream(podfmt_format to, const podfmt_options *opts);

/* Checks a subtitle file against the profile: one line per problem
 * ("NAME:LINE: cue N: ...") into report, *problems counts them. */
podfmt_status podfmt_lint(const char *data, size_t len, podfmt_format fmt,
                          const char *name, const podfmt_options *opts,
                          podfmt_buf *report, size_t *problems,
                          podfmt_error *err);

/* Talk time (--stats): a plain-text table of each speaker's words and
 * share, of speaking time when the input gives times for every turn,
 * else of words only (a closing line says which). */
podfmt_status podfmt_write_stats(const podfmt_doc *doc,
                                 const podfmt_options *opts, podfmt_buf *out,
                                 podfmt_error *err);
/* Reads `data` as podfmt_convert does and writes its talk-time table as
 * podfmt_write_stats does, counting the blocks as they are read (memory
 * does not grow with the document). */
podfmt_status podfmt_convert_stats(podfmt_doc *doc, podfmt_format from,
                                   char *data, size_t len,
                                   const podfmt_options *opts, podfmt_buf *out,
                                   podfmt_error *err);

/* ------------------------------------------------------------------ */
/* Limits: named here so that users can see them; errors name them.    */

#define PODFMT_MAX_INPUT ((size_t)1 << 30)  /* bytes of input */
#define PODFMT_MAX_LINE ((size_t)1 << 24)   /* bytes in one line */
#define PODFMT_MAX_SPEAKERS 100000          /* speakers in a document */
#define PODFMT_MAX_SEGMENTS 20000000        /* segments in a document */
#define PODFMT_MAX_NESTING 64               /* YAML / JSON depth */
#define PODFMT_MAX_LABEL 80                 /* bytes in a speaker label */

#ifdef __cplusplus
}
#endif

#endif
