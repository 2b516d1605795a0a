/*
 * gelu for the 16-bit kernels (bf16, f16): the value correctly rounded to
 * the format, the derivative within a few float ulps; over the SIMD layer
 * (include one ISA's impls/simd/f32-*.h, f64w-*.h and 16-bit header
 * first), run by the loops of impls/math/elementwise16.h.
 *
 * Value, Ziv's strategy in two steps:
 *  1. float, every lane: the fast table form of impls/math/gelu.h
 *     (gelu_table_fast_value: exp(-x^2/2) from the 2^(j/8) table with x^2
 *     split, the scaled Mills ratio from 32 segments of degree 3; 3.88
 *     float ulps at most over actbench's 1M f32 points).  The loop narrows
 *     it with vh16_from_f32_checked(y, GELU16_ERROR_FLOATS = 8): a lane is
 *     correctly rounded unless a midpoint of the format lies within 8
 *     floats of y, and those lanes are flagged.
 *  2. compensated float, vectors with a flagged lane (and |x| > 12.5, NaN;
 *     off the hot path): the accurate table form's Phi as a float pair
 *     (relative error about 2^-27), gelu = x*Phi_hi + x*Phi_lo as hi + lo
 *     with hi = RN(hi + lo) (the product's exact error by FMA, Fast2Sum),
 *     rounded to odd to a float (vh16_round_odd) and then once to the
 *     format: a float rounded to odd lies on a midpoint of the format (8
 *     or 11 bits against 24) only when hi + lo does, so no value is rounded
 *     twice.  For 0 < |x| < 2^-40 the pair is x/2 (exact) and a positive
 *     low part: gelu(x) - x/2 = x^2/sqrt(2 pi) + ... > 0 for both signs of
 *     x underflows in float, and x/2 is a bf16 midpoint for every odd
 *     multiple of the smallest bf16 subnormal.  |x| > 12.5 and NaN: the
 *     double forms of gelu.h (x above 12.5; the Mills ratio's asymptotic
 *     series with a double exp below -12.5), rounded to odd to a float,
 *     then once to the format.
 * The pair's error is not bounded away from every midpoint by an
 * argument: that every one of the 65536 encodings of each format rounds
 * correctly is checked bit for bit against MPFR (tests/test_h16_rounding.c
 * and the kernels' head comments).
 *
 * Derivative (1 ulp of the format): gelu' = Phi(x) + x*phi(x) by the fast
 * table form (gelu_table_fast_derivative: 15.5 float ulps at most over
 * actbench's 1M f32 points, 2^-12 of a bf16 ulp and 2^-9 of an f16 ulp),
 * |x| > 12.5 and NaN in double (gelu.h's special case), times dy in float
 * and rounded once to the format.
 */
#ifndef ACTBENCH_MATH_GELU16_H
#define ACTBENCH_MATH_GELU16_H

#include <stdint.h>

#include "gelu.h"

/* The float result of step 1 decides the rounding when it is within this
 * many floats of the exact value (3.88 measured over actbench's 1M f32
 * points; every bf16 and f16 input is checked bit for bit). */
#define GELU16_ERROR_FLOATS 8

static inline vf32 gelu16_value(vf32 x, const void *context, vmask32 *special)
{
    return gelu_table_fast_value(x, (const struct gelu_fast_tables *)context, special);
}

static inline vf32 gelu16_derivative(vf32 x, const void *context, vmask32 *special)
{
    return gelu_table_fast_derivative(x, (const struct gelu_fast_tables *)context, special);
}

/* Steps 2 and 3 for the given lanes (the others of h unchanged): a float
 * whose rounding to the format is gelu(x)'s, narrowed once.  Off the hot
 * path. */
static __attribute__((noinline, unused)) vh16 gelu16_special_case(vf32 x, vh16 h, vmask32 lanes)
{
    const struct gelu_accurate_tables tab = gelu_accurate_load();
    vf32 t = vf32_abs(x);
    struct gelu_parts p = gelu_accurate_parts(x, t, &tab);
    vf32 prod = vf32_mul(x, p.phi_hi);
    vf32 low = vf32_fmadd(x, p.phi_lo, vf32_fmsub(x, p.phi_hi, prod));
    vf32 hi = vf32_add(prod, low);
    vf32 lo = vf32_add(vf32_sub(prod, hi), low);
    /* 0 < |x| < 2^-40: x/2 and gelu(x) - x/2 > 0 */
    vmask32 tiny = vmask32_and(vf32_lt(t, vf32_set1(0x1p-40f)), vf32_gt(t, vf32_zero()));
    hi = vf32_select(tiny, vf32_mul(x, vf32_set1(0.5f)), hi);
    lo = vf32_select(tiny, vf32_set1(0x1p-149f), lo);
    vf32 y = gelu_sign_of(x, vh16_round_odd(hi, lo));
    vmask32 special = gelu_special_lanes(t);
    if (vmask32_any(special)) {
        vf32 tail = vf32_select(vf32_gt(x, vf32_zero()), x, vf64w_narrow_round_odd(gelu_f64w_negative_value(x)));
        y = vf32_select(special, tail, y);
    }
    return vh16_select(lanes, vh16_from_f32(y), h);
}

#endif
