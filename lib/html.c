/* html.c - the report as one self-contained HTML page */
#include "html.h"

#include <stdbool.h>
#include <stdlib.h>
#include <string.h>

#include "timestamp.h"
#include "utf8.h"
#include "version.h"

#include "banned.h"

/* Writes S as HTML text (or an attribute value): markup characters as
 * entities, control characters and bytes that are not UTF-8 as \xHH. */
static void text(FILE *out, const char *s)
{
    const unsigned char *p = (const unsigned char *)(s ? s : "");
    size_t left = strlen((const char *)p);
    while (*p) {
        size_t n = upt_utf8_len(p, left);
        if (n == 0 || *p < 0x20 || *p == 0x7f) {
            fprintf(out, "\\x%02x", *p);
            n = 1;
        } else if (*p == '&')
            fputs("&amp;", out);
        else if (*p == '<')
            fputs("&lt;", out);
        else if (*p == '>')
            fputs("&gt;", out);
        else if (*p == '"')
            fputs("&quot;", out);
        else if (*p == '\'')
            fputs("&#39;", out);
        else
            fwrite(p, 1, n, out);
        p += n;
        left -= n;
    }
}

static const char *or_none(const char *s) { return s && s[0] ? s : "(none)"; }

/* One role or team, and how its users were judged. */
struct group {
    const char *name;
    size_t users, flagged, by_cause[UPT_CAUSE_COUNT];
};

struct groups {
    struct group g[UPT_HTML_MAX_GROUPS + 1]; /* the last: all others */
    size_t n;
    bool others;
};

static void group_add(struct groups *gs, const char *name,
                      const struct upt_verdict *v)
{
    size_t k = 0;
    while (k < gs->n && strcmp(gs->g[k].name, name) != 0)
        k++;
    if (k == gs->n) {
        if (gs->n == UPT_HTML_MAX_GROUPS) {
            k = UPT_HTML_MAX_GROUPS;
            gs->others = true;
            gs->g[k].name = "all others";
        } else {
            gs->g[gs->n++].name = name;
        }
    }
    gs->g[k].users++;
    if (upt_verdict_flagged(v)) {
        gs->g[k].flagged++;
        gs->g[k].by_cause[v->cause]++;
    }
}

static const char *const cause_colour[UPT_CAUSE_COUNT] = {
    "#999", "#b2182b", "#ef8a62", "#67a9cf", "#2166ac", "#5aae61"};

static void css(FILE *out)
{
    fputs("<style>\n"
          "body{font:15px/1.45 system-ui,-apple-system,'Segoe UI',sans-serif;"
          "color:#1a1a1a;background:#fff;margin:0 auto;max-width:60rem;"
          "padding:1rem}\n"
          "h1{font-size:1.5rem;margin:.2rem 0}h2{font-size:1.2rem;"
          "margin:1.6rem 0 .5rem;border-bottom:1px solid #ccc}\n"
          "dl.figures{display:flex;flex-wrap:wrap;gap:.5rem;margin:0}\n"
          "dl.figures div{border:1px solid #bbb;border-radius:4px;"
          "padding:.3rem .7rem;min-width:7rem}\n"
          "dl.figures dt{font-size:.85rem;color:#444}"
          "dl.figures dd{margin:0;font-size:1.4rem;font-weight:600}\n"
          "table{border-collapse:collapse;margin:.5rem 0;width:100%}\n"
          "th,td{border:1px solid #ccc;padding:.2rem .4rem;text-align:left;"
          "vertical-align:top}th{background:#f2f2f2}\n"
          "td.n,th.n{text-align:right}\n"
          "svg{max-width:100%;height:auto}svg text{font:12px sans-serif;"
          "fill:#1a1a1a}\n"
          ".key span{display:inline-block;margin-right:1rem}"
          ".key i{display:inline-block;width:.9rem;height:.9rem;"
          "margin-right:.3rem;vertical-align:middle;border:1px solid #444}\n"
          "caption{text-align:left;font-weight:600;padding:.3rem 0}\n"
          "@media print{body{max-width:none;font-size:11px}section{"
          "break-inside:avoid}}\n"
          "</style>\n",
          out);
}

