/* The Markdown reader (-f md): every label shape and trap of
 * CONVENTIONS.md that Markdown can hold, asserted on the model. */
#include "testutil.h"

#include "internal.h"
#include "mdread.h"

#include <stdio.h>

/* The document as lines a person can read: "meta k=v", then one line a
 * block ("T name @ms", "H", "N") and one a segment ("  [ms] text"). */
static char *dump(const podfmt_doc *d)
{
    podfmt_buf b;
    podfmt_buf_init(&b);
    for (size_t i = 0; i < d->n_meta; i++)
        podfmt_buf_printf(&b, "meta %s=%s\n", d->meta[i].key, d->meta[i].value);
    for (size_t i = 0; i < d->n_blocks; i++) {
        const podfmt_block *k = &d->blocks[i];
        if (k->kind == PODFMT_BLOCK_TURN)
            podfmt_buf_printf(&b, "T %s\n",
                              k->speaker >= 0 ? d->speakers[k->speaker].name : "-");
        else
            podfmt_buf_puts(&b, k->kind == PODFMT_BLOCK_HEADING ? "H\n" : "N\n");
        for (size_t j = 0; j < k->count; j++) {
            const podfmt_segment *s = &d->segments[k->first + j];
            /* a list item shows its marker as the source wrote it */
            char mark[16] = "";
            if (s->item == PODFMT_ITEM_BULLET)
                strcpy(mark, "- ");
            else if (s->item > 0)
                snprintf(mark, sizeof mark, "%d. ", s->item);
            if (s->start != PODFMT_NO_TIME)
                podfmt_buf_printf(&b, "  [%lld] %s%s\n", (long long)s->start,
                                  mark, s->text);
            else
                podfmt_buf_printf(&b, "  %s%s\n", mark, s->text);
        }
    }
    podfmt_buf_putc(&b, '\0');
    return b.data;
}

static void check_cfg(const char *md, const char *want, const podfmt_config *cfg)
{
    podfmt_doc *d = parse_with(md, PODFMT_FMT_MD, cfg);
    char *got = dump(d);
    if (strcmp(got, want) != 0)
        print_error("input:\n%s\ngot:\n%s\nwant:\n%s\n", md, got, want);
    assert_string_equal(got, want);
    free(got);
    podfmt_doc_free(d);
}

static void check(const char *md, const char *want) { check_cfg(md, want, NULL); }

static void bold_colon_inside(void **s)
{
    (void)s;
    check("**Ana Ruiz:** So where do we start?\n\n"
          "**Ben Ode:** At the *beginning*.\n\n"
          "**Ana Ruiz:** Fine.\n\nAnd a second paragraph.\n\n**Ben Ode:** Yes.\n",
          "T Ana Ruiz\n  So where do we start?\n"
          "T Ben Ode\n  At the *beginning*.\n"
          "T Ana Ruiz\n  Fine.\n  And a second paragraph.\nT Ben Ode\n  Yes.\n");
}

static void bold_colon_outside_and_none(void **s)
{
    (void)s;
    check("**Ana Ruiz**: So where?\n\n**Ben Ode** Here.\n\n"
          "**Ana Ruiz**: Good.\n\n**Ben Ode** Yes.\n",
          "T Ana Ruiz\n  So where?\nT Ben Ode\n  Here.\n"
          "T Ana Ruiz\n  Good.\nT Ben Ode\n  Yes.\n");
}

static void label_alone_then_paragraphs(void **s)
{
    (void)s;
    check("**Ana Ruiz:**\n\nSo where do we start?\n\nWith a second paragraph.\n\n"
          "**Ben Ode:**\n\nAt the beginning.\n\n**Ana Ruiz:**\n\nGood.\n\n**Ben Ode:**\n\nYes.\n",
          "T Ana Ruiz\n  So where do we start?\n  With a second paragraph.\n"
          "T Ben Ode\n  At the beginning.\nT Ana Ruiz\n  Good.\nT Ben Ode\n  Yes.\n");
}

static void plain_labels_and_roles(void **s)
{
    (void)s;
    check("Ana Ruiz (host): Welcome.\n\nBen Ode: Thanks.\n\n"
          "Ana Ruiz (host): Let's go.\n\nBen Ode: Sure.\n",
          "T Ana Ruiz (host)\n  Welcome.\nT Ben Ode\n  Thanks.\n"
          "T Ana Ruiz (host)\n  Let's go.\nT Ben Ode\n  Sure.\n");
}

