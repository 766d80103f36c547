/* format.c - the table of known log formats */
#include "format.h"

#include "diag.h"
#include "timestamp.h"

#include <stdio.h>
#include <string.h>
#include <strings.h>

#include "banned.h"

extern const struct upt_format upt_format_salesforce;
extern const struct upt_format upt_format_salesforce_login;
extern const struct upt_format upt_format_salesforce_audit;
extern const struct upt_format upt_format_dataverse;
extern const struct upt_format upt_format_purview;
extern const struct upt_format upt_format_hubspot;
extern const struct upt_format upt_format_zoho;
extern const struct upt_format upt_format_suitecrm;
extern const struct upt_format upt_format_map_columns;

/* Detection tries them in this order. */
static const struct upt_format *const formats[] = {
    &upt_format_salesforce,
    &upt_format_salesforce_login,
    &upt_format_salesforce_audit,
    &upt_format_dataverse,
    &upt_format_purview,
    &upt_format_hubspot,
    &upt_format_zoho,
    &upt_format_suitecrm,
    &upt_format_map_columns, /* last: it knows only --map's renamed columns */
};

enum { NFORMATS = sizeof(formats) / sizeof(formats[0]) };

const struct upt_format *upt_format_detect(const struct upt_row *header)
{
    for (size_t i = 0; i < NFORMATS; i++)
        if (formats[i]->detect(header))
            return formats[i];
    return NULL;
}

const struct upt_format *upt_format_find(const char *name)
{
    for (size_t i = 0; i < NFORMATS; i++)
        if (strcasecmp(formats[i]->name, name) == 0)
            return formats[i];
    return NULL;
}

const struct upt_format *const *upt_format_all(size_t *count)
{
    *count = NFORMATS;
    return formats;
}

void upt_format_map(const struct upt_row *header, const char *const *names,
                    size_t n, int *col)
{
    char one[128];
    for (size_t k = 0; k < n; k++) {
        const char *p = names[k];
        col[k] = -1;
        while (col[k] < 0 && *p) {
            size_t len = strcspn(p, "|");
            snprintf(one, sizeof(one), "%.*s", (int)len, p);
            col[k] = upt_format_column(header, one);
            p += len + (p[len] == '|');
        }
    }
}

const char *upt_format_get(const struct upt_row *row, int col, size_t *len)
{
    if (col < 0 || (size_t)col >= row->count) {
        if (len)
            *len = 0;
        return "";
    }
    if (len)
        *len = row->len[col];
    return row->field[col];
}

int upt_format_column(const struct upt_row *header, const char *name)
{
    for (size_t i = 0; i < header->count; i++)
        if (strcasecmp(header->field[i], name) == 0)
            return (int)i;
    return -1;
}

enum upt_status upt_format_add_rules(struct upt_rules *rules, char *err,
                                     size_t errsize)
{
    for (size_t i = 0; i < NFORMATS; i++) {
        enum upt_status st = upt_rules_add_table(
            rules, formats[i]->name, formats[i]->rules, err, errsize);
        if (st != UPT_OK)
            return st;
    }
    return UPT_OK;
}

struct upt_rules *upt_format_rules_new(char *err, size_t errsize)
{
    struct upt_rules *rules = upt_rules_new();
    if (!rules) {
        snprintf(err, errsize, "out of memory");
        return NULL;
    }
    if (upt_format_add_rules(rules, err, errsize) != UPT_OK) {
        upt_rules_free(rules);
        return NULL;
    }
    return rules;
}

enum upt_adapt upt_format_time(const struct upt_row *row, int col,
                               const char *what, bool locale,
                               struct upt_event *ev, char *err, size_t errsize)
{
    size_t len;
    char quoted[64];
    const char *ts = upt_format_get(row, col, &len);
    int bad = locale ? upt_timestamp_parse_local(ts, len, &ev->time_ms,
                                                 &ev->local_time)
                     : upt_timestamp_parse(ts, len, &ev->time_ms);
    if (len == 0 && what) {
        snprintf(err, errsize, "no %s; row skipped", what);
        return UPT_ADAPT_BAD;
    }
    if (len == 0 || bad) {
        upt_diag_quote(quoted, sizeof(quoted), ts, len);
        snprintf(err, errsize, "bad timestamp '%s'; row skipped", quoted);
        return UPT_ADAPT_BAD;
    }
    return UPT_ADAPT_EVENT;
}

unsigned upt_format_categories(const struct upt_format *f)
{
    unsigned mask = 0;
    for (const struct upt_rule_def *r = f->rules; r->type; r++)
        if (r->category >= 0)
            mask |= 1u << r->category;
    return f->outcomes ? mask | 1u << UPT_CAT_ERROR : mask;
}
