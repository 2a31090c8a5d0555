/* PLACEHOLDER: replaced by the real writer before this lands. */
#include "internal.h"

podfmt_status podfmt_write_yaml(const podfmt_doc *doc, const podfmt_options *opts,
                        podfmt_buf *out, podfmt_error *err)
{
    (void)doc; (void)opts; (void)out;
    error_set(err, 0, 0, "this writer is not written yet");
    return PODFMT_EUSAGE;
}
