/* rules_test.c - unit tests of the pattern rules mapping details to categories
 */
#include "rules.h"

#include <string.h>

#include "check.h"
#include "event.h"

static int classify(struct upt_rules *r, const char *format, const char *type,
                    const char *detail)
{
    return upt_rules_classify(r, format, type, detail, strlen(detail));
}

static enum upt_status add(struct upt_rules *r, const char *format,
                           const char *type, const char *pattern, int cat)
{
    char err[256] = "";
    enum upt_status st =
        upt_rules_add(r, format, type, pattern, cat, err, sizeof(err));
    if (st == UPT_OK)
        CHECK_STREQ(err, "");
    return st;
}

static int starts_with(const char *s, const char *prefix)
{
    return strncmp(s, prefix, strlen(prefix)) == 0;
}

static void first_matching_rule_wins(void)
{
    struct upt_rules *r = upt_rules_new();
    CHECK(add(r, "f", "T", "^a", UPT_CAT_CREATE) == UPT_OK);
    CHECK(add(r, "f", "T", "b", UPT_CAT_UPDATE) == UPT_OK);
    CHECK(add(r, "f", "T", "", UPT_CAT_VIEW) == UPT_OK);
    CHECK(classify(r, "f", "T", "ab") == UPT_CAT_CREATE);
    CHECK(classify(r, "f", "T", "xb") == UPT_CAT_UPDATE);
    CHECK(classify(r, "f", "T", "zzz") == UPT_CAT_VIEW);
    CHECK(classify(r, "f", "T", "") == UPT_CAT_VIEW);
    upt_rules_free(r);
}

static void star_type_applies_to_every_type_in_its_place(void)
{
    struct upt_rules *r = upt_rules_new();
    CHECK(add(r, "f", "Login", "^ok$", UPT_CAT_LOGIN) == UPT_OK);
    CHECK(add(r, "f", "*", "secret", UPT_RULE_IGNORE) == UPT_OK);
    CHECK(add(r, "f", "URI", "", UPT_CAT_VIEW) == UPT_OK);
    CHECK(classify(r, "f", "Login", "ok") == UPT_CAT_LOGIN);
    CHECK(classify(r, "f", "Login", "secret") == UPT_RULE_IGNORE);
    CHECK(classify(r, "f", "URI", "/secret/page") == UPT_RULE_IGNORE);
    CHECK(classify(r, "f", "URI", "/page") == UPT_CAT_VIEW);
    CHECK(classify(r, "f", "Anything", "a secret") == UPT_RULE_IGNORE);
    CHECK(classify(r, "f", "Anything", "public") == UPT_RULE_NOMATCH);
    upt_rules_free(r);
}

static void rules_apply_only_to_their_format(void)
{
    struct upt_rules *r = upt_rules_new();
    CHECK(add(r, "f", "*", "", UPT_CAT_VIEW) == UPT_OK);
    CHECK(add(r, "g", "T", "", UPT_CAT_SEARCH) == UPT_OK);
    CHECK(classify(r, "f", "T", "x") == UPT_CAT_VIEW);
    CHECK(classify(r, "g", "T", "x") == UPT_CAT_SEARCH);
    CHECK(classify(r, "g", "U", "x") == UPT_RULE_NOMATCH);
    CHECK(classify(r, "h", "T", "x") == UPT_RULE_NOMATCH);
    /* the same type again after another format: no stale cached group */
    CHECK(classify(r, "f", "T", "x") == UPT_CAT_VIEW);
    upt_rules_free(r);
}

static void empty_list_matches_nothing(void)
{
    struct upt_rules *r = upt_rules_new();
    CHECK(classify(r, "f", "T", "anything") == UPT_RULE_NOMATCH);
    CHECK(upt_rules_coverage(r, "f", "T") == 1u << UPT_CAT_OTHER);
    upt_rules_free(r);
    upt_rules_free(NULL);
}

