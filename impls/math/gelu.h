/*
 * gelu = x*Phi(x) and its derivative Phi(x) + x*phi(x), written once over
 * the SIMD layer (include one ISA's impls/simd/f32-*.h and f64w-*.h first);
 * the kernels in impls/gelu/ run them through impls/math/elementwise.h.
 *
 * Every form starts from t = |x| and the two factors of the tail
 *     Phi(-t) = E * V,   E = exp(-t^2/2),   V = V(t) the scaled Mills ratio
 * (erf_table.h, erf_poly.h), so that
 *     x < 0:   gelu = x*Phi(-t)          (never 1 + erf(x/sqrt 2): that sum
 *                                          cancels to 0 below x = -5.9)
 *     x >= 0:  gelu = x*(1 - Phi(-t))
 *     gelu'    = Phi(x) + x*phi(x),  phi(x) = E/sqrt(2 pi),
 * one formula for both signs: Phi = H + s*Q with Q = E*V, H = 1 and s = -1
 * for x >= 0 (x = -0 included), H = 0 and s = 1 for x < 0.  gelu has the
 * sign of x, so the result takes x's sign bit by an OR: gelu(-0) = -0 and
 * every negative value rounded to zero is -0.
 * t^2 = s_hi + s_lo exactly (a product and an FMA), and
 * E = exp(-s_hi/2) * (1 - s_lo/2 ...): without s_lo, E's argument would be
 * off by up to 2^-18 at t = 10 (a relative error of 2^-18 in gelu).
 * gelu' has a root x0 ~ -0.7518, where Phi and x*phi cancel: within 1/16 of
 * it the derivative is h*q(h), h = (x - x0_hi) - x0_lo
 * (impls/math/sollya/gelu_root.sollya), as silu's in logistic.h.
 *
 * Accurate form (float, compensated; the table accurate kernels):
 *   E = E_hi*(1 + e) from exp_table_accurate's pieces (E_hi = 2^(k/8)
 *   exact; the reduction takes s_hi/2 and adds s_lo/2 to the reduced
 *   argument), V = V_j*(1 + v) from erf_table_accurate (on AVX2 its
 *   quotient form V = u*(1 - rel)*(1 + v), u = c_j/(t + 1), the factor
 *   1 - rel going into exp's reduced argument with s_lo/2, and V_j = u);
 *   Q = Q_hi + Q_lo with Q_hi = E_hi*V_j, Q_lo its exact rounding error
 *   (FMA) plus Q_hi*(e + v + e*v); Phi = H + s*Q as Phi_hi + Phi_lo by
 *   Fast2Sum; gelu = x*Phi_hi + x*Phi_lo with one rounding (FMA).  On AVX2
 *   gelu = max(x, 0) - t*Q for both signs instead, t*Q_hi as an exact
 *   pair, max(x, 0) - t*Q_hi by Fast2Sum and one rounding of the sum: nine
 *   operations, where Phi as a pair, x*Phi_hi + x*Phi_lo and the sign fix
 *   took fourteen.  Relative error before the last rounding: about 2^-27
 *   (the fit 2^-29, e's 2^-28, the rounding of the small terms e + v + e*v
 *   and of the reduced argument).
 *   Derivative: Phi_hi + x*phi as a pair (x*c and x*c*E_hi with their
 *   rounding errors, c = 1/sqrt(2 pi) as two floats) + the low parts.
 * Fast forms (float; the fast kernels): E = exp_table_fast's polynomial of
 *   s_hi/2 with s_lo/2 in the reduced argument, or exp_poly_fast of s_hi/2
 *   times 1 - s_lo/2; V from erf_table_fast or erf_poly_fast;
 *   Q = E*V, Phi = H + s*Q and gelu = x*Phi, each rounded (the table
 *   fast value on AVX2: gelu = max(x, 0) - t*Q in one rounding instead).
 *   The poly fast value is compensated instead (gelu_poly_fast_value: the
 *   plain products reached 6.85 ulp, it 3.2).
 * Special lanes: |x| > 12.5 and NaN (float bits above those of 12.5), where
 *   E or Q would leave the normal range: recomputed in double off the fast
 *   path (gelu_f64w_*): x > 12.5 gives gelu = x and gelu' = 1 exactly
 *   (Phi(-12.5) < 2^-117); x < -12.5 takes t*V(t) = 1 - v(1 - 3v(1 - 5v(1 -
 *   7v(1 - 9v(1 - 11v))))), v = 1/t^2 (the asymptotic series, truncation
 *   below 2^-33 for t >= 12.5), and exp_poly_accurate_f64w of t^2/2, t
 *   clamped to 20, where both results round to -0: gelu(-inf) = -0,
 *   gelu'(-inf) = -0; gelu(+inf) = +inf, gelu'(+inf) = 1; NaN propagates.
 */
