/*
 * The SIMD layer's "wide" float64 companion on AVX2 + FMA: as many double
 * lanes as impls/simd/f32-avx2.h has float lanes (8, a pair of __m256d),
 * for the algorithms that widen a float vector, evaluate in double and
 * round once back to float.  f64w-scalar.h and f64w-avx512f.h define the
 * same identifiers.  Include after f32-avx2.h.
 *
 * Types
 *   vf64w   8 double lanes (lanes 0-3 in .lo, 4-7 in .hi)
 *   vi64w   8 int64 lanes, the same split
 * Conversions
 *   vf64w_widen(vf32) exact;  vf64w_narrow(vf64w) -> vf32, rounded to
 *   nearest with float's range (overflow to inf, gradual underflow)
 *   vf64w_narrow_round_odd(vf64w) -> vf32, rounded to odd: the float
 *   nearest on the side of zero, its last bit set when inexact (FLT_MAX
 *   past the range; NaN stays NaN), so that one more rounding to a format
 *   of at most 22 bits (bf16, f16) is the double's own rounding
 * Arithmetic (IEEE double, rounded to nearest)
 *   vf64w_set1 vf64w_add vf64w_sub vf64w_mul vf64w_div
 *   vf64w_fmadd(a, b, c) = a*b + c, vf64w_fnmadd(a, b, c) = c - a*b (fused)
 *   vf64w_min vf64w_max (second operand when either is NaN, as vf32_min)
 * Bits
 *   vf64w_as_vi64w vi64w_as_vf64w vi64w_shl(v, n) vi64w_add
 * Compares (ordered: false where a lane is NaN) and selects
 *   vmask64w       per-lane condition (a pair of all-ones __m256d lanes)
 *   vf64w_eq vf64w_lt vf64w_le vf64w_gt vf64w_isnan -> vmask64w
 *   vf64w_select(m, a, b)  a where m is set, else b
 *   vmask64w_and(a, b)  vmask64w_or(a, b)  vmask64w_any(m)  vmask64w_bits(m) (bit i for lane i)
 * Horizontal
 *   vf64w_add_all(v)       the sum of the lanes in every lane (butterfly;
 *                          the order of the additions differs between ISAs)
 *   vf64w_lane0(v)         lane 0 as a double
 *   vf64w_add_across4(a, b, c, d)  the four totals packed (every lane holds
 *                          one of them), vf64w_spread4(packed, i) input i's
 *                          total in every lane (AVX2 and AVX-512 only)
 * Exponent
 *   vf64w_split_exponent(a, &e)  a = z * 2^e, z in [0.75, 1.5), e integral
 *                          (a positive and normal; AVX-512: vgetmantpd and
 *                          vgetexppd, others: the bits)
 * Table lookup (8 doubles; the low 3 bits of each int64 index lane pick
 * the entry, the higher bits are ignored)
 *   vf64w_table8   vf64w_table8_load(t)  vf64w_table8_lookup(table, index)
 *                  (AVX2: two 4-lane gathers from the table in memory)
 */
#ifndef ACTBENCH_SIMD_F64W_AVX2_H
#define ACTBENCH_SIMD_F64W_AVX2_H
#define ACTBENCH_SIMD_F64W 1

#include <immintrin.h>
#include <stdbool.h>
#include <stdint.h>

typedef struct {
    __m256d lo, hi;
} vf64w;
typedef struct {
    __m256i lo, hi;
} vi64w;

static inline vf64w vf64w_widen(vf32 a)
{
    vf64w r = {_mm256_cvtps_pd(_mm256_castps256_ps128(a)), _mm256_cvtps_pd(_mm256_extractf128_ps(a, 1))};
    return r;
}
static inline vf32 vf64w_narrow(vf64w a)
{
    return _mm256_insertf128_ps(_mm256_castps128_ps256(_mm256_cvtpd_ps(a.lo)), _mm256_cvtpd_ps(a.hi), 1);
}

