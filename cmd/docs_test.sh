#!/bin/sh
# docs_test.sh - the man page lints clean, and it and --help name every long
# option of the cmd/ option tables; the man page names every report column
# and every --config threshold.
# Usage, from the top of the tree: sh cmd/docs_test.sh BUILD/uptake man/uptake.1
uptake=${1:?usage: docs_test.sh UPTAKE MANPAGE}
man=${2:?usage: docs_test.sh UPTAKE MANPAGE}
n=0 failed=0

ok() { n=$((n + 1)); echo "ok - $1"; }
not_ok() { n=$((n + 1)); failed=$((failed + 1)); echo "not ok - $1"; }

# (a) mandoc finds nothing to say at warning level or above
if ! command -v mandoc >/dev/null 2>&1; then
    not_ok "mandoc lint (mandoc not installed: apt-get install mandoc)"
elif out=$(mandoc -T lint -W warning "$man" 2>&1) && [ -z "$out" ]; then
    ok "mandoc -T lint -W warning $man"
else
    not_ok "mandoc -T lint -W warning $man"
    printf '%s\n' "$out" | sed 's/^/#  /'
fi

# (b) each table's long options, in the man page and in that command's --help
tables=0
for src in cmd/cmd_*.c; do
    sub=${src#cmd/cmd_}
    sub=${sub%.c}
    names=$(sed -n '/static const struct option [A-Za-z_]*_options\[\] *= *{/,/};/p' "$src" |
        grep -o '{[[:space:]]*"[^"]*"' | sed 's/^[^"]*"//; s/"$//')
    [ -n "$names" ] || continue
    tables=$((tables + 1))
    if [ "$sub" = report ]; then
        help=$("$uptake" --help 2>&1) && st=0 || st=$?
        cmdline="uptake --help"
    else
        help=$("$uptake" "$sub" --help 2>&1) && st=0 || st=$?
        cmdline="uptake $sub --help"
    fi
    if [ "$st" -eq 0 ]; then
        ok "$cmdline exits 0"
    else
        not_ok "$cmdline exits 0 (exit $st)"
    fi
    for name in $names; do
        if grep -Eq "Fl \\\\-$name([^A-Za-z0-9-]|\$)" "$man"; then
            ok "$man has Fl \\-$name ($src)"
        else
            not_ok "$man has Fl \\-$name ($src)"
        fi
        if printf '%s\n' "$help" | grep -Eq -- "--$name([^A-Za-z0-9-]|\$)"; then
            ok "$cmdline prints --$name"
        else
            not_ok "$cmdline prints --$name"
        fi
    done
done
if [ "$tables" -gt 0 ]; then
    ok "found $tables option tables in cmd/cmd_*.c"
else
    not_ok "found no option table in cmd/cmd_*.c"
fi

# (c) every column of lib/report.c's columns[] is an item of OUTPUT
cols=$(sed -n '/static const char \*const columns\[\] *= *{/,/};/p' lib/report.c |
    sed '1d' | grep -o '"[^"]*"' | tr -d '"')
output=$(sed -n '/^\.Sh OUTPUT/,/^\.Sh /p' "$man")
ncols=0
for col in $cols; do
    ncols=$((ncols + 1))
    if printf '%s\n' "$output" | grep -Eq "^\\.It Cm $col( |\$)"; then
        ok "$man OUTPUT describes column $col"
    else
        not_ok "$man OUTPUT describes column $col"
    fi
done
if [ "$ncols" -gt 0 ]; then
    ok "found $ncols columns in lib/report.c"
else
    not_ok "found no columns in lib/report.c"
fi

# (d) every threshold of lib/config.c's table is in the man page's table
names=$(sed -n 's/^[[:space:]]*T(\([a-z_]*\),.*/\1/p' lib/config.c)
nt=0
for name in $names; do
    nt=$((nt + 1))
    if grep -Eq "^\\.It Cm $name Ta " "$man"; then
        ok "$man lists threshold $name"
    else
        not_ok "$man lists threshold $name"
    fi
done
if [ "$nt" -gt 0 ]; then
    ok "found $nt thresholds in lib/config.c"
else
    not_ok "found no threshold in lib/config.c"
fi

echo "docs: $((n - failed)) passed, $failed failed"
[ "$failed" -eq 0 ]
