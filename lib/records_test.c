/* records_test.c - unit tests of the delimited row parser */
#include "records.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "check.h"
#include "diag.h"

/* Rows as text, "LINE:field|field\n", with \n, \r and NUL made visible. */
struct rows {
    char *text;
    size_t len, cap;
    size_t count;
    size_t stop_after; /* 0: never stop */
};

static void put(struct rows *r, const char *s, size_t n)
{
    if (r->len + n + 1 > r->cap) {
        r->cap = (r->len + n + 1) * 2;
        r->text = realloc(r->text, r->cap);
    }
    memcpy(r->text + r->len, s, n);
    r->len += n;
    r->text[r->len] = '\0';
}

static int on_row(void *ctx, const struct upt_row *row)
{
    struct rows *r = ctx;
    char num[32];
    int n = snprintf(num, sizeof(num), "%lu:", row->line);
    put(r, num, (size_t)n);
    for (size_t i = 0; i < row->count; i++) {
        if (i)
            put(r, "|", 1);
        for (size_t j = 0; j < row->len[i]; j++) {
            char c = row->field[i][j];
            put(r,
                c == '\n'   ? "\\n"
                : c == '\r' ? "\\r"
                : c == '\0' ? "\\0"
                            : &c,
                c == '\n' || c == '\r' || c == '\0' ? 2 : 1);
        }
        if (row->field[i][row->len[i]] != '\0')
            put(r, "<no NUL>", 8);
    }
    put(r, "\n", 1);
    r->count++;
    return r->stop_after && r->count >= r->stop_after;
}

struct sink {
    char text[4096]; /* "LINE: kind: message\n" */
    size_t len;
    int n;
};

static void collect(void *ctx, const struct upt_where *at, const char *kind,
                    const char *msg)
{
    struct sink *s = ctx;
    int n = snprintf(s->text + s->len, sizeof(s->text) - s->len,
                     "%s:%lu: %s: %s\n", at->file, at->line, kind, msg);
    if (n > 0 && s->len + (size_t)n < sizeof(s->text))
        s->len += (size_t)n;
    s->n++;
}

/* Parses IN (LEN bytes) fed in pieces of CHUNK bytes (0: one piece). */
static enum upt_status parse_in(const char *in, size_t len, size_t chunk,
                                char delim, struct rows *rows, struct sink *s)
{
    struct upt_diag diag = {.emit = collect, .ctx = s};
    struct upt_records *r =
        upt_records_new("t.csv", delim, &diag, on_row, rows);
    enum upt_status st = UPT_OK;
    if (!r)
        return UPT_ENOMEM;
    if (chunk == 0)
        chunk = len ? len : 1;
    for (size_t i = 0; i < len && st == UPT_OK; i += chunk)
        st = upt_records_feed(r, in + i, len - i < chunk ? len - i : chunk);
    if (st == UPT_OK)
        st = upt_records_finish(r);
    upt_records_free(r);
    return st;
}

/* The rows of S (a string literal) in one feed, as text. */
#define PARSE(s, rows, sink)                                                   \
    parse_in((s), sizeof(s) - 1, 0, ',', (rows), (sink))

static void quoted_comma_stays_in_one_field(void)
{
    struct rows r = {0};
    struct sink s = {0};
    CHECK(PARSE("a,\"b,c\",d\n", &r, &s) == UPT_OK);
    CHECK_STREQ(r.text, "1:a|b,c|d\n");
    CHECK(s.n == 0);
    free(r.text);
}

static void doubled_quotes_become_one(void)
{
    struct rows r = {0};
    struct sink s = {0};
    CHECK(PARSE("\"say \"\"hi\"\"\",\"\"\"\"\n", &r, &s) == UPT_OK);
    CHECK_STREQ(r.text, "1:say \"hi\"|\"\n");
    free(r.text);
}

static void empty_fields_are_kept(void)
{
    struct rows r = {0};
    struct sink s = {0};
    CHECK(PARSE(",,\na,\n\"\",b\n", &r, &s) == UPT_OK);
    CHECK_STREQ(r.text, "1:||\n2:a|\n3:|b\n");
    free(r.text);
}

