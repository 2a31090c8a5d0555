/* The structured form (-t yaml / -f yaml) and the configuration (-c). */
#include "testutil.h"

#include <stdio.h>

/* Renders doc as YAML, reads that back and renders again: the two texts
 * must be identical.  Returns the first rendering (caller frees). */
static char *round_trip(const podfmt_doc *doc)
{
    char *first = render_with(doc, PODFMT_FMT_YAML, NULL);
    podfmt_doc *back = parse_with(first, PODFMT_FMT_YAML, NULL);
    char *second = render_with(back, PODFMT_FMT_YAML, NULL);
    assert_string_equal(first, second);
    free(second);
    podfmt_doc_free(back);
    return first;
}

/* Parses yaml, expecting an input error at line:col with message. */
static void expect_error(const char *yaml, int line, int col,
                         const char *message)
{
    podfmt_doc *doc = podfmt_doc_new(NULL);
    podfmt_error err = {0};
    podfmt_status st =
        podfmt_parse(doc, PODFMT_FMT_YAML, yaml, strlen(yaml), NULL, &err);
    if (st != PODFMT_EINPUT || err.line != line || err.column != col ||
        strcmp(err.message, message) != 0)
        print_error("got %d %d:%d: %s\n", st, err.line, err.column,
                    err.message);
    assert_int_equal(st, PODFMT_EINPUT);
    assert_string_equal(err.message, message);
    assert_int_equal(err.line, line);
    assert_int_equal(err.column, col);
    podfmt_doc_free(doc);
}

static podfmt_doc *sample_doc(void)
{
    podfmt_doc *doc = podfmt_doc_new(NULL);
    podfmt_doc_set_meta(doc, "title", "Kamil on Nukes", 14);
    podfmt_doc_set_meta(doc, "date", "2022-09-29", 10);
    int kamil = podfmt_doc_speaker(doc, "Kamil Galeev", 12);
    int jordan = podfmt_doc_speaker(doc, "Jordan Schneider", 16);
    podfmt_doc_add_block(doc, PODFMT_BLOCK_NOTE, -1);
    podfmt_doc_add_segment(doc, "Outro music: a Tatar folk song", 30,
                           PODFMT_NO_TIME, PODFMT_NO_TIME);
    podfmt_doc_add_block(doc, PODFMT_BLOCK_HEADING, -1);
    podfmt_doc_add_segment(doc, "Putin's Nuclear Considerations", 30,
                           PODFMT_NO_TIME, PODFMT_NO_TIME);
    podfmt_doc_add_turn_text(doc, jordan, "So, *why* now?", 14, 12500, 20000);
    podfmt_doc_add_turn_text(doc, kamil, "I think [is that] rational", 26,
                             20000, 30000);
    podfmt_doc_add_turn_text(doc, kamil, "Another factor", 14, PODFMT_NO_TIME,
                             PODFMT_NO_TIME);
    podfmt_doc_add_turn_text(doc, -1, "- Who said that?", 16, 1234,
                             PODFMT_NO_TIME);
    return doc;
}

static void test_write_shape(void **state)
{
    (void)state;
    podfmt_doc *doc = sample_doc();
    char *y = round_trip(doc);
    assert_string_equal(y, "podfmt: 1\n"
                           "meta:\n"
                           "  title: Kamil on Nukes\n"
                           "  date: 2022-09-29\n"
                           "speakers:\n"
                           "- id: kamil-galeev\n"
                           "  name: Kamil Galeev\n"
                           "- id: jordan-schneider\n"
                           "  name: Jordan Schneider\n"
                           "blocks:\n"
                           "- kind: note\n"
                           "  segments:\n"
                           "  - text: 'Outro music: a Tatar folk song'\n"
                           "- kind: heading\n"
                           "  text: Putin's Nuclear Considerations\n"
                           "- kind: turn\n"
                           "  speaker: jordan-schneider\n"
                           "  start: 12.5\n"
                           "  end: 20.0\n"
                           "  segments:\n"
                           "  - text: So, *why* now?\n"
                           "    start: 12.5\n"
                           "    end: 20.0\n"
                           "- kind: turn\n"
                           "  speaker: kamil-galeev\n"
                           "  start: 20.0\n"
                           "  end: 30.0\n"
                           "  segments:\n"
                           "  - text: I think [is that] rational\n"
                           "    start: 20.0\n"
                           "    end: 30.0\n"
                           "  - text: Another factor\n"
                           "- kind: turn\n"
                           "  start: 1.234\n"
                           "  end: 1.234\n"
                           "  segments:\n"
                           "  - text: '- Who said that?'\n"
                           "    start: 1.234\n");
    free(y);
    podfmt_doc_free(doc);
}

