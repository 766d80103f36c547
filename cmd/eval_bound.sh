#!/bin/sh
# eval_bound.sh - how well any rule could find effort in a login history
# alone, the bound of the login-only target of make eval. A login history
# holds the days each user signed in and nothing of what they did; this
# takes those days apart into a pattern (active weekdays of the first two
# weeks, of the third, of the fourth, deadline days, and whether any
# weekend or holiday), counts on the organisations of the training seeds
# how many users of each pattern the truth calls effort, and calls effort
# every user of the test seeds whose pattern's share reaches a threshold:
# the best a reader of the days can do, knowing the simulator's truth.
# It prints precision and recall for each threshold, as make eval counts
# them (every other judged user called effort counts against precision).
# Usage, from the top of the tree:
#   sh cmd/eval_bound.sh BUILD/uptake-sim BUILD/uptake
# Environment: BOUND_TRAIN (training seeds, default "11 12 13 21 22 23 24
# 25 26 27 28", 5,000 users each), EVAL_SEEDS (default "1 2 3"),
# EVAL_SIZES (default "50 500 5000") and EVAL_NOISE (default "1 2"), as
# make eval takes them. Exit 0, or 2 when a run fails.
sim=${1:?usage: eval_bound.sh UPTAKE_SIM UPTAKE}
uptake=${2:?usage: eval_bound.sh UPTAKE_SIM UPTAKE}
train=${BOUND_TRAIN:-11 12 13 21 22 23 24 25 26 27 28}
seeds=${EVAL_SEEDS:-1 2 3}
sizes=${EVAL_SIZES:-50 500 5000}
noises=${EVAL_NOISE:-1 2}

tmp=$(mktemp -d "${TMPDIR:-/tmp}/eval_bound.XXXXXX") || exit 2
trap 'rm -rf "$tmp"' EXIT
trap 'exit 130' INT TERM

# patterns SET SIZE NOISE SEED: one line a judged user of that org, its
# set (train or test), whether the truth says effort, and its pattern
patterns() {
    org=$tmp/org
    rm -rf "$org"
    "$sim" --users "$2" --seed "$4" --noise "$3" --format salesforce-login \
        --volume 0 --out "$org" 2>"$tmp/err" &&
        "$uptake" events "$org"/logs/* >"$tmp/events" 2>>"$tmp/err" || {
        cat "$tmp/err" >&2
        echo "eval_bound: run failed ($2 users, noise $3, seed $4)" >&2
        exit 2
    }
    awk -F'\t' -v set="$1" '
    # days since 1970-01-01 of a civil date (H. Hinnant, days_from_civil)
    function days(y, m, d,   era, yoe, doy) {
        y -= m <= 2; era = int((y >= 0 ? y : y - 399) / 400)
        yoe = y - era * 400
        doy = int((153 * (m + (m > 2 ? -3 : 9)) + 2) / 5) + d - 1
        return era * 146097 + yoe * 365 + int(yoe / 4) - int(yoe / 100) + doy - 719468
    }
    function weekday(n) { return (n + 4) % 7 >= 1 && (n + 4) % 7 <= 5 }
    NR == FNR { if (FNR > 1 && ($3 == "adopting" || $3 == "at-risk" ||
                    $3 == "not-adopting" || $3 == "inactive"))
                    effort[substr($1, 1, 15)] = $4 == "effort"
                next }
    FNR > 1 && $3 == "login" && $6 == "ok" {
        n = days(substr($1, 1, 4) + 0, substr($1, 6, 2) + 0, substr($1, 9, 2) + 0)
        u = substr($2, 1, 15)
        if (!((u, n) in on)) { on[u, n] = 1; there[n]++ }
        if (first == "" || n < first) first = n
        if (n > last) last = n
    }
    END {
        # deadline days: the last 3 weekdays of their month
        for (n = last + 3; n >= first; n--) {
            if (!weekday(n)) continue
            after = 0
            for (k = n + 1; k <= n + 7; k++)
                if (weekday(k) && same_month(n, k)) after++
            deadline[n] = after < 3
        }
        # holidays: weekdays with under 30% of the median weekday users
        m = 0
        for (n = first; n <= last; n++) if (weekday(n)) w[++m] = there[n] + 0
        for (i = 2; i <= m; i++) { x = w[i]; for (j = i - 1; j >= 1 && w[j] > x; j--) w[j + 1] = w[j]; w[j + 1] = x }
        median = w[int((m + 1) / 2)]
        for (u in effort) {
            a = b = c = dl = we = 0
            for (n = first; n <= last; n++) {
                if (!((u, n) in on)) continue
                if (!weekday(n) || there[n] < 0.3 * median) { we = 1; continue }
                if (deadline[n]) dl++
                else if (n - first < 14) a++
                else if (n - first < 21) b++
                else c++
            }
            print set, effort[u], a "," b "," c "," dl "," we
        }
    }
    function same_month(x, y,   yx, mx, yy, my) {
        civil(x); yx = cy; mx = cm; civil(y); return cy == yx && cm == mx
    }
    # civil date of day number N into cy, cm (inverse of days)
    function civil(n,   z, era, doe, yoe, doy, mp) {
        z = n + 719468; era = int((z >= 0 ? z : z - 146096) / 146097)
        doe = z - era * 146097
        yoe = int((doe - int(doe / 1460) + int(doe / 36524) - int(doe / 146096)) / 365)
        doy = doe - (365 * yoe + int(yoe / 4) - int(yoe / 100))
        mp = int((5 * doy + 2) / 153)
        cm = mp < 10 ? mp + 3 : mp - 9
        cy = yoe + era * 400 + (cm <= 2)
    }' "$org/truth.tsv" "$tmp/events" >>"$tmp/patterns" || exit 2
}

for seed in $train; do
    for noise in $noises; do
        patterns train 5000 "$noise" "$seed"
    done
done
for size in $sizes; do
    for noise in $noises; do
        for seed in $seeds; do
            patterns test "$size" "$noise" "$seed"
        done
    done
done

awk -v train="$train" -v seeds="$seeds" -v sizes="$sizes" -v noises="$noises" '
$1 == "train" { seen[$3]++; hits[$3] += $2; next }
{ n++; truth += $2; cell[n] = $3; eff[n] = $2 }
END {
    printf "eval bound: effort on login history alone, read from the days.\n"
    printf "Patterns learned on seeds %s (5000 users, noise %s);\n", train, noises
    printf "measured on seeds %s, users %s: %d judged users, %d effort.\n\n", seeds, sizes, n, truth
    printf "  share  called      P      R\n"
    for (t = 30; t <= 70; t += 5) {
        said = hit = 0
        for (i = 1; i <= n; i++) {
            c = cell[i]
            if (!seen[c] || hits[c] / seen[c] < t / 100) continue
            said++; hit += eff[i]
        }
        p = said ? hit / said : 0; r = truth ? hit / truth : 0
        printf "   %.2f %7d   %.3f  %.3f\n", t / 100, said, p, r
        m = p < r ? p : r
        if (m > best) { best = m; bp = p; br = r; bt = t / 100 }
    }
    printf "\nbest balance: share %.2f, P %.3f R %.3f\n", bt, bp, br
}' "$tmp/patterns"
