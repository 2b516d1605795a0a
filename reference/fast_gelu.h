/*
 * The fast references of gelu = x Phi(x) and its tanh approximation (see
 * fast_reference.h and reference/ref_gelu.c, ref_gelu_tanh.c).
 *
 * gelu, with z = x/sqrt 2 rounded (relative 2u with the constant): erf
 * and erfc add eps each, and the rounding of z moves them by at most
 * 2u z erf'(z)/erf(z) <= 2u relative for erf and 2u z (z + sqrt(z^2 + 2))
 * for erfc (its logarithmic slope is below z + sqrt(z^2 + 2)): the bounds
 * carry (z^2 + z) 2^-50 + 2^-52.
 *   |x| < 2^-4:  hi = x/2, lo = x erf(z)/2 (the remainder has x's size
 *                times erf, never near a float);
 *   x >= 2^-4:   hi = x, lo = -x erfc(z)/2;
 *   x <= -2^-4:  x erfc(|z|)/2;
 *   |x| > 35:    erfc(z) < 2^-889 and x phi(x) < x 2^-885: the remainders
 *                keep only their sign (within x 2^-880); just below, they
 *                are above 2^-885, far above FAST_TINY.
 * gelu' = Phi(x) + x phi(x), phi = exp(-x^2/2)/sqrt(2 pi) (x^2/2 exact):
 *   |x| < 2^-4:  hi = 1/2, lo = erf(z)/2 + x phi (one sign);
 *   x >= 2^-4:   hi = 1, lo = x phi - erfc(z)/2;
 *   x <= -2^-4:  erfc(|z|)/2 - |x| phi, which cancels at the zero of gelu'
 *                (x = -0.7518): absolute bounds, MPFR where they cannot
 *                decide.
 */
#ifndef ACTBENCH_FAST_GELU_H
#define ACTBENCH_FAST_GELU_H

#include "fast_logistic.h"

#define FAST_INV_SQRT2 0.70710678118654752440
#define FAST_INV_SQRT_2PI 0.39894228040143267794
#define FAST_GELU_SATURATION 35.0

