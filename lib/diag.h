/* diag.h - where and what of input problems, handed to a caller's sink */
#ifndef UPT_DIAG_H
#define UPT_DIAG_H

#include <stdarg.h>

/* A place in the input. LINE 0 means "no line" (OFFSET is then used if
 * non-zero, as for compressed data); FILE is the name as the user gave it. */
struct upt_where {
    const char *file;
    unsigned long line;
    unsigned long long offset;
};

/* Set up by the caller. EMIT receives each problem with a KIND, a short
 * static tag ("ragged-row") that lets a sink fold repeats, and the message
 * (lower case, no full stop). The library never prints. */
struct upt_diag {
    void (*emit)(void *ctx, const struct upt_where *at, const char *kind,
                 const char *msg);
    void *ctx;
    unsigned long problems; /* counted by upt_diag_report() */
};

/* Formats the message and passes it to DIAG's sink; counts the problem.
 * DIAG may be NULL (the problem is then only dropped). */
#if defined(__GNUC__)
__attribute__((format(printf, 4, 5)))
#endif
void upt_diag_report(struct upt_diag *diag, const struct upt_where *at,
                     const char *kind, const char *fmt, ...);

/* Writes VALUE (LEN bytes) into OUT (SIZE bytes, NUL-terminated) with control
 * characters, quotes, backslashes and bytes that are not UTF-8 escaped
 * (\xHH), cut to about 40 characters
 * with "..." so that a quoted value in a message stays one short line. */
void upt_diag_quote(char *out, unsigned long size, const char *value,
                    unsigned long len);

#endif
