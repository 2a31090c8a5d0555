/* -t html: a fragment by default, a whole page with -s.
 *
 *   <h2 id="putins-nuclear-considerations">Putin's Nuclear ...</h2>
 *   <div class="turn speaker-kamil-galeev">
 *   <cite>Kamil Galeev</cite> <time datetime="PT12.5S">0:12</time>
 *   <p>...</p>
 *   </div>
 *   <p class="note">...</p>
 *
 * Nothing from the input reaches the page as markup: segment text goes
 * through cmark's HTML renderer (safe mode: raw HTML and javascript: links
 * neutralised; inline_parse has already turned tags into text), and
 * everything podfmt writes itself (names, ids, classes, colours, meta) is
 * escaped or checked here.  With --email every style is inline. */
#include "mdhtml.h"
#include "stats.h"

#include <stdlib.h>
#include <string.h>

/* A palette for speakers without a configured colour: a light-mode and a
 * dark-mode colour each, assigned in order of first appearance so that
 * neighbours differ. */
static const char *const palette[][2] = {
    {"#1d5fa8", "#7cb8f0"}, {"#b4410c", "#fb923c"}, {"#15803d", "#4ade80"},
    {"#9d174d", "#f472b6"}, {"#6d28d9", "#c4b5fd"}, {"#8a5a00", "#facc15"},
    {"#0f766e", "#2dd4bf"}, {"#b91c1c", "#fca5a5"},
};
#define PALETTE_N (sizeof palette / sizeof palette[0])

/* Ids the page template uses itself; headings never take them. */
static const char *const reserved_ids[] = {"top", "toc", "speakers", "stats",
                                           "transcript"};

/* Inline styles for --email (clients drop <style>). */
#define EMAIL_TURN "margin:0 0 18px 0;padding:0 0 0 12px;border-left:4px solid "
#define EMAIL_CITE "display:block;font-style:normal;font-weight:bold;color:"
#define EMAIL_P "margin:0 0 10px 0;font-size:16px;line-height:1.6;color:#222222"
#define EMAIL_NOTE "margin:0 0 14px 0;font-size:15px;line-height:1.6;color:#555555;font-style:italic"
#define EMAIL_H2 "margin:28px 0 12px 0;font-size:22px;line-height:1.3;color:#111111"
#define EMAIL_TIME "font-size:13px;color:#777777;font-weight:normal"
#define EMAIL_A "color:#1d5fa8"

typedef struct html_writer {
    const podfmt_doc *doc;
    const podfmt_options *opts;
    podfmt_buf *out;
    bool email;
    podfmt_buf ids;    /* every heading's id, one after the other */
    size_t *id_off;    /* heading k's id is ids[id_off[k] .. id_off[k+1]) */
    podfmt_buf titles; /* every heading's plain text, likewise */
    size_t *title_off;
    size_t n_headings; /* headings with an id so far */
    size_t cap_id_off, cap_title_off;
    size_t k;          /* headings written so far */
    size_t *slots; /* open-addressing set of ids (index + 1; 0 = empty) */
    size_t n_slots;
    struct stem { /* for each slug, the next suffix to try: keeps many */
        size_t off, len; /* equal headings linear ("a", "a-2", ...) */
        uint64_t next;
    } *stems; /* n_slots entries; len == 0: empty */
    podfmt_buf stem_text;
    podfmt_buf tmp;
    podfmt_buf spk;  /* each speaker's class id, then its escaped name */
    size_t *spk_off; /* speaker s: spk[spk_off[2s] .. spk_off[2s+1]) and */
                     /* spk[spk_off[2s+1] .. spk_off[2s+2]) */
    size_t n_spk;    /* speakers in spk so far */
    size_t cap_spk_off;
    talk_stats stats; /* standalone pages only */
} html_writer;

/* ---- small pieces --------------------------------------------------- */

static bool valid_color(const char *c)
{
    if (!c || c[0] != '#')
        return false;
    size_t n = 0;
    for (const char *p = c + 1; *p; p++, n++) {
        char x = *p;
        if (!((x >= '0' && x <= '9') || (x >= 'a' && x <= 'f') ||
              (x >= 'A' && x <= 'F')))
            return false;
    }
    return n == 3 || n == 4 || n == 6 || n == 8;
}

static const char *speaker_color(const html_writer *w, int s, int dark)
{
    const podfmt_speaker *sp = &w->doc->speakers[s];
    if (valid_color(sp->color))
        return sp->color;
    return palette[(size_t)s % PALETTE_N][dark];
}

/* A speaker id as a class name: only characters that can neither end the
 * attribute nor split the class list nor break a CSS selector. */
static void put_class_id(podfmt_buf *out, const char *id)
{
    for (const unsigned char *p = (const unsigned char *)id; *p; p++) {
        unsigned char c = *p;
        bool ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
                  (c >= '0' && c <= '9') || c == '-' || c == '_' || c >= 0x80;
        podfmt_buf_putc(out, ok ? (char)c : '-');
    }
}

