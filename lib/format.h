/* format.h - the log formats uptake reads: detection from the header, row ->
 * event */
#ifndef UPT_FORMAT_H
#define UPT_FORMAT_H

#include <stdbool.h>
#include <stddef.h>

#include "event.h"
#include "records.h"
#include "rules.h"

/* What an adapter made of a row. */
enum upt_adapt {
    UPT_ADAPT_EVENT, /* the event is filled in */
    UPT_ADAPT_SKIP,  /* no user activity in this row; not an error */
    UPT_ADAPT_BAD    /* malformed; the reason is in the error buffer */
};

/* One log format. Every member is set; the adapter's state is opaque. */
struct upt_format {
    const char *name;       /* "salesforce", as --format takes it */
    const char *title;      /* "Salesforce Event Monitoring event log files" */
    const char *recognised; /* how detect() knows it, for `uptake formats` */
    const struct upt_rule_def *rules; /* built-in classification */
    /* Whether HEADER is this format's header row. */
    int (*detect)(const struct upt_row *header);
    /* Maps HEADER's columns; returns the state, or NULL out of memory. */
    void *(*open)(const struct upt_row *header);
    /* Fills EV from ROW (EV's strings are lent from ROW or the state until
     * the next call); EV's category is left for the rules. On UPT_ADAPT_BAD
     * writes the reason ("bad timestamp '…'") into ERR. */
    enum upt_adapt (*adapt)(void *state, const struct upt_row *row,
                            struct upt_event *ev, char *err, size_t errsize);
    void (*close)(void *state);
    /* Whether its events say when an action failed (a failed save as
     * such, not as an error event): it shows errors whatever its rules'
     * categories. */
    bool outcomes;
};

/* The categories F's built-in rules can give (bit 1 << category). */
unsigned upt_format_categories(const struct upt_format *f);

/* The format whose header HEADER is, or NULL. */
const struct upt_format *upt_format_detect(const struct upt_row *header);

/* The format called NAME, or NULL. */
const struct upt_format *upt_format_find(const char *name);

/* The known formats, in the order `uptake formats` lists them; *COUNT set. */
const struct upt_format *const *upt_format_all(size_t *count);

/* The index of the column called NAME in HEADER, compared without regard
 * to case, or -1. For adapters. */
int upt_format_column(const struct upt_row *header, const char *name);

/* Maps N column NAMES to their indexes in HEADER (-1 when absent). A name
 * may list spellings separated by '|' ("LoginTime|EventDate|Login Time"):
 * the first present wins. */
void upt_format_map(const struct upt_row *header, const char *const *names,
                    size_t n, int *col);

/* Reads the time in column COL of ROW into EV->time_ms: every form of
 * upt_timestamp_parse_local() when LOCALE (EV->local_time then says
 * whether the text gave a zone), else of upt_timestamp_parse(). On
 * failure writes "no WHAT; row skipped" (an empty value; WHAT NULL: it is
 * a bad timestamp too) or "bad timestamp '…'; row skipped" into ERR and
 * returns UPT_ADAPT_BAD; else UPT_ADAPT_EVENT. */
enum upt_adapt upt_format_time(const struct upt_row *row, int col,
                               const char *what, bool locale,
                               struct upt_event *ev, char *err, size_t errsize);

/* The value of column COL of ROW, lent ("" when COL is -1 or past the
 * row's end); *LEN set when LEN is not NULL. */
const char *upt_format_get(const struct upt_row *row, int col, size_t *len);

/* Appends every format's built-in rules to RULES (after whatever rules it
 * holds, so that those win). On failure (out of memory, or a bug in a
 * built-in pattern) returns the status with the reason in ERR. */
enum upt_status upt_format_add_rules(struct upt_rules *rules, char *err,
                                     size_t errsize);

/* A rule list of the built-in rules alone; NULL with the reason in ERR. */
struct upt_rules *upt_format_rules_new(char *err, size_t errsize);

#endif
