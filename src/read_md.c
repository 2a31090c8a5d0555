/* The Markdown reader: posts and exports written in Markdown — interview
 * posts ("**Ana Ruiz:** text"), Otter exports pasted as Markdown
 * ("**Ana** [00:00:00] text"), diarizer output ("**[00:00] SPEAKER_00:**"),
 * with YAML front matter, show notes and a transcript marker before the
 * talk and publication furniture after it.
 *
 * The input is parsed by cmark and its tree walked (never scanned by
 * hand); libyaml reads the front matter.  The walk turns the tree into
 * "lines": a paragraph is cut at its line breaks, each piece rebuilt as
 * CommonMark inline text (mdread_inline.c).  The lines then go through the
 * same decisions as the text reader's (label.c recognises the label
 * shapes; a label is a speaker when it recurs, the configuration names
 * it, or its shape leaves no doubt), in three passes:
 *   1. walk the tree into lines, and keep of each line only a row: what
 *      the decisions need (its shape, the label or name it opens with);
 *   2. give each row its role: turn, text, heading, title, note, dropped;
 *   3. build the document: notes before the first turn, turns, headings,
 *      notes after the furniture that follows the last turn.
 * A long body is parsed a piece at a time (piece_end), and pass 3 parses
 * each piece again for its lines: what stays in memory between the
 * passes is the input and eight bytes a line, not the lines' text.
 * Every pass is linear in the input. */
#include "label.h"
#include "mdread.h"
#include "parabuild.h"

#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <yaml.h>

/* Where a line came from. */
enum { S_PARA = 0, S_HEADING, S_LITERAL, S_RULE };
/* How a line attaches to the one before it. */
enum { J_BLOCK = PB_NEW, J_SOFT = PB_SOFT, J_HARD = PB_IF_GOES_ON };

typedef enum {
    R_TEXT = 0,
    R_LABEL,      /* an accepted speaker label, maybe with text */
    R_NAME_ALONE, /* a speaker's name alone on its line */
    R_CONTINUE,   /* Rev's "(00:02:10):" */
    R_CHANGE,     /* ">>" (only where cmark leaves it text) */
    R_TIME,       /* "[00:12] text" */
    R_HEADING,    /* a heading, or a bold-only structure line in the body */
    R_TITLE,      /* the heading that is the document's title: dropped */
    R_NOTE,       /* "Note: ..." in the body: nobody says it */
    R_RULE,       /* a thematic break */
    R_DROP        /* furniture that is not text ("Transcribed by otter") */
} role;

typedef struct mline {
    size_t off, n;   /* inline text in r->text, list marker included */
    size_t skip;     /* bytes of list marker ("1. ") at its start */
    size_t poff, pn; /* the characters without markup, in r->plain */
    size_t hoff, hn; /* bold-only lines: the bold text, colon dropped */
    int64_t htime;   /* and the time after it */
    unsigned char src, join, level, role;
    bool boldonly;
} mline;

/* What the roles need of a line (pass 1), kept for the whole document. */
enum {
    F_SKIP = 1 << 0,     /* it opens a list item */
    F_H1 = 1 << 1,       /* a level 1 heading */
    F_TITLE = 1 << 2,    /* ... that repeats the front matter's title */
    F_NOPLAIN = 1 << 3,  /* no character without markup */
    F_LONG = 1 << 4,     /* more than 20: it may repeat a line of the front */
    F_COLON = 1 << 5,    /* the last of them is a colon */
    F_EMPTY = 1 << 6,    /* no inline text at all */
    F_MARKER = 1 << 7,   /* a transcript marker (is_marker, as a block) */
    F_TIME = 1 << 8,     /* line_classify gives it a time */
    F_LABEL = 1 << 9,    /* line_classify: LINE_LABEL */
    F_SURE = 1 << 10,    /* a label whose shape leaves no doubt or that the
                          * configuration names; a name alone that it names */
    F_BOLD1 = 1 << 11,   /* "**Ben:** text" opening a paragraph */
    F_NAMELIKE = 1 << 12, /* text: a name, first line of a paragraph */
    F_BOLDHEAD = 1 << 13, /* "**Break**: [23:37]": a heading if text */
    F_NOTE = 1 << 14     /* "Note: ...": a note if text */
};

typedef struct mrow {
    uint32_t name; /* 1 + its label (F_LABEL) or name (F_NAMELIKE) in
                    * r->names; 0 none */
    unsigned src : 2, join : 2, role : 4, flags : 16;
} mrow;

/* A piece of the body, parsed on its own: bytes [at, end) of the input,
 * its lines from row `first` on. */
typedef struct piece {
    size_t at, end, first;
} piece;

typedef struct name {
    const char *s;
    size_t n;
} name;

typedef struct reader {
    podfmt_doc *doc;
    const podfmt_options *opts;
    const char *data;
    piece *pieces;
    size_t n_pieces, cap_pieces;
    size_t loaded;    /* the piece whose lines are in `lines`; SIZE_MAX none */
    mline *lines;     /* of the piece loaded */
    size_t n_lines, cap_lines;
    podfmt_buf text, plain;
    mrow *rows;       /* of every line of the document */
    size_t n_rows, cap_rows;
    name *names;      /* the labels and names the rows open with */
    size_t n_names, cap_names;
    strmap name_ids;  /* name -> index in names */
    arena keys;       /* their text */
    podfmt_buf h1;    /* the plain text of the first level 1 heading */
    bool have_h1;
    strmap label_count; /* label -> lines it opens */
    strmap alone_count; /* name alone on a line -> how often */
    parabuild pb;     /* the open block and the segment being gathered */
    int last_speaker; /* of the last turn: text after a heading goes on */
    bool oom;
} reader;

static const char *ltext(const reader *r, const mline *l)
{
    return r->text.data + l->off;
}

static const char *lplain(const reader *r, const mline *l)
{
    return r->plain.data + l->poff;
}

/* ---- small helpers ------------------------------------------------------ */

/* "# TRANSCRIPT", "## Transcript", "**TRANSCRIPT BELOW:**", "Full
 * transcript:": at most four words, one of them "transcript". */
static bool is_marker(const char *s, size_t n)
{
    trim(&s, &n);
    if (n == 0 || n > 60)
        return false;
    size_t words = 0;
    bool found = false;
    for (size_t i = 0; i < n;) {
        while (i < n && s[i] == ' ')
            i++;
        size_t st = i;
        while (i < n && s[i] != ' ')
            i++;
        if (i == st)
            break;
        words++;
        size_t e = i;
        while (e > st && (s[e - 1] == ':' || s[e - 1] == '.' || s[e - 1] == '!'))
            e--;
        if (e - st == 10 && strncasecmp(s + st, "transcript", 10) == 0)
            found = true;
    }
    return found && words <= 4;
}

