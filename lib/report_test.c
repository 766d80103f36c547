/* report_test.c - unit tests of the report, summary and event stream output */
#include "report.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "check.h"
#include "timestamp.h"

/* Every event these tests add is a distinct one: a key of its own keeps
 * the profile's duplicate check (tested in profile_test.c) out of them. */
static enum upt_status add_distinct(struct upt_profile *p,
                                    const struct upt_event *ev)
{
    static unsigned long serial;
    char key[32];
    struct upt_event e = *ev;
    snprintf(key, sizeof(key), "t%lu", ++serial);
    e.key = key;
    return upt_profile_add_event(p, &e);
}

/* Monday 2024-03-04 to Sunday 2024-03-31 */
#define FIRST INT64_C(19786)
#define LAST (FIRST + 27)
#define BIT(cat) (1u << (cat))

static char dir[64];

/* What a writer produced, NUL-terminated. */
struct out {
    char *text;
    size_t len;
    FILE *f;
};

static FILE *out_open(struct out *o)
{
    o->text = NULL;
    o->len = 0;
    o->f = open_memstream(&o->text, &o->len);
    return o->f;
}

static const char *out_close(struct out *o)
{
    fclose(o->f);
    return o->text;
}

static void put(struct upt_profile *p, const char *user, const char *name,
                int day, enum upt_category cat)
{
    struct upt_event ev = {.time_ms = (FIRST + day) * UPT_MS_PER_DAY + 43200000,
                           .user = user,
                           .user_len = strlen(user),
                           .user_name = name,
                           .category = cat};
    CHECK(add_distinct(p, &ev) == UPT_OK);
}

static void weekdays_of(struct upt_profile *p, const char *user)
{
    for (int d = 0; d < 28; d++)
        if (d % 7 < 5)
            put(p, user, "", d, UPT_CAT_VIEW);
}

static struct upt_roster *roster_of(const char *csv)
{
    char path[128];
    struct upt_diag diag = {0};
    snprintf(path, sizeof(path), "%s/roster.csv", dir);
    FILE *f = fopen(path, "w");
    fputs(csv, f);
    fclose(f);
    struct upt_roster *r = upt_roster_load(path, &diag);
    CHECK(r != NULL && diag.problems == 0);
    unlink(path);
    return r;
}

static struct upt_diagnosis *diagnose(const struct upt_profile *p,
                                      const struct upt_roster *r)
{
    struct upt_diagnose_opts o = {
        .as_of_day = LAST, .window_days = 28, .grace_days = 14};
    upt_thresholds_default(&o.t);
    struct upt_diagnosis *d = upt_diagnose(p, r, &o);
    CHECK(d != NULL);
    return d;
}

static char *report(const struct upt_diagnosis *d, enum upt_report_format fmt,
                    bool header, bool only_flagged)
{
    struct out o;
    struct upt_report_opts opts = {
        .format = fmt, .header = header, .only_flagged = only_flagged};
    out_open(&o);
    CHECK(upt_report_write(o.f, d, &opts) == UPT_OK);
    return (char *)out_close(&o);
}

/* The Nth line of TEXT (from 0), copied into BUF. */
static const char *line_of(const char *text, int n, char *buf, size_t size)
{
    for (; n > 0 && text; n--) {
        text = strchr(text, '\n');
        if (text)
            text++;
    }
    if (!text || !*text)
        return NULL;
    size_t len = strcspn(text, "\n");
    if (len >= size)
        len = size - 1;
    memcpy(buf, text, len);
    buf[len] = '\0';
    return buf;
}

static int count_lines(const char *text)
{
    int n = 0;
    for (; *text; text++)
        n += *text == '\n';
    return n;
}

/* Tab-separated field N (from 0) of LINE, copied into BUF. */
static const char *field_of(const char *line, int n, char *buf, size_t size)
{
    for (; n > 0 && line; n--) {
        line = strchr(line, '\t');
        if (line)
            line++;
    }
    if (!line)
        return NULL;
    size_t len = strcspn(line, "\t\n");
    if (len >= size)
        len = size - 1;
    memcpy(buf, line, len);
    buf[len] = '\0';
    return buf;
}

