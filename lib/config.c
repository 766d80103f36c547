/* config.c - the --config file: classification rules and thresholds */
#include "config.h"

#include <errno.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "event.h"
#include "format.h"

#include "banned.h"

enum { LINE_MAX_LEN = 4096, MAX_RULES = 1024, MAX_EXPECT = 256 };

static const struct {
    const char *name;
    size_t offset;
    bool real; /* a double; otherwise an unsigned count */
} thresholds[] = {
#define T(field, real)                                                         \
    {                                                                          \
#field, offsetof(struct upt_thresholds, field), real                   \
    }
    T(peer_min, false),
    T(unaware_max_work, false),
    T(unaware_peer_writes, false),
    T(unaware_task_weekly, true),
    T(unaware_task_share, true),
    T(unskilled_min_errors, false),
    T(unskilled_error_share, true),
    T(unskilled_min_help, false),
    T(unskilled_help_share, true),
    T(unskilled_peer_factor, true),
    T(unskilled_rate_floor, true),
    T(unskilled_min_searches, false),
    T(unskilled_search_factor, true),
    T(unskilled_search_errors, true),
    T(effort_active_share, true),
    T(effort_rare_share, true),
    T(effort_deadline_days, false),
    T(effort_deadline_share, true),
    T(effort_deadline_active_share, true),
    T(effort_trend, true),
    T(effort_decline_from, true),
    T(effort_day_trend, true),
    T(effort_bulk_factor, true),
    T(effort_bulk_deadline_share, true),
    T(effort_min_first_half, false),
    T(effort_visit_trend, true),
    T(effort_visit_most, true),
    T(workday_share, true),
    T(effort_fall_days, false),
    T(effort_fall_before_days, false),
    T(effort_fall_active, true),
    T(effort_fall_work, true),
    T(effort_fall_before, true),
    T(effort_fall_level, true),
    T(effort_fall_peers, true),
    T(effort_rush_presence, true),
    T(effort_rush_factor, true),
    T(mgmt_min_writes, false),
    T(mgmt_max_reads, false),
    T(mgmt_read_share, true),
    T(distrust_min_exports, false),
    T(distrust_export_factor, true),
    T(distrust_min_imports, false),
    T(distrust_write_share, true),
    T(cause_margin, true),
#undef T
};
enum { NTHRESHOLDS = sizeof(thresholds) / sizeof(thresholds[0]) };

struct rule_line {
    char *format, *type, *pattern;
    int category;
};

struct upt_config {
    struct rule_line rule[MAX_RULES];
    size_t nrules;
    struct upt_expectation expect[MAX_EXPECT];
    size_t nexpect;
    bool set[NTHRESHOLDS];
    double value[NTHRESHOLDS];
};

const char *upt_config_threshold_name(size_t i)
{
    return i < NTHRESHOLDS ? thresholds[i].name : NULL;
}

static char *next_word(char **s)
{
    char *p = *s + strspn(*s, " \t");
    if (!*p)
        return NULL;
    char *end = p + strcspn(p, " \t");
    if (*end)
        *end++ = '\0';
    *s = end;
    return p;
}

struct loader {
    struct upt_config *cfg;
    struct upt_diag *diag;
    struct upt_where at;
    bool bad;
};

#if defined(__GNUC__)
__attribute__((format(printf, 2, 3)))
#endif
static int
problem(struct loader *ld, const char *fmt, ...)
{
    char msg[512];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(msg, sizeof(msg), fmt, ap);
    va_end(ap);
    upt_diag_report(ld->diag, &ld->at, "config", "%s", msg);
    ld->bad = true;
    return -1;
}

static int parse_rule(struct loader *ld, char *rest)
{
    char err[256];
    char *format = next_word(&rest), *type = next_word(&rest);
    char *cat = next_word(&rest);
    char *pattern = rest ? rest + strspn(rest, " \t") : NULL;
    if (!format || !type || !cat || !pattern || !*pattern)
        return problem(ld, "rule needs FORMAT TYPE CATEGORY PATTERN");
    if (!upt_format_find(format))
        return problem(ld, "unknown format '%s'", format);
    /* upt_category_from_name's -1 is also UPT_RULE_IGNORE: test first */
    bool ignore = strcmp(cat, "ignore") == 0;
    int category = ignore ? UPT_RULE_IGNORE : upt_category_from_name(cat);
    if (!ignore && category < 0)
        return problem(ld, "unknown category '%s'", cat);
    struct upt_rules *probe = upt_rules_new();
    if (!probe)
        return problem(ld, "out of memory");
    enum upt_status st =
        upt_rules_add(probe, format, type, pattern, category, err, sizeof(err));
    upt_rules_free(probe);
    if (st != UPT_OK)
        return problem(ld, "%s", err);
    if (ld->cfg->nrules == MAX_RULES)
        return problem(ld, "more than %d rules", MAX_RULES);
    struct rule_line *r = &ld->cfg->rule[ld->cfg->nrules];
    r->format = strdup(format);
    r->type = strdup(type);
    r->pattern = strdup(pattern);
    r->category = category;
    ld->cfg->nrules++;
    if (!r->format || !r->type || !r->pattern)
        return problem(ld, "out of memory");
    return 0;
}

static int parse_threshold(struct loader *ld, char *rest)
{
    char *name = next_word(&rest), *value = next_word(&rest), *end;
    if (!name || !value || next_word(&rest))
        return problem(ld, "threshold needs NAME VALUE");
    for (size_t i = 0; i < NTHRESHOLDS; i++) {
        if (strcmp(name, thresholds[i].name) != 0)
            continue;
        errno = 0;
        double v = strtod(value, &end);
        if (*end || errno || !(v >= 0 && v <= 1e9) ||
            (!thresholds[i].real && v != (double)(unsigned long)v))
            return problem(ld, "bad value '%s' for %s", value, name);
        ld->cfg->set[i] = true;
        ld->cfg->value[i] = v;
        return 0;
    }
    return problem(ld, "unknown threshold '%s'", name);
}

