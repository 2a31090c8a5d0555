/* Talk time (--stats, the end of -s pages) and prose paragraphs from
 * timed cues. */
#include "testutil.h"

#include <stdio.h>
#include <strings.h>

#include "internal.h" /* inline_parse: what segment text means */

#define S(ms) ((int64_t)(ms))

static void add(podfmt_doc *doc, int speaker, const char *text, int64_t start,
                int64_t end)
{
    assert_int_equal(podfmt_doc_add_turn_text(doc, speaker, text, strlen(text),
                                              start, end), 0);
}

static char *stats_of(const podfmt_doc *doc)
{
    podfmt_buf b;
    podfmt_buf_init(&b);
    podfmt_error err = {0};
    assert_int_equal(podfmt_write_stats(doc, NULL, &b, &err), PODFMT_OK);
    podfmt_buf_putc(&b, '\0');
    return b.data;
}

static char *page(const podfmt_doc *doc, podfmt_format fmt, int email)
{
    podfmt_options o;
    podfmt_options_init(&o);
    o.standalone = 1;
    o.email = email;
    return render_with(doc, fmt, &o);
}

/* Cue times: a speaker's time is the sum of their cues, pauses are
 * nobody's. */
static void stats_from_cue_times(void **state)
{
    (void)state;
    podfmt_doc *doc = podfmt_doc_new(NULL);
    int ana = podfmt_doc_speaker(doc, "Ana", 3);
    int ben = podfmt_doc_speaker(doc, "Ben", 3);
    add(doc, ana, "one two three", S(0), S(3000));
    add(doc, ana, "four", S(3000), S(6000));
    add(doc, ben, "five six", S(16000), S(18000)); /* 10 s pause before */
    add(doc, ana, "seven", S(18000), S(21000));
    char *t = stats_of(doc);
    assert_string_equal(t, "Speaker    Words  Words%      Time   Time%\n"
                           "Ana            5   71.4%      0:09   81.8%\n"
                           "Ben            2   28.6%      0:02   18.2%\n"
                           "Total          7  100.0%      0:11  100.0%\n");
    free(t);
    podfmt_doc_free(doc);
}

/* Start times only (an Otter-style export): a turn lasts until the next
 * turn starts; the last one until its own last known time. */
static void stats_from_start_times(void **state)
{
    (void)state;
    podfmt_doc *doc = podfmt_doc_new(NULL);
    int ana = podfmt_doc_speaker(doc, "Ana", 3);
    int ben = podfmt_doc_speaker(doc, "Ben", 3);
    add(doc, ana, "a b", S(0), PODFMT_NO_TIME);
    add(doc, ben, "c", S(30000), PODFMT_NO_TIME);
    add(doc, ana, "d", S(40000), S(50000));
    char *t = stats_of(doc);
    assert_non_null(strstr(t, "Ana            3   75.0%      0:40   80.0%\n"));
    assert_non_null(strstr(t, "Ben            1   25.0%      0:10   20.0%\n"));
    free(t);
    podfmt_doc_free(doc);
}

/* One untimed turn makes every time share unknown: words only, said. */
static void stats_words_only_when_a_turn_is_untimed(void **state)
{
    (void)state;
    podfmt_doc *doc = podfmt_doc_new(NULL);
    int ana = podfmt_doc_speaker(doc, "Ana", 3);
    add(doc, ana, "timed words", S(0), S(2000));
    add(doc, -1, "nobody knows who said this", PODFMT_NO_TIME, PODFMT_NO_TIME);
    podfmt_doc_add_block(doc, PODFMT_BLOCK_NOTE, -1);
    podfmt_doc_add_segment(doc, "a note is nobody's talk", 23, PODFMT_NO_TIME,
                           PODFMT_NO_TIME);
    char *t = stats_of(doc);
    assert_string_equal(t, "Speaker         Words  Words%\n"
                           "Ana                 2   28.6%\n"
                           "Unattributed        5   71.4%\n"
                           "Total               7  100.0%\n"
                           "Shares are of words only: the input does not "
                           "give the time of every turn.\n");
    free(t);
    podfmt_doc_free(doc);
}

