/* The plain-text reader: every convention a person pastes or exports as
 * text — interview posts ("Name: text"), Otter and Rev exports, bracketed
 * times, ">>" captions, thread unrolls, dumps of posts.
 *
 * It reads the way a person would, in three passes over the lines:
 *   1. classify every line (label.c) and count how often each label
 *      occurs, since a label is a speaker only when it behaves like one:
 *      it recurs, the configuration names it, or a time stamps it;
 *   2. find the document's regions: the front (title, subtitle, notes)
 *      before the first turn, the body, and the tail after the last turn
 *      that begins with the publication's furniture (notes again);
 *   3. build the document: turns, headings (short title-like lines right
 *      before a turn), notes, and paragraphs (a line is a paragraph; a
 *      line that visibly continues the previous one is joined to it).
 * Every pass is linear in the input. */
#include "label.h"
#include "parabuild.h"

#include <stdlib.h>
#include <string.h>
#include <strings.h>

typedef enum {
    R_BLANK = 0,
    R_TEXT,
    R_LABEL,       /* an accepted speaker label, maybe with text */
    R_NAME_ALONE,  /* a speaker's name alone on its line */
    R_CONTINUE,    /* Rev's "(00:02:10):" */
    R_CHANGE,      /* ">>" */
    R_TIME,        /* "[00:12] text" */
    R_DROP         /* furniture that is not text ("Transcribed by otter") */
} role;

typedef struct tline {
    const char *s; /* trimmed */
    size_t n;
    unsigned char role;
    unsigned char mark; /* bytes of a list marker ("1. ", "- ") to drop */
    /* what line_classify said in pass 1, kept so that later passes need
     * not classify again (it fits in the padding) */
    unsigned char kind;      /* line_kind */
    unsigned char flags;     /* TL_* */
    unsigned char label_len; /* LINE_LABEL: li.label_len */
    unsigned short label_off; /* LINE_LABEL: li.label - s */
    int item;           /* a list item: PODFMT_ITEM_BULLET or its number */
    unsigned short text_off; /* TL_TEXT: li.text - s (li.text_len is the rest) */
} tline;

/* TL_TEXT: a label line without a time whose text is cached too, so that
 * building the body need not classify it again. */
enum { TL_CACHED = 1, TL_STRONG = 2, TL_COLON = 4, TL_TEXT = 8 };

/* Keeps the parts of li that the later passes need. */
static void tline_keep(tline *t, const line_info *li)
{
    t->kind = (unsigned char)li->kind;
    t->flags = 0;
    if (li->kind == LINE_LABEL) {
        size_t off = (size_t)(li->label - t->s);
        if (off > 0xFFFF || li->label_len > 0xFF)
            return; /* not cached: classified again when needed */
        t->label_off = (unsigned short)off;
        t->label_len = (unsigned char)li->label_len;
    }
    t->flags = TL_CACHED | (li->strong ? TL_STRONG : 0) |
               (li->colon ? TL_COLON : 0);
    if (li->kind == LINE_LABEL && li->time == PODFMT_NO_TIME) {
        size_t off = (size_t)(li->text - t->s);
        if (off <= 0xFFFF && off + li->text_len == t->n) {
            t->text_off = (unsigned short)off;
            t->flags |= TL_TEXT;
        }
    }
}

/* What line_classify says of a label line: from the cache when it can. */
static void tline_label(const tline *t, line_info *li)
{
    if (!(t->flags & TL_TEXT)) {
        line_classify(t->s, t->n, li);
        return;
    }
    memset(li, 0, sizeof *li);
    li->kind = LINE_LABEL;
    li->time = PODFMT_NO_TIME;
    li->label = t->s + t->label_off;
    li->label_len = t->label_len;
    li->text = t->s + t->text_off;
    li->text_len = t->n - t->text_off;
    li->strong = (t->flags & TL_STRONG) != 0;
    li->colon = (t->flags & TL_COLON) != 0;
    li->alone = li->text_len == 0;
}

typedef struct reader {
    podfmt_doc *doc;
    const podfmt_options *opts;
    tline *lines;
    size_t n_lines;
    size_t released; /* lines before it went back (release_lines) */
    strmap label_count; /* label -> lines it opens */
    strmap alone_count; /* name alone on a line -> how often */
    parabuild pb;  /* the open block and the paragraph being gathered */
    bool oom;
    bool too_many; /* past PODFMT_MAX_SPEAKERS */
    bool any_time; /* some line gives a time (every time comes from
                    * line_classify on a line of the table) */
} reader;

/* ---- small helpers ------------------------------------------------------ */

