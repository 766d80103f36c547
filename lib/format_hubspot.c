/* format_hubspot.c - HubSpot account activity: login history, security
 * activity and audit logs, from the API (JSON) or the UI exports (CSV) */
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

enum col {
    C_TIME,
    C_EMAIL,
    C_USERID,
    C_TYPE,
    C_SUCCEEDED,
    C_AGENT,
    C_CATEGORY,
    C_SUBCATEGORY,
    C_ACTION,
    C_ID,
    C_COUNT
};

enum kind { K_AUDIT, K_SECURITY, K_LOGIN, K_COUNT };

enum { DETAIL_MAX = 512 };

struct kind_def;

struct state {
    const struct kind_def *kind;
    int col[C_COUNT];
    char detail[DETAIL_MAX];
};

typedef void fill_fn(struct state *st, const struct upt_row *row,
                     struct upt_event *ev);
static fill_fn fill_audit, fill_security, fill_login;

/* The API's keys are documented (formats.md 4); the UI exports' headers
 * are not, so the labels after them are guesses at what the CSV says. */
static const struct kind_def {
    const char *type;           /* the events' type, as the rules see it */
    const char *names[C_COUNT]; /* NULL: not read in this kind */
    unsigned required;  /* columns (1 << C_X) besides a time and a user */
    const char *marker; /* a header needs one of these to be this kind */
    fill_fn *fill;      /* the event's detail, object, channel, outcome */
} kinds[K_COUNT] = {
    [K_AUDIT] =
        {
            .type = "Audit",
            .names =
                {
                    [C_TIME] = "occurredAt|Occurred at|Date|Time|Timestamp",
                    [C_EMAIL] = "actingUser.userEmail|Acting user|"
                                "Modified by|User|User email|Email",
                    [C_USERID] = "actingUser.userId|Acting user ID",
                    [C_CATEGORY] = "category",
                    [C_SUBCATEGORY] = "subCategory|Sub-category|Sub category",
                    [C_ACTION] = "action",
                    [C_ID] = "id",
                },
            .required = 1u << C_CATEGORY | 1u << C_ACTION,
            .marker = "",
            .fill = fill_audit,
        },
    [K_SECURITY] =
        {
            .type = "Security",
            .names =
                {
                    [C_TIME] = "createdAt|Created at|Time|Date|Timestamp",
                    [C_EMAIL] = "actingUser|Acting user|User|User email|Email|"
                                "Email address",
                    [C_USERID] = "userId",
                    [C_TYPE] = "type|Type of action|Action type|Action",
                    [C_ID] = "id",
                },
            .required = 1u << C_TYPE,
            .marker = "objectId|infoUrl|Object ID|Affected object|URL|Info URL",
            .fill = fill_security,
        },
    [K_LOGIN] =
        {
            .type = "Login",
            .names =
                {
                    [C_TIME] = "loginAt|Login time|Login date|"
                               "Login timestamp|Date|Time|Timestamp",
                    [C_EMAIL] = "email|User email|Email address|User",
                    [C_USERID] = "userId",
                    [C_TYPE] = "Type|Login type|Type of login",
                    [C_SUCCEEDED] = "loginSucceeded|Login succeeded|"
                                    "Succeeded|Status|Result",
                    [C_AGENT] = "userAgent|User agent",
                    [C_ID] = "id",
                },
            .required = 0,
            .marker = "loginAt|loginSucceeded|userAgent|Login time|"
                      "Login date|Login timestamp|Login type|Type of login|"
                      "User agent",
            .fill = fill_login,
        },
};

static void map(const struct upt_row *h, const struct kind_def *kd, int *col)
{
    for (int c = 0; c < C_COUNT; c++) {
        col[c] = -1;
        if (kd->names[c])
            upt_format_map(h, &kd->names[c], 1, &col[c]);
    }
}

static bool has_marker(const struct upt_row *h, const char *marker)
{
    int col;
    if (!marker[0])
        return true;
    upt_format_map(h, &marker, 1, &col);
    return col >= 0;
}

