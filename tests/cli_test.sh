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
expect 2 "needs --baseline FILE (the rows to require)" --activation relu --quick --require-all
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

# patterns: a glob or regular expression that matches nothing names itself
expect 2 "no activation matches 'nosuch\*'" --activation 'nosuch*'
expect 2 "glob implementation '\*_avx1024'" --implementation '*_avx1024'
expect 2 "--filter 'neon\$' matches no implementation" --filter 'neon$'
expect 2 "bad regular expression" --filter 'tanh('
expect 2 "valid: auto, always, never" --all --color=sometimes
expect 2 "out of range" --all --top 0
expect 2 "needs a file name" --all --json ''
expect 2 "is a folder" --activation relu --quick --json "$work"
expect 2 "does not exist" --activation relu --quick --json "$work/no/such/results.json"

# the summary on stdout: every run prints it; plain when stdout is not a
# terminal, coloured with --color=always unless --color=never; NO_COLOR
# keeps auto plain; --top keeps the best lines
summary_run() {
    rm -rf "$work/s"
    "$@" --out "$work/s" >"$work/stdout" 2>"$work/stderr"
}
esc=$(printf '\033')
summary_run "$bin" --activation 'tanh' --implementation 'tanh_*_scalar,tanh_f32_sleef*' --quick --accuracy-only
if [ $? -eq 0 ] && grep -q "^tanh " "$work/stdout" && grep -q "tanh_f32_libm_scalar" "$work/stdout" &&
    grep -q "tanh_f32_sleef_u10_avx2" "$work/stdout" && ! grep -q "_libmvec_" "$work/stdout" &&
    ! grep -q "$esc" "$work/stdout" && grep -q "implementations, .* flagged" "$work/stdout"; then
    echo "ok: globs select, and the summary is on stdout without colour when piped"
else echo "FAIL: glob selection or plain summary"; cat "$work/stdout" "$work/stderr"; failures=$((failures + 1)); fi
summary_run "$bin" --activation 'tanh' --filter '_(libm|libmvec)_' --quick --accuracy-only --color=always --top 2
lines=$(grep -c "^  .*tanh_f32_" "$work/stdout")
if [ $? -eq 0 ] && grep -q "$esc\[" "$work/stdout" && [ "$lines" -eq 2 ] && grep -q "more (--top)" "$work/stdout" &&
    ! grep -q "_sleef_" "$work/stdout"; then
    echo "ok: --filter REGEX selects, --color=always colours, --top 2 keeps two lines"
else echo "FAIL: --filter, --color=always or --top ($lines lines)"; cat "$work/stdout"; failures=$((failures + 1)); fi
NO_COLOR=1 summary_run "$bin" --activation tanh --implementation tanh_f32_libm_scalar --quick --accuracy-only --color
if grep -q "$esc\[" "$work/stdout"; then echo "ok: --color (always) beats NO_COLOR"
else echo "FAIL: --color with NO_COLOR"; failures=$((failures + 1)); fi
NO_COLOR=1 summary_run script -qec "$bin --activation tanh --implementation tanh_f32_libm_scalar --quick --accuracy-only --out $work/s" /dev/null
if command -v script >/dev/null 2>&1; then
    if ! grep -q "$esc\[3" "$work/stdout"; then echo "ok: NO_COLOR keeps a terminal's summary plain"
    else echo "FAIL: NO_COLOR on a terminal"; failures=$((failures + 1)); fi
fi

# a speed-only run prints its speed and writes results.json without accuracy
summary_run "$bin" --activation relu --speed-only --modes throughput --budget 0.002
if [ $? -eq 0 ] && grep -q "^speed (L1, throughput" "$work/stdout" &&
    grep -q "relu_f32_libm_scalar" "$work/stdout" && [ -f "$work/s/results.json" ] &&
    python3 -c "import json,sys; d=json.load(open(sys.argv[1])); assert d['benchmarks'] and not d['actbench']['accuracy']" "$work/s/results.json"; then
    echo "ok: --speed-only prints speed and writes results.json"
else echo "FAIL: --speed-only summary or results.json"; cat "$work/stdout" "$work/stderr"; failures=$((failures + 1)); fi

