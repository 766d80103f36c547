/* outfile_test.c - unit tests of a file written whole or not at all */
#include "outfile.h"

#include <dirent.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "check.h"

static char dir[64];
static char path[128];
static char content[256];

static const char *in_dir(const char *name)
{
    snprintf(path, sizeof(path), "%s/%s", dir, name);
    return path;
}

static void write_text(const char *p, const char *text)
{
    FILE *f = fopen(p, "w");
    if (f) {
        fputs(text, f);
        fclose(f);
    }
}

/* The text of P, or "(none)" when it cannot be read. */
static const char *read_text(const char *p)
{
    FILE *f = fopen(p, "r");
    snprintf(content, sizeof(content), "(none)");
    if (f) {
        size_t n = fread(content, 1, sizeof(content) - 1, f);
        content[n] = '\0';
        fclose(f);
    }
    return content;
}

/* How many names the test directory holds: a temporary left behind
 * shows here. */
static int entries(void)
{
    int n = 0;
    DIR *d = opendir(dir);
    struct dirent *e;
    while (d && (e = readdir(d)))
        n += strcmp(e->d_name, ".") != 0 && strcmp(e->d_name, "..") != 0;
    if (d)
        closedir(d);
    return n;
}

/* Starts writing report.tsv, which holds "old"; its path in *P. */
static struct upt_outfile *over_old(const char **p)
{
    char err[256];
    *p = in_dir("report.tsv");
    write_text(*p, "old\n");
    struct upt_outfile *f = upt_outfile_open(*p, err, sizeof(err));
    CHECK(f != NULL);
    return f;
}

static void commit_replaces_the_file_whole(void)
{
    char err[256];
    const char *p;
    struct upt_outfile *f = over_old(&p);
    if (!f)
        return;
    fputs("new\n", upt_outfile_stream(f));
    fflush(upt_outfile_stream(f));
    CHECK_STREQ(read_text(p), "old\n");
    CHECK(entries() == 2);
    CHECK(upt_outfile_commit(f, err, sizeof(err)) == UPT_OK);
    CHECK_STREQ(read_text(p), "new\n");
    CHECK(entries() == 1);
    unlink(p);
}

static void discard_leaves_the_file_as_it_was(void)
{
    char err[256];
    const char *p;
    struct upt_outfile *f = over_old(&p);
    if (!f)
        return;
    fputs("half a rep", upt_outfile_stream(f));
    fflush(upt_outfile_stream(f));
    char tmp[192], want[192];
    snprintf(tmp, sizeof(tmp), "%s", upt_outfile_temp_path(f));
    snprintf(want, sizeof(want), "%s/.report.tsv.", dir);
    CHECK(strncmp(tmp, want, strlen(want)) == 0);
    CHECK_STREQ(read_text(tmp), "half a rep");
    upt_outfile_discard(f);
    CHECK_STREQ(read_text(tmp), "(none)");
    CHECK_STREQ(read_text(p), "old\n");
    CHECK(entries() == 1);
    unlink(p);
    f = upt_outfile_open(p, err, sizeof(err));
    upt_outfile_discard(f);
    CHECK(entries() == 0);
    upt_outfile_discard(NULL);
}

static void a_new_file_has_the_umask_mode_and_an_old_one_keeps_its(void)
{
    char err[256];
    struct stat st;
    const char *p = in_dir("new.tsv");
    mode_t saved = umask(027);
    struct upt_outfile *f = upt_outfile_open(p, err, sizeof(err));
    umask(saved);
    CHECK(f && upt_outfile_commit(f, err, sizeof(err)) == UPT_OK);
    CHECK(stat(p, &st) == 0 && (st.st_mode & 0777) == 0640);
    chmod(p, 0604);
    f = upt_outfile_open(p, err, sizeof(err));
    CHECK(f && upt_outfile_commit(f, err, sizeof(err)) == UPT_OK);
    CHECK(stat(p, &st) == 0 && (st.st_mode & 0777) == 0604);
    unlink(p);
}

static void a_missing_directory_is_refused_with_its_reason(void)
{
    char err[256], want[256];
    const char *p = in_dir("nodir/report.tsv");
    CHECK(upt_outfile_open(p, err, sizeof(err)) == NULL);
    snprintf(want, sizeof(want),
             "cannot create '%s': No such file or directory", p);
    CHECK_STREQ(err, want);
    CHECK(upt_outfile_open("", err, sizeof(err)) == NULL);
    CHECK_STREQ(err, "cannot create '': no file name");
    CHECK(entries() == 0);
}

