#!/bin/sh
# Subtitles podfmt writes must be read by ffmpeg without a complaint, with
# every cue seen (one packet a cue), and must pass podfmt's own --lint.
PODFMT=${PODFMT:-$(pwd)/build/podfmt}
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
n=0
ok() { n=$((n + 1)); echo "ok $n - $1"; }
notok() { n=$((n + 1)); echo "not ok $n - $1"; }

if ! command -v ffprobe > /dev/null 2>&1; then
    echo "Bail out! ffprobe is not installed (make deps installs ffmpeg)"
    exit 1
fi

# inputs: short lines, one long paragraph, CJK and emoji, markup and tags
printf 'line one\nline two\n' > "$tmp/short.txt"
{
    printf 'So today we are talking with Kamil Galeev about the war in Ukraine and what the Kremlin might do next. '
    printf 'I think this could be rational, but the decision makers in Moscow do not see it that way at all. '
    printf 'We have seen this before with the annexation of the peninsula and the long negotiations that followed.\n'
    printf 'Short reply.\n'
} > "$tmp/long.txt"
printf '東京タワーへ行きました。とても高くて、景色がきれいでした。また行きたいと思います。\nGreat 👍🏽 party 🇯🇵 time\n' > "$tmp/cjk.txt"
printf 'It was *very* loud <inaudible> and then [laughs] <b>bold</b> & more --> arrows\n{\\an8} text & <script>x</script>\n' > "$tmp/tags.txt"
cp tests/seeds/*.txt "$tmp/"

count_cues() { grep -c -- '-->' "$1"; }

for in in "$tmp"/*.txt; do
    base=$(basename "$in" .txt)
    for to in srt vtt; do
        for prof in netflix podcast; do
            out="$tmp/$base.$prof.$to"
            what="$base -t $to --profile $prof"
            if ! "$PODFMT" -f text -t "$to" --profile "$prof" "$in" > "$out" 2> "$tmp/err"; then
                notok "$what: podfmt failed: $(head -c 200 "$tmp/err")"
                continue
            fi
            cues=$(count_cues "$out")
            ffprobe -v error -show_packets "$out" > "$tmp/packets" 2> "$tmp/fferr"
            packets=$(grep -c '^\[PACKET\]' "$tmp/packets")
            if [ -s "$tmp/fferr" ]; then
                notok "$what: ffprobe complains: $(head -c 200 "$tmp/fferr")"
            elif [ "$cues" -eq 0 ] || [ "$packets" -ne "$cues" ]; then
                notok "$what: ffprobe sees $packets packets for $cues cues"
            else
                ok "$what: ffprobe sees all $cues cues"
            fi
            if "$PODFMT" --lint --profile "$prof" "$out" > "$tmp/lint" 2>&1; then
                ok "$what: --lint finds nothing"
            else
                notok "$what: --lint: $(head -3 "$tmp/lint")"
            fi
        done
    done
done

# every test input and corpus file podfmt reads: ffmpeg reads the result
# and sees every cue (an output without cues is skipped: ffmpeg calls an
# empty SRT invalid)
# ffprobe takes a quarter of a second a file: by default every 6th input,
# all of them with SUBS_FFPROBE_ALL=1
CORPUS=${CORPUS:-../shared/corpus}
{ find tests/cases -name '*.in.*'; [ -d "$CORPUS" ] && find "$CORPUS" -type f ! -name '*.tsv'; } |
    sort > "$tmp/all-inputs"
if [ -n "$SUBS_FFPROBE_ALL" ]; then
    cp "$tmp/all-inputs" "$tmp/inputs"
else
    awk 'NR % 6 == 1' "$tmp/all-inputs" > "$tmp/inputs"
fi
for to in srt vtt; do
    : > "$tmp/checked"
    : > "$tmp/untimed"
    : > "$tmp/lintbad"
    : > "$tmp/bad"
    while IFS= read -r in; do
        from=auto
        "$PODFMT" -t "$to" "$in" > "$tmp/any.$to" 2> /dev/null ||
            { from=text; "$PODFMT" -f text -t "$to" "$in" > "$tmp/any.$to" 2> /dev/null; } ||
            continue
        cues=$(count_cues "$tmp/any.$to")
        [ "$cues" -gt 0 ] || continue
        echo "$in" >> "$tmp/checked"
        packets=$(ffprobe -v error -show_packets "$tmp/any.$to" 2> "$tmp/fferr" |
                  grep -c '^\[PACKET\]')
        # a STYLE block (colours given) is where ffmpeg 5.1 stops reading:
        # written only when asked for, and said so in the README
        if grep -q '^STYLE' "$tmp/any.$to"; then
            :
        elif [ -s "$tmp/fferr" ] || [ "$packets" -ne "$cues" ]; then
            echo "$in ($packets packets, $cues cues)" >> "$tmp/bad"
        fi
        # where every time is podfmt's own (untimed input), --lint passes
        if ! "$PODFMT" -f "$from" -t yaml "$in" 2> /dev/null | grep -q '^ *\(start\|end\):'; then
            echo "$in" >> "$tmp/untimed"
            "$PODFMT" --lint "$tmp/any.$to" > "$tmp/lint" 2>&1 ||
                echo "$in: $(head -1 "$tmp/lint")" >> "$tmp/lintbad"
        fi
    done < "$tmp/inputs"
    checked=$(wc -l < "$tmp/checked")
    untimed=$(wc -l < "$tmp/untimed")
    if [ ! -s "$tmp/lintbad" ]; then
        ok "-t $to of every untimed input ($untimed files): --lint finds nothing"
    else
        notok "-t $to: --lint finds problems: $(head -3 "$tmp/lintbad" | tr '\n' ' ')"
    fi
    if [ ! -s "$tmp/bad" ]; then
        ok "-t $to of every readable input ($checked files): ffprobe sees every cue"
    else
        notok "-t $to: ffprobe disagrees on: $(head -5 "$tmp/bad" | tr '\n' ' ')"
    fi
done

# the speaker styles of SRT, each read by ffmpeg
for style in name dash color none; do
    out="$tmp/style-$style.srt"
    "$PODFMT" -f text -t srt --speaker-style "$style" "$tmp/long.txt" > "$out"
    cues=$(count_cues "$out")
    packets=$(ffprobe -v error -show_packets "$out" 2> "$tmp/fferr" | grep -c '^\[PACKET\]')
    if [ ! -s "$tmp/fferr" ] && [ "$packets" -eq "$cues" ] && [ "$cues" -gt 0 ]; then
        ok "--speaker-style $style: ffprobe sees all $cues cues"
    else
        notok "--speaker-style $style: $packets packets for $cues cues $(head -c 200 "$tmp/fferr")"
    fi
done

# --lint exits 1 and names the problem on a bad file, 0 on a clean one
printf '1\n00:00:01,000 --> 00:00:01,400\nMuch too fast to read at all\n\n' > "$tmp/bad.srt"
if "$PODFMT" --lint "$tmp/bad.srt" > "$tmp/lint"; then
    notok "--lint accepts a cue shown 0.4 s"
elif grep -q 'bad.srt:2: cue 1: shown 0.400 s (min 0.833)' "$tmp/lint"; then
    ok "--lint reports a cue shown too briefly, exit 1"
else
    notok "--lint output: $(cat "$tmp/lint")"
fi
