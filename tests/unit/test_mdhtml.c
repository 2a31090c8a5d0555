/* The Markdown and HTML writers: structure, escaping, hostile input,
 * heading ids, templates, prose paragraphs.  Markdown output is read back
 * with cmark itself. */
#include "testutil.h"

#include <cmark.h>
#include <stdio.h>

/* ---- helpers ------------------------------------------------------------ */

static podfmt_doc *interview(void)
{
    podfmt_doc *doc = podfmt_doc_new(NULL);
    assert_non_null(doc);
    const char *t = "Kamil on Nukes and Civil War in Russia";
    const char *st = "Foreign policymakers are unwilling to imagine a world";
    assert_int_equal(podfmt_doc_set_meta(doc, "title", t, strlen(t)), 0);
    assert_int_equal(podfmt_doc_set_meta(doc, "subtitle", st, strlen(st)), 0);
    assert_int_equal(podfmt_doc_set_meta(doc, "date", "2022-09-29", 10), 0);
    int j = podfmt_doc_speaker(doc, "Jordan Schneider", 16);
    int k = podfmt_doc_speaker(doc, "Kamil Galeev", 12);
    assert_true(j >= 0 && k >= 0);
    assert_true(podfmt_doc_add_block(doc, PODFMT_BLOCK_NOTE, -1) >= 0);
    assert_int_equal(podfmt_doc_add_segment(doc, "Intro music plays.", 18,
                                            PODFMT_NO_TIME, PODFMT_NO_TIME), 0);
    assert_true(podfmt_doc_add_block(doc, PODFMT_BLOCK_HEADING, -1) >= 0);
    const char *h = "Putin's Nuclear Considerations";
    assert_int_equal(podfmt_doc_add_segment(doc, h, strlen(h), PODFMT_NO_TIME,
                                            PODFMT_NO_TIME), 0);
    const char *q = "Will he use *nukes*?";
    assert_int_equal(podfmt_doc_add_turn_text(doc, j, q, strlen(q),
                                              PODFMT_NO_TIME, PODFMT_NO_TIME), 0);
    const char *a1 = "I think this could be rational [is that] <inaudible>.";
    const char *a2 = "Another factor: see [the map](https://example.com/map).";
    assert_int_equal(podfmt_doc_add_turn_text(doc, k, a1, strlen(a1),
                                              PODFMT_NO_TIME, PODFMT_NO_TIME), 0);
    assert_int_equal(podfmt_doc_add_turn_text(doc, k, a2, strlen(a2),
                                              PODFMT_NO_TIME, PODFMT_NO_TIME), 0);
    return doc;
}

/* A document of one speakerless turn holding `text`. */
static podfmt_doc *one_turn(const char *text)
{
    podfmt_doc *doc = podfmt_doc_new(NULL);
    assert_true(podfmt_doc_add_block(doc, PODFMT_BLOCK_TURN, -1) >= 0);
    assert_int_equal(podfmt_doc_add_segment(doc, text, strlen(text),
                                            PODFMT_NO_TIME, PODFMT_NO_TIME), 0);
    return doc;
}

static size_t count_nodes(cmark_node *root, cmark_node_type type)
{
    size_t n = 0;
    cmark_iter *it = cmark_iter_new(root);
    cmark_event_type ev;
    while ((ev = cmark_iter_next(it)) != CMARK_EVENT_DONE)
        if (ev == CMARK_EVENT_ENTER &&
            cmark_node_get_type(cmark_iter_get_node(it)) == type)
            n++;
    cmark_iter_free(it);
    return n;
}

static char *render_opts(const podfmt_doc *doc, podfmt_format fmt,
                         int standalone, int email)
{
    podfmt_options o;
    podfmt_options_init(&o);
    o.standalone = standalone;
    o.email = email;
    return render_with(doc, fmt, &o);
}

static size_t count_str(const char *hay, const char *needle)
{
    size_t n = 0;
    for (const char *p = hay; (p = strstr(p, needle)); p += strlen(needle))
        n++;
    return n;
}

