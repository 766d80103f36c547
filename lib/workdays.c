/* workdays.c - the days an organisation works, as its users' days show */
#include "workdays.h"

#include <stdlib.h>

#include "profile.h"

#include "banned.h"

bool upt_workdays_weekday(int64_t day)
{
    int dow = (int)(((day + 4) % 7 + 7) % 7); /* 1970-01-01 was a Thursday */
    return dow != 0 && dow != 6;
}

static int cmp_u32(const void *a, const void *b)
{
    uint32_t x = *(const uint32_t *)a, y = *(const uint32_t *)b;
    return (x > y) - (x < y);
}

int upt_workdays_mark(const struct upt_profile *p, int64_t first, size_t n,
                      double share, unsigned char *out)
{
    uint32_t *active = calloc(2 * n + 1, sizeof(*active));
    if (!active)
        return -1;
    uint32_t *sorted = active + n;
    for (size_t i = 0; i < upt_profile_count(p); i++) {
        const struct upt_profile_user *u = upt_profile_user(p, i);
        for (uint32_t k = 0; !u->service && k < u->ndays; k++) {
            int64_t at = (int64_t)u->days[k].day - first;
            if (at >= 0 && (size_t)at < n &&
                upt_profile_day_active(&u->days[k]))
                active[at]++;
        }
    }
    size_t weekdays = 0;
    for (size_t i = 0; i < n; i++)
        if (upt_workdays_weekday(first + (int64_t)i))
            sorted[weekdays++] = active[i];
    qsort(sorted, weekdays, sizeof(*sorted), cmp_u32);
    uint32_t median = weekdays ? sorted[weekdays / 2] : 0;
    for (size_t i = 0; i < n; i++)
        out[i] = median < UPT_WORKDAYS_MIN_USERS
                     ? (unsigned char)upt_workdays_weekday(first + (int64_t)i)
                     : active[i] >= share * median;
    free(active);
    return 0;
}
