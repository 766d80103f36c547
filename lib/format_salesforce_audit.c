/* format_salesforce_audit.c - Salesforce Setup Audit Trail: administrators'
 * setup changes */
#include "format.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "diag.h"
#include "timestamp.h"
#include "userid.h"

#include "banned.h"

/* API names first, then the labels of the UI download (formats.md 2.2). */
enum col { C_TIME, C_ACTOR, C_DELEGATE, C_ACTION, C_SECTION, C_COUNT };

static const char *const names[C_COUNT] = {
    [C_TIME] = "CreatedDate|Date",
    [C_ACTOR] = "CreatedById|CreatedBy.Username|User",
    [C_DELEGATE] = "DelegateUser|Delegate User",
    [C_ACTION] = "Action",
    [C_SECTION] = "Section",
};

static int detect(const struct upt_row *h)
{
    int col[C_COUNT];
    upt_format_map(h, names, C_COUNT, col);
    return col[C_TIME] >= 0 && col[C_ACTOR] >= 0 && col[C_ACTION] >= 0 &&
           col[C_SECTION] >= 0;
}

static void *open_state(const struct upt_row *h)
{
    int *col = malloc(C_COUNT * sizeof(*col));
    if (col)
        upt_format_map(h, names, C_COUNT, col);
    return col;
}

static void close_state(void *state) { free(state); }

static enum upt_adapt adapt(void *state, const struct upt_row *row,
                            struct upt_event *ev, char *err, size_t errsize)
{
    const int *col = state;
    size_t len;

    if (upt_format_time(row, col[C_TIME], NULL, true, ev, err, errsize) !=
        UPT_ADAPT_EVENT)
        return UPT_ADAPT_BAD;
    /* a change made while logged in as someone else is the delegate's */
    const char *actor = upt_format_get(row, col[C_DELEGATE], &len);
    if (len == 0)
        actor = upt_format_get(row, col[C_ACTOR], &len);
    if (len == 0)
        return UPT_ADAPT_SKIP;
    ev->user = actor;
    ev->user_len = upt_userid_key_len(actor, len);
    ev->user_name = "";
    ev->type = "SetupAuditTrail";
    ev->detail = upt_format_get(row, col[C_ACTION], NULL);
    ev->object = upt_format_get(row, col[C_SECTION], NULL);
    ev->session = "";
    ev->channel = UPT_CHAN_WEB;
    ev->outcome = UPT_OUTCOME_OK;
    return UPT_ADAPT_EVENT;
}

static const struct upt_rule_def rules[] = {
    {"SetupAuditTrail", "", UPT_CAT_ADMIN},
    {NULL, NULL, 0},
};

const struct upt_format upt_format_salesforce_audit = {
    .name = "salesforce-audit",
    .title = "Salesforce Setup Audit Trail (SetupAuditTrail records; the "
             "audit trail download)",
    .recognised = "columns CreatedDate or Date; CreatedById or User; "
                  "Action; Section",
    .rules = rules,
    .detect = detect,
    .open = open_state,
    .adapt = adapt,
    .close = close_state,
};
