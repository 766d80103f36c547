/* input.c - bytes from a file or stdin; gzip found by its magic bytes */
#include "input.h"

#include <errno.h>
#include <fcntl.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <zlib.h>

#include "diag.h"

#include "banned.h"

/* Large reads: the cost per call of read(2) and inflate() vanishes. */
enum { RAW_SIZE = 256 * 1024, OUT_SIZE = 512 * 1024 };

enum state { START, PLAIN, GZIP, DONE };

struct upt_input {
    const char *name;
    struct upt_diag *diag;
    int fd;
    enum state state;
    enum upt_status final; /* returned once the data has run out */
    bool eof;
    bool z_ready;
    unsigned long long raw_start; /* file offset of raw[0] */
    size_t raw_len;
    z_stream z;
    unsigned char raw[RAW_SIZE];
    unsigned char out[OUT_SIZE];
};

static void report(struct upt_input *in, unsigned long long offset,
                   const char *kind, const char *msg)
{
    struct upt_where at = {.file = in->name, .line = 0, .offset = offset};
    upt_diag_report(in->diag, &at, kind, "%s", msg);
}

struct upt_input *upt_input_open(const char *path, struct upt_diag *diag)
{
    struct upt_input *in = malloc(sizeof(*in));
    if (!in)
        return NULL;
    memset(in, 0, offsetof(struct upt_input, raw));
    in->name = path;
    in->diag = diag;
    in->final = UPT_EOF;
    if (strcmp(path, "-") == 0) {
        in->fd = STDIN_FILENO;
    } else {
        in->fd = open(path, O_RDONLY | O_CLOEXEC);
        if (in->fd < 0) {
            struct upt_where at = {.file = path};
            upt_diag_report(diag, &at, "open", "cannot open: %s",
                            strerror(errno));
            free(in);
            return NULL;
        }
    }
    return in;
}

/* Refills raw[] from the file, keeping the KEEP unread bytes at its end. */
static enum upt_status fill(struct upt_input *in, size_t keep)
{
    if (keep && keep != in->raw_len)
        memmove(in->raw, in->raw + in->raw_len - keep, keep);
    in->raw_start += in->raw_len - keep;
    in->raw_len = keep;
    while (!in->eof && in->raw_len < RAW_SIZE) {
        ssize_t n = read(in->fd, in->raw + in->raw_len, RAW_SIZE - in->raw_len);
        if (n < 0 && errno == EINTR)
            continue;
        if (n < 0) {
            struct upt_where at = {.file = in->name};
            upt_diag_report(in->diag, &at, "read", "read error: %s",
                            strerror(errno));
            return UPT_EIO;
        }
        if (n == 0)
            in->eof = true;
        in->raw_len += (size_t)n;
        if (in->state != START)
            break; /* detection wants two bytes; later, any amount will do */
        if (in->raw_len >= 2)
            break;
    }
    return UPT_OK;
}

static bool at_gzip_magic(const unsigned char *p, size_t len)
{
    return len >= 2 && p[0] == 0x1f && p[1] == 0x8b;
}

static enum upt_status start(struct upt_input *in)
{
    enum upt_status st = fill(in, 0);
    if (st != UPT_OK)
        return st;
    if (!at_gzip_magic(in->raw, in->raw_len)) {
        in->state = PLAIN;
        return UPT_OK;
    }
    in->state = GZIP;
    /* 15 + 16: a gzip wrapper only, with the largest window */
    if (inflateInit2(&in->z, 15 + 16) != Z_OK)
        return UPT_ENOMEM;
    in->z_ready = true;
    in->z.next_in = in->raw;
    in->z.avail_in = (uInt)in->raw_len;
    return UPT_OK;
}

static unsigned long long consumed(const struct upt_input *in)
{
    return in->raw_start + (in->raw_len - in->z.avail_in);
}

/* After a member ends: another member, the end, or trailing garbage. */
static enum upt_status next_member(struct upt_input *in)
{
    if (in->z.avail_in < 2 && !in->eof) {
        enum upt_status st = fill(in, in->z.avail_in);
        if (st != UPT_OK)
            return st;
        in->z.next_in = in->raw;
        in->z.avail_in = (uInt)in->raw_len;
    }
    if (in->z.avail_in == 0) {
        in->state = DONE;
        return UPT_OK;
    }
    if (!at_gzip_magic(in->z.next_in, in->z.avail_in)) {
        char msg[128];
        snprintf(msg, sizeof(msg),
                 "ignored data after the end of the gzip stream at byte "
                 "offset %llu",
                 consumed(in));
        report(in, consumed(in), "gzip-trailing", msg);
        in->state = DONE;
        in->final = UPT_EBADINPUT;
        return UPT_OK;
    }
    inflateReset(&in->z);
    return UPT_OK;
}

static enum upt_status read_gzip(struct upt_input *in, size_t *produced)
{
    char msg[160];
    in->z.next_out = in->out;
    in->z.avail_out = OUT_SIZE;
    while (in->z.avail_out > 0 && in->state == GZIP) {
        if (in->z.avail_in == 0) {
            if (in->eof) {
                snprintf(msg, sizeof(msg),
                         "truncated gzip stream at byte offset %llu",
                         consumed(in));
                report(in, consumed(in), "gzip-truncated", msg);
                in->state = DONE;
                in->final = UPT_EBADINPUT;
                break;
            }
            enum upt_status st = fill(in, 0);
            if (st != UPT_OK)
                return st;
            in->z.next_in = in->raw;
            in->z.avail_in = (uInt)in->raw_len;
            continue;
        }
        int rc = inflate(&in->z, Z_NO_FLUSH);
        if (rc == Z_STREAM_END) {
            enum upt_status st = next_member(in);
            if (st != UPT_OK)
                return st;
        } else if (rc == Z_MEM_ERROR) {
            return UPT_ENOMEM;
        } else if (rc != Z_OK && rc != Z_BUF_ERROR) {
            snprintf(msg, sizeof(msg),
                     "corrupt gzip data at byte offset %llu (%s)", consumed(in),
                     in->z.msg ? in->z.msg : "bad stream");
            report(in, consumed(in), "gzip-corrupt", msg);
            in->state = DONE;
            in->final = UPT_EBADINPUT;
        }
    }
    *produced = OUT_SIZE - in->z.avail_out;
    return UPT_OK;
}

enum upt_status upt_input_read(struct upt_input *in, const char **buf,
                               size_t *len)
{
    enum upt_status st;
    if (in->state == START && (st = start(in)) != UPT_OK)
        return st;
    for (;;) {
        size_t n = 0;
        if (in->state == DONE)
            return in->final;
        if (in->state == PLAIN) {
            if (in->raw_len == 0 && (st = fill(in, 0)) != UPT_OK)
                return st;
            if (in->raw_len == 0) {
                in->state = DONE;
                continue;
            }
            *buf = (const char *)in->raw;
            *len = in->raw_len;
            in->raw_start += in->raw_len;
            in->raw_len = 0;
            return UPT_OK;
        }
        if ((st = read_gzip(in, &n)) != UPT_OK)
            return st;
        if (n > 0) {
            *buf = (const char *)in->out;
            *len = n;
            return UPT_OK;
        }
    }
}

bool upt_input_is_gzip(const struct upt_input *in) { return in->z_ready; }

const char *upt_input_name(const struct upt_input *in) { return in->name; }

void upt_input_free(struct upt_input *in)
{
    if (!in)
        return;
    if (in->z_ready)
        inflateEnd(&in->z);
    if (in->fd != STDIN_FILENO)
        close(in->fd);
    free(in);
}
