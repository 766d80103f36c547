/* format_map_test.c - the --map spec and the columns it renames */
#include "format_map.h"

#include <string.h>

#include "check.h"
#include "format.h"
#include "rules.h"

static struct upt_row row_of(const char *const *f, size_t *len, size_t n)
{
    for (size_t i = 0; i < n; i++)
        len[i] = strlen(f[i]);
    return (struct upt_row){.field = f, .len = len, .count = n, .line = 1};
}

static void full_spec_names_every_field(void)
{
    struct upt_map m;
    char err[256];
    CHECK(upt_map_parse("user=Who,time=When,action=What,object=Obj,"
                        "session=S,outcome=Result",
                        &m, err, sizeof(err)) == 0);
    CHECK_STREQ(m.col[UPT_MAP_USER], "Who");
    CHECK_STREQ(m.col[UPT_MAP_OUTCOME], "Result");
    CHECK_STREQ(m.col[UPT_MAP_SESSION], "S");
}

static void spec_without_a_required_field_is_refused(void)
{
    struct upt_map m;
    char err[256];
    CHECK(upt_map_parse("user=a,time=b", &m, err, sizeof(err)) == -1);
    CHECK_STREQ(err, "--map needs action=COLUMN");
}

static void unknown_twice_or_empty_items_are_refused(void)
{
    struct upt_map m;
    char err[256];
    CHECK(upt_map_parse("user=a,time=b,action=c,verb=d", &m, err,
                        sizeof(err)) == -1);
    CHECK(strncmp(err, "bad --map item 'verb=d'", 23) == 0);
    CHECK(upt_map_parse("user=a,user=b,time=b,action=c", &m, err,
                        sizeof(err)) == -1);
    CHECK_STREQ(err, "--map names 'user' twice");
    CHECK(upt_map_parse("user=,time=b,action=c", &m, err, sizeof(err)) == -1);
    CHECK(upt_map_parse("user=a=b,time=b,action=c", &m, err, sizeof(err)) ==
          -1);
}

static void rename_finds_columns_without_regard_to_case(void)
{
    struct upt_map m;
    char err[256];
    const char *const h[] = {"ID", "Performed By", "TimeStamp", "Event"};
    const char *names[4];
    size_t len[4];
    enum upt_map_field missing;
    struct upt_row row = row_of(h, len, 4);
    CHECK(upt_map_parse("user=performed by,time=timestamp,action=event", &m,
                        err, sizeof(err)) == 0);
    CHECK(upt_map_rename(&m, &row, names, &missing) == 0);
    CHECK_STREQ(names[0], "ID");
    CHECK_STREQ(names[1], "uptake.user");
    CHECK_STREQ(names[2], "uptake.time");
    CHECK_STREQ(names[3], "uptake.action");
    struct upt_row renamed = row;
    renamed.field = names;
    CHECK(upt_format_find("map")->detect(&renamed));
    CHECK(!upt_format_find("map")->detect(&row));
}

static void rename_names_the_missing_field(void)
{
    struct upt_map m;
    char err[256];
    const char *const h[] = {"who", "what"};
    const char *names[2];
    size_t len[2];
    enum upt_map_field missing = UPT_MAP_COUNT;
    struct upt_row row = row_of(h, len, 2);
    CHECK(upt_map_parse("user=who,time=when,action=what", &m, err,
                        sizeof(err)) == 0);
    CHECK(upt_map_rename(&m, &row, names, &missing) == -1);
    CHECK(missing == UPT_MAP_TIME);
}

static void adapter_reads_iso_and_unix_times_and_outcome(void)
{
    const struct upt_format *f = upt_format_find("map");
    const char *const h[] = {"uptake.user", "uptake.time", "uptake.action",
                             "uptake.outcome"};
    size_t hl[4], rl[4];
    struct upt_row header = row_of(h, hl, 4);
    void *st = f->open(&header);
    struct upt_event ev;
    char err[128];

    const char *const r1[] = {"ann", "1759650000", "Login", "Failed"};
    struct upt_row row = row_of(r1, rl, 4);
    memset(&ev, 0, sizeof(ev));
    CHECK(f->adapt(st, &row, &ev, err, sizeof(err)) == UPT_ADAPT_EVENT);
    CHECK(ev.time_ms == 1759650000000LL);
    CHECK(ev.outcome == UPT_OUTCOME_FAILED);
    CHECK_STREQ(ev.type, "action");
    CHECK_STREQ(ev.detail, "Login");

    const char *const r2[] = {"ann", "1759650060123", "Edit", "ok"};
    row = row_of(r2, rl, 4);
    CHECK(f->adapt(st, &row, &ev, err, sizeof(err)) == UPT_ADAPT_EVENT);
    CHECK(ev.time_ms == 1759650060123LL);
    CHECK(ev.outcome == UPT_OUTCOME_OK);

    const char *const r3[] = {"ann", "17596500", "Edit", ""};
    row = row_of(r3, rl, 4);
    CHECK(f->adapt(st, &row, &ev, err, sizeof(err)) == UPT_ADAPT_BAD);
    CHECK_STREQ(err, "bad timestamp '17596500'; row skipped");

    const char *const r4[] = {"", "2026-10-01", "Edit", ""};
    row = row_of(r4, rl, 4);
    CHECK(f->adapt(st, &row, &ev, err, sizeof(err)) == UPT_ADAPT_BAD);
    CHECK_STREQ(err, "no user; row skipped");
    f->close(st);
}

static void built_in_verbs_classify_common_actions(void)
{
    char err[256];
    struct upt_rules *r = upt_format_rules_new(err, sizeof(err));
    static const struct {
        const char *action;
        int cat;
    } cases[] = {
        {"Sign out", UPT_CAT_LOGOUT},          {"User login", UPT_CAT_LOGIN},
        {"Export list", UPT_CAT_EXPORT},       {"Delete deal", UPT_CAT_DELETE},
        {"Add note", UPT_CAT_CREATE},          {"Edit deal", UPT_CAT_UPDATE},
        {"Open report", UPT_CAT_REPORT},       {"View person", UPT_CAT_VIEW},
        {"Opportunity Won", UPT_RULE_NOMATCH},
    };
    for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++)
        CHECK(upt_rules_classify(r, "map", "action", cases[i].action,
                                 strlen(cases[i].action)) == cases[i].cat);
    upt_rules_free(r);
}

int main(void)
{
    RUN(full_spec_names_every_field);
    RUN(spec_without_a_required_field_is_refused);
    RUN(unknown_twice_or_empty_items_are_refused);
    RUN(rename_finds_columns_without_regard_to_case);
    RUN(rename_names_the_missing_field);
    RUN(adapter_reads_iso_and_unix_times_and_outcome);
    RUN(built_in_verbs_classify_common_actions);
    return CHECK_DONE();
}
