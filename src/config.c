/* PLACEHOLDER: replaced by the real configuration reader before this lands. */
#include "internal.h"

#include <stdlib.h>
#include <string.h>

podfmt_status podfmt_config_parse(const char *data, size_t len,
                                  podfmt_config **out, podfmt_error *err)
{
    (void)data; (void)len;
    *out = NULL;
    error_set(err, 0, 0, "configuration is not read yet");
    return PODFMT_EUSAGE;
}

void podfmt_config_free(podfmt_config *cfg) { (void)cfg; }

const podfmt_config_speaker *podfmt_config_find(const podfmt_config *cfg,
                                                const char *label, size_t len)
{
    (void)cfg; (void)label; (void)len;
    return NULL;
}
