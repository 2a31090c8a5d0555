/* Growable buffers, typed arrays and the string arena. */
#define _DEFAULT_SOURCE /* madvise */
#define PODFMT_BUF_IMPL /* the functions themselves, not internal.h's fast paths */
#include "internal.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>

#define SINK_THRESHOLD PODFMT_SINK_THRESHOLD

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

/* The system's page: 4 KiB on x86, 16 or 64 KiB on some arm64 and ppc64
 * kernels. */
static uintptr_t page_size(void)
{
    long ps = sysconf(_SC_PAGESIZE);
    return ps > 0 ? (uintptr_t)ps : 65536;
}

/* Asks the kernel to map the pages of [p, p + len) now, in one call,
 * instead of one page fault at a time as they are first written (which
 * in a virtual machine is most of the cost of a large conversion).  A
 * hint: where the call is not known (kernels before 5.14) nothing
 * happens. */
void mem_prefault(void *p, size_t len)
{
#ifdef MADV_POPULATE_WRITE
    const uintptr_t page = page_size();
    uintptr_t a = ((uintptr_t)p + page - 1) & ~(page - 1);
    uintptr_t e = ((uintptr_t)p + len) & ~(page - 1);
    if (e > a)
        (void)madvise((void *)a, e - a, MADV_POPULATE_WRITE);
#else
    (void)p;
    (void)len;
#endif
}

/* Gives the whole pages inside [p, p + len) back to the kernel: they read
 * as zeros afterwards (their memory stays the caller's). */
void mem_release(void *p, size_t len)
{
    const uintptr_t page = page_size();
    uintptr_t a = ((uintptr_t)p + page - 1) & ~(page - 1);
    uintptr_t e = ((uintptr_t)p + len) & ~(page - 1);
    if (e > a)
        (void)madvise((void *)a, e - a, MADV_DONTNEED);
}

#define PREFAULT_STEP ((size_t)256 << 10)

int grow_array(void **ptr, size_t *cap, size_t need, size_t size)
{
    if (need <= *cap) {
        /* Appending one at a time: when the used bytes cross into the
         * next 256 KiB, those (as far as allocated) are mapped at once.
         * (A megabyte a step was slower here: the first megabyte of every
         * array was then faulted in a page at a time.) */
        size_t used = need * size;
        if (used >= PREFAULT_STEP &&
            (used / PREFAULT_STEP) != ((used - size) / PREFAULT_STEP)) {
            size_t end = *cap * size, to = used + PREFAULT_STEP;
            mem_prefault((char *)*ptr + used, (to < end ? to : end) - used);
        }
        return 0;
    }
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
#define CHUNK_MAX ((size_t)1024 * 1024)

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

/* n bytes from the current chunk, or from a new one; chunks double from
 * 64 KiB to 1 MiB as the arena fills, and the large ones are mapped at
 * once (mem_prefault). */
static void *arena_take(arena *a, size_t n)
{
    arena_chunk *c = a->head;
    if (!c || c->size - c->used < n) {
        /* A large request gets a chunk of its own behind the current one,
         * so the current chunk's free space is not wasted. */
        size_t step = c ? c->size * 2 : CHUNK_SIZE;
        if (step > CHUNK_MAX)
            step = CHUNK_MAX;
        bool own = n > step / 4;
        size_t size = own ? n : step;
        arena_chunk *fresh = malloc(sizeof *fresh + size);
        if (!fresh)
            return NULL;
        if (size >= PREFAULT_STEP)
            mem_prefault(fresh, sizeof *fresh + size);
        fresh->used = 0;
        fresh->size = size;
        if (c && own) {
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

void arena_rewind(arena *a)
{
    arena_chunk *c = a->head;
    if (!c)
        return;
    arena_chunk *rest = c->next;
    c->next = NULL;
    c->used = 0;
    while (rest) {
        arena_chunk *next = rest->next;
        free(rest);
        rest = next;
    }
}

void *arena_alloc(arena *a, size_t n)
{
    if (a->head)
        a->head->used = (a->head->used + 15) & ~(size_t)15;
    if (a->head && a->head->used > a->head->size)
        a->head->used = a->head->size;
    return arena_take(a, (n + 15) & ~(size_t)15);
}

/* Bytes for a string: no alignment. */
char *arena_alloc_str(arena *a, size_t n) { return arena_take(a, n); }

char *arena_strndup(arena *a, const char *s, size_t n)
{
    char *p = arena_alloc_str(a, n + 1);
    if (!p)
        return NULL;
    if (n)
        memcpy(p, s, n);
    p[n] = '\0';
    return p;
}
