/* UTF-8 checks, input decoding, line iteration, positions and clock times. */
#include "internal.h"

#if defined(__SSE2__)
#include <emmintrin.h>
#endif

#include <errno.h>
#include <iconv.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

size_t utf8_seq_len(const unsigned char *s, size_t n)
{
    unsigned char c = s[0];
    if (c < 0x80)
        return 1;
    if (c < 0xC2)
        return 0;
    if (c < 0xE0) {
        if (n < 2 || (s[1] & 0xC0) != 0x80)
            return 0;
        return 2;
    }
    if (c < 0xF0) {
        if (n < 3 || (s[1] & 0xC0) != 0x80 || (s[2] & 0xC0) != 0x80)
            return 0;
        if (c == 0xE0 && s[1] < 0xA0)
            return 0; /* overlong */
        if (c == 0xED && s[1] >= 0xA0)
            return 0; /* surrogate */
        return 3;
    }
    if (c < 0xF5) {
        if (n < 4 || (s[1] & 0xC0) != 0x80 || (s[2] & 0xC0) != 0x80 ||
            (s[3] & 0xC0) != 0x80)
            return 0;
        if (c == 0xF0 && s[1] < 0x90)
            return 0;
        if (c == 0xF4 && s[1] >= 0x90)
            return 0;
        return 4;
    }
    return 0;
}

int32_t utf8_decode(const unsigned char *s, size_t n, size_t *adv)
{
    size_t l = utf8_seq_len(s, n);
    switch (l) {
    case 1:
        *adv = 1;
        return s[0];
    case 2:
        *adv = 2;
        return ((s[0] & 0x1F) << 6) | (s[1] & 0x3F);
    case 3:
        *adv = 3;
        return ((s[0] & 0x0F) << 12) | ((s[1] & 0x3F) << 6) | (s[2] & 0x3F);
    case 4:
        *adv = 4;
        return ((s[0] & 0x07) << 18) | ((s[1] & 0x3F) << 12) |
               ((s[2] & 0x3F) << 6) | (s[3] & 0x3F);
    default:
        *adv = 1;
        return 0xFFFD;
    }
}

size_t utf8_put_code(int32_t cp, char *out)
{
    if (cp < 0x80) {
        out[0] = (char)cp;
        return 1;
    }
    if (cp < 0x800) {
        out[0] = (char)(0xC0 | (cp >> 6));
        out[1] = (char)(0x80 | (cp & 0x3F));
        return 2;
    }
    if (cp < 0x10000) {
        out[0] = (char)(0xE0 | (cp >> 12));
        out[1] = (char)(0x80 | ((cp >> 6) & 0x3F));
        out[2] = (char)(0x80 | (cp & 0x3F));
        return 3;
    }
    out[0] = (char)(0xF0 | (cp >> 18));
    out[1] = (char)(0x80 | ((cp >> 12) & 0x3F));
    out[2] = (char)(0x80 | ((cp >> 6) & 0x3F));
    out[3] = (char)(0x80 | (cp & 0x3F));
    return 4;
}

