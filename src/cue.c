/* Subtitle segmentation and timing.
 *
 * Each turn (or each timed segment of a turn) becomes a "unit": its inline
 * text flattened to visible characters with style bits, cut into atoms
 * (words; between CJK characters, graphemes).  Every place between two
 * atoms has a quality: a sentence end is the best place to cut, then
 * clause punctuation, then before a conjunction or preposition; between
 * an article and its noun, two capitalised words (a name) or a pronoun and
 * its verb is the worst.  A dynamic programme over the atoms (each cue
 * looks at a bounded window, so it stays linear) picks the cues; each cue
 * is then broken into at most two balanced lines, and timed from the
 * input's times (a cue's, shared out by characters when it must be cut;
 * a word's, when the input gives a word per segment), a turn's anchor
 * (spread at the speaking rate, never past the next anchor) or the
 * speaking rate alone.  A last pass makes sure no cue overlaps the next
 * or follows it by less than the profile's gap. */
#include "cue.h"

#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include <utf8proc.h>

/* Atoms a cue may span: bounds the work per atom whatever the input. */
#define CUE_WINDOW 128

/* Qualities of a break before an atom. */
#define Q_SENTENCE 100
#define Q_CLAUSE 60
#define Q_CONJ 40
#define Q_CJK 30
#define Q_SPACE 20
#define Q_DANGLING 5   /* after a conjunction or preposition */
#define Q_BRACKET 40   /* taken off inside a short bracket: "[is that]" */
#define Q_FORCED (-50)
#define Q_NEVER (-100)
#define Q_LAZY INT_MIN /* not worked out yet: see atom_q */

void cue_profile_get(podfmt_profile p, cue_profile *out)
{
    out->max_cols = p == PODFMT_PROFILE_PODCAST ? 32 : 42;
    out->max_lines = 2;
    out->min_ms = 833;
    out->max_ms = 7000;
    out->max_cps = 20;
    out->gap_ms = 83;
}

/* ---- graphemes ------------------------------------------------------ */

static int is_cjk(int32_t c)
{
    return (c >= 0x1100 && c <= 0x11FF) || (c >= 0x2E80 && c <= 0xA4CF) ||
           (c >= 0xAC00 && c <= 0xD7A3) || (c >= 0xF900 && c <= 0xFAFF) ||
           (c >= 0xFE30 && c <= 0xFE4F) || (c >= 0xFF00 && c <= 0xFFEF) ||
           (c >= 0x20000 && c <= 0x3FFFD);
}

typedef struct grapheme {
    size_t off, len;
    int width;
    int32_t first; /* its first code point */
} grapheme;

/* The grapheme cluster at s[i..n): its length, display width and first
 * code point.  Width: the widest code point in it (a base and its
 * combining marks: the base; CJK: 2), 2 for an emoji presentation
 * sequence (U+FE0F) and for a flag (two regional indicators). */
static grapheme next_grapheme(const char *s, size_t n, size_t i)
{
    grapheme g = {i, 0, 0, 0};
    unsigned char c0 = (unsigned char)s[i];
    /* printable ASCII followed by ASCII (or the end) is a grapheme of one
     * column: no extending character can follow it */
    if (c0 >= 0x20 && c0 < 0x7F && (i + 1 >= n || (unsigned char)s[i + 1] < 0x80)) {
        g.len = 1;
        g.width = 1;
        g.first = c0;
        return g;
    }
    utf8proc_int32_t cp, prev = -1;
    utf8proc_int32_t state = 0;
    size_t j = i;
    int ri = 0, w = 0;
    while (j < n) {
        utf8proc_ssize_t k =
            utf8proc_iterate((const utf8proc_uint8_t *)s + j,
                             (utf8proc_ssize_t)(n - j), &cp);
        if (k <= 0) { /* cannot happen on checked input: count a byte */
            if (j == i)
                j++;
            break;
        }
        if (prev >= 0 && utf8proc_grapheme_break_stateful(prev, cp, &state))
            break;
        if (prev < 0)
            g.first = cp;
        int cw = utf8proc_charwidth(cp);
        if (cw > w)
            w = cw;
        if (cp == 0xFE0F)
            w = 2;
        if (cp >= 0x1F1E6 && cp <= 0x1F1FF)
            ri++;
        prev = cp;
        j += (size_t)k;
    }
    if (ri >= 2)
        w = 2;
    g.len = j - i;
    g.width = w;
    return g;
}

void cue_measure(const char *s, size_t n, size_t *cols, size_t *graphemes)
{
    size_t c = 0, g = 0;
    for (size_t i = 0; i < n;) {
        grapheme gr = next_grapheme(s, n, i);
        c += (size_t)gr.width;
        g++;
        i += gr.len;
    }
    if (cols)
        *cols = c;
    if (graphemes)
        *graphemes = g;
}

/* ---- the text store ------------------------------------------------- */

/* Text is stored with a style byte each only once some text has a style:
 * most transcripts have none. */
static int store_reserve(cue_list *l, size_t n)
{
    if (l->text_len + n + 1 <= l->text_cap)
        return 0;
    size_t cap = l->text_cap ? l->text_cap : 256;
    while (cap < l->text_len + n + 1)
        cap = cap / 2 * 3 + 16;
    char *t = realloc(l->text, cap);
    if (!t)
        return -1;
    l->text = t;
    if (l->style) {
        unsigned char *st = realloc(l->style, cap);
        if (!st)
            return -1;
        l->style = st;
    }
    l->text_cap = cap;
    return 0;
}

/* The first styled text: the text so far gets a style byte each (none). */
static int store_styled(cue_list *l)
{
    if (!l->style)
        l->style = calloc(l->text_cap, 1);
    return l->style ? 0 : -1;
}

static int store_put(cue_list *l, const char *s, size_t n, unsigned style)
{
    if (store_reserve(l, n) != 0 || (style && store_styled(l) != 0))
        return -1;
    memcpy(l->text + l->text_len, s, n);
    if (l->style)
        memset(l->style + l->text_len, (int)style, n);
    l->text_len += n;
    l->text[l->text_len] = '\0';
    return 0;
}

static const bool FOLDED_SPACE[256] = {[' '] = true, ['\t'] = true,
                                      ['\n'] = true, ['\r'] = true,
                                      ['\f'] = true};
/* The same white space but ' ', for span_single_spaced. */
#define FOLDED_OTHER "\t\n\r\f"

/* Appends text, folding white space: unit_start is where the unit's text
 * began, *space whether a space is pending.  One pass, into a store grown
 * once for the most the text can take (its bytes and a space). */
static int append_folded(cue_list *l, const char *s, size_t n, unsigned style,
                         size_t unit_start, int *space)
{
    if (store_reserve(l, n + 1) != 0)
        return -1;
    char *t = l->text;
    size_t at = l->text_len, o = at;
    int sp = *space, word = 0;
    for (size_t i = 0; i < n; i++) {
        char c = s[i];
        if (FOLDED_SPACE[(unsigned char)c]) {
            sp = 1;
            continue;
        }
        if (sp && o > unit_start)
            t[o++] = ' ';
        sp = 0;
        word = 1;
        /* c and the bytes after it that folding leaves as they are */
        size_t r = 1 + span_single_spaced(s + i + 1, n - i - 1, FOLDED_OTHER,
                                          4);
        memcpy(t + o, s + i, r);
        o += r;
        i += r - 1;
    }
    *space = sp;
    t[o] = '\0';
    l->text_len = o;
    if (word && style && store_styled(l) != 0)
        return -1;
    if (l->style && o > at) {
        memset(l->style + at, (int)style, o - at);
        if (style) /* a space put between words has no style */
            for (size_t k = at; k < o; k++)
                if (t[k] == ' ')
                    l->style[k] = 0;
    }
    return 0;
}

/* Appends one segment's inline text as visible characters: emphasis and
 * strong become style bits, links and images their text, code its
 * characters. */
