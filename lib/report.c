/* report.c - the per-user report, the summary and the event stream */
#include "report.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "change.h"
#include "timestamp.h"
#include "utf8.h"

#include "banned.h"

/* Column order is an interface (DESIGN.md §3): add only at the end. */
static const char *const columns[] = {
    "user",        "name",       "role",    "team",       "status",
    "cause",       "confidence", "remedy",  "first_seen", "last_seen",
    "active_days", "sessions",   "logins",  "views",      "searches",
    "creates",     "updates",    "deletes", "reports",    "exports",
    "imports",     "api",        "errors",  "help",       "trend",
    "evidence",
};
enum { NCOLUMNS = sizeof(columns) / sizeof(columns[0]) };

/* The count columns, in report order, from "logins" on. */
static const enum upt_category count_cols[] = {
    UPT_CAT_LOGIN,  UPT_CAT_VIEW,   UPT_CAT_SEARCH, UPT_CAT_CREATE,
    UPT_CAT_UPDATE, UPT_CAT_DELETE, UPT_CAT_REPORT, UPT_CAT_EXPORT,
    UPT_CAT_IMPORT, UPT_CAT_API,
};

enum { CELL_MAX = 512 };

/* Escapes S for TSV and text into OUT; returns OUT. */
static const char *escape(const char *s, char *out, size_t size)
{
    size_t o = 0, left = strlen(s);
    while (*s && o + 5 < size) {
        unsigned char c = (unsigned char)*s;
        size_t n = upt_utf8_len((const unsigned char *)s, left);
        const char *e = c == '\t'   ? "\\t"
                        : c == '\n' ? "\\n"
                        : c == '\r' ? "\\r"
                        : c == '\\' ? "\\\\"
                                    : NULL;
        if (e) {
            memcpy(out + o, e, 2);
            o += 2;
        } else if (n == 0 || c < 0x20 || c == 0x7f) {
            /* a control character, or a byte that is not UTF-8 */
            o += (size_t)snprintf(out + o, size - o, "\\x%02x", c);
        } else if (n > 1) {
            if (o + n + 5 >= size)
                break;
            memcpy(out + o, s, n);
            o += n;
            s += n;
            left -= n;
            continue;
        } else {
            out[o++] = (char)c;
        }
        s++;
        left--;
    }
    out[o] = '\0';
    return out;
}

static void json_string(FILE *out, const char *s)
{
    const unsigned char *p = (const unsigned char *)s;
    size_t left = strlen(s);
    fputc('"', out);
    while (*p) {
        size_t n = upt_utf8_len(p, left);
        left -= n ? n : 1;
        if (n == 0) {
            fputs("\\ufffd", out);
            p++;
        } else if (*p == '"' || *p == '\\') {
            fputc('\\', out);
            fputc(*p++, out);
        } else if (*p < 0x20 || *p == 0x7f) {
            fprintf(out, "\\u%04x", *p++);
        } else {
            fwrite(p, 1, n, out);
            p += n;
        }
    }
    fputc('"', out);
}

static void format_time(int64_t ms, char *out, size_t size)
{
    if (ms == INT64_MIN || ms == INT64_MAX)
        snprintf(out, size, "-");
    else
        upt_timestamp_format(ms, out, size);
}

static void format_trend(double trend, char *out, size_t size)
{
    if (trend < 0)
        snprintf(out, size, "-");
    else
        snprintf(out, size, "%.2f", trend);
}

