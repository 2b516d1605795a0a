#!/bin/sh
# Opens an actbench HTML report in headless Chromium and checks what a
# reader would see: every activation's chart drawn in the page, no script
# error or failed load in the console, the verdict on the first screen
# (above the fold of a 1400x900 window), no table wider than its box at
# 1400 px (folded tables opened), and screenshots that are not blank: the
# whole page (SCREENSHOT_PNG), the first screen (...-first-screen.png) and
# the gelu_tanh section alone (...-gelu_tanh.png) when there is one.
#
# Usage: browser_test.sh HTML_FILE SCREENSHOT_PNG
# Exit: 0 pass, 1 fail, 77 skip (Chromium not available; meson's skip code).
# Chromium is looked up as $CHROMIUM, chromium, chromium-browser,
# google-chrome; when none is found and the script runs as root with CI set
# or ACTBENCH_INSTALL_CHROMIUM=1, it is installed with apt-get first.

set -u

if [ $# -ne 2 ]; then
    echo "usage: $0 HTML_FILE SCREENSHOT_PNG" >&2
    exit 1
fi
html_file=$1
screenshot=$2
if [ ! -f "$html_file" ]; then
    echo "FAIL: $html_file: no such file" >&2
    exit 1
fi

find_chromium() {
    for candidate in "${CHROMIUM:-}" chromium chromium-browser google-chrome google-chrome-stable; do
        [ -n "$candidate" ] || continue
        if command -v "$candidate" >/dev/null 2>&1; then
            command -v "$candidate"
            return 0
        fi
    done
    return 1
}

chromium=$(find_chromium)
if [ -z "$chromium" ] && [ "$(id -u)" = 0 ] &&
    { [ -n "${CI:-}" ] || [ "${ACTBENCH_INSTALL_CHROMIUM:-}" = 1 ]; }; then
    echo "browser_test: installing chromium with apt-get"
    export DEBIAN_FRONTEND=noninteractive
    { apt-get update -qq && apt-get install -y -qq chromium; } >/dev/null 2>&1 ||
        echo "browser_test: apt-get could not install chromium" >&2
    chromium=$(find_chromium)
fi
if [ -z "$chromium" ]; then
    echo "SKIP: chromium not available"
    exit 77
fi

# The path as a file:// URL (absolute; spaces and '#' would need escaping,
# which a test's temporary path does not have).
case "$html_file" in
/*) absolute=$html_file ;;
*) absolute=$(pwd)/$html_file ;;
esac
url="file://$absolute"

work=$(mktemp -d "${TMPDIR:-/tmp}/actbench-browser-XXXXXX") || exit 1
trap 'rm -rf "$work"' EXIT INT TERM

# Flags that keep Chromium off the network and away from the user's profile.
run_chromium() {
    profile=$(mktemp -d "$work/profile-XXXXXX")
    timeout 120 "$chromium" --headless --no-sandbox --disable-gpu --disable-quic --no-first-run \
        --disable-background-networking --disable-component-update --disable-sync \
        --user-data-dir="$profile" "$@"
}

failed=0
fail() {
    echo "FAIL: $*"
    failed=1
}

# (a) and (b): the DOM after the scripts ran, and the console.
run_chromium --enable-logging=stderr --v=0 --dump-dom "$url" >"$work/dom.html" 2>"$work/console.log"
status=$?
if [ $status -ne 0 ] || [ ! -s "$work/dom.html" ]; then
    fail "chromium --dump-dom exited with $status"
    sed -n '1,20p' "$work/console.log"
fi

# Activations: the report's sections (<section id="act-NAME">).
activations=$(grep -o '<section id="act-[^"]*"' "$html_file" | sed 's/.*id="act-//; s/"$//')
if [ -z "$activations" ]; then
    fail "the report has no activation section"
fi
# One line per chart in the DOM: its activation, whether the page script
# marked it drawn, and whether it holds a circle, path or rect.
awk 'BEGIN { RS = "</svg>" }
     {
         start = index($0, "<svg class=\"chart\"")
         if (start == 0) next
         chart = substr($0, start)
         tag_end = index(chart, ">")
         tag = substr(chart, 1, tag_end)
         name = tag
         sub(/.*data-activation="/, "", name)
         sub(/".*/, "", name)
         drawn = (tag ~ /data-drawn="1"/) ? "drawn" : "not-drawn"
         shapes = (chart ~ /<circle|<path|<rect/) ? "shapes" : "empty"
         print name, drawn, shapes
     }' "$work/dom.html" >"$work/charts.txt"