#ifndef ACTBENCH_MATH_GELU_H
#define ACTBENCH_MATH_GELU_H

#include "coefficients.h"
#include "erf_poly.h"
#include "erf_table.h"
#include "exp_poly.h"
#include "exp_table.h"

#define GELU_LIMIT_BITS 0x41480000 /* 12.5f */

static inline vmask32 gelu_special_lanes(vf32 t)
{
    return vi32_gt(vf32_as_vi32(t), vi32_set1(GELU_LIMIT_BITS));
}

/* y with the sign bit of x set into it (gelu has the sign of x) */
static inline vf32 gelu_sign_of(vf32 x, vf32 y)
{
    return vi32_as_vf32(vi32_or(vf32_as_vi32(y), vi32_and(vf32_as_vi32(x), vi32_set1(INT32_MIN))));
}

/* t^2 = *s_lo + return value, exactly */
static inline vf32 gelu_square(vf32 t, vf32 *s_lo)
{
    vf32 s = vf32_mul(t, t);
    *s_lo = vf32_fmsub(t, t, s);
    return s;
}

/* ------------------------------------------------------------ gelu' root */

/* gelu'(x) for |x - x0_hi| <= 1/16: h*q(h), h = (x - x0_hi) - x0_lo. */
static inline vf32 gelu_root_derivative(vf32 x)
{
    vf32 h = vf32_sub(vf32_sub(x, vf32_set1(gelu_root_hi)), vf32_set1(gelu_root_lo));
    const float *c = gelu_root_poly;
    vf32 q = vf32_fmadd(vf32_set1(c[4]), h, vf32_set1(c[3]));
    q = vf32_fmadd(q, h, vf32_set1(c[2]));
    q = vf32_fmadd(q, h, vf32_set1(c[1]));
    q = vf32_fmadd(q, h, vf32_set1(c[0]));
    return vf32_mul(q, h);
}

/* g outside the root's window, the root form inside (rare lanes: the
 * root form runs only when a lane is there) */
static inline vf32 gelu_root_fix(vf32 x, vf32 g)
{
    vmask32 near = vf32_le(vf32_abs(vf32_sub(x, vf32_set1(gelu_root_hi))), vf32_set1(gelu_root_window));
    if (vmask32_any(near))
        g = vf32_select(near, gelu_root_derivative(x), g);
    return g;
}

/* ------------------------------------------------------------------ f64w */

/* For x < -12.5 (t clamped to [12, 20]; NaN passes the clamps): E and
 * t*V(t) in double. */
static inline vf64w gelu_f64w_tail(vf32 x, vf64w *t, vf64w *tv)
{
    vf64w td = vf64w_min(vf64w_set1(20.0), vf64w_max(vf64w_set1(12.0), vf64w_sub(vf64w_set1(0.0), vf64w_widen(x))));
    vf64w s = vf64w_mul(td, td);
    vf64w v = vf64w_div(vf64w_set1(1.0), s);
    const vf64w one = vf64w_set1(1.0);
    vf64w a = vf64w_fnmadd(vf64w_mul(vf64w_set1(11.0), v), one, one);
    a = vf64w_fnmadd(vf64w_mul(vf64w_set1(9.0), v), a, one);
    a = vf64w_fnmadd(vf64w_mul(vf64w_set1(7.0), v), a, one);
    a = vf64w_fnmadd(vf64w_mul(vf64w_set1(5.0), v), a, one);
    a = vf64w_fnmadd(vf64w_mul(vf64w_set1(3.0), v), a, one);
    *tv = vf64w_fnmadd(v, a, one);
    *t = td;
    return exp_poly_accurate_f64w(vf64w_mul(vf64w_set1(0.5), s));
}

/* 1/sqrt(2 pi) in double */
#define GELU_INV_SQRT_2PI_F64 0x1.9884533d43651p-2