/* Compares two texts ignoring case and runs of spaces. */
static bool same_words(const char *a, size_t an, const char *b, size_t bn)
{
    trim(&a, &an);
    trim(&b, &bn);
    size_t i = 0, j = 0;
    while (i < an && j < bn) {
        if (a[i] == ' ' && b[j] == ' ') {
            while (i < an && a[i] == ' ')
                i++;
            while (j < bn && b[j] == ' ')
                j++;
            continue;
        }
        char x = a[i], y = b[j];
        if (x >= 'A' && x <= 'Z')
            x = (char)(x + 32);
        if (y >= 'A' && y <= 'Z')
            y = (char)(y + 32);
        if (x != y)
            return false;
        i++;
        j++;
    }
    return i == an && j == bn;
}

/* "[23:37]", "(23:37)", "\[23:37\]", "23:37" filling all of s. */
static int64_t whole_time(const char *s, size_t n)
{
    trim(&s, &n);
    if (n >= 4 && s[0] == '\\' && s[1] == '[' && s[n - 2] == '\\' && s[n - 1] == ']') {
        s += 2;
        n -= 4;
    } else if (n >= 2 && ((s[0] == '[' && s[n - 1] == ']') ||
                          (s[0] == '(' && s[n - 1] == ')'))) {
        s++;
        n -= 2;
    }
    int64_t ms;
    if (n && parse_clock(s, n, &ms) == n)
        return ms;
    return PODFMT_NO_TIME;
}

/* ---- YAML front matter --------------------------------------------------- */

/* Folds white space (block scalars keep line ends) and sets the value. */
static int set_meta_folded(podfmt_doc *doc, const char *key, const char *v,
                           size_t n)
{
    podfmt_buf b;
    podfmt_buf_init(&b);
    bool space = false;
    for (size_t i = 0; i < n; i++) {
        char c = v[i];
        if (c == ' ' || c == '\t' || c == '\n' || c == '\r') {
            space = b.len > 0;
            continue;
        }
        if (space)
            podfmt_buf_putc(&b, ' ');
        space = false;
        podfmt_buf_putc(&b, c);
    }
    int rc = b.failed ? -1
             : b.len  ? podfmt_doc_set_meta(doc, key, b.data, b.len)
                      : 0;
    podfmt_buf_free(&b);
    return rc;
}

static bool is_null_scalar(const yaml_event_t *ev)
{
    if (ev->data.scalar.style != YAML_PLAIN_SCALAR_STYLE)
        return false;
    const char *v = (const char *)ev->data.scalar.value;
    size_t n = ev->data.scalar.length;
    return n == 0 || (n == 1 && v[0] == '~') ||
           (n == 4 && (memcmp(v, "null", 4) == 0 || memcmp(v, "Null", 4) == 0 ||
                       memcmp(v, "NULL", 4) == 0));
}

/* Reads a front matter mapping into meta: scalar values as strings, a
 * list of scalars joined with ", ", nested mappings ignored.  Returns 0,
 * 1 when the YAML is not a mapping (then it is not front matter), -1 on
 * an error (err filled; `line0` is the file line of the YAML's first
 * line). */
static int read_front(podfmt_doc *doc, const char *y, size_t n, int line0,
                      podfmt_error *err, bool *oom)
{
    yaml_parser_t p;
    if (!yaml_parser_initialize(&p)) {
        *oom = true;
        return -1;
    }
    yaml_parser_set_input_string(&p, (const unsigned char *)y, n);
    int rc = 0, depth = 0;
    bool expect_key = true, collecting = false, done = false;
    podfmt_buf key, list;
    podfmt_buf_init(&key);
    podfmt_buf_init(&list);
    while (!done) {
        yaml_event_t ev;
        if (!yaml_parser_parse(&p, &ev)) {
            yaml_mark_t m = p.problem_mark;
            error_set(err, line0 + (int)m.line, (int)m.column + 1,
                      "front matter: %s%s%s",
                      p.problem ? p.problem : "not valid YAML",
                      p.context ? " " : "", p.context ? p.context : "");
            rc = -1;
            break;
        }
        switch (ev.type) {
        case YAML_STREAM_END_EVENT:
            done = true;
            break;
        case YAML_MAPPING_START_EVENT:
        case YAML_SEQUENCE_START_EVENT:
            if (depth == 0 && ev.type != YAML_MAPPING_START_EVENT) {
                rc = 1;
                done = true;
                break;
            }
            if (depth == 1 && !expect_key && ev.type == YAML_SEQUENCE_START_EVENT) {
                collecting = true;
                list.len = 0;
            }
            depth++;
            break;
        case YAML_MAPPING_END_EVENT:
        case YAML_SEQUENCE_END_EVENT:
            depth--;
            if (depth == 1) {
                /* a nested value ended (or a complex key: its value follows) */
                if (collecting && list.len && key.len) {
                    podfmt_buf_putc(&key, '\0');
                    if (set_meta_folded(doc, key.data, list.data, list.len))
                        *oom = true;
                }
                collecting = false;
                expect_key = !expect_key;
                key.len = 0;
            }
            break;
        case YAML_SCALAR_EVENT:
        case YAML_ALIAS_EVENT:
            if (depth == 0) {
                if (ev.type == YAML_ALIAS_EVENT || !is_null_scalar(&ev)) {
                    rc = 1;
                    done = true;
                }
                break;
            }
            if (depth == 2 && collecting && ev.type == YAML_SCALAR_EVENT) {
                if (list.len)
                    podfmt_buf_puts(&list, ", ");
                podfmt_buf_put(&list, (const char *)ev.data.scalar.value,
                               ev.data.scalar.length);
                break;
            }
            if (depth != 1)
                break;
            if (expect_key) {
                key.len = 0;
                if (ev.type == YAML_SCALAR_EVENT)
                    podfmt_buf_put(&key, (const char *)ev.data.scalar.value,
                                   ev.data.scalar.length);
            } else if (ev.type == YAML_SCALAR_EVENT && key.len &&
                       !is_null_scalar(&ev)) {
                podfmt_buf_putc(&key, '\0');
                if (set_meta_folded(doc, key.data,
                                    (const char *)ev.data.scalar.value,
                                    ev.data.scalar.length))
                    *oom = true;
            }
            expect_key = !expect_key;
            break;
        default:
            break;
        }
        yaml_event_delete(&ev);
    }
    if (key.failed || list.failed)
        *oom = true;
    podfmt_buf_free(&key);
    podfmt_buf_free(&list);
    yaml_parser_delete(&p);
    return rc;
}

