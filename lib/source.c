/* source.c - one input file through input, records and its format's adapter */
#include "source.h"

#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "input.h"
#include "jsonrows.h"
#include "records.h"
#include "rowqueue.h"

#include "banned.h"

struct reader {
    const char *path;
    struct upt_source_opts *opts;
    struct upt_diag *diag;
    const struct upt_format *format;
    void *state;
    size_t header_count;
    char header_first[64]; /* to spot a header met mid-stream */
    char *keys;            /* JSON: the last object's keys, NUL-separated */
    const char **renamed;  /* --map: the header's names as the map reads */
    size_t keys_len;
    bool unknown; /* the file matched no format: stop */
    bool nomem;
    bool stopped; /* by the caller's callback */
};

static void report(struct reader *rd, unsigned long line, const char *kind,
                   const char *msg)
{
    struct upt_where at = {.file = rd->path, .line = line};
    upt_diag_report(rd->diag, &at, kind, "%s", msg);
}

static void close_format(struct reader *rd)
{
    if (rd->state)
        rd->format->close(rd->state);
    rd->state = NULL;
    rd->format = NULL;
}

/* With --map, HEADER as the "map" format sees it (its columns renamed)
 * in *OUT; without, HEADER itself. -1 when a mapped column is missing
 * (reported) or out of memory. */
static int map_header(struct reader *rd, const struct upt_row *header,
                      struct upt_row *out, bool quiet)
{
    enum upt_map_field missing;
    char msg[192], quoted[64];
    *out = *header;
    if (!rd->opts->map)
        return 0;
    const char **names =
        realloc(rd->renamed, (header->count + 1) * sizeof(*names));
    if (!names) {
        rd->nomem = true;
        return -1;
    }
    rd->renamed = names;
    if (upt_map_rename(rd->opts->map, header, names, &missing) != 0) {
        if (!quiet) {
            const char *col = rd->opts->map->col[missing];
            upt_diag_quote(quoted, sizeof(quoted), col, strlen(col));
            snprintf(msg, sizeof(msg),
                     "no column '%s' for --map %s; file skipped", quoted,
                     upt_map_field_name(missing));
            report(rd, header->line, "map-column", msg);
        }
        return -1;
    }
    out->field = names;
    return 0;
}

/* Two columns of one name: the adapters read the first, which may not be
 * what the export meant. Said once per header. */
static void warn_duplicates(struct reader *rd, const struct upt_row *header)
{
    char msg[160], quoted[64];
    for (size_t i = 1; i < header->count; i++)
        for (size_t k = 0; k < i; k++)
            if (strcasecmp(header->field[i], header->field[k]) == 0) {
                upt_diag_quote(quoted, sizeof(quoted), header->field[i],
                               header->len[i]);
                snprintf(msg, sizeof(msg),
                         "column '%s' appears twice; the first is read",
                         quoted);
                report(rd, header->line, "duplicate-column", msg);
                return;
            }
}

/* Finds and opens the format of HEADER; 0, or -1 when none fits (WHAT
 * names the thing skipped in the message) or out of memory. */
static int open_format(struct reader *rd, const struct upt_row *raw,
                       const char *what)
{
    char msg[192], quoted[64];
    struct upt_row view;
    close_format(rd);
    if (map_header(rd, raw, &view, false) != 0)
        return -1;
    const struct upt_row *header = &view;
    rd->format =
        rd->opts->format ? rd->opts->format : upt_format_detect(header);
    if (!rd->format) {
        upt_diag_quote(quoted, sizeof(quoted), header->field[0],
                       header->len[0]);
        snprintf(msg, sizeof(msg),
                 "unrecognised log format (%s '%s'); %s skipped",
                 what[0] == 'f' ? "header starts" : "first key", quoted, what);
        report(rd, header->line, "unknown-format", msg);
        return -1;
    }
    warn_duplicates(rd, header);
    rd->state = rd->format->open(header);
    if (!rd->state) {
        rd->format = NULL;
        rd->nomem = true;
        return -1;
    }
    rd->header_count = header->count;
    snprintf(rd->header_first, sizeof(rd->header_first), "%s", raw->field[0]);
    return 0;
}

/* Whether EV's time is one a CRM could have logged (see UPT_TIME_MIN_MS);
 * if not, says so. */
static bool plausible_time(struct reader *rd, const struct upt_event *ev,
                           unsigned long line)
{
    char msg[128], when[32];
    int64_t now = rd->opts->now_ms;
    const char *what = ev->time_ms < UPT_TIME_MIN_MS ? "is before 1990"
                       : now && ev->time_ms > now + UPT_FUTURE_SLACK_MS
                           ? "is in the future"
                           : NULL;
    if (!what)
        return true;
    upt_timestamp_format(ev->time_ms, when, sizeof(when));
    snprintf(msg, sizeof(msg), "timestamp '%s' %s; row skipped", when, what);
    report(rd, line, "time-range", msg);
    return false;
}

