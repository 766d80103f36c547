/* diag.c - formatting input problems for the caller's sink */
#include "diag.h"

#include <stdio.h>

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
        unsigned char c = (unsigned char)value[i];
        if (i >= QUOTE_MAX) {
            o += (unsigned long)snprintf(out + o, size - o, "...");
            break;
        }
        if (c < 0x20 || c == 0x7f || c == '\'' || c == '\\')
            o += (unsigned long)snprintf(out + o, size - o, "\\x%02x", c);
        else
            out[o++] = (char)c;
    }
    out[o < size ? o : size - 1] = '\0';
}
