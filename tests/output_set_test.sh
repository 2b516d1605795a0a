#!/bin/sh
# One output set: a run stopped before its set is swapped in leaves the
# previous set exactly as it was (and the next run removes what it left);
# SIGTERM removes the unfinished set; a second run into a folder in use
# stops at once with exit 2 naming the holder's PID; a run of one kind
# keeps the other kind's files and says which run wrote each.
# Usage: output_set_test.sh ACTBENCH_BINARY
set -u
bin=$1
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
failures=0
fail() { echo "FAIL: $*"; failures=$((failures + 1)); }
quick="-A relu --quick --accuracy-only"

# the files of a folder with their checksums
listing() { (cd "$1" && for f in *; do printf '%s ' "$f"; cksum <"$f"; done); }

"$bin" $quick -o "$work/a" >/dev/null 2>&1 || fail "first run"
listing "$work/a" >"$work/before"

# stopped (SIGKILL) with the new set written, before the swap
ACTBENCH_TEST_STOP_BEFORE_SWAP=1 "$bin" -A relu --quick --accuracy-only --seed 2 -o "$work/a" \
    >/dev/null 2>&1
status=$?
listing "$work/a" >"$work/after"
if [ "$status" -eq 137 ] && cmp -s "$work/before" "$work/after"; then
    echo "ok: a run killed before the swap leaves the previous set unchanged"
else fail "killed run (exit $status) changed the set:"; diff "$work/before" "$work/after"; fi
ls -A "$work" | grep -q '^\.a\.new-' || fail "the killed run left no unfinished set to clean"
"$bin" $quick -o "$work/a" >/dev/null 2>"$work/log" || fail "run after a kill"
if grep -q "removed .*\.a\.new-.*left by an interrupted run" "$work/log" &&
    ! ls -A "$work" | grep -q '^\.a\.'; then
    echo "ok: the next run removes what the killed run left, and says so"
else fail "leftovers after the next run: $(ls -A "$work")"; cat "$work/log"; fi

# a run of one kind keeps the other kind's files, and the report says
# which run wrote each
"$bin" -A relu --speed-only --modes throughput --budget 0.002 -o "$work/a" >/dev/null 2>"$work/log"
if [ $? -eq 0 ] && [ -f "$work/a/accuracy.csv" ] && [ -f "$work/a/speed.csv" ] &&
    grep -q "kept .*accuracy.csv from the previous set" "$work/log" &&
    grep -q 'id="provenance".*accuracy.csv from the run of' "$work/a/report.html" &&
    [ "$(grep -c "^accuracy.csv	" "$work/a/provenance.txt")" -eq 1 ]; then
    echo "ok: --speed-only keeps accuracy.csv and the report names the run of each file"
else fail "--speed-only did not keep the accuracy files"; cat "$work/log"; ls -A "$work/a"; fi
"$bin" $quick -o "$work/a" >/dev/null 2>"$work/log"
if [ -f "$work/a/speed.csv" ] && grep -q "kept .*speed.csv" "$work/log"; then
    echo "ok: --accuracy-only keeps speed.csv"
else fail "--accuracy-only dropped speed.csv"; fi

# a slow run holds the lock: wait until it has it
slow() {
    "$bin" -A gelu --accuracy-only --points 1000000 -o "$1" >/dev/null 2>&1 &
    pid=$!
    tries=0
    # the run makes its unfinished set beside the folder once it holds the lock
    while ! ls -A "$(dirname "$1")" | grep -q "^\.$(basename "$1")\.new-" && [ $tries -lt 300 ]; do
        sleep 0.1; tries=$((tries + 1))
    done
}
slow "$work/b"
"$bin" $quick -o "$work/b" >/dev/null 2>"$work/log"
status=$?
if [ "$status" -eq 2 ] && grep -q "in use by another actbench run (pid $pid)" "$work/log"; then
    echo "ok: a second run into a folder in use exits 2 naming pid $pid"
else fail "second concurrent run: exit $status"; cat "$work/log"; fi
kill -TERM "$pid"
wait "$pid"
if ! ls -A "$work" | grep -q '^\.b\.new-'; then
    echo "ok: SIGTERM removes the unfinished set"
else fail "SIGTERM left $(ls -A "$work" | grep '^\.b\.')"; fi

echo "output_set_test: $failures failures"
[ "$failures" -eq 0 ]
