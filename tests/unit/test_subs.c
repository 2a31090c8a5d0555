/* Subtitles: segmentation and line breaking, widths, timing, speaker
 * styles, escaping, and --lint, through the public API. */
#include "testutil.h"

#include <stdio.h>

#include "cue.h"

/* ---- helpers ---------------------------------------------------------- */

#define MAX_CUES 256

typedef struct tcue {
    long long start, end;
    int n_lines;
    char line[4][256];
} tcue;

/* Reads SRT (sep ',') or WebVTT (sep '.') as written by podfmt. */
static int read_cues(const char *text, char sep, tcue *out)
{
    int n = 0;
    const char *p = text;
    while ((p = strstr(p, " --> ")) != NULL && n < MAX_CUES) {
        const char *ls = p;
        while (ls > text && ls[-1] != '\n')
            ls--;
        unsigned h1, m1, s1, f1, h2, m2, s2, f2;
        char c1, c2;
        int ok = sscanf(ls, "%u:%u:%u%c%u --> %u:%u:%u%c%u", &h1, &m1, &s1, &c1,
                        &f1, &h2, &m2, &s2, &c2, &f2);
        assert_int_equal(ok, 10);
        assert_int_equal(c1, sep);
        assert_int_equal(c2, sep);
        tcue *c = &out[n++];
        memset(c, 0, sizeof *c);
        c->start = ((h1 * 60LL + m1) * 60 + s1) * 1000 + f1;
        c->end = ((h2 * 60LL + m2) * 60 + s2) * 1000 + f2;
        const char *q = strchr(p, '\n');
        assert_non_null(q);
        q++;
        while (*q && *q != '\n') {
            const char *e = strchr(q, '\n');
            if (!e)
                e = q + strlen(q);
            assert_true(c->n_lines < 4);
            size_t len = (size_t)(e - q);
            assert_true(len < 256);
            memcpy(c->line[c->n_lines], q, len);
            c->line[c->n_lines][len] = '\0';
            c->n_lines++;
            q = *e ? e + 1 : e;
        }
        p = q;
    }
    return n;
}

static char *render_opts(const podfmt_doc *doc, podfmt_format fmt,
                         podfmt_speaker_style style, int style_set,
                         podfmt_profile prof)
{
    podfmt_options o;
    podfmt_options_init(&o);
    o.speaker_style = style;
    o.speaker_style_set = style_set;
    o.profile = prof;
    return render_with(doc, fmt, &o);
}

static char *srt(const podfmt_doc *doc)
{
    return render_opts(doc, PODFMT_FMT_SRT, PODFMT_STYLE_NAME, 0,
                       PODFMT_PROFILE_NETFLIX);
}

static void turn(podfmt_doc *doc, int sp, const char *text, long long start,
                 long long end)
{
    if (podfmt_doc_add_block(doc, PODFMT_BLOCK_TURN, sp) < 0)
        fail();
    assert_int_equal(podfmt_doc_add_segment(doc, text, strlen(text), start, end), 0);
}

static int ends_with_word(const char *line, const char *w)
{
    size_t n = strlen(line), k = strlen(w);
    return n >= k && strcmp(line + n - k, w) == 0 &&
           (n == k || line[n - k - 1] == ' ');
}

/* Display columns of a cue line, tags (<v Name>, <i>) left out. */
static size_t cols(const char *s)
{
    size_t c = 0, w;
    while (*s) {
        if (*s == '<' && strchr(s, '>')) {
            s = strchr(s, '>') + 1;
            continue;
        }
        size_t n = strcspn(s, "<");
        if (n == 0)
            n = 1;
        cue_measure(s, n, &w, NULL);
        c += w;
        s += n;
    }
    return c;
}

/* Every cue: 1-2 lines of at most max columns, end after start, the next
 * one at least 83 ms later. */
static void assert_profile(const tcue *c, int n, size_t max)
{
    for (int i = 0; i < n; i++) {
        assert_true(c[i].n_lines >= 1 && c[i].n_lines <= 2);
        for (int k = 0; k < c[i].n_lines; k++) {
            if (cols(c[i].line[k]) > max)
                print_error("too wide: %s\n", c[i].line[k]);
            assert_true(cols(c[i].line[k]) <= max);
        }
        assert_true(c[i].start >= 0);
        assert_true(c[i].end > c[i].start);
        if (i > 0)
            assert_true(c[i].start >= c[i - 1].end + 83);
    }
}

static const char *LONG_TEXT =
    "So today we are talking with Kamil Galeev about the war in Ukraine and "
    "what the Kremlin might do next. I think this could be rational, but "
    "the decision makers in Moscow do not see it that way at all. We have "
    "seen this before with the annexation of the peninsula and the long "
    "negotiations that followed in the Belarusian capital. You know, the "
    "question is whether a regime like this one can ever admit a mistake.";

/* ---- line breaking ---------------------------------------------------- */

static void test_article_name_pronoun_never_split(void **state)
{
    (void)state;
    /* the same text under both profiles and several speaking rates moves
     * the breaks around; none may fall after an article, inside a name or
     * between a pronoun and its verb */
    for (int prof = 0; prof < 2; prof++) {
        podfmt_doc *doc = podfmt_doc_new(NULL);
        turn(doc, -1, LONG_TEXT, PODFMT_NO_TIME, PODFMT_NO_TIME);
        char *out = render_opts(doc, PODFMT_FMT_SRT, PODFMT_STYLE_NONE, 0,
                                (podfmt_profile)prof);
        tcue c[MAX_CUES];
        int n = read_cues(out, ',', c);
        assert_true(n >= 4);
        assert_profile(c, n, prof ? 32 : 42);
        for (int i = 0; i < n; i++)
            for (int k = 0; k < c[i].n_lines; k++) {
                const char *l = c[i].line[k];
                static const char *const bad[] = {"the", "a", "this", "Kamil",
                                                  "I", "we", "We", "You"};
                for (size_t b = 0; b < sizeof bad / sizeof bad[0]; b++) {
                    if (ends_with_word(l, bad[b]))
                        print_error("bad break after '%s': %s\n", bad[b], l);
                    assert_false(ends_with_word(l, bad[b]));
                }
            }
        free(out);
        podfmt_doc_free(doc);
    }
}

