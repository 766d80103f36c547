/* profile.h - per-user, per-day aggregates of events: memory grows with users
 * and days */
#ifndef UPT_PROFILE_H
#define UPT_PROFILE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "event.h"
#include "status.h"

/* One user's activity on one UTC day. */
struct upt_day {
    int32_t day; /* days since 1970-01-01 */
    uint32_t count[UPT_CAT_COUNT];
    uint32_t failed;          /* failed events outside the error category */
    uint32_t session_changes; /* times the session key changed */
};

/* One user, as the logs show them. Read-only for callers. */
struct upt_profile_user {
    uint32_t id;   /* in the profile's string table */
    uint32_t name; /* login name, UPT_STRTAB_NONE if the log gave none */
    int64_t first_ms, last_ms;
    bool service;
    uint16_t formats;      /* bit i: an event of the profile's format i */
    uint32_t last_session; /* hash of the last session key seen */
    uint32_t last_input;   /* the input it was seen in (see begin_input) */
    struct upt_day *days;  /* ascending by day */
    uint32_t ndays, cap;
};

struct upt_profile; /* opaque */

/* Returns an empty profile, or NULL when out of memory. */
struct upt_profile *upt_profile_new(void);

/* An empty profile that tells duplicates with OWNER's set, so that
 * profiles filled on several threads and merged count an event read
 * twice once; OWNER must outlive it. NULL when out of memory. */
struct upt_profile *upt_profile_new_sharing(struct upt_profile *owner);

/* Adds everything of SRC (users, days, names, formats, coverage) to DST;
 * the order of merges does not change the result. UPT_ENOMEM when out of
 * memory (DST then holds part of SRC). */
enum upt_status upt_profile_merge(struct upt_profile *dst,
                                  const struct upt_profile *src);
void upt_profile_free(struct upt_profile *p);

/* Adds EV, whose category is settled, unless an event with the same
 * fingerprint (upt_dedupe_fingerprint) was added before: the same file
 * read twice, hourly and daily files of one day, a re-delivered file count
 * once. Copies what it keeps (the user id is interned once per user).
 * UPT_ENOMEM when out of memory. */
enum upt_status upt_profile_add_event(struct upt_profile *p,
                                      const struct upt_event *ev);

/* The formats a profile tells apart; more are folded into the last. */
#define UPT_PROFILE_FORMATS 16

/* Whether D holds any event (of any category, a logout too). */
bool upt_profile_day_active(const struct upt_day *d);

/* The categories the input could show (bit 1 << cat): of all formats
 * read, or of those USER appeared in (USER may be NULL: all). A user's
 * coverage is what counts for judging them: a Dataverse user is not
 * judged by views that only another CRM's log can hold. */
unsigned upt_profile_coverage(const struct upt_profile *p,
                              const struct upt_profile_user *user);

/* Records that logs of FORMAT (NULL: unnamed) can show MASK, besides what
 * its events say (ev->coverage); for a caller that knows more. */
void upt_profile_add_coverage(struct upt_profile *p, const char *format,
                              unsigned mask);

/* The latest event time seen, or INT64_MIN when there was none. */
int64_t upt_profile_last_ms(const struct upt_profile *p);

/* Marks the start of another input: session keys are compared within one
 * input, so that inputs read on several threads and merged count the same
 * session changes as inputs read one after another. */
void upt_profile_begin_input(struct upt_profile *p);

/* Events not added because they were added before; and whether the
 * memory for telling them apart ran out (UPT_DEDUPE_MAX), after which
 * duplicates are counted. */
uint64_t upt_profile_duplicates(const struct upt_profile *p);
bool upt_profile_dedupe_full(const struct upt_profile *p);

/* The earliest event time seen, or INT64_MAX when there was none. */
int64_t upt_profile_first_ms(const struct upt_profile *p);

/* The users, in order of first appearance; lent until the next add. */
size_t upt_profile_count(const struct upt_profile *p);
const struct upt_profile_user *upt_profile_user(const struct upt_profile *p,
                                                size_t i);

/* The user with id ID (LEN bytes), or NULL. */
const struct upt_profile_user *upt_profile_find(const struct upt_profile *p,
                                                const char *id, size_t len);

/* The string of a user's id or name. */
const char *upt_profile_str(const struct upt_profile *p, uint32_t sid);

/* The length of a user's id or name (an id may hold a NUL byte). */
size_t upt_profile_str_len(const struct upt_profile *p, uint32_t sid);

/* For saved states (state.c), which take a profile apart and put it back. */

/* The formats P has met, by slot (bit i of a user's formats): *NAMES and
 * *COVERAGE are lent. Returns how many. */
unsigned upt_profile_formats(const struct upt_profile *p,
                             const char *const **names,
                             const unsigned **coverage);

/* The slot of the format called NAME, a name of the format table that
 * outlives P (upt_format_find(...)->name); made if new. */
unsigned upt_profile_format_slot(struct upt_profile *p, const char *name);

/* A user as a state holds it; FORMATS are bits of P's slots, DAYS are
 * ascending. */
struct upt_profile_saved {
    const char *id, *name; /* NAME may be NULL */
    size_t id_len, name_len;
    int64_t first_ms, last_ms;
    bool service;
    unsigned formats;
    const struct upt_day *days;
    uint32_t ndays;
};

/* Adds a saved user to P as if their events had been added (merged with
 * a user of the same id). UPT_ENOMEM when out of memory. */
enum upt_status upt_profile_restore(struct upt_profile *p,
                                    const struct upt_profile_saved *s);

/* Widens P's time range to FIRST_MS..LAST_MS, as a state recorded it. */
void upt_profile_restore_range(struct upt_profile *p, int64_t first_ms,
                               int64_t last_ms);

/* Remembers FINGERPRINT as an event counted (upt_dedupe_fingerprint). */
void upt_profile_restore_seen(struct upt_profile *p, uint64_t fingerprint);

/* Calls FN for the fingerprint of every event counted, in no order. */
void upt_profile_each_seen(const struct upt_profile *p,
                           void (*fn)(void *ctx, uint64_t fingerprint),
                           void *ctx);

#endif
