/* dedupe.h - events given twice (a file read again, hourly and daily files)
 * counted once */
#ifndef UPT_DEDUPE_H
#define UPT_DEDUPE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "event.h"

/* The most distinct events remembered: 8 bytes each in a table at most
 * half full, so the table stays under 64 MiB. Past it, new events are
 * counted without a check (upt_dedupe_full() says so). */
#define UPT_DEDUPE_MAX (4u * 1024 * 1024)

struct upt_dedupe; /* opaque */

/* Returns an empty set, or NULL when out of memory. */
struct upt_dedupe *upt_dedupe_new(void);
void upt_dedupe_free(struct upt_dedupe *d);

/* A 64-bit fingerprint of what makes EV one event: its time, user, type,
 * detail, object, session and the log's own id for it (ev->key). Bits
 * UPT_DEDUPE_DAY_SHIFT to +15 hold the event's UTC day (days since
 * 1970-01-01, modulo 2^16), so that a saved state can keep the
 * fingerprints of the days it keeps; the other 48 bits tell the events of
 * one day apart (two of 100,000 events of a day are taken for one with a
 * chance of about 1 in 56,000). Never 0. */
uint64_t upt_dedupe_fingerprint(const struct upt_event *ev);

#define UPT_DEDUPE_DAY_SHIFT 44

/* The day of a fingerprint, as upt_dedupe_fingerprint put it there:
 * exact for days from 1970 to 2149. */
static inline int32_t upt_dedupe_day(uint64_t fingerprint)
{
    return (int32_t)((fingerprint >> UPT_DEDUPE_DAY_SHIFT) & 0xffff);
}

/* Calls FN for every fingerprint remembered, in no order (when no thread
 * is adding). */
void upt_dedupe_each(const struct upt_dedupe *d,
                     void (*fn)(void *ctx, uint64_t fingerprint), void *ctx);

/* Whether an event with FINGERPRINT was seen before; remembers it if not
 * (and if there is room). Safe to call from several threads at once. */
bool upt_dedupe_seen(struct upt_dedupe *d, uint64_t fingerprint);

/* Events found twice so far, and whether the set ran out of room (read
 * them when no thread is adding). */
uint64_t upt_dedupe_duplicates(const struct upt_dedupe *d);
bool upt_dedupe_full(const struct upt_dedupe *d);

#endif
