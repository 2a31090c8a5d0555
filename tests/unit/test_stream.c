/* podfmt_convert: the writers that can write a document a few blocks at a
 * time (the HTML fragment, Markdown, JSON, YAML, SRT, WebVTT) get the
 * blocks while the input is read, and the document forgets them.  What comes out must be
 * what podfmt_parse + podfmt_render write, byte for byte, for every input,
 * and an input error must come before any output. */
#include "testutil.h"
#include "internal.h" /* DOC_PIECE */
#include "mdread.h"
#include "subread.h"

#include <dirent.h>
#include <stdio.h>

static char *dup_bytes(const char *s, size_t n)
{
    char *d = malloc(n ? n : 1);
    assert_non_null(d);
    if (n)
        memcpy(d, s, n);
    return d;
}

typedef struct result {
    podfmt_status st;
    char *out; /* NUL-terminated */
    size_t len;
    size_t blocks_left; /* blocks the document still held at the end */
    size_t segments_left; /* and segments */
    podfmt_error err;
} result;

static result via_convert(const char *in, size_t n, podfmt_format from,
                          podfmt_format to, const podfmt_options *o,
                          const podfmt_config *cfg)
{
    result r;
    memset(&r, 0, sizeof r);
    podfmt_doc *doc = podfmt_doc_new(cfg);
    assert_non_null(doc);
    podfmt_buf b;
    podfmt_buf_init(&b);
    r.st = podfmt_convert(doc, from, dup_bytes(in, n), n, to, o, &b, &r.err);
    r.blocks_left = doc->n_blocks;
    r.segments_left = doc->n_segments;
    podfmt_buf_putc(&b, '\0');
    r.out = b.data;
    r.len = b.len - 1;
    podfmt_doc_free(doc);
    return r;
}

static result via_render(const char *in, size_t n, podfmt_format from,
                         podfmt_format to, const podfmt_options *o,
                         const podfmt_config *cfg)
{
    result r;
    memset(&r, 0, sizeof r);
    podfmt_doc *doc = podfmt_doc_new(cfg);
    assert_non_null(doc);
    podfmt_buf b;
    podfmt_buf_init(&b);
    r.st = podfmt_parse(doc, from, in, n, o, &r.err);
    r.blocks_left = doc->n_blocks;
    if (r.st == PODFMT_OK)
        r.st = podfmt_render(doc, to, o, &b, &r.err);
    podfmt_buf_putc(&b, '\0');
    r.out = b.data;
    r.len = b.len - 1;
    podfmt_doc_free(doc);
    return r;
}

/* The options a test runs: 0 default, 1 -s, 2 --email, 3 the
 * configuration, 4 the configuration and dash style, 5 name style. */
#define N_VARIANTS 6
static void options_for(int variant, const podfmt_config *cfg,
                        podfmt_options *o)
{
    podfmt_options_init(o);
    o->standalone = variant == 1;
    o->email = variant == 2;
    o->config = variant == 3 || variant == 4 ? cfg : NULL;
    if (variant >= 4) {
        o->speaker_style = variant == 4 ? PODFMT_STYLE_DASH : PODFMT_STYLE_NAME;
        o->speaker_style_set = 1;
    }
}

static const podfmt_format outs[] = {PODFMT_FMT_HTML, PODFMT_FMT_MD,
                                     PODFMT_FMT_JSON, PODFMT_FMT_YAML,
                                     PODFMT_FMT_SRT,  PODFMT_FMT_VTT};
#define N_OUTS (sizeof outs / sizeof outs[0])

/* Converts in both ways and compares; returns how many blocks the
 * streaming document held at the end (of the last conversion). */
static size_t same_both_ways(const char *what, const char *in, size_t n,
                             podfmt_format from, podfmt_format to,
                             const podfmt_options *o, const podfmt_config *cfg)
{
    result a = via_convert(in, n, from, to, o, o->config ? cfg : NULL);
    result b = via_render(in, n, from, to, o, o->config ? cfg : NULL);
    if (a.st != b.st || (a.st == PODFMT_OK && strcmp(a.out, b.out) != 0)) {
        print_error("%s -> %s (standalone %d, email %d, config %d): "
                    "convert %d, render %d\n",
                    what, podfmt_format_name(to), o->standalone, o->email,
                    o->config != NULL, a.st, b.st);
        size_t i = 0;
        while (a.out[i] && a.out[i] == b.out[i])
            i++;
        print_error("first difference at byte %zu:\n[%.80s]\n[%.80s]\n", i,
                    a.out + i, b.out + i);
    }
    assert_int_equal(a.st, b.st);
    if (a.st == PODFMT_OK)
        assert_string_equal(a.out, b.out);
    else {
        assert_string_equal(a.err.message, b.err.message);
        assert_int_equal(a.err.line, b.err.line);
        assert_int_equal(a.err.column, b.err.column);
    }
    free(a.out);
    free(b.out);
    return a.blocks_left;
}

/* What the conversions of in must show of the blocks left at the end. */
enum { LEFT_ANY, LEFT_FEW_STREAMED, LEFT_FEW_OR_ALL };

/* Compares both ways for every output under every option set (default,
 * -s, --email, the configuration, speaker styles); with LEFT_FEW_STREAMED the writers
 * that stream kept at most the last two blocks, with LEFT_FEW_OR_ALL the
 * others also kept more than a thousand. */
static void every_way(const char *what, const char *in, size_t n,
                      podfmt_format from, const podfmt_config *cfg, int left)
{
    for (size_t t = 0; t < N_OUTS; t++)
        for (int v = 0; v < N_VARIANTS; v++) {
            podfmt_options o;
            options_for(v, cfg, &o);
            size_t kept = same_both_ways(what, in, n, from, outs[t], &o, cfg);
            if (left == LEFT_ANY)
                continue;
            if (podfmt_can_stream(outs[t], &o))
                assert_true(kept <= 2);
            else if (left == LEFT_FEW_OR_ALL)
                assert_true(kept > 1000);
        }
}

static podfmt_config *test_config(void)
{
    static const char cfg_text[] =
        "meta:\n  title: Overridden Title\n  date: 2024-05-06\n"
        "speakers:\n  Ana Ruiz:\n    aliases: [AR]\n    color: \"#1F77B4\"\n"
        "  Ben Ode:\n    name: Benedict Ode\n"
        "link: \"https://example.fm/ep?t={seconds}\"\n";
    podfmt_config *cfg = NULL;
    podfmt_error err;
    assert_int_equal(podfmt_config_parse(cfg_text, sizeof cfg_text - 1, &cfg,
                                         &err),
                     PODFMT_OK);
    return cfg;
}

/* A long interview post in the shapes people paste: a title, a quoted
 * subtitle, a date after a note, headings with the same title again and
 * again, a host's role dropped later on, a guest met only late, one
 * speaker going on over several lines, a joined line, a list, a stage
 * direction, times, and the publication's furniture at the end. */
static char *long_post(size_t turns, size_t *len)
{
    podfmt_buf b;
    podfmt_buf_init(&b);
    podfmt_buf_puts(&b, "The Budget Episode\n\"What money does to a show\"\n\n"
                        "A note before we start.\n\nMarch 3, 2024\n\n");
    static const char *const said[] = {
        "So where do we start with all of this?",
        "I think the budget matters more than anything else.",
        "That is a fair point, and the numbers back it up.",
        "We recorded the first episode in a wardrobe full of coats.",
    };
    for (size_t i = 0; i < turns; i++) {
        char line[200];
        if (i % 97 == 0) /* a heading, the same title every time */
            podfmt_buf_puts(&b, i % 2 ? "\nThe Money\n\n" : "\nIntro\n\n");
        const char *who = i < turns / 2 ? "Ana Ruiz (host)" : "Ana Ruiz";
        if (i % 3 == 1)
            who = "Ben Ode";
        if (i % 3 == 2)
            who = i > turns * 3 / 4 ? "Lena Park" : "AR";
        if (i % 50 == 7) {
            snprintf(line, sizeof line,
                     "Ben (laughing): It did, %zu times.\n", i);
        } else if (i % 40 == 5) {
            snprintf(line, sizeof line,
                     "%s: There are three things\n1. the rent\n2. the mics\n"
                     "3. the coffee\n", who);
        } else if (i % 30 == 11) {
            snprintf(line, sizeof line,
                     "%s: a line that goes on\nand is joined to it, turn %zu\n",
                     who, i);
        } else if (i % 25 == 3) {
            snprintf(line, sizeof line, "%s: [00:%02zu:%02zu] %s\n", who,
                     i / 60 % 60, i % 60, said[i % 4]);
        } else {
            snprintf(line, sizeof line, "%s: %s (%zu)\n", who, said[i % 4], i);
        }
        podfmt_buf_puts(&b, line);
        if (i % 13 == 4 && i % 3 != 1) { /* an empty turn between two of
                                            * one speaker: they become one */
            snprintf(line, sizeof line, "Ben Ode:\n%s: after nothing (%zu).\n",
                     who, i);
            podfmt_buf_puts(&b, line);
        }
        if (i % 11 == 0) { /* the same speaker again on the next line */
            snprintf(line, sizeof line, "%s: And one more thing (%zu).\n",
                     who, i);
            podfmt_buf_puts(&b, line);
        }
    }
    podfmt_buf_puts(&b, "\nThanks for reading.\nSubscribe now\n\n"
                        "A note before we start.\n");
    podfmt_buf_putc(&b, '\0');
    assert_false(b.failed);
    *len = b.len - 1;
    return b.data;
}

