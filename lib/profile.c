/* profile.c - per-user, per-day aggregates of events */
#include "profile.h"

#include <stdlib.h>
#include <string.h>

#include "dedupe.h"
#include "strtab.h"
#include "timestamp.h"

#include "banned.h"

struct upt_profile {
    struct upt_dedupe *seen;
    bool seen_shared;        /* another profile owns it */
    struct upt_strtab *strs; /* user ids and names */
    struct upt_profile_user *user;
    size_t count, cap;
    uint32_t *by_id; /* strtab id -> user index + 1 */
    size_t by_id_cap;
    const char *format[UPT_PROFILE_FORMATS]; /* names, as events lend them */
    unsigned coverage[UPT_PROFILE_FORMATS];
    unsigned nformats;
    int64_t first_ms, last_ms;
    uint32_t input; /* counts begin_input calls, from 1 */
};

struct upt_profile *upt_profile_new(void)
{
    return upt_profile_new_sharing(NULL);
}

struct upt_profile *upt_profile_new_sharing(struct upt_profile *owner)
{
    struct upt_profile *p = calloc(1, sizeof(*p));
    if (!p)
        return NULL;
    p->strs = upt_strtab_new();
    p->seen_shared = owner != NULL;
    p->seen = owner ? owner->seen : upt_dedupe_new();
    if (!p->strs || !p->seen) {
        upt_strtab_free(p->strs);
        if (!p->seen_shared)
            upt_dedupe_free(p->seen);
        free(p);
        return NULL;
    }
    p->first_ms = INT64_MAX;
    p->last_ms = INT64_MIN;
    return p;
}

void upt_profile_free(struct upt_profile *p)
{
    if (!p)
        return;
    for (size_t i = 0; i < p->count; i++)
        free(p->user[i].days);
    free(p->user);
    free(p->by_id);
    upt_strtab_free(p->strs);
    if (!p->seen_shared)
        upt_dedupe_free(p->seen);
    free(p);
}

static uint32_t hash(const char *s)
{
    uint32_t h = 2166136261u;
    for (; *s; s++) {
        h ^= (unsigned char)*s;
        h *= 16777619u;
    }
    return h | 1; /* 0 means "no session yet" */
}

static struct upt_profile_user *user_for(struct upt_profile *p,
                                         const struct upt_event *ev)
{
    uint32_t sid = upt_strtab_intern(p->strs, ev->user, ev->user_len);
    if (sid == UPT_STRTAB_NONE)
        return NULL;
    if (sid >= p->by_id_cap) {
        size_t cap = p->by_id_cap ? p->by_id_cap * 2 : 256;
        while (cap <= sid)
            cap *= 2;
        uint32_t *by_id = realloc(p->by_id, cap * sizeof(*by_id));
        if (!by_id)
            return NULL;
        memset(by_id + p->by_id_cap, 0, (cap - p->by_id_cap) * sizeof(*by_id));
        p->by_id = by_id;
        p->by_id_cap = cap;
    }
    if (p->by_id[sid])
        return &p->user[p->by_id[sid] - 1];
    if (p->count == p->cap) {
        size_t cap = p->cap ? p->cap * 2 : 64;
        struct upt_profile_user *u = realloc(p->user, cap * sizeof(*u));
        if (!u)
            return NULL;
        p->user = u;
        p->cap = cap;
    }
    struct upt_profile_user *u = &p->user[p->count];
    memset(u, 0, sizeof(*u));
    u->id = sid;
    u->name = UPT_STRTAB_NONE;
    u->first_ms = INT64_MAX;
    u->last_ms = INT64_MIN;
    p->by_id[sid] = (uint32_t)++p->count;
    return u;
}

/* Logs come mostly in time order, so the day is nearly always the last
 * one; otherwise it is found by binary search and inserted in place. */
static struct upt_day *day_for(struct upt_profile_user *u, int32_t day)
{
    if (u->ndays && u->days[u->ndays - 1].day == day)
        return &u->days[u->ndays - 1];
    uint32_t lo = 0, hi = u->ndays;
    while (lo < hi) {
        uint32_t mid = lo + (hi - lo) / 2;
        if (u->days[mid].day < day)
            lo = mid + 1;
        else
            hi = mid;
    }
    if (lo < u->ndays && u->days[lo].day == day)
        return &u->days[lo];
    if (u->ndays == u->cap) {
        uint32_t cap = u->cap ? u->cap * 2 : 8;
        struct upt_day *d = realloc(u->days, cap * sizeof(*d));
        if (!d)
            return NULL;
        u->days = d;
        u->cap = cap;
    }
    memmove(&u->days[lo + 1], &u->days[lo], (u->ndays - lo) * sizeof(*u->days));
    memset(&u->days[lo], 0, sizeof(*u->days));
    u->days[lo].day = day;
    u->ndays++;
    return &u->days[lo];
}

