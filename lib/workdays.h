/* workdays.h - the days an organisation works, as its users' days show */
#ifndef UPT_WORKDAYS_H
#define UPT_WORKDAYS_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

struct upt_profile;

/* Below this many users active on the median weekday, a quiet day may be
 * chance: every weekday is a working day, and no other day is. */
#define UPT_WORKDAYS_MIN_USERS 5

/* Sets OUT[i], for the N days FIRST + i, to 1 when the organisation
 * worked that day and to 0 when not. A working day is one on which at
 * least SHARE of the users active on the median weekday were active:
 * the weekdays without the holidays the organisation takes, and any
 * weekend day it works. Service identities are not counted. Returns 0,
 * or -1 when out of memory (OUT untouched). */
int upt_workdays_mark(const struct upt_profile *p, int64_t first, size_t n,
                      double share, unsigned char *out);

/* Whether DAY (days since 1970-01-01) is Monday to Friday. */
bool upt_workdays_weekday(int64_t day);

#endif
