/* cmd_summary.c - uptake summary: counts by status and cause, for a nightly
 * mail */
#include <stdio.h>

#include "analyse.h"
#include "commands.h"
#include "options.h"

static const struct option summary_options[] = {
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
    {"fail-on", required_argument, NULL, OPT_FAIL_ON},
    {"help", no_argument, NULL, 'h'},
    {"version", no_argument, NULL, 'V'},
    {NULL, 0, NULL, 0},
};

static void print_help(void)
{
    fputs("Usage: uptake summary [OPTION]... FILE...\n"
          "Counts of users by status and cause, the training each cause "
          "needs,\n"
          "and the categories the input covered.\n"
          "\n"
          "      --roster FILE     the CRM's user list\n"
          "      --as-of DATE      the last day judged (default: last event)\n"
          "      --window N[d|w]   the period judged (default: 28d)\n"
          "      --grace N[d|w]    grace period for new users (default: 14d)\n"
          "      --format NAME     read every file as NAME (default: detect)\n"
          "      --config FILE     rules, thresholds, role tasks\n"
          "      --map SPEC        read any CRM's log: user=COL,time=COL,"
          "action=COL[,...]\n"
          "      --tz ZONE         the zone of logs in local time (default: "
          "UTC)\n"
          "      --state FILE      counts kept between runs: read, then "
          "replaced\n"
          "      --keep N[d|w]|all the days a state keeps (default: 120d)\n"
          "      --pseudonymize KEYFILE  user ids and names as keyed tokens\n"
          "      --progress        a progress line on stderr (default: on a "
          "terminal)\n"
          "      --no-progress     none\n"
          "      --fail-on flagged exit 3 when a user is flagged\n"
          "  -o, --output-file FILE write to FILE, put in place whole when "
          "done\n"
          "                        (default: the standard output)\n"
          "  -j, --jobs N          threads to use (default: the cores "
          "online)\n"
          "  -h, --help            show this help and exit\n"
          "  -V, --version         show the version and exit\n"
          "See uptake(1).\n",
          stdout);
}

static enum upt_status write_summary(FILE *out, const struct analysed *a,
                                     const struct run_opts *o)
{
    (void)o;
    return upt_report_summary(out, a->diagnosis);
}

int cmd_summary(int argc, char **argv)
{
    return analyse_command(argc, argv, summary_options, print_help,
                           write_summary);
}