/* Format names are static strings of the format table: few, compared by
 * pointer first. */
static unsigned format_index(struct upt_profile *p, const char *name)
{
    if (!name)
        name = "";
    for (unsigned i = 0; i < p->nformats; i++)
        if (p->format[i] == name || strcmp(p->format[i], name) == 0)
            return i;
    if (p->nformats == UPT_PROFILE_FORMATS)
        return UPT_PROFILE_FORMATS - 1;
    p->format[p->nformats] = name;
    return p->nformats++;
}

enum upt_status upt_profile_add_event(struct upt_profile *p,
                                      const struct upt_event *ev)
{
    if (upt_dedupe_seen(p->seen, upt_dedupe_fingerprint(ev)))
        return UPT_OK;
    struct upt_profile_user *u = user_for(p, ev);
    if (!u)
        return UPT_ENOMEM;
    struct upt_day *d = day_for(u, (int32_t)upt_timestamp_day_of(ev->time_ms));
    if (!d)
        return UPT_ENOMEM;
    d->count[ev->category]++;
    if (ev->outcome == UPT_OUTCOME_FAILED && ev->category != UPT_CAT_ERROR)
        d->failed++;
    if (ev->session && ev->session[0]) {
        uint32_t h = hash(ev->session);
        if (h != u->last_session || u->last_input != p->input) {
            d->session_changes++;
            u->last_session = h;
            u->last_input = p->input;
        }
    }
    if (ev->service)
        u->service = true;
    unsigned f = format_index(p, ev->format);
    p->coverage[f] |= ev->coverage;
    u->formats |= (uint16_t)(1u << f);
    if (u->name == UPT_STRTAB_NONE && ev->user_name && ev->user_name[0]) {
        size_t len = strlen(ev->user_name);
        /* a name is for display: the first 256 bytes of a longer one, cut
         * before a UTF-8 continuation byte, not inside a character */
        if (len > 256) {
            len = 256;
            while (len > 0 &&
                   ((unsigned char)ev->user_name[len] & 0xc0) == 0x80)
                len--;
        }
        u->name = upt_strtab_intern(p->strs, ev->user_name, len);
    }
    if (ev->time_ms < u->first_ms)
        u->first_ms = ev->time_ms;
    if (ev->time_ms > u->last_ms)
        u->last_ms = ev->time_ms;
    if (ev->time_ms > p->last_ms)
        p->last_ms = ev->time_ms;
    if (ev->time_ms < p->first_ms)
        p->first_ms = ev->time_ms;
    return UPT_OK;
}

bool upt_profile_day_active(const struct upt_day *d)
{
    for (int c = 0; c < UPT_CAT_COUNT; c++)
        if (d->count[c])
            return true;
    return false;
}

unsigned upt_profile_coverage(const struct upt_profile *p,
                              const struct upt_profile_user *user)
{
    unsigned mask = 0;
    for (unsigned i = 0; i < p->nformats; i++)
        if (!user || (user->formats & (1u << i)))
            mask |= p->coverage[i];
    return mask;
}

int64_t upt_profile_last_ms(const struct upt_profile *p) { return p->last_ms; }

int64_t upt_profile_first_ms(const struct upt_profile *p)
{
    return p->first_ms;
}

size_t upt_profile_count(const struct upt_profile *p) { return p->count; }

const struct upt_profile_user *upt_profile_user(const struct upt_profile *p,
                                                size_t i)
{
    return i < p->count ? &p->user[i] : NULL;
}

const struct upt_profile_user *upt_profile_find(const struct upt_profile *p,
                                                const char *id, size_t len)
{
    uint32_t sid = upt_strtab_find(p->strs, id, len);
    if (sid == UPT_STRTAB_NONE || sid >= p->by_id_cap || !p->by_id[sid])
        return NULL;
    return &p->user[p->by_id[sid] - 1];
}

const char *upt_profile_str(const struct upt_profile *p, uint32_t sid)
{
    return sid == UPT_STRTAB_NONE ? NULL : upt_strtab_str(p->strs, sid);
}

uint64_t upt_profile_duplicates(const struct upt_profile *p)
{
    return upt_dedupe_duplicates(p->seen);
}

bool upt_profile_dedupe_full(const struct upt_profile *p)
{
    return upt_dedupe_full(p->seen);
}

