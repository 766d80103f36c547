/* uptake_sim.c - uptake-sim: a seeded simulator of a CRM organisation
 *
 * Writes the audit logs of a made-up organisation whose users each follow a
 * persona: a healthy adopter of some intensity, one of the five causes of
 * non-adoption of DESIGN.md, a new joiner, a leaver, a service account or an
 * adopter who drops off halfway. Beside the logs go the roster uptake reads
 * and a truth file saying what a careful person would judge of each user.
 * man/uptake-sim.1 says what each persona does.
 *
 * The same options give the same bytes: its own PRNG (xorshift64*, seeded
 * through splitmix64), one stream per user and day so that one user's day
 * never depends on another's; no clock, no rand(). Standalone C11, libc only.
 *
 * The flow: options -> the org (personas, roles, personal style, calendar)
 * -> roster and truth -> for each day, every user's events, sorted by time,
 * written in one of the formats uptake reads (a writer per format: sf_,
 * lh_, sa_, dv_, sc_, pv_, hs_, zo_).
 */
#include <ctype.h>
#include <errno.h>
#include <getopt.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#define SIM_VERSION "0.1.0" /* uptake's (configure.ac) */
#define N(a) (sizeof(a) / sizeof((a)[0]))
#define DAY_MS INT64_C(86400000)
#define ID_SPACE UINT64_C(56800235584) /* 62^6: six base-62 digits */

enum {
    USERS_MAX = 1000000,
    DAYS_MAX = 3660,
    SESSIONS_MAX = 6,
    SHARES_MAX = 16,
    COLS_MAX = 64,
    PATH_LEN = 4096,
    REPORTS = 240,
    DASHBOARDS = 30,
    SESSION_NONE = 0xFFFF,
};

#define NEW_RECORD UINT32_C(0x80000000) /* marks a record just made */

/* Streams of the PRNG, so that each kind of choice has its own. */
enum tag {
    TAG_PERSONA = 1,
    TAG_ROLE,
    TAG_STYLE,
    TAG_DAY,
    TAG_ORG,
    TAG_WRITER,
    TAG_RECORD,
    TAG_KEY,
};

/* ---- PRNG: xorshift64*, streams seeded through splitmix64 ------------- */

struct rng {
    uint64_t s;
};

/* splitmix64's finaliser: a bijection of 64-bit values */
static uint64_t mix64(uint64_t x)
{
    x += 0x9E3779B97F4A7C15ull;
    x = (x ^ (x >> 30)) * 0xBF58476D1CE4E5B9ull;
    x = (x ^ (x >> 27)) * 0x94D049BB133111EBull;
    return x ^ (x >> 31);
}

static uint64_t hash3(uint64_t seed, uint64_t a, uint64_t b)
{
    return mix64(mix64(mix64(seed) ^ a) + b);
}

/* The stream of (SEED, A, B): independent of every other pair. */
static struct rng rng_stream(uint64_t seed, uint64_t a, uint64_t b)
{
    uint64_t s = hash3(seed, a, b);
    return (struct rng){s ? s : 0x9E3779B97F4A7C15ull};
}

static uint64_t rng_next(struct rng *r)
{
    uint64_t x = r->s;
    x ^= x >> 12;
    x ^= x << 25;
    x ^= x >> 27;
    r->s = x;
    return x * 0x2545F4914F6CDD1Dull;
}

/* uniform in [0, 1) */
static double rng_unit(struct rng *r)
{
    return (double)(rng_next(r) >> 11) * 0x1.0p-53;
}

/* uniform in [0, n); 0 when n is 0 */
static uint32_t rng_below(struct rng *r, uint32_t n)
{
    return (uint32_t)(((rng_next(r) >> 32) * (uint64_t)n) >> 32);
}

static bool rng_chance(struct rng *r, double p) { return rng_unit(r) < p; }

/* e^-x for x >= 0, without libm: halve, sum the series, square back */
static double exp_neg(double x)
{
    int halvings = 0;
    double term = 1, sum = 1;
    while (x > 0.5) {
        x /= 2;
        halvings++;
    }
    for (int k = 1; k < 14; k++) {
        term *= -x / k;
        sum += term;
    }
    while (halvings-- > 0)
        sum *= sum;
    return sum;
}

/* Poisson with MEAN (Knuth's method, in steps of 30 for large means) */
static unsigned rng_poisson(struct rng *r, double mean)
{
    unsigned k = 0;
    for (; mean > 30; mean -= 30)
        k += rng_poisson(r, 30);
    if (mean <= 0)
        return k;
    double limit = exp_neg(mean), p = rng_unit(r);
    while (p > limit) {
        k++;
        p *= rng_unit(r);
    }
    return k;
}

/* about normal, mean 0, deviation 1: four uniforms summed */
static double rng_normal(struct rng *r)
{
    double s = 0;
    for (int i = 0; i < 4; i++)
        s += rng_unit(r);
    return (s - 2.0) * 1.7320508075688772;
}

/* a multiplier around 1 with deviation SD, never below 0.05 */
static double rng_factor(struct rng *r, double sd)
{
    double f = 1 + sd * rng_normal(r);
    return f < 0.05 ? 0.05 : f;
}

static double clampd(double x, double lo, double hi)
{
    return x < lo ? lo : x > hi ? hi : x;
}

/* ---- calendar: days since 1970-01-01, UTC -------------------------------
 */

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

/* 0 is Sunday: 1970-01-01 was a Thursday */
static int weekday(int64_t day) { return (int)(((day + 4) % 7 + 7) % 7); }

static bool weekend(int64_t day)
{
    int w = weekday(day);
    return w == 0 || w == 6;
}

/* One of the last three weekdays of its month, when deadlines fall. */
static bool month_end(int64_t day)
{
    int y;
    unsigned m, m2, d;
    int after = 0;
    if (weekend(day))
        return false;
    civil_from_days(day, &y, &m, &d);
    for (int64_t x = day + 1;; x++) {
        civil_from_days(x, &y, &m2, &d);
        if (m2 != m)
            break;
        after += !weekend(x);
    }
    return after < 3;
}

/* Reads YYYY-MM-DD into *DAY; -1 when it is not a real date. */
static int parse_date(const char *s, int64_t *day)
{
    int y, y2;
    unsigned m, d, m2, d2;
    char extra;
    if (strlen(s) != 10 || s[4] != '-' || s[7] != '-' ||
        sscanf(s, "%4d-%2u-%2u%c", &y, &m, &d, &extra) != 3 || y < 1970 ||
        m < 1 || m > 12 || d < 1 || d > 31)
        return -1;
    *day = days_from_civil(y, m, d);
    civil_from_days(*day, &y2, &m2, &d2);
    return y2 == y && m2 == m && d2 == d ? 0 : -1;
}

static void format_day(int64_t day, char *out, size_t size)
{
    int y;
    unsigned m, d;
    civil_from_days(day, &y, &m, &d);
    snprintf(out, size, "%04d-%02u-%02u", y, m, d);
}

/* A moment (ms since 1970, UTC) taken apart, for the writers to print in
 * their formats. */
struct when {
    int y;
    unsigned mo, d, h, mi, s, ms;
};

static struct when when_of(int64_t ms)
{
    struct when t;
    int64_t in = ms % DAY_MS;
    civil_from_days(ms / DAY_MS, &t.y, &t.mo, &t.d);
    t.h = (unsigned)(in / 3600000);
    t.mi = (unsigned)(in / 60000 % 60);
    t.s = (unsigned)(in / 1000 % 60);
    t.ms = (unsigned)(in % 1000);
    return t;
}

/* ---- what the org is made of: static tables ----------------------------
 */

enum object { O_ACCOUNT, O_CONTACT, O_OPPORTUNITY, O_LEAD, O_CASE, O_TASK };

static const struct object_def {
    const char *sf, *prefix, *dv; /* Salesforce name and key prefix; the
                                     Dataverse logical name */
    const char *sc;               /* the SuiteCRM module */
    const char *hs, *zo;          /* HubSpot's object type, Zoho's module */
} objects[] = {
    [O_ACCOUNT] = {"Account", "001", "account", "Accounts", "COMPANY",
                   "Accounts"},
    [O_CONTACT] = {"Contact", "003", "contact", "Contacts", "CONTACT",
                   "Contacts"},
    [O_OPPORTUNITY] = {"Opportunity", "006", "opportunity", "Opportunities",
                       "DEAL", "Deals"},
    [O_LEAD] = {"Lead", "00Q", "lead", "Leads", "CONTACT", "Leads"},
    [O_CASE] = {"Case", "500", "incident", "Cases", "TICKET", "Cases"},
    [O_TASK] = {"Task", "00T", "task", "Tasks", "TASK", "Tasks"},
};

/* What a user does in a day at work, as rates: actions a day. */
enum rate {
    R_VIEW,
    R_LIST,
    R_SEARCH,
    R_CREATE,
    R_UPDATE,
    R_DELETE,
    R_REPORT,
    R_DASHBOARD,
    R_EXPORT,
    R_IMPORT,
    R_HELP,
    R_ERROR,
    R_SETUP,
    R_COUNT
};

static bool is_write(enum rate k)
{
    return k == R_CREATE || k == R_UPDATE || k == R_DELETE || k == R_IMPORT;
}

enum { ROLE_WRITES = 1, ROLE_ADMIN = 2 };

/* The habits of a role: a regular adopter's day. */
static const struct role_def {
    const char *key;   /* as --roles names it */
    const char *title; /* as the roster writes it */
    const char *app;   /* the Lightning app it works in */
    const char *teams[3];
    unsigned flags;
    double attend;        /* share of working days in the CRM */
    double sessions;      /* sessions a day */
    double mobile;        /* share of sessions on the mobile app, on average */
    bool pipeline;        /* its updates bunch on one weekday */
    double rate[R_COUNT]; /* actions a day, by enum rate */
    unsigned object_w[N(objects)]; /* what it works on, by enum object */
} roles[] = {
    /* clang-format off */
    /*          view list search create update delete report dashboard
     *          export import help error setup */
    {"sales rep", "Sales Rep", "LightningSales", {"West", "East", "Central"},
     ROLE_WRITES, .attend = 0.90, .sessions = 1.4, .mobile = 0.30,
     .pipeline = true,
     .rate = {9, 2, 1.5, 1.0, 2.5, 0.05, 0.5, 0.3,
              0.04, 0, 0.03, 0.05, 0},
     .object_w = {20, 15, 35, 20, 0, 10}},
    {"account manager", "Account Manager", "LightningSales",
     {"Key Accounts", "Strategic", "Renewals"},
     ROLE_WRITES, .attend = 0.88, .sessions = 1.3, .mobile = 0.15,
     .rate = {10, 2, 2, 0.6, 3, 0.05, 0.8, 0.5,
              0.08, 0, 0.03, 0.05, 0},
     .object_w = {40, 25, 25, 0, 0, 10}},
    {"service agent", "Service Agent", "CS_Lightning_Console",
     {"Support Tier 1", "Support Tier 2", "Support EMEA"},
     ROLE_WRITES, .attend = 0.95, .sessions = 1.2, .mobile = 0,
     .rate = {16, 3, 4, 3, 7, 0.05, 0.2, 0.4,
              0.02, 0, 1.0, 0.08, 0}, /* help: knowledge articles */
     .object_w = {10, 15, 0, 0, 70, 5}},
    {"sales manager", "Sales Manager", "LightningSales",
     {"Sales Ops", "Sales Ops", "Sales Ops"},
     0, .attend = 0.90, .sessions = 1.5, .mobile = 0.20,
     .rate = {6, 3, 1, 0.1, 0.6, 0.02, 4, 3,
              0.2, 0, 0.02, 0.03, 0},
     .object_w = {30, 10, 50, 10, 0, 0}},
    {"admin", "Admin", "LightningSales", {"IT", "IT", "IT"},
     ROLE_ADMIN, .attend = 0.90, .sessions = 1.6, .mobile = 0.02,
     .rate = {5, 2, 1.5, 0.3, 1.0, 0.2, 1.0, 0.3,
              0.15, 0.1, 0.1, 0.1, 6}, /* imports: data loads */
     .object_w = {25, 25, 20, 10, 15, 5}},
    /* clang-format on */
};

enum { ROLE_SERVICE = N(roles) }; /* a service account's role */

static const char DEFAULT_ROLES[] = "sales rep=60%,account manager=20%,"
                                    "service agent=10%,sales manager=5%,"
                                    "admin=5%";

/* How a persona's days go over the period. */
enum shape {
    SH_STEADY,   /* every working day alike */
    SH_ABSENT,   /* never logs in */
    SH_EFFORT,   /* sporadic and declining, writes batched at month end */
    SH_DROPOFF,  /* steady, then from a day halfway on hardly at all */
    SH_NEW,      /* created inside the grace period; onboarding first */
    SH_DEPARTED, /* leaves the company during or before the period */
    SH_SERVICE,  /* an integration: API calls around the clock */
};

/* --mix keys; a persona belongs to one, with a share of it. */
static const char *const mix_keys[] = {
    "adopting", "unaware", "unskilled", "effort",   "mgmt-only",
    "distrust", "dropoff", "new",       "departed", "service",
};

static const char DEFAULT_MIX[] =
    "adopting=52%,unaware=8%,unskilled=8%,effort=8%,mgmt-only=6%,"
    "distrust=5%,dropoff=3%,new=4%,departed=3%,service=3%";

/* A persona: its truth (status, cause), and how it changes the habits of
 * its role. A user's rate is role rate * mult * intensity + extra. */
static const struct persona_def {
    const char *name, *mix;
    double share; /* of its --mix key */
    const char *status, *cause;
    enum shape shape;
    unsigned needs, avoids;   /* ROLE_ flags of the roles it fits */
    double attend, intensity; /* times the role's */
    double mult[R_COUNT], extra[R_COUNT];
    double click;      /* share of searches followed by a click */
    double fail;       /* share of write attempts abandoned or failing */
    double login_fail; /* failed logins a day at work */
    unsigned fix_book; /* updates go to so few records (0: the usual) */
} personas[] = {
/* clang-format off */
#define ALL(x) {x, x, x, x, x, x, x, x, x, x, x, x, x}
    /*   mult and extra: view list search create update delete report
     *   dashboard export import help error setup */
    {"adopting-light", "adopting", 0.25, "adopting", "-", SH_STEADY,
     .attend = 0.5, .intensity = 0.6, .mult = ALL(1),
     .click = 0.7, .fail = 0.03, .login_fail = 0.01},
    {"adopting-regular", "adopting", 0.55, "adopting", "-", SH_STEADY,
     .attend = 1.0, .intensity = 1.0, .mult = ALL(1),
     .click = 0.7, .fail = 0.03, .login_fail = 0.01},
    {"adopting-heavy", "adopting", 0.20, "adopting", "-", SH_STEADY,
     .attend = 1.08, .intensity = 1.7, .mult = ALL(1),
     .click = 0.75, .fail = 0.02, .login_fail = 0.01},
    {"unaware-absent", "unaware", 0.40, "inactive", "unaware", SH_ABSENT,
     .attend = 0},
    {"unaware-idle", "unaware", 0.60, "not-adopting", "unaware", SH_STEADY,
     .attend = 0.45, .intensity = 1.0,
     .mult = {0.06, 0.1, 0.05, 0, 0, 0, 0, 0, 0, 0, 0.5, 0.5, 0},
     .click = 0.5, .fail = 0, .login_fail = 0.02},
    {"unskilled", "unskilled", 1, "not-adopting", "unskilled", SH_STEADY,
     .attend = 0.7, .intensity = 0.7,
     .mult = {0.5, 0.8, 1.5, 0.8, 0.8, 0.3, 0.3, 0.5, 0.1, 0, 1, 1, 0},
     .extra = {0, 0, 0.5, 0, 0, 0, 0, 0, 0, 0, 1.2, 0.8, 0},
     .click = 0.15, .fail = 0.6, .login_fail = 0.35},
    {"effort", "effort", 1, "not-adopting", "effort", SH_EFFORT,
     .attend = 0.2, .intensity = 0.8,
     .mult = {0.5, 0.5, 0.5, 1, 1, 1, 0.4, 0.4, 1, 0, 1, 1, 1},
     .click = 0.6, .fail = 0.03, .login_fail = 0.01},
    {"mgmt-only", "mgmt-only", 1, "at-risk", "mgmt-only", SH_STEADY,
     .needs = ROLE_WRITES, .attend = 0.85, .intensity = 1.0,
     .mult = {0.7, 0, 0, 1.1, 1.1, 1, 0, 0, 0, 0, 0.5, 1, 1},
     .click = 0, .fail = 0.03, .login_fail = 0.01},
    {"distrust", "distrust", 1, "not-adopting", "distrust", SH_STEADY,
     .avoids = ROLE_ADMIN, .attend = 0.8, .intensity = 1.0,
     .mult = {1.6, 1.3, 1.2, 0.15, 0.35, 0.5, 1.5, 1, 1, 1, 1, 1, 1},
     .extra = {0, 0, 0, 0, 0, 0, 0, 0, 0.5, 0.12, 0, 0, 0},
     .click = 0.7, .fail = 0.03, .login_fail = 0.01, .fix_book = 4},
    {"dropoff", "dropoff", 1, "at-risk", "effort", SH_DROPOFF,
     .attend = 1.0, .intensity = 1.0, .mult = ALL(1),
     .click = 0.7, .fail = 0.03, .login_fail = 0.01},
    {"new", "new", 1, "new", "-", SH_NEW,
     .attend = 1.0, .intensity = 0.9, .mult = ALL(1),
     .click = 0.6, .fail = 0.05, .login_fail = 0.03},
    {"departed", "departed", 1, "departed", "-", SH_DEPARTED,
     .attend = 0.9, .intensity = 0.9, .mult = ALL(1),
     .click = 0.7, .fail = 0.03, .login_fail = 0.01},
    {"service", "service", 1, "service", "-", SH_SERVICE, .attend = 1},
#undef ALL
    /* clang-format on */
};

enum { P_REGULAR = 1 }; /* the adopter the others are blurred towards */

