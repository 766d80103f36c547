/* output.c - where a command's result goes: stdout, or -o FILE written whole
 * or not at all */
#include "output.h"

#include <errno.h>
#include <string.h>

#include "options.h"
#include "signals.h"
#include "stderr_sink.h"

#include "lib/outfile.h"

int output_open(struct output *out, const char *path)
{
    char err[512];
    *out = (struct output){.f = stdout, .path = path};
    if (!path || strcmp(path, "-") == 0)
        return 0;
    if (!(out->file = upt_outfile_open(path, err, sizeof(err)))) {
        stderr_say(err);
        return EXIT_USAGE;
    }
    out->f = upt_outfile_stream(out->file);
    signals_doom(upt_outfile_temp_path(out->file));
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
    stderr_say(msg);
    return EXIT_PARTIAL;
}

/* Puts FILE in place (KEEP) or removes the temporary. */
static int close_file(struct output *out, bool keep)
{
    char err[512];
    if (!keep || out->error) {
        upt_outfile_discard(out->file);
        return keep ? write_failed(out, 0) : 0;
    }
    if (upt_outfile_commit(out->file, err, sizeof(err)) == UPT_OK)
        return 0;
    stderr_say(err);
    return EXIT_PARTIAL;
}

int output_close(struct output *out, bool keep)
{
    /* after a signal nothing is kept, and a write failing on a closed
     * pipe says nothing */
    bool stopped = *signals_flag() != 0;
    int rc = 0;
    if (out->file) {
        rc = close_file(out, keep && !stopped);
        signals_doom(NULL); /* only now: the temporary is gone or renamed */
    } else if (!stopped) {
        int e = fflush(stdout) != 0 ? errno : ferror(stdout) ? EIO : 0;
        rc = keep && (e || out->error) ? write_failed(out, e) : 0;
    }
    return stopped ? EXIT_PARTIAL : rc;
}
