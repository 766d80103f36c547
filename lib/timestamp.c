/* timestamp.c - the UTC timestamp forms CRM logs use, to and from milliseconds
 */
#include "timestamp.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "banned.h"

static int digits(const char *s, size_t n, int *out)
{
    int v = 0;
    for (size_t i = 0; i < n; i++) {
        if (s[i] < '0' || s[i] > '9')
            return -1;
        v = v * 10 + (s[i] - '0');
    }
    *out = v;
    return 0;
}

/* Howard Hinnant's days_from_civil: exact for the proleptic Gregorian
 * calendar without any table or libc time zone state. */
int64_t upt_timestamp_days(int y, int m, int d)
{
    int64_t yy = y - (m <= 2);
    int64_t era = (yy >= 0 ? yy : yy - 399) / 400;
    int64_t yoe = yy - era * 400;
    int64_t doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
    int64_t doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    return era * 146097 + doe - 719468;
}

static int days_in_month(int y, int m)
{
    static const int len[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    int leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
    return m == 2 ? 28 + leap : len[m - 1];
}

struct parts {
    int y, mo, d, h, mi, s, ms;
    int offset_min;
};

/* An offset may carry 1970-01-01T00:30+01:00 out of the years read. */
static bool in_range(int64_t ms)
{
    return ms >= 0 && ms < upt_timestamp_days(10000, 1, 1) * UPT_MS_PER_DAY;
}

static int64_t to_ms(const struct parts *p)
{
    int64_t days = upt_timestamp_days(p->y, p->mo, p->d);
    int64_t secs = days * 86400 + p->h * 3600 + p->mi * 60 + p->s -
                   (int64_t)p->offset_min * 60;
    return secs * 1000 + p->ms;
}

static int valid(const struct parts *p)
{
    return p->y >= 1970 && p->y <= 9999 && p->mo >= 1 && p->mo <= 12 &&
           p->d >= 1 && p->d <= days_in_month(p->y, p->mo) && p->h <= 23 &&
           p->mi <= 59 && p->s <= 60; /* 60: a leap second, as ISO allows */
}

/* Reads an optional fraction ".f…" at S: keeps milliseconds, skips the
 * rest (Purview writes seven digits). Returns the bytes consumed. */
static size_t fraction(const char *s, size_t len, int *ms, int max_digits)
{
    size_t i = 1;
    int v = 0, n = 0;
    if (len == 0 || (s[0] != '.' && s[0] != ','))
        return 0;
    while (i < len && s[i] >= '0' && s[i] <= '9' && n < max_digits) {
        if (n < 3)
            v = v * 10 + (s[i] - '0');
        n++;
        i++;
    }
    if (n == 0)
        return 0;
    for (; n < 3; n++)
        v *= 10;
    *ms = v;
    return i;
}

static int parse_compact(const char *s, size_t len, struct parts *p)
{
    if (len < 14 || digits(s, 4, &p->y) || digits(s + 4, 2, &p->mo) ||
        digits(s + 6, 2, &p->d) || digits(s + 8, 2, &p->h) ||
        digits(s + 10, 2, &p->mi) || digits(s + 12, 2, &p->s))
        return -1;
    return fraction(s + 14, len - 14, &p->ms, 3) == len - 14 ? 0 : -1;
}

static int parse_zone(const char *s, size_t len, struct parts *p)
{
    int hh, mm;
    if (len == 0 || (len == 1 && (s[0] == 'Z' || s[0] == 'z')))
        return 0;
    if (s[0] != '+' && s[0] != '-')
        return -1;
    if (len == 6 && s[3] == ':' && !digits(s + 1, 2, &hh) &&
        !digits(s + 4, 2, &mm))
        ;
    else if (len == 5 && !digits(s + 1, 2, &hh) && !digits(s + 3, 2, &mm))
        ;
    else if (len == 3 && !digits(s + 1, 2, &hh))
        mm = 0;
    else
        return -1;
    if (hh > 23 || mm > 59)
        return -1;
    p->offset_min = (s[0] == '-' ? -1 : 1) * (hh * 60 + mm);
    return 0;
}

static int parse_iso(const char *s, size_t len, struct parts *p)
{
    if (len < 10 || s[4] != '-' || s[7] != '-' || digits(s, 4, &p->y) ||
        digits(s + 5, 2, &p->mo) || digits(s + 8, 2, &p->d))
        return -1;
    if (len == 10)
        return 0;
    if ((s[10] != 'T' && s[10] != 't' && s[10] != ' ') || len < 19 ||
        s[13] != ':' || s[16] != ':' || digits(s + 11, 2, &p->h) ||
        digits(s + 14, 2, &p->mi) || digits(s + 17, 2, &p->s))
        return -1;
    size_t i = 19;
    i += fraction(s + i, len - i, &p->ms, 9);
    return parse_zone(s + i, len - i, p);
}

int upt_timestamp_parse(const char *s, size_t len, int64_t *ms)
{
    struct parts p = {0};

    while (len > 0 && (s[len - 1] == ' ' || s[len - 1] == '\t'))
        len--; /* Purview writes a trailing space */
    if (len >= 5 && s[4] == '-') {
        if (parse_iso(s, len, &p) != 0)
            return -1;
    } else if (parse_compact(s, len, &p) != 0) {
        return -1;
    }
    if (!valid(&p))
        return -1;
    int64_t t = to_ms(&p);
    if (!in_range(t))
        return -1;
    *ms = t;
    return 0;
}

int64_t upt_timestamp_day_of(int64_t ms)
{
    int64_t day = ms / UPT_MS_PER_DAY;
    return ms % UPT_MS_PER_DAY < 0 ? day - 1 : day;
}

static void civil(int64_t z, int *y, int *m, int *d)
{
    z += 719468;
    int64_t era = (z >= 0 ? z : z - 146096) / 146097;
    int64_t doe = z - era * 146097;
    int64_t yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
    int64_t doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    int64_t mp = (5 * doy + 2) / 153;
    *d = (int)(doy - (153 * mp + 2) / 5 + 1);
    *m = (int)(mp < 10 ? mp + 3 : mp - 9);
    *y = (int)(yoe + era * 400 + (*m <= 2));
}

void upt_timestamp_civil(int64_t day, int *y, int *m, int *d)
{
    civil(day, y, m, d);
}

void upt_timestamp_format(int64_t ms, char *out, size_t size)
{
    int64_t day = upt_timestamp_day_of(ms);
    int64_t rest = ms - day * UPT_MS_PER_DAY;
    int y, m, d;
    civil(day, &y, &m, &d);
    snprintf(out, size, "%04d-%02d-%02dT%02d:%02d:%02d.%03dZ", y, m, d,
             (int)(rest / 3600000), (int)(rest / 60000 % 60),
             (int)(rest / 1000 % 60), (int)(rest % 1000));
}

void upt_timestamp_format_day(int64_t day, char *out, size_t size)
{
    int y, m, d;
    civil(day, &y, &m, &d);
    snprintf(out, size, "%04d-%02d-%02d", y, m, d);
}

int upt_timestamp_parse_span(const char *s, int *days)
{
    char *end;
    long n;
    if (!s || s[0] < '0' || s[0] > '9')
        return -1;
    errno = 0;
    n = strtol(s, &end, 10);
    if (errno || n > 3660)
        return -1;
    if (*end == 'w' && end[1] == '\0')
        n *= 7;
    else if (!(*end == '\0' || (*end == 'd' && end[1] == '\0')))
        return -1;
    if (n < 1 || n > 3660)
        return -1;
    *days = (int)n;
    return 0;
}

/* Zone abbreviations seen in locale downloads; the ambiguous ones (IST,
 * CST of China) are left out rather than guessed. */
static const struct {
    const char *name;
    int minutes;
} abbrevs[] = {
    {"UTC", 0},    {"GMT", 0},     {"Z", 0},       {"PST", -480}, {"PDT", -420},
    {"MST", -420}, {"MDT", -360},  {"CST", -360},  {"CDT", -300}, {"EST", -300},
    {"EDT", -240}, {"AKST", -540}, {"AKDT", -480}, {"HST", -600}, {"WET", 0},
    {"WEST", 60},  {"BST", 60},    {"CET", 60},    {"CEST", 120}, {"EET", 120},
    {"EEST", 180}, {"JST", 540},   {"AEST", 600},  {"AEDT", 660},
};

/* Reads 1 to MAX digits at *P; -1 when there is none. */
static int number(const char **p, const char *end, int max)
{
    int v = 0, n = 0;
    while (*p < end && **p >= '0' && **p <= '9' && n < max) {
        v = v * 10 + (**p - '0');
        (*p)++;
        n++;
    }
    return n ? v : -1;
}

static void skip_spaces(const char **p, const char *end)
{
    while (*p < end && (**p == ' ' || **p == ','))
        (*p)++;
}

static int word_is(const char *p, const char *end, const char *w)
{
    size_t n = strlen(w);
    if ((size_t)(end - p) < n)
        return 0;
    for (size_t i = 0; i < n; i++)
        if ((p[i] | 0x20) != (w[i] | 0x20))
            return 0;
    return 1;
}

/* The clock part: "h:mm[:ss[.fff]] [AM|PM]". */
static int locale_clock(const char **p, const char *end, struct parts *t)
{
    if (*p == end)
        return 0;
    if ((t->h = number(p, end, 2)) < 0 || *p == end || **p != ':')
        return -1;
    (*p)++;
    if ((t->mi = number(p, end, 2)) < 0)
        return -1;
    if (*p < end && **p == ':') {
        (*p)++;
        if ((t->s = number(p, end, 2)) < 0)
            return -1;
        *p += fraction(*p, (size_t)(end - *p), &t->ms, 9);
    }
    skip_spaces(p, end);
    int pm = word_is(*p, end, "PM"), am = word_is(*p, end, "AM");
    if (pm || am) {
        if (t->h < 1 || t->h > 12)
            return -1;
        t->h = (t->h % 12) + (pm ? 12 : 0);
        *p += 2;
        skip_spaces(p, end);
    }
    return 0;
}

/* The zone after a locale form, if any: sets *LOCAL when there is none. */
static int locale_zone(const char *p, const char *end, struct parts *t,
                       bool *local)
{
    *local = p == end;
    if (p == end)
        return 0;
    if (*p == '+' || *p == '-')
        return parse_zone(p, (size_t)(end - p), t);
    for (size_t i = 0; i < sizeof(abbrevs) / sizeof(abbrevs[0]); i++)
        if ((size_t)(end - p) == strlen(abbrevs[i].name) &&
            word_is(p, end, abbrevs[i].name)) {
            t->offset_min = abbrevs[i].minutes;
            return 0;
        }
    return -1;
}

int upt_timestamp_parse_local(const char *s, size_t len, int64_t *ms,
                              bool *local)
{
    struct parts t = {0};
    const char *p = s, *end = s + len;
    int a, b;

    while (end > p && (end[-1] == ' ' || end[-1] == '\t'))
        end--;
    if (upt_timestamp_parse(s, (size_t)(end - s), ms) == 0) {
        *local = false;
        return 0;
    }
    if ((a = number(&p, end, 2)) < 0 || p == end ||
        (*p != '/' && *p != '.' && *p != '-'))
        return -1;
    char sep = *p++;
    if ((b = number(&p, end, 2)) < 0 || p == end || *p++ != sep ||
        (end - p) < 4 || number(&p, end, 4) < 0)
        return -1;
    t.y = 0;
    for (const char *q = p - 4; q < p; q++)
        t.y = t.y * 10 + (*q - '0');
    /* dots are D.M.Y; with slashes the first number is the month unless
     * it cannot be (en-US is Salesforce's and Microsoft's default) */
    bool day_first = sep == '.' || a > 12;
    t.d = day_first ? a : b;
    t.mo = day_first ? b : a;
    skip_spaces(&p, end);
    if (locale_clock(&p, end, &t) != 0 || locale_zone(p, end, &t, local) != 0)
        return -1;
    if (!valid(&t) || !in_range(to_ms(&t)))
        return -1;
    *ms = to_ms(&t);
    return 0;
}