static int append_inline(cue_list *l, const char *text, size_t len,
                         size_t unit_start, int *space)
{
    if (inline_is_literal(text, len))
        return append_folded(l, text, len, 0, unit_start, space);
    cmark_node *doc = inline_parse(text, len);
    if (!doc)
        return -1;
    cmark_iter *it = cmark_iter_new(doc);
    if (!it) {
        cmark_node_free(doc);
        return -1;
    }
    int italic = 0, bold = 0, rc = 0;
    cmark_event_type ev;
    while (rc == 0 && (ev = cmark_iter_next(it)) != CMARK_EVENT_DONE) {
        cmark_node *node = cmark_iter_get_node(it);
        int d = ev == CMARK_EVENT_ENTER ? 1 : -1;
        switch (cmark_node_get_type(node)) {
        case CMARK_NODE_EMPH: italic += d; break;
        case CMARK_NODE_STRONG: bold += d; break;
        case CMARK_NODE_TEXT:
        case CMARK_NODE_CODE:
        case CMARK_NODE_HTML_INLINE: {
            const char *lit = cmark_node_get_literal(node);
            unsigned st = (italic > 0 ? CUE_ITALIC : 0) | (bold > 0 ? CUE_BOLD : 0);
            if (lit)
                rc = append_folded(l, lit, strlen(lit), st, unit_start, space);
            break;
        }
        case CMARK_NODE_SOFTBREAK:
        case CMARK_NODE_LINEBREAK: *space = 1; break;
        default: break;
        }
    }
    cmark_iter_free(it);
    cmark_node_free(doc);
    return rc;
}

/* ---- atoms and break qualities ---------------------------------------- */

typedef struct atom {
    size_t off, len;
    int width;     /* columns */
    int chars;     /* graphemes */
    int cjk;       /* CJK graphemes in it */
    int space;     /* a space separates it from the atom before */
    int q;         /* quality of a break before it */
    int prefix;    /* 1: the "Name:" atom, 2: a "- " dash */
    int hard;      /* opens a paragraph (segment): a cue never spans it */
    int64_t t0, t1; /* word-timed units: the times of its word */
    size_t wlen;   /* q is Q_LAZY: the bytes of the word it opens */
    int brk;       /* q is Q_LAZY: it is in a short bracket */
} atom;

typedef struct atoms {
    atom *v;
    size_t n, cap;
} atoms;

static int atoms_push(atoms *a, atom x)
{
    if (a->n < a->cap) {
        a->v[a->n++] = x;
        return 0;
    }
    if (grow_array((void **)&a->v, &a->cap, a->n + 1, sizeof *a->v) != 0)
        return -1;
    a->v[a->n++] = x;
    return 0;
}

static int is_closing(int32_t c)
{
    static const int32_t set[] = {
        ',', '.', '!', '?', ';', ':', ')', ']', '}', 0x2026, 0x3001, 0x3002,
        0xFF0C, 0xFF0E, 0xFF01, 0xFF1F, 0xFF09, 0x300D, 0x300F, 0x3011,
        0x3015, 0x3009, 0x300B, 0x201D, 0x30FC, 0x3005, 0x3041, 0x3043,
        0x3045, 0x3047, 0x3049, 0x3063, 0x3083, 0x3085, 0x3087, 0x308E,
        0x30A1, 0x30A3, 0x30A5, 0x30A7, 0x30A9, 0x30C3, 0x30E3, 0x30E5,
        0x30E7, 0x30EE, 0x30F5, 0x30F6, 0xFF1B, 0xFF1A};
    for (size_t i = 0; i < sizeof set / sizeof set[0]; i++)
        if (set[i] == c)
            return 1;
    return 0;
}

static int is_opening(int32_t c)
{
    return c == '(' || c == '[' || c == '{' || c == 0xFF08 || c == 0x300C ||
           c == 0x300E || c == 0x3010 || c == 0x3014 || c == 0x3008 ||
           c == 0x300A || c == 0x201C;
}

static int is_sentence_punct(int32_t c)
{
    return c == '.' || c == '!' || c == '?' || c == 0x2026 || c == 0x3002 ||
           c == 0xFF01 || c == 0xFF1F;
}

static int is_clause_punct(int32_t c)
{
    return c == ',' || c == ';' || c == ':' || c == 0x2014 || c == 0x2013 ||
           c == 0x3001 || c == 0xFF0C || c == 0xFF1B || c == 0xFF1A;
}

/* The last code point of s[0..n), skipping closing quotes and brackets. */
static int32_t last_significant(const char *s, size_t n)
{
    size_t i = n;
    while (i > 0) {
        size_t j = i - 1;
        while (j > 0 && ((unsigned char)s[j] & 0xC0) == 0x80)
            j--;
        utf8proc_int32_t cp = 0;
        utf8proc_iterate((const utf8proc_uint8_t *)s + j,
                         (utf8proc_ssize_t)(i - j), &cp);
        if (cp == '"' || cp == '\'' || cp == ')' || cp == ']' ||
            cp == 0x201D || cp == 0x2019 || cp == 0xBB || cp == '*' ||
            cp == '_') {
            i = j;
            continue;
        }
        return cp;
    }
    return 0;
}

static int32_t first_cp(const char *s, size_t n)
{
    size_t i = 0;
    /* opening quotes do not make a word */
    while (i < n && (s[i] == '"' || s[i] == '\'' || s[i] == '(' || s[i] == '['))
        i++;
    if (i + 3 <= n && (unsigned char)s[i] == 0xE2 && (unsigned char)s[i + 1] == 0x80 &&
        ((unsigned char)s[i + 2] == 0x9C || (unsigned char)s[i + 2] == 0x98))
        i += 3;
    if (i >= n)
        return 0;
    if ((unsigned char)s[i] < 0x80)
        return (unsigned char)s[i];
    utf8proc_int32_t cp = 0;
    utf8proc_iterate((const utf8proc_uint8_t *)s + i, (utf8proc_ssize_t)(n - i),
                     &cp);
    return cp;
}

static bool is_ascii_letter(char c)
{
    return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z');
}

/* The word without the punctuation around it: [*a, *b) of s. */
static void word_core(const char *s, size_t n, size_t *a, size_t *b)
{
    size_t i = 0, j = n;
    while (i < j && !is_ascii_letter(s[i]))
        i++;
    while (j > i && !is_ascii_letter(s[j - 1]))
        j--;
    *a = i;
    *b = j;
}

/* Word classes for break qualities, sorted by strcmp for bsearch. */
enum { W_ARTICLE = 1, W_PRONOUN = 2, W_CONJ = 4, W_ABBREV = 8 };
typedef struct word_class {
    const char *w;
    int flags;
} word_class;
static const word_class WORDS[] = {
    {"a", W_ARTICLE}, {"about", W_CONJ}, {"across", W_CONJ},
    {"after", W_CONJ}, {"against", W_CONJ}, {"although", W_CONJ},
    {"among", W_CONJ}, {"an", W_ARTICLE}, {"and", W_CONJ}, {"as", W_CONJ},
    {"at", W_CONJ}, {"because", W_CONJ}, {"before", W_CONJ},
    {"behind", W_CONJ}, {"between", W_CONJ}, {"beyond", W_CONJ},
    {"but", W_CONJ}, {"by", W_CONJ}, {"dr", W_ABBREV}, {"during", W_CONJ},
    {"e.g", W_ABBREV}, {"for", W_CONJ}, {"from", W_CONJ}, {"gen", W_ABBREV},
    {"gov", W_ABBREV}, {"he", W_PRONOUN}, {"her", W_ARTICLE},
    {"his", W_ARTICLE}, {"i", W_PRONOUN}, {"i.e", W_ABBREV}, {"if", W_CONJ},
    {"in", W_CONJ}, {"into", W_CONJ}, {"it", W_PRONOUN}, {"its", W_ARTICLE},
    {"jr", W_ABBREV}, {"like", W_CONJ}, {"mr", W_ABBREV}, {"mrs", W_ABBREV},
    {"ms", W_ABBREV}, {"mt", W_ABBREV}, {"my", W_ARTICLE}, {"near", W_CONJ},
    {"nor", W_CONJ}, {"of", W_CONJ}, {"on", W_CONJ}, {"onto", W_CONJ},
    {"or", W_CONJ}, {"our", W_ARTICLE}, {"over", W_CONJ}, {"prof", W_ABBREV},
    {"rep", W_ABBREV}, {"sen", W_ABBREV}, {"she", W_PRONOUN},
    {"since", W_CONJ}, {"so", W_CONJ}, {"sr", W_ABBREV}, {"st", W_ABBREV},
    {"than", W_CONJ}, {"that", W_CONJ}, {"the", W_ARTICLE},
    {"their", W_ARTICLE}, {"these", W_ARTICLE}, {"they", W_PRONOUN},
    {"this", W_ARTICLE}, {"those", W_ARTICLE}, {"though", W_CONJ},
    {"through", W_CONJ}, {"to", W_CONJ}, {"toward", W_CONJ},
    {"towards", W_CONJ}, {"under", W_CONJ}, {"unless", W_CONJ},
    {"until", W_CONJ}, {"upon", W_CONJ}, {"vs", W_ABBREV}, {"we", W_PRONOUN},
    {"when", W_CONJ}, {"where", W_CONJ}, {"whereas", W_CONJ},
    {"whether", W_CONJ}, {"which", W_CONJ}, {"while", W_CONJ},
    {"who", W_CONJ}, {"whom", W_CONJ}, {"whose", W_CONJ}, {"with", W_CONJ},
    {"within", W_CONJ}, {"without", W_CONJ}, {"yet", W_CONJ},
    {"you", W_PRONOUN}, {"your", W_ARTICLE}
};