static void test_article_noun_at_the_natural_break(void **state)
{
    (void)state;
    /* the widest first line ends after "the": the break must move */
    const char *t = "We walked along the river bank until the "
                    "lighthouse came into view at last";
    podfmt_doc *doc = podfmt_doc_new(NULL);
    turn(doc, -1, t, PODFMT_NO_TIME, PODFMT_NO_TIME);
    char *out = srt(doc);
    tcue c[MAX_CUES];
    int n = read_cues(out, ',', c);
    assert_int_equal(n, 1);
    assert_int_equal(c[0].n_lines, 2);
    assert_false(ends_with_word(c[0].line[0], "the"));
    assert_string_equal(c[0].line[0], "We walked along the river bank until");
    assert_string_equal(c[0].line[1], "the lighthouse came into view at last");
    free(out);
    podfmt_doc_free(doc);
}

static void test_name_kept_together(void **state)
{
    (void)state;
    const char *t = "Yesterday afternoon the committee finally invited Anika "
                    "Sørensen to speak";
    podfmt_doc *doc = podfmt_doc_new(NULL);
    turn(doc, -1, t, PODFMT_NO_TIME, PODFMT_NO_TIME);
    char *out = srt(doc);
    tcue c[MAX_CUES];
    int n = read_cues(out, ',', c);
    assert_int_equal(n, 1);
    assert_int_equal(c[0].n_lines, 2);
    assert_false(ends_with_word(c[0].line[0], "Anika"));
    assert_non_null(strstr(c[0].line[1], "Anika Sørensen"));
    free(out);
    podfmt_doc_free(doc);
}

static void test_bracket_and_preposition_kept(void **state)
{
    (void)state;
    const char *t = "Another factor to consider when we are discussing Russia's "
                    "great-power status [is that] we are always referring to "
                    "its nuclear power, especially in the war.";
    podfmt_doc *doc = podfmt_doc_new(NULL);
    turn(doc, -1, t, PODFMT_NO_TIME, PODFMT_NO_TIME);
    char *out = srt(doc);
    tcue c[MAX_CUES];
    int n = read_cues(out, ',', c);
    assert_true(n >= 2);
    for (int i = 0; i < n; i++)
        for (int k = 0; k < c[i].n_lines; k++) {
            assert_false(ends_with_word(c[i].line[k], "[is"));
            assert_false(ends_with_word(c[i].line[k], "in"));
        }
    assert_non_null(strstr(out, "[is that]"));
    free(out);
    podfmt_doc_free(doc);
}

static void test_lines_balanced(void **state)
{
    (void)state;
    /* 44 columns: greedy would give 41 + 2 */
    const char *t = "the quick brown fox jumps over lazy dogs ok";
    podfmt_doc *doc = podfmt_doc_new(NULL);
    turn(doc, -1, t, PODFMT_NO_TIME, PODFMT_NO_TIME);
    char *out = srt(doc);
    tcue c[MAX_CUES];
    int n = read_cues(out, ',', c);
    assert_int_equal(n, 1);
    assert_int_equal(c[0].n_lines, 2);
    long d = (long)cols(c[0].line[0]) - (long)cols(c[0].line[1]);
    assert_true(labs(d) <= 8);
    /* the bottom line not shorter than it must be */
    assert_true(cols(c[0].line[1]) >= cols(c[0].line[0]) - 4);
    free(out);
    podfmt_doc_free(doc);
}

static void test_one_line_when_it_fits(void **state)
{
    (void)state;
    podfmt_doc *doc = podfmt_doc_new(NULL);
    turn(doc, -1, "Short and sweet.", PODFMT_NO_TIME, PODFMT_NO_TIME);
    char *out = srt(doc);
    assert_string_equal(out, "1\n00:00:00,000 --> 00:00:01,125\nShort and sweet.\n\n");
    free(out);
    podfmt_doc_free(doc);
}

static void test_sentence_end_first(void **state)
{
    (void)state;
    /* two sentences that cannot share a cue: the cut is at the full stop */
    const char *t = "The first sentence is long enough to need most of a cue "
                    "by itself. The second one, which follows, is as long as "
                    "the first one was.";
    podfmt_doc *doc = podfmt_doc_new(NULL);
    turn(doc, -1, t, PODFMT_NO_TIME, PODFMT_NO_TIME);
    char *out = srt(doc);
    tcue c[MAX_CUES];
    int n = read_cues(out, ',', c);
    assert_int_equal(n, 2);
    const char *last = c[0].line[c[0].n_lines - 1];
    assert_int_equal(last[strlen(last) - 1], '.');
    assert_memory_equal(c[1].line[0], "The second", 10);
    free(out);
    podfmt_doc_free(doc);
}

static void test_paragraph_opens_a_cue(void **state)
{
    (void)state;
    /* one turn of two untimed paragraphs is cut like two turns */
    podfmt_doc *one = podfmt_doc_new(NULL);
    turn(one, -1, "Yes.", PODFMT_NO_TIME, PODFMT_NO_TIME);
    assert_int_equal(podfmt_doc_add_segment(one, "No, not at all.", 15,
                                            PODFMT_NO_TIME, PODFMT_NO_TIME), 0);
    podfmt_doc *two = podfmt_doc_new(NULL);
    turn(two, -1, "Yes.", PODFMT_NO_TIME, PODFMT_NO_TIME);
    turn(two, -1, "No, not at all.", PODFMT_NO_TIME, PODFMT_NO_TIME);
    char *a = srt(one), *b = srt(two);
    assert_string_equal(a, b);
    assert_string_equal(a, "1\n00:00:00,000 --> 00:00:00,833\nYes.\n\n"
                           "2\n00:00:00,916 --> 00:00:02,416\nNo, not at all.\n\n");
    free(a);
    free(b);
    podfmt_doc_free(one);
    podfmt_doc_free(two);
}

