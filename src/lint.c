/* PLACEHOLDER: replaced by the real linter before this lands. */
#include "internal.h"

podfmt_status podfmt_lint(const char *data, size_t len, podfmt_format fmt,
                          const char *name, const podfmt_options *opts,
                          podfmt_buf *report, size_t *problems,
                          podfmt_error *err)
{
    (void)data; (void)len; (void)fmt; (void)name; (void)opts; (void)report;
    *problems = 0;
    error_set(err, 0, 0, "--lint is not written yet");
    return PODFMT_EUSAGE;
}