#define WORDS_LONGEST 8 /* "although" */

/* WORDS in a hash table of their keys, a word's bytes (at most
 * WORDS_LONGEST) packed into an integer, built for each engine: a lookup
 * is a multiplication and a probe or two. */
#define WORD_SLOTS 256 /* a power of two, well above the words */
typedef struct word_slot {
    uint64_t key; /* 0: empty */
    int flags;
} word_slot;

static uint64_t word_key(const char *s, size_t n)
{
    uint64_t k = 0;
    memcpy(&k, s, n);
    return k;
}

static unsigned word_slot_of(uint64_t k)
{
    return (unsigned)((k * UINT64_C(0x9E3779B97F4A7C15)) >> 56) &
           (WORD_SLOTS - 1);
}

static void word_table_build(word_slot *tab)
{
    memset(tab, 0, WORD_SLOTS * sizeof *tab);
    for (size_t i = 0; i < sizeof WORDS / sizeof WORDS[0]; i++) {
        uint64_t k = word_key(WORDS[i].w, strlen(WORDS[i].w));
        unsigned h = word_slot_of(k);
        while (tab[h].key)
            h = (h + 1) & (WORD_SLOTS - 1);
        tab[h].key = k;
        tab[h].flags = WORDS[i].flags;
    }
}

/* The classes of a word (its core lowercased, n <= WORDS_LONGEST bytes);
 * 0 for other words. */
static int word_flags(const word_slot *tab, const char *key, size_t n)
{
    uint64_t k = word_key(key, n);
    for (unsigned h = word_slot_of(k); tab[h].key; h = (h + 1) & (WORD_SLOTS - 1))
        if (tab[h].key == k)
            return tab[h].flags;
    return 0;
}

static int is_upper_start(const char *s, size_t n)
{
    int32_t c = first_cp(s, n);
    if (c < 0x80) /* ASCII: only A-Z */
        return c >= 'A' && c <= 'Z';
    return utf8proc_category(c) == UTF8PROC_CATEGORY_LU;
}

static int is_lower_start(const char *s, size_t n)
{
    int32_t c = first_cp(s, n);
    if (c < 0x80)
        return c >= 'a' && c <= 'z';
    return utf8proc_category(c) == UTF8PROC_CATEGORY_LL;
}

/* An abbreviation whose dot does not end a sentence ("Dr.", "J."). */
static int is_abbrev(const char *s, size_t n, int key_flags)
{
    if (n == 0 || s[n - 1] != '.')
        return 0;
    if (key_flags & W_ABBREV)
        return 1;
    /* an initial: one capital letter and a dot */
    return n == 2 && s[0] >= 'A' && s[0] <= 'Z';
}

/* The quality of a break between two space-separated atoms. */
/* A word's key and classes, kept for the next break (where the word is
 * the one before). */
typedef struct word_info {
    const char *s;
    size_t n;
    int flags;
    bool is_i; /* the word is "I" (or "i") */
} word_info;

static void word_info_get(word_info *w, const word_slot *tab, const char *s,
                          size_t n)
{
    w->s = s;
    w->n = n;
    size_t a, b;
    word_core(s, n, &a, &b);
    w->is_i = b - a == 1 && (s[a] == 'i' || s[a] == 'I');
    w->flags = 0;
    if (b == a || b - a > WORDS_LONGEST)
        return;
    char key[WORDS_LONGEST];
    size_t kn = 0;
    for (size_t i = a; i < b && s[i]; i++) { /* a NUL ends the key */
        char c = s[i];
        key[kn++] = (c >= 'A' && c <= 'Z') ? (char)(c - 'A' + 'a') : c;
    }
    w->flags = kn ? word_flags(tab, key, kn) : 0;
}

static int space_quality(const char *ps, size_t pn, const char *cs, size_t cn,
                         const word_info *wp, const word_info *wc)
{
    int pf = wp->flags, cf = wc->flags;
    int32_t last = last_significant(ps, pn);
    int abbrev = is_abbrev(ps, pn, pf);
    int plain_end = !is_sentence_punct(last) && !is_clause_punct(last);
    if (plain_end && (pf & W_ARTICLE))
        return Q_NEVER;
    if (is_sentence_punct(last) && !abbrev)
        return Q_SENTENCE;
    if (is_clause_punct(last))
        return Q_CLAUSE;
    int32_t c0 = first_cp(cs, cn);
    if (c0 == 0x2014 || c0 == 0x2013 || (cn == 1 && cs[0] == '-'))
        return Q_CLAUSE;
    if ((plain_end || abbrev) && is_upper_start(ps, pn) &&
        is_upper_start(cs, cn) && !wp->is_i)
        return Q_NEVER; /* a first and last name, a title and a name */
    if ((cf & W_CONJ) && is_lower_start(cs, cn))
        return Q_CONJ;
    if (plain_end && (pf & W_PRONOUN) && is_lower_start(cs, cn))
        return Q_NEVER;
    if (plain_end && (pf & W_CONJ) && is_lower_start(ps, pn))
        return Q_DANGLING; /* "in / the war", "and / then" */
    return Q_SPACE;
}

/* Cuts one space-separated word into atoms: between CJK graphemes (not
 * before closing or after opening punctuation), and anywhere when the
 * word is wider than a line. */
static int word_atoms(const cue_list *l, size_t off, size_t len, int space,
                      int max_cols, bool plain, atoms *out)
{
    const char *s = l->text;
    size_t end = off + len;
    atom cur = {.off = off, .space = space};
    if (plain && len <= (size_t)max_cols) { /* one column a byte */
        cur.len = len;
        cur.width = cur.chars = (int)len;
        return atoms_push(out, cur);
    }
    grapheme prev = {0, 0, 0, 0};
    int have_prev = 0;
    for (size_t i = off; i < end;) {
        grapheme g = next_grapheme(s, end, i);
        if (have_prev) {
            int q = 0, cut = 0;
            if ((is_cjk(prev.first) || is_cjk(g.first)) &&
                !is_closing(g.first) && !is_opening(prev.first)) {
                cut = 1;
                q = is_sentence_punct(prev.first) ? Q_SENTENCE
                    : is_clause_punct(prev.first) ? Q_CLAUSE : Q_CJK;
            } else if (cur.width + g.width > max_cols) {
                cut = 1;
                q = Q_FORCED;
            }
            if (cut) {
                cur.len = i - cur.off;
                if (atoms_push(out, cur) != 0)
                    return -1;
                atom next = {.off = i, .q = q};
                cur = next;
            }
        }
        cur.width += g.width;
        cur.chars++;
        cur.cjk += is_cjk(g.first);
        prev = g;
        have_prev = 1;
        i += g.len;
    }
    cur.len = end - cur.off;
    return atoms_push(out, cur);
}

/* ---- units ------------------------------------------------------------- */

/* The turn being taken (collect_units): what its first segments said. */
typedef struct open_turn {
    int active;  /* begun and not ended: it goes on in the next call */
    int is_turn; /* a turn (headings and notes make no cues) */
    size_t turn; /* its number */
    int sp, name, seg_timed, word_timed;
    size_t units_before; /* units made before it */
    size_t start;        /* where its text (or its segment's) begins */
    int space;           /* a space pending before the next text */
    int64_t bstart, bend; /* the block's times, as last handed on */
} open_turn;

typedef struct unit {
    size_t a0, a1; /* atoms */
    int speaker;
    int64_t start, end;
    size_t turn;
    int words; /* word-timed: each atom carries its word's times */
} unit;