static void otter_in_markdown(void **s)
{
    (void)s;
    check("**Ana** [00:00:00] Welcome to the show.\n\n"
          "**Ben** [00:00:05] Thanks for having me.\n\n"
          "**Ana** [00:01]\n\nA time alone, the text below.\n\n"
          "**Ben Ode** 01:10\nThe text on the next line.\n",
          "T Ana\n  [0] Welcome to the show.\nT Ben\n  [5000] Thanks for having me.\n"
          "T Ana\n  [1000] A time alone, the text below.\n"
          "T Ben Ode\n  [70000] The text on the next line.\n");
}

static void time_first_and_diarizer(void **s)
{
    (void)s;
    check("0:00:14.2 **Ana Ruiz** Welcome, with a decimal.\n\n"
          "00:01:29 Ben Ode: Time first, plain label.\n\n"
          "**[00:02] SPEAKER_00:** A diarizer's label.\n",
          "T Ana Ruiz\n  [14200] Welcome, with a decimal.\n"
          "T Ben Ode\n  [89000] Time first, plain label.\n"
          "T SPEAKER_00\n  [2000] A diarizer's label.\n");
}

static void label_used_once_is_text(void **s)
{
    (void)s;
    /* a bold name opening a paragraph is a speaker even once; a plain
     * "Caller: ..." used once, followed by lowercase, is text */
    check("**Ana:** One.\n\n**Ben:** Two.\n\n**Caller:** Once only.\n\n**Ana:** Three.\n\n**Ben:** Four.\n",
          "T Ana\n  One.\nT Ben\n  Two.\nT Caller\n  Once only.\n"
          "T Ana\n  Three.\nT Ben\n  Four.\n");
    check("**Ana:** One.\n\n**Ben:** Two.\n\nConsider Nazarbayev: he borrowed power.\n\n**Ana:** Three.\n\n**Ben:** Four.\n",
          "T Ana\n  One.\nT Ben\n  Two.\n  Consider Nazarbayev: he borrowed power.\n"
          "T Ana\n  Three.\nT Ben\n  Four.\n");
}

static void missing_blank_lines_and_crlf(void **s)
{
    (void)s;
    check("**Ana:** Hi there.\r\n**Ben:** Hello.\r\nstill Ben, a soft break.\r\n"
          "**Ana:** Bye.\r\n**Ben:** Bye now.\r\n",
          "T Ana\n  Hi there.\nT Ben\n  Hello. still Ben, a soft break.\n"
          "T Ana\n  Bye.\nT Ben\n  Bye now.\n");
}

static void hard_breaks(void **s)
{
    (void)s;
    /* every line ending in two spaces; blank lines holding two spaces */
    check("**Ana:** First line.  \nSecond sentence.  \n  \n**Ben:** Reply that  \n"
          "goes on here.  \n  \n**Ana:** End.  \n  \n**Ben:** Done.  \n",
          "T Ana\n  First line.\n  Second sentence.\n"
          "T Ben\n  Reply that goes on here.\nT Ana\n  End.\nT Ben\n  Done.\n");
}

static void traps_are_not_speakers(void **s)
{
    (void)s;
    check("**Ana:** Start.\n\nMORE IMPORTANTLY: this is still Ana.\n\n"
          "Key takeaways: also Ana.\n\n**Break**: [23:37]\n\n**Ben:** Back.\n\n"
          "Note: the audio cut out.\n\n**Ana:** Yes.\n\n**Ben:** End.\n",
          "T Ana\n  Start.\n  MORE IMPORTANTLY: this is still Ana.\n"
          "  Key takeaways: also Ana.\nH\n  [1417000] Break\n"
          "T Ben\n  Back.\nN\n  Note: the audio cut out.\n"
          "T Ana\n  Yes.\nT Ben\n  End.\n");
}

static void heading_break_and_times_in_paragraphs(void **s)
{
    (void)s;
    check("**Ana:** Before.\n\n# **Break:** [22:39]\n\n"
          "**Ben:** After.\n\\[18:17\\] But traditionally, [laughs] yes.\n\n"
          "\\[18:40\\] A paragraph that opens with a time.\n\n**Ana:** Fine.\n\n**Ben:** Ok.\n",
          "T Ana\n  Before.\nH\n  [1359000] Break\n"
          "T Ben\n  After.\n  [1097000] But traditionally, [laughs] yes.\n"
          "  [1120000] A paragraph that opens with a time.\nT Ana\n  Fine.\nT Ben\n  Ok.\n");
}

