/*
 * sigmoid and silu, value and derivative, written once over the SIMD layer
 * (include one ISA's impls/simd/f32-*.h and f64w-*.h first).  Every
 * function maps one vector of x to one vector of results; the kernels in
 * impls/sigmoid/ and impls/silu/ run them through impls/math/elementwise.h.
 *
 * All forms start from E = exp(-x) and r = 1/(1 + E) = sigmoid(x); no
 * form uses |x|, because r = 1/(1 + E) never cancels: for x >= 0, E <= 1
 * and r's relative error is at most E/(1+E) <= 1/2 of E's; for x < 0,
 * E > 1 and r ~ 1/E inherits E's relative error fully.  So E must be known
 * to far below a float ulp for an accurate sigmoid at x < 0.
 *
 *   sigmoid(x)  = r
 *   sigmoid'(x) = E * r^2                  (= sigmoid * (1 - sigmoid), no
 *                                            cancellation as r -> 1)
 *   silu(x)     = x * r
 *   silu'(x)    = r * (1 + x*w), w = 1 - r  (= E * r for x >= 0; for x < 0
 *                 1 - r is exact to the compensated r below)
 * silu' has a root x0 ~ -1.2785 where 1 + x*w cancels; within 1/16 of it
 * every form evaluates silu'(x0 + h) = h*q(h) with h = (x - x0_hi) - x0_lo
 * (impls/math/sollya/silu_root.sollya), whose relative error is that of
 * the fit and of h, whatever the cancellation.
 *
 * Three ways to get E and r:
 *  - table, accurate (float, compensated; the accurate kernels): E = hi +
 *    lo from exp_table_accurate (relative error < 2^-28, hi exact);
 *    1 + hi = s + sl exactly by Fast2Sum (ordered with min/max, since hi
 *    is below 1 for x > 0 and above for x < 0), sl += lo; r0 = 1/(s + sl)
 *    by a division; then res = 1 - r0*(s + sl) by two FMAs and
 *    r = r0 + r0*res, whose last rounding is the only one that counts:
 *    r within 0.5 ulp + 2^-4 in theory, 0.62 ulp measured.
 *  - fast (float; the fast kernels): E by exp_poly_fast (2^-23) or
 *    exp_table_fast (2^-25), r = 1/(1 + E) by one division (silu:
 *    x/(1 + E), one rounding).
 *  - f64w (every kernel's special case): widen to double, E by
 *    exp_poly_accurate_f64w (< 2^-34), r = 1/(1 + E) in double, one
 *    rounding to float at the end: within 0.5 ulp + 2^-10.  Valid for
 *    every float: x is clamped to [-150, 150] for the exponential (the
 *    results there round to their limits), NaN passes the clamp.
 * The float forms are valid for |x| <= 87 (silu's value: 80); other lanes
 * (and NaN) are special: the kernels recompute them with the f64w form off
 * the fast path, which changes no other lane.
 *
 * Why these, measured on this tree's machine (AMD EPYC, Zen 5, 2 cores,
 * `taskset -c 1`, 2048-element L1-resident buffers, uniform [-10, 10],
 * TSC ticks per element, median of 225 interleaved runs; peers as
 * actbench composes them, impls/peers/):
 *                          AVX2    AVX-512F
 *   sigmoid libmvec        0.651   0.454
 *   sigmoid SLEEF u10      0.944   0.442
 *   accurate, f64w         1.529   0.817   (widen, double exp, one rounding)
 *   accurate, float table  0.740   0.409   (compensated, this header)
 *   fast, float poly       0.407   0.216
 * Evaluating in double costs twice the lanes and a double division: 2.1x
 * the float compensated form on AVX2 and 2.0x on AVX-512, so the accurate
 * tier computes in float and keeps double for the rare lanes.  On this
 * Zen 5 a division beat the reciprocal estimate plus Newton step
 * (vrcpps: 0.814 against 0.740 with vdivps on AVX2; vrcp14ps: 0.467
 * against 0.409 on AVX-512), so every form divides.
 */
#ifndef ACTBENCH_MATH_LOGISTIC_H
#define ACTBENCH_MATH_LOGISTIC_H

#include "coefficients.h"
#include "exp_poly.h"
#include "exp_table.h"

/* Lanes the float forms do not cover: |x| > 87 (float bits above
 * 0x42ae0000, infinities included) and NaN (bits above those of inf). */
static inline vmask32 logistic_special_lanes(vf32 x)
{
    return vi32_gt(vf32_as_vi32(vf32_abs(x)), vi32_set1(EXP_TABLE_LIMIT_BITS));
}