static const char header_line[] =
    "user\tname\trole\tteam\tstatus\tcause\tconfidence\tremedy\tfirst_seen\t"
    "last_seen\tactive_days\tsessions\tlogins\tviews\tsearches\tcreates\t"
    "updates\tdeletes\treports\texports\timports\tapi\terrors\thelp\ttrend\t"
    "evidence";

/* r1 is on the roster only; u1 views every weekday. */
static struct upt_diagnosis *two_users(struct upt_profile **p,
                                       struct upt_roster **r)
{
    *p = upt_profile_new();
    upt_profile_add_coverage(*p, NULL, BIT(UPT_CAT_LOGIN) | BIT(UPT_CAT_VIEW));
    weekdays_of(*p, "u1");
    *r = roster_of("id,name,role,team\nr1,Roster Only,Rep,East\n");
    return diagnose(*p, *r);
}

static void tsv_header_is_the_26_documented_columns_in_order(void)
{
    struct upt_profile *p;
    struct upt_roster *r;
    struct upt_diagnosis *d = two_users(&p, &r);
    char *text = report(d, UPT_OUT_TSV, true, false);
    char line[1024];
    CHECK_STREQ(line_of(text, 0, line, sizeof(line)), header_line);
    int tabs = 0;
    for (const char *c = header_line; *c; c++)
        tabs += *c == '\t';
    CHECK(tabs == 25);
    free(text);
    text = report(d, UPT_OUT_TSV, false, false);
    CHECK(strncmp(text, "r1\t", 3) == 0);
    CHECK(count_lines(text) == 2);
    free(text);
    upt_diagnosis_free(d);
    upt_roster_free(r);
    upt_profile_free(p);
}

static void tsv_rows_hold_every_column(void)
{
    struct upt_profile *p;
    struct upt_roster *r;
    struct upt_diagnosis *d = two_users(&p, &r);
    char *text = report(d, UPT_OUT_TSV, true, false);
    char line[1024];
    CHECK(count_lines(text) == 3);
    CHECK_STREQ(line_of(text, 1, line, sizeof(line)),
                "r1\tRoster Only\tRep\tEast\tinactive\tunaware\t0.90\t"
                "end-user training (role and task expectations)\t-\t-\t"
                "0\t0\t0\t0\t0\t0\t0\t0\t0\t0\t0\t0\t0\t0\t-\t"
                "on the roster, no activity in the logs; org median 10 "
                "active days");
    CHECK_STREQ(line_of(text, 2, line, sizeof(line)),
                "u1\t\t\t\tadopting\t-\t-\t-\t2024-03-04T12:00:00.000Z\t"
                "2024-03-29T12:00:00.000Z\t20\t0\t0\t20\t0\t0\t0\t0\t0\t0\t"
                "0\t0\t0\t0\t1.00\t"
                "active 20 of 20 weekdays; 0 writes, 0 reads, 20 views in 28d");
    free(text);
    upt_diagnosis_free(d);
    upt_roster_free(r);
    upt_profile_free(p);
}

static void json_lines_use_numbers_and_nulls(void)
{
    struct upt_profile *p;
    struct upt_roster *r;
    struct upt_diagnosis *d = two_users(&p, &r);
    char *text = report(d, UPT_OUT_JSON, true, false);
    char line[2048];
    CHECK(count_lines(text) == 2); /* no header line in JSON */
    CHECK_STREQ(
        line_of(text, 0, line, sizeof(line)),
        "{\"user\":\"r1\",\"name\":\"Roster Only\",\"role\":\"Rep\","
        "\"team\":\"East\",\"status\":\"inactive\",\"cause\":\"unaware\","
        "\"confidence\":0.90,\"remedy\":\"end-user training (role and task "
        "expectations)\",\"first_seen\":null,\"last_seen\":null,"
        "\"active_days\":0,\"sessions\":0,\"logins\":0,\"views\":0,"
        "\"searches\":0,\"creates\":0,\"updates\":0,\"deletes\":0,"
        "\"reports\":0,\"exports\":0,\"imports\":0,\"api\":0,\"errors\":0,"
        "\"help\":0,\"trend\":null,\"evidence\":\"on the roster, no activity "
        "in the logs; org median 10 active days\"}");
    CHECK_STREQ(
        line_of(text, 1, line, sizeof(line)),
        "{\"user\":\"u1\",\"name\":\"\",\"role\":\"\",\"team\":\"\","
        "\"status\":\"adopting\",\"cause\":null,\"confidence\":null,"
        "\"remedy\":null,\"first_seen\":\"2024-03-04T12:00:00.000Z\","
        "\"last_seen\":\"2024-03-29T12:00:00.000Z\",\"active_days\":20,"
        "\"sessions\":0,\"logins\":0,\"views\":20,\"searches\":0,"
        "\"creates\":0,\"updates\":0,\"deletes\":0,\"reports\":0,"
        "\"exports\":0,\"imports\":0,\"api\":0,\"errors\":0,\"help\":0,"
        "\"trend\":1.00,\"evidence\":\"active 20 of 20 weekdays; 0 writes, "
        "0 reads, 20 views in 28d\"}");
    free(text);
    upt_diagnosis_free(d);
    upt_roster_free(r);
    upt_profile_free(p);
}

