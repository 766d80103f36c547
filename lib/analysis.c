/* analysis.c - a run: files read into one profile, then judged with a roster */
#include "analysis.h"

#include <limits.h>
#include <pthread.h>
#include <stdatomic.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "profile.h"
#include "progress.h"
#include "pseudonym.h"
#include "source.h"
#include "state.h"
#include "timestamp.h"
#include "userid.h"

#include "banned.h"

struct upt_analysis {
    struct upt_diag *diag;
    struct upt_read_opts read;
    struct upt_rules *rules;
    struct upt_profile *profile;
    /* events a day had in the state loaded, ascending by day */
    struct day_total {
        int32_t day;
        uint64_t events;
    } * state_days;
    size_t nstate_days;
    int32_t *revised;
    /* with a state: events before this are of closed days, skipped */
    int64_t closed_before_ms;
    atomic_uint_least64_t closed;
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
    a->closed_before_ms = INT64_MIN;
    atomic_init(&a->closed, 0);
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
    free(a->state_days);
    free(a->revised);
    free(a);
}

/* Where a reader's events go: the run's profile, or a worker's. */
struct sink {
    const struct upt_read_opts *read;
    struct upt_profile *profile;
    struct upt_analysis *a;
    bool nomem;
};

static int add_event(void *ctx, const struct upt_event *ev,
                     const struct upt_where *at)
{
    struct sink *k = ctx;
    struct upt_event mapped;
    (void)at;
    if (ev->time_ms < k->a->closed_before_ms) {
        atomic_fetch_add(&k->a->closed, 1);
        return 0;
    }
    if (k->read->roster) {
        /* one person under the roster's id, whatever id a format logs */
        const struct upt_roster_user *ru =
            upt_roster_resolve(k->read->roster, ev->user, ev->user_len);
        if (ru) {
            mapped = *ev;
            mapped.user = ru->id;
            mapped.user_len = upt_userid_key_len(ru->id, strlen(ru->id));
            ev = &mapped;
        }
    }
    char user[UPT_PSEUDONYM_LEN + 1], name[UPT_PSEUDONYM_LEN + 1];
    if (k->read->pseudonym) {
        if (ev != &mapped) {
            mapped = *ev;
            ev = &mapped;
        }
        upt_pseudonym_token(k->read->pseudonym, UPT_PSEUDONYM_ID, mapped.user,
                            mapped.user_len, user);
        mapped.user = user;
        mapped.user_len = UPT_PSEUDONYM_LEN;
        if (mapped.user_name && mapped.user_name[0]) {
            upt_pseudonym_token(k->read->pseudonym, UPT_PSEUDONYM_NAME,
                                mapped.user_name, strlen(mapped.user_name),
                                name);
            mapped.user_name = name;
        }
    }
    if (upt_profile_add_event(k->profile, ev) != UPT_OK) {
        k->nomem = true;
        return 1;
    }
    return 0;
}

static enum upt_status read_into(struct upt_analysis *a,
                                 struct upt_rules *rules,
                                 struct upt_profile *profile, int threads,
                                 const char *path, struct upt_diag *diag)
{
    const struct upt_read_opts *read = &a->read;
    struct sink k = {.read = read, .profile = profile, .a = a};
    upt_profile_begin_input(profile);
    struct upt_source_opts o = {.format = read->format,
                                .map = read->map,
                                .zone = read->zone,
                                .threads = threads,
                                .rules = rules,
                                .on_event = add_event,
                                .ctx = &k,
                                .now_ms = read->now_ms,
                                .stop = read->stop,
                                .progress = read->progress};
    enum upt_status st = upt_source_read(path, &o, diag);
    upt_progress_file_done(read->progress);
    return k.nomem ? UPT_ENOMEM : st;
}

enum upt_status upt_analysis_add_file(struct upt_analysis *a, const char *path)
{
    return read_into(a, a->rules, a->profile, a->read.threads, path, a->diag);
}

/* Reading files on several threads: each worker has its own rules (their
 * match buffer is not shared) and profile, merged into the run's at the
 * end; all share the run's duplicate set. A file's problems are held and
 * told in the order of the files, as one thread would tell them. */
/* Per file and kind of problem, the first HELD_PER_KIND are kept whole
 * and the rest counted: a sink shows the first few of a kind and counts
 * the rest (stderr_sink folds after 3), so it tells the same either way. */
enum { HELD_PER_KIND = 8, HELD_KINDS = 48, HELD_MAX = 128 };

struct held {
    struct upt_where at;
    const char *kind; /* the library's static tags */
    char *msg;
};

struct job {
    const char *path;
    unsigned long long size; /* for the order of reading */
    enum upt_status status;
    struct held held[HELD_MAX];
    size_t nheld;
    struct { /* how many of each kind, kept or not */
        const char *kind;
        unsigned long kept, more;
    } kinds[HELD_KINDS];
    size_t nkinds;
};

