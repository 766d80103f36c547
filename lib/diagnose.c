/* diagnose.c - each user's status and likely cause of non-adoption, with
 * evidence */
#include "diagnose.h"

#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "fall.h"
#include "strtab.h"
#include "timestamp.h"
#include "userid.h"
#include "workdays.h"

#include "banned.h"

#define BIT(cat) (1u << (cat))

/* The categories that are work in the CRM, not just being signed in. */
#define WORK_CATEGORIES                                                        \
    (BIT(UPT_CAT_VIEW) | BIT(UPT_CAT_SEARCH) | BIT(UPT_CAT_CREATE) |           \
     BIT(UPT_CAT_UPDATE) | BIT(UPT_CAT_DELETE) | BIT(UPT_CAT_REPORT) |         \
     BIT(UPT_CAT_EXPORT) | BIT(UPT_CAT_IMPORT))

static const char *const status_names[UPT_VS_COUNT] = {
    "adopting", "at-risk",  "not-adopting", "inactive",
    "new",      "departed", "service",
};

static const struct {
    const char *name, *remedy, *training;
} causes[UPT_CAUSE_COUNT] = {
    {"-", "-", "-"},
    {"unaware", "end-user training (role and task expectations)", "end-user"},
    {"unskilled", "end-user training (hands-on, on this configuration)",
     "end-user"},
    {"effort", "technical training (a solution that fits the users' work)",
     "technical"},
    {"mgmt-only", "stakeholder training (decisions that give users value)",
     "stakeholder"},
    {"distrust", "technical training (data quality, migration)", "technical"},
};

const char *upt_verdict_status_name(enum upt_verdict_status s)
{
    return (unsigned)s < UPT_VS_COUNT ? status_names[s] : "?";
}

const char *upt_cause_name(enum upt_cause c)
{
    return (unsigned)c < UPT_CAUSE_COUNT ? causes[c].name : "-";
}

const char *upt_cause_remedy(enum upt_cause c)
{
    return (unsigned)c < UPT_CAUSE_COUNT ? causes[c].remedy : "-";
}

const char *upt_cause_training(enum upt_cause c)
{
    return (unsigned)c < UPT_CAUSE_COUNT ? causes[c].training : "-";
}

bool upt_verdict_flagged(const struct upt_verdict *v)
{
    return v->status == UPT_VS_AT_RISK || v->status == UPT_VS_NOT_ADOPTING ||
           v->status == UPT_VS_INACTIVE;
}

void upt_thresholds_default(struct upt_thresholds *t)
{
    *t = (struct upt_thresholds){
        .peer_min = 3,
        .unaware_max_work = 10,
        .unaware_peer_writes = 2,
        .unaware_task_weekly = 1.0,
        .unaware_task_share = 0.20,
        .unskilled_min_errors = 3,
        .unskilled_error_share = 0.20,
        .unskilled_min_help = 8,
        .unskilled_help_share = 0.15,
        .unskilled_peer_factor = 4.0,
        .unskilled_rate_floor = 0.01,
        .unskilled_min_searches = 10,
        .unskilled_search_factor = 2.0,
        .unskilled_search_errors = 1.5,
        .effort_active_share = 0.40,
        .effort_rare_share = 0.15,
        .effort_deadline_days = 3,
        .effort_deadline_share = 0.70,
        .effort_deadline_active_share = 0.40,
        .effort_trend = 0.30,
        .effort_decline_from = 1.0,
        .effort_day_trend = 0.50,
        .effort_bulk_factor = 2.0,
        .effort_bulk_deadline_share = 0.40,
        .effort_min_first_half = 10,
        .effort_visit_trend = 0.50,
        .effort_visit_most = 1.0,
        .workday_share = 0.30,
        .effort_fall_days = 8,
        .effort_fall_before_days = 5,
        .effort_fall_active = 0.25,
        .effort_fall_work = 0.10,
        .effort_fall_before = 0.40,
        .effort_fall_level = 1.0,
        .effort_fall_peers = 0.50,
        .effort_rush_presence = 0.5,
        .effort_rush_factor = 3.0,
        .mgmt_min_writes = 5,
        .mgmt_max_reads = 2,
        .mgmt_read_share = 0.10,
        .distrust_min_exports = 4,
        .distrust_export_factor = 3.0,
        .distrust_min_imports = 3,
        .distrust_write_share = 0.50,
        .cause_margin = 0.50,
    };
}

/* What the rules look at, per user, over the window. */
struct features {
    uint32_t actions; /* events other than login and logout */
    uint32_t writes, reads, work;
    uint32_t weekdays, active_weekdays;
    /* since the user was first seen in the window: weekdays, and the
     * deadline days of them */
    uint32_t own_weekdays, own_deadline_days;
    uint32_t first_half, second_half;
    uint32_t first_active, second_active; /* active days in each half */
    uint32_t first_work, second_work;     /* actions in each half */
    uint32_t late_active[2];              /* in the last two weeks, in order */
    /* on the last weekdays of a month, when deadlines fall */
    uint32_t deadline_writes, deadline_active;
    struct upt_fall fall; /* to the end of the window, over working days */
    uint32_t end_active;  /* of the last effort_fall_days working days */
    unsigned coverage;    /* of the formats the user appears in */
};

/* Medians of one peer group (a role, or everyone). */
struct peers {
    const char *label; /* "role" or "org" */
    double active_days, writes, exports, errors, reports, help;
    double imports, reads, err_rate, help_rate;
    double work;                /* tasks in the window */
    double end_active;          /* active of the last working days */
    double write_rate;          /* writes per view: acting on what one reads */
    double read_rate;           /* reads per write: using what one enters */
    double search_rate;         /* searches per view: finding what one seeks */
    double task[UPT_CAT_COUNT]; /* by category, for the tasks of a role */
};

/* What judged a user: their peers, as explain() shows them again. */
struct judged_with {
    struct peers peers;
    size_t members;
};

struct upt_diagnosis {
    struct upt_verdict *v;
    struct features *f;
    struct judged_with *w;
    struct upt_diagnose_opts opts;
    size_t count;
    int64_t first_day, last_day;
    int64_t seen_from;       /* the window's first day the input reaches */
    unsigned char *deadline; /* by day from first_day: a deadline day */
    uint32_t deadline_days;  /* of them from seen_from */
    unsigned char *workday;  /* by day from first_day: the org worked */
    uint32_t workdays;       /* of them from seen_from */
    unsigned seen; /* categories someone judged does weekly in the window */
    unsigned coverage;
    uint64_t duplicates;
};

/* The tasks in counts C: what was done, not the errors, help or API. */
static uint32_t work_of(const uint32_t *c)
{
    return c[UPT_CAT_CREATE] + c[UPT_CAT_UPDATE] + c[UPT_CAT_DELETE] +
           c[UPT_CAT_VIEW] + c[UPT_CAT_REPORT] + c[UPT_CAT_SEARCH] +
           c[UPT_CAT_EXPORT] + c[UPT_CAT_IMPORT];
}

/* Whether a fall is told by the days: where the input shows no views, a
 * day's work is a few writes or none, and being there is the day's work. */
static bool fall_by_days(unsigned coverage)
{
    return !(coverage & BIT(UPT_CAT_VIEW));
}

/* The peers' level a fall is measured from: their median tasks a working
 * day, or active days a working day when the fall is told BY_DAYS. */
static double fall_level(const struct peers *p, bool by_days, uint32_t workdays)
{
    if (workdays == 0)
        return 0;
    return (by_days ? p->active_days : p->work) / workdays;
}

static void add_day(struct upt_verdict *v, struct features *f,
                    const struct upt_day *d, int64_t mid, int64_t last,
                    bool deadline)
{
    uint32_t n = 0;
    for (int c = 0; c < UPT_CAT_COUNT; c++) {
        v->count[c] += d->count[c];
        n += d->count[c]; /* a logout too: it ends a session the user had */
    }
    uint32_t work = work_of(d->count);
    v->errors += d->failed;
    if (n > 0) {
        v->active_days++;
        f->active_weekdays += upt_workdays_weekday(d->day);
    }
    if (n > 0 && d->day > last - 14)
        f->late_active[d->day > last - 7]++;
    if (deadline) {
        f->deadline_active += n > 0;
        f->deadline_writes += d->count[UPT_CAT_CREATE] +
                              d->count[UPT_CAT_UPDATE] +
                              d->count[UPT_CAT_DELETE];
    }
    if (d->day < mid) {
        f->first_half += n;
        f->first_active += n > 0;
        f->first_work += work;
    } else {
        f->second_half += n;
        f->second_active += n > 0;
        f->second_work += work;
    }
    v->sessions += d->session_changes; /* replaced by logins when known */
}

