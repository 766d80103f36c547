/* cmd_diff.c - uptake diff: whose verdict changed between two states, the
 * heart of a nightly mail */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "commands.h"
#include "options.h"
#include "output.h"
#include "signals.h"
#include "stderr_sink.h"

#include "lib/analysis.h"
#include "lib/change.h"
#include "lib/config.h"
#include "lib/pseudonym.h"
#include "lib/report.h"
#include "lib/roster.h"
#include "lib/zone.h"

static const struct option diff_options[] = {
    {"roster", required_argument, NULL, OPT_ROSTER},
    {"since", required_argument, NULL, OPT_SINCE},
    {"format", required_argument, NULL, OPT_FORMAT},
    {"map", required_argument, NULL, OPT_MAP},
    {"tz", required_argument, NULL, OPT_TZ},
    {"jobs", required_argument, NULL, 'j'},
    {"window", required_argument, NULL, OPT_WINDOW},
    {"grace", required_argument, NULL, OPT_GRACE},
    {"config", required_argument, NULL, OPT_CONFIG},
    {"no-header", no_argument, NULL, OPT_NO_HEADER},
    {"output-file", required_argument, NULL, 'o'},
    {"pseudonymize", required_argument, NULL, OPT_PSEUDONYMIZE},
    {"help", no_argument, NULL, 'h'},
    {"version", no_argument, NULL, 'V'},
    {NULL, 0, NULL, 0},
};

static void print_help(void)
{
    fputs("Usage: uptake diff [OPTION]... OLD NEW\n"
          "       uptake diff --since STATE [OPTION]... [FILE...]\n"
          "The users whose verdict changed from one --state file to "
          "another (each\n"
          "judged as of its own last day): newly flagged, recovered, "
          "another cause\n"
          "or status, a joiner's first real work, joined, left. TSV, one "
          "user a line.\n"
          "With --since, from STATE to STATE and the logs FILE... (STATE "
          "is not\n"
          "written).\n"
          "\n"
          "      --roster FILE     the CRM's user list, as for report\n"
          "      --since STATE     the old side; the new is it and the "
          "logs given\n"
          "      --format NAME, --map SPEC, --tz ZONE, -j/--jobs N\n"
          "                        reading the logs, as for report\n"
          "      --window N[d|w]   the period judged (default: 28d)\n"
          "      --grace N[d|w]    grace period for new users (default: "
          "14d)\n"
          "      --config FILE     rules, thresholds, role tasks\n"
          "      --no-header       no header line\n"
          "      --pseudonymize KEYFILE  the roster's users as keyed tokens, "
          "as\n"
          "                        the states were written\n"
          "  -o, --output-file FILE write to FILE, put in place whole when "
          "done\n"
          "                        (default: the standard output)\n"
          "  -h, --help            show this help and exit\n"
          "  -V, --version         show the version and exit\n"
          "\n"
          "Exit status: 0 done, 1 a bad roster, 2 usage error, 4 a state could "
          "not\n"
          "be read; 129, 130 and 143 interrupted (SIGHUP, SIGINT, SIGTERM), "
          "141 the\n"
          "output pipe closed.\n"
          "See uptake(1).\n",
          stdout);
}

/* One side of the diff: a state, and with --since the logs added to it. */
struct side {
    struct upt_analysis *analysis;
    struct upt_diagnosis *diagnosis;
};

static int load_side(const char *path, const struct upt_read_opts *ro,
                     struct upt_diag *diag, struct side *s)
{
    char err[512];
    if (!(s->analysis = upt_analysis_new(diag, ro, err, sizeof(err)))) {
        stderr_say(err);
        return EXIT_PARTIAL;
    }
    enum upt_status st =
        upt_analysis_load_state(s->analysis, path, err, sizeof(err));
    if (st != UPT_OK) {
        stderr_say(st == UPT_ENOMEM ? "out of memory" : err);
        return EXIT_STATE;
    }
    return 0;
}

int cmd_diff(int argc, char **argv)
{
    struct run_opts o;
    struct upt_config *cfg = NULL;
    struct upt_pseudonym *pseudonym = NULL;
    struct upt_zone *zone = NULL;
    struct upt_roster *roster = NULL;
    struct upt_diag diag;
    struct stderr_sink sink;
    struct side side[2] = {{0}};
    struct output out;
    int rc;

    if ((rc = command_start(argc, argv, diff_options, print_help, &o)) >= 0)
        return rc;
    if (!o.since && o.nfiles != 2)
        return usage_error("%s", "diff needs two states (OLD NEW), or "
                                 "--since STATE and the new logs");
    if ((rc = load_config(&o, &cfg)) != 0 || (rc = load_zone(&o, &zone)) != 0 ||
        (rc = load_pseudonym(&o, &pseudonym)) != 0)
        goto done;
    stderr_sink_init(&sink, &diag);
    if (o.roster) {
        roster = upt_roster_load(o.roster, &diag);
        stderr_sink_flush(&sink);
    }
    struct upt_read_opts ro = {.format = o.format,
                               .map = o.mapped ? &o.map : NULL,
                               .config = cfg,
                               .roster = roster,
                               .zone = zone,
                               .threads = o.jobs,
                               .pseudonym = pseudonym,
                               .now_ms = o.now_ms,
                               .stop = signals_flag()};
    const char *old = o.since ? o.since : o.files[0];
    const char *new_ = o.since ? o.since : o.files[1];
    rc = load_side(old, &ro, &diag, &side[0]);
    if (rc == 0)
        rc = load_side(new_, &ro, &diag, &side[1]);
    if (rc == 0 && o.since && o.nfiles > 0) {
        /* the new side: the state as a --state run over the logs would
         * leave it, without writing it */
        enum upt_status st = upt_analysis_add_files(
            side[1].analysis, (const char *const *)o.files, (size_t)o.nfiles);
        stderr_sink_flush(&sink);
        if (st == UPT_ENOMEM || st == UPT_EINTR) {
            if (st == UPT_ENOMEM)
                stderr_say("out of memory");
            rc = EXIT_PARTIAL;
        }
    }
    /* the logs have been matched to the roster: now it takes tokens too */
    if (rc == 0 && roster && pseudonym &&
        upt_roster_pseudonymize(roster, pseudonym) != UPT_OK) {
        stderr_say("out of memory");
        rc = EXIT_PARTIAL;
    }
    for (int i = 0; i < 2 && rc == 0; i++)
        if (!(side[i].diagnosis =
                  upt_analysis_diagnose(side[i].analysis, roster, &o.judge))) {
            stderr_say("out of memory");
            rc = EXIT_PARTIAL;
        }
    if (rc == 0 && (rc = output_open(&out, o.output_file)) == 0) {
        struct upt_change *c;
        size_t n = upt_change_list(side[0].diagnosis, side[1].diagnosis, &c);
        enum upt_status st =
            n == (size_t)-1 ? UPT_ENOMEM
                            : upt_report_changes(out.f, c, n, o.report.header);
        free(c);
        if (st == UPT_ENOMEM)
            stderr_say("out of memory");
        else if (st != UPT_OK)
            output_failed(&out);
        rc = output_close(&out, st != UPT_ENOMEM);
        if (rc == 0 && (st == UPT_ENOMEM || diag.problems > 0))
            rc = EXIT_PARTIAL;
    }
    for (int i = 0; i < 2; i++) {
        upt_diagnosis_free(side[i].diagnosis);
        upt_analysis_free(side[i].analysis);
    }
done:
    upt_roster_free(roster);
    upt_pseudonym_free(pseudonym);
    upt_zone_free(zone);
    upt_config_free(cfg);
    return rc;
}
