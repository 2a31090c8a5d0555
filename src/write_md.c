/* -t md: CommonMark for newsletters (Substack, Ghost, Hugo, Jekyll).
 *
 *   # Title
 *
 *   *Subtitle*
 *
 *   ## Heading
 *
 *   **Kamil Galeev:** first paragraph of the turn
 *
 *   next paragraph of the same turn
 *
 * Segment text is CommonMark inline text: it is parsed with inline_parse
 * and written back node by node, so emphasis, strong, code and links stay
 * Markdown while everything else is text, escaped only where it could
 * otherwise read as markup (a newsletter writer edits this output by
 * hand, so "[is that]" stays "[is that]" and "!" stays "!"). */
#include "label.h"
#include "mdhtml.h"
#include "stats.h"

#include <stdlib.h>
#include <string.h>
#include <yaml.h>

typedef struct md_writer {
    podfmt_buf *out;
    bool line_start; /* the next character opens a block's first line */
    bool heading;    /* writing an ATX heading's text */
    int link_depth;  /* inside link text: brackets are escaped */
    char last;       /* the last character written by md_inline */
    bool cell;       /* writing a table cell: '|' is escaped */
    char list;       /* the marker character of the list just written, or 0 */
} md_writer;

static bool is_ascii_punct(unsigned char c)
{
    return (c >= '!' && c <= '/') || (c >= ':' && c <= '@') ||
           (c >= '[' && c <= '`') || (c >= '{' && c <= '~');
}

static bool is_ascii_alnum(unsigned char c)
{
    return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') ||
           (c >= 'A' && c <= 'Z');
}

/* Whether s[i] == '&' starts something CommonMark reads as an entity. */
static bool entity_at(const char *s, size_t n, size_t i)
{
    size_t j = i + 1;
    if (j < n && s[j] == '#')
        j++;
    size_t k = j;
    while (k < n && k - j < 32 && is_ascii_alnum((unsigned char)s[k]))
        k++;
    return k > j && k < n && s[k] == ';';
}

/* How a line that starts with s would open a block: the number of bytes
 * to copy before a backslash that defuses it, or -1 when it opens none. */
static long block_opener(const char *s, size_t n)
{
    if (n == 0)
        return -1;
    unsigned char c = (unsigned char)s[0];
    unsigned char c1 = n > 1 ? (unsigned char)s[1] : ' ';
    switch (c) {
    case '#': {
        size_t k = 0;
        while (k < n && s[k] == '#')
            k++;
        return k <= 6 && (k == n || s[k] == ' ') ? 0 : -1;
    }
    case '-':
        return c1 == ' ' || c1 == '-' ? 0 : -1; /* list item, rule */
    case '+':
        return c1 == ' ' ? 0 : -1;
    case '>':
        return 0;
    default:
        break;
    }
    if (c >= '0' && c <= '9') {
        size_t k = 0;
        while (k < n && s[k] >= '0' && s[k] <= '9')
            k++;
        if (k <= 9 && k < n && (s[k] == '.' || s[k] == ')') &&
            (k + 1 == n || s[k + 1] == ' '))
            return (long)k;
    }
    return -1;
}

/* Writes literal text.  next_link: a link follows right after this text
 * (so "!" or "]" at its end would join it). */