static int month_of(const char *s, size_t n)
{
    static const char *const months[] = {"jan", "feb", "mar", "apr",
                                         "may", "jun", "jul", "aug",
                                         "sep", "oct", "nov", "dec"};
    if (n < 3)
        return 0;
    for (int i = 0; i < 12; i++)
        if (strncasecmp(s, months[i], 3) == 0)
            return i + 1;
    return 0;
}

/* "Sep 29, 2022", "September 29, 2022", "29 September 2022", "2022-09-29"
 * at the start of s; writes ISO 8601 to iso[11].  Returns bytes used. */
static size_t parse_date(const char *s, size_t n, char iso[11])
{
    size_t i = 0;
    int y = 0, m = 0, d = 0;
    if (n >= 10 && s[4] == '-' && s[7] == '-') {
        for (int k = 0; k < 10; k++)
            if (k != 4 && k != 7 && (s[k] < '0' || s[k] > '9'))
                return 0;
        y = atoi(s);
        m = atoi(s + 5);
        d = atoi(s + 8);
        i = 10;
    } else if ((m = month_of(s, n)) != 0) {
        while (i < n && ((s[i] | 32) >= 'a' && (s[i] | 32) <= 'z'))
            i++;
        if (i < n && s[i] == '.')
            i++;
        if (i >= n || s[i] != ' ')
            return 0;
        i++;
        while (i < n && s[i] >= '0' && s[i] <= '9' && d < 100)
            d = d * 10 + (s[i++] - '0');
        if (i + 1 < n && s[i] == ',')
            i++;
        if (i >= n || s[i] != ' ')
            return 0;
        i++;
        size_t ys = i;
        while (i < n && s[i] >= '0' && s[i] <= '9' && i - ys < 4)
            y = y * 10 + (s[i++] - '0');
        if (i - ys != 4)
            return 0;
    } else {
        return 0;
    }
    if (y < 1900 || m < 1 || m > 12 || d < 1 || d > 31)
        return 0;
    if (i < n && s[i] >= '0' && s[i] <= '9')
        return 0;
    iso[0] = (char)('0' + y / 1000);
    iso[1] = (char)('0' + y / 100 % 10);
    iso[2] = (char)('0' + y / 10 % 10);
    iso[3] = (char)('0' + y % 10);
    iso[4] = '-';
    iso[5] = (char)('0' + m / 10);
    iso[6] = (char)('0' + m % 10);
    iso[7] = '-';
    iso[8] = (char)('0' + d / 10);
    iso[9] = (char)('0' + d % 10);
    iso[10] = '\0';
    return i;
}

/* ---- building ------------------------------------------------------------ */

static void flush_para(reader *r) { pb_flush(&r->pb); }

static void open_block(reader *r, podfmt_block_kind kind, int speaker)
{
    pb_open_block(&r->pb, kind, speaker);
}

/* Adds a line of text: a new paragraph, or the continuation of the open
 * one when the line visibly goes on with it (no closing punctuation
 * before, a lowercase letter after). */
static void add_text(reader *r, const char *s, size_t n, int64_t time,
                     bool may_join)
{
    pb_add(&r->pb, s, n, time, may_join ? PB_IF_GOES_ON : PB_NEW);
}

/* A line of text that is no label: a list item is a paragraph of its
 * own, without its marker. */
static void add_line(reader *r, const tline *t)
{
    if (t->item == 0) {
        add_text(r, t->s, t->n, PODFMT_NO_TIME, true);
        return;
    }
    flush_para(r);
    add_text(r, t->s + t->mark, t->n - t->mark, PODFMT_NO_TIME, false);
    r->pb.item = t->item;
}

static void add_single(reader *r, podfmt_block_kind kind, const char *s,
                       size_t n)
{
    open_block(r, kind, -1);
    add_text(r, s, n, PODFMT_NO_TIME, false);
    flush_para(r);
    r->pb.block = -1;
}

static int speaker_for(reader *r, const char *label, size_t n)
{
    int sp = podfmt_doc_speaker(r->doc, label, n);
    if (sp == -2)
        r->too_many = true;
    else if (sp < 0)
        r->oom = true;
    return sp < 0 ? -1 : sp;
}

static void start_turn(reader *r, int speaker, bool force)
{
    if (force || r->pb.block < 0 || speaker < 0 || r->pb.speaker != speaker ||
        r->pb.kind != PODFMT_BLOCK_TURN)
        open_block(r, PODFMT_BLOCK_TURN, speaker);
    else
        flush_para(r);
}

/* ---- pass 1: classify and count ------------------------------------------ */

static size_t next_nonblank(const reader *r, size_t i)
{
    while (i < r->n_lines && r->lines[i].n == 0)
        i++;
    return i;
}

