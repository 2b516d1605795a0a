#!/bin/sh
# compare on large inputs: 200,000 rows (a tenth missing from the current
# file, a third of the rest worse, 10,000 new rows) and a file of 100,000
# columns, each checked for the counts and listing compare must print; a
# header naming one column twice among 100,000 is refused.  compare reads
# and matches in linear time, so this finishes within meson's timeout.
# Usage: compare_large_test.sh ACTBENCH_BINARY FIXTURE_ACCURACY_CSV MAKE_LARGE_CSV_PY
set -u
bin=$1 fixture=$2 make=$3
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
failures=0

fail() {
    echo "FAIL: $*"
    failures=$((failures + 1))
}

set -- $(python3 "$make" "$fixture" rows 200000 "$work/old.csv" "$work/new.csv")
compared=$1 regressions=$2 missing=$3 new_rows=$4
start=$(date +%s)
"$bin" compare "$work/old.csv" "$work/new.csv" >"$work/out" 2>"$work/err"
status=$?
echo "200000 rows: exit $status in about $(($(date +%s) - start)) s"
want="actbench compare: FAIL ($regressions regressions in $regressions rows; $compared rows compared, $missing not measured)"
[ "$status" -eq 1 ] || fail "200000 rows: exit $status, want 1: $(head -c 400 "$work/err")"
[ "$(tail -n 1 "$work/out")" = "$want" ] || fail "200000 rows: last line '$(tail -n 1 "$work/out")', want '$want'"
[ "$(grep -c '^REGRESSION ' "$work/out")" -eq "$regressions" ] || fail "200000 rows: regression lines"
[ "$(grep -c '^improved .* new in the current file' "$work/out")" -eq "$new_rows" ] ||
    fail "200000 rows: new-row lines"
# the rows not measured: one line per activation (37), in the order the
# baseline first has them, each naming its rows in file order
listing=$(sed -n '/^not measured in the current file/,/^actbench compare:/p' "$work/out")
[ "$(echo "$listing" | grep -c '^  act[0-9]*: ')" -eq 37 ] || fail "200000 rows: not one line per activation"
echo "$listing" | sed -n 2p | grep -q '^  act0: impl_0, impl_370, impl_740, ' ||
    fail "200000 rows: first listing line: $(echo "$listing" | sed -n 2p | cut -c1-80)"
echo "$listing" | sed -n 3p | grep -q '^  act1: impl_260, impl_630, ' ||
    fail "200000 rows: second listing line: $(echo "$listing" | sed -n 3p | cut -c1-80)"

python3 "$make" "$fixture" columns 100000 "$work/wide.csv"
start=$(date +%s)
"$bin" compare "$work/wide.csv" "$work/wide.csv" >"$work/out" 2>"$work/err"
status=$?
echo "100000 columns: exit $status in about $(($(date +%s) - start)) s"
[ "$status" -eq 0 ] && tail -n 1 "$work/out" | grep -q '^actbench compare: PASS (3 rows compared, 0 improved)$' ||
    fail "100000 columns: exit $status: $(tail -n 1 "$work/out") $(head -c 400 "$work/err")"

# the same header with its last column renamed to a name used before
sed '2s/,extra_99999$/,extra_5/' "$work/wide.csv" >"$work/twice.csv"
"$bin" compare "$work/twice.csv" "$work/wide.csv" >"$work/out" 2>"$work/err"
status=$?
[ "$status" -eq 2 ] && grep -q "twice.csv:2: column 'extra_5' appears twice in the header" "$work/err" ||
    fail "repeated column: exit $status: $(head -c 400 "$work/err")"

[ "$failures" -eq 0 ] || exit 1
echo "compare on large inputs: ok"