static void md_text(md_writer *w, const char *s, size_t n, bool next_link)
{
    podfmt_buf *out = w->out;
    long opener = -1;
    bool ref_def = false;
    if (w->line_start && n > 0) {
        opener = block_opener(s, n);
        if (s[0] == '[') {
            /* "[label]: url" would be a link reference definition */
            const char *close = memchr(s, ']', n);
            ref_def = !close || (size_t)(close - s) + 1 == n ||
                      close[1] == ':';
        }
    }
    if (n > 0)
        w->line_start = false;
    size_t tildes = 0;
    for (const char *p = s; (p = memchr(p, '~', (size_t)(s + n - p))); p++)
        tildes++;
    /* a heading's closing sequence: " ##" at its very end */
    size_t hash_run = n;
    if (w->heading && !next_link) {
        while (hash_run > 0 && s[hash_run - 1] == '#')
            hash_run--;
        if (hash_run > 0 && s[hash_run - 1] != ' ')
            hash_run = n;
    }
    size_t run = 0; /* start of the stretch not yet copied */
    for (size_t i = 0; i < n; i++) {
        unsigned char c = (unsigned char)s[i];
        unsigned char prev = i > 0 ? (unsigned char)s[i - 1] : 0;
        unsigned char next = i + 1 < n ? (unsigned char)s[i + 1] : 0;
        bool esc = false;
        switch (c) {
        case '\\':
            esc = next == 0 || is_ascii_punct(next);
            break;
        case '`':
            esc = true;
            break;
        case '*':
            esc = !(prev == ' ' && next == ' ');
            break;
        case '_':
            esc = !((prev == ' ' && next == ' ') ||
                    (is_ascii_alnum(prev) && is_ascii_alnum(next)));
            break;
        case '[':
            esc = w->link_depth > 0 || (i == 0 && ref_def);
            break;
        case ']':
            esc = w->link_depth > 0 || next == '(' || next == '[' ||
                  (next == 0 && next_link);
            break;
        case '!':
            esc = next == 0 && next_link;
            break;
        case '<':
            esc = (next >= 'a' && next <= 'z') || (next >= 'A' && next <= 'Z') ||
                  next == '/' || next == '!' || next == '?' ||
                  (next == 0 && next_link);
            break;
        case '&':
            esc = entity_at(s, n, i);
            break;
        case '|':
            esc = w->cell;
            break;
        case '~':
            esc = tildes > 1; /* strikethrough (GFM), ~~~ fences */
            break;
        case '#':
            esc = (i == 0 && opener == 0) || (i == hash_run && i < n);
            break;
        default:
            esc = opener >= 0 && i == (size_t)opener;
            break;
        }
        if (esc) {
            podfmt_buf_put(out, s + run, i - run);
            podfmt_buf_putc(out, '\\');
            run = i;
        }
    }
    podfmt_buf_put(out, s + run, n - run);
    if (n > 0)
        w->last = s[n - 1];
}

/* A code span whose fence is longer than any backtick run inside. */
static void md_code(md_writer *w, const char *s, size_t n)
{
    size_t longest = 0, cur = 0;
    bool all_space = true;
    for (size_t i = 0; i < n; i++) {
        cur = s[i] == '`' ? cur + 1 : 0;
        if (cur > longest)
            longest = cur;
        if (s[i] != ' ')
            all_space = false;
    }
    bool pad = n > 0 && (s[0] == '`' || s[n - 1] == '`' ||
                         (s[0] == ' ' && s[n - 1] == ' ' && !all_space));
    for (size_t i = 0; i <= longest; i++)
        podfmt_buf_putc(w->out, '`');
    if (pad)
        podfmt_buf_putc(w->out, ' ');
    podfmt_buf_put(w->out, s, n);
    if (pad)
        podfmt_buf_putc(w->out, ' ');
    for (size_t i = 0; i <= longest; i++)
        podfmt_buf_putc(w->out, '`');
    w->line_start = false;
    w->last = '`';
}

/* The URLs cmark's safe mode refuses in HTML: a Markdown renderer that is
 * less careful must not get them as links either. */
static bool unsafe_url(const char *url)
{
    if (!url)
        return false;
    size_t n = strlen(url);
    if (text_has_prefix_ci(url, n, "data:"))
        return !(text_has_prefix_ci(url, n, "data:image/png") ||
                 text_has_prefix_ci(url, n, "data:image/gif") ||
                 text_has_prefix_ci(url, n, "data:image/jpeg") ||
                 text_has_prefix_ci(url, n, "data:image/webp"));
    return text_has_prefix_ci(url, n, "javascript:") ||
           text_has_prefix_ci(url, n, "vbscript:") ||
           text_has_prefix_ci(url, n, "file:");
}

