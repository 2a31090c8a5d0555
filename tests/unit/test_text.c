/* The plain-text reader: the seeds and every text convention, with the
 * broken variants that real exports have. */
#include "testutil.h"

#include "internal.h"
#include "label.h"

#include <stdio.h>

static char *slurp_file(const char *path)
{
    FILE *f = fopen(path, "rb");
    assert_non_null(f);
    fseek(f, 0, SEEK_END);
    long n = ftell(f);
    fseek(f, 0, SEEK_SET);
    char *buf = malloc((size_t)n + 1);
    assert_non_null(buf);
    assert_int_equal(fread(buf, 1, (size_t)n, f), (size_t)n);
    buf[n] = '\0';
    fclose(f);
    return buf;
}

static podfmt_doc *text(const char *s) { return parse_with(s, PODFMT_FMT_TEXT, NULL); }

static size_t count_kind(const podfmt_doc *d, podfmt_block_kind k)
{
    size_t n = 0;
    for (size_t i = 0; i < d->n_blocks; i++)
        n += d->blocks[i].kind == k;
    return n;
}

static const char *speaker_of(const podfmt_doc *d, size_t b)
{
    int s = d->blocks[b].speaker;
    return s < 0 ? NULL : d->speakers[s].name;
}

/* Every word of the input, in order, must be somewhere in the document. */
static void assert_words_kept(const podfmt_doc *d, const char *input,
                              const char *skip_from)
{
    podfmt_buf all;
    podfmt_buf_init(&all);
    for (size_t i = 0; i < d->n_meta; i++) {
        podfmt_buf_puts(&all, d->meta[i].value);
        podfmt_buf_putc(&all, ' ');
    }
    for (size_t i = 0; i < d->n_speakers; i++) {
        podfmt_buf_puts(&all, d->speakers[i].name);
        podfmt_buf_putc(&all, ' ');
    }
    for (size_t i = 0; i < d->n_segments; i++) {
        /* a list item's number is kept as the item's, not in its text */
        if (d->segments[i].item > 0)
            podfmt_buf_printf(&all, "%d. ", d->segments[i].item);
        podfmt_buf_puts(&all, d->segments[i].text);
        podfmt_buf_putc(&all, ' ');
    }
    podfmt_buf_putc(&all, '\0');
    const char *end = skip_from ? strstr(input, skip_from) : NULL;
    char word[256];
    const char *p = input;
    for (;;) {
        while (*p == ' ' || *p == '\n' || *p == '\r' || *p == '\t')
            p++;
        if (!*p || (end && p >= end))
            break;
        if (*p == '"') /* a pull quote's marks are not words */
            p++;
        size_t n = 0;
        while (p[n] && p[n] != ' ' && p[n] != '\n' && p[n] != '\r' &&
               p[n] != '\t' && n < sizeof word - 1)
            n++;
        if (n == 0)
            break;
        memcpy(word, p, n);
        word[n] = '\0';
        /* a label's colon and a quote's marks are structure, not words */
        if (!strstr(all.data, word)) {
            word[n - 1] = '\0';
            if (n > 1 && !strstr(all.data, word))
                fail_msg("word lost: '%.*s'", (int)n, p);
        }
        p += n;
    }
    podfmt_buf_free(&all);
}