struct cue_stream {
    const podfmt_doc *doc; /* of the blocks being taken */
    const cue_opts *o;
    cue_list *l;           /* &list: the cues not handed on yet */
    cue_list list;
    cue_emit_fn emit;
    void *emit_ctx;
    size_t turns;      /* blocks begun: the next one's turn number */
    open_turn ot;
    int last_speaker;  /* of the last turn that made a unit */
    size_t olap;       /* cues [0, olap) have been through no_overlap */
    atoms at;
    unit *u;
    size_t n_u, cap_u;
    size_t *para;    /* text offsets where a turn's later segments begin */
    size_t n_para, cap_para, next_para;
    struct wtime {
        size_t off;
        int64_t t0, t1;
    } *wt; /* word-timed turns: where each timed word begins */
    size_t n_wt, cap_wt;
    size_t made; /* units made so far (b->u keeps only those not cut) */
    word_info wc[2]; /* the words looked up last (reset when cutting
                      * starts: the text may have moved) */
    int wlast;       /* wc[wlast] was looked up last */
    word_slot words[WORD_SLOTS]; /* WORDS, for word_flags */
    /* cutting, which follows the collection unit by unit so that only a
     * few units' atoms are kept */
    size_t meta_cap;
    struct cue_meta *meta;
    int64_t t;        /* where untimed text goes on */
    size_t prev_turn; /* of the unit cut last */
    /* scratch for cutting one unit, kept from unit to unit */
    long *cost;
    size_t *from;
    size_t cap_cost, cap_from;
    struct piece *pieces;
    int64_t *ps, *pe;
    size_t cap_pieces, cap_ps, cap_pe;
};
typedef struct cue_stream builder;

static int cut_ready(builder *b, int final);
static void store_compact(builder *b);

/* Gives a word-timed unit's atoms their words' times; a pause of a
 * second or more is as good a place to cut as a sentence end. */
static void time_atoms(builder *b, size_t a0)
{
    size_t w = 0;
    for (size_t k = a0; k < b->at.n; k++) {
        atom *a = &b->at.v[k];
        while (w + 1 < b->n_wt && b->wt[w + 1].off <= a->off && !a->prefix)
            w++;
        a->t0 = b->wt[w].t0;
        a->t1 = b->wt[w].t1;
        if (k > a0 && !a->prefix && !b->at.v[k - 1].prefix &&
            a->t0 - b->at.v[k - 1].t1 >= 1000)
            a->q = Q_SENTENCE; /* no better quality is there */
    }
}

/* Whether a turn's text shows by itself that it is no one named: it
 * opens with its own dash, or is a sound ("[Music]", "(laughs)", "♪"). */
static bool marks_itself(const char *s, size_t n)
{
    while (n > 0 && *s == ' ')
        s++, n--;
    return n > 0 && (*s == '-' || *s == '[' || *s == '(' ||
                     (n >= 3 && memcmp(s, "\xE2\x80\x93", 3) == 0) || /* – */
                     (n >= 3 && memcmp(s, "\xE2\x99\xAA", 3) == 0));  /* ♪ */
}

/* What make_unit looks for in a word's bytes: where it stops (a space or
 * the NUL after the text), a byte outside printable ASCII, a bracket. */
#define BC_STOP 1u
#define BC_WIDE 2u
#define BC_BRACKET 4u
static const unsigned char BYTE_CLASS[256] = {
    3, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2,
    2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2,
    1, 0, 0, 0, 0, 0, 0, 0, 4, 4, 0, 0, 0, 0, 0, 0,
    0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
    0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
    0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 4, 0, 4, 0, 0,
    0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
    0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 2,
    2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2,
    2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2,
    2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2,
    2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2,
    2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2,
    2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2,
    2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2,
    2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2,
};

/* Makes a unit of the text appended since text_start. */
static int make_unit(builder *b, size_t text_start, int speaker, int name,
                     int64_t start, int64_t end, size_t turn, int words)
{
    cue_list *l = b->l;
    if (l->text_len == text_start)
        return 0;
    size_t a0 = b->at.n;
    if (name == 2) { /* "- ": someone not named speaks now */
        atom p = {.off = text_start, .width = 1, .chars = 1, .prefix = 2};
        if (atoms_push(&b->at, p) != 0)
            return -1;
    } else if (name) {
        const char *nm = b->doc->speakers[speaker].name;
        size_t cols, g;
        cue_measure(nm, strlen(nm), &cols, &g);
        atom p = {.off = text_start, .width = (int)cols + 1,
                  .chars = (int)g + 1, .prefix = 1};
        if (atoms_push(&b->at, p) != 0)
            return -1;
    }
    size_t i = text_start;
    int first = 1;
    int depth = 0;              /* brackets open ... */
    size_t word = 0, open_at = 0; /* ... since this word */
    const unsigned char *t = (const unsigned char *)l->text;
    while (i < l->text_len) {
        /* the word: up to a space (the text is NUL-terminated) */
        size_t j = i;
        unsigned seen = 0;
        for (;;) {
            unsigned f;
            while (!((f = BYTE_CLASS[t[j]]) & BC_STOP)) {
                seen |= f;
                j++;
            }
            if (t[j] == ' ' || j >= l->text_len)
                break;
            seen |= BC_WIDE; /* a NUL inside the text */
            j++;
        }
        size_t before = b->at.n;
        int hard = 0;
        while (b->next_para < b->n_para && b->para[b->next_para] <= i) {
            hard = b->para[b->next_para] == i;
            b->next_para++;
        }
        if (word_atoms(l, i, j - i, !first || name, b->o->prof.max_cols,
                       !(seen & BC_WIDE), &b->at) != 0)
            return -1;
        if (before > a0) {
            atom *at = &b->at.v[before];
            if (b->at.v[before - 1].prefix) {
                at->q = Q_NEVER;
            } else { /* worked out when a cut asks (most never are) */
                at->q = Q_LAZY;
                at->wlen = j - i;
                at->brk = depth > 0 && word - open_at <= 6;
            }
            at->hard = hard;
        }
        if (seen & BC_BRACKET) {
            for (size_t c = i; c < j; c++) {
                char ch = l->text[c];
                if (ch == '(' || ch == '[') {
                    if (depth++ == 0)
                        open_at = word;
                } else if ((ch == ')' || ch == ']') && depth > 0) {
                    depth--;
                }
            }
        }
        word++;
        first = 0;
        i = j + 1;
    }
    if (grow_array((void **)&b->u, &b->cap_u, b->n_u + 1, sizeof *b->u) != 0)
        return -1;
    if (words && b->n_wt > 0)
        time_atoms(b, a0);
    unit un = {a0, b->at.n, speaker, start, end, turn, words && b->n_wt > 0};
    b->u[b->n_u++] = un;
    b->made++;
    return cut_ready(b, 0);
}

/* Begins taking block blk, turn number `turn`: what it is, from its
 * first DOC_PIECE segments (a long turn may come in pieces: its first
 * piece decides, whether it came whole or not). */
static void turn_begin(builder *b, const podfmt_doc *doc,
                       const podfmt_block *blk, size_t turn)
{
    open_turn *ot = &b->ot;
    memset(ot, 0, sizeof *ot);
    ot->active = 1;
    ot->turn = turn;
    ot->is_turn = blk->kind == PODFMT_BLOCK_TURN;
    if (!ot->is_turn)
        return;
    int sp = blk->speaker;
    if (sp >= (int)doc->n_speakers)
        sp = -1;
    ot->sp = sp;
    /* segment times: a cue each (SRT, VTT, Whisper), or a word or two
     * each (word-per-segment JSON), which are joined into cues */
    size_t count = blk->count < DOC_PIECE ? blk->count : DOC_PIECE;
    int seg_timed = 0, all_timed = 1;
    for (size_t k = 0; k < count; k++) {
        const podfmt_segment *seg = &doc->segments[blk->first + k];
        if (seg->start != PODFMT_NO_TIME)
            seg_timed = 1;
        if (seg->start == PODFMT_NO_TIME || seg->end == PODFMT_NO_TIME ||
            seg->end < seg->start)
            all_timed = 0;
    }
    int word_timed = seg_timed && all_timed && count >= 2;
    if (word_timed) { /* about a word each? */
        size_t words = count;
        /* words only grow: stop once there are too many */
        for (size_t k = 0; k < count && 2 * words < 3 * count; k++) {
            const podfmt_segment *seg = &doc->segments[blk->first + k];
            for (size_t c = 0; c < seg->len; c++)
                words += seg->text[c] == ' ';
        }
        word_timed = 2 * words < 3 * count;
    }
    if (word_timed)
        seg_timed = 0;
    ot->seg_timed = seg_timed;
    ot->word_timed = word_timed;
    b->n_wt = 0;
    int name = b->o->name_prefix && sp >= 0 && sp != b->last_speaker &&
               doc->speakers[sp].name;
    if (name) { /* a name that would fill the line is left out */
        size_t cols;
        cue_measure(doc->speakers[sp].name, strlen(doc->speakers[sp].name),
                    &cols, NULL);
        name = (int)cols + 1 <= b->o->prof.max_cols - 10;
    } else if (b->o->name_prefix && sp < 0 && doc->n_speakers > 0 &&
               b->made > 0 && blk->count > 0 &&
               !marks_itself(doc->segments[blk->first].text,
                             doc->segments[blk->first].len)) {
        name = 2; /* a turn nobody is named for: "- " marks the change */
    }
    ot->name = name;
    ot->units_before = b->made;
    ot->start = b->l->text_len;
    b->n_para = b->next_para = 0;
}

