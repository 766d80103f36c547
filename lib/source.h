/* source.h - one input file through input, records and its format's adapter, as
 * events */
#ifndef UPT_SOURCE_H
#define UPT_SOURCE_H

#include "diag.h"
#include "event.h"
#include "format.h"
#include "format_map.h"
#include "rules.h"
#include "status.h"
#include "zone.h"

/* The longest user id kept: memory grows with users, so one row cannot
 * make a user of megabytes. A longer id is reported and its row skipped. */
#define UPT_USER_MAX 256

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
};

/* Reads PATH ("-" is stdin) to its end. Malformed rows are reported to
 * DIAG and skipped. Returns UPT_OK when the file was read through (even
 * with bad rows: DIAG's count says so), UPT_EBADINPUT when it could not be
 * read as a log at all (not found, unknown format, corrupt compression: the
 * events before the fault were delivered), UPT_ENOMEM, or UPT_EOF when the
 * callback stopped the read. */
enum upt_status upt_source_read(const char *path, struct upt_source_opts *opts,
                                struct upt_diag *diag);

#endif