/* A label without its parenthesised ending: who speaks, for counting. */
static size_t bare_len(const char *s, size_t n)
{
    bool dir;
    return label_bare(s, n, &dir);
}

static void count_labels(reader *r)
{
    line_info li;
    for (size_t i = 0; i < r->n_lines && !r->oom; i++) {
        tline *t = &r->lines[i];
        if (t->n == 0)
            continue;
        line_classify(t->s, t->n, &li);
        tline_keep(t, &li);
        r->any_time |= li.time != PODFMT_NO_TIME;
        if (li.kind == LINE_LABEL) {
            /* "Ana Ruiz (host):" and "Ana Ruiz:" count together */
            size_t b = bare_len(li.label, li.label_len);
            if (strmap_add(&r->label_count, li.label, b, 1) < 0)
                r->oom = true;
        } else if (li.kind == LINE_TEXT && i + 1 < r->n_lines &&
                   r->lines[i + 1].n > 0 && label_is_namelike(t->s, t->n)) {
            if (strmap_add(&r->alone_count, t->s, t->n, 1) < 0)
                r->oom = true;
        }
    }
}

static bool config_names(const reader *r, const char *l, size_t n)
{
    return r->opts->config && podfmt_config_find(r->opts->config, l, n);
}

/* Decides each line's role now that the counts are known. */
static void assign_roles(reader *r)
{
    line_info li;
    for (size_t i = 0; i < r->n_lines; i++) {
        tline *t = &r->lines[i];
        if (t->n == 0) {
            t->role = R_BLANK;
            continue;
        }
        if (line_is_otter_credit(t->s, t->n)) {
            t->role = R_DROP;
            continue;
        }
        if (t->flags & TL_CACHED) {
            li.kind = (line_kind)t->kind;
            li.label = t->s + t->label_off;
            li.label_len = t->label_len;
            li.strong = (t->flags & TL_STRONG) != 0;
        } else {
            line_classify(t->s, t->n, &li);
        }
        switch (li.kind) {
        case LINE_LABEL:
            t->role = (li.strong || config_names(r, li.label, li.label_len) ||
                       strmap_get(&r->label_count, li.label,
                                  bare_len(li.label, li.label_len)) >= 2)
                          ? R_LABEL
                          : R_TEXT;
            break;
        case LINE_CONTINUE: t->role = R_CONTINUE; break;
        case LINE_CHANGE: t->role = R_CHANGE; break;
        case LINE_TIME: t->role = R_TIME; break;
        default: {
            int c = strmap_get(&r->alone_count, t->s, t->n);
            bool named = c >= 2 || (c >= 1 && config_names(r, t->s, t->n));
            t->role = named && i + 1 < r->n_lines && r->lines[i + 1].n > 0
                          ? R_NAME_ALONE
                          : R_TEXT;
        }
        }
    }
}

static bool label_colon_line(const char *s, size_t n)
{
    line_info li;
    line_classify(s, n, &li);
    return li.kind == LINE_LABEL && li.colon;
}

static bool all_caps(const char *s, size_t n)
{
    bool letter = false;
    for (size_t i = 0; i < n; i++) {
        if (s[i] >= 'a' && s[i] <= 'z')
            return false;
        letter |= s[i] >= 'A' && s[i] <= 'Z';
    }
    return letter;
}

/* Whether the speaker label on line nb stands alone on its line. */
static bool label_alone(const tline *nb)
{
    line_info li;
    line_classify(nb->s, nb->n, &li);
    return li.kind == LINE_LABEL && li.text_len == 0;
}

/* The number of words of a label when each opens with a capital (or a
 * letter outside ASCII), else 0: "Cara Lin" 2, "Key takeaways" 0. */
static size_t capital_words(const char *s, size_t n)
{
    size_t words = 0;
    for (size_t i = 0; i < n; i++) {
        if (s[i] == ' ' || (i > 0 && s[i - 1] != ' '))
            continue;
        unsigned char c = (unsigned char)s[i];
        if (!((c >= 'A' && c <= 'Z') || c >= 0x80))
            return 0;
        words++;
    }
    return words;
}

/* Whether a label has the shape of the speaker label on line nb: both in
 * capitals, or both one word; with names (a label alone on its line),
 * also both the same number of capitalised words. */
static bool same_shape(const char *l, size_t n, const tline *nb, bool names)
{
    line_info li;
    line_classify(nb->s, nb->n, &li);
    if (li.kind != LINE_LABEL)
        return false;
    if (all_caps(l, n) && all_caps(li.label, li.label_len))
        return true;
    if (!memchr(l, ' ', n) && !memchr(li.label, ' ', li.label_len))
        return true;
    size_t w = capital_words(l, n);
    return names && w > 0 && w == capital_words(li.label, li.label_len);
}

