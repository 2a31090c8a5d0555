/* The configuration (-c FILE), read with libyaml's event parser:
 *
 *   config   := { meta: {KEY: STRING ...},
 *                 speakers: {LABEL: ~ | {name: STRING, color: COLOR,
 *                                        aliases: [LABEL ...] | LABEL} ...},
 *                 link: STRING containing {seconds} }
 *
 * Labels and aliases are matched after the same clean-up as the document's
 * labels (ends trimmed, inner runs of blanks as one space), through a hash
 * table, so thousands of speakers cost nothing.  A label with no settings
 * (`Kamil:` alone) still names a speaker.  Colours are #rgb or #rrggbb in
 * either case, kept as lowercase #rrggbb.  The link has one placeholder,
 * {seconds} (whole seconds); any other {word} is an error, so a typo is
 * not published.  Everything else is an error with the line and column. */
#include "yaml_util.h"

#include <stdlib.h>
#include <string.h>

typedef struct cfg_priv {
    arena strings;
    size_t cap_meta, cap_speakers;
    strmap labels; /* labels and aliases -> speaker index */
    strmap lines;  /* and the line each was given on */
} cfg_priv;

typedef struct cfg_reader {
    ypull y;
    podfmt_config *cfg;
    cfg_priv *p;
    podfmt_buf norm;
    char **aliases; /* the entry being read */
    size_t n_aliases, cap_aliases;
} cfg_reader;

/* Cleans a label up as podfmt_doc_speaker does: trimmed, inner runs of
 * spaces and tabs as one space.  The result is in r->norm. */
static void normalize(podfmt_buf *out, const char *s, size_t n)
{
    out->len = 0;
    trim(&s, &n);
    int space = 0;
    for (size_t i = 0; i < n; i++) {
        if (s[i] == ' ' || s[i] == '\t') {
            space = 1;
            continue;
        }
        if (space)
            podfmt_buf_putc(out, ' ');
        space = 0;
        podfmt_buf_putc(out, s[i]);
    }
}

static int oom(cfg_reader *r)
{
    r->y.status = PODFMT_EIO;
    return ypull_fail(&r->y, NULL, "out of memory");
}

static bool key_is(const char *k, size_t n, const char *want)
{
    return strlen(want) == n && memcmp(k, want, n) == 0;
}

static char *dup_str(cfg_reader *r, const char *s, size_t n)
{
    char *d = arena_strndup(&r->p->strings, s, n);
    if (!d)
        oom(r);
    return d;
}

/* Registers a label or alias (the current scalar) for speaker idx; the
 * normalised text lands in *out. */
static int add_label(cfg_reader *r, const char *s, size_t n, int idx,
                     char **out)
{
    cfg_priv *p = r->p;
    const yaml_mark_t *m = &r->y.ev.start_mark;
    normalize(&r->norm, s, n);
    if (r->norm.failed)
        return oom(r);
    if (r->norm.len == 0)
        return ypull_fail(&r->y, m, "a speaker label cannot be empty");
    if (r->norm.len > PODFMT_MAX_LABEL)
        return ypull_fail(&r->y, m, "a speaker label is at most %d bytes",
                          PODFMT_MAX_LABEL);
    int line = strmap_get(&p->lines, r->norm.data, r->norm.len);
    if (line >= 0)
        return ypull_fail(&r->y, m,
                          "'%s' names two speakers (it is already given on "
                          "line %d)",
                          podfmt_buf_cstr(&r->norm), line);
    char *k = dup_str(r, r->norm.data, r->norm.len);
    if (!k)
        return -1;
    if (strmap_put(&p->labels, k, r->norm.len, idx) != 0 ||
        strmap_put(&p->lines, k, r->norm.len, (int)m->line + 1) != 0)
        return oom(r);
    if (out)
        *out = k;
    return 0;
}

/* The next event: a mapping key (1), the end of the mapping (0). */
static int next_key(cfg_reader *r, const char **k, size_t *n)
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

/* The next event must be a string (any scalar but an empty plain one). */
static int expect_string(cfg_reader *r, const char *what, const char **s,
                         size_t *n)
{
    if (ypull_next(&r->y) != 0)
        return -1;
    *s = ypull_scalar(&r->y, n);
    if (!*s || (*n == 0 && ypull_is_null(&r->y)))
        return ypull_expected(&r->y, what);
    return 0;
}

