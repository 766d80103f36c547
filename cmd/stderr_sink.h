/* stderr_sink.h - prints library diagnostics as "uptake: FILE:LINE: ...",
 * folding repeats */
#ifndef STDERR_SINK_H
#define STDERR_SINK_H

#include <stdio.h>

#include "lib/diag.h"

/* After this many problems of one kind in one file, the rest are counted. */
#define STDERR_SINK_FOLD 3

struct stderr_sink {
    struct {
        const char *file, *kind;
        unsigned long count;
    } seen[32];
    unsigned nseen;
};

/* Writes S to F with control characters and bytes that are not UTF-8 as
 * \xHH: nothing a log, a file name or an argument holds reaches the
 * terminal as an escape sequence. */
void put_escaped(FILE *f, const char *s);

/* Prints "uptake: MSG" and a line end on stderr, MSG escaped as above:
 * for messages that name files or values. */
void stderr_say(const char *msg);

/* Points DIAG's callback at SINK. After a signal (signals.h) it prints
 * nothing more. */
void stderr_sink_init(struct stderr_sink *sink, struct upt_diag *diag);

/* Prints "uptake: FILE: ... and N more like this" for what was folded. */
void stderr_sink_flush(struct stderr_sink *sink);

#endif