/* A name-like label seen once is a speaker too where speakers change:
 * right before or after a recurring speaker's label, followed by a
 * sentence of its own ("Bo: Yes." between two of Ana's turns) or shaped
 * like that label ("GUEST: thanks" beside "HOST:"); alone on its line
 * ("Cara Lin:"), when the speakers' labels stand alone too, its shape is
 * theirs and words follow it.  A sentence ("Another thing: ...") is not
 * name-like, so it stays text wherever it is. */
static void admit_single_labels(reader *r)
{
    line_info li;
    size_t prev = SIZE_MAX;       /* the last nonblank line */
    size_t last_label = SIZE_MAX; /* the last speaker label */
    for (size_t i = 0; i < r->n_lines; i++) {
        tline *t = &r->lines[i];
        if (t->n == 0)
            continue;
        size_t p = prev;
        prev = i;
        if (t->role == R_LABEL)
            last_label = i;
        if (t->role != R_TEXT)
            continue;
        if ((t->flags & TL_CACHED) &&
            (t->kind != LINE_LABEL || !(t->flags & TL_COLON)))
            continue;
        line_classify(t->s, t->n, &li);
        if (li.kind != LINE_LABEL || !li.colon)
            continue;
        size_t nx = next_nonblank(r, i + 1);
        const tline *nb = p != SIZE_MAX && r->lines[p].role == R_LABEL ? &r->lines[p]
                          : nx < r->n_lines && r->lines[nx].role == R_LABEL
                              ? &r->lines[nx]
                              : NULL;
        if (li.text_len == 0) /* alone on its line: the speaker before */
            nb = last_label != SIZE_MAX ? &r->lines[last_label] : NULL;
        if (!nb)
            continue;
        /* what follows opens a sentence of its own ("Priya: Can I add
         * one?", not "Consider Nazarbayev: he borrowed power."), or the
         * label has its neighbour's shape: in capitals like "HOST:", or
         * one word like "Ana:", or alone on its line, a name like its
         * neighbour's ("Cara Lin:" beside "Ana Ruiz:") */
        if ((li.text_len == 0 || starts_lowercase(li.text, li.text_len)) &&
            !same_shape(li.label, li.label_len, nb, li.text_len == 0))
            continue; /* "Cara Lin:" alone on its line must look like one */
        /* alone on its line, it is laid out as the speakers are (their
         * labels alone too) and words follow it, not a label: else it is
         * a section title ("Rapid Fire:", "Closing Thoughts:") */
        if (li.text_len == 0 &&
            (!label_alone(nb) ||
             (nx < r->n_lines && (r->lines[nx].role == R_LABEL ||
                                  label_colon_line(r->lines[nx].s, r->lines[nx].n)))))
            continue;
        t->role = R_LABEL;
        last_label = i;
    }
}

/* ---- list items ------------------------------------------------------------ */

/* "1. ", "12) ": the number, and the marker's length in *mark; 0 if none. */
static int ordered_marker(const char *s, size_t n, unsigned char *mark)
{
    size_t i = 0;
    int v = 0;
    while (i < n && i < 3 && s[i] >= '0' && s[i] <= '9')
        v = v * 10 + (s[i++] - '0');
    if (i == 0 || i + 2 > n || (s[i] != '.' && s[i] != ')') || s[i + 1] != ' ')
        return 0;
    *mark = (unsigned char)(i + 2);
    return v;
}

/* "- ", "* ", "• ": the marker's first byte (its kind), or 0. */
static char bullet_marker(const char *s, size_t n, unsigned char *mark)
{
    if (n > 2 && (s[0] == '-' || s[0] == '*') && s[1] == ' ') {
        *mark = 2;
        return s[0];
    }
    if (n > 4 && memcmp(s, "\xE2\x80\xA2 ", 4) == 0) {
        *mark = 4;
        return 'o';
    }
    return 0;
}

static bool ends_with(const char *s, size_t n, char c)
{
    return n > 0 && s[n - 1] == c;
}

/* Lists written as lines: two or more numbered lines in order ("1. ",
 * "2. "), two or more lines with the same bullet, or short lines ending in
 * ';' (the last in '.' or ';') after a line ending in ':'.  A single
 * "- text" line is text. */