/* "](destination "title")" closing a link or image. */
static void md_link_end(md_writer *w, cmark_node *node)
{
    podfmt_buf *out = w->out;
    const char *url = cmark_node_get_url(node);
    const char *title = cmark_node_get_title(node);
    /* javascript: and the like go as cmark's safe HTML has them: a link
     * to nowhere, so that a less careful renderer cannot run them */
    url = url && !unsafe_url(url) ? url : "";
    size_t n = strlen(url);
    bool angle = n == 0;
    for (size_t i = 0; i < n; i++) {
        unsigned char c = (unsigned char)url[i];
        if (c <= ' ' || c == '<' || c == '>')
            angle = true;
    }
    podfmt_buf_puts(out, "](");
    if (angle)
        podfmt_buf_putc(out, '<');
    for (size_t i = 0; i < n; i++) {
        char c = url[i];
        if (c == '\\' || c == '<' || c == '>' || (!angle && (c == '(' || c == ')')))
            podfmt_buf_putc(out, '\\');
        podfmt_buf_putc(out, c);
    }
    if (angle)
        podfmt_buf_putc(out, '>');
    if (title && *title) {
        podfmt_buf_puts(out, " \"");
        for (const char *p = title; *p; p++) {
            if (*p == '"' || *p == '\\')
                podfmt_buf_putc(out, '\\');
            podfmt_buf_putc(out, *p);
        }
        podfmt_buf_putc(out, '"');
    }
    podfmt_buf_putc(out, ')');
    w->last = ')';
}

static bool next_is_link(cmark_node *node)
{
    cmark_node *nx = cmark_node_next(node);
    return nx && (cmark_node_get_type(nx) == CMARK_NODE_LINK ||
                  cmark_node_get_type(nx) == CMARK_NODE_IMAGE);
}

/* Writes segment text: Markdown in, Markdown out, with only the markup
 * cmark saw kept as markup.  Iterative: input nesting cannot grow the
 * stack. */
static int md_inline(md_writer *w, const char *text, size_t len)
{
    if (inline_is_plain(text, len)) {
        md_text(w, text, len, false);
        return 0;
    }
    cmark_node *doc = inline_parse(text, len);
    if (!doc)
        return -1;
    cmark_iter *it = cmark_iter_new(doc);
    if (!it) {
        cmark_node_free(doc);
        return -1;
    }
    /* the delimiter of each open emphasis: '*' unless that would merge
     * with the enclosing '*' or the '*' just written ("*a**b*" is not two
     * emphases); '_' only where it can open (not inside a word) */
    podfmt_buf delims;
    podfmt_buf_init(&delims);

    w->last = ' ';
    cmark_event_type ev;
    while ((ev = cmark_iter_next(it)) != CMARK_EVENT_DONE) {
        cmark_node *node = cmark_iter_get_node(it);
        bool enter = ev == CMARK_EVENT_ENTER;
        cmark_node_type type = cmark_node_get_type(node);
        const char *lit;
        switch (type) {
        case CMARK_NODE_TEXT:
        case CMARK_NODE_HTML_INLINE:
            lit = cmark_node_get_literal(node);
            if (lit)
                md_text(w, lit, strlen(lit), next_is_link(node));
            break;
        case CMARK_NODE_CODE:
            lit = cmark_node_get_literal(node);
            md_code(w, lit ? lit : "", lit ? strlen(lit) : 0);
            break;
        case CMARK_NODE_SOFTBREAK:
        case CMARK_NODE_LINEBREAK:
            podfmt_buf_putc(w->out, ' ');
            w->line_start = false;
            w->last = ' ';
            break;
        case CMARK_NODE_EMPH:
        case CMARK_NODE_STRONG: {
            char d;
            if (enter) {
                char outer = delims.len ? delims.data[delims.len - 1] : 0;
                d = '*';
                if ((outer == '*' || w->last == '*') &&
                    !is_ascii_alnum((unsigned char)w->last))
                    d = '_';
                podfmt_buf_putc(&delims, d);
            } else {
                d = delims.len ? delims.data[--delims.len] : '*';
            }
            podfmt_buf_putc(w->out, d);
            if (type == CMARK_NODE_STRONG)
                podfmt_buf_putc(w->out, d);
            w->last = d;
            w->line_start = false;
            break;
        }
        case CMARK_NODE_LINK:
        case CMARK_NODE_IMAGE:
            /* an image becomes a link to it (a transcript must not make a
             * post load anything, as in HTML) */
            if (enter) {
                podfmt_buf_putc(w->out, '[');
                w->link_depth++;
                w->last = '[';
            } else {
                w->link_depth--;
                md_link_end(w, node);
            }
            w->line_start = false;
            break;
        default:
            break; /* document, paragraph: structure only */
        }
    }
    podfmt_buf_free(&delims);
    cmark_iter_free(it);
    cmark_node_free(doc);
    return 0;
}

