/* profile_test.c - unit tests of per-user, per-day aggregates */
#include "profile.h"

#include <stdio.h>
#include <string.h>

#include "check.h"
#include "strtab.h"
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

#define DAY UPT_MS_PER_DAY
/* 2024-03-04, a Monday, at midnight UTC */
#define D0 (INT64_C(19786) * DAY)

static struct upt_event ev_of(const char *user, int64_t ms,
                              enum upt_category cat)
{
    return (struct upt_event){.time_ms = ms,
                              .user = user,
                              .user_len = strlen(user),
                              .user_name = "",
                              .category = cat,
                              .session = "",
                              .object = "",
                              .type = "T",
                              .detail = ""};
}

static enum upt_status add(struct upt_profile *p, const char *user, int64_t ms,
                           enum upt_category cat)
{
    struct upt_event ev = ev_of(user, ms, cat);
    return add_distinct(p, &ev);
}

static const struct upt_profile_user *find(const struct upt_profile *p,
                                           const char *user)
{
    return upt_profile_find(p, user, strlen(user));
}

static void events_of_one_user_on_one_day_aggregate(void)
{
    struct upt_profile *p = upt_profile_new();
    CHECK(add(p, "u1", D0 + 1000, UPT_CAT_VIEW) == UPT_OK);
    CHECK(add(p, "u1", D0 + 2000, UPT_CAT_VIEW) == UPT_OK);
    CHECK(add(p, "u1", D0 + DAY - 1, UPT_CAT_CREATE) == UPT_OK);
    CHECK(upt_profile_count(p) == 1);
    const struct upt_profile_user *u = find(p, "u1");
    CHECK(u != NULL);
    if (u) {
        CHECK(u->ndays == 1);
        CHECK(u->days[0].day == 19786);
        CHECK(u->days[0].count[UPT_CAT_VIEW] == 2);
        CHECK(u->days[0].count[UPT_CAT_CREATE] == 1);
        CHECK(u->days[0].count[UPT_CAT_LOGIN] == 0);
        CHECK(u->days[0].failed == 0);
    }
    upt_profile_free(p);
}

static void midnight_starts_a_new_day(void)
{
    struct upt_profile *p = upt_profile_new();
    add(p, "u1", D0 - 1, UPT_CAT_VIEW);
    add(p, "u1", D0, UPT_CAT_VIEW);
    const struct upt_profile_user *u = find(p, "u1");
    CHECK(u && u->ndays == 2);
    if (u && u->ndays == 2) {
        CHECK(u->days[0].day == 19785 && u->days[0].count[UPT_CAT_VIEW] == 1);
        CHECK(u->days[1].day == 19786 && u->days[1].count[UPT_CAT_VIEW] == 1);
    }
    upt_profile_free(p);
}

static void days_added_out_of_order_stay_sorted(void)
{
    static const int order[] = {5, 3, 7, 3, 4, 0, 7, 12, 1};
    struct upt_profile *p = upt_profile_new();
    for (size_t i = 0; i < sizeof(order) / sizeof(order[0]); i++)
        add(p, "u1", D0 + order[i] * DAY + 5, UPT_CAT_SEARCH);
    const struct upt_profile_user *u = find(p, "u1");
    static const int want_day[] = {0, 1, 3, 4, 5, 7, 12};
    static const unsigned want_count[] = {1, 1, 2, 1, 1, 2, 1};
    CHECK(u && u->ndays == 7);
    if (u && u->ndays == 7)
        for (size_t i = 0; i < 7; i++) {
            CHECK(u->days[i].day == 19786 + want_day[i]);
            CHECK(u->days[i].count[UPT_CAT_SEARCH] == want_count[i]);
        }
    upt_profile_free(p);
}

static void many_days_in_reverse_order_stay_sorted(void)
{
    struct upt_profile *p = upt_profile_new();
    for (int d = 99; d >= 0; d--)
        add(p, "u1", D0 + d * DAY, UPT_CAT_VIEW);
    const struct upt_profile_user *u = find(p, "u1");
    int ok = u && u->ndays == 100;
    for (uint32_t i = 0; ok && i < u->ndays; i++)
        ok = u->days[i].day == 19786 + (int32_t)i &&
             u->days[i].count[UPT_CAT_VIEW] == 1;
    CHECK(ok);
    upt_profile_free(p);
}