static void bad_pattern_is_refused_with_a_message_naming_it(void)
{
    struct upt_rules *r = upt_rules_new();
    char err[256] = "";
    CHECK(add(r, "f", "T", "^keep", UPT_CAT_HELP) == UPT_OK);
    CHECK(upt_rules_add(r, "f", "T", "a(b", UPT_CAT_VIEW, err, sizeof(err)) ==
          UPT_EUSAGE);
    CHECK(starts_with(err, "bad pattern 'a(b' at offset 3: "));
    CHECK(strstr(err, "parenthesis") != NULL);
    CHECK(upt_rules_add(r, "f", "T", "[z-a]", UPT_CAT_VIEW, err, sizeof(err)) ==
          UPT_EUSAGE);
    CHECK(starts_with(err, "bad pattern '[z-a]' at offset "));
    /* the list is as it was */
    CHECK(classify(r, "f", "T", "keep") == UPT_CAT_HELP);
    CHECK(classify(r, "f", "T", "a(b") == UPT_RULE_NOMATCH);
    upt_rules_free(r);
}

static void bad_builtin_table_entry_stops_the_table(void)
{
    static const struct upt_rule_def defs[] = {
        {"T", "^one$", UPT_CAT_VIEW},
        {"T", "(", UPT_CAT_SEARCH},
        {"T", "", UPT_CAT_OTHER},
        {NULL, NULL, 0},
    };
    struct upt_rules *r = upt_rules_new();
    char err[256] = "";
    CHECK(upt_rules_add_table(r, "f", defs, err, sizeof(err)) == UPT_EUSAGE);
    CHECK(starts_with(err, "bad pattern '(' at offset 1: "));
    CHECK(classify(r, "f", "T", "one") == UPT_CAT_VIEW);
    CHECK(classify(r, "f", "T", "two") == UPT_RULE_NOMATCH);
    upt_rules_free(r);
}

static void table_rules_follow_rules_added_before(void)
{
    static const struct upt_rule_def defs[] = {
        {"T", "", UPT_CAT_OTHER},
        {NULL, NULL, 0},
    };
    struct upt_rules *r = upt_rules_new();
    char err[256] = "";
    CHECK(add(r, "f", "T", "^mine", UPT_CAT_EXPORT) == UPT_OK);
    CHECK(upt_rules_add_table(r, "f", defs, err, sizeof(err)) == UPT_OK);
    CHECK(classify(r, "f", "T", "mine too") == UPT_CAT_EXPORT);
    CHECK(classify(r, "f", "T", "yours") == UPT_CAT_OTHER);
    upt_rules_free(r);
}

static void caseless_flag_in_the_pattern_works(void)
{
    struct upt_rules *r = upt_rules_new();
    CHECK(add(r, "f", "T", "(?i)^insert", UPT_CAT_IMPORT) == UPT_OK);
    CHECK(add(r, "f", "T", "^update", UPT_CAT_UPDATE) == UPT_OK);
    CHECK(classify(r, "f", "T", "INSERT") == UPT_CAT_IMPORT);
    CHECK(classify(r, "f", "T", "Insert all") == UPT_CAT_IMPORT);
    CHECK(classify(r, "f", "T", "UPDATE") == UPT_RULE_NOMATCH);
    upt_rules_free(r);
}

static void detail_length_not_nul_bounds_the_match(void)
{
    struct upt_rules *r = upt_rules_new();
    CHECK(add(r, "f", "T", "b$", UPT_CAT_VIEW) == UPT_OK);
    CHECK(upt_rules_classify(r, "f", "T", "a\0b", 3) == UPT_CAT_VIEW);
    CHECK(upt_rules_classify(r, "f", "T", "ab", 1) == UPT_RULE_NOMATCH);
    upt_rules_free(r);
}

