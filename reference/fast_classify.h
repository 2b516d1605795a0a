/*
 * Rounding a fast reference's hi + lo +- err to f32 and certifying it (see
 * fast_reference.h), over the f64 vector layer: include one ISA's
 * fast_f64_<isa>.h first.  Internal to reference/.
 *
 * For |y| in the binade [2^b, 2^(b+1)) (b at least -126, the subnormal
 * range sharing the ulp of the smallest binade) the ulp is 2^q, q = b - 23.
 * With w = hi/2^q and l = lo/2^q (exact: powers of two), the candidate
 * n = round_even(w + l) and the tail (w - n) + l, held exactly as
 * t + t_lo by two two-sums (t the double nearest to it, as MPFR's tail):
 *   tail_error = err/2^q (1 + 2^-50) + |t_lo| 2^-52
 * (plus 2^-1074 when l is subnormal; only err/2^q when lo = 0).  Keeping
 * t_lo decides the values that lie a hair from a rounding midpoint
 * (silu(x) = x/2 + x^2/4 for a subnormal x), which a rounded tail would
 * put exactly on it.  The binade is that of hi + lo rounded, one lower
 * when that sum is a power of two and lo points below it.  The point is
 * certified when every real number within tail_error of t rounds to n with
 * the same ulp:
 *   |t| + tail_error < 1/2 in general;
 *   n = 2^23 (the candidate is 2^b, the binade below has half the ulp,
 *     b > -126): the exact value must stay above 2^b,
 *     0 < t - tail_error (t towards +inf in magnitude) or a one-sided
 *     remainder above, and t + tail_error < 1/2, unless the value is
 *     exactly 2^b;
 *   n = 2^24 (the candidate is 2^(b+1), where the ulp doubles): the exact
 *     value must stay below it, t + tail_error < 0 or a one-sided
 *     remainder below, and t - tail_error > -1/2;
 *   a value that rounds to infinity, or whose binade is past the largest
 *     finite one, is left to MPFR.
 * When w + l lies a hair past a midpoint, its double sum falls on the
 * midpoint and round_even may pick the far integer: then |t| > 1/2 (the
 * hair fits beside 1/2 in a double: near-uniform softmax rows, whose
 * gradients' exact main terms are often midpoints, give millions of such
 * points), or t = +-1/2 with t_lo pointing away from n; n then steps to the
 * near integer (t - sign(t) exact, t_lo unchanged), and such a point is
 * certified as any other (for t = -+1/2, when t_lo points inwards by more
 * than te).
 * A one-sided remainder (|lo| = err: the exact value lies strictly
 * between hi and hi + 2 lo) away from the edges is certified when both
 * ends of that open interval, d = w - n and d + 2l, lie within 1/2 of n
 * (a hi exactly on a midpoint included, lo pointing inwards).  The
 * comparisons are single roundings of sums against representable bounds
 * (with the small terms rounded up), which keep their direction.
 */
#ifndef ACTBENCH_FAST_CLASSIFY_H
#define ACTBENCH_FAST_CLASSIFY_H

#include <math.h>

#include "fast_reference.h"

/* Write the lane bits of vector i (lane j is point i + j) into a bit set. */
static inline void fast_bits_put(uint8_t *set, size_t i, unsigned bits)
{
    if (i % 8 == 0)
        set[i / 8] = (uint8_t)bits;
    else
        set[i / 8] = (uint8_t)(set[i / 8] | (bits << (i % 8)));
}

static inline vmask64 vmask64_not_zero(vf64 a)
{
    return vf64_ne(a, vf64_zero());
}

/* a + b = s + e exactly (two-sum) */
static inline void fast_two_sum_exact(vf64 a, vf64 b, vf64 *s, vf64 *e)
{
    *s = vf64_add(a, b);
    const vf64 bb = vf64_sub(*s, a);
    *e = vf64_add(vf64_sub(a, vf64_sub(*s, bb)), vf64_sub(b, bb));
}

static inline size_t fast_popcount(unsigned bits)
{
    return (size_t)__builtin_popcount(bits);
}

/* Whether the tail t + t_lo, within te, rounds to the candidate in
 * general: |t + t_lo| + te < 1/2; with t_lo pointing inwards by more than
 * te (reach < 0, a sign a single rounding keeps) it holds for every
 * |t| <= 1/2, a midpoint's included.  te is taken towards the magnitude's
 * direction, rounded up: the comparisons are then single roundings of sums
 * against representable bounds. */
