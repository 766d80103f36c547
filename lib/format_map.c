/* format_map.c - --map: any CRM's CSV, TSV or JSON, its columns named by the
 * user */
#include "format_map.h"

#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "diag.h"
#include "format.h"
#include "timestamp.h"

#include "banned.h"

static const char *const field_names[UPT_MAP_COUNT] = {
    "user", "time", "action", "object", "session", "outcome"};

/* The names mapped columns take; a log's own columns never start so. */
static const char *const keys[UPT_MAP_COUNT] = {
    "uptake.user",   "uptake.time",    "uptake.action",
    "uptake.object", "uptake.session", "uptake.outcome"};

const char *upt_map_field_name(enum upt_map_field f)
{
    return (unsigned)f < UPT_MAP_COUNT ? field_names[f] : "?";
}

static int field_of(const char *name, size_t len)
{
    for (int f = 0; f < UPT_MAP_COUNT; f++)
        if (strlen(field_names[f]) == len &&
            strncmp(field_names[f], name, len) == 0)
            return f;
    return -1;
}

int upt_map_parse(const char *spec, struct upt_map *map, char *err,
                  size_t errsize)
{
    memset(map, 0, sizeof(*map));
    for (const char *p = spec; *p;) {
        size_t len = strcspn(p, ",");
        const char *eq = memchr(p, '=', len);
        int f = eq ? field_of(p, (size_t)(eq - p)) : -1;
        size_t clen = eq ? len - (size_t)(eq - p) - 1 : 0;
        if (f < 0 || clen == 0 || clen >= sizeof(map->col[0]) ||
            memchr(eq + 1, '=', clen)) {
            snprintf(err, errsize,
                     "bad --map item '%.*s' (FIELD=COLUMN; fields: user, "
                     "time, action, object, session, outcome)",
                     (int)len, p);
            return -1;
        }
        if (map->col[f][0]) {
            snprintf(err, errsize, "--map names '%s' twice", field_names[f]);
            return -1;
        }
        memcpy(map->col[f], eq + 1, clen);
        map->col[f][clen] = '\0';
        p += len + (p[len] == ',');
    }
    for (int f = 0; f <= UPT_MAP_ACTION; f++)
        if (!map->col[f][0]) {
            snprintf(err, errsize, "--map needs %s=COLUMN", field_names[f]);
            return -1;
        }
    return 0;
}

int upt_map_rename(const struct upt_map *map, const struct upt_row *header,
                   const char **names, enum upt_map_field *missing)
{
    bool found[UPT_MAP_COUNT] = {false};
    for (size_t i = 0; i < header->count; i++) {
        names[i] = header->field[i];
        for (int f = 0; f < UPT_MAP_COUNT; f++)
            if (map->col[f][0] && !found[f] &&
                strcasecmp(header->field[i], map->col[f]) == 0) {
                names[i] = keys[f];
                found[f] = true;
                break;
            }
    }
    for (int f = 0; f < UPT_MAP_COUNT; f++)
        if (map->col[f][0] && !found[f]) {
            *missing = (enum upt_map_field)f;
            return -1;
        }
    return 0;
}

static int detect(const struct upt_row *h)
{
    return upt_format_column(h, keys[UPT_MAP_USER]) >= 0 &&
           upt_format_column(h, keys[UPT_MAP_TIME]) >= 0 &&
           upt_format_column(h, keys[UPT_MAP_ACTION]) >= 0;
}

static void *open_state(const struct upt_row *h)
{
    int *col = malloc(UPT_MAP_COUNT * sizeof(*col));
    if (col)
        upt_format_map(h, keys, UPT_MAP_COUNT, col);
    return col;
}

static void close_state(void *state) { free(state); }

/* ISO 8601, the compact form, or Unix time in seconds (10 digits) or
 * milliseconds (13), as exports of other CRMs write it. */