static void fill_counts(struct upt_verdict *v, struct features *f,
                        const struct upt_profile_user *u,
                        const struct upt_diagnosis *d)
{
    int64_t first = d->first_day, last = d->last_day;
    /* the halves of the trend split the part of the window the logs reach */
    int64_t mid = d->seen_from + (last - d->seen_from + 1) / 2;
    if (!u)
        return;
    for (uint32_t i = 0; i < u->ndays; i++)
        if (u->days[i].day >= first && u->days[i].day <= last)
            add_day(v, f, &u->days[i], mid, last,
                    d->deadline[u->days[i].day - first]);
    uint32_t *c = v->count;
    v->errors += c[UPT_CAT_ERROR];
    if (c[UPT_CAT_LOGIN] > 0)
        v->sessions = c[UPT_CAT_LOGIN];
    f->actions = 0;
    for (int k = 0; k < UPT_CAT_COUNT; k++)
        if (k != UPT_CAT_LOGIN && k != UPT_CAT_LOGOUT)
            f->actions += c[k];
    f->writes = c[UPT_CAT_CREATE] + c[UPT_CAT_UPDATE] + c[UPT_CAT_DELETE];
    f->reads = c[UPT_CAT_REPORT] + c[UPT_CAT_SEARCH];
    f->work = work_of(c);
    v->trend = f->first_half ? (double)f->second_half / f->first_half : -1;
}

static uint32_t weekdays(int64_t first, int64_t last)
{
    uint32_t n = 0;
    for (int64_t d = first; d <= last; d++)
        n += upt_workdays_weekday(d);
    return n ? n : 1;
}

/* The days active, as the evidence gives them: "11 of 20 weekdays", or
 * for one who works weekends too "14 days, 10 of 20 weekdays", never
 * more weekdays than there were. */
struct active_text {
    char s[64];
};

static struct active_text active_phrase(const struct upt_verdict *v,
                                        const struct features *f)
{
    struct active_text t;
    if (v->active_days == f->active_weekdays)
        snprintf(t.s, sizeof(t.s), "%u of %u weekdays", v->active_days,
                 f->weekdays);
    else
        snprintf(t.s, sizeof(t.s), "%u days, %u of %u weekdays", v->active_days,
                 f->active_weekdays, f->weekdays);
    return t;
}

/* Whether DAY is one of the last N weekdays of its month: when deadlines
 * fall, and when a user who finds the CRM not worth it catches up. */
static bool deadline_day(int64_t day, unsigned n)
{
    int y, m, dd, m2;
    unsigned after = 0;
    if (!upt_workdays_weekday(day))
        return false;
    upt_timestamp_civil(day, &y, &m, &dd);
    for (int64_t x = day + 1; after < n; x++) {
        upt_timestamp_civil(x, &y, &m2, &dd);
        if (m2 != m)
            break;
        after += upt_workdays_weekday(x);
    }
    return after < n;
}

/* The days of the first half of the trend. */
static int first_half_days(const struct upt_diagnosis *d)
{
    return d->first_day == INT64_MIN
               ? 0
               : (int)((d->last_day - d->seen_from + 1) / 2);
}

static double clamp(double x) { return x < 0.5 ? 0.5 : x > 0.99 ? 0.99 : x; }

static int cmp_double(const void *a, const void *b)
{
    double x = *(const double *)a, y = *(const double *)b;
    return (x > y) - (x < y);
}

static double median(double *xs, size_t n)
{
    if (n == 0)
        return 0;
    qsort(xs, n, sizeof(*xs), cmp_double);
    return n % 2 ? xs[n / 2] : (xs[n / 2 - 1] + xs[n / 2]) / 2;
}

static bool judged(const struct upt_verdict *v)
{
    return v->status != UPT_VS_NEW && v->status != UPT_VS_DEPARTED &&
           v->status != UPT_VS_SERVICE;
}

/* The categories that may be a task a role expects of its users. */
static const enum upt_category tasks[] = {UPT_CAT_CREATE, UPT_CAT_UPDATE,
                                          UPT_CAT_REPORT, UPT_CAT_SEARCH};
enum { NTASKS = sizeof(tasks) / sizeof(tasks[0]) };

/* Medians over the judged users whose role is ROLE (NULL: everyone). */
static int peer_medians(const struct upt_diagnosis *d, const char *role,
                        struct peers *p, size_t *members)
{
    enum { NCOLS = 15 + NTASKS };
    double *buf = malloc(NCOLS * (d->count + 1) * sizeof(*buf));
    double *cols[NCOLS];
    size_t n = 0;
    if (!buf)
        return -1;
    for (int k = 0; k < NCOLS; k++)
        cols[k] = buf + k * (d->count + 1);
    for (size_t i = 0; i < d->count; i++) {
        const struct upt_verdict *v = &d->v[i];
        if (!judged(v) || (role && strcmp(v->role, role) != 0))
            continue;
        cols[0][n] = v->active_days;
        cols[1][n] = d->f[i].writes;
        cols[2][n] = v->count[UPT_CAT_EXPORT];
        cols[3][n] = v->errors;
        cols[4][n] = v->count[UPT_CAT_REPORT];
        cols[5][n] = v->count[UPT_CAT_HELP];
        cols[6][n] = v->count[UPT_CAT_IMPORT];
        cols[7][n] = d->f[i].reads;
        uint32_t tries = d->f[i].actions + v->count[UPT_CAT_LOGIN];
        cols[8][n] = tries ? (double)v->errors / tries : 0;
        cols[9][n] = d->f[i].actions
                         ? (double)v->count[UPT_CAT_HELP] / d->f[i].actions
                         : 0;
        cols[10][n] = v->count[UPT_CAT_VIEW]
                          ? (double)d->f[i].writes / v->count[UPT_CAT_VIEW]
                          : 0;
        cols[11][n] =
            d->f[i].writes ? (double)d->f[i].reads / d->f[i].writes : 0;
        cols[12][n] =
            v->count[UPT_CAT_VIEW]
                ? (double)v->count[UPT_CAT_SEARCH] / v->count[UPT_CAT_VIEW]
                : 0;
        cols[13][n] = d->f[i].work;
        cols[14][n] = d->f[i].end_active;
        for (int k = 0; k < NTASKS; k++)
            cols[15 + k][n] = v->count[tasks[k]];
        n++;
    }
    p->active_days = median(cols[0], n);
    p->writes = median(cols[1], n);
    p->exports = median(cols[2], n);
    p->errors = median(cols[3], n);
    p->reports = median(cols[4], n);
    p->help = median(cols[5], n);
    p->imports = median(cols[6], n);
    p->reads = median(cols[7], n);
    p->err_rate = median(cols[8], n);
    p->help_rate = median(cols[9], n);
    p->write_rate = median(cols[10], n);
    p->read_rate = median(cols[11], n);
    p->search_rate = median(cols[12], n);
    p->work = median(cols[13], n);
    p->end_active = median(cols[14], n);
    for (int k = 0; k < NTASKS; k++)
        p->task[tasks[k]] = median(cols[15 + k], n);
    *members = n;
    free(buf);
    return 0;
}

struct judge {
    const struct upt_thresholds *t;
    unsigned coverage;
    int window;
    uint32_t deadline_days; /* in the part of the window the logs reach */
    int first_half_days;    /* of the part of the window the logs reach */
    uint32_t workdays;      /* the days the org worked, of that part */
    unsigned tasks;         /* the role's named tasks; 0: the peers' */
    bool configured;        /* named by an expect line, not the table */
    unsigned seen;          /* the categories someone does weekly */
    const struct peers *peers;
};

#define EVIDENCE(v, ...)                                                       \
    snprintf((v)->evidence, sizeof((v)->evidence), __VA_ARGS__)

static bool covers(const struct judge *j, unsigned mask)
{
    return (j->coverage & mask) == mask;
}

/* A count threshold is per 28 days: a shorter or longer window scales it
 * (at least 1), so that a 14-day report asks half as many errors. */
static double per_window(unsigned count, int window)
{
    double n = count * window / 28.0;
    return n < 1 ? 1 : n;
}

#define TASK_BITS                                                              \
    (BIT(UPT_CAT_CREATE) | BIT(UPT_CAT_UPDATE) | BIT(UPT_CAT_REPORT) |         \
     BIT(UPT_CAT_SEARCH))

/* Roles common to CRMs, by words of their names, and the tasks each is
 * there for every week; the first match wins. */