/* Takes the segments of blk, the turn begun: a unit each when they are
 * timed, else their text, for the unit the turn's end makes. */
static int turn_segments(builder *b, const podfmt_doc *doc,
                         const podfmt_block *blk)
{
    open_turn *ot = &b->ot;
    if (!ot->is_turn)
        return 0;
    ot->bstart = blk->start;
    ot->bend = blk->end;
    for (size_t k = 0; k < blk->count; k++) {
        const podfmt_segment *seg = &doc->segments[blk->first + k];
        if (ot->seg_timed) {
            ot->start = b->l->text_len;
            ot->space = 0;
        } else if (ot->word_timed) {
            ot->space = 1;
            if (grow_array((void **)&b->wt, &b->cap_wt, b->n_wt + 1,
                           sizeof *b->wt) != 0)
                return -1;
            b->wt[b->n_wt].off = b->l->text_len + (b->l->text_len > ot->start);
            b->wt[b->n_wt].t0 = seg->start;
            b->wt[b->n_wt].t1 = seg->end;
            b->n_wt++;
        } else {
            ot->space = 1;
            if (b->l->text_len > ot->start) {
                if (grow_array((void **)&b->para, &b->cap_para,
                               b->n_para + 1, sizeof *b->para) != 0)
                    return -1;
                /* the segment's first word follows the space */
                b->para[b->n_para++] = b->l->text_len + 1;
            }
        }
        if (append_inline(b->l, seg->text, seg->len, ot->start,
                          &ot->space) != 0)
            return -1;
        if (ot->seg_timed) {
            if (make_unit(b, ot->start, ot->sp, ot->name, seg->start,
                          seg->end, ot->turn, 0) != 0)
                return -1;
            if (b->made > ot->units_before)
                ot->name = 0;
            store_compact(b); /* no offset is held here */
        }
    }
    return 0;
}

/* Ends the turn begun: the unit of its text when its segments are not
 * timed one by one. */
static int turn_end(builder *b)
{
    open_turn *ot = &b->ot;
    ot->active = 0;
    if (!ot->is_turn)
        return 0;
    if (!ot->seg_timed &&
        make_unit(b, ot->start, ot->sp, ot->name, ot->bstart,
                  ot->bend != PODFMT_NO_TIME && ot->bstart != PODFMT_NO_TIME &&
                          ot->bend > ot->bstart
                      ? ot->bend
                      : PODFMT_NO_TIME,
                  ot->turn, ot->word_timed) != 0)
        return -1;
    if (b->made > ot->units_before)
        b->last_speaker = ot->sp;
    store_compact(b);
    return 0;
}

/* Takes blocks [0, n) of doc: their turns become units, and the units
 * that are ready are cut into cues.  Within a stream, blocks[0] may be
 * the rest of the turn the call before left unfinished, and the last
 * block may go on in the next call (doc_stream_continues, _last_open). */
static int collect_units(builder *b, const podfmt_doc *doc, size_t n)
{
    b->doc = doc;
    bool cont = b->ot.active && n > 0 && doc_stream_continues(doc);
    if (b->ot.active && !cont && turn_end(b) != 0)
        return -1;
    bool open = n > 0 && doc_stream_last_open(doc);
    for (size_t bi = 0; bi < n; bi++) {
        const podfmt_block *blk = &doc->blocks[bi];
        if (!(bi == 0 && cont))
            turn_begin(b, doc, blk, b->turns++);
        if (turn_segments(b, doc, blk) != 0)
            return -1;
        if (!(bi + 1 == n && open) && turn_end(b) != 0)
            return -1;
    }
    return 0;
}

/* ---- cutting a unit into cues ----------------------------------------- */

/* The classes of the word s[0..n), looked up at most once while it is
 * the word before a break and then the word after. */
static const word_info *word_info_of(builder *b, const char *s, size_t n)
{
    for (int k = 0; k < 2; k++)
        if (b->wc[k].s == s && b->wc[k].n == n) {
            b->wlast = k;
            return &b->wc[k];
        }
    b->wlast ^= 1;
    word_info_get(&b->wc[b->wlast], b->words, s, n);
    return &b->wc[b->wlast];
}

/* The quality of a break before atom x (x - 1 is an atom of its unit). */
static int atom_q(builder *b, atom *x)
{
    if (x->q != Q_LAZY)
        return x->q;
    const atom *p = x - 1;
    const char *t = b->l->text;
    const word_info *wp = word_info_of(b, t + p->off, p->len);
    const word_info *wc = word_info_of(b, t + x->off, x->wlen);
    int q = space_quality(t + p->off, p->len, t + x->off, x->wlen, wp, wc);
    if (x->brk && q > Q_NEVER)
        q -= Q_BRACKET;
    x->q = q;
    return q;
}

/* Width of atoms [i, j) laid on one line. */
static int span_width(const atom *a, size_t i, size_t j)
{
    int w = 0;
    for (size_t k = i; k < j; k++)
        w += a[k].width + (k > i && a[k].space);
    return w;
}

static int break_penalty(int q)
{
    return 100 - q;
}

/* The greedy first line from atom i: the most atoms that fit. */
static size_t first_line_end(const atom *a, size_t i, size_t n, int max)
{
    int w = a[i].width;
    size_t k = i + 1;
    while (k < n && k - i < CUE_WINDOW) {
        int nw = w + a[k].width + a[k].space;
        if (nw > max)
            break;
        w = nw;
        k++;
    }
    return k;
}

typedef struct piece {
    size_t i, j, k; /* atoms [i, j); the second line starts at k (k == j:
                       one line) */
    int chars, words;
} piece;

/* Chooses where the second line starts: both lines fit, balanced, at a
 * good place, the bottom line no shorter than it must be.  *costp: how
 * bad the best choice is (0 for one line). */
static size_t line_break_w(builder *b, atom *a, size_t i, size_t j, int max,
                           int total, long *costp)
{
    *costp = 0;
    if (total <= max || j - i < 2)
        return j;
    size_t best = j;
    long best_cost = 0;
    int w1 = 0;
    for (size_t k = i + 1; k < j; k++) {
        w1 += a[k - 1].width + (k - 1 > i && a[k - 1].space);
        int w2 = total - w1 - a[k].space;
        if (w1 > max)
            break;
        if (w2 > max)
            continue;
        long d = labs((long)w1 - w2); /* the rest of the cost is >= 0 */
        if (best != j && d >= best_cost) {
            if (2L * w1 - total >= best_cost)
                break; /* w1 - w2 only grows from here */
            continue;
        }
        int q = atom_q(b, &a[k]);
        long cost = d + break_penalty(q) / 4 + (w1 > w2 ? 2 : 0) +
                    (q <= Q_NEVER ? 500 : 0); /* "this / idea" */
        if (best == j || cost < best_cost) {
            best = k;
            best_cost = cost;
        }
    }
    if (best == j) { /* cannot happen for a feasible cue; keep it readable */
        best = first_line_end(a, i, j, max);
        best_cost = 1000;
    }
    *costp = best_cost;
    return best;
}

static size_t line_break(builder *b, atom *a, size_t i, size_t j, int max,
                         long *costp)
{
    return line_break_w(b, a, i, j, max, span_width(a, i, j), costp);
}

