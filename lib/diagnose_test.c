/* diagnose_test.c - unit tests of statuses, causes, thresholds and evidence */
#include "diagnose.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "check.h"
#include "timestamp.h"

/* Every event these tests add is a distinct one: a key of its own keeps
 * the profile's duplicate check (tested in profile_test.c) out of them. */
static enum upt_status add_distinct(struct upt_profile *p,
                                    const struct upt_event *ev)
{
    static unsigned long serial;
    char key[32];
    struct upt_event e = *ev;
    snprintf(key, sizeof(key), "t%lu", ++serial);
    e.key = key;
    return upt_profile_add_event(p, &e);
}

/* The window judged: Monday 2024-03-04 (day 0) to Sunday 2024-03-31 (day
 * 27), 20 weekdays. Weekdays and the halves of the trend count from the
 * first day the logs reach: a test whose events all fall on day 27 has a
 * one-day log, no first half and so no trend. */
#define FIRST INT64_C(19786)
#define LAST (FIRST + 27)
#define ALL ((1u << UPT_CAT_COUNT) - 1)
#define BIT(cat) (1u << (cat))

static char dir[64];

/* N events of CAT for USER on day FIRST + DAY, at noon. */
static void put(struct upt_profile *p, const char *user, int day,
                enum upt_category cat, int n)
{
    for (int i = 0; i < n; i++) {
        struct upt_event ev = {.time_ms = (FIRST + day) * UPT_MS_PER_DAY +
                                          43200000 + i,
                               .user = user,
                               .user_len = strlen(user),
                               .user_name = "",
                               .category = cat,
                               .session = "",
                               .object = "",
                               .type = "T",
                               .detail = ""};
        CHECK(add_distinct(p, &ev) == UPT_OK);
    }
}

/* One event of CAT for USER on each of the days FROM to TO that is a
 * weekday (FIRST is a Monday). */
static void weekdays_of(struct upt_profile *p, const char *user, int from,
                        int to, enum upt_category cat)
{
    for (int d = from; d <= to; d++)
        if (d % 7 < 5)
            put(p, user, d, cat, 1);
}

/* Peers p1 to p3, each with one event of CAT on every weekday. */
static void steady_peers(struct upt_profile *p, enum upt_category cat)
{
    weekdays_of(p, "p1", 0, 27, cat);
    weekdays_of(p, "p2", 0, 27, cat);
    weekdays_of(p, "p3", 0, 27, cat);
}

static struct upt_profile *profile_new(unsigned coverage)
{
    struct upt_profile *p = upt_profile_new();
    upt_profile_add_coverage(p, NULL, coverage);
    return p;
}

static struct upt_roster *roster_of(const char *csv)
{
    char path[128];
    struct upt_diag diag = {0};
    snprintf(path, sizeof(path), "%s/roster.csv", dir);
    FILE *f = fopen(path, "w");
    fputs(csv, f);
    fclose(f);
    struct upt_roster *r = upt_roster_load(path, &diag);
    CHECK(r != NULL && diag.problems == 0);
    unlink(path);
    return r;
}

static struct upt_diagnose_opts opts_default(void)
{
    struct upt_diagnose_opts o = {
        .as_of_day = LAST, .window_days = 28, .grace_days = 14};
    upt_thresholds_default(&o.t);
    /* the thresholds these rule tests were written at, small numbers that
     * are easy to reason about; the defaults have tests of their own */
    o.t.unskilled_min_errors = 3;
    o.t.unskilled_min_help = 3;
    o.t.unskilled_peer_factor = 1e9;
    o.t.mgmt_max_reads = 0;
    o.t.distrust_min_exports = 3;
    o.t.unaware_max_work = 0;
    /* the rules as they were first written: the refinements that came
     * with measuring against uptake-sim have tests of their own below */
    o.t.unaware_task_share = 0;
    o.t.effort_rare_share = o.t.effort_active_share = 0.25;
    o.t.effort_trend = 0.50;
    o.t.effort_decline_from = 0;
    o.t.effort_day_trend = 1e9;
    o.t.mgmt_read_share = 0;
    o.t.distrust_write_share = 1e9;
    return o;
}

/* Judges P (and R) with the default options and returns the verdict of
 * USER copied into *OUT; false if there is none. */
static bool judge(const struct upt_profile *p, const struct upt_roster *r,
                  const char *user, struct upt_verdict *out)
{
    struct upt_diagnose_opts o = opts_default();
    struct upt_diagnosis *d = upt_diagnose(p, r, &o);
    bool found = false;
    CHECK(d != NULL);
    for (size_t i = 0; d && i < upt_diagnosis_count(d); i++) {
        const struct upt_verdict *v = upt_diagnosis_get(d, i);
        if (strcmp(v->user, user) == 0) {
            *out = *v;
            found = true;
        }
    }
    upt_diagnosis_free(d);
    CHECK(found);
    if (!found)
        memset(out, 0, sizeof(*out));
    return found;
}

static bool near(double a, double b) { return a - b < 1e-9 && b - a < 1e-9; }

static void roster_only_user_is_inactive_and_unaware(void)
{
    struct upt_profile *p = profile_new(ALL);
    struct upt_roster *r = roster_of("id,name\nu1,One\nr1,Roster Only\n");
    struct upt_verdict v;
    weekdays_of(p, "u1", 0, 7, UPT_CAT_VIEW); /* 6 active days */
    judge(p, r, "r1", &v);
    CHECK(v.status == UPT_VS_INACTIVE);
    CHECK(v.cause == UPT_CAUSE_UNAWARE);
    CHECK(near(v.confidence, 0.90));
    CHECK(v.first_ms == INT64_MIN && v.last_ms == INT64_MIN);
    CHECK(v.active_days == 0 && v.trend < 0);
    CHECK_STREQ(v.name, "Roster Only");
    /* org median of 6 and 0 active days */
    CHECK_STREQ(v.evidence, "on the roster, no activity in the logs; org "
                            "median 3 active days");
    CHECK(upt_verdict_flagged(&v));
    upt_roster_free(r);
    upt_profile_free(p);
}

static void user_seen_only_before_the_window_is_inactive(void)
{
    struct upt_profile *p = profile_new(ALL);
    struct upt_verdict v;
    weekdays_of(p, "u1", 0, 27, UPT_CAT_VIEW);
    put(p, "old", -30, UPT_CAT_VIEW, 4);
    judge(p, NULL, "old", &v);
    CHECK(v.status == UPT_VS_INACTIVE && v.cause == UPT_CAUSE_UNAWARE);
    CHECK(near(v.confidence, 0.75));
    CHECK(v.count[UPT_CAT_VIEW] == 0);
    CHECK(v.last_ms == (FIRST - 30) * UPT_MS_PER_DAY + 43200000 + 3);
    CHECK_STREQ(v.evidence, "no activity in 28d; org median 10 active days");
    upt_profile_free(p);
}

/* FIRST is 2024-03-04: users created on day 10 (2024-03-14), day 2, and
 * before the window. */
static void time_to_first_value_counts_days_to_a_task_of_the_role(void)
{
    struct upt_profile *p = profile_new(ALL);
    struct upt_roster *r = roster_of("id,role,created\n"
                                     "rep,Sales Rep,2024-03-14\n"
                                     "mgr,Account Manager,2024-03-06\n"
                                     "idle,Sales Rep,2024-03-14\n"
                                     "old,Sales Rep,2024-01-02\n"
                                     "odd,Juggler,2024-03-14\n");
    struct upt_verdict v;
    put(p, "rep", 11, UPT_CAT_VIEW, 3);   /* a look is not the work */
    put(p, "rep", 13, UPT_CAT_CREATE, 1); /* a sales rep creates */
    put(p, "mgr", 5, UPT_CAT_SEARCH, 1);
    put(p, "mgr", 9, UPT_CAT_REPORT, 1); /* an account manager reports */
    put(p, "idle", 12, UPT_CAT_VIEW, 2);
    put(p, "old", 3, UPT_CAT_CREATE, 1);
    put(p, "odd", 16, UPT_CAT_UPDATE, 1); /* no tasks known: a write */
    judge(p, r, "rep", &v);
    CHECK(v.first_value_days == 3);
    judge(p, r, "mgr", &v);
    CHECK(v.first_value_days == 7);
    judge(p, r, "idle", &v);
    CHECK(v.first_value_days == UPT_FIRST_VALUE_NOT_YET);
    judge(p, r, "old", &v);
    CHECK(v.first_value_days == UPT_FIRST_VALUE_NONE);
    judge(p, r, "odd", &v);
    CHECK(v.first_value_days == 6);
    upt_roster_free(r);
    upt_profile_free(p);
}

static void user_created_inside_the_grace_period_is_new(void)
{
    struct upt_profile *p = profile_new(ALL);
    struct upt_roster *r = roster_of("id,created\n"
                                     "n1,2024-03-18\n" /* LAST - 13 */
                                     "n2,2024-03-17\n" /* LAST - 14 */
                                     "n3,2024-03-18\n");
    struct upt_verdict v;
    put(p, "n3", 20, UPT_CAT_VIEW, 2);
    judge(p, r, "n1", &v);
    CHECK(v.status == UPT_VS_NEW && v.cause == UPT_CAUSE_NONE);
    CHECK_STREQ(v.evidence, "created 2024-03-18, inside the 14d grace "
                            "period; 0 active days so far in 28d");
    CHECK(!upt_verdict_flagged(&v));
    judge(p, r, "n2", &v);
    CHECK(v.status == UPT_VS_INACTIVE);
    judge(p, r, "n3", &v);
    CHECK(v.status == UPT_VS_NEW);
    CHECK_STREQ(v.evidence, "created 2024-03-18, inside the 14d grace "
                            "period; 1 active days so far in 28d");
    upt_roster_free(r);
    upt_profile_free(p);
}

static void user_inactive_in_the_roster_has_departed(void)
{
    struct upt_profile *p = profile_new(ALL);
    struct upt_roster *r = roster_of("id,active\ngone,false\nidle,false\n");
    struct upt_verdict v;
    put(p, "gone", 3, UPT_CAT_LOGIN, 5); /* logins only: unaware otherwise */
    judge(p, r, "gone", &v);
    CHECK(v.status == UPT_VS_DEPARTED && v.cause == UPT_CAUSE_NONE);
    CHECK_STREQ(v.evidence, "inactive in the roster");
    CHECK(!upt_verdict_flagged(&v));
    judge(p, r, "idle", &v);
    CHECK(v.status == UPT_VS_DEPARTED);
    upt_roster_free(r);
    upt_profile_free(p);
}

static void identity_marked_automated_is_a_service(void)
{
    struct upt_profile *p = profile_new(ALL);
    struct upt_roster *r = roster_of("id,active\nbot,false\n");
    struct upt_event ev = {.time_ms = (FIRST + 2) * UPT_MS_PER_DAY,
                           .user = "bot",
                           .user_len = 3,
                           .category = UPT_CAT_API,
                           .service = true};
    struct upt_verdict v;
    add_distinct(p, &ev);
    judge(p, r, "bot", &v);
    CHECK(v.status == UPT_VS_SERVICE && v.cause == UPT_CAUSE_NONE);
    CHECK_STREQ(
        v.evidence,
        "the log marks this identity as automated, guest or integration");
    CHECK(!upt_verdict_flagged(&v));
    upt_roster_free(r);
    upt_profile_free(p);
}

