/* format_zoho_test.c - unit tests of the Zoho CRM audit log adapter and rules
 */
#include "format.h"

#include <stdlib.h>
#include <string.h>

#include "check.h"
#include "rules.h"

/* 2026-11-02T09:12:44Z */
#define T0 INT64_C(1793610764000)

enum { MAXCOLS = 16 };

static struct upt_row row_of(const char *const *field, size_t *len, size_t n)
{
    for (size_t i = 0; i < n; i++)
        len[i] = strlen(field[i]);
    return (struct upt_row){.field = field, .len = len, .count = n, .line = 1};
}

#define HEADER(...) ((const char *const[]){__VA_ARGS__, NULL})

static size_t count_of(const char *const *names)
{
    size_t n = 0;
    while (names[n])
        n++;
    return n;
}

static const struct upt_format *detected(const char *const *names)
{
    size_t len[MAXCOLS];
    struct upt_row h = row_of(names, len, count_of(names));
    return upt_format_detect(&h);
}

static int zoho_accepts(const char *const *names)
{
    size_t len[MAXCOLS];
    struct upt_row h = row_of(names, len, count_of(names));
    return upt_format_find("zoho")->detect(&h);
}

static const char *const cols[] = {"Audited Time", "Done By",     "Action",
                                   "Module",       "Record Name", "Record Id",
                                   "Source",       "IP Address",  NULL};

/* The adapter opened on COLS, and the built-in rules. */
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

static void fx_open(struct fx *fx, const char *const *names)
{
    size_t hlen[MAXCOLS];
    char err[256] = "";
    memset(fx, 0, sizeof(*fx));
    fx->cols = names;
    fx->ncols = count_of(names);
    struct upt_row h = row_of(names, hlen, fx->ncols);
    fx->fmt = upt_format_detect(&h);
    CHECK(fx->fmt == upt_format_find("zoho"));
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
    return upt_rules_classify(fx->rules, "zoho", fx->ev.type, fx->ev.detail,
                              strlen(fx->ev.detail));
}

/* The category the rules give ACTION in MODULE. */
static int category_of(struct fx *fx, const char *module, const char *action)
{
    char m[64], a[64];
    snprintf(m, sizeof(m), "Module=%s", module);
    snprintf(a, sizeof(a), "Action=%s", action);
    if (ADAPT(fx, "Audited Time=2026-11-02 09:12:44", "Done By=Priya Nair", m,
              a) != UPT_ADAPT_EVENT)
        return -99;
    return classify(fx);
}

static void audit_log_header_is_zoho_in_any_case_and_order(void)
{
    CHECK(detected(cols) == upt_format_find("zoho"));
    CHECK(detected(HEADER("module", "ACTION", "record id", "DATE", "user",
                          "record name", "source")) == upt_format_find("zoho"));
    CHECK(zoho_accepts(HEADER("Time", "Performed By", "Action", "Feature")));
    CHECK(zoho_accepts(HEADER("Date", "Email", "Action", "Module Name")));
    CHECK(zoho_accepts(HEADER("Audited On", "User Id", "Action", "Module")));
    /* without a module, an action log could be anyone's */
    CHECK(!zoho_accepts(HEADER("Audited Time", "Done By", "Action")));
}

static void other_logs_are_not_zoho(void)
{
    CHECK(!zoho_accepts(
        HEADER("EVENT_TYPE", "TIMESTAMP", "REQUEST_ID", "USER_ID", "URI")));
    CHECK(!zoho_accepts(HEADER("Login Time", "Username", "Source IP",
                               "Login Type", "Status", "Browser")));
    CHECK(!zoho_accepts(HEADER("Date", "User", "Source Namespace Prefix",
                               "Action", "Section", "Delegate User")));
    CHECK(!zoho_accepts(
        HEADER("CreatedDate", "CreatedById", "Action", "Section", "Display")));
    CHECK(!zoho_accepts(HEADER("createdon", "operation", "action",
                               "objecttypecode", "objectid", "userid")));
    CHECK(!zoho_accepts(HEADER("Changed Date", "Changed By", "Event", "Entity",
                               "Record", "Operation")));
    CHECK(!zoho_accepts(HEADER("RecordId", "CreationDate", "RecordType",
                               "Operation", "UserId", "AuditData")));
    CHECK(!zoho_accepts(HEADER("id", "monitor_id", "user_id", "module_name",
                               "item_id", "date_modified", "action",
                               "session_id")));
    /* HubSpot's audit log and login history */
    CHECK(!zoho_accepts(HEADER("Occurred at", "Category", "Subcategory",
                               "Action", "Modified by")));
    CHECK(!zoho_accepts(HEADER("id", "category", "subCategory", "action",
                               "occurredAt", "actingUser.userEmail")));
    CHECK(!zoho_accepts(HEADER("Login time", "User", "IP address", "Location",
                               "Type", "User agent")));
    CHECK(!zoho_accepts(HEADER("id", "name", "role", "active", "created")));
}

