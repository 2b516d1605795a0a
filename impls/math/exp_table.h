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
 * on AVX-512 one zmm holding them twice (vpermps on zmm), 32 bytes of L1 shared by all
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
 * exp_table_accurate_relative_eighth (the logistic kernels): the same bits
 *   from k/8 (shifter 0x1.8p20); on AVX-512F hi is one vscalefps of the
 *   table's 2^(j/8) by k/8, two operations fewer.
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

/* AVX-512F: exp_table_accurate_relative_eighth rebuilds hi with one
 * vscalefps from the table of 2^(j/8) itself (see there) */
#if VF32_LANES == 16 && defined(__AVX512F__)
#define EXP_TABLE_SCALEF 1
#else
#define EXP_TABLE_SCALEF 0
#endif

struct exp_table_tables {
    vf32_table8 scale;       /* exp_table_scale */
    vf32_table8 lo_relative; /* exp_table_lo_relative */
#if EXP_TABLE_SCALEF
    vf32_table8 value; /* 2^(j/8) rounded to float: exp_table_scale + (j << 20) */
#endif
};

static inline struct exp_table_tables exp_table_load(void)
{
    struct exp_table_tables t = {vf32_table8_load(exp_table_scale.value),
                                 vf32_table8_load(exp_table_lo_relative.value)
#if EXP_TABLE_SCALEF
                                 ,
                                 vf32_table8_load(exp_table_scale.value)
#endif
    };
#if EXP_TABLE_SCALEF
    /* both halves hold j = 0..7 (vf32_table8_load) */
    const vi32 j20 = _mm512_set_epi32(7 << 20, 6 << 20, 5 << 20, 4 << 20, 3 << 20, 2 << 20, 1 << 20, 0,
                                      7 << 20, 6 << 20, 5 << 20, 4 << 20, 3 << 20, 2 << 20, 1 << 20, 0);
    t.value = vi32_as_vf32(vi32_add(vf32_as_vi32(t.value), j20));
#endif
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

/* exp_table_reduce of x/2 from x (gelu's t^2): kd the same and the
 * returned r2 = 2r', each constant exp_table_reduce's times 1/2 or 2, so
 * that every product and rounding moves by a power of two only (exact for
 * |x| <= 174, k in range and no subnormal): x/2 takes no multiplication. */
static inline vf32 exp_table_reduce_half(vf32 x, vf32 *kd)
{
    const vf32 shift = vf32_set1(0x1.8p23f);
    const vf32 minus_4_over_ln2 = vf32_set1(-0x1.715476p+2f);
    const vf32 ln2_over_4_hi = vf32_set1(0x1.62e4p-3f);
    const vf32 ln2_over_4_lo = vf32_set1(0x1.7f7d1cp-22f);
    vf32 k_shifted = vf32_fmadd(x, minus_4_over_ln2, shift);
    vf32 k = vf32_sub(k_shifted, shift);
    vf32 r2 = vf32_fmadd(k, ln2_over_4_hi, x);
    r2 = vf32_fmadd(k, ln2_over_4_lo, r2);
    *kd = k_shifted;
    return r2;
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

/* The same reduction with k/8 in place of k: the shifter 0x1.8p20 rounds
 * -x/ln2 to a multiple of 1/8 (ties to even k, as 0x1.8p23 rounds -8x/ln2),
 * so kd holds k in its low bits as before (0x49c00000 + k, whose shift left
 * by 20 is k << 20 as that of 0x4b400000 + k) and kd - shift is k/8
 * exactly.  The constants are exp_table_reduce's times 1/8 and 8, so every
 * product and rounding moves by a power of two only: r and the low bits of
 * kd are exp_table_reduce's bit for bit. */
static inline vf32 exp_table_reduce_eighth(vf32 x, vf32 *kd, vf32 *k_eighth)
{
    const vf32 shift = vf32_set1(0x1.8p20f);
    const vf32 minus_1_over_ln2 = vf32_set1(-0x1.715476p+0f);
    const vf32 ln2_hi = vf32_set1(0x1.62e4p-1f);     /* 8 * ln2/8's 15 bits */
    const vf32 ln2_lo = vf32_set1(0x1.7f7d1cp-20f);  /* 8 * (ln2/8 - hi) */
    vf32 k_shifted = vf32_fmadd(x, minus_1_over_ln2, shift);
    vf32 k8 = vf32_sub(k_shifted, shift);
    vf32 r = vf32_fmadd(k8, ln2_hi, x);
    r = vf32_fmadd(k8, ln2_lo, r);
    *kd = k_shifted;
    *k_eighth = k8;
    return r;
}

/* lo_j + r (c0 + c1 r + c2 r^2 + c3 r^3) by Horner's FMAs.  With
 * exp_table_accurate_poly (-1, 1/2, ...: e^-r - 1 = -r + r^2/2 - ...) it
 * is p, the relative part of the exponential beyond the table's value
 * 2^(j/8); gelu_tanh.h passes its own octave polynomial. */
static inline __attribute__((always_inline)) vf32 exp_table_poly_of(const float c[4], vf32 r, vf32 lo_j)
{
    vf32 q = vf32_fmadd(vf32_set1(c[3]), r, vf32_set1(c[2]));
    q = vf32_fmadd(q, r, vf32_set1(c[1]));
    q = vf32_fmadd(q, r, vf32_set1(c[0]));
    return vf32_fmadd(q, r, lo_j);
}

static inline __attribute__((always_inline)) vf32 exp_table_accurate_poly_of(vf32 r, vf32 lo_j)
{
    return exp_table_poly_of(exp_table_accurate_poly, r, lo_j);
}

/* The same from r2 = 2r (exp_table_reduce_half): c_i r^(i+1) = (c_i/2^(i+1))
 * r2^(i+1), so Horner's steps in r2 with c3/16, c2/8, c1/4 and c0/2 give
 * exp_table_poly_of's values times 1/8, 1/4 and 1/2 exactly, and the last,
 * fma(q/2, r2, lo_j), its result bit for bit (the scaled coefficients are
 * exact). */
static inline __attribute__((always_inline)) vf32 exp_table_accurate_poly_of_double(vf32 r2, vf32 lo_j)
{
    const float *c = exp_table_accurate_poly;
    vf32 q = vf32_fmadd(vf32_set1(c[3] * 0x1p-4f), r2, vf32_set1(c[2] * 0x1p-3f));
    q = vf32_fmadd(q, r2, vf32_set1(c[1] * 0x1p-2f));
    q = vf32_fmadd(q, r2, vf32_set1(c[0] * 0x1p-1f));
    return vf32_fmadd(q, r2, lo_j);
}

/* hi and p of the eighth reduction from its reduced argument r, kd and
 * k8 = k/8 (see below) */
static inline __attribute__((always_inline)) vf32 exp_table_eighth_of_reduced(vf32 r, vf32 kd, vf32 k8,
                                                                              struct exp_table_tables t, vf32 *hi)
{
    vi32 ki = vf32_as_vi32(kd);
#if EXP_TABLE_SCALEF
    *hi = vf32_scalef(vf32_table16_lookup(t.value, ki), k8);
    vf32 lo_j = vf32_table16_lookup(t.lo_relative, ki);
#else
    (void)k8;
    *hi = exp_table_scale_of(kd, t.scale);
    vf32 lo_j = vf32_table8_lookup(t.lo_relative, ki);
#endif
    return exp_table_accurate_poly_of(r, lo_j);
}

/* exp_table_accurate_relative, bit for bit, for the logistic kernels.  On
 * AVX-512F hi = 2^(j/8) * 2^floor(k/8) is one vscalefps of the table's value
 * by k/8 (exact wherever hi is normal, as the integer add of k << 20; other
 * lanes are the caller's special ones), in place of a shift and an add, and
 * both lookups index the doubled tables by kd's bits without masking them
 * to 0-7: two operations fewer.  Elsewhere it is exp_table_scale_of. */
static inline vf32 exp_table_accurate_relative_eighth(vf32 x, struct exp_table_tables t, vf32 *hi)
{
    vf32 kd, k8;
    vf32 r = exp_table_reduce_eighth(x, &kd, &k8);
    return exp_table_eighth_of_reduced(r, kd, k8, t, hi);
}

/* exp_table_accurate, bit for bit, from exp_table_accurate_relative_eighth */
static inline struct exp_hilo exp_table_accurate_eighth(vf32 x, struct exp_table_tables t)
{
    vf32 hi;
    vf32 p = exp_table_accurate_relative_eighth(x, t, &hi);
    struct exp_hilo e = {hi, vf32_mul(hi, p)};
    return e;
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
