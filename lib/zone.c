/* zone.c - a time zone (--tz): fixed offsets, or the system's TZif files */
#include "zone.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "banned.h"

/* TZif files above this are not time zones (the largest are ~4 KiB). */
enum { TZIF_MAX = 256 * 1024 };

static const char zoneinfo[] = "/usr/share/zoneinfo/";

struct upt_zone {
    size_t n;       /* transitions */
    int64_t *at;    /* UTC seconds at which offset[i] starts, ascending */
    int32_t *off;   /* seconds east of UTC from at[i] on */
    int32_t before; /* the offset before the first transition */
};

static struct upt_zone *fixed(int32_t off)
{
    struct upt_zone *z = calloc(1, sizeof(*z));
    if (z)
        z->before = off;
    return z;
}

/* "+02:00", "-0530", "+9": the sign, then hours and optional minutes. */
static int parse_offset(const char *s, int32_t *off)
{
    char d[5];
    size_t n = 0;
    for (const char *p = s + 1; *p; p++) {
        if (*p == ':' && n == 2 && p[1])
            continue;
        if (*p < '0' || *p > '9' || n == 4)
            return -1;
        d[n++] = *p;
    }
    int h, m = 0;
    if (n == 0)
        return -1;
    if (n <= 2) {
        h = n == 1 ? d[0] - '0' : (d[0] - '0') * 10 + d[1] - '0';
    } else {
        size_t hl = n - 2;
        h = hl == 1 ? d[0] - '0' : (d[0] - '0') * 10 + d[1] - '0';
        m = (d[hl] - '0') * 10 + d[hl + 1] - '0';
    }
    if (h > 14 || m > 59)
        return -1;
    *off = (s[0] == '-' ? -1 : 1) * (h * 3600 + m * 60);
    return 0;
}

static uint32_t be32(const unsigned char *p)
{
    return (uint32_t)p[0] << 24 | (uint32_t)p[1] << 16 | (uint32_t)p[2] << 8 |
           p[3];
}

static int64_t be64(const unsigned char *p)
{
    return (int64_t)((uint64_t)be32(p) << 32 | be32(p + 4));
}

/* RFC 8536: the version 2+ block, with 64-bit times, follows the v1 block.
 * Only transition times, their types and the types' offsets are needed. */
static int read_tzif(struct upt_zone *z, const unsigned char *d, size_t len)
{
    if (len < 44 || memcmp(d, "TZif", 4) != 0 || d[4] < '2')
        return -1;
    size_t v1 = 44 + be32(d + 32) * 5 + be32(d + 36) * 6 + be32(d + 40) +
                be32(d + 28) * 8 + be32(d + 24) + be32(d + 20);
    if (v1 + 44 > len || memcmp(d + v1, "TZif", 4) != 0)
        return -1;
    const unsigned char *h = d + v1;
    size_t leap = be32(h + 28), timecnt = be32(h + 32), typecnt = be32(h + 36);
    (void)leap;
    if (typecnt == 0 || typecnt > 256 || timecnt > 100000 ||
        v1 + 44 + timecnt * 9 + typecnt * 6 > len)
        return -1;
    const unsigned char *times = h + 44, *idx = times + timecnt * 8;
    const unsigned char *types = idx + timecnt;
    z->at = malloc((timecnt + 1) * sizeof(*z->at));
    z->off = malloc((timecnt + 1) * sizeof(*z->off));
    if (!z->at || !z->off)
        return -1;
    for (size_t i = 0; i < timecnt; i++) {
        if (idx[i] >= typecnt)
            return -1;
        z->at[i] = be64(times + 8 * i);
        z->off[i] = (int32_t)be32(types + 6 * idx[i]);
    }
    z->n = timecnt;
    z->before = (int32_t)be32(types); /* RFC 8536: type 0 comes first */
    return 0;
}

static struct upt_zone *load_file(const char *name, char *err, size_t errsize)
{
    char path[256];
    unsigned char *buf = NULL;
    struct upt_zone *z = NULL;
    snprintf(path, sizeof(path), "%s%s", zoneinfo, name);
    FILE *f = fopen(path, "rb");
    if (!f) {
        snprintf(err, errsize, "unknown time zone '%s' (%s)", name,
                 strerror(errno));
        return NULL;
    }
    buf = malloc(TZIF_MAX);
    size_t len = buf ? fread(buf, 1, TZIF_MAX, f) : 0;
    fclose(f);
    z = calloc(1, sizeof(*z));
    if (!buf || !z || read_tzif(z, buf, len) != 0) {
        snprintf(err, errsize, "'%s' is not a time zone file", path);
        upt_zone_free(z);
        z = NULL;
    }
    free(buf);
    return z;
}

struct upt_zone *upt_zone_load(const char *name, char *err, size_t errsize)
{
    int32_t off;
    if (strcmp(name, "UTC") == 0 || strcmp(name, "Z") == 0 ||
        strcmp(name, "GMT") == 0)
        return fixed(0);
    if (name[0] == '+' || name[0] == '-') {
        if (parse_offset(name, &off) != 0) {
            snprintf(err, errsize, "bad time zone offset '%s'", name);
            return NULL;
        }
        return fixed(off);
    }
    /* a name, never a path out of the database */
    if (!name[0] || name[0] == '/' || strstr(name, "..") ||
        strlen(name) > 128) {
        snprintf(err, errsize, "bad time zone name '%s'", name);
        return NULL;
    }
    return load_file(name, err, errsize);
}

void upt_zone_free(struct upt_zone *z)
{
    if (!z)
        return;
    free(z->at);
    free(z->off);
    free(z);
}

static int32_t offset_at(const struct upt_zone *z, int64_t utc)
{
    size_t lo = 0, hi = z->n;
    while (lo < hi) { /* the last transition at or before UTC */
        size_t mid = lo + (hi - lo) / 2;
        if (z->at[mid] <= utc)
            lo = mid + 1;
        else
            hi = mid;
    }
    return lo == 0 ? z->before : z->off[lo - 1];
}

int64_t upt_zone_to_utc(const struct upt_zone *z, int64_t local_ms)
{
    int64_t secs = local_ms / 1000 - (local_ms % 1000 < 0);
    int64_t ms = local_ms - secs * 1000;
    /* the offset of the instant the wall clock would be as UTC, then
     * corrected once; a wall time the clocks skipped does not map back to
     * itself, and keeps the first guess: the offset before the change */
    int64_t guess = secs - offset_at(z, secs);
    int64_t utc = secs - offset_at(z, guess);
    if (utc + offset_at(z, utc) != secs)
        utc = guess;
    return utc * 1000 + ms;
}
