/*
 * The SIMD layer's "wide" float64 companion on AVX-512F: 16 double lanes
 * (a pair of __m512d), as many as impls/simd/f32-avx512f.h has float
 * lanes.  Same identifiers and semantics as impls/simd/f64w-avx2.h
 * (vf64w_narrow_round_odd with k-masked steps); vmask64w is a pair of
 * __mmask8, vf64w_table8 one zmm register (vpermpd).
 * Include after f32-avx512f.h.
 */
#ifndef ACTBENCH_SIMD_F64W_AVX512F_H
#define ACTBENCH_SIMD_F64W_AVX512F_H
#define ACTBENCH_SIMD_F64W 1

#include <immintrin.h>
#include <stdbool.h>
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

typedef struct {
    __mmask8 lo, hi;
} vmask64w;

static inline vmask64w vf64w_eq(vf64w a, vf64w b)
{
    vmask64w r = {_mm512_cmp_pd_mask(a.lo, b.lo, _CMP_EQ_OQ), _mm512_cmp_pd_mask(a.hi, b.hi, _CMP_EQ_OQ)};
    return r;
}
static inline vmask64w vf64w_lt(vf64w a, vf64w b)
{
    vmask64w r = {_mm512_cmp_pd_mask(a.lo, b.lo, _CMP_LT_OQ), _mm512_cmp_pd_mask(a.hi, b.hi, _CMP_LT_OQ)};
    return r;
}
static inline vmask64w vf64w_le(vf64w a, vf64w b)
{
    vmask64w r = {_mm512_cmp_pd_mask(a.lo, b.lo, _CMP_LE_OQ), _mm512_cmp_pd_mask(a.hi, b.hi, _CMP_LE_OQ)};
    return r;
}
static inline vmask64w vf64w_gt(vf64w a, vf64w b)
{
    vmask64w r = {_mm512_cmp_pd_mask(a.lo, b.lo, _CMP_GT_OQ), _mm512_cmp_pd_mask(a.hi, b.hi, _CMP_GT_OQ)};
    return r;
}
static inline vf64w vf64w_select(vmask64w m, vf64w a, vf64w b)
{
    vf64w r = {_mm512_mask_blend_pd(m.lo, b.lo, a.lo), _mm512_mask_blend_pd(m.hi, b.hi, a.hi)};
    return r;
}
static inline vmask64w vf64w_isnan(vf64w a)
{
    vmask64w r = {_mm512_cmp_pd_mask(a.lo, a.lo, _CMP_UNORD_Q), _mm512_cmp_pd_mask(a.hi, a.hi, _CMP_UNORD_Q)};
    return r;
}
static inline bool vmask64w_any(vmask64w m) { return (m.lo | m.hi) != 0; }
static inline vmask64w vmask64w_and(vmask64w a, vmask64w b)
{
    vmask64w r = {(__mmask8)(a.lo & b.lo), (__mmask8)(a.hi & b.hi)};
    return r;
}
static inline vmask64w vmask64w_or(vmask64w a, vmask64w b)
{
    vmask64w r = {(__mmask8)(a.lo | b.lo), (__mmask8)(a.hi | b.hi)};
    return r;
}
static inline unsigned vmask64w_bits(vmask64w m) { return (unsigned)m.lo | (unsigned)m.hi << 8; }

static inline vf64w vf64w_add_all(vf64w v)
{
    __m512d s = _mm512_add_pd(v.lo, v.hi);
    s = _mm512_add_pd(s, _mm512_shuffle_f64x2(s, s, _MM_SHUFFLE(1, 0, 3, 2)));
    s = _mm512_add_pd(s, _mm512_shuffle_f64x2(s, s, _MM_SHUFFLE(2, 3, 0, 1)));
    s = _mm512_add_pd(s, _mm512_permute_pd(s, 0x55));
    vf64w r = {s, s};
    return r;
}
static inline double vf64w_lane0(vf64w v) { return _mm512_cvtsd_f64(v.lo); }

/* the four totals in both halves: a's in lanes 0-1, b's 2-3, c's 4-5, d's 6-7 */
static inline vf64w vf64w_add_across4(vf64w a, vf64w b, vf64w c, vf64w d)
{
    __m512d a8 = _mm512_add_pd(a.lo, a.hi), b8 = _mm512_add_pd(b.lo, b.hi);
    __m512d c8 = _mm512_add_pd(c.lo, c.hi), d8 = _mm512_add_pd(d.lo, d.hi);
    __m512d ab = _mm512_add_pd(_mm512_shuffle_f64x2(a8, b8, _MM_SHUFFLE(1, 0, 1, 0)),
                               _mm512_shuffle_f64x2(a8, b8, _MM_SHUFFLE(3, 2, 3, 2)));
    __m512d cd = _mm512_add_pd(_mm512_shuffle_f64x2(c8, d8, _MM_SHUFFLE(1, 0, 1, 0)),
                               _mm512_shuffle_f64x2(c8, d8, _MM_SHUFFLE(3, 2, 3, 2)));
    __m512d u = _mm512_add_pd(_mm512_shuffle_f64x2(ab, cd, _MM_SHUFFLE(2, 0, 2, 0)),
                              _mm512_shuffle_f64x2(ab, cd, _MM_SHUFFLE(3, 1, 3, 1)));
    u = _mm512_add_pd(u, _mm512_permute_pd(u, 0x55));
    vf64w r = {u, u};
    return r;
}
static inline vf64w vf64w_spread4(vf64w packed, int i)
{
    __m512d s;
    switch (i) {
    case 0: s = _mm512_shuffle_f64x2(packed.lo, packed.lo, 0x00); break;
    case 1: s = _mm512_shuffle_f64x2(packed.lo, packed.lo, 0x55); break;
    case 2: s = _mm512_shuffle_f64x2(packed.lo, packed.lo, 0xaa); break;
    default: s = _mm512_shuffle_f64x2(packed.lo, packed.lo, 0xff); break;
    }
    vf64w r = {s, s};
    return r;
}

/* a = z * 2^e with z in [0.75, 1.5), for a positive normal a (vgetmantpd,
 * vgetexppd, and one more power of 2 where z < 1) */
static inline vf64w vf64w_split_exponent(vf64w a, vf64w *e)
{
    const __m512d one = _mm512_set1_pd(1.0);
    __m512d zl = _mm512_getmant_pd(a.lo, _MM_MANT_NORM_p75_1p5, _MM_MANT_SIGN_src);
    __m512d zh = _mm512_getmant_pd(a.hi, _MM_MANT_NORM_p75_1p5, _MM_MANT_SIGN_src);
    __m512d el = _mm512_getexp_pd(a.lo), eh = _mm512_getexp_pd(a.hi);
    el = _mm512_mask_add_pd(el, _mm512_cmp_pd_mask(zl, one, _CMP_LT_OQ), el, one);
    eh = _mm512_mask_add_pd(eh, _mm512_cmp_pd_mask(zh, one, _CMP_LT_OQ), eh, one);
    vf64w z = {zl, zh}, ev = {el, eh};
    *e = ev;
    return z;
}

typedef __m512d vf64w_table8;
static inline vf64w_table8 vf64w_table8_load(const double *table) { return _mm512_loadu_pd(table); }
static inline vf64w vf64w_table8_lookup(vf64w_table8 table, vi64w index)
{
    vf64w r = {_mm512_permutexvar_pd(index.lo, table), _mm512_permutexvar_pd(index.hi, table)};
    return r;
}

#endif
