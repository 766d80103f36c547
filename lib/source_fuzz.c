/* source_fuzz.c - libFuzzer target: any bytes as an input file, through
 * input (gzip or plain), CSV/TSV/JSON records and every format adapter;
 * read on one thread and with -j, which must give the same events and
 * problems in the same order */
#include "source.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* An order-sensitive digest of what a read gave. */
static void mix(uint64_t *h, const void *p, size_t n)
{
    const unsigned char *b = p;
    for (size_t i = 0; i < n; i++)
        *h = (*h ^ b[i]) * 0x100000001b3ULL;
}

static int count(void *ctx, const struct upt_event *ev,
                 const struct upt_where *at)
{
    uint64_t *h = ctx;
    mix(h, ev->user, ev->user_len);
    mix(h, &ev->time_ms, sizeof(ev->time_ms));
    mix(h, &ev->category, sizeof(ev->category));
    mix(h, &at->line, sizeof(at->line));
    return 0;
}

static void problem(void *ctx, const struct upt_where *at, const char *kind,
                    const char *msg)
{
    uint64_t *h = ctx;
    mix(h, kind, strlen(kind));
    mix(h, msg, strlen(msg));
    mix(h, &at->line, sizeof(at->line));
    mix(h, &at->offset, sizeof(at->offset));
}

static uint64_t read_once(const char *path, struct upt_rules *rules,
                          int threads, enum upt_status *st)
{
    uint64_t h = 0xcbf29ce484222325ULL;
    struct upt_diag diag = {.emit = problem, .ctx = &h};
    struct upt_source_opts o = {
        .rules = rules, .on_event = count, .ctx = &h, .threads = threads};
    *st = upt_source_read(path, &o, &diag);
    return h;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    static char path[64];
    static struct upt_rules *rules;
    char err[256];

    if (!rules) {
        snprintf(path, sizeof(path), "/tmp/uptake-fuzz-%ld", (long)getpid());
        rules = upt_format_rules_new(err, sizeof(err));
        if (!rules)
            abort();
    }
    FILE *f = fopen(path, "wb");
    if (!f || fwrite(data, 1, size, f) != size || fclose(f) != 0)
        abort();
    enum upt_status one, two;
    if (read_once(path, rules, 1, &one) != read_once(path, rules, 2, &two) ||
        one != two)
        abort(); /* -j changed what was read */
    return 0;
}
