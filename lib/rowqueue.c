/* rowqueue.c - CSV rows parsed on a thread of their own */
#include "rowqueue.h"

#include <pthread.h>
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>

#include "diag.h"
#include "input.h"

#include "banned.h"

/* A batch is handed over when it holds this many bytes or items: the lock
 * is taken once per thousands of rows, and a batch still fits in cache
 * when the caller reads it. NBATCH of them bound the memory ahead. */
enum { BATCH_BYTES = 128 * 1024, BATCH_ITEMS = 2048, NBATCH = 4 };

/* A row, or a problem when KIND is set. */
struct item {
    const char *kind; /* a problem's static tag; NULL for a row */
    const char *file;
    unsigned long line;
    unsigned long long offset;
    size_t text;  /* where its bytes start: fields, or the message */
    size_t first; /* a row's first field length in lens */
    size_t count; /* a row's fields */
};

/* Fields are kept NUL-terminated, one after another, as a row lends them. */
struct batch {
    char *bytes;
    size_t nbytes, bytes_cap;
    size_t *lens;
    size_t nlens, lens_cap;
    struct item item[BATCH_ITEMS];
    size_t nitems;
};

struct upt_rowqueue {
    struct upt_input *in;
    struct upt_records *records; /* the thread's */
    struct upt_diag *diag;       /* the caller's */
    struct upt_diag held;        /* the thread's: into the batches */
    const char *first;
    size_t first_len;
    pthread_t thread;
    bool running;
    pthread_mutex_t mu;
    pthread_cond_t filled, emptied;
    struct batch batch[NBATCH];
    unsigned head, count; /* batches handed over, from head */
    unsigned fill;        /* the one the thread fills: never lent */
    bool done, stop;
    bool nomem;             /* the thread's */
    enum upt_status status; /* the input's end, once done */
    const char **ptrs;      /* the caller's view of a row */
    size_t ptrs_cap;
};

/* Passes the batch being filled to the caller and takes a free one;
 * waits while none is free. Non-zero when the caller wants no more. */
static int hand_over(struct upt_rowqueue *q)
{
    pthread_mutex_lock(&q->mu);
    q->count++;
    pthread_cond_signal(&q->filled);
    while (q->count == NBATCH && !q->stop)
        pthread_cond_wait(&q->emptied, &q->mu);
    bool stop = q->stop;
    q->fill = (q->head + q->count) % NBATCH;
    pthread_mutex_unlock(&q->mu);
    struct batch *b = &q->batch[q->fill];
    b->nbytes = b->nlens = b->nitems = 0;
    return stop;
}

static int grow(void **p, size_t *cap, size_t need, size_t size)
{
    if (need <= *cap)
        return 0;
    size_t n = *cap ? *cap : 1024;
    while (n < need)
        n *= 2;
    void *np = realloc(*p, n * size);
    if (!np)
        return -1;
    *p = np;
    *cap = n;
    return 0;
}

/* Room for an item of BYTES bytes and LENS field lengths, in the current
 * batch or the next; NULL when the caller stopped or memory ran out. */
static struct item *add_item(struct upt_rowqueue *q, size_t bytes, size_t lens)
{
    struct batch *b = &q->batch[q->fill];
    if (b->nitems == BATCH_ITEMS ||
        (b->nitems > 0 && b->nbytes + bytes > BATCH_BYTES)) {
        if (hand_over(q) != 0)
            return NULL;
        b = &q->batch[q->fill];
    }
    if (grow((void **)&b->bytes, &b->bytes_cap, b->nbytes + bytes, 1) != 0 ||
        grow((void **)&b->lens, &b->lens_cap, b->nlens + lens,
             sizeof(*b->lens)) != 0) {
        q->nomem = true;
        return NULL;
    }
    struct item *it = &b->item[b->nitems++];
    it->text = b->nbytes;
    it->first = b->nlens;
    b->nbytes += bytes;
    b->nlens += lens;
    return it;
}

static int collect(void *ctx, const struct upt_row *row)
{
    struct upt_rowqueue *q = ctx;
    size_t bytes = 0;
    bool contiguous = true;
    /* records lends a row's fields one after another: one copy for them
     * all, not a call a field */
    for (size_t i = 0; i < row->count; i++) {
        contiguous &= row->field[i] == row->field[0] + bytes;
        bytes += row->len[i] + 1;
    }
    struct item *it = add_item(q, bytes, row->count);
    if (!it)
        return 1;
    struct batch *b = &q->batch[q->fill];
    char *p = b->bytes + it->text;
    if (contiguous && row->count)
        memcpy(p, row->field[0], bytes);
    else
        for (size_t i = 0; i < row->count; i++) {
            memcpy(p, row->field[i], row->len[i] + 1);
            p += row->len[i] + 1;
        }
    memcpy(b->lens + it->first, row->len, row->count * sizeof(*row->len));
    it->kind = NULL;
    it->line = row->line;
    it->count = row->count;
    return 0;
}

static void hold(void *ctx, const struct upt_where *at, const char *kind,
                 const char *msg)
{
    struct upt_rowqueue *q = ctx;
    size_t n = strlen(msg) + 1;
    struct item *it = add_item(q, n, 0);
    if (!it)
        return; /* the caller wants no more, or memory ran out */
    memcpy(q->batch[q->fill].bytes + it->text, msg, n);
    it->kind = kind;
    it->file = at->file;
    it->line = at->line;
    it->offset = at->offset;
}