/* silu's value takes |x| > 80 as special (see silu_table_accurate_value) */
#define SILU_LIMIT_BITS 0x42a00000 /* 80.0f */
static inline vmask32 silu_special_lanes(vf32 x)
{
    return vi32_gt(vf32_as_vi32(vf32_abs(x)), vi32_set1(SILU_LIMIT_BITS));
}

/* ------------------------------------------------------------ silu' root */

/* silu'(x) for |x - x0_hi| <= 1/16: h*q(h), h = (x - x0_hi) - x0_lo. */
static inline vf32 silu_root_derivative(vf32 x)
{
    vf32 h = vf32_sub(vf32_sub(x, vf32_set1(silu_root_hi)), vf32_set1(silu_root_lo));
    const float *c = silu_root_poly;
    vf32 q = vf32_fmadd(vf32_set1(c[4]), h, vf32_set1(c[3]));
    q = vf32_fmadd(q, h, vf32_set1(c[2]));
    q = vf32_fmadd(q, h, vf32_set1(c[1]));
    q = vf32_fmadd(q, h, vf32_set1(c[0]));
    return vf32_mul(q, h);
}

/* g where x is outside the root's window, the root form inside; the
 * window's lanes are rare, so the root form runs only when one is there */
static inline vf32 silu_root_fix(vf32 x, vf32 g)
{
    vmask32 near = vf32_le(vf32_abs(vf32_sub(x, vf32_set1(silu_root_hi))), vf32_set1(silu_root_window));
    if (vmask32_any(near))
        g = vf32_select(near, silu_root_derivative(x), g);
    return g;
}

/* ------------------------------------------------------------------ f64w */

/* x widened and clamped to [-150, 150] (NaN kept: the x86 min/max return
 * their second operand when either is NaN) */
static inline vf64w logistic_f64w_argument(vf32 x)
{
    return vf64w_min(vf64w_set1(150.0), vf64w_max(vf64w_set1(-150.0), vf64w_widen(x)));
}

static inline vf32 sigmoid_f64w_value(vf32 x)
{
    vf64w e = exp_poly_accurate_f64w(logistic_f64w_argument(x));
    return vf64w_narrow(vf64w_div(vf64w_set1(1.0), vf64w_add(vf64w_set1(1.0), e)));
}

static inline vf32 sigmoid_f64w_derivative(vf32 x)
{
    vf64w e = exp_poly_accurate_f64w(logistic_f64w_argument(x));
    vf64w r = vf64w_div(vf64w_set1(1.0), vf64w_add(vf64w_set1(1.0), e));
    return vf64w_narrow(vf64w_mul(vf64w_mul(e, r), r));
}

static inline vf32 silu_f64w_value(vf32 x)
{
    /* the product takes x clamped below only: silu(+inf) = +inf, and
     * below -150 the result rounds to -0 (the limit at -inf) */
    vf64w low = vf64w_max(vf64w_set1(-150.0), vf64w_widen(x));
    vf64w e = exp_poly_accurate_f64w(vf64w_min(vf64w_set1(150.0), low));
    vf64w r = vf64w_div(vf64w_set1(1.0), vf64w_add(vf64w_set1(1.0), e));
    return vf64w_narrow(vf64w_mul(low, r));
}

/* r*(1 + x*E*r); at +-inf the clamped x gives the limits 1 and -0 */
static inline vf32 silu_f64w_derivative_unfixed(vf32 x)
{
    vf64w xc = logistic_f64w_argument(x);
    vf64w e = exp_poly_accurate_f64w(xc);
    vf64w r = vf64w_div(vf64w_set1(1.0), vf64w_add(vf64w_set1(1.0), e));
    vf64w v = vf64w_fmadd(xc, vf64w_mul(e, r), vf64w_set1(1.0));
    return vf64w_narrow(vf64w_mul(r, v));
}

static inline vf32 silu_f64w_derivative(vf32 x)
{
    return silu_root_fix(x, silu_f64w_derivative_unfixed(x));
}

/* Where the double forms above give a constant or x itself: the first
 * |x| (float bits) of each such run, found by evaluating the double form
 * on every float from the special lanes' limit (80 or 87) to infinity,
 * both signs.  sigmoid and its derivative: +0 from |x| = 0x1.9fe36ap+6 on
 * (the float below gives the smallest subnormal), at x < 0 for the value,
 * both signs for the derivative; the value is 1 at every x > 87.  silu: x
 * at every x > 80, SILU_VALUE_ZERO_BITS below; its derivative 1 at every
 * x > 87, SILU_DERIVATIVE_ZERO_BITS below. */
