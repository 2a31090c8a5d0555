/* The JSON reader (-f json): transcripts that speech tools and podcast
 * hosts write, recognised by their shape.
 *
 *   Podcasting 2.0   {"version", "segments": [{"speaker", "startTime",
 *                    "endTime", "body"}]}                       seconds
 *   Whisper(X)       {"text", "segments": [{"start", "end", "text",
 *                    "speaker"?, "words"?}], "language"}        seconds
 *   Deepgram         {"results": {"utterances": [{"start", "end",
 *                    "transcript", "speaker": 0}]}}, or without
 *                    utterances results.channels[0].alternatives[0]
 *                    with "paragraphs" or "words"               seconds
 *   AssemblyAI       {"utterances": [{"start", "end", "speaker": "A",
 *                    "text"}]}, or only "words"                 milliseconds
 *   whisper.cpp      {"transcription": [{"offsets": {"from", "to"},
 *                    "text"}]}                                  milliseconds
 *   a bare list      [{"start", "end", "text", "speaker"?}]     see below
 *
 * A bare list's times are milliseconds when every time is a whole number
 * and most items last 100 units or more (a cue of 100 seconds is rare, one
 * of 100 ms rarer still); otherwise seconds.  Its items may also use the
 * Podcasting 2.0 keys, in seconds.
 *
 * Word-level input (Podcasting 2.0 files with a word a segment, Deepgram
 * and AssemblyAI word lists) is joined into phrases of one speaker: a
 * phrase ends after a sentence, before a pause of a second or more, after
 * 10 words at a comma and after 15 words in any case.  It keeps the start
 * of its first word and the end of its last.
 *
 * Numeric speakers (Deepgram's 0) and single letters (AssemblyAI's "A")
 * become "Speaker 0" and "Speaker A", unless the configuration names the
 * bare label.  Text becomes CommonMark inline text with every character
 * that could read as Markdown escaped; only a bare list (subtitles turned
 * into JSON) has its <i> and <b> read as emphasis and its <font> tags
 * dropped, as subtitles do.
 *
 * jansson parses; it reports line and column of syntax errors.  Nesting is
 * checked first against PODFMT_MAX_NESTING so that jansson (which
 * recurses) never meets a deep input.  Errors in the content name the
 * item ("segments[3]: ...") and where its object starts. */
#include "internal.h"
#include "json_text.h"

#include <jansson.h>
#include <math.h>
#include <stdio.h>
#include <string.h>

/* Phrase joining for word-level input. */
#define PHRASE_PAUSE_MS 1000
#define PHRASE_SOFT_WORDS 10
#define PHRASE_MAX_WORDS 15
/* A bare list is in milliseconds when most items last at least this. */
#define BARE_MS_MIN_DURATION 100

/* How the items of one array are read. */
typedef struct shape {
    const char *k_start, *k_end, *k_text, *k_speaker;
    const char *k_alt_text; /* tried before k_text (Deepgram's
                             * "punctuated_word"), or NULL */
    bool ms;                /* times in milliseconds, else seconds */
    bool words;             /* join items into phrases */
    bool tags;              /* <i>, <b> are emphasis */
    bool words_speaker;     /* no speaker: take the first word's */
} shape;

typedef struct phrase {
    podfmt_buf text; /* raw text, not yet escaped */
    int speaker;
    int64_t start, end;
    int words;
    bool open;
} phrase;

typedef struct reader {
    podfmt_doc *doc;
    const podfmt_options *opts;
    const char *data;
    size_t len;
    json_t *root;
    podfmt_error *err;
    podfmt_status status; /* set with err by fail() */
    podfmt_buf scratch;   /* escaped text */
    phrase ph;
    bool spacing; /* word-level text carries its own spaces (" " items) */
} reader;

/* ---- positions ------------------------------------------------------- */

/* The offset of the first bracket nested deeper than the limit, or n. */
static size_t too_deep(const char *s, size_t n)
{
    int depth = 0;
    bool in_str = false;
    for (size_t i = 0; i < n; i++) {
        char c = s[i];
        if (in_str) {
            if (c == '\\')
                i++;
            else if (c == '"')
                in_str = false;
        } else if (c == '"') {
            in_str = true;
        } else if (c == '{' || c == '[') {
            if (++depth > PODFMT_MAX_NESTING)
                return i;
        } else if ((c == '}' || c == ']') && depth > 0) {
            depth--;
        }
    }
    return n;
}

/* The number of objects before `target` in document order (pre-order),
 * or -1.  Depth is bounded by too_deep(), so the stack is fixed.  Keys are
 * unique (duplicates are rejected), so jansson's insertion order is the
 * order of the text. */
static long object_ordinal(json_t *root, json_t *target)
{
    struct {
        json_t *v;
        size_t i;
        void *it;
    } st[PODFMT_MAX_NESTING + 2];
    int top = 0;
    long count = 0;
    st[0].v = root;
    st[0].i = 0;
    st[0].it = json_is_object(root) ? json_object_iter(root) : NULL;
    if (root == target)
        return 0;
    if (json_is_object(root))
        count++;
    while (top >= 0) {
        json_t *child = NULL;
        if (json_is_array(st[top].v)) {
            if (st[top].i < json_array_size(st[top].v))
                child = json_array_get(st[top].v, st[top].i++);
        } else if (st[top].it) {
            child = json_object_iter_value(st[top].it);
            st[top].it = json_object_iter_next(st[top].v, st[top].it);
        }
        if (!child) {
            top--;
            continue;
        }
        if (child == target)
            return count;
        if (json_is_object(child))
            count++;
        if ((json_is_object(child) || json_is_array(child)) &&
            top + 1 < (int)(sizeof st / sizeof st[0])) {
            top++;
            st[top].v = child;
            st[top].i = 0;
            st[top].it = json_is_object(child) ? json_object_iter(child) : NULL;
        }
    }
    return -1;
}

