/* source_test.c - unit tests of reading one file as events: what a row's
 * time may be, and a read stopped by the caller */
#include "source.h"

#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "check.h"

enum { MAX_MSGS = 8, MAX_EVENTS = 16 };

struct seen {
    volatile sig_atomic_t *flag;
    int nmsg, nev;
    char msg[MAX_MSGS][160];
    unsigned long line[MAX_MSGS];
    int64_t time[MAX_EVENTS];
};

static void collect(void *ctx, const struct upt_where *at, const char *kind,
                    const char *msg)
{
    struct seen *s = ctx;
    (void)kind;
    if (s->nmsg == MAX_MSGS)
        return;
    snprintf(s->msg[s->nmsg], sizeof(s->msg[0]), "%s", msg);
    s->line[s->nmsg++] = at->line;
}

static int keep(void *ctx, const struct upt_event *ev,
                const struct upt_where *at)
{
    struct seen *s = ctx;
    (void)at;
    if (s->nev < MAX_EVENTS)
        s->time[s->nev++] = ev->time_ms;
    return 0;
}

static char path[64];
static struct upt_rules *rules;

/* A Salesforce Search log, one row per time in TIMES (ISO 8601). */
static void write_log(const char *const *times, int n)
{
    FILE *f = fopen(path, "w");
    if (!f)
        return;
    fputs("EVENT_TYPE,USER_ID,TIMESTAMP_DERIVED\n", f);
    for (int i = 0; i < n; i++)
        fprintf(f, "Search,005Dn000001AbCd,%s\n", times[i]);
    fclose(f);
}

static enum upt_status read_log(int64_t now_ms, struct seen *s)
{
    struct upt_diag diag = {.emit = collect, .ctx = s};
    struct upt_source_opts o = {
        .rules = rules, .on_event = keep, .ctx = s, .now_ms = now_ms};
    return upt_source_read(path, &o, &diag);
}

static int64_t at(const char *iso)
{
    int64_t ms = -1;
    upt_timestamp_parse(iso, strlen(iso), &ms);
    return ms;
}

static void a_row_more_than_a_day_after_now_is_reported_and_skipped(void)
{
    const char *const times[] = {"2026-11-02T00:00:00.000Z",
                                 "2026-11-02T00:00:00.001Z",
                                 "2026-11-01T09:00:00.000Z"};
    struct seen s = {0};
    write_log(times, 3);
    CHECK(read_log(at("2026-11-01T00:00:00Z"), &s) == UPT_OK);
    CHECK(s.nev == 2);
    CHECK(s.time[0] == at(times[0]) && s.time[1] == at(times[2]));
    CHECK(s.nmsg == 1);
    CHECK_STREQ(s.msg[0], "timestamp '2026-11-02T00:00:00.001Z' is in the "
                          "future; row skipped");
    CHECK(s.line[0] == 3);
}

static void without_a_clock_no_time_is_in_the_future(void)
{
    const char *const times[] = {"2206-10-07T08:15:44.274Z"};
    struct seen s = {0};
    write_log(times, 1);
    CHECK(read_log(0, &s) == UPT_OK);
    CHECK(s.nev == 1 && s.nmsg == 0);
}

static void a_row_before_1990_is_reported_and_skipped(void)
{
    const char *const times[] = {"1989-12-31T23:59:59.999Z",
                                 "1990-01-01T00:00:00.000Z", "1970-01-01"};
    struct seen s = {0};
    write_log(times, 3);
    CHECK(read_log(0, &s) == UPT_OK);
    CHECK(s.nev == 1 && s.time[0] == at(times[1]));
    CHECK(UPT_TIME_MIN_MS == upt_timestamp_days(1990, 1, 1) * UPT_MS_PER_DAY);
    CHECK(s.nmsg == 2);
    CHECK_STREQ(s.msg[0], "timestamp '1989-12-31T23:59:59.999Z' is before "
                          "1990; row skipped");
    CHECK(s.line[0] == 2 && s.line[1] == 4);
}

static int raise_flag(void *ctx, const struct upt_event *ev,
                      const struct upt_where *at)
{
    struct seen *s = ctx;
    (void)ev;
    (void)at;
    s->nev++;
    *s->flag = SIGINT;
    return 0;
}

static void a_raised_stop_flag_ends_the_read_early(void)
{
    enum { ROWS = 100000 }; /* some MB: many reads */
    struct seen s = {0};
    volatile sig_atomic_t flag = 0;
    struct upt_diag diag = {.emit = collect, .ctx = &s};
    struct upt_source_opts o = {
        .rules = rules, .on_event = raise_flag, .ctx = &s, .stop = &flag};
    FILE *f = fopen(path, "w");
    if (!f)
        return;
    fputs("EVENT_TYPE,USER_ID,TIMESTAMP_DERIVED\n", f);
    for (int i = 0; i < ROWS; i++)
        fputs("Search,005Dn000001AbCd,2026-10-05T09:27:04.762Z\n", f);
    fclose(f);
    s.flag = &flag;
    CHECK(upt_source_read(path, &o, &diag) == UPT_EINTR);
    CHECK(s.nev > 0 && s.nev < ROWS);
    CHECK(s.nmsg == 0);
    s.nev = 0;
    CHECK(upt_source_read(path, &o, &diag) == UPT_EINTR);
    CHECK(s.nev == 0 && s.nmsg == 0); /* not even "empty input" */
}

int main(void)
{
    char err[256];
    snprintf(path, sizeof(path), "/tmp/uptake-source-%ld.csv", (long)getpid());
    rules = upt_format_rules_new(err, sizeof(err));
    if (!rules) {
        fprintf(stderr, "%s\n", err);
        return 1;
    }
    RUN(a_row_more_than_a_day_after_now_is_reported_and_skipped);
    RUN(without_a_clock_no_time_is_in_the_future);
    RUN(a_row_before_1990_is_reported_and_skipped);
    RUN(a_raised_stop_flag_ends_the_read_early);
    unlink(path);
    upt_rules_free(rules);
    return CHECK_DONE();
}
