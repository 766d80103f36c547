/* state_file.c - --state FILE: locked, read before the logs, replaced after */
#include "state_file.h"

#include <stdio.h>
#include <string.h>

#include "options.h"
#include "stderr_sink.h"

#include "lib/analysis.h"
#include "lib/lock.h"
#include "lib/outfile.h"
#include "lib/timestamp.h"

int state_file_open(struct state_file *sf, const char *path,
                    struct upt_analysis *a)
{
    char err[512], msg[600];
    bool busy;
    *sf = (struct state_file){.path = path};
    sf->lock = upt_lock_take(path, false, &busy, err, sizeof(err));
    if (!sf->lock && busy) {
        snprintf(msg, sizeof(msg), "%s; waiting", err);
        stderr_say(msg);
        sf->lock = upt_lock_take(path, true, &busy, err, sizeof(err));
    }
    if (!sf->lock) {
        stderr_say(err);
        return EXIT_STATE;
    }
    unsigned left = upt_outfile_clean(path);
    if (left > 0) {
        snprintf(msg, sizeof(msg),
                 "%s: removed %u unfinished cop%s a stopped run left", path,
                 left, left == 1 ? "y" : "ies");
        stderr_say(msg);
    }
    enum upt_status st = upt_analysis_load_state(a, path, err, sizeof(err));
    if (st == UPT_OK || st == UPT_EOF) /* EOF: no state yet, a first run */
        return 0;
    if (st == UPT_ENOMEM)
        stderr_say("out of memory");
    else if (st == UPT_EIO)
        stderr_say(err);
    else {
        snprintf(msg, sizeof(msg), "%s; the state is left as it was", err);
        stderr_say(msg);
    }
    return EXIT_STATE;
}

static void tell_revisions(struct state_file *sf, struct upt_analysis *a)
{
    const int32_t *days;
    size_t n = upt_analysis_revised_days(a, &days);
    if (n > 0) {
        fprintf(stderr, "uptake: ");
        put_escaped(stderr, sf->path);
        fprintf(stderr, ": %zu day%s revised:", n, n == 1 ? "" : "s");
        for (size_t i = 0; i < n; i++) {
            char date[16];
            upt_timestamp_format_day(days[i], date, sizeof(date));
            fprintf(stderr, " %s", date);
        }
        fputc('\n', stderr);
    }
    int64_t before;
    uint64_t closed = upt_analysis_closed(a, &before);
    if (closed > 0) {
        char date[16];
        upt_timestamp_format_day(upt_timestamp_day_of(before), date,
                                 sizeof(date));
        fprintf(stderr, "uptake: ");
        put_escaped(stderr, sf->path);
        fprintf(stderr,
                ": %llu events of days before %s skipped: those days are "
                "closed\n",
                (unsigned long long)closed, date);
    }
}

int state_file_save(struct state_file *sf, struct upt_analysis *a,
                    unsigned keep_days)
{
    char err[512];
    tell_revisions(sf, a);
    struct upt_outfile *f = upt_outfile_open(sf->path, err, sizeof(err));
    if (!f) {
        stderr_say(err);
        return EXIT_STATE;
    }
    enum upt_status st =
        upt_analysis_write_state(a, keep_days, upt_outfile_stream(f));
    if (st == UPT_ENOMEM) {
        upt_outfile_discard(f);
        stderr_say("out of memory; the state is left as it was");
        return EXIT_STATE;
    }
    /* a failed write shows again at commit, which names it */
    if (upt_outfile_commit(f, err, sizeof(err)) != UPT_OK) {
        stderr_say(err);
        return EXIT_STATE;
    }
    return 0;
}

void state_file_close(struct state_file *sf)
{
    upt_lock_release(sf->lock);
    sf->lock = NULL;
}
