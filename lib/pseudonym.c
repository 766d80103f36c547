/* pseudonym.c - keyed tokens in place of user ids and names (libsodium) */
#include "pseudonym.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>
#ifdef UPT_HAVE_SODIUM
#include <sodium.h>
#endif

#include "banned.h"

enum { KEY_BYTES = 32, MIN_KEY_FILE = 16, MAX_KEY_FILE = 4096 };

struct upt_pseudonym {
    unsigned char key[KEY_BYTES];
};

bool upt_pseudonym_available(void)
{
#ifdef UPT_HAVE_SODIUM
    return true;
#else
    return false;
#endif
}

struct upt_pseudonym *upt_pseudonym_load(const char *path, char *err,
                                         size_t errsize)
{
#ifdef UPT_HAVE_SODIUM
    unsigned char buf[MAX_KEY_FILE + 1];
    if (sodium_init() < 0) {
        snprintf(err, errsize, "libsodium cannot start");
        return NULL;
    }
    FILE *f = fopen(path, "rb");
    if (!f) {
        snprintf(err, errsize, "%s: cannot read the key: %s", path,
                 strerror(errno));
        return NULL;
    }
    size_t n = fread(buf, 1, sizeof(buf), f);
    bool failed = ferror(f);
    fclose(f);
    if (failed || n < MIN_KEY_FILE || n > MAX_KEY_FILE) {
        snprintf(err, errsize,
                 failed ? "%s: cannot read the key"
                 : n < MIN_KEY_FILE
                     ? "%s: a key needs at least 16 bytes ('uptake "
                       "pseudonym --new-key FILE' makes one)"
                     : "%s: a key file is at most 4096 bytes",
                 path);
        sodium_memzero(buf, sizeof(buf));
        return NULL;
    }
    struct upt_pseudonym *p = malloc(sizeof(*p));
    if (p)
        crypto_generichash(p->key, KEY_BYTES, buf, n, NULL, 0);
    else
        snprintf(err, errsize, "out of memory");
    sodium_memzero(buf, sizeof(buf));
    return p;
#else
    (void)path;
    snprintf(err, errsize,
             "uptake was built without libsodium, which pseudonyms need "
             "(apt-get install libsodium-dev, then build again)");
    return NULL;
#endif
}

void upt_pseudonym_free(struct upt_pseudonym *p)
{
    if (!p)
        return;
#ifdef UPT_HAVE_SODIUM
    sodium_memzero(p->key, sizeof(p->key));
#endif
    free(p);
}

void upt_pseudonym_token(const struct upt_pseudonym *p,
                         enum upt_pseudonym_kind kind, const char *s,
                         size_t len, char *out)
{
    static const char b32[] = "abcdefghijklmnopqrstuvwxyz234567";
    unsigned char h[16];
    memset(h, 0, sizeof(h));
#ifdef UPT_HAVE_SODIUM
    /* the kind goes first, so that an id and a name never share a token */
    static const char *const domain[] = {"uptake id", "uptake name"};
    crypto_generichash_state st;
    crypto_generichash_init(&st, p->key, KEY_BYTES, sizeof(h));
    crypto_generichash_update(&st, (const unsigned char *)domain[kind],
                              strlen(domain[kind]) + 1);
    crypto_generichash_update(&st, (const unsigned char *)s, len);
    crypto_generichash_final(&st, h, sizeof(h));
#else
    (void)p, (void)kind, (void)s, (void)len;
#endif
    out[0] = 'p';
    for (int i = 0; i < UPT_PSEUDONYM_LEN - 1; i++) {
        int bit = i * 5;
        unsigned v =
            ((unsigned)h[bit / 8] << 8 | h[bit / 8 + 1]) >> (11 - bit % 8);
        out[i + 1] = b32[v & 31];
    }
    out[UPT_PSEUDONYM_LEN] = '\0';
}

enum upt_status upt_pseudonym_new_key(FILE *out)
{
#ifdef UPT_HAVE_SODIUM
    unsigned char key[KEY_BYTES];
    char hex[2 * KEY_BYTES + 1];
    if (sodium_init() < 0)
        return UPT_EIO;
    randombytes_buf(key, sizeof(key));
    sodium_bin2hex(hex, sizeof(hex), key, sizeof(key));
    sodium_memzero(key, sizeof(key));
    int r = fprintf(out, "%s\n", hex);
    sodium_memzero(hex, sizeof(hex));
    return r < 0 || fflush(out) != 0 ? UPT_EIO : UPT_OK;
#else
    (void)out;
    return UPT_EIO;
#endif
}
