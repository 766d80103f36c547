/* rowqueue_test.c - rows parsed ahead on a thread arrive as the caller's own
 * parse gives them: the same rows, problems and status, in the same order */
#include "rowqueue.h"

#include <pthread.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>
#include <zlib.h>

#include "check.h"
#include "diag.h"
#include "input.h"

/* What a parse gave, as text: rows and problems in order. */
struct transcript {
    char *text;
    size_t len, cap;
    unsigned long rows;
    unsigned long stop_at; /* stop after this many rows; 0: never */
};

static void append(struct transcript *t, const char *s)
{
    size_t n = strlen(s);
    if (t->len + n + 1 > t->cap) {
        t->cap = (t->len + n + 1) * 2;
        t->text = realloc(t->text, t->cap);
    }
    memcpy(t->text + t->len, s, n + 1);
    t->len += n;
}

static int on_row(void *ctx, const struct upt_row *row)
{
    struct transcript *t = ctx;
    char buf[64];
    snprintf(buf, sizeof(buf), "%lu:", row->line);
    append(t, buf);
    for (size_t i = 0; i < row->count; i++) {
        append(t, i ? "|" : "");
        append(t, row->field[i]);
        CHECK(strlen(row->field[i]) == row->len[i]);
    }
    append(t, "\n");
    t->rows++;
    return t->stop_at && t->rows == t->stop_at;
}

static void on_problem(void *ctx, const struct upt_where *at, const char *kind,
                       const char *msg)
{
    char buf[512];
    snprintf(buf, sizeof(buf), "! %s:%lu@%llu %s %s\n", at->file, at->line,
             at->offset, kind, msg);
    append(ctx, buf);
}

/* Parses PATH in this thread, as source.c does without -j. */
static enum upt_status parse_here(const char *path, struct transcript *t)
{
    struct upt_diag diag = {.emit = on_problem, .ctx = t};
    struct upt_input *in = upt_input_open(path, &diag);
    CHECK(in != NULL);
    struct upt_records *r = upt_records_new(path, ',', &diag, on_row, t);
    const char *buf;
    size_t len;
    enum upt_status st;
    while ((st = upt_input_read(in, &buf, &len)) == UPT_OK)
        if (upt_records_feed(r, buf, len) != UPT_OK)
            break;
    if (st != UPT_OK)
        upt_records_finish(r);
    upt_records_free(r);
    upt_input_free(in);
    return st == UPT_EOF ? UPT_OK : st;
}

/* Parses PATH through a row queue, with the input set THREADED too. */
static enum upt_status parse_ahead(const char *path, struct transcript *t,
                                   bool threaded)
{
    struct upt_diag diag = {.emit = on_problem, .ctx = t};
    struct upt_input *in = upt_input_open(path, &diag);
    CHECK(in != NULL);
    upt_input_set_threaded(in, threaded);
    const char *buf;
    size_t len;
    enum upt_status st = upt_input_read(in, &buf, &len);
    CHECK(st == UPT_OK);
    struct upt_rowqueue *q = upt_rowqueue_start(in, path, ',', buf, len, &diag);
    CHECK(q != NULL);
    st = upt_rowqueue_drain(q, on_row, t);
    upt_rowqueue_free(q);
    upt_input_free(in);
    CHECK(diag.problems == 0 || t->len > 0);
    return st;
}

static char dir[64];

static char *make_csv(size_t rows, size_t *len)
{
    size_t cap = rows * 96 + 64, n = 0;
    char *s = malloc(cap);
    n += (size_t)snprintf(s + n, cap - n, "A,B,C\n");
    for (size_t i = 0; i < rows; i++) {
        if (i % 997 == 5) /* bad quoting: reported, the row skipped */
            n += (size_t)snprintf(s + n, cap - n, "x\"%zu,\"y\"z,q\n", i);
        else if (i % 1499 == 7) /* a field over two lines */
            n += (size_t)snprintf(s + n, cap - n, "%zu,\"two\nlines\",c\n", i);
        else
            n += (size_t)snprintf(s + n, cap - n, "%zu,field %zu,\"q,%zu\"\n",
                                  i, i * 7, i % 13);
    }
    *len = n;
    return s;
}

static const char *write_file(const char *name, const void *data, size_t len,
                              bool gzip)
{
    static char path[128];
    snprintf(path, sizeof(path), "%s/%s", dir, name);
    if (gzip) {
        gzFile g = gzopen(path, "wb6");
        gzwrite(g, data, (unsigned)len);
        gzclose(g);
    } else {
        FILE *f = fopen(path, "wb");
        fwrite(data, 1, len, f);
        fclose(f);
    }
    return path;
}

static void same_as_here(const char *path, bool threaded, unsigned long stop)
{
    struct transcript here = {.stop_at = stop}, ahead = {.stop_at = stop};
    enum upt_status want = parse_here(path, &here);
    enum upt_status got = parse_ahead(path, &ahead, threaded);
    CHECK(here.text && ahead.text);
    if (here.text && ahead.text)
        CHECK(strcmp(here.text, ahead.text) == 0);
    CHECK(here.rows == ahead.rows);
    if (stop && here.rows == stop)
        CHECK(got == UPT_EOF);
    else
        CHECK(got == want);
    free(here.text);
    free(ahead.text);
}

