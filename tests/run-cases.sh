#!/bin/sh
# Example-file tests.  In tests/cases/AREA/, each NAME.args holds podfmt's
# arguments (shell words); the input is NAME.in.* when there is one.  The
# run's standard output must equal NAME.out, its standard error NAME.err
# (when that file exists) and its exit status NAME.status (default 0).
# Run from the case's folder, so messages name files as the test does.
# UPDATE=1 writes the expected files from the current behaviour instead.
PODFMT=${PODFMT:-$(pwd)/build/podfmt}
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
n=0
for args in $(find tests/cases -name '*.args' | sort); do
    dir=$(dirname "$args")
    name=$(basename "$args" .args)
    n=$((n + 1))
    input=""
    for f in "$dir/$name".in.*; do
        [ -e "$f" ] && input=$(basename "$f") && break
    done
    (
        cd "$dir" || exit 99
        eval "set -- $(cat "$name.args")"
        if [ -n "$input" ]; then
            "$PODFMT" "$@" "$input" > "$tmp/out" 2> "$tmp/err" < /dev/null
        else
            "$PODFMT" "$@" > "$tmp/out" 2> "$tmp/err" < /dev/null
        fi
        echo $? > "$tmp/status"
    )
    status=$(cat "$tmp/status")
    want_status=0
    [ -f "$dir/$name.status" ] && want_status=$(cat "$dir/$name.status")
    if [ -n "${UPDATE:-}" ]; then
        cp "$tmp/out" "$dir/$name.out"
        [ "$status" != 0 ] && echo "$status" > "$dir/$name.status"
        [ -s "$tmp/err" ] && cp "$tmp/err" "$dir/$name.err"
    fi
    why=""
    [ "$status" = "$want_status" ] || why="exit status $status, expected $want_status"
    if [ -z "$why" ] && ! cmp -s "$tmp/out" "$dir/$name.out"; then
        why="standard output differs:
$(diff "$dir/$name.out" "$tmp/out" | head -20)"
    fi
    if [ -z "$why" ] && [ -f "$dir/$name.err" ] && ! cmp -s "$tmp/err" "$dir/$name.err"; then
        why="standard error differs:
$(diff "$dir/$name.err" "$tmp/err" | head -10)"
    fi
    if [ -z "$why" ]; then
        echo "ok $n - $dir/$name"
    else
        echo "not ok $n - $dir/$name: $why"
    fi
done