static void steady_user_is_adopting(void)
{
    struct upt_profile *p = profile_new(ALL);
    struct upt_verdict v;
    weekdays_of(p, "u1", 0, 27, UPT_CAT_VIEW);
    put(p, "u1", 0, UPT_CAT_CREATE, 1);
    put(p, "u1", 7, UPT_CAT_UPDATE, 1);
    put(p, "u1", 15, UPT_CAT_SEARCH, 2);
    put(p, "u1", 21, UPT_CAT_REPORT, 1);
    judge(p, NULL, "u1", &v);
    CHECK(v.status == UPT_VS_ADOPTING && v.cause == UPT_CAUSE_NONE);
    CHECK(v.active_days == 20);
    CHECK(v.count[UPT_CAT_VIEW] == 20 && v.count[UPT_CAT_SEARCH] == 2);
    CHECK_STREQ(v.evidence,
                "active 20 of 20 weekdays; 2 writes, 3 reads, 20 views in 28d");
    CHECK(!upt_verdict_flagged(&v));
    upt_profile_free(p);
}

static void logins_without_work_are_unaware(void)
{
    struct upt_profile *p = profile_new(ALL);
    struct upt_verdict v;
    put(p, "u3", 14, UPT_CAT_LOGIN, 1);
    put(p, "u3", 15, UPT_CAT_LOGIN, 1);
    put(p, "u3", 16, UPT_CAT_LOGIN, 1);
    put(p, "u3", 16, UPT_CAT_LOGOUT, 1);
    put(p, "u2", 14, UPT_CAT_LOGIN, 2);
    judge(p, NULL, "u3", &v);
    CHECK(v.status == UPT_VS_NOT_ADOPTING && v.cause == UPT_CAUSE_UNAWARE);
    CHECK(near(v.confidence, 0.85));
    CHECK_STREQ(v.evidence, "3 logins but no views, searches or writes in 28d");
    judge(p, NULL, "u2", &v);
    CHECK(v.cause == UPT_CAUSE_UNAWARE && near(v.confidence, 0.70));
    CHECK_STREQ(v.evidence,
                "2 logins but no views, searches or writes in 28d; also effort "
                "(0.65)");
    upt_profile_free(p);
}

static void one_view_is_enough_not_to_be_unaware(void)
{
    struct upt_profile *p = profile_new(ALL);
    struct upt_verdict v;
    put(p, "u1", 14, UPT_CAT_LOGIN, 3);
    put(p, "u1", 15, UPT_CAT_VIEW, 1);
    judge(p, NULL, "u1", &v);
    CHECK(v.cause == UPT_CAUSE_NONE && v.status == UPT_VS_ADOPTING);
    upt_profile_free(p);
}

/* Three logins of U, in input that covers COVERAGE. */
static struct upt_profile *logins_only(unsigned coverage)
{
    struct upt_profile *p = profile_new(coverage);
    put(p, "u1", 14, UPT_CAT_LOGIN, 1);
    put(p, "u1", 15, UPT_CAT_LOGIN, 1);
    put(p, "u1", 16, UPT_CAT_LOGIN, 1);
    return p;
}

static void unaware_needs_input_that_can_show_views_and_writes(void)
{
    const unsigned base = BIT(UPT_CAT_LOGIN) | BIT(UPT_CAT_LOGOUT);
    struct upt_profile *p;
    struct upt_verdict v;

    p = logins_only(base | BIT(UPT_CAT_OTHER));
    judge(p, NULL, "u1", &v);
    CHECK(v.cause == UPT_CAUSE_NONE && v.status == UPT_VS_ADOPTING);
    CHECK_STREQ(v.evidence, "active 3 of 10 weekdays in 28d; the input holds "
                            "no work events, only sessions");
    upt_profile_free(p);

    p = logins_only(base | BIT(UPT_CAT_VIEW)); /* views but no writes */
    judge(p, NULL, "u1", &v);
    CHECK(v.cause == UPT_CAUSE_NONE);
    upt_profile_free(p);

    p = logins_only(base | BIT(UPT_CAT_CREATE)); /* writes but no views */
    judge(p, NULL, "u1", &v);
    CHECK(v.cause == UPT_CAUSE_NONE);
    upt_profile_free(p);

    p = logins_only(base | BIT(UPT_CAT_VIEW) | BIT(UPT_CAT_UPDATE));
    judge(p, NULL, "u1", &v);
    CHECK(v.cause == UPT_CAUSE_UNAWARE);
    upt_profile_free(p);
}

static void error_share_at_the_threshold_is_unskilled(void)
{
    struct upt_profile *p = profile_new(ALL);
    struct upt_verdict v;
    put(p, "u1", 14, UPT_CAT_ERROR, 3);
    put(p, "u1", 15, UPT_CAT_VIEW, 12);
    judge(p, NULL, "u1", &v);
    CHECK(v.status == UPT_VS_AT_RISK && v.cause == UPT_CAUSE_UNSKILLED);
    CHECK(v.errors == 3);
    CHECK(near(v.confidence, 0.70));
    CHECK_STREQ(v.evidence,
                "3 errors in 15 actions (20.0%), org median 20.0%; 0 help "
                "pages; also effort (0.99)");
    upt_profile_free(p);
}

static void error_share_just_below_the_threshold_is_not_unskilled(void)
{
    struct upt_profile *p = profile_new(ALL);
    struct upt_verdict v;
    put(p, "u1", 27, UPT_CAT_ERROR, 3);
    put(p, "u1", 27, UPT_CAT_VIEW, 13);
    put(p, "u2", 27, UPT_CAT_ERROR, 2); /* a fifth, but fewer than 3 */
    put(p, "u2", 27, UPT_CAT_VIEW, 8);
    judge(p, NULL, "u1", &v);
    CHECK(v.cause == UPT_CAUSE_NONE && v.status == UPT_VS_ADOPTING);
    judge(p, NULL, "u2", &v);
    CHECK(v.cause == UPT_CAUSE_NONE && v.status == UPT_VS_ADOPTING);
    upt_profile_free(p);
}

static void failed_actions_count_as_errors(void)
{
    struct upt_profile *p = profile_new(ALL);
    struct upt_event ev = {.time_ms = (FIRST + 15) * UPT_MS_PER_DAY,
                           .user = "u1",
                           .user_len = 2,
                           .category = UPT_CAT_UPDATE,
                           .outcome = UPT_OUTCOME_FAILED};
    struct upt_verdict v;
    for (int i = 0; i < 3; i++)
        add_distinct(p, &ev);
    put(p, "u1", 16, UPT_CAT_VIEW, 12);
    judge(p, NULL, "u1", &v);
    CHECK(v.errors == 3);
    CHECK(v.cause == UPT_CAUSE_UNSKILLED && v.status == UPT_VS_AT_RISK);
    upt_profile_free(p);
}

static void twice_the_error_share_is_not_adopting(void)
{
    struct upt_profile *p = profile_new(ALL);
    struct upt_verdict v;
    put(p, "u1", 14, UPT_CAT_ERROR, 6);
    put(p, "u1", 15, UPT_CAT_VIEW, 9);
    judge(p, NULL, "u1", &v);
    CHECK(v.status == UPT_VS_NOT_ADOPTING && v.cause == UPT_CAUSE_UNSKILLED);
    CHECK(near(v.confidence, 0.90));
    upt_profile_free(p);
}

static void help_share_at_the_threshold_is_unskilled(void)
{
    struct upt_profile *p = profile_new(ALL);
    struct upt_verdict v;
    put(p, "u1", 27, UPT_CAT_HELP, 3);
    put(p, "u1", 27, UPT_CAT_VIEW, 17);
    put(p, "u2", 27, UPT_CAT_HELP, 3);
    put(p, "u2", 27, UPT_CAT_VIEW, 18);
    judge(p, NULL, "u1", &v);
    CHECK(v.status == UPT_VS_AT_RISK && v.cause == UPT_CAUSE_UNSKILLED);
    CHECK(near(v.confidence, 0.65));
    CHECK_STREQ(v.evidence,
                "0 errors in 20 actions (0.0%), org median 0.0%; 3 help "
                "pages");
    judge(p, NULL, "u2", &v);
    CHECK(v.cause == UPT_CAUSE_NONE);
    upt_profile_free(p);
}

static void errors_and_help_together_are_not_adopting(void)
{
    struct upt_profile *p = profile_new(ALL);
    struct upt_verdict v;
    put(p, "u1", 14, UPT_CAT_ERROR, 3);
    put(p, "u1", 14, UPT_CAT_HELP, 3);
    put(p, "u1", 15, UPT_CAT_VIEW, 9);
    judge(p, NULL, "u1", &v);
    CHECK(v.status == UPT_VS_NOT_ADOPTING && v.cause == UPT_CAUSE_UNSKILLED);
    upt_profile_free(p);
}

static void unskilled_needs_input_that_can_show_errors_or_help(void)
{
    struct upt_profile *p = profile_new(ALL & ~BIT(UPT_CAT_ERROR));
    struct upt_verdict v;
    put(p, "u1", 14, UPT_CAT_ERROR, 3);
    put(p, "u1", 15, UPT_CAT_VIEW, 12);
    judge(p, NULL, "u1", &v);
    CHECK(v.cause != UPT_CAUSE_UNSKILLED);
    upt_profile_free(p);

    p = profile_new(ALL & ~BIT(UPT_CAT_HELP));
    put(p, "u1", 14, UPT_CAT_HELP, 3);
    put(p, "u1", 15, UPT_CAT_VIEW, 17);
    judge(p, NULL, "u1", &v);
    CHECK(v.cause != UPT_CAUSE_UNSKILLED);
    upt_profile_free(p);
}

/* Three users active every weekday, and U active on K weekdays spread
 * over the window's 20 (weekday i * 20 / K for i < K), so that the rule
 * sees no fall to the end of it. */
static struct upt_profile *sporadic_case(int k)
{
    struct upt_profile *p = profile_new(ALL);
    steady_peers(p, UPT_CAT_VIEW);
    for (int i = 0; i < k; i++) {
        int w = i * 20 / k;
        put(p, "u", w / 5 * 7 + w % 5, UPT_CAT_VIEW, 1);
    }
    return p;
}

static void active_share_at_the_threshold_is_effort(void)
{
    struct upt_profile *p = sporadic_case(5);
    struct upt_verdict v;
    judge(p, NULL, "u", &v);
    CHECK(v.status == UPT_VS_AT_RISK && v.cause == UPT_CAUSE_EFFORT);
    CHECK(near(v.confidence, 0.50));
    CHECK_STREQ(v.evidence, "active 5 of 20 weekdays, org median 20; 0 "
                            "writes, org median 0; trend 0.67");
    upt_profile_free(p);
}

static void active_share_just_past_the_threshold_is_not_effort(void)
{
    struct upt_profile *p = sporadic_case(6);
    struct upt_verdict v;
    judge(p, NULL, "u", &v);
    CHECK(v.cause == UPT_CAUSE_NONE && v.status == UPT_VS_ADOPTING);
    upt_profile_free(p);
}

static void fall_to_half_the_first_half_is_effort(void)
{
    struct upt_profile *p = profile_new(ALL);
    struct upt_verdict v;
    for (int d = 0; d < 5; d++)
        put(p, "u", d, UPT_CAT_VIEW, 2); /* 10 in the first half */
    for (int d = 14; d < 19; d++)
        put(p, "u", d, UPT_CAT_VIEW, 1); /* 5 in the second */
    judge(p, NULL, "u", &v);
    CHECK(v.status == UPT_VS_AT_RISK && v.cause == UPT_CAUSE_EFFORT);
    CHECK(near(v.trend, 0.5));
    CHECK_STREQ(v.evidence, "activity fell to 0.50 of the first half (10 then "
                            "5 events); active 10 of 20 weekdays");
    put(p, "u", 19, UPT_CAT_VIEW, 1); /* 6 of 10: past the threshold */
    judge(p, NULL, "u", &v);
    CHECK(v.cause == UPT_CAUSE_NONE);
    upt_profile_free(p);
}

