/* progress.h - how far a run has read, for a caller that shows it */
#ifndef UPT_PROGRESS_H
#define UPT_PROGRESS_H

#include <stdatomic.h>

/* Counts the reading threads raise and any thread may look at. */
struct upt_progress {
    atomic_uint_least64_t bytes; /* read from the files, as stored */
    atomic_uint files;           /* files read to their end (or given up) */
};

/* Zeroes P. */
void upt_progress_init(struct upt_progress *p);

/* Adds N bytes read; P may be NULL. */
void upt_progress_bytes(struct upt_progress *p, unsigned long long n);

/* Counts a file done; P may be NULL. */
void upt_progress_file_done(struct upt_progress *p);

#endif
