/* format_salesforce.c - Salesforce Event Monitoring event log files (ELF CSV)
 */
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
    C_EVENT_TYPE,
    C_TIMESTAMP_DERIVED,
    C_TIMESTAMP,
    C_USER_ID,
    C_USER_ID_DERIVED,
    C_USER_NAME,
    C_VIEWING_USER_ID,
    C_DELEGATED_USER_ID,
    C_USER_TYPE,
    C_LOGIN_KEY,
    C_SESSION_KEY,
    C_REQUEST_STATUS,
    C_LOGIN_STATUS,
    C_LOGIN_SUB_TYPE,
    C_URI,
    C_PAGE_URL,
    C_UI_EVENT_SOURCE,
    C_ORIGIN,
    C_RENDERING_TYPE,
    C_IS_SCHEDULED,
    C_OPERATION_TYPE,
    C_METHOD_NAME,
    C_METHOD,
    C_TRANSACTION_TYPE,
    C_DML_TYPE,
    C_OPERATION,
    C_PAGE_ENTITY_TYPE,
    C_RECORD_TYPE,
    C_ENTITY_NAME,
    C_ENTITY_TYPE,
    C_KEY_PREFIX,
    C_DEVICE_PLATFORM,
    C_OS_NAME,
    C_PLATFORM_TYPE,
    C_BROWSER_TYPE,
    C_SUCCESS,
    C_IS_SUCCESS,
    C_REQUEST_ID,
    C_COUNT
};

static const char *const col_names[C_COUNT] = {
    "EVENT_TYPE",
    "TIMESTAMP_DERIVED",
    "TIMESTAMP",
    "USER_ID",
    "USER_ID_DERIVED",
    "USER_NAME",
    "VIEWING_USER_ID",
    "DELEGATED_USER_ID",
    "USER_TYPE",
    "LOGIN_KEY",
    "SESSION_KEY",
    "REQUEST_STATUS",
    "LOGIN_STATUS",
    "LOGIN_SUB_TYPE",
    "URI",
    "PAGE_URL",
    "UI_EVENT_SOURCE",
    "ORIGIN",
    "RENDERING_TYPE",
    "IS_SCHEDULED",
    "OPERATION_TYPE",
    "METHOD_NAME",
    "METHOD",
    "TRANSACTION_TYPE",
    "DML_TYPE",
    "OPERATION",
    "PAGE_ENTITY_TYPE",
    "RECORD_TYPE",
    "ENTITY_NAME",
    "ENTITY_TYPE",
    "KEY_PREFIX",
    "DEVICE_PLATFORM",
    "OS_NAME",
    "PLATFORM_TYPE",
    "BROWSER_TYPE",
    "SUCCESS",
    "IS_SUCCESS",
    "REQUEST_ID",
};

/* Which column holds the value the rules classify, per event type; the
 * rest use URI. Report is special: ORIGIN and RENDERING_TYPE together. */
static const struct {
    const char *type;
    enum col col;
} detail_cols[] = {
    {"Login", C_LOGIN_STATUS},
    {"LightningPageView", C_PAGE_URL},
    {"LightningInteraction", C_UI_EVENT_SOURCE},
    {"LightningError", C_UI_EVENT_SOURCE},
    {"BulkApi", C_OPERATION_TYPE},
    {"BulkApi2", C_OPERATION_TYPE},
    {"BulkApiRequest", C_OPERATION_TYPE},
    {"API", C_METHOD_NAME},
    {"RestApi", C_METHOD},
    {"ContentTransfer", C_TRANSACTION_TYPE},
    {"DatabaseSave", C_DML_TYPE},
    {"MetadataApiOperation", C_OPERATION},
};

static const enum col object_cols[] = {C_PAGE_ENTITY_TYPE, C_RECORD_TYPE,
                                       C_ENTITY_NAME, C_ENTITY_TYPE,
                                       C_KEY_PREFIX};