# numbers are digits only; options of the other mode are checked anyway;
# an informational option does not hide a bad one
expect 2 "whole number" --all --seed " -1"
expect 2 "whole number" --all --seed +5
expect 2 "whole number" --all --seed " 5"
expect 2 "0.001 and 60" --activation relu --quick --budget 0x1p-4
expect 2 "0.001 and 60" --activation relu --quick --budget 1e-2
expect 2 "core 99" --activation relu --quick --accuracy-only --cores 99
expect 2 "'L4'" --activation relu --quick --accuracy-only --sizes L4
expect 2 "foo" --activation relu --quick --accuracy-only --modes foo
expect 2 "unknown option" --help --bogus
expect 2 "unknown option" --machine-class --bogus
expect 2 "unknown option" --version --bogus
if [ -w /dev/full ]; then
    for info in --list --help; do
        "$bin" $info >/dev/full 2>"$work/stderr"
        if [ $? -ne 0 ] && grep -q "standard output" "$work/stderr"; then echo "ok: $info >/dev/full fails"
        else echo "FAIL: $info >/dev/full"; cat "$work/stderr"; failures=$((failures + 1)); fi
    done
fi

# a speed-only run that can measure nothing writes nothing
HWLOC_COMPONENTS=stop expect 2 "measured nothing" --activation relu --speed-only

# pinning keeps to the inherited CPU mask: under taskset -c 0 only core 0
# is measured, and asking for another core is an error
if command -v taskset >/dev/null 2>&1 && [ "$(nproc --all)" -gt 1 ] && taskset -c 0 true 2>/dev/null; then
    rm -rf "$work/ts"
    taskset -c 0 "$bin" -A relu --speed-only --modes throughput --budget 0.002 --cores 1 \
        -o "$work/ts" >/dev/null 2>"$work/stderr"
    if [ $? -eq 2 ] && grep -q "outside this process's CPU mask" "$work/stderr"; then
        echo "ok: taskset -c 0 ... --cores 1 -> 2: $(head -n 1 "$work/stderr")"
    else echo "FAIL: a core outside the CPU mask"; cat "$work/stderr"; failures=$((failures + 1)); fi
    # the error lists the cores the mask allows, not every core
    taskset -c 0 "$bin" -A relu --speed-only --modes throughput --budget 0.002 --cores 99 \
        -o "$work/ts" >/dev/null 2>"$work/stderr"
    if [ $? -eq 2 ] && grep -q "valid cores are 0 (this process's CPU mask; the machine has " "$work/stderr"; then
        echo "ok: taskset -c 0 ... --cores 99 -> 2 listing the allowed core: $(head -n 1 "$work/stderr")"
    else echo "FAIL: --cores error under taskset -c 0 lists other cores"; cat "$work/stderr"; failures=$((failures + 1)); fi
    taskset -c 0 "$bin" -A relu --speed-only --modes throughput,all_cores_throughput \
        --budget 0.002 -o "$work/ts" >/dev/null 2>"$work/stderr"
    status=$?
    if [ $status -eq 0 ] && python3 - "$work/ts/speed.csv" <<'PY'
import csv, sys
with open(sys.argv[1], newline='') as f:
    f.readline()
    rows = list(csv.DictReader(f))
cores = {r['core'] for r in rows if r['status'] == 'ok'}
assert rows and cores <= {'0', '-1'}, cores
threads = {r['threads'] for r in rows if r['mode'] == 'all_cores_throughput' and r['status'] == 'ok'}
assert threads <= {'1'}, threads
PY
    then echo "ok: taskset -c 0 measures on core 0 only"
    else echo "FAIL: taskset -c 0 measured elsewhere (exit $status)"; cat "$work/stderr"; failures=$((failures + 1)); fi
fi

# the lock is the output folder itself: a finished run leaves nothing
# hidden in it (no lock file) and nothing beside it
rm -rf "$work/lk"
mkdir "$work/lk"
touch "$work/lk/.actbench.lock"
"$bin" -A relu --quick --accuracy-only -o "$work/lk/out" >/dev/null 2>"$work/stderr" &&
    "$bin" -A relu --quick --accuracy-only -o "$work/lk/out" >/dev/null 2>>"$work/stderr"
status=$?
touch "$work/lk/out/.actbench.lock" # as an earlier version left it
"$bin" -A relu --quick --accuracy-only -o "$work/lk/out" >/dev/null 2>>"$work/stderr" || status=$?
if [ "$status" -eq 0 ] && [ -z "$(ls -A "$work/lk/out" | grep '^\.')" ] &&
    [ "$(ls -A "$work/lk")" = "$(printf '.actbench.lock\nout')" ]; then
    echo "ok: no lock file in the output folder after a run (an old one is removed)"
else echo "FAIL: hidden files after a run: $(ls -A "$work/lk" "$work/lk/out")"; cat "$work/stderr"; failures=$((failures + 1)); fi

for good in --help --version --list; do
    if "$bin" $good >/dev/null 2>&1; then echo "ok: $good exits 0"
    else echo "FAIL: $good"; failures=$((failures + 1)); fi
done

echo "$failures failures"
[ "$failures" -eq 0 ]
