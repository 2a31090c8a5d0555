/* Shared between the library's files; not installed. */
#ifndef PODFMT_INTERNAL_H
#define PODFMT_INTERNAL_H

#include "podfmt.h"

#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#if defined(__GNUC__)
#define PODFMT_PRINTF(a, b) __attribute__((format(printf, a, b)))
#else
#define PODFMT_PRINTF(a, b)
#endif

/* ---- arena: stable strings, one free ------------------------------ */

typedef struct arena_chunk arena_chunk;
typedef struct arena {
    arena_chunk *head;
} arena;

void arena_init(arena *a);
void arena_free(arena *a);
/* Copies s[0..n) and a NUL; NULL when out of memory. */
char *arena_strndup(arena *a, const char *s, size_t n);
void *arena_alloc(arena *a, size_t n);
/* Forgets everything the arena holds and keeps its newest chunk to fill
 * again: what it gave out must not be used any more. */
void arena_rewind(arena *a);
/* Bytes for a string (no alignment). */
char *arena_alloc_str(arena *a, size_t n);
/* Maps the pages of [p, p + len) now rather than at their first write. */
void mem_prefault(void *p, size_t len);
/* Unmaps the whole pages inside [p, p + len): they read as zeros after. */
void mem_release(void *p, size_t len);

/* ---- eight bytes at a time ------------------------------------------ */

/* For w, eight bytes read with memcpy: the high bit is set in every byte
 * below c (c <= 0x80), and never when no byte is (a byte above one that
 * is may be marked too).  Bytes of 0x80 and above are never below c. */
static inline uint64_t bytes_below(uint64_t w, unsigned char c)
{
    const uint64_t ones = 0x0101010101010101u;
    return (w - ones * c) & ~w & ones * 0x80;
}
/* The same for the bytes equal to c. */
static inline uint64_t bytes_equal(uint64_t w, unsigned char c)
{
    return bytes_below(w ^ 0x0101010101010101u * c, 1);
}

/* ---- runs of bytes that need nothing done ---------------------------- */

/* Sixteen bytes at a time where the compiler offers SSE2 (every x86-64
 * compiler does); PODFMT_NO_SIMD builds the byte-at-a-time path alone,
 * which the unit tests hold the other to.  The sets are constants, and
 * the loops over them unroll. */
#if defined(__SSE2__) && !defined(PODFMT_NO_SIMD)
#define PODFMT_SSE2 1
#include <emmintrin.h>

/* The bytes of v that equal one of set[0..k), as a 16-bit mask. */
static inline unsigned sse_any_of(__m128i v, const char *set, int k)
{
    __m128i m = _mm_cmpeq_epi8(v, _mm_set1_epi8(set[0]));
#pragma GCC unroll 12
    for (int j = 1; j < k; j++)
        m = _mm_or_si128(m, _mm_cmpeq_epi8(v, _mm_set1_epi8(set[j])));
    return (unsigned)_mm_movemask_epi8(m);
}

static inline __m128i sse_load(const char *s)
{
    return _mm_loadu_si128((const __m128i *)(const void *)s);
}
#endif

/* How many bytes s[0..n) starts with that are none of set[0..k)
 * (1 <= k <= 12; no NUL in the set). */
static inline size_t span_without(const char *s, size_t n, const char *set,
                                  int k)
{
#ifdef PODFMT_SSE2
    size_t i = 0;
    for (; n - i >= 16; i += 16) {
        unsigned m = sse_any_of(sse_load(s + i), set, k);
        if (m)
            return i + (size_t)__builtin_ctz(m);
    }
    if (i == n)
        return n;
    char tail[16] = {0}; /* the last bytes, and NULs */
    memcpy(tail, s + i, n - i);
    unsigned m = sse_any_of(sse_load(tail), set, k);
    return m ? i + (size_t)__builtin_ctz(m) : n;
#else
    for (size_t i = 0; i < n; i++)
        for (int j = 0; j < k; j++)
            if (s[i] == set[j])
                return i;
    return n;
#endif
}

/* How many bytes s[0..n) starts with that folding white space would
 * leave as they are: none of ws[0..k) (the white space other than ' ';
 * k <= 12), and no ' ' followed by white space or by the end. */
