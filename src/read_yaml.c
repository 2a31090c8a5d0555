/* -f yaml: the structured form of CONTRACT.md, read with libyaml's event
 * parser (not its loader: the depth of what we hold stays bounded, and
 * every error keeps libyaml's line and column).
 *
 * The grammar, as write_yaml.c writes it:
 *
 *   document := { podfmt: 1, meta: {KEY: STRING ...},
 *                 speakers: [ {id: STRING, name: STRING, color: COLOR} ... ],
 *                 blocks: [ block ... ] }
 *   block    := { kind: heading|turn|note, speaker: ID (turns only),
 *                 text: STRING (headings only) | segments: [ segment ... ],
 *                 start: SECONDS, end: SECONDS }
 *   segment  := { text: STRING, start: SECONDS, end: SECONDS }
 *
 * `podfmt: 1` comes first; speakers come before the blocks that name
 * them; keys inside a block or segment may come in any order.  Any scalar
 * is a string as written (quoted or not); SECONDS is a plain number with
 * up to three decimals (more are rounded to the millisecond). */
#include "yaml_util.h"

#include <stdlib.h>
#include <string.h>

/* The segments of the block being read, held until the block ends (its
 * kind may come after them). */
typedef struct pending_seg {
    size_t off, len; /* text in r->text */
    int64_t start, end;
    int item;
} pending_seg;

typedef struct reader {
    ypull y;
    podfmt_doc *doc;
    const podfmt_options *opts;
    podfmt_buf text;
    pending_seg *segs;
    size_t n_segs, cap_segs;
    bool speakers_seen;
} reader;

static bool key_is(const char *k, size_t n, const char *want)
{
    return strlen(want) == n && memcmp(k, want, n) == 0;
}

static int oom(reader *r)
{
    r->y.status = PODFMT_EIO;
    return ypull_fail(&r->y, NULL, "out of memory");
}

/* The next event must be a mapping key: stores it and returns 1, or
 * returns 0 at the end of the mapping, -1 on error. */
static int next_key(reader *r, const char **k, size_t *n)
{
    if (ypull_next(&r->y) != 0)
        return -1;
    if (r->y.ev.type == YAML_MAPPING_END_EVENT)
        return 0;
    *k = ypull_scalar(&r->y, n);
    if (!*k)
        return ypull_expected(&r->y, "a key"), -1;
    return 1;
}

/* The next event must start a mapping (1), or be a plain empty value
 * when allowed (0). */
static int expect_mapping(reader *r, const char *what)
{
    if (ypull_next(&r->y) != 0)
        return -1;
    if (r->y.ev.type != YAML_MAPPING_START_EVENT)
        return ypull_expected(&r->y, what);
    return 0;
}

static int expect_sequence(reader *r, const char *what)
{
    if (ypull_next(&r->y) != 0)
        return -1;
    if (r->y.ev.type != YAML_SEQUENCE_START_EVENT)
        return ypull_expected(&r->y, what);
    return 0;
}

/* The next event must be a string: any scalar but an empty plain one. */
static int expect_string(reader *r, const char *what, const char **s,
                         size_t *n)
{
    if (ypull_next(&r->y) != 0)
        return -1;
    *s = ypull_scalar(&r->y, n);
    if (!*s || (*n == 0 && ypull_is_null(&r->y)))
        return ypull_expected(&r->y, what);
    return 0;
}

