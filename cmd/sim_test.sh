#!/bin/sh
# sim_test.sh - uptake reads what uptake-sim writes. For each format and
# seed: the same options give the same bytes; uptake reads every log, alone
# and all together, with exit 0 (3 with --fail-on flagged) and nothing on
# stderr; every roster user is in truth.tsv and in the report. Then a table
# of how uptake's verdicts agree with the truth, per cause: informational
# only, for tuning the diagnosis; a disagreement never fails the test.
# Usage, from the top of the tree:
#   sh cmd/sim_test.sh BUILD/uptake-sim BUILD/uptake
# Environment: SIM_USERS (default 40), SIM_SEEDS (default "1 2"),
# SIM_FORMATS (default "salesforce salesforce-login salesforce-audit
# dataverse suitecrm purview hubspot zoho"), SIM_NOISE (default 1).
sim=${1:?usage: sim_test.sh UPTAKE_SIM UPTAKE}
uptake=${2:?usage: sim_test.sh UPTAKE_SIM UPTAKE}
users=${SIM_USERS:-40}
seeds=${SIM_SEEDS:-1 2}
formats=${SIM_FORMATS:-salesforce salesforce-login salesforce-audit dataverse
    suitecrm purview hubspot zoho}
noise=${SIM_NOISE:-1}
n=0 failed=0

tmp=$(mktemp -d "${TMPDIR:-/tmp}/sim_test.XXXXXX") || exit 1
trap 'rm -rf "$tmp"' EXIT
trap 'exit 130' INT TERM

ok() { n=$((n + 1)); echo "ok $n - $1"; }
not_ok() { n=$((n + 1)); failed=$((failed + 1)); echo "not ok $n - $1"; }
# quiet STATUS CMD...: CMD exits STATUS and writes nothing on stderr
quiet() {
    want=$1; shift
    "$@" >"$tmp/out" 2>"$tmp/err"; st=$?
    [ "$st" -eq "$want" ] && [ ! -s "$tmp/err" ] && return 0
    sed 's/^/#  /' "$tmp/err" | head -5; echo "#  exit $st, not $want"
    return 1
}
usage_error() {
    "$sim" "$@" >/dev/null 2>"$tmp/err"; st=$?
    [ "$st" -eq 2 ] && grep -q '^uptake-sim: ' "$tmp/err"
}

if quiet 0 "$sim" --help && grep -q -- '--mix' "$tmp/out"; then
    ok "uptake-sim --help"; else not_ok "uptake-sim --help"; fi
if quiet 0 "$sim" --version; then ok "uptake-sim --version"
else not_ok "uptake-sim --version"; fi
for args in "--users 0 --out $tmp/x" "--mix bogus=5% --out $tmp/x" \
    "--start 2026-02-30 --out $tmp/x" "--noise 4 --out $tmp/x" \
    "--format nosuch --out $tmp/x" "--users 10" "--size 0 --out $tmp/x" \
    "--size 5T --out $tmp/x" "--daily --format dataverse --out $tmp/x"; do
    # shellcheck disable=SC2086
    if usage_error $args; then ok "usage error: $args"
    else not_ok "usage error: $args (exit $st)"; fi