static const struct {
    const char *words; /* any of them, "|"-separated, as a whole word */
    unsigned tasks;
} builtin_roles[] = {
    {"sales manager|sales director|head of sales|vp sales",
     BIT(UPT_CAT_UPDATE) | BIT(UPT_CAT_REPORT)},
    {"sales rep|sales representative|account executive|sdr|bdr|"
     "business development",
     BIT(UPT_CAT_CREATE) | BIT(UPT_CAT_UPDATE)},
    {"account manager|key account|customer success",
     BIT(UPT_CAT_UPDATE) | BIT(UPT_CAT_REPORT)},
    {"service agent|support agent|support engineer|customer service|"
     "service desk|helpdesk",
     BIT(UPT_CAT_CREATE) | BIT(UPT_CAT_UPDATE)},
};

/* Whether NAME holds WORD (LEN bytes) as whole words, in any case. */
static bool has_words(const char *name, const char *word, size_t len)
{
    for (const char *p = name; *p; p++) {
        if (strncasecmp(p, word, len) != 0)
            continue;
        bool start = p == name || !isalnum((unsigned char)p[-1]);
        bool end = !isalnum((unsigned char)p[len]);
        if (start && end)
            return true;
    }
    return false;
}

unsigned upt_diagnose_role_tasks(const char *role)
{
    for (size_t i = 0;
         role && i < sizeof(builtin_roles) / sizeof(builtin_roles[0]); i++) {
        const char *w = builtin_roles[i].words;
        while (*w) {
            size_t len = strcspn(w, "|");
            if (has_words(role, w, len))
                return builtin_roles[i].tasks;
            w += len + (w[len] == '|');
        }
    }
    return 0;
}

/* The tasks the user's role expects: its expect lines, else the built-in
 * table, else the tasks the peers' median does weekly; and of them, those
 * the user never does (under a small share of the peers' median, or of a
 * weekly one when the peers do less): bit 1 << category, for both. Only
 * tasks the input can show count. */
static void role_tasks(const struct judge *j, const struct upt_verdict *v,
                       unsigned *expected, unsigned *missed)
{
    double weekly = j->t->unaware_task_weekly * j->window / 7.0;
    unsigned named = j->tasks;
    *expected = *missed = 0;
    for (int k = 0; k < NTASKS; k++) {
        enum upt_category c = tasks[k];
        double peers = j->peers->task[c];
        /* a named task counts where the input shows someone doing it
         * weekly: a format that could log it, in a run that does not,
         * says nothing of anyone */
        if (!covers(j, BIT(c)) || !(j->seen & BIT(c)))
            continue;
        if (named ? !(named & BIT(c)) : peers < weekly || peers <= 0)
            continue;
        /* the built-in table is a guess at the role: the peers must do
         * the task at all; an expect line is the organisation's word */
        if (named && !j->configured && peers <= 0)
            continue;
        *expected |= BIT(c);
        /* by the days the user is there: one who is rarely there but
         * does the task then knows it is expected (effort, if anything) */
        double days = j->peers->active_days > v->active_days
                          ? v->active_days / j->peers->active_days
                          : 1;
        if (v->count[c] <
            j->t->unaware_task_share * days * (peers > weekly ? peers : weekly))
            *missed |= BIT(c);
    }
}

/* A cause holds at this score; under it, the score says how near the
 * user came, for explain. */
#define HOLDS 0.5

/* A score under HOLDS from how near (0 to 1) the user came to a rule. */
static double near(double x) { return x <= 0 ? 0 : x >= 1 ? 0.49 : 0.49 * x; }

/* Of A over B, at most 1 (0 when B is 0). */
static double part(double a, double b)
{
    return b <= 0 ? 0 : a >= b ? 1 : a / b;
}

static unsigned bits(unsigned m)
{
    unsigned n = 0;
    for (; m; m &= m - 1)
        n++;
    return n;
}

/* The categories each cause's rule needs in the coverage. */
static bool coverable(unsigned cov, enum upt_cause c)
{
    switch (c) {
    case UPT_CAUSE_UNAWARE:
        return (cov & BIT(UPT_CAT_VIEW)) &&
               (cov & (BIT(UPT_CAT_CREATE) | BIT(UPT_CAT_UPDATE)));
    case UPT_CAUSE_UNSKILLED:
        return cov & (BIT(UPT_CAT_ERROR) | BIT(UPT_CAT_HELP));
    case UPT_CAUSE_MGMT_ONLY: {
        unsigned need = BIT(UPT_CAT_REPORT) | BIT(UPT_CAT_SEARCH) |
                        BIT(UPT_CAT_CREATE) | BIT(UPT_CAT_UPDATE);
        return (cov & need) == need;
    }
    case UPT_CAUSE_DISTRUST:
        return cov & (BIT(UPT_CAT_EXPORT) | BIT(UPT_CAT_IMPORT));
    default:
        return true;
    }
}

static double judge_unaware(const struct judge *j, struct upt_verdict *v,
                            const struct features *f)
{
    /* only where the logs could show the main record work */
    if (!coverable(j->coverage, UPT_CAUSE_UNAWARE)) {
        EVIDENCE(v, "the input shows no views, or no creates or updates");
        return 0;
    }
    if (f->work == 0) {
        v->status = UPT_VS_NOT_ADOPTING;
        v->confidence = v->count[UPT_CAT_LOGIN] >= 3 ? 0.85 : 0.70;
        EVIDENCE(v, "%u logins but no views, searches or writes in %dd",
                 v->count[UPT_CAT_LOGIN], j->window);
        return v->confidence;
    }
    /* the tasks the role is there for: a user who does none of its writes
     * (or, in a role that reads, none of its tasks) does not know that
     * the CRM is where that work goes */
    unsigned expected, missed,
        writing = BIT(UPT_CAT_CREATE) | BIT(UPT_CAT_UPDATE);
    role_tasks(j, v, &expected, &missed);
    unsigned core = expected & writing ? expected & writing : expected;
    /* one who tries and fails knows the work goes there: unskilled */
    bool tries = v->errors >= per_window(j->t->unskilled_min_errors, j->window);
    bool moves = v->count[UPT_CAT_EXPORT] + v->count[UPT_CAT_IMPORT] > 0;
    EVIDENCE(v,
             "%u logins, %u creates, %u updates, %u reports in %dd; %s "
             "median %.0f creates, %.0f updates, %.0f reports",
             v->count[UPT_CAT_LOGIN], v->count[UPT_CAT_CREATE],
             v->count[UPT_CAT_UPDATE], v->count[UPT_CAT_REPORT], j->window,
             j->peers->label, j->peers->task[UPT_CAT_CREATE],
             j->peers->task[UPT_CAT_UPDATE], j->peers->task[UPT_CAT_REPORT]);
    if (core && (missed & core) == core && !tries && !moves) {
        v->status = UPT_VS_NOT_ADOPTING;
        v->confidence = clamp(0.6 + 0.1 * bits(missed));
        return v->confidence;
    }
    /* a role whose peers write, and a user who never does: a glance now
     * and then is not the task the role expects */
    if (f->writes > 0 || f->work > j->t->unaware_max_work ||
        j->peers->writes < j->t->unaware_peer_writes || moves)
        return core ? near(part(bits(missed & core), bits(core))) *
                          (tries || moves ? 0.5 : 1)
                    : 0;
    v->status = UPT_VS_NOT_ADOPTING;
    v->confidence = 0.70;
    EVIDENCE(v,
             "%u logins, %u views and searches, no writes in %dd; %s median "
             "%.0f writes",
             v->count[UPT_CAT_LOGIN], f->work, j->window, j->peers->label,
             j->peers->writes);
    return v->confidence;
}

