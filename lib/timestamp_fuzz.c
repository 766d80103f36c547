/* timestamp_fuzz.c - libFuzzer target: every timestamp form, and --window */
#include "timestamp.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    int64_t ms;
    bool local;
    char text[64];
    const char *s = (const char *)data;
    if (upt_timestamp_parse(s, size, &ms) == 0) {
        upt_timestamp_format(ms, text, sizeof(text));
        /* what is written reads back as the same instant */
        int64_t again;
        if (upt_timestamp_parse(text, strlen(text), &again) != 0 || again != ms)
            abort();
    }
    upt_timestamp_parse_local(s, size, &ms, &local);
    if (size < sizeof(text)) {
        int days;
        memcpy(text, data, size);
        text[size] = '\0';
        upt_timestamp_parse_span(text, &days);
    }
    return 0;
}