static void the_user_key_is_the_length_given(void)
{
    struct upt_profile *p = upt_profile_new();
    struct upt_event a = ev_of("005Dn000001AbCdEAA", D0, UPT_CAT_VIEW);
    struct upt_event b = ev_of("005Dn000001AbCdEQQ", D0 + 1, UPT_CAT_VIEW);
    a.user_len = b.user_len = 15;
    add_distinct(p, &a);
    add_distinct(p, &b);
    CHECK(upt_profile_count(p) == 1);
    const struct upt_profile_user *u = upt_profile_user(p, 0);
    CHECK_STREQ(upt_profile_str(p, u->id), "005Dn000001AbCd");
    CHECK(upt_profile_find(p, "005Dn000001AbCdEAA", 15) == u);
    CHECK(upt_profile_find(p, "005Dn000001AbCdEAA", 18) == NULL);
    CHECK(u->days[0].count[UPT_CAT_VIEW] == 2);
    upt_profile_free(p);
}

static void failed_outcomes_count_outside_the_error_category(void)
{
    struct upt_profile *p = upt_profile_new();
    struct upt_event ev = ev_of("u1", D0, UPT_CAT_UPDATE);
    ev.outcome = UPT_OUTCOME_FAILED;
    add_distinct(p, &ev);
    add_distinct(p, &ev);
    ev.category = UPT_CAT_ERROR; /* already an error: not counted twice */
    add_distinct(p, &ev);
    ev.outcome = UPT_OUTCOME_OK;
    ev.category = UPT_CAT_UPDATE;
    add_distinct(p, &ev);
    const struct upt_profile_user *u = find(p, "u1");
    CHECK(u->days[0].failed == 2);
    CHECK(u->days[0].count[UPT_CAT_UPDATE] == 3);
    CHECK(u->days[0].count[UPT_CAT_ERROR] == 1);
    upt_profile_free(p);
}

static void session_changes_are_counted_on_their_day(void)
{
    static const struct {
        int day;
        const char *session;
    } seq[] = {{0, "a"}, {0, "a"}, {0, "b"}, {0, ""},
               {0, "b"}, {1, "b"}, {1, "a"}, {1, "c"}};
    struct upt_profile *p = upt_profile_new();
    for (size_t i = 0; i < sizeof(seq) / sizeof(seq[0]); i++) {
        struct upt_event ev = ev_of("u1", D0 + seq[i].day * DAY, UPT_CAT_VIEW);
        ev.session = seq[i].session;
        add_distinct(p, &ev);
    }
    struct upt_event ev = ev_of("u1", D0 + DAY, UPT_CAT_VIEW);
    ev.session = NULL; /* an adapter may leave it unset */
    CHECK(add_distinct(p, &ev) == UPT_OK);
    const struct upt_profile_user *u = find(p, "u1");
    CHECK(u->ndays == 2);
    CHECK(u->days[0].session_changes == 2); /* a, b */
    CHECK(u->days[1].session_changes == 2); /* a, c */
    upt_profile_free(p);
}

static void sessions_are_tracked_per_user(void)
{
    struct upt_profile *p = upt_profile_new();
    struct upt_event a = ev_of("u1", D0, UPT_CAT_VIEW);
    struct upt_event b = ev_of("u2", D0, UPT_CAT_VIEW);
    a.session = "s1";
    b.session = "s2";
    add_distinct(p, &a);
    add_distinct(p, &b);
    add_distinct(p, &a);
    add_distinct(p, &b);
    CHECK(find(p, "u1")->days[0].session_changes == 1);
    CHECK(find(p, "u2")->days[0].session_changes == 1);
    upt_profile_free(p);
}

static void first_and_last_times_ignore_arrival_order(void)
{
    struct upt_profile *p = upt_profile_new();
    CHECK(upt_profile_last_ms(p) == INT64_MIN);
    CHECK(upt_profile_first_ms(p) == INT64_MAX);
    add(p, "u1", D0 + 5000, UPT_CAT_VIEW);
    add(p, "u1", D0 + 1000, UPT_CAT_VIEW);
    add(p, "u1", D0 + 9000, UPT_CAT_VIEW);
    add(p, "u2", D0 + 3000, UPT_CAT_VIEW);
    add(p, "u2", D0 + 20000, UPT_CAT_VIEW);
    const struct upt_profile_user *u1 = find(p, "u1"), *u2 = find(p, "u2");
    CHECK(u1->first_ms == D0 + 1000 && u1->last_ms == D0 + 9000);
    CHECK(u2->first_ms == D0 + 3000 && u2->last_ms == D0 + 20000);
    CHECK(upt_profile_last_ms(p) == D0 + 20000);
    CHECK(upt_profile_first_ms(p) == D0 + 1000);
    upt_profile_free(p);
}