static void long_post_both_ways(void **state)
{
    (void)state;
    podfmt_config *cfg = test_config();
    size_t n;
    char *in = long_post(3000, &n);
    /* the writers that stream forgot all but the last blocks; the page
     * with -s (its contents before the body) needed them all */
    every_way("long post", in, n, PODFMT_FMT_TEXT, cfg, LEFT_FEW_OR_ALL);
    /* what the test is about is there to compare */
    podfmt_options o;
    podfmt_options_init(&o);
    result r = via_convert(in, n, PODFMT_FMT_TEXT, PODFMT_FMT_HTML, &o, NULL);
    assert_int_equal(r.st, PODFMT_OK);
    assert_non_null(strstr(r.out, "<h2 id=\"intro-2\">Intro</h2>"));
    assert_non_null(strstr(r.out, "<h2 id=\"the-money-2\">The Money</h2>"));
    assert_non_null(strstr(r.out, "<cite>Lena Park</cite>"));
    assert_null(strstr(r.out, "(host)</cite>")); /* the role went */
    assert_non_null(strstr(r.out, "<li>the mics</li>"));
    assert_non_null(strstr(r.out, "(laughing) It did, 7 times."));
    assert_non_null(strstr(r.out, "a line that goes on and is joined to it"));
    /* turn 17's speaker goes on after an empty turn, in the same turn */
    assert_non_null(strstr(r.out, "<cite>AR</cite>\n<p>That is a fair point, "
                                  "and the numbers back it up. (2)</p>\n</div>"));
    assert_non_null(strstr(r.out, "(17)</p>\n<p>after nothing (17).</p>\n</div>"));
    free(r.out);
    r = via_convert(in, n, PODFMT_FMT_TEXT, PODFMT_FMT_YAML, &o, NULL);
    assert_non_null(strstr(r.out, "  title: The Budget Episode\n"));
    assert_non_null(strstr(r.out, "  date: 2024-03-03\n"));
    assert_non_null(strstr(r.out, "- id: lena-park\n"));
    free(r.out);
    free(in);
    podfmt_config_free(cfg);
}

/* --stats from the stream (podfmt_convert_stats) and from the whole
 * document (podfmt_write_stats): the same table; the stream kept the last
 * blocks only. */
static void same_talk_time(const char *in, size_t n, podfmt_format from,
                           bool timed, const char *row)
{
    podfmt_options o;
    podfmt_options_init(&o);
    podfmt_error err;
    podfmt_doc *doc = podfmt_doc_new(NULL);
    assert_non_null(doc);
    podfmt_buf a, b;
    podfmt_buf_init(&a);
    podfmt_buf_init(&b);
    assert_int_equal(podfmt_convert_stats(doc, from, dup_bytes(in, n), n, &o,
                                          &a, &err),
                     PODFMT_OK);
    assert_true(doc->n_blocks <= 2);
    podfmt_doc_free(doc);
    doc = podfmt_doc_new(NULL);
    assert_non_null(doc);
    assert_int_equal(podfmt_parse(doc, from, in, n, &o, &err), PODFMT_OK);
    assert_true(doc->n_blocks > 1000);
    assert_int_equal(podfmt_write_stats(doc, &o, &b, &err), PODFMT_OK);
    podfmt_doc_free(doc);
    podfmt_buf_putc(&a, '\0');
    podfmt_buf_putc(&b, '\0');
    assert_string_equal(a.data, b.data);
    assert_non_null(strstr(a.data, "\nTotal "));
    assert_true((strstr(a.data, "Time%") != NULL) == timed);
    if (row)
        assert_non_null(strstr(a.data, row));
    podfmt_buf_free(&a);
    podfmt_buf_free(&b);
}

/* Chapters and the talk-time count (--stats, and the table that ends
 * `-t md -s`) take the blocks as they come: chapters wait for their
 * section's first time, a turn's time for the next known start. */
static void chapters_and_talk_time_stream(void **state)
{
    (void)state;
    podfmt_config *cfg = test_config();
    size_t n;
    char *in = long_post(3000, &n);
    for (int v = 0; v < N_VARIANTS; v++) {
        podfmt_options o;
        options_for(v, cfg, &o);
        size_t kept = same_both_ways("long post", in, n, PODFMT_FMT_TEXT,
                                     PODFMT_FMT_CHAPTERS, &o, cfg);
        assert_true(kept <= 2);
    }
    podfmt_options o;
    podfmt_options_init(&o);
    result r = via_convert(in, n, PODFMT_FMT_TEXT, PODFMT_FMT_CHAPTERS, &o, NULL);
    assert_non_null(strstr(r.out, "\"title\": \"The Money\"}"));
    free(r.out);
    o.standalone = true;
    r = via_convert(in, n, PODFMT_FMT_TEXT, PODFMT_FMT_MD, &o, NULL);
    assert_int_equal(r.st, PODFMT_OK);
    assert_true(r.blocks_left <= 2);
    assert_non_null(strstr(r.out, "\n## Talk time\n\n| Speaker |"));
    assert_non_null(strstr(r.out, "\n| Lena Park | "));
    free(r.out);
    same_talk_time(in, n, PODFMT_FMT_TEXT, false, NULL);
    /* turns timed by their start only, up to the next start (a heading's
     * too); the last with its segments' times */
    podfmt_buf t;
    podfmt_buf_init(&t);
    podfmt_buf_puts(&t, "podfmt: 1\nmeta: {}\nspeakers:\n- {id: ana, name: Ana}\n"
                        "- {id: ben, name: Ben}\nblocks:\n");
    for (size_t i = 0; i < 2000; i++) {
        if (i % 100 == 50)
            podfmt_buf_printf(&t, "- {kind: heading, text: Part, start: %zu.5}\n", i * 7);
        podfmt_buf_printf(&t, "- kind: turn\n  speaker: %s\n  start: %zu\n"
                              "  segments:\n  - text: Turn %zu goes on a while.\n",
                          i % 3 ? "ben" : "ana", i * 7, i);
    }
    podfmt_buf_puts(&t, "- kind: turn\n  speaker: ana\n  segments:\n"
                        "  - {text: Bye., start: 14001, end: 14003}\n");
    assert_false(t.failed);
    /* Ana: 667 turns of 7 s, six of them 7.5 s (before a heading), and
     * "Bye." 2 s: 4,674 s; Ben's last turn lasts to "Bye." (8 s) */
    same_talk_time(t.data, t.len, PODFMT_FMT_YAML, true,
                   "Ana         4003   33.4%   1:17:54   33.4%\n"
                   "Ben         7998   66.6%   2:35:39   66.6%\n");
    podfmt_buf_free(&t);
    free(in);
    podfmt_config_free(cfg);
}

/* The structured form streams once its meta and speakers are read; with
 * the meta after the blocks it cannot, and writes the same at the end. */
static void long_yaml_both_ways(void **state)
{
    (void)state;
    podfmt_config *cfg = test_config();
    size_t n;
    char *post = long_post(3000, &n);
    podfmt_options o;
    podfmt_options_init(&o);
    result y = via_convert(post, n, PODFMT_FMT_TEXT, PODFMT_FMT_YAML, &o, NULL);
    assert_int_equal(y.st, PODFMT_OK);
    every_way("long yaml", y.out, y.len, PODFMT_FMT_YAML, cfg,
              LEFT_FEW_STREAMED);
    /* the same document with its meta last */
    const char *meta = strstr(y.out, "meta:\n");
    const char *speakers = strstr(y.out, "speakers:\n");
    assert_non_null(meta);
    assert_non_null(speakers);
    podfmt_buf moved;
    podfmt_buf_init(&moved);
    podfmt_buf_put(&moved, y.out, (size_t)(meta - y.out));
    podfmt_buf_puts(&moved, speakers);
    podfmt_buf_put(&moved, meta, (size_t)(speakers - meta));
    assert_false(moved.failed);
    podfmt_options_init(&o);
    for (size_t t = 0; t < N_OUTS; t++) {
        size_t left = same_both_ways("yaml, meta last", moved.data, moved.len,
                                     PODFMT_FMT_YAML, outs[t], &o, NULL);
        assert_true(left > 1000);
    }
    /* and the same again with a mistake in its last block: the same
     * error, line and column either way */
    podfmt_buf bad;
    podfmt_buf_init(&bad);
    podfmt_buf_put(&bad, y.out, y.len);
    podfmt_buf_puts(&bad, "- kind: turn\n  speaker: nobody\n  segments:\n"
                          "  - text: Who?\n");
    for (size_t t = 0; t < N_OUTS; t++)
        same_both_ways("yaml, late mistake", bad.data, bad.len, PODFMT_FMT_YAML,
                       outs[t], &o, NULL);
    result e = via_convert(bad.data, bad.len, PODFMT_FMT_YAML, PODFMT_FMT_HTML,
                           &o, NULL);
    assert_int_equal(e.st, PODFMT_EINPUT);
    assert_true(e.err.line > 3000);
    assert_non_null(strstr(e.err.message, "nobody"));
    free(e.out);
    podfmt_buf_free(&bad);
    podfmt_buf_free(&moved);
    free(y.out);
    free(post);
    podfmt_config_free(cfg);
}

