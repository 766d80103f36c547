/* format_hubspot_test.c - unit tests of the HubSpot adapter and rules */
#include "format.h"

#include <stdlib.h>
#include <string.h>

#include "check.h"
#include "rules.h"

/* 2026-11-02T08:58:12Z */
#define T0 INT64_C(1793609892000)

enum { MAXCOLS = 16 };

static struct upt_row row_of(const char *const *field, size_t *len, size_t n)
{
    for (size_t i = 0; i < n; i++)
        len[i] = strlen(field[i]);
    return (struct upt_row){.field = field, .len = len, .count = n, .line = 1};
}

/* The names of a header given as a NULL-ended list. */
#define HEADER(...) ((const char *const[]){__VA_ARGS__, NULL})

static size_t count_of(const char *const *names)
{
    size_t n = 0;
    while (names[n])
        n++;
    return n;
}

/* The format detected for the header NAMES, or NULL. */
static const struct upt_format *detected(const char *const *names)
{
    size_t len[MAXCOLS];
    struct upt_row h = row_of(names, len, count_of(names));
    return upt_format_detect(&h);
}

static int hubspot_accepts(const char *const *names)
{
    size_t len[MAXCOLS];
    struct upt_row h = row_of(names, len, count_of(names));
    return upt_format_find("hubspot")->detect(&h);
}

/* The adapter opened on one header, and the built-in rules. */
struct fx {
    const struct upt_format *fmt;
    void *state;
    struct upt_rules *rules;
    const char *const *cols;
    size_t ncols;
    const char *field[MAXCOLS];
    size_t len[MAXCOLS];
    struct upt_event ev;
    char err[256];
};

static void fx_open(struct fx *fx, const char *const *cols)
{
    size_t hlen[MAXCOLS];
    char err[256] = "";
    memset(fx, 0, sizeof(*fx));
    fx->cols = cols;
    fx->ncols = count_of(cols);
    struct upt_row h = row_of(cols, hlen, fx->ncols);
    fx->fmt = upt_format_detect(&h);
    CHECK(fx->fmt == upt_format_find("hubspot"));
    fx->state = fx->fmt ? fx->fmt->open(&h) : NULL;
    fx->rules = upt_format_rules_new(err, sizeof(err));
    CHECK(fx->state != NULL && fx->rules != NULL);
    CHECK_STREQ(err, "");
}

static void fx_close(struct fx *fx)
{
    if (fx->fmt && fx->state)
        fx->fmt->close(fx->state);
    upt_rules_free(fx->rules);
}

/* Adapts a row given as "column=value" strings, NULL-ended; the rest "". */
static enum upt_adapt adapt(struct fx *fx, const char *const *kv)
{
    for (size_t i = 0; i < fx->ncols; i++)
        fx->field[i] = "";
    for (; *kv; kv++) {
        const char *eq = strchr(*kv, '=');
        for (size_t i = 0; i < fx->ncols; i++)
            if (strlen(fx->cols[i]) == (size_t)(eq - *kv) &&
                strncmp(fx->cols[i], *kv, (size_t)(eq - *kv)) == 0)
                fx->field[i] = eq + 1;
    }
    struct upt_row row = row_of(fx->field, fx->len, fx->ncols);
    memset(&fx->ev, 0, sizeof(fx->ev));
    fx->err[0] = '\0';
    return fx->fmt->adapt(fx->state, &row, &fx->ev, fx->err, sizeof(fx->err));
}

#define ADAPT(fx, ...) adapt((fx), (const char *const[]){__VA_ARGS__, NULL})

static int classify(struct fx *fx)
{
    return upt_rules_classify(fx->rules, "hubspot", fx->ev.type, fx->ev.detail,
                              strlen(fx->ev.detail));
}

static int user_is(const struct fx *fx, const char *id)
{
    return fx->ev.user_len == strlen(id) &&
           strncmp(fx->ev.user, id, fx->ev.user_len) == 0;
}

static const char *const api_login[] = {
    "id",        "loginAt",     "userId",     "email",     "loginSucceeded",
    "ipAddress", "countryCode", "regionCode", "userAgent", NULL};
static const char *const api_security[] = {
    "id",      "createdAt", "userId",   "type",        "actingUser", "objectId",
    "infoUrl", "ipAddress", "location", "countryCode", "regionCode", NULL};
