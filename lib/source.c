/* source.c - one input file through input, records and its format's adapter */
#include "source.h"

#include <stdbool.h>
#include <stdio.h>
#include <string.h>
#include <strings.h>

#include "input.h"
#include "records.h"

#include "banned.h"

struct reader {
    const char *path;
    struct upt_source_opts *opts;
    struct upt_diag *diag;
    const struct upt_format *format;
    void *state;
    size_t header_count;
    char header_first[64]; /* to spot a header repeated mid-stream */
    bool unknown;          /* the header matched no format: stop */
    bool nomem;
    bool stopped; /* by the caller's callback */
};

static void report(struct reader *rd, unsigned long line, const char *kind,
                   const char *msg)
{
    struct upt_where at = {.file = rd->path, .line = line};
    upt_diag_report(rd->diag, &at, kind, "%s", msg);
}

static int on_header(struct reader *rd, const struct upt_row *row)
{
    char msg[160], quoted[64];
    rd->format = rd->opts->format ? rd->opts->format : upt_format_detect(row);
    if (!rd->format) {
        upt_diag_quote(quoted, sizeof(quoted), row->field[0], row->len[0]);
        snprintf(msg, sizeof(msg),
                 "unrecognised log format (header starts '%s'); file skipped",
                 quoted);
        report(rd, row->line, "unknown-format", msg);
        rd->unknown = true;
        return 1;
    }
    rd->state = rd->format->open(row);
    if (!rd->state) {
        rd->nomem = true;
        return 1;
    }
    rd->header_count = row->count;
    snprintf(rd->header_first, sizeof(rd->header_first), "%s", row->field[0]);
    return 0;
}

/* Concatenated exports (zcat *.csv.gz) bring a header per file, each with
 * the columns of its own event type (formats.md 0.1.5). A row is a header
 * when it starts as the current header does and its format recognises it
 * as one; checking the first field first keeps this off the hot path. */
static bool is_header(const struct reader *rd, const struct upt_row *row)
{
    if (strcasecmp(row->field[0], rd->header_first) != 0)
        return false;
    return rd->format->detect(row) ||
           (!rd->opts->format && upt_format_detect(row));
}

static int on_row(void *ctx, const struct upt_row *row)
{
    struct reader *rd = ctx;
    struct upt_event ev;
    char msg[192];

    if (!rd->format)
        return on_header(rd, row);
    if (is_header(rd, row)) {
        rd->format->close(rd->state);
        rd->state = NULL;
        return on_header(rd, row);
    }
    if (row->count != rd->header_count) {
        snprintf(msg, sizeof(msg), "%zu fields, header has %zu; row skipped",
                 row->count, rd->header_count);
        report(rd, row->line, "ragged-row", msg);
        return 0;
    }
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
    int cat = upt_rules_classify(rd->opts->rules, rd->format->name, ev.type,
                                 ev.detail, strlen(ev.detail));
    if (cat == UPT_RULE_IGNORE)
        return 0;
    ev.category = cat == UPT_RULE_NOMATCH ? UPT_CAT_OTHER : cat;
    rd->opts->coverage |=
        upt_rules_coverage(rd->opts->rules, rd->format->name, ev.type);
    struct upt_where at = {.file = rd->path, .line = row->line};
    if (rd->opts->on_event(rd->opts->ctx, &ev, &at) != 0) {
        rd->stopped = true;
        return 1;
    }
    return 0;
}

/* JSON comes in a later version; say so rather than fail on its quotes. */
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

static enum upt_status pump(struct reader *rd, struct upt_input *in,
                            struct upt_records *rec, bool *empty)
{
    enum upt_status st;
    const char *buf;
    size_t len;

    while ((st = upt_input_read(in, &buf, &len)) == UPT_OK) {
        if (*empty && looks_like_json(buf, len)) {
            report(rd, 1, "json",
                   "JSON input is not read yet (only CSV); file skipped");
            rd->unknown = true;
            *empty = false;
            return UPT_OK;
        }
        *empty = false;
        if (upt_records_feed(rec, buf, len) != UPT_OK)
            return UPT_OK; /* stopped by on_row: the reader says why */
    }
    upt_records_finish(rec);
    return st == UPT_EOF ? UPT_OK : st;
}

enum upt_status upt_source_read(const char *path, struct upt_source_opts *opts,
                                struct upt_diag *diag)
{
    struct reader rd = {.path = path, .opts = opts, .diag = diag};
    bool empty = true;
    struct upt_input *in = upt_input_open(path, diag);
    if (!in)
        return UPT_EBADINPUT;
    struct upt_records *rec = upt_records_new(path, ',', diag, on_row, &rd);
    if (!rec) {
        upt_input_free(in);
        return UPT_ENOMEM;
    }
    enum upt_status st = pump(&rd, in, rec, &empty);
    if (st == UPT_OK && empty)
        report(&rd, 0, "empty", "empty input");
    if (rd.state)
        rd.format->close(rd.state);
    upt_records_free(rec);
    upt_input_free(in);
    if (rd.nomem)
        return UPT_ENOMEM;
    if (rd.stopped)
        return UPT_EOF;
    if (rd.unknown || st == UPT_EIO)
        return UPT_EBADINPUT;
    return st;
}