static inline size_t span_single_spaced(const char *s, size_t n,
                                        const char *ws, int k)
{
#ifdef PODFMT_SSE2
    const __m128i sp = _mm_set1_epi8(' ');
    size_t i = 0;
    char tail[17];
    for (;; i += 16) {
        const char *p = s + i;
        unsigned valid = 0xFFFF;
        if (n - i < 17) { /* the last bytes, then a space for the end */
            if (i == n)
                return n;
            memset(tail, 0, sizeof tail);
            memcpy(tail, s + i, n - i);
            tail[n - i] = ' ';
            p = tail;
            valid = (1u << (n - i)) - 1;
        }
        __m128i v = sse_load(p), w = sse_load(p + 1); /* w: each byte's next */
        unsigned after = sse_any_of(w, ws, k) |
                         (unsigned)_mm_movemask_epi8(_mm_cmpeq_epi8(w, sp));
        unsigned m = (sse_any_of(v, ws, k) |
                      ((unsigned)_mm_movemask_epi8(_mm_cmpeq_epi8(v, sp)) & after)) &
                     valid;
        if (m)
            return i + (size_t)__builtin_ctz(m);
        if (valid != 0xFFFF)
            return n;
    }
#else
    for (size_t i = 0; i < n; i++) {
        char c = s[i];
        if (c == ' ') {
            if (i + 1 == n || s[i + 1] == ' ')
                return i;
            c = s[i + 1];
        }
        for (int j = 0; j < k; j++)
            if (c == ws[j])
                return i;
    }
    return n;
#endif
}

/* ---- buffers ------------------------------------------------------- */

/* A sink gets the content in pieces of about this size. */
#define PODFMT_SINK_THRESHOLD ((size_t)64 * 1024)

/* Inside the library the writes take an inline fast path when the bytes
 * fit (most writes are a few bytes long), and a literal's length is known
 * at compile time; the functions of podfmt.h do the rest. */
static inline void buf_put_fast(podfmt_buf *b, const char *s, size_t n)
{
    if (n == 0)
        return;
    if (n < b->cap - b->len && !b->failed &&
        (!b->sink || b->len + n < PODFMT_SINK_THRESHOLD)) {
        memcpy(b->data + b->len, s, n);
        b->len += n;
        return;
    }
    podfmt_buf_put(b, s, n);
}
static inline void buf_putc_fast(podfmt_buf *b, char c)
{
    if (b->len + 1 < b->cap && !b->failed &&
        (!b->sink || b->len + 1 < PODFMT_SINK_THRESHOLD)) {
        b->data[b->len++] = c;
        return;
    }
    podfmt_buf_putc(b, c);
}
static inline void buf_puts_fast(podfmt_buf *b, const char *s)
{
    buf_put_fast(b, s, strlen(s));
}
#ifndef PODFMT_BUF_IMPL
#define podfmt_buf_put(b, s, n) buf_put_fast((b), (s), (n))
#define podfmt_buf_puts(b, s) buf_puts_fast((b), (s))
#define podfmt_buf_putc(b, c) buf_putc_fast((b), (c))
#endif

void podfmt_buf_printf(podfmt_buf *b, const char *fmt, ...) PODFMT_PRINTF(2, 3);
/* Writes an unsigned decimal without printf. */
void podfmt_buf_putu(podfmt_buf *b, uint64_t v);
/* Writes `v` zero-padded to `width` digits. */
void podfmt_buf_putu_pad(podfmt_buf *b, uint64_t v, int width);
/* Makes sure the content is NUL-terminated (not counted in len). */
const char *podfmt_buf_cstr(podfmt_buf *b);
/* Grows a typed array: *ptr holds *cap elements of size `size`; ensures
 * room for `need` elements.  0 or -1. */
int grow_array(void **ptr, size_t *cap, size_t need, size_t size);

/* ---- errors -------------------------------------------------------- */

/* Fills err with a message and the line/column of `offset` in data. */
void error_at(podfmt_error *err, const char *data, size_t len, size_t offset,
              const char *fmt, ...) PODFMT_PRINTF(5, 6);
void error_set(podfmt_error *err, int line, int column, const char *fmt, ...)
    PODFMT_PRINTF(4, 5);
/* Line and column (1-based, column in characters) of offset in data. */
void position_of(const char *data, size_t len, size_t offset, int *line,
                 int *column);

/* ---- UTF-8 ----------------------------------------------------------- */

