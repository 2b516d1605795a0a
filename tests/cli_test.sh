#!/bin/sh
# Command-line errors: every bad argument exits 2 with a message naming the
# problem (and the valid choices where there is a list), and writes nothing.
# Usage: cli_test.sh ACTBENCH_BINARY
set -u
bin=$1
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
failures=0

# expect STATUS PATTERN ARGS...: run actbench with --out in a fresh folder,
# check the exit status, that stderr matches PATTERN, and that no file was
# written.
expect() {
    want_status=$1 pattern=$2
    shift 2
    out="$work/out.$$"
    rm -rf "$out"
    "$bin" --out "$out" "$@" >"$work/stdout" 2>"$work/stderr"
    status=$?
    if [ "$status" -ne "$want_status" ]; then
        echo "FAIL: actbench $* exited $status, expected $want_status"; cat "$work/stderr"
        failures=$((failures + 1)); return
    fi
    if ! grep -q -- "$pattern" "$work/stderr"; then
        echo "FAIL: actbench $*: stderr lacks '$pattern':"; cat "$work/stderr"
        failures=$((failures + 1)); return
    fi
    if [ -e "$out" ] && [ -n "$(ls -A "$out")" ]; then
        echo "FAIL: actbench $* wrote files: $(ls -A "$out")"
        failures=$((failures + 1)); return
    fi
    echo "ok: actbench $* -> $status: $(head -n 1 "$work/stderr")"
}

expect 2 "valid activations: relu" --activation nosuch
expect 2 "empty item" --activation relu,,tanh
expect 2 "empty item" --activation relu,
expect 2 "valid formats: f32, bf16, f16" --all --format f64
expect 2 "valid methods" --method magic
expect 2 "valid ISAs" --isa neon
expect 2 "actbench --list" --implementation tanh_nonexistent
expect 2 "out of range" --all --points 0
expect 2 "out of range" --all --points 9999999999999
expect 2 "whole number" --all --points abc
expect 2 "whole number" --all --points -5
expect 2 "whole number" --all --seed 1.5
expect 2 "out of range" --all --threads 0
expect 2 "needs a value" --all --points
expect 2 "unknown option" --all --frobnicate
expect 2 "unexpected argument" --all extra
expect 2 "nothing to measure"
expect 2 "give one" --all --quick --points 1000
expect 2 "takes no --points" --all --exhaustive --quick

# an output "folder" that is a file, and one that cannot be created
touch "$work/plainfile"
"$bin" --activation relu --quick --out "$work/plainfile" >/dev/null 2>"$work/stderr"
if [ $? -eq 2 ] && grep -q "not a folder" "$work/stderr"; then echo "ok: output folder is a file -> 2"
else echo "FAIL: output folder that is a file"; cat "$work/stderr"; failures=$((failures + 1)); fi
"$bin" --activation relu --quick --out /proc/actbench/none >/dev/null 2>"$work/stderr"
if [ $? -eq 2 ] && grep -q "cannot create output folder" "$work/stderr"; then echo "ok: uncreatable output folder -> 2"
else echo "FAIL: uncreatable output folder"; cat "$work/stderr"; failures=$((failures + 1)); fi

# gating from the command line: a baseline that is not an actbench CSV is
# refused before anything is measured; compare needs two files
printf 'not,a,baseline\n1,2,3\n' >"$work/foreign.csv"
expect 2 "foreign.csv" --activation relu --quick --baseline "$work/foreign.csv"
expect 2 "does not exist" --activation relu --quick --baseline "$work/missing.csv"
expect 2 "needs --baseline" --activation relu --quick --update-baseline
expect 2 "fraction between 0 and 10" --activation relu --quick --speed-tolerance -1
"$bin" compare "$work/foreign.csv" >/dev/null 2>"$work/stderr"
if [ $? -eq 2 ] && grep -q "two files" "$work/stderr"; then echo "ok: compare with one file -> 2"
else echo "FAIL: compare with one file"; cat "$work/stderr"; failures=$((failures + 1)); fi
"$bin" compare "$work/foreign.csv" "$work/foreign.csv" >/dev/null 2>"$work/stderr"
if [ $? -eq 2 ] && grep -q "foreign.csv" "$work/stderr"; then echo "ok: compare of foreign files -> 2: $(head -n 1 "$work/stderr")"
else echo "FAIL: compare of foreign files"; cat "$work/stderr"; failures=$((failures + 1)); fi

# speed options are checked before the run too
expect 2 "cores" --activation relu --quick --cores 99
expect 2 "L1" --activation relu --quick --sizes L7
expect 2 "0.001 and 60" --activation relu --quick --budget 0
expect 2 "valid distributions" --activation relu --quick --distribution gaussian
expect 2 "exclude each other" --activation relu --quick --accuracy-only --speed-only

for good in --help --version --list; do
    if "$bin" $good >/dev/null 2>&1; then echo "ok: $good exits 0"
    else echo "FAIL: $good"; failures=$((failures + 1)); fi
done

echo "$failures failures"
[ "$failures" -eq 0 ]
