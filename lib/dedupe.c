/* dedupe.c - events given twice counted once: an open-addressing set of
 * fingerprints */
#include "dedupe.h"

#include <stdlib.h>
#include <string.h>

#include "banned.h"

struct upt_dedupe {
    uint64_t *slot; /* 0 is empty: fingerprints are never 0 */
    size_t nslots, count;
    uint64_t duplicates;
    bool full;
};

struct upt_dedupe *upt_dedupe_new(void)
{
    struct upt_dedupe *d = calloc(1, sizeof(*d));
    if (!d)
        return NULL;
    d->nslots = 1024;
    d->slot = calloc(d->nslots, sizeof(*d->slot));
    if (!d->slot) {
        free(d);
        return NULL;
    }
    return d;
}

void upt_dedupe_free(struct upt_dedupe *d)
{
    if (!d)
        return;
    free(d->slot);
    free(d);
}

/* FNV-1a over each field, a separator between them so that ("ab","c")
 * and ("a","bc") differ, then a final mix (splitmix64's) to spread the
 * bits the table's mask keeps. */
static uint64_t add(uint64_t h, const char *s, size_t len)
{
    for (size_t i = 0; i < len; i++) {
        h ^= (unsigned char)s[i];
        h *= 0x100000001b3ull;
    }
    h ^= 0xff;
    return h * 0x100000001b3ull;
}

static uint64_t add_str(uint64_t h, const char *s)
{
    return add(h, s ? s : "", s ? strlen(s) : 0);
}

uint64_t upt_dedupe_fingerprint(const struct upt_event *ev)
{
    uint64_t h = 0xcbf29ce484222325ull;
    h = add(h, (const char *)&ev->time_ms, sizeof(ev->time_ms));
    h = add(h, ev->user, ev->user_len);
    h = add_str(h, ev->type);
    h = add_str(h, ev->detail);
    h = add_str(h, ev->object);
    h = add_str(h, ev->session);
    h = add_str(h, ev->key);
    h ^= h >> 30;
    h *= 0xbf58476d1ce4e5b9ull;
    h ^= h >> 27;
    h *= 0x94d049bb133111ebull;
    h ^= h >> 31;
    return h ? h : 1;
}

static int grow(struct upt_dedupe *d)
{
    size_t n = d->nslots * 2;
    uint64_t *slot = calloc(n, sizeof(*slot));
    if (!slot)
        return -1;
    for (size_t i = 0; i < d->nslots; i++) {
        if (!d->slot[i])
            continue;
        size_t j = d->slot[i] & (n - 1);
        while (slot[j])
            j = (j + 1) & (n - 1);
        slot[j] = d->slot[i];
    }
    free(d->slot);
    d->slot = slot;
    d->nslots = n;
    return 0;
}

bool upt_dedupe_seen(struct upt_dedupe *d, uint64_t fp)
{
    size_t mask = d->nslots - 1, i = fp & mask;
    fp = fp ? fp : 1;
    while (d->slot[i]) {
        if (d->slot[i] == fp) {
            d->duplicates++;
            return true;
        }
        i = (i + 1) & mask;
    }
    if (d->full || d->count >= UPT_DEDUPE_MAX) {
        d->full = true;
        return false;
    }
    d->slot[i] = fp;
    d->count++;
    if (d->count * 2 > d->nslots && grow(d) != 0)
        d->full = true; /* keep what fits; the table stays consistent */
    return false;
}

uint64_t upt_dedupe_duplicates(const struct upt_dedupe *d)
{
    return d->duplicates;
}

bool upt_dedupe_full(const struct upt_dedupe *d) { return d->full; }