/* ---- widths --------------------------------------------------------- */

static void test_widths(void **state)
{
    (void)state;
    size_t w, g;
    cue_measure("abc", 3, &w, &g);
    assert_int_equal(w, 3);
    cue_measure("漢字", strlen("漢字"), &w, &g);
    assert_int_equal(w, 4);
    assert_int_equal(g, 2);
    cue_measure("e\xCC\x81", 3, &w, &g); /* e + combining acute */
    assert_int_equal(w, 1);
    assert_int_equal(g, 1);
    const char *thumbs = "\xF0\x9F\x91\x8D\xF0\x9F\x8F\xBD"; /* thumbs up, skin tone */
    cue_measure(thumbs, strlen(thumbs), &w, &g);
    assert_int_equal(w, 2);
    assert_int_equal(g, 1);
    const char *family = "\xF0\x9F\x91\xA8\xE2\x80\x8D\xF0\x9F\x91\xA9\xE2\x80"
                         "\x8D\xF0\x9F\x91\xA7"; /* ZWJ sequence */
    cue_measure(family, strlen(family), &w, &g);
    assert_int_equal(w, 2);
    assert_int_equal(g, 1);
    const char *flag = "\xF0\x9F\x87\xAF\xF0\x9F\x87\xB5"; /* JP */
    cue_measure(flag, strlen(flag), &w, &g);
    assert_int_equal(w, 2);
    assert_int_equal(g, 1);
    const char *heart = "\xE2\x9D\xA4\xEF\xB8\x8F"; /* heart + VS16 */
    cue_measure(heart, strlen(heart), &w, &g);
    assert_int_equal(w, 2);
    assert_int_equal(g, 1);
}

static void test_cjk_breaks_between_graphemes(void **state)
{
    (void)state;
    /* Japanese with a combining voiced mark (か + U+3099): never split */
    const char *t = "東京タワーへ行きました。とても高くて、景色がきれいでした。"
                    "また行きたいと思います。か\xE3\x82\x99ぞくと一緒に行く予定です。";
    podfmt_doc *doc = podfmt_doc_new(NULL);
    turn(doc, -1, t, PODFMT_NO_TIME, PODFMT_NO_TIME);
    char *out = srt(doc);
    tcue c[MAX_CUES];
    int n = read_cues(out, ',', c);
    assert_true(n >= 2);
    assert_profile(c, n, 42);
    size_t total = 0;
    for (int i = 0; i < n; i++)
        for (int k = 0; k < c[i].n_lines; k++) {
            /* no line opens with the combining mark or closing punctuation */
            assert_memory_not_equal(c[i].line[k], "\xE3\x82\x99", 3);
            assert_memory_not_equal(c[i].line[k], "。", 3);
            assert_memory_not_equal(c[i].line[k], "、", 3);
            total += strlen(c[i].line[k]);
        }
    assert_int_equal(total, strlen(t)); /* nothing lost, no spaces added */
    free(out);
    podfmt_doc_free(doc);
}

static void test_emoji_counts_two(void **state)
{
    (void)state;
    /* 20 thumbs-up with skin tone, 5 to a word: 10 columns a word + space */
    char t[1024] = "";
    for (int i = 0; i < 4; i++) {
        for (int k = 0; k < 5; k++)
            strcat(t, "\xF0\x9F\x91\x8D\xF0\x9F\x8F\xBD");
        strcat(t, i < 3 ? " " : "");
    }
    podfmt_doc *doc = podfmt_doc_new(NULL);
    turn(doc, -1, t, PODFMT_NO_TIME, PODFMT_NO_TIME);
    char *out = srt(doc);
    tcue c[MAX_CUES];
    int n = read_cues(out, ',', c);
    /* 43 columns: two lines of two words, never a split sequence */
    assert_int_equal(n, 1);
    assert_int_equal(c[0].n_lines, 2);
    assert_int_equal(cols(c[0].line[0]), 21);
    assert_int_equal(cols(c[0].line[1]), 21);
    free(out);
    podfmt_doc_free(doc);
}

/* ---- timing --------------------------------------------------------- */

static void test_wpm_timing(void **state)
{
    (void)state;
    /* 16 words at 160 words a minute: 6 s */
    const char *t = "one two three four five six seven eight nine ten one "
                    "two three four five six";
    podfmt_doc *doc = podfmt_doc_new(NULL);
    turn(doc, -1, t, PODFMT_NO_TIME, PODFMT_NO_TIME);
    turn(doc, -1, "Next.", PODFMT_NO_TIME, PODFMT_NO_TIME);
    char *out = srt(doc);
    tcue c[MAX_CUES];
    int n = read_cues(out, ',', c);
    assert_int_equal(n, 2);
    assert_int_equal(c[0].start, 0);
    assert_int_equal(c[0].end, 6000);
    assert_int_equal(c[1].start, 6083);
    assert_int_equal(c[1].end, 6083 + 833); /* the shortest cue */
    free(out);
    /* at 80 words a minute the same cue would last 12 s: capped at 7 */
    podfmt_options o;
    podfmt_options_init(&o);
    o.wpm = 80;
    out = render_with(doc, PODFMT_FMT_SRT, &o);
    n = read_cues(out, ',', c);
    assert_int_equal(c[0].end - c[0].start, 7000);
    free(out);
    podfmt_doc_free(doc);
}

static void test_reading_speed_respected(void **state)
{
    (void)state;
    /* long words, few of them: reading speed decides, not word count */
    const char *t = "Incomprehensibilities notwithstanding, "
                    "counterrevolutionaries reconsidered.";
    podfmt_doc *doc = podfmt_doc_new(NULL);
    turn(doc, -1, t, PODFMT_NO_TIME, PODFMT_NO_TIME);
    char *out = srt(doc);
    tcue c[MAX_CUES];
    int n = read_cues(out, ',', c);
    assert_int_equal(n, 1);
    size_t chars = strlen(t) - 1; /* a space became the line break */
    assert_true((long long)chars * 1000 <= 20 * (c[0].end - c[0].start));
    free(out);
    podfmt_doc_free(doc);
}

