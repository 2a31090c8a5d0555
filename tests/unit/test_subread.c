/* The SRT and WebVTT readers: what ends up in the model for the shapes
 * real subtitle files have, and the errors for what cannot be read. */
#include "testutil.h"

#include "internal.h"
#include "subread.h"

#include <stdio.h>

static podfmt_doc *srt(const char *text) { return parse_with(text, PODFMT_FMT_SRT, NULL); }
static podfmt_doc *vtt(const char *text) { return parse_with(text, PODFMT_FMT_VTT, NULL); }

/* The speaker's name of block b, or "-" when unknown. */
static const char *who(const podfmt_doc *doc, size_t b)
{
    assert_true(b < doc->n_blocks);
    assert_int_equal(doc->blocks[b].kind, PODFMT_BLOCK_TURN);
    int s = doc->blocks[b].speaker;
    return s < 0 ? "-" : doc->speakers[s].name;
}

static const podfmt_segment *seg(const podfmt_doc *doc, size_t b, size_t i)
{
    assert_true(b < doc->n_blocks);
    assert_true(i < doc->blocks[b].count);
    return &doc->segments[doc->blocks[b].first + i];
}

/* What a reader of the segment sees: the text cmark makes of it, with
 * emphasis shown as _x_ and strong as [x]. */
static char *shown(const char *md)
{
    cmark_node *doc = inline_parse(md, strlen(md));
    assert_non_null(doc);
    podfmt_buf b;
    podfmt_buf_init(&b);
    cmark_iter *it = cmark_iter_new(doc);
    cmark_event_type ev;
    while ((ev = cmark_iter_next(it)) != CMARK_EVENT_DONE) {
        cmark_node *n = cmark_iter_get_node(it);
        switch (cmark_node_get_type(n)) {
        case CMARK_NODE_TEXT:
            podfmt_buf_puts(&b, cmark_node_get_literal(n));
            break;
        case CMARK_NODE_EMPH:
            podfmt_buf_putc(&b, '_');
            break;
        case CMARK_NODE_STRONG:
            podfmt_buf_putc(&b, ev == CMARK_EVENT_ENTER ? '[' : ']');
            break;
        case CMARK_NODE_PARAGRAPH:
        case CMARK_NODE_DOCUMENT:
            break;
        default:
            podfmt_buf_puts(&b, "{other}");
            break;
        }
    }
    cmark_iter_free(it);
    cmark_node_free(doc);
    podfmt_buf_putc(&b, '\0');
    return b.data;
}

#define assert_shown(md, want)                                                \
    do {                                                                      \
        char *got_ = shown(md);                                               \
        assert_string_equal(got_, want);                                      \
        free(got_);                                                           \
    } while (0)

/* Parses text expecting an input error; returns it. */
static podfmt_error parse_error(const char *text, podfmt_format fmt)
{
    podfmt_doc *doc = podfmt_doc_new(NULL);
    podfmt_error err = {0};
    podfmt_status st = podfmt_parse(doc, fmt, text, strlen(text), NULL, &err);
    assert_int_equal(st, PODFMT_EINPUT);
    podfmt_doc_free(doc);
    return err;
}

/* ---- SRT: structure ------------------------------------------------- */

static void srt_basic(void **state)
{
    (void)state;
    podfmt_doc *d = srt("1\n00:00:01,000 --> 00:00:04,500\nHello there,\nfriend.\n\n"
                        "2\n00:00:05,000 --> 00:01:02,003\nBye.\n");
    assert_int_equal(d->n_blocks, 1);
    assert_string_equal(who(d, 0), "-");
    assert_int_equal(d->blocks[0].count, 2);
    assert_string_equal(seg(d, 0, 0)->text, "Hello there, friend.");
    assert_int_equal(seg(d, 0, 0)->start, 1000);
    assert_int_equal(seg(d, 0, 0)->end, 4500);
    assert_string_equal(seg(d, 0, 1)->text, "Bye.");
    assert_int_equal(seg(d, 0, 1)->start, 5000);
    assert_int_equal(seg(d, 0, 1)->end, 62003);
    assert_int_equal(d->blocks[0].start, 1000);
    assert_int_equal(d->blocks[0].end, 62003);
    podfmt_doc_free(d);
}

static void srt_bom_crlf_cr(void **state)
{
    (void)state;
    const char *inputs[] = {
        "\xEF\xBB\xBF" "1\r\n00:00:01,000 --> 00:00:02,000\r\nOne\r\n\r\n2\r\n"
        "00:00:03,000 --> 00:00:04,000\r\nTwo\r\n",
        "1\r00:00:01,000 --> 00:00:02,000\rOne\r\r2\r00:00:03,000 --> 00:00:04,000\rTwo\r",
        "1\n00:00:01,000 --> 00:00:02,000\r\nOne\r\r\n2\r00:00:03,000 --> 00:00:04,000\nTwo",
    };
    for (size_t i = 0; i < 3; i++) {
        podfmt_doc *d = srt(inputs[i]);
        assert_int_equal(d->n_segments, 2);
        assert_string_equal(seg(d, 0, 0)->text, "One");
        assert_string_equal(seg(d, 0, 1)->text, "Two");
        assert_int_equal(seg(d, 0, 1)->start, 3000);
        podfmt_doc_free(d);
    }
}