static const char *const api_types[] = {
    "API",
    "RestApi",
    "ApexRestApi",
    "ApexSoap",
    "BulkApi",
    "BulkApi2",
    "BulkApiRequest",
    "ApiTotalUsage",
    "MetadataApiOperation",
};

enum { DETAIL_MAX = 2048 };

/* A file's rows come an event type at a time: what a type looks up in
 * the tables above is kept for the next row of the same type. */
struct type_facts {
    char type[40]; /* "" until a row is seen, or for a longer type */
    enum col detail;
    bool api;
};

struct state {
    int col[C_COUNT];
    struct type_facts last;
    char detail[DETAIL_MAX];
};

static int sf_detect(const struct upt_row *h)
{
    /* no user column is needed: some types (ApexUnexpectedException) have
     * none, and their rows are skipped as no one's activity */
    return upt_format_column(h, "EVENT_TYPE") >= 0 &&
           (upt_format_column(h, "TIMESTAMP") >= 0 ||
            upt_format_column(h, "TIMESTAMP_DERIVED") >= 0);
}

static void *sf_open(const struct upt_row *h)
{
    struct state *st = malloc(sizeof(*st));
    if (!st)
        return NULL;
    for (int c = 0; c < C_COUNT; c++)
        st->col[c] = upt_format_column(h, col_names[c]);
    st->last.type[0] = '\0';
    return st;
}

static void sf_close(void *state) { free(state); }

/* An absent column reads as "". */
static const char *get(const struct state *st, const struct upt_row *row,
                       enum col c, size_t *len)
{
    int i = st->col[c];
    if (i < 0 || (size_t)i >= row->count) {
        *len = 0;
        return "";
    }
    *len = row->len[i];
    return row->field[i];
}

static const char *get0(const struct state *st, const struct upt_row *row,
                        enum col c)
{
    size_t len;
    return get(st, row, c, &len);
}

/* Salesforce copies a value holding special characters with two extra
 * quotes ("""x""" in the file, "x" after CSV unquoting): drop that pair. */
static void unwrap(const char **s, size_t *len)
{
    if (*len >= 2 && (*s)[0] == '"' && (*s)[*len - 1] == '"') {
        (*s)++;
        *len -= 2;
    }
}

static void set_user(const char *id, size_t len, struct upt_event *ev)
{
    ev->user = id;
    ev->user_len = upt_userid_key_len(id, len);
}

static bool pick_user(struct state *st, const struct upt_row *row,
                      const char *type, struct upt_event *ev)
{
    static const enum col order[] = {C_USER_ID, C_USER_ID_DERIVED};
    size_t len;
    const char *id;

    /* Dashboard rows name the run-as user in USER_ID; LoginAs rows are the
     * delegating admin's doing, not the impersonated user's. */
    if (strcmp(type, "Dashboard") == 0 || strcmp(type, "LoginAs") == 0) {
        id =
            get(st, row,
                type[0] == 'D' ? C_VIEWING_USER_ID : C_DELEGATED_USER_ID, &len);
        if (len > 0) {
            set_user(id, len, ev);
            return true;
        }
    }
    for (size_t i = 0; i < sizeof(order) / sizeof(order[0]); i++) {
        id = get(st, row, order[i], &len);
        if (len > 0) {
            set_user(id, len, ev);
            return true;
        }
    }
    return false;
}

static bool is_one_of(const char *s, const char *const *set, size_t n);

static const struct type_facts *facts_of(struct state *st, const char *type)
{
    struct type_facts *f = &st->last;
    if (f->type[0] && strcmp(f->type, type) == 0)
        return f;
    f->detail = C_URI;
    for (size_t i = 0; i < sizeof(detail_cols) / sizeof(detail_cols[0]); i++)
        if (strcmp(type, detail_cols[i].type) == 0) {
            f->detail = detail_cols[i].col;
            break;
        }
    f->api =
        is_one_of(type, api_types, sizeof(api_types) / sizeof(api_types[0]));
    size_t len = strlen(type);
    if (len < sizeof(f->type))
        memcpy(f->type, type, len + 1);
    else
        f->type[0] = '\0'; /* not kept: looked up again next time */
    return f;
}

