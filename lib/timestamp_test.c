/* timestamp_test.c - unit tests of timestamp parsing and formatting */
#include "timestamp.h"

#include <string.h>

#include "check.h"

/* 2024-03-05T14:07:09Z */
#define T0 INT64_C(1709647629000)

static int parse(const char *s, int64_t *ms)
{
    *ms = -12345;
    return upt_timestamp_parse(s, strlen(s), ms);
}

static int64_t parsed(const char *s)
{
    int64_t ms;
    return parse(s, &ms) == 0 ? ms : INT64_MIN;
}

static void compact_form_takes_zero_to_three_fraction_digits(void)
{
    CHECK(parsed("20240305140709") == T0);
    CHECK(parsed("20240305140709.1") == T0 + 100);
    CHECK(parsed("20240305140709.12") == T0 + 120);
    CHECK(parsed("20240305140709.123") == T0 + 123);
}

static void compact_form_refuses_a_fourth_digit_or_an_empty_fraction(void)
{
    int64_t ms;
    CHECK(parse("20240305140709.1234", &ms) == -1);
    CHECK(parse("20240305140709.", &ms) == -1);
    CHECK(parse("2024030514070", &ms) == -1);
    CHECK(parse("2024030514070x", &ms) == -1);
    CHECK(parse("20240305140709Z", &ms) == -1);
}

static void failed_parse_leaves_the_output_alone(void)
{
    int64_t ms;
    CHECK(parse("not a time", &ms) == -1);
    CHECK(ms == -12345);
}

static void iso_with_z_and_milliseconds(void)
{
    CHECK(parsed("2024-03-05T14:07:09Z") == T0);
    CHECK(parsed("2024-03-05T14:07:09.123Z") == T0 + 123);
    CHECK(parsed("2024-03-05T14:07:09.5Z") == T0 + 500);
    CHECK(parsed("2024-03-05t14:07:09z") == T0);
    CHECK(parsed("2024-03-05 14:07:09") == T0);
    CHECK(parsed("2024-03-05T14:07:09") == T0);
}

static void iso_offsets_are_subtracted_to_reach_utc(void)
{
    CHECK(parsed("2024-03-05T16:07:09+02:00") == T0);
    CHECK(parsed("2024-03-05T16:07:09+0200") == T0);
    CHECK(parsed("2024-03-05T16:07:09+02") == T0);
    CHECK(parsed("2024-03-05T08:37:09-05:30") == T0);
    CHECK(parsed("2024-03-05T08:37:09.250-0530") == T0 + 250);
}

static void iso_refuses_bad_offsets(void)
{
    int64_t ms;
    CHECK(parse("2024-03-05T14:07:09+24:00", &ms) == -1);
    CHECK(parse("2024-03-05T14:07:09+02:60", &ms) == -1);
    CHECK(parse("2024-03-05T14:07:09+2", &ms) == -1);
    CHECK(parse("2024-03-05T14:07:09 UTC", &ms) == -1);
}

static void seven_fraction_digits_keep_milliseconds(void)
{
    CHECK(parsed("2024-03-05T14:07:09.1234567Z") == T0 + 123);
    CHECK(parsed("2024-03-05T14:07:09.9999999Z") == T0 + 999);
}

static void trailing_space_is_ignored(void)
{
    CHECK(parsed("2024-03-05T14:07:09.1234567Z ") == T0 + 123);
    CHECK(parsed("20240305140709.123 \t") == T0 + 123);
    CHECK(parsed("2024-03-05 ") == INT64_C(1709596800000));
}

static void date_only_is_midnight_utc(void)
{
    CHECK(parsed("2024-03-05") == INT64_C(1709596800000));
    CHECK(parsed("1970-01-01") == 0);
}

static void partial_times_are_refused(void)
{
    int64_t ms;
    CHECK(parse("2024-03-05T14:07", &ms) == -1);
    CHECK(parse("2024-03-05T", &ms) == -1);
    CHECK(parse("2024-3-5", &ms) == -1);
    CHECK(parse("", &ms) == -1);
}

static void impossible_dates_and_times_are_refused(void)
{
    int64_t ms;
    CHECK(parse("2024-02-30", &ms) == -1);
    CHECK(parse("20240230000000", &ms) == -1);
    CHECK(parse("2024-13-01", &ms) == -1);
    CHECK(parse("2024-00-10", &ms) == -1);
    CHECK(parse("2024-04-31", &ms) == -1);
    CHECK(parse("2024-04-00", &ms) == -1);
    CHECK(parse("2024-03-05T24:00:00Z", &ms) == -1);
    CHECK(parse("2024-03-05T23:60:00Z", &ms) == -1);
    CHECK(parse("2024-03-05T23:59:61Z", &ms) == -1);
    CHECK(parsed("2024-04-30T23:59:59Z") != INT64_MIN);
}