static void embedded_newline_keeps_the_row_on_its_first_line(void)
{
    struct rows r = {0};
    struct sink s = {0};
    CHECK(PARSE("h,v\na,\"one\ntwo\nthree\"\nb,c\n", &r, &s) == UPT_OK);
    CHECK_STREQ(r.text, "1:h|v\n2:a|one\\ntwo\\nthree\n5:b|c\n");
    CHECK(s.n == 0);
    free(r.text);
}

static void crlf_line_ends_leave_no_carriage_return(void)
{
    struct rows r = {0};
    struct sink s = {0};
    CHECK(PARSE("a,b\r\nc,\"x\r\ny\"\r\nd,e\r\n", &r, &s) == UPT_OK);
    CHECK_STREQ(r.text, "1:a|b\n2:c|x\\r\\ny\n4:d|e\n");
    free(r.text);
}

static void last_row_without_line_end_is_delivered_at_finish(void)
{
    struct rows r = {0};
    struct sink s = {0};
    CHECK(PARSE("a,b\nc,d", &r, &s) == UPT_OK);
    CHECK_STREQ(r.text, "1:a|b\n2:c|d\n");
    free(r.text);
}

static void utf8_bom_at_the_start_is_skipped(void)
{
    struct rows r = {0};
    struct sink s = {0};
    CHECK(PARSE("\xEF\xBB\xBFid,name\n1,\xEF\xBB\xBFx\n", &r, &s) == UPT_OK);
    CHECK_STREQ(r.text, "1:id|name\n2:1|\xEF\xBB\xBFx\n");
    free(r.text);
}

static void blank_lines_give_no_rows_but_count_as_lines(void)
{
    struct rows r = {0};
    struct sink s = {0};
    CHECK(PARSE("\na,b\n\n\r\n\nc,d\n\n", &r, &s) == UPT_OK);
    CHECK_STREQ(r.text, "2:a|b\n6:c|d\n");
    CHECK(s.n == 0);
    free(r.text);
}

static void unquoted_fields_lose_surrounding_spaces_only(void)
{
    struct rows r = {0};
    struct sink s = {0};
    CHECK(PARSE(" a , b c ,\" d \"\n", &r, &s) == UPT_OK);
    CHECK_STREQ(r.text, "1:a|b c| d \n");
    free(r.text);
}

static void bad_quoting_skips_the_row_and_parsing_goes_on(void)
{
    struct rows r = {0};
    struct sink s = {0};
    CHECK(PARSE("h1,h2\nok,1\na,\"b\"x\nnext,2\n", &r, &s) == UPT_OK);
    CHECK_STREQ(r.text, "1:h1|h2\n2:ok|1\n4:next|2\n");
    CHECK_STREQ(s.text,
                "t.csv:3: bad-quotes: malformed quoting; row skipped\n");
    free(r.text);
}

static void quote_inside_an_unquoted_field_is_bad_quoting(void)
{
    struct rows r = {0};
    struct sink s = {0};
    CHECK(PARSE("a,b\"c,d\nx,y\n", &r, &s) == UPT_OK);
    CHECK_STREQ(r.text, "2:x|y\n");
    CHECK_STREQ(s.text,
                "t.csv:1: bad-quotes: malformed quoting; row skipped\n");
    free(r.text);
}

static void bad_quoting_after_an_embedded_newline_names_the_row_start(void)
{
    struct rows r = {0};
    struct sink s = {0};
    CHECK(PARSE("a,b\nc,\"d\ne\"x\nf,g\n", &r, &s) == UPT_OK);
    CHECK_STREQ(r.text, "1:a|b\n4:f|g\n");
    CHECK_STREQ(s.text,
                "t.csv:2: bad-quotes: malformed quoting; row skipped\n");
    free(r.text);
}

static void unterminated_quote_at_the_end_is_reported(void)
{
    struct rows r = {0};
    struct sink s = {0};
    CHECK(PARSE("a,b\nc,\"d\ne,f\n", &r, &s) == UPT_OK);
    CHECK_STREQ(r.text, "1:a|b\n");
    CHECK_STREQ(s.text, "t.csv:2: open-quote: quoted field not closed at end "
                        "of input; row skipped\n");
    free(r.text);
}

/* Quoting, embedded and blank lines, CRLF and LF, empty fields and a last
 * line without an end: every split into two feeds must give the same rows. */
static const char split_input[] = "id,name,note\n"
                                  "1,\"Smith, Jo\",\"said \"\"hi\"\"\"\r\n"
                                  "\r\n"
                                  "2,\"multi\nline\",\r\n"
                                  "\n"
                                  "3,,\"\"\n"
                                  "4, spaced ,\"x\r\ny\"\r\n"
                                  "5,last,end";

