/*
 * expm1(x) = e^x - 1 for x <= 0, over the SIMD layer (include one ISA's
 * impls/simd/f32-*.h first): the core of elu and selu (impls/math/elu.h).
 * Every form keeps expm1's relative accuracy as x -> 0, where e^x - 1
 * computed from a rounded e^x would lose it.
 *
 * Algorithm: x = k*ln2/N + r, e^x = 2^(k/N) * e^r, so
 *     expm1(x) = (2^(k/N) - 1) + 2^(k/N) * expm1(r),
 * with expm1(r) ~ r + r^2*q(r) (impls/math/sollya/expm1.sollya: the linear
 * term is r itself, so at k = 0 the result keeps r's relative accuracy).
 *
 * expm1_table_accurate: N = 8, 2^(k/8) = hi*(1 + lo[j]) from the 2^(j/8)
 *   tables of exp_table.h (hi exact, k = 8e + j); ln2/8 in two floats, the
 *   first product exact, so r = x - k*ln2_hi/8 is exact and the second
 *   part, r_lo = -k*ln2_lo/8, goes with lo[j] into the small terms; q of
 *   degree 3 (2^-34.9).  The result is an unevaluated sum v + tail:
 *     s = 1 - hi and its error d = (1 - s) - hi (exact: Fast2Sum, 1 >= hi),
 *     v = hi*r - s by one FMA; v + s is exact (Sterbenz: |hi*r| < s/2 for
 *     k < 0, and s = 0 at k = 0), so e = hi*r - (v + s), one more FMA,
 *     recovers v's rounding error to 2^-24 of itself;
 *     tail = hi*(r^2*q + L*(1 + r)) + (e - d),  L = lo[j] + r_lo.
 *   The terms left out (hi*L*r^2*q, ...) are below 2^-40 of the result;
 *   the caller's last operation rounds v + tail once (times a, for elu).
 *   Valid for -87 <= x <= 0 (2^(k/8) stays normal); below, expm1 rounds
 *   to -1 and the caller clamps x to -87, where the sum is -1 + 1.6e-38.
 * expm1_poly_fast: N = 1, no table: k = round(x/ln2), t = 2^k by an
 *   integer add to the exponent, r by one FMA with ln2 rounded to float
 *   (off by |k|*2^-28.9, below 2^-24 of e^x for |k| < 25), q of degree 4
 *   (2^-26.1).  Result m + t*p, m = t - 1 exact for k >= -24: valid for
 *   -16 <= x <= 0; callers send lower lanes to their special case (where
 *   elu and selu saturate, t - 1 would round).
 * expm1_table_fast: N = 8 with the tables, one-FMA reduction (ln2/8 as a
 *   float), q of degree 2 (2^-27.5), p = r^2*q + (r + lo[j]): the table's
 *   rounding taken into p so that the result does not step backwards
 *   where j changes.  Result m + hi*p with m = hi - 1 (exact while
 *   hi >= 1/2, rounded below).  Valid for -16 <= x <= 0, as the poly form.
 * For x > 0 the forms return garbage (or NaN): callers select x there.
 * NaN propagates through r.
 */
#ifndef ACTBENCH_MATH_EXPM1_H
#define ACTBENCH_MATH_EXPM1_H

#include "coefficients.h"
#include "exp_table.h"

/* below this the accurate form's x is clamped (see above) */
#define EXPM1_CLAMP -87.0f
/* the fast forms' lower limit: 2^k - 1 exact (k >= -24) */
#define EXPM1_FAST_LIMIT -16.0f

/* expm1(x) ~ v + tail, |tail| <= 2^-4 |v| */
struct expm1_hilo {
    vf32 v, tail;
};

/* expm1(x) ~ m + t*p: m exact, t the scale, p the rest */
struct expm1_fast {
    vf32 m, t, p;
};

/* expm1 = hi (1 + r + r^2 q(r)) (1 + lo) - 1 as v + tail, from the
 * reduced argument r, hi = 2^(k/8) and the relative low part lo: 1 - hi
 * and hi r by exact two-term sums, the small terms added once */