#define SIGMOID_ZERO_BITS 0x42cff1b5
#define SILU_VALUE_ZERO_BITS 0x42d95214
#define SILU_DERIVATIVE_ZERO_BITS 0x42d94d4d

/* lanes of x with |x| >= the float of bits `from`, infinities included
 * (not NaN) */
static inline vmask32 logistic_magnitude_from(vf32 x, int32_t from)
{
    vi32 bits = vf32_as_vi32(vf32_abs(x));
    return vmask32_andnot(vi32_gt(bits, vi32_set1(from - 1)), vi32_gt(bits, vi32_set1(0x7f800000)));
}

static inline vmask32 logistic_negative(vf32 x)
{
    return vi32_gt(vi32_set1(0), vf32_as_vi32(x));
}

/* The special lanes of the float forms: the runs above take their
 * constant (or x) by a select, the rest, if any lane is left, are
 * recomputed in double; the other lanes keep their value.  Not inlined:
 * off the fast path. */
static __attribute__((noinline, unused)) vf32 sigmoid_special_case(vf32 x, vf32 y, vmask32 special)
{
    vmask32 negative = logistic_negative(x);
    vmask32 tail = logistic_magnitude_from(x, 0);
    vmask32 one = vmask32_andnot(vmask32_and(special, tail), negative);
    vmask32 zero = vmask32_and(negative, logistic_magnitude_from(x, SIGMOID_ZERO_BITS));
    vmask32 rest = vmask32_andnot(vmask32_andnot(special, one), zero);
    y = vf32_select(one, vf32_set1(1.0f), vf32_zero_where(zero, y));
    if (vmask32_any(rest))
        y = vf32_select(rest, sigmoid_f64w_value(x), y);
    return y;
}
static __attribute__((noinline, unused)) vf32 sigmoid_derivative_special_case(vf32 x, vf32 g, vmask32 special)
{
    vmask32 zero = logistic_magnitude_from(x, SIGMOID_ZERO_BITS);
    vmask32 rest = vmask32_andnot(special, zero);
    g = vf32_zero_where(zero, g);
    if (vmask32_any(rest))
        g = vf32_select(rest, sigmoid_f64w_derivative(x), g);
    return g;
}
static __attribute__((noinline, unused)) vf32 silu_special_case(vf32 x, vf32 y, vmask32 special)
{
    vmask32 negative = logistic_negative(x);
    vmask32 same = vmask32_andnot(vmask32_and(special, logistic_magnitude_from(x, 0)), negative);
    vmask32 zero = vmask32_and(negative, logistic_magnitude_from(x, SILU_VALUE_ZERO_BITS));
    vmask32 rest = vmask32_andnot(vmask32_andnot(special, same), zero);
    y = vf32_select(same, x, vf32_select(zero, vf32_set1(-0.0f), y));
    if (vmask32_any(rest))
        y = vf32_select(rest, silu_f64w_value(x), y);
    return y;
}
static __attribute__((noinline, unused)) vf32 silu_derivative_special_case(vf32 x, vf32 g, vmask32 special)
{
    vmask32 negative = logistic_negative(x);
    vmask32 one = vmask32_andnot(vmask32_and(special, logistic_magnitude_from(x, 0)), negative);
    vmask32 zero = vmask32_and(negative, logistic_magnitude_from(x, SILU_DERIVATIVE_ZERO_BITS));
    vmask32 rest = vmask32_andnot(vmask32_andnot(special, one), zero);
    g = vf32_select(one, vf32_set1(1.0f), vf32_select(zero, vf32_set1(-0.0f), g));
    if (vmask32_any(rest))
        g = vf32_select(rest, silu_f64w_derivative_unfixed(x), g);
    return g;
}

/* ------------------------------------------------------- table, accurate */

/* 1/(1 + E) = r0 + r0*res to well below an ulp, E = e.hi + e.lo */
struct logistic_reciprocal {
    vf32 r0, res;
};

static inline struct logistic_reciprocal logistic_reciprocal_compensated(struct exp_hilo e)
{
    const vf32 one = vf32_set1(1.0f);
    /* 1 + hi = s + sl exactly (Fast2Sum, the larger operand first), then
     * 1 + E = s + (sl + lo), sl + lo up to 0.045*s */
    vf32 s = vf32_add(e.hi, one);
    vf32 sl = vf32_add(vf32_sub(vf32_max(e.hi, one), s), vf32_min(e.hi, one));
    sl = vf32_add(sl, e.lo);
    vf32 r0 = vf32_div(one, vf32_add(s, sl));
    /* res = 1 - r0*(s + sl), about 2^-22; the roundings of its two steps
     * are 2^-24 of |r0*sl| <= 0.045, below 2^-28 of the result */
    vf32 res = vf32_fnmadd(r0, s, one);
    res = vf32_fnmadd(r0, sl, res);
    struct logistic_reciprocal r = {r0, res};
    return r;
}