static inline vf64w vf64w_set1(double c)
{
    vf64w r = {_mm256_set1_pd(c), _mm256_set1_pd(c)};
    return r;
}
static inline vf64w vf64w_add(vf64w a, vf64w b)
{
    vf64w r = {_mm256_add_pd(a.lo, b.lo), _mm256_add_pd(a.hi, b.hi)};
    return r;
}
static inline vf64w vf64w_sub(vf64w a, vf64w b)
{
    vf64w r = {_mm256_sub_pd(a.lo, b.lo), _mm256_sub_pd(a.hi, b.hi)};
    return r;
}
static inline vf64w vf64w_mul(vf64w a, vf64w b)
{
    vf64w r = {_mm256_mul_pd(a.lo, b.lo), _mm256_mul_pd(a.hi, b.hi)};
    return r;
}
static inline vf64w vf64w_div(vf64w a, vf64w b)
{
    vf64w r = {_mm256_div_pd(a.lo, b.lo), _mm256_div_pd(a.hi, b.hi)};
    return r;
}
static inline vf64w vf64w_fmadd(vf64w a, vf64w b, vf64w c)
{
    vf64w r = {_mm256_fmadd_pd(a.lo, b.lo, c.lo), _mm256_fmadd_pd(a.hi, b.hi, c.hi)};
    return r;
}
static inline vf64w vf64w_fnmadd(vf64w a, vf64w b, vf64w c)
{
    vf64w r = {_mm256_fnmadd_pd(a.lo, b.lo, c.lo), _mm256_fnmadd_pd(a.hi, b.hi, c.hi)};
    return r;
}
static inline vf64w vf64w_min(vf64w a, vf64w b)
{
    vf64w r = {_mm256_min_pd(a.lo, b.lo), _mm256_min_pd(a.hi, b.hi)};
    return r;
}
static inline vf64w vf64w_max(vf64w a, vf64w b)
{
    vf64w r = {_mm256_max_pd(a.lo, b.lo), _mm256_max_pd(a.hi, b.hi)};
    return r;
}

static inline vi64w vf64w_as_vi64w(vf64w a)
{
    vi64w r = {_mm256_castpd_si256(a.lo), _mm256_castpd_si256(a.hi)};
    return r;
}
static inline vf64w vi64w_as_vf64w(vi64w a)
{
    vf64w r = {_mm256_castsi256_pd(a.lo), _mm256_castsi256_pd(a.hi)};
    return r;
}
static inline vi64w vi64w_shl(vi64w a, int n)
{
    vi64w r = {_mm256_slli_epi64(a.lo, n), _mm256_slli_epi64(a.hi, n)};
    return r;
}
static inline vi64w vi64w_add(vi64w a, vi64w b)
{
    vi64w r = {_mm256_add_epi64(a.lo, b.lo), _mm256_add_epi64(a.hi, b.hi)};
    return r;
}