/* A long JSON transcript in the shapes speech tools write.  kind 0:
 * Whisper without speakers, 1: WhisperX with speakers (some left out, as
 * WhisperX does, with the words' speaker instead), 2: Podcasting 2.0 a
 * phrase a segment, 3: Podcasting 2.0 a word a segment. */
static char *long_json(int kind, size_t items, size_t *len)
{
    podfmt_buf b;
    podfmt_buf_init(&b);
    podfmt_buf_puts(&b, kind >= 2 ? "{\"version\": \"1.0.0\",\r\n \"segments\": ["
                                  : "{\"language\": \"en\", \"segments\":[\n");
    static const char *const said[] = {
        "So where do we start?", "I think the budget matters.",
        "That is *a fair* point, and the numbers back it up.",
        "We recorded in a wardrobe \\u2014 full of coats."};
    static const char *const word[] = {"So", " ", "where", ",", "do", "we",
                                       "start", "?"};
    for (size_t i = 0; i < items; i++) {
        char line[300];
        double t = (double)i * 2.5;
        const char *who = i % 7 < 4 ? "SPEAKER_00" : "SPEAKER_01";
        if (kind == 0)
            snprintf(line, sizeof line,
                     "%s{\"start\": %.2f, \"end\": %.2f, \"text\": \" %s\"}\n",
                     i ? "," : "", t, t + 2.0, said[i % 4]);
        else if (kind == 1 && i % 13 == 5)
            snprintf(line, sizeof line,
                     "%s{\"start\": %.2f, \"end\": %.2f, \"text\": \"%s\", "
                     "\"words\": [{\"word\": \"x\"}, {\"word\": \"y\", "
                     "\"speaker\": \"%s\"}]}\n",
                     i ? "," : "", t, t + 2.0, said[i % 4],
                     i % 2 ? "SPEAKER_02" : who);
        else if (kind == 1)
            snprintf(line, sizeof line,
                     "%s {\"speaker\": \"%s\", \"start\": %.2f, \"end\": %.2f, "
                     "\"text\": \"%s\"}\n",
                     i ? "," : "", who, t, t + 2.0, said[i % 4]);
        else if (kind == 2)
            snprintf(line, sizeof line,
                     "%s{\"speaker\": \"%s\", \"startTime\": %.3f, "
                     "\"endTime\": %.3f, \"body\": \"%s\"}\r\n",
                     i ? "," : "", i % 3 ? "Ana Ruiz" : "Ben Ode", t, t + 2.0,
                     said[i % 4]);
        else
            snprintf(line, sizeof line,
                     "%s{\"speaker\": \"%s\", \"startTime\": %.3f, "
                     "\"endTime\": %.3f, \"body\": \"%s\"}\n",
                     i ? "," : "", i / 40 % 2 ? "Ana Ruiz" : "Ben Ode",
                     (double)i * 0.3, (double)i * 0.3 + 0.25, word[i % 8]);
        podfmt_buf_puts(&b, line);
    }
    podfmt_buf_puts(&b, "]}\n");
    podfmt_buf_putc(&b, '\0');
    assert_false(b.failed);
    *len = b.len - 1;
    return b.data;
}

/* Each JSON shape read a piece at a time writes what the whole tree
 * gives, and forgets its blocks where there are blocks to forget. */
static void long_json_both_ways(void **state)
{
    (void)state;
    podfmt_config *cfg = test_config();
    for (int kind = 0; kind < 4; kind++) {
        size_t n;
        char *in = long_json(kind, 4000, &n);
        /* without speakers it is one long turn */
        every_way("long json", in, n, PODFMT_FMT_JSON, cfg,
                  kind > 0 ? LEFT_FEW_STREAMED : LEFT_ANY);
        podfmt_options o;
        podfmt_options_init(&o);
        result r = via_convert(in, n, PODFMT_FMT_JSON, PODFMT_FMT_MD, &o, NULL);
        assert_int_equal(r.st, PODFMT_OK);
        if (kind == 1) /* a speaker met only in the words, late */
            assert_non_null(strstr(r.out, "\n**SPEAKER_02:** I think"));
        if (kind == 3) /* words joined into phrases */
            assert_non_null(strstr(r.out, "So where, do we start?"));
        if (kind == 0)
            assert_non_null(strstr(r.out, "wardrobe \xE2\x80\x94 full"));
        free(r.out);
        free(in);
    }
    podfmt_config_free(cfg);
}

/* JSON that is not as the piece-at-a-time reader expects is read whole:
 * the same output, or the same error at the same place. */
static void odd_json_both_ways(void **state)
{
    (void)state;
    size_t n;
    char *good = long_json(1, 300, &n);
    static const struct {
        const char *cut; /* replace the first occurrence ... */
        const char *with;
    } edits[] = {
        {"{\"language\": \"en\", \"segments\":[", "{\"language\": \"en\", \"segm\\u0065nts\":["},
        {"{\"language\": \"en\",", "{\"segments\": 3, \"language\": \"en\","},
        {"{\"language\": \"en\",", "{\"version\": \"1.0.0\", \"language\": \"en\","},
        {"{\"language\": \"en\",", "{\"language\": \"en\", \"language\": \"fr\","},
        {"\"end\": 2.00,", "\"end\": 2.00,,"},
        {"\"start\": 250.00,", "\"start\": 250.00, \"start\": 1,"},
        {"\"start\": 250.00, \"end\": 252.00", "\"start\": 250.00, \"end\": 249.00"},
        {"\"start\": 250.00,", "\"start\": \"soon\","},
        {"\"text\": \"I think", "\"text\": 7, \"x\": \"I think"},
        {"SPEAKER_01", "SPEAKER\\u0001"},
        {"\n]}\n", "\n]} x\n"},
        {"\n]}\n", "\n]\n"},
        {"\n]}\n", "\n], \"text\": \"all of it\"}\n"},
        {"\n,", "\n, 5,"},
        {"\n,", "\n,\f"},
        {"{\"language\": \"en\", \"segments\":[\n {", "{\"language\": \"en\", \"segments\":[\n[1], {"},
    };
    for (size_t k = 0; k < sizeof edits / sizeof edits[0]; k++) {
        const char *at = strstr(good, edits[k].cut);
        assert_non_null(at);
        podfmt_buf b;
        podfmt_buf_init(&b);
        podfmt_buf_put(&b, good, (size_t)(at - good));
        podfmt_buf_puts(&b, edits[k].with);
        podfmt_buf_puts(&b, at + strlen(edits[k].cut));
        for (size_t t = 0; t < N_OUTS; t++) {
            podfmt_options o;
            podfmt_options_init(&o);
            same_both_ways(edits[k].with, b.data, b.len, PODFMT_FMT_JSON,
                           outs[t], &o, NULL);
        }
        podfmt_buf_free(&b);
    }
    /* the other shapes, and an empty list */
    static const char *const others[] = {
        "{\"segments\": [], \"text\": \" Just this.\"}",
        "[{\"start\": 0, \"end\": 1500, \"text\": \"<i>Hi</i> there\"}]",
        "{\"utterances\": [{\"start\": 0, \"end\": 900, \"speaker\": \"A\", \"text\": \"Hi.\"}]}",
        "{\"transcription\": [{\"offsets\": {\"from\": 0, \"to\": 900}, \"text\": \" Hi.\"}]}",
        "{\"results\": {\"utterances\": [{\"start\": 0, \"end\": 1, \"transcript\": \"Hi.\", \"speaker\": 0}]}}",
        "  {\"segments\" : [ {\"start\":0,\"end\":1,\"text\":\"a\"} ] }  ",
        "{\"segments\": [{\"start\": 0, \"end\": 1, \"text\": \"a\"}]",
        "{\"segments\": [{\"start\": 0, \"end\": 1, \"text\": \"a\"}] ] }",
        "{\"segments\": [{\"start\": 0, \"end\": 1, \"text\": \"a\"}",
        "{\"segments\": [{\"start\": 0, \"end\": 1, \"text\": \"a\\\"]}\"}]}",
        "{\"segments\": [{\"start\": 0, \"end\": 1, \"text\": \"Hello there.\"}}}",
        "{\"segments\": [{\"start\": 0, \"end\": 1, \"text\": \"a\"}}, \"language\": \"en\"}",
        "{\"segments\": [{\"start\": 0, \"end\": 1, \"text\": [\"a\"}]}]}",
    };
    for (size_t k = 0; k < sizeof others / sizeof others[0]; k++)
        for (size_t t = 0; t < N_OUTS; t++) {
            podfmt_options o;
            podfmt_options_init(&o);
            same_both_ways(others[k], others[k], strlen(others[k]),
                           PODFMT_FMT_JSON, outs[t], &o, NULL);
        }
    free(good);
}