size_t utf8_check(const char *s, size_t n, const char **why)
{
    const unsigned char *u = (const unsigned char *)s;
    size_t i = 0;
    while (i < n) {
#if defined(__SSE2__)
        /* sixteen ASCII bytes at a time: printable, or a tab, line feed,
         * carriage return or form feed (a byte at 0x80 or above is below
         * 0x20 to the signed comparison, so it stops the run too) */
        const __m128i low = _mm_set1_epi8(0x20), del = _mm_set1_epi8(0x7F);
        const __m128i tab = _mm_set1_epi8('\t'), lf = _mm_set1_epi8('\n');
        const __m128i cr = _mm_set1_epi8('\r'), ff = _mm_set1_epi8('\f');
        while (n - i >= 16) {
            __m128i v = _mm_loadu_si128((const __m128i *)(const void *)(u + i));
            __m128i ok = _mm_or_si128(_mm_or_si128(_mm_cmpeq_epi8(v, tab),
                                                   _mm_cmpeq_epi8(v, lf)),
                                      _mm_or_si128(_mm_cmpeq_epi8(v, cr),
                                                   _mm_cmpeq_epi8(v, ff)));
            __m128i bad = _mm_or_si128(_mm_andnot_si128(ok, _mm_cmplt_epi8(v, low)),
                                       _mm_cmpeq_epi8(v, del));
            if (_mm_movemask_epi8(bad) != 0)
                break;
            i += 16;
        }
#endif
        /* eight printable ASCII bytes at a time: none at 0x80 or above,
         * none below 0x20, none 0x7F */
        while (n - i >= 8) {
            uint64_t w;
            memcpy(&w, u + i, 8);
            if (((w & 0x8080808080808080u) | bytes_below(w, 0x20) |
                 bytes_equal(w, 0x7F)) != 0)
                break;
            i += 8;
        }
        if (i == n)
            break;
        unsigned char c = u[i];
        if (c >= 0x20 && c < 0x7F) {
            i++;
            continue;
        }
        if (c < 0x80) {
            if (c == '\t' || c == '\n' || c == '\r' || c == '\f') {
                i++;
                continue;
            }
            *why = c == 0 ? "NUL byte in the input"
                          : "control character in the input";
            return i;
        }
        size_t l = utf8_seq_len(u + i, n - i);
        if (l == 0) {
            *why = "invalid UTF-8 (convert the file to UTF-8 first)";
            return i;
        }
        if (l == 2 && c == 0xC2 && u[i + 1] < 0xA0) {
            *why = "control character in the input";
            return i;
        }
        i += l;
    }
    *why = NULL;
    return n;
}

void position_of(const char *data, size_t len, size_t offset, int *line,
                 int *column)
{
    int ln = 1, col = 1;
    if (offset > len)
        offset = len;
    for (size_t i = 0; i < offset; i++) {
        unsigned char c = (unsigned char)data[i];
        if (c == '\n') {
            ln++;
            col = 1;
        } else if (c == '\r') {
            if (i + 1 < len && data[i + 1] == '\n')
                continue; /* the LF counts */
            ln++;
            col = 1;
        } else if ((c & 0xC0) != 0x80) {
            col++;
        }
    }
    *line = ln;
    *column = col;
}

void error_set(podfmt_error *err, int line, int column, const char *fmt, ...)
{
    if (!err)
        return;
    err->line = line;
    err->column = column;
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(err->message, sizeof err->message, fmt, ap);
    va_end(ap);
}

void error_at(podfmt_error *err, const char *data, size_t len, size_t offset,
              const char *fmt, ...)
{
    if (!err)
        return;
    position_of(data, len, offset, &err->line, &err->column);
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(err->message, sizeof err->message, fmt, ap);
    va_end(ap);
}

/* Converts with iconv; on a bad sequence reports where, counted in the
 * text converted so far. */
static int convert(const char *from, const char *data, size_t len,
                   char **owned, size_t *out_len, podfmt_error *err)
{
    iconv_t cd = iconv_open("UTF-8", from);
    if (cd == (iconv_t)-1) {
        error_set(err, 1, 1, "cannot convert from %s", from);
        return -1;
    }
    size_t cap = len * 2 + 16; /* UTF-16 to UTF-8 grows at most 1.5x */
    char *out = malloc(cap);
    if (!out) {
        iconv_close(cd);
        error_set(err, 0, 0, "out of memory");
        return -1;
    }
    char *in = (char *)data, *op = out;
    size_t inleft = len, outleft = cap;
    size_t r = iconv(cd, &in, &inleft, &op, &outleft);
    iconv_close(cd);
    if (r == (size_t)-1) {
        int line, col;
        position_of(out, (size_t)(op - out), (size_t)(op - out), &line, &col);
        error_set(err, line, col, "invalid %s sequence", from);
        free(out);
        return -1;
    }
    *owned = out;
    *out_len = (size_t)(op - out);
    return 0;
}

int input_decode(const char *data, size_t len, const char **out,
                 size_t *out_len, char **owned, podfmt_error *err)
{
    const unsigned char *u = (const unsigned char *)data;
    *owned = NULL;
    if (len >= 3 && u[0] == 0xEF && u[1] == 0xBB && u[2] == 0xBF) {
        *out = data + 3;
        *out_len = len - 3;
        return 0;
    }
    const char *from = NULL;
    size_t skip = 0;
    if (len >= 4 && u[0] == 0xFF && u[1] == 0xFE && u[2] == 0 && u[3] == 0)
        from = "UTF-32LE", skip = 4;
    else if (len >= 4 && u[0] == 0 && u[1] == 0 && u[2] == 0xFE && u[3] == 0xFF)
        from = "UTF-32BE", skip = 4;
    else if (len >= 2 && u[0] == 0xFF && u[1] == 0xFE)
        from = "UTF-16LE", skip = 2;
    else if (len >= 2 && u[0] == 0xFE && u[1] == 0xFF)
        from = "UTF-16BE", skip = 2;
    if (!from) {
        *out = data;
        *out_len = len;
        return 0;
    }
    if (convert(from, data + skip, len - skip, owned, out_len, err) != 0)
        return -1;
    *out = *owned;
    return 0;
}

