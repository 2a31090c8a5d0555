/* The pull parser over libyaml's events and the quoting rule, shared by
 * the structured form (read_yaml.c, write_yaml.c) and the configuration
 * (config.c). */
#include "yaml_util.h"

#include <stdio.h>
#include <string.h>

int ypull_init(ypull *p, const char *data, size_t len, podfmt_error *err)
{
    memset(p, 0, sizeof *p);
    p->data = data;
    p->len = len;
    p->err = err;
    p->status = PODFMT_EINPUT;
    if (!yaml_parser_initialize(&p->parser)) {
        error_set(err, 0, 0, "out of memory");
        p->status = PODFMT_EIO;
        p->failed = 1;
        return -1;
    }
    yaml_parser_set_input_string(&p->parser, (const unsigned char *)data, len);
    yaml_parser_set_encoding(&p->parser, YAML_UTF8_ENCODING);
    return 0;
}

void ypull_free(ypull *p)
{
    if (p->have)
        yaml_event_delete(&p->ev);
    p->have = 0;
    yaml_parser_delete(&p->parser);
}

int ypull_fail(ypull *p, const yaml_mark_t *mark, const char *fmt, ...)
{
    if (p->failed)
        return -1;
    p->failed = 1;
    if (p->err) {
        p->err->line = mark ? (int)mark->line + 1 : 0;
        p->err->column = mark ? (int)mark->column + 1 : 0;
        va_list ap;
        va_start(ap, fmt);
        vsnprintf(p->err->message, sizeof p->err->message, fmt, ap);
        va_end(ap);
    }
    return -1;
}

/* The character at a libyaml mark (line and column, 0-based). */
static const char *char_at(const ypull *p, const yaml_mark_t *m)
{
    const char *s = p->data, *end = p->data + p->len;
    for (size_t line = 0; line < m->line && s < end; s++) {
        if (*s == '\n' || (*s == '\r' && (s + 1 == end || s[1] != '\n')))
            line++;
    }
    for (size_t col = 0; s < end; s++) {
        if (((unsigned char)*s & 0xC0) == 0x80)
            continue; /* inside a character */
        if (col++ == m->column)
            return s;
    }
    return NULL;
}

/* libyaml's own complaint, in its words, where it found the problem. */
static int parser_error(ypull *p)
{
    yaml_parser_t *y = &p->parser;
    if (y->error == YAML_MEMORY_ERROR) {
        p->status = PODFMT_EIO;
        return ypull_fail(p, NULL, "out of memory");
    }
    const char *problem = y->problem ? y->problem : "unreadable YAML";
    if (y->error == YAML_READER_ERROR) {
        p->failed = 1;
        error_at(p->err, p->data, p->len, y->problem_offset,
                 "invalid YAML: %s", problem);
        return -1;
    }
    const char *at = char_at(p, &y->problem_mark);
    if (at && *at == '\t')
        return ypull_fail(p, &y->problem_mark,
                          "invalid YAML: a tab here; YAML indents with "
                          "spaces only");
    if (y->context)
        return ypull_fail(p, &y->problem_mark,
                          "invalid YAML: %s (%s at line %lu)", problem,
                          y->context, (unsigned long)y->context_mark.line + 1);
    return ypull_fail(p, &y->problem_mark, "invalid YAML: %s", problem);
}

int ypull_next(ypull *p)
{
    if (p->failed)
        return -1;
    if (p->have)
        yaml_event_delete(&p->ev);
    p->have = 0;
    if (!yaml_parser_parse(&p->parser, &p->ev))
        return parser_error(p);
    p->have = 1;
    switch (p->ev.type) {
    case YAML_ALIAS_EVENT:
        return ypull_fail(p, &p->ev.start_mark,
                          "YAML aliases (*%s) are not allowed here; write "
                          "the value out",
                          (const char *)p->ev.data.alias.anchor);
    case YAML_MAPPING_START_EVENT:
    case YAML_SEQUENCE_START_EVENT:
        if (++p->depth > PODFMT_MAX_NESTING)
            return ypull_fail(p, &p->ev.start_mark,
                              "YAML nested deeper than %d levels",
                              PODFMT_MAX_NESTING);
        break;
    case YAML_MAPPING_END_EVENT:
    case YAML_SEQUENCE_END_EVENT:
        p->depth--;
        break;
    default:
        break;
    }
    return 0;
}

const char *ypull_scalar(const ypull *p, size_t *len)
{
    if (!p->have || p->ev.type != YAML_SCALAR_EVENT)
        return NULL;
    *len = p->ev.data.scalar.length;
    return (const char *)p->ev.data.scalar.value;
}

bool ypull_is_null(const ypull *p)
{
    if (!p->have || p->ev.type != YAML_SCALAR_EVENT ||
        p->ev.data.scalar.style != YAML_PLAIN_SCALAR_STYLE)
        return false;
    const char *s = (const char *)p->ev.data.scalar.value;
    size_t n = p->ev.data.scalar.length;
    return n == 0 || (n == 1 && s[0] == '~') ||
           (n == 4 && (!memcmp(s, "null", 4) || !memcmp(s, "Null", 4) ||
                       !memcmp(s, "NULL", 4)));
}

