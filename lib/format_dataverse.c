/* format_dataverse.c - Microsoft Dataverse (Dynamics 365) audit table
 * exports: CSV, or JSON records from the Web API */
#include "format.h"

#include <ctype.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "diag.h"
#include "timestamp.h"
#include "userid.h"

#include "banned.h"

#define FORMATTED "@OData.Community.Display.V1.FormattedValue"

/* Logical names (SchemaNames differ only in case), then the Web API's
 * lookup properties and annotations, then the SDK's *name columns
 * (formats.md 3.1). The raw value of a choice is preferred to its label. */
enum col {
    C_TIME,
    C_OPERATION,
    C_ACTION,
    C_OBJECT_TYPE,
    C_USER,
    C_USER_NAME,
    C_CALLER,
    C_CALLER_NAME,
    C_USER_TYPE,
    C_AUDIT_ID,
    C_COUNT
};

static const char *const names[C_COUNT] = {
    [C_TIME] = "createdon",
    [C_OPERATION] = "operation|operation" FORMATTED,
    [C_ACTION] = "action|action" FORMATTED,
    [C_OBJECT_TYPE] = "objecttypecode|objecttypecode" FORMATTED,
    [C_USER] = "_userid_value|userid",
    [C_USER_NAME] = "_userid_value" FORMATTED "|useridname|username|"
                    "userid" FORMATTED "|userid.fullname",
    [C_CALLER] = "_callinguserid_value|callinguserid",
    [C_CALLER_NAME] = "_callinguserid_value" FORMATTED "|callinguseridname|"
                      "callinguserid" FORMATTED "|callinguserid.fullname",
    [C_USER_TYPE] = "usertype",
    [C_AUDIT_ID] = "auditid",
};

struct label {
    int code;
    const char *name;
};

static const struct label operations[] = {
    {1, "Create"},
    {2, "Update"},
    {3, "Delete"},
    {4, "Access"},
};

/* The audit entity's Action choices, as the Web API labels them. */
static const struct label actions[] = {
    {0, "Unknown"},
    {1, "Create"},
    {2, "Update"},
    {3, "Delete"},
    {4, "Activate"},
    {5, "Deactivate"},
    {11, "Cascade"},
    {12, "Merge"},
    {13, "Assign"},
    {14, "Share"},
    {15, "Retrieve"},
    {16, "Close"},
    {17, "Cancel"},
    {18, "Complete"},
    {20, "Resolve"},
    {21, "Reopen"},
    {22, "Fulfill"},
    {23, "Paid"},
    {24, "Qualify"},
    {25, "Disqualify"},
    {26, "Submit"},
    {27, "Reject"},
    {28, "Approve"},
    {29, "Invoice"},
    {30, "Hold"},
    {31, "Add Member"},
    {32, "Remove Member"},
    {33, "Associate Entities"},
    {34, "Disassociate Entities"},
    {35, "Add Members"},
    {36, "Remove Members"},
    {37, "Add Item"},
    {38, "Remove Item"},
    {39, "Add Substitute"},
    {40, "Remove Substitute"},
    {41, "Set State"},
    {42, "Renew"},
    {43, "Revise"},
    {44, "Win"},
    {45, "Lose"},
    {46, "Internal Processing"},
    {47, "Reschedule"},
    {48, "Modify Share"},
    {49, "Unshare"},
    {50, "Book"},
    {51, "Generate Quote From Opportunity"},
    {52, "Add To Queue"},
    {53, "Assign Role To Team"},
    {54, "Remove Role From Team"},
    {55, "Assign Role To User"},
    {56, "Remove Role From User"},
    {57, "Add Privileges to Role"},
    {58, "Remove Privileges From Role"},
    {59, "Replace Privileges In Role"},
    {60, "Import Mappings"},
    {61, "Clone"},
    {62, "Send Direct Email"},
    {63, "Enabled for organization"},
    {64, "User Access via Web"},
    {65, "User Access via Web Services"},
    {100, "Delete Entity"},
    {101, "Delete Attribute"},
    {102, "Audit Change at Entity Level"},
    {103, "Audit Change at Attribute Level"},
    {104, "Audit Change at Org Level"},
    {105, "Entity Audit Started"},
    {106, "Attribute Audit Started"},
    {107, "Audit Enabled"},
    {108, "Entity Audit Stopped"},
    {109, "Attribute Audit Stopped"},
    {110, "Audit Disabled"},
    {111, "Audit Log Deletion"},
    {112, "User Access Audit Started"},
    {113, "User Access Audit Stopped"},
};