/* ---- YAML front matter ------------------------------------------------ */

/* Front matter is for Hugo and Jekyll, but a renderer that knows none
 * reads it as Markdown: a '<' there could open raw HTML.  Every scalar
 * holding one is double-quoted (emit_scalar), where YAML's "\x3c" means
 * the same character, so no '<' is ever written. */
static int yaml_sink(void *data, unsigned char *buffer, size_t size)
{
    podfmt_buf *out = data;
    size_t run = 0;
    for (size_t i = 0; i < size; i++) {
        if (buffer[i] != '<')
            continue;
        podfmt_buf_put(out, (const char *)buffer + run, i - run);
        podfmt_buf_puts(out, "\\x3c");
        run = i + 1;
    }
    podfmt_buf_put(out, (const char *)buffer + run, size - run);
    return !out->failed;
}

static int emit_scalar(yaml_emitter_t *em, const char *s)
{
    yaml_event_t ev;
    if (!yaml_scalar_event_initialize(&ev, NULL, NULL, (yaml_char_t *)s,
                                      (int)strlen(s), 1, 1,
                                      strchr(s, '<') ? YAML_DOUBLE_QUOTED_SCALAR_STYLE
                                                     : YAML_ANY_SCALAR_STYLE))
        return -1;
    return yaml_emitter_emit(em, &ev) ? 0 : -1;
}

static int emit_simple(yaml_emitter_t *em, yaml_event_t *ev, int ok)
{
    return ok && yaml_emitter_emit(em, ev) ? 0 : -1;
}

/* title, subtitle, date first (what Hugo and Jekyll read), then any other
 * meta, then the speakers' names. */
