/* jsonrows.c - JSON input as rows, streamed through json-c's tokener */
#include "jsonrows.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "diag.h"

#ifdef UPT_HAVE_JSON_C
#include <json-c/json.h>
#endif

#include "banned.h"

#ifndef UPT_HAVE_JSON_C

bool upt_jsonrows_available(void) { return false; }

struct upt_jsonrows *upt_jsonrows_new(const char *name, struct upt_diag *diag,
                                      upt_jsonrows_fn fn, void *ctx)
{
    (void)name, (void)diag, (void)fn, (void)ctx;
    return NULL;
}

enum upt_status upt_jsonrows_feed(struct upt_jsonrows *j, const char *buf,
                                  size_t len)
{
    (void)j, (void)buf, (void)len;
    return UPT_EBADINPUT;
}

enum upt_status upt_jsonrows_finish(struct upt_jsonrows *j)
{
    (void)j;
    return UPT_EBADINPUT;
}

void upt_jsonrows_free(struct upt_jsonrows *j) { (void)j; }

#else

/* How deep nested objects are flattened into "a.b.c" keys; deeper ones
 * are kept as JSON text. */
enum { FLATTEN_DEPTH = 4, KEY_MAX = 256 };

enum mode {
    START,       /* nothing but white space seen */
    LINES,       /* values one after another */
    ARRAY_VALUE, /* inside the top-level array, a value (or ']') is next */
    ARRAY_SEP,   /* inside the array, ',' or ']' is next */
    SKIP_LINE,   /* after malformed JSON lines: up to the next line end */
    DONE         /* the array closed, or the parse stopped */
};

struct upt_jsonrows {
    const char *name;
    struct upt_diag *diag;
    upt_jsonrows_fn fn;
    void *ctx;
    struct json_tokener *tok;
    enum mode mode;
    bool in_value;
    size_t value_bytes; /* fed to the tokener for the current value */
    bool stopped;
    unsigned long line, value_line;
    /* the current object's keys and values, NUL-separated */
    char *text;
    size_t text_len, text_cap;
    size_t *off, *lens;
    const char **ptrs;
    size_t nfields, cap; /* keys are [0, nfields), values follow */
};

bool upt_jsonrows_available(void) { return true; }

struct upt_jsonrows *upt_jsonrows_new(const char *name, struct upt_diag *diag,
                                      upt_jsonrows_fn fn, void *ctx)
{
    struct upt_jsonrows *j = calloc(1, sizeof(*j));
    if (!j)
        return NULL;
    j->tok = json_tokener_new_ex(32);
    if (!j->tok) {
        free(j);
        return NULL;
    }
    j->name = name;
    j->diag = diag;
    j->fn = fn;
    j->ctx = ctx;
    j->line = 1;
    return j;
}

void upt_jsonrows_free(struct upt_jsonrows *j)
{
    if (!j)
        return;
    json_tokener_free(j->tok);
    free(j->text);
    free(j->off);
    free(j->lens);
    free(j->ptrs);
    free(j);
}

static void report(struct upt_jsonrows *j, const char *kind, const char *msg)
{
    struct upt_where at = {.file = j->name, .line = j->value_line};
    upt_diag_report(j->diag, &at, kind, "%s", msg);
}

/* Appends S (LEN bytes) to the text; returns its offset, or -1. */
static long append(struct upt_jsonrows *j, const char *s, size_t len)
{
    if (j->text_len + len + 1 > j->text_cap) {
        size_t cap = j->text_cap ? j->text_cap : 4096;
        while (cap < j->text_len + len + 1)
            cap *= 2;
        char *t = realloc(j->text, cap);
        if (!t)
            return -1;
        j->text = t;
        j->text_cap = cap;
    }
    long at = (long)j->text_len;
    memcpy(j->text + j->text_len, s, len);
    j->text[j->text_len + len] = '\0';
    j->text_len += len + 1;
    return at;
}

