/*
 * mish's fast reference (see fast_reference.h and reference/ref_mish.c for
 * the rational forms, which keep every term positive):
 *   x <= 0: E = e^x, N = E (E + 2), t = N/(N + 2), mish = x t,
 *           mish' = t + x 4E (1 + E)/(N + 2)^2, which cancels at the
 *           minimum x = -1.1924 (absolute bounds there);
 *   x > 0:  G = e^-x, D = 1 + 2G + 2G^2, t = 1 - 2G^2/D, mish = x - x 2G^2/D
 *           (hi = x), mish' = 1 + (2G^2/D)(2x (1 + G)/D - 1) (hi = 1);
 * with eps for the exponential and a few roundings (2^-48 covers them);
 * above x = 350 and below x = -700 the remainders (below |x| 8 e^-700)
 * keep only their sign.
 * Near 0 mish = 0.6 x is never near a float: one relative bound.
 */
#ifndef ACTBENCH_FAST_MISH_H
#define ACTBENCH_FAST_MISH_H

#include "fast_math.h"

static inline __attribute__((always_inline)) void
fast_mish_point(vf64 x, const struct actbench_params *p, bool want_gradient,
                struct fast_dd *value, struct fast_dd *derivative)
{
    (void)p;
    const vf64 zero = vf64_zero(), one = vf64_set1(1.0), two = vf64_set1(2.0);
    const vf64 tiny = vf64_set1(FAST_TINY);
    const vf64 t = vf64_abs(x);
    const vmask64 negative = vf64_signbit(x);
    /* G^2 above 350, E below -700: beyond, they keep only their sign */
    const vmask64 saturated = vmask64_or(vmask64_andnot(vf64_gt(t, vf64_set1(350.0)), negative),
                                         vmask64_and(vf64_gt(t, vf64_set1(700.0)), negative));
    const vmask64 mid = vmask64_andnot(vf64_eq(t, t), saturated);
    const vf64 rel = vf64_set1(FAST_EPS + 0x1p-48);
    vf64 e = zero;
    if (vmask64_any(mid))
        e = vf64_select(mid, vf64_exp(vf64_neg(t)), zero); /* E for x <= 0, G above */
    /* x <= 0 */
    const vf64 n = vf64_mul(e, vf64_add(e, two));
    const vf64 n2 = vf64_add(n, two);
    const vf64 tn = vf64_div(n, n2);
    const vf64 xt = vf64_mul(x, tn);
    struct fast_dd neg = fast_dd_make(xt, zero, vf64_add(vf64_mul(vf64_abs(xt), rel), tiny));
    neg = fast_dd_select(saturated, fast_dd_make(vf64_mul(x, zero), zero,
                                                 vf64_add(vf64_mul(t, tiny), tiny)), neg);
    /* x > 0 */
    const vf64 g2 = vf64_mul(vf64_mul(e, e), two);           /* 2G^2 */
    const vf64 dd = vf64_add(vf64_add(one, vf64_mul(e, two)), g2); /* D */
    const vf64 f = vf64_div(g2, dd);                          /* 2G^2/D */
    const vf64 xf = vf64_mul(x, f);
    struct fast_dd pos = fast_dd_make(x, vf64_neg(xf), vf64_add(vf64_mul(vf64_abs(xf), rel), tiny));
    const vf64 sat = vf64_mul(t, vf64_set1(0x1p-1002));
    pos = fast_dd_select(saturated, fast_dd_make(x, vf64_neg(sat), sat), pos);
    struct fast_dd v = fast_dd_select(negative, neg, pos);
    const vmask64 inf = vf64_eq(t, vf64_set1(INFINITY));
    v = fast_dd_select(inf, fast_dd_exact(vf64_select(negative, vf64_set1(-0.0), x)), v);
    v = fast_dd_select(vf64_eq(x, zero), fast_dd_exact(x), v); /* mish(+-0) = +-0 */
    *value = v;
    if (!want_gradient) {
        *derivative = fast_dd_exact(zero);
        return;
    }
    /* x <= 0: t + x 4E(1 + E)/(N + 2)^2 */
    const vf64 b = vf64_div(vf64_mul(vf64_mul(e, vf64_add(one, e)), vf64_set1(4.0)), vf64_mul(n2, n2));
    const vf64 xb = vf64_mul(x, b);
    const vf64 dn = vf64_add(tn, xb);
    struct fast_dd dneg = fast_dd_make(
        dn, zero, vf64_add(vf64_mul(vf64_add(vf64_abs(tn), vf64_abs(xb)), rel), tiny));
    dneg = fast_dd_select(saturated, fast_dd_make(vf64_set1(-0.0), zero,
                                                  vf64_add(vf64_mul(t, tiny), tiny)), dneg);
    /* x > 0: 1 + f (2x (1 + G)/D - 1) */
    const vf64 k = vf64_div(vf64_mul(vf64_mul(x, two), vf64_add(one, e)), dd);
    const vf64 lo = vf64_mul(f, vf64_sub(k, one));
    struct fast_dd dpos = fast_dd_make(
        one, lo, vf64_add(vf64_mul(vf64_mul(f, vf64_add(k, one)), rel), tiny));
    const vf64 dsat = vf64_mul(t, vf64_set1(0x1p-1002));
    dpos = fast_dd_select(saturated, fast_dd_make(one, dsat, dsat), dpos);
    struct fast_dd d = fast_dd_select(negative, dneg, dpos);
    d = fast_dd_select(inf, fast_dd_exact(vf64_select(negative, vf64_set1(-0.0), one)), d);
    *derivative = d;
}

#endif