/* ---- Markdown ------------------------------------------------------------- */

static void md_interview_layout(void **state)
{
    (void)state;
    podfmt_doc *doc = interview();
    char *md = render_opts(doc, PODFMT_FMT_MD, 0, 0);
    assert_string_equal(
        md,
        "# Kamil on Nukes and Civil War in Russia\n\n"
        "*Foreign policymakers are unwilling to imagine a world*\n\n"
        "Intro music plays.\n\n"
        "## Putin's Nuclear Considerations\n\n"
        "**Jordan Schneider:** Will he use *nukes*?\n\n"
        "**Kamil Galeev:** I think this could be rational [is that] "
        "\\<inaudible>.\n\n"
        "Another factor: see [the map](https://example.com/map).\n");
    free(md);
    podfmt_doc_free(doc);
}

static void md_reads_back_in_cmark(void **state)
{
    (void)state;
    podfmt_doc *doc = interview();
    char *md = render_opts(doc, PODFMT_FMT_MD, 0, 0);
    cmark_node *root = cmark_parse_document(md, strlen(md), CMARK_OPT_DEFAULT);
    assert_int_equal(count_nodes(root, CMARK_NODE_HEADING), 2);
    cmark_node *h1 = cmark_node_first_child(root);
    assert_int_equal(cmark_node_get_type(h1), CMARK_NODE_HEADING);
    assert_int_equal(cmark_node_get_heading_level(h1), 1);
    /* subtitle, note, 2 turn paragraphs + the turn's second paragraph */
    assert_int_equal(count_nodes(root, CMARK_NODE_PARAGRAPH), 5);
    assert_int_equal(count_nodes(root, CMARK_NODE_STRONG), 2);
    assert_int_equal(count_nodes(root, CMARK_NODE_LINK), 1);
    assert_int_equal(count_nodes(root, CMARK_NODE_EMPH), 2);
    assert_int_equal(count_nodes(root, CMARK_NODE_HTML_INLINE), 0);
    assert_int_equal(count_nodes(root, CMARK_NODE_HTML_BLOCK), 0);
    /* the bold names are the speakers' names with a colon */
    char *html = cmark_render_html(root, CMARK_OPT_DEFAULT);
    assert_non_null(strstr(html, "<strong>Jordan Schneider:</strong> Will he"));
    assert_non_null(strstr(html, "<strong>Kamil Galeev:</strong> I think"));
    assert_non_null(strstr(html, "[is that] &lt;inaudible&gt;."));
    assert_non_null(strstr(html, "<h2>Putin's Nuclear Considerations</h2>"));
    free(html);
    cmark_node_free(root);
    free(md);
    podfmt_doc_free(doc);
}

/* segment text -> the Markdown a writer wants to see (escaped minimally) */
static const char *const escapes[][2] = {
    {"<inaudible>", "\\<inaudible>"},
    {"so [is that] right [laughs]", "so [is that] right [laughs]"},
    {"# not a heading", "\\# not a heading"},
    {"#hashtag stays", "#hashtag stays"},
    {"- not a list", "\\- not a list"},
    {"+ nor this", "\\+ nor this"},
    {"1. nor this", "1\\. nor this"},
    {"2022) nor this", "2022\\) nor this"},
    {"1984 was a year.", "1984 was a year."},
    {"> not a quote", "\\> not a quote"},
    {"[x]: http://example.com", "\\[x]: http://example.com"},
    {"a stray \\* star", "a stray * star"},
    {"a \\*stray star", "a \\*stray star"},
    {"![img](http://t/p.gif)", "[img](http://t/p.gif)"}, /* never loaded */
    {"2 * 3 = 6", "2 * 3 = 6"},
    {"snake_case_name", "snake_case_name"},
    {"\\_private\\_", "\\_private\\_"},
    {"Wow! Really. (Yes.)", "Wow! Really. (Yes.)"},
    {"`code` and *em* and **strong**", "`code` and *em* and **strong**"},
    {"[a](http://x.com \"t\")", "[a](http://x.com \"t\")"},
    {"\\[not](a link)", "[not\\](a link)"},
    {"AT&T and &amp;amp;", "AT&T and \\&amp;"},
    {"~5 minutes", "~5 minutes"},
    {"~~not struck~~", "\\~\\~not struck\\~\\~"},
    {"<script>alert(1)</script>", "\\<script>alert(1)\\</script>"},
    {"<!-- c --> <?php ?>", "\\<!-- c --> \\<?php ?>"},
    {"--- ", "\\---"},
    {"``` fence", "\\`\\`\\` fence"},
    {"x < y > z", "x < y > z"},
    {"back\\\\slash", "back\\slash"},
};