/* A post long enough that the text reader gives back its line table as
 * it builds (a megabyte at a time): every heading and every turn of it is
 * still there, to the last. */
static void long_post_keeps_every_line(void **state)
{
    (void)state;
    size_t n, turns = 45000;
    char *in = long_post(turns, &n);
    podfmt_options o;
    podfmt_options_init(&o);
    for (int pass = 0; pass < 2; pass++) {
        result r = pass ? via_render(in, n, PODFMT_FMT_TEXT, PODFMT_FMT_HTML, &o, NULL)
                        : via_convert(in, n, PODFMT_FMT_TEXT, PODFMT_FMT_HTML, &o, NULL);
        assert_int_equal(r.st, PODFMT_OK);
        size_t h2 = 0, said = 0;
        for (const char *p = r.out; (p = strstr(p, "<h2 id=")) != NULL; p++)
            h2++;
        for (const char *p = r.out; (p = strstr(p, "after nothing (")) != NULL; p++)
            said++;
        assert_int_equal(h2, (turns + 96) / 97);
        size_t want = 0;
        for (size_t i = 0; i < turns; i++)
            want += i % 13 == 4 && i % 3 != 1;
        assert_int_equal(said, want);
        char last[64];
        snprintf(last, sizeof last, "(%zu)</p>\n", turns - 1);
        assert_non_null(strstr(r.out, last));
        free(r.out);
    }
    free(in);
}

/* Lines without any label (a dump of posts) stream from the first line. */
static void unlabelled_dump_both_ways(void **state)
{
    (void)state;
    podfmt_buf b;
    podfmt_buf_init(&b);
    for (int i = 0; i < 2000; i++) {
        podfmt_buf_puts(&b, "A post about the show, number ");
        podfmt_buf_putc(&b, (char)('0' + i % 10));
        podfmt_buf_puts(&b, i % 7 ? ".\n\n" : "\nthat goes on here.\n\n");
    }
    for (size_t t = 0; t < N_OUTS; t++) {
        podfmt_options o;
        podfmt_options_init(&o);
        size_t left = same_both_ways("dump", b.data, b.len, PODFMT_FMT_TEXT,
                                     outs[t], &o, NULL);
        assert_true(left <= 2);
    }
    podfmt_buf_free(&b);
}

/* Short inputs of every reader, and the edge cases of the text reader. */
static void small_inputs_both_ways(void **state)
{
    (void)state;
    static const struct {
        podfmt_format from;
        const char *text;
    } inputs[] = {
        {PODFMT_FMT_TEXT, ""},
        {PODFMT_FMT_TEXT, "Ana: Hello there.\nBen: Hi.\nAna: Bye.\nBen: Bye now."},
        {PODFMT_FMT_TEXT, "Ana: one\r\nAna: two\r\n\r\nBen: three\r\nAna: four\r\nBen: five\r\n"},
        {PODFMT_FMT_TEXT, "# Title\n\nAna: First.\nBen: Second.\nAna: Third.\nBen: Fourth.\n"},
        {PODFMT_FMT_TEXT, "Only a title\n\nAna: a\nBen: b\nAna: c\nBen: d\n\nIntro\n\nAna: e\nBen: f\n"},
        {PODFMT_FMT_TEXT, "Ana: bad \x01 control\nBen: x\n"},
        {PODFMT_FMT_TEXT, "Speaker 1 (00:00):\nHello.\n\nSpeaker 2 (00:04):\nHi there.\n\nSpeaker 1 (00:09):\nBye.\n"},
        {PODFMT_FMT_TEXT, ">> So it begins.\n>> It does.\n>> Yes.\n"},
        {PODFMT_FMT_TEXT, "[00:01] Ana: hi\n[00:05] Ben: hello\n[00:09] Ana: bye\n"},
        {PODFMT_FMT_TEXT, "Jane Doe Profile picture\n\nMar 3, 2024 12 tweets 3 min read\n\nFirst.\n\nSecond.\n\n\xE2\x80\xA2 \xE2\x80\xA2 \xE2\x80\xA2\n\nfurniture\n"},
        {PODFMT_FMT_MD, "# Title\n\n**Ana:** Hello.\n\n**Ben:** Hi.\n\n## Part\n\n**Ana:** Bye.\n"},
        {PODFMT_FMT_SRT, "1\n00:00:01,000 --> 00:00:02,000\nAna: Hello.\n\n2\n00:00:03,000 --> 00:00:04,000\nBen: Hi.\n"},
        {PODFMT_FMT_VTT, "WEBVTT\n\n00:01.000 --> 00:02.000\n<v Ana>Hello.\n\n00:03.000 --> 00:04.000\n<v Ben>Hi.\n"},
        {PODFMT_FMT_JSON, "{\"segments\": [{\"speaker\": \"Ana\", \"startTime\": 1, \"endTime\": 2, \"body\": \"Hello.\"}]}"},
        {PODFMT_FMT_YAML, "podfmt: 1\nmeta: {title: T}\nspeakers:\n- id: ana\n  name: Ana\nblocks:\n- kind: turn\n  speaker: ana\n  segments:\n  - text: Hello.\n"},
        {PODFMT_FMT_YAML, "podfmt: 1\nmeta: {}\nspeakers: []\nblocks: []\n"},
    };
    podfmt_config *cfg = test_config();
    for (size_t k = 0; k < sizeof inputs / sizeof inputs[0]; k++)
        every_way(inputs[k].text, inputs[k].text, strlen(inputs[k].text),
                  inputs[k].from, cfg, LEFT_ANY);
    podfmt_config_free(cfg);
}

typedef void (*file_check)(const char *path, const char *in, size_t n);

/* Both ways for every output. */
static void file_both_ways(const char *path, const char *in, size_t n)
{
    for (size_t t = 0; t < N_OUTS; t++) {
        podfmt_options o;
        podfmt_options_init(&o);
        o.name_hint = path;
        same_both_ways(path, in, n, PODFMT_FMT_AUTO, outs[t], &o, NULL);
    }
}

/* Every file of a directory tree whose name holds `part` (NULL: any). */
static size_t each_file(const char *dir, const char *part, file_check check)
{
    DIR *d = opendir(dir);
    if (!d)
        return 0;
    size_t done = 0;
    struct dirent *e;
    while ((e = readdir(d)) != NULL) {
        if (e->d_name[0] == '.')
            continue;
        char path[1024];
        snprintf(path, sizeof path, "%s/%s", dir, e->d_name);
        DIR *sub = opendir(path);
        if (sub) {
            closedir(sub);
            done += each_file(path, part, check);
            continue;
        }
        if (part && !strstr(e->d_name, part))
            continue;
        size_t n;
        char *in = slurp(path, &n);
        if (!in)
            continue;
        check(path, in, n);
        free(in);
        done++;
    }
    closedir(d);
    return done;
}

/* The example files of the suite, and the corpus and seeds when they are
 * beside the checkout. */
static void example_files_both_ways(void **state)
{
    (void)state;
    size_t n = each_file("tests/cases", ".in.", file_both_ways);
    assert_true(n > 50);
    each_file("../shared/corpus", NULL, file_both_ways);
    each_file("../shared/seeds", NULL, file_both_ways);
}

/* ---- subtitles read in two passes ---------------------------------- */

/* A subtitle file is read twice when it is long (sr_window_from): once to
 * count the labels, keeping only the cue before, and once more putting
 * each cue into the model as it comes.  The result must be what reading
 * it whole gives, for every output and speaker style, errors included
 * (the same message, line and column). */