static void row_gives_time_user_module_and_source_channel(void)
{
    struct fx fx;
    fx_open(&fx, cols);
    CHECK(ADAPT(&fx, "Audited Time=2026-11-02 09:12:44", "Done By=Priya Nair",
                "Action=Added", "Module=Leads", "Record Name=Harbor Logistics",
                "Record Id=4876000000231001", "Source=Web") == UPT_ADAPT_EVENT);
    CHECK(fx.ev.time_ms == T0);
    CHECK(fx.ev.user_len == strlen("Priya Nair") &&
          strncmp(fx.ev.user, "Priya Nair", fx.ev.user_len) == 0);
    CHECK_STREQ(fx.ev.user_name, "");
    CHECK_STREQ(fx.ev.type, "Audit");
    CHECK_STREQ(fx.ev.detail, "Leads|Added");
    CHECK_STREQ(fx.ev.object, "Leads");
    CHECK_STREQ(fx.ev.key, "4876000000231001");
    CHECK(fx.ev.channel == UPT_CHAN_WEB);
    CHECK(fx.ev.outcome == UPT_OUTCOME_OK);
    CHECK(!fx.ev.service);
    CHECK(classify(&fx) == UPT_CAT_CREATE);
    CHECK(ADAPT(&fx, "Audited Time=2026-11-02T09:12:44Z", "Done By=Tomás Ruiz",
                "Action=Updated", "Module=Deals",
                "Source=Mobile") == UPT_ADAPT_EVENT);
    CHECK(fx.ev.time_ms == T0);
    CHECK(fx.ev.channel == UPT_CHAN_MOBILE);
    CHECK(ADAPT(&fx, "Audited Time=2026-11-02 09:12:44", "Done By=Tomás Ruiz",
                "Action=Updated", "Module=Deals",
                "Source=API") == UPT_ADAPT_EVENT);
    CHECK(fx.ev.channel == UPT_CHAN_API);
    CHECK(ADAPT(&fx, "Audited Time=2026-11-02 09:12:44", "Done By=Tomás Ruiz",
                "Action=Updated", "Module=Deals",
                "Source=Zoho Flow") == UPT_ADAPT_EVENT);
    CHECK(fx.ev.channel == UPT_CHAN_OTHER);
    fx_close(&fx);
}

static void email_or_user_id_is_preferred_to_the_name(void)
{
    struct fx fx;
    fx_open(&fx,
            HEADER("Date", "Done By", "Email", "User Id", "Action", "Module"));
    CHECK(ADAPT(&fx, "Date=2026-11-02 09:12:44", "Done By=Priya Nair",
                "Email=priya@acme.example", "User Id=4876000000012001",
                "Action=Added", "Module=Leads") == UPT_ADAPT_EVENT);
    CHECK(fx.ev.user_len == strlen("priya@acme.example") &&
          strncmp(fx.ev.user, "priya@acme.example", fx.ev.user_len) == 0);
    CHECK_STREQ(fx.ev.user_name, "Priya Nair");
    CHECK(ADAPT(&fx, "Date=2026-11-02 09:12:44", "Done By=Priya Nair",
                "User Id=4876000000012001", "Action=Added",
                "Module=Leads") == UPT_ADAPT_EVENT);
    CHECK(fx.ev.user_len == 16 &&
          strncmp(fx.ev.user, "4876000000012001", 16) == 0);
    fx_close(&fx);
}

