/* The command-line client: the only place that touches argv, exit and
 * stdio.  Everything else is the library's. */
#define _POSIX_C_SOURCE 200809L
#include "podfmt.h"
#include "internal.h" /* mem_prefault */

#include <errno.h>
#include <stdbool.h>
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

static const char usage_text[] =
    "usage: podfmt [OPTIONS] [FILE|-]\n"
    "  -f, --from FORMAT   auto (default), text, md, srt, vtt, json, yaml\n"
    "  -t, --to FORMAT     md (default), html, srt, vtt, json, yaml, chapters\n"
    "  -o, --output FILE   default: standard output; never left half-written\n"
    "  -c, --config FILE   YAML configuration (speakers, colours, meta, link)\n"
    "  -s, --standalone    html: a whole page; md: YAML front matter\n"
    "      --template FILE use this page template instead of the built-in one\n"
    "      --email         html: every style inline, for newsletter e-mail\n"
    "      --profile NAME  subtitles: netflix (default) or podcast\n"
    "      --speaker-style STYLE  subtitles: name (default), dash, color, none\n"
    "      --wpm N         speaking rate for timing untimed text (default 160)\n"
    "      --lint          check a subtitle file against the profile\n"
    "      --stats         print who spoke how much (words, share of time)\n"
    "                      instead of the document\n"
    "  -h, --help          this text\n"
    "      --version       the version\n";

/* Reads a whole stream; NULL on failure with errno set.  `size` is what
 * the file's size says (0 when unknown): the buffer is made that large at
 * once, and its pages mapped in one call. */
static char *slurp(FILE *f, size_t size, size_t *len)
{
    size_t cap = size && size < PODFMT_MAX_INPUT ? size + 1 : 1 << 16, n = 0;
    char *buf = malloc(cap);
    if (!buf)
        return NULL;
    if (cap > (1 << 16))
        mem_prefault(buf, cap);
    for (;;) {
        if (n == cap) {
            if (cap > PODFMT_MAX_INPUT) {
                free(buf);
                errno = EFBIG;
                return NULL;
            }
            char *p = realloc(buf, cap * 2);
            if (!p) {
                free(buf);
                return NULL;
            }
            buf = p;
            cap *= 2;
        }
        size_t r = fread(buf + n, 1, cap - n, f);
        n += r;
        if (r == 0) {
            if (ferror(f)) {
                free(buf);
                return NULL;
            }
            break;
        }
    }
    *len = n;
    return buf;
}

/* A large regular file in a format whose reader never writes into its
 * input is mapped rather than read: its pages come from the page cache as
 * they are first read, with no copy.  (The text reader writes a NUL after
 * each line it points at, and every page written would be copied.) */
#define MAP_FROM ((size_t)1 << 20)

/* What read_file needs to map the input: its format (auto: detected, by
 * the name hint too); `mapped` is set to the mapping's length when it
 * did. */
typedef struct map_wish {
    podfmt_format from;
    const char *hint;
    size_t mapped;
} map_wish;

/* f's `size` bytes mapped, when `map` allows it and the format is not a
 * plain-text transcript; NULL to read them. */
static char *map_input(FILE *f, size_t size, map_wish *map)
{
    if (size < MAP_FROM || size > PODFMT_MAX_INPUT)
        return NULL;
    char *p = mmap(NULL, size, PROT_READ | PROT_WRITE, MAP_PRIVATE,
                   fileno(f), 0);
    if (p == MAP_FAILED)
        return NULL;
    if ((map->from == PODFMT_FMT_AUTO ? podfmt_detect(p, size, map->hint)
                                      : map->from) == PODFMT_FMT_TEXT) {
        munmap(p, size);
        return NULL;
    }
    map->mapped = size;
    return p;
}

/* The whole file (standard input for "-"); NULL with errno set.  With
 * `map`, a large regular file may be mapped instead (map->mapped). */
static char *read_file(const char *path, size_t *len, map_wish *map)
{
    if (strcmp(path, "-") == 0)
        return slurp(stdin, 0, len);
    FILE *f = fopen(path, "rb");
    if (!f)
        return NULL;
    struct stat st;
    size_t size = 0;
    if (fstat(fileno(f), &st) == 0) {
        if (S_ISDIR(st.st_mode)) {
            fclose(f);
            errno = EISDIR;
            return NULL;
        }
        if (S_ISREG(st.st_mode) && st.st_size > 0)
            size = (size_t)st.st_size;
    }
    char *data = map ? map_input(f, size, map) : NULL;
    if (data)
        *len = size;
    else
        data = slurp(f, size, len);
    int e = errno;
    fclose(f);
    errno = e;
    return data;
}