static void put_escaped(podfmt_buf *out, const char *s)
{
    html_escape(out, s, strlen(s));
}

/* Writes each speaker's class id and escaped name once, for every turn:
 * those of the speakers not yet done. */
static int speaker_parts(html_writer *w)
{
    size_t n = w->doc->n_speakers;
    if (n <= w->n_spk && w->spk_off)
        return 0;
    if (grow_array((void **)&w->spk_off, &w->cap_spk_off, 2 * n + 1,
                   sizeof *w->spk_off) != 0)
        return -1;
    w->spk_off[0] = 0;
    for (size_t s = w->n_spk; s < n; s++) {
        put_class_id(&w->spk, w->doc->speakers[s].id);
        w->spk_off[2 * s + 1] = w->spk.len;
        put_escaped(&w->spk, w->doc->speakers[s].name);
        w->spk_off[2 * s + 2] = w->spk.len;
    }
    w->n_spk = n;
    return w->spk.failed ? -1 : 0;
}

/* Speaker s's class id (part 0) or escaped name (part 1). */
static void put_speaker_part(html_writer *w, int s, int part)
{
    const size_t *o = w->spk_off + 2 * (size_t)s + (size_t)part;
    podfmt_buf_put(w->out, w->spk.data + o[0], o[1] - o[0]);
}

/* "PT754.5S": an HTML duration. */
static void put_duration(podfmt_buf *out, int64_t ms)
{
    if (ms < 0)
        ms = 0;
    podfmt_buf_puts(out, "PT");
    podfmt_buf_putu(out, (uint64_t)ms / 1000);
    if (ms % 1000) {
        podfmt_buf_putc(out, '.');
        podfmt_buf_putu_pad(out, (uint64_t)ms % 1000, 3);
    }
    podfmt_buf_putc(out, 'S');
}

/* Replaces images by links to them: a transcript must not make the page
 * (or an e-mail) load anything. */
static void images_to_links(cmark_node *root)
{
    cmark_iter *it = cmark_iter_new(root);
    cmark_event_type ev;
    cmark_node *pending = NULL;
    while ((ev = cmark_iter_next(it)) != CMARK_EVENT_DONE) {
        if (pending) {
            cmark_node_free(pending);
            pending = NULL;
        }
        cmark_node *node = cmark_iter_get_node(it);
        if (ev != CMARK_EVENT_EXIT ||
            cmark_node_get_type(node) != CMARK_NODE_IMAGE)
            continue;
        cmark_node *link = cmark_node_new(CMARK_NODE_LINK);
        if (!link)
            continue;
        const char *url = cmark_node_get_url(node);
        const char *title = cmark_node_get_title(node);
        cmark_node_set_url(link, url ? url : "");
        cmark_node_set_title(link, title ? title : "");
        cmark_node *child;
        while ((child = cmark_node_first_child(node)))
            cmark_node_append_child(link, child);
        cmark_node_insert_before(node, link);
        cmark_node_unlink(node);
        pending = node;
    }
    if (pending)
        cmark_node_free(pending);
    cmark_iter_free(it);
}

/* Writes segment text as HTML: escaped directly when it is plain,
 * otherwise through cmark's renderer in safe mode, without the <p>. */
static int html_inline(html_writer *w, const char *text, size_t len)
{
    if (inline_is_literal(text, len)) {
        if (memchr(text, '"', len)) /* the one character left to escape */
            html_escape(w->out, text, len);
        else
            podfmt_buf_put(w->out, text, len);
        return 0;
    }
    cmark_node *doc = inline_parse(text, len);
    if (!doc)
        return -1;
    images_to_links(doc);
    char *html = cmark_render_html(doc, CMARK_OPT_SAFE);
    cmark_node_free(doc);
    if (!html)
        return -1;
    size_t n = strlen(html);
    const char *s = html;
    if (n >= 3 && memcmp(s, "<p>", 3) == 0) {
        s += 3;
        n -= 3;
    }
    while (n > 0 && s[n - 1] == '\n')
        n--;
    if (n >= 4 && memcmp(s + n - 4, "</p>", 4) == 0)
        n -= 4;
    if (w->email) {
        /* links get the e-mail link colour inline */
        for (size_t i = 0; i < n; i++) {
            if (i + 3 <= n && memcmp(s + i, "<a ", 3) == 0) {
                podfmt_buf_puts(w->out, "<a style=\"" EMAIL_A "\" ");
                i += 2;
            } else {
                podfmt_buf_putc(w->out, s[i]);
            }
        }
    } else {
        podfmt_buf_put(w->out, s, n);
    }
    free(html);
    return 0;
}

