/* format_purview.c - Microsoft Purview (Office 365) unified audit log CSV
 * exports: Dynamics 365 / Dataverse activity logging (RecordType 21) */
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

#ifdef UPT_HAVE_JSON_C
#include <json-c/json.h>
#endif

#include "banned.h"

/* Both export layouts (formats.md 3.2): the classic search's
 * CreationDate,UserIds,Operations,AuditData (RecordType sometimes first),
 * and the new search's RecordId,CreationDate,RecordType,Operation,UserId,
 * AuditData,… . The record itself is the JSON in AuditData. */
enum col {
    C_TIME,
    C_USER,
    C_OPERATION,
    C_AUDIT_DATA,
    C_RECORD_TYPE,
    C_RECORD_ID,
    C_COUNT
};

static const char *const names[C_COUNT] = {
    [C_TIME] = "CreationDate",
    [C_USER] = "UserIds|UserId",
    [C_OPERATION] = "Operations|Operation",
    [C_AUDIT_DATA] = "AuditData",
    [C_RECORD_TYPE] = "RecordType",
    [C_RECORD_ID] = "RecordId",
};

enum {
    RECORD_TYPE_CRM = 21,
    USER_TYPE_SYSTEM = 4,
    USER_TYPE_APPLICATION = 5,
    USER_TYPE_SERVICE_PRINCIPAL = 6,
    USER_MAX = 256,
    DETAIL_MAX = 128,
    OBJECT_MAX = 128,
    KEY_MAX = 64
};

struct state {
    int col[C_COUNT];
#ifdef UPT_HAVE_JSON_C
    struct json_tokener *tok;
#endif
    bool told; /* without json-c: said so once */
    char user[USER_MAX];
    char user_name[USER_MAX];
    char detail[DETAIL_MAX];
    char object[OBJECT_MAX];
    char key[KEY_MAX];
};

static int detect(const struct upt_row *h)
{
    int col[C_COUNT];
    upt_format_map(h, names, C_COUNT, col);
    return col[C_AUDIT_DATA] >= 0 && col[C_TIME] >= 0 && col[C_USER] >= 0 &&
           col[C_OPERATION] >= 0;
}

static void *open_state(const struct upt_row *h)
{
    struct state *st = calloc(1, sizeof(*st));
    if (!st)
        return NULL;
    upt_format_map(h, names, C_COUNT, st->col);
#ifdef UPT_HAVE_JSON_C
    st->tok = json_tokener_new();
    if (!st->tok) {
        free(st);
        return NULL;
    }
#endif
    return st;
}

static void close_state(void *state)
{
    struct state *st = state;
    if (!st)
        return;
#ifdef UPT_HAVE_JSON_C
    json_tokener_free(st->tok);
#endif
    free(st);
}

#ifdef UPT_HAVE_JSON_C

/* UserType names, for exports that write them instead of numbers. */
static const struct {
    const char *name;
    int code;
} user_types[] = {
    {"System", USER_TYPE_SYSTEM},
    {"Application", USER_TYPE_APPLICATION},
    {"ServicePrincipal", USER_TYPE_SERVICE_PRINCIPAL},
};

/* User agents of phones and tablets: browsers, and the Dynamics 365 and
 * Power Apps mobile apps, which name the device's system. */
static const char *const mobile_agents[] = {
    "Android",
    "iPhone",
    "iPad",
    "iPod",
    "Mobile",
    "Windows Phone",
    "Dynamics 365 for Phones",
    "Dynamics 365 for Tablets",
};

static void copy(char *out, size_t size, const char *s)
{
    snprintf(out, size, "%s", s ? s : "");
}

static bool contains_nocase(const char *hay, const char *needle)
{
    size_t n = strlen(needle);
    for (; *hay; hay++)
        if (strncasecmp(hay, needle, n) == 0)
            return true;
    return false;
}

