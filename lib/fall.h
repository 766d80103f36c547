/* fall.h - a fall in use that lasts to the end of the window: the
 * working days since a user all but stopped, against the days before */
#ifndef UPT_FALL_H
#define UPT_FALL_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* What makes the last days of a window a fall. */
struct upt_fall_rule {
    unsigned min_days;    /* the fall's working days, at least */
    unsigned min_before;  /* working days before it, at least */
    double active_share;  /* of the fall's days active, at most */
    double work_share;    /* its work a day over the work a day before, at
                             most */
    double before_active; /* of the days before active, at least */
};

/* A fall found: the last DAYS working days, ACTIVE of them with any event
 * and WORK tasks in all, against the BEFORE_DAYS working days before them,
 * BEFORE_ACTIVE active, with BEFORE_WORK tasks. */
struct upt_fall {
    unsigned days, active;
    uint32_t work;
    unsigned before_days, before_active;
    uint32_t before_work;
};

/* Of the N working days of a window, oldest first, where ACTIVE[i] is 1
 * when the user had any event on day i and WORK[i] counts their tasks,
 * finds the longest run of the last days that RULE calls a fall. Returns
 * whether there is one; *OUT holds it, or zeros when there is none. */
bool upt_fall_find(const unsigned char *active, const uint32_t *work, size_t n,
                   const struct upt_fall_rule *rule, struct upt_fall *out);

/* A fall in words: "active 0 of the last 8 working days, 0.0 tasks a day;
 * 11 of the 12 before, 15.6 a day", or where the days themselves were the
 * work (BY_DAYS) "active 0 of the last 8 working days, 11 of the 12
 * before". */
struct upt_fall_text {
    char s[128];
};
struct upt_fall_text upt_fall_phrase(const struct upt_fall *f, bool by_days);

#endif
