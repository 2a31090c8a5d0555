/* Speaker labels at the start of a line.  The shapes are those of
 * CONVENTIONS.md; whether a label really is a speaker (it recurs, or the
 * configuration names it) is decided by the reader, which sees the whole
 * document. */
#include "label.h"

#include <string.h>
#include <strings.h>
#include <utf8proc.h>

static bool is_digit(char c) { return c >= '0' && c <= '9'; }

static int32_t first_cp(const char *s, size_t n, size_t *adv)
{
    return utf8_decode((const unsigned char *)s, n, adv);
}

static int32_t last_cp(const char *s, size_t n)
{
    if (n == 0)
        return 0;
    size_t i = n - 1;
    while (i > 0 && ((unsigned char)s[i] & 0xC0) == 0x80)
        i--;
    size_t adv;
    return first_cp(s + i, n - i, &adv);
}

static bool is_upper_cp(int32_t cp)
{
    utf8proc_category_t c = utf8proc_category(cp);
    return c == UTF8PROC_CATEGORY_LU || c == UTF8PROC_CATEGORY_LT;
}

static bool is_lower_cp(int32_t cp)
{
    return utf8proc_category(cp) == UTF8PROC_CATEGORY_LL;
}

static bool is_caseless_letter(int32_t cp)
{
    return utf8proc_category(cp) == UTF8PROC_CATEGORY_LO;
}

static bool is_letter_or_mark(int32_t cp)
{
    utf8proc_category_t c = utf8proc_category(cp);
    return (c >= UTF8PROC_CATEGORY_LU && c <= UTF8PROC_CATEGORY_LO) ||
           c == UTF8PROC_CATEGORY_MN || c == UTF8PROC_CATEGORY_MC;
}

bool ends_with_punct(const char *s, size_t n)
{
    int32_t cp = last_cp(s, n);
    switch (cp) {
    case '.': case '!': case '?': case ':': case ';': case ',': case '"':
    case '\'': case ')': case ']':
    case 0x2026: /* … */
    case 0x201D: /* ” */
    case 0x2019: /* ’ */
    case 0x00BB: /* » */
    case 0x3002: /* 。 */
    case 0xFF01: case 0xFF1F: case 0xFF1A: /* ！？： */
        return true;
    default:
        return false;
    }
}

bool starts_lowercase(const char *s, size_t n)
{
    if (n == 0)
        return false;
    size_t adv;
    return is_lower_cp(first_cp(s, n, &adv));
}

/* Words that are never a name on their own, and first words that make a
 * label a phrase: the traps of CONVENTIONS.md ("Note:", "Step 1.",
 * "MORE IMPORTANTLY:", "Key takeaways:") and the headers of pasted
 * e-mails. */
static const char *const not_names[] = {
    "ad", "advertisement", "agenda", "also", "and", "answer", "background",
    "bcc", "bonus", "bottom line", "break", "but", "caption", "caution", "cc",
    "chapters", "conclusion", "contents", "context", "correction", "credit",
    "credits", "date", "disclaimer", "edit", "edited", "example", "examples",
    "fact", "finally", "first", "from", "fun fact", "here", "highlights",
    "hint", "how", "however", "image", "important", "importantly", "intro",
    "it", "key takeaways", "lesson", "link", "links", "location",
    "more importantly", "music", "n.b.", "nb", "no", "note", "notes", "now",
    "ok", "okay", "or", "outro", "p.p.s.", "p.s.", "photo", "posted", "pps",
    "problem", "ps", "published", "question", "re", "read more", "references",
    "related", "reminder", "resources", "result", "results", "rule", "second",
    "see also", "sent", "share", "show notes", "so", "solution", "source",
    "sources", "spoiler", "spoilers", "sponsor", "sponsored", "status",
    "subject", "subscribe", "summary", "table of contents", "tag", "tags",
    "takeaway", "takeaways", "that", "then", "there", "third", "this", "time",
    "timestamps", "tip", "tips", "tl;dr", "tldr", "to", "today", "tomorrow",
    "tonight", "topics", "transcript", "update", "updated", "via", "warning",
    "well", "what", "when", "where", "who", "why", "yes", "yesterday",
};
static const char *const not_first_words[] = {
    "a", "act", "an", "and", "answer", "appendix", "at", "but", "chapter",
    "day", "edit", "episode", "figure", "for", "her", "his", "how", "if",
    "in", "its", "lesson", "my", "note", "on", "or", "our", "p.s.", "part",
    "ps", "question", "round", "rule", "scene", "section", "so", "step",
    "table", "that", "the", "their", "these", "this", "those", "update",
    "week", "what", "when", "why", "with", "your",
};
static const char *const particles[] = {
    "&", "al", "and", "bin", "da", "das", "de", "del", "della", "den", "der",
    "di", "do", "dos", "du", "e", "el", "ibn", "la", "le", "of", "st.", "ter",
    "van", "von", "y",
};
static const char *const numbered_roles[] = {
    "agent", "audience", "caller", "child", "customer", "female", "guest",
    "hablante", "host", "interviewee", "interviewer", "locuteur", "male",
    "man", "member", "moderator", "orador", "panelist", "panellist",
    "participant", "person", "reporter", "respondent", "speaker", "sprecher",
    "student", "unknown", "user", "voice", "woman",
};