static bool is_fence(const char *s, size_t n, bool closing)
{
    while (n && (s[n - 1] == ' ' || s[n - 1] == '\t'))
        n--;
    return n == 3 && (memcmp(s, "---", 3) == 0 ||
                      (closing && memcmp(s, "...", 3) == 0));
}

/* Cuts "---" ... "---" (or "...") at the very start off the input and
 * reads it.  *body is where Markdown starts.  0, or -1 on an error. */
static int front_matter(reader *r, const char *data, size_t len, size_t *body,
                        podfmt_error *err)
{
    *body = 0;
    line_iter it;
    line_iter_init(&it, data, len);
    const char *s;
    size_t n;
    if (!line_next(&it, &s, &n) || !is_fence(s, n, false))
        return 0;
    const char *yaml_start = it.p;
    while (line_next(&it, &s, &n)) {
        if (!is_fence(s, n, true))
            continue;
        size_t ylen = (size_t)(s - yaml_start);
        int rc = read_front(r->doc, yaml_start, ylen, 2, err, &r->oom);
        if (rc < 0)
            return r->oom ? 0 : -1;
        if (rc == 0)
            *body = (size_t)(it.p - data);
        return 0;
    }
    return 0; /* never closed: a thematic break, not front matter */
}

/* ---- pass 1: the tree into lines ------------------------------------------ */

static mline *new_line(reader *r, int src, int join)
{
    if (grow_array((void **)&r->lines, &r->cap_lines, r->n_lines + 1,
                   sizeof *r->lines) != 0) {
        r->oom = true;
        return NULL;
    }
    mline *l = &r->lines[r->n_lines++];
    memset(l, 0, sizeof *l);
    l->src = (unsigned char)src;
    l->join = (unsigned char)join;
    l->off = r->text.len;
    l->poff = r->plain.len;
    l->htime = PODFMT_NO_TIME;
    return l;
}

static void end_line(reader *r, mline *l)
{
    l->n = r->text.len - l->off;
    l->pn = r->plain.len - l->poff;
    if (r->text.failed || r->plain.failed)
        r->oom = true;
}

/* "**Break**: [23:37]", "**Key takeaways:**": one strong node, then at
 * most a colon and a time.  Keeps the bold text and the time apart. */
static void check_boldonly(reader *r, mline *l, cmark_node *first,
                           cmark_node *stop)
{
    if (!first || cmark_node_get_type(first) != CMARK_NODE_STRONG)
        return;
    cmark_node *rest = cmark_node_next(first);
    int64_t t = PODFMT_NO_TIME;
    if (rest && rest != stop) {
        if (cmark_node_get_type(rest) != CMARK_NODE_TEXT ||
            (cmark_node_next(rest) && cmark_node_next(rest) != stop))
            return;
        const char *lit = cmark_node_get_literal(rest);
        size_t n = lit ? strlen(lit) : 0;
        trim(&lit, &n);
        if (n && lit[0] == ':') {
            lit++;
            n--;
            trim(&lit, &n);
        }
        if (n) {
            t = whole_time(lit, n);
            if (t == PODFMT_NO_TIME)
                return;
        }
    }
    cmark_node *in = cmark_node_first_child(first);
    l->hoff = r->text.len;
    if (in && md_inlines(in, NULL, &r->text, NULL) != 0)
        r->oom = true;
    l->hn = r->text.len - l->hoff;
    /* the colon of "**Break:**" goes with the bold */
    const char *h = r->text.data ? r->text.data + l->hoff : "";
    while (l->hn && (h[l->hn - 1] == ':' || h[l->hn - 1] == ' '))
        l->hn--;
    if (l->hn == 0)
        return;
    l->htime = t;
    l->boldonly = true;
}

/* One run of inline nodes [first, stop) becomes a line. */
static void inline_line(reader *r, int src, int join, int level,
                        cmark_node *first, cmark_node *stop,
                        podfmt_buf *marker)
{
    mline *l = new_line(r, src, join);
    if (!l)
        return;
    size_t idx = r->n_lines - 1;
    l->level = (unsigned char)level;
    if (marker && marker->len) {
        podfmt_buf_put(&r->text, marker->data, marker->len);
        l->skip = marker->len;
        marker->len = 0;
    }
    if (md_inlines(first, stop, &r->text, &r->plain) != 0)
        r->oom = true;
    end_line(r, &r->lines[idx]);
    check_boldonly(r, &r->lines[idx], first, stop);
}

/* A paragraph is cut at its line breaks: "**Ana:** Hi" and "**Ben:**
 * Hello" on two lines without a blank line between are two turns. */
static void para_lines(reader *r, cmark_node *para, int src, int level,
                       podfmt_buf *marker)
{
    cmark_node *first = cmark_node_first_child(para);
    if (src == S_HEADING) {
        if (first)
            inline_line(r, src, J_BLOCK, level, first, NULL, marker);
        return;
    }
    int join = J_BLOCK;
    cmark_node *start = first;
    for (cmark_node *c = first; c; c = cmark_node_next(c)) {
        cmark_node_type t = cmark_node_get_type(c);
        if (t != CMARK_NODE_SOFTBREAK && t != CMARK_NODE_LINEBREAK)
            continue;
        if (start != c)
            inline_line(r, src, join, 0, start, c, marker);
        join = t == CMARK_NODE_SOFTBREAK ? J_SOFT : J_HARD;
        start = cmark_node_next(c);
    }
    if (start)
        inline_line(r, src, join, 0, start, NULL, marker);
}

/* Code and raw HTML blocks are text: each line a line (an indented
 * transcript becomes a code block). */
static void literal_lines(reader *r, cmark_node *node, podfmt_buf *marker)
{
    const char *lit = cmark_node_get_literal(node);
    if (!lit)
        return;
    size_t n = strlen(lit);
    line_iter it;
    line_iter_init(&it, lit, n);
    const char *s;
    size_t ln;
    int join = J_BLOCK;
    while (line_next(&it, &s, &ln)) {
        trim(&s, &ln);
        if (ln == 0) {
            join = J_BLOCK;
            continue;
        }
        mline *l = new_line(r, S_LITERAL, join);
        if (!l)
            return;
        if (marker && marker->len) {
            podfmt_buf_put(&r->text, marker->data, marker->len);
            l->skip = marker->len;
            marker->len = 0;
        }
        md_literal(s, ln, &r->text);
        podfmt_buf_put(&r->plain, s, ln);
        end_line(r, l);
        join = J_SOFT;
    }
}

