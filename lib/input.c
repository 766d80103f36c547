/* input.c - bytes from a file or stdin; gzip found by its magic bytes */
#include "input.h"

#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <pthread.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <zlib.h>
#ifdef UPT_HAVE_ISAL
#include <isa-l/igzip_lib.h>
#endif

#include "diag.h"
#include "progress.h"

#include "banned.h"

/* Large reads: the cost per call of read(2) and inflate() vanishes. */
enum { RAW_SIZE = 256 * 1024, OUT_SIZE = 512 * 1024 };

/* With a reader thread: how many decoded buffers it may run ahead, and
 * how many problems it may hold until the caller's thread reports them. */
enum { AHEAD = 4, HELD = 4 };

/* The reader thread decodes into a ring of buffers; the caller's thread
 * takes them in order. The diag sink is the caller's and not for another
 * thread, so the reader's problems are held and reported in the caller's
 * thread when the data before them has been taken. */
struct ahead {
    pthread_t thread;
    pthread_mutex_t mu;
    pthread_cond_t filled, emptied;
    unsigned char *buf[AHEAD];
    size_t len[AHEAD];
    unsigned head, count;
    bool held_by_caller; /* buf[head] is lent to the caller */
    bool done, stop;
    enum upt_status status; /* the reader's last: EOF or an error */
    struct upt_diag held_diag;
    struct {
        struct upt_where at;
        char kind[32];
        char msg[256];
    } held[HELD];
    unsigned nheld;
};

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
    z_stream z; /* with ISA-L too: its buffer pointers and counts */
#ifdef UPT_HAVE_ISAL
    struct inflate_state isal;
#endif
    unsigned check_gap;     /* bytes of the trailer after where zlib stopped */
    const char *fault_kind; /* a fault not told yet, see report() */
    unsigned long long fault_offset;
    char fault_msg[192];
    const volatile sig_atomic_t *stop; /* the caller's, or NULL */
    struct upt_progress *progress;     /* bytes read, for the caller */
    bool threaded;                     /* asked for a reader thread */
    struct upt_diag *diag_caller;      /* the real sink while a thread reads */
    struct ahead *ahead;               /* running it */
    unsigned char *out_to; /* where gzip is decoded: out, or a reader's slot */
    unsigned char raw[RAW_SIZE];
    unsigned char out[OUT_SIZE];
};

/* A fault of the stream ends it; it is told when the bytes decoded before
 * it have all been lent, so that messages about them come first. */
static void report(struct upt_input *in, unsigned long long offset,
                   const char *kind, const char *msg)
{
    in->fault_kind = kind;
    in->fault_offset = offset;
    snprintf(in->fault_msg, sizeof(in->fault_msg), "%s", msg);
}