static const char *const api_audit[] = {"id",
                                        "category",
                                        "subCategory",
                                        "action",
                                        "targetObjectId",
                                        "occurredAt",
                                        "actingUser.userId",
                                        "actingUser.userEmail",
                                        NULL};
static const char *const ui_login[] = {
    "Login time", "User", "IP address", "Location", "Type", "User agent", NULL};
static const char *const ui_security[] = {
    "Time", "Type", "User", "Object ID", "Location", "URL", NULL};
static const char *const ui_audit[] = {
    "Occurred at", "Category",      "Subcategory", "Action",
    "Modified by", "Target object", NULL};

static void api_and_export_headers_are_hubspot(void)
{
    CHECK(detected(api_login) == upt_format_find("hubspot"));
    CHECK(detected(api_security) == upt_format_find("hubspot"));
    CHECK(detected(api_audit) == upt_format_find("hubspot"));
    CHECK(detected(ui_login) == upt_format_find("hubspot"));
    CHECK(detected(ui_security) == upt_format_find("hubspot"));
    CHECK(detected(ui_audit) == upt_format_find("hubspot"));
}

static void export_header_variants_are_accepted_in_any_case_and_order(void)
{
    CHECK(hubspot_accepts(HEADER("USER AGENT", "type", "user email",
                                 "LOGIN TIME", "location", "Ip Address")));
    CHECK(hubspot_accepts(HEADER("Date", "Email", "Login type", "IP address")));
    CHECK(hubspot_accepts(HEADER("Login date", "User")));
    CHECK(hubspot_accepts(HEADER("date", "type of action", "email address",
                                 "object id", "info url")));
    CHECK(hubspot_accepts(
        HEADER("DATE", "CATEGORY", "SUB-CATEGORY", "ACTION", "ACTING USER")));
    /* the API's login records may lack the e-mail: the id stands in */
    CHECK(hubspot_accepts(HEADER("id", "loginAt", "userId", "loginSucceeded")));
}

static void other_logs_are_not_hubspot(void)
{
    /* Salesforce: ELF, login history (API, LoginEvent, download), setup
     * audit trail (API, download) */
    CHECK(!hubspot_accepts(
        HEADER("EVENT_TYPE", "TIMESTAMP", "REQUEST_ID", "USER_ID", "URI")));
    CHECK(!hubspot_accepts(HEADER("UserId", "LoginTime", "LoginType",
                                  "SourceIp", "Status", "Browser", "Platform",
                                  "Application")));
    CHECK(!hubspot_accepts(HEADER("EventDate", "Username", "UserId", "Status",
                                  "LoginType", "SourceIp", "Browser")));
    CHECK(!hubspot_accepts(HEADER("Login Time", "Username", "Source IP",
                                  "Login Type", "Status", "Browser", "Platform",
                                  "Application", "Login URL")));
    CHECK(
        !hubspot_accepts(HEADER("Id", "Action", "Display", "Section",
                                "CreatedDate", "CreatedById", "DelegateUser")));
    CHECK(!hubspot_accepts(HEADER("Date", "User", "Source Namespace Prefix",
                                  "Action", "Section", "Delegate User")));
    /* Dataverse audit: logical names, Web API names, labels */
    CHECK(!hubspot_accepts(HEADER("auditid", "createdon", "operation", "action",
                                  "objecttypecode", "objectid", "userid",
                                  "callinguserid", "attributemask")));
    CHECK(!hubspot_accepts(HEADER("_objectid_value", "objecttypecode",
                                  "createdon", "_userid_value", "operation",
                                  "action", "transactionid")));
    CHECK(
        !hubspot_accepts(HEADER("Changed Date", "Changed By", "Event", "Entity",
                                "Record", "Operation", "Changed Field")));
    /* Purview: both CSV layouts, and the AuditData record */
    CHECK(!hubspot_accepts(
        HEADER("CreationDate", "UserIds", "Operations", "AuditData")));
    CHECK(!hubspot_accepts(HEADER("RecordId", "CreationDate", "RecordType",
                                  "Operation", "UserId", "AuditData")));
    CHECK(!hubspot_accepts(HEADER("Id", "RecordType", "CreationTime",
                                  "Operation", "UserType", "UserKey",
                                  "ObjectId", "UserId", "ClientIP", "UserAgent",
                                  "EntityName", "Message")));
    /* SuiteCRM tracker and audit tables */
    CHECK(!hubspot_accepts(HEADER("id", "monitor_id", "user_id", "module_name",
                                  "item_id", "item_summary", "date_modified",
                                  "action", "session_id")));
    CHECK(!hubspot_accepts(HEADER("id", "parent_id", "date_created",
                                  "created_by", "field_name", "data_type")));
    /* Zoho's audit log, and a roster */
    CHECK(!hubspot_accepts(HEADER("Audited Time", "Done By", "Action", "Module",
                                  "Record Name", "Record Id", "Source",
                                  "IP Address")));
    CHECK(!hubspot_accepts(HEADER("Date", "User", "Action", "Module")));
    CHECK(!hubspot_accepts(
        HEADER("id", "name", "email", "role", "team", "active", "created")));
}

