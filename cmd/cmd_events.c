/* cmd_events.c - uptake events: the normalized event stream, one event a line
 */
#include <stdio.h>
#include <string.h>

#include "commands.h"
#include "meter.h"
#include "options.h"
#include "output.h"
#include "signals.h"
#include "stderr_sink.h"

#include "lib/config.h"
#include "lib/progress.h"
#include "lib/pseudonym.h"
#include "lib/source.h"
#include "lib/zone.h"

static const struct option events_options[] = {
    {"format", required_argument, NULL, OPT_FORMAT},
    {"config", required_argument, NULL, OPT_CONFIG},
    {"map", required_argument, NULL, OPT_MAP},
    {"tz", required_argument, NULL, OPT_TZ},
    {"jobs", required_argument, NULL, 'j'},
    {"output-file", required_argument, NULL, 'o'},
    {"progress", no_argument, NULL, OPT_PROGRESS},
    {"no-progress", no_argument, NULL, OPT_NO_PROGRESS},
    {"pseudonymize", required_argument, NULL, OPT_PSEUDONYMIZE},
    {"output", required_argument, NULL, OPT_OUTPUT},
    {"no-header", no_argument, NULL, OPT_NO_HEADER},
    {"help", no_argument, NULL, 'h'},
    {"version", no_argument, NULL, 'V'},
    {NULL, 0, NULL, 0},
};

static void print_help(void)
{
    fputs("Usage: uptake events [OPTION]... FILE...\n"
          "The normalized events, one a line: time, user, category, "
          "channel,\n"
          "object, outcome, session, raw (the log's type:detail that was "
          "classified).\n"
          "\n"
          "      --format NAME     read every file as NAME (default: detect)\n"
          "      --config FILE     classification rules (see uptake(1))\n"
          "      --map SPEC        read any CRM's log: user=COL,time=COL,"
          "action=COL[,...]\n"
          "      --tz ZONE         the zone of logs in local time (default: "
          "UTC)\n"
          "      --output FORMAT   tsv or json (default: tsv)\n"
          "      --no-header       no header line\n"
          "      --pseudonymize KEYFILE  users as keyed tokens; no free "
          "text\n"
          "      --progress        a progress line on stderr (default: on a "
          "terminal)\n"
          "      --no-progress     none\n"
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

struct printer {
    struct output *out;
    enum upt_report_format format;
    const struct upt_pseudonym *pseudonym;
    bool failed;
};

static int print_event(void *ctx, const struct upt_event *ev,
                       const struct upt_where *at)
{
    struct printer *p = ctx;
    struct upt_event e;
    char token[UPT_PSEUDONYM_LEN + 1];
    (void)at;
    if (p->pseudonym) {
        /* the user as a token; the detail (a search, a message, a URL
         * with a name in it) is free text that can carry a name: gone */
        e = *ev;
        upt_pseudonym_token(p->pseudonym, UPT_PSEUDONYM_ID, ev->user,
                            ev->user_len, token);
        e.user = token;
        e.user_len = UPT_PSEUDONYM_LEN;
        e.user_name = NULL;
        e.detail = "";
        ev = &e;
    }
    if (upt_report_event(p->out->f, ev, p->format) != UPT_OK) {
        output_failed(p->out);
        p->failed = true;
        return 1;
    }
    return 0;
}

static int run_events(const struct run_opts *o, const struct upt_config *cfg,
                      struct output *out)
{
    struct upt_diag diag;
    struct stderr_sink sink;
    struct printer p = {.out = out, .format = o->report.format};
    char err[256] = "out of memory";
    int rc = EXIT_OK;

    struct upt_zone *zone;
    struct upt_pseudonym *pseudonym;
    if ((rc = load_zone(o, &zone)) != 0)
        return rc;
    if ((rc = load_pseudonym(o, &pseudonym)) != 0) {
        upt_zone_free(zone);
        return rc;
    }
    p.pseudonym = pseudonym;
    stderr_sink_init(&sink, &diag);
    struct upt_rules *rules = upt_config_rules_new(cfg, err, sizeof(err));
    if (!rules) {
        fprintf(stderr, "uptake: %s\n", err);
        upt_zone_free(zone);
        upt_pseudonym_free(pseudonym);
        return EXIT_PARTIAL;
    }
    if (o->report.header &&
        upt_report_event_header(out->f, o->report.format) != UPT_OK) {
        output_failed(out);
        p.failed = true;
    }
    struct upt_progress progress;
    upt_progress_init(&progress);
    struct meter *meter = meter_wanted(o->progress)
                              ? meter_start(&progress, o->files, o->nfiles)
                              : NULL;
    for (int i = 0; i < o->nfiles && !p.failed; i++) {
        struct upt_source_opts so = {.format = o->format,
                                     .map = o->mapped ? &o->map : NULL,
                                     .zone = zone,
                                     .threads = o->jobs,
                                     .rules = rules,
                                     .on_event = print_event,
                                     .ctx = &p,
                                     .now_ms = o->now_ms,
                                     .stop = signals_flag(),
                                     .progress = &progress};
        enum upt_status st = upt_source_read(o->files[i], &so, &diag);
        if (st == UPT_ENOMEM) {
            fprintf(stderr, "uptake: %s: out of memory\n", o->files[i]);
            rc = EXIT_PARTIAL;
        }
        stderr_sink_flush(&sink);
        if (st == UPT_EINTR)
            break;
    }
    meter_stop(meter);
    upt_rules_free(rules);
    upt_zone_free(zone);
    upt_pseudonym_free(pseudonym);
    /* a write error is output_close()'s to tell */
    return diag.problems ? EXIT_PARTIAL : rc;
}

int cmd_events(int argc, char **argv)
{
    struct run_opts o;
    int rc;

    if ((rc = command_start(argc, argv, events_options, print_help, &o)) >= 0)
        return rc;
    if (o.report.format == UPT_OUT_TEXT || o.report.format == UPT_OUT_HTML)
        return usage_error("%s", "events are written as tsv or json");
    struct upt_config *cfg;
    struct output out;
    if ((rc = require_input(&o)) != 0 || (rc = load_config(&o, &cfg)) != 0)
        return rc;
    if ((rc = output_open(&out, o.output_file)) == 0) {
        rc = run_events(&o, cfg, &out);
        /* with bad rows (1), the rest is still written */
        int closed = output_close(&out, rc == EXIT_OK || rc == EXIT_PARTIAL);
        if (closed != 0)
            rc = closed;
    }
    upt_config_free(cfg);
    return rc;
}
