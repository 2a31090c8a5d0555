/* Cue timing lines and cue text, shared by the SRT and WebVTT readers.
 *
 * A cue's text goes through three steps:
 *   1. markup: tags and entities are read, leaving plain characters, each
 *      with its formatting (italic, bold) and the part of the cue it
 *      belongs to (a new part at each line and each VTT voice span);
 *   2. speakers: a part may open with a dialogue dash ("- ", ">>") or a
 *      label ("NAME:", "[NAME]", "(NAME)"); whether a label is a speaker
 *      is decided once the whole file is known (see label_is_speaker);
 *   3. CommonMark: the characters are written as inline text, `*` and
 *      `**` for italic and bold, everything else escaped so that it stays
 *      literal; cmark checks the result.
 */
#include "subread.h"
#include "label.h"

#include <stdlib.h>
#include <string.h>
#include <utf8proc.h>

/* ------------------------------------------------------------------ */
/* Timing lines                                                        */

static bool is_digit(char c) { return c >= '0' && c <= '9'; }
static bool is_ws(char c) { return c == ' ' || c == '\t'; }

bool sr_timing_candidate(const char *s, size_t n)
{
    size_t i = 0;
    while (i < n && is_ws(s[i]))
        i++;
    if (i >= n || !is_digit(s[i]))
        return false;
    while (i < n && (is_digit(s[i]) || s[i] == ':' || s[i] == '.' ||
                     s[i] == ','))
        i++;
    if (i < n && !is_ws(s[i]) && s[i] != '-')
        return false;
    for (; i + 3 <= n; i++)
        if (s[i] == '-' && s[i + 1] == '-' && s[i + 2] == '>')
            return true;
    return false;
}

static const char no_time[] = "expected a time";

/* Reads up to 10 digits at s[*i]; returns how many were read. */
static size_t read_digits(const char *s, size_t n, size_t *i, int64_t *v)
{
    size_t k = 0;
    int64_t x = 0;
    while (*i < n && is_digit(s[*i])) {
        if (k < 10)
            x = x * 10 + (s[*i] - '0');
        k++;
        (*i)++;
    }
    *v = x;
    return k;
}

/* One time: hh:mm:ss[.,]fff, mm:ss[.,]fff, or seconds-only s.fff (which
 * a real tool writes though the WebVTT spec forbids it).  Fields after
 * the first take one or two digits; the fraction one to three (",5" is
 * half a second, ",50" too).  *had_frac tells whether a fraction was
 * there. */
static int parse_time(const char *s, size_t n, size_t *i, int64_t *ms,
                      bool *had_frac, size_t *bad, const char **why)
{
    /* what nearly every file has, "hh:mm:ss,fff" (or '.'), minutes and
     * seconds below 60, no more digits after: read at once */
    const char *u = s + *i;
    if (n - *i >= 12 && is_digit(u[0]) && is_digit(u[1]) && u[2] == ':' &&
        u[3] >= '0' && u[3] <= '5' && is_digit(u[4]) && u[5] == ':' &&
        u[6] >= '0' && u[6] <= '5' && is_digit(u[7]) &&
        (u[8] == ',' || u[8] == '.') && is_digit(u[9]) && is_digit(u[10]) &&
        is_digit(u[11]) && (n - *i == 12 || !is_digit(u[12]))) {
        int64_t h = (u[0] - '0') * 10 + (u[1] - '0');
        int64_t m = (u[3] - '0') * 10 + (u[4] - '0');
        int64_t sec = (u[6] - '0') * 10 + (u[7] - '0');
        int64_t f = (u[9] - '0') * 100 + (u[10] - '0') * 10 + (u[11] - '0');
        *ms = ((h * 60 + m) * 60 + sec) * 1000 + f;
        *had_frac = true;
        *i += 12;
        return 0;
    }
    int64_t f[3];
    size_t fl[3], fpos[3];
    int k = 0;
    for (;;) {
        fpos[k] = *i;
        fl[k] = read_digits(s, n, i, &f[k]);
        if (fl[k] == 0) {
            *bad = *i;
            *why = k == 0 ? no_time : "expected digits after ':'";
            return -1;
        }
        k++;
        if (*i < n && s[*i] == ':') {
            if (k == 3) {
                *bad = *i;
                *why = "too many ':' in the time (expected hh:mm:ss)";
                return -1;
            }
            (*i)++;
            continue;
        }
        break;
    }
    int64_t frac = 0;
    *had_frac = false;
    if (*i < n && (s[*i] == '.' || s[*i] == ',')) {
        (*i)++;
        size_t at = *i;
        int64_t v;
        size_t d = read_digits(s, n, i, &v);
        if (d == 0 || d > 3) {
            *bad = at;
            *why = d == 0 ? "expected milliseconds after the separator"
                          : "more than three digits of milliseconds";
            return -1;
        }
        frac = d == 1 ? v * 100 : d == 2 ? v * 10 : v;
        *had_frac = true;
    } else if (k == 1) {
        *bad = *i;
        *why = "expected ':' or a fraction after the number";
        return -1;
    }
    for (int j = 1; j < k; j++) {
        if (fl[j] > 2 || f[j] >= 60) {
            *bad = fpos[j];
            *why = j == k - 1 ? "seconds must be two digits below 60"
                              : "minutes must be two digits below 60";
            return -1;
        }
    }
    /* the first field: hours, minutes or seconds; bounded so that the
     * total stays below PODFMT_MAX_TIME_MS */
    int64_t limit = k == 3 ? 9999 : k == 2 ? 9999 * 60 : 9999 * 3600;
    if (fl[0] > 9 || f[0] > limit) {
        *bad = fpos[0];
        *why = k == 3 ? "hours out of range (at most 9999)"
                      : "time out of range (at most 9999 hours)";
        return -1;
    }
    int64_t h = k == 3 ? f[0] : 0;
    int64_t m = k == 3 ? f[1] : k == 2 ? f[0] : 0;
    int64_t sec = k == 3 ? f[2] : k == 2 ? f[1] : f[0];
    *ms = ((h * 60 + m) * 60 + sec) * 1000 + frac;
    return 0;
}

int sr_parse_timing(const char *s, size_t n, sr_kind kind, int64_t *start,
                    int64_t *end, size_t *bad, const char **why)
{
    size_t i = 0;
    bool frac;
    while (i < n && is_ws(s[i]))
        i++;
    if (parse_time(s, n, &i, start, &frac, bad, why) != 0) {
        if (*why == no_time)
            *why = kind == SR_SRT ? "expected a start time like 00:00:01,000"
                                  : "expected a start time like 00:00:01.000";
        return -1;
    }
    while (i < n && is_ws(s[i]))
        i++;
    if (!(i + 3 <= n && s[i] == '-' && s[i + 1] == '-' && s[i + 2] == '>')) {
        *bad = i;
        *why = "expected '-->' after the start time";
        return -1;
    }
    i += 3;
    while (i < n && is_ws(s[i]))
        i++;
    size_t at = i;
    if (i >= n || !is_digit(s[i])) {
        *bad = i;
        *why = kind == SR_SRT
                   ? "expected an end time like 00:00:04,000 after '-->'"
                   : "expected an end time like 00:00:04.000 after '-->'";
        return -1;
    }
    if (parse_time(s, n, &i, end, &frac, bad, why) != 0)
        return -1;
    /* settings may follow after white space; VTT files glue them on
     * ("00:01.000line:40%"), which is unambiguous after a fraction */
    if (i < n && !is_ws(s[i]) && !(frac && !is_digit(s[i]))) {
        *bad = i < n ? i : at;
        *why = kind == SR_SRT
                   ? "expected an end time like 00:00:04,000 after '-->'"
                   : "expected an end time like 00:00:04.000 after '-->'";
        return -1;
    }
    return 0; /* an end before the start is sr_add_cue's to repair */
}

podfmt_status sr_timing(const char *data, size_t len, const char *s,
                        size_t n, sr_kind kind, int64_t *start, int64_t *end,
                        podfmt_error *err)
{
    size_t bad;
    const char *why;
    if (sr_parse_timing(s, n, kind, start, end, &bad, &why) == 0)
        return PODFMT_OK;
    error_at(err, data, len, (size_t)(s - data) + bad,
             "malformed cue timing line: %s", why);
    return PODFMT_EINPUT;
}

bool sr_all_digits(const char *s, size_t n)
{
    trim(&s, &n);
    if (n == 0)
        return false;
    for (size_t i = 0; i < n; i++)
        if (!is_digit(s[i]))
            return false;
    return true;
}

int sr_lines_push(sr_lines *l, const char *s, size_t n)
{
    if (grow_array((void **)&l->v, &l->cap, l->n + 1, sizeof *l->v) != 0)
        return -1;
    l->v[l->n].s = s;
    l->v[l->n].n = n;
    l->n++;
    return 0;
}

