/* format_suitecrm.c - SuiteCRM / SugarCRM: the tracker table and the
 * <module>_audit tables, exported with SQL as CSV or mysql -B TSV */
#include "format.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "diag.h"
#include "timestamp.h"
#include "userid.h"

#include "banned.h"

/* C_MARK is only for detection: a column that tells the table apart from
 * other logs with a user, a time and an action. */
enum col {
    C_TIME,
    C_USER,
    C_MODULE,
    C_ACTION,
    C_ITEM,
    C_SESSION,
    C_FIELD,
    C_ID,
    C_MARK,
    C_COUNT
};

#define BIT(c) (1u << (c))

enum { DETAIL_MAX = 600 };

struct table;

struct state {
    const struct table *table;
    int col[C_COUNT];
    char detail[DETAIL_MAX];
};

static const char *tracker_detail(struct state *st, const struct upt_row *row);
static const char *audit_detail(struct state *st, const struct upt_row *row);

/* One of the tables (formats.md 6.1, 6.2). An empty name is a column the
 * table does not have. */
struct table {
    const char *type; /* the event type the rules see */
    const char *names[C_COUNT];
    unsigned required;
    const char *(*detail)(struct state *st, const struct upt_row *row);
};

static const struct table tables[] = {
    {
        .type = "Tracker",
        .names =
            {
                [C_TIME] = "date_modified",
                [C_USER] = "user_id",
                [C_MODULE] = "module_name",
                [C_ACTION] = "action",
                [C_ITEM] = "item_id",
                [C_SESSION] = "session_id",
                [C_FIELD] = "",
                [C_ID] = "id",
                [C_MARK] = "monitor_id|item_id",
            },
        .required = BIT(C_TIME) | BIT(C_USER) | BIT(C_MODULE) | BIT(C_ACTION) |
                    BIT(C_MARK),
        .detail = tracker_detail,
    },
    {
        .type = "Audit",
        .names =
            {
                [C_TIME] = "date_created",
                [C_USER] = "created_by",
                /* not in the table: a column the export adds names it */
                [C_MODULE] = "module_name|module",
                [C_ACTION] = "",
                [C_ITEM] = "parent_id",
                [C_SESSION] = "",
                [C_FIELD] = "field_name",
                [C_ID] = "id",
                [C_MARK] = "after_value_string|before_value_string|"
                           "after_value_text|before_value_text",
            },
        .required = BIT(C_TIME) | BIT(C_USER) | BIT(C_ITEM) | BIT(C_FIELD) |
                    BIT(C_MARK),
        .detail = audit_detail,
    },
};

enum { NTABLES = sizeof(tables) / sizeof(tables[0]) };

static const struct table *table_of(const struct upt_row *h, int *col)
{
    for (size_t t = 0; t < NTABLES; t++) {
        unsigned have = 0;
        upt_format_map(h, tables[t].names, C_COUNT, col);
        for (int c = 0; c < C_COUNT; c++)
            have |= col[c] >= 0 ? BIT(c) : 0;
        if ((have & tables[t].required) == tables[t].required)
            return &tables[t];
    }
    return NULL;
}

static int detect(const struct upt_row *h)
{
    int col[C_COUNT];
    return table_of(h, col) != NULL;
}

static void *open_state(const struct upt_row *h)
{
    struct state *st = malloc(sizeof(*st));
    if (st)
        st->table = table_of(h, st->col);
    /* forced with --format on another header: every row lacks a time */
    if (st && !st->table) {
        st->table = &tables[0];
        upt_format_map(h, tables[0].names, C_COUNT, st->col);
    }
    return st;
}

static void close_state(void *state) { free(state); }

/* Column C of ROW, "" when absent or an SQL null: mysql -B writes NULL,
 * SELECT ... INTO OUTFILE writes \N. */
static const char *get(const struct state *st, const struct upt_row *row,
                       enum col c, size_t *len)
{
    size_t n;
    const char *v = upt_format_get(row, st->col[c], &n);
    if ((n == 4 && memcmp(v, "NULL", 4) == 0) ||
        (n == 2 && memcmp(v, "\\N", 2) == 0)) {
        v = "";
        n = 0;
    }
    if (len)
        *len = n;
    return v;
}

static enum upt_adapt bad_time(const struct state *st, const char *ts,
                               size_t len, char *err, size_t errsize)
{
    char quoted[64];
    if (len == 0) {
        snprintf(err, errsize, "no %s; row skipped", st->table->names[C_TIME]);
        return UPT_ADAPT_BAD;
    }
    upt_diag_quote(quoted, sizeof(quoted), ts, len);
    snprintf(err, errsize, "bad timestamp '%s'; row skipped", quoted);
    return UPT_ADAPT_BAD;
}

