#!/bin/sh
# bench.sh - `make bench`: uptake's speed and memory on the Salesforce event
# log files of a simulated org (uptake-sim), against zcat (the floor: decompression alone) and Miller (a
# general CSV tool counting rows per user), if installed. One table, a line
# per case:
#   stream       one gzip stream of MB MiB, BENCH_USERS users, default -j
#   users        the same size with BENCH_USERS_BIG users: memory grows
#                with users, not events
#   big          BENCH_HUGE_MB MiB: memory stays put as the input grows
#   zlib         the first case with a build that inflates with zlib, when
#                given one (UPTAKE_ZLIB; make bench builds it with ISA-L on)
#   files -j 1   the first size as Salesforce delivers it, one gzip file
#                per event type and day, -j 1
#   files        the same files, default -j: several read at once
#
# Usage: sh cmd/bench.sh UPTAKE UPTAKE_SIM [MB]     (MB: default 1024)
#
# The logs come from uptake-sim --daily --volume 0 --size MB (a file per
# event type and day, from BENCH_START on, as many days as the size
# takes), made once per set of parameters and kept in build/bench/ with
# their gzip -6 copies; another uptake-sim binary makes new data. Each
# time is the best of BENCH_RUNS runs; uptake's peak memory is the
# largest of its runs.
#
# Environment:
#   BENCH_USERS=5000       users in the org
#   BENCH_USERS_BIG=50000  users of the "users" case (0: no such line)
#   BENCH_BIG_MB=MB        its size
#   BENCH_HUGE_MB=5120     size of the "big" case (0: no such line)
#   BENCH_FILES=1          0: no "files" lines
#   UPTAKE_ZLIB=PATH       an uptake built with NO_ISAL=1 for the "zlib" line
#   BENCH_START=2025-01-06 BENCH_SEED=1 BENCH_RUNS=3
#   BENCH_VERIFY_MB=4      the small log checked first: uptake must read it
#                          with exit status 0 and nothing on stderr
set -eu

me=bench
note() { echo "$me: $*" >&2; }
die() {
    echo "$me: $*" >&2
    exit 1
}

if [ $# -lt 2 ] || [ $# -gt 3 ]; then
    echo "usage: sh cmd/bench.sh UPTAKE UPTAKE_SIM [MB]" >&2
    exit 2
fi
bin=$1
sim=$2
mb=${3:-1024}
users=${BENCH_USERS:-5000}
users_big=${BENCH_USERS_BIG:-50000}
mb_big=${BENCH_BIG_MB:-$mb}
start=${BENCH_START:-2025-01-06}
seed=${BENCH_SEED:-1}
runs=${BENCH_RUNS:-3}
huge_mb=${BENCH_HUGE_MB:-5120}
with_files=${BENCH_FILES:-1}
zlib_bin=${UPTAKE_ZLIB:-}
verify_mb=${BENCH_VERIFY_MB:-4}

posint() { # NAME VALUE [0 allowed]
    case $2 in
    '' | *[!0-9]*) die "$1 must be a whole number, not '$2'" ;;
    esac
    [ "$2" -gt 0 ] || [ "${3:-}" = 0 ] || die "$1 must be above 0"
}
posint MB "$mb"
posint BENCH_USERS "$users"
posint BENCH_USERS_BIG "$users_big" 0
posint BENCH_BIG_MB "$mb_big"
posint BENCH_SEED "$seed" 0
posint BENCH_RUNS "$runs"
posint BENCH_VERIFY_MB "$verify_mb"
posint BENCH_HUGE_MB "$huge_mb" 0
posint BENCH_FILES "$with_files" 0