static void md_escapes_minimally(void **state)
{
    (void)state;
    for (size_t i = 0; i < sizeof escapes / sizeof *escapes; i++) {
        podfmt_doc *doc = one_turn(escapes[i][0]);
        char *md = render_opts(doc, PODFMT_FMT_MD, 0, 0);
        char want[256];
        snprintf(want, sizeof want, "%s\n", escapes[i][1]);
        if (strcmp(md, want) != 0)
            fail_msg("'%s': got '%s', want '%s'", escapes[i][0], md, want);
        free(md);
        podfmt_doc_free(doc);
    }
}

/* Whatever the text, cmark reads the Markdown back as the same inline
 * content the segment had (rendered to HTML both ways), and never as raw
 * HTML or a block of another kind. */
static void md_round_trips_through_cmark(void **state)
{
    (void)state;
    static const char *const hostile[] = {
        "<img src=x onerror=alert(1)>", "* item", "_a_b_", "**not closed",
        "[x]", "[x][y]", "<http://auto.link>",
        "&#60;script&#62;", "a\\", "### ##", "10) item", "===", "| a | b |",
        "x_", "__init__", "*a* **b** ***c***", "[l](<u v> \"t\")", "`a``b`",
        "``` x ```", "\\<b>", "[a\\]b](c)", "<a href=\"javascript:x\">y</a>",
        "1984. A year", "[link](javascript:alert(1))",
        "Ein [Wort](https://de.wikipedia.org/wiki/Wort_(Linguistik))",
    };
    for (size_t i = 0; i < sizeof hostile / sizeof *hostile; i++) {
        for (int named = 0; named < 2; named++) {
            podfmt_doc *doc = podfmt_doc_new(NULL);
            int s = named ? podfmt_doc_speaker(doc, "Lena", 4) : -1;
            assert_int_equal(podfmt_doc_add_turn_text(
                                 doc, s, hostile[i], strlen(hostile[i]),
                                 PODFMT_NO_TIME, PODFMT_NO_TIME), 0);
            char *md = render_opts(doc, PODFMT_FMT_MD, 0, 0);
            cmark_node *back =
                cmark_parse_document(md, strlen(md), CMARK_OPT_DEFAULT);
            assert_int_equal(count_nodes(back, CMARK_NODE_HTML_INLINE), 0);
            assert_int_equal(count_nodes(back, CMARK_NODE_HTML_BLOCK), 0);
            assert_int_equal(count_nodes(back, CMARK_NODE_PARAGRAPH), 1);
            assert_int_equal(count_nodes(back, CMARK_NODE_HEADING), 0);
            assert_int_equal(count_nodes(back, CMARK_NODE_LIST), 0);
            assert_int_equal(count_nodes(back, CMARK_NODE_THEMATIC_BREAK), 0);
            char *got = cmark_render_html(back, CMARK_OPT_DEFAULT);
            /* what the segment means: its HTML via podfmt's own fragment
             * writer (cmark safe mode), compared after the name */
            char *frag = render_opts(doc, PODFMT_FMT_HTML, 0, 0);
            const char *p = strstr(frag, "<p>");
            assert_non_null(p);
            const char *body = strstr(got, named ? "</strong> " : "<p>");
            assert_non_null(body);
            body += named ? 10 : 3;
            size_t n = strlen(p + 3) - strlen("</p>\n</div>\n");
            if (strncmp(body, p + 3, n) != 0 || strcmp(body + n, "</p>\n") != 0)
                fail_msg("'%s' -> md '%s' -> '%s', want '%.*s'", hostile[i],
                         md, got, (int)n, p + 3);
            free(frag);
            free(got);
            cmark_node_free(back);
            free(md);
            podfmt_doc_free(doc);
        }
    }
}