/* gelu for x < -12.5 in double: -t*Phi(-t) = -E*(t*V) */
static inline vf64w gelu_f64w_negative_value(vf32 x)
{
    vf64w t, tv;
    vf64w e = gelu_f64w_tail(x, &t, &tv);
    return vf64w_mul(vf64w_mul(vf64w_set1(-GELU_INV_SQRT_2PI_F64), e), tv);
}

static inline vf32 gelu_f64w_value(vf32 x)
{
    return vf32_select(vf32_gt(x, vf32_zero()), x, vf64w_narrow(gelu_f64w_negative_value(x)));
}

static inline vf32 gelu_f64w_derivative(vf32 x)
{
    vf64w t, tv;
    vf64w e = gelu_f64w_tail(x, &t, &tv);
    /* Phi(-t) - t*phi(t) = -t*phi(t)*(1 - t*V/t^2) */
    vf64w v = vf64w_div(tv, vf64w_mul(t, t));
    vf64w g = vf64w_mul(vf64w_mul(vf64w_set1(-GELU_INV_SQRT_2PI_F64), vf64w_mul(e, t)),
                        vf64w_sub(vf64w_set1(1.0), v));
    return vf32_select(vf32_gt(x, vf32_zero()), vf32_set1(1.0f), vf64w_narrow(g));
}

/* The special lanes, recomputed in double; the other lanes keep their
 * value.  Not inlined: off the fast path. */
static __attribute__((noinline, unused)) vf32 gelu_special_case(vf32 x, vf32 y, vmask32 special)
{
    return vf32_select(special, gelu_f64w_value(x), y);
}
static __attribute__((noinline, unused)) vf32 gelu_derivative_special_case(vf32 x, vf32 g, vmask32 special)
{
    return vf32_select(special, gelu_f64w_derivative(x), g);
}

/* ------------------------------------------------------- table, accurate */

struct gelu_accurate_tables {
    struct exp_table_tables exp;
    struct erf_table_accurate_tables mills;
};

static inline struct gelu_accurate_tables gelu_accurate_load(void)
{
    struct gelu_accurate_tables t = {exp_table_load(), erf_table_accurate_load()};
    return t;
}

struct gelu_parts {
    vf32 phi_hi, phi_lo; /* Phi(x) */
    vf32 e_hi, e;        /* exp(-x^2/2) = e_hi*(1 + e) */
};

/* Q = Phi(-t) = E*V as q_hi + *q_lo; E*(1 - *rel) = *e_hi*(1 + *e) (E =
 * exp(-t^2/2); *rel < 2^-23 the relative excess of the quotient form's
 * division on AVX2, 0 with the segments) */
static inline vf32 gelu_accurate_tail(vf32 t, const struct gelu_accurate_tables *tab, vf32 *q_lo, vf32 *e_hi,
                                      vf32 *e, vf32 *rel)
{
    vf32 s_lo;
    vf32 s_hi = gelu_square(t, &s_lo);
    /* the reduction of s_hi/2 from s_hi: r2 = 2r, and so are the terms
     * added to it, exactly (no multiplication by 1/2) */
    vf32 kd;
    vf32 r2 = exp_table_reduce_half(s_hi, &kd);
#ifdef ERF_TABLE_ACCURATE_QUOTIENT
    /* V = u*(1 - rel)*(1 + f), the factor 1 - rel taken into exp's
     * reduced argument with s_lo/2 */
    vf32 u;
    vf32 f = erf_table_accurate(t, &tab->mills, &u, rel);
    r2 = vf32_add(r2, vf32_fmadd(*rel, vf32_set1(2.0f), s_lo));
#else
    /* V = V_j*(1 + f) */
    vf32 u;
    vf32 f = erf_table_accurate(t, &tab->mills, &u);
    r2 = vf32_add(r2, s_lo);
    *rel = vf32_zero();
#endif
    *e_hi = exp_table_scale_of(kd, tab->exp.scale);
    *e = exp_table_accurate_poly_of_double(r2, vf32_table8_lookup(tab->exp.lo_relative, vf32_as_vi32(kd)));
    /* Q = E_hi*u*(1 + e)*(1 + f) */
    vf32 small = vf32_fmadd(*e, f, vf32_add(*e, f));
    vf32 q_hi = vf32_mul(*e_hi, u);
    *q_lo = vf32_fmadd(q_hi, small, vf32_fmsub(*e_hi, u, q_hi));
    return q_hi;
}

