/* timestamp.h - the UTC timestamp forms CRM logs use, to and from milliseconds
 */
#ifndef UPT_TIMESTAMP_H
#define UPT_TIMESTAMP_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#define UPT_MS_PER_DAY INT64_C(86400000)

/* Parses S (LEN bytes) into milliseconds since 1970-01-01T00:00:00Z.
 * Accepted: Salesforce's compact "yyyyMMddHHmmss[.f{1,3}]"; ISO 8601
 * "yyyy-MM-dd[Thh:mm:ss[.fff…][Z|±hh:mm|±hhmm]]" (a space may stand for T;
 * no zone means UTC); years 1970-9999. Returns 0, or -1 if S is none of
 * these or names an impossible date. */
int upt_timestamp_parse(const char *s, size_t len, int64_t *ms);

/* As upt_timestamp_parse(), and also the forms UI downloads write in the
 * user's locale: "M/D/YYYY[,] h:mm[:ss] [AM|PM] [ZONE]" (D/M when the first
 * number is above 12; "D.M.YYYY" with dots), the time optional. ZONE is
 * UTC, GMT, a US or central European abbreviation (PST, CEST, …) or an
 * offset. *LOCAL tells whether the text gave no zone for a locale form:
 * the caller then converts with the zone the user named (see zone.h). ISO
 * without a zone is UTC, as the logs that write it mean. */
int upt_timestamp_parse_local(const char *s, size_t len, int64_t *ms,
                              bool *local);

/* Days since 1970-01-01 of the proleptic Gregorian date Y-M-D. */
int64_t upt_timestamp_days(int y, int m, int d);

/* The proleptic Gregorian date of day number DAY, into *Y, *M (1-12) and
 * *D (1-31). */
void upt_timestamp_civil(int64_t day, int *y, int *m, int *d);

/* The day number (days since 1970-01-01) of the instant MS. */
int64_t upt_timestamp_day_of(int64_t ms);

/* Writes MS as "yyyy-MM-ddThh:mm:ss.fffZ" into OUT (at least 25 bytes). */
void upt_timestamp_format(int64_t ms, char *out, size_t size);

/* Writes day number DAY as "yyyy-MM-dd" into OUT (at least 11 bytes). */
void upt_timestamp_format_day(int64_t day, char *out, size_t size);

/* Parses a span "N", "Nd" or "Nw" (N from 1 to 3660 days) into days.
 * Returns 0, or -1 if S is not such a span. */
int upt_timestamp_parse_span(const char *s, int *days);

#endif