static void login_user_is_the_email_else_the_numeric_id(void)
{
    struct fx fx;
    fx_open(&fx, api_login);
    CHECK(ADAPT(&fx, "id=7301", "loginAt=2026-11-02T08:58:12.304Z",
                "userId=41000101", "email=ana.silva@acme.example",
                "loginSucceeded=true") == UPT_ADAPT_EVENT);
    CHECK(fx.ev.time_ms == T0 + 304);
    CHECK(user_is(&fx, "ana.silva@acme.example"));
    CHECK_STREQ(fx.ev.type, "Login");
    CHECK_STREQ(fx.ev.detail, "ok|");
    CHECK_STREQ(fx.ev.key, "7301");
    CHECK(fx.ev.outcome == UPT_OUTCOME_OK);
    CHECK(fx.ev.channel == UPT_CHAN_WEB);
    CHECK(!fx.ev.service);
    CHECK(classify(&fx) == UPT_CAT_LOGIN);
    CHECK(ADAPT(&fx, "loginAt=2026-11-02T08:58:12Z", "userId=41000105",
                "loginSucceeded=true") == UPT_ADAPT_EVENT);
    CHECK(user_is(&fx, "41000105"));
    fx_close(&fx);
}

static void failed_login_is_a_failed_error(void)
{
    struct fx fx;
    fx_open(&fx, api_login);
    CHECK(ADAPT(&fx, "loginAt=2026-11-02T08:58:12Z", "email=c@acme.example",
                "loginSucceeded=false") == UPT_ADAPT_EVENT);
    CHECK(fx.ev.outcome == UPT_OUTCOME_FAILED);
    CHECK_STREQ(fx.ev.detail, "failed|");
    CHECK(classify(&fx) == UPT_CAT_ERROR);
    fx_close(&fx);
    fx_open(&fx, ui_login);
    CHECK(ADAPT(&fx, "Login time=2026-11-02 08:58:12", "User=c@acme.example",
                "Type=Failed password login") == UPT_ADAPT_EVENT);
    CHECK(fx.ev.time_ms == T0);
    CHECK(fx.ev.outcome == UPT_OUTCOME_FAILED);
    CHECK(classify(&fx) == UPT_CAT_ERROR);
    fx_close(&fx);
}

static void hubspot_tools_login_is_api_use_not_a_login_nor_a_service(void)
{
    struct fx fx;
    fx_open(&fx, ui_login);
    CHECK(ADAPT(&fx, "Login time=2026-11-03 06:00:04", "User=d@acme.example",
                "Type=HubSpot tools login") == UPT_ADAPT_EVENT);
    CHECK(classify(&fx) == UPT_CAT_API);
    CHECK(fx.ev.channel == UPT_CHAN_API);
    /* the person scheduled it: they stay a person */
    CHECK(!fx.ev.service);
    fx_close(&fx);
}

static void mobile_type_or_user_agent_is_the_mobile_channel(void)
{
    struct fx fx;
    fx_open(&fx, ui_login);
    CHECK(ADAPT(&fx, "Login time=2026-11-02 09:14:40", "User=b@acme.example",
                "Type=Mobile password login") == UPT_ADAPT_EVENT);
    CHECK(fx.ev.channel == UPT_CHAN_MOBILE);
    CHECK(classify(&fx) == UPT_CAT_LOGIN);
    CHECK(ADAPT(&fx, "Login time=2026-11-02 09:14:40", "User=b@acme.example",
                "Type=Password login",
                "User agent=Mozilla/5.0 (Linux; Android 14; Pixel 8) "
                "Mobile Safari/537.36") == UPT_ADAPT_EVENT);
    CHECK(fx.ev.channel == UPT_CHAN_MOBILE);
    CHECK(ADAPT(&fx, "Login time=2026-11-02 09:14:40", "User=b@acme.example",
                "Type=Password login",
                "User agent=Mozilla/5.0 (Windows NT 10.0; Win64; x64)") ==
          UPT_ADAPT_EVENT);
    CHECK(fx.ev.channel == UPT_CHAN_WEB);
    fx_close(&fx);
    fx_open(&fx, api_login);
    CHECK(ADAPT(&fx, "loginAt=2026-11-02T09:14:40Z", "email=b@acme.example",
                "loginSucceeded=true",
                "userAgent=HubSpot/6.2.0 (iPhone; iOS 18.1)") ==
          UPT_ADAPT_EVENT);
    CHECK(fx.ev.channel == UPT_CHAN_MOBILE);
    fx_close(&fx);
}

