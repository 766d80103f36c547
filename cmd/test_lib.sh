# test_lib.sh - what the shell tests of cmd/ share; sourced, not run.
# Each test calls check WHAT COMMAND... for one "ok N - what" or "not ok N
# - what" line, and ends with results, which prints "N passed, M failed"
# and returns non-zero when something failed.
n=0 fail=0

check() {
    what=$1
    shift
    n=$((n + 1))
    if "$@"; then
        echo "ok $n - $what"
    else
        fail=$((fail + 1))
        echo "not ok $n - $what"
    fi
}

# same A B: the files are equal; else the start of their diff, as a comment
same() {
    cmp -s "$1" "$2" && return 0
    diff -u "$1" "$2" | head -20 | sed 's/^/#  /'
    return 1
}

results() {
    echo "$((n - fail)) passed, $fail failed"
    [ "$fail" -eq 0 ]
}
