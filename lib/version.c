/* version.c - uptake's version and the versions of the libraries linked */
#include "version.h"

#include <csv.h>
#define PCRE2_CODE_UNIT_WIDTH 8
#include <pcre2.h>
#include <stdio.h>
#include <string.h>
#include <zlib.h>
#ifdef UPT_HAVE_JSON_C
#include <json-c/json.h>
#endif

#include "banned.h"

void upt_version_libs(char *out, size_t size)
{
    char pcre[64] = "?";
    uint32_t jit = 0;
    pcre2_config(PCRE2_CONFIG_VERSION, pcre);
    pcre2_config(PCRE2_CONFIG_JIT, &jit);
    snprintf(out, size, "zlib %s, pcre2 %.*s%s, libcsv %d.%d.%d, json-c %s",
             zlibVersion(), (int)strcspn(pcre, " "), pcre, jit ? " (JIT)" : "",
             CSV_MAJOR, CSV_MINOR, CSV_RELEASE,
#ifdef UPT_HAVE_JSON_C
             json_c_version()
#else
             "(not built in)"
#endif
    );
}
