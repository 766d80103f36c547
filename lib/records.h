/* records.h - delimited rows (CSV, later TSV) through libcsv, with line numbers
 */
#ifndef UPT_RECORDS_H
#define UPT_RECORDS_H

#include <stddef.h>

#include "status.h"

struct upt_diag;
struct upt_records; /* opaque: one parser over one input */

/* The longest field kept; a longer one is reported and its row skipped. */
#define UPT_FIELD_MAX (1024 * 1024)
/* The most fields in a row; more are reported and the row skipped. */
#define UPT_FIELDS_MAX 4096

/* One row. FIELD[i] is NUL-terminated and LEN[i] long (a field may also
 * hold NULs: trust LEN). Everything is lent until the callback returns.
 * LINE is the physical line the row starts on, counting from 1. */
struct upt_row {
    const char *const *field;
    const size_t *len;
    size_t count;
    unsigned long line;
};

/* Called once per row; returns 0 to go on, non-zero to stop the parse
 * (upt_records_feed then returns UPT_EBADINPUT without reporting). */
typedef int (*upt_row_fn)(void *ctx, const struct upt_row *row);

/* Starts a parser for the input called NAME (for messages, lent), with the
 * field delimiter DELIM: ',' for CSV (RFC 4180 quoting), '\t' for TSV (no
 * quoting: a quote is an ordinary character). NULL when out of memory. */
struct upt_records *upt_records_new(const char *name, char delim,
                                    struct upt_diag *diag, upt_row_fn fn,
                                    void *ctx);

/* Parses LEN more bytes of the input; a UTF-8 BOM at the very start is
 * skipped. Malformed rows (bad quoting, an over-long field) are reported and
 * skipped; the call still returns UPT_OK. UPT_ENOMEM when out of memory. */
enum upt_status upt_records_feed(struct upt_records *r, const char *buf,
                                 size_t len);

/* Ends the input: delivers a last row without a line end and reports a
 * quoted field left open. */
enum upt_status upt_records_finish(struct upt_records *r);

/* The delimiter of the input whose first bytes are BUF (LEN bytes): '\t'
 * when its first line holds more tabs than commas (TSV, mysql -B), else
 * ','. */
char upt_records_delimiter(const char *buf, size_t len);

void upt_records_free(struct upt_records *r);

#endif
