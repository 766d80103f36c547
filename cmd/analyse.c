/* analyse.c - reads the inputs and the roster and judges every user */
#include "analyse.h"

#include <stdio.h>
#include <string.h>

#include "meter.h"
#include "output.h"
#include "signals.h"
#include "state_file.h"
#include "stderr_sink.h"

#include "lib/config.h"
#include "lib/dedupe.h"
#include "lib/progress.h"
#include "lib/pseudonym.h"
#include "lib/zone.h"

/* Runs the pipeline over O's files; problems go to stderr. Returns 0, or
 * an exit status when nothing can be reported. */
static int analyse(struct run_opts *o, struct analysed *out)
{
    struct upt_diag diag;
    struct stderr_sink sink;
    char err[256] = "out of memory";

    struct upt_progress progress;
    memset(out, 0, sizeof(*out));
    upt_progress_init(&progress);
    int rc = load_config(o, &out->config);
    if (rc != 0 || (rc = load_zone(o, &out->zone)) != 0 ||
        (rc = load_pseudonym(o, &out->pseudonym)) != 0)
        return rc;
    stderr_sink_init(&sink, &diag);
    if (o->roster) { /* first: it maps the ids the logs use */
        out->roster = upt_roster_load(o->roster, &diag);
        stderr_sink_flush(&sink);
    }
    struct upt_read_opts ro = {.format = o->format,
                               .map = o->mapped ? &o->map : NULL,
                               .config = out->config,
                               .roster = out->roster,
                               .zone = out->zone,
                               .threads = o->jobs,
                               .pseudonym = out->pseudonym,
                               .now_ms = o->now_ms,
                               .stop = signals_flag(),
                               .progress = &progress};
    out->analysis = upt_analysis_new(&diag, &ro, err, sizeof(err));
    if (!out->analysis) {
        fprintf(stderr, "uptake: %s\n", err);
        return EXIT_PARTIAL;
    }
    struct state_file sf;
    if (o->state_path &&
        (rc = state_file_open(&sf, o->state_path, out->analysis)) != 0) {
        state_file_close(&sf);
        return rc;
    }
    struct meter *meter = meter_wanted(o->progress)
                              ? meter_start(&progress, o->files, o->nfiles)
                              : NULL;
    enum upt_status st = upt_analysis_add_files(
        out->analysis, (const char *const *)o->files, (size_t)o->nfiles);
    meter_stop(meter);
    stderr_sink_flush(&sink);
    if (st == UPT_EINTR || st == UPT_ENOMEM) {
        /* nothing is judged or kept from part of the input */
        if (st == UPT_ENOMEM)
            fputs("uptake: out of memory\n", stderr);
        if (o->state_path)
            state_file_close(&sf);
        return EXIT_PARTIAL;
    }
    if (o->state_path) {
        rc = state_file_save(&sf, out->analysis, (unsigned)o->keep_days);
        state_file_close(&sf);
        if (rc != 0)
            return rc;
    }
    /* the logs have been matched to the roster: now it takes tokens too */
    if (out->roster && out->pseudonym &&
        upt_roster_pseudonymize(out->roster, out->pseudonym) != UPT_OK) {
        fputs("uptake: out of memory\n", stderr);
        return EXIT_PARTIAL;
    }
    if (upt_analysis_dedupe_full(out->analysis))
        fprintf(stderr,
                "uptake: warning: more than %u distinct events; "
                "duplicates past that were counted\n",
                UPT_DEDUPE_MAX);
    out->diagnosis =
        upt_analysis_diagnose(out->analysis, out->roster, &o->judge);
    if (!out->diagnosis) {
        fputs("uptake: out of memory\n", stderr);
        return EXIT_PARTIAL;
    }
    out->problems = diag.problems > 0;
    return 0;
}

static void analysed_release(struct analysed *a)
{
    upt_config_free(a->config);
    upt_diagnosis_free(a->diagnosis);
    upt_roster_free(a->roster);
    upt_analysis_free(a->analysis);
    upt_zone_free(a->zone);
    upt_pseudonym_free(a->pseudonym);
}

static int analysed_exit(const struct run_opts *o, const struct analysed *a)
{
    if (a->problems)
        return EXIT_PARTIAL;
    if (o->fail_on_flagged)
        for (size_t i = 0; i < upt_diagnosis_count(a->diagnosis); i++)
            if (upt_verdict_flagged(upt_diagnosis_get(a->diagnosis, i)))
                return EXIT_FLAGGED;
    return EXIT_OK;
}

static int run_command(int argc, char **argv, const struct option *longopts,
                       void (*help)(void), analysed_write_fn write,
                       bool subject)
{
    struct run_opts o;
    struct analysed a;
    struct output out;
    bool keep = false;
    int rc;

    if ((rc = command_start(argc, argv, longopts, help, &o)) >= 0)
        return rc;
    if (subject) {
        if (o.nfiles == 0)
            return usage_error("%s", "explain needs a USER (then FILE...)");
        o.subject = o.files[0];
        o.files++;
        o.nfiles--;
    }
    if ((rc = require_input(&o)) != 0 ||
        (rc = output_open(&out, o.output_file)) != 0)
        return rc;
    if ((rc = analyse(&o, &a)) == 0) {
        enum upt_status st = write(out.f, &a, &o);
        if (st == UPT_EUSAGE) { /* the writer said what was wrong */
            rc = EXIT_USAGE;
        } else if (st == UPT_ENOMEM) {
            fputs("uptake: out of memory\n", stderr);
            rc = EXIT_PARTIAL;
        } else { /* a write error is output_close()'s to tell */
            if (st != UPT_OK)
                output_failed(&out);
            keep = true;
            rc = analysed_exit(&o, &a);
        }
    }
    int closed = output_close(&out, keep);
    if (closed != 0)
        rc = closed;
    analysed_release(&a);
    return rc;
}

int analyse_command(int argc, char **argv, const struct option *longopts,
                    void (*help)(void), analysed_write_fn write)
{
    return run_command(argc, argv, longopts, help, write, false);
}

int analyse_subject_command(int argc, char **argv,
                            const struct option *longopts, void (*help)(void),
                            analysed_write_fn write)
{
    return run_command(argc, argv, longopts, help, write, true);
}
