/* Talk time: who spoke how much (--stats, and the end of -s pages).
 * Not installed, not part of internal.h. */
#ifndef PODFMT_STATS_H
#define PODFMT_STATS_H

#include "internal.h"

/* One speaker's share.  speaker is an index into doc->speakers, or -1 for
 * turns whose speaker the input does not name. */
typedef struct talk_row {
    int speaker;
    size_t words;
    int64_t ms; /* speaking time; meaningful only when talk_stats.timed */
} talk_row;

typedef struct talk_stats {
    talk_row *rows; /* speakers in order of first appearance, then -1 */
    size_t n;
    size_t words;   /* totals */
    int64_t ms;
    bool timed;     /* every counted turn has a known duration */
} talk_stats;

/* Counts the words of every turn (notes and headings are nobody's talk)
 * and, where the input gives times, each turn's speaking time:
 *   - a turn whose segments all have a start and an end: the sum of
 *     end - start over its segments;
 *   - otherwise a turn with a start: up to the next block's start (or
 *     its own last known time when no later block has one).
 * Only speakers with at least one word get a row.  timed is true when
 * every counted turn has a duration and their sum is positive; otherwise
 * shares are of words only.  Linear in the document.  0, or -1 out of
 * memory. */
int talk_stats_compute(const podfmt_doc *doc, talk_stats *st);
void talk_stats_free(talk_stats *st);

/* The same count a few blocks at a time, for a stream writer: a turn that
 * lasts up to the next block's start waits for it. */
typedef struct talk_acc {
    talk_row *all; /* by speaker index, then the turns of no one named */
    size_t ns;
    size_t words;
    int64_t ms;
    bool timed, any;
    bool waiting; /* a turn waits for the next known start */
    size_t wait_row;
    int64_t wait_start, wait_end;
} talk_acc;

/* n_speakers: final (the stream starts after the speakers).  0, or -1
 * out of memory. */
int talk_acc_init(talk_acc *a, size_t n_speakers);
/* Counts blocks [0, n) of doc. */
void talk_acc_blocks(talk_acc *a, const podfmt_doc *doc, size_t n);
/* The counts so far, as talk_stats_compute gives them; st takes the rows
 * (talk_stats_free), the accumulator is spent. */
void talk_acc_end(talk_acc *a, talk_stats *st);
/* Frees an accumulator that did not reach talk_acc_end. */
void talk_acc_free(talk_acc *a);

/* --stats a few blocks at a time (podfmt_convert_stats). */
extern const stream_writer stats_stream_writer;

/* The row's display name: the speaker's name or "Unattributed". */
const char *talk_row_name(const podfmt_doc *doc, const talk_row *r);

/* part/whole as "31.2%" (one decimal, rounded; "0.0%" when whole is 0). */
void talk_percent(podfmt_buf *out, uint64_t part, uint64_t whole);

/* The row's share for a chart, in tenths of a percent (0..1000): of time
 * when timed, else of words. */
unsigned talk_permille(const talk_stats *st, const talk_row *r);

#endif
