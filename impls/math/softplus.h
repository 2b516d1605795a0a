/*
 * softplus, value, written once over the SIMD layer (include one ISA's
 * impls/simd/f32-*.h and f64w-*.h first); the kernels in impls/softplus/
 * run it through impls/math/elementwise.h.  Its derivative is sigmoid(x):
 * the kernels take sigmoid's forms from impls/math/logistic.h.
 *
 *   softplus(x) = max(x, 0) + log1p(E),  E = exp(-|x|) in (0, 1]
 * No cancellation: both terms are >= 0.  For x < 0 the result is log1p(E)
 * alone and keeps E's relative accuracy down the tail (softplus ~ e^x);
 * for x > 0 it is x plus the correction log1p(e^-x) ~ e^-x, which rounds
 * away above x = 14.6 (float results equal x there, as the correctly
 * rounded ones do).
 *
 * accurate (table): E = hi*(1 + p) from exp_table_accurate_relative
 *   (2^-28), log1p(E) = l.hi + l.tail from softplus_log1p_accurate (the
 *   method and tables of log1p_table_accurate, impls/math/log1p.h); then
 *   max(x, 0) + l.hi by Fast2Sum (larger first, with max/min), and one
 *   rounding of the sum plus the small terms.
 * fast: E = t + t*p from expm1_poly_fast's parts and
 *   log1p_poly_fast_monotone (no table: one division, s compensated), or
 *   exp_table_fast and log1p_table_fast; max(x, 0) + log1p(E); near 0
 *   (|x| < 1 poly, 0.5 table) ln2 + x/2 + x^2*g(x^2) (softplus_small):
 *   both monotone.
 * The float forms are valid for |x| <= 80; other lanes (and NaN) are
 * special: recomputed in double, max(x, 0) + E(1 - E/2) rounded once
 * (exact there: E < 2^-115), softplus(-inf) = +0, softplus(+inf) = +inf.
 */
#ifndef ACTBENCH_MATH_SOFTPLUS_H
#define ACTBENCH_MATH_SOFTPLUS_H

#include "exp_poly.h"
#include "exp_table.h"
#include "expm1.h"
#include "log1p.h"
#include "logistic.h"

/* what the table kernels keep in registers */
struct softplus_tables {
    struct exp_table_tables exp;
    struct log1p_tables log1p;
};

static inline struct softplus_tables softplus_load(void)
{
    struct softplus_tables t = {exp_table_load(), log1p_load()};
    return t;
}

/* Lanes the float forms do not cover: |x| > 80 (float bits above those of
 * 80, infinities included) and NaN.  Below E = e^-80 the lo part of
 * exp_table_accurate's E (4.5% of hi) nears the subnormal range and loses
 * bits; beyond, the results are x or a normal E(1 - E/2) computed in
 * double. */
#define SOFTPLUS_LIMIT_BITS 0x42a00000 /* 80.0f */
static inline vmask32 softplus_special_lanes(vf32 x)
{
    return vi32_gt(vf32_as_vi32(vf32_abs(x)), vi32_set1(SOFTPLUS_LIMIT_BITS));
}

/* ------------------------------------------------------------------ f64w */

static inline vf32 softplus_f64w_value(vf32 x)
{
    const vf64w zero = vf64w_set1(0.0);
    vf64w xd = vf64w_widen(x);
    /* |x| as max(x, -x), clamped to 150 (the x86 min/max keep a NaN given
     * as their second operand) */
    vf64w t = vf64w_min(vf64w_set1(150.0), vf64w_max(xd, vf64w_sub(zero, xd)));
    vf64w e = exp_poly_accurate_f64w(t);
    vf64w l = vf64w_mul(e, vf64w_fnmadd(vf64w_set1(0.5), e, vf64w_set1(1.0)));
    return vf64w_narrow(vf64w_add(vf64w_max(xd, zero), l));
}

/* softplus_f64w_value gives x itself at every x > 80 and +0 from
 * x = -0x1.9fe36ap+6 down, infinities included (found by evaluating it on every
 * float from +-80 to +-infinity) */
#define SOFTPLUS_ZERO_BITS 0x42cff1b5

/* The special lanes (|x| > 80, NaN): x and +0 where the double form gives
 * them, recomputed in double where a lane is left; the other lanes keep
 * their value.  Not inlined: off the fast path. */
