/* The JSON reader and the JSON transcript and chapters writers. */
#include "testutil.h"

#include <jansson.h>
#include <stdio.h>

/* ---- helpers ------------------------------------------------------------ */

static podfmt_doc *json_doc(const char *text)
{
    return parse_with(text, PODFMT_FMT_JSON, NULL);
}

/* Parses text that must fail; returns the status and fills err. */
static podfmt_status json_fail(const char *text, size_t len, podfmt_error *err)
{
    podfmt_doc *doc = podfmt_doc_new(NULL);
    memset(err, 0, sizeof *err);
    podfmt_status st = podfmt_parse(doc, PODFMT_FMT_JSON, text, len, NULL, err);
    podfmt_doc_free(doc);
    return st;
}

static void expect_error(const char *text, int line, int column,
                         const char *message)
{
    podfmt_error err;
    podfmt_status st = json_fail(text, strlen(text), &err);
    if (st != PODFMT_EINPUT || err.line != line || err.column != column ||
        strcmp(err.message, message) != 0)
        print_error("got %d %d:%d: %s\n", st, err.line, err.column,
                    err.message);
    assert_int_equal(st, PODFMT_EINPUT);
    assert_string_equal(err.message, message);
    assert_int_equal(err.line, line);
    assert_int_equal(err.column, column);
}

static const char *speaker_of(const podfmt_doc *doc, size_t b)
{
    assert_true(b < doc->n_blocks);
    int s = doc->blocks[b].speaker;
    return s < 0 ? NULL : doc->speakers[s].name;
}

static const podfmt_segment *seg(const podfmt_doc *doc, size_t b, size_t i)
{
    assert_true(b < doc->n_blocks);
    assert_true(i < doc->blocks[b].count);
    return &doc->segments[doc->blocks[b].first + i];
}

static char *to_json(const podfmt_doc *doc)
{
    return render_with(doc, PODFMT_FMT_JSON, NULL);
}

/* ---- Podcasting 2.0 ------------------------------------------------------ */

static void p20_phrases(void **state)
{
    (void)state;
    podfmt_doc *doc = json_doc(
        "{\"version\": \"1.0.0\", \"segments\": [\n"
        " {\"speaker\": \"Alban\", \"startTime\": 0.0, \"endTime\": 4.8,"
        "  \"body\": \"It is so stinking nice to\"},\n"
        " {\"speaker\": \"Alban\", \"startTime\": 4.8, \"endTime\": 8.25,"
        "  \"body\": \"show up and record this show.\"},\n"
        " {\"speaker\": \"Kevin\", \"startTime\": 30.48, \"endTime\": 32.85,"
        "  \"body\": \"You guys are too kind.\"}]}");
    assert_int_equal(doc->n_blocks, 2);
    assert_string_equal(speaker_of(doc, 0), "Alban");
    assert_int_equal(doc->blocks[0].count, 2);
    assert_string_equal(seg(doc, 0, 0)->text, "It is so stinking nice to");
    assert_int_equal(seg(doc, 0, 1)->start, 4800);
    assert_int_equal(seg(doc, 0, 1)->end, 8250);
    assert_string_equal(speaker_of(doc, 1), "Kevin");
    assert_int_equal(seg(doc, 1, 0)->start, 30480);
    assert_int_equal(seg(doc, 1, 0)->end, 32850);
    podfmt_doc_free(doc);
}

/* The namespace's own example: a word a segment, "2.50" */
static void p20_words_joined(void **state)
{
    (void)state;
    podfmt_doc *doc = json_doc(
        "{\"version\": \"1.0.0\", \"segments\": [\n"
        "{\"speaker\": \"Darth Vader\", \"startTime\": 0.5, \"endTime\": 0.75, \"body\": \"I\"},\n"
        "{\"speaker\": \"Darth Vader\", \"startTime\": 1, \"endTime\": 1.25, \"body\": \"am\"},\n"
        "{\"speaker\": \"Darth Vader\", \"startTime\": 1.5, \"endTime\": 2.0, \"body\": \"your\"},\n"
        "{\"speaker\": \"Darth Vader\", \"startTime\": 2.25, \"endTime\": 2.50, \"body\": \"father.\"},\n"
        "{\"speaker\": \"Luke\", \"startTime\": 2.75, \"endTime\": 3.0, \"body\": \"Nooooo\"}]}");
    assert_int_equal(doc->n_blocks, 2);
    assert_int_equal(doc->blocks[0].count, 1);
    assert_string_equal(seg(doc, 0, 0)->text, "I am your father.");
    assert_int_equal(seg(doc, 0, 0)->start, 500);
    assert_int_equal(seg(doc, 0, 0)->end, 2500);
    assert_string_equal(speaker_of(doc, 1), "Luke");
    assert_string_equal(seg(doc, 1, 0)->text, "Nooooo");
    podfmt_doc_free(doc);
}