static void set_detail(struct state *st, const struct upt_row *row,
                       const char *type, struct upt_event *ev)
{
    enum col c;
    size_t len;
    const char *s;

    if (strcmp(type, "Report") == 0) {
        snprintf(st->detail, sizeof(st->detail), "%s/%s",
                 get0(st, row, C_ORIGIN), get0(st, row, C_RENDERING_TYPE));
        ev->detail = st->detail;
        return;
    }
    if (strcmp(type, "Dashboard") == 0) {
        ev->detail = strcmp(get0(st, row, C_IS_SCHEDULED), "1") == 0
                         ? "scheduled"
                         : "viewed";
        return;
    }
    c = facts_of(st, type)->detail;
    s = get(st, row, c, &len);
    unwrap(&s, &len);
    if (len >= DETAIL_MAX)
        len = DETAIL_MAX - 1; /* the start of a URL classifies it */
    memcpy(st->detail, s, len);
    st->detail[len] = '\0';
    ev->detail = st->detail;
}

static bool is_one_of(const char *s, const char *const *set, size_t n)
{
    for (size_t i = 0; i < n; i++)
        if (strcmp(s, set[i]) == 0)
            return true;
    return false;
}

static enum upt_channel channel(struct state *st, const struct upt_row *row,
                                const char *type)
{
    static const char *const mobile_os[] = {"Android", "iOS", "ANDROID", "IOS"};
    static const char *const mobile_platform[] = {"5005", "5006", "5007",
                                                  "5200"};
    const char *dp = get0(st, row, C_DEVICE_PLATFORM);

    if (facts_of(st, type)->api)
        return UPT_CHAN_API;
    if (strncmp(dp, "S1:", 3) == 0 || strstr(dp, ":PHONE") ||
        strstr(dp, ":TABLET") ||
        is_one_of(get0(st, row, C_OS_NAME), mobile_os, 4) ||
        is_one_of(get0(st, row, C_PLATFORM_TYPE), mobile_platform, 4) ||
        strcmp(get0(st, row, C_ORIGIN), "ReportRunFromMobile") == 0 ||
        strstr(get0(st, row, C_BROWSER_TYPE), "SalesforceMobileSDK"))
        return UPT_CHAN_MOBILE;
    return UPT_CHAN_WEB;
}

static enum upt_outcome outcome(const struct state *st,
                                const struct upt_row *row, const char *type)
{
    const char *rs = get0(st, row, C_REQUEST_STATUS);
    const char *ls = get0(st, row, C_LOGIN_STATUS);
    const char *ok = get0(st, row, C_SUCCESS);
    const char *is_ok = get0(st, row, C_IS_SUCCESS);

    if ((rs[0] == 'F' || rs[0] == 'A' || rs[0] == 'N') && rs[1] == '\0')
        return UPT_OUTCOME_FAILED;
    if (strcmp(type, "Login") == 0 && ls[0] && strcmp(ls, "LOGIN_NO_ERROR"))
        return UPT_OUTCOME_FAILED;
    if (strcmp(ok, "0") == 0 || strcasecmp(ok, "false") == 0 ||
        strcmp(is_ok, "0") == 0 || strcasecmp(is_ok, "false") == 0)
        return UPT_OUTCOME_FAILED;
    return UPT_OUTCOME_OK;
}

/* Automated Process, guests and client-credential integrations are not
 * people (formats.md 1.7, 9.9). */
