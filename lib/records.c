/* records.c - delimited rows through libcsv, with line numbers */
#include "records.h"

#include <csv.h>
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>

#include "diag.h"

#include "banned.h"

struct upt_records {
    const char *name;
    struct upt_diag *diag;
    upt_row_fn fn;
    void *ctx;
    char delim;
    struct csv_parser csv;
    unsigned long line;     /* physical line being fed */
    unsigned long row_line; /* line the current row started on */
    bool at_row_start;
    unsigned bom_seen; /* bytes of a UTF-8 BOM matched; 3: past it */
    char eol;          /* '\n', or '\r' in a CR-only file; 0: not known yet */
    bool pending_cr;   /* a buffer ended on the first CR: wait and see */
    bool skipping;     /* the rest of this line belongs to a failed row */
    bool skip_quote;   /* ...and of a quoted field, newlines and all */
    bool quote_seen;   /* a quote ended the last bytes scanned: "" or end */
    bool bad_row;      /* the current row already failed: drop its fields */
    bool stopped;      /* the callback asked to stop */
    bool line_open;    /* the last byte fed was not a line end */
    char *text;        /* the current row's fields, NUL-separated */
    size_t text_len, text_cap;
    size_t *off;
    size_t *lens;
    const char **ptrs;
    size_t nfields, fields_cap;
};

/* libcsv grows its field buffer with this; refusing past the cap makes
 * csv_parse stop with CSV_ENOMEM, which we report as an over-long field.
 * The slack covers libcsv's block-sized growth. */
static void *capped_realloc(void *p, size_t n)
{
    if (n > UPT_FIELD_MAX + 256)
        return NULL;
    return realloc(p, n);
}

static void init_csv(struct upt_records *r)
{
    csv_init(&r->csv, CSV_STRICT | CSV_STRICT_FINI);
    csv_set_delim(&r->csv, (unsigned char)r->delim);
    /* TSV as mysql -B and spreadsheets write it has no quoting: a quote is
     * just a character (NUL, the stand-in, never occurs in text) */
    if (r->delim == '\t')
        csv_set_quote(&r->csv, '\0');
    csv_set_realloc_func(&r->csv, capped_realloc);
    /* libcsv's own test (space or tab) is inlined; a callback would cost
     * a call per byte. TSV keeps tabs: there they are the delimiter. */
}

struct upt_records *upt_records_new(const char *name, char delim,
                                    struct upt_diag *diag, upt_row_fn fn,
                                    void *ctx)
{
    struct upt_records *r = calloc(1, sizeof(*r));
    if (!r)
        return NULL;
    r->name = name;
    r->diag = diag;
    r->fn = fn;
    r->ctx = ctx;
    r->delim = delim;
    r->line = 1;
    r->at_row_start = true;
    init_csv(r);
    return r;
}

void upt_records_free(struct upt_records *r)
{
    if (!r)
        return;
    csv_free(&r->csv);
    free(r->text);
    free(r->off);
    free(r->lens);
    free(r->ptrs);
    free(r);
}

static void report(struct upt_records *r, const char *kind, const char *msg)
{
    struct upt_where at = {.file = r->name, .line = r->row_line};
    upt_diag_report(r->diag, &at, kind, "%s", msg);
}

static void drop_row(struct upt_records *r)
{
    r->nfields = 0;
    r->text_len = 0;
}

static int grow_fields(struct upt_records *r)
{
    size_t cap = r->fields_cap ? r->fields_cap * 2 : 64;
    size_t *off = realloc(r->off, cap * sizeof(*off));
    if (!off)
        return -1;
    r->off = off;
    size_t *lens = realloc(r->lens, cap * sizeof(*lens));
    if (!lens)
        return -1;
    r->lens = lens;
    const char **ptrs = realloc(r->ptrs, cap * sizeof(*ptrs));
    if (!ptrs)
        return -1;
    r->ptrs = ptrs;
    r->fields_cap = cap;
    return 0;
}

static void on_field(void *s, size_t len, void *data)
{
    struct upt_records *r = data;
    if (r->bad_row)
        return;
    if (r->nfields == UPT_FIELDS_MAX) {
        report(r, "too-many-fields", "more than 4096 fields; row skipped");
        r->bad_row = true;
        return;
    }
    if (r->nfields == r->fields_cap && grow_fields(r) != 0)
        goto nomem;
    if (r->text_len + len + 1 > r->text_cap) {
        size_t cap = r->text_cap ? r->text_cap : 4096;
        while (cap < r->text_len + len + 1)
            cap *= 2;
        char *text = realloc(r->text, cap);
        if (!text)
            goto nomem;
        r->text = text;
        r->text_cap = cap;
    }
    if (len)
        memcpy(r->text + r->text_len, s, len);
    r->text[r->text_len + len] = '\0';
    r->off[r->nfields] = r->text_len;
    r->lens[r->nfields] = len;
    r->nfields++;
    r->text_len += len + 1;
    return;
nomem:
    report(r, "nomem", "out of memory; row skipped");
    r->bad_row = true;
}

static void on_row(int term, void *data)
{
    struct upt_records *r = data;
    (void)term;
    r->at_row_start = true;
    if (r->bad_row || r->stopped) {
        r->bad_row = false;
        drop_row(r);
        return;
    }
    for (size_t i = 0; i < r->nfields; i++)
        r->ptrs[i] = r->text + r->off[i];
    struct upt_row row = {.field = r->ptrs,
                          .len = r->lens,
                          .count = r->nfields,
                          .line = r->row_line};
    if (r->nfields > 0 && r->fn(r->ctx, &row) != 0)
        r->stopped = true;
    drop_row(r);
}

