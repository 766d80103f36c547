/* output.h - where a command's result goes: stdout, or -o FILE written whole
 * or not at all */
#ifndef OUTPUT_H
#define OUTPUT_H

#include <stdbool.h>
#include <stdio.h>

struct upt_outfile;

struct output {
    FILE *f;                  /* to write to: stdout or the temporary */
    struct upt_outfile *file; /* NULL for stdout */
    const char *path;         /* -o FILE, for messages */
    int error;                /* errno of the first failed write, or 0 */
};

/* Opens PATH for OUT (NULL or "-": stdout). Returns 0, or EXIT_USAGE after
 * saying why it cannot be written: nothing has been read yet. */
int output_open(struct output *out, const char *path);

/* Records that a write to OUT->f just failed, with errno, so that the
 * message names that error rather than a later one. */
void output_failed(struct output *out);

/* Ends OUT. With KEEP, flushes stdout or puts FILE in place; without, FILE
 * stays as it was. Returns 0, or EXIT_PARTIAL after saying that writing
 * failed (FILE then stays as it was too). After a signal (signals.h) FILE
 * stays as it was and nothing is said, whatever KEEP: the caller then
 * ends by the signal. */
int output_close(struct output *out, bool keep);

#endif
