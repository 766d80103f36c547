/* activity.h - weekly active users of a profile, for charts */
#ifndef UPT_ACTIVITY_H
#define UPT_ACTIVITY_H

#include <stddef.h>
#include <stdint.h>

struct upt_profile;
struct upt_diagnosis;

/* One week, Monday to Sunday (UTC). */
struct upt_week {
    int64_t monday;  /* day number of its Monday */
    uint32_t active; /* users with an event on a day of it, services aside */
};

/* The weeks from the one holding FIRST_DAY to the one holding LAST_DAY
 * (day numbers), each with its active users: the users of D, judged from
 * P, that P shows on at least one of its days, services aside (D's status
 * service). *OUT is malloc'd (the caller frees it); returns how many, 0
 * when FIRST_DAY > LAST_DAY, or (size_t)-1 when out of memory. Weeks are
 * capped at 530 (ten years): the last are kept. */
size_t upt_activity_weeks(const struct upt_profile *p,
                          const struct upt_diagnosis *d, int64_t first_day,
                          int64_t last_day, struct upt_week **out);

#endif
