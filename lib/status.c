/* status.c - names of the result codes */
#include "status.h"

#include "banned.h"

const char *upt_status_str(enum upt_status status)
{
    static const char *const names[] = {
        [UPT_OK] = "ok",
        [UPT_EOF] = "end of input",
        [UPT_EBADINPUT] = "malformed input",
        [UPT_ENOMEM] = "out of memory",
        [UPT_EIO] = "input/output error",
        [UPT_EUSAGE] = "invalid argument",
        [UPT_EINTR] = "interrupted",
    };
    if ((unsigned)status < sizeof(names) / sizeof(names[0]))
        return names[status];
    return "unknown error";
}
