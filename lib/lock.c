/* lock.c - one run at a time on a file: flock(2) on a file beside it */
#include "lock.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/file.h>
#include <unistd.h>

#include "banned.h"

struct upt_lock {
    int fd;
};

struct upt_lock *upt_lock_take(const char *path, bool wait, bool *busy,
                               char *err, size_t errsize)
{
    *busy = false;
    size_t n = strlen(path) + sizeof(".lock");
    char *name = malloc(n);
    if (!name) {
        snprintf(err, errsize, "out of memory");
        return NULL;
    }
    snprintf(name, n, "%s.lock", path);
    int fd = open(name, O_RDWR | O_CREAT | O_CLOEXEC, 0666);
    if (fd < 0) {
        snprintf(err, errsize, "%s: cannot make the lock file: %s", name,
                 strerror(errno));
        free(name);
        return NULL;
    }
    if (flock(fd, wait ? LOCK_EX : LOCK_EX | LOCK_NB) != 0) {
        *busy = errno == EWOULDBLOCK;
        if (*busy)
            snprintf(err, errsize, "%s is in use by another uptake (%s)", path,
                     name);
        else
            snprintf(err, errsize, "%s: cannot lock: %s", name,
                     strerror(errno));
        close(fd);
        free(name);
        return NULL;
    }
    free(name);
    struct upt_lock *l = malloc(sizeof(*l));
    if (!l) {
        close(fd);
        snprintf(err, errsize, "out of memory");
        return NULL;
    }
    l->fd = fd;
    return l;
}

void upt_lock_release(struct upt_lock *l)
{
    if (!l)
        return;
    close(l->fd); /* closing the last descriptor lets go of the lock */
    free(l);
}