static void test_anchor_timing(void **state)
{
    (void)state;
    podfmt_doc *doc = podfmt_doc_new(NULL);
    int a = podfmt_doc_speaker(doc, "Ana Ruiz", 8);
    int b = podfmt_doc_speaker(doc, "Ben Okafor", 10);
    /* Otter/Rev: the turn's start only; far more text than fits in 6 s */
    turn(doc, a, LONG_TEXT, 10000, PODFMT_NO_TIME);
    turn(doc, b, "Right.", 16000, PODFMT_NO_TIME);
    turn(doc, a, "And then we went home. It was late.", 30000, PODFMT_NO_TIME);
    char *out = srt(doc);
    tcue c[MAX_CUES];
    int n = read_cues(out, ',', c);
    assert_profile(c, n, 42);
    assert_int_equal(c[0].start, 10000);
    int right = -1, home = -1;
    for (int i = 0; i < n; i++) {
        if (strstr(c[i].line[0], "Right."))
            right = i;
        if (strstr(c[i].line[0], "And then"))
            home = i;
    }
    assert_true(right > 1 && home == right + 1);
    /* Ana's cues spread up to Ben's anchor, never past it */
    assert_true(c[right - 1].end <= 16000 - 83);
    assert_int_equal(c[right].start, 16000);
    assert_int_equal(c[home].start, 30000);
    /* the short last turn runs at the speaking rate, not to the end */
    assert_true(c[home].end - c[home].start <= 7000);
    free(out);
    podfmt_doc_free(doc);
}

static void test_cue_times_kept_and_split(void **state)
{
    (void)state;
    podfmt_doc *doc = podfmt_doc_new(NULL);
    int a = podfmt_doc_speaker(doc, "SPEAKER_00", 10);
    if (podfmt_doc_add_block(doc, PODFMT_BLOCK_TURN, a) < 0)
        fail();
    const char *s1 = "Welcome back to the show.";
    assert_int_equal(podfmt_doc_add_segment(doc, s1, strlen(s1), 1500, 3200), 0);
    assert_int_equal(podfmt_doc_add_segment(doc, LONG_TEXT, strlen(LONG_TEXT),
                                            4000, 34000), 0);
    char *out = render_opts(doc, PODFMT_FMT_SRT, PODFMT_STYLE_NONE, 0,
                            PODFMT_PROFILE_NETFLIX);
    tcue c[MAX_CUES];
    int n = read_cues(out, ',', c);
    assert_profile(c, n, 42);
    assert_int_equal(c[0].start, 1500);
    assert_int_equal(c[0].end, 3200);
    assert_string_equal(c[0].line[0], "Welcome back to the show.");
    assert_true(n >= 5);
    assert_int_equal(c[1].start, 4000);
    assert_int_equal(c[n - 1].end, 34000);
    /* in proportion to characters: no cue hogs the time */
    for (int i = 1; i < n; i++)
        assert_true(c[i].end - c[i].start <= 7000);
    free(out);
    podfmt_doc_free(doc);
}

static void test_word_timed_segments_joined(void **state)
{
    (void)state;
    /* a word per segment (Podcasting 2.0 word files, WhisperX words):
     * words joined into cues timed by their words, cut at the pause */
    static const char *const w[] = {"So", "today", "we", "are", "talking",
        "with", "Kamil", "Galeev", "about", "the", "war.", "He", "has",
        "written", "about", "it", "at", "length", "and", "with", "care."};
    podfmt_doc *doc = podfmt_doc_new(NULL);
    int a = podfmt_doc_speaker(doc, "SPEAKER_00", 10);
    if (podfmt_doc_add_block(doc, PODFMT_BLOCK_TURN, a) < 0)
        fail();
    long long t = 1000;
    for (size_t i = 0; i < sizeof w / sizeof w[0]; i++) {
        if (i == 11)
            t += 2500; /* a pause after "war." */
        assert_int_equal(podfmt_doc_add_segment(doc, w[i], strlen(w[i]), t,
                                                t + 250), 0);
        t += 300;
    }
    char *out = render_opts(doc, PODFMT_FMT_SRT, PODFMT_STYLE_NONE, 0,
                            PODFMT_PROFILE_NETFLIX);
    tcue c[MAX_CUES];
    int n = read_cues(out, ',', c);
    assert_int_equal(n, 2);
    assert_profile(c, n, 42);
    assert_int_equal(c[0].start, 1000);
    assert_int_equal(c[0].line[0][0], 'S');
    const char *l0 = c[0].line[c[0].n_lines - 1];
    assert_string_equal(l0 + strlen(l0) - 4, "war.");
    /* "He" is spoken at 1000 + 11 * 300 + 2500 */
    assert_int_equal(c[1].start, 6800);
    assert_true(c[0].end >= 1000 + 10 * 300 + 250 && c[0].end <= 6800 - 83);
    assert_true(c[1].end >= 6800 + 9 * 300 + 250);
    free(out);
    podfmt_doc_free(doc);
}

static void test_never_overlap(void **state)
{
    (void)state;
    podfmt_doc *doc = podfmt_doc_new(NULL);
    int a = podfmt_doc_speaker(doc, "A", 1);
    int b = podfmt_doc_speaker(doc, "B", 1);
    /* anchors that collide, go back in time, and cue times that overlap */
    turn(doc, a, LONG_TEXT, 5000, PODFMT_NO_TIME);
    turn(doc, b, "Same time.", 5000, PODFMT_NO_TIME);
    turn(doc, a, "Back in time.", 2000, PODFMT_NO_TIME);
    turn(doc, b, "Overlapping cue.", 9000, 12000);
    turn(doc, a, "Another one.", 10000, 11000);
    turn(doc, b, "Zero length.", 20000, 20000);
    turn(doc, a, "Untimed at the end.", PODFMT_NO_TIME, PODFMT_NO_TIME);
    for (int fmt = 0; fmt < 2; fmt++) {
        char *out = render_with(doc, fmt ? PODFMT_FMT_VTT : PODFMT_FMT_SRT, NULL);
        tcue c[MAX_CUES];
        int n = read_cues(out, fmt ? '.' : ',', c);
        assert_true(n >= 8);
        assert_profile(c, n, 42);
        free(out);
    }
    podfmt_doc_free(doc);
}

