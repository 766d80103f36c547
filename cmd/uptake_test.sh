#!/bin/sh
# uptake_test.sh - end-to-end cases: each testdata/cases/NAME/ holds args, and
# the expected stdout, stderr (absent: empty) and status (absent: 0); an
# optional stdin file is fed to the run. Runs from testdata/ so that messages
# carry stable relative paths. UPDATE=1 rewrites the expected files; ONLY
# lists the cases to run; WRAP prefixes the command (valgrind).
: "${UPTAKE:?set UPTAKE to the binary}"
cd "$(dirname "$0")/../testdata" || exit 2
tmp=$(mktemp -d) || exit 2
trap 'rm -rf "$tmp"' EXIT
n=0 pass=0 fail=0
for dir in cases/*/; do
    name=$(basename "$dir")
    if [ -n "$ONLY" ]; then
        case " $ONLY " in *" $name "*) ;; *) continue ;; esac
    fi
    n=$((n + 1))
    input=/dev/null
    [ -f "$dir/stdin" ] && input=$dir/stdin
    eval "set -- $(cat "$dir/args")"
    $WRAP "$UPTAKE" "$@" <"$input" >"$tmp/stdout" 2>"$tmp/stderr"
    echo $? >"$tmp/status"
    if [ -n "$UPDATE" ]; then
        cp "$tmp/stdout" "$dir/stdout"
        if [ -s "$tmp/stderr" ]; then cp "$tmp/stderr" "$dir/stderr"; else rm -f "$dir/stderr"; fi
        if [ "$(cat "$tmp/status")" != 0 ]; then cp "$tmp/status" "$dir/status"; else rm -f "$dir/status"; fi
    fi
    [ -f "$dir/stderr" ] && cp "$dir/stderr" "$tmp/want-stderr" || : >"$tmp/want-stderr"
    [ -f "$dir/status" ] && cp "$dir/status" "$tmp/want-status" || echo 0 >"$tmp/want-status"
    if cmp -s "$dir/stdout" "$tmp/stdout" && cmp -s "$tmp/want-stderr" "$tmp/stderr" &&
        cmp -s "$tmp/want-status" "$tmp/status"; then
        pass=$((pass + 1))
        echo "ok $n - $name"
    else
        fail=$((fail + 1))
        echo "not ok $n - $name"
        diff -u "$dir/stdout" "$tmp/stdout" | sed 's/^/#  /' | head -40
        diff -u "$tmp/want-stderr" "$tmp/stderr" | sed 's/^/#  /' | head -20
        diff -u "$tmp/want-status" "$tmp/status" | sed 's/^/#  /'
    fi
done
echo "$pass passed, $fail failed"
[ "$fail" -eq 0 ]