static void headline(FILE *out, const struct upt_diagnosis *d,
                     const size_t *by_status, const size_t *by_cause,
                     size_t flagged)
{
    size_t n = upt_diagnosis_count(d);
    size_t judged = n - by_status[UPT_VS_NEW] - by_status[UPT_VS_DEPARTED] -
                    by_status[UPT_VS_SERVICE];
    fputs("<section id=\"headline\" aria-labelledby=\"h-headline\">\n"
          "<h2 id=\"h-headline\">Headline</h2>\n",
          out);
    fprintf(out,
            "<p><span data-figure=\"users\">%zu</span> users; "
            "<span data-figure=\"flagged\">%zu</span> flagged; ",
            n, flagged);
    if (judged)
        fprintf(out,
                "<span data-figure=\"share-adopting\">%.0f%%</span> of the "
                "%zu judged adopting.</p>\n",
                100.0 * (double)by_status[UPT_VS_ADOPTING] / (double)judged,
                judged);
    else
        fputs("nobody to judge.</p>\n", out);
    fputs("<h3>By status</h3>\n<dl class=\"figures\">\n", out);
    for (int s = 0; s < UPT_VS_COUNT; s++)
        fprintf(out, "<div><dt>%s</dt><dd data-status=\"%s\">%zu</dd></div>\n",
                upt_verdict_status_name(s), upt_verdict_status_name(s),
                by_status[s]);
    fputs("</dl>\n<h3>By cause</h3>\n<dl class=\"figures\">\n", out);
    for (int c = UPT_CAUSE_UNAWARE; c < UPT_CAUSE_COUNT; c++)
        fprintf(out, "<div><dt>%s</dt><dd data-cause=\"%s\">%zu</dd></div>\n",
                upt_cause_name(c), upt_cause_name(c), by_cause[c]);
    fputs("</dl>\n</section>\n", out);
}

static void weekly(FILE *out, const struct upt_diagnosis *d,
                   const struct upt_week *w, size_t n)
{
    enum { W = 720, H = 230, LEFT = 40, BOTTOM = 40, TOP = 20 };
    int64_t first, last;
    uint32_t top = 1;
    char day[16];
    upt_diagnosis_window(d, &first, &last);
    for (size_t i = 0; i < n; i++)
        if (w[i].active > top)
            top = w[i].active;
    fputs("<section id=\"weekly\" aria-labelledby=\"h-weekly\">\n"
          "<h2 id=\"h-weekly\">Weekly active users</h2>\n",
          out);
    if (n == 0) {
        fputs("<p>No activity in the logs.</p>\n</section>\n", out);
        return;
    }
    double slot = (double)(W - LEFT) / (double)n;
    fprintf(out,
            "<svg viewBox=\"0 0 %d %d\" role=\"img\" "
            "aria-labelledby=\"weekly-t weekly-d\">\n"
            "<title id=\"weekly-t\">Weekly active users</title>\n"
            "<desc id=\"weekly-d\">Users with an event in each week, "
            "%zu weeks; the shaded weeks are the window judged. The table "
            "below holds the same figures.</desc>\n",
            W, H, n);
    for (size_t i = 0; i < n; i++) {
        double x = LEFT + slot * (double)i;
        double h = (double)(H - BOTTOM - TOP) * w[i].active / top;
        bool in = first != INT64_MIN && w[i].monday + 6 >= first &&
                  w[i].monday <= last;
        upt_timestamp_format_day(w[i].monday, day, sizeof(day));
        fprintf(out,
                "<g class=\"week\" data-monday=\"%s\" data-active=\"%u\"%s>",
                day, w[i].active, in ? " data-window=\"1\"" : "");
        if (in)
            fprintf(out,
                    "<rect x=\"%.1f\" y=\"%d\" width=\"%.1f\" height=\"%d\" "
                    "fill=\"#eef3f8\"/>",
                    x, TOP, slot, H - BOTTOM - TOP);
        fprintf(out,
                "<rect x=\"%.1f\" y=\"%.1f\" width=\"%.1f\" height=\"%.1f\" "
                "fill=\"#3a6ea5\"/>",
                x + slot * 0.15, H - BOTTOM - h, slot * 0.7, h);
        if (n <= 60)
            fprintf(out,
                    "<text x=\"%.1f\" y=\"%.1f\" text-anchor=\"middle\">%u"
                    "</text>",
                    x + slot / 2, H - BOTTOM - h - 4, w[i].active);
        if (n <= 12 || i % (n / 12 + 1) == 0)
            fprintf(out,
                    "<text x=\"%.1f\" y=\"%d\" text-anchor=\"middle\">%.5s"
                    "</text>",
                    x + slot / 2, H - BOTTOM + 16, day + 5);
        fputs("</g>\n", out);
    }
    fprintf(out,
            "<line x1=\"%d\" y1=\"%d\" x2=\"%d\" y2=\"%d\" stroke=\"#444\"/>"
            "\n<text x=\"%d\" y=\"%d\">weeks from Monday (MM-DD)</text>\n"
            "</svg>\n",
            LEFT, H - BOTTOM, W, H - BOTTOM, LEFT, H - 6);
    fputs("<table class=\"data\" id=\"weekly-table\"><caption>Weekly active "
          "users</caption>\n<tr><th>week from</th><th class=\"n\">active "
          "users</th><th>in the window</th></tr>\n",
          out);
    for (size_t i = 0; i < n; i++) {
        bool in = first != INT64_MIN && w[i].monday + 6 >= first &&
                  w[i].monday <= last;
        upt_timestamp_format_day(w[i].monday, day, sizeof(day));
        fprintf(out, "<tr><td>%s</td><td class=\"n\">%u</td><td>%s</td></tr>\n",
                day, w[i].active, in ? "yes" : "no");
    }
    fputs("</table>\n</section>\n", out);
}

