/* cmd_pseudonym.c - uptake pseudonym: the token of an id, for an admin who
 * holds the key; and a new key */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "commands.h"
#include "options.h"
#include "stderr_sink.h"

#include "lib/pseudonym.h"
#include "lib/userid.h"

static const struct option pseudonym_options[] = {
    {"new-key", no_argument, NULL, OPT_NEW_KEY},
    {"help", no_argument, NULL, 'h'},
    {"version", no_argument, NULL, 'V'},
    {NULL, 0, NULL, 0},
};

static void print_help(void)
{
    fputs("Usage: uptake pseudonym KEYFILE ID...\n"
          "       uptake pseudonym --new-key KEYFILE\n"
          "The token that --pseudonymize KEYFILE writes for each user ID, "
          "one a\n"
          "line; or a new random key in KEYFILE (made readable by its owner "
          "only;\n"
          "an existing file is never replaced).\n"
          "\n"
          "      --new-key         make KEYFILE\n"
          "  -h, --help            show this help and exit\n"
          "  -V, --version         show the version and exit\n"
          "See uptake(1).\n",
          stdout);
}

static void say(const char *what, const char *why)
{
    char msg[1024];
    snprintf(msg, sizeof(msg), "%s%s", what, why);
    stderr_say(msg);
}

static int new_key(const char *path)
{
    if (!upt_pseudonym_available()) {
        say("uptake was built without libsodium", ", which keys need");
        return EXIT_USAGE;
    }
    int fd = open(path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0600);
    if (fd < 0) {
        char why[256];
        snprintf(why, sizeof(why), ": cannot make the key: %s",
                 strerror(errno));
        say(path, why);
        return errno == EEXIST ? EXIT_USAGE : EXIT_PARTIAL;
    }
    FILE *f = fdopen(fd, "w");
    if (!f || upt_pseudonym_new_key(f) != UPT_OK || fsync(fd) != 0 ||
        fclose(f) != 0) {
        say(path, ": cannot write the key");
        unlink(path);
        return EXIT_PARTIAL;
    }
    return EXIT_OK;
}

int cmd_pseudonym(int argc, char **argv)
{
    struct run_opts o;
    int rc;

    if ((rc = command_start(argc, argv, pseudonym_options, print_help, &o)) >=
        0)
        return rc;
    if (o.new_key) {
        if (o.nfiles != 1)
            return usage_error("%s", "--new-key takes one KEYFILE");
        return new_key(o.files[0]);
    }
    if (o.nfiles < 2)
        return usage_error("%s", "pseudonym needs a KEYFILE and an ID");
    o.key_path = o.files[0];
    struct upt_pseudonym *p;
    if ((rc = load_pseudonym(&o, &p)) != 0)
        return rc;
    for (int i = 1; i < o.nfiles; i++) {
        char token[UPT_PSEUDONYM_LEN + 1];
        const char *id = o.files[i];
        upt_pseudonym_token(p, UPT_PSEUDONYM_ID, id,
                            upt_userid_key_len(id, strlen(id)), token);
        puts(token);
    }
    upt_pseudonym_free(p);
    if (fflush(stdout) != 0 || ferror(stdout)) {
        perror("uptake: write error");
        return EXIT_PARTIAL;
    }
    return EXIT_OK;
}
