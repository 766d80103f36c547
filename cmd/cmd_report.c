/* cmd_report.c - uptake [report]: the per-user adoption report */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>

#include "analyse.h"
#include "commands.h"
#include "options.h"

#include "lib/activity.h"
#include "lib/html.h"
#include "lib/timestamp.h"

static const struct option report_options[] = {
    {"roster", required_argument, NULL, OPT_ROSTER},
    {"as-of", required_argument, NULL, OPT_AS_OF},
    {"window", required_argument, NULL, OPT_WINDOW},
    {"grace", required_argument, NULL, OPT_GRACE},
    {"format", required_argument, NULL, OPT_FORMAT},
    {"config", required_argument, NULL, OPT_CONFIG},
    {"map", required_argument, NULL, OPT_MAP},
    {"tz", required_argument, NULL, OPT_TZ},
    {"state", required_argument, NULL, OPT_STATE},
    {"keep", required_argument, NULL, OPT_KEEP},
    {"jobs", required_argument, NULL, 'j'},
    {"output-file", required_argument, NULL, 'o'},
    {"progress", no_argument, NULL, OPT_PROGRESS},
    {"no-progress", no_argument, NULL, OPT_NO_PROGRESS},
    {"pseudonymize", required_argument, NULL, OPT_PSEUDONYMIZE},
    {"output", required_argument, NULL, OPT_OUTPUT},
    {"only", required_argument, NULL, OPT_ONLY},
    {"no-header", no_argument, NULL, OPT_NO_HEADER},
    {"fail-on", required_argument, NULL, OPT_FAIL_ON},
    {"help", no_argument, NULL, 'h'},
    {"version", no_argument, NULL, 'V'},
    {NULL, 0, NULL, 0},
};

void print_main_help(void)
{
    fputs(
        "Usage: uptake [report] [OPTION]... FILE...\n"
        "       uptake events|summary [OPTION]... FILE...\n"
        "       uptake explain [OPTION]... USER FILE...\n"
        "       uptake merge [-o STATE] STATE...\n"
        "       uptake diff [OPTION]... OLD NEW\n"
        "       uptake pseudonym KEYFILE ID... | --new-key KEYFILE\n"
        "       uptake formats\n"
        "Find CRM users who are not adopting, and why, from the CRM's logs.\n"
        "FILE may be - for stdin (read when no FILE is given and stdin is not\n"
        "a terminal); gzip is recognised by content.\n"
        "\n"
        "Commands:\n"
        "  report     per-user adoption report, TSV (the default)\n"
        "  events     the normalized events, one a line\n"
        "  summary    counts by status, cause and team, for a nightly mail\n"
        "  formats    the input formats uptake knows\n"
        "  explain    one user's verdict taken apart: uptake explain USER "
        "FILE...\n"
        "  merge      --state files of disjoint shards joined into one\n"
        "  diff       whose verdict changed between two --state files\n"
        "  pseudonym  the token of a user id under --pseudonymize KEYFILE\n"
        "\n"
        "Options:\n"
        "      --roster FILE     the CRM's user list (CSV: id, name, role, "
        "team,\n"
        "                        active, created); finds users with no "
        "activity\n"
        "      --as-of DATE      the last day judged (default: the day of "
        "the\n"
        "                        last event)\n"
        "      --window N[d|w]   the period judged (default: 28d)\n"
        "      --grace N[d|w]    users created this recently are 'new' "
        "(default: 14d)\n"
        "      --format NAME     read every file as NAME (default: detect)\n"
        "      --config FILE     rules, thresholds, role tasks (see "
        "uptake(1))\n"
        "      --map SPEC        read any CRM's log: user=COL,time=COL,"
        "action=COL\n"
        "                        [,object=COL,session=COL,outcome=COL]\n"
        "      --tz ZONE         the zone of logs in local time (UI downloads)"
        ":\n"
        "                        Europe/Paris, +02:00 (default: UTC)\n"
        "      --state FILE      counts kept between runs: read before the "
        "logs,\n"
        "                        replaced whole after them (nightly runs)\n"
        "      --keep N[d|w]|all the days a state keeps (default: 120d)\n"
        "      --progress        a progress line on stderr (default: when "
        "it is a\n"
        "                        terminal); --no-progress: none\n"
        "      --pseudonymize KEYFILE\n"
        "                        user ids and names as keyed tokens (see "
        "'uptake\n"
        "                        pseudonym')\n"
        "      --output FORMAT   tsv, json, text or html (a page with charts)"
        " (default:\n"
        "                        tsv)\n"
        "      --only flagged    only at-risk, not-adopting and inactive "
        "users\n"
        "      --no-header       no header line\n"
        "      --fail-on flagged exit 3 when a user is flagged\n"
        "  -o, --output-file FILE write to FILE, put in place whole when "
        "done\n"
        "                        (default: the standard output)\n"
        "  -j, --jobs N          threads to use: inflating and parsing run "
        "beside counting\n"
        "                        (default: the cores online; -j 1: one "
        "thread)\n"
        "  -h, --help            show this help and exit\n"
        "  -V, --version         show the version and exit\n"
        "\n"
        "Exit status: 0 done, 1 some input malformed or unreadable, 2 usage "
        "error,\n"
        "3 flagged users with --fail-on flagged, 4 the --state could not be "
        "read\n"
        "or written (it is left as it was); 129, 130 and 143 interrupted "
        "(SIGHUP,\n"
        "SIGINT, SIGTERM) and 141 output pipe closed, -o FILE and --state then "
        "left\n"
        "as they were.\n"
        "See uptake(1) for the columns, causes and rules.\n",
        stdout);
}

/* The page: the weeks of everything read (with --state, the kept
 * history), up to the last day judged. */
static enum upt_status write_html(FILE *out, const struct analysed *a)
{
    const struct upt_profile *p = upt_analysis_profile(a->analysis);
    int64_t first, last, from = INT64_MIN, to = INT64_MIN;
    upt_diagnosis_window(a->diagnosis, &first, &last);
    if (upt_profile_first_ms(p) != INT64_MAX) {
        from = upt_timestamp_day_of(upt_profile_first_ms(p));
        to = upt_timestamp_day_of(upt_profile_last_ms(p));
    }
    if (first != INT64_MIN) {
        from = from == INT64_MIN || first < from ? first : from;
        to = last;
    }
    struct upt_week *weeks = NULL;
    size_t n = from == INT64_MIN
                   ? 0
                   : upt_activity_weeks(p, a->diagnosis, from, to, &weeks);
    if (n == (size_t)-1)
        return UPT_ENOMEM;
    enum upt_status st =
        upt_html_write(out, a->diagnosis, weeks, n, "CRM adoption");
    free(weeks);
    return st;
}

static enum upt_status write_report(FILE *out, const struct analysed *a,
                                    const struct run_opts *o)
{
    if (o->report.format == UPT_OUT_HTML)
        return write_html(out, a);
    return upt_report_write(out, a->diagnosis, &o->report);
}

int cmd_report(int argc, char **argv)
{
    return analyse_command(argc, argv, report_options, print_main_help,
                           write_report);
}