/* The plain text of segment text (what a table of contents shows). */
static int plain_text(const char *text, size_t len, podfmt_buf *out)
{
    if (inline_is_literal(text, len)) {
        podfmt_buf_put(out, text, len);
        return 0;
    }
    cmark_node *doc = inline_parse(text, len);
    if (!doc)
        return -1;
    cmark_iter *it = cmark_iter_new(doc);
    cmark_event_type ev;
    while ((ev = cmark_iter_next(it)) != CMARK_EVENT_DONE) {
        cmark_node *node = cmark_iter_get_node(it);
        cmark_node_type t = cmark_node_get_type(node);
        if (ev != CMARK_EVENT_ENTER)
            continue;
        if (t == CMARK_NODE_TEXT || t == CMARK_NODE_CODE ||
            t == CMARK_NODE_HTML_INLINE)
            podfmt_buf_puts(out, cmark_node_get_literal(node));
        else if (t == CMARK_NODE_SOFTBREAK || t == CMARK_NODE_LINEBREAK)
            podfmt_buf_putc(out, ' ');
    }
    cmark_iter_free(it);
    cmark_node_free(doc);
    return 0;
}

/* ---- heading ids ------------------------------------------------------ */

static uint64_t hash_bytes(const char *s, size_t n)
{
    uint64_t h = 1469598103934665603ULL;
    for (size_t i = 0; i < n; i++)
        h = (h ^ (unsigned char)s[i]) * 1099511628211ULL;
    return h;
}

/* Whether ids[start..start+n) is taken by a heading or the template. */
static bool id_taken(const html_writer *w, const char *s, size_t n)
{
    for (size_t i = 0; i < sizeof reserved_ids / sizeof *reserved_ids; i++)
        if (strlen(reserved_ids[i]) == n && !memcmp(reserved_ids[i], s, n))
            return true;
    size_t mask = w->n_slots - 1;
    for (size_t j = hash_bytes(s, n) & mask;; j = (j + 1) & mask) {
        size_t k = w->slots[j];
        if (k == 0)
            return false;
        k--;
        size_t a = w->id_off[k], b = w->id_off[k + 1];
        if (b - a == n && !memcmp(w->ids.data + a, s, n))
            return true;
    }
}

static void id_insert(html_writer *w, size_t k)
{
    size_t a = w->id_off[k], n = w->id_off[k + 1] - a;
    size_t mask = w->n_slots - 1;
    size_t j = hash_bytes(w->ids.data + a, n) & mask;
    while (w->slots[j])
        j = (j + 1) & mask;
    w->slots[j] = k + 1;
}

/* The suffix counter of a slug, created at 2. */
static struct stem *stem_of(html_writer *w, const char *s, size_t n)
{
    size_t mask = w->n_slots - 1;
    for (size_t j = hash_bytes(s, n) & mask;; j = (j + 1) & mask) {
        struct stem *e = &w->stems[j];
        if (e->len == 0) {
            e->off = w->stem_text.len;
            e->len = n;
            e->next = 2;
            podfmt_buf_put(&w->stem_text, s, n);
            return w->stem_text.failed ? NULL : e;
        }
        if (e->len == n && !memcmp(w->stem_text.data + e->off, s, n))
            return e;
    }
}

/* Whether slugify fell back to its word for a name without letters or
 * digits ("speaker"), which would be a strange id for a section. */
static bool is_fallback(const char *slug, size_t n, const char *title,
                        size_t tlen)
{
    if (n != 7 || memcmp(slug, "speaker", 7) != 0)
        return false;
    for (size_t i = 0; i + 7 <= tlen; i++) {
        size_t j = 0;
        while (j < 7 && (title[i + j] | 0x20) == "speaker"[j])
            j++;
        if (j == 7)
            return false;
    }
    return true;
}

/* Room for n headings' ids; the sets of ids and stems grow with it (kept
 * at most half full). */
static int heading_room(html_writer *w, size_t n)
{
    bool first = !w->id_off || !w->title_off;
    if (grow_array((void **)&w->id_off, &w->cap_id_off, n + 1,
                   sizeof *w->id_off) != 0 ||
        grow_array((void **)&w->title_off, &w->cap_title_off, n + 1,
                   sizeof *w->title_off) != 0)
        return -1;
    if (first)
        w->id_off[0] = w->title_off[0] = 0;
    size_t slots = w->n_slots ? w->n_slots : 16;
    while (slots < 2 * n + 2)
        slots *= 2;
    if (slots == w->n_slots)
        return 0;
    size_t *ns = calloc(slots, sizeof *ns);
    struct stem *st = calloc(slots, sizeof *st);
    if (!ns || !st) {
        free(ns);
        free(st);
        return -1;
    }
    size_t old_n = w->n_slots;
    struct stem *old = w->stems;
    free(w->slots);
    w->slots = ns;
    w->stems = st;
    w->n_slots = slots;
    for (size_t k = 0; k < w->n_headings; k++)
        id_insert(w, k);
    for (size_t j = 0; j < old_n; j++) {
        if (old[j].len == 0)
            continue;
        size_t mask = slots - 1;
        size_t i = hash_bytes(w->stem_text.data + old[j].off, old[j].len) & mask;
        while (st[i].len)
            i = (i + 1) & mask;
        st[i] = old[j];
    }
    free(old);
    return 0;
}