static void entities_quotes_emoji(void **s)
{
    (void)s;
    check("**Ana:** It&#39;s &quot;fine&quot; \xE2\x80\x9C" "curly\xE2\x80\x9D \xF0\x9F\x98\x80 AT&amp;T.\n\n"
          "**Ben:** Literal &amp;amp; stays, *a* \\*b\\* [t](https://x.org \"T\") <b>tag</b>.\n\n"
          "**Ana:** ok\n\n**Ben:** ok\n",
          "T Ana\n  It's \"fine\" \xE2\x80\x9C" "curly\xE2\x80\x9D \xF0\x9F\x98\x80 AT&T.\n"
          "T Ben\n  Literal \\&amp; stays, *a* \\*b\\* [t](https://x.org \"T\") <b>tag</b>.\n"
          "T Ana\n  ok\nT Ben\n  ok\n");
}

static void front_matter_title_notes_marker_tail(void **s)
{
    (void)s;
    check("---\ntitle: \"Kamil on Nukes\"\nsubtitle: >\n  Folded\n  subtitle\n"
          "date: 2022-09-29\ntags: [russia, nukes]\nextra:\n  nested: ignored\n---\n\n"
          "# Kamil on Nukes\n\nShow notes: we talk about *nukes*.\n\n"
          "- [Kamil's Twitter](https://twitter.com/kamilkazani)\n- Book: <https://example.com/book>\n\n"
          "Guest: Kamil Galeev\n\nGuest: Kamil Galeev again\n\n"
          "## Transcript\n\n**Jordan:** Question?\n\n**Kamil:** Answer.\n\n"
          "**Jordan:** Thanks.\n\n**Kamil:** Bye.\n\nStill Kamil.\n\n---\n\n"
          "Thanks for reading ChinaTalk! Subscribe now.\n\nTranscribed by https://otter.ai\n",
          "meta title=Kamil on Nukes\nmeta subtitle=Folded subtitle\nmeta date=2022-09-29\n"
          "meta tags=russia, nukes\n"
          "N\n  Show notes: we talk about *nukes*.\n"
          "  - [Kamil's Twitter](https://twitter.com/kamilkazani)\n"
          "  - Book: <https://example.com/book>\n"
          "  Guest: Kamil Galeev\n  Guest: Kamil Galeev again\n"
          "H\n  Transcript\nT Jordan\n  Question?\nT Kamil\n  Answer.\n"
          "T Jordan\n  Thanks.\nT Kamil\n  Bye.\n  Still Kamil.\n"
          "N\n  Thanks for reading ChinaTalk! Subscribe now.\n");
}

static void bold_transcript_marker_and_first_h1_title(void **s)
{
    (void)s;
    check("# Episode 12: Soil\n\nAn intro about the episode.\n\n"
          "**TRANSCRIPT BELOW:**\n\n**Ana:** Hi.\n\n**Ben:** Hello.\n\n**Ana:** Bye.\n\n**Ben:** Bye.\n\n"
          "## Second half\n\nPlease subscribe on your favourite app.\n",
          "meta title=Episode 12: Soil\n"
          "N\n  An intro about the episode.\n  **TRANSCRIPT BELOW:**\n"
          "T Ana\n  Hi.\nT Ben\n  Hello.\nT Ana\n  Bye.\nT Ben\n  Bye.\nH\n  Second half\n"
          "N\n  Please subscribe on your favourite app.\n");
}

static void no_labels_are_speakerless_turns(void **s)
{
    (void)s;
    check("# My Essay\n\nFirst paragraph\nwrapped.\n\n## Part two\n\nSecond paragraph.\n",
          "meta title=My Essay\nT -\n  First paragraph wrapped.\n"
          "H\n  Part two\nT -\n  Second paragraph.\n");
}

