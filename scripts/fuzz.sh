#!/bin/sh
# Runs every libFuzzer target for SECONDS each, seeded from the test files
# and the shared corpus (FUZZ_ONLY="text md" for some targets only); a
# crash is saved under build-fuzz/crashes/ and
# fails the run.  Usage: scripts/fuzz.sh BUILD_DIR SECONDS
set -u
B=${1:-build-fuzz}
SECONDS_EACH=${2:-60}
CORPUS=${CORPUS:-$(pwd)/../shared/corpus}
mkdir -p "$B/crashes"
status=0
n=0
for target in ${FUZZ_ONLY:-text md srt vtt json yaml auto config}; do
    n=$((n + 1))
    seeds="$B/seeds-$target"
    mkdir -p "$seeds" "$B/corpus-$target"
    case $target in
        text) pat='*.txt' ;; md) pat='*.md' ;; srt) pat='*.srt' ;;
        vtt) pat='*.vtt' ;; json) pat='*.json' ;; yaml) pat='*.yaml' ;;
        config) pat='*.cfg.yaml' ;; *) pat='*' ;;
    esac
    for d in tests "$CORPUS"; do
        [ -d "$d" ] && find "$d" -type f -name "$pat" -size -200k \
            -exec cp {} "$seeds/" \; 2>/dev/null
    done
    log="$B/fuzz-$target.log"
    "$B/fuzz_$target" -max_total_time="$SECONDS_EACH" -max_len=${FUZZ_MAX_LEN:-16384} \
        -seed="${FUZZ_SEED:-0}" -timeout=10 -rss_limit_mb=2048 -artifact_prefix="$B/crashes/$target-" \
        -print_final_stats=1 "$B/corpus-$target" "$seeds" > "$log" 2>&1
    rc=$?
    runs=$(grep -o 'stat::number_of_executed_units: *[0-9]*' "$log" | grep -o '[0-9]*$')
    if [ $rc -eq 0 ]; then
        echo "ok $n - fuzz $target: ${runs:-?} executions in ${SECONDS_EACH}s, no finding"
    else
        echo "not ok $n - fuzz $target: finding, see $log and $B/crashes/"
        status=1
    fi
done
exit $status