static const char split_rows[] = "1:id|name|note\n"
                                 "2:1|Smith, Jo|said \"hi\"\n"
                                 "4:2|multi\\nline|\n"
                                 "7:3||\n"
                                 "8:4|spaced|x\\r\\ny\n"
                                 "10:5|last|end\n";

/* Whether IN split into two feeds at every byte gives the rows WANT. */
static int same_rows_at_every_split(const char *in, size_t len,
                                    const char *want)
{
    int ok = 1;
    for (size_t cut = 1; cut < len; cut++) {
        struct rows r = {0};
        struct sink s = {0};
        struct upt_diag diag = {.emit = collect, .ctx = &s};
        struct upt_records *rec =
            upt_records_new("t.csv", ',', &diag, on_row, &r);
        upt_records_feed(rec, in, cut);
        upt_records_feed(rec, in + cut, len - cut);
        upt_records_finish(rec);
        upt_records_free(rec);
        if (!r.text || strcmp(r.text, want) != 0 || s.n != 0) {
            fprintf(stderr, "split at %zu gives:\n%s%s", cut,
                    r.text ? r.text : "(nothing)\n", s.text);
            ok = 0;
        }
        free(r.text);
    }
    return ok;
}

static void a_row_split_at_every_byte_boundary_gives_the_same_rows(void)
{
    const size_t len = sizeof(split_input) - 1;
    struct rows whole = {0};
    struct sink s = {0};
    CHECK(parse_in(split_input, len, 0, ',', &whole, &s) == UPT_OK);
    CHECK_STREQ(whole.text, split_rows);
    CHECK(s.n == 0);
    CHECK(same_rows_at_every_split(split_input, len, split_rows));
    free(whole.text);
}

static void cr_only_line_ends_are_counted_as_lines(void)
{
    struct rows r = {0};
    struct sink s = {0};
    CHECK(PARSE("a,b\rc,\"d\re\"\r\rf,g\r", &r, &s) == UPT_OK);
    CHECK_STREQ(r.text, "1:a|b\n2:c|d\\re\n5:f|g\n");
    CHECK(s.n == 0);
    free(r.text);
}

static void feeding_one_byte_at_a_time_gives_the_same_rows(void)
{
    const size_t len = sizeof(split_input) - 1;
    struct rows whole = {0}, bytes = {0};
    struct sink s = {0};
    parse_in(split_input, len, 0, ',', &whole, &s);
    CHECK(parse_in(split_input, len, 1, ',', &bytes, &s) == UPT_OK);
    CHECK_STREQ(bytes.text, whole.text);
    CHECK(s.n == 0);
    free(whole.text);
    free(bytes.text);
}

static void field_of_exactly_the_cap_is_kept(void)
{
    const size_t len = UPT_FIELD_MAX + 16;
    char *in = malloc(len);
    memcpy(in, "x,", 2);
    memset(in + 2, 'a', UPT_FIELD_MAX);
    memcpy(in + 2 + UPT_FIELD_MAX, ",y\nz,w\n", 7);
    struct rows r = {0};
    struct sink s = {0};
    CHECK(parse_in(in, 2 + UPT_FIELD_MAX + 7, 0, ',', &r, &s) == UPT_OK);
    CHECK(s.n == 0);
    CHECK(r.count == 2);
    CHECK(r.len == 2 + 2 + UPT_FIELD_MAX + 3 + 6);
    CHECK(r.text && strcmp(r.text + r.len - 6, "2:z|w\n") == 0);
    free(r.text);
    free(in);
}

static void field_longer_than_the_cap_is_reported_and_parsing_goes_on(void)
{
    const size_t big = UPT_FIELD_MAX + 4096;
    char *in = malloc(big + 64);
    size_t n = 0;
    memcpy(in, "h1,h2\nx,", 8);
    n = 8;
    memset(in + n, 'a', big);
    n += big;
    memcpy(in + n, ",y\nnext,row\n", 12);
    n += 12;
    struct rows r = {0};
    struct sink s = {0};
    CHECK(parse_in(in, n, 0, ',', &r, &s) == UPT_OK);
    CHECK_STREQ(r.text, "1:h1|h2\n3:next|row\n");
    CHECK_STREQ(s.text,
                "t.csv:2: long-field: field longer than 1 MiB; row skipped\n");
    free(r.text);
    free(in);
}

