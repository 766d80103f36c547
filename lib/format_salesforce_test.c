/* format_salesforce_test.c - unit tests of the Salesforce ELF adapter and rules
 */
#include "format.h"

#include <stdlib.h>
#include <string.h>

#include "check.h"
#include "rules.h"

/* 2024-03-05T14:07:09Z */
#define T0 INT64_C(1709647629000)

static const char *const cols[] = {
    "EVENT_TYPE",
    "TIMESTAMP",
    "TIMESTAMP_DERIVED",
    "USER_ID",
    "USER_ID_DERIVED",
    "USER_NAME",
    "VIEWING_USER_ID",
    "DELEGATED_USER_ID",
    "USER_TYPE",
    "LOGIN_KEY",
    "SESSION_KEY",
    "LOGIN_STATUS",
    "URI",
    "PAGE_URL",
    "UI_EVENT_SOURCE",
    "ORIGIN",
    "RENDERING_TYPE",
    "IS_SCHEDULED",
    "OPERATION_TYPE",
    "DEVICE_PLATFORM",
    "REQUEST_STATUS",
    "ENTITY_NAME",
};
enum { NCOLS = sizeof(cols) / sizeof(cols[0]) };

static struct upt_row row_of(const char *const *field, size_t *len, size_t n)
{
    for (size_t i = 0; i < n; i++)
        len[i] = strlen(field[i]);
    return (struct upt_row){.field = field, .len = len, .count = n, .line = 1};
}

/* One adapter opened on the full header, and the built-in rules. */
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

/* Adapts a row given as "COLUMN=value" strings, NULL-ended; the rest "". */
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
    return upt_rules_classify(fx->rules, "salesforce", fx->ev.type,
                              fx->ev.detail, strlen(fx->ev.detail));
}

/* The category the built-in rules give a row of TYPE whose detail column
 * COL holds VALUE; -99 if the row was not adapted. */
static int category_of(struct fx *fx, const char *type, const char *kv1,
                       const char *kv2)
{
    char t[64];
    snprintf(t, sizeof(t), "EVENT_TYPE=%s", type);
    const char *kv[] = {t,
                        "TIMESTAMP=20240305140709",
                        "USER_ID=005000000000001",
                        kv1 ? kv1 : "X=",
                        kv2 ? kv2 : "X=",
                        NULL};
    if (adapt(fx, kv) != UPT_ADAPT_EVENT)
        return -99;
    return classify(fx);
}

static void elf_header_is_detected_in_upper_case(void)
{
    const char *const h[] = {"EVENT_TYPE", "TIMESTAMP", "REQUEST_ID", "USER_ID",
                             "URI"};
    size_t len[5];
    struct upt_row row = row_of(h, len, 5);
    const struct upt_format *f = upt_format_detect(&row);
    CHECK(f != NULL);
    CHECK(f == upt_format_find("salesforce"));
    CHECK_STREQ(f ? f->name : NULL, "salesforce");
}

static void elf_header_is_detected_in_lower_case(void)
{
    const char *const h[] = {"event_type", "timestamp_derived",
                             "user_id_derived", "uri"};
    size_t len[4];
    struct upt_row row = row_of(h, len, 4);
    CHECK(upt_format_detect(&row) == upt_format_find("salesforce"));
}

static void roster_header_is_not_an_elf(void)
{
    const char *const h[] = {"Id", "Name", "Profile.Name", "IsActive",
                             "CreatedDate"};
    size_t len[5];
    struct upt_row row = row_of(h, len, 5);
    CHECK(upt_format_detect(&row) == NULL);
}

static void a_header_without_a_user_column_is_still_an_elf(void)
{
    /* ApexUnexpectedException files have no USER_ID; their rows are
     * skipped, not the file */
    const char *const h[] = {"EVENT_TYPE", "TIMESTAMP", "URI"};
    size_t len[3];
    struct upt_row row = row_of(h, len, 3);
    CHECK(upt_format_detect(&row) == upt_format_find("salesforce"));
    const char *const h2[] = {"TIMESTAMP", "USER_ID", "URI"};
    row = row_of(h2, len, 3);
    CHECK(upt_format_detect(&row) == NULL);
}

static void formats_are_found_by_name_without_regard_to_case(void)
{
    size_t n = 0;
    const struct upt_format *const *all = upt_format_all(&n);
    CHECK(n >= 1);
    CHECK(upt_format_find("SalesForce") == upt_format_find("salesforce"));
    CHECK(upt_format_find("splunk") == NULL);
    int found = 0;
    for (size_t i = 0; i < n; i++)
        found += all[i] == upt_format_find("salesforce");
    CHECK(found == 1);
}

