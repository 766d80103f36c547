/* format_dataverse_test.c - unit tests of the Dataverse audit table adapter
 * and its rules */
#include "format.h"

#include <stdio.h>
#include <string.h>

#include "check.h"
#include "rules.h"

#define FV "@OData.Community.Display.V1.FormattedValue"

/* 2022-05-12T22:19:12Z, Microsoft's example record */
#define T0 INT64_C(1652393952000)

#define ANA "4026be43-6b69-e111-8f65-78e7d1620f5e"
#define GINA "5b2e6f10-8d3c-ec11-b6e6-000d3a5b3c44"

static const char *const cols[] = {
    "createdon",
    "operation",
    "action",
    "objecttypecode",
    "_objectid_value",
    "_userid_value",
    "_userid_value" FV,
    "_callinguserid_value",
    "_callinguserid_value" FV,
    "usertype",
    "auditid",
};
enum { NCOLS = sizeof(cols) / sizeof(cols[0]) };

static struct upt_row row_of(const char *const *field, size_t *len, size_t n)
{
    for (size_t i = 0; i < n; i++)
        len[i] = strlen(field[i]);
    return (struct upt_row){.field = field, .len = len, .count = n, .line = 1};
}

static const struct upt_format *detected(const char *const *h, size_t n)
{
    size_t len[16];
    struct upt_row row = row_of(h, len, n);
    return upt_format_detect(&row);
}

#define DETECTED(...)                                                          \
    detected((const char *const[]){__VA_ARGS__},                               \
             sizeof((const char *const[]){__VA_ARGS__}) / sizeof(char *))

struct fx {
    const struct upt_format *fmt;
    void *state;
    struct upt_rules *rules;
    const char *field[NCOLS];
    size_t len[NCOLS];
    struct upt_event ev;
    char err[256];
};

static void fx_open(struct fx *fx)
{
    size_t hlen[NCOLS];
    char err[256] = "";
    struct upt_row h = row_of(cols, hlen, NCOLS);
    memset(fx, 0, sizeof(*fx));
    fx->fmt = upt_format_detect(&h);
    CHECK(fx->fmt == upt_format_find("dataverse"));
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
    for (size_t i = 0; i < NCOLS; i++)
        fx->field[i] = "";
    for (; *kv; kv++) {
        const char *eq = strchr(*kv, '=');
        for (size_t i = 0; i < NCOLS; i++)
            if (strlen(cols[i]) == (size_t)(eq - *kv) &&
                strncmp(cols[i], *kv, (size_t)(eq - *kv)) == 0)
                fx->field[i] = eq + 1;
    }
    struct upt_row row = row_of(fx->field, fx->len, NCOLS);
    memset(&fx->ev, 0, sizeof(fx->ev));
    fx->err[0] = '\0';
    return fx->fmt->adapt(fx->state, &row, &fx->ev, fx->err, sizeof(fx->err));
}

#define ADAPT(fx, ...) adapt((fx), (const char *const[]){__VA_ARGS__, NULL})

static int classify(struct fx *fx)
{
    return upt_rules_classify(fx->rules, "dataverse", fx->ev.type,
                              fx->ev.detail, strlen(fx->ev.detail));
}

/* The category of a row with OPERATION and ACTION; -99 if not adapted. */
static int category_of(struct fx *fx, const char *op, const char *action)
{
    char o[64], a[64];
    snprintf(o, sizeof(o), "operation=%s", op);
    snprintf(a, sizeof(a), "action=%s", action);
    if (ADAPT(fx, "createdon=2022-05-12T22:19:12Z", "_userid_value=" ANA, o,
              a) != UPT_ADAPT_EVENT)
        return -99;
    return classify(fx);
}

static void logical_schema_and_web_api_names_are_detected_in_any_case(void)
{
    const struct upt_format *dv = upt_format_find("dataverse");
    CHECK(dv != NULL);
    CHECK(DETECTED("createdon", "operation", "action", "objecttypecode",
                   "objectid", "userid", "username", "callinguserid",
                   "attributemask", "changedata", "auditid") == dv);
    CHECK(DETECTED("AuditId", "CreatedOn", "Operation", "Action",
                   "ObjectTypeCode", "UserId", "UserIdName") == dv);
    CHECK(DETECTED("@odata.etag", "auditid", "createdon", "operation", "action",
                   "_objectid_value", "_userid_value",
                   "_userid_value" FV) == dv);
    CHECK(DETECTED("CREATEDON", "OPERATION", "ACTION", "USERID") == dv);
    /* a label-only export still has a user to count */
    CHECK(DETECTED("createdon", "operation" FV, "action" FV,
                   "_userid_value" FV) == dv);
}

