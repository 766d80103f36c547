/* options.c - the options the analysing subcommands share */
#include "options.h"

#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "stderr_sink.h"

#include "lib/config.h"
#include "lib/pseudonym.h"
#include "lib/timestamp.h"
#include "lib/version.h"
#include "lib/zone.h"

void run_opts_init(struct run_opts *o)
{
    memset(o, 0, sizeof(*o));
    o->report.format = UPT_OUT_TSV;
    o->report.header = true;
    o->judge.as_of_day = INT64_MIN;
    o->judge.window_days = 28;
    long cores = sysconf(_SC_NPROCESSORS_ONLN);
    o->jobs = cores > 1 ? (int)(cores > 256 ? 256 : cores) : 1;
    o->judge.grace_days = 14;
    o->keep_days = 120;
    o->progress = -1;
    o->now_ms = (int64_t)time(NULL) * 1000;
    upt_thresholds_default(&o->judge.t);
}

int usage_error(const char *fmt, ...)
{
    char msg[1024];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(msg, sizeof(msg), fmt, ap);
    va_end(ap);
    fputs("uptake: ", stderr);
    put_escaped(stderr, msg);
    fputs("\nTry 'uptake --help'.\n", stderr);
    return EXIT_USAGE;
}

void print_version(void)
{
    char libs[160];
    upt_version_libs(libs, sizeof(libs));
    printf("uptake %s\n%s\n", UPT_VERSION, libs);
}

static int set_output(struct run_opts *o, const char *arg)
{
    static const struct {
        const char *name;
        enum upt_report_format format;
    } outputs[] = {{"tsv", UPT_OUT_TSV},
                   {"json", UPT_OUT_JSON},
                   {"text", UPT_OUT_TEXT},
                   {"html", UPT_OUT_HTML}};
    for (size_t i = 0; i < sizeof(outputs) / sizeof(outputs[0]); i++)
        if (strcmp(arg, outputs[i].name) == 0) {
            o->report.format = outputs[i].format;
            return 0;
        }
    return usage_error("unknown output '%s' (tsv, json, text or html)", arg);
}

static int set_as_of(struct run_opts *o, const char *arg)
{
    int64_t ms;
    if (upt_timestamp_parse(arg, strlen(arg), &ms) != 0)
        return usage_error("bad --as-of date '%s' (YYYY-MM-DD)", arg);
    o->judge.as_of_day = upt_timestamp_day_of(ms);
    return 0;
}

static int set_map(struct run_opts *o, const char *arg)
{
    char err[256];
    if (upt_map_parse(arg, &o->map, err, sizeof(err)) != 0)
        return usage_error("%s", err);
    o->mapped = true;
    return 0;
}

static int set_option(struct run_opts *o, int opt, const char *arg)
{
    switch (opt) {
    case 'h':
        o->help = true;
        return 0;
    case 'V':
        o->version = true;
        return 0;
    case 'j': {
        char *end;
        long n = strtol(arg, &end, 10);
        if (*end || n < 1 || n > 256)
            return usage_error("bad -j '%s' (1 to 256)", arg);
        o->jobs = (int)n;
        return 0;
    }
    case 'o':
        o->output_file = arg;
        return 0;
    case OPT_ROSTER:
        o->roster = arg;
        return 0;
    case OPT_CONFIG:
        o->config_path = arg;
        return 0;
    case OPT_MAP:
        return set_map(o, arg);
    case OPT_TZ:
        o->tz = arg;
        return 0;
    case OPT_STATE:
        o->state_path = arg;
        return 0;
    case OPT_SINCE:
        o->since = arg;
        return 0;
    case OPT_PSEUDONYMIZE:
        o->key_path = arg;
        return 0;
    case OPT_NEW_KEY:
        o->new_key = true;
        return 0;
    case OPT_PROGRESS:
        o->progress = 1;
        return 0;
    case OPT_NO_PROGRESS:
        o->progress = 0;
        return 0;
    case OPT_KEEP:
        if (strcmp(arg, "all") == 0) {
            o->keep_days = 0;
            return 0;
        }
        return upt_timestamp_parse_span(arg, &o->keep_days) || o->keep_days < 1
                   ? usage_error("bad --keep '%s' (N, Nd, Nw or all)", arg)
                   : 0;
    case OPT_AS_OF:
        return set_as_of(o, arg);
    case OPT_WINDOW:
        return upt_timestamp_parse_span(arg, &o->judge.window_days)
                   ? usage_error("bad --window '%s' (N, Nd or Nw)", arg)
                   : 0;
    case OPT_GRACE:
        return upt_timestamp_parse_span(arg, &o->judge.grace_days)
                   ? usage_error("bad --grace '%s' (N, Nd or Nw)", arg)
                   : 0;
    case OPT_FORMAT:
        o->format = upt_format_find(arg);
        return o->format ? 0
                         : usage_error("unknown format '%s' (see 'uptake "
                                       "formats')",
                                       arg);
    case OPT_OUTPUT:
        return set_output(o, arg);
    case OPT_ONLY:
        if (strcmp(arg, "flagged") != 0)
            return usage_error("unknown --only '%s' (flagged)", arg);
        o->report.only_flagged = true;
        return 0;
    case OPT_NO_HEADER:
        o->report.header = false;
        return 0;
    case OPT_FAIL_ON:
        if (strcmp(arg, "flagged") != 0)
            return usage_error("unknown --fail-on '%s' (flagged)", arg);
        o->fail_on_flagged = true;
        return 0;
    }
    return EXIT_USAGE;
}