static void a_rule_added_after_classifying_takes_effect(void)
{
    struct upt_rules *r = upt_rules_new();
    CHECK(add(r, "f", "T", "^a", UPT_CAT_VIEW) == UPT_OK);
    CHECK(classify(r, "f", "T", "b") == UPT_RULE_NOMATCH);
    CHECK(upt_rules_coverage(r, "f", "T") ==
          (1u << UPT_CAT_VIEW | 1u << UPT_CAT_OTHER));
    CHECK(add(r, "f", "*", "^b", UPT_CAT_DELETE) == UPT_OK);
    CHECK(classify(r, "f", "T", "b") == UPT_CAT_DELETE);
    CHECK(classify(r, "f", "T", "a") == UPT_CAT_VIEW);
    CHECK(upt_rules_coverage(r, "f", "T") ==
          (1u << UPT_CAT_VIEW | 1u << UPT_CAT_DELETE | 1u << UPT_CAT_OTHER));
    upt_rules_free(r);
}

static void coverage_is_the_categories_the_rules_can_give(void)
{
    struct upt_rules *r = upt_rules_new();
    CHECK(add(r, "f", "T", "x", UPT_CAT_CREATE) == UPT_OK);
    CHECK(add(r, "f", "T", "y", UPT_RULE_IGNORE) == UPT_OK);
    CHECK(add(r, "f", "*", "z", UPT_CAT_HELP) == UPT_OK);
    CHECK(add(r, "f", "U", "", UPT_CAT_EXPORT) == UPT_OK);
    CHECK(add(r, "g", "T", "", UPT_CAT_IMPORT) == UPT_OK);
    CHECK(upt_rules_coverage(r, "f", "T") ==
          (1u << UPT_CAT_CREATE | 1u << UPT_CAT_HELP | 1u << UPT_CAT_OTHER));
    CHECK(upt_rules_coverage(r, "f", "U") ==
          (1u << UPT_CAT_HELP | 1u << UPT_CAT_EXPORT | 1u << UPT_CAT_OTHER));
    CHECK(upt_rules_coverage(r, "f", "V") ==
          (1u << UPT_CAT_HELP | 1u << UPT_CAT_OTHER));
    CHECK(upt_rules_coverage(r, "h", "T") == 1u << UPT_CAT_OTHER);
    upt_rules_free(r);
}

static void many_types_interleaved_keep_their_own_rules(void)
{
    struct upt_rules *r = upt_rules_new();
    char type[16];
    for (int i = 0; i < 100; i++) {
        snprintf(type, sizeof(type), "T%d", i);
        CHECK(add(r, "f", type, "", i % UPT_CAT_COUNT) == UPT_OK);
    }
    int ok = 1;
    for (int round = 0; round < 3; round++)
        for (int i = 99; i >= 0; i -= 7) {
            snprintf(type, sizeof(type), "T%d", i);
            if (classify(r, "f", type, "d") != i % UPT_CAT_COUNT)
                ok = 0;
        }
    CHECK(ok);
    upt_rules_free(r);
}

static void star_rule_applies_to_a_very_long_type(void)
{
    struct upt_rules *r = upt_rules_new();
    char err[256], type[300];
    memset(type, 'T', sizeof(type) - 1);
    type[sizeof(type) - 1] = '\0';
    CHECK(upt_rules_add(r, "f", "*", "", UPT_CAT_VIEW, err, sizeof(err)) ==
          UPT_OK);
    CHECK(upt_rules_classify(r, "f", type, "d", 1) == UPT_CAT_VIEW);
    CHECK(upt_rules_coverage(r, "f", type) ==
          (1u << UPT_CAT_VIEW | 1u << UPT_CAT_OTHER));
    upt_rules_free(r);
}

int main(void)
{
    RUN(star_rule_applies_to_a_very_long_type);
    RUN(first_matching_rule_wins);
    RUN(star_type_applies_to_every_type_in_its_place);
    RUN(rules_apply_only_to_their_format);
    RUN(empty_list_matches_nothing);
    RUN(bad_pattern_is_refused_with_a_message_naming_it);
    RUN(bad_builtin_table_entry_stops_the_table);
    RUN(table_rules_follow_rules_added_before);
    RUN(caseless_flag_in_the_pattern_works);
    RUN(detail_length_not_nul_bounds_the_match);
    RUN(a_rule_added_after_classifying_takes_effect);
    RUN(coverage_is_the_categories_the_rules_can_give);
    RUN(many_types_interleaved_keep_their_own_rules);
    return CHECK_DONE();
}
