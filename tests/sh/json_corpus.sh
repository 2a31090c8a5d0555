#!/bin/sh
# Runs `podfmt -f json -t json` (and `-t chapters`) over every .json file in
# the shared corpus: each must be read (exit 0, valid JSON out that reads
# back to the same JSON) or rejected
# with exit 1 and "file:line:col: message"; never a crash.  Rejections are
# listed as "# rejected FILE: MESSAGE" lines.
# CORPUS defaults to ../shared/corpus beside the checkout's root (for a git
# worktree, also beside the main checkout's root).
root=$(cd "$(dirname "$0")/../.." && pwd)
if [ -z "${CORPUS:-}" ]; then
    CORPUS=$root/../shared/corpus
    common=$(git -C "$root" rev-parse --path-format=absolute --git-common-dir 2>/dev/null)
    if [ ! -d "$CORPUS" ] && [ -n "$common" ]; then
        CORPUS=$(dirname "$common")/../shared/corpus
    fi
fi
PODFMT=${PODFMT:-$root/build/podfmt}
n=0
if [ ! -d "$CORPUS" ]; then
    echo "ok 1 - # SKIP no corpus at $CORPUS"
    exit 0
fi
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
# valid JSON: python3's parser, independent of jansson (when there is one)
check_json() {
    command -v python3 > /dev/null || return 0
    python3 -c 'import json,sys; json.load(open(sys.argv[1], encoding="utf-8"))' "$1" 2>/dev/null
}
# whether the first line of file $2 is "$1:LINE:COL: message"
positioned() {
    line=$(head -n 1 "$2")
    case "$line" in
    "$1":[0-9]*:[0-9]*": "?*) return 0 ;;
    esac
    return 1
}
find "$CORPUS" -name '*.json' | sort > "$tmp/list"
while IFS= read -r f; do
    for to in json chapters; do
        n=$((n + 1))
        name=${f#"$CORPUS"/}
        "$PODFMT" -f json -t "$to" "$f" > "$tmp/out" 2> "$tmp/err"
        st=$?
        if [ "$st" -eq 0 ]; then
            if ! check_json "$tmp/out" || [ -s "$tmp/err" ]; then
                echo "not ok $n - $name -t $to: exit 0 but output is not JSON"
            elif [ "$to" = json ] &&
                 ! { "$PODFMT" -f json -t json "$tmp/out" > "$tmp/again" &&
                     cmp -s "$tmp/out" "$tmp/again"; }; then
                echo "not ok $n - $name -t json: reading the output back changes it"
            else
                echo "ok $n - $name -t $to"
            fi
        elif [ "$st" -eq 1 ] && positioned "$f" "$tmp/err"; then
            echo "ok $n - $name -t $to (rejected)"
            [ "$to" = json ] && echo "# rejected $name: $(cat "$tmp/err")"
        else
            echo "not ok $n - $name -t $to: exit $st: $(head -c 300 "$tmp/err")"
        fi
    done
done < "$tmp/list"
[ "$n" -gt 0 ] || echo "not ok 1 - no .json file in $CORPUS"
# Every other corpus file read as JSON (as `-f json` on the wrong file
# would): rejected with a position, never a crash.
find "$CORPUS" -type f ! -name '*.json' | sort > "$tmp/others"
n=$((n + 1))
bad=0
while IFS= read -r f; do
    "$PODFMT" -f json -t json "$f" > /dev/null 2> "$tmp/err"
    st=$?
    if [ "$st" -ne 1 ] || ! positioned "$f" "$tmp/err"; then
        bad=$((bad + 1))
        echo "# $f: exit $st: $(head -c 200 "$tmp/err")"
    fi
done < "$tmp/others"
if [ "$bad" -eq 0 ]; then
    echo "ok $n - $(wc -l < "$tmp/others") other corpus files rejected as JSON with a position"
else
    echo "not ok $n - $bad other corpus files not rejected cleanly as JSON"
fi