static bool service(const struct state *st, const struct upt_row *row)
{
    static const char *const types[] = {"A", "G", "Guest", "AutomatedProcess"};
    return is_one_of(get0(st, row, C_USER_TYPE), types, 4) ||
           strcmp(get0(st, row, C_LOGIN_SUB_TYPE), "oauthclientcredential") ==
               0;
}

/* The time of the row: TIMESTAMP_DERIVED (ISO) where it parses, else
 * TIMESTAMP (compact); both carry the same instant. */
static enum upt_adapt row_time(const struct state *st,
                               const struct upt_row *row, int64_t *ms,
                               char *err, size_t errsize)
{
    static const enum col order[] = {C_TIMESTAMP_DERIVED, C_TIMESTAMP};
    const char *bad = NULL;
    size_t bad_len = 0, len;
    char quoted[64];

    for (size_t i = 0; i < 2; i++) {
        const char *ts = get(st, row, order[i], &len);
        if (len == 0)
            continue;
        if (upt_timestamp_parse(ts, len, ms) == 0)
            return UPT_ADAPT_EVENT;
        if (!bad) {
            bad = ts;
            bad_len = len;
        }
    }
    if (!bad) {
        snprintf(err, errsize, "no timestamp; row skipped");
        return UPT_ADAPT_BAD;
    }
    upt_diag_quote(quoted, sizeof(quoted), bad, bad_len);
    snprintf(err, errsize, "bad timestamp '%s'; row skipped", quoted);
    return UPT_ADAPT_BAD;
}

static enum upt_adapt sf_adapt(void *state, const struct upt_row *row,
                               struct upt_event *ev, char *err, size_t errsize)
{
    struct state *st = state;
    const char *type = get0(st, row, C_EVENT_TYPE);

    /* a CSV header that a converter took for data (formats.md 0.1.5) */
    if (strcasecmp(type, "EVENT_TYPE") == 0)
        return UPT_ADAPT_SKIP;
    if (row_time(st, row, &ev->time_ms, err, errsize) != UPT_ADAPT_EVENT)
        return UPT_ADAPT_BAD;
    if (type[0] == '\0') {
        snprintf(err, errsize, "no EVENT_TYPE; row skipped");
        return UPT_ADAPT_BAD;
    }
    /* batch revocations and system events carry no user: nobody to judge */
    if (!pick_user(st, row, type, ev))
        return UPT_ADAPT_SKIP;
    ev->user_name = get0(st, row, C_USER_NAME);
    ev->type = type;
    ev->key = get0(st, row, C_REQUEST_ID);
    set_detail(st, row, type, ev);
    ev->channel = channel(st, row, type);
    ev->outcome = outcome(st, row, type);
    ev->service = service(st, row);
    ev->session = get0(st, row, C_LOGIN_KEY);
    if (ev->session[0] == '\0')
        ev->session = get0(st, row, C_SESSION_KEY);
    ev->object = "";
    for (size_t i = 0; i < sizeof(object_cols) / sizeof(object_cols[0]); i++) {
        const char *o = get0(st, row, object_cols[i]);
        if (o[0]) {
            ev->object = o;
            break;
        }
    }
    return UPT_ADAPT_EVENT;
}

#define IGN UPT_RULE_IGNORE

/* Built-in classification (formats.md 1.6). The first match wins; each
 * type's last rule is its catch-all. Patterns see the detail column. */
