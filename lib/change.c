/* change.c - what changed between two diagnoses */
#include "change.h"

#include <stdbool.h>
#include <stdlib.h>
#include <string.h>

#include "banned.h"

static uint32_t writes(const struct upt_verdict *v)
{
    return v->count[UPT_CAT_CREATE] + v->count[UPT_CAT_UPDATE] +
           v->count[UPT_CAT_DELETE] + v->count[UPT_CAT_IMPORT];
}

int upt_change_kind(const struct upt_verdict *o, const struct upt_verdict *n)
{
    if (!o)
        return n->status == UPT_VS_DEPARTED ? -1 : UPT_CHANGE_JOINED;
    if (!n)
        return o->status == UPT_VS_DEPARTED ? -1 : UPT_CHANGE_LEFT;
    bool was = upt_verdict_flagged(o), is = upt_verdict_flagged(n);
    if (n->status == UPT_VS_DEPARTED && o->status != UPT_VS_DEPARTED)
        return UPT_CHANGE_LEFT;
    if (!was && is)
        return UPT_CHANGE_FLAGGED;
    if (was && n->status == UPT_VS_ADOPTING)
        return UPT_CHANGE_RECOVERED;
    if (was && is && o->cause != n->cause)
        return UPT_CHANGE_CAUSE;
    if (was && is && o->status != n->status)
        return UPT_CHANGE_STATUS;
    /* a joiner in their grace period, or just out of it, who now writes */
    if (o->status == UPT_VS_NEW && writes(o) == 0 && writes(n) > 0)
        return UPT_CHANGE_FIRST_WORK;
    return -1;
}

size_t upt_change_list(const struct upt_diagnosis *before,
                       const struct upt_diagnosis *after,
                       struct upt_change **out)
{
    size_t no = upt_diagnosis_count(before), nn = upt_diagnosis_count(after);
    struct upt_change *c = malloc((no + nn + 1) * sizeof(*c));
    size_t n = 0, i = 0, k = 0;
    *out = c;
    if (!c)
        return (size_t)-1;
    /* both are ordered by user id: walk them side by side */
    while (i < no || k < nn) {
        const struct upt_verdict *o =
            i < no ? upt_diagnosis_get(before, i) : NULL;
        const struct upt_verdict *w =
            k < nn ? upt_diagnosis_get(after, k) : NULL;
        int cmp = !o ? 1 : !w ? -1 : strcmp(o->user, w->user);
        if (cmp < 0)
            w = NULL, i++;
        else if (cmp > 0)
            o = NULL, k++;
        else
            i++, k++;
        int kind = upt_change_kind(o, w);
        if (kind >= 0)
            c[n++] = (struct upt_change){
                .kind = (enum upt_change_kind)kind, .before = o, .after = w};
    }
    return n;
}

const char *upt_change_kind_name(enum upt_change_kind kind)
{
    static const char *const names[UPT_CHANGE_COUNT] = {
        "flagged",    "recovered", "cause", "status",
        "first-work", "joined",    "left"};
    return kind < UPT_CHANGE_COUNT ? names[kind] : "?";
}