/* Parses seconds ("12", "12.5", "0.123") into milliseconds. */
/* A list item's mark: "bullet", or its number in an ordered list. */
static int expect_item(reader *r, int *item)
{
    if (ypull_next(&r->y) != 0)
        return -1;
    size_t n;
    const char *s = ypull_scalar(&r->y, &n);
    const char *what = "a list item: bullet, or its number (1, 2, ...)";
    if (!s || r->y.ev.data.scalar.style != YAML_PLAIN_SCALAR_STYLE || n == 0)
        return ypull_expected(&r->y, what);
    if (n == 6 && memcmp(s, "bullet", 6) == 0) {
        *item = PODFMT_ITEM_BULLET;
        return 0;
    }
    long v = 0;
    for (size_t i = 0; i < n; i++) {
        if (s[i] < '0' || s[i] > '9' || i >= 9)
            return ypull_expected(&r->y, what);
        v = v * 10 + (s[i] - '0');
    }
    if (v < 1)
        return ypull_expected(&r->y, what);
    *item = (int)v;
    return 0;
}

static int expect_seconds(reader *r, int64_t *ms)
{
    if (ypull_next(&r->y) != 0)
        return -1;
    size_t n;
    const char *s = ypull_scalar(&r->y, &n);
    const char *what = "a time in seconds, such as 12.5";
    if (!s || r->y.ev.data.scalar.style != YAML_PLAIN_SCALAR_STYLE || n == 0)
        return ypull_expected(&r->y, what);
    if (s[0] == '-' && n > 1 && s[1] >= '0' && s[1] <= '9')
        return ypull_fail(&r->y, &r->y.ev.start_mark,
                          "a time cannot be negative, found '%.*s'",
                          (int)(n > 40 ? 40 : n), s);
    size_t i = 0;
    int64_t secs = 0;
    bool huge = false;
    while (i < n && s[i] >= '0' && s[i] <= '9') {
        if (secs <= PODFMT_MAX_TIME_MS / 1000)
            secs = secs * 10 + (s[i] - '0');
        else
            huge = true;
        i++;
    }
    if (i == 0)
        return ypull_expected(&r->y, what);
    int64_t frac = 0;
    if (i < n && s[i] == '.') {
        i++;
        size_t digits = 0;
        int round = 0;
        while (i < n && s[i] >= '0' && s[i] <= '9') {
            if (digits < 3)
                frac = frac * 10 + (s[i] - '0');
            else if (digits == 3)
                round = s[i] >= '5';
            digits++;
            i++;
        }
        for (size_t d = digits; d < 3; d++)
            frac *= 10;
        frac += round;
    }
    if (i != n)
        return ypull_expected(&r->y, what);
    if (huge || secs * 1000 + frac > PODFMT_MAX_TIME_MS)
        return ypull_fail(&r->y, &r->y.ev.start_mark,
                          "time '%.*s' is past the limit of %lld hours",
                          (int)(n > 40 ? 40 : n), s,
                          (long long)(PODFMT_MAX_TIME_MS / 3600000));
    *ms = secs * 1000 + frac;
    return 0;
}

static int check_order(reader *r, int64_t start, int64_t end,
                       const yaml_mark_t *end_mark)
{
    if (start != PODFMT_NO_TIME && end != PODFMT_NO_TIME && start > end) {
        char a[32], b[32];
        yaml_seconds(end, a);
        yaml_seconds(start, b);
        return ypull_fail(&r->y, end_mark, "end %s comes before start %s", a,
                          b);
    }
    return 0;
}

static int duplicate(reader *r, const char *k, size_t n)
{
    return ypull_fail(&r->y, &r->y.ev.start_mark, "duplicate key '%.*s'",
                      (int)(n > 40 ? 40 : n), k);
}

static int read_meta(reader *r)
{
    if (expect_mapping(r, "a mapping of meta keys and values") != 0)
        return -1;
    const char *k;
    size_t kn;
    int got;
    while ((got = next_key(r, &k, &kn)) == 1) {
        if (kn == 0)
            return ypull_expected(&r->y, "a meta key");
        char *key = malloc(kn + 1);
        if (!key)
            return oom(r);
        memcpy(key, k, kn);
        key[kn] = '\0';
        if (strlen(key) != kn || podfmt_doc_meta(r->doc, key)) {
            free(key);
            return duplicate(r, k, kn);
        }
        const char *v;
        size_t vn;
        if (expect_string(r, "a text value", &v, &vn) != 0) {
            free(key);
            return -1;
        }
        int bad = podfmt_doc_set_meta(r->doc, key, v, vn);
        free(key);
        if (bad)
            return oom(r);
    }
    return got;
}

