/* activity.c - weekly active users of a profile */
#include "activity.h"

#include <stdlib.h>
#include <string.h>

#include "diagnose.h"
#include "profile.h"
#include "userid.h"

#include "banned.h"

enum { MAX_WEEKS = 530 };

/* 1970-01-01 was a Thursday: day 4 is the first Monday. */
static int64_t monday_of(int64_t day)
{
    int64_t since = day - 4;
    int64_t m = since % 7;
    if (m < 0)
        m += 7;
    return day - m;
}

size_t upt_activity_weeks(const struct upt_profile *p,
                          const struct upt_diagnosis *d, int64_t first_day,
                          int64_t last_day, struct upt_week **out)
{
    *out = NULL;
    if (first_day > last_day)
        return 0;
    int64_t first = monday_of(first_day), last = monday_of(last_day);
    size_t n = (size_t)((last - first) / 7 + 1);
    if (n > MAX_WEEKS) {
        first = last - (int64_t)(MAX_WEEKS - 1) * 7;
        n = MAX_WEEKS;
    }
    struct upt_week *w = calloc(n, sizeof(*w));
    if (!w)
        return (size_t)-1;
    for (size_t i = 0; i < n; i++)
        w[i].monday = first + (int64_t)i * 7;
    for (size_t i = 0; i < upt_diagnosis_count(d); i++) {
        const struct upt_verdict *v = upt_diagnosis_get(d, i);
        if (v->status == UPT_VS_SERVICE)
            continue;
        size_t len = strlen(v->user);
        const struct upt_profile_user *pu =
            upt_profile_find(p, v->user, upt_userid_key_len(v->user, len));
        if (!pu)
            continue;                /* on the roster only */
        int64_t counted = INT64_MIN; /* the last week this user counted in */
        for (uint32_t k = 0; k < pu->ndays; k++) {
            int64_t day = pu->days[k].day;
            if (day < first_day || day > last_day || day < first)
                continue;
            int64_t monday = monday_of(day);
            if (monday == counted)
                continue;
            counted = monday;
            w[(monday - first) / 7].active++;
        }
    }
    *out = w;
    return n;
}
