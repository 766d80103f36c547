/* config_test.c - the --config file: rules, thresholds, and refusing bad lines
 */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "check.h"
#include "event.h"

struct sink {
    char text[2048];
    size_t len;
};

static void collect(void *ctx, const struct upt_where *at, const char *kind,
                    const char *msg)
{
    struct sink *s = ctx;
    (void)kind;
    s->len += (size_t)snprintf(s->text + s->len, sizeof(s->text) - s->len,
                               "%lu: %s\n", at->line, msg);
}

static struct upt_config *load(const char *text, struct sink *s)
{
    char path[] = "/tmp/uptake-config-test-XXXXXX";
    int fd = mkstemp(path);
    if (fd < 0 || write(fd, text, strlen(text)) != (ssize_t)strlen(text))
        abort();
    close(fd);
    struct upt_diag diag = {.emit = collect, .ctx = s};
    struct upt_config *cfg = upt_config_load(path, &diag);
    unlink(path);
    return cfg;
}

static void rules_come_before_the_built_in_ones(void)
{
    struct sink s = {0};
    char err[256];
    struct upt_config *cfg = load("# comment\n\n"
                                  "rule salesforce Login help ^LOGIN_NO\n"
                                  "rule salesforce URI ignore ^/home\n",
                                  &s);
    CHECK(cfg != NULL && s.len == 0);
    struct upt_rules *r = upt_config_rules_new(cfg, err, sizeof(err));
    CHECK(r != NULL);
    CHECK(upt_rules_classify(r, "salesforce", "Login", "LOGIN_NO_ERROR", 14) ==
          UPT_CAT_HELP);
    CHECK(upt_rules_classify(r, "salesforce", "URI", "/home/home.jsp", 14) ==
          UPT_RULE_IGNORE);
    /* the built-in rules still classify what the config does not name */
    CHECK(upt_rules_classify(r, "salesforce", "Logout", "", 0) ==
          UPT_CAT_LOGOUT);
    upt_rules_free(r);
    upt_config_free(cfg);
}

static void thresholds_override_the_defaults(void)
{
    struct sink s = {0};
    struct upt_thresholds t;
    upt_thresholds_default(&t);
    struct upt_config *cfg = load("threshold peer_min 7\n"
                                  "threshold effort_trend 0.25\n",
                                  &s);
    CHECK(cfg != NULL);
    upt_config_thresholds(cfg, &t);
    CHECK(t.peer_min == 7 && t.effort_trend == 0.25);
    CHECK(t.mgmt_min_writes == 5); /* untouched */
    upt_config_free(cfg);
}

static void every_bad_line_is_reported_and_the_file_refused(void)
{
    struct sink s = {0};
    struct upt_config *cfg = load("rule salesforce Login nothing x\n"
                                  "rule nosuch Login view x\n"
                                  "rule salesforce URI view (\n"
                                  "threshold peer_min 2.5\n"
                                  "threshold bogus 1\n"
                                  "threshold effort_trend -1\n"
                                  "window 28d\n"
                                  "rule salesforce Login\n",
                                  &s);
    CHECK(cfg == NULL);
    CHECK_STREQ(s.text,
                "1: unknown category 'nothing'\n"
                "2: unknown format 'nosuch'\n"
                "3: bad pattern '(' at offset 1: missing closing parenthesis\n"
                "4: bad value '2.5' for peer_min\n"
                "5: unknown threshold 'bogus'\n"
                "6: bad value '-1' for effort_trend\n"
                "7: unknown setting 'window'\n"
                "8: rule needs FORMAT TYPE CATEGORY PATTERN\n");
}

static void expect_lines_name_a_roles_tasks(void)
{
    struct sink s = {0};
    size_t n;
    struct upt_config *cfg = load("expect Sales Rep = create update\n"
                                  "expect  Key Accounts\t= report\n"
                                  "expect sales rep = search\n",
                                  &s);
    CHECK(cfg != NULL && s.len == 0);
    const struct upt_expectation *e = upt_config_expectations(cfg, &n);
    CHECK(n == 2);
    CHECK_STREQ(e[0].role, "Sales Rep");
    /* a role named twice, in any case, adds to its tasks */
    CHECK(e[0].tasks ==
          (1u << UPT_CAT_CREATE | 1u << UPT_CAT_UPDATE | 1u << UPT_CAT_SEARCH));
    CHECK_STREQ(e[1].role, "Key Accounts");
    CHECK(e[1].tasks == 1u << UPT_CAT_REPORT);
    upt_config_free(cfg);
    CHECK(upt_config_expectations(NULL, &n) == NULL && n == 0);

    cfg = load("expect Sales Rep create\n"
               "expect = create\n"
               "expect Sales Rep =\n"
               "expect Sales Rep = export\n",
               &s);
    CHECK(cfg == NULL);
    CHECK_STREQ(s.text, "1: expect needs ROLE = TASK...\n"
                        "2: expect needs ROLE = TASK...\n"
                        "3: expect needs ROLE = TASK...\n"
                        "4: unknown task 'export' (create, update, report "
                        "or search)\n");
}

static void every_threshold_has_a_name(void)
{
    size_t n = 0;
    while (upt_config_threshold_name(n))
        n++;
    CHECK(n == 45);
    CHECK_STREQ(upt_config_threshold_name(0), "peer_min");
}

int main(void)
{
    RUN(rules_come_before_the_built_in_ones);
    RUN(thresholds_override_the_defaults);
    RUN(every_bad_line_is_reported_and_the_file_refused);
    RUN(every_threshold_has_a_name);
    RUN(expect_lines_name_a_roles_tasks);
    return CHECK_DONE();
}