/* Gives heading block b a stable id from its text, unique in the page
 * among the headings before it and the template's ("intro", "intro-2",
 * ...), and keeps its plain text for the TOC. */
static int heading_id(html_writer *w, const podfmt_block *b)
{
    const podfmt_doc *doc = w->doc;
    size_t k = w->n_headings;
    if (heading_room(w, k + 1) != 0)
        return -1;
    for (size_t j = 0; j < b->count; j++) {
        const podfmt_segment *seg = &doc->segments[b->first + j];
        if (j > 0)
            podfmt_buf_putc(&w->titles, ' ');
        if (plain_text(seg->text, seg->len, &w->titles) != 0)
            return -1;
    }
    w->title_off[k + 1] = w->titles.len;
    size_t start = w->ids.len;
    const char *title = w->titles.data ? w->titles.data + w->title_off[k] : "";
    size_t tlen = w->title_off[k + 1] - w->title_off[k];
    slugify(title, tlen, &w->ids);
    if (w->ids.failed)
        return -1;
    if (is_fallback(w->ids.data + start, w->ids.len - start, title, tlen)) {
        w->ids.len = start;
        podfmt_buf_puts(&w->ids, "section");
    }
    size_t stem = w->ids.len;
    if (id_taken(w, w->ids.data + start, stem - start)) {
        struct stem *e = stem_of(w, w->ids.data + start, stem - start);
        if (!e)
            return -1;
        do {
            w->ids.len = stem;
            podfmt_buf_putc(&w->ids, '-');
            podfmt_buf_putu(&w->ids, e->next++);
            if (w->ids.failed)
                return -1;
        } while (id_taken(w, w->ids.data + start, w->ids.len - start));
    }
    w->id_off[k + 1] = w->ids.len;
    id_insert(w, k);
    w->n_headings = k + 1;
    return w->ids.failed || w->titles.failed ? -1 : 0;
}

/* Every heading's id at once (the page's table of contents needs them
 * before the body). */
static int heading_ids(html_writer *w)
{
    const podfmt_doc *doc = w->doc;
    size_t n = 0;
    for (size_t i = 0; i < doc->n_blocks; i++)
        n += doc->blocks[i].kind == PODFMT_BLOCK_HEADING;
    if (heading_room(w, n) != 0)
        return -1;
    for (size_t i = 0; i < doc->n_blocks; i++)
        if (doc->blocks[i].kind == PODFMT_BLOCK_HEADING &&
            heading_id(w, &doc->blocks[i]) != 0)
            return -1;
    return 0;
}

/* ---- the body --------------------------------------------------------- */

static void put_time(html_writer *w, int64_t ms)
{
    podfmt_buf *out = w->out;
    w->tmp.len = 0;
    bool linked = prose_time_link(w->opts, ms, &w->tmp);
    if (linked) {
        podfmt_buf_puts(out, w->email ? "<a class=\"time\" style=\"" EMAIL_A "\" href=\""
                                      : "<a class=\"time\" href=\"");
        html_escape(out, w->tmp.data, w->tmp.len);
        podfmt_buf_puts(out, "\">");
    }
    podfmt_buf_puts(out, "<time datetime=\"");
    put_duration(out, ms);
    podfmt_buf_puts(out, w->email ? "\" style=\"" EMAIL_TIME "\">" : "\">");
    prose_clock(out, ms);
    podfmt_buf_puts(out, "</time>");
    if (linked)
        podfmt_buf_puts(out, "</a>");
}

#define EMAIL_LIST "margin:0 0 10px 0;padding:0 0 0 24px;font-size:16px;line-height:1.6;color:#222222"
#define EMAIL_LIST_NOTE "margin:0 0 14px 0;padding:0 0 0 24px;font-size:15px;line-height:1.6;color:#555555;font-style:italic"

