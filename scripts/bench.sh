#!/bin/sh
# make bench: podfmt against its peers on the same generated inputs.
# Prints a table of medians (MB/s, ratio to the peer, peak RSS against the
# memory budget), then the linearity of every reader and writer (the
# largest size against the smallest), the start-up case (a 30 KB
# transcript against cat) and the targets of issue 7, met or not.
# Timings on a shared machine are noisy: read the ratios, runs alternate.
#   scripts/bench.sh [BUILD] [SIZES_MB] [RUNS]     e.g. build "5 20" 5
set -u
B=${1:-build}
SIZES=${2:-5 20}
RUNS=${3:-5}
PODFMT="$B/podfmt"
W="$B/bench"
mkdir -p "$W"
TIME=/usr/bin/time
: > "$W/medians"; : > "$W/all"

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
# (the clock is read around the run: time's %e has only 10 ms steps)
run() {
    label=$1; shift
    t0=$(date +%s%N)
    if $TIME -f "%M" -o "$W/time.tmp" "$@" > /dev/null 2> "$W/err.tmp"; then
        t1=$(date +%s%N)
        echo "$(awk -v a="$t0" -v b="$t1" 'BEGIN { printf "%.4f", (b - a) / 1e9 }') $(cat "$W/time.tmp")" >> "$W/$label.runs"
    else
        echo "bench: $label failed: $(tail -c 300 "$W/err.tmp")" >&2
    fi
}

# row LABEL BYTES PEER: one line of the table; podfmt rows are also kept
# in $W/medians ("conv size seconds rss_kb bytes") for the summaries.
row() {
    label=$1; bytes=$2; peer=$3
    [ -s "$W/$label.runs" ] || { printf '%-34s %10s\n' "$label" "n/a"; return; }
    sec=$(awk '{print $1}' "$W/$label.runs" | median)
    best=$(awk '{print $1}' "$W/$label.runs" | sort -n | head -1)
    rss=$(awk '{print $2}' "$W/$label.runs" | median)
    mbs=$(awk -v b="$bytes" -v s="$sec" 'BEGIN { if (s <= 0) s = 0.005; printf "%.1f", b / 1e6 / s }')
    ratio="-"
    if [ "$peer" != "-" ] && [ -s "$W/$peer.runs" ]; then
        psec=$(awk '{print $1}' "$W/$peer.runs" | median)
        ratio=$(awk -v a="$sec" -v b="$psec" 'BEGIN { if (a <= 0) a = 0.005; printf "%.1fx", b / a }')
    fi
    echo "$label|$sec|$rss|$bytes" >> "$W/all"
    budget="-"; verdict=""
    case "$label" in
        podfmt\ *)
            budget=$(awk -v b="$bytes" 'BEGIN { printf "%.1f", 1.5 * b / 1048576 + 8 }')
            verdict=$(awk -v k="$rss" -v b="$budget" 'BEGIN { print (k / 1024 <= b ? "ok" : "OVER") }')
            set -- $label
            echo "$2 $3 $sec $rss $bytes $best" >> "$W/medians" ;;
    esac
    printf '%-34s %10s %8s MB/s %9s %8.1f MiB %8s MiB %s\n' "$label" "$sec s" "$mbs" "$ratio" \
        "$(awk -v k="$rss" 'BEGIN{print k/1024}')" "$budget" "$verdict"
}

# The conversions: reader -> writer, input file extension, peer (or -).
# Together they use every reader (text, md, srt, vtt, json, yaml) and
# every writer but chapters (html, vtt, srt, md, yaml, json).
CONVS="srt:vtt:srt text:html:txt md:html:md vtt:srt:vtt json:md:json text:yaml:txt yaml:json:yaml"