static void login_row_takes_derived_time_and_15_char_user_key(void)
{
    struct fx fx;
    fx_open(&fx);
    CHECK(ADAPT(&fx, "EVENT_TYPE=Login", "TIMESTAMP=20240101000000",
                "TIMESTAMP_DERIVED=2024-03-05T14:07:09.123Z",
                "USER_ID=005Dn000001AbCdEAA", "USER_NAME=jo@example.com",
                "LOGIN_KEY=k1", "SESSION_KEY=s1",
                "LOGIN_STATUS=LOGIN_NO_ERROR") == UPT_ADAPT_EVENT);
    CHECK(fx.ev.time_ms == T0 + 123);
    CHECK(fx.ev.user_len == 15);
    CHECK(strncmp(fx.ev.user, "005Dn000001AbCd", 15) == 0);
    CHECK_STREQ(fx.ev.user_name, "jo@example.com");
    CHECK_STREQ(fx.ev.type, "Login");
    CHECK_STREQ(fx.ev.detail, "LOGIN_NO_ERROR");
    CHECK_STREQ(fx.ev.session, "k1");
    CHECK(fx.ev.channel == UPT_CHAN_WEB);
    CHECK(fx.ev.outcome == UPT_OUTCOME_OK);
    CHECK(!fx.ev.service);
    CHECK(classify(&fx) == UPT_CAT_LOGIN);
    fx_close(&fx);
}

static void timestamp_falls_back_to_the_compact_column(void)
{
    struct fx fx;
    fx_open(&fx);
    CHECK(ADAPT(&fx, "EVENT_TYPE=Login", "TIMESTAMP=20240305140709.12",
                "USER_ID=005000000000001") == UPT_ADAPT_EVENT);
    CHECK(fx.ev.time_ms == T0 + 120);
    CHECK(fx.ev.user_len == 15);
    fx_close(&fx);
}

static void failed_login_is_a_failed_error(void)
{
    struct fx fx;
    fx_open(&fx);
    CHECK(ADAPT(&fx, "EVENT_TYPE=Login", "TIMESTAMP=20240305140709",
                "USER_ID=005000000000001",
                "LOGIN_STATUS=LOGIN_ERROR_INVALID_PASSWORD") ==
          UPT_ADAPT_EVENT);
    CHECK(fx.ev.outcome == UPT_OUTCOME_FAILED);
    CHECK(classify(&fx) == UPT_CAT_ERROR);
    fx_close(&fx);
}

static void session_falls_back_to_session_key(void)
{
    struct fx fx;
    fx_open(&fx);
    CHECK(ADAPT(&fx, "EVENT_TYPE=URI", "TIMESTAMP=20240305140709",
                "USER_ID=005000000000001", "SESSION_KEY=s9",
                "ENTITY_NAME=Account", "REQUEST_STATUS=F") == UPT_ADAPT_EVENT);
    CHECK_STREQ(fx.ev.session, "s9");
    CHECK_STREQ(fx.ev.object, "Account");
    CHECK(fx.ev.outcome == UPT_OUTCOME_FAILED);
    fx_close(&fx);
}

static void dashboard_belongs_to_the_viewing_user(void)
{
    struct fx fx;
    fx_open(&fx);
    CHECK(ADAPT(&fx, "EVENT_TYPE=Dashboard", "TIMESTAMP=20240305140709",
                "USER_ID=005000000000RUN", "VIEWING_USER_ID=005000000000VEW",
                "IS_SCHEDULED=0") == UPT_ADAPT_EVENT);
    CHECK(fx.ev.user_len == 15 &&
          strncmp(fx.ev.user, "005000000000VEW", 15) == 0);
    CHECK(classify(&fx) == UPT_CAT_REPORT);
    fx_close(&fx);
}

static void scheduled_dashboard_is_ignored(void)
{
    struct fx fx;
    fx_open(&fx);
    CHECK(ADAPT(&fx, "EVENT_TYPE=Dashboard", "TIMESTAMP=20240305140709",
                "USER_ID=005000000000RUN", "VIEWING_USER_ID=005000000000VEW",
                "IS_SCHEDULED=1") == UPT_ADAPT_EVENT);
    CHECK_STREQ(fx.ev.detail, "scheduled");
    CHECK(classify(&fx) == UPT_RULE_IGNORE);
    fx_close(&fx);
}

