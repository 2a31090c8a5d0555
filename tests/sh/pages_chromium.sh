#!/bin/sh
# The standalone page in a real browser (Debian's chromium, headless):
# seed 000 (light) and a timed transcript (light and dark); every TOC link lands on
# its section, speakers show in their colours, and for a hostile
# transcript nothing runs.  The page itself forbids scripts (CSP), so the
# checks (tests/sh/pages/check.js) run in a COPY of it with the CSP line
# taken out: the escaping alone must hold.  Screenshots go to
# $BUILD/screenshots/ for a person to look at.
BUILD=${BUILD:-build}
PODFMT=${PODFMT:-$BUILD/podfmt}
here=tests/sh/pages
seed=tests/seeds/000_1c2f442d8fb017be.txt
mkdir -p "$BUILD"
work="$(cd "$BUILD" && pwd)/pages"
shots="$BUILD/screenshots"
rm -rf "$work"
mkdir -p "$work/profile" "$shots"
n=0
ok() { n=$((n + 1)); echo "ok $n - $1"; }
bad() { n=$((n + 1)); echo "not ok $n - $1"; }

CHROMIUM=$(command -v chromium || command -v chromium-browser || true)
if [ -z "$CHROMIUM" ]; then
    bad "chromium is installed (scripts/install-deps.sh installs it)"
    exit 0
fi
# --no-sandbox: the test runs as root in a container, where Chromium's
# sandbox cannot start; the pages are ours and local.
chrome() {
    timeout 60 "$CHROMIUM" --headless --no-sandbox --disable-gpu \
        --no-first-run --no-default-browser-check --disable-extensions \
        --hide-scrollbars --user-data-dir="$work/profile" "$@" 2>/dev/null
}

# page NAME ARGS...: renders the standalone page to $work/NAME.html
page() {
    name=$1; shift
    if "$PODFMT" -t html -s "$@" -o "$work/$name.html" 2> "$work/$name.err"; then
        ok "$name: podfmt writes the page"
    else
        bad "$name: podfmt writes the page: $(head -c 300 "$work/$name.err")"
        return 1
    fi
}

# check NAME EXPECT-JSON [chromium flags]: runs check.js in a copy
check() {
    name=$1; expect=$2; shift 2
    copy="$work/$name.check.html"
    grep -v 'http-equiv="Content-Security-Policy"' "$work/$name.html" |
        sed '/^<\/body>$/,$d' > "$copy"
    {
        printf '<script id="podfmt-expect">window.EXPECT = %s;</script>\n' "$expect"
        printf '<script id="podfmt-checker">\n'
        cat "$here/check.js"
        printf '</script>\n</body>\n</html>\n'
    } >> "$copy"
    chrome --window-size=1000,900 --virtual-time-budget=2000 "$@" \
        --dump-dom "file://$copy" > "$work/$name.dom"
    sed -n '/<pre id="podfmt-check">/,/<\/pre>/p' "$work/$name.dom" |
        grep -E '^(not )?ok - ' > "$work/$name.results"
    if [ ! -s "$work/$name.results" ]; then
        bad "$name: the checks ran in chromium (no results in the DOM)"
        return
    fi
    while IFS= read -r line; do
        case $line in
        "ok - "*) ok "$name: $(echo "${line#ok - }" | sed 's/&quot;/"/g; s/&lt;/</g; s/&gt;/>/g; s/&amp;/\&/g; s/ ()$//')" ;;
        *) bad "$name: $(echo "${line#not ok - }" | sed 's/&quot;/"/g; s/&lt;/</g; s/&gt;/>/g; s/&amp;/\&/g')" ;;
        esac
    done < "$work/$name.results"
}

# shot NAME FILE WIDTH HEIGHT [flags]
shot() {
    name=$1; png="$shots/$2"; size=$3; shift 3
    rm -f "$png"
    chrome --window-size="$size" --virtual-time-budget=1000 "$@" \
        --screenshot="$png" "file://$work/$name.html" > /dev/null
    if [ -s "$png" ]; then ok "$name: screenshot $png"; else bad "$name: screenshot $png"; fi
}

light_palette='{"speaker-lena-park":"rgb(29, 95, 168)","speaker-tom-ode":"rgb(180, 65, 12)","speaker-mira-sol":"rgb(21, 128, 61)"}'
dark_palette='{"speaker-lena-park":"rgb(124, 184, 240)","speaker-tom-ode":"rgb(251, 146, 60)","speaker-mira-sol":"rgb(74, 222, 128)"}'
seed_colors='{"speaker-jordan-schneider":"rgb(122, 62, 157)","speaker-kamil-galeev":"rgb(11, 110, 79)"}'

cat > "$work/seed.yaml" <<'YAML'
speakers:
  Jordan Schneider:
    color: "#7a3e9d"
  Kamil Galeev:
    color: "#0b6e4f"
YAML

if page seed-000 -c "$work/seed.yaml" "$seed"; then
    check seed-000 "{\"toc\": 6, \"colors\": $seed_colors, \"bars\": 2, \"background\": \"rgb(253, 253, 252)\"}"
    shot seed-000 seed-000.png 1000,1400
    shot seed-000 seed-000-dark.png 1000,1400 --force-dark-mode
fi

printf 'link: "https://example.fm/ep42?t={seconds}"\n' > "$work/link.yaml"
if page timed -c "$work/link.yaml" "$here/timed.yaml"; then
    check timed "{\"toc\": 5, \"colors\": $light_palette, \"bars\": 3}"
    cp "$work/timed.html" "$work/timed-dark.html"
    check timed-dark "{\"toc\": 5, \"colors\": $dark_palette, \"bars\": 3, \"background\": \"rgb(23, 25, 28)\"}" --force-dark-mode
    shot timed timed.png 1000,2400
    shot timed timed-dark.png 1000,2400 --force-dark-mode
fi

# the titles as written in hostile-config.yaml and hostile.yaml (JSON)
config_title="{{style}}\\u003c/title>\\u003cscript>document.title='PWNED'\\u003c/script>"
input_title="\\u003c/title>\\u003cscript>document.title='PWNED'\\u003c/script>{{body}}"
if page hostile -c "$here/hostile-config.yaml" "$here/hostile.yaml"; then
    check hostile "{\"hostile\": true, \"toc\": 2, \"bars\": 2, \"title\": \"$config_title\"}"
    shot hostile hostile.png 1000,1400
fi
if page hostile-link -c "$here/hostile-link.yaml" "$here/hostile.yaml"; then
    check hostile-link "{\"hostile\": true, \"toc\": 2, \"title\": \"$input_title\"}"
fi
if "$PODFMT" -t html -s --email -c "$here/hostile-config.yaml" "$here/hostile.yaml" \
        -o "$work/hostile-email.html" 2> "$work/hostile-email.err"; then
    ok "hostile-email: podfmt writes the e-mail page"
    check hostile-email "{\"hostile\": true, \"title\": \"$config_title\"}"
else
    bad "hostile-email: podfmt writes the e-mail page: $(head -c 300 "$work/hostile-email.err")"
fi
