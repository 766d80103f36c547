/* format_suitecrm_test.c - unit tests of the SuiteCRM tracker and audit
 * adapter and its rules */
#include "format.h"

#include <string.h>

#include "check.h"
#include "rules.h"

/* 2026-03-02T09:03:05Z */
#define T0 INT64_C(1772442185000)

#define SALLY "a1f0c6d2-3b4e-4c5f-9a6b-7c8d9e0f1a2b"

static const char *const tracker_cols[] = {
    "id",         "monitor_id",   "user_id",       "module_name",
    "item_id",    "item_summary", "date_modified", "action",
    "session_id", "visible",      "deleted",
};
enum { NTRACKER = sizeof(tracker_cols) / sizeof(tracker_cols[0]) };

static const char *const audit_cols[] = {
    "id",
    "parent_id",
    "date_created",
    "created_by",
    "field_name",
    "data_type",
    "before_value_string",
    "after_value_string",
    "before_value_text",
    "after_value_text",
};
enum { NAUDIT = sizeof(audit_cols) / sizeof(audit_cols[0]) };

enum { MAXCOLS = 16 };

static struct upt_row row_of(const char *const *field, size_t *len, size_t n)
{
    for (size_t i = 0; i < n; i++)
        len[i] = strlen(field[i]);
    return (struct upt_row){.field = field, .len = len, .count = n, .line = 1};
}

static const struct upt_format *detected(const char *const *h, size_t n)
{
    size_t len[MAXCOLS];
    struct upt_row row = row_of(h, len, n);
    return upt_format_detect(&row);
}

/* The adapter opened on a header, and the built-in rules. */
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

static void fx_open(struct fx *fx, const char *const *cols, size_t n)
{
    size_t hlen[MAXCOLS];
    char err[256] = "";
    struct upt_row h = row_of(cols, hlen, n);
    memset(fx, 0, sizeof(*fx));
    fx->cols = cols;
    fx->ncols = n;
    fx->fmt = upt_format_detect(&h);
    CHECK(fx->fmt == upt_format_find("suitecrm"));
    fx->state = fx->fmt ? fx->fmt->open(&h) : NULL;
    fx->rules = upt_format_rules_new(err, sizeof(err));
    CHECK(fx->fmt != NULL && fx->state != NULL && fx->rules != NULL);
    CHECK_STREQ(err, "");
}

static void fx_close(struct fx *fx)
{
    if (fx->fmt)
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
    if (!fx->fmt)
        return UPT_ADAPT_BAD;
    return fx->fmt->adapt(fx->state, &row, &fx->ev, fx->err, sizeof(fx->err));
}

#define ADAPT(fx, ...) adapt((fx), (const char *const[]){__VA_ARGS__, NULL})

static int classify(struct fx *fx)
{
    return upt_rules_classify(fx->rules, "suitecrm", fx->ev.type, fx->ev.detail,
                              strlen(fx->ev.detail));
}

/* The category the built-in rules give a tracker row; -99 if the row was
 * not adapted. */
static int tracker_category(struct fx *fx, const char *module,
                            const char *action, const char *item)
{
    char m[64], a[64], i[64];
    snprintf(m, sizeof(m), "module_name=%s", module);
    snprintf(a, sizeof(a), "action=%s", action);
    snprintf(i, sizeof(i), "item_id=%s", item);
    if (ADAPT(fx, "date_modified=2026-03-02 09:03:05", "user_id=" SALLY, m, a,
              i) != UPT_ADAPT_EVENT)
        return -99;
    int cat = classify(fx);
    return cat == UPT_RULE_NOMATCH ? UPT_CAT_OTHER : cat;
}

static void tracker_header_is_detected_in_any_case_and_order(void)
{
    CHECK(detected(tracker_cols, NTRACKER) == upt_format_find("suitecrm"));
    const char *const upper[] = {"DATE_MODIFIED", "USER_ID",    "ACTION",
                                 "MODULE_NAME",   "ITEM_ID",    "ITEM_SUMMARY",
                                 "SESSION_ID",    "MONITOR_ID", "ID",
                                 "VISIBLE",       "DELETED"};
    CHECK(detected(upper, 11) == upt_format_find("suitecrm"));
    /* a narrower select still names the record */
    const char *const some[] = {"user_id", "module_name", "action", "item_id",
                                "date_modified"};
    CHECK(detected(some, 5) == upt_format_find("suitecrm"));
}

static void audit_header_is_detected_with_or_without_a_module(void)
{
    CHECK(detected(audit_cols, NAUDIT) == upt_format_find("suitecrm"));
    const char *const with_module[] = {
        "module_name",       "id",         "parent_id", "date_created",
        "created_by",        "field_name", "data_type", "before_value_string",
        "after_value_string"};
    CHECK(detected(with_module, 9) == upt_format_find("suitecrm"));
}

