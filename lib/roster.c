/* roster.c - the CRM's user list, read from CSV */
#include "roster.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "input.h"
#include "pseudonym.h"
#include "records.h"
#include "strtab.h"
#include "timestamp.h"
#include "userid.h"

#include "banned.h"

enum field {
    F_ID,
    F_NAME,
    F_ROLE,
    F_TEAM,
    F_ACTIVE,
    F_CREATED,
    F_EMAIL,
    F_USERNAME,
    F_TYPE,
    F_COUNT
};

/* Header spellings per field: ours, then those of common CRM exports. */
static const char *const aliases[F_COUNT][8] = {
    [F_ID] = {"id", "user id", "user_id", "userid", NULL},
    [F_NAME] = {"name", "full name", "full_name", NULL},
    [F_EMAIL] = {"email", "e-mail", "email address", "mail", "upn",
                 "userprincipalname", "user principal name", NULL},
    [F_USERNAME] = {"username", "user name", "user_name", "login", NULL},
    [F_TYPE] = {"type", "usertype", "user type", "user_type", "license", NULL},
    [F_ROLE] = {"role", "profile", "profile.name", "userrole.name",
                "profile name", NULL},
    [F_TEAM] = {"team", "department", "division", NULL},
    [F_ACTIVE] = {"active", "isactive", "is_active", NULL},
    [F_CREATED] = {"created", "createddate", "created_date", "created date",
                   NULL},
};

/* An e-mail or username is looked up without regard to case. */
enum { ALIAS_MAX = 256 };

struct upt_roster {
    struct upt_strtab *strs;    /* every string, and the ids' keys */
    struct upt_strtab *aliases; /* lower-cased e-mails and usernames */
    uint32_t *by_alias;         /* alias id -> user index + 1 */
    size_t by_alias_cap;
    struct upt_roster_user *user;
    size_t count, cap;
    uint32_t *by_key; /* key's strtab id -> index + 1 */
    size_t by_key_cap;
};

struct loader {
    const char *path;
    struct upt_roster *r;
    struct upt_diag *diag;
    int col[F_COUNT];
    size_t ncols;
    bool have_header, bad_header, nomem;
};

#define REPORT(ld, line_, kind, ...)                                           \
    upt_diag_report((ld)->diag,                                                \
                    &(struct upt_where){.file = (ld)->path, .line = (line_)},  \
                    kind, __VA_ARGS__)

static int map_header(struct loader *ld, const struct upt_row *row)
{
    for (int f = 0; f < F_COUNT; f++) {
        ld->col[f] = -1;
        for (size_t i = 0; i < row->count && ld->col[f] < 0; i++)
            for (int a = 0; aliases[f][a]; a++)
                if (strcasecmp(row->field[i], aliases[f][a]) == 0) {
                    ld->col[f] = (int)i;
                    break;
                }
    }
    ld->ncols = row->count;
    ld->have_header = true;
    if (ld->col[F_ID] < 0) {
        REPORT(ld, row->line, "roster-header", "%s",
               "roster has no id column; roster not used");
        ld->bad_header = true;
        return 1;
    }
    return 0;
}

static const char *cell(const struct loader *ld, const struct upt_row *row,
                        enum field f)
{
    return ld->col[f] >= 0 ? row->field[ld->col[f]] : "";
}

static int parse_active(const char *s, bool *active)
{
    static const char *const yes[] = {"1", "true", "yes", "y", "active", "t"};
    static const char *const no[] = {"0", "false", "no", "n", "inactive", "f"};
    for (size_t i = 0; i < 6; i++) {
        if (strcasecmp(s, yes[i]) == 0)
            return *active = true, 0;
        if (strcasecmp(s, no[i]) == 0)
            return *active = false, 0;
    }
    return -1;
}

static const char *keep(struct loader *ld, const char *s)
{
    uint32_t id = upt_strtab_intern(ld->r->strs, s, strlen(s));
    if (id == UPT_STRTAB_NONE) {
        ld->nomem = true;
        return "";
    }
    return upt_strtab_str(ld->r->strs, id);
}

/* Makes room in the index for KEY. */
static int index_room(struct upt_roster *r, uint32_t key)
{
    if (key < r->by_key_cap)
        return 0;
    size_t cap = r->by_key_cap ? r->by_key_cap * 2 : 256;
    while (cap <= key)
        cap *= 2;
    uint32_t *k = realloc(r->by_key, cap * sizeof(*k));
    if (!k)
        return -1;
    memset(k + r->by_key_cap, 0, (cap - r->by_key_cap) * sizeof(*k));
    r->by_key = k;
    r->by_key_cap = cap;
    return 0;
}