typedef struct list_state {
    int next;  /* the number of the next item */
    bool ordered;
    char delim;
} list_state;

static void walk(reader *r, cmark_node *root)
{
    cmark_iter *it = cmark_iter_new(root);
    if (!it) {
        r->oom = true;
        return;
    }
    list_state *lists = NULL;
    size_t n_lists = 0, cap_lists = 0;
    podfmt_buf marker;
    podfmt_buf_init(&marker);
    cmark_event_type ev;
    while (!r->oom && (ev = cmark_iter_next(it)) != CMARK_EVENT_DONE) {
        cmark_node *node = cmark_iter_get_node(it);
        bool enter = ev == CMARK_EVENT_ENTER;
        switch (cmark_node_get_type(node)) {
        case CMARK_NODE_LIST:
            if (enter) {
                if (grow_array((void **)&lists, &cap_lists, n_lists + 1,
                               sizeof *lists) != 0) {
                    r->oom = true;
                    break;
                }
                list_state *ls = &lists[n_lists++];
                ls->ordered = cmark_node_get_list_type(node) == CMARK_ORDERED_LIST;
                ls->next = cmark_node_get_list_start(node);
                ls->delim = cmark_node_get_list_delim(node) == CMARK_PAREN_DELIM
                                ? ')'
                                : '.';
            } else if (n_lists) {
                n_lists--;
            }
            break;
        case CMARK_NODE_ITEM:
            marker.len = 0;
            if (enter && n_lists) {
                list_state *ls = &lists[n_lists - 1];
                if (ls->ordered) {
                    podfmt_buf_putu(&marker, (uint64_t)(ls->next < 0 ? 0 : ls->next));
                    podfmt_buf_putc(&marker, ls->delim);
                    podfmt_buf_putc(&marker, ' ');
                    ls->next++;
                } else {
                    podfmt_buf_puts(&marker, "- ");
                }
            }
            break;
        case CMARK_NODE_PARAGRAPH:
        case CMARK_NODE_HEADING:
            if (enter) {
                bool h = cmark_node_get_type(node) == CMARK_NODE_HEADING;
                para_lines(r, node, h ? S_HEADING : S_PARA,
                           h ? cmark_node_get_heading_level(node) : 0, &marker);
                cmark_iter_reset(it, node, CMARK_EVENT_EXIT);
            }
            break;
        case CMARK_NODE_CODE_BLOCK:
        case CMARK_NODE_HTML_BLOCK:
            literal_lines(r, node, &marker);
            break;
        case CMARK_NODE_THEMATIC_BREAK: {
            mline *l = new_line(r, S_RULE, J_BLOCK);
            if (l)
                end_line(r, l);
            break;
        }
        default:
            break;
        }
        if (marker.failed)
            r->oom = true;
    }
    podfmt_buf_free(&marker);
    free(lists);
    cmark_iter_free(it);
}

/* ---- pass 1: the pieces into rows ---------------------------------------- */

static bool config_names(const reader *r, const char *l, size_t n)
{
    return r->opts->config && podfmt_config_find(r->opts->config, l, n);
}

/* The content of a line without its list marker. */
static void content(const reader *r, const mline *l, const char **s, size_t *n)
{
    *s = ltext(r, l) + l->skip;
    *n = l->n - l->skip;
}

static bool is_editor_note(const char *s, size_t n)
{
    return text_has_prefix_ci(s, n, "Note:") || text_has_prefix_ci(s, n, "Editor's note") ||
           text_has_prefix_ci(s, n, "Editor\xE2\x80\x99s note") ||
           text_has_prefix_ci(s, n, "*Note:") || text_has_prefix_ci(s, n, "*Editor's note");
}

/* Parses piece k into `lines`. */
static void parse_piece(reader *r, size_t k)
{
    r->loaded = SIZE_MAX;
    r->n_lines = 0;
    r->text.len = 0;
    r->plain.len = 0;
    const piece *p = &r->pieces[k];
    cmark_node *root = cmark_parse_document(r->data + p->at, p->end - p->at,
                                            CMARK_OPT_DEFAULT);
    if (!root) {
        r->oom = true;
        return;
    }
    cmark_consolidate_text_nodes(root);
    walk(r, root);
    cmark_node_free(root);
    podfmt_buf_cstr(&r->text); /* lines point into them: never NULL */
    podfmt_buf_cstr(&r->plain);
    if (r->text.failed || r->plain.failed)
        r->oom = true;
    if (!r->oom)
        r->loaded = k;
}

/* Has the lines of piece k in `lines`, after pass 1: parsed again, they
 * are the lines its rows were made of. */
static void load_piece(reader *r, size_t k)
{
    if (r->loaded == k || r->oom)
        return;
    parse_piece(r, k);
    size_t end = k + 1 < r->n_pieces ? r->pieces[k + 1].first : r->n_rows;
    if (!r->oom && r->pieces[k].first + r->n_lines != end) {
        r->oom = true; /* cannot be: cmark is deterministic */
        r->loaded = SIZE_MAX;
    }
}

/* Line g of the document, its piece loaded; NULL out of memory. */
static mline *line_at(reader *r, size_t g)
{
    size_t lo = 0, hi = r->n_pieces; /* the last piece with first <= g */
    while (hi - lo > 1) {
        size_t mid = lo + (hi - lo) / 2;
        if (r->pieces[mid].first <= g)
            lo = mid;
        else
            hi = mid;
    }
    load_piece(r, lo);
    return r->oom ? NULL : &r->lines[g - r->pieces[lo].first];
}

/* 1 + the index of s[0..n) in names. */
static uint32_t intern(reader *r, const char *s, size_t n)
{
    int id = strmap_get(&r->name_ids, s, n);
    if (id >= 0)
        return (uint32_t)id + 1;
    char *k = arena_strndup(&r->keys, s, n);
    if (!k || r->n_names >= INT32_MAX ||
        grow_array((void **)&r->names, &r->cap_names, r->n_names + 1,
                   sizeof *r->names) != 0 ||
        strmap_put(&r->name_ids, k, n, (int)r->n_names) != 0) {
        r->oom = true;
        return 0;
    }
    r->names[r->n_names].s = k;
    r->names[r->n_names].n = n;
    return (uint32_t)++r->n_names;
}

/* A line's row: its shape, and the role it has unless recurrence decides
 * (R_LABEL for every label, R_TEXT for every name alone). */