static size_t lint(const char *text, podfmt_format fmt, podfmt_profile prof,
                   char **report)
{
    podfmt_options o;
    podfmt_options_init(&o);
    o.profile = prof;
    podfmt_buf b;
    podfmt_buf_init(&b);
    size_t problems = 99;
    podfmt_error err = {0};
    assert_int_equal(podfmt_lint(text, strlen(text), fmt, "t.srt", &o, &b,
                                 &problems, &err),
                     PODFMT_OK);
    podfmt_buf_putc(&b, '\0');
    *report = b.data;
    return problems;
}

/* Random documents: whatever the text and times, every cue fits the
 * profile's lines and never overlaps; untimed ones pass --lint. */
static void test_random_documents(void **state)
{
    (void)state;
    static const char *const words[] = {"the", "a", "Kamil", "Galeev", "and",
        "of", "I", "think", "rational,", "war.", "東京タワーへ行きました。",
        "\xF0\x9F\x91\x8D\xF0\x9F\x8F\xBD", "extraordinarily", "*very*",
        "<inaudible>", "[laughs]", "e\xCC\x81t\xC3\xA9", "Supercalifragilisticexpialidocious-and-then-some-more-words",
        "&", "{\\an8}", "--", "Dr.", "Smith"};
    unsigned seed = 12345;
#define RND(n) ((seed = seed * 1103515245u + 12345u) / 65536u % (n))
    for (int round = 0; round < 60; round++) {
        podfmt_doc *doc = podfmt_doc_new(NULL);
        int sp[3];
        sp[0] = podfmt_doc_speaker(doc, "Ana Ruiz", 8);
        sp[1] = podfmt_doc_speaker(doc, "Ben", 3);
        sp[2] = -1;
        int timed = round % 3; /* untimed, anchored, cue times */
        long long t = 0;
        for (int k = 0; k < 8; k++) {
            char text[2048] = "";
            int nw = 1 + (int)RND(40);
            for (int w = 0; w < nw; w++) {
                if (w)
                    strcat(text, " ");
                strcat(text, words[RND(sizeof words / sizeof words[0])]);
            }
            t += RND(9000);
            long long st = timed ? t : PODFMT_NO_TIME;
            long long en = timed == 2 ? t + (long long)RND(12000) : PODFMT_NO_TIME;
            turn(doc, sp[RND(3)], text, st, en);
        }
        for (int style = 0; style < 4; style++)
            for (int prof = 0; prof < 2; prof++) {
                char *out = render_opts(doc, PODFMT_FMT_SRT,
                                        (podfmt_speaker_style)style, 1,
                                        (podfmt_profile)prof);
                tcue c[MAX_CUES];
                int n = read_cues(out, ',', c);
                assert_true(n > 0);
                assert_profile(c, n, prof ? 32 : 42);
                if (!timed) {
                    char *rep;
                    size_t pr = lint(out, PODFMT_FMT_SRT, (podfmt_profile)prof, &rep);
                    if (pr)
                        print_error("%s", rep);
                    assert_int_equal(pr, 0);
                    free(rep);
                }
                free(out);
            }
        podfmt_doc_free(doc);
    }
#undef RND
}

/* ---- content ---------------------------------------------------------- */

static void test_notes_and_headings_left_out(void **state)
{
    (void)state;
    podfmt_doc *doc = podfmt_doc_new(NULL);
    if (podfmt_doc_add_block(doc, PODFMT_BLOCK_HEADING, -1) < 0)
        fail();
    podfmt_doc_add_segment(doc, "Chapter One", 11, PODFMT_NO_TIME, PODFMT_NO_TIME);
    if (podfmt_doc_add_block(doc, PODFMT_BLOCK_NOTE, -1) < 0)
        fail();
    podfmt_doc_add_segment(doc, "Intro music", 11, PODFMT_NO_TIME, PODFMT_NO_TIME);
    turn(doc, -1, "Spoken words.", PODFMT_NO_TIME, PODFMT_NO_TIME);
    char *out = srt(doc);
    assert_string_equal(out, "1\n00:00:00,000 --> 00:00:00,833\nSpoken words.\n\n");
    free(out);
    podfmt_doc_free(doc);
}

static void test_srt_inline_and_tags(void **state)
{
    (void)state;
    podfmt_doc *doc = podfmt_doc_new(NULL);
    turn(doc, -1, "It was *very* **loud** <inaudible> see [the site](https://x.example) `code`",
         PODFMT_NO_TIME, PODFMT_NO_TIME);
    char *out = srt(doc);
    assert_non_null(strstr(out, "\nIt was <i>very</i> <b>loud</b>\n"
                                "\xE2\x80\xB9inaudible\xE2\x80\xBA see the site code\n"));
    assert_null(strstr(out, "https"));
    assert_null(strstr(out, "<inaudible>"));
    free(out);
    out = render_with(doc, PODFMT_FMT_VTT, NULL);
    assert_non_null(strstr(out, "<i>very</i> <b>loud</b>\n&lt;inaudible&gt; see"));
    free(out);
    podfmt_doc_free(doc);
}

/* Times are written with two-digit hours up to 99 and every digit past
 * that, in SRT and WebVTT alike. */