static void security_exports_are_exports_and_the_rest_admin(void)
{
    struct fx fx;
    fx_open(&fx, api_security);
    CHECK(ADAPT(&fx, "id=9101", "createdAt=2026-11-02T08:58:12Z",
                "userId=41000104", "type=EXPORT_CONTACTS",
                "actingUser=dan@acme.example") == UPT_ADAPT_EVENT);
    CHECK(user_is(&fx, "dan@acme.example"));
    CHECK_STREQ(fx.ev.type, "Security");
    CHECK(classify(&fx) == UPT_CAT_EXPORT);
    CHECK(ADAPT(&fx, "createdAt=2026-11-02T08:58:12Z", "userId=41000105",
                "type=ADD_USER", "objectId=7654") == UPT_ADAPT_EVENT);
    CHECK(user_is(&fx, "41000105"));
    CHECK(classify(&fx) == UPT_CAT_ADMIN);
    fx_close(&fx);
    fx_open(&fx, ui_security);
    CHECK(ADAPT(&fx, "Time=2026-11-02 08:58:12", "Type=Exporting contacts",
                "User=dan@acme.example") == UPT_ADAPT_EVENT);
    CHECK(classify(&fx) == UPT_CAT_EXPORT);
    CHECK(ADAPT(&fx, "Time=2026-11-02 08:58:12", "Type=Viewing an API key",
                "User=erin@acme.example") == UPT_ADAPT_EVENT);
    CHECK(classify(&fx) == UPT_CAT_ADMIN);
    fx_close(&fx);
}

/* The category the rules give an audit-log row. */
static int audit_category(struct fx *fx, const char *category, const char *sub,
                          const char *action)
{
    char c[64], s[64], a[64];
    snprintf(c, sizeof(c), "category=%s", category);
    snprintf(s, sizeof(s), "subCategory=%s", sub);
    snprintf(a, sizeof(a), "action=%s", action);
    if (ADAPT(fx, "occurredAt=2026-11-02T08:58:12Z",
              "actingUser.userEmail=ana@acme.example", c, s,
              a) != UPT_ADAPT_EVENT)
        return -99;
    return classify(fx);
}

static void audit_actions_on_crm_records_are_the_users_writes(void)
{
    struct fx fx;
    fx_open(&fx, api_audit);
    CHECK(audit_category(&fx, "CRM_OBJECT", "CONTACT", "CREATE") ==
          UPT_CAT_CREATE);
    CHECK_STREQ(fx.ev.type, "Audit");
    CHECK_STREQ(fx.ev.detail, "CRM_OBJECT|CONTACT|CREATE");
    CHECK_STREQ(fx.ev.object, "CONTACT");
    CHECK(user_is(&fx, "ana@acme.example"));
    CHECK(audit_category(&fx, "PROPERTY_VALUE", "DEAL", "UPDATE") ==
          UPT_CAT_UPDATE);
    CHECK(audit_category(&fx, "CRM_OBJECT", "COMPANY", "DELETE") ==
          UPT_CAT_DELETE);
    CHECK(audit_category(&fx, "CRM object", "Contact", "Export") ==
          UPT_CAT_EXPORT);
    CHECK(audit_category(&fx, "Property value", "Deal", "Update") ==
          UPT_CAT_UPDATE);
    fx_close(&fx);
}

