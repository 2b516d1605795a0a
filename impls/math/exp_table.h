/*
 * exp(-x) in float, table form, over the SIMD layer (include one ISA's
 * impls/simd/f32-*.h first).
 *
 * Algorithm: -x = k*ln2/8 + r with k = round(-8x/ln2) (the 0x1.8p23
 * shifter puts k in the low bits of kd), |r| <= ln2/16 + 2^-20; r is
 * computed negated, r' = x + k*ln2/8 (the accurate form with ln2/8 in two
 * floats, two FMAs, exact enough for |k| < 2^10).  Then
 *     exp(-x) = 2^(k/8) * exp(-r') = 2^e * 2^(j/8) * (1 + p(r')),  k = 8e + j.
 * Table: 2^(j/8), j = 0..7, as float bits minus j << 20 so that one integer
 * add of k << 20 gives the bits of 2^e * hi[j] (exact while the result is a
 * normal float); 8 entries of 4 bytes, one register on AVX2 (vpermps) and
 * half of one on AVX-512 (vpermps on zmm), 32 bytes of L1 shared by all
 * kernels; a second 32-byte table holds the part of 2^(j/8) the float
 * misses (both tables: one 64-byte line).  The kernels load both tables
 * into registers before their loops.
 *
 * exp_table_accurate: exp(-x) as an unevaluated sum hi + lo, hi = 2^e*hi[j]
 *   exact and lo = hi*(p + lo[j]), |lo| <= 0.045*|hi| (not renormalised:
 *   the callers fold lo in where they need it); p of degree 4 (relative
 *   error 2^-32.4, impls/math/sollya/exp_table.sollya).  The relative error of hi + lo is
 *   below 2^-28 (p's float evaluation and lo's rounding: 2^-24 of |p + lo[j]|
 *   <= 0.045); its use is where exp(-x) must be known to far below an ulp
 *   (sigmoid for x < 0 inherits its relative error).
 * exp_table_fast: exp(-x) as one float: one-FMA reduction with ln2/8
 *   rounded to float (r' off by |k|*2^-31.9: below 2^-25 on [-10, 10],
 *   2^-22 at |x| = 87), 1 - r + r^2*q(r) with q of degree 1 (2^-25.2),
 *   evaluated as hi + hi*(r^2*q + (lo[j] - r)): monotone within each k,
 *   and with lo[j] the table's rounding no longer makes E step backwards
 *   where k changes (without it, once over all of f32: sigmoid at
 *   x = 0x1.8f40b8p-2).  Twelve operations against exp_poly_fast's eleven,
 *   two of them lookups off the FMA pipes: 7% faster measured.
 * Both are valid for |x| <= 87 (results normal, k in range); callers send
 * other lanes (and NaN) to their special case.
 */
#ifndef ACTBENCH_MATH_EXP_TABLE_H
#define ACTBENCH_MATH_EXP_TABLE_H

#include "coefficients.h"
#include "exp_data.h"

/* |x| above this goes to the caller's special case (as float bits, for
 * an integer compare that also catches NaN) */
#define EXP_TABLE_LIMIT 87.0f
#define EXP_TABLE_LIMIT_BITS 0x42ae0000

struct exp_table_tables {
    vf32_table8 scale;       /* exp_table_scale */
    vf32_table8 lo_relative; /* exp_table_lo_relative */
};

static inline struct exp_table_tables exp_table_load(void)
{
    struct exp_table_tables t = {vf32_table8_load(exp_table_scale.value),
                                 vf32_table8_load(exp_table_lo_relative.value)};
    return t;
}

struct exp_hilo {
    vf32 hi, lo;
};

/* Shared reduction: kd holds k in its low bits, returns r'. */
static inline vf32 exp_table_reduce(vf32 x, vf32 *kd)
{
    const vf32 shift = vf32_set1(0x1.8p23f);
    const vf32 minus_8_over_ln2 = vf32_set1(-0x1.715476p+3f);
    const vf32 ln2_over_8_hi = vf32_set1(0x1.62e4p-4f);      /* 15 bits */
    const vf32 ln2_over_8_lo = vf32_set1(0x1.7f7d1cp-23f);   /* ln2/8 - hi */
    vf32 k_shifted = vf32_fmadd(x, minus_8_over_ln2, shift);
    vf32 k = vf32_sub(k_shifted, shift);
    vf32 r = vf32_fmadd(k, ln2_over_8_hi, x);
    r = vf32_fmadd(k, ln2_over_8_lo, r);
    *kd = k_shifted;
    return r;
}

/* 2^e * hi[j] for k = 8e + j in the low bits of kd */
static inline vf32 exp_table_scale_of(vf32 kd, vf32_table8 scale)
{
    vi32 ki = vf32_as_vi32(kd);
    vi32 bits = vf32_as_vi32(vf32_table8_lookup(scale, ki));
    return vi32_as_vf32(vi32_add(vi32_shl(ki, 20), bits));
}

/* exp(-x) = hi*(1 + p): returns p, the low part relative to hi, for a
 * caller that adds hi*p where it needs it with one FMA */
static inline vf32 exp_table_accurate_relative(vf32 x, struct exp_table_tables t, vf32 *hi)
{
    vf32 kd;
    vf32 r = exp_table_reduce(x, &kd);
    *hi = exp_table_scale_of(kd, t.scale);
    const float *c = exp_table_accurate_poly;
    vf32 q = vf32_fmadd(vf32_set1(c[3]), r, vf32_set1(c[2]));
    q = vf32_fmadd(q, r, vf32_set1(c[1]));
    q = vf32_fmadd(q, r, vf32_set1(c[0]));
    return vf32_fmadd(q, r, vf32_table8_lookup(t.lo_relative, vf32_as_vi32(kd)));
}

static inline struct exp_hilo exp_table_accurate(vf32 x, struct exp_table_tables t)
{
    vf32 hi;
    vf32 p = exp_table_accurate_relative(x, t, &hi);
    struct exp_hilo e = {hi, vf32_mul(hi, p)};
    return e;
}

static inline vf32 exp_table_fast(vf32 x, vf32_table8 scale, vf32_table8 lo_relative)
{
    const vf32 shift = vf32_set1(0x1.8p23f);
    const vf32 minus_8_over_ln2 = vf32_set1(-0x1.715476p+3f);
    const vf32 ln2_over_8 = vf32_set1(0x1.62e43p-4f);
    vf32 kd = vf32_fmadd(x, minus_8_over_ln2, shift);
    vf32 k = vf32_sub(kd, shift);
    vf32 r = vf32_fmadd(k, ln2_over_8, x);
    vf32 hi = exp_table_scale_of(kd, scale);
    const float *c = exp_table_fast_poly;
    vf32 q = vf32_fmadd(vf32_set1(c[1]), r, vf32_set1(c[0]));
    /* hi + hi*(r^2*q + (lo[j] - r)): monotone in r, as exp_poly_fast */
    vf32 t = vf32_sub(vf32_table8_lookup(lo_relative, vf32_as_vi32(kd)), r);
    return vf32_fmadd(hi, vf32_fmadd(vf32_mul(r, r), q, t), hi);
}

#endif
