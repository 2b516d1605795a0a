/*
 * sigmoid and silu for the 16-bit kernels (bf16, f16): the value correctly
 * rounded to the format, the derivative within a few float ulps; over the
 * SIMD layer (include one ISA's impls/simd/f32-*.h, f64w-*.h and 16-bit
 * header first), run by the loops of impls/math/elementwise16.h.
 *
 * Value, Ziv's strategy in two steps:
 *  1. float, every lane: E = exp(-x) from the 2^(j/8) table of
 *     impls/math/exp_table.h with its two-constant reduction
 *     (exp_table_reduce) and the fast form's correction 1 - r + r^2*q(r)
 *     (exp_table_fast_poly, 2^-25.2), then sigmoid = 1/(1 + E) and
 *     silu = x/(1 + E), one division each.  Over every bf16 and f16 input
 *     with |x| <= 87 the exact value lies within LOGISTIC16_ERROR_FLOATS =
 *     3 floats of this result (exhaustive, against MPFR; with exp_table_fast's
 *     one-FMA reduction it is 5 near |x| = 87, where k*(ln2/8 - its float)
 *     grows).  The loop narrows with vh16_from_f32_checked(y, 3): a lane is
 *     correctly rounded unless a midpoint of the format lies within 3
 *     floats of y, and those lanes are flagged.  Without the test this
 *     would be a float result rounded twice, and the bf16 and f16 values of
 *     some inputs lie too close to a midpoint for any float evaluation to
 *     decide: the kernels' head comments count them.
 *  2. double, one flagged or special lane at a time (|x| > 87, infinities,
 *     NaN; off the hot path): sigmoid = 1/(1 + exp(-x)); silu = x/2 + x*t
 *     with t = sigmoid - 1/2 = -expm1(-x)/(2*(2 + expm1(-x))) for x >= -1,
 *     the product x*t carried as a second term (for tiny x it lies far
 *     below the last bit of x/2: silu(x) = x/2 + x^2/4, and x/2 is a bf16
 *     midpoint for every odd multiple of the smallest subnormal), and
 *     x*e/(1 + e), e = exp(x), below -1; rounded once to the format through
 *     rounding to odd (h16_from_double, h16_from_double2).  glibc's exp and
 *     expm1 are within an ulp of double: the results within 2^-51.4 of the
 *     exact value, relative, over every input.
 * The kernels are checked bit for bit against MPFR's correctly rounded
 * values on all 65536 encodings (tests/test_h16_rounding.c).
 *
 * Derivative (1 ulp of the format): sigmoid' = E*r^2 and
 * silu' = r*(1 + x*E*r), r = 1/(1 + E), silu' within 1/16 of its root from
 * the root's polynomial (impls/math/logistic.h); |x| > 87 and NaN in double
 * (logistic.h's special cases).  A few float ulps, far below half an ulp
 * of the format: the product by dy and its one rounding to the format
 * bring the error to just above 0.5 ulp of the format.
 */
#ifndef ACTBENCH_MATH_LOGISTIC16_H
#define ACTBENCH_MATH_LOGISTIC16_H

#include <math.h>
#include <stdint.h>

#include "logistic.h"

/* The float result is within this many floats of the exact value. */
#define LOGISTIC16_ERROR_FLOATS 3

/* exp(-x) for |x| <= 87: exp_table.h's two-constant reduction and table,
 * the fast form's correction 1 - r + r^2*q(r) */
static inline vf32 logistic16_exp(vf32 x, struct exp_table_tables t)
{
    vf32 kd;
    vf32 r = exp_table_reduce(x, &kd);
    vf32 hi = exp_table_scale_of(kd, t.scale);
    const float *c = exp_table_fast_poly;
    vf32 q = vf32_fmadd(vf32_set1(c[1]), r, vf32_set1(c[0]));
    vf32 s = vf32_sub(vf32_table8_lookup(t.lo_relative, vf32_as_vi32(kd)), r);
    return vf32_fmadd(hi, vf32_fmadd(vf32_mul(r, r), q, s), hi);
}

static inline vf32 sigmoid16_value(vf32 x, struct exp_table_tables t, vmask32 *special)
{
    *special = logistic_special_lanes(x);
    return sigmoid_fast_of(logistic16_exp(x, t));
}

static inline vf32 silu16_value(vf32 x, struct exp_table_tables t, vmask32 *special)
{
    *special = logistic_special_lanes(x);
    return silu_fast_of(x, logistic16_exp(x, t));
}

static inline vf32 sigmoid16_derivative(vf32 x, struct exp_table_tables t, vmask32 *special)
{
    *special = logistic_special_lanes(x);
    return sigmoid_fast_derivative_of(logistic16_exp(x, t));
}

static inline vf32 silu16_derivative(vf32 x, struct exp_table_tables t, vmask32 *special)
{
    *special = logistic_special_lanes(x);
    return silu_fast_derivative_of(x, logistic16_exp(x, t));
}

/* ------------------------------------------- step 2, compensated float */

/* The compensated forms of impls/math/logistic.h, as an unevaluated sum
 * hi + lo with hi = RN(hi + lo), within LOGISTIC16_COMPENSATED_ERROR of the
 * exact value, relative, for 2^-100 <= |hi| and |x| <= 80 (below -80 the
 * correction r0*res and, for silu, tiny x*r0*res are subnormal floats,
 * too coarse: those lanes take step 3). */
