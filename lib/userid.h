/* userid.h - when two spellings of a user id name one user */
#ifndef UPT_USERID_H
#define UPT_USERID_H

#include <stddef.h>

/* How many leading bytes of ID (LEN bytes) identify the user: 15 for an
 * 18-character alphanumeric Salesforce id (the 15-character id plus a
 * checksum of its letter case), otherwise LEN. */
size_t upt_userid_key_len(const char *id, size_t len);

#endif
