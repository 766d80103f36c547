/* state_test.c - a profile written and read back is the same profile; a
 * state cut short, edited or of another version is refused */
#include "state.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "check.h"
#include "dedupe.h"
#include "event.h"
#include "profile.h"
#include "timestamp.h"

#define DAY UPT_MS_PER_DAY
#define D0 (INT64_C(20400) * DAY) /* 2025-11-08 */

static struct upt_event ev_of(const char *user, int64_t ms,
                              enum upt_category cat, const char *key)
{
    return (struct upt_event){.time_ms = ms,
                              .user = user,
                              .user_len = strlen(user),
                              .user_name = "",
                              .category = cat,
                              .session = "s1",
                              .object = "",
                              .type = "T",
                              .detail = "",
                              .key = key,
                              .format = "salesforce",
                              .coverage =
                                  1u << UPT_CAT_VIEW | 1u << UPT_CAT_LOGIN};
}

/* A few users over a few days; NAME_OF gives u2 an awkward name. */
static void fill(struct upt_profile *p, int from_day, int days)
{
    char key[32];
    static const char *users[] = {"005A", "u 2%", "005C"};
    for (int d = from_day; d < from_day + days; d++)
        for (int u = 0; u < 3; u++)
            for (int k = 0; k <= u + d % 2; k++) {
                snprintf(key, sizeof(key), "%d-%d-%d", d, u, k);
                struct upt_event ev =
                    ev_of(users[u], D0 + d * DAY + k * 60000,
                          k % 2 ? UPT_CAT_VIEW : UPT_CAT_CREATE, key);
                if (u == 1)
                    ev.user_name = "Ann - \"the\"\tname";
                ev.service = u == 2;
                CHECK(upt_profile_add_event(p, &ev) == UPT_OK);
            }
}

/* The state of P as text, malloc'd. */
static char *state_of(const struct upt_profile *p, int32_t keep_from)
{
    char *text = NULL;
    size_t len = 0;
    FILE *f = open_memstream(&text, &len);
    CHECK(upt_state_write(p, keep_from, keep_from, f) == UPT_OK);
    fclose(f);
    return text;
}

static enum upt_status read_text(struct upt_profile *p, const char *text,
                                 size_t len, char *err, size_t errsize)
{
    FILE *f = len ? fmemopen((void *)text, len, "r") : fopen("/dev/null", "r");
    enum upt_status st = upt_state_read(p, f, "s", err, errsize);
    fclose(f);
    return st;
}

static void written_and_read_back_is_the_same(void)
{
    struct upt_profile *p = upt_profile_new();
    fill(p, 0, 5);
    char *a = state_of(p, UPT_STATE_KEEP_ALL);
    CHECK(strncmp(a, "uptake-state 1\n", 15) == 0);
    CHECK(strstr(a, "user u%202%25 Ann%20-%20\"the\"%09name ") != NULL);
    struct upt_profile *q = upt_profile_new();
    char err[256] = "";
    CHECK(read_text(q, a, strlen(a), err, sizeof(err)) == UPT_OK);
    CHECK_STREQ(err, "");
    char *b = state_of(q, UPT_STATE_KEEP_ALL);
    CHECK_STREQ(a, b);
    CHECK(upt_profile_count(q) == 3);
    const struct upt_profile_user *u = upt_profile_find(q, "u 2%", 4);
    CHECK(u && u->ndays == 5);
    CHECK(u && u->days[1].count[UPT_CAT_CREATE] == 2);
    CHECK(u && strcmp(upt_profile_str(q, u->name), "Ann - \"the\"\tname") == 0);
    CHECK(upt_profile_find(q, "005C", 4)->service);
    CHECK(upt_profile_first_ms(q) == upt_profile_first_ms(p));
    CHECK(upt_profile_last_ms(q) == upt_profile_last_ms(p));
    CHECK(upt_profile_coverage(q, NULL) ==
          (1u << UPT_CAT_VIEW | 1u << UPT_CAT_LOGIN));
    free(a);
    free(b);
    upt_profile_free(p);
    upt_profile_free(q);
}

/* The events a state counted are known to it: the same input again adds
 * nothing, new days add theirs. */
static void events_of_a_state_count_once(void)
{
    struct upt_profile *p = upt_profile_new();
    upt_profile_begin_input(p);
    fill(p, 0, 5);
    char *a = state_of(p, UPT_STATE_KEEP_ALL);
    struct upt_profile *q = upt_profile_new();
    char err[256];
    CHECK(read_text(q, a, strlen(a), err, sizeof(err)) == UPT_OK);
    upt_profile_begin_input(q);
    fill(q, 0, 5);
    char *b = state_of(q, UPT_STATE_KEEP_ALL);
    CHECK_STREQ(a, b);
    CHECK(upt_profile_duplicates(q) > 0);
    /* each run's input is another input, as each file of one run is */
    upt_profile_begin_input(q);
    fill(q, 3, 4); /* days 3-4 again, 5-6 new */
    upt_profile_begin_input(p);
    fill(p, 5, 2);
    char *c = state_of(q, UPT_STATE_KEEP_ALL);
    char *d = state_of(p, UPT_STATE_KEEP_ALL);
    CHECK_STREQ(c, d);
    free(a);
    free(b);
    free(c);
    free(d);
    upt_profile_free(p);
    upt_profile_free(q);
}

