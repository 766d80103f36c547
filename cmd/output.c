/* output.c - where a command's result goes: stdout, or -o FILE written whole
 * or not at all */
#include "output.h"

#include <errno.h>
#include <string.h>

#include "options.h"
#include "signals.h"
#include "stderr_sink.h"

#include "lib/outfile.h"

static void say(const char *msg)
{
    fputs("uptake: ", stderr);
    put_escaped(stderr, msg);
    fputc('\n', stderr);
}

int output_open(struct output *out, const char *path)
{
    char err[512];
    *out = (struct output){.f = stdout, .path = path};
    if (!path || strcmp(path, "-") == 0)
        return 0;
    if (!(out->file = upt_outfile_open(path, err, sizeof(err)))) {
        say(err);
        return EXIT_USAGE;
    }
    out->f = upt_outfile_stream(out->file);
    return 0;
}

void output_failed(struct output *out)
{
    if (!out->error)
        out->error = errno ? errno : EIO;
}

/* Says that writing failed, naming the error of the first failed write. */
static int write_failed(const struct output *out, int e)
{
    char msg[512];
    if (out->file)
        snprintf(msg, sizeof(msg), "cannot write '%s': %s", out->path,
                 strerror(out->error ? out->error : e));
    else
        snprintf(msg, sizeof(msg), "write error: %s",
                 strerror(out->error ? out->error : e));
    say(msg);
    return EXIT_PARTIAL;
}

int output_close(struct output *out, bool keep)
{
    char err[512];
    if (*signals_flag()) { /* a write failing on a closed pipe says nothing */
        upt_outfile_discard(out->file);
        return EXIT_PARTIAL;
    }
    if (!out->file) {
        int e = fflush(stdout) != 0 ? errno : ferror(stdout) ? EIO : 0;
        return keep && (e || out->error) ? write_failed(out, e) : 0;
    }
    if (!keep || out->error) {
        upt_outfile_discard(out->file);
        return keep ? write_failed(out, 0) : 0;
    }
    if (upt_outfile_commit(out->file, err, sizeof(err)) == UPT_OK)
        return 0;
    say(err);
    return EXIT_PARTIAL;
}