/* Word files that give the spaces as " " bodies and punctuation apart */
static void p20_words_with_space_bodies(void **state)
{
    (void)state;
    podfmt_doc *doc = json_doc(
        "{\"version\":\"1.0.0\",\"segments\":["
        "{\"speaker\":\"Speaker 1\",\"startTime\":0.221,\"endTime\":0.361,\"body\":\"It's\"},"
        "{\"speaker\":\"Speaker 1\",\"startTime\":0.361,\"endTime\":0.361,\"body\":\" \"},"
        "{\"speaker\":\"Speaker 1\",\"startTime\":0.462,\"endTime\":0.883,\"body\":\"Friday\"},"
        "{\"speaker\":\"Speaker 1\",\"startTime\":0.883,\"endTime\":0.883,\"body\":\",\"},"
        "{\"speaker\":\"Speaker 1\",\"startTime\":0.883,\"endTime\":0.883,\"body\":\" \"},"
        "{\"speaker\":\"Speaker 1\",\"startTime\":2.007,\"endTime\":3.09,\"body\":\"2023\"},"
        "{\"speaker\":\"Speaker 1\",\"startTime\":3.09,\"endTime\":3.09,\"body\":\".\"},"
        "{\"speaker\":\"Speaker 1\",\"startTime\":3.09,\"endTime\":3.09,\"body\":\" \"},"
        "{\"speaker\":\"Speaker 2\",\"startTime\":4.34,\"endTime\":4.6,\"body\":\"The\"},"
        "{\"speaker\":\"Speaker 2\",\"startTime\":4.6,\"endTime\":4.6,\"body\":\" \"},"
        "{\"speaker\":\"Speaker 2\",\"startTime\":4.6,\"endTime\":4.9,\"body\":\"last\"}]}");
    assert_int_equal(doc->n_blocks, 2);
    /* the pause of 1.1 s before "2023" ends the first phrase */
    assert_int_equal(doc->blocks[0].count, 2);
    assert_string_equal(seg(doc, 0, 0)->text, "It's Friday,");
    assert_int_equal(seg(doc, 0, 0)->end, 883);
    assert_string_equal(seg(doc, 0, 1)->text, "2023.");
    assert_int_equal(seg(doc, 0, 1)->start, 2007);
    assert_string_equal(seg(doc, 1, 0)->text, "The last");
    podfmt_doc_free(doc);
}

/* Long runs without a full stop break at 15 words, or at a comma after 10 */
static void word_phrase_limits(void **state)
{
    (void)state;
    podfmt_buf b;
    podfmt_buf_init(&b);
    podfmt_buf_puts(&b, "{\"version\":\"1.0.0\",\"segments\":[");
    const char *words[] = {"one", "two", "three", "four", "five", "six",
                           "seven", "eight", "nine", "ten", "eleven",
                           "twelve", "thirteen", "fourteen", "fifteen",
                           "sixteen", "a", "b", "c", "d", "e", "f", "g", "h",
                           "i", "j,", "k", "l"};
    size_t n = sizeof words / sizeof words[0];
    for (size_t i = 0; i < n; i++) {
        char item[200];
        snprintf(item, sizeof item,
                 "%s{\"speaker\":\"S\",\"startTime\":%zu.0,\"endTime\":%zu.5,"
                 "\"body\":\"%s\"}",
                 i ? "," : "", i, i, words[i]);
        podfmt_buf_puts(&b, item);
    }
    podfmt_buf_puts(&b, "]}");
    podfmt_buf_putc(&b, '\0');
    podfmt_doc *doc = json_doc(b.data);
    assert_int_equal(doc->n_blocks, 1);
    assert_int_equal(doc->blocks[0].count, 3);
    assert_string_equal(seg(doc, 0, 0)->text,
                        "one two three four five six seven eight nine ten "
                        "eleven twelve thirteen fourteen fifteen");
    assert_int_equal(seg(doc, 0, 0)->start, 0);
    assert_int_equal(seg(doc, 0, 0)->end, 14500);
    assert_string_equal(seg(doc, 0, 1)->text, "sixteen a b c d e f g h i j,");
    assert_string_equal(seg(doc, 0, 2)->text, "k l");
    assert_int_equal(seg(doc, 0, 2)->end, 27500);
    podfmt_doc_free(doc);
    podfmt_buf_free(&b);
}

/* ---- Whisper and WhisperX ------------------------------------------------ */

static void whisper_plain(void **state)
{
    (void)state;
    podfmt_doc *doc = json_doc(
        "{\"text\": \" Yeah, as much as it's worth it. I think so.\",\n"
        " \"segments\": [\n"
        "  {\"id\": 0, \"seek\": 0, \"start\": 0.12, \"end\": 7.62,"
        "   \"text\": \" Yeah, as much as it's worth it.\", \"tokens\": [1, 2],"
        "   \"temperature\": 0.0, \"avg_logprob\": -0.2, \"no_speech_prob\": 0.01},\n"
        "  {\"id\": 1, \"seek\": 0, \"start\": 8.54, \"end\": 12.36,"
        "   \"text\": \"  I think   so.\"}],\n"
        " \"language\": \"en\"}");
    assert_int_equal(doc->n_blocks, 1);
    assert_null(speaker_of(doc, 0));
    assert_int_equal(doc->blocks[0].count, 2);
    assert_string_equal(seg(doc, 0, 0)->text, "Yeah, as much as it's worth it.");
    assert_int_equal(seg(doc, 0, 0)->start, 120);
    assert_int_equal(seg(doc, 0, 0)->end, 7620);
    assert_string_equal(seg(doc, 0, 1)->text, "I think so.");
    assert_int_equal(doc->n_speakers, 0);
    podfmt_doc_free(doc);
}