/* Horizontal bars, one a group, its flagged users split by cause. */
static void group_bars(FILE *out, const char *kind, const struct groups *gs)
{
    enum { W = 720, ROW = 26, LABEL = 170 };
    size_t n = gs->n + gs->others, top = 1;
    for (size_t k = 0; k < n; k++)
        if (gs->g[k].users > top)
            top = gs->g[k].users;
    fprintf(out,
            "<h3>By %s</h3>\n<svg viewBox=\"0 0 %d %zu\" role=\"img\" "
            "aria-labelledby=\"%s-t\"><title id=\"%s-t\">Users and flagged "
            "users by %s, flagged split by cause; the table below holds the "
            "same figures</title>\n",
            kind, W, n * ROW + 6, kind, kind, kind);
    for (size_t k = 0; k < n; k++) {
        const struct group *g = &gs->g[k];
        double scale = (double)(W - LABEL - 120) / (double)top;
        double y = (double)k * ROW + 4, x = LABEL;
        fprintf(out, "<g class=\"group\" data-kind=\"%s\" data-group=\"", kind);
        text(out, or_none(g->name));
        fprintf(out, "\" data-users=\"%zu\" data-flagged=\"%zu\">", g->users,
                g->flagged);
        fprintf(out, "<text x=\"0\" y=\"%.1f\">", y + 15);
        text(out, or_none(g->name));
        fprintf(out,
                "</text><rect x=\"%d\" y=\"%.1f\" width=\"%.1f\" height=\"18\" "
                "fill=\"#e6e6e6\"/>",
                LABEL, y, scale * (double)g->users);
        for (int c = UPT_CAUSE_UNAWARE; c < UPT_CAUSE_COUNT; c++) {
            if (!g->by_cause[c])
                continue;
            double wd = scale * (double)g->by_cause[c];
            fprintf(
                out,
                "<rect class=\"cause\" data-cause=\"%s\" data-users=\"%zu\" "
                "x=\"%.1f\" y=\"%.1f\" width=\"%.1f\" height=\"18\" "
                "fill=\"%s\"><title>%s: %zu</title></rect>",
                upt_cause_name(c), g->by_cause[c], x, y, wd, cause_colour[c],
                upt_cause_name(c), g->by_cause[c]);
            x += wd;
        }
        fprintf(
            out, "<text x=\"%.1f\" y=\"%.1f\">%zu flagged of %zu</text></g>\n",
            LABEL + scale * (double)g->users + 6, y + 15, g->flagged, g->users);
    }
    fputs("</svg>\n", out);
    fprintf(out,
            "<table class=\"data\"><caption>Flagged users by %s and "
            "cause</caption>\n<tr><th>%s</th><th class=\"n\">users</th>"
            "<th class=\"n\">flagged</th>",
            kind, kind);
    for (int c = UPT_CAUSE_UNAWARE; c < UPT_CAUSE_COUNT; c++)
        fprintf(out, "<th class=\"n\">%s</th>", upt_cause_name(c));
    fputs("</tr>\n", out);
    for (size_t k = 0; k < n; k++) {
        const struct group *g = &gs->g[k];
        fputs("<tr><td>", out);
        text(out, or_none(g->name));
        fprintf(out, "</td><td class=\"n\">%zu</td><td class=\"n\">%zu</td>",
                g->users, g->flagged);
        for (int c = UPT_CAUSE_UNAWARE; c < UPT_CAUSE_COUNT; c++)
            fprintf(out, "<td class=\"n\">%zu</td>", g->by_cause[c]);
        fputs("</tr>\n", out);
    }
    fputs("</table>\n", out);
}

