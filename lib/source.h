/* source.h - one input file through input, records and its format's adapter, as
 * events */
#ifndef UPT_SOURCE_H
#define UPT_SOURCE_H

#include <signal.h>

#include "diag.h"
#include "event.h"
#include "format.h"
#include "format_map.h"
#include "rules.h"
#include "status.h"
#include "timestamp.h"
#include "zone.h"

/* The longest user id kept: memory grows with users, so one row cannot
 * make a user of megabytes. A longer id is reported and its row skipped. */
#define UPT_USER_MAX 256

/* The times a row may have. No CRM logged before 1990: an earlier time is a
 * zero or default date. One later than a day after the caller's now is a
 * clock or a year set wrong, and would move the window judged; the day
 * covers clocks a little ahead and local times read as UTC (up to 14 hours
 * ahead). Either row is reported and skipped. */
#define UPT_TIME_MIN_MS (INT64_C(7305) * UPT_MS_PER_DAY) /* 1990-01-01 */
#define UPT_FUTURE_SLACK_MS UPT_MS_PER_DAY

/* Receives each classified event and where its row started (both lent for
 * the call). Returns 0 to go on, non-zero to stop reading. */
typedef int (*upt_event_fn)(void *ctx, const struct upt_event *ev,
                            const struct upt_where *at);

/* What a caller asks of one read. */
struct upt_source_opts {
    const struct upt_format *format; /* NULL: detect from the header */
    const struct upt_map *map;       /* --map: read every file by it */
    const struct upt_zone *zone;     /* --tz for local times; NULL: UTC */
    int threads; /* above 1: decompress on a thread of its own (-j) */
    struct upt_rules *rules; /* holding the rules of every format it may meet */
    upt_event_fn on_event;
    void *ctx;
    /* now, in milliseconds since the epoch, for the check of future
     * times; 0: no check (the library reads no clock of its own) */
    int64_t now_ms;
    /* raised (non-zero) by the caller's signal handler: reading ends
     * early, between buffers or while waiting for a pipe; NULL: never */
    const volatile sig_atomic_t *stop;
    struct upt_progress *progress; /* bytes read and files done, or NULL */
};

/* Reads PATH ("-" is stdin) to its end. Malformed rows are reported to
 * DIAG and skipped. Returns UPT_OK when the file was read through (even
 * with bad rows: DIAG's count says so), UPT_EBADINPUT when it could not be
 * read as a log at all (not found, unknown format, corrupt compression: the
 * events before the fault were delivered), UPT_ENOMEM, UPT_EOF when the
 * callback stopped the read, or UPT_EINTR when *OPTS->stop was raised (the
 * events of the buffers read before were delivered, a row cut by the stop
 * was not). */
enum upt_status upt_source_read(const char *path, struct upt_source_opts *opts,
                                struct upt_diag *diag);

#endif