void sr_lines_free(sr_lines *l)
{
    free(l->v);
    memset(l, 0, sizeof *l);
}

/* ------------------------------------------------------------------ */
/* The cues as read: plain characters with formatting, in parts        */

#define SR_I 1u
#define SR_B 2u

typedef struct sr_part {
    size_t off, len;  /* characters after any dash, label included */
    size_t voff;      /* voice name in voices, when has_voice */
    size_t vlen;
    size_t lab_at;    /* label name: text[off + lab_at .. + lab_len) */
    size_t lab_len;   /* 0: no label candidate */
    size_t lab_skip;  /* text resumes at off + lab_skip */
    int lab_slot;     /* candidate table slot, -1 */
    unsigned char lab_bracket;
    unsigned char has_voice;
    unsigned char dash;
    unsigned char dropped;
} sr_part;

typedef struct sr_tline { /* one text line of a cue, for rolling captions */
    size_t off, len;
    size_t first_part, n_parts;
} sr_tline;

typedef struct sr_cue {
    int64_t start, end;
    size_t first_line, n_lines;
    size_t voices;  /* voices.len when it began */
    const char *at; /* its first text line, in the input: for messages */
} sr_cue;

/* A label candidate: how often it opens a part, and its shape. */
typedef struct sr_cand {
    size_t koff, klen; /* the label, in names */
    unsigned colon, bracket;
    unsigned char upper;    /* in capitals, the words after it not */
    unsigned char caps;     /* in capitals */
    unsigned char sentence; /* once, the words after it open a sentence */
} sr_cand;

/* Writing one segment: the characters of some parts, with formatting
 * changes turned into `*` / `**`.  White space is held back until the
 * next character, so that a marker never sits next to a space on its
 * inner side ("<i>Hi </i>there" -> "*Hi* there"). */
typedef struct seg_writer {
    podfmt_buf *out;
    unsigned stack[2];
    int depth;
    bool pending_space;
    bool use_attrs, raw_delims, delims;
    int pairs;
} seg_writer;

/* Into the model: the segment being gathered from the parts. */
typedef struct emitter {
    podfmt_doc *doc;
    podfmt_buf seg, md;
    int speaker;    /* of the segment being gathered */
    bool new_turn;  /* the gathered segment opens a turn of its own */
    bool open;      /* something is gathered */
    seg_writer w;
    size_t seg_first, seg_count; /* parts of the segment */
    int cur;        /* who speaks in unlabelled text */
} emitter;

/* How the cues are kept while they are read (see sr_read). */
typedef enum {
    SR_WHOLE,  /* every cue kept, the labels counted */
    SR_COUNT,  /* the labels counted, only the cue before kept */
    SR_EMIT,   /* each cue into the model as it comes */
    SR_SORTED  /* every cue kept, the labels counted already */
} sr_phase;

struct subread {
    sr_kind kind;
    sr_phase phase;
    podfmt_buf text; /* the cues' characters */
    podfmt_buf attr; /* one formatting byte per character, once any
                      * character has formatting (has_attr) */
    bool has_attr;
    podfmt_buf names;  /* the label candidates */
    podfmt_buf voices; /* the cues' voice names */
    sr_part *parts;
    size_t n_parts, cap_parts;
    sr_tline *lines;
    size_t n_lines, cap_lines;
    sr_cue *cues;
    size_t n_cues, cap_cues;
    sr_cand *cands;
    size_t n_cands, cap_cands;
    int *slots; /* open addressing over cands */
    size_t cap_slots;
    size_t reversed; /* the first cue (from 1) that ended before its start */
    int oom;
    /* SR_COUNT and SR_EMIT keep the cue before (with text) and this one */
    size_t seen;          /* cues read in this pass */
    size_t back;          /* the first cue (from 1) starting before the one above */
    int64_t last_start;
    bool have_prev;       /* cues[0] is the last cue with text */
    size_t rolls, with_text; /* cues repeating a line of the one before;
                              * cues with text */
    bool rolling;         /* SR_EMIT: repeated lines are dropped */
    /* SR_EMIT */
    emitter e;
    const podfmt_config *cfg;
    bool strong;
    bool any_voice;       /* some part had a voice */
    const char *fail_at;  /* the cue whose speaker was one too many */
    bool emit_failed;     /* putting a cue into the model failed */
    const char *pos;      /* the input given back ends here, at ... */
    int line, column;     /* ... this line and column */
};

static subread *sr_new(sr_kind kind)
{
    subread *sr = calloc(1, sizeof *sr);
    if (!sr)
        return NULL;
    sr->kind = kind;
    podfmt_buf_init(&sr->text);
    podfmt_buf_init(&sr->attr);
    podfmt_buf_init(&sr->names);
    podfmt_buf_init(&sr->voices);
    podfmt_buf_init(&sr->e.seg);
    podfmt_buf_init(&sr->e.md);
    sr->e.cur = -1;
    return sr;
}

static void sr_free(subread *sr)
{
    if (!sr)
        return;
    podfmt_buf_free(&sr->text);
    podfmt_buf_free(&sr->attr);
    podfmt_buf_free(&sr->names);
    podfmt_buf_free(&sr->voices);
    podfmt_buf_free(&sr->e.seg);
    podfmt_buf_free(&sr->e.md);
    free(sr->parts);
    free(sr->lines);
    free(sr->cues);
    free(sr->cands);
    free(sr->slots);
    free(sr);
}

static void put_chars(subread *sr, const char *s, size_t n, unsigned a)
{
    size_t before = sr->text.len;
    podfmt_buf_put(&sr->text, s, n);
    if (a && !sr->has_attr && !sr->text.failed) {
        /* the first formatted character: the text so far has none */
        sr->has_attr = true;
        podfmt_buf_put(&sr->attr, sr->text.data, before);
        if (before && !sr->attr.failed && sr->attr.len == before)
            memset(sr->attr.data, 0, before);
    }
    if (!sr->has_attr)
        return;
    size_t at = sr->attr.len;
    podfmt_buf_put(&sr->attr, s, n); /* makes room; then the attribute */
    if (!sr->attr.failed && sr->attr.len == at + n)
        memset(sr->attr.data + at, (int)a, n);
}

static sr_part *new_part(subread *sr, int voice, size_t voff, size_t vlen)
{
    if (grow_array((void **)&sr->parts, &sr->cap_parts, sr->n_parts + 1,
                   sizeof *sr->parts) != 0) {
        sr->oom = 1;
        return NULL;
    }
    sr_part *p = &sr->parts[sr->n_parts++];
    memset(p, 0, sizeof *p);
    p->off = sr->text.len;
    p->has_voice = voice != 0;
    sr->any_voice |= p->has_voice;
    p->voff = voff;
    p->vlen = vlen;
    p->lab_slot = -1;
    return p;
}

/* ---- entities (WebVTT) ----------------------------------------------- */

static const struct {
    const char *name;
    int32_t cp;
} entities[] = {
    {"amp", '&'},       {"lt", '<'},          {"gt", '>'},
    {"nbsp", 0xA0},     {"lrm", 0x200E},      {"rlm", 0x200F},
    {"quot", '"'},      {"apos", '\''},       {"hellip", 0x2026},
    {"mdash", 0x2014},  {"ndash", 0x2013},    {"lsquo", 0x2018},
    {"rsquo", 0x2019},  {"ldquo", 0x201C},    {"rdquo", 0x201D},
    {"copy", 0xA9},     {"reg", 0xAE},        {"trade", 0x2122},
    {"eacute", 0xE9},   {"egrave", 0xE8},     {"aacute", 0xE1},
    {"iacute", 0xED},   {"oacute", 0xF3},     {"uacute", 0xFA},
    {"ntilde", 0xF1},   {"ccedil", 0xE7},     {"uuml", 0xFC},
    {"ouml", 0xF6},     {"auml", 0xE4},       {"szlig", 0xDF},
    {"iexcl", 0xA1},    {"iquest", 0xBF},     {"laquo", 0xAB},
    {"raquo", 0xBB},    {"deg", 0xB0},        {"euro", 0x20AC},
};

/* Decodes the entity at s[0] == '&'.  Returns its length (through ';')
 * and the code point, or 0 when it is not a complete, known entity: then
 * the '&' is text, as written ("&nb", "&am"). */