static void seed_000_interview_post(void **state)
{
    (void)state;
    char *in = slurp_file("tests/seeds/000_1c2f442d8fb017be.txt");
    podfmt_doc *d = text(in);
    assert_string_equal(podfmt_doc_meta(d, "title"),
                        "Kamil on Nukes and Civil War in Russia");
    assert_true(strncmp(podfmt_doc_meta(d, "subtitle"),
                        "Foreign policymakers are unwilling", 34) == 0);
    assert_int_equal(d->n_speakers, 2);
    assert_string_equal(d->speakers[0].name, "Jordan Schneider");
    assert_string_equal(d->speakers[0].id, "jordan-schneider");
    assert_string_equal(d->speakers[1].id, "kamil-galeev");
    assert_int_equal(count_kind(d, PODFMT_BLOCK_TURN), 20);
    assert_int_equal(count_kind(d, PODFMT_BLOCK_HEADING), 6);
    static const char *const headings[] = {
        "Putin\xE2\x80\x99s Nuclear Considerations",
        "Russian Imperialism and the War",
        "Civil War Risks and Elite Interests", "The View from the Provinces",
        "Scenarios for the Future of Russia", "Talking Russia on Twitter"};
    size_t h = 0, turn = 0;
    for (size_t i = 0; i < d->n_blocks; i++) {
        if (d->blocks[i].kind == PODFMT_BLOCK_HEADING)
            assert_string_equal(seg_text(d, i, 0), headings[h++]);
        if (d->blocks[i].kind == PODFMT_BLOCK_TURN)
            assert_string_equal(speaker_of(d, i), turn++ % 2 ? "Kamil Galeev"
                                                              : "Jordan Schneider");
    }
    /* the first turn keeps its colon-in-text; "Another thing:" is text */
    for (size_t i = 0; i < d->n_blocks; i++) {
        if (d->blocks[i].kind != PODFMT_BLOCK_TURN)
            continue;
        assert_true(strncmp(seg_text(d, i, 0),
                            "The prospect of nuclear escalation: what", 40) == 0);
        break;
    }
    int found_another = 0, found_is_that = 0;
    for (size_t i = 0; i < d->n_segments; i++) {
        found_another |= strncmp(d->segments[i].text, "Another thing: ethnic", 21) == 0;
        found_is_that |= strstr(d->segments[i].text, "status [is that] we") != NULL;
    }
    assert_true(found_another);
    assert_true(found_is_that);
    /* the post's front and its tail are notes */
    assert_int_equal(d->blocks[0].kind, PODFMT_BLOCK_NOTE);
    assert_int_equal(d->blocks[d->n_blocks - 1].kind, PODFMT_BLOCK_NOTE);
    assert_string_equal(seg_text(d, d->n_blocks - 1, 0),
                        "Outro music is a Tatar folk song:");
    assert_words_kept(d, in, NULL);
    podfmt_doc_free(d);
    free(in);
}

static void seed_001_thread_unroll(void **state)
{
    (void)state;
    char *in = slurp_file("tests/seeds/001_154262e86001abe1.txt");
    podfmt_doc *d = text(in);
    assert_string_equal(podfmt_doc_meta(d, "date"), "2022-09-29");
    assert_int_equal(d->n_speakers, 1);
    assert_string_equal(d->speakers[0].name, "Kamil Galeev");
    assert_int_equal(d->n_blocks, 1);
    assert_true(strncmp(seg_text(d, 0, 0), "I think Kremlin may view", 24) == 0);
    const podfmt_block *b = &d->blocks[0];
    const char *last = d->segments[b->first + b->count - 1].text;
    assert_true(strncmp(last, "PPS Withdrawing before the US", 29) == 0);
    for (size_t i = 0; i < d->n_segments; i++) {
        assert_null(strstr(d->segments[i].text, "Profile picture"));
        assert_null(strstr(d->segments[i].text, "Thread Reader"));
        assert_null(strstr(d->segments[i].text, "0xfe58350B"));
    }
    /* the thread itself is all there, up to the furniture */
    const char *body = strstr(in, "I think Kremlin");
    assert_words_kept(d, body, "\xE2\x80\xA2 \xE2\x80\xA2 \xE2\x80\xA2");
    podfmt_doc_free(d);
    free(in);
}

static void seed_002_unlabelled_dump(void **state)
{
    (void)state;
    char *in = slurp_file("tests/seeds/002_d16e6149275d3674.txt");
    podfmt_doc *d = text(in);
    assert_int_equal(d->n_speakers, 0);
    assert_int_equal(count_kind(d, PODFMT_BLOCK_HEADING), 0);
    assert_null(podfmt_doc_meta(d, "title"));
    for (size_t i = 0; i < d->n_blocks; i++) {
        assert_int_equal(d->blocks[i].kind, PODFMT_BLOCK_TURN);
        assert_int_equal(d->blocks[i].speaker, -1);
    }
    int neat = 0, kat = 0;
    for (size_t i = 0; i < d->n_segments; i++) {
        neat |= strcmp(d->segments[i].text, "That's the neat part. They won't") == 0;
        kat |= strncmp(d->segments[i].text, "\xD0\x9A\xD0\x90\xD0\xA2. 18.2", 9) == 0;
    }
    assert_true(neat);
    assert_true(kat);
    assert_words_kept(d, in, NULL);
    podfmt_doc_free(d);
    free(in);
}