/* The kind of HEADER, with its columns in COL; -1 when none fits. */
static int kind_of(const struct upt_row *h, int *col)
{
    for (int k = 0; k < K_COUNT; k++) {
        const struct kind_def *kd = &kinds[k];
        map(h, kd, col);
        if (col[C_TIME] < 0 || (col[C_EMAIL] < 0 && col[C_USERID] < 0))
            continue;
        bool ok = true;
        for (int c = 0; c < C_COUNT; c++)
            if ((kd->required & 1u << c) && col[c] < 0)
                ok = false;
        if (ok && has_marker(h, kd->marker))
            return k;
    }
    return -1;
}

static int detect(const struct upt_row *h)
{
    int col[C_COUNT];
    return kind_of(h, col) >= 0;
}

static void *open_state(const struct upt_row *h)
{
    struct state *st = malloc(sizeof(*st));
    if (!st)
        return NULL;
    int k = kind_of(h, st->col);
    /* --format hubspot on another log: read it as a login history, whose
     * rows then lack a time or a user and are reported */
    if (k < 0) {
        k = K_LOGIN;
        map(h, &kinds[k], st->col);
    }
    st->kind = &kinds[k];
    return st;
}

static void close_state(void *state) { free(state); }

static const char *get(const struct state *st, const struct upt_row *row,
                       enum col c)
{
    return upt_format_get(row, st->col[c], NULL);
}

static bool contains_ci(const char *s, const char *needle)
{
    size_t n = strlen(needle);
    for (; *s; s++)
        if (strncasecmp(s, needle, n) == 0)
            return true;
    return false;
}

/* loginSucceeded is a JSON boolean; a CSV may say it in words. */
static bool says_failed(const char *v)
{
    static const char *const no[] = {"false", "0", "no"};
    for (size_t i = 0; i < sizeof(no) / sizeof(no[0]); i++)
        if (strcasecmp(v, no[i]) == 0)
            return true;
    return contains_ci(v, "fail");
}

/* Types "Mobile password login" and the like; the app's and phone
 * browsers' user agents name the device. */
static enum upt_channel login_channel(const char *type, const char *agent)
{
    static const char *const mobile[] = {"iPhone", "iPad", "iPod", "Android",
                                         "Mobile"};
    if (contains_ci(type, "HubSpot tools"))
        return UPT_CHAN_API;
    if (strncasecmp(type, "Mobile", 6) == 0)
        return UPT_CHAN_MOBILE;
    for (size_t i = 0; i < sizeof(mobile) / sizeof(mobile[0]); i++)
        if (contains_ci(agent, mobile[i]))
            return UPT_CHAN_MOBILE;
    return UPT_CHAN_WEB;
}

static void fill_login(struct state *st, const struct upt_row *row,
                       struct upt_event *ev)
{
    const char *type = get(st, row, C_TYPE);
    bool failed =
        says_failed(get(st, row, C_SUCCEEDED)) || contains_ci(type, "fail");
    /* the rules see "ok|type" or "failed|type" */
    snprintf(st->detail, sizeof(st->detail), "%s|%s", failed ? "failed" : "ok",
             type);
    ev->outcome = failed ? UPT_OUTCOME_FAILED : UPT_OUTCOME_OK;
    ev->channel = login_channel(type, get(st, row, C_AGENT));
}

static void fill_security(struct state *st, const struct upt_row *row,
                          struct upt_event *ev)
{
    (void)ev;
    snprintf(st->detail, sizeof(st->detail), "%s", get(st, row, C_TYPE));
}

static void fill_audit(struct state *st, const struct upt_row *row,
                       struct upt_event *ev)
{
    const char *sub = get(st, row, C_SUBCATEGORY);
    const char *action = get(st, row, C_ACTION);
    /* the rules see "category|subcategory|action" */
    snprintf(st->detail, sizeof(st->detail), "%s|%s|%s",
             get(st, row, C_CATEGORY), sub, action);
    ev->object = sub;
    if (contains_ci(sub, "fail") || contains_ci(action, "fail"))
        ev->outcome = UPT_OUTCOME_FAILED;
}