static __attribute__((noinline, unused)) vf32 softplus_special_case(vf32 x, vf32 y, vmask32 special)
{
    vmask32 negative = logistic_negative(x);
    vmask32 same = vmask32_andnot(vmask32_and(special, logistic_magnitude_from(x, 0)), negative);
    vmask32 zero = vmask32_and(negative, logistic_magnitude_from(x, SOFTPLUS_ZERO_BITS));
    vmask32 rest = vmask32_andnot(vmask32_andnot(special, same), zero);
    y = vf32_select(same, x, vf32_zero_where(zero, y));
    if (vmask32_any(rest))
        y = vf32_select(rest, softplus_f64w_value(x), y);
    return y;
}

/* ------------------------------------------------------- table, accurate */

/* log1p(E) for E = hi*(1 + p) as exp_table_accurate_relative gives it, as
 * an unevaluated sum hi + tail, with log1p_table_accurate's bins and tables
 * (impls/math/log1p.h) and four operations fewer:
 *  - E's head eh = hi + hi*p and its tail el = hi*p + (hi - eh) come from
 *    two FMAs (hi - eh is exact: eh is within 4.5% of hi), without rounding
 *    hi*p first;
 *  - log1p(u*c_i) = log1p(r + c*c_i) with r = u*c_i - 1 exact and c the
 *    rounding error of u = 1 + E (el included): the first-order term c*c_i
 *    goes into the tail, and the polynomial term is taken at the whole
 *    reduced argument rc = r + c*c_i rounded once (its rounding moves
 *    rc^2*q by at most 2^-24*rc^2, below 2^-26.8 of the result), which
 *    also gives the higher-order terms of c that log1p_table_accurate
 *    added as c*c_i*(r^2 - r);
 *  - bin 0 (E < 1/16, c_0 = 1) keeps r = eh and c = el, exact, as
 *    log1p_table_accurate does: with r = u - 1 and c its rounding error
 *    there, the tail c + rc^2*q is as large as the head where E is near
 *    2^-24, its rounding adds half an ulp, and the value reached 1.0297 ulp
 *    at x = -0x1.0ae602p+4 over all of f32 (that form saves three operations);
 *  - q has degree 4 (softplus_log1p_poly, 2^-29.17 relative,
 *    impls/math/sollya/softplus_log1p.sollya) instead of 5: rc^2*q is below
 *    2^-6.8 of the result, so q's error reaches it below 2^-35. */
static inline struct log1p_hilo softplus_log1p_accurate(vf32 hi, vf32 p, struct log1p_tables t)
{
    vf32 eh = vf32_fmadd(hi, p, hi);
    vf32 el = vf32_fmadd(hi, p, vf32_sub(hi, eh));
    struct log1p_reduced d = log1p_table_reduce(eh, el, t); /* bin 0: r = eh, c = el */
    vf32 r = d.r, c = d.c, invc = d.invc, log_hi = d.log_hi, log_lo = d.log_lo;
    /* the polynomial term at the whole reduced argument r + c*c_i */
    vf32 rc = vf32_fmadd(c, invc, r);
    vf32 r2 = vf32_mul(rc, rc);
    const float *q = softplus_log1p_poly;
    vf32 poly = vf32_fmadd(vf32_set1(q[4]), rc, vf32_set1(q[3]));
    poly = vf32_fmadd(poly, rc, vf32_set1(q[2]));
    poly = vf32_fmadd(poly, rc, vf32_set1(q[1]));
    poly = vf32_fmadd(poly, rc, vf32_set1(q[0]));
    vf32 s = vf32_add(log_hi, r);
    vf32 s_err = vf32_sub(r, vf32_sub(s, log_hi));
    vf32 tail = vf32_fmadd(r2, poly, vf32_fmadd(c, invc, vf32_add(s_err, log_lo)));
    struct log1p_hilo l = {s, tail};
    return l;
}

