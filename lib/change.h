/* change.h - what changed between two diagnoses: the heart of a nightly
 * mail (uptake diff) */
#ifndef UPT_CHANGE_H
#define UPT_CHANGE_H

#include <stddef.h>

#include "diagnose.h"

enum upt_change_kind {
    UPT_CHANGE_FLAGGED,    /* was not flagged, now is */
    UPT_CHANGE_RECOVERED,  /* was flagged, now adopting */
    UPT_CHANGE_CAUSE,      /* flagged both times, for another cause */
    UPT_CHANGE_STATUS,     /* flagged both times, another status */
    UPT_CHANGE_FIRST_WORK, /* new, and did their first real work */
    UPT_CHANGE_JOINED,     /* not there before */
    UPT_CHANGE_LEFT,       /* departed, or gone from the input */
    UPT_CHANGE_COUNT
};

/* One user whose verdict changed; OLD or NEW is NULL when the user was
 * not there. Both lent by the diagnoses. */
struct upt_change {
    enum upt_change_kind kind;
    const struct upt_verdict *before, *after;
};

/* The changes from OLD to NEW, by user id, in *OUT (malloc'd, the
 * caller frees it); returns how many, or (size_t)-1 when out of memory.
 * A user whose status and cause stayed the same is not listed. */
size_t upt_change_list(const struct upt_diagnosis *before,
                       const struct upt_diagnosis *after,
                       struct upt_change **out);

/* The change from BEFORE to AFTER (either may be NULL: not there), or -1
 * when there is none worth telling. */
int upt_change_kind(const struct upt_verdict *before,
                    const struct upt_verdict *after);

/* "flagged", "recovered", "cause", "status", "first-work", "joined",
 * "left". */
const char *upt_change_kind_name(enum upt_change_kind kind);

#endif
