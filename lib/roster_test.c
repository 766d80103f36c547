/* roster_test.c - unit tests of reading the CRM's user list */
#include "roster.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <zlib.h>

#include "check.h"

struct sink {
    char text[4096]; /* "LINE: kind: message\n", the file name left out */
    size_t len;
    int n;
};

static void collect(void *ctx, const struct upt_where *at, const char *kind,
                    const char *msg)
{
    struct sink *s = ctx;
    int n = snprintf(s->text + s->len, sizeof(s->text) - s->len,
                     "%lu: %s: %s\n", at->line, kind, msg);
    if (n > 0 && s->len + (size_t)n < sizeof(s->text))
        s->len += (size_t)n;
    s->n++;
}

static char dir[64];
static char path[128];

static const char *write_file(const char *text)
{
    snprintf(path, sizeof(path), "%s/roster.csv", dir);
    FILE *f = fopen(path, "wb");
    fputs(text, f);
    fclose(f);
    return path;
}

/* Loads TEXT as a roster; messages go to S. */
static struct upt_roster *load(const char *text, struct sink *s)
{
    struct upt_diag diag = {.emit = collect, .ctx = s};
    struct upt_roster *r = upt_roster_load(write_file(text), &diag);
    CHECK(diag.problems == (unsigned long)s->n);
    unlink(path);
    return r;
}

static const struct upt_roster_user *find(const struct upt_roster *r,
                                          const char *id)
{
    return upt_roster_find(r, id, strlen(id));
}

static void our_own_header_names_every_field(void)
{
    struct sink s = {0};
    struct upt_roster *r = load("id,name,role,team,active,created\n"
                                "005000000000001,Jo Smith,Sales Rep,East,true,"
                                "2024-01-15\n",
                                &s);
    CHECK(r != NULL && s.n == 0);
    const struct upt_roster_user *u = find(r, "005000000000001");
    CHECK(u != NULL);
    if (u) {
        CHECK_STREQ(u->id, "005000000000001");
        CHECK_STREQ(u->name, "Jo Smith");
        CHECK_STREQ(u->role, "Sales Rep");
        CHECK_STREQ(u->team, "East");
        CHECK(u->active);
        CHECK(u->created_day == 19737);
    }
    upt_roster_free(r);
}

static void salesforce_export_header_aliases_in_any_case(void)
{
    struct sink s = {0};
    struct upt_roster *r =
        load("ID,USERNAME,PROFILE.NAME,Department,ISACTIVE,CreatedDate\n"
             "005000000000001,jo@x.com,Standard User,West,FALSE,"
             "2024-01-15T10:20:30.000+0000\n",
             &s);
    CHECK(r != NULL && s.n == 0);
    const struct upt_roster_user *u = r ? find(r, "005000000000001") : NULL;
    CHECK(u != NULL);
    if (u) {
        CHECK_STREQ(u->name, "jo@x.com");
        CHECK_STREQ(u->role, "Standard User");
        CHECK_STREQ(u->team, "West");
        CHECK(!u->active);
        CHECK(u->created_day == 19737);
    }
    upt_roster_free(r);
}

static void other_header_spellings_are_aliases_too(void)
{
    struct sink s = {0};
    struct upt_roster *r =
        load("User Id,Full Name,Profile,Division,Is_Active,Created_Date\n"
             "u1,Jo,Admin,North,1,2024-03-04\n",
             &s);
    CHECK(r != NULL && s.n == 0);
    const struct upt_roster_user *u = r ? find(r, "u1") : NULL;
    CHECK(u && strcmp(u->name, "Jo") == 0 && strcmp(u->role, "Admin") == 0 &&
          strcmp(u->team, "North") == 0 && u->active &&
          u->created_day == 19786);
    upt_roster_free(r);
}

static void absent_columns_read_as_empty_and_active(void)
{
    struct sink s = {0};
    struct upt_roster *r = load("Id,Email\nu1,a@b.c\nu2,d@e.f\n", &s);
    CHECK(r != NULL && s.n == 0);
    CHECK(r && upt_roster_count(r) == 2);
    const struct upt_roster_user *u = r ? upt_roster_get(r, 1) : NULL;
    CHECK(u != NULL);
    if (u) {
        CHECK_STREQ(u->id, "u2");
        CHECK_STREQ(u->name, "");
        CHECK_STREQ(u->role, "");
        CHECK_STREQ(u->team, "");
        CHECK(u->active);
        CHECK(u->created_day == UPT_ROSTER_NO_DATE);
    }
    CHECK(r && upt_roster_get(r, 2) == NULL);
    upt_roster_free(r);
}