static void same_windowed(const char *what, const char *in, size_t n,
                          podfmt_format from)
{
    podfmt_config *cfg = test_config();
    for (size_t t = 0; t < N_OUTS; t++)
        for (int v = 0; v < N_VARIANTS; v++) {
            podfmt_options o;
            options_for(v, cfg, &o);
            o.name_hint = what;
            sr_window_from = SIZE_MAX;
            result whole = via_render(in, n, from, outs[t], &o, o.config);
            sr_window_from = 0;
            result conv = via_convert(in, n, from, outs[t], &o, o.config);
            result twice = via_render(in, n, from, outs[t], &o, o.config);
            sr_window_from = (size_t)1 << 20;
            const result *r[2] = {&conv, &twice};
            for (int k = 0; k < 2; k++) {
                if (r[k]->st != whole.st || strcmp(r[k]->out, whole.out) != 0)
                    print_error("%s -> %s, variant %d, %s: %d against %d\n",
                                what, podfmt_format_name(outs[t]), v,
                                k ? "render" : "convert", r[k]->st, whole.st);
                assert_int_equal(r[k]->st, whole.st);
                assert_string_equal(r[k]->out, whole.out);
                assert_string_equal(r[k]->err.message, whole.err.message);
                assert_int_equal(r[k]->err.line, whole.err.line);
                assert_int_equal(r[k]->err.column, whole.err.column);
            }
            free(whole.out);
            free(conv.out);
            free(twice.out);
        }
    podfmt_config_free(cfg);
}

static void file_windowed(const char *path, const char *in, size_t n)
{
    size_t l = strlen(path);
    if (l > 4 && (strcmp(path + l - 4, ".srt") == 0 ||
                  strcmp(path + l - 4, ".vtt") == 0))
        same_windowed(path, in, n, PODFMT_FMT_AUTO);
}

/* Every subtitle file of the suite and the corpus. */
static void subtitle_files_windowed(void **state)
{
    (void)state;
    assert_true(each_file("tests/cases", ".in.", file_windowed) > 50);
    each_file("../shared/corpus", NULL, file_windowed);
}

static void put_time(podfmt_buf *b, long ms, char sep)
{
    podfmt_buf_printf(b, "%02ld:%02ld:%02ld%c%03ld", ms / 3600000,
                      ms / 60000 % 60, ms / 1000 % 60, sep, ms % 1000);
}

/* "a --> e", in SRT's or WebVTT's way. */
static void put_timing(podfmt_buf *b, long a, long e, bool vtt)
{
    put_time(b, a, vtt ? '.' : ',');
    podfmt_buf_puts(b, " --> ");
    put_time(b, e, vtt ? '.' : ',');
}

enum { SUBS_PLAIN, SUBS_ROLLING, SUBS_UNSORTED };

/* A long SRT (vtt false) or WebVTT file in the shapes real ones take:
 * labels in capitals and full names that recur, a title card's label met
 * once, dialogue dashes, sound tags, tags, override codes, entities,
 * voices (one repeating its label), classes, ruby, karaoke times, NOTE
 * blocks, a cue with no text, a cue ending before it starts; rolling:
 * each cue repeats the last line of the one before, as YouTube's do;
 * unsorted: one cue out of time order. */
static char *long_subs(bool vtt, size_t cues, int shape, size_t *len)
{
    static const char *const srt_text[] = {
        "ANA: <i>Welcome</i> back to the show.",
        "Ben Ode: I think so, yes.",
        "- Really?\n- Yes, really.",
        "[Music]",
        "Paris: the city of light",
        "<b>Bold</b> words & R&D {\\an8}moved up",
        "(laughs) That is funny.\nA second line here.",
        "Ben Ode: Numbers *matter* here, 3 * 4 = 12.",
    };
    static const char *const vtt_text[] = {
        "<v Ana Ruiz>Welcome back &amp; hello.",
        "<v.loud Ben Ode>I think so, <c.yellow>yes</c>.",
        "- Really?\n- Yes, really.",
        "<v Ana Ruiz>Ana Ruiz: I said it twice.",
        "<ruby>\xE6\xBC\xA2\xE5\xAD\x97<rt>kanji</rt></ruby> in a cue",
        "HOST: <00:00:01.500>Karaoke <00:00:02.000>times.",
        "<v Lena Park><i>Quietly</i> now &lt;3",
        "[Applause]",
    };
    podfmt_buf b;
    podfmt_buf_init(&b);
    if (vtt)
        podfmt_buf_puts(&b, "WEBVTT - a long file\nKind: captions\n\n"
                            "NOTE made for a test\n\n");
    long t = 0;
    for (size_t i = 0; i < cues; i++) {
        long a = t, e = t + 1500 + (long)(i % 4) * 400;
        t = e + 100;
        if (shape == SUBS_UNSORTED && i == cues / 2)
            a -= 60000, e -= 60000;
        if (i % 50 == 49)
            e = a - 10; /* ends before it starts */
        if (vtt) {
            if (i % 9 == 0)
                podfmt_buf_printf(&b, "cue-%zu\n", i);
            if (i % 100 == 0)
                podfmt_buf_puts(&b, "NOTE a note\nacross lines\n\n");
        } else {
            podfmt_buf_printf(&b, "%zu\n", i + 1);
        }
        put_timing(&b, a, e, vtt);
        podfmt_buf_puts(&b, vtt && i % 5 == 0 ? " line:90% align:left\n" : "\n");
        if (shape == SUBS_ROLLING) {
            if (i > 0)
                podfmt_buf_printf(&b, "words of line %zu\n", i - 1);
            podfmt_buf_printf(&b, "words of line %zu\n\n", i);
            continue;
        }
        if (i % 31 == 30) { /* a cue with no text */
            podfmt_buf_puts(&b, "\n");
            continue;
        }
        podfmt_buf_puts(&b, (vtt ? vtt_text : srt_text)[i % 8]);
        podfmt_buf_printf(&b, " (%zu)\n\n", i);
    }
    podfmt_buf_putc(&b, '\0');
    assert_false(b.failed);
    *len = b.len - 1;
    return b.data;
}

static void long_subtitles_windowed(void **state)
{
    (void)state;
    static const int shapes[] = {SUBS_PLAIN, SUBS_ROLLING, SUBS_UNSORTED};
    for (int vtt = 0; vtt < 2; vtt++)
        for (size_t k = 0; k < 3; k++) {
            size_t n;
            char *in = long_subs(vtt, 3000, shapes[k], &n);
            same_windowed(vtt ? "long vtt" : "long srt", in, n,
                          vtt ? PODFMT_FMT_VTT : PODFMT_FMT_SRT);
            free(in);
        }
}

/* Text (plain or Markdown) without a time anywhere gives the subtitle
 * engine leave to cut each turn at once (without it every turn waits for
 * a start that never comes, and a long transcript's words all stay in
 * memory).  The cues
 * must be those of the same document read back from YAML, which gives
 * no such leave: for a transcript with no time, and for one with one
 * time after ten turns (their cues are squeezed in before it, so the
 * leave must not be given). */
static void untimed_text_subtitles(void **state)
{
    (void)state;
    static const char *const said[] = {
        "So where do we start with all of this?",
        "I think the budget matters more than anything else we have "
        "discussed today, and more than the gear.",
        "Yes.",
        "We recorded the first episode in a wardrobe full of coats, "
        "which is a story for another day; the neighbours still ask.",
    };
    for (int md = 0; md < 2; md++)
        for (int timed = 0; timed < 2; timed++) {
            podfmt_format from = md ? PODFMT_FMT_MD : PODFMT_FMT_TEXT;
            const char *sep = md ? "\n\n" : "\n";
            podfmt_buf b;
            podfmt_buf_init(&b);
            podfmt_buf_puts(&b, md ? "# The Budget Episode\n\n"
                                   : "The Budget Episode\n\n");
            for (size_t i = 0; i < 3000; i++) {
                if (i % 200 == 0)
                    podfmt_buf_puts(&b, md ? "## Part\n\n" : "\nPart\n\n");
                const char *who = i % 3 == 0   ? "Ana Ruiz"
                                  : i % 3 == 1 ? "Ben Ode"
                                               : "AR";
                podfmt_buf_printf(&b, md ? "**%s:** %s (%zu)%s" : "%s: %s (%zu)%s",
                                  who, said[i % 4], i, sep);
                if (i % 7 == 0) /* one speaker over two lines */
                    podfmt_buf_printf(&b, "And more from the same (%zu).%s", i,
                                      sep);
                if (timed && i == 10) /* the turns before are squeezed in */
                    podfmt_buf_printf(&b, md ? "[00:20] **Ben Ode:** A time at last.%s"
                                             : "[00:20] Ben Ode: A time at last.%s",
                                      sep);
            }
            assert_false(b.failed);
            char *in = b.data;
            size_t n = b.len;
            podfmt_options o;
            podfmt_options_init(&o);
            result yaml = via_convert(in, n, from, PODFMT_FMT_YAML, &o, NULL);
            assert_int_equal(yaml.st, PODFMT_OK);
            /* the structured form and Podcasting 2.0 JSON of the same turns
             * are read without a time too (or with the one) */
            result json = via_convert(in, n, from, PODFMT_FMT_JSON, &o, NULL);
            assert_int_equal(json.st, PODFMT_OK);
            for (int v = 0; v < N_VARIANTS; v++) {
                options_for(v, NULL, &o);
                for (int vtt = 0; vtt < 2; vtt++) {
                    podfmt_format to = vtt ? PODFMT_FMT_VTT : PODFMT_FMT_SRT;
                    result direct = via_convert(in, n, from, to, &o, NULL);
                    result back = via_render(yaml.out, yaml.len,
                                             PODFMT_FMT_YAML, to, &o, NULL);
                    result yaml_direct = via_convert(yaml.out, yaml.len,
                                                     PODFMT_FMT_YAML, to, &o, NULL);
                    result json_direct = via_convert(json.out, json.len,
                                                     PODFMT_FMT_JSON, to, &o, NULL);
                    result json_back = via_render(json.out, json.len,
                                                  PODFMT_FMT_JSON, to, &o, NULL);
                    assert_int_equal(direct.st, PODFMT_OK);
                    assert_int_equal(back.st, PODFMT_OK);
                    assert_string_equal(direct.out, back.out);
                    assert_int_equal(yaml_direct.st, PODFMT_OK);
                    assert_string_equal(yaml_direct.out, back.out);
                    assert_int_equal(json_direct.st, PODFMT_OK);
                    assert_int_equal(json_back.st, PODFMT_OK);
                    assert_string_equal(json_direct.out, json_back.out);
                    free(direct.out);
                    free(back.out);
                    free(yaml_direct.out);
                    free(json_direct.out);
                    free(json_back.out);
                }
            }
            free(yaml.out);
            free(json.out);
            podfmt_buf_free(&b);
        }
}