static void md_hostile_names_and_title(void **state)
{
    (void)state;
    podfmt_doc *doc = podfmt_doc_new(NULL);
    const char *t = "# <b>*Title*</b>";
    podfmt_doc_set_meta(doc, "title", t, strlen(t));
    int s = podfmt_doc_speaker(doc, "Dr_ *Evil* <x>", 14);
    assert_true(s >= 0);
    assert_int_equal(podfmt_doc_add_turn_text(doc, s, "hi", 2, PODFMT_NO_TIME,
                                              PODFMT_NO_TIME), 0);
    char *md = render_opts(doc, PODFMT_FMT_MD, 0, 0);
    assert_string_equal(md, "# # \\<b>\\*Title\\*\\</b>\n\n"
                            "**Dr\\_ \\*Evil\\* \\<x>:** hi\n");
    cmark_node *back = cmark_parse_document(md, strlen(md), CMARK_OPT_DEFAULT);
    char *html = cmark_render_html(back, CMARK_OPT_DEFAULT);
    assert_string_equal(html, "<h1># &lt;b&gt;*Title*&lt;/b&gt;</h1>\n"
                              "<p><strong>Dr_ *Evil* &lt;x&gt;:</strong> hi</p>\n");
    free(html);
    cmark_node_free(back);
    free(md);
    podfmt_doc_free(doc);
}

static void md_front_matter(void **state)
{
    (void)state;
    podfmt_doc *doc = interview();
    const char *t = "Nukes: a \"primer\" # 1";
    podfmt_doc_set_meta(doc, "title", t, strlen(t));
    char *md = render_opts(doc, PODFMT_FMT_MD, 1, 0);
    const char *want =
        "---\n"
        "title: 'Nukes: a \"primer\" # 1'\n"
        "subtitle: Foreign policymakers are unwilling to imagine a world\n"
        "date: 2022-09-29\n"
        "speakers:\n"
        "- Jordan Schneider\n"
        "- Kamil Galeev\n"
        "---\n\n"
        "# Nukes: a \"primer\" # 1\n\n";
    if (strncmp(md, want, strlen(want)) != 0)
        fail_msg("got:\n%s", md);
    /* cmark sees the front matter as a rule and a setext heading, and the
     * document after it unchanged: Hugo and Jekyll strip it first */
    cmark_node *back = cmark_parse_document(md + strlen("---\n"), strlen(md) - 4,
                                            CMARK_OPT_DEFAULT);
    assert_int_equal(count_nodes(back, CMARK_NODE_STRONG), 2);
    cmark_node_free(back);
    free(md);
    podfmt_doc_free(doc);
}

static void md_time_links(void **state)
{
    (void)state;
    podfmt_config cfg = {0};
    cfg.link = "https://example.fm/ep42?t={seconds}";
    podfmt_doc *doc = podfmt_doc_new(NULL);
    int s = podfmt_doc_speaker(doc, "Lena Park", 9);
    assert_int_equal(podfmt_doc_add_turn_text(doc, s, "Welcome back.", 13,
                                              754500, 757000), 0);
    podfmt_options o;
    podfmt_options_init(&o);
    o.config = &cfg;
    char *md = render_with(doc, PODFMT_FMT_MD, &o);
    assert_string_equal(md, "**Lena Park:** [12:34](https://example.fm/ep42?t=754)"
                            " Welcome back.\n");
    free(md);
    char *html = render_with(doc, PODFMT_FMT_HTML, &o);
    assert_non_null(strstr(html, "<a class=\"time\" href=\"https://example.fm/"
                                 "ep42?t=754\"><time datetime=\"PT754.500S\">"
                                 "12:34</time></a>"));
    free(html);
    /* a javascript: link template is not used */
    cfg.link = "javascript:alert({seconds})";
    html = render_with(doc, PODFMT_FMT_HTML, &o);
    assert_null(strstr(html, "javascript"));
    assert_non_null(strstr(html, "<time datetime=\"PT754.500S\">12:34</time>"));
    free(html);
    md = render_with(doc, PODFMT_FMT_MD, &o);
    assert_null(strstr(md, "javascript"));
    free(md);
    podfmt_doc_free(doc);
}

