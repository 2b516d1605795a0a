/*
 * gelu_tanh, polynomial method (no table), over the SIMD layer (include
 * one ISA's impls/simd/f32-*.h and f64w-*.h first).  The argument pair
 * z = zh + zl, the value and derivative forms, the root window and the
 * special lanes are those of impls/math/gelu_tanh.h; only E = exp(-z)
 * changes: exp_poly_fast's form (impls/math/exp_poly.h) with
 *   - the two-FMA reduction -z = k ln2 + r, ln2 = ln2_hi + ln2_lo with
 *     ln2_hi of 15 bits (k ln2_hi exact for |k| < 2^9; |k| <= 123 here),
 *     where exp_poly_fast's one FMA with ln2 rounded to float is off by
 *     |k| 2^-28.9, 2^-22 at z = -85: 2 ulp of the result in the tail;
 *   - zl added to the reduced argument r' = zh + k ln2;
 *   - 1 + p(r') = 1 + (r'^2 q(r') - r'), q of degree 3 (exp_poly_fast_poly,
 *     impls/math/sollya/exp_poly.sollya, 2^-23.2), monotone in r';
 *   - 2^-k applied by an integer add to the exponent field (z in
 *     [-87.4, 20.6] keeps E normal).
 */
#ifndef ACTBENCH_MATH_GELU_TANH_POLY_H
#define ACTBENCH_MATH_GELU_TANH_POLY_H

#include "gelu_tanh.h"

/* exp(-(zh + zl)) with z of xc = min(5.5, x), |x| <= 10 or NaN */
static inline __attribute__((always_inline)) vf32 gelu_tanh_poly_fast_e(vf32 xc)
{
    const vf32 shift = vf32_set1(0x1.8p23f);
    const vf32 minus_1_over_ln2 = vf32_set1(-0x1.715476p+0f);
    const vf32 ln2_hi = vf32_set1(0x1.62e4p-1f);     /* 15 bits */
    const vf32 ln2_lo = vf32_set1(0x1.7f7d1cp-20f);  /* ln2 - ln2_hi */
    vf32 zl;
    vf32 zh = gelu_tanh_argument(xc, &zl);
    vf32 kd = vf32_fmadd(zh, minus_1_over_ln2, shift);
    vf32 k = vf32_sub(kd, shift);
    vf32 r = vf32_fmadd(k, ln2_hi, zh);
    r = vf32_fmadd(k, ln2_lo, r);
    r = vf32_add(r, zl);
    const float *c = exp_poly_fast_poly;
    vf32 r2 = vf32_mul(r, r);
    vf32 q = vf32_fmadd(vf32_set1(c[3]), r, vf32_set1(c[2]));
    q = vf32_fmadd(q, r, vf32_set1(c[1]));
    q = vf32_fmadd(q, r, vf32_set1(c[0]));
    vf32 p = vf32_add(vf32_set1(1.0f), vf32_fmsub(r2, q, r));
    vi32 scale = vi32_shl(vf32_as_vi32(kd), 23);
    return vi32_as_vf32(vi32_add(vf32_as_vi32(p), scale));
}

static inline __attribute__((always_inline)) vf32 gelu_tanh_poly_fast_value(vf32 x, vmask32 *special)
{
    *special = gelu_tanh_special_lanes(x);
    return silu_fast_of(x, gelu_tanh_poly_fast_e(gelu_tanh_clamp(x)));
}

static inline __attribute__((always_inline)) vf32 gelu_tanh_poly_fast_derivative(vf32 x, vmask32 *special)
{
    *special = gelu_tanh_special_lanes(x);
    vf32 xc = gelu_tanh_clamp(x);
    vf32 e = gelu_tanh_poly_fast_e(xc);
    vf32 r = sigmoid_fast_of(e);
    vf32 xz = vf32_mul(xc, gelu_tanh_argument_derivative(xc));
    return gelu_tanh_root_fix(x, vf32_mul(r, vf32_fmadd(xz, vf32_mul(e, r), vf32_set1(1.0f))));
}

#endif
