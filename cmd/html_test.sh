#!/bin/sh
# html_test.sh - --output html in a real browser: headless Chromium renders
# the page of a 500-user simulated org, and the figures of its DOM (by
# status, by cause, by team, the weekly active users, the flagged rows)
# must equal those of the TSV report and of the events; the page fetches
# nothing and runs no script; 0 users, 1 user and 50,000 users make sound
# pages. A screenshot is left in $SHOT (default build/html-report.png) for
# review. Prints "ok N - what" or "not ok N - what", then "N passed, M
# failed".
#
# Usage: UPTAKE=... SIM=... [CHROMIUM=chromium] sh cmd/html_test.sh
: "${UPTAKE:?set UPTAKE to the binary}"
. "$(dirname "$0")/test_lib.sh"
: "${SIM:?set SIM to uptake-sim}"
shot=${SHOT:-$(pwd)/build/html-report.png}
browser=${CHROMIUM:-chromium}
tmp=$(mktemp -d) || exit 2
trap 'rm -rf "$tmp"' EXIT


same() { # both non-empty and equal
    [ -s "$1" ] || { echo "#  $1 is empty"; return 1; }
    cmp -s "$1" "$2" && return 0
    diff -u "$1" "$2" | head -20 | sed 's/^/#  /'
    return 1
}

if ! command -v "$browser" >/dev/null 2>&1; then
    echo "html_test: no $browser (apt-get install chromium, or make deps" \
        "DEB_PACKAGES=chromium)" >&2
    exit 1
fi

# Chromium as the session machine runs it: headless, no sandbox (root in
# CI), nothing of its own fetched, a profile of its own.
chrome() {
    "$browser" --headless --no-sandbox --disable-gpu --disable-quic \
        --no-first-run --disable-background-networking \
        --disable-component-update --disable-sync \
        --user-data-dir="$tmp/profile" "$@" 2>>"$tmp/chrome.log"
}

"$SIM" --users 500 --seed 3 --out "$tmp/org" >/dev/null
"$UPTAKE" --roster "$tmp/org/roster.csv" "$tmp/org/logs"/*.csv >"$tmp/report.tsv"
"$UPTAKE" --roster "$tmp/org/roster.csv" --output html "$tmp/org/logs"/*.csv \
    >"$tmp/report.html"
check "the page is written" test -s "$tmp/report.html"
chrome --dump-dom "file://$tmp/report.html" >"$tmp/dom.html"
check "Chromium renders it" grep -q '<g class="week"' "$tmp/dom.html"
chrome --screenshot="$shot" --window-size=1100,3000 "file://$tmp/report.html" \
    >/dev/null
check "a screenshot for review ($shot)" test -s "$shot"

# One "name value" a line, sorted: from the DOM by attribute, from the
# TSV by column.
dom_pairs() { # ELEMENT-ATTR VALUE-ATTR
    tr '>' '\n' <"$tmp/dom.html" | grep "$1=\"" |
        sed -n "s/.*$1=\"\\([^\"]*\\)\".*$2=\"\\([^\"]*\\)\".*/\\1 \\2/p" | sort
}
tsv_count() { # COLUMN [flagged]: how many users have each value
    awk -F'\t' -v c="$1" -v f="${2:-}" 'NR > 1 && (f == "" ||
        $5 == "at-risk" || $5 == "not-adopting" || $5 == "inactive") {
        n[$c]++ } END { for (k in n) print k, n[k] }' "$tmp/report.tsv" | sort
}

# headline: users by status
sed -n 's/.*<dd data-status="\([^"]*\)">\([0-9]*\)<.*/\1 \2/p' "$tmp/dom.html" |
    awk '$2 > 0' | sort >"$tmp/dom-status"
tsv_count 5 >"$tmp/tsv-status"
check "headline: users by status equal the TSV" same "$tmp/tsv-status" "$tmp/dom-status"
sed -n 's/.*<dd data-cause="\([^"]*\)">\([0-9]*\)<.*/\1 \2/p' "$tmp/dom.html" |
    awk '$2 > 0' | sort >"$tmp/dom-cause"
tsv_count 6 flagged | grep -v '^- ' >"$tmp/tsv-cause"
check "headline: flagged users by cause equal the TSV" same "$tmp/tsv-cause" "$tmp/dom-cause"
users=$(sed -n 's/.*data-figure="users">\([0-9]*\)<.*/\1/p' "$tmp/dom.html")
check "headline: the users, as many as the TSV's lines" \
    test "$users" = $(($(wc -l <"$tmp/report.tsv") - 1))

# causes by team: users and flagged of each team's bar
tr '>' '\n' <"$tmp/dom.html" | grep 'class="group" data-kind="team"' |
    sed 's/.*data-group="\([^"]*\)" data-users="\([0-9]*\)" data-flagged="\([0-9]*\)".*/\1|\2|\3/' |
    sort >"$tmp/dom-team"
awk -F'\t' 'NR > 1 { u[$4]++; if ($5 == "at-risk" || $5 == "not-adopting" ||
    $5 == "inactive") f[$4]++ } END { for (k in u) printf "%s|%d|%d\n",
    (k == "" || k == "-") ? "(none)" : k, u[k], f[k] }' "$tmp/report.tsv" |
    sort >"$tmp/tsv-team"
check "bars by team: users and flagged equal the TSV" same "$tmp/tsv-team" "$tmp/dom-team"
tr '>' '\n' <"$tmp/dom.html" | grep -c 'class="cause" data-cause=' >"$tmp/nseg"
check "bars by team and role: a segment per group and cause" test "$(cat "$tmp/nseg")" -gt 5

