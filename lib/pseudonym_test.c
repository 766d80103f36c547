/* pseudonym_test.c - tokens: one per id and key, apart for names, pinned */
#include "pseudonym.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "check.h"

static char dir[64];

static struct upt_pseudonym *key_of(const char *text)
{
    char path[128], err[256];
    snprintf(path, sizeof(path), "%s/key", dir);
    FILE *f = fopen(path, "w");
    fputs(text, f);
    fclose(f);
    struct upt_pseudonym *p = upt_pseudonym_load(path, err, sizeof(err));
    unlink(path);
    return p;
}

/* The token of S, in a buffer of its own (freed by the caller). */
static char *token(const struct upt_pseudonym *p, enum upt_pseudonym_kind kind,
                   const char *s)
{
    char *t = malloc(UPT_PSEUDONYM_LEN + 1);
    upt_pseudonym_token(p, kind, s, strlen(s), t);
    return t;
}

static void tokens_are_stable_and_apart(void)
{
    struct upt_pseudonym *a = key_of("0123456789abcdef0123456789abcdef\n");
    struct upt_pseudonym *b = key_of("0123456789abcdef0123456789abcdeF\n");
    CHECK(a && b);
    char *t = token(a, UPT_PSEUDONYM_ID, "005Dn000001BxYz");
    char *same = token(a, UPT_PSEUDONYM_ID, "005Dn000001BxYz");
    char *other_key = token(b, UPT_PSEUDONYM_ID, "005Dn000001BxYz");
    char *as_name = token(a, UPT_PSEUDONYM_NAME, "005Dn000001BxYz");
    char *other_id = token(a, UPT_PSEUDONYM_ID, "005Dn000001BxYy");
    CHECK(strlen(t) == UPT_PSEUDONYM_LEN && t[0] == 'p');
    CHECK(strspn(t + 1, "abcdefghijklmnopqrstuvwxyz234567") ==
          UPT_PSEUDONYM_LEN - 1);
    CHECK_STREQ(t, same);
    CHECK(strcmp(t, other_key) != 0);
    CHECK(strcmp(t, as_name) != 0);
    CHECK(strcmp(t, other_id) != 0);
    /* pinned: states written with a key hold these tokens, so the
     * algorithm may never change under them. The value is Python's:
     * k = blake2b(keyfile, digest_size=32); h = blake2b(b"uptake id\0" +
     * id, key=k, digest_size=16); "p" + base32(h).lower()[:15] */
    CHECK_STREQ(t, "pagxltn3tbemvk2d");
    free(t);
    free(same);
    free(other_key);
    free(as_name);
    free(other_id);
    upt_pseudonym_free(a);
    upt_pseudonym_free(b);
}

static void a_short_or_missing_key_is_refused(void)
{
    char err[256] = "";
    CHECK(key_of("fifteen bytes!!") == NULL);
    CHECK(upt_pseudonym_load("/nonexistent/key", err, sizeof(err)) == NULL);
    CHECK(strstr(err, "/nonexistent/key: cannot read the key") != NULL);
    upt_pseudonym_free(NULL);
}

static void a_new_key_is_64_hex_digits(void)
{
    char *text = NULL;
    size_t len = 0;
    FILE *f = open_memstream(&text, &len);
    CHECK(upt_pseudonym_new_key(f) == UPT_OK);
    fclose(f);
    CHECK(len == 65 && text[64] == '\n');
    CHECK(strspn(text, "0123456789abcdef") == 64);
    char *again = NULL;
    f = open_memstream(&again, &len);
    CHECK(upt_pseudonym_new_key(f) == UPT_OK);
    fclose(f);
    CHECK(strcmp(text, again) != 0);
    free(text);
    free(again);
}

int main(void)
{
    if (!upt_pseudonym_available()) {
        puts("pseudonym_test: built without libsodium; nothing to test");
        return 0;
    }
    snprintf(dir, sizeof(dir), "/tmp/upt-pseudonym-XXXXXX");
    if (!mkdtemp(dir))
        return 1;
    RUN(tokens_are_stable_and_apart);
    RUN(a_short_or_missing_key_is_refused);
    RUN(a_new_key_is_64_hex_digits);
    rmdir(dir);
    return CHECK_DONE();
}