static int read_speaker(reader *r)
{
    yaml_mark_t at = r->y.ev.start_mark;
    const char *k;
    size_t kn;
    int got;
    char *fields[3] = {NULL, NULL, NULL}; /* id, name, color */
    size_t lens[3] = {0, 0, 0};
    yaml_mark_t marks[3];
    static const char *const names[] = {"id", "name", "color"};
    int rc = -1;
    while ((got = next_key(r, &k, &kn)) == 1) {
        int f = -1;
        for (int i = 0; i < 3; i++)
            if (key_is(k, kn, names[i]))
                f = i;
        if (f < 0) {
            ypull_fail(&r->y, &r->y.ev.start_mark,
                       "unknown key '%.*s' in a speaker (expected id, name "
                       "or color)",
                       (int)(kn > 40 ? 40 : kn), k);
            goto out;
        }
        if (fields[f]) {
            duplicate(r, k, kn);
            goto out;
        }
        const char *v;
        size_t vn;
        if (expect_string(r, f == 2 ? "a colour such as '#1f77b4'" : "a text value", &v,
                          &vn) != 0)
            goto out;
        marks[f] = r->y.ev.start_mark;
        fields[f] = malloc(vn + 1);
        if (!fields[f]) {
            oom(r);
            goto out;
        }
        memcpy(fields[f], v, vn);
        fields[f][vn] = '\0';
        lens[f] = vn;
    }
    if (got < 0)
        goto out;
    if (!fields[0]) {
        ypull_fail(&r->y, &at, "a speaker needs an id");
        goto out;
    }
    if (lens[0] == 0) {
        ypull_fail(&r->y, &marks[0], "a speaker's id cannot be empty");
        goto out;
    }
    char color[8];
    if (fields[2] && !yaml_color(fields[2], lens[2], color)) {
        ypull_fail(&r->y, &marks[2],
                   "expected a colour such as '#1f77b4' (#rgb or #rrggbb), "
                   "found '%.40s'",
                   fields[2]);
        goto out;
    }
    const char *name = fields[1] ? fields[1] : fields[0];
    size_t name_len = fields[1] ? lens[1] : lens[0];
    int idx = podfmt_doc_add_speaker_id(r->doc, fields[0], lens[0], name,
                                        name_len);
    if (idx == -2) {
        ypull_fail(&r->y, &marks[0], "speaker id '%.40s' is used twice",
                   fields[0]);
        goto out;
    }
    if (idx < 0) {
        if (r->doc->n_speakers >= PODFMT_MAX_SPEAKERS)
            ypull_fail(&r->y, &at, "more than %d speakers",
                       PODFMT_MAX_SPEAKERS);
        else
            oom(r);
        goto out;
    }
    /* A colour from the configuration wins over the one in the file. */
    if (fields[2] && !r->doc->speakers[idx].color &&
        podfmt_doc_set_speaker_color(r->doc, idx, color) != 0) {
        oom(r);
        goto out;
    }
    rc = 0;
out:
    for (int i = 0; i < 3; i++)
        free(fields[i]);
    return rc;
}

static int read_speakers(reader *r)
{
    if (expect_sequence(r, "a list of speakers") != 0)
        return -1;
    for (;;) {
        if (ypull_next(&r->y) != 0)
            return -1;
        if (r->y.ev.type == YAML_SEQUENCE_END_EVENT)
            break;
        if (r->y.ev.type != YAML_MAPPING_START_EVENT)
            return ypull_expected(&r->y, "a speaker (id: ..., name: ...)");
        if (read_speaker(r) != 0)
            return -1;
    }
    r->speakers_seen = true;
    return 0;
}

