/* utf8.h - where text is valid UTF-8, so output can pass it or escape it */
#ifndef UPT_UTF8_H
#define UPT_UTF8_H

#include <stddef.h>

/* The length (1-4) of the valid UTF-8 sequence at S, which has AVAIL bytes
 * (at least 1), or 0 when S does not start one (a stray continuation byte,
 * an overlong form, a surrogate, a sequence cut short). */
size_t upt_utf8_len(const unsigned char *s, size_t avail);

#endif
