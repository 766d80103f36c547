/* outfile.h - a file written whole or not at all: a temporary beside it,
 * renamed over it once complete */
#ifndef UPT_OUTFILE_H
#define UPT_OUTFILE_H

#include <stddef.h>
#include <stdio.h>

#include "status.h"

struct upt_outfile; /* opaque: one file being written */

/* Starts writing PATH: creates a temporary file in PATH's directory, named
 * ".NAME.XXXXXX" so that a glob of the directory does not take it, with
 * the mode PATH has, or for a new file 0666 less the umask (read by
 * setting it and setting it back: call this before starting threads that
 * create files). PATH is untouched until upt_outfile_commit(). Returns
 * NULL after writing the reason into ERR (ERRSIZE bytes): the directory
 * cannot be written, PATH exists and is not a regular file (replacing a
 * device or a directory by rename is never meant), or out of memory. */
struct upt_outfile *upt_outfile_open(const char *path, char *err,
                                     size_t errsize);

/* The stream to write to, lent until commit or discard. */
FILE *upt_outfile_stream(struct upt_outfile *f);

/* The temporary file's path, lent as the stream is: for a signal handler
 * that must remove it when the process cannot end in order. */
const char *upt_outfile_temp_path(const struct upt_outfile *f);

/* Flushes the stream, syncs the temporary to disk and renames it over
 * PATH, then frees F. Returns UPT_OK, or UPT_EIO with the reason in ERR
 * when a write to the stream failed at any time (a full disk), or the
 * sync or the rename did: PATH is then as it was and the temporary is
 * removed. */
enum upt_status upt_outfile_commit(struct upt_outfile *f, char *err,
                                   size_t errsize);

/* Removes the temporary and frees F: PATH stays as it was. NULL does
 * nothing. */
void upt_outfile_discard(struct upt_outfile *f);

/* Removes the temporaries that writers of PATH killed before they could
 * finish (SIGKILL, a crash, a power cut) left beside it, and returns how
 * many. Only for a caller that holds a lock no other writer of PATH can
 * hold at the same time (lock.h): another's live temporary looks the same. */
unsigned upt_outfile_clean(const char *path);

#endif