static int add_pending(reader *r, const char *text, size_t n, int64_t start,
                       int64_t end)
{
    if (r->n_segs >= PODFMT_MAX_SEGMENTS)
        return ypull_fail(&r->y, &r->y.ev.start_mark,
                          "more than %d segments", PODFMT_MAX_SEGMENTS);
    if (grow_array((void **)&r->segs, &r->cap_segs, r->n_segs + 1,
                   sizeof *r->segs) != 0)
        return oom(r);
    pending_seg *p = &r->segs[r->n_segs++];
    p->off = r->text.len;
    p->len = n;
    p->start = start;
    p->end = end;
    p->item = 0;
    podfmt_buf_put(&r->text, text, n);
    if (r->text.failed)
        return oom(r);
    return 0;
}

static int read_segment(reader *r)
{
    yaml_mark_t at = r->y.ev.start_mark, end_mark = at;
    const char *k;
    size_t kn;
    int got;
    bool have_text = false, have_start = false, have_end = false,
         have_item = false;
    size_t off = r->text.len, n = 0;
    int64_t start = PODFMT_NO_TIME, end = PODFMT_NO_TIME;
    int item = 0;
    while ((got = next_key(r, &k, &kn)) == 1) {
        if (key_is(k, kn, "text")) {
            if (have_text)
                return duplicate(r, k, kn);
            const char *v;
            if (expect_string(r, "the segment's text", &v, &n) != 0)
                return -1;
            /* held in r->text until add_pending claims it */
            off = r->text.len;
            podfmt_buf_put(&r->text, v, n);
            if (r->text.failed)
                return oom(r);
            have_text = true;
        } else if (key_is(k, kn, "start")) {
            if (have_start)
                return duplicate(r, k, kn);
            if (expect_seconds(r, &start) != 0)
                return -1;
            have_start = true;
        } else if (key_is(k, kn, "end")) {
            if (have_end)
                return duplicate(r, k, kn);
            if (expect_seconds(r, &end) != 0)
                return -1;
            end_mark = r->y.ev.start_mark;
            have_end = true;
        } else if (key_is(k, kn, "item")) {
            if (have_item)
                return duplicate(r, k, kn);
            if (expect_item(r, &item) != 0)
                return -1;
            have_item = true;
        } else {
            return ypull_fail(&r->y, &r->y.ev.start_mark,
                              "unknown key '%.*s' in a segment (expected "
                              "text, start, end or item)",
                              (int)(kn > 40 ? 40 : kn), k);
        }
    }
    if (got < 0)
        return -1;
    if (!have_text)
        return ypull_fail(&r->y, &at, "a segment needs a text");
    if (check_order(r, start, end, &end_mark) != 0)
        return -1;
    /* the text is already in place at off; record it */
    if (grow_array((void **)&r->segs, &r->cap_segs, r->n_segs + 1,
                   sizeof *r->segs) != 0)
        return oom(r);
    pending_seg *p = &r->segs[r->n_segs++];
    p->off = off;
    p->len = n;
    p->start = start;
    p->end = end;
    p->item = item;
    return 0;
}

static int read_segments(reader *r)
{
    if (expect_sequence(r, "a list of segments") != 0)
        return -1;
    for (;;) {
        if (ypull_next(&r->y) != 0)
            return -1;
        if (r->y.ev.type == YAML_SEQUENCE_END_EVENT)
            return 0;
        if (r->y.ev.type != YAML_MAPPING_START_EVENT)
            return ypull_expected(&r->y, "a segment (text: ...)");
        if (r->n_segs >= PODFMT_MAX_SEGMENTS)
            return ypull_fail(&r->y, &r->y.ev.start_mark,
                              "more than %d segments", PODFMT_MAX_SEGMENTS);
        if (read_segment(r) != 0)
            return -1;
    }
}

