/* signals.h - SIGHUP, SIGINT, SIGTERM and a closed pipe end a run cleanly */
#ifndef SIGNALS_H
#define SIGNALS_H

#include <signal.h>

/* Catches SIGHUP (the terminal gone), SIGINT and SIGTERM, unless they were
 * ignored when uptake started (as nohup does for SIGHUP, and a shell for
 * a background job's SIGINT: Ctrl-C is not meant for it), and
 * SIGPIPE always, so that a closed pipe ends uptake quietly. The handler
 * raises the flag signals_flag() lends and sets an alarm (see below); the
 * library's read loops look at the flag and end early, and writes fail
 * (EPIPE) instead of killing uptake with a temporary file left behind. No
 * SA_RESTART: a read(2) blocked on a pipe returns. */
void signals_catch(void);

/* How long the clean stop may take. Past it (a thread blocked opening a
 * FIFO no one writes to, where the flag cannot reach it), the handler of
 * SIGALRM removes the file signals_doom() named and ends uptake by the
 * signal caught. */
#define SIGNALS_GRACE_S 2

/* Names PATH, a temporary file, for that handler to remove; NULL: none.
 * The name is copied; a name too long for the copy is not kept. */
void signals_doom(const char *path);

/* The flag: 0, or the number of the signal caught. Lent for the life of the
 * process, for the library's stop options. */
const volatile sig_atomic_t *signals_flag(void);

/* When a signal was caught: ends uptake by that signal, with its default
 * action, so that the parent sees how it ended (a shell says 129 for
 * SIGHUP, 130 for SIGINT, 141 for SIGPIPE, 143 for SIGTERM, and a script
 * stops on Ctrl-C).
 * Returns otherwise. Call once a temporary output file is removed. */
void signals_exit_if_caught(void);

#endif