static void label_must_recur(void **state)
{
    (void)state;
    podfmt_doc *d = text("Ana Ruiz: Hello there.\n"
                         "Consider Nazarbayev: he borrowed power.\n"
                         "Ben Ode: Hi.\nAna Ruiz: Bye.\nBen Ode: Bye now.\n");
    assert_int_equal(d->n_speakers, 2);
    assert_int_equal(d->n_blocks, 4);
    assert_string_equal(seg_text(d, 0, 1), "Consider Nazarbayev: he borrowed power.");
    podfmt_doc_free(d);
}

static void phrases_are_not_labels(void **state)
{
    (void)state;
    podfmt_doc *d = text("Note: edited for length.\nAna: Hello.\n"
                         "MORE IMPORTANTLY: listen.\nKey takeaways:\n"
                         "Step 1. Do things.\nBen: Hi.\nAna: So.\nBen: Yes.\n"
                         "Note: again.\n");
    assert_int_equal(d->n_speakers, 2);
    for (size_t i = 0; i < d->n_segments; i++)
        assert_true(strcmp(d->segments[i].text, "listen.") != 0);
    podfmt_doc_free(d);
}

static void otter_export(void **state)
{
    (void)state;
    podfmt_doc *d = text("Ana Ruiz  0:03  \nSo where do we start? I think\n"
                         "we should begin.\n\nBen Ode  0:15\nOkay. [laughs]\n\n"
                         "Ana Ruiz  1:02:03\nGreat.\n\nTranscribed by https://otter.ai\n");
    assert_int_equal(d->n_blocks, 3);
    assert_string_equal(speaker_of(d, 0), "Ana Ruiz");
    assert_string_equal(seg_text(d, 0, 0),
                        "So where do we start? I think we should begin.");
    assert_int_equal(d->blocks[0].start, 3000);
    assert_string_equal(seg_text(d, 1, 0), "Okay. [laughs]");
    assert_int_equal(d->blocks[2].start, 3723000);
    for (size_t i = 0; i < d->n_segments; i++)
        assert_null(strstr(d->segments[i].text, "otter.ai"));
    podfmt_doc_free(d);
}

static void rev_export_with_continuation(void **state)
{
    (void)state;
    podfmt_doc *d = text("Speaker 1 (00:00):\r\nWelcome to the show.\r\n\r\n"
                         "Lena Park (01:02:03):\r\nThanks.\r\n\r\n(01:02:09):\r\n"
                         "Still me.\r\n");
    assert_int_equal(d->n_blocks, 2);
    assert_string_equal(speaker_of(d, 0), "Speaker 1");
    assert_int_equal(d->blocks[0].start, 0);
    assert_int_equal(d->blocks[1].count, 2);
    assert_int_equal(d->segments[d->blocks[1].first + 1].start, 3729000);
    podfmt_doc_free(d);
}

static void bracketed_times(void **state)
{
    (void)state;
    podfmt_doc *d = text("[00:01:02] HOST: Welcome back.\n(01:12) Dr. Anika S\xC3\xB8rensen: Hi.\n"
                         "Lena Park [00:02:00]: Hello.\n00:02:29 Ana Ruiz: Welcome.\n"
                         "[0:23] HOST: Short widths.\n[1:51:06] HOST: Past the hour.\n");
    assert_int_equal(d->n_speakers, 4);
    assert_int_equal(d->blocks[0].start, 62000);
    assert_string_equal(speaker_of(d, 1), "Dr. Anika S\xC3\xB8rensen");
    assert_string_equal(d->speakers[1].id, "dr-anika-sorensen");
    assert_int_equal(d->blocks[1].start, 72000);
    assert_int_equal(d->blocks[2].start, 120000);
    assert_int_equal(d->blocks[3].start, 149000);
    assert_int_equal(d->blocks[4].start, 23000);
    assert_int_equal(d->segments[d->blocks[4].first + 1].start, 6666000);
    podfmt_doc_free(d);
}