static void a_directory_or_a_device_is_never_replaced(void)
{
    char err[256], want[256];
    CHECK(upt_outfile_open(dir, err, sizeof(err)) == NULL);
    snprintf(want, sizeof(want), "cannot replace '%s': not a regular file",
             dir);
    CHECK_STREQ(err, want);
    CHECK(upt_outfile_open("/dev/null", err, sizeof(err)) == NULL);
    CHECK_STREQ(err, "cannot replace '/dev/null': not a regular file");
    snprintf(want, sizeof(want), "%s/", dir);
    CHECK(upt_outfile_open(want, err, sizeof(err)) == NULL);
}

static void a_failed_write_is_never_committed(void)
{
    char err[256];
    const char *p;
    struct upt_outfile *f = over_old(&p);
    if (!f)
        return;
    /* the descriptor gone, every write fails as on a full disk */
    FILE *s = upt_outfile_stream(f);
    close(fileno(s));
    fputs("new\n", s);
    fflush(s);
    CHECK(upt_outfile_commit(f, err, sizeof(err)) == UPT_EIO);
    CHECK(strncmp(err, "cannot write '", 14) == 0);
    CHECK_STREQ(read_text(p), "old\n");
    CHECK(entries() == 1);
    unlink(p);
}

static void a_name_without_a_directory_is_written_in_the_current_one(void)
{
    char err[256], cwd[256];
    if (!getcwd(cwd, sizeof(cwd)) || chdir(dir) != 0)
        return;
    struct upt_outfile *f = upt_outfile_open("plain.tsv", err, sizeof(err));
    CHECK(f != NULL);
    if (f) {
        fputs("x\n", upt_outfile_stream(f));
        CHECK(upt_outfile_commit(f, err, sizeof(err)) == UPT_OK);
    }
    CHECK_STREQ(read_text("plain.tsv"), "x\n");
    unlink("plain.tsv");
    CHECK(chdir(cwd) == 0);
    CHECK(entries() == 0);
}

/* What a killed writer left is removed, and nothing else: not the file,
 * not another file's temporary, not a name that only looks alike. */
static void clean_removes_only_left_temporaries(void)
{
    char keep[128], other[128], alike[128], err[256];
    write_text(in_dir("state"), "old\n");
    struct upt_outfile *f = upt_outfile_open(path, err, sizeof(err));
    CHECK(f != NULL);
    fputs("half", upt_outfile_stream(f));
    fflush(upt_outfile_stream(f)); /* as a SIGKILL would find it */
    write_text(in_dir(".state.abcdef"), "x");
    snprintf(keep, sizeof(keep), "%s", in_dir(".statefoo.abcdef"));
    write_text(keep, "x");
    snprintf(other, sizeof(other), "%s", in_dir(".other.abcdef"));
    write_text(other, "x");
    snprintf(alike, sizeof(alike), "%s", in_dir(".state.abc"));
    write_text(alike, "x");
    int before = entries();
    CHECK(upt_outfile_clean(in_dir("state")) == 2);
    CHECK(entries() == before - 2);
    CHECK_STREQ(read_text(in_dir("state")), "old\n");
    CHECK_STREQ(read_text(keep), "x");
    CHECK_STREQ(read_text(other), "x");
    CHECK_STREQ(read_text(alike), "x");
    upt_outfile_discard(f); /* its temporary is gone already */
    unlink(keep);
    unlink(other);
    unlink(alike);
    unlink(in_dir("state"));
}

int main(void)
{
    snprintf(dir, sizeof(dir), "/tmp/uptake-outfile-XXXXXX");
    if (!mkdtemp(dir)) {
        perror("mkdtemp");
        return 1;
    }
    RUN(commit_replaces_the_file_whole);
    RUN(discard_leaves_the_file_as_it_was);
    RUN(a_new_file_has_the_umask_mode_and_an_old_one_keeps_its);
    RUN(a_missing_directory_is_refused_with_its_reason);
    RUN(a_directory_or_a_device_is_never_replaced);
    RUN(a_failed_write_is_never_committed);
    RUN(a_name_without_a_directory_is_written_in_the_current_one);
    RUN(clean_removes_only_left_temporaries);
    rmdir(dir);
    return CHECK_DONE();
}
