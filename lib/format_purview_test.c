/* format_purview_test.c - unit tests of the Purview unified audit log adapter
 * and its rules */
#include "format.h"

#include <stdio.h>
#include <string.h>

#include "check.h"
#include "rules.h"

/* 2023-09-20T04:05:03Z */
#define T0 INT64_C(1695182703000)
/* 2026-01-24T06:54:24Z */
#define T1 INT64_C(1769237664000)

/* A CRM record with CreationTime, RecordType, Workload and UserId; the
 * arguments add members. */
#define REC(...)                                                               \
    "{\"CreationTime\":\"2023-09-20T04:05:03\",\"Id\":\"50e01c88-2e43-4005-"   \
    "8be8-9ceb172e2e90\",\"RecordType\":21,\"Workload\":\"CRM\",\"UserKey\":"  \
    "\"10033FFFA49A1234\",\"UserId\":\"ana@contoso.com\"," __VA_ARGS__ "}"

/* The classic export, with the RecordType column some scripts put first. */
static const char *const cols[] = {
    "RecordType", "CreationDate", "UserIds", "Operations", "AuditData",
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
    CHECK(fx->fmt == upt_format_find("purview"));
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

/* Adapts a row given as "Column=value" strings, NULL-ended; the rest "". */
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

static void both_export_layouts_are_detected_in_any_case(void)
{
    const struct upt_format *pv = upt_format_find("purview");
    CHECK(pv != NULL);
    CHECK(DETECTED("CreationDate", "UserIds", "Operations", "AuditData") == pv);
    CHECK(DETECTED("RecordType", "CreationDate", "UserIds", "Operations",
                   "AuditData") == pv);
    CHECK(DETECTED("RecordId", "CreationDate", "RecordType", "Operation",
                   "UserId", "AuditData", "AssociatedAdminUnits",
                   "AssociatedAdminUnitsNames") == pv);
    CHECK(DETECTED("auditdata", "operations", "creationdate", "userids") == pv);
}

static void other_formats_headers_are_not_purview(void)
{
    const struct upt_format *pv = upt_format_find("purview");
    CHECK(DETECTED("CreationDate", "UserIds", "Operations") != pv);
    CHECK(DETECTED("CreationDate", "Operations", "AuditData") != pv);
    CHECK(DETECTED("createdon", "operation", "action", "objecttypecode",
                   "userid") != pv);
    CHECK(DETECTED("EVENT_TYPE", "TIMESTAMP", "USER_ID", "URI") != pv);
    CHECK(DETECTED("LoginTime", "UserId", "Status", "LoginType") != pv);
    CHECK(DETECTED("CreatedDate", "CreatedById", "Action", "Section") != pv);
    CHECK(DETECTED("Audited Time", "Done By", "Action", "Module") != pv);
    CHECK(DETECTED("occurredAt", "actingUser.userEmail", "category", "action",
                   "id") != pv);
    CHECK(DETECTED("date_modified", "user_id", "module_name", "action",
                   "item_id") != pv);
}

#ifdef UPT_HAVE_JSON_C

static int classify(struct fx *fx)
{
    return upt_rules_classify(fx->rules, "purview", fx->ev.type, fx->ev.detail,
                              strlen(fx->ev.detail));
}

static const char *const browser =
    "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, "
    "like Gecko) Chrome/130.0.0.0 Safari/537.36 Edg/130.0.0.0";

static void a_crm_record_becomes_an_event(void)
{
    struct fx fx;
    fx_open(&fx);
    CHECK(ADAPT(&fx, "RecordType=CRM", "CreationDate=9/20/2023 4:05:03 AM",
                "UserIds=ana@contoso.com", "Operations=Retrieve",
                "AuditData=" REC(
                    "\"Operation\":\"Retrieve\",\"ResultStatus\":\"Success\","
                    "\"UserType\":0,\"EntityName\":\"account\",\"Message\":"
                    "\"Retrieve\",\"UserAgent\":\"Mozilla/5.0 (Windows NT "
                    "10.0; Win64; x64) Edg/130.0.0.0\"")) == UPT_ADAPT_EVENT);
    CHECK_STREQ(fx.err, "");
    CHECK(fx.ev.time_ms == T0);
    CHECK(fx.ev.user_len == strlen("ana@contoso.com"));
    CHECK_STREQ(fx.ev.user, "ana@contoso.com");
    CHECK_STREQ(fx.ev.user_name, "");
    CHECK_STREQ(fx.ev.type, "Crm");
    CHECK_STREQ(fx.ev.detail, "Retrieve");
    CHECK_STREQ(fx.ev.object, "account");
    CHECK_STREQ(fx.ev.session, "");
    CHECK_STREQ(fx.ev.key, "50e01c88-2e43-4005-8be8-9ceb172e2e90");
    CHECK(fx.ev.channel == UPT_CHAN_WEB);
    CHECK(fx.ev.outcome == UPT_OUTCOME_OK);
    CHECK(!fx.ev.service);
    CHECK(classify(&fx) == UPT_CAT_VIEW);
    fx_close(&fx);
}

static void creation_date_stands_in_when_creation_time_is_absent(void)
{
    struct fx fx;
    fx_open(&fx);
    CHECK(ADAPT(&fx, "CreationDate=2026-01-24T06:54:24.0000000Z ",
                "Operations=Create",
                "AuditData={\"RecordType\":21,\"UserId\":\"ana@contoso.com\","
                "\"Operation\":\"Create\"}") == UPT_ADAPT_EVENT);
    CHECK(fx.ev.time_ms == T1);
    CHECK(!fx.ev.local_time);
    /* a locale date is the exporting machine's time: --tz converts it */
    CHECK(ADAPT(&fx, "CreationDate=9/20/2023 4:05:03 AM", "Operations=Create",
                "AuditData={\"RecordType\":21,\"UserId\":\"ana@contoso.com\","
                "\"Operation\":\"Create\"}") == UPT_ADAPT_EVENT);
    CHECK(fx.ev.time_ms == T0);
    CHECK(fx.ev.local_time);
    /* CreationTime, in UTC, wins over any CreationDate */
    CHECK(ADAPT(&fx, "CreationDate=1/24/2026 6:54:24 AM",
                "AuditData=" REC("\"Operation\":\"Create\"")) ==
          UPT_ADAPT_EVENT);
    CHECK(fx.ev.time_ms == T0);
    CHECK(!fx.ev.local_time);
    CHECK(ADAPT(&fx, "CreationDate=yesterday",
                "AuditData={\"RecordType\":21,\"UserId\":\"a@b.com\"}") ==
          UPT_ADAPT_BAD);
    CHECK_STREQ(fx.err, "bad timestamp 'yesterday'; row skipped");
    CHECK(ADAPT(&fx,
                "AuditData={\"RecordType\":21,\"UserId\":\"a@b.com\","
                "\"CreationTime\":\"2023-02-30T00:00:00\"}") == UPT_ADAPT_BAD);
    CHECK_STREQ(fx.err, "bad timestamp '2023-02-30T00:00:00'; row skipped");
    CHECK(ADAPT(&fx, "AuditData={\"RecordType\":21,\"UserId\":\"a@b.com\"}") ==
          UPT_ADAPT_BAD);
    CHECK_STREQ(fx.err, "no CreationTime or CreationDate; row skipped");
    fx_close(&fx);
}

static void records_of_other_workloads_are_skipped_quietly(void)
{
    struct fx fx;
    fx_open(&fx);
    CHECK(ADAPT(&fx, "CreationDate=2023-09-20T04:05:03",
                "AuditData={\"CreationTime\":\"2023-09-20T04:05:03\","
                "\"RecordType\":15,\"Workload\":\"AzureActiveDirectory\","
                "\"Operation\":\"UserLoggedIn\",\"UserId\":\"ana@contoso."
                "com\"}") == UPT_ADAPT_SKIP);
    CHECK_STREQ(fx.err, "");
    /* a RecordType column with another number spares the JSON parse */
    CHECK(ADAPT(&fx, "RecordType=6", "AuditData={not json") == UPT_ADAPT_SKIP);
    CHECK_STREQ(fx.err, "");
    /* the Workload decides when RecordType is absent, then the column */
    CHECK(ADAPT(&fx, "AuditData={\"Workload\":\"CRM\",\"UserId\":\"a@b.com\","
                     "\"CreationTime\":\"2023-09-20T04:05:03\"}") ==
          UPT_ADAPT_EVENT);
    CHECK(ADAPT(&fx, "RecordType=CRM",
                "AuditData={\"UserId\":\"a@b.com\",\"CreationTime\":\"2023-"
                "09-20T04:05:03\"}") == UPT_ADAPT_EVENT);
    CHECK(ADAPT(&fx, "AuditData={\"UserId\":\"a@b.com\",\"CreationTime\":"
                     "\"2023-09-20T04:05:03\"}") == UPT_ADAPT_SKIP);
    fx_close(&fx);
}

static void bad_json_in_audit_data_is_a_bad_row(void)
{
    struct fx fx;
    fx_open(&fx);
    CHECK(ADAPT(&fx, "AuditData={\"CreationTime\":\"2023-09-20T04:05:03\","
                     "\"Operation\":\"Retr") == UPT_ADAPT_BAD);
    CHECK_STREQ(fx.err,
                "bad JSON in AuditData (unexpected end of data); row skipped");
    CHECK(ADAPT(&fx, "AuditData={\"Operation\":Retrieve}") == UPT_ADAPT_BAD);
    CHECK(strncmp(fx.err, "bad JSON in AuditData (", 23) == 0);
    CHECK(strstr(fx.err, "); row skipped") != NULL);
    CHECK(ADAPT(&fx, "AuditData=" REC("\"Operation\":\"Create\"") " x") ==
          UPT_ADAPT_BAD);
    CHECK_STREQ(fx.err,
                "bad JSON in AuditData (data after the record); row skipped");
    CHECK(ADAPT(&fx, "AuditData=[1,2]") == UPT_ADAPT_BAD);
    CHECK_STREQ(fx.err, "bad JSON in AuditData (not an object); row skipped");
    CHECK(ADAPT(&fx, "UserIds=ana@contoso.com") == UPT_ADAPT_BAD);
    CHECK_STREQ(fx.err, "no AuditData; row skipped");
    /* white space after the record is no fault */
    CHECK(ADAPT(&fx, "AuditData=" REC("\"Operation\":\"Create\"") " \r\n") ==
          UPT_ADAPT_EVENT);
    fx_close(&fx);
}

static void failed_result_is_a_failed_outcome_of_its_category(void)
{
    struct fx fx;
    fx_open(&fx);
    CHECK(ADAPT(&fx, "AuditData=" REC("\"Operation\":\"Update\","
                                      "\"ResultStatus\":\"Failed\"")) ==
          UPT_ADAPT_EVENT);
    CHECK(fx.ev.outcome == UPT_OUTCOME_FAILED);
    CHECK(classify(&fx) == UPT_CAT_UPDATE);
    CHECK(ADAPT(&fx, "AuditData=" REC("\"Operation\":\"Update\","
                                      "\"ResultStatus\":\"Succeeded\"")) ==
          UPT_ADAPT_EVENT);
    CHECK(fx.ev.outcome == UPT_OUTCOME_OK);
    fx_close(&fx);
}

static void applications_and_system_accounts_are_services(void)
{
    struct fx fx;
    fx_open(&fx);
    CHECK(ADAPT(&fx, "AuditData=" REC("\"Operation\":\"Create\","
                                      "\"UserType\":5")) == UPT_ADAPT_EVENT);
    CHECK(fx.ev.service);
    CHECK(fx.ev.channel == UPT_CHAN_API);
    CHECK(ADAPT(&fx, "AuditData=" REC("\"Operation\":\"Create\","
                                      "\"UserType\":\"ServicePrincipal\"")) ==
          UPT_ADAPT_EVENT);
    CHECK(fx.ev.service);
    CHECK(fx.ev.channel == UPT_CHAN_API);
    CHECK(ADAPT(&fx, "AuditData=" REC("\"Operation\":\"Create\","
                                      "\"UserType\":4")) == UPT_ADAPT_EVENT);
    CHECK(fx.ev.service);
    CHECK(ADAPT(&fx, "AuditData=" REC("\"Operation\":\"Create\","
                                      "\"UserType\":2")) == UPT_ADAPT_EVENT);
    CHECK(!fx.ev.service);
    fx_close(&fx);
}

static void the_user_agent_gives_the_channel(void)
{
    char data[512];
    struct fx fx;
    fx_open(&fx);
    CHECK(ADAPT(&fx, "AuditData=" REC(
                         "\"Operation\":\"Retrieve\",\"UserAgent\":\"Mozilla/"
                         "5.0 (Linux; Android 14; Pixel 8) Mobile Safari/"
                         "537.36\"")) == UPT_ADAPT_EVENT);
    CHECK(fx.ev.channel == UPT_CHAN_MOBILE);
    CHECK(ADAPT(&fx, "AuditData=" REC(
                         "\"Operation\":\"Retrieve\",\"UserAgent\":\"python-"
                         "requests/2.32.3\"")) == UPT_ADAPT_EVENT);
    CHECK(fx.ev.channel == UPT_CHAN_API);
    CHECK(ADAPT(&fx, "AuditData=" REC("\"Operation\":\"Retrieve\"")) ==
          UPT_ADAPT_EVENT);
    CHECK(fx.ev.channel == UPT_CHAN_OTHER);
    snprintf(data, sizeof(data),
             "AuditData=" REC("\"Operation\":\"Retrieve\",\"UserAgent\":"
                              "\"%s\""),
             browser);
    CHECK(ADAPT(&fx, data) == UPT_ADAPT_EVENT);
    CHECK(fx.ev.channel == UPT_CHAN_WEB);
    fx_close(&fx);
}

static void the_user_falls_back_from_the_upn_to_the_ids(void)
{
    struct fx fx;
    fx_open(&fx);
    CHECK(ADAPT(&fx, "UserIds=ben@contoso.com",
                "AuditData={\"RecordType\":21,\"CreationTime\":\"2023-09-20T"
                "04:05:03\",\"UserUpn\":\"ana@contoso.com\"}") ==
          UPT_ADAPT_EVENT);
    CHECK_STREQ(fx.ev.user, "ana@contoso.com");
    CHECK(ADAPT(&fx, "UserIds=ben@contoso.com",
                "AuditData={\"RecordType\":21,\"CreationTime\":\"2023-09-20T"
                "04:05:03\",\"UserKey\":\"10033FFFA49A1234\"}") ==
          UPT_ADAPT_EVENT);
    CHECK_STREQ(fx.ev.user, "ben@contoso.com");
    CHECK(ADAPT(&fx, "AuditData={\"RecordType\":21,\"CreationTime\":\"2023-"
                     "09-20T04:05:03\",\"UserKey\":\"10033FFFA49A1234\","
                     "\"SystemUserId\":\"4026be43-6b69-e111-8f65-78e7d1620f5e\""
                     "}") == UPT_ADAPT_EVENT);
    CHECK_STREQ(fx.ev.user, "10033FFFA49A1234");
    CHECK(ADAPT(&fx, "AuditData={\"RecordType\":21,\"CreationTime\":\"2023-"
                     "09-20T04:05:03\",\"UserId\":\"4026be43-6b69-e111-8f65-"
                     "78e7d1620f5e\",\"UserUpn\":\"ana@contoso.com\"}") ==
          UPT_ADAPT_EVENT);
    CHECK_STREQ(fx.ev.user_name, "ana@contoso.com");
    CHECK(ADAPT(&fx, "AuditData={\"RecordType\":21,\"CreationTime\":\"2023-"
                     "09-20T04:05:03\",\"Operation\":\"Retrieve\"}") ==
          UPT_ADAPT_BAD);
    CHECK_STREQ(fx.err, "no UserId in AuditData; row skipped");
    fx_close(&fx);
}

static void the_operation_falls_back_to_message_and_the_column(void)
{
    struct fx fx;
    fx_open(&fx);
    CHECK(ADAPT(&fx, "Operations=Delete",
                "AuditData=" REC("\"Message\":\"Create\",\"ItemType\":"
                                 "\"contact\"")) == UPT_ADAPT_EVENT);
    CHECK_STREQ(fx.ev.detail, "Create");
    CHECK_STREQ(fx.ev.object, "contact");
    CHECK(ADAPT(&fx, "Operations=Delete", "AuditData=" REC("\"Fields\":[]")) ==
          UPT_ADAPT_EVENT);
    CHECK_STREQ(fx.ev.detail, "Delete");
    fx_close(&fx);
}

static void sdk_messages_get_their_categories(void)
{
    static const struct {
        const char *op;
        int cat;
    } cases[] = {
        {"Create", UPT_CAT_CREATE},
        {"CreateMultiple", UPT_CAT_CREATE},
        {"Update", UPT_CAT_UPDATE},
        {"UpdateMultiple", UPT_CAT_UPDATE},
        {"Upsert", UPT_CAT_UPDATE},
        {"Assign", UPT_CAT_UPDATE},
        {"SetState", UPT_CAT_UPDATE},
        {"SetStateDynamicEntity", UPT_CAT_UPDATE},
        {"Merge", UPT_CAT_UPDATE},
        {"Associate", UPT_CAT_UPDATE},
        {"QualifyLead", UPT_CAT_UPDATE},
        {"Delete", UPT_CAT_DELETE},
        {"DeleteMultiple", UPT_CAT_DELETE},
        {"Retrieve", UPT_CAT_VIEW},
        {"RetrieveMultiple", UPT_CAT_VIEW},
        {"ExecuteFetch", UPT_CAT_VIEW},
        {"RollUp", UPT_CAT_VIEW},
        {"RetrieveEntitiesForAggregateQuery", UPT_CAT_VIEW},
        {"RetrieveRecordWall", UPT_CAT_VIEW},
        {"RetrievePersonalWall", UPT_CAT_VIEW},
        {"GetQuantityDecimal", UPT_CAT_VIEW},
        {"Search", UPT_CAT_SEARCH},
        {"searchquery", UPT_CAT_SEARCH},
        {"ExportToExcel", UPT_CAT_EXPORT},
        {"ExportPdfDocument", UPT_CAT_EXPORT},
        {"Report Viewer Export", UPT_CAT_EXPORT},
        {"Report Viewed", UPT_CAT_REPORT},
        {"Report Viewer Render Image", UPT_RULE_IGNORE},
        {"ImportRecordsImport", UPT_CAT_IMPORT},
        {"ParseImport", UPT_CAT_IMPORT},
        {"ImportFile", UPT_CAT_IMPORT},
        {"SendEmail", UPT_RULE_NOMATCH},
        {"DeleteAuditData", UPT_RULE_NOMATCH},
    };
    char data[256];
    struct fx fx;
    fx_open(&fx);
    for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
        snprintf(data, sizeof(data), "AuditData=" REC("\"Operation\":\"%s\""),
                 cases[i].op);
        int got = ADAPT(&fx, data) == UPT_ADAPT_EVENT ? classify(&fx) : -99;
        if (got != cases[i].cat)
            fprintf(stderr, "%s: category %d, want %d\n", cases[i].op, got,
                    cases[i].cat);
        CHECK(got == cases[i].cat);
    }
    fx_close(&fx);
}

