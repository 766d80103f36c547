/* outfile.c - a file written whole or not at all */
#include "outfile.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "banned.h"

struct upt_outfile {
    FILE *stream;
    char *path;
    char *tmp;
};

/* The mode open(2) would give a new file. The umask can only be read by
 * setting it. */
static mode_t new_file_mode(void)
{
    mode_t mask = umask(077);
    umask(mask);
    return 0666 & ~mask;
}

static void release(struct upt_outfile *f)
{
    free(f->path);
    free(f->tmp);
    free(f);
}

/* Opens the temporary beside F->path with MODE; 0, or an errno value. */
static int create_temp(struct upt_outfile *f, mode_t mode)
{
    const char *slash = strrchr(f->path, '/');
    int dirlen = slash ? (int)(slash - f->path) + 1 : 0;
    size_t size = strlen(f->path) + sizeof("..XXXXXX");
    if (!(f->tmp = malloc(size)))
        return ENOMEM;
    snprintf(f->tmp, size, "%.*s.%s.XXXXXX", dirlen, f->path, f->path + dirlen);
    int fd = mkstemp(f->tmp);
    if (fd < 0)
        return errno;
    if (fchmod(fd, mode) == 0 && (f->stream = fdopen(fd, "w")))
        return 0;
    int e = errno;
    close(fd);
    unlink(f->tmp);
    return e;
}

struct upt_outfile *upt_outfile_open(const char *path, char *err,
                                     size_t errsize)
{
    struct stat st;
    mode_t mode;
    const char *slash = strrchr(path, '/');
    if (!*path || (slash && !slash[1])) {
        snprintf(err, errsize, "cannot create '%s': no file name", path);
        return NULL;
    }
    if (stat(path, &st) == 0) {
        if (!S_ISREG(st.st_mode)) {
            snprintf(err, errsize, "cannot replace '%s': not a regular file",
                     path);
            return NULL;
        }
        mode = st.st_mode & 0777;
    } else {
        mode = new_file_mode();
    }
    struct upt_outfile *f = calloc(1, sizeof(*f));
    int e = ENOMEM;
    if (f && (f->path = strdup(path)) && (e = create_temp(f, mode)) == 0)
        return f;
    snprintf(err, errsize, "cannot create '%s': %s", path, strerror(e));
    if (f)
        release(f);
    return NULL;
}

FILE *upt_outfile_stream(struct upt_outfile *f) { return f->stream; }

const char *upt_outfile_temp_path(const struct upt_outfile *f)
{
    return f->tmp;
}

/* Makes the rename itself durable. Best effort: the file is in place
 * either way, and some file systems refuse to sync a directory. */
static void sync_directory(const char *path)
{
    const char *slash = strrchr(path, '/');
    char dir[4096];
    if (!slash)
        snprintf(dir, sizeof(dir), ".");
    else
        snprintf(dir, sizeof(dir), "%.*s", (int)(slash - path) + 1, path);
    int fd = open(dir, O_RDONLY);
    if (fd >= 0) {
        fsync(fd);
        close(fd);
    }
}

enum upt_status upt_outfile_commit(struct upt_outfile *f, char *err,
                                   size_t errsize)
{
    int e = 0;
    if (fflush(f->stream) != 0)
        e = errno;
    else if (ferror(f->stream))
        e = EIO; /* an earlier write failed and its data is lost */
    else if (fsync(fileno(f->stream)) != 0)
        e = errno;
    if (fclose(f->stream) != 0 && !e)
        e = errno;
    if (e) {
        snprintf(err, errsize, "cannot write '%s': %s", f->path, strerror(e));
    } else if (rename(f->tmp, f->path) != 0) {
        e = errno;
        snprintf(err, errsize, "cannot replace '%s': %s", f->path, strerror(e));
    } else {
        sync_directory(f->path);
    }
    if (e)
        unlink(f->tmp);
    release(f);
    return e ? UPT_EIO : UPT_OK;
}

void upt_outfile_discard(struct upt_outfile *f)
{
    if (!f)
        return;
    fclose(f->stream);
    unlink(f->tmp);
    release(f);
}

/* Whether NAME is ".BASE." and six more characters, as mkstemp fills
 * them in create_temp(). */
static bool is_temp_of(const char *name, const char *base, size_t baselen)
{
    return name[0] == '.' && strncmp(name + 1, base, baselen) == 0 &&
           name[1 + baselen] == '.' && strlen(name + 2 + baselen) == 6;
}

unsigned upt_outfile_clean(const char *path)
{
    const char *slash = strrchr(path, '/');
    const char *base = slash ? slash + 1 : path;
    size_t dirlen = slash ? (size_t)(slash - path) + 1 : 0;
    size_t baselen = strlen(base);
    char *dir = malloc(dirlen + 2);
    unsigned removed = 0;
    if (!dir)
        return 0;
    snprintf(dir, dirlen + 2, "%.*s", dirlen ? (int)dirlen : 1,
             dirlen ? path : ".");
    DIR *d = opendir(dir);
    struct dirent *e;
    while (d && (e = readdir(d))) {
        if (!is_temp_of(e->d_name, base, baselen))
            continue;
        size_t n = dirlen + strlen(e->d_name) + 1;
        char *full = malloc(n);
        if (!full)
            break;
        snprintf(full, n, "%.*s%s", (int)dirlen, path, e->d_name);
        removed += unlink(full) == 0;
        free(full);
    }
    if (d)
        closedir(d);
    free(dir);
    return removed;
}
