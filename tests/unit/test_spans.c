/* The byte-run helpers of internal.h (span_without, span_single_spaced)
 * against plain loops written from their definitions, on every length
 * around the sixteen-byte steps.  test_spans_scalar.c builds this file
 * again with PODFMT_NO_SIMD, for the byte-at-a-time path. */
#include "testutil.h"

#include "internal.h"

static size_t ref_without(const char *s, size_t n, const char *set)
{
    for (size_t i = 0; i < n; i++)
        if (s[i] && strchr(set, s[i]))
            return i;
    return n;
}

static bool in_ws(char c, const char *ws)
{
    return c == ' ' || (c && strchr(ws, c));
}

static size_t ref_single_spaced(const char *s, size_t n, const char *ws)
{
    for (size_t i = 0; i < n; i++) {
        if (s[i] != ' ' && s[i] && strchr(ws, s[i]))
            return i;
        if (s[i] == ' ' && (i + 1 == n || in_ws(s[i + 1], ws)))
            return i;
    }
    return n;
}

static uint32_t next_rand(uint32_t *x)
{
    *x = *x * 1664525u + 1013904223u;
    return *x >> 8;
}

/* Strings of exactly n bytes (in a buffer of n, so that a sanitizer sees
 * any read past the end), mostly letters, from an alphabet with every
 * byte the sets hold. */
static void random_text(char *s, size_t n, uint32_t *x, int plain)
{
    static const char odd[] = " \t\n\r\f*_\\`<]&{>[!\"'";
    for (size_t i = 0; i < n; i++) {
        uint32_t r = next_rand(x) % 100;
        s[i] = (char)(r < (uint32_t)plain ? 'a' + (int)(r % 26)
                      : r < 90               ? ' '
                                             : odd[r % (sizeof odd - 1)]);
    }
}

static void spans_match_plain_loops(void **state)
{
    (void)state;
    /* the sets the library uses: Markdown escapes, the cue text copy,
     * WebVTT escapes, inline_is_plain; the white space of sw_chars and
     * of the cue engine */
    static const char *const sets[] = {"*_\\`<]&", "<{&\t", "&<>",
                                       "*_`[]<>&\\!\"'"};
    static const char *const ws[] = {"\t", "\t\n\r\f"};
    uint32_t x = 12345;
    for (int round = 0; round < 400; round++) {
        for (size_t n = 0; n <= 50; n++) {
            char *s = malloc(n ? n : 1);
            assert_non_null(s);
            random_text(s, n, &x, round % 2 ? 97 : 60);
            for (size_t k = 0; k < sizeof sets / sizeof sets[0]; k++)
                assert_int_equal(
                    span_without(s, n, sets[k], (int)strlen(sets[k])),
                    ref_without(s, n, sets[k]));
            for (size_t k = 0; k < sizeof ws / sizeof ws[0]; k++)
                assert_int_equal(
                    span_single_spaced(s, n, ws[k], (int)strlen(ws[k])),
                    ref_single_spaced(s, n, ws[k]));
            free(s);
        }
    }
}

/* The cases that matter at the edges: a space as the last byte (the end
 * follows it), two spaces across a sixteen-byte step, bytes above 0x7F. */
static void spans_at_the_edges(void **state)
{
    (void)state;
    assert_int_equal(span_single_spaced("abc ", 4, "\t", 1), 3);
    assert_int_equal(span_single_spaced("abc d", 5, "\t", 1), 5);
    assert_int_equal(span_single_spaced("", 0, "\t", 1), 0);
    assert_int_equal(span_single_spaced(" ", 1, "\t", 1), 0);
    /* the space at 15, its pair at 16: in the step, and in the tail */
    assert_int_equal(span_single_spaced("aaaaaaaaaaaaaaa  bb", 19, "\t", 1), 15);
    assert_int_equal(span_single_spaced("aaaaaaaaaaaaaaa \tb", 18, "\t", 1), 15);
    assert_int_equal(span_single_spaced("aaaaaaaaaaaaaaa b", 17, "\t", 1), 17);
    assert_int_equal(span_single_spaced("aaaaaaaaaaaaaaaa ", 17, "\t", 1), 16);
    assert_int_equal(span_single_spaced("a b\nc", 5, "\t", 1), 5);
    assert_int_equal(span_single_spaced("a b\nc", 5, "\t\n\r\f", 4), 3);
    assert_int_equal(span_single_spaced("a \nc", 4, "\t\n\r\f", 4), 1);
    assert_int_equal(span_without("\xC3\xA9t\xC3\xA9 & co", 10, "&<>", 3), 6);
    assert_int_equal(span_without("aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa<", 32, "&<>", 3), 31);
    assert_int_equal(span_without("aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa", 32, "&<>", 3), 32);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(spans_match_plain_loops),
        cmocka_unit_test(spans_at_the_edges),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