static enum upt_status finish(struct upt_input *in)
{
    if (in->fault_kind) {
        struct upt_where at = {.file = in->name, .offset = in->fault_offset};
        upt_diag_report(in->diag, &at, in->fault_kind, "%s", in->fault_msg);
        in->fault_kind = NULL;
    }
    return in->final;
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

/* Whether the caller, or the caller's thread done with a reader thread,
 * wants reading to end. */
static bool stopping(struct upt_input *in)
{
    bool stop = in->stop && *in->stop;
    if (!stop && in->ahead) {
        pthread_mutex_lock(&in->ahead->mu);
        stop = in->ahead->stop;
        pthread_mutex_unlock(&in->ahead->mu);
    }
    return stop;
}

/* Waits for the file to have data (or an end, or an error: read(2) will
 * tell); false when asked to stop first. A pipe may stay silent as long as
 * its writer likes, and a signal may land on another thread than the one
 * blocked in read(2), so poll(2) wakes now and then to look. */
static bool wait_for_data(struct upt_input *in)
{
    struct pollfd p = {.fd = in->fd, .events = POLLIN};
    while (!stopping(in)) {
        int n = poll(&p, 1, UPT_INPUT_STOP_MS);
        if (n > 0 || (n < 0 && errno != EINTR))
            return true;
    }
    return false;
}

/* Refills raw[] from the file, keeping the KEEP unread bytes at its end. */
static enum upt_status fill(struct upt_input *in, size_t keep)
{
    if (keep && keep != in->raw_len)
        memmove(in->raw, in->raw + in->raw_len - keep, keep);
    in->raw_start += in->raw_len - keep;
    in->raw_len = keep;
    while (!in->eof && in->raw_len < RAW_SIZE) {
        if ((in->stop || in->ahead) && !wait_for_data(in))
            return UPT_EINTR;
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
        upt_progress_bytes(in->progress, (unsigned long long)n);
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

/* The inflater: ISA-L's igzip where configure found it (several times
 * zlib's speed), zlib otherwise. Both are driven through in->z's buffer
 * pointers and answer in zlib's terms, so the stream logic is one. */
#ifdef UPT_HAVE_ISAL
static int dec_init(struct upt_input *in)
{
    isal_inflate_init(&in->isal);
    in->isal.crc_flag = ISAL_GZIP;
    return 0;
}

static void dec_reset(struct upt_input *in)
{
    isal_inflate_reset(&in->isal);
    in->isal.crc_flag = ISAL_GZIP;
}

static int dec_inflate(struct upt_input *in)
{
    static const char *const errors[] = {
        "invalid block",  "invalid symbol",     "invalid distance",
        "invalid header", "unsupported method", "incorrect data check"};
    struct inflate_state *s = &in->isal;
    s->next_in = in->z.next_in;
    s->avail_in = in->z.avail_in;
    s->next_out = in->z.next_out;
    s->avail_out = in->z.avail_out;
    int rc = isal_inflate(s);
    in->z.next_in = s->next_in;
    in->z.avail_in = s->avail_in;
    in->z.next_out = s->next_out;
    in->z.avail_out = s->avail_out;
    if (rc < 0) {
        in->z.msg = (char *)(-rc <= 6 ? errors[-rc - 1] : "bad stream");
        return Z_DATA_ERROR;
    }
    if (s->block_state == ISAL_BLOCK_FINISH)
        return Z_STREAM_END;
    return Z_OK;
}

static void dec_end(struct upt_input *in) { (void)in; }

#else
static int dec_init(struct upt_input *in)
{
    /* 15 + 16: a gzip wrapper only, with the largest window */
    return inflateInit2(&in->z, 15 + 16) == Z_OK ? 0 : -1;
}

static void dec_reset(struct upt_input *in) { inflateReset(&in->z); }

static int dec_inflate(struct upt_input *in)
{
    int rc = inflate(&in->z, Z_NO_FLUSH);
    if (rc == Z_DATA_ERROR && in->z.msg) {
        /* zlib stops between the trailer's CRC and length: a bad CRC is
         * told at the member's end, 4 bytes on, as igzip tells it; and
         * igzip calls a bad length a bad check: say it one way */
        if (strcmp(in->z.msg, "incorrect data check") == 0)
            in->check_gap = 4;
        else if (strcmp(in->z.msg, "incorrect length check") == 0)
            in->z.msg = "incorrect data check";
    }
    return rc;
}

static void dec_end(struct upt_input *in) { inflateEnd(&in->z); }

#endif

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
    if (dec_init(in) != 0)
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
    dec_reset(in);
    return UPT_OK;
}

static enum upt_status read_gzip(struct upt_input *in, size_t *produced)
{
    char msg[160];
    in->z.next_out = in->out_to ? in->out_to : in->out;
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
        int rc = dec_inflate(in);
        if (rc == Z_STREAM_END) {
            enum upt_status st = next_member(in);
            if (st != UPT_OK)
                return st;
        } else if (rc == Z_MEM_ERROR) {
            return UPT_ENOMEM;
        } else if (rc != Z_OK && rc != Z_BUF_ERROR) {
            unsigned long long at = consumed(in) + in->check_gap;
            snprintf(msg, sizeof(msg),
                     "corrupt gzip data at byte offset %llu (%s)", at,
                     in->z.msg ? in->z.msg : "bad stream");
            report(in, at, "gzip-corrupt", msg);
            in->state = DONE;
            in->final = UPT_EBADINPUT;
        }
    }
    *produced = OUT_SIZE - in->z.avail_out;
    return UPT_OK;
}

static enum upt_status read_direct(struct upt_input *in, const char **buf,
                                   size_t *len)
{
    enum upt_status st;
    if (in->state == START && (st = start(in)) != UPT_OK)
        return st;
    for (;;) {
        size_t n = 0;
        if (in->state == DONE)
            return finish(in);
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
            *buf = (const char *)(in->out_to ? in->out_to : in->out);
            *len = n;
            return UPT_OK;
        }
    }
}

static void hold(void *ctx, const struct upt_where *at, const char *kind,
                 const char *msg)
{
    struct ahead *a = ctx;
    if (a->nheld == HELD)
        return;
    a->held[a->nheld].at = *at;
    snprintf(a->held[a->nheld].kind, sizeof(a->held[0].kind), "%s", kind);
    snprintf(a->held[a->nheld].msg, sizeof(a->held[0].msg), "%s", msg);
    a->nheld++;
}

