/* signals.c - SIGINT, SIGTERM and a closed pipe end a run cleanly */
#include "signals.h"

#include <stdlib.h>
#include <string.h>

/* The command's one mutable global: a signal handler can reach nothing
 * else. */
static volatile sig_atomic_t caught;

static void on_signal(int sig)
{
    if (!caught)
        caught = sig;
}

void signals_catch(void)
{
    static const int sigs[] = {SIGINT, SIGTERM, SIGPIPE};
    struct sigaction sa, old;
    memset(&sa, 0, sizeof(sa));
    sa.sa_handler = on_signal;
    sigemptyset(&sa.sa_mask);
    for (size_t i = 0; i < sizeof(sigs) / sizeof(sigs[0]); i++) {
        if (sigs[i] != SIGPIPE && sigaction(sigs[i], NULL, &old) == 0 &&
            old.sa_handler == SIG_IGN)
            continue;
        sigaction(sigs[i], &sa, NULL);
    }
}

const volatile sig_atomic_t *signals_flag(void) { return &caught; }

void signals_exit_if_caught(void)
{
    int sig = caught;
    if (!sig)
        return;
    signal(sig, SIG_DFL);
    raise(sig);
    exit(128 + sig); /* not reached: the default action ends uptake */
}
