/* version.h - uptake's version and the versions of the libraries linked */
#ifndef UPT_VERSION_H
#define UPT_VERSION_H

#include <stddef.h>

#define UPT_VERSION "0.1.0"

/* Writes "zlib 1.2.13, ISA-L 2.30.0 (inflate), pcre2 10.42 (JIT), libcsv
 * 3.0.3, json-c 0.16" into OUT, as the running libraries report themselves
 * (libcsv and ISA-L as built; ISA-L only where it inflates; json-c
 * "(not built in)" without it). */
void upt_version_libs(char *out, size_t size);

#endif
