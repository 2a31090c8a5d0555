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

# A podfmt that fails every run must not pass a target.
fake=$(mktemp -d)
printf '#!/bin/sh\necho "broken on purpose" >&2\nexit 1\n' > "$fake/podfmt"
chmod +x "$fake/podfmt"
out=$(sh scripts/bench.sh "$fake" 0.05 1 2>&1)
rm -rf "$fake"
n=$((n + 1))
if printf '%s\n' "$out" | grep -q "text->html 0.05MB: no successful run  NOT MET" &&
   printf '%s\n' "$out" | grep -q "podfmt failed on the 30 KB transcript  NOT MET" &&
   printf '%s\n' "$out" | grep -q "peak RSS <= 1.5 x input + 8 MiB: no successful run  NOT MET" &&
   ! printf '%s\n' "$out" | grep -q "(target >= .*ok$"; then
    echo "ok $n - a failing podfmt meets no target"
else
    echo "not ok $n - a failing podfmt: $(printf '%s\n' "$out" | tail -12)"
fi