static inline struct gelu_parts gelu_accurate_parts(vf32 x, vf32 t, const struct gelu_accurate_tables *tab)
{
    vf32 q_lo, e_hi, e, rel;
    vf32 q_hi = gelu_accurate_tail(t, tab, &q_lo, &e_hi, &e, &rel);
    /* Phi = H + s*Q by Fast2Sum (H = 1 >= Q, or H = 0) */
    vmask32 negative = vf32_lt(x, vf32_zero());
    vf32 h = vf32_select(negative, vf32_zero(), vf32_set1(1.0f));
    vf32 sq_hi = vf32_select(negative, q_hi, vf32_neg(q_hi));
    vf32 sq_lo = vf32_select(negative, q_lo, vf32_neg(q_lo));
    vf32 phi_hi = vf32_add(h, sq_hi);
    vf32 phi_lo = vf32_add(vf32_add(vf32_sub(h, phi_hi), sq_hi), sq_lo);
#ifdef ERF_TABLE_ACCURATE_QUOTIENT
    /* E = E_hi*(1 + e)/(1 - rel) */
    e = vf32_fmadd(e, rel, vf32_add(e, rel));
#endif
    struct gelu_parts p = {phi_hi, phi_lo, e_hi, e};
    return p;
}

#ifdef ERF_TABLE_ACCURATE_QUOTIENT
/* gelu = max(x, 0) - t*Q for both signs (x*Phi(x) = x*(H + s*Q)): t*q_hi
 * as an exact pair p_hi + p_lo, max(x, 0) - p_hi by Fast2Sum (p_hi <=
 * 0.53 max(x, 0), or max(x, 0) = 0) as d + d_err, then d - (t*q_lo + p_lo -
 * d_err) with one rounding.  max(0, x) keeps x = -0 and d - (+0) keeps its
 * sign: gelu(-0) = -0, and every negative result rounds to a negative
 * number or -0.  (With the segments' V this form reached 0.9366 ulp over
 * all f32, at x = -0x1.822a4ap+1, against x*Phi's 0.8813: they keep x*Phi.) */
static inline vf32 gelu_table_accurate_value(vf32 x, const struct gelu_accurate_tables *tab, vmask32 *special)
{
    vf32 t = vf32_abs(x);
    vf32 q_lo, e_hi, e, rel;
    vf32 q_hi = gelu_accurate_tail(t, tab, &q_lo, &e_hi, &e, &rel);
    vf32 p_hi = vf32_mul(t, q_hi);
    vf32 p_lo = vf32_fmsub(t, q_hi, p_hi);
    vf32 relu = vf32_max(vf32_zero(), x);
    vf32 d = vf32_sub(relu, p_hi);
    vf32 d_err = vf32_sub(vf32_sub(relu, d), p_hi);
    vf32 y = vf32_sub(d, vf32_sub(vf32_fmadd(t, q_lo, p_lo), d_err));
    *special = gelu_special_lanes(t);
    return y;
}
#else
static inline vf32 gelu_table_accurate_value(vf32 x, const struct gelu_accurate_tables *tab, vmask32 *special)
{
    vf32 t = vf32_abs(x);
    struct gelu_parts p = gelu_accurate_parts(x, t, tab);
    vf32 y = vf32_fmadd(x, p.phi_hi, vf32_mul(x, p.phi_lo));
    *special = gelu_special_lanes(t);
    return gelu_sign_of(x, y);
}
#endif

static inline vf32 gelu_table_accurate_derivative(vf32 x, const struct gelu_accurate_tables *tab, vmask32 *special)
{
    vf32 t = vf32_abs(x);
    struct gelu_parts p = gelu_accurate_parts(x, t, tab);
    /* x*phi(x) = x*c*E_hi*(1 + e) as xe_hi + xe_lo */
    vf32 xc_hi = vf32_mul(x, vf32_set1(gelu_inv_sqrt_2pi_hi));
    vf32 xc_lo = vf32_fmsub(x, vf32_set1(gelu_inv_sqrt_2pi_hi), xc_hi);
    xc_lo = vf32_fmadd(x, vf32_set1(gelu_inv_sqrt_2pi_lo), xc_lo);
    vf32 xe_hi = vf32_mul(xc_hi, p.e_hi);
    vf32 xe_lo = vf32_fmsub(xc_hi, p.e_hi, xe_hi);
    xe_lo = vf32_fmadd(xc_lo, p.e_hi, xe_lo);
    xe_lo = vf32_fmadd(xe_hi, p.e, xe_lo);
    vf32 g = vf32_add(vf32_add(p.phi_hi, xe_hi), vf32_add(p.phi_lo, xe_lo));
    g = gelu_root_fix(x, g);
    *special = gelu_special_lanes(t);
    return g;
}