/* The cells of one verdict as text, in column order, into CELLS. */
static void cells_of(const struct upt_verdict *v, char cells[][CELL_MAX])
{
    size_t k = 0;
    escape(v->user, cells[k++], CELL_MAX);
    escape(v->name, cells[k++], CELL_MAX);
    escape(v->role, cells[k++], CELL_MAX);
    escape(v->team, cells[k++], CELL_MAX);
    snprintf(cells[k++], CELL_MAX, "%s", upt_verdict_status_name(v->status));
    snprintf(cells[k++], CELL_MAX, "%s", upt_cause_name(v->cause));
    if (v->cause == UPT_CAUSE_NONE)
        snprintf(cells[k++], CELL_MAX, "-");
    else
        snprintf(cells[k++], CELL_MAX, "%.2f", v->confidence);
    snprintf(cells[k++], CELL_MAX, "%s", upt_cause_remedy(v->cause));
    format_time(v->first_ms, cells[k++], CELL_MAX);
    format_time(v->last_ms, cells[k++], CELL_MAX);
    snprintf(cells[k++], CELL_MAX, "%u", v->active_days);
    snprintf(cells[k++], CELL_MAX, "%u", v->sessions);
    for (size_t i = 0; i < sizeof(count_cols) / sizeof(count_cols[0]); i++)
        snprintf(cells[k++], CELL_MAX, "%u", v->count[count_cols[i]]);
    snprintf(cells[k++], CELL_MAX, "%u", v->errors);
    snprintf(cells[k++], CELL_MAX, "%u", v->count[UPT_CAT_HELP]);
    format_trend(v->trend, cells[k++], CELL_MAX);
    escape(v->evidence, cells[k++], CELL_MAX);
}

static bool wanted(const struct upt_verdict *v, const struct upt_report_opts *o)
{
    return !o->only_flagged || upt_verdict_flagged(v);
}

static void write_tsv(FILE *out, const struct upt_diagnosis *d,
                      const struct upt_report_opts *o)
{
    char cells[NCOLUMNS][CELL_MAX];
    if (o->header)
        for (size_t k = 0; k < NCOLUMNS; k++)
            fprintf(out, "%s%c", columns[k], k + 1 < NCOLUMNS ? '\t' : '\n');
    for (size_t i = 0; i < upt_diagnosis_count(d); i++) {
        const struct upt_verdict *v = upt_diagnosis_get(d, i);
        if (!wanted(v, o))
            continue;
        cells_of(v, cells);
        for (size_t k = 0; k < NCOLUMNS; k++)
            fprintf(out, "%s%c", cells[k], k + 1 < NCOLUMNS ? '\t' : '\n');
    }
}

static void write_json(FILE *out, const struct upt_diagnosis *d,
                       const struct upt_report_opts *o)
{
    char cells[NCOLUMNS][CELL_MAX];
    for (size_t i = 0; i < upt_diagnosis_count(d); i++) {
        const struct upt_verdict *v = upt_diagnosis_get(d, i);
        const char *raw[] = {v->user, v->name, v->role, v->team};
        if (!wanted(v, o))
            continue;
        cells_of(v, cells);
        fputc('{', out);
        for (size_t k = 0; k < NCOLUMNS; k++) {
            fprintf(out, "%s\"%s\":", k ? "," : "", columns[k]);
            bool number = (k >= 10 && k <= 23) ||
                          (k == 6 && v->cause != UPT_CAUSE_NONE) ||
                          (k == 24 && v->trend >= 0);
            if (k < 4)
                json_string(out, raw[k]);
            else if (k == NCOLUMNS - 1)
                json_string(out, v->evidence);
            else if (number)
                fputs(cells[k], out);
            else if (strcmp(cells[k], "-") == 0)
                fputs("null", out);
            else
                json_string(out, cells[k]);
        }
        fputs("}\n", out);
    }
}

/* The text table: a few columns for a terminal, aligned, evidence last. */
static const size_t text_cols[] = {0, 1, 2, 4, 5, 6, 10, 24, 25};
enum { NTEXT = sizeof(text_cols) / sizeof(text_cols[0]), TEXT_WIDTH_MAX = 30 };

/* Terminal columns of S: one per character, not per UTF-8 byte. */
static size_t text_width(const char *s)
{
    size_t w = 0;
    for (; *s; s++)
        w += ((unsigned char)*s & 0xc0) != 0x80;
    return w;
}