case $bin in
/*) ;;
*) bin=$(pwd)/$bin ;;
esac
[ -x "$bin" ] || die "no uptake binary at $bin (run make first)"
case $sim in
/*) ;;
*) sim=$(pwd)/$sim ;;
esac
[ -x "$sim" ] || die "no uptake-sim binary at $sim (run make first)"
if [ -n "$zlib_bin" ]; then
    case $zlib_bin in
    /*) ;;
    *) zlib_bin=$(pwd)/$zlib_bin ;;
    esac
    [ -x "$zlib_bin" ] || die "no uptake binary at $zlib_bin (UPTAKE_ZLIB)"
fi
[ -x /usr/bin/time ] || die "GNU time is needed at /usr/bin/time (apt-get install time)"
for tool in gzip zcat awk; do
    command -v $tool >/dev/null 2>&1 || die "$tool is needed"
done

cd "$(dirname "$0")/.."
out=build/bench
mkdir -p "$out"
tmp=$(mktemp -d "${TMPDIR:-/tmp}/uptake-bench.XXXXXX")
trap 'rm -rf "$tmp"' EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

# data made by another uptake-sim is dropped, and that of the generator
# the bench had before it (elf-*)
gen_sum=$(cksum <"$sim" | awk '{print $1}')
rm -f "$out/bench_gen"
for d in "$out"/elf-* "$out"/sim-*; do
    [ -e "$d" ] || continue
    case $d in
    *-g"$gen_sum") ;;
    *) rm -rf "$d" ;;
    esac
done

# wall clock in seconds; GNU date's %N, else /usr/bin/time's 1/100 s
if [ "$(date +%N)" != "%N" ] && [ "$(date +%N)" != N ]; then
    now() { date +%s.%N; }
else
    now() { echo -; }
fi

# prepare MB USERS [LAYOUT]: makes (once) the log and its gzip copy; sets
# $data to its directory, $files to the gzip files, $plain to the plain
# ones. LAYOUT mixed (the default): one stream, every file of every day
# concatenated in the order of their names (day, then event type); split:
# the files as uptake-sim --daily writes them, one per event type and day.
prepare() {
    layout=${3:-mixed}
    data=$out/sim-$1m-$2u-s$seed-$start-$layout-g$gen_sum
    if [ ! -f "$data/gen.ok" ]; then
        rm -rf "$data"
        mkdir -p "$data"
        note "simulating $1 MiB, $2 users ($layout layout)"
        t0=$(date +%s)
        "$sim" --users "$2" --seed "$seed" --start "$start" --days 3000 \
            --volume 0 --daily --size "$1M" --out "$data/org" \
            2>"$data/gen.log" || die "uptake-sim failed: $(cat "$data/gen.log")"
        nfiles=$(ls "$data/org/logs" | wc -l)
        ndays=$(ls "$data/org/logs" | sed 's/_.*//' | sort -u | wc -l)
        if [ "$layout" = split ]; then
            mv "$data"/org/logs/*.csv "$data"/
        else
            cat "$data"/org/logs/*.csv >"$data/all.csv"
        fi
        rm -rf "$data/org"
        # no field of uptake-sim's holds a line break: a row is a line
        # one pass over the data (5 GiB for the big case) for both counts
        counts=$(cat "$data"/*.csv | wc -lc)
        lines=$(echo "$counts" | awk '{ print $1 }')
        bytes=$(echo "$counts" | awk '{ print $2 }')
        echo "rows=$((lines - nfiles)) bytes=$bytes users=$2 files=$nfiles days=$ndays" \
            >"$data/gen.ok"
        note "  simulated in $(($(date +%s) - t0)) s: $(cat "$data/gen.ok")"
    fi
    if [ ! -f "$data/gz.ok" ]; then
        note "compressing with gzip -6"
        t0=$(date +%s)
        for f in "$data"/*.csv; do
            gzip -6 -c "$f" >"$f.gz.part"
            mv "$f.gz.part" "$f.gz"
        done
        : >"$data/gz.ok"
        note "  compressed in $(($(date +%s) - t0)) s"
    fi
    files=$(ls "$data"/*.csv.gz)
    plain=$(ls "$data"/*.csv)
}

stat_of() { # KEY: from gen.ok's "rows=N bytes=N users=N files=N days=N"
    tr ' ' '\n' <"$data/gen.ok" | sed -n "s/^$1=//p"
}

# timed CMD...: runs CMD, stdout to /dev/null, stderr to $tmp/err; sets $rc,
# $secs (wall) and $kib (peak RSS)
timed() {
    t0=$(now)
    if /usr/bin/time -f '%e %M' -o "$tmp/time" "$@" >/dev/null 2>"$tmp/err"; then
        rc=0
    else
        rc=$?
    fi
    t1=$(now)
    # with -o, GNU time puts "Command exited with non-zero status" first
    kib=$(tail -n 1 "$tmp/time" | awk '{ print $2 + 0 }')
    if [ "$t0" = - ]; then
        secs=$(tail -n 1 "$tmp/time" | awk '{ print $1 + 0 }')
    else
        secs=$(awk -v a="$t0" -v b="$t1" 'BEGIN { printf "%.4f", b - a }')
    fi
}

# uptake must read the generated data cleanly: exit 0, nothing on stderr
# but the warning that a log of over 4 Mi distinct events (the big case)
# outgrew the set that tells duplicates (man uptake, --state)
check_uptake() { # WHAT
    grep -v 'distinct events; duplicates past that were counted$' \
        "$tmp/err" >"$tmp/err.other" || :
    if [ "$rc" -ne 0 ] || [ -s "$tmp/err.other" ]; then
        echo "$me: uptake exited with status $rc on $1; its stderr:" >&2
        head -n 20 "$tmp/err" | sed 's/^/    /' >&2
        if [ "$rc" -eq 1 ]; then
            echo "$me: status 1: uptake found the generated log malformed" >&2
        fi
        exit 1
    fi
}

# best NAME CMD...: the best of $runs runs; sets $best, $peak
best() {
    name=$1
    shift
    best='' peak=0
    i=0
    while [ $i -lt "$runs" ]; do
        i=$((i + 1))
        timed "$@"
        if [ "$name" = uptake ]; then
            check_uptake "$data"
        elif [ "$rc" -ne 0 ]; then
            note "$name failed (exit $rc): $(head -n 3 "$tmp/err")"
            best=-
            return 0
        fi
        best=$(awk -v a="$best" -v b="$secs" 'BEGIN { print (a == "" || b < a) ? b : a }')
        peak=$(awk -v a="$peak" -v b="$kib" 'BEGIN { print (b > a) ? b : a }')
    done
}

mibps() { # BYTES SECONDS
    awk -v b="$1" -v s="$2" 'BEGIN {
        if (s == "-" || s == "") print "-"
        else if (s <= 0) print "inf"
        else printf "%.1f", b / 1048576 / s }'
}

# 1. a small log first: uptake must read it cleanly, plain and gzip
prepare "$verify_mb" "$users"
for input in "$plain" "$files"; do
    # shellcheck disable=SC2086 # word splitting wanted: the file list
    timed "$bin" $input
    check_uptake "the $verify_mb MiB check log ($data)"
done
# shellcheck disable=SC2086
"$bin" $files >"$tmp/report" 2>/dev/null
reported=$(($(wc -l <"$tmp/report") - 1))
[ "$reported" -gt 0 ] || die "uptake reported no users on $data"
note "check: uptake reads the $verify_mb MiB log cleanly: $reported users reported, of the $(stat_of users) of the simulated org (those who never log in are not in the log)"

have_mlr=
command -v mlr >/dev/null 2>&1 && have_mlr=1

# 2. the measured runs
measure() { # CASE MB USERS LAYOUT BINARY [UPTAKE OPTIONS...]
    label=$1 upt=$5
    prepare "$2" "$3" "$4"
    shift 5
    bytes=$(stat_of bytes)
    rows=$(stat_of rows)
    # shellcheck disable=SC2086
    gzbytes=$(cat $files | wc -c)
    note "$label: timing zcat, best of $runs"
    # shellcheck disable=SC2086
    best zcat zcat $files
    zcat_s=$best
    note "$label: timing uptake $*, best of $runs"
    # shellcheck disable=SC2086
    best uptake "$upt" "$@" $files
    upt_s=$best upt_kib=$peak
    mlr_s=-
    if [ -n "$have_mlr" ] && [ "$label" = stream ]; then
        note "$label: timing mlr count -g USER_ID, best of $runs"
        # shellcheck disable=SC2086
        best mlr mlr --icsv --ojson --gzin --allow-ragged-csv-input \
            count -g USER_ID $files
        mlr_s=$best
    fi
    echo "$label $upt_s" >>"$tmp/times"
    awk -v label="$label" -v users="$(stat_of users)" -v bytes="$bytes" \
        -v days="$(stat_of days)" \
        -v gz="$gzbytes" -v rows="$rows" -v us="$upt_s" -v zs="$zcat_s" \
        -v ms="$mlr_s" -v kib="$upt_kib" '
        function rate(s) { return s > 0 ? bytes / 1048576 / s : 0 }
        BEGIN {
            mlr = ms == "-" ? "-" : sprintf("%.1f", rate(ms))
            printf "%-10s %6d %5d %9.1f %8.1f %10d %8.2f %12.1f %10.1f %8.2f %9s %8.1f\n",
                label, users, days, bytes / 1048576, gz / 1048576, rows, us, rate(us),
                rate(zs), rate(us) / rate(zs), mlr, kib / 1024
        }' >>"$tmp/table"
}

: >"$tmp/table"
: >"$tmp/times"
measure stream "$mb" "$users" mixed "$bin"
if [ "$users_big" -gt 0 ] && [ "$users_big" -ne "$users" ]; then
    measure users "$mb_big" "$users_big" mixed "$bin"
fi
if [ "$huge_mb" -gt 0 ] && [ "$huge_mb" -ne "$mb" ]; then
    measure big "$huge_mb" "$users" mixed "$bin"
fi
if [ -n "$zlib_bin" ]; then
    measure zlib "$mb" "$users" mixed "$zlib_bin"
fi
if [ "$with_files" -gt 0 ]; then
    measure "files-j1" "$mb" "$users" split "$bin" -j 1
    measure files "$mb" "$users" split "$bin"
fi

cpu=$(sed -n 's/^model name[[:space:]]*: //p' /proc/cpuinfo 2>/dev/null | head -n 1)
echo
echo "uptake bench: $(nproc 2>/dev/null || echo "?") CPUs${cpu:+ ($cpu)}; times: best of $runs;" \
    "uptake-sim's Salesforce event log files from $start (--daily --volume 0 --size), gzip -6, seed $seed"
printf "%-10s %6s %5s %9s %8s %10s %8s %12s %10s %8s %9s %8s\n" \
    case users days "input MiB" "gzip MiB" rows "uptake s" "uptake MiB/s" \
    "zcat MiB/s" upt/zcat "mlr MiB/s" "peak MiB"
cat "$tmp/table"
echo "MiB/s: uncompressed MiB per second of wall time. upt/zcat: uptake's speed over"
echo "zcat's on the same files (1.00 = as fast as decompression alone). mlr: Miller"
echo "counting rows per user, '-' when not installed. peak: uptake's largest RSS."
echo "stream: one gzip stream; users: more users; big: a larger input; zlib: zlib's"
echo "inflate instead of ISA-L; files: one gzip file per event type and day, -j 1 and"
echo "default. users: of the simulated org; days: of logs it took to reach the size."
awk '$1 == "files-j1" { one = $2 } $1 == "files" { many = $2 }
    END { if (one > 0 && many > 0)
        printf "several files: the default -j reads at %.2fx the -j 1 rate\n", one / many }' \
    "$tmp/times"
echo "Data: $out/ (make clean removes it)."
