/* signals.c - SIGHUP, SIGINT, SIGTERM and a closed pipe end a run cleanly */
#include "signals.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

/* The command's only mutable globals: a signal handler can reach nothing
 * else. */
static volatile sig_atomic_t caught;
static char doomed[4096];
static volatile sig_atomic_t doomed_set;

static void on_signal(int sig)
{
    if (caught)
        return;
    caught = sig;
    alarm(SIGNALS_GRACE_S);
}

/* The clean stop took too long: some thread is blocked where the flag
 * cannot reach it. Only async-signal-safe calls from here on. */
static void on_alarm(int sig)
{
    (void)sig;
    if (doomed_set)
        unlink(doomed);
    signal(caught, SIG_DFL);
    raise(caught);
    _exit(128 + caught);
}

void signals_catch(void)
{
    static const int sigs[] = {SIGHUP, SIGINT, SIGTERM, SIGPIPE};
    struct sigaction sa, old;
    memset(&sa, 0, sizeof(sa));
    sigemptyset(&sa.sa_mask);
    sa.sa_handler = on_alarm;
    sigaction(SIGALRM, &sa, NULL);
    sa.sa_handler = on_signal;
    for (size_t i = 0; i < sizeof(sigs) / sizeof(sigs[0]); i++) {
        if (sigs[i] != SIGPIPE && sigaction(sigs[i], NULL, &old) == 0 &&
            old.sa_handler == SIG_IGN)
            continue;
        sigaction(sigs[i], &sa, NULL);
    }
}

const volatile sig_atomic_t *signals_flag(void) { return &caught; }

void signals_doom(const char *path)
{
    doomed_set = 0;
    if (path &&
        (size_t)snprintf(doomed, sizeof(doomed), "%s", path) < sizeof(doomed))
        doomed_set = 1;
}

void signals_exit_if_caught(void)
{
    int sig = caught;
    if (!sig)
        return;
    signal(sig, SIG_DFL);
    raise(sig);
    exit(128 + sig); /* not reached: the default action ends uptake */
}
