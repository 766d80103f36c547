/* config_fuzz.c - libFuzzer target: a --config file, a roster and a --map
 * spec made of the same bytes */
#include "config.h"
#include "format_map.h"
#include "roster.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    static char path[64];
    char err[256], spec[512];
    struct upt_map map;
    struct upt_diag diag = {0};

    if (!path[0])
        snprintf(path, sizeof(path), "/tmp/uptake-fuzz-cfg-%ld",
                 (long)getpid());
    FILE *f = fopen(path, "wb");
    if (!f || fwrite(data, 1, size, f) != size || fclose(f) != 0)
        abort();
    struct upt_config *cfg = upt_config_load(path, &diag);
    struct upt_rules *rules = upt_config_rules_new(cfg, err, sizeof(err));
    upt_rules_free(rules);
    upt_config_free(cfg);
    upt_roster_free(upt_roster_load(path, &diag));
    if (size < sizeof(spec)) {
        memcpy(spec, data, size);
        spec[size] = '\0';
        upt_map_parse(spec, &map, err, sizeof(err));
    }
    return 0;
}