/* The rules see "module:action", and ":noitem" after it when the row
 * names no record (a list view, or an edit view of a new record). */
static const char *tracker_detail(struct state *st, const struct upt_row *row)
{
    size_t item;
    get(st, row, C_ITEM, &item);
    snprintf(st->detail, sizeof(st->detail), "%s:%s%s",
             get(st, row, C_MODULE, NULL), get(st, row, C_ACTION, NULL),
             item ? "" : ":noitem");
    return st->detail;
}

static const char *audit_detail(struct state *st, const struct upt_row *row)
{
    return get(st, row, C_FIELD, NULL);
}

static enum upt_adapt adapt(void *state, const struct upt_row *row,
                            struct upt_event *ev, char *err, size_t errsize)
{
    struct state *st = state;
    size_t len;
    const char *ts = get(st, row, C_TIME, &len);

    if (len == 0 || upt_timestamp_parse(ts, len, &ev->time_ms) != 0)
        return bad_time(st, ts, len, err, errsize);
    /* no user: a page shown before login, a save by a scheduler job */
    const char *id = get(st, row, C_USER, &len);
    if (len == 0)
        return UPT_ADAPT_SKIP;
    ev->user = id;
    ev->user_len = upt_userid_key_len(id, len);
    ev->user_name = "";
    ev->type = st->table->type;
    ev->detail = st->table->detail(st, row);
    ev->object = get(st, row, C_MODULE, NULL);
    ev->session = get(st, row, C_SESSION, NULL);
    /* the row's id keeps a mass update's rows, alike but for the record,
     * from being taken for one row read twice */
    ev->key = get(st, row, C_ID, NULL);
    ev->channel = UPT_CHAN_WEB;
    ev->outcome = UPT_OUTCOME_OK;
    return UPT_ADAPT_EVENT;
}

/* Actions are lower-cased by SugarView; modules keep their case. The
 * search, help and logout rules are inferred: Home/UnifiedSearch.php,
 * Home/TrainingPortal.php and Users/Logout.php are legacy action files,
 * which SugarController runs in the classic view, a tracked one. */
static const struct upt_rule_def rules[] = {
    {"Tracker", "(?i)^[^:]*:authenticate(:|$)", UPT_CAT_LOGIN},
    {"Tracker", "(?i)^Users:logout(:|$)", UPT_CAT_LOGOUT},
    {"Tracker", "(?i)^(Administration|Studio|ModuleBuilder):", UPT_CAT_ADMIN},
    /* one import shows five or more wizard views; the last is its result */
    {"Tracker", "(?i)^Import:last(:|$)", UPT_CAT_IMPORT},
    {"Tracker", "(?i)^Import:", UPT_CAT_OTHER},
    {"Tracker", "(?i):export(:|$)", UPT_CAT_EXPORT},
    {"Tracker", "(?i)^(Reports|AOR_Reports):detailview(:|$)", UPT_CAT_REPORT},
    {"Tracker", "(?i)^Home:(unifiedsearch|search)(:|$)", UPT_CAT_SEARCH},
    {"Tracker", "(?i)^Home:trainingportal(:|$)", UPT_CAT_HELP},
    {"Tracker", "(?i):delete(:|$)", UPT_CAT_DELETE},
    {"Tracker", "(?i):editview:noitem$", UPT_CAT_CREATE},
    /* a save row does not say whether the record is new */
    {"Tracker", "(?i):(editview|save)(:|$)", UPT_CAT_UPDATE},
    {"Tracker", "(?i):(detailview|index|listview)(:|$)", UPT_CAT_VIEW},
    /* a time zone set at first login, a record picker while editing: the
     * user's doing, but no record work */
    {"Tracker", "(?i):(settimezone|popup)(:|$)", UPT_CAT_OTHER},
    {"Audit", "", UPT_CAT_UPDATE},
    {NULL, NULL, 0},
};

const struct upt_format upt_format_suitecrm = {
    .name = "suitecrm",
    .title = "SuiteCRM / SugarCRM tracker and <module>_audit tables (CSV, "
             "or mysql -B TSV)",
    .recognised = "tracker: columns date_modified, user_id, module_name, "
                  "action, and monitor_id or item_id; audit: date_created, "
                  "created_by, parent_id, field_name, and a before_ or "
                  "after_value column",
    .rules = rules,
    .detect = detect,
    .open = open_state,
    .adapt = adapt,
    .close = close_state,
};