static void test_times_past_a_hundred_hours(void **state)
{
    (void)state;
    podfmt_doc *doc = podfmt_doc_new(NULL);
    turn(doc, -1, "Early words.", 59999, 61000);
    turn(doc, -1, "Late words.", 359999000LL, 359999999LL);
    turn(doc, -1, "Later words.", 360001234LL, 360003234LL);
    turn(doc, -1, "Much later.", 44444444444LL, 44444446444LL);
    char *out = srt(doc);
    assert_string_equal(out, "1\n00:00:59,999 --> 00:01:01,000\nEarly words.\n\n"
                             "2\n99:59:59,000 --> 99:59:59,999\nLate words.\n\n"
                             "3\n100:00:01,234 --> 100:00:03,234\nLater words.\n\n"
                             "4\n12345:40:44,444 --> 12345:40:46,444\nMuch later.\n\n");
    free(out);
    out = render_with(doc, PODFMT_FMT_VTT, NULL);
    assert_non_null(strstr(out, "\n100:00:01.234 --> 100:00:03.234\n"));
    assert_non_null(strstr(out, "\n00:00:59.999 --> 00:01:01.000\n"));
    free(out);
    podfmt_doc_free(doc);
}

/* Styles are stored only once some text has one: plain cues before the
 * first styled one stay plain, and the style is where it was written. */
static void test_style_first_met_late(void **state)
{
    (void)state;
    podfmt_doc *doc = podfmt_doc_new(NULL);
    turn(doc, -1, "Plain words come first here.", 0, 2000);
    turn(doc, -1, "Then one *slanted* word.", 3000, 5000);
    turn(doc, -1, "And plain words again.", 6000, 8000);
    char *out = srt(doc);
    assert_string_equal(out, "1\n00:00:00,000 --> 00:00:02,000\nPlain words come first here.\n\n"
                             "2\n00:00:03,000 --> 00:00:05,000\nThen one <i>slanted</i> word.\n\n"
                             "3\n00:00:06,000 --> 00:00:08,000\nAnd plain words again.\n\n");
    free(out);
    podfmt_doc_free(doc);
}

/* ffmpeg/libass read "{...}" as an override block and "\N" as a line
 * break even in SRT: such text is shown with look-alikes of one column */
static void test_srt_braces_backslash(void **state)
{
    (void)state;
    podfmt_doc *doc = podfmt_doc_new(NULL);
    turn(doc, -1, "{\\an8} saved in C:\\New", PODFMT_NO_TIME, PODFMT_NO_TIME);
    char *out = srt(doc);
    assert_non_null(strstr(out, "\n\xE2\x9D\xB4\xE2\xA7\xB5" "an8\xE2\x9D\xB5 saved in "
                                "C:\xE2\xA7\xB5New\n"));
    assert_null(strchr(out, '{'));
    assert_null(strchr(out, '\\'));
    size_t w;
    cue_measure("\xE2\x9D\xB4\xE2\x9D\xB5\xE2\xA7\xB5\xE2\x80\xB9\xE2\x80\xBA", 15, &w, NULL);
    assert_int_equal(w, 5);
    free(out);
    podfmt_doc_free(doc);
}

static void test_vtt_escapes_and_voice(void **state)
{
    (void)state;
    podfmt_doc *doc = podfmt_doc_new(NULL);
    int a = podfmt_doc_speaker(doc, "Tom & <Jerry>", 13);
    turn(doc, a, "Fish & chips --> 5 < 6", PODFMT_NO_TIME, PODFMT_NO_TIME);
    char *out = render_with(doc, PODFMT_FMT_VTT, NULL);
    assert_string_equal(out, "WEBVTT\n\n00:00:00.000 --> 00:00:02.625\n"
                             "<v Tom &amp; &lt;Jerry&gt;>Fish &amp; chips --&gt; 5 &lt; 6\n\n");
    free(out);
    /* in the STYLE block: CSS escapes, never "-->" */
    out = render_opts(doc, PODFMT_FMT_VTT, PODFMT_STYLE_COLOR, 1,
                      PODFMT_PROFILE_NETFLIX);
    assert_non_null(strstr(out, "STYLE\n::cue(v[voice=\"Tom \\26  \\3c Jerry\\3e \"]) "
                                "{ color: #FFFFFF }\n\n"));
    free(out);
    podfmt_doc_free(doc);
}

/* ---- speaker styles ------------------------------------------------- */

static podfmt_doc *dialogue(void)
{
    podfmt_doc *doc = podfmt_doc_new(NULL);
    int a = podfmt_doc_speaker(doc, "Ana Ruiz", 8);
    int b = podfmt_doc_speaker(doc, "Ben Okafor", 10);
    turn(doc, a, "Are you coming tonight?", PODFMT_NO_TIME, PODFMT_NO_TIME);
    turn(doc, b, "Yes.", PODFMT_NO_TIME, PODFMT_NO_TIME);
    turn(doc, a, "Great. Bring the long list of everything we still need "
                 "for the trip, and the maps.",
         PODFMT_NO_TIME, PODFMT_NO_TIME);
    turn(doc, -1, "Who said that?", PODFMT_NO_TIME, PODFMT_NO_TIME);
    return doc;
}

static void test_style_name(void **state)
{
    (void)state;
    podfmt_doc *doc = dialogue();
    char *out = srt(doc);
    tcue c[MAX_CUES];
    int n = read_cues(out, ',', c);
    assert_int_equal(n, 5);
    assert_string_equal(c[0].line[0], "Ana Ruiz: Are you coming tonight?");
    assert_string_equal(c[1].line[0], "Ben Okafor: Yes.");
    assert_memory_equal(c[2].line[0], "Ana Ruiz: Great.", 16);
    /* the same speaker's next cue has no name */
    assert_null(strstr(c[3].line[0], "Ana Ruiz"));
    /* someone not named speaks: a dash marks the change */
    assert_string_equal(c[4].line[0], "- Who said that?");
    assert_profile(c, n, 42);
    free(out);
    podfmt_doc_free(doc);
}

static void test_style_name_too_long_left_out(void **state)
{
    (void)state;
    podfmt_doc *doc = podfmt_doc_new(NULL);
    const char *nm = "Her Excellency the Ambassador Extraordinary";
    int a = podfmt_doc_speaker(doc, nm, strlen(nm));
    turn(doc, a, "Thank you.", PODFMT_NO_TIME, PODFMT_NO_TIME);
    char *out = srt(doc);
    tcue c[MAX_CUES];
    int n = read_cues(out, ',', c);
    assert_int_equal(n, 1);
    assert_string_equal(c[0].line[0], "Thank you.");
    free(out);
    podfmt_doc_free(doc);
}

