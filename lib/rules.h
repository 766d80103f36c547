/* rules.h - pcre2 patterns mapping a log's event types and details to
 * categories */
#ifndef UPT_RULES_H
#define UPT_RULES_H

#include <stddef.h>

#include "status.h"

struct upt_rules; /* opaque: an ordered rule list with compiled patterns */

/* What a rule gives a matching event besides a category: drop it. */
#define UPT_RULE_IGNORE (-1)
/* What classify returns when no rule matches: the caller uses "other". */
#define UPT_RULE_NOMATCH (-2)

/* Returns an empty list, or NULL when out of memory. */
struct upt_rules *upt_rules_new(void);
void upt_rules_free(struct upt_rules *rules);

/* Appends a rule: an event of FORMAT whose type is TYPE ("*": any type)
 * and whose detail matches PATTERN (pcre2, unanchored; "(?i)" for caseless)
 * gets CATEGORY (an enum upt_category, or UPT_RULE_IGNORE). Rules are tried
 * in the order added; the first match wins. Patterns are compiled now, with
 * JIT where pcre2 has it. On a bad pattern returns UPT_EUSAGE and writes
 * the reason into ERR (ERRSIZE bytes). Strings are copied. */
enum upt_status upt_rules_add(struct upt_rules *rules, const char *format,
                              const char *type, const char *pattern,
                              int category, char *err, size_t errsize);

/* A built-in rule, as a format adapter lists them. */
struct upt_rule_def {
    const char *type;
    const char *pattern;
    int category;
};

/* Appends DEFS (ended by an entry with a NULL type) for FORMAT, after any
 * rules from a config so that those win. A bad built-in pattern is our bug:
 * it is reported like a config error. */
enum upt_status upt_rules_add_table(struct upt_rules *rules, const char *format,
                                    const struct upt_rule_def *defs, char *err,
                                    size_t errsize);

/* The category of an event of FORMAT with TYPE and DETAIL (DETAIL_LEN
 * bytes), UPT_RULE_IGNORE, or UPT_RULE_NOMATCH. Not thread-safe: it reuses
 * one match buffer. */
int upt_rules_classify(struct upt_rules *rules, const char *format,
                       const char *type, const char *detail, size_t detail_len);

/* The categories (bit 1 << category) the rules can give events of FORMAT
 * and TYPE; "other" is always possible. */
unsigned upt_rules_coverage(struct upt_rules *rules, const char *format,
                            const char *type);

/* Whether JIT compilation is in use. */
int upt_rules_jit(const struct upt_rules *rules);

#endif
