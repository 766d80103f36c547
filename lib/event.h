/* event.h - the normalized event every format adapter produces (DESIGN.md §2)
 */
#ifndef UPT_EVENT_H
#define UPT_EVENT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

enum upt_category {
    UPT_CAT_LOGIN,
    UPT_CAT_LOGOUT,
    UPT_CAT_VIEW,
    UPT_CAT_SEARCH,
    UPT_CAT_CREATE,
    UPT_CAT_UPDATE,
    UPT_CAT_DELETE,
    UPT_CAT_REPORT,
    UPT_CAT_EXPORT,
    UPT_CAT_IMPORT,
    UPT_CAT_API,
    UPT_CAT_ERROR,
    UPT_CAT_HELP,
    UPT_CAT_ADMIN,
    UPT_CAT_OTHER,
    UPT_CAT_COUNT
};

enum upt_channel {
    UPT_CHAN_WEB,
    UPT_CHAN_MOBILE,
    UPT_CHAN_API,
    UPT_CHAN_OTHER
};

enum upt_outcome { UPT_OUTCOME_OK, UPT_OUTCOME_FAILED };

/* A value struct filled in place for each row: no allocation per row. The
 * strings are lent by whoever filled the event (the adapter, from the row)
 * and live until the next row; "" where the log has nothing. */
struct upt_event {
    int64_t time_ms; /* UTC, milliseconds since the epoch */
    const char *user;
    size_t user_len;
    const char *user_name; /* a login name where the log gives one */
    enum upt_category category;
    enum upt_channel channel;
    enum upt_outcome outcome;
    bool service; /* the log marks the identity as not a person */
    /* time_ms is a wall-clock time with no zone in the log (a locale UI
     * download): the source converts it with the user's --tz */
    bool local_time;
    const char *object;
    const char *session;
    const char *type;   /* the log's own event type, "Login", "URI", … */
    const char *detail; /* the value classified: status, URI, origin … */
    const char *key;    /* the log's own id of the event, or NULL */
    /* set by the source: the format read, and the categories its rules can
     * give events of this type (what such a log could show) */
    const char *format;
    unsigned coverage;
};

/* "login", "view", …; NULL for an out-of-range value. */
const char *upt_category_name(enum upt_category cat);

/* The category called NAME, or -1. */
int upt_category_from_name(const char *name);

/* "web", "mobile", "api", "other". */
const char *upt_channel_name(enum upt_channel chan);

/* "ok", "failed". */
const char *upt_outcome_name(enum upt_outcome outcome);

#endif