static void lists_code_and_html_are_text(void **s)
{
    (void)s;
    check("**Ana:** Three points:\n\n1. First *one*\n2. Second\n\n"
          "A paragraph.\n\n    indented code_like *text*\n\n<div>raw html</div>\n\n**Ben:** Ok.\n\n**Ana:** Done.\n\n**Ben:** Ok.\n",
          "T Ana\n  Three points:\n  1. First *one*\n  2. Second\n"
          "  A paragraph.\n  indented code_like \\*text\\*\n  \\<div>raw html\\</div>\n"
          "T Ben\n  Ok.\nT Ana\n  Done.\nT Ben\n  Ok.\n");
}

static void names_alone_on_their_line(void **s)
{
    (void)s;
    check("Ana Ruiz\nSo where do we start?\n\nBen Ode\nAt the beginning.\n\n"
          "Ana Ruiz\nGood.\n\nBen Ode\nYes.\n",
          "T Ana Ruiz\n  So where do we start?\nT Ben Ode\n  At the beginning.\n"
          "T Ana Ruiz\n  Good.\nT Ben Ode\n  Yes.\n");
}

static void front_matter_errors_have_positions(void **s)
{
    (void)s;
    const char *bad[] = {"---\ntitle: x: y\n---\nText\n",
                         "---\r\ntitle: A\r\nbad: [unclosed\r\n---\r\n\r\nText\r\n"};
    int lines[] = {2, 4}, cols[] = {9, 1};
    for (int i = 0; i < 2; i++) {
        podfmt_doc *d = podfmt_doc_new(NULL);
        podfmt_error err = {0};
        assert_int_equal(podfmt_parse(d, PODFMT_FMT_MD, bad[i], strlen(bad[i]),
                                      NULL, &err),
                         PODFMT_EINPUT);
        assert_int_equal(err.line, lines[i]);
        assert_int_equal(err.column, cols[i]);
        assert_non_null(strstr(err.message, "front matter"));
        podfmt_doc_free(d);
    }
    /* not a mapping: a thematic break and a setext heading, not an error */
    check("---\nJust text\n---\n\nPara.\n", "H\n  Just text\nT -\n  Para.\n");
    /* never closed: Markdown */
    check("---\ntitle: x\n", "T -\n  title: x\n");
}

/* The inline text must read back as the same characters, whatever the
 * input: random strings of Markdown's special characters. */
static void strip_tags(char *h)
{
    char *w = h;
    bool in = false, sp = false;
    for (char *p = h; *p; p++) {
        if (*p == '<') { in = true; continue; }
        if (*p == '>' && in) { in = false; continue; }
        if (in)
            continue;
        if (*p == ' ' || *p == '\n') {
            if (!sp && w != h)
                *w++ = ' ';
            sp = true;
            continue;
        }
        sp = false;
        *w++ = *p;
    }
    while (w > h && w[-1] == ' ')
        w--;
    *w = '\0';
}

static char *shown(const char *s)
{
    cmark_node *d = inline_parse(s, strlen(s));
    assert_non_null(d);
    char *h = cmark_render_html(d, CMARK_OPT_DEFAULT);
    cmark_node_free(d);
    strip_tags(h);
    return h;
}

static void inline_text_keeps_characters(void **s)
{
    (void)s;
    static const char al[] = "ab *_[]()<>`\\&!:;x#\"'";
    unsigned seed = 12345;
    for (int it = 0; it < 3000; it++) {
        char src[40] = "x ";
        size_t n = 2 + (seed = seed * 1103515245u + 12345u) % 25;
        for (size_t i = 2; i < n; i++) {
            seed = seed * 1103515245u + 12345u;
            src[i] = al[(seed >> 8) % (sizeof al - 1)];
        }
        src[n] = '\0';
        podfmt_doc *d = parse_with(src, PODFMT_FMT_MD, NULL);
        if (d->n_segments == 1) {
            char *a = shown(src), *b = shown(d->segments[0].text);
            if (strcmp(a, b) != 0)
                print_error("source %s -> %s\n", src, d->segments[0].text);
            assert_string_equal(a, b);
            free(a);
            free(b);
        }
        podfmt_doc_free(d);
    }
}