static int add_user(struct loader *ld, const struct upt_roster_user *u,
                    unsigned long line)
{
    struct upt_roster *r = ld->r;
    size_t len = strlen(u->id);
    uint32_t key =
        upt_strtab_intern(r->strs, u->id, upt_userid_key_len(u->id, len));
    if (key == UPT_STRTAB_NONE || index_room(r, key) != 0)
        return -1;
    if (r->by_key[key]) {
        char quoted[64];
        upt_diag_quote(quoted, sizeof(quoted), u->id, len);
        REPORT(ld, line, "roster-duplicate",
               "duplicate user id '%s'; row skipped", quoted);
        return 0;
    }
    if (r->count == r->cap) {
        size_t cap = r->cap ? r->cap * 2 : 64;
        struct upt_roster_user *nu = realloc(r->user, cap * sizeof(*nu));
        if (!nu)
            return -1;
        r->user = nu;
        r->cap = cap;
    }
    r->user[r->count] = *u;
    r->by_key[key] = (uint32_t)++r->count;
    return 0;
}

static size_t lower(const char *s, size_t len, char *out)
{
    if (len >= ALIAS_MAX)
        return 0;
    for (size_t i = 0; i < len; i++)
        out[i] = (s[i] >= 'A' && s[i] <= 'Z') ? (char)(s[i] + 32) : s[i];
    return len;
}

/* Makes ALIAS (an e-mail or username) name the last user added. */
static int add_alias(struct loader *ld, const char *alias, unsigned long line)
{
    struct upt_roster *r = ld->r;
    char low[ALIAS_MAX], quoted[64];
    size_t len = lower(alias, strlen(alias), low);
    if (len == 0)
        return 0;
    uint32_t id = upt_strtab_intern(r->aliases, low, len);
    if (id == UPT_STRTAB_NONE)
        return -1;
    if (id >= r->by_alias_cap) {
        size_t cap = r->by_alias_cap ? r->by_alias_cap * 2 : 256;
        while (cap <= id)
            cap *= 2;
        uint32_t *a = realloc(r->by_alias, cap * sizeof(*a));
        if (!a)
            return -1;
        memset(a + r->by_alias_cap, 0, (cap - r->by_alias_cap) * sizeof(*a));
        r->by_alias = a;
        r->by_alias_cap = cap;
    }
    if (r->by_alias[id] && r->by_alias[id] != r->count) {
        upt_diag_quote(quoted, sizeof(quoted), alias, strlen(alias));
        REPORT(ld, line, "roster-alias",
               "'%s' names two users; kept for the first", quoted);
        return 0;
    }
    r->by_alias[id] = (uint32_t)r->count;
    return 0;
}

/* User types and licences of identities that are not people
 * (formats.md 9.9): Salesforce's AutomatedProcess and Guest, integration
 * and API-only licences, Dataverse's application and system users. */
static bool is_service(const char *type)
{
    static const char *const words[] = {
        "automated", "guest",    "integration", "application",
        "api only",  "api-only", "system",      "service"};
    char low[ALIAS_MAX];
    size_t n = lower(type, strlen(type), low);
    low[n] = '\0';
    for (size_t i = 0; i < sizeof(words) / sizeof(words[0]); i++)
        if (strstr(low, words[i]))
            return true;
    return false;
}

static int on_row(void *ctx, const struct upt_row *row)
{
    struct loader *ld = ctx;
    struct upt_roster_user u = {.active = true,
                                .created_day = UPT_ROSTER_NO_DATE};
    char quoted[64];
    int64_t ms;

    if (!ld->have_header)
        return map_header(ld, row);
    if (row->count != ld->ncols) {
        REPORT(ld, row->line, "ragged-row",
               "%zu fields, header has %zu; row skipped", row->count,
               ld->ncols);
        return 0;
    }
    const char *id = cell(ld, row, F_ID);
    if (!id[0]) {
        REPORT(ld, row->line, "roster-id", "%s", "empty user id; row skipped");
        return 0;
    }
    const char *active = cell(ld, row, F_ACTIVE);
    if (active[0] && parse_active(active, &u.active) != 0) {
        upt_diag_quote(quoted, sizeof(quoted), active, strlen(active));
        REPORT(ld, row->line, "roster-active",
               "bad active flag '%s'; row skipped", quoted);
        return 0;
    }
    const char *created = cell(ld, row, F_CREATED);
    if (created[0]) {
        if (upt_timestamp_parse(created, strlen(created), &ms) != 0) {
            upt_diag_quote(quoted, sizeof(quoted), created, strlen(created));
            REPORT(ld, row->line, "roster-created",
                   "bad created date '%s'; row skipped", quoted);
            return 0;
        }
        u.created_day = upt_timestamp_day_of(ms);
    }
    size_t before = ld->r->count;
    u.id = keep(ld, id);
    u.name = keep(ld, cell(ld, row, F_NAME));
    if (!u.name[0])
        u.name = keep(ld, cell(ld, row, F_USERNAME));
    u.role = keep(ld, cell(ld, row, F_ROLE));
    u.service = is_service(cell(ld, row, F_TYPE));
    u.team = keep(ld, cell(ld, row, F_TEAM));
    if (ld->nomem || add_user(ld, &u, row->line) != 0)
        goto nomem;
    if (ld->r->count > before &&
        (add_alias(ld, cell(ld, row, F_EMAIL), row->line) != 0 ||
         add_alias(ld, cell(ld, row, F_USERNAME), row->line) != 0))
        goto nomem;
    return 0;
nomem:
    ld->nomem = true;
    return 1;
}

