#!/bin/sh
# Accuracy results are deterministic: the same seed and binary give the same
# CSV files byte for byte, whatever the number of threads; another seed gives
# other inputs.  Usage: determinism_test.sh ACTBENCH_BINARY
set -u
bin=$1
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
args="--activation sigmoid,softmax,maxout,prelu --format f32,f16 --points 20000 --accuracy-only"
failures=0
# shellcheck disable=SC2086
"$bin" $args --seed 7 --threads 2 --out "$work/a" 2>/dev/null || { echo "FAIL: run a"; exit 1; }
# shellcheck disable=SC2086
"$bin" $args --seed 7 --threads 1 --out "$work/b" 2>/dev/null || { echo "FAIL: run b"; exit 1; }
# shellcheck disable=SC2086
"$bin" $args --seed 8 --threads 2 --out "$work/c" 2>/dev/null || { echo "FAIL: run c"; exit 1; }
for f in accuracy.csv profile.csv failures.csv; do
    if cmp -s "$work/a/$f" "$work/b/$f"; then echo "ok: $f identical for seed 7 with 2 and 1 threads"
    else echo "FAIL: $f differs between two runs with seed 7"; diff "$work/a/$f" "$work/b/$f" | head -5
        failures=$((failures + 1)); fi
done
if cmp -s "$work/a/accuracy.csv" "$work/c/accuracy.csv"; then
    echo "FAIL: seeds 7 and 8 gave identical accuracy.csv (the seed is not used)"
    failures=$((failures + 1))
else echo "ok: seed 8 gives other figures"; fi
rows=$(grep -c '^sigmoid,' "$work/a/accuracy.csv")
if [ "$rows" -ge 2 ]; then echo "ok: $rows sigmoid rows"; else echo "FAIL: sigmoid rows: $rows"; failures=$((failures + 1)); fi
echo "$failures failures"
[ "$failures" -eq 0 ]
