#!/bin/sh
# Kernels from outside the repository: build examples/external-kernel (its
# own meson project) against this build's uninstalled actbench-kernel
# pkg-config file, measure it with --kernel like a built-in kernel, and
# check that libraries breaking the contract are refused before anything is
# measured (exit 2, a message naming the library and the entry, no output).
#   external_kernel_test.sh ACTBENCH SOURCE_ROOT BUILD_ROOT WORK_DIR CC
set -u
actbench=$1 source_root=$2 build_root=$3 work=$4 cc=$5
rm -rf "$work"
mkdir -p "$work"
failures=0
fail() { echo "FAIL: $*"; failures=$((failures + 1)); }

export PKG_CONFIG_PATH="$build_root/meson-uninstalled"
if ! meson setup "$work/example" "$source_root/examples/external-kernel" >"$work/setup.log" 2>&1 ||
   ! ninja -C "$work/example" >"$work/ninja.log" 2>&1; then
    cat "$work/setup.log" "$work/ninja.log"
    echo "FAIL: the example project does not build"
    exit 1
fi
lib="$work/example/tanh_example.so"

# measured like a built-in kernel: accuracy, properties, speed
"$actbench" --kernel "$lib" -i tanh_f32_example_avx2,tanh_f32_libm_scalar --quick \
    --budget 0.002 --modes throughput -o "$work/out" >"$work/run.log" 2>&1 ||
    { cat "$work/run.log"; fail "actbench --kernel exited $?"; }
row=$(grep '^tanh,tanh_f32_example_avx2,external,avx2,f32,' "$work/out/accuracy.csv")
[ -n "$row" ] || fail "no f32 row of the external kernel in accuracy.csv"
if grep -q avx2 "$source_root/impls/isa.inc" && "$actbench" --list | grep -q '^  avx2 *yes'; then
    python3 - "$work/out/accuracy.csv" <<'PY' || failures=$((failures + 1))
import csv, sys
with open(sys.argv[1]) as f:
    rows = [r for r in csv.DictReader(l for l in f if not l.startswith("#"))
            if r["implementation"] == "tanh_f32_example_avx2" and r["format"] == "f32"]
r = rows[0]
vb, vmax = float(r["value_bound_ulp"]), float(r["value_max_ulp"])
gb, gmax = float(r["gradient_bound_ulp"]), float(r["gradient_max_ulp"])
ok = r["status"] == "ok" and vmax <= vb and gmax <= gb and r["property_failures"] == "0"
print(("" if ok else "FAIL: ") + "external kernel: value %g (bound %g), gradient %g (bound %g), "
      "property failures %s" % (vmax, vb, gmax, gb, r["property_failures"]))
sys.exit(0 if ok else 1)
PY
    grep -q '^tanh_f32_example_avx2,tanh,external,avx2,ok,throughput,' "$work/out/speed.csv" ||
        fail "no measured speed row of the external kernel"
    grep -q 'tanh_f32_example_avx2' "$work/out/report.html" || fail "the report does not show it"
else
    echo "$row" | grep -q ',skipped_isa,' || fail "the external kernel should be skipped_isa here"
fi
"$actbench" --kernel "$lib" --list | grep -q 'tanh_f32_example_avx2 .*external .*from ' ||
    fail "--list does not show the external kernel and its library"

# libraries that break the contract
bad() { # name, C text of the table entry fields, expected message part
    name=$1 fields=$2 want=$3
    cat >"$work/$name.c" <<C
#include <actbench/kernel.h>
static void f(const float *x, float *y, size_t n, const struct actbench_params *p)
{ (void)p; for (size_t i = 0; i < n; i++) y[i] = x[i]; }
static const struct actbench_kernel k[] = {{$fields}};
ACTBENCH_EXPORT const struct actbench_kernel_table actbench_kernels = {
    .abi = ${abi:-ACTBENCH_KERNEL_ABI}, .count = 1, .kernels = k};
C
    if ! $cc -std=c11 -shared -fPIC -I"$source_root/include" -o "$work/$name.so" "$work/$name.c" -lm; then
        fail "$name: does not compile"
        return
    fi
    out="$work/out-$name"
    "$actbench" --kernel "$work/$name.so" -A tanh --quick -o "$out" >"$work/$name.log" 2>&1
    status=$?
    [ $status -eq 2 ] || fail "$name: exit status $status, expected 2"
    grep -q -- "--kernel $work/$name.so" "$work/$name.log" || fail "$name: the message does not name the library"
    grep -q -- "$want" "$work/$name.log" || { cat "$work/$name.log"; fail "$name: the message does not say '$want'"; }
    [ ! -e "$out" ] || fail "$name: something was written"
}
good='.name = "tanh_f32_copy_scalar", .activation = "tanh", .type = ACTBENCH_F32, .isa = "scalar", .unroll = 1, .forward.f32 = f, .description = "x"'
bad unknown_activation "$(echo "$good" | sed 's/"tanh",/"tanhh",/')" "unknown activation 'tanhh'; valid activations: relu"
bad unknown_isa "$(echo "$good" | sed 's/"scalar"/"sse9"/')" "unknown ISA 'sse9'"
bad no_forward "$(echo "$good" | sed 's/.forward.f32 = f, //')" "no forward function"
bad nan_bound "$good, .bounds[ACTBENCH_F32] = {.value_ulp = __builtin_nan(\"\")}" "not a finite number"
bad negative_bound "$good, .bounds[ACTBENCH_F32] = {.value_ulp = -1}" "not a finite number"
bad taken_name "$(echo "$good" | sed 's/tanh_f32_copy_scalar/tanh_f32_libm_scalar/')" "already taken"
bad bad_name "$(echo "$good" | sed 's/tanh_f32_copy_scalar/mytanh/')" "is not <activation>_<type>_<method>"
abi=1 bad old_abi "$good" "built for kernel ABI 1"
printf 'int actbench_nothing;\n' >"$work/no_table.c"
$cc -shared -fPIC -o "$work/no_table.so" "$work/no_table.c"
"$actbench" --kernel "$work/no_table.so" -A tanh -o "$work/out-no_table" >"$work/no_table.log" 2>&1
[ $? -eq 2 ] && grep -q "no symbol 'actbench_kernels'" "$work/no_table.log" || fail "a library without the table"
"$actbench" --kernel "$work/missing.so" -A tanh -o "$work/out-missing" >"$work/missing.log" 2>&1
[ $? -eq 2 ] && grep -q "cannot load" "$work/missing.log" || fail "a library that does not exist"

echo "external kernels: $failures failures"
[ $failures -eq 0 ]
