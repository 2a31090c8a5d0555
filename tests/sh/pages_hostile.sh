#!/bin/sh
# Hostile transcripts and configurations in every output: tags, quotes in
# names, javascript: links, template syntax in text, names, meta and
# links.  Nothing may become markup, script, a link to run, a broken cue
# or broken JSON/YAML.  (pages_chromium.sh checks the HTML pages in a
# browser as well.)
BUILD=${BUILD:-build}
PODFMT=${PODFMT:-$BUILD/podfmt}
here=tests/sh/pages
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
n=0
ok() { n=$((n + 1)); echo "ok $n - $1"; }
bad() { n=$((n + 1)); echo "not ok $n - $1"; }
# check WHAT: the last command's status
check() { if [ "$?" -eq 0 ]; then ok "$1"; else bad "$1"; fi; }

# the two hostile documents with their hostile configurations
set -- "yaml:$here/hostile.yaml:$here/hostile-config.yaml" \
       "yaml-link:$here/hostile.yaml:$here/hostile-link.yaml" \
       "text:$here/hostile.txt:$here/hostile-names.yaml"
for spec in "$@"; do
    name=${spec%%:*}; rest=${spec#*:}; in=${rest%%:*}; cfg=${rest#*:}
    run() { # FORMAT-LABEL ARGS...: output into $tmp/$name.$label
        label=$1; shift
        if "$PODFMT" -c "$cfg" "$@" "$in" > "$tmp/$name.$label" 2> "$tmp/err"; then
            ok "$name: -t $label is written"
        else
            bad "$name: -t $label is written: $(head -c 200 "$tmp/err")"
        fi
    }
    run md -t md
    run md-s -t md -s
    run html -t html
    run page -t html -s
    run email -t html -s --email
    run srt -t srt
    run srt-color -t srt --speaker-style color
    run vtt -t vtt
    run vtt-color -t vtt --speaker-style color
    run json -t json
    run yaml -t yaml
    run chapters -t chapters

    # HTML: no element or attribute from the input, no script URL, and
    # the template syntax of the text shown as written
    for f in html page email; do
        o="$tmp/$name.$f"
        ! grep -Eiq '<(script|img|iframe|object|embed|form|base|link|style[^>]*>[^<]*display)' "$o" ||
            { bad "$name $f: no tag from the input: $(grep -Eio '<(script|img|iframe|object|embed|form|base|link)[^>]{0,40}' "$o" | head -1)"; continue; }
        ok "$name $f: no tag from the input"
        ! grep -Eiq '<[a-z][^>]*[[:space:]]on[a-z]+=' "$o"
        check "$name $f: no on* attribute"
        ! grep -Eiq '(href|src)="[[:space:]]*(javascript|vbscript|data):' "$o"
        check "$name $f: no javascript: URL"
        ! grep -q 'document.title=.PWNED.</script>' "$o"
        check "$name $f: the script of the input is escaped"
        grep -Fq '{{title}}' "$o" && ! grep -Fq '{{/title}}' "$o"
        check "$name $f: template syntax of the input shows as written, the template's does not"
        ! grep -Fq 'speaker-ana">' "$o" || true
    done
    # the page: a class or id never carries a quote or a space
    ! grep -Eo '(class|id)="[^"]*"' "$tmp/$name.page" | grep -Eq '(class|id)="[^"]*[<>'"'"'][^"]*"'
    check "$name page: ids and classes carry no <, > or '"

    # Markdown: even a renderer that lets raw HTML through (cmark
    # --unsafe) gets no tag, no script link and no image from the input
    for f in md md-s; do
        cmark --unsafe "$tmp/$name.$f" > "$tmp/$name.$f.html"
        ! grep -Eiq '<(script|img|iframe|a href="javascript|b onmouseover|font)' "$tmp/$name.$f.html"
        check "$name $f: cmark --unsafe renders no tag, image or script link from the input"
        ! grep -Eiq 'href="(javascript|vbscript):' "$tmp/$name.$f.html"
        check "$name $f: no javascript: link survives"
    done

    # Subtitles: tags only podfmt's own; "-->" only on timing lines
    for f in srt srt-color vtt vtt-color; do
        o="$tmp/$name.$f"
        ! sed -n '/^STYLE$/,/^$/!p' "$o" | grep -v -- '^[0-9:.,]* --> [0-9:.,]*' | grep -q -- '-->'
        check "$name $f: \"-->\" only on timing lines"
        ! sed -n '/^STYLE$/,/^$/!p' "$o" | sed -E 's#</?(i|b|u)>##g; s#<font color="\#[0-9a-fA-F]{3,8}">##g; s#</font>##g; s#<v [^<>]*>##g; s#</v>##g; s#<c\.[a-z0-9-]+>##g; s#</c>##g' | grep -q '<'
        check "$name $f: no tag but podfmt's own"
    done
    grep -q '^WEBVTT' "$tmp/$name.vtt" && ! sed -n '/^STYLE$/,/^$/p' "$tmp/$name.vtt-color" | grep -q -- '-->'
    check "$name vtt: a STYLE block never holds \"-->\""

    # JSON and YAML: valid, names and text as data
    for f in json chapters; do
        jq -e . "$tmp/$name.$f" > /dev/null 2>&1
        check "$name $f: valid JSON"
    done
    jq -r '.segments[].body' "$tmp/$name.json" | grep -Fq "<script>document.title='PWNED'</script>"
    check "$name json: the text is kept as written, as data"
    "$PODFMT" -f yaml -t yaml "$tmp/$name.yaml" > "$tmp/$name.yaml2" 2> "$tmp/err" &&
        cmp -s "$tmp/$name.yaml" "$tmp/$name.yaml2"
    check "$name yaml: reads back to the same YAML"
done

# a colour that is not a colour is refused, with its place
"$PODFMT" -c "$here/bad-color.yaml" -t html "$here/hostile.txt" > "$tmp/out" 2> "$tmp/err"
st=$?
[ "$st" = 1 ] && grep -q 'bad-color.yaml:3:[0-9]*: expected a colour' "$tmp/err"
check "a configured colour with markup is refused: file:line:column"

# a javascript: link template makes no links at all
"$PODFMT" -c "$here/hostile-config.yaml" -t html "$here/hostile.yaml" > "$tmp/out"
! grep -q 'class="time" href' "$tmp/out" && grep -q '<time datetime="PT1S">0:01</time>' "$tmp/out"
check "a javascript: link template is ignored: times stay plain"
"$PODFMT" -c "$here/hostile-config.yaml" -t md "$here/hostile.yaml" > "$tmp/out"
! grep -q 'javascript:document' "$tmp/out"
check "a javascript: link template is ignored in Markdown"