static void mark_lists(reader *r)
{
    for (size_t i = 0; i < r->n_lines;) {
        tline *t = &r->lines[i];
        unsigned char mark = 0;
        int num = t->role == R_TEXT ? ordered_marker(t->s, t->n, &mark) : 0;
        char bul = t->role == R_TEXT && !num ? bullet_marker(t->s, t->n, &mark) : 0;
        if (!num && !bul) {
            i++;
            continue;
        }
        /* the run: the same kind of marker, numbers one up, blank lines
         * allowed between items */
        size_t j = i, last = i, count = 0;
        int want = num;
        while (j < r->n_lines) {
            tline *u = &r->lines[j];
            if (u->n == 0) {
                j++;
                continue;
            }
            unsigned char m = 0;
            if (u->role != R_TEXT ||
                (num ? ordered_marker(u->s, u->n, &m) != want
                     : bullet_marker(u->s, u->n, &m) != bul))
                break;
            u->mark = m;
            count++;
            last = j;
            want++;
            j++;
        }
        for (size_t k = i; k <= last; k++) {
            tline *u = &r->lines[k];
            if (u->n == 0)
                continue;
            if (count >= 2)
                u->item = num ? ordered_marker(u->s, u->n, &mark)
                              : PODFMT_ITEM_BULLET;
            else
                u->mark = 0;
        }
        i = last + 1;
    }
    /* "what it means for:" then "Prospects of nuclear war;" ... */
    for (size_t i = 1; i < r->n_lines; i++) {
        const tline *intro = &r->lines[i - 1];
        if ((intro->role != R_TEXT && intro->role != R_LABEL) ||
            !ends_with(intro->s, intro->n, ':'))
            continue;
        size_t j = i;
        while (j < r->n_lines && r->lines[j].role == R_TEXT &&
               r->lines[j].item == 0 && r->lines[j].n <= 120 &&
               ends_with(r->lines[j].s, r->lines[j].n, ';'))
            j++;
        if (j - i < 1 || j >= r->n_lines || r->lines[j].role != R_TEXT ||
            r->lines[j].item != 0 || r->lines[j].n > 120 ||
            !(ends_with(r->lines[j].s, r->lines[j].n, '.') ||
              ends_with(r->lines[j].s, r->lines[j].n, ';')))
            continue;
        for (size_t k = i; k <= j; k++)
            r->lines[k].item = PODFMT_ITEM_BULLET;
        i = j;
    }
}

/* ---- pass 3: build --------------------------------------------------------- */

static bool opens_turn(const tline *t)
{
    return t->role == R_LABEL || t->role == R_NAME_ALONE || t->role == R_CHANGE;
}

/* A short title-like line right before a turn is a section heading. */
static bool is_heading(const reader *r, size_t i)
{
    const tline *t = &r->lines[i];
    if (t->role != R_TEXT || t->item != 0)
        return false;
    if (t->flags & TL_CACHED ? t->kind == LINE_LABEL && (t->flags & TL_COLON)
                             : label_colon_line(t->s, t->n))
        return false; /* "Bob: hi" is someone speaking, not a title */
    size_t nx = next_nonblank(r, i + 1);
    if (nx >= r->n_lines || !opens_turn(&r->lines[nx]))
        return false;
    if (line_is_titlelike(t->s, t->n))
        return true;
    /* a sentence-case heading stands between blank lines */
    bool blank_before = i == 0 || r->lines[i - 1].n == 0;
    return blank_before && nx > i + 1 && t->n <= 80 && !ends_with_punct(t->s, t->n) &&
           !starts_lowercase(t->s, t->n);
}

/* Strips quotes that wrap the whole line: a pull quote as subtitle. */
static void unquote(const char **s, size_t *n)
{
    static const char *const pairs[][2] = {
        {"\"", "\""}, {"\xE2\x80\x9C", "\xE2\x80\x9D"}, {"\xC2\xAB", "\xC2\xBB"}};
    for (size_t k = 0; k < 3; k++) {
        size_t a = strlen(pairs[k][0]), b = strlen(pairs[k][1]);
        if (*n > a + b && memcmp(*s, pairs[k][0], a) == 0 &&
            memcmp(*s + *n - b, pairs[k][1], b) == 0 &&
            !memchr(*s + a, pairs[k][1][0], *n - a - b)) {
            *s += a;
            *n -= a + b;
            return;
        }
    }
}

static bool is_quoted(const char *s, size_t n)
{
    const char *q = s;
    size_t m = n;
    unquote(&q, &m);
    return m != n;
}

/* Otter's export opens with its summary ("SUMMARY KEYWORDS", the
 * keywords, "SPEAKERS", the names): notes, not a title. */
static bool otter_summary(const char *s, size_t n)
{
    trim(&s, &n);
    return (n == 16 && text_has_prefix_ci(s, n, "summary keywords")) ||
           (n == 8 && text_has_prefix_ci(s, n, "keywords"));
}