/* Days before the horizon go, with their fingerprints and the users left
 * with none. */
static void a_horizon_drops_old_days(void)
{
    struct upt_profile *p = upt_profile_new();
    fill(p, 0, 5);
    struct upt_event old = ev_of("gone", D0 - 10 * DAY, UPT_CAT_VIEW, "o");
    CHECK(upt_profile_add_event(p, &old) == UPT_OK);
    int32_t keep = (int32_t)(D0 / DAY) + 3;
    char *a = state_of(p, keep);
    CHECK(strstr(a, "gone") == NULL);
    struct upt_profile *q = upt_profile_new();
    char err[256];
    CHECK(read_text(q, a, strlen(a), err, sizeof(err)) == UPT_OK);
    CHECK(upt_profile_count(q) == 3);
    CHECK(upt_profile_find(q, "005A", 4)->ndays == 2);
    CHECK(upt_profile_find(q, "005A", 4)->days[0].day == keep);
    /* the kept days' events are known, the dropped ones are not */
    fill(q, 3, 2);
    CHECK(upt_profile_find(q, "005A", 4)->days[0].count[UPT_CAT_CREATE] == 1);
    fill(q, 0, 1);
    CHECK(upt_profile_find(q, "005A", 4)->ndays == 3);
    free(a);
    upt_profile_free(p);
    upt_profile_free(q);
}

/* Fingerprints have a horizon of their own: the days are kept, but their
 * events are no longer known (the analysis closes such days). */
static void fingerprints_older_than_seen_from_are_dropped(void)
{
    struct upt_profile *p = upt_profile_new();
    fill(p, 0, 5);
    char *text = NULL;
    size_t len = 0;
    FILE *f = open_memstream(&text, &len);
    int32_t seen_from = (int32_t)(D0 / DAY) + 3;
    CHECK(upt_state_write(p, UPT_STATE_KEEP_ALL, seen_from, f) == UPT_OK);
    fclose(f);
    struct upt_profile *q = upt_profile_new();
    char err[256];
    CHECK(read_text(q, text, len, err, sizeof(err)) == UPT_OK);
    CHECK(upt_profile_find(q, "005A", 4)->ndays == 5);
    fill(q, 0, 5);
    const struct upt_profile_user *u = upt_profile_find(q, "005A", 4);
    CHECK(u->days[0].count[UPT_CAT_CREATE] == 2); /* counted again */
    CHECK(u->days[3].count[UPT_CAT_CREATE] == 1); /* known */
    free(text);
    upt_profile_free(p);
    upt_profile_free(q);
}

static void refused(const char *text, size_t len, const char *why)
{
    struct upt_profile *q = upt_profile_new();
    char err[256] = "";
    CHECK(read_text(q, text, len, err, sizeof(err)) == UPT_EBADINPUT);
    if (!strstr(err, why))
        fprintf(stderr, "  message: %s (wanted '%s')\n", err, why);
    CHECK(strstr(err, why) != NULL);
    upt_profile_free(q);
}

static void damaged_states_are_refused(void)
{
    struct upt_profile *p = upt_profile_new();
    fill(p, 0, 3);
    char *a = state_of(p, UPT_STATE_KEEP_ALL);
    size_t len = strlen(a);
    /* cut at any point: before the end line or inside it */
    for (size_t cut = 0; cut < len; cut += len / 97 + 1)
        refused(a, cut, cut == 0 ? "empty" : "");
    refused(a, len - 3, "cut short");
    refused(a, strstr(a, "\nend ") - a + 1, "cut short: no end line");
    /* one digit changed: the checksum tells */
    char *b = strdup(a);
    char *digit = strchr(strstr(b, "\nday ") + 5, ' ') + 1; /* failed */
    *digit = *digit == '1' ? '2' : '1';
    refused(b, len, "checksum");
    free(b);
    /* another version, or not a state at all */
    b = strdup(a);
    b[13] = '2';
    refused(b, len, "state format 2; this uptake reads format 1");
    refused("user,time\n", 10, "s:1: not an uptake state file");
    free(b);
    /* data after the end */
    b = malloc(len + 3);
    memcpy(b, a, len);
    memcpy(b + len, "x\n", 3);
    refused(b, len + 2, "data after the end line");
    free(b);
    free(a);
    upt_profile_free(p);
}

/* A fingerprint carries its day, which the state keeps fingerprints by. */
static void fingerprints_carry_their_day(void)
{
    struct upt_event ev = ev_of("u", D0 + 5 * DAY + 7, UPT_CAT_VIEW, "k");
    CHECK(upt_dedupe_day(upt_dedupe_fingerprint(&ev)) == D0 / DAY + 5);
    ev.time_ms = D0 - 1; /* the last millisecond of the day before */
    CHECK(upt_dedupe_day(upt_dedupe_fingerprint(&ev)) == D0 / DAY - 1);
}

int main(void)
{
    RUN(written_and_read_back_is_the_same);
    RUN(events_of_a_state_count_once);
    RUN(a_horizon_drops_old_days);
    RUN(fingerprints_older_than_seen_from_are_dropped);
    RUN(damaged_states_are_refused);
    RUN(fingerprints_carry_their_day);
    return CHECK_DONE();
}