/* What --noise changes. */
static const struct noise_def {
    double day_sd;    /* deviation of a day's activity */
    double sick;      /* chance of a working day off */
    double weekend;   /* chance of working on a weekend day */
    double leave;     /* chance of a leave week in 28 days */
    double blur;      /* how far personas drift towards the regular adopter */
    double person_sd; /* deviation of personal intensity */
} noises[] = {
    {0.10, 0.00, 0.010, 0.00, 0.00, 0.10},
    {0.30, 0.03, 0.025, 0.12, 0.01, 0.25},
    {0.50, 0.05, 0.040, 0.20, 0.04, 0.35},
    {0.75, 0.08, 0.060, 0.30, 0.08, 0.45},
};

/* Holidays most of the org takes (month, day). */
static const unsigned char fixed_holidays[][2] = {{1, 1},   {5, 1},   {12, 24},
                                                  {12, 25}, {12, 26}, {12, 31}};

static const struct name_part {
    const char *name, *ascii;
} firsts[] = {
    {"Ana", "ana"},         {"Ben", "ben"},       {"Carla", "carla"},
    {"Dev", "dev"},         {"Eve", "eve"},       {"Finn", "finn"},
    {"Gina", "gina"},       {"Hugo", "hugo"},     {"Inés", "ines"},
    {"Jonas", "jonas"},     {"Kim", "kim"},       {"Leo", "leo"},
    {"Maria", "maria"},     {"James", "james"},   {"Li", "li"},
    {"Fatima", "fatima"},   {"John", "john"},     {"Sofia", "sofia"},
    {"Michael", "michael"}, {"Emma", "emma"},     {"Wei", "wei"},
    {"Olivia", "olivia"},   {"Daniel", "daniel"}, {"Amir", "amir"},
    {"Laura", "laura"},     {"Pedro", "pedro"},   {"Chen", "chen"},
    {"Sarah", "sarah"},     {"Ahmed", "ahmed"},   {"Julia", "julia"},
    {"Robert", "robert"},   {"Nina", "nina"},     {"Thomas", "thomas"},
    {"Yuki", "yuki"},       {"Carlos", "carlos"}, {"Elena", "elena"},
    {"Peter", "peter"},     {"Aisha", "aisha"},   {"Mark", "mark"},
    {"Zoë", "zoe"},         {"Paul", "paul"},     {"Hana", "hana"},
    {"Björn", "bjorn"},     {"Priya", "priya"},   {"Tomás", "tomas"},
    {"Grace", "grace"},     {"Omar", "omar"},     {"Lucía", "lucia"},
};

static const struct name_part lasts[] = {
    {"Torres", "torres"},       {"Okafor", "okafor"},
    {"Mendes", "mendes"},       {"Patel", "patel"},
    {"Lindqvist", "lindqvist"}, {"Byrne", "byrne"},
    {"Rossi", "rossi"},         {"Lefèvre", "lefevre"},
    {"Navarro", "navarro"},     {"Weber", "weber"},
    {"Nguyen", "nguyen"},       {"Marchetti", "marchetti"},
    {"Garcia", "garcia"},       {"Smith", "smith"},
    {"Wang", "wang"},           {"Khan", "khan"},
    {"Johnson", "johnson"},     {"Müller", "mueller"},
    {"Brown", "brown"},         {"Silva", "silva"},
    {"Kowalski", "kowalski"},   {"Lopez", "lopez"},
    {"Tanaka", "tanaka"},       {"Dubois", "dubois"},
    {"Jensen", "jensen"},       {"Park", "park"},
    {"Novak", "novak"},         {"Larsen", "larsen"},
    {"Costa", "costa"},         {"Schmidt", "schmidt"},
    {"Haddad", "haddad"},       {"Murphy", "murphy"},
    {"Ivanova", "ivanova"},     {"Moreau", "moreau"},
    {"Santos", "santos"},       {"Fischer", "fischer"},
    {"Sato", "sato"},           {"Andersen", "andersen"},
    {"Çelik", "celik"},         {"O'Brien", "obrien"},
    {"Kowalczyk", "kowalczyk"}, {"Yilmaz", "yilmaz"},
    {"Dahl", "dahl"},           {"Ferreira", "ferreira"},
    {"Nakamura", "nakamura"},   {"Svensson", "svensson"},
    {"Horvath", "horvath"},     {"Ali", "ali"},
};

static const char *const service_names[] = {
    "Integration User", "ERP Sync", "Marketing Sync", "Data Warehouse Export",
    "Telephony Connector"};

/* ---- options ------------------------------------------------------------
 */

enum format {
    FMT_SALESFORCE,
    FMT_DATAVERSE,
    FMT_SALESFORCE_LOGIN,
    FMT_SUITECRM,
    FMT_PURVIEW,
    FMT_HUBSPOT,
    FMT_ZOHO,
    FMT_SALESFORCE_AUDIT
};

struct options {
    uint32_t users;
    int days;
    int64_t start; /* the first day */
    uint64_t seed;
    enum format format;
    int noise;
    double volume;
    bool daily;    /* salesforce: a file per event type per day */
    uint64_t size; /* stop at the end of the day the logs reach it; 0: no */
    const char *out;
    double role_share[N(roles)];
    double mix_share[N(mix_keys)];
};

static const char usage_text[] =
    "Usage: uptake-sim --out DIR [OPTIONS]\n"
    "Simulate a CRM organisation: write its audit logs, its roster and a\n"
    "truth file of what each user's behaviour shows.\n"
    "\n"
    "  --users N       users, service accounts included (default 50)\n"
    "  --roles SPEC    roles and their shares of the people (default\n"
    "                  'sales rep=60%,account manager=20%,service agent=10%,\n"
    "                  sales manager=5%,admin=5%')\n"
    "  --days N        days simulated (default 28)\n"
    "  --start DATE    the first day, YYYY-MM-DD (default 2026-10-05)\n"
    "  --seed N        seed of every random choice (default 1)\n"
    "  --format NAME   salesforce (event log files, one per event type),\n"
    "                  salesforce-login (login history only, an org\n"
    "                  without Event Monitoring), salesforce-audit (the\n"
    "                  Setup Audit Trail: admin changes), dataverse (audit\n"
    "                  table), suitecrm (tracker table), purview\n"
    "                  (Dynamics 365 activity in the Purview audit\n"
    "                  log), hubspot (login history and audit log, API\n"
    "                  JSON) or zoho (audit log) (default salesforce)\n"
    "  --noise LEVEL   0 to 3: day-to-day variation, leave, persona blur\n"
    "                  (default 1)\n"
    "  --mix SPEC      personas and their shares (default 'adopting=52%,\n"
    "                  unaware=8%,unskilled=8%,effort=8%,mgmt-only=6%,\n"
    "                  distrust=5%,dropoff=3%,new=4%,departed=3%,"
    "service=3%')\n"
    "  --volume F      background traffic (and so output size) F times the\n"
    "                  usual, 0 to 100 (default 1)\n"
    "  --size SIZE     stop at the end of the first day by which the logs\n"
    "                  reach SIZE bytes (suffix K, M or G: KiB, MiB, GiB);\n"
    "                  --days still bounds the period\n"
    "  --daily         salesforce: a file per event type and day,\n"
    "                  DATE_Type.csv, as Salesforce delivers them\n"
    "  --out DIR       writes DIR/logs/, DIR/roster.csv, DIR/truth.tsv\n"
    "  -h, --help      this help\n"
    "      --version   the version\n"
    "\n"
    "Roles: sales rep, account manager, service agent, sales manager, "
    "admin.\n"
    "Personas: adopting, unaware, unskilled, effort, mgmt-only, distrust,\n"
    "dropoff, new, departed, service. See uptake-sim(1).\n";

__attribute__((format(printf, 1, 2))) static int usage_error(const char *fmt,
                                                             ...)
{
    va_list ap;
    va_start(ap, fmt);
    fputs("uptake-sim: ", stderr);
    vfprintf(stderr, fmt, ap);
    va_end(ap);
    fputs("\nTry 'uptake-sim --help'.\n", stderr);
    return 2;
}

__attribute__((format(printf, 1, 2), noreturn)) static void die(const char *fmt,
                                                                ...)
{
    va_list ap;
    va_start(ap, fmt);
    fputs("uptake-sim: ", stderr);
    vfprintf(stderr, fmt, ap);
    va_end(ap);
    fputc('\n', stderr);
    exit(1);
}

static void *xcalloc(size_t n, size_t size)
{
    void *p = calloc(n ? n : 1, size);
    if (!p)
        die("out of memory");
    return p;
}

static char fold(char c)
{
    return c == '-' || c == '_' ? ' ' : (char)tolower((unsigned char)c);
}

/* The index of the name S (LEN bytes, spaces around it ignored) among the
 * N NAMES, compared without regard to case, with '-', '_' and ' ' alike;
 * N when none. */
static size_t find_name(const char *s, size_t len, const char *const *names,
                        size_t n)
{
    while (len > 0 && *s == ' ')
        s++, len--;
    while (len > 0 && s[len - 1] == ' ')
        len--;
    for (size_t i = 0; i < n; i++) {
        size_t k = 0;
        while (k < len && names[i][k] && fold(s[k]) == fold(names[i][k]))
            k++;
        if (k == len && !names[i][k])
            return i;
    }
    return n;
}

static int unknown_name(const char *opt, const char *s, size_t len,
                        const char *const *names, size_t n)
{
    char known[256] = "";
    for (size_t i = 0; i < n; i++) {
        size_t at = strlen(known);
        snprintf(known + at, sizeof(known) - at, "%s%s", i ? ", " : "",
                 names[i]);
    }
    return usage_error("--%s: unknown name '%.*s' (%s)", opt, (int)len, s,
                       known);
}

/* Reads SPEC, "NAME=P%,NAME=P%", into the shares of the N NAMES (0 for a
 * name not given). Returns 0, or a usage error's status. */
static int parse_shares(const char *opt, const char *spec,
                        const char *const *names, size_t n, double *share)
{
    double total = 0;
    for (size_t i = 0; i < n; i++)
        share[i] = 0;
    for (const char *p = spec; *p;) {
        const char *comma = strchr(p, ','), *eq = strchr(p, '=');
        char *end;
        if (!comma)
            comma = p + strlen(p);
        if (!eq || eq > comma)
            return usage_error("--%s: '%.*s' is not NAME=PERCENT", opt,
                               (int)(comma - p), p);
        size_t k = find_name(p, (size_t)(eq - p), names, n);
        if (k == n)
            return unknown_name(opt, p, (size_t)(eq - p), names, n);
        double v = strtod(eq + 1, &end);
        if (*end == '%')
            end++;
        if (end == eq + 1 || end != comma || !(v >= 0 && v <= 1e6))
            return usage_error("--%s: bad share '%.*s'", opt,
                               (int)(comma - eq - 1), eq + 1);
        share[k] = v;
        total += v;
        p = *comma ? comma + 1 : comma;
    }
    if (!(total > 0))
        return usage_error("--%s: the shares add up to 0", opt);
    return 0;
}

static int parse_whole(const char *opt, const char *arg, long min, long max,
                       long *out)
{
    char *end;
    errno = 0;
    long v = strtol(arg, &end, 10);
    if (end == arg || *end || errno || v < min || v > max)
        return usage_error("--%s: '%s' is not a whole number from %ld to %ld",
                           opt, arg, min, max);
    *out = v;
    return 0;
}

static int parse_number(const char *opt, const char *arg, double min,
                        double max, double *out)
{
    char *end;
    errno = 0;
    double v = strtod(arg, &end);
    if (end == arg || *end || errno || !(v >= min && v <= max))
        return usage_error("--%s: '%s' is not a number from %g to %g", opt, arg,
                           min, max);
    *out = v;
    return 0;
}

static int parse_seed(const char *arg, uint64_t *seed)
{
    char *end;
    errno = 0;
    unsigned long long v = strtoull(arg, &end, 10);
    if (end == arg || *end || errno || arg[0] == '-')
        return usage_error("--seed: '%s' is not a whole number", arg);
    *seed = v;
    return 0;
}

/* A byte count, with an optional K, M or G (binary) suffix. */
static int parse_size(const char *arg, uint64_t *out)
{
    char *end;
    errno = 0;
    unsigned long long v = strtoull(arg, &end, 10);
    unsigned shift = 0;
    if (*end == 'K')
        shift = 10;
    else if (*end == 'M')
        shift = 20;
    else if (*end == 'G')
        shift = 30;
    if (end == arg || errno || arg[0] == '-' || (shift && end[1]) ||
        (!shift && *end) || v == 0 || v > (UINT64_MAX >> 30))
        return usage_error("--size: '%s' is not a size (a whole number of "
                           "bytes, or with K, M or G)",
                           arg);
    *out = (uint64_t)v << shift;
    return 0;
}

static const struct option long_options[] = {
    {"users", required_argument, NULL, 'u'},
    {"roles", required_argument, NULL, 'r'},
    {"days", required_argument, NULL, 'd'},
    {"start", required_argument, NULL, 's'},
    {"seed", required_argument, NULL, 'S'},
    {"format", required_argument, NULL, 'f'},
    {"noise", required_argument, NULL, 'n'},
    {"mix", required_argument, NULL, 'm'},
    {"volume", required_argument, NULL, 'v'},
    {"size", required_argument, NULL, 'z'},
    {"daily", no_argument, NULL, 'D'},
    {"out", required_argument, NULL, 'o'},
    {"help", no_argument, NULL, 'h'},
    {"version", no_argument, NULL, 'V'},
    {NULL, 0, NULL, 0},
};

static int set_format(struct options *o, const char *arg)
{
    if (strcmp(arg, "salesforce") == 0)
        o->format = FMT_SALESFORCE;
    else if (strcmp(arg, "dataverse") == 0)
        o->format = FMT_DATAVERSE;
    else if (strcmp(arg, "salesforce-login") == 0)
        o->format = FMT_SALESFORCE_LOGIN;
    else if (strcmp(arg, "suitecrm") == 0)
        o->format = FMT_SUITECRM;
    else if (strcmp(arg, "purview") == 0)
        o->format = FMT_PURVIEW;
    else if (strcmp(arg, "hubspot") == 0)
        o->format = FMT_HUBSPOT;
    else if (strcmp(arg, "zoho") == 0)
        o->format = FMT_ZOHO;
    else if (strcmp(arg, "salesforce-audit") == 0)
        o->format = FMT_SALESFORCE_AUDIT;
    else
        return usage_error("--format: unknown format '%s' (salesforce, "
                           "salesforce-login, salesforce-audit, "
                           "dataverse, suitecrm, purview, hubspot or "
                           "zoho)",
                           arg);
    return 0;
}

static int set_roles(struct options *o, const char *spec)
{
    const char *keys[N(roles)];
    for (size_t i = 0; i < N(roles); i++)
        keys[i] = roles[i].key;
    return parse_shares("roles", spec, keys, N(roles), o->role_share);
}

/* One option; returns 0, the status to exit with, or -1 to exit 0. */
static int set_option(struct options *o, int c, const char *arg)
{
    long v = 0;
    int rc;
    switch (c) {
    case 'u':
        rc = parse_whole("users", arg, 1, USERS_MAX, &v);
        o->users = (uint32_t)v;
        return rc;
    case 'd':
        rc = parse_whole("days", arg, 1, DAYS_MAX, &v);
        o->days = (int)v;
        return rc;
    case 'n':
        rc = parse_whole("noise", arg, 0, 3, &v);
        o->noise = (int)v;
        return rc;
    case 'v':
        return parse_number("volume", arg, 0, 100, &o->volume);
    case 'z':
        return parse_size(arg, &o->size);
    case 'D':
        o->daily = true;
        return 0;
    case 's':
        return parse_date(arg, &o->start) == 0
                   ? 0
                   : usage_error("--start: '%s' is not a date YYYY-MM-DD", arg);
    case 'S':
        return parse_seed(arg, &o->seed);
    case 'f':
        return set_format(o, arg);
    case 'r':
        return set_roles(o, arg);
    case 'm':
        return parse_shares("mix", arg, mix_keys, N(mix_keys), o->mix_share);
    case 'o':
        o->out = arg;
        return 0;
    case 'h':
        fputs(usage_text, stdout);
        return -1;
    case 'V':
        printf("uptake-sim %s\n", SIM_VERSION);
        return -1;
    default: /* getopt has said why */
        fputs("Try 'uptake-sim --help'.\n", stderr);
        return 2;
    }
}

/* Fills O from the command line; returns 0 to go on, the status to exit
 * with, or -1 to exit 0 (after --help or --version). */
static int parse_options(int argc, char **argv, struct options *o)
{
    int c, rc;
    memset(o, 0, sizeof(*o));
    o->users = 50;
    o->days = 28;
    o->start = days_from_civil(2026, 10, 5);
    o->seed = 1;
    o->noise = 1;
    o->volume = 1;
    if (set_roles(o, DEFAULT_ROLES) != 0 ||
        parse_shares("mix", DEFAULT_MIX, mix_keys, N(mix_keys), o->mix_share) !=
            0)
        return 1; /* the defaults are wrong: a bug */
    while ((c = getopt_long(argc, argv, "h", long_options, NULL)) != -1)
        if ((rc = set_option(o, c, optarg)) != 0)
            return rc;
    if (optind < argc)
        return usage_error("unexpected argument '%s'", argv[optind]);
    if (!o->out || !o->out[0])
        return usage_error("--out DIR is required");
    if (o->daily && o->format != FMT_SALESFORCE)
        return usage_error("--daily is for --format salesforce");
    if (o->start + o->days > days_from_civil(10000, 1, 1))
        return usage_error("--start, --days: the period ends after 9999");
    if (strlen(o->out) > PATH_LEN - 64)
        return usage_error("--out: the path is too long");
    return 0;
}

/* ---- the org: users, personas, roles, personal style ---------------------
 */

struct user {
    char id15[16], id18[19], guid[37];
    char name[48], login[96];
    uint8_t role, persona;
    uint8_t desk, phone, classic, pipeline_dow;
    uint32_t ip;
    int start_min, span_min; /* the working day, minutes after 00:00 UTC */
    int first_day, last_day; /* the days of the period in the company */
    int leave_from, leave_to;
    int switch_day; /* dropoff: from this day on, hardly at all */
    int ghost_day;  /* departed: a failed login after leaving */
    int64_t created;
    bool active;
    double attend, mobile, click, fail, login_fail;
    double rate[R_COUNT];
    unsigned book, fix_book; /* the records the user works on */
};

