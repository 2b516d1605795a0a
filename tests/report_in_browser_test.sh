#!/bin/sh
# The HTML report of a real run, opened in headless Chromium: generate it
# with a quick run of every activation, then let browser_test.sh check that
# no script error occurred, that every activation's chart is drawn, and save
# a screenshot.  Exit 77 (skipped) when Chromium is not available.
# Usage: report_in_browser_test.sh ACTBENCH_BINARY BROWSER_TEST_SH OUT_DIR
set -u
bin=$1 browser_test=$2 out=$3
rm -rf "$out"
if ! "$bin" --all --quick --modes throughput --budget 0.002 --out "$out" >"$out.log" 2>&1; then
    echo "FAIL: actbench --all --quick did not complete:"; cat "$out.log"
    exit 1
fi
exec sh "$browser_test" "$out/report.html" "$out/report.png"
