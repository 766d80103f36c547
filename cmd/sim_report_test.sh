#!/bin/sh
# sim_report_test.sh - a small fixed organisation of uptake-sim, in each
# format, and uptake's report of it: both must be the bytes committed in
# testdata/sim/, so that any change in what the simulator writes or in how
# uptake judges it is seen in a diff. UPDATE=1 rewrites the expected files
# (read the diff before committing: it is the change in behaviour).
# Usage, from the top of the tree:
#   sh cmd/sim_report_test.sh BUILD/uptake-sim BUILD/uptake
sim=${1:?usage: sim_report_test.sh UPTAKE_SIM UPTAKE}
uptake=${2:?usage: sim_report_test.sh UPTAKE_SIM UPTAKE}
want=testdata/sim
n=0 failed=0

tmp=$(mktemp -d "${TMPDIR:-/tmp}/sim_report.XXXXXX") || exit 2
trap 'rm -rf "$tmp"' EXIT
trap 'exit 130' INT TERM

# compare NAME GOT: GOT has the bytes of testdata/sim/NAME
compare() {
    n=$((n + 1))
    [ -n "$UPDATE" ] && cp "$2" "$want/$1"
    if cmp -s "$want/$1" "$2"; then
        echo "ok $n - $want/$1"
    else
        failed=$((failed + 1))
        echo "not ok $n - $want/$1"
        diff -u "$want/$1" "$2" | sed 's/^/#  /' | head -40
    fi
}

for fmt in salesforce salesforce-login salesforce-audit dataverse suitecrm purview \
    hubspot zoho; do
    org=$tmp/$fmt
    if ! "$sim" --users 60 --seed 7 --noise 1 --format "$fmt" --out "$org"; then
        n=$((n + 1)) failed=$((failed + 1))
        echo "not ok $n - uptake-sim --format $fmt"
        continue
    fi
    compare "$fmt-seed7.truth.tsv" "$org/truth.tsv"
    "$uptake" --roster "$org/roster.csv" "$org"/logs/* >"$tmp/report" 2>"$tmp/err"
    echo "exit $?" >>"$tmp/err"
    cat "$tmp/err" >>"$tmp/report"
    compare "$fmt-seed7.report.tsv" "$tmp/report"
done

echo "$((n - failed)) passed, $failed failed"
[ "$failed" -eq 0 ]
