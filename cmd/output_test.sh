#!/bin/sh
# output_test.sh - where the result goes and how a run ends, which the
# data-only cases cannot show: -o FILE put in place whole or not at all, a
# write error on stdout, a closed pipe, SIGHUP, SIGINT and SIGTERM. Prints
# "ok N - what" or "not ok N - what" with what differed, then "N passed, M
# failed". Runs from testdata/.
: "${UPTAKE:?set UPTAKE to the binary}"
. "$(dirname "$0")/test_lib.sh"
cd "$(dirname "$0")/../testdata" || exit 2
tmp=$(mktemp -d) || exit 2
trap 'rm -rf "$tmp"' EXIT
out=$tmp/out
mkdir "$out" || exit 2
logs="sample/Login-2026-10.csv.gz sample/Logout-2026-10.csv"

# run ARG...: uptake's stdout, stderr and status go to $tmp
run() {
    "$UPTAKE" "$@" >"$tmp/stdout" 2>"$tmp/stderr"
    echo $? >"$tmp/status"
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
rm "$out/events.tsv"

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

# A closed pipe (uptake ... | head -1) ends uptake quietly, as SIGPIPE
# would: status 141. The output must be larger than a pipe holds (64 KiB)
# for the write to meet the closed end, whenever head exits.
awk 'BEGIN {
    print "\"EVENT_TYPE\",\"TIMESTAMP_DERIVED\",\"USER_ID\",\"SESSION_KEY\""
    for (i = 0; i < 3000; i++)
        printf "\"Logout\",\"2026-10-%02dT08:00:00.000Z\",\"005Dn0000%06d\",\"s%d\"\n",
            1 + i % 28, i, i
}' >"$tmp/users.csv"
for cmd in report events; do
    { "$UPTAKE" $cmd "$tmp/users.csv" 2>"$tmp/stderr"; echo $? >"$tmp/status"; } |
        head -1 >/dev/null
    check "$cmd | head -1: status 141, nothing on stderr" ended 141 ""
done

# SIGINT and SIGTERM: uptake reads a FIFO that a writer holds open, silent,
# after part of a log; the signal comes while uptake waits for the rest.
mkfifo "$tmp/fifo" || exit 2

# await TEST...: waits for TEST to succeed, up to 30 s
await() {
    i=0
    until "$@"; do
        i=$((i + 1))
        [ "$i" -le 600 ] || { echo "#  waited in vain for: $*"; return 1; }
        sleep 0.05
    done
}

# start ARG...: uptake ARG... in the background ($pid), killed after 30 s
# (a hang fails, it does not stop the suite). With $feed, a writer
# ($writer) opens the FIFO, which waits for uptake to open it (its
# handlers are in place by then), writes 3000 rows (past a -j batch of
# rows and a stdio buffer of events), says so ("fed"), and holds the FIFO
# open. A shell's background job ignores SIGINT: $sigint gives it back, or
# ignores it explicitly.
start() {
    rm -f "$tmp/fed"
    if [ "$sigint" = ignored ]; then
        (trap '' INT && exec "$UPTAKE" "$@") >"$tmp/stdout" 2>"$tmp/stderr" &
    else
        $sigint "$UPTAKE" "$@" >"$tmp/stdout" 2>"$tmp/stderr" &
    fi
    pid=$!
    writer=
    if [ -n "$feed" ]; then
        { cat "$tmp/users.csv" && : >"$tmp/fed" && exec sleep 600; } \
            >"$tmp/fifo" &
        writer=$!
    fi
    (sleep 30 && kill -KILL "$pid") >/dev/null 2>&1 &
    watchdog=$!
}

# finish: waits for uptake's end; its status goes to $tmp (the shell's
# word on how each job ended, to /dev/null)
finish() {
    {
        wait "$pid"
        echo $? >"$tmp/status"
        kill "$watchdog" $writer
        wait $writer "$watchdog"
    } 2>/dev/null
}

# interrupt SIG READY ARG...: start, wait for READY, send SIG, finish
interrupt() {
    sig=$1 ready=$2
    shift 2
    start "$@"
    await "$ready"
    kill -"$sig" "$pid"
    finish
}

