#!/bin/sh
# state_test.sh - --state across runs, which the data-only cases cannot
# show: the same input twice, input split by file and by day and given
# night after night, overlapping and late files, a refused state, a lock
# held by another run, and runs killed with SIGKILL at random moments.
# Each ends with the report one run over all the input gives. Prints "ok N
# - what" or "not ok N - what", then "N passed, M failed". Runs from
# testdata/, on the sample logs.
: "${UPTAKE:?set UPTAKE to the binary}"
. "$(dirname "$0")/test_lib.sh"
cd "$(dirname "$0")/../testdata" || exit 2
tmp=$(mktemp -d) || exit 2
trap 'rm -rf "$tmp"' EXIT
roster=sample/roster.csv
logs=$(ls sample/*-2026-10.csv*)



# run STATE FILE...: a report with the state; stdout to $tmp/out, stderr
# to $tmp/err, the status to $tmp/status
run() {
    state=$1
    shift
    "$UPTAKE" --roster "$roster" --state "$state" "$@" >"$tmp/out" \
        2>"$tmp/err"
    echo $? >"$tmp/status"
}

status_is() { [ "$(cat "$tmp/status")" = "$1" ] || { cat "$tmp/err" | sed 's/^/#  /'; return 1; }; }
quiet() { status_is 0 && [ ! -s "$tmp/err" ]; }
says() { grep -q -- "$1" "$tmp/err" || { sed 's/^/#  /' "$tmp/err"; return 1; }; }

# The report one run over everything gives: what every schedule must end
# with.
# shellcheck disable=SC2086
"$UPTAKE" --roster "$roster" $logs >"$tmp/want" 2>/dev/null

# 1. the same input twice
# shellcheck disable=SC2086
run "$tmp/s1" $logs
check "a first run reports as without a state" same "$tmp/want" "$tmp/out"
cp "$tmp/s1" "$tmp/s1.first"
# shellcheck disable=SC2086
run "$tmp/s1" $logs
check "the same input again: quiet" quiet
check "the same input again: the same report" same "$tmp/want" "$tmp/out"
check "the same input again: the same state, byte for byte" \
    same "$tmp/s1.first" "$tmp/s1"
run "$tmp/s1"
check "no files: the state's report" same "$tmp/want" "$tmp/out"
check "the lock file stays beside the state" test -f "$tmp/s1.lock"

# 2. split by file over three runs
set -- $logs
run "$tmp/s2" "$1" "$2" "$3" "$4"
run "$tmp/s2" "$5" "$6" "$7" "$8"
shift 8
run "$tmp/s2" "$@"
check "split by file over three runs: the same report" same "$tmp/want" "$tmp/out"

# 3. split by day: every file cut into daily files, as Salesforce delivers
# them (TIMESTAMP, the second column, starts with YYYYMMDD)
mkdir "$tmp/days"
for f in $logs; do
    base=$(basename "$f" | sed 's/-2026-10\.csv.*//')
    zcat -f "$f" | awk -F'","' -v dir="$tmp/days" -v base="$base" '
        NR == 1 { header = $0; next }
        { day = substr($2, 1, 8); out = dir "/" day "-" base ".csv"
          if (!(out in seen)) { seen[out] = 1; print header > out }
          print > out }'
done
days=$(ls "$tmp/days" | sed 's/-.*//' | sort -u)
: >"$tmp/nights"
night=0
for d in $days; do
    run "$tmp/s3" "$tmp/days/$d"-*.csv
    cat "$tmp/status" "$tmp/err" >>"$tmp/nights"
    night=$((night + 1))
    [ $night = 10 ] && cp "$tmp/s3" "$tmp/s3.night10" && echo "$d" >"$tmp/night10.day"
done
check "night after night, a day a night: the same report" same "$tmp/want" "$tmp/out"
check "night after night: every night exits 0 and is quiet" \
    test -z "$(grep -v '^0$' "$tmp/nights")"

# 4. overlapping and late: each night also brings the night before again,
# and the Search files come a week late
nightly() { ls "$tmp/days/$1"-*.csv | grep -v -- '-Search\.csv$'; }
prev=
for d in $days; do
    set -- $(nightly "$d")
    [ -n "$prev" ] && set -- "$@" $(nightly "$prev")
    for l in "$tmp/days"/*-Search.csv; do
        ld=$(basename "$l" | sed 's/-.*//')
        # shellcheck disable=SC2046
        [ "$ld" -le $((d - 7)) ] && [ "$ld" -gt $((prev - 7)) ] && set -- "$@" "$l"
    done
    run "$tmp/s4" "$@"
    prev=$d
done
run "$tmp/s4" "$tmp/days"/*-Search.csv
check "overlapping and late files: the same report" same "$tmp/want" "$tmp/out"
# shellcheck disable=SC2046
run "$tmp/s5" $(ls "$tmp/days"/*.csv | grep -v -- '-Search\.csv$')
run "$tmp/s5" "$tmp/days"/*-Search.csv
check "a late file: the days it revises are named" says "days\\{0,1\\} revised: 2026-10-"

# 5. states that are not read
cp "$tmp/s1" "$tmp/v2"
sed -i '1s/.*/uptake-state 2/' "$tmp/v2"
cp "$tmp/v2" "$tmp/v2.before"
set -- $logs
run "$tmp/v2" "$1"
check "another version: status 4" status_is 4
check "another version: said so" says "v2:1: state format 2; this uptake reads format 1; the state is left as it was"
check "another version: left as it was" same "$tmp/v2.before" "$tmp/v2"
check "another version: nothing reported" test ! -s "$tmp/out"
head -c 5000 "$tmp/s1" >"$tmp/cut"
run "$tmp/cut" "$1"
check "a state cut short: refused" says "cut short"
printf 'user,time\n' >"$tmp/notstate"
run "$tmp/notstate" "$1"
check "not a state: refused" says "notstate:1: not an uptake state file"

# 6. a second run waits while another holds the lock
if command -v flock >/dev/null 2>&1; then
    mkfifo "$tmp/go"
    flock "$tmp/s1.lock" sh -c "cat '$tmp/go' >/dev/null" &
    holder=$!
    # the holder has the lock once flock -n fails
    i=0
    while flock -n "$tmp/s1.lock" true && [ $i -lt 100 ]; do
        sleep 0.05
        i=$((i + 1))
    done
    "$UPTAKE" --roster "$roster" --state "$tmp/s1" >"$tmp/out" 2>"$tmp/err" &
    waiter=$!
    i=0
    while ! grep -q waiting "$tmp/err" && [ $i -lt 200 ]; do
        sleep 0.05
        i=$((i + 1))
    done
    check "a locked state: the second run says it waits" says "s1 is in use by another uptake (.*s1.lock); waiting"
    echo go >"$tmp/go"
    wait $holder
    wait $waiter
    echo $? >"$tmp/status"
    check "a locked state: the second run goes on once it is free" status_is 0
    check "a locked state: and reports" same "$tmp/want" "$tmp/out"
fi

# 7. SIGKILL at random moments, night after night: the state stays the one
# before or becomes the one after, never anything else, and a run that
# completes afterwards puts the schedule right
rm -f "$tmp/s7" "$tmp/s7.lock"
seed=1
killed=0 broken=0
for d in $days; do
    seed=$((seed + 1))
    delay=$(awk -v s="$seed" 'BEGIN { srand(s); printf "%.4f", rand() * 0.008 }')
    "$UPTAKE" --roster "$roster" --state "$tmp/s7" "$tmp/days/$d"-*.csv \
        >/dev/null 2>&1 &
    pid=$!
    sleep "$delay"
    kill -9 $pid 2>/dev/null && killed=$((killed + 1))
    wait $pid 2>/dev/null
    if [ -e "$tmp/s7" ]; then
        "$UPTAKE" --state "$tmp/s7" >/dev/null 2>"$tmp/err7" ||
            { broken=$((broken + 1)); sed 's/^/#  /' "$tmp/err7"; }
    fi
    "$UPTAKE" --roster "$roster" --state "$tmp/s7" "$tmp/days/$d"-*.csv \
        >"$tmp/out" 2>"$tmp/err"
done
echo "# $killed runs killed with SIGKILL"
check "killed at random moments: the state always reads" test "$broken" = 0
check "killed at random moments: the schedule ends with the same report" \
    same "$tmp/want" "$tmp/out"
check "killed at random moments: no unfinished copy is left" \
    test -z "$(ls -A "$tmp" | grep '^\.s7\.')"

# 8. shards merged: by file, by day, and by GNU parallel as the manual's
# recipe for several hosts runs them (here with -S : : this host, twice)
set -- $logs
run "$tmp/f1" "$1" "$2" "$3" "$4"
run "$tmp/f2" "$5" "$6" "$7" "$8"
shift 8
run "$tmp/f3" "$@"
"$UPTAKE" merge -o "$tmp/fm" "$tmp/f1" "$tmp/f2" "$tmp/f3" 2>"$tmp/err"
echo $? >"$tmp/status"
check "merge of shards by file: quiet" quiet
run "$tmp/fm"
check "merge of shards by file: the same report" same "$tmp/want" "$tmp/out"
i=0
for d in $days; do
    i=$((i + 1))
    cp "$tmp/days/$d"-*.csv "$tmp/" 2>/dev/null
    mkdir -p "$tmp/shard$((i % 3))"
    mv "$tmp/$d"-*.csv "$tmp/shard$((i % 3))/"
done
for k in 0 1 2; do run "$tmp/d$k" "$tmp/shard$k"/*.csv; done
"$UPTAKE" merge "$tmp/d0" "$tmp/d1" "$tmp/d2" >"$tmp/dm"
run "$tmp/dm"
check "merge of shards by day (stdout): the same report" same "$tmp/want" "$tmp/out"
if command -v parallel >/dev/null 2>&1; then
    mkdir "$tmp/hosts"
    # shellcheck disable=SC2086
    ls $logs | parallel --will-cite -S :,: --jobs 2 \
        "'$UPTAKE' --roster '$roster' --state '$tmp/hosts/{/.}.state' {} >/dev/null"
    "$UPTAKE" merge -o "$tmp/pm" "$tmp/hosts"/*.state
    run "$tmp/pm"
    check "GNU parallel, a shard a file, merged: the same report" \
        same "$tmp/want" "$tmp/out"
else
    echo "# GNU parallel is not installed (apt-get install parallel): not tested"
fi
"$UPTAKE" merge "$tmp/f1" "$tmp/f1" >/dev/null 2>"$tmp/err"
check "merge of overlapping shards: a warning" says "events are in more than one state: the shards overlap"

# 9. diff: whose verdict changed from night 10 to the last night
"$UPTAKE" diff --roster "$roster" "$tmp/s3.night10" "$tmp/s3" >"$tmp/out" \
    2>"$tmp/err"
echo $? >"$tmp/status"
check "diff: exits 0, quietly" quiet
check "diff: the changes expected" same state/diff-night10.tsv "$tmp/out"
# --since: the night-10 state and the logs of the nights after it give
# the diff of the two states, and the state stays as it was
cp "$tmp/s3.night10" "$tmp/since"
after=$(for d in $days; do [ "$d" -gt "$(cat "$tmp/night10.day")" ] && ls "$tmp/days/$d"-*.csv; done)
# shellcheck disable=SC2086
"$UPTAKE" diff --roster "$roster" --since "$tmp/since" $after >"$tmp/out" 2>"$tmp/err"
echo $? >"$tmp/status"
check "diff --since STATE FILE...: the diff of the two states" \
    same state/diff-night10.tsv "$tmp/out"
check "diff --since: the state is not written" same "$tmp/s3.night10" "$tmp/since"
"$UPTAKE" diff "$tmp/s3" "$tmp/v2" >"$tmp/out" 2>"$tmp/err"
echo $? >"$tmp/status"
check "diff: a state of another version is refused" status_is 4

# 10. sixty nights of a simulated org (uptake-sim, when SIM names it): a
# day of logs a night, every fifth night the night before again, and every
# seventh day's Search and Report files three nights late; the end equals
# one run over the 60 days
if [ -n "${SIM:-}" ]; then
    "$SIM" --users 80 --days 60 --seed 7 --out "$tmp/sim" >/dev/null
    mkdir "$tmp/simdays"
    for f in "$tmp/sim/logs"/*.csv; do
        base=$(basename "$f" .csv)
        awk -F'","' -v dir="$tmp/simdays" -v base="$base" '
            NR == 1 { header = $0; next }
            { day = substr($2, 1, 8); out = dir "/" day "-" base ".csv"
              if (!(out in seen)) { seen[out] = 1; print header > out }
              print > out }' "$f"
    done
    "$UPTAKE" --roster "$tmp/sim/roster.csv" "$tmp/sim/logs"/*.csv \
        >"$tmp/simwant" 2>/dev/null
    simdays=$(ls "$tmp/simdays" | sed 's/-.*//' | sort -u)
    i=0 prev= late= : >"$tmp/simnights"
    for d in $simdays; do
        i=$((i + 1))
        set --
        if [ $((i % 7)) = 0 ]; then
            late="$late $d"
            # shellcheck disable=SC2046
            set -- $(ls "$tmp/simdays/$d"-*.csv | grep -v -e '-Search\.csv$' -e '-Report\.csv$')
        else
            set -- "$tmp/simdays/$d"-*.csv
        fi
        [ $((i % 5)) = 0 ] && [ -n "$prev" ] && set -- "$@" "$tmp/simdays/$prev"-*.csv
        # the late day of three nights ago arrives
        for l in $late; do
            [ "$(echo "$simdays" | awk -v l="$l" -v d="$d" '
                $0 == l { a = NR } $0 == d { b = NR } END { print b - a }')" = 3 ] &&
                set -- "$@" $(ls "$tmp/simdays/$l"-*.csv | grep -e '-Search\.csv$' -e '-Report\.csv$')
        done
        [ $# -gt 0 ] || continue
        "$UPTAKE" --roster "$tmp/sim/roster.csv" --state "$tmp/sim.state" \
            "$@" >"$tmp/out" 2>>"$tmp/simnights"
        prev=$d
    done
    # the last late files, after the sixty nights
    # shellcheck disable=SC2086
    "$UPTAKE" --roster "$tmp/sim/roster.csv" --state "$tmp/sim.state" \
        $(cd "$tmp/simdays" && for l in $late; do ls "$tmp/simdays/$l"-*.csv; done) \
        >"$tmp/out" 2>>"$tmp/simnights"
    "$UPTAKE" --roster "$tmp/sim/roster.csv" --state "$tmp/sim.state" \
        >"$tmp/out" 2>>"$tmp/simnights"
    check "60 simulated nights, late and repeated days: the one-run report" \
        same "$tmp/simwant" "$tmp/out"
    check "60 simulated nights: the late days are named as revised" \
        grep -q "revised" "$tmp/simnights"
else
    echo "# SIM not set: the 60-night simulated schedule is not run"
fi

results