/* The lines before the first turn: title, subtitle, date, notes and the
 * first section heading. */
static void build_front(reader *r, size_t end)
{
    size_t i = next_nonblank(r, 0);
    if (i < end && r->lines[i].role == R_TEXT && !is_heading(r, i) &&
        !otter_summary(r->lines[i].s, r->lines[i].n) &&
        r->lines[i].n <= 150 && !ends_with_punct(r->lines[i].s, r->lines[i].n)) {
        if (podfmt_doc_set_meta(r->doc, "title", r->lines[i].s, r->lines[i].n))
            r->oom = true;
        size_t j = next_nonblank(r, i + 1);
        if (j < end && r->lines[j].role == R_TEXT && !is_heading(r, j)) {
            const char *s = r->lines[j].s;
            size_t n = r->lines[j].n;
            if (is_quoted(s, n) || (n <= 160 && !ends_with_punct(s, n))) {
                unquote(&s, &n);
                if (podfmt_doc_set_meta(r->doc, "subtitle", s, n))
                    r->oom = true;
                j++;
            } else {
                j = i + 1;
            }
        } else {
            j = i + 1;
        }
        i = j;
    }
    if (i < end && otter_summary(r->lines[i].s, r->lines[i].n)) {
        /* a line each, in one note: no heading, no joined lines */
        open_block(r, PODFMT_BLOCK_NOTE, -1);
        for (; i < end; i++) {
            if (r->lines[i].role == R_TEXT) {
                add_text(r, r->lines[i].s, r->lines[i].n, PODFMT_NO_TIME, false);
                flush_para(r);
            }
        }
        r->pb.block = -1;
        return;
    }
    bool dated = podfmt_doc_meta(r->doc, "date") != NULL;
    for (; i < end; i++) {
        tline *t = &r->lines[i];
        if (t->role == R_BLANK) {
            flush_para(r);
            continue;
        }
        if (t->role == R_DROP)
            continue;
        char iso[11];
        if (!dated && parse_date(t->s, t->n, iso) == t->n) {
            if (podfmt_doc_set_meta(r->doc, "date", iso, 10))
                r->oom = true;
            dated = true;
            continue;
        }
        if (is_heading(r, i)) {
            add_single(r, PODFMT_BLOCK_HEADING, t->s, t->n);
            continue;
        }
        if (r->pb.block < 0 || r->pb.kind != PODFMT_BLOCK_NOTE)
            open_block(r, PODFMT_BLOCK_NOTE, -1);
        add_line(r, t);
    }
    flush_para(r);
    r->pb.block = -1;
}

/* A time alone on its line ("Ana Ruiz  0:03", "(00:02:10):") belongs to
 * the paragraph that follows: an open paragraph with no text yet. */
static void pend_time(reader *r, int64_t time) { pb_pend_time(&r->pb, time); }

/* One line of the body. */
static void build_line(reader *r, size_t i, bool speakers)
{
    tline *t = &r->lines[i];
    line_info li;
    switch ((role)t->role) {
    case R_BLANK:
        flush_para(r);
        if (!speakers && r->pb.block >= 0) /* posts without labels: a blank */
            r->pb.block = -1;               /* line ends one */
        return;
    case R_DROP:
        return;
    case R_LABEL: {
        tline_label(t, &li);
        bool dir;
        size_t b = label_bare(li.label, li.label_len, &dir);
        if (!dir) {
            start_turn(r, speaker_for(r, li.label, li.label_len), false);
            add_text(r, li.text, li.text_len, li.time, false);
        } else {
            /* "Ben (laughing): It did." is Ben saying "(laughing) It did." */
            start_turn(r, speaker_for(r, li.label, b), false);
            podfmt_buf said;
            podfmt_buf_init(&said);
            podfmt_buf_put(&said, li.label + b, li.label_len - b);
            if (li.text_len)
                podfmt_buf_putc(&said, ' ');
            podfmt_buf_put(&said, li.text, li.text_len);
            const char *d = said.data;
            size_t dn = said.len;
            trim(&d, &dn);
            if (said.failed)
                r->oom = true;
            else
                add_text(r, d, dn, li.time, false);
            pb_own(&r->pb); /* said goes now */
            podfmt_buf_free(&said);
        }
        if (li.text_len == 0 && li.time != PODFMT_NO_TIME)
            pend_time(r, li.time);
        return;
    }
    case R_NAME_ALONE:
        start_turn(r, speaker_for(r, t->s, t->n), false);
        return;
    case R_CHANGE:
        line_classify(t->s, t->n, &li);
        start_turn(r, -1, true);
        add_text(r, li.text, li.text_len, li.time, false);
        return;
    case R_CONTINUE:
    case R_TIME:
        line_classify(t->s, t->n, &li);
        if (r->pb.block < 0)
            start_turn(r, -1, true);
        add_text(r, li.text, li.text_len, li.time, false);
        if (li.text_len == 0)
            pend_time(r, li.time);
        return;
    case R_TEXT:
        if (speakers && is_heading(r, i)) {
            add_single(r, PODFMT_BLOCK_HEADING, t->s, t->n);
            return;
        }
        if (r->pb.block < 0)
            open_block(r, speakers ? PODFMT_BLOCK_NOTE : PODFMT_BLOCK_TURN, -1);
        add_line(r, t);
        return;
    }
}

