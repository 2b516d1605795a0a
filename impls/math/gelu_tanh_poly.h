/*
 * gelu_tanh, polynomial method (no table), over the SIMD layer (include
 * one ISA's impls/simd/f32-*.h and f64w-*.h first).  The value and
 * derivative forms, the root window and the special lanes are those of
 * impls/math/gelu_tanh.h; only E = exp(-z) changes: without a table, reduced in octaves from s = (c1 + c3 x^2)/ln2
 * as a float pair (gelu_tanh_fast_slope; z itself is never rounded to a
 * float), m = round(-x sh), f = -x sh - m by one FMA minus x sl,
 * 2^f = 1 + f q(f) with q of degree 4 (gelu_tanh_poly_exp_poly,
 * impls/math/sollya/gelu_tanh_exp.sollya, 2^-23.3), 2^m by an integer add
 * to the exponent field (z in [-87.4, 20.6] keeps E normal).
 */
#ifndef ACTBENCH_MATH_GELU_TANH_POLY_H
#define ACTBENCH_MATH_GELU_TANH_POLY_H

#include "gelu_tanh.h"

/* exp(-(c1 x + c3 x^3)) with x = xc = min(5.5, x), |x| <= 10 or NaN:
 * s = (c1 + c3 x^2)/ln2 = sh + sl (gelu_tanh_fast_slope), m = round(-x sh),
 * f = -x sh - m (one FMA, exact product, |f| <= 1/2) minus x sl,
 * exp(-z) = 2^m 2^f, 2^f = 1 + f q(f) (gelu_tanh_poly_exp_poly, degree 5,
 * 2^-23.3), 2^m by an integer add to the exponent field (z in
 * [-87.4, 20.6] keeps the result normal) */
static inline __attribute__((always_inline)) vf32 gelu_tanh_poly_fast_e(vf32 xc, int use_scalef)
{
    vf32 kd, m = vf32_zero();
    vf32 f;
#if EXP_TABLE_SCALEF
    /* AVX-512F, value: 2^m by one vscalefps of m = kd - shift, where the
     * shift and the integer add took two operations (the same bits: E is
     * normal).  The derivative keeps the integer add: its loop, short of
     * registers, ran no faster by llvm-mca with vscalefps (port 0 only) */
    if (use_scalef)
        f = gelu_tanh_fast_reduce_m(xc, gelu_tanh_poly_argument, vf32_set1(0x1.8p23f), &kd, &m);
    else
#endif
        f = gelu_tanh_fast_reduce(xc, gelu_tanh_poly_argument, &kd);
    (void)use_scalef, (void)m;
    const float *c = gelu_tanh_poly_exp_poly;
    vf32 q = vf32_fmadd(vf32_set1(c[4]), f, vf32_set1(c[3]));
    q = vf32_fmadd(q, f, vf32_set1(c[2]));
    q = vf32_fmadd(q, f, vf32_set1(c[1]));
    q = vf32_fmadd(q, f, vf32_set1(c[0]));
    vf32 p = vf32_fmadd(f, q, vf32_set1(1.0f));
#if EXP_TABLE_SCALEF
    if (use_scalef)
        return vf32_scalef(p, m);
#endif
    vi32 scale = vi32_shl(vf32_as_vi32(kd), 23);
    return vi32_as_vf32(vi32_add(vf32_as_vi32(p), scale));
}

static inline __attribute__((always_inline)) vf32 gelu_tanh_poly_fast_value(vf32 x, vmask32 *special)
{
    *special = gelu_tanh_special_lanes(x);
    return silu_fast_of(x, gelu_tanh_poly_fast_e(gelu_tanh_clamp(x), 1));
}

static inline __attribute__((always_inline)) vf32 gelu_tanh_poly_fast_derivative(vf32 x, vmask32 *special)
{
    *special = gelu_tanh_special_lanes(x);
    vf32 xc = gelu_tanh_clamp(x);
    vf32 e = gelu_tanh_poly_fast_e(xc, 0);
    vf32 r = sigmoid_fast_of(e);
    vf32 xz = vf32_mul(xc, gelu_tanh_argument_derivative(xc));
    return gelu_tanh_root_fix(x, vf32_mul(r, vf32_fmadd(xz, vf32_mul(e, r), vf32_set1(1.0f))));
}

#endif