static inline vf32 softplus_table_accurate_value(vf32 x, const struct softplus_tables *t, vmask32 *special)
{
    vf32 hi;
    vf32 p = exp_table_accurate_relative(vf32_abs(x), t->exp, &hi);
    struct log1p_hilo l = softplus_log1p_accurate(hi, p, t->log1p);
    vf32 positive = vf32_max(x, vf32_zero());
    vf32 big = vf32_max(positive, l.hi);
    vf32 small = vf32_min(positive, l.hi);
    vf32 sum = vf32_add(big, small);
    vf32 err = vf32_sub(small, vf32_sub(sum, big));
    *special = softplus_special_lanes(x);
    return vf32_add(sum, vf32_add(err, l.tail));
}

/* ------------------------------------------------- fast: poly and table */

/* exp(-|x|) = t + t*p from expm1_poly_fast's parts (degree-6 fit: 2^-26
 * against exp_poly_fast's 2^-23.2) */
static inline vf32 softplus_exp_poly_fast(vf32 x)
{
    struct expm1_fast m = expm1_poly_fast(vf32_neg(vf32_abs(x)));
    return vf32_fmadd(m.t, m.p, m.t);
}

/* Near 0 the general form adds x to log1p(e^-x), a term as large as the
 * result there and falling as x grows: each rounding of that term moves the
 * sum by an ulp of the result, while a step of x moves it by a fraction of
 * one (2^-10 ulp at x = 1e-3), so the sum stepped backwards (at x =
 * 0x1.06p-10 in actbench's windows; 20107 times in a scan of windows of
 * 2048 consecutive floats over [-20, 20]).  There the fast kernels take
 *     softplus(x) = ln2 + x/2 + z*g(z),  z = x^2,
 * g of degree 4 (impls/math/sollya/softplus_small.sollya): x/2 + ln2_lo,
 * z*g and ln2_hi + ... each rounded once, each monotone in x for x > 0
 * (for x < 0, z*g falls by less than a quarter of x/2's rise).  The lanes
 * with |x| < limit are rare in a vector of activations spread over [-10,
 * 10], so the form runs only when one is there. */
static inline vf32 softplus_small(vf32 x)
{
    const float *c = softplus_small_poly;
    vf32 z = vf32_mul(x, x);
    vf32 g = vf32_fmadd(vf32_set1(c[4]), z, vf32_set1(c[3]));
    g = vf32_fmadd(g, z, vf32_set1(c[2]));
    g = vf32_fmadd(g, z, vf32_set1(c[1]));
    g = vf32_fmadd(g, z, vf32_set1(c[0]));
    vf32 a = vf32_fmadd(x, vf32_set1(0.5f), vf32_set1(softplus_small_ln2_lo));
    return vf32_add(vf32_set1(softplus_small_ln2_hi), vf32_fmadd(z, g, a));
}

static inline vf32 softplus_small_fix(vf32 x, vf32 y, float limit)
{
    vmask32 near = vf32_lt(vf32_abs(x), vf32_set1(limit));
    if (vmask32_any(near))
        y = vf32_select(near, softplus_small(x), y);
    return y;
}

/* Below these |x| the fast kernels take softplus_small.  For x beyond
 * them the general form is monotone when the log1p term's ulp is at most
 * half of x's and the term's roundings are themselves monotone in x: from
 * 0.5 on for the table form; the poly form's E rounds to 2^-24 on [0.5,
 * 0.7] and stepped backwards there, so from 1 on. */
#define SOFTPLUS_POLY_SMALL_LIMIT 1.0f
#define SOFTPLUS_TABLE_SMALL_LIMIT 0.5f

static inline vf32 softplus_poly_fast_value(vf32 x, vmask32 *special)
{
    *special = softplus_special_lanes(x);
    vf32 y = vf32_add(vf32_max(x, vf32_zero()), log1p_poly_fast_monotone(softplus_exp_poly_fast(x)));
    return softplus_small_fix(x, y, SOFTPLUS_POLY_SMALL_LIMIT);
}

static inline vf32 softplus_table_fast_value(vf32 x, const struct softplus_tables *t, vmask32 *special)
{
    vf32 e = exp_table_fast(vf32_abs(x), t->exp.scale, t->exp.lo_relative);
    *special = softplus_special_lanes(x);
    vf32 y = vf32_add(vf32_max(x, vf32_zero()), log1p_table_fast(e, t->log1p));
    return softplus_small_fix(x, y, SOFTPLUS_TABLE_SMALL_LIMIT);
}

#endif