static void uppercase_and_fullwidth_labels(void **state)
{
    (void)state;
    podfmt_doc *d = text("\xE5\x8F\xB8\xE4\xBC\x9A\xEF\xBC\x9A\xE3\x81\xAF\xE3\x81\x84\n"
                         "HOST: Hello.\n\xE5\x8F\xB8\xE4\xBC\x9A\xEF\xBC\x9A\xE3\x81\x84\xE3\x81\x84\n"
                         "HOST: Bye.\n");
    assert_int_equal(d->n_speakers, 2);
    assert_string_equal(d->speakers[0].name, "\xE5\x8F\xB8\xE4\xBC\x9A");
    assert_string_equal(d->speakers[0].id, "\xE5\x8F\xB8\xE4\xBC\x9A");
    assert_string_equal(d->speakers[1].id, "host");
    assert_int_equal(d->n_blocks, 4);
    podfmt_doc_free(d);
}

static void youtube_speaker_changes(void **state)
{
    (void)state;
    podfmt_doc *d = text(">> Howdy.\n>> Hi there, how\nare you?\n>> GOVERNOR: We proceed.\n");
    assert_int_equal(d->n_blocks, 3);
    assert_int_equal(d->blocks[0].speaker, -1);
    assert_int_equal(d->blocks[1].speaker, -1);
    assert_string_equal(seg_text(d, 1, 0), "Hi there, how are you?");
    assert_string_equal(speaker_of(d, 2), "GOVERNOR");
    podfmt_doc_free(d);
}

static void name_alone_on_its_line(void **state)
{
    (void)state;
    podfmt_doc *d = text("Ana Ruiz\nSo where do we start?\n\nBen Ode\nAt the start.\n"
                         "It was cold.\n\nAna Ruiz\nIndeed.\n\nBen Ode\nYes.\n");
    assert_int_equal(d->n_blocks, 4);
    assert_string_equal(speaker_of(d, 1), "Ben Ode");
    assert_int_equal(d->blocks[1].count, 2);
    podfmt_doc_free(d);
}

static void diarizer_labels_and_second_times(void **state)
{
    (void)state;
    podfmt_doc *d = text("SPEAKER_00:\n[0.4s] Hello there.\n[2.5s] How are you?\n"
                         "SPEAKER_01:\n[4.0s] Fine.\n");
    assert_int_equal(d->n_blocks, 2);
    assert_string_equal(d->speakers[0].id, "speaker-00");
    assert_int_equal(d->segments[0].start, 400);
    assert_int_equal(d->segments[1].start, 2500);
    assert_int_equal(d->blocks[1].start, 4000);
    podfmt_doc_free(d);
}

static void consecutive_lines_of_one_speaker_merge(void **state)
{
    (void)state;
    podfmt_doc *d = text("Ana: One.\nAna: Two.\nBen: Three.\nBen: Four.\n");
    assert_int_equal(d->n_blocks, 2);
    assert_int_equal(d->blocks[0].count, 2);
    podfmt_doc_free(d);
}