struct org {
    const struct options *opt;
    const struct noise_def *noise;
    struct user *users;
    uint32_t n;
    uint8_t *holiday;    /* per day of the period */
    uint32_t dash_owner; /* runs the shared dashboards; UINT32_MAX: none */
};

static const char b62[] =
    "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";

/* A 15-character Salesforce id: key prefix, "5g0000", N in base 62. */
static void sf_id(char *out, const char *prefix, uint64_t n)
{
    memcpy(out, prefix, 3);
    memcpy(out + 3, "5g0000", 6);
    n %= ID_SPACE;
    for (int i = 14; i >= 9; i--) {
        out[i] = b62[n % 62];
        n /= 62;
    }
    out[15] = '\0';
}

/* Its 18-character form: a suffix spelling the case of the 15. */
static void sf_id18(char *out, const char *id15)
{
    static const char suffix[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZ012345";
    memcpy(out, id15, 15);
    for (int c = 0; c < 3; c++) {
        unsigned bits = 0;
        for (int j = 0; j < 5; j++)
            if (id15[c * 5 + j] >= 'A' && id15[c * 5 + j] <= 'Z')
                bits |= 1u << j;
        out[15 + c] = suffix[bits];
    }
    out[18] = '\0';
}

/* A GUID in lower case, from 128 bits. */
static void guid(char *out, uint64_t hi, uint64_t lo)
{
    snprintf(out, 37, "%08x-%04x-%04x-%04x-%012llx", (unsigned)(hi >> 32),
             (unsigned)(hi >> 16) & 0xFFFFu, (unsigned)hi & 0xFFFFu,
             (unsigned)(lo >> 48),
             (unsigned long long)(lo & 0xFFFFFFFFFFFFull));
}

/* Splits TOTAL into N whole counts in proportion to SHARE (largest
 * remainder, ties to the first). The shares add up to more than 0. */
static void split_counts(const double *share, size_t n, uint32_t total,
                         uint32_t *count)
{
    double sum = 0, rem[SHARES_MAX];
    uint32_t given = 0;
    for (size_t i = 0; i < n; i++)
        sum += share[i];
    for (size_t i = 0; i < n; i++) {
        double x = total * share[i] / sum;
        count[i] = (uint32_t)x;
        rem[i] = share[i] > 0 ? x - count[i] : -2;
        given += count[i];
    }
    while (given < total) {
        size_t best = 0;
        for (size_t i = 1; i < n; i++)
            if (rem[i] > rem[best])
                best = i;
        count[best]++;
        rem[best] = -1;
        given++;
    }
}

static void shuffle(uint8_t *v, uint32_t n, struct rng *r)
{
    for (uint32_t i = n; i > 1; i--) {
        uint32_t j = rng_below(r, i);
        uint8_t t = v[i - 1];
        v[i - 1] = v[j];
        v[j] = t;
    }
}

/* Deals the personas out: exact counts from --mix, in a seeded order. */
static void assign_personas(struct org *o)
{
    uint32_t per_key[N(mix_keys)], count[SHARES_MAX], at = 0;
    uint8_t *deck = xcalloc(o->n, 1);
    struct rng r = rng_stream(o->opt->seed, TAG_PERSONA, 0);
    split_counts(o->opt->mix_share, N(mix_keys), o->n, per_key);
    for (size_t k = 0; k < N(mix_keys); k++) {
        double share[SHARES_MAX];
        uint8_t which[SHARES_MAX];
        size_t m = 0;
        for (size_t p = 0; p < N(personas); p++)
            if (strcmp(personas[p].mix, mix_keys[k]) == 0) {
                share[m] = personas[p].share;
                which[m++] = (uint8_t)p;
            }
        split_counts(share, m, per_key[k], count);
        for (size_t j = 0; j < m; j++)
            for (uint32_t c = 0; c < count[j]; c++)
                deck[at++] = which[j];
    }
    shuffle(deck, o->n, &r);
    for (uint32_t i = 0; i < o->n; i++)
        o->users[i].persona = deck[i];
    free(deck);
}

static bool fits(uint8_t persona, uint8_t role)
{
    const struct persona_def *p = &personas[persona];
    unsigned flags = role < ROLE_SERVICE ? roles[role].flags : 0;
    return (flags & p->needs) == p->needs && !(flags & p->avoids);
}

/* Roles for the people, exact counts from --roles; then a persona that
 * does not fit its role (a mgmt-only admin) swaps roles with one that
 * does. */
static void assign_roles(struct org *o)
{
    uint32_t count[N(roles)], humans = 0, at = 0;
    uint8_t *deck = xcalloc(o->n, 1);
    struct rng r = rng_stream(o->opt->seed, TAG_ROLE, 0);
    for (uint32_t i = 0; i < o->n; i++)
        humans += personas[o->users[i].persona].shape != SH_SERVICE;
    split_counts(o->opt->role_share, N(roles), humans, count);
    for (size_t k = 0; k < N(roles); k++)
        for (uint32_t c = 0; c < count[k]; c++)
            deck[at++] = (uint8_t)k;
    shuffle(deck, humans, &r);
    at = 0;
    for (uint32_t i = 0; i < o->n; i++) {
        struct user *u = &o->users[i];
        u->role = personas[u->persona].shape == SH_SERVICE ? ROLE_SERVICE
                                                           : deck[at++];
    }
    free(deck);
    for (uint32_t i = 0; i < o->n; i++) {
        struct user *a = &o->users[i];
        for (uint32_t j = 0; j < o->n && !fits(a->persona, a->role); j++) {
            struct user *b = &o->users[j];
            if (b->role != ROLE_SERVICE && fits(a->persona, b->role) &&
                fits(b->persona, a->role)) {
                uint8_t t = a->role;
                a->role = b->role;
                b->role = t;
            }
        }
    }
}

static void user_identity(struct user *u, uint32_t i, uint64_t seed)
{
    uint64_t h = mix64(seed), hi = mix64(h + i);
    size_t nf = N(firsts), nl = N(lasts), k = i / (nf * nl);
    const struct name_part *f = &firsts[(i + h % nf) % nf];
    const struct name_part *l = &lasts[(i / nf + i + (h >> 8) % nl) % nl];

    sf_id(u->id15, "005", (i * UINT64_C(1000003) + h % ID_SPACE) % ID_SPACE);
    sf_id18(u->id18, u->id15);
    guid(u->guid, hi, mix64(hi));
    if (u->role == ROLE_SERVICE) {
        uint32_t s = (uint32_t)(hi % N(service_names));
        snprintf(u->name, sizeof(u->name), "%s %u", service_names[s], i);
        snprintf(u->login, sizeof(u->login), "integration.%u@northwind.example",
                 i);
        return;
    }
    if (k == 0)
        snprintf(u->name, sizeof(u->name), "%s %s", f->name, l->name);
    else
        snprintf(u->name, sizeof(u->name), "%s %c. %s", f->name,
                 (char)('A' + k % 26), l->name);
    snprintf(u->login, sizeof(u->login), "%s.%s%.0zu@northwind.example",
             f->ascii, l->ascii, k);
}

/* Personal style: devices, hours, mobile share, a week of leave. */
static void user_style(const struct org *o, struct user *u, struct rng *r)
{
    const struct role_def *rd = u->role < ROLE_SERVICE ? &roles[u->role] : NULL;
    static const uint8_t pipeline_days[] = {1, 4, 5}; /* Mon, Thu, Fri */
    int days = o->opt->days;

    u->desk = (uint8_t)rng_below(r, 3);
    u->phone = (uint8_t)rng_below(r, 2);
    u->mobile = rd ? clampd(rd->mobile * 2 * rng_unit(r), 0, 0.9) : 0;
    if (o->opt->noise == 0 && rd)
        u->mobile = rd->mobile;
    u->classic = rd && strcmp(rd->app, "LightningSales") == 0 &&
                 rng_chance(r, 0.04); /* a Classic UI holdout */
    u->pipeline_dow = pipeline_days[rng_below(r, 3)];
    if (rng_chance(r, 0.8))
        u->start_min = 360 + (int)rng_below(r, 180); /* Europe */
    else
        u->start_min = 750 + (int)rng_below(r, 150); /* the Americas */
    u->span_min = 420 + (int)rng_below(r, 150);
    if (u->start_min + u->span_min > 1430)
        u->span_min = 1430 - u->start_min;
    u->ip = rng_chance(r, 0.7) ? 0xCB007100u | (1 + rng_below(r, 250))
                               : 0xC6336400u | (1 + rng_below(r, 250));
    u->created = o->opt->start - 60 - rng_below(r, 2400);
    u->first_day = 0;
    u->last_day = days - 1;
    u->leave_from = u->leave_to = u->switch_day = u->ghost_day = -1;
    if (rd && rng_chance(r, clampd(o->noise->leave * days / 28.0, 0, 0.9))) {
        u->leave_from = (int)rng_below(r, (uint32_t)days);
        u->leave_to = u->leave_from + 6;
    }
    u->active = true;
    u->book = 20 + rng_below(r, 60);
}

/* The user's rates: role habits, persona, intensity, blurred by noise. */
static void user_rates(const struct org *o, struct user *u, struct rng *r)
{
    const struct persona_def *p = &personas[u->persona];
    const struct persona_def *ref = &personas[P_REGULAR];
    const struct role_def *rd = &roles[u->role];
    double blur = o->noise->blur, sd = o->noise->person_sd;
    double intensity = p->intensity * clampd(rng_factor(r, sd), 0.3, 3);
    bool adopter = strcmp(p->mix, "adopting") == 0;

    u->attend = clampd(rd->attend * p->attend * rng_factor(r, sd / 3), 0, 0.98);
    u->click = p->click + blur * (ref->click - p->click);
    u->fail = adopter ? p->fail + blur : p->fail + blur * (ref->fail - p->fail);
    u->login_fail = p->login_fail;
    for (int k = 0; k < R_COUNT; k++) {
        double mult = p->mult[k] + blur * (ref->mult[k] - p->mult[k]);
        u->rate[k] = rd->rate[k] * mult * intensity + p->extra[k];
    }
    if (adopter) {
        u->rate[R_ERROR] += blur;
        u->rate[R_HELP] += blur * 0.5;
    }
    /* some who distrust the data bring their own, some only take it out */
    if (p->extra[R_IMPORT] > 0 && rng_chance(r, 0.4))
        u->rate[R_IMPORT] = rd->rate[R_IMPORT];
    u->fix_book = p->fix_book ? p->fix_book : u->book;
}

/* When the user is in the company, for the shapes that say so. */
static void user_days(const struct org *o, struct user *u, struct rng *r)
{
    int days = o->opt->days;
    switch (personas[u->persona].shape) {
    case SH_NEW: {
        int back = days < 12 ? days : 12;
        u->first_day = days - 1 - (int)rng_below(r, (uint32_t)back);
        u->created = o->opt->start + u->first_day;
        u->leave_from = u->leave_to = -1;
        break;
    }
    case SH_DEPARTED:
        u->active = false;
        u->last_day = rng_chance(r, 0.25)
                          ? -1 /* left before the period */
                          : (int)(days * (0.15 + 0.6 * rng_unit(r)));
        if (u->last_day + 2 < days && rng_chance(r, 0.4))
            u->ghost_day =
                u->last_day + 1 +
                (int)rng_below(r, (uint32_t)(days - u->last_day - 1));
        break;
    case SH_DROPOFF:
        u->switch_day = (int)(days * (0.35 + 0.25 * rng_unit(r)));
        break;
    default:
        break;
    }
}

static void org_holidays(struct org *o)
{
    struct rng r = rng_stream(o->opt->seed, TAG_ORG, 0);
    for (int d = 0; d < o->opt->days; d++) {
        int y;
        unsigned m, dd;
        civil_from_days(o->opt->start + d, &y, &m, &dd);
        for (size_t h = 0; h < N(fixed_holidays); h++)
            if (fixed_holidays[h][0] == m && fixed_holidays[h][1] == dd)
                o->holiday[d] = 1;
    }
    /* and a company day off every four weeks */
    for (int w = 0; w + 28 <= o->opt->days; w += 28) {
        int d = w + 7 + (int)rng_below(&r, 14);
        while (weekend(o->opt->start + d))
            d++;
        o->holiday[d] = 1;
    }
}

/* The one who owns the shared dashboards: a steady manager or admin. */
static uint32_t dash_owner(const struct org *o)
{
    for (uint32_t i = 0; i < o->n; i++) {
        const struct user *u = &o->users[i];
        if (u->role < ROLE_SERVICE && !(roles[u->role].flags & ROLE_WRITES) &&
            personas[u->persona].shape == SH_STEADY &&
            strcmp(personas[u->persona].mix, "adopting") == 0)
            return i;
    }
    return UINT32_MAX;
}

static void org_build(struct org *o, const struct options *opt)
{
    memset(o, 0, sizeof(*o));
    o->opt = opt;
    o->noise = &noises[opt->noise];
    o->n = opt->users;
    o->users = xcalloc(o->n, sizeof(*o->users));
    o->holiday = xcalloc((size_t)opt->days, 1);
    assign_personas(o);
    assign_roles(o);
    for (uint32_t i = 0; i < o->n; i++) {
        struct user *u = &o->users[i];
        struct rng r = rng_stream(opt->seed, TAG_STYLE, i);
        user_identity(u, i, opt->seed);
        user_style(o, u, &r);
        if (u->role < ROLE_SERVICE)
            user_rates(o, u, &r);
        user_days(o, u, &r);
    }
    org_holidays(o);
    o->dash_owner = dash_owner(o);
}

static void org_release(struct org *o)
{
    free(o->users);
    free(o->holiday);
}

/* ---- a day: every user's events --------------------------------------- */

/* What happened, whatever the format writes of it. */
enum act {
    A_LOGIN,
    A_LOGIN_FAIL,
    A_LOGOUT,
    A_HOME,
    A_VIEW,
    A_LIST,
    A_SEARCH,
    A_CLICK,
    A_NEW_FORM,
    A_EDIT_FORM,
    A_CREATE,
    A_UPDATE,
    A_DELETE,
    A_SAVE_ERROR,
    A_REPORT,
    A_DASHBOARD,
    A_EXPORT,
    A_HELP,
    A_ERROR,
    A_SETUP, /* the last that a Classic holdout does through URI pages */
    A_DL_LOGIN,
    A_IMPORT,
    A_DASH_SCHEDULED,
    A_SVC_LOGIN,
    A_SVC_API,
    A_SVC_BULK,
};

enum { FAIL_PASSWORD, FAIL_LOCKOUT, FAIL_INACTIVE };
enum { API_SOAP = 0, API_REST = 1, API_WRITE = 2 };

struct event {
    int64_t ms;
    uint32_t user, seq;
    uint32_t record; /* the record, report, page or query it is about */
    uint32_t aux;    /* a second one: the query of a click */
    uint16_t session;
    uint8_t act, object, mobile, detail;
};

struct events {
    struct event *v;
    size_t n, cap;
};

struct session {
    int from, to; /* seconds after midnight */
    bool mobile;
};

/* One user's day being made. */
struct day {
    const struct org *org;
    const struct user *u;
    uint32_t user;
    int index; /* in the period */
    int64_t midnight_ms;
    struct rng r;
    struct events *out;
    uint32_t seq;
    int nsessions;
    struct session session[SESSIONS_MAX];
};

/* Adds an event at SEC seconds into the day; returns it, for the caller to
 * add to. */
static struct event *push(struct day *d, enum act act, int sec, int session,
                          unsigned object, uint32_t record, unsigned detail)
{
    struct events *ev = d->out;
    if (ev->n == ev->cap) {
        size_t cap = ev->cap ? ev->cap * 2 : 4096;
        struct event *v = realloc(ev->v, cap * sizeof(*v));
        if (!v)
            die("out of memory");
        ev->v = v;
        ev->cap = cap;
    }
    sec = sec < 0 ? 0 : sec > 86399 ? 86399 : sec;
    ev->v[ev->n++] = (struct event){
        .ms = d->midnight_ms + sec * INT64_C(1000) + rng_below(&d->r, 1000),
        .user = d->user,
        .seq = d->seq++,
        .record = record,
        .session = session < 0 ? SESSION_NONE : (uint16_t)session,
        .act = (uint8_t)act,
        .object = (uint8_t)object,
        .mobile = session >= 0 && session < d->nsessions &&
                  d->session[session].mobile,
        .detail = (uint8_t)detail,
    };
    return &ev->v[ev->n - 1];
}

/* Around the user's usual hours: 1 a working day, less on weekends,
 * holidays and leave, 0 outside the days in the company. */
static double calendar_factor(const struct org *o, const struct user *u, int d)
{
    double f = 1;
    if (d < u->first_day || d > u->last_day)
        return 0;
    if (d >= u->leave_from && d <= u->leave_to)
        return 0.02;
    if (o->holiday[d])
        f = 0.05;
    if (weekend(o->opt->start + d))
        f *= o->noise->weekend;
    return f;
}

struct today {
    double p;           /* chance of using the CRM today */
    double read, write; /* times the usual rates */
    bool onboarding;
};

static struct today shape_today(const struct org *o, const struct user *u,
                                int d)
{
    struct today t = {u->attend, 1, 1, false};
    switch (personas[u->persona].shape) {
    case SH_ABSENT:
    case SH_SERVICE:
        t.p = 0;
        break;
    case SH_EFFORT:
        if (month_end(o->opt->start + d)) {
            t = (struct today){0.85, 0.5, 4, false};
        } else {
            t.p *= 1 - 0.7 * d / o->opt->days;
            t.write = 0.7;
        }
        break;
    case SH_DROPOFF:
        if (d >= u->switch_day)
            t = (struct today){u->attend * 0.2, 0.4, 0.4, false};
        break;
    case SH_NEW:
        if (d - u->first_day < 3)
            t = (struct today){0.95, 1.2, 0.3, true};
        break;
    default:
        break;
    }
    t.p *= calendar_factor(o, u, d);
    return t;
}

static void plan_sessions(struct day *d)
{
    const struct user *u = d->u;
    struct rng *r = &d->r;
    int n = 1 + (int)rng_poisson(r, roles[u->role].sessions - 1);
    int start = u->start_min * 60 + (int)(1200 * rng_normal(r));
    int span = (int)(u->span_min * 60 * clampd(rng_factor(r, 0.15), 0.4, 1.3));
    if (n > SESSIONS_MAX)
        n = SESSIONS_MAX;
    int slot = span / n;
    for (int s = 0; s < n; s++) {
        struct session *ss = &d->session[s];
        ss->from = start + s * slot + (int)rng_below(r, (uint32_t)slot / 4);
        ss->to = ss->from + slot / 2 + (int)rng_below(r, (uint32_t)slot / 3);
        if (ss->to > 86399)
            ss->to = 86399;
        if (ss->from > ss->to - 60)
            ss->from = ss->to - 60;
        ss->mobile = rng_chance(r, u->mobile);
    }
    d->nsessions = n;
}

static void session_events(struct day *d, double dayf)
{
    struct rng *r = &d->r;
    unsigned fails = rng_poisson(r, d->u->login_fail * dayf);
    for (unsigned i = 0; i < fails; i++)
        push(d, A_LOGIN_FAIL, d->session[0].from - 30 - (int)rng_below(r, 600),
             -1, 0, 0, i >= 2 ? FAIL_LOCKOUT : FAIL_PASSWORD);
    for (int s = 0; s < d->nsessions; s++) {
        const struct session *ss = &d->session[s];
        push(d, A_LOGIN, ss->from, s, 0, 0, 0);
        push(d, A_HOME, ss->from + 3 + (int)rng_below(r, 30), s, 0, 0, 0);
        if (ss->mobile && rng_chance(r, 0.7))
            continue; /* the app keeps its session */
        bool by_user = rng_chance(r, 0.5);
        push(d, A_LOGOUT, by_user ? ss->to : ss->to + 7200, s, 0, 0, by_user);
    }
}

static unsigned pick_object(struct day *d)
{
    const unsigned *w = roles[d->u->role].object_w;
    unsigned total = 0, x;
    for (size_t i = 0; i < N(objects); i++)
        total += w[i];
    x = rng_below(&d->r, total);
    for (size_t i = 0; i < N(objects); i++) {
        if (x < w[i])
            return (unsigned)i;
        x -= w[i];
    }
    return 0;
}

/* Mostly the records of one's own book; sometimes anyone's. */
static uint32_t pick_record(struct day *d, unsigned book)
{
    if (rng_chance(&d->r, 0.1))
        return book + rng_below(&d->r, 5000);
    return rng_below(&d->r, book);
}

/* A create or an update: it is saved, or it fails or is left. */
static void write_attempt(struct day *d, int s, int sec, bool create)
{
    struct rng *r = &d->r;
    unsigned obj = pick_object(d);
    uint32_t rec =
        create ? NEW_RECORD | d->seq : pick_record(d, d->u->fix_book);
    bool fails = rng_chance(r, d->u->fail);
    int later = sec + 20 + (int)rng_below(r, 240);
    if (create) {
        push(d, A_NEW_FORM, sec, s, obj, rec, 0);
    } else {
        push(d, A_VIEW, sec, s, obj, rec, 0);
        if (fails || rng_chance(r, 0.2)) /* the full edit page */
            push(d, A_EDIT_FORM, sec + 5 + (int)rng_below(r, 20), s, obj, rec,
                 0);
    }
    if (!fails)
        push(d, create ? A_CREATE : A_UPDATE, later, s, obj, rec, 0);
    else if (rng_chance(r, 0.5))
        push(d, A_SAVE_ERROR, later, s, obj, rec, 0);
}

static void search(struct day *d, int s, int sec)
{
    struct rng *r = &d->r;
    unsigned obj = pick_object(d);
    uint32_t query = d->seq, rec = pick_record(d, d->u->book);
    push(d, A_SEARCH, sec, s, obj, query, 0);
    if (rng_chance(r, d->u->click)) {
        int at = sec + 3 + (int)rng_below(r, 40);
        push(d, A_CLICK, at, s, obj, rec, 1 + rng_below(r, 5))->aux = query;
        push(d, A_VIEW, at + 1, s, obj, rec, 0);
    }
}

static void act(struct day *d, enum rate k, int s, int sec)
{
    struct rng *r = &d->r;
    uint32_t rep = rng_below(r, REPORTS);
    unsigned obj = pick_object(d);
    uint32_t rec = pick_record(d, d->u->book);
    switch (k) {
    case R_VIEW:
    case R_ERROR:
        push(d, k == R_VIEW ? A_VIEW : A_ERROR, sec, s, obj, rec, 0);
        break;
    case R_LIST:
        push(d, A_LIST, sec, s, obj, 0, rec % 4);
        break;
    case R_SEARCH:
        search(d, s, sec);
        break;
    case R_CREATE:
    case R_UPDATE:
        write_attempt(d, s, sec, k == R_CREATE);
        break;
    case R_DELETE:
        push(d, A_DELETE, sec, s, obj, rec, 0);
        break;
    case R_REPORT:
    case R_EXPORT:
        push(d, A_REPORT, sec, s, 0, rep, 0);
        if (k == R_EXPORT)
            push(d, A_EXPORT, sec + 10 + (int)rng_below(r, 60), s, 0, rep, 0);
        break;
    case R_DASHBOARD:
        push(d, A_DASHBOARD, sec, s, 0, rng_below(r, DASHBOARDS), 0);
        break;
    case R_IMPORT:
        push(d, A_DL_LOGIN, sec, s, 0, 0, 0);
        push(d, A_IMPORT, sec + 60 + (int)(rec % 240), s, obj, d->seq,
             rep % 5 == 0 ? 2 : 1);
        break;
    case R_HELP:
    case R_SETUP:
        push(d, k == R_HELP ? A_HELP : A_SETUP, sec, s, 0, rng_below(r, 1000),
             0);
        break;
    case R_COUNT:
        break;
    }
}

static void actions(struct day *d, const struct today *t, double dayf)
{
    const struct user *u = d->u;
    struct rng *r = &d->r;
    double sd = d->org->noise->day_sd / 2;
    int dow = weekday(d->org->opt->start + d->index);
    for (int k = 0; k < R_COUNT; k++) {
        double mean = u->rate[k] * dayf * (is_write(k) ? t->write : t->read);
        if (k == R_UPDATE && roles[u->role].pipeline)
            mean *= dow == u->pipeline_dow ? 2.5 : 0.625;
        if (k == R_HELP && t->onboarding)
            mean += 1.5;
        unsigned c = rng_poisson(r, mean * rng_factor(r, sd));
        for (unsigned i = 0; i < c; i++) {
            int s = (int)rng_below(r, (uint32_t)d->nsessions);
            const struct session *ss = &d->session[s];
            int len = ss->to - ss->from - 40;
            act(d, (enum rate)k, s,
                ss->from + 20 + (int)rng_below(r, len > 1 ? (uint32_t)len : 1));
        }
    }
}

/* An integration: token logins every four hours, API calls around the
 * clock (most at night), bulk loads at two. */
static void service_day(struct day *d)
{
    struct rng *r = &d->r;
    double volume = d->org->opt->volume;
    unsigned calls = rng_poisson(r, 30 * volume);
    unsigned bulk = rng_poisson(r, 1 + volume);
    for (int b = 0; b < 6; b++)
        push(d, A_SVC_LOGIN, b * 14400 + 420 + (int)rng_below(r, 300), b, 0, 0,
             0);
    for (unsigned i = 0; i < calls; i++) {
        int sec = rng_chance(r, 0.5) ? (int)rng_below(r, 21600)
                                     : (int)rng_below(r, 86400);
        unsigned kind = rng_chance(r, 0.35) ? API_REST : API_SOAP;
        uint32_t x = rng_below(r, 50000 * 5 * 10);
        kind |= x % 5 < 2 ? API_WRITE : 0;
        push(d, A_SVC_API, sec, sec / 14400, x / 5 % N(objects), x / 50, kind);
    }
    for (unsigned i = 0; i < bulk; i++) {
        uint32_t x = rng_below(r, 3600 * 4);
        push(d, A_SVC_BULK, 7200 + (int)(x / 4), 0, x % 4, d->seq, 0);
    }
}

static void user_day(const struct org *o, uint32_t ui, int index,
                     struct events *out)
{
    const struct user *u = &o->users[ui];
    struct day d = {.org = o, .u = u, .user = ui, .index = index, .out = out};
    d.midnight_ms = (o->opt->start + index) * DAY_MS;
    d.r = rng_stream(o->opt->seed, ((uint64_t)TAG_DAY << 32) | ui,
                     (uint64_t)index);
    if (personas[u->persona].shape == SH_SERVICE) {
        service_day(&d);
        return;
    }
    if (index == u->ghost_day) /* tries to sign in after leaving */
        push(&d, A_LOGIN_FAIL, u->start_min * 60 + (int)rng_below(&d.r, 3600),
             -1, 0, 0, FAIL_INACTIVE);
    struct today t = shape_today(o, u, index);
    if (!rng_chance(&d.r, t.p * (1 - o->noise->sick)))
        return;
    double dayf = rng_factor(&d.r, o->noise->day_sd);
    plan_sessions(&d);
    session_events(&d, dayf);
    actions(&d, &t, dayf);
}

/* Things of the org, not of a person: the weekly dashboard refresh. */
static void org_day(const struct org *o, int index, struct events *out)
{
    if (o->dash_owner == UINT32_MAX || weekday(o->opt->start + index) != 1)
        return;
    struct day d = {.org = o,
                    .u = &o->users[o->dash_owner],
                    .user = o->dash_owner,
                    .index = index,
                    .out = out};
    d.midnight_ms = (o->opt->start + index) * DAY_MS;
    d.r = rng_stream(o->opt->seed, TAG_ORG, (uint64_t)index + 1);
    for (uint32_t k = 0; k < 3; k++)
        push(&d, A_DASH_SCHEDULED, 5 * 3600 + (int)k * 60, -1, 0, k, 0);
}

static int cmp_event(const void *a, const void *b)
{
    const struct event *x = a, *y = b;
    if (x->ms != y->ms)
        return x->ms < y->ms ? -1 : 1;
    if (x->user != y->user)
        return x->user < y->user ? -1 : 1;
    return (x->seq > y->seq) - (x->seq < y->seq);
}

/* ---- output ------------------------------------------------------------ */

/* Salesforce event types written, and their columns in the order of a real
 * export (testdata/sample; formats.md appendix B). */
enum sf_type {
    T_LOGIN,
    T_LPV,
    T_LOGOUT,
    T_LI,
    T_LERR,
    T_URI,
    T_REPORT,
    T_REXPORT,
    T_DASH,
    T_SEARCH,
    T_API,
    T_REST,
    T_BULK,
    T_SCLICK,
    T_COUNT
};

static const struct {
    const char *name, *columns;
} sf_types[T_COUNT] = {
    {"Login",
     "EVENT_TYPE,TIMESTAMP,REQUEST_ID,ORGANIZATION_ID,USER_ID,"
     "RUN_TIME,CPU_TIME,URI,SESSION_KEY,LOGIN_KEY,USER_TYPE,"
     "REQUEST_STATUS,DB_TOTAL_TIME,LOGIN_TYPE,BROWSER_TYPE,API_TYPE,"
     "API_VERSION,USER_NAME,TLS_PROTOCOL,CIPHER_SUITE,USE_API_TOKEN,"
     "HTTP_REFERER,LOGIN_URL,COUNTRY_CODE,"
     "AUTHENTICATION_METHOD_REFERENCE,LOGIN_SUB_TYPE,"
     "AUTHENTICATION_SERVICE_ID,TIMESTAMP_DERIVED,USER_ID_DERIVED,"
     "CLIENT_IP,URI_ID_DERIVED,LOGIN_STATUS,SOURCE_IP,FORWARDED_FOR_IP"},
    {"LightningPageView",
     "EVENT_TYPE,TIMESTAMP,REQUEST_ID,ORGANIZATION_ID,USER_ID,"
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
     "USER_ID_DERIVED,CLIENT_IP"},
    {"Logout", "EVENT_TYPE,TIMESTAMP,REQUEST_ID,ORGANIZATION_ID,USER_ID,"
               "USER_TYPE,SESSION_TYPE,SESSION_LEVEL,BROWSER_TYPE,"
               "PLATFORM_TYPE,RESOLUTION_TYPE,APP_TYPE,CLIENT_VERSION,"
               "API_TYPE,API_VERSION,USER_INITIATED_LOGOUT,SESSION_KEY,"
               "LOGIN_KEY,TIMESTAMP_DERIVED,USER_ID_DERIVED,CLIENT_IP"},
    {"LightningInteraction",
     "EVENT_TYPE,TIMESTAMP,REQUEST_ID,ORGANIZATION_ID,USER_ID,"
     "CLIENT_ID,SESSION_KEY,LOGIN_KEY,USER_TYPE,APP_NAME,"
     "DEVICE_PLATFORM,SDK_APP_VERSION,OS_NAME,OS_VERSION,USER_AGENT,"
     "BROWSER_NAME,BROWSER_VERSION,SDK_VERSION,DEVICE_MODEL,DEVICE_ID,"
     "SDK_APP_TYPE,CONNECTION_TYPE,UI_EVENT_ID,UI_EVENT_TYPE,"
     "UI_EVENT_SOURCE,UI_EVENT_TIMESTAMP,PAGE_START_TIME,DURATION,"
     "DEVICE_SESSION_ID,UI_EVENT_SEQUENCE_NUM,PAGE_ENTITY_ID,"
     "PAGE_ENTITY_TYPE,PAGE_CONTEXT,PAGE_URL,PAGE_APP_NAME,"
     "TARGET_UI_ELEMENT,PARENT_UI_ELEMENT,GRANDPARENT_UI_ELEMENT,"
     "COMPONENT_NAME,RECORD_TYPE,RECORD_ID,RELATED_LIST,"
     "TIMESTAMP_DERIVED,USER_ID_DERIVED,CLIENT_IP"},
    {"LightningError",
     "EVENT_TYPE,TIMESTAMP,REQUEST_ID,ORGANIZATION_ID,USER_ID,"
     "CLIENT_ID,SESSION_KEY,LOGIN_KEY,USER_TYPE,APP_NAME,"
     "DEVICE_PLATFORM,SDK_APP_VERSION,OS_NAME,OS_VERSION,USER_AGENT,"
     "BROWSER_NAME,BROWSER_VERSION,SDK_VERSION,DEVICE_MODEL,DEVICE_ID,"
     "SDK_APP_TYPE,CONNECTION_TYPE,UI_EVENT_ID,UI_EVENT_TYPE,"
     "UI_EVENT_SOURCE,UI_EVENT_TIMESTAMP,PAGE_START_TIME,"
     "DEVICE_SESSION_ID,UI_EVENT_SEQUENCE_NUM,PAGE_ENTITY_ID,"
     "PAGE_ENTITY_TYPE,PAGE_CONTEXT,PAGE_URL,PAGE_APP_NAME,"
     "COMPONENT_NAME,TIMESTAMP_DERIVED,USER_ID_DERIVED,CLIENT_IP"},
    {"URI", "EVENT_TYPE,TIMESTAMP,REQUEST_ID,ORGANIZATION_ID,USER_ID,"
            "RUN_TIME,CPU_TIME,URI,SESSION_KEY,LOGIN_KEY,REQUEST_STATUS,"
            "DB_TOTAL_TIME,DB_BLOCKS,DB_CPU_TIME,REFERRER_URI,"
            "TIMESTAMP_DERIVED,USER_ID_DERIVED,CLIENT_IP,URI_ID_DERIVED"},
    {"Report", "EVENT_TYPE,TIMESTAMP,REQUEST_ID,ORGANIZATION_ID,USER_ID,"
               "RUN_TIME,CPU_TIME,URI,SESSION_KEY,LOGIN_KEY,REQUEST_STATUS,"
               "DB_TOTAL_TIME,ENTITY_NAME,DISPLAY_TYPE,RENDERING_TYPE,"
               "REPORT_ID,ROW_COUNT,NUMBER_EXCEPTION_FILTERS,NUMBER_COLUMNS,"
               "AVERAGE_ROW_SIZE,SORT,DB_BLOCKS,DB_CPU_TIME,NUMBER_BUCKETS,"
               "TIMESTAMP_DERIVED,USER_ID_DERIVED,CLIENT_IP,URI_ID_DERIVED,"
               "REPORT_ID_DERIVED,ORIGIN"},
    {"ReportExport",
     "EVENT_TYPE,TIMESTAMP,REQUEST_ID,ORGANIZATION_ID,USER_ID,"
     "RUN_TIME,CPU_TIME,URI,SESSION_KEY,LOGIN_KEY,CLIENT_INFO,"
     "REPORT_DESCRIPTION,TIMESTAMP_DERIVED,USER_ID_DERIVED,CLIENT_IP,"
     "URI_ID_DERIVED"},
    {"Dashboard",
     "EVENT_TYPE,TIMESTAMP,REQUEST_ID,ORGANIZATION_ID,USER_ID,"
     "RUN_TIME,CPU_TIME,URI,SESSION_KEY,LOGIN_KEY,"
     "DASHBOARD_COMPONENT_ID,DASHBOARD_ID,REPORT_ID,IS_SUCCESS,"
     "DASHBOARD_TYPE,IS_SCHEDULED,TIMESTAMP_DERIVED,USER_ID_DERIVED,"
     "CLIENT_IP,URI_ID_DERIVED,DASHBOARD_ID_DERIVED,REPORT_ID_DERIVED,"
     "VIEWING_USER_ID"},
    {"Search", "EVENT_TYPE,TIMESTAMP,REQUEST_ID,ORGANIZATION_ID,USER_ID,"
               "QUERY_ID,NUM_RESULTS,SEARCH_QUERY,PREFIXES_SEARCHED,"
               "TIMESTAMP_DERIVED"},
    {"API", "EVENT_TYPE,TIMESTAMP,REQUEST_ID,ORGANIZATION_ID,USER_ID,"
            "RUN_TIME,CPU_TIME,URI,SESSION_KEY,LOGIN_KEY,REQUEST_STATUS,"
            "DB_TOTAL_TIME,API_TYPE,API_VERSION,CLIENT_NAME,METHOD_NAME,"
            "ENTITY_NAME,ROWS_PROCESSED,REQUEST_SIZE,RESPONSE_SIZE,DB_BLOCKS,"
            "DB_CPU_TIME,TIMESTAMP_DERIVED,USER_ID_DERIVED,CLIENT_IP,"
            "URI_ID_DERIVED"},
    {"RestApi",
     "EVENT_TYPE,TIMESTAMP,REQUEST_ID,ORGANIZATION_ID,USER_ID,"
     "RUN_TIME,CPU_TIME,URI,SESSION_KEY,LOGIN_KEY,REQUEST_STATUS,"
     "DB_TOTAL_TIME,METHOD,MEDIA_TYPE,STATUS_CODE,USER_AGENT,"
     "ROWS_PROCESSED,NUMBER_FIELDS,DB_BLOCKS,DB_CPU_TIME,REQUEST_SIZE,"
     "RESPONSE_SIZE,ENTITY_NAME,TIMESTAMP_DERIVED,USER_ID_DERIVED,"
     "CLIENT_IP,URI_ID_DERIVED"},
    {"BulkApi", "EVENT_TYPE,TIMESTAMP,REQUEST_ID,ORGANIZATION_ID,USER_ID,"
                "RUN_TIME,CPU_TIME,URI,SESSION_KEY,LOGIN_KEY,JOB_ID,BATCH_ID,"
                "ROWS_PROCESSED,NUMBER_FAILURES,SUCCESS,MESSAGE,ENTITY_TYPE,"
                "OPERATION_TYPE,TIMESTAMP_DERIVED,USER_ID_DERIVED,CLIENT_IP,"
                "URI_ID_DERIVED"},
    {"SearchClick", "EVENT_TYPE,TIMESTAMP,REQUEST_ID,ORGANIZATION_ID,USER_ID,"
                    "QUERY_ID,CLICKED_RECORD_ID,RANK,TIMESTAMP_DERIVED"},
};

/* Every column any of the types has. */
/* clang-format off */
#define SF_FIELDS(X)                                                          \
    X(EVENT_TYPE) X(TIMESTAMP) X(REQUEST_ID) X(ORGANIZATION_ID) X(USER_ID)    \
    X(RUN_TIME) X(CPU_TIME) X(URI) X(SESSION_KEY) X(LOGIN_KEY) X(USER_TYPE)   \
    X(REQUEST_STATUS) X(DB_TOTAL_TIME) X(LOGIN_TYPE) X(BROWSER_TYPE)          \
    X(API_TYPE) X(API_VERSION) X(USER_NAME) X(TLS_PROTOCOL) X(CIPHER_SUITE)   \
    X(USE_API_TOKEN) X(HTTP_REFERER) X(LOGIN_URL) X(COUNTRY_CODE)             \
    X(AUTHENTICATION_METHOD_REFERENCE) X(LOGIN_SUB_TYPE)                      \
    X(AUTHENTICATION_SERVICE_ID) X(TIMESTAMP_DERIVED) X(USER_ID_DERIVED)      \
    X(CLIENT_IP) X(URI_ID_DERIVED) X(LOGIN_STATUS) X(SOURCE_IP)               \
    X(FORWARDED_FOR_IP) X(CLIENT_ID) X(APP_NAME) X(DEVICE_PLATFORM)           \
    X(SDK_APP_VERSION) X(OS_NAME) X(OS_VERSION) X(USER_AGENT)                 \
    X(BROWSER_NAME) X(BROWSER_VERSION) X(SDK_VERSION) X(DEVICE_MODEL)         \
    X(DEVICE_ID) X(SDK_APP_TYPE) X(CONNECTION_TYPE) X(UI_EVENT_ID)            \
    X(UI_EVENT_SOURCE) X(UI_EVENT_TIMESTAMP) X(PAGE_START_TIME) X(DURATION)   \
    X(EFFECTIVE_PAGE_TIME) X(DEVICE_SESSION_ID) X(UI_EVENT_SEQUENCE_NUM)      \
    X(PAGE_ENTITY_ID) X(PAGE_ENTITY_TYPE) X(PAGE_CONTEXT) X(PAGE_URL)         \
    X(PAGE_APP_NAME) X(PREVPAGE_ENTITY_ID) X(PREVPAGE_ENTITY_TYPE)            \
    X(PREVPAGE_CONTEXT) X(PREVPAGE_URL) X(PREVPAGE_APP_NAME)                  \
    X(TARGET_UI_ELEMENT) X(PARENT_UI_ELEMENT) X(GRANDPARENT_UI_ELEMENT)       \
    X(SESSION_TYPE) X(SESSION_LEVEL) X(PLATFORM_TYPE) X(RESOLUTION_TYPE)      \
    X(APP_TYPE) X(CLIENT_VERSION) X(USER_INITIATED_LOGOUT) X(UI_EVENT_TYPE)   \
    X(COMPONENT_NAME) X(RECORD_TYPE) X(RECORD_ID) X(RELATED_LIST)             \
    X(DB_BLOCKS) X(DB_CPU_TIME) X(REFERRER_URI) X(ENTITY_NAME)                \
    X(DISPLAY_TYPE) X(RENDERING_TYPE) X(REPORT_ID) X(ROW_COUNT)               \
    X(NUMBER_EXCEPTION_FILTERS) X(NUMBER_COLUMNS) X(AVERAGE_ROW_SIZE)         \
    X(SORT) X(NUMBER_BUCKETS) X(REPORT_ID_DERIVED) X(ORIGIN) X(CLIENT_INFO)   \
    X(REPORT_DESCRIPTION) X(DASHBOARD_COMPONENT_ID) X(DASHBOARD_ID)           \
    X(IS_SUCCESS) X(DASHBOARD_TYPE) X(IS_SCHEDULED) X(DASHBOARD_ID_DERIVED)   \
    X(VIEWING_USER_ID) X(QUERY_ID) X(NUM_RESULTS) X(SEARCH_QUERY)             \
    X(PREFIXES_SEARCHED) X(CLIENT_NAME) X(METHOD_NAME) X(ROWS_PROCESSED)      \
    X(REQUEST_SIZE) X(RESPONSE_SIZE) X(METHOD) X(MEDIA_TYPE) X(STATUS_CODE)   \
    X(NUMBER_FIELDS) X(JOB_ID) X(BATCH_ID) X(NUMBER_FAILURES) X(SUCCESS)      \
    X(MESSAGE) X(ENTITY_TYPE) X(OPERATION_TYPE) X(CLICKED_RECORD_ID) X(RANK)
/* clang-format on */

#define AS_ENUM(name) F_##name,
#define AS_NAME(name) #name,
enum field { SF_FIELDS(AS_ENUM) F_COUNT };
static const char *const field_names[F_COUNT] = {SF_FIELDS(AS_NAME)};

/* The values of the row being written; unset ones are "". */
struct row {
    const char *v[F_COUNT];
    char buf[8192];
    size_t used;
};

/* Where the rows go: one file per Salesforce event type, or the one
 * Dataverse audit table (file[0]). */
struct sink {
    const struct org *org;
    FILE *file[T_COUNT];
    uint64_t closed; /* bytes of the files written and closed */
    char path[T_COUNT][PATH_LEN];
    uint8_t col[T_COUNT][COLS_MAX];
    uint8_t ncol[T_COUNT];
    struct rng r; /* run times, sizes and ids that judge nothing */
    uint64_t audit_seq;
    struct row row;
};

static void put(struct row *w, enum field f, const char *s) { w->v[f] = s; }

__attribute__((format(printf, 3, 4))) static void
putf(struct row *w, enum field f, const char *fmt, ...)
{
    size_t room = sizeof(w->buf) - w->used;
    va_list ap;
    va_start(ap, fmt);
    int n = vsnprintf(w->buf + w->used, room, fmt, ap);
    va_end(ap);
    if (n < 0 || (size_t)n >= room) {
        w->v[f] = ""; /* cannot happen: rows are far smaller */
        return;
    }
    w->v[f] = w->buf + w->used;
    w->used += (size_t)n + 1;
}

static void putu(struct row *w, enum field f, uint64_t v)
{
    putf(w, f, "%llu", (unsigned long long)v);
}

/* LEN base-62 characters drawn from H */
static void putkey(struct row *w, enum field f, uint64_t h, int len)
{
    char key[40];
    uint64_t x = h;
    for (int i = 0; i < len && i < 39; i++) {
        if (i % 10 == 0) /* ten digits use 60 of the 64 bits */
            x = h = mix64(h + (uint64_t)i);
        key[i] = b62[x % 62];
        x /= 62;
    }
    key[len < 39 ? len : 39] = '\0';
    putf(w, f, "%s", key);
}

static void write_quoted(FILE *f, const char *s)
{
    putc('"', f);
    for (const char *q; (q = strchr(s, '"')); s = q + 1) {
        fwrite(s, 1, (size_t)(q - s) + 1, f);
        putc('"', f);
    }
    fputs(s, f);
    putc('"', f);
}

/* A CSV value, quoted only when it must be. */
static void write_csv(FILE *f, const char *s)
{
    if (strpbrk(s, ",\"\r\n"))
        write_quoted(f, s);
    else
        fputs(s, f);
}

static FILE *open_out(const char *path)
{
    FILE *f = fopen(path, "w");
    if (!f)
        die("cannot create %s: %s", path, strerror(errno));
    setvbuf(f, NULL, _IOFBF, 1 << 16);
    return f;
}

static void close_out(FILE *f, const char *path)
{
    if (!f)
        return;
    if (ferror(f) | fclose(f)) /* both, always */
        die("cannot write %s: %s", path, strerror(errno));
}

static enum field field_of(const char *name, size_t len)
{
    for (int f = 0; f < F_COUNT; f++)
        if (strlen(field_names[f]) == len &&
            memcmp(field_names[f], name, len) == 0)
            return (enum field)f;
    die("no field %.*s", (int)len, name); /* a bug in the tables */
}

/* Opens one file per event type (of DAY, with --daily), writes its header,
 * and maps its columns to fields. */
static void sf_open(struct sink *s, const char *dir, int64_t day)
{
    char date[16] = "";
    if (s->org->opt->daily) {
        format_day(day, date, sizeof(date) - 1);
        strcat(date, "_");
    }
    for (int t = 0; t < T_COUNT; t++) {
        const char *c = sf_types[t].columns;
        snprintf(s->path[t], PATH_LEN, "%s/logs/%s%s.csv", dir, date,
                 sf_types[t].name);
        s->file[t] = open_out(s->path[t]);
        for (s->ncol[t] = 0; *c && s->ncol[t] < COLS_MAX; s->ncol[t]++) {
            size_t len = strcspn(c, ",");
            enum field f = field_of(c, len);
            s->col[t][s->ncol[t]] = (uint8_t)f;
            if (s->ncol[t])
                putc(',', s->file[t]);
            write_quoted(s->file[t], field_names[f]);
            c += len + (c[len] == ',');
        }
        putc('\n', s->file[t]);
    }
}

static void sf_emit(struct sink *s, enum sf_type t)
{
    FILE *f = s->file[t];
    for (unsigned c = 0; c < s->ncol[t]; c++) {
        const char *v = s->row.v[s->col[t][c]];
        if (c)
            putc(',', f);
        write_quoted(f, v ? v : "");
    }
    putc('\n', f);
}

/* ---- Salesforce event log files ---------------------------------------- */

static const char ORG_ID[] = "00D5g000004SiMu";
static const char HOST[] = "https://northwind.my.salesforce.com";

struct device {
    const char *platform, *os, *os_version, *agent, *browser, *version, *model,
        *logout_platform, *short_browser;
};

static const struct device desktops[] = {
    {"SFX:BROWSER:DESKTOP", "WINDOWS", "10",
     "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, "
     "like Gecko) Chrome/129.0.0.0 Safari/537.36",
     "CHROME", "129", "", "1015", "Chrome"},
    {"SFX:BROWSER:DESKTOP", "WINDOWS", "10",
     "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, "
     "like Gecko) Chrome/129.0.0.0 Safari/537.36 Edg/129.0.2792.65",
     "EDGE", "129", "", "1015", "Edge"},
    {"SFX:BROWSER:DESKTOP", "OSX", "10.15.7",
     "Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/605.1.15 "
     "(KHTML, like Gecko) Version/17.6 Safari/605.1.15",
     "SAFARI", "17", "", "2003", "Safari"},
};

static const struct device phones[] = {
    {"S1:HYBRID:PHONE", "IOS", "17.6",
     "Mozilla/5.0 (iPhone; CPU iPhone OS 17_6 like Mac OS X) "
     "AppleWebKit/605.1.15 (KHTML, like Gecko) Mobile/15E148 "
     "SalesforceMobileSDK/12.1.0 iOS/17.6 (iPhone) Salesforce1/250.010.0 "
     "Hybrid",
     "SAFARI", "17", "iPhone15,2", "5006", "Salesforce1"},
    {"S1:HYBRID:PHONE", "ANDROID", "14",
     "Mozilla/5.0 (Linux; Android 14; Pixel 8) AppleWebKit/537.36 (KHTML, "
     "like Gecko) Version/4.0 Chrome/129.0.6668.81 Mobile Safari/537.36 "
     "SalesforceMobileSDK/12.1.0 android mobile/14 (Pixel 8) "
     "Salesforce1/250.010.0 Hybrid",
     "CHROME", "129", "Pixel 8", "5005", "Salesforce1"},
};

static const struct device *device_of(const struct user *u, bool mobile)
{
    return mobile ? &phones[u->phone] : &desktops[u->desk];
}

/* The id of record REC of OBJECT as user U knows it. */
static void record_id(const struct sink *s, const struct event *e, uint32_t rec,
                      char *id15, char *id18)
{
    uint64_t owner = (rec & NEW_RECORD) || rec < s->org->users[e->user].book
                         ? e->user
                         : UINT32_MAX; /* a record of anyone's */
    sf_id(id15, objects[e->object].prefix,
          hash3(s->org->opt->seed ^ TAG_RECORD, owner << 8 | e->object, rec));
    sf_id18(id18, id15);
}

static void stamp(struct row *w, int64_t ms)
{
    struct when t = when_of(ms);
    putf(w, F_TIMESTAMP, "%04d%02u%02u%02u%02u%02u.%03u", t.y, t.mo, t.d, t.h,
         t.mi, t.s, t.ms);
    putf(w, F_TIMESTAMP_DERIVED, "%04d-%02u-%02uT%02u:%02u:%02u.%03uZ", t.y,
         t.mo, t.d, t.h, t.mi, t.s, t.ms);
}

/* The columns most types share. */
static void sf_begin(struct sink *s, const struct event *e, int64_t ms)
{
    struct row *w = &s->row;
    const struct user *u = &s->org->users[e->user];
    struct rng *r = &s->r;
    uint64_t session =
        hash3(s->org->opt->seed ^ TAG_KEY, (uint64_t)e->user << 20 | e->session,
              (uint64_t)(e->ms / DAY_MS));
    memset(w->v, 0, sizeof(w->v));
    w->used = 0;
    stamp(w, ms);
    putkey(w, F_REQUEST_ID, rng_next(r), 22);
    put(w, F_ORGANIZATION_ID, ORG_ID);
    put(w, F_USER_ID, u->id15);
    put(w, F_USER_ID_DERIVED, u->id18);
    putf(w, F_CLIENT_IP, "%u.%u.%u.%u", u->ip >> 24, u->ip >> 16 & 255,
         u->ip >> 8 & 255, u->ip & 255);
    if (e->session != SESSION_NONE) {
        putkey(w, F_SESSION_KEY, session, 16);
        putkey(w, F_LOGIN_KEY, session ^ 0x4C4F47494Eull, 16);
    }
    put(w, F_USER_TYPE, "S");
    put(w, F_REQUEST_STATUS, "S");
    putu(w, F_RUN_TIME, 20 + rng_below(r, 900));
    putu(w, F_CPU_TIME, 5 + rng_below(r, 200));
    putu(w, F_DB_TOTAL_TIME, 1000000 + rng_below(r, 90000000));
    putu(w, F_DB_BLOCKS, rng_below(r, 400));
    putu(w, F_DB_CPU_TIME, rng_below(r, 60));
}

/* The columns of the Lightning types: device, page, app. */
static void sf_device(struct sink *s, const struct event *e, int64_t ms)
{
    struct row *w = &s->row;
    const struct user *u = &s->org->users[e->user];
    const struct device *dv = device_of(u, e->mobile);
    put(w, F_APP_NAME, "one:one");
    put(w, F_DEVICE_PLATFORM, dv->platform);
    put(w, F_OS_NAME, dv->os);
    put(w, F_OS_VERSION, dv->os_version);
    put(w, F_USER_AGENT, dv->agent);
    put(w, F_BROWSER_NAME, dv->browser);
    put(w, F_BROWSER_VERSION, dv->version);
    if (e->mobile) {
        put(w, F_SDK_APP_VERSION, "250.010.0");
        put(w, F_SDK_VERSION, "12.1.0");
        put(w, F_DEVICE_MODEL, dv->model);
        putkey(w, F_DEVICE_ID, mix64(e->user), 16);
        put(w, F_SDK_APP_TYPE, "HYBRID");
        put(w, F_CONNECTION_TYPE, e->user % 3 ? "WIFI" : "LTE");
    }
    putf(w, F_UI_EVENT_TIMESTAMP, "%lld", (long long)ms);
    putf(w, F_PAGE_START_TIME, "%lld",
         (long long)(ms - 400 - rng_below(&s->r, 4000)));
    putkey(w, F_DEVICE_SESSION_ID, mix64(e->user ^ (uint64_t)e->session), 8);
    putu(w, F_UI_EVENT_SEQUENCE_NUM, 1 + e->seq % 40);
    put(w, F_PAGE_APP_NAME,
        u->role < ROLE_SERVICE ? roles[u->role].app : "LightningSales");
}

static void sf_login(struct sink *s, const struct event *e)
{
    struct row *w = &s->row;
    const struct user *u = &s->org->users[e->user];
    bool api = e->act == A_SVC_LOGIN || e->act == A_DL_LOGIN;
    bool oauth = api || e->mobile;
    bool failed = e->act == A_LOGIN_FAIL;
    static const char *const failures[] = {"LOGIN_ERROR_INVALID_PASSWORD",
                                           "LOGIN_ERROR_PASSWORD_LOCKOUT",
                                           "LOGIN_ERROR_USER_INACTIVE"};

    sf_begin(s, e, e->ms);
    put(w, F_EVENT_TYPE, "Login");
    put(w, F_USER_TYPE, "Standard");
    put(w, F_SESSION_KEY, "");
    if (failed)
        put(w, F_LOGIN_KEY, "");
    put(w, F_URI, oauth ? "/services/oauth2/token" : "/index.jsp");
    put(w, F_REQUEST_STATUS, failed ? "F" : "S");
    put(w, F_LOGIN_TYPE, oauth ? "i" : "A");
    put(w, F_BROWSER_TYPE,
        e->act == A_SVC_LOGIN  ? "Apache-HttpClient/4.5.14 (Java/17.0.12)"
        : e->act == A_DL_LOGIN ? "Dataloader/62.0.0"
                               : device_of(u, e->mobile)->agent);
    put(w, F_API_VERSION, api ? "62.0" : "9998.0");
    put(w, F_USER_NAME, u->login);
    put(w, F_TLS_PROTOCOL, "TLSv1.3");
    put(w, F_CIPHER_SUITE, "TLS_AES_256_GCM_SHA384");
    put(w, F_USE_API_TOKEN, "F");
    put(w, F_LOGIN_URL,
        oauth ? "northwind.my.salesforce.com" : "login.salesforce.com");
    put(w, F_COUNTRY_CODE, u->start_min < 720 ? "GB" : "US");
    put(w, F_LOGIN_SUB_TYPE,
        e->act == A_SVC_LOGIN  ? "oauthclientcredential"
        : e->act == A_DL_LOGIN ? "oauthpassword"
        : e->mobile            ? "oauthrefreshtoken"
                               : "uiup");
    put(w, F_LOGIN_STATUS,
        failed ? failures[e->detail % N(failures)] : "LOGIN_NO_ERROR");
    put(w, F_SOURCE_IP, w->v[F_CLIENT_IP]);
    sf_emit(s, T_LOGIN);
}

static void sf_logout(struct sink *s, const struct event *e)
{
    struct row *w = &s->row;
    const struct device *dv = device_of(&s->org->users[e->user], e->mobile);
    sf_begin(s, e, e->ms);
    put(w, F_EVENT_TYPE, "Logout");
    put(w, F_SESSION_TYPE, "UI");
    put(w, F_SESSION_LEVEL, "1");
    put(w, F_BROWSER_TYPE, dv->short_browser);
    put(w, F_PLATFORM_TYPE, e->detail ? dv->logout_platform : "");
    put(w, F_RESOLUTION_TYPE, e->detail ? "1920x1080" : "");
    put(w, F_APP_TYPE, "1000");
    put(w, F_USER_INITIATED_LOGOUT, e->detail ? "1" : "0");
    sf_emit(s, T_LOGOUT);
}

/* Lightning's own requests around a page: uptake ignores them; --volume
 * sets how many. */
static void sf_aura(struct sink *s, const struct event *e)
{
    unsigned n = rng_poisson(&s->r, 0.5 * s->org->opt->volume);
    for (unsigned i = 0; i < n; i++) {
        struct row *w = &s->row;
        sf_begin(s, e, e->ms + 50 + i * 40);
        put(w, F_EVENT_TYPE, "URI");
        putf(w, F_URI,
             "/aura?r=%u&ui-force-components-controllers-"
             "recordGlobalValueProvider.RecordGvp.getRecord=1",
             1 + e->seq % 60);
        putf(w, F_REFERRER_URI, "%s/lightning/page/home", HOST);
        sf_emit(s, T_URI);
    }
}

struct page {
    char url[200];
    const char *context, *entity;
    char eid[19];
};

/* The Lightning page of a page event. */
static void lightning_page(struct sink *s, const struct event *e,
                           struct page *p)
{
    static const char *const lists[] = {"Recent", "MyOpportunities",
                                        "AllOpenLeads", "__Recent"};
    static const char *const setup[] = {"ManageUsers", "ObjectManager",
                                        "PermSets", "Flows", "SetupOneHome"};
    const char *obj = objects[e->object].sf;
    char id15[16];
    p->context = "one:recordHomeFlexipage2Wrapper";
    p->entity = obj;
    record_id(s, e, e->record, id15, p->eid);
    switch (e->act) {
    case A_HOME:
        snprintf(p->url, sizeof(p->url), "/lightning/page/home");
        p->context = "home:landing";
        p->entity = "";
        p->eid[0] = '\0';
        break;
    case A_LIST:
        snprintf(p->url, sizeof(p->url), "/lightning/o/%s/list?filterName=%s",
                 obj, lists[e->detail % N(lists)]);
        p->context = "force:objectHomeDesktop";
        p->eid[0] = '\0';
        break;
    case A_NEW_FORM:
        snprintf(p->url, sizeof(p->url), "/lightning/o/%s/new?count=1", obj);
        p->context = "lightning:recordCreateWrapper";
        p->eid[0] = '\0';
        break;
    case A_EDIT_FORM:
        snprintf(p->url, sizeof(p->url), "/lightning/r/%s/%s/edit", obj,
                 p->eid);
        break;
    case A_SEARCH:
        snprintf(p->url, sizeof(p->url), "/lightning/search?searchInput=%s",
                 lasts[e->record % N(lasts)].ascii);
        p->context = "forceSearch:searchPageDesktop";
        p->entity = "";
        p->eid[0] = '\0';
        break;
    case A_SETUP:
        snprintf(p->url, sizeof(p->url), "/lightning/setup/%s/home",
                 setup[e->record % N(setup)]);
        p->context = "setup:setupOneHome";
        p->entity = "";
        p->eid[0] = '\0';
        break;
    default: /* A_VIEW */
        snprintf(p->url, sizeof(p->url), "/lightning/r/%s/%s/view", obj,
                 p->eid);
        break;
    }
}

/* A page of the reports, dashboards or help: their own ids. */
static void lightning_asset(struct sink *s, const struct event *e,
                            struct page *p)
{
    char id15[16];
    const char *kind = e->act == A_REPORT      ? "Report"
                       : e->act == A_DASHBOARD ? "Dashboard"
                                               : "Knowledge__kav";
    sf_id(id15,
          e->act == A_REPORT      ? "00O"
          : e->act == A_DASHBOARD ? "01Z"
                                  : "ka0",
          hash3(s->org->opt->seed, e->act, e->record));
    sf_id18(p->eid, id15);
    p->entity = kind;
    p->context = e->act == A_REPORT      ? "reports:reportPage"
                 : e->act == A_DASHBOARD ? "desktopDashboards:dashboard"
                                         : "one:recordHomeFlexipage2Wrapper";
    snprintf(p->url, sizeof(p->url), "/lightning/r/%s/%s/view", kind, p->eid);
    if (e->act == A_HELP && e->record % 3 == 0) {
        snprintf(p->url, sizeof(p->url), "/lightning/n/Help_Center");
        p->entity = "";
        p->eid[0] = '\0';
        p->context = "one:appPage";
    }
}

static void sf_page(struct sink *s, const struct event *e)
{
    struct row *w = &s->row;
    struct page p;
    if (e->act == A_REPORT || e->act == A_DASHBOARD || e->act == A_HELP)
        lightning_asset(s, e, &p);
    else
        lightning_page(s, e, &p);
    sf_begin(s, e, e->ms);
    sf_device(s, e, e->ms);
    put(w, F_EVENT_TYPE, "LightningPageView");
    put(w, F_UI_EVENT_ID, "ltng:pageView");
    putu(w, F_DURATION, 2000 + rng_below(&s->r, 180000));
    putu(w, F_EFFECTIVE_PAGE_TIME, 300 + rng_below(&s->r, 5000));
    put(w, F_PAGE_ENTITY_ID, p.eid);
    put(w, F_PAGE_ENTITY_TYPE, p.entity);
    put(w, F_PAGE_CONTEXT, p.context);
    put(w, F_PAGE_URL, p.url);
    sf_emit(s, T_LPV);
    sf_aura(s, e);
}

/* A save, a delete (LightningInteraction), or an error (LightningError). */
static void sf_interaction(struct sink *s, const struct event *e)
{
    struct row *w = &s->row;
    const char *obj = objects[e->object].sf;
    char id15[16], id18[19], url[120];
    bool error = e->act == A_SAVE_ERROR || e->act == A_ERROR;
    record_id(s, e, e->record, id15, id18);
    snprintf(url, sizeof(url), "/lightning/r/%s/%s/view", obj, id18);
    sf_begin(s, e, e->ms);
    sf_device(s, e, e->ms);
    put(w, F_EVENT_TYPE, error ? "LightningError" : "LightningInteraction");
    put(w, F_UI_EVENT_ID, error ? "ltng:error" : "ltng:interaction");
    put(w, F_UI_EVENT_TYPE, error ? "error" : "crud");
    put(w, F_UI_EVENT_SOURCE,
        e->act == A_CREATE       ? "create"
        : e->act == A_UPDATE     ? "update"
        : e->act == A_DELETE     ? "delete"
        : e->act == A_SAVE_ERROR ? "AuraError"
                                 : "TypeError");
    put(w, F_PAGE_ENTITY_TYPE, obj);
    put(w, F_PAGE_CONTEXT, "one:recordHomeFlexipage2Wrapper");
    put(w, F_PAGE_URL, url);
    if (error) {
        put(w, F_COMPONENT_NAME, "force:recordLayout");
        sf_emit(s, T_LERR);
        return;
    }
    putu(w, F_DURATION, 200 + rng_below(&s->r, 3000));
    put(w, F_TARGET_UI_ELEMENT, "force-record-layout-save");
    put(w, F_COMPONENT_NAME, "force:recordLayout");
    put(w, F_RECORD_TYPE, obj);
    putf(w, F_RECORD_ID, "[\"%s\"]", id18);
    sf_emit(s, T_LI);
}

/* A Classic page request; FAILED marks it REQUEST_STATUS F. */
static void sf_uri(struct sink *s, const struct event *e, const char *uri,
                   bool failed)
{
    struct row *w = &s->row;
    sf_begin(s, e, e->ms);
    put(w, F_EVENT_TYPE, "URI");
    put(w, F_URI, uri);
    put(w, F_REQUEST_STATUS, failed ? "F" : "S");
    putf(w, F_REFERRER_URI, "%s/home/home.jsp", HOST);
    sf_emit(s, T_URI);
}

/* What a Classic holdout's page events request. */
static void sf_classic(struct sink *s, const struct event *e)
{
    const char *prefix = objects[e->object].prefix;
    char id15[16], id18[19], uri[160];
    record_id(s, e, e->record, id15, id18);
    switch (e->act) {
    case A_HOME:
        snprintf(uri, sizeof(uri), "/home/home.jsp");
        break;
    case A_LIST:
        snprintf(uri, sizeof(uri), "/%s/o", prefix);
        break;
    case A_NEW_FORM:
        snprintf(uri, sizeof(uri), "/%s/e", prefix);
        break;
    case A_EDIT_FORM:
    case A_SAVE_ERROR:
        snprintf(uri, sizeof(uri), "/%s/e", id15);
        break;
    case A_DELETE:
        snprintf(uri, sizeof(uri), "/%s/d", id15);
        break;
    case A_SEARCH:
        snprintf(uri, sizeof(uri), "/_ui/search/ui/UnifiedSearchResults?str=%s",
                 lasts[e->record % N(lasts)].ascii);
        break;
    case A_HELP:
        snprintf(uri, sizeof(uri), "/apex/OnboardingGuide");
        break;
    case A_SETUP:
        snprintf(uri, sizeof(uri), "/setup/forcecomHomepage.apexp");
        break;
    default: /* views, and the record shown after a save */
        snprintf(uri, sizeof(uri), "/%s", id15);
        break;
    }
    sf_uri(s, e, uri, e->act == A_SAVE_ERROR || e->act == A_ERROR);
}

static void report_ids(const struct sink *s, uint32_t rec, char *id15,
                       char *id18)
{
    sf_id(id15, "00O", hash3(s->org->opt->seed, A_REPORT, rec));
    sf_id18(id18, id15);
}

/* A report run, or (A_EXPORT) its export: a Report row, and for an export
 * a ReportExport row too, as Salesforce logs both. */
static void sf_report(struct sink *s, const struct event *e, bool classic)
{
    static const char *const entities[] = {"Opportunity", "Account", "Lead",
                                           "Case", "Activity"};
    struct row *w = &s->row;
    char id15[16], id18[19];
    bool export = e->act == A_EXPORT;
    report_ids(s, e->record, id15, id18);
    sf_begin(s, e, e->ms);
    put(w, F_EVENT_TYPE, "Report");
    putf(w, F_URI, "/%s", id15);
    put(w, F_ENTITY_NAME, entities[e->record % N(entities)]);
    put(w, F_DISPLAY_TYPE, e->record % 3 ? "S" : "H");
    put(w, F_RENDERING_TYPE, classic && export ? "C" : "");
    put(w, F_REPORT_ID, id15);
    putu(w, F_ROW_COUNT, rng_below(&s->r, 2000));
    put(w, F_NUMBER_EXCEPTION_FILTERS, "0");
    putu(w, F_NUMBER_COLUMNS, 4 + e->record % 12);
    putu(w, F_AVERAGE_ROW_SIZE, 80 + e->record % 300);
    put(w, F_SORT, e->record % 2 ? "Amount DESC" : "CloseDate ASC");
    put(w, F_NUMBER_BUCKETS, "0");
    put(w, F_URI_ID_DERIVED, id18);
    put(w, F_REPORT_ID_DERIVED, id18);
    put(w, F_ORIGIN,
        export      ? "ReportExported"
        : classic   ? "ReportRunFromClassic"
        : e->mobile ? "ReportRunFromMobile"
                    : "ReportRunFromLightning");
    sf_emit(s, T_REPORT);
    if (!export || e->record % 2 == 0)
        return; /* formatted exports show in Report alone */
    sf_begin(s, e, e->ms + 300);
    put(w, F_EVENT_TYPE, "ReportExport");
    putf(w, F_URI, "/%s", id15);
    put(w, F_CLIENT_INFO, desktops[s->org->users[e->user].desk].agent);
    if (e->record % 5 == 0)
        put(w, F_REPORT_DESCRIPTION, "\"Top Accounts\" (FY26)");
    else
        putf(w, F_REPORT_DESCRIPTION,
             "/servlet/PrintableViewDownloadServlet?isdtp=p1&reportId=%s"
             "&xf=csv",
             id15);
    put(w, F_URI_ID_DERIVED, id18);
    sf_emit(s, T_REXPORT);
}

/* A dashboard shown: one row per component, the viewer in
 * VIEWING_USER_ID; a scheduled refresh has no viewer. */
static void sf_dashboard(struct sink *s, const struct event *e)
{
    const struct org *o = s->org;
    struct row *w = &s->row;
    bool scheduled = e->act == A_DASH_SCHEDULED;
    bool specific = o->dash_owner != UINT32_MAX && e->record % 2 == 0;
    const struct user *runs =
        &o->users[specific || scheduled ? o->dash_owner : e->user];
    char dash15[16], dash18[19], rep15[16], rep18[19];
    sf_id(dash15, "01Z", hash3(o->opt->seed, A_DASHBOARD, e->record));
    sf_id18(dash18, dash15);
    for (unsigned c = 0; c < 2 + e->record % 3; c++) {
        report_ids(s, e->record * 7 + c, rep15, rep18);
        sf_begin(s, e, e->ms + c * 120);
        put(w, F_EVENT_TYPE, "Dashboard");
        put(w, F_USER_ID, runs->id15);
        put(w, F_USER_ID_DERIVED, runs->id18);
        putf(w, F_URI, "/%s", dash15);
        putkey(w, F_DASHBOARD_COMPONENT_ID, hash3(e->record, c, 1), 12);
        put(w, F_DASHBOARD_ID, dash15);
        put(w, F_REPORT_ID, rep15);
        put(w, F_IS_SUCCESS, "1");
        put(w, F_DASHBOARD_TYPE, specific || scheduled ? "S" : "R");
        put(w, F_IS_SCHEDULED, scheduled ? "1" : "0");
        put(w, F_URI_ID_DERIVED, dash18);
        put(w, F_DASHBOARD_ID_DERIVED, dash18);
        put(w, F_REPORT_ID_DERIVED, rep18);
        put(w, F_VIEWING_USER_ID, scheduled ? "" : o->users[e->user].id15);
        sf_emit(s, T_DASH);
    }
}

static void sf_search(struct sink *s, const struct event *e)
{
    static const char *const prefixes[] = {"001 003 006 00Q", "001",
                                           "500 001 003", "006"};
    struct row *w = &s->row;
    const char *term = lasts[e->record % N(lasts)].ascii;
    sf_begin(s, e, e->ms);
    put(w, F_EVENT_TYPE, "Search");
    putkey(w, F_QUERY_ID,
           hash3(s->org->opt->seed ^ e->user, e->ms / DAY_MS, e->record), 18);
    putu(w, F_NUM_RESULTS, rng_below(&s->r, 40));
    if (e->record % 9 == 0)
        putf(w, F_SEARCH_QUERY, "\"%s*\"", term); /* its own quotes */
    else
        put(w, F_SEARCH_QUERY, term);
    put(w, F_PREFIXES_SEARCHED, prefixes[e->record % N(prefixes)]);
    sf_emit(s, T_SEARCH);
}

static void sf_click(struct sink *s, const struct event *e)
{
    struct row *w = &s->row;
    char id15[16], id18[19];
    record_id(s, e, e->record, id15, id18);
    sf_begin(s, e, e->ms);
    put(w, F_EVENT_TYPE, "SearchClick");
    putkey(w, F_QUERY_ID,
           hash3(s->org->opt->seed ^ e->user, e->ms / DAY_MS, e->aux), 18);
    put(w, F_CLICKED_RECORD_ID, id18);
    putu(w, F_RANK, e->detail);
    sf_emit(s, T_SCLICK);
}

/* An integration's call: SOAP (API) or REST (RestApi). */
static void sf_api(struct sink *s, const struct event *e)
{
    static const char *const soap[] = {"query", "queryMore", "retrieve",
                                       "describeSObjects"};
    static const char *const soap_write[] = {"update", "create", "upsert"};
    struct row *w = &s->row;
    bool rest = e->detail & API_REST, write = e->detail & API_WRITE;
    const char *obj = objects[e->object].sf;
    sf_begin(s, e, e->ms);
    put(w, F_EVENT_TYPE, rest ? "RestApi" : "API");
    putu(w, F_ROWS_PROCESSED, rng_below(&s->r, 500));
    putu(w, F_REQUEST_SIZE, 200 + rng_below(&s->r, 5000));
    putu(w, F_RESPONSE_SIZE, 500 + rng_below(&s->r, 60000));
    put(w, F_ENTITY_NAME, obj);
    if (rest) {
        put(w, F_URI,
            write ? "/services/data/v62.0/composite/sobjects"
                  : "/services/data/v62.0/query");
        put(w, F_METHOD, write ? "PATCH" : "GET");
        put(w, F_MEDIA_TYPE, "application/json");
        put(w, F_STATUS_CODE, "200");
        put(w, F_USER_AGENT, "Apache-HttpClient/4.5.14 (Java/17.0.12)");
        putu(w, F_NUMBER_FIELDS, 5 + e->record % 20);
        sf_emit(s, T_REST);
        return;
    }
    put(w, F_URI, "Api");
    put(w, F_API_TYPE, "P");
    put(w, F_API_VERSION, "62.0");
    put(w, F_CLIENT_NAME, "NorthwindERPSync/3.2");
    put(w, F_METHOD_NAME,
        write ? soap_write[e->record % N(soap_write)]
              : soap[e->record % N(soap)]);
    sf_emit(s, T_API);
}

/* Bulk API batches: a person's import (Data Loader), or an integration's
 * nightly load. */
static void sf_bulk(struct sink *s, const struct event *e)
{
    static const char *const ops[] = {"upsert", "insert", "update", "query"};
    struct row *w = &s->row;
    unsigned batches = e->act == A_IMPORT ? e->detail : 1;
    uint64_t job = hash3(s->org->opt->seed, e->user, e->ms);
    for (unsigned b = 0; b < batches; b++) {
        char job15[16];
        sf_id(job15, "750", job);
        sf_begin(s, e, e->ms + b * 2000);
        put(w, F_EVENT_TYPE, "BulkApi");
        putf(w, F_URI, "/services/async/62.0/job/%s/batch", job15);
        put(w, F_JOB_ID, job15);
        putkey(w, F_BATCH_ID, job + b, 15);
        putu(w, F_ROWS_PROCESSED, 20 + rng_below(&s->r, 5000));
        put(w, F_NUMBER_FAILURES, "0");
        put(w, F_SUCCESS, "true");
        put(w, F_ENTITY_TYPE, objects[e->object].sf);
        put(w, F_OPERATION_TYPE,
            e->act == A_IMPORT ? ops[b % 2] : ops[e->seq % N(ops)]);
        sf_emit(s, T_BULK);
    }
}

/* Classic page events become URI rows, plus the rows that are not pages. */
static void sf_classic_event(struct sink *s, const struct event *e)
{
    char id15[16], id18[19], uri[32];
    switch (e->act) {
    case A_REPORT:
    case A_EXPORT:
        report_ids(s, e->record, id15, id18);
        snprintf(uri, sizeof(uri), "/%s", id15);
        if (e->act == A_REPORT)
            sf_uri(s, e, uri, false);
        sf_report(s, e, true);
        break;
    case A_DASHBOARD:
        sf_id(id15, "01Z", hash3(s->org->opt->seed, A_DASHBOARD, e->record));
        snprintf(uri, sizeof(uri), "/%s", id15);
        sf_uri(s, e, uri, false);
        sf_dashboard(s, e);
        break;
    case A_SEARCH:
        sf_classic(s, e);
        sf_search(s, e);
        break;
    default:
        sf_classic(s, e);
        break;
    }
}

static void sf_event(struct sink *s, const struct event *e)
{
    const struct user *u = &s->org->users[e->user];
    if (u->classic && !e->mobile && e->act >= A_HOME && e->act <= A_SETUP &&
        e->act != A_CLICK) {
        sf_classic_event(s, e);
        return;
    }
    switch (e->act) {
    case A_LOGIN:
    case A_LOGIN_FAIL:
    case A_DL_LOGIN:
    case A_SVC_LOGIN:
        sf_login(s, e);
        break;
    case A_LOGOUT:
        sf_logout(s, e);
        break;
    case A_CREATE:
    case A_UPDATE:
    case A_DELETE:
    case A_SAVE_ERROR:
    case A_ERROR:
        sf_interaction(s, e);
        break;
    case A_SEARCH:
        sf_page(s, e);
        sf_search(s, e);
        break;
    case A_CLICK:
        sf_click(s, e);
        break;
    case A_EXPORT:
        sf_report(s, e, false);
        break;
    case A_REPORT:
        sf_page(s, e);
        sf_report(s, e, false);
        break;
    case A_DASHBOARD:
        sf_page(s, e);
        sf_dashboard(s, e);
        break;
    case A_DASH_SCHEDULED:
        sf_dashboard(s, e);
        break;
    case A_SVC_API:
        sf_api(s, e);
        break;
    case A_IMPORT:
    case A_SVC_BULK:
        sf_bulk(s, e);
        break;
    default: /* pages: home, view, list, forms, help, setup */
        sf_page(s, e);
        break;
    }
}

/* ---- Salesforce login history (no Event Monitoring) ------------------ */

/* The LoginHistory object as a query exports it (Data Loader, sf data
 * query): all an org without Event Monitoring has of its users. */
static const char LH_COLUMNS[] =
    "Id,UserId,LoginTime,LoginType,LoginSubType,SourceIp,LoginUrl,Browser,"
    "Platform,Status,Application,ApiType,ApiVersion";

static void lh_open(struct sink *s, const char *dir)
{
    snprintf(s->path[0], PATH_LEN, "%s/logs/LoginHistory.csv", dir);
    s->file[0] = open_out(s->path[0]);
    fprintf(s->file[0], "%s\n", LH_COLUMNS);
}

static void lh_event(struct sink *s, const struct event *e)
{
    static const char *const failures[] = {
        "Invalid Password", "Password Lockout Exceeded", "User is Inactive"};
    FILE *f = s->file[0];
    const struct user *u = &s->org->users[e->user];
    bool api = e->act == A_SVC_LOGIN || e->act == A_DL_LOGIN;
    bool oauth = api || e->mobile;
    char id[16];
    if (e->act != A_LOGIN && e->act != A_LOGIN_FAIL && !api)
        return;
    struct when t = when_of(e->ms);
    s->audit_seq++;
    sf_id(id, "0Ya", mix64(s->org->opt->seed ^ s->audit_seq));
    fprintf(f, "%s,%s,%04d-%02u-%02uT%02u:%02u:%02u.%03u+0000,%s,%s,", id,
            u->id18, t.y, t.mo, t.d, t.h, t.mi, t.s, t.ms,
            oauth ? "Remote Access 2.0" : "Application",
            e->act == A_SVC_LOGIN  ? "oauthclientcredential"
            : e->act == A_DL_LOGIN ? "oauthpassword"
            : e->mobile            ? "oauthrefreshtoken"
                                   : "uiup");
    fprintf(f, "%s,%s,", u->start_min < 720 ? "81.2.69.160" : "203.0.113.10",
            oauth ? "northwind.my.salesforce.com" : "login.salesforce.com");
    write_csv(f, e->act == A_SVC_LOGIN  ? "Apache-HttpClient"
                 : e->act == A_DL_LOGIN ? "Dataloader"
                                        : device_of(u, e->mobile)->agent);
    const struct device *dv = device_of(u, e->mobile);
    bool ios = strcmp(dv->os, "IOS") == 0;
    fprintf(
        f, ",%s,%s,%s,%s,%s\n",
        api                          ? "Unknown"
        : e->mobile                  ? (ios ? "iOS" : "Android")
        : strcmp(dv->os, "OSX") == 0 ? "Mac OSX"
                                     : "Windows 10",
        e->act == A_LOGIN_FAIL ? failures[e->detail % N(failures)] : "Success",
        e->act == A_SVC_LOGIN  ? "Integration"
        : e->act == A_DL_LOGIN ? "DataLoader"
        : e->mobile ? (ios ? "Salesforce for iOS" : "Salesforce for Android")
                    : "Browser",
        api ? "SOAP Partner" : "N/A", api ? "62.0" : "N/A");
}

/* ---- Dataverse audit table --------------------------------------------- */

static const char DV_COLUMNS[] =
    "createdon,operation,action,objecttypecode,objectid,userid,username,"
    "callinguserid,attributemask,changedata,auditid";

static void dv_open(struct sink *s, const char *dir)
{
    snprintf(s->path[0], PATH_LEN, "%s/logs/audit.csv", dir);
    s->file[0] = open_out(s->path[0]);
    fprintf(s->file[0], "%s\n", DV_COLUMNS);
}

/* One audit row: OP:ACTION on OTC (record OBJECTID) by the event's user. */
static void dv_row(struct sink *s, const struct event *e, int op, int action,
                   const char *otc, const char *objectid, const char *mask,
                   const char *change)
{
    FILE *f = s->file[0];
    const struct user *u = &s->org->users[e->user];
    struct when t = when_of(e->ms);
    char when[24], audit[37];
    snprintf(when, sizeof(when), "%04d-%02u-%02uT%02u:%02u:%02uZ", t.y, t.mo,
             t.d, t.h, t.mi, t.s);
    s->audit_seq++;
    guid(audit, mix64(s->org->opt->seed ^ s->audit_seq), mix64(s->audit_seq));
    fprintf(f, "%s,%d,%d,%s,%s,%s,", when, op, action, otc, objectid, u->guid);
    write_csv(f, u->name);
    fputs(",,", f);
    write_csv(f, mask);
    putc(',', f);
    write_csv(f, change);
    fprintf(f, ",%s\n", audit);
}

/* The record an event is about, the same in every format. */
static uint64_t record_hash(const struct sink *s, const struct event *e)
{
    return hash3(s->org->opt->seed ^ TAG_RECORD,
                 (uint64_t)e->user << 8 | e->object, e->record);
}

static void dv_record(const struct sink *s, const struct event *e, char *out)
{
    uint64_t h = record_hash(s, e);
    guid(out, h, mix64(h));
}

/* The few fields an update changes, with their values before and after. */
static void dv_change(struct sink *s, const struct event *e, char *mask,
                      char *change, size_t size)
{
    static const struct {
        const char *name, *mask;
    } attrs[] = {{"statuscode", "47"},       {"estimatedvalue", "45,42"},
                 {"telephone1", "12"},       {"description", "31"},
                 {"closeprobability", "38"}, {"prioritycode", "19"}};
    unsigned a = (e->seq + e->record) % N(attrs);
    uint32_t before = rng_below(&s->r, 100), after = rng_below(&s->r, 100);
    snprintf(mask, 32, "%s", attrs[a].mask);
    snprintf(change, size,
             "{\"changedAttributes\":[{\"logicalName\":\"%s\",\"oldValue\":"
             "\"%u\",\"newValue\":\"%u\"}]}",
             attrs[a].name, before, after);
}

static void dv_event(struct sink *s, const struct event *e)
{
    const struct user *u = &s->org->users[e->user];
    const char *otc = objects[e->object].dv;
    char rec[37], mask[32], change[200];
    dv_record(s, e, rec);
    switch (e->act) {
    case A_LOGIN:
    case A_SVC_LOGIN:
        dv_row(s, e, 4, e->act == A_LOGIN ? 64 : 65, "systemuser", u->guid, "",
               "");
        break;
    case A_CREATE:
        dv_row(s, e, 1, 1, otc, rec, "", "");
        break;
    case A_UPDATE:
        dv_change(s, e, mask, change, sizeof(change));
        dv_row(s, e, 2,
               e->object == O_OPPORTUNITY && e->record % 9 == 0 ? 44 : 2, otc,
               rec, mask, change);
        break;
    case A_DELETE:
        dv_row(s, e, 3, 3, otc, rec, "", "");
        break;
    case A_IMPORT:
        dv_row(s, e, 1, 60, otc, rec, "", "");
        break;
    case A_SETUP:
        if (e->record % 4 == 0) /* most setup changes are not audited */
            dv_row(s, e, 2, e->record % 8 ? 55 : 57, "systemuser",
                   s->org->users[e->record % s->org->n].guid, "", "");
        break;
    case A_SVC_API:
    case A_SVC_BULK:
        if (e->act == A_SVC_BULK || e->detail & API_WRITE)
            dv_row(s, e, e->record % 3 ? 2 : 1, e->record % 3 ? 2 : 1, otc, rec,
                   "", "");
        break;
    default: /* the audit table has no reads, searches, errors or exports */
        break;
    }
}

/* ---- SuiteCRM tracker table ------------------------------------------- */

/* The tracker table as an admin exports it (SELECT * FROM tracker, to
 * CSV): a row per view rendered and per save (formats.md 6.1). API calls,
 * errors and failed logins do not pass through it. */
static const char SC_COLUMNS[] =
    "id,monitor_id,user_id,module_name,item_id,item_summary,date_modified,"
    "action,session_id,visible,deleted";

static void sc_open(struct sink *s, const char *dir)
{
    snprintf(s->path[0], PATH_LEN, "%s/logs/tracker.csv", dir);
    s->file[0] = open_out(s->path[0]);
    fprintf(s->file[0], "%s\n", SC_COLUMNS);
}

/* One tracker row: ACTION in MODULE, on the event's record if ITEM. */
static void sc_row(struct sink *s, const struct event *e, const char *module,
                   const char *action, bool item)
{
    FILE *f = s->file[0];
    const struct user *u = &s->org->users[e->user];
    int64_t day = e->ms / DAY_MS;
    struct when t = when_of(e->ms);
    char monitor[37], rec[37] = "";
    s->audit_seq++;
    guid(monitor, mix64(s->org->opt->seed ^ s->audit_seq),
         mix64(~s->audit_seq));
    if (item)
        dv_record(s, e, rec);
    /* a PHP session id: 26 of [0-9a-v], one per session of the day */
    uint64_t h =
        hash3(s->org->opt->seed ^ TAG_WRITER,
              (uint64_t)e->user << 20 | (uint64_t)(day & 0xFFFF), e->session);
    char sess[27];
    for (int k = 0; k < 26; k++) {
        sess[k] = "0123456789abcdefghijklmnopqrstuv"[h & 31];
        h = k % 12 == 11 ? mix64(h) : h >> 5;
    }
    sess[26] = '\0';
    fprintf(f, "%llu,%s,%s,%s,%s,", (unsigned long long)s->audit_seq, monitor,
            u->guid, module, rec);
    if (item)
        fprintf(f, "%s %u", objects[e->object].sf, e->record % 100000);
    fprintf(f, ",%04d-%02u-%02u %02u:%02u:%02u,%s,%s,%d,0\n", t.y, t.mo, t.d,
            t.h, t.mi, t.s, action, sess,
            strcmp(action, "detailview") == 0 ||
                strcmp(action, "editview") == 0);
}

static void sc_event(struct sink *s, const struct event *e)
{
    const char *module = objects[e->object].sc;
    bool made = e->record & NEW_RECORD;
    switch (e->act) {
    case A_LOGIN:
        sc_row(s, e, "Users", "authenticate", false);
        break;
    case A_LOGOUT:
        sc_row(s, e, "Users", "logout", false);
        break;
    case A_HOME:
    case A_DASHBOARD: /* the dashlets of the home page */
        sc_row(s, e, "Home", "index", false);
        break;
    case A_VIEW:
    case A_CLICK:
        sc_row(s, e, module, "detailview", true);
        break;
    case A_LIST:
        sc_row(s, e, module, "index", false);
        break;
    case A_SEARCH:
        sc_row(s, e, "Home", "unifiedsearch", false);
        break;
    case A_NEW_FORM:
        sc_row(s, e, module, "editview", false);
        break;
    case A_EDIT_FORM:
        sc_row(s, e, module, "editview", true);
        break;
    case A_SAVE_ERROR: /* the form comes back, with what is wrong */
        sc_row(s, e, module, "editview", !made);
        break;
    case A_CREATE:
    case A_UPDATE:
        sc_row(s, e, module, "save", true);
        break;
    case A_DELETE:
        sc_row(s, e, module, "delete", true);
        break;
    case A_REPORT:
        sc_row(s, e, "AOR_Reports", "detailview", true);
        break;
    case A_EXPORT:
        sc_row(s, e, module, "export", false);
        break;
    case A_IMPORT:
        sc_row(s, e, "Import", "last", false);
        break;
    case A_HELP:
        sc_row(s, e, "Home", "trainingportal", false);
        break;
    case A_SETUP:
        sc_row(s, e, "Administration", "index", false);
        break;
    default: /* errors, failed logins, the API: not in the tracker */
        break;
    }
}

/* ---- Purview audit log: Dynamics 365 activity ------------------------- */

/* The unified audit log as a Purview search exports it (classic layout,
 * formats.md 3.2): each record's JSON in AuditData. Activity logging is
 * at the SDK layer: reads and writes, reports and exports, no sign-ins,
 * help pages or setup. Users are named by their UPN. */
static void pv_open(struct sink *s, const char *dir)
{
    snprintf(s->path[0], PATH_LEN, "%s/logs/AuditLog.csv", dir);
    s->file[0] = open_out(s->path[0]);
    fputs("CreationDate,UserIds,Operations,AuditData\n", s->file[0]);
}

/* One record: MESSAGE on the event's record (ENTITY, or its object's). */
static void pv_row(struct sink *s, const struct event *e, const char *message,
                   const char *entity, bool failed, int user_type)
{
    FILE *f = s->file[0];
    const struct user *u = &s->org->users[e->user];
    struct when t = when_of(e->ms);
    char when[24], id[37], rec[37], json[1024];
    snprintf(when, sizeof(when), "%04d-%02u-%02uT%02u:%02u:%02u", t.y, t.mo,
             t.d, t.h, t.mi, t.s);
    s->audit_seq++;
    guid(id, mix64(s->org->opt->seed ^ s->audit_seq), mix64(~s->audit_seq));
    dv_record(s, e, rec);
    if (!entity)
        entity = objects[e->object].dv;
    snprintf(json, sizeof(json),
             "{\"CreationTime\":\"%s\",\"Id\":\"%s\",\"Operation\":\"%s\","
             "\"OrganizationId\":\"9f3e1d7a-0c4b-4e55-8a1e-3b2c6d5e4f10\","
             "\"RecordType\":21,\"ResultStatus\":\"%s\",\"UserKey\":"
             "\"%s\",\"UserType\":%d,\"Workload\":\"CRM\",\"ObjectId\":"
             "\"%s\",\"UserId\":\"%s\",\"ClientIP\":\"%s\","
             "\"CrmOrganizationUniqueName\":\"northwind\",\"ItemType\":"
             "\"%s\",\"UserAgent\":\"%s\",\"EntityId\":\"%s\","
             "\"EntityName\":\"%s\",\"Message\":\"%s\",\"UserUpn\":"
             "\"%s\",\"SystemUserId\":\"%s\"}",
             when, id, message, failed ? "Failed" : "Succeeded", u->guid,
             user_type, rec, u->login,
             u->start_min < 720 ? "81.2.69.160" : "203.0.113.10", entity,
             user_type   ? "Microsoft.Xrm.Sdk/9.0"
             : e->mobile ? "Dynamics 365 for Phones"
                         : device_of(u, false)->agent,
             rec, entity, message, u->login, u->guid);
    fprintf(f, "%s,%s,%s,", when, u->login, message);
    write_quoted(f, json);
    putc('\n', f);
}

static void pv_event(struct sink *s, const struct event *e)
{
    switch (e->act) {
    case A_VIEW:
    case A_CLICK:
    case A_EDIT_FORM:
        pv_row(s, e, "Retrieve", NULL, false, 0);
        break;
    case A_LIST:
        pv_row(s, e, "RetrieveMultiple", NULL, false, 0);
        break;
    case A_HOME:
    case A_DASHBOARD: /* the charts of a dashboard fetch their rows */
        pv_row(s, e, "RetrieveMultiple", "systemform", false, 0);
        break;
    case A_SEARCH:
        pv_row(s, e, "SearchQuery", NULL, false, 0);
        break;
    case A_CREATE:
        pv_row(s, e, "Create", NULL, false, 0);
        break;
    case A_UPDATE:
        pv_row(s, e, "Update", NULL, false, 0);
        break;
    case A_SAVE_ERROR:
        pv_row(s, e, e->record & NEW_RECORD ? "Create" : "Update", NULL, true,
               0);
        break;
    case A_DELETE:
        pv_row(s, e, "Delete", NULL, false, 0);
        break;
    case A_REPORT:
        pv_row(s, e, "Report Viewed", "report", false, 0);
        break;
    case A_EXPORT:
        pv_row(s, e, "ExportToExcel", NULL, false, 0);
        break;
    case A_IMPORT:
        pv_row(s, e, "ImportRecordsImport", "importfile", false, 0);
        break;
    case A_SVC_API:
    case A_SVC_BULK:
        pv_row(s, e,
               e->act == A_SVC_BULK || e->detail & API_WRITE
                   ? (e->record % 3 ? "Update" : "Create")
                   : "RetrieveMultiple",
               NULL, false, 5);
        break;
    default: /* sign-ins, help pages, setup and page errors: not logged */
        break;
    }
}

/* ---- HubSpot account activity: logins and the audit log ---------------- */

/* What the account activity API returns, saved one object a line
 * (formats.md 4): the login history, and the audit log of an Enterprise
 * account (records created, changed, deleted, exported, imported;
 * settings). HubSpot logs no views, searches, reports or help. */
static void hs_open(struct sink *s, const char *dir)
{
    snprintf(s->path[0], PATH_LEN, "%s/logs/login.jsonl", dir);
    snprintf(s->path[1], PATH_LEN, "%s/logs/audit-logs.jsonl", dir);
    s->file[0] = open_out(s->path[0]);
    s->file[1] = open_out(s->path[1]);
}

static void hs_time(const struct event *e, char *out, size_t size)
{
    struct when t = when_of(e->ms);
    snprintf(out, size, "%04d-%02u-%02uT%02u:%02u:%02u.%03uZ", t.y, t.mo, t.d,
             t.h, t.mi, t.s, t.ms);
}

static void hs_audit(struct sink *s, const struct event *e,
                     const char *category, const char *sub, const char *action)
{
    const struct user *u = &s->org->users[e->user];
    char when[32];
    hs_time(e, when, sizeof(when));
    s->audit_seq++;
    fprintf(s->file[1],
            "{\"id\":\"%llu\",\"category\":\"%s\",\"subCategory\":\"%s\","
            "\"action\":\"%s\",\"targetObjectId\":\"%llu\",\"occurredAt\":"
            "\"%s\",\"actingUser\":{\"userId\":%lu,\"userEmail\":\"%s\"}}\n",
            (unsigned long long)s->audit_seq, category, sub, action,
            (unsigned long long)(record_hash(s, e) % 100000000000ull), when,
            41000000ul + e->user, u->login);
}

static void hs_event(struct sink *s, const struct event *e)
{
    const struct user *u = &s->org->users[e->user];
    const char *sub = objects[e->object].hs;
    char when[32];
    switch (e->act) {
    case A_LOGIN:
    case A_LOGIN_FAIL:
        hs_time(e, when, sizeof(when));
        s->audit_seq++;
        fprintf(s->file[0],
                "{\"id\":\"%llu\",\"loginAt\":\"%s\",\"userId\":%lu,"
                "\"email\":\"%s\",\"loginSucceeded\":%s,\"ipAddress\":"
                "\"%s\",\"countryCode\":\"%s\",\"userAgent\":\"%s\"}\n",
                (unsigned long long)s->audit_seq, when, 41000000ul + e->user,
                u->login, e->act == A_LOGIN ? "true" : "false",
                u->start_min < 720 ? "81.2.69.160" : "203.0.113.10",
                u->start_min < 720 ? "gb" : "us",
                e->mobile ? "HubSpot/6.2.0 (iPhone; iOS 18.1; Scale/3.00)"
                          : device_of(u, false)->agent);
        break;
    case A_CREATE:
        hs_audit(s, e, "CRM_OBJECT", sub, "CREATE");
        break;
    case A_UPDATE:
        hs_audit(s, e, "PROPERTY_VALUE", sub, "UPDATE");
        break;
    case A_DELETE:
        hs_audit(s, e, "CRM_OBJECT", sub, "DELETE");
        break;
    case A_EXPORT:
        hs_audit(s, e, "CRM_OBJECT", sub, "EXPORT");
        break;
    case A_IMPORT:
        hs_audit(s, e, "CRM_OBJECT", sub, "IMPORT");
        break;
    case A_SETUP:
        if (e->record % 4 == 0) /* most setup pages change nothing */
            hs_audit(s, e, "SETTINGS", "USER_MANAGEMENT", "UPDATE");
        break;
    default: /* views, searches, reports, help, errors, the API */
        break;
    }
}

/* ---- Zoho CRM audit log ------------------------------------------------ */

/* The audit log export, AuditLog.csv (formats.md 5): records added,
 * updated, deleted, exported and imported, and setup changes; no logins
 * or reads. */
static void zo_open(struct sink *s, const char *dir)
{
    snprintf(s->path[0], PATH_LEN, "%s/logs/AuditLog.csv", dir);
    s->file[0] = open_out(s->path[0]);
    fputs("Audited Time,Done By,Done By Email,Action,Module,Record Name,"
          "Record Id,Source,IP Address\n",
          s->file[0]);
}

static void zo_row(struct sink *s, const struct event *e, const char *action,
                   const char *module)
{
    FILE *f = s->file[0];
    const struct user *u = &s->org->users[e->user];
    struct when t = when_of(e->ms);
    fprintf(f, "%04d-%02u-%02u %02u:%02u:%02u,", t.y, t.mo, t.d, t.h, t.mi,
            t.s);
    write_csv(f, u->name);
    fprintf(f, ",%s,%s,%s,%s %u,48760000%08llu,%s,%s\n", u->login, action,
            module, objects[e->object].sf, e->record % 100000,
            (unsigned long long)(record_hash(s, e) % 100000000ull),
            e->mobile ? "Mobile" : "Web",
            u->start_min < 720 ? "81.2.69.160" : "203.0.113.10");
}

static void zo_event(struct sink *s, const struct event *e)
{
    const char *module = objects[e->object].zo;
    switch (e->act) {
    case A_CREATE:
        zo_row(s, e, "Added", module);
        break;
    case A_UPDATE:
        zo_row(s, e, "Updated", module);
        break;
    case A_DELETE:
        zo_row(s, e, "Deleted", module);
        break;
    case A_EXPORT:
        zo_row(s, e, "Exported", module);
        break;
    case A_IMPORT:
        zo_row(s, e, "Imported", module);
        break;
    case A_SETUP:
        if (e->record % 4 == 0)
            zo_row(s, e, "Updated", "Users");
        break;
    default: /* logins, reads, reports, help, errors, the API */
        break;
    }
}

/* ---- Salesforce Setup Audit Trail ------------------------------------- */

/* The SetupAuditTrail object as a query exports it (formats.md 2.2):
 * changes to the setup, by the admin who made them. A quarter of the
 * setup pages opened change something, as in the other audit logs. */
static void sa_open(struct sink *s, const char *dir)
{
    snprintf(s->path[0], PATH_LEN, "%s/logs/SetupAuditTrail.csv", dir);
    s->file[0] = open_out(s->path[0]);
    fputs("Id,Action,Section,CreatedDate,CreatedById,Display,DelegateUser\n",
          s->file[0]);
}

static void sa_event(struct sink *s, const struct event *e)
{
    static const struct {
        const char *action, *section, *display; /* the user's name next */
    } changes[] = {
        {"PermSetAssign", "Manage Users",
         "Permission set Sales Ops: assigned to user "},
        {"changedUserEmail", "Manage Users", "Changed email for user "},
        {"profilePermChangedCustom", "Manage Users",
         "Changed profile Sales User: permission for user "},
        {"createdCFCustom", "Customize Opportunities",
         "Created custom field Region (Picklist), asked by "},
    };
    const struct user *u = &s->org->users[e->user];
    const struct user *who = &s->org->users[e->record % s->org->n];
    char id[16], display[160];
    if (e->act != A_SETUP || e->record % 4 != 0)
        return;
    struct when t = when_of(e->ms);
    s->audit_seq++;
    sf_id(id, "0Ym", mix64(s->org->opt->seed ^ s->audit_seq));
    unsigned k = e->record / 4 % N(changes);
    snprintf(display, sizeof(display), "%s%s", changes[k].display, who->name);
    fprintf(s->file[0], "%s,%s,%s,%04d-%02u-%02uT%02u:%02u:%02u.000+0000,%s,",
            id, changes[k].action, changes[k].section, t.y, t.mo, t.d, t.h,
            t.mi, t.s, u->id18);
    write_csv(s->file[0], display);
    fputs(",\n", s->file[0]);
}

/* ---- roster, truth, main ------------------------------------------------ */

/* The id a format's log knows a user by: Salesforce's, a GUID
 * (Dataverse, SuiteCRM) or the e-mail (Purview's UPN, HubSpot, Zoho). */
static const char *log_id(const struct org *o, const struct user *u)
{
    switch (o->opt->format) {
    case FMT_DATAVERSE:
    case FMT_SUITECRM:
        return u->guid;
    case FMT_PURVIEW:
    case FMT_HUBSPOT:
    case FMT_ZOHO:
        return u->login;
    default:
        return u->id18;
    }
}

static void write_roster(const struct org *o, const char *dir)
{
    char path[PATH_LEN], day[16];
    snprintf(path, sizeof(path), "%s/roster.csv", dir);
    FILE *f = open_out(path);
    fputs("id,name,role,team,active,created,type\n", f);
    for (uint32_t i = 0; i < o->n; i++) {
        const struct user *u = &o->users[i];
        bool svc = u->role == ROLE_SERVICE;
        format_day(u->created, day, sizeof(day));
        write_csv(f, log_id(o, u));
        putc(',', f);
        write_csv(f, u->name);
        putc(',', f);
        write_csv(f, svc ? "Integration" : roles[u->role].title);
        putc(',', f);
        write_csv(f, svc ? "IT" : roles[u->role].teams[i % 3]);
        /* as a User export has it: the licence says who is no person */
        fprintf(f, ",%s,%s,%s\n", u->active ? "true" : "false", day,
                svc ? "Integration" : "Standard");
    }
    close_out(f, path);
}

static void write_truth(const struct org *o, const char *dir)
{
    char path[PATH_LEN];
    snprintf(path, sizeof(path), "%s/truth.tsv", dir);
    FILE *f = open_out(path);
    fputs("user\tpersona\tstatus\tcause\n", f);
    for (uint32_t i = 0; i < o->n; i++) {
        const struct user *u = &o->users[i];
        const struct persona_def *p = &personas[u->persona];
        fprintf(f, "%s\t%s\t%s\t%s\n", log_id(o, u), p->name, p->status,
                p->cause);
    }
    close_out(f, path);
}

/* mkdir -p */
static void make_dirs(const char *path)
{
    char buf[PATH_LEN];
    size_t len = strlen(path);
    memcpy(buf, path, len + 1);
    for (size_t i = 1; i <= len; i++) {
        if (buf[i] != '/' && buf[i] != '\0')
            continue;
        char c = buf[i];
        buf[i] = '\0';
        if (mkdir(buf, 0777) != 0 && errno != EEXIST)
            die("cannot create %s: %s", buf, strerror(errno));
        buf[i] = c;
    }
}

static void close_all(struct sink *s)
{
    for (int t = 0; t < T_COUNT; t++) {
        if (!s->file[t])
            continue;
        long at = ftell(s->file[t]);
        s->closed += at > 0 ? (uint64_t)at : 0;
        close_out(s->file[t], s->path[t]);
        s->file[t] = NULL;
    }
}

/* The bytes of the logs written so far. */
static uint64_t written(const struct sink *s)
{
    uint64_t n = s->closed;
    for (int t = 0; t < T_COUNT; t++) {
        long at = s->file[t] ? ftell(s->file[t]) : 0;
        n += at > 0 ? (uint64_t)at : 0;
    }
    return n;
}

/* Every day: every user's events, sorted by time, written; until --days,
 * or the day the logs reach --size. */
static void simulate(const struct org *o, struct sink *s)
{
    struct events ev = {0};
    for (int d = 0; d < o->opt->days; d++) {
        if (o->opt->size && written(s) >= o->opt->size)
            break;
        if (o->opt->format == FMT_SALESFORCE && o->opt->daily && d > 0) {
            close_all(s);
            sf_open(s, o->opt->out, o->opt->start + d);
        }
        ev.n = 0;
        for (uint32_t i = 0; i < o->n; i++)
            user_day(o, i, d, &ev);
        org_day(o, d, &ev);
        qsort(ev.v, ev.n, sizeof(*ev.v), cmp_event);
        for (size_t k = 0; k < ev.n; k++)
            if (o->opt->format == FMT_SALESFORCE)
                sf_event(s, &ev.v[k]);
            else if (o->opt->format == FMT_SALESFORCE_LOGIN)
                lh_event(s, &ev.v[k]);
            else if (o->opt->format == FMT_SUITECRM)
                sc_event(s, &ev.v[k]);
            else if (o->opt->format == FMT_PURVIEW)
                pv_event(s, &ev.v[k]);
            else if (o->opt->format == FMT_HUBSPOT)
                hs_event(s, &ev.v[k]);
            else if (o->opt->format == FMT_ZOHO)
                zo_event(s, &ev.v[k]);
            else if (o->opt->format == FMT_SALESFORCE_AUDIT)
                sa_event(s, &ev.v[k]);
            else
                dv_event(s, &ev.v[k]);
    }
    free(ev.v);
}

int main(int argc, char **argv)
{
    struct options opt;
    struct org org;
    char logs[PATH_LEN];
    int rc = parse_options(argc, argv, &opt);
    if (rc != 0)
        return rc < 0 ? 0 : rc;
    org_build(&org, &opt);
    snprintf(logs, sizeof(logs), "%s/logs", opt.out);
    make_dirs(logs);
    write_roster(&org, opt.out);
    write_truth(&org, opt.out);
    struct sink *s = xcalloc(1, sizeof(*s));
    s->org = &org;
    s->r = rng_stream(opt.seed, TAG_WRITER, 0);
    if (opt.format == FMT_SALESFORCE)
        sf_open(s, opt.out, opt.start);
    else if (opt.format == FMT_SALESFORCE_LOGIN)
        lh_open(s, opt.out);
    else if (opt.format == FMT_SUITECRM)
        sc_open(s, opt.out);
    else if (opt.format == FMT_PURVIEW)
        pv_open(s, opt.out);
    else if (opt.format == FMT_HUBSPOT)
        hs_open(s, opt.out);
    else if (opt.format == FMT_ZOHO)
        zo_open(s, opt.out);
    else if (opt.format == FMT_SALESFORCE_AUDIT)
        sa_open(s, opt.out);
    else
        dv_open(s, opt.out);
    simulate(&org, s);
    close_all(s);
    free(s);
    org_release(&org);
    return 0;
}
