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
                 7, 10, "end 4.5 comes before start 5.0");
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

/* A document of every tricky string: each must come back the same. */
static void test_round_trip_strings(void **state)
{
    (void)state;
    static const char *const texts[] = {
        "yes", "No", "null", "~", "1.0", "12", "0x1F", "1e3", ".5", "-7",
        "12:30", "2022-09-29", "2022-09-29 10:00", ".inf", "<<", "=",
        "true", "OFF", "- leading dash", "-", "? question", ": colon",
        "a: b", "# hash", "a #b", "trailing colon:", "'single'",
        "\"double\"", "it's", "[brackets] and {braces}", "*emph* & **bold**",
        "<inaudible>", "%percent", "@at", "`tick`", "|pipe", ">gt", "!bang",
        "&amp", "Привет, мир", "日本語のテキスト", "emoji 🎙️ here", "tab\there",
        "x\xc2\xa0nbsp", "ends with space \\", "1st", "0.5s", "v1.2.3-beta",
        NULL};
    podfmt_doc *doc = podfmt_doc_new(NULL);
    for (size_t i = 0; texts[i]; i++)
        podfmt_doc_add_turn_text(doc, -1, texts[i], strlen(texts[i]),
                                 PODFMT_NO_TIME, PODFMT_NO_TIME);
    podfmt_doc_set_meta(doc, "title", "yes", 3);
    podfmt_doc_set_meta(doc, "subtitle", "line one\nline two", 17);
    podfmt_doc_set_meta(doc, "empty", "", 0);
    podfmt_doc_set_meta(doc, "1.0", "number-like key", 15);
    podfmt_doc_add_speaker_id(doc, "null", 4, "2022-09-29", 10);
    podfmt_doc_add_speaker_id(doc, "a: b", 4, "# Ana", 5);
    char *y = round_trip(doc);
    assert_non_null(strstr(y, "  - text: 'yes'\n"));
    assert_non_null(strstr(y, "  - text: '2022-09-29'\n"));
    assert_non_null(strstr(y, "  title: 'yes'\n"));
    assert_non_null(strstr(y, "  empty: ''\n"));
    assert_non_null(strstr(y, "  '1.0': number-like key\n"));
    assert_non_null(strstr(y, "- id: 'null'\n  name: '2022-09-29'\n"));
    podfmt_doc *back = parse_with(y, PODFMT_FMT_YAML, NULL);
    size_t n = 0;
    for (size_t i = 0; texts[i]; i++, n++) {
        /* whitespace is folded, as in every segment */
        const char *want = strcmp(texts[i], "tab\there") == 0 ? "tab here"
                                                             : texts[i];
        assert_string_equal(seg_text(back, i, 0), want);
    }
    assert_int_equal(back->n_blocks, n);
    assert_string_equal(podfmt_doc_meta(back, "subtitle"), "line one\nline two");
    assert_string_equal(podfmt_doc_meta(back, "empty"), "");
    assert_string_equal(back->speakers[0].id, "null");
    assert_string_equal(back->speakers[0].name, "2022-09-29");
    assert_string_equal(back->speakers[1].id, "a: b");
    free(y);
    podfmt_doc_free(back);
    podfmt_doc_free(doc);
}

static void test_times(void **state)
{
    (void)state;
    podfmt_doc *doc = podfmt_doc_new(NULL);
    static const int64_t ms[] = {0, 1, 10, 100, 999, 1000, 1234, 12500,
                                 30000, 3599999, 36000000000LL};
    for (size_t i = 0; i < sizeof ms / sizeof ms[0]; i++)
        podfmt_doc_add_turn_text(doc, -1, "x", 1, ms[i], PODFMT_NO_TIME);
    char *y = round_trip(doc);
    static const char *const want[] = {
        "start: 0.0\n", "start: 0.001\n", "start: 0.01\n", "start: 0.1\n",
        "start: 0.999\n", "start: 1.0\n", "start: 1.234\n", "start: 12.5\n",
        "start: 30.0\n", "start: 3599.999\n", "start: 36000000.0\n"};
    podfmt_doc *back = parse_with(y, PODFMT_FMT_YAML, NULL);
    for (size_t i = 0; i < sizeof want / sizeof want[0]; i++) {
        assert_non_null(strstr(y, want[i]));
        assert_int_equal(back->blocks[i].start, ms[i]);
    }
    free(y);
    podfmt_doc_free(back);
    podfmt_doc_free(doc);

    /* hand-written times: whole seconds, more decimals rounded */
    doc = parse_with("podfmt: 1\nblocks:\n- kind: note\n  start: 7\n"
                     "  end: 8.0005\n  segments:\n  - text: x\n"
                     "    start: 7.12345\n",
                     PODFMT_FMT_YAML, NULL);
    assert_int_equal(doc->blocks[0].start, 7000);
    assert_int_equal(doc->blocks[0].end, 8001);
    assert_int_equal(doc->segments[0].start, 7123);
    podfmt_doc_free(doc);
}

