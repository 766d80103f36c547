/* status.h - result codes shared by every library call */
#ifndef UPT_STATUS_H
#define UPT_STATUS_H

enum upt_status {
    UPT_OK = 0,
    UPT_EOF,       /* no more data: not an error */
    UPT_EBADINPUT, /* the input is malformed; already told to the diag sink */
    UPT_ENOMEM,
    UPT_EIO,    /* reading or writing failed; already told to the sink */
    UPT_EUSAGE, /* a setting or argument is invalid */
    UPT_EINTR   /* the caller's stop flag was raised: the work ended early */
};

/* A short lower-case phrase for STATUS ("out of memory"); never NULL. */
const char *upt_status_str(enum upt_status status);

#endif
