/*
 * The SIMD layer's "wide" float64 companion on AVX-512F: 16 double lanes
 * (a pair of __m512d), as many as impls/simd/f32-avx512f.h has float
 * lanes.  Same identifiers and semantics as impls/simd/f64w-avx2.h
 * (vf64w_narrow_round_odd with k-masked steps).
 * Include after f32-avx512f.h.
 */
#ifndef ACTBENCH_SIMD_F64W_AVX512F_H
#define ACTBENCH_SIMD_F64W_AVX512F_H
#define ACTBENCH_SIMD_F64W 1

#include <immintrin.h>
#include <stdint.h>

typedef struct {
    __m512d lo, hi;
} vf64w;
typedef struct {
    __m512i lo, hi;
} vi64w;

static inline vf64w vf64w_widen(vf32 a)
{
    vf64w r = {_mm512_cvtps_pd(_mm512_castps512_ps256(a)),
               _mm512_cvtps_pd(_mm256_castpd_ps(_mm512_extractf64x4_pd(_mm512_castps_pd(a), 1)))};
    return r;
}
static inline vf32 vf64w_narrow(vf64w a)
{
    __m256 lo = _mm512_cvtpd_ps(a.lo), hi = _mm512_cvtpd_ps(a.hi);
    return _mm512_castpd_ps(_mm512_insertf64x4(_mm512_castpd256_pd512(_mm256_castps_pd(lo)),
                                               _mm256_castps_pd(hi), 1));
}

static inline vf64w vf64w_set1(double c)
{
    vf64w r = {_mm512_set1_pd(c), _mm512_set1_pd(c)};
    return r;
}
static inline vf64w vf64w_add(vf64w a, vf64w b)
{
    vf64w r = {_mm512_add_pd(a.lo, b.lo), _mm512_add_pd(a.hi, b.hi)};
    return r;
}
static inline vf64w vf64w_sub(vf64w a, vf64w b)
{
    vf64w r = {_mm512_sub_pd(a.lo, b.lo), _mm512_sub_pd(a.hi, b.hi)};
    return r;
}
static inline vf64w vf64w_mul(vf64w a, vf64w b)
{
    vf64w r = {_mm512_mul_pd(a.lo, b.lo), _mm512_mul_pd(a.hi, b.hi)};
    return r;
}
static inline vf64w vf64w_div(vf64w a, vf64w b)
{
    vf64w r = {_mm512_div_pd(a.lo, b.lo), _mm512_div_pd(a.hi, b.hi)};
    return r;
}
static inline vf64w vf64w_fmadd(vf64w a, vf64w b, vf64w c)
{
    vf64w r = {_mm512_fmadd_pd(a.lo, b.lo, c.lo), _mm512_fmadd_pd(a.hi, b.hi, c.hi)};
    return r;
}
static inline vf64w vf64w_fnmadd(vf64w a, vf64w b, vf64w c)
{
    vf64w r = {_mm512_fnmadd_pd(a.lo, b.lo, c.lo), _mm512_fnmadd_pd(a.hi, b.hi, c.hi)};
    return r;
}
static inline vf64w vf64w_min(vf64w a, vf64w b)
{
    vf64w r = {_mm512_min_pd(a.lo, b.lo), _mm512_min_pd(a.hi, b.hi)};
    return r;
}
static inline vf64w vf64w_max(vf64w a, vf64w b)
{
    vf64w r = {_mm512_max_pd(a.lo, b.lo), _mm512_max_pd(a.hi, b.hi)};
    return r;
}

static inline vi64w vf64w_as_vi64w(vf64w a)
{
    vi64w r = {_mm512_castpd_si512(a.lo), _mm512_castpd_si512(a.hi)};
    return r;
}
static inline vf64w vi64w_as_vf64w(vi64w a)
{
    vf64w r = {_mm512_castsi512_pd(a.lo), _mm512_castsi512_pd(a.hi)};
    return r;
}
static inline vi64w vi64w_shl(vi64w a, int n)
{
    vi64w r = {_mm512_slli_epi64(a.lo, (unsigned)n), _mm512_slli_epi64(a.hi, (unsigned)n)};
    return r;
}
static inline vi64w vi64w_add(vi64w a, vi64w b)
{
    vi64w r = {_mm512_add_epi64(a.lo, b.lo), _mm512_add_epi64(a.hi, b.hi)};
    return r;
}

static inline vf32 vf64w_narrow_round_odd(vf64w a)
{
    vf32 f = vf64w_narrow(a);
    vf64w back = vf64w_widen(f);
    __mmask16 inexact = (__mmask16)(_mm512_cmp_pd_mask(back.lo, a.lo, _CMP_NEQ_OQ) |
                                    (unsigned)_mm512_cmp_pd_mask(back.hi, a.hi, _CMP_NEQ_OQ) << 8);
    __mmask16 away = (__mmask16)(
        _mm512_cmp_pd_mask(_mm512_abs_pd(back.lo), _mm512_abs_pd(a.lo), _CMP_GT_OQ) |
        (unsigned)_mm512_cmp_pd_mask(_mm512_abs_pd(back.hi), _mm512_abs_pd(a.hi), _CMP_GT_OQ) << 8);
    const __m512i one = _mm512_set1_epi32(1);
    __m512i bits = _mm512_mask_sub_epi32(_mm512_castps_si512(f), away, _mm512_castps_si512(f), one);
    return _mm512_castsi512_ps(_mm512_mask_or_epi32(bits, inexact, bits, one));
}

#endif
