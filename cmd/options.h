/* options.h - the options the analysing subcommands share, and exit statuses */
#ifndef OPTIONS_H
#define OPTIONS_H

#include <getopt.h>
#include <stdbool.h>
#include <stdint.h>

#include "lib/diagnose.h"
#include "lib/format.h"
#include "lib/format_map.h"
#include "lib/report.h"

enum {
    EXIT_OK = 0,
    EXIT_PARTIAL = 1,
    EXIT_USAGE = 2,
    EXIT_FLAGGED = 3,
    EXIT_STATE = 4 /* --state could not be locked, read or written */
};

/* Long-only options; the single-letter ones are their own values. */
enum {
    OPT_ROSTER = 256,
    OPT_AS_OF,
    OPT_WINDOW,
    OPT_GRACE,
    OPT_FORMAT,
    OPT_OUTPUT,
    OPT_ONLY,
    OPT_NO_HEADER,
    OPT_FAIL_ON,
    OPT_CONFIG,
    OPT_MAP,
    OPT_TZ,
    OPT_STATE,
    OPT_KEEP,
    OPT_PSEUDONYMIZE,
    OPT_NEW_KEY,
    OPT_PROGRESS,
    OPT_NO_PROGRESS,
    OPT_SINCE,
};

struct run_opts {
    const char *roster;
    const char *subject; /* explain: the user named before the files */
    const char *config_path;
    const char *output_file; /* -o: the result goes there, else stdout */
    const char *state_path;  /* --state: kept between runs */
    const char *since;       /* diff --since: the old state */
    int keep_days;           /* --keep: the days a state keeps; 0: all */
    const char *key_path;    /* --pseudonymize: the key's file */
    bool new_key;            /* pseudonym --new-key */
    int progress; /* --progress 1, --no-progress 0, default -1: a terminal */
    const struct upt_format *format; /* NULL: detect per file */
    struct upt_map map;
    const char *tz; /* --tz, loaded by load_zone() */
    int jobs;       /* -j: threads to use; default: the cores online */
    int64_t now_ms; /* the clock when the run began: later rows are bad */
    bool mapped;    /* --map given: map is set and format is "map" */
    struct upt_report_opts report;
    struct upt_diagnose_opts judge;
    bool fail_on_flagged;
    bool help, version;
    char **files;
    int nfiles;
};

void run_opts_init(struct run_opts *o);

/* Starts a command: O set to the defaults, ARGV parsed as
 * parse_run_opts() does, and --help (printed by HELP) and --version
 * answered. Returns -1 to go on, or the exit status to end with. */
int command_start(int argc, char **argv, const struct option *longopts,
                  void (*help)(void), struct run_opts *o);

/* Parses ARGV (ARGV[0] is the command's name) against LONGOPTS, storing
 * values in O. Returns 0, or EXIT_USAGE after saying what is wrong. */
int parse_run_opts(int argc, char **argv, const struct option *longopts,
                   struct run_opts *o);

/* Prints "uptake: " FMT (with one string ARG) and the pointer to --help on
 * stderr; returns EXIT_USAGE. */
#if defined(__GNUC__)
__attribute__((format(printf, 1, 2)))
#endif
int usage_error(const char *fmt, ...);

/* Loads O's --config, if any, into *CFG and applies its thresholds to O.
 * Returns 0, or EXIT_USAGE after the problems were printed. */
struct upt_config;
int load_config(struct run_opts *o, struct upt_config **cfg);

/* Loads O's --tz, if any, into *ZONE (NULL without one). Returns 0, or
 * EXIT_USAGE after saying what is wrong. */
struct upt_zone;
int load_zone(const struct run_opts *o, struct upt_zone **zone);

/* Loads O's --pseudonymize key, if any, into *P (NULL without one).
 * Returns 0, or EXIT_USAGE after saying why it cannot. */
struct upt_pseudonym;
int load_pseudonym(const struct run_opts *o, struct upt_pseudonym **p);

/* "uptake 0.1.0" and the libraries, on stdout. */
void print_version(void);

/* Checks that there is input: files, a --state (alone, it is reported
 * as it is), or stdin that is not a terminal (then "-" is read). Returns 0
 * or EXIT_USAGE. */
int require_input(struct run_opts *o);

#endif
