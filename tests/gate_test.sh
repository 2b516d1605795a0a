#!/bin/sh
# The gate from the command line, as CI uses it: a baseline written by a
# run, the same run again passes (a peer's finding is listed as known, not
# failed), compare of a file with itself passes, an update by a subset run
# keeps the other rows, another seed or number of points is refused before
# anything is measured or overwritten, a subset run is compared on its rows
# unless --require-all.  Usage: gate_test.sh ACTBENCH_BINARY
set -u
bin=$1
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
failures=0
base="$work/base.csv"

# run NAME WANT_STATUS PATTERN ARGS...: actbench ARGS, its exit status and
# a line of its output (stdout and stderr) matching PATTERN.
run() {
    name=$1 want=$2 pattern=$3
    shift 3
    "$bin" "$@" >"$work/log" 2>&1
    status=$?
    if [ "$status" -ne "$want" ] || ! grep -q -- "$pattern" "$work/log"; then
        echo "FAIL: $name: exit $status (want $want), output lacks '$pattern':"
        tail -n 20 "$work/log"
        failures=$((failures + 1))
        return
    fi
    echo "ok: $name -> $status: $(grep -- "$pattern" "$work/log" | head -n 1)"
}

rows() { grep -c -v '^#' "$1"; }
quick="--quick --accuracy-only"

# The row counts follow the kernels this build registers for relu and tanh.
"$bin" -A relu,tanh $quick -o "$work/count" >/dev/null 2>&1
total=$(grep -c -e '^relu,' -e '^tanh,' "$work/count/accuracy.csv")
subset=$(grep -c '^relu,' "$work/count/accuracy.csv")
others=$((total - subset))
[ "$subset" -gt 0 ] && [ "$others" -gt 0 ] || { echo "FAIL: no rows for relu and tanh"; exit 1; }

run "a first --update-baseline writes the baseline" 0 "baseline .* written: $total rows" \
    -A relu,tanh $quick -o "$work/a" --baseline "$base" --update-baseline
run "the same run again passes, the peer's finding known" 0 \
    "actbench compare: PASS ($total rows compared, 0 improved, .* known findings*)" \
    -A relu,tanh $quick -o "$work/a" --baseline "$base"
if grep -q "REGRESSION" "$work/log"; then
    echo "FAIL: an unchanged run lists a regression"; failures=$((failures + 1))
fi
run "--update-baseline again changes nothing and never says FAIL" 0 \
    "updated: $total rows measured again (0 changed), 0 added, 0 not measured" \
    -A relu,tanh $quick -o "$work/a" --baseline "$base" --update-baseline
if grep -q "FAIL" "$work/log"; then
    echo "FAIL: --update-baseline printed FAIL"; failures=$((failures + 1))
fi
run "compare of a file with itself passes" 0 "actbench compare: PASS ($total rows compared" \
    compare "$work/a/accuracy.csv" "$work/a/accuracy.csv"

run "a subset run is compared on its rows" 0 \
    "PASS ($subset rows compared, 0 improved, $others not measured" \
    -A relu $quick -o "$work/b" --baseline "$base"
run "... and with --require-all the others are regressions" 1 \
    "FAIL ($others regressions in $others rows; $subset rows compared" \
    -A relu $quick -o "$work/b" --baseline "$base" --require-all
run "a subset update keeps every other row" 0 \
    "updated: $subset rows measured again (0 changed), 0 added, $others not measured and kept" \
    -A relu $quick -o "$work/b" --baseline "$base" --update-baseline
[ "$(rows "$base")" -eq $((total + 1)) ] || { echo "FAIL: the baseline lost rows"; failures=$((failures + 1)); }

cp "$base" "$work/before.csv"
run "an update with another seed is refused before measuring" 2 \
    "measured with seed 1, this run with seed 2" \
    -A relu $quick --seed 2 -o "$work/c" --baseline "$base" --update-baseline
run "an update with other points is refused" 2 "measured on 65.* points, this run measures" \
    -A relu --points 5000 --accuracy-only -o "$work/c" --baseline "$base" --update-baseline
run "gating with other points is refused" 2 "measured on 65.* points, this run measures" \
    -A tanh --points 5000 --accuracy-only -o "$work/c" --baseline "$base"
cmp -s "$base" "$work/before.csv" || { echo "FAIL: a refused update changed the baseline"; failures=$((failures + 1)); }
[ ! -e "$work/c/accuracy.csv" ] || { echo "FAIL: a refused run measured"; failures=$((failures + 1)); }

"$bin" -A relu --quick --seed 2 --accuracy-only -o "$work/d" >/dev/null 2>&1
run "compare refuses files of other seeds, naming both" 2 "seed 1 in the baseline, 2 in the current file" \
    compare "$work/a/accuracy.csv" "$work/d/accuracy.csv"

echo "gate_test: $failures failures"
[ "$failures" -eq 0 ]