/* Keys and values are collected as pairs, then split into two rows. */
static int add_pair(struct upt_jsonrows *j, const char *key, const char *value,
                    size_t vlen)
{
    if (j->nfields == UPT_FIELDS_MAX)
        return -1;
    if (2 * j->nfields + 2 > j->cap) {
        size_t cap = j->cap ? j->cap * 2 : 128;
        size_t *off = realloc(j->off, cap * sizeof(*off));
        if (!off)
            return -1;
        j->off = off;
        size_t *lens = realloc(j->lens, cap * sizeof(*lens));
        if (!lens)
            return -1;
        j->lens = lens;
        const char **ptrs = realloc(j->ptrs, cap * sizeof(*ptrs));
        if (!ptrs)
            return -1;
        j->ptrs = ptrs;
        j->cap = cap;
    }
    long k = append(j, key, strlen(key)), v = append(j, value, vlen);
    if (k < 0 || v < 0)
        return -1;
    j->off[2 * j->nfields] = (size_t)k;
    j->lens[2 * j->nfields] = strlen(key);
    j->off[2 * j->nfields + 1] = (size_t)v;
    j->lens[2 * j->nfields + 1] = vlen;
    j->nfields++;
    return 0;
}

static int flatten(struct upt_jsonrows *j, struct json_object *obj,
                   const char *prefix, int depth)
{
    char key[KEY_MAX];
    json_object_object_foreach(obj, k, val)
    {
        snprintf(key, sizeof(key), "%s%s", prefix, k);
        enum json_type type = json_object_get_type(val);
        if (type == json_type_object && depth < FLATTEN_DEPTH) {
            char sub[KEY_MAX];
            snprintf(sub, sizeof(sub), "%s.", key);
            if (flatten(j, val, sub, depth + 1) != 0)
                return -1;
            continue;
        }
        const char *s = "";
        size_t len = 0;
        if (type == json_type_array || type == json_type_object)
            s = json_object_to_json_string_ext(val, JSON_C_TO_STRING_PLAIN);
        else if (type != json_type_null)
            s = json_object_get_string(val);
        if (type == json_type_string)
            len = (size_t)json_object_get_string_len(val);
        else
            len = s ? strlen(s) : 0;
        if (add_pair(j, key, s ? s : "", len) != 0)
            return -1;
    }
    return 0;
}

static void deliver(struct upt_jsonrows *j, struct json_object *obj)
{
    if (!json_object_is_type(obj, json_type_object)) {
        report(j, "json-not-object", "JSON value is not an object; skipped");
        return;
    }
    j->text_len = 0;
    j->nfields = 0;
    if (flatten(j, obj, "", 0) != 0) {
        report(j, "json-too-big",
               "JSON object too large (more than 4096 fields or out of "
               "memory); skipped");
        return;
    }
    /* keys first, then values: two rows over the same arrays */
    size_t n = j->nfields;
    for (size_t i = 0; i < n; i++) {
        j->ptrs[i] = j->text + j->off[2 * i];
        j->ptrs[n + i] = j->text + j->off[2 * i + 1];
    }
    /* the offsets are spent once the pointers are set: off[] now takes
     * the lengths in the rows' order */
    for (size_t i = 0; i < n; i++) {
        j->off[i] = j->lens[2 * i];
        j->off[n + i] = j->lens[2 * i + 1];
    }
    struct upt_row header = {
        .field = j->ptrs, .len = j->off, .count = n, .line = j->value_line};
    struct upt_row row = {.field = j->ptrs + n,
                          .len = j->off + n,
                          .count = n,
                          .line = j->value_line};
    if (j->fn(j->ctx, &header, &row) != 0)
        j->stopped = true;
}

static void count_lines(struct upt_jsonrows *j, const char *p, size_t n)
{
    const char *end = p + n;
    while ((p = memchr(p, '\n', (size_t)(end - p))) != NULL) {
        j->line++;
        p++;
    }
}