static void *produce(void *arg)
{
    struct upt_rowqueue *q = arg;
    const char *buf = q->first;
    size_t len = q->first_len;
    enum upt_status st;
    bool stopped = false;
    for (;;) {
        if (upt_records_feed(q->records, buf, len) != UPT_OK) {
            stopped = true;
            break;
        }
        if ((st = upt_input_read(q->in, &buf, &len)) != UPT_OK)
            break;
    }
    if (!stopped && st != UPT_EINTR) /* a row cut by a stop is no row */
        upt_records_finish(q->records);
    pthread_mutex_lock(&q->mu);
    if (!q->stop)
        q->count++; /* the last batch, maybe empty: its slot is free */
    q->done = true;
    q->status = q->nomem        ? UPT_ENOMEM
                : stopped       ? UPT_EOF
                : st == UPT_EOF ? UPT_OK
                                : st;
    pthread_cond_signal(&q->filled);
    pthread_mutex_unlock(&q->mu);
    return NULL;
}

static void release(struct upt_rowqueue *q)
{
    upt_records_free(q->records);
    for (unsigned i = 0; i < NBATCH; i++) {
        free(q->batch[i].bytes);
        free(q->batch[i].lens);
    }
    free(q->ptrs);
    free(q);
}

struct upt_rowqueue *upt_rowqueue_start(struct upt_input *in, const char *name,
                                        char delim, const char *first,
                                        size_t first_len, struct upt_diag *diag)
{
    struct upt_rowqueue *q = calloc(1, sizeof(*q));
    if (!q)
        return NULL;
    q->in = in;
    q->diag = diag;
    q->first = first;
    q->first_len = first_len;
    q->held.emit = hold;
    q->held.ctx = q;
    q->records = upt_records_new(name, delim, &q->held, collect, q);
    if (!q->records) {
        release(q);
        return NULL;
    }
    pthread_mutex_init(&q->mu, NULL);
    pthread_cond_init(&q->filled, NULL);
    pthread_cond_init(&q->emptied, NULL);
    upt_input_set_diag(in, &q->held);
    if (pthread_create(&q->thread, NULL, produce, q) != 0) {
        upt_input_set_diag(in, diag);
        pthread_mutex_destroy(&q->mu);
        pthread_cond_destroy(&q->filled);
        pthread_cond_destroy(&q->emptied);
        release(q);
        return NULL;
    }
    q->running = true;
    return q;
}

/* Hands the items of B over; 1 when FN stopped, -1 out of memory. */
static int deliver(struct upt_rowqueue *q, const struct batch *b, upt_row_fn fn,
                   void *ctx)
{
    for (size_t k = 0; k < b->nitems; k++) {
        const struct item *it = &b->item[k];
        if (it->kind) {
            struct upt_where at = {
                .file = it->file, .line = it->line, .offset = it->offset};
            upt_diag_report(q->diag, &at, it->kind, "%s", b->bytes + it->text);
            continue;
        }
        if (grow((void **)&q->ptrs, &q->ptrs_cap, it->count,
                 sizeof(*q->ptrs)) != 0)
            return -1;
        const char *p = b->bytes + it->text;
        const size_t *len = b->lens + it->first;
        for (size_t i = 0; i < it->count; i++) {
            q->ptrs[i] = p;
            p += len[i] + 1;
        }
        struct upt_row row = {
            .field = q->ptrs, .len = len, .count = it->count, .line = it->line};
        if (fn(ctx, &row) != 0)
            return 1;
    }
    return 0;
}

enum upt_status upt_rowqueue_drain(struct upt_rowqueue *q, upt_row_fn fn,
                                   void *ctx)
{
    for (;;) {
        pthread_mutex_lock(&q->mu);
        while (q->count == 0 && !q->done)
            pthread_cond_wait(&q->filled, &q->mu);
        if (q->count == 0) {
            enum upt_status st = q->status;
            pthread_mutex_unlock(&q->mu);
            return st;
        }
        const struct batch *b = &q->batch[q->head];
        pthread_mutex_unlock(&q->mu);
        /* B is past what the thread touches until it is given back */
        int r = deliver(q, b, fn, ctx);
        pthread_mutex_lock(&q->mu);
        q->head = (q->head + 1) % NBATCH;
        q->count--;
        q->stop = r != 0;
        pthread_cond_signal(&q->emptied);
        pthread_mutex_unlock(&q->mu);
        if (r != 0)
            return r < 0 ? UPT_ENOMEM : UPT_EOF;
    }
}

void upt_rowqueue_free(struct upt_rowqueue *q)
{
    if (!q)
        return;
    if (q->running) {
        pthread_mutex_lock(&q->mu);
        q->stop = true;
        pthread_cond_signal(&q->emptied);
        pthread_mutex_unlock(&q->mu);
        pthread_join(q->thread, NULL);
        pthread_mutex_destroy(&q->mu);
        pthread_cond_destroy(&q->filled);
        pthread_cond_destroy(&q->emptied);
        upt_input_set_diag(q->in, q->diag);
    }
    release(q);
}
