/* zone.h - a time zone (--tz) for logs written in local time */
#ifndef UPT_ZONE_H
#define UPT_ZONE_H

#include <stddef.h>
#include <stdint.h>

struct upt_zone; /* opaque */

/* Loads zone NAME: "UTC", a fixed offset ("+02:00", "-0530", "+9"), or
 * an IANA name ("Europe/Paris") read from the system's TZif database in
 * /usr/share/zoneinfo. NULL with the reason in ERR when NAME is none of
 * these (or out of memory). */
struct upt_zone *upt_zone_load(const char *name, char *err, size_t errsize);
void upt_zone_free(struct upt_zone *z);

/* The UTC instant of the wall-clock time LOCAL_MS (milliseconds since the
 * epoch as if the wall clock were UTC). A time that a change of clocks
 * skipped or repeated takes the offset in force just before the change.
 * Past the database's last change, its last offset holds. */
int64_t upt_zone_to_utc(const struct upt_zone *z, int64_t local_ms);

#endif