static int put_paragraphs(html_writer *w, const podfmt_block *b,
                          const char *open)
{
    prose_iter it;
    prose_para p;
    prose_iter_init(&it, w->doc, b);
    while (prose_iter_next(&it, &p)) {
        size_t skip = 0;
        bool ordered = p.marker.kind == '1';
        if (p.item && p.opens) {
            podfmt_buf_puts(w->out, ordered ? "<ol" : "<ul");
            if (b->kind == PODFMT_BLOCK_NOTE) /* styled as the note */
                podfmt_buf_puts(w->out, " class=\"note\"");
            if (ordered && p.marker.number != 1) {
                podfmt_buf_puts(w->out, " start=\"");
                podfmt_buf_putu(w->out, p.marker.number);
                podfmt_buf_putc(w->out, '"');
            }
            if (w->email)
                podfmt_buf_puts(w->out, b->kind == PODFMT_BLOCK_NOTE
                                            ? " style=\"" EMAIL_LIST_NOTE "\""
                                            : " style=\"" EMAIL_LIST "\"");
            podfmt_buf_puts(w->out, ">\n");
        }
        if (p.item) {
            podfmt_buf_puts(w->out, "<li>");
            skip = p.marker.len;
        } else {
            podfmt_buf_puts(w->out, open);
        }
        for (size_t i = p.first; i < p.first + p.count; i++) {
            const podfmt_segment *seg = &w->doc->segments[i];
            if (i > p.first)
                podfmt_buf_putc(w->out, ' ');
            if (html_inline(w, seg->text + skip, seg->len - skip) != 0)
                return -1;
            skip = 0;
        }
        podfmt_buf_puts(w->out, p.item ? "</li>\n" : "</p>\n");
        if (p.item && p.closes)
            podfmt_buf_puts(w->out, ordered ? "</ol>\n" : "</ul>\n");
    }
    return 0;
}

/* Writes blocks [0, n) of the document; the headings among them have
 * their ids already (a page), or get them now, in order (a fragment). */
static int write_blocks(html_writer *w, size_t n)
{
    const podfmt_doc *doc = w->doc;
    podfmt_buf *out = w->out;
    if (speaker_parts(w) != 0)
        return -1;
    for (size_t bi = 0; bi < n && !out->failed; bi++) {
        const podfmt_block *b = &doc->blocks[bi];
        if (b->kind == PODFMT_BLOCK_HEADING) {
            size_t k = w->k++;
            if (k == w->n_headings && heading_id(w, b) != 0)
                return -1;
            podfmt_buf_puts(out, "<h2 id=\"");
            html_escape(out, w->ids.data + w->id_off[k],
                        w->id_off[k + 1] - w->id_off[k]);
            podfmt_buf_puts(out, w->email ? "\" style=\"" EMAIL_H2 "\">" : "\">");
            for (size_t j = 0; j < b->count; j++) {
                const podfmt_segment *seg = &doc->segments[b->first + j];
                if (j > 0)
                    podfmt_buf_putc(out, ' ');
                if (html_inline(w, seg->text, seg->len) != 0)
                    return -1;
            }
            podfmt_buf_puts(out, "</h2>\n");
            continue;
        }
        if (b->kind == PODFMT_BLOCK_NOTE) {
            if (put_paragraphs(w, b, w->email ? "<p class=\"note\" style=\"" EMAIL_NOTE "\">"
                                              : "<p class=\"note\">") != 0)
                return -1;
            continue;
        }
        int s = b->speaker >= 0 && (size_t)b->speaker < doc->n_speakers
                    ? b->speaker : -1;
        podfmt_buf_puts(out, "<div class=\"turn");
        if (s >= 0) {
            podfmt_buf_puts(out, " speaker-");
            put_speaker_part(w, s, 0);
        }
        podfmt_buf_putc(out, '"');
        if (w->email) {
            podfmt_buf_puts(out, " style=\"" EMAIL_TURN);
            podfmt_buf_puts(out, s >= 0 ? speaker_color(w, s, 0) : "#cccccc");
            podfmt_buf_putc(out, '"');
        }
        podfmt_buf_puts(out, ">\n");
        if (s >= 0 || b->start != PODFMT_NO_TIME) {
            if (s >= 0) {
                podfmt_buf_puts(out, "<cite");
                if (w->email) {
                    podfmt_buf_puts(out, " style=\"" EMAIL_CITE);
                    podfmt_buf_puts(out, speaker_color(w, s, 0));
                    podfmt_buf_putc(out, '"');
                }
                podfmt_buf_putc(out, '>');
                put_speaker_part(w, s, 1);
                podfmt_buf_puts(out, "</cite>");
            }
            if (b->start != PODFMT_NO_TIME) {
                if (s >= 0)
                    podfmt_buf_putc(out, ' ');
                put_time(w, b->start);
            }
            podfmt_buf_putc(out, '\n');
        }
        if (put_paragraphs(w, b, w->email ? "<p style=\"" EMAIL_P "\">" : "<p>") != 0)
            return -1;
        podfmt_buf_puts(out, "</div>\n");
    }
    return 0;
}

/* The whole body (a page's template may ask for it more than once). */
static int write_body(html_writer *w)
{
    w->k = 0;
    return write_blocks(w, w->doc->n_blocks);
}

/* ---- the page ----------------------------------------------------------- */

