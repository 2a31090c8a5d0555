/* Growable buffers, typed arrays and the string arena. */
#include "internal.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* A sink gets the content in pieces of about this size. */
#define SINK_THRESHOLD ((size_t)64 * 1024)

void podfmt_buf_init(podfmt_buf *b) { memset(b, 0, sizeof *b); }

void podfmt_buf_free(podfmt_buf *b)
{
    free(b->data);
    b->data = NULL;
    b->len = b->cap = 0;
}

static int buf_reserve(podfmt_buf *b, size_t extra)
{
    if (b->failed)
        return -1;
    if (extra > SIZE_MAX / 2 - b->len - 1) {
        b->failed = 1;
        return -1;
    }
    size_t need = b->len + extra + 1;
    if (need <= b->cap)
        return 0;
    size_t cap = b->cap ? b->cap : 256;
    while (cap < need)
        cap += cap / 2; /* 1.5x growth, as cmark does */
    char *p = realloc(b->data, cap);
    if (!p) {
        b->failed = 1;
        return -1;
    }
    b->data = p;
    b->cap = cap;
    return 0;
}

int podfmt_buf_flush(podfmt_buf *b)
{
    if (b->failed)
        return -1;
    if (!b->sink || b->len == 0)
        return 0;
    if (b->sink(b->sink_ctx, b->data, b->len) != 0) {
        b->failed = 1;
        return -1;
    }
    b->len = 0;
    return 0;
}

void podfmt_buf_put(podfmt_buf *b, const char *s, size_t n)
{
    if (n == 0 || buf_reserve(b, n) != 0)
        return;
    memcpy(b->data + b->len, s, n);
    b->len += n;
    if (b->sink && b->len >= SINK_THRESHOLD)
        podfmt_buf_flush(b);
}

void podfmt_buf_puts(podfmt_buf *b, const char *s)
{
    podfmt_buf_put(b, s, strlen(s));
}

void podfmt_buf_putc(podfmt_buf *b, char c)
{
    if (b->len + 1 < b->cap && !b->failed) {
        b->data[b->len++] = c;
        if (b->sink && b->len >= SINK_THRESHOLD)
            podfmt_buf_flush(b);
        return;
    }
    podfmt_buf_put(b, &c, 1);
}

void podfmt_buf_printf(podfmt_buf *b, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    char small[256];
    int n = vsnprintf(small, sizeof small, fmt, ap);
    va_end(ap);
    if (n < 0)
        return;
    if ((size_t)n < sizeof small) {
        podfmt_buf_put(b, small, (size_t)n);
        return;
    }
    if (buf_reserve(b, (size_t)n) != 0)
        return;
    va_start(ap, fmt);
    vsnprintf(b->data + b->len, (size_t)n + 1, fmt, ap);
    va_end(ap);
    b->len += (size_t)n;
}

void podfmt_buf_putu_pad(podfmt_buf *b, uint64_t v, int width)
{
    char tmp[24];
    int i = (int)sizeof tmp;
    do {
        tmp[--i] = (char)('0' + v % 10);
        v /= 10;
    } while (v);
    while ((int)sizeof tmp - i < width && i > 0)
        tmp[--i] = '0';
    podfmt_buf_put(b, tmp + i, sizeof tmp - (size_t)i);
}

void podfmt_buf_putu(podfmt_buf *b, uint64_t v) { podfmt_buf_putu_pad(b, v, 1); }

const char *podfmt_buf_cstr(podfmt_buf *b)
{
    if (buf_reserve(b, 0) != 0)
        return "";
    b->data[b->len] = '\0';
    return b->data;
}

int grow_array(void **ptr, size_t *cap, size_t need, size_t size)
{
    if (need <= *cap)
        return 0;
    size_t c = *cap ? *cap : 16;
    while (c < need) {
        if (c > SIZE_MAX / 2 / size)
            return -1;
        c += c / 2 + 1;
    }
    void *p = realloc(*ptr, c * size);
    if (!p)
        return -1;
    *ptr = p;
    *cap = c;
    return 0;
}

/* ---- arena ------------------------------------------------------------ */

#define CHUNK_SIZE ((size_t)64 * 1024)

struct arena_chunk {
    arena_chunk *next;
    size_t used, size;
    /* data follows, max-aligned */
    _Alignas(16) unsigned char data[];
};

void arena_init(arena *a) { a->head = NULL; }

void arena_free(arena *a)
{
    arena_chunk *c = a->head;
    while (c) {
        arena_chunk *next = c->next;
        free(c);
        c = next;
    }
    a->head = NULL;
}

void *arena_alloc(arena *a, size_t n)
{
    n = (n + 15) & ~(size_t)15;
    arena_chunk *c = a->head;
    if (!c || c->size - c->used < n) {
        /* A large request gets a chunk of its own behind the current one,
         * so the current chunk's free space is not wasted. */
        size_t size = n > CHUNK_SIZE / 4 ? n : CHUNK_SIZE;
        arena_chunk *fresh = malloc(sizeof *fresh + size);
        if (!fresh)
            return NULL;
        fresh->used = 0;
        fresh->size = size;
        if (c && size != CHUNK_SIZE) {
            fresh->next = c->next;
            c->next = fresh;
        } else {
            fresh->next = c;
            a->head = fresh;
        }
        c = fresh;
    }
    void *p = c->data + c->used;
    c->used += n;
    return p;
}

char *arena_strndup(arena *a, const char *s, size_t n)
{
    char *p = arena_alloc(a, n + 1);
    if (!p)
        return NULL;
    if (n)
        memcpy(p, s, n);
    p[n] = '\0';
    return p;
}
