#!/bin/sh
# Pathological JSON input: each run must end within a time bound (linear
# time) with exit 0 or exit 1 and a position, never a crash.
root=$(cd "$(dirname "$0")/../.." && pwd)
PODFMT=${PODFMT:-$root/build/podfmt}
LIMIT=${LIMIT:-20}
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
n=0
# run NAME WANT_STATUS FILE [EXPECTED_STDERR_PATTERN]
run() {
    n=$((n + 1))
    timeout "$LIMIT" "$PODFMT" -f json -t json "$3" > "$tmp/out" 2> "$tmp/err"
    st=$?
    if [ "$st" -eq 124 ]; then
        echo "not ok $n - $1: took more than $LIMIT s"
    elif [ "$st" -ne "$2" ]; then
        echo "not ok $n - $1: exit $st, expected $2: $(head -c 200 "$tmp/err")"
    elif [ -n "${4:-}" ] && ! grep -q "$4" "$tmp/err"; then
        echo "not ok $n - $1: stderr $(head -c 200 "$tmp/err")"
    else
        echo "ok $n - $1"
    fi
}

# a million opening brackets
awk 'BEGIN { for (i = 0; i < 1000000; i++) printf "["; }' > "$tmp/deep.json"
run "1,000,000 nested lists" 1 "$tmp/deep.json" "deep.json:1:65: JSON nested more than 64 deep"

# nesting at the limit inside strings does not count; deep but allowed
awk 'BEGIN { printf "{\"segments\": [], \"x\": \""; for (i = 0; i < 1000000; i++) printf "[{"; print "\"}" }' > "$tmp/strdeep.json"
run "brackets inside a string" 0 "$tmp/strdeep.json"

# 300,000 one-word segments of one speaker, no pause, no full stop
awk 'BEGIN { printf "{\"version\": \"1.0.0\", \"segments\": [";
             for (i = 0; i < 300000; i++)
                 printf "%s{\"speaker\": \"Ana\", \"startTime\": %d.%03d, \"endTime\": %d.%03d, \"body\": \"word\"}",
                        i ? "," : "", i / 4, (i % 4) * 250, i / 4, (i % 4) * 250 + 200;
             print "]}" }' > "$tmp/words.json"
run "300,000 word segments" 0 "$tmp/words.json"

# the same token again and again: quotes, commas, spaces
awk 'BEGIN { printf "{\"version\": \"1.0.0\", \"segments\": [";
             for (i = 0; i < 300000; i++)
                 printf "%s{\"speaker\": \"Ana\", \"startTime\": 1, \"endTime\": 1, \"body\": \"%s\"}",
                        i ? "," : "", substr("\\\",  ", 1 + 2 * (i % 3), 2);
             print "]}" }' > "$tmp/tokens.json"
run "300,000 punctuation and space tokens" 0 "$tmp/tokens.json"

# subtitle tags that never close, in one long line
awk 'BEGIN { printf "[{\"start\": 1, \"end\": 5000, \"text\": \"";
             for (i = 0; i < 300000; i++) printf "<i>a<b>b<font x ";
             print "\"}]" }' > "$tmp/tags.json"
run "300,000 unclosed subtitle tags" 0 "$tmp/tags.json"

# one segment of 8 MB of escapes and Markdown characters
awk 'BEGIN { printf "{\"segments\": [{\"start\": 0, \"end\": 1, \"text\": \"";
             for (i = 0; i < 400000; i++) printf "\\u00e9*_[<&\\\\\\ud83d\\ude00";
             print "\"}]}" }' > "$tmp/escapes.json"
run "8 MB of escapes in one segment" 0 "$tmp/escapes.json"

# more speakers than the limit
awk 'BEGIN { printf "{\"segments\": [";
             for (i = 0; i <= 100000; i++)
                 printf "%s{\"start\": %d, \"end\": %d, \"text\": \"hi\", \"speaker\": \"S%d\"}",
                        i ? "," : "", i, i + 1, i;
             print "]}" }' > "$tmp/speakers.json"
run "100,001 speakers" 1 "$tmp/speakers.json" "speakers.json:1:[0-9]*: segments\[100000\]: more than 100000 speakers"

# an error deep into a long file is found with its line and column
awk 'BEGIN { print "{\"segments\": [";
             for (i = 0; i < 200000; i++) print "  {\"start\": " i ", \"end\": " i + 1 ", \"text\": \"ok\"},";
             print "  {\"start\": 5, \"end\": 4, \"text\": \"backwards\"}]}" }' > "$tmp/late.json"
run "an error on line 200,002" 1 "$tmp/late.json" "late.json:200002:3: segments\[200000\]: \"end\" 4 comes before \"start\" 5"
