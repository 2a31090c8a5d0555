/* PLACEHOLDER: replaced by the real reader before this lands. */
#include "internal.h"

podfmt_status podfmt_read_yaml(podfmt_doc *doc, const char *data, size_t len,
                        const podfmt_options *opts, podfmt_error *err)
{
    (void)doc; (void)data; (void)len; (void)opts;
    error_set(err, 0, 0, "this reader is not written yet");
    return PODFMT_EUSAGE;
}
