#!/bin/sh
# results.json: two quick runs write it (one in the output folder, one at
# --json FILE); both are valid against reports/results.schema.json, load
# with Python's json, carry every accuracy row, and their speed entries
# pair by name as Google Benchmark's compare.py pairs them.
# Usage: json_test.sh ACTBENCH_BINARY SOURCE_ROOT WORK_DIR
set -u
bin=$1 root=$2 work=$3
rm -rf "$work"
mkdir -p "$work"
failures=0
fail() { echo "FAIL: $*"; failures=$((failures + 1)); }
run() {
    "$bin" --activation 'tanh,gelu_tanh' --quick --modes throughput --budget 0.002 "$@" \
        >"$work/stdout" 2>"$work/stderr" || { fail "actbench $* exited $?"; cat "$work/stderr"; }
}
run --out "$work/a"
run --out "$work/b" --json "$work/b-results.json"
[ -f "$work/a/results.json" ] || fail "no results.json in the output folder"
[ -f "$work/b-results.json" ] || fail "--json FILE was not written"
[ -f "$work/b/results.json" ] && fail "--json FILE also wrote the output folder's results.json"
for file in "$work/a/results.json" "$work/b-results.json"; do
    python3 "$root/scripts/check-json-schema.py" "$root/reports/results.schema.json" "$file" ||
        fail "$file is not valid against the schema"
done
python3 - "$work/a" <<'PY' || fail "results.json does not match the CSV files"
import csv, json, sys
folder = sys.argv[1]
with open(f"{folder}/results.json") as f:
    doc = json.load(f)
with open(f"{folder}/accuracy.csv") as f:
    rows = list(csv.DictReader(line for line in f if not line.startswith("#")))
accuracy = doc["actbench"]["accuracy"]
assert len(accuracy) == len(rows), (len(accuracy), len(rows))
for row, entry in zip(rows, accuracy):
    assert set(row) == set(entry), set(row) ^ set(entry)
    assert entry["implementation"] == row["implementation"]
    if row["value_max_ulp"]:
        assert abs(entry["value_max_ulp"] - float(row["value_max_ulp"])) <= 1e-6 * float(row["value_max_ulp"]) + 1e-9
assert doc["actbench"]["version"] == 1 and doc["actbench"]["schema"] == "actbench-results"
names = [b["name"] for b in doc["benchmarks"]]
assert len(names) == len(set(names)), "benchmark names are not unique"
assert any(n.startswith("tanh_f32_libm_scalar/throughput/L1/core:") for n in names), names
assert all(b["time_unit"] == "ns" and b["real_time"] > 0 for b in doc["benchmarks"])
verdict = {v["activation"]: v for v in doc["actbench"]["verdict"]}
assert set(verdict) == {"tanh", "gelu_tanh"}, verdict.keys()
f32 = verdict["tanh"]["formats"]["f32"]
assert f32["most_accurate"] == f32["ranking"][0]["implementation"]
print(f"results.json: {len(accuracy)} accuracy rows, {len(names)} benchmarks, verdicts of {sorted(verdict)}")
PY
# A forward-only implementation (XNNPACK's leaky_relu operator) has no
# gradient figures: empty gradient fields in accuracy.csv, null in
# results.json, while an implementation with a gradient has them (checked
# where XNNPACK is built and runs on the CPU).
"$bin" -i leaky_relu_f32_xnnpack_avx512f,leaky_relu_f32_libm_scalar --quick --accuracy-only \
    --out "$work/c" >"$work/stdout" 2>"$work/stderr" || { fail "actbench (forward only) exited $?"; cat "$work/stderr"; }
python3 - "$work/c" <<'PY' || fail "a forward-only row carries gradient figures"
import csv, json, sys
folder = sys.argv[1]
with open(f"{folder}/accuracy.csv") as f:
    rows = list(csv.DictReader(line for line in f if not line.startswith("#")))
with open(f"{folder}/results.json") as f:
    entries = json.load(f)["actbench"]["accuracy"]
gradient = [c for c in rows[0] if c.startswith("gradient_") and not c.startswith("gradient_death")]
gradient.append("param_gradient_max_ulp")
checked = 0
for row, entry in zip(rows, entries):
    if row["status"] != "ok" or row["format"] != "f32":
        continue
    assert row["value_max_ulp"] != "" and entry["value_max_ulp"] is not None, row["implementation"]
    if row["implementation"] == "leaky_relu_f32_xnnpack_avx512f":
        filled = [c for c in gradient if row[c] != "" or entry[c] is not None]
        assert not filled, f"forward-only row has gradient fields {filled}"
        checked += 1
    else:
        assert row["gradient_max_ulp"] != "" and entry["gradient_max_ulp"] is not None
        assert row["gradient_special_failures"] != "" and isinstance(entry["gradient_histogram"], list)
print("forward-only row checked" if checked else "forward-only row not measured here (no XNNPACK or no AVX-512F): not checked")
PY
python3 "$root/tests/compare_json_runs.py" "$work/a/results.json" "$work/b-results.json" 10 ||
    fail "compare.py-style comparison of the two runs"
echo "$failures failures"
[ "$failures" -eq 0 ]
