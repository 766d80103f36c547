/* stderr_sink.c - prints library diagnostics as "uptake: FILE:LINE: ...",
 * folding repeats */
#include "stderr_sink.h"

#include <stdio.h>
#include <string.h>

#include "meter.h"
#include "signals.h"

#include "lib/utf8.h"

static unsigned long *count_of(struct stderr_sink *s, const char *file,
                               const char *kind)
{
    for (unsigned i = 0; i < s->nseen; i++)
        if (strcmp(s->seen[i].kind, kind) == 0 &&
            strcmp(s->seen[i].file, file) == 0)
            return &s->seen[i].count;
    if (s->nseen == sizeof(s->seen) / sizeof(s->seen[0]))
        stderr_sink_flush(s); /* keeps the table small; a rare reprint */
    s->seen[s->nseen].file = file;
    s->seen[s->nseen].kind = kind;
    s->seen[s->nseen].count = 0;
    return &s->seen[s->nseen++].count;
}

void put_escaped(FILE *f, const char *s)
{
    size_t left = strlen(s);
    while (*s) {
        unsigned char c = (unsigned char)*s;
        size_t n = upt_utf8_len((const unsigned char *)s, left);
        if (n == 0 || c < 0x20 || c == 0x7f) {
            fprintf(f, "\\x%02x", c);
            n = 1;
        } else {
            fwrite(s, 1, n, f);
        }
        s += n;
        left -= n;
    }
}

static void emit(void *ctx, const struct upt_where *at, const char *kind,
                 const char *msg)
{
    struct stderr_sink *s = ctx;
    const char *file = at && at->file ? at->file : "-";
    /* after a signal the run is abandoned: its problems (an open(2) the
     * signal broke among them) are moot */
    if (*signals_flag())
        return;
    /* a file's folded count comes right after its own messages */
    if (s->nseen && strcmp(s->seen[s->nseen - 1].file, file) != 0)
        stderr_sink_flush(s);
    unsigned long *count = count_of(s, file, kind);
    if (++*count > STDERR_SINK_FOLD)
        return;
    flockfile(stderr); /* one message, whole, on a line of its own */
    meter_erase();
    fputs("uptake: ", stderr);
    put_escaped(stderr, file);
    if (at && at->line)
        fprintf(stderr, ":%lu", at->line);
    fputs(": ", stderr);
    put_escaped(stderr, msg);
    fputc('\n', stderr);
    funlockfile(stderr);
}

void stderr_sink_init(struct stderr_sink *sink, struct upt_diag *diag)
{
    memset(sink, 0, sizeof(*sink));
    diag->emit = emit;
    diag->ctx = sink;
    diag->problems = 0;
}

void stderr_sink_flush(struct stderr_sink *s)
{
    if (*signals_flag())
        s->nseen = 0;
    for (unsigned i = 0; i < s->nseen; i++)
        if (s->seen[i].count > STDERR_SINK_FOLD) {
            fputs("uptake: ", stderr);
            put_escaped(stderr, s->seen[i].file);
            fprintf(stderr, ": ... and %lu more like this\n",
                    s->seen[i].count - STDERR_SINK_FOLD);
        }
    s->nseen = 0;
}

void stderr_say(const char *msg)
{
    flockfile(stderr);
    meter_erase();
    fputs("uptake: ", stderr);
    put_escaped(stderr, msg);
    fputc('\n', stderr);
    funlockfile(stderr);
}
