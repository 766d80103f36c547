/* cmd_explain.c - uptake explain USER: one user's verdict taken apart */
#include <stdio.h>
#include <string.h>

#include "analyse.h"
#include "commands.h"
#include "options.h"
#include "stderr_sink.h"

#include "lib/pseudonym.h"
#include "lib/userid.h"

static const struct option explain_options[] = {
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
    {"help", no_argument, NULL, 'h'},
    {"version", no_argument, NULL, 'V'},
    {NULL, 0, NULL, 0},
};

static void print_help(void)
{
    fputs("Usage: uptake explain [OPTION]... USER FILE...\n"
          "One user's verdict taken apart: the figures (with the two halves\n"
          "of the window, the deadline days and the working days, with any\n"
          "fall to the end of them), the peers they are compared with, and\n"
          "each cause's score with its reasons. USER is the id as the report\n"
          "writes it.\n"
          "\n" ANALYSE_HELP_OPTIONS ANALYSE_HELP_TAIL
          "Exit status: 0, 1 for malformed input, 2 for misuse or an unknown "
          "USER,\n"
          "4 when the --state could not be read or written, 129, 130 and 143\n"
          "interrupted (SIGHUP, SIGINT, SIGTERM), 141 the output pipe closed.\n"
          "See uptake(1).\n",
          stdout);
}

static enum upt_status write_explain(FILE *out, const struct analysed *a,
                                     const struct run_opts *o)
{
    struct upt_explained e;
    char token[UPT_PSEUDONYM_LEN + 1];
    const char *who = o->subject;
    if (a->pseudonym) { /* the id as the admin knows it, or its token */
        upt_pseudonym_token(a->pseudonym, UPT_PSEUDONYM_ID, who,
                            upt_userid_key_len(who, strlen(who)), token);
        who = token;
    }
    if (upt_diagnosis_explain(a->diagnosis, who, &e) != 0 &&
        (who == o->subject ||
         upt_diagnosis_explain(a->diagnosis, o->subject, &e) != 0)) {
        fputs("uptake: no user '", stderr);
        put_escaped(stderr, o->subject);
        fputs("' in the input or the roster\n", stderr);
        return UPT_EUSAGE;
    }
    return upt_report_explain(out, &e);
}

int cmd_explain(int argc, char **argv)
{
    return analyse_subject_command(argc, argv, explain_options, print_help,
                                   write_explain);
}
