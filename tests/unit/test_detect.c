/* `-f auto`: the content decides, the extension only breaks ties, and no
 * convention is mistaken for another. */
#include "testutil.h"

static podfmt_format det(const char *s, const char *name)
{
    return podfmt_detect(s, strlen(s), name);
}

static void subtitles(void **state)
{
    (void)state;
    assert_int_equal(det("WEBVTT\n\n00:01.000 --> 00:02.000\nHi\n", NULL), PODFMT_FMT_VTT);
    assert_int_equal(det("\xEF\xBB\xBFWEBVTT - Some title\r\n\r\n1\r\n", "x.txt"), PODFMT_FMT_VTT);
    assert_int_equal(det("1\n00:00:01,000 --> 00:00:02,000\nHi\n", "x.txt"), PODFMT_FMT_SRT);
    /* numbers missing, dots before the milliseconds, no spaces at the arrow */
    assert_int_equal(det("00:00:01.000-->00:00:02.000\nHi\n\n00:00:03.000-->00:00:04.000\nYo\n", NULL),
                     PODFMT_FMT_SRT);
    /* VTT times in a .srt without header still go to the tolerant SRT reader */
    assert_int_equal(det("\n\n1\n00:01.000 --> 00:02.000\nHi\n", "a.srt"), PODFMT_FMT_SRT);
}

static void structured(void **state)
{
    (void)state;
    assert_int_equal(det("{\"version\": \"1.0.0\", \"segments\": []}", NULL), PODFMT_FMT_JSON);
    assert_int_equal(det("  [ {\"start\": 1, \"end\": 5000, \"text\": \"hi\"} ]", NULL), PODFMT_FMT_JSON);
    assert_int_equal(det("[]", NULL), PODFMT_FMT_JSON);
    assert_int_equal(det("podfmt: 1\nmeta: {}\n", NULL), PODFMT_FMT_YAML);
    assert_int_equal(det("---\npodfmt: 1\nblocks: []\n", NULL), PODFMT_FMT_YAML);
}

static void markdown(void **state)
{
    (void)state;
    assert_int_equal(det("---\ntitle: Ep 1\n---\n\n**Ana:** Hi\n", NULL), PODFMT_FMT_MD);
    assert_int_equal(det("**Ana Ruiz:** So.\n\n**Ben Ode:** Yes.\n", "t.txt"), PODFMT_FMT_MD);
    assert_int_equal(det("# Episode 4\n\n## Transcript\n\nAna: Hi\n", NULL), PODFMT_FMT_MD);
    assert_int_equal(det("**Ana** [00:00:00] Hello\n\n**Ben** [00:00:04] Hi\n", NULL), PODFMT_FMT_MD);
    /* a single Markdown mark is enough with a .md name */
    assert_int_equal(det("Intro.\n\n**Ana:** Hi\n", "ep.md"), PODFMT_FMT_MD);
}

static void plain_text(void **state)
{
    (void)state;
    /* bracketed times open with "[" but are not JSON */
    assert_int_equal(det("[00:01:02] HOST: Welcome back.\n[00:01:09] GUEST: Hi.\n", NULL),
                     PODFMT_FMT_TEXT);
    assert_int_equal(det("Speaker 1 (00:00):\nWelcome.\n\nSpeaker 2 (00:05):\nThanks.\n", NULL),
                     PODFMT_FMT_TEXT);
    assert_int_equal(det("Ana Ruiz  0:03\nSo where do we start?\n", NULL), PODFMT_FMT_TEXT);
    assert_int_equal(det("Kamil on Nukes\nJordan Schneider: Hi.\n", "post.srt"), PODFMT_FMT_TEXT);
    assert_int_equal(det(">> Howdy.\n>> Hi.\n", NULL), PODFMT_FMT_TEXT);
    assert_int_equal(det("", NULL), PODFMT_FMT_TEXT);
}

static void not_read_yet_is_an_error_not_a_guess(void **state)
{
    (void)state;
    const char *cases[] = {
        "<cite>Travis:</cite>\n<time>0:00</time>\n<p>Hello</p>\n",
        "<?xml version=\"1.0\"?>\n<pst:transcripts/>\n",
        "0:00:00.378,0:00:11.378\nCaption text #1\n",
        "[Script Info]\nTitle: x\n",
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        podfmt_doc *d = podfmt_doc_new(NULL);
        podfmt_error err = {0};
        assert_int_equal(podfmt_parse(d, PODFMT_FMT_AUTO, cases[i], strlen(cases[i]), NULL, &err),
                         PODFMT_EINPUT);
        assert_int_equal(err.line, 1);
        assert_non_null(strstr(err.message, "does not read yet"));
        podfmt_doc_free(d);
    }
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(subtitles),
        cmocka_unit_test(structured),
        cmocka_unit_test(markdown),
        cmocka_unit_test(plain_text),
        cmocka_unit_test(not_read_yet_is_an_error_not_a_guess),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