static void whisperx_speakers(void **state)
{
    (void)state;
    podfmt_doc *doc = json_doc(
        "{\"segments\": [\n"
        " {\"start\": 0.5, \"end\": 2.0, \"text\": \" Hello there.\","
        "  \"speaker\": \"SPEAKER_00\", \"words\": [{\"word\": \"Hello\","
        "  \"start\": 0.5, \"end\": 1.0, \"score\": 0.9, \"speaker\": \"SPEAKER_00\"}]},\n"
        " {\"start\": 2.5, \"end\": 3.0, \"text\": \" Hi.\","
        "  \"words\": [{\"word\": \"Hi.\"}, {\"word\": \"x\", \"speaker\": \"SPEAKER_01\"}]},\n"
        " {\"start\": 3.5, \"end\": 4.0, \"text\": \" Mm.\"},\n"
        " {\"start\": 4.5, \"end\": 6.0, \"text\": \" So, welcome.\","
        "  \"speaker\": \"SPEAKER_00\"}],\n"
        " \"word_segments\": []}");
    assert_int_equal(doc->n_blocks, 4);
    assert_string_equal(speaker_of(doc, 0), "SPEAKER_00");
    /* no speaker of its own: its first word that has one */
    assert_string_equal(speaker_of(doc, 1), "SPEAKER_01");
    /* nobody at all: unknown, not the neighbour */
    assert_null(speaker_of(doc, 2));
    assert_string_equal(seg(doc, 2, 0)->text, "Mm.");
    assert_string_equal(speaker_of(doc, 3), "SPEAKER_00");
    assert_int_equal(doc->n_speakers, 2);
    podfmt_doc_free(doc);
}

static void whisper_text_only(void **state)
{
    (void)state;
    podfmt_doc *doc = json_doc("{\"text\": \" Just text.\", \"segments\": []}");
    assert_int_equal(doc->n_blocks, 1);
    assert_string_equal(seg(doc, 0, 0)->text, "Just text.");
    assert_int_equal(seg(doc, 0, 0)->start, PODFMT_NO_TIME);
    podfmt_doc_free(doc);
}

static void whispercpp(void **state)
{
    (void)state;
    podfmt_doc *doc = json_doc(
        "{\"systeminfo\": \"AVX = 1\", \"result\": {\"language\": \"en\"},"
        " \"transcription\": [{\"timestamps\": {\"from\": \"00:00:00,000\","
        " \"to\": \"00:00:04,120\"}, \"offsets\": {\"from\": 0, \"to\": 4120},"
        " \"text\": \" Ask not.\"}, {\"offsets\": {\"from\": 4120, \"to\": 8000},"
        " \"text\": \" Ask what.\"}]}");
    assert_int_equal(doc->n_blocks, 1);
    assert_string_equal(seg(doc, 0, 0)->text, "Ask not.");
    assert_int_equal(seg(doc, 0, 0)->end, 4120);
    assert_int_equal(seg(doc, 0, 1)->start, 4120);
    podfmt_doc_free(doc);
    expect_error("{\"transcription\": [\n {\"offsets\": {\"from\": 9000,"
                 " \"to\": 8000}, \"text\": \"x\"}]}",
                 2, 14, "transcription[0].offsets: \"to\" comes before \"from\"");
    expect_error("{\"transcription\": [{\"offsets\": [0, 1], \"text\": \"x\"}]}",
                 1, 20,
                 "transcription[0]: \"offsets\" must be an object, not an array");
}

/* The configuration maps diarizer labels to people. */
static void config_names_labels(void **state)
{
    (void)state;
    static const char yaml[] = "speakers:\n"
                               "  SPEAKER_00: {name: Lena Park}\n"
                               "  \"0\": {name: Drew}\n";
    podfmt_config *cfg = NULL;
    podfmt_error err;
    assert_int_equal(podfmt_config_parse(yaml, sizeof yaml - 1, &cfg, &err),
                     PODFMT_OK);
    podfmt_doc *doc = parse_with(
        "{\"segments\": [{\"start\": 0, \"end\": 1, \"text\": \"Hi\","
        " \"speaker\": \"SPEAKER_00\"}]}",
        PODFMT_FMT_JSON, cfg);
    assert_string_equal(speaker_of(doc, 0), "Lena Park");
    podfmt_doc_free(doc);
    doc = parse_with("{\"results\": {\"utterances\": [{\"start\": 0, \"end\": 1,"
                     " \"transcript\": \"Hi\", \"speaker\": 0}]}}",
                     PODFMT_FMT_JSON, cfg);
    assert_string_equal(speaker_of(doc, 0), "Drew");
    podfmt_doc_free(doc);
    podfmt_config_free(cfg);
}

