/*
 * mish, value and derivative, written once over the SIMD layer (include one
 * ISA's impls/simd/f32-*.h and f64w-*.h first); the kernels in impls/mish/
 * run them through impls/math/elementwise.h.
 *
 * No tanh and no log: with E = e^x, tanh(softplus(x)) = N/(N + 2),
 * N = E(E + 2), and sech^2(softplus(x))*sigmoid(x) = 4E(1 + E)/(N + 2)^2
 * (reference/ref_mish.c), so
 *   mish(x)  = x*N/(N + 2)
 *   mish'(x) = T + x*S = (N*D + 4x*E(1 + E))/D^2,  T = N/D, D = N + 2,
 * rational in E with positive terms: nothing cancels in the value, and on
 * the negative tail N/(N + 2) = E(1 - E/2 + ...) keeps its relative
 * accuracy, so mish(x) ~ x*e^x does too.  The derivative cancels only at
 * its root x0 = -1.19243 (mish's minimum); within 1/16 of it every form
 * evaluates mish'(x0 + h) = h*q(h), h = (x - x0_hi) - x0_lo
 * (impls/math/sollya/mish_root.sollya), whose relative error is that of
 * the fit and of h, whatever the cancellation.
 *
 * accurate (poly, f64w): widen to double, E = e^x by exp_poly_accurate_f64w
 *   (relative error 2^-34) with x clamped to [-150, 150] (E and E^2 stay
 *   far inside double's range: N*D <= 1e261), the value or the derivative
 *   in double, one rounding to float at the end: within 0.5 ulp + 2^-9
 *   ulp wherever nothing cancels.  The value's x is clamped below only:
 *   mish(+inf) = +inf, mish(-inf) = -150*(7e-66) -> -0, the limit.  Valid
 *   for every float (NaN passes the clamps); no lane is special.
 * fast value: the double form above (exp_table_f64w for the table
 *   kernels), for monotonicity (see mish_poly_fast_value).
 * fast derivative (float, poly or table): E = e^min(x, 20) from expm1_poly_fast's
 *   parts (t + t*p, relative error 2^-25 on [-10, 10]) or exp_table_fast;
 *   N = E*E + 2E in one FMA, D = N + 2; mish = x*(N/D) for x <= 0 and
 *   x - x*(2/D) for x > 0 (one division either way; the second form is
 *   monotone by construction: 2/D only falls as x grows); mish' as above
 *   with one division.  Valid for |x| <= 87; other lanes (and NaN) are
 *   special: recomputed in double.
 */
#ifndef ACTBENCH_MATH_MISH_H
#define ACTBENCH_MATH_MISH_H

#include "coefficients.h"
#include "exp_poly.h"
#include "exp_table.h"
#include "exp_wide.h"
#include "expm1.h"
#include "logistic.h"

/* ------------------------------------------------------------ mish' root */

/* mish'(x) for |x - x0_hi| <= 1/16: h*q(h), h = (x - x0_hi) - x0_lo. */
static inline vf32 mish_root_derivative(vf32 x)
{
    vf32 h = vf32_sub(vf32_sub(x, vf32_set1(mish_root_hi)), vf32_set1(mish_root_lo));
    const float *c = mish_root_poly;
    vf32 q = vf32_fmadd(vf32_set1(c[4]), h, vf32_set1(c[3]));
    q = vf32_fmadd(q, h, vf32_set1(c[2]));
    q = vf32_fmadd(q, h, vf32_set1(c[1]));
    q = vf32_fmadd(q, h, vf32_set1(c[0]));
    return vf32_mul(q, h);
}

/* g where x is outside the root's window, the root form inside; the
 * window's lanes are rare, so the root form runs only when one is there */
static inline vf32 mish_root_fix(vf32 x, vf32 g)
{
    vmask32 near = vf32_le(vf32_abs(vf32_sub(x, vf32_set1(mish_root_hi))), vf32_set1(mish_root_window));
    if (vmask32_any(near))
        g = vf32_select(near, mish_root_derivative(x), g);
    return g;
}