/* 1 - sigmoid(x) = E*r as w + w_lo, to well below an ulp of w: for
 * x < 0 (r0 < 1/2) as 1 - r0 - r0*res by Fast2Sum, exact apart from r's
 * own error; for x >= 0 as E*(r0 + r0*res), whose terms are all small. */
static inline void logistic_complement(vf32 x, struct exp_hilo e, struct logistic_reciprocal r, vf32 *w,
                                       vf32 *w_lo)
{
    const vf32 one = vf32_set1(1.0f);
    vf32 corr = vf32_mul(r.r0, r.res);
    vf32 w_neg = vf32_sub(one, r.r0);
    vf32 w_neg_lo = vf32_sub(vf32_sub(vf32_sub(one, w_neg), r.r0), corr);
    vf32 w_pos = vf32_fmadd(e.hi, r.r0, vf32_fmadd(e.lo, r.r0, vf32_mul(e.hi, corr)));
    vmask32 negative = vf32_lt(x, vf32_zero());
    *w = vf32_select(negative, w_neg, w_pos);
    *w_lo = vf32_select(negative, w_neg_lo, vf32_zero());
}

/* sigmoid's value (the sigmoid kernels): as logistic_reciprocal_compensated
 * with E = hi*(1 + p) and sl = (1 + hi - s) + hi*p in one FMA (one
 * rounding and one operation fewer than adding a rounded lo; the sum's
 * error stays below 2^-24 of |sl| <= 0.045*s), then r0 + r0*res with one
 * final rounding */
/* r0 = 1/(u + E) and res = 1 - r0 (u + E), E = hi (1 + p): u + hi = s + sl
 * by Fast2Sum (larger first), sl + hi p in one FMA; u = 1 for the logistic
 * function, a power of two where the caller scales */
static inline __attribute__((always_inline)) struct logistic_reciprocal logistic_reciprocal_of_sum(vf32 u, vf32 hi,
                                                                                                  vf32 p)
{
    const vf32 one = vf32_set1(1.0f);
    vf32 s = vf32_add(hi, u);
    vf32 sl = vf32_add(vf32_sub(vf32_max(hi, u), s), vf32_min(hi, u));
    sl = vf32_fmadd(hi, p, sl);
    vf32 r0 = vf32_div(one, vf32_add(s, sl));
    vf32 res = vf32_fnmadd(r0, s, one);
    res = vf32_fnmadd(r0, sl, res);
    struct logistic_reciprocal r = {r0, res};
    return r;
}

static inline vf32 sigmoid_table_accurate_fused_value(vf32 x, struct exp_table_tables t, vmask32 *special)
{
    vf32 hi;
    vf32 p = exp_table_accurate_relative_eighth(x, t, &hi);
    struct logistic_reciprocal r = logistic_reciprocal_of_sum(vf32_set1(1.0f), hi, p);
    *special = logistic_special_lanes(x);
    return vf32_fmadd(r.r0, r.res, r.r0);
}

/* the same with lo = hi*p rounded first (softplus' derivative, whose
 * declared bounds were measured with this rounding) */
static inline vf32 sigmoid_table_accurate_value(vf32 x, struct exp_table_tables t, vmask32 *special)
{
    struct logistic_reciprocal r = logistic_reciprocal_compensated(exp_table_accurate_eighth(x, t));
    vf32 y = vf32_fmadd(r.r0, r.res, r.r0);
    *special = logistic_special_lanes(x);
    return y;
}

/* sigmoid*(1 - sigmoid) = (r0 + r0*res)*(w + w_lo), one rounding of the
 * main product */
static inline vf32 sigmoid_table_accurate_derivative(vf32 x, struct exp_table_tables t, vmask32 *special)
{
    struct exp_hilo e = exp_table_accurate_eighth(x, t);
    struct logistic_reciprocal r = logistic_reciprocal_compensated(e);
    vf32 w, w_lo;
    logistic_complement(x, e, r, &w, &w_lo);
    vf32 small = vf32_fmadd(r.r0, w_lo, vf32_mul(vf32_mul(r.res, w), r.r0));
    vf32 g = vf32_fmadd(r.r0, w, small);
    *special = logistic_special_lanes(x);
    return g;
}

