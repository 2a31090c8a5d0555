#!/bin/sh
# make bench: podfmt against its peers on the same generated inputs.
# Prints a table of medians (MB/s, ratio to the peer, peak RSS).  Timings
# on a shared machine are noisy: read the ratios, runs alternate.
#   scripts/bench.sh [BUILD] [SIZES_MB] [RUNS]     e.g. build "5 20" 5
set -u
B=${1:-build}
SIZES=${2:-5 20}
RUNS=${3:-5}
PODFMT="$B/podfmt"
W="$B/bench"
mkdir -p "$W"
TIME=/usr/bin/time

# Deterministic inputs: a conversation of sentences drawn in a fixed order.
gen() { # kind, megabytes, file
    awk -v kind="$1" -v mb="$2" 'BEGIN {
        split("So where do we start with all of this|I think the budget matters more than anything else we have discussed today|That is a fair point, and the numbers back it up|We recorded the first episode in a wardrobe full of coats|The neighbours think I talk to myself a lot|Always press record twice before the guest starts talking", s, "|")
        split("Ana Ruiz|Ben Ode|Lena Park", who, "|")
        limit = mb * 1000000; n = 0; t = 0; i = 0
        if (kind == "vtt") { printf "WEBVTT\n\n"; n += 8 }
        if (kind == "json") { printf "{\"language\": \"en\", \"segments\": [\n"; n += 40 }
        while (n < limit) {
            text = s[i % 6 + 1] "."; sp = who[i % 3 + 1]; i++
            a = t; t += 2000 + (i % 5) * 700; b = t; t += 120
            if (kind == "text") line = sprintf("%s: %s\n", sp, text)
            else if (kind == "md") line = sprintf("**%s:** %s\n\n", sp, text)
            else if (kind == "srt") line = sprintf("%d\n%02d:%02d:%02d,%03d --> %02d:%02d:%02d,%03d\n%s\n\n", i, a/3600000, a/60000%60, a/1000%60, a%1000, b/3600000, b/60000%60, b/1000%60, b%1000, text)
            else if (kind == "vtt") line = sprintf("%02d:%02d:%02d.%03d --> %02d:%02d:%02d.%03d\n<v %s>%s\n\n", a/3600000, a/60000%60, a/1000%60, a%1000, b/3600000, b/60000%60, b/1000%60, b%1000, sp, text)
            else if (kind == "json") line = sprintf("%s{\"start\": %.3f, \"end\": %.3f, \"text\": \" %s\"}\n", (i > 1 ? "," : ""), a/1000, b/1000, text)
            printf "%s", line; n += length(line)
        }
        if (kind == "json") print "], \"text\": \"\"}"
    }' > "$3"
}

# median of the numbers on standard input
median() { sort -n | awk '{ v[NR] = $1 } END { if (NR == 0) print 0; else if (NR % 2) print v[(NR + 1) / 2]; else print (v[NR / 2] + v[NR / 2 + 1]) / 2 }'; }

# run LABEL CMD...: one timed run, appends "seconds rss_kb" to $W/LABEL.runs
run() {
    label=$1; shift
    if $TIME -f "%e %M" -o "$W/time.tmp" "$@" > /dev/null 2> "$W/err.tmp"; then
        cat "$W/time.tmp" >> "$W/$label.runs"
    else
        echo "bench: $label failed: $(tail -c 300 "$W/err.tmp")" >&2
    fi
}