/* One user whose log name is NAME; returns its report line in FMT. */
static char *named(const char *user, const char *name,
                   enum upt_report_format fmt)
{
    struct upt_profile *p = upt_profile_new();
    upt_profile_add_coverage(p, NULL, BIT(UPT_CAT_VIEW));
    put(p, user, name, 20, UPT_CAT_VIEW);
    struct upt_diagnosis *d = diagnose(p, NULL);
    char *text = report(d, fmt, false, false);
    upt_diagnosis_free(d);
    upt_profile_free(p);
    return text;
}

static void tsv_escapes_tabs_line_ends_backslashes_and_controls(void)
{
    char *text = named("u\t1",
                       "a\tb\nc\\d\x01"
                       "e\x7f"
                       "f\rg",
                       UPT_OUT_TSV);
    char cell[256];
    CHECK(count_lines(text) == 1);
    CHECK_STREQ(field_of(text, 0, cell, sizeof(cell)), "u\\t1");
    CHECK_STREQ(field_of(text, 1, cell, sizeof(cell)),
                "a\\tb\\nc\\\\d\\x01e\\x7ff\\rg");
    CHECK_STREQ(field_of(text, 4, cell, sizeof(cell)), "adopting");
    free(text);
}

static void tsv_passes_utf8_and_escapes_other_bytes(void)
{
    /* valid UTF-8 reaches the reader as it is; a stray byte (a
     * Windows-1252 export) as \xHH, never raw */
    char *text = named("u1", "Zo\xc3\xab \xff", UPT_OUT_TSV);
    char cell[256];
    CHECK_STREQ(field_of(text, 1, cell, sizeof(cell)), "Zo\xc3\xab \\xff");
    free(text);
}

/* The JSON "name" value of a one-user report, quotes included. */
static const char *json_name(const char *text, char *buf, size_t size)
{
    const char *start = strstr(text, "\"name\":");
    const char *end = start ? strstr(start, ",\"role\":") : NULL;
    if (!start || !end || (size_t)(end - start - 7) >= size)
        return NULL;
    memcpy(buf, start + 7, (size_t)(end - start - 7));
    buf[end - start - 7] = '\0';
    return buf;
}

static void json_escapes_quotes_backslashes_and_controls(void)
{
    char *text = named("u\"1", "a\"b\\c\td\n\x01\x7f", UPT_OUT_JSON);
    char buf[256];
    CHECK(strncmp(text, "{\"user\":\"u\\\"1\",", 15) == 0);
    CHECK_STREQ(json_name(text, buf, sizeof(buf)),
                "\"a\\\"b\\\\c\\u0009d\\u000a\\u0001\\u007f\"");
    free(text);
}