void line_iter_init(line_iter *it, const char *data, size_t len)
{
    it->base = data;
    it->p = data;
    it->end = data + len;
    it->lf = NULL;
    it->cr = NULL;
    it->lineno = 0;
}

bool line_next(line_iter *it, const char **s, size_t *n)
{
    if (it->p >= it->end)
        return false;
    const char *start = it->p, *q = it->p;
    /* memchr for LF is fast; a lone CR is rare, so look for it only in
     * the stretch before the LF. */
    if (!it->lf || it->lf < q) {
        it->lf = memchr(q, '\n', (size_t)(it->end - q));
        if (!it->lf)
            it->lf = it->end;
    }
    const char *lf = it->lf < it->end ? it->lf : NULL;
    const char *stop = lf ? lf : it->end;
    if (!it->cr || it->cr < q) {
        it->cr = memchr(q, '\r', (size_t)(it->end - q));
        if (!it->cr)
            it->cr = it->end;
    }
    const char *cr = it->cr < stop ? it->cr : NULL;
    if (cr && !(cr + 1 == lf)) {
        *s = start;
        *n = (size_t)(cr - start);
        it->p = cr + 1;
    } else if (lf) {
        *s = start;
        *n = (size_t)((cr ? cr : lf) - start);
        it->p = lf + 1;
    } else {
        *s = start;
        *n = (size_t)(it->end - start);
        it->p = it->end;
    }
    it->lineno++;
    return true;
}

static bool is_space_at(const char *s, size_t n, size_t *w)
{
    unsigned char c = (unsigned char)s[0];
    if (c == ' ' || c == '\t' || c == '\f' || c == '\v' || c == '\r' ||
        c == '\n') {
        *w = 1;
        return true;
    }
    if (c == 0xC2 && n >= 2 && (unsigned char)s[1] == 0xA0) {
        *w = 2;
        return true;
    }
    return false;
}

void trim(const char **s, size_t *n)
{
    const char *p = *s;
    size_t len = *n, w;
    /* most text starts and ends with printable ASCII other than a space */
    if (len && (unsigned char)(p[0] - 0x21) < 0x5E &&
        (unsigned char)(p[len - 1] - 0x21) < 0x5E)
        return;
    while (len && is_space_at(p, len, &w)) {
        p += w;
        len -= w;
    }
    for (;;) {
        if (len && (p[len - 1] == ' ' || p[len - 1] == '\t' ||
                    p[len - 1] == '\f' || p[len - 1] == '\r' ||
                    p[len - 1] == '\n' || p[len - 1] == '\v')) {
            len--;
        } else if (len >= 2 && (unsigned char)p[len - 2] == 0xC2 &&
                   (unsigned char)p[len - 1] == 0xA0) {
            len -= 2;
        } else {
            break;
        }
    }
    *s = p;
    *n = len;
}

bool is_blank(const char *s, size_t n)
{
    trim(&s, &n);
    return n == 0;
}

static size_t digits(const char *s, size_t n, size_t max, int64_t *v)
{
    size_t i = 0;
    int64_t x = 0;
    while (i < n && i < max && s[i] >= '0' && s[i] <= '9') {
        x = x * 10 + (s[i] - '0');
        i++;
    }
    *v = x;
    return i;
}