printf '%-34s %10s %13s %9s %12s %12s\n' "conversion" "median" "throughput" "vs peer" "peak RSS" "budget"
for mb in $SIZES; do
    for k in text md srt vtt json; do
        ext=$k; [ $k = text ] && ext=txt
        gen $k "$mb" "$W/in$mb.$ext"
    done
    # YAML input: the text transcript in podfmt's structured form
    "$PODFMT" -f text -t yaml "$W/in$mb.txt" > "$W/in$mb.yaml"
    rm -f "$W"/*.runs
    r=0
    while [ $r -lt "$RUNS" ]; do
        r=$((r + 1))
        for c in $CONVS; do
            IFS=: read -r from to ext <<EOF
$c
EOF
            run "podfmt $from->$to ${mb}MB" "$PODFMT" -f "$from" -t "$to" "$W/in$mb.$ext"
            case $c in
                srt:vtt:*)
                    command -v ffmpeg > /dev/null && run "ffmpeg srt->vtt ${mb}MB" ffmpeg -v error -y -i "$W/in$mb.srt" -f webvtt /dev/null
                    [ -x /usr/bin/python3 ] && /usr/bin/python3 -c 'import srt' 2> /dev/null && \
                        run "python srt parse+compose ${mb}MB" /usr/bin/python3 -c 'import srt,sys; print(srt.compose(srt.parse(open(sys.argv[1]).read())), end="")' "$W/in$mb.srt" ;;
                text:html:*)
                    command -v cmark > /dev/null && run "cmark md->html ${mb}MB" cmark "$W/in$mb.md"
                    command -v pandoc > /dev/null && awk -v m="$mb" 'BEGIN { exit !(m <= 5) }' && \
                        run "pandoc md->html ${mb}MB" pandoc -f commonmark -t html "$W/in$mb.md" ;;
            esac
        done
        run "cat ${mb}MB" cat "$W/in$mb.txt"
    done
    for c in $CONVS; do
        IFS=: read -r from to ext <<EOF
$c
EOF
        peer=-
        case $c in
            srt:vtt:*) peer="ffmpeg srt->vtt ${mb}MB" ;;
            text:html:* | md:html:*) peer="cmark md->html ${mb}MB" ;;
        esac
        row "podfmt $from->$to ${mb}MB" "$(wc -c < "$W/in$mb.$ext")" "$peer"
        case $c in
            srt:vtt:*)
                row "ffmpeg srt->vtt ${mb}MB" "$(wc -c < "$W/in$mb.srt")" -
                row "python srt parse+compose ${mb}MB" "$(wc -c < "$W/in$mb.srt")" - ;;
            text:html:*)
                row "cmark md->html ${mb}MB" "$(wc -c < "$W/in$mb.md")" -
                row "pandoc md->html ${mb}MB" "$(wc -c < "$W/in$mb.md")" - ;;
        esac
    done
    row "cat ${mb}MB" "$(wc -c < "$W/in$mb.txt")" -
done
echo "(vs peer: the peer's median time over podfmt's; above 1x podfmt is faster.  Budget: 1.5 x input + 8 MiB.)"

# ---- linearity: the largest input against the smallest -------------------
first=$(echo $SIZES | awk '{print $1}')
last=$(echo $SIZES | awk '{print $NF}')
if [ "$first" != "$last" ]; then
    echo
    echo "linearity (${last}MB against ${first}MB; limit: time ratio <= 1.15 x input ratio, 4.6 for 4x;"
    echo "judged on the medians; the fastest runs' ratio is shown too, as noise only adds time)"
    for c in $CONVS; do
        IFS=: read -r from to ext <<EOF
$c
EOF
        awk -v conv="$from->$to" -v a="${first}MB" -v b="${last}MB" '
            $1 == conv && $2 == a { ta = $3; ba = $5; ma = $6 }
            $1 == conv && $2 == b { tb = $3; bb = $5; mb = $6 }
            END {
                if (ta <= 0 || tb <= 0 || ba <= 0) { printf "  %-16s n/a\n", conv; exit }
                tr = tb / ta; br = bb / ba; lim = 1.15 * br
                printf "  %-16s input x%.2f  time x%.2f (fastest runs x%.2f)  limit x%.2f  %s\n", conv, br, tr, (ma > 0 ? mb / ma : 0), lim, (tr <= lim ? "ok" : "NOT MET")
            }' "$W/medians"
    done
fi

# ---- start-up: a 30 KB transcript against cat ------------------------------
gen text 0.03 "$W/small.txt"
N=200
loop() { # program args...: N runs in one shell, timed together
    t0=$(date +%s%N)
    sh -c 'n=$1; shift; i=0; while [ $i -lt $n ]; do "$@" > /dev/null || exit 1; i=$((i + 1)); done' loop "$N" "$@" 2> /dev/null || return 0
    t1=$(date +%s%N)
    awk -v a="$t0" -v b="$t1" 'BEGIN { printf "%.4f\n", (b - a) / 1e9 }'
}
: > "$W/small.podfmt"; : > "$W/small.cat"
r=0
while [ $r -lt "$RUNS" ]; do
    r=$((r + 1))
    loop "$PODFMT" -f text -t html "$W/small.txt" >> "$W/small.podfmt"
    loop cat "$W/small.txt" >> "$W/small.cat"
done
sp=$(median < "$W/small.podfmt"); sc=$(median < "$W/small.cat")
echo
[ -s "$W/small.podfmt" ] || echo "start-up: podfmt failed on the 30 KB transcript  NOT MET"
[ -s "$W/small.podfmt" ] && awk -v p="$sp" -v c="$sc" -v n="$N" -v b="$(wc -c < "$W/small.txt")" 'BEGIN {
    pm = p * 1000 / n; cm = c * 1000 / n
    printf "start-up: %d-byte transcript to HTML %.2f ms a run, cat %.2f ms (median of loops of %d runs): %+.2f ms  %s\n", b, pm, cm, n, pm - cm, (pm - cm <= 1.0 ? "ok" : "NOT MET")
}'

# ---- the targets of issue 7 -------------------------------------------------
echo
echo "targets (issue 7):"
for mb in $SIZES; do
    awk -F'|' -v a="podfmt srt->vtt ${mb}MB" -v b="python srt parse+compose ${mb}MB" '
        $1 == a { ta = $2 } $1 == b { tb = $2 }
        END { if (tb != "" && ta > 0) printf "  (%s against %s: %.1fx; no target)\n", a, b, tb / ta }' "$W/all"
done
for mb in $SIZES; do
    for t in "srt->vtt|ffmpeg srt->vtt|20" "text->html|cmark md->html|4"; do
        conv=${t%%|*}; rest=${t#*|}; peer=${rest%%|*}; want=${rest#*|}
        awk -F'|' -v a="podfmt $conv ${mb}MB" -v b="$peer ${mb}MB" -v w="$want" '
            $1 == a { ta = $2 } $1 == b { tb = $2 }
            END {
                if (tb == "") { printf "  %s: %s not installed\n", a, b; exit }
                if (ta == "") { printf "  %s: no successful run  NOT MET\n", a; exit }
                if (ta <= 0) ta = 0.005
                r = tb / ta
                printf "  %s against %s: %.1fx (target >= %dx)  %s\n", a, b, r, w, (r >= w ? "ok" : "NOT MET")
            }' "$W/all"
    done
done
awk '{ k = $1 " " $2; if ($4 / 1024 > 1.5 * $5 / 1048576 + 8) over = over "\n    " k sprintf(" (%.1f MiB, budget %.1f)", $4 / 1024, 1.5 * $5 / 1048576 + 8); n++ }
    END { printf "  peak RSS <= 1.5 x input + 8 MiB: %s\n", (n == 0 ? "no successful run  NOT MET" : over == "" ? "ok (" n " conversions)" : "NOT MET for" over) }' "$W/medians"