static const struct upt_rule_def sf_rules[] = {
    {"Login", "^LOGIN_NO_ERROR$|^$", UPT_CAT_LOGIN},
    {"Login", ".", UPT_CAT_ERROR},
    {"Logout", "", UPT_CAT_LOGOUT},
    {"LoginAs", "", UPT_CAT_ADMIN},
    /* Classic URIs: /<3-char prefix>/e is a new record, /<id>/e an edit */
    {"URI", "(?i)help|/_ui/training|salesforce_help|/apex/.*guide",
     UPT_CAT_HELP},
    {"URI", "^/(setup|_ui/setup|lightning/setup|ui/setup)/", UPT_CAT_ADMIN},
    {"URI", "^/[A-Za-z0-9]{3}/e(\\?|$)", UPT_CAT_CREATE},
    {"URI", "^/[A-Za-z0-9]{15}([A-Za-z0-9]{3})?/e(\\?|$)", UPT_CAT_UPDATE},
    {"URI",
     "^/[A-Za-z0-9]{15}([A-Za-z0-9]{3})?/d(\\?|$)|/setup/own/deleteredirect",
     UPT_CAT_DELETE},
    {"URI", "^/(_ui/search/|search/|srch/)", UPT_CAT_SEARCH},
    {"URI", "^/(00O|01Z)", UPT_CAT_REPORT},
    {"URI",
     "^/[A-Za-z0-9]{3}/[ol](\\?|$)|^/[A-Za-z0-9]{15}([A-Za-z0-9]{3})?(\\?|$)",
     UPT_CAT_VIEW},
    {"URI",
     "^/(aura|lightning|s/"
     "sfsites|secur|services|visualforce|favicon|img|resource)",
     IGN},
    {"URI", "", UPT_CAT_OTHER},
    {"LightningPageView", "(?i)/lightning/[ro]/(Report|Dashboard)/",
     UPT_CAT_REPORT},
    {"LightningPageView", "^/lightning/setup/", UPT_CAT_ADMIN},
    {"LightningPageView", "(?i)help|/lightning/[ro]/Knowledge__kav/|/articles/",
     UPT_CAT_HELP},
    {"LightningPageView", "^/lightning/r/[^/]+/[^/]+/edit", UPT_CAT_UPDATE},
    {"LightningPageView", "^/lightning/o/[^/]+/new", UPT_CAT_CREATE},
    {"LightningPageView",
     "(?i)^/lightning/(page/)?search|/one/one\\.app#.*search", UPT_CAT_SEARCH},
    /* the home page every login lands on is no work */
    {"LightningPageView", "^/lightning/page/home", UPT_CAT_OTHER},
    {"LightningPageView", "", UPT_CAT_VIEW},
    {"LightningInteraction", "^create$", UPT_CAT_CREATE},
    {"LightningInteraction", "^update$", UPT_CAT_UPDATE},
    {"LightningInteraction", "^delete$", UPT_CAT_DELETE},
    {"LightningInteraction", "^reads?$", UPT_CAT_VIEW},
    {"LightningInteraction", "", UPT_CAT_OTHER},
    {"LightningError", "", UPT_CAT_ERROR},
    {"InsufficientAccess", "", UPT_CAT_ERROR},
    /* Report detail is ORIGIN/RENDERING_TYPE */
    /* scheduled runs are the scheduler's doing, not the user's */
    {"Report", "^ReportScheduled", IGN},
    {"Report", "^ReportExported|/[XCP]$", UPT_CAT_EXPORT},
    {"Report",
     "^(ReportRunUsing|ReportRunFromRestApi|ProbeQuery|"
     "ReportRunFromReportingSnapshot|ChartRendered|ReportResultsAdded)",
     UPT_CAT_API},
    {"Report", "", UPT_CAT_REPORT},
    {"ReportExport", "", UPT_CAT_EXPORT},
    {"Dashboard", "^scheduled$", IGN},
    {"Dashboard", "", UPT_CAT_REPORT},
    {"Search", "", UPT_CAT_SEARCH},
    /* clicking a search result is the follow-up that makes a search useful */
    {"SearchClick", "", UPT_CAT_VIEW},
    {"BulkApi", "(?i)^(insert|update|upsert)", UPT_CAT_IMPORT},
    {"BulkApi2", "(?i)^(insert|update|upsert)", UPT_CAT_IMPORT},
    {"BulkApiRequest", "(?i)^(insert|update|upsert)", UPT_CAT_IMPORT},
    {"BulkApi", "", UPT_CAT_API},
    {"BulkApi2", "", UPT_CAT_API},
    {"BulkApiRequest", "", UPT_CAT_API},
    {"API", "", UPT_CAT_API},
    {"RestApi", "", UPT_CAT_API},
    {"ApexRestApi", "", UPT_CAT_API},
    {"ApexSoap", "", UPT_CAT_API},
    {"ApiTotalUsage", "", UPT_CAT_API},
    {"DatabaseSave", "(?i)^insert", UPT_CAT_CREATE},
    {"DatabaseSave", "(?i)^(update|upsert|undelete)", UPT_CAT_UPDATE},
    {"DatabaseSave", "(?i)^delete", UPT_CAT_DELETE},
    {"DatabaseSave", "", UPT_CAT_OTHER},
    {"ContentTransfer", "(?i)download", UPT_CAT_EXPORT},
    {"ContentTransfer", "(?i)^saveVersion", UPT_CAT_CREATE},
    {"ContentTransfer", "", UPT_CAT_VIEW},
    {"DocumentAttachmentDownloads", "", UPT_CAT_EXPORT},
    {"DocumentAttachmentDownoads", "", UPT_CAT_EXPORT},
    {"WaveDownload", "", UPT_CAT_EXPORT},
    {"WaveChange", "", UPT_CAT_REPORT},
    {"WaveInteraction", "", UPT_CAT_REPORT},
    {"KnowledgeArticleView", "", UPT_CAT_HELP},
    {"Console", "", UPT_CAT_VIEW},
    {"VisualforceRequest", "", UPT_CAT_OTHER},
    {"MetadataApiOperation", "", UPT_CAT_ADMIN},
    {"ChangeSetOperation", "", UPT_CAT_ADMIN},
    {"PackageInstall", "", UPT_CAT_ADMIN},
    {"PermissionUpdate", "", UPT_CAT_ADMIN},
    {"GroupMembership", "", UPT_CAT_ADMIN},
    {"Sandbox", "", UPT_CAT_ADMIN},
    /* machine activity, not a person's use of the CRM */
    {"LightningPerformance", "", IGN},
    {"LightningLogger", "", IGN},
    {"UITelemetryNavigationTiming", "", IGN},
    {"UITelemetryResourceTiming", "", IGN},
    {"ApexExecution", "", IGN},
    {"ApexTrigger", "", IGN},
    {"ApexCallout", "", IGN},
    {"ApexUnexpectedException", "", IGN},
    {"QueuedExecution", "", IGN},
    {"TimeBasedWorkflow", "", IGN},
    {"FlowExecution", "", IGN},
    {"AsyncReportRun", "", IGN},
    {"AsynchronousReportRun", "", IGN},
    {"CspViolation", "", IGN},
    {"CorsViolation", "", IGN},
    {"HostnameRedirects", "", IGN},
    {"BlockedRedirect", "", IGN},
    {"InsecureExternalAssets", "", IGN},
    {"Sites", "", IGN},
    {"ContinuationCalloutSummary", "", IGN},
    {"ConcurrentLongRunningApexLimit", "", IGN},
    {"WavePerformance", "", IGN},
    {"ContentDistribution", "", IGN},
    {"ContentDocumentLink", "", IGN},
    {"TransactionSecurity", "", IGN},
    {"PlatformEncryption", "", IGN},
    {"NamedCredential", "", IGN},
    {NULL, NULL, 0},
};

const struct upt_format upt_format_salesforce = {
    .name = "salesforce",
    .title = "Salesforce Event Monitoring event log files (CSV, or JSON)",
    .recognised = "columns EVENT_TYPE, and TIMESTAMP or TIMESTAMP_DERIVED "
                  "(any case: CSV files, or JSON from SIEM exports)",
    .rules = sf_rules,
    .detect = sf_detect,
    .open = sf_open,
    .adapt = sf_adapt,
    .close = sf_close,
};