/* Writes S cut to WIDTH characters and padded to WIDTH; the last column
 * (WIDTH 0) whole. A cut never splits a UTF-8 sequence. */
static void text_cell(FILE *out, const char *s, size_t width, bool last)
{
    size_t w = 0;
    const char *p = s;
    if (last) {
        fprintf(out, "%s\n", s);
        return;
    }
    while (*p && (w < width || ((unsigned char)*p & 0xc0) == 0x80)) {
        w += ((unsigned char)*p & 0xc0) != 0x80;
        if (w > width)
            break;
        p++;
    }
    fwrite(s, 1, (size_t)(p - s), out);
    fprintf(out, "%*s", (int)(width - w + 2), "");
}

static void write_text(FILE *out, const struct upt_diagnosis *d,
                       const struct upt_report_opts *o)
{
    char cells[NCOLUMNS][CELL_MAX];
    size_t width[NTEXT];
    for (size_t c = 0; c < NTEXT; c++)
        width[c] = o->header ? strlen(columns[text_cols[c]]) : 0;
    for (size_t i = 0; i < upt_diagnosis_count(d); i++) {
        if (!wanted(upt_diagnosis_get(d, i), o))
            continue;
        cells_of(upt_diagnosis_get(d, i), cells);
        for (size_t c = 0; c < NTEXT; c++) {
            size_t w = text_width(cells[text_cols[c]]);
            if (w > width[c])
                width[c] = w > TEXT_WIDTH_MAX ? TEXT_WIDTH_MAX : w;
        }
    }
    if (o->header)
        for (size_t c = 0; c < NTEXT; c++)
            text_cell(out, columns[text_cols[c]], width[c], c + 1 == NTEXT);
    for (size_t i = 0; i < upt_diagnosis_count(d); i++) {
        if (!wanted(upt_diagnosis_get(d, i), o))
            continue;
        cells_of(upt_diagnosis_get(d, i), cells);
        for (size_t c = 0; c < NTEXT; c++)
            text_cell(out, cells[text_cols[c]], width[c], c + 1 == NTEXT);
    }
}

enum upt_status upt_report_write(FILE *out, const struct upt_diagnosis *d,
                                 const struct upt_report_opts *opts)
{
    switch (opts->format) {
    case UPT_OUT_TSV:
        write_tsv(out, d, opts);
        break;
    case UPT_OUT_JSON:
        write_json(out, d, opts);
        break;
    case UPT_OUT_TEXT:
        write_text(out, d, opts);
        break;
    case UPT_OUT_HTML: /* the page is html.h's, with more than verdicts */
        return UPT_EUSAGE;
    }
    return ferror(out) ? UPT_EIO : UPT_OK;
}

void upt_report_categories(FILE *out, unsigned mask)
{
    bool any = false;
    for (int c = 0; c < UPT_CAT_COUNT; c++)
        if (mask & (1u << c)) {
            fprintf(out, "%s%s", any ? ", " : "", upt_category_name(c));
            any = true;
        }
    if (!any)
        fputs("none", out);
}

static void summary_training(FILE *out, const size_t *by_cause)
{
    static const char *const kinds[] = {"end-user", "stakeholder", "technical"};
    fputs("\ntraining\n", out);
    for (size_t k = 0; k < 3; k++) {
        size_t users = 0;
        for (int c = UPT_CAUSE_UNAWARE; c < UPT_CAUSE_COUNT; c++)
            if (strcmp(upt_cause_training(c), kinds[k]) == 0)
                users += by_cause[c];
        fprintf(out, "  %-13s %zu", kinds[k], users);
        const char *sep = " (";
        for (int c = UPT_CAUSE_UNAWARE; c < UPT_CAUSE_COUNT; c++)
            if (strcmp(upt_cause_training(c), kinds[k]) == 0 && by_cause[c]) {
                fprintf(out, "%s%s %zu", sep, upt_cause_name(c), by_cause[c]);
                sep = ", ";
            }
        fputs(*sep == ',' ? ")\n" : "\n", out);
    }
}

