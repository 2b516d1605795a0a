/*
 * gelu, poly method of the fast tier, value only, in a form with a shorter
 * dependency chain and fewer operations (the AVX2 kernel; include one
 * ISA's impls/simd/f32-*.h first).
 *
 * The arithmetic is gelu_poly_fast_value's (impls/math/gelu.h says why
 * each compensation is there), with four changes:
 *   - F's terms of degree 1 to 9 in w as w*(c1 + w*(c2 + w*H(w))), H
 *     of degree 6 by Estrin's scheme: w^2, w^4 and three independent
 *     pairs, five operations deep instead of eight (two products more);
 *     F's last step keeps its rounding error (F_hi + F_lo) as before;
 *   - exp's polynomial q of degree 4 as (e0 + e1 r) + r^2 (e2 + e3 r +
 *     e4 r^2): the same four FMAs, two deep instead of four;
 *   - t^2/2 split directly, (t/2)*t = h_hi + h_lo (t/2 exact), so that
 *     h_lo + rp is an addition where s_lo/2 + rp took an FMA: the same
 *     floats (h_hi = s_hi/2 and h_lo = s_lo/2 exactly);
 *   - the form (x < 0 or x >= 0) picked by the sign bit, an integer
 *     compare: x = -0 takes the negative form, whose sign bit is set by
 *     one OR (gelu <= -0 there), so that gelu_sign_of's two operations on
 *     every lane go.
 * Measured on the AVX2 kernel (Zen 5, medians of three runs alternating
 * the binaries): Horner's rule after the division, 3.52 cycles per
 * element; this form 3.37 (libmvec 1.89 in the same runs); Estrin's
 * scheme over more of F's terms was faster but less accurate (3.25 over
 * all nine, 3.27 over c2 to c9: see gelu_estrin_mills_tail).  The
 * approximate reciprocal and a Newton step (two FMAs) in place of the
 * division were slower: with Horner's rule 3.59 against 3.52, with
 * Estrin's (before the last two changes) 3.38 against 3.35 with the
 * division and the direct split.
 */
#ifndef ACTBENCH_MATH_GELU_POLY_FAST_ESTRIN_H
#define ACTBENCH_MATH_GELU_POLY_FAST_ESTRIN_H

#include "gelu.h"

/* c[1] + w*(c[2] + w*H(w)), H = c[3] + c[4] w + ... + c[9] w^6 by
 * Estrin's scheme: the two large low-order sums (c[1] = 3.6, c[2] = 9.2)
 * are each rounded once, as by Horner's rule, and H's extra roundings
 * reach F scaled by w^2 <= 0.018.  Estrin's scheme over more of the
 * terms rounded partial sums of that size two or three times: over all
 * nine, the value reached 3.69 ulp at x = 0x1.ee3c1ep-9 (w at its end);
 * over c[2] to c[9], 3.67 ulp at x = 0x1.f6b00ap-11 (every float of
 * [-12.5, 12.5]), both over the declared 3.57 */
static inline vf32 gelu_estrin_mills_tail(vf32 w)
{
    const float *c = erf_poly_fast_mills;
    vf32 w2 = vf32_mul(w, w);
    vf32 w4 = vf32_mul(w2, w2);
    vf32 p34 = vf32_fmadd(vf32_set1(c[4]), w, vf32_set1(c[3]));
    vf32 p56 = vf32_fmadd(vf32_set1(c[6]), w, vf32_set1(c[5]));
    vf32 p78 = vf32_fmadd(vf32_set1(c[8]), w, vf32_set1(c[7]));
    vf32 q36 = vf32_fmadd(p56, w2, p34);
    vf32 q79 = vf32_fmadd(vf32_set1(c[9]), w2, p78);
    vf32 h = vf32_fmadd(q79, w4, q36);
    return vf32_fmadd(vf32_fmadd(h, w, vf32_set1(c[2])), w, vf32_set1(c[1]));
}

static inline vf32 gelu_poly_fast_estrin_value(vf32 x, vmask32 *special)
{
    vf32 t = vf32_abs(x);
    *special = gelu_special_lanes(t);
    vf32 u, rp;
    vf32 w = gelu_poly_fast_argument(t, &u, &rp);
    const float *c = erf_poly_fast_mills;
    vf32 f = gelu_estrin_mills_tail(w);
    vf32 f_hi = vf32_fmadd(f, w, vf32_set1(c[0]));
    vf32 f_lo = vf32_fmadd(f, w, vf32_sub(vf32_set1(c[0]), f_hi));
    vf32 m_hi = vf32_mul(u, f_hi);
    vf32 m_lo = vf32_fmadd(u, f_lo, vf32_fmsub(u, f_hi, m_hi));
    /* exp(-(t^2/2 - rp)) = 2^k * (1 + P), t^2/2 = h_hi + h_lo exactly */
    vf32 half_t = vf32_mul(vf32_set1(0.5f), t);
    vf32 half_square = vf32_mul(half_t, t);
    vf32 half_lo = vf32_fmsub(half_t, t, half_square);
    const vf32 shift = vf32_set1(0x1.8p23f);
    vf32 kd = vf32_fmadd(half_square, vf32_set1(-0x1.715476p+0f), shift);
    vf32 k = vf32_sub(kd, shift);
    vf32 r = vf32_fmadd(k, vf32_set1(0x1.62e4p-1f), half_square);
    r = vf32_fmadd(k, vf32_set1(0x1.7f7d1cp-20f), r);
    r = vf32_add(r, vf32_add(half_lo, rp));
    const float *e = exp_poly_fast6_poly;
    vf32 r2 = vf32_mul(r, r);
    vf32 q01 = vf32_fmadd(vf32_set1(e[1]), r, vf32_set1(e[0]));
    vf32 q24 = vf32_fmadd(vf32_set1(e[4]), r2, vf32_fmadd(vf32_set1(e[3]), r, vf32_set1(e[2])));
    vf32 q = vf32_fmadd(q24, r2, q01);
    vf32 p = vf32_fmsub(r2, q, r);
    vf32 pm = vf32_fmadd(p, m_hi, m_lo);
    vi32 scale = vi32_shl(vf32_as_vi32(kd), 23);
    vf32 negative = vf32_fmadd(x, m_hi, vf32_mul(x, pm));
    /* x <= -0 here, gelu <= -0: the sign bit set by one OR (at x = -0 the
     * products' zeros can sum to +0) */
    negative = vi32_as_vf32(vi32_or(vi32_add(vf32_as_vi32(negative), scale), vi32_set1(INT32_MIN)));
    vf32 tail = vi32_as_vf32(vi32_add(vf32_as_vi32(vf32_add(m_hi, pm)), scale));
    vf32 positive = vf32_fnmadd(x, tail, x);
    /* the sign bit picks the form: x = -0 takes the negative one */
    return vf32_select(vi32_gt(vi32_set1(0), vf32_as_vi32(x)), negative, positive);
}

#endif
