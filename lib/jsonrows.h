/* jsonrows.h - JSON input (JSON lines, or one array of objects) as rows,
 * streamed */
#ifndef UPT_JSONROWS_H
#define UPT_JSONROWS_H

#include <stdbool.h>
#include <stddef.h>

#include "records.h"
#include "status.h"

struct upt_diag;
struct upt_jsonrows; /* opaque: one parser over one input */

/* Called once per object: HEADER holds its keys (a nested object's keys
 * as "parent.child"), ROW the values as text, in the same order (strings
 * as they are, numbers and booleans as written, null as "", arrays as
 * compact JSON). Both are lent until the callback returns; LINE is where
 * the object starts. Non-zero stops the parse. */
typedef int (*upt_jsonrows_fn)(void *ctx, const struct upt_row *header,
                               const struct upt_row *row);

/* The longest JSON value (an object and all it holds) read: json-c keeps
 * a value whole until it ends, so a longer one is reported and skipped. */
#define UPT_JSON_VALUE_MAX (16u * 1024 * 1024)

/* Whether this build reads JSON (uptake may be built without json-c). */
bool upt_jsonrows_available(void);

/* Starts a parser for the input called NAME (lent, for messages). NULL
 * when out of memory or when this build has no JSON support. */
struct upt_jsonrows *upt_jsonrows_new(const char *name, struct upt_diag *diag,
                                      upt_jsonrows_fn fn, void *ctx);

/* Parses LEN more bytes: JSON values one after another (JSON lines), or
 * a single top-level array of them, never held whole in memory. A value
 * that is not an object is reported and skipped; malformed JSON is
 * reported with its line, and the parse goes on at the next line (JSON
 * lines) or stops (inside an array). UPT_EBADINPUT when it stopped. */
enum upt_status upt_jsonrows_feed(struct upt_jsonrows *j, const char *buf,
                                  size_t len);

/* Ends the input; reports a value or array left open. */
enum upt_status upt_jsonrows_finish(struct upt_jsonrows *j);

void upt_jsonrows_free(struct upt_jsonrows *j);

#endif
