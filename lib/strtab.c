/* strtab.c - interned strings in an open-addressing hash over an arena */
#include "strtab.h"

#include <stdlib.h>
#include <string.h>

#include "banned.h"

enum { ARENA_CHUNK = 64 * 1024 };

struct chunk {
    struct chunk *next;
    size_t used, size;
    char data[];
};

struct upt_strtab {
    uint32_t *slots; /* id + 1; 0 is empty */
    uint32_t *hashes;
    size_t nslots;
    char **strs;
    uint32_t *lens;
    uint32_t count, cap;
    struct chunk *arena;
};

static uint32_t hash_bytes(const char *s, size_t len)
{
    uint32_t h = 2166136261u; /* FNV-1a: short keys, no dependencies */
    for (size_t i = 0; i < len; i++) {
        h ^= (unsigned char)s[i];
        h *= 16777619u;
    }
    return h;
}

struct upt_strtab *upt_strtab_new(void)
{
    struct upt_strtab *tab = calloc(1, sizeof(*tab));
    if (!tab)
        return NULL;
    tab->nslots = 64;
    tab->slots = calloc(tab->nslots, sizeof(*tab->slots));
    if (!tab->slots) {
        free(tab);
        return NULL;
    }
    return tab;
}

void upt_strtab_free(struct upt_strtab *tab)
{
    if (!tab)
        return;
    while (tab->arena) {
        struct chunk *next = tab->arena->next;
        free(tab->arena);
        tab->arena = next;
    }
    free(tab->slots);
    free(tab->hashes);
    free(tab->strs);
    free(tab->lens);
    free(tab);
}

static size_t slot_of(const struct upt_strtab *tab, const char *s, size_t len,
                      uint32_t h)
{
    size_t mask = tab->nslots - 1, i = h & mask;
    while (tab->slots[i]) {
        uint32_t id = tab->slots[i] - 1;
        if (tab->hashes[id] == h && tab->lens[id] == len &&
            memcmp(tab->strs[id], s, len) == 0)
            return i;
        i = (i + 1) & mask;
    }
    return i;
}

uint32_t upt_strtab_find(const struct upt_strtab *tab, const char *s,
                         size_t len)
{
    size_t i = slot_of(tab, s, len, hash_bytes(s, len));
    return tab->slots[i] ? tab->slots[i] - 1 : UPT_STRTAB_NONE;
}

static int grow_slots(struct upt_strtab *tab)
{
    size_t n = tab->nslots * 2;
    uint32_t *slots = calloc(n, sizeof(*slots));
    if (!slots)
        return -1;
    for (uint32_t id = 0; id < tab->count; id++) {
        size_t i = tab->hashes[id] & (n - 1);
        while (slots[i])
            i = (i + 1) & (n - 1);
        slots[i] = id + 1;
    }
    free(tab->slots);
    tab->slots = slots;
    tab->nslots = n;
    return 0;
}

static char *arena_copy(struct upt_strtab *tab, const char *s, size_t len)
{
    struct chunk *c = tab->arena;
    if (!c || c->size - c->used < len + 1) {
        size_t size = len + 1 > ARENA_CHUNK ? len + 1 : ARENA_CHUNK;
        c = malloc(sizeof(*c) + size);
        if (!c)
            return NULL;
        c->size = size;
        c->used = 0;
        c->next = tab->arena;
        tab->arena = c;
    }
    char *p = c->data + c->used;
    memcpy(p, s, len);
    p[len] = '\0';
    c->used += len + 1;
    return p;
}

static int grow_ids(struct upt_strtab *tab)
{
    uint32_t cap = tab->cap ? tab->cap * 2 : 64;
    char **strs = realloc(tab->strs, cap * sizeof(*strs));
    if (!strs)
        return -1;
    tab->strs = strs;
    uint32_t *lens = realloc(tab->lens, cap * sizeof(*lens));
    if (!lens)
        return -1;
    tab->lens = lens;
    uint32_t *hashes = realloc(tab->hashes, cap * sizeof(*hashes));
    if (!hashes)
        return -1;
    tab->hashes = hashes;
    tab->cap = cap;
    return 0;
}

uint32_t upt_strtab_intern(struct upt_strtab *tab, const char *s, size_t len)
{
    uint32_t h = hash_bytes(s, len);
    size_t i = slot_of(tab, s, len, h);

    if (tab->slots[i])
        return tab->slots[i] - 1;
    if (len > UINT32_MAX || tab->count == UPT_STRTAB_NONE - 1)
        return UPT_STRTAB_NONE;
    if (tab->count == tab->cap && grow_ids(tab) != 0)
        return UPT_STRTAB_NONE;
    char *copy = arena_copy(tab, s, len);
    if (!copy)
        return UPT_STRTAB_NONE;
    uint32_t id = tab->count++;
    tab->strs[id] = copy;
    tab->lens[id] = (uint32_t)len;
    tab->hashes[id] = h;
    tab->slots[i] = id + 1;
    if (tab->count * 2 > tab->nslots && grow_slots(tab) != 0) {
        tab->count--; /* keep the table consistent: forget the new string */
        tab->slots[i] = 0;
        return UPT_STRTAB_NONE;
    }
    return id;
}

const char *upt_strtab_str(const struct upt_strtab *tab, uint32_t id)
{
    return id < tab->count ? tab->strs[id] : NULL;
}

uint32_t upt_strtab_count(const struct upt_strtab *tab) { return tab->count; }

size_t upt_strtab_len(const struct upt_strtab *tab, uint32_t id)
{
    return id < tab->count ? tab->lens[id] : 0;
}