static bool all_digits(const char *s)
{
    if (!*s)
        return false;
    for (; *s; s++)
        if (!isdigit((unsigned char)*s))
            return false;
    return true;
}

/* A RecordType column of another number is not CRM: skipped before the
 * JSON is parsed. Names ("CRM") and empty cells are left to AuditData. */
static bool other_record_type(const char *rt)
{
    return all_digits(rt) && strtol(rt, NULL, 10) != RECORD_TYPE_CRM;
}

static int user_type_code(const char *s)
{
    if (all_digits(s))
        return (int)strtol(s, NULL, 10);
    for (size_t i = 0; i < sizeof(user_types) / sizeof(*user_types); i++)
        if (strcasecmp(s, user_types[i].name) == 0)
            return user_types[i].code;
    return -1;
}

static bool is_mobile(const char *agent)
{
    for (size_t i = 0; i < sizeof(mobile_agents) / sizeof(*mobile_agents); i++)
        if (contains_nocase(agent, mobile_agents[i]))
            return true;
    return false;
}

/* Applications and service principals call the SDK themselves; otherwise
 * the user agent tells a browser (every one says "Mozilla/") from a
 * script or an integration. */
static enum upt_channel channel(int user_type, const char *agent)
{
    if (user_type == USER_TYPE_APPLICATION ||
        user_type == USER_TYPE_SERVICE_PRINCIPAL)
        return UPT_CHAN_API;
    if (!*agent)
        return UPT_CHAN_OTHER;
    if (is_mobile(agent))
        return UPT_CHAN_MOBILE;
    if (!contains_nocase(agent, "Mozilla/"))
        return UPT_CHAN_API;
    return UPT_CHAN_WEB;
}

/* The text of KEY in OBJ: "" when absent or null. */
static const char *field(struct json_object *obj, const char *key)
{
    struct json_object *v;
    if (!json_object_object_get_ex(obj, key, &v) || !v)
        return "";
    const char *s = json_object_get_string(v);
    return s ? s : "";
}

static const char *first_of(struct json_object *obj, const char *const *keys,
                            size_t n)
{
    for (size_t i = 0; i < n; i++) {
        const char *s = field(obj, keys[i]);
        if (*s)
            return s;
    }
    return "";
}

static bool is_crm(struct json_object *obj, const struct upt_row *row,
                   const struct state *st)
{
    const char *rt = field(obj, "RecordType");
    if (*rt)
        return all_digits(rt) ? strtol(rt, NULL, 10) == RECORD_TYPE_CRM
                              : strcasecmp(rt, "CRM") == 0;
    if (*field(obj, "Workload"))
        return strcasecmp(field(obj, "Workload"), "CRM") == 0;
    rt = upt_format_get(row, st->col[C_RECORD_TYPE], NULL);
    return strcmp(rt, "21") == 0 || strcasecmp(rt, "CRM") == 0;
}

/* AuditData.CreationTime is UTC; the CreationDate column may be in the
 * exporter's locale and zone, so it only stands in when CreationTime is
 * absent or unreadable. */
static int set_time(struct json_object *obj, const struct upt_row *row,
                    const struct state *st, struct upt_event *ev, char *err,
                    size_t errsize)
{
    const char *t = field(obj, "CreationTime");
    size_t len;
    const char *date = upt_format_get(row, st->col[C_TIME], &len);
    char quoted[64];

    ev->local_time = false;
    if (*t && upt_timestamp_parse(t, strlen(t), &ev->time_ms) == 0)
        return 0;
    if (len > 0 && upt_timestamp_parse_local(date, len, &ev->time_ms,
                                             &ev->local_time) == 0)
        return 0;
    if (*t)
        upt_diag_quote(quoted, sizeof(quoted), t, strlen(t));
    else
        upt_diag_quote(quoted, sizeof(quoted), date, len);
    if (!*t && len == 0)
        snprintf(err, errsize, "no CreationTime or CreationDate; row skipped");
    else
        snprintf(err, errsize, "bad timestamp '%s'; row skipped", quoted);
    return -1;
}