static void lookalike_headers_are_not_suitecrm(void)
{
    /* user, time and action alone are any CRM's columns */
    const char *const bare[] = {"user_id", "module_name", "action",
                                "date_modified"};
    CHECK(detected(bare, 4) == NULL);
    const char *const audit_no_values[] = {"parent_id", "date_created",
                                           "created_by", "field_name"};
    CHECK(detected(audit_no_values, 4) == NULL);
    const char *const users[] = {
        "id",     "user_name",    "first_name",    "last_name",
        "status", "date_entered", "date_modified", "created_by"};
    CHECK(detected(users, 8) == NULL);
}

static void other_formats_headers_are_not_suitecrm(void)
{
    const struct upt_format *suite = upt_format_find("suitecrm");
    const char *const elf[] = {"EVENT_TYPE", "TIMESTAMP", "REQUEST_ID",
                               "USER_ID", "URI"};
    const char *const login[] = {"LoginTime", "UserId", "Status", "LoginType",
                                 "Application"};
    const char *const trail[] = {"CreatedDate", "CreatedById", "Action",
                                 "Section", "Display"};
    const char *const dataverse[] = {"auditid",       "createdon",
                                     "_userid_value", "objecttypecode",
                                     "operation",     "action"};
    const char *const roster[] = {"id",   "name",   "role",
                                  "team", "active", "created"};
    const char *const odoo[] = {"create_uid", "create_date", "model_name",
                                "method",     "res_id",      "user_id"};
    const char *const *heads[] = {elf, login, trail, dataverse, roster, odoo};
    const size_t n[] = {5, 5, 5, 6, 6, 6};
    for (size_t k = 0; k < sizeof(n) / sizeof(n[0]); k++) {
        size_t len[MAXCOLS];
        struct upt_row row = row_of(heads[k], len, n[k]);
        CHECK(!suite->detect(&row));
    }
}

static void tracker_row_gives_module_session_and_detail(void)
{
    struct fx fx;
    fx_open(&fx, tracker_cols, NTRACKER);
    CHECK(ADAPT(&fx, "id=10424", "user_id=" SALLY, "module_name=Accounts",
                "item_id=26ccb31f-4708-4833-86c2-56c78c54ce77",
                "item_summary=Acme, Inc.", "date_modified=2026-03-02 09:03:05",
                "action=detailview", "session_id=8sms2e17j8cta6mrqdb1uijr8i",
                "visible=1", "deleted=0") == UPT_ADAPT_EVENT);
    CHECK(fx.ev.time_ms == T0);
    CHECK(fx.ev.user_len == strlen(SALLY));
    CHECK(strncmp(fx.ev.user, SALLY, fx.ev.user_len) == 0);
    CHECK_STREQ(fx.ev.user_name, "");
    CHECK_STREQ(fx.ev.type, "Tracker");
    CHECK_STREQ(fx.ev.detail, "Accounts:detailview");
    CHECK_STREQ(fx.ev.object, "Accounts");
    CHECK_STREQ(fx.ev.session, "8sms2e17j8cta6mrqdb1uijr8i");
    CHECK_STREQ(fx.ev.key, "10424");
    CHECK(fx.ev.channel == UPT_CHAN_WEB);
    CHECK(fx.ev.outcome == UPT_OUTCOME_OK);
    CHECK(!fx.ev.service);
    CHECK(classify(&fx) == UPT_CAT_VIEW);
    fx_close(&fx);
}

static void mysql_nulls_read_as_empty(void)
{
    struct fx fx;
    fx_open(&fx, tracker_cols, NTRACKER);
    CHECK(ADAPT(&fx, "user_id=" SALLY, "module_name=Accounts", "item_id=NULL",
                "item_summary=NULL", "date_modified=2026-03-02 09:03:05",
                "action=index", "session_id=NULL") == UPT_ADAPT_EVENT);
    CHECK_STREQ(fx.ev.detail, "Accounts:index:noitem");
    CHECK_STREQ(fx.ev.session, "");
    /* SELECT ... INTO OUTFILE writes \N */
    CHECK(ADAPT(&fx, "user_id=" SALLY, "module_name=Calls", "item_id=\\N",
                "date_modified=2026-03-02 09:03:05",
                "action=editview") == UPT_ADAPT_EVENT);
    CHECK_STREQ(fx.ev.detail, "Calls:editview:noitem");
    CHECK(classify(&fx) == UPT_CAT_CREATE);
    fx_close(&fx);
}

