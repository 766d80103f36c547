/* state.c - a profile kept between runs, as a versioned text file */
#include "state.h"

#include <errno.h>
#include <inttypes.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>
#include <zlib.h>

#include "dedupe.h"
#include "event.h"
#include "format.h"
#include "profile.h"
#include "strtab.h"
#include "timestamp.h"

#include "banned.h"

/* The longest line a reader takes: a user line of two escaped 256-byte
 * strings, or a seen line of SEEN_PER_LINE fingerprints, fit well. */
enum { LINE_MAX_BYTES = 16384, SEEN_PER_LINE = 64 };

struct writer {
    FILE *out;
    uLong crc;
    bool failed;
};

static void put(struct writer *w, const char *s, size_t len)
{
    w->crc = crc32(w->crc, (const Bytef *)s, (uInt)len);
    if (fwrite(s, 1, len, w->out) != len)
        w->failed = true;
}

#if defined(__GNUC__)
__attribute__((format(printf, 2, 3)))
#endif
static void
putf(struct writer *w, const char *fmt, ...)
{
    char buf[1024];
    va_list ap;
    va_start(ap, fmt);
    int n = vsnprintf(buf, sizeof(buf), fmt, ap);
    va_end(ap);
    if (n < 0 || (size_t)n >= sizeof(buf)) {
        w->failed = true;
        return;
    }
    put(w, buf, (size_t)n);
}

static bool plain_byte(unsigned char c)
{
    return c > ' ' && c != '%' && c != 0x7f;
}

/* S (LEN bytes) with bytes that would split the line escaped as %HH. */
static void put_escaped(struct writer *w, const char *s, size_t len)
{
    static const char hex[] = "0123456789ABCDEF";
    char buf[3 * 256 + 4];
    size_t n = 0;
    if (len == 1 && s[0] == '-') { /* "-" is the missing name */
        put(w, "%2D", 3);
        return;
    }
    for (size_t i = 0; i < len; i++) {
        unsigned char c = (unsigned char)s[i];
        if (n + 3 > sizeof(buf)) {
            put(w, buf, n);
            n = 0;
        }
        if (plain_byte(c))
            buf[n++] = (char)c;
        else {
            buf[n++] = '%';
            buf[n++] = hex[c >> 4];
            buf[n++] = hex[c & 15];
        }
    }
    put(w, buf, n);
}

struct seen_list {
    uint64_t *fp;
    size_t n, cap;
    int32_t keep_from;
    bool nomem;
};

static void collect_seen(void *ctx, uint64_t fp)
{
    struct seen_list *l = ctx;
    if (l->nomem || (l->keep_from != UPT_STATE_KEEP_ALL &&
                     upt_dedupe_day(fp) < l->keep_from))
        return;
    if (l->n == l->cap) {
        size_t cap = l->cap ? l->cap * 2 : 4096;
        uint64_t *fp2 = realloc(l->fp, cap * sizeof(*fp2));
        if (!fp2) {
            l->nomem = true;
            return;
        }
        l->fp = fp2;
        l->cap = cap;
    }
    l->fp[l->n++] = fp;
}

static int by_day(const void *pa, const void *pb)
{
    uint64_t a = *(const uint64_t *)pa, b = *(const uint64_t *)pb;
    int32_t da = upt_dedupe_day(a), db = upt_dedupe_day(b);
    if (da != db)
        return da < db ? -1 : 1;
    return a < b ? -1 : a > b;
}

static void write_seen(struct writer *w, const struct seen_list *l)
{
    size_t i = 0;
    while (i < l->n) {
        int32_t day = upt_dedupe_day(l->fp[i]);
        putf(w, "seen %" PRId32, day);
        for (size_t k = 0;
             k < SEEN_PER_LINE && i < l->n && upt_dedupe_day(l->fp[i]) == day;
             k++, i++)
            putf(w, " %" PRIx64, l->fp[i]);
        put(w, "\n", 1);
    }
}