/* Length of the valid UTF-8 sequence at s (1..4), or 0 if invalid. */
size_t utf8_seq_len(const unsigned char *s, size_t n);
/* Decodes one code point at s (assumed valid); stores its length. */
int32_t utf8_decode(const unsigned char *s, size_t n, size_t *adv);
/* Encodes cp; returns bytes written (1..4) to out[4]. */
size_t utf8_put_code(int32_t cp, char *out);
/* Checks the whole input: valid UTF-8, no NUL, no C0 control other than
 * tab, line feed, carriage return, form feed.  Returns the offset of the
 * first problem or len; *why says what is wrong. */
size_t utf8_check(const char *s, size_t n, const char **why);
/* Undoes UTF-8 that was decoded as Latin-1 or windows-1252 and encoded
 * again ("â€”" for an em dash, "Ã©" for é): writes the text into out with
 * every such sequence turned back into its character; returns how many
 * were, and in *first the offset of the first (n when none). */
void doc_set_warning(podfmt_doc *doc, int line, int column, const char *msg);
size_t utf8_repair_double(const char *s, size_t n, podfmt_buf *out,
                          size_t *first);

/* Converts UTF-16/UTF-32 with a byte-order mark to UTF-8 and drops a
 * UTF-8 BOM.  *out points into data or to a new buffer in *owned (caller
 * frees).  0, or -1 with err filled. */
int input_decode(const char *data, size_t len, const char **out,
                 size_t *out_len, char **owned, podfmt_error *err);

/* ---- lines ------------------------------------------------------------ */

/* Iterates lines ending in LF, CRLF or a lone CR; the terminator is not
 * part of the line. */
typedef struct line_iter {
    const char *base; /* start of the whole input (offsets) */
    const char *p;
    const char *end;
    const char *lf; /* the next LF at or after p (or end): cached so that
                     * lone-CR input stays linear */
    const char *cr; /* the next CR at or after p (or end), cached alike */
    int lineno; /* of the line last returned, 1-based */
} line_iter;

void line_iter_init(line_iter *it, const char *data, size_t len);
/* Stores the next line; false at the end of input. */
bool line_next(line_iter *it, const char **s, size_t *n);

/* Trims ASCII white space and U+00A0 from both ends. */
void trim(const char **s, size_t *n);
bool is_blank(const char *s, size_t n);

/* ---- times ----------------------------------------------------------- */

/* Parses a clock time at s: [h:]mm:ss with an optional fraction after '.'
 * or ',' (1..3 digits).  Returns bytes used (0 when not a time) and the
 * milliseconds in *ms.  Refuses values past PODFMT_MAX_TIME_MS. */
size_t parse_clock(const char *s, size_t n, int64_t *ms);
#define PODFMT_MAX_TIME_MS ((int64_t)1000 * 3600 * 10000) /* 10,000 hours */

/* ---- readers and writers ----------------------------------------------- */

typedef podfmt_status (*podfmt_reader)(podfmt_doc *doc, const char *data,
                                       size_t len, const podfmt_options *opts,
                                       podfmt_error *err);
typedef podfmt_status (*podfmt_writer)(const podfmt_doc *doc,
                                       const podfmt_options *opts,
                                       podfmt_buf *out, podfmt_error *err);

podfmt_status podfmt_read_text(podfmt_doc *, const char *, size_t,
                               const podfmt_options *, podfmt_error *);
podfmt_status podfmt_read_md(podfmt_doc *, const char *, size_t,
                             const podfmt_options *, podfmt_error *);
podfmt_status podfmt_read_srt(podfmt_doc *, const char *, size_t,
                              const podfmt_options *, podfmt_error *);
podfmt_status podfmt_read_vtt(podfmt_doc *, const char *, size_t,
                              const podfmt_options *, podfmt_error *);
podfmt_status podfmt_read_json(podfmt_doc *, const char *, size_t,
                               const podfmt_options *, podfmt_error *);
podfmt_status podfmt_read_yaml(podfmt_doc *, const char *, size_t,
                               const podfmt_options *, podfmt_error *);

podfmt_status podfmt_write_md(const podfmt_doc *, const podfmt_options *,
                              podfmt_buf *, podfmt_error *);
podfmt_status podfmt_write_html(const podfmt_doc *, const podfmt_options *,
                                podfmt_buf *, podfmt_error *);
podfmt_status podfmt_write_srt(const podfmt_doc *, const podfmt_options *,
                               podfmt_buf *, podfmt_error *);
podfmt_status podfmt_write_vtt(const podfmt_doc *, const podfmt_options *,
                               podfmt_buf *, podfmt_error *);