/* Wide characters take two columns: the table stays aligned. */
static void stats_aligns_wide_names(void **state)
{
    (void)state;
    podfmt_doc *doc = podfmt_doc_new(NULL);
    int a = podfmt_doc_speaker(doc, "王小明", strlen("王小明"));
    int b = podfmt_doc_speaker(doc, "Bo", 2);
    add(doc, a, "ni hao", PODFMT_NO_TIME, PODFMT_NO_TIME);
    add(doc, b, "hi", PODFMT_NO_TIME, PODFMT_NO_TIME);
    char *t = stats_of(doc);
    assert_non_null(strstr(t, "Speaker    Words"));
    assert_non_null(strstr(t, "\n王小明" "         2"));
    assert_non_null(strstr(t, "\nBo" "             1"));
    free(t);
    podfmt_doc_free(doc);
}

/* The page ends with an SVG bar per speaker, in the speaker's colour,
 * the name escaped; no chart for a single speaker. */
static void page_ends_with_bar_chart(void **state)
{
    (void)state;
    podfmt_doc *doc = podfmt_doc_new(NULL);
    int a = podfmt_doc_speaker(doc, "<b>\"Ana\"</b>", 12);
    int b = podfmt_doc_speaker(doc, "Ben", 3);
    assert_int_equal(podfmt_doc_set_speaker_color(doc, a, "#aa0000"), 0);
    add(doc, a, "one two three", S(0), S(3000));
    add(doc, b, "four", S(3000), S(4000));
    char *html = page(doc, PODFMT_FMT_HTML, 0);
    const char *sec = strstr(html, "<section id=\"stats\"");
    assert_non_null(sec);
    assert_true(strstr(html, "</article>") < sec);
    assert_non_null(strstr(sec, "Share of speaking time"));
    assert_non_null(strstr(sec, "&lt;b&gt;&quot;Ana&quot;&lt;/b&gt;: 75.0% of time, 3 words"));
    assert_non_null(strstr(sec, "width=\"225\" height=\"18\" rx=\"3\" fill=\"#aa0000\""));
    assert_non_null(strstr(sec, "width=\"75\" height=\"18\" rx=\"3\" fill=\"#b4410c\""));
    assert_null(strstr(sec, "<b>"));
    assert_null(strstr(html, "<script"));
    free(html);
    char *mail = page(doc, PODFMT_FMT_HTML, 1);
    assert_null(strstr(mail, "<svg"));
    assert_non_null(strstr(mail, "background:#aa0000;width:75.0%"));
    free(mail);
    char *md = page(doc, PODFMT_FMT_MD, 0);
    assert_non_null(strstr(md, "\n## Talk time\n\n| Speaker | Words | Share of words | Time | Share of time |\n"));
    assert_non_null(strstr(md, "| \\<b>\"Ana\"\\</b> | 3 | 75.0% | 0:03 | 75.0% |\n"));
    free(md);
    podfmt_doc_free(doc);

    doc = podfmt_doc_new(NULL);
    a = podfmt_doc_speaker(doc, "Solo", 4);
    add(doc, a, "just me", S(0), S(1000));
    html = page(doc, PODFMT_FMT_HTML, 0);
    assert_null(strstr(html, "id=\"stats\""));
    free(html);
    md = page(doc, PODFMT_FMT_MD, 0);
    assert_null(strstr(md, "Talk time"));
    free(md);
    podfmt_doc_free(doc);
}

/* A heading called "Stats" keeps an id of its own next to the chart. */
static void stats_heading_id_does_not_collide(void **state)
{
    (void)state;
    podfmt_doc *doc = podfmt_doc_new(NULL);
    podfmt_doc_add_block(doc, PODFMT_BLOCK_HEADING, -1);
    podfmt_doc_add_segment(doc, "Stats", 5, PODFMT_NO_TIME, PODFMT_NO_TIME);
    add(doc, podfmt_doc_speaker(doc, "A", 1), "x", PODFMT_NO_TIME, PODFMT_NO_TIME);
    add(doc, podfmt_doc_speaker(doc, "B", 1), "y", PODFMT_NO_TIME, PODFMT_NO_TIME);
    char *html = page(doc, PODFMT_FMT_HTML, 0);
    assert_non_null(strstr(html, "<h2 id=\"stats-2\">Stats</h2>"));
    assert_non_null(strstr(html, "<a href=\"#stats-2\">"));
    assert_non_null(strstr(html, "<section id=\"stats\""));
    free(html);
    podfmt_doc_free(doc);
}

/* Four sentences close a paragraph only where a cue ends a sentence, not
 * in the middle of one that runs on into the next cue. */
