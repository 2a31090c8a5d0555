/* The document: meta, speakers, blocks and segments in flat arrays. */
#include "internal.h"
#include "label.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <utf8proc.h>

typedef struct doc_priv {
    arena strings;
    size_t cap_meta, cap_speakers, cap_blocks, cap_segments;
    strmap by_label, by_name, by_id;
    strmap by_bare; /* a label without its role -> speaker */
    const podfmt_config *config;
    podfmt_buf scratch;
    char warning[800]; /* the repairs podfmt made while reading, a line
                        * each, or "" */
    char *input;            /* the input, when the document owns it */
    size_t input_map;       /* its length when it is a mapping, or 0 */
    size_t next_map;        /* podfmt_doc_input_mapped: for the next */
    const char *in_lo, *in_hi; /* the text the reader sees, inside it */
    bool borrowing;         /* segments may point into it (doc_borrow_input) */
    bool borrowed;          /* some segment points into the input */
    /* the stream (doc_stream_set): finished blocks go to stream_fn and
     * leave the arrays */
    doc_stream_fn stream_fn;
    void *stream_ctx;
    bool stream_open;   /* the reader said meta and speakers are final */
    bool stream_failed; /* stream_fn failed: nothing more goes to it */
    size_t segments_gone; /* segments handed on and dropped */
    const char *released; /* the input before it went back (doc_input_release) */
    bool untimed; /* doc_set_untimed */
    bool times_wanted; /* doc_stream_times */
    bool partial;      /* doc_stream_partial */
    bool continues;    /* blocks[0] is the rest of a block handed on
                        * unfinished (doc_stream_continues) */
    bool last_open;    /* doc_stream_last_open */
    size_t add_gone;   /* segments the last podfmt_doc_add_segment handed
                        * on before it added its own */
    /* Segment text that is not the input's: two arenas in turn, so that
     * after a hand-on in pieces the one no segment points into any more
     * is filled again instead of new memory (see stream_in_pieces). */
    arena seg_text[2];
    int seg_cur;
} doc_priv;

#define PRIV(doc) ((doc_priv *)(doc)->priv)

static void input_free(doc_priv *p)
{
    if (p->input && p->input_map)
        munmap(p->input, p->input_map);
    else
        free(p->input);
    p->input = NULL;
    p->input_map = 0;
}

podfmt_doc *podfmt_doc_new(const podfmt_config *cfg)
{
    podfmt_doc *doc = calloc(1, sizeof *doc);
    doc_priv *p = calloc(1, sizeof *p);
    if (!doc || !p) {
        free(doc);
        free(p);
        return NULL;
    }
    arena_init(&p->strings);
    arena_init(&p->seg_text[0]);
    arena_init(&p->seg_text[1]);
    podfmt_buf_init(&p->scratch);
    p->config = cfg;
    doc->priv = p;
    return doc;
}

void podfmt_doc_free(podfmt_doc *doc)
{
    if (!doc)
        return;
    doc_priv *p = PRIV(doc);
    arena_free(&p->strings);
    arena_free(&p->seg_text[0]);
    arena_free(&p->seg_text[1]);
    strmap_free(&p->by_label);
    strmap_free(&p->by_name);
    strmap_free(&p->by_id);
    strmap_free(&p->by_bare);
    podfmt_buf_free(&p->scratch);
    input_free(p);
    free(p);
    free(doc->meta);
    free(doc->speakers);
    free(doc->blocks);
    free(doc->segments);
    free(doc);
}

int podfmt_doc_set_meta(podfmt_doc *doc, const char *key, const char *value,
                        size_t len)
{
    doc_priv *p = PRIV(doc);
    char *v = arena_strndup(&p->strings, value, len);
    if (!v)
        return -1;
    for (size_t i = 0; i < doc->n_meta; i++) {
        if (strcmp(doc->meta[i].key, key) == 0) {
            doc->meta[i].value = v;
            return 0;
        }
    }
    char *k = arena_strndup(&p->strings, key, strlen(key));
    if (!k || grow_array((void **)&doc->meta, &p->cap_meta, doc->n_meta + 1,
                         sizeof *doc->meta) != 0)
        return -1;
    doc->meta[doc->n_meta].key = k;
    doc->meta[doc->n_meta].value = v;
    doc->n_meta++;
    return 0;
}

