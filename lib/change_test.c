/* change_test.c - which changes of a verdict a nightly mail tells */
#include "change.h"

#include <string.h>

#include "check.h"

static struct upt_verdict v(enum upt_verdict_status s, enum upt_cause c,
                            unsigned writes)
{
    struct upt_verdict x;
    memset(&x, 0, sizeof(x));
    x.user = "u";
    x.status = s;
    x.cause = c;
    x.count[UPT_CAT_CREATE] = writes;
    return x;
}

#define KIND(b, a) upt_change_kind(b, a)

static void each_change_is_named(void)
{
    struct upt_verdict adopting = v(UPT_VS_ADOPTING, UPT_CAUSE_NONE, 5);
    struct upt_verdict unaware = v(UPT_VS_NOT_ADOPTING, UPT_CAUSE_UNAWARE, 0);
    struct upt_verdict risk_unaware = v(UPT_VS_AT_RISK, UPT_CAUSE_UNAWARE, 0);
    struct upt_verdict effort = v(UPT_VS_NOT_ADOPTING, UPT_CAUSE_EFFORT, 1);
    struct upt_verdict fresh = v(UPT_VS_NEW, UPT_CAUSE_NONE, 0);
    struct upt_verdict working = v(UPT_VS_NEW, UPT_CAUSE_NONE, 2);
    struct upt_verdict departed = v(UPT_VS_DEPARTED, UPT_CAUSE_NONE, 0);

    CHECK(KIND(&adopting, &unaware) == UPT_CHANGE_FLAGGED);
    CHECK(KIND(&fresh, &unaware) == UPT_CHANGE_FLAGGED);
    CHECK(KIND(&unaware, &adopting) == UPT_CHANGE_RECOVERED);
    CHECK(KIND(&unaware, &effort) == UPT_CHANGE_CAUSE);
    CHECK(KIND(&unaware, &risk_unaware) == UPT_CHANGE_STATUS);
    CHECK(KIND(&fresh, &working) == UPT_CHANGE_FIRST_WORK);
    CHECK(KIND(&fresh, &adopting) == UPT_CHANGE_FIRST_WORK);
    CHECK(KIND(NULL, &fresh) == UPT_CHANGE_JOINED);
    CHECK(KIND(&adopting, &departed) == UPT_CHANGE_LEFT);
    CHECK(KIND(&adopting, NULL) == UPT_CHANGE_LEFT);
    CHECK_STREQ(upt_change_kind_name(UPT_CHANGE_FIRST_WORK), "first-work");
}

static void sameness_is_not_told(void)
{
    struct upt_verdict adopting = v(UPT_VS_ADOPTING, UPT_CAUSE_NONE, 5);
    struct upt_verdict busier = v(UPT_VS_ADOPTING, UPT_CAUSE_NONE, 50);
    struct upt_verdict unaware = v(UPT_VS_NOT_ADOPTING, UPT_CAUSE_UNAWARE, 0);
    struct upt_verdict working = v(UPT_VS_NEW, UPT_CAUSE_NONE, 2);
    struct upt_verdict departed = v(UPT_VS_DEPARTED, UPT_CAUSE_NONE, 0);
    CHECK(KIND(&adopting, &busier) == -1);
    CHECK(KIND(&unaware, &unaware) == -1);
    CHECK(KIND(&working, &working) == -1); /* told once, the first time */
    CHECK(KIND(&departed, &departed) == -1);
    CHECK(KIND(&departed, NULL) == -1);
    CHECK(KIND(NULL, &departed) == -1);
}

int main(void)
{
    RUN(each_change_is_named);
    RUN(sameness_is_not_told);
    return CHECK_DONE();
}
