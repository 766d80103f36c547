#!/bin/sh
# pseudonym_test.sh - --pseudonymize KEYFILE: no output of any command (the
# HTML page too) holds a user's id, name, e-mail or login; tokens stay the
# same under one key and differ under another; and 'uptake pseudonym'
# tells an admin the token of an id. Prints "ok N - what" or "not ok N -
# what", then "N passed, M failed". Runs from testdata/, on the sample
# logs and roster.
: "${UPTAKE:?set UPTAKE to the binary}"
. "$(dirname "$0")/test_lib.sh"
cd "$(dirname "$0")/../testdata" || exit 2
tmp=$(mktemp -d) || exit 2
trap 'rm -rf "$tmp"' EXIT
roster=sample/roster.csv
logs=$(ls sample/*-2026-10.csv*)


if ! "$UPTAKE" pseudonym --new-key "$tmp/key" 2>"$tmp/err"; then
    check "without libsodium, --new-key says why" \
        grep -q "built without libsodium" "$tmp/err"
    echo "$((n - fail)) passed, $fail failed"
    [ "$fail" -eq 0 ]
    exit
fi
check "a new key is readable by its owner only" \
    test "$(stat -c %a "$tmp/key")" = 600
"$UPTAKE" pseudonym --new-key "$tmp/key2"
! "$UPTAKE" pseudonym --new-key "$tmp/key" 2>/dev/null
check "an existing key is never replaced" test $? = 0

# What must not be seen: every roster id (and its 15-character form) and
# name, and every login name and id the logs hold.
{
    awk -F, 'NR > 1 { print $1; print substr($1, 1, 15); print $2 }' "$roster"
    for f in $logs; do
        zcat -f "$f" | awk -F'","' '
            NR == 1 { for (i = 1; i <= NF; i++) { gsub(/"/, "", $i); col[$i] = i } next }
            { if ("USER_NAME" in col) print $col["USER_NAME"]
              if ("USER_ID" in col) print substr($col["USER_ID"], 1, 15) }'
    done
} | grep -v '^$' | sort -u >"$tmp/secrets"
check "the secrets list holds the roster and the logs' users" \
    test "$(wc -l <"$tmp/secrets")" -gt 30

# Every output, with the key.
k="--pseudonymize $tmp/key"
# shellcheck disable=SC2086
{
    "$UPTAKE" $k --roster "$roster" $logs >"$tmp/report.tsv"
    "$UPTAKE" $k --roster "$roster" --output json $logs >"$tmp/report.json"
    "$UPTAKE" $k --roster "$roster" --output text $logs >"$tmp/report.txt"
    "$UPTAKE" $k --roster "$roster" --output html $logs >"$tmp/report.html"
    "$UPTAKE" summary $k --roster "$roster" $logs >"$tmp/summary.txt"
    "$UPTAKE" explain $k --roster "$roster" 005Dn000001BxYz $logs >"$tmp/explain.txt"
    "$UPTAKE" events $k $logs >"$tmp/events.tsv"
    "$UPTAKE" events $k --output json $logs >"$tmp/events.json"
    set -- $logs
    "$UPTAKE" $k --roster "$roster" --state "$tmp/a.state" "$1" "$2" "$3" >/dev/null
    cp "$tmp/a.state" "$tmp/before.state"
    shift 3
    "$UPTAKE" $k --roster "$roster" --state "$tmp/a.state" "$@" >"$tmp/state-report.tsv"
    "$UPTAKE" diff $k --roster "$roster" "$tmp/before.state" "$tmp/a.state" >"$tmp/diff.tsv"
    "$UPTAKE" merge "$tmp/before.state" >"$tmp/merged.state"
} 2>"$tmp/stderr"
check "every command ran without a problem" \
    sh -c "! grep -v 'days revised' '$tmp/stderr' | sed 's/^/#  /' | grep ."
for f in report.tsv report.json report.txt report.html summary.txt explain.txt events.tsv \
    events.json a.state before.state state-report.tsv diff.tsv merged.state stderr; do
    check "$f: no id, name, e-mail or login" \
        sh -c "! grep -F -i -f '$tmp/secrets' '$tmp/$f' | sed 's/^/#  /' | grep ."
done
check "events: no search terms (free text) either" \
    sh -c "! grep -q -i 'umbrella' '$tmp/events.tsv' '$tmp/events.json'"
check "the report still has every user" \
    test "$(wc -l <"$tmp/report.tsv")" = "$(awk 'END { print NR }' "$roster")"
check "a state built night by night reports as one run" \
    cmp -s "$tmp/report.tsv" "$tmp/state-report.tsv"

# The same key, the same tokens; another key, others.
# shellcheck disable=SC2086
"$UPTAKE" $k --roster "$roster" $logs >"$tmp/again.tsv"
check "the same key: the same report" cmp -s "$tmp/report.tsv" "$tmp/again.tsv"
# shellcheck disable=SC2086
"$UPTAKE" --pseudonymize "$tmp/key2" --roster "$roster" $logs >"$tmp/other.tsv"
check "another key: other tokens" \
    sh -c "! cut -f1 '$tmp/report.tsv' | tail -n +2 | grep -F -x -f - '$tmp/other.tsv' >/dev/null"
# shellcheck disable=SC2086
"$UPTAKE" --roster "$roster" $logs >"$tmp/plain.tsv"
check "the verdicts are those without a key" \
    sh -c "cut -f3- '$tmp/plain.tsv' | sort >'$tmp/a' && cut -f3- '$tmp/report.tsv' | sort >'$tmp/b' && cmp -s '$tmp/a' '$tmp/b'"

# An admin with the key finds a user.
token=$("$UPTAKE" pseudonym "$tmp/key" 005Dn000001BxYz)
check "uptake pseudonym: the token in the report" \
    grep -q "^$token	" "$tmp/report.tsv"
check "uptake pseudonym: 15 and 18 characters, one token" \
    test "$("$UPTAKE" pseudonym "$tmp/key" 005Dn000001BxYzAAA)" = "$token"
# shellcheck disable=SC2086
"$UPTAKE" explain $k --roster "$roster" "$token" $logs >"$tmp/explain2.txt"
check "explain takes the token too" cmp -s "$tmp/explain.txt" "$tmp/explain2.txt"
printf 'short' >"$tmp/shortkey"
"$UPTAKE" --pseudonymize "$tmp/shortkey" sample/Login-2026-10.csv.gz >/dev/null 2>"$tmp/err"
check "a key under 16 bytes is refused" grep -q "a key needs at least 16 bytes" "$tmp/err"

results