/* The cue of atoms [i, j), its second line from k: its characters (a
 * space is one, but not where the line breaks) and words. */
static piece make_piece(const atom *a, size_t i, size_t j, size_t k)
{
    piece pc = {i, j, k, 0, 0};
    for (size_t x = i; x < j; x++) {
        pc.chars += a[x].chars + (x > i && a[x].space && x != k);
        if (!a[x].prefix)
            pc.words += (x == i || a[x].space) + a[x].cjk / 2;
    }
    return pc;
}

/* Whether the unit's atoms [0, n) are best one cue, found without the
 * dynamic programme (most units of a subtitle file are): the first cue
 * can reach the end, and costs 50 + lc with lc <= 50, where any two cues
 * or more cost at least 100 (every term of the cost is >= 0, and the
 * first cue found keeps a tie).  *k: where its second line starts. */
static bool one_cue(builder *b, const unit *u, atom *a, size_t n, size_t *k)
{
    int max = b->o->prof.max_cols;
    if (u->words || n == 0)
        return false;
    size_t jmax = first_line_end(a, 0, n, max);
    if (b->o->prof.max_lines > 1 && jmax < n)
        jmax = first_line_end(a, jmax, n, max);
    if (jmax > CUE_WINDOW)
        jmax = CUE_WINDOW;
    if (n > jmax)
        return false;
    for (size_t j = 1; j < n; j++)
        if (a[j].hard)
            return false;
    long lc;
    *k = line_break(b, a, 0, n, max, &lc);
    return lc <= 50;
}

static int cut_unit(builder *b, const unit *u, piece **out, size_t *n_out)
{
    atom *a = b->at.v + u->a0;
    size_t n = u->a1 - u->a0;
    int max = b->o->prof.max_cols;
    size_t k_one;
    if (one_cue(b, u, a, n, &k_one)) {
        if (grow_array((void **)&b->pieces, &b->cap_pieces, 1,
                       sizeof *b->pieces) != 0)
            return -1;
        b->pieces[0] = make_piece(a, 0, n, k_one);
        *out = b->pieces;
        *n_out = 1;
        return 0;
    }
    if (grow_array((void **)&b->cost, &b->cap_cost, n + 1, sizeof *b->cost) != 0 ||
        grow_array((void **)&b->from, &b->cap_from, n + 1, sizeof *b->from) != 0)
        return -1;
    long *cost = b->cost;
    size_t *from = b->from;
    for (size_t j = 0; j <= n; j++)
        cost[j] = -1;
    cost[0] = 0;
    for (size_t i = 0; i < n; i++) {
        if (cost[i] < 0)
            continue;
        size_t k1 = first_line_end(a, i, n, max);
        size_t jmax = k1;
        if (b->o->prof.max_lines > 1 && k1 < n)
            jmax = first_line_end(a, k1, n, max);
        if (jmax - i > CUE_WINDOW)
            jmax = i + CUE_WINDOW;
        int total = 0; /* span_width(a, i, j), kept up as j grows */
        for (size_t j = i + 1; j <= jmax; j++) {
            total += a[j - 1].width + (j - 1 > i && a[j - 1].space);
            if (j - 1 > i && a[j - 1].hard)
                break; /* a new paragraph opens a new cue */
            if (u->words && j - 1 > i &&
                a[j - 1].t1 - a[i].t0 > b->o->prof.max_ms)
                break; /* words spoken over more than a cue may show */
            long lc;
            line_break_w(b, a, i, j, max, total, &lc);
            /* where a cue ends matters more than where its line breaks */
            long c = cost[i] + 50 + lc +
                     (j < n ? 2 * break_penalty(atom_q(b, &a[j])) : 0);
            if (cost[j] < 0 || c < cost[j]) {
                cost[j] = c;
                from[j] = i;
            }
        }
    }
    size_t m = 0;
    for (size_t j = n; j > 0; j = from[j])
        m++;
    if (grow_array((void **)&b->pieces, &b->cap_pieces, m ? m : 1,
                   sizeof *b->pieces) != 0)
        return -1;
    piece *p = b->pieces;
    size_t idx = m;
    for (size_t j = n; j > 0; j = from[j]) {
        long lc;
        p[--idx] = make_piece(a, from[j], j,
                              line_break(b, a, from[j], j, max, &lc));
    }
    *out = p;
    *n_out = m;
    return 0;
}

/* ---- timing ------------------------------------------------------------ */

static int64_t estimate(const cue_opts *o, const piece *p)
{
    int wpm = o->wpm > 0 ? o->wpm : 160;
    int64_t d = (int64_t)p->words * 60000 / wpm;
    int64_t read = ((int64_t)p->chars * 1000 + o->prof.max_cps - 1) /
                   o->prof.max_cps;
    if (read > d)
        d = read;
    if (d < o->prof.min_ms)
        d = o->prof.min_ms;
    if (d > o->prof.max_ms)
        d = o->prof.max_ms;
    return d;
}

/* Times pieces laid out from `start`, not past `limit` (or no limit). */
static void spread(const cue_opts *o, const piece *p, size_t m, int64_t start,
                   int64_t limit, int64_t *s, int64_t *e)
{
    int64_t gap = o->prof.gap_ms, sum = 0;
    for (size_t k = 0; k < m; k++) {
        e[k] = estimate(o, &p[k]); /* durations for now */
        sum += e[k];
    }
    if (limit != PODFMT_NO_TIME) {
        int64_t avail = limit - start - (int64_t)(m - 1) * gap;
        if (sum > avail && avail >= (int64_t)m) {
            int64_t used = 0;
            for (size_t k = 0; k < m; k++) {
                e[k] = k + 1 == m ? avail - used : e[k] * avail / sum;
                if (e[k] < 1)
                    e[k] = 1;
                used += e[k];
            }
        }
    }
    int64_t t = start;
    for (size_t k = 0; k < m; k++) {
        int64_t d = e[k];
        s[k] = t;
        e[k] = t + d;
        t = e[k] + gap;
    }
}

/* Shares [start, end) among the pieces in proportion to their characters. */
static void proportional(const cue_opts *o, const piece *p, size_t m,
                         int64_t start, int64_t end, int64_t limit, int64_t *s,
                         int64_t *e)
{
    int64_t total = 0, acc = 0, span = end - start;
    for (size_t k = 0; k < m; k++)
        total += p[k].chars > 0 ? p[k].chars : 1;
    for (size_t k = 0; k < m; k++) {
        s[k] = start + span * acc / total;
        acc += p[k].chars > 0 ? p[k].chars : 1;
        e[k] = start + span * acc / total;
        if (k + 1 < m)
            e[k] -= o->prof.gap_ms;
        if (e[k] > s[k] + o->prof.max_ms)
            e[k] = s[k] + o->prof.max_ms;
        if (e[k] <= s[k])
            e[k] = s[k] + 1;
    }
    /* a last cue too short to read may run on into silence */
    if (m > 0) {
        int64_t want = estimate(o, &p[m - 1]);
        int64_t *le = &e[m - 1];
        int64_t cap = s[m - 1] + want;
        if (limit != PODFMT_NO_TIME && cap > limit)
            cap = limit;
        int64_t read = ((int64_t)p[m - 1].chars * 1000 + o->prof.max_cps - 1) /
                       o->prof.max_cps;
        if ((*le - s[m - 1] < o->prof.min_ms || *le - s[m - 1] < read) &&
            cap > *le)
            *le = cap;
    }
}

/* Word-timed pieces: from their first word's start to their last word's
 * end, run on into the silence after when too short to read. */
static void word_times(const cue_opts *o, const atom *a, const piece *p,
                       size_t m, int64_t limit, int64_t *s, int64_t *e)
{
    for (size_t k = 0; k < m; k++) {
        s[k] = a[p[k].i].t0;
        e[k] = a[p[k].j - 1].t1;
        int64_t next = k + 1 < m ? a[p[k + 1].i].t0 - o->prof.gap_ms : limit;
        int64_t need = ((int64_t)p[k].chars * 1000 + o->prof.max_cps - 1) /
                       o->prof.max_cps;
        if (need < o->prof.min_ms)
            need = o->prof.min_ms;
        if (e[k] - s[k] < need) {
            int64_t want = s[k] + need;
            if (next != PODFMT_NO_TIME && want > next)
                want = next;
            if (want > e[k])
                e[k] = want;
        }
        if (e[k] - s[k] > o->prof.max_ms)
            e[k] = s[k] + o->prof.max_ms;
        if (e[k] <= s[k])
            e[k] = s[k] + 1;
    }
}