static void a_fall_from_few_events_is_not_effort(void)
{
    struct upt_profile *p = profile_new(ALL);
    struct upt_verdict v;
    for (int d = 0; d < 3; d++)
        put(p, "u", d, UPT_CAT_VIEW, 3); /* 9 in the first half */
    judge(p, NULL, "u", &v);
    CHECK(near(v.trend, 0.0));
    CHECK(v.cause == UPT_CAUSE_NONE);
    upt_profile_free(p);
}

static void sporadic_and_declining_is_not_adopting(void)
{
    struct upt_profile *p = sporadic_case(0);
    struct upt_verdict v;
    for (int d = 0; d < 5; d++)
        put(p, "u", d, UPT_CAT_VIEW, d == 0 ? 8 : 1); /* 12 events, 5 days */
    judge(p, NULL, "u", &v);
    CHECK(v.status == UPT_VS_NOT_ADOPTING && v.cause == UPT_CAUSE_EFFORT);
    CHECK(near(v.confidence, 0.99));
    upt_profile_free(p);
}

/* Three "Ops" users active every weekday; "Sales" users active 5 days. */
static void role_peers_replace_org_peers_from_three_members(void)
{
    struct upt_roster *three =
        roster_of("id,role\no1,Ops\no2,Ops\no3,Ops\ns1,Sales\ns2,Sales\n"
                  "s3,Sales\n");
    struct upt_roster *two =
        roster_of("id,role\no1,Ops\no2,Ops\no3,Ops\ns1,Sales\ns2,Sales\n");
    struct upt_profile *p = profile_new(ALL);
    struct upt_verdict v;
    weekdays_of(p, "o1", 0, 27, UPT_CAT_VIEW);
    weekdays_of(p, "o2", 0, 27, UPT_CAT_VIEW);
    weekdays_of(p, "o3", 0, 27, UPT_CAT_VIEW);
    weekdays_of(p, "s1", 0, 4, UPT_CAT_VIEW);
    weekdays_of(p, "s2", 0, 4, UPT_CAT_VIEW);
    weekdays_of(p, "s3", 0, 4, UPT_CAT_VIEW);
    judge(p, three, "s1", &v);
    CHECK(v.cause == UPT_CAUSE_NONE && v.status == UPT_VS_ADOPTING);
    CHECK_STREQ(v.role, "Sales");
    upt_profile_free(p);

    p = profile_new(ALL);
    weekdays_of(p, "o1", 0, 27, UPT_CAT_VIEW);
    weekdays_of(p, "o2", 0, 27, UPT_CAT_VIEW);
    weekdays_of(p, "o3", 0, 27, UPT_CAT_VIEW);
    weekdays_of(p, "s1", 0, 4, UPT_CAT_VIEW);
    weekdays_of(p, "s2", 0, 4, UPT_CAT_VIEW);
    judge(p, two, "s1", &v);
    CHECK(v.cause == UPT_CAUSE_EFFORT);
    CHECK_STREQ(v.evidence, "active 5 of 20 weekdays, org median 20; 0 "
                            "writes, org median 0; trend 0.00");
    upt_profile_free(p);
    upt_roster_free(three);
    upt_roster_free(two);
}

static void role_label_names_role_peers_in_evidence(void)
{
    /* Sales: three members, one of them far below the other two */
    struct upt_roster *r =
        roster_of("id,role\ns1,Sales\ns2,Sales\ns3,Sales\no1,Ops\n");
    struct upt_profile *p = profile_new(ALL);
    struct upt_verdict v;
    weekdays_of(p, "s1", 0, 27, UPT_CAT_VIEW);
    weekdays_of(p, "s2", 0, 27, UPT_CAT_VIEW);
    weekdays_of(p, "s3", 0, 4, UPT_CAT_VIEW);
    weekdays_of(p, "o1", 0, 4, UPT_CAT_VIEW);
    judge(p, r, "s3", &v);
    CHECK(v.cause == UPT_CAUSE_EFFORT);
    CHECK_STREQ(v.evidence, "active 5 of 20 weekdays, role median 20; 0 "
                            "writes, role median 0; trend 0.00");
    /* Ops has one member: its peers are the org, median 12.5 */
    judge(p, r, "o1", &v);
    CHECK(v.cause == UPT_CAUSE_EFFORT);
    CHECK(strstr(v.evidence, ", org median 12") != NULL);
    upt_profile_free(p);
    upt_roster_free(r);
}

static void writes_without_reads_at_the_threshold_are_mgmt_only(void)
{
    struct upt_profile *p = profile_new(ALL);
    struct upt_verdict v;
    put(p, "u", 27, UPT_CAT_CREATE, 3);
    put(p, "u", 27, UPT_CAT_UPDATE, 2);
    judge(p, NULL, "u", &v);
    CHECK(v.status == UPT_VS_AT_RISK && v.cause == UPT_CAUSE_MGMT_ONLY);
    CHECK(near(v.confidence, 0.60));
    CHECK_STREQ(v.evidence, "5 writes but no reports, dashboards or searches "
                            "in 28d; org median 0 reports");
    upt_profile_free(p);
}

static void fewer_writes_or_any_read_is_not_mgmt_only(void)
{
    struct upt_profile *p = profile_new(ALL);
    struct upt_verdict v;
    put(p, "four", 27, UPT_CAT_CREATE, 4);
    put(p, "read", 27, UPT_CAT_CREATE, 5);
    put(p, "read", 27, UPT_CAT_SEARCH, 1);
    judge(p, NULL, "four", &v);
    CHECK(v.cause == UPT_CAUSE_NONE);
    judge(p, NULL, "read", &v);
    CHECK(v.cause == UPT_CAUSE_NONE);
    upt_profile_free(p);
}

static void four_times_the_writes_is_not_adopting(void)
{
    struct upt_profile *p = profile_new(ALL);
    struct upt_verdict v;
    put(p, "u", 27, UPT_CAT_UPDATE, 19);
    put(p, "u2", 27, UPT_CAT_UPDATE, 20);
    judge(p, NULL, "u", &v);
    CHECK(v.status == UPT_VS_AT_RISK && v.cause == UPT_CAUSE_MGMT_ONLY);
    judge(p, NULL, "u2", &v);
    CHECK(v.status == UPT_VS_NOT_ADOPTING && v.cause == UPT_CAUSE_MGMT_ONLY);
    CHECK(near(v.confidence, 0.90));
    upt_profile_free(p);
}

static void mgmt_only_needs_input_that_can_show_reads(void)
{
    struct upt_profile *p = profile_new(ALL & ~BIT(UPT_CAT_SEARCH));
    struct upt_verdict v;
    put(p, "u", 27, UPT_CAT_CREATE, 5);
    judge(p, NULL, "u", &v);
    CHECK(v.cause == UPT_CAUSE_NONE);
    upt_profile_free(p);
}

/* U and two peers view on days 21-25; on day 27 U exports N times and
 * writes W times. */
static struct upt_profile *export_case(unsigned coverage, int n, int w)
{
    struct upt_profile *p = profile_new(coverage);
    weekdays_of(p, "p1", 21, 25, UPT_CAT_VIEW);
    weekdays_of(p, "p2", 21, 25, UPT_CAT_VIEW);
    weekdays_of(p, "u", 21, 25, UPT_CAT_VIEW);
    put(p, "u", 27, UPT_CAT_EXPORT, n);
    put(p, "u", 27, UPT_CAT_UPDATE, w);
    return p;
}

static void exports_at_the_threshold_are_distrust(void)
{
    struct upt_profile *p = export_case(ALL, 3, 0);
    struct upt_verdict v;
    judge(p, NULL, "u", &v);
    CHECK(v.status == UPT_VS_NOT_ADOPTING && v.cause == UPT_CAUSE_DISTRUST);
    CHECK(near(v.confidence, 0.80));
    CHECK_STREQ(v.evidence, "3 exports vs org median 0; 0 imports; 5 views, "
                            "0 writes (org median 0) in 28d");
    upt_profile_free(p);

    p = export_case(ALL, 3, 1); /* a write: weaker */
    judge(p, NULL, "u", &v);
    CHECK(v.status == UPT_VS_AT_RISK && v.cause == UPT_CAUSE_DISTRUST);
    CHECK_STREQ(v.evidence, "3 exports vs org median 0; 0 imports; 5 views, "
                            "1 writes (org median 0) in 28d");
    upt_profile_free(p);

    p = export_case(ALL, 2, 0);
    judge(p, NULL, "u", &v);
    CHECK(v.cause == UPT_CAUSE_NONE);
    upt_profile_free(p);
}

static void exports_are_judged_against_the_peer_median(void)
{
    for (int n = 5; n <= 6; n++) {
        struct upt_profile *p = export_case(ALL, n, 1);
        struct upt_verdict v;
        put(p, "p1", 27, UPT_CAT_EXPORT, 2);
        put(p, "p2", 27, UPT_CAT_EXPORT, 2);
        weekdays_of(p, "p3", 21, 25, UPT_CAT_VIEW);
        put(p, "p3", 27, UPT_CAT_EXPORT, 2);
        judge(p, NULL, "u", &v);
        if (n == 5) {
            CHECK(v.cause == UPT_CAUSE_NONE);
        } else {
            CHECK(v.cause == UPT_CAUSE_DISTRUST && v.status == UPT_VS_AT_RISK);
            CHECK_STREQ(v.evidence, "6 exports vs org median 2; 0 imports; 5 "
                                    "views, 1 writes (org median 0) in 28d");
        }
        upt_profile_free(p);
    }
}

static void imports_at_the_threshold_are_distrust(void)
{
    struct upt_profile *p = profile_new(ALL);
    struct upt_verdict v;
    weekdays_of(p, "u", 21, 25, UPT_CAT_VIEW);
    put(p, "u", 27, UPT_CAT_IMPORT, 3);
    weekdays_of(p, "u2", 21, 25, UPT_CAT_VIEW);
    put(p, "u2", 27, UPT_CAT_IMPORT, 2);
    weekdays_of(p, "p1", 21, 25, UPT_CAT_VIEW); /* peers who never import */
    weekdays_of(p, "p2", 21, 25, UPT_CAT_VIEW);
    judge(p, NULL, "u", &v);
    CHECK(v.status == UPT_VS_AT_RISK && v.cause == UPT_CAUSE_DISTRUST);
    CHECK(near(v.confidence, 0.65));
    CHECK_STREQ(v.evidence, "0 exports vs org median 0; 3 imports; 5 views, "
                            "0 writes (org median 0) in 28d");
    judge(p, NULL, "u2", &v);
    CHECK(v.cause == UPT_CAUSE_NONE);
    upt_profile_free(p);
}