static void audit_settings_are_admin_and_logins_logins(void)
{
    struct fx fx;
    fx_open(&fx, api_audit);
    CHECK(audit_category(&fx, "PIPELINE", "DEAL", "UPDATE") == UPT_CAT_ADMIN);
    CHECK(audit_category(&fx, "PROPERTY", "CONTACT", "CREATE") ==
          UPT_CAT_ADMIN);
    CHECK(audit_category(&fx, "WORKFLOWS", "WORKFLOW", "CREATE") ==
          UPT_CAT_ADMIN);
    CHECK(audit_category(&fx, "Security activity", "User", "Add") ==
          UPT_CAT_ADMIN);
    CHECK(audit_category(&fx, "LOGIN", "LOGIN_SUCCEEDED", "LOGIN") ==
          UPT_CAT_LOGIN);
    CHECK(audit_category(&fx, "Login", "Login Failed", "Login") ==
          UPT_CAT_ERROR);
    CHECK(fx.ev.outcome == UPT_OUTCOME_FAILED);
    CHECK(audit_category(&fx, "CONTENT", "BLOG_POST", "UPDATE") ==
          UPT_RULE_NOMATCH);
    fx_close(&fx);
}

static void audit_user_falls_back_to_the_acting_user_id(void)
{
    struct fx fx;
    fx_open(&fx, api_audit);
    CHECK(ADAPT(&fx, "occurredAt=2026-11-02T08:58:12Z", "category=CRM_OBJECT",
                "action=CREATE",
                "actingUser.userId=41000102") == UPT_ADAPT_EVENT);
    CHECK(user_is(&fx, "41000102"));
    fx_close(&fx);
}

static void bad_rows_are_reported_with_the_reason(void)
{
    struct fx fx;
    fx_open(&fx, ui_login);
    CHECK(ADAPT(&fx, "Login time=Apr 1, 2022 7:36 PM", "User=a@acme.example") ==
          UPT_ADAPT_BAD);
    CHECK_STREQ(fx.err, "bad timestamp 'Apr 1, 2022 7:36 PM'; row skipped");
    CHECK(ADAPT(&fx, "User=a@acme.example") == UPT_ADAPT_BAD);
    CHECK_STREQ(fx.err, "no timestamp; row skipped");
    CHECK(ADAPT(&fx, "Login time=2026-11-02 08:58:12") == UPT_ADAPT_BAD);
    CHECK_STREQ(fx.err, "no user; row skipped");
    fx_close(&fx);
}

static void very_long_detail_is_cut_not_overflowed(void)
{
    struct fx fx;
    char type[1200] = "Type=";
    memset(type + 5, 'x', sizeof(type) - 6);
    type[sizeof(type) - 1] = '\0';
    fx_open(&fx, ui_login);
    CHECK(ADAPT(&fx, "Login time=2026-11-02 08:58:12", "User=a@acme.example",
                type) == UPT_ADAPT_EVENT);
    CHECK(strlen(fx.ev.detail) == 511);
    CHECK(strncmp(fx.ev.detail, "ok|xxx", 6) == 0);
    fx_close(&fx);
}

static void coverage_shows_no_views_searches_or_reports(void)
{
    struct fx fx;
    fx_open(&fx, api_login);
    unsigned all = 0;
    static const char *const types[] = {"Login", "Security", "Audit"};
    for (size_t i = 0; i < 3; i++)
        all |= upt_rules_coverage(fx.rules, "hubspot", types[i]);
    CHECK(upt_rules_coverage(fx.rules, "hubspot", "Login") ==
          (1u << UPT_CAT_LOGIN | 1u << UPT_CAT_ERROR | 1u << UPT_CAT_API |
           1u << UPT_CAT_OTHER));
    CHECK(!(all & (1u << UPT_CAT_VIEW | 1u << UPT_CAT_SEARCH |
                   1u << UPT_CAT_REPORT)));
    fx_close(&fx);
}

int main(void)
{
    RUN(api_and_export_headers_are_hubspot);
    RUN(export_header_variants_are_accepted_in_any_case_and_order);
    RUN(other_logs_are_not_hubspot);
    RUN(login_user_is_the_email_else_the_numeric_id);
    RUN(failed_login_is_a_failed_error);
    RUN(hubspot_tools_login_is_api_use_not_a_login_nor_a_service);
    RUN(mobile_type_or_user_agent_is_the_mobile_channel);
    RUN(security_exports_are_exports_and_the_rest_admin);
    RUN(audit_actions_on_crm_records_are_the_users_writes);
    RUN(audit_settings_are_admin_and_logins_logins);
    RUN(audit_user_falls_back_to_the_acting_user_id);
    RUN(bad_rows_are_reported_with_the_reason);
    RUN(very_long_detail_is_cut_not_overflowed);
    RUN(coverage_shows_no_views_searches_or_reports);
    return CHECK_DONE();
}