static void srt_blank_lines_missing_or_extra(void **state)
{
    (void)state;
    /* no blank line between cues: the number and timing start a new cue */
    podfmt_doc *d = srt("1\n00:00:01,000 --> 00:00:02,000\nOne\n2\n"
                        "00:00:03,000 --> 00:00:04,000\nTwo\n3\n00:00:05,000 --> "
                        "00:00:06,000\nThree");
    assert_int_equal(d->n_segments, 3);
    assert_string_equal(seg(d, 0, 0)->text, "One");
    assert_string_equal(seg(d, 0, 1)->text, "Two");
    assert_string_equal(seg(d, 0, 2)->text, "Three");
    podfmt_doc_free(d);
    /* several blank lines, and a blank line inside a cue's text */
    d = srt("\n\n1\n00:00:01,000 --> 00:00:02,000\nOne\n\nstill one\n\n\n\n"
            "2\n00:00:03,000 --> 00:00:04,000\nTwo\n\n\n");
    assert_int_equal(d->n_segments, 2);
    assert_string_equal(seg(d, 0, 0)->text, "One still one");
    assert_int_equal(seg(d, 0, 0)->end, 2000);
    assert_string_equal(seg(d, 0, 1)->text, "Two");
    podfmt_doc_free(d);
}

static void srt_numbers_missing_or_out_of_order(void **state)
{
    (void)state;
    podfmt_doc *d = srt("00:00:01,000 --> 00:00:02,000\nOne\n\n"
                        "7\n00:00:03,000 --> 00:00:04,000\nTwo\n\n"
                        "3\n00:00:05,000 --> 00:00:06,000\nThree\n\n"
                        "00:00:07,000 --> 00:00:08,000\n42\n");
    assert_int_equal(d->n_segments, 4);
    assert_string_equal(seg(d, 0, 2)->text, "Three");
    assert_int_equal(seg(d, 0, 2)->start, 5000);
    /* a cue whose text is a number stays text */
    assert_string_equal(seg(d, 0, 3)->text, "42");
    podfmt_doc_free(d);
}

static void srt_timing_line_straight_after_text(void **state)
{
    (void)state;
    podfmt_doc *d = srt("1\n00:00:01,000 --> 00:00:02,000\nOne\n"
                        "00:00:03,000 --> 00:00:04,000\nTwo\n");
    assert_int_equal(d->n_segments, 2);
    assert_string_equal(seg(d, 0, 0)->text, "One");
    assert_string_equal(seg(d, 0, 1)->text, "Two");
    assert_int_equal(seg(d, 0, 1)->start, 3000);
    podfmt_doc_free(d);
}

static void srt_time_variants(void **state)
{
    (void)state;
    podfmt_doc *d = srt("1\n00:00:01.250 --> 00:00:02.5\nDots\n\n"
                        "2\n00:28:00,00 --> 00:28:01,05\nTwo digits\n\n"
                        "3\n00:00:03,000-->00:00:04,000\nNo spaces\n\n"
                        "4\n0:00:05,000 --> 0:00:06,000 X1:100 X2:200\nShort hours\n\n"
                        "5\n01:02:03 --> 01:02:04\nNo fraction\n");
    /* read in time order: the 28-minute cue comes fourth */
    assert_int_equal(d->n_segments, 5);
    assert_int_equal(seg(d, 0, 0)->start, 1250);
    assert_int_equal(seg(d, 0, 0)->end, 2500);
    assert_string_equal(seg(d, 0, 3)->text, "Two digits");
    assert_int_equal(seg(d, 0, 3)->start, 1680000);
    assert_int_equal(seg(d, 0, 3)->end, 1681050);
    assert_int_equal(seg(d, 0, 1)->start, 3000);
    assert_int_equal(seg(d, 0, 1)->end, 4000);
    assert_int_equal(seg(d, 0, 2)->start, 5000);
    assert_int_equal(seg(d, 0, 4)->start, 3723000);
    podfmt_doc_free(d);
}

static void srt_odd_times_kept(void **state)
{
    (void)state;
    /* overlapping and zero-length cues kept as given; a cue back in time
     * is read in time order (as players show it); an end before the
     * start becomes a zero-length cue */
    podfmt_doc *d = srt("1\n00:00:05,000 --> 00:00:08,000\nA\n\n"
                        "2\n00:00:06,000 --> 00:00:07,000\nB\n\n"
                        "3\n00:00:07,000 --> 00:00:07,000\nC\n\n"
                        "4\n00:00:01,000 --> 00:00:02,000\nD\n\n"
                        "5\n00:00:10,000 --> 00:00:09,000\nE\n");
    assert_int_equal(d->n_segments, 5);
    assert_string_equal(seg(d, 0, 0)->text, "D");
    assert_int_equal(seg(d, 0, 0)->start, 1000);
    assert_string_equal(seg(d, 0, 1)->text, "A");
    assert_int_equal(seg(d, 0, 2)->start, 6000);
    assert_int_equal(seg(d, 0, 3)->start, 7000);
    assert_int_equal(seg(d, 0, 3)->end, 7000);
    assert_int_equal(seg(d, 0, 4)->start, 10000);
    assert_int_equal(seg(d, 0, 4)->end, 10000);
    assert_int_equal(d->blocks[0].start, 1000);
    assert_int_equal(d->blocks[0].end, 10000);
    assert_non_null(podfmt_doc_warning(d));
    podfmt_doc_free(d);
}

/* ---- SRT: errors ------------------------------------------------------ */

