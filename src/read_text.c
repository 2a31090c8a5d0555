/* PLACEHOLDER */
#include "internal.h"

podfmt_status podfmt_read_text(podfmt_doc *doc, const char *data, size_t len,
                               const podfmt_options *opts, podfmt_error *err)
{
    (void)opts; (void)err;
    line_iter it;
    line_iter_init(&it, data, len);
    const char *l; size_t n;
    while (line_next(&it, &l, &n))
        if (!is_blank(l, n) && podfmt_doc_add_turn_text(doc, -1, l, n, PODFMT_NO_TIME, PODFMT_NO_TIME) != 0)
            return PODFMT_EIO;
    return PODFMT_OK;
}