/* ------------------------------------------------- fast: table and poly */

/* exp(-t^2/2) in float from a fast exp of s_hi/2 (exp_table_fast or
 * exp_poly_fast), corrected by 1 - s_lo/2 */
static inline vf32 gelu_fast_half_square(vf32 t, vf32 *half_square)
{
    vf32 s_lo;
    vf32 s_hi = gelu_square(t, &s_lo);
    *half_square = vf32_mul(vf32_set1(0.5f), s_hi);
    return vf32_mul(vf32_set1(-0.5f), s_lo);
}

/* Phi(x) from Q = Phi(-|x|) */
static inline vf32 gelu_fast_cdf(vf32 x, vf32 q)
{
    vmask32 negative = vf32_lt(x, vf32_zero());
    return vf32_select(negative, q, vf32_sub(vf32_set1(1.0f), q));
}

/* x*Phi has the sign of x without gelu_sign_of: Phi >= 0 (Q = E*V >= 0,
 * 1 - Q >= 1/2), x = -0 takes 1 - Q, and a product that underflows keeps
 * its sign */
static inline vf32 gelu_fast_value_of(vf32 x, vf32 e, vf32 v)
{
    return vf32_mul(x, gelu_fast_cdf(x, vf32_mul(e, v)));
}

static inline vf32 gelu_fast_derivative_of(vf32 x, vf32 e, vf32 v)
{
    vf32 cdf = gelu_fast_cdf(x, vf32_mul(e, v));
    vf32 g = vf32_fmadd(vf32_mul(x, vf32_set1(gelu_inv_sqrt_2pi_hi)), e, cdf);
    return gelu_root_fix(x, g);
}

struct gelu_fast_tables {
    struct exp_table_tables exp;
    struct erf_table_fast_tables mills;
};

static inline struct gelu_fast_tables gelu_fast_load(void)
{
    struct gelu_fast_tables t = {exp_table_load(), erf_table_fast_load()};
    return t;
}

/* exp(-t^2/2) for the fast forms: exp_table_fast's and exp_poly_fast's
 * polynomials after the two-FMA reduction of the accurate forms (ln2 in
 * two parts): the one-FMA reduction's error grows with k, to 2^-22 at
 * t^2/2 = 78, a third of the fast tier's budget; the second FMA costs one
 * operation. */
static inline vf32 gelu_table_fast_exp(vf32 t, const struct gelu_fast_tables *tab)
{
    /* s_lo/2 goes into the reduced argument, as in the accurate form: one
     * FMA where the factor 1 - s_lo/2 took a product and an FMA, and one
     * rounding less (gelu_table_fast_value on 16.7M points of [-10, 10]:
     * 3.30 ulp, against 3.97 with the factor) */
    vf32 s_lo;
    vf32 s_hi = gelu_square(t, &s_lo);
    /* in r2 = 2r (exp_table_reduce_half), every step the form in r times
     * a power of two exactly: q/4 = (c1/8)*r2 + c0/4, lo = lo_j - r2/2,
     * r^2*q = (r2*r2)*(q/4) */
    vf32 kd;
    vf32 r2 = exp_table_reduce_half(s_hi, &kd);
    r2 = vf32_add(r2, s_lo);
    vf32 hi = exp_table_scale_of(kd, tab->exp.scale);
    const float *c = exp_table_fast_poly;
    vf32 q = vf32_fmadd(vf32_set1(c[1] * 0.125f), r2, vf32_set1(c[0] * 0.25f));
    vf32 lo = vf32_fnmadd(r2, vf32_set1(0.5f), vf32_table8_lookup(tab->exp.lo_relative, vf32_as_vi32(kd)));
    return vf32_fmadd(hi, vf32_fmadd(vf32_mul(r2, r2), q, lo), hi);
}