static void write_style(html_writer *w)
{
    size_t n;
    const char *css = podfmt_template_get("style.css", &n);
    if (css)
        podfmt_buf_put(w->out, css, n);
    for (size_t s = 0; s < w->doc->n_speakers; s++) {
        podfmt_buf_puts(w->out, ".speaker-");
        put_class_id(w->out, w->doc->speakers[s].id);
        podfmt_buf_puts(w->out, " { --speaker-light: ");
        podfmt_buf_puts(w->out, speaker_color(w, (int)s, 0));
        podfmt_buf_puts(w->out, "; --speaker-dark: ");
        podfmt_buf_puts(w->out, speaker_color(w, (int)s, 1));
        podfmt_buf_puts(w->out, "; }\n");
    }
}

static void write_speakers(html_writer *w)
{
    podfmt_buf *out = w->out;
    podfmt_buf_puts(out, "<ul class=\"speakers\">");
    for (size_t s = 0; s < w->doc->n_speakers; s++) {
        podfmt_buf_puts(out, "<li class=\"speaker-");
        put_class_id(out, w->doc->speakers[s].id);
        podfmt_buf_putc(out, '"');
        if (w->email) {
            podfmt_buf_puts(out, " style=\"font-weight:bold;color:");
            podfmt_buf_puts(out, speaker_color(w, (int)s, 0));
            podfmt_buf_putc(out, '"');
        }
        podfmt_buf_putc(out, '>');
        put_escaped(out, w->doc->speakers[s].name);
        podfmt_buf_puts(out, "</li>");
    }
    podfmt_buf_puts(out, "</ul>");
}

static void write_toc(html_writer *w)
{
    podfmt_buf *out = w->out;
    podfmt_buf_puts(out, "<ol>\n");
    for (size_t k = 0; k < w->n_headings; k++) {
        podfmt_buf_puts(out, w->email ? "<li><a style=\"" EMAIL_A "\" href=\"#"
                                      : "<li><a href=\"#");
        html_escape(out, w->ids.data + w->id_off[k],
                    w->id_off[k + 1] - w->id_off[k]);
        podfmt_buf_puts(out, "\">");
        html_escape(out, w->titles.data + w->title_off[k],
                    w->title_off[k + 1] - w->title_off[k]);
        podfmt_buf_puts(out, "</a></li>\n");
    }
    podfmt_buf_puts(out, "</ol>");
}

/* ---- talk time ---------------------------------------------------------- */

/* Geometry of the bar chart, in SVG user units. */
#define CHART_W 720
#define CHART_ROW 32
#define CHART_NAME_END 190 /* names end here, right-aligned */
#define CHART_BAR_X 200
#define CHART_BAR_MAX 300 /* a bar of 100% */
#define CHART_NAME_CHARS 18 /* longer names are cut with an ellipsis */
#define UNATTRIBUTED_COLOR "#8a8f96"

/* At most CHART_NAME_CHARS characters of name, escaped. */
static void put_short_name(podfmt_buf *out, const char *name)
{
    size_t n = strlen(name), i = 0;
    for (size_t k = 0; k < CHART_NAME_CHARS && i < n; k++) {
        size_t adv = utf8_seq_len((const unsigned char *)name + i, n - i);
        i += adv ? adv : 1;
    }
    html_escape(out, name, i);
    if (i < n)
        podfmt_buf_puts(out, "\xe2\x80\xa6");
}

/* "40.1% of time, 1234 words" (or "... of words") for row r. */
static void put_share_text(html_writer *w, const talk_row *r)
{
    const talk_stats *st = &w->stats;
    if (st->timed)
        talk_percent(w->out, (uint64_t)r->ms, (uint64_t)st->ms);
    else
        talk_percent(w->out, r->words, st->words);
    podfmt_buf_puts(w->out, st->timed ? " of time, " : " of words, ");
    podfmt_buf_putu(w->out, r->words);
    podfmt_buf_puts(w->out, r->words == 1 ? " word" : " words");
}

static const char *row_color(const html_writer *w, const talk_row *r)
{
    return r->speaker >= 0 ? speaker_color(w, r->speaker, 0)
                           : UNATTRIBUTED_COLOR;
}

/* The page: an inline SVG bar chart (no script, nothing loaded), each
 * bar in its speaker's colour (light and dark through the style sheet's
 * custom properties; the fill attribute is the fallback). */