int ypull_expected(ypull *p, const char *what)
{
    const yaml_event_t *e = &p->ev;
    switch (e->type) {
    case YAML_MAPPING_START_EVENT:
        return ypull_fail(p, &e->start_mark, "expected %s, found a mapping",
                          what);
    case YAML_SEQUENCE_START_EVENT:
        return ypull_fail(p, &e->start_mark, "expected %s, found a list",
                          what);
    case YAML_SCALAR_EVENT: {
        if (ypull_is_null(p))
            return ypull_fail(p, &e->start_mark,
                              "expected %s, found no value", what);
        size_t n = e->data.scalar.length;
        const char *s = (const char *)e->data.scalar.value;
        /* quote at most 40 bytes, cut at a character boundary */
        size_t cut = n;
        const char *more = "";
        if (n > 40) {
            cut = 40;
            while (cut > 0 && ((unsigned char)s[cut] & 0xC0) == 0x80)
                cut--;
            more = "...";
        }
        return ypull_fail(p, &e->start_mark, "expected %s, found '%.*s%s'",
                          what, (int)cut, s, more);
    }
    case YAML_DOCUMENT_START_EVENT:
        return ypull_fail(p, &e->start_mark,
                          "expected %s, found a second YAML document", what);
    default:
        return ypull_fail(p, &e->start_mark, "expected %s", what);
    }
}

int ypull_open_document(ypull *p, bool *empty)
{
    *empty = false;
    if (ypull_next(p) != 0) /* STREAM_START */
        return -1;
    if (ypull_next(p) != 0)
        return -1;
    if (p->ev.type == YAML_STREAM_END_EVENT) {
        *empty = true;
        return 0;
    }
    /* DOCUMENT_START: a %YAML directive or tags are fine */
    return ypull_next(p);
}

int ypull_close_document(ypull *p)
{
    if (ypull_next(p) != 0) /* DOCUMENT_END */
        return -1;
    if (ypull_next(p) != 0)
        return -1;
    if (p->ev.type != YAML_STREAM_END_EVENT)
        return ypull_fail(p, &p->ev.start_mark,
                          "expected one YAML document, found a second one");
    return 0;
}

size_t yaml_seconds(int64_t ms, char out[32])
{
    int n = snprintf(out, 32, "%lld.%03d", (long long)(ms / 1000),
                     (int)(ms % 1000));
    while (n > 2 && out[n - 1] == '0' && out[n - 2] != '.')
        out[--n] = '\0';
    return (size_t)n;
}

/* ---- quoting ---------------------------------------------------------- */

static bool is_digit(char c) { return c >= '0' && c <= '9'; }

bool yaml_is_iso_date(const char *s, size_t n)
{
    if (n != 10 || s[4] != '-' || s[7] != '-')
        return false;
    for (size_t i = 0; i < n; i++)
        if (i != 4 && i != 7 && !is_digit(s[i]))
            return false;
    return true;
}

static bool equals_any(const char *s, size_t n, const char *const *words)
{
    if (n == 0 || n > 5) /* the words are 1..5 bytes long */
        return false;
    for (size_t i = 0; words[i]; i++)
        if (words[i][0] == s[0] && strlen(words[i]) == n &&
            memcmp(words[i], s, n) == 0)
            return true;
    return false;
}

bool yaml_plain_is_typed(const char *s, size_t n)
{
    static const char *const words[] = {
        "~", "null", "Null", "NULL", "y", "Y", "yes", "Yes", "YES", "n", "N",
        "no", "No", "NO", "true", "True", "TRUE", "false", "False", "FALSE",
        "on", "On", "ON", "off", "Off", "OFF", "<<", "=", NULL};
    static const char *const specials[] = {
        ".inf", ".Inf", ".INF", ".nan", ".NaN", ".NAN", NULL};
    if (n == 0 || equals_any(s, n, words))
        return true;
    size_t i = 0;
    if (s[0] == '-' || s[0] == '+')
        i = 1;
    if (equals_any(s + i, n - i, specials))
        return true;
    /* Timestamps (YAML 1.1): a date, maybe followed by a time. */
    if (n >= 8 && is_digit(s[0]) && is_digit(s[1]) && is_digit(s[2]) &&
        is_digit(s[3]) && s[4] == '-' && is_digit(s[5]))
        return true;
    /* Numbers of every base and form (1_000, 0x1F, 0o17, 1e3, .5, 1:30,
     * 190:20:30.15): anything that starts like a number and holds only
     * characters that numbers are made of is quoted. */
    if (i < n && (is_digit(s[i]) || (s[i] == '.' && i + 1 < n &&
                                     is_digit(s[i + 1])))) {
        for (size_t j = i; j < n; j++) {
            char c = s[j];
            if (!(is_digit(c) || (c >= 'a' && c <= 'f') ||
                  (c >= 'A' && c <= 'F') || c == '_' || c == '.' ||
                  c == ':' || c == '+' || c == '-' || c == 'x' || c == 'X' ||
                  c == 'o' || c == 'O'))
                return false;
        }
        return true;
    }
    return false;
}

static int hex_value(char c)
{
    if (c >= '0' && c <= '9')
        return c - '0';
    if (c >= 'a' && c <= 'f')
        return c - 'a' + 10;
    if (c >= 'A' && c <= 'F')
        return c - 'A' + 10;
    return -1;
}

bool yaml_color(const char *s, size_t n, char out[8])
{
    static const char digits[] = "0123456789abcdef";
    if ((n != 4 && n != 7) || s[0] != '#')
        return false;
    out[0] = '#';
    for (size_t i = 1; i < n; i++) {
        int v = hex_value(s[i]);
        if (v < 0)
            return false;
        if (n == 4) {
            out[2 * i - 1] = digits[v];
            out[2 * i] = digits[v];
        } else {
            out[i] = digits[v];
        }
    }
    out[7] = '\0';
    return true;
}
