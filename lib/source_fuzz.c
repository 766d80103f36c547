/* source_fuzz.c - libFuzzer target: any bytes as an input file, through
 * input (gzip or plain), CSV/TSV/JSON records and every format adapter */
#include "source.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static int count(void *ctx, const struct upt_event *ev,
                 const struct upt_where *at)
{
    (void)at;
    (*(size_t *)ctx) += ev->user_len + (ev->detail[0] != 0);
    return 0;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    static char path[64];
    static struct upt_rules *rules;
    char err[256];
    size_t n = 0;

    if (!rules) {
        snprintf(path, sizeof(path), "/tmp/uptake-fuzz-%ld", (long)getpid());
        rules = upt_format_rules_new(err, sizeof(err));
        if (!rules)
            abort();
    }
    FILE *f = fopen(path, "wb");
    if (!f || fwrite(data, 1, size, f) != size || fclose(f) != 0)
        abort();
    struct upt_diag diag = {0};
    struct upt_source_opts o = {.rules = rules, .on_event = count, .ctx = &n};
    upt_source_read(path, &o, &diag);
    return 0;
}