struct jobs {
    struct upt_analysis *a;
    struct job *job;
    struct job **order; /* the jobs by size, largest first */
    size_t n, next;
    /* a file above this many bytes outweighs what the other readers
     * will do: it is read with the run's threads (rowqueue, inflate) */
    unsigned long long big;
    pthread_mutex_t mu;
};

struct worker {
    struct jobs *jobs;
    struct upt_rules *rules;
    struct upt_profile *profile;
    pthread_t thread;
    bool started;
};

static void hold(void *ctx, const struct upt_where *at, const char *kind,
                 const char *msg)
{
    struct job *j = ctx;
    size_t k = 0;
    while (k < j->nkinds && strcmp(j->kinds[k].kind, kind) != 0)
        k++;
    if (k == j->nkinds) {
        if (k == HELD_KINDS)
            k--; /* never met: the library has fewer kinds than this */
        else {
            j->kinds[k].kind = kind;
            j->kinds[k].kept = j->kinds[k].more = 0;
            j->nkinds++;
        }
    }
    if (j->kinds[k].kept < HELD_PER_KIND && j->nheld < HELD_MAX) {
        struct held *h = &j->held[j->nheld];
        h->msg = strdup(msg);
        if (h->msg) {
            h->at = *at;
            h->kind = kind;
            j->nheld++;
            j->kinds[k].kept++;
            return;
        }
    }
    j->kinds[k].more++;
}

static bool stopped(const struct upt_read_opts *read)
{
    return read->stop && *read->stop;
}

static void *work(void *arg)
{
    struct worker *w = arg;
    struct jobs *js = w->jobs;
    for (;;) {
        pthread_mutex_lock(&js->mu);
        size_t i = js->next++;
        pthread_mutex_unlock(&js->mu);
        if (i >= js->n || stopped(&js->a->read))
            return NULL;
        struct job *j = js->order[i];
        struct upt_diag diag = {.emit = hold, .ctx = j};
        int threads = j->size != ULLONG_MAX && j->size > js->big
                          ? js->a->read.threads
                          : 1;
        j->status =
            read_into(js->a, w->rules, w->profile, threads, j->path, &diag);
    }
}

/* Tells a job's held problems to the run's sink, and frees them. */
static void tell(struct upt_analysis *a, struct job *j)
{
    for (size_t i = 0; i < j->nheld; i++) {
        upt_diag_report(a->diag, &j->held[i].at, j->held[i].kind, "%s",
                        j->held[i].msg);
        free(j->held[i].msg);
    }
    struct upt_where at = {.file = j->path};
    for (size_t i = 0; i < j->nkinds; i++)
        for (unsigned long k = 0; k < j->kinds[i].more; k++)
            upt_diag_report(a->diag, &at, j->kinds[i].kind,
                            "(one more like the above)");
}

/* A file's size for scheduling; stdin, pipes and the unreadable come
 * first, as if largest: their size is not known. */
static unsigned long long size_of(const char *path)
{
    struct stat sb;
    if (strcmp(path, "-") == 0 || stat(path, &sb) != 0 || !S_ISREG(sb.st_mode))
        return ULLONG_MAX;
    return (unsigned long long)sb.st_size;
}

static int larger_first(const void *pa, const void *pb)
{
    const struct job *a = *(struct job *const *)pa;
    const struct job *b = *(struct job *const *)pb;
    if (a->size != b->size)
        return a->size > b->size ? -1 : 1;
    return a < b ? -1 : a > b; /* then in the order given */
}

/* Largest first, so that the last files to start are small ones and the
 * threads end together. */
static void schedule(struct jobs *js, size_t readers)
{
    unsigned long long total = 0;
    for (size_t i = 0; i < js->n; i++) {
        js->job[i].size = size_of(js->job[i].path);
        js->order[i] = &js->job[i];
        if (js->job[i].size != ULLONG_MAX)
            total += js->job[i].size;
    }
    qsort(js->order, js->n, sizeof(*js->order), larger_first);
    js->big = total / readers;
}

static enum upt_status add_parallel(struct upt_analysis *a,
                                    const char *const *paths, size_t n,
                                    size_t nworkers)
{
    struct jobs js = {.a = a,
                      .n = n,
                      .job = calloc(n, sizeof(*js.job)),
                      .order = calloc(n, sizeof(*js.order))};
    struct worker *w = calloc(nworkers, sizeof(*w));
    enum upt_status st = UPT_OK;
    char err[256];
    if (!js.job || !js.order || !w) {
        free(js.job);
        free(js.order);
        free(w);
        return UPT_ENOMEM;
    }
    pthread_mutex_init(&js.mu, NULL);
    for (size_t i = 0; i < n; i++)
        js.job[i].path = paths[i];
    schedule(&js, nworkers + 1); /* the workers and this thread */
    for (size_t i = 0; i < nworkers; i++) {
        w[i].jobs = &js;
        w[i].rules = upt_config_rules_new(a->read.config, err, sizeof(err));
        w[i].profile = upt_profile_new_sharing(a->profile);
        if (w[i].rules && w[i].profile &&
            pthread_create(&w[i].thread, NULL, work, &w[i]) == 0)
            w[i].started = true;
    }
    /* the calling thread works too, straight into the run's profile: no
     * other thread writes there until the workers are joined */
    work(&(struct worker){
        .jobs = &js, .rules = a->rules, .profile = a->profile});
    for (size_t i = 0; i < nworkers; i++)
        if (w[i].started)
            pthread_join(w[i].thread, NULL);
    for (size_t i = 0; i < n; i++) {
        tell(a, &js.job[i]);
        if (js.job[i].status == UPT_ENOMEM)
            st = UPT_ENOMEM;
    }
    if (stopped(&a->read))
        st = UPT_EINTR;
    for (size_t i = 0; i < nworkers; i++) {
        if (w[i].profile && upt_profile_merge(a->profile, w[i].profile) != 0)
            st = UPT_ENOMEM;
        upt_profile_free(w[i].profile);
        upt_rules_free(w[i].rules);
    }
    pthread_mutex_destroy(&js.mu);
    free(js.job);
    free(js.order);
    free(w);
    return st;
}

