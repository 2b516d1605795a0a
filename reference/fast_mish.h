/*
 * mish's fast reference (see fast_reference.h and reference/ref_mish.c for
 * the rational forms, which keep every term positive):
 *   x <= 0: E = e^x, N = E (E + 2), t = N/(N + 2), mish = x t,
 *           mish' = t + x 4E (1 + E)/(N + 2)^2, which cancels at the
 *           minimum x = -1.1924 (absolute bounds there);
 *   x > 0:  G = e^-x, D = 1 + 2G + 2G^2, t = 1 - 2G^2/D, mish = x - x 2G^2/D
 *           (hi = x), mish' = 1 + (2G^2/D)(2x (1 + G)/D - 1) (hi = 1);
 * with eps for the exponential and a few roundings (2^-48 covers them);
 * above x = 308.5 and below x = -617 the remainders (below |x| 4 2^-890)
 * keep only their sign.
 * For |x| < 1 both sit next to tanh(ln 2) = 3/5 (times x): 3/5 as a
 * double-double and the remainder t - 3/5 = 2m(m + 4)/(5(N + 2)) with
 * m = expm1(x), so the values keep their differences from 3x/5.
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
    const vmask64 saturated =
        vmask64_or(vmask64_andnot(vf64_gt(t, vf64_set1(FAST_EXP_SATURATION / 2)), negative),
                   vmask64_and(vf64_gt(t, vf64_set1(FAST_EXP_SATURATION)), negative));
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
                                                 vf64_mul(t, vf64_set1(2 * FAST_SATURATED))), neg);
    /* x > 0 */
    const vf64 g2 = vf64_mul(vf64_mul(e, e), two);           /* 2G^2 */
    const vf64 dd = vf64_add(vf64_add(one, vf64_mul(e, two)), g2); /* D */
    const vf64 f = vf64_div(g2, dd);                          /* 2G^2/D */
    const vf64 xf = vf64_mul(x, f);
    struct fast_dd pos = fast_dd_make(x, vf64_neg(xf), vf64_add(vf64_mul(vf64_abs(xf), rel), tiny));
    const vf64 sat = vf64_mul(t, vf64_set1(FAST_SATURATED));
    pos = fast_dd_select(saturated, fast_dd_make(x, vf64_neg(sat), sat), pos);
    struct fast_dd v = fast_dd_select(negative, neg, pos);
    const vmask64 inf = vf64_eq(t, vf64_set1(INFINITY));
    v = fast_dd_select(inf, fast_dd_exact(vf64_select(negative, vf64_set1(-0.0), x)), v);
    /* |x| < 1: around tanh(ln 2) = 3/5, t - 3/5 = 2m(m + 4)/(5(N + 2)),
     * m = expm1(x), N + 2 = 5 + m(m + 4): 3x/5 as a double-double plus
     * x (t - 3/5), relative 2 eps + 8u, so that values next to 3x/5 keep
     * their differences */
    const vmask64 near = vf64_lt(t, one);
    vf64 delta = zero;
    if (vmask64_any(near)) {
        const vf64 m = vf64_expm1(x);
        const vf64 mm = vf64_mul(m, vf64_add(m, vf64_set1(4.0)));
        delta = vf64_div(vf64_mul(mm, two), vf64_mul(vf64_set1(5.0), vf64_add(vf64_set1(5.0), mm)));
        const vf64 three_x = vf64_mul(x, vf64_set1(3.0)); /* exact */
        const vf64 q = vf64_div(three_x, vf64_set1(5.0));
        const vf64 r = vf64_fmadd(vf64_neg(q), vf64_set1(5.0), three_x); /* exact */
        const vf64 xd = vf64_mul(x, delta);
        const vf64 lo = vf64_add(vf64_div(r, vf64_set1(5.0)), xd);
        const vf64 err = vf64_add(vf64_mul(vf64_abs(xd), vf64_set1(2 * FAST_EPS + 0x1p-49)),
                                  vf64_mul(vf64_abs(q), vf64_set1(0x1p-104)));
        v = fast_dd_select(near, fast_dd_make(q, lo, err), v);
    }
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
                                                  vf64_mul(vf64_add(t, one), vf64_set1(2 * FAST_SATURATED))),
                          dneg);
    /* x > 0: 1 + f (2x (1 + G)/D - 1) */
    const vf64 k = vf64_div(vf64_mul(vf64_mul(x, two), vf64_add(one, e)), dd);
    const vf64 lo = vf64_mul(f, vf64_sub(k, one));
    struct fast_dd dpos = fast_dd_make(
        one, lo, vf64_add(vf64_mul(vf64_mul(f, vf64_add(k, one)), rel), tiny));
    const vf64 dsat = vf64_mul(t, vf64_set1(FAST_SATURATED));
    dpos = fast_dd_select(saturated, fast_dd_make(one, dsat, dsat), dpos);
    struct fast_dd d = fast_dd_select(negative, dneg, dpos);
    if (vmask64_any(near)) {
        /* 3/5 + (t - 3/5) + x 4E(1 + E)/(N + 2)^2: both remainders have
         * x's sign (E and N as in the value's forms) */
        const vf64 three_fifths = vf64_set1(0.6);
        const vf64 c_lo = vf64_div(vf64_fmadd(vf64_neg(three_fifths), vf64_set1(5.0), vf64_set1(3.0)),
                                   vf64_set1(5.0));
        const vf64 ee = vf64_add(one, vf64_expm1(x)); /* e^x */
        const vf64 nn2 = vf64_add(vf64_mul(ee, vf64_add(ee, two)), two);
        const vf64 xb2 = vf64_div(vf64_mul(vf64_mul(x, vf64_set1(4.0)), vf64_mul(ee, vf64_add(one, ee))),
                                  vf64_mul(nn2, nn2));
        const vf64 rest = vf64_add(delta, xb2);
        const vf64 err = vf64_add(vf64_mul(vf64_add(vf64_abs(delta), vf64_abs(xb2)),
                                           vf64_set1(2 * FAST_EPS + 0x1p-48)),
                                  vf64_set1(0x1p-104));
        d = fast_dd_select(near, fast_dd_make(three_fifths, vf64_add(c_lo, rest), err), d);
    }
    d = fast_dd_select(inf, fast_dd_exact(vf64_select(negative, vf64_set1(-0.0), one)), d);
    *derivative = d;
}

#endif
