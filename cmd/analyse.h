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
    bool problems; /* some input was malformed or unreadable */
};

/* Runs the pipeline over O's files; problems go to stderr. Returns 0, or
 * an exit status when nothing can be reported (out of memory). */
int analyse(const struct run_opts *o, const struct upt_config *cfg,
            struct analysed *out);

void analysed_release(struct analysed *a);

/* The exit status after a report: EXIT_PARTIAL for bad input, else
 * EXIT_FLAGGED when asked and someone is flagged, else EXIT_OK. */
int analysed_exit(const struct run_opts *o, const struct analysed *a);

#endif