enum { ACTION_WEB = 64, ACTION_WEB_SERVICES = 65 };

/* Values of a usertype column that name an identity that is no person
 * (formats.md 9.9). */
static const char *const service_types[] = {"Application", "System",
                                            "Non-interactive"};

enum { CODE_MAX = 48, DETAIL_MAX = 2 * CODE_MAX, GUID_LEN = 36 };

struct state {
    int col[C_COUNT];
    char user[GUID_LEN + 1];
    char detail[DETAIL_MAX];
};

static int detect(const struct upt_row *h)
{
    int col[C_COUNT];
    upt_format_map(h, names, C_COUNT, col);
    return col[C_TIME] >= 0 && col[C_OPERATION] >= 0 && col[C_ACTION] >= 0 &&
           (col[C_USER] >= 0 || col[C_USER_NAME] >= 0);
}

static void *open_state(const struct upt_row *h)
{
    struct state *st = malloc(sizeof(*st));
    if (st)
        upt_format_map(h, names, C_COUNT, st->col);
    return st;
}

static void close_state(void *state) { free(state); }

static const char *get(const struct state *st, const struct upt_row *row,
                       enum col c, size_t *len)
{
    return upt_format_get(row, st->col[c], len);
}

static void trim(const char **s, size_t *len)
{
    while (*len > 0 && isspace((unsigned char)**s))
        (*s)++, (*len)--;
    while (*len > 0 && isspace((unsigned char)(*s)[*len - 1]))
        (*len)--;
}

/* Labels compare without regard to case or spaces: "User Access via Web"
 * is also the SDK's enum name UserAccessviaWeb. */
static bool same_label(const char *s, size_t len, const char *label)
{
    size_t i = 0;
    for (;; label++) {
        while (i < len && s[i] == ' ')
            i++;
        while (*label == ' ')
            label++;
        if (i == len || !*label)
            return i == len && !*label;
        if (tolower((unsigned char)s[i]) != tolower((unsigned char)*label))
            return false;
        i++;
    }
}

/* The code S (LEN bytes, trimmed) gives: its number, or the code of its
 * label in TABLE; -1 when it is neither. */
static long code_of(const char *s, size_t len, const struct label *table,
                    size_t n)
{
    long v = 0;
    size_t i;
    for (i = 0; i < len && i < 6 && isdigit((unsigned char)s[i]); i++)
        v = v * 10 + (s[i] - '0');
    if (len > 0 && i == len)
        return v;
    for (i = 0; i < n; i++)
        if (same_label(s, len, table[i].name))
            return table[i].code;
    return -1;
}

/* Writes the code of S into OUT as a number, and returns it; a value that
 * is neither a number nor a known label (a label in another language) goes
 * as it is, cut, so that a config rule can still match it (-1 returned). */
static long put_code(char *out, size_t size, const char *s, size_t len,
                     const struct label *table, size_t n)
{
    trim(&s, &len);
    long code = code_of(s, len, table, n);
    if (code >= 0)
        snprintf(out, size, "%ld", code);
    else
        snprintf(out, size, "%.*s", (int)(len < size ? len : size - 1), s);
    return code;
}

static bool is_guid(const char *s, size_t len)
{
    if (len != GUID_LEN)
        return false;
    for (size_t i = 0; i < len; i++)
        if (i == 8 || i == 13 || i == 18 || i == 23
                ? s[i] != '-'
                : !isxdigit((unsigned char)s[i]))
            return false;
    return true;
}

/* Strips the braces SDK and SQL exports put around a GUID. */
static void unbrace(const char **s, size_t *len)
{
    if (*len == GUID_LEN + 2 && (*s)[0] == '{' && (*s)[*len - 1] == '}')
        (*s)++, *len -= 2;
}

static bool is_empty_guid(const char *s, size_t len)
{
    unbrace(&s, &len);
    if (len == 0)
        return true;
    if (!is_guid(s, len))
        return false;
    for (size_t i = 0; i < len; i++)
        if (s[i] != '0' && s[i] != '-')
            return false;
    return true;
}

/* GUIDs are case-insensitive; the Web API writes them in lower case, SDK
 * and SQL exports often in upper case and braces: one spelling per user. */
static const char *user_key(struct state *st, const char *id, size_t *len)
{
    const char *p = id;
    size_t n = *len;
    unbrace(&p, &n);
    if (!is_guid(p, n))
        return id;
    for (size_t i = 0; i < n; i++)
        st->user[i] = (char)tolower((unsigned char)p[i]);
    st->user[n] = '\0';
    *len = n;
    return st->user;
}