static void srt_errors(void **state)
{
    (void)state;
    podfmt_error e = parse_error("1\n00:00:01,000 --> garbage\nText\n", PODFMT_FMT_SRT);
    assert_int_equal(e.line, 2);
    assert_int_equal(e.column, 18);
    assert_non_null(strstr(e.message, "expected an end time like 00:00:04,000"));

    e = parse_error("1\n00:00:01,000 --> 00:00:02,000\nA\n\n2\n99999999:00:00,000 --> "
                    "99999999:00:01,000\nB\n", PODFMT_FMT_SRT);
    assert_int_equal(e.line, 6);
    assert_int_equal(e.column, 1);
    assert_non_null(strstr(e.message, "hours out of range"));

    e = parse_error("1\n00:00:01,000 --> 00:00:02,000\nA\n\n2\n00:00:03,000 --> "
                    "00:00:04,0000\nB\n", PODFMT_FMT_SRT);
    assert_int_equal(e.line, 6);
    assert_int_equal(e.column, 27);
    assert_non_null(strstr(e.message, "milliseconds"));

    e = parse_error("1\n00:00:01,000 --> 00:00:02,000\nA\n\n2\n00:00:03,000 -> "
                    "00:00:04,000\nB\n", PODFMT_FMT_SRT);
    assert_int_equal(e.line, 6);
    assert_int_equal(e.column, 14);
    assert_non_null(strstr(e.message, "expected '-->'"));

    e = parse_error("1\n00:00:01,000 --> 00:00:02,000\nA\n\n2\n00:61:00,000 --> "
                    "00:62:00,000\nB\n", PODFMT_FMT_SRT);
    assert_int_equal(e.line, 6);
    assert_int_equal(e.column, 4);
    assert_non_null(strstr(e.message, "minutes"));

    /* a cue number without a timing line */
    e = parse_error("1\n00:00:01,000 --> 00:00:02,000\nA\n\n2\nCaption text #2\n",
                    PODFMT_FMT_SRT);
    assert_int_equal(e.line, 6);
    assert_non_null(strstr(e.message, "after cue number 2"));
    e = parse_error("1", PODFMT_FMT_SRT);
    assert_non_null(strstr(e.message, "expected a timing line"));

    /* text before the first cue */
    e = parse_error("some text\n00:00:00,500 --> 00:00:07,000\n", PODFMT_FMT_SRT);
    assert_int_equal(e.line, 1);
    assert_int_equal(e.column, 1);
    assert_non_null(strstr(e.message, "expected a cue number or a timing line"));
}

static void srt_text_with_arrow_is_text(void **state)
{
    (void)state;
    podfmt_doc *d = srt("1\n00:00:01,000 --> 00:00:02,000\nGo A --> B\n");
    assert_string_equal(seg(d, 0, 0)->text, "Go A --> B");
    podfmt_doc_free(d);
}

/* ---- SRT: speakers -------------------------------------------------- */

static void srt_label_on_first_cue_of_turn(void **state)
{
    (void)state;
    podfmt_doc *d = srt("1\n00:00:00,060 --> 00:00:02,680\nMichael: Hello, and welcome to\n"
                        "PostgresFM.\n\n2\n00:00:02,680 --> 00:00:03,900\nall things "
                        "PostgreSQL.\n\n3\n00:00:19,280 --> 00:00:20,820\nChelsea: Thanks "
                        "for having me.\n\n4\n00:00:21,000 --> 00:00:22,000\nMichael: "
                        "Wonderful.\n\n5\n00:00:22,000 --> 00:00:23,000\nChelsea: Yes.\n");
    assert_int_equal(d->n_blocks, 4);
    assert_int_equal(d->n_speakers, 2);
    assert_string_equal(who(d, 0), "Michael");
    assert_int_equal(d->blocks[0].count, 2);
    assert_string_equal(seg(d, 0, 0)->text, "Hello, and welcome to PostgresFM.");
    assert_string_equal(seg(d, 0, 1)->text, "all things PostgreSQL.");
    assert_int_equal(seg(d, 0, 1)->start, 2680);
    assert_string_equal(who(d, 1), "Chelsea");
    assert_string_equal(seg(d, 1, 0)->text, "Thanks for having me.");
    assert_string_equal(who(d, 2), "Michael");
    assert_string_equal(who(d, 3), "Chelsea");
    podfmt_doc_free(d);
}