/* getopt_long says only '?': tell a missing value from an unknown name. */
static int bad_option(const char *arg, const struct option *longopts)
{
    char name[64];
    if (strncmp(arg, "--", 2) == 0) {
        size_t len = strcspn(arg + 2, "=");
        for (const struct option *lo = longopts; lo->name; lo++)
            if (strlen(lo->name) == len && strncmp(lo->name, arg + 2, len) == 0)
                return usage_error("option '--%s' needs a value", lo->name);
        snprintf(name, sizeof(name), "%.*s", (int)len + 2, arg);
        return usage_error("unknown option '%s'", name);
    }
    return usage_error("unknown option '%s'", arg);
}

int parse_run_opts(int argc, char **argv, const struct option *longopts,
                   struct run_opts *o)
{
    int opt;
    opterr = 0; /* our own messages, in our own words */
    optind = 1;
    while ((opt = getopt_long(argc, argv, "hVj:o:", longopts, NULL)) != -1) {
        if (opt == '?') {
            if (optopt && optopt < 256)
                return usage_error("unknown option '-%s'",
                                   (char[]){(char)optopt, '\0'});
            return bad_option(argv[optind - 1], longopts);
        }
        if (set_option(o, opt, optarg) != 0)
            return EXIT_USAGE;
    }
    o->files = argv + optind;
    o->nfiles = argc - optind;
    if (o->mapped && o->format && o->format != upt_format_find("map"))
        return usage_error("%s", "--map and --format do not go together");
    if (o->mapped)
        o->format = upt_format_find("map");
    return 0;
}

int command_start(int argc, char **argv, const struct option *longopts,
                  void (*help)(void), struct run_opts *o)
{
    run_opts_init(o);
    int rc = parse_run_opts(argc, argv, longopts, o);
    if (rc != 0)
        return rc;
    if (o->help) {
        help();
        return EXIT_OK;
    }
    if (o->version) {
        print_version();
        return EXIT_OK;
    }
    return -1;
}

int require_input(struct run_opts *o)
{
    static char *stdin_only[] = {"-", NULL};
    if (o->nfiles > 0 || o->state_path)
        return 0; /* with a state, no files is a report of the state */
    if (isatty(STDIN_FILENO))
        return usage_error("%s", "no input files (give FILE..., or - for "
                                 "stdin)");
    o->files = stdin_only;
    o->nfiles = 1;
    return 0;
}

int load_config(struct run_opts *o, struct upt_config **cfg)
{
    struct upt_diag diag;
    struct stderr_sink sink;
    *cfg = NULL;
    if (!o->config_path)
        return 0;
    stderr_sink_init(&sink, &diag);
    *cfg = upt_config_load(o->config_path, &diag);
    stderr_sink_flush(&sink);
    if (!*cfg)
        return EXIT_USAGE;
    upt_config_thresholds(*cfg, &o->judge.t);
    o->judge.expect = upt_config_expectations(*cfg, &o->judge.nexpect);
    return 0;
}

int load_pseudonym(const struct run_opts *o, struct upt_pseudonym **p)
{
    char err[512];
    *p = NULL;
    if (!o->key_path)
        return 0;
    *p = upt_pseudonym_load(o->key_path, err, sizeof(err));
    return *p ? 0 : usage_error("%s", err);
}

int load_zone(const struct run_opts *o, struct upt_zone **zone)
{
    char err[256];
    *zone = NULL;
    if (!o->tz)
        return 0;
    *zone = upt_zone_load(o->tz, err, sizeof(err));
    return *zone ? 0 : usage_error("%s", err);
}