static int cmp_int(const void *a, const void *b)
{
    int x = *(const int *)a, y = *(const int *)b;
    return (x > y) - (x < y);
}

/* Users created inside the window: how long until a task of their role,
 * the median, and who has not got there yet. */
static int summary_first_value(FILE *out, const struct upt_diagnosis *d)
{
    enum { NAMES = 10 };
    size_t n = upt_diagnosis_count(d), joined = 0, done = 0, shown = 0;
    int *days = calloc(n + 1, sizeof(*days));
    char esc[CELL_MAX];
    if (!days)
        return -1;
    for (size_t i = 0; i < n; i++) {
        const struct upt_verdict *v = upt_diagnosis_get(d, i);
        if (v->first_value_days == UPT_FIRST_VALUE_NONE)
            continue;
        joined++;
        if (v->first_value_days >= 0)
            days[done++] = v->first_value_days;
    }
    fprintf(out,
            "\ntime to first value (users created in the window)\n"
            "  created       %zu\n",
            joined);
    if (done) {
        qsort(days, done, sizeof(*days), cmp_int);
        fprintf(out,
                "  median        %d day%s to a task of the role "
                "(%d to %d)\n",
                days[done / 2], days[done / 2] == 1 ? "" : "s", days[0],
                days[done - 1]);
    }
    if (joined > done) {
        fprintf(out, "  not yet       %zu:", joined - done);
        for (size_t i = 0; i < n && shown < NAMES; i++) {
            const struct upt_verdict *v = upt_diagnosis_get(d, i);
            if (v->first_value_days != UPT_FIRST_VALUE_NOT_YET)
                continue;
            fprintf(out, "%s %s", shown ? "," : "",
                    escape(v->name[0] ? v->name : v->user, esc, sizeof(esc)));
            shown++;
        }
        fputs(joined - done > shown ? ", ...\n" : "\n", out);
    }
    free(days);
    return 0;
}

static const char *team_of(const struct upt_verdict *v) { return v->team; }
static const char *role_of(const struct upt_verdict *v) { return v->role; }

/* One line per team (or role): users, flagged, the causes among them and
 * the training they call for. Groups are few; a linear list keeps this
 * simple. */
static int summary_groups(FILE *out, const struct upt_diagnosis *d,
                          const char *title,
                          const char *(*group_of)(const struct upt_verdict *))
{
    static const char *const kinds[] = {"end-user", "stakeholder", "technical"};
    size_t n = upt_diagnosis_count(d), ngroups = 0;
    const char **group = calloc(n + 1, sizeof(*group));
    char esc[CELL_MAX];
    if (!group)
        return -1;
    for (size_t i = 0; i < n; i++) {
        const char *g = group_of(upt_diagnosis_get(d, i));
        size_t k = 0;
        while (k < ngroups && strcmp(group[k], g) != 0)
            k++;
        if (k == ngroups)
            group[ngroups++] = g;
    }
    fprintf(out, "\n%s\n", title);
    for (size_t k = 0; k < ngroups; k++) {
        size_t users = 0, flagged = 0, by_cause[UPT_CAUSE_COUNT] = {0};
        for (size_t i = 0; i < n; i++) {
            const struct upt_verdict *v = upt_diagnosis_get(d, i);
            if (strcmp(group_of(v), group[k]) != 0)
                continue;
            users++;
            flagged += upt_verdict_flagged(v);
            by_cause[v->cause]++;
        }
        fprintf(out, "  %-13s %zu user%s, %zu flagged",
                group[k][0] ? escape(group[k], esc, sizeof(esc)) : "(none)",
                users, users == 1 ? "" : "s", flagged);
        const char *sep = ": ";
        for (int c = UPT_CAUSE_UNAWARE; c < UPT_CAUSE_COUNT; c++)
            if (by_cause[c]) {
                fprintf(out, "%s%s %zu", sep, upt_cause_name(c), by_cause[c]);
                sep = ", ";
            }
        sep = "; training: ";
        for (size_t t = 0; t < 3; t++) {
            size_t need = 0;
            for (int c = UPT_CAUSE_UNAWARE; c < UPT_CAUSE_COUNT; c++)
                if (strcmp(upt_cause_training(c), kinds[t]) == 0)
                    need += by_cause[c];
            if (need) {
                fprintf(out, "%s%s %zu", sep, kinds[t], need);
                sep = ", ";
            }
        }
        fputc('\n', out);
    }
    free(group);
    return 0;
}