static void add_row(reader *r, const mline *l)
{
    if (grow_array((void **)&r->rows, &r->cap_rows, r->n_rows + 1,
                   sizeof *r->rows) != 0) {
        r->oom = true;
        return;
    }
    mrow *w = &r->rows[r->n_rows++];
    memset(w, 0, sizeof *w);
    w->src = l->src;
    w->join = l->join;
    const char *p = lplain(r, l), *s;
    size_t pn = l->pn, n;
    content(r, l, &s, &n);
    bool block = l->join == J_BLOCK && !l->skip;
    unsigned f = 0;
    if (l->skip)
        f |= F_SKIP;
    if (pn == 0)
        f |= F_NOPLAIN;
    if (pn > 20)
        f |= F_LONG;
    if (pn && p[pn - 1] == ':')
        f |= F_COLON;
    if (l->n == 0)
        f |= F_EMPTY;
    bool marker = is_marker(p, pn);
    if (block && marker && (l->src == S_HEADING || l->boldonly || p[pn - 1] == ':'))
        f |= F_MARKER;
    if (l->src == S_HEADING && l->level == 1) {
        f |= F_H1;
        const char *title = podfmt_doc_meta(r->doc, "title");
        if (title && same_words(title, strlen(title), p, pn))
            f |= F_TITLE;
        if (!r->have_h1) {
            r->have_h1 = true;
            podfmt_buf_put(&r->h1, p, pn);
            if (r->h1.failed)
                r->oom = true;
        }
    }
    role ro = R_TEXT;
    if (l->src == S_RULE)
        ro = R_RULE;
    else if (line_is_otter_credit(p, pn))
        ro = R_DROP;
    else if (l->src == S_HEADING)
        ro = R_HEADING;
    if (l->src == S_PARA || l->src == S_LITERAL) {
        line_info li;
        line_classify(s, n, &li);
        if (li.time != PODFMT_NO_TIME)
            f |= F_TIME;
        switch (li.kind) {
        case LINE_LABEL:
            f |= F_LABEL;
            if (li.strong || config_names(r, li.label, li.label_len))
                f |= F_SURE;
            w->name = intern(r, li.label, li.label_len);
            /* "**Ben:** text" opening a paragraph, or "**Ben:**" alone
             * above its paragraphs: see assign_roles */
            if (block && (li.text_len > 0 || li.colon) && !marker && n > 2 &&
                s[0] == '*' && s[1] == '*' && li.label >= s + 2 && li.label < s + 4)
                f |= F_BOLD1;
            if (ro == R_TEXT)
                ro = R_LABEL;
            break;
        case LINE_CONTINUE:
            if (ro == R_TEXT)
                ro = R_CONTINUE;
            break;
        case LINE_CHANGE:
            if (ro == R_TEXT)
                ro = R_CHANGE;
            break;
        case LINE_TIME:
            if (ro == R_TEXT)
                ro = R_TIME;
            break;
        default:
            if (block && label_is_namelike(s, n)) {
                f |= F_NAMELIKE;
                if (config_names(r, s, n))
                    f |= F_SURE;
                w->name = intern(r, s, n);
            }
            break;
        }
        if (block) {
            if (l->boldonly && !label_is_namelike(r->text.data + l->hoff, l->hn))
                f |= F_BOLDHEAD;
            else if (is_editor_note(s, n))
                f |= F_NOTE;
        }
    }
    w->role = ro;
    w->flags = f;
}

/* ---- pass 2: roles ----------------------------------------------------------- */

/* A name alone as the first line of a paragraph, with something after it
 * (the rest of the paragraph, or the next paragraph). */
static bool may_be_name_alone(const reader *r, size_t i)
{
    return (r->rows[i].flags & F_NAMELIKE) && i + 1 < r->n_rows &&
           r->rows[i + 1].src != S_HEADING && r->rows[i + 1].src != S_RULE;
}

static const name *row_name(const reader *r, const mrow *w)
{
    return &r->names[w->name - 1];
}

static void count_labels(reader *r)
{
    for (size_t i = 0; i < r->n_rows && !r->oom; i++) {
        const mrow *w = &r->rows[i];
        int rc = 0;
        if (w->flags & F_LABEL) { /* "Ana (host)" counts as "Ana" */
            const name *nm = row_name(r, w);
            rc = strmap_add(&r->label_count, nm->s, label_without_role(nm->s, nm->n), 1);
        } else if (may_be_name_alone(r, i)) {
            const name *nm = row_name(r, w);
            rc = strmap_add(&r->alone_count, nm->s, nm->n, 1);
        }
        if (rc < 0)
            r->oom = true;
    }
}

static bool is_turn_start(unsigned ro)
{
    return ro == R_LABEL || ro == R_NAME_ALONE || ro == R_CHANGE;
}

static void assign_roles(reader *r)
{
    size_t marker = r->n_rows;
    bool speakers = false; /* some label surely is a speaker */
    for (size_t i = 0; i < r->n_rows; i++) {
        mrow *w = &r->rows[i];
        if (marker == r->n_rows && (w->flags & F_MARKER) && w->role != R_RULE &&
            w->role != R_DROP)
            marker = i;
        if (w->role == R_LABEL) {
            const name *nm = row_name(r, w);
            bool yes = (w->flags & F_SURE) ||
                       strmap_get(&r->label_count, nm->s,
                                  label_without_role(nm->s, nm->n)) >= 2;
            w->role = yes ? R_LABEL : R_TEXT;
            /* "**Ben:** text" opening a paragraph, or "**Ben:**" alone
             * above its paragraphs, is a speaker even once in a document
             * where others speak: the writer made the name bold to say so
             * (in an essay, "**Soil First:**" is a lead-in) */
            if (yes)
                w->flags &= ~(unsigned)F_BOLD1;
            speakers |= yes;
        } else if (w->role == R_TEXT && may_be_name_alone(r, i)) {
            const name *nm = row_name(r, w);
            int c = strmap_get(&r->alone_count, nm->s, nm->n);
            if (c >= 2 || (c >= 1 && (w->flags & F_SURE)))
                w->role = R_NAME_ALONE;
        }
        if (w->role == R_TEXT && w->join == J_BLOCK && !(w->flags & F_SKIP)) {
            if (w->flags & F_BOLDHEAD)
                w->role = R_HEADING; /* "**Break**: [23:37]" */
            else if (w->flags & F_NOTE)
                w->role = R_NOTE;
        }
    }
    if (speakers)
        for (size_t i = 0; i < r->n_rows; i++)
            if ((r->rows[i].flags & F_BOLD1) && r->rows[i].role == R_TEXT)
                r->rows[i].role = R_LABEL;
    /* Show notes and summaries before the transcript marker are notes,
     * whatever they look like. */
    if (marker < r->n_rows)
        for (size_t i = 0; i < marker; i++)
            if (r->rows[i].role != R_HEADING && r->rows[i].role != R_DROP &&
                r->rows[i].role != R_RULE)
                r->rows[i].role = R_TEXT;
    /* The title: the "#" heading that repeats the front matter's title,
     * or else the first "#" heading, when it comes before any turn. */
    const char *title = podfmt_doc_meta(r->doc, "title");
    for (size_t i = 0; i < r->n_rows; i++) {
        mrow *w = &r->rows[i];
        if (!title && is_turn_start(w->role))
            break;
        if (!(w->flags & F_H1))
            continue;
        if (title) {
            if (w->flags & F_TITLE) {
                w->role = R_TITLE;
                break;
            }
            continue;
        }
        if (i == marker || (w->flags & F_NOPLAIN))
            break;
        /* the first level 1 heading: its text was kept in pass 1 */
        if (podfmt_doc_set_meta(r->doc, "title", r->h1.data, r->h1.len) != 0)
            r->oom = true;
        w->role = R_TITLE;
        break;
    }
}