static void prose_breaks_at_sentence_ends(void **state)
{
    (void)state;
    podfmt_doc *doc = podfmt_doc_new(NULL);
    int a = podfmt_doc_speaker(doc, "Ana", 3);
    add(doc, a, "One. Two. Three. Four. And then", S(0), S(1000));
    add(doc, a, "it went on.", S(1000), S(2000));
    add(doc, a, "Next paragraph.", S(2000), S(3000));
    char *html = render_with(doc, PODFMT_FMT_HTML, NULL);
    assert_non_null(strstr(html, "<p>One. Two. Three. Four. And then it went on.</p>\n"
                                 "<p>Next paragraph.</p>\n"));
    free(html);
    podfmt_doc_free(doc);
}


/* ---- cmark reads every Markdown output back ---------------------------- */

/* A list of strings, one after the other, NUL-separated. */
typedef struct strs {
    podfmt_buf b;
    size_t n;
} strs;

static void strs_add(strs *l, const char *s, size_t n)
{
    podfmt_buf_put(&l->b, s, n);
    podfmt_buf_putc(&l->b, '\0');
    l->n++;
}

/* The first difference between two lists, or NULL when equal. */
static void assert_same(const strs *got, const strs *want, const char *what,
                        const char *file)
{
    const char *g = got->b.data, *w = want->b.data;
    for (size_t i = 0; i < got->n && i < want->n; i++) {
        if (strcmp(g, w) != 0)
            fail_msg("%s: %s %zu: cmark reads '%s', the document has '%s'",
                     file, what, i + 1, g, w);
        g += strlen(g) + 1;
        w += strlen(w) + 1;
    }
    if (got->n != want->n)
        fail_msg("%s: cmark reads %zu %s, the document has %zu", file, got->n,
                 what, want->n);
}