/* Timed cues join into prose; a pause of 2 s or four sentences break. */
static void prose_paragraphs_from_cues(void **state)
{
    (void)state;
    podfmt_doc *doc = podfmt_doc_new(NULL);
    int s = podfmt_doc_speaker(doc, "Lena", 4);
    const struct { const char *t; int64_t a, b; } cues[] = {
        {"So we started", 0, 1000},       {"in the spring.", 1100, 2000},
        {"It rained.", 2100, 3000},       {"A lot.", 3100, 4000},
        {"Then it stopped.", 4100, 5000}, {"Sun came.", 5100, 6000},
        {"Later on, much later.", 9000, 10000},
    };
    for (size_t i = 0; i < sizeof cues / sizeof *cues; i++)
        assert_int_equal(podfmt_doc_add_turn_text(doc, s, cues[i].t,
                                                  strlen(cues[i].t), cues[i].a,
                                                  cues[i].b), 0);
    assert_int_equal(doc->n_blocks, 1);
    char *md = render_opts(doc, PODFMT_FMT_MD, 0, 0);
    assert_string_equal(md, "**Lena:** So we started in the spring. It rained. "
                            "A lot. Then it stopped.\n\n"
                            "Sun came.\n\n"
                            "Later on, much later.\n");
    free(md);
    char *html = render_opts(doc, PODFMT_FMT_HTML, 0, 0);
    assert_int_equal(count_str(html, "<p>"), 3);
    assert_non_null(strstr(html, "<time datetime=\"PT0S\">0:00</time>"));
    free(html);
    podfmt_doc_free(doc);
}

/* ---- HTML ---------------------------------------------------------------- */

static void html_fragment_layout(void **state)
{
    (void)state;
    podfmt_doc *doc = interview();
    char *html = render_opts(doc, PODFMT_FMT_HTML, 0, 0);
    assert_string_equal(
        html,
        "<p class=\"note\">Intro music plays.</p>\n"
        "<h2 id=\"putins-nuclear-considerations\">Putin's Nuclear "
        "Considerations</h2>\n"
        "<div class=\"turn speaker-jordan-schneider\">\n"
        "<cite>Jordan Schneider</cite>\n"
        "<p>Will he use <em>nukes</em>?</p>\n"
        "</div>\n"
        "<div class=\"turn speaker-kamil-galeev\">\n"
        "<cite>Kamil Galeev</cite>\n"
        "<p>I think this could be rational [is that] &lt;inaudible&gt;.</p>\n"
        "<p>Another factor: see <a href=\"https://example.com/map\">the "
        "map</a>.</p>\n"
        "</div>\n");
    free(html);
    podfmt_doc_free(doc);
}