static char ascii_lower(char c)
{
    return c >= 'A' && c <= 'Z' ? (char)(c - 'A' + 'a') : c;
}

/* The lists are lowercase ASCII, sorted by byte (a shorter entry before
 * the longer ones it begins): a binary search with ASCII case folding. */
static int cmp_entry(const char *e, const char *s, size_t n)
{
    for (size_t i = 0; i < n; i++) {
        unsigned char a = (unsigned char)e[i];
        unsigned char b = (unsigned char)ascii_lower(s[i]);
        if (a == 0)
            return -1; /* the entry is a prefix of s */
        if (a != b)
            return a < b ? -1 : 1;
    }
    return e[n] == '\0' ? 0 : 1;
}

static bool in_list(const char *const *list, size_t count, const char *s,
                    size_t n)
{
    if (n == 0)
        return false; /* no entry is empty */
    /* most steps of the search differ at the first byte */
    unsigned char k0 = (unsigned char)ascii_lower(s[0]);
    size_t lo = 0, hi = count;
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        unsigned char e0 = (unsigned char)list[mid][0];
        int c = e0 != k0 ? (e0 < k0 ? -1 : 1)
                         : cmp_entry(list[mid] + 1, s + 1, n - 1);
        if (c == 0)
            return true;
        if (c < 0)
            lo = mid + 1;
        else
            hi = mid;
    }
    return false;
}
#define IN_LIST(list, s, n) in_list(list, sizeof list / sizeof list[0], s, n)

/* "SPEAKER_00", "SPK_1": capitals, an underscore, digits. */
static bool is_diarizer_id(const char *w, size_t n)
{
    size_t i = 0;
    while (i < n && w[i] >= 'A' && w[i] <= 'Z')
        i++;
    if (i == 0 || i == n || w[i] != '_')
        return false;
    i++;
    size_t d = i;
    while (i < n && is_digit(w[i]))
        i++;
    return i == n && i > d;
}

/* One word of a name: starts with a capital (or is in a caseless script),
 * holds letters, marks, apostrophes, hyphens; dots only in short
 * abbreviations and initials ("Dr.", "Prof.", "J.R."). */