/* Many batches' worth, so that the ring fills, wraps and waits. */
static void test_many_rows_in_order(void)
{
    size_t len;
    char *csv = make_csv(60000, &len);
    const char *plain = write_file("many.csv", csv, len, false);
    same_as_here(plain, false, 0);
    same_as_here(plain, true, 0);
    const char *gz = write_file("many.csv.gz", csv, len, true);
    same_as_here(gz, false, 0);
    same_as_here(gz, true, 0);
    free(csv);
}

/* The caller stops early, the thread still filling: it is stopped too. */
static void test_stop_early(void)
{
    size_t len;
    char *csv = make_csv(60000, &len);
    const char *plain = write_file("stop.csv", csv, len, false);
    same_as_here(plain, false, 1);
    same_as_here(plain, true, 3000);
    same_as_here(plain, true, 59000);
    free(csv);
}

/* A gzip stream cut short: the rows before the cut, then the fault, then
 * EBADINPUT, as the caller's own parse gives them. */
static void test_truncated_gzip(void)
{
    size_t len;
    char *csv = make_csv(30000, &len);
    char path[128];
    snprintf(path, sizeof(path), "%s/whole.csv.gz", dir);
    write_file("whole.csv.gz", csv, len, true);
    FILE *f = fopen(path, "rb");
    fseek(f, 0, SEEK_END);
    long size = ftell(f);
    fseek(f, 0, SEEK_SET);
    char *gz = malloc((size_t)size);
    CHECK(fread(gz, 1, (size_t)size, f) == (size_t)size);
    fclose(f);
    const char *cut = write_file("cut.csv.gz", gz, (size_t)size / 2, false);
    struct transcript t = {0};
    CHECK(parse_ahead(cut, &t, true) == UPT_EBADINPUT);
    CHECK(t.text && strstr(t.text, "truncated") != NULL);
    free(t.text);
    same_as_here(cut, false, 0);
    same_as_here(cut, true, 0);
    free(gz);
    free(csv);
}

/* A last line without a line end and a quote left open at the end. */
static void test_end_of_input(void)
{
    static const char csv[] = "A,B\n1,2\n3,\"open\n4,5";
    const char *p = write_file("open.csv", csv, sizeof(csv) - 1, false);
    same_as_here(p, true, 0);
    struct transcript t = {0};
    CHECK(parse_ahead(p, &t, false) == UPT_OK);
    CHECK(t.text && strstr(t.text, "open-quote") != NULL);
    free(t.text);
}

static void *raise_later(void *flag)
{
    nanosleep(&(struct timespec){.tv_nsec = 50 * 1000 * 1000}, NULL);
    *(volatile sig_atomic_t *)flag = SIGINT;
    return NULL;
}

/* A stop flag raised while the thread waits on a silent pipe: the drain
 * ends with UPT_EINTR, and the row the stop cut is not handed over. */
static void test_stop_flag_on_a_silent_pipe(void)
{
    static const char csv[] = "A,B\n1,2\n3,4";
    volatile sig_atomic_t flag = 0;
    struct transcript t = {0};
    struct upt_diag diag = {.emit = on_problem, .ctx = &t};
    int fds[2], saved = dup(STDIN_FILENO);
    pthread_t th;
    const char *buf;
    size_t len;
    if (pipe(fds) != 0)
        return;
    CHECK(write(fds[1], csv, sizeof(csv) - 1) == sizeof(csv) - 1);
    dup2(fds[0], STDIN_FILENO);
    close(fds[0]);
    struct upt_input *in = upt_input_open("-", &diag);
    upt_input_set_stop(in, &flag);
    CHECK(upt_input_read(in, &buf, &len) == UPT_OK);
    struct upt_rowqueue *q = upt_rowqueue_start(in, "-", ',', buf, len, &diag);
    CHECK(q != NULL);
    alarm(10); /* a hang fails the test instead */
    CHECK(pthread_create(&th, NULL, raise_later, (void *)&flag) == 0);
    CHECK(upt_rowqueue_drain(q, on_row, &t) == UPT_EINTR);
    alarm(0);
    pthread_join(th, NULL);
    CHECK(t.rows == 2);
    CHECK(t.text && strcmp(t.text, "1:A|B\n2:1|2\n") == 0);
    upt_rowqueue_free(q);
    upt_input_free(in);
    free(t.text);
    close(fds[1]);
    dup2(saved, STDIN_FILENO);
    close(saved);
}

int main(void)
{
    snprintf(dir, sizeof(dir), "/tmp/upt-rowqueue-XXXXXX");
    if (!mkdtemp(dir))
        return 1;
    RUN(test_many_rows_in_order);
    RUN(test_stop_early);
    RUN(test_truncated_gzip);
    RUN(test_end_of_input);
    RUN(test_stop_flag_on_a_silent_pipe);
    char cmd[128];
    snprintf(cmd, sizeof(cmd), "rm -rf %s", dir);
    if (system(cmd) != 0)
        return 1;
    return CHECK_DONE();
}
