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
          "\n" ANALYSE_HELP_OPTIONS,
          stdout);
    fputs("      --fail-on flagged exit 3 when a user is "
          "flagged\n" ANALYSE_HELP_TAIL
          "Exit status: 0, 1 for malformed input, 2 for misuse, 3 flagged "
          "users with\n"
          "--fail-on flagged, 4 when the --state could not be read or "
          "written, 129,\n"
          "130 and 143 interrupted (SIGHUP, SIGINT, SIGTERM), 141 the output "
          "pipe\n"
          "closed.\n"
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
