/* input_test.c - unit tests of reading plain and gzip input */
#include "input.h"

#include <fcntl.h>
#include <pthread.h>
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>
#include <zlib.h>

#include "check.h"
#include "diag.h"

enum { MAX_MSGS = 8 };

struct sink {
    int n;
    char msg[MAX_MSGS][512];
    char file[MAX_MSGS][256];
    unsigned long line[MAX_MSGS];
    unsigned long long offset[MAX_MSGS];
};

static void collect(void *ctx, const struct upt_where *at, const char *kind,
                    const char *msg)
{
    struct sink *s = ctx;
    (void)kind;
    if (s->n == MAX_MSGS)
        return;
    snprintf(s->msg[s->n], sizeof(s->msg[0]), "%s", msg);
    snprintf(s->file[s->n], sizeof(s->file[0]), "%s",
             at && at->file ? at->file : "");
    s->line[s->n] = at ? at->line : 0;
    s->offset[s->n] = at ? at->offset : 0;
    s->n++;
}

static char dir[64];
static char path[128];

static const char *write_file(const char *name, const void *data, size_t len)
{
    snprintf(path, sizeof(path), "%s/%s", dir, name);
    FILE *f = fopen(path, "wb");
    if (!f)
        return NULL;
    if (len)
        fwrite(data, 1, len, f);
    fclose(f);
    return path;
}

/* Gzip DATA as one member in memory; *OUT is malloc'd. Level 0 stores. */
static size_t gzip_member(const void *data, size_t len, int level,
                          unsigned char **out)
{
    z_stream z;
    memset(&z, 0, sizeof(z));
    deflateInit2(&z, level, Z_DEFLATED, 15 + 16, 8, Z_DEFAULT_STRATEGY);
    size_t cap = deflateBound(&z, (uLong)len) + 64;
    *out = malloc(cap);
    z.next_in = (unsigned char *)data;
    z.avail_in = (uInt)len;
    z.next_out = *out;
    z.avail_out = (uInt)cap;
    deflate(&z, Z_FINISH);
    size_t n = cap - z.avail_out;
    deflateEnd(&z);
    return n;
}

/* Reads all of PATH into a malloc'd buffer; returns the final status. */
static bool threaded; /* the tests below run twice: without and with */

static enum upt_status slurp(const char *p, struct upt_diag *diag, char **all,
                             size_t *total, int *reads)
{
    struct upt_input *in = upt_input_open(p, diag);
    if (in)
        upt_input_set_threaded(in, threaded);
    const char *buf;
    size_t len, cap = 1024;
    enum upt_status st;
    *all = malloc(cap);
    *total = 0;
    *reads = 0;
    if (!in)
        return UPT_EIO;
    while ((st = upt_input_read(in, &buf, &len)) == UPT_OK) {
        (*reads)++;
        if (len == 0)
            break; /* the contract says len > 0: a zero is a failure below */
        while (*total + len > cap)
            cap *= 2;
        *all = realloc(*all, cap);
        memcpy(*all + *total, buf, len);
        *total += len;
    }
    if (st == UPT_OK)
        st = UPT_EIO;
    upt_input_free(in);
    return st;
}

static void fill_pattern(unsigned char *p, size_t n, unsigned seed)
{
    uint32_t x = seed * 2654435761u + 1;
    for (size_t i = 0; i < n; i++) {
        x ^= x << 13;
        x ^= x >> 17;
        x ^= x << 5;
        p[i] = (unsigned char)x;
    }
}

static void plain_file_is_passed_as_it_is(void)
{
    struct sink s = {0};
    struct upt_diag diag = {.emit = collect, .ctx = &s};
    const char text[] = "EVENT_TYPE,USER_ID\nLogin,005\n";
    const char *p = write_file("plain.csv", text, sizeof(text) - 1);
    struct upt_input *in = upt_input_open(p, &diag);
    const char *buf;
    size_t len;
    CHECK(in != NULL);
    CHECK(upt_input_read(in, &buf, &len) == UPT_OK);
    CHECK(len == sizeof(text) - 1 && memcmp(buf, text, len) == 0);
    CHECK(!upt_input_is_gzip(in));
    CHECK_STREQ(upt_input_name(in), p);
    CHECK(upt_input_read(in, &buf, &len) == UPT_EOF);
    CHECK(upt_input_read(in, &buf, &len) == UPT_EOF);
    CHECK(s.n == 0 && diag.problems == 0);
    upt_input_free(in);
    unlink(p);
}