/* The block's own times win over its segments'; without them, the
 * segments' times are the block's (a start alone is no end). */
static void test_block_times_exact(void **state)
{
    (void)state;
    podfmt_doc *doc = parse_with(
        "podfmt: 1\nspeakers:\n- id: a\n  name: A\nblocks:\n"
        "- kind: turn\n  speaker: a\n  start: 1.0\n  end: 99.0\n"
        "  segments:\n  - text: one\n    start: 2.0\n    end: 3.0\n"
        "- kind: turn\n  segments:\n  - text: two\n    start: 4.0\n",
        PODFMT_FMT_YAML, NULL);
    assert_int_equal(doc->blocks[0].start, 1000);
    assert_int_equal(doc->blocks[0].end, 99000);
    assert_int_equal(doc->blocks[1].start, 4000);
    assert_int_equal(doc->blocks[1].end, PODFMT_NO_TIME);
    assert_int_equal(doc->segments[1].start, 4000);
    podfmt_doc_free(doc);
}

static void test_colors_round_trip(void **state)
{
    (void)state;
    podfmt_doc *doc = parse_with(
        "podfmt: 1\nspeakers:\n- id: a\n  name: A\n  color: '#ABC'\n"
        "- name: B\n  id: b\nblocks: []\n",
        PODFMT_FMT_YAML, NULL);
    assert_string_equal(doc->speakers[0].color, "#aabbcc");
    assert_null(doc->speakers[1].color);
    char *y = round_trip(doc);
    assert_string_equal(y, "podfmt: 1\nmeta: {}\nspeakers:\n- id: a\n"
                           "  name: A\n  color: '#aabbcc'\n- id: b\n"
                           "  name: B\nblocks: []\n");
    free(y);
    podfmt_doc_free(doc);
    expect_error("podfmt: 1\nspeakers:\n- id: a\n  name: A\n  color: blue\n",
                 5, 10,
                 "expected a colour such as '#1f77b4' (#rgb or #rrggbb), "
                 "found 'blue'");
    expect_error("podfmt: 1\nspeakers:\n- id: a\n  name: A\n- id: a\n"
                 "  name: B\n", 5, 7, "speaker id 'a' is used twice");
}

static void test_many_speakers_linear(void **state)
{
    (void)state;
    podfmt_doc *doc = podfmt_doc_new(NULL);
    char label[32];
    for (int i = 0; i < 20000; i++) {
        int n = snprintf(label, sizeof label, "Speaker %d", i);
        int sp = podfmt_doc_speaker(doc, label, (size_t)n);
        podfmt_doc_add_turn_text(doc, sp, label, (size_t)n, i * 1000LL,
                                 i * 1000LL + 500);
    }
    char *y = round_trip(doc);
    free(y);
    podfmt_doc_free(doc);
}

/* ---- configuration ---------------------------------------------------- */

static podfmt_config *config_ok(const char *text)
{
    podfmt_config *cfg = NULL;
    podfmt_error err = {0};
    podfmt_status st = podfmt_config_parse(text, strlen(text), &cfg, &err);
    if (st != PODFMT_OK)
        print_error("config: %d:%d: %s\n", err.line, err.column, err.message);
    assert_int_equal(st, PODFMT_OK);
    assert_non_null(cfg);
    return cfg;
}