/* The offset of object number k (in document order) in the text. */
static size_t object_offset(const char *s, size_t n, long k)
{
    bool in_str = false;
    for (size_t i = 0; i < n; i++) {
        char c = s[i];
        if (in_str) {
            if (c == '\\')
                i++;
            else if (c == '"')
                in_str = false;
        } else if (c == '"') {
            in_str = true;
        } else if (c == '{' && k-- == 0) {
            return i;
        }
    }
    return n;
}

/* Fails with the position of `where` (an object of the input; NULL: the
 * whole input, 1:1). */
static int fail(reader *r, json_t *where, const char *fmt, ...)
    PODFMT_PRINTF(3, 4);
static int fail(reader *r, json_t *where, const char *fmt, ...)
{
    char msg[sizeof r->err->message];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(msg, sizeof msg, fmt, ap);
    va_end(ap);
    size_t off = 0;
    if (where && json_is_object(where)) {
        long k = object_ordinal(r->root, where);
        off = k >= 0 ? object_offset(r->data, r->len, k) : 0;
    }
    error_at(r->err, r->data, r->len, off < r->len ? off : 0, "%s", msg);
    r->status = PODFMT_EINPUT;
    return -1;
}

static int out_of_memory(reader *r)
{
    error_set(r->err, 0, 0, "out of memory");
    r->status = PODFMT_EIO;
    return -1;
}

static const char *type_name(const json_t *v)
{
    switch (json_typeof(v)) {
    case JSON_OBJECT: return "an object";
    case JSON_ARRAY: return "an array";
    case JSON_STRING: return "a string";
    case JSON_INTEGER:
    case JSON_REAL: return "a number";
    case JSON_TRUE:
    case JSON_FALSE: return "a boolean";
    default: return "null";
    }
}

/* JSON escapes can spell what the input check refused in raw bytes
 * ("\u001b"): decoded strings get the same check.  jansson has already
 * refused "\u0000" and invalid UTF-8. */
static int check_string(reader *r, json_t *item, const char *path,
                        const char *key, const char *s, size_t n)
{
    const char *why;
    if (utf8_check(s, n, &why) < n)
        return fail(r, item, "%s: \"%s\" holds a control character", path,
                    key);
    return 0;
}

/* ---- text -------------------------------------------------------------- */

static bool is_space(char c)
{
    return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f';
}

static bool tag_at(const char *s, size_t n, size_t i, const char *tag)
{
    size_t tl = strlen(tag);
    if (n - i < tl)
        return false;
    for (size_t k = 0; k < tl; k++) {
        char c = s[i + k];
        if (c >= 'A' && c <= 'Z')
            c = (char)(c - 'A' + 'a');
        if (c != tag[k])
            return false;
    }
    return true;
}

/* Escapes subtitle text, turning <i>x</i> and <b>x</b> into *x* and **x**
 * where that reads as emphasis (content not empty, no space inside the
 * markers, no other tag inside); <font> tags are dropped; any other tag
 * stays literal text.  Each character is looked at most twice: linear. */
static void escape_tags(podfmt_buf *out, const char *s, size_t n)
{
    size_t from = 0, i = 0;
    while (i < n) {
        const char *mark = NULL, *close = NULL;
        if (tag_at(s, n, i, "<i>")) {
            mark = "*";
            close = "</i>";
        } else if (tag_at(s, n, i, "<b>")) {
            mark = "**";
            close = "</b>";
        }
        if (!mark) {
            /* <font ...> and </font> (colour) say nothing: dropped, as
             * the subtitle readers drop them */
            size_t skip = 0;
            if (tag_at(s, n, i, "</font>"))
                skip = 7;
            else if (tag_at(s, n, i, "<font>"))
                skip = 6;
            else if (tag_at(s, n, i, "<font ")) {
                size_t j = i + 6;
                while (j < n && s[j] != '>' && s[j] != '<')
                    j++;
                if (j < n && s[j] == '>')
                    skip = j + 1 - i;
            }
            if (skip) {
                md_escape(out, s + from, i - from);
                i = from = i + skip;
                continue;
            }
            i++;
            continue;
        }
        size_t in = i + 3, j = in;
        while (j < n && s[j] != '<')
            j++;
        if (j == n || j == in || !tag_at(s, n, j, close) || is_space(s[in]) ||
            is_space(s[j - 1])) {
            i++;
            continue;
        }
        md_escape(out, s + from, i - from);
        podfmt_buf_puts(out, mark);
        md_escape(out, s + in, j - in);
        podfmt_buf_puts(out, mark);
        i = from = j + 4;
    }
    md_escape(out, s + from, n - from);
}

/* Adds text said by `speaker` to the document: a speaker's consecutive
 * items stay in one turn, unknown speakers included. */