static void write_user(struct writer *w, const struct upt_profile *p,
                       const struct upt_profile_user *u, int32_t keep_from)
{
    uint32_t first = 0;
    if (keep_from != UPT_STATE_KEEP_ALL)
        while (first < u->ndays && u->days[first].day < keep_from)
            first++;
    if (first == u->ndays)
        return;
    put(w, "user ", 5);
    put_escaped(w, upt_profile_str(p, u->id), upt_profile_str_len(p, u->id));
    put(w, " ", 1);
    if (u->name == UPT_STRTAB_NONE)
        put(w, "-", 1);
    else
        put_escaped(w, upt_profile_str(p, u->name),
                    upt_profile_str_len(p, u->name));
    putf(w, " %" PRId64 " %" PRId64 " %d %u\n", u->first_ms, u->last_ms,
         u->service ? 1 : 0, (unsigned)u->formats);
    for (uint32_t k = first; k < u->ndays; k++) {
        const struct upt_day *d = &u->days[k];
        putf(w, "day %" PRId32 " %" PRIu32 " %" PRIu32, d->day, d->failed,
             d->session_changes);
        for (int c = 0; c < UPT_CAT_COUNT; c++)
            putf(w, " %" PRIu32, d->count[c]);
        put(w, "\n", 1);
    }
}

enum upt_status upt_state_write(const struct upt_profile *p, int32_t keep_from,
                                int32_t seen_from, FILE *out)
{
    struct writer w = {.out = out, .crc = crc32(0, NULL, 0)};
    struct seen_list seen = {.keep_from =
                                 keep_from > seen_from ? keep_from : seen_from};
    upt_profile_each_seen(p, collect_seen, &seen);
    if (seen.nomem) {
        free(seen.fp);
        return UPT_ENOMEM;
    }
    qsort(seen.fp, seen.n, sizeof(*seen.fp), by_day);

    putf(&w, "uptake-state %d\ncategories", UPT_STATE_VERSION);
    for (int c = 0; c < UPT_CAT_COUNT; c++)
        putf(&w, " %s", upt_category_name((enum upt_category)c));
    putf(&w, "\nrange %" PRId64 " %" PRId64 "\n", upt_profile_first_ms(p),
         upt_profile_last_ms(p));
    const char *const *names;
    const unsigned *coverage;
    unsigned nformats = upt_profile_formats(p, &names, &coverage);
    for (unsigned f = 0; f < nformats; f++)
        putf(&w, "format %u %s %u\n", f, names[f][0] ? names[f] : "-",
             coverage[f]);
    for (size_t i = 0; i < upt_profile_count(p); i++)
        write_user(&w, p, upt_profile_user(p, i), keep_from);
    write_seen(&w, &seen);
    free(seen.fp);
    char end[32];
    snprintf(end, sizeof(end), "end %08lx\n", (unsigned long)w.crc);
    if (fputs(end, out) == EOF || fflush(out) != 0)
        w.failed = true;
    return w.failed ? UPT_EIO : UPT_OK;
}

enum upt_status upt_state_save(const struct upt_profile *p, unsigned keep_days,
                               FILE *out)
{
    int32_t keep_from = UPT_STATE_KEEP_ALL, seen_from = UPT_STATE_KEEP_ALL;
    int64_t last = upt_profile_last_ms(p);
    if (last != INT64_MIN) {
        int64_t day = upt_timestamp_day_of(last);
        if (keep_days > 0)
            keep_from = (int32_t)(day - (int64_t)keep_days + 1);
        seen_from = (int32_t)(day - UPT_STATE_SEEN_DAYS + 1);
    }
    return upt_state_write(p, keep_from, seen_from, out);
}

/* Reading */

struct reader {
    struct upt_profile *p;
    const char *name;
    unsigned long line;
    char *err;
    size_t errsize;
    int cat_of[UPT_CAT_COUNT]; /* the state's category i is ours cat_of[i] */
    int ncats;
    unsigned slot_of[UPT_PROFILE_FORMATS]; /* the state's slot: ours */
    unsigned nslots;
    /* the user being read, with their days */
    char *id, *uname;
    size_t id_len, uname_len;
    bool have_user, have_name;
    struct upt_profile_saved user;
    struct upt_day *days;
    uint32_t ndays, days_cap;
};