static void html_hostile_input_is_text(void **state)
{
    (void)state;
    podfmt_config_speaker cs[] = {
        {.label = "<img src=x onerror=alert(1)>", .color = "red;}</style><script>x()</script>"},
        {.label = "\"quotes\" & 'ticks'", .color = "#ABCDEF"},
    };
    podfmt_config cfg = {0};
    cfg.speakers = cs;
    cfg.n_speakers = 2;
    podfmt_doc *doc = podfmt_doc_new(&cfg);
    const char *t = "</title><script>alert('t')</script>";
    podfmt_doc_set_meta(doc, "title", t, strlen(t));
    podfmt_doc_set_meta(doc, "subtitle", "\" onload=\"x", 11);
    podfmt_doc_set_meta(doc, "date", "{{body}}", 8);
    int a = podfmt_doc_speaker(doc, cs[0].label, strlen(cs[0].label));
    int b = podfmt_doc_speaker(doc, cs[1].label, strlen(cs[1].label));
    int c = podfmt_doc_add_speaker_id(doc, "x\" onmouseover=\"alert(1)", 24,
                                      "Id Hacker", 9);
    assert_true(a >= 0 && b >= 0 && c >= 0);
    /* what the configuration gives (set here too: this test is about the
     * writer, not about the configuration reader) */
    doc->speakers[a].color = (char *)cs[0].color;
    doc->speakers[b].color = (char *)cs[1].color;
    const char *texts[] = {
        "<script>alert(1)</script> said",
        "[click](javascript:alert(1)) and [ok](https://ok.example)",
        "<a href=\"javascript:alert(2)\">x</a> ![t](https://tracker.example/p.gif)",
        "{{title}} and <style>body{display:none}</style>",
    };
    assert_true(podfmt_doc_add_block(doc, PODFMT_BLOCK_HEADING, -1) >= 0);
    assert_int_equal(podfmt_doc_add_segment(doc, "<b onclick=x>Part</b>", 21,
                                            PODFMT_NO_TIME, PODFMT_NO_TIME), 0);
    for (size_t i = 0; i < 4; i++)
        assert_int_equal(podfmt_doc_add_turn_text(doc, i == 3 ? c : (int)(i % 2 ? b : a),
                                                  texts[i], strlen(texts[i]),
                                                  PODFMT_NO_TIME, PODFMT_NO_TIME), 0);
    for (int mode = 0; mode < 4; mode++) {
        char *html = render_opts(doc, PODFMT_FMT_HTML, mode & 1, mode >> 1);
        /* the tags are shown as text, not dropped */
        assert_non_null(strstr(html, "&lt;script&gt;alert(1)&lt;/script&gt; said"));
        assert_non_null(strstr(html, "&lt;style&gt;body{display:none}&lt;/style&gt;"));
        assert_non_null(strstr(html, "&lt;img src=x onerror=alert(1)&gt;</cite>"));
        assert_non_null(strstr(html, "&quot;quotes&quot; &amp; 'ticks'"));
        assert_non_null(strstr(html, "{{title}} and"));
        assert_null(strstr(html, "<script"));
        assert_null(strstr(html, "<img"));
        assert_null(strstr(html, "<b "));
        assert_null(strstr(html, "href=\"javascript"));
        assert_null(strstr(html, "javascript:alert(1)\""));
        assert_null(strstr(html, "onmouseover=\""));
        assert_null(strstr(html, "src=\""));
        assert_null(strstr(html, "</style><"));
        assert_non_null(strstr(html, "href=\"https://ok.example\">ok</a>"));
        assert_non_null(strstr(html, "href=\"https://tracker.example/p.gif\""));
        /* the class is a sanitised id, the bad colour is replaced */
        assert_non_null(strstr(html, "class=\"turn speaker-x--onmouseover--alert-1-\""));
        assert_null(strstr(html, "red;"));
        if (mode & 1) {
            assert_non_null(strstr(html, "&lt;/title&gt;&lt;script&gt;"));
            assert_non_null(strstr(html, "&quot; onload=&quot;x"));
            assert_int_equal(count_str(html, "<article") + count_str(html, "class=\"turn"),
                             (mode >> 1) ? 4 : 5);
        }
        if (mode == 1)
            assert_non_null(strstr(html, "--speaker-light: #ABCDEF;"));
        if (mode >> 1) {
            assert_null(strstr(html, "<style"));
            assert_non_null(strstr(html, "border-left:4px solid #ABCDEF"));
        }
        free(html);
    }
    podfmt_doc_free(doc);
}