static void more_than_the_most_fields_is_reported(void)
{
    size_t n = 0;
    char *in = malloc(2 * (UPT_FIELDS_MAX + 1) + 16);
    for (int i = 0; i < UPT_FIELDS_MAX + 1; i++) {
        in[n++] = 'f';
        in[n++] = i == UPT_FIELDS_MAX ? '\n' : ',';
    }
    memcpy(in + n, "a,b\n", 4);
    n += 4;
    struct rows r = {0};
    struct sink s = {0};
    CHECK(parse_in(in, n, 0, ',', &r, &s) == UPT_OK);
    CHECK_STREQ(r.text, "2:a|b\n");
    CHECK_STREQ(s.text, "t.csv:1: too-many-fields: more than 4096 fields; row "
                        "skipped\n");
    free(r.text);
    free(in);
}

static void the_most_fields_are_accepted(void)
{
    size_t n = 0;
    char *in = malloc(2 * UPT_FIELDS_MAX + 16);
    for (int i = 0; i < UPT_FIELDS_MAX; i++) {
        in[n++] = 'f';
        in[n++] = i == UPT_FIELDS_MAX - 1 ? '\n' : ',';
    }
    struct rows r = {0};
    struct sink s = {0};
    CHECK(parse_in(in, n, 0, ',', &r, &s) == UPT_OK);
    CHECK(r.count == 1 && s.n == 0);
    CHECK(r.len == 2 + 2 * UPT_FIELDS_MAX);
    free(r.text);
    free(in);
}

static void tab_delimiter_takes_commas_and_quotes_as_they_are(void)
{
    struct rows r = {0};
    struct sink s = {0};
    /* TSV (mysql -B) has no quoting: a quote is an ordinary character */
    static const char in[] = "a\tb,c\t\"d\te\"\n\tx\t\n";
    CHECK(parse_in(in, sizeof(in) - 1, 0, '\t', &r, &s) == UPT_OK);
    CHECK_STREQ(r.text, "1:a|b,c|\"d|e\"\n2:|x|\n");
    CHECK(s.n == 0);
    free(r.text);
}

static void nul_bytes_in_a_field_are_kept_by_length(void)
{
    struct rows r = {0};
    struct sink s = {0};
    static const char in[] = "a\0b,c\n";
    CHECK(parse_in(in, sizeof(in) - 1, 0, ',', &r, &s) == UPT_OK);
    CHECK_STREQ(r.text, "1:a\\0b|c\n");
    free(r.text);
}

static void callback_can_stop_the_parse(void)
{
    struct rows r = {.stop_after = 2};
    struct sink s = {0};
    struct upt_diag diag = {.emit = collect, .ctx = &s};
    struct upt_records *rec = upt_records_new("t.csv", ',', &diag, on_row, &r);
    CHECK(upt_records_feed(rec, "a\nb\nc\nd\n", 8) == UPT_EBADINPUT);
    CHECK(upt_records_feed(rec, "e\n", 2) == UPT_EBADINPUT);
    CHECK(upt_records_finish(rec) == UPT_EBADINPUT);
    CHECK_STREQ(r.text, "1:a\n2:b\n");
    CHECK(s.n == 0);
    upt_records_free(rec);
    upt_records_free(NULL);
    free(r.text);
}

static void malformed_row_split_across_feeds_gives_no_row_from_its_tail(void)
{
    struct rows r = {0};
    struct sink s = {0};
    static const char in[] = "h1,h2\nok,1\na,\"q\"x,tail,more\nnext,2\n";
    CHECK(parse_in(in, sizeof(in) - 1, 20, ',', &r, &s) == UPT_OK);
    CHECK_STREQ(r.text, "1:h1|h2\n2:ok|1\n4:next|2\n");
    CHECK_STREQ(s.text,
                "t.csv:3: bad-quotes: malformed quoting; row skipped\n");
    free(r.text);
}

