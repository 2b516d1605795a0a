#!/bin/sh
# A sharded exhaustive run: mpirun -n 2 on a sub-range writes accuracy.csv,
# failures.csv and profile.csv byte for byte as one process does.  Skipped
# (77) when actbench was built without MPI or mpirun is not installed.
# Usage: mpi_test.sh ACTBENCH_BINARY WORK_DIR BUILT_WITH_MPI(yes|no)
set -u
bin=$1 work=$2 with_mpi=$3
# In a sanitizer build (scripts/test --sanitize) leaks are not checked
# here: Open MPI's plug-ins, unloaded at exit, leave allocations that
# LeakSanitizer reports against unknown modules.
[ -n "${ASAN_OPTIONS:-}" ] && export ASAN_OPTIONS="$ASAN_OPTIONS:detect_leaks=0"
if [ "$with_mpi" != yes ]; then
    echo "actbench built without MPI: skipped"
    exit 77
fi
if ! command -v mpirun >/dev/null 2>&1; then
    echo "mpirun not found: skipped"
    exit 77
fi
rm -rf "$work"
mkdir -p "$work"
set -- -A tanh,gelu_tanh -f f32 --range 0.5:0x1.fffffep+0 --accuracy-only
if ! "$bin" "$@" --out "$work/one" >"$work/one.log" 2>&1; then
    echo "FAIL: the single-process run failed:"; cat "$work/one.log"; exit 1
fi
as_root=
[ "$(id -u)" = 0 ] && as_root=--allow-run-as-root
# A launcher that hangs (a rank waiting on a peer that died) fails the test
# after 4 minutes instead of holding the suite to meson's timeout.
timeout -k 10 240 mpirun -n 2 --oversubscribe $as_root "$bin" "$@" --threads 1 \
    --out "$work/two" >"$work/two.log" 2>&1
status=$?
if [ "$status" -ne 0 ]; then
    [ "$status" -eq 124 ] && echo "FAIL: mpirun -n 2 did not finish in 240 s"
    echo "FAIL: mpirun -n 2 failed (exit $status):"; cat "$work/two.log"; exit 1
fi
failures=0
for f in accuracy.csv failures.csv profile.csv; do
    if ! cmp "$work/one/$f" "$work/two/$f"; then
        echo "FAIL: $f differs between one process and two ranks"
        diff "$work/one/$f" "$work/two/$f" | head -20
        failures=$((failures + 1))
    fi
done
grep "exhaustive f32" "$work/one.log" "$work/two.log"
[ "$failures" -eq 0 ] && echo "two ranks: accuracy.csv, failures.csv, profile.csv identical"
exit "$failures"
