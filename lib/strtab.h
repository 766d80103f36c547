/* strtab.h - interned strings: each distinct string stored once, named by id */
#ifndef UPT_STRTAB_H
#define UPT_STRTAB_H

#include <stddef.h>
#include <stdint.h>

struct upt_strtab; /* opaque */

#define UPT_STRTAB_NONE UINT32_MAX

/* Returns an empty table, or NULL when out of memory. */
struct upt_strtab *upt_strtab_new(void);
void upt_strtab_free(struct upt_strtab *tab);

/* Returns the id of S (LEN bytes, may hold no NUL), adding a copy if new.
 * Ids are dense, from 0, in order of first interning. UPT_STRTAB_NONE when
 * out of memory. */
uint32_t upt_strtab_intern(struct upt_strtab *tab, const char *s, size_t len);

/* The id of S, or UPT_STRTAB_NONE if it was never interned. */
uint32_t upt_strtab_find(const struct upt_strtab *tab, const char *s,
                         size_t len);

/* The NUL-terminated string of ID, lent for the table's lifetime. */
const char *upt_strtab_str(const struct upt_strtab *tab, uint32_t id);

/* The length of the string of ID (which may hold NUL bytes). */
size_t upt_strtab_len(const struct upt_strtab *tab, uint32_t id);

/* The number of distinct strings interned. */
uint32_t upt_strtab_count(const struct upt_strtab *tab);

#endif
