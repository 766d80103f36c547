/* fall_test.c - unit tests of the search for a fall that lasts */
#include "fall.h"

#include <stdint.h>
#include <string.h>

#include "check.h"

static const struct upt_fall_rule rule = {
    .min_days = 8,
    .min_before = 5,
    .active_share = 0.25,
    .work_share = 0.10,
    .before_active = 0.40,
};

/* A series from a picture of its days, oldest first: '.' no event, '0'
 * an event but no task, '1' to '9' that many tens of tasks. */
struct series {
    unsigned char active[64];
    uint32_t work[64];
    size_t n;
};

static struct series series_of(const char *days)
{
    struct series s;
    memset(&s, 0, sizeof(s));
    for (; *days && s.n < 64; days++, s.n++) {
        s.active[s.n] = *days != '.';
        s.work[s.n] = *days >= '1' && *days <= '9' ? 10u * (*days - '0') : 0;
    }
    return s;
}

static bool find(const char *days, struct upt_fall *out)
{
    struct series s = series_of(days);
    return upt_fall_find(s.active, s.work, s.n, &rule, out);
}

static void a_user_who_stops_falls_for_the_longest_run(void)
{
    struct upt_fall f;
    CHECK(find("2222222222.........", &f));
    CHECK(f.days == 9 && f.active == 0 && f.work == 0);
    CHECK(f.before_days == 10 && f.before_active == 10 && f.before_work == 200);
}

static void a_week_of_leave_at_the_end_is_not_a_fall(void)
{
    struct upt_fall f;
    CHECK(!find("22222222222222.....", &f));
    CHECK(f.days == 0 && f.before_days == 0);
    CHECK(find("2222222222222.......", &f) == false); /* 7 of 8 */
    CHECK(find("222222222222........", &f) && f.days == 8);
}

/* A day or two with a little work is still a fall; a day's full work is
 * not, nor are too many days with any event at all. */
static void the_fall_may_hold_a_few_light_days(void)
{
    struct upt_fall f;
    CHECK(find("2222222222...0...1..", &f));
    CHECK(f.days == 10 && f.active == 2 && f.work == 10);
    CHECK(!find("2222222222...3......", &f));
    CHECK(!find("2222222222.0.0.0.0..", &f)); /* 4 of 10 active */
}

static void the_days_before_need_the_user_there(void)
{
    struct upt_fall f;
    CHECK(!find("9...........", &f)); /* 1 of 5 before: a light user */
    CHECK(find("9.9..........", &f) && f.days == 8 && f.before_active == 2);
    CHECK(!find("....................", &f));
}

static void the_days_before_are_at_least_min_before(void)
{
    struct upt_fall f;
    CHECK(!find("2222........", &f)); /* 4 days before, 8 after */
    CHECK(find("22222........", &f) && f.days == 8 && f.before_days == 5);
    CHECK(!find("", &f));
}

static void a_fall_is_told_in_tasks_or_in_days(void)
{
    struct upt_fall f;
    CHECK(find("2222222222...0...1..", &f));
    CHECK_STREQ(upt_fall_phrase(&f, false).s,
                "active 2 of the last 10 working days, 1.0 tasks a day; 10 "
                "of the 10 before, 20.0 a day");
    CHECK_STREQ(upt_fall_phrase(&f, true).s,
                "active 2 of the last 10 working days, 10 of the 10 before");
}

int main(void)
{
    RUN(a_user_who_stops_falls_for_the_longest_run);
    RUN(a_week_of_leave_at_the_end_is_not_a_fall);
    RUN(the_fall_may_hold_a_few_light_days);
    RUN(the_days_before_need_the_user_there);
    RUN(the_days_before_are_at_least_min_before);
    RUN(a_fall_is_told_in_tasks_or_in_days);
    return CHECK_DONE();
}
