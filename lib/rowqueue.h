/* rowqueue.h - CSV rows parsed on a thread of their own, handed over in
 * batches
 *
 * Reading, decompressing and parsing one input run on a second thread while
 * the caller adapts, classifies and counts the rows: the two halves of the
 * work overlap on two cores. Rows, and the problems met between them, reach
 * the caller in input order and on the caller's thread, exactly as a
 * records parser in the caller's thread would give them.
 */
#ifndef UPT_ROWQUEUE_H
#define UPT_ROWQUEUE_H

#include <stddef.h>

#include "records.h"
#include "status.h"

struct upt_diag;
struct upt_input;
struct upt_rowqueue; /* opaque: one input being parsed ahead */

/* Starts parsing IN on a thread of its own, as upt_records_new(NAME, DELIM)
 * would. FIRST (FIRST_LEN bytes) is what the caller's last upt_input_read
 * lent; it is parsed first. IN belongs to the thread until
 * upt_rowqueue_free, and its problems, like the parser's, are held for
 * DIAG. NULL when out of memory or no thread is to be had: the caller then
 * parses FIRST and the rest itself. */
struct upt_rowqueue *upt_rowqueue_start(struct upt_input *in, const char *name,
                                        char delim, const char *first,
                                        size_t first_len,
                                        struct upt_diag *diag);

/* Hands each row to FN and each problem to DIAG, in input order, until the
 * input ends or FN returns non-zero. A row is lent until FN returns.
 * Returns UPT_OK when the input was read to its end, UPT_EBADINPUT or
 * UPT_EIO when reading it failed as upt_input_read says (told to DIAG),
 * UPT_EINTR when the input's stop flag was raised (upt_input_set_stop: the
 * row it cut is not handed over), UPT_ENOMEM, or UPT_EOF when FN stopped
 * the parse. */
enum upt_status upt_rowqueue_drain(struct upt_rowqueue *q, upt_row_fn fn,
                                   void *ctx);

/* Stops the thread if it still runs, waits for it and frees Q; IN is the
 * caller's again. NULL does nothing. */
void upt_rowqueue_free(struct upt_rowqueue *q);

#endif