static inline vf32 vf64w_narrow_round_odd(vf64w a)
{
    vf32 f = vf64w_narrow(a);
    vf64w back = vf64w_widen(f);
    const __m256d magnitude = _mm256_castsi256_pd(_mm256_set1_epi64x(INT64_MAX));
    /* per double lane: inexact, and rounded away from zero; then the
     * 64-bit masks packed to 32-bit lanes in order */
    __m256d inexact_lo = _mm256_cmp_pd(back.lo, a.lo, _CMP_NEQ_OQ);
    __m256d inexact_hi = _mm256_cmp_pd(back.hi, a.hi, _CMP_NEQ_OQ);
    __m256d away_lo = _mm256_cmp_pd(_mm256_and_pd(back.lo, magnitude), _mm256_and_pd(a.lo, magnitude), _CMP_GT_OQ);
    __m256d away_hi = _mm256_cmp_pd(_mm256_and_pd(back.hi, magnitude), _mm256_and_pd(a.hi, magnitude), _CMP_GT_OQ);
    __m256i inexact = _mm256_castpd_si256(_mm256_permute4x64_pd(
        _mm256_castps_pd(_mm256_shuffle_ps(_mm256_castpd_ps(inexact_lo), _mm256_castpd_ps(inexact_hi),
                                           _MM_SHUFFLE(2, 0, 2, 0))), _MM_SHUFFLE(3, 1, 2, 0)));
    __m256i away = _mm256_castpd_si256(_mm256_permute4x64_pd(
        _mm256_castps_pd(_mm256_shuffle_ps(_mm256_castpd_ps(away_lo), _mm256_castpd_ps(away_hi),
                                           _MM_SHUFFLE(2, 0, 2, 0))), _MM_SHUFFLE(3, 1, 2, 0)));
    __m256i bits = _mm256_add_epi32(_mm256_castps_si256(f), away); /* away is -1 */
    bits = _mm256_or_si256(bits, _mm256_and_si256(inexact, _mm256_set1_epi32(1)));
    return _mm256_castsi256_ps(bits);
}

typedef struct {
    __m256d lo, hi;
} vmask64w;

static inline vmask64w vf64w_eq(vf64w a, vf64w b)
{
    vmask64w r = {_mm256_cmp_pd(a.lo, b.lo, _CMP_EQ_OQ), _mm256_cmp_pd(a.hi, b.hi, _CMP_EQ_OQ)};
    return r;
}
static inline vmask64w vf64w_lt(vf64w a, vf64w b)
{
    vmask64w r = {_mm256_cmp_pd(a.lo, b.lo, _CMP_LT_OQ), _mm256_cmp_pd(a.hi, b.hi, _CMP_LT_OQ)};
    return r;
}
static inline vmask64w vf64w_le(vf64w a, vf64w b)
{
    vmask64w r = {_mm256_cmp_pd(a.lo, b.lo, _CMP_LE_OQ), _mm256_cmp_pd(a.hi, b.hi, _CMP_LE_OQ)};
    return r;
}
static inline vmask64w vf64w_gt(vf64w a, vf64w b)
{
    vmask64w r = {_mm256_cmp_pd(a.lo, b.lo, _CMP_GT_OQ), _mm256_cmp_pd(a.hi, b.hi, _CMP_GT_OQ)};
    return r;
}
static inline vf64w vf64w_select(vmask64w m, vf64w a, vf64w b)
{
    vf64w r = {_mm256_blendv_pd(b.lo, a.lo, m.lo), _mm256_blendv_pd(b.hi, a.hi, m.hi)};
    return r;
}
static inline vmask64w vf64w_isnan(vf64w a)
{
    vmask64w r = {_mm256_cmp_pd(a.lo, a.lo, _CMP_UNORD_Q), _mm256_cmp_pd(a.hi, a.hi, _CMP_UNORD_Q)};
    return r;
}
static inline bool vmask64w_any(vmask64w m) { return _mm256_movemask_pd(_mm256_or_pd(m.lo, m.hi)) != 0; }
static inline vmask64w vmask64w_and(vmask64w a, vmask64w b)
{
    vmask64w r = {_mm256_and_pd(a.lo, b.lo), _mm256_and_pd(a.hi, b.hi)};
    return r;
}
static inline vmask64w vmask64w_or(vmask64w a, vmask64w b)
{
    vmask64w r = {_mm256_or_pd(a.lo, b.lo), _mm256_or_pd(a.hi, b.hi)};
    return r;
}
static inline unsigned vmask64w_bits(vmask64w m)
{
    return (unsigned)_mm256_movemask_pd(m.lo) | (unsigned)_mm256_movemask_pd(m.hi) << 4;
}

