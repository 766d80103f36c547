/* fall.c - a fall in use that lasts to the end of the window */
#include "fall.h"

#include <stdio.h>
#include <string.h>

#include "banned.h"

bool upt_fall_find(const unsigned char *active, const uint32_t *work, size_t n,
                   const struct upt_fall_rule *rule, struct upt_fall *out)
{
    unsigned all_active = 0;
    uint64_t all_work = 0;
    bool found = false;
    memset(out, 0, sizeof(*out));
    for (size_t i = 0; i < n; i++) {
        all_active += active[i] != 0;
        all_work += work[i];
    }
    /* the last T days against the N - T before them, T growing */
    unsigned late_active = 0;
    uint64_t late_work = 0;
    for (size_t t = 1; t + rule->min_before <= n; t++) {
        late_active += active[n - t] != 0;
        late_work += work[n - t];
        if (t < rule->min_days)
            continue;
        size_t before = n - t;
        unsigned before_active = all_active - late_active;
        uint64_t before_work = all_work - late_work;
        /* per day on both sides: late / t <= share * before_work / before;
         * and the fall begins on a light day, not on the last full one */
        double most = rule->work_share * (double)before_work;
        if (late_active <= rule->active_share * (double)t &&
            (double)late_work * (double)before <= most * (double)t &&
            (double)work[n - t] * (double)before <= most &&
            before_active >= rule->before_active * (double)before &&
            before_work > 0) {
            *out = (struct upt_fall){
                .days = (unsigned)t,
                .active = late_active,
                .work = (uint32_t)late_work,
                .before_days = (unsigned)before,
                .before_active = before_active,
                .before_work = (uint32_t)before_work,
            };
            found = true;
        }
    }
    return found;
}

struct upt_fall_text upt_fall_phrase(const struct upt_fall *f, bool by_days)
{
    struct upt_fall_text t;
    unsigned days = f->days ? f->days : 1;
    unsigned before = f->before_days ? f->before_days : 1;
    if (by_days)
        snprintf(t.s, sizeof(t.s),
                 "active %u of the last %u working days, %u of the %u before",
                 f->active, f->days, f->before_active, f->before_days);
    else
        snprintf(t.s, sizeof(t.s),
                 "active %u of the last %u working days, %.1f tasks a day; "
                 "%u of the %u before, %.1f a day",
                 f->active, f->days, (double)f->work / days, f->before_active,
                 f->before_days, (double)f->before_work / before);
    return t;
}