/* ---- Markdown parsed in pieces ---------------------------------------- */

/* A long Markdown post is parsed by cmark a piece at a time where a piece
 * ends before a line at the margin after a blank line (md_piece_size),
 * and its blocks are written as they are built; the document must be
 * what one parse of the whole gives, written whole: for a post of
 * turns, lists (loose and tight, ordered, one ending before a turn), block
 * quotes, headings both ways, HTML blocks, indented code, rules and
 * emphasis; and for posts with what keeps the body whole (a link
 * reference definition used before it, fenced code and an HTML comment
 * with blank lines inside, a list item after a blank line). */
static char *long_markdown(size_t turns, int extra, size_t *len)
{
    podfmt_buf b;
    podfmt_buf_init(&b);
    if (extra == 4) /* the title from the first heading; a front paragraph
                     * again after the talk: the notes begin there */
        podfmt_buf_puts(&b, "# The Budget Episode\n\n"
                            "This week Ana and Ben talk about the money behind small shows.\n\n");
    else
        podfmt_buf_puts(&b, "---\ntitle: The Budget Episode\n---\n\n"
                            "# The Budget Episode\n\nShow notes: *money*.\n\n"
                            "## Transcript\n\n");
    for (size_t i = 0; i < turns; i++) {
        const char *who = i % 3 == 0 ? "Ana Ruiz" : i % 3 == 1 ? "Ben Ode" : "Lena";
        switch (i % 11) {
        case 1:
            podfmt_buf_printf(&b, "**%s:** Three things:\n\n1. rent\n2. mics\n\n"
                                  "3. coffee, and [a link](https://x.example/%zu)\n\n",
                              who, i);
            break;
        case 3:
            podfmt_buf_printf(&b, "**%s:** A quote:\n\n> It *was* said\n"
                                  "lazily on.\n\n> And again (%zu).\n\n", who, i);
            break;
        case 5:
            podfmt_buf_printf(&b, "Part %zu\n-------\n\n<div class=\"ad\">\n"
                                  "an ad\n</div>\n\n", i);
            break;
        case 7:
            podfmt_buf_printf(&b, "**%s:** Some code:\n\n    x = %zu\n\n    y = 2\n\n"
                                  "---\n\n", who, i);
            break;
        case 9:
            podfmt_buf_printf(&b, "- a point\n- another\n\n  still the item\n\n"
                                  "**%s:** After the list (%zu).\n\n", who, i);
            break;
        case 10:
            if (extra == 4) { /* a name alone above its paragraph */
                podfmt_buf_printf(&b, "Lena Park\n\nA turn under a name (%zu).\n\n", i);
                break;
            }
            if (extra == 0) { /* a byte order mark inside (files joined) */
                podfmt_buf_printf(&b, "\xEF\xBB\xBF" "A paragraph after a mark (%zu).\n\n", i);
                break;
            }
            /* fall through */
        default:
            podfmt_buf_printf(&b, "**%s:** So where do we start with all of "
                                  "this? It is **%zu** _things_.\nA second line.\n\n",
                              who, i);
        }
    }
    if (extra == 1) /* a definition after its use: the body is one */
        podfmt_buf_puts(&b, "Read [the notes][n].\n\n[n]: https://x.example/n\n");
    if (extra == 2)
        podfmt_buf_puts(&b, "```\ncode\n\n**Ana Ruiz:** not a turn\n```\n\n"
                            "<!-- a comment\n\n**Ben Ode:** not a turn either\n-->\n");
    if (extra == 3) /* a line ended by CR alone: cmark's line ends there */
        podfmt_buf_puts(&b, "1. first item\n\n\r   goes on in it\n\n"
                            "1. second item\n");
    if (extra == 4)
        podfmt_buf_puts(&b, "**Ben Ode:** The last turn.\n\n"
                            "It goes on here.\n\n"
                            "The music is by:\n\n"
                            "This week Ana and Ben talk about the money behind small shows.\n\n"
                            "Thanks for reading! Subscribe now.\n");
    podfmt_buf_putc(&b, '\0');
    assert_false(b.failed);
    *len = b.len - 1;
    return b.data;
}

static void markdown_in_pieces(void **state)
{
    (void)state;
    static const podfmt_format to[] = {PODFMT_FMT_HTML, PODFMT_FMT_YAML};
    for (int extra = 0; extra < 5; extra++) {
        size_t n;
        char *in = long_markdown(2000, extra, &n);
        for (size_t t = 0; t < 2; t++)
            for (int v = 0; v < 4; v++) {
                podfmt_options o;
                options_for(v, NULL, &o);
                size_t keep = md_piece_size;
                md_piece_size = SIZE_MAX;
                result whole = via_render(in, n, PODFMT_FMT_MD, to[t], &o, NULL);
                md_piece_size = 0; /* a piece at every place it may end */
                result pieces = via_convert(in, n, PODFMT_FMT_MD, to[t], &o, NULL);
                md_piece_size = keep;
                assert_int_equal(whole.st, PODFMT_OK);
                assert_int_equal(pieces.st, PODFMT_OK);
                assert_string_equal(pieces.out, whole.out);
                if (extra == 2) /* the fence and the comment are text */
                    assert_non_null(strstr(whole.out, "not a turn either"));
                if (extra == 4 && to[t] == PODFMT_FMT_YAML) {
                    /* the title, the names alone, the notes after the talk */
                    assert_non_null(strstr(whole.out, "title: The Budget Episode\n"));
                    assert_non_null(strstr(whole.out, "  speaker: lena-park\n  segments:\n"
                                                      "  - text: A turn under a name (10).\n"));
                    assert_non_null(strstr(whole.out,
                        "  - text: The last turn.\n  - text: It goes on here.\n"
                        "- kind: note\n  segments:\n  - text: 'The music is by:'\n"
                        "  - text: This week Ana and Ben talk about the money behind small shows.\n"
                        "  - text: Thanks for reading! Subscribe now.\n"));
                }
                free(whole.out);
                free(pieces.out);
            }
        /* and the blocks go to the writer as they are built */
        podfmt_config *cfg = test_config();
        every_way("long markdown", in, n, PODFMT_FMT_MD, cfg,
                  LEFT_FEW_STREAMED);
        podfmt_config_free(cfg);
        free(in);
    }
}

static void file_in_pieces(const char *path, const char *in, size_t n)
{
    podfmt_options o;
    podfmt_options_init(&o);
    size_t keep = md_piece_size;
    md_piece_size = SIZE_MAX;
    result whole = via_render(in, n, PODFMT_FMT_MD, PODFMT_FMT_YAML, &o, NULL);
    md_piece_size = 0;
    result pieces = via_render(in, n, PODFMT_FMT_MD, PODFMT_FMT_YAML, &o, NULL);
    md_piece_size = keep;
    if (whole.st != pieces.st || strcmp(whole.out, pieces.out) != 0)
        print_error("%s read as Markdown in pieces differs\n", path);
    assert_int_equal(pieces.st, whole.st);
    assert_string_equal(pieces.out, whole.out);
    free(whole.out);
    free(pieces.out);
}