static struct upt_roster *roster_new(void)
{
    struct upt_roster *r = calloc(1, sizeof(*r));
    if (!r)
        return NULL;
    r->strs = upt_strtab_new();
    r->aliases = upt_strtab_new();
    if (!r->strs || !r->aliases) {
        upt_strtab_free(r->strs);
        upt_strtab_free(r->aliases);
        free(r);
        return NULL;
    }
    return r;
}

struct upt_roster *upt_roster_load(const char *path, struct upt_diag *diag)
{
    struct loader ld = {.path = path, .diag = diag, .r = roster_new()};
    struct upt_input *in = upt_input_open(path, diag);
    struct upt_records *rec = NULL;
    enum upt_status st = UPT_OK;
    const char *buf;
    size_t len;

    if (ld.r && in) {
        while ((st = upt_input_read(in, &buf, &len)) == UPT_OK) {
            if (!rec)
                rec = upt_records_new(path, upt_records_delimiter(buf, len),
                                      diag, on_row, &ld);
            if (!rec) {
                ld.nomem = true;
                break;
            }
            if (upt_records_feed(rec, buf, len) != UPT_OK)
                break;
        }
        if (rec)
            upt_records_finish(rec);
    }
    if (in && !ld.have_header && !ld.nomem && st != UPT_EIO)
        REPORT((&ld), 0, "roster-empty", "%s", "empty roster; roster not used");
    upt_records_free(rec);
    upt_input_free(in);
    if (!in || ld.nomem || ld.bad_header || !ld.have_header || st == UPT_EIO) {
        upt_roster_free(ld.r);
        return NULL;
    }
    return ld.r;
}

void upt_roster_free(struct upt_roster *r)
{
    if (!r)
        return;
    upt_strtab_free(r->strs);
    upt_strtab_free(r->aliases);
    free(r->by_alias);
    free(r->user);
    free(r->by_key);
    free(r);
}

size_t upt_roster_count(const struct upt_roster *r) { return r->count; }

const struct upt_roster_user *upt_roster_get(const struct upt_roster *r,
                                             size_t i)
{
    return i < r->count ? &r->user[i] : NULL;
}

const struct upt_roster_user *upt_roster_find(const struct upt_roster *r,
                                              const char *id, size_t len)
{
    uint32_t key = upt_strtab_find(r->strs, id, upt_userid_key_len(id, len));
    if (key == UPT_STRTAB_NONE || key >= r->by_key_cap || !r->by_key[key])
        return NULL;
    return &r->user[r->by_key[key] - 1];
}

const struct upt_roster_user *upt_roster_resolve(const struct upt_roster *r,
                                                 const char *who, size_t len)
{
    char low[ALIAS_MAX];
    const struct upt_roster_user *u = upt_roster_find(r, who, len);
    if (u)
        return u;
    size_t n = lower(who, len, low);
    if (n == 0)
        return NULL;
    uint32_t id = upt_strtab_find(r->aliases, low, n);
    if (id == UPT_STRTAB_NONE || id >= r->by_alias_cap || !r->by_alias[id])
        return NULL;
    return &r->user[r->by_alias[id] - 1];
}

enum upt_status upt_roster_pseudonymize(struct upt_roster *r,
                                        const struct upt_pseudonym *p)
{
    char token[UPT_PSEUDONYM_LEN + 1];
    memset(r->by_key, 0, r->by_key_cap * sizeof(*r->by_key));
    if (r->by_alias)
        memset(r->by_alias, 0, r->by_alias_cap * sizeof(*r->by_alias));
    for (size_t i = 0; i < r->count; i++) {
        struct upt_roster_user *u = &r->user[i];
        upt_pseudonym_token(p, UPT_PSEUDONYM_ID, u->id,
                            upt_userid_key_len(u->id, strlen(u->id)), token);
        uint32_t key = upt_strtab_intern(r->strs, token, UPT_PSEUDONYM_LEN);
        if (key == UPT_STRTAB_NONE || index_room(r, key) != 0)
            return UPT_ENOMEM;
        /* two ids of one token: 75 bits make it as good as never */
        if (!r->by_key[key])
            r->by_key[key] = (uint32_t)i + 1;
        u->id = upt_strtab_str(r->strs, key);
        if (u->name[0]) {
            upt_pseudonym_token(p, UPT_PSEUDONYM_NAME, u->name, strlen(u->name),
                                token);
            uint32_t name =
                upt_strtab_intern(r->strs, token, UPT_PSEUDONYM_LEN);
            if (name == UPT_STRTAB_NONE)
                return UPT_ENOMEM;
            u->name = upt_strtab_str(r->strs, name);
        }
    }
    return UPT_OK;
}