/* "expect ROLE = TASK...": ROLE is everything before the "=", trimmed. */
static int parse_expect(struct loader *ld, char *rest)
{
    char *eq = strchr(rest, '=');
    if (!eq)
        return problem(ld, "expect needs ROLE = TASK...");
    *eq = '\0';
    char *role = rest + strspn(rest, " \t"), *tasks = eq + 1, *word;
    size_t len = strlen(role);
    while (len && (role[len - 1] == ' ' || role[len - 1] == '\t'))
        role[--len] = '\0';
    if (!len)
        return problem(ld, "expect needs ROLE = TASK...");
    unsigned mask = 0;
    while ((word = next_word(&tasks))) {
        int c = upt_category_from_name(word);
        if (c != UPT_CAT_CREATE && c != UPT_CAT_UPDATE && c != UPT_CAT_REPORT &&
            c != UPT_CAT_SEARCH)
            return problem(ld,
                           "unknown task '%s' (create, update, report or "
                           "search)",
                           word);
        mask |= 1u << c;
    }
    if (!mask)
        return problem(ld, "expect needs ROLE = TASK...");
    for (size_t i = 0; i < ld->cfg->nexpect; i++)
        if (strcasecmp(ld->cfg->expect[i].role, role) == 0) {
            ld->cfg->expect[i].tasks |= mask;
            return 0;
        }
    if (ld->cfg->nexpect == MAX_EXPECT)
        return problem(ld, "more than %d roles expected", MAX_EXPECT);
    char *copy = strdup(role);
    if (!copy)
        return problem(ld, "out of memory");
    ld->cfg->expect[ld->cfg->nexpect++] =
        (struct upt_expectation){.role = copy, .tasks = mask};
    return 0;
}

static void parse_line(struct loader *ld, char *line)
{
    line[strcspn(line, "\r\n")] = '\0';
    char *rest = line;
    char *word = next_word(&rest);
    if (!word || word[0] == '#')
        return;
    if (strcmp(word, "rule") == 0)
        parse_rule(ld, rest);
    else if (strcmp(word, "threshold") == 0)
        parse_threshold(ld, rest);
    else if (strcmp(word, "expect") == 0)
        parse_expect(ld, rest);
    else
        problem(ld, "unknown setting '%s'", word);
}

struct upt_config *upt_config_load(const char *path, struct upt_diag *diag)
{
    char line[LINE_MAX_LEN];
    struct loader ld = {.diag = diag, .at = {.file = path}};
    FILE *f = strcmp(path, "-") == 0 ? stdin : fopen(path, "r");
    if (!f) {
        upt_diag_report(diag, &ld.at, "open", "cannot open: %s",
                        strerror(errno));
        return NULL;
    }
    ld.cfg = calloc(1, sizeof(*ld.cfg));
    while (ld.cfg && fgets(line, sizeof(line), f)) {
        ld.at.line++;
        if (!strchr(line, '\n') && !feof(f)) {
            problem(&ld, "line longer than %d bytes", LINE_MAX_LEN - 2);
            int c;
            while ((c = fgetc(f)) != EOF && c != '\n')
                ;
            continue;
        }
        parse_line(&ld, line);
    }
    if (ferror(f)) {
        ld.at.line = 0;
        problem(&ld, "read error");
    }
    if (f != stdin)
        fclose(f);
    if (!ld.cfg || ld.bad) {
        upt_config_free(ld.cfg);
        return NULL;
    }
    return ld.cfg;
}

void upt_config_free(struct upt_config *cfg)
{
    if (!cfg)
        return;
    for (size_t i = 0; i < cfg->nexpect; i++)
        free((char *)cfg->expect[i].role);
    for (size_t i = 0; i < cfg->nrules; i++) {
        free(cfg->rule[i].format);
        free(cfg->rule[i].type);
        free(cfg->rule[i].pattern);
    }
    free(cfg);
}

struct upt_rules *upt_config_rules_new(const struct upt_config *cfg, char *err,
                                       size_t errsize)
{
    struct upt_rules *rules = upt_rules_new();
    if (!rules) {
        snprintf(err, errsize, "out of memory");
        return NULL;
    }
    for (size_t i = 0; cfg && i < cfg->nrules; i++) {
        const struct rule_line *r = &cfg->rule[i];
        if (upt_rules_add(rules, r->format, r->type, r->pattern, r->category,
                          err, errsize) != UPT_OK)
            goto fail;
    }
    if (upt_format_add_rules(rules, err, errsize) != UPT_OK)
        goto fail;
    return rules;
fail:
    upt_rules_free(rules);
    return NULL;
}

void upt_config_thresholds(const struct upt_config *cfg,
                           struct upt_thresholds *t)
{
    for (size_t i = 0; cfg && i < NTHRESHOLDS; i++) {
        if (!cfg->set[i])
            continue;
        void *field = (char *)t + thresholds[i].offset;
        if (thresholds[i].real)
            *(double *)field = cfg->value[i];
        else
            *(unsigned *)field = (unsigned)cfg->value[i];
    }
}

const struct upt_expectation *
upt_config_expectations(const struct upt_config *cfg, size_t *n)
{
    *n = cfg ? cfg->nexpect : 0;
    return cfg ? cfg->expect : NULL;
}