static int read_meta(cfg_reader *r)
{
    if (ypull_next(&r->y) != 0)
        return -1;
    if (ypull_is_null(&r->y))
        return 0;
    if (r->y.ev.type != YAML_MAPPING_START_EVENT)
        return ypull_expected(&r->y, "a mapping of meta keys and values");
    podfmt_config *c = r->cfg;
    const char *k;
    size_t kn;
    int got;
    while ((got = next_key(r, &k, &kn)) == 1) {
        if (kn == 0)
            return ypull_expected(&r->y, "a meta key");
        for (size_t i = 0; i < c->n_meta; i++)
            if (strlen(c->meta[i].key) == kn && !memcmp(c->meta[i].key, k, kn))
                return ypull_fail(&r->y, &r->y.ev.start_mark,
                                  "meta '%.*s' is given twice",
                                  (int)(kn > 40 ? 40 : kn), k);
        char *key = dup_str(r, k, kn);
        const char *v;
        size_t vn;
        if (!key || expect_string(r, "a text value", &v, &vn) != 0)
            return -1;
        char *val = dup_str(r, v, vn);
        if (!val)
            return -1;
        if (grow_array((void **)&c->meta, &r->p->cap_meta, c->n_meta + 1,
                       sizeof *c->meta) != 0)
            return oom(r);
        c->meta[c->n_meta].key = key;
        c->meta[c->n_meta].value = val;
        c->n_meta++;
    }
    return got;
}

static int read_color(cfg_reader *r, podfmt_config_speaker *sp)
{
    if (ypull_next(&r->y) != 0)
        return -1;
    if (ypull_is_null(&r->y))
        return ypull_fail(&r->y, &r->y.ev.start_mark,
                          "color has no value; put it in quotes, as in "
                          "color: \"#1f77b4\" (an unquoted # starts a "
                          "comment)");
    size_t n;
    const char *s = ypull_scalar(&r->y, &n);
    char norm[8];
    if (!s || !yaml_color(s, n, norm))
        return ypull_expected(&r->y,
                              "a colour such as \"#1f77b4\" (#rgb or #rrggbb)");
    sp->color = dup_str(r, norm, 7);
    return sp->color ? 0 : -1;
}

static int push_alias(cfg_reader *r, int idx)
{
    size_t n;
    const char *s = ypull_scalar(&r->y, &n);
    if (!s || (n == 0 && ypull_is_null(&r->y)))
        return ypull_expected(&r->y, "a label");
    char *label;
    if (add_label(r, s, n, idx, &label) != 0)
        return -1;
    if (grow_array((void **)&r->aliases, &r->cap_aliases, r->n_aliases + 1,
                   sizeof *r->aliases) != 0)
        return oom(r);
    r->aliases[r->n_aliases++] = label;
    return 0;
}

static int read_aliases(cfg_reader *r, int idx)
{
    if (ypull_next(&r->y) != 0)
        return -1;
    if (r->y.ev.type == YAML_SCALAR_EVENT)
        return push_alias(r, idx); /* one alias without the brackets */
    if (r->y.ev.type != YAML_SEQUENCE_START_EVENT)
        return ypull_expected(&r->y, "a list of labels, such as [Kamil, KG]");
    for (;;) {
        if (ypull_next(&r->y) != 0)
            return -1;
        if (r->y.ev.type == YAML_SEQUENCE_END_EVENT)
            return 0;
        if (r->y.ev.type != YAML_SCALAR_EVENT)
            return ypull_expected(&r->y, "a label");
        if (push_alias(r, idx) != 0)
            return -1;
    }
}