static int emit(reader *r, int speaker, const char *text, size_t len,
                int64_t start, int64_t end, bool tags)
{
    podfmt_doc *doc = r->doc;
    r->scratch.len = 0;
    if (tags)
        escape_tags(&r->scratch, text, len);
    else
        md_escape(&r->scratch, text, len);
    if (r->scratch.failed)
        return out_of_memory(r);
    if (is_blank(r->scratch.data ? r->scratch.data : "", r->scratch.len))
        return 0;
    if (doc->n_blocks == 0 ||
        doc->blocks[doc->n_blocks - 1].kind != PODFMT_BLOCK_TURN ||
        doc->blocks[doc->n_blocks - 1].speaker != speaker) {
        if (podfmt_doc_add_block(doc, PODFMT_BLOCK_TURN, speaker) < 0)
            return out_of_memory(r);
    }
    if (podfmt_doc_add_segment(doc, r->scratch.data, r->scratch.len, start,
                               end) != 0) {
        if (doc_segment_count(doc) >= PODFMT_MAX_SEGMENTS) {
            error_set(r->err, 0, 0, "more than %d segments",
                      PODFMT_MAX_SEGMENTS);
            r->status = PODFMT_EINPUT;
            return -1;
        }
        return out_of_memory(r);
    }
    return 0;
}

static int phrase_flush(reader *r)
{
    phrase *ph = &r->ph;
    if (!ph->open)
        return 0;
    ph->open = false;
    if (ph->text.failed)
        return out_of_memory(r);
    return emit(r, ph->speaker, ph->text.data, ph->text.len, ph->start,
                ph->end, false);
}

/* Whether s ends a sentence: . ? ! or an ellipsis, before any closing
 * quotes and brackets. */
static bool ends_sentence(const char *s, size_t n)
{
    for (;;) {
        while (n > 0 && (s[n - 1] == '"' || s[n - 1] == '\'' ||
                         s[n - 1] == ')' || is_space(s[n - 1])))
            n--;
        if (n >= 3 && (memcmp(s + n - 3, "\xE2\x80\x9D", 3) == 0 || /* ” */
                       memcmp(s + n - 3, "\xE2\x80\x99", 3) == 0))  /* ’ */
            n -= 3;
        else
            break;
    }
    if (n >= 3 && memcmp(s + n - 3, "\xE2\x80\xA6", 3) == 0) /* … */
        return true;
    return n > 0 && (s[n - 1] == '.' || s[n - 1] == '?' || s[n - 1] == '!');
}

/* Adds one word of word-level input to the phrase being built. */
static int add_word(reader *r, int speaker, const char *w, size_t n,
                    int64_t start, int64_t end)
{
    phrase *ph = &r->ph;
    if (ph->open &&
        (speaker != ph->speaker ||
         (start != PODFMT_NO_TIME && ph->end != PODFMT_NO_TIME &&
          start - ph->end >= PHRASE_PAUSE_MS))) {
        if (phrase_flush(r) != 0)
            return -1;
    }
    if (is_blank(w, n)) {
        if (ph->open && ph->text.len && !is_space(ph->text.data[ph->text.len - 1]))
            podfmt_buf_putc(&ph->text, ' ');
        return 0;
    }
    if (!ph->open) {
        ph->open = true;
        ph->text.len = 0;
        ph->speaker = speaker;
        ph->start = start;
        ph->end = PODFMT_NO_TIME;
        ph->words = 0;
    } else if (!r->spacing && !is_space(w[0]) && ph->text.len &&
               !is_space(ph->text.data[ph->text.len - 1]) &&
               !strchr(",.;:!?)", w[0])) {
        podfmt_buf_putc(&ph->text, ' ');
    }
    if (ph->start == PODFMT_NO_TIME)
        ph->start = start;
    podfmt_buf_put(&ph->text, w, n);
    int64_t last = end != PODFMT_NO_TIME ? end : start;
    if (last != PODFMT_NO_TIME && (ph->end == PODFMT_NO_TIME || last > ph->end))
        ph->end = last;
    if (!strchr(",.;:!?", w[0]))
        ph->words++;
    const char *t = ph->text.data;
    size_t tl = ph->text.len;
    while (tl > 0 && is_space(t[tl - 1]))
        tl--;
    bool soft = tl > 0 && strchr(",;:", t[tl - 1]) != NULL;
    if (ends_sentence(t, tl) || ph->words >= PHRASE_MAX_WORDS ||
        (soft && ph->words >= PHRASE_SOFT_WORDS))
        return phrase_flush(r);
    return 0;
}

/* ---- values ------------------------------------------------------------ */

/* Reads item[key] as a time.  Missing or null: PODFMT_NO_TIME. */
static int get_time(reader *r, json_t *item, const char *path,
                    const char *key, bool ms, int64_t *out)
{
    json_t *v = json_object_get(item, key);
    *out = PODFMT_NO_TIME;
    if (!v || json_is_null(v))
        return 0;
    const char *unit = ms ? "milliseconds" : "seconds";
    if (!json_is_number(v))
        return fail(r, item, "%s: \"%s\" must be a number of %s, not %s",
                    path, key, unit, type_name(v));
    double d = json_number_value(v);
    if (!isfinite(d) || d < 0)
        return fail(r, item, "%s: \"%s\" is negative (%g)", path, key, d);
    double t = ms ? d : d * 1000.0;
    if (t > (double)PODFMT_MAX_TIME_MS)
        return fail(r, item, "%s: \"%s\" is past %lld hours (%g %s)", path,
                    key, (long long)(PODFMT_MAX_TIME_MS / 3600000), d, unit);
    if (json_is_integer(v)) {
        json_int_t i = json_integer_value(v);
        *out = ms ? (int64_t)i : (int64_t)i * 1000;
    } else {
        *out = (int64_t)(t + 0.5); /* t >= 0: rounds half up */
    }
    return 0;
}