static void realistic_markup_is_kept_exactly(void **s)
{
    (void)s;
    /* what real posts hold reads back as the same HTML */
    const char *cases[] = {
        "It's *really* **bold** and _under_ with `code` and [a link](https://a.b/c?x=1&y=2).",
        "Sound tags [laughs] and [crosstalk] and [inaudible 00:00:42] stay.",
        "An autolink <https://otter.ai> and mail <me@example.com>.",
        "snake_case_name and SPEAKER_00 and 5 * 3 = 15 and a\\b.",
        "Brackets [is that](not a link) and ![alt](img.png \"t\").",
        "Entities &copy; &#169; and literal \\&copy; text.",
    };
    for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
        podfmt_doc *d = parse_with(cases[i], PODFMT_FMT_MD, NULL);
        assert_int_equal(d->n_segments, 1);
        cmark_node *a = inline_parse(cases[i], strlen(cases[i]));
        cmark_node *b = inline_parse(d->segments[0].text, d->segments[0].len);
        char *ha = cmark_render_html(a, 0), *hb = cmark_render_html(b, 0);
        if (strcmp(ha, hb) != 0)
            print_error("%s\n-> %s\n", cases[i], d->segments[0].text);
        assert_string_equal(ha, hb);
        free(ha);
        free(hb);
        cmark_node_free(a);
        cmark_node_free(b);
        podfmt_doc_free(d);
    }
}

static void hostile_input_does_not_crash(void **s)
{
    (void)s;
    size_t n = 200000;
    char *big = malloc(n + 1);
    assert_non_null(big);
    const char *pats[] = {">", "*", "[", "- ", "**A:** "};
    for (size_t p = 0; p < 5; p++) {
        size_t l = strlen(pats[p]);
        for (size_t i = 0; i < n; i++)
            big[i] = pats[p][i % l];
        big[n] = '\0';
        podfmt_doc *d = podfmt_doc_new(NULL);
        podfmt_error err = {0};
        podfmt_status st = podfmt_parse(d, PODFMT_FMT_MD, big, n, NULL, &err);
        assert_int_equal(st, PODFMT_OK);
        podfmt_doc_free(d);
    }
    free(big);
}

static void detection_picks_md(void **s)
{
    (void)s;
    const char *docs[] = {
        "---\ntitle: x\n---\n\n**Ana:** Hi.\n\n**Ben:** Hello.\n",
        "# Title\n\n**Ana:** Hi.\n\n**Ben:** Hello.\n",
        "**Ana:** Hi.\n\n**Ben:** Hello.\n",
        "**Ana** [00:00:00] Hi.\n\n**Ben** [00:00:05] Hello.\n",
    };
    for (size_t i = 0; i < sizeof docs / sizeof *docs; i++)
        assert_int_equal(podfmt_detect(docs[i], strlen(docs[i]), NULL), PODFMT_FMT_MD);
}

/* The inline text of one Markdown line, with or without the shortcuts
 * that skip the parse check. */
static char *line_inlines(const char *md, bool shortcuts)
{
    cmark_node *doc = cmark_parse_document(md, strlen(md), CMARK_OPT_DEFAULT);
    assert_non_null(doc);
    cmark_node *para = cmark_node_first_child(doc);
    podfmt_buf out, plain;
    podfmt_buf_init(&out);
    podfmt_buf_init(&plain);
    if (para && cmark_node_get_type(para) == CMARK_NODE_PARAGRAPH)
        assert_int_equal(md_inlines_checked(cmark_node_first_child(para), NULL,
                                            &out, &plain, shortcuts), 0);
    podfmt_buf_putc(&out, '|'); /* the plain text too */
    podfmt_buf_put(&out, plain.data ? plain.data : "", plain.len);
    podfmt_buf_free(&plain);
    cmark_node_free(doc);
    char *r = malloc(out.len + 1);
    assert_non_null(r);
    memcpy(r, out.data, out.len);
    r[out.len] = '\0';
    podfmt_buf_free(&out);
    return r;
}

static void same_both_ways(const char *md)
{
    char *fast = line_inlines(md, true);
    char *slow = line_inlines(md, false);
    if (strcmp(fast, slow) != 0)
        fail_msg("%s: shortcut gives %s, the check %s", md, fast, slow);
    free(fast);
    free(slow);
}

/* "**Ana:** text" skips the check that parses each line again: for every
 * shape of label, delimiter and what follows, near and far from the
 * shortcut's edges, the text is what the check gives. */