static void a_header_missing_a_key_column_is_not_dataverse(void)
{
    const struct upt_format *dv = upt_format_find("dataverse");
    CHECK(DETECTED("createdon", "action", "objecttypecode", "userid") != dv);
    CHECK(DETECTED("createdon", "operation", "objecttypecode", "userid") != dv);
    CHECK(DETECTED("operation", "action", "objecttypecode", "userid") != dv);
    CHECK(DETECTED("createdon", "operation", "action", "objecttypecode") != dv);
}

static void other_formats_headers_are_not_dataverse(void)
{
    const struct upt_format *dv = upt_format_find("dataverse");
    CHECK(DETECTED("EVENT_TYPE", "TIMESTAMP", "USER_ID", "URI") != dv);
    CHECK(DETECTED("LoginTime", "UserId", "Status", "LoginType") != dv);
    CHECK(DETECTED("CreatedDate", "CreatedById", "Action", "Section") != dv);
    CHECK(DETECTED("CreationDate", "UserIds", "Operations", "AuditData") != dv);
    CHECK(DETECTED("RecordId", "CreationDate", "RecordType", "Operation",
                   "UserId", "AuditData") != dv);
    CHECK(DETECTED("Audited Time", "Done By", "Action", "Module") != dv);
    CHECK(DETECTED("occurredAt", "actingUser.userEmail", "category", "action",
                   "id") != dv);
    CHECK(DETECTED("date_modified", "user_id", "module_name", "action",
                   "item_id", "session_id") != dv);
    CHECK(DETECTED("Id", "Name", "Profile.Name", "IsActive", "CreatedDate") !=
          dv);
}

static void web_access_is_a_login_from_the_web(void)
{
    struct fx fx;
    fx_open(&fx);
    CHECK(ADAPT(&fx, "createdon=2022-05-12T22:19:12Z", "operation=4",
                "action=64", "objecttypecode=systemuser", "_userid_value=" ANA,
                "_userid_value" FV "=Ana Torres",
                "auditid=50e01c88-2e43-4005-8be8-9ceb172e2e90") ==
          UPT_ADAPT_EVENT);
    CHECK(fx.ev.time_ms == T0);
    CHECK(fx.ev.user_len == 36);
    CHECK(strncmp(fx.ev.user, ANA, 36) == 0);
    CHECK_STREQ(fx.ev.user_name, "Ana Torres");
    CHECK_STREQ(fx.ev.type, "Audit");
    CHECK_STREQ(fx.ev.detail, "4:64");
    CHECK_STREQ(fx.ev.object, "systemuser");
    CHECK_STREQ(fx.ev.session, "");
    CHECK_STREQ(fx.ev.key, "50e01c88-2e43-4005-8be8-9ceb172e2e90");
    CHECK(fx.ev.channel == UPT_CHAN_WEB);
    CHECK(fx.ev.outcome == UPT_OUTCOME_OK);
    CHECK(!fx.ev.service);
    CHECK(classify(&fx) == UPT_CAT_LOGIN);
    fx_close(&fx);
}

static void web_services_access_is_a_login_through_the_api(void)
{
    struct fx fx;
    fx_open(&fx);
    CHECK(category_of(&fx, "4", "65") == UPT_CAT_LOGIN);
    CHECK(fx.ev.channel == UPT_CHAN_API);
    CHECK(category_of(&fx, "2", "2") == UPT_CAT_UPDATE);
    CHECK(fx.ev.channel == UPT_CHAN_OTHER);
    fx_close(&fx);
}

static void labels_become_the_codes_the_rules_see(void)
{
    struct fx fx;
    fx_open(&fx);
    CHECK(category_of(&fx, "Update", "Assign") == UPT_CAT_UPDATE);
    CHECK_STREQ(fx.ev.detail, "2:13");
    CHECK(category_of(&fx, "Access", "User Access via Web Services") ==
          UPT_CAT_LOGIN);
    CHECK_STREQ(fx.ev.detail, "4:65");
    CHECK(category_of(&fx, "access", "UserAccessviaWeb") == UPT_CAT_LOGIN);
    CHECK_STREQ(fx.ev.detail, "4:64");
    CHECK(category_of(&fx, " 2 ", "Add Privileges To Role") == UPT_CAT_ADMIN);
    CHECK_STREQ(fx.ev.detail, "2:57");
    fx_close(&fx);
}

static void a_label_in_another_language_is_kept_for_config_rules(void)
{
    struct fx fx;
    fx_open(&fx);
    CHECK(category_of(&fx, "Aktualisieren", "Zusammenführen") ==
          UPT_RULE_NOMATCH);
    CHECK_STREQ(fx.ev.detail, "Aktualisieren:Zusammenführen");
    fx_close(&fx);
}