/* The speaker index for a label value (string or number), -1 when none. */
static int get_speaker(reader *r, json_t *item, const char *path,
                       const char *key, json_t *v, int *out)
{
    *out = -1;
    if (!v || json_is_null(v))
        return 0;
    char label[64];
    const char *s;
    size_t n;
    if (json_is_string(v)) {
        s = json_string_value(v);
        n = json_string_length(v);
        trim(&s, &n);
        if (n == 0)
            return 0;
    } else if (json_is_integer(v)) {
        snprintf(label, sizeof label, "%lld", (long long)json_integer_value(v));
        s = label;
        n = strlen(label);
    } else {
        return fail(r, item, "%s: \"%s\" must be a name, not %s", path, key,
                    type_name(v));
    }
    /* Diarizers' bare numbers and letters read better as "Speaker 0",
     * unless the configuration names them as they are. */
    char full[80];
    bool bare = n == 1 && ((s[0] >= 'A' && s[0] <= 'Z'));
    if (!bare && json_is_integer(v))
        bare = true;
    if (bare && !(r->opts->config &&
                  podfmt_config_find(r->opts->config, s, n))) {
        snprintf(full, sizeof full, "Speaker %.*s", (int)n, s);
        s = full;
        n = strlen(full);
    }
    if (check_string(r, item, path, key, s, n) != 0)
        return -1;
    *out = podfmt_doc_speaker(r->doc, s, n);
    if (*out < 0) {
        if (r->doc->n_speakers >= PODFMT_MAX_SPEAKERS)
            return fail(r, item, "%s: more than %d speakers", path,
                        PODFMT_MAX_SPEAKERS);
        return out_of_memory(r);
    }
    return 0;
}

/* The text of an item: a string (possibly empty), or an error. */
static int get_text(reader *r, json_t *item, const char *path,
                    const shape *sh, const char **s, size_t *n)
{
    json_t *v = sh->k_alt_text ? json_object_get(item, sh->k_alt_text) : NULL;
    const char *key = sh->k_alt_text;
    if (!v || !json_is_string(v)) {
        v = json_object_get(item, sh->k_text);
        key = sh->k_text;
    }
    if (!v)
        return fail(r, item, "%s: no \"%s\"", path, sh->k_text);
    if (json_is_null(v)) {
        *s = "";
        *n = 0;
        return 0;
    }
    if (!json_is_string(v))
        return fail(r, item, "%s: \"%s\" must be a string, not %s", path, key,
                    type_name(v));
    *s = json_string_value(v);
    *n = json_string_length(v);
    return check_string(r, item, path, key, *s, *n);
}

/* Reads one item (item number i of the list reached through `name`) as
 * `sh` says.  `inherit` is the speaker of the enclosing object (Deepgram
 * paragraphs) or -1.  `dry`: only checks it and makes its speaker (the
 * first of the two passes of read_in_pieces). */
static int read_item(reader *r, json_t *item, const char *name, size_t i,
                     const shape *sh, int inherit, bool dry)
{
    char path[160];
    snprintf(path, sizeof path, "%s[%zu]", name, i);
    if (!json_is_object(item))
        return fail(r, NULL, "%s must be an object, not %s", path,
                    type_name(item));
    const char *text = "";
    size_t n = 0;
    int64_t start, end;
    int speaker = inherit;
    if (get_text(r, item, path, sh, &text, &n) != 0 ||
        get_time(r, item, path, sh->k_start, sh->ms, &start) != 0 ||
        get_time(r, item, path, sh->k_end, sh->ms, &end) != 0)
        return -1;
    if (start != PODFMT_NO_TIME && end != PODFMT_NO_TIME && end < start)
        return fail(r, item,
                    "%s: \"%s\" %g comes before \"%s\" %g", path,
                    sh->k_end, json_number_value(json_object_get(item, sh->k_end)),
                    sh->k_start,
                    json_number_value(json_object_get(item, sh->k_start)));
    json_t *sv = sh->k_speaker ? json_object_get(item, sh->k_speaker) : NULL;
    if (sv && !json_is_null(sv)) {
        if (get_speaker(r, item, path, sh->k_speaker, sv, &speaker) != 0)
            return -1;
    } else if (sh->words_speaker) {
        /* WhisperX leaves the segment's speaker out when its words
         * disagree or were not aligned: the first word that has one
         * is the best guess there is */
        json_t *words = json_object_get(item, "words");
        for (size_t k = 0; k < json_array_size(words); k++) {
            json_t *w = json_array_get(words, k);
            json_t *ws = json_object_get(w, "speaker");
            if (json_is_string(ws) && json_string_length(ws) > 0) {
                if (get_speaker(r, w, path, "speaker", ws, &speaker) != 0)
                    return -1;
                break;
            }
        }
    }
    if (dry)
        return 0;
    return sh->words ? add_word(r, speaker, text, n, start, end)
                     : emit(r, speaker, text, n, start, end, sh->tags);
}

/* Reads the items of `arr` (reached through `name`) as `sh` says. */
static int read_items(reader *r, json_t *arr, const char *name,
                      const shape *sh, int inherit)
{
    size_t count = json_array_size(arr);
    for (size_t i = 0; i < count; i++)
        if (read_item(r, json_array_get(arr, i), name, i, sh, inherit,
                      false) != 0)
            return -1;
    return phrase_flush(r);
}

/* ---- shapes -------------------------------------------------------------- */

/* What mostly_words counts, an item at a time. */
typedef struct word_count {
    size_t words, phrases, blanks, touching;
    bool after_word;
} word_count;