static void coverage_is_the_or_of_every_mask(void)
{
    struct upt_profile *p = upt_profile_new();
    CHECK(upt_profile_coverage(p, NULL) == 0);
    upt_profile_add_coverage(p, NULL, 1u << UPT_CAT_LOGIN | 1u << UPT_CAT_VIEW);
    upt_profile_add_coverage(p, NULL,
                             1u << UPT_CAT_VIEW | 1u << UPT_CAT_EXPORT);
    upt_profile_add_coverage(p, NULL, 0);
    CHECK(upt_profile_coverage(p, NULL) ==
          (1u << UPT_CAT_LOGIN | 1u << UPT_CAT_VIEW | 1u << UPT_CAT_EXPORT));
    upt_profile_free(p);
}

static void first_login_name_seen_is_kept(void)
{
    struct upt_profile *p = upt_profile_new();
    struct upt_event ev = ev_of("u1", D0, UPT_CAT_VIEW);
    add_distinct(p, &ev);
    CHECK(find(p, "u1")->name == UPT_STRTAB_NONE);
    ev.user_name = "jo@example.com";
    add_distinct(p, &ev);
    ev.user_name = "other@example.com";
    add_distinct(p, &ev);
    CHECK_STREQ(upt_profile_str(p, find(p, "u1")->name), "jo@example.com");
    CHECK(upt_profile_str(p, UPT_STRTAB_NONE) == NULL);
    upt_profile_free(p);
}

static void one_service_event_marks_the_user_a_service(void)
{
    struct upt_profile *p = upt_profile_new();
    struct upt_event ev = ev_of("u1", D0, UPT_CAT_API);
    add_distinct(p, &ev);
    CHECK(!find(p, "u1")->service);
    ev.service = true;
    add_distinct(p, &ev);
    ev.service = false;
    add_distinct(p, &ev);
    CHECK(find(p, "u1")->service);
    upt_profile_free(p);
}

static void users_come_in_order_of_first_appearance(void)
{
    enum { N = 2000 };
    struct upt_profile *p = upt_profile_new();
    char id[32];
    for (int i = 0; i < N; i++) {
        snprintf(id, sizeof(id), "user%04d", i);
        add(p, id, D0 + i, UPT_CAT_VIEW);
        add(p, "user0000", D0 + i, UPT_CAT_VIEW);
    }
    CHECK(upt_profile_count(p) == N);
    int ok = 1;
    for (int i = 0; i < N; i++) {
        snprintf(id, sizeof(id), "user%04d", i);
        const struct upt_profile_user *u = upt_profile_user(p, (size_t)i);
        if (!u || strcmp(upt_profile_str(p, u->id), id) != 0 ||
            find(p, id) != u)
            ok = 0;
    }
    CHECK(ok);
    CHECK(find(p, "user0000")->days[0].count[UPT_CAT_VIEW] == N + 1);
    CHECK(upt_profile_user(p, N) == NULL);
    CHECK(find(p, "nobody") == NULL);
    upt_profile_free(p);
    upt_profile_free(NULL);
}

static void the_same_event_twice_counts_once(void)
{
    struct upt_profile *p = upt_profile_new();
    struct upt_event ev = ev_of("u1", 86400000, UPT_CAT_VIEW);
    ev.key = "req-1";
    CHECK(upt_profile_add_event(p, &ev) == UPT_OK);
    CHECK(upt_profile_add_event(p, &ev) == UPT_OK);
    ev.key = "req-2";
    CHECK(upt_profile_add_event(p, &ev) == UPT_OK);
    CHECK(find(p, "u1")->days[0].count[UPT_CAT_VIEW] == 2);
    CHECK(upt_profile_duplicates(p) == 1);
    CHECK(!upt_profile_dedupe_full(p));
    upt_profile_free(p);
}