static inline __attribute__((always_inline)) vmask64 fast_classify_normal_ok(vf64 t, vf64 t_lo,
                                                                            vf64 te)
{
    const vf64 one_half = vf64_set1(0.5), zero = vf64_zero(), up = vf64_set1(1.0 + 0x1p-52);
    const vf64 st = vf64_select(vf64_signbit(t), vf64_set1(-1.0), vf64_set1(1.0));
    const vf64 at = vf64_abs(t);
    const vf64 reach = vf64_add(vf64_mul(t_lo, st), te);
    return vmask64_or(vf64_gt(vf64_sub(one_half, at), vf64_mul(vf64_abs(reach), up)),
                      vmask64_and(vf64_lt(reach, zero), vf64_le(at, one_half)));
}

/* The same where the candidate is a binade's edge: 2^b (bottom, where the
 * binade below has half the ulp) or 2^(b+1) (top, where the ulp doubles);
 * the lanes of neither are not used. */
static inline __attribute__((always_inline)) vmask64
fast_classify_edge_ok(vf64 v, vf64 lo, vf64 err, vf64 b, vf64 t, vf64 t_lo, vf64 te,
                      vmask64 bottom, vmask64 exact_value)
{
    const vf64 one_half = vf64_set1(0.5), zero = vf64_zero(), up = vf64_set1(1.0 + 0x1p-52);
    const vf64 sv = vf64_select(vf64_signbit(v), vf64_set1(-1.0), vf64_set1(1.0));
    const vf64 tm = vf64_mul(t, sv), tm_lo = vf64_mul(t_lo, sv);
    /* a one-sided remainder (|lo| = err: the exact value lies strictly
     * between hi and hi + 2 lo) is certainly on lo's side of hi */
    const vmask64 one_sided = vmask64_and(vf64_eq(vf64_abs(lo), err), vmask64_not_zero(lo));
    const vf64 te_up = vf64_mul(te, up);
    const vmask64 above = vmask64_and(
        vf64_gt(tm, zero),
        vmask64_or(vf64_gt(vf64_add(tm, vf64_sub(tm_lo, te_up)), zero), one_sided));
    const vmask64 below = vmask64_and(
        vf64_lt(tm, zero),
        vmask64_or(vf64_lt(vf64_add(tm, vf64_add(tm_lo, te_up)), zero), one_sided));
    const vmask64 bottom_ok = vmask64_or(
        exact_value,
        vmask64_and(above, vf64_gt(vf64_sub(one_half, tm), vf64_add(tm_lo, te_up))));
    const vmask64 top_ok = vmask64_and(
        vmask64_and(below, vf64_gt(vf64_add(vf64_add(tm, one_half), vf64_sub(tm_lo, te_up)), zero)),
        vf64_lt(b, vf64_set1(127.0)));
    return vmask64_select(bottom, bottom_ok, top_ok);
}