static void report(const char *file, const podfmt_error *err)
{
    if (err->line > 0)
        fprintf(stderr, "%s:%d:%d: %s\n", file, err->line, err->column,
                err->message);
    else
        fprintf(stderr, "%s: %s\n", file, err->message);
}

static int usage_error(const char *fmt, const char *arg)
{
    fprintf(stderr, "podfmt: ");
    fprintf(stderr, fmt, arg);
    fprintf(stderr, "\nTry 'podfmt --help'.\n");
    return PODFMT_EUSAGE;
}

/* Output goes to a temporary file beside the target, renamed over it only
 * when everything succeeded: a failed run leaves the old file as it was.
 * The file is made at the first bytes written (or at the end, for an
 * empty output), so that a problem with the input is told before one with
 * the output, as when nothing is written before the input is read. */
typedef struct output {
    const char *path; /* NULL: standard output */
    char *tmp;
    FILE *f;
    bool opened;
    int open_errno; /* why it could not be made, or 0 */
} output;

static void output_init(output *o, const char *path)
{
    o->path = path && strcmp(path, "-") != 0 ? path : NULL;
    o->tmp = NULL;
    o->f = stdout;
    o->opened = false;
    o->open_errno = 0;
}

static int output_open(output *o)
{
    if (o->opened)
        return 0;
    if (o->open_errno)
        return -1;
    if (!o->path) {
        o->opened = true;
        return 0;
    }
    const char *path = o->path;
    size_t n = strlen(path);
    o->tmp = malloc(n + 16);
    if (!o->tmp) {
        o->open_errno = ENOMEM;
        return -1;
    }
    const char *slash = strrchr(path, '/');
    size_t dir = slash ? (size_t)(slash - path) + 1 : 0;
    memcpy(o->tmp, path, dir);
    snprintf(o->tmp + dir, n + 16 - dir, ".podfmt-XXXXXX");
    int fd = mkstemp(o->tmp);
    if (fd < 0) {
        o->open_errno = errno;
        free(o->tmp);
        o->tmp = NULL;
        return -1;
    }
    struct stat st;
    mode_t mode = 0644;
    if (stat(path, &st) == 0)
        mode = st.st_mode & 07777; /* keep the mode of the file replaced */
    else {
        mode_t um = umask(0);
        umask(um);
        mode = 0666 & ~um;
    }
    fchmod(fd, mode);
    o->f = fdopen(fd, "wb");
    if (!o->f) {
        o->open_errno = errno;
        close(fd);
        unlink(o->tmp);
        free(o->tmp);
        o->tmp = NULL;
        return -1;
    }
    o->opened = true;
    return 0;
}

static int sink_output(void *ctx, const char *data, size_t len)
{
    output *o = ctx;
    if (output_open(o) != 0)
        return -1;
    return fwrite(data, 1, len, o->f) == len ? 0 : -1;
}

static void output_abort(output *o)
{
    if (o->tmp) {
        fclose(o->f);
        unlink(o->tmp);
        free(o->tmp);
        o->tmp = NULL;
    }
}

static int output_commit(output *o)
{
    if (!o->tmp)
        return fflush(stdout) == 0 ? 0 : -1;
    int bad = fflush(o->f) != 0 || fsync(fileno(o->f)) != 0;
    bad |= fclose(o->f) != 0;
    if (!bad && rename(o->tmp, o->path) != 0)
        bad = 1;
    if (bad)
        unlink(o->tmp);
    free(o->tmp);
    o->tmp = NULL;
    return bad ? -1 : 0;
}

/* Whether two paths name the same existing file. */
static int same_file(const char *a, const char *b)
{
    struct stat sa, sb;
    return stat(a, &sa) == 0 && stat(b, &sb) == 0 && sa.st_dev == sb.st_dev &&
           sa.st_ino == sb.st_ino;
}