static void config_error(const char *text, int line, int col,
                         const char *message)
{
    podfmt_config *cfg = (podfmt_config *)1;
    podfmt_error err = {0};
    podfmt_status st = podfmt_config_parse(text, strlen(text), &cfg, &err);
    if (st != PODFMT_EINPUT || err.line != line || err.column != col ||
        strcmp(err.message, message) != 0)
        print_error("got %d %d:%d: %s\n", st, err.line, err.column,
                    err.message);
    assert_int_equal(st, PODFMT_EINPUT);
    assert_null(cfg);
    assert_string_equal(err.message, message);
    assert_int_equal(err.line, line);
    assert_int_equal(err.column, col);
}

static const char full_config[] =
    "# the show's settings\n"
    "meta:\n"
    "  title: Kamil on Nukes\n"
    "  date: 2022-09-29\n"
    "speakers:\n"
    "  SPEAKER_00:\n"
    "    name: Lena Park\n"
    "    color: \"#1F77B4\"\n"
    "  Kamil Galeev:\n"
    "    aliases: [Kamil, KG]\n"
    "    color: '#F80'\n"
    "  Jordan  Schneider:\n"
    "    aliases: Jordan\n"
    "  HOST:\n"
    "link: \"https://example.fm/ep42?t={seconds}\"\n";

static void test_config_parse(void **state)
{
    (void)state;
    podfmt_config *cfg = config_ok(full_config);
    assert_int_equal(cfg->n_meta, 2);
    assert_string_equal(cfg->meta[1].key, "date");
    assert_string_equal(cfg->meta[1].value, "2022-09-29");
    assert_int_equal(cfg->n_speakers, 4);
    assert_string_equal(cfg->speakers[0].label, "SPEAKER_00");
    assert_string_equal(cfg->speakers[0].name, "Lena Park");
    assert_string_equal(cfg->speakers[0].color, "#1f77b4");
    assert_null(cfg->speakers[1].name);
    assert_string_equal(cfg->speakers[1].color, "#ff8800");
    assert_int_equal(cfg->speakers[1].n_aliases, 2);
    assert_string_equal(cfg->speakers[1].aliases[1], "KG");
    assert_string_equal(cfg->speakers[2].label, "Jordan Schneider");
    assert_int_equal(cfg->speakers[2].n_aliases, 1);
    assert_string_equal(cfg->link, "https://example.fm/ep42?t={seconds}");
    assert_ptr_equal(podfmt_config_find(cfg, "KG", 2), &cfg->speakers[1]);
    assert_ptr_equal(podfmt_config_find(cfg, "Kamil Galeev", 12),
                     &cfg->speakers[1]);
    assert_ptr_equal(podfmt_config_find(cfg, " Jordan\tSchneider ", 18),
                     &cfg->speakers[2]);
    assert_ptr_equal(podfmt_config_find(cfg, "HOST", 4), &cfg->speakers[3]);
    assert_null(podfmt_config_find(cfg, "Host", 4));
    assert_null(podfmt_config_find(cfg, "Kamil G", 7));
    podfmt_config_free(cfg);

    /* nothing, or only comments: an empty configuration */
    cfg = config_ok("");
    assert_int_equal(cfg->n_speakers, 0);
    assert_null(podfmt_config_find(cfg, "x", 1));
    podfmt_config_free(cfg);
    cfg = config_ok("# nothing yet\n");
    podfmt_config_free(cfg);
}

static void test_config_aliases_in_doc(void **state)
{
    (void)state;
    podfmt_config *cfg = config_ok(full_config);
    podfmt_doc *doc = podfmt_doc_new(cfg);
    int a = podfmt_doc_speaker(doc, "Kamil", 5);
    int b = podfmt_doc_speaker(doc, "KG", 2);
    int c = podfmt_doc_speaker(doc, "Kamil Galeev", 12);
    int d = podfmt_doc_speaker(doc, "SPEAKER_00", 10);
    assert_int_equal(a, b);
    assert_int_equal(a, c);
    assert_int_not_equal(a, d);
    assert_int_equal(doc->n_speakers, 2);
    assert_string_equal(doc->speakers[a].name, "Kamil Galeev");
    assert_string_equal(doc->speakers[a].color, "#ff8800");
    assert_string_equal(doc->speakers[d].name, "Lena Park");
    assert_string_equal(doc->speakers[d].id, "lena-park");
    podfmt_doc_free(doc);
    podfmt_config_free(cfg);
}