static void action_codes_get_their_categories(void)
{
    static const struct {
        const char *op, *action;
        int cat;
    } cases[] = {
        {"1", "1", UPT_CAT_CREATE},    {"2", "2", UPT_CAT_UPDATE},
        {"3", "3", UPT_CAT_DELETE},    {"2", "4", UPT_CAT_UPDATE},
        {"2", "13", UPT_CAT_UPDATE},   {"2", "41", UPT_CAT_UPDATE},
        {"2", "12", UPT_CAT_UPDATE},   {"3", "12", UPT_CAT_UPDATE},
        {"2", "24", UPT_CAT_UPDATE},   {"2", "25", UPT_CAT_UPDATE},
        {"2", "44", UPT_CAT_UPDATE},   {"2", "45", UPT_CAT_UPDATE},
        {"2", "14", UPT_CAT_UPDATE},   {"2", "48", UPT_CAT_UPDATE},
        {"2", "49", UPT_CAT_UPDATE},   {"2", "33", UPT_CAT_UPDATE},
        {"2", "34", UPT_CAT_UPDATE},   {"1", "61", UPT_CAT_CREATE},
        {"2", "53", UPT_CAT_ADMIN},    {"2", "55", UPT_CAT_ADMIN},
        {"2", "59", UPT_CAT_ADMIN},    {"2", "100", UPT_CAT_ADMIN},
        {"2", "107", UPT_CAT_ADMIN},   {"2", "113", UPT_CAT_ADMIN},
        {"1", "60", UPT_CAT_IMPORT},   {"2", "120", UPT_RULE_NOMATCH},
        {"2", "19", UPT_RULE_NOMATCH}, {"2", "114", UPT_RULE_NOMATCH},
        {"4", "15", UPT_RULE_NOMATCH}, {"4", "2", UPT_RULE_NOMATCH},
        {"", "", UPT_RULE_NOMATCH},    {"2", "", UPT_RULE_NOMATCH},
    };
    struct fx fx;
    fx_open(&fx);
    for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
        int got = category_of(&fx, cases[i].op, cases[i].action);
        if (got != cases[i].cat)
            fprintf(stderr, "operation %s action %s: category %d, want %d\n",
                    cases[i].op, cases[i].action, got, cases[i].cat);
        CHECK(got == cases[i].cat);
    }
    fx_close(&fx);
}

static void the_calling_user_is_the_actor(void)
{
    struct fx fx;
    fx_open(&fx);
    CHECK(ADAPT(&fx, "createdon=2022-05-12T22:19:12Z", "operation=2",
                "action=2", "_userid_value=" ANA,
                "_userid_value" FV "=Ana Torres", "_callinguserid_value=" GINA,
                "_callinguserid_value" FV "=Gina Rossi",
                "usertype=Application") == UPT_ADAPT_EVENT);
    CHECK(strncmp(fx.ev.user, GINA, fx.ev.user_len) == 0);
    CHECK_STREQ(fx.ev.user_name, "Gina Rossi");
    CHECK(!fx.ev.service);
    CHECK(
        ADAPT(&fx, "createdon=2022-05-12T22:19:12Z", "operation=2", "action=2",
              "_userid_value=" ANA,
              "_callinguserid_value={00000000-0000-0000-0000-000000000000}") ==
        UPT_ADAPT_EVENT);
    CHECK(strncmp(fx.ev.user, ANA, fx.ev.user_len) == 0);
    fx_close(&fx);
}

static void braced_upper_case_guids_name_the_same_user(void)
{
    struct fx fx;
    fx_open(&fx);
    CHECK(ADAPT(&fx, "createdon=2022-05-12 22:19:12", "operation=1", "action=1",
                "_userid_value={4026BE43-6B69-E111-8F65-78E7D1620F5E}") ==
          UPT_ADAPT_EVENT);
    CHECK(fx.ev.time_ms == T0);
    CHECK(fx.ev.user_len == 36 && strncmp(fx.ev.user, ANA, 36) == 0);
    CHECK(ADAPT(&fx, "createdon=2022-05-12T22:19:12Z", "operation=1",
                "action=1", "_userid_value=not-a-guid") == UPT_ADAPT_EVENT);
    CHECK(fx.ev.user_len == 10 && strncmp(fx.ev.user, "not-a-guid", 10) == 0);
    fx_close(&fx);
}

static void an_application_user_type_is_a_service(void)
{
    struct fx fx;
    fx_open(&fx);
    CHECK(ADAPT(&fx, "createdon=2022-05-12T22:19:12Z", "operation=1",
                "action=1", "_userid_value=" ANA,
                "usertype=application") == UPT_ADAPT_EVENT);
    CHECK(fx.ev.service);
    CHECK(ADAPT(&fx, "createdon=2022-05-12T22:19:12Z", "operation=1",
                "action=1", "_userid_value=" ANA,
                "usertype=User") == UPT_ADAPT_EVENT);
    CHECK(!fx.ev.service);
    fx_close(&fx);
}