/* Thread Reader unrolls: "<Name> Profile picture", then "<Mon> <d>, <yyyy>
 * <n> tweets ...": one speaker, the author; the thread ends at "• • •",
 * after which everything is the site's furniture. */
static bool try_thread(reader *r)
{
    static const char suffix[] = " Profile picture";
    size_t a = next_nonblank(r, 0);
    if (a >= r->n_lines)
        return false;
    const tline *h = &r->lines[a];
    size_t sl = sizeof suffix - 1;
    if (h->n <= sl || memcmp(h->s + h->n - sl, suffix, sl) != 0)
        return false;
    size_t b = next_nonblank(r, a + 1);
    if (b >= r->n_lines)
        return false;
    char iso[11];
    size_t used = parse_date(r->lines[b].s, r->lines[b].n, iso);
    if (!used || !text_contains_ci(r->lines[b].s, r->lines[b].n, " tweet"))
        return false;
    if (podfmt_doc_set_meta(r->doc, "date", iso, 10) != 0)
        r->oom = true;
    int sp = speaker_for(r, h->s, h->n - sl);
    start_turn(r, sp, true);
    for (size_t i = b + 1; i < r->n_lines; i++) {
        const tline *t = &r->lines[i];
        if (t->n == 0) {
            flush_para(r);
            continue;
        }
        if (t->n == 11 &&
            memcmp(t->s, "\xE2\x80\xA2 \xE2\x80\xA2 \xE2\x80\xA2", 11) == 0)
            break;
        add_line(r, t);
    }
    flush_para(r);
    return true;
}

/* Where the tail of notes starts: at the first line of publication
 * furniture after the last turn (a line the front already had, or a known
 * phrase), with the lines just before it that announce something the copy
 * lost ("Outro music is a Tatar folk song:"). */
static size_t find_tail(reader *r, size_t first_turn, size_t last_turn)
{
    strmap front = {0};
    for (size_t i = 0; i < first_turn; i++)
        if (r->lines[i].n > 20 &&
            strmap_put(&front, r->lines[i].s, r->lines[i].n, 1) != 0)
            r->oom = true;
    size_t f = r->n_lines;
    for (size_t i = last_turn + 1; i < r->n_lines; i++) {
        const tline *t = &r->lines[i];
        if (t->role == R_TEXT &&
            (strmap_get(&front, t->s, t->n) >= 0 || line_is_furniture(t->s, t->n))) {
            f = i;
            break;
        }
    }
    strmap_free(&front);
    if (f == r->n_lines)
        return f;
    size_t tail = f;
    for (size_t j = f; j > last_turn + 1;) {
        size_t k = j - 1;
        while (k > last_turn && r->lines[k].n == 0)
            k--;
        if (k <= last_turn || r->lines[k].role != R_TEXT ||
            r->lines[k].s[r->lines[k].n - 1] != ':')
            break;
        tail = k;
        j = k;
    }
    return tail;
}

/* Building line i reads no line before i - 1 again (is_heading looks one
 * line back): the table's pages before that go back to the system, a
 * megabyte at a time, so that only the input and the blocks not yet
 * handed on stay. */
static void release_lines(reader *r, size_t i)
{
    const size_t step = ((size_t)1 << 20) / sizeof *r->lines;
    if (i < r->released + step + 2)
        return;
    mem_release(r->lines + r->released,
                (i - 2 - r->released) * sizeof *r->lines);
    r->released = i - 2;
}

/* Makes the speakers of lines [from, to] as building them would. */
static void declare_speakers(reader *r, size_t from, size_t to)
{
    for (size_t i = from; i <= to && i < r->n_lines && !r->oom && !r->too_many;
         i++) {
        const tline *t = &r->lines[i];
        if (t->role == R_NAME_ALONE) {
            speaker_for(r, t->s, t->n);
        } else if (t->role == R_LABEL) {
            line_info li;
            tline_label(t, &li);
            bool dir;
            size_t b = label_bare(li.label, li.label_len, &dir);
            speaker_for(r, li.label, dir ? b : li.label_len);
        }
    }
}