static void a_leap_second_is_accepted(void)
{
    CHECK(parsed("2016-12-31T23:59:60Z") == parsed("2017-01-01T00:00:00Z"));
}

static void february_29_exists_only_in_leap_years(void)
{
    int64_t ms;
    CHECK(parsed("2024-02-29") == INT64_C(19782) * UPT_MS_PER_DAY);
    CHECK(parsed("2000-02-29") == INT64_C(11016) * UPT_MS_PER_DAY);
    CHECK(parse("2023-02-29", &ms) == -1);
    CHECK(parse("2100-02-29", &ms) == -1);
    CHECK(parse("1900-02-29", &ms) == -1);
    CHECK(parsed("2024-03-01") - parsed("2024-02-28") == 2 * UPT_MS_PER_DAY);
    CHECK(parsed("2023-03-01") - parsed("2023-02-28") == UPT_MS_PER_DAY);
}

static void years_outside_1970_to_9999_are_refused(void)
{
    int64_t ms;
    CHECK(parse("1969-12-31T23:59:59Z", &ms) == -1);
    CHECK(parse("19691231235959", &ms) == -1);
    CHECK(parse("0000-01-01", &ms) == -1);
    CHECK(parsed("9999-12-31T23:59:59Z") == INT64_C(253402300799000));
    CHECK(parsed("1970-01-01T00:00:00Z") == 0);
}

static void days_counts_from_the_epoch(void)
{
    CHECK(upt_timestamp_days(1970, 1, 1) == 0);
    CHECK(upt_timestamp_days(1970, 1, 2) == 1);
    CHECK(upt_timestamp_days(1969, 12, 31) == -1);
    CHECK(upt_timestamp_days(2024, 2, 29) == 19782);
    CHECK(upt_timestamp_days(2024, 3, 1) == 19783);
}

static void day_of_rounds_towards_the_past(void)
{
    CHECK(upt_timestamp_day_of(0) == 0);
    CHECK(upt_timestamp_day_of(UPT_MS_PER_DAY - 1) == 0);
    CHECK(upt_timestamp_day_of(UPT_MS_PER_DAY) == 1);
    CHECK(upt_timestamp_day_of(-1) == -1);
    CHECK(upt_timestamp_day_of(-UPT_MS_PER_DAY) == -1);
    CHECK(upt_timestamp_day_of(-UPT_MS_PER_DAY - 1) == -2);
    CHECK(upt_timestamp_day_of(T0) == 19787);
}

static void format_writes_iso_with_milliseconds(void)
{
    char out[32];
    upt_timestamp_format(T0 + 7, out, sizeof(out));
    CHECK_STREQ(out, "2024-03-05T14:07:09.007Z");
    upt_timestamp_format(0, out, sizeof(out));
    CHECK_STREQ(out, "1970-01-01T00:00:00.000Z");
    upt_timestamp_format(-1, out, sizeof(out));
    CHECK_STREQ(out, "1969-12-31T23:59:59.999Z");
    upt_timestamp_format(INT64_C(253402300799999), out, sizeof(out));
    CHECK_STREQ(out, "9999-12-31T23:59:59.999Z");
}

static void format_and_parse_round_trip(void)
{
    static const int64_t samples[] = {
        0,
        1,
        T0,
        T0 + 999,
        INT64_C(951782400000),  /* 2000-02-29 */
        INT64_C(4107542399123), /* 2100-02-28T23:59:59 */
        INT64_C(253402300799999),
    };
    char out[32];
    for (size_t i = 0; i < sizeof(samples) / sizeof(samples[0]); i++) {
        int64_t back = -1;
        upt_timestamp_format(samples[i], out, sizeof(out));
        CHECK(upt_timestamp_parse(out, strlen(out), &back) == 0);
        CHECK(back == samples[i]);
    }
}

static void format_day_writes_the_date(void)
{
    char out[16];
    upt_timestamp_format_day(19782, out, sizeof(out));
    CHECK_STREQ(out, "2024-02-29");
    upt_timestamp_format_day(0, out, sizeof(out));
    CHECK_STREQ(out, "1970-01-01");
    upt_timestamp_format_day(-1, out, sizeof(out));
    CHECK_STREQ(out, "1969-12-31");
}

static int span(const char *s)
{
    int days = -77;
    return upt_timestamp_parse_span(s, &days) == 0 ? days : -1;
}

static void span_takes_days_with_or_without_d_and_weeks_with_w(void)
{
    CHECK(span("28") == 28);
    CHECK(span("28d") == 28);
    CHECK(span("4w") == 28);
    CHECK(span("1") == 1);
    CHECK(span("3660") == 3660);
    CHECK(span("522w") == 3654);
}