static void action_verbs_give_the_category_without_regard_to_case(void)
{
    struct fx fx;
    fx_open(&fx, cols);
    CHECK(category_of(&fx, "Leads", "Added") == UPT_CAT_CREATE);
    CHECK(category_of(&fx, "Contacts", "created") == UPT_CAT_CREATE);
    CHECK(category_of(&fx, "Deals", "Updated") == UPT_CAT_UPDATE);
    CHECK(category_of(&fx, "Deals", "EDITED") == UPT_CAT_UPDATE);
    CHECK(category_of(&fx, "Contacts", "Mass Update") == UPT_CAT_UPDATE);
    CHECK(category_of(&fx, "Leads", "Converted") == UPT_CAT_UPDATE);
    CHECK(category_of(&fx, "Accounts", "Merged") == UPT_CAT_UPDATE);
    CHECK(category_of(&fx, "Contacts", "Deleted") == UPT_CAT_DELETE);
    CHECK(category_of(&fx, "Leads", "Mass Delete") == UPT_CAT_DELETE);
    CHECK(category_of(&fx, "Contacts", "Exported") == UPT_CAT_EXPORT);
    CHECK(category_of(&fx, "Contacts", "Imported") == UPT_CAT_IMPORT);
    CHECK(category_of(&fx, "Deals", "Approved") == UPT_RULE_NOMATCH);
    fx_close(&fx);
}

static void setup_modules_are_admin_whatever_the_verb(void)
{
    struct fx fx;
    fx_open(&fx, cols);
    CHECK(category_of(&fx, "Users", "Added") == UPT_CAT_ADMIN);
    CHECK(category_of(&fx, "Roles", "Deleted") == UPT_CAT_ADMIN);
    CHECK(category_of(&fx, "Profiles", "Updated") == UPT_CAT_ADMIN);
    CHECK(category_of(&fx, "Workflow Rules", "Updated") == UPT_CAT_ADMIN);
    CHECK(category_of(&fx, "Email Templates", "Created") == UPT_CAT_ADMIN);
    CHECK(category_of(&fx, "Reports & Folders", "Created") == UPT_CAT_ADMIN);
    /* an export is an export, even of a setup list */
    CHECK(category_of(&fx, "Users", "Exported") == UPT_CAT_EXPORT);
    fx_close(&fx);
}

static void bad_rows_are_reported_with_the_reason(void)
{
    struct fx fx;
    fx_open(&fx, cols);
    CHECK(ADAPT(&fx, "Audited Time=Nov 3, 2026 09:15 AM", "Done By=Priya Nair",
                "Action=Updated", "Module=Leads") == UPT_ADAPT_BAD);
    CHECK_STREQ(fx.err, "bad timestamp 'Nov 3, 2026 09:15 AM'; row skipped");
    CHECK(ADAPT(&fx, "Done By=Priya Nair", "Action=Updated", "Module=Leads") ==
          UPT_ADAPT_BAD);
    CHECK_STREQ(fx.err, "no timestamp; row skipped");
    CHECK(ADAPT(&fx, "Audited Time=2026-11-03 10:00:00", "Action=Updated",
                "Module=Leads") == UPT_ADAPT_BAD);
    CHECK_STREQ(fx.err, "no user; row skipped");
    fx_close(&fx);
}

static void coverage_has_no_logins_views_or_searches(void)
{
    struct fx fx;
    fx_open(&fx, cols);
    unsigned cov = upt_rules_coverage(fx.rules, "zoho", "Audit");
    CHECK(cov ==
          (1u << UPT_CAT_CREATE | 1u << UPT_CAT_UPDATE | 1u << UPT_CAT_DELETE |
           1u << UPT_CAT_EXPORT | 1u << UPT_CAT_IMPORT | 1u << UPT_CAT_ADMIN |
           1u << UPT_CAT_OTHER));
    fx_close(&fx);
}

int main(void)
{
    RUN(audit_log_header_is_zoho_in_any_case_and_order);
    RUN(other_logs_are_not_zoho);
    RUN(row_gives_time_user_module_and_source_channel);
    RUN(email_or_user_id_is_preferred_to_the_name);
    RUN(action_verbs_give_the_category_without_regard_to_case);
    RUN(setup_modules_are_admin_whatever_the_verb);
    RUN(bad_rows_are_reported_with_the_reason);
    RUN(coverage_has_no_logins_views_or_searches);
    return CHECK_DONE();
}