/* A line libcsv makes no row of: line ends and the spaces it trims (and
 * tabs, unless they separate TSV fields). */
static bool blank(const struct upt_records *r, const char *p, size_t len)
{
    for (size_t i = 0; i < len; i++)
        if (p[i] != '\r' && p[i] != '\n' && p[i] != ' ' &&
            (p[i] != '\t' || r->delim == '\t'))
            return false;
    return true;
}

/* The parser failed inside the current row: say why, start a new parser,
 * and let the caller skip to the next line. */
static void recover(struct upt_records *r)
{
    int err = csv_error(&r->csv);
    if (err == CSV_ENOMEM)
        report(r, "long-field", "field longer than 1 MiB; row skipped");
    else
        report(r, "bad-quotes", "malformed quoting; row skipped");
    csv_free(&r->csv);
    init_csv(r);
    drop_row(r);
    r->bad_row = false;
    r->at_row_start = true;
}

/* Skips the rest of a quoted field whose row failed (a field past the
 * cap, which may hold newlines): up to its closing quote, a doubled quote
 * being part of it. Then the rest of that line is skipped as usual. */
static void skip_quoted(struct upt_records *r, const char *p, size_t len)
{
    unsigned char q = (unsigned char)r->csv.quote_char;
    for (size_t i = 0; i < len && r->skip_quote; i++) {
        bool quote = (unsigned char)p[i] == q;
        if (r->quote_seen && !quote)
            r->skip_quote = false; /* the closing quote came before */
        else if (r->quote_seen)
            r->quote_seen = false; /* a doubled quote: still inside */
        else if (quote)
            r->quote_seen = true;
    }
}

/* One physical line (or its start, when a buffer ends inside it). */
static void feed_line(struct upt_records *r, const char *p, size_t len)
{
    if (r->skipping) {
        if (r->skip_quote)
            skip_quoted(r, p, len);
        return; /* the rest of a line whose row failed */
    }
    if (r->at_row_start && !r->line_open && !blank(r, p, len)) {
        r->row_line = r->line;
        r->at_row_start = false;
    }
    size_t used = csv_parse(&r->csv, p, len, on_field, on_row, r);
    if (used != len) {
        bool in_quotes = csv_error(&r->csv) == CSV_ENOMEM && r->csv.quoted;
        recover(r);
        r->skipping = true;
        if (in_quotes) {
            r->skip_quote = true;
            r->quote_seen = false;
            skip_quoted(r, p + used, len - used);
        }
    }
}

/* Old Mac exports end lines with CR alone. The first line end decides:
 * LF or CRLF means LF; CR then anything else means CR. A CR at the very
 * end of a buffer waits for the next byte. */
static void decide_eol(struct upt_records *r, const char *buf, size_t len)
{
    if (r->pending_cr) {
        r->pending_cr = false;
        r->eol = buf[0] == '\n' ? '\n' : '\r';
        if (r->eol == '\r') { /* that CR ended the first line */
            r->line++;
            r->line_open = false;
            r->skipping = false;
        }
        return;
    }
    for (size_t i = 0; i < len; i++) {
        if (buf[i] == '\n') {
            r->eol = '\n';
            return;
        }
        if (buf[i] == '\r') {
            if (i + 1 < len)
                r->eol = buf[i + 1] == '\n' ? '\n' : '\r';
            else
                r->pending_cr = true;
            return;
        }
    }
}

static void feed_lines(struct upt_records *r, const char *buf, size_t len)
{
    if (len > 0 && !r->eol)
        decide_eol(r, buf, len);
    char eol = r->eol ? r->eol : '\n';
    while (len > 0 && !r->stopped) {
        const char *nl = memchr(buf, eol, len);
        size_t n = nl ? (size_t)(nl - buf) + 1 : len;
        feed_line(r, buf, n);
        r->line_open = !nl;
        if (nl) {
            r->line++;
            if (r->skip_quote && r->quote_seen) /* the quote ended the line */
                r->skip_quote = r->quote_seen = false;
            if (!r->skip_quote)
                r->skipping = false;
        }
        buf += n;
        len -= n;
    }
}

enum upt_status upt_records_feed(struct upt_records *r, const char *buf,
                                 size_t len)
{
    static const char bom[] = "\xEF\xBB\xBF";
    /* a BOM may come a byte at a time from a slow pipe */
    while (r->bom_seen < 3 && len > 0) {
        if (*buf != bom[r->bom_seen]) {
            feed_lines(r, bom, r->bom_seen); /* not a BOM: real bytes */
            r->bom_seen = 3;
            break;
        }
        r->bom_seen++;
        buf++;
        len--;
    }
    if (r->bom_seen == 3)
        feed_lines(r, buf, len);
    return r->stopped ? UPT_EBADINPUT : UPT_OK;
}

enum upt_status upt_records_finish(struct upt_records *r)
{
    if (r->stopped)
        return UPT_EBADINPUT;
    if (r->bom_seen < 3) /* a file of one or two BOM bytes: they are data */
        feed_lines(r, "\xEF\xBB\xBF", r->bom_seen);
    if (csv_fini(&r->csv, on_field, on_row, r) != 0) {
        report(r, "open-quote",
               "quoted field not closed at end of input; "
               "row skipped");
        drop_row(r);
    }
    return r->stopped ? UPT_EBADINPUT : UPT_OK;
}

char upt_records_delimiter(const char *buf, size_t len)
{
    size_t tabs = 0, commas = 0;
    for (size_t i = 0; i < len && buf[i] != '\n' && buf[i] != '\r'; i++) {
        tabs += buf[i] == '\t';
        commas += buf[i] == ',';
    }
    return tabs > commas ? '\t' : ',';
}