static void write_stats_svg(html_writer *w)
{
    podfmt_buf *out = w->out;
    const talk_stats *st = &w->stats;
    podfmt_buf_puts(out, st->timed
                             ? "<p class=\"stats-basis\">Share of speaking time</p>\n"
                             : "<p class=\"stats-basis\">Share of words (the input "
                               "does not give the time of every turn)</p>\n");
    podfmt_buf_puts(out, "<svg class=\"talk-time\" xmlns=\"http://www.w3.org/2000/svg\" "
                         "role=\"img\" aria-label=\"Talk time by speaker\" viewBox=\"0 0 ");
    podfmt_buf_putu(out, CHART_W);
    podfmt_buf_putc(out, ' ');
    podfmt_buf_putu(out, st->n * CHART_ROW + 8);
    podfmt_buf_puts(out, "\" width=\"");
    podfmt_buf_putu(out, CHART_W);
    podfmt_buf_puts(out, "\" height=\"");
    podfmt_buf_putu(out, st->n * CHART_ROW + 8);
    podfmt_buf_puts(out, "\">\n");
    for (size_t i = 0; i < st->n; i++) {
        const talk_row *r = &st->rows[i];
        const char *name = talk_row_name(w->doc, r);
        uint64_t y = i * CHART_ROW;
        unsigned pm = talk_permille(st, r);
        uint64_t bar = ((uint64_t)pm * CHART_BAR_MAX + 500) / 1000;
        if (bar == 0 && r->words > 0)
            bar = 1;
        podfmt_buf_puts(out, "<g");
        if (r->speaker >= 0) {
            podfmt_buf_puts(out, " class=\"speaker-");
            put_class_id(out, w->doc->speakers[r->speaker].id);
            podfmt_buf_putc(out, '"');
        }
        podfmt_buf_puts(out, "><title>");
        put_escaped(out, name);
        podfmt_buf_puts(out, ": ");
        put_share_text(w, r);
        podfmt_buf_puts(out, "</title>\n<text x=\"");
        podfmt_buf_putu(out, CHART_NAME_END);
        podfmt_buf_puts(out, "\" y=\"");
        podfmt_buf_putu(out, y + 21);
        podfmt_buf_puts(out, "\" text-anchor=\"end\" fill=\"currentColor\">");
        put_short_name(out, name);
        podfmt_buf_puts(out, "</text>\n<rect x=\"");
        podfmt_buf_putu(out, CHART_BAR_X);
        podfmt_buf_puts(out, "\" y=\"");
        podfmt_buf_putu(out, y + 8);
        podfmt_buf_puts(out, "\" width=\"");
        podfmt_buf_putu(out, bar);
        podfmt_buf_puts(out, "\" height=\"18\" rx=\"3\" fill=\"");
        podfmt_buf_puts(out, row_color(w, r));
        podfmt_buf_puts(out, "\"/>\n<text x=\"");
        podfmt_buf_putu(out, CHART_BAR_X + bar + 8);
        podfmt_buf_puts(out, "\" y=\"");
        podfmt_buf_putu(out, y + 21);
        podfmt_buf_puts(out, "\" fill=\"currentColor\">");
        put_share_text(w, r);
        podfmt_buf_puts(out, "</text></g>\n");
    }
    podfmt_buf_puts(out, "</svg>");
}

/* E-mail: clients drop SVG, so the bars are blocks with inline widths. */
static void write_stats_email(html_writer *w)
{
    podfmt_buf *out = w->out;
    const talk_stats *st = &w->stats;
    podfmt_buf_puts(out, st->timed
                             ? "<p style=\"" EMAIL_NOTE "\">Share of speaking time</p>\n"
                             : "<p style=\"" EMAIL_NOTE "\">Share of words (the input "
                               "does not give the time of every turn)</p>\n");
    for (size_t i = 0; i < st->n; i++) {
        const talk_row *r = &st->rows[i];
        unsigned pm = talk_permille(st, r);
        podfmt_buf_puts(out, "<div style=\"margin:0 0 4px 0;font-size:15px;"
                             "line-height:1.4;color:#222222\"><span style=\""
                             "font-weight:bold;color:");
        podfmt_buf_puts(out, row_color(w, r));
        podfmt_buf_puts(out, "\">");
        put_escaped(out, talk_row_name(w->doc, r));
        podfmt_buf_puts(out, "</span> ");
        put_share_text(w, r);
        podfmt_buf_puts(out, "</div>\n<div style=\"margin:0 0 12px 0;height:10px;"
                             "border-radius:2px;background:");
        podfmt_buf_puts(out, row_color(w, r));
        podfmt_buf_puts(out, ";width:");
        podfmt_buf_putu(out, pm / 10);
        podfmt_buf_putc(out, '.');
        podfmt_buf_putu(out, pm % 10);
        podfmt_buf_puts(out, "%\"></div>\n");
    }
}

static bool name_is(const char *name, size_t len, const char *want)
{
    return strlen(want) == len && memcmp(name, want, len) == 0;
}

/* The template's variables.  title, subtitle, date: escaped text;
 * speakers, toc, body, style, stats (talk time; empty with fewer than two
 * speakers): rendered here; generator: "podfmt X.Y.Z". */
