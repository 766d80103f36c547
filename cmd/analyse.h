/* analyse.h - reads the inputs and the roster and judges every user, for report
 * and summary */
#ifndef ANALYSE_H
#define ANALYSE_H

#include "options.h"

#include "lib/analysis.h"
#include "lib/diagnose.h"
#include "lib/roster.h"

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