/* ---- Deepgram, AssemblyAI ------------------------------------------------ */

static void deepgram_utterances(void **state)
{
    (void)state;
    podfmt_doc *doc = json_doc(
        "{\"metadata\": {\"duration\": 169.8},\n"
        " \"results\": {\"channels\": [{\"alternatives\": [{\"transcript\": \"x\"}]}],\n"
        "  \"utterances\": [\n"
        "   {\"start\": 3.04, \"end\": 3.54, \"confidence\": 0.9, \"channel\": 0,"
        "    \"transcript\": \"And, Jessica,\", \"speaker\": 0, \"id\": \"a\"},\n"
        "   {\"start\": 4.64, \"end\": 7.585, \"transcript\": \"we are so proud.\","
        "    \"speaker\": 0},\n"
        "   {\"start\": 17.66, \"end\": 23.36, \"transcript\": \"Drew, thank you.\","
        "    \"speaker\": 1}]}}");
    assert_int_equal(doc->n_blocks, 2);
    assert_string_equal(speaker_of(doc, 0), "Speaker 0");
    assert_int_equal(doc->blocks[0].count, 2);
    assert_int_equal(seg(doc, 0, 1)->end, 7585);
    assert_string_equal(speaker_of(doc, 1), "Speaker 1");
    podfmt_doc_free(doc);
}

static void deepgram_paragraphs(void **state)
{
    (void)state;
    podfmt_doc *doc = json_doc(
        "{\"results\": {\"channels\": [{\"alternatives\": [{\"transcript\": \"x\","
        " \"words\": [], \"paragraphs\": {\"transcript\": \"x\", \"paragraphs\": [\n"
        "  {\"speaker\": 0, \"start\": 1.0, \"end\": 5.0, \"sentences\": ["
        "   {\"text\": \"First one.\", \"start\": 1.0, \"end\": 2.0},"
        "   {\"text\": \"Second one.\", \"start\": 2.5, \"end\": 5.0}]},\n"
        "  {\"speaker\": 1, \"sentences\": [{\"text\": \"Reply.\", \"start\": 6,"
        "   \"end\": 7}]}]}}]}]}}");
    assert_int_equal(doc->n_blocks, 2);
    assert_string_equal(speaker_of(doc, 0), "Speaker 0");
    assert_int_equal(doc->blocks[0].count, 2);
    assert_string_equal(seg(doc, 0, 1)->text, "Second one.");
    assert_string_equal(speaker_of(doc, 1), "Speaker 1");
    assert_int_equal(seg(doc, 1, 0)->start, 6000);
    podfmt_doc_free(doc);
}

static void deepgram_words(void **state)
{
    (void)state;
    podfmt_doc *doc = json_doc(
        "{\"results\": {\"channels\": [{\"alternatives\": [{\"transcript\": \"yeah so\","
        " \"words\": [{\"word\": \"yeah\", \"start\": 0.06, \"end\": 0.56,"
        " \"punctuated_word\": \"Yeah.\"}, {\"word\": \"so\", \"start\": 0.6,"
        " \"end\": 0.8}, {\"word\": \"ok\", \"start\": 0.9, \"end\": 1.0}]}]}]}}");
    assert_int_equal(doc->n_blocks, 1);
    assert_int_equal(doc->blocks[0].count, 2);
    assert_string_equal(seg(doc, 0, 0)->text, "Yeah.");
    assert_string_equal(seg(doc, 0, 1)->text, "so ok");
    assert_int_equal(seg(doc, 0, 1)->start, 600);
    assert_int_equal(seg(doc, 0, 1)->end, 1000);
    podfmt_doc_free(doc);
}

static void assemblyai_ms(void **state)
{
    (void)state;
    podfmt_doc *doc = json_doc(
        "{\"id\": \"x\", \"status\": \"completed\", \"text\": \"Yeah. Sure.\","
        " \"words\": [{\"text\": \"Yeah.\", \"start\": 170, \"end\": 540,"
        " \"speaker\": \"A\"}],\n"
        " \"utterances\": [{\"confidence\": 0.9, \"end\": 25140, \"speaker\": \"A\","
        " \"start\": 170, \"text\": \"Yeah.\"}, {\"start\": 26000, \"end\": 27500,"
        " \"speaker\": \"B\", \"text\": \"Sure.\"}]}");
    assert_int_equal(doc->n_blocks, 2);
    assert_string_equal(speaker_of(doc, 0), "Speaker A");
    assert_int_equal(seg(doc, 0, 0)->start, 170);
    assert_int_equal(seg(doc, 0, 0)->end, 25140);
    assert_string_equal(speaker_of(doc, 1), "Speaker B");
    podfmt_doc_free(doc);
}