static double judge_unskilled(const struct judge *j, struct upt_verdict *v,
                              const struct features *f)
{
    const struct upt_thresholds *t = j->t;
    uint32_t tries = f->actions + v->count[UPT_CAT_LOGIN];
    uint32_t help = v->count[UPT_CAT_HELP];
    double err_share = tries ? (double)v->errors / tries : 0;
    double help_share = f->actions ? (double)help / f->actions : 0;
    /* a share of all actions, or a multiple of the peers' share: page
     * views swamp the share of someone who errs all day, and a heavy user
     * errs more often than a light one without being lost */
    double err_peers = j->peers->err_rate > t->unskilled_rate_floor
                           ? j->peers->err_rate
                           : t->unskilled_rate_floor;
    double help_peers = j->peers->help_rate > t->unskilled_rate_floor
                            ? j->peers->help_rate
                            : t->unskilled_rate_floor;
    double err_need = t->unskilled_peer_factor * err_peers;
    double help_need = t->unskilled_peer_factor * help_peers;
    double min_err = per_window(t->unskilled_min_errors, j->window);
    double min_help = per_window(t->unskilled_min_help, j->window);
    if (err_need > t->unskilled_error_share)
        err_need = t->unskilled_error_share;
    if (help_need > t->unskilled_help_share)
        help_need = t->unskilled_help_share;
    bool can_err = covers(j, BIT(UPT_CAT_ERROR));
    bool can_help = covers(j, BIT(UPT_CAT_HELP));
    bool errs = can_err && v->errors >= min_err && err_share >= err_need;
    bool helps = can_help && help >= min_help && help_share >= help_need;
    /* searching without finding: many searches for the records opened,
     * with errors above the peers' though short of what errors alone
     * take; either alone is a user's habit, both are someone lost */
    uint32_t searches = v->count[UPT_CAT_SEARCH];
    double min_searches = per_window(t->unskilled_min_searches, j->window);
    double search_need = t->unskilled_search_factor * j->peers->search_rate *
                         v->count[UPT_CAT_VIEW];
    double lost_err_need = t->unskilled_search_errors * err_peers;
    bool can_search = can_err && j->peers->search_rate > 0 &&
                      covers(j, BIT(UPT_CAT_SEARCH) | BIT(UPT_CAT_VIEW));
    bool lost = can_search && searches >= min_searches &&
                searches >= search_need && err_share >= lost_err_need;
    EVIDENCE(v,
             "%u errors in %u actions (%.1f%%), %s median %.1f%%; %u help "
             "pages",
             v->errors, tries, 100 * err_share, j->peers->label,
             100 * j->peers->err_rate, help);
    if (can_search && (lost || (!errs && !helps))) {
        size_t len = strlen(v->evidence);
        snprintf(v->evidence + len, sizeof(v->evidence) - len,
                 "; %u searches on %u views, %s median %.2f searches a view",
                 searches, v->count[UPT_CAT_VIEW], j->peers->label,
                 j->peers->search_rate);
    }
    if (!errs && !helps && !lost) {
        double e =
            can_err ? part(v->errors, min_err) * part(err_share, err_need) : 0;
        double h =
            can_help ? part(help, min_help) * part(help_share, help_need) : 0;
        double s = can_search ? part(searches, min_searches) *
                                    part(searches, search_need) *
                                    part(err_share, lost_err_need)
                              : 0;
        if (h > e)
            e = h;
        return near(s > e ? s : e);
    }
    bool strong = (errs && helps) || err_share >= 2 * t->unskilled_error_share;
    v->status = strong ? UPT_VS_NOT_ADOPTING : UPT_VS_AT_RISK;
    v->confidence =
        clamp(0.5 + (errs || lost ? err_share : 0) + (helps ? help_share : 0));
    return v->confidence;
}

/* Whether the user's work bunches on the last weekdays of a month: their
 * writes, or their active days (all the input shows of a login history).
 * *NEED is the share it takes. */
static bool batched(const struct judge *j, const struct upt_verdict *v,
                    const struct features *f, double *share, double *need,
                    bool *by_writes)
{
    *share = 0;
    *need = j->t->effort_deadline_active_share;
    *by_writes = false;
    if (j->deadline_days == 0 || v->active_days < 2)
        return false;
    *share = (double)f->deadline_active / v->active_days;
    /* the writes tell it better than the days, where there are some */
    if (covers(j, BIT(UPT_CAT_CREATE) | BIT(UPT_CAT_UPDATE)) &&
        f->writes >= j->t->mgmt_min_writes) {
        *share = (double)f->deadline_writes / f->writes;
        *need = j->t->effort_deadline_share;
        *by_writes = true;
    }
    return *share >= *need;
}

/* Whether each of the last two weeks is down from the first half's weekly
 * active days: a fall that lasts, not a week of leave. */
static bool stays_down(const struct judge *j, const struct features *f)
{
    double weeks = j->first_half_days / 7.0;
    if (j->window < 21 || weeks <= 0)
        return true; /* too short a window to tell weeks apart */
    double most = j->t->effort_day_trend * f->first_active / weeks;
    return f->late_active[0] <= most && f->late_active[1] <= most;
}

/* Work per active day in the second half over the first: a user who
 * gives up does less on the days they still come, where a week of leave
 * takes days away but leaves the days worked as full as before. Negative
 * when the input shows no work beyond logins, or none in the first half. */
static double visit_trend(const struct features *f)
{
    if (f->first_work == 0) /* and so no active day */
        return -1;
    if (f->second_active == 0)
        return 0;
    return ((double)f->second_work / f->second_active) /
           ((double)f->first_work / f->first_active);
}

/* Whether the user's work stopped for the last working days, after a
 * level of work a day that is at least the peers': a fall that lasts
 * (fall.h) from the work of an adopter, not a light user's quiet days;
 * while the peers were still there, so not a whole role's pause. Where
 * the input shows no views, being there is the day's work (measure_fall)
 * and the peers' level is their active days. */
static bool fall_from_level(const struct judge *j, const struct features *f)
{
    const struct upt_thresholds *t = j->t;
    bool by_days = fall_by_days(j->coverage);
    if (!(j->coverage & (BIT(UPT_CAT_LOGIN) | BIT(UPT_CAT_VIEW))) ||
        f->fall.days == 0 || j->workdays == 0 ||
        (!by_days && f->fall.before_work < t->effort_min_first_half) ||
        j->peers->end_active < t->effort_fall_peers * t->effort_fall_days)
        return false;
    double per_day = (double)f->fall.before_work / f->fall.before_days;
    return per_day >=
           t->effort_fall_level * fall_level(j->peers, by_days, j->workdays);
}

/* The share of the weekdays other than deadline days, since the user was
 * first seen, that they were active on. */
static double other_weekdays_share(const struct features *f)
{
    uint32_t other = f->own_weekdays - f->own_deadline_days;
    return other ? (double)(f->active_weekdays - f->deadline_active) / other
                 : 0;
}

/* Whether the user is there on the deadline days far more often than on
 * the other weekdays since they were first seen: the days of one who
 * comes to catch up. */
static bool rushes_to_deadlines(const struct judge *j, const struct features *f)
{
    if (f->own_deadline_days == 0 || f->own_weekdays <= f->own_deadline_days)
        return false;
    double at = (double)f->deadline_active / f->own_deadline_days;
    return at >= j->t->effort_rush_presence &&
           at >= j->t->effort_rush_factor * other_weekdays_share(f);
}

/* What the effort rule found, for its verdict and evidence. */
struct effort_signs {
    double share;       /* active days over weekdays */
    double bunch, need; /* the share on deadline days, and the one asked */
    double level;       /* first-half active days a fall is from, at least */
    bool by_writes;     /* the bunching counted in writes, not days */
    bool bunched, rare, rushes, bulk, sporadic;
    bool halves, fell; /* declining: by the halves, or to the end */
};

/* Sporadic: few days, with the work bunched before deadlines, entered in
 * bulk, or the days themselves rushed to deadlines. */
static void sporadic_signs(const struct judge *j, const struct upt_verdict *v,
                           const struct features *f, struct effort_signs *s)
{
    const struct upt_thresholds *t = j->t;
    s->share = (double)v->active_days / f->weekdays;
    bool fewer = j->peers->active_days >= 2.0 * v->active_days;
    s->bunched = batched(j, v, f, &s->bunch, &s->need, &s->by_writes);
    /* writes bunched before deadlines say it without the peers; days
     * alone are weaker, and need the peers to be there far more */
    /* or entered in bulk with little reading: many writes per view */
    double most_per_view =
        t->effort_bulk_factor * j->peers->write_rate * v->count[UPT_CAT_VIEW];
    s->bulk = covers(j, BIT(UPT_CAT_VIEW)) && j->peers->write_rate > 0 &&
              f->writes >= t->mgmt_min_writes && f->writes > most_per_view;
    /* few days alone are a light user's as well: where the log shows what
     * they do there, it takes work entered in bulk or before deadlines;
     * where it shows only the days, one of them a deadline day */
    s->rare =
        fewer && s->share <= t->effort_rare_share &&
        (!covers(j, BIT(UPT_CAT_VIEW))
             ? f->deadline_active > 0 || s->share <= t->effort_rare_share / 2
             : v->count[UPT_CAT_VIEW] == 0 || s->bunched ||
                   f->writes >= most_per_view);
    /* bulk writes leaning on the deadlines need no peers to be there more */
    bool lean =
        s->bulk && s->by_writes && s->bunch >= t->effort_bulk_deadline_share;
    /* where views show, the days' work tells more than the days */
    s->rushes = !covers(j, BIT(UPT_CAT_VIEW)) && !s->by_writes &&
                rushes_to_deadlines(j, f);
    /* a log of changes alone shows the days someone wrote, not the days
     * they were there: of it, only writes bunched before deadlines */
    bool presence = j->coverage & (BIT(UPT_CAT_LOGIN) | BIT(UPT_CAT_VIEW));
    s->sporadic = s->share <= t->effort_active_share &&
                  (presence ? s->rare || s->rushes ||
                                  (s->bunched && (s->by_writes || fewer)) ||
                                  (s->bulk && (fewer || lean))
                            : s->bunched && s->by_writes);
}