static void a_lone_gzip_magic_byte_is_plain_data(void)
{
    struct sink s = {0};
    struct upt_diag diag = {.emit = collect, .ctx = &s};
    const char *p = write_file("one.bin", "\x1f", 1);
    char *all;
    size_t total;
    int reads;
    CHECK(slurp(p, &diag, &all, &total, &reads) == UPT_EOF);
    CHECK(total == 1 && all[0] == 0x1f);
    CHECK(s.n == 0);
    free(all);
    unlink(p);
}

static void empty_file_is_at_its_end_at_once(void)
{
    struct sink s = {0};
    struct upt_diag diag = {.emit = collect, .ctx = &s};
    const char *p = write_file("empty.csv", "", 0);
    struct upt_input *in = upt_input_open(p, &diag);
    const char *buf;
    size_t len;
    CHECK(in != NULL);
    CHECK(upt_input_read(in, &buf, &len) == UPT_EOF);
    CHECK(s.n == 0);
    upt_input_free(in);
    unlink(p);
}

static void nonexistent_file_is_reported_and_not_opened(void)
{
    struct sink s = {0};
    struct upt_diag diag = {.emit = collect, .ctx = &s};
    char missing[160];
    snprintf(missing, sizeof(missing), "%s/no-such-file.csv", dir);
    CHECK(upt_input_open(missing, &diag) == NULL);
    CHECK(s.n == 1);
    CHECK_STREQ(s.msg[0], "cannot open: No such file or directory");
    CHECK_STREQ(s.file[0], missing);
    CHECK(s.line[0] == 0);
    CHECK(diag.problems == 1);
}

static void gzip_single_member_written_by_gzwrite_is_inflated(void)
{
    struct sink s = {0};
    struct upt_diag diag = {.emit = collect, .ctx = &s};
    const char text[] = "EVENT_TYPE,USER_ID\nLogin,005\nLogout,005\n";
    snprintf(path, sizeof(path), "%s/one.csv.gz", dir);
    gzFile gz = gzopen(path, "wb");
    CHECK(gz != NULL);
    gzwrite(gz, text, sizeof(text) - 1);
    gzclose(gz);
    struct upt_input *in = upt_input_open(path, &diag);
    const char *buf;
    size_t len;
    CHECK(upt_input_read(in, &buf, &len) == UPT_OK);
    CHECK(upt_input_is_gzip(in));
    CHECK(len == sizeof(text) - 1 && memcmp(buf, text, len) == 0);
    CHECK(upt_input_read(in, &buf, &len) == UPT_EOF);
    CHECK(s.n == 0);
    upt_input_free(in);
    unlink(path);
}

static void two_concatenated_members_are_read_through(void)
{
    struct sink s = {0};
    struct upt_diag diag = {.emit = collect, .ctx = &s};
    unsigned char *a, *b;
    size_t na = gzip_member("first,1\n", 8, 6, &a);
    size_t nb = gzip_member("second,2\n", 9, 6, &b);
    unsigned char *both = malloc(na + nb);
    memcpy(both, a, na);
    memcpy(both + na, b, nb);
    const char *p = write_file("two.csv.gz", both, na + nb);
    char *all;
    size_t total;
    int reads;
    CHECK(slurp(p, &diag, &all, &total, &reads) == UPT_EOF);
    CHECK(total == 17 && memcmp(all, "first,1\nsecond,2\n", 17) == 0);
    CHECK(s.n == 0);
    free(all);
    free(a);
    free(b);
    free(both);
    unlink(p);
}

/* A first member of every size around a read-buffer edge: the next member's
 * magic bytes may be split by a refill. */