# weekly active users: from the events, users (not services) with an
# event in each week from Monday, within the window
"$UPTAKE" events "$tmp/org/logs"/*.csv 2>/dev/null | awk -F'\t' '
    FNR == NR { if (FNR > 1 && $5 == "service") svc[substr($1, 1, 15)] = 1; next }
    FNR == 1 { next }
    function days(y, m, d) { # days since 1970-01-01 (civil calendar)
        y -= m <= 2; era = int(y / 400); yoe = y - era * 400
        doy = int((153 * (m + (m > 2 ? -3 : 9)) + 2) / 5) + d - 1
        return era * 146097 + yoe * 365 + int(yoe / 4) - int(yoe / 100) + doy - 719468 }
    { u = substr($2, 1, 15); if (u in svc) next
      day = days(substr($1, 1, 4) + 0, substr($1, 6, 2) + 0, substr($1, 9, 2) + 0)
      mon = day - (day - 4) % 7; seen[mon " " u] = 1 }
    END { for (k in seen) { split(k, a, " "); n[a[1]]++ }
          for (m in n) print m, n[m] }' "$tmp/report.tsv" - |
    sort -n >"$tmp/events-weeks"
tr '>' '\n' <"$tmp/dom.html" | grep 'class="week"' |
    sed 's/.*data-monday="\([0-9-]*\)" data-active="\([0-9]*\)".*/\1 \2/' |
    awk '$2 > 0 { split($1, d, "-"); y = d[1]; m = d[2] + 0; dd = d[3] + 0
        y -= m <= 2; era = int(y / 400); yoe = y - era * 400
        doy = int((153 * (m + (m > 2 ? -3 : 9)) + 2) / 5) + dd - 1
        print era * 146097 + yoe * 365 + int(yoe / 4) - int(yoe / 100) + doy - 719468, $2 }' |
    sort -n >"$tmp/dom-weeks"
check "weekly active users equal those the events show" same "$tmp/events-weeks" "$tmp/dom-weeks"

# flagged users: a row each, the same ids
tr '>' '\n' <"$tmp/dom.html" | sed -n 's/.*<tr data-user="\([^"]*\)".*/\1/p' |
    sort >"$tmp/dom-flagged"
awk -F'\t' 'NR > 1 && ($5 == "at-risk" || $5 == "not-adopting" ||
    $5 == "inactive") { print $1 }' "$tmp/report.tsv" | sort >"$tmp/tsv-flagged"
check "flagged users: a row for each flagged user of the TSV" same "$tmp/tsv-flagged" "$tmp/dom-flagged"

# self-contained, accessible
check "no script" sh -c "! grep -qi '<script' '$tmp/report.html'"
check "nothing fetched: no src or link to elsewhere" \
    sh -c "! grep -Eqi '(src|href)=\"[a-z]+:' '$tmp/report.html' && ! grep -qi '<link' '$tmp/report.html'"
check "headings: one h1, a h2 per part" \
    test "$(grep -c '<h2' "$tmp/report.html")" -ge 5 -a "$(grep -c '<h1' "$tmp/report.html")" = 1
check "every chart has a title (its alt text)" \
    test "$(grep -c '<svg' "$tmp/report.html")" = "$(grep -c '<svg[^>]*role="img" aria-labelledby' "$tmp/report.html")"
check "the page has a language and a title" grep -q '<html lang="en">' "$tmp/report.html"

# 0 users, 1 user, 50,000 users
: >"$tmp/empty.csv"
"$UPTAKE" --output html "$tmp/empty.csv" >"$tmp/zero.html" 2>/dev/null
chrome --dump-dom "file://$tmp/zero.html" >"$tmp/zero.dom"
check "0 users: a page saying so" grep -q 'data-figure="users">0<' "$tmp/zero.dom"
check "0 users: nobody flagged, no activity" \
    sh -c "grep -q 'Nobody is flagged' '$tmp/zero.dom' && grep -q 'No activity' '$tmp/zero.dom'"
{ head -n 1 "$tmp/org/logs/Login.csv"; grep -v integration "$tmp/org/logs/Login.csv" |
    sed -n 2p; } >"$tmp/one.csv"
"$UPTAKE" --output html "$tmp/one.csv" >"$tmp/one.html"
chrome --dump-dom "file://$tmp/one.html" >"$tmp/one.dom"
check "1 user: one user, one active week" \
    sh -c "grep -q 'data-figure=\"users\">1<' '$tmp/one.dom' && test \$(grep -o 'data-active=\"1\"' '$tmp/one.dom' | wc -l) = 1"
"$SIM" --users 50000 --days 7 --volume 0.05 --seed 5 --out "$tmp/big" >/dev/null
"$UPTAKE" --roster "$tmp/big/roster.csv" --output html "$tmp/big/logs"/*.csv \
    >"$tmp/big.html" 2>/dev/null
size=$(wc -c <"$tmp/big.html")
echo "# 50,000 users: a page of $size bytes"
check "50,000 users: a page under 1 MB" test "$size" -lt 1048576
chrome --dump-dom "file://$tmp/big.html" >"$tmp/big.dom"
check "50,000 users: 1,000 flagged rows and the rest counted" \
    sh -c "test \$(grep -o '<tr data-user=' '$tmp/big.dom' | wc -l) = 1000 && grep -q 'id=\"flagged-more\"' '$tmp/big.dom'"

results
