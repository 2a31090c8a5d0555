/* test_spans.c for the byte-at-a-time path of the helpers. */
#define PODFMT_NO_SIMD 1
#include "test_spans.c"