static int front_matter(const podfmt_doc *doc, podfmt_buf *out)
{
    static const char *const first[] = {"title", "subtitle", "date"};
    if (doc->n_meta == 0 && doc->n_speakers == 0) {
        /* libyaml would write "--- {}", which Hugo and Jekyll refuse */
        podfmt_buf_puts(out, "---\n---\n\n");
        return 0;
    }
    yaml_emitter_t em;
    yaml_event_t ev;
    if (!yaml_emitter_initialize(&em))
        return -1;
    yaml_emitter_set_output(&em, yaml_sink, out);
    yaml_emitter_set_unicode(&em, 1);
    yaml_emitter_set_width(&em, -1);
    int rc = emit_simple(&em, &ev,
                         yaml_stream_start_event_initialize(&ev, YAML_UTF8_ENCODING));
    if (!rc)
        rc = emit_simple(&em, &ev,
                         yaml_document_start_event_initialize(&ev, NULL, NULL, NULL, 0));
    if (!rc)
        rc = emit_simple(&em, &ev,
                         yaml_mapping_start_event_initialize(&ev, NULL, NULL, 1,
                                                             YAML_BLOCK_MAPPING_STYLE));
    for (size_t k = 0; !rc && k < 3; k++) {
        const char *v = podfmt_doc_meta(doc, first[k]);
        if (v && !(rc = emit_scalar(&em, first[k])))
            rc = emit_scalar(&em, v);
    }
    for (size_t i = 0; !rc && i < doc->n_meta; i++) {
        const char *key = doc->meta[i].key;
        if (!strcmp(key, "title") || !strcmp(key, "subtitle") ||
            !strcmp(key, "date") || !strcmp(key, "speakers"))
            continue;
        if (!(rc = emit_scalar(&em, key)))
            rc = emit_scalar(&em, doc->meta[i].value);
    }
    if (!rc && doc->n_speakers > 0) {
        rc = emit_scalar(&em, "speakers");
        if (!rc)
            rc = emit_simple(&em, &ev,
                             yaml_sequence_start_event_initialize(
                                 &ev, NULL, NULL, 1, YAML_BLOCK_SEQUENCE_STYLE));
        for (size_t i = 0; !rc && i < doc->n_speakers; i++)
            rc = emit_scalar(&em, doc->speakers[i].name);
        if (!rc)
            rc = emit_simple(&em, &ev, yaml_sequence_end_event_initialize(&ev));
    }
    if (!rc)
        rc = emit_simple(&em, &ev, yaml_mapping_end_event_initialize(&ev));
    if (!rc)
        rc = emit_simple(&em, &ev, yaml_document_end_event_initialize(&ev, 1));
    if (!rc)
        rc = emit_simple(&em, &ev, yaml_stream_end_event_initialize(&ev));
    if (!rc && !yaml_emitter_flush(&em))
        rc = -1;
    yaml_emitter_delete(&em);
    if (rc)
        return -1;
    podfmt_buf_puts(out, "---\n\n");
    return 0;
}

/* ---- blocks --------------------------------------------------------- */

static void paragraph_break(md_writer *w, bool *first_block)
{
    if (!*first_block)
        podfmt_buf_putc(w->out, '\n');
    *first_block = false;
}

/* The segments of block b, paragraph by paragraph; the first paragraph
 * continues whatever the caller has written on its line. */
static int md_paragraphs(md_writer *w, const podfmt_doc *doc,
                         const podfmt_block *b)
{
    prose_iter it;
    prose_para p;
    bool para = false;
    prose_iter_init(&it, doc, b);
    while (prose_iter_next(&it, &p)) {
        if (para) {
            /* items of one list are tight: one line each */
            podfmt_buf_puts(w->out, p.item && !p.opens ? "\n" : "\n\n");
            w->line_start = true;
        } else if (p.item && !w->line_start) {
            /* a list cannot start on the line of "**Name:**" */
            if (w->out->len > 0 && w->out->data[w->out->len - 1] == ' ')
                w->out->len--;
            podfmt_buf_puts(w->out, "\n\n");
            w->line_start = true;
        }
        para = true;
        size_t skip = 0;
        if (p.item) {
            /* CommonMark joins two lists that touch unless their markers
             * differ: a new list right after another takes the other
             * delimiter ("1." then "1)", "-" then "*") */
            char c = p.marker.kind == '1' ? p.marker.delim : '-';
            if (!p.opens && w->list)
                c = w->list;
            else if (c == w->list)
                c = c == '-' ? '*' : c == '.' ? ')' : c == ')' ? '.' : c;
            w->list = c;
            if (p.marker.kind == '1')
                podfmt_buf_putu(w->out, p.marker.number);
            podfmt_buf_putc(w->out, c);
            podfmt_buf_putc(w->out, ' ');
            skip = p.marker.len;
            w->line_start = true; /* the item's text could open a block */
        } else {
            w->list = 0;
        }
        for (size_t i = p.first; i < p.first + p.count; i++) {
            const podfmt_segment *seg = &doc->segments[i];
            if (i > p.first)
                podfmt_buf_putc(w->out, ' ');
            if (md_inline(w, seg->text + skip, seg->len - skip) != 0)
                return -1;
            skip = 0;
        }
    }
    if (para)
        podfmt_buf_putc(w->out, '\n');
    return 0;
}