static void coverage_has_reads_and_writes_but_no_logins(void)
{
    struct fx fx;
    fx_open(&fx);
    unsigned want =
        1u << UPT_CAT_VIEW | 1u << UPT_CAT_SEARCH | 1u << UPT_CAT_CREATE |
        1u << UPT_CAT_UPDATE | 1u << UPT_CAT_DELETE | 1u << UPT_CAT_REPORT |
        1u << UPT_CAT_EXPORT | 1u << UPT_CAT_IMPORT | 1u << UPT_CAT_OTHER;
    CHECK(upt_rules_coverage(fx.rules, "purview", "Crm") == want);
    /* a failed ResultStatus is an error the format shows, though no rule
     * gives the category */
    CHECK(fx.fmt->outcomes);
    CHECK(upt_format_categories(fx.fmt) ==
          ((want & ~(1u << UPT_CAT_OTHER)) | 1u << UPT_CAT_ERROR));
    fx_close(&fx);
}

#else

static void without_json_c_the_file_is_reported_once(void)
{
    struct fx fx;
    fx_open(&fx);
    CHECK(ADAPT(&fx, "AuditData=" REC("\"Operation\":\"Create\"")) ==
          UPT_ADAPT_BAD);
    CHECK(strstr(fx.err, "json-c") != NULL);
    CHECK(ADAPT(&fx, "AuditData=" REC("\"Operation\":\"Create\"")) ==
          UPT_ADAPT_SKIP);
    fx_close(&fx);
}

#endif

int main(void)
{
    RUN(both_export_layouts_are_detected_in_any_case);
    RUN(other_formats_headers_are_not_purview);
#ifdef UPT_HAVE_JSON_C
    RUN(a_crm_record_becomes_an_event);
    RUN(creation_date_stands_in_when_creation_time_is_absent);
    RUN(records_of_other_workloads_are_skipped_quietly);
    RUN(bad_json_in_audit_data_is_a_bad_row);
    RUN(failed_result_is_a_failed_outcome_of_its_category);
    RUN(applications_and_system_accounts_are_services);
    RUN(the_user_agent_gives_the_channel);
    RUN(the_user_falls_back_from_the_upn_to_the_ids);
    RUN(the_operation_falls_back_to_message_and_the_column);
    RUN(sdk_messages_get_their_categories);
    RUN(coverage_has_reads_and_writes_but_no_logins);
#else
    RUN(without_json_c_the_file_is_reported_once);
#endif
    return CHECK_DONE();
}