static int read_block(reader *r)
{
    yaml_mark_t at = r->y.ev.start_mark, end_mark = at, speaker_mark = at,
                text_mark = at, start_mark = at;
    const char *k;
    size_t kn;
    int got;
    int kind = -1;
    int speaker = -1;
    bool have_speaker = false, have_text = false, have_segments = false,
         have_start = false, have_end = false;
    int64_t start = PODFMT_NO_TIME, end = PODFMT_NO_TIME;
    r->n_segs = 0;
    r->text.len = 0;
    while ((got = next_key(r, &k, &kn)) == 1) {
        if (key_is(k, kn, "kind")) {
            if (kind >= 0)
                return duplicate(r, k, kn);
            const char *v;
            size_t vn;
            if (expect_string(r, "heading, turn or note", &v, &vn) != 0)
                return -1;
            if (key_is(v, vn, "heading"))
                kind = PODFMT_BLOCK_HEADING;
            else if (key_is(v, vn, "turn"))
                kind = PODFMT_BLOCK_TURN;
            else if (key_is(v, vn, "note"))
                kind = PODFMT_BLOCK_NOTE;
            else
                return ypull_expected(&r->y, "kind heading, turn or note");
        } else if (key_is(k, kn, "speaker")) {
            if (have_speaker)
                return duplicate(r, k, kn);
            const char *v;
            size_t vn;
            if (expect_string(r, "a speaker id", &v, &vn) != 0)
                return -1;
            speaker_mark = r->y.ev.start_mark;
            speaker = podfmt_doc_speaker_by_id(r->doc, v, vn);
            if (speaker < 0)
                return ypull_fail(&r->y, &speaker_mark,
                                  "speaker '%.*s' is not in speakers%s",
                                  (int)(vn > 40 ? 40 : vn), v,
                                  r->speakers_seen
                                      ? ""
                                      : " (speakers must come before blocks)");
            have_speaker = true;
        } else if (key_is(k, kn, "text")) {
            if (have_text)
                return duplicate(r, k, kn);
            if (have_segments)
                return ypull_fail(&r->y, &r->y.ev.start_mark,
                                  "a block has text or segments, not both");
            text_mark = r->y.ev.start_mark;
            const char *v;
            size_t vn;
            if (expect_string(r, "the heading's text", &v, &vn) != 0 ||
                add_pending(r, v, vn, PODFMT_NO_TIME, PODFMT_NO_TIME) != 0)
                return -1;
            have_text = true;
        } else if (key_is(k, kn, "segments")) {
            if (have_segments)
                return duplicate(r, k, kn);
            if (have_text)
                return ypull_fail(&r->y, &r->y.ev.start_mark,
                                  "a block has text or segments, not both");
            if (read_segments(r) != 0)
                return -1;
            have_segments = true;
        } else if (key_is(k, kn, "start")) {
            if (have_start)
                return duplicate(r, k, kn);
            if (expect_seconds(r, &start) != 0)
                return -1;
            start_mark = r->y.ev.start_mark;
            have_start = true;
        } else if (key_is(k, kn, "end")) {
            if (have_end)
                return duplicate(r, k, kn);
            if (expect_seconds(r, &end) != 0)
                return -1;
            end_mark = r->y.ev.start_mark;
            have_end = true;
        } else {
            return ypull_fail(&r->y, &r->y.ev.start_mark,
                              "unknown key '%.*s' in a block (expected kind, "
                              "speaker, text, segments, start or end)",
                              (int)(kn > 40 ? 40 : kn), k);
        }
    }
    if (got < 0)
        return -1;
    if (kind < 0)
        return ypull_fail(&r->y, &at,
                          "a block needs a kind (heading, turn or note)");
    if (have_speaker && kind != PODFMT_BLOCK_TURN)
        return ypull_fail(&r->y, &speaker_mark,
                          "only a turn has a speaker, not a %s",
                          kind == PODFMT_BLOCK_HEADING ? "heading" : "note");
    if (have_text && kind != PODFMT_BLOCK_HEADING)
        return ypull_fail(&r->y, &text_mark,
                          "a %s has segments, not text",
                          kind == PODFMT_BLOCK_TURN ? "turn" : "note");
    if (!have_text && !have_segments)
        return ypull_fail(&r->y, &at, "a %s needs %s",
                          kind == PODFMT_BLOCK_HEADING ? "heading" : kind == PODFMT_BLOCK_TURN ? "turn" : "note",
                          kind == PODFMT_BLOCK_HEADING ? "a text" : "segments");
    if (check_order(r, start, end, &end_mark) != 0)
        return -1;
    int b = podfmt_doc_add_block(r->doc, (podfmt_block_kind)kind, speaker);
    if (b < 0)
        return oom(r);
    for (size_t i = 0; i < r->n_segs; i++) {
        const pending_seg *p = &r->segs[i];
        if (p->len == 0)
            continue; /* empty text adds nothing */
        size_t before = r->doc->n_segments;
        /* a heading's text has the heading's times */
        if (podfmt_doc_add_segment(r->doc, r->text.data + p->off, p->len,
                                   have_text && have_start ? start : p->start,
                                   have_text && have_end ? end : p->end) != 0)
            return oom(r);
        podfmt_doc_set_item(r->doc, before, p->item);
    }
    /* The times the file gives are the block's, exactly; without them
     * the block's times are its segments' first and last (the model's
     * rule, and what the contract says start and end are).  The block is
     * the last one still, but it may have moved (a long turn goes on to
     * the writer in pieces: doc_stream_partial). */
    b = (int)r->doc->n_blocks - 1;
    if (have_start)
        r->doc->blocks[b].start = start;
    if (have_end)
        r->doc->blocks[b].end = end;
    const podfmt_block *blk = &r->doc->blocks[b];
    if (blk->start != PODFMT_NO_TIME && blk->end != PODFMT_NO_TIME &&
        blk->start > blk->end) {
        char a[32], e[32];
        yaml_seconds(blk->start, a);
        yaml_seconds(blk->end, e);
        return ypull_fail(&r->y, have_start ? &start_mark : &end_mark,
                          "the block starts at %s, after its end %s", a, e);
    }
    return 0;
}