static void span_refuses_zero_negative_too_long_and_junk(void)
{
    int days = -77;
    CHECK(span("0") == -1);
    CHECK(span("0w") == -1);
    CHECK(span("-1") == -1);
    CHECK(span("3661") == -1);
    CHECK(span("523w") == -1);
    CHECK(span("2x") == -1);
    CHECK(span("28dd") == -1);
    CHECK(span("28 ") == -1);
    CHECK(span(" 28") == -1);
    CHECK(span("+28") == -1);
    CHECK(span("d") == -1);
    CHECK(span("") == -1);
    CHECK(upt_timestamp_parse_span(NULL, &days) == -1);
    CHECK(upt_timestamp_parse_span("2x", &days) == -1 && days == -77);
}

static void span_with_a_huge_week_count_is_refused(void)
{
    int days = -77;
    /* 7905747460161236411 * 7 wraps to 29 in 64 bits */
    CHECK(upt_timestamp_parse_span("7905747460161236411w", &days) == -1);
    CHECK(upt_timestamp_parse_span("99999999999999999999w", &days) == -1);
    CHECK(days == -77);
}

static void locale_forms_of_ui_downloads_are_read(void)
{
    int64_t ms, want = (upt_timestamp_days(2026, 10, 5) * 86400 + 9 * 3600 +
                        14 * 60 + 45) *
                       1000;
    bool local = false;
    CHECK(upt_timestamp_parse_local("10/5/2026, 9:14:45 AM", 21, &ms, &local) ==
              0 &&
          ms == want && local);
    CHECK(upt_timestamp_parse_local("10/5/2026 9:14:45 PM", 20, &ms, &local) ==
              0 &&
          ms == want + 12 * 3600000LL && local);
    CHECK(upt_timestamp_parse_local("5.10.2026 09:14:45", 18, &ms, &local) ==
              0 &&
          ms == want);
    CHECK(upt_timestamp_parse_local("13/10/2026 12:00 AM", 19, &ms, &local) ==
              0 &&
          ms == upt_timestamp_days(2026, 10, 13) * 86400000LL);
    /* a zone in the text: not local */
    CHECK(upt_timestamp_parse_local("10/5/2026 2:14:45 AM PDT", 24, &ms,
                                    &local) == 0 &&
          ms == want && !local);
    CHECK(upt_timestamp_parse_local("10/5/2026 11:14:45 +02:00", 25, &ms,
                                    &local) == 0 &&
          ms == want && !local);
    /* ISO stays UTC */
    CHECK(upt_timestamp_parse_local("2026-10-05T09:14:45Z", 20, &ms, &local) ==
              0 &&
          ms == want && !local);
}

static void impossible_locale_forms_are_refused(void)
{
    int64_t ms;
    bool local;
    static const char *const bad[] = {
        "13/13/2026 1:00",       "2/30/2026", "10/5/2026 13:00 PM", "10/5/26",
        "10/5/2026 9:14:45 XYZ", "10-5/2026", "10/5/2026 9"};
    for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++)
        CHECK(upt_timestamp_parse_local(bad[i], strlen(bad[i]), &ms, &local) ==
              -1);
}

static void offsets_cannot_carry_a_time_out_of_the_years_read(void)
{
    int64_t ms;
    CHECK(upt_timestamp_parse("1970-01-01T00:00:00+01:00", 25, &ms) == -1);
    CHECK(upt_timestamp_parse("9999-12-31T23:59:59.999-05:00", 29, &ms) == -1);
    CHECK(upt_timestamp_parse("1970-01-01T00:00:00-01:00", 25, &ms) == 0 &&
          ms == 3600000);
}

int main(void)
{
    RUN(offsets_cannot_carry_a_time_out_of_the_years_read);
    RUN(locale_forms_of_ui_downloads_are_read);
    RUN(impossible_locale_forms_are_refused);
    RUN(span_with_a_huge_week_count_is_refused);
    RUN(compact_form_takes_zero_to_three_fraction_digits);
    RUN(compact_form_refuses_a_fourth_digit_or_an_empty_fraction);
    RUN(failed_parse_leaves_the_output_alone);
    RUN(iso_with_z_and_milliseconds);
    RUN(iso_offsets_are_subtracted_to_reach_utc);
    RUN(iso_refuses_bad_offsets);
    RUN(seven_fraction_digits_keep_milliseconds);
    RUN(trailing_space_is_ignored);
    RUN(date_only_is_midnight_utc);
    RUN(partial_times_are_refused);
    RUN(impossible_dates_and_times_are_refused);
    RUN(a_leap_second_is_accepted);
    RUN(february_29_exists_only_in_leap_years);
    RUN(years_outside_1970_to_9999_are_refused);
    RUN(days_counts_from_the_epoch);
    RUN(day_of_rounds_towards_the_past);
    RUN(format_writes_iso_with_milliseconds);
    RUN(format_and_parse_round_trip);
    RUN(format_day_writes_the_date);
    RUN(span_takes_days_with_or_without_d_and_weeks_with_w);
    RUN(span_refuses_zero_negative_too_long_and_junk);
    return CHECK_DONE();
}