static void count_words(word_count *c, json_t *item, const char *key)
{
    json_t *v = json_object_get(item, key);
    if (!json_is_string(v))
        return;
    const char *s = json_string_value(v);
    size_t n = json_string_length(v);
    if (n > 0 && is_blank(s, n)) {
        c->blanks++;
        c->after_word = false;
        return;
    }
    if (n == 0)
        return; /* "": nothing between the words */
    c->touching += c->after_word && !is_space(s[0]);
    c->after_word = !is_space(s[n - 1]);
    trim(&s, &n);
    if (n == 0)
        return;
    bool space = false;
    for (size_t k = 0; k < n && !space; k++)
        space = is_space(s[k]);
    if (space)
        c->phrases++;
    else
        c->words++;
}

/* Whether most items held a single word; also notes whether the words
 * carry their own spaces. */
static bool words_verdict(reader *r, const word_count *c)
{
    /* " " items between the words, more often than words touching:
     * not one " " at a pause */
    r->spacing = c->blanks > c->touching;
    return c->words > c->phrases;
}

/* Whether most items hold a single word (a word-level Podcasting 2.0
 * file); also notes whether the words carry their own spaces (" " items
 * between them more often than two words touch). */
static bool mostly_words(reader *r, json_t *arr, const char *key)
{
    word_count c = {0};
    for (size_t i = 0; i < json_array_size(arr); i++)
        count_words(&c, json_array_get(arr, i), key);
    return words_verdict(r, &c);
}

/* Whether a bare list's times are milliseconds (see the top). */
static bool bare_in_ms(json_t *arr)
{
    size_t long_items = 0, timed = 0;
    for (size_t i = 0; i < json_array_size(arr); i++) {
        json_t *item = json_array_get(arr, i);
        json_t *s = json_object_get(item, "start");
        json_t *e = json_object_get(item, "end");
        if ((s && json_is_real(s)) || (e && json_is_real(e)))
            return false;
        if (json_is_integer(s) && json_is_integer(e)) {
            timed++;
            /* in double: two extreme integers must not overflow */
            if ((double)json_integer_value(e) - (double)json_integer_value(s) >=
                BARE_MS_MIN_DURATION)
                long_items++;
        }
    }
    return timed > 0 && long_items * 2 > timed;
}

static const shape P20 = {"startTime", "endTime", "body", "speaker", NULL,
                          false, false, false, false};
static const shape WHISPER = {"start", "end", "text", "speaker", NULL,
                              false, false, false, true};

static int read_p20(reader *r, json_t *segs, const char *name)
{
    shape sh = P20;
    sh.words = mostly_words(r, segs, "body");
    return read_items(r, segs, name, &sh, -1);
}

static int read_untimed(reader *r, json_t *text)
{
    if (!json_is_string(text))
        return 0;
    if (check_string(r, r->root, "transcript", "text", json_string_value(text),
                     json_string_length(text)) != 0)
        return -1;
    return emit(r, -1, json_string_value(text), json_string_length(text),
                PODFMT_NO_TIME, PODFMT_NO_TIME, false);
}

static int read_deepgram(reader *r, json_t *results)
{
    json_t *utt = json_object_get(results, "utterances");
    if (json_is_array(utt) && json_array_size(utt) > 0) {
        static const shape sh = {"start", "end", "transcript", "speaker", NULL,
                                 false, false, false, false};
        return read_items(r, utt, "results.utterances", &sh, -1);
    }
    json_t *alt = json_array_get(
        json_object_get(json_array_get(json_object_get(results, "channels"), 0),
                        "alternatives"),
        0);
    if (!json_is_object(alt))
        return fail(r, json_is_object(results) ? results : NULL,
                    "results: no \"utterances\" and no "
                    "\"channels[0].alternatives[0]\"");
    const char *base = "results.channels[0].alternatives[0]";
    json_t *paras = json_object_get(json_object_get(alt, "paragraphs"),
                                    "paragraphs");
    if (json_is_array(paras) && json_array_size(paras) > 0) {
        static const shape sh = {"start", "end", "text", NULL, NULL,
                                 false, false, false, false};
        for (size_t i = 0; i < json_array_size(paras); i++) {
            json_t *p = json_array_get(paras, i);
            char path[160];
            snprintf(path, sizeof path, "%s.paragraphs.paragraphs[%zu]", base, i);
            if (!json_is_object(p))
                return fail(r, NULL, "%s must be an object, not %s", path,
                            type_name(p));
            int speaker = -1;
            if (get_speaker(r, p, path, "speaker", json_object_get(p, "speaker"),
                            &speaker) != 0)
                return -1;
            json_t *sent = json_object_get(p, "sentences");
            if (!json_is_array(sent))
                return fail(r, p, "%s: \"sentences\" must be a list", path);
            char spath[200];
            snprintf(spath, sizeof spath, "%s.sentences", path);
            if (read_items(r, sent, spath, &sh, speaker) != 0)
                return -1;
        }
        return 0;
    }
    json_t *words = json_object_get(alt, "words");
    if (json_is_array(words) && json_array_size(words) > 0) {
        static const shape sh = {"start", "end", "word", "speaker",
                                 "punctuated_word", false, true, false, false};
        char path[200];
        snprintf(path, sizeof path, "%s.words", base);
        r->spacing = false;
        return read_items(r, words, path, &sh, -1);
    }
    return read_untimed(r, json_object_get(alt, "transcript"));
}

static int read_assemblyai(reader *r, json_t *root)
{
    json_t *utt = json_object_get(root, "utterances");
    if (json_is_array(utt) && json_array_size(utt) > 0) {
        static const shape sh = {"start", "end", "text", "speaker", NULL,
                                 true, false, false, false};
        return read_items(r, utt, "utterances", &sh, -1);
    }
    json_t *words = json_object_get(root, "words");
    if (json_is_array(words) && json_array_size(words) > 0) {
        static const shape sh = {"start", "end", "text", "speaker", NULL,
                                 true, true, false, false};
        r->spacing = false;
        return read_items(r, words, "words", &sh, -1);
    }
    return read_untimed(r, json_object_get(root, "text"));
}

