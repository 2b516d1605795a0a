/*
 * exp(-x), polynomial form (no table), over the SIMD layer (include one
 * ISA's impls/simd/f32-*.h, and f64w-*.h for the double form, first).
 *
 * Algorithm: -x = k*ln2 + r, k = round(-x/ln2) (shifter 0x1.8p23, or
 * 0x1.8p52 in double), r computed negated, r' = x + k*ln2, |r'| <= ln2/2;
 * exp(-x) = 2^k * (1 + p(r')), the 2^k
 * applied by an integer add of k to the exponent field.
 *
 * exp_poly_fast: float, 1 + p of degree 5 with its first two terms 1 - r
 *   fixed (relative error 2^-23.2, impls/math/sollya/exp_poly.sollya),
 *   evaluated as 1 + (r^2*q(r) - r): Horner's form rounds q(r) ~ -1 and
 *   multiplies its steps by r, which made E (and sigmoid) step backwards
 *   890 times over [0.06, 0.5]; this order is monotone.  Its
 *   reduction is one FMA with ln2 rounded to float (|ln2 - ln2f| < 2^-28.9):
 *   r' is off by |k| times that, below 2^-25 on [-10, 10] (|k| <= 15) and
 *   2^-22 at |x| = 87, where the fast tier's bound is only what is
 *   measured; the two-FMA reduction costs 11% of the AVX2 sigmoid.  Valid
 *   for |x| <= 87 (normal results); callers send other lanes (and NaN) to
 *   their special case.
 * exp_poly_accurate_f64w: double, ln2 in two parts (two FMAs), p of
 *   degree 7 (2^-34.3): a relative
 *   error below 2^-34 for float arguments widened to double, |x| <= 700.
 *   Used by the accurate kernels where a float's rounding must happen
 *   once, at the end (and by every kernel's special case).
 */
#ifndef ACTBENCH_MATH_EXP_POLY_H
#define ACTBENCH_MATH_EXP_POLY_H

#include "coefficients.h"

#define EXP_POLY_LIMIT_BITS 0x42ae0000 /* 87.0f, as exp_table.h */

static inline vf32 exp_poly_fast(vf32 x)
{
    const vf32 shift = vf32_set1(0x1.8p23f);
    const vf32 minus_1_over_ln2 = vf32_set1(-0x1.715476p+0f);
    const vf32 ln2 = vf32_set1(0x1.62e43p-1f);
    vf32 kd = vf32_fmadd(x, minus_1_over_ln2, shift);
    vf32 k = vf32_sub(kd, shift);
    vf32 r = vf32_fmadd(k, ln2, x);
    const float *c = exp_poly_fast_poly;
    vf32 r2 = vf32_mul(r, r);
    vf32 q = vf32_fmadd(vf32_set1(c[3]), r, vf32_set1(c[2]));
    q = vf32_fmadd(q, r, vf32_set1(c[1]));
    q = vf32_fmadd(q, r, vf32_set1(c[0]));
    /* 1 + (r^2*q - r): the roundings of q move the sum by r^2*ulp(q),
     * less than a step of r, so the sum, and E, are monotone in r */
    vf32 p = vf32_add(vf32_set1(1.0f), vf32_fmsub(r2, q, r));
    vi32 scale = vi32_shl(vf32_as_vi32(kd), 23);
    return vi32_as_vf32(vi32_add(vf32_as_vi32(p), scale));
}

#ifdef ACTBENCH_SIMD_F64W
/* -a = k*ln2 + r with ln2 in two doubles (two FMAs), |r| <= ln2/2; kd
 * holds k in its low bits (the 1.5*2^52 shifter) */
static inline vf64w exp_poly_f64w_reduce(vf64w a, vf64w *kd)
{
    const vf64w shift = vf64w_set1(0x1.8p52);
    const vf64w minus_1_over_ln2 = vf64w_set1(-0x1.71547652b82fep0);
    const vf64w ln2_hi = vf64w_set1(0x1.62e42fefa39efp-1);
    const vf64w ln2_lo = vf64w_set1(0x1.abc9e3b39803fp-56);
    *kd = vf64w_fmadd(a, minus_1_over_ln2, shift);
    vf64w k = vf64w_sub(*kd, shift);
    vf64w r = vf64w_fmadd(k, ln2_hi, a);
    return vf64w_fmadd(k, ln2_lo, r);
}

/* q(r) of degree 6 (exp_poly_accurate_f64_poly): e^r - 1 = r*q(r) */
static inline vf64w exp_poly_accurate_f64w_q(vf64w r)
{
    const double *c = exp_poly_accurate_f64_poly;
    vf64w q = vf64w_fmadd(vf64w_set1(c[6]), r, vf64w_set1(c[5]));
    q = vf64w_fmadd(q, r, vf64w_set1(c[4]));
    q = vf64w_fmadd(q, r, vf64w_set1(c[3]));
    q = vf64w_fmadd(q, r, vf64w_set1(c[2]));
    q = vf64w_fmadd(q, r, vf64w_set1(c[1]));
    return vf64w_fmadd(q, r, vf64w_set1(c[0]));
}

/* 2^k*(1 + r*q(r)) from the reduced r and kd (k in its low bits) */
static inline vf64w exp_poly_accurate_f64w_finish(vf64w r, vf64w kd)
{
    vf64w p = vf64w_fmadd(exp_poly_accurate_f64w_q(r), r, vf64w_set1(1.0));
    return vi64w_as_vf64w(vi64w_add(vf64w_as_vi64w(p), vi64w_shl(vf64w_as_vi64w(kd), 52)));
}

static inline vf64w exp_poly_accurate_f64w(vf64w x)
{
    vf64w kd;
    vf64w r = exp_poly_f64w_reduce(x, &kd);
    return exp_poly_accurate_f64w_finish(r, kd);
}
#endif

#endif
