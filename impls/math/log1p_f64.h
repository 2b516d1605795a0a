/*
 * log1p(t) in double for t >= 0: the log of a softmax row's sum of the
 * exponentials next to its largest one, which log_softmax subtracts from
 * every entry.  Two forms with the same operations: log1p_f64 on one
 * value (a row at a time: plain scalar code; kernels built with FMA inline
 * the fused steps, the scalar ISA calls libm's fma) and log1p_f64w on
 * double lanes (a block of rows at once; include one ISA's impls/simd/
 * f32-*.h and f64w-*.h first).
 *
 * Algorithm: 1 + t = u + c exactly (u = fl(1 + t) and Fast2Sum's error c,
 * the larger operand first); u = 2^e * z with z in [0.75, 1.5) (the
 * layer's vf64w_split_exponent), f = z - 1 (exact), s = f / (2 + f) in
 * [-1/7, 1/5], w = s^2 and
 *     log(z) = 2*atanh(s) = 2s + s*R(w),
 * R of degree 6 in w (impls/math/sollya/log1p_f64.sollya, relative error
 * 2^-41.0, below 2^-47 of log(z) since |s*R| <= 0.014 |2s|); then
 * log1p(t) = e*ln2_hi + (log(z) + (e*ln2_lo + c/u)), c/u standing for
 * log(1 + c/u) (|c/u| <= 2^-53: the next term is below 2^-107).  For t
 * below 2^-53, u = 1, e = 0, f = 0 and the result is c = t, as log1p's
 * relative accuracy needs; t = 0 gives +0.  Relative error below 2^-46
 * over t in [0, 2^1000); NaN gives NaN.
 */
#ifndef ACTBENCH_MATH_LOG1P_F64_H
#define ACTBENCH_MATH_LOG1P_F64_H

#include <math.h>
#include <stdint.h>
#include <string.h>

#include "coefficients.h"

static inline double log1p_f64(double t)
{
    const double one = 1.0;
    double u = one + t;
    double big = t > one ? t : one, small = t > one ? one : t;
    double c = small - (u - big);

    uint64_t bits;
    memcpy(&bits, &u, sizeof bits);
    int e = (int)((bits >> 52) & 0x7ff) - 1023;
    uint64_t zbits = (bits & 0x000fffffffffffffu) | 0x3ff0000000000000u;
    double z;
    memcpy(&z, &zbits, sizeof z);
    if (z >= 1.5) {
        z *= 0.5;
        e++;
    }
    double f = z - one;
    double s = f / (2.0 + f);
    double w = s * s;
    const double *k = log1p_f64_poly;
    double w2 = w * w;
    double r01 = fma(k[1], w, k[0]);
    double r23 = fma(k[3], w, k[2]);
    double r45 = fma(k[5], w, k[4]);
    double r = fma(fma(r45, w2, r23), w2, r01) * w;
    double log_z = fma(s, r, 2.0 * s);
    double ed = (double)e;
    double tail = fma(ed, log1p_f64_ln2_lo, c / u);
    return fma(ed, log1p_f64_ln2_hi, log_z + tail);
}

#ifdef ACTBENCH_SIMD_F64W
static inline vf64w log1p_f64w(vf64w t)
{
    const vf64w one = vf64w_set1(1.0);
    vf64w u = vf64w_add(one, t);
    vf64w c = vf64w_sub(vf64w_min(t, one), vf64w_sub(u, vf64w_max(t, one)));
    vf64w e;
    vf64w z = vf64w_split_exponent(u, &e);
    vf64w f = vf64w_sub(z, one);
    vf64w s = vf64w_div(f, vf64w_add(vf64w_set1(2.0), f));
    vf64w w = vf64w_mul(s, s);
    const double *k = log1p_f64_poly;
    vf64w w2 = vf64w_mul(w, w);
    vf64w r01 = vf64w_fmadd(vf64w_set1(k[1]), w, vf64w_set1(k[0]));
    vf64w r23 = vf64w_fmadd(vf64w_set1(k[3]), w, vf64w_set1(k[2]));
    vf64w r45 = vf64w_fmadd(vf64w_set1(k[5]), w, vf64w_set1(k[4]));
    vf64w r = vf64w_mul(vf64w_fmadd(vf64w_fmadd(r45, w2, r23), w2, r01), w);
    vf64w log_z = vf64w_fmadd(s, r, vf64w_add(s, s));
    vf64w tail = vf64w_fmadd(e, vf64w_set1(log1p_f64_ln2_lo), vf64w_div(c, u));
    return vf64w_fmadd(e, vf64w_set1(log1p_f64_ln2_hi), vf64w_add(log_z, tail));
}
#endif

#endif