static void member_boundary_near_a_buffer_edge_loses_nothing(void)
{
    enum { DATA = 256 * 1024 - 64 };
    unsigned char *data = malloc(DATA + 64);
    fill_pattern(data, DATA + 64, 7);
    unsigned char *b;
    size_t nb = gzip_member("tail\n", 5, 6, &b);
    int ok = 1;
    for (size_t extra = 0; extra < 64; extra++) {
        struct sink s = {0};
        struct upt_diag diag = {.emit = collect, .ctx = &s};
        unsigned char *a;
        size_t na = gzip_member(data, DATA + extra, 0, &a);
        unsigned char *both = malloc(na + nb);
        memcpy(both, a, na);
        memcpy(both + na, b, nb);
        const char *p = write_file("edge.gz", both, na + nb);
        char *all;
        size_t total;
        int reads;
        if (slurp(p, &diag, &all, &total, &reads) != UPT_EOF || s.n != 0 ||
            total != DATA + extra + 5 || memcmp(all, data, DATA + extra) ||
            memcmp(all + DATA + extra, "tail\n", 5))
            ok = 0;
        free(all);
        free(a);
        free(both);
        unlink(p);
    }
    CHECK(ok);
    free(b);
    free(data);
}

static void truncated_gzip_is_reported_at_the_file_size(void)
{
    char text[4096];
    for (size_t i = 0; i < sizeof(text); i++)
        text[i] = (char)('a' + i % 26);
    unsigned char *z;
    size_t nz = gzip_member(text, sizeof(text), 6, &z);
    /* cut inside the trailer, and inside the deflate data */
    size_t cuts[] = {nz - 4, nz / 2, 2};
    for (size_t c = 0; c < sizeof(cuts) / sizeof(cuts[0]); c++) {
        struct sink s = {0};
        struct upt_diag diag = {.emit = collect, .ctx = &s};
        char want[80];
        const char *p = write_file("cut.gz", z, cuts[c]);
        char *all;
        size_t total;
        int reads;
        CHECK(slurp(p, &diag, &all, &total, &reads) == UPT_EBADINPUT);
        snprintf(want, sizeof(want), "truncated gzip stream at byte offset %zu",
                 cuts[c]);
        CHECK(s.n == 1);
        CHECK_STREQ(s.msg[0], want);
        CHECK(s.offset[0] == cuts[c]);
        CHECK(s.line[0] == 0);
        CHECK(total <= sizeof(text) && memcmp(all, text, total) == 0);
        if (c == 0)
            CHECK(total == sizeof(text)); /* only the trailer was lost */
        free(all);
        unlink(p);
    }
    free(z);
}

static void corrupt_deflate_data_is_reported_with_an_offset(void)
{
    struct sink s = {0};
    struct upt_diag diag = {.emit = collect, .ctx = &s};
    unsigned char *z;
    size_t nz = gzip_member("some text that compresses\n", 26, 6, &z);
    z[10] = 0x07; /* first block: final, type 3, which does not exist */
    const char *p = write_file("bad.gz", z, nz);
    char *all;
    size_t total;
    int reads;
    CHECK(slurp(p, &diag, &all, &total, &reads) == UPT_EBADINPUT);
    CHECK(s.n == 1);
    CHECK(strncmp(s.msg[0], "corrupt gzip data at byte offset ", 33) == 0);
    CHECK(s.offset[0] > 10 && s.offset[0] <= nz);
    CHECK(total == 0);
    free(all);
    free(z);
    unlink(p);
}

static void bad_checksum_is_corrupt_after_the_data_is_lent(void)
{
    struct sink s = {0};
    struct upt_diag diag = {.emit = collect, .ctx = &s};
    unsigned char *z;
    size_t nz = gzip_member("abcdefgh\n", 9, 6, &z);
    z[nz - 8] ^= 0xff; /* the CRC-32 of the trailer */
    const char *p = write_file("crc.gz", z, nz);
    char *all;
    size_t total;
    int reads;
    CHECK(slurp(p, &diag, &all, &total, &reads) == UPT_EBADINPUT);
    CHECK(total == 9 && memcmp(all, "abcdefgh\n", 9) == 0);
    CHECK(s.n == 1);
    CHECK(strncmp(s.msg[0], "corrupt gzip data at byte offset ", 33) == 0);
    free(all);
    free(z);
    unlink(p);
}