static void test_config_errors(void **state)
{
    (void)state;
    config_error("speakers:\n  A:\n    color: #1f77b4\n", 3, 11,
                 "color has no value; put it in quotes, as in color: "
                 "\"#1f77b4\" (an unquoted # starts a comment)");
    config_error("speakers:\n  A:\n    color: red\n", 3, 12,
                 "expected a colour such as \"#1f77b4\" (#rgb or #rrggbb), "
                 "found 'red'");
    config_error("speakers:\n  A:\n    color: '#12345'\n", 3, 12,
                 "expected a colour such as \"#1f77b4\" (#rgb or #rrggbb), "
                 "found '#12345'");
    config_error("speakers:\n  A:\n    nmae: Ana\n", 3, 5,
                 "unknown key 'nmae' for speaker 'A' (expected name, color "
                 "or aliases)");
    config_error("title: x\n", 1, 1,
                 "unknown key 'title' (expected meta, speakers or link)");
    config_error("meta: [a]\n", 1, 7,
                 "expected a mapping of meta keys and values, found a list");
    config_error("meta:\n  title:\n", 2, 9,
                 "expected a text value, found no value");
    config_error("speakers:\n  - A\n", 2, 3,
                 "expected a mapping of speaker labels to settings (LABEL: "
                 "{name: ...}), found a list");
    config_error("speakers:\n  A:\n    aliases: {B: 1}\n", 3, 14,
                 "expected a list of labels, such as [Kamil, KG], found a "
                 "mapping");
    config_error("speakers:\n  Kamil Galeev:\n    aliases: [Kamil]\n"
                 "  Kamil: {}\n",
                 4, 3,
                 "'Kamil' names two speakers (it is already given on line 3)");
    config_error("speakers:\n  A: {aliases: [B, B]}\n", 2, 20,
                 "'B' names two speakers (it is already given on line 2)");
    config_error("link: https://x.fm/?t={secs}\n", 1, 7,
                 "unknown placeholder '{secs}' in link (only {seconds} is "
                 "replaced)");
    config_error("link: https://x.fm/\n", 1, 7,
                 "link needs {seconds} where the time goes, as in "
                 "\"https://example.fm/ep42?t={seconds}\"");
    config_error("meta:\n  title: a\nmeta:\n  title: b\n", 3, 1,
                 "meta is given twice");
    config_error("speakers:\n  A:\n    name: x\n   bad\n", 4, 4,
                 "invalid YAML: did not find expected key (while parsing a "
                 "block mapping at line 2)");
    config_error("speakers: &s {}\nmeta: *s\n", 2, 7,
                 "YAML aliases (*s) are not allowed here; write the value "
                 "out");
    config_error("a: 1\n---\nb: 2\n", 1, 1,
                 "unknown key 'a' (expected meta, speakers or link)");
    config_error("meta: {}\n---\nmeta: {}\n", 2, 1,
                 "expected one YAML document, found a second one");
}

static void test_config_many_speakers(void **state)
{
    (void)state;
    podfmt_buf b;
    podfmt_buf_init(&b);
    podfmt_buf_puts(&b, "speakers:\n");
    char line[96];
    for (int i = 0; i < 20000; i++) {
        snprintf(line, sizeof line, "  S%d: {name: Person %d, aliases: [A%d]}\n",
                 i, i, i);
        podfmt_buf_puts(&b, line);
    }
    podfmt_buf_putc(&b, '\0');
    podfmt_config *cfg = config_ok(b.data);
    assert_int_equal(cfg->n_speakers, 20000);
    const podfmt_config_speaker *s = podfmt_config_find(cfg, "A12345", 6);
    assert_non_null(s);
    assert_string_equal(s->name, "Person 12345");
    podfmt_config_free(cfg);
    podfmt_buf_free(&b);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_write_shape),
        cmocka_unit_test(test_read_back_model),
        cmocka_unit_test(test_errors),
        cmocka_unit_test(test_deep_nesting),
        cmocka_unit_test(test_round_trip_strings),
        cmocka_unit_test(test_times),
        cmocka_unit_test(test_block_times_exact),
        cmocka_unit_test(test_colors_round_trip),
        cmocka_unit_test(test_many_speakers_linear),
        cmocka_unit_test(test_config_parse),
        cmocka_unit_test(test_config_aliases_in_doc),
        cmocka_unit_test(test_config_errors),
        cmocka_unit_test(test_config_many_speakers),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
