/* format_map.h - --map: any CRM's CSV, TSV or JSON, its columns named by the
 * user */
#ifndef UPT_FORMAT_MAP_H
#define UPT_FORMAT_MAP_H

#include <stddef.h>

#include "records.h"

enum upt_map_field {
    UPT_MAP_USER,
    UPT_MAP_TIME,
    UPT_MAP_ACTION,
    UPT_MAP_OBJECT,
    UPT_MAP_SESSION,
    UPT_MAP_OUTCOME,
    UPT_MAP_COUNT
};

/* The column named for each field; "" where the spec names none. */
struct upt_map {
    char col[UPT_MAP_COUNT][128];
};

/* Parses SPEC, "user=COL,time=COL,action=COL[,object=COL,session=COL,
 * outcome=COL]" (user, time and action required, each field once, column
 * names without ',' or '='). Returns 0, or -1 with the reason in ERR. */
int upt_map_parse(const char *spec, struct upt_map *map, char *err,
                  size_t errsize);

/* Renames the columns of HEADER that MAP names to the names the "map"
 * format reads (a column equal to MAP's, without regard to case), writing
 * the new names into NAMES (HEADER->count entries, lent strings). Returns
 * 0, or -1 with the first missing required column's field in *MISSING. */
int upt_map_rename(const struct upt_map *map, const struct upt_row *header,
                   const char **names, enum upt_map_field *missing);

/* "user", "time", … */
const char *upt_map_field_name(enum upt_map_field f);

#endif
