/* meter.c - the progress line on a terminal */
#include "meter.h"

#include <pthread.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "lib/progress.h"

struct meter {
    struct upt_progress *p;
    unsigned long long total; /* bytes of the regular files; 0: unknown */
    bool total_known;         /* every file's size is known */
    int nfiles;
    struct timespec start;
    pthread_t thread;
    pthread_mutex_t mu;
    pthread_cond_t wake;
    bool done;
};

/* Whether the line is on the terminal now: the one piece of state the
 * messages of stderr_sink share with the meter's thread. */
static atomic_bool drawn;

bool meter_wanted(int asked)
{
    return asked > 0 || (asked < 0 && isatty(STDERR_FILENO));
}

void meter_erase(void)
{
    if (atomic_exchange(&drawn, false))
        fputs("\r\033[K", stderr);
}

static double seconds_since(const struct timespec *t0)
{
    struct timespec now;
    clock_gettime(CLOCK_MONOTONIC, &now);
    return (double)(now.tv_sec - t0->tv_sec) +
           (double)(now.tv_nsec - t0->tv_nsec) / 1e9;
}

/* N bytes as "12.3 MiB". */
static void size_text(double n, char *out, size_t size)
{
    static const char *const unit[] = {"B", "KiB", "MiB", "GiB", "TiB"};
    int u = 0;
    while (n >= 1024 && u < 4) {
        n /= 1024;
        u++;
    }
    snprintf(out, size, u ? "%.1f %s" : "%.0f %s", n, unit[u]);
}

static void draw(struct meter *m)
{
    char done[32], total[32], rate[32], left[32] = "";
    double secs = seconds_since(&m->start);
    double bytes = (double)atomic_load(&m->p->bytes);
    unsigned files = atomic_load(&m->p->files);
    double per_s = secs > 0 ? bytes / secs : 0;
    size_text(bytes, done, sizeof(done));
    size_text(per_s, rate, sizeof(rate));
    flockfile(stderr);
    fputs("\ruptake: ", stderr);
    if (m->total_known && m->total > 0) {
        size_text((double)m->total, total, sizeof(total));
        double share = bytes / (double)m->total;
        if (per_s > 0 && bytes < (double)m->total) {
            long s = (long)(((double)m->total - bytes) / per_s + 0.5);
            snprintf(left, sizeof(left), ", %ld:%02ld left", s / 60, s % 60);
        }
        fprintf(stderr, "%s of %s (%.0f%%)", done, total,
                100 * (share > 1 ? 1 : share));
    } else {
        fprintf(stderr, "%s read", done);
    }
    fprintf(stderr, ", %s/s, %u of %d file%s%s\033[K", rate, files, m->nfiles,
            m->nfiles == 1 ? "" : "s", left);
    fflush(stderr);
    atomic_store(&drawn, true);
    funlockfile(stderr);
}

static void *run(void *arg)
{
    struct meter *m = arg;
    pthread_mutex_lock(&m->mu);
    while (!m->done) {
        struct timespec until;
        clock_gettime(CLOCK_REALTIME, &until);
        until.tv_nsec += 250 * 1000 * 1000;
        if (until.tv_nsec >= 1000000000) {
            until.tv_sec++;
            until.tv_nsec -= 1000000000;
        }
        pthread_cond_timedwait(&m->wake, &m->mu, &until);
        if (!m->done)
            draw(m);
    }
    pthread_mutex_unlock(&m->mu);
    return NULL;
}

struct meter *meter_start(struct upt_progress *p, char *const *files, int n)
{
    struct meter *m = calloc(1, sizeof(*m));
    if (!m)
        return NULL;
    m->p = p;
    m->nfiles = n;
    m->total_known = true;
    for (int i = 0; i < n; i++) {
        struct stat st;
        if (strcmp(files[i], "-") != 0 && stat(files[i], &st) == 0 &&
            S_ISREG(st.st_mode))
            m->total += (unsigned long long)st.st_size;
        else
            m->total_known = false;
    }
    clock_gettime(CLOCK_MONOTONIC, &m->start);
    pthread_mutex_init(&m->mu, NULL);
    pthread_cond_init(&m->wake, NULL);
    if (pthread_create(&m->thread, NULL, run, m) != 0) {
        pthread_mutex_destroy(&m->mu);
        pthread_cond_destroy(&m->wake);
        free(m);
        return NULL;
    }
    return m;
}

void meter_stop(struct meter *m)
{
    if (!m)
        return;
    pthread_mutex_lock(&m->mu);
    m->done = true;
    pthread_cond_signal(&m->wake);
    pthread_mutex_unlock(&m->mu);
    pthread_join(m->thread, NULL);
    pthread_mutex_destroy(&m->mu);
    pthread_cond_destroy(&m->wake);
    flockfile(stderr);
    meter_erase();
    funlockfile(stderr);
    free(m);
}