static void causes(FILE *out, const struct groups *roles,
                   const struct groups *teams)
{
    fputs("<section id=\"causes\" aria-labelledby=\"h-causes\">\n"
          "<h2 id=\"h-causes\">Causes by role and team</h2>\n"
          "<p class=\"key\">",
          out);
    for (int c = UPT_CAUSE_UNAWARE; c < UPT_CAUSE_COUNT; c++)
        fprintf(out, "<span><i style=\"background:%s\"></i>%s</span>",
                cause_colour[c], upt_cause_name(c));
    fputs(" <span><i style=\"background:#e6e6e6\"></i>not flagged</span>"
          "</p>\n",
          out);
    group_bars(out, "role", roles);
    group_bars(out, "team", teams);
    fputs("</section>\n", out);
}

static void training(FILE *out, const struct upt_diagnosis *d,
                     const struct groups *teams)
{
    static const char *const kinds[] = {"end-user", "stakeholder", "technical"};
    enum { NAMES = 40 };
    size_t n = upt_diagnosis_count(d);
    fputs("<section id=\"training\" aria-labelledby=\"h-training\">\n"
          "<h2 id=\"h-training\">Training plan</h2>\n"
          "<table><tr><th>training</th><th>for</th><th class=\"n\">users"
          "</th><th>teams</th><th>who</th></tr>\n",
          out);
    for (size_t k = 0; k < 3; k++) {
        size_t users = 0;
        for (size_t i = 0; i < n; i++) {
            const struct upt_verdict *v = upt_diagnosis_get(d, i);
            users += upt_verdict_flagged(v) &&
                     strcmp(upt_cause_training(v->cause), kinds[k]) == 0;
        }
        fprintf(out,
                "<tr data-training=\"%s\" data-users=\"%zu\"><td>%s</td>"
                "<td>",
                kinds[k], users, kinds[k]);
        const char *sep = "";
        for (int c = UPT_CAUSE_UNAWARE; c < UPT_CAUSE_COUNT; c++)
            if (strcmp(upt_cause_training(c), kinds[k]) == 0) {
                fprintf(out, "%s%s: %s", sep, upt_cause_name(c),
                        upt_cause_remedy(c));
                sep = "<br>";
            }
        fprintf(out, "</td><td class=\"n\">%zu</td><td>", users);
        sep = "";
        for (size_t t = 0; t < teams->n + teams->others; t++) {
            size_t in = 0;
            for (int c = UPT_CAUSE_UNAWARE; c < UPT_CAUSE_COUNT; c++)
                if (strcmp(upt_cause_training(c), kinds[k]) == 0)
                    in += teams->g[t].by_cause[c];
            if (!in)
                continue;
            fputs(sep, out);
            text(out, or_none(teams->g[t].name));
            fprintf(out, " %zu", in);
            sep = ", ";
        }
        fputs("</td><td>", out);
        size_t shown = 0;
        sep = "";
        for (size_t i = 0; i < n && shown < NAMES; i++) {
            const struct upt_verdict *v = upt_diagnosis_get(d, i);
            if (!upt_verdict_flagged(v) ||
                strcmp(upt_cause_training(v->cause), kinds[k]) != 0)
                continue;
            fputs(sep, out);
            text(out, v->name && v->name[0] ? v->name : v->user);
            sep = ", ";
            shown++;
        }
        if (users > shown)
            fprintf(out, " and %zu more", users - shown);
        fputs("</td></tr>\n", out);
    }
    fputs("</table>\n</section>\n", out);
}