static void every_active_spelling_is_understood(void)
{
    struct sink s = {0};
    struct upt_roster *r = load("id,active\n"
                                "a,1\nb,TRUE\nc,Yes\nd,y\ne,Active\nf,t\n"
                                "g,0\nh,False\ni,NO\nj,n\nk,inactive\nl,F\n"
                                "m,\n",
                                &s);
    CHECK(r != NULL && s.n == 0);
    const char *yes = "abcdefm", *no = "ghijkl";
    for (const char *c = yes; r && *c; c++) {
        const struct upt_roster_user *u = upt_roster_find(r, c, 1);
        CHECK(u && u->active);
    }
    for (const char *c = no; r && *c; c++) {
        const struct upt_roster_user *u = upt_roster_find(r, c, 1);
        CHECK(u && !u->active);
    }
    upt_roster_free(r);
}

static void bad_active_flag_is_reported_and_its_row_skipped(void)
{
    struct sink s = {0};
    struct upt_roster *r = load("id,active\nu1,yes\nu2,maybe\nu3,no\n", &s);
    CHECK(r != NULL);
    CHECK_STREQ(s.text,
                "3: roster-active: bad active flag 'maybe'; row skipped\n");
    CHECK(r && upt_roster_count(r) == 2);
    CHECK(r && find(r, "u2") == NULL && find(r, "u3") != NULL);
    upt_roster_free(r);
}

static void bad_created_date_is_reported_and_its_row_skipped(void)
{
    struct sink s = {0};
    struct upt_roster *r =
        load("id,created\nu1,2024-02-29\nu2,2023-02-29\nu3,\n", &s);
    CHECK(r != NULL);
    CHECK_STREQ(
        s.text,
        "3: roster-created: bad created date '2023-02-29'; row skipped\n");
    CHECK(r && find(r, "u1") && find(r, "u1")->created_day == 19782);
    CHECK(r && find(r, "u2") == NULL);
    CHECK(r && find(r, "u3") &&
          find(r, "u3")->created_day == UPT_ROSTER_NO_DATE);
    upt_roster_free(r);
}

static void duplicate_id_is_reported_and_the_first_row_kept(void)
{
    struct sink s = {0};
    struct upt_roster *r = load("id,name\n"
                                "005Dn000001AbCdEAA,First\n"
                                "u2,Two\n"
                                "005Dn000001AbCd,Second\n",
                                &s);
    CHECK(r != NULL);
    CHECK_STREQ(s.text, "4: roster-duplicate: duplicate user id "
                        "'005Dn000001AbCd'; row skipped\n");
    CHECK(r && upt_roster_count(r) == 2);
    CHECK(r && find(r, "005Dn000001AbCd") &&
          strcmp(find(r, "005Dn000001AbCd")->name, "First") == 0);
    upt_roster_free(r);
}

static void ragged_and_empty_id_rows_are_reported(void)
{
    struct sink s = {0};
    struct upt_roster *r = load("id,name\nu1,One\nu2\n,Nobody\nu3,Three,x\n"
                                "u4,Four\n",
                                &s);
    CHECK(r != NULL);
    CHECK_STREQ(s.text, "3: ragged-row: 1 fields, header has 2; row skipped\n"
                        "4: roster-id: empty user id; row skipped\n"
                        "5: ragged-row: 3 fields, header has 2; row skipped\n");
    CHECK(r && upt_roster_count(r) == 2);
    upt_roster_free(r);
}

static void missing_id_column_gives_no_roster(void)
{
    struct sink s = {0};
    struct upt_roster *r = load("\nname,role\nJo,Admin\n", &s);
    CHECK(r == NULL);
    CHECK_STREQ(s.text,
                "2: roster-header: roster has no id column; roster not used\n");
}

static void empty_roster_gives_no_roster(void)
{
    struct sink s = {0};
    struct upt_roster *r = load("", &s);
    CHECK(r == NULL);
    CHECK_STREQ(s.text, "0: roster-empty: empty roster; roster not used\n");
}

static void missing_file_gives_no_roster(void)
{
    struct sink s = {0};
    struct upt_diag diag = {.emit = collect, .ctx = &s};
    char missing[160];
    snprintf(missing, sizeof(missing), "%s/absent.csv", dir);
    CHECK(upt_roster_load(missing, &diag) == NULL);
    CHECK_STREQ(s.text, "0: open: cannot open: No such file or directory\n");
}

static void eighteen_char_id_is_found_by_its_fifteen_char_key(void)
{
    struct sink s = {0};
    struct upt_roster *r =
        load("id,name\n005Dn000001AbCdEAA,Long\n005Dn00002XyZwV,Short\n", &s);
    CHECK(r != NULL && s.n == 0);
    const struct upt_roster_user *a = r ? find(r, "005Dn000001AbCd") : NULL;
    CHECK(a && strcmp(a->name, "Long") == 0);
    CHECK(a && strcmp(a->id, "005Dn000001AbCdEAA") == 0);
    CHECK(r && find(r, "005Dn000001AbCdEAA") == a);
    const struct upt_roster_user *b = r ? find(r, "005Dn00002XyZwVQQA") : NULL;
    CHECK(b && strcmp(b->name, "Short") == 0);
    CHECK(r && find(r, "005Dn000001AbCdE") == NULL); /* 16 chars: no key */
    CHECK(r && find(r, "005dn000001abcd") == NULL);  /* case matters */
    upt_roster_free(r);
}