static void row_without_a_user_is_skipped_quietly(void)
{
    /* the login page is tracked before anyone has logged in */
    struct fx fx;
    fx_open(&fx, tracker_cols, NTRACKER);
    CHECK(ADAPT(&fx, "user_id=NULL", "module_name=Users", "action=login",
                "date_modified=2026-03-09 08:31:02") == UPT_ADAPT_SKIP);
    CHECK(ADAPT(&fx, "module_name=Users", "action=login",
                "date_modified=2026-03-09 08:31:02") == UPT_ADAPT_SKIP);
    CHECK_STREQ(fx.err, "");
    fx_close(&fx);
}

static void missing_or_bad_date_is_a_bad_row_with_the_value_quoted(void)
{
    struct fx fx;
    fx_open(&fx, tracker_cols, NTRACKER);
    CHECK(ADAPT(&fx, "user_id=" SALLY, "module_name=Users",
                "action=authenticate", "date_modified=NULL") == UPT_ADAPT_BAD);
    CHECK_STREQ(fx.err, "no date_modified; row skipped");
    CHECK(ADAPT(&fx, "user_id=" SALLY, "module_name=Users",
                "action=authenticate",
                "date_modified=0000-00-00 00:00:00") == UPT_ADAPT_BAD);
    CHECK_STREQ(fx.err, "bad timestamp '0000-00-00 00:00:00'; row skipped");
    /* the database writes UTC; a locale form is not a tracker's */
    CHECK(ADAPT(&fx, "user_id=" SALLY, "module_name=Users",
                "action=authenticate",
                "date_modified=03/09/2026 09:15") == UPT_ADAPT_BAD);
    CHECK_STREQ(fx.err, "bad timestamp '03/09/2026 09:15'; row skipped");
    fx_close(&fx);
}

static void tracker_actions_get_their_categories(void)
{
    static const struct {
        const char *module, *action, *item;
        int category;
    } cases[] = {
        {"Users", "authenticate", "", UPT_CAT_LOGIN},
        {"Users", "Authenticate", "", UPT_CAT_LOGIN},
        {"Users", "logout", "", UPT_CAT_LOGOUT},
        {"Home", "index", "", UPT_CAT_VIEW},
        {"Accounts", "index", "", UPT_CAT_VIEW},
        {"Accounts", "detailview", "x1", UPT_CAT_VIEW},
        {"Accounts", "editview", "x1", UPT_CAT_UPDATE},
        {"Accounts", "editview", "", UPT_CAT_CREATE},
        /* a save does not say whether the record is new */
        {"Accounts", "save", "x1", UPT_CAT_UPDATE},
        {"Leads", "delete", "x1", UPT_CAT_DELETE},
        {"AOR_Reports", "detailview", "r1", UPT_CAT_REPORT},
        {"Reports", "detailview", "r1", UPT_CAT_REPORT},
        {"AOR_Reports", "index", "", UPT_CAT_VIEW},
        {"AOR_Reports", "editview", "r1", UPT_CAT_UPDATE},
        {"Import", "step1", "", UPT_CAT_OTHER},
        {"Import", "step4", "", UPT_CAT_OTHER},
        {"Import", "last", "", UPT_CAT_IMPORT},
        {"Accounts", "export", "", UPT_CAT_EXPORT},
        {"Administration", "index", "", UPT_CAT_ADMIN},
        {"Studio", "index", "", UPT_CAT_ADMIN},
        {"ModuleBuilder", "index", "", UPT_CAT_ADMIN},
        {"Home", "unifiedsearch", "", UPT_CAT_SEARCH},
        {"Home", "trainingportal", "", UPT_CAT_HELP},
        {"Users", "settimezone", "", UPT_CAT_OTHER},
        {"Contacts", "popup", "", UPT_CAT_OTHER},
        {"Accounts", "detailviewx", "x1", UPT_CAT_OTHER},
        {"Accounts", "somethingnew", "", UPT_CAT_OTHER},
    };
    struct fx fx;
    fx_open(&fx, tracker_cols, NTRACKER);
    for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
        int got = tracker_category(&fx, cases[i].module, cases[i].action,
                                   cases[i].item);
        if (got != cases[i].category)
            fprintf(stderr, "%s:%s:%s gave %d\n", cases[i].module,
                    cases[i].action, cases[i].item, got);
        CHECK(got == cases[i].category);
    }
    fx_close(&fx);
}

static void soft_deleted_tracker_rows_are_still_events(void)
{
    struct fx fx;
    fx_open(&fx, tracker_cols, NTRACKER);
    CHECK(ADAPT(&fx, "user_id=" SALLY, "module_name=Leads", "item_id=l1",
                "date_modified=2026-03-03 09:41:02", "action=detailview",
                "visible=1", "deleted=1") == UPT_ADAPT_EVENT);
    CHECK(classify(&fx) == UPT_CAT_VIEW);
    fx_close(&fx);
}

