/* lock_test.c - one holder at a time; the lock goes with its holder */
#include "lock.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include "check.h"

static char dir[64], path[128];

static void a_second_taker_is_told_busy(void)
{
    char err[256];
    bool busy = true;
    struct upt_lock *l = upt_lock_take(path, false, &busy, err, sizeof(err));
    CHECK(l != NULL && !busy);
    struct upt_lock *m = upt_lock_take(path, false, &busy, err, sizeof(err));
    CHECK(m == NULL && busy);
    CHECK(strstr(err, "is in use by another uptake") != NULL);
    upt_lock_release(l);
    m = upt_lock_take(path, false, &busy, err, sizeof(err));
    CHECK(m != NULL && !busy);
    upt_lock_release(m);
    upt_lock_release(NULL);
}

/* A holder killed with SIGKILL leaves the lock free. */
static void a_killed_holder_lets_go(void)
{
    int ready[2];
    CHECK(pipe(ready) == 0);
    pid_t pid = fork();
    if (pid == 0) {
        char err[256];
        bool busy;
        struct upt_lock *l =
            upt_lock_take(path, false, &busy, err, sizeof(err));
        if (write(ready[1], l ? "y" : "n", 1) != 1)
            _exit(1);
        pause();
        _exit(0);
    }
    char c = 0;
    CHECK(read(ready[0], &c, 1) == 1 && c == 'y');
    char err[256];
    bool busy;
    CHECK(upt_lock_take(path, false, &busy, err, sizeof(err)) == NULL && busy);
    kill(pid, SIGKILL);
    waitpid(pid, NULL, 0);
    struct upt_lock *l = upt_lock_take(path, true, &busy, err, sizeof(err));
    CHECK(l != NULL);
    upt_lock_release(l);
    close(ready[0]);
    close(ready[1]);
}

static void an_unwritable_place_is_told(void)
{
    char err[256];
    bool busy;
    CHECK(upt_lock_take("/nonexistent-dir/state", false, &busy, err,
                        sizeof(err)) == NULL);
    CHECK(!busy);
    CHECK(strstr(err, "/nonexistent-dir/state.lock: cannot make") != NULL);
}

int main(void)
{
    snprintf(dir, sizeof(dir), "/tmp/upt-lock-XXXXXX");
    if (!mkdtemp(dir))
        return 1;
    snprintf(path, sizeof(path), "%s/state", dir);
    RUN(a_second_taker_is_told_busy);
    RUN(a_killed_holder_lets_go);
    RUN(an_unwritable_place_is_told);
    char cmd[128];
    snprintf(cmd, sizeof(cmd), "rm -rf %s", dir);
    if (system(cmd) != 0)
        return 1;
    return CHECK_DONE();
}