static void assemblyai_words_only(void **state)
{
    (void)state;
    podfmt_doc *doc = json_doc(
        "{\"text\": \"Yeah. As much\", \"utterances\": null, \"words\": ["
        "{\"text\": \"Yeah.\", \"start\": 170, \"end\": 540, \"speaker\": null},"
        "{\"text\": \"As\", \"start\": 980, \"end\": 1120},"
        "{\"text\": \"much\", \"start\": 1120, \"end\": 1360}]}");
    assert_int_equal(doc->n_blocks, 1);
    assert_int_equal(doc->blocks[0].count, 2);
    assert_string_equal(seg(doc, 0, 1)->text, "As much");
    assert_int_equal(seg(doc, 0, 1)->start, 980);
    podfmt_doc_free(doc);
}

/* ---- bare lists: milliseconds or seconds ---------------------------------- */

static void bare_list_ms(void **state)
{
    (void)state;
    podfmt_doc *doc = json_doc(
        "[{\"start\": 1, \"end\": 5000, \"text\": \"Subtitles: @someone\"},\n"
        " {\"start\": 25801, \"end\": 28700, \"text\": \"It's another hot,\\nsunny day\"},\n"
        " {\"start\": 65401, \"end\": 67300, \"text\": \"<i>Ba-ba-da ba-da</i>\"},\n"
        " {\"start\": 67401, \"end\": 69200, \"text\": \"<i> not closed <b>x</i>\"}]");
    assert_int_equal(doc->n_blocks, 1);
    assert_int_equal(seg(doc, 0, 0)->start, 1);
    assert_int_equal(seg(doc, 0, 0)->end, 5000);
    assert_string_equal(seg(doc, 0, 1)->text, "It's another hot, sunny day");
    assert_int_equal(seg(doc, 0, 1)->start, 25801);
    /* subtitle italics are emphasis, as in SRT; broken tags are text */
    assert_string_equal(seg(doc, 0, 2)->text, "*Ba-ba-da ba-da*");
    assert_string_equal(seg(doc, 0, 3)->text, "\\<i\\> not closed \\<b\\>x\\</i\\>");
    podfmt_doc_free(doc);
}

static void bare_list_seconds(void **state)
{
    (void)state;
    /* fractions: seconds */
    podfmt_doc *doc = json_doc("[{\"start\": 1.5, \"end\": 4, \"text\": \"a\"},"
                               " {\"start\": 4, \"end\": 6, \"text\": \"b\"}]");
    assert_int_equal(seg(doc, 0, 0)->start, 1500);
    assert_int_equal(seg(doc, 0, 1)->end, 6000);
    podfmt_doc_free(doc);
    /* whole numbers, items a few units long: seconds too */
    doc = json_doc("[{\"start\": 0, \"end\": 5, \"text\": \"a\"},"
                   " {\"start\": 900, \"end\": 930, \"text\": \"b\","
                   "  \"speaker\": \"Ana\"}]");
    assert_int_equal(seg(doc, 0, 0)->end, 5000);
    assert_int_equal(seg(doc, 1, 0)->start, 900000);
    assert_string_equal(speaker_of(doc, 1), "Ana");
    podfmt_doc_free(doc);
    /* Podcasting 2.0 items without the wrapper */
    doc = json_doc("[{\"speaker\": \"Ana\", \"startTime\": 1, \"endTime\": 2,"
                   " \"body\": \"Hola, Ben.\"}]");
    assert_int_equal(seg(doc, 0, 0)->end, 2000);
    assert_string_equal(seg(doc, 0, 0)->text, "Hola, Ben.");
    podfmt_doc_free(doc);
}

static void empty_transcripts(void **state)
{
    (void)state;
    podfmt_doc *doc = json_doc("{\"version\": \"1.0.0\", \"segments\": []}");
    assert_int_equal(doc->n_blocks, 0);
    char *out = to_json(doc);
    assert_string_equal(out, "{\"version\": \"1.0.0\", \"segments\": []}\n");
    free(out);
    podfmt_doc_free(doc);
    doc = json_doc("[]");
    assert_int_equal(doc->n_blocks, 0);
    podfmt_doc_free(doc);
    /* blank bodies and null text add nothing */
    doc = json_doc("{\"version\": \"1.0.0\", \"segments\": [{\"startTime\": 1,"
                   " \"endTime\": 2, \"body\": \"  \"}, {\"startTime\": 2,"
                   " \"endTime\": 3, \"body\": null}]}");
    assert_int_equal(doc->n_blocks, 0);
    podfmt_doc_free(doc);
}

/* ---- text ------------------------------------------------------------------ */