static size_t entity(const char *s, size_t n, int32_t *cp)
{
    size_t i = 1;
    if (i < n && s[i] == '#') {
        i++;
        bool hex = i < n && (s[i] == 'x' || s[i] == 'X');
        if (hex)
            i++;
        int64_t v = 0;
        size_t d = 0;
        while (i < n && d < 8) {
            char c = s[i];
            int x = is_digit(c) ? c - '0'
                    : hex && c >= 'a' && c <= 'f' ? c - 'a' + 10
                    : hex && c >= 'A' && c <= 'F' ? c - 'A' + 10
                                                  : -1;
            if (x < 0)
                break;
            v = v * (hex ? 16 : 10) + x;
            d++;
            i++;
        }
        if (d == 0 || i >= n || s[i] != ';')
            return 0;
        /* what the input check refuses stays text as written */
        if (v < 0x20 || (v >= 0x7F && v < 0xA0) || (v >= 0xD800 && v < 0xE000) ||
            v > 0x10FFFF)
            return 0;
        *cp = (int32_t)v;
        return i + 1;
    }
    size_t j = i;
    while (j < n && j - i < 10 &&
           ((s[j] >= 'a' && s[j] <= 'z') || (s[j] >= 'A' && s[j] <= 'Z')))
        j++;
    if (j == i || j >= n || s[j] != ';')
        return 0;
    for (size_t k = 0; k < sizeof entities / sizeof entities[0]; k++) {
        if (strlen(entities[k].name) == j - i &&
            memcmp(entities[k].name, s + i, j - i) == 0) {
            *cp = entities[k].cp;
            return j + 1;
        }
    }
    return 0;
}

/* ---- tags ------------------------------------------------------------- */

static bool name_is(const char *s, size_t n, const char *name)
{
    size_t l = strlen(name);
    if (n != l)
        return false;
    for (size_t i = 0; i < n; i++) {
        char c = s[i];
        if (c >= 'A' && c <= 'Z')
            c = (char)(c - 'A' + 'a');
        if (c != name[i])
            return false;
    }
    return true;
}

/* State while one cue's markup is read. */
typedef struct markup {
    unsigned attr;
    int ruby_text; /* inside <rt> */
    int voice;
    size_t voff, vlen;
} markup;

/* Reads the tag body s[0..n) (between '<' and '>').  Returns true when it
 * is a tag of the format (then applied to m), false when it is text. */
static bool apply_tag(subread *sr, markup *m, const char *s, size_t n,
                      bool *new_voice)
{
    bool close = n > 0 && s[0] == '/';
    size_t i = close ? 1 : 0;
    if (sr->kind == SR_VTT && !close && i < n && is_digit(s[i])) {
        /* a karaoke timestamp <00:17.500>: timing inside the cue, which
         * the model does not keep */
        int64_t ms;
        bool frac;
        size_t bad;
        const char *why;
        size_t j = i;
        return parse_time(s, n, &j, &ms, &frac, &bad, &why) == 0 && j == n;
    }
    size_t ns = i;
    while (i < n && ((s[i] >= 'a' && s[i] <= 'z') || (s[i] >= 'A' && s[i] <= 'Z')))
        i++;
    const char *name = s + ns;
    size_t nl = i - ns;
    if (nl == 0)
        return false;
    /* after the name: VTT classes (".loud"), then an annotation; SRT's
     * <font color=...> has attributes; a closing tag has nothing */
    if (i < n && !(is_ws(s[i]) || (sr->kind == SR_VTT && s[i] == '.')))
        return false;
    if (close) {
        for (size_t k = i; k < n; k++)
            if (!is_ws(s[k]))
                return false;
    }
    if (sr->kind == SR_SRT) {
        if (name_is(name, nl, "i") || name_is(name, nl, "em")) {
            m->attr = close ? m->attr & ~SR_I : m->attr | SR_I;
        } else if (name_is(name, nl, "b") || name_is(name, nl, "strong")) {
            m->attr = close ? m->attr & ~SR_B : m->attr | SR_B;
        } else if (!(name_is(name, nl, "u") || name_is(name, nl, "s") ||
                     name_is(name, nl, "font"))) {
            return false;
        }
        if (!close && !name_is(name, nl, "font") && i < n)
            return false; /* "<i class>" is not SRT markup */
        return true;
    }
    if (name_is(name, nl, "i")) {
        m->attr = close ? m->attr & ~SR_I : m->attr | SR_I;
    } else if (name_is(name, nl, "b")) {
        m->attr = close ? m->attr & ~SR_B : m->attr | SR_B;
    } else if (name_is(name, nl, "rt")) {
        /* ruby text is the reading of the base text: "漢字(かんじ)" */
        if (!close && !m->ruby_text) {
            put_chars(sr, "(", 1, m->attr);
            m->ruby_text = 1;
        } else if (close && m->ruby_text) {
            put_chars(sr, ")", 1, m->attr);
            m->ruby_text = 0;
        }
    } else if (name_is(name, nl, "ruby")) {
        if (close && m->ruby_text) {
            put_chars(sr, ")", 1, m->attr);
            m->ruby_text = 0;
        }
    } else if (name_is(name, nl, "v")) {
        if (!close) {
            while (i < n && s[i] == '.') { /* classes */
                i++;
                while (i < n && !is_ws(s[i]) && s[i] != '.')
                    i++;
            }
            const char *a = s + i;
            size_t al = n - i;
            trim(&a, &al);
            if (al > 0 && al <= PODFMT_MAX_LABEL) {
                /* the annotation is text: "<v Tom &amp; Jerry>" */
                m->voice = 1;
                m->voff = sr->voices.len;
                for (size_t k = 0; k < al;) {
                    int32_t cp;
                    size_t el = a[k] == '&' && sr->kind == SR_VTT
                                    ? entity(a + k, al - k, &cp)
                                    : 0;
                    if (el) {
                        char enc[4];
                        podfmt_buf_put(&sr->voices, enc, utf8_put_code(cp, enc));
                        k += el;
                    } else {
                        podfmt_buf_putc(&sr->voices, a[k++]);
                    }
                }
                m->vlen = sr->voices.len - m->voff;
                *new_voice = true;
            }
        }
    } else if (!(name_is(name, nl, "c") || name_is(name, nl, "u") ||
                 name_is(name, nl, "lang") ||
                 /* not WebVTT, but in files converted from SRT */
                 name_is(name, nl, "font"))) {
        return false;
    }
    return true;
}

/* ---- dashes and labels ------------------------------------------------- */

static const char *const prose_heads[] = {
    "note", "notes", "nb", "ps", "p.s", "warning", "caution", "update",
    "example", "step", "tip", "edit", "source", "translation", "translator",
    "subtitles", "subtitle", "captions", "caption", "transcript", "chapter",
    "part", "episode", "look", "listen", "well", "yes", "no", "ok", "okay",
    "so", "now", "remember", "wait", "hey", "oh", "and", "but", "then",
    "also", "plus", "question", "answer", "why", "what", "how", "rule",
    "lesson", "fact", "result", "reason", "problem", "solution", "summary",
    "conclusion", "disclaimer", "bonus", "fyi", "re", "date", "time",
    "location", "http", "https", "www",
};

/* First words of a title card's label, not of a name. */
static const char *const title_words[] = {
    "act", "book", "chapter", "day", "episode", "level", "night", "page",
    "round", "scene", "season", "section", "stage", "the", "verse", "week",
};

static const char *const sound_words[] = {
    "music", "musical", "song", "singing", "sings", "laugh", "laughs",
    "laughing", "laughter", "chuckle", "chuckles", "chuckling", "giggles",
    "giggling", "applause", "applauding", "clapping", "claps", "cheering",
    "cheers", "inaudible", "indistinct", "unintelligible", "crosstalk",
    "overlapping", "silence", "sigh", "sighs", "sighing", "cough", "coughs",
    "coughing", "gasp", "gasps", "gasping", "groans", "groaning", "sniffs",
    "sniffling", "sobbing", "sobs", "crying", "cries", "whispers",
    "whispering", "screams", "screaming", "shouting", "shouts", "yelling",
    "grunts", "grunting", "beep", "beeps", "beeping", "bleep", "static",
    "noise", "sound", "sounds", "intro", "outro", "theme", "jingle", "pause",
    "break", "ad", "sfx", "censored", "foreign", "speaking", "phone",
    "ringing", "rings", "knocking", "knock", "knocks", "door", "footsteps",
    "thunder", "explosion", "gunshot", "gunfire", "engine", "horn",
    "barks", "barking", "upbeat", "dramatic", "tense", "humming", "hums",
    "continues", "playing", "plays", "transition", "blank", "audio",
    "video", "clip", "ends", "begins", "starts", "fades",
    "soft", "gentle", "background", "instrumental", "chatter", "murmuring",
    "sniffles", "breathing", "exhales", "inhales", "scoffs", "groan",
    "crowd", "audience", "silent", "sad", "exciting", "oh", "ooh", "ah",
    "la", "na", "hey", "yeah", "whoa",
};

