/* report.h - the per-user report, the summary and the event stream as TSV, JSON
 * or text */
#ifndef UPT_REPORT_H
#define UPT_REPORT_H

#include <stdbool.h>
#include <stdio.h>

#include "diagnose.h"
#include "event.h"
#include "status.h"

/* HTML is html.h's: the report only, not upt_report_write's. */
enum upt_report_format {
    UPT_OUT_TSV,
    UPT_OUT_JSON,
    UPT_OUT_TEXT,
    UPT_OUT_HTML
};

struct upt_report_opts {
    enum upt_report_format format;
    bool header;       /* TSV and text: a header line first */
    bool only_flagged; /* at-risk, not-adopting and inactive users only */
};

/* Writes D's verdicts to OUT, one user a line. Values are escaped so that
 * no tab, line end or control character of the input reaches the output
 * raw (TSV and text: \t \n \r \\ \xHH; JSON: its own escapes, invalid UTF-8
 * replaced by U+FFFD). UPT_EIO when writing fails. */
enum upt_status upt_report_write(FILE *out, const struct upt_diagnosis *d,
                                 const struct upt_report_opts *opts);

/* Writes the counts by status, cause, team and training need, and the
 * categories the input covered, as text for a mail. UPT_EIO on failure. */
enum upt_status upt_report_summary(FILE *out, const struct upt_diagnosis *d);

/* The header line of the event stream (TSV) or nothing (JSON). */
enum upt_status upt_report_event_header(FILE *out,
                                        enum upt_report_format format);

/* Writes EV as one line: TSV "time user category channel object outcome
 * session raw" (raw is "type:detail"), or a JSON object. */
enum upt_status upt_report_event(FILE *out, const struct upt_event *ev,
                                 enum upt_report_format format);

/* Writes one user's verdict taken apart (see upt_diagnosis_explain): who,
 * the verdict, the figures, the peers, and each cause's rule tried alone,
 * in the order of judgement. Values are escaped as in text output.
 * UPT_EIO when writing fails. */
enum upt_status upt_report_explain(FILE *out, const struct upt_explained *e);

/* Writes the changes from one diagnosis to another (change.h) as TSV,
 * one user a line: user, name, role, team, change, status and cause
 * before, status and cause after, evidence after (before, for a user who
 * left). Escaped as the report is. UPT_EIO when writing fails. */
struct upt_change;
enum upt_status upt_report_changes(FILE *out, const struct upt_change *c,
                                   size_t n, bool header);

/* Writes the names of the categories in MASK, comma-separated, in the
 * order of enum upt_category; "none" for an empty mask. */
void upt_report_categories(FILE *out, unsigned mask);

#endif
