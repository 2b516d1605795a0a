/*
 * The polynomial method of the accurate tier (no table) for sigmoid,
 * silu, tanh, elu, selu, softplus and gelu_tanh, over the SIMD layer
 * (include one ISA's impls/simd/f32-*.h and f64w-*.h first).  Every form
 * widens x to double, evaluates in double and rounds once to float at the
 * end, as mish's accurate forms (impls/math/mish.h) do:
 *
 *   E = exp(-y) by exp_poly_accurate_f64w (impls/math/exp_poly.h: -y =
 *     k ln2 + r, ln2 in two doubles, 1 + p(r) of degree 7, relative error
 *     2^-34.3, 2^k by an integer add to the exponent field), and
 *   expm1(-y) = 2^k*p(r) + (2^k - 1) from the same pieces
 *     (expm1_poly_accurate_f64w below): 2^k - 1 is exact for |k| <= 52
 *     and p(r) keeps its relative accuracy as r -> 0 (the fit has p(0) = 0:
 *     its relative error, zero at 0, stays near 2^-30), so no small-|y|
 *     path is needed;
 *   log1p by log1p_f64w (impls/math/log1p_f64.h, 2^-46).
 * The formulas are the non-cancelling ones of the table kernels:
 *   sigmoid  = 1/(1 + E),  sigmoid' = E r^2          (logistic.h, f64w)
 *   silu     = x r,        silu' = r (1 + x E r), root window at -1.2785
 *   tanh(a)  = -m/(m + 2), m = expm1(-2a), a = |x|, sign of x put back;
 *              tanh' = 4E/(1 + E)^2, E = exp(-2a)    (tanh.h, f64w)
 *   elu      = x >= 0 ? x : alpha*expm1(x),  elu' = x > 0 ? 1 : alpha*e^x
 *   selu     = x >= 0 ? lambda*x : lambda*alpha*expm1(x)
 *   softplus = max(x, 0) + log1p(exp(-|x|)),  softplus' = sigmoid
 *   gelu_tanh = x/(1 + E), E = exp(-z), z = c1 x + c3 x^3 of min(5.5, x)
 *              (beyond 5.5 the value rounds to x and the derivative to 1),
 *              derivative r (1 + x z' E r) with its root window (gelu_tanh.h)
 * A double's 29 spare bits absorb the roundings of every step: the result
 * before its last rounding is within about 2^-30 relative of the exact
 * value wherever nothing cancels (0.5 ulp + 2^-6 after it), and the
 * derivatives' roots are handled by the float root windows.  Arguments are
 * clamped where the results round to their limits (|y| <= 150), so every
 * float, infinities included, goes through the same path and no lane is
 * special; NaN passes the clamps (the x86 min/max return their second
 * operand when either is NaN) and the exponent adds (a NaN widened from a
 * float has zero low bits), and propagates.
 */
#ifndef ACTBENCH_MATH_POLY_ACCURATE_H
#define ACTBENCH_MATH_POLY_ACCURATE_H

#include "elu.h"
#include "gelu_tanh.h"
#include "log1p_f64.h"
#include "logistic.h"
#include "tanh.h"

/* exp(-y) - 1 for |y| <= 700, the pieces of exp_poly_accurate_f64w:
 * 2^k*p + (2^k - 1), p = q(r)*r */
static inline vf64w expm1_poly_accurate_f64w(vf64w y)
{
    const vf64w one = vf64w_set1(1.0);
    vf64w kd;
    vf64w r = exp_poly_f64w_reduce(y, &kd);
    vf64w p = vf64w_mul(exp_poly_accurate_f64w_q(r), r);
    vf64w s = vi64w_as_vf64w(vi64w_add(vf64w_as_vi64w(one), vi64w_shl(vf64w_as_vi64w(kd), 52)));
    return vf64w_fmadd(s, p, vf64w_sub(s, one));
}

/* ---------------------------------------------------------------- sigmoid */

static inline vf32 sigmoid_poly_accurate_value(vf32 x, vmask32 *special)
{
    *special = vmask32_false();
    return sigmoid_f64w_value(x);
}

static inline vf32 sigmoid_poly_accurate_derivative(vf32 x, vmask32 *special)
{
    *special = vmask32_false();
    return sigmoid_f64w_derivative(x);
}

/* ------------------------------------------------------------------- silu */

static inline vf32 silu_poly_accurate_value(vf32 x, vmask32 *special)
{
    *special = vmask32_false();
    return silu_f64w_value(x);
}

static inline vf32 silu_poly_accurate_derivative(vf32 x, vmask32 *special)
{
    *special = vmask32_false();
    return silu_f64w_derivative(x);
}

/* ------------------------------------------------------------------- tanh */

/* -m/(m + 2), m = expm1(-2a), 2a clamped to 40 (tanh rounds to 1 from
 * a = 9.01 on), |result| with the sign of x (tanh(-0) = -0) */