static const char *const particles[] = {"de", "van", "von", "da", "del",
                                        "der", "la", "le", "di", "du",
                                        "bin", "al", "dos", "das", "y"};

static bool word_in(const char *w, size_t n, const char *const *list,
                    size_t count)
{
    for (size_t i = 0; i < count; i++)
        if (name_is(w, n, list[i]))
            return true;
    return false;
}

/* The category of the character at s (letters: upper, lower, other). */
static int char_class(const char *s, size_t n, size_t *adv)
{
    unsigned char c = (unsigned char)s[0];
    *adv = 1;
    if (c < 0x80) {
        if (c >= 'A' && c <= 'Z')
            return 'U';
        if (c >= 'a' && c <= 'z')
            return 'l';
        if (is_digit((char)c))
            return 'd';
        return (int)c;
    }
    int32_t cp = utf8_decode((const unsigned char *)s, n, adv);
    if (cp == 0x2019)
        return '\'';
    utf8proc_category_t cat = utf8proc_category(cp);
    if (cat == UTF8PROC_CATEGORY_LU || cat == UTF8PROC_CATEGORY_LT)
        return 'U';
    if (cat == UTF8PROC_CATEGORY_LL)
        return 'l';
    if (cat == UTF8PROC_CATEGORY_LO || cat == UTF8PROC_CATEGORY_LM ||
        cat == UTF8PROC_CATEGORY_MN || cat == UTF8PROC_CATEGORY_MC)
        return 'o';
    return '?';
}

/* Whether s[0..n) is shaped like a name: one to four words, each opening
 * with a capital, a digit (not the first) or an uncased letter (CJK), or
 * a particle ("de", "van") inside; letters, digits, '.', '\'', '-', '_'
 * and '&' only.  *upper: every cased letter is a capital, at least two. */
static bool name_shaped(const char *s, size_t n, bool bracket, bool *upper)
{
    size_t i = 0, words = 0, letters = 0, lower = 0;
    if (n == 0 || n > PODFMT_MAX_LABEL)
        return false;
    while (i < n) {
        while (i < n && s[i] == ' ')
            i++;
        if (i >= n)
            break;
        size_t ws = i, adv;
        int first = char_class(s + i, n - i, &adv);
        bool particle = false;
        size_t we = i;
        while (we < n && s[we] != ' ')
            we++;
        if (first == 'l') {
            particle = words > 0 && word_in(s + ws, we - ws, particles,
                                            sizeof particles / sizeof particles[0]);
            if (!particle)
                return false;
        } else if (first == 'd') {
            if (words == 0 && !bracket)
                return false;
        } else if (first != 'U' && first != 'o') {
            return false;
        }
        while (i < we) {
            int c = char_class(s + i, we - i, &adv);
            if (c == 'U' || c == 'o')
                letters++;
            else if (c == 'l')
                letters++, lower++;
            else if (!(c == 'd' || c == '.' || c == '\'' || c == '-' ||
                       c == '_' || c == '&'))
                return false;
            i += adv;
        }
        if (++words > 4)
            return false;
    }
    if (words == 0)
        return false;
    *upper = letters >= 2 && lower == 0;
    return true;
}

static bool any_word_in(const char *s, size_t n, const char *const *list,
                        size_t count)
{
    size_t i = 0;
    while (i < n) {
        while (i < n && (s[i] == ' ' || s[i] == '.'))
            i++;
        size_t ws = i;
        while (i < n && s[i] != ' ')
            i++;
        size_t we = i;
        while (we > ws && s[we - 1] == '.')
            we--;
        if (we > ws && word_in(s + ws, we - ws, list, count))
            return true;
    }
    return false;
}

static uint64_t hash_bytes(const char *s, size_t n)
{
    uint64_t h = 1469598103934665603ULL;
    for (size_t i = 0; i < n; i++) {
        h ^= (unsigned char)s[i];
        h *= 1099511628211ULL;
    }
    return h;
}

/* Finds or adds the candidate with label s[0..n). */
static int cand_slot(subread *sr, const char *s, size_t n)
{
    if ((sr->n_cands + 1) * 2 > sr->cap_slots) {
        size_t cap = sr->cap_slots ? sr->cap_slots * 2 : 64;
        int *slots = malloc(cap * sizeof *slots);
        if (!slots)
            return -1;
        for (size_t i = 0; i < cap; i++)
            slots[i] = -1;
        for (size_t c = 0; c < sr->n_cands; c++) {
            size_t h = hash_bytes(sr->names.data + sr->cands[c].koff,
                                  sr->cands[c].klen) & (cap - 1);
            while (slots[h] >= 0)
                h = (h + 1) & (cap - 1);
            slots[h] = (int)c;
        }
        free(sr->slots);
        sr->slots = slots;
        sr->cap_slots = cap;
    }
    size_t h = hash_bytes(s, n) & (sr->cap_slots - 1);
    while (sr->slots[h] >= 0) {
        sr_cand *c = &sr->cands[sr->slots[h]];
        if (c->klen == n && memcmp(sr->names.data + c->koff, s, n) == 0)
            return sr->slots[h];
        h = (h + 1) & (sr->cap_slots - 1);
    }
    if (grow_array((void **)&sr->cands, &sr->cap_cands, sr->n_cands + 1,
                   sizeof *sr->cands) != 0)
        return -1;
    sr_cand *c = &sr->cands[sr->n_cands];
    memset(c, 0, sizeof *c);
    c->koff = sr->names.len;
    c->klen = n;
    podfmt_buf_put(&sr->names, s, n);
    if (sr->names.failed)
        return -1;
    sr->slots[h] = (int)sr->n_cands;
    return (int)sr->n_cands++;
}

/* Counts a label candidate's use: s[0..n) is the part, its words start
 * at skip. */
static void count_label(sr_cand *c, const char *s, size_t n, size_t skip,
                        bool bracket, bool upper)
{
    if (bracket)
        c->bracket++;
    else
        c->colon++;
    if (upper)
        c->caps = 1;
    if (!bracket) {
        /* the first letter after the label: a capital (or none) opens a
         * sentence, as a speaker's words do; "Today: the weather" not */
        size_t adv;
        int first = 0;
        for (size_t k = skip; k < n && !first; k += adv) {
            int cl = char_class(s + k, n - k, &adv);
            if (cl == 'U' || cl == 'l' || cl == 'o')
                first = cl;
        }
        if (first != 'l')
            c->sentence = 1;
    }
    if (upper && !bracket) {
        /* "HOST: Welcome" is a speaker; "MONARCH: THE LEGACY" on a title
         * card, all in capitals, needs to recur to be one */
        size_t adv;
        if (is_blank(s + skip, n - skip))
            c->upper = 1; /* a label alone on its line, the words below */
        for (size_t k = skip; k < n && !c->upper; k += adv) {
            if (char_class(s + k, n - k, &adv) == 'l') {
                c->upper = 1;
                break;
            }
        }
    }
}