static void single_label_beside_recurring_speakers(void **state)
{
    (void)state;
    /* a guest who speaks once, in the shape of the recurring labels */
    podfmt_doc *d = text("HOST: Welcome.\nGUEST: thanks for having me.\n"
                         "HOST: Tell us more.\nHOST: Go on.\n");
    assert_int_equal(d->n_speakers, 2);
    assert_string_equal(speaker_of(d, 1), "GUEST");
    podfmt_doc_free(d);
    d = text("Ana: Hello.\nBob: hi.\nAna: Bye.\nAna: Really.\n");
    assert_int_equal(d->n_speakers, 2);
    assert_string_equal(speaker_of(d, 1), "Bob");
    podfmt_doc_free(d);
    /* alone on its line like the speakers' labels, a name shaped like
     * theirs, words below it */
    d = text("Ana Ruiz:\nHello.\n\nBen Okafor:\nHi.\n\nAna Ruiz:\nAnd our producer?\n\n"
             "Cara Lin:\nHi, just once.\n\nBen Okafor:\nBye.\n");
    assert_int_equal(d->n_speakers, 3);
    assert_string_equal(speaker_of(d, 3), "Cara Lin");
    assert_string_equal(seg_text(d, 3, 0), "Hi, just once.");
    podfmt_doc_free(d);
    /* a section title before a label, or among inline labels, is not */
    d = text("Ana Ruiz: Welcome back.\nBen Okafor: Thanks.\nAna Ruiz: Ready?\n"
             "Ben Okafor: Yes.\n\nRapid Fire:\nAna Ruiz: Tea or coffee?\n"
             "Ben Okafor: Tea.\n\nFinal Thoughts:\nThe cafe is open.\n");
    assert_int_equal(d->n_speakers, 2);
    assert_words_kept(d, "Rapid Fire: Final Thoughts: The cafe is open.", NULL);
    podfmt_doc_free(d);
    /* a sentence of another shape next to a speaker stays text */
    d = text("Ana Ruiz: Hello.\nConsider Nazarbayev: he borrowed power.\n"
             "Ana Ruiz: Bye.\n");
    assert_int_equal(d->n_speakers, 1);
    assert_int_equal(d->n_blocks, 1);
    podfmt_doc_free(d);
}

static void question_and_answer_and_titles(void **state)
{
    (void)state;
    podfmt_doc *d = text("Q: Where were you born?\nA: In Porto.\n"
                         "Q: And you moved when?\nA: At 19.\n");
    assert_int_equal(d->n_speakers, 2);
    assert_int_equal(d->n_blocks, 4);
    assert_string_equal(speaker_of(d, 1), "A");
    podfmt_doc_free(d);
    /* "A man: ..." is still a phrase */
    d = text("Ana: Hi.\nA man: walks in.\nAna: Bye.\nA man: leaves.\n");
    assert_int_equal(d->n_speakers, 1);
    podfmt_doc_free(d);
    d = text("Ana: Hello there.\nProf. Zoe Brien: One thing.\nAna: Go on.\n"
             "Prof. Zoe Brien: Thanks.\nCapt. Li: Aye.\nAna: Bye.\nCapt. Li: Bye.\n");
    assert_int_equal(d->n_speakers, 3);
    assert_string_equal(speaker_of(d, 1), "Prof. Zoe Brien");
    assert_string_equal(speaker_of(d, 4), "Capt. Li");
    podfmt_doc_free(d);
}

static void single_label_without_configuration_is_text(void **state)
{
    (void)state;
    podfmt_doc *d = text("Intro words.\nLena: Hello there.\nMore words.\n");
    assert_int_equal(d->n_speakers, 0);
    podfmt_doc_free(d);
}

static void crlf_bom_and_lone_cr(void **state)
{
    (void)state;
    podfmt_doc *a = text("\xEF\xBB\xBF" "Ana: One.\r\nBen: Two.\r\nAna: Three.\r\nBen: Four.\r\n");
    podfmt_doc *b = text("Ana: One.\rBen: Two.\rAna: Three.\rBen: Four.\r");
    assert_int_equal(a->n_blocks, 4);
    assert_int_equal(b->n_blocks, 4);
    assert_string_equal(a->speakers[0].name, "Ana");
    assert_string_equal(seg_text(b, 3, 0), "Four.");
    podfmt_doc_free(a);
    podfmt_doc_free(b);
}

static void bad_utf8_is_an_error_with_position(void **state)
{
    (void)state;
    const char *in = "Ana: fine\nBen: caf\xE9 au lait\n";
    podfmt_doc *d = podfmt_doc_new(NULL);
    podfmt_error err = {0};
    assert_int_equal(podfmt_parse(d, PODFMT_FMT_TEXT, in, strlen(in), NULL, &err),
                     PODFMT_EINPUT);
    assert_int_equal(err.line, 2);
    assert_int_equal(err.column, 9);
    assert_non_null(strstr(err.message, "UTF-8"));
    podfmt_doc_free(d);
    const char nul[] = "Ana: a\0b\n";
    d = podfmt_doc_new(NULL);
    assert_int_equal(podfmt_parse(d, PODFMT_FMT_TEXT, nul, sizeof nul - 1, NULL, &err),
                     PODFMT_EINPUT);
    assert_int_equal(err.line, 1);
    assert_int_equal(err.column, 7);
    podfmt_doc_free(d);
}

