/* html.h - the report as one self-contained HTML page, for a mail or a
 * browser: inline CSS and SVG, no script, nothing fetched */
#ifndef UPT_HTML_H
#define UPT_HTML_H

#include <stddef.h>
#include <stdio.h>

#include "activity.h"
#include "diagnose.h"
#include "status.h"

/* The flagged users listed one a row; past it, the page says how many
 * more there are (the TSV report has them all), so that 50,000 users make
 * a page of a few hundred kilobytes. */
#define UPT_HTML_MAX_ROWS 1000

/* The roles and teams drawn one a bar each; the rest are summed into one
 * bar, "all others". */
#define UPT_HTML_MAX_GROUPS 24

/* Writes D as a page: headline figures (users by status, by cause, the
 * share adopting), weekly active users (WEEKS, N of them, from the
 * kept history; the judged window marked), the causes by role and by
 * team as bars, the training plan (which groups need end-user,
 * stakeholder or technical training, and who), and the flagged users
 * with their evidence. Every chart carries its figures as text and in a
 * table too: colour is never the only carrier of meaning. Values are
 * HTML-escaped, control characters and bytes that are not UTF-8 as
 * \xHH. TITLE is the page's heading (may be NULL). UPT_EIO when writing
 * fails, UPT_ENOMEM. */
enum upt_status upt_html_write(FILE *out, const struct upt_diagnosis *d,
                               const struct upt_week *weeks, size_t n,
                               const char *title);

#endif
