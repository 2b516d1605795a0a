/*
 * The fast references of elu and selu (see fast_reference.h): a scaled
 * e^x - 1 below 0, a line above (reference/ref_elu.c has the definitions;
 * elu's a is the float parameter, exact; selu's lambda and lambda alpha
 * are the decimals of the catalog, in double within 2^-52 and 2^-51).
 * For x <= 0, with m = e^x - 1 and e = e^x:
 *   |x| < 2^-4:  m = x + x^2 P(x), P the series of (e^x - 1 - x)/x^2 to
 *                x^10 (the first omitted term is below 2^-70 relative):
 *                hi = s x, lo = s x^2 P within 2^-47, and e = 1 + m;
 *   to -1:       m = expm1(x), e = 1 + m (hi = s, lo = s m for e);
 *   below -1:    m = -1 + e with e = exp(x): hi = -s, lo = s e;
 *   below -700:  e < 2^-1009 keeps only its sign.
 * For elu s = a exactly; for selu s = lambda alpha carries its own error.
 */
#ifndef ACTBENCH_FAST_ELU_H
#define ACTBENCH_FAST_ELU_H

#include "fast_math.h"

/* (e^x - 1 - x)/x^2 = 1/2 + x/6 + x^2/24 + ... to x^10 */
static inline vf64 fast_expm1_series(vf64 x)
{
    vf64 p = vf64_set1(1.0 / 479001600.0);
    p = vf64_fmadd(p, x, vf64_set1(1.0 / 39916800.0));
    p = vf64_fmadd(p, x, vf64_set1(1.0 / 3628800.0));
    p = vf64_fmadd(p, x, vf64_set1(1.0 / 362880.0));
    p = vf64_fmadd(p, x, vf64_set1(1.0 / 40320.0));
    p = vf64_fmadd(p, x, vf64_set1(1.0 / 5040.0));
    p = vf64_fmadd(p, x, vf64_set1(1.0 / 720.0));
    p = vf64_fmadd(p, x, vf64_set1(1.0 / 120.0));
    p = vf64_fmadd(p, x, vf64_set1(1.0 / 24.0));
    p = vf64_fmadd(p, x, vf64_set1(1.0 / 6.0));
    return vf64_fmadd(p, x, vf64_set1(0.5));
}

/*
 * s (e^x - 1) and s e^x for x <= 0 (not -inf), s = scale with relative
 * error scale_rel (0 when exact).  The value as hi + lo; the derivative
 * likewise.
 */
static inline void fast_scaled_expm1(vf64 x, vf64 scale, double scale_rel, struct fast_dd *value,
                                     struct fast_dd *derivative)
{
    const vf64 t = vf64_abs(x), zero = vf64_zero(), tiny = vf64_set1(FAST_TINY);
    const vf64 s_abs = vf64_abs(scale);
    const vmask64 small = vf64_lt(t, vf64_set1(0x1p-4));
    const vmask64 saturated = vf64_gt(t, vf64_set1(700.0));
    const vmask64 below = vmask64_andnot(vf64_gt(t, vf64_set1(1.0)), saturated);
    const vmask64 mid = vmask64_andnot(vmask64_andnot(vf64_eq(t, t), small), vmask64_or(below, saturated));
    struct fast_dd v = fast_dd_exact(zero), d = fast_dd_exact(zero);
    if (vmask64_any(small)) {
        /* hi = s x is exact for elu (two floats); for selu its rounding
         * goes into the relative error */
        const vf64 m_lo = vf64_mul(vf64_mul(x, x), fast_expm1_series(x));
        const vf64 hi = vf64_mul(scale, x);
        const vf64 lo = vf64_mul(scale, m_lo);
        struct fast_dd vs = fast_dd_make(
            hi, lo, vf64_add(vf64_mul(vf64_abs(lo), vf64_set1(0x1p-46)),
                             vf64_mul(vf64_add(vf64_abs(hi), vf64_abs(lo)), vf64_set1(scale_rel))));
        /* e = 1 + m: s + s m */
        const vf64 m = vf64_add(x, m_lo);
        const vf64 dlo = vf64_mul(scale, m);
        struct fast_dd ds = fast_dd_make(
            scale, dlo, vf64_add(vf64_mul(vf64_abs(dlo), vf64_set1(0x1p-50)),
                                 vf64_mul(vf64_add(s_abs, vf64_abs(dlo)), vf64_set1(scale_rel))));
        v = fast_dd_select(small, vs, v);
        d = fast_dd_select(small, ds, d);
    }
    if (vmask64_any(mid)) {
        const vf64 m = vf64_expm1(x);
        const vf64 hi = vf64_mul(scale, m);
        struct fast_dd vm = fast_dd_relative(hi, FAST_EPS + 0x1p-52 + scale_rel);
        const vf64 dlo = vf64_mul(scale, m);
        struct fast_dd dm = fast_dd_make(
            scale, dlo, vf64_add(vf64_mul(vf64_abs(dlo), vf64_set1(FAST_EPS + 0x1p-52)),
                                 vf64_mul(vf64_add(s_abs, vf64_abs(dlo)), vf64_set1(scale_rel))));
        v = fast_dd_select(mid, vm, v);
        d = fast_dd_select(mid, dm, d);
    }
    if (vmask64_any(below)) {
        const vf64 e = vf64_exp(x);
        const vf64 lo = vf64_mul(scale, e);
        const vf64 lo_err = vf64_add(vf64_mul(vf64_abs(lo), vf64_set1(FAST_EPS + 0x1p-52)), tiny);
        struct fast_dd vb = fast_dd_make(
            vf64_neg(scale), lo, vf64_add(lo_err, vf64_mul(vf64_add(s_abs, vf64_abs(lo)), vf64_set1(scale_rel))));
        struct fast_dd db = fast_dd_make(lo, zero, vf64_add(lo_err, vf64_mul(vf64_abs(lo), vf64_set1(scale_rel))));
        v = fast_dd_select(below, vb, v);
        d = fast_dd_select(below, db, d);
    }
    if (vmask64_any(saturated)) {
        /* s e < |s| 2^-1009: the value lies just above -s, the derivative
         * has the sign of s */
        const vf64 b = vf64_mul(s_abs, vf64_set1(0x1p-1002));
        struct fast_dd vs = fast_dd_make(vf64_neg(scale), vf64_copysign(b, scale),
                                         vf64_add(b, vf64_mul(s_abs, vf64_set1(scale_rel))));
        if (scale_rel == 0.0)
            vs.err = b; /* one-sided: fast_reference.h */
        struct fast_dd ds = fast_dd_make(vf64_mul(scale, zero), zero, vf64_add(b, tiny));
        v = fast_dd_select(saturated, vs, v);
        d = fast_dd_select(saturated, ds, d);
    }
    *value = v;
    *derivative = d;
}