static void html_heading_ids_unique(void **state)
{
    (void)state;
    podfmt_doc *doc = podfmt_doc_new(NULL);
    const char *hs[] = {"Intro", "Intro", "Intro 2", "Top", "!!!", "Ядерный *удар*"};
    const char *ids[] = {"intro", "intro-2", "intro-2-2", "top-2", "section",
                         "ядерный-удар"};
    for (size_t i = 0; i < 6; i++) {
        assert_true(podfmt_doc_add_block(doc, PODFMT_BLOCK_HEADING, -1) >= 0);
        assert_int_equal(podfmt_doc_add_segment(doc, hs[i], strlen(hs[i]),
                                                PODFMT_NO_TIME, PODFMT_NO_TIME), 0);
        assert_int_equal(podfmt_doc_add_turn_text(doc, -1, "text", 4,
                                                  PODFMT_NO_TIME, PODFMT_NO_TIME), 0);
    }
    char *html = render_opts(doc, PODFMT_FMT_HTML, 1, 0);
    for (size_t i = 0; i < 6; i++) {
        if (!ids[i])
            continue;
        char want[128];
        snprintf(want, sizeof want, "<h2 id=\"%s\">", ids[i]);
        assert_int_equal(count_str(html, want), 1);
        snprintf(want, sizeof want, "<li><a href=\"#%s\">", ids[i]);
        assert_int_equal(count_str(html, want), 1);
    }
    /* every TOC link has exactly one target, and all ids differ */
    assert_int_equal(count_str(html, "<li><a href=\"#"), 6);
    const char *p = html;
    size_t n = 0;
    while ((p = strstr(p, "<h2 id=\""))) {
        p += 8;
        const char *q = strchr(p, '"');
        char id[128];
        snprintf(id, sizeof id, " id=\"%.*s\"", (int)(q - p), p);
        assert_int_equal(count_str(html, id), 1);
        char href[128];
        snprintf(href, sizeof href, "href=\"#%.*s\"", (int)(q - p), p);
        assert_int_equal(count_str(html, href), 1);
        n++;
    }
    assert_int_equal(n, 6);
    assert_non_null(strstr(html, "<a href=\"#ядерный-удар\">Ядерный удар</a>"));
    free(html);
    podfmt_doc_free(doc);
}

static void html_standalone_page(void **state)
{
    (void)state;
    podfmt_doc *doc = interview();
    char *html = render_opts(doc, PODFMT_FMT_HTML, 1, 0);
    assert_int_equal(strncmp(html, "<!DOCTYPE html>", 15), 0);
    assert_non_null(strstr(html, "<title>Kamil on Nukes and Civil War in Russia</title>"));
    assert_non_null(strstr(html, "<h1>Kamil on Nukes and Civil War in Russia</h1>"));
    assert_non_null(strstr(html, "<p class=\"subtitle\">Foreign policymakers"));
    assert_non_null(strstr(html, "<time datetime=\"2022-09-29\">2022-09-29</time>"));
    assert_non_null(strstr(html, "<li class=\"speaker-jordan-schneider\">Jordan Schneider</li>"));
    assert_non_null(strstr(html, "<li><a href=\"#putins-nuclear-considerations\">"
                                 "Putin's Nuclear Considerations</a></li>"));
    /* two speakers, two distinct colours in both modes */
    const char *j = strstr(html, ".speaker-jordan-schneider { --speaker-light: ");
    const char *k = strstr(html, ".speaker-kamil-galeev { --speaker-light: ");
    assert_non_null(j);
    assert_non_null(k);
    assert_int_not_equal(strncmp(j + 45, k + 41, 7), 0);
    assert_non_null(strstr(html, "prefers-color-scheme: dark"));
    assert_null(strstr(html, "{{"));
    assert_int_equal(count_str(html, "<div class=\"turn"), 2);
    free(html);
    /* no headings: no table of contents at all */
    podfmt_doc *plain = one_turn("just words");
    html = render_opts(plain, PODFMT_FMT_HTML, 1, 0);
    assert_null(strstr(html, "<nav"));
    assert_null(strstr(html, "<h1>"));
    free(html);
    podfmt_doc_free(plain);
    podfmt_doc_free(doc);
}