static void json_replaces_invalid_utf8_and_keeps_valid(void)
{
    char buf[256];
    char *text =
        named("u1", "caf\xc3\xa9 \xe2\x82\xac \xf0\x9f\x98\x80", UPT_OUT_JSON);
    CHECK_STREQ(json_name(text, buf, sizeof(buf)),
                "\"caf\xc3\xa9 \xe2\x82\xac \xf0\x9f\x98\x80\"");
    free(text);
    text = named("u1",
                 "a\xff"
                 "b",
                 UPT_OUT_JSON);
    CHECK_STREQ(json_name(text, buf, sizeof(buf)), "\"a\\ufffdb\"");
    free(text);
    text = named("u1", "\xc0\xaf", UPT_OUT_JSON); /* overlong '/' */
    CHECK_STREQ(json_name(text, buf, sizeof(buf)), "\"\\ufffd\\ufffd\"");
    free(text);
    text = named("u1", "x\xe2\x82", UPT_OUT_JSON); /* cut short at the end */
    CHECK_STREQ(json_name(text, buf, sizeof(buf)), "\"x\\ufffd\\ufffd\"");
    free(text);
    text = named("u1",
                 "\xe2\x82"
                 "A",
                 UPT_OUT_JSON); /* cut short inside */
    CHECK_STREQ(json_name(text, buf, sizeof(buf)), "\"\\ufffd\\ufffdA\"");
    free(text);
}

static void json_replaces_surrogates_overlongs_and_too_large_code_points(void)
{
    char buf[256];
    char *text = named("u1", "\xed\xa0\x80", UPT_OUT_JSON); /* U+D800 */
    CHECK_STREQ(json_name(text, buf, sizeof(buf)), "\"\\ufffd\\ufffd\\ufffd\"");
    free(text);
    text = named("u1", "\xe0\x80\xaf", UPT_OUT_JSON); /* overlong '/' */
    CHECK_STREQ(json_name(text, buf, sizeof(buf)), "\"\\ufffd\\ufffd\\ufffd\"");
    free(text);
    text = named("u1", "\xf4\x90\x80\x80", UPT_OUT_JSON); /* U+110000 */
    CHECK_STREQ(json_name(text, buf, sizeof(buf)),
                "\"\\ufffd\\ufffd\\ufffd\\ufffd\"");
    free(text);
    text = named("u1", "\xed\x9f\xbf\xf4\x8f\xbf\xbf", UPT_OUT_JSON);
    CHECK_STREQ(json_name(text, buf, sizeof(buf)), /* U+D7FF, U+10FFFF */
                "\"\xed\x9f\xbf\xf4\x8f\xbf\xbf\"");
    free(text);
}

static void only_flagged_leaves_out_everyone_else(void)
{
    struct upt_profile *p = upt_profile_new();
    struct upt_roster *r = roster_of("id,active\nr1,true\nd1,false\n");
    struct upt_event bot = {.time_ms = (FIRST + 3) * UPT_MS_PER_DAY,
                            .user = "s1",
                            .user_len = 2,
                            .category = UPT_CAT_API,
                            .service = true};
    upt_profile_add_coverage(
        p, NULL, BIT(UPT_CAT_LOGIN) | BIT(UPT_CAT_VIEW) | BIT(UPT_CAT_UPDATE));
    weekdays_of(p, "u1");
    put(p, "d1", "", 2, UPT_CAT_VIEW);
    put(p, "l1", "", 4, UPT_CAT_LOGIN); /* logins only: not adopting */
    add_distinct(p, &bot);
    struct upt_diagnosis *d = diagnose(p, r);
    CHECK(upt_diagnosis_count(d) == 5);
    char *text = report(d, UPT_OUT_TSV, true, true);
    char line[1024], cell[64];
    CHECK(count_lines(text) == 3);
    CHECK_STREQ(line_of(text, 0, line, sizeof(line)), header_line);
    CHECK_STREQ(
        field_of(line_of(text, 1, line, sizeof(line)), 0, cell, sizeof(cell)),
        "l1");
    CHECK_STREQ(field_of(line, 4, cell, sizeof(cell)), "not-adopting");
    CHECK_STREQ(
        field_of(line_of(text, 2, line, sizeof(line)), 0, cell, sizeof(cell)),
        "r1");
    CHECK_STREQ(field_of(line, 4, cell, sizeof(cell)), "inactive");
    free(text);
    text = report(d, UPT_OUT_JSON, false, true);
    CHECK(count_lines(text) == 2);
    CHECK(strncmp(text, "{\"user\":\"l1\"", 12) == 0);
    free(text);
    text = report(d, UPT_OUT_TSV, false, false);
    CHECK(count_lines(text) == 5);
    free(text);
    upt_diagnosis_free(d);
    upt_roster_free(r);
    upt_profile_free(p);
}