fed() { [ -e "$tmp/fed" ]; }
# the temporary beside report.tsv holds the first events: uptake is mid-way
writing() {
    for f in "$out"/.report.tsv.*; do [ -s "$f" ] && return 0; done
    return 1
}
untouched() { holds "$out/report.tsv" old && only report.tsv; }
# $opening threads of uptake wait in open(2) for a FIFO's writer (Linux's
# /proc; elsewhere the temporary's being there is as near as it gets)
opening() {
    if [ -d "/proc/$pid/task" ]; then
        [ "$(grep -ls wait_for_partner /proc/"$pid"/task/*/wchan |
            wc -l)" -eq "$opening" ]
    else
        ls "$out"/.report.tsv.* >/dev/null 2>&1
    fi
}

sigint=
env --default-signal=INT true 2>/dev/null && sigint="env --default-signal=INT"
feed=yes

echo old >"$out/report.tsv"
interrupt TERM writing events -o "$out/report.tsv" "$tmp/fifo"
check "SIGTERM mid-way through events -o FILE: status 143, nothing said" \
    ended 143 ""
check "SIGTERM mid-way: the old FILE is untouched, the temporary removed" \
    untouched

for jobs in 1 2; do
    interrupt TERM fed -j $jobs -o "$out/report.tsv" "$tmp/fifo"
    check "SIGTERM, -j $jobs: status 143, nothing said" ended 143 ""
    check "SIGTERM, -j $jobs: FILE untouched, no temporary" untouched
done

interrupt HUP fed -o "$out/report.tsv" "$tmp/fifo"
check "SIGHUP (the terminal gone): status 129, nothing said" ended 129 ""
check "SIGHUP: FILE untouched, no temporary" untouched

# --state: nothing is kept from part of the input
mkdir "$tmp/st" || exit 2
"$UPTAKE" --state "$tmp/st/night" sample/Logout-2026-10.csv >/dev/null 2>&1
cp "$tmp/st/night" "$tmp/night-before"
interrupt TERM fed --state "$tmp/st/night" -o "$out/report.tsv" "$tmp/fifo"
check "SIGTERM with --state: status 143, nothing said" ended 143 ""
check "SIGTERM with --state: the state is as it was" \
    same "$tmp/st/night" "$tmp/night-before"
check "SIGTERM with --state: no temporary beside it" \
    test "$(ls -A "$tmp/st" | tr '\n' ' ')" = "night night.lock "

if [ -n "$sigint" ]; then
    interrupt INT fed -j 4 -o "$out/report.tsv" sample/Login-2026-10.csv.gz \
        "$tmp/fifo" sample/Logout-2026-10.csv
    check "SIGINT, -j 4, three files: status 130, nothing said" ended 130 ""
    check "SIGINT, -j 4: FILE untouched, no temporary" untouched
    interrupt INT fed events "$tmp/fifo"
    check "SIGINT, events to stdout: status 130, nothing said" ended 130 ""
else
    n=$((n + 1))
    echo "ok $n # skip SIGINT: env has no --default-signal"
fi

# No writer at all: a thread waits in open(2), which the flag cannot end.
# In the main thread the signal breaks the open (said nothing of: the run
# is abandoned); in a worker the grace period runs out (2 s) and the
# handler of SIGALRM removes the temporary and ends uptake. Two FIFOs and
# -j 2: the main thread and a worker both wait.
feed=
mkfifo "$tmp/fifo2" || exit 2
opening=2
interrupt TERM opening -j 2 -o "$out/report.tsv" "$tmp/fifo" "$tmp/fifo2"
check "SIGTERM, two threads opening FIFOs no one writes to: status 143" \
    ended 143 ""
check "SIGTERM, two threads opening FIFOs: FILE untouched, no temporary" \
    untouched
opening=1
interrupt TERM opening -j 1 --roster "$tmp/fifo" -o "$out/report.tsv" \
    sample/Logout-2026-10.csv
check "SIGTERM while opening a --roster FIFO: status 143, nothing said" \
    ended 143 ""
check "SIGTERM while opening a --roster FIFO: FILE untouched" untouched
feed=yes

# started with SIGINT ignored (a background job of a script), uptake
# leaves it so: the run ends when its input does, and FILE is written
sigint=ignored
start -o "$out/report.tsv" "$tmp/fifo"
await fed
kill -INT "$pid"
kill "$writer"
finish
"$UPTAKE" "$tmp/users.csv" >"$tmp/want-report" 2>/dev/null
check "SIGINT ignored at start: still ignored, status 0" ended 0 ""
check "SIGINT ignored at start: FILE written" \
    same "$out/report.tsv" "$tmp/want-report"

results
