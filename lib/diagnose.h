/* diagnose.h - each user's status and likely cause of non-adoption, with
 * evidence */
#ifndef UPT_DIAGNOSE_H
#define UPT_DIAGNOSE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "event.h"
#include "fall.h"
#include "profile.h"
#include "roster.h"

enum upt_verdict_status {
    UPT_VS_ADOPTING,
    UPT_VS_AT_RISK,
    UPT_VS_NOT_ADOPTING,
    UPT_VS_INACTIVE,
    UPT_VS_NEW,
    UPT_VS_DEPARTED,
    UPT_VS_SERVICE,
    UPT_VS_COUNT
};

/* In the order of judgement (DESIGN.md §3): of the causes whose score
 * holds, the earliest within cause_margin of the best wins. */
enum upt_cause {
    UPT_CAUSE_NONE,
    UPT_CAUSE_UNAWARE,
    UPT_CAUSE_UNSKILLED,
    UPT_CAUSE_EFFORT,
    UPT_CAUSE_MGMT_ONLY,
    UPT_CAUSE_DISTRUST,
    UPT_CAUSE_COUNT
};

/* Every threshold of the rules, with the defaults of
 * upt_thresholds_default() (documented in uptake(1), CAUSES). */
struct upt_thresholds {
    unsigned peer_min;            /* a role with fewer judged users uses all */
    unsigned unaware_max_work;    /* no writes and at most this much work */
    unsigned unaware_peer_writes; /* ...while the peers' median writes */
    double unaware_task_weekly; /* peers' median a week: the role expects it */
    double unaware_task_share;  /* under this share of it: never done */
    unsigned unskilled_min_errors;
    double unskilled_error_share; /* errors over actions */
    unsigned unskilled_min_help;
    double unskilled_help_share;
    double unskilled_peer_factor; /* or this many times the peers' rate */
    double unskilled_rate_floor;  /* the peers' rate taken as at least */
    unsigned unskilled_min_searches;
    double unskilled_search_factor; /* searches a view over the peers' */
    double unskilled_search_errors; /* ...with errors this times the peers' */
    double effort_active_share;     /* active days over weekdays, at most */
    double effort_rare_share;       /* ...at most this: effort by itself */
    unsigned effort_deadline_days;  /* the last weekdays of a month */
    double effort_deadline_share;   /* of writes on them: batched */
    double effort_deadline_active_share; /* of active days, without writes */
    double effort_trend;                 /* second half over first, at most */
    double effort_decline_from; /* first-half active days over the peers' */
    double effort_day_trend;    /* second-half active days over first */
    double effort_bulk_factor;  /* writes per view over the peers' */
    double effort_bulk_deadline_share; /* of writes on deadlines, in bulk */
    unsigned effort_min_first_half;    /* events, for the trend to count */
    double effort_visit_trend; /* 2nd-half work a day over 1st, at most */
    double effort_visit_most;  /* ...under this, for any fall to count */
    double workday_share;      /* of the median weekday's users: a day worked */
    unsigned effort_fall_days; /* working days at the end, at least */
    unsigned effort_fall_before_days; /* ...after at least this many */
    double effort_fall_active;        /* of them active, at most */
    double effort_fall_work;   /* their work a day over that before, at most */
    double effort_fall_before; /* of the days before active, at least */
    double effort_fall_level;  /* work a day before over the peers', least */
    double effort_fall_peers;  /* peers' active share of the last days, least */
    double effort_rush_presence; /* of the deadline days active, at least */
    double effort_rush_factor;   /* ...times the other weekdays' share */
    unsigned mgmt_min_writes;
    unsigned mgmt_max_reads; /* reports, dashboards, searches at most */
    double mgmt_read_share;  /* ...or at most this share of the writes */
    unsigned distrust_min_exports;
    double distrust_export_factor; /* times the peer median (at least 1) */
    unsigned distrust_min_imports;
    double distrust_write_share; /* writes a view under this share of peers' */
    /* of the causes that hold, the earliest within this of the best
     * score is given: 0, the best; 0.5 or more, the earliest */
    double cause_margin;
};

void upt_thresholds_default(struct upt_thresholds *t);

/* The tasks a role is expected to do every week (bit 1 << category, of
 * create, update, report and search), from a --config expect line. */
struct upt_expectation {
    const char *role; /* compared without regard to case */
    unsigned tasks;
};

/* The tasks the built-in table expects of ROLE (matched on words of its
 * name: "Sales Rep", "Account Manager"...), or 0 when it names none. */
unsigned upt_diagnose_role_tasks(const char *role);

struct upt_diagnose_opts {
    int64_t as_of_day; /* INT64_MIN: the day of the last event seen */
    int window_days;
    int grace_days;
    struct upt_thresholds t;
    /* a role's expected tasks; without one for a role, the built-in
     * table, then what its peers do weekly. Lent: must outlive the run */
    const struct upt_expectation *expect;
    size_t nexpect;
};