void upt_profile_add_coverage(struct upt_profile *p, const char *format,
                              unsigned mask)
{
    p->coverage[format_index(p, format)] |= mask;
}

/* Adds the counts of day D to those of U's day of the same date. */
static int merge_day(struct upt_profile_user *u, const struct upt_day *d)
{
    struct upt_day *to = day_for(u, d->day);
    if (!to)
        return -1;
    for (int c = 0; c < UPT_CAT_COUNT; c++)
        to->count[c] += d->count[c];
    to->failed += d->failed;
    to->session_changes += d->session_changes;
    return 0;
}

enum upt_status upt_profile_merge(struct upt_profile *dst,
                                  const struct upt_profile *src)
{
    unsigned fmap[UPT_PROFILE_FORMATS];
    for (unsigned f = 0; f < src->nformats; f++) {
        fmap[f] = format_index(dst, src->format[f]);
        dst->coverage[fmap[f]] |= src->coverage[f];
    }
    for (size_t i = 0; i < src->count; i++) {
        const struct upt_profile_user *su = &src->user[i];
        /* by length: an id may hold a NUL byte */
        struct upt_event key = {.user = upt_strtab_str(src->strs, su->id),
                                .user_len = upt_strtab_len(src->strs, su->id)};
        struct upt_profile_user *u = user_for(dst, &key);
        if (!u)
            return UPT_ENOMEM;
        for (uint32_t k = 0; k < su->ndays; k++)
            if (merge_day(u, &su->days[k]) != 0)
                return UPT_ENOMEM;
        if (u->name == UPT_STRTAB_NONE && su->name != UPT_STRTAB_NONE) {
            const char *name = upt_strtab_str(src->strs, su->name);
            u->name = upt_strtab_intern(dst->strs, name, strlen(name));
        }
        u->service |= su->service;
        for (unsigned f = 0; f < src->nformats; f++)
            if (su->formats & (1u << f))
                u->formats |= (uint16_t)(1u << fmap[f]);
        if (su->first_ms < u->first_ms)
            u->first_ms = su->first_ms;
        if (su->last_ms > u->last_ms)
            u->last_ms = su->last_ms;
    }
    if (src->first_ms < dst->first_ms)
        dst->first_ms = src->first_ms;
    if (src->last_ms > dst->last_ms)
        dst->last_ms = src->last_ms;
    return UPT_OK;
}

void upt_profile_begin_input(struct upt_profile *p) { p->input++; }

size_t upt_profile_str_len(const struct upt_profile *p, uint32_t sid)
{
    return sid == UPT_STRTAB_NONE ? 0 : upt_strtab_len(p->strs, sid);
}

unsigned upt_profile_formats(const struct upt_profile *p,
                             const char *const **names,
                             const unsigned **coverage)
{
    *names = p->format;
    *coverage = p->coverage;
    return p->nformats;
}

unsigned upt_profile_format_slot(struct upt_profile *p, const char *name)
{
    return format_index(p, name);
}

enum upt_status upt_profile_restore(struct upt_profile *p,
                                    const struct upt_profile_saved *s)
{
    struct upt_event key = {.user = s->id, .user_len = s->id_len};
    struct upt_profile_user *u = user_for(p, &key);
    if (!u)
        return UPT_ENOMEM;
    for (uint32_t k = 0; k < s->ndays; k++)
        if (merge_day(u, &s->days[k]) != 0)
            return UPT_ENOMEM;
    if (u->name == UPT_STRTAB_NONE && s->name)
        u->name = upt_strtab_intern(p->strs, s->name, s->name_len);
    u->service |= s->service;
    u->formats |= (uint16_t)s->formats;
    if (s->first_ms < u->first_ms)
        u->first_ms = s->first_ms;
    if (s->last_ms > u->last_ms)
        u->last_ms = s->last_ms;
    return UPT_OK;
}

void upt_profile_restore_range(struct upt_profile *p, int64_t first_ms,
                               int64_t last_ms)
{
    if (first_ms < p->first_ms)
        p->first_ms = first_ms;
    if (last_ms > p->last_ms)
        p->last_ms = last_ms;
}

void upt_profile_restore_seen(struct upt_profile *p, uint64_t fingerprint)
{
    upt_dedupe_seen(p->seen, fingerprint);
}

void upt_profile_each_seen(const struct upt_profile *p,
                           void (*fn)(void *ctx, uint64_t fingerprint),
                           void *ctx)
{
    upt_dedupe_each(p->seen, fn, ctx);
}