static void long_field_fed_in_pieces_is_skipped_whole(void)
{
    const size_t big = 2 * UPT_FIELD_MAX;
    char *in = malloc(big + 64);
    size_t n = 8;
    memcpy(in, "h1,h2\nx,", 8);
    memset(in + n, 'a', big);
    n += big;
    memcpy(in + n, ",y\nnext,row\n", 12);
    n += 12;
    struct rows r = {0};
    struct sink s = {0};
    CHECK(parse_in(in, n, 256 * 1024, ',', &r, &s) == UPT_OK);
    CHECK_STREQ(r.text, "1:h1|h2\n3:next|row\n");
    CHECK_STREQ(s.text,
                "t.csv:2: long-field: field longer than 1 MiB; row skipped\n");
    free(r.text);
    free(in);
}

static void bom_split_across_feeds_is_still_skipped(void)
{
    static const char in[] = "\xEF\xBB\xBFid,name\n";
    for (size_t chunk = 1; chunk <= 2; chunk++) {
        struct rows r = {0};
        struct sink s = {0};
        CHECK(parse_in(in, sizeof(in) - 1, chunk, ',', &r, &s) == UPT_OK);
        CHECK_STREQ(r.text, "1:id|name\n");
        free(r.text);
    }
}

static void crlf_file_split_after_its_first_cr_keeps_line_numbers(void)
{
    static const char in[] = "id,name\r\n"
                             "1,\"multi\nline\"\r\n"
                             "2,b\r\n";
    CHECK(same_rows_at_every_split(in, sizeof(in) - 1,
                                   "1:id|name\n2:1|multi\\nline\n4:2|b\n"));
}

static void long_quoted_field_with_newlines_is_skipped_whole(void)
{
    /* a quoted field past the cap that spans 8 lines: one message, and
     * none of its lines read as rows */
    const size_t line = 300000;
    char *in = malloc(8 * (line + 1) + 128);
    size_t n = 0;
    n += (size_t)snprintf(in + n, 16, "h1,h2\nx,\"");
    for (int k = 0; k < 7; k++) {
        memset(in + n, 'a', line);
        n += line;
        in[n++] = '\n';
    }
    n += (size_t)snprintf(in + n, 64,
                          "b\"\"c\",y\nnext,row\n\"two\nlines\",z\n");
    struct rows r = {0};
    struct sink s = {0};
    CHECK(parse_in(in, n, 256 * 1024, ',', &r, &s) == UPT_OK);
    CHECK_STREQ(r.text, "1:h1|h2\n10:next|row\n11:two\\nlines|z\n");
    CHECK_STREQ(s.text,
                "t.csv:2: long-field: field longer than 1 MiB; row skipped\n");
    free(r.text);
    free(in);
}

int main(void)
{
    RUN(long_quoted_field_with_newlines_is_skipped_whole);
    RUN(quoted_comma_stays_in_one_field);
    RUN(doubled_quotes_become_one);
    RUN(empty_fields_are_kept);
    RUN(embedded_newline_keeps_the_row_on_its_first_line);
    RUN(crlf_line_ends_leave_no_carriage_return);
    RUN(last_row_without_line_end_is_delivered_at_finish);
    RUN(utf8_bom_at_the_start_is_skipped);
    RUN(blank_lines_give_no_rows_but_count_as_lines);
    RUN(unquoted_fields_lose_surrounding_spaces_only);
    RUN(bad_quoting_skips_the_row_and_parsing_goes_on);
    RUN(quote_inside_an_unquoted_field_is_bad_quoting);
    RUN(bad_quoting_after_an_embedded_newline_names_the_row_start);
    RUN(unterminated_quote_at_the_end_is_reported);
    RUN(a_row_split_at_every_byte_boundary_gives_the_same_rows);
    RUN(feeding_one_byte_at_a_time_gives_the_same_rows);
    RUN(cr_only_line_ends_are_counted_as_lines);
    RUN(field_of_exactly_the_cap_is_kept);
    RUN(field_longer_than_the_cap_is_reported_and_parsing_goes_on);
    RUN(more_than_the_most_fields_is_reported);
    RUN(the_most_fields_are_accepted);
    RUN(tab_delimiter_takes_commas_and_quotes_as_they_are);
    RUN(nul_bytes_in_a_field_are_kept_by_length);
    RUN(callback_can_stop_the_parse);
    RUN(malformed_row_split_across_feeds_gives_no_row_from_its_tail);
    RUN(long_field_fed_in_pieces_is_skipped_whole);
    RUN(bom_split_across_feeds_is_still_skipped);
    RUN(crlf_file_split_after_its_first_cr_keeps_line_numbers);
    return CHECK_DONE();
}