static void test_read_back_model(void **state)
{
    (void)state;
    podfmt_doc *doc = sample_doc();
    char *y = render_with(doc, PODFMT_FMT_YAML, NULL);
    podfmt_doc *back = parse_with(y, PODFMT_FMT_YAML, NULL);
    assert_int_equal(back->n_speakers, 2);
    assert_string_equal(back->speakers[1].id, "jordan-schneider");
    assert_string_equal(back->speakers[1].name, "Jordan Schneider");
    assert_string_equal(podfmt_doc_meta(back, "date"), "2022-09-29");
    assert_int_equal(back->n_blocks, 5);
    assert_int_equal(back->blocks[0].kind, PODFMT_BLOCK_NOTE);
    assert_int_equal(back->blocks[1].kind, PODFMT_BLOCK_HEADING);
    assert_string_equal(seg_text(back, 1, 0), "Putin's Nuclear Considerations");
    assert_int_equal(back->blocks[2].speaker, 1);
    assert_int_equal(back->blocks[2].start, 12500);
    assert_int_equal(back->blocks[2].end, 20000);
    assert_int_equal(back->blocks[3].count, 2);
    assert_int_equal(back->segments[back->blocks[3].first + 1].start,
                     PODFMT_NO_TIME);
    assert_int_equal(back->blocks[4].speaker, -1);
    assert_string_equal(seg_text(back, 4, 0), "- Who said that?");
    free(y);
    podfmt_doc_free(back);
    podfmt_doc_free(doc);
}

static void test_errors(void **state)
{
    (void)state;
    expect_error("", 1, 1,
                 "expected podfmt's structured form, starting 'podfmt: 1', "
                 "found nothing");
    expect_error("title: x\n", 1, 1,
                 "expected 'podfmt: 1' first (podfmt's structured form), "
                 "found 'title'");
    expect_error("podfmt: 2\n", 1, 9,
                 "podfmt: 2 is a newer schema than this podfmt reads (1); "
                 "update podfmt");
    expect_error("podfmt: 1\nmeta: [a]\n", 2, 7,
                 "expected a mapping of meta keys and values, found a list");
    expect_error("podfmt: 1\nblocks:\n- kind: chapter\n", 3, 9,
                 "expected kind heading, turn or note, found 'chapter'");
    expect_error("podfmt: 1\nspeakers: []\nblocks:\n- kind: turn\n"
                 "  speaker: bob\n  segments: []\n",
                 5, 12, "speaker 'bob' is not in speakers");
    expect_error("podfmt: 1\nblocks:\n- kind: turn\n  segments:\n"
                 "  - text: hi\n    start: -1.5\n",
                 6, 12, "a time cannot be negative, found '-1.5'");
    expect_error("podfmt: 1\nblocks:\n- kind: turn\n  segments:\n"
                 "  - text: hi\n    start: soon\n",
                 6, 12,
                 "expected a time in seconds, such as 12.5, found 'soon'");
    expect_error("podfmt: 1\nblocks:\n- kind: turn\n  segments:\n"
                 "  - text: hi\n    start: 99999999999999\n",
                 6, 12,
                 "time '99999999999999' is past the limit of 10000 hours");
    expect_error("podfmt: 1\nblocks:\n- kind: turn\n  segments:\n"
                 "  - text: hi\n    start: 5\n    end: 4.5\n",
                 7, 10, "end (4.500) comes before start (5.000)");
    expect_error("podfmt: 1\nblocks:\n- kind: turn\n  colour: red\n", 4, 3,
                 "unknown key 'colour' in a block (expected kind, speaker, "
                 "text, segments, start or end)");
    expect_error("podfmt: 1\nmeta:\n  title: \"unterminated\n", 4, 1,
                 "invalid YAML: found unexpected end of stream (while "
                 "scanning a quoted scalar at line 3)");
    expect_error("podfmt: 1\nmeta: &a {}\nspeakers: *a\n", 3, 11,
                 "YAML aliases (*a) are not allowed here; write the value out");
}

static void test_deep_nesting(void **state)
{
    (void)state;
    size_t n = 100000;
    char *deep = malloc(n + 32);
    memcpy(deep, "podfmt: 1\nx: ", 13);
    memset(deep + 13, '[', n);
    deep[13 + n] = '\0';
    podfmt_doc *doc = podfmt_doc_new(NULL);
    podfmt_error err = {0};
    assert_int_equal(podfmt_parse(doc, PODFMT_FMT_YAML, deep, strlen(deep),
                                  NULL, &err),
                     PODFMT_EINPUT);
    assert_int_equal(err.line, 2);
    podfmt_doc_free(doc);
    /* nested where the schema allows it: meta values */
    memcpy(deep, "podfmt: 1\nmeta: ", 16);
    memset(deep + 16, '[', n);
    deep[16 + n] = '\0';
    doc = podfmt_doc_new(NULL);
    assert_int_equal(podfmt_parse(doc, PODFMT_FMT_YAML, deep, strlen(deep),
                                  NULL, &err),
                     PODFMT_EINPUT);
    podfmt_doc_free(doc);
    free(deep);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_write_shape),
        cmocka_unit_test(test_read_back_model),
        cmocka_unit_test(test_errors),
        cmocka_unit_test(test_deep_nesting),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