static void distrust_needs_input_that_can_show_exports_or_imports(void)
{
    struct upt_profile *p = export_case(ALL & ~BIT(UPT_CAT_EXPORT), 3, 0);
    struct upt_verdict v;
    judge(p, NULL, "u", &v);
    CHECK(v.cause == UPT_CAUSE_NONE);
    upt_profile_free(p);

    p = profile_new(ALL & ~BIT(UPT_CAT_IMPORT));
    weekdays_of(p, "u", 21, 25, UPT_CAT_VIEW);
    put(p, "u", 27, UPT_CAT_IMPORT, 3);
    judge(p, NULL, "u", &v);
    CHECK(v.cause == UPT_CAUSE_NONE);
    upt_profile_free(p);
}

static void earlier_cause_wins_over_later_ones(void)
{
    struct upt_profile *p = profile_new(ALL);
    struct upt_verdict v;
    /* errors and writes without reads: unskilled comes first */
    put(p, "u", 27, UPT_CAT_ERROR, 3);
    put(p, "u", 27, UPT_CAT_CREATE, 5);
    put(p, "u", 27, UPT_CAT_EXPORT, 3);
    judge(p, NULL, "u", &v);
    CHECK(v.cause == UPT_CAUSE_UNSKILLED);
    upt_profile_free(p);
}

static void events_outside_the_window_are_not_counted(void)
{
    struct upt_profile *p = profile_new(ALL);
    struct upt_diagnose_opts o = opts_default();
    put(p, "u", -40, UPT_CAT_VIEW, 10);
    put(p, "u", -1, UPT_CAT_VIEW, 3);
    put(p, "u", 0, UPT_CAT_VIEW, 1);
    put(p, "u", 27, UPT_CAT_VIEW, 2);
    put(p, "u", 28, UPT_CAT_VIEW, 5); /* after as_of */
    struct upt_diagnosis *d = upt_diagnose(p, NULL, &o);
    const struct upt_verdict *v = upt_diagnosis_get(d, 0);
    int64_t first, last;
    upt_diagnosis_window(d, &first, &last);
    CHECK(first == FIRST && last == LAST);
    CHECK(v->count[UPT_CAT_VIEW] == 3);
    CHECK(v->active_days == 2);
    CHECK(v->first_ms == (FIRST - 40) * UPT_MS_PER_DAY + 43200000);
    CHECK(v->last_ms == (FIRST + 28) * UPT_MS_PER_DAY + 43200000 + 4);
    upt_diagnosis_free(d);

    o.as_of_day = FIRST - 1; /* only the old events are in */
    o.window_days = 7;
    d = upt_diagnose(p, NULL, &o);
    v = upt_diagnosis_get(d, 0);
    upt_diagnosis_window(d, &first, &last);
    CHECK(first == FIRST - 7 && last == FIRST - 1);
    CHECK(v->count[UPT_CAT_VIEW] == 3 && v->active_days == 1);
    upt_diagnosis_free(d);
    upt_profile_free(p);
}

static void without_as_of_the_window_ends_on_the_last_event_day(void)
{
    struct upt_profile *p = profile_new(ALL);
    struct upt_diagnose_opts o = opts_default();
    o.as_of_day = INT64_MIN;
    put(p, "u", 3, UPT_CAT_VIEW, 1);
    put(p, "u", 9, UPT_CAT_VIEW, 1);
    struct upt_diagnosis *d = upt_diagnose(p, NULL, &o);
    int64_t first, last;
    upt_diagnosis_window(d, &first, &last);
    CHECK(last == FIRST + 9 && first == FIRST + 9 - 27);
    CHECK(upt_diagnosis_coverage(d) == ALL);
    upt_diagnosis_free(d);
    upt_profile_free(p);
}

static void no_events_and_no_as_of_leave_the_window_empty(void)
{
    struct upt_profile *p = profile_new(0);
    struct upt_roster *r = roster_of("id,created\nr1,2024-03-01\nr2,\n");
    struct upt_diagnose_opts o = opts_default();
    o.as_of_day = INT64_MIN;
    struct upt_diagnosis *d = upt_diagnose(p, r, &o);
    int64_t first, last;
    upt_diagnosis_window(d, &first, &last);
    CHECK(first == INT64_MIN && last == INT64_MIN);
    CHECK(upt_diagnosis_count(d) == 2);
    CHECK(upt_diagnosis_get(d, 0)->status == UPT_VS_INACTIVE);
    CHECK(upt_diagnosis_get(d, 1)->status == UPT_VS_INACTIVE);
    upt_diagnosis_free(d);
    upt_roster_free(r);
    upt_profile_free(p);
}

static void verdicts_are_ordered_by_user_and_ids_meet_across_lengths(void)
{
    struct upt_profile *p = profile_new(ALL);
    struct upt_roster *r = roster_of("id,name,role,team\n"
                                     "005Dn000001AbCdEAA,Jo,Rep,East\n"
                                     "005Dn00000ZZZZZ,Zed,Rep,West\n"
                                     "001,Ann,Rep,East\n");
    struct upt_event ev = {.time_ms = (FIRST + 15) * UPT_MS_PER_DAY,
                           .user = "005Dn000001AbCdEAA",
                           .user_len = 15,
                           .user_name = "jo@x.com",
                           .category = UPT_CAT_VIEW};
    struct upt_diagnose_opts o = opts_default();
    add_distinct(p, &ev);
    put(p, "zz-log-only", 15, UPT_CAT_VIEW, 1);
    struct upt_diagnosis *d = upt_diagnose(p, r, &o);
    CHECK(upt_diagnosis_count(d) == 4);
    /* a user on the roster is named as the roster spells the id */
    const char *order[] = {"001", "005Dn000001AbCdEAA", "005Dn00000ZZZZZ",
                           "zz-log-only"};
    for (size_t i = 0; i < 4 && i < upt_diagnosis_count(d); i++)
        CHECK_STREQ(upt_diagnosis_get(d, i)->user, order[i]);
    const struct upt_verdict *jo = upt_diagnosis_get(d, 1);
    CHECK_STREQ(jo->name, "Jo");
    CHECK_STREQ(jo->role, "Rep");
    CHECK_STREQ(jo->team, "East");
    CHECK(jo->count[UPT_CAT_VIEW] == 1);
    CHECK(upt_diagnosis_get(d, 4) == NULL);
    upt_diagnosis_free(d);
    upt_diagnosis_free(NULL);
    upt_roster_free(r);
    upt_profile_free(p);
}

static void log_name_is_used_when_the_roster_has_none(void)
{
    struct upt_profile *p = profile_new(ALL);
    struct upt_event ev = {.time_ms = (FIRST + 15) * UPT_MS_PER_DAY,
                           .user = "u1",
                           .user_len = 2,
                           .user_name = "jo@x.com",
                           .category = UPT_CAT_VIEW};
    struct upt_verdict v;
    add_distinct(p, &ev);
    judge(p, NULL, "u1", &v);
    CHECK_STREQ(v.name, "jo@x.com");
    CHECK_STREQ(v.role, "");
    upt_profile_free(p);
}

static void logins_count_sessions_when_the_log_has_them(void)
{
    struct upt_profile *p = profile_new(ALL);
    struct upt_verdict v;
    static const char *const sessions[] = {"a", "b", "c", "a"};
    for (int i = 0; i < 4; i++) {
        struct upt_event ev = {.time_ms = (FIRST + 15) * UPT_MS_PER_DAY + i,
                               .user = "s",
                               .user_len = 1,
                               .category = UPT_CAT_VIEW,
                               .session = sessions[i]};
        add_distinct(p, &ev);
        ev.user = "l";
        add_distinct(p, &ev);
    }
    put(p, "l", 16, UPT_CAT_LOGIN, 2);
    judge(p, NULL, "s", &v);
    CHECK(v.sessions == 4);
    judge(p, NULL, "l", &v);
    CHECK(v.sessions == 2);
    upt_profile_free(p);
}

static void names_of_statuses_and_causes(void)
{
    CHECK_STREQ(upt_verdict_status_name(UPT_VS_ADOPTING), "adopting");
    CHECK_STREQ(upt_verdict_status_name(UPT_VS_AT_RISK), "at-risk");
    CHECK_STREQ(upt_verdict_status_name(UPT_VS_NOT_ADOPTING), "not-adopting");
    CHECK_STREQ(upt_verdict_status_name(UPT_VS_INACTIVE), "inactive");
    CHECK_STREQ(upt_verdict_status_name(UPT_VS_NEW), "new");
    CHECK_STREQ(upt_verdict_status_name(UPT_VS_DEPARTED), "departed");
    CHECK_STREQ(upt_verdict_status_name(UPT_VS_SERVICE), "service");
    CHECK_STREQ(upt_cause_name(UPT_CAUSE_NONE), "-");
    CHECK_STREQ(upt_cause_name(UPT_CAUSE_MGMT_ONLY), "mgmt-only");
    CHECK_STREQ(upt_cause_name(UPT_CAUSE_COUNT), "-");
    CHECK_STREQ(upt_cause_training(UPT_CAUSE_DISTRUST), "technical");
    CHECK_STREQ(upt_cause_training(UPT_CAUSE_UNAWARE), "end-user");
    CHECK_STREQ(upt_cause_training(UPT_CAUSE_MGMT_ONLY), "stakeholder");
    CHECK_STREQ(upt_cause_remedy(UPT_CAUSE_NONE), "-");
}

static void explain_tries_each_cause_alone(void)
{
    struct upt_profile *p = profile_new(ALL);
    put(p, "u3", 14, UPT_CAT_LOGIN, 1);
    put(p, "u3", 15, UPT_CAT_LOGIN, 1);
    put(p, "u3", 16, UPT_CAT_LOGIN, 1);
    put(p, "u2", 14, UPT_CAT_LOGIN, 2);
    struct upt_diagnose_opts o = opts_default();
    struct upt_diagnosis *d = upt_diagnose(p, NULL, &o);
    struct upt_explained e;
    CHECK(upt_diagnosis_explain(d, "nobody", &e) == -1);
    CHECK(upt_diagnosis_explain(d, "u2", &e) == 0);
    CHECK(e.judged && e.verdict->cause == UPT_CAUSE_UNAWARE);
    CHECK(e.cause[UPT_CAUSE_UNAWARE].shown && e.cause[UPT_CAUSE_UNAWARE].holds);
    CHECK(e.cause[UPT_CAUSE_EFFORT].holds);
    CHECK(!e.cause[UPT_CAUSE_DISTRUST].holds);
    CHECK(e.cause[UPT_CAUSE_UNAWARE].status == UPT_VS_NOT_ADOPTING);
    CHECK_STREQ(e.cause[UPT_CAUSE_UNAWARE].evidence,
                "2 logins but no views, searches or writes in 28d");
    CHECK(e.peer_members == 2 && strcmp(e.peer_label, "org") == 0);
    upt_diagnosis_free(d);
    upt_profile_free(p);
}

/* u1 errs on 20% of its actions (unskilled 0.70) on one day of the
 * window (effort 0.99): the order gives the first, the score the second,
 * and cause_margin says how far apart they may be for the order to win. */