static inline __attribute__((always_inline)) void
fast_gelu_point(vf64 x, const struct actbench_params *p, bool want_gradient,
                struct fast_dd *value, struct fast_dd *derivative)
{
    (void)p;
    const vf64 zero = vf64_zero(), one = vf64_set1(1.0), half = vf64_set1(0.5);
    const vf64 tiny = vf64_set1(FAST_TINY);
    const vf64 t = vf64_abs(x);
    const vmask64 negative = vf64_signbit(x);
    const vmask64 small = vf64_lt(t, vf64_set1(0x1p-4));
    const vmask64 saturated = vf64_gt(t, vf64_set1(FAST_GELU_SATURATION));
    const vmask64 mid = vmask64_andnot(vmask64_andnot(vf64_eq(t, t), small), saturated);
    const vf64 z = vf64_mul(t, vf64_set1(FAST_INV_SQRT2));
    /* the argument's rounding through erfc: 4 z^2 u, and 2u for erf */
    const vf64 arg_rel = vf64_add(vf64_mul(vf64_add(vf64_mul(z, z), z), vf64_set1(0x1p-50)),
                                  vf64_set1(0x1p-52));
    const vf64 rel = vf64_add(arg_rel, vf64_set1(FAST_EPS + 0x1p-50));
    vf64 erf_z = zero, erfc_z = zero;
    if (vmask64_any(small))
        erf_z = vf64_erf(vf64_mul(x, vf64_set1(FAST_INV_SQRT2))); /* signed */
    if (vmask64_any(mid))
        erfc_z = vf64_select(mid, vf64_erfc(z), zero);
    /* value */
    const vf64 half_x = vf64_mul(x, half);
    const vf64 c = vf64_mul(half_x, erfc_z); /* x erfc(|z|)/2 */
    const vf64 c_err = vf64_add(vf64_mul(vf64_abs(c), rel), tiny);
    struct fast_dd pos = fast_dd_make(x, vf64_neg(c), c_err);
    struct fast_dd neg = fast_dd_make(c, zero, c_err);
    const vf64 sat = vf64_mul(t, vf64_set1(FAST_SATURATED));
    pos = fast_dd_select(saturated, fast_dd_make(x, vf64_neg(sat), sat), pos);
    neg = fast_dd_select(saturated, fast_dd_make(vf64_mul(x, zero), zero, vf64_add(sat, sat)), neg);
    struct fast_dd v = fast_dd_select(negative, neg, pos);
    const vf64 lo_small = vf64_mul(half_x, erf_z);
    v = fast_dd_select(small, fast_dd_make(half_x, lo_small, vf64_mul(vf64_abs(lo_small), rel)), v);
    const vmask64 inf = vf64_eq(t, vf64_set1(INFINITY));
    v = fast_dd_select(inf, fast_dd_exact(vf64_select(negative, vf64_set1(-0.0), x)), v);
    *value = v;
    if (!want_gradient) {
        *derivative = fast_dd_exact(zero);
        return;
    }
    vf64 phi = zero;
    if (vmask64_any(vmask64_or(small, mid)))
        phi = vf64_mul(vf64_exp(vf64_mul(vf64_mul(t, t), vf64_set1(-0.5))), vf64_set1(FAST_INV_SQRT_2PI));
    const vf64 xphi = vf64_mul(t, phi); /* |x| phi */
    const vf64 xphi_err = vf64_mul(xphi, vf64_set1(FAST_EPS + 0x1p-50));
    const vf64 h = vf64_mul(erfc_z, half);
    const vf64 h_err = vf64_mul(h, rel);
    /* above: 1 + (|x| phi - erfc/2); below: erfc/2 - |x| phi */
    const vf64 diff = vf64_sub(xphi, h);
    const vf64 diff_err = vf64_add(vf64_add(vf64_add(xphi_err, h_err), vf64_mul(vf64_abs(diff), vf64_set1(0x1p-52))), tiny);
    struct fast_dd dpos = fast_dd_make(one, diff, diff_err);
    struct fast_dd dneg = fast_dd_make(vf64_neg(diff), zero, diff_err);
    const vf64 dsat = vf64_mul(t, vf64_set1(FAST_SATURATED));
    dpos = fast_dd_select(saturated, fast_dd_make(one, dsat, dsat), dpos);
    dneg = fast_dd_select(saturated, fast_dd_make(vf64_set1(-0.0), zero, vf64_add(dsat, dsat)), dneg);
    struct fast_dd d = fast_dd_select(negative, dneg, dpos);
    /* near 0: 1/2 + (erf(z)/2 + x phi) */
    const vf64 dlo = vf64_add(vf64_mul(erf_z, half), vf64_mul(x, phi));
    d = fast_dd_select(small, fast_dd_make(half, dlo, vf64_mul(vf64_abs(dlo), rel)), d);
    d = fast_dd_select(inf, fast_dd_exact(vf64_select(negative, vf64_set1(-0.0), one)), d);
    *derivative = d;
}

/*
 * gelu_tanh = x sigmoid(2u), u = sqrt(2/pi) (x + 0.044715 x^3) = x (c1 + c2 x^2)
 * rounded within 2^-50 relative (the constants, x^2 exact, three
 * roundings); sigmoid(2u) and E/Q (E = exp(-2|u|)) move by at most
 * 2|u| 2^-50 relative with it.
 *   |x| < 2^-4:  hi = x/2, lo = x tanh(u)/2 (tanh by its series);
 *   x >= 2^-4:   hi = x, lo = -x E/Q;   x <= -2^-4:  x E/Q;
 *   2|u| > 617:  E/Q < 2^-890: the remainders keep only their sign.
 * gelu_tanh' = S + 2x (E/Q^2) u', u' = c1 + 3 c2 x^2, S = sigmoid(2u):
 *   |x| < 2^-4:  hi = 1/2, lo = tanh(u)/2 + x u' (1 - tanh^2 u)/2;
 *   x >= 2^-4:   hi = 1, lo = (E/Q)(2x u'/Q - 1);
 *   x <= -2^-4:  (E/Q)(1 + 2x u'/Q), which cancels at gelu_tanh''s zero.
 */
#define FAST_SQRT_2_OVER_PI 0.79788456080286535588
#define FAST_GELU_TANH_CUBIC 0.044715

