#!/bin/sh
# Pathological inputs: each must finish (a generous bound guards against
# hangs and quadratic time; these are not benchmarks) with success or a
# clear error, never a crash.
PODFMT=${PODFMT:-build/podfmt}
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
n=0
check() { # description, allowed statuses, podfmt arguments...
    what=$1; allowed=$2; shift 2
    n=$((n + 1))
    timeout 120 "$PODFMT" "$@" > "$tmp/out" 2> "$tmp/err"
    st=$?
    case " $allowed " in
        *" $st "*) echo "ok $n - $what (exit $st)" ;;
        *) echo "not ok $n - $what: exit $st; $(head -c 300 "$tmp/err")" ;;
    esac
}
awk 'BEGIN { for (i = 0; i < 2000000; i++) printf "word%d ", i % 10; print "" }' > "$tmp/line.txt"
check "20 MB single line, text to html" "0" -f text -t html "$tmp/line.txt"
check "20 MB single line, text to srt" "0" -f text -t srt "$tmp/line.txt"
awk 'BEGIN { for (i = 0; i < 100000; i++) { printf "Speaker Name%c%c%c%c: hello\n", 65+i%26, 65+int(i/26)%26, 65+int(i/676)%26, 65+int(i/17576)%26; printf "Speaker Name%c%c%c%c: again\n", 65+i%26, 65+int(i/26)%26, 65+int(i/676)%26, 65+int(i/17576)%26 } }' > "$tmp/speakers.txt"
check "100,000 speakers" "0 1" -f text -t yaml "$tmp/speakers.txt"
awk 'BEGIN { print "WEBVTT"; for (i = 0; i <= 100000; i++) printf "\n%02d:%02d.%03d --> %02d:%02d.%03d\n<v Voice %d>hi\n", int(i/60000)%60, int(i/1000)%60, i%1000, int(i/60000)%60, int(i/1000)%60, i%1000, i }' > "$tmp/voices.vtt"
check "100,001 voices: one too many" "1" -f vtt -t srt "$tmp/voices.vtt"
n=$((n + 1))
if grep -q "voices.vtt:300004:1: more than 100000 speakers" "$tmp/err"; then
    echo "ok $n - the speaker past the limit is named at its line:column"
else
    echo "not ok $n - speaker limit message: $(head -c 300 "$tmp/err")"
fi
awk 'BEGIN { for (i = 0; i < 200000; i++) printf "%d\n00:%02d:%02d,000 --> 00:%02d:%02d,500\nline %d\n\n", i+1, int(i/60)%60, i%60, int(i/60)%60, i%60, i }' > "$tmp/cues.srt"
check "200,000 cues, srt to vtt" "0 1" -f srt -t vtt "$tmp/cues.srt"
# a long file is read in two passes, keeping the last cue with text: a
# cue of 300,000 lines and then 100,000 cues without text must not move
# that cue again for each of them
awk 'BEGIN { print "1\n00:00:00,000 --> 00:00:01,000"; for (i = 0; i < 300000; i++) print "a b"
    for (i = 0; i < 100000; i++) { t = 2000 + i * 10; printf "\n%d\n00:%02d:%02d,%03d --> 00:%02d:%02d,%03d\n", i + 2, t / 60000, t / 1000 % 60, t % 1000, t / 60000, t / 1000 % 60, t % 1000 + 5 } }' > "$tmp/empty.srt"
check "a cue of 300,000 lines, then 100,000 without text" "0" -f srt -t vtt "$tmp/empty.srt"
awk 'BEGIN { for (i = 0; i < 1000000; i++) printf "*"; print "" }' > "$tmp/stars.txt"
check "a million '*', text to html" "0" -f text -t html "$tmp/stars.txt"
check "a million '*', text to md" "0" -f text -t md "$tmp/stars.txt"
awk 'BEGIN { for (i = 0; i < 1000000; i++) printf "["; print "" }' > "$tmp/brackets.txt"
check "a million '[', text to html" "0" -f text -t html "$tmp/brackets.txt"
awk 'BEGIN { for (i = 0; i < 100000; i++) printf "["; for (i = 0; i < 100000; i++) printf "]"; print "" }' > "$tmp/deep.json"
check "100,000-deep JSON" "1" -f json "$tmp/deep.json"
awk 'BEGIN { printf "podfmt: 1\nblocks: "; for (i = 0; i < 100000; i++) printf "["; print "" }' > "$tmp/deep.yaml"
check "100,000-deep YAML" "1" -f yaml "$tmp/deep.yaml"
awk 'BEGIN { for (i = 0; i < 300000; i++) printf "\r" }' > "$tmp/cr.txt"
check "300,000 lone CRs" "0" -f text -t md "$tmp/cr.txt"
