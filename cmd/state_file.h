/* state_file.h - --state FILE: locked for the run, read before the logs,
 * replaced whole after them */
#ifndef STATE_FILE_H
#define STATE_FILE_H

#include <stdbool.h>

struct upt_analysis;
struct upt_lock;

struct state_file {
    const char *path;
    struct upt_lock *lock;
};

/* Locks PATH (waiting, with a word on stderr, while another run holds it)
 * and adds the state in it to A; a missing PATH is a first run. Returns 0,
 * or EXIT_STATE after saying why (unreadable, not a state, another
 * version): the run must stop and PATH stays as it was. */
int state_file_open(struct state_file *sf, const char *path,
                    struct upt_analysis *a);

/* Tells which kept days the logs revised and how many events of closed
 * days were skipped, then replaces PATH with A's state, keeping KEEP_DAYS
 * days (0: all). Returns 0, or EXIT_STATE after saying why (PATH then
 * stays as it was). */
int state_file_save(struct state_file *sf, struct upt_analysis *a,
                    unsigned keep_days);

/* Lets go of the lock. */
void state_file_close(struct state_file *sf);

#endif