size_t parse_clock(const char *s, size_t n, int64_t *ms)
{
    int64_t f[3];
    size_t fl[3];
    size_t i = 0;
    int k = 0;
    for (;;) {
        size_t d = digits(s + i, n - i, k == 0 ? 8 : 2, &f[k]);
        if (d == 0)
            return 0;
        fl[k] = d;
        i += d;
        k++;
        if (k < 3 && i + 1 < n && s[i] == ':' && s[i + 1] >= '0' &&
            s[i + 1] <= '9') {
            i++;
            continue;
        }
        break;
    }
    if (k < 2)
        return 0;
    /* every field after the first has two digits and is below 60 */
    for (int j = 1; j < k; j++)
        if (fl[j] != 2 || f[j] >= 60)
            return 0;
    if (i < n && s[i] >= '0' && s[i] <= '9')
        return 0;
    int64_t h = k == 3 ? f[0] : 0, m = k == 3 ? f[1] : f[0],
            sec = k == 3 ? f[2] : f[1];
    int64_t frac = 0;
    if (i + 1 < n && (s[i] == '.' || s[i] == ',') && s[i + 1] >= '0' &&
        s[i + 1] <= '9') {
        int64_t v;
        size_t d = digits(s + i + 1, n - i - 1, 3, &v);
        if (i + 1 + d < n && s[i + 1 + d] >= '0' && s[i + 1 + d] <= '9')
            return 0; /* more than three decimals is not a clock */
        frac = d == 1 ? v * 100 : d == 2 ? v * 10 : v;
        i += 1 + d;
    }
    int64_t total = ((h * 60 + m) * 60 + sec) * 1000 + frac;
    if (h > 10000 || total > PODFMT_MAX_TIME_MS)
        return 0;
    *ms = total;
    return i;
}

/* ---- text encoded twice ---------------------------------------------- */

/* The byte a Latin-1 or windows-1252 character stands for when UTF-8 was
 * decoded as one of them: 0x80..0xFF, or -1. */
static int mis_decoded_byte(int32_t cp)
{
    static const uint16_t cp1252[32] = {
        0x20AC, 0, 0x201A, 0x0192, 0x201E, 0x2026, 0x2020, 0x2021,
        0x02C6, 0x2030, 0x0160, 0x2039, 0x0152, 0, 0x017D, 0,
        0, 0x2018, 0x2019, 0x201C, 0x201D, 0x2022, 0x2013, 0x2014,
        0x02DC, 0x2122, 0x0161, 0x203A, 0x0153, 0, 0x017E, 0x0178};
    if (cp >= 0x80 && cp <= 0xFF)
        return (int)cp;
    for (int i = 0; i < 32; i++)
        if (cp1252[i] == cp)
            return 0x80 + i;
    return -1;
}

static int32_t decode_at(const unsigned char *u, size_t n, size_t *len)
{
    size_t l = utf8_seq_len(u, n);
    *len = l ? l : 1;
    if (l <= 1)
        return u[0];
    int32_t cp = u[0] & (0xFF >> (l + 1));
    for (size_t k = 1; k < l; k++)
        cp = (cp << 6) | (u[k] & 0x3F);
    return cp;
}

size_t utf8_repair_double(const char *s, size_t n, podfmt_buf *out,
                          size_t *first)
{
    const unsigned char *u = (const unsigned char *)s;
    size_t repaired = 0, i = 0;
    *first = n;
    while (i < n) {
        if (u[i] != 0xC3) { /* Â..ô, the lead bytes' letters, are C3 xx */
            podfmt_buf_putc(out, (char)u[i]);
            i++;
            continue;
        }
        /* a lead byte 0xC2..0xF4 written as a Latin-1 letter, then the
         * continuation bytes written as characters of their own */
        size_t l0;
        int32_t lead = decode_at(u + i, n - i, &l0);
        unsigned char bytes[4];
        size_t want = lead >= 0xC2 && lead <= 0xDF   ? 2
                      : lead >= 0xE0 && lead <= 0xEF ? 3
                      : lead >= 0xF0 && lead <= 0xF4 ? 4
                                                     : 0;
        size_t j = i + l0, got = 1;
        bytes[0] = (unsigned char)lead;
        while (want && got < want && j < n) {
            size_t l;
            int b = mis_decoded_byte(decode_at(u + j, n - j, &l));
            if (b < 0x80 || b > 0xBF)
                break;
            bytes[got++] = (unsigned char)b;
            j += l;
        }
        if (want && got == want && utf8_seq_len(bytes, want) == want) {
            if (repaired++ == 0)
                *first = i;
            podfmt_buf_put(out, (const char *)bytes, want);
            i = j;
        } else {
            podfmt_buf_put(out, s + i, l0);
            i += l0;
        }
    }
    return repaired;
}