/* One user's line of the report. Strings are lent by the diagnosis. */
struct upt_verdict {
    const char *user, *name, *role, *team;
    enum upt_verdict_status status;
    enum upt_cause cause;
    double confidence;
    int64_t first_ms, last_ms; /* INT64_MIN when never seen */
    uint32_t active_days, sessions;
    uint32_t count[UPT_CAT_COUNT]; /* in the window */
    uint32_t errors;               /* error events and failed actions */
    double trend;                  /* < 0: no activity in the first half */
    /* time to first value, for a user the roster says was created inside
     * the window: days from creation to the first day they did a task
     * their role expects; UPT_FIRST_VALUE_NOT_YET, or _NONE (created
     * before the window, no date, a service or departed) */
    int32_t first_value_days;
    char evidence[256];
};

#define UPT_FIRST_VALUE_NONE (-1)
#define UPT_FIRST_VALUE_NOT_YET (-2)

struct upt_diagnosis; /* opaque */

/* Judges every user of PROFILE and of ROSTER (may be NULL) over the window
 * OPTS sets. PROFILE and ROSTER must outlive the diagnosis. NULL when out of
 * memory. */
struct upt_diagnosis *upt_diagnose(const struct upt_profile *profile,
                                   const struct upt_roster *roster,
                                   const struct upt_diagnose_opts *opts);
void upt_diagnosis_free(struct upt_diagnosis *d);

/* The verdicts, ordered by user id. */
size_t upt_diagnosis_count(const struct upt_diagnosis *d);
const struct upt_verdict *upt_diagnosis_get(const struct upt_diagnosis *d,
                                            size_t i);

/* The window judged, as day numbers (first and last day, inclusive);
 * both INT64_MIN when there was no event and no --as-of. */
void upt_diagnosis_window(const struct upt_diagnosis *d, int64_t *first,
                          int64_t *last);

/* The categories the input could show (bit 1 << category). */
unsigned upt_diagnosis_coverage(const struct upt_diagnosis *d);

/* Events read more than once and counted once. */
uint64_t upt_diagnosis_duplicates(const struct upt_diagnosis *d);

/* One user's verdict taken apart, for `uptake explain`. */
struct upt_explained {
    const struct upt_verdict *verdict; /* lent by the diagnosis */
    bool judged;                       /* not new, departed or a service */
    unsigned coverage;                 /* what the user's formats can show */
    uint32_t actions, writes, reads;
    char active[64]; /* "11 of 20 weekdays", "14 days, 10 of 20 weekdays" */
    /* the halves of the trend: active days, events, and tasks (views,
     * writes, reads, exports, imports) in each; active days in each of
     * the last two weeks; and the deadline days (the last weekdays of a
     * month) the window holds, how many the user was active on and the
     * writes made on them */
    uint32_t half_days[2], half_active[2], half_events[2], half_work[2];
    uint32_t late_active[2];
    uint32_t deadline_days, deadline_active, deadline_writes;
    unsigned deadline_span; /* the last this many weekdays of a month */
    /* the days the org worked in the window, the fall that lasts to the
     * end of it (zeros when none), and the peers' median tasks a working
     * day; where the input shows no views, the fall counts active days
     * (FALL_BY_DAYS) and the peers' figure is their median active days a
     * working day */
    uint32_t workdays;
    struct upt_fall fall;
    bool fall_by_days;
    double peer_work_day;
    /* the tasks the role expects (bit 1 << category) and those of them
     * the user never does, and where they come from: "an expect line",
     * "the built-in roles", "what the peers do weekly" */
    unsigned role_tasks, role_tasks_missed;
    const char *role_tasks_from;
    const char *peer_label; /* "role" or "org" */
    size_t peer_members;
    double peer_active_days, peer_writes, peer_exports, peer_errors,
        peer_reports;
    enum upt_cause given; /* of the scores below */
    double hold, margin;  /* a cause holds at this score; cause_margin */
    struct {
        bool shown;   /* the input can show what its rule needs */
        bool holds;   /* its score reaches hold */
        double score; /* 0 to 0.99: under hold, how near the user came */
        enum upt_verdict_status status; /* the one it gives, if it holds */
        char evidence[256];   /* its reasons: the figures, met or not */
    } cause[UPT_CAUSE_COUNT]; /* by cause; [UPT_CAUSE_NONE] unused */
};

/* Fills OUT for the user written USER in the report: the figures, the
 * peers, and each cause's rule tried alone (for an active, judged user).
 * Returns 0, or -1 when no such user. */
int upt_diagnosis_explain(const struct upt_diagnosis *d, const char *user,
                          struct upt_explained *out);

const char *upt_verdict_status_name(enum upt_verdict_status s);
const char *upt_cause_name(enum upt_cause c);   /* "-" for none */
const char *upt_cause_remedy(enum upt_cause c); /* "-" for none */
/* The kind of training: "end-user", "stakeholder", "technical", "-". */
const char *upt_cause_training(enum upt_cause c);

/* Whether a status is one uptake flags (at-risk, not-adopting, inactive). */
bool upt_verdict_flagged(const struct upt_verdict *v);

#endif