/* Looks at the start of part p for a dialogue dash and a label. */
static void scan_part(subread *sr, sr_part *p)
{
    const char *t = sr->text.data ? sr->text.data : "";
    size_t end = p->off + p->len, i = p->off;
    while (i < end && is_ws(t[i]))
        i++;
    /* "- Hi", "-Hi", "– Hi", ">> Hi"; not "--", "-5" or "—" (prose) */
    if (i < end && t[i] == '-' && i + 1 < end && t[i + 1] != '-' &&
        !is_digit(t[i + 1])) {
        p->dash = 1;
        i++;
    } else if (i + 3 < end && memcmp(t + i, "\xE2\x80\x93", 3) == 0 &&
               is_ws(t[i + 3])) {
        p->dash = 1;
        i += 3;
    } else if (i + 1 < end && t[i] == '>' && t[i + 1] == '>' &&
               (i + 2 == end || is_ws(t[i + 2]))) {
        p->dash = 1;
        i += 2;
    }
    while (i < end && is_ws(t[i]))
        i++;
    p->len = end - i;
    p->off = i;
    if (i >= end)
        return;
    const char *s = t + i;
    size_t n = end - i, lim = n < PODFMT_MAX_LABEL + 4 ? n : PODFMT_MAX_LABEL + 4;
    size_t name_at = 0, name_len = 0, skip = 0;
    bool bracket = false;
    if (s[0] == '[' || s[0] == '(') {
        char close = s[0] == '[' ? ']' : ')';
        const char *q = memchr(s + 1, close, lim - 1);
        if (!q)
            return;
        name_at = 1;
        name_len = (size_t)(q - s) - 1;
        skip = (size_t)(q - s) + 1;
        if (skip < n && s[skip] == ':')
            skip++;
        /* "(Oh)" alone on its line is a sound or a lyric, not a name */
        if (skip >= n || !is_ws(s[skip]) || is_blank(s + skip, n - skip))
            return;
        bracket = true;
    } else if (n > 4 && s[0] == '*' && s[1] == '*') {
        /* Markdown in a cue: "**Ana:** Hi", "**Ana**: Hi" */
        size_t k = 2;
        while (k + 1 < lim && !(s[k] == '*' && s[k + 1] == '*'))
            k++;
        if (k + 1 >= lim)
            return;
        name_at = 2;
        name_len = k - 2;
        skip = k + 2;
        bool colon = name_len > 0 && s[k - 1] == ':';
        if (colon)
            name_len--;
        else if (skip < n && s[skip] == ':')
            colon = true, skip++;
        if (!colon || (skip < n && !is_ws(s[skip])))
            return;
    } else {
        /* the first ':' or fullwidth colon (EF BC 9A) before lim */
        const char *c = memchr(s, ':', lim);
        size_t k = c ? (size_t)(c - s) : lim;
        for (const char *e = s; (e = memchr(e, 0xEF, k - (size_t)(e - s)));
             e++)
            if ((size_t)(e - s) + 3 <= n && memcmp(e, "\xEF\xBC\x9A", 3) == 0) {
                k = (size_t)(e - s);
                break;
            }
        if (k >= lim || k == 0)
            return;
        name_len = k;
        skip = k + (s[k] == ':' ? 1 : 3);
        /* "10:30", "http://"; a fullwidth colon needs no space after it
         * ("司会：こんにちは") */
        if (s[k] == ':' && skip < n && !is_ws(s[skip]))
            return;
    }
    const char *nm = s + name_at;
    size_t nl = name_len;
    trim(&nm, &nl);
    bool upper;
    /* "Cara Lin (she/her):" is Cara Lin, and counts as her */
    size_t bn = bracket ? nl : label_without_role(nm, nl);
    if (!name_shaped(nm, bn, bracket, &upper))
        return;
    if (bracket) {
        if (any_word_in(nm, nl, sound_words,
                        sizeof sound_words / sizeof sound_words[0]))
            return;
    } else if (word_in(nm, bn, prose_heads,
                       sizeof prose_heads / sizeof prose_heads[0])) {
        return;
    }
    int slot = cand_slot(sr, nm, bn);
    if (slot < 0) {
        sr->oom = 1;
        return;
    }
    if (sr->phase == SR_WHOLE || sr->phase == SR_COUNT)
        count_label(&sr->cands[slot], s, n, skip, bracket, upper);
    p->lab_slot = slot;
    p->lab_bracket = bracket;
    p->lab_at = (size_t)(nm - s);
    p->lab_len = nl;
    while (skip < n && is_ws(s[skip]))
        skip++;
    p->lab_skip = skip;
}

static int sr_window(subread *sr);

int sr_add_cue(subread *sr, int64_t start, int64_t end, const sr_line *lines,
               size_t n_lines)
{
    if (grow_array((void **)&sr->cues, &sr->cap_cues, sr->n_cues + 1,
                   sizeof *sr->cues) != 0)
        return -1;
    sr_cue *cue = &sr->cues[sr->n_cues++];
    sr->seen++;
    if (end < start) {
        /* documented: repaired to a zero-length cue, which the subtitle
         * writers give the shortest duration; a warning says so */
        end = start;
        if (!sr->reversed)
            sr->reversed = sr->seen;
    }
    cue->start = start;
    cue->end = end;
    cue->first_line = sr->n_lines;
    cue->n_lines = 0;
    cue->voices = sr->voices.len;
    cue->at = n_lines > 0 ? lines[0].s : NULL;
    markup m = {0};
    for (size_t li = 0; li < n_lines; li++) {
        const char *s = lines[li].s;
        size_t n = lines[li].n;
        trim(&s, &n);
        if (n == 0)
            continue;
        if (grow_array((void **)&sr->lines, &sr->cap_lines, sr->n_lines + 1,
                       sizeof *sr->lines) != 0)
            return -1;
        sr_tline *tl = &sr->lines[sr->n_lines++];
        cue->n_lines++;
        tl->off = sr->text.len;
        tl->first_part = sr->n_parts;
        sr_part *p = new_part(sr, m.voice, m.voff, m.vlen);
        if (!p)
            return -1;
        size_t part_idx = sr->n_parts - 1;
        /* where the next '>' / '}' is, cached so that a line full of '<'
         * stays linear */
        size_t next_gt = 0, next_brace = 0, next_lt = 0;
        bool gt_none = false, brace_none = false;
        size_t i = 0;
        while (i < n) {
            char c = s[i];
            if (c == '<' && !gt_none) {
                if (next_gt <= i) {
                    const char *q = memchr(s + i, '>', n - i);
                    if (!q)
                        gt_none = true;
                    else
                        next_gt = (size_t)(q - s);
                }
                /* "<c.first text</c>" is no tag: a tag holds no '<' */
                if (!gt_none && next_lt <= i) {
                    const char *q = memchr(s + i + 1, '<', n - i - 1);
                    next_lt = q ? (size_t)(q - s) : n;
                }
                bool nv = false;
                if (!gt_none && next_lt > next_gt &&
                    apply_tag(sr, &m, s + i + 1, next_gt - i - 1, &nv)) {
                    if (nv) {
                        sr_part *cur = &sr->parts[part_idx];
                        if (sr->text.len > cur->off &&
                            !is_blank(sr->text.data + cur->off,
                                      sr->text.len - cur->off)) {
                            cur->len = sr->text.len - cur->off;
                            if (!new_part(sr, 1, m.voff, m.vlen))
                                return -1;
                            part_idx = sr->n_parts - 1;
                        } else {
                            cur->has_voice = 1;
                            sr->any_voice = true;
                            cur->voff = m.voff;
                            cur->vlen = m.vlen;
                        }
                    }
                    i = next_gt + 1;
                    continue;
                }
            } else if (c == '{' && i + 1 < n && s[i + 1] == '\\' && !brace_none) {
                /* {\an8}, {\i1}: SubStation override codes */
                if (next_brace <= i) {
                    const char *q = memchr(s + i, '}', n - i);
                    if (!q)
                        brace_none = true;
                    else
                        next_brace = (size_t)(q - s);
                }
                if (!brace_none) {
                    i = next_brace + 1;
                    continue;
                }
            } else if (c == '&' && sr->kind == SR_VTT) {
                int32_t cp;
                size_t el = entity(s + i, n - i, &cp);
                if (el) {
                    char enc[4];
                    put_chars(sr, enc, utf8_put_code(cp, enc), m.attr);
                    i += el;
                    continue;
                }
            }
            if (c == '\t') {
                put_chars(sr, " ", 1, m.attr);
                i++;
                continue;
            }
            /* a run of characters that are only copied: up to a tag, an
             * override code, an entity, a tab */
            size_t j = i + 1 + span_without(s + i + 1, n - i - 1, "<{&\t", 4);
            put_chars(sr, s + i, j - i, m.attr);
            i = j;
        }
        sr->parts[part_idx].len = sr->text.len - sr->parts[part_idx].off;
        tl->len = sr->text.len - tl->off;
        tl->n_parts = sr->n_parts - tl->first_part;
        for (size_t k = tl->first_part; k < sr->n_parts; k++)
            scan_part(sr, &sr->parts[k]);
        put_chars(sr, " ", 1, 0); /* between lines */
    }
    if (m.ruby_text && sr->n_parts > 0) {
        /* an unclosed <rt>: close the reading at the end of the cue */
        sr_part *last = &sr->parts[sr->n_parts - 1];
        size_t at = sr->text.len - 1;
        sr->text.data[at] = ')';
        if (last->off + last->len == at)
            last->len++;
        put_chars(sr, " ", 1, 0);
    }
    if (sr->text.failed || sr->attr.failed || sr->names.failed ||
        sr->voices.failed || sr->oom)
        return -1;
    return sr->phase == SR_COUNT || sr->phase == SR_EMIT ? sr_window(sr) : 0;
}

/* ------------------------------------------------------------------ */
/* Speakers                                                            */

/* A first and last name at least ("Ana Ruiz"): two words or more, no
 * digits, not "Chapter One"; one word ("Paris:", "Monday:") could be a
 * title card. */
static bool full_name(const char *s, size_t n)
{
    const char *sp = memchr(s, ' ', n);
    if (!sp)
        return false;
    for (size_t i = 0; i < n; i++)
        if (is_digit(s[i]))
            return false;
    return !word_in(s, (size_t)(sp - s), prose_heads,
                    sizeof prose_heads / sizeof prose_heads[0]) &&
           !word_in(s, (size_t)(sp - s), title_words,
                    sizeof title_words / sizeof title_words[0]);
}