static int read_blocks(reader *r)
{
    if (expect_sequence(r, "a list of blocks") != 0)
        return -1;
    for (;;) {
        if (ypull_next(&r->y) != 0)
            return -1;
        if (r->y.ev.type == YAML_SEQUENCE_END_EVENT)
            return 0;
        if (r->y.ev.type != YAML_MAPPING_START_EVENT)
            return ypull_expected(&r->y, "a block (kind: ...)");
        if (read_block(r) != 0)
            return -1;
    }
}

static int read_version(reader *r)
{
    if (ypull_next(&r->y) != 0)
        return -1;
    size_t n;
    const char *v = ypull_scalar(&r->y, &n);
    if (!v || r->y.ev.data.scalar.style != YAML_PLAIN_SCALAR_STYLE || n == 0)
        return ypull_expected(&r->y, "the schema version 1 (podfmt: 1)");
    size_t i = 0;
    unsigned long ver = 0;
    while (i < n && v[i] >= '0' && v[i] <= '9' && ver < 100000)
        ver = ver * 10 + (unsigned long)(v[i++] - '0');
    if (i != n || i == 0 || ver == 0)
        return ypull_expected(&r->y, "the schema version 1 (podfmt: 1)");
    if (ver > 1)
        return ypull_fail(&r->y, &r->y.ev.start_mark,
                          "podfmt: %.*s is a newer schema than this podfmt "
                          "reads (1); update podfmt",
                          (int)(n > 20 ? 20 : n), v);
    return 0;
}