static void a_formatted_date_is_local_time_and_a_bad_one_a_bad_row(void)
{
    struct fx fx;
    fx_open(&fx);
    CHECK(ADAPT(&fx, "createdon=2022-05-12T22:19:12Z", "operation=2",
                "action=2", "_userid_value=" ANA) == UPT_ADAPT_EVENT);
    CHECK(!fx.ev.local_time);
    /* the formatted value is the exporting user's time: --tz converts */
    CHECK(ADAPT(&fx, "createdon=5/12/2022 10:19 PM", "operation=2", "action=2",
                "_userid_value=" ANA) == UPT_ADAPT_EVENT);
    CHECK(fx.ev.local_time);
    CHECK(fx.ev.time_ms == T0 - 12000);
    CHECK(ADAPT(&fx, "createdon=2022-02-30T10:00:00Z", "operation=2",
                "action=2", "_userid_value=" ANA) == UPT_ADAPT_BAD);
    CHECK_STREQ(fx.err, "bad timestamp '2022-02-30T10:00:00Z'; row skipped");
    CHECK(ADAPT(&fx, "operation=2", "action=2", "_userid_value=" ANA) ==
          UPT_ADAPT_BAD);
    CHECK_STREQ(fx.err, "no createdon; row skipped");
    fx_close(&fx);
}

static void a_row_without_a_user_is_bad_and_a_name_alone_will_do(void)
{
    struct fx fx;
    fx_open(&fx);
    CHECK(ADAPT(&fx, "createdon=2022-05-12T22:19:12Z", "operation=2",
                "action=2") == UPT_ADAPT_BAD);
    CHECK_STREQ(fx.err, "no userid; row skipped");
    CHECK(ADAPT(&fx, "createdon=2022-05-12T22:19:12Z", "operation=2",
                "action=2",
                "_userid_value" FV "=Ana Torres") == UPT_ADAPT_EVENT);
    CHECK(strncmp(fx.ev.user, "Ana Torres", fx.ev.user_len) == 0);
    fx_close(&fx);
}

static void coverage_holds_only_what_the_audit_table_logs(void)
{
    struct fx fx;
    fx_open(&fx);
    unsigned want = 1u << UPT_CAT_LOGIN | 1u << UPT_CAT_CREATE |
                    1u << UPT_CAT_UPDATE | 1u << UPT_CAT_DELETE |
                    1u << UPT_CAT_IMPORT | 1u << UPT_CAT_ADMIN |
                    1u << UPT_CAT_OTHER;
    CHECK(upt_rules_coverage(fx.rules, "dataverse", "Audit") == want);
    fx_close(&fx);
}

static void a_config_rule_on_the_operation_overrides_the_table(void)
{
    char err[256] = "";
    struct upt_rules *rules = upt_rules_new();
    CHECK(rules != NULL);
    if (!rules)
        return;
    CHECK(upt_rules_add(rules, "dataverse", "Audit", "^2:", UPT_CAT_UPDATE, err,
                        sizeof(err)) == UPT_OK);
    CHECK(upt_format_add_rules(rules, err, sizeof(err)) == UPT_OK);
    CHECK_STREQ(err, "");
    CHECK(upt_rules_classify(rules, "dataverse", "Audit", "2:120", 5) ==
          UPT_CAT_UPDATE);
    CHECK(upt_rules_classify(rules, "dataverse", "Audit", "2:55", 4) ==
          UPT_CAT_UPDATE);
    CHECK(upt_rules_classify(rules, "dataverse", "Audit", "3:3", 3) ==
          UPT_CAT_DELETE);
    upt_rules_free(rules);
}

int main(void)
{
    RUN(logical_schema_and_web_api_names_are_detected_in_any_case);
    RUN(a_header_missing_a_key_column_is_not_dataverse);
    RUN(other_formats_headers_are_not_dataverse);
    RUN(web_access_is_a_login_from_the_web);
    RUN(web_services_access_is_a_login_through_the_api);
    RUN(labels_become_the_codes_the_rules_see);
    RUN(a_label_in_another_language_is_kept_for_config_rules);
    RUN(action_codes_get_their_categories);
    RUN(the_calling_user_is_the_actor);
    RUN(braced_upper_case_guids_name_the_same_user);
    RUN(an_application_user_type_is_a_service);
    RUN(a_formatted_date_is_local_time_and_a_bad_one_a_bad_row);
    RUN(a_row_without_a_user_is_bad_and_a_name_alone_will_do);
    RUN(coverage_holds_only_what_the_audit_table_logs);
    RUN(a_config_rule_on_the_operation_overrides_the_table);
    return CHECK_DONE();
}