/* ------------------------------------------------------------------ f64w */

struct mish_f64w_terms {
    vf64w x, e, n, d; /* x (clamped below), E = e^x, N = E(E + 2), D = N + 2 */
};

static inline struct mish_f64w_terms mish_f64w_of(vf32 x)
{
    const vf64w two = vf64w_set1(2.0);
    struct mish_f64w_terms m;
    /* the x86 min/max return their second operand when either is NaN */
    m.x = vf64w_max(vf64w_set1(-150.0), vf64w_widen(x));
    vf64w minus_x = vf64w_sub(vf64w_set1(0.0), vf64w_min(vf64w_set1(150.0), m.x));
    m.e = exp_poly_accurate_f64w(minus_x);
    m.n = vf64w_mul(m.e, vf64w_add(m.e, two));
    m.d = vf64w_add(m.n, two);
    return m;
}

static inline vf32 mish_f64w_value(vf32 x)
{
    struct mish_f64w_terms m = mish_f64w_of(x);
    return vf64w_narrow(vf64w_div(vf64w_mul(m.x, m.n), m.d));
}

/* (N*D + 4x*E(1 + E))/D^2; at +inf the clamped x gives the limit 1 */
static inline vf32 mish_f64w_derivative_unfixed(vf32 x)
{
    struct mish_f64w_terms m = mish_f64w_of(x);
    vf64w xc = vf64w_min(vf64w_set1(150.0), m.x);
    vf64w b = vf64w_mul(vf64w_mul(vf64w_set1(4.0), xc), vf64w_fmadd(m.e, m.e, m.e));
    return vf64w_narrow(vf64w_div(vf64w_fmadd(m.n, m.d, b), vf64w_mul(m.d, m.d)));
}

static inline vf32 mish_f64w_derivative(vf32 x)
{
    return mish_root_fix(x, mish_f64w_derivative_unfixed(x));
}

/* The special lanes of the float forms (|x| > 87, NaN) recomputed in
 * double; the other lanes keep their value.  Not inlined: off the fast
 * path. */
static __attribute__((noinline, unused)) vf32 mish_special_case(vf32 x, vf32 y, vmask32 special)
{
    return vf32_select(special, mish_f64w_value(x), y);
}
static __attribute__((noinline, unused)) vf32 mish_derivative_special_case(vf32 x, vf32 g, vmask32 special)
{
    return vf32_select(special, mish_f64w_derivative_unfixed(x), g);
}

/* ---------------------------------------------------- poly, accurate */

static inline vf32 mish_poly_accurate_value(vf32 x, vmask32 *special)
{
    *special = vmask32_false();
    return mish_f64w_value(x);
}

static inline vf32 mish_poly_accurate_derivative(vf32 x, vmask32 *special)
{
    *special = vmask32_false();
    return mish_f64w_derivative(x);
}

/* ------------------------------------------------- fast: poly and table */

/* x clamped to 20 for the fast forms' E = e^x: N*D <= e^80 stays finite,
 * and above 20 the value is x and the derivative 1 (their rounded
 * results from x = 9.1 and 12.3 on) */
#define MISH_FAST_CLAMP 20.0f

/* N = E(E + 2) and D = N + 2 */
struct mish_fast_terms {
    vf32 n, d;
};

static inline struct mish_fast_terms mish_fast_of(vf32 e)
{
    struct mish_fast_terms m;
    m.n = vf32_fmadd(e, e, vf32_add(e, e));
    m.d = vf32_add(m.n, vf32_set1(2.0f));
    return m;
}

/* x <= 0: x*(N/D); x > 0: x - x*(2/D), where 2/D falls as x grows, so the
 * result is monotone there whatever the roundings */
static inline vf32 mish_fast_value_of(vf32 x, vf32 e)
{
    struct mish_fast_terms m = mish_fast_of(e);
    vmask32 negative = vf32_le(x, vf32_zero());
    vf32 q = vf32_div(vf32_select(negative, m.n, vf32_set1(-2.0f)), m.d);
    /* the addend -0 keeps mish(-0) = -0 */
    return vf32_fmadd(x, q, vf32_select(negative, vf32_set1(-0.0f), x));
}

