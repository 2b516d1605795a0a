#!/bin/sh
# Exact maxima on exactly tied errors.  Within a binade every row of 16
# consecutive floats is a translate of every other, so softmax and
# log_softmax give every row the same outputs: each output's error is tied
# with thousands of others in its profile bin, each known to the fast
# reference only to within its bound.  The exhaustive path must still
# report MPFR's maximum and the first of the tied inputs, as the path that
# computes every point with MPFR (--audit 1) does, and must not fall back
# on fast figures ("runs had more near-maximal errors than were recomputed
# with MPFR").  Usage: exhaustive_ties_test.sh ACTBENCH_BINARY
set -u
bin=$1
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
failures=0
# the maxima and worst points of value and gradient (accuracy.csv columns:
# max_ulp, max_ulp_range10, worst input, got, want of each)
columns=14,16,21,22,23,26,28,33,34,35
for case in "log_softmax log_softmax_f32_libm_maxsub_scalar 0x1p3:0x1.004p3" \
            "softmax softmax_f32_libm_maxsub_scalar 0x1p3:0x1.01p3"; do
    # shellcheck disable=SC2086
    set -- $case
    act=$1 impl=$2 range=$3
    for mode in fast mpfr; do
        audit=4096
        [ "$mode" = mpfr ] && audit=1
        if ! "$bin" --range="$range" -A "$act" -i "$impl" --accuracy-only --threads 2 \
            --audit "$audit" --out "$work/$act-$mode" >"$work/$act-$mode.log" 2>&1; then
            echo "FAIL: $act $range --audit $audit: the run failed"
            cat "$work/$act-$mode.log"
            failures=$((failures + 1))
            continue
        fi
        awk -F, -v a="$act" -v i="$impl" '$1 == a && $2 == i && $5 == "f32"' \
            "$work/$act-$mode/accuracy.csv" | cut -d, -f"$columns" >"$work/$act-$mode.rows"
    done
    if grep -q "near-maximal" "$work/$act-fast.log"; then
        echo "FAIL: $act $range: $(grep near-maximal "$work/$act-fast.log")"
        failures=$((failures + 1))
    else
        echo "ok: $act $range: every run's maximum recomputed with MPFR"
    fi
    if [ -s "$work/$act-fast.rows" ] && cmp -s "$work/$act-fast.rows" "$work/$act-mpfr.rows"; then
        echo "ok: $act $range: maxima and worst points those of --audit 1: $(cat "$work/$act-fast.rows")"
    else
        echo "FAIL: $act $range: maxima and worst points differ from --audit 1"
        echo "  fast:     $(cat "$work/$act-fast.rows" 2>/dev/null)"
        echo "  audit 1:  $(cat "$work/$act-mpfr.rows" 2>/dev/null)"
        failures=$((failures + 1))
    fi
done
echo "$failures failures"
[ "$failures" -eq 0 ]