/* Every file of the suite, the corpus and the seeds, read as Markdown. */
static void files_in_pieces(void **state)
{
    (void)state;
    assert_true(each_file("tests/cases", ".in.", file_in_pieces) > 50);
    each_file("../shared/corpus", NULL, file_in_pieces);
    each_file("../shared/seeds", NULL, file_in_pieces);
}

/* The leave given by text without a time goes when a caller adds a
 * timed segment to the document: the cues are those of the same document
 * read from YAML (no leave) with the same segment added. */
static void untimed_then_timed(void **state)
{
    (void)state;
    static const char text[] =
        "Ana: So where do we start with all of this, I wonder?\n"
        "Ben: With the budget, which matters more than anything else.\n"
        "Ana: That is a fair point, and the numbers back it up.\n";
    podfmt_doc *a = parse_with(text, PODFMT_FMT_TEXT, NULL);
    char *yaml = render_with(a, PODFMT_FMT_YAML, NULL);
    podfmt_doc *b = parse_with(yaml, PODFMT_FMT_YAML, NULL);
    podfmt_doc *docs[2] = {a, b};
    char *srt[2];
    for (int k = 0; k < 2; k++) {
        assert_true(podfmt_doc_add_block(docs[k], PODFMT_BLOCK_TURN, 0) >= 0);
        assert_int_equal(podfmt_doc_add_segment(docs[k], "Bye.", 4, 5000, 6000), 0);
        srt[k] = render_with(docs[k], PODFMT_FMT_SRT, NULL);
    }
    assert_string_equal(srt[0], srt[1]);
    assert_non_null(strstr(srt[0], "\nBye.\n"));
    free(srt[0]);
    free(srt[1]);
    free(yaml);
    podfmt_doc_free(a);
    podfmt_doc_free(b);
}

/* The speaker one too many is met at the end of a long file read in two
 * passes, after its start has been given back: the error still names
 * its line and column (lines ended by LF, and by CR LF). */
static void too_many_speakers_windowed(void **state)
{
    (void)state;
    for (int crlf = 0; crlf < 2; crlf++) {
        const char *nl = crlf ? "\r\n" : "\n";
        podfmt_buf in;
        podfmt_buf_init(&in);
        for (int i = 0; i <= PODFMT_MAX_SPEAKERS; i++) {
            podfmt_buf_printf(&in, "%d%s", i + 1, nl);
            put_time(&in, i * 1000L, ',');
            podfmt_buf_puts(&in, " --> ");
            put_time(&in, i * 1000L + 900, ',');
            podfmt_buf_printf(&in, "%sGUEST %c%c%c%c: I was here.%s%s", nl,
                              'A' + i % 26, 'A' + i / 26 % 26,
                              'A' + i / 676 % 26, 'A' + i / 17576 % 26, nl, nl);
        }
        assert_false(in.failed);
        assert_true(in.len > (size_t)4 << 20);
        sr_window_from = SIZE_MAX;
        result whole = via_render(in.data, in.len, PODFMT_FMT_SRT,
                                  PODFMT_FMT_VTT, NULL, NULL);
        sr_window_from = (size_t)1 << 20;
        result conv = via_convert(in.data, in.len, PODFMT_FMT_SRT,
                                  PODFMT_FMT_VTT, NULL, NULL);
        assert_int_equal(whole.st, PODFMT_EINPUT);
        assert_int_equal(conv.st, PODFMT_EINPUT);
        assert_non_null(strstr(conv.err.message, "speakers"));
        assert_string_equal(conv.err.message, whole.err.message);
        assert_int_equal(conv.err.line, 4 * PODFMT_MAX_SPEAKERS + 3);
        assert_int_equal(conv.err.line, whole.err.line);
        assert_int_equal(conv.err.column, whole.err.column);
        free(whole.out);
        free(conv.out);
        podfmt_buf_free(&in);
    }
}

/* An input error is found before anything is written, even with blocks
 * that could have been written already: nothing reaches the output. */
static int calls;
static int count_sink(void *ctx, const char *data, size_t len)
{
    (void)ctx;
    (void)data;
    (void)len;
    calls++;
    return 0;
}

static void input_error_writes_nothing(void **state)
{
    (void)state;
    /* more speakers than a document may have, the last met at the end */
    podfmt_buf in;
    podfmt_buf_init(&in);
    for (int round = 0; round < 2; round++)
        for (int i = 0; i <= PODFMT_MAX_SPEAKERS; i++) {
            char line[64];
            snprintf(line, sizeof line, "Guest %c%c%c%c: I was here.\n",
                     'A' + i % 26, 'a' + i / 26 % 26, 'a' + i / 676 % 26,
                     'a' + i / 17576 % 26);
            podfmt_buf_puts(&in, line);
        }
    assert_false(in.failed);
    podfmt_doc *doc = podfmt_doc_new(NULL);
    podfmt_buf out;
    podfmt_buf_init(&out);
    out.sink = count_sink;
    calls = 0;
    podfmt_error err = {0};
    podfmt_status st = podfmt_convert(doc, PODFMT_FMT_TEXT,
                                      dup_bytes(in.data, in.len), in.len,
                                      PODFMT_FMT_HTML, NULL, &out, &err);
    assert_int_equal(st, PODFMT_EINPUT);
    assert_non_null(strstr(err.message, "speakers"));
    assert_int_equal(calls, 0);
    assert_int_equal(out.len, 0);
    podfmt_buf_free(&out);
    podfmt_doc_free(doc);
    podfmt_buf_free(&in);
}

/* A sink that fails (a full disk) fails the conversion. */
static int failing_sink(void *ctx, const char *data, size_t len)
{
    (void)ctx;
    (void)data;
    (void)len;
    return -1;
}

static void write_failure_is_an_error(void **state)
{
    (void)state;
    size_t n;
    char *in = long_post(2000, &n);
    for (size_t t = 0; t < N_OUTS; t++) {
        podfmt_doc *doc = podfmt_doc_new(NULL);
        podfmt_buf out;
        podfmt_buf_init(&out);
        out.sink = failing_sink;
        podfmt_error err = {0};
        podfmt_status st = podfmt_convert(doc, PODFMT_FMT_TEXT,
                                          dup_bytes(in, n), n, outs[t], NULL,
                                          &out, &err);
        assert_int_equal(st, PODFMT_EIO);
        assert_true(out.failed);
        podfmt_buf_free(&out);
        podfmt_doc_free(doc);
    }
    free(in);
}

/* ---- long turns in pieces ------------------------------------------ */

/* A turn of more than DOC_PIECE segments goes to the subtitle writers in
 * pieces (doc_stream_partial) and leaves the document as it goes; the
 * cues must be those of the whole document.  `what` is compared for SRT
 * and WebVTT under the default options, the configuration with dash
 * style, and name style. */
static void subs_both_ways(const char *what, const char *in, size_t n,
                           podfmt_format from, const podfmt_config *cfg)
{
    static const int variants[] = {0, 4, 5};
    for (int vtt = 0; vtt < 2; vtt++)
        for (size_t v = 0; v < 3; v++) {
            podfmt_options o;
            options_for(variants[v], cfg, &o);
            same_both_ways(what, in, n, from,
                           vtt ? PODFMT_FMT_VTT : PODFMT_FMT_SRT, &o, cfg);
        }
}

#define LONG_TURN (DOC_PIECE + 1500)

/* Converts in to WebVTT with the default options (subtitles read in two
 * passes whatever their size) and returns what the document still held
 * at the end: a turn handed on in pieces leaves its last piece only. */
static result held_at_end(const char *in, size_t n, podfmt_format from)
{
    podfmt_options o;
    podfmt_options_init(&o);
    sr_window_from = 0;
    result r = via_convert(in, n, from, PODFMT_FMT_VTT, &o, NULL);
    sr_window_from = (size_t)1 << 20;
    assert_int_equal(r.st, PODFMT_OK);
    free(r.out);
    r.out = NULL;
    return r;
}

/* Subtitles with no speaker (no label, no voice): read twice, and the
 * stream opens before the second pass; tags, entities, a sound tag, a
 * cue with two lines, a cue with no text, a reversed one, a dash once. */
static char *nameless_subs(bool vtt, size_t *len)
{
    static const char *const said[] = {
        "<i>Welcome</i> back to the show.", "I think so, yes.", "[Music]",
        "<b>Bold</b> words &amp; R&D {\\an8}moved up",
        "(laughs) That is funny.\nA second line here.", "Yes.",
        "Numbers *matter* here, 3 * 4 = 12.", "a"};
    podfmt_buf b;
    podfmt_buf_init(&b);
    if (vtt)
        podfmt_buf_puts(&b, "WEBVTT\n\n");
    long t = 0;
    for (size_t i = 0; i < LONG_TURN; i++) {
        long a = t, e = t + 900 + (long)(i % 5) * 300;
        t = e + 40;
        if (i % 77 == 76)
            e = a - 5; /* ends before it starts */
        if (!vtt)
            podfmt_buf_printf(&b, "%zu\n", i + 1);
        put_timing(&b, a, e, vtt);
        podfmt_buf_putc(&b, '\n');
        if (i % 61 == 60) {
            podfmt_buf_putc(&b, '\n'); /* no text */
            continue;
        }
        if (i == LONG_TURN - 10) /* the long turn ends */
            podfmt_buf_puts(&b, "- Really?\n- Yes, really.\n\n");
        else
            podfmt_buf_printf(&b, "%s (%zu)\n\n", said[i % 8], i);
    }
    podfmt_buf_putc(&b, '\0');
    assert_false(b.failed);
    *len = b.len - 1;
    return b.data;
}

