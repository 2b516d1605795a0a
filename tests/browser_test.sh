#!/bin/sh
# Opens an actbench HTML report in headless Chromium and checks what a
# reader would see: every activation's chart drawn in the page, no script
# error or failed load in the console, and a screenshot that is not blank.
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

# (c) the screenshot.
rm -f "$screenshot"
run_chromium --hide-scrollbars --window-size=1400,3000 --screenshot="$screenshot" "$url" \
    >"$work/screenshot.log" 2>&1
size=$(wc -c <"$screenshot" 2>/dev/null || echo 0)
if [ "$size" -le 10240 ]; then
    fail "screenshot $screenshot missing or too small ($size bytes)"
else
    echo "browser_test: screenshot $screenshot ($size bytes)"
fi

if [ $failed -ne 0 ]; then
    exit 1
fi
echo "PASS: $html_file renders with every chart drawn and no console error"
exit 0