/* Declining: a fall from the peers' level, not a light user's quiet
 * fortnight; one that lasts, or that the days still worked show too. Or
 * the last working days all but empty, after the peers' work a day or
 * more: one who drops off late in the window, whose halves hardly
 * differ. */
static void declining_signs(const struct judge *j, const struct upt_verdict *v,
                            const struct features *f, struct effort_signs *s)
{
    const struct upt_thresholds *t = j->t;
    s->level = t->effort_decline_from * j->peers->active_days / 2;
    /* without views, a day's work is a few writes: too few to compare */
    double visits = covers(j, BIT(UPT_CAT_VIEW)) ? visit_trend(f) : -1;
    s->halves = f->first_half >= t->effort_min_first_half &&
                f->first_active >= s->level && v->trend >= 0 &&
                v->trend <= t->effort_trend &&
                (visits < 0 ? stays_down(j, f)
                            : visits < t->effort_visit_most &&
                                  (visits <= t->effort_visit_trend ||
                                   stays_down(j, f)));
    s->fell = fall_from_level(j, f);
}

/* The evidence of the effort rule that holds, in S. */
static void effort_evidence(const struct judge *j, struct upt_verdict *v,
                            const struct features *f,
                            const struct effort_signs *s)
{
    const struct peers *p = j->peers;
    struct active_text at = active_phrase(v, f);
    const char *active = at.s;
    double trend = v->trend < 0 ? 0.0 : v->trend;
    if (s->sporadic && !s->bunched && s->rushes)
        EVIDENCE(v,
                 "active %s, %s median %.0f; on %u of the %u deadline days, "
                 "on %.0f%% of the other weekdays",
                 active, p->label, p->active_days, f->deadline_active,
                 f->own_deadline_days, 100 * other_weekdays_share(f));
    else if (s->sporadic && !s->bunched && !s->rare)
        EVIDENCE(v,
                 "active %s, %s median %.0f; %u writes on %u "
                 "views, %s median %.2f writes a view",
                 active, p->label, p->active_days, f->writes,
                 v->count[UPT_CAT_VIEW], p->label, p->write_rate);
    else if (s->sporadic && !s->bunched)
        EVIDENCE(v,
                 "active %s, %s median %.0f; %u writes, %s median %.0f; "
                 "trend %.2f",
                 active, p->label, p->active_days, f->writes, p->label,
                 p->writes, trend);
    else if (s->halves && !s->sporadic)
        EVIDENCE(v,
                 "activity fell to %.2f of the first half (%u then %u "
                 "events); active %s",
                 v->trend, f->first_half, f->second_half, active);
    else if (!s->sporadic && !fall_by_days(j->coverage))
        EVIDENCE(v, "%s (%s median %.1f)", upt_fall_phrase(&f->fall, false).s,
                 p->label, fall_level(p, false, j->workdays));
    else if (!s->sporadic)
        EVIDENCE(v, "%s (%s median %.0f of %u)",
                 upt_fall_phrase(&f->fall, true).s, p->label, p->active_days,
                 j->workdays);
    else
        EVIDENCE(v,
                 "active %s, %s median %.0f; %.0f%% of the "
                 "%s on the last %u weekdays of a month; %u writes, %s "
                 "median %.0f",
                 active, p->label, p->active_days, 100 * s->bunch,
                 s->by_writes ? "writes" : "active days",
                 j->t->effort_deadline_days, f->writes, p->label, p->writes);
}

/* How near a user who is neither sporadic nor declining came: as few
 * days as the rule asks, times bunched enough; or as steep a fall from
 * as high a level. Says why in the evidence. */
static double effort_near(const struct judge *j, struct upt_verdict *v,
                          const struct features *f,
                          const struct effort_signs *s)
{
    const struct upt_thresholds *t = j->t;
    EVIDENCE(v,
             "active %s, %s median %.0f; %.0f%% of the "
             "%s on the last %u weekdays of a month (%.0f%% would "
             "do); trend %.2f",
             active_phrase(v, f).s, j->peers->label, j->peers->active_days,
             100 * s->bunch, s->by_writes ? "writes" : "active days",
             t->effort_deadline_days, 100 * s->need,
             v->trend < 0 ? 0.0 : v->trend);
    double days =
        v->active_days ? part(j->peers->active_days, 2.0 * v->active_days) : 0;
    double sp = days * part(t->effort_active_share, s->share) *
                (s->rare ? 1 : part(s->bunch, s->need));
    double d =
        v->trend < 0 || f->first_half < t->effort_min_first_half
            ? 0
            : part(f->first_active, s->level) *
                  part(t->effort_trend, v->trend > 0.01 ? v->trend : 0.01);
    return near(sp > d ? sp : d);
}

static double judge_effort(const struct judge *j, struct upt_verdict *v,
                           const struct features *f)
{
    const struct upt_thresholds *t = j->t;
    struct effort_signs s;
    sporadic_signs(j, v, f, &s);
    declining_signs(j, v, f, &s);
    bool declining = s.halves || s.fell;
    if (!s.sporadic && !declining)
        return effort_near(j, v, f, &s);
    v->status = s.sporadic && declining ? UPT_VS_NOT_ADOPTING : UPT_VS_AT_RISK;
    double fall_share = s.fell ? (double)f->fall.active / f->fall.days : 0;
    v->confidence =
        clamp(0.5 + (s.sporadic ? t->effort_active_share - s.share : 0) +
              (s.halves ? t->effort_trend - v->trend
               : s.fell ? t->effort_fall_active - fall_share
                        : 0));
    effort_evidence(j, v, f, &s);
    return v->confidence;
}

static double judge_mgmt_only(const struct judge *j, struct upt_verdict *v,
                              const struct features *f)
{
    /* reading now and then is not using the data: a small share of what
     * the peers read, or of what they read for as many writes, is still
     * nearly never */
    double most = j->t->mgmt_read_share * j->peers->reads;
    double per_write = j->t->mgmt_read_share * j->peers->read_rate * f->writes;
    if (most < per_write)
        most = per_write;
    if (most < j->t->mgmt_max_reads)
        most = j->t->mgmt_max_reads;
    if (!coverable(j->coverage, UPT_CAUSE_MGMT_ONLY)) {
        EVIDENCE(v, "the input shows no reports, searches, creates or "
                    "updates");
        return 0;
    }
    EVIDENCE(v,
             "%u writes but %u reports, dashboards or searches in %dd; "
             "%s median %.0f (it takes %u writes and at most %.0f reads)",
             f->writes, f->reads, j->window, j->peers->label, j->peers->reads,
             j->t->mgmt_min_writes, most);
    if (f->reads > most || f->writes < j->t->mgmt_min_writes)
        return near(part(f->writes, j->t->mgmt_min_writes) *
                    part(most, f->reads));
    v->status = f->writes >= 4 * j->t->mgmt_min_writes ? UPT_VS_NOT_ADOPTING
                                                       : UPT_VS_AT_RISK;
    v->confidence = clamp(0.5 + f->writes / (10.0 * j->t->mgmt_min_writes));
    if (f->reads == 0)
        EVIDENCE(v,
                 "%u writes but no reports, dashboards or searches in %dd; "
                 "%s median %.0f reports",
                 f->writes, j->window, j->peers->label, j->peers->reports);
    else
        EVIDENCE(v,
                 "%u writes but %u reports, dashboards or searches in %dd; "
                 "%s median %.0f",
                 f->writes, f->reads, j->window, j->peers->label,
                 j->peers->reads);
    return v->confidence;
}