/* Whether some "Name:" label is surely a speaker, or two different full
 * names each open a sentence (a short exchange where nobody speaks twice,
 * as podfmt's own SRT names a speaker only where the speaker changes). */
static bool any_strong_colon(const subread *sr, const podfmt_config *cfg)
{
    size_t names = 0;
    for (size_t i = 0; i < sr->n_cands; i++) {
        const sr_cand *c = &sr->cands[i];
        if (c->colon == 0)
            continue;
        if (c->upper || c->colon >= 2 ||
            (cfg && podfmt_config_find(cfg, sr->names.data + c->koff, c->klen)))
            return true;
        names += c->sentence && !c->caps &&
                 full_name(sr->names.data + c->koff, c->klen);
    }
    return names >= 2;
}

/* Whether a label behaves like a speaker's: the configuration names it;
 * or as "NAME:" it is in capitals before words that are not, or recurs,
 * or is a capitalised name before a sentence in a file whose other labels
 * are speakers; or as "[Name]" / "(Name)" it recurs or is a "Name:"
 * speaker too.  Sound tags and prose heads never get here. */
static bool label_is_speaker(subread *sr, int slot, bool bracket,
                             const podfmt_config *cfg, bool strong)
{
    sr_cand *c = &sr->cands[slot];
    if (cfg && podfmt_config_find(cfg, sr->names.data + c->koff, c->klen))
        return true;
    bool colon_ok = c->colon > 0 &&
                    (c->upper || c->colon >= 2 ||
                     (strong && !c->caps && c->sentence));
    if (!bracket)
        return colon_ok;
    return colon_ok || c->bracket >= 2;
}

/* ------------------------------------------------------------------ */
/* CommonMark                                                          */

/* The bytes put_escaped may have to escape. */
#define MD_SPECIAL "*_\\`<]&"

/* Writes s[0..n) escaped; `after` is the character that follows it (0
 * when unknown). */
static void put_escaped(podfmt_buf *out, const char *s, size_t n, char after,
                        bool raw_delims, bool *delims)
{
    for (size_t i = 0; i < n; i++) {
        /* a run of bytes that need no escape, at once */
        size_t j = i + span_without(s + i, n - i, MD_SPECIAL, 7);
        if (j > i) {
            podfmt_buf_put(out, s + i, j - i);
            if (j == n)
                break;
            i = j;
        }
        char c = s[i];
        switch (c) {
        case '*':
        case '_':
            if (raw_delims) {
                *delims = true;
                break;
            }
            /* fall through */
        case '\\':
        case '`':
        case '<':
            podfmt_buf_putc(out, '\\');
            break;
        case ']':
            /* brackets are text unless "](" makes a link: segment text
             * has no link reference definitions ("[laughs]" stays) */
            if ((i + 1 < n ? s[i + 1] : after) == '(')
                podfmt_buf_putc(out, '\\');
            break;
        case '&':
            /* only where it could start an entity reference ("R&D") */
            {
                char nx = i + 1 < n ? s[i + 1] : after;
                if (nx == 0 || nx == '#' || (nx >= 'a' && nx <= 'z') ||
                    (nx >= 'A' && nx <= 'Z') || is_digit(nx))
                    podfmt_buf_putc(out, '\\');
            }
            break;
        default:
            break;
        }
        podfmt_buf_putc(out, c);
    }
}

/* Re-reads md with cmark and writes what cmark saw: text escaped, emphasis
 * as `*` and strong emphasis as `**`; returns how many emphasis nodes
 * there were, or -1 out of memory. */
static int md_normalise(const char *md, size_t n, podfmt_buf *out)
{
    cmark_node *doc = inline_parse(md, n);
    if (!doc)
        return -1;
    int count = 0;
    bool unused = false;
    /* one text node per run of text, so that escaping sees what follows
     * (at a node's end comes a marker or the end: nothing to join with) */
    cmark_consolidate_text_nodes(doc);
    cmark_iter *it = cmark_iter_new(doc);
    cmark_event_type ev;
    while ((ev = cmark_iter_next(it)) != CMARK_EVENT_DONE) {
        cmark_node *node = cmark_iter_get_node(it);
        switch (cmark_node_get_type(node)) {
        case CMARK_NODE_TEXT:
        case CMARK_NODE_CODE:
        case CMARK_NODE_HTML_INLINE: {
            const char *lit = cmark_node_get_literal(node);
            if (lit)
                put_escaped(out, lit, strlen(lit), ' ', false, &unused);
            break;
        }
        case CMARK_NODE_EMPH:
            podfmt_buf_putc(out, '*');
            count += ev == CMARK_EVENT_ENTER;
            break;
        case CMARK_NODE_STRONG:
            podfmt_buf_puts(out, "**");
            count += ev == CMARK_EVENT_ENTER;
            break;
        case CMARK_NODE_SOFTBREAK:
        case CMARK_NODE_LINEBREAK:
            podfmt_buf_putc(out, ' ');
            break;
        default:
            break;
        }
    }
    cmark_iter_free(it);
    cmark_node_free(doc);
    return out->failed ? -1 : count;
}

static void sw_close_to(seg_writer *w, unsigned want)
{
    int keep = 0;
    while (keep < w->depth && (want & w->stack[keep]))
        keep++;
    while (w->depth > keep) {
        unsigned b = w->stack[--w->depth];
        podfmt_buf_puts(w->out, b == SR_B ? "**" : "*");
    }
}

static void sw_chars(seg_writer *w, const char *t, const unsigned char *a,
                     size_t n)
{
    size_t i = 0;
    while (i < n) {
        if (is_ws(t[i])) {
            w->pending_space = true;
            i++;
            continue;
        }
        unsigned want = w->use_attrs ? a[i] & (SR_I | SR_B) : 0;
        sw_close_to(w, want);
        if (w->pending_space && w->out->len > 0)
            podfmt_buf_putc(w->out, ' ');
        w->pending_space = false;
        if (!w->use_attrs) { /* nothing opens */
            /* words with one space between them come out as they are:
             * escaped at once (each word's next character is the same) */
            size_t j = i + 1 + span_single_spaced(t + i + 1, n - i - 1,
                                                  "\t", 1);
            put_escaped(w->out, t + i, j - i, j < n ? t[j] : 0,
                        w->raw_delims, &w->delims);
            i = j;
            continue;
        }
        unsigned have = 0;
        for (int k = 0; k < w->depth; k++)
            have |= w->stack[k];
        if ((want & SR_B) && !(have & SR_B)) {
            podfmt_buf_puts(w->out, "**");
            w->stack[w->depth++] = SR_B;
            w->pairs++;
        }
        if ((want & SR_I) && !(have & SR_I)) {
            podfmt_buf_putc(w->out, '*');
            w->stack[w->depth++] = SR_I;
            w->pairs++;
        }
        /* a run of characters with the same formatting */
        size_t j = i + 1;
        while (j < n && !is_ws(t[j]) && (a[j] & (SR_I | SR_B)) == want)
            j++;
        put_escaped(w->out, t + i, j - i, j < n ? t[j] : 0, w->raw_delims,
                    &w->delims);
        i = j;
    }
}

/* ------------------------------------------------------------------ */
/* Rolling captions                                                    */

/* Whether two text ranges read the same with white space folded. */
static bool same_text(const char *a, size_t an, const char *b, size_t bn)
{
    trim(&a, &an);
    trim(&b, &bn);
    size_t i = 0, j = 0;
    while (i < an && j < bn) {
        if (is_ws(a[i]) && is_ws(b[j])) {
            while (i < an && is_ws(a[i]))
                i++;
            while (j < bn && is_ws(b[j]))
                j++;
            continue;
        }
        if (a[i] != b[j])
            return false;
        i++;
        j++;
    }
    return i == an && j == bn;
}

/* Whether two lines are said by the same voice, or neither has one:
 * "<v Ana>Yes." then "<v Ben>Yes." is an answer, not a roll. */
static bool same_voice(const subread *sr, const sr_tline *x, const sr_tline *y)
{
    const sr_part *a = x->n_parts ? &sr->parts[x->first_part] : NULL;
    const sr_part *b = y->n_parts ? &sr->parts[y->first_part] : NULL;
    bool av = a && a->has_voice, bv = b && b->has_voice;
    if (av != bv)
        return false;
    return !av || (a->vlen == b->vlen &&
                   memcmp(sr->voices.data + a->voff, sr->voices.data + b->voff,
                          a->vlen) == 0);
}

/* How many lines (up to three) cue repeats from the end of prev, the
 * cue with text before it: 0 for none. */
