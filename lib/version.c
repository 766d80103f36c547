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
#ifdef UPT_HAVE_SODIUM
#include <sodium.h>
#endif
#ifdef UPT_HAVE_ISAL
#include <isa-l.h>
#define TEXT(x) #x
#define VERSION_TEXT(a, b, c) TEXT(a) "." TEXT(b) "." TEXT(c)
#define ISAL_VERSION_TEXT                                                      \
    VERSION_TEXT(ISAL_MAJOR_VERSION, ISAL_MINOR_VERSION, ISAL_PATCH_VERSION)
#endif

#include "banned.h"

void upt_version_libs(char *out, size_t size)
{
    char pcre[64] = "?";
    uint32_t jit = 0;
#ifdef UPT_HAVE_ISAL
    const char *inflater = "ISA-L " ISAL_VERSION_TEXT " (inflate), ";
#else
    const char *inflater = "";
#endif
    pcre2_config(PCRE2_CONFIG_VERSION, pcre);
    pcre2_config(PCRE2_CONFIG_JIT, &jit);
    snprintf(
        out, size,
        "zlib %s, %spcre2 %.*s%s, libcsv %d.%d.%d, json-c %s, libsodium %s",
        zlibVersion(), inflater, (int)strcspn(pcre, " "), pcre,
        jit ? " (JIT)" : "", CSV_MAJOR, CSV_MINOR, CSV_RELEASE,
#ifdef UPT_HAVE_JSON_C
        json_c_version(),
#else
        "(not built in)",
#endif
#ifdef UPT_HAVE_SODIUM
        sodium_version_string()
#else
        "(not built in)"
#endif
    );
}