static int parse_time(const char *s, size_t len, int64_t *ms)
{
    if (upt_timestamp_parse(s, len, ms) == 0)
        return 0;
    if (len != 10 && len != 13)
        return -1;
    int64_t v = 0;
    for (size_t i = 0; i < len; i++) {
        if (s[i] < '0' || s[i] > '9')
            return -1;
        v = v * 10 + (s[i] - '0');
    }
    *ms = len == 10 ? v * 1000 : v;
    return 0;
}

static bool failed(const char *s)
{
    static const char *const words[] = {"failed", "failure", "fail", "error",
                                        "false",  "denied",  "0"};
    for (size_t i = 0; i < sizeof(words) / sizeof(words[0]); i++)
        if (strcasecmp(s, words[i]) == 0)
            return true;
    return false;
}

static enum upt_adapt adapt(void *state, const struct upt_row *row,
                            struct upt_event *ev, char *err, size_t errsize)
{
    const int *col = state;
    size_t len;
    char quoted[64];
    const char *ts = upt_format_get(row, col[UPT_MAP_TIME], &len);

    if (parse_time(ts, len, &ev->time_ms) != 0) {
        upt_diag_quote(quoted, sizeof(quoted), ts, len);
        snprintf(err, errsize, "bad timestamp '%s'; row skipped", quoted);
        return UPT_ADAPT_BAD;
    }
    ev->user = upt_format_get(row, col[UPT_MAP_USER], &ev->user_len);
    if (ev->user_len == 0) {
        snprintf(err, errsize, "no user; row skipped");
        return UPT_ADAPT_BAD;
    }
    ev->user_name = "";
    ev->type = "action";
    ev->detail = upt_format_get(row, col[UPT_MAP_ACTION], NULL);
    ev->object = upt_format_get(row, col[UPT_MAP_OBJECT], NULL);
    ev->session = upt_format_get(row, col[UPT_MAP_SESSION], NULL);
    ev->outcome = failed(upt_format_get(row, col[UPT_MAP_OUTCOME], NULL))
                      ? UPT_OUTCOME_FAILED
                      : UPT_OUTCOME_OK;
    ev->channel = UPT_CHAN_WEB;
    return UPT_ADAPT_EVENT;
}

/* A CRM nobody described: the common verbs, for rules in a --config to
 * refine (they come first). */
static const struct upt_rule_def rules[] = {
    {"action", "(?i)log.?out|sign.?out", UPT_CAT_LOGOUT},
    {"action", "(?i)log.?in|sign.?in|authenticat", UPT_CAT_LOGIN},
    {"action", "(?i)export|download", UPT_CAT_EXPORT},
    {"action", "(?i)import|upload", UPT_CAT_IMPORT},
    {"action", "(?i)delete|remove", UPT_CAT_DELETE},
    {"action", "(?i)create|insert|\\badd|\\bnew\\b", UPT_CAT_CREATE},
    {"action", "(?i)update|edit|modif|change|save", UPT_CAT_UPDATE},
    {"action", "(?i)report|dashboard", UPT_CAT_REPORT},
    {"action", "(?i)search|find|query", UPT_CAT_SEARCH},
    {"action", "(?i)view|read|open|retrieve|list|detail", UPT_CAT_VIEW},
    {"action", "(?i)help|guide|training", UPT_CAT_HELP},
    {"action", "(?i)error|fail", UPT_CAT_ERROR},
    {"action", "(?i)\\bapi\\b", UPT_CAT_API},
    {"action", "(?i)admin|setup|setting|permission|role", UPT_CAT_ADMIN},
    {NULL, NULL, 0},
};

const struct upt_format upt_format_map_columns = {
    .name = "map",
    .title = "any CRM's CSV, TSV or JSON log, with --map naming its columns",
    .recognised = "only with --map user=COL,time=COL,action=COL",
    .rules = rules,
    .detect = detect,
    .open = open_state,
    .adapt = adapt,
    .close = close_state,
};
