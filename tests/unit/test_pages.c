/* Talk time (--stats, the end of -s pages) and prose paragraphs from
 * timed cues. */
#include "testutil.h"

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
    assert_non_null(strstr(sec, "width=\"240\" height=\"18\" rx=\"3\" fill=\"#aa0000\""));
    assert_non_null(strstr(sec, "width=\"80\" height=\"18\" rx=\"3\" fill=\"#b4410c\""));
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
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