static void utf16_with_bom_is_converted(void **state)
{
    (void)state;
    const char in[] = "\xFF\xFE" "A\0n\0a\0:\0 \0H\0i\0\n\0A\0n\0a\0:\0 \0Y\0o\0\n\0";
    podfmt_doc *d = podfmt_doc_new(NULL);
    podfmt_error err = {0};
    assert_int_equal(podfmt_parse(d, PODFMT_FMT_TEXT, in, sizeof in - 1, NULL, &err),
                     PODFMT_OK);
    assert_int_equal(d->n_speakers, 1);
    assert_string_equal(seg_text(d, 0, 1), "Yo");
    podfmt_doc_free(d);
}

static void sentence_case_heading_between_blank_lines(void **state)
{
    (void)state;
    podfmt_doc *d = text("Ana: Hello.\nBen: Hi.\n\nWhy we built this\n\nAna: Because.\n"
                         "Ben: Thanks so much\nAna: Bye.\n");
    assert_int_equal(count_kind(d, PODFMT_BLOCK_HEADING), 1);
    /* a speaker's short last line right before the next turn stays text */
    int kept = 0;
    for (size_t i = 0; i < d->n_segments; i++)
        kept |= strcmp(d->segments[i].text, "Thanks so much") == 0;
    assert_true(kept);
    podfmt_doc_free(d);
}

/* The fast paths go eight or sixteen bytes at a time: what they must find
 * is put at every offset across those blocks. */
static void control_character_found_at_every_offset(void **state)
{
    (void)state;
    const char bad[] = {'\x01', '\x1F', '\x7F', '\0', '\x80', '\x0B'};
    for (size_t b = 0; b < 2 * sizeof bad; b++) {
        for (size_t k = 0; k < 40; k++) {
            char in[64];
            memset(in, 'a', k);
            for (size_t j = 1; b >= sizeof bad && j < k; j += 3)
                in[j] = '\t'; /* allowed control characters before it */
            in[k] = bad[b % sizeof bad];
            memcpy(in + k + 1, "bc\n", 3);
            podfmt_doc *d = podfmt_doc_new(NULL);
            podfmt_error err = {0};
            assert_int_equal(podfmt_parse(d, PODFMT_FMT_TEXT, in, k + 4, NULL, &err),
                             PODFMT_EINPUT);
            assert_int_equal(err.line, 1);
            assert_int_equal(err.column, (int)k + 1);
            podfmt_doc_free(d);
        }
    }
}

static void white_space_folds_at_every_offset(void **state)
{
    (void)state;
    static const char *const gaps[] = {"  ", "\t", " \t ", "   ", " "};
    for (size_t g = 0; g < sizeof gaps / sizeof gaps[0]; g++) {
        for (size_t k = 1; k < 20; k++) {
            char word[32], in[160], want[48];
            memset(word, 'w', k);
            word[k] = '\0';
            snprintf(in, sizeof in, "Ana: %s%send of it\nBen: ok\nAna: so\nBen: no\n",
                     word, gaps[g]);
            snprintf(want, sizeof want, "%s end of it", word);
            podfmt_doc *d = parse_with(in, PODFMT_FMT_TEXT, NULL);
            assert_string_equal(seg_text(d, 0, 0), want);
            podfmt_doc_free(d);
        }
    }
}

/* Quotes, apostrophes and '!' are text to cmark: the HTML is what cmark
 * would write, and syntax is found wherever it stands. */
