#!/bin/sh
# Runs every test podfmt has and ends with one line the CI reads:
# "N passed, N failed".  Each part prints TAP-like "ok"/"not ok" lines.
BUILD=${1:-build}
export PODFMT="$(pwd)/$BUILD/podfmt" BUILD
# Under `make leakcheck`, every run of podfmt and of a unit test goes
# through valgrind ($VALGRIND); its findings make the run exit 99.
if [ -n "${VALGRIND:-}" ]; then
    printf '#!/bin/sh\nexec %s "%s" "$@"\n' "$VALGRIND" "$PODFMT" > "$BUILD/podfmt-checked"
    chmod +x "$BUILD/podfmt-checked"
    export PODFMT="$(pwd)/$BUILD/podfmt-checked"
fi
log="$BUILD/test.log"
: > "$log"
run() { # label, command...
    label=$1; shift
    echo "== $label" | tee -a "$log"
    "$@" 2>&1 | tee -a "$log" | grep -v '^ok ' || true
}
for t in "$BUILD"/tests/test_*; do
    [ -x "$t" ] || continue
    run "unit: $(basename "$t")" env CMOCKA_MESSAGE_OUTPUT=TAP ${VALGRIND:-} "$t"
done
run "example files: tests/cases" sh tests/run-cases.sh
for s in tests/sh/*.sh; do
    [ -f "$s" ] || continue
    # timed and bulk scripts are for native and ASan builds: valgrind is
    # 50 times slower, and ASan's leak checker covers those paths
    case "${VALGRIND:+v}$s" in
        v*pathological*|v*corpus*|v*bench*|v*ffprobe*|v*memory*)
            echo "== script: $s (skipped under valgrind)"; continue ;;
    esac
    run "script: $s" sh "$s"
done
passed=$(grep -c '^ok ' "$log")
failed=$(grep -c '^not ok ' "$log")
# a part that crashed or printed "Bail out!" fails the run too
bail=$(grep -c '^Bail out!' "$log")
failed=$((failed + bail))
echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ] && [ "$passed" -gt 0 ]
