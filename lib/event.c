/* event.c - names of the normalized event's enumerations */
#include "event.h"

#include <string.h>

#include "banned.h"

static const char *const category_names[UPT_CAT_COUNT] = {
    [UPT_CAT_LOGIN] = "login",   [UPT_CAT_LOGOUT] = "logout",
    [UPT_CAT_VIEW] = "view",     [UPT_CAT_SEARCH] = "search",
    [UPT_CAT_CREATE] = "create", [UPT_CAT_UPDATE] = "update",
    [UPT_CAT_DELETE] = "delete", [UPT_CAT_REPORT] = "report",
    [UPT_CAT_EXPORT] = "export", [UPT_CAT_IMPORT] = "import",
    [UPT_CAT_API] = "api",       [UPT_CAT_ERROR] = "error",
    [UPT_CAT_HELP] = "help",     [UPT_CAT_ADMIN] = "admin",
    [UPT_CAT_OTHER] = "other",
};

const char *upt_category_name(enum upt_category cat)
{
    return (unsigned)cat < UPT_CAT_COUNT ? category_names[cat] : NULL;
}

int upt_category_from_name(const char *name)
{
    for (int i = 0; i < UPT_CAT_COUNT; i++)
        if (strcmp(category_names[i], name) == 0)
            return i;
    return -1;
}

const char *upt_channel_name(enum upt_channel chan)
{
    static const char *const names[] = {"web", "mobile", "api", "other"};
    return (unsigned)chan < 4 ? names[chan] : "other";
}

const char *upt_outcome_name(enum upt_outcome outcome)
{
    return outcome == UPT_OUTCOME_FAILED ? "failed" : "ok";
}