enum upt_status upt_analysis_add_files(struct upt_analysis *a,
                                       const char *const *paths, size_t n)
{
    size_t helpers = a->read.threads > 1 ? (size_t)a->read.threads - 1 : 0;
    if (helpers >= n)
        helpers = n - 1;
    if (n > 1 && helpers > 0)
        return add_parallel(a, paths, n, helpers);
    enum upt_status worst = UPT_OK;
    for (size_t i = 0; i < n; i++) {
        enum upt_status st = upt_analysis_add_file(a, paths[i]);
        if (st == UPT_EINTR)
            return st;
        if (st == UPT_ENOMEM)
            worst = UPT_ENOMEM;
    }
    return worst;
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

/* Events per day over every user, ascending by day; malloc'd. */
static struct day_total *day_totals(const struct upt_profile *p, size_t *n)
{
    struct day_total *t = NULL;
    size_t count = 0, cap = 0;
    for (size_t i = 0; i < upt_profile_count(p); i++) {
        const struct upt_profile_user *u = upt_profile_user(p, i);
        for (uint32_t k = 0; k < u->ndays; k++) {
            uint64_t events = 0;
            for (int c = 0; c < UPT_CAT_COUNT; c++)
                events += u->days[k].count[c];
            size_t lo = 0, hi = count;
            while (lo < hi) {
                size_t mid = lo + (hi - lo) / 2;
                if (t[mid].day < u->days[k].day)
                    lo = mid + 1;
                else
                    hi = mid;
            }
            if (lo == count || t[lo].day != u->days[k].day) {
                if (count == cap) {
                    cap = cap ? cap * 2 : 64;
                    struct day_total *nt = realloc(t, cap * sizeof(*nt));
                    if (!nt) {
                        free(t);
                        return NULL;
                    }
                    t = nt;
                }
                memmove(&t[lo + 1], &t[lo], (count - lo) * sizeof(*t));
                t[lo] = (struct day_total){.day = u->days[k].day};
                count++;
            }
            t[lo].events += events;
        }
    }
    *n = count;
    return t ? t : calloc(1, sizeof(*t));
}

enum upt_status upt_analysis_load_state(struct upt_analysis *a,
                                        const char *path, char *err,
                                        size_t errsize)
{
    enum upt_status st = upt_state_load(a->profile, path, err, errsize);
    if (st != UPT_OK)
        return st;
    free(a->state_days);
    a->state_days = day_totals(a->profile, &a->nstate_days);
    int64_t last = upt_profile_last_ms(a->profile);
    if (last != INT64_MIN)
        a->closed_before_ms =
            (upt_timestamp_day_of(last) - UPT_STATE_SEEN_DAYS + 1) *
            UPT_MS_PER_DAY;
    return a->state_days ? UPT_OK : UPT_ENOMEM;
}

uint64_t upt_analysis_closed(struct upt_analysis *a, int64_t *before_ms)
{
    *before_ms = a->closed_before_ms;
    return atomic_load(&a->closed);
}

size_t upt_analysis_revised_days(struct upt_analysis *a, const int32_t **days)
{
    size_t n = 0, now_n;
    struct day_total *now = day_totals(a->profile, &now_n);
    int32_t *out = realloc(a->revised, (a->nstate_days + 1) * sizeof(*out));
    if (!now || !out) {
        free(now);
        if (out)
            a->revised = out;
        *days = a->revised;
        return 0;
    }
    a->revised = out;
    for (size_t i = 0, k = 0; i < a->nstate_days; i++) {
        while (k < now_n && now[k].day < a->state_days[i].day)
            k++;
        if (k < now_n && now[k].day == a->state_days[i].day &&
            now[k].events > a->state_days[i].events)
            out[n++] = a->state_days[i].day;
    }
    free(now);
    *days = out;
    return n;
}

enum upt_status upt_analysis_write_state(const struct upt_analysis *a,
                                         unsigned keep_days, FILE *out)
{
    return upt_state_save(a->profile, keep_days, out);
}

const struct upt_profile *upt_analysis_profile(const struct upt_analysis *a)
{
    return a->profile;
}