static void login_as_belongs_to_the_delegating_admin(void)
{
    struct fx fx;
    fx_open(&fx);
    CHECK(ADAPT(&fx, "EVENT_TYPE=LoginAs", "TIMESTAMP=20240305140709",
                "USER_ID=005000000000USR",
                "DELEGATED_USER_ID=005000000000ADM") == UPT_ADAPT_EVENT);
    CHECK(strncmp(fx.ev.user, "005000000000ADM", 15) == 0);
    CHECK(classify(&fx) == UPT_CAT_ADMIN);
    fx_close(&fx);
}

static void triple_quoted_uri_is_unwrapped(void)
{
    struct fx fx;
    fx_open(&fx);
    CHECK(ADAPT(&fx, "EVENT_TYPE=URI", "TIMESTAMP=20240305140709",
                "USER_ID=005000000000001",
                "URI=\"/001/e\"") == UPT_ADAPT_EVENT);
    CHECK_STREQ(fx.ev.detail, "/001/e");
    CHECK(classify(&fx) == UPT_CAT_CREATE);
    fx_close(&fx);
}

static void very_long_detail_is_cut_not_overflowed(void)
{
    struct fx fx;
    char uri[5000] = "URI=/001Dn00000AbCdE?x=";
    size_t n = strlen(uri);
    memset(uri + n, 'y', sizeof(uri) - n - 1);
    uri[sizeof(uri) - 1] = '\0';
    fx_open(&fx);
    CHECK(ADAPT(&fx, "EVENT_TYPE=URI", "TIMESTAMP=20240305140709",
                "USER_ID=005000000000001", uri) == UPT_ADAPT_EVENT);
    CHECK(strlen(fx.ev.detail) == 2047);
    CHECK(strncmp(fx.ev.detail, "/001Dn00000AbCdE?x=yyy", 22) == 0);
    CHECK(classify(&fx) == UPT_CAT_VIEW);
    fx_close(&fx);
}

static void bad_timestamp_is_a_bad_row_with_the_value_quoted(void)
{
    struct fx fx;
    fx_open(&fx);
    CHECK(ADAPT(&fx, "EVENT_TYPE=Login",
                "TIMESTAMP_DERIVED=2024-02-30T00:00:00Z",
                "USER_ID=005000000000001") == UPT_ADAPT_BAD);
    CHECK_STREQ(fx.err, "bad timestamp '2024-02-30T00:00:00Z'; row skipped");
    CHECK(ADAPT(&fx, "EVENT_TYPE=Login", "TIMESTAMP=yesterday's",
                "USER_ID=005000000000001") == UPT_ADAPT_BAD);
    CHECK_STREQ(fx.err, "bad timestamp 'yesterday\\x27s'; row skipped");
    fx_close(&fx);
}

static void missing_timestamp_or_type_is_a_bad_row(void)
{
    struct fx fx;
    fx_open(&fx);
    CHECK(ADAPT(&fx, "EVENT_TYPE=Login", "USER_ID=005000000000001") ==
          UPT_ADAPT_BAD);
    CHECK_STREQ(fx.err, "no timestamp; row skipped");
    CHECK(ADAPT(&fx, "TIMESTAMP=20240305140709", "USER_ID=005000000000001") ==
          UPT_ADAPT_BAD);
    CHECK_STREQ(fx.err, "no EVENT_TYPE; row skipped");
    fx_close(&fx);
}

static void row_without_a_user_is_skipped_quietly(void)
{
    struct fx fx;
    fx_open(&fx);
    CHECK(ADAPT(&fx, "EVENT_TYPE=Logout", "TIMESTAMP=20240305140709") ==
          UPT_ADAPT_SKIP);
    CHECK_STREQ(fx.err, "");
    fx_close(&fx);
}

static void user_id_derived_stands_in_for_user_id(void)
{
    struct fx fx;
    fx_open(&fx);
    CHECK(ADAPT(&fx, "EVENT_TYPE=Logout", "TIMESTAMP=20240305140709",
                "USER_ID_DERIVED=005Dn000001AbCdEAA") == UPT_ADAPT_EVENT);
    CHECK(fx.ev.user_len == 15 &&
          strncmp(fx.ev.user, "005Dn000001AbCdE", 15) == 0);
    CHECK(classify(&fx) == UPT_CAT_LOGOUT);
    fx_close(&fx);
}

static void automated_user_type_is_a_service(void)
{
    struct fx fx;
    fx_open(&fx);
    CHECK(ADAPT(&fx, "EVENT_TYPE=API", "TIMESTAMP=20240305140709",
                "USER_ID=005000000000001", "USER_TYPE=A") == UPT_ADAPT_EVENT);
    CHECK(fx.ev.service);
    CHECK(fx.ev.channel == UPT_CHAN_API);
    CHECK(ADAPT(&fx, "EVENT_TYPE=API", "TIMESTAMP=20240305140709",
                "USER_ID=005000000000001", "USER_TYPE=S") == UPT_ADAPT_EVENT);
    CHECK(!fx.ev.service);
    fx_close(&fx);
}