/* The plain text of a cmark subtree. */
static void plain_of(cmark_node *node, podfmt_buf *out)
{
    cmark_iter *it = cmark_iter_new(node);
    cmark_event_type ev;
    while ((ev = cmark_iter_next(it)) != CMARK_EVENT_DONE) {
        cmark_node *n = cmark_iter_get_node(it);
        if (ev != CMARK_EVENT_ENTER)
            continue;
        switch (cmark_node_get_type(n)) {
        case CMARK_NODE_TEXT:
        case CMARK_NODE_CODE:
        case CMARK_NODE_HTML_INLINE:
            podfmt_buf_puts(out, cmark_node_get_literal(n));
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
}

static bool unsafe(const char *url)
{
    static const char *const bad[] = {"javascript:", "vbscript:", "file:"};
    for (size_t i = 0; i < 3; i++)
        if (strncasecmp(url, bad[i], strlen(bad[i])) == 0)
            return true;
    return strncasecmp(url, "data:", 5) == 0 &&
           strncasecmp(url, "data:image/png", 14) != 0 &&
           strncasecmp(url, "data:image/gif", 14) != 0 &&
           strncasecmp(url, "data:image/jpeg", 15) != 0 &&
           strncasecmp(url, "data:image/webp", 15) != 0;
}

/* Headings (level 2), the names that open turns, and every link. */
static void read_back(const char *md, strs *heads, strs *names, strs *links)
{
    size_t len = strlen(md);
    /* Hugo and Jekyll take the front matter off; so does this */
    if (strncmp(md, "---\n", 4) == 0) {
        const char *end = strncmp(md + 4, "---\n", 4) == 0
                              ? md + 3 /* empty front matter */
                              : strstr(md + 4, "\n---\n");
        assert_non_null(end);
        len -= (size_t)(end + 5 - md);
        md = end + 5;
    }
    cmark_node *doc = cmark_parse_document(md, len, CMARK_OPT_DEFAULT);
    cmark_iter *it = cmark_iter_new(doc);
    cmark_event_type ev;
    podfmt_buf t;
    podfmt_buf_init(&t);
    while ((ev = cmark_iter_next(it)) != CMARK_EVENT_DONE) {
        cmark_node *n = cmark_iter_get_node(it);
        if (ev != CMARK_EVENT_ENTER)
            continue;
        cmark_node_type type = cmark_node_get_type(n);
        t.len = 0;
        if (type == CMARK_NODE_HEADING && cmark_node_get_heading_level(n) == 2) {
            plain_of(n, &t);
            strs_add(heads, t.data ? t.data : "", t.len);
        } else if (type == CMARK_NODE_PARAGRAPH) {
            cmark_node *first = cmark_node_first_child(n);
            if (first && cmark_node_get_type(first) == CMARK_NODE_STRONG) {
                plain_of(first, &t);
                if (t.len > 0 && t.data[t.len - 1] == ':')
                    strs_add(names, t.data, t.len - 1);
            }
        } else if (type == CMARK_NODE_LINK || type == CMARK_NODE_IMAGE) {
            const char *u = cmark_node_get_url(n);
            strs_add(links, u ? u : "", u ? strlen(u) : 0);
        }
    }
    podfmt_buf_free(&t);
    cmark_iter_free(it);
    cmark_node_free(doc);
}

/* What the document says: the same three lists. */
static void expected(const podfmt_doc *doc, const char *link_prefix,
                     strs *heads, strs *names, strs *links)
{
    podfmt_buf t;
    podfmt_buf_init(&t);
    for (size_t bi = 0; bi < doc->n_blocks; bi++) {
        const podfmt_block *b = &doc->blocks[bi];
        bool named = b->kind == PODFMT_BLOCK_TURN && b->speaker >= 0;
        t.len = 0;
        if (b->kind == PODFMT_BLOCK_HEADING) {
            if (b->count == 0)
                continue;
        } else {
            if (named)
                strs_add(names, doc->speakers[b->speaker].name,
                         strlen(doc->speakers[b->speaker].name));
            if (link_prefix && b->start != PODFMT_NO_TIME &&
                (named || b->count > 0)) {
                char url[128];
                snprintf(url, sizeof url, "%s%lld", link_prefix,
                         (long long)(b->start / 1000));
                strs_add(links, url, strlen(url));
            }
        }
        for (size_t i = 0; i < b->count; i++) {
            const podfmt_segment *seg = &doc->segments[b->first + i];
            cmark_node *in = inline_parse(seg->text, seg->len);
            assert_non_null(in);
            if (i > 0)
                podfmt_buf_putc(&t, ' ');
            plain_of(in, &t);
            cmark_iter *it = cmark_iter_new(in);
            cmark_event_type ev;
            while ((ev = cmark_iter_next(it)) != CMARK_EVENT_DONE) {
                cmark_node *n = cmark_iter_get_node(it);
                cmark_node_type type = cmark_node_get_type(n);
                if (ev == CMARK_EVENT_ENTER &&
                    (type == CMARK_NODE_LINK || type == CMARK_NODE_IMAGE)) {
                    const char *u = cmark_node_get_url(n);
                    u = u && !unsafe(u) ? u : "";
                    strs_add(links, u, strlen(u));
                }
            }
            cmark_iter_free(it);
            cmark_node_free(in);
        }
        if (b->kind == PODFMT_BLOCK_HEADING)
            strs_add(heads, t.data ? t.data : "", t.len);
    }
    podfmt_buf_free(&t);
}

static void md_reads_back(void **state)
{
    (void)state;
    static const char *const files[] = {
        "tests/sh/pages/timed.yaml",
        "tests/sh/pages/hostile.yaml",
        "tests/cases/pages/stats-timed-subtitles.in.srt",
        "tests/cases/pages/stats-last-turn-without-end-words-only.in.txt",
        "tests/seeds/000_1c2f442d8fb017be.txt",
        "tests/seeds/001_154262e86001abe1.txt",
        "tests/seeds/002_d16e6149275d3674.txt",
        "/work/shared/corpus/podcast-namespace/example.srt",
        "/work/shared/corpus/podcast-namespace/example.json",
        "/work/shared/corpus/transcriptator/buzzcast.json",
    };
    const char *prefix = "https://example.fm/ep?t=";
    const char *cfg_text = "link: \"https://example.fm/ep?t={seconds}\"\n";
    podfmt_config *cfg = NULL;
    podfmt_error err = {0};
    assert_int_equal(podfmt_config_parse(cfg_text, strlen(cfg_text), &cfg, &err),
                     PODFMT_OK);
    size_t read = 0, n_heads = 0, n_names = 0, n_links = 0;
    for (size_t f = 0; f < sizeof files / sizeof *files; f++) {
        size_t len;
        char *data = slurp(files[f], &len);
        if (!data) {
            /* the shared corpus lives outside the repository */
            assert_true(files[f][0] == '/');
            continue;
        }
        read++;
        for (int with_link = 0; with_link < 2; with_link++) {
            podfmt_options o;
            podfmt_options_init(&o);
            o.config = with_link ? cfg : NULL;
            o.name_hint = files[f];
            podfmt_doc *doc = podfmt_doc_new(o.config);
            assert_int_equal(podfmt_parse(doc, PODFMT_FMT_AUTO, data, len, &o, &err),
                             PODFMT_OK);
            strs wh = {0}, wn = {0}, wl = {0};
            /* no link template: no timestamp links */
            expected(doc, with_link ? prefix : NULL, &wh, &wn, &wl);
            for (int standalone = 0; standalone < 2; standalone++) {
                o.standalone = standalone;
                char *md = render_with(doc, PODFMT_FMT_MD, &o);
                strs gh = {0}, gn = {0}, gl = {0};
                read_back(md, &gh, &gn, &gl);
                /* -s ends with the talk-time section of its own */
                if (standalone && gh.n == wh.n + 1 &&
                    strcmp(gh.b.data + gh.b.len - strlen("Talk time") - 1,
                           "Talk time") == 0)
                    gh.n--;
                assert_same(&gh, &wh, "headings", files[f]);
                assert_same(&gn, &wn, "turn names", files[f]);
                assert_same(&gl, &wl, "links", files[f]);
                n_heads += gh.n;
                n_names += gn.n;
                n_links += gl.n;
                podfmt_buf_free(&gh.b);
                podfmt_buf_free(&gn.b);
                podfmt_buf_free(&gl.b);
                free(md);
            }
            podfmt_buf_free(&wh.b);
            podfmt_buf_free(&wn.b);
            podfmt_buf_free(&wl.b);
            podfmt_doc_free(doc);
        }
        free(data);
    }
    assert_true(read >= 7);
    /* the repository's fixtures alone: 7 headings and 24 named turns in
     * each of the four renderings, 32 links with the template, 4 without */
    assert_true(n_heads >= 4 * 7);
    assert_true(n_names >= 4 * 24);
    assert_true(n_links >= 2 * 32 + 2 * 4);
    podfmt_config_free(cfg);
}

/* ---- lists in the source stay lists ------------------------------------ */

/* One turn of lines; items[i]: the segment's list item (0: none). */
static podfmt_doc *turn_of(const char *const *lines, const int *items,
                           size_t n, bool named)
{
    podfmt_doc *doc = podfmt_doc_new(NULL);
    int s = named ? podfmt_doc_speaker(doc, "Kamil", 5) : -1;
    podfmt_doc_add_block(doc, PODFMT_BLOCK_TURN, s);
    for (size_t i = 0; i < n; i++) {
        size_t before = doc->n_segments;
        assert_int_equal(podfmt_doc_add_segment(doc, lines[i], strlen(lines[i]),
                                                PODFMT_NO_TIME, PODFMT_NO_TIME), 0);
        podfmt_doc_set_item(doc, before, items[i]);
    }
    return doc;
}

static void list_items_stay_a_list(void **state)
{
    (void)state;
    static const char *const lines[] = {
        "My argument is based on three premises:",
        "Foreign policy serves domestic policy goals",
        "Keeping power is *the* top priority",
        "# not a heading",
        "Then a paragraph.",
    };
    static const int items[] = {0, 1, 2, 3, 0};
    podfmt_doc *doc = turn_of(lines, items, 5, true);
    char *md = render_with(doc, PODFMT_FMT_MD, NULL);
    assert_string_equal(md, "**Kamil:** My argument is based on three premises:\n\n"
                            "1. Foreign policy serves domestic policy goals\n"
                            "2. Keeping power is *the* top priority\n"
                            "3. \\# not a heading\n\n"
                            "Then a paragraph.\n");
    char *html = render_with(doc, PODFMT_FMT_HTML, NULL);
    assert_non_null(strstr(html, "<p>My argument is based on three premises:</p>\n<ol>\n"
                                 "<li>Foreign policy serves domestic policy goals</li>\n"
                                 "<li>Keeping power is <em>the</em> top priority</li>\n"
                                 "<li># not a heading</li>\n</ol>\n<p>Then a paragraph.</p>\n"));
    /* cmark reads the Markdown as one ordered list of three items */
    cmark_node *back = cmark_parse_document(md, strlen(md), CMARK_OPT_DEFAULT);
    cmark_node *list = cmark_node_next(cmark_node_first_child(back));
    assert_int_equal(cmark_node_get_type(list), CMARK_NODE_LIST);
    assert_int_equal(cmark_node_get_list_type(list), CMARK_ORDERED_LIST);
    assert_int_equal(cmark_node_get_list_start(list), 1);
    int n = 0;
    for (cmark_node *i = cmark_node_first_child(list); i; i = cmark_node_next(i))
        n++;
    assert_int_equal(n, 3);
    cmark_node_free(back);
    free(md);
    free(html);
    podfmt_doc_free(doc);
}

static void lists_from_five_and_bullets(void **state)
{
    (void)state;
    static const char *const lines[] = {"five", "six", "a bullet", "another", "1. text"};
    static const int items[] = {5, 6, PODFMT_ITEM_BULLET, PODFMT_ITEM_BULLET, 0};
    podfmt_doc *doc = turn_of(lines, items, 5, false);
    char *md = render_with(doc, PODFMT_FMT_MD, NULL);
    assert_string_equal(md, "5. five\n6. six\n\n- a bullet\n- another\n\n1\\. text\n");
    char *html = render_with(doc, PODFMT_FMT_HTML, NULL);
    assert_non_null(strstr(html, "<ol start=\"5\">\n<li>five</li>\n<li>six</li>\n</ol>\n"
                                 "<ul>\n<li>a bullet</li>\n<li>another</li>\n</ul>\n"
                                 "<p>1. text</p>\n"));
    free(md);
    free(html);
    podfmt_doc_free(doc);
}

/* A list that opens a named turn starts below the name in Markdown (it
 * cannot share the line), right after the <cite> in HTML; numbers that do
 * not follow start a new list (in Markdown with the other delimiter, or
 * CommonMark would join the two). */
static void list_opening_a_turn(void **state)
{
    (void)state;
    static const char *const lines[] = {"one", "two", "again one"};
    static const int items[] = {1, 2, 1};
    podfmt_doc *doc = turn_of(lines, items, 3, true);
    char *md = render_with(doc, PODFMT_FMT_MD, NULL);
    assert_string_equal(md, "**Kamil:**\n\n1. one\n2. two\n\n1) again one\n");
    char *html = render_with(doc, PODFMT_FMT_HTML, NULL);
    assert_non_null(strstr(html, "<cite>Kamil</cite>\n<ol>\n<li>one</li>\n<li>two</li>\n</ol>\n"
                                 "<ol>\n<li>again one</li>\n</ol>\n"));
    podfmt_options o;
    podfmt_options_init(&o);
    o.email = 1;
    char *mail = render_with(doc, PODFMT_FMT_HTML, &o);
    assert_non_null(strstr(mail, "<ol style=\"margin:0 0 10px 0;"));
    free(mail);
    free(md);
    free(html);
    podfmt_doc_free(doc);
}

/* A list in a note (an intro) looks like the note around it. */
static void list_in_a_note(void **state)
{
    (void)state;
    podfmt_doc *doc = podfmt_doc_new(NULL);
    podfmt_doc_add_block(doc, PODFMT_BLOCK_NOTE, -1);
    static const char *const lines[] = {"It means for:", "war;", "peace."};
    static const int items[] = {0, PODFMT_ITEM_BULLET, PODFMT_ITEM_BULLET};
    for (size_t i = 0; i < 3; i++) {
        size_t before = doc->n_segments;
        podfmt_doc_add_segment(doc, lines[i], strlen(lines[i]), PODFMT_NO_TIME,
                               PODFMT_NO_TIME);
        podfmt_doc_set_item(doc, before, items[i]);
    }
    char *html = render_with(doc, PODFMT_FMT_HTML, NULL);
    assert_string_equal(html, "<p class=\"note\">It means for:</p>\n"
                              "<ul class=\"note\">\n<li>war;</li>\n<li>peace.</li>\n</ul>\n");
    free(html);
    char *md = render_with(doc, PODFMT_FMT_MD, NULL);
    assert_string_equal(md, "It means for:\n\n- war;\n- peace.\n");
    free(md);
    podfmt_doc_free(doc);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(stats_from_cue_times),
        cmocka_unit_test(stats_from_start_times),
        cmocka_unit_test(stats_words_only_when_a_turn_is_untimed),
        cmocka_unit_test(stats_aligns_wide_names),
        cmocka_unit_test(page_ends_with_bar_chart),
        cmocka_unit_test(stats_heading_id_does_not_collide),
        cmocka_unit_test(prose_breaks_at_sentence_ends),
        cmocka_unit_test(md_reads_back),
        cmocka_unit_test(list_items_stay_a_list),
        cmocka_unit_test(lists_from_five_and_bullets),
        cmocka_unit_test(list_opening_a_turn),
        cmocka_unit_test(list_in_a_note),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
