/*
 * tanh's fast reference (see fast_reference.h), t = |x|, the sign restored
 * at the end (tanh(-0) = -0):
 *   t < 2^-4:      tanh t = t + t^3 P(t^2), P the Taylor series of
 *                  (tanh t - t)/t^3 to t^12 (the first omitted term is below
 *                  2^-65 relative); hi = t, lo = t^3 P(t^2) within 2^-47 |lo|
 *                  (seven coefficients each rounded once, Horner's
 *                  fourteen roundings and three products: 21 u < 2^-48);
 *   t <= 0.55:     m = expm1(-2t), tanh t = -m/(2 + m): |m| <= 0.67 weighs
 *                  the error of 2 + m by |m|/(2 + m) <= 1/2, so 1.5 eps + 2 u;
 *   t > 0.55:      E = exp(-2t), tanh t = 1 - 2E/(1 + E): hi = 1, lo the
 *                  fraction within eps + 2 u (2t is exact);
 *   t > 308.5:     E < e^-617 is below 2^-890: lo keeps only its sign
 *                  (one-sided, FAST_SATURATED).
 * The derivative sech^2 t is 1 - tanh^2 t = 1 + lo with lo = -tanh^2 t for
 * t <= 0.55 (no cancellation: tanh^2 <= 0.25) and 4E/(1 + E)^2 above.
 * At +-inf the limits are exact: +-1 and +0.
 */
#ifndef ACTBENCH_FAST_TANH_H
#define ACTBENCH_FAST_TANH_H

#include "fast_math.h"

/* (tanh t - t)/t^3 = -1/3 + 2/15 s - 17/315 s^2 + ..., s = t^2 */
static inline vf64 fast_tanh_series(vf64 s)
{
    vf64 p = vf64_set1(-929569.0 / 638512875.0);
    p = vf64_fmadd(p, s, vf64_set1(21844.0 / 6081075.0));
    p = vf64_fmadd(p, s, vf64_set1(-1382.0 / 155925.0));
    p = vf64_fmadd(p, s, vf64_set1(62.0 / 2835.0));
    p = vf64_fmadd(p, s, vf64_set1(-17.0 / 315.0));
    p = vf64_fmadd(p, s, vf64_set1(2.0 / 15.0));
    return vf64_fmadd(p, s, vf64_set1(-1.0 / 3.0));
}

static inline __attribute__((always_inline)) void
fast_tanh_point(vf64 x, const struct actbench_params *p, bool want_gradient,
                struct fast_dd *value, struct fast_dd *derivative)
{
    (void)p;
    (void)want_gradient;
    const vf64 t = vf64_abs(x), zero = vf64_zero(), one = vf64_set1(1.0);
    const vmask64 small = vf64_lt(t, vf64_set1(0x1p-4));
    const vmask64 large = vmask64_and(vf64_gt(t, vf64_set1(0.55)), vf64_le(t, vf64_set1(FAST_EXP_SATURATION / 2)));
    const vmask64 huge = vf64_gt(t, vf64_set1(FAST_EXP_SATURATION / 2));
    const vmask64 mid = vmask64_andnot(vmask64_andnot(vf64_eq(t, t), small), large);
    struct fast_dd v = fast_dd_exact(zero), d = fast_dd_exact(one);
    if (vmask64_any(small)) {
        const vf64 s = vf64_mul(t, t);
        const vf64 lo = vf64_mul(vf64_mul(t, s), fast_tanh_series(s));
        const struct fast_dd vs = fast_dd_make(t, lo, vf64_mul(vf64_abs(lo), vf64_set1(0x1p-47)));
        const vf64 y = vf64_add(t, lo);
        const vf64 y2 = vf64_mul(y, y);
        const struct fast_dd ds = fast_dd_make(one, vf64_neg(y2), vf64_mul(y2, vf64_set1(0x1p-47)));
        v = fast_dd_select(small, vs, v);
        d = fast_dd_select(small, ds, d);
    }
    if (vmask64_any(mid)) {
        const vf64 m = vf64_expm1(vf64_mul(t, vf64_set1(-2.0)));
        const vf64 y = vf64_div(vf64_neg(m), vf64_add(vf64_set1(2.0), m));
        const struct fast_dd vm = fast_dd_relative(y, 2 * FAST_EPS + 0x1p-50);
        const vf64 y2 = vf64_mul(y, y);
        const struct fast_dd dm =
            fast_dd_make(one, vf64_neg(y2), vf64_mul(y2, vf64_set1(4 * FAST_EPS + 0x1p-48)));
        v = fast_dd_select(mid, vm, v);
        d = fast_dd_select(mid, dm, d);
    }
    if (vmask64_any(large)) {
        const vf64 e = vf64_exp(vf64_mul(t, vf64_set1(-2.0)));
        const vf64 q = vf64_add(one, e);
        const vf64 lo = vf64_div(vf64_mul(e, vf64_set1(-2.0)), q);
        struct fast_dd vl = fast_dd_make(
            one, lo, vf64_add(vf64_mul(vf64_abs(lo), vf64_set1(2 * FAST_EPS + 0x1p-50)), vf64_set1(FAST_TINY)));
        vl = fast_dd_one_sided(vl, vf64_eq(t, t)); /* 1 - 2E/(1 + E) < 1 */
        const vf64 g = vf64_div(vf64_mul(e, vf64_set1(4.0)), vf64_mul(q, q));
        struct fast_dd dl = fast_dd_relative(g, 2 * FAST_EPS + 0x1p-49);
        /* the limits at +-inf are exact */
        v = fast_dd_select(large, vl, v);
        d = fast_dd_select(large, dl, d);
    }
    if (vmask64_any(huge)) {
        /* 2E/(1 + E) and 4E/(1 + E)^2 below 4 e^-617 < 2^-888: their sign
         * is all that is left; the limits at +-inf are exact */
        const vf64 sat = vf64_set1(FAST_SATURATED);
        const vmask64 inf = vf64_eq(t, vf64_set1(INFINITY));
        struct fast_dd vh = fast_dd_make(one, vf64_neg(sat), sat);
        struct fast_dd dh = fast_dd_make(zero, zero, vf64_add(sat, sat));
        vh = fast_dd_select(inf, fast_dd_exact(one), vh);
        dh = fast_dd_select(inf, fast_dd_exact(zero), dh);
        v = fast_dd_select(huge, vh, v);
        d = fast_dd_select(huge, dh, d);
    }
    *value = fast_dd_neg_where(vf64_signbit(x), v);
    *derivative = d;
}

#endif