/* Whether some turn will have a time: every time a turn gets comes from
 * line_classify on a line of these roles (build_line). */
static bool any_turn_time(const reader *r)
{
    for (size_t i = 0; i < r->n_rows; i++) {
        const mrow *w = &r->rows[i];
        if ((w->flags & F_TIME) &&
            (w->role == R_LABEL || w->role == R_CHANGE ||
             w->role == R_CONTINUE || w->role == R_TIME))
            return true;
    }
    return false;
}

/* ---- pass 3: build --------------------------------------------------------- */

static void flush_para(reader *r) { pb_flush(&r->pb); }

static void open_block(reader *r, podfmt_block_kind kind, int speaker)
{
    pb_open_block(&r->pb, kind, speaker);
}

/* Adds a line of text: after a soft break it goes on with the open
 * segment; after a hard break too when it visibly continues; else it
 * starts one. */
static void add_text(reader *r, const char *s, size_t n, int64_t time, int join)
{
    pb_add(&r->pb, s, n, time, join);
}

static void add_single(reader *r, podfmt_block_kind kind, const char *s,
                       size_t n, int64_t time)
{
    open_block(r, kind, -1);
    add_text(r, s, n, time, J_BLOCK);
    flush_para(r);
    r->pb.block = -1;
}

/* A heading: "# **Break:** [22:39]" keeps "Break" and the time;
 * "## [00:12:30] Topic" keeps "Topic" and the time. */
static void add_heading(reader *r, const mline *l)
{
    if (l->boldonly) {
        add_single(r, PODFMT_BLOCK_HEADING, r->text.data + l->hoff, l->hn, l->htime);
        return;
    }
    line_info li;
    line_classify(ltext(r, l), l->n, &li);
    if (li.kind == LINE_TIME && li.text_len) {
        add_single(r, PODFMT_BLOCK_HEADING, li.text, li.text_len, li.time);
        return;
    }
    /* "## Intro [00:00]": a time in square brackets closing the heading
     * (in parentheses it is likely a time of day: "Doors open (19:30)") */
    const char *s = ltext(r, l);
    size_t n = l->n;
    trim(&s, &n);
    size_t open = n > 0 && s[n - 1] == ']' ? n : 0;
    while (open > 0 && s[open - 1] != '[')
        open--;
    if (open > 0) {
        open -= open >= 2 && s[open - 2] == '\\' ? 2 : 1;
        int64_t t = whole_time(s + open, n - open);
        size_t hn = open;
        while (hn > 0 && (s[hn - 1] == ' ' || s[hn - 1] == '-' || s[hn - 1] == ':'))
            hn--;
        if (t != PODFMT_NO_TIME && hn > 0) {
            add_single(r, PODFMT_BLOCK_HEADING, s, hn, t);
            return;
        }
    }
    add_single(r, PODFMT_BLOCK_HEADING, ltext(r, l), l->n, PODFMT_NO_TIME);
}

static int speaker_for(reader *r, const char *label, size_t n)
{
    /* the label came through the inline layer: drop its escapes */
    podfmt_buf b;
    podfmt_buf_init(&b);
    for (size_t i = 0; i < n; i++) {
        if (label[i] == '\\' && i + 1 < n)
            i++;
        podfmt_buf_putc(&b, label[i]);
    }
    int sp = b.failed ? -1 : podfmt_doc_speaker(r->doc, b.data ? b.data : "", b.len);
    podfmt_buf_free(&b);
    if (sp < 0)
        r->oom = true;
    return sp;
}

static void start_turn(reader *r, int speaker, bool force)
{
    if (force || r->pb.block < 0 || speaker < 0 || r->pb.speaker != speaker ||
        r->pb.kind != PODFMT_BLOCK_TURN)
        open_block(r, PODFMT_BLOCK_TURN, speaker);
    else
        flush_para(r);
    r->last_speaker = speaker;
}

/* A line of a paragraph; the first line of a list item starts a segment
 * of its own, the item, without its marker ("- ", "3. "). */
static void add_body(reader *r, const mline *l)
{
    if (!l->skip) {
        add_text(r, ltext(r, l), l->n, PODFMT_NO_TIME, l->join);
        return;
    }
    const char *m = ltext(r, l);
    int num = 0;
    size_t k = 0;
    while (k < l->skip && m[k] >= '0' && m[k] <= '9' && num < 100000000)
        num = num * 10 + (m[k++] - '0');
    flush_para(r);
    add_text(r, m + l->skip, l->n - l->skip, PODFMT_NO_TIME, J_BLOCK);
    r->pb.item = k ? (num > 0 ? num : 1) : PODFMT_ITEM_BULLET;
}

/* A time alone ("**Ana** [00:00]") belongs to the text that follows. */
static void pend_time(reader *r, int64_t time) { pb_pend_time(&r->pb, time); }

static void build_note(reader *r, const mline *l)
{
    switch ((role)l->role) {
    case R_DROP:
    case R_TITLE:
        return;
    case R_RULE:
        flush_para(r);
        r->pb.block = -1;
        return;
    case R_HEADING:
        if (l->src == S_HEADING) {
            add_heading(r, l);
            return;
        }
        break;
    default:
        break;
    }
    if (r->pb.block < 0 || r->pb.kind != PODFMT_BLOCK_NOTE)
        open_block(r, PODFMT_BLOCK_NOTE, -1);
    add_body(r, l);
}