static inline __attribute__((always_inline)) size_t
fast_classify_f32_body(const struct fast_quantity *q, size_t n, struct fast_points *out)
{
    const vf64 one_half = vf64_set1(0.5), zero = vf64_zero();
    const vf64 two23 = vf64_set1(0x1p23), two24 = vf64_set1(0x1p24);
    const unsigned all_lanes = (1u << VF64_LANES) - 1u;
    size_t uncertain = 0;
    for (size_t i = 0; i < n; i += VF64_LANES) {
        const size_t lanes = n - i < VF64_LANES ? n - i : VF64_LANES;
        const unsigned live = (1u << lanes) - 1u;
        vf64 hi, lo, err;
        if (lanes == VF64_LANES) {
            hi = vf64_load(q->hi + i);
            lo = vf64_load(q->lo + i);
            err = vf64_load(q->err + i);
        } else {
            hi = vf64_load_tail(q->hi + i, lanes);
            lo = vf64_load_tail(q->lo + i, lanes);
            err = vf64_load_tail(q->err + i, lanes);
        }
        const vf64 v = vf64_add(hi, lo);
        /* the binade of the exact value: hi + lo rounded onto a power of
         * two with lo pointing below it lies in the binade below */
        vf64 e0 = vf64_exponent(v);
        const vf64 e0_clamped = vf64_min(vf64_max(e0, vf64_set1(-1022.0)), vf64_set1(1023.0));
        const vmask64 power_of_two = vf64_eq(vf64_abs(v), vf64_pow2(e0_clamped));
        const vmask64 lo_opposite =
            vmask64_and(vf64_ne(lo, zero), vmask64_xor(vf64_signbit(lo), vf64_signbit(v)));
        e0 = vf64_select(vmask64_and(power_of_two, lo_opposite), vf64_sub(e0, vf64_set1(1.0)), e0);
        const vf64 b = vf64_max(e0, vf64_set1(-126.0));
        const vf64 qexp = vf64_sub(b, vf64_set1(23.0));
        /* past the largest finite binade: left to MPFR (the scale would
         * leave double's range) */
        const vmask64 huge = vf64_gt(b, vf64_set1(127.0));
        const vf64 qsafe = vf64_select(huge, vf64_zero(), qexp);
        const vf64 scale = vf64_pow2(vf64_neg(qsafe)), ulp = vf64_pow2(qsafe);
        const vf64 w = vf64_mul(hi, scale), l = vf64_mul(lo, scale);
        vf64 nn = vf64_round_even(vf64_add(w, l));
        /* the tail exactly as t + t_lo: w - n and then + l by two-sums */
        vf64 d, d_lo, t, t_lo;
        fast_two_sum_exact(w, vf64_neg(nn), &d, &d_lo);
        fast_two_sum_exact(d, l, &t, &t_lo);
        t_lo = vf64_add(t_lo, d_lo);
        /* w + l a hair past a midpoint rounds onto it in double, and then
         * to the even side, which may be the far one: t = +-(1/2 + l') when
         * l' (the part of l past the midpoint) still fits beside 1/2, else
         * t = +-1/2 with t_lo pointing away from n.  The nearest integer is
         * then n + sign(t), and the tail t - sign(t) is exact (Sterbenz),
         * t_lo unchanged. */
        const vf64 at = vf64_abs(t);
        const vmask64 at_midpoint = vf64_ge(at, one_half);
        if (vmask64_any(at_midpoint)) { /* rare: the rest of the step skipped otherwise */
            const vmask64 away = vmask64_andnot(vmask64_not_zero(t_lo),
                                                vmask64_xor(vf64_signbit(t), vf64_signbit(t_lo)));
            const vmask64 past_midpoint =
                vmask64_or(vf64_gt(at, one_half), vmask64_and(vf64_eq(at, one_half), away));
            const vf64 step = vf64_select(vf64_signbit(t), vf64_set1(-1.0), vf64_set1(1.0));
            nn = vf64_select(past_midpoint, vf64_add(nn, step), nn);
            t = vf64_select(past_midpoint, vf64_sub(t, step), t);
            /* w - n again as d + d_lo (the step may leave d - step inexact) */
            vf64 d2, d2_lo;
            fast_two_sum_exact(w, vf64_neg(nn), &d2, &d2_lo);
            d = vf64_select(past_midpoint, d2, d);
            d_lo = vf64_select(past_midpoint, d2_lo, d_lo);
        }
        const vmask64 lo_zero = vf64_eq(lo, zero);
        vf64 te = vf64_mul(vf64_mul(err, scale), vf64_set1(1.0 + 0x1p-50));
        /* the one rounding of t_lo, and l when it fell into double's
         * subnormal range */
        const vf64 l_subnormal = vf64_select(vf64_lt(vf64_abs(l), vf64_set1(0x1p-1022)),
                                             vf64_set1(0x1p-1074), zero);
        te = vf64_add(te, vf64_select(lo_zero, zero,
                                      vf64_add(vf64_mul(vf64_abs(t_lo), vf64_set1(0x1p-52)), l_subnormal)));
        const vf64 big_n = vf64_abs(nn);
        const vmask64 bottom = vmask64_and(vf64_eq(big_n, two23), vf64_gt(b, vf64_set1(-126.0)));
        const vmask64 top = vf64_eq(big_n, two24);
        const vmask64 edge = vmask64_or(bottom, top);
        const vmask64 exact_value =
            vmask64_and(vmask64_and(vf64_eq(te, zero), vf64_eq(t, zero)), vf64_eq(t_lo, zero));
        /* each test only where some lane needs it: a vector wholly on
         * binade edges (a saturated value) skips the general one, a vector
         * without one (nearly every other) the edges' */
        vmask64 ok = vmask64_none();
        if (vmask64_bits(edge) != all_lanes)
            ok = fast_classify_normal_ok(t, t_lo, te);
        if (vmask64_any(edge))
            ok = vmask64_select(edge, fast_classify_edge_ok(v, lo, err, b, t, t_lo, te, bottom,
                                                            exact_value),
                                ok);
        /* a one-sided remainder (|lo| = err): the exact tail lies strictly
         * between w - n = d (exact: d_lo = 0) and d + 2 l (l exact: not
         * subnormal), held exactly as e + e_lo, each end within 1/2 */
        const vmask64 one_sided = vmask64_and(vf64_eq(vf64_abs(lo), err), vmask64_not_zero(lo));
        const vmask64 one_sided_open = vmask64_andnot(vmask64_andnot(one_sided, ok), edge);
        if (vmask64_any(one_sided_open)) { /* rare: remainders that underflowed */
            vf64 e, e_lo;
            fast_two_sum_exact(d, vf64_add(l, l), &e, &e_lo);
            const vf64 minus_half = vf64_neg(one_half);
            const vmask64 end_in = vmask64_and(
                vmask64_or(vf64_lt(e, one_half), vmask64_and(vf64_eq(e, one_half), vf64_le(e_lo, zero))),
                vmask64_or(vf64_gt(e, minus_half),
                           vmask64_and(vf64_eq(e, minus_half), vf64_ge(e_lo, zero))));
            const vmask64 inside = vmask64_and(
                vmask64_and(vf64_le(vf64_abs(d), one_half), vf64_eq(d_lo, zero)), end_in);
            ok = vmask64_or(ok, vmask64_and(vmask64_and(one_sided_open, inside),
                                            vf64_ge(vf64_abs(l), vf64_set1(0x1p-1022))));
        }
        ok = vmask64_andnot(ok, huge);
        vf64 rounded = vf64_mul(nn, ulp);
        vf64 tail = t, tail_error = te, inverse_ulp = scale;

        /* NaN: certain; infinite: certain when exact; a zero hi + lo:
         * the signed zero of hi with the tail bound of err */
        const vmask64 nan = vf64_isnan(hi);
        const vmask64 inf = vf64_eq(vf64_abs(hi), vf64_set1(INFINITY));
        const vmask64 zero_value = vmask64_and(vf64_eq(hi, zero), lo_zero);
        const vmask64 special = vmask64_or(vmask64_or(nan, inf), zero_value);
        vmask64 exact = exact_value, err_zero = vmask64_none();
        if (vmask64_any(special)) { /* nothing to change in the other vectors */
            err_zero = vf64_eq(err, zero);
            const vf64 zero_te =
                vf64_mul(vf64_mul(err, vf64_set1(0x1p149)), vf64_set1(1.0 + 0x1p-50));
            ok = vmask64_select(zero_value, vf64_lt(zero_te, one_half), ok);
            ok = vmask64_select(inf, vmask64_and(err_zero, lo_zero), ok);
            ok = vmask64_or(ok, nan);
            rounded = vf64_select(special, hi, rounded);
            tail = vf64_select(special, zero, tail);
            tail_error = vf64_select(zero_value, zero_te, vf64_select(special, zero, tail_error));
            inverse_ulp = vf64_select(zero_value, vf64_set1(0x1p149), inverse_ulp);
            inverse_ulp = vf64_select(nan, vf64_set1(0x1p149), inverse_ulp);
            inverse_ulp = vf64_select(inf, vf64_set1(0x1p-104), inverse_ulp);
            exact = vmask64_or(vmask64_andnot(exact_value, special),
                               vmask64_and(vmask64_or(zero_value, inf), err_zero));
        }

        /* the lanes past n (zeros, which would pass as certified) stay clear */
        const unsigned uncertain_bits = ~vmask64_bits(ok) & live;
        uncertain += fast_popcount(uncertain_bits);
        if (lanes == VF64_LANES) {
            vf64_store_f32(out->rounded + i, rounded);
            vf64_store(out->tail + i, tail);
            vf64_store(out->tail_error + i, tail_error);
            vf64_store(out->inverse_ulp + i, inverse_ulp);
        } else {
            vf64_store_f32_tail(out->rounded + i, rounded, lanes);
            vf64_store_tail(out->tail + i, tail, lanes);
            vf64_store_tail(out->tail_error + i, tail_error, lanes);
            vf64_store_tail(out->inverse_ulp + i, inverse_ulp, lanes);
        }
        fast_bits_put(out->uncertain, i, uncertain_bits);
        fast_bits_put(out->nan, i, vmask64_bits(nan) & live);
        fast_bits_put(out->infinite, i, vmask64_bits(inf) & live);
        const unsigned exact_zero_bits = vmask64_bits(vmask64_and(zero_value, err_zero)) & live;
        fast_bits_put(out->exact_zero, i, exact_zero_bits);
        fast_bits_put(out->special, i, (vmask64_bits(vmask64_or(nan, inf)) & live) | exact_zero_bits);
        fast_bits_put(out->exact, i, vmask64_bits(exact) & live);
    }
    return uncertain;
}

#endif