static podfmt_status build(reader *r)
{
    if (try_thread(r))
        return PODFMT_OK;
    size_t first_turn = r->n_lines, last_turn = 0;
    bool speakers = false;
    for (size_t i = 0; i < r->n_lines; i++) {
        role ro = (role)r->lines[i].role;
        if (ro == R_LABEL || ro == R_NAME_ALONE)
            speakers = true;
        if (ro == R_LABEL || ro == R_NAME_ALONE || ro == R_CHANGE) {
            if (first_turn == r->n_lines)
                first_turn = i;
            last_turn = i;
        }
    }
    if (!speakers) {
        /* no labels at all (a dump of posts, a monologue): turns without
         * a speaker, nothing invented — no title, no headings */
        if (doc_stream_open(r->doc) != 0)
            r->oom = true;
        for (size_t i = 0; i < r->n_lines && !r->oom; i++) {
            release_lines(r, i);
            build_line(r, i, false);
        }
        flush_para(r);
        return PODFMT_OK;
    }
    /* a heading right before the first turn belongs to the body */
    size_t front_end = first_turn;
    size_t tail = find_tail(r, first_turn, last_turn);
    build_front(r, front_end);
    if (doc_stream_wanted(r->doc)) {
        /* the writer starts now: every speaker first, in the order the
         * body meets them (so with the same ids and names as when they
         * are met while building) */
        declare_speakers(r, front_end, last_turn);
        if (!r->oom && !r->too_many && doc_stream_open(r->doc) != 0)
            r->oom = true;
    }
    for (size_t i = front_end; i < tail && !r->oom && !r->too_many; i++) {
        release_lines(r, i);
        build_line(r, i, true);
    }
    flush_para(r);
    r->pb.block = -1;
    for (size_t i = tail; i < r->n_lines && !r->oom; i++) {
        tline *t = &r->lines[i];
        if (t->role == R_BLANK) {
            flush_para(r);
            continue;
        }
        if (t->role == R_DROP)
            continue;
        if (r->pb.block < 0)
            open_block(r, PODFMT_BLOCK_NOTE, -1);
        add_line(r, t);
    }
    flush_para(r);
    return PODFMT_OK;
}

podfmt_status podfmt_read_text(podfmt_doc *doc, const char *data, size_t len,
                               const podfmt_options *opts, podfmt_error *err)
{
    reader r;
    memset(&r, 0, sizeof r);
    r.doc = doc;
    r.opts = opts;
    pb_init(&r.pb, doc, &r.oom);
    r.pb.borrow = true; /* lines point into the input, which outlives it */
    size_t cap = 0;
    line_iter it;
    line_iter_init(&it, data, len);
    const char *s;
    size_t n;
    while (line_next(&it, &s, &n)) {
        if (n > PODFMT_MAX_LINE) {
            error_at(err, data, len, (size_t)(s - data),
                     "line longer than %zu bytes", PODFMT_MAX_LINE);
            free(r.lines);
            return PODFMT_EINPUT;
        }
        if (grow_array((void **)&r.lines, &cap, r.n_lines + 1,
                       sizeof *r.lines) != 0) {
            free(r.lines);
            error_set(err, 0, 0, "out of memory");
            return PODFMT_EIO;
        }
        trim(&s, &n);
        r.lines[r.n_lines].s = s;
        r.lines[r.n_lines].n = n;
        r.lines[r.n_lines].role = R_BLANK;
        r.lines[r.n_lines].mark = 0;
        r.lines[r.n_lines].item = 0;
        r.lines[r.n_lines].flags = 0;
        r.n_lines++;
    }
    count_labels(&r);
    if (!r.any_time)
        doc_set_untimed(doc); /* subtitle cues need not wait for a time */
    assign_roles(&r);
    admit_single_labels(&r);
    mark_lists(&r);
    /* segments may point into the input: building reads each line once,
     * in order, and no line past its end */
    doc_borrow_input(doc, data, data + len);
    podfmt_status st = r.oom ? PODFMT_EIO : build(&r);
    doc_borrow_end(doc);
    if (r.oom) {
        error_set(err, 0, 0, "out of memory");
        st = PODFMT_EIO;
    } else if (r.too_many) {
        error_set(err, 0, 0, "more than %d speakers (PODFMT_MAX_SPEAKERS)",
                  PODFMT_MAX_SPEAKERS);
        st = PODFMT_EINPUT;
    }
    strmap_free(&r.label_count);
    strmap_free(&r.alone_count);
    pb_free(&r.pb);
    free(r.lines);
    return st;
}