static double judge_distrust(const struct judge *j, struct upt_verdict *v,
                             const struct features *f)
{
    const struct upt_thresholds *t = j->t;
    uint32_t exports = v->count[UPT_CAT_EXPORT];
    uint32_t imports = v->count[UPT_CAT_IMPORT];
    double base = j->peers->exports > 1 ? j->peers->exports : 1;
    double ibase = j->peers->imports > 1 ? j->peers->imports : 1;
    double exp_need = per_window(t->distrust_min_exports, j->window);
    double imp_need = per_window(t->distrust_min_imports, j->window);
    if (exp_need < t->distrust_export_factor * base)
        exp_need = t->distrust_export_factor * base;
    if (imp_need < t->distrust_export_factor * ibase)
        imp_need = t->distrust_export_factor * ibase;
    bool can_exp = covers(j, BIT(UPT_CAT_EXPORT));
    bool can_imp = covers(j, BIT(UPT_CAT_IMPORT));
    bool exp = can_exp && exports >= exp_need;
    bool imp = can_imp && imports >= imp_need;
    /* data taken out or brought in is distrust when the user does little
     * in the CRM with it: a heavy user exports more because they do more */
    double enough = covers(j, BIT(UPT_CAT_VIEW))
                        ? j->peers->write_rate * v->count[UPT_CAT_VIEW]
                        : j->peers->writes;
    bool acts = covers(j, BIT(UPT_CAT_CREATE) | BIT(UPT_CAT_UPDATE)) &&
                enough > 0 && f->writes > t->distrust_write_share * enough;
    /* both ways at once, by a user who writes no more than the peers */
    bool both = exp && imp && f->writes <= j->peers->writes;
    EVIDENCE(v,
             "%u exports vs %s median %.0f; %u imports; %u views, %u "
             "writes (%s median %.0f) in %dd",
             exports, j->peers->label, j->peers->exports, imports,
             v->count[UPT_CAT_VIEW], f->writes, j->peers->label,
             j->peers->writes, j->window);
    if (!(exp || imp) || (acts && !both)) {
        double e = can_exp ? part(exports, exp_need) : 0;
        double i = can_imp ? part(imports, imp_need) : 0;
        return near((e > i ? e : i) * (acts ? 0.5 : 1));
    }
    bool strong = (exp && (f->writes == 0 ||
                           exports >= 2 * t->distrust_export_factor * base)) ||
                  (exp && imp);
    v->status = strong ? UPT_VS_NOT_ADOPTING : UPT_VS_AT_RISK;
    v->confidence = clamp(0.5 + exports / (10.0 * base) + imports / 20.0);
    return v->confidence;
}

/* Each returns the cause's score for the user: HOLDS or more when its rule
 * holds, with V's status, confidence and evidence set; under it, how near
 * the user came, with the figures that fall short in V's evidence. */
static double (*const judges[UPT_CAUSE_COUNT])(const struct judge *,
                                               struct upt_verdict *,
                                               const struct features *) = {
    [UPT_CAUSE_UNAWARE] = judge_unaware,
    [UPT_CAUSE_UNSKILLED] = judge_unskilled,
    [UPT_CAUSE_EFFORT] = judge_effort,
    [UPT_CAUSE_MGMT_ONLY] = judge_mgmt_only,
    [UPT_CAUSE_DISTRUST] = judge_distrust,
};

/* Scores every cause into TRIED and SCORE; returns the one given: of the
 * causes that hold, the earliest in the order of judgement whose score is
 * within cause_margin of the best (UPT_CAUSE_NONE when none holds). */
static enum upt_cause score_causes(const struct judge *j,
                                   const struct upt_verdict *v,
                                   const struct features *f,
                                   struct upt_verdict *tried, double *score)
{
    double best = 0;
    for (int c = UPT_CAUSE_UNAWARE; c < UPT_CAUSE_COUNT; c++) {
        tried[c] = *v;
        tried[c].evidence[0] = '\0';
        score[c] = judges[c](j, &tried[c], f);
        if (score[c] >= HOLDS && score[c] > best)
            best = score[c];
    }
    for (int c = UPT_CAUSE_UNAWARE; c < UPT_CAUSE_COUNT; c++)
        if (score[c] >= HOLDS && score[c] >= best - j->t->cause_margin)
            return (enum upt_cause)c;
    return UPT_CAUSE_NONE;
}

static void judge_user(const struct judge *j, struct upt_verdict *v,
                       const struct features *f)
{
    if (v->active_days == 0 &&
        !(j->coverage & (BIT(UPT_CAT_LOGIN) | BIT(UPT_CAT_VIEW)))) {
        /* a log of changes alone (an audit trail) cannot show who signs
         * in and reads: no events there is not proof of absence */
        v->status = UPT_VS_INACTIVE;
        EVIDENCE(v,
                 "no events in %dd, but the input shows neither logins nor "
                 "views",
                 j->window);
        return;
    }
    if (v->active_days == 0) {
        v->status = UPT_VS_INACTIVE;
        v->cause = UPT_CAUSE_UNAWARE;
        v->confidence = v->last_ms == INT64_MIN ? 0.90 : 0.75;
        if (v->last_ms == INT64_MIN)
            EVIDENCE(v,
                     "on the roster, no activity in the logs; %s median "
                     "%.0f active days",
                     j->peers->label, j->peers->active_days);
        else
            EVIDENCE(v, "no activity in %dd; %s median %.0f active days",
                     j->window, j->peers->label, j->peers->active_days);
        return;
    }
    struct upt_verdict tried[UPT_CAUSE_COUNT];
    double score[UPT_CAUSE_COUNT];
    enum upt_cause given = score_causes(j, v, f, tried, score);
    if (given != UPT_CAUSE_NONE) {
        /* the runner-up worth knowing: the best of the others that hold */
        int next = UPT_CAUSE_NONE;
        for (int c = UPT_CAUSE_UNAWARE; c < UPT_CAUSE_COUNT; c++)
            if (c != (int)given && score[c] >= HOLDS &&
                (next == UPT_CAUSE_NONE || score[c] > score[next]))
                next = c;
        *v = tried[given];
        v->cause = given;
        if (next != UPT_CAUSE_NONE) {
            size_t len = strlen(v->evidence);
            snprintf(v->evidence + len, sizeof(v->evidence) - len,
                     "; also %s (%.2f)", upt_cause_name((enum upt_cause)next),
                     score[next]);
        }
        return;
    }
    v->status = UPT_VS_ADOPTING;
    if (!(j->coverage & WORK_CATEGORIES))
        EVIDENCE(v,
                 "active %s in %dd; the input holds no work "
                 "events, only %s",
                 active_phrase(v, f).s, j->window,
                 j->coverage & (BIT(UPT_CAT_LOGIN) | BIT(UPT_CAT_LOGOUT))
                     ? "sessions"
                     : "changes to settings");
    else
        EVIDENCE(v,
                 "active %s; %u writes, %u reads, %u views in "
                 "%dd",
                 active_phrase(v, f).s, f->writes, f->reads,
                 v->count[UPT_CAT_VIEW], j->window);
}

static void settle_status(struct upt_verdict *v,
                          const struct upt_roster_user *ru,
                          const struct upt_profile_user *pu, int64_t last_day,
                          int grace, int window)
{
    v->status = UPT_VS_ADOPTING; /* provisional: judged later */
    if ((pu && pu->service) || (ru && ru->service)) {
        v->status = UPT_VS_SERVICE;
        EVIDENCE(v,
                 "%s marks this identity as automated, guest or "
                 "integration",
                 pu && pu->service ? "the log" : "the roster");
    } else if (ru && !ru->active) {
        v->status = UPT_VS_DEPARTED;
        EVIDENCE(v, "inactive in the roster");
    } else if (ru && ru->created_day != UPT_ROSTER_NO_DATE &&
               last_day != INT64_MIN && ru->created_day > last_day - grace) {
        char day[16];
        v->status = UPT_VS_NEW;
        upt_timestamp_format_day(ru->created_day, day, sizeof(day));
        EVIDENCE(v,
                 "created %s, inside the %dd grace period; %u active "
                 "days so far in %dd",
                 day, grace, v->active_days, window);
    }
}

static int cmp_verdict(const void *a, const void *b)
{
    return strcmp(((const struct upt_verdict *)a)->user,
                  ((const struct upt_verdict *)b)->user);
}