static inline __attribute__((always_inline)) struct expm1_hilo expm1_hilo_of_reduced(vf32 r, vf32 hi, vf32 lo)
{
    const vf32 one = vf32_set1(1.0f);
    const float *c = expm1_table_accurate_poly;
    vf32 q = vf32_fmadd(vf32_set1(c[3]), r, vf32_set1(c[2]));
    q = vf32_fmadd(q, r, vf32_set1(c[1]));
    q = vf32_fmadd(q, r, vf32_set1(c[0]));
    vf32 small = vf32_fmadd(vf32_mul(r, r), q, vf32_fmadd(lo, r, lo));
    vf32 s = vf32_sub(one, hi);
    vf32 d = vf32_sub(vf32_sub(one, s), hi);
    vf32 v = vf32_fmsub(hi, r, s);
    vf32 e = vf32_fmsub(hi, r, vf32_add(v, s));
    struct expm1_hilo m = {v, vf32_fmadd(hi, small, vf32_sub(e, d))};
    return m;
}

static inline struct expm1_hilo expm1_table_accurate(vf32 x, struct exp_table_tables tables)
{
    const vf32 shift = vf32_set1(0x1.8p23f);
    const vf32 eight_over_ln2 = vf32_set1(0x1.715476p+3f);
    const vf32 ln2_over_8_hi = vf32_set1(0x1.62e4p-4f);         /* 15 bits */
    const vf32 minus_ln2_over_8_lo = vf32_set1(-0x1.7f7d1cp-23f); /* -(ln2/8 - hi) */
    vf32 kd = vf32_fmadd(x, eight_over_ln2, shift);
    vf32 k = vf32_sub(kd, shift);
    vf32 r = vf32_fnmadd(k, ln2_over_8_hi, x);
    vf32 hi = exp_table_scale_of(kd, tables.scale);
    vf32 lo = vf32_fmadd(k, minus_ln2_over_8_lo, vf32_table8_lookup(tables.lo_relative, vf32_as_vi32(kd)));
    return expm1_hilo_of_reduced(r, hi, lo);
}

static inline struct expm1_fast expm1_poly_fast(vf32 x)
{
    const vf32 shift = vf32_set1(0x1.8p23f);
    const vf32 one_over_ln2 = vf32_set1(0x1.715476p+0f);
    const vf32 ln2 = vf32_set1(0x1.62e43p-1f);
    vf32 kd = vf32_fmadd(x, one_over_ln2, shift);
    vf32 k = vf32_sub(kd, shift);
    vf32 r = vf32_fnmadd(k, ln2, x);
    vf32 t = vi32_as_vf32(vi32_add(vi32_shl(vf32_as_vi32(kd), 23), vi32_set1(0x3f800000)));
    const float *c = expm1_poly_fast_poly;
    vf32 q = vf32_fmadd(vf32_set1(c[4]), r, vf32_set1(c[3]));
    q = vf32_fmadd(q, r, vf32_set1(c[2]));
    q = vf32_fmadd(q, r, vf32_set1(c[1]));
    q = vf32_fmadd(q, r, vf32_set1(c[0]));
    struct expm1_fast m = {vf32_sub(t, vf32_set1(1.0f)), t, vf32_fmadd(vf32_mul(r, r), q, r)};
    return m;
}

static inline struct expm1_fast expm1_table_fast(vf32 x, struct exp_table_tables tables)
{
    const vf32 shift = vf32_set1(0x1.8p23f);
    const vf32 eight_over_ln2 = vf32_set1(0x1.715476p+3f);
    const vf32 ln2_over_8 = vf32_set1(0x1.62e43p-4f);
    vf32 kd = vf32_fmadd(x, eight_over_ln2, shift);
    vf32 k = vf32_sub(kd, shift);
    vf32 r = vf32_fnmadd(k, ln2_over_8, x);
    vf32 hi = exp_table_scale_of(kd, tables.scale);
    const float *c = expm1_table_fast_poly;
    vf32 q = vf32_fmadd(vf32_set1(c[2]), r, vf32_set1(c[1]));
    q = vf32_fmadd(q, r, vf32_set1(c[0]));
    vf32 rl = vf32_add(r, vf32_table8_lookup(tables.lo_relative, vf32_as_vi32(kd)));
    struct expm1_fast m = {vf32_sub(hi, vf32_set1(1.0f)), hi, vf32_fmadd(vf32_mul(r, r), q, rl)};
    return m;
}

#endif