/* Whether a list of items whose first is `first`, under `root` (NULL: a
 * bare list) is Podcasting 2.0's: the root says its version, or the item
 * has its keys. */
static bool is_p20(json_t *root, json_t *first)
{
    return (root && json_object_get(root, "version") != NULL) ||
           (json_is_object(first) && (json_object_get(first, "body") ||
                                      json_object_get(first, "startTime")));
}

static int read_bare(reader *r, json_t *arr)
{
    if (is_p20(NULL, json_array_get(arr, 0)))
        return read_p20(r, arr, "");
    shape sh = {"start", "end", "text", "speaker", NULL, false, false, true,
                false};
    sh.ms = bare_in_ms(arr);
    return read_items(r, arr, "", &sh, -1);
}

/* whisper.cpp's -oj: {"transcription": [{"timestamps": {...}, "offsets":
 * {"from": 0, "to": 3000}, "text": " ..."}]}, times in milliseconds. */
static int read_whispercpp(reader *r, json_t *items)
{
    if (!json_is_array(items))
        return fail(r, r->root, "\"transcription\" must be a list, not %s",
                    type_name(items));
    for (size_t i = 0; i < json_array_size(items); i++) {
        json_t *item = json_array_get(items, i);
        char path[64];
        snprintf(path, sizeof path, "transcription[%zu]", i);
        if (!json_is_object(item))
            return fail(r, NULL, "%s must be an object, not %s", path,
                        type_name(item));
        static const shape sh = {"from", "to", "text", NULL, NULL,
                                 true, false, false, false};
        const char *text = "";
        size_t n = 0;
        int64_t start = PODFMT_NO_TIME, end = PODFMT_NO_TIME;
        json_t *off = json_object_get(item, "offsets");
        if (off && !json_is_object(off))
            return fail(r, item, "%s: \"offsets\" must be an object, not %s",
                        path, type_name(off));
        char opath[80];
        snprintf(opath, sizeof opath, "%s.offsets", path);
        if (get_text(r, item, path, &sh, &text, &n) != 0 ||
            (off && (get_time(r, off, opath, "from", true, &start) != 0 ||
                     get_time(r, off, opath, "to", true, &end) != 0)))
            return -1;
        if (start != PODFMT_NO_TIME && end != PODFMT_NO_TIME && end < start)
            return fail(r, off, "%s: \"to\" comes before \"from\"", opath);
        if (emit(r, -1, text, n, start, end, false) != 0)
            return -1;
    }
    return 0;
}

static int not_a_transcript(reader *r)
{
    return fail(r, NULL,
                "not a transcript: expected a Podcasting 2.0 transcript "
                "{\"version\", \"segments\": [{\"startTime\", \"endTime\", "
                "\"body\"}]}, Whisper output {\"segments\": [{\"start\", "
                "\"end\", \"text\"}]} or {\"transcription\"}, Deepgram "
                "{\"results\"}, AssemblyAI {\"utterances\"} or a list of {\"start\", \"end\", \"text\"}");
}

static int read_root(reader *r)
{
    json_t *root = r->root;
    if (json_is_array(root)) {
        json_t *first = json_array_get(root, 0);
        if (json_array_size(root) > 0 && !json_is_object(first))
            return not_a_transcript(r);
        return read_bare(r, root);
    }
    json_t *segs = json_object_get(root, "segments");
    if (segs) {
        if (!json_is_array(segs))
            return fail(r, root, "\"segments\" must be a list, not %s",
                        type_name(segs));
        if (is_p20(root, json_array_get(segs, 0)))
            return read_p20(r, segs, "segments");
        if (json_array_size(segs) == 0)
            return read_untimed(r, json_object_get(root, "text"));
        return read_items(r, segs, "segments", &WHISPER, -1);
    }
    json_t *wcpp = json_object_get(root, "transcription");
    if (wcpp)
        return read_whispercpp(r, wcpp);
    json_t *results = json_object_get(root, "results");
    if (json_is_object(results))
        return read_deepgram(r, results);
    if (json_object_get(root, "utterances") ||
        (json_is_array(json_object_get(root, "words")) &&
         json_is_string(json_object_get(root, "text"))))
        return read_assemblyai(r, root);
    return not_a_transcript(r);
}

/* ---- a long document, a piece at a time ---------------------------------
 *
 * jansson builds a tree of the whole input, 7 times its size.  For the
 * shapes that are one long list under the root ({"segments": [...]}, as
 * Whisper and Podcasting 2.0 write), the reader finds the list's items in
 * the text itself and has jansson parse one item at a time, twice: the
 * first pass checks every item and makes the speakers (and counts what
 * the shape needs to know of all the items), the second, with the stream
 * open, adds them.  Only the brackets, quotes, commas and colons around
 * the items are looked at here; every value is jansson's to read.  At the
 * first thing that is not as expected (bad JSON, an item in error, another
 * shape), the document is read whole instead, which finds and tells the
 * problem as before; nothing was added yet then. */

/* JSON's white space. */
static size_t skip_ws(const char *s, size_t n, size_t i)
{
    while (i < n && (s[i] == ' ' || s[i] == '\t' || s[i] == '\n' ||
                     s[i] == '\r'))
        i++;
    return i;
}

/* The end (one past the closing quote) of the string opening at s[i], or
 * 0 when it does not close. */
static size_t string_end(const char *s, size_t n, size_t i)
{
    for (i++; i < n; i++) {
        if (s[i] == '\\')
            i++;
        else if (s[i] == '"')
            return i + 1;
    }
    return 0;
}