static int collect(struct upt_diagnosis *d, const struct upt_profile *profile,
                   const struct upt_roster *roster)
{
    size_t np = upt_profile_count(profile);
    size_t nr = roster ? upt_roster_count(roster) : 0;
    d->v = calloc(np + nr + 1, sizeof(*d->v));
    if (!d->v)
        return -1;
    for (size_t i = 0; i < np; i++) {
        const struct upt_profile_user *u = upt_profile_user(profile, i);
        struct upt_verdict *v = &d->v[d->count++];
        v->user = upt_profile_str(profile, u->id);
        const struct upt_roster_user *ru =
            roster ? upt_roster_find(roster, v->user, strlen(v->user)) : NULL;
        if (ru)
            v->user = ru->id; /* the roster's spelling, for every user on it */
        v->name = ru && ru->name[0] ? ru->name
                  : u->name != UPT_STRTAB_NONE
                      ? upt_profile_str(profile, u->name)
                      : "";
        v->role = ru ? ru->role : "";
        v->team = ru ? ru->team : "";
        v->first_ms = u->first_ms;
        v->last_ms = u->last_ms;
    }
    for (size_t i = 0; i < nr; i++) {
        const struct upt_roster_user *ru = upt_roster_get(roster, i);
        size_t len = strlen(ru->id);
        if (upt_profile_find(profile, ru->id, upt_userid_key_len(ru->id, len)))
            continue;
        struct upt_verdict *v = &d->v[d->count++];
        v->user = ru->id;
        v->name = ru->name;
        v->role = ru->role;
        v->team = ru->team;
        v->first_ms = v->last_ms = INT64_MIN;
    }
    return 0;
}

/* The user's working days, oldest first, into ACTIVE and WORK (scratch
 * of the window's size), and the fall that lasts to the end in them. */
static void measure_fall(const struct upt_diagnosis *d,
                         const struct upt_profile_user *u, struct features *f,
                         unsigned char *active, uint32_t *work)
{
    const struct upt_thresholds *t = &d->opts.t;
    const struct upt_fall_rule rule = {
        .min_days = t->effort_fall_days,
        .min_before = t->effort_fall_before_days,
        .active_share = t->effort_fall_active,
        .work_share = t->effort_fall_work,
        .before_active = t->effort_fall_before,
    };
    size_t n = 0;
    uint32_t k = 0;
    if (!u || d->first_day == INT64_MIN)
        return;
    for (int64_t day = d->seen_from; day <= d->last_day; day++) {
        if (!d->workday[day - d->first_day])
            continue;
        while (k < u->ndays && u->days[k].day < day)
            k++;
        const struct upt_day *ud =
            k < u->ndays && u->days[k].day == day ? &u->days[k] : NULL;
        active[n] = ud && upt_profile_day_active(ud);
        work[n] = fall_by_days(f->coverage) ? active[n]
                  : ud                      ? work_of(ud->count)
                                            : 0;
        n++;
    }
    for (size_t i = n > rule.min_days ? n - rule.min_days : 0; i < n; i++)
        f->end_active += active[i];
    upt_fall_find(active, work, n, &rule, &f->fall);
}

/* The weekdays and deadline days from the user's first day in the part
 * of the window the logs reach: one who joined late was not away before. */
static void own_days(const struct upt_diagnosis *d, const struct upt_verdict *v,
                     struct features *f)
{
    if (d->first_day == INT64_MIN || v->first_ms == INT64_MIN)
        return;
    int64_t from = upt_timestamp_day_of(v->first_ms);
    if (from < d->seen_from)
        from = d->seen_from;
    for (int64_t day = from; day <= d->last_day; day++) {
        f->own_weekdays += upt_workdays_weekday(day);
        f->own_deadline_days += d->deadline[day - d->first_day];
    }
}

static int measure(struct upt_diagnosis *d, const struct upt_profile *profile,
                   const struct upt_roster *roster,
                   const struct upt_diagnose_opts *o)
{
    size_t days = (size_t)o->window_days + 1;
    unsigned char *active = malloc(days);
    uint32_t *work = malloc(days * sizeof(*work));
    if (!active || !work) {
        free(active);
        free(work);
        return -1;
    }
    for (size_t i = 0; i < d->count; i++) {
        struct upt_verdict *v = &d->v[i];
        struct features *f = &d->f[i];
        size_t len = strlen(v->user);
        const struct upt_profile_user *pu = upt_profile_find(
            profile, v->user, upt_userid_key_len(v->user, len));
        const struct upt_roster_user *ru =
            roster ? upt_roster_find(roster, v->user, len) : NULL;
        v->trend = -1;
        /* a user on the roster only is judged by all the input shows */
        f->coverage = pu ? upt_profile_coverage(profile, pu) : d->coverage;
        if (d->first_day != INT64_MIN)
            fill_counts(v, f, pu, d);
        measure_fall(d, pu, f, active, work);
        f->weekdays =
            d->first_day == INT64_MIN ? 1 : weekdays(d->seen_from, d->last_day);
        own_days(d, v, f);
        settle_status(v, ru, pu, d->last_day, o->grace_days, o->window_days);
    }
    free(active);
    free(work);
    return 0;
}

/* Role medians, computed once per distinct role (roster strings are
 * interned, so one role is one pointer). */
struct role_peers {
    const char *role;
    struct peers peers;
    size_t members;
};

static const struct role_peers *peers_for(struct upt_diagnosis *d,
                                          struct role_peers *cache,
                                          size_t *ncache, const char *role)
{
    for (size_t i = 0; i < *ncache; i++)
        if (cache[i].role == role)
            return &cache[i];
    struct role_peers *rp = &cache[(*ncache)++];
    rp->role = role;
    if (peer_medians(d, role, &rp->peers, &rp->members) != 0)
        return NULL;
    rp->peers.label = "role";
    return rp;
}

/* The tasks named for ROLE: by an expect line (*CONFIGURED), else the
 * built-in table. */
static unsigned named_tasks(const struct upt_diagnose_opts *o, const char *role,
                            bool *configured)
{
    *configured = false;
    if (!role || !role[0])
        return 0;
    for (size_t i = 0; i < o->nexpect; i++)
        if (strcasecmp(o->expect[i].role, role) == 0) {
            *configured = true;
            return o->expect[i].tasks & TASK_BITS;
        }
    return upt_diagnose_role_tasks(role);
}

/* Time to first value: for a user created inside the window, the days
 * from creation to the first day with a task the role expects (its expect
 * line or the built-in table; for a role with neither, a create or an
 * update: the first record work). */
static void first_value(struct upt_diagnosis *d, const struct upt_profile *p,
                        const struct upt_roster *r,
                        const struct upt_diagnose_opts *o)
{
    for (size_t i = 0; i < d->count; i++) {
        struct upt_verdict *v = &d->v[i];
        v->first_value_days = UPT_FIRST_VALUE_NONE;
        size_t len = strlen(v->user);
        const struct upt_roster_user *ru =
            r ? upt_roster_find(r, v->user, len) : NULL;
        if (!ru || ru->created_day == UPT_ROSTER_NO_DATE ||
            d->first_day == INT64_MIN || ru->created_day < d->first_day ||
            ru->created_day > d->last_day || v->status == UPT_VS_SERVICE ||
            v->status == UPT_VS_DEPARTED)
            continue;
        bool configured;
        unsigned want = named_tasks(o, v->role, &configured);
        if (!want)
            want = BIT(UPT_CAT_CREATE) | BIT(UPT_CAT_UPDATE);
        v->first_value_days = UPT_FIRST_VALUE_NOT_YET;
        const struct upt_profile_user *pu =
            upt_profile_find(p, v->user, upt_userid_key_len(v->user, len));
        for (uint32_t k = 0; pu && k < pu->ndays; k++) {
            const struct upt_day *day = &pu->days[k];
            if (day->day < ru->created_day)
                continue;
            if (day->day > d->last_day)
                break;
            bool done = false;
            for (int c = 0; c < UPT_CAT_COUNT && !done; c++)
                done = (want & BIT(c)) && day->count[c] > 0;
            if (done) {
                v->first_value_days = (int32_t)(day->day - ru->created_day);
                break;
            }
        }
    }
}

static int judge_all(struct upt_diagnosis *d, const struct upt_diagnose_opts *o)
{
    double weekly = o->t.unaware_task_weekly * o->window_days / 7.0;
    for (size_t i = 0; i < d->count; i++)
        for (int c = 0; c < UPT_CAT_COUNT; c++)
            if (judged(&d->v[i]) && d->v[i].count[c] >= weekly)
                d->seen |= BIT(c);
    struct peers everyone = {.label = "org"};
    size_t members, ncache = 0;
    struct role_peers *cache = calloc(d->count + 1, sizeof(*cache));
    if (!cache || peer_medians(d, NULL, &everyone, &members) != 0)
        goto fail;
    for (size_t i = 0; i < d->count; i++) {
        struct upt_verdict *v = &d->v[i];
        const struct peers *p = &everyone;
        if (!judged(v))
            continue;
        if (v->role[0]) {
            const struct role_peers *rp = peers_for(d, cache, &ncache, v->role);
            if (!rp)
                goto fail;
            if (rp->members >= o->t.peer_min)
                p = &rp->peers;
        }
        d->w[i].peers = *p;
        d->w[i].members = members; /* the org's, unless a role's below */
        for (size_t k = 0; k < ncache; k++)
            if (&cache[k].peers == p)
                d->w[i].members = cache[k].members;
        bool configured;
        unsigned named = named_tasks(o, v->role, &configured);
        struct judge j = {.t = &o->t,
                          .coverage = d->f[i].coverage,
                          .window = o->window_days,
                          .deadline_days = d->deadline_days,
                          .first_half_days = first_half_days(d),
                          .workdays = d->workdays,
                          .tasks = named,
                          .configured = configured,
                          .seen = d->seen,
                          .peers = p};
        judge_user(&j, v, &d->f[i]);
    }
    free(cache);
    return 0;
fail:
    free(cache);
    return -1;
}