static void the_margin_weighs_order_against_score(void)
{
    static const struct {
        double margin;
        enum upt_cause want;
    } cases[] = {{0.50, UPT_CAUSE_UNSKILLED},
                 {0.30, UPT_CAUSE_UNSKILLED},
                 {0.20, UPT_CAUSE_EFFORT},
                 {0, UPT_CAUSE_EFFORT}};
    struct upt_profile *p = profile_new(ALL);
    put(p, "u1", 14, UPT_CAT_ERROR, 3);
    put(p, "u1", 15, UPT_CAT_VIEW, 12);
    put(p, "u2", 14, UPT_CAT_EXPORT, 2);
    put(p, "u2", 15, UPT_CAT_VIEW, 12);
    for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
        struct upt_diagnose_opts o = opts_default();
        o.t.cause_margin = cases[i].margin;
        struct upt_diagnosis *d = upt_diagnose(p, NULL, &o);
        struct upt_explained e;
        CHECK(upt_diagnosis_explain(d, "u1", &e) == 0);
        CHECK(e.verdict->cause == cases[i].want && e.given == cases[i].want);
        CHECK(near(e.cause[UPT_CAUSE_UNSKILLED].score, 0.70));
        CHECK(near(e.cause[UPT_CAUSE_EFFORT].score, 0.99));
        CHECK(near(e.verdict->confidence,
                   cases[i].want == UPT_CAUSE_EFFORT ? 0.99 : 0.70));
        /* the runner-up is the other, with its score */
        CHECK(strstr(e.verdict->evidence, cases[i].want == UPT_CAUSE_EFFORT
                                              ? "; also unskilled (0.70)"
                                              : "; also effort (0.99)") !=
              NULL);
        /* a cause that does not hold says how near it came and why: 2
         * exports of the 3 the rule asks */
        CHECK(upt_diagnosis_explain(d, "u2", &e) == 0);
        CHECK(!e.cause[UPT_CAUSE_DISTRUST].holds);
        CHECK(near(e.cause[UPT_CAUSE_DISTRUST].score, 0.49 * 2 / 3));
        CHECK(strncmp(e.cause[UPT_CAUSE_DISTRUST].evidence, "2 exports vs",
                      12) == 0);
        upt_diagnosis_free(d);
    }
    upt_profile_free(p);
}

/* A log of changes alone (no logins, no views) shows the days someone
 * wrote, not the days they were there: a user who writes on two days of
 * the month is not sporadic by it, but one whose writes all fall on the
 * month's last weekdays (days 23 to 25) batches them. */
static void changes_alone_show_effort_only_by_batched_writes(void)
{
    struct upt_profile *p =
        profile_new(BIT(UPT_CAT_CREATE) | BIT(UPT_CAT_UPDATE));
    struct upt_verdict v;
    steady_peers(p, UPT_CAT_UPDATE);
    put(p, "w1", 2, UPT_CAT_UPDATE, 4);
    put(p, "w1", 9, UPT_CAT_UPDATE, 4);
    put(p, "w2", 23, UPT_CAT_UPDATE, 4);
    put(p, "w2", 24, UPT_CAT_CREATE, 4);
    judge(p, NULL, "w1", &v);
    CHECK(v.status == UPT_VS_ADOPTING && v.cause == UPT_CAUSE_NONE);
    judge(p, NULL, "w2", &v);
    CHECK(v.cause == UPT_CAUSE_EFFORT);
    CHECK(strstr(v.evidence, "100% of the writes on the last 3 weekdays") !=
          NULL);
    upt_profile_free(p);
}

static void explain_says_what_the_input_cannot_show(void)
{
    struct upt_profile *p = profile_new(1u << UPT_CAT_LOGIN);
    put(p, "u1", 14, UPT_CAT_LOGIN, 2);
    struct upt_diagnose_opts o = opts_default();
    struct upt_diagnosis *d = upt_diagnose(p, NULL, &o);
    struct upt_explained e;
    CHECK(upt_diagnosis_explain(d, "u1", &e) == 0);
    CHECK(!e.cause[UPT_CAUSE_UNAWARE].shown);
    CHECK(!e.cause[UPT_CAUSE_MGMT_ONLY].shown);
    CHECK(!e.cause[UPT_CAUSE_DISTRUST].shown);
    CHECK(e.cause[UPT_CAUSE_EFFORT].shown);
    upt_diagnosis_free(d);
    upt_profile_free(p);
}

static void defaults_are_the_documented_ones(void)
{
    struct upt_thresholds t;
    upt_thresholds_default(&t);
    CHECK(t.peer_min == 3 && t.unaware_max_work == 10 &&
          t.unaware_peer_writes == 2);
    CHECK(t.unskilled_min_errors == 3 && t.unskilled_min_help == 8 &&
          near(t.unskilled_peer_factor, 4.0) &&
          near(t.unskilled_error_share, 0.20) &&
          near(t.unskilled_help_share, 0.15));
    CHECK(near(t.unaware_task_weekly, 1.0) &&
          near(t.unaware_task_share, 0.20) &&
          near(t.unskilled_rate_floor, 0.01));
    CHECK(t.unskilled_min_searches == 10 &&
          near(t.unskilled_search_factor, 2.0) &&
          near(t.unskilled_search_errors, 1.5));
    CHECK(near(t.effort_active_share, 0.40) &&
          near(t.effort_rare_share, 0.15) && t.effort_deadline_days == 3 &&
          near(t.effort_deadline_share, 0.70) &&
          near(t.effort_deadline_active_share, 0.40) &&
          near(t.effort_trend, 0.30) && near(t.effort_decline_from, 1.0) &&
          near(t.effort_day_trend, 0.50) && near(t.effort_bulk_factor, 2.0) &&
          t.effort_min_first_half == 10);
    CHECK(near(t.effort_bulk_deadline_share, 0.40) &&
          near(t.effort_visit_trend, 0.50) && near(t.effort_visit_most, 1.0));
    CHECK(near(t.workday_share, 0.30) && t.effort_fall_days == 8 &&
          t.effort_fall_before_days == 5 && near(t.effort_fall_active, 0.25) &&
          near(t.effort_fall_work, 0.10) && near(t.effort_fall_before, 0.40) &&
          near(t.effort_fall_level, 1.0) && near(t.effort_fall_peers, 0.50));
    CHECK(near(t.effort_rush_presence, 0.50) &&
          near(t.effort_rush_factor, 3.0));
    CHECK(t.mgmt_min_writes == 5 && t.mgmt_max_reads == 2 &&
          near(t.mgmt_read_share, 0.10));
    CHECK(t.distrust_min_exports == 4 && near(t.distrust_export_factor, 3.0) &&
          t.distrust_min_imports == 3 && near(t.distrust_write_share, 0.50));
    CHECK(near(t.cause_margin, 0.50));
}

/* Judges P (and R) with O and returns the verdict of USER in *OUT. */
static bool judge_with(const struct upt_profile *p, const struct upt_roster *r,
                       const struct upt_diagnose_opts *o, const char *user,
                       struct upt_verdict *out)
{
    struct upt_diagnosis *d = upt_diagnose(p, r, o);
    bool found = false;
    for (size_t i = 0; d && i < upt_diagnosis_count(d); i++)
        if (strcmp(upt_diagnosis_get(d, i)->user, user) == 0) {
            *out = *upt_diagnosis_get(d, i);
            found = true;
        }
    upt_diagnosis_free(d);
    CHECK(found);
    return found;
}

static struct upt_diagnose_opts defaults(void)
{
    struct upt_diagnose_opts o = {
        .as_of_day = LAST, .window_days = 28, .grace_days = 14};
    upt_thresholds_default(&o.t);
    return o;
}

/* Judges with the defaults themselves. */
static bool judge_defaults(const struct upt_profile *p, const char *user,
                           struct upt_verdict *out)
{
    struct upt_diagnose_opts o = defaults();
    return judge_with(p, NULL, &o, user, out);
}

static void an_error_rate_many_times_the_peers_is_unskilled(void)
{
    struct upt_profile *p = profile_new(ALL);
    struct upt_verdict v;
    /* 12 errors among 280 views: 4.3% of actions, far under the 20% share,
     * but 12 times the peers' rate; u4 errs as often as u1 in a day four
     * times as busy: 1.1%, as anyone who does that much */
    for (int day = 0; day < 28; day++) {
        put(p, "u1", day, UPT_CAT_VIEW, 10);
        put(p, "u2", day, UPT_CAT_VIEW, 10);
        put(p, "u3", day, UPT_CAT_VIEW, 10);
        put(p, "u4", day, UPT_CAT_VIEW, 40);
    }
    put(p, "u1", 3, UPT_CAT_ERROR, 12);
    put(p, "u2", 3, UPT_CAT_ERROR, 1);
    put(p, "u3", 3, UPT_CAT_ERROR, 1);
    put(p, "u4", 3, UPT_CAT_ERROR, 12);
    judge_defaults(p, "u1", &v);
    CHECK(v.cause == UPT_CAUSE_UNSKILLED);
    CHECK_STREQ(v.evidence, "12 errors in 292 actions (4.1%), org median "
                            "0.7%; 0 help pages");
    judge_defaults(p, "u2", &v);
    CHECK(v.cause == UPT_CAUSE_NONE);
    judge_defaults(p, "u4", &v);
    CHECK(v.cause == UPT_CAUSE_NONE);
    upt_profile_free(p);
}

/* Two peers who update every third day; U1 logs in then, and glances. */
static struct upt_profile *glance_case(void)
{
    struct upt_profile *p = profile_new(ALL);
    for (int day = 0; day < 28; day += 3) {
        put(p, "w1", day, UPT_CAT_UPDATE, 1);
        put(p, "w2", day, UPT_CAT_UPDATE, 1);
        put(p, "u1", day, UPT_CAT_LOGIN, 1);
    }
    put(p, "u1", 2, UPT_CAT_VIEW, 3);
    put(p, "u1", 5, UPT_CAT_SEARCH, 1);
    return p;
}

static void a_glance_without_writes_where_peers_write_is_unaware(void)
{
    struct upt_profile *p = glance_case();
    struct upt_diagnose_opts o = defaults();
    struct upt_verdict v;
    o.t.unaware_task_share = 0; /* the role's tasks are tested below */
    judge_with(p, NULL, &o, "u1", &v);
    CHECK(v.cause == UPT_CAUSE_UNAWARE && v.status == UPT_VS_NOT_ADOPTING);
    CHECK_STREQ(v.evidence, "10 logins, 4 views and searches, no writes in "
                            "28d; org median 10 writes");
    CHECK(v.confidence > 0.69 && v.confidence < 0.71);
    /* one write is a task done */
    put(p, "u1", 6, UPT_CAT_CREATE, 1);
    judge_with(p, NULL, &o, "u1", &v);
    CHECK(v.cause != UPT_CAUSE_UNAWARE);
    upt_profile_free(p);
}

static void a_task_the_role_does_weekly_and_the_user_never_is_unaware(void)
{
    struct upt_profile *p = glance_case();
    struct upt_verdict v;
    /* far more than a glance: still none of the updates the peers do */
    put(p, "u1", 8, UPT_CAT_VIEW, 30);
    judge_defaults(p, "u1", &v);
    CHECK(v.cause == UPT_CAUSE_UNAWARE && v.status == UPT_VS_NOT_ADOPTING);
    /* and all 34 views came in the first half: the days since show the
     * work fell too */
    CHECK_STREQ(v.evidence, "10 logins, 0 creates, 0 updates, 0 reports in "
                            "28d; org median 0 creates, 10 updates, 0 "
                            "reports; also effort (0.67)");
    /* a create is not the update the role expects, nor is one update
     * where the peers make 10; two, a fifth of theirs, are */
    put(p, "u1", 6, UPT_CAT_CREATE, 1);
    put(p, "u1", 6, UPT_CAT_UPDATE, 1);
    judge_defaults(p, "u1", &v);
    CHECK(v.cause == UPT_CAUSE_UNAWARE);
    put(p, "u1", 9, UPT_CAT_UPDATE, 1);
    judge_defaults(p, "u1", &v);
    CHECK(v.cause != UPT_CAUSE_UNAWARE);
    upt_profile_free(p);
}