static inline vf32 tanh_poly_accurate_value(vf32 x, vmask32 *special)
{
    vf32 a = vf32_abs(x);
    vf64w a2 = vf64w_min(vf64w_set1(40.0), vf64w_widen(vf32_add(a, a)));
    vf64w m = expm1_poly_accurate_f64w(a2);
    vf64w y = vf64w_div(vf64w_sub(vf64w_set1(0.0), m), vf64w_add(m, vf64w_set1(2.0)));
    *special = vmask32_false();
    return vf32_copysign(vf32_abs(vf64w_narrow(y)), x);
}

static inline vf32 tanh_poly_accurate_derivative(vf32 x, vmask32 *special)
{
    *special = vmask32_false();
    return tanh_f64w_derivative(x);
}

/* -------------------------------------------------------------- elu, selu */

/* expm1(x) for x < 0, x clamped to -150 (NaN kept) */
static inline vf64w elu_poly_accurate_expm1(vf32 x)
{
    vf64w xd = vf64w_max(vf64w_set1(-150.0), vf64w_widen(x));
    return expm1_poly_accurate_f64w(vf64w_sub(vf64w_set1(0.0), vf64w_min(vf64w_set1(0.0), xd)));
}

/* x >= 0 (+-0 included, which keep their sign): x; else a*expm1(x) */
static inline vf32 elu_poly_accurate_value(vf32 x, vf64w a, vmask32 *special)
{
    vf32 negative = vf64w_narrow(vf64w_mul(a, elu_poly_accurate_expm1(x)));
    *special = vmask32_false();
    return vf32_select(vf32_ge(x, vf32_zero()), x, negative);
}

static inline vf32 elu_poly_accurate_derivative(vf32 x, vf64w a, vmask32 *special)
{
    *special = vmask32_false();
    return vf32_select(vf32_gt(x, vf32_zero()), vf32_set1(1.0f), elu_f64w_derivative_negative(x, a));
}

/* lambda in double (the catalog's constant) */
#define SELU_LAMBDA_F64 1.0507009873554805

static inline vf32 selu_poly_accurate_value(vf32 x, vmask32 *special)
{
    vf64w xd = vf64w_widen(x);
    vf64w m = elu_poly_accurate_expm1(x);
    vf64w negative = vf64w_mul(vf64w_set1(SELU_LA_F64), m);
    vf64w positive = vf64w_mul(vf64w_set1(SELU_LAMBDA_F64), xd);
    *special = vmask32_false();
    return vf32_select(vf32_ge(x, vf32_zero()), vf64w_narrow(positive), vf64w_narrow(negative));
}

static inline vf32 selu_poly_accurate_derivative(vf32 x, vmask32 *special)
{
    *special = vmask32_false();
    return vf32_select(vf32_gt(x, vf32_zero()), vf32_set1(SELU_LAMBDA),
                       elu_f64w_derivative_negative(x, vf64w_set1(SELU_LA_F64)));
}

/* --------------------------------------------------------------- softplus */

/* max(x, 0) + log1p(E), E = exp(-|x|), |x| clamped to 150 */
static inline vf32 softplus_poly_accurate_value(vf32 x, vmask32 *special)
{
    const vf64w zero = vf64w_set1(0.0);
    vf64w xd = vf64w_widen(x);
    vf64w t = vf64w_min(vf64w_set1(150.0), vf64w_max(xd, vf64w_sub(zero, xd)));
    vf64w l = log1p_f64w(exp_poly_accurate_f64w(t));
    *special = vmask32_false();
    return vf64w_narrow(vf64w_add(vf64w_max(xd, zero), l));
}

/* ------------------------------------------------------------- gelu_tanh */

static inline vf32 gelu_tanh_poly_accurate_value(vf32 x, vmask32 *special)
{
    vf64w low = gelu_tanh_f64w_low(x);
    vf64w e = gelu_tanh_f64w_e(vf64w_min(vf64w_set1(GELU_TANH_CLAMP), low), 0);
    *special = vmask32_false();
    return vf64w_narrow(vf64w_div(low, vf64w_add(vf64w_set1(1.0), e)));
}

static inline vf32 gelu_tanh_poly_accurate_derivative(vf32 x, vmask32 *special)
{
    vf64w xc = vf64w_min(vf64w_set1(GELU_TANH_CLAMP), gelu_tanh_f64w_low(x));
    vf64w zd;
    vf64w e = gelu_tanh_f64w_e(xc, &zd);
    vf64w r = vf64w_div(vf64w_set1(1.0), vf64w_add(vf64w_set1(1.0), e));
    vf64w v = vf64w_fmadd(vf64w_mul(xc, zd), vf64w_mul(e, r), vf64w_set1(1.0));
    *special = vmask32_false();
    return gelu_tanh_root_fix(x, vf64w_narrow(vf64w_mul(r, v)));
}

/* The forms have no special lanes; elementwise.h still takes a special
 * case, which is never called. */
static __attribute__((noinline, unused)) vf32 poly_accurate_no_special_case(vf32 x, vf32 y, vmask32 special)
{
    (void)x, (void)special;
    return y;
}

#endif
