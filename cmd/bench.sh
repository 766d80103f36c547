#!/bin/sh
# bench.sh - `make bench`: uptake's speed and memory on a synthetic Salesforce
# event log of MB MiB, against zcat (the floor: decompression alone) and
# Miller (a general CSV tool counting rows per user), if installed.
#
# Usage: sh cmd/bench.sh UPTAKE [MB]         (MB: default 1024)
#
# The log comes from cmd/bench_gen.c (built here into build/bench/), made once
# per set of parameters and kept in build/bench/ with its gzip -6 copy; a
# change to the generator makes new data. Each time is the best of
# BENCH_RUNS runs; uptake's peak memory is the largest of its runs.
#
# Environment:
#   BENCH_USERS=5000       users in the org
#   BENCH_USERS_BIG=50000  a second line with this many users, to show memory
#                          growing with users (0: no second line)
#   BENCH_BIG_MB=MB        its size
#   BENCH_DAYS=30 BENCH_SEED=1 BENCH_RUNS=3
#   BENCH_LAYOUT=mixed     mixed: one gzip stream with every event type's daily
#                          files concatenated (zcat *.csv.gz | gzip); split: one
#                          file per event type, as Salesforce delivers them
#   BENCH_VERIFY_MB=4      the small log checked first: uptake must read it
#                          with exit status 0 and nothing on stderr
#   CC=cc                  the compiler for the generator
set -eu

me=bench
note() { echo "$me: $*" >&2; }
die() {
    echo "$me: $*" >&2
    exit 1
}

if [ $# -lt 1 ] || [ $# -gt 2 ]; then
    echo "usage: sh cmd/bench.sh UPTAKE [MB]" >&2
    exit 2
fi
bin=$1
mb=${2:-1024}
users=${BENCH_USERS:-5000}
users_big=${BENCH_USERS_BIG:-50000}
mb_big=${BENCH_BIG_MB:-$mb}
days=${BENCH_DAYS:-30}
seed=${BENCH_SEED:-1}
runs=${BENCH_RUNS:-3}
layout=${BENCH_LAYOUT:-mixed}
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
posint BENCH_DAYS "$days"
posint BENCH_SEED "$seed" 0
posint BENCH_RUNS "$runs"
posint BENCH_VERIFY_MB "$verify_mb"
case $layout in
split | mixed) ;;
*) die "BENCH_LAYOUT must be split or mixed, not '$layout'" ;;
esac

case $bin in
/*) ;;
*) bin=$(pwd)/$bin ;;
esac
[ -x "$bin" ] || die "no uptake binary at $bin (run make first)"
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

# the generator, rebuilt when its source changes
gen=$out/bench_gen
if [ ! -x "$gen" ] || [ -n "$(find cmd/bench_gen.c -newer "$gen")" ]; then
    note "building $gen"
    ${CC:-cc} -O2 -std=c11 -o "$gen" cmd/bench_gen.c ||
        die "cannot build $gen"
fi
gen_sum=$(cksum <cmd/bench_gen.c | awk '{print $1}')

# data made by an older generator is dropped
for d in "$out"/elf-*; do
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

# prepare MB USERS: makes (once) the log and its gzip copy; sets $data to
# its directory, $files to the gzip files, $plain to the plain ones
prepare() {
    data=$out/elf-$1m-$2u-${days}d-s$seed-$layout-g$gen_sum
    if [ ! -f "$data/gen.ok" ]; then
        rm -rf "$data"
        mkdir -p "$data"
        note "generating $1 MiB, $2 users, $days days ($layout layout)"
        t0=$(date +%s)
        if [ "$layout" = split ]; then
            "$gen" "$1" "$2" "$days" "$seed" "$data" 2>"$data/gen.log" ||
                die "generator failed: $(cat "$data/gen.log")"
        else
            "$gen" "$1" "$2" "$days" "$seed" >"$data/all.csv" 2>"$data/gen.log" ||
                die "generator failed: $(cat "$data/gen.log")"
        fi
        tail -n 1 "$data/gen.log" >"$data/gen.ok"
        note "  generated in $(($(date +%s) - t0)) s: $(cat "$data/gen.ok")"
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

stat_of() { # KEY: from the generator's "rows=N bytes=N users=N headers=N"
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

# uptake must read the generated data cleanly: exit 0, no stderr
check_uptake() { # WHAT
    if [ "$rc" -ne 0 ] || [ -s "$tmp/err" ]; then
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
note "check: uptake reads the $verify_mb MiB log cleanly: $reported users reported of $(stat_of users) in the log (one with only ignored rows, e.g. URI /aura, is not reported)"

have_mlr=
command -v mlr >/dev/null 2>&1 && have_mlr=1

# 2. the measured runs
measure() { # MB USERS
    prepare "$1" "$2"
    bytes=$(stat_of bytes)
    rows=$(stat_of rows)
    # shellcheck disable=SC2086
    gzbytes=$(cat $files | wc -c)
    note "timing zcat, best of $runs"
    # shellcheck disable=SC2086
    best zcat zcat $files
    zcat_s=$best
    note "timing uptake, best of $runs"
    # shellcheck disable=SC2086
    best uptake "$bin" $files
    upt_s=$best upt_kib=$peak
    mlr_s=-
    if [ -n "$have_mlr" ]; then
        note "timing mlr count -g USER_ID, best of $runs"
        # shellcheck disable=SC2086
        best mlr mlr --icsv --ojson --gzin --allow-ragged-csv-input \
            count -g USER_ID $files
        mlr_s=$best
    fi
    awk -v users="$2" -v bytes="$bytes" -v gz="$gzbytes" -v rows="$rows" \
        -v us="$upt_s" -v zs="$zcat_s" -v ms="$mlr_s" -v kib="$upt_kib" '
        function rate(s) { return s > 0 ? bytes / 1048576 / s : 0 }
        BEGIN {
            mlr = ms == "-" ? "-" : sprintf("%.1f", rate(ms))
            printf "%6d %10.1f %9.1f %10d %9.2f %13.1f %11.1f %9.2f %10s %14.1f\n",
                users, bytes / 1048576, gz / 1048576, rows, us, rate(us),
                rate(zs), rate(us) / rate(zs), mlr, kib / 1024
        }' >>"$tmp/table"
}

: >"$tmp/table"
measure "$mb" "$users"
if [ "$users_big" -gt 0 ] && [ "$users_big" -ne "$users" ]; then
    measure "$mb_big" "$users_big"
fi

cpu=$(sed -n 's/^model name[[:space:]]*: //p' /proc/cpuinfo 2>/dev/null | head -n 1)
nfiles=$(echo "$files" | wc -l)
echo
echo "uptake bench: $(nproc 2>/dev/null || echo "?") CPUs${cpu:+ ($cpu)}; times: best of $runs;" \
    "$days days of Salesforce event log files, $layout layout ($nfiles gzip files), seed $seed"
printf "%6s %10s %9s %10s %9s %13s %11s %9s %10s %14s\n" \
    users "input MiB" "gzip MiB" rows "uptake s" "uptake MiB/s" "zcat MiB/s" \
    "upt/zcat" "mlr MiB/s" "uptake RSS MiB"
cat "$tmp/table"
echo "MiB/s: uncompressed MiB per second of wall time. upt/zcat: uptake's speed over"
echo "zcat's (1.00 = as fast as decompression alone). mlr: Miller counting rows per"
echo "user, '-' when not installed. Data: $out/ (make clean removes it)."