static void a_task_done_on_the_few_days_one_is_there_is_not_unaware(void)
{
    struct upt_profile *p = glance_case();
    struct upt_verdict v;
    /* one day in the month, and an update that day: under a fifth of
     * the peers' 10, but they were there on 10 days */
    put(p, "u2", 3, UPT_CAT_VIEW, 5);
    put(p, "u2", 3, UPT_CAT_UPDATE, 1);
    judge_defaults(p, "u2", &v);
    CHECK(v.cause != UPT_CAUSE_UNAWARE);
    upt_profile_free(p);
    /* the same day without it is the task not done */
    p = glance_case();
    put(p, "u3", 3, UPT_CAT_VIEW, 6);
    judge_defaults(p, "u3", &v);
    CHECK(v.cause == UPT_CAUSE_UNAWARE);
    upt_profile_free(p);
}

static void common_roles_have_built_in_tasks(void)
{
    CHECK(upt_diagnose_role_tasks("Sales Rep") ==
          (BIT(UPT_CAT_CREATE) | BIT(UPT_CAT_UPDATE)));
    CHECK(upt_diagnose_role_tasks("EMEA sales representative") ==
          (BIT(UPT_CAT_CREATE) | BIT(UPT_CAT_UPDATE)));
    CHECK(upt_diagnose_role_tasks("Sales Manager") ==
          (BIT(UPT_CAT_UPDATE) | BIT(UPT_CAT_REPORT)));
    CHECK(upt_diagnose_role_tasks("Account Manager") ==
          (BIT(UPT_CAT_UPDATE) | BIT(UPT_CAT_REPORT)));
    CHECK(upt_diagnose_role_tasks("Tier 1 Support Agent") ==
          (BIT(UPT_CAT_CREATE) | BIT(UPT_CAT_UPDATE)));
    /* whole words only: not a "sdr" inside another word */
    CHECK(upt_diagnose_role_tasks("Admin") == 0);
    CHECK(upt_diagnose_role_tasks("Insdr team") == 0);
    CHECK(upt_diagnose_role_tasks("") == 0);
}

static void an_expect_line_names_the_tasks_of_a_role(void)
{
    struct upt_roster *r =
        roster_of("id,role\nw1,Ops\nw2,Ops\nw3,Ops\nu1,Ops\n");
    struct upt_profile *p = profile_new(ALL);
    struct upt_diagnose_opts o = defaults();
    struct upt_verdict v;
    /* nobody in Ops reports, so the peers expect no report; the
     * organisation says they should, weekly, as m1 of another role does
     * (a task nobody in the input does says nothing: see below) */
    put(p, "m1", 3, UPT_CAT_REPORT, 4);
    for (int day = 0; day < 28; day++)
        if (day % 7 < 5) {
            static const char *const ops[] = {"w1", "w2", "w3", "u1"};
            for (int k = 0; k < 4; k++) {
                put(p, ops[k], day, UPT_CAT_VIEW, 5);
                put(p, ops[k], day, UPT_CAT_SEARCH, 1);
            }
        }
    judge_with(p, r, &o, "u1", &v);
    CHECK(v.cause == UPT_CAUSE_NONE);
    struct upt_expectation expect = {"ops", BIT(UPT_CAT_REPORT)};
    o.expect = &expect;
    o.nexpect = 1;
    judge_with(p, r, &o, "u1", &v);
    CHECK(v.cause == UPT_CAUSE_UNAWARE && v.status == UPT_VS_NOT_ADOPTING);
    expect.tasks = BIT(UPT_CAT_CREATE); /* nobody creates: not judged */
    judge_with(p, r, &o, "u1", &v);
    CHECK(v.cause == UPT_CAUSE_NONE);
    expect.tasks = BIT(UPT_CAT_REPORT);
    /* one report a week is the task done */
    for (int day = 0; day < 28; day += 7)
        put(p, "u1", day, UPT_CAT_REPORT, 1);
    judge_with(p, r, &o, "u1", &v);
    CHECK(v.cause == UPT_CAUSE_NONE);
    upt_profile_free(p);
    upt_roster_free(r);
}

static void writes_without_reads_are_not_an_undone_task(void)
{
    struct upt_profile *p = profile_new(ALL);
    struct upt_verdict v;
    /* peers update and report weekly; U updates as much, never reports */
    for (int day = 0; day < 28; day += 2) {
        put(p, "w1", day, UPT_CAT_UPDATE, 2);
        put(p, "w1", day, UPT_CAT_REPORT, 3);
        put(p, "w2", day, UPT_CAT_UPDATE, 2);
        put(p, "w2", day, UPT_CAT_REPORT, 3);
        put(p, "u", day, UPT_CAT_UPDATE, 2);
    }
    judge_defaults(p, "u", &v);
    CHECK(v.cause == UPT_CAUSE_MGMT_ONLY);
    /* a report now and then, under a tenth of the peers' 42: still never */
    put(p, "u", 4, UPT_CAT_REPORT, 2);
    put(p, "u", 9, UPT_CAT_REPORT, 2);
    judge_defaults(p, "u", &v);
    CHECK(v.cause == UPT_CAUSE_MGMT_ONLY);
    CHECK_STREQ(v.evidence, "28 writes but 4 reports, dashboards or searches "
                            "in 28d; org median 42");
    put(p, "u", 10, UPT_CAT_REPORT, 1);
    judge_defaults(p, "u", &v);
    CHECK(v.cause == UPT_CAUSE_NONE);
    upt_profile_free(p);
}

/* Three peers with a write (a login, when COVERAGE has no update) every
 * weekday; U active on the weekdays DAYS
 * (-1 ends them), with WRITES[i] writes on DAYS[i]. */
static struct upt_profile *bunch_case(unsigned coverage, const int *days,
                                      const int *writes)
{
    struct upt_profile *p = profile_new(coverage);
    enum upt_category work =
        coverage & BIT(UPT_CAT_UPDATE) ? UPT_CAT_UPDATE : UPT_CAT_LOGIN;
    steady_peers(p, work);
    for (int i = 0; days[i] >= 0; i++) {
        put(p, "u", days[i], UPT_CAT_LOGIN, 1);
        if (writes[i]) { /* and a search: not mgmt-only */
            put(p, "u", days[i], UPT_CAT_UPDATE, writes[i]);
            put(p, "u", days[i], UPT_CAT_SEARCH, 1);
        }
    }
    return p;
}

static void writes_bunched_on_the_last_weekdays_of_a_month_are_effort(void)
{
    /* 2024-03-27, 28 and 29 (days 23 to 25) are March's last weekdays */
    static const int days[] = {1, 8, 15, 23, 24, 25, -1};
    static const int bunched[] = {1, 1, 1, 6, 6, 6};
    static const int even[] = {4, 4, 4, 3, 3, 3};
    static const int none[] = {0, 0, 0, 0, 0, 0};
    struct upt_profile *p = bunch_case(ALL, days, bunched);
    struct upt_verdict v;
    judge_defaults(p, "u", &v);
    CHECK(v.cause == UPT_CAUSE_EFFORT && v.status == UPT_VS_AT_RISK);
    CHECK_STREQ(v.evidence,
                "active 6 of 20 weekdays, org median 20; 86% of the writes on "
                "the last 3 weekdays of a month; 21 writes, org median 20");
    upt_profile_free(p);
    /* as many days and writes, spread out: a light user, not effort, even
     * with half the active days at month end: where writes show, they
     * tell; the days tell only when they are all the input shows */
    p = bunch_case(ALL, days, even);
    judge_defaults(p, "u", &v);
    CHECK(v.cause == UPT_CAUSE_NONE && v.status == UPT_VS_ADOPTING);
    upt_profile_free(p);
    static const int days2[] = {1, 3, 8, 10, 15, 25, -1};
    p = bunch_case(ALL, days2, even);
    judge_defaults(p, "u", &v);
    CHECK(v.cause == UPT_CAUSE_NONE && v.status == UPT_VS_ADOPTING);
    upt_profile_free(p);
    p = bunch_case(BIT(UPT_CAT_LOGIN), days, none);
    judge_defaults(p, "u", &v);
    CHECK(v.cause == UPT_CAUSE_EFFORT);
    CHECK_STREQ(v.evidence,
                "active 6 of 20 weekdays, org median 20; 50% of the active "
                "days on the last 3 weekdays of a month; 0 writes, org median "
                "0");
    upt_profile_free(p);
}

/* Three peers active every weekday; U likewise, 3 views a day, until the
 * weekdays of the last two weeks, of which U is active on those in LATE
 * with PER_DAY views each. */
static struct upt_verdict fall_case_with(struct upt_diagnose_opts *o,
                                         const int *late, uint32_t per_day)
{
    struct upt_profile *p = profile_new(ALL);
    struct upt_verdict v = {0};
    steady_peers(p, UPT_CAT_VIEW);
    for (int d = 0; d < 14; d++)
        if (d % 7 < 5)
            put(p, "u", d, UPT_CAT_VIEW, 3);
    for (int i = 0; late[i] >= 0; i++)
        put(p, "u", late[i], UPT_CAT_VIEW, per_day);
    judge_with(p, NULL, o, "u", &v);
    upt_profile_free(p);
    return v;
}

static struct upt_verdict fall_case(const int *late, uint32_t per_day)
{
    struct upt_diagnose_opts o = defaults();
    return fall_case_with(&o, late, per_day);
}

static void a_fall_that_lasts_is_effort_and_a_week_of_leave_is_not(void)
{
    static const int lasts[] = {16, 23, -1};
    static const int leave[] = {14, 15, 16, -1};
    struct upt_verdict v = fall_case(lasts, 1);
    CHECK(v.cause == UPT_CAUSE_EFFORT && v.status == UPT_VS_AT_RISK);
    CHECK_STREQ(v.evidence, "activity fell to 0.07 of the first half (30 then "
                            "2 events); active 12 of 20 weekdays");
    /* three full days, then the last week and more off: the trend falls,
     * but the days worked are as full as before */
    v = fall_case(leave, 3);
    CHECK(near(v.trend, 9.0 / 30));
    CHECK(v.cause == UPT_CAUSE_NONE);
    /* and as rare days that are as full: not a fall in the work */
    v = fall_case(lasts, 3);
    CHECK(near(v.trend, 6.0 / 30));
    CHECK(v.cause == UPT_CAUSE_NONE);
}

static void shorter_days_are_a_fall_without_the_weekly_check(void)
{
    static const int week[] = {14, 15, 16, 17, 18, -1};
    /* a week of short days, then a week off: the weekly check alone would
     * call the third week usual, the days worked say it fell */
    struct upt_verdict v = fall_case(week, 1);
    CHECK(near(v.trend, 5.0 / 30));
    CHECK(v.cause == UPT_CAUSE_EFFORT);
    CHECK_STREQ(v.evidence, "activity fell to 0.17 of the first half (30 then "
                            "5 events); active 15 of 20 weekdays");
    /* a third of the first half's work a day: under 0.30, it is not */
    struct upt_diagnose_opts o = defaults();
    o.t.effort_visit_trend = 0.30;
    v = fall_case_with(&o, week, 1);
    CHECK(v.cause == UPT_CAUSE_NONE);
}