static void html_email_inlines_everything(void **state)
{
    (void)state;
    podfmt_doc *doc = interview();
    char *html = render_opts(doc, PODFMT_FMT_HTML, 1, 1);
    assert_null(strstr(html, "<style"));
    assert_null(strstr(html, "<link"));
    assert_null(strstr(html, "<table"));
    assert_null(strstr(html, "{{"));
    /* every element podfmt writes in the body carries its style */
    assert_int_equal(count_str(html, "<div class=\"turn"),
                     count_str(html, "<div class=\"turn speaker-"));
    assert_int_equal(count_str(html, "<p>"), 0);
    assert_int_equal(count_str(html, "<cite>"), 0);
    assert_int_equal(count_str(html, "<a href"), 0);
    assert_non_null(strstr(html, "<a style=\"color:#1d5fa8\" href=\"https://example.com/map\">"));
    free(html);
    podfmt_doc_free(doc);
}

static void template_variables(void **state)
{
    (void)state;
    podfmt_doc *doc = interview();
    podfmt_options o;
    podfmt_options_init(&o);
    o.standalone = 1;
    const char *t = "<h1>{{ title }}</h1>{{#subtitle}}[{{subtitle}}]{{/subtitle}}"
                    "{{#missing_ok}}x{{/missing_ok}}";
    o.template_text = t;
    o.template_len = strlen(t);
    podfmt_buf b;
    podfmt_buf_init(&b);
    podfmt_error err = {0};
    /* a section on an unknown variable is an error naming it */
    assert_int_equal(podfmt_render(doc, PODFMT_FMT_HTML, &o, &b, &err), PODFMT_EUSAGE);
    assert_non_null(strstr(err.message, "unknown variable 'missing_ok'"));
    assert_int_equal(err.line, 1); /* where the template says it */
    assert_int_equal(err.column, 61);
    podfmt_buf_free(&b);

    t = "<h1>{{ title }}</h1>\n{{#subtitle}}[{{subtitle}}]{{/subtitle}}"
        "{{#toc}}T{{/toc}}";
    o.template_text = t;
    o.template_len = strlen(t);
    char *html = render_with(doc, PODFMT_FMT_HTML, &o);
    assert_string_equal(html, "<h1>Kamil on Nukes and Civil War in Russia</h1>\n"
                              "[Foreign policymakers are unwilling to imagine a world]T");
    free(html);

    podfmt_doc *bare = one_turn("x");
    html = render_with(bare, PODFMT_FMT_HTML, &o);
    assert_string_equal(html, "<h1></h1>\n");
    free(html);
    podfmt_doc_free(bare);

    const char *bad[][2] = {
        {"a\n\n{{titel}}", "unknown variable 'titel'"},
        {"{{#title}} no end", "never closed"},
        {"{{ }}", "without a variable name"},
        {"{{title", "without a variable name"},
        {"{{#title}}x{{/toc}}{{/title}}", "'{{/toc}}' closes no open section"},
    };
    for (size_t i = 0; i < 5; i++) {
        o.template_text = bad[i][0];
        o.template_len = strlen(bad[i][0]);
        podfmt_buf_init(&b);
        assert_int_equal(podfmt_render(doc, PODFMT_FMT_HTML, &o, &b, &err),
                         PODFMT_EUSAGE);
        if (!strstr(err.message, bad[i][1]))
            fail_msg("'%s': %s", bad[i][0], err.message);
        if (i == 0) /* the caller puts the template's name in front */
            assert_true(err.line == 3 && err.column == 1);
        podfmt_buf_free(&b);
    }
    podfmt_doc_free(doc);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(md_interview_layout),
        cmocka_unit_test(md_reads_back_in_cmark),
        cmocka_unit_test(md_escapes_minimally),
        cmocka_unit_test(md_round_trips_through_cmark),
        cmocka_unit_test(md_hostile_names_and_title),
        cmocka_unit_test(md_front_matter),
        cmocka_unit_test(md_time_links),
        cmocka_unit_test(prose_paragraphs_from_cues),
        cmocka_unit_test(html_fragment_layout),
        cmocka_unit_test(html_hostile_input_is_text),
        cmocka_unit_test(html_heading_ids_unique),
        cmocka_unit_test(html_standalone_page),
        cmocka_unit_test(html_email_inlines_everything),
        cmocka_unit_test(template_variables),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