enum upt_status upt_report_summary(FILE *out, const struct upt_diagnosis *d)
{
    size_t by_status[UPT_VS_COUNT] = {0}, by_cause[UPT_CAUSE_COUNT] = {0};
    size_t n = upt_diagnosis_count(d), flagged = 0;
    int64_t first, last;
    char a[16], b[16];

    for (size_t i = 0; i < n; i++) {
        const struct upt_verdict *v = upt_diagnosis_get(d, i);
        by_status[v->status]++;
        by_cause[v->cause]++;
        flagged += upt_verdict_flagged(v);
    }
    upt_diagnosis_window(d, &first, &last);
    if (first == INT64_MIN) {
        fprintf(out, "window: none (no events)\n");
    } else {
        upt_timestamp_format_day(first, a, sizeof(a));
        upt_timestamp_format_day(last, b, sizeof(b));
        fprintf(out, "window: %s to %s (%lld days)\n", a, b,
                (long long)(last - first + 1));
    }
    fputs("coverage: ", out);
    upt_report_categories(out, upt_diagnosis_coverage(d));
    fprintf(out, "\nduplicates: %llu events read more than once, counted once",
            (unsigned long long)upt_diagnosis_duplicates(d));
    fprintf(out, "\nusers: %zu, flagged: %zu\n\nstatus\n", n, flagged);
    for (int s = 0; s < UPT_VS_COUNT; s++)
        fprintf(out, "  %-13s %zu\n", upt_verdict_status_name(s), by_status[s]);
    fputs("\ncause\n", out);
    for (int c = UPT_CAUSE_UNAWARE; c < UPT_CAUSE_COUNT; c++)
        fprintf(out, "  %-13s %zu  %s\n", upt_cause_name(c), by_cause[c],
                upt_cause_remedy(c));
    summary_training(out, by_cause);
    if (summary_groups(out, d, "role", role_of) != 0 ||
        summary_groups(out, d, "team", team_of) != 0 ||
        summary_first_value(out, d) != 0)
        return UPT_ENOMEM;
    return ferror(out) ? UPT_EIO : UPT_OK;
}

enum upt_status upt_report_event_header(FILE *out,
                                        enum upt_report_format format)
{
    if (format != UPT_OUT_JSON)
        fputs("time\tuser\tcategory\tchannel\tobject\toutcome\tsession\traw\n",
              out);
    return ferror(out) ? UPT_EIO : UPT_OK;
}

enum upt_status upt_report_event(FILE *out, const struct upt_event *ev,
                                 enum upt_report_format format)
{
    char time[32], user[CELL_MAX], obj[CELL_MAX], sess[CELL_MAX];
    char raw[2 * CELL_MAX], e1[CELL_MAX], e2[CELL_MAX], ue[CELL_MAX];
    size_t ulen = ev->user_len < CELL_MAX - 1 ? ev->user_len : CELL_MAX - 1;