static void a_users_coverage_is_that_of_the_formats_they_appear_in(void)
{
    struct upt_profile *p = upt_profile_new();
    struct upt_event a = ev_of("a", D0, UPT_CAT_LOGIN);
    a.format = "dataverse";
    a.coverage = 1u << UPT_CAT_LOGIN | 1u << UPT_CAT_UPDATE;
    struct upt_event b = ev_of("b", D0, UPT_CAT_VIEW);
    b.format = "salesforce";
    b.coverage = 1u << UPT_CAT_VIEW;
    add_distinct(p, &a);
    add_distinct(p, &b);
    CHECK(upt_profile_coverage(p, find(p, "a")) ==
          (1u << UPT_CAT_LOGIN | 1u << UPT_CAT_UPDATE));
    CHECK(upt_profile_coverage(p, find(p, "b")) == 1u << UPT_CAT_VIEW);
    CHECK(upt_profile_coverage(p, NULL) ==
          (1u << UPT_CAT_LOGIN | 1u << UPT_CAT_UPDATE | 1u << UPT_CAT_VIEW));
    upt_profile_free(p);
}

static void merged_profiles_add_up_to_one_read_in_order(void)
{
    struct upt_profile *all = upt_profile_new();
    struct upt_profile *a = upt_profile_new();
    struct upt_profile *b = upt_profile_new_sharing(a);
    struct upt_event e1 = ev_of("u1", D0 + 1000, UPT_CAT_VIEW);
    struct upt_event e2 = ev_of("u1", D0 + 86400000, UPT_CAT_UPDATE);
    struct upt_event e3 = ev_of("u2", D0 + 5000, UPT_CAT_LOGIN);
    e1.key = "k1";
    e2.key = "k2";
    e3.key = "k3";
    e1.format = e2.format = "salesforce";
    e3.format = "dataverse";
    e1.coverage = e2.coverage = 1u << UPT_CAT_VIEW;
    e3.coverage = 1u << UPT_CAT_LOGIN;
    upt_profile_add_event(all, &e1);
    upt_profile_add_event(all, &e2);
    upt_profile_add_event(all, &e3);
    upt_profile_add_event(a, &e2);
    upt_profile_add_event(a, &e3);
    upt_profile_add_event(b, &e1);
    upt_profile_add_event(b, &e2); /* seen by a: the shared set says so */
    CHECK(upt_profile_merge(a, b) == UPT_OK);
    CHECK(upt_profile_duplicates(a) == 1);
    CHECK(upt_profile_count(a) == 2);
    const struct upt_profile_user *u = find(a, "u1"), *w = find(all, "u1");
    CHECK(u && w && u->ndays == 2 && w->ndays == 2);
    CHECK(u && u->days[0].count[UPT_CAT_VIEW] == 1 &&
          u->days[1].count[UPT_CAT_UPDATE] == 1);
    CHECK(u && u->first_ms == w->first_ms && u->last_ms == w->last_ms);
    CHECK(upt_profile_coverage(a, find(a, "u2")) == 1u << UPT_CAT_LOGIN);
    CHECK(upt_profile_coverage(a, NULL) == upt_profile_coverage(all, NULL));
    CHECK(upt_profile_first_ms(a) == upt_profile_first_ms(all));
    upt_profile_free(b);
    upt_profile_free(a);
    upt_profile_free(all);
}

int main(void)
{
    RUN(merged_profiles_add_up_to_one_read_in_order);
    RUN(a_users_coverage_is_that_of_the_formats_they_appear_in);
    RUN(the_same_event_twice_counts_once);
    RUN(events_of_one_user_on_one_day_aggregate);
    RUN(midnight_starts_a_new_day);
    RUN(days_added_out_of_order_stay_sorted);
    RUN(many_days_in_reverse_order_stay_sorted);
    RUN(the_user_key_is_the_length_given);
    RUN(failed_outcomes_count_outside_the_error_category);
    RUN(session_changes_are_counted_on_their_day);
    RUN(sessions_are_tracked_per_user);
    RUN(first_and_last_times_ignore_arrival_order);
    RUN(coverage_is_the_or_of_every_mask);
    RUN(first_login_name_seen_is_kept);
    RUN(one_service_event_marks_the_user_a_service);
    RUN(users_come_in_order_of_first_appearance);
    return CHECK_DONE();
}
