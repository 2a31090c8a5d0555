/* What the prose writers (md, html) share: paragraphs from segments,
 * clock times and timestamp links. */
#include "label.h"
#include "mdhtml.h"

#include <string.h>

/* Sentences that end in s: '.', '?', '!' or an ellipsis followed by white
 * space or the end.  Rough on purpose: it only decides where a long run
 * of cues breaks into paragraphs. */
static size_t count_sentences(const char *s, size_t n)
{
    size_t k = 0;
    for (size_t i = 0; i < n; i++) {
        char c = s[i];
        bool stop = c == '.' || c == '?' || c == '!';
        if (!stop && i + 2 < n && (unsigned char)c == 0xE2 &&
            (unsigned char)s[i + 1] == 0x80 && (unsigned char)s[i + 2] == 0xA6) {
            stop = true; /* U+2026 ... */
            i += 2;
        }
        if (stop && (i + 1 == n || s[i + 1] == ' '))
            k++;
    }
    return k;
}

/* Whether segment text ends a sentence (closing quotes and brackets
 * aside): a paragraph that has enough sentences closes only there, never
 * in the middle of one that runs on into the next cue. */
static bool ends_sentence(const char *s, size_t n)
{
    while (n > 0 && (s[n - 1] == '"' || s[n - 1] == '\'' || s[n - 1] == ')' ||
                     s[n - 1] == ']' || s[n - 1] == '*' || s[n - 1] == '_'))
        n--;
    if (n >= 3 && (unsigned char)s[n - 3] == 0xE2 &&
        (unsigned char)s[n - 2] == 0x80 &&
        ((unsigned char)s[n - 1] == 0x9D || (unsigned char)s[n - 1] == 0x99))
        n -= 3; /* ” ’ */
    if (n == 0)
        return false;
    char c = s[n - 1];
    return c == '.' || c == '?' || c == '!' ||
           (n >= 3 && (unsigned char)s[n - 3] == 0xE2 &&
            (unsigned char)s[n - 2] == 0x80 && (unsigned char)s[n - 1] == 0xA6);
}

bool prose_next(const podfmt_doc *doc, const podfmt_block *b, size_t *next,
                size_t *first, size_t *count)
{
    if (*next >= b->count)
        return false;
    size_t i = b->first + *next;
    size_t end = b->first + b->count;
    const podfmt_segment *seg = &doc->segments[i];
    *first = i;
    size_t j = i + 1;
    if (seg->start != PODFMT_NO_TIME && seg->item == 0) {
        size_t sentences = count_sentences(seg->text, seg->len);
        while (j < end) {
            const podfmt_segment *prev = &doc->segments[j - 1];
            const podfmt_segment *cur = &doc->segments[j];
            if (sentences >= 2 * PROSE_MAX_SENTENCES ||
                (sentences >= PROSE_MAX_SENTENCES &&
                 ends_sentence(prev->text, prev->len)))
                break;
            if (cur->start == PODFMT_NO_TIME || cur->item != 0)
                break;
            int64_t last = prev->end != PODFMT_NO_TIME ? prev->end : prev->start;
            if (cur->start - last >= PROSE_PAUSE_MS)
                break;
            sentences += count_sentences(cur->text, cur->len);
            j++;
        }
    }
    *count = j - i;
    *next = j - b->first;
    return true;
}

/* ---- lists --------------------------------------------------------- */

/* The list item a segment is (the readers decide; see podfmt_segment). */
static bool marker_of(const podfmt_segment *seg, prose_marker *m)
{
    memset(m, 0, sizeof *m);
    if (seg->item == 0)
        return false;
    if (seg->item > 0) {
        m->kind = '1';
        m->delim = '.';
        m->number = (unsigned long)seg->item;
    } else {
        m->kind = '-';
    }
    return true;
}

/* Whether b continues the list whose last marker is a. */
static bool continues(const prose_marker *a, const prose_marker *b)
{
    if (!a->kind || a->kind != b->kind)
        return false;
    return a->kind != '1' || (a->delim == b->delim && b->number == a->number + 1);
}

void prose_iter_init(prose_iter *it, const podfmt_doc *doc,
                     const podfmt_block *b)
{
    memset(it, 0, sizeof *it);
    it->doc = doc;
    it->b = b;
}

static bool peek(prose_iter *it, prose_marker *m)
{
    if (it->peek == 0)
        it->peek = prose_next(it->doc, it->b, &it->next, &it->pfirst,
                              &it->pcount) ? 1 : 2;
    return it->peek == 1 && it->pcount == 1 &&
           marker_of(&it->doc->segments[it->pfirst], m);
}

bool prose_iter_next(prose_iter *it, prose_para *p)
{
    memset(p, 0, sizeof *p);
    if (it->peek == 2)
        return false;
    if (it->peek == 1) {
        p->first = it->pfirst;
        p->count = it->pcount;
        it->peek = 0;
    } else if (!prose_next(it->doc, it->b, &it->next, &p->first, &p->count)) {
        it->peek = 2;
        return false;
    }
    prose_marker m, nx;
    if (p->count != 1 || !marker_of(&it->doc->segments[p->first], &m)) {
        it->cur.kind = 0;
        return true;
    }
    p->item = true;
    p->opens = !continues(&it->cur, &m);
    p->marker = m;
    it->cur = m;
    p->closes = !(peek(it, &nx) && continues(&m, &nx));
    if (p->closes)
        it->cur.kind = 0;
    return true;
}

void prose_clock(podfmt_buf *out, int64_t ms)
{
    if (ms < 0)
        ms = 0;
    uint64_t s = (uint64_t)ms / 1000;
    if (s >= 3600) {
        podfmt_buf_putu(out, s / 3600);
        podfmt_buf_putc(out, ':');
        podfmt_buf_putu_pad(out, s / 60 % 60, 2);
    } else {
        podfmt_buf_putu(out, s / 60);
    }
    podfmt_buf_putc(out, ':');
    podfmt_buf_putu_pad(out, s % 60, 2);
}

bool prose_time_link(const podfmt_options *opts, int64_t ms, podfmt_buf *out)
{
    const char *t = opts && opts->config ? opts->config->link : NULL;
    if (!t || ms == PODFMT_NO_TIME)
        return false;
    /* only web links: a configuration must not smuggle javascript: in */
    if (!text_has_prefix_ci(t, strlen(t), "https://") &&
        !text_has_prefix_ci(t, strlen(t), "http://"))
        return false;
    static const char key[] = "{seconds}";
    for (const char *p = t; *p;) {
        if (*p == '{' && strncmp(p, key, sizeof key - 1) == 0) {
            podfmt_buf_putu(out, (uint64_t)(ms < 0 ? 0 : ms) / 1000);
            p += sizeof key - 1;
        } else {
            podfmt_buf_putc(out, *p++);
        }
    }
    return true;
}