static void build_line(reader *r, const mline *l, bool speakers)
{
    line_info li;
    const char *s;
    size_t n;
    content(r, l, &s, &n);
    switch ((role)l->role) {
    case R_DROP:
    case R_TITLE:
        return;
    case R_RULE:
        flush_para(r);
        return;
    case R_HEADING:
        add_heading(r, l);
        return;
    case R_NOTE:
        add_single(r, PODFMT_BLOCK_NOTE, ltext(r, l), l->n, PODFMT_NO_TIME);
        return;
    case R_LABEL:
        line_classify(s, n, &li);
        start_turn(r, speaker_for(r, li.label, li.label_len), false);
        add_text(r, li.text, li.text_len, li.time, J_BLOCK);
        if (li.text_len == 0 && li.time != PODFMT_NO_TIME)
            pend_time(r, li.time);
        return;
    case R_NAME_ALONE:
        start_turn(r, speaker_for(r, s, n), false);
        return;
    case R_CHANGE:
        line_classify(s, n, &li);
        start_turn(r, -1, true);
        add_text(r, li.text, li.text_len, li.time, J_BLOCK);
        return;
    case R_CONTINUE:
    case R_TIME:
        line_classify(s, n, &li);
        if (r->pb.block < 0)
            start_turn(r, speakers ? r->last_speaker : -1, !speakers);
        add_text(r, li.text, li.text_len, li.time, J_BLOCK);
        if (li.text_len == 0)
            pend_time(r, li.time);
        return;
    case R_TEXT:
        if (!speakers && l->join == J_BLOCK) { /* posts without labels: */
            flush_para(r);                     /* a paragraph is a turn */
            r->pb.block = -1;
        }
        if (r->pb.block < 0)
            start_turn(r, speakers ? r->last_speaker : -1, true);
        add_body(r, l);
        return;
    }
}

/* The plain text of the lines [0, to) longer than 20 characters, in
 * `front` (keys in a). */
static void front_lines(reader *r, size_t to, strmap *front, arena *a)
{
    for (size_t i = 0; i < to && !r->oom; i++) {
        if (!(r->rows[i].flags & F_LONG))
            continue;
        const mline *l = line_at(r, i);
        if (!l)
            break;
        char *k = arena_strndup(a, lplain(r, l), l->pn);
        if (!k || strmap_put(front, k, l->pn, 1) != 0)
            r->oom = true;
    }
}

/* Where the notes after the talk begin: at the first heading, rule,
 * piece of publication furniture or paragraph the front already had,
 * after the last turn; with the paragraphs just before it that announce
 * something ("Outro music is a Tatar folk song:").  The lines it reads
 * are parsed again: after the last turn, and the front when some text
 * there is long enough to repeat it. */
static size_t find_tail(reader *r, size_t first_turn, size_t last_turn)
{
    strmap front = {0};
    arena a;
    arena_init(&a);
    bool have_front = false;
    size_t f = r->n_rows;
    for (size_t i = last_turn + 1; i < r->n_rows && !r->oom; i++) {
        const mrow *w = &r->rows[i];
        if (w->role == R_HEADING || w->role == R_RULE) {
            f = i;
            break;
        }
        if (w->role != R_TEXT)
            continue;
        if ((w->flags & F_LONG) && !have_front) {
            front_lines(r, first_turn, &front, &a);
            have_front = true;
        }
        const mline *l = line_at(r, i);
        if (!l)
            break;
        if (line_is_furniture(lplain(r, l), l->pn) ||
            ((w->flags & F_LONG) && strmap_get(&front, lplain(r, l), l->pn) >= 0)) {
            f = i;
            break;
        }
    }
    strmap_free(&front);
    arena_free(&a);
    if (f == r->n_rows)
        return f;
    while (f > last_turn + 1 && r->rows[f].join != J_BLOCK)
        f--; /* the whole paragraph */
    if (r->rows[f].join != J_BLOCK)
        return f + 1 < r->n_rows ? f + 1 : r->n_rows;
    for (size_t k = f; k > last_turn + 1;) {
        k--;
        const mrow *w = &r->rows[k];
        if (w->role != R_TEXT || w->join != J_BLOCK || (w->flags & F_EMPTY) ||
            !(w->flags & F_COLON))
            break;
        f = k;
    }
    return f;
}

/* Makes the speakers of lines [from, to) as building them would, so that
 * the writer can start before the blocks are built (doc_stream_open). */
static void declare_speakers(reader *r, size_t from, size_t to)
{
    for (size_t i = from; i < to && !r->oom; i++) {
        const mrow *w = &r->rows[i];
        if (w->role == R_LABEL || w->role == R_NAME_ALONE) {
            const name *nm = row_name(r, w);
            speaker_for(r, nm->s, nm->n);
        }
    }
}

/* Builds every line, the pieces parsed again: notes before line a, the
 * talk in [a, b), notes from b on.  Each piece's input goes back once
 * it is built. */
static void build_lines(reader *r, size_t a, size_t b, bool speakers)
{
    for (size_t k = 0; k < r->n_pieces && !r->oom; k++) {
        load_piece(r, k);
        size_t first = r->pieces[k].first;
        for (size_t j = 0; j < r->n_lines && !r->oom; j++) {
            size_t g = first + j;
            mline *l = &r->lines[j];
            l->role = (unsigned char)r->rows[g].role;
            if (g == a || g == b) {
                flush_para(r);
                r->pb.block = -1;
            }
            if (g >= a && g < b)
                build_line(r, l, speakers);
            else
                build_note(r, l);
        }
        doc_input_release(r->doc, r->data + r->pieces[k].end);
    }
    flush_para(r);
}

static void build(reader *r)
{
    size_t first_turn = r->n_rows, last_turn = 0;
    bool speakers = false;
    for (size_t i = 0; i < r->n_rows; i++) {
        const mrow *w = &r->rows[i];
        if (w->role == R_LABEL || w->role == R_NAME_ALONE)
            speakers = true;
        if (is_turn_start(w->role)) {
            if (first_turn == r->n_rows)
                first_turn = i;
            last_turn = i;
        }
    }
    if (!speakers) {
        /* no labels at all (an essay, a monologue): turns without a
         * speaker, nothing invented; only what a marker puts before the
         * transcript is notes */
        if (doc_stream_open(r->doc) != 0)
            r->oom = true;
        size_t start = 0;
        for (size_t i = 0; i < r->n_rows; i++)
            if (r->rows[i].flags & F_MARKER) {
                start = i + 1;
                break;
            }
        build_lines(r, start, r->n_rows, false);
        return;
    }
    size_t tail = find_tail(r, first_turn, last_turn);
    if (doc_stream_wanted(r->doc)) {
        /* the writer starts now: every speaker first */
        declare_speakers(r, first_turn, tail);
        if (!r->oom && doc_stream_open(r->doc) != 0)
            r->oom = true;
    }
    build_lines(r, first_turn, tail, true);
}