static void srt_label_kinds(void **state)
{
    (void)state;
    /* uppercase: a speaker at once; a one-off Title-case label in a file
     * without other labels is text */
    podfmt_doc *d = srt("1\n00:00:01,000 --> 00:00:02,000\nHOST: Welcome back.\n\n"
                        "2\n00:00:03,000 --> 00:00:04,000\nGood to be here.\n");
    assert_int_equal(d->n_blocks, 1);
    assert_string_equal(who(d, 0), "HOST");
    assert_int_equal(d->blocks[0].count, 2);
    podfmt_doc_free(d);

    d = srt("1\n00:00:01,000 --> 00:00:02,000\nMONARCH: LEGACY OF MONSTERS\n\n"
            "2\n00:00:03,000 --> 00:00:04,000\n(Oh)\n\n"
            "3\n00:00:05,000 --> 00:00:06,000\n(Oh)\n");
    assert_int_equal(d->n_speakers, 0);
    assert_string_equal(seg(d, 0, 0)->text, "MONARCH: LEGACY OF MONSTERS");
    assert_string_equal(seg(d, 0, 2)->text, "(Oh)");
    podfmt_doc_free(d);

    d = srt("1\n00:00:01,000 --> 00:00:02,000\nRodriguez: the name on the door.\n");
    assert_int_equal(d->n_speakers, 0);
    assert_string_equal(seg(d, 0, 0)->text, "Rodriguez: the name on the door.");
    podfmt_doc_free(d);

    /* prose shaped like a label */
    d = srt("1\n00:00:01,000 --> 00:00:02,000\nNOTE: this is not a person.\n\n"
            "2\n00:00:03,000 --> 00:00:04,000\nRule number one: never.\n\n"
            "3\n00:00:05,000 --> 00:00:06,000\nAt 10:30 we left.\n");
    assert_int_equal(d->n_speakers, 0);
    assert_string_equal(seg(d, 0, 0)->text, "NOTE: this is not a person.");
    assert_string_equal(seg(d, 0, 1)->text, "Rule number one: never.");
    podfmt_doc_free(d);

    /* [NAME] and (NAME) when they recur; sound tags stay text */
    d = srt("1\n00:00:01,000 --> 00:00:02,000\n[Ana] Where were you?\n\n"
            "2\n00:00:03,000 --> 00:00:04,000\n(laughs) Out.\n\n"
            "3\n00:00:05,000 --> 00:00:06,000\n[Ana] Out where?\n\n"
            "4\n00:00:07,000 --> 00:00:08,000\n[MUSIC] [Music]\n\n"
            "5\n00:00:09,000 --> 00:00:10,000\n[Music] plays on.\n\n"
            "6\n00:00:11,000 --> 00:00:12,000\n[Music] and on.\n");
    assert_int_equal(d->n_speakers, 1);
    assert_string_equal(who(d, 0), "Ana");
    assert_string_equal(seg(d, 0, 0)->text, "Where were you?");
    /* an unlabelled cue continues the speaker: the sound tag is text */
    assert_string_equal(seg(d, 0, 1)->text, "(laughs) Out.");
    assert_string_equal(seg(d, 0, 2)->text, "Out where?");
    assert_string_equal(seg(d, 0, 3)->text, "[MUSIC] [Music]");
    assert_shown(seg(d, 0, 3)->text, "[MUSIC] [Music]");
    assert_string_equal(seg(d, 0, 4)->text, "[Music] plays on.");
    podfmt_doc_free(d);

    /* (NAME) recurring; a label alone on its line */
    d = srt("1\n00:00:01,000 --> 00:00:02,000\n(Ben) Hi.\n\n"
            "2\n00:00:03,000 --> 00:00:04,000\nDR. ANIKA SØRENSEN:\nHello, Ben.\n\n"
            "3\n00:00:05,000 --> 00:00:06,000\n(Ben) Bye.\n");
    assert_int_equal(d->n_blocks, 3);
    assert_string_equal(who(d, 0), "Ben");
    assert_string_equal(who(d, 1), "DR. ANIKA SØRENSEN");
    assert_string_equal(seg(d, 1, 0)->text, "Hello, Ben.");
    assert_string_equal(who(d, 2), "Ben");
    podfmt_doc_free(d);

    /* one-off Title-case labels in a file that uses labels */
    d = srt("1\n00:00:01,000 --> 00:00:02,000\nTravis: One.\n\n"
            "2\n00:00:03,000 --> 00:00:04,000\nSarah: Two.\n\n"
            "3\n00:00:05,000 --> 00:00:06,000\nTravis: Three.\n");
    assert_int_equal(d->n_blocks, 3);
    assert_string_equal(who(d, 1), "Sarah");
    podfmt_doc_free(d);

    /* ... but not before words that do not open a sentence, nor in
     * capitals before capitals (a title card) */
    d = srt("1\n00:00:01,000 --> 00:00:02,000\nHOST: Welcome.\n\n"
            "2\n00:00:03,000 --> 00:00:04,000\nToday: the weather.\n\n"
            "3\n00:00:05,000 --> 00:00:06,000\nMONARCH: LEGACY OF MONSTERS\n");
    assert_int_equal(d->n_speakers, 1);
    assert_int_equal(d->n_blocks, 1);
    assert_string_equal(seg(d, 0, 1)->text, "Today: the weather.");
    assert_string_equal(seg(d, 0, 2)->text, "MONARCH: LEGACY OF MONSTERS");
    podfmt_doc_free(d);
}