static int read_speaker(cfg_reader *r, int idx)
{
    podfmt_config_speaker *sp = &r->cfg->speakers[idx];
    if (ypull_next(&r->y) != 0)
        return -1;
    if (ypull_is_null(&r->y))
        return 0;
    if (r->y.ev.type != YAML_MAPPING_START_EVENT)
        return ypull_expected(&r->y,
                              "the speaker's settings (name, color, aliases)");
    r->n_aliases = 0;
    bool have_aliases = false;
    const char *k;
    size_t kn;
    int got;
    while ((got = next_key(r, &k, &kn)) == 1) {
        if (key_is(k, kn, "name")) {
            if (sp->name)
                return ypull_fail(&r->y, &r->y.ev.start_mark,
                                  "name is given twice");
            const char *v;
            size_t vn;
            if (expect_string(r, "a display name", &v, &vn) != 0)
                return -1;
            const char *t = v;
            size_t tn = vn;
            trim(&t, &tn);
            if (tn == 0)
                return ypull_fail(&r->y, &r->y.ev.start_mark,
                                  "a display name cannot be empty");
            if (!(sp->name = dup_str(r, t, tn)))
                return -1;
        } else if (key_is(k, kn, "color") || key_is(k, kn, "colour")) {
            if (sp->color)
                return ypull_fail(&r->y, &r->y.ev.start_mark,
                                  "color is given twice");
            if (read_color(r, sp) != 0)
                return -1;
        } else if (key_is(k, kn, "aliases")) {
            if (have_aliases)
                return ypull_fail(&r->y, &r->y.ev.start_mark,
                                  "aliases is given twice");
            have_aliases = true;
            if (read_aliases(r, idx) != 0)
                return -1;
        } else {
            return ypull_fail(&r->y, &r->y.ev.start_mark,
                              "unknown key '%.*s' for speaker '%s' (expected "
                              "name, color or aliases)",
                              (int)(kn > 40 ? 40 : kn), k, sp->label);
        }
    }
    if (got < 0)
        return -1;
    if (r->n_aliases) {
        sp->aliases = arena_alloc(&r->p->strings,
                                  r->n_aliases * sizeof *sp->aliases);
        if (!sp->aliases)
            return oom(r);
        memcpy(sp->aliases, r->aliases, r->n_aliases * sizeof *sp->aliases);
        sp->n_aliases = r->n_aliases;
    }
    return 0;
}

static int read_speakers(cfg_reader *r)
{
    if (ypull_next(&r->y) != 0)
        return -1;
    if (ypull_is_null(&r->y))
        return 0;
    if (r->y.ev.type != YAML_MAPPING_START_EVENT)
        return ypull_expected(&r->y, "a mapping of speaker labels to "
                                     "settings (LABEL: {name: ...})");
    podfmt_config *c = r->cfg;
    const char *k;
    size_t kn;
    int got;
    while ((got = next_key(r, &k, &kn)) == 1) {
        if (c->n_speakers >= PODFMT_MAX_SPEAKERS)
            return ypull_fail(&r->y, &r->y.ev.start_mark,
                              "more than %d speakers", PODFMT_MAX_SPEAKERS);
        if (grow_array((void **)&c->speakers, &r->p->cap_speakers,
                       c->n_speakers + 1, sizeof *c->speakers) != 0)
            return oom(r);
        int idx = (int)c->n_speakers;
        podfmt_config_speaker *sp = &c->speakers[idx];
        memset(sp, 0, sizeof *sp);
        if (add_label(r, k, kn, idx, &sp->label) != 0)
            return -1;
        c->n_speakers++;
        if (read_speaker(r, idx) != 0)
            return -1;
    }
    return got;
}

static int read_link(cfg_reader *r)
{
    const char *s;
    size_t n;
    if (expect_string(r, "a web address containing {seconds}", &s, &n) != 0)
        return -1;
    bool seconds = false;
    for (size_t i = 0; i < n; i++) {
        if (s[i] != '{')
            continue;
        const char *close = memchr(s + i, '}', n - i);
        size_t w = close ? (size_t)(close - (s + i)) + 1 : n - i;
        if (w == 9 && memcmp(s + i, "{seconds}", 9) == 0) {
            seconds = true;
            i += 8;
            continue;
        }
        return ypull_fail(&r->y, &r->y.ev.start_mark,
                          "unknown placeholder '%.*s' in link (only "
                          "{seconds} is replaced)",
                          (int)(w > 40 ? 40 : w), s + i);
    }
    if (!seconds)
        return ypull_fail(&r->y, &r->y.ev.start_mark,
                          "link needs {seconds} where the time goes, as in "
                          "\"https://example.fm/ep42?t={seconds}\"");
    r->cfg->link = dup_str(r, s, n);
    return r->cfg->link ? 0 : -1;
}

