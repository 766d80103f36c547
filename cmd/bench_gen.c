/* bench_gen.c - a synthetic Salesforce Event Monitoring log for `make bench`
 *
 * Usage: bench_gen [MB [USERS [DAYS [SEED [DIR]]]]]
 *
 * Writes about MB MiB (default 64) of event log file CSV for an org of USERS
 * users (default 5000) over DAYS days (default 30) from 2025-09-01 UTC on,
 * the same bytes for the same arguments (own xorshift64* PRNG, fixed seed,
 * default 1). Each day has one block per event type, as Salesforce delivers
 * one file per event type and day: the file's header line, then its rows in
 * time order, every field quoted, columns in the order of a real export
 * (shared/formats.md appendix B).
 *
 * Without DIR the blocks go to stdout, day after day, every type's header
 * repeated (all the daily files of all types concatenated). With DIR they go
 * to DIR/<EVENT_TYPE>.csv, one file per type holding that type's daily
 * files concatenated (its header repeated each day); DIR must exist.
 *
 * The org: human users with a skewed activity (a few power users, a long
 * tail), some who only log in, some who never show up, a few admins, a few
 * API integration users, some mobile users, some whose logins fail, some
 * who join or leave during the period; less activity on weekends and at
 * night. The last line on stderr is "rows=N bytes=N users=N headers=N".
 *
 * Standalone C11, libc only: cc -O2 -std=c11 -o bench_gen bench_gen.c
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* ---- PRNG: xorshift64*, seeded through splitmix64 ---------------------- */

static uint64_t rng_state;

static uint64_t mix64(uint64_t x)
{
    x += 0x9E3779B97F4A7C15ull;
    x = (x ^ (x >> 30)) * 0xBF58476D1CE4E5B9ull;
    x = (x ^ (x >> 27)) * 0x94D049BB133111EBull;
    return x ^ (x >> 31);
}

static uint64_t rnd(void)
{
    uint64_t x = rng_state;
    x ^= x >> 12;
    x ^= x << 25;
    x ^= x >> 27;
    rng_state = x;
    return x * 0x2545F4914F6CDD1Dull;
}

/* uniform in [0, n) */
static uint32_t below(uint32_t n)
{
    return (uint32_t)(((rnd() >> 32) * (uint64_t)n) >> 32);
}

static double unit(void)
{
    return (double)(rnd() >> 11) * (1.0 / 9007199254740992.0);
}

/* true with probability pct/1000 */
static int chance(unsigned permille) { return below(1000) < permille; }

/* index into a table of integer weights */
static unsigned weighted(const unsigned *w, unsigned n)
{
    unsigned total = 0, i;
    for (i = 0; i < n; i++)
        total += w[i];
    unsigned r = below(total);
    for (i = 0; i < n; i++) {
        if (r < w[i])
            return i;
        r -= w[i];
    }
    return n - 1;
}

#define N(a) (sizeof(a) / sizeof((a)[0]))
#define PICK(a) ((a)[below((uint32_t)N(a))])

/* ---- output ------------------------------------------------------------ */

enum { OUT_CAP = 1 << 20, ROW_MAX = 16384 };

struct out {
    FILE *f;
    const char *path;
    char *buf;
    size_t n;
};

static char *w; /* write cursor in the current row */
static struct out *cur;
static uint64_t total_bytes, total_rows, total_headers;

static void die(const char *what, const char *path)
{
    fprintf(stderr, "bench_gen: %s%s%s\n", what, path ? ": " : "",
            path ? path : "");
    exit(1);
}

static void flush(struct out *o)
{
    if (o->n && fwrite(o->buf, 1, o->n, o->f) != o->n)
        die("write error", o->path);
    o->n = 0;
}

static void begin(struct out *o)
{
    if (o->n + ROW_MAX > OUT_CAP)
        flush(o);
    cur = o;
    w = o->buf + o->n;
}

static void end(void)
{
    w[-1] = '\n'; /* the last field's comma */
    size_t len = (size_t)(w - (cur->buf + cur->n));
    total_bytes += len;
    cur->n += len;
}

static void put(const char *s)
{
    while (*s)
        *w++ = *s++;
}

static void putn(const char *s, size_t n)
{
    memcpy(w, s, n);
    w += n;
}

static void putu(uint64_t v)
{
    char tmp[24];
    int i = 0;
    do {
        tmp[i++] = (char)('0' + v % 10);
        v /= 10;
    } while (v);
    while (i)
        *w++ = tmp[--i];
}

/* Fields: each writes "value", and end() turns the last comma into \n. */
static void F(const char *s)
{
    *w++ = '"';
    put(s);
    *w++ = '"';
    *w++ = ',';
}

static void FE(void) { put("\"\","); }

static void FU(uint64_t v)
{
    *w++ = '"';
    putu(v);
    *w++ = '"';
    *w++ = ',';
}

/* a value holding quotes: CSV doubles them */
static void FQ(const char *s)
{
    *w++ = '"';
    for (; *s; s++) {
        if (*s == '"')
            *w++ = '"';
        *w++ = *s;
    }
    *w++ = '"';
    *w++ = ',';
}

/* a value Salesforce wraps in its own quotes ("""x""" in the file) */
static void FQQ(const char *s)
{
    put("\"\"\"");
    put(s);
    put("\"\"\",");
}

/* ---- ids, keys, addresses ---------------------------------------------- */

static const char b62[] =
    "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";

/* a 15-char Salesforce id: 3-char key prefix, pod "5g0000", 6 base62 */
static void make_id(char *id, const char *prefix, uint64_t n)
{
    memcpy(id, prefix, 3);
    memcpy(id + 3, "5g0000", 6);
    for (int i = 14; i >= 9; i--) {
        id[i] = b62[n % 62];
        n /= 62;
    }
    id[15] = '\0';
}