static size_t cue_repeat(const subread *sr, const sr_cue *prev,
                         const sr_cue *cue)
{
    const char *t = sr->text.data;
    size_t max = cue->n_lines < prev->n_lines ? cue->n_lines : prev->n_lines;
    if (max > 3)
        max = 3;
    for (size_t k = max; k > 0; k--) {
        bool same = true;
        for (size_t j = 0; j < k && same; j++) {
            const sr_tline *x = &sr->lines[cue->first_line + j];
            const sr_tline *y = &sr->lines[prev->first_line + prev->n_lines - k + j];
            same = same_text(t + x->off, x->len, t + y->off, y->len) &&
                   same_voice(sr, x, y);
        }
        if (same)
            return k;
    }
    return 0;
}

/* YouTube's automatic captions roll: each cue repeats the line the
 * previous cue ended with, then adds one.  When a file does that
 * throughout (at least two cues, a third of them), the repeated lines are
 * dropped and each cue keeps only its new words; a cue with nothing new
 * (YouTube's 10 ms "settle" cues) keeps nothing.  Elsewhere a repeated
 * line is a line said twice and stays. */
static bool rolls(size_t count, size_t with_text)
{
    return count >= 2 && count * 3 >= with_text;
}

static void drop_lines(subread *sr, const sr_cue *cue, size_t k)
{
    for (size_t j = 0; j < k; j++) {
        const sr_tline *l = &sr->lines[cue->first_line + j];
        for (size_t i = 0; i < l->n_parts; i++)
            sr->parts[l->first_part + i].dropped = 1;
    }
}

static void drop_rolling_repeats(subread *sr)
{
    size_t *repeat = calloc(sr->n_cues ? sr->n_cues : 1, sizeof *repeat);
    if (!repeat) {
        sr->oom = 1;
        return;
    }
    size_t count = 0, with_text = 0;
    const sr_cue *prev = NULL;
    for (size_t c = 0; c < sr->n_cues; c++) {
        const sr_cue *cue = &sr->cues[c];
        if (cue->n_lines == 0)
            continue;
        with_text++;
        if (prev && (repeat[c] = cue_repeat(sr, prev, cue)) > 0)
            count++;
        prev = cue;
    }
    if (rolls(count, with_text))
        for (size_t c = 0; c < sr->n_cues; c++)
            drop_lines(sr, &sr->cues[c], repeat[c]);
    free(repeat);
}

/* ------------------------------------------------------------------ */
/* Into the model                                                      */

/* Writes parts[first .. first+count) (those not dropped) as text. */
static int render_parts(subread *sr, size_t first, size_t count, bool attrs,
                        podfmt_buf *out, seg_writer *w)
{
    bool any_attr = false;
    for (size_t k = first; k < first + count && sr->has_attr; k++) {
        const sr_part *p = &sr->parts[k];
        if (p->dropped)
            continue;
        for (size_t i = 0; i < p->len && !any_attr; i++)
            any_attr = sr->attr.data[p->off + i] & (SR_I | SR_B);
    }
    memset(w, 0, sizeof *w);
    w->out = out;
    w->use_attrs = attrs && any_attr;
    /* Markdown typed into the cue ("**bold**") stays Markdown, unless the
     * cue's own tags format it, where a `*` is a character */
    w->raw_delims = !any_attr;
    for (size_t k = first; k < first + count; k++) {
        const sr_part *p = &sr->parts[k];
        if (p->dropped)
            continue;
        size_t skip = p->lab_len && p->lab_slot == -2 ? p->lab_skip : 0;
        w->pending_space = true;
        sw_chars(w, sr->text.data + p->off + skip,
                 sr->has_attr ? (const unsigned char *)sr->attr.data + p->off + skip
                              : NULL,
                 p->len - skip);
    }
    sw_close_to(w, 0);
    return out->failed ? -1 : 0;
}

static int flush_segment(subread *sr, emitter *e, const sr_cue *cue)
{
    if (!e->open)
        return 0;
    e->open = false;
    podfmt_doc *doc = e->doc;
    e->seg.len = 0;
    if (render_parts(sr, e->seg_first, e->seg_count, true, &e->seg, &e->w) != 0)
        return -1;
    const char *text = e->seg.data;
    size_t len = e->seg.len;
    if (e->w.pairs > 0 || e->w.delims) {
        e->md.len = 0;
        int found = md_normalise(e->seg.data, e->seg.len, &e->md);
        if (found < 0)
            return -1;
        if (found < e->w.pairs) {
            /* a tag cmark cannot show as emphasis ("a<i>.</i>b"): the
             * words matter more than the slant */
            e->seg.len = 0;
            if (render_parts(sr, e->seg_first, e->seg_count, false, &e->seg,
                             &e->w) != 0)
                return -1;
            if (e->w.delims) {
                e->md.len = 0;
                if (md_normalise(e->seg.data, e->seg.len, &e->md) < 0)
                    return -1;
                text = e->md.data;
                len = e->md.len;
            } else {
                text = e->seg.data;
                len = e->seg.len;
            }
        } else {
            text = e->md.data;
            len = e->md.len;
        }
    }
    if (len == 0)
        return 0;
    int spk = e->speaker;
    if (spk >= 0 && !e->new_turn)
        return podfmt_doc_add_turn_text(doc, spk, text, len, cue->start, cue->end);
    const podfmt_block *last = doc->n_blocks ? &doc->blocks[doc->n_blocks - 1] : NULL;
    if (e->new_turn || !last || last->kind != PODFMT_BLOCK_TURN ||
        last->speaker != spk) {
        if (podfmt_doc_add_block(doc, PODFMT_BLOCK_TURN, spk) < 0)
            return -1;
    }
    return podfmt_doc_add_segment(doc, text, len, cue->start, cue->end);
}

/* qsort has no context argument: the cues being sorted.  Readers run
 * one at a time per document, and this is set right before the sort. */
static _Thread_local const sr_cue *sr_sort_cues;

static int by_start(const void *a, const void *b)
{
    size_t i = *(const size_t *)a, j = *(const size_t *)b;
    int64_t si = sr_sort_cues[i].start, sj = sr_sort_cues[j].start;
    if (si != sj)
        return si < sj ? -1 : 1;
    return i < j ? -1 : i > j; /* stable: the file's order */
}

/* Puts one cue into the model: its parts, each given its speaker, into
 * segments.  0, or -1 out of memory or with too many speakers (fail_at
 * is then the cue). */
static int emit_cue(subread *sr, const sr_cue *cue)
{
    emitter *e = &sr->e;
    podfmt_doc *doc = e->doc;
    for (size_t li = 0; li < cue->n_lines; li++) {
        const sr_tline *l = &sr->lines[cue->first_line + li];
        for (size_t k = l->first_part; k < l->first_part + l->n_parts; k++) {
            sr_part *p = &sr->parts[k];
            if (p->dropped)
                continue;
            int spk = e->cur;
            bool labelled = false;
            const char *lab = sr->text.data + p->off + p->lab_at;
            /* with a voice span the voice says who speaks, and a label
             * repeating it is dropped */
            if (p->lab_len &&
                (p->has_voice
                     ? p->vlen == p->lab_len &&
                           memcmp(sr->voices.data + p->voff, lab, p->vlen) == 0
                     : label_is_speaker(sr, p->lab_slot, p->lab_bracket,
                                        sr->cfg, sr->strong))) {
                spk = podfmt_doc_speaker(doc, lab, p->lab_len);
                if (spk < 0)
                    goto fail;
                p->lab_slot = -2; /* its text starts after the label */
                labelled = true;
            }
            if (!labelled && p->has_voice) {
                spk = podfmt_doc_speaker(doc, sr->voices.data + p->voff, p->vlen);
                if (spk < 0)
                    goto fail;
                labelled = true;
            }
            if (!labelled && p->dash)
                spk = -1;
            /* a dash or a new speaker starts a segment of its own */
            if (e->open && (p->dash || spk != e->speaker))
                if (flush_segment(sr, e, cue) != 0)
                    goto fail;
            if (!e->open) {
                e->open = true;
                e->speaker = spk;
                e->new_turn = p->dash && spk < 0;
                e->seg_first = k;
            }
            e->seg_count = k + 1 - e->seg_first;
            e->cur = spk;
        }
    }
    if (flush_segment(sr, e, cue) == 0)
        return 0;
fail:
    sr->fail_at = cue->at;
    sr->emit_failed = true;
    return -1;
}

static void warn_reversed(subread *sr)
{
    if (sr->reversed) {
        char msg[120];
        snprintf(msg, sizeof msg,
                 "cue %zu ends before it starts: read as a cue of no length",
                 sr->reversed);
        doc_set_warning(sr->e.doc, 0, 0, msg);
    }
}