static void test_style_none(void **state)
{
    (void)state;
    podfmt_doc *doc = dialogue();
    char *out = render_opts(doc, PODFMT_FMT_SRT, PODFMT_STYLE_NONE, 1,
                            PODFMT_PROFILE_NETFLIX);
    assert_null(strstr(out, "Ana"));
    assert_null(strstr(out, "Ben"));
    assert_null(strstr(out, "- "));
    assert_non_null(strstr(out, "\nAre you coming tonight?\n"));
    free(out);
    podfmt_doc_free(doc);
}

static void test_style_dash(void **state)
{
    (void)state;
    podfmt_doc *doc = dialogue();
    char *out = render_opts(doc, PODFMT_FMT_SRT, PODFMT_STYLE_DASH, 1,
                            PODFMT_PROFILE_NETFLIX);
    tcue c[MAX_CUES];
    int n = read_cues(out, ',', c);
    /* the two short exchanges share the first cue; the long turn does not */
    assert_string_equal(c[0].line[0], "- Are you coming tonight?");
    assert_string_equal(c[0].line[1], "- Yes.");
    assert_int_equal(c[0].n_lines, 2);
    assert_int_equal(c[1].line[0][0], 'G');
    for (int i = 1; i < n; i++)
        assert_memory_not_equal(c[i].line[0], "- ", 2);
    assert_null(strstr(out, "Ana"));
    assert_profile(c, n, 42);
    free(out);
    podfmt_doc_free(doc);
}

static void test_style_color(void **state)
{
    (void)state;
    podfmt_doc *doc = dialogue();
    char *out = render_opts(doc, PODFMT_FMT_SRT, PODFMT_STYLE_COLOR, 1,
                            PODFMT_PROFILE_NETFLIX);
    /* BBC order: white, yellow; unknown speakers plain */
    assert_non_null(strstr(out, "<font color=\"#FFFFFF\">Are you coming tonight?</font>\n"));
    assert_non_null(strstr(out, "<font color=\"#FFFF00\">Yes.</font>\n"));
    assert_non_null(strstr(out, "\nWho said that?\n"));
    assert_null(strstr(out, "Ana"));
    free(out);
    /* a configured colour wins; one that could break the tag is ignored */
    doc->speakers[0].color = (char *)"#1f77b4";
    doc->speakers[1].color = (char *)"red\" onload=\"x";
    out = render_opts(doc, PODFMT_FMT_SRT, PODFMT_STYLE_COLOR, 1,
                      PODFMT_PROFILE_NETFLIX);
    assert_non_null(strstr(out, "<font color=\"#1f77b4\">Are you coming tonight?</font>\n"));
    assert_non_null(strstr(out, "<font color=\"#FFFF00\">Yes.</font>\n"));
    assert_null(strstr(out, "onload"));
    free(out);
    doc->speakers[0].color = doc->speakers[1].color = NULL;
    podfmt_doc_free(doc);
}

static void test_vtt_voice_and_style_block(void **state)
{
    (void)state;
    podfmt_doc *doc = dialogue();
    char *out = render_with(doc, PODFMT_FMT_VTT, NULL);
    tcue c[MAX_CUES];
    int n = read_cues(out, '.', c);
    /* without the name prefix Ana's long turn fits one cue */
    assert_int_equal(n, 4);
    /* every cue of a known speaker has its voice; no STYLE block */
    assert_string_equal(c[0].line[0], "<v Ana Ruiz>Are you coming tonight?");
    assert_string_equal(c[1].line[0], "<v Ben Okafor>Yes.");
    assert_memory_equal(c[2].line[0], "<v Ana Ruiz>Great.", 18);
    assert_string_equal(c[3].line[0], "Who said that?");
    assert_null(strstr(out, "STYLE"));
    free(out);
    /* --speaker-style color: a STYLE block with the BBC colours */
    out = render_opts(doc, PODFMT_FMT_VTT, PODFMT_STYLE_COLOR, 1,
                      PODFMT_PROFILE_NETFLIX);
    assert_memory_equal(out, "WEBVTT\n\nSTYLE\n::cue(v[voice=\"Ana Ruiz\"]) { color: #FFFFFF }\n"
                             "::cue(v[voice=\"Ben Okafor\"]) { color: #FFFF00 }\n\n00:",
                        strlen("WEBVTT\n\nSTYLE\n::cue(v[voice=\"Ana Ruiz\"]) { color: #FFFFFF }\n"
                               "::cue(v[voice=\"Ben Okafor\"]) { color: #FFFF00 }\n\n00:"));
    free(out);
    /* the default style, not given: still no STYLE block */
    out = render_opts(doc, PODFMT_FMT_VTT, PODFMT_STYLE_COLOR, 0,
                      PODFMT_PROFILE_NETFLIX);
    assert_null(strstr(out, "STYLE"));
    free(out);
    /* a configured colour (what -c gives a speaker): only that voice */
    doc->speakers[1].color = (char *)"#1f77b4";
    out = render_with(doc, PODFMT_FMT_VTT, NULL);
    assert_non_null(strstr(out, "STYLE\n::cue(v[voice=\"Ben Okafor\"]) { color: #1f77b4 }\n\n"));
    assert_null(strstr(out, "Ana Ruiz\"]"));
    free(out);
    doc->speakers[1].color = NULL;
    podfmt_doc_free(doc);
}

static void test_podcast_profile(void **state)
{
    (void)state;
    podfmt_doc *doc = podfmt_doc_new(NULL);
    turn(doc, -1, LONG_TEXT, PODFMT_NO_TIME, PODFMT_NO_TIME);
    char *out = render_opts(doc, PODFMT_FMT_VTT, PODFMT_STYLE_NAME, 0,
                            PODFMT_PROFILE_PODCAST);
    tcue c[MAX_CUES];
    int n = read_cues(out, '.', c);
    assert_profile(c, n, 32);
    int wide = 0;
    for (int i = 0; i < n; i++)
        for (int k = 0; k < c[i].n_lines; k++)
            wide |= cols(c[i].line[k]) > 28;
    assert_true(wide); /* lines use the room they have */
    free(out);
    podfmt_doc_free(doc);
}