/* ---- the body in pieces -------------------------------------------------- */

/* cmark keeps the tree of what it parses, ten times the text; a long body
 * is parsed a piece at a time where that cannot change what cmark sees.
 * Only three things reach across a blank line to a line that opens at
 * its first column: a link reference definition (it applies to the whole
 * document), a fenced code block, and an HTML block that ends at a marker
 * (a comment, <pre>, <script> ...); a list goes on only at a list item.
 * A body without the first three is cut before a line that opens with
 * no white space and no list marker, after a blank line: every block of
 * the piece before is closed there, and the line opens a block of the
 * document itself.  A piece of 256 KiB: its tree, a few MiB, is what
 * the parse adds to the input and the rows (a 20 MB post to HTML peaks at
 * 27 MiB with it, 30 with 512 KiB, 37 with 1 MiB), and more pieces cost
 * no time that shows. */
size_t md_piece_size = (size_t)1 << 18;

static bool lower_prefix(const char *s, size_t n, const char *word)
{
    size_t k = strlen(word);
    return n >= k && strncasecmp(s, word, k) == 0;
}

/* Whether s[0..n) has none of the three, and no line ended by a CR
 * alone (the pieces are cut at LF). */
static bool piecewise(const char *s, size_t n)
{
    for (size_t i = 0; i + 1 < n; i++) {
        switch (s[i]) {
        case ']':
            if (s[i + 1] == ':')
                return false; /* "[label]: destination" */
            break;
        case '`':
        case '~':
            if (i + 2 < n && s[i + 1] == s[i] && s[i + 2] == s[i])
                return false;
            break;
        case '\r':
            if (s[i + 1] != '\n')
                return false; /* cmark ends a line there too */
            break;
        case '<':
            if (s[i + 1] == '!' || s[i + 1] == '?' ||
                lower_prefix(s + i + 1, n - i - 1, "script") ||
                lower_prefix(s + i + 1, n - i - 1, "pre") ||
                lower_prefix(s + i + 1, n - i - 1, "style") ||
                lower_prefix(s + i + 1, n - i - 1, "textarea"))
                return false;
            break;
        default:
            break;
        }
    }
    return true;
}

static bool blank_line(const char *s, size_t n)
{
    for (size_t i = 0; i < n; i++)
        if (s[i] != ' ' && s[i] != '\t' && s[i] != '\r')
            return false;
    return true;
}

/* Whether a block of the document itself opens at the line s[0..n).  A
 * line that starts with a byte order mark does not: cmark drops one at
 * the start of what it parses, which a piece would start with. */
static bool opens_at_margin(const char *s, size_t n)
{
    if (n == 0 || blank_line(s, n) || s[0] == ' ' || s[0] == '\t' ||
        s[0] == '>' || (n >= 3 && memcmp(s, "\xEF\xBB\xBF", 3) == 0))
        return false;
    size_t i = 0;
    if (s[0] == '-' || s[0] == '+' || s[0] == '*') {
        i = 1;
    } else {
        while (i < n && i < 10 && s[i] >= '0' && s[i] <= '9')
            i++;
        if (i == 0 || i >= n || (s[i] != '.' && s[i] != ')'))
            return true;
        i++;
    }
    /* a list marker is followed by white space or the line's end */
    return !(i >= n || s[i] == ' ' || s[i] == '\t' || s[i] == '\r');
}

/* Where the piece that starts at `from` ends: the first line past
 * md_piece_size that opens at the margin after a blank line; or n. */
static size_t piece_end(const char *s, size_t n, size_t from)
{
    if (n - from <= md_piece_size)
        return n;
    const char *nl = memchr(s + from + md_piece_size, '\n',
                            n - from - md_piece_size);
    bool blank = false; /* the line before is blank */
    while (nl) {
        size_t at = (size_t)(nl - s) + 1;
        const char *next = at < n ? memchr(s + at, '\n', n - at) : NULL;
        size_t ln = (next ? (size_t)(next - s) : n) - at;
        if (blank && opens_at_margin(s + at, ln))
            return at;
        blank = blank_line(s + at, ln);
        nl = next;
    }
    return n;
}

podfmt_status podfmt_read_md(podfmt_doc *doc, const char *data, size_t len,
                             const podfmt_options *opts, podfmt_error *err)
{
    reader r;
    memset(&r, 0, sizeof r);
    r.doc = doc;
    r.opts = opts;
    r.data = data;
    r.loaded = SIZE_MAX;
    r.last_speaker = -1;
    pb_init(&r.pb, doc, &r.oom);
    podfmt_buf_init(&r.text);
    podfmt_buf_init(&r.plain);
    podfmt_buf_init(&r.h1);
    arena_init(&r.keys);
    podfmt_status st = PODFMT_OK;
    size_t body;
    if (front_matter(&r, data, len, &body, err) != 0) {
        st = PODFMT_EINPUT;
        goto out;
    }
    /* pass 1, a piece at a time; the last piece stays parsed */
    bool pieces = len - body > md_piece_size && piecewise(data + body, len - body);
    size_t at = body;
    do {
        if (grow_array((void **)&r.pieces, &r.cap_pieces, r.n_pieces + 1,
                       sizeof *r.pieces) != 0) {
            r.oom = true;
            break;
        }
        piece *p = &r.pieces[r.n_pieces++];
        p->at = at;
        p->end = pieces ? piece_end(data, len, at) : len;
        p->first = r.n_rows;
        parse_piece(&r, r.n_pieces - 1);
        for (size_t j = 0; j < r.n_lines && !r.oom; j++)
            add_row(&r, &r.lines[j]);
        at = p->end;
    } while (at < len && !r.oom);
    podfmt_buf_cstr(&r.h1);
    if (r.h1.failed)
        r.oom = true;
    if (r.oom)
        goto out;
    count_labels(&r);
    assign_roles(&r);
    if (!r.oom && !any_turn_time(&r))
        doc_set_untimed(doc); /* subtitle cues need not wait for a time */
    if (!r.oom)
        build(&r);
out:
    if (r.oom) {
        error_set(err, 0, 0, "out of memory");
        st = PODFMT_EIO;
    }
    strmap_free(&r.label_count);
    strmap_free(&r.alone_count);
    strmap_free(&r.name_ids);
    arena_free(&r.keys);
    pb_free(&r.pb);
    podfmt_buf_free(&r.text);
    podfmt_buf_free(&r.plain);
    podfmt_buf_free(&r.h1);
    free(r.lines);
    free(r.rows);
    free(r.names);
    free(r.pieces);
    return st;
}