static void salesforce_mobile_platform_is_the_mobile_channel(void)
{
    struct fx fx;
    fx_open(&fx);
    CHECK(ADAPT(&fx, "EVENT_TYPE=LightningPageView", "TIMESTAMP=20240305140709",
                "USER_ID=005000000000001",
                "DEVICE_PLATFORM=S1:Android") == UPT_ADAPT_EVENT);
    CHECK(fx.ev.channel == UPT_CHAN_MOBILE);
    CHECK(ADAPT(&fx, "EVENT_TYPE=LightningPageView", "TIMESTAMP=20240305140709",
                "USER_ID=005000000000001",
                "DEVICE_PLATFORM=SFX:BROWSER:DESKTOP") == UPT_ADAPT_EVENT);
    CHECK(fx.ev.channel == UPT_CHAN_WEB);
    fx_close(&fx);
}

static void classic_uris_are_classified_by_shape(void)
{
    struct fx fx;
    fx_open(&fx);
    CHECK(category_of(&fx, "URI", "URI=/001/e", NULL) == UPT_CAT_CREATE);
    CHECK(category_of(&fx, "URI", "URI=/001Dn00000AbCdE/e", NULL) ==
          UPT_CAT_UPDATE);
    CHECK(category_of(&fx, "URI", "URI=/001Dn00000AbCdEAAA/e", NULL) ==
          UPT_CAT_UPDATE);
    CHECK(category_of(&fx, "URI", "URI=/001Dn00000AbCdE/d", NULL) ==
          UPT_CAT_DELETE);
    CHECK(category_of(&fx, "URI", "URI=/00O5e000000AbCd", NULL) ==
          UPT_CAT_REPORT);
    CHECK(category_of(&fx, "URI", "URI=/001Dn00000AbCdE", NULL) ==
          UPT_CAT_VIEW);
    CHECK(category_of(&fx, "URI", "URI=/001/o", NULL) == UPT_CAT_VIEW);
    CHECK(category_of(&fx, "URI", "URI=/_ui/search/ui/UnifiedSearchResults",
                      NULL) == UPT_CAT_SEARCH);
    CHECK(category_of(&fx, "URI", "URI=/setup/forcecomHomepage.apexp", NULL) ==
          UPT_CAT_ADMIN);
    CHECK(category_of(&fx, "URI", "URI=/apex/UserGuide", NULL) == UPT_CAT_HELP);
    CHECK(category_of(&fx, "URI", "URI=/aura", NULL) == UPT_RULE_IGNORE);
    CHECK(category_of(&fx, "URI", "URI=/home/home.jsp", NULL) == UPT_CAT_OTHER);
    fx_close(&fx);
}

static void lightning_events_are_classified_by_page_and_source(void)
{
    struct fx fx;
    fx_open(&fx);
    CHECK(category_of(&fx, "LightningPageView",
                      "PAGE_URL=/lightning/r/Account/001Dn000001AbCdEAA/view",
                      NULL) == UPT_CAT_VIEW);
    CHECK(category_of(&fx, "LightningPageView",
                      "PAGE_URL=/lightning/r/Account/001Dn000001AbCdEAA/edit",
                      NULL) == UPT_CAT_UPDATE);
    CHECK(category_of(&fx, "LightningPageView",
                      "PAGE_URL=/lightning/o/Contact/new",
                      NULL) == UPT_CAT_CREATE);
    CHECK(category_of(&fx, "LightningPageView",
                      "PAGE_URL=/lightning/r/Report/00O5e000000AbCdEAA/view",
                      NULL) == UPT_CAT_REPORT);
    CHECK(category_of(&fx, "LightningInteraction", "UI_EVENT_SOURCE=update",
                      NULL) == UPT_CAT_UPDATE);
    CHECK(category_of(&fx, "LightningInteraction", "UI_EVENT_SOURCE=read",
                      NULL) == UPT_CAT_VIEW);
    CHECK(category_of(&fx, "LightningInteraction", "UI_EVENT_SOURCE=hover",
                      NULL) == UPT_CAT_OTHER);
    CHECK(category_of(&fx, "LightningPerformance", NULL, NULL) ==
          UPT_RULE_IGNORE);
    fx_close(&fx);
}

