/* meter.h - the progress line on a terminal: bytes read, rate, files, time
 * left */
#ifndef METER_H
#define METER_H

#include <stdbool.h>

struct upt_progress;
struct meter;

/* Whether a meter belongs on stderr: asked for (1), refused (0), or, by
 * default (-1), when stderr is a terminal. Never in a pipe, a file or cron
 * unless asked. */
bool meter_wanted(int asked);

/* Starts redrawing one line on stderr four times a second from P while the
 * N FILES are read; their sizes (where they are regular files) give the
 * percentage and the time left. NULL when no thread is to be had: there is
 * then no meter. */
struct meter *meter_start(struct upt_progress *p, char *const *files, int n);

/* Stops M, erases its line and frees it. NULL does nothing. */
void meter_stop(struct meter *m);

/* Erases the meter's line, if one is drawn, so that a message starts on a
 * clean line; call with stderr locked (flockfile). */
void meter_erase(void);

#endif
