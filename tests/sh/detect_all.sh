#!/bin/sh
# -f auto never guesses wrong on a test file: for every input under
# tests/ and examples/ that its own format reads, auto detection must give
# the same document.  The format is the case's "-f X" when it names one,
# else the file's extension.
PODFMT=${PODFMT:-$(pwd)/build/podfmt}
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
n=0
fails=0
for f in $(find tests/cases tests/seeds examples -type f \
             \( -name '*.in.*' -o -path 'tests/seeds/*' -o -path 'examples/*.txt' \) | sort); do
    case $f in *.cfg.yaml) continue ;; esac
    fmt=""
    case $f in
        *.in.*)
            args="${f%.in.*}.args"
            [ -f "$args" ] && fmt=$(sed -n 's/.*\(-f\|--from\) *\([a-z]*\).*/\2/p' "$args")
            ;;
    esac
    if [ -z "$fmt" ]; then
        case $f in
            *.txt) fmt=text ;; *.md) fmt=md ;; *.srt) fmt=srt ;; *.vtt) fmt=vtt ;;
            *.json) fmt=json ;; *.yaml) fmt=yaml ;; *) continue ;;
        esac
    fi
    [ "$fmt" = auto ] && continue
    "$PODFMT" -f "$fmt" -t yaml "$f" > "$tmp/want" 2> /dev/null || continue
    n=$((n + 1))
    if "$PODFMT" -t yaml "$f" > "$tmp/got" 2> "$tmp/err" && cmp -s "$tmp/want" "$tmp/got"; then
        :
    else
        fails=$((fails + 1))
        echo "not ok $n - auto detection on $f (read as $fmt): $(head -1 "$tmp/err")"
    fi
done
[ "$fails" = 0 ] && echo "ok 1 - auto detection agrees with the format on all $n test inputs"