count=0
for activation in $activations; do
    count=$((count + 1))
    if ! grep -q "^$activation drawn shapes\$" "$work/charts.txt"; then
        fail "activation $activation has no drawn svg.chart in the page"
    fi
done
if grep -q ' empty$' "$work/charts.txt"; then
    fail "charts without content: $(grep ' empty$' "$work/charts.txt" | cut -d' ' -f1 | tr '\n' ' ')"
fi
echo "browser_test: $count activations, $(wc -l <"$work/charts.txt") charts in the page"

# Console messages come as 'INFO:CONSOLE...] "text", source: URL (line)';
# Chromium's own log lines (dbus, GPU) are not the page's and are ignored.
grep -E 'CONSOLE|Uncaught' "$work/console.log" >"$work/page-console.log"
if grep -Eiq 'Uncaught|error|Failed to load' "$work/page-console.log"; then
    fail "the page logged errors:"
    sed -n '1,20p' "$work/page-console.log"
fi

# (c) the first screen and the width of every table, as the page's script
# measured them (report.js: data-verdict-top/-bottom, data-wide-tables,
# data-layout-ms on <html>), at 1400x900 with every folded table opened.
attribute() {
    sed -n "s/.*<html[^>]* $1=\"\([^\"]*\)\".*/\1/p" "$2" | head -n 1
}
run_chromium --window-size=1400,900 --dump-dom "$url#open-all" >"$work/layout.html" 2>/dev/null
top=$(attribute data-verdict-top "$work/layout.html")
bottom=$(attribute data-verdict-bottom "$work/layout.html")
wide=$(attribute data-wide-tables "$work/layout.html")
layout_ms=$(attribute data-layout-ms "$work/layout.html")
viewport=$(attribute data-viewport "$work/layout.html")
echo "browser_test: viewport $viewport, verdict table at y $top..$bottom px, $wide tables wider than their box, laid out in $layout_ms ms"
fold=${viewport#*x}
case "$fold" in ''|*[!0-9]*) fold=900 ;; esac
if [ "$fold" -gt 900 ]; then fold=900; fi
if [ -z "$top" ] || [ -z "$bottom" ] || [ "$top" -ge "$fold" ] || [ "$bottom" -gt "$fold" ]; then
    fail "the verdict is not on the first screen (its table spans $top..$bottom px of $fold)"
fi
if [ "$wide" != 0 ]; then
    fail "$wide tables scroll sideways at 1400 px: $(grep -o '<table class="[^"]*"[^>]*data-overflows="1"' "$work/layout.html" | head -n 5 | tr '\n' ' ')"
fi

# (d) the screenshots.
shoot() { # SIZE FRAGMENT FILE
    rm -f "$3"
    run_chromium --hide-scrollbars --window-size="$1" --screenshot="$3" "$url$2" \
        >"$work/screenshot.log" 2>&1
    size=$(wc -c <"$3" 2>/dev/null || echo 0)
    if [ "$size" -le 10240 ]; then
        fail "screenshot $3 missing or too small ($size bytes)"
    else
        echo "browser_test: screenshot $3 ($size bytes)"
    fi
}
mkdir -p "$(dirname "$screenshot")"
shoot 1400,3000 "" "$screenshot"
shoot 1400,900 "" "${screenshot%.png}-first-screen.png"
if grep -q '<section id="act-gelu_tanh">' "$html_file"; then
    shoot 1400,2200 "#only-act-gelu_tanh" "${screenshot%.png}-gelu_tanh.png"
fi

if [ $failed -ne 0 ]; then
    exit 1
fi
echo "PASS: $html_file renders with every chart drawn and no console error"
exit 0