static void audit_row_is_an_update_by_its_author(void)
{
    struct fx fx;
    fx_open(&fx, audit_cols, NAUDIT);
    CHECK(ADAPT(&fx, "id=d27acb50", "parent_id=26ccb31f",
                "date_created=2026-03-02 09:03:05", "created_by=" SALLY,
                "field_name=industry", "data_type=enum",
                "before_value_string=Retail",
                "after_value_string=Manufacturing", "before_value_text=NULL",
                "after_value_text=NULL") == UPT_ADAPT_EVENT);
    CHECK(fx.ev.time_ms == T0);
    CHECK(strncmp(fx.ev.user, SALLY, fx.ev.user_len) == 0);
    CHECK_STREQ(fx.ev.type, "Audit");
    CHECK_STREQ(fx.ev.detail, "industry");
    /* the module is in the table's name only */
    CHECK_STREQ(fx.ev.object, "");
    CHECK_STREQ(fx.ev.session, "");
    CHECK(classify(&fx) == UPT_CAT_UPDATE);
    /* a mass update's rows differ only in the record and the row id */
    CHECK_STREQ(fx.ev.key, "d27acb50");
    CHECK(ADAPT(&fx, "date_created=NULL", "created_by=" SALLY) ==
          UPT_ADAPT_BAD);
    CHECK_STREQ(fx.err, "no date_created; row skipped");
    fx_close(&fx);
}

static void audit_module_comes_from_a_column_the_export_adds(void)
{
    static const char *const cols[] = {
        "module_name",         "id",
        "parent_id",           "date_created",
        "created_by",          "field_name",
        "before_value_string", "after_value_string"};
    struct fx fx;
    fx_open(&fx, cols, 8);
    CHECK(ADAPT(&fx, "module_name=Opportunities",
                "date_created=2026-03-04 08:55:20", "created_by=" SALLY,
                "field_name=sales_stage") == UPT_ADAPT_EVENT);
    CHECK_STREQ(fx.ev.object, "Opportunities");
    CHECK(classify(&fx) == UPT_CAT_UPDATE);
    fx_close(&fx);
}

static void very_long_module_is_cut_not_overflowed(void)
{
    static char module[2000], kv[2100];
    memset(module, 'M', sizeof(module) - 1);
    snprintf(kv, sizeof(kv), "module_name=%s", module);
    struct fx fx;
    fx_open(&fx, tracker_cols, NTRACKER);
    CHECK(ADAPT(&fx, "user_id=" SALLY, kv, "date_modified=2026-03-02 09:03:05",
                "action=detailview") == UPT_ADAPT_EVENT);
    CHECK(strlen(fx.ev.detail) < 1000);
    CHECK(strncmp(fx.ev.detail, "MMMM", 4) == 0);
    fx_close(&fx);
}

static void coverage_lists_what_each_table_can_show(void)
{
    struct fx fx;
    fx_open(&fx, tracker_cols, NTRACKER);
    unsigned audit = upt_rules_coverage(fx.rules, "suitecrm", "Audit");
    CHECK(audit == (1u << UPT_CAT_UPDATE | 1u << UPT_CAT_OTHER));
    unsigned tracker = upt_rules_coverage(fx.rules, "suitecrm", "Tracker");
    CHECK(tracker & 1u << UPT_CAT_LOGIN);
    CHECK(tracker & 1u << UPT_CAT_REPORT);
    CHECK(!(tracker & 1u << UPT_CAT_API));
    CHECK(!(tracker & 1u << UPT_CAT_ERROR));
    fx_close(&fx);
}

int main(void)
{
    RUN(tracker_header_is_detected_in_any_case_and_order);
    RUN(audit_header_is_detected_with_or_without_a_module);
    RUN(lookalike_headers_are_not_suitecrm);
    RUN(other_formats_headers_are_not_suitecrm);
    RUN(tracker_row_gives_module_session_and_detail);
    RUN(mysql_nulls_read_as_empty);
    RUN(row_without_a_user_is_skipped_quietly);
    RUN(missing_or_bad_date_is_a_bad_row_with_the_value_quoted);
    RUN(tracker_actions_get_their_categories);
    RUN(soft_deleted_tracker_rows_are_still_events);
    RUN(audit_row_is_an_update_by_its_author);
    RUN(audit_module_comes_from_a_column_the_export_adds);
    RUN(very_long_module_is_cut_not_overflowed);
    RUN(coverage_lists_what_each_table_can_show);
    return CHECK_DONE();
}
