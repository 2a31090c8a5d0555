#!/bin/sh
# The command line as users meet it: exit statuses, messages, and an
# output file that is never left half-written.
PODFMT=${PODFMT:-build/podfmt}
tmp=$(mktemp -d)
trap 'chmod -R u+w "$tmp"; rm -rf "$tmp"' EXIT
n=0
ok() { n=$((n + 1)); echo "ok $n - $1"; }
bad() { n=$((n + 1)); echo "not ok $n - $1"; }
expect() { # description, expected status, command...
    what=$1; want=$2; shift 2
    "$@" > "$tmp/out" 2> "$tmp/err"
    st=$?
    if [ "$st" = "$want" ]; then ok "$what"; else bad "$what: exit $st, expected $want: $(head -c 200 "$tmp/err")"; fi
}
printf 'Ana: Hello.\nBen: Hi.\nAna: Bye.\nBen: Bye now.\n' > "$tmp/in.txt"

expect "--help exits 0" 0 "$PODFMT" --help
grep -q -- '--speaker-style' "$tmp/out" && ok "--help lists the options" || bad "--help lists the options"
expect "--version exits 0" 0 "$PODFMT" --version
grep -qx 'podfmt [0-9]*\.[0-9]*\.[0-9]*' "$tmp/out" && ok "--version prints 'podfmt X.Y.Z'" || bad "--version format: $(cat "$tmp/out")"
expect "an unknown option is bad usage" 2 "$PODFMT" --frobnicate "$tmp/in.txt"
expect "an unknown output format is bad usage" 2 "$PODFMT" -t docx "$tmp/in.txt"
expect "an unknown profile is bad usage" 2 "$PODFMT" --profile cinema "$tmp/in.txt"
expect "a missing input file is an I/O failure" 3 "$PODFMT" "$tmp/nope.txt"
grep -q "nope.txt: No such file" "$tmp/err" && ok "the message names the missing file" || bad "missing-file message: $(cat "$tmp/err")"
expect "standard input is read with -" 0 sh -c "\"$PODFMT\" -f text -t md - < \"$tmp/in.txt\""
grep -q '\*\*Ana:\*\*' "$tmp/out" && ok "standard input gives the turns" || bad "stdin output: $(head -c 200 "$tmp/out")"

# -o: written whole, or not at all
expect "-o writes the file" 0 "$PODFMT" -f text -t md -o "$tmp/out.md" "$tmp/in.txt"
grep -q 'Ben' "$tmp/out.md" && ok "-o file has the content" || bad "-o file content"
cp "$tmp/out.md" "$tmp/before.md"
printf 'Ana: caf\351\n' > "$tmp/broken.txt"
expect "bad input is exit 1" 1 "$PODFMT" -f text -t md -o "$tmp/out.md" "$tmp/broken.txt"
grep -q "broken.txt:1:9: invalid UTF-8" "$tmp/err" && ok "bad input names file:line:column" || bad "bad input message: $(cat "$tmp/err")"
cmp -s "$tmp/out.md" "$tmp/before.md" && ok "a failed run leaves the old output as it was" || bad "old output changed"
[ -z "$(ls -A "$tmp" | grep podfmt-)" ] && ok "no temporary file is left behind" || bad "temporary file left: $(ls "$tmp")"
# A long YAML file is written while it is read: a mistake near its end is
# found after the blocks before it went out, and still nothing is written
# with -o, and the message has its place.
awk 'BEGIN { for (i = 0; i < 4000; i++) printf "%s: Turn %d, and some words to go with it.\n", (i % 2 ? "Ben" : "Ana"), i }' > "$tmp/long.txt"
"$PODFMT" -f text -t yaml -o "$tmp/long.yaml" "$tmp/long.txt"
lines=$(wc -l < "$tmp/long.yaml")
printf -- '- kind: turn\n  speaker: nobody\n  segments:\n  - text: Who?\n' >> "$tmp/long.yaml"
expect "a mistake at the end of a long YAML file is exit 1" 1 "$PODFMT" -f yaml -t html -o "$tmp/out.md" "$tmp/long.yaml"
grep -q "long.yaml:$((lines + 2)):12: " "$tmp/err" && ok "it names file:line:column" || bad "late YAML mistake: $(cat "$tmp/err"), $lines lines before"
cmp -s "$tmp/out.md" "$tmp/before.md" && ok "and the old output is as it was" || bad "old output changed by a late YAML mistake"
[ -z "$(ls -A "$tmp" | grep podfmt-)" ] && ok "and no temporary file is left behind" || bad "temporary file left: $(ls "$tmp")"
expect "on standard output too" 1 "$PODFMT" -f yaml -t html "$tmp/long.yaml"
grep -q "long.yaml:$((lines + 2)):12: " "$tmp/err" && ok "with its place" || bad "late YAML mistake on stdout: $(cat "$tmp/err")"
printf '{{nope}}\n' > "$tmp/bad.tmpl"
expect "an output that cannot be made is told before a template problem" 3 "$PODFMT" -t html -s --template "$tmp/bad.tmpl" -o "$tmp/nofolder/x.html" "$tmp/in.txt"
grep -q "nofolder/x.html: No such file" "$tmp/err" && ok "and it names the output" || bad "output before template: $(cat "$tmp/err")"
expect "podfmt never writes over its input" 2 "$PODFMT" -f text -t md -o "$tmp/in.txt" "$tmp/in.txt"
grep -q 'Ana: Hello.' "$tmp/in.txt" && ok "the input is untouched" || bad "input changed"
mkdir "$tmp/ro" && chmod a-w "$tmp/ro"
if [ "$(id -u)" != 0 ]; then
    expect "an unwritable folder is an I/O failure" 3 "$PODFMT" -f text -t md -o "$tmp/ro/x.md" "$tmp/in.txt"
fi
expect "a folder as output is an I/O failure" 3 "$PODFMT" -f text -t md -o "$tmp/nofolder/x.md" "$tmp/in.txt"
expect "a folder as input is an I/O failure" 3 "$PODFMT" "$tmp"
