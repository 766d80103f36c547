/* workdays_test.c - unit tests of the days an organisation works */
#include "workdays.h"

#include <stdio.h>
#include <string.h>

#include "check.h"
#include "profile.h"
#include "timestamp.h"

/* Monday 2024-03-04, and the four weeks from it. */
#define FIRST INT64_C(19786)
#define DAYS 28

/* One event for USER on day FIRST + DAY; SERVICE marks an integration. */
static void put(struct upt_profile *p, const char *user, int day, bool service)
{
    static unsigned long serial;
    char key[32];
    snprintf(key, sizeof(key), "w%lu", ++serial);
    struct upt_event ev = {.time_ms = (FIRST + day) * UPT_MS_PER_DAY + 43200000,
                           .user = user,
                           .user_len = strlen(user),
                           .user_name = "",
                           .category = UPT_CAT_VIEW,
                           .session = "",
                           .object = "",
                           .type = "T",
                           .detail = "",
                           .key = key,
                           .service = service};
    CHECK(upt_profile_add_event(p, &ev) == UPT_OK);
}

/* USERS people at work on every weekday but HOLIDAY, and on SATURDAY
 * (a day number, or -1) as well. */
static struct upt_profile *org(int users, int holiday, int saturday)
{
    struct upt_profile *p = upt_profile_new();
    char name[16];
    for (int u = 0; u < users; u++) {
        snprintf(name, sizeof(name), "u%d", u);
        for (int d = 0; d < DAYS; d++)
            if ((d % 7 < 5 && d != holiday) || d == saturday)
                put(p, name, d, false);
    }
    return p;
}

static void holidays_and_weekends_are_not_working_days(void)
{
    struct upt_profile *p = org(10, 9, -1);
    unsigned char out[DAYS];
    put(p, "u0", 9, false); /* one who works the holiday */
    CHECK(upt_workdays_mark(p, FIRST, DAYS, 0.30, out) == 0);
    int n = 0;
    for (int d = 0; d < DAYS; d++)
        n += out[d];
    CHECK(n == 19);
    CHECK(out[0] && out[8] && !out[9] && out[10] && !out[5] && !out[6]);
    upt_profile_free(p);
}

static void a_weekend_day_the_org_works_is_a_working_day(void)
{
    struct upt_profile *p = org(10, -1, 12);
    unsigned char out[DAYS];
    CHECK(upt_workdays_mark(p, FIRST, DAYS, 0.30, out) == 0);
    CHECK(out[12] && !out[13] && !out[5]);
    upt_profile_free(p);
}

/* An integration works every day, holidays too: it does not count. */
static void service_identities_are_not_counted(void)
{
    struct upt_profile *p = org(10, 9, -1);
    unsigned char out[DAYS];
    for (int d = 0; d < DAYS; d++)
        for (int k = 0; k < 5; k++) {
            char name[16];
            snprintf(name, sizeof(name), "svc%d", k);
            put(p, name, d, true);
        }
    CHECK(upt_workdays_mark(p, FIRST, DAYS, 0.30, out) == 0);
    CHECK(!out[9] && !out[5]);
    upt_profile_free(p);
}

/* Four users are too few to tell a holiday from chance. */
static void a_small_org_works_every_weekday(void)
{
    struct upt_profile *p = org(UPT_WORKDAYS_MIN_USERS - 1, 9, 12);
    unsigned char out[DAYS];
    CHECK(upt_workdays_mark(p, FIRST, DAYS, 0.30, out) == 0);
    CHECK(out[9] && !out[12] && out[0] && !out[6]);
    upt_profile_free(p);
}

static void weekday_is_monday_to_friday(void)
{
    CHECK(upt_workdays_weekday(FIRST) && upt_workdays_weekday(FIRST + 4));
    CHECK(!upt_workdays_weekday(FIRST + 5) && !upt_workdays_weekday(FIRST + 6));
    CHECK(upt_workdays_weekday(0) && !upt_workdays_weekday(2));   /* Thu, Sat */
    CHECK(upt_workdays_weekday(-3) && !upt_workdays_weekday(-4)); /* Mon, Sun */
}

int main(void)
{
    RUN(holidays_and_weekends_are_not_working_days);
    RUN(a_weekend_day_the_org_works_is_a_working_day);
    RUN(service_identities_are_not_counted);
    RUN(a_small_org_works_every_weekday);
    RUN(weekday_is_monday_to_friday);
    return CHECK_DONE();
}
