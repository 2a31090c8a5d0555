#!/bin/sh
# A file of 1 MiB or more is mapped, not read (unless it is a plain text
# transcript, whose reader writes into its input): what comes out must be
# what comes out of the same bytes read from standard input, in every
# format, for good input and bad, and with -o.
PODFMT=${PODFMT:-build/podfmt}
W=$(mktemp -d)
trap 'rm -rf "$W"' EXIT
n=0
ok() { n=$((n + 1)); echo "ok $n - $1"; }
bad() { n=$((n + 1)); echo "not ok $n - $1"; }
# same_as_stdin description file args...: output, status and messages
# (with the input's name taken out: --lint and the messages give it) are
# the same both ways
same_as_stdin() {
    what=$1; f=$2; shift 2
    "$PODFMT" "$@" "$f" > "$W/a" 2> "$W/ae"; sa=$?
    "$PODFMT" "$@" - < "$f" > "$W/b" 2> "$W/be"; sb=$?
    for x in a ae; do sed "s|^$f:||" "$W/$x" > "$W/${x}2"; done
    for x in b be; do sed "s|^<stdin>:||" "$W/$x" > "$W/${x}2"; done
    if [ "$sa" = "$sb" ] && cmp -s "$W/a2" "$W/b2" && cmp -s "$W/ae2" "$W/be2"; then
        ok "$what"
    else
        bad "$what: exit $sa / $sb; $(head -c 200 "$W/ae") / $(head -c 200 "$W/be")"
    fi
}
# 1.6 MB of cues: labels, tags, entities, a dash, a CJK line
awk 'BEGIN {
    split("Ana Ruiz: So where do we start with all of this.|<i>I think the budget matters</i> more than anything else we have discussed today.|- That is a fair point, and the numbers back it up.|Ben Ode: We recorded the first episode in a wardrobe &amp; a coat.|安娜：我们在衣柜里录了第一集。", s, "|")
    for (i = 0; i < 20000; i++) {
        t = i * 3000; u = t + 2500
        printf "%d\n%02d:%02d:%02d,%03d --> %02d:%02d:%02d,%03d\n%s\n\n", i + 1,
            t / 3600000, t / 60000 % 60, t / 1000 % 60, t % 1000,
            u / 3600000, u / 60000 % 60, u / 1000 % 60, u % 1000, s[i % 5 + 1]
    }
}' > "$W/in.srt"
size=$(wc -c < "$W/in.srt")
[ "$size" -ge 1048576 ] && ok "the SRT is past 1 MiB ($size bytes)" || bad "the SRT is only $size bytes"
for t in vtt srt md html json yaml chapters; do
    same_as_stdin "srt -> $t, mapped and read" "$W/in.srt" -f srt -t "$t"
done
same_as_stdin "srt detected -> vtt" "$W/in.srt" -t vtt
same_as_stdin "--stats on a mapped SRT" "$W/in.srt" --stats
same_as_stdin "--lint on a mapped SRT" "$W/in.srt" --lint
"$PODFMT" -f srt -t vtt "$W/in.srt" > "$W/in.vtt"
same_as_stdin "vtt -> srt" "$W/in.vtt" -t srt
"$PODFMT" -f srt -t json "$W/in.srt" > "$W/in.json"
same_as_stdin "json -> md" "$W/in.json" -t md
"$PODFMT" -f srt -t yaml "$W/in.srt" > "$W/in.yaml"
same_as_stdin "yaml -> html" "$W/in.yaml" -t html
"$PODFMT" -f srt -t md "$W/in.srt" > "$W/in.md"
cat "$W/in.md" "$W/in.md" "$W/in.md" > "$W/in3.md"
same_as_stdin "md -> html" "$W/in3.md" -f md -t html
# a transcript: read, not mapped, and the same
awk '{ print "Ana: line " NR " of a transcript long enough to be mapped." }' "$W/in.srt" > "$W/in.txt"
same_as_stdin "text -> html" "$W/in.txt" -t html
same_as_stdin "text given as md -> srt" "$W/in.txt" -f md -t srt
# UTF-16 with a byte-order mark: converted into a buffer of its own
if command -v iconv > /dev/null; then
    { printf '\377\376'; iconv -f UTF-8 -t UTF-16LE "$W/in.srt"; } > "$W/in16.srt"
    same_as_stdin "UTF-16 SRT -> vtt" "$W/in16.srt" -t vtt
fi
# an error near the end: the same line and column
cp "$W/in.srt" "$W/bad.srt"
printf '20001\n00:99:00,000 --> 01:00:00,000\nLate.\n' >> "$W/bad.srt"
same_as_stdin "an error at the end of a mapped SRT" "$W/bad.srt" -t vtt
grep -q "^$W/bad.srt:[0-9]*:[0-9]*: malformed cue timing line" "$W/ae" &&
    ok "the error names the file, line and column" ||
    bad "error message: $(cat "$W/ae")"
# -o: the output file, whole
"$PODFMT" -t vtt -o "$W/out.vtt" "$W/in.srt" && "$PODFMT" -t vtt - < "$W/in.srt" | cmp -s - "$W/out.vtt" &&
    ok "-o writes the same file" || bad "-o from a mapped input differs"
echo "1..$n"