/* the 18-char form: a case-encoding suffix of three chars */
static void make_id18(char *id18, const char *id15)
{
    static const char suffix[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZ012345";
    memcpy(id18, id15, 15);
    for (int c = 0; c < 3; c++) {
        unsigned bits = 0;
        for (int j = 0; j < 5; j++) {
            char ch = id15[c * 5 + j];
            if (ch >= 'A' && ch <= 'Z')
                bits |= 1u << j;
        }
        id18[15 + c] = suffix[bits];
    }
    id18[18] = '\0';
}

enum { ID_SPACE = 56800235 }; /* 62^6 - 1 is 56800235583; keep ids tidy */

/* a record of a pool: popular records come up more often */
static uint64_t pick_record(uint32_t pool)
{
    uint32_t a = below(pool), b = below(pool);
    return (a < b ? a : b) * 7919ull % ID_SPACE; /* skewed to low numbers */
}

static void FID(const char *prefix, uint64_t n)
{
    char id[16];
    make_id(id, prefix, n);
    F(id);
}

static void FID18(const char *prefix, uint64_t n)
{
    char id[16], id18[19];
    make_id(id, prefix, n);
    make_id18(id18, id);
    F(id18);
}

static void putkey(uint64_t seed, int len)
{
    uint64_t h = seed;
    for (int i = 0; i < len; i++) {
        if (i % 10 == 0 && i)
            h = seed = mix64(seed + (uint64_t)i);
        *w++ = b62[h % 62];
        h /= 62;
    }
}

static void FKEY(uint64_t h, int len)
{
    *w++ = '"';
    putkey(h, len);
    *w++ = '"';
    *w++ = ',';
}

/* REQUEST_ID: 22 base62 chars, sometimes the TID: form */
static void FRID(void)
{
    *w++ = '"';
    if (below(20) == 0) {
        put("TID:");
        static const char hex[] = "0123456789abcdef";
        uint64_t h = rnd();
        for (int i = 0; i < 18; i++, h >>= 4)
            *w++ = hex[h & 15];
    } else {
        putkey(rnd(), 22);
    }
    *w++ = '"';
    *w++ = ',';
}

static void FUUID(uint64_t h)
{
    static const char hex[] = "0123456789abcdef";
    uint64_t a = mix64(h), b = mix64(h ^ 0x5555);
    *w++ = '"';
    for (int i = 0; i < 32; i++) {
        if (i == 8 || i == 12 || i == 16 || i == 20)
            *w++ = '-';
        uint64_t *x = i < 16 ? &a : &b;
        *w++ = hex[*x & 15];
        *x >>= 4;
    }
    *w++ = '"';
    *w++ = ',';
}

static void putip(uint32_t ip)
{
    putu(ip >> 24);
    *w++ = '.';
    putu((ip >> 16) & 255);
    *w++ = '.';
    putu((ip >> 8) & 255);
    *w++ = '.';
    putu(ip & 255);
}

static void FIP(uint32_t ip)
{
    *w++ = '"';
    putip(ip);
    *w++ = '"';
    *w++ = ',';
}

/* ---- time -------------------------------------------------------------- */

static int64_t days_from_civil(int y, unsigned m, unsigned d)
{
    y -= m <= 2;
    const int64_t era = (y >= 0 ? y : y - 399) / 400;
    const unsigned yoe = (unsigned)(y - era * 400);
    const unsigned doy = (153 * (m > 2 ? m - 3 : m + 9) + 2) / 5 + d - 1;
    const unsigned doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    return era * 146097 + (int64_t)doe - 719468;
}

static void civil_from_days(int64_t z, int *y, unsigned *m, unsigned *d)
{
    z += 719468;
    const int64_t era = (z >= 0 ? z : z - 146096) / 146097;
    const unsigned doe = (unsigned)(z - era * 146097);
    const unsigned yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
    const unsigned doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    const unsigned mp = (5 * doy + 2) / 153;
    *d = doy - (153 * mp + 2) / 5 + 1;
    *m = mp < 10 ? mp + 3 : mp - 9;
    *y = (int)(yoe + era * 400 + (*m <= 2));
}

static int64_t start_day; /* days since 1970 of the first day */
static char ymd[32], ymd_iso[32];
static int day_index;

static void set_day(int d)
{
    int y;
    unsigned m, dd;
    day_index = d;
    civil_from_days(start_day + d, &y, &m, &dd);
    snprintf(ymd, sizeof(ymd), "%04d%02u%02u", y, m, dd);
    snprintf(ymd_iso, sizeof(ymd_iso), "%04d-%02u-%02u", y, m, dd);
}

static void put2(unsigned v)
{
    *w++ = (char)('0' + v / 10);
    *w++ = (char)('0' + v % 10);
}

/* TIMESTAMP: yyyyMMddHHmmss.SSS, trailing zeros of the fraction dropped as
 * in real files (20211019050707.13) */
static void FTS(uint32_t ms)
{
    unsigned s = ms / 1000, f = ms % 1000;
    *w++ = '"';
    putn(ymd, 8);
    put2(s / 3600);
    put2(s / 60 % 60);
    put2(s % 60);
    if (f) {
        *w++ = '.';
        *w++ = (char)('0' + f / 100);
        if (f % 100) {
            *w++ = (char)('0' + f / 10 % 10);
            if (f % 10)
                *w++ = (char)('0' + f % 10);
        }
    }
    *w++ = '"';
    *w++ = ',';
}

/* TIMESTAMP_DERIVED: 2025-09-01T09:30:12.345Z */
static void FTSD(uint32_t ms)
{
    unsigned s = ms / 1000, f = ms % 1000;
    *w++ = '"';
    putn(ymd_iso, 10);
    *w++ = 'T';
    put2(s / 3600);
    *w++ = ':';
    put2(s / 60 % 60);
    *w++ = ':';
    put2(s % 60);
    *w++ = '.';
    *w++ = (char)('0' + f / 100);
    put2(f % 100);
    put("Z\",");
}

static uint64_t epoch_ms(uint32_t ms)
{
    return (uint64_t)(start_day + day_index) * 86400000ull + ms;
}

/* ---- the org ----------------------------------------------------------- */

static const char ORG[] = "00D5g000004Zx9A";
static const char HOST[] = "https://acme.my.salesforce.com";
static const char LHOST[] = "https://acme.lightning.force.com";

enum kind { HUMAN, ADMIN, INTEGRATION, LOGIN_ONLY, INACTIVE };

struct user {
    char id[16], id18[19];
    uint32_t ip;
    uint16_t first_day, last_day; /* active range */
    uint8_t kind, desk, mob, pad;
    uint8_t locked;     /* most logins fail */
    uint8_t frustrated; /* many Lightning errors */
    uint8_t classic;    /* a Classic UI holdout */
    float weight;
    uint32_t index;
};

static struct user *users;
static uint32_t nusers;

struct device {
    const char *platform, *sdk_app_ver, *os, *os_ver, *ua, *browser,
        *browser_ver, *sdk_ver, *model, *sdk_type, *conn, *login_ua;
};

static const struct device desktops[] = {
    {"SFX:BROWSER:DESKTOP", "", "WINDOWS", "10",
     "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, "
     "like Gecko) Chrome/124.0.0.0 Safari/537.36",
     "CHROME", "124", "", "", "", "", "Chrome 124"},
    {"SFX:BROWSER:DESKTOP", "", "WINDOWS", "10",
     "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, "
     "like Gecko) Chrome/124.0.0.0 Safari/537.36 Edg/124.0.2478.80",
     "EDGE", "124", "", "", "", "", "Edge 124"},
    {"SFX:BROWSER:DESKTOP", "", "OSX", "10.15.7",
     "Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/537.36 "
     "(KHTML, like Gecko) Chrome/124.0.0.0 Safari/537.36",
     "CHROME", "124", "", "", "", "", "Chrome 124"},
    {"SFX:BROWSER:DESKTOP", "", "OSX", "10.15.7",
     "Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/605.1.15 "
     "(KHTML, like Gecko) Version/17.4.1 Safari/605.1.15",
     "SAFARI", "17", "", "", "", "", "Safari 17"},
    {"SFX:BROWSER:DESKTOP", "", "WINDOWS", "11",
     "Mozilla/5.0 (Windows NT 10.0; Win64; x64; rv:125.0) Gecko/20100101 "
     "Firefox/125.0",
     "FIREFOX", "125", "", "", "", "", "Firefox 125"},
};
static const unsigned desktop_w[] = {48, 22, 16, 8, 6};

static const struct device mobiles[] = {
    {"S1:HYBRID:PHONE", "248.010.0", "IOS", "17.4",
     "Mozilla/5.0 (iPhone; CPU iPhone OS 17_4 like Mac OS X) "
     "AppleWebKit/605.1.15 (KHTML, like Gecko) Mobile/15E148 "
     "SalesforceMobileSDK/12.0.1 iOS/17.4 (iPhone) Salesforce1/248.010.0 "
     "Hybrid",
     "SAFARI", "17", "12.0.1", "iPhone15,2", "HYBRID", "WIFI",
     "SalesforceMobileSDK/12.0.1 iOS/17.4 (iPhone) Salesforce1/248.010.0"},
    {"S1:HYBRID:PHONE", "248.010.0", "ANDROID", "14",
     "Mozilla/5.0 (Linux; Android 14; Pixel 8) AppleWebKit/537.36 (KHTML, "
     "like Gecko) Version/4.0 Chrome/124.0.6367.82 Mobile Safari/537.36 "
     "SalesforceMobileSDK/12.0.1 android mobile/14 (Pixel 8) "
     "Salesforce1/248.010.0 Hybrid",
     "CHROME", "124", "12.0.1", "Pixel 8", "HYBRID", "LTE",
     "SalesforceMobileSDK/12.0.1 android mobile/14 (Pixel 8) "
     "Salesforce1/248.010.0"},
    {"S1:HYBRID:TABLET", "248.010.0", "IOS", "17.4",
     "Mozilla/5.0 (iPad; CPU OS 17_4 like Mac OS X) AppleWebKit/605.1.15 "
     "(KHTML, like Gecko) Mobile/15E148 SalesforceMobileSDK/12.0.1 iOS/17.4 "
     "(iPad) Salesforce1/248.010.0 Hybrid",
     "SAFARI", "17", "12.0.1", "iPad13,18", "HYBRID", "WIFI",
     "SalesforceMobileSDK/12.0.1 iOS/17.4 (iPad) Salesforce1/248.010.0"},
};

static const char *const firsts[] = {
    "maria",   "james", "li",    "fatima", "john",   "anna", "david",  "sofia",
    "michael", "emma",  "wei",   "olivia", "daniel", "amir", "laura",  "pedro",
    "chen",    "sarah", "ahmed", "julia",  "robert", "nina", "thomas", "yuki",
    "carlos",  "elena", "peter", "aisha",  "mark",   "ines", "paul",   "hana"};
static const char *const lasts[] = {
    "garcia", "smith",   "wang",   "khan",    "johnson",  "mueller", "brown",
    "rossi",  "martin",  "silva",  "nguyen",  "kowalski", "lopez",   "tanaka",
    "dubois", "jensen",  "patel",  "kim",     "novak",    "okafor",  "larsen",
    "costa",  "schmidt", "haddad", "murphy",  "ivanova",  "moreau",  "santos",
    "weber",  "fischer", "sato",   "andersen"};

static void put_username(const struct user *u)
{
    uint32_t i = u->index;
    if (u->kind == INTEGRATION) {
        put("integration.");
        putu(i);
        put("@acme.example.com");
        return;
    }
    put(firsts[i % 32]);
    *w++ = '.';
    put(lasts[i / 32 % 32]);
    if (i >= 1024)
        putu(i / 1024);
    put("@acme.example.com");
}

/* sessions: a user's LOGIN_KEY and SESSION_KEY are stable for a few hours */
static uint64_t session_hash(const struct user *u, uint32_t ms)
{
    return mix64(((uint64_t)u->index << 24) ^ ((uint64_t)day_index << 4) ^
                 (ms / (4 * 3600000u)));
}

static void FSESSION(const struct user *u, uint32_t ms)
{
    FKEY(mix64(session_hash(u, ms) ^ 0x51), 16);
}

static void FLOGINKEY(const struct user *u, uint32_t ms)
{
    FKEY(mix64(session_hash(u, ms) ^ 0x4C), 16);
}

/* ---- objects and pages ------------------------------------------------- */

struct object {
    const char *name, *prefix, *plural;
    unsigned pool;
};

static const struct object objects[] = {
    {"Account", "001", "Accounts", 60000},
    {"Contact", "003", "Contacts", 150000},
    {"Opportunity", "006", "Opportunities", 40000},
    {"Lead", "00Q", "Leads", 90000},
    {"Case", "500", "Cases", 120000},
    {"Task", "00T", "Tasks", 300000},
    {"Campaign", "701", "Campaigns", 800},
    {"Contract", "800", "Contracts", 5000},
    {"Quote", "0Q0", "Quotes", 12000},
    {"Product2", "01t", "Products", 2000},
};
static const unsigned object_w[] = {26, 18, 20, 10, 14, 6, 2, 1, 2, 1};

static const struct object *pick_object(void)
{
    return &objects[weighted(object_w, (unsigned)N(objects))];
}

enum { REPORTS = 1200, DASHBOARDS = 150 };

static const char *const report_entities[] = {
    "Opportunity", "Account",     "Lead",        "Case", "Activity",
    "Contact",     "Opportunity", "Opportunity", "Case", "Campaign"};

struct page {
    const char *etype, *context, *app;
    char eid[19];
    char url[192];
};

static void page_for(struct page *pg, const struct user *u)
{
    static const unsigned kind_w[] = {46, 14, 9, 6, 3, 6, 4, 3, 2, 2, 5};
    static const char *const filters[] = {
        "Recent",  "AllAccounts", "MyAccounts",
        "All",     "My_Open",     "RecentlyViewedOpportunities",
        "__Recent"};
    static const char *const apps[] = {"LightningSales", "LightningSales",
                                       "LightningService",
                                       "CS_Lightning_Console"};
    static const char *const setup_pages[] = {"SetupOneHome",
                                              "ManageUsers",
                                              "ObjectManager",
                                              "EnhancedProfiles",
                                              "PermSets",
                                              "Flows",
                                              "DataManagementDataImporter"};
    const struct object *o = pick_object();
    char id[16];
    unsigned kind = weighted(kind_w, (unsigned)N(kind_w));

    if (kind == 8 && u->kind != ADMIN)
        kind = 0;
    pg->app = apps[u->index % N(apps)];
    pg->eid[0] = '\0';
    pg->etype = o->name;
    switch (kind) {
    case 0:  /* record view */
    case 10: /* related list */
        make_id(id, o->prefix, pick_record(o->pool));
        make_id18(pg->eid, id);
        if (kind == 0)
            snprintf(pg->url, sizeof(pg->url), "/lightning/r/%s/%s/view",
                     o->name, pg->eid);
        else
            snprintf(pg->url, sizeof(pg->url),
                     "/lightning/r/%s/%s/related/%s/view", o->name, pg->eid,
                     objects[below(5)].plural);
        pg->context = kind == 0 ? "one:recordHomeFlexipage2Wrapper"
                                : "force:relatedListDesktop";
        break;
    case 1:
        snprintf(pg->url, sizeof(pg->url), "/lightning/o/%s/list?filterName=%s",
                 o->name, PICK(filters));
        pg->context = "force:objectHomeDesktop";
        break;
    case 2:
        snprintf(pg->url, sizeof(pg->url), "/lightning/page/home");
        pg->etype = "";
        pg->context = "home:landing";
        break;
    case 3:
    case 4:
        make_id(id, kind == 3 ? "00O" : "01Z",
                pick_record(kind == 3 ? REPORTS : DASHBOARDS));
        make_id18(pg->eid, id);
        pg->etype = kind == 3 ? "Report" : "Dashboard";
        snprintf(pg->url, sizeof(pg->url), "/lightning/r/%s/%s/view", pg->etype,
                 pg->eid);
        pg->context =
            kind == 3 ? "reports:reportPage" : "desktopDashboards:dashboard";
        break;
    case 5:
        make_id(id, o->prefix, pick_record(o->pool));
        make_id18(pg->eid, id);
        snprintf(pg->url, sizeof(pg->url), "/lightning/r/%s/%s/edit", o->name,
                 pg->eid);
        pg->context = "lightning:recordEditWrapper";
        break;
    case 6:
        snprintf(pg->url, sizeof(pg->url),
                 "/lightning/o/%s/new?count=1&nooverride=1", o->name);
        pg->context = "lightning:recordCreateWrapper";
        break;
    case 7:
        snprintf(pg->url, sizeof(pg->url), "/lightning/search?searchInput=%s",
                 lasts[below(32)]);
        pg->etype = "";
        pg->context = "forceSearch:searchPageDesktop";
        break;
    case 8:
        snprintf(pg->url, sizeof(pg->url), "/lightning/setup/%s/home",
                 PICK(setup_pages));
        pg->etype = "";
        pg->context = "setup:setupOneHome";
        break;
    default: /* 9: knowledge */
        make_id(id, "ka0", pick_record(3000));
        make_id18(pg->eid, id);
        pg->etype = "Knowledge__kav";
        snprintf(pg->url, sizeof(pg->url),
                 "/lightning/r/Knowledge__kav/%s/view", pg->eid);
        pg->context = "one:recordHomeFlexipage2Wrapper";
        break;
    }
}

/* ---- event types ------------------------------------------------------- */

enum et {
    LPV,
    URI,
    LI,
    API,
    REST,
    LOGIN,
    LOGOUT,
    REPORT,
    SEARCH,
    DASH,
    LERR,
    BULK,
    REXPORT,
    NTYPES
};

/* rows per 1000, a Lightning org with some Classic holdouts and integrations */
static const double share[NTYPES] = {
    [LPV] = 280,  [URI] = 250,   [LI] = 150,    [API] = 80,    [REST] = 60,
    [LOGIN] = 40, [LOGOUT] = 30, [REPORT] = 35, [SEARCH] = 30, [DASH] = 10,
    [LERR] = 10,  [BULK] = 6,    [REXPORT] = 4,
};

static const char *const type_name[NTYPES] = {
    [LPV] = "LightningPageView",
    [URI] = "URI",
    [LI] = "LightningInteraction",
    [API] = "API",
    [REST] = "RestApi",
    [LOGIN] = "Login",
    [LOGOUT] = "Logout",
    [REPORT] = "Report",
    [SEARCH] = "Search",
    [DASH] = "Dashboard",
    [LERR] = "LightningError",
    [BULK] = "BulkApi",
    [REXPORT] = "ReportExport",
};

/* column orders of a real export (formats.md appendix B) */
static const char *const columns[NTYPES] = {
    [LPV] = "EVENT_TYPE,TIMESTAMP,REQUEST_ID,ORGANIZATION_ID,USER_ID,"
            "CLIENT_ID,SESSION_KEY,LOGIN_KEY,USER_TYPE,APP_NAME,"
            "DEVICE_PLATFORM,SDK_APP_VERSION,OS_NAME,OS_VERSION,USER_AGENT,"
            "BROWSER_NAME,BROWSER_VERSION,SDK_VERSION,DEVICE_MODEL,DEVICE_ID,"
            "SDK_APP_TYPE,CONNECTION_TYPE,UI_EVENT_ID,UI_EVENT_SOURCE,"
            "UI_EVENT_TIMESTAMP,PAGE_START_TIME,DURATION,EFFECTIVE_PAGE_TIME,"
            "DEVICE_SESSION_ID,UI_EVENT_SEQUENCE_NUM,PAGE_ENTITY_ID,"
            "PAGE_ENTITY_TYPE,PAGE_CONTEXT,PAGE_URL,PAGE_APP_NAME,"
            "PREVPAGE_ENTITY_ID,PREVPAGE_ENTITY_TYPE,PREVPAGE_CONTEXT,"
            "PREVPAGE_URL,PREVPAGE_APP_NAME,TARGET_UI_ELEMENT,"
            "PARENT_UI_ELEMENT,GRANDPARENT_UI_ELEMENT,TIMESTAMP_DERIVED,"
            "USER_ID_DERIVED,CLIENT_IP",
    [URI] = "EVENT_TYPE,TIMESTAMP,REQUEST_ID,ORGANIZATION_ID,USER_ID,"
            "RUN_TIME,CPU_TIME,URI,SESSION_KEY,LOGIN_KEY,REQUEST_STATUS,"
            "DB_TOTAL_TIME,DB_BLOCKS,DB_CPU_TIME,REFERRER_URI,"
            "TIMESTAMP_DERIVED,USER_ID_DERIVED,CLIENT_IP,URI_ID_DERIVED",
    [LI] = "EVENT_TYPE,TIMESTAMP,REQUEST_ID,ORGANIZATION_ID,USER_ID,"
           "CLIENT_ID,SESSION_KEY,LOGIN_KEY,USER_TYPE,APP_NAME,"
           "DEVICE_PLATFORM,SDK_APP_VERSION,OS_NAME,OS_VERSION,USER_AGENT,"
           "BROWSER_NAME,BROWSER_VERSION,SDK_VERSION,DEVICE_MODEL,DEVICE_ID,"
           "SDK_APP_TYPE,CONNECTION_TYPE,UI_EVENT_ID,UI_EVENT_TYPE,"
           "UI_EVENT_SOURCE,UI_EVENT_TIMESTAMP,PAGE_START_TIME,DURATION,"
           "DEVICE_SESSION_ID,UI_EVENT_SEQUENCE_NUM,PAGE_ENTITY_ID,"
           "PAGE_ENTITY_TYPE,PAGE_CONTEXT,PAGE_URL,PAGE_APP_NAME,"
           "TARGET_UI_ELEMENT,PARENT_UI_ELEMENT,GRANDPARENT_UI_ELEMENT,"
           "COMPONENT_NAME,RECORD_TYPE,RECORD_ID,RELATED_LIST,"
           "TIMESTAMP_DERIVED,USER_ID_DERIVED,CLIENT_IP",
    [API] = "EVENT_TYPE,TIMESTAMP,REQUEST_ID,ORGANIZATION_ID,USER_ID,"
            "RUN_TIME,CPU_TIME,URI,SESSION_KEY,LOGIN_KEY,REQUEST_STATUS,"
            "DB_TOTAL_TIME,API_TYPE,API_VERSION,CLIENT_NAME,METHOD_NAME,"
            "ENTITY_NAME,ROWS_PROCESSED,REQUEST_SIZE,RESPONSE_SIZE,DB_BLOCKS,"
            "DB_CPU_TIME,TIMESTAMP_DERIVED,USER_ID_DERIVED,CLIENT_IP,"
            "URI_ID_DERIVED",
    [REST] = "EVENT_TYPE,TIMESTAMP,REQUEST_ID,ORGANIZATION_ID,USER_ID,"
             "RUN_TIME,CPU_TIME,URI,SESSION_KEY,LOGIN_KEY,REQUEST_STATUS,"
             "DB_TOTAL_TIME,METHOD,MEDIA_TYPE,STATUS_CODE,USER_AGENT,"
             "ROWS_PROCESSED,NUMBER_FIELDS,DB_BLOCKS,DB_CPU_TIME,REQUEST_SIZE,"
             "RESPONSE_SIZE,ENTITY_NAME,TIMESTAMP_DERIVED,USER_ID_DERIVED,"
             "CLIENT_IP,URI_ID_DERIVED",
    [LOGIN] = "EVENT_TYPE,TIMESTAMP,REQUEST_ID,ORGANIZATION_ID,USER_ID,"
              "RUN_TIME,CPU_TIME,URI,SESSION_KEY,LOGIN_KEY,REQUEST_STATUS,"
              "DB_TOTAL_TIME,BROWSER_TYPE,API_TYPE,API_VERSION,USER_NAME,"
              "TLS_PROTOCOL,CIPHER_SUITE,TIMESTAMP_DERIVED,USER_ID_DERIVED,"
              "CLIENT_IP,URI_ID_DERIVED,LOGIN_STATUS,SOURCE_IP",
    [LOGOUT] = "EVENT_TYPE,TIMESTAMP,REQUEST_ID,ORGANIZATION_ID,USER_ID,"
               "USER_TYPE,SESSION_TYPE,SESSION_LEVEL,BROWSER_TYPE,"
               "PLATFORM_TYPE,RESOLUTION_TYPE,APP_TYPE,CLIENT_VERSION,API_TYPE,"
               "API_VERSION,USER_INITIATED_LOGOUT,SESSION_KEY,LOGIN_KEY,"
               "TIMESTAMP_DERIVED,USER_ID_DERIVED,CLIENT_IP",
    [REPORT] = "EVENT_TYPE,TIMESTAMP,REQUEST_ID,ORGANIZATION_ID,USER_ID,"
               "RUN_TIME,CPU_TIME,URI,SESSION_KEY,LOGIN_KEY,REQUEST_STATUS,"
               "DB_TOTAL_TIME,ENTITY_NAME,DISPLAY_TYPE,RENDERING_TYPE,"
               "REPORT_ID,ROW_COUNT,NUMBER_EXCEPTION_FILTERS,NUMBER_COLUMNS,"
               "AVERAGE_ROW_SIZE,SORT,DB_BLOCKS,DB_CPU_TIME,NUMBER_BUCKETS,"
               "TIMESTAMP_DERIVED,USER_ID_DERIVED,CLIENT_IP,URI_ID_DERIVED,"
               "REPORT_ID_DERIVED,ORIGIN",
    [SEARCH] = "EVENT_TYPE,TIMESTAMP,REQUEST_ID,ORGANIZATION_ID,USER_ID,"
               "QUERY_ID,NUM_RESULTS,SEARCH_QUERY,PREFIXES_SEARCHED,"
               "TIMESTAMP_DERIVED",
    [DASH] = "EVENT_TYPE,TIMESTAMP,REQUEST_ID,ORGANIZATION_ID,USER_ID,"
             "RUN_TIME,CPU_TIME,URI,SESSION_KEY,LOGIN_KEY,"
             "DASHBOARD_COMPONENT_ID,DASHBOARD_ID,REPORT_ID,IS_SUCCESS,"
             "DASHBOARD_TYPE,IS_SCHEDULED,TIMESTAMP_DERIVED,USER_ID_DERIVED,"
             "CLIENT_IP,URI_ID_DERIVED,DASHBOARD_ID_DERIVED,REPORT_ID_DERIVED",
    [LERR] = "EVENT_TYPE,TIMESTAMP,REQUEST_ID,ORGANIZATION_ID,USER_ID,"
             "CLIENT_ID,SESSION_KEY,LOGIN_KEY,USER_TYPE,APP_NAME,"
             "DEVICE_PLATFORM,SDK_APP_VERSION,OS_NAME,OS_VERSION,USER_AGENT,"
             "BROWSER_NAME,BROWSER_VERSION,SDK_VERSION,DEVICE_MODEL,DEVICE_ID,"
             "SDK_APP_TYPE,CONNECTION_TYPE,UI_EVENT_ID,UI_EVENT_TYPE,"
             "UI_EVENT_SOURCE,UI_EVENT_TIMESTAMP,PAGE_START_TIME,"
             "DEVICE_SESSION_ID,UI_EVENT_SEQUENCE_NUM,PAGE_ENTITY_ID,"
             "PAGE_ENTITY_TYPE,PAGE_CONTEXT,PAGE_URL,PAGE_APP_NAME,"
             "COMPONENT_NAME,TIMESTAMP_DERIVED,USER_ID_DERIVED,CLIENT_IP",
    [BULK] = "EVENT_TYPE,TIMESTAMP,REQUEST_ID,ORGANIZATION_ID,USER_ID,"
             "RUN_TIME,CPU_TIME,URI,SESSION_KEY,LOGIN_KEY,JOB_ID,BATCH_ID,"
             "ROWS_PROCESSED,NUMBER_FAILURES,SUCCESS,MESSAGE,ENTITY_TYPE,"
             "OPERATION_TYPE,TIMESTAMP_DERIVED,USER_ID_DERIVED,CLIENT_IP,"
             "URI_ID_DERIVED",
    [REXPORT] = "EVENT_TYPE,TIMESTAMP,REQUEST_ID,ORGANIZATION_ID,USER_ID,"
                "RUN_TIME,CPU_TIME,URI,SESSION_KEY,LOGIN_KEY,CLIENT_INFO,"
                "REPORT_DESCRIPTION,TIMESTAMP_DERIVED,USER_ID_DERIVED,"
                "CLIENT_IP,URI_ID_DERIVED",
};

static void header(struct out *o, enum et t)
{
    const char *s = columns[t];
    begin(o);
    *w++ = '"';
    for (; *s; s++) {
        if (*s == ',') {
            put("\",\"");
        } else {
            *w++ = *s;
        }
    }
    put("\",");
    end();
    total_headers++;
}

/* Who acts: one weighted pick list per population, rebuilt every day from
 * the users present that day. */
enum pop { P_UI, P_LOGIN, P_API, P_ERR, P_ALL, NPOPS };

struct picker {
    double *cum;
    uint32_t *idx;
    uint32_t n;
};

static struct picker pickers[NPOPS];
static uint8_t *seen;

static void picker_add(struct picker *p, uint32_t i, double wt)
{
    double prev = p->n ? p->cum[p->n - 1] : 0;
    p->cum[p->n] = prev + wt;
    p->idx[p->n] = i;
    p->n++;
}

static int is_weekend(int d)
{
    int64_t z = start_day + d;            /* 1970-01-01 was a Thursday */
    int dow = (int)((z % 7 + 7 + 4) % 7); /* 0 Sunday */
    return dow == 0 || dow == 6;
}

static void build_pickers(int d)
{
    int weekend = is_weekend(d);
    for (int p = 0; p < NPOPS; p++)
        pickers[p].n = 0;
    for (uint32_t i = 0; i < nusers; i++) {
        const struct user *u = &users[i];
        double wt = u->weight;
        picker_add(&pickers[P_ALL], i, 1);
        if (u->kind == INACTIVE || d < u->first_day || d > u->last_day)
            continue;
        if (u->kind == INTEGRATION) {
            picker_add(&pickers[P_API], i, wt);
            picker_add(&pickers[P_LOGIN], i, wt / 4);
            continue;
        }
        /* people take days off, most of them at weekends */
        if (chance(weekend ? 900 : 120))
            continue;
        picker_add(&pickers[P_LOGIN], i, u->kind == LOGIN_ONLY ? 0.3 : wt);
        if (u->kind == LOGIN_ONLY)
            continue;
        picker_add(&pickers[P_UI], i, wt);
        picker_add(&pickers[P_ERR], i, u->frustrated ? wt * 25 : wt);
        if (u->index % 40 == 7) /* a few Data Loader users */
            picker_add(&pickers[P_API], i, wt / 10);
    }
}

static struct user *pick_user(enum pop p)
{
    const struct picker *pk = &pickers[p];
    if (pk->n == 0)
        pk = pickers[P_UI].n ? &pickers[P_UI] : &pickers[P_ALL];
    double r = unit() * pk->cum[pk->n - 1];
    uint32_t lo = 0, hi = pk->n - 1;
    while (lo < hi) {
        uint32_t mid = lo + (hi - lo) / 2;
        if (pk->cum[mid] <= r)
            lo = mid + 1;
        else
            hi = mid;
    }
    seen[pk->idx[lo]] = 1;
    return &users[pk->idx[lo]];
}

static enum pop population(enum et t)
{
    switch (t) {
    case LOGIN:
    case LOGOUT:
        return P_LOGIN;
    case API:
    case REST:
    case BULK:
        return P_API;
    case LERR:
        return P_ERR;
    default:
        return P_UI;
    }
}

static const struct device *device_of(const struct user *u)
{
    if (u->mob && chance(u->classic ? 0 : 450))
        return &mobiles[u->mob - 1];
    return &desktops[u->desk];
}

static uint32_t client_ip(const struct user *u, const struct device *dv)
{
    /* phones roam: another address */
    return dv->sdk_type[0] ? (u->ip ^ 0x00A40000u) : u->ip;
}

/* columns 1-22 of LightningPageView, LightningInteraction, LightningError */
static void lightning_head(enum et t, const struct user *u, uint32_t ms,
                           const struct device *dv)
{
    F(type_name[t]);
    FTS(ms);
    FRID();
    F(ORG);
    F(u->id);
    FE(); /* CLIENT_ID */
    FSESSION(u, ms);
    FLOGINKEY(u, ms);
    F("S");
    F("one:one");
    F(dv->platform);
    F(dv->sdk_app_ver);
    F(dv->os);
    F(dv->os_ver);
    F(dv->ua);
    F(dv->browser);
    F(dv->browser_ver);
    F(dv->sdk_ver);
    F(dv->model);
    if (dv->sdk_type[0])
        FUUID(mix64(u->index) ^ 0xD1);
    else
        FE();
    F(dv->sdk_type);
    F(dv->conn);
}

static void page_fields(const struct page *pg)
{
    F(pg->eid);
    F(pg->etype);
    F(pg->context);
    F(pg->url);
    F(pg->app);
}

static void row_lpv(const struct user *u, uint32_t ms)
{
    const struct device *dv = device_of(u);
    struct page pg, prev;
    uint64_t ts = epoch_ms(ms);
    uint32_t load = 300 + below(2500) + (chance(50) ? below(20000) : 0);

    page_for(&pg, u);
    lightning_head(LPV, u, ms, dv);
    F("ltng:pageView");
    FE(); /* UI_EVENT_SOURCE */
    FU(ts);
    FU(ts - load - below(400));
    FU(load + below(600));
    FU(load);
    FUUID(session_hash(u, ms) ^ 0xDE);
    FU(1 + below(250));
    page_fields(&pg);
    if (chance(900)) {
        page_for(&prev, u);
        page_fields(&prev);
    } else {
        FE(), FE(), FE(), FE(), FE();
    }
    FE(), FE(), FE(); /* TARGET/PARENT/GRANDPARENT_UI_ELEMENT */
    FTSD(ms);
    F(u->id18);
    FIP(client_ip(u, dv));
}

static void row_li(const struct user *u, uint32_t ms)
{
    static const char *const sources[] = {
        "click",  "read",   "reads", "update",
        "create", "delete", "hover", "synthetic-tab-closed",
        "scroll"};
    static const unsigned source_w[] = {46, 14, 8, 8, 5, 1, 8, 4, 6};
    static const char *const targets[][3] = {
        {"forceActionButton", "forceHighlightsPanel", "flexipageComponent"},
        {"lightning-button", "records-record-layout", "force-record-layout"},
        {"a", "forceListViewManagerGrid", "forceListViewManager"},
        {"one-consoleTab-closed", "one-consoleTabset", "one-workspace"},
        {"lightning-input-field", "records-lwc-detail-panel", "flexipage-tab"},
    };
    static const char *const components[] = {
        "force:highlightsPanel", "force:recordLayout",
        "lst:listViewManager",   "forceChatter:feed",
        "c:opportunityStageBar", "force:relatedListContainer"};
    const struct device *dv = device_of(u);
    struct page pg;
    uint64_t ts = epoch_ms(ms);
    unsigned src = weighted(source_w, (unsigned)N(source_w));
    const char *const *tg = targets[below((uint32_t)N(targets))];

    page_for(&pg, u);
    lightning_head(LI, u, ms, dv);
    F("ltng:interaction");
    F(src >= 1 && src <= 5 ? "crud" : src == 7 ? "system" : "user");
    F(sources[src]);
    FU(ts);
    FU(ts - 1000 - below(120000));
    FU(below(3000));
    FUUID(session_hash(u, ms) ^ 0xDE);
    FU(1 + below(400));
    page_fields(&pg);
    F(tg[0]);
    F(tg[1]);
    F(tg[2]);
    F(PICK(components));
    F(pg.etype[0] ? pg.etype : "Account");
    if (src >= 1 && src <= 5) {
        const struct object *o = pick_object();
        char id[16], id18[19];
        put("\"[");
        for (int k = src == 2 ? 3 : 1; k > 0; k--) {
            make_id(id, o->prefix, pick_record(o->pool));
            make_id18(id18, id);
            put("\"\"");
            put(id18);
            put("\"\"");
            if (k > 1)
                *w++ = ',';
        }
        put("]\",");
    } else {
        FE();
    }
    if (chance(150))
        F(objects[below(5)].plural);
    else
        FE();
    FTSD(ms);
    F(u->id18);
    FIP(client_ip(u, dv));
}

static void row_lerr(const struct user *u, uint32_t ms)
{
    static const char *const sources[] = {"TypeError", "AuraError", "Error",
                                          "ReferenceError", "LWCError"};
    static const char *const components[] = {
        "c:opportunityQuickCreate", "force:recordLayout", "c:accountPlanner",
        "forceChatter:publisher", "lst:listViewManager"};
    const struct device *dv = device_of(u);
    struct page pg;
    uint64_t ts = epoch_ms(ms);

    page_for(&pg, u);
    lightning_head(LERR, u, ms, dv);
    F("ltng:error");
    F("error");
    F(PICK(sources));
    FU(ts);
    FU(ts - 500 - below(60000));
    FUUID(session_hash(u, ms) ^ 0xDE);
    FU(1 + below(400));
    page_fields(&pg);
    F(PICK(components));
    FTSD(ms);
    F(u->id18);
    FIP(client_ip(u, dv));
}

/* RUN_TIME, CPU_TIME */
static void run_cpu(uint32_t base)
{
    uint32_t run = base / 2 + below(base) + (chance(30) ? below(base * 20) : 0);
    FU(run);
    FU(run / 3 + below(run / 2 + 1));
}

static char status_char(void)
{
    unsigned r = below(1000);
    return r < 965 ? 'S' : r < 980 ? 'R' : r < 993 ? 'F' : r < 997 ? 'N' : 'A';
}

static void row_uri(const struct user *u, uint32_t ms)
{
    static const unsigned kind_w[] = {28, 10, 4, 3, 3, 3, 5, 18, 5,
                                      4,  3,  1, 3, 4, 1, 1, 4};
    const struct object *o = pick_object();
    char id[16], id18[19], uri[160];
    unsigned kind = weighted(kind_w, (unsigned)N(kind_w));
    int has_id = 0;

    /* Classic holdouts browse record pages, everyone else mostly /aura */
    if (u->classic && kind <= 6 && chance(700))
        kind = 7 + below(6);
    make_id(id, o->prefix, pick_record(o->pool));
    make_id18(id18, id);
    switch (kind) {
    case 0:
        snprintf(uri, sizeof(uri), "/aura");
        break;
    case 1:
        snprintf(uri, sizeof(uri), "/lightning/r/%s/%s/view", o->name, id18);
        has_id = 1;
        break;
    case 2:
        snprintf(uri, sizeof(uri), "/one/one.app");
        break;
    case 3:
        snprintf(uri, sizeof(uri), "/secur/frontdoor.jsp");
        break;
    case 4:
        snprintf(uri, sizeof(uri), "/visualforce/session");
        break;
    case 5:
        snprintf(uri, sizeof(uri), "/apex/AccountPlan");
        break;
    case 6:
        snprintf(uri, sizeof(uri), "/home/home.jsp");
        break;
    case 7:
        snprintf(uri, sizeof(uri), "/%s", id);
        has_id = 1;
        break;
    case 8:
        snprintf(uri, sizeof(uri), "/%s/o", o->prefix);
        break;
    case 9:
        snprintf(uri, sizeof(uri), "/%s/e", id);
        has_id = 1;
        break;
    case 10:
        snprintf(uri, sizeof(uri), "/%s/e", o->prefix);
        break;
    case 11:
        snprintf(uri, sizeof(uri), "/%s/d", id);
        has_id = 1;
        break;
    case 12:
        snprintf(uri, sizeof(uri), "/_ui/search/ui/UnifiedSearchResults");
        break;
    case 13:
        make_id(id, "00O", pick_record(REPORTS));
        make_id18(id18, id);
        snprintf(uri, sizeof(uri), "/%s", id);
        has_id = 1;
        break;
    case 14:
        snprintf(uri, sizeof(uri),
                 u->kind == ADMIN ? "/setup/forcecomHomepage.apexp"
                                  : "/apex/SalesOnboardingGuide");
        break;
    case 15:
        snprintf(uri, sizeof(uri), "/apex/SalesOnboardingGuide");
        break;
    default:
        snprintf(uri, sizeof(uri), "/services/data/v59.0/ui-api/records/%s",
                 id18);
        has_id = 1;
        break;
    }
    F("URI");
    FTS(ms);
    FRID();
    F(ORG);
    F(u->id);
    run_cpu(kind == 0 ? 120 : 300);
    F(uri);
    FSESSION(u, ms);
    FLOGINKEY(u, ms);
    *w++ = '"';
    *w++ = status_char();
    put("\",");
    FU(1000000ull + below(80000000));
    FU(below(3000));
    FU(below(200));
    if (chance(700)) {
        *w++ = '"';
        put(u->classic ? HOST : LHOST);
        if (chance(500)) {
            put("/lightning/r/");
            put(o->name);
            *w++ = '/';
            put(id18);
            put("/view");
        } else {
            put("/");
        }
        put("\",");
    } else {
        FE();
    }
    FTSD(ms);
    F(u->id18);
    FIP(u->ip);
    if (has_id)
        F(id18);
    else
        FE();
}

static void row_login(const struct user *u, uint32_t ms)
{
    static const char *const errors[] = {
        "LOGIN_ERROR_INVALID_PASSWORD", "LOGIN_ERROR_INVALID_PASSWORD",
        "LOGIN_ERROR_PASSWORD_LOCKOUT", "LOGIN_CHALLENGE_ISSUED",
        "LOGIN_ERROR_SSO_PWD_INVALID"};
    static const char *const api_agents[] = {
        "Jitterbit/10.59", "Java/17.0.9", "MuleSoft Anypoint/4.4",
        "python-requests/2.31.0", "Informatica Cloud/v59"};
    const int api = u->kind == INTEGRATION;
    const struct device *dv = device_of(u);
    const int failed = u->locked ? chance(650) : chance(25);

    F("Login");
    FTS(ms);
    F("SLB:");
    w -= 2; /* append the key inside the quotes */
    putkey(rnd(), 22);
    put("\",");
    F(ORG);
    F(u->id);
    run_cpu(140);
    F(api               ? "/services/Soap/u/59.0"
      : dv->sdk_type[0] ? "/services/oauth2/authorize"
                        : "/index.jsp");
    FE(); /* SESSION_KEY: no session yet */
    if (failed)
        FE();
    else
        FLOGINKEY(u, ms);
    put(failed ? "\"F\"," : "\"S\",");
    FU(20000000ull + below(90000000));
    if (api)
        F(api_agents[u->index % N(api_agents)]);
    else if (dv->sdk_type[0])
        F(dv->login_ua);
    else
        F(dv->ua);
    F(api ? "P" : "");
    F(api ? "59.0" : "9998.0");
    *w++ = '"';
    put_username(u);
    put("\",");
    F("TLSv1.3");
    F("TLS_AES_256_GCM_SHA384");
    FTSD(ms);
    F(u->id18);
    FIP(u->ip);
    FE(); /* URI_ID_DERIVED */
    F(failed ? errors[below((uint32_t)N(errors))] : "LOGIN_NO_ERROR");
    FIP(u->ip);
}

static void row_logout(const struct user *u, uint32_t ms)
{
    const struct device *dv = device_of(u);
    const int mobile = dv->sdk_type[0] != 0;
    const int timeout = chance(620);

    F("Logout");
    FTS(ms);
    FRID();
    F(ORG);
    F(u->id);
    F("S");
    F(u->kind == INTEGRATION ? "A" : "U");
    F("1");
    FU(mobile ? 6100 : 3000 + u->desk);
    if (timeout)
        FE();
    else
        F(mobile             ? (dv->os[0] == 'I' ? "5006" : "5005")
          : dv->os[0] == 'O' ? "2003"
                             : "1015");
    FU(mobile ? 1002 : 2004);
    F(mobile ? "1016" : "1007");
    F("248");
    FE(); /* API_TYPE */
    F("9998.0");
    F(timeout ? "0" : "1");
    FSESSION(u, ms);
    FLOGINKEY(u, ms);
    FTSD(ms);
    F(u->id18);
    FIP(client_ip(u, dv));
}

static void row_api(const struct user *u, uint32_t ms)
{
    static const char *const methods[] = {
        "query",    "queryMore",  "describeSObject", "describeGlobal",
        "retrieve", "update",     "create",          "upsert",
        "delete",   "getUpdated", "describeLayout",  "queryAll"};
    static const unsigned method_w[] = {35, 10, 10, 3, 8, 10, 8, 8, 2, 3, 3, 2};
    static const char *const clients[] = {
        "DataLoaderPartnerUI/", "Workbench/",      "MuleSoft", "",
        "Informatica",          "SfdcInternalAPI/"};
    const struct object *o = pick_object();

    F("API");
    FTS(ms);
    FRID();
    F(ORG);
    F(u->id);
    run_cpu(90);
    F("Api");
    FSESSION(u, ms);
    FLOGINKEY(u, ms);
    put(chance(8) ? "\"F\"," : "\"S\",");
    FU(5000000ull + below(40000000));
    F(u->index % 3 ? "P" : "E");
    F(u->index % 5 ? "59.0" : "57.0");
    F(clients[u->index % N(clients)]);
    F(methods[weighted(method_w, (unsigned)N(method_w))]);
    F(o->name);
    FU(below(2000));
    FU(400 + below(6000));
    FU(800 + below(250000));
    FU(below(5000));
    FU(below(300));
    FTSD(ms);
    F(u->id18);
    FIP(u->ip);
    FE();
}

static void row_rest(const struct user *u, uint32_t ms)
{
    static const char *const agents[] = {
        "Jitterbit/10.59",
        "python-requests/2.31.0",
        "Apache-HttpClient/4.5.14 (Java/17.0.9)",
        "Zapier",
        "SFDC-Callout/59.0",
        "PostmanRuntime/7.36.0"};
    static const char *const verbs[] = {"GET",  "GET",   "GET",
                                        "POST", "PATCH", "DELETE"};
    const struct object *o = pick_object();
    char id[16], id18[19], uri[160];
    unsigned kind = below(10), verb = below((uint32_t)N(verbs));
    int has_id = 0, fail = chance(20);

    make_id(id, o->prefix, pick_record(o->pool));
    make_id18(id18, id);
    if (kind < 4) {
        snprintf(uri, sizeof(uri), "/services/data/v59.0/sobjects/%s/%s",
                 o->name, id18);
        has_id = 1;
    } else if (kind < 7) {
        snprintf(uri, sizeof(uri), "/services/data/v59.0/query");
        verb = 0;
    } else if (kind < 9) {
        snprintf(uri, sizeof(uri), "/services/data/v59.0/composite/sobjects");
        verb = 3;
    } else {
        snprintf(uri, sizeof(uri), "/services/data/v59.0/sobjects/%s/describe",
                 o->name);
        verb = 0;
    }
    F("RestApi");
    FTS(ms);
    FRID();
    F(ORG);
    F(u->id);
    run_cpu(80);
    F(uri);
    FSESSION(u, ms);
    FLOGINKEY(u, ms);
    put(fail ? "\"F\"," : "\"S\",");
    FU(3000000ull + below(30000000));
    F(verbs[verb]);
    F("application/json;charset=UTF-8");
    F(fail        ? (chance(500) ? "400" : "404")
      : verb == 3 ? "201"
      : verb >= 4 ? "204"
                  : "200");
    F(agents[u->index % N(agents)]);
    FU(below(2000));
    FU(below(60));
    FU(below(5000));
    FU(below(300));
    FU(verb == 0 ? 0 : 200 + below(20000));
    FU(500 + below(400000));
    F(o->name);
    FTSD(ms);
    F(u->id18);
    FIP(u->ip);
    if (has_id)
        F(id18);
    else
        FE();
}

static void row_bulk(const struct user *u, uint32_t ms)
{
    static const char *const ops[] = {"insert", "update", "upsert",
                                      "query",  "delete", "queryAll"};
    static const unsigned op_w[] = {20, 25, 25, 25, 3, 2};
    const struct object *o = pick_object();
    uint64_t job = session_hash(u, ms) % ID_SPACE;
    int fail = chance(40);

    F("BulkApi");
    FTS(ms);
    FRID();
    F(ORG);
    F(u->id);
    run_cpu(2000);
    *w++ = '"';
    put("/services/async/59.0/job/");
    make_id(w, "750", job);
    w += 15;
    put("/batch\",");
    FSESSION(u, ms);
    FLOGINKEY(u, ms);
    FID("750", job);
    FID("751", rnd() % ID_SPACE);
    FU(below(10000));
    FU(fail ? 1 + below(200) : 0);
    F(fail ? "false" : "true");
    if (fail)
        F("InvalidBatch : Failed to process query: INVALID_FIELD");
    else
        FE();
    F(o->name);
    F(ops[weighted(op_w, (unsigned)N(ops))]);
    FTSD(ms);
    F(u->id18);
    FIP(u->ip);
    FE();
}

static void row_report(const struct user *u, uint32_t ms)
{
    static const char *const origins[] = {
        "ReportRunFromLightning",    "ReportRunFromClassic",
        "DashboardComponentUpdated", "ReportExported",
        "ReportRunFromMobile",       "ReportRunUsingSynchronousApi",
        "ReportPreviewed",           "ReportExportedUsingExcelConnector",
        "ChartRenderedOnHomePage"};
    static const unsigned origin_w[] = {55, 8, 12, 4, 4, 5, 6, 1, 5};
    static const char *const sorts[] = {"", "CloseDate ASC", "Amount DESC",
                                        "CreatedDate DESC"};
    uint64_t rep = pick_record(REPORTS);
    unsigned origin = weighted(origin_w, (unsigned)N(origin_w));
    char id[16], id18[19];

    if (u->classic && origin == 0)
        origin = 1;
    make_id(id, "00O", rep);
    make_id18(id18, id);
    F("Report");
    FTS(ms);
    FRID();
    F(ORG);
    F(u->id);
    run_cpu(900);
    if (origin == 5) {
        *w++ = '"';
        put("/services/data/v59.0/analytics/reports/");
        put(id);
        put("\",");
    } else {
        *w++ = '"';
        *w++ = '/';
        put(id);
        put("\",");
    }
    FSESSION(u, ms);
    FLOGINKEY(u, ms);
    put(chance(10) ? "\"F\"," : "\"S\",");
    FU(10000000ull + below(900000000));
    F(report_entities[rep % N(report_entities)]);
    F(origin == 2 ? "D" : chance(700) ? "S" : "H");
    F(origin == 1   ? (chance(80) ? "X" : "W")
      : origin == 3 ? "C"
      : origin == 7 ? "X"
                    : "");
    F(id);
    FU(below(20000));
    FU(below(4));
    FU(3 + below(20));
    FU(40 + below(400));
    F(sorts[rep % N(sorts)]);
    FU(below(20000));
    FU(below(2000));
    FU(below(8));
    FTSD(ms);
    F(u->id18);
    FIP(u->ip);
    F(id18);
    F(id18);
    F(origins[origin]);
}

static void row_rexport(const struct user *u, uint32_t ms)
{
    static const char *const descs[] = {"export=1&enc=UTF-8&xf=csv",
                                        "export=1&enc=UTF-8&xf=xls",
                                        "Pipeline by Stage, This Quarter",
                                        "\"Top Accounts\" (FY25)",
                                        "Open Cases by Owner",
                                        "isdtp=p1&export=1&enc=UTF-8&xf=csv"};
    const struct device *dv = &desktops[u->desk];
    char id[16];

    make_id(id, "00O", pick_record(REPORTS));
    F("ReportExport");
    FTS(ms);
    FRID();
    F(ORG);
    F(u->id);
    run_cpu(3000);
    *w++ = '"';
    *w++ = '/';
    put(id);
    put("\",");
    FSESSION(u, ms);
    FLOGINKEY(u, ms);
    F(dv->ua);
    FQ(PICK(descs));
    FTSD(ms);
    F(u->id18);
    FIP(u->ip);
    FE();
}

static void row_search(const struct user *u, uint32_t ms)
{
    static const char *const prefixes[] = {
        "001 003 006 00Q",     "001", "003 001", "500 001 003",
        "001 003 006 00Q 500", "006"};
    static const char *const terms[] = {
        "acme",  "globex corp", "initech", "umbrella",     "stark industries",
        "wayne", "soylent",     "hooli",   "renewal 2025", "Q4 pipeline"};
    F("Search");
    FTS(ms);
    FRID();
    F(ORG);
    F(u->id);
    FKEY(rnd(), 18); /* QUERY_ID */
    FU(chance(150) ? 0 : below(60));
    if (chance(60)) {
        /* a quoted search, which Salesforce wraps in its own quotes */
        char q[40];
        snprintf(q, sizeof(q), "%s*", lasts[below(32)]);
        FQQ(q);
    } else if (chance(500)) {
        F(PICK(terms));
    } else {
        char q[80];
        snprintf(q, sizeof(q), "%s %s", firsts[below(32)], lasts[below(32)]);
        F(q);
    }
    F(PICK(prefixes));
    FTSD(ms);
}

static void row_dash(const struct user *u, uint32_t ms)
{
    static const char *const types[] = {"R", "R", "S", "C", "c"};
    uint64_t dash = pick_record(DASHBOARDS), rep = pick_record(REPORTS);
    int scheduled = chance(150);
    char id[16], id18[19];

    make_id(id, "01Z", dash);
    F("Dashboard");
    FTS(ms);
    FRID();
    F(ORG);
    F(u->id);
    run_cpu(1500);
    *w++ = '"';
    *w++ = '/';
    put(id);
    put("\",");
    FSESSION(u, ms);
    FLOGINKEY(u, ms);
    FID("01a", (dash * 12 + below(12)) % ID_SPACE);
    F(id);
    FID("00O", rep);
    F(chance(15) ? "0" : "1");
    F(types[dash % N(types)]);
    F(scheduled ? "1" : "0");
    FTSD(ms);
    F(u->id18);
    FIP(u->ip);
    make_id18(id18, id);
    F(id18);
    F(id18);
    FID18("00O", rep);
}

static void row(enum et t, const struct user *u, uint32_t ms)
{
    switch (t) {
    case LPV:
        row_lpv(u, ms);
        break;
    case URI:
        row_uri(u, ms);
        break;
    case LI:
        row_li(u, ms);
        break;
    case API:
        row_api(u, ms);
        break;
    case REST:
        row_rest(u, ms);
        break;
    case LOGIN:
        row_login(u, ms);
        break;
    case LOGOUT:
        row_logout(u, ms);
        break;
    case REPORT:
        row_report(u, ms);
        break;
    case SEARCH:
        row_search(u, ms);
        break;
    case DASH:
        row_dash(u, ms);
        break;
    case LERR:
        row_lerr(u, ms);
        break;
    case BULK:
        row_bulk(u, ms);
        break;
    case REXPORT:
        row_rexport(u, ms);
        break;
    case NTYPES:
        break;
    }
}

/* activity by hour of day, UTC: people's working day, machines' all day */
static const unsigned human_hours[24] = {2,  1,  1,  1,  1,  2,  4,  8,
                                         14, 18, 20, 20, 17, 19, 20, 19,
                                         16, 12, 8,  6,  5,  4,  3,  2};
static const unsigned api_hours[24] = {14, 16, 16, 12, 8, 6, 6, 7, 8, 8, 8, 8,
                                       8,  8,  8,  8,  8, 8, 8, 8, 8, 8, 8, 10};

static void block(struct out *o, enum et t, uint64_t n)
{
    const unsigned *hw = population(t) == P_API ? api_hours : human_hours;
    enum pop p = population(t);
    uint64_t sum = 0, cum = 0;
    for (int h = 0; h < 24; h++)
        sum += hw[h];
    header(o, t);
    for (int h = 0; h < 24; h++) {
        uint64_t from = n * cum / sum;
        cum += hw[h];
        uint64_t nh = n * cum / sum - from;
        for (uint64_t i = 0; i < nh; i++) {
            uint32_t ms = (uint32_t)((unsigned)h * 3600000u +
                                     (i * 3600000u + below(3600000)) / nh);
            begin(o);
            row(t, pick_user(p), ms);
            end();
            total_rows++;
        }
    }
}

/* ---- main -------------------------------------------------------------- */

static void make_users(uint32_t n, int days)
{
    uint32_t integrations = n / 400 ? n / 400 : 1;
    users = calloc(n, sizeof(*users));
    seen = calloc(n, 1);
    if (!users || !seen)
        die("out of memory", NULL);
    for (uint32_t i = 0; i < n; i++) {
        struct user *u = &users[i];
        unsigned r = below(1000);
        u->index = i;
        /* a bijection of i: ids look scattered, never collide */
        make_id(u->id, "005", ((uint64_t)i * 2654435761u + 12345) % ID_SPACE);
        make_id18(u->id18, u->id);
        u->ip = 0x0A000000u | (uint32_t)(mix64(i) & 0xFFFFFF);
        if ((u->ip & 255) == 0)
            u->ip |= 1;
        if ((u->ip >> 24) == 10 && chance(400)) /* office NAT vs home */
            u->ip = 0xC6336400u | (i & 255);    /* 198.51.100.x */
        u->weight = (float)(1.0 / (0.04 + unit()));
        u->desk = (uint8_t)weighted(desktop_w, (unsigned)N(desktop_w));
        u->first_day = 0;
        u->last_day = (uint16_t)(days - 1);
        if (i < integrations) {
            u->kind = INTEGRATION;
            u->weight =
                (float)(200.0 * (1 + below(4)) * (n / 400 + 1) / integrations);
            continue;
        }
        u->kind = r < 120   ? INACTIVE
                  : r < 200 ? LOGIN_ONLY
                  : r < 215 ? ADMIN
                            : HUMAN;
        if (chance(150))
            u->mob = (uint8_t)(1 + below((uint32_t)N(mobiles)));
        u->locked = (uint8_t)chance(20);
        u->frustrated = (uint8_t)chance(40);
        u->classic = (uint8_t)chance(60);
        if (chance(50)) /* joined during the period */
            u->first_day = (uint16_t)below((uint32_t)days);
        else if (chance(50)) /* stopped during the period */
            u->last_day = (uint16_t)below((uint32_t)days);
    }
}

static double arg(int argc, char **argv, int i, double def, double min,
                  double max, const char *what)
{
    if (argc <= i)
        return def;
    char *e;
    double v = strtod(argv[i], &e);
    if (e == argv[i] || *e || !(v >= min && v <= max)) {
        fprintf(stderr, "bench_gen: bad %s '%s' (%g to %g)\n", what, argv[i],
                min, max);
        fprintf(stderr, "usage: bench_gen [MB [USERS [DAYS [SEED [DIR]]]]]\n");
        exit(2);
    }
    return v;
}

int main(int argc, char **argv)
{
    static struct out outs[NTYPES];
    static char paths[NTYPES][4096];
    const double mb = arg(argc, argv, 1, 64, 0.01, 1048576, "MB");
    const uint32_t nu =
        (uint32_t)arg(argc, argv, 2, 5000, 1, 10000000, "USERS");
    const int days = (int)arg(argc, argv, 3, 30, 1, 3650, "DAYS");
    const uint64_t seed = (uint64_t)arg(argc, argv, 4, 1, 0, 1e18, "SEED");
    const char *dir = argc > 5 ? argv[5] : NULL;
    const uint64_t target = (uint64_t)(mb * 1048576.0);
    double carry[NTYPES] = {0}, share_sum = 0;

    if (argc > 6) {
        fprintf(stderr, "usage: bench_gen [MB [USERS [DAYS [SEED [DIR]]]]]\n");
        return 2;
    }
    rng_state = mix64(seed) | 1;
    start_day = days_from_civil(2025, 9, 1);
    nusers = nu;
    make_users(nu, days);
    for (int p = 0; p < NPOPS; p++) {
        pickers[p].cum = malloc(nu * sizeof(double));
        pickers[p].idx = malloc(nu * sizeof(uint32_t));
        if (!pickers[p].cum || !pickers[p].idx)
            die("out of memory", NULL);
    }
    for (int t = 0; t < NTYPES; t++) {
        share_sum += share[t];
        if (dir) {
            snprintf(paths[t], sizeof(paths[t]), "%s/%s.csv", dir,
                     type_name[t]);
            outs[t].path = paths[t];
        } else if (t == 0) {
            outs[t].f = stdout;
            outs[t].path = "stdout";
        }
        if (dir || t == 0) {
            outs[t].buf = malloc(OUT_CAP);
            if (!outs[t].buf)
                die("out of memory", NULL);
        }
    }

    double weights_left = 0;
    for (int d = 0; d < days; d++)
        weights_left += is_weekend(d) ? 0.15 : 1.0;
    double row_bytes = 520; /* a first guess, then measured */
    for (int d = 0; d < days; d++) {
        double dw = is_weekend(d) ? 0.15 : 1.0;
        double left = target > total_bytes ? (double)(target - total_bytes) : 0;
        double day_bytes = left * dw / weights_left;
        weights_left -= dw;
        if (total_rows > 1000)
            row_bytes = (double)total_bytes / (double)total_rows;
        double rows = day_bytes / row_bytes;
        set_day(d);
        build_pickers(d);
        for (int t = 0; t < NTYPES; t++) {
            double x = rows * share[t] / share_sum + carry[t];
            uint64_t n = (uint64_t)x;
            carry[t] = x - (double)n;
            if (n == 0)
                continue;
            struct out *o = &outs[dir ? t : 0];
            if (!o->f) {
                o->f = fopen(o->path, "wb");
                if (!o->f)
                    die("cannot create", o->path);
            }
            block(o, (enum et)t, n);
        }
    }
    uint64_t seen_users = 0;
    for (uint32_t i = 0; i < nu; i++)
        seen_users += seen[i];
    for (int t = 0; t < NTYPES; t++) {
        if (!outs[t].f)
            continue;
        flush(&outs[t]);
        if (fflush(outs[t].f) != 0 || ferror(outs[t].f))
            die("write error", outs[t].path);
        if (outs[t].f != stdout && fclose(outs[t].f) != 0)
            die("write error", outs[t].path);
    }
    fprintf(stderr, "rows=%llu bytes=%llu users=%llu headers=%llu\n",
            (unsigned long long)total_rows, (unsigned long long)total_bytes,
            (unsigned long long)seen_users, (unsigned long long)total_headers);
    return 0;
}
