/* A string -> int map (open addressing): labels, names, ids, lines.
 * Keys are not copied: they must outlive the map. */
#include "internal.h"

#include <stdlib.h>
#include <string.h>



/* Eight bytes a step, then a final mix, since the slot is the low bits. */
static uint64_t hash_bytes(const char *s, size_t n)
{
    uint64_t h = 0x9E3779B97F4A7C15ULL ^ n;
    for (; n >= 8; s += 8, n -= 8) {
        uint64_t w;
        memcpy(&w, s, 8);
        h = (h ^ w) * 0xBF58476D1CE4E5B9ULL;
        h ^= h >> 31;
    }
    if (n) {
        uint64_t w = 0;
        for (size_t i = 0; i < n; i++)
            w |= (uint64_t)(unsigned char)s[i] << (8 * i);
        h = (h ^ w) * 0xBF58476D1CE4E5B9ULL;
    }
    h ^= h >> 29;
    h *= 0x94D049BB133111EBULL;
    return h ^ (h >> 32);
}

void strmap_free(strmap *m)
{
    free(m->keys);
    free(m->lens);
    free(m->vals);
    memset(m, 0, sizeof *m);
}

int strmap_get(const strmap *m, const char *k, size_t n)
{
    if (!m->cap)
        return -1;
    size_t i = hash_bytes(k, n) & (m->cap - 1);
    while (m->keys[i]) {
        if (m->lens[i] == n && memcmp(m->keys[i], k, n) == 0)
            return m->vals[i];
        i = (i + 1) & (m->cap - 1);
    }
    return -1;
}


static int strmap_grow(strmap *m)
{
    strmap bigger = {0};
    bigger.cap = m->cap ? m->cap * 2 : 64;
    bigger.keys = calloc(bigger.cap, sizeof *bigger.keys);
    bigger.lens = calloc(bigger.cap, sizeof *bigger.lens);
    bigger.vals = calloc(bigger.cap, sizeof *bigger.vals);
    if (!bigger.keys || !bigger.lens || !bigger.vals) {
        strmap_free(&bigger);
        return -1;
    }
    for (size_t i = 0; i < m->cap; i++)
        if (m->keys[i])
            strmap_put(&bigger, m->keys[i], m->lens[i], m->vals[i]);
    strmap_free(m);
    *m = bigger;
    return 0;
}

/* The key must outlive the map (it lives in the document's arena). */
int strmap_put(strmap *m, const char *k, size_t n, int v)
{
    if ((m->n + 1) * 2 > m->cap && strmap_grow(m) != 0)
        return -1;
    size_t i = hash_bytes(k, n) & (m->cap - 1);
    while (m->keys[i]) {
        if (m->lens[i] == n && memcmp(m->keys[i], k, n) == 0) {
            m->vals[i] = v;
            return 0;
        }
        i = (i + 1) & (m->cap - 1);
    }
    m->keys[i] = k;
    m->lens[i] = n;
    m->vals[i] = v;
    m->n++;
    return 0;
}

int strmap_add(strmap *m, const char *k, size_t n, int delta)
{
    if ((m->n + 1) * 2 > m->cap && strmap_grow(m) != 0)
        return -1;
    size_t i = hash_bytes(k, n) & (m->cap - 1);
    while (m->keys[i]) {
        if (m->lens[i] == n && memcmp(m->keys[i], k, n) == 0)
            return m->vals[i] += delta;
        i = (i + 1) & (m->cap - 1);
    }
    m->keys[i] = k;
    m->lens[i] = n;
    m->vals[i] = delta;
    m->n++;
    return delta;
}
