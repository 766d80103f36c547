/* format_zoho.c - Zoho CRM audit log export (AuditLog.csv): record and setup
 * changes */
#include "format.h"

#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "diag.h"
#include "timestamp.h"
#include "userid.h"

#include "banned.h"

/* Zoho documents the export but not its column names (formats.md 5): these
 * are the labels of the Audit Log page and their likely variants. */
enum col {
    C_TIME,
    C_USER,
    C_EMAIL,
    C_USERID,
    C_ACTION,
    C_MODULE,
    C_SOURCE,
    C_RECORD_ID,
    C_COUNT
};

static const char *const names[C_COUNT] = {
    [C_TIME] = "Audited Time|Audited On|Audit Time|Date and Time|Date|Time",
    [C_USER] = "Done By|Performed By|User|User Name",
    [C_EMAIL] = "Done By Email|User Email|Email",
    [C_USERID] = "Done By Id|User Id",
    [C_ACTION] = "Action",
    [C_MODULE] = "Module|Feature|Module Name",
    [C_SOURCE] = "Source",
    [C_RECORD_ID] = "Record Id",
};

enum { DETAIL_MAX = 512 };

struct state {
    int col[C_COUNT];
    char detail[DETAIL_MAX];
};

static int detect(const struct upt_row *h)
{
    int col[C_COUNT];
    upt_format_map(h, names, C_COUNT, col);
    return col[C_TIME] >= 0 &&
           (col[C_USER] >= 0 || col[C_EMAIL] >= 0 || col[C_USERID] >= 0) &&
           col[C_ACTION] >= 0 && col[C_MODULE] >= 0;
}

static void *open_state(const struct upt_row *h)
{
    struct state *st = malloc(sizeof(*st));
    if (st)
        upt_format_map(h, names, C_COUNT, st->col);
    return st;
}

static void close_state(void *state) { free(state); }

static bool contains_ci(const char *s, const char *needle)
{
    size_t n = strlen(needle);
    for (; *s; s++)
        if (strncasecmp(s, needle, n) == 0)
            return true;
    return false;
}

/* Source holds where the change came from; an empty one is the web UI. */
static enum upt_channel channel(const char *source)
{
    static const struct {
        const char *word;
        enum upt_channel channel;
    } words[] = {
        {"mobile", UPT_CHAN_MOBILE}, {"android", UPT_CHAN_MOBILE},
        {"iphone", UPT_CHAN_MOBILE}, {"ipad", UPT_CHAN_MOBILE},
        {"api", UPT_CHAN_API},       {"web", UPT_CHAN_WEB},
        {"browser", UPT_CHAN_WEB},   {"crm", UPT_CHAN_WEB},
    };
    if (!source[0])
        return UPT_CHAN_WEB;
    for (size_t i = 0; i < sizeof(words) / sizeof(words[0]); i++)
        if (contains_ci(source, words[i].word))
            return words[i].channel;
    return UPT_CHAN_OTHER;
}

/* An e-mail is what a roster is likely to carry, then Zoho's user id;
 * Done By is a name. */
static const char *pick_user(const struct state *st, const struct upt_row *row,
                             size_t *len)
{
    static const enum col order[] = {C_EMAIL, C_USERID, C_USER};
    const char *id = "";
    *len = 0;
    for (size_t i = 0; i < sizeof(order) / sizeof(order[0]) && !*len; i++)
        id = upt_format_get(row, st->col[order[i]], len);
    return id;
}

static enum upt_adapt adapt(void *state, const struct upt_row *row,
                            struct upt_event *ev, char *err, size_t errsize)
{
    struct state *st = state;
    size_t len;

    if (upt_format_time(row, st->col[C_TIME], "timestamp", false, ev, err,
                        errsize) != UPT_ADAPT_EVENT)
        return UPT_ADAPT_BAD;
    const char *id = pick_user(st, row, &len);
    if (len == 0) {
        snprintf(err, errsize, "no user; row skipped");
        return UPT_ADAPT_BAD;
    }
    const char *name = upt_format_get(row, st->col[C_USER], NULL);
    ev->user_name = name == id ? "" : name;
    ev->user = id;
    ev->user_len = upt_userid_key_len(id, len);
    ev->type = "Audit";
    ev->object = upt_format_get(row, st->col[C_MODULE], NULL);
    /* the rules see "module|action" */
    snprintf(st->detail, sizeof(st->detail), "%s|%s", ev->object,
             upt_format_get(row, st->col[C_ACTION], NULL));
    ev->detail = st->detail;
    ev->session = "";
    /* no id of its own: the record's keeps one change of many records at
     * one second (a mass update) from counting as a repeat */
    ev->key = upt_format_get(row, st->col[C_RECORD_ID], NULL);
    ev->channel = channel(upt_format_get(row, st->col[C_SOURCE], NULL));
    ev->outcome = UPT_OUTCOME_OK;
    ev->service = false;
    return UPT_ADAPT_EVENT;
}

/* Exports and imports first, whatever the module; then setup modules,
 * whose every change is admin work; then the action's verb. */
static const struct upt_rule_def rules[] = {
    {"Audit", "(?i)export", UPT_CAT_EXPORT},
    {"Audit", "(?i)import", UPT_CAT_IMPORT},
    {"Audit",
     "(?i)^(users?|roles?|profiles?|groups?|territor(y|ies)|workflows?|"
     "workflow rules?|[a-z ]*templates?|blueprints?|approval processes|"
     "assignment rules?|scoring rules?|validation rules?|webhooks?|"
     "functions?|custom functions?|schedules?|macros?|layouts?|fields?|"
     "modules?|modules and fields|custom modules?|data sharing settings|"
     "sharing rules?|security[a-z ]*|compliance settings|company details|"
     "currenc(y|ies)|fiscal year|business hours|setup|settings?|"
     "connections?|extensions?|zia|api[a-z ]*|reports? ?(&|and) ?folders?|"
     "folders?|pipelines?|stages?|picklists?|record locking)\\|",
     UPT_CAT_ADMIN},
    {"Audit", "(?i)\\|.*delet", UPT_CAT_DELETE},
    {"Audit", "(?i)\\|.*(updat|edit|convert|merg|restor|dedup|transfer|assign)",
     UPT_CAT_UPDATE},
    {"Audit", "(?i)\\|.*(add|creat|clon)", UPT_CAT_CREATE},
    {NULL, NULL, 0},
};

const struct upt_format upt_format_zoho = {
    .name = "zoho",
    .title = "Zoho CRM audit log export (AuditLog.csv)",
    .recognised = "columns Audited Time, Date or Time; Done By, Performed By, "
                  "User, Email or User Id; Action; Module or Feature",
    .rules = rules,
    .detect = detect,
    .open = open_state,
    .adapt = adapt,
    .close = close_state,
};