static enum upt_adapt adapt(void *state, const struct upt_row *row,
                            struct upt_event *ev, char *err, size_t errsize)
{
    struct state *st = state;
    size_t len;

    if (upt_format_time(row, st->col[C_TIME], "timestamp", false, ev, err,
                        errsize) != UPT_ADAPT_EVENT)
        return UPT_ADAPT_BAD;
    /* the e-mail, as a roster is likely to carry it; else the numeric id */
    const char *id = upt_format_get(row, st->col[C_EMAIL], &len);
    if (len == 0)
        id = upt_format_get(row, st->col[C_USERID], &len);
    if (len == 0) {
        snprintf(err, errsize, "no user; row skipped");
        return UPT_ADAPT_BAD;
    }
    ev->user = id;
    ev->user_len = upt_userid_key_len(id, len);
    ev->user_name = "";
    ev->type = st->kind->type;
    ev->object = "";
    ev->session = "";
    ev->channel = UPT_CHAN_WEB;
    ev->outcome = UPT_OUTCOME_OK;
    ev->service = false;
    ev->detail = st->detail;
    ev->key = get(st, row, C_ID);
    st->kind->fill(st, row, ev);
    return UPT_ADAPT_EVENT;
}

/* Settings, users and permissions are admin work; records of CRM objects
 * are the users' own. A category not named here is "other". */
#define CRM_CATEGORY                                                           \
    "(?i)^(crm[ _]?objects?|property[ _]values?|records?|objects?|"            \
    "contacts?|compan(y|ies)|deals?|tickets?|tasks?|notes?|calls?|"            \
    "meetings?|line[ _]items?|quotes?|products?|engagements?|activit(y|ies)|"  \
    "associations?)\\|[^|]*\\|"

static const struct upt_rule_def rules[] = {
    {"Login", "^failed\\|", UPT_CAT_ERROR},
    /* a HubSpot process (a scheduled export) working for the user: not a
     * login by the person */
    {"Login", "(?i)^ok\\|hubspot tools", UPT_CAT_API},
    {"Login", "^ok\\|", UPT_CAT_LOGIN},
    {"Security", "(?i)export", UPT_CAT_EXPORT},
    {"Security", "", UPT_CAT_ADMIN},
    {"Audit", "(?i)^login[^|]*\\|.*fail", UPT_CAT_ERROR},
    {"Audit", "(?i)^login[^|]*\\|", UPT_CAT_LOGIN},
    {"Audit", "(?i)export", UPT_CAT_EXPORT},
    {"Audit", "(?i)import", UPT_CAT_IMPORT},
    {"Audit", CRM_CATEGORY "(create|add)", UPT_CAT_CREATE},
    {"Audit", CRM_CATEGORY "(update|edit|change|merge|restore)",
     UPT_CAT_UPDATE},
    {"Audit", CRM_CATEGORY "(delete|remove|archive|purge)", UPT_CAT_DELETE},
    {"Audit",
     "(?i)^(security[ _a-z]*|users?|user[ _]management|permissions?|teams?|"
     "roles?|seats?|settings?|account[ _a-z]*|integrations?|apps?|"
     "private[ _]apps?|api[ _]keys?|sso|domains?|workflows?|automation|"
     "pipelines?|propert(y|ies)|property[ _]groups?|custom[ _]objects?|"
     "schemas?)\\|",
     UPT_CAT_ADMIN},
    {NULL, NULL, 0},
};

const struct upt_format upt_format_hubspot = {
    .name = "hubspot",
    .title = "HubSpot account activity: login history, security activity and "
             "audit logs (account activity API JSON, or the CSV exports)",
    .recognised =
        "a time and a user column (email, actingUser, userId, User...) with: "
        "category and action (audit log); type and objectId, infoUrl or URL "
        "(security activity); loginAt, loginSucceeded, userAgent, Login time "
        "or Login type (login history)",
    .rules = rules,
    .detect = detect,
    .open = open_state,
    .adapt = adapt,
    .close = close_state,
};