/* (N*D + 4x*E(1 + E))/D^2, x clamped as E's argument */
static inline vf32 mish_fast_derivative_of(vf32 x, vf32 e)
{
    struct mish_fast_terms m = mish_fast_of(e);
    vf32 x4 = vf32_mul(vf32_set1(4.0f), vf32_min(x, vf32_set1(MISH_FAST_CLAMP)));
    vf32 num = vf32_fmadd(m.n, m.d, vf32_mul(x4, vf32_fmadd(e, e, e)));
    return mish_root_fix(x, vf32_div(num, vf32_mul(m.d, m.d)));
}

/* e^min(x, 20) for x >= -87: t + t*p from expm1_poly_fast's parts (see
 * impls/math/elu.h: the FMA keeps every NaN a NaN) */
static inline vf32 mish_exp_poly_fast(vf32 x)
{
    struct expm1_fast m = expm1_poly_fast(vf32_min(x, vf32_set1(MISH_FAST_CLAMP)));
    return vf32_fmadd(m.t, m.p, m.t);
}

static inline vf32 mish_exp_table_fast(vf32 x, struct exp_table_tables t)
{
    return exp_table_fast(vf32_neg(vf32_min(x, vf32_set1(MISH_FAST_CLAMP))), t.scale, t.lo_relative);
}

/* The fast kernels' value: the double form (mish_f64w_value, with
 * exp_table_f64w for the table kernels), monotone where the float forms
 * are not.  Around mish's minimum (x0 = -1.19) mish' is small: at x = -1
 * one float step of x moves mish by 0.12 ulp, while the float forms'
 * roundings of E, N, D and N/D move it by up to 0.5 ulp each, and x*(N/D)
 * takes x and N/D in opposite directions there (x rises, N/D rises, the
 * product falls): the float forms stepped backwards 424 times in
 * actbench's windows of consecutive floats from x = -1 (and 425 with
 * exp_table_fast).  In double the errors are those of the fit (2^-33.5,
 * smooth in x) and of 2^-53 roundings, far below the step, so the one
 * rounding to float at the end is monotone.  It costs about twice the
 * float form and stays within the fast tier's speed goal (the accurate
 * kernel's 0.34x of the fastest peer on AVX2, 0.46x on AVX-512, with this
 * very form).  Every lane is covered: no special lanes. */
static inline vf32 mish_f64w_value_table(vf32 x, vf64w_table8 table)
{
    const vf64w two = vf64w_set1(2.0);
    vf64w xd = vf64w_max(vf64w_set1(-150.0), vf64w_widen(x));
    vf64w minus_x = vf64w_sub(vf64w_set1(0.0), vf64w_min(vf64w_set1(150.0), xd));
    vf64w e = exp_table_f64w(minus_x, table);
    vf64w n = vf64w_mul(e, vf64w_add(e, two));
    return vf64w_narrow(vf64w_div(vf64w_mul(xd, n), vf64w_add(n, two)));
}

static inline vf32 mish_poly_fast_value(vf32 x, vmask32 *special)
{
    *special = vmask32_false();
    return mish_f64w_value(x);
}

static inline vf32 mish_poly_fast_derivative(vf32 x, vmask32 *special)
{
    *special = logistic_special_lanes(x);
    return mish_fast_derivative_of(x, mish_exp_poly_fast(x));
}

static inline vf32 mish_table_fast_value(vf32 x, struct exp_table_tables t, vmask32 *special)
{
    (void)t;
    *special = vmask32_false();
    return mish_f64w_value_table(x, exp_table_f64w_load());
}

static inline vf32 mish_table_fast_derivative(vf32 x, struct exp_table_tables t, vmask32 *special)
{
    *special = logistic_special_lanes(x);
    return mish_fast_derivative_of(x, mish_exp_table_fast(x, t));
}

#endif
