/* input.h - bytes from a file or stdin; compression found by content */
#ifndef UPT_INPUT_H
#define UPT_INPUT_H

#include <signal.h>
#include <stdbool.h>
#include <stddef.h>

#include "status.h"

struct upt_diag;
struct upt_input; /* opaque: one open source */

/* Opens PATH ("-" is stdin, which is never closed). Returns NULL after
 * telling DIAG why (or when out of memory). DIAG must outlive the input. */
struct upt_input *upt_input_open(const char *path, struct upt_diag *diag);

/* Lends the next decompressed bytes in *BUF (*LEN > 0), valid until the next
 * call. Gzip is recognised by its magic bytes and concatenated members are
 * read through; anything else is passed as it is. Returns UPT_EOF at the end,
 * UPT_EBADINPUT after a corrupt or truncated stream, UPT_EIO after a read
 * error; each has been told to the diag sink with the byte offset, and all
 * bytes decoded before the fault have already been lent. */
enum upt_status upt_input_read(struct upt_input *in, const char **buf,
                               size_t *len);

/* Asks for the input to be read and decompressed on a thread of its own,
 * a few buffers ahead of the caller, so that inflating overlaps parsing.
 * It takes effect at the next read; the contract of upt_input_read is unchanged
 * (problems still reach DIAG from the caller's thread, after the data
 * before them). Without threads to be had, reading stays in the caller. */
void upt_input_set_threaded(struct upt_input *in, bool threaded);

/* Counts the bytes read from the file into PROGRESS (NULL: none). */
struct upt_progress;
void upt_input_set_progress(struct upt_input *in,
                            struct upt_progress *progress);

/* Sends the problems found from now on to DIAG: another thread taking
 * over the reading of IN must not use a sink of the caller's thread. */
void upt_input_set_diag(struct upt_input *in, struct upt_diag *diag);

/* How long a read waiting on a silent pipe goes without looking at the
 * stop flag, at most. */
#define UPT_INPUT_STOP_MS 100

/* Makes reads end with UPT_EINTR once *STOP is non-zero: a flag the
 * caller's signal handler raises. It is looked at before each read(2), and
 * every UPT_INPUT_STOP_MS while a pipe has no data, whichever thread the
 * signal lands on. NULL (the default) never stops. Call before the first
 * read. */
void upt_input_set_stop(struct upt_input *in,
                        const volatile sig_atomic_t *stop);

/* Whether the input was found to be gzip; valid after the first read. */
bool upt_input_is_gzip(const struct upt_input *in);

/* The name the input was opened with ("-" for stdin), lent. */
const char *upt_input_name(const struct upt_input *in);

/* Closes the file (not stdin) and frees IN. NULL does nothing. */
void upt_input_free(struct upt_input *in);

#endif
