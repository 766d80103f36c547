/* lock.h - one run at a time on a file: an advisory lock beside it */
#ifndef UPT_LOCK_H
#define UPT_LOCK_H

#include <stdbool.h>
#include <stddef.h>

#include "status.h"

struct upt_lock; /* opaque: a lock held */

/* Locks PATH for this process through "PATH.lock", a file made beside it
 * and left there (a lock on PATH itself would not survive PATH being
 * replaced by rename). With WAIT, waits for another holder to let go;
 * without, returns NULL at once with *BUSY set and ERR saying so. NULL
 * also when the lock file cannot be made or a signal broke the wait (ERR
 * says why). The lock goes with the process: a run killed at any moment
 * leaves nothing to clean up. */
struct upt_lock *upt_lock_take(const char *path, bool wait, bool *busy,
                               char *err, size_t errsize);

/* Lets go and frees L. NULL does nothing. */
void upt_lock_release(struct upt_lock *l);

#endif