static void srt_dialogue_dashes(void **state)
{
    (void)state;
    podfmt_doc *d = srt("1\n00:00:01,000 --> 00:00:03,000\n- Are you coming?\n- No.\n\n"
                        "2\n00:00:03,500 --> 00:00:05,000\nI have work.\n\n"
                        "3\n00:00:06,000 --> 00:00:07,000\n-Fine.\n-Fine.\n");
    assert_int_equal(d->n_blocks, 4);
    assert_string_equal(who(d, 0), "-");
    assert_string_equal(seg(d, 0, 0)->text, "Are you coming?");
    assert_int_equal(seg(d, 0, 0)->start, 1000);
    assert_string_equal(who(d, 1), "-");
    assert_string_equal(seg(d, 1, 0)->text, "No.");
    assert_int_equal(seg(d, 1, 0)->start, 1000);
    assert_int_equal(seg(d, 1, 0)->end, 3000);
    /* the next cue continues the second speaker */
    assert_int_equal(d->blocks[1].count, 2);
    assert_string_equal(seg(d, 1, 1)->text, "I have work.");
    assert_string_equal(seg(d, 2, 0)->text, "Fine.");
    assert_string_equal(seg(d, 3, 0)->text, "Fine.");
    podfmt_doc_free(d);

    /* labelled dashes; a number or a dash pair in prose is not a dash */
    d = srt("1\n00:00:01,000 --> 00:00:03,000\n- JOHN: Ready?\n- MARY: Yes.\n\n"
            "2\n00:00:04,000 --> 00:00:05,000\n-5 degrees -- cold.\n");
    assert_int_equal(d->n_blocks, 2);
    assert_string_equal(who(d, 0), "JOHN");
    assert_string_equal(who(d, 1), "MARY");
    assert_string_equal(seg(d, 1, 1)->text, "-5 degrees -- cold.");
    podfmt_doc_free(d);
}

static void broadcast_chevrons_and_voice_labels(void **state)
{
    (void)state;
    /* ">>" marks a new, unnamed speaker, as a dash does */
    podfmt_doc *d = vtt("WEBVTT\n\n00:01.000 --> 00:02.000\n&gt;&gt; Howdy.\n\n"
                        "00:02.000 --> 00:03.000\n&gt;&gt; Hi there.\nHow are you?\n");
    assert_int_equal(d->n_blocks, 2);
    assert_string_equal(seg(d, 0, 0)->text, "Howdy.");
    assert_string_equal(seg(d, 1, 0)->text, "Hi there. How are you?");
    podfmt_doc_free(d);
    /* a label that repeats the voice is dropped; another stays text */
    d = vtt("WEBVTT\n\n00:01.000 --> 00:02.000\n<v Bob>Bob: Hi.\n\n"
            "00:02.000 --> 00:03.000\n<v Bob>Alice: she said.\n");
    assert_int_equal(d->n_blocks, 1);
    assert_string_equal(who(d, 0), "Bob");
    assert_string_equal(seg(d, 0, 0)->text, "Hi.");
    assert_string_equal(seg(d, 0, 1)->text, "Alice: she said.");
    podfmt_doc_free(d);
}

/* ---- SRT: cue text -------------------------------------------------- */

static void srt_tags(void **state)
{
    (void)state;
    podfmt_doc *d = srt("1\n00:00:01,000 --> 00:00:02,000\n<i>Hello</i> world\n\n"
                        "2\n00:00:03,000 --> 00:00:04,000\n<b>Loud</b> and <I>soft </I>words\n\n"
                        "3\n00:00:05,000 --> 00:00:06,000\n<font color=\"#ff0000\">Red</font> "
                        "<u>under</u>\n\n"
                        "4\n00:00:07,000 --> 00:00:08,000\n{\\an8}On top\n\n"
                        "5\n00:00:09,000 --> 00:00:10,000\n<i>Two lines\nin italics</i>\n\n"
                        "6\n00:00:11,000 --> 00:00:12,000\n<b><i>Both</i></b>\n");
    assert_string_equal(seg(d, 0, 0)->text, "*Hello* world");
    assert_shown(seg(d, 0, 0)->text, "_Hello_ world");
    assert_string_equal(seg(d, 0, 1)->text, "**Loud** and *soft* words");
    assert_shown(seg(d, 0, 1)->text, "[Loud] and _soft_ words");
    assert_string_equal(seg(d, 0, 2)->text, "Red under");
    assert_string_equal(seg(d, 0, 3)->text, "On top");
    assert_string_equal(seg(d, 0, 4)->text, "*Two lines in italics*");
    assert_shown(seg(d, 0, 5)->text, "_[Both]_");
    podfmt_doc_free(d);
}

/* Formatting bytes are kept only from the first formatted character on:
 * the cues before it stay plain, those after it keep theirs. */
static void srt_formatting_first_met_late(void **state)
{
    (void)state;
    podfmt_doc *d = srt("1\n00:00:01,000 --> 00:00:02,000\nPlain words first.\n\n"
                        "2\n00:00:03,000 --> 00:00:04,000\nThen <i>slanted</i> words.\n\n"
                        "3\n00:00:05,000 --> 00:00:06,000\nPlain again, a*b.\n\n"
                        "4\n00:00:07,000 --> 00:00:08,000\n<b>Loud</b> at last.\n");
    assert_string_equal(seg(d, 0, 0)->text, "Plain words first.");
    assert_string_equal(seg(d, 0, 1)->text, "Then *slanted* words.");
    assert_shown(seg(d, 0, 2)->text, "Plain again, a*b.");
    assert_string_equal(seg(d, 0, 3)->text, "**Loud** at last.");
    podfmt_doc_free(d);
}

