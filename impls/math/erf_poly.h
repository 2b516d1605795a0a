/*
 * The upper tail of the normal distribution in relative terms, polynomial
 * form (no table), over the SIMD layer (include one ISA's
 * impls/simd/f32-*.h first): Phi(-t) = exp(-t^2/2) * V(t) as in
 * erf_table.h, with the scaled Mills ratio
 *
 *     V(t) = u * F(u),   u = 1/(t + 3),
 *
 * F of degree 9 in w = u - u0, u0 = 0.2 (relative error 2^-24.8 on t in
 * [0, 12.5]; in u itself the coefficients grow to 400 with alternating
 * signs and Horner's rounding errors reach 2^-21.7 of F,
 * impls/math/sollya/erf_poly.sollya): V falls like 1/t, which a polynomial
 * in t cannot follow over [0, 12.5], while F stays within [0.49, 1.5].  One
 * division, nine FMAs, a product and its correction by the division's
 * residual (two FMAs).
 */
#ifndef ACTBENCH_MATH_ERF_POLY_H
#define ACTBENCH_MATH_ERF_POLY_H

#include "coefficients.h"

static inline vf32 erf_poly_fast(vf32 t)
{
    const float *c = erf_poly_fast_mills;
    vf32 sum = vf32_add(t, vf32_set1(erf_poly_fast_offset));
    vf32 u = vf32_div(vf32_set1(1.0f), sum);
    vf32 w = vf32_sub(u, vf32_set1(erf_poly_fast_center));
    vf32 f = vf32_fmadd(vf32_set1(c[9]), w, vf32_set1(c[8]));
    f = vf32_fmadd(f, w, vf32_set1(c[7]));
    f = vf32_fmadd(f, w, vf32_set1(c[6]));
    f = vf32_fmadd(f, w, vf32_set1(c[5]));
    f = vf32_fmadd(f, w, vf32_set1(c[4]));
    f = vf32_fmadd(f, w, vf32_set1(c[3]));
    f = vf32_fmadd(f, w, vf32_set1(c[2]));
    f = vf32_fmadd(f, w, vf32_set1(c[1]));
    f = vf32_fmadd(f, w, vf32_set1(c[0]));
    /* u*F corrected by the division's residual 1 - u*(t + 3): the
     * rounding of u would otherwise add a quarter of the budget */
    vf32 uf = vf32_mul(u, f);
    return vf32_fmadd(uf, vf32_fnmadd(u, sum, vf32_set1(1.0f)), uf);
}

#endif