/* elu: x above 0 (derivative 1), a (e^x - 1) at and below 0 (derivative
 * a e^x: a at 0, the left piece); elu(-inf) = -a, derivative a * (+0). */
static inline __attribute__((always_inline)) void
fast_elu_point(vf64 x, const struct actbench_params *p, bool want_gradient,
               struct fast_dd *value, struct fast_dd *derivative)
{
    (void)want_gradient;
    const vf64 a = vf64_set1((double)p->alpha), zero = vf64_zero();
    struct fast_dd v, d;
    fast_scaled_expm1(x, a, 0.0, &v, &d);
    const vmask64 positive = vf64_gt(x, zero);
    v = fast_dd_select(positive, fast_dd_exact(x), v);
    d = fast_dd_select(positive, fast_dd_exact(vf64_set1(1.0)), d);
    const vmask64 minus_inf = vf64_eq(x, vf64_set1(-INFINITY));
    v = fast_dd_select(minus_inf, fast_dd_exact(vf64_neg(a)), v);
    d = fast_dd_select(minus_inf, fast_dd_exact(vf64_mul(a, zero)), d);
    *value = v;
    *derivative = d;
}

/* selu: lambda x above 0 (derivative lambda), lambda alpha (e^x - 1) at and
 * below 0 (derivative lambda alpha e^x); selu(-inf) = -lambda alpha,
 * derivative lambda alpha * (+0); selu(+inf) = +inf. */
#define FAST_SELU_LAMBDA 1.0507009873554805
#define FAST_SELU_ALPHA 1.6732632423543772

static inline __attribute__((always_inline)) void
fast_selu_point(vf64 x, const struct actbench_params *p, bool want_gradient,
                struct fast_dd *value, struct fast_dd *derivative)
{
    (void)p;
    (void)want_gradient;
    /* lambda within 2^-53 relative of the decimal; lambda alpha, one more
     * rounding and alpha's own 2^-53: within 2^-51 */
    const double lambda_rel = 0x1p-52, lambda_alpha_rel = 0x1p-50;
    const vf64 lambda = vf64_set1(FAST_SELU_LAMBDA);
    const vf64 lambda_alpha = vf64_set1(FAST_SELU_LAMBDA * FAST_SELU_ALPHA);
    const vf64 zero = vf64_zero();
    struct fast_dd v, d;
    fast_scaled_expm1(x, lambda_alpha, lambda_alpha_rel, &v, &d);
    const vmask64 positive = vf64_gt(x, zero);
    const vf64 lx = vf64_mul(lambda, x);
    v = fast_dd_select(positive, fast_dd_relative(lx, lambda_rel + 0x1p-52), v);
    d = fast_dd_select(positive, fast_dd_relative(lambda, lambda_rel), d);
    const vmask64 plus_inf = vf64_eq(x, vf64_set1(INFINITY));
    v = fast_dd_select(plus_inf, fast_dd_exact(x), v);
    const vmask64 minus_inf = vf64_eq(x, vf64_set1(-INFINITY));
    v = fast_dd_select(minus_inf, fast_dd_relative(vf64_neg(lambda_alpha), lambda_alpha_rel), v);
    d = fast_dd_select(minus_inf, fast_dd_exact(zero), d);
    *value = v;
    *derivative = d;
}

#endif