static void srt_literal_characters(void **state)
{
    (void)state;
    podfmt_doc *d = srt("1\n00:00:01,000 --> 00:00:02,000\n5 * 3 = 15, f**k it\n\n"
                        "2\n00:00:03,000 --> 00:00:04,000\n**Bold** in Markdown\n\n"
                        "3\n00:00:05,000 --> 00:00:06,000\n<i>a*b</i> [note] `x` \\o/ R&D &amp;\n\n"
                        "4\n00:00:07,000 --> 00:00:08,000\n<inaudible> <https://x.y>\n\n"
                        "5\n00:00:09,000 --> 00:00:10,000\nsnake_case and a<i>.</i>b\n\n"
                        "6\n00:00:11,000 --> 00:00:12,000\n[a](b) ![c](d) [e]\n\n"
                        "7\n00:00:13,000 --> 00:00:14,000\n<i>[a](b)</i> &copy; x&\n");
    assert_shown(seg(d, 0, 0)->text, "5 * 3 = 15, f**k it");
    assert_string_equal(seg(d, 0, 1)->text, "**Bold** in Markdown");
    assert_shown(seg(d, 0, 1)->text, "[Bold] in Markdown");
    assert_shown(seg(d, 0, 2)->text, "_a*b_ [note] `x` \\o/ R&D &amp;");
    assert_shown(seg(d, 0, 3)->text, "<inaudible> <https://x.y>");
    /* italics cmark cannot show are dropped, the characters kept */
    assert_shown(seg(d, 0, 4)->text, "snake_case and a.b");
    assert_string_equal(seg(d, 0, 5)->text, "[a\\](b) ![c\\](d) [e]");
    assert_shown(seg(d, 0, 5)->text, "[a](b) ![c](d) [e]");
    assert_shown(seg(d, 0, 6)->text, "_[a](b)_ &copy; x&");
    podfmt_doc_free(d);
}

/* ---- WebVTT --------------------------------------------------------- */

static void vtt_header_and_blocks(void **state)
{
    (void)state;
    podfmt_doc *d = vtt("WEBVTT - This file has cues\nKind: captions\nLanguage: en\n"
                        "X-TIMESTAMP-MAP=MPEGTS:900000,LOCAL:00:00:00.000\n\n"
                        "STYLE\n::cue { color: yellow }\n\n"
                        "REGION\nid:fred width:40%\n\n"
                        "NOTE written by hand\nover two lines\n\n"
                        "00:01.000 --> 00:04.000 align:start position:10% line:0\n"
                        "First\n\n"
                        "NOTE between cues\n\n"
                        "intro\n01:00:05.000 --> 01:00:06.500\nSecond\n");
    assert_int_equal(d->n_segments, 2);
    assert_string_equal(seg(d, 0, 0)->text, "First");
    assert_int_equal(seg(d, 0, 0)->start, 1000);
    assert_int_equal(seg(d, 0, 0)->end, 4000);
    assert_string_equal(seg(d, 0, 1)->text, "Second");
    assert_int_equal(seg(d, 0, 1)->start, 3605000);
    assert_int_equal(seg(d, 0, 1)->end, 3606500);
    podfmt_doc_free(d);
}

static void vtt_ids_and_times(void **state)
{
    (void)state;
    podfmt_doc *d = vtt("WEBVTT\n\n"
                        "6a0e6e2e-7f2f-4d4b-9c1c-1e8a3b0b5c11/12-0\n"
                        "00:00:00.000 --> 00:00:01.000\nGUID\n\n"
                        "foo-->\n00:00:01.000 --> 00:00:02.000\nArrow id\n"
                        "-->bar\n00:00:02.000 --> 00:00:03.000\nStraight after\n\n"
                        "0.860 --> 7.380\nSeconds only\n\n"
                        "00:08.000\t-->\t00:09.000\nTabs\n\n"
                        "00:10.000 --> 00:11.000line:40%\nGlued settings\n");
    /* in time order: "Seconds only" (0.860) is second */
    assert_int_equal(d->n_segments, 6);
    assert_string_equal(seg(d, 0, 0)->text, "GUID");
    assert_string_equal(seg(d, 0, 2)->text, "Arrow id");
    assert_string_equal(seg(d, 0, 3)->text, "Straight after");
    assert_int_equal(seg(d, 0, 3)->start, 2000);
    assert_string_equal(seg(d, 0, 1)->text, "Seconds only");
    assert_int_equal(seg(d, 0, 1)->start, 860);
    assert_int_equal(seg(d, 0, 1)->end, 7380);
    assert_int_equal(seg(d, 0, 4)->start, 8000);
    assert_int_equal(seg(d, 0, 5)->end, 11000);
    podfmt_doc_free(d);
}

static void vtt_voices(void **state)
{
    (void)state;
    podfmt_doc *d = vtt("WEBVTT\n\n00:01.000 --> 00:02.000\n<v Roger Bingham>We are in New "
                        "York City\n\n00:02.000 --> 00:03.000\n<v Roger Bingham>and more\n\n"
                        "00:03.000 --> 00:04.000\n<v.loud Neil deGrasse Tyson>Yes!</v>\n\n"
                        "00:04.000 --> 00:05.000\nunvoiced goes on\n\n"
                        "00:05.000 --> 00:06.000\n<v Roger Bingham>Hi</v>\n<v Lisa>Hello\n");
    assert_int_equal(d->n_blocks, 4);
    assert_string_equal(who(d, 0), "Roger Bingham");
    assert_int_equal(d->blocks[0].count, 2);
    assert_string_equal(seg(d, 0, 0)->text, "We are in New York City");
    assert_string_equal(who(d, 1), "Neil deGrasse Tyson");
    assert_string_equal(seg(d, 1, 1)->text, "unvoiced goes on");
    assert_string_equal(who(d, 2), "Roger Bingham");
    assert_string_equal(who(d, 3), "Lisa");
    assert_int_equal(seg(d, 3, 0)->start, 5000);
    podfmt_doc_free(d);

    /* two voices on one line */
    d = vtt("WEBVTT\n\n00:01.000 --> 00:02.000\n<v A>One</v> <v B>Two</v>\n");
    assert_int_equal(d->n_blocks, 2);
    assert_string_equal(seg(d, 0, 0)->text, "One");
    assert_string_equal(seg(d, 1, 0)->text, "Two");
    podfmt_doc_free(d);
}