static bool word_ok(const char *w, size_t n, bool first, const char *prev,
                    size_t prev_n)
{
    if (!first && IN_LIST(particles, w, n))
        return true;
    bool digits = true;
    for (size_t i = 0; i < n; i++)
        digits &= is_digit(w[i]);
    if (digits)
        return !first && n <= 3 && IN_LIST(numbered_roles, prev, prev_n);
    if (is_diarizer_id(w, n))
        return true;
    size_t adv;
    int32_t cp;
    if ((unsigned char)w[0] < 0x80) { /* ASCII: only A-Z is a capital */
        if (!(w[0] >= 'A' && w[0] <= 'Z'))
            return false;
        adv = 1;
    } else {
        cp = first_cp(w, n, &adv);
        if (!is_upper_cp(cp) && !is_caseless_letter(cp))
            return false;
    }
    size_t dots = 0;
    for (size_t i = adv; i < n;) {
        unsigned char c = (unsigned char)w[i];
        if (c < 0x80) { /* ASCII letters are letters; the rest as below */
            i++;
            if (c == '.')
                dots++;
            else if (!((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
                       c == '\'' || c == '-'))
                return false;
            continue;
        }
        cp = first_cp(w + i, n - i, &adv);
        i += adv;
        if (cp == '.')
            dots++;
        else if (!(is_letter_or_mark(cp) || cp == '\'' || cp == 0x2019 ||
                   cp == '-'))
            return false;
    }
    if (dots && !(n <= 4 || dots * 2 >= n - 1 ||
                  (dots == 1 && n == 5 && w[n - 1] == '.')))
        return false; /* "Dr.", "Prof." and "J.R." yes, "end.Start" no */
    return true;
}

/* How a line is said, not who says it: "Ben (laughing):". */
static const char *const directions[] = {
    "angrily", "chuckles", "chuckling", "cont'd", "contd", "continuing",
    "crying", "interrupting", "laughing", "laughs", "o.c.", "o.s.",
    "off camera", "off mic", "off-mic", "off-screen", "on phone",
    "on the phone", "quietly", "reading", "shouting", "sighing", "sighs",
    "singing", "sings", "smiling", "softly", "v.o.", "voice-over",
    "voiceover", "whispering", "whispers",
};

size_t label_bare(const char *s, size_t n, bool *direction)
{
    *direction = false;
    if (n < 4 || s[n - 1] != ')')
        return n;
    const char *open = memchr(s, '(', n);
    if (!open || open == s || open[-1] != ' ')
        return n;
    for (const char *q = open + 1; q < s + n - 1; q++)
        if (is_digit(*q) || *q == '(')
            return n; /* "(01:02)", "(2)": not a role */
    size_t b = (size_t)(open - s);
    while (b > 0 && s[b - 1] == ' ')
        b--;
    *direction = IN_LIST(directions, open + 1, (size_t)(s + n - 1 - open - 1));
    return b;
}

size_t label_without_role(const char *s, size_t n)
{
    bool direction;
    size_t b = label_bare(s, n, &direction);
    return direction ? n : b; /* a direction is no role: it is kept */
}

static bool namelike_uncached(const char *s, size_t n)
{
    trim(&s, &n);
    if (n == 0 || n > PODFMT_MAX_LABEL)
        return false;
    /* a role in parentheses at the end: "Ana Ruiz (host)" */
    if (s[n - 1] == ')') {
        const char *open = memchr(s, '(', n);
        if (open && open > s) {
            size_t inner = (size_t)(s + n - 1 - open - 1);
            for (size_t i = 0; i < inner; i++)
                if (is_digit(open[1 + i]) || open[1 + i] == '(')
                    return false;
            n = (size_t)(open - s);
            trim(&s, &n);
            if (n == 0)
                return false;
        }
    }
    if (IN_LIST(not_names, s, n))
        return false;
    size_t words = 0, i = 0;
    const char *prev = "";
    size_t prev_n = 0;
    while (i < n) {
        while (i < n && s[i] == ' ')
            i++;
        size_t start = i;
        while (i < n && s[i] != ' ')
            i++;
        if (i == start)
            break;
        const char *w = s + start;
        size_t wn = i - start;
        /* "A:" alone answers "Q:" in interviews; "A man:" is a phrase */
        bool answer = wn == 1 && w[0] == 'A' && i == n;
        if (words == 0 && !answer && IN_LIST(not_first_words, w, wn))
            return false;
        if (!word_ok(w, wn, words == 0, prev, prev_n))
            return false;
        prev = w;
        prev_n = wn;
        if (++words > 6)
            return false;
    }
    return words > 0;
}

/* label_is_namelike depends on the bytes alone, and a transcript asks it
 * about the same few labels on every line: each thread keeps the latest
 * verdicts, one per slot, keyed by the whole label. */
enum { MEMO_SLOTS = 64, MEMO_KEY = 48 };
typedef struct {
    unsigned char n; /* 0: empty */
    bool ok;
    char s[MEMO_KEY];
} namelike_memo;
static _Thread_local namelike_memo memo[MEMO_SLOTS];

bool label_is_namelike(const char *s, size_t n)
{
    if (n == 0 || n > MEMO_KEY)
        return namelike_uncached(s, n);
    /* the slot: the length and the first, middle and last bytes, mixed */
    unsigned h = (unsigned)n * 31u + (unsigned char)s[0] * 7u +
                 (unsigned char)s[n - 1] + (unsigned char)s[n / 2] * 3u;
    namelike_memo *m = &memo[h % MEMO_SLOTS];
    if (m->n == n && memcmp(m->s, s, n) == 0)
        return m->ok;
    m->ok = namelike_uncached(s, n);
    m->n = (unsigned char)n;
    memcpy(m->s, s, n);
    return m->ok;
}

bool line_is_titlelike(const char *s, size_t n)
{
    trim(&s, &n);
    if (n == 0 || n > 100)
        return false;
    int32_t end = last_cp(s, n);
    if (end != ')' && ends_with_punct(s, n))
        return false;
    size_t adv;
    int32_t cp = first_cp(s, n, &adv);
    if (!is_upper_cp(cp) && !is_digit(s[0]) && !is_caseless_letter(cp))
        return false;
    size_t words = 0, significant = 0, capital = 0, later_capital = 0, i = 0;
    while (i < n) {
        while (i < n && s[i] == ' ')
            i++;
        size_t start = i;
        while (i < n && s[i] != ' ')
            i++;
        if (i == start)
            break;
        const char *w = s + start;
        size_t wn = i - start;
        words++;
        int32_t c = first_cp(w, wn, &adv);
        bool up = is_upper_cp(c) || is_digit(w[0]);
        if (words > 1 && up)
            later_capital++;
        if (wn >= 4 && !IN_LIST(particles, w, wn)) {
            significant++;
            capital += up;
        }
    }
    if (words < 2 || words > 12)
        return false;
    return later_capital > 0 && capital * 2 >= significant;
}

/* A clock in brackets or bare at s: "[00:01:02]", "(01:02)", "\[18:17\]",
 * "00:01:29", and the diarizers' "[0.4s]".  Returns bytes used or 0. */
static size_t time_token(const char *s, size_t n, int64_t *ms)
{
    size_t i = 0;
    char close = 0;
    bool escaped = false;
    if (n >= 2 && s[0] == '\\' && s[1] == '[') {
        i = 2;
        close = ']';
        escaped = true;
    } else if (n && (s[0] == '[' || s[0] == '(')) {
        close = s[0] == '[' ? ']' : ')';
        i = 1;
    }
    size_t c = parse_clock(s + i, n - i, ms);
    if (c == 0 && close) {
        /* "[0.4s]": seconds with a unit */
        size_t j = i;
        int64_t whole = 0, frac = 0, scale = 1000;
        while (j < n && is_digit(s[j]) && j - i < 7)
            whole = whole * 10 + (s[j++] - '0');
        if (j == i)
            return 0;
        if (j < n && s[j] == '.') {
            j++;
            while (j < n && is_digit(s[j]) && scale > 1) {
                scale /= 10;
                frac += (s[j++] - '0') * scale;
            }
        }
        if (j >= n || s[j] != 's')
            return 0;
        c = j + 1 - i;
        *ms = whole * 1000 + frac;
    }
    if (c == 0)
        return 0;
    i += c;
    if (close) {
        if (escaped) {
            if (i + 1 < n && s[i] == '\\' && s[i + 1] == ']')
                return i + 2;
            return 0;
        }
        if (i < n && s[i] == close)
            return i + 1;
        return 0;
    }
    /* a bare clock must stand alone as a word */
    if (i < n && s[i] != ' ' && s[i] != '\t')
        return 0;
    return i;
}

static void skip_spaces(const char **p, const char *e)
{
    while (*p < e && (**p == ' ' || **p == '\t'))
        (*p)++;
}

/* Skips a separator after a leading time: "00:01 - Name: text". */
static void skip_dash(const char **p, const char *e)
{
    if (*p + 1 < e && (**p == '-' || **p == '|') && (*p)[1] == ' ') {
        *p += 2;
        skip_spaces(p, e);
    } else if (e - *p >= 4 && memcmp(*p, "\xE2\x80\x93 ", 4) == 0) {
        *p += 4;
        skip_spaces(p, e);
    }
}

static bool is_colon_at(const char *p, const char *e, size_t *w)
{
    if (p < e && *p == ':') {
        *w = 1;
        return true;
    }
    if (e - p >= 3 && memcmp(p, "\xEF\xBC\x9A", 3) == 0) { /* ： */
        *w = 3;
        return true;
    }
    return false;
}

static void set_label(line_info *li, const char *l, size_t ln,
                      const char *t, const char *e)
{
    trim(&l, &ln);
    skip_spaces(&t, e);
    li->kind = LINE_LABEL;
    li->label = l;
    li->label_len = ln;
    li->text = t;
    li->text_len = (size_t)(e - t);
    li->alone = li->text_len == 0;
}

/* "**Name:** text", "**Name**: text", "**Name** text", "**[00:00] NAME:**",
 * "**Ana** [00:00:00] text". */
static bool bold_label(const char *p, const char *e, line_info *li)
{
    if (e - p < 5 || p[0] != '*' || p[1] != '*')
        return false;
    const char *in = p + 2;
    const char *close = NULL;
    for (const char *q = in; q + 1 < e && q - in <= PODFMT_MAX_LABEL + 16; q++) {
        if (q[0] == '*' && q[1] == '*') {
            close = q;
            break;
        }
    }
    if (!close || close == in)
        return false;
    const char *l = in;
    int64_t t;
    size_t used = time_token(l, (size_t)(close - l), &t);
    if (used) {
        li->time = t;
        l += used;
        skip_spaces(&l, close);
    }
    size_t ln = (size_t)(close - l), w;
    trim(&l, &ln);
    bool colon = false;
    if (ln >= 1 && l[ln - 1] == ':') {
        ln--;
        colon = true;
    } else if (ln >= 3 && memcmp(l + ln - 3, "\xEF\xBC\x9A", 3) == 0) {
        ln -= 3;
        colon = true;
    }
    const char *after = close + 2;
    if (is_colon_at(after, e, &w)) {
        after += w;
        colon = true;
    }
    skip_spaces(&after, e);
    used = time_token(after, (size_t)(e - after), &t);
    if (used) {
        if (li->time == PODFMT_NO_TIME)
            li->time = t;
        after += used;
        skip_spaces(&after, e);
    }
    if (!label_is_namelike(l, ln))
        return false;
    set_label(li, l, ln, after, e);
    li->colon = colon;
    li->strong = li->time != PODFMT_NO_TIME;
    return true;
}

/* "Name: text", "Name (00:01:05):", "Name [00:01:02]: text", "司会：text". */
static bool plain_label(const char *p, const char *e, line_info *li)
{
    const char *limit = e - p > PODFMT_MAX_LABEL + 24 ? p + PODFMT_MAX_LABEL + 24 : e;
    const char *name_end = NULL;
    int64_t t = PODFMT_NO_TIME;
    size_t w;
    for (const char *q = p; q < limit; q++) {
        char c = *q;
        if (c != '(' && c != '[' && c != ':' && (unsigned char)c != 0xEF)
            continue; /* nothing that could end the name */
        if ((c == '(' || c == '[') && q > p) {
            int64_t tt;
            size_t used = time_token(q, (size_t)(e - q), &tt);
            if (used) {
                const char *after = q + used;
                skip_spaces(&after, e);
                if (is_colon_at(after, e, &w)) {
                    name_end = q;
                    t = tt;
                    set_label(li, p, (size_t)(name_end - p), after + w, e);
                    li->time = t;
                    li->colon = true;
                    li->strong = true;
                    return label_is_namelike(li->label, li->label_len);
                }
                return false;
            }
        }
        if (is_colon_at(q, e, &w)) {
            if (q == p)
                return false;
            const char *after = q + w;
            if (w == 1 && after < e && (*after == '/' || is_digit(*after)))
                return false; /* a URL or a clock, not a label */
            if (!label_is_namelike(p, (size_t)(q - p)))
                return false;
            set_label(li, p, (size_t)(q - p), after, e);
            li->colon = true;
            return true;
        }
    }
    return false;
}

/* Otter: "Ana Ruiz  0:03" alone on its line. */
static bool otter_label(const char *p, const char *e, line_info *li)
{
    const char *sp = e;
    while (sp > p && sp[-1] != ' ' && sp[-1] != '\t')
        sp--;
    if (sp == p || sp == e)
        return false;
    int64_t t;
    size_t used = parse_clock(sp, (size_t)(e - sp), &t);
    if (used != (size_t)(e - sp))
        return false;
    const char *l = p;
    size_t ln = (size_t)(sp - p);
    trim(&l, &ln);
    if (ln >= 4 && l[0] == '*' && l[1] == '*' && l[ln - 1] == '*' &&
        l[ln - 2] == '*') {
        l += 2;
        ln -= 4;
    }
    if (!label_is_namelike(l, ln))
        return false;
    set_label(li, l, ln, e, e);
    li->time = t;
    li->strong = true;
    return true;
}

/* Placeholders that diarizers and exporters write: a label by its very
 * form ("SPEAKER_00", "Speaker 1", "Unknown Speaker"). */
static bool is_placeholder(const char *s, size_t n)
{
    if (is_diarizer_id(s, n))
        return true;
    if (n == 15 && strncasecmp(s, "unknown speaker", 15) == 0)
        return true;
    const char *sp = memchr(s, ' ', n);
    if (!sp || sp == s || sp + 1 == s + n || s + n - (sp + 1) > 3)
        return false;
    for (const char *q = sp + 1; q < s + n; q++)
        if (!is_digit(*q))
            return false;
    return in_list(numbered_roles, sizeof numbered_roles / sizeof numbered_roles[0],
                   s, (size_t)(sp - s));
}

void line_classify(const char *s, size_t n, line_info *li)
{
    memset(li, 0, sizeof *li);
    li->time = PODFMT_NO_TIME;
    li->kind = LINE_TEXT;
    li->text = s;
    li->text_len = n;
    const char *p = s, *e = s + n;
    bool change = false;
    if (e - p >= 2 && p[0] == '>' && p[1] == '>') {
        change = true;
        p += 2;
        skip_spaces(&p, e);
    }
    int64_t t;
    size_t used = time_token(p, (size_t)(e - p), &t);
    if (used) {
        const char *after = p + used;
        skip_spaces(&after, e);
        size_t w;
        if (is_colon_at(after, e, &w)) {
            /* Rev's "(00:02:10):": the same speaker goes on */
            li->kind = LINE_CONTINUE;
            li->time = t;
            after += w;
            skip_spaces(&after, e);
            li->text = after;
            li->text_len = (size_t)(e - after);
            return;
        }
        li->time = t;
        p = after;
        skip_dash(&p, e);
    }
    if (bold_label(p, e, li) || otter_label(p, e, li) || plain_label(p, e, li)) {
        if (used)
            li->strong = true;
        if (change || is_placeholder(li->label, li->label_len))
            li->strong = true;
        if (li->time == PODFMT_NO_TIME && used)
            li->time = t;
        return;
    }
    li->kind = change ? LINE_CHANGE : used ? LINE_TIME : LINE_TEXT;
    li->label = NULL;
    li->label_len = 0;
    li->strong = false;
    li->text = p;
    li->text_len = (size_t)(e - p);
    if (!used)
        li->time = PODFMT_NO_TIME;
}

/* ---- publication furniture ---------------------------------------------- */

bool text_has_prefix_ci(const char *s, size_t n, const char *p)
{
    size_t l = strlen(p);
    return n >= l && strncasecmp(s, p, l) == 0;
}

bool text_contains_ci(const char *s, size_t n, const char *needle)
{
    size_t l = strlen(needle);
    if (l > n)
        return false;
    for (size_t i = 0; i + l <= n; i++)
        if (strncasecmp(s + i, needle, l) == 0)
            return true;
    return false;
}

bool line_is_otter_credit(const char *s, size_t n)
{
    return n < 200 && text_has_prefix_ci(s, n, "Transcribed by ") &&
           text_contains_ci(s, n, "otter.ai");
}

bool line_is_furniture(const char *s, size_t n)
{
    static const char *const phrases[] = {
        "is a reader-supported publication", "thanks for reading",
        "subscribe to", "share this post", "leave a comment",
        "get the app", "start writing", "transcribed by", "subscribe now",
        "upgrade to paid", "this post is public", "give a gift subscription",
        "please subscribe", "rate and review", "rate, review",
        "follow us on", "if you enjoyed this episode",
    };
    if (n > 300)
        return false;
    for (size_t i = 0; i < sizeof phrases / sizeof phrases[0]; i++)
        if (text_contains_ci(s, n, phrases[i]))
            return true;
    return false;
}