static void report_origin_and_rendering_decide_export(void)
{
    struct fx fx;
    fx_open(&fx);
    CHECK(category_of(&fx, "Report", "ORIGIN=ReportExported", NULL) ==
          UPT_CAT_EXPORT);
    CHECK_STREQ(fx.ev.detail, "ReportExported/");
    CHECK(category_of(&fx, "Report", "ORIGIN=ReportRunFromLightning",
                      "RENDERING_TYPE=W") == UPT_CAT_REPORT);
    CHECK_STREQ(fx.ev.detail, "ReportRunFromLightning/W");
    CHECK(category_of(&fx, "Report", "ORIGIN=ReportRunFromClassic",
                      "RENDERING_TYPE=X") == UPT_CAT_EXPORT);
    CHECK(category_of(&fx, "Report", "ORIGIN=ReportRunFromRestApi", NULL) ==
          UPT_CAT_API);
    /* a scheduled run is the scheduler's doing, not the user's */
    CHECK(category_of(&fx, "Report", "ORIGIN=ReportScheduled", NULL) ==
          UPT_RULE_IGNORE);
    fx_close(&fx);
}

static void other_event_types_get_their_table_category(void)
{
    struct fx fx;
    fx_open(&fx);
    CHECK(category_of(&fx, "BulkApi", "OPERATION_TYPE=insert", NULL) ==
          UPT_CAT_IMPORT);
    CHECK(fx.ev.channel == UPT_CHAN_API);
    CHECK(category_of(&fx, "BulkApi", "OPERATION_TYPE=Upsert", NULL) ==
          UPT_CAT_IMPORT);
    CHECK(category_of(&fx, "BulkApi", "OPERATION_TYPE=query", NULL) ==
          UPT_CAT_API);
    CHECK(category_of(&fx, "Search", NULL, NULL) == UPT_CAT_SEARCH);
    CHECK(category_of(&fx, "KnowledgeArticleView", NULL, NULL) == UPT_CAT_HELP);
    CHECK(category_of(&fx, "Logout", NULL, NULL) == UPT_CAT_LOGOUT);
    CHECK(category_of(&fx, "ReportExport", NULL, NULL) == UPT_CAT_EXPORT);
    CHECK(category_of(&fx, "ApexExecution", NULL, NULL) == UPT_RULE_IGNORE);
    CHECK(category_of(&fx, "SomeFutureEvent", NULL, NULL) == UPT_RULE_NOMATCH);
    fx_close(&fx);
}

static void coverage_of_a_type_lists_what_its_rules_can_give(void)
{
    struct fx fx;
    fx_open(&fx);
    unsigned login = upt_rules_coverage(fx.rules, "salesforce", "Login");
    CHECK(login ==
          (1u << UPT_CAT_LOGIN | 1u << UPT_CAT_ERROR | 1u << UPT_CAT_OTHER));
    unsigned search = upt_rules_coverage(fx.rules, "salesforce", "Search");
    CHECK(search == (1u << UPT_CAT_SEARCH | 1u << UPT_CAT_OTHER));
    fx_close(&fx);
}

int main(void)
{
    RUN(elf_header_is_detected_in_upper_case);
    RUN(elf_header_is_detected_in_lower_case);
    RUN(roster_header_is_not_an_elf);
    RUN(a_header_without_a_user_column_is_still_an_elf);
    RUN(formats_are_found_by_name_without_regard_to_case);
    RUN(login_row_takes_derived_time_and_15_char_user_key);
    RUN(timestamp_falls_back_to_the_compact_column);
    RUN(failed_login_is_a_failed_error);
    RUN(session_falls_back_to_session_key);
    RUN(dashboard_belongs_to_the_viewing_user);
    RUN(scheduled_dashboard_is_ignored);
    RUN(login_as_belongs_to_the_delegating_admin);
    RUN(triple_quoted_uri_is_unwrapped);
    RUN(very_long_detail_is_cut_not_overflowed);
    RUN(bad_timestamp_is_a_bad_row_with_the_value_quoted);
    RUN(missing_timestamp_or_type_is_a_bad_row);
    RUN(row_without_a_user_is_skipped_quietly);
    RUN(user_id_derived_stands_in_for_user_id);
    RUN(automated_user_type_is_a_service);
    RUN(salesforce_mobile_platform_is_the_mobile_channel);
    RUN(classic_uris_are_classified_by_shape);
    RUN(lightning_events_are_classified_by_page_and_source);
    RUN(report_origin_and_rendering_decide_export);
    RUN(other_event_types_get_their_table_category);
    RUN(coverage_of_a_type_lists_what_its_rules_can_give);
    return CHECK_DONE();
}