static void trailing_garbage_after_a_member_is_reported(void)
{
    struct sink s = {0};
    struct upt_diag diag = {.emit = collect, .ctx = &s};
    unsigned char *z;
    size_t nz = gzip_member("row,1\n", 6, 6, &z);
    unsigned char *all_bytes = malloc(nz + 7);
    memcpy(all_bytes, z, nz);
    memcpy(all_bytes + nz, "garbage", 7);
    const char *p = write_file("trail.gz", all_bytes, nz + 7);
    char *all;
    size_t total;
    int reads;
    CHECK(slurp(p, &diag, &all, &total, &reads) == UPT_EBADINPUT);
    CHECK(total == 6 && memcmp(all, "row,1\n", 6) == 0);
    char want[96];
    snprintf(want, sizeof(want),
             "ignored data after the end of the gzip stream at byte offset %zu",
             nz);
    CHECK(s.n == 1);
    CHECK_STREQ(s.msg[0], want);
    CHECK(s.offset[0] == nz);
    free(all);
    free(all_bytes);
    free(z);
    unlink(p);
}

static void a_single_trailing_byte_is_garbage_too(void)
{
    struct sink s = {0};
    struct upt_diag diag = {.emit = collect, .ctx = &s};
    unsigned char *z;
    size_t nz = gzip_member("x\n", 2, 6, &z);
    unsigned char *bytes = malloc(nz + 1);
    memcpy(bytes, z, nz);
    bytes[nz] = 0x1f;
    const char *p = write_file("trail1.gz", bytes, nz + 1);
    char *all;
    size_t total;
    int reads;
    CHECK(slurp(p, &diag, &all, &total, &reads) == UPT_EBADINPUT);
    char want[96];
    snprintf(want, sizeof(want),
             "ignored data after the end of the gzip stream at byte offset %zu",
             nz);
    CHECK(total == 2);
    CHECK(s.n == 1);
    CHECK_STREQ(s.msg[0], want);
    CHECK(s.offset[0] == nz);
    free(all);
    free(bytes);
    free(z);
    unlink(p);
}

static void large_plain_file_is_delivered_byte_identical(void)
{
    enum { SIZE = 3 * 1024 * 1024 + 17 };
    struct sink s = {0};
    struct upt_diag diag = {.emit = collect, .ctx = &s};
    unsigned char *data = malloc(SIZE);
    fill_pattern(data, SIZE, 3);
    data[0] = 'x'; /* not gzip magic */
    const char *p = write_file("big.bin", data, SIZE);
    char *all;
    size_t total;
    int reads;
    CHECK(slurp(p, &diag, &all, &total, &reads) == UPT_EOF);
    CHECK(total == SIZE && memcmp(all, data, SIZE) == 0);
    CHECK(reads > 1);
    CHECK(s.n == 0);
    free(all);
    free(data);
    unlink(p);
}

static void large_gzip_file_is_delivered_byte_identical(void)
{
    enum { SIZE = 3 * 1024 * 1024 + 17 };
    struct sink s = {0};
    struct upt_diag diag = {.emit = collect, .ctx = &s};
    unsigned char *data = malloc(SIZE);
    fill_pattern(data, SIZE / 2, 5); /* incompressible half */
    for (size_t i = SIZE / 2; i < SIZE; i++)
        data[i] = (unsigned char)("0123456789,\n"[i % 12]); /* compressible */
    unsigned char *z;
    size_t nz = gzip_member(data, SIZE, 6, &z);
    const char *p = write_file("big.gz", z, nz);
    char *all;
    size_t total;
    int reads;
    CHECK(slurp(p, &diag, &all, &total, &reads) == UPT_EOF);
    CHECK(total == SIZE && memcmp(all, data, SIZE) == 0);
    CHECK(reads > 1);
    CHECK(s.n == 0);
    free(all);
    free(z);
    free(data);
    unlink(p);
}

static void stdin_is_read_and_left_open(void)
{
    struct sink s = {0};
    struct upt_diag diag = {.emit = collect, .ctx = &s};
    const char *p = write_file("stdin.csv", "a,b\n", 4);
    int saved = dup(STDIN_FILENO);
    int fd = open(p, O_RDONLY);
    dup2(fd, STDIN_FILENO);
    close(fd);
    struct upt_input *in = upt_input_open("-", &diag);
    const char *buf;
    size_t len;
    CHECK(in != NULL);
    CHECK_STREQ(upt_input_name(in), "-");
    CHECK(upt_input_read(in, &buf, &len) == UPT_OK);
    CHECK(len == 4 && memcmp(buf, "a,b\n", 4) == 0);
    CHECK(upt_input_read(in, &buf, &len) == UPT_EOF);
    upt_input_free(in);
    CHECK(fcntl(STDIN_FILENO, F_GETFD) != -1);
    dup2(saved, STDIN_FILENO);
    close(saved);
    unlink(p);
}

