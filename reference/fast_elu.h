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
 *   below -617:  e < 2^-890 keeps only its sign (FAST_SATURATED).
 * For elu s = a exactly; for selu s = lambda alpha as a double-double.
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
 * s (e^x - 1) and s e^x for x <= 0 (not -inf), s = s_hi + s_lo a
 * double-double (elu: the float a, s_lo = 0, exact; selu: lambda alpha
 * within 2^-105), products split exactly with an FMA.
 */
static inline void fast_scaled_expm1(vf64 x, vf64 s_hi, vf64 s_lo, struct fast_dd *value,
                                     struct fast_dd *derivative)
{
    const vf64 t = vf64_abs(x), zero = vf64_zero(), tiny = vf64_set1(FAST_TINY);
    const vf64 s_abs = vf64_abs(s_hi);
    const vf64 dd_err = vf64_mul(vf64_abs(s_lo), vf64_set1(0x1p-52)); /* s_lo's own rounding */
    const vmask64 small = vf64_lt(t, vf64_set1(0x1p-4));
    const vmask64 saturated = vf64_gt(t, vf64_set1(FAST_EXP_SATURATION));
    const vmask64 below = vmask64_andnot(vf64_gt(t, vf64_set1(1.0)), saturated);
    const vmask64 mid = vmask64_andnot(vmask64_andnot(vf64_eq(t, t), small), vmask64_or(below, saturated));
    struct fast_dd v = fast_dd_exact(zero), d = fast_dd_exact(zero);
    if (vmask64_any(small)) {
        /* m = x + m_lo: s m = s_hi x (split) + s_hi m_lo + s_lo x */
        const vf64 m_lo = vf64_mul(vf64_mul(x, x), fast_expm1_series(x));
        const vf64 p = vf64_mul(s_hi, x), pe = vf64_fmsub(s_hi, x, p);
        const vf64 sm = vf64_mul(s_hi, m_lo), sx = vf64_mul(s_lo, x);
        const vf64 lo = vf64_add(vf64_add(pe, sm), sx);
        const vf64 err = vf64_add(vf64_add(vf64_mul(vf64_abs(sm), vf64_set1(0x1p-46)),
                                           vf64_mul(vf64_add(vf64_abs(pe), vf64_abs(sx)), vf64_set1(0x1p-51))),
                                  vf64_mul(dd_err, t));
        v = fast_dd_select(small, fast_dd_make(p, lo, err), v);
        /* s e^x = s_hi + (s_lo + s_hi m) */
        const vf64 m = vf64_add(x, m_lo);
        const vf64 dlo = vf64_add(s_lo, vf64_mul(s_hi, m));
        const vf64 derr = vf64_add(vf64_mul(vf64_abs(vf64_mul(s_hi, m)), vf64_set1(0x1p-50)), dd_err);
        d = fast_dd_select(small, fast_dd_make(s_hi, dlo, derr), d);
    }
    if (vmask64_any(mid)) {
        const vf64 m = vf64_expm1(x);
        const vf64 p = vf64_mul(s_hi, m), pe = vf64_fmsub(s_hi, m, p);
        const vf64 lo = vf64_add(pe, vf64_mul(s_lo, m));
        const vf64 err = vf64_add(vf64_mul(vf64_abs(p), vf64_set1(FAST_EPS + 0x1p-51)), dd_err);
        v = fast_dd_select(mid, fast_dd_make(p, lo, err), v);
        const vf64 dlo = vf64_add(s_lo, p);
        d = fast_dd_select(mid, fast_dd_make(s_hi, dlo, err), d);
    }
    if (vmask64_any(below)) {
        /* -s + s e */
        const vf64 e = vf64_exp(x);
        const vf64 se = vf64_mul(s_hi, e);
        const vf64 err = vf64_add(vf64_add(vf64_mul(vf64_abs(se), vf64_set1(FAST_EPS + 0x1p-51)), dd_err), tiny);
        const vf64 vlo = vf64_add(vf64_sub(se, s_lo), vf64_mul(s_lo, e));
        v = fast_dd_select(below, fast_dd_make(vf64_neg(s_hi), vlo, err), v);
        /* the derivative s e is small: the double-double s's own error
         * scales with e (an absolute dd_err would swamp it below -64) */
        const vf64 pe = vf64_fmsub(s_hi, e, se);
        const vf64 derr = vf64_add(vf64_add(vf64_mul(vf64_abs(se), vf64_set1(FAST_EPS + 0x1p-51)),
                                            vf64_mul(dd_err, e)),
                                   tiny);
        d = fast_dd_select(below, fast_dd_make(se, vf64_add(pe, vf64_mul(s_lo, e)), derr), d);
    }
    if (vmask64_any(saturated)) {
        /* s e < |s| 2^-890: the value lies just above -s (one-sided when
         * -s is all of it), the derivative has the sign of s */
        const vf64 b = vf64_mul(s_abs, vf64_set1(FAST_SATURATED));
        const vmask64 exact_scale = vf64_eq(s_lo, zero);
        struct fast_dd vs = fast_dd_make(vf64_neg(s_hi), vf64_neg(s_lo), vf64_add(b, dd_err));
        vs = fast_dd_select(exact_scale, fast_dd_make(vf64_neg(s_hi), vf64_copysign(b, s_hi), b), vs);
        struct fast_dd ds = fast_dd_make(vf64_mul(s_hi, zero), zero, vf64_add(b, tiny));
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
    fast_scaled_expm1(x, a, zero, &v, &d);
    const vmask64 positive = vf64_gt(x, zero);
    v = fast_dd_select(positive, fast_dd_exact(x), v);
    d = fast_dd_select(positive, fast_dd_exact(vf64_set1(1.0)), d);
    const vmask64 minus_inf = vf64_eq(x, vf64_set1(-INFINITY));
    v = fast_dd_select(minus_inf, fast_dd_exact(vf64_neg(a)), v);
    d = fast_dd_select(minus_inf, fast_dd_exact(vf64_mul(a, zero)), d);
    *value = v;
    *derivative = d;
}

/*
 * selu: lambda x above 0 (derivative lambda), lambda alpha (e^x - 1) at and
 * below 0 (derivative lambda alpha e^x); selu(-inf) = -lambda alpha,
 * derivative lambda alpha * (+0); selu(+inf) = +inf.  lambda and lambda
 * alpha are the decimals of the catalog (1.0507009873554805 and
 * 1.6732632423543772) and their product, as double-doubles rounded from
 * MPFR at 400 bits (within 2^-105).
 */
#define FAST_SELU_LAMBDA_HI 0x1.0cfabd6a91132p+0
#define FAST_SELU_LAMBDA_LO 0x1.ac79fa5f4cebp-55
#define FAST_SELU_LAMBDA_ALPHA_HI 0x1.c212cc640f031p+0
#define FAST_SELU_LAMBDA_ALPHA_LO -0x1.26edf569e8971p-54

static inline __attribute__((always_inline)) void
fast_selu_point(vf64 x, const struct actbench_params *p, bool want_gradient,
                struct fast_dd *value, struct fast_dd *derivative)
{
    (void)p;
    (void)want_gradient;
    const vf64 l_hi = vf64_set1(FAST_SELU_LAMBDA_HI), l_lo = vf64_set1(FAST_SELU_LAMBDA_LO);
    const vf64 la_hi = vf64_set1(FAST_SELU_LAMBDA_ALPHA_HI);
    const vf64 la_lo = vf64_set1(FAST_SELU_LAMBDA_ALPHA_LO);
    const vf64 zero = vf64_zero();
    struct fast_dd v, d;
    fast_scaled_expm1(x, la_hi, la_lo, &v, &d);
    const vmask64 positive = vf64_gt(x, zero);
    /* lambda x = l_hi x (split) + l_lo x */
    const vf64 px = vf64_mul(l_hi, x), pe = vf64_fmsub(l_hi, x, px);
    const vf64 lo = vf64_add(pe, vf64_mul(l_lo, x));
    const vf64 err = vf64_mul(vf64_abs(px), vf64_set1(0x1p-104));
    v = fast_dd_select(positive, fast_dd_make(px, lo, err), v);
    d = fast_dd_select(positive, fast_dd_make(l_hi, l_lo, vf64_set1(0x1p-104)), d);
    const vmask64 plus_inf = vf64_eq(x, vf64_set1(INFINITY));
    v = fast_dd_select(plus_inf, fast_dd_exact(x), v);
    const vmask64 minus_inf = vf64_eq(x, vf64_set1(-INFINITY));
    v = fast_dd_select(minus_inf,
                       fast_dd_make(vf64_neg(la_hi), vf64_neg(la_lo), vf64_set1(0x1p-104)), v);
    d = fast_dd_select(minus_inf, fast_dd_exact(zero), d);
    *value = v;
    *derivative = d;
}

#endif