/* Feeds the tokener from P; returns the bytes it took. */
static size_t parse_value(struct upt_jsonrows *j, const char *p, size_t len)
{
    int chunk = len > 1 << 30 ? 1 << 30 : (int)len;
    struct json_object *obj = json_tokener_parse_ex(j->tok, p, chunk);
    enum json_tokener_error err = json_tokener_get_error(j->tok);
    size_t used = json_tokener_get_parse_end(j->tok);

    if (err == json_tokener_continue) {
        /* json-c holds a value whole until it ends: bound what it holds */
        j->value_bytes += (size_t)chunk;
        if (j->value_bytes <= UPT_JSON_VALUE_MAX)
            return (size_t)chunk;
        json_tokener_reset(j->tok);
        j->in_value = false;
        j->value_bytes = 0;
        if (j->mode == LINES) {
            report(j, "json-too-long",
                   "JSON record longer than 16 MiB; line skipped");
            j->mode = SKIP_LINE;
        } else {
            report(j, "json-too-long",
                   "JSON record longer than 16 MiB; rest of file skipped");
            j->mode = DONE;
            j->stopped = true;
        }
        return (size_t)chunk;
    }
    j->in_value = false;
    j->value_bytes = 0;
    if (err != json_tokener_success) {
        char msg[160];
        snprintf(msg, sizeof(msg), "malformed JSON (%s)",
                 json_tokener_error_desc(err));
        json_tokener_reset(j->tok);
        if (j->mode == LINES) {
            strncat(msg, "; line skipped", sizeof(msg) - strlen(msg) - 1);
            report(j, "json-malformed", msg);
            /* a record cut short runs on into the next line and fails
             * there: start again where that line starts, not after it */
            for (size_t k = used; k > 0; k--)
                if (p[k - 1] == '\n')
                    return k;
            j->mode = SKIP_LINE;
        } else {
            strncat(msg, "; rest of file skipped",
                    sizeof(msg) - strlen(msg) - 1);
            report(j, "json-malformed", msg);
            j->mode = DONE;
        }
        return used;
    }
    deliver(j, obj);
    json_object_put(obj);
    json_tokener_reset(j->tok);
    if (j->mode == ARRAY_VALUE)
        j->mode = ARRAY_SEP;
    return used;
}

static bool space(char c)
{
    return c == ' ' || c == '\t' || c == '\r' || c == '\n';
}

/* Between values: white space, and the array's brackets and commas. */
static size_t between(struct upt_jsonrows *j, const char *p, size_t len)
{
    char c = *p;
    if (space(c))
        return 1;
    switch (j->mode) {
    case START:
        j->mode = c == '[' ? ARRAY_VALUE : LINES;
        return c == '[';
    case ARRAY_SEP:
        if (c == ',') {
            j->mode = ARRAY_VALUE;
            return 1;
        }
        /* fall through */
    case ARRAY_VALUE:
        if (c == ']') {
            j->mode = DONE;
            return 1;
        }
        if (j->mode == ARRAY_SEP) {
            j->value_line = j->line;
            report(j, "json-malformed",
                   "malformed JSON (expected ',' or ']' between values); "
                   "rest of file skipped");
            j->mode = DONE;
            return len;
        }
        break;
    case SKIP_LINE: {
        const char *nl = memchr(p, '\n', len);
        if (!nl)
            return len;
        j->mode = LINES;
        return (size_t)(nl - p); /* the newline itself is counted next */
    }
    default:
        break;
    }
    j->in_value = true;
    j->value_line = j->line;
    return 0;
}

enum upt_status upt_jsonrows_feed(struct upt_jsonrows *j, const char *buf,
                                  size_t len)
{
    while (len > 0 && !j->stopped) {
        size_t n;
        if (j->mode == DONE) {
            for (n = 0; n < len && space(buf[n]); n++)
                ;
            if (n < len) {
                j->value_line = j->line;
                report(j, "json-trailing",
                       "data after the end of the JSON array; ignored");
                j->stopped = true;
            }
        } else if (j->in_value) {
            n = parse_value(j, buf, len);
        } else {
            n = between(j, buf, len);
        }
        count_lines(j, buf, n);
        buf += n;
        len -= n;
    }
    return j->stopped ? UPT_EBADINPUT : UPT_OK;
}

enum upt_status upt_jsonrows_finish(struct upt_jsonrows *j)
{
    if (j->stopped)
        return UPT_EBADINPUT;
    if (j->in_value) {
        report(j, "json-open", "JSON value cut short at end of input");
        return UPT_OK;
    }
    if (j->mode == ARRAY_VALUE || j->mode == ARRAY_SEP) {
        j->value_line = j->line;
        report(j, "json-open", "JSON array not closed at end of input");
    }
    return UPT_OK;
}

#endif
