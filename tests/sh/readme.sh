#!/bin/sh
# The README's examples are tests: every ```console block holds a command
# line "$ podfmt ..." (run from the repository's top, with the built podfmt
# first on PATH) and the exact output it prints.  A block may hold several
# commands one after another.
PODFMT=${PODFMT:-$(pwd)/build/podfmt}
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
mkdir "$tmp/bin"
ln -s "$PODFMT" "$tmp/bin/podfmt"
awk -v dir="$tmp" '
    /^```console$/ { inblock = 1; next }
    /^```$/ && inblock { inblock = 0; next }
    inblock && /^\$ / { n++; cmd = substr($0, 3); print cmd > (dir "/" n ".cmd"); printf "" > (dir "/" n ".want"); next }
    inblock && n { print > (dir "/" n ".want") }
' README.md
i=0
for c in "$tmp"/*.cmd; do
    [ -e "$c" ] || { echo "not ok 1 - README.md has no console examples"; exit 0; }
    i=$((i + 1))
    base=${c%.cmd}
    cmd=$(cat "$c")
    PATH="$tmp/bin:$PATH" sh -c "$cmd" > "$base.got" 2>&1
    if cmp -s "$base.got" "$base.want"; then
        printf "ok %d - README: %s\n" "$i" "$(printf '%s' "$cmd" | head -1 | cut -c1-70)"
    else
        printf "not ok %d - README: %s\n" "$i" "$(printf '%s' "$cmd" | head -1 | cut -c1-70)"
        diff "$base.want" "$base.got" | head -10 | sed 's/^/#   /'
    fi
done