/* The UPN first, as Purview searches by it; then the Entra and Dataverse
 * ids when a record has no UPN. */
static int set_user(struct json_object *obj, const struct upt_row *row,
                    struct state *st, struct upt_event *ev)
{
    static const char *const upn_keys[] = {"UserId", "UserUpn"};
    static const char *const id_keys[] = {"UserKey", "SystemUserId"};
    const char *id = first_of(obj, upn_keys, 2);
    if (!*id)
        id = upt_format_get(row, st->col[C_USER], NULL);
    if (!*id)
        id = first_of(obj, id_keys, 2);
    if (!*id)
        return -1;
    copy(st->user, sizeof(st->user), id);
    const char *upn = field(obj, "UserUpn");
    copy(st->user_name, sizeof(st->user_name),
         strcasecmp(upn, st->user) == 0 ? "" : upn);
    ev->user = st->user;
    ev->user_len = upt_userid_key_len(st->user, strlen(st->user));
    ev->user_name = st->user_name;
    return 0;
}

/* Fills EV from the decoded record OBJ. */
static enum upt_adapt from_record(struct state *st, struct json_object *obj,
                                  const struct upt_row *row,
                                  struct upt_event *ev, char *err,
                                  size_t errsize)
{
    static const char *const op_keys[] = {"Operation", "Message"};
    static const char *const object_keys[] = {"EntityName", "ItemType"};

    if (!is_crm(obj, row, st))
        return UPT_ADAPT_SKIP;
    if (set_time(obj, row, st, ev, err, errsize) != 0)
        return UPT_ADAPT_BAD;
    if (set_user(obj, row, st, ev) != 0) {
        snprintf(err, errsize, "no UserId in AuditData; row skipped");
        return UPT_ADAPT_BAD;
    }
    const char *op = first_of(obj, op_keys, 2);
    copy(st->detail, sizeof(st->detail),
         *op ? op : upt_format_get(row, st->col[C_OPERATION], NULL));
    copy(st->object, sizeof(st->object), first_of(obj, object_keys, 2));
    const char *id = field(obj, "Id");
    copy(st->key, sizeof(st->key),
         *id ? id : upt_format_get(row, st->col[C_RECORD_ID], NULL));
    const char *status = field(obj, "ResultStatus");
    ev->outcome =
        strcasecmp(status, "Failed") == 0 || strcasecmp(status, "Failure") == 0
            ? UPT_OUTCOME_FAILED
            : UPT_OUTCOME_OK;
    int user_type = user_type_code(field(obj, "UserType"));
    ev->service = user_type == USER_TYPE_SYSTEM ||
                  user_type == USER_TYPE_APPLICATION ||
                  user_type == USER_TYPE_SERVICE_PRINCIPAL;
    ev->channel = channel(user_type, field(obj, "UserAgent"));
    ev->type = "Crm";
    ev->detail = st->detail;
    ev->object = st->object;
    ev->key = st->key;
    ev->session = "";
    return UPT_ADAPT_EVENT;
}

static bool only_space(const char *s, size_t from, size_t len)
{
    for (; from < len; from++)
        if (!isspace((unsigned char)s[from]))
            return false;
    return true;
}

/* Decodes AuditData (LEN bytes) into *OBJ, or says why not in ERR. */
static int decode(struct state *st, const char *data, size_t len,
                  struct json_object **obj, char *err, size_t errsize)
{
    int chunk = len > 1 << 30 ? 1 << 30 : (int)len;
    json_tokener_reset(st->tok);
    *obj = json_tokener_parse_ex(st->tok, data, chunk);
    enum json_tokener_error jerr = json_tokener_get_error(st->tok);
    const char *why = NULL;
    if (jerr == json_tokener_continue)
        why = "unexpected end of data";
    else if (jerr != json_tokener_success)
        why = json_tokener_error_desc(jerr);
    else if (!only_space(data, json_tokener_get_parse_end(st->tok), len))
        why = "data after the record";
    else if (!json_object_is_type(*obj, json_type_object))
        why = "not an object";
    if (!why)
        return 0;
    json_object_put(*obj);
    *obj = NULL;
    snprintf(err, errsize, "bad JSON in AuditData (%s); row skipped", why);
    return -1;
}