static void strong_label_shortcut_matches_check(void **state)
{
    (void)state;
    static const char *const labels[] = {
        "Ana", "Ana Ruiz:", "\"Ana\":", "A.", "Ana (host):", "\xC2\xA1" "Ana!",
        "Ana's", "(Ana)", "-Ana-", ":", "Zo\xC3\xAB:", "\xE5\x8F\xB8\xE4\xBC\x9A:",
        "Ana_Ruiz", "Ana*", "Ana ", " Ana", "Ana\xC2\xA0", "\xC2\xA0" "Ana",
        "Ana & Ben:", "a<b", "Ana!", "x",
    };
    static const char *const delims[][2] = {
        {"**", "**"}, {"__", "__"}, {"***", "***"}, {"*", "*"}, {"**", "*"},
    };
    static const char *const rests[] = {
        "", " So", "So", "  So  there", ":", ": So", "! Wow", "'s turn",
        " \"quoted\"", " it's", " 5 > 3", " a_b", " *x*", " [link](u)", " `c`",
        " <b>", " &amp;", " \\*", " !", " tail!", "\xC2\xA0So", ". Done", " **",
        " Ben: **Ben:** yes", "_", " ~x~", " http://x.example/a_b",
    };
    int checked = 0;
    for (size_t l = 0; l < sizeof labels / sizeof labels[0]; l++)
        for (size_t d = 0; d < sizeof delims / sizeof delims[0]; d++)
            for (size_t r = 0; r < sizeof rests / sizeof rests[0]; r++) {
                char md[256];
                snprintf(md, sizeof md, "%s%s%s%s", delims[d][0], labels[l],
                         delims[d][1], rests[r]);
                same_both_ways(md);
                checked++;
            }
    assert_int_equal(checked, 22 * 5 * 27);
    /* and lines made at random of the characters that matter */
    static const char *const pieces[] = {
        "a", "B", " ", "*", "_", "[", "]", "(", ")", "<", ">", "&", "!", "\\",
        "`", ":", ".", "'", "\"", "\xC2\xA0", "\xC3\xAB", "1", "#", ";", "-",
    };
    size_t np = sizeof pieces / sizeof pieces[0];
    uint32_t seed = 7;
    for (int k = 0; k < 20000; k++) {
        char md[160] = "";
        for (int part = 0; part < 4; part++) {
            seed = seed * 1103515245u + 12345u;
            int len = part == 0 || part == 2 ? 1 + (int)(seed >> 16) % 2
                                             : (int)(seed >> 16) % 7;
            for (int i = 0; i < len; i++) {
                seed = seed * 1103515245u + 12345u;
                strcat(md, part == 0 || part == 2 ? ((seed >> 16) % 3 ? "*" : "_")
                                                  : pieces[(seed >> 16) % np]);
            }
        }
        same_both_ways(md);
    }
    /* and the shortcut is taken where it should be: the same text */
    char *t = line_inlines("**Ana Ruiz:** So where do we start?", true);
    assert_string_equal(t, "**Ana Ruiz:** So where do we start?|Ana Ruiz: So where do we start?");
    free(t);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(strong_label_shortcut_matches_check),
        cmocka_unit_test(bold_colon_inside),
        cmocka_unit_test(bold_colon_outside_and_none),
        cmocka_unit_test(label_alone_then_paragraphs),
        cmocka_unit_test(plain_labels_and_roles),
        cmocka_unit_test(otter_in_markdown),
        cmocka_unit_test(time_first_and_diarizer),
        cmocka_unit_test(label_used_once_is_text),
        cmocka_unit_test(missing_blank_lines_and_crlf),
        cmocka_unit_test(hard_breaks),
        cmocka_unit_test(traps_are_not_speakers),
        cmocka_unit_test(heading_break_and_times_in_paragraphs),
        cmocka_unit_test(entities_quotes_emoji),
        cmocka_unit_test(front_matter_title_notes_marker_tail),
        cmocka_unit_test(bold_transcript_marker_and_first_h1_title),
        cmocka_unit_test(no_labels_are_speakerless_turns),
        cmocka_unit_test(lists_code_and_html_are_text),
        cmocka_unit_test(names_alone_on_their_line),
        cmocka_unit_test(front_matter_errors_have_positions),
        cmocka_unit_test(inline_text_keeps_characters),
        cmocka_unit_test(realistic_markup_is_kept_exactly),
        cmocka_unit_test(hostile_input_does_not_crash),
        cmocka_unit_test(detection_picks_md),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
