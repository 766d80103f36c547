/* format_salesforce_login.c - Salesforce login history: LoginHistory and
 * LoginEvent records */
#include "format.h"

#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "diag.h"
#include "timestamp.h"
#include "userid.h"

#include "banned.h"

/* API names first, then the labels of the UI download (formats.md 2.1). */
enum col {
    C_TIME,
    C_USER,
    C_USERNAME,
    C_STATUS,
    C_TYPE,
    C_APP,
    C_PLATFORM,
    C_SESSION,
    C_SUBTYPE,
    C_COUNT
};

static const char *const names[C_COUNT] = {
    [C_TIME] = "LoginTime|EventDate|Login Time",
    [C_USER] = "UserId|User ID",
    [C_USERNAME] = "Username|User Name",
    [C_STATUS] = "Status",
    [C_TYPE] = "LoginType|Login Type",
    [C_APP] = "Application",
    [C_PLATFORM] = "Platform",
    [C_SESSION] = "SessionKey|LoginKey|LoginHistoryId|Login History ID",
    [C_SUBTYPE] = "LoginSubType|Login Subtype",
};

enum { DETAIL_MAX = 512 };

struct state {
    int col[C_COUNT];
    char detail[DETAIL_MAX];
};

static int detect(const struct upt_row *h)
{
    int col[C_COUNT];
    upt_format_map(h, names, C_COUNT, col);
    return col[C_TIME] >= 0 && col[C_STATUS] >= 0 &&
           (col[C_USER] >= 0 || col[C_USERNAME] >= 0) &&
           upt_format_column(h, "EVENT_TYPE") < 0;
}

static void *open_state(const struct upt_row *h)
{
    struct state *st = malloc(sizeof(*st));
    if (st)
        upt_format_map(h, names, C_COUNT, st->col);
    return st;
}

static void close_state(void *state) { free(state); }

static const char *get(const struct state *st, const struct upt_row *row,
                       enum col c)
{
    return upt_format_get(row, st->col[c], NULL);
}

static enum upt_channel channel(const struct state *st,
                                const struct upt_row *row)
{
    const char *platform = get(st, row, C_PLATFORM);
    const char *app = get(st, row, C_APP);
    const char *type = get(st, row, C_TYPE);
    if (strstr(platform, "iPhone") || strstr(platform, "iPad") ||
        strstr(platform, "Android") || strstr(platform, "iOS") ||
        strstr(app, "for iOS") || strstr(app, "for Android"))
        return UPT_CHAN_MOBILE;
    if (strcasecmp(type, "Partner Product") == 0 ||
        strcasecmp(type, "Other Apex API") == 0 ||
        strcasecmp(type, "Partner") == 0 || strcasecmp(type, "OtherApi") == 0)
        return UPT_CHAN_API;
    return UPT_CHAN_WEB;
}

static enum upt_adapt adapt(void *state, const struct upt_row *row,
                            struct upt_event *ev, char *err, size_t errsize)
{
    struct state *st = state;
    size_t len;

    if (upt_format_time(row, st->col[C_TIME], "login time", true, ev, err,
                        errsize) != UPT_ADAPT_EVENT)
        return UPT_ADAPT_BAD;
    const char *id = upt_format_get(row, st->col[C_USER], &len);
    if (len == 0)
        id = upt_format_get(row, st->col[C_USERNAME], &len);
    if (len == 0)
        return UPT_ADAPT_SKIP;
    ev->user = id;
    ev->user_len = upt_userid_key_len(id, len);
    ev->user_name = get(st, row, C_USERNAME);
    ev->type = "Login";
    const char *status = get(st, row, C_STATUS);
    /* the rules see "status|login type" */
    snprintf(st->detail, sizeof(st->detail), "%s|%s", status,
             get(st, row, C_TYPE));
    ev->detail = st->detail;
    ev->outcome = strcasecmp(status, "Success") == 0 ? UPT_OUTCOME_OK
                                                     : UPT_OUTCOME_FAILED;
    ev->channel = channel(st, row);
    ev->service =
        strcasecmp(get(st, row, C_SUBTYPE), "oauthclientcredential") == 0;
    ev->session = get(st, row, C_SESSION);
    ev->object = "";
    return UPT_ADAPT_EVENT;
}

static const struct upt_rule_def rules[] = {
    /* Help And Training logins are the user looking for help */
    {"Login", "(?i)^success\\|help ?and ?training", UPT_CAT_HELP},
    {"Login", "(?i)^success\\|", UPT_CAT_LOGIN},
    {"Login", "", UPT_CAT_ERROR},
    {NULL, NULL, 0},
};

const struct upt_format upt_format_salesforce_login = {
    .name = "salesforce-login",
    .title = "Salesforce login history (LoginHistory, LoginEvent records; "
             "the Login History download)",
    .recognised = "columns LoginTime, EventDate or Login Time; Status; and "
                  "UserId or Username",
    .rules = rules,
    .detect = detect,
    .open = open_state,
    .adapt = adapt,
    .close = close_state,
};