/* Adapts ROW, classifies it and hands the event over. Non-zero stops. */
static int deliver(struct reader *rd, const struct upt_row *row)
{
    struct upt_event ev;
    char msg[192];

    memset(&ev, 0, sizeof(ev));
    switch (rd->format->adapt(rd->state, row, &ev, msg, sizeof(msg))) {
    case UPT_ADAPT_SKIP:
        return 0;
    case UPT_ADAPT_BAD:
        report(rd, row->line, "bad-row", msg);
        return 0;
    case UPT_ADAPT_EVENT:
        break;
    }
    if (ev.user_len > UPT_USER_MAX) {
        snprintf(msg, sizeof(msg), "user id longer than %d bytes; row skipped",
                 UPT_USER_MAX);
        report(rd, row->line, "long-user", msg);
        return 0;
    }
    if (ev.local_time && rd->opts->zone)
        ev.time_ms = upt_zone_to_utc(rd->opts->zone, ev.time_ms);
    if (!plausible_time(rd, &ev, row->line))
        return 0;
    int cat = upt_rules_classify(rd->opts->rules, rd->format->name, ev.type,
                                 ev.detail, strlen(ev.detail));
    if (cat == UPT_RULE_IGNORE)
        return 0;
    ev.category = cat == UPT_RULE_NOMATCH ? UPT_CAT_OTHER : cat;
    ev.format = rd->format->name;
    ev.coverage =
        upt_rules_coverage(rd->opts->rules, rd->format->name, ev.type);
    if (rd->format->outcomes)
        ev.coverage |= 1u << UPT_CAT_ERROR;
    struct upt_where at = {.file = rd->path, .line = row->line};
    if (rd->opts->on_event(rd->opts->ctx, &ev, &at) != 0) {
        rd->stopped = true;
        return 1;
    }
    return 0;
}

/* Concatenated exports (zcat *.csv.gz) bring a header per file, each with
 * the columns of its own event type (formats.md 0.1.5). A row is a header
 * when it starts as the current header does and its format recognises it
 * as one; checking the first field first keeps this off the hot path. */
static bool is_header(struct reader *rd, const struct upt_row *row)
{
    struct upt_row view;
    if (strcasecmp(row->field[0], rd->header_first) != 0 ||
        map_header(rd, row, &view, true) != 0)
        return false;
    return rd->format->detect(&view) ||
           (!rd->opts->format && upt_format_detect(&view));
}

static int on_row(void *ctx, const struct upt_row *row)
{
    struct reader *rd = ctx;
    char msg[96];

    /* PowerShell's Export-Csv writes "#TYPE <class>" above the header
     * unless given -NoTypeInformation; concatenated exports bring one each */
    if (row->count == 1 && strncmp(row->field[0], "#TYPE ", 6) == 0)
        return 0;
    if (!rd->format || is_header(rd, row)) {
        if (open_format(rd, row, "file") != 0) {
            rd->unknown = !rd->nomem;
            return 1;
        }
        return 0;
    }
    if (row->count != rd->header_count) {
        snprintf(msg, sizeof(msg), "%zu fields, header has %zu; row skipped",
                 row->count, rd->header_count);
        report(rd, row->line, "ragged-row", msg);
        return 0;
    }
    return deliver(rd, row);
}

/* Whether HEADER has the keys of the last object, in the same order:
 * JSON lines of one kind keep their format without detection. */
static bool same_keys(const struct reader *rd, const struct upt_row *header)
{
    size_t at = 0;
    if (!rd->keys || header->count != rd->header_count)
        return false;
    for (size_t i = 0; i < header->count; i++) {
        size_t n = header->len[i] + 1;
        if (at + n > rd->keys_len ||
            memcmp(rd->keys + at, header->field[i], n) != 0)
            return false;
        at += n;
    }
    return true;
}

static int remember_keys(struct reader *rd, const struct upt_row *header)
{
    size_t n = 0;
    for (size_t i = 0; i < header->count; i++)
        n += header->len[i] + 1;
    char *keys = realloc(rd->keys, n ? n : 1);
    if (!keys)
        return -1;
    rd->keys = keys;
    rd->keys_len = n;
    for (size_t i = 0, at = 0; i < header->count; i++) {
        memcpy(keys + at, header->field[i], header->len[i] + 1);
        at += header->len[i] + 1;
    }
    return 0;
}