static inline vf64w vf64w_add_all(vf64w v)
{
    __m256d s = _mm256_add_pd(v.lo, v.hi);
    s = _mm256_add_pd(s, _mm256_permute2f128_pd(s, s, 1));
    s = _mm256_add_pd(s, _mm256_permute_pd(s, 5));
    vf64w r = {s, s};
    return r;
}
static inline double vf64w_lane0(vf64w v) { return _mm256_cvtsd_f64(v.lo); }

/* lane 0: a's total, 1: c's, 2: b's, 3: d's, in both halves */
static inline vf64w vf64w_add_across4(vf64w a, vf64w b, vf64w c, vf64w d)
{
    __m256d a4 = _mm256_add_pd(a.lo, a.hi), b4 = _mm256_add_pd(b.lo, b.hi);
    __m256d c4 = _mm256_add_pd(c.lo, c.hi), d4 = _mm256_add_pd(d.lo, d.hi);
    __m256d ab = _mm256_add_pd(_mm256_permute2f128_pd(a4, b4, 0x20), _mm256_permute2f128_pd(a4, b4, 0x31));
    __m256d cd = _mm256_add_pd(_mm256_permute2f128_pd(c4, d4, 0x20), _mm256_permute2f128_pd(c4, d4, 0x31));
    __m256d u = _mm256_add_pd(_mm256_unpacklo_pd(ab, cd), _mm256_unpackhi_pd(ab, cd));
    vf64w r = {u, u};
    return r;
}
static inline vf64w vf64w_spread4(vf64w packed, int i)
{
    __m256d s;
    switch (i) {
    case 0: s = _mm256_permute4x64_pd(packed.lo, 0x00); break;
    case 1: s = _mm256_permute4x64_pd(packed.lo, 0xaa); break;
    case 2: s = _mm256_permute4x64_pd(packed.lo, 0x55); break;
    default: s = _mm256_permute4x64_pd(packed.lo, 0xff); break;
    }
    vf64w r = {s, s};
    return r;
}

static inline __m256d vf64w_split_exponent4(__m256d a, __m256d *e)
{
    const __m256i mantissa = _mm256_set1_epi64x(0x000fffffffffffff);
    const __m256i one_bits = _mm256_set1_epi64x(0x3ff0000000000000);
    __m256i bits = _mm256_castpd_si256(a);
    __m256d z = _mm256_castsi256_pd(_mm256_or_si256(_mm256_and_si256(bits, mantissa), one_bits));
    __m256d big = _mm256_cmp_pd(z, _mm256_set1_pd(1.5), _CMP_GE_OQ);
    z = _mm256_blendv_pd(z, _mm256_mul_pd(z, _mm256_set1_pd(0.5)), big);
    /* the biased exponent as a double: its bits over those of 2^52 */
    __m256i biased = _mm256_or_si256(_mm256_srli_epi64(bits, 52), _mm256_castpd_si256(_mm256_set1_pd(0x1p52)));
    __m256d ed = _mm256_sub_pd(_mm256_castsi256_pd(biased), _mm256_set1_pd(0x1p52 + 1023.0));
    *e = _mm256_add_pd(ed, _mm256_and_pd(big, _mm256_set1_pd(1.0)));
    return z;
}
static inline vf64w vf64w_split_exponent(vf64w a, vf64w *e)
{
    vf64w z;
    z.lo = vf64w_split_exponent4(a.lo, &e->lo);
    z.hi = vf64w_split_exponent4(a.hi, &e->hi);
    return z;
}

typedef const double *vf64w_table8;
static inline vf64w_table8 vf64w_table8_load(const double *table) { return table; }
static inline vf64w vf64w_table8_lookup(vf64w_table8 table, vi64w index)
{
    const __m256i low3 = _mm256_set1_epi64x(7);
    vf64w r = {_mm256_i64gather_pd(table, _mm256_and_si256(index.lo, low3), 8),
               _mm256_i64gather_pd(table, _mm256_and_si256(index.hi, low3), 8)};
    return r;
}

#endif
