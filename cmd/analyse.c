/* analyse.c - reads the inputs and the roster and judges every user */
#include "analyse.h"

#include <stdio.h>
#include <string.h>

#include "stderr_sink.h"

#include "lib/dedupe.h"
#include "lib/zone.h"

int analyse(const struct run_opts *o, const struct upt_config *cfg,
            struct analysed *out)
{
    struct upt_diag diag;
    struct stderr_sink sink;
    char err[256] = "out of memory";

    memset(out, 0, sizeof(*out));
    int rc = load_zone(o, &out->zone);
    if (rc != 0)
        return rc;
    stderr_sink_init(&sink, &diag);
    if (o->roster) { /* first: it maps the ids the logs use */
        out->roster = upt_roster_load(o->roster, &diag);
        stderr_sink_flush(&sink);
    }
    struct upt_read_opts ro = {.format = o->format,
                               .map = o->mapped ? &o->map : NULL,
                               .config = cfg,
                               .roster = out->roster,
                               .zone = out->zone};
    out->analysis = upt_analysis_new(&diag, &ro, err, sizeof(err));
    if (!out->analysis) {
        fprintf(stderr, "uptake: %s\n", err);
        return EXIT_PARTIAL;
    }
    for (int i = 0; i < o->nfiles; i++) {
        enum upt_status st = upt_analysis_add_file(out->analysis, o->files[i]);
        stderr_sink_flush(&sink);
        if (st == UPT_ENOMEM) {
            fprintf(stderr, "uptake: %s: out of memory\n", o->files[i]);
            return EXIT_PARTIAL;
        }
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

void analysed_release(struct analysed *a)
{
    upt_diagnosis_free(a->diagnosis);
    upt_roster_free(a->roster);
    upt_analysis_free(a->analysis);
    upt_zone_free(a->zone);
}

int analysed_exit(const struct run_opts *o, const struct analysed *a)
{
    if (a->problems)
        return EXIT_PARTIAL;
    if (o->fail_on_flagged)
        for (size_t i = 0; i < upt_diagnosis_count(a->diagnosis); i++)
            if (upt_verdict_flagged(upt_diagnosis_get(a->diagnosis, i)))
                return EXIT_FLAGGED;
    return EXIT_OK;
}