/* Decides the speakers of the cues kept whole, and fills the model. */
static int sr_finish(subread *sr)
{
    podfmt_doc *doc = sr->e.doc;
    drop_rolling_repeats(sr);
    if (sr->oom)
        return -1;
    sr->strong = any_strong_colon(sr, sr->cfg);
    /* Cues out of time order are read in time order, as players show
     * them (a repair, with a warning); ties keep the file's order. */
    size_t *order = NULL, back = 0;
    for (size_t c = 1; c < sr->n_cues && !back; c++)
        if (sr->cues[c].start < sr->cues[c - 1].start)
            back = c + 1;
    if (back) {
        order = malloc(sr->n_cues * sizeof *order);
        if (!order)
            return -1;
        for (size_t c = 0; c < sr->n_cues; c++)
            order[c] = c;
        sr_sort_cues = sr->cues;
        qsort(order, sr->n_cues, sizeof *order, by_start);
        char msg[120];
        snprintf(msg, sizeof msg,
                 "cue %zu starts before the cue above it: cues were put in "
                 "time order", back);
        doc_set_warning(doc, 0, 0, msg);
    }
    warn_reversed(sr);
    int rc = 0;
    for (size_t ci = 0; ci < sr->n_cues && rc == 0; ci++)
        rc = emit_cue(sr, &sr->cues[order ? order[ci] : ci]);
    free(order);
    return rc;
}

/* Keeps only cue k of the window (SIZE_MAX: none), at the front of
 * every array. */
static void sr_keep(subread *sr, size_t k)
{
    if (k == SIZE_MAX || sr->cues[k].n_lines == 0) {
        sr->n_cues = sr->n_lines = sr->n_parts = 0;
        sr->text.len = sr->attr.len = sr->voices.len = 0;
        return;
    }
    if (k == 0) {
        /* the cue before stays where it is: what came after it is a cue
         * without text, which left nothing else (a long cue followed by
         * many empty ones is not moved again and again) */
        sr->n_cues = 1;
        return;
    }
    sr_cue cue = sr->cues[k];
    size_t l0 = cue.first_line, p0 = sr->lines[l0].first_part;
    size_t t0 = sr->lines[l0].off, v0 = cue.voices;
    if (t0) {
        memmove(sr->text.data, sr->text.data + t0, sr->text.len - t0);
        sr->text.len -= t0;
    }
    if (t0 && sr->has_attr) {
        memmove(sr->attr.data, sr->attr.data + t0, sr->attr.len - t0);
        sr->attr.len -= t0;
    }
    if (v0) {
        memmove(sr->voices.data, sr->voices.data + v0, sr->voices.len - v0);
        sr->voices.len -= v0;
    }
    sr->n_lines -= l0;
    memmove(sr->lines, sr->lines + l0, sr->n_lines * sizeof *sr->lines);
    for (size_t i = 0; i < sr->n_lines; i++) {
        sr->lines[i].off -= t0;
        sr->lines[i].first_part -= p0;
    }
    sr->n_parts -= p0;
    memmove(sr->parts, sr->parts + p0, sr->n_parts * sizeof *sr->parts);
    for (size_t i = 0; i < sr->n_parts; i++) {
        sr->parts[i].off -= t0;
        sr->parts[i].voff = sr->parts[i].has_voice ? sr->parts[i].voff - v0 : 0;
    }
    cue.first_line = 0;
    cue.voices = 0;
    sr->cues[0] = cue;
    sr->n_cues = 1;
}

/* Where the input has been given back to, with its line and column, so
 * that an error after it can still say where it is. */
static void sr_advance(subread *sr, const char *to)
{
    int line, column;
    size_t n = (size_t)(to - sr->pos);
    if (!memchr(sr->pos, '\r', n)) { /* LF only: memchr finds the lines */
        const char *p = sr->pos, *q;
        while ((q = memchr(p, '\n', (size_t)(to - p))) != NULL) {
            sr->line++;
            sr->column = 1;
            p = q + 1;
        }
        for (; p < to; p++)
            sr->column += ((unsigned char)*p & 0xC0) != 0x80;
        sr->pos = to;
        return;
    }
    position_of(sr->pos, n, n, &line, &column);
    if (line > 1) {
        sr->line += line - 1;
        sr->column = column;
    } else {
        sr->column += column - 1;
    }
    sr->pos = to;
}

/* SR_COUNT and SR_EMIT: the cue just added, the last in the window. */
static int sr_window(subread *sr)
{
    size_t c = sr->n_cues - 1;
    const sr_cue *cue = &sr->cues[c];
    if (sr->seen > 1 && cue->start < sr->last_start && !sr->back)
        sr->back = sr->seen;
    sr->last_start = cue->start;
    if (cue->n_lines > 0) {
        sr->with_text++;
        size_t k = sr->have_prev ? cue_repeat(sr, &sr->cues[0], cue) : 0;
        sr->rolls += k > 0;
        if (sr->rolling)
            drop_lines(sr, cue, k);
    }
    if (sr->phase == SR_EMIT) {
        if (emit_cue(sr, cue) != 0)
            return -1;
        /* the reader is past the cue: the input before it goes back */
        if (cue->at && cue->at - sr->pos >= ((ptrdiff_t)1 << 20)) {
            sr_advance(sr, cue->at);
            doc_input_release(sr->e.doc, cue->at);
        }
    }
    if (cue->n_lines > 0) {
        sr_keep(sr, c);
        sr->have_prev = true;
    } else {
        sr_keep(sr, sr->have_prev ? 0 : SIZE_MAX);
    }
    return 0;
}

size_t sr_window_from = (size_t)1 << 20;

/* After the first pass: whether no part of the file will make a speaker
 * (no voice, and no label a speaker's; a bracket label is one in more
 * cases than a colon label).  The speakers, none, are final then, and
 * the stream may open before the second pass (doc_stream_open). */
static bool no_speakers(subread *sr)
{
    if (sr->any_voice)
        return false;
    for (size_t i = 0; i < sr->n_cands; i++)
        if (label_is_speaker(sr, (int)i, true, sr->cfg, sr->strong))
            return false;
    return true;
}

podfmt_status sr_read(sr_kind kind, sr_pass_fn pass, podfmt_doc *doc,
                      const char *data, size_t len, const podfmt_options *opts,
                      podfmt_error *err)
{
    subread *sr = sr_new(kind);
    if (!sr) {
        error_set(err, 0, 0, "out of memory");
        return PODFMT_EIO;
    }
    sr->e.doc = doc;
    sr->cfg = opts ? opts->config : NULL;
    sr->pos = data;
    sr->line = sr->column = 1;
    sr->phase = len >= sr_window_from ? SR_COUNT : SR_WHOLE;
    podfmt_status st = pass(sr, data, len, err);
    if (st == PODFMT_OK && sr->phase == SR_COUNT) {
        /* the second pass: each cue into the model, or all kept to be
         * sorted */
        sr_keep(sr, SIZE_MAX);
        sr->seen = 0;
        sr->have_prev = false;
        if (sr->back) {
            sr->phase = SR_SORTED;
        } else {
            sr->phase = SR_EMIT;
            sr->rolling = rolls(sr->rolls, sr->with_text);
            sr->strong = any_strong_colon(sr, sr->cfg);
            warn_reversed(sr);
            if (doc_stream_wanted(doc) && no_speakers(sr) &&
                doc_stream_open(doc) != 0) {
                error_set(err, 0, 0, "out of memory");
                sr_free(sr);
                return PODFMT_EIO;
            }
        }
        st = pass(sr, data, len, err);
    }
    if (st == PODFMT_OK && sr->phase != SR_EMIT && sr_finish(sr) != 0) {
        error_set(err, 0, 0, "out of memory");
        st = PODFMT_EIO;
    }
    if (st == PODFMT_EIO && sr->emit_failed &&
        doc->n_speakers >= PODFMT_MAX_SPEAKERS) {
        const char *at = sr->fail_at;
        if (at && at >= data && at <= data + len) {
            if (sr->phase == SR_EMIT) { /* the input before may be gone */
                sr_advance(sr, at);
                error_set(err, sr->line, sr->column, "more than %d speakers "
                          "(PODFMT_MAX_SPEAKERS)", PODFMT_MAX_SPEAKERS);
            } else {
                error_at(err, data, len, (size_t)(at - data),
                         "more than %d speakers (PODFMT_MAX_SPEAKERS)",
                         PODFMT_MAX_SPEAKERS);
            }
        } else {
            error_set(err, 0, 0, "more than %d speakers (PODFMT_MAX_SPEAKERS)",
                      PODFMT_MAX_SPEAKERS);
        }
        st = PODFMT_EINPUT;
    }
    sr_free(sr);
    return st;
}