static inline vf32 gelu_poly_fast_exp(vf32 t)
{
    vf32 half_square;
    vf32 correction = gelu_fast_half_square(t, &half_square);
    const vf32 shift = vf32_set1(0x1.8p23f);
    vf32 kd = vf32_fmadd(half_square, vf32_set1(-0x1.715476p+0f), shift);
    vf32 k = vf32_sub(kd, shift);
    vf32 r = vf32_fmadd(k, vf32_set1(0x1.62e4p-1f), half_square);
    r = vf32_fmadd(k, vf32_set1(0x1.7f7d1cp-20f), r);
    const float *c = exp_poly_fast_poly;
    vf32 q = vf32_fmadd(vf32_set1(c[3]), r, vf32_set1(c[2]));
    q = vf32_fmadd(q, r, vf32_set1(c[1]));
    q = vf32_fmadd(q, r, vf32_set1(c[0]));
    vf32 p = vf32_add(vf32_set1(1.0f), vf32_fmsub(vf32_mul(r, r), q, r));
    vf32 e = vi32_as_vf32(vi32_add(vf32_as_vi32(p), vi32_shl(vf32_as_vi32(kd), 23)));
    return vf32_fmadd(e, correction, e);
}

static inline vf32 gelu_table_fast_value(vf32 x, const struct gelu_fast_tables *tab, vmask32 *special)
{
    vf32 t = vf32_abs(x);
    *special = gelu_special_lanes(t);
#ifdef ERF_TABLE_ACCURATE_QUOTIENT
    /* max(x, 0) - t*Q in one rounding (FMA), as the accurate form: three
     * operations where H + s*Q and x*Phi took five, and for x >= 0 one
     * rounding less (1 - Q is not rounded); for x < 0 the same float
     * -t*Q = x*Q.  Q = E*V > 2^-120 for t <= 12.5, so t*Q > 0 for
     * x < 0 and the sum takes the sign of -t*Q (-0 where it underflows);
     * x = -0 gives -0 - 0*Q = -0. */
    vf32 q = vf32_mul(gelu_table_fast_exp(t, tab), erf_table_fast(t, &tab->mills));
    return vf32_fnmadd(t, q, vf32_max(vf32_zero(), x));
#else
    return gelu_fast_value_of(x, gelu_table_fast_exp(t, tab), erf_table_fast(t, &tab->mills));
#endif
}

static inline vf32 gelu_table_fast_derivative(vf32 x, const struct gelu_fast_tables *tab, vmask32 *special)
{
    vf32 t = vf32_abs(x);
    *special = gelu_special_lanes(t);
#ifdef ERF_TABLE_ACCURATE_QUOTIENT
    /* Phi(x) + x*phi(x) = H + s*E*(V - t/sqrt(2 pi)), V - t/sqrt(2 pi) in
     * one rounding: where it cancels (x near the root) E*V and x*E/sqrt(2
     * pi) are not rounded apart */
    vf32 e = gelu_table_fast_exp(t, tab);
    vf32 a = vf32_mul(e, vf32_fnmadd(t, vf32_set1(gelu_inv_sqrt_2pi_hi), erf_table_fast(t, &tab->mills)));
    vf32 g = vf32_select(vf32_lt(x, vf32_zero()), a, vf32_sub(vf32_set1(1.0f), a));
    return gelu_root_fix(x, g);
#else
    return gelu_fast_derivative_of(x, gelu_table_fast_exp(t, tab), erf_table_fast(t, &tab->mills));
#endif
}

/*
 * The poly fast value, compensated where its error concentrates (measured
 * on [-10, 10] with the plain products above: 6.85 ulp; Horner's rounding
 * of F alone reaches 2^-23 of F): with E = 2^k * (1 + P), V = u*F,
 *   - F's last Horner step keeps its rounding error, F = F_hi + F_lo
 *     (F_lo = f1*w + (c0 - F_hi), one FMA, c0 - F_hi exact), and u*F =
 *     m_hi + m_lo with the product's own error (FMA);
 *   - w = u - u0 is corrected by u*(1 - u*(t + 3)), the division's
 *     residual, and V's factor 1 + (1 - u*(t + 3)) and E's 1 - s_lo/2 go
 *     into the reduced argument r (exp of r + s_lo/2 - residual): no
 *     product rounds them;
 *   - exp's polynomial of degree 6 (2^-28.2, exp_poly_fast6_poly);
 *   - x < 0: gelu = 2^k * (x*m_hi + x*(P*m_hi + m_lo)), one rounding of
 *     the sum (FMA), the 2^k exact on its exponent (|gelu| >= 2^-114 for
 *     |x| <= 12.5);  x >= 0: x - x*Q in one rounding (FMA; 1 - Q would
 *     round once more, 2^-24 of the result as x -> 0), Q = 2^k * (m_hi +
 *     (P*m_hi + m_lo)).
 * Measured in float emulation over 4M points of [-10, 10]: 2.97 ulp
 * (the plain form with only the degree-6 exp: 4.5 ulp).
 */