static void *reader(void *arg)
{
    struct upt_input *in = arg;
    struct ahead *a = in->ahead;
    for (;;) {
        const char *data;
        size_t len;
        pthread_mutex_lock(&a->mu);
        while (a->count == AHEAD && !a->stop)
            pthread_cond_wait(&a->emptied, &a->mu);
        unsigned slot = (a->head + a->count) % AHEAD;
        bool stop = a->stop;
        pthread_mutex_unlock(&a->mu);
        if (stop)
            return NULL;
        /* slot is past what the caller may look at: no lock needed.
         * Gzip is decoded straight into it; plain input is copied. */
        in->out_to = a->buf[slot];
        enum upt_status st = read_direct(in, &data, &len);
        if (st == UPT_OK && data != (const char *)a->buf[slot])
            memcpy(a->buf[slot], data, len);
        pthread_mutex_lock(&a->mu);
        if (st == UPT_OK) {
            a->len[slot] = len;
            a->count++;
        } else {
            a->done = true;
            a->status = st;
        }
        pthread_cond_signal(&a->filled);
        pthread_mutex_unlock(&a->mu);
        if (st != UPT_OK)
            return NULL;
    }
}

static int start_reader(struct upt_input *in)
{
    struct ahead *a = calloc(1, sizeof(*a));
    if (!a)
        return -1;
    for (unsigned i = 0; i < AHEAD; i++)
        if (!(a->buf[i] = malloc(OUT_SIZE > RAW_SIZE ? OUT_SIZE : RAW_SIZE)))
            goto fail;
    a->held_diag.emit = hold;
    a->held_diag.ctx = a;
    pthread_mutex_init(&a->mu, NULL);
    pthread_cond_init(&a->filled, NULL);
    pthread_cond_init(&a->emptied, NULL);
    in->ahead = a;
    in->diag_caller = in->diag;
    in->diag = &a->held_diag;
    if (pthread_create(&a->thread, NULL, reader, in) == 0)
        return 0;
    in->diag = in->diag_caller;
    in->ahead = NULL;
    pthread_mutex_destroy(&a->mu);
    pthread_cond_destroy(&a->filled);
    pthread_cond_destroy(&a->emptied);
fail:
    for (unsigned i = 0; i < AHEAD; i++)
        free(a->buf[i]);
    free(a);
    return -1;
}

static enum upt_status read_ahead(struct upt_input *in, const char **buf,
                                  size_t *len)
{
    struct ahead *a = in->ahead;
    pthread_mutex_lock(&a->mu);
    if (a->held_by_caller) {
        a->head = (a->head + 1) % AHEAD;
        a->count--;
        a->held_by_caller = false;
        pthread_cond_signal(&a->emptied);
    }
    while (a->count == 0 && !a->done)
        pthread_cond_wait(&a->filled, &a->mu);
    if (a->count > 0) {
        *buf = (const char *)a->buf[a->head];
        *len = a->len[a->head];
        a->held_by_caller = true;
        pthread_mutex_unlock(&a->mu);
        return UPT_OK;
    }
    pthread_mutex_unlock(&a->mu);
    for (unsigned i = 0; i < a->nheld; i++)
        upt_diag_report(in->diag_caller, &a->held[i].at, a->held[i].kind, "%s",
                        a->held[i].msg);
    a->nheld = 0;
    return a->status;
}

enum upt_status upt_input_read(struct upt_input *in, const char **buf,
                               size_t *len)
{
    if (in->threaded && !in->ahead && start_reader(in) != 0)
        in->threaded = false; /* no thread to be had: read here */
    if (in->ahead)
        return read_ahead(in, buf, len);
    return read_direct(in, buf, len);
}

void upt_input_set_threaded(struct upt_input *in, bool threaded)
{
    in->threaded = threaded;
}

void upt_input_set_progress(struct upt_input *in, struct upt_progress *progress)
{
    in->progress = progress;
}

void upt_input_set_diag(struct upt_input *in, struct upt_diag *diag)
{
    if (in->ahead) /* its thread keeps holding problems for the new sink */
        in->diag_caller = diag;
    else
        in->diag = diag;
}

void upt_input_set_stop(struct upt_input *in, const volatile sig_atomic_t *stop)
{
    in->stop = stop;
}

static void stop_reader(struct upt_input *in)
{
    struct ahead *a = in->ahead;
    pthread_mutex_lock(&a->mu);
    a->stop = true;
    pthread_cond_signal(&a->emptied);
    pthread_mutex_unlock(&a->mu);
    pthread_join(a->thread, NULL);
    pthread_mutex_destroy(&a->mu);
    pthread_cond_destroy(&a->filled);
    pthread_cond_destroy(&a->emptied);
    for (unsigned i = 0; i < AHEAD; i++)
        free(a->buf[i]);
    free(a);
    in->ahead = NULL;
    in->diag = in->diag_caller;
}

bool upt_input_is_gzip(const struct upt_input *in) { return in->z_ready; }

const char *upt_input_name(const struct upt_input *in) { return in->name; }

void upt_input_free(struct upt_input *in)
{
    if (!in)
        return;
    if (in->ahead)
        stop_reader(in);
    if (in->z_ready)
        dec_end(in);
    if (in->fd != STDIN_FILENO)
        close(in->fd);
    free(in);
}