static void html_text_with_quotes_and_late_syntax(void **state)
{
    (void)state;
    podfmt_doc *d = parse_with("Ana: Don't say \"no\"! Fine.\nBen: ok\nAna: so\n"
                               "Ben: no\n",
                               PODFMT_FMT_TEXT, NULL);
    char *html = render_with(d, PODFMT_FMT_HTML, NULL);
    assert_non_null(strstr(html, "<p>Don't say &quot;no&quot;! Fine.</p>"));
    free(html);
    podfmt_doc_free(d);
    for (size_t k = 1; k < 40; k++) {
        char in[200], want[120];
        char pad[48];
        memset(pad, 'p', k);
        pad[k] = '\0';
        snprintf(in, sizeof in, "Ana: %s *it* & <b>\nBen: ok\nAna: so\nBen: no\n", pad);
        snprintf(want, sizeof want, "<p>%s <em>it</em> &amp; &lt;b&gt;</p>", pad);
        d = parse_with(in, PODFMT_FMT_TEXT, NULL);
        html = render_with(d, PODFMT_FMT_HTML, NULL);
        if (!strstr(html, want))
            print_error("k=%zu: %s\n", k, html);
        assert_non_null(strstr(html, want));
        free(html);
        podfmt_doc_free(d);
    }
}

/* The input given to the document (podfmt_parse_owned, as the command
 * does) and copied from (podfmt_parse) reads the same: in place where a
 * line's words need no folding, copied where they do. */
static char *yaml_of(const char *in, size_t n, bool owned)
{
    podfmt_doc *d = podfmt_doc_new(NULL);
    assert_non_null(d);
    podfmt_error err = {0};
    podfmt_status st;
    if (owned) {
        char *mine = malloc(n ? n : 1);
        assert_non_null(mine);
        memcpy(mine, in, n);
        st = podfmt_parse_owned(d, PODFMT_FMT_AUTO, mine, n, NULL, &err);
    } else {
        st = podfmt_parse(d, PODFMT_FMT_AUTO, in, n, NULL, &err);
    }
    podfmt_buf b;
    podfmt_buf_init(&b);
    if (st == PODFMT_OK)
        st = podfmt_render(d, PODFMT_FMT_YAML, NULL, &b, &err);
    podfmt_buf_printf(&b, "status %d %d:%d %s", (int)st, err.line, err.column,
                      err.message);
    podfmt_buf_putc(&b, '\0');
    podfmt_doc_free(d);
    return b.data;
}

static void owned_input_reads_as_copied(void **state)
{
    (void)state;
    static const char *const inputs[] = {
        "Ana: Hello there.\nBen: Hi.\nAna: Bye.\nBen: Bye now.",
        "Ana: Hello there.\r\nBen: Hi.\r\nAna: Bye.\r\nBen: Bye now.\r\n",
        "Ana: Hello  there.\nBen:\tHi\tyou.\nAna: Bye.   \nBen: Bye now.\n",
        "Ana: a long line of words, then  two spaces at byte twenty-nine\n"
        "Ben: words and a tab\tat the end of an eight-byte block\n"
        "Ana: one\n\nBen: two\n",
        "\xEF\xBB\xBF" "Ana: with a byte-order mark.\nBen: Yes.\nAna: No.\nBen: Ok.\n",
        "Ana: a line that goes on\nand on, joined to the one before\n"
        "Ben: (laughing) Sure.\nBen (laughing): It did.\nAna: Fine.\n",
        "# Title\n\nAna: First.\nBen: Second.\nAna: Third.\nBen: Fourth.\n",
        "no speakers\nat all\n\njust lines\n",
        "Ana: bad \x01 control\nBen: x\n",
        "",
    };
    for (size_t k = 0; k < sizeof inputs / sizeof inputs[0]; k++) {
        size_t n = strlen(inputs[k]);
        char *copied = yaml_of(inputs[k], n, false);
        char *owned = yaml_of(inputs[k], n, true);
        assert_string_equal(owned, copied);
        free(copied);
        free(owned);
    }
    /* UTF-16 is converted first: the converted text is the document's */
    static const char utf16[] = "\xFF\xFE" "A\0n\0a\0:\0 \0H\0i\0.\0\n\0"
                                "B\0e\0n\0:\0 \0Y\0o\0.\0\n\0"
                                "A\0n\0a\0:\0 \0O\0k\0.\0\n\0"
                                "B\0e\0n\0:\0 \0S\0o\0.\0\n\0";
    char *copied = yaml_of(utf16, sizeof utf16 - 1, false);
    char *owned = yaml_of(utf16, sizeof utf16 - 1, true);
    assert_string_equal(owned, copied);
    assert_non_null(strstr(owned, "text: Hi."));
    free(copied);
    free(owned);
}