static int push_cue(cue_list *l, const cue *c)
{
    if (grow_array((void **)&l->v, &l->cap, l->n + 1, sizeof *l->v) != 0)
        return -1;
    l->v[l->n++] = *c;
    return 0;
}

static cue_line make_line(const atom *a, size_t i, size_t j, int speaker)
{
    cue_line ln = {0, 0, speaker, 0, 0};
    if (i < j && a[i].prefix) {
        if (a[i].prefix == 2)
            ln.dash = 1;
        else
            ln.name = 1;
        i++;
    }
    if (i < j) {
        ln.off = a[i].off;
        ln.len = a[j - 1].off + a[j - 1].len - a[i].off;
    }
    return ln;
}

/* ---- putting it together ---------------------------------------------- */

typedef struct cue_meta {
    int whole; /* the only cue of its turn */
    int chars;
    int width[2];
} cue_meta;

/* Cue k keeps clear of cue k - 1: no overlap, and the profile's gap
 * between them.  Only cue k - 1 may give way, so once cue k has been
 * through this, every cue before it is final. */
static void no_overlap(cue_list *l, size_t k, int64_t gap)
{
    cue *c = &l->v[k];
    if (c->start < 0) {
        c->end -= c->start;
        c->start = 0;
    }
    if (c->end <= c->start)
        c->end = c->start + 1;
    if (k == 0)
        return;
    cue *p = &l->v[k - 1];
    if (c->start >= p->end + gap)
        return;
    if (c->start - gap > p->start) {
        p->end = c->start - gap; /* the earlier cue gives way */
    } else {
        int64_t d = c->end - c->start;
        c->start = p->end + gap;
        c->end = c->start + d;
    }
}

/* Dash style: two short exchanges of two speakers share one cue.
 * Whether cues a and b (the next) do. */
static bool dash_pair(const cue *a, const cue *b, const cue_meta *ma,
                      const cue_meta *mb, const cue_opts *o)
{
    int64_t dur = b->end - a->start;
    return ma->whole && mb->whole && a->n_lines == 1 && b->n_lines == 1 &&
           a->speaker != b->speaker && ma->width[0] + 2 <= o->prof.max_cols &&
           mb->width[0] + 2 <= o->prof.max_cols && dur <= o->prof.max_ms &&
           (int64_t)(ma->chars + mb->chars + 4) * 1000 <=
               (int64_t)o->prof.max_cps * dur;
}

/* Hands on the cues no later cue can change (final: all of them), and
 * drops them. */
static int emit_ready(builder *b, int final)
{
    cue_list *l = b->l;
    for (; b->olap < l->n; b->olap++)
        no_overlap(l, b->olap, b->o->prof.gap_ms);
    size_t fixed = final ? l->n : l->n > 0 ? l->n - 1 : 0;
    size_t k = 0;
    while (k < fixed) {
        cue *a = &l->v[k];
        if (b->o->dash) {
            if (k + 1 >= fixed && !final)
                break; /* its pair, if any, is not final yet */
            if (k + 1 < fixed &&
                dash_pair(a, &l->v[k + 1], &b->meta[k], &b->meta[k + 1], b->o)) {
                cue m = *a;
                m.end = l->v[k + 1].end;
                m.n_lines = 2;
                m.line[0].dash = m.line[1].dash = 1;
                m.line[0].name = 0;
                m.line[1] = l->v[k + 1].line[0];
                m.line[1].dash = 1;
                m.line[1].name = 0;
                if (b->emit(b->emit_ctx, l, &m) != 0)
                    return -1;
                k += 2;
                continue;
            }
        }
        if (b->emit(b->emit_ctx, l, a) != 0)
            return -1;
        k++;
    }
    if (k == 0)
        return 0;
    memmove(l->v, l->v + k, (l->n - k) * sizeof *l->v);
    memmove(b->meta, b->meta + k, (l->n - k) * sizeof *b->meta);
    l->n -= k;
    b->olap -= k;
    return 0;
}

/* Gives back the text no cue and no atom points into any more, when
 * that is at least as much as what stays (so that moving what stays
 * costs no more than the text taken in).  Offsets shift down. */
static void store_compact(builder *b)
{
    cue_list *l = b->l;
    /* atoms and cues come in the text's order: the first of each */
    size_t keep = b->at.n ? b->at.v[0].off : l->text_len;
    bool found = false;
    for (size_t k = 0; k < l->n && !found; k++)
        for (int i = 0; i < l->v[k].n_lines; i++)
            if (l->v[k].line[i].len) {
                if (l->v[k].line[i].off < keep)
                    keep = l->v[k].line[i].off;
                found = true;
            }
    if (keep < 65536 || keep < l->text_len - keep)
        return;
    size_t rest = l->text_len - keep + 1; /* with the NUL */
    memmove(l->text, l->text + keep, rest);
    if (l->style)
        memmove(l->style, l->style + keep, rest);
    l->text_len -= keep;
    for (size_t k = 0; k < b->at.n; k++)
        b->at.v[k].off -= keep;
    for (size_t k = 0; k < l->n; k++)
        for (int i = 0; i < l->v[k].n_lines; i++)
            l->v[k].line[i].off =
                l->v[k].line[i].len ? l->v[k].line[i].off - keep : 0;
}

/* Cuts units [0, r) into cues, given the limit each keeps to, and drops
 * them and their atoms. */
static int cut_units(builder *b, size_t r, const int64_t *limit)
{
    const cue_opts *o = b->o;
    cue_list *out = b->l;
    memset(b->wc, 0, sizeof b->wc); /* the text may have moved */
    for (size_t k = 0; k < r; k++) {
        const unit *u = &b->u[k];
        size_t m;
        piece *p;
        if (cut_unit(b, u, &p, &m) != 0)
            return -1;
        if (grow_array((void **)&b->ps, &b->cap_ps, m ? m : 1, sizeof *b->ps) != 0 ||
            grow_array((void **)&b->pe, &b->cap_pe, m ? m : 1, sizeof *b->pe) != 0)
            return -1;
        int64_t *s = b->ps, *e = b->pe;
        int64_t lim = limit[k];
        if (lim != PODFMT_NO_TIME)
            lim -= o->prof.gap_ms;
        if (u->words) {
            word_times(o, b->at.v + u->a0, p, m, lim, s, e);
        } else if (u->start != PODFMT_NO_TIME && u->end != PODFMT_NO_TIME &&
            u->end > u->start) {
            proportional(o, p, m, u->start, u->end, lim, s, e);
        } else {
            int64_t st = u->start != PODFMT_NO_TIME ? u->start : b->t;
            if (u->end != PODFMT_NO_TIME && (lim == PODFMT_NO_TIME || u->end < lim))
                lim = u->end;
            spread(o, p, m, st, lim, s, e);
        }
        const atom *a = b->at.v + u->a0;
        int rc = 0;
        for (size_t i = 0; i < m && rc == 0; i++) {
            cue c;
            memset(&c, 0, sizeof c);
            c.start = s[i];
            c.end = e[i];
            c.speaker = u->speaker;
            c.n_lines = p[i].k < p[i].j ? 2 : 1;
            c.line[0] = make_line(a, p[i].i, p[i].k, u->speaker);
            if (c.n_lines == 2)
                c.line[1] = make_line(a, p[i].k, p[i].j, u->speaker);
            if (push_cue(out, &c) != 0 ||
                grow_array((void **)&b->meta, &b->meta_cap, out->n,
                           sizeof *b->meta) != 0) {
                rc = -1;
                break;
            }
            cue_meta cm = {0, p[i].chars, {0, 0}};
            cm.width[0] = span_width(a, p[i].i, p[i].k);
            cm.width[1] = c.n_lines == 2 ? span_width(a, p[i].k, p[i].j) : 0;
            /* whole: the turn's only cue (checked against neighbours below) */
            cm.whole = m == 1 && u->turn != b->prev_turn &&
                       (k + 1 >= b->n_u || b->u[k + 1].turn != u->turn);
            b->meta[out->n - 1] = cm;
        }
        if (rc == 0 && m > 0)
            b->t = e[m - 1] + o->prof.gap_ms;
        b->prev_turn = u->turn;
        if (rc != 0)
            return -1;
    }
    /* drop the units cut and their atoms */
    size_t a_keep = r < b->n_u ? b->u[r].a0 : b->at.n;
    memmove(b->at.v, b->at.v + a_keep, (b->at.n - a_keep) * sizeof *b->at.v);
    b->at.n -= a_keep;
    memmove(b->u, b->u + r, (b->n_u - r) * sizeof *b->u);
    b->n_u -= r;
    for (size_t k = 0; k < b->n_u; k++) {
        b->u[k].a0 -= a_keep;
        b->u[k].a1 -= a_keep;
    }
    return 0;
}

