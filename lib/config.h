/* config.h - the --config file: classification rules and thresholds */
#ifndef UPT_CONFIG_H
#define UPT_CONFIG_H

#include <stddef.h>

#include "diag.h"
#include "diagnose.h"
#include "rules.h"

struct upt_config; /* opaque */

/* Reads the config at PATH. Lines (blank ones and '#' comments skipped):
 *   rule FORMAT TYPE CATEGORY PATTERN   PATTERN is the rest of the line;
 *                                       CATEGORY may be "ignore"
 *   threshold NAME VALUE                NAME as in struct upt_thresholds
 *   expect ROLE = TASK...               create, update, report, search
 * Every problem is reported to DIAG with its line; any problem makes the
 * whole file refused (NULL), since a half-read config would judge users by
 * rules nobody wrote. NULL also when out of memory. */
struct upt_config *upt_config_load(const char *path, struct upt_diag *diag);
void upt_config_free(struct upt_config *cfg);

/* A rule list with CFG's rules first (CFG may be NULL), then the built-in
 * rules of every format. NULL with the reason in ERR on failure. */
struct upt_rules *upt_config_rules_new(const struct upt_config *cfg, char *err,
                                       size_t errsize);

/* Overwrites the thresholds CFG sets (CFG may be NULL: nothing changes). */
void upt_config_thresholds(const struct upt_config *cfg,
                           struct upt_thresholds *t);

/* The roles' expected tasks of CFG's expect lines (CFG may be NULL: none),
 * N of them; lent, valid while CFG is. */
const struct upt_expectation *
upt_config_expectations(const struct upt_config *cfg, size_t *n);

/* The name of the Ith threshold, or NULL past the last; for documentation
 * checks and error messages. */
const char *upt_config_threshold_name(size_t i);

#endif
