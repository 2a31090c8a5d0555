#!/bin/sh
# Every real subtitle file in the shared corpus (.srt, .vtt, .webvtt) is
# read with -f srt / -f vtt: podfmt either reads it (exit 0) or rejects it
# as bad input (exit 1) with "file:line:column: message" on standard
# error; it never crashes or dies on a signal.  What it reads it writes as
# YAML, and that YAML reads back into the same YAML (-f yaml -t yaml), so
# every cue's time and text survives.
PODFMT=${PODFMT:-$(pwd)/build/podfmt}
here=$(cd "$(dirname "$0")/../.." && pwd)
# shared/ sits beside the checkout (or beside its worktree folder)
if [ -z "${CORPUS:-}" ]; then
    CORPUS=$here/../shared/corpus
    [ -d "$CORPUS" ] || CORPUS=$here/../../shared/corpus
fi
if [ ! -d "$CORPUS" ]; then
    echo "ok 1 - # SKIP no corpus at $CORPUS"
    exit 0
fi
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
find "$CORPUS" -type f \( -name '*.srt' -o -name '*.vtt' -o -name '*.webvtt' \) |
    sort > "$tmp/list"
n=0 read_ok=0 rejected=0
while IFS= read -r f; do
    n=$((n + 1))
    case $f in
    *.srt) fmt=srt ;;
    *) fmt=vtt ;;
    esac
    rel=${f#"$CORPUS"/}
    "$PODFMT" -f "$fmt" -t yaml "$f" > "$tmp/out.yaml" 2> "$tmp/err" < /dev/null
    status=$?
    if [ "$status" -ge 128 ] || [ "$status" -gt 3 ]; then
        echo "not ok $n - $rel: exit status $status (crash)"
        continue
    fi
    if [ "$status" -eq 1 ]; then
        # file:line:column: message, with a real line and column
        if grep -q "^$(printf '%s' "$f" | sed 's/[][\.*^$/]/\\&/g'):[1-9][0-9]*:[1-9][0-9]*: ." "$tmp/err"; then
            rejected=$((rejected + 1))
            echo "ok $n - $rel: rejected: $(sed "s|^$f:||" "$tmp/err" | head -1)"
        else
            echo "not ok $n - $rel: exit 1 without file:line:col: $(head -1 "$tmp/err")"
        fi
        continue
    fi
    if [ "$status" -ne 0 ]; then
        echo "not ok $n - $rel: exit status $status: $(head -1 "$tmp/err")"
        continue
    fi
    "$PODFMT" -f yaml -t yaml "$tmp/out.yaml" > "$tmp/again.yaml" 2> "$tmp/err2" < /dev/null
    if ! cmp -s "$tmp/out.yaml" "$tmp/again.yaml"; then
        echo "not ok $n - $rel: the YAML does not read back the same: $(head -1 "$tmp/err2")"
        continue
    fi
    read_ok=$((read_ok + 1))
    echo "ok $n - $rel: read"
done < "$tmp/list"
echo "# $n subtitle files: $read_ok read, $rejected rejected"