static void tab_separated_roster_is_read(void)
{
    struct sink s = {0};
    struct upt_roster *r =
        load("Id\tName\tProfile.Name\n005000000000001\tSmith, Jo\tRep\n", &s);
    CHECK(r != NULL && s.n == 0);
    const struct upt_roster_user *u = r ? find(r, "005000000000001") : NULL;
    CHECK(u && strcmp(u->name, "Smith, Jo") == 0 &&
          strcmp(u->role, "Rep") == 0);
    upt_roster_free(r);
}

static void gzip_roster_is_read(void)
{
    struct sink s = {0};
    struct upt_diag diag = {.emit = collect, .ctx = &s};
    static const char text[] = "id,name\nu1,Gz\n";
    snprintf(path, sizeof(path), "%s/roster.csv.gz", dir);
    gzFile gz = gzopen(path, "wb");
    gzwrite(gz, text, sizeof(text) - 1);
    gzclose(gz);
    struct upt_roster *r = upt_roster_load(path, &diag);
    CHECK(r != NULL && s.n == 0);
    CHECK(r && find(r, "u1") && strcmp(find(r, "u1")->name, "Gz") == 0);
    upt_roster_free(r);
    upt_roster_free(NULL);
    unlink(path);
}

static void email_and_username_resolve_to_the_user(void)
{
    struct sink s = {0};
    struct upt_roster *r =
        load("Id,Name,Email,Username\n"
             "005000000000001AAA,Jo Ng,Jo.Ng@Acme.example,jng@acme.sf\n"
             "005000000000002AAA,Al Bo,al@acme.example,\n"
             "005000000000003AAA,Cy Do,JO.NG@acme.example,cy@acme.sf\n",
             &s);
    CHECK(r != NULL);
    CHECK_STREQ(s.text,
                "4: roster-alias: 'JO.NG@acme.example' names two users; kept "
                "for the first\n");
    const char *id = "005000000000001AAA";
    const struct upt_roster_user *u;
    u = r ? upt_roster_resolve(r, "jo.ng@acme.example", 18) : NULL;
    CHECK(u && strcmp(u->id, id) == 0);
    u = r ? upt_roster_resolve(r, "JNG@ACME.SF", 11) : NULL;
    CHECK(u && strcmp(u->id, id) == 0);
    u = r ? upt_roster_resolve(r, "005000000000001", 15) : NULL;
    CHECK(u && strcmp(u->id, id) == 0);
    u = r ? upt_roster_resolve(r, "cy@acme.sf", 10) : NULL;
    CHECK(u && strcmp(u->name, "Cy Do") == 0);
    CHECK(r && upt_roster_resolve(r, "nobody@acme.example", 19) == NULL);
    /* the name falls back to the username only when there is no name */
    u = r ? find(r, "005000000000002AAA") : NULL;
    CHECK(u && strcmp(u->name, "Al Bo") == 0);
    upt_roster_free(r);
}

static void service_user_types_are_marked(void)
{
    struct sink s = {0};
    struct upt_roster *r = load("Id,UserType\n"
                                "u1,Standard\n"
                                "u2,AutomatedProcess\n"
                                "u3,Guest\n"
                                "u4,Salesforce Integration\n"
                                "u5,Application User\n"
                                "u6,\n",
                                &s);
    CHECK(r != NULL && s.n == 0);
    CHECK(r && !find(r, "u1")->service && find(r, "u2")->service &&
          find(r, "u3")->service && find(r, "u4")->service &&
          find(r, "u5")->service && !find(r, "u6")->service);
    upt_roster_free(r);
}

int main(void)
{
    RUN(service_user_types_are_marked);
    RUN(email_and_username_resolve_to_the_user);
    snprintf(dir, sizeof(dir), "/tmp/uptake-roster-XXXXXX");
    if (!mkdtemp(dir)) {
        perror("mkdtemp");
        return 1;
    }
    RUN(our_own_header_names_every_field);
    RUN(salesforce_export_header_aliases_in_any_case);
    RUN(other_header_spellings_are_aliases_too);
    RUN(absent_columns_read_as_empty_and_active);
    RUN(every_active_spelling_is_understood);
    RUN(bad_active_flag_is_reported_and_its_row_skipped);
    RUN(bad_created_date_is_reported_and_its_row_skipped);
    RUN(duplicate_id_is_reported_and_the_first_row_kept);
    RUN(ragged_and_empty_id_rows_are_reported);
    RUN(missing_id_column_gives_no_roster);
    RUN(empty_roster_gives_no_roster);
    RUN(missing_file_gives_no_roster);
    RUN(eighteen_char_id_is_found_by_its_fifteen_char_key);
    RUN(tab_separated_roster_is_read);
    RUN(gzip_roster_is_read);
    rmdir(dir);
    return CHECK_DONE();
}
