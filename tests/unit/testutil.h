/* What every unit test includes: cmocka and helpers to parse and render. */
#ifndef PODFMT_TESTUTIL_H
#define PODFMT_TESTUTIL_H

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "podfmt.h"

/* Parses text as fmt with default options (and cfg); fails the test on an
 * error. */
static inline podfmt_doc *parse_with(const char *text, podfmt_format fmt,
                                     const podfmt_config *cfg)
{
    podfmt_doc *doc = podfmt_doc_new(cfg);
    podfmt_options o;
    podfmt_options_init(&o);
    o.config = cfg;
    podfmt_error err = {0};
    podfmt_status st = podfmt_parse(doc, fmt, text, strlen(text), &o, &err);
    if (st != PODFMT_OK)
        print_error("parse failed: %d:%d: %s\n", err.line, err.column,
                    err.message);
    assert_int_equal(st, PODFMT_OK);
    return doc;
}

/* Renders doc as fmt with opts (NULL: defaults); returns a malloc'd string. */
static inline char *render_with(const podfmt_doc *doc, podfmt_format fmt,
                                const podfmt_options *opts)
{
    podfmt_buf b;
    podfmt_buf_init(&b);
    podfmt_error err = {0};
    podfmt_status st = podfmt_render(doc, fmt, opts, &b, &err);
    if (st != PODFMT_OK)
        print_error("render failed: %s\n", err.message);
    assert_int_equal(st, PODFMT_OK);
    podfmt_buf_putc(&b, '\0');
    return b.data;
}

/* The whole file at path, NUL-terminated (len without the NUL), or NULL
 * when it cannot be opened. */
static inline char *slurp(const char *path, size_t *len)
{
    FILE *f = fopen(path, "rb");
    if (!f)
        return NULL;
    podfmt_buf b;
    podfmt_buf_init(&b);
    char chunk[65536];
    size_t n;
    while ((n = fread(chunk, 1, sizeof chunk, f)) > 0)
        podfmt_buf_put(&b, chunk, n);
    fclose(f);
    *len = b.len;
    podfmt_buf_putc(&b, '\0');
    return b.data;
}

/* The text of segment i of block b. */
static inline const char *seg_text(const podfmt_doc *doc, size_t b, size_t i)
{
    assert_true(b < doc->n_blocks);
    assert_true(i < doc->blocks[b].count);
    return doc->segments[doc->blocks[b].first + i].text;
}

#endif