static void vtt_tags(void **state)
{
    (void)state;
    podfmt_doc *d = vtt("WEBVTT\n\n00:01.000 --> 00:02.000\n"
                        "<c>plain</c> <c.colorE5E5E5>grey</c> <i>it</i> <b>bo</b> <u>un</u> "
                        "<lang en>en</lang> a<00:01.500> b<00:01.700>c <font color=\"red\">red</font>\n\n"
                        "00:02.000 --> 00:03.000\n<ruby>漢字<rt>かんじ</rt></ruby>\n\n"
                        "00:03.000 --> 00:04.000\n<c.first No end\n");
    assert_string_equal(seg(d, 0, 0)->text, "plain grey *it* **bo** un en a bc red");
    assert_string_equal(seg(d, 0, 1)->text, "漢字(かんじ)");
    assert_shown(seg(d, 0, 2)->text, "<c.first No end");
    podfmt_doc_free(d);
}

static void vtt_entities(void **state)
{
    (void)state;
    podfmt_doc *d = vtt("WEBVTT\n\n00:01.000 --> 00:02.000\n"
                        "Tom &amp; Jerry &lt;b&gt; &#39;q&#x27; a&nbsp;b &lrm;x&rlm;\n\n"
                        "00:02.000 --> 00:03.000\n&nb &am &amp &bogus; &#0; &#xD800; &\n");
    assert_shown(seg(d, 0, 0)->text, "Tom & Jerry <b> 'q' a\xC2\xA0" "b \xE2\x80\x8Ex\xE2\x80\x8F");
    assert_string_equal(seg(d, 0, 0)->text,
                        "Tom & Jerry \\<b> 'q' a\xC2\xA0" "b \xE2\x80\x8Ex\xE2\x80\x8F");
    assert_shown(seg(d, 0, 1)->text, "&nb &am &amp &bogus; &#0; &#xD800; &");
    podfmt_doc_free(d);
}

static void vtt_zoom_labels(void **state)
{
    (void)state;
    podfmt_doc *d = vtt("WEBVTT\n\n1\n00:00:01.000 --> 00:00:02.000\nAna Ruiz: Can you hear me?\n\n"
                        "2\n00:00:02.500 --> 00:00:04.000\nBen Ode: Yes.\n\n"
                        "3\n00:00:04.000 --> 00:00:05.000\nBen Ode: Loud and clear.\n\n"
                        "4\n00:00:05.000 --> 00:00:06.000\nAna Ruiz: Great.\n");
    assert_int_equal(d->n_blocks, 3);
    assert_string_equal(who(d, 0), "Ana Ruiz");
    assert_string_equal(who(d, 1), "Ben Ode");
    assert_int_equal(d->blocks[1].count, 2);
    assert_string_equal(seg(d, 1, 1)->text, "Loud and clear.");
    assert_int_equal(seg(d, 1, 1)->start, 4000);
    podfmt_doc_free(d);
}

static void vtt_rolling_captions(void **state)
{
    (void)state;
    podfmt_doc *d = vtt("WEBVTT\nKind: captions\nLanguage: en\n\n"
                        "00:00:01.000 --> 00:00:03.000 align:start position:0%\n"
                        "so<00:00:01.500><c> today</c><00:00:02.000><c> we</c>\n\n"
                        "00:00:03.000 --> 00:00:03.010 align:start position:0%\n"
                        "so today we\n \n\n"
                        "00:00:03.010 --> 00:00:05.000 align:start position:0%\n"
                        "so today we\ntalk<00:00:03.500><c> about</c><00:00:04.000><c> captions</c>\n\n"
                        "00:00:05.000 --> 00:00:05.010 align:start position:0%\n"
                        "talk about captions\n \n\n"
                        "00:00:05.010 --> 00:00:07.000 align:start position:0%\n"
                        "talk about captions\nthat roll\n");
    assert_int_equal(d->n_segments, 3);
    assert_string_equal(seg(d, 0, 0)->text, "so today we");
    assert_string_equal(seg(d, 0, 1)->text, "talk about captions");
    assert_int_equal(seg(d, 0, 1)->start, 3010);
    assert_string_equal(seg(d, 0, 2)->text, "that roll");
    assert_int_equal(seg(d, 0, 2)->start, 5010);
    podfmt_doc_free(d);

    /* a line said twice in ordinary captions stays twice */
    d = vtt("WEBVTT\n\n00:01.000 --> 00:02.000\nNo.\n\n00:02.000 --> 00:03.000\nNo.\nNever.\n\n"
            "00:03.000 --> 00:04.000\nWhy?\n\n00:04.000 --> 00:05.000\nBecause.\n");
    assert_int_equal(d->n_segments, 4);
    assert_string_equal(seg(d, 0, 1)->text, "No. Never.");
    podfmt_doc_free(d);
}