static void text_stays_literal(void **state)
{
    (void)state;
    podfmt_doc *doc = json_doc(
        "{\"version\": \"1.0.0\", \"segments\": [{\"speaker\": \"Ana\","
        " \"startTime\": 1, \"endTime\": 2, \"body\":"
        " \"*not* _bold_ [link](http://x) <b>tag</b> AT&amp;T \\\\ `code` \\\"q\\\"\"}]}");
    assert_string_equal(seg(doc, 0, 0)->text,
                        "\\*not\\* \\_bold\\_ \\[link\\](http://x) "
                        "\\<b\\>tag\\</b\\> AT\\&amp;T \\\\ \\`code\\` \"q\"");
    /* what matters: the text reads back exactly as it was written */
    char *out = to_json(doc);
    json_error_t e;
    json_t *j = json_loads(out, 0, &e);
    assert_non_null(j);
    json_t *body = json_object_get(json_array_get(json_object_get(j, "segments"), 0),
                                   "body");
    assert_string_equal(json_string_value(body),
                        "*not* _bold_ [link](http://x) <b>tag</b> AT&amp;T \\ "
                        "`code` \"q\"");
    json_decref(j);
    free(out);
    podfmt_doc_free(doc);
}

static void unicode_escapes(void **state)
{
    (void)state;
    podfmt_doc *doc = json_doc(
        "{\"segments\": [{\"start\": 0, \"end\": 1,"
        " \"text\": \"\\ud83d\\ude00 caf\\u00e9 \\u201cok\\u201d\"}]}");
    assert_string_equal(seg(doc, 0, 0)->text,
                        "\xF0\x9F\x98\x80 caf\xC3\xA9 \xE2\x80\x9Cok\xE2\x80\x9D");
    podfmt_doc_free(doc);
}

/* ---- errors ------------------------------------------------------------ */

static void syntax_errors(void **state)
{
    (void)state;
    expect_error("{\"segments\": [], \"segments\": []}", 1, 18,
                 "invalid JSON: duplicate object key near '\"segments\"'");
    expect_error("{\"segments\": []}\ntrailing", 2, 1,
                 "invalid JSON: end of file expected near 'trailing'");
    expect_error("{\"segments\": [\r\n{\"start\": 1,}]}", 2, 13,
                 "invalid JSON: string or '}' expected near '}'");
    expect_error("{\"segments\": [{\"start\": 1, \"end\": 2, \"text\": \"\\ud83d\"}]}",
                 1, 46, "invalid JSON: invalid Unicode '\\uD83D' near '\"\\ud83d\"'");
    expect_error("\"just a string\"", 1, 1,
                 "invalid JSON: '[' or '{' expected near '\"just a string\"'");
    expect_error("", 1, 1, "invalid JSON: '[' or '{' expected near end of file");
}

static void depth_bomb(void **state)
{
    (void)state;
    size_t n = 100000;
    char *deep = malloc(n + 1);
    memset(deep, '[', n);
    deep[n] = '\0';
    podfmt_error err;
    assert_int_equal(json_fail(deep, n, &err), PODFMT_EINPUT);
    assert_string_equal(err.message, "JSON nested more than 64 deep");
    assert_int_equal(err.line, 1);
    assert_int_equal(err.column, 65);
    /* brackets inside strings do not count */
    for (size_t i = 0; i < n; i++)
        deep[i] = i % 2 ? '{' : '[';
    memcpy(deep, "[{\"text\": \"", 11);
    assert_int_equal(json_fail(deep, n, &err), PODFMT_EINPUT);
    assert_string_equal(err.message, "invalid JSON: premature end of input");
    assert_int_equal(err.line, 1);
    assert_int_equal(err.column, (int)n + 1);
    free(deep);
}