/* The end of the value starting at s[i]: past its closing bracket for an
 * object or array, its closing quote for a string, its last character for
 * anything else; 0 when there is none.  Not a check: jansson reads it. */
static size_t value_end(const char *s, size_t n, size_t i)
{
    if (i >= n)
        return 0;
    if (s[i] == '"')
        return string_end(s, n, i);
    if (s[i] == '{' || s[i] == '[') {
        /* each bracket must close the one it opened: too_deep() has
         * bounded the nesting */
        char want[PODFMT_MAX_NESTING + 2];
        size_t depth = 0;
        for (; i < n; i++) {
            char c = s[i];
            if (c == '"') {
                size_t e = string_end(s, n, i);
                if (!e)
                    return 0;
                i = e - 1;
            } else if (c == '{' || c == '[') {
                if (depth == sizeof want)
                    return 0;
                want[depth++] = c == '{' ? '}' : ']';
            } else if (c == '}' || c == ']') {
                if (c != want[--depth])
                    return 0;
                if (depth == 0)
                    return i + 1;
            }
        }
        return 0;
    }
    size_t j = i;
    while (j < n && !strchr(" \t\n\r,]}", s[j]))
        j++;
    return j > i ? j : 0;
}

/* The items of a list in the text, from its '[' to one past its ']'. */
typedef struct item_iter {
    const char *s;
    size_t i, end; /* the next item at or after i; end: past the ']' */
    size_t k;      /* items returned so far */
} item_iter;

static void items_init(item_iter *it, const char *s, size_t open, size_t end)
{
    it->s = s;
    it->i = open + 1;
    it->end = end;
    it->k = 0;
}

/* The next item's bytes [*a, *b): 1, or 0 at the end, -1 when the list is
 * not as JSON writes one. */
static int items_next(item_iter *it, size_t *a, size_t *b)
{
    size_t last = it->end - 1; /* the ']' */
    size_t i = skip_ws(it->s, last, it->i);
    if (it->k > 0) {
        if (i == last)
            return 0;
        if (it->s[i] != ',')
            return -1;
        i = skip_ws(it->s, last, i + 1);
    } else if (i == last) {
        return 0;
    }
    size_t e = value_end(it->s, last, i);
    if (!e)
        return -1;
    *a = i;
    *b = e;
    it->i = e;
    it->k++;
    return 1;
}

/* Parses the item at [a, b); NULL when jansson does not take it. */
static json_t *item_at(const char *s, size_t a, size_t b)
{
    json_error_t jerr;
    return json_loadb(s + a, b - a, JSON_REJECT_DUPLICATES | JSON_DECODE_ANY,
                      &jerr);
}

/* The root object without its "segments" (*seg_open, *seg_end: where the
 * list is in the text), or NULL when the document is not an object with
 * a "segments" list or not as JSON writes one. */
static json_t *root_around_list(const char *s, size_t n, size_t *seg_open,
                                size_t *seg_end)
{
    size_t i = skip_ws(s, n, 0);
    if (i >= n || s[i] != '{')
        return NULL;
    json_t *root = json_object();
    if (!root)
        return NULL;
    *seg_open = *seg_end = 0;
    i = skip_ws(s, n, i + 1);
    for (;;) {
        if (i >= n || s[i] != '"')
            goto other;
        size_t ke = string_end(s, n, i);
        if (!ke || ke - i - 2 >= 64)
            goto other;
        char key[64];
        size_t kn = ke - i - 2;
        memcpy(key, s + i + 1, kn);
        key[kn] = '\0';
        for (size_t k = 0; k < kn; k++)
            if ((unsigned char)key[k] < 0x20 || key[k] == '\\')
                goto other; /* jansson decides about such keys */
        i = skip_ws(s, n, ke);
        if (i >= n || s[i] != ':')
            goto other;
        i = skip_ws(s, n, i + 1);
        size_t ve = value_end(s, n, i);
        if (!ve || json_object_get(root, key))
            goto other; /* a duplicate: the whole read refuses it */
        bool list = strcmp(key, "segments") == 0 && s[i] == '[';
        json_t *v = list ? json_array() /* stands for the list */
                         : item_at(s, i, ve);
        if (!v || json_object_set_new(root, key, v) != 0)
            goto other;
        if (list) {
            *seg_open = i;
            *seg_end = ve;
        }
        i = skip_ws(s, n, ve);
        if (i < n && s[i] == ',') {
            i = skip_ws(s, n, i + 1);
            continue;
        }
        if (i < n && s[i] == '}')
            break;
        goto other;
    }
    if (skip_ws(s, n, i + 1) != n || *seg_end == 0)
        goto other;
    return root;
other:
    json_decref(root);
    return NULL;
}

/* One pass over the list's items: checks them (dry) or adds them.  Counts
 * the words of word-level input into *wc when it is not NULL.  0, or -1
 * (dry: a problem; else: r->status says). */
static int items_pass(reader *r, size_t open, size_t end, const shape *sh,
                      bool dry, word_count *wc, size_t *items)
{
    item_iter it;
    items_init(&it, r->data, open, end);
    size_t a, b;
    int got;
    while ((got = items_next(&it, &a, &b)) == 1) {
        json_t *item = item_at(r->data, a, b);
        if (!item)
            return -1;
        if (wc)
            count_words(wc, item, sh->k_text);
        int rc = read_item(r, item, "segments", it.k - 1, sh, -1, dry);
        json_decref(item);
        if (rc != 0)
            return -1;
        if (!dry) /* what is read for the last time goes back */
            doc_input_release(r->doc, r->data + b);
    }
    *items = it.k;
    return got < 0 ? -1 : 0;
}