/* The Mills ratio's argument w = u - u0, corrected by the division's
 * residual: u = 1/(t + 3), rp = u*(t + 3) - 1 (both returned), w =
 * (u - u0) - u*rp. */
static inline vf32 gelu_poly_fast_argument(vf32 t, vf32 *u, vf32 *rp)
{
    vf32 sum = vf32_add(t, vf32_set1(erf_poly_fast_offset));
    *u = vf32_div(vf32_set1(1.0f), sum);
    *rp = vf32_fmsub(*u, sum, vf32_set1(1.0f));
    return vf32_fnmadd(*u, *rp, vf32_sub(*u, vf32_set1(erf_poly_fast_center)));
}

static inline vf32 gelu_poly_fast_value(vf32 x, vmask32 *special)
{
    vf32 t = vf32_abs(x);
    *special = gelu_special_lanes(t);
    vf32 u, rp;
    vf32 w = gelu_poly_fast_argument(t, &u, &rp);
    const float *c = erf_poly_fast_mills;
    vf32 f = vf32_fmadd(vf32_set1(c[9]), w, vf32_set1(c[8]));
    f = vf32_fmadd(f, w, vf32_set1(c[7]));
    f = vf32_fmadd(f, w, vf32_set1(c[6]));
    f = vf32_fmadd(f, w, vf32_set1(c[5]));
    f = vf32_fmadd(f, w, vf32_set1(c[4]));
    f = vf32_fmadd(f, w, vf32_set1(c[3]));
    f = vf32_fmadd(f, w, vf32_set1(c[2]));
    f = vf32_fmadd(f, w, vf32_set1(c[1]));
    vf32 f_hi = vf32_fmadd(f, w, vf32_set1(c[0]));
    vf32 f_lo = vf32_fmadd(f, w, vf32_sub(vf32_set1(c[0]), f_hi));
    vf32 m_hi = vf32_mul(u, f_hi);
    vf32 m_lo = vf32_fmadd(u, f_lo, vf32_fmsub(u, f_hi, m_hi));
    /* exp(-(t^2/2 - rp)) = 2^k * (1 + P) */
    vf32 s_lo;
    vf32 s_hi = gelu_square(t, &s_lo);
    vf32 half_square = vf32_mul(vf32_set1(0.5f), s_hi);
    const vf32 shift = vf32_set1(0x1.8p23f);
    vf32 kd = vf32_fmadd(half_square, vf32_set1(-0x1.715476p+0f), shift);
    vf32 k = vf32_sub(kd, shift);
    vf32 r = vf32_fmadd(k, vf32_set1(0x1.62e4p-1f), half_square);
    r = vf32_fmadd(k, vf32_set1(0x1.7f7d1cp-20f), r);
    r = vf32_add(r, vf32_fmadd(s_lo, vf32_set1(0.5f), rp));
    const float *e = exp_poly_fast6_poly;
    vf32 q = vf32_fmadd(vf32_set1(e[4]), r, vf32_set1(e[3]));
    q = vf32_fmadd(q, r, vf32_set1(e[2]));
    q = vf32_fmadd(q, r, vf32_set1(e[1]));
    q = vf32_fmadd(q, r, vf32_set1(e[0]));
    vf32 p = vf32_fmsub(vf32_mul(r, r), q, r);
    vf32 pm = vf32_fmadd(p, m_hi, m_lo);
    vi32 scale = vi32_shl(vf32_as_vi32(kd), 23);
    vf32 negative = vf32_fmadd(x, m_hi, vf32_mul(x, pm));
    negative = vi32_as_vf32(vi32_add(vf32_as_vi32(negative), scale));
    vf32 tail = vi32_as_vf32(vi32_add(vf32_as_vi32(vf32_add(m_hi, pm)), scale));
    vf32 positive = vf32_fnmadd(x, tail, x);
    vf32 y = vf32_select(vf32_lt(x, vf32_zero()), negative, positive);
    return gelu_sign_of(x, y);
}

static inline vf32 gelu_poly_fast_derivative(vf32 x, vmask32 *special)
{
    vf32 t = vf32_abs(x);
    *special = gelu_special_lanes(t);
    return gelu_fast_derivative_of(x, gelu_poly_fast_exp(t), erf_poly_fast(t));
}

#endif