static int read_config(cfg_reader *r)
{
    bool empty;
    if (ypull_open_document(&r->y, &empty) != 0)
        return -1;
    if (empty)
        return 0;
    if (ypull_is_null(&r->y)) /* only comments */
        return ypull_close_document(&r->y);
    if (r->y.ev.type != YAML_MAPPING_START_EVENT)
        return ypull_expected(&r->y,
                              "a configuration (meta:, speakers:, link:)");
    bool have_meta = false, have_speakers = false, have_link = false;
    const char *k;
    size_t kn;
    int got;
    while ((got = next_key(r, &k, &kn)) == 1) {
        bool *seen = key_is(k, kn, "meta")       ? &have_meta
                     : key_is(k, kn, "speakers") ? &have_speakers
                     : key_is(k, kn, "link")     ? &have_link
                                                 : NULL;
        if (!seen)
            return ypull_fail(&r->y, &r->y.ev.start_mark,
                              "unknown key '%.*s' (expected meta, speakers "
                              "or link)",
                              (int)(kn > 40 ? 40 : kn), k);
        if (*seen)
            return ypull_fail(&r->y, &r->y.ev.start_mark,
                              "%.*s is given twice", (int)kn, k);
        *seen = true;
        int rc = seen == &have_meta       ? read_meta(r)
                 : seen == &have_speakers ? read_speakers(r)
                                          : read_link(r);
        if (rc != 0)
            return -1;
    }
    if (got < 0)
        return -1;
    return ypull_close_document(&r->y);
}

podfmt_status podfmt_config_parse(const char *data, size_t len,
                                  podfmt_config **out, podfmt_error *err)
{
    *out = NULL;
    podfmt_config *cfg = calloc(1, sizeof *cfg);
    cfg_priv *p = calloc(1, sizeof *p);
    if (!cfg || !p) {
        free(cfg);
        free(p);
        error_set(err, 0, 0, "out of memory");
        return PODFMT_EIO;
    }
    arena_init(&p->strings);
    cfg->priv = p;

    /* The same checks podfmt_parse makes on any input. */
    const char *text;
    size_t n;
    char *owned = NULL;
    if (input_decode(data, len, &text, &n, &owned, err) != 0) {
        podfmt_config_free(cfg);
        return PODFMT_EINPUT;
    }
    const char *why;
    size_t bad = utf8_check(text, n, &why);
    if (bad < n) {
        error_at(err, text, n, bad, "%s", why);
        free(owned);
        podfmt_config_free(cfg);
        return PODFMT_EINPUT;
    }

    cfg_reader r;
    memset(&r, 0, sizeof r);
    r.cfg = cfg;
    r.p = p;
    podfmt_buf_init(&r.norm);
    podfmt_status st = PODFMT_OK;
    if (ypull_init(&r.y, text, n, err) != 0 || read_config(&r) != 0)
        st = r.y.status;
    ypull_free(&r.y);
    podfmt_buf_free(&r.norm);
    free(r.aliases);
    free(owned);
    if (st != PODFMT_OK) {
        podfmt_config_free(cfg);
        return st;
    }
    *out = cfg;
    return PODFMT_OK;
}

void podfmt_config_free(podfmt_config *cfg)
{
    if (!cfg)
        return;
    cfg_priv *p = cfg->priv;
    if (p) {
        arena_free(&p->strings);
        strmap_free(&p->labels);
        strmap_free(&p->lines);
        free(p);
    }
    free(cfg->meta);
    free(cfg->speakers);
    free(cfg);
}

const podfmt_config_speaker *podfmt_config_find(const podfmt_config *cfg,
                                                const char *label, size_t len)
{
    if (!cfg || !cfg->priv)
        return NULL;
    const cfg_priv *p = cfg->priv;
    int i = strmap_get(&p->labels, label, len);
    if (i >= 0)
        return &cfg->speakers[i];
    /* not found as given: try it cleaned up the way labels are stored */
    podfmt_buf norm;
    podfmt_buf_init(&norm);
    normalize(&norm, label, len);
    const podfmt_config_speaker *found = NULL;
    if (!norm.failed && norm.len && (norm.len != len ||
                                     memcmp(norm.data, label, len) != 0)) {
        i = strmap_get(&p->labels, norm.data, norm.len);
        if (i >= 0)
            found = &cfg->speakers[i];
    }
    podfmt_buf_free(&norm);
    return found;
}
