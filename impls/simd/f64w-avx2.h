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
 */
#ifndef ACTBENCH_SIMD_F64W_AVX2_H
#define ACTBENCH_SIMD_F64W_AVX2_H
#define ACTBENCH_SIMD_F64W 1

#include <immintrin.h>
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

#endif