/* `-s` ends with who spoke how much: a pipe table (GitHub-flavoured, as
 * Ghost, Hugo and Jekyll render it; plain CommonMark shows its text),
 * from the counts of every block (talk_acc_end). */
static void md_stats(md_writer *w, const podfmt_doc *doc, talk_stats st)
{
    podfmt_buf *out = w->out;
    if (st.n >= 2) {
        podfmt_buf_puts(out, "\n## Talk time\n\n");
        podfmt_buf_puts(out, st.timed
                                 ? "| Speaker | Words | Share of words | Time | Share of time |\n"
                                   "| :-- | --: | --: | --: | --: |\n"
                                 : "| Speaker | Words | Share of words |\n"
                                   "| :-- | --: | --: |\n");
        for (size_t i = 0; i < st.n; i++) {
            const talk_row *r = &st.rows[i];
            const char *name = talk_row_name(doc, r);
            podfmt_buf_puts(out, "| ");
            w->cell = true;
            w->line_start = false;
            if (r->speaker >= 0)
                md_text(w, name, strlen(name), false);
            else
                podfmt_buf_puts(out, "*Unattributed*");
            w->cell = false;
            podfmt_buf_puts(out, " | ");
            podfmt_buf_putu(out, r->words);
            podfmt_buf_puts(out, " | ");
            talk_percent(out, r->words, st.words);
            if (st.timed) {
                podfmt_buf_puts(out, " | ");
                prose_clock(out, r->ms + 500);
                podfmt_buf_puts(out, " | ");
                talk_percent(out, (uint64_t)r->ms, (uint64_t)st.ms);
            }
            podfmt_buf_puts(out, " |\n");
        }
        if (!st.timed)
            podfmt_buf_puts(out, "\n*Shares are of words: the input does not "
                                 "give the time of every turn.*\n");
    }
    talk_stats_free(&st);
}

/* The document a few blocks at a time: the front matter (-s), title and
 * subtitle at the start, the talk-time table (-s) at the end. */
typedef struct md_stream {
    md_writer w;
    const podfmt_options *opts;
    bool first_block; /* nothing written yet */
    podfmt_buf link;
    bool front_failed;
    bool counting;  /* -s: the talk-time table at the end */
    bool count_failed;
    talk_acc talk;
} md_stream;

static void *md_begin(const podfmt_doc *doc, const podfmt_options *opts,
                      podfmt_buf *out)
{
    md_stream *m = calloc(1, sizeof *m);
    if (!m)
        return NULL;
    m->w.out = out;
    m->opts = opts;
    m->first_block = true;
    podfmt_buf_init(&m->link);
    md_writer *w = &m->w;
    if (opts && opts->standalone) {
        m->counting = true;
        m->count_failed = talk_acc_init(&m->talk, doc->n_speakers) != 0;
    }
    if (opts && opts->standalone && front_matter(doc, out) != 0) {
        m->front_failed = true;
        return m;
    }
    const char *title = podfmt_doc_meta(doc, "title");
    const char *subtitle = podfmt_doc_meta(doc, "subtitle");
    if (title && *title) {
        paragraph_break(w, &m->first_block);
        podfmt_buf_puts(out, "# ");
        w->heading = true;
        md_text(w, title, strlen(title), false);
        w->heading = false;
        podfmt_buf_putc(out, '\n');
    }
    if (subtitle && *subtitle) {
        paragraph_break(w, &m->first_block);
        podfmt_buf_putc(out, '*');
        w->line_start = false;
        md_text(w, subtitle, strlen(subtitle), false);
        podfmt_buf_puts(out, "*\n");
    }
    return m;
}