static void content_errors(void **state)
{
    (void)state;
    expect_error("{\"x\": 1}", 1, 1,
                 "not a transcript: expected a Podcasting 2.0 transcript "
                 "{\"version\", \"segments\": [{\"startTime\", \"endTime\", "
                 "\"body\"}]}, Whisper output {\"segments\": [{\"start\", "
                 "\"end\", \"text\"}]} or {\"transcription\"}, Deepgram "
                 "{\"results\"}, AssemblyAI {\"utterances\"} or a list of {\"start\", \"end\", \"text\"}");
    expect_error("{\"segments\": {}}", 1, 1,
                 "\"segments\" must be a list, not an object");
    expect_error("{\"version\": \"1.0.0\", \"segments\": [\n"
                 "  {\"startTime\": 1, \"endTime\": 2, \"body\": \"a\"},\n"
                 "  {\"startTime\": 3, \"endTime\": 2.5, \"body\": \"b\"}]}",
                 3, 3, "segments[1]: \"endTime\" 2.5 comes before \"startTime\" 3");
    expect_error("{\"version\": \"1.0.0\", \"segments\": [\n"
                 "  {\"startTime\": -0.5, \"endTime\": 2, \"body\": \"a\"}]}",
                 2, 3, "segments[0]: \"startTime\" is negative (-0.5)");
    expect_error("{\"segments\": [{\"start\": 1, \"end\": 2}]}", 1, 15,
                 "segments[0]: no \"text\"");
    expect_error("{\"segments\": [{\"start\": \"0:01\", \"end\": 2, \"text\": \"a\"}]}",
                 1, 15,
                 "segments[0]: \"start\" must be a number of seconds, not a string");
    expect_error("{\"segments\": [{\"start\": 1, \"end\": 2, \"text\": [\"a\"]}]}",
                 1, 15, "segments[0]: \"text\" must be a string, not an array");
    expect_error("{\"segments\": [{\"start\": 1, \"end\": 2, \"text\": \"a\","
                 " \"speaker\": true}]}",
                 1, 15, "segments[0]: \"speaker\" must be a name, not a boolean");
    expect_error("{\"segments\": [{\"start\": 1e12, \"end\": 2e12, \"text\": \"a\"}]}",
                 1, 15, "segments[0]: \"start\" is past 10000 hours (1e+12 seconds)");
    expect_error("[{\"start\": 1, \"end\": 2, \"text\": \"a\"}, 7]", 1, 1,
                 "[1] must be an object, not a number");
    expect_error("[1, 2]", 1, 1,
                 "not a transcript: expected a Podcasting 2.0 transcript "
                 "{\"version\", \"segments\": [{\"startTime\", \"endTime\", "
                 "\"body\"}]}, Whisper output {\"segments\": [{\"start\", "
                 "\"end\", \"text\"}]} or {\"transcription\"}, Deepgram "
                 "{\"results\"}, AssemblyAI {\"utterances\"} or a list of {\"start\", \"end\", \"text\"}");
    /* escapes that spell what the input check refuses in raw bytes */
    expect_error("{\"segments\": [{\"start\": 1, \"end\": 2,"
                 " \"text\": \"\\u001b[31mred\"}]}",
                 1, 15, "segments[0]: \"text\" holds a control character");
    expect_error("{\"version\": \"1.0.0\", \"segments\": [{\"speaker\": \"A\\u0085\","
                 " \"body\": \"x\"}]}",
                 1, 35, "segments[0]: \"speaker\" holds a control character");
    /* the position names the right object even after nested ones */
    expect_error("{\"meta\": {\"a\": {\"b\": 1}}, \"segments\": [\n"
                 " {\"start\": 1, \"end\": 2, \"text\": \"{\\\"\", \"w\": [{}]},\n"
                 "    {\"start\": 3, \"end\": 2, \"text\": \"x\"}]}",
                 3, 5, "segments[1]: \"end\" 2 comes before \"start\" 3");
}

/* ---- the JSON transcript writer ------------------------------------------ */

static void writer_shape(void **state)
{
    (void)state;
    podfmt_doc *doc = podfmt_doc_new(NULL);
    int ana = podfmt_doc_speaker(doc, "Ana Ruiz", 8);
    podfmt_doc_add_block(doc, PODFMT_BLOCK_HEADING, -1);
    podfmt_doc_add_segment(doc, "Intro", strlen("Intro"), PODFMT_NO_TIME, PODFMT_NO_TIME);
    podfmt_doc_add_block(doc, PODFMT_BLOCK_NOTE, -1);
    podfmt_doc_add_segment(doc, "Music plays", strlen("Music plays"), PODFMT_NO_TIME, PODFMT_NO_TIME);
    podfmt_doc_add_turn_text(doc, ana, "So *where* do we \\*start\\*?", strlen("So *where* do we \\*start\\*?"), 12500,
                             15000);
    podfmt_doc_add_turn_text(doc, ana, "See [the site](https://x.org).", strlen("See [the site](https://x.org)."),
                             PODFMT_NO_TIME, PODFMT_NO_TIME);
    podfmt_doc_add_turn_text(doc, -1, "Tab\there \"quoted\"", strlen("Tab\there \"quoted\""), 100, PODFMT_NO_TIME);
    char *out = to_json(doc);
    assert_string_equal(
        out,
        "{\"version\": \"1.0.0\", \"segments\": [\n"
        "{\"speaker\": \"Ana Ruiz\", \"startTime\": 12.5, \"endTime\": 15.0,"
        " \"body\": \"So where do we *start*?\"},\n"
        "{\"speaker\": \"Ana Ruiz\", \"body\": \"See the site (https://x.org).\"},\n"
        "{\"startTime\": 0.1, \"body\": \"Tab here \\\"quoted\\\"\"}\n"
        "]}\n");
    free(out);
    podfmt_doc_free(doc);
}

/* json -> json -> json is stable, and times survive to the millisecond */
static void round_trip(void **state)
{
    (void)state;
    const char *in =
        "{\"version\": \"1.0.0\", \"segments\": [\n"
        "{\"speaker\": \"Ana\", \"startTime\": 0.001, \"endTime\": 3599.999,"
        " \"body\": \"Hi *there* & <you> \\\\ [x]\"},\n"
        "{\"speaker\": \"Ben\", \"startTime\": 35999999.0, \"endTime\": 35999999.999,"
        " \"body\": \"\xF0\x9F\x98\x80 late\"}\n"
        "]}\n";
    podfmt_doc *doc = json_doc(in);
    assert_int_equal(seg(doc, 0, 0)->start, 1);
    assert_int_equal(seg(doc, 0, 0)->end, 3599999);
    assert_int_equal(seg(doc, 1, 0)->start, (int64_t)35999999000);
    char *out = to_json(doc);
    assert_string_equal(out, in);
    podfmt_doc_free(doc);
    free(out);
}