    memcpy(user, ev->user, ulen);
    user[ulen] = '\0';
    upt_timestamp_format(ev->time_ms, time, sizeof(time));
    if (format == UPT_OUT_JSON) {
        snprintf(raw, sizeof(raw), "%s:%s", ev->type, ev->detail);
        fprintf(out, "{\"time\":\"%s\",\"user\":", time);
        json_string(out, user);
        fprintf(out, ",\"category\":\"%s\",\"channel\":\"%s\",\"object\":",
                upt_category_name(ev->category), upt_channel_name(ev->channel));
        json_string(out, ev->object);
        fprintf(out, ",\"outcome\":\"%s\",\"session\":",
                upt_outcome_name(ev->outcome));
        json_string(out, ev->session);
        fputs(",\"raw\":", out);
        json_string(out, raw);
        fputs("}\n", out);
    } else {
        escape(ev->type, e1, sizeof(e1));
        escape(ev->detail, e2, sizeof(e2));
        fprintf(out, "%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s:%s\n", time,
                escape(user, ue, sizeof(ue)), upt_category_name(ev->category),
                upt_channel_name(ev->channel),
                escape(ev->object, obj, sizeof(obj)),
                upt_outcome_name(ev->outcome),
                escape(ev->session, sess, sizeof(sess)), e1, e2);
    }
    return ferror(out) ? UPT_EIO : UPT_OK;
}

/* The figures the effort rule weighs: how the two halves of the window
 * compare, the last two weeks, and the deadline days. */
static void explain_halves(FILE *out, const struct upt_explained *e)
{
    char per[2][32];
    for (int h = 0; h < 2; h++)
        if (e->half_active[h])
            snprintf(per[h], sizeof(per[h]), "%.1f",
                     (double)e->half_work[h] / e->half_active[h]);
        else
            snprintf(per[h], sizeof(per[h]), "-");
    fprintf(out,
            "halves of %u and %u days: active %u then %u days, %u then %u "
            "events, %s then %s tasks an active day; the last two weeks: "
            "active %u then %u days\n",
            e->half_days[0], e->half_days[1], e->half_active[0],
            e->half_active[1], e->half_events[0], e->half_events[1], per[0],
            per[1], e->late_active[0], e->late_active[1]);
    fprintf(out,
            "deadline days (the last %u weekdays of a month): %u in the "
            "window; active on "
            "%u, with %u of %u writes\n",
            e->deadline_span, e->deadline_days, e->deadline_active,
            e->deadline_writes, e->writes);
    fprintf(out, "working days (days the org worked): %u; ", e->workdays);
    if (e->fall.days)
        fprintf(out, "a fall to the end: %s",
                upt_fall_phrase(&e->fall, e->fall_by_days).s);
    else
        fputs("no fall to the end", out);
    if (e->fall_by_days)
        fprintf(out, "; %s median active on %.2f of them\n", e->peer_label,
                e->peer_work_day);
    else
        fprintf(out, "; %s median %.1f tasks a day\n", e->peer_label,
                e->peer_work_day);
}