/* The deadline days of the window, and how many the logs reach. */
static int mark_deadlines(struct upt_diagnosis *d,
                          const struct upt_diagnose_opts *o)
{
    size_t n = d->first_day == INT64_MIN ? 0 : (size_t)o->window_days;
    d->deadline = calloc(n + 1, 1);
    if (!d->deadline)
        return -1;
    for (size_t i = 0; i < n; i++) {
        int64_t day = d->first_day + (int64_t)i;
        d->deadline[i] = deadline_day(day, o->t.effort_deadline_days);
        d->deadline_days += d->deadline[i] && day >= d->seen_from;
    }
    return 0;
}

/* The days of the window the org worked, of those the logs reach. */
static int mark_workdays(struct upt_diagnosis *d,
                         const struct upt_profile *profile,
                         const struct upt_diagnose_opts *o)
{
    size_t n = d->first_day == INT64_MIN ? 0 : (size_t)o->window_days;
    d->workday = calloc(n + 1, 1);
    if (!d->workday)
        return -1;
    if (n == 0)
        return 0;
    size_t from = (size_t)(d->seen_from - d->first_day);
    if (upt_workdays_mark(profile, d->seen_from, n - from, o->t.workday_share,
                          d->workday + from) != 0)
        return -1;
    for (size_t i = from; i < n; i++)
        d->workdays += d->workday[i];
    return 0;
}

struct upt_diagnosis *upt_diagnose(const struct upt_profile *profile,
                                   const struct upt_roster *roster,
                                   const struct upt_diagnose_opts *o)
{
    struct upt_diagnosis *d = calloc(1, sizeof(*d));
    if (!d)
        return NULL;
    d->coverage = upt_profile_coverage(profile, NULL);
    d->duplicates = upt_profile_duplicates(profile);
    d->last_day = o->as_of_day;
    if (d->last_day == INT64_MIN && upt_profile_last_ms(profile) != INT64_MIN)
        d->last_day = upt_timestamp_day_of(upt_profile_last_ms(profile));
    d->first_day =
        d->last_day == INT64_MIN ? INT64_MIN : d->last_day - o->window_days + 1;
    /* Logs that start inside the window (a first export, 30-day retention)
     * must not make everyone look sporadic. */
    d->seen_from = d->first_day;
    if (upt_profile_first_ms(profile) != INT64_MAX &&
        upt_timestamp_day_of(upt_profile_first_ms(profile)) > d->seen_from)
        d->seen_from = upt_timestamp_day_of(upt_profile_first_ms(profile));
    if (d->seen_from > d->last_day)
        d->seen_from = d->last_day;
    if (mark_deadlines(d, o) != 0)
        goto fail;
    if (collect(d, profile, roster) != 0)
        goto fail;
    qsort(d->v, d->count, sizeof(*d->v), cmp_verdict);
    d->f = calloc(d->count + 1, sizeof(*d->f));
    d->w = calloc(d->count + 1, sizeof(*d->w));
    if (!d->f || !d->w)
        goto fail;
    d->opts = *o;
    if (mark_workdays(d, profile, o) != 0 ||
        measure(d, profile, roster, o) != 0 || judge_all(d, o) != 0)
        goto fail;
    first_value(d, profile, roster, o);
    return d;
fail:
    upt_diagnosis_free(d);
    return NULL;
}

void upt_diagnosis_free(struct upt_diagnosis *d)
{
    if (!d)
        return;
    free(d->v);
    free(d->f);
    free(d->w);
    free(d->deadline);
    free(d->workday);
    free(d);
}

size_t upt_diagnosis_count(const struct upt_diagnosis *d) { return d->count; }

const struct upt_verdict *upt_diagnosis_get(const struct upt_diagnosis *d,
                                            size_t i)
{
    return i < d->count ? &d->v[i] : NULL;
}

void upt_diagnosis_window(const struct upt_diagnosis *d, int64_t *first,
                          int64_t *last)
{
    *first = d->first_day;
    *last = d->last_day;
}

unsigned upt_diagnosis_coverage(const struct upt_diagnosis *d)
{
    return d->coverage;
}

uint64_t upt_diagnosis_duplicates(const struct upt_diagnosis *d)
{
    return d->duplicates;
}

int upt_diagnosis_explain(const struct upt_diagnosis *d, const char *user,
                          struct upt_explained *out)
{
    size_t i = 0;
    while (i < d->count && strcmp(d->v[i].user, user) != 0)
        i++;
    if (i == d->count)
        return -1;
    const struct features *f = &d->f[i];
    const struct peers *p = &d->w[i].peers;
    memset(out, 0, sizeof(*out));
    out->verdict = &d->v[i];
    out->coverage = f->coverage;
    snprintf(out->active, sizeof(out->active), "%s",
             active_phrase(&d->v[i], f).s);
    out->actions = f->actions;
    out->writes = f->writes;
    out->reads = f->reads;
    out->half_days[0] = (uint32_t)first_half_days(d);
    out->half_days[1] =
        d->first_day == INT64_MIN
            ? 0
            : (uint32_t)(d->last_day - d->seen_from + 1) - out->half_days[0];
    out->half_active[0] = f->first_active;
    out->half_active[1] = f->second_active;
    out->half_events[0] = f->first_half;
    out->half_events[1] = f->second_half;
    out->half_work[0] = f->first_work;
    out->half_work[1] = f->second_work;
    out->late_active[0] = f->late_active[0];
    out->late_active[1] = f->late_active[1];
    out->deadline_days = d->deadline_days;
    out->deadline_active = f->deadline_active;
    out->deadline_writes = f->deadline_writes;
    out->deadline_span = d->opts.t.effort_deadline_days;
    out->workdays = d->workdays;
    out->fall = f->fall;
    out->fall_by_days = fall_by_days(f->coverage);
    out->peer_work_day = fall_level(p, out->fall_by_days, d->workdays);
    out->judged = judged(&d->v[i]);
    out->peer_label = p->label ? p->label : "org";
    out->peer_members = d->w[i].members;
    out->peer_active_days = p->active_days;
    out->peer_writes = p->writes;
    out->peer_exports = p->exports;
    out->peer_errors = p->errors;
    out->peer_reports = p->reports;
    if (!out->judged || d->v[i].active_days == 0)
        return 0;
    bool configured;
    unsigned named = named_tasks(&d->opts, d->v[i].role, &configured);
    struct judge j = {.t = &d->opts.t,
                      .coverage = f->coverage,
                      .window = d->opts.window_days,
                      .deadline_days = d->deadline_days,
                      .first_half_days = first_half_days(d),
                      .workdays = d->workdays,
                      .tasks = named,
                      .configured = configured,
                      .seen = d->seen,
                      .peers = p};
    role_tasks(&j, &d->v[i], &out->role_tasks, &out->role_tasks_missed);
    out->role_tasks_from = configured ? "an expect line"
                           : named    ? "the built-in roles"
                                      : "what the peers do weekly";
    struct upt_verdict tried[UPT_CAUSE_COUNT];
    double score[UPT_CAUSE_COUNT];
    out->given = score_causes(&j, &d->v[i], f, tried, score);
    out->hold = HOLDS;
    out->margin = d->opts.t.cause_margin;
    for (int c = UPT_CAUSE_UNAWARE; c < UPT_CAUSE_COUNT; c++) {
        out->cause[c].shown = coverable(f->coverage, (enum upt_cause)c);
        out->cause[c].score = score[c];
        out->cause[c].holds = score[c] >= HOLDS;
        out->cause[c].status = tried[c].status;
        memcpy(out->cause[c].evidence, tried[c].evidence,
               sizeof(tried[c].evidence));
    }
    return 0;
}