static void long_turns_in_pieces(void **state)
{
    (void)state;
    podfmt_config *cfg = test_config();
    size_t n;
    for (int vtt = 0; vtt < 2; vtt++) {
        char *in = nameless_subs(vtt, &n);
        same_windowed(vtt ? "nameless vtt" : "nameless srt", in, n,
                      vtt ? PODFMT_FMT_VTT : PODFMT_FMT_SRT);
        assert_true(held_at_end(in, n, vtt ? PODFMT_FMT_VTT : PODFMT_FMT_SRT)
                        .segments_left <= LONG_TURN - DOC_PIECE);
        free(in);
    }
    /* Whisper JSON without speakers: one turn, which the document does
     * not keep whole */
    char *in = long_json(0, LONG_TURN, &n);
    subs_both_ways("long whisper turn", in, n, PODFMT_FMT_JSON, cfg);
    result r = held_at_end(in, n, PODFMT_FMT_JSON);
    assert_int_equal(r.blocks_left, 1);
    assert_true(r.segments_left <= LONG_TURN - DOC_PIECE);
    free(in);
    podfmt_options o;
    podfmt_options_init(&o);
    /* a word a segment: joined into cues; and the same with every
     * segment of several words after the first pieces, which the first
     * DOC_PIECE segments decide for (a word each: word timing) */
    for (int late = 0; late < 2; late++) {
        podfmt_buf b;
        podfmt_buf_init(&b);
        podfmt_buf_puts(&b, "{\"segments\": [\n");
        for (size_t i = 0; i < LONG_TURN; i++)
            podfmt_buf_printf(&b, "%s{\"start\": %.2f, \"end\": %.2f, "
                                  "\"text\": \" %s\"}\n",
                              i ? "," : "", (double)i * 0.4,
                              (double)i * 0.4 + 0.3,
                              late && i > DOC_PIECE ? "two words"
                              : i % 9 == 8          ? "end."
                                                    : "word");
        podfmt_buf_puts(&b, "]}\n");
        assert_false(b.failed);
        subs_both_ways("words a segment", b.data, b.len, PODFMT_FMT_JSON, cfg);
        r = via_convert(b.data, b.len, PODFMT_FMT_JSON, PODFMT_FMT_SRT, &o,
                        NULL);
        assert_int_equal(r.st, PODFMT_OK);
        /* words joined into cues, not a cue a word */
        assert_non_null(strstr(r.out, "word word word"));
        if (late)
            assert_non_null(strstr(r.out, "two words two words"));
        free(r.out);
        podfmt_buf_free(&b);
    }
    /* one speaker's long turn in a transcript, in paragraphs, some
     * with a time; in Markdown with list items; in the structured form,
     * whose block gives the turn's times after its segments */
    for (int md = 0; md < 2; md++) {
        podfmt_buf b;
        podfmt_buf_init(&b);
        podfmt_buf_puts(&b, md ? "**Ana Ruiz:** Hello there.\n\n"
                               : "Ana Ruiz: Hello there.\n\n");
        for (size_t i = 0; i < LONG_TURN; i++) {
            if (md && i % 5 == 1)
                podfmt_buf_printf(&b, "- item %zu\n- and more\n\n", i);
            else if (i % 400 == 7)
                podfmt_buf_printf(&b, "[%02zu:%02zu:%02zu] Said at a time, %zu.\n\n",
                                  i / 3600, i / 60 % 60, i % 60, i);
            else
                podfmt_buf_printf(&b, "The same turn goes on, paragraph %zu.\n\n",
                                  i);
        }
        podfmt_buf_puts(&b, md ? "**Ben Ode:** Bye.\n" : "Ben Ode: Bye.\n");
        assert_false(b.failed);
        podfmt_format from = md ? PODFMT_FMT_MD : PODFMT_FMT_TEXT;
        subs_both_ways(md ? "long md turn" : "long text turn", b.data, b.len,
                       from, cfg);
        assert_true(held_at_end(b.data, b.len, from).segments_left <=
                    LONG_TURN - DOC_PIECE + 1);
        result y = via_convert(b.data, b.len, from, PODFMT_FMT_YAML, &o, NULL);
        assert_int_equal(y.st, PODFMT_OK);
        subs_both_ways("long yaml turn", y.out, y.len, PODFMT_FMT_YAML, cfg);
        free(y.out);
        podfmt_buf_free(&b);
    }
    /* two turns of one speaker, each with its own times, the second
     * long: joined as one turn, the first one's start kept; and the
     * same with the second giving only an end, before the first one's
     * start (no error: the joined turn ends at the later end) */
    for (int early_end = 0; early_end < 2; early_end++) {
        podfmt_buf b;
        podfmt_buf_init(&b);
        podfmt_buf_printf(&b, "podfmt: 1\nmeta: {}\nspeakers:\n- id: ana\n"
                              "  name: Ana\nblocks:\n- kind: turn\n"
                              "  speaker: ana\n  start: 10\n  end: 20\n"
                              "  segments:\n  - text: First.\n"
                              "- kind: turn\n  speaker: ana\n%s"
                              "  segments:\n",
                          early_end ? "  end: 5\n"
                                    : "  start: 100\n  end: 5000\n");
        for (size_t i = 0; i < LONG_TURN; i++)
            podfmt_buf_printf(&b, "  - text: Segment %zu of the turn.\n", i);
        assert_false(b.failed);
        subs_both_ways("two turns of one speaker", b.data, b.len,
                       PODFMT_FMT_YAML, cfg);
        r = via_convert(b.data, b.len, PODFMT_FMT_YAML, PODFMT_FMT_SRT, &o,
                        NULL);
        assert_int_equal(r.st, PODFMT_OK);
        assert_non_null(strstr(r.out, "1\n00:00:10,000 --> "));
        free(r.out);
        podfmt_buf_free(&b);
    }
    podfmt_config_free(cfg);
}

/* The fragment's writer keeps its place among the headings between
 * calls; a page template that asks for the body twice gets the same ids
 * twice, not new ones. */
static void page_body_twice_same_ids(void **state)
{
    (void)state;
    static const char in[] = "Intro\n\nAna: a\nBen: b\nAna: c\nBen: d\n\n"
                             "Intro\n\nAna: e\nBen: f\n";
    static const char tmpl[] = "<main>{{body}}</main><aside>{{body}}</aside>";
    podfmt_options o;
    podfmt_options_init(&o);
    o.standalone = 1;
    o.template_text = tmpl;
    o.template_len = sizeof tmpl - 1;
    result r = via_render(in, sizeof in - 1, PODFMT_FMT_TEXT, PODFMT_FMT_HTML,
                          &o, NULL);
    assert_int_equal(r.st, PODFMT_OK);
    const char *aside = strstr(r.out, "<aside>");
    assert_non_null(aside);
    assert_non_null(strstr(r.out, "<h2 id=\"intro-2\">"));
    assert_non_null(strstr(aside, "<h2 id=\"intro\">"));
    assert_non_null(strstr(aside, "<h2 id=\"intro-2\">"));
    assert_null(strstr(r.out, "intro-3"));
    free(r.out);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(long_post_both_ways),
        cmocka_unit_test(long_post_keeps_every_line),
        cmocka_unit_test(chapters_and_talk_time_stream),
        cmocka_unit_test(long_yaml_both_ways),
        cmocka_unit_test(long_json_both_ways),
        cmocka_unit_test(odd_json_both_ways),
        cmocka_unit_test(unlabelled_dump_both_ways),
        cmocka_unit_test(small_inputs_both_ways),
        cmocka_unit_test(example_files_both_ways),
        cmocka_unit_test(input_error_writes_nothing),
        cmocka_unit_test(write_failure_is_an_error),
        cmocka_unit_test(page_body_twice_same_ids),
        cmocka_unit_test(subtitle_files_windowed),
        cmocka_unit_test(long_subtitles_windowed),
        cmocka_unit_test(too_many_speakers_windowed),
        cmocka_unit_test(untimed_text_subtitles),
        cmocka_unit_test(untimed_then_timed),
        cmocka_unit_test(markdown_in_pieces),
        cmocka_unit_test(files_in_pieces),
        cmocka_unit_test(long_turns_in_pieces),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
