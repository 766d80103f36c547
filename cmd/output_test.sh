#!/bin/sh
# output_test.sh - where the result goes and how a run ends, which the
# data-only cases cannot show: -o FILE put in place whole or not at all, and
# a write error on stdout. Prints "ok N - what" or "not ok N - what" with
# what differed, then "N passed, M failed". Runs from testdata/.
: "${UPTAKE:?set UPTAKE to the binary}"
cd "$(dirname "$0")/../testdata" || exit 2
tmp=$(mktemp -d) || exit 2
trap 'rm -rf "$tmp"' EXIT
out=$tmp/out
mkdir "$out" || exit 2
n=0 fail=0
logs="sample/Login-2026-10.csv.gz sample/Logout-2026-10.csv"

# run ARG...: uptake's stdout, stderr and status go to $tmp
run() {
    "$UPTAKE" "$@" >"$tmp/stdout" 2>"$tmp/stderr"
    echo $? >"$tmp/status"
}

# check WHAT TEST...: one test line, from TEST's exit status
check() {
    what=$1
    shift
    n=$((n + 1))
    if "$@"; then
        echo "ok $n - $what"
    else
        fail=$((fail + 1))
        echo "not ok $n - $what"
    fi
}

# holds FILE TEXT: FILE is TEXT and a line end (TEXT empty: FILE is empty)
holds() {
    if [ -z "$2" ]; then : >"$tmp/want"; else printf '%s\n' "$2" >"$tmp/want"; fi
    cmp -s "$tmp/want" "$1" && return 0
    diff -u "$tmp/want" "$1" | sed 's/^/#  /'
    return 1
}

# ended STATUS STDERR: how the last run ended
ended() { holds "$tmp/status" "$1" && holds "$tmp/stderr" "$2"; }

# only NAME...: $out holds these names and nothing else (no temporary)
only() {
    have=$(cd "$out" && ls -A | tr '\n' ' ')
    [ "$have" = "$* " ] || { echo "#  in $out: $have"; return 1; }
}

same() { cmp -s "$1" "$2" || { echo "#  $1 and $2 differ"; return 1; }; }

"$UPTAKE" $logs >"$tmp/report" 2>/dev/null
"$UPTAKE" events $logs >"$tmp/events" 2>/dev/null

run -o "$out/report.tsv" $logs
check "-o FILE: exits 0, nothing on stdout or stderr" ended 0 ""
check "-o FILE: FILE holds what stdout would" same "$out/report.tsv" "$tmp/report"
check "-o FILE: nothing else is left in the directory" only report.tsv

echo old >"$out/report.tsv"
chmod 600 "$out/report.tsv"
run events --output-file "$out/report.tsv" $logs
check "--output-file FILE: events replace an old FILE" same "$out/report.tsv" "$tmp/events"
check "--output-file FILE: FILE keeps its mode" \
    test "$(stat -c %a "$out/report.tsv")" = 600

echo old >"$out/report.tsv"
run --config nonexistent.conf -o "$out/report.tsv" $logs
check "-o FILE, bad --config: status 2" \
    ended 2 "uptake: nonexistent.conf: cannot open: No such file or directory"
check "-o FILE, bad --config: the old FILE is untouched" holds "$out/report.tsv" old
check "-o FILE, bad --config: no temporary is left" only report.tsv

run explain -o "$out/report.tsv" nobody $logs
check "-o FILE, unknown user: the old FILE is untouched" holds "$out/report.tsv" old
check "-o FILE, unknown user: no temporary is left" only report.tsv

run events -o "$out/events.tsv" malformed/far-future.csv
check "-o FILE with a bad row: status 1, the row told" ended 1 \
    "uptake: malformed/far-future.csv:4: timestamp '2206-10-07T08:15:44.274Z' is in the future; row skipped"
check "-o FILE with a bad row: the rest is written" \
    test "$(wc -l <"$out/events.tsv")" -eq 6

run -o - $logs
check "-o -: stdout" same "$tmp/stdout" "$tmp/report"

# a full disk: said once, status 1
"$UPTAKE" $logs >/dev/full 2>"$tmp/stderr"
echo $? >"$tmp/status"
check "report >/dev/full: a write error, status 1" \
    ended 1 "uptake: write error: No space left on device"
"$UPTAKE" events $logs >/dev/full 2>"$tmp/stderr"
echo $? >"$tmp/status"
check "events >/dev/full: a write error, status 1" \
    ended 1 "uptake: write error: No space left on device"

echo "$((n - fail)) passed, $fail failed"
[ "$fail" -eq 0 ]
