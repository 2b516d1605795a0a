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

# A baseline inside the output folder is read before the run writes
# anything: a baseline claiming 0 ulp for every tanh row that is not exact
# fails the run (the run's own file would compare equal to itself).
"$bin" -A tanh $quick -o "$work/e" >/dev/null 2>&1
python3 - "$work/e/accuracy.csv" <<'PY'
import csv, sys
path = sys.argv[1]
with open(path, newline='') as f:
    first = f.readline()
    rows = list(csv.reader(f))
header, body = rows[0], rows[1:]
col = header.index('value_max_ulp')
for row in body:
    if row[header.index('status')] == 'ok' and row[col] not in ('', '0'):
        row[col] = '0'
with open(path, 'w', newline='') as f:
    f.write(first)
    csv.writer(f, lineterminator='\n').writerows([header] + body)
PY
cp "$work/e/accuracy.csv" "$work/doctored.csv"
expected=$("$bin" compare "$work/doctored.csv" "$work/a/accuracy.csv" 2>/dev/null | sed -n 's/.*FAIL (\([0-9]*\) regressions.*/\1/p')
[ -n "$expected" ] && [ "$expected" -gt 0 ] || { echo "FAIL: the doctored baseline shows no regression"; failures=$((failures + 1)); }
run "a baseline in the output folder is read before it is replaced" 1 \
    "FAIL ($expected regressions" -A tanh $quick -o "$work/e" --baseline "$work/e/accuracy.csv"

# --update-baseline follows a symbolic link and updates its target
cp "$base" "$work/target.csv"
ln -s target.csv "$work/link.csv"
run "--update-baseline through a link updates the link's target" 0 "baseline .*target.csv updated" \
    -A relu $quick -o "$work/f" --baseline "$work/link.csv" --update-baseline
[ -L "$work/link.csv" ] || { echo "FAIL: the link was replaced by a file"; failures=$((failures + 1)); }
# an unwritable destination is refused before anything is measured
run "--update-baseline into a missing folder is refused up front" 2 \
    "folder '$work/nosuch': No such file or directory" \
    -A relu $quick -o "$work/g" --baseline "$work/nosuch/b.csv" --update-baseline
run "--update-baseline onto a folder is refused up front" 2 "is not a regular file" \
    -A relu $quick -o "$work/g" --baseline "$work" --update-baseline
[ ! -e "$work/g/accuracy.csv" ] || { echo "FAIL: a refused update measured"; failures=$((failures + 1)); }
# a closed reader of stdout does not stop the update
cp "$base" "$work/piped.csv"
"$bin" -A relu --seed 1 $quick -o "$work/h" --baseline "$work/piped.csv" --update-baseline 2>/dev/null | true
grep -q "^relu," "$work/piped.csv" && [ -e "$work/h/accuracy.csv" ] ||
    { echo "FAIL: --update-baseline with a closed stdout"; failures=$((failures + 1)); }
# compare of binary data stops at its first NUL byte; an endless text input
# stops at the size cap, both with a message
run "compare of /dev/zero stops with a message" 2 "/dev/zero:1: not an actbench CSV file" \
    compare /dev/zero "$base"
yes '# actbench accuracy schema 2' | "$bin" compare /dev/stdin "$base" >"$work/log" 2>&1
status=$?
if [ "$status" -eq 2 ] && grep -q "larger than 256 MiB" "$work/log"; then
    echo "ok: compare of an endless text stream stops at the size cap -> 2: $(head -n 1 "$work/log")"
else echo "FAIL: endless text stream: exit $status"; head -n 5 "$work/log"; failures=$((failures + 1)); fi

echo "gate_test: $failures failures"
[ "$failures" -eq 0 ]