static int lookup(void *ctx, const char *name, size_t len, podfmt_buf *out)
{
    html_writer *w = ctx;
    static const char *const meta[] = {"title", "subtitle", "date"};
    for (size_t i = 0; i < 3; i++) {
        if (!name_is(name, len, meta[i]))
            continue;
        const char *v = podfmt_doc_meta(w->doc, meta[i]);
        if (!out)
            return v && *v ? 1 : 0;
        if (v)
            put_escaped(out, v);
        return 0;
    }
    if (name_is(name, len, "speakers")) {
        if (!out)
            return w->doc->n_speakers > 0;
        write_speakers(w);
        return 0;
    }
    if (name_is(name, len, "toc")) {
        if (!out)
            return w->n_headings > 0;
        write_toc(w);
        return 0;
    }
    if (name_is(name, len, "body")) {
        if (!out)
            return w->doc->n_blocks > 0;
        return write_body(w) == 0 ? 0 : -2;
    }
    if (name_is(name, len, "style")) {
        if (!out)
            return 1;
        write_style(w);
        return 0;
    }
    if (name_is(name, len, "stats")) {
        /* a chart needs two bars to compare */
        if (!out)
            return w->stats.n >= 2;
        if (w->email)
            write_stats_email(w);
        else
            write_stats_svg(w);
        return 0;
    }
    if (name_is(name, len, "generator")) {
        if (out)
            podfmt_buf_puts(out, "podfmt " PODFMT_VERSION);
        return out ? 0 : 1;
    }
    return -1;
}

static void html_init(html_writer *w, const podfmt_doc *doc,
                      const podfmt_options *opts, podfmt_buf *out)
{
    memset(w, 0, sizeof *w);
    w->doc = doc;
    w->opts = opts;
    w->out = out;
    w->email = opts && opts->email;
    podfmt_buf_init(&w->ids);
    podfmt_buf_init(&w->titles);
    podfmt_buf_init(&w->tmp);
    podfmt_buf_init(&w->stem_text);
    podfmt_buf_init(&w->spk);
}

static void html_free(html_writer *w)
{
    podfmt_buf_free(&w->ids);
    podfmt_buf_free(&w->titles);
    podfmt_buf_free(&w->tmp);
    free(w->id_off);
    free(w->title_off);
    free(w->slots);
    free(w->stems);
    podfmt_buf_free(&w->stem_text);
    podfmt_buf_free(&w->spk);
    free(w->spk_off);
    talk_stats_free(&w->stats);
}

/* The fragment, a few blocks at a time. */
static void *html_begin(const podfmt_doc *doc, const podfmt_options *opts,
                        podfmt_buf *out)
{
    html_writer *w = malloc(sizeof *w);
    if (w)
        html_init(w, doc, opts, out);
    return w;
}

static int html_blocks(void *st, const podfmt_doc *doc, size_t n)
{
    html_writer *w = st;
    w->doc = doc;
    return write_blocks(w, n);
}

static podfmt_status html_end(void *st, const podfmt_doc *doc, bool write,
                              podfmt_error *err)
{
    (void)doc;
    html_writer *w = st;
    podfmt_status r = PODFMT_OK;
    if (write && w->out->failed) {
        error_set(err, 0, 0, "out of memory or write failed");
        r = PODFMT_EIO;
    }
    html_free(w);
    free(w);
    return r;
}

static const stream_writer html_stream = {html_begin, html_blocks, html_end,
                                          false, false};

const stream_writer *podfmt_stream_html(const podfmt_options *opts)
{
    return opts && opts->standalone ? NULL : &html_stream;
}

podfmt_status podfmt_write_html(const podfmt_doc *doc,
                                const podfmt_options *opts, podfmt_buf *out,
                                podfmt_error *err)
{
    if (!(opts && opts->standalone))
        return stream_whole(&html_stream, doc, opts, out, err);
    html_writer w;
    html_init(&w, doc, opts, out);
    podfmt_status st = PODFMT_OK;
    const char *t, *what;
    size_t n;
    if (heading_ids(&w) != 0 || speaker_parts(&w) != 0 ||
        talk_stats_compute(doc, &w.stats) != 0) {
        st = PODFMT_EIO;
        error_set(err, 0, 0, "out of memory");
        goto done;
    }
    if (opts->template_text) {
        t = opts->template_text;
        n = opts->template_len;
        what = NULL; /* the caller names the file */
    } else {
        what = w.email ? "built-in template email.html"
                       : "built-in template page.html";
        t = podfmt_template_get(w.email ? "email.html" : "page.html", &n);
    }
    if (!t) {
        error_set(err, 0, 0, "the built-in page template is missing");
        st = PODFMT_EIO;
        goto done;
    }
    st = template_fill(t, n, what, lookup, &w, out, err);
    if (st == PODFMT_OK && out->failed) {
        st = PODFMT_EIO;
        error_set(err, 0, 0, "out of memory or write failed");
    }
done:
    html_free(&w);
    return st;
}