enum upt_status upt_report_explain(FILE *out, const struct upt_explained *e)
{
    const struct upt_verdict *v = e->verdict;
    char cells[NCOLUMNS][CELL_MAX];
    cells_of(v, cells);
    fprintf(out, "user: %s", cells[0]);
    if (v->name[0])
        fprintf(out, " (%s)", cells[1]);
    fprintf(out, "\nrole: %s\nteam: %s\n", v->role[0] ? cells[2] : "-",
            v->team[0] ? cells[3] : "-");
    fprintf(out, "status: %s\ncause: %s", cells[4], cells[5]);
    if (v->cause != UPT_CAUSE_NONE)
        fprintf(out, " (confidence %s; %s)", cells[6], cells[7]);
    fprintf(out, "\nevidence: %s\n", cells[25]);
    if (v->first_value_days >= 0)
        fprintf(out,
                "time to first value: %d day%s from creation to a task "
                "of the role\n",
                v->first_value_days, v->first_value_days == 1 ? "" : "s");
    else if (v->first_value_days == UPT_FIRST_VALUE_NOT_YET)
        fputs("time to first value: not yet (no task of the role since "
              "creation)\n",
              out);
    fputs("coverage: ", out);
    upt_report_categories(out, e->coverage);
    fprintf(out,
            "\nfigures: active %s, %u sessions, %u actions (%u writes, %u "
            "reads), trend %s\n",
            e->active, v->sessions, e->actions, e->writes, e->reads, cells[24]);
    explain_halves(out, e);
    fprintf(out, "counts:");
    for (size_t k = 12; k <= 23; k++)
        fprintf(out, " %s %s", columns[k], cells[k]);
    fprintf(out,
            "\npeers: %s, %zu judged users; medians: %.0f active days, %.0f "
            "writes, %.0f exports, %.0f errors, %.0f reports\n",
            e->peer_label, e->peer_members, e->peer_active_days, e->peer_writes,
            e->peer_exports, e->peer_errors, e->peer_reports);
    if (e->role_tasks_from) {
        fputs("role tasks: ", out);
        upt_report_categories(out, e->role_tasks);
        fprintf(out, " (from %s); never done: ", e->role_tasks_from);
        upt_report_categories(out, e->role_tasks_missed);
        fputc('\n', out);
    }
    if (!e->judged || v->active_days == 0) {
        fputs("causes: not tried one by one (the status settles it)\n", out);
        return ferror(out) ? UPT_EIO : UPT_OK;
    }
    fprintf(out,
            "causes, scored in the order of judgement (a cause holds at "
            "%.2f; of those that hold, the first within %.2f of the best "
            "wins):\n",
            e->hold, e->margin);
    for (int c = UPT_CAUSE_UNAWARE; c < UPT_CAUSE_COUNT; c++) {
        char ev[CELL_MAX];
        fprintf(out, "  %-10s ", upt_cause_name((enum upt_cause)c));
        if (!e->cause[c].shown)
            fputs("-     not shown by the input\n", out);
        else if (!e->cause[c].holds)
            fprintf(out, "%.2f  does not hold: %s\n", e->cause[c].score,
                    escape(e->cause[c].evidence, ev, sizeof(ev)));
        else
            fprintf(out, "%.2f  holds (%s%s): %s\n", e->cause[c].score,
                    upt_verdict_status_name(e->cause[c].status),
                    c == (int)e->given ? ", given" : "",
                    escape(e->cause[c].evidence, ev, sizeof(ev)));
    }
    return ferror(out) ? UPT_EIO : UPT_OK;
}

enum upt_status upt_report_changes(FILE *out, const struct upt_change *c,
                                   size_t n, bool header)
{
    static const char *const cols[] = {
        "user",        "name",          "role",         "team",
        "change",      "status_before", "cause_before", "status_after",
        "cause_after", "evidence"};
    enum { NCOLS = sizeof(cols) / sizeof(cols[0]) };
    char cell[CELL_MAX];
    if (header)
        for (size_t k = 0; k < NCOLS; k++)
            fprintf(out, "%s%c", cols[k], k + 1 < NCOLS ? '\t' : '\n');
    for (size_t i = 0; i < n; i++) {
        const struct upt_verdict *b = c[i].before, *a = c[i].after;
        const struct upt_verdict *who = a ? a : b;
        const char *text[NCOLS] = {who->user,
                                   who->name ? who->name : "-",
                                   who->role ? who->role : "-",
                                   who->team ? who->team : "-",
                                   upt_change_kind_name(c[i].kind),
                                   b ? upt_verdict_status_name(b->status) : "-",
                                   b ? upt_cause_name(b->cause) : "-",
                                   a ? upt_verdict_status_name(a->status) : "-",
                                   a ? upt_cause_name(a->cause) : "-",
                                   who->evidence[0] ? who->evidence : "-"};
        for (size_t k = 0; k < NCOLS; k++)
            fprintf(out, "%s%c",
                    escape(text[k][0] ? text[k] : "-", cell, sizeof(cell)),
                    k + 1 < NCOLS ? '\t' : '\n');
    }
    return ferror(out) ? UPT_EIO : UPT_OK;
}