/* Reads a Whisper or Podcasting 2.0 document a piece at a time: 1 when it
 * did, 0 when the document is to be read whole (see above), -1 on a
 * failure while adding (r->status says). */
static int read_in_pieces(reader *r)
{
    size_t open, end;
    json_t *root = root_around_list(r->data, r->len, &open, &end);
    if (!root)
        return 0;
    r->root = root;
    /* the shape, from the root and the first item */
    item_iter it;
    items_init(&it, r->data, open, end);
    size_t a, b;
    json_t *first = items_next(&it, &a, &b) == 1 ? item_at(r->data, a, b) : NULL;
    if (!first) { /* no items (read whole: the root's "text"), or bad */
        r->root = NULL;
        json_decref(root);
        return 0;
    }
    bool p20 = is_p20(root, first); /* as read_root tells it */
    json_decref(first);
    shape sh = p20 ? P20 : WHISPER;
    word_count wc = {0};
    size_t items = 0;
    if (items_pass(r, open, end, &sh, true, p20 ? &wc : NULL, &items) != 0 ||
        items > PODFMT_MAX_SEGMENTS) {
        /* read whole, which tells what is wrong; the speakers made so far
         * are the ones it makes first, in the same order */
        r->status = PODFMT_OK;
        r->root = NULL;
        json_decref(root);
        return 0;
    }
    if (p20)
        sh.words = words_verdict(r, &wc);
    int rc = doc_stream_open(r->doc) != 0 ? out_of_memory(r) : 0;
    if (rc == 0)
        rc = items_pass(r, open, end, &sh, false, NULL, &items);
    if (rc == 0)
        rc = phrase_flush(r);
    if (rc != 0 && r->status == PODFMT_OK) {
        /* the first pass took every item: only memory can fail now */
        error_set(r->err, 0, 0, "out of memory");
        r->status = PODFMT_EIO;
    }
    r->root = NULL;
    json_decref(root);
    return rc == 0 ? 1 : -1;
}

/* Whether the input surely gives no time: every time comes from a key
 * "start", "end", "startTime", "endTime", "from" or "to", and a key is
 * written in quotes, as it is or with \u escapes. */
static bool no_times(const char *data, size_t len)
{
    static const char *const keys[] = {"\"start", "\"end", "\"from\"", "\"to\""};
    for (size_t i = 0; i < len; i++) {
        if (data[i] == '\\' && i + 1 < len && data[i + 1] == 'u')
            return false;
        if (data[i] != '"')
            continue;
        for (size_t k = 0; k < sizeof keys / sizeof keys[0]; k++) {
            size_t kn = strlen(keys[k]);
            if (len - i >= kn && memcmp(data + i, keys[k], kn) == 0)
                return false;
        }
    }
    return true;
}

podfmt_status podfmt_read_json(podfmt_doc *doc, const char *data, size_t len,
                               const podfmt_options *opts, podfmt_error *err)
{
    size_t deep = too_deep(data, len);
    if (deep < len) {
        error_at(err, data, len, deep, "JSON nested more than %d deep",
                 PODFMT_MAX_NESTING);
        return PODFMT_EINPUT;
    }
    reader r = {0};
    r.doc = doc;
    r.opts = opts;
    r.data = data;
    r.len = len;
    r.err = err;
    r.status = PODFMT_OK;
    podfmt_buf_init(&r.scratch);
    podfmt_buf_init(&r.ph.text);
    if (doc_times_wanted(doc) && no_times(data, len))
        doc_set_untimed(doc); /* subtitle cues need not wait for a time */
    if (doc_stream_wanted(doc)) {
        int done = read_in_pieces(&r);
        if (done != 0) {
            podfmt_buf_free(&r.scratch);
            podfmt_buf_free(&r.ph.text);
            return done > 0 ? PODFMT_OK : r.status;
        }
    }
    json_error_t jerr;
    /* Duplicate keys are refused: which "start" would be meant? */
    json_t *root = json_loadb(data, len, JSON_REJECT_DUPLICATES, &jerr);
    if (!root) {
        podfmt_buf_free(&r.scratch);
        podfmt_buf_free(&r.ph.text);
        if (json_error_code(&jerr) == json_error_out_of_memory) {
            error_set(err, 0, 0, "out of memory");
            return PODFMT_EIO;
        }
        /* jansson counts lines by LF only; podfmt counts CR and CRLF too */
        size_t off = jerr.position > 0 ? (size_t)jerr.position : 0;
        if (off > len)
            off = len;
        /* jansson's position is past the token it names ("near 'x'");
         * point at the token's start instead */
        const char *near = strstr(jerr.text, " near '");
        size_t tl = strlen(jerr.text);
        if (near && tl > 0 && jerr.text[tl - 1] == '\'') {
            size_t tok = (size_t)(jerr.text + tl - 1 - (near + 7));
            if (tok <= off)
                off -= tok;
        }
        if (strstr(jerr.text, "JSON_ALLOW_NUL")) /* names jansson's API */
            error_at(err, data, len, off,
                     "invalid JSON: \\u0000 (a NUL character) in a string");
        else
            error_at(err, data, len, off, "invalid JSON: %s", jerr.text);
        return PODFMT_EINPUT;
    }
    r.root = root;
    if (read_root(&r) != 0 && r.status == PODFMT_OK)
        r.status = PODFMT_EINPUT;
    podfmt_buf_free(&r.scratch);
    podfmt_buf_free(&r.ph.text);
    json_decref(root);
    return r.status;
}
