/* pseudonym.h - keyed tokens in place of user ids and names, for reports
 * that may leave the team that may see who is who */
#ifndef UPT_PSEUDONYM_H
#define UPT_PSEUDONYM_H

#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>

#include "status.h"

/* A token: "p" and 15 base-32 characters (75 bits of a keyed BLAKE2b hash,
 * libsodium's crypto_generichash). The same key gives the same token on
 * every run, so trends, diffs and merges still work; without the key a
 * token cannot be turned back into the id, nor made for a guessed id. */
#define UPT_PSEUDONYM_LEN 16

/* Which kind of value a token stands for: the same text as an id and as a
 * name gives two tokens. */
enum upt_pseudonym_kind { UPT_PSEUDONYM_ID, UPT_PSEUDONYM_NAME };

struct upt_pseudonym; /* opaque: a key */

/* Whether uptake was built with libsodium; without it there is no
 * pseudonymizing. */
bool upt_pseudonym_available(void);

/* Loads the key in the file PATH: any bytes, at least 16 of them (a key
 * made by upt_pseudonym_new_key is 64 hexadecimal digits), hashed into
 * the key used. NULL with the reason in ERR when it cannot be read, is too
 * short, or libsodium is missing. */
struct upt_pseudonym *upt_pseudonym_load(const char *path, char *err,
                                         size_t errsize);
void upt_pseudonym_free(struct upt_pseudonym *p);

/* Writes the token of S (LEN bytes) as KIND into OUT (UPT_PSEUDONYM_LEN + 1
 * bytes, NUL-terminated). Safe from several threads at once. */
void upt_pseudonym_token(const struct upt_pseudonym *p,
                         enum upt_pseudonym_kind kind, const char *s,
                         size_t len, char *out);

/* Writes a new random key (32 bytes from the system's generator, as 64
 * hexadecimal digits and a line end) to OUT. UPT_EIO when writing fails
 * or libsodium is missing. */
enum upt_status upt_pseudonym_new_key(FILE *out);

#endif