static void vtt_broken_layout(void **state)
{
    (void)state;
    /* no header, but a cue; blank lines before the header; a blank line
     * inside a cue; text before the first cue */
    podfmt_doc *d = vtt("00:00:00.500 --> 00:00:07.000\nCaption text #1\n");
    assert_string_equal(seg(d, 0, 0)->text, "Caption text #1");
    podfmt_doc_free(d);
    d = vtt("\n\nWEBVTT\n\nstray words\nwithout a cue\n\n00:00.000 --> 00:02.000\ntext\n\n"
            "more text\n\n00:02.000 --> 00:03.000\n00:03.000 --> 00:04.000\nlast");
    assert_int_equal(d->n_segments, 2);
    assert_string_equal(seg(d, 0, 0)->text, "text more text");
    assert_string_equal(seg(d, 0, 1)->text, "last");
    assert_int_equal(seg(d, 0, 1)->start, 3000);
    podfmt_doc_free(d);
    d = vtt("WEBVTT\n00:11.000 --> 00:13.000\nTest");
    assert_string_equal(seg(d, 0, 0)->text, "Test");
    podfmt_doc_free(d);
    d = vtt("WEBVTT\n");
    assert_int_equal(d->n_blocks, 0);
    podfmt_doc_free(d);
}

static void vtt_errors(void **state)
{
    (void)state;
    podfmt_error e = parse_error("garbage vtt file", PODFMT_FMT_VTT);
    assert_int_equal(e.line, 1);
    assert_int_equal(e.column, 1);
    assert_non_null(strstr(e.message, "WEBVTT"));
    e = parse_error("WEBVTT\n\n00:00:00.500 --> 00:00:07.000\nA\n\n"
                    "00:00:07.000 --> 00:00:1d.890\nB\n", PODFMT_FMT_VTT);
    assert_int_equal(e.line, 6);
    assert_int_equal(e.column, 25);
    assert_non_null(strstr(e.message, "expected an end time like 00:00:04.000"));
    e = parse_error("WEBVTT\n\n00::00.000 --> 00:01.000\nA\n", PODFMT_FMT_VTT);
    assert_int_equal(e.line, 3);
    assert_int_equal(e.column, 4);
    assert_non_null(strstr(e.message, "digits after ':'"));
}

/* ---- the pieces ------------------------------------------------------ */

static void timing_candidates(void **state)
{
    (void)state;
    assert_true(sr_timing_candidate("00:00:01,000 --> 00:00:02,000", 29));
    assert_true(sr_timing_candidate("00:00:01,000 --> garbage", 24));
    assert_true(sr_timing_candidate("0.0-->1.0", 9));
    assert_false(sr_timing_candidate("A --> B", 7));
    assert_false(sr_timing_candidate("foo-->", 6));
    assert_false(sr_timing_candidate("1d:00 --> 2", 11));
    assert_false(sr_timing_candidate("00:00:01,000", 12));
}

/* Long lines of markup characters stay fast (no quadratic scans). */
static void pathological_lines(void **state)
{
    (void)state;
    size_t n = 2000000;
    char *text = malloc(n + 64);
    assert_non_null(text);
    const char *heads[] = {"WEBVTT\n\n00:01.000 --> 00:02.000\n",
                           "1\n00:00:01,000 --> 00:00:02,000\n"};
    const char fill[] = {'<', '&', '{', '*', '['};
    for (size_t h = 0; h < 2; h++) {
        for (size_t f = 0; f < sizeof fill; f++) {
            size_t hl = strlen(heads[h]);
            memcpy(text, heads[h], hl);
            for (size_t i = 0; i < n; i++)
                text[hl + i] = (f == 2 && i % 2) ? '\\' : fill[f];
            text[hl + n] = '\0';
            podfmt_doc *d = parse_with(text, h ? PODFMT_FMT_SRT : PODFMT_FMT_VTT, NULL);
            assert_int_equal(d->n_segments, 1);
            podfmt_doc_free(d);
        }
    }
    free(text);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(srt_basic),
        cmocka_unit_test(srt_bom_crlf_cr),
        cmocka_unit_test(srt_blank_lines_missing_or_extra),
        cmocka_unit_test(srt_numbers_missing_or_out_of_order),
        cmocka_unit_test(srt_timing_line_straight_after_text),
        cmocka_unit_test(srt_time_variants),
        cmocka_unit_test(srt_odd_times_kept),
        cmocka_unit_test(srt_errors),
        cmocka_unit_test(srt_text_with_arrow_is_text),
        cmocka_unit_test(srt_label_on_first_cue_of_turn),
        cmocka_unit_test(srt_label_kinds),
        cmocka_unit_test(srt_dialogue_dashes),
        cmocka_unit_test(broadcast_chevrons_and_voice_labels),
        cmocka_unit_test(srt_tags),
        cmocka_unit_test(srt_formatting_first_met_late),
        cmocka_unit_test(srt_literal_characters),
        cmocka_unit_test(vtt_header_and_blocks),
        cmocka_unit_test(vtt_ids_and_times),
        cmocka_unit_test(vtt_voices),
        cmocka_unit_test(vtt_tags),
        cmocka_unit_test(vtt_entities),
        cmocka_unit_test(vtt_zoom_labels),
        cmocka_unit_test(vtt_rolling_captions),
        cmocka_unit_test(vtt_broken_layout),
        cmocka_unit_test(vtt_errors),
        cmocka_unit_test(timing_candidates),
        cmocka_unit_test(pathological_lines),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