static int read_document(reader *r)
{
    bool empty;
    if (ypull_open_document(&r->y, &empty) != 0)
        return -1;
    if (empty || r->y.ev.type != YAML_MAPPING_START_EVENT) {
        if (empty)
            return ypull_fail(&r->y, &r->y.ev.start_mark,
                              "expected podfmt's structured form, starting "
                              "'podfmt: 1', found nothing");
        return ypull_expected(&r->y,
                              "podfmt's structured form, starting 'podfmt: 1'");
    }
    const char *k;
    size_t kn;
    int got;
    bool have_meta = false, have_speakers = false, have_blocks = false,
         first = true;
    while ((got = next_key(r, &k, &kn)) == 1) {
        if (first) {
            if (!key_is(k, kn, "podfmt"))
                return ypull_fail(&r->y, &r->y.ev.start_mark,
                                  "expected 'podfmt: 1' first (podfmt's "
                                  "structured form), found '%.*s'",
                                  (int)(kn > 40 ? 40 : kn), k);
            if (read_version(r) != 0)
                return -1;
            first = false;
        } else if (key_is(k, kn, "meta")) {
            if (have_meta)
                return duplicate(r, k, kn);
            have_meta = true;
            if (read_meta(r) != 0)
                return -1;
        } else if (key_is(k, kn, "speakers")) {
            if (have_speakers)
                return duplicate(r, k, kn);
            have_speakers = true;
            if (read_speakers(r) != 0)
                return -1;
        } else if (key_is(k, kn, "blocks")) {
            if (have_blocks)
                return duplicate(r, k, kn);
            have_blocks = true;
            /* with the meta and every speaker read, a writer may start:
             * the blocks are handed on as they are read */
            if (have_meta && have_speakers && doc_stream_open(r->doc) != 0)
                return oom(r);
            if (read_blocks(r) != 0)
                return -1;
        } else if (key_is(k, kn, "podfmt")) {
            return duplicate(r, k, kn);
        } else {
            return ypull_fail(&r->y, &r->y.ev.start_mark,
                              "unknown key '%.*s' (expected podfmt, meta, "
                              "speakers or blocks)",
                              (int)(kn > 40 ? 40 : kn), k);
        }
    }
    if (got < 0)
        return -1;
    if (first)
        return ypull_fail(&r->y, &r->y.ev.start_mark,
                          "expected 'podfmt: 1' first (podfmt's structured "
                          "form), found an empty mapping");
    return ypull_close_document(&r->y);
}

/* Whether the document surely gives no time: no scalar of it, key or
 * value, anywhere, is "start" or "end" (every time comes from those keys;
 * aliases are refused).  Reads the events once; false on any error (the
 * reading proper reports it). */
static bool no_times(const char *data, size_t len)
{
    ypull y;
    podfmt_error quiet;
    if (ypull_init(&y, data, len, &quiet) != 0)
        return false;
    bool none = true;
    while (none) {
        if (ypull_next(&y) != 0) {
            none = false;
            break;
        }
        if (y.ev.type == YAML_STREAM_END_EVENT)
            break;
        size_t n;
        const char *s = ypull_scalar(&y, &n);
        if (s && (key_is(s, n, "start") || key_is(s, n, "end")))
            none = false;
    }
    ypull_free(&y);
    return none;
}

podfmt_status podfmt_read_yaml(podfmt_doc *doc, const char *data, size_t len,
                               const podfmt_options *opts, podfmt_error *err)
{
    reader r;
    memset(&r, 0, sizeof r);
    r.doc = doc;
    r.opts = opts;
    podfmt_buf_init(&r.text);
    if (doc_times_wanted(doc) && no_times(data, len))
        doc_set_untimed(doc); /* subtitle cues need not wait for a time */
    if (ypull_init(&r.y, data, len, err) != 0)
        return r.y.status;
    int rc = read_document(&r);
    podfmt_status st = rc == 0 ? PODFMT_OK : r.y.status;
    ypull_free(&r.y);
    podfmt_buf_free(&r.text);
    free(r.segs);
    return st;
}