/* One day's work of USER: VIEWS views, a search and UPDATES updates. */
static void work_day(struct upt_profile *p, const char *user, int day,
                     int views, int updates)
{
    put(p, user, day, UPT_CAT_VIEW, views);
    put(p, user, day, UPT_CAT_SEARCH, 1);
    put(p, user, day, UPT_CAT_UPDATE, updates);
}

/* Peers p1 to p3, each doing 10 views, a search and 3 updates (0.30
 * writes a view) on the days of the week in WEEK (bit 0: Monday). */
static void working_peers(struct upt_profile *p, unsigned week)
{
    static const char *const peers[] = {"p1", "p2", "p3"};
    for (int u = 0; u < 3; u++)
        for (int d = 0; d < 28; d++)
            if (week & (1u << (d % 7)))
                work_day(p, peers[u], d, 10, 3);
}

enum { WEEKDAYS = 0x1f, MON_WED_FRI = 0x15 };

static void many_writes_a_view_on_few_days_are_effort(void)
{
    struct upt_profile *p = profile_new(ALL);
    struct upt_verdict v;
    working_peers(p, WEEKDAYS);
    /* on 6 weekdays spread over the month, one user enters records in
     * bulk with little reading, another works as the peers do */
    static const int days[] = {1, 3, 8, 10, 15, 17};
    for (int i = 0; i < 6; i++) {
        work_day(p, "bulk", days[i], 3, 5);
        work_day(p, "light", days[i], 10, 3);
    }
    judge_defaults(p, "bulk", &v);
    CHECK(v.cause == UPT_CAUSE_EFFORT && v.status == UPT_VS_AT_RISK);
    CHECK_STREQ(v.evidence, "active 6 of 20 weekdays, org median 20; 30 "
                            "writes on 18 views, org median 0.30 writes a "
                            "view");
    judge_defaults(p, "light", &v);
    CHECK(v.cause == UPT_CAUSE_NONE && v.status == UPT_VS_ADOPTING);
    upt_profile_free(p);
}

/* Rarely there is not enough where the log shows the reading: a light
 * user is rarely there too, but reads as the peers do before writing. */
static void rare_days_need_work_in_bulk_where_views_show(void)
{
    struct upt_profile *p = profile_new(ALL);
    struct upt_verdict v;
    working_peers(p, WEEKDAYS);
    static const int days[] = {1, 8, 15};
    for (int i = 0; i < 3; i++) {
        work_day(p, "light", days[i], 10, 3);
        work_day(p, "bulk", days[i], 3, 2);
    }
    judge_defaults(p, "light", &v);
    CHECK(v.cause == UPT_CAUSE_NONE && v.status == UPT_VS_ADOPTING);
    judge_defaults(p, "bulk", &v);
    CHECK(v.cause == UPT_CAUSE_EFFORT);
    CHECK_STREQ(v.evidence, "active 3 of 20 weekdays, org median 20; 6 "
                            "writes, org median 60; trend 0.50");
    upt_profile_free(p);
    /* a login history shows no reading: the days alone tell it */
    p = sporadic_case(3);
    judge_defaults(p, "u", &v);
    CHECK(v.cause == UPT_CAUSE_EFFORT);
    upt_profile_free(p);
}

/* Bulk writes that lean on the month's last weekdays need no peers who
 * are there twice as often. */
static void bulk_writes_leaning_on_deadlines_are_effort(void)
{
    struct upt_profile *p = profile_new(ALL);
    struct upt_verdict v;
    working_peers(p, MON_WED_FRI); /* 12 weekdays */
    /* 8 weekdays, the last three of them the month's deadline days */
    static const int days[] = {1, 3, 8, 10, 15, 23, 24, 25};
    for (int i = 0; i < 8; i++) {
        work_day(p, "lean", days[i], 3, days[i] >= 23 ? 8 : 5);
        work_day(p, "spread", days[i], 3, 5);
    }
    judge_defaults(p, "lean", &v); /* 24 of 49 writes: 49% */
    CHECK(v.cause == UPT_CAUSE_EFFORT);
    CHECK_STREQ(v.evidence, "active 8 of 20 weekdays, org median 12; 49 "
                            "writes on 24 views, org median 0.30 writes a "
                            "view");
    judge_defaults(p, "spread", &v); /* 15 of 40: 38% */
    CHECK(v.cause != UPT_CAUSE_EFFORT);
    upt_profile_free(p);
}

/* U works on the weekdays of days 1 to 15 (11 of them, day 0 missed, so
 * the halves' rule cannot hold), VIEWS and UPDATES a day, then stops. */
static void works_then_stops(struct upt_profile *p, const char *u, int views,
                             int updates)
{
    for (int d = 1; d <= 15; d++)
        if (d % 7 < 5)
            work_day(p, u, d, views, updates);
}

/* The last 8 working days empty, after more work a day than the peers
 * do: one who drops off, late enough that the halves hardly differ. */
static void a_late_fall_from_the_peers_level_is_effort(void)
{
    struct upt_profile *p = profile_new(ALL);
    struct upt_verdict v;
    working_peers(p, WEEKDAYS);
    works_then_stops(p, "late", 12, 4);
    works_then_stops(p, "light", 5, 2);
    judge_defaults(p, "late", &v);
    CHECK(v.cause == UPT_CAUSE_EFFORT && v.status == UPT_VS_AT_RISK);
    CHECK(near(v.confidence, 0.75));
    CHECK_STREQ(v.evidence, "active 0 of the last 8 working days, 0.0 tasks "
                            "a day; 11 of the 12 before, 15.6 a day (org "
                            "median 14.0)");
    /* under the peers' work a day: a light user's quiet end */
    judge_defaults(p, "light", &v);
    CHECK(v.cause == UPT_CAUSE_NONE && v.status == UPT_VS_ADOPTING);
    upt_profile_free(p);
}

/* When the peers stop too, it is the org's pause, not the user's fall;
 * and in a login history, 11 of 12 days before it are under the level of
 * peers there every day. */
static void a_fall_needs_peers_still_there_and_views(void)
{
    struct upt_profile *p = profile_new(ALL);
    struct upt_verdict v;
    works_then_stops(p, "p1", 10, 3);
    works_then_stops(p, "p2", 10, 3);
    works_then_stops(p, "p3", 10, 3);
    works_then_stops(p, "late", 12, 4);
    judge_defaults(p, "late", &v);
    CHECK(v.cause == UPT_CAUSE_NONE);
    upt_profile_free(p);

    p = profile_new(BIT(UPT_CAT_LOGIN));
    steady_peers(p, UPT_CAT_LOGIN);
    for (int d = 1; d <= 15; d++)
        if (d % 7 < 5)
            put(p, "late", d, UPT_CAT_LOGIN, 2);
    judge_defaults(p, "late", &v);
    CHECK(v.cause == UPT_CAUSE_NONE);
    upt_profile_free(p);
}

/* Logins on the days given, DAYS ending with -1. */
static void logins_on(struct upt_profile *p, const char *user, const int *days)
{
    for (; *days >= 0; days++)
        put(p, user, *days, UPT_CAT_LOGIN, 1);
}

/* Peers p1 to p3 logging in on the first DAYS days of every week. */
static void login_peers(struct upt_profile *p, int days)
{
    static const char *const peers[] = {"p1", "p2", "p3"};
    for (int u = 0; u < 3; u++)
        for (int d = 0; d < 28; d++)
            if (d % 7 < days)
                put(p, peers[u], d, UPT_CAT_LOGIN, 1);
}

/* A login history: there on every deadline day (the last Wednesday to
 * Friday of March, days 23 to 25) and on 4 of the 17 other weekdays is
 * coming to catch up, though the peers (Monday to Wednesday, 12 days) are
 * not there twice as often; 7 days with one deadline day among them are
 * a light user's. */
static void deadline_days_far_above_the_others_are_effort_in_logins(void)
{
    struct upt_profile *p = profile_new(BIT(UPT_CAT_LOGIN));
    struct upt_verdict v;
    login_peers(p, 3);
    logins_on(p, "rush", (const int[]){0, 7, 14, 21, 23, 24, 25, -1});
    logins_on(p, "light", (const int[]){0, 3, 8, 11, 15, 18, 24, -1});
    judge_defaults(p, "rush", &v);
    CHECK(v.cause == UPT_CAUSE_EFFORT && v.status == UPT_VS_AT_RISK);
    CHECK_STREQ(v.evidence, "active 7 of 20 weekdays, org median 12; 43% of "
                            "the active days on the last 3 weekdays of a "
                            "month; 0 writes, org median 0");
    /* under 40% of the days on deadlines, yet there 3.4 times as often */
    logins_on(p, "rush5", (const int[]){0, 2, 7, 14, 21, 23, 24, 25, -1});
    judge_defaults(p, "rush5", &v);
    CHECK(v.cause == UPT_CAUSE_EFFORT);
    CHECK_STREQ(v.evidence, "active 8 of 20 weekdays, org median 10; on 3 of "
                            "the 3 deadline days, on 29% of the other "
                            "weekdays");
    judge_defaults(p, "light", &v);
    CHECK(v.cause == UPT_CAUSE_NONE);
    upt_profile_free(p);
}

/* Where the log shows only the days, rarely there needs one of them a
 * deadline day: three days of the month's others are a light user's. */
static void rare_days_need_a_deadline_day_in_logins(void)
{
    struct upt_profile *p = profile_new(BIT(UPT_CAT_LOGIN));
    struct upt_verdict v;
    steady_peers(p, UPT_CAT_LOGIN);
    logins_on(p, "none", (const int[]){2, 9, 16, -1});
    logins_on(p, "one", (const int[]){2, 9, 24, -1});
    judge_defaults(p, "none", &v);
    CHECK(v.cause == UPT_CAUSE_NONE);
    judge_defaults(p, "one", &v);
    CHECK(v.cause == UPT_CAUSE_EFFORT);
    CHECK_STREQ(v.evidence, "active 3 of 20 weekdays, org median 20; 0 "
                            "writes, org median 0; trend 0.50");
    upt_profile_free(p);
}

/* In a login history the fall is told by the days: none of the last 8
 * working days after 11 of the 12 before, where the peers are there on
 * 16 of 20; busy last days keep the halves' rule from holding. */
static void a_login_history_shows_a_fall_by_the_days(void)
{
    struct upt_profile *p = profile_new(BIT(UPT_CAT_LOGIN));
    struct upt_verdict v;
    login_peers(p, 4);
    logins_on(p, "gone", (const int[]){1, 2, 3, 4, 7, 8, 9, 10, 11, -1});
    put(p, "gone", 14, UPT_CAT_LOGIN, 5);
    put(p, "gone", 15, UPT_CAT_LOGIN, 5);
    judge_defaults(p, "gone", &v);
    CHECK(v.cause == UPT_CAUSE_EFFORT && v.status == UPT_VS_AT_RISK);
    CHECK_STREQ(v.evidence, "active 0 of the last 8 working days, 11 of the "
                            "12 before (org median 16 of 20)");
    upt_profile_free(p);
}

/* In a login history the only errors are failed logins: three in a
 * month, where the peers fail none, are someone who struggles to get in;
 * two may be a forgotten password. */
