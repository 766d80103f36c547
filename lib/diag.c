/* diag.c - formatting input problems for the caller's sink */
#include "diag.h"

#include <stdio.h>
#include <string.h>

#include "utf8.h"

#include "banned.h"

enum { MESSAGE_MAX = 512, QUOTE_MAX = 40 };

void upt_diag_report(struct upt_diag *diag, const struct upt_where *at,
                     const char *kind, const char *fmt, ...)
{
    char msg[MESSAGE_MAX];
    va_list ap;

    if (!diag)
        return;
    va_start(ap, fmt);
    vsnprintf(msg, sizeof(msg), fmt, ap);
    va_end(ap);
    diag->problems++;
    if (diag->emit)
        diag->emit(diag->ctx, at, kind, msg);
}

void upt_diag_quote(char *out, unsigned long size, const char *value,
                    unsigned long len)
{
    unsigned long o = 0, i;

    if (size == 0)
        return;
    for (i = 0; i < len && o + 8 < size; i++) {
        const unsigned char *p = (const unsigned char *)value + i;
        size_t n = upt_utf8_len(p, len - i);
        if (i >= QUOTE_MAX) {
            o += (unsigned long)snprintf(out + o, size - o, "...");
            break;
        }
        if (n > 1 && o + n + 8 < size) { /* a whole character passes */
            memcpy(out + o, p, n);
            o += n;
            i += n - 1;
        } else if (n != 1 || *p < 0x20 || *p == 0x7f || *p == '\'' ||
                   *p == '\\') {
            o += (unsigned long)snprintf(out + o, size - o, "\\x%02x", *p);
        } else {
            out[o++] = (char)*p;
        }
    }
    out[o < size ? o : size - 1] = '\0';
}
