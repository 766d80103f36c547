/* dedupe_test.c - events given twice are found, others are not */
#include "dedupe.h"

#include <string.h>

#include "check.h"

static struct upt_event event(int64_t ms, const char *user, const char *key)
{
    struct upt_event ev;
    memset(&ev, 0, sizeof(ev));
    ev.time_ms = ms;
    ev.user = user;
    ev.user_len = strlen(user);
    ev.type = "URI";
    ev.detail = "/001/e";
    ev.object = "";
    ev.session = "s1";
    ev.key = key;
    return ev;
}

static void the_same_event_twice_is_seen_once(void)
{
    struct upt_dedupe *d = upt_dedupe_new();
    struct upt_event a = event(1000, "005A", "req1");
    struct upt_event b = event(1000, "005A", "req1");
    CHECK(!upt_dedupe_seen(d, upt_dedupe_fingerprint(&a)));
    CHECK(upt_dedupe_seen(d, upt_dedupe_fingerprint(&b)));
    CHECK(upt_dedupe_duplicates(d) == 1);
    upt_dedupe_free(d);
}

static void any_differing_field_makes_another_event(void)
{
    struct upt_event base = event(1000, "005A", "req1");
    uint64_t fp = upt_dedupe_fingerprint(&base);
    struct upt_event e = base;
    e.time_ms = 1001;
    CHECK(upt_dedupe_fingerprint(&e) != fp);
    e = base;
    e.user_len = 3; /* "005": a key prefix is another user */
    CHECK(upt_dedupe_fingerprint(&e) != fp);
    e = base;
    e.key = "req2";
    CHECK(upt_dedupe_fingerprint(&e) != fp);
    e = base;
    e.detail = "/001/";
    e.object = "e";
    CHECK(upt_dedupe_fingerprint(&e) != fp);
    e = base;
    e.key = NULL; /* no id and an empty id are the same */
    CHECK(upt_dedupe_fingerprint(&e) ==
          upt_dedupe_fingerprint(&(struct upt_event){.time_ms = 1000,
                                                     .user = "005A",
                                                     .user_len = 4,
                                                     .type = "URI",
                                                     .detail = "/001/e",
                                                     .object = "",
                                                     .session = "s1",
                                                     .key = ""}));
}

static void many_distinct_events_are_all_new_then_all_seen(void)
{
    struct upt_dedupe *d = upt_dedupe_new();
    char key[32];
    int fresh = 0, again = 0;
    for (int pass = 0; pass < 2; pass++)
        for (int i = 0; i < 200000; i++) {
            snprintf(key, sizeof(key), "r%d", i);
            struct upt_event e = event(i, "005A", key);
            if (upt_dedupe_seen(d, upt_dedupe_fingerprint(&e)))
                again++;
            else
                fresh++;
        }
    CHECK(fresh == 200000 && again == 200000);
    CHECK(!upt_dedupe_full(d));
    upt_dedupe_free(d);
}

int main(void)
{
    RUN(the_same_event_twice_is_seen_once);
    RUN(any_differing_field_makes_another_event);
    RUN(many_distinct_events_are_all_new_then_all_seen);
    return CHECK_DONE();
}