/* label_is_namelike remembers verdicts: labels that share a slot of its
 * memory, or are too long to be remembered, keep their own verdicts in
 * any order. */
static void namelike_verdicts_kept_apart(void **state)
{
    (void)state;
    static const struct {
        const char *label;
        bool namelike;
    } cases[] = {
        {"Tom Ruiz", true},  /* these two share a slot */
        {"The Ruiz", false},
        {"Anastasia Konstantinopoulou-Vasilakopoulou Papadopoulos", true},
        {"the quick brown fox jumps over the lazy dog again", false},
        {"Ana", true},
        {"And", false},
        {"Ana Ruiz (host)", true},
        {"Ana Ruiz (2)", false},
    };
    size_t n = sizeof cases / sizeof cases[0];
    for (int round = 0; round < 3; round++)
        for (size_t k = 0; k < n; k++) {
            size_t i = round == 1 ? n - 1 - k : (k * 5 + (size_t)round) % n;
            const char *l = cases[i].label;
            assert_int_equal(label_is_namelike(l, strlen(l)), cases[i].namelike);
        }
}

/* strmap_add counts; growing the map keeps every count. */
static void strmap_counts_across_growth(void **state)
{
    (void)state;
    enum { KEYS = 3000 };
    static char keys[KEYS][16];
    strmap m = {0};
    for (int round = 1; round <= 3; round++)
        for (int k = 0; k < KEYS; k++) {
            int len = snprintf(keys[k], sizeof keys[k], "Speaker %d", k);
            assert_int_equal(strmap_add(&m, keys[k], (size_t)len, 1), round);
        }
    assert_int_equal(strmap_get(&m, "Speaker 2999", 12), 3);
    assert_int_equal(strmap_get(&m, "Speaker 3000", 12), -1);
    assert_int_equal(strmap_get(&m, "Speaker 29", 10), 3);
    assert_int_equal(strmap_get(&m, "Speaker 2", 9), 3);
    assert_int_equal(strmap_add(&m, "Speaker 2", 9, 4), 7);
    assert_int_equal(m.n, KEYS);
    strmap_free(&m);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(owned_input_reads_as_copied),
        cmocka_unit_test(namelike_verdicts_kept_apart),
        cmocka_unit_test(strmap_counts_across_growth),
        cmocka_unit_test(seed_000_interview_post),
        cmocka_unit_test(seed_001_thread_unroll),
        cmocka_unit_test(seed_002_unlabelled_dump),
        cmocka_unit_test(label_must_recur),
        cmocka_unit_test(phrases_are_not_labels),
        cmocka_unit_test(otter_export),
        cmocka_unit_test(rev_export_with_continuation),
        cmocka_unit_test(bracketed_times),
        cmocka_unit_test(uppercase_and_fullwidth_labels),
        cmocka_unit_test(youtube_speaker_changes),
        cmocka_unit_test(name_alone_on_its_line),
        cmocka_unit_test(diarizer_labels_and_second_times),
        cmocka_unit_test(consecutive_lines_of_one_speaker_merge),
        cmocka_unit_test(single_label_without_configuration_is_text),
        cmocka_unit_test(single_label_beside_recurring_speakers),
        cmocka_unit_test(question_and_answer_and_titles),
        cmocka_unit_test(crlf_bom_and_lone_cr),
        cmocka_unit_test(bad_utf8_is_an_error_with_position),
        cmocka_unit_test(utf16_with_bom_is_converted),
        cmocka_unit_test(control_character_found_at_every_offset),
        cmocka_unit_test(white_space_folds_at_every_offset),
        cmocka_unit_test(html_text_with_quotes_and_late_syntax),
        cmocka_unit_test(sentence_case_heading_between_blank_lines),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