/* Cuts the units whose cues can be timed now: a unit needs the next
 * known start after it (the limit its cues keep to) and the unit after
 * it (whether it is its turn's only one).  The last unit made has a known
 * start, or none will ever come: every unit before it is ready.  final:
 * every unit is. */
static int cut_ready(builder *b, int final)
{
    size_t r;
    if (final)
        r = b->n_u;
    else if (b->n_u >= 2 && (b->u[b->n_u - 1].start != PODFMT_NO_TIME ||
                             b->o->untimed))
        r = b->n_u - 1;
    else
        return 0;
    if (r == 0)
        return 0;
    int64_t small[64];
    int64_t *limit = r <= 64 ? small : malloc(r * sizeof *limit);
    if (!limit)
        return -1;
    int64_t next_start = r < b->n_u ? b->u[r].start : PODFMT_NO_TIME;
    for (size_t k = r; k-- > 0;) {
        limit[k] = next_start;
        if (b->u[k].start != PODFMT_NO_TIME)
            next_start = b->u[k].start;
    }
    int rc = cut_units(b, r, limit);
    if (limit != small)
        free(limit);
    return rc != 0 ? rc : final ? 0 : emit_ready(b, 0);
}

cue_stream *cue_stream_new(const cue_opts *o, cue_emit_fn emit, void *ctx)
{
    builder *b = calloc(1, sizeof *b);
    if (!b)
        return NULL;
    b->o = o;
    b->l = &b->list;
    b->emit = emit;
    b->emit_ctx = ctx;
    b->last_speaker = -2;
    b->prev_turn = (size_t)-1;
    word_table_build(b->words);
    if (store_put(b->l, "", 0, 0) != 0) {
        free(b);
        return NULL;
    }
    return b;
}

int cue_stream_blocks(cue_stream *b, const podfmt_doc *doc, size_t n)
{
    return collect_units(b, doc, n);
}

int cue_stream_end(cue_stream *b)
{
    if (b->ot.active && turn_end(b) != 0)
        return -1;
    return cut_ready(b, 1) != 0 || emit_ready(b, 1) != 0 ? -1 : 0;
}

void cue_stream_free(cue_stream *b)
{
    if (!b)
        return;
    cue_list_free(&b->list);
    free(b->meta);
    free(b->at.v);
    free(b->u);
    free(b->para);
    free(b->wt);
    free(b->cost);
    free(b->from);
    free(b->pieces);
    free(b->ps);
    free(b->pe);
    free(b);
}

void *cue_writer_new(size_t size, const podfmt_doc *doc,
                     const podfmt_options *opts, podfmt_buf *out,
                     cue_emit_fn emit)
{
    cue_writer *w = calloc(1, size);
    if (!w)
        return NULL;
    w->out = out;
    w->doc = doc;
    cue_profile_get(opts->profile, &w->co.prof);
    w->co.wpm = opts->wpm;
    w->co.untimed = doc_untimed(doc);
    w->cues = cue_stream_new(&w->co, emit, w);
    if (!w->cues) {
        free(w);
        return NULL;
    }
    return w;
}

int cue_writer_blocks(void *st, const podfmt_doc *doc, size_t n)
{
    cue_writer *w = st;
    w->doc = doc;
    return cue_stream_blocks(w->cues, doc, n);
}

podfmt_status cue_writer_end(void *st, const podfmt_doc *doc, bool write,
                             podfmt_error *err)
{
    cue_writer *w = st;
    w->doc = doc;
    bool failed = write && cue_stream_end(w->cues) != 0;
    cue_stream_free(w->cues);
    failed |= write && w->out->failed;
    free(w);
    if (failed) {
        error_set(err, 0, 0, "out of memory");
        return PODFMT_EIO;
    }
    return PODFMT_OK;
}

void cue_list_free(cue_list *l)
{
    free(l->v);
    free(l->text);
    free(l->style);
    memset(l, 0, sizeof *l);
}

/* ---- shared by the writers ------------------------------------------- */

static void put_tags(podfmt_buf *out, unsigned from, unsigned to)
{
    if (from == to)
        return;
    if (from & CUE_BOLD)
        podfmt_buf_puts(out, "</b>");
    if (from & CUE_ITALIC)
        podfmt_buf_puts(out, "</i>");
    if (to & CUE_ITALIC)
        podfmt_buf_puts(out, "<i>");
    if (to & CUE_BOLD)
        podfmt_buf_puts(out, "<b>");
}

/* A space takes the style the text on both sides of it shares. */
static unsigned style_at(const char *s, const unsigned char *st, size_t n,
                         size_t i)
{
    if (s[i] != ' ')
        return st[i];
    return (i > 0 ? st[i - 1] : 0) & (i + 1 < n ? st[i + 1] : 0);
}

void cue_put_line(podfmt_buf *out, const cue_list *l, const cue_line *ln,
                  void (*esc)(podfmt_buf *, const char *, size_t))
{
    const char *s = l->text + ln->off;
    size_t n = ln->len;
    if (!l->style) { /* no text has a style */
        esc(out, s, n);
        return;
    }
    const unsigned char *st = l->style + ln->off;
    unsigned cur = 0;
    size_t i = 0;
    while (i < n) {
        unsigned want = style_at(s, st, n, i);
        size_t j = i + 1;
        while (j < n && style_at(s, st, n, j) == want)
            j++;
        put_tags(out, cur, want);
        cur = want;
        esc(out, s + i, j - i);
        i = j;
    }
    put_tags(out, cur, 0);
}

void cue_put_time(podfmt_buf *out, int64_t ms, char sep)
{
    if (ms < 0)
        ms = 0;
    uint64_t h = (uint64_t)ms / 3600000;
    unsigned m = (unsigned)(ms / 60000 % 60), s = (unsigned)(ms / 1000 % 60),
             f = (unsigned)(ms % 1000);
    char t[40]; /* "HH:MM:SS,mmm", the hours two digits or more */
    size_t i = 0;
    if (h >= 100) {
        char d[24];
        size_t k = 0;
        for (; h; h /= 10)
            d[k++] = (char)('0' + h % 10);
        while (k)
            t[i++] = d[--k];
    } else {
        t[i++] = (char)('0' + h / 10);
        t[i++] = (char)('0' + h % 10);
    }
    t[i++] = ':';
    t[i++] = (char)('0' + m / 10);
    t[i++] = (char)('0' + m % 10);
    t[i++] = ':';
    t[i++] = (char)('0' + s / 10);
    t[i++] = (char)('0' + s % 10);
    t[i++] = sep;
    t[i++] = (char)('0' + f / 100);
    t[i++] = (char)('0' + f / 10 % 10);
    t[i++] = (char)('0' + f % 10);
    podfmt_buf_put(out, t, i);
}

const char *cue_palette(int speaker)
{
    static const char *const bbc[] = {"#FFFFFF", "#FFFF00", "#00FFFF",
                                      "#00FF00"};
    return bbc[(speaker < 0 ? 0 : speaker) % 4];
}

/* A colour is written into markup only when it is plainly one: "#" and 3,
 * 6 or 8 hex digits, or letters (a colour name).  Anything else from a
 * configuration could break out of the attribute or the style sheet. */
int cue_safe_color(const char *c)
{
    size_t n = strlen(c);
    if (n == 0 || n > 32)
        return 0;
    for (size_t i = c[0] == '#' ? 1 : 0; i < n; i++) {
        char x = c[i];
        int hex = (x >= '0' && x <= '9') || (x >= 'a' && x <= 'f') ||
                  (x >= 'A' && x <= 'F');
        int alpha = (x >= 'a' && x <= 'z') || (x >= 'A' && x <= 'Z');
        if (c[0] == '#' ? !hex : !alpha)
            return 0;
    }
    return c[0] != '#' || n == 4 || n == 7 || n == 9;
}
