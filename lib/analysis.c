/* analysis.c - a run: files read into one profile, then judged with a roster */
#include "analysis.h"

#include <stdlib.h>
#include <string.h>

#include "profile.h"
#include "source.h"
#include "userid.h"

#include "banned.h"

struct upt_analysis {
    struct upt_diag *diag;
    struct upt_read_opts read;
    struct upt_rules *rules;
    struct upt_profile *profile;
    bool nomem;
};

struct upt_analysis *upt_analysis_new(struct upt_diag *diag,
                                      const struct upt_read_opts *opts,
                                      char *err, size_t errsize)
{
    struct upt_analysis *a = calloc(1, sizeof(*a));
    if (!a)
        return NULL;
    a->diag = diag;
    a->read = *opts;
    a->rules = upt_config_rules_new(opts->config, err, errsize);
    a->profile = upt_profile_new();
    if (!a->rules || !a->profile) {
        upt_analysis_free(a);
        return NULL;
    }
    return a;
}

void upt_analysis_free(struct upt_analysis *a)
{
    if (!a)
        return;
    upt_rules_free(a->rules);
    upt_profile_free(a->profile);
    free(a);
}

static int add_event(void *ctx, const struct upt_event *ev,
                     const struct upt_where *at)
{
    struct upt_analysis *a = ctx;
    struct upt_event mapped;
    (void)at;
    if (a->read.roster) {
        /* one person under the roster's id, whatever id a format logs */
        const struct upt_roster_user *ru =
            upt_roster_resolve(a->read.roster, ev->user, ev->user_len);
        if (ru) {
            mapped = *ev;
            mapped.user = ru->id;
            mapped.user_len = upt_userid_key_len(ru->id, strlen(ru->id));
            ev = &mapped;
        }
    }
    if (upt_profile_add_event(a->profile, ev) != UPT_OK) {
        a->nomem = true;
        return 1;
    }
    return 0;
}

enum upt_status upt_analysis_add_file(struct upt_analysis *a, const char *path)
{
    struct upt_source_opts o = {.format = a->read.format,
                                .map = a->read.map,
                                .zone = a->read.zone,
                                .threads = a->read.threads,
                                .rules = a->rules,
                                .on_event = add_event,
                                .ctx = a};
    enum upt_status st = upt_source_read(path, &o, a->diag);
    if (a->nomem)
        return UPT_ENOMEM;
    return st;
}

struct upt_diagnosis *upt_analysis_diagnose(struct upt_analysis *a,
                                            const struct upt_roster *roster,
                                            const struct upt_diagnose_opts *o)
{
    return upt_diagnose(a->profile, roster, o);
}

bool upt_analysis_dedupe_full(const struct upt_analysis *a)
{
    return upt_profile_dedupe_full(a->profile);
}