int main(int argc, char **argv)
{
    enum { OPT_TEMPLATE = 256, OPT_EMAIL, OPT_PROFILE, OPT_STYLE, OPT_WPM,
           OPT_LINT, OPT_STATS, OPT_VERSION };
    static const struct option longopts[] = {
        {"from", required_argument, NULL, 'f'},
        {"to", required_argument, NULL, 't'},
        {"output", required_argument, NULL, 'o'},
        {"config", required_argument, NULL, 'c'},
        {"standalone", no_argument, NULL, 's'},
        {"template", required_argument, NULL, OPT_TEMPLATE},
        {"email", no_argument, NULL, OPT_EMAIL},
        {"profile", required_argument, NULL, OPT_PROFILE},
        {"speaker-style", required_argument, NULL, OPT_STYLE},
        {"wpm", required_argument, NULL, OPT_WPM},
        {"lint", no_argument, NULL, OPT_LINT},
        {"stats", no_argument, NULL, OPT_STATS},
        {"help", no_argument, NULL, 'h'},
        {"version", no_argument, NULL, OPT_VERSION},
        {NULL, 0, NULL, 0}};

    podfmt_options opts;
    podfmt_options_init(&opts);
    podfmt_format from = PODFMT_FMT_AUTO, to = PODFMT_FMT_MD;
    const char *out_path = NULL, *config_path = NULL, *template_path = NULL;
    int lint = 0, stats = 0;

    opterr = 0;
    int c;
    while ((c = getopt_long(argc, argv, ":f:t:o:c:sh", longopts, NULL)) != -1) {
        switch (c) {
        case 'f':
            if (!podfmt_format_from_name(optarg, &from) ||
                !podfmt_format_can_read(from))
                return usage_error("unknown input format '%s' (auto, text, "
                                   "md, srt, vtt, json, yaml)", optarg);
            break;
        case 't':
            if (!podfmt_format_from_name(optarg, &to) ||
                !podfmt_format_can_write(to))
                return usage_error("unknown output format '%s' (md, html, "
                                   "srt, vtt, json, yaml, chapters)", optarg);
            break;
        case 'o': out_path = optarg; break;
        case 'c': config_path = optarg; break;
        case 's': opts.standalone = 1; break;
        case OPT_TEMPLATE: template_path = optarg; break;
        case OPT_EMAIL: opts.email = 1; break;
        case OPT_PROFILE:
            if (strcmp(optarg, "netflix") == 0)
                opts.profile = PODFMT_PROFILE_NETFLIX;
            else if (strcmp(optarg, "podcast") == 0)
                opts.profile = PODFMT_PROFILE_PODCAST;
            else
                return usage_error("unknown profile '%s' (netflix, podcast)",
                                   optarg);
            break;
        case OPT_STYLE:
            opts.speaker_style_set = 1;
            if (strcmp(optarg, "name") == 0)
                opts.speaker_style = PODFMT_STYLE_NAME;
            else if (strcmp(optarg, "dash") == 0)
                opts.speaker_style = PODFMT_STYLE_DASH;
            else if (strcmp(optarg, "color") == 0 || strcmp(optarg, "colour") == 0)
                opts.speaker_style = PODFMT_STYLE_COLOR;
            else if (strcmp(optarg, "none") == 0)
                opts.speaker_style = PODFMT_STYLE_NONE;
            else
                return usage_error("unknown speaker style '%s' (name, dash, "
                                   "color, none)", optarg);
            break;
        case OPT_WPM: {
            char *end;
            errno = 0;
            long v = strtol(optarg, &end, 10);
            if (errno || *end || end == optarg || v < 40 || v > 1000)
                return usage_error("--wpm takes a whole number from 40 to "
                                   "1000, not '%s'", optarg);
            opts.wpm = (int)v;
            break;
        }
        case OPT_LINT: lint = 1; break;
        case OPT_STATS: stats = 1; break;
        case 'h': fputs(usage_text, stdout); return 0;
        case OPT_VERSION: puts("podfmt " PODFMT_VERSION); return 0;
        case ':':
            return usage_error("option '%s' needs a value", argv[optind - 1]);
        default:
            return usage_error("unknown option '%s'", argv[optind - 1]);
        }
    }
    if (argc - optind > 1)
        return usage_error("one input at most, got also '%s'", argv[optind + 1]);
    const char *in_path = optind < argc ? argv[optind] : "-";
    const char *in_name = strcmp(in_path, "-") == 0 ? "<stdin>" : in_path;
    opts.name_hint = strcmp(in_path, "-") == 0 ? NULL : in_path;

    if (out_path && strcmp(out_path, "-") != 0 && strcmp(in_path, "-") != 0 &&
        same_file(in_path, out_path))
        return usage_error("refusing to write over the input '%s'", out_path);

    int status = 0;
    podfmt_error err = {0};
    podfmt_config *cfg = NULL;
    char *tmpl = NULL, *data = NULL;
    size_t mapped = 0; /* data is a mapping of this length, not malloc'd */
    podfmt_doc *doc = NULL;
    podfmt_buf out;
    podfmt_buf_init(&out);

    if (config_path) {
        size_t n;
        char *cdata = read_file(config_path, &n, NULL);
        if (!cdata) {
            fprintf(stderr, "%s: %s\n", config_path, strerror(errno));
            return PODFMT_EIO;
        }
        podfmt_status st = podfmt_config_parse(cdata, n, &cfg, &err);
        free(cdata);
        if (st != PODFMT_OK) {
            report(config_path, &err);
            return st;
        }
        opts.config = cfg;
    }
    if (template_path) {
        tmpl = read_file(template_path, &opts.template_len, NULL);
        if (!tmpl) {
            fprintf(stderr, "%s: %s\n", template_path, strerror(errno));
            status = PODFMT_EIO;
            goto done;
        }
        opts.template_text = tmpl;
    }

    size_t len = 0;
    map_wish map = {from, opts.name_hint, 0};
    data = read_file(in_path, &len, &map);
    mapped = map.mapped;
    if (!data) {
        fprintf(stderr, "%s: %s\n", in_name, strerror(errno));
        status = PODFMT_EIO;
        goto done;
    }

    if (lint) {
        podfmt_format f = from;
        if (f == PODFMT_FMT_AUTO)
            f = podfmt_detect(data, len, opts.name_hint);
        size_t problems = 0;
        podfmt_status st =
            podfmt_lint(data, len, f, in_name, &opts, &out, &problems, &err);
        if (st != PODFMT_OK) {
            report(in_name, &err);
            status = st;
            goto done;
        }
        fwrite(out.data, 1, out.len, stdout);
        status = problems ? 1 : 0;
        goto done;
    }

    doc = podfmt_doc_new(cfg);
    if (!doc) {
        fprintf(stderr, "podfmt: out of memory\n");
        status = PODFMT_EIO;
        goto done;
    }
    output o;
    output_init(&o, out_path);
    out.sink = sink_output;
    out.sink_ctx = &o;
    /* where the writer allows it, blocks are written while the input is
     * read, and memory stays small whatever the size of the input */
    bool streaming = stats || podfmt_can_stream(to, &opts);
    if (mapped)
        podfmt_doc_input_mapped(doc, mapped);
    podfmt_status st =
        stats ? podfmt_convert_stats(doc, from, data, len, &opts, &out, &err)
        : streaming ? podfmt_convert(doc, from, data, len, to, &opts, &out, &err)
                    : podfmt_parse_owned(doc, from, data, len, &opts, &err);
    data = NULL; /* the document's now: it may point at its words */
    if (st != PODFMT_OK && (!streaming || st != PODFMT_EIO)) {
        /* the input's fault (or memory's while reading) */
        output_abort(&o);
        report(in_name, &err);
        status = st;
        goto done;
    }
    /* (streaming, out of memory or a failed write: the input was read,
     * and what it said is worth telling first) */
    for (const char *w = podfmt_doc_warning(doc); w && *w;) {
        size_t n = strcspn(w, "\n");
        fprintf(stderr, "%s:%.*s\n", in_name, (int)n, w);
        w += n + (w[n] == '\n');
    }
    if (!streaming) {
        /* as before the stream: the output is made before it is written,
         * so a problem with it comes before one with the template */
        if (output_open(&o) != 0)
            st = PODFMT_EIO;
        else
            st = podfmt_render(doc, to, &opts, &out, &err);
    }
    if (st == PODFMT_OK &&
        (podfmt_buf_flush(&out) != 0 || output_open(&o) != 0)) {
        snprintf(err.message, sizeof err.message, "write failed");
        st = PODFMT_EIO;
    }
    if (st != PODFMT_OK) {
        output_abort(&o);
        if (o.open_errno) {
            fprintf(stderr, "%s: %s\n", out_path, strerror(o.open_errno));
        } else if (st == PODFMT_EUSAGE && template_path) {
            report(template_path, &err); /* the template's line:column */
        } else {
            err.line = err.column = 0;
            report(out_path ? out_path : in_name, &err);
        }
        status = st;
        goto done;
    }
    if (output_commit(&o) != 0) {
        fprintf(stderr, "%s: %s\n", out_path ? out_path : "<stdout>",
                strerror(errno));
        status = PODFMT_EIO;
    }

done:
    podfmt_buf_free(&out);
    podfmt_doc_free(doc);
    podfmt_config_free(cfg);
    free(tmpl);
    if (data && mapped)
        munmap(data, mapped);
    else
        free(data);
    return status;
}
