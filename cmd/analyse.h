/* analyse.h - reads the inputs and the roster and judges every user, for report
 * and summary */
#ifndef ANALYSE_H
#define ANALYSE_H

#include "options.h"

#include "lib/analysis.h"
#include "lib/diagnose.h"
#include "lib/roster.h"

/* The --help lines of the options every analysing command takes, but
 * --output, --only, --no-header and --fail-on (report, and summary for
 * the last), in the order they are listed: those that say what is read
 * and judged, then ANALYSE_HELP_TAIL after the command's own. */
#define ANALYSE_HELP_OPTIONS                                                   \
    "      --roster FILE     the CRM's user list\n"                            \
    "      --as-of DATE      the last day judged (default: last event)\n"      \
    "      --window N[d|w]   the period judged (default: 28d)\n"               \
    "      --grace N[d|w]    grace period for new users (default: 14d)\n"      \
    "      --format NAME     read every file as NAME (default: detect)\n"      \
    "      --config FILE     rules, thresholds, role tasks\n"                  \
    "      --map SPEC        read any CRM's log: user=COL,time=COL,"           \
    "action=COL[,...]\n"                                                       \
    "      --tz ZONE         the zone of logs in local time (default: "        \
    "UTC)\n"                                                                   \
    "      --state FILE      counts kept between runs: read, then "            \
    "replaced\n"                                                               \
    "      --keep N[d|w]|all the days a state keeps (default: 120d)\n"         \
    "      --pseudonymize KEYFILE  user ids and names as keyed tokens\n"       \
    "      --progress        a progress line on stderr (default: on a "        \
    "terminal)\n"                                                              \
    "      --no-progress     none\n"

#define ANALYSE_HELP_TAIL                                                      \
    "  -o, --output-file FILE write to FILE, put in place whole when "         \
    "done\n"                                                                   \
    "                        (default: the standard output)\n"                 \
    "  -j, --jobs N          threads to use (default: the cores "              \
    "online)\n"                                                                \
    "  -h, --help            show this help and exit\n"                        \
    "  -V, --version         show the version and exit\n"

struct analysed {
    struct upt_analysis *analysis;
    struct upt_roster *roster;
    struct upt_diagnosis *diagnosis;
    struct upt_zone *zone;
    struct upt_config *config;
    struct upt_pseudonym *pseudonym; /* --pseudonymize */
    bool problems; /* some input was malformed or unreadable */
};

/* Writes what a command makes of the judged run to OUT. */
typedef enum upt_status (*analysed_write_fn)(FILE *out,
                                             const struct analysed *a,
                                             const struct run_opts *o);

/* The whole of an analysing command (report, summary): parses ARGV
 * against LONGOPTS, answers --help with HELP and --version, loads the
 * config, zone and roster, reads the files, judges, and hands the result
 * to WRITE for stdout or -o FILE (put in place only when all of it was
 * written). Returns the exit status: EXIT_USAGE for misuse or a FILE that
 * cannot be created, EXIT_PARTIAL for bad input or a failed write,
 * EXIT_FLAGGED when asked and someone is flagged, else EXIT_OK. */
int analyse_command(int argc, char **argv, const struct option *longopts,
                    void (*help)(void), analysed_write_fn write);

/* As analyse_command, for a command whose first operand is a user
 * (explain): it goes to o->subject, the rest are the files. */
int analyse_subject_command(int argc, char **argv,
                            const struct option *longopts, void (*help)(void),
                            analysed_write_fn write);

#endif