/* ---- lint ----------------------------------------------------------- */

static void test_lint_own_output_clean(void **state)
{
    (void)state;
    podfmt_doc *doc = dialogue();
    turn(doc, -1, LONG_TEXT, PODFMT_NO_TIME, PODFMT_NO_TIME);
    turn(doc, -1, "東京タワーへ行きました。とても高くて、景色がきれいでした。"
                  "また行きたいと思います。",
         PODFMT_NO_TIME, PODFMT_NO_TIME);
    for (int prof = 0; prof < 2; prof++)
        for (int style = 0; style < 4; style++)
            for (int fmt = 0; fmt < 2; fmt++) {
                char *out = render_opts(doc, fmt ? PODFMT_FMT_VTT : PODFMT_FMT_SRT,
                                        (podfmt_speaker_style)style, 1,
                                        (podfmt_profile)prof);
                char *rep;
                size_t p = lint(out, fmt ? PODFMT_FMT_VTT : PODFMT_FMT_SRT,
                                (podfmt_profile)prof, &rep);
                if (p)
                    print_error("%s\n%s", rep, out);
                assert_int_equal(p, 0);
                free(rep);
                free(out);
            }
    podfmt_doc_free(doc);
}

static void test_lint_reports_each_problem(void **state)
{
    (void)state;
    const char *bad =
        "1\n00:00:01,000 --> 00:00:01,500\nHello there\n\n"
        "2\n00:00:01,520 --> 00:00:09,000\nok\n\n"
        "3\n00:00:08,000 --> 00:00:10,000\n"
        "This line is far too long for any subtitle guide at all\nb\nc\n\n";
    char *rep;
    size_t p = lint(bad, PODFMT_FMT_SRT, PODFMT_PROFILE_NETFLIX, &rep);
    assert_string_equal(rep,
        "t.srt:2: cue 1: shown 0.500 s (min 0.833)\n"
        "t.srt:2: cue 1: 22.0 chars/s (max 20)\n"
        "t.srt:6: cue 2: shown 7.480 s (max 7.000)\n"
        "t.srt:6: cue 2: 20 ms after cue 1 (min gap 83 ms)\n"
        "t.srt:10: cue 3: overlaps cue 2 by 1000 ms\n"
        "t.srt:11: cue 3: 3 lines (max 2)\n"
        "t.srt:11: cue 3: line 1 is 55 columns (max 42)\n"
        "t.srt:10: cue 3: 28.5 chars/s (max 20)\n");
    assert_int_equal(p, 8);
    free(rep);
}

static void test_lint_vtt_tolerant(void **state)
{
    (void)state;
    /* header text, NOTE and STYLE blocks, ids, settings, mm:ss times, a
     * missing blank line, tags and entities that do not count */
    const char *vtt =
        "WEBVTT - a file\nKind: captions\n\nNOTE a comment\n-- > not a cue\n\n"
        "STYLE\n::cue { color: red }\n\n"
        "intro\n00:01.000 --> 00:03.000 align:start\n"
        "<v Ana>Fish &amp; chips, <i>please</i>.\n"
        "cue-2\n00:03.100 --> 00:05.000\n<c.yellow>Twenty-eight &lt;characters&gt; ok</c>\n";
    char *rep;
    size_t p = lint(vtt, PODFMT_FMT_VTT, PODFMT_PROFILE_NETFLIX, &rep);
    assert_string_equal(rep, "");
    assert_int_equal(p, 0);
    free(rep);
    /* the podcast profile is narrower */
    const char *wide = "WEBVTT\n\n00:00.000 --> 00:04.000\n"
                       "thirty-five columns wide, this one\n";
    p = lint(wide, PODFMT_FMT_VTT, PODFMT_PROFILE_PODCAST, &rep);
    assert_string_equal(rep, "t.srt:4: cue 1: line 1 is 34 columns (max 32)\n");
    assert_int_equal(p, 1);
    free(rep);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_article_name_pronoun_never_split),
        cmocka_unit_test(test_article_noun_at_the_natural_break),
        cmocka_unit_test(test_name_kept_together),
        cmocka_unit_test(test_bracket_and_preposition_kept),
        cmocka_unit_test(test_lines_balanced),
        cmocka_unit_test(test_one_line_when_it_fits),
        cmocka_unit_test(test_sentence_end_first),
        cmocka_unit_test(test_paragraph_opens_a_cue),
        cmocka_unit_test(test_widths),
        cmocka_unit_test(test_cjk_breaks_between_graphemes),
        cmocka_unit_test(test_emoji_counts_two),
        cmocka_unit_test(test_wpm_timing),
        cmocka_unit_test(test_reading_speed_respected),
        cmocka_unit_test(test_anchor_timing),
        cmocka_unit_test(test_cue_times_kept_and_split),
        cmocka_unit_test(test_word_timed_segments_joined),
        cmocka_unit_test(test_never_overlap),
        cmocka_unit_test(test_random_documents),
        cmocka_unit_test(test_notes_and_headings_left_out),
        cmocka_unit_test(test_srt_inline_and_tags),
        cmocka_unit_test(test_srt_braces_backslash),
        cmocka_unit_test(test_vtt_escapes_and_voice),
        cmocka_unit_test(test_style_name),
        cmocka_unit_test(test_style_name_too_long_left_out),
        cmocka_unit_test(test_style_none),
        cmocka_unit_test(test_style_dash),
        cmocka_unit_test(test_style_color),
        cmocka_unit_test(test_vtt_voice_and_style_block),
        cmocka_unit_test(test_podcast_profile),
        cmocka_unit_test(test_lint_own_output_clean),
        cmocka_unit_test(test_lint_reports_each_problem),
        cmocka_unit_test(test_lint_vtt_tolerant),
        cmocka_unit_test(test_style_first_met_late),
        cmocka_unit_test(test_times_past_a_hundred_hours),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