#if defined(__GNUC__)
__attribute__((format(printf, 2, 3)))
#endif
static enum upt_status
bad(struct reader *r, const char *fmt, ...)
{
    char msg[256];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(msg, sizeof(msg), fmt, ap);
    va_end(ap);
    if (r->line)
        snprintf(r->err, r->errsize, "%s:%lu: %s", r->name, r->line, msg);
    else
        snprintf(r->err, r->errsize, "%s: %s", r->name, msg);
    return UPT_EBADINPUT;
}

static int hexval(char c)
{
    if (c >= '0' && c <= '9')
        return c - '0';
    if (c >= 'A' && c <= 'F')
        return c - 'A' + 10;
    if (c >= 'a' && c <= 'f')
        return c - 'a' + 10;
    return -1;
}

/* Unescapes the field S in place; its length in *LEN, or -1. */
static int unescape(char *s, size_t *len)
{
    size_t n = 0;
    for (size_t i = 0; s[i]; i++) {
        if (s[i] != '%') {
            s[n++] = s[i];
            continue;
        }
        int hi = hexval(s[i + 1]), lo = hi < 0 ? -1 : hexval(s[i + 2]);
        if (lo < 0)
            return -1;
        s[n++] = (char)(hi << 4 | lo);
        i += 2;
    }
    s[n] = '\0';
    *len = n;
    return 0;
}

/* The next space-separated field of *AT, or NULL at the end. */
static char *field(char **at)
{
    char *s = *at;
    if (!s || !*s)
        return NULL;
    char *sp = strchr(s, ' ');
    if (sp) {
        *sp = '\0';
        *at = sp + 1;
    } else
        *at = NULL;
    return s;
}

static bool to_i64(const char *s, int64_t *v)
{
    char *end;
    if (!s || !*s)
        return false;
    errno = 0;
    long long x = strtoll(s, &end, 10);
    if (*end || errno)
        return false;
    *v = x;
    return true;
}

static bool to_u32(const char *s, uint32_t *v)
{
    int64_t x;
    if (!to_i64(s, &x) || x < 0 || x > UINT32_MAX)
        return false;
    *v = (uint32_t)x;
    return true;
}

/* A mask of the state's categories as ours. */
static unsigned our_mask(const struct reader *r, unsigned mask)
{
    unsigned out = 0;
    for (int i = 0; i < r->ncats; i++)
        if (mask & (1u << i))
            out |= 1u << r->cat_of[i];
    return out;
}

static enum upt_status end_user(struct reader *r)
{
    if (!r->have_user)
        return UPT_OK;
    r->have_user = false;
    r->user.id = r->id;
    r->user.id_len = r->id_len;
    r->user.name = r->have_name ? r->uname : NULL;
    r->user.name_len = r->uname_len;
    r->user.days = r->days;
    r->user.ndays = r->ndays;
    r->ndays = 0;
    return upt_profile_restore(r->p, &r->user);
}

static enum upt_status read_categories(struct reader *r, char *rest)
{
    char *name;
    r->ncats = 0;
    while ((name = field(&rest))) {
        int c = upt_category_from_name(name);
        if (c < 0)
            return bad(r,
                       "unknown category '%.32s': written by a newer uptake?",
                       name);
        if (r->ncats == UPT_CAT_COUNT)
            return bad(r, "too many categories");
        r->cat_of[r->ncats++] = c;
    }
    return UPT_OK;
}

static enum upt_status read_format(struct reader *r, char *rest)
{
    uint32_t slot, cov;
    char *s = field(&rest), *name = field(&rest), *c = field(&rest);
    if (!to_u32(s, &slot) || !name || !to_u32(c, &cov) || rest)
        return bad(r, "malformed format line");
    if (slot != r->nslots || slot >= UPT_PROFILE_FORMATS)
        return bad(r, "format slots out of order");
    const struct upt_format *f = upt_format_find(name);
    if (!f && strcmp(name, "-") != 0)
        return bad(r, "unknown format '%.32s': written by a newer uptake?",
                   name);
    unsigned ours = upt_profile_format_slot(r->p, f ? f->name : "");
    r->slot_of[r->nslots++] = ours;
    upt_profile_add_coverage(r->p, f ? f->name : "", our_mask(r, cov));
    return UPT_OK;
}

