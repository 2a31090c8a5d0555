#!/bin/sh
# `make bench` must not rot: run it once on a tiny input and check that
# every podfmt row has a figure.
B=${BUILD:-build}
out=$(sh scripts/bench.sh "$B" 0.05 1 2>&1)
n=0
for conv in "srt->vtt" "text->html" "md->html" "vtt->srt" "json->md" "text->yaml"; do
    n=$((n + 1))
    line=$(printf '%s\n' "$out" | grep "^podfmt $conv ")
    case "$line" in
        *MB/s*) echo "ok $n - bench runs podfmt $conv" ;;
        *) echo "not ok $n - bench podfmt $conv: $(printf '%s\n' "$out" | grep -i "$conv" | head -3)" ;;
    esac
done
