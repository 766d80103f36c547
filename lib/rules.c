/* rules.c - pcre2 patterns mapping a log's event types and details to
 * categories */
#include "rules.h"

#define PCRE2_CODE_UNIT_WIDTH 8
#include <pcre2.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "event.h"
#include "strtab.h"

#include "banned.h"

struct rule {
    char *format;
    char *type;
    pcre2_code *code;
    int category;
};

/* The rules that apply to one (format, type), found once and then reused:
 * logs repeat a handful of types millions of times. */
struct group {
    size_t *rule;
    size_t count;
    unsigned coverage;
};

struct upt_rules {
    struct rule *rule;
    size_t count, cap;
    struct upt_strtab *keys; /* "format\ttype" -> group index */
    struct group *group;
    size_t ngroups;
    uint32_t last_key;
    char last_format[64], last_type[64];
    pcre2_match_data *match;
    int jit;
};

struct upt_rules *upt_rules_new(void)
{
    struct upt_rules *rules = calloc(1, sizeof(*rules));
    if (!rules)
        return NULL;
    rules->keys = upt_strtab_new();
    rules->match = pcre2_match_data_create(1, NULL);
    rules->last_key = UPT_STRTAB_NONE;
    if (!rules->keys || !rules->match) {
        upt_rules_free(rules);
        return NULL;
    }
    uint32_t jit = 0;
    pcre2_config(PCRE2_CONFIG_JIT, &jit);
    rules->jit = (int)jit;
    return rules;
}

static void forget_groups(struct upt_rules *rules)
{
    for (size_t i = 0; i < rules->ngroups; i++)
        free(rules->group[i].rule);
    free(rules->group);
    rules->group = NULL;
    rules->ngroups = 0;
    upt_strtab_free(rules->keys);
    rules->keys = upt_strtab_new();
    rules->last_key = UPT_STRTAB_NONE;
}

void upt_rules_free(struct upt_rules *rules)
{
    if (!rules)
        return;
    for (size_t i = 0; i < rules->count; i++) {
        free(rules->rule[i].format);
        free(rules->rule[i].type);
        pcre2_code_free(rules->rule[i].code);
    }
    free(rules->rule);
    forget_groups(rules);
    upt_strtab_free(rules->keys);
    pcre2_match_data_free(rules->match);
    free(rules);
}

enum upt_status upt_rules_add(struct upt_rules *rules, const char *format,
                              const char *type, const char *pattern,
                              int category, char *err, size_t errsize)
{
    int code;
    PCRE2_SIZE where;
    pcre2_code *re = pcre2_compile((PCRE2_SPTR)pattern, PCRE2_ZERO_TERMINATED,
                                   0, &code, &where, NULL);
    if (!re) {
        PCRE2_UCHAR buf[160];
        pcre2_get_error_message(code, buf, sizeof(buf));
        snprintf(err, errsize, "bad pattern '%s' at offset %zu: %s", pattern,
                 (size_t)where, (char *)buf);
        return UPT_EUSAGE;
    }
    if (rules->jit)
        pcre2_jit_compile(re, PCRE2_JIT_COMPLETE); /* else: interpreted */
    if (rules->count == rules->cap) {
        size_t cap = rules->cap ? rules->cap * 2 : 64;
        struct rule *r = realloc(rules->rule, cap * sizeof(*r));
        if (!r) {
            pcre2_code_free(re);
            return UPT_ENOMEM;
        }
        rules->rule = r;
        rules->cap = cap;
    }
    struct rule *r = &rules->rule[rules->count];
    r->format = strdup(format);
    r->type = strdup(type);
    r->code = re;
    r->category = category;
    if (!r->format || !r->type) {
        free(r->format);
        free(r->type);
        pcre2_code_free(re);
        return UPT_ENOMEM;
    }
    rules->count++;
    forget_groups(rules); /* a new rule may belong to any group */
    return rules->keys ? UPT_OK : UPT_ENOMEM;
}

enum upt_status upt_rules_add_table(struct upt_rules *rules, const char *format,
                                    const struct upt_rule_def *defs, char *err,
                                    size_t errsize)
{
    for (; defs->type; defs++) {
        enum upt_status st =
            upt_rules_add(rules, format, defs->type, defs->pattern,
                          defs->category, err, errsize);
        if (st != UPT_OK)
            return st;
    }
    return UPT_OK;
}

static bool applies(const struct rule *r, const char *format, const char *type)
{
    return strcmp(r->format, format) == 0 &&
           (strcmp(r->type, "*") == 0 || strcmp(r->type, type) == 0);
}

static struct group *find_group(struct upt_rules *rules, const char *format,
                                const char *type)
{
    char stack[256], *key = stack;
    if (rules->last_key != UPT_STRTAB_NONE &&
        strcmp(rules->last_type, type) == 0 &&
        strcmp(rules->last_format, format) == 0)
        return &rules->group[rules->last_key];
    /* a type is the log's to choose: a long one only costs an allocation */
    size_t flen = strlen(format), tlen = strlen(type);
    size_t need = flen + tlen + 2;
    if (need > sizeof(stack) && !(key = malloc(need)))
        return NULL;
    memcpy(key, format, flen);
    key[flen] = '\t';
    memcpy(key + flen + 1, type, tlen + 1);
    uint32_t id = upt_strtab_intern(rules->keys, key, need - 1);
    if (key != stack)
        free(key);
    if (id == UPT_STRTAB_NONE)
        return NULL;
    if (id == rules->ngroups) {
        struct group *g = realloc(rules->group, (id + 1) * sizeof(*g));
        if (!g)
            return NULL;
        rules->group = g;
        g = &g[id];
        memset(g, 0, sizeof(*g));
        g->coverage = 1u << UPT_CAT_OTHER;
        for (size_t i = 0; i < rules->count; i++) {
            if (!applies(&rules->rule[i], format, type))
                continue;
            size_t *idx = realloc(g->rule, (g->count + 1) * sizeof(*idx));
            if (!idx)
                return NULL;
            g->rule = idx;
            g->rule[g->count++] = i;
            if (rules->rule[i].category >= 0)
                g->coverage |= 1u << rules->rule[i].category;
        }
        rules->ngroups++;
    }
    if (strlen(type) < sizeof(rules->last_type) &&
        strlen(format) < sizeof(rules->last_format)) {
        snprintf(rules->last_type, sizeof(rules->last_type), "%s", type);
        snprintf(rules->last_format, sizeof(rules->last_format), "%s", format);
        rules->last_key = id;
    }
    return &rules->group[id];
}

int upt_rules_classify(struct upt_rules *rules, const char *format,
                       const char *type, const char *detail, size_t detail_len)
{
    struct group *g = find_group(rules, format, type);
    if (!g)
        return UPT_RULE_NOMATCH;
    for (size_t i = 0; i < g->count; i++) {
        const struct rule *r = &rules->rule[g->rule[i]];
        if (pcre2_match(r->code, (PCRE2_SPTR)detail, detail_len, 0, 0,
                        rules->match, NULL) >= 0)
            return r->category;
    }
    return UPT_RULE_NOMATCH;
}

unsigned upt_rules_coverage(struct upt_rules *rules, const char *format,
                            const char *type)
{
    struct group *g = find_group(rules, format, type);
    return g ? g->coverage : 1u << UPT_CAT_OTHER;
}

int upt_rules_jit(const struct upt_rules *rules) { return rules->jit; }