podfmt_status podfmt_write_json(const podfmt_doc *, const podfmt_options *,
                                podfmt_buf *, podfmt_error *);
podfmt_status podfmt_write_yaml(const podfmt_doc *, const podfmt_options *,
                                podfmt_buf *, podfmt_error *);
podfmt_status podfmt_write_chapters(const podfmt_doc *, const podfmt_options *,
                                    podfmt_buf *, podfmt_error *);

/* A writer that can write a document a few blocks at a time, so that
 * podfmt_convert can write blocks while the input is read and forget
 * them.  The whole-document writer of the format is these three calls
 * over all the blocks (stream_whole), so both write the same. */
typedef struct stream_writer {
    /* Starts: meta and speakers are final.  The writer's state, or NULL
     * out of memory. */
    void *(*begin)(const podfmt_doc *doc, const podfmt_options *opts,
                   podfmt_buf *out);
    /* Writes blocks [0, n) of doc (indices are the document's at the
     * call: the writer keeps none).  0, or -1 out of memory. */
    int (*blocks)(void *st, const podfmt_doc *doc, size_t n);
    /* Writes the end when `write` (else only frees), and frees st. */
    podfmt_status (*end)(void *st, const podfmt_doc *doc, bool write,
                         podfmt_error *err);
    /* It keeps what it is given until the next known time (subtitle
     * cues), unless the reader says none will come (doc_set_untimed). */
    bool times;
    /* It takes a long turn in pieces (doc_stream_partial). */
    bool partial;
} stream_writer;

/* Writes all of doc through w: begin, every block, end. */
podfmt_status stream_whole(const stream_writer *w, const podfmt_doc *doc,
                           const podfmt_options *opts, podfmt_buf *out,
                           podfmt_error *err);

/* The stream form of a writer under these options, or NULL when it needs
 * all of the document first (a page's table of contents, talk-time
 * tables). */
const stream_writer *podfmt_stream_html(const podfmt_options *opts);
const stream_writer *podfmt_stream_md(const podfmt_options *opts);
const stream_writer *podfmt_stream_json(const podfmt_options *opts);
const stream_writer *podfmt_stream_yaml(const podfmt_options *opts);
const stream_writer *podfmt_stream_srt(const podfmt_options *opts);
const stream_writer *podfmt_stream_vtt(const podfmt_options *opts);
const stream_writer *podfmt_stream_chapters(const podfmt_options *opts);

/* ---- detection ------------------------------------------------------- */

/* A message naming a known format that podfmt cannot read, or NULL. */
const char *detect_unsupported(const char *s, size_t n);

/* ---- model helpers ------------------------------------------------------ */

/* Writes a slug of name (lowercase letters and digits joined by '-') into
 * out; non-ASCII letters are kept (lowercased).  Never empty. */
void slugify(const char *name, size_t len, podfmt_buf *out);

/* ---- templates (build/templates.c, generated from templates/) ------ */

/* The built-in template file `name` ("page.html", ...), or NULL. */
const char *podfmt_template_get(const char *name, size_t *len);

/* ---- inline text (src/inline.c) ------------------------------------- */

#include <cmark.h>

/* Whether s has no character that could start CommonMark inline syntax:
 * such text is literal and a writer may copy it with only escaping. */
bool inline_is_plain(const char *s, size_t n);
/* Whether cmark reads s as one text node of exactly these characters
 * (inline_is_plain, but quotes, apostrophes and '!' allowed): HTML and
 * plain-text output may skip cmark. */
bool inline_is_literal(const char *s, size_t n);
/* Parses segment text as CommonMark inline text (block syntax does not
 * apply; raw HTML becomes text nodes).  Returns the document node, whose
 * first child is the paragraph; free it with cmark_node_free.  NULL when
 * out of memory. */
cmark_node *inline_parse(const char *text, size_t len);

/* ---- the document's own input (src/model.c) ------------------------ */

/* The document takes buf (malloc'd; NULL: none) and frees any buffer it
 * held before; doc_input_text then says which bytes of it, [lo, hi), are
 * the text its reader sees. */
void doc_own_input(podfmt_doc *doc, char *buf);
void doc_input_text(podfmt_doc *doc, const char *lo, const char *hi);
/* A reader that reads its input line by line and never again past a
 * line's end once the line is made a segment may let segments point into
 * the input: podfmt_doc_add_segment then writes a NUL over the newline
 * after a segment's text instead of copying it.  Returns whether [lo, hi)
 * is the document's own input (else nothing changes). */