done
# the options of the benchmark's logs say what is wrong
for case in "--size 0|uptake-sim: --size: '0' is not a size (a whole number of bytes, or with K, M or G)" \
    "--size 5T|uptake-sim: --size: '5T' is not a size (a whole number of bytes, or with K, M or G)" \
    "--daily --format zoho|uptake-sim: --daily is for --format salesforce"; do
    args=${case%%|*} want=${case#*|}
    # shellcheck disable=SC2086
    if usage_error $args --out "$tmp/x" && [ "$(head -n 1 "$tmp/err")" = "$want" ]
    then ok "message: $args"
    else not_ok "message: $args: $(head -n 1 "$tmp/err")"; fi
done

# --daily: a file per event type and day, whose rows are those of the
# files per type, so uptake's report is the same bytes; --size: the logs
# stop at the end of the first day that reaches the size
d=$tmp/daily
if quiet 0 "$sim" --users 60 --seed 3 --out "$d/types" &&
    quiet 0 "$sim" --users 60 --seed 3 --daily --out "$d/days" &&
    quiet 0 "$uptake" --roster "$d/types/roster.csv" "$d/types"/logs/* &&
    mv "$tmp/out" "$d/types.tsv" &&
    quiet 0 "$uptake" --roster "$d/days/roster.csv" "$d/days"/logs/* &&
    cmp -s "$tmp/out" "$d/types.tsv" &&
    [ "$(ls "$d/days/logs" | sed -n '1s/_.*//p')" = 2026-10-05 ] &&
    [ "$(ls "$d/days/logs" | sed 's/_.*//' | sort -u | wc -l)" -eq 28 ]
then ok "--daily: 28 days of files, the report of the files per type"
else not_ok "--daily: 28 days of files, the report of the files per type"; fi
if quiet 0 "$sim" --users 60 --seed 3 --daily --size 2M --out "$d/size" &&
    bytes=$(cat "$d/size"/logs/* | wc -c) &&
    last=$(ls "$d/size/logs" | sed 's/_.*//' | sort -u | tail -n 1) &&
    before=$(cat "$d/size"/logs/[0-9]* | wc -c) &&
    lastday=$(cat "$d/size/logs/${last}"_* | wc -c) &&
    [ "$bytes" -ge 2097152 ] && [ $((bytes - lastday)) -lt 2097152 ] &&
    [ "$before" -eq "$bytes" ] && [ "$last" != 2026-10-05 ] &&
    [ "$last" != 2026-11-01 ]
then ok "--size 2M: stops at the end of the day that reaches it ($bytes bytes, to $last)"
else not_ok "--size 2M: stops at the end of the day that reaches it"; fi
rm -rf "$d"

# same_tree A B: the same files with the same bytes
same_tree() {
    (cd "$1" && find . -type f | sort) >"$tmp/list.a"
    (cd "$2" && find . -type f | sort) >"$tmp/list.b"
    cmp -s "$tmp/list.a" "$tmp/list.b" || return 1
    while read -r f; do cmp -s "$1/$f" "$2/$f" || return 1; done <"$tmp/list.a"
}

for fmt in $formats; do
    for seed in $seeds; do
        at="$fmt, seed $seed"
        a=$tmp/$fmt-$seed-a b=$tmp/$fmt-$seed-b
        set -- --users "$users" --seed "$seed" --noise "$noise" --format "$fmt"
        if quiet 0 "$sim" "$@" --out "$a" && quiet 0 "$sim" "$@" --out "$b"
        then ok "uptake-sim writes ($at)"
        else not_ok "uptake-sim writes ($at)"; continue; fi
        if same_tree "$a" "$b"; then ok "same options, same bytes ($at)"
        else not_ok "same options, same bytes ($at)"; fi
        rm -rf "$b"

        tail -n +2 "$a/roster.csv" | cut -d, -f1 | sort >"$tmp/roster.ids"
        tail -n +2 "$a/truth.tsv" | cut -f1 | sort >"$tmp/truth.ids"
        if cmp -s "$tmp/roster.ids" "$tmp/truth.ids" &&
            [ "$(wc -l <"$tmp/roster.ids")" -eq "$users" ]; then
            ok "every roster user is in truth.tsv ($at)"
        else not_ok "every roster user is in truth.tsv ($at)"; fi

        bad=
        for log in "$a"/logs/*; do
            quiet 0 "$uptake" events "$log" || bad="$bad ${log##*/}"
        done
        if [ -z "$bad" ]; then ok "uptake events reads each log alone ($at)"
        else not_ok "uptake events reads each log alone ($at):$bad"; fi

        if quiet 0 "$uptake" --roster "$a/roster.csv" "$a"/logs/*; then
            ok "uptake reports, exit 0, empty stderr ($at)"
        else not_ok "uptake reports, exit 0, empty stderr ($at)"; fi
        cp "$tmp/out" "$a.report"

        # summary and explain on every format: explain of each user with
        # a cause gives the report's cause, and scores every cause (but
        # for the inactive, whose status settles it)
        if quiet 0 "$uptake" summary --roster "$a/roster.csv" "$a"/logs/* &&
            grep -q '^coverage: ' "$tmp/out"; then
            ok "uptake summary ($at)"
        else not_ok "uptake summary ($at)"; fi
        bad=
        awk -F'\t' 'NR > 1 && $6 != "-" { print $1 "\t" $5 "\t" $6 }' \
            "$a.report" |
            while IFS="$(printf '\t')" read -r id status cause; do
                scored="^  $cause .*holds (.*given)"
                [ "$status" = inactive ] && scored="^causes: not tried"
                if ! quiet 0 "$uptake" explain --roster "$a/roster.csv" \
                    "$id" "$a"/logs/* ||
                    ! grep -q "^cause: $cause " "$tmp/out" ||
                    ! grep -q "$scored" "$tmp/out"; then
                    echo "$id"
                fi
            done >"$tmp/explain.bad"
        if [ ! -s "$tmp/explain.bad" ]; then
            ok "uptake explain of each user with a cause ($at)"
        else
            not_ok "uptake explain of each user with a cause ($at): $(head -3 "$tmp/explain.bad" | tr '\n' ' ')"
        fi
        flagged=$(awk -F'\t' 'NR > 1 && ($5 == "at-risk" ||
            $5 == "not-adopting" || $5 == "inactive")' "$a.report" | wc -l)
        want=0
        [ "$flagged" -gt 0 ] && want=3
        if quiet "$want" "$uptake" --fail-on flagged \
            --roster "$a/roster.csv" "$a"/logs/*; then
            ok "uptake --fail-on flagged exits $want ($at)"
        else not_ok "uptake --fail-on flagged exits $want ($at)"; fi

        tail -n +2 "$a.report" | cut -f1 | sort >"$tmp/report.ids"
        if [ -z "$(comm -23 "$tmp/roster.ids" "$tmp/report.ids")" ]; then
            ok "every roster user is in the report ($at)"
        else not_ok "every roster user is in the report ($at)"; fi

        # each user's verdict: the cause, or the status when there is none
        awk -F'\t' -v fmt="$fmt" '
            function label(status, cause) {
                return cause != "-" && cause != "" ? cause : status
            }
            NR == FNR { if (FNR > 1) truth[$1] = label($3, $4); next }
            FNR > 1 && ($1 in truth) { print fmt, truth[$1], label($5, $6) }
        ' "$a/truth.tsv" "$a.report" >>"$tmp/verdicts"
    done
done

# The agreement table: per label, users the truth gives it, users uptake
# gives it, users both give it; "flagged" is at-risk, not-adopting or
# inactive (by cause: any of the five).
[ -s "$tmp/verdicts" ] && awk -v users="$users" -v seeds="$seeds" '
    BEGIN {
        split("adopting unaware unskilled effort mgmt-only distrust new " \
              "departed service", order, " ")
        for (i = 1; i in order; i++) known[order[i]] = 1
        split("unaware unskilled effort mgmt-only distrust inactive", c, " ")
        for (i = 1; i in c; i++) flags[c[i]] = 1
    }
    {
        f = $1
        if (!(f in seen)) { seen[f] = 1; formats[++nf] = f }
        truth[f, $2]++; uptake[f, $3]++
        if ($2 == $3) agreed[f, $2]++
        if (!($2 in known)) extra[$2] = 1
        if (!($3 in known)) extra[$3] = 1
        tf = $2 in flags; uf = $3 in flags
        truth[f, "flagged"] += tf; uptake[f, "flagged"] += uf
        agreed[f, "flagged"] += tf && uf
    }
    function row(f, l,   t, u, g) {
        t = truth[f, l] + 0; u = uptake[f, l] + 0; g = agreed[f, l] + 0
        if (t == 0 && u == 0) return
        printf "#   %-10s %6d %7d %7d %10s %7s\n", l, t, u, g,
            u ? sprintf("%.2f", g / u) : "-", t ? sprintf("%.2f", g / t) : "-"
    }
    END {
        for (i = 1; i <= nf; i++) {
            f = formats[i]
            printf "# agreement with truth.tsv: %s, %d users, seeds %s\n",
                f, users, seeds
            printf "#   %-10s %6s %7s %7s %10s %7s\n", "verdict", "truth",
                "uptake", "agreed", "precision", "recall"
            for (k = 1; k in order; k++) row(f, order[k])
            for (l in extra) row(f, l)
            row(f, "flagged")
        }
    }' "$tmp/verdicts"

echo "$((n - failed)) passed, $failed failed"
[ "$failed" -eq 0 ]