static void failed_logins_are_unskilled_in_a_login_history(void)
{
    struct upt_profile *p =
        profile_new(BIT(UPT_CAT_LOGIN) | BIT(UPT_CAT_ERROR));
    struct upt_verdict v;
    steady_peers(p, UPT_CAT_LOGIN);
    weekdays_of(p, "fails3", 0, 27, UPT_CAT_LOGIN);
    weekdays_of(p, "fails2", 0, 27, UPT_CAT_LOGIN);
    put(p, "fails3", 9, UPT_CAT_ERROR, 2);
    put(p, "fails3", 16, UPT_CAT_ERROR, 1);
    put(p, "fails2", 9, UPT_CAT_ERROR, 2);
    judge_defaults(p, "fails3", &v);
    CHECK(v.cause == UPT_CAUSE_UNSKILLED && v.status == UPT_VS_AT_RISK);
    CHECK_STREQ(v.evidence, "3 errors in 23 actions (13.0%), org median "
                            "0.0%; 0 help pages");
    judge_defaults(p, "fails2", &v);
    CHECK(v.cause == UPT_CAUSE_NONE);
    upt_profile_free(p);
}

/* Many searches for few records opened, with errors above the peers',
 * are someone lost; either alone is not. */
static void searching_without_finding_and_erring_is_unskilled(void)
{
    struct upt_profile *p = profile_new(ALL);
    struct upt_verdict v;
    working_peers(p, WEEKDAYS); /* 0.10 searches a view, no errors */
    for (int d = 0; d < 28; d++)
        if (d % 7 < 5) {
            /* 5 views, 2 searches: 0.40 searches a view */
            work_day(p, "lost", d, 5, 3);
            put(p, "lost", d, UPT_CAT_SEARCH, 1);
            work_day(p, "seeker", d, 5, 3);
            put(p, "seeker", d, UPT_CAT_SEARCH, 1);
            work_day(p, "clumsy", d, 10, 3);
        }
    /* 4 errors: 2.0% of the lost user's actions, 1.4% of the clumsy's */
    put(p, "lost", 10, UPT_CAT_ERROR, 4);
    put(p, "clumsy", 10, UPT_CAT_ERROR, 4);
    judge_defaults(p, "lost", &v);
    CHECK(v.cause == UPT_CAUSE_UNSKILLED && v.status == UPT_VS_AT_RISK);
    CHECK_STREQ(v.evidence, "4 errors in 204 actions (2.0%), org median "
                            "0.0%; 0 help pages; 40 searches on 100 views, "
                            "org median 0.10 searches a view");
    judge_defaults(p, "seeker", &v); /* searches as much, never errs */
    CHECK(v.cause == UPT_CAUSE_NONE);
    judge_defaults(p, "clumsy", &v); /* errs as much, finds what it seeks */
    CHECK(v.cause == UPT_CAUSE_NONE);
    upt_profile_free(p);
    /* an input without searches cannot tell it */
    p = profile_new(ALL & ~BIT(UPT_CAT_SEARCH));
    working_peers(p, WEEKDAYS);
    for (int d = 0; d < 28; d++)
        if (d % 7 < 5) {
            work_day(p, "lost", d, 5, 3);
            put(p, "lost", d, UPT_CAT_SEARCH, 1);
        }
    put(p, "lost", 10, UPT_CAT_ERROR, 4);
    judge_defaults(p, "lost", &v);
    CHECK(v.cause == UPT_CAUSE_NONE);
    upt_profile_free(p);
}

/* explain gives the figures the effort rule weighs: the halves, the last
 * two weeks and the deadline days. */
static void explain_shows_the_halves_and_the_deadline_days(void)
{
    struct upt_profile *p = profile_new(ALL);
    working_peers(p, WEEKDAYS);
    /* days 1 to 10 in the first half, 15 in the next to last week, and
     * the month's last three weekdays (Wednesday 27 to Friday 29 March) */
    static const int days[] = {1, 3, 8, 10, 15, 23, 24, 25};
    for (int i = 0; i < 8; i++)
        work_day(p, "lean", days[i], 3, days[i] >= 23 ? 8 : 5);
    struct upt_diagnose_opts o = defaults();
    struct upt_diagnosis *d = upt_diagnose(p, NULL, &o);
    struct upt_explained e;
    CHECK(upt_diagnosis_explain(d, "lean", &e) == 0);
    CHECK(e.half_days[0] == 14 && e.half_days[1] == 14);
    CHECK(e.half_active[0] == 4 && e.half_active[1] == 4);
    /* a day is 3 views, a search and 5 updates, or 8 on the last three */
    CHECK(e.half_work[0] == 4 * 9 && e.half_work[1] == 9 + 3 * 12);
    CHECK(e.half_events[0] == e.half_work[0]);
    CHECK(e.late_active[0] == 1 && e.late_active[1] == 3);
    CHECK(e.deadline_span == 3 && e.deadline_days == 3);
    CHECK(e.deadline_active == 3);
    CHECK(e.deadline_writes == 24 && e.writes == 49);
    upt_diagnosis_free(d);
    upt_profile_free(p);
}

/* Days on weekends count as active days, but never as weekdays: the
 * evidence does not say 28 of 20 weekdays. */
static void weekend_days_are_active_days_not_weekdays(void)
{
    struct upt_profile *p = profile_new(ALL);
    struct upt_verdict v;
    working_peers(p, WEEKDAYS);
    for (int d = 0; d < 28; d++)
        work_day(p, "always", d, 10, 3);
    judge_defaults(p, "always", &v);
    CHECK(v.status == UPT_VS_ADOPTING && v.active_days == 28);
    CHECK_STREQ(v.evidence, "active 28 days, 20 of 20 weekdays; 84 writes, "
                            "28 reads, 280 views in 28d");
    judge_defaults(p, "p1", &v);
    CHECK_STREQ(v.evidence, "active 20 of 20 weekdays; 60 writes, 20 "
                            "reads, 200 views in 28d");
    upt_profile_free(p);
}

static void exports_by_a_user_who_acts_on_the_data_are_not_distrust(void)
{
    struct upt_profile *p = profile_new(ALL);
    struct upt_verdict v;
    /* peers: 10 views and 3 writes a weekday; a heavy user exports 12,
     * and writes as much per view: a user who does more exports more */
    static const char *const users[] = {"p1", "p2", "p3", "heavy", "doubt"};
    for (int u = 0; u < 5; u++)
        for (int d = 0; d < 28; d++)
            if (d % 7 < 5) {
                put(p, users[u], d, UPT_CAT_VIEW, 10);
                put(p, users[u], d, UPT_CAT_SEARCH, 1);
                put(p, users[u], d, UPT_CAT_UPDATE, u == 4 ? 1 : 3);
            }
    put(p, "heavy", 10, UPT_CAT_EXPORT, 12);
    put(p, "doubt", 10, UPT_CAT_EXPORT, 12);
    judge_defaults(p, "heavy", &v);
    CHECK(v.cause == UPT_CAUSE_NONE);
    /* ...one who writes a third as much per view does not act on it */
    judge_defaults(p, "doubt", &v);
    CHECK(v.cause == UPT_CAUSE_DISTRUST);
    CHECK_STREQ(v.evidence, "12 exports vs org median 0; 0 imports; 200 "
                            "views, 20 writes (org median 60) in 28d");
    upt_profile_free(p);
}

int main(void)
{
    RUN(defaults_are_the_documented_ones);
    RUN(time_to_first_value_counts_days_to_a_task_of_the_role);
    RUN(an_error_rate_many_times_the_peers_is_unskilled);
    RUN(a_glance_without_writes_where_peers_write_is_unaware);
    RUN(a_task_the_role_does_weekly_and_the_user_never_is_unaware);
    RUN(a_task_done_on_the_few_days_one_is_there_is_not_unaware);
    RUN(writes_without_reads_are_not_an_undone_task);
    RUN(common_roles_have_built_in_tasks);
    RUN(writes_bunched_on_the_last_weekdays_of_a_month_are_effort);
    RUN(a_fall_that_lasts_is_effort_and_a_week_of_leave_is_not);
    RUN(shorter_days_are_a_fall_without_the_weekly_check);
    RUN(many_writes_a_view_on_few_days_are_effort);
    RUN(rare_days_need_work_in_bulk_where_views_show);
    RUN(bulk_writes_leaning_on_deadlines_are_effort);
    RUN(failed_logins_are_unskilled_in_a_login_history);
    RUN(searching_without_finding_and_erring_is_unskilled);
    RUN(explain_shows_the_halves_and_the_deadline_days);
    RUN(weekend_days_are_active_days_not_weekdays);
    RUN(a_late_fall_from_the_peers_level_is_effort);
    RUN(a_fall_needs_peers_still_there_and_views);
    RUN(deadline_days_far_above_the_others_are_effort_in_logins);
    RUN(rare_days_need_a_deadline_day_in_logins);
    RUN(a_login_history_shows_a_fall_by_the_days);
    RUN(exports_by_a_user_who_acts_on_the_data_are_not_distrust);
    RUN(explain_tries_each_cause_alone);
    RUN(the_margin_weighs_order_against_score);
    RUN(changes_alone_show_effort_only_by_batched_writes);
    RUN(explain_says_what_the_input_cannot_show);
    snprintf(dir, sizeof(dir), "/tmp/uptake-diagnose-XXXXXX");
    if (!mkdtemp(dir)) {
        perror("mkdtemp");
        return 1;
    }
    RUN(roster_only_user_is_inactive_and_unaware);
    RUN(user_seen_only_before_the_window_is_inactive);
    RUN(user_created_inside_the_grace_period_is_new);
    RUN(user_inactive_in_the_roster_has_departed);
    RUN(identity_marked_automated_is_a_service);
    RUN(steady_user_is_adopting);
    RUN(logins_without_work_are_unaware);
    RUN(one_view_is_enough_not_to_be_unaware);
    RUN(unaware_needs_input_that_can_show_views_and_writes);
    RUN(error_share_at_the_threshold_is_unskilled);
    RUN(error_share_just_below_the_threshold_is_not_unskilled);
    RUN(failed_actions_count_as_errors);
    RUN(twice_the_error_share_is_not_adopting);
    RUN(help_share_at_the_threshold_is_unskilled);
    RUN(errors_and_help_together_are_not_adopting);
    RUN(unskilled_needs_input_that_can_show_errors_or_help);
    RUN(active_share_at_the_threshold_is_effort);
    RUN(active_share_just_past_the_threshold_is_not_effort);
    RUN(fall_to_half_the_first_half_is_effort);
    RUN(a_fall_from_few_events_is_not_effort);
    RUN(sporadic_and_declining_is_not_adopting);
    RUN(role_peers_replace_org_peers_from_three_members);
    RUN(an_expect_line_names_the_tasks_of_a_role);
    RUN(role_label_names_role_peers_in_evidence);
    RUN(writes_without_reads_at_the_threshold_are_mgmt_only);
    RUN(fewer_writes_or_any_read_is_not_mgmt_only);
    RUN(four_times_the_writes_is_not_adopting);
    RUN(mgmt_only_needs_input_that_can_show_reads);
    RUN(exports_at_the_threshold_are_distrust);
    RUN(exports_are_judged_against_the_peer_median);
    RUN(imports_at_the_threshold_are_distrust);
    RUN(distrust_needs_input_that_can_show_exports_or_imports);
    RUN(earlier_cause_wins_over_later_ones);
    RUN(events_outside_the_window_are_not_counted);
    RUN(without_as_of_the_window_ends_on_the_last_event_day);
    RUN(no_events_and_no_as_of_leave_the_window_empty);
    RUN(verdicts_are_ordered_by_user_and_ids_meet_across_lengths);
    RUN(log_name_is_used_when_the_roster_has_none);
    RUN(logins_count_sessions_when_the_log_has_them);
    RUN(names_of_statuses_and_causes);
    rmdir(dir);
    return CHECK_DONE();
}