/* Raises the flag after 50 ms, from a thread of its own: as a signal that
 * lands on another thread than the one blocked in read(2). */
static void *raise_later(void *flag)
{
    nanosleep(&(struct timespec){.tv_nsec = 50 * 1000 * 1000}, NULL);
    *(volatile sig_atomic_t *)flag = SIGTERM;
    return NULL;
}

static void stop_flag_ends_a_read_from_a_silent_pipe(void)
{
    struct upt_diag diag = {0};
    volatile sig_atomic_t flag = 0;
    int fds[2], saved = dup(STDIN_FILENO);
    pthread_t t;
    const char *buf;
    size_t len;
    if (pipe(fds) != 0)
        return;
    /* the writer stays open and silent: without the flag, a hang */
    CHECK(write(fds[1], "a,b\n", 4) == 4);
    dup2(fds[0], STDIN_FILENO);
    close(fds[0]);
    struct upt_input *in = upt_input_open("-", &diag);
    upt_input_set_threaded(in, threaded);
    upt_input_set_stop(in, &flag);
    CHECK(upt_input_read(in, &buf, &len) == UPT_OK);
    CHECK(len == 4 && memcmp(buf, "a,b\n", 4) == 0);
    alarm(10); /* a hang fails the test instead */
    CHECK(pthread_create(&t, NULL, raise_later, (void *)&flag) == 0);
    CHECK(upt_input_read(in, &buf, &len) == UPT_EINTR);
    alarm(0);
    pthread_join(t, NULL);
    CHECK(diag.problems == 0);
    upt_input_free(in);
    close(fds[1]);
    dup2(saved, STDIN_FILENO);
    close(saved);
}

static void raised_stop_flag_reads_nothing(void)
{
    volatile sig_atomic_t flag = SIGINT;
    const char *p = write_file("stop.csv", "a,b\n", 4);
    struct upt_input *in = upt_input_open(p, NULL);
    const char *buf;
    size_t len;
    upt_input_set_threaded(in, threaded);
    upt_input_set_stop(in, &flag);
    CHECK(upt_input_read(in, &buf, &len) == UPT_EINTR);
    upt_input_free(in);
    unlink(p);
}

int main(void)
{
    /* twice: without and with a reader thread, which must give the same
     * bytes and the same messages in the same order */
    for (int pass = 0; pass < 2; pass++) {
        threaded = pass == 1;
        snprintf(dir, sizeof(dir), "/tmp/uptake-input-XXXXXX");
        if (!mkdtemp(dir)) {
            perror("mkdtemp");
            return 1;
        }
        RUN(plain_file_is_passed_as_it_is);
        RUN(a_lone_gzip_magic_byte_is_plain_data);
        RUN(empty_file_is_at_its_end_at_once);
        RUN(nonexistent_file_is_reported_and_not_opened);
        RUN(gzip_single_member_written_by_gzwrite_is_inflated);
        RUN(two_concatenated_members_are_read_through);
        RUN(member_boundary_near_a_buffer_edge_loses_nothing);
        RUN(truncated_gzip_is_reported_at_the_file_size);
        RUN(corrupt_deflate_data_is_reported_with_an_offset);
        RUN(bad_checksum_is_corrupt_after_the_data_is_lent);
        RUN(trailing_garbage_after_a_member_is_reported);
        RUN(a_single_trailing_byte_is_garbage_too);
        RUN(large_plain_file_is_delivered_byte_identical);
        RUN(large_gzip_file_is_delivered_byte_identical);
        RUN(stdin_is_read_and_left_open);
        RUN(stop_flag_ends_a_read_from_a_silent_pipe);
        RUN(raised_stop_flag_reads_nothing);
        upt_input_free(NULL);
        rmdir(dir);
    }
    return CHECK_DONE();
}