const char *podfmt_doc_meta(const podfmt_doc *doc, const char *key)
{
    for (size_t i = 0; i < doc->n_meta; i++)
        if (strcmp(doc->meta[i].key, key) == 0)
            return doc->meta[i].value;
    return NULL;
}

void slugify(const char *name, size_t len, podfmt_buf *out)
{
    size_t start = out->len;
    int dash = 0;
    size_t i = 0;
    while (i < len) {
        unsigned char c = (unsigned char)name[i];
        if (c < 0x80) {
            i++;
            if ((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9')) {
                if (dash && out->len > start)
                    podfmt_buf_putc(out, '-');
                dash = 0;
                podfmt_buf_putc(out, (char)c);
            } else if (c >= 'A' && c <= 'Z') {
                if (dash && out->len > start)
                    podfmt_buf_putc(out, '-');
                dash = 0;
                podfmt_buf_putc(out, (char)(c - 'A' + 'a'));
            } else if (c != '\'') {
                dash = 1; /* "Galeev's" -> "galeevs" reads better */
            }
            continue;
        }
        size_t adv;
        int32_t cp = utf8_decode((const unsigned char *)name + i, len - i, &adv);
        i += adv;
        utf8proc_category_t cat = utf8proc_category(cp);
        if (cp == 0x2019) /* right single quote as an apostrophe */
            continue;
        if (cat >= UTF8PROC_CATEGORY_LU && cat <= UTF8PROC_CATEGORY_LO) {
            /* Latin letters with marks lose them (Sørensen -> sorensen);
             * other scripts stay as they are, lowercased. */
            utf8proc_uint8_t *folded = NULL;
            char enc[4];
            size_t el = utf8_put_code(cp, enc);
            /* only Latin letters lose their marks: in other scripts a
             * mark can be part of the letter (ゲ is not ケ) */
            bool latin = cp < 0x250 || (cp >= 0x1E00 && cp < 0x1F00);
            utf8proc_ssize_t r = utf8proc_map(
                (const utf8proc_uint8_t *)enc, (utf8proc_ssize_t)el, &folded,
                UTF8PROC_STABLE | UTF8PROC_COMPOSE | UTF8PROC_CASEFOLD |
                    (latin ? UTF8PROC_STRIPMARK : 0));
            if (dash && out->len > start)
                podfmt_buf_putc(out, '-');
            dash = 0;
            if (r > 0) {
                if (cp == 0xF8 || cp == 0xD8) /* ø has no decomposition */
                    podfmt_buf_putc(out, 'o');
                else
                    podfmt_buf_put(out, (const char *)folded, (size_t)r);
            }
            free(folded);
        } else if (cat == UTF8PROC_CATEGORY_ND || cat == UTF8PROC_CATEGORY_MN ||
                   cat == UTF8PROC_CATEGORY_MC) {
            if (cat == UTF8PROC_CATEGORY_ND && dash && out->len > start)
                podfmt_buf_putc(out, '-');
            dash = 0;
            char enc[4];
            podfmt_buf_put(out, enc, utf8_put_code(cp, enc));
        } else {
            dash = 1;
        }
    }
    if (out->len == start)
        podfmt_buf_puts(out, "speaker");
}

/* Appends a speaker with a unique id derived from `base`. */
static int new_speaker(podfmt_doc *doc, const char *base, size_t base_len,
                       const char *name, size_t name_len, const char *color)
{
    doc_priv *p = PRIV(doc);
    if (doc->n_speakers >= PODFMT_MAX_SPEAKERS)
        return -2;
    podfmt_buf *s = &p->scratch;
    s->len = 0;
    slugify(base, base_len, s);
    size_t stem = s->len;
    for (unsigned n = 2; !s->failed && strmap_get(&p->by_id, s->data, s->len) >= 0; n++) {
        s->len = stem;
        podfmt_buf_putc(s, '-');
        podfmt_buf_putu(s, n);
    }
    if (s->failed)
        return -1;
    char *id = arena_strndup(&p->strings, s->data, s->len);
    char *nm = arena_strndup(&p->strings, name, name_len);
    char *col = color ? arena_strndup(&p->strings, color, strlen(color)) : NULL;
    if (!id || !nm || (color && !col))
        return -1;
    if (grow_array((void **)&doc->speakers, &p->cap_speakers,
                   doc->n_speakers + 1, sizeof *doc->speakers) != 0)
        return -1;
    int idx = (int)doc->n_speakers;
    doc->speakers[idx].id = id;
    doc->speakers[idx].name = nm;
    doc->speakers[idx].color = col;
    doc->n_speakers++;
    if (strmap_put(&p->by_id, id, strlen(id), idx) != 0 ||
        strmap_put(&p->by_name, nm, name_len, idx) != 0)
        return -1;
    return idx;
}

int podfmt_doc_speaker(podfmt_doc *doc, const char *label, size_t len)
{
    doc_priv *p = PRIV(doc);
    trim(&label, &len);
    /* fold inner white space so "Ana  Ruiz" and "Ana Ruiz" agree */
    podfmt_buf norm;
    podfmt_buf_init(&norm);
    bool folded = true; /* no tab, no two spaces: the label as it is */
    for (size_t i = 0; i < len && folded; i++)
        folded = label[i] != '\t' &&
                 !(label[i] == ' ' && i + 1 < len && label[i + 1] == ' ');
    int space = 0;
    for (size_t i = 0; i < len && !folded; i++) {
        char c = label[i];
        if (c == ' ' || c == '\t') {
            space = 1;
            continue;
        }
        if (space)
            podfmt_buf_putc(&norm, ' ');
        space = 0;
        podfmt_buf_putc(&norm, c);
    }
    if (norm.failed) {
        podfmt_buf_free(&norm);
        return -1;
    }
    const char *l = folded ? label : norm.data ? norm.data : "";
    size_t ln = folded ? len : norm.len;
    int idx = strmap_get(&p->by_label, l, ln);
    if (idx >= 0) {
        podfmt_buf_free(&norm);
        return idx;
    }
    const podfmt_config_speaker *cs =
        p->config ? podfmt_config_find(p->config, l, ln) : NULL;
    const char *name = l;
    size_t name_len = ln;
    if (cs) {
        name = cs->name ? cs->name : cs->label;
        name_len = strlen(name);
    }
    /* "Ana Ruiz (host)" and "Ana Ruiz" are one person, "ana-ruiz"; the
     * role stays in the name until the name is seen without it */
    size_t bare = cs ? ln : label_without_role(l, ln);
    idx = strmap_get(&p->by_name, name, name_len);
    if (idx < 0 && !cs) {
        idx = strmap_get(&p->by_bare, l, bare);
        if (idx >= 0 && bare == ln &&
            (strlen(doc->speakers[idx].name) != ln ||
             memcmp(doc->speakers[idx].name, l, ln) != 0)) {
            char *nm = arena_strndup(&p->strings, l, ln);
            if (!nm || strmap_put(&p->by_name, nm, ln, idx) != 0) {
                podfmt_buf_free(&norm);
                return -1;
            }
            doc->speakers[idx].name = nm;
        }
    }
    if (idx < 0)
        idx = new_speaker(doc, name, cs ? name_len : bare, name, name_len,
                          cs ? cs->color : NULL);
    if (idx >= 0) {
        char *key = arena_strndup(&p->strings, l, ln);
        if (!key || strmap_put(&p->by_label, key, ln, idx) != 0 ||
            (!cs && strmap_get(&p->by_bare, key, bare) < 0 &&
             strmap_put(&p->by_bare, key, bare, idx) != 0))
            idx = -1;
    }
    podfmt_buf_free(&norm);
    return idx;
}

int podfmt_doc_add_speaker_id(podfmt_doc *doc, const char *id, size_t id_len,
                              const char *name, size_t name_len)
{
    doc_priv *p = PRIV(doc);
    if (strmap_get(&p->by_id, id, id_len) >= 0)
        return -2;
    if (doc->n_speakers >= PODFMT_MAX_SPEAKERS)
        return -1;
    char *i = arena_strndup(&p->strings, id, id_len);
    char *nm = arena_strndup(&p->strings, name, name_len);
    if (!i || !nm || grow_array((void **)&doc->speakers, &p->cap_speakers,
                                doc->n_speakers + 1, sizeof *doc->speakers) != 0)
        return -1;
    int idx = (int)doc->n_speakers;
    const podfmt_config_speaker *cs =
        p->config ? podfmt_config_find(p->config, name, name_len) : NULL;
    doc->speakers[idx].id = i;
    doc->speakers[idx].name = nm;
    doc->speakers[idx].color =
        cs && cs->color ? arena_strndup(&p->strings, cs->color, strlen(cs->color))
                        : NULL;
    doc->n_speakers++;
    if (strmap_put(&p->by_id, i, id_len, idx) != 0)
        return -1;
    if (strmap_get(&p->by_name, nm, name_len) < 0 &&
        strmap_put(&p->by_name, nm, name_len, idx) != 0)
        return -1;
    return idx;
}

int podfmt_doc_set_speaker_color(podfmt_doc *doc, int speaker,
                                 const char *color)
{
    if (speaker < 0 || (size_t)speaker >= doc->n_speakers)
        return -1;
    char *c = NULL;
    if (color && !(c = arena_strndup(&PRIV(doc)->strings, color,
                                     strlen(color))))
        return -1;
    doc->speakers[speaker].color = c;
    return 0;
}

int podfmt_doc_speaker_by_id(const podfmt_doc *doc, const char *id, size_t len)
{
    return strmap_get(&PRIV(doc)->by_id, id, len);
}

/* Whether b joins prev (doc_block_merge). */
static bool block_joins(const podfmt_block *prev, const podfmt_block *b)
{
    return b->kind == PODFMT_BLOCK_TURN && prev->kind == PODFMT_BLOCK_TURN &&
           b->speaker >= 0 && b->speaker == prev->speaker &&
           prev->first + prev->count == b->first;
}

bool doc_block_merge(podfmt_block *prev, const podfmt_block *b)
{
    if (!block_joins(prev, b))
        return false;
    prev->count += b->count;
    if (prev->start == PODFMT_NO_TIME)
        prev->start = b->start;
    if (b->end != PODFMT_NO_TIME &&
        (prev->end == PODFMT_NO_TIME || b->end > prev->end))
        prev->end = b->end;
    return true;
}

void doc_stream_set(podfmt_doc *doc, doc_stream_fn fn, void *ctx)
{
    doc_priv *p = PRIV(doc);
    p->stream_fn = fn;
    p->stream_ctx = ctx;
    p->stream_open = false;
    p->stream_failed = false;
    p->times_wanted = false;
    p->partial = p->last_open = false;
    if (fn) /* (the last hand-on, after the stream, may still continue) */
        p->continues = false;
}

void doc_stream_partial(podfmt_doc *doc)
{
    PRIV(doc)->partial = true;
}

bool doc_stream_continues(const podfmt_doc *doc)
{
    return PRIV(doc)->continues;
}

bool doc_stream_last_open(const podfmt_doc *doc)
{
    return PRIV(doc)->last_open;
}

void doc_stream_times(podfmt_doc *doc)
{
    PRIV(doc)->times_wanted = true;
}

bool doc_times_wanted(const podfmt_doc *doc)
{
    return PRIV(doc)->times_wanted;
}

int doc_stream_open(podfmt_doc *doc)
{
    doc_priv *p = PRIV(doc);
    if (!p->stream_fn || p->stream_open)
        return 0;
    p->stream_open = true;
    return podfmt_doc_apply_config(doc);
}

void doc_set_untimed(podfmt_doc *doc)
{
    PRIV(doc)->untimed = true;
}

bool doc_untimed(const podfmt_doc *doc)
{
    return PRIV(doc)->untimed;
}

bool doc_stream_wanted(const podfmt_doc *doc)
{
    return PRIV(doc)->stream_fn != NULL;
}

size_t doc_segment_count(const podfmt_doc *doc)
{
    return doc->n_segments + PRIV(doc)->segments_gone;
}

bool doc_stream_failed(const podfmt_doc *doc)
{
    return PRIV(doc)->stream_failed;
}

/* With the stream open, a block is about to open after the last: the
 * last is final now, as format.c's finish would leave it (dropped when
 * empty, joined to the one before when the same speaker goes on), and
 * every block before it is final too, since only the last can take in
 * the next.  Those go to the stream and leave the arrays. */
static void stream_settle(podfmt_doc *doc)
{
    doc_priv *p = PRIV(doc);
    size_t n = doc->n_blocks;
    if (n == 0)
        return;
    podfmt_block *last = &doc->blocks[n - 1];
    if (last->count == 0 || (n >= 2 && doc_block_merge(last - 1, last)))
        n--;
    doc->n_blocks = n;
    if (n < 2)
        return;
    if (!p->stream_failed &&
        p->stream_fn(p->stream_ctx, doc, n - 1) != 0)
        p->stream_failed = true;
    p->continues = false; /* blocks[0], finished now, went on */
    podfmt_block keep = doc->blocks[n - 1];
    size_t gone = keep.first;
    memmove(doc->segments, doc->segments + gone,
            (doc->n_segments - gone) * sizeof *doc->segments);
    doc->n_segments -= gone;
    p->segments_gone += gone;
    keep.first = 0;
    doc->blocks[0] = keep;
    doc->n_blocks = 1;
}

/* Whether the last block may go on in pieces now: it holds DOC_PIECE
 * segments, and is not to be joined to the one before (the reader may
 * still set the times of the block it made: those are the block's own
 * until stream_settle joins them). */
static bool piece_due(const podfmt_doc *doc)
{
    size_t n = doc->n_blocks;
    return doc->blocks[n - 1].count >= DOC_PIECE &&
           !(n >= 2 && block_joins(&doc->blocks[n - 2], &doc->blocks[n - 1]));
}

/* The last block is due (piece_due), and another segment is about to
 * join it, its text already in seg_text[seg_cur]: every block goes on,
 * the last unfinished, and every segment leaves the arrays.  The other
 * arena holds none of the segments left, none at all: it is rewound, and
 * takes the text from now on. */
static void stream_in_pieces(podfmt_doc *doc)
{
    doc_priv *p = PRIV(doc);
    size_t n = doc->n_blocks;
    p->last_open = true;
    if (p->stream_fn(p->stream_ctx, doc, n) != 0)
        p->stream_failed = true;
    p->last_open = false;
    podfmt_block keep = doc->blocks[n - 1];
    keep.first = keep.count = 0; /* its times stay: the turn's so far */
    doc->blocks[0] = keep;
    doc->n_blocks = 1;
    p->add_gone = doc->n_segments;
    p->segments_gone += doc->n_segments;
    doc->n_segments = 0;
    p->continues = true;
    p->seg_cur ^= 1;
    arena_rewind(&p->seg_text[p->seg_cur]);
}

int podfmt_doc_add_block(podfmt_doc *doc, podfmt_block_kind kind, int speaker)
{
    doc_priv *p = PRIV(doc);
    if (p->stream_open)
        stream_settle(doc);
    if (grow_array((void **)&doc->blocks, &p->cap_blocks, doc->n_blocks + 1,
                   sizeof *doc->blocks) != 0)
        return -1;
    podfmt_block *b = &doc->blocks[doc->n_blocks];
    b->kind = kind;
    b->speaker = kind == PODFMT_BLOCK_TURN ? speaker : -1;
    b->start = b->end = PODFMT_NO_TIME;
    b->first = doc->n_segments;
    b->count = 0;
    return (int)doc->n_blocks++;
}

/* Copies text into the arena with runs of ASCII white space folded to one
 * space and the ends trimmed. */
static bool fold_space(unsigned char c)
{
    return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' ||
           c == '\v';
}

/* The bytes of s[0..n), eight at a time, that folding leaves as they are:
 * none below ' ', no two spaces side by side, and a space at the end of
 * eight only before a byte that is no white space.  (The space test may
 * flag a byte that is no space, never miss one: the byte-at-a-time path
 * decides then.) */
static size_t unfolded_prefix(const char *s, size_t n)
{
    size_t i = 0;
    for (; n - i > 8; i += 8) {
        uint64_t w;
        memcpy(&w, s + i, 8);
        uint64_t sp = bytes_equal(w, ' ');
        if ((bytes_below(w, ' ') | (sp & (sp << 8))) != 0 ||
            ((sp >> 63) && (unsigned char)s[i + 8] <= ' '))
            break;
    }
    return i;
}

static char *fold_copy(arena *a, const char *s, size_t n, size_t *out_len)
{
    trim(&s, &n);
    char *d = arena_alloc_str(a, n + 1);
    if (!d)
        return NULL;
    size_t i = 0, j = 0;
    while (i < n) {
        size_t k = unfolded_prefix(s + i, n - i);
        if (k) {
            memcpy(d + j, s + i, k);
            i += k;
            j += k;
        }
        if (i == n)
            break;
        unsigned char c = (unsigned char)s[i];
        if (!fold_space(c)) {
            d[j++] = (char)c;
            i++;
            continue;
        }
        while (i < n && fold_space((unsigned char)s[i]))
            i++;
        if (i < n)
            d[j++] = ' ';
    }
    d[j] = '\0';
    *out_len = j;
    return d;
}

void podfmt_doc_input_mapped(podfmt_doc *doc, size_t map_len)
{
    PRIV(doc)->next_map = map_len;
}

void doc_own_input(podfmt_doc *doc, char *buf)
{
    doc_priv *p = PRIV(doc);
    input_free(p);
    p->input = buf;
    p->input_map = buf ? p->next_map : 0;
    p->next_map = 0;
    p->in_lo = p->in_hi = NULL;
    p->borrowing = p->borrowed = false;
    p->released = NULL;
}

void doc_input_text(podfmt_doc *doc, const char *lo, const char *hi)
{
    PRIV(doc)->in_lo = lo;
    PRIV(doc)->in_hi = hi;
}

bool doc_borrow_input(podfmt_doc *doc, const char *lo, const char *hi)
{
    doc_priv *p = PRIV(doc);
    if (!p->input || lo != p->in_lo || hi != p->in_hi)
        return false;
    p->borrowing = true;
    return true;
}

void doc_borrow_end(podfmt_doc *doc)
{
    PRIV(doc)->borrowing = false;
}

void doc_input_done(podfmt_doc *doc)
{
    doc_priv *p = PRIV(doc);
    doc_borrow_end(doc);
    if (!p->borrowed)
        doc_own_input(doc, NULL);
}

void doc_input_release(podfmt_doc *doc, const char *upto)
{
    doc_priv *p = PRIV(doc);
    if (!p->input || p->borrowed || p->borrowing || !p->in_lo ||
        upto <= p->in_lo || upto > p->in_hi)
        return;
    const char *from = p->released ? p->released : p->in_lo;
    if (upto - from < ((ptrdiff_t)1 << 20))
        return;
    mem_release((void *)(p->input + (from - p->input)), (size_t)(upto - from));
    p->released = upto;
}

/* Text in the borrowed input that folding would leave as it is, followed
 * by a line's end (a byte no line's text holds): it is ended there with a
 * NUL and used in place.  NULL when it must be copied. */
static char *in_place(doc_priv *p, const char *s, size_t n, size_t *out_len)
{
    if (!p->borrowing || s < p->in_lo || s >= p->in_hi)
        return NULL;
    trim(&s, &n);
    if (n == 0 || (size_t)(p->in_hi - s) <= n)
        return NULL; /* no byte after it inside the input */
    char end = s[n];
    if (!(end == '\n' || (end == '\r' && (size_t)(p->in_hi - s) > n + 1 &&
                          s[n + 1] == '\n')))
        return NULL;
    for (size_t i = unfolded_prefix(s, n); i < n; i++) {
        unsigned char c = (unsigned char)s[i];
        if (c <= ' ' && (c != ' ' || s[i + 1] == ' ') && fold_space(c))
            return NULL; /* folding would change it */
    }
    char *t = p->input + (s - p->input); /* the document's own */
    t[n] = '\0';
    p->borrowed = true;
    *out_len = n;
    return t;
}

int podfmt_doc_add_segment(podfmt_doc *doc, const char *text, size_t len,
                           int64_t start, int64_t end)
{
    doc_priv *p = PRIV(doc);
    if (doc->n_blocks == 0)
        return -1;
    size_t n;
    p->add_gone = 0;
    char *t = in_place(p, text, len, &n);
    if (!t)
        t = fold_copy(&p->seg_text[p->seg_cur], text, len, &n);
    if (!t)
        return -1;
    if (n == 0)
        return 0;
    if (p->partial && p->stream_open && !p->stream_failed && piece_due(doc))
        stream_in_pieces(doc);
    if (doc->n_segments + p->segments_gone >= PODFMT_MAX_SEGMENTS ||
        grow_array((void **)&doc->segments, &p->cap_segments,
                   doc->n_segments + 1, sizeof *doc->segments) != 0)
        return -1;
    if (start != PODFMT_NO_TIME || end != PODFMT_NO_TIME)
        p->untimed = false; /* a time after all (added through the API) */
    podfmt_segment *s = &doc->segments[doc->n_segments++];
    s->text = t;
    s->len = n;
    s->start = start;
    s->end = end;
    s->item = 0;
    podfmt_block *b = &doc->blocks[doc->n_blocks - 1];
    b->count++;
    if (start != PODFMT_NO_TIME && b->start == PODFMT_NO_TIME)
        b->start = start;
    /* A start alone (an Otter or Rev anchor) says when speech began, not
     * when it ended: only ends make a turn's end. */
    if (end != PODFMT_NO_TIME && (b->end == PODFMT_NO_TIME || end > b->end))
        b->end = end;
    return 0;
}

int podfmt_doc_add_turn_text(podfmt_doc *doc, int speaker, const char *text,
                             size_t len, int64_t start, int64_t end)
{
    if (doc->n_blocks == 0 ||
        doc->blocks[doc->n_blocks - 1].kind != PODFMT_BLOCK_TURN ||
        doc->blocks[doc->n_blocks - 1].speaker != speaker || speaker < 0) {
        if (podfmt_doc_add_block(doc, PODFMT_BLOCK_TURN, speaker) < 0)
            return -1;
    }
    return podfmt_doc_add_segment(doc, text, len, start, end);
}

int podfmt_doc_apply_config(podfmt_doc *doc)
{
    const podfmt_config *cfg = PRIV(doc)->config;
    if (!cfg)
        return 0;
    for (size_t i = 0; i < cfg->n_meta; i++)
        if (podfmt_doc_set_meta(doc, cfg->meta[i].key, cfg->meta[i].value,
                                strlen(cfg->meta[i].value)) != 0)
            return -1;
    return 0;
}

const char *podfmt_doc_warning(const podfmt_doc *doc)
{
    const doc_priv *p = doc ? PRIV(doc) : NULL;
    return p && p->warning[0] ? p->warning : NULL;
}

void doc_set_warning(podfmt_doc *doc, int line, int column, const char *msg)
{
    /* appended, a line each; what does not fit whole is left out */
    char *w = PRIV(doc)->warning;
    size_t used = strlen(w), room = sizeof PRIV(doc)->warning - used;
    int n = line > 0 ? snprintf(w + used, room, "%s%d:%d: warning: %s",
                                used ? "\n" : "", line, column, msg)
                     : snprintf(w + used, room, "%s warning: %s",
                                used ? "\n" : "", msg);
    if (n < 0 || (size_t)n >= room)
        w[used] = '\0';
}

void podfmt_doc_set_item(podfmt_doc *doc, size_t n_before, int item)
{
    /* (a hand-on in pieces may have taken the segments before it) */
    if (doc->n_segments + PRIV(doc)->add_gone > n_before &&
        item >= PODFMT_ITEM_BULLET &&
        item <= PODFMT_MAX_ITEM)
        doc->segments[doc->n_segments - 1].item = item;
}