/* silu's value: 1/(1 + E) compensated as sigmoid's value takes it
 * (logistic_reciprocal_of_sum: E's low part hi*p added to the Fast2Sum's
 * tail in one FMA, one rounding and one operation fewer than rounding lo
 * first), then x times it as below */
static inline vf32 silu_table_accurate_value(vf32 x, struct exp_table_tables t, vmask32 *special)
{
    vf32 hi;
    vf32 p = exp_table_accurate_relative_eighth(x, t, &hi);
    struct logistic_reciprocal r = logistic_reciprocal_of_sum(vf32_set1(1.0f), hi, p);
    /* x*r0 + x*(r0*res): one rounding of the nearly exact product.  Below
     * x = -80 r0*res is subnormal and too coarse: those lanes are special */
    vf32 y = vf32_fmadd(x, r.r0, vf32_mul(x, vf32_mul(r.r0, r.res)));
    *special = silu_special_lanes(x);
    return y;
}

/* (r0 + r0*res) * v, v = 1 + x*(w + w_lo) */
static inline vf32 silu_table_accurate_derivative(vf32 x, struct exp_table_tables t, vmask32 *special)
{
    const vf32 one = vf32_set1(1.0f);
    struct exp_hilo e = exp_table_accurate_eighth(x, t);
    struct logistic_reciprocal r = logistic_reciprocal_compensated(e);
    vf32 w, w_lo;
    logistic_complement(x, e, r, &w, &w_lo);
    vf32 v = vf32_fmadd(x, w, one);
    v = vf32_fmadd(x, w_lo, v);
    vf32 g = vf32_fmadd(r.r0, v, vf32_mul(vf32_mul(r.res, v), r.r0));
    g = silu_root_fix(x, g);
    *special = logistic_special_lanes(x);
    return g;
}

/* ------------------------------------------------- fast: poly and table */

/* The fast forms from E = exp(-x) (exp_poly_fast or exp_table_fast). */
static inline vf32 sigmoid_fast_of(vf32 e)
{
    const vf32 one = vf32_set1(1.0f);
    return vf32_div(one, vf32_add(one, e));
}

static inline vf32 sigmoid_fast_derivative_of(vf32 e)
{
    vf32 y = sigmoid_fast_of(e);
    return vf32_mul(vf32_mul(e, y), y);
}

static inline vf32 silu_fast_of(vf32 x, vf32 e)
{
    return vf32_div(x, vf32_add(vf32_set1(1.0f), e));
}

static inline vf32 silu_fast_derivative_of(vf32 x, vf32 e)
{
    vf32 y = sigmoid_fast_of(e);
    vf32 g = vf32_mul(y, vf32_fmadd(x, vf32_mul(e, y), vf32_set1(1.0f)));
    return silu_root_fix(x, g);
}

static inline vf32 sigmoid_poly_fast_value(vf32 x, vmask32 *special)
{
    *special = logistic_special_lanes(x);
    return sigmoid_fast_of(exp_poly_fast(x));
}

static inline vf32 sigmoid_poly_fast_derivative(vf32 x, vmask32 *special)
{
    *special = logistic_special_lanes(x);
    return sigmoid_fast_derivative_of(exp_poly_fast(x));
}

static inline vf32 silu_poly_fast_value(vf32 x, vmask32 *special)
{
    *special = logistic_special_lanes(x);
    return silu_fast_of(x, exp_poly_fast(x));
}

static inline vf32 silu_poly_fast_derivative(vf32 x, vmask32 *special)
{
    *special = logistic_special_lanes(x);
    return silu_fast_derivative_of(x, exp_poly_fast(x));
}

static inline vf32 sigmoid_table_fast_value(vf32 x, struct exp_table_tables t, vmask32 *special)
{
    *special = logistic_special_lanes(x);
    return sigmoid_fast_of(exp_table_fast(x, t.scale, t.lo_relative));
}

static inline vf32 sigmoid_table_fast_derivative(vf32 x, struct exp_table_tables t, vmask32 *special)
{
    *special = logistic_special_lanes(x);
    return sigmoid_fast_derivative_of(exp_table_fast(x, t.scale, t.lo_relative));
}

static inline vf32 silu_table_fast_value(vf32 x, struct exp_table_tables t, vmask32 *special)
{
    *special = logistic_special_lanes(x);
    return silu_fast_of(x, exp_table_fast(x, t.scale, t.lo_relative));
}

static inline vf32 silu_table_fast_derivative(vf32 x, struct exp_table_tables t, vmask32 *special)
{
    *special = logistic_special_lanes(x);
    return silu_fast_derivative_of(x, exp_table_fast(x, t.scale, t.lo_relative));
}

#endif
