/* strtab_test.c - unit tests of the interned string table */
#include "strtab.h"

#include <stdio.h>
#include <string.h>

#include "check.h"

static void equal_strings_get_the_same_id(void)
{
    struct upt_strtab *t = upt_strtab_new();
    char copy[] = "005000000000001";
    uint32_t a = upt_strtab_intern(t, "005000000000001", 15);
    uint32_t b = upt_strtab_intern(t, copy, strlen(copy));
    CHECK(a != UPT_STRTAB_NONE);
    CHECK(a == b);
    CHECK(upt_strtab_count(t) == 1);
    upt_strtab_free(t);
}

static void ids_are_dense_in_order_of_first_interning(void)
{
    struct upt_strtab *t = upt_strtab_new();
    CHECK(upt_strtab_intern(t, "alice", 5) == 0);
    CHECK(upt_strtab_intern(t, "bob", 3) == 1);
    CHECK(upt_strtab_intern(t, "alice", 5) == 0);
    CHECK(upt_strtab_intern(t, "carol", 5) == 2);
    CHECK(upt_strtab_count(t) == 3);
    CHECK_STREQ(upt_strtab_str(t, 0), "alice");
    CHECK_STREQ(upt_strtab_str(t, 1), "bob");
    CHECK_STREQ(upt_strtab_str(t, 2), "carol");
    CHECK(upt_strtab_str(t, 3) == NULL);
    upt_strtab_free(t);
}

static void length_not_nul_decides_the_string(void)
{
    struct upt_strtab *t = upt_strtab_new();
    uint32_t ab = upt_strtab_intern(t, "abc", 2);
    uint32_t abc = upt_strtab_intern(t, "abc", 3);
    CHECK(ab != abc);
    CHECK_STREQ(upt_strtab_str(t, ab), "ab");
    CHECK_STREQ(upt_strtab_str(t, abc), "abc");
    upt_strtab_free(t);
}

static void find_of_an_unknown_string_is_none(void)
{
    struct upt_strtab *t = upt_strtab_new();
    CHECK(upt_strtab_find(t, "x", 1) == UPT_STRTAB_NONE);
    upt_strtab_intern(t, "x", 1);
    CHECK(upt_strtab_find(t, "x", 1) == 0);
    CHECK(upt_strtab_find(t, "y", 1) == UPT_STRTAB_NONE);
    CHECK(upt_strtab_find(t, "xx", 2) == UPT_STRTAB_NONE);
    CHECK(upt_strtab_count(t) == 1);
    upt_strtab_free(t);
}

static void empty_string_is_a_string_like_any_other(void)
{
    struct upt_strtab *t = upt_strtab_new();
    CHECK(upt_strtab_find(t, "", 0) == UPT_STRTAB_NONE);
    uint32_t id = upt_strtab_intern(t, "", 0);
    CHECK(id == 0);
    CHECK(upt_strtab_find(t, "", 0) == id);
    CHECK_STREQ(upt_strtab_str(t, id), "");
    upt_strtab_free(t);
}

static void strings_with_nul_bytes_are_distinct_by_every_byte(void)
{
    struct upt_strtab *t = upt_strtab_new();
    uint32_t a = upt_strtab_intern(t, "a\0b", 3);
    uint32_t b = upt_strtab_intern(t, "a\0c", 3);
    uint32_t c = upt_strtab_intern(t, "a", 1);
    CHECK(a != b && a != c && b != c);
    CHECK(upt_strtab_find(t, "a\0b", 3) == a);
    CHECK(upt_strtab_find(t, "a\0c", 3) == b);
    CHECK(memcmp(upt_strtab_str(t, b), "a\0c", 4) == 0);
    upt_strtab_free(t);
}

static void strings_with_the_same_hash_stay_distinct(void)
{
    /* these two have the same 32-bit FNV-1a hash, 0x25e5dcc2 */
    struct upt_strtab *t = upt_strtab_new();
    uint32_t a = upt_strtab_intern(t, "user0139599", 11);
    uint32_t b = upt_strtab_intern(t, "user0322382", 11);
    CHECK(a != b);
    CHECK(upt_strtab_find(t, "user0139599", 11) == a);
    CHECK(upt_strtab_find(t, "user0322382", 11) == b);
    CHECK_STREQ(upt_strtab_str(t, b), "user0322382");
    upt_strtab_free(t);
}

static void growth_past_thousands_of_entries_keeps_every_id(void)
{
    enum { N = 50000 };
    struct upt_strtab *t = upt_strtab_new();
    char buf[32];
    int ok = 1;
    for (int i = 0; i < N; i++) {
        int n = snprintf(buf, sizeof(buf), "user-%d", i);
        if (upt_strtab_intern(t, buf, (size_t)n) != (uint32_t)i)
            ok = 0;
    }
    CHECK(ok);
    CHECK(upt_strtab_count(t) == N);
    for (int i = 0; i < N; i++) {
        int n = snprintf(buf, sizeof(buf), "user-%d", i);
        if (upt_strtab_find(t, buf, (size_t)n) != (uint32_t)i ||
            strcmp(upt_strtab_str(t, (uint32_t)i), buf) != 0)
            ok = 0;
        if (upt_strtab_intern(t, buf, (size_t)n) != (uint32_t)i)
            ok = 0;
    }
    CHECK(ok);
    CHECK(upt_strtab_count(t) == N);
    upt_strtab_free(t);
}

static void a_string_larger_than_an_arena_chunk_is_kept_whole(void)
{
    enum { BIG = 200 * 1024 };
    static char big[BIG];
    struct upt_strtab *t = upt_strtab_new();
    memset(big, 'q', sizeof(big));
    big[BIG - 1] = 'z';
    uint32_t small = upt_strtab_intern(t, "before", 6);
    uint32_t id = upt_strtab_intern(t, big, BIG);
    CHECK(id == small + 1);
    CHECK(strlen(upt_strtab_str(t, id)) == BIG);
    CHECK(upt_strtab_str(t, id)[BIG - 1] == 'z');
    CHECK(upt_strtab_find(t, big, BIG) == id);
    CHECK_STREQ(upt_strtab_str(t, small), "before");
    CHECK(upt_strtab_intern(t, "after", 5) == id + 1);
    upt_strtab_free(t);
}

static void free_of_null_does_nothing(void)
{
    upt_strtab_free(NULL); /* a crash fails the program */
}

int main(void)
{
    RUN(equal_strings_get_the_same_id);
    RUN(ids_are_dense_in_order_of_first_interning);
    RUN(length_not_nul_decides_the_string);
    RUN(find_of_an_unknown_string_is_none);
    RUN(empty_string_is_a_string_like_any_other);
    RUN(strings_with_nul_bytes_are_distinct_by_every_byte);
    RUN(strings_with_the_same_hash_stay_distinct);
    RUN(growth_past_thousands_of_entries_keeps_every_id);
    RUN(a_string_larger_than_an_arena_chunk_is_kept_whole);
    RUN(free_of_null_does_nothing);
    return CHECK_DONE();
}