static bool is_service(const char *type)
{
    for (size_t i = 0; i < sizeof(service_types) / sizeof(*service_types); i++)
        if (strcasecmp(type, service_types[i]) == 0)
            return true;
    return false;
}

/* The actor: the calling user when the call impersonated the user
 * (DESIGN.md: impersonated activity counts for the one who did it). */
static bool set_user(struct state *st, const struct upt_row *row,
                     struct upt_event *ev)
{
    size_t len;
    const char *id = get(st, row, C_CALLER, &len);
    if (!is_empty_guid(id, len)) {
        ev->user_name = get(st, row, C_CALLER_NAME, NULL);
        ev->service = false;
    } else {
        id = get(st, row, C_USER, &len);
        ev->user_name = get(st, row, C_USER_NAME, NULL);
        if (len == 0)
            id = get(st, row, C_USER_NAME, &len);
        ev->service = is_service(get(st, row, C_USER_TYPE, NULL));
    }
    if (len == 0)
        return false;
    id = user_key(st, id, &len);
    ev->user = id;
    ev->user_len = upt_userid_key_len(id, len);
    return true;
}

static enum upt_adapt adapt(void *state, const struct upt_row *row,
                            struct upt_event *ev, char *err, size_t errsize)
{
    struct state *st = state;
    size_t len;
    char op[CODE_MAX], action[CODE_MAX];

    /* the Web API writes UTC; a formatted value is the user's local time */
    if (upt_format_time(row, st->col[C_TIME], "createdon", true, ev, err,
                        errsize) != UPT_ADAPT_EVENT)
        return UPT_ADAPT_BAD;
    if (!set_user(st, row, ev)) {
        snprintf(err, errsize, "no userid; row skipped");
        return UPT_ADAPT_BAD;
    }
    const char *s = get(st, row, C_OPERATION, &len);
    put_code(op, sizeof(op), s, len, operations,
             sizeof(operations) / sizeof(*operations));
    s = get(st, row, C_ACTION, &len);
    long code = put_code(action, sizeof(action), s, len, actions,
                         sizeof(actions) / sizeof(*actions));
    /* the rules see "operation:action" as numbers, "2:13" */
    snprintf(st->detail, sizeof(st->detail), "%s:%s", op, action);
    ev->type = "Audit";
    ev->detail = st->detail;
    ev->object = get(st, row, C_OBJECT_TYPE, NULL);
    ev->session = "";
    ev->key = get(st, row, C_AUDIT_ID, NULL);
    ev->outcome = UPT_OUTCOME_OK;
    /* only user access rows say where the user came from */
    if (code == ACTION_WEB)
        ev->channel = UPT_CHAN_WEB;
    else if (code == ACTION_WEB_SERVICES)
        ev->channel = UPT_CHAN_API;
    else
        ev->channel = UPT_CHAN_OTHER;
    return UPT_ADAPT_EVENT;
}

/* Known actions that are neither role, audit-setting, import nor access
 * changes; an action code not in the entity's list stays "other". */
#define KNOWN "([0-5]|1[1-8]|[2-4][0-9]|5[0-2]|6[1-3])$"

static const struct upt_rule_def rules[] = {
    /* user access auditing logs a row when a user signs in (64 from the
     * web application, 65 from the web services) */
    {"Audit", "^[0-9]+:6[45]$", UPT_CAT_LOGIN},
    /* role and privilege changes, audit settings */
    {"Audit", "^[0-9]+:(5[3-9]|10[0-9]|11[0-3])$", UPT_CAT_ADMIN},
    {"Audit", "^[0-9]+:60$", UPT_CAT_IMPORT},
    /* merge, qualify, win and lose, sharing and association change
     * existing records whatever the operation says */
    {"Audit", "^[0-9]+:(12|14|24|25|33|34|44|45|48|49)$", UPT_CAT_UPDATE},
    {"Audit", "^1:" KNOWN, UPT_CAT_CREATE},
    {"Audit", "^2:" KNOWN, UPT_CAT_UPDATE},
    {"Audit", "^3:" KNOWN, UPT_CAT_DELETE},
    {NULL, NULL, 0},
};

const struct upt_format upt_format_dataverse = {
    .name = "dataverse",
    .title = "Microsoft Dataverse / Dynamics 365 audit table (CSV, or JSON "
             "from the Web API)",
    .recognised = "columns createdon, operation, action, and a user: userid, "
                  "_userid_value, useridname or username (any case)",
    .rules = rules,
    .detect = detect,
    .open = open_state,
    .adapt = adapt,
    .close = close_state,
};