bool doc_borrow_input(podfmt_doc *doc, const char *lo, const char *hi);
void doc_borrow_end(podfmt_doc *doc);
/* Frees the input when no segment points into it. */
void doc_input_done(podfmt_doc *doc);
/* A reader that goes through its input once more, in order, and whose
 * segments do not point into it, says how far it got: the document's own
 * input before `upto` is given back to the system a megabyte at a time
 * (it reads as zeros after).  Nothing happens for input it does not own. */
void doc_input_release(podfmt_doc *doc, const char *upto);

/* ---- the stream (src/model.c) ------------------------------------- */

/* A document may hand its finished blocks on while it is read, so that a
 * writer writes them and the document forgets them (podfmt_convert).  The
 * function gets blocks [0, n) of doc, with their segments; 0, or -1 when
 * it failed (nothing more is handed to it). */
typedef int (*doc_stream_fn)(void *ctx, const podfmt_doc *doc, size_t n);
/* Sets the function (NULL: none); the stream starts closed. */
void doc_stream_set(podfmt_doc *doc, doc_stream_fn fn, void *ctx);
/* Called by a reader once the meta and every speaker are final (the
 * configuration's meta is applied now) and it will only append blocks
 * from here on: from then on, opening a block hands on every block before
 * the one it follows, each as finish() would leave it.  A reader that
 * never calls it hands nothing on before the end.  0, or -1 out of
 * memory. */
int doc_stream_open(podfmt_doc *doc);
bool doc_stream_failed(const podfmt_doc *doc);
/* The stream's writer takes a turn in pieces (stream_writer.partial):
 * once the last block holds DOC_PIECE segments and another comes, every
 * block goes on, the last unfinished, and every segment leaves the
 * arrays, so that a long turn (a subtitle file without speakers is
 * mostly one) is not kept whole.  (Not while the last block is still to
 * be joined to the one before: its reader may still set its times.)
 * The cue engine judges a turn's timing on its first DOC_PIECE segments,
 * whether the turn comes in pieces or whole.  doc_stream_set clears it. */
#define DOC_PIECE 4096
void doc_stream_partial(podfmt_doc *doc);
/* During a call of the stream function: whether blocks[0] is the rest of
 * the block the call before handed on unfinished, and whether the last
 * block of this call goes on in the next. */
bool doc_stream_continues(const podfmt_doc *doc);
bool doc_stream_last_open(const podfmt_doc *doc);
/* Segments added so far, those handed on included. */
size_t doc_segment_count(const podfmt_doc *doc);
/* A reader says no turn of the document will have a time (headings and
 * notes do not count: the subtitle engine leaves them out), so that the
 * engine cuts each turn without waiting for the next known start.  Any
 * timed segment added later clears it. */
void doc_set_untimed(podfmt_doc *doc);
bool doc_untimed(const podfmt_doc *doc);
/* The stream's writer waits for times (stream_writer.times): a reader
 * that must read its input once more to know that no turn has a time
 * does it only then.  doc_stream_set clears it. */
void doc_stream_times(podfmt_doc *doc);
bool doc_times_wanted(const podfmt_doc *doc);
/* Whether a stream function is set: a reader that opens the stream may
 * need to do some work first (make every speaker). */
bool doc_stream_wanted(const podfmt_doc *doc);
/* Joins b into prev when both are turns of one known speaker and b's
 * segments follow prev's; whether it did. */
bool doc_block_merge(podfmt_block *prev, const podfmt_block *b);

/* ---- string map (src/strmap.c) -------------------------------------- */

/* Maps byte strings to ints in expected constant time.  Keys are not
 * copied: they must outlive the map.  A zeroed strmap is empty. */
typedef struct strmap {
    const char **keys;
    size_t *lens;
    int *vals;
    size_t cap, n;
} strmap;

void strmap_free(strmap *m);
/* The value for key, or -1. */
int strmap_get(const strmap *m, const char *k, size_t n);
/* Sets key to v; 0, or -1 out of memory. */
int strmap_put(strmap *m, const char *k, size_t n, int v);
/* Adds delta to k's value (a new key starts at delta, which must not be
 * negative): the new value, or -1 when out of memory. */
int strmap_add(strmap *m, const char *k, size_t n, int delta);

#endif