static void text_table_has_the_terminal_columns(void)
{
    struct upt_profile *p;
    struct upt_roster *r;
    struct upt_diagnosis *d = two_users(&p, &r);
    char *text = report(d, UPT_OUT_TEXT, true, false);
    char line[1024];
    static const char *const want[] = {"user",        "name",  "role",
                                       "status",      "cause", "confidence",
                                       "active_days", "trend", "evidence"};
    CHECK(count_lines(text) == 3);
    line_of(text, 0, line, sizeof(line));
    const char *at = line;
    for (size_t i = 0; i < sizeof(want) / sizeof(want[0]); i++) {
        at += strspn(at, " ");
        CHECK(strncmp(at, want[i], strlen(want[i])) == 0);
        at += strcspn(at, " ");
    }
    CHECK(*at == '\0');
    line_of(text, 1, line, sizeof(line));
    CHECK(strncmp(line, "r1 ", 3) == 0);
    CHECK(strstr(line, " inactive ") != NULL);
    const char *ev = "on the roster, no activity in the logs; org median 10 "
                     "active days";
    CHECK(strlen(line) > strlen(ev) &&
          strcmp(line + strlen(line) - strlen(ev), ev) == 0);
    free(text);
    upt_diagnosis_free(d);
    upt_roster_free(r);
    upt_profile_free(p);
}

static void summary_starts_with_window_coverage_and_counts(void)
{
    struct upt_profile *p;
    struct upt_roster *r;
    struct upt_diagnosis *d = two_users(&p, &r);
    struct out o;
    out_open(&o);
    CHECK(upt_report_summary(o.f, d) == UPT_OK);
    const char *text = out_close(&o);
    static const char want[] = "window: 2024-03-04 to 2024-03-31 (28 days)\n"
                               "coverage: login, view\n"
                               "duplicates: 0 events read more than once, "
                               "counted once\n"
                               "users: 2, flagged: 1\n"
                               "\n"
                               "status\n"
                               "  adopting      1\n"
                               "  at-risk       0\n"
                               "  not-adopting  0\n"
                               "  inactive      1\n"
                               "  new           0\n"
                               "  departed      0\n"
                               "  service       0\n"
                               "\n"
                               "cause\n"
                               "  unaware       1  end-user training (role "
                               "and task expectations)\n";
    CHECK(strncmp(text, want, sizeof(want) - 1) == 0);
    free(o.text);
    upt_diagnosis_free(d);
    upt_roster_free(r);
    upt_profile_free(p);
}

static void summary_without_events_says_so(void)
{
    struct upt_profile *p = upt_profile_new();
    struct upt_diagnose_opts o = {.as_of_day = INT64_MIN, .window_days = 28};
    upt_thresholds_default(&o.t);
    struct upt_diagnosis *d = upt_diagnose(p, NULL, &o);
    struct out out;
    out_open(&out);
    CHECK(upt_report_summary(out.f, d) == UPT_OK);
    const char *text = out_close(&out);
    static const char want[] = "window: none (no events)\ncoverage: none\n"
                               "duplicates: 0 events read more than once, "
                               "counted once\n"
                               "users: 0, flagged: 0\n";
    CHECK(strncmp(text, want, sizeof(want) - 1) == 0);
    free(out.text);
    upt_diagnosis_free(d);
    upt_profile_free(p);
}

static void categories_are_listed_in_enum_order(void)
{
    struct out o;
    out_open(&o);
    upt_report_categories(o.f, BIT(UPT_CAT_OTHER) | BIT(UPT_CAT_LOGIN) |
                                   BIT(UPT_CAT_EXPORT));
    fputc('|', o.f);
    upt_report_categories(o.f, 0);
    CHECK_STREQ(out_close(&o), "login, export, other|none");
    free(o.text);
}