#define LOGISTIC16_COMPENSATED_ERROR 0x1p-26f

static inline void sigmoid16_compensated(vf32 x, struct exp_table_tables t, vf32 *hi, vf32 *lo)
{
    struct logistic_reciprocal r = logistic_reciprocal_compensated(exp_table_accurate(x, t));
    /* r0 + r0*res by Fast2Sum (|r0*res| < 2^-21 r0) */
    vf32 c = vf32_mul(r.r0, r.res);
    *hi = vf32_add(r.r0, c);
    *lo = vf32_sub(c, vf32_sub(*hi, r.r0));
}

static inline void silu16_compensated(vf32 x, struct exp_table_tables t, vf32 *hi, vf32 *lo)
{
    struct logistic_reciprocal r = logistic_reciprocal_compensated(exp_table_accurate(x, t));
    /* x*r0 exactly as p + pe, plus x*(r0*res) by Fast2Sum */
    vf32 p = vf32_mul(x, r.r0);
    vf32 pe = vf32_fmsub(x, r.r0, p);
    vf32 c = vf32_mul(x, vf32_mul(r.r0, r.res));
    *hi = vf32_add(p, c);
    *lo = vf32_add(vf32_sub(c, vf32_sub(*hi, p)), pe);
}

/* ------------------------------------------------ step 3, one lane in double */

static inline uint16_t sigmoid16_correctly_rounded(float x)
{
    return h16_from_double(1.0 / (1.0 + exp(-(double)x)));
}

static inline uint16_t silu16_correctly_rounded(float x)
{
    double xd = x;
    if (x == 0.0f || xd == -INFINITY) /* +-0 exactly; -0 at -inf */
        return h16_from_double(x == 0.0f ? xd : -0.0);
    if (xd < -1.0) {
        double e = exp(xd);
        return h16_from_double(xd * e / (1.0 + e));
    }
    /* NaN and +inf pass here: x/2 + x*t is NaN and +inf */
    double m = expm1(-xd);
    double t = -m / (2.0 * (2.0 + m));
    return h16_from_double2(0.5 * xd, xd * t);
}

/* hi + lo + d rounded to the format, for |d| well below |hi|: Fast2Sum of
 * hi and lo + d, rounded to odd, then to nearest even */
static inline vh16 logistic16_round_sum(vf32 hi, vf32 lo, vf32 d)
{
    vf32 t = vf32_add(lo, d);
    vf32 s = vf32_add(hi, t);
    return vh16_from_f32(vh16_round_odd(s, vf32_sub(t, vf32_sub(s, hi))));
}

/*
 * The flagged and special lanes of a vector, the others keep h.  Step 2
 * for the whole vector: the exact value lies within e = 2^-26 |hi| of
 * hi + lo, so where hi + lo - 2e and hi + lo + 2e round to the same value
 * of the format (2e: the sums lo +- e round too), so does the exact value
 * (rounding is monotone).  The other lanes take step 3, and so do
 * |x| > 80, NaN and |hi| < 2^-100.
 */
static inline vh16 logistic16_refine(vf32 x, vh16 h, vmask32 lanes, vf32 hi, vf32 lo,
                                     uint16_t (*correctly_rounded)(float))
{
    vmask32 special = vmask32_or(silu_special_lanes(x), vf32_lt(vf32_abs(hi), vf32_set1(0x1p-100f)));
    vf32 e = vf32_mul(vf32_abs(hi), vf32_set1(2 * LOGISTIC16_COMPENSATED_ERROR));
    vh16 below = logistic16_round_sum(hi, lo, vf32_neg(e));
    vmask32 decided = vmask32_andnot(vh16_eq(below, logistic16_round_sum(hi, lo, e)), special);
    h = vh16_select(vmask32_and(lanes, decided), below, h);
    vmask32 hard = vmask32_andnot(lanes, decided);
    if (vmask32_any(hard)) {
        float xs[VF32_LANES];
        uint16_t hs[VF32_LANES];
        vf32_store(xs, x);
        vh16_store(hs, h);
        unsigned bits = vmask32_bits(hard);
        for (unsigned i = 0; i < VF32_LANES; i++)
            if (bits >> i & 1u)
                hs[i] = correctly_rounded(xs[i]);
        h = vh16_load(hs);
    }
    return h;
}

/* Not inlined: off the fast path. */
static __attribute__((noinline, unused)) vh16 sigmoid16_special_case(vf32 x, vh16 h, vmask32 lanes)
{
    vf32 hi, lo;
    sigmoid16_compensated(x, exp_table_load(), &hi, &lo);
    return logistic16_refine(x, h, lanes, hi, lo, sigmoid16_correctly_rounded);
}

static __attribute__((noinline, unused)) vh16 silu16_special_case(vf32 x, vh16 h, vmask32 lanes)
{
    vf32 hi, lo;
    silu16_compensated(x, exp_table_load(), &hi, &lo);
    return logistic16_refine(x, h, lanes, hi, lo, silu16_correctly_rounded);
}

#endif
