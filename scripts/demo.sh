#!/bin/sh
# The main job on the bundled sample: one transcript into every output.
set -eu
BUILD=${1:-build}
out="$BUILD/demo"
mkdir -p "$out"
in=examples/interview.txt
"$BUILD/podfmt" -t md -s -o "$out/interview.md" "$in"
"$BUILD/podfmt" -t html -s -o "$out/interview.html" "$in"
"$BUILD/podfmt" -t srt -o "$out/interview.srt" "$in"
"$BUILD/podfmt" -t vtt -o "$out/interview.vtt" "$in"
"$BUILD/podfmt" -t yaml -o "$out/interview.yaml" "$in"
echo "podfmt formatted $in into:"
for f in md html srt vtt yaml; do
    echo "  $out/interview.$f"
done