static struct upt_event sample_event(void)
{
    return (struct upt_event){
        .time_ms = INT64_C(1709647629123), /* 2024-03-05T14:07:09.123Z */
        .user = "005Dn000001AbCdEAA",
        .user_len = 15,
        .category = UPT_CAT_CREATE,
        .channel = UPT_CHAN_MOBILE,
        .outcome = UPT_OUTCOME_FAILED,
        .object = "Account",
        .session = "k1",
        .type = "URI",
        .detail = "/001/e"};
}

static void events_line_has_eight_columns(void)
{
    struct upt_event ev = sample_event();
    struct out o;
    out_open(&o);
    CHECK(upt_report_event_header(o.f, UPT_OUT_TSV) == UPT_OK);
    CHECK(upt_report_event(o.f, &ev, UPT_OUT_TSV) == UPT_OK);
    ev.detail = "/a\tb\\c";
    ev.object = "";
    ev.session = "s\n2";
    ev.category = UPT_CAT_VIEW;
    ev.channel = UPT_CHAN_WEB;
    ev.outcome = UPT_OUTCOME_OK;
    CHECK(upt_report_event(o.f, &ev, UPT_OUT_TSV) == UPT_OK);
    CHECK_STREQ(out_close(&o),
                "time\tuser\tcategory\tchannel\tobject\toutcome\tsession\traw\n"
                "2024-03-05T14:07:09.123Z\t005Dn000001AbCd\tcreate\tmobile\t"
                "Account\tfailed\tk1\tURI:/001/e\n"
                "2024-03-05T14:07:09.123Z\t005Dn000001AbCd\tview\tweb\t\tok\t"
                "s\\n2\tURI:/a\\tb\\\\c\n");
    free(o.text);
}

static void events_json_has_no_header_and_one_object_a_line(void)
{
    struct upt_event ev = sample_event();
    struct out o;
    ev.detail = "/x\"y";
    out_open(&o);
    CHECK(upt_report_event_header(o.f, UPT_OUT_JSON) == UPT_OK);
    CHECK(upt_report_event(o.f, &ev, UPT_OUT_JSON) == UPT_OK);
    CHECK_STREQ(out_close(&o),
                "{\"time\":\"2024-03-05T14:07:09.123Z\","
                "\"user\":\"005Dn000001AbCd\",\"category\":\"create\","
                "\"channel\":\"mobile\",\"object\":\"Account\","
                "\"outcome\":\"failed\",\"session\":\"k1\","
                "\"raw\":\"URI:/x\\\"y\"}\n");
    free(o.text);
}

static void write_failure_is_an_io_error(void)
{
    struct upt_profile *p;
    struct upt_roster *r;
    struct upt_diagnosis *d = two_users(&p, &r);
    struct upt_report_opts opts = {.format = UPT_OUT_TSV, .header = true};
    FILE *f = fopen("/dev/full", "w");
    if (f) {
        setvbuf(f, NULL, _IONBF, 0);
        CHECK(upt_report_write(f, d, &opts) == UPT_EIO);
        fclose(f);
    }
    upt_diagnosis_free(d);
    upt_roster_free(r);
    upt_profile_free(p);
}

int main(void)
{
    snprintf(dir, sizeof(dir), "/tmp/uptake-report-XXXXXX");
    if (!mkdtemp(dir)) {
        perror("mkdtemp");
        return 1;
    }
    RUN(tsv_header_is_the_26_documented_columns_in_order);
    RUN(tsv_rows_hold_every_column);
    RUN(json_lines_use_numbers_and_nulls);
    RUN(tsv_escapes_tabs_line_ends_backslashes_and_controls);
    RUN(tsv_passes_utf8_and_escapes_other_bytes);
    RUN(json_escapes_quotes_backslashes_and_controls);
    RUN(json_replaces_invalid_utf8_and_keeps_valid);
    RUN(json_replaces_surrogates_overlongs_and_too_large_code_points);
    RUN(only_flagged_leaves_out_everyone_else);
    RUN(text_table_has_the_terminal_columns);
    RUN(summary_starts_with_window_coverage_and_counts);
    RUN(summary_without_events_says_so);
    RUN(categories_are_listed_in_enum_order);
    RUN(events_line_has_eight_columns);
    RUN(events_json_has_no_header_and_one_object_a_line);
    RUN(write_failure_is_an_io_error);
    rmdir(dir);
    return CHECK_DONE();
}
