/* zone_test.c - --tz zones: fixed offsets and the system's TZif files */
#include "zone.h"

#include <string.h>

#include "check.h"
#include "timestamp.h"

static int64_t wall(int y, int mo, int d, int h, int mi)
{
    return (upt_timestamp_days(y, mo, d) * 86400 + h * 3600 + mi * 60) * 1000;
}

static void utc_and_fixed_offsets(void)
{
    char err[128];
    struct upt_zone *z = upt_zone_load("UTC", err, sizeof(err));
    CHECK(z &&
          upt_zone_to_utc(z, wall(2026, 1, 1, 9, 0)) == wall(2026, 1, 1, 9, 0));
    upt_zone_free(z);
    static const struct {
        const char *name;
        int minutes;
    } cases[] = {{"+02:00", 120},
                 {"-0530", -330},
                 {"+9", 540},
                 {"-11", -660},
                 {"+0545", 345}};
    for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
        z = upt_zone_load(cases[i].name, err, sizeof(err));
        CHECK(z && upt_zone_to_utc(z, wall(2026, 6, 1, 12, 0)) ==
                       wall(2026, 6, 1, 12, 0) - cases[i].minutes * 60000LL);
        upt_zone_free(z);
    }
}

static void bad_names_are_refused_with_a_reason(void)
{
    char err[128];
    CHECK(upt_zone_load("+25:00", err, sizeof(err)) == NULL);
    CHECK_STREQ(err, "bad time zone offset '+25:00'");
    CHECK(upt_zone_load("../../etc/passwd", err, sizeof(err)) == NULL);
    CHECK_STREQ(err, "bad time zone name '../../etc/passwd'");
    CHECK(upt_zone_load("/etc/localtime", err, sizeof(err)) == NULL);
    CHECK(upt_zone_load("Mars/Base", err, sizeof(err)) == NULL);
    CHECK(strncmp(err, "unknown time zone 'Mars/Base'", 29) == 0);
    CHECK(upt_zone_load("zone.tab", err, sizeof(err)) == NULL);
}

static void iana_zones_follow_daylight_saving(void)
{
    char err[128];
    struct upt_zone *la =
        upt_zone_load("America/Los_Angeles", err, sizeof(err));
    CHECK(la != NULL);
    if (!la)
        return;
    /* PST (-8) in January, PDT (-7) in July */
    CHECK(upt_zone_to_utc(la, wall(2026, 1, 15, 9, 0)) ==
          wall(2026, 1, 15, 17, 0));
    CHECK(upt_zone_to_utc(la, wall(2026, 7, 15, 9, 0)) ==
          wall(2026, 7, 15, 16, 0));
    /* 02:30 on 8 March 2026 never happened: read with the offset before */
    CHECK(upt_zone_to_utc(la, wall(2026, 3, 8, 2, 30)) ==
          wall(2026, 3, 8, 10, 30));
    /* 01:30 on 1 November 2026 happened twice: the first (PDT) */
    CHECK(upt_zone_to_utc(la, wall(2026, 11, 1, 1, 30)) ==
          wall(2026, 11, 1, 8, 30));
    upt_zone_free(la);
    struct upt_zone *paris = upt_zone_load("Europe/Paris", err, sizeof(err));
    CHECK(paris && upt_zone_to_utc(paris, wall(2026, 10, 5, 9, 14)) ==
                       wall(2026, 10, 5, 7, 14));
    upt_zone_free(paris);
}

int main(void)
{
    RUN(utc_and_fixed_offsets);
    RUN(bad_names_are_refused_with_a_reason);
    RUN(iana_zones_follow_daylight_saving);
    return CHECK_DONE();
}
