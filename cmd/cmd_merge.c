/* cmd_merge.c - uptake merge: states built from disjoint shards of the input
 * (by file, by day, by host) joined into one */
#include <stdbool.h>
#include <stdio.h>
#include <string.h>

#include "commands.h"
#include "options.h"
#include "output.h"
#include "stderr_sink.h"

#include "lib/lock.h"
#include "lib/profile.h"
#include "lib/state.h"

static const struct option merge_options[] = {
    {"keep", required_argument, NULL, OPT_KEEP},
    {"output-file", required_argument, NULL, 'o'},
    {"help", no_argument, NULL, 'h'},
    {"version", no_argument, NULL, 'V'},
    {NULL, 0, NULL, 0},
};

static void print_help(void)
{
    fputs("Usage: uptake merge [OPTION]... STATE...\n"
          "Joins the --state files of runs over disjoint parts of the input "
          "(by\n"
          "file, by day, by host) into one, as one run over all of it would "
          "have\n"
          "written: 'uptake --state' on it then gives the same report.\n"
          "\n"
          "  -o, --output-file FILE write to FILE, put in place whole when "
          "done\n"
          "                        (default: the standard output)\n"
          "      --keep N[d|w]|all the days kept (default: 120d)\n"
          "  -h, --help            show this help and exit\n"
          "  -V, --version         show the version and exit\n"
          "\n"
          "Exit status: 0 done, 2 usage error, 4 a STATE could not be read "
          "(nothing\n"
          "is written); 129, 130 and 143 interrupted (SIGHUP, SIGINT, "
          "SIGTERM), 141\n"
          "the output pipe closed (-o STATE then left as it was).\n"
          "See uptake(1).\n",
          stdout);
}

/* Adds the state at PATH to P; 0 or EXIT_STATE after saying why. */
static int add_state(struct upt_profile *p, const char *path)
{
    char err[512];
    enum upt_status st = upt_state_load(p, path, err, sizeof(err));
    if (st == UPT_OK)
        return 0;
    stderr_say(st == UPT_ENOMEM ? "out of memory" : err);
    return EXIT_STATE;
}

int cmd_merge(int argc, char **argv)
{
    struct run_opts o;
    struct output out;
    int rc;

    if ((rc = command_start(argc, argv, merge_options, print_help, &o)) >= 0)
        return rc;
    rc = 0;
    if (o.nfiles == 0)
        return usage_error("%s", "merge needs a STATE or more");
    struct upt_profile *p = upt_profile_new();
    if (!p) {
        stderr_say("out of memory");
        return EXIT_PARTIAL;
    }
    /* a target that nightly runs use is theirs while it is replaced */
    struct upt_lock *lock = NULL;
    if (o.output_file && strcmp(o.output_file, "-") != 0) {
        char err[512];
        bool busy;
        lock = upt_lock_take(o.output_file, true, &busy, err, sizeof(err));
        if (!lock) {
            stderr_say(err);
            upt_profile_free(p);
            return EXIT_STATE;
        }
    }
    for (int i = 0; i < o.nfiles && rc == 0; i++)
        rc = add_state(p, o.files[i]);
    if (rc == 0 && upt_profile_duplicates(p) > 0) {
        char msg[160];
        snprintf(msg, sizeof(msg),
                 "warning: %llu events are in more than one state: the "
                 "shards overlap, and those events count twice",
                 (unsigned long long)upt_profile_duplicates(p));
        stderr_say(msg);
    }
    if (rc == 0 && (rc = output_open(&out, o.output_file)) == 0) {
        enum upt_status st = upt_state_save(p, (unsigned)o.keep_days, out.f);
        if (st == UPT_ENOMEM)
            stderr_say("out of memory");
        else if (st != UPT_OK)
            output_failed(&out);
        rc = output_close(&out, st != UPT_ENOMEM);
        if (st == UPT_ENOMEM)
            rc = EXIT_PARTIAL;
    }
    upt_lock_release(lock);
    upt_profile_free(p);
    return rc;
}
