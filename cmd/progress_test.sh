#!/bin/sh
# progress_test.sh - the progress line: on a terminal by default (script(1)
# gives the run one), never in a pipe or a file unless asked, and erased
# before a problem is told. Prints "ok N - what" or "not ok N - what", then
# "N passed, M failed". Runs from testdata/.
: "${UPTAKE:?set UPTAKE to the binary}"
. "$(dirname "$0")/test_lib.sh"
cd "$(dirname "$0")/../testdata" || exit 2
tmp=$(mktemp -d) || exit 2
trap 'rm -rf "$tmp"' EXIT
# a log that arrives slowly: half, a pause of a second, the rest
big=$tmp/big.csv
zcat -f sample/LightningPageView-2026-10.csv.gz >"$big"
slow() { head -c 20000 "$big"; sleep 1; tail -c +20001 "$big"; }
slow | "$UPTAKE" -j 1 - >/dev/null 2>"$tmp/err"
check "stderr a file: no progress line" test ! -s "$tmp/err"
slow | "$UPTAKE" -j 1 --progress - >/dev/null 2>"$tmp/err"
check "--progress: the line, with bytes, rate and files" \
    grep -q "uptake: [0-9.]* [KMG]*i*B read, .*/s, 0 of 1 file" "$tmp/err"
check "--progress: erased at the end" grep -q "$(printf '\033')\\[K\$" "$tmp/err"
if command -v script >/dev/null 2>&1; then
    mkfifo "$tmp/fifo"
    slow >"$tmp/fifo" &
    script -qec "'$UPTAKE' -j 1 '$tmp/fifo' >/dev/null" "$tmp/tty" >/dev/null 2>&1
    check "a terminal: the line by default" grep -q "of 1 file" "$tmp/tty"
    slow >"$tmp/fifo" &
    script -qec "'$UPTAKE' -j 1 --no-progress '$tmp/fifo' >/dev/null" "$tmp/tty2" \
        >/dev/null 2>&1
    check "a terminal, --no-progress: no line" sh -c "! grep -q 'of 1 file' '$tmp/tty2'"
    { slow; printf '"LightningPageView","bad"\n'; } >"$tmp/fifo" &
    script -qec "'$UPTAKE' -j 1 --progress '$tmp/fifo' >/dev/null" "$tmp/tty3" \
        >/dev/null 2>&1
    # the line is erased (CR, then ESC [K) before the message
    esc=$(printf '\033')
    check "a problem is told on a line of its own" \
        sh -c "tr '\\r' '\\n' <'$tmp/tty3' | grep -q '^$esc\\[Kuptake: $tmp/fifo:[0-9]*: '"
fi
results