static int keep_string(char **dst, size_t *dst_len, char *s)
{
    size_t len;
    if (unescape(s, &len) != 0)
        return -1;
    char *copy = realloc(*dst, len + 1);
    if (!copy)
        return -2;
    memcpy(copy, s, len + 1);
    *dst = copy;
    *dst_len = len;
    return 0;
}

static enum upt_status read_user(struct reader *r, char *rest)
{
    enum upt_status st = end_user(r);
    if (st != UPT_OK)
        return st;
    char *id = field(&rest), *name = field(&rest);
    char *first = field(&rest), *last = field(&rest);
    char *service = field(&rest), *formats = field(&rest);
    uint32_t fmask;
    memset(&r->user, 0, sizeof(r->user));
    if (!id || !name || !to_i64(first, &r->user.first_ms) ||
        !to_i64(last, &r->user.last_ms) || !service ||
        (strcmp(service, "0") != 0 && strcmp(service, "1") != 0) ||
        !to_u32(formats, &fmask) || rest)
        return bad(r, "malformed user line");
    int e = keep_string(&r->id, &r->id_len, id);
    if (e == 0 && strcmp(name, "-") != 0) {
        e = keep_string(&r->uname, &r->uname_len, name);
        r->have_name = true;
    } else
        r->have_name = false;
    if (e == -2)
        return UPT_ENOMEM;
    if (e != 0)
        return bad(r, "malformed escape in user line");
    if (r->id_len == 0)
        return bad(r, "empty user id");
    r->user.service = service[0] == '1';
    for (unsigned f = 0; f < UPT_PROFILE_FORMATS; f++)
        if (fmask & (1u << f)) {
            if (f >= r->nslots)
                return bad(r, "user of a format not listed");
            r->user.formats |= 1u << r->slot_of[f];
        }
    r->have_user = true;
    return UPT_OK;
}

static enum upt_status read_day(struct reader *r, char *rest)
{
    struct upt_day d;
    int64_t day;
    memset(&d, 0, sizeof(d));
    if (!r->have_user)
        return bad(r, "day line before any user");
    if (!to_i64(field(&rest), &day) || day < INT32_MIN || day > INT32_MAX ||
        !to_u32(field(&rest), &d.failed) ||
        !to_u32(field(&rest), &d.session_changes))
        return bad(r, "malformed day line");
    d.day = (int32_t)day;
    for (int i = 0; i < r->ncats; i++) {
        uint32_t n;
        if (!to_u32(field(&rest), &n))
            return bad(r, "malformed day line");
        d.count[r->cat_of[i]] += n;
    }
    if (rest)
        return bad(r, "malformed day line");
    if (r->ndays && r->days[r->ndays - 1].day >= d.day)
        return bad(r, "days out of order");
    if (r->ndays == r->days_cap) {
        uint32_t cap = r->days_cap ? r->days_cap * 2 : 32;
        struct upt_day *days = realloc(r->days, cap * sizeof(*days));
        if (!days)
            return UPT_ENOMEM;
        r->days = days;
        r->days_cap = cap;
    }
    r->days[r->ndays++] = d;
    return UPT_OK;
}

static enum upt_status read_seen(struct reader *r, char *rest)
{
    int64_t day;
    char *fp;
    if (!to_i64(field(&rest), &day))
        return bad(r, "malformed seen line");
    while ((fp = field(&rest))) {
        char *end;
        errno = 0;
        unsigned long long v = strtoull(fp, &end, 16);
        if (*end || errno || v == 0 ||
            upt_dedupe_day((uint64_t)v) != (int32_t)(day & 0xffff))
            return bad(r, "malformed seen line");
        upt_profile_restore_seen(r->p, (uint64_t)v);
    }
    return UPT_OK;
}