static int on_object(void *ctx, const struct upt_row *header,
                     const struct upt_row *row)
{
    struct reader *rd = ctx;
    if (header->count == 0)
        return 0;
    if (!same_keys(rd, header)) {
        if (remember_keys(rd, header) != 0) {
            rd->nomem = true;
            return 1;
        }
        /* objects of another kind may follow: skip this one only */
        if (open_format(rd, header, "record") != 0)
            return rd->nomem;
    }
    if (!rd->format)
        return 0; /* of a kind already reported */
    return deliver(rd, row);
}

/* The parser for the input's syntax, chosen from its first bytes. */
struct parser {
    struct upt_records *csv;
    struct upt_rowqueue *queue; /* CSV parsed on a thread of its own */
    struct upt_jsonrows *json;
};

static bool looks_like_json(const char *buf, size_t len)
{
    size_t i = 0;
    if (len >= 3 && memcmp(buf, "\xEF\xBB\xBF", 3) == 0)
        i = 3;
    while (i < len && (buf[i] == ' ' || buf[i] == '\t' || buf[i] == '\r' ||
                       buf[i] == '\n'))
        i++;
    return i < len && (buf[i] == '{' || buf[i] == '[');
}

/* With -j, CSV is read and parsed on a thread of its own while this one
 * adapts and counts; JSON, whose parser is the heavier half, only has its
 * input decompressed on another thread. */
static int choose_parser(struct reader *rd, struct parser *p,
                         struct upt_input *in, const char *buf, size_t len)
{
    bool threaded = rd->opts->threads > 1;
    upt_input_set_threaded(in, threaded);
    if (!looks_like_json(buf, len)) {
        char delim = upt_records_delimiter(buf, len);
        if (threaded && (p->queue = upt_rowqueue_start(in, rd->path, delim, buf,
                                                       len, rd->diag)))
            return 0;
        p->csv = upt_records_new(rd->path, delim, rd->diag, on_row, rd);
        return p->csv ? 0 : -1;
    }
    if (!upt_jsonrows_available()) {
        report(rd, 1, "json",
               "JSON input needs uptake built with json-c; file skipped");
        rd->unknown = true;
        return -1;
    }
    p->json = upt_jsonrows_new(rd->path, rd->diag, on_object, rd);
    return p->json ? 0 : -1;
}

static enum upt_status pump(struct reader *rd, struct upt_input *in,
                            struct parser *p, bool *empty)
{
    enum upt_status st;
    const char *buf;
    size_t len;

    while ((st = upt_input_read(in, &buf, &len)) == UPT_OK) {
        if (rd->opts->stop && *rd->opts->stop)
            return UPT_EINTR;
        if (*empty) {
            *empty = false;
            if (choose_parser(rd, p, in, buf, len) != 0) {
                rd->nomem = !rd->unknown;
                return UPT_OK;
            }
            if (p->queue) {
                st = upt_rowqueue_drain(p->queue, on_row, rd);
                if (st == UPT_ENOMEM)
                    rd->nomem = true;
                /* stopped by on_row: the reader says why */
                return st == UPT_ENOMEM || st == UPT_EOF ? UPT_OK : st;
            }
        }
        if ((p->csv ? upt_records_feed(p->csv, buf, len)
                    : upt_jsonrows_feed(p->json, buf, len)) != UPT_OK)
            return UPT_OK; /* stopped: the reader says why */
    }
    if (st == UPT_EINTR)
        return st;
    if (p->csv)
        upt_records_finish(p->csv);
    if (p->json)
        upt_jsonrows_finish(p->json);
    return st == UPT_EOF ? UPT_OK : st;
}

enum upt_status upt_source_read(const char *path, struct upt_source_opts *opts,
                                struct upt_diag *diag)
{
    struct reader rd = {.path = path, .opts = opts, .diag = diag};
    struct parser p = {0};
    bool empty = true;
    struct upt_input *in = upt_input_open(path, diag);
    if (!in)
        return UPT_EBADINPUT;
    upt_input_set_stop(in, opts->stop);
    upt_input_set_progress(in, opts->progress);
    enum upt_status st = pump(&rd, in, &p, &empty);
    /* nothing but a BOM or blank lines is empty too */
    if (st == UPT_OK &&
        (empty || ((p.csv || p.queue) && !rd.format && !rd.unknown)))
        report(&rd, 0, "empty", "empty input");
    upt_rowqueue_free(p.queue); /* the input is ours again */
    close_format(&rd);
    upt_records_free(p.csv);
    upt_jsonrows_free(p.json);
    upt_input_free(in);
    free(rd.keys);
    free(rd.renamed);
    if (rd.nomem)
        return UPT_ENOMEM;
    if (st == UPT_EINTR)
        return UPT_EINTR;
    if (rd.stopped)
        return UPT_EOF;
    if (rd.unknown || st == UPT_EIO)
        return UPT_EBADINPUT;
    return st;
}