row() { # label, bytes, peer label (or -)
    label=$1; bytes=$2; peer=$3
    [ -s "$W/$label.runs" ] || { printf '%-34s %10s\n' "$label" "n/a"; return; }
    sec=$(awk '{print $1}' "$W/$label.runs" | median)
    rss=$(awk '{print $2}' "$W/$label.runs" | median)
    mbs=$(awk -v b="$bytes" -v s="$sec" 'BEGIN { if (s <= 0) s = 0.005; printf "%.1f", b / 1e6 / s }')
    ratio="-"
    if [ "$peer" != "-" ] && [ -s "$W/$peer.runs" ]; then
        psec=$(awk '{print $1}' "$W/$peer.runs" | median)
        ratio=$(awk -v a="$sec" -v b="$psec" 'BEGIN { if (a <= 0) a = 0.005; printf "%.1fx", b / a }')
    fi
    printf '%-34s %10s %8s MB/s %9s %8.1f MiB\n' "$label" "$sec s" "$mbs" "$ratio" "$(awk -v k="$rss" 'BEGIN{print k/1024}')"
}

printf '%-34s %10s %13s %9s %12s\n' "conversion" "median" "throughput" "vs peer" "peak RSS"
for mb in $SIZES; do
    for k in text md srt vtt json; do
        ext=$k; [ $k = text ] && ext=txt
        gen $k "$mb" "$W/in$mb.$ext"
    done
    rm -f "$W"/*.runs
    r=0
    while [ $r -lt "$RUNS" ]; do
        r=$((r + 1))
        run "podfmt srt->vtt ${mb}MB" "$PODFMT" -f srt -t vtt "$W/in$mb.srt"
        command -v ffmpeg > /dev/null && run "ffmpeg srt->vtt ${mb}MB" ffmpeg -v error -y -i "$W/in$mb.srt" -f webvtt /dev/null
        [ -x /usr/bin/python3 ] && /usr/bin/python3 -c 'import srt' 2> /dev/null && \
            run "python srt parse+compose ${mb}MB" /usr/bin/python3 -c 'import srt,sys; print(srt.compose(srt.parse(open(sys.argv[1]).read())), end="")' "$W/in$mb.srt"
        run "podfmt text->html ${mb}MB" "$PODFMT" -f text -t html "$W/in$mb.txt"
        command -v cmark > /dev/null && run "cmark md->html ${mb}MB" cmark "$W/in$mb.md"
        command -v pandoc > /dev/null && [ "$mb" -le 5 ] && run "pandoc md->html ${mb}MB" pandoc -f commonmark -t html "$W/in$mb.md"
        run "podfmt md->html ${mb}MB" "$PODFMT" -f md -t html "$W/in$mb.md"
        run "podfmt vtt->srt ${mb}MB" "$PODFMT" -f vtt -t srt "$W/in$mb.vtt"
        run "podfmt json->md ${mb}MB" "$PODFMT" -f json -t md "$W/in$mb.json"
        run "podfmt text->yaml ${mb}MB" "$PODFMT" -f text -t yaml "$W/in$mb.txt"
        run "cat ${mb}MB" cat "$W/in$mb.txt"
    done
    row "podfmt srt->vtt ${mb}MB" "$(wc -c < "$W/in$mb.srt")" "ffmpeg srt->vtt ${mb}MB"
    row "ffmpeg srt->vtt ${mb}MB" "$(wc -c < "$W/in$mb.srt")" -
    row "python srt parse+compose ${mb}MB" "$(wc -c < "$W/in$mb.srt")" -
    row "podfmt text->html ${mb}MB" "$(wc -c < "$W/in$mb.txt")" "cmark md->html ${mb}MB"
    row "cmark md->html ${mb}MB" "$(wc -c < "$W/in$mb.md")" -
    row "pandoc md->html ${mb}MB" "$(wc -c < "$W/in$mb.md")" -
    row "podfmt md->html ${mb}MB" "$(wc -c < "$W/in$mb.md")" "cmark md->html ${mb}MB"
    row "podfmt vtt->srt ${mb}MB" "$(wc -c < "$W/in$mb.vtt")" -
    row "podfmt json->md ${mb}MB" "$(wc -c < "$W/in$mb.json")" -
    row "podfmt text->yaml ${mb}MB" "$(wc -c < "$W/in$mb.txt")" -
    row "cat ${mb}MB" "$(wc -c < "$W/in$mb.txt")" -
done