static enum upt_status read_line(struct reader *r, char *line, bool *seen_cats)
{
    char *rest = line;
    char *kind = field(&rest);
    if (!kind)
        return bad(r, "empty line");
    if (strcmp(kind, "categories") == 0) {
        *seen_cats = true;
        return read_categories(r, rest);
    }
    if (!*seen_cats)
        return bad(r, "no categories line");
    if (strcmp(kind, "range") == 0) {
        int64_t first, last;
        char *a = field(&rest), *b = field(&rest);
        if (!to_i64(a, &first) || !to_i64(b, &last) || rest)
            return bad(r, "malformed range line");
        upt_profile_restore_range(r->p, first, last);
        return UPT_OK;
    }
    if (strcmp(kind, "format") == 0)
        return read_format(r, rest);
    if (strcmp(kind, "user") == 0)
        return read_user(r, rest);
    if (strcmp(kind, "day") == 0)
        return read_day(r, rest);
    if (strcmp(kind, "seen") == 0) {
        enum upt_status st = end_user(r);
        return st != UPT_OK ? st : read_seen(r, rest);
    }
    return bad(r, "unknown record '%.32s'", kind);
}

enum upt_status upt_state_read(struct upt_profile *p, FILE *in,
                               const char *name, char *err, size_t errsize)
{
    struct reader r = {.p = p, .name = name, .err = err, .errsize = errsize};
    static const char magic[] = "uptake-state ";
    char *line = malloc(LINE_MAX_BYTES + 2);
    uLong crc = crc32(0, NULL, 0);
    enum upt_status st = UPT_OK;
    bool ended = false, seen_cats = false;

    if (!line)
        return UPT_ENOMEM;
    while (st == UPT_OK && fgets(line, LINE_MAX_BYTES + 2, in)) {
        size_t n = strlen(line);
        r.line++;
        if (ended) {
            st = bad(&r, "data after the end line");
            break;
        }
        if (n == 0 || line[n - 1] != '\n') {
            st = bad(&r, n > LINE_MAX_BYTES ? "line too long" : "cut short");
            break;
        }
        uLong crc_before = crc;
        crc = crc32(crc, (const Bytef *)line, (uInt)n);
        line[n - 1] = '\0';
        if (r.line == 1) {
            int64_t v;
            if (strncmp(line, magic, sizeof(magic) - 1) != 0 ||
                !to_i64(line + sizeof(magic) - 1, &v))
                st = bad(&r, "not an uptake state file");
            else if (v != UPT_STATE_VERSION)
                st = bad(&r,
                         "state format %" PRId64 "; this uptake reads "
                         "format %d",
                         v, UPT_STATE_VERSION);
        } else if (strncmp(line, "end ", 4) == 0) {
            char *end;
            unsigned long want = strtoul(line + 4, &end, 16);
            if (*end || want != crc_before)
                st = bad(&r, "does not match its checksum: edited or corrupt");
            else
                st = end_user(&r);
            ended = true;
            continue;
        } else
            st = read_line(&r, line, &seen_cats);
    }
    if (st == UPT_OK && ferror(in)) {
        snprintf(err, errsize, "%s: read error: %s", name, strerror(errno));
        st = UPT_EIO;
    }
    bool empty = r.line == 0;
    r.line = 0;
    if (st == UPT_OK && !ended)
        st = bad(&r, empty ? "empty: not an uptake state file"
                           : "cut short: no end line");
    free(line);
    free(r.id);
    free(r.uname);
    free(r.days);
    return st;
}

enum upt_status upt_state_load(struct upt_profile *p, const char *path,
                               char *err, size_t errsize)
{
    FILE *in = fopen(path, "r");
    if (!in) {
        int e = errno;
        snprintf(err, errsize, "%s: cannot read the state: %s", path,
                 strerror(e));
        return e == ENOENT ? UPT_EOF : UPT_EIO;
    }
    enum upt_status st = upt_state_read(p, in, path, err, errsize);
    fclose(in);
    return st;
}
