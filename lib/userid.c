/* userid.c - when two spellings of a user id name one user */
#include "userid.h"

#include <stdbool.h>

#include "banned.h"

static bool alnum(char c)
{
    return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') ||
           (c >= 'A' && c <= 'Z');
}

size_t upt_userid_key_len(const char *id, size_t len)
{
    if (len != 18)
        return len;
    for (size_t i = 0; i < len; i++)
        if (!alnum(id[i]))
            return len;
    return 15;
}
