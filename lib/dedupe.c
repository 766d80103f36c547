/* dedupe.c - events given twice counted once: a striped set of fingerprints */
#include "dedupe.h"

#include <pthread.h>
#include <stdlib.h>
#include <string.h>

#include "banned.h"

/* Readers on several threads share one set: a fingerprint's high bits pick
 * one of STRIPES tables, each with its own lock, so they rarely wait. */
enum { STRIPES = 16, STRIPE_MAX = UPT_DEDUPE_MAX / STRIPES };

struct stripe {
    pthread_mutex_t mu;
    uint64_t *slot; /* 0 is empty: fingerprints are never 0 */
    size_t nslots, count;
    uint64_t duplicates;
    bool full;
};

struct upt_dedupe {
    struct stripe stripe[STRIPES];
};

struct upt_dedupe *upt_dedupe_new(void)
{
    struct upt_dedupe *d = calloc(1, sizeof(*d));
    if (!d)
        return NULL;
    for (int i = 0; i < STRIPES; i++) {
        struct stripe *s = &d->stripe[i];
        pthread_mutex_init(&s->mu, NULL);
        s->nslots = 64;
        s->slot = calloc(s->nslots, sizeof(*s->slot));
        if (!s->slot) {
            upt_dedupe_free(d);
            return NULL;
        }
    }
    return d;
}

void upt_dedupe_free(struct upt_dedupe *d)
{
    if (!d)
        return;
    for (int i = 0; i < STRIPES; i++) {
        free(d->stripe[i].slot);
        pthread_mutex_destroy(&d->stripe[i].mu);
    }
    free(d);
}

/* Each field is mixed in eight bytes at a time, its length closing it so
 * that ("ab","c") and ("a","bc") differ; splitmix64's finaliser then
 * spreads the bits the tables' masks keep. */
static uint64_t mix(uint64_t h, uint64_t v)
{
    h = (h ^ v) * 0x9e3779b97f4a7c15ull;
    return h ^ (h >> 29);
}

static uint64_t add(uint64_t h, const char *s, size_t len)
{
    size_t i = 0;
    uint64_t v;
    for (; i + 8 <= len; i += 8) {
        memcpy(&v, s + i, 8);
        h = mix(h, v);
    }
    v = 0;
    memcpy(&v, s + i, len - i);
    return mix(mix(h, v), len);
}

static uint64_t add_str(uint64_t h, const char *s)
{
    return add(h, s ? s : "", s ? strlen(s) : 0);
}

uint64_t upt_dedupe_fingerprint(const struct upt_event *ev)
{
    uint64_t h = mix(0xcbf29ce484222325ull, (uint64_t)ev->time_ms);
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
    /* the day goes where neither the stripe (top bits) nor the table
     * slot (low bits) is chosen */
    int64_t day = ev->time_ms / 86400000;
    if (ev->time_ms % 86400000 < 0)
        day--;
    h &= ~(0xffffull << UPT_DEDUPE_DAY_SHIFT);
    h |= ((uint64_t)day & 0xffff) << UPT_DEDUPE_DAY_SHIFT;
    return h ? h : 1;
}

void upt_dedupe_each(const struct upt_dedupe *d,
                     void (*fn)(void *ctx, uint64_t fingerprint), void *ctx)
{
    for (int i = 0; i < STRIPES; i++)
        for (size_t k = 0; k < d->stripe[i].nslots; k++)
            if (d->stripe[i].slot[k])
                fn(ctx, d->stripe[i].slot[k]);
}

static int grow(struct stripe *s)
{
    size_t n = s->nslots * 2;
    uint64_t *slot = calloc(n, sizeof(*slot));
    if (!slot)
        return -1;
    for (size_t i = 0; i < s->nslots; i++) {
        if (!s->slot[i])
            continue;
        size_t j = s->slot[i] & (n - 1);
        while (slot[j])
            j = (j + 1) & (n - 1);
        slot[j] = s->slot[i];
    }
    free(s->slot);
    s->slot = slot;
    s->nslots = n;
    return 0;
}

static bool seen_locked(struct stripe *s, uint64_t fp)
{
    size_t mask = s->nslots - 1, i = fp & mask;
    while (s->slot[i]) {
        if (s->slot[i] == fp) {
            s->duplicates++;
            return true;
        }
        i = (i + 1) & mask;
    }
    if (s->full || s->count >= STRIPE_MAX) {
        s->full = true;
        return false;
    }
    s->slot[i] = fp;
    s->count++;
    if (s->count * 2 > s->nslots && grow(s) != 0)
        s->full = true; /* keep what fits; the table stays consistent */
    return false;
}

bool upt_dedupe_seen(struct upt_dedupe *d, uint64_t fp)
{
    fp = fp ? fp : 1;
    struct stripe *s = &d->stripe[fp >> 60];
    pthread_mutex_lock(&s->mu);
    bool seen = seen_locked(s, fp);
    pthread_mutex_unlock(&s->mu);
    return seen;
}

uint64_t upt_dedupe_duplicates(const struct upt_dedupe *d)
{
    uint64_t n = 0;
    for (int i = 0; i < STRIPES; i++)
        n += d->stripe[i].duplicates;
    return n;
}

bool upt_dedupe_full(const struct upt_dedupe *d)
{
    for (int i = 0; i < STRIPES; i++)
        if (d->stripe[i].full)
            return true;
    return false;
}