static void flagged_table(FILE *out, const struct upt_diagnosis *d,
                          size_t flagged)
{
    size_t n = upt_diagnosis_count(d), rows = 0;
    fputs("<section id=\"flagged\" aria-labelledby=\"h-flagged\">\n"
          "<h2 id=\"h-flagged\">Flagged users</h2>\n",
          out);
    if (!flagged) {
        fputs("<p>Nobody is flagged.</p>\n</section>\n", out);
        return;
    }
    fputs("<table id=\"flagged-table\"><tr><th>user</th><th>name</th>"
          "<th>role</th><th>team</th><th>status</th><th>cause</th>"
          "<th class=\"n\">confidence</th><th>evidence</th></tr>\n",
          out);
    for (size_t i = 0; i < n && rows < UPT_HTML_MAX_ROWS; i++) {
        const struct upt_verdict *v = upt_diagnosis_get(d, i);
        if (!upt_verdict_flagged(v))
            continue;
        rows++;
        fputs("<tr data-user=\"", out);
        text(out, v->user);
        fputs("\"><td>", out);
        text(out, v->user);
        fputs("</td><td>", out);
        text(out, v->name);
        fputs("</td><td>", out);
        text(out, v->role);
        fputs("</td><td>", out);
        text(out, v->team);
        fprintf(out, "</td><td>%s</td><td>%s</td><td class=\"n\">",
                upt_verdict_status_name(v->status), upt_cause_name(v->cause));
        if (v->cause != UPT_CAUSE_NONE)
            fprintf(out, "%.2f", v->confidence);
        else
            fputs("-", out);
        fputs("</td><td>", out);
        text(out, v->evidence);
        fputs("</td></tr>\n", out);
    }
    fputs("</table>\n", out);
    if (flagged > rows)
        fprintf(out,
                "<p id=\"flagged-more\">And %zu more flagged users: the TSV "
                "report (uptake --only flagged) lists them all.</p>\n",
                flagged - rows);
    fputs("</section>\n", out);
}

enum upt_status upt_html_write(FILE *out, const struct upt_diagnosis *d,
                               const struct upt_week *weeks, size_t nweeks,
                               const char *title)
{
    size_t by_status[UPT_VS_COUNT] = {0}, by_cause[UPT_CAUSE_COUNT] = {0};
    size_t n = upt_diagnosis_count(d), flagged = 0;
    struct groups *roles = calloc(1, sizeof(*roles));
    struct groups *teams = calloc(1, sizeof(*teams));
    int64_t first, last;
    char a[16] = "", b[16] = "";
    if (!roles || !teams) {
        free(roles);
        free(teams);
        return UPT_ENOMEM;
    }
    for (size_t i = 0; i < n; i++) {
        const struct upt_verdict *v = upt_diagnosis_get(d, i);
        by_status[v->status]++;
        if (upt_verdict_flagged(v)) {
            flagged++;
            by_cause[v->cause]++;
        }
        group_add(roles, v->role ? v->role : "", v);
        group_add(teams, v->team ? v->team : "", v);
    }
    upt_diagnosis_window(d, &first, &last);
    if (first != INT64_MIN) {
        upt_timestamp_format_day(first, a, sizeof(a));
        upt_timestamp_format_day(last, b, sizeof(b));
    }
    fputs("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta "
          "charset=\"utf-8\">\n<meta name=\"viewport\" "
          "content=\"width=device-width, initial-scale=1\">\n<title>",
          out);
    text(out, title ? title : "CRM adoption");
    if (a[0])
        fprintf(out, ", %s to %s", a, b);
    fputs("</title>\n", out);
    css(out);
    fputs("</head>\n<body>\n<header>\n<h1>", out);
    text(out, title ? title : "CRM adoption");
    fputs("</h1>\n<p>", out);
    if (a[0])
        fprintf(out,
                "Window judged: <span data-figure=\"window\">%s to %s</span> "
                "(%lld days).",
                a, b, (long long)(last - first + 1));
    else
        fputs("No events and no --as-of: no window.", out);
    fputs("</p>\n</header>\n<main>\n", out);
    headline(out, d, by_status, by_cause, flagged);
    weekly(out, d, weeks, nweeks);
    causes(out, roles, teams);
    training(out, d, teams);
    flagged_table(out, d, flagged);
    fprintf(out,
            "</main>\n<footer><p>Made by uptake %s from the CRM's logs. "
            "Flagged: at-risk, not-adopting or inactive.</p></footer>\n"
            "</body>\n</html>\n",
            UPT_VERSION);
    free(roles);
    free(teams);
    return ferror(out) ? UPT_EIO : UPT_OK;
}