static int md_blocks(void *st, const podfmt_doc *doc, size_t n)
{
    md_stream *m = st;
    md_writer *w = &m->w;
    podfmt_buf *out = w->out;
    if (m->front_failed)
        return 0; /* md_end says so */
    if (m->counting && !m->count_failed)
        talk_acc_blocks(&m->talk, doc, n);
    for (size_t bi = 0; bi < n && !out->failed; bi++) {
        const podfmt_block *b = &doc->blocks[bi];
        if (b->kind == PODFMT_BLOCK_HEADING) {
            if (b->count == 0)
                continue;
            paragraph_break(w, &m->first_block);
            w->list = 0;
            podfmt_buf_puts(out, "## ");
            w->heading = true;
            w->line_start = false;
            for (size_t i = 0; i < b->count; i++) {
                const podfmt_segment *seg = &doc->segments[b->first + i];
                if (i > 0)
                    podfmt_buf_putc(out, ' ');
                if (md_inline(w, seg->text, seg->len) != 0)
                    return -1;
            }
            w->heading = false;
            podfmt_buf_putc(out, '\n');
            continue;
        }
        bool named = b->kind == PODFMT_BLOCK_TURN && b->speaker >= 0 &&
                     (size_t)b->speaker < doc->n_speakers;
        if (!named && b->count == 0)
            continue;
        paragraph_break(w, &m->first_block);
        bool opened = false;
        if (named) {
            const char *name = doc->speakers[b->speaker].name;
            podfmt_buf_puts(out, "**");
            w->line_start = false;
            md_text(w, name, strlen(name), false);
            podfmt_buf_puts(out, ":**");
            opened = true;
        }
        podfmt_buf *link = &m->link;
        link->len = 0;
        if (b->start != PODFMT_NO_TIME &&
            prose_time_link(m->opts, b->start, link)) {
            podfmt_buf_puts(out, opened ? " [" : "[");
            prose_clock(out, b->start);
            podfmt_buf_puts(out, "](");
            /* the configured link is a plain http(s) URL; keep it one */
            for (size_t i = 0; i < link->len; i++) {
                char c = link->data[i];
                if (c == ' ')
                    podfmt_buf_puts(out, "%20");
                else if (c == '(' || c == ')' || c == '<' || c == '>' ||
                         c == '\\') {
                    podfmt_buf_putc(out, '\\');
                    podfmt_buf_putc(out, c);
                } else
                    podfmt_buf_putc(out, c);
            }
            podfmt_buf_putc(out, ')');
            opened = true;
        }
        if (opened && b->count > 0)
            podfmt_buf_putc(out, ' ');
        w->line_start = !opened;
        if (opened)
            w->list = 0; /* "**Name:**" is a paragraph between lists */
        if (md_paragraphs(w, doc, b) != 0)
            return -1;
        if (b->count == 0)
            podfmt_buf_putc(out, '\n');
    }
    return 0;
}

static podfmt_status md_end(void *st, const podfmt_doc *doc, bool write,
                            podfmt_error *err)
{
    md_stream *m = st;
    podfmt_status r = PODFMT_OK;
    if (write && m->front_failed) {
        error_set(err, 0, 0, "cannot write the YAML front matter");
        r = PODFMT_EIO;
    } else if (write && m->count_failed) {
        error_set(err, 0, 0, "out of memory");
        r = PODFMT_EIO;
    } else if (write && m->counting) {
        talk_stats ts;
        talk_acc_end(&m->talk, &ts);
        md_stats(&m->w, doc, ts);
    }
    if (r == PODFMT_OK && write && m->w.out->failed) {
        error_set(err, 0, 0, "out of memory or write failed");
        r = PODFMT_EIO;
    }
    if (m->counting)
        talk_acc_free(&m->talk);
    podfmt_buf_free(&m->link);
    free(m);
    return r;
}

static const stream_writer md_stream_writer = {md_begin, md_blocks, md_end,
                                               false, false};

const stream_writer *podfmt_stream_md(const podfmt_options *opts)
{
    (void)opts;
    return &md_stream_writer;
}

podfmt_status podfmt_write_md(const podfmt_doc *doc, const podfmt_options *opts,
                              podfmt_buf *out, podfmt_error *err)
{
    return stream_whole(&md_stream_writer, doc, opts, out, err);
}