/* ---- chapters --------------------------------------------------------------- */

static void chapters_timed_and_estimated(void **state)
{
    (void)state;
    podfmt_doc *doc = podfmt_doc_new(NULL);
    podfmt_doc_set_meta(doc, "title", "Ep. 42 \"Nukes\"", 14);
    int ana = podfmt_doc_speaker(doc, "Ana", 3);
    podfmt_doc_add_block(doc, PODFMT_BLOCK_HEADING, -1);
    podfmt_doc_add_segment(doc, "The *start*", strlen("The *start*"), PODFMT_NO_TIME, PODFMT_NO_TIME);
    podfmt_doc_add_block(doc, PODFMT_BLOCK_NOTE, -1);
    podfmt_doc_add_segment(doc, "untimed note", strlen("untimed note"), PODFMT_NO_TIME, PODFMT_NO_TIME);
    podfmt_doc_add_turn_text(doc, ana, "Hello", strlen("Hello"), 5000, 7000);
    podfmt_doc_add_block(doc, PODFMT_BLOCK_HEADING, -1);
    podfmt_doc_add_segment(doc, "Timed", strlen("Timed"), PODFMT_NO_TIME, PODFMT_NO_TIME);
    podfmt_doc_add_turn_text(doc, ana, "Later", strlen("Later"), 61000, 62000);
    /* 160 words at 160 wpm after the last time: one minute */
    podfmt_buf words;
    podfmt_buf_init(&words);
    for (int i = 0; i < 160; i++)
        podfmt_buf_puts(&words, i ? " word" : "word");
    podfmt_doc_add_turn_text(doc, ana, words.data, words.len, PODFMT_NO_TIME,
                             PODFMT_NO_TIME);
    podfmt_doc_add_block(doc, PODFMT_BLOCK_HEADING, -1);
    podfmt_doc_add_segment(doc, "Q&amp;A", strlen("Q&amp;A"), PODFMT_NO_TIME, PODFMT_NO_TIME);
    podfmt_doc_add_turn_text(doc, ana, "No time", strlen("No time"), PODFMT_NO_TIME, PODFMT_NO_TIME);
    char *out = render_with(doc, PODFMT_FMT_CHAPTERS, NULL);
    assert_string_equal(out,
                        "{\"version\": \"1.2.0\", \"title\": \"Ep. 42 \\\"Nukes\\\"\","
                        " \"chapters\": [\n"
                        "{\"startTime\": 5.0, \"title\": \"The start\"},\n"
                        "{\"startTime\": 61.0, \"title\": \"Timed\"},\n"
                        "{\"startTime\": 122.0, \"title\": \"Q&A\"}\n"
                        "]}\n");
    free(out);
    podfmt_options o;
    podfmt_options_init(&o);
    o.wpm = 320;
    out = render_with(doc, PODFMT_FMT_CHAPTERS, &o);
    assert_non_null(strstr(out, "{\"startTime\": 92.0, \"title\": \"Q&A\"}"));
    free(out);
    podfmt_buf_free(&words);
    podfmt_doc_free(doc);
}

static void chapters_none(void **state)
{
    (void)state;
    podfmt_doc *doc = json_doc("[{\"start\": 1.5, \"end\": 4, \"text\": \"a\"}]");
    char *out = render_with(doc, PODFMT_FMT_CHAPTERS, NULL);
    assert_string_equal(out, "{\"version\": \"1.2.0\", \"chapters\": []}\n");
    free(out);
    podfmt_doc_free(doc);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(p20_phrases),
        cmocka_unit_test(p20_words_joined),
        cmocka_unit_test(p20_words_with_space_bodies),
        cmocka_unit_test(word_phrase_limits),
        cmocka_unit_test(whisper_plain),
        cmocka_unit_test(whisperx_speakers),
        cmocka_unit_test(whisper_text_only),
        cmocka_unit_test(whispercpp),
        cmocka_unit_test(config_names_labels),
        cmocka_unit_test(deepgram_utterances),
        cmocka_unit_test(deepgram_paragraphs),
        cmocka_unit_test(deepgram_words),
        cmocka_unit_test(assemblyai_ms),
        cmocka_unit_test(assemblyai_words_only),
        cmocka_unit_test(bare_list_ms),
        cmocka_unit_test(bare_list_seconds),
        cmocka_unit_test(empty_transcripts),
        cmocka_unit_test(text_stays_literal),
        cmocka_unit_test(unicode_escapes),
        cmocka_unit_test(syntax_errors),
        cmocka_unit_test(depth_bomb),
        cmocka_unit_test(content_errors),
        cmocka_unit_test(writer_shape),
        cmocka_unit_test(round_trip),
        cmocka_unit_test(chapters_timed_and_estimated),
        cmocka_unit_test(chapters_none),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