static enum upt_adapt adapt(void *state, const struct upt_row *row,
                            struct upt_event *ev, char *err, size_t errsize)
{
    struct state *st = state;
    size_t len;
    struct json_object *obj;

    if (other_record_type(upt_format_get(row, st->col[C_RECORD_TYPE], NULL)))
        return UPT_ADAPT_SKIP;
    const char *data = upt_format_get(row, st->col[C_AUDIT_DATA], &len);
    if (len == 0) {
        snprintf(err, errsize, "no AuditData; row skipped");
        return UPT_ADAPT_BAD;
    }
    if (decode(st, data, len, &obj, err, errsize) != 0)
        return UPT_ADAPT_BAD;
    /* json-c's strings live in OBJ: what the event needs is copied into
     * the state before it goes */
    enum upt_adapt result = from_record(st, obj, row, ev, err, errsize);
    json_object_put(obj);
    return result;
}

#else

static enum upt_adapt adapt(void *state, const struct upt_row *row,
                            struct upt_event *ev, char *err, size_t errsize)
{
    struct state *st = state;
    (void)row, (void)ev;
    if (st->told)
        return UPT_ADAPT_SKIP;
    st->told = true;
    snprintf(err, errsize,
             "AuditData needs uptake built with json-c; file skipped");
    return UPT_ADAPT_BAD;
}

#endif

/* The rules see the SDK message. Microsoft groups reads by prefix
 * (formats.md 3.2): the ReadMultiple group, then Retrieve, Search, Get and
 * Export; exports are told apart here because they take data out. */
static const struct upt_rule_def rules[] = {
    {"Crm", "(?i)^(Export|Report Viewer Export$)", UPT_CAT_EXPORT},
    {"Crm", "(?i)^Report Viewed$", UPT_CAT_REPORT},
    /* the images of a report already counted as viewed */
    {"Crm", "(?i)^Report Viewer Render Image$", UPT_RULE_IGNORE},
    {"Crm", "(?i)^(Import|ParseImport|TransformImport)", UPT_CAT_IMPORT},
    {"Crm", "(?i)^Search", UPT_CAT_SEARCH},
    {"Crm",
     "(?i)^(RetrieveMultiple|RollUp|RetrieveEntitiesForAggregateQuery|"
     "RetrieveRecordWall|RetrievePersonalWall|ExecuteFetch|Retrieve|Get)",
     UPT_CAT_VIEW},
    {"Crm", "(?i)^Create(Multiple)?$", UPT_CAT_CREATE},
    {"Crm",
     "(?i)^(Update|Upsert|Assign|SetState|Merge|Associate|Disassociate|"
     "GrantAccess|ModifyAccess|RevokeAccess|QualifyLead|WinOpportunity|"
     "LoseOpportunity)",
     UPT_CAT_UPDATE},
    {"Crm", "(?i)^Delete(Multiple)?$", UPT_CAT_DELETE},
    {NULL, NULL, 0},
};

const struct upt_format upt_format_purview = {
    .name = "purview",
    .title = "Microsoft Purview / Office 365 unified audit log CSV export, "
             "Dynamics 365 records (RecordType 21, CRM)",
    .recognised = "columns AuditData, CreationDate, UserIds or UserId, and "
                  "Operations or Operation (any case)",
    .rules = rules,
    .detect = detect,
    .open = open_state,
    .adapt = adapt,
    .close = close_state,
    .outcomes = true, /* ResultStatus */
};