static inline __attribute__((always_inline)) void
fast_gelu_tanh_point(vf64 x, const struct actbench_params *p, bool want_gradient,
                     struct fast_dd *value, struct fast_dd *derivative)
{
    (void)p;
    const vf64 zero = vf64_zero(), one = vf64_set1(1.0), half = vf64_set1(0.5);
    const vf64 tiny = vf64_set1(FAST_TINY);
    const vf64 c1 = vf64_set1(FAST_SQRT_2_OVER_PI);
    const vf64 c2 = vf64_set1(FAST_SQRT_2_OVER_PI * FAST_GELU_TANH_CUBIC);
    const vf64 t = vf64_abs(x);
    const vf64 x2 = vf64_mul(x, x);
    const vf64 u = vf64_mul(t, vf64_fmadd(c2, x2, c1)); /* |u| */
    const vmask64 negative = vf64_signbit(x);
    const vmask64 small = vf64_lt(t, vf64_set1(0x1p-4));
    const vmask64 saturated = vf64_gt(u, vf64_set1(FAST_EXP_SATURATION / 2));
    const vmask64 mid = vmask64_andnot(vmask64_andnot(vf64_eq(t, t), small), saturated);
    const vf64 rel = vf64_add(vf64_mul(u, vf64_set1(0x1p-49)), vf64_set1(FAST_EPS + 0x1p-49));
    vf64 e = zero;
    if (vmask64_any(mid))
        e = vf64_select(mid, vf64_exp(vf64_mul(u, vf64_set1(-2.0))), zero);
    const vf64 q = vf64_add(one, e);
    const vf64 r = vf64_div(e, q);
    const vf64 xr = vf64_mul(x, r);
    const vf64 xr_err = vf64_add(vf64_mul(vf64_abs(xr), rel), tiny);
    struct fast_dd pos = fast_dd_make(x, vf64_neg(xr), xr_err);
    struct fast_dd neg = fast_dd_make(xr, zero, xr_err);
    const vf64 sat = vf64_mul(t, vf64_set1(FAST_SATURATED));
    pos = fast_dd_select(saturated, fast_dd_make(x, vf64_neg(sat), sat), pos);
    neg = fast_dd_select(saturated, fast_dd_make(vf64_mul(x, zero), zero, vf64_add(sat, sat)), neg);
    struct fast_dd v = fast_dd_select(negative, neg, pos);
    vf64 th = zero;
    const vf64 us = vf64_mul(x, vf64_fmadd(c2, x2, c1)); /* signed u */
    if (vmask64_any(small))
        th = fast_tanh_small(us);
    const vf64 half_x = vf64_mul(x, half);
    const vf64 lo_small = vf64_mul(half_x, th);
    v = fast_dd_select(small, fast_dd_make(half_x, lo_small, vf64_mul(vf64_abs(lo_small), rel)), v);
    const vmask64 inf = vf64_eq(t, vf64_set1(INFINITY));
    v = fast_dd_select(inf, fast_dd_exact(vf64_select(negative, vf64_set1(-0.0), x)), v);
    *value = v;
    if (!want_gradient) {
        *derivative = fast_dd_exact(zero);
        return;
    }
    const vf64 du = vf64_fmadd(vf64_mul(c2, vf64_set1(3.0)), x2, c1); /* u' */
    /* k = 2 |x| u'/Q: below 1 - k... (E/Q)(1 - k) for x < 0, (E/Q)(k - 1) above */
    const vf64 k = vf64_div(vf64_mul(vf64_mul(t, du), vf64_set1(2.0)), q);
    const vf64 km1 = vf64_sub(k, one);
    const vf64 lo = vf64_mul(r, km1);
    const vf64 lo_err = vf64_add(vf64_mul(vf64_mul(r, vf64_add(k, one)), rel), tiny);
    struct fast_dd dpos = fast_dd_make(one, lo, lo_err);
    struct fast_dd dneg = fast_dd_make(vf64_neg(lo), zero, lo_err);
    const vf64 dsat = vf64_mul(t, vf64_set1(FAST_SATURATED));
    dpos = fast_dd_select(saturated, fast_dd_make(one, dsat, dsat), dpos);
    dneg = fast_dd_select(saturated, fast_dd_make(vf64_set1(-0.0), zero, vf64_add(dsat, dsat)), dneg);
    struct fast_dd d = fast_dd_select(negative, dneg, dpos);
    const vf64 th2 = vf64_mul(th, th);
    const vf64 dlo = vf64_add(vf64_mul(th, half), vf64_mul(vf64_mul(half_x, du), vf64_sub(one, th2)));
    d = fast_dd_select(small, fast_dd_make(half, dlo, vf64_mul(vf64_abs(dlo), rel)), d);
    d = fast_dd_select(inf, fast_dd_exact(vf64_select(negative, vf64_set1(-0.0), one)), d);
    *derivative = d;
}

#endif
