/*
 * The f64 vector layer, AVX2 with FMA: 4 double lanes, lane masks as
 * all-ones or all-zeros lanes.  The identifiers of fast_f64_avx512f.h.
 */
#ifndef ACTBENCH_FAST_F64_AVX2_H
#define ACTBENCH_FAST_F64_AVX2_H

#include <immintrin.h>
#include <math.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#define VF64_LANES 4

typedef __m256d vf64;
typedef __m256d vmask64;

/* libmvec, AVX2 variants */
__m256d _ZGVdN4v_exp(__m256d x);
__m256d _ZGVdN4v_expm1(__m256d x);
__m256d _ZGVdN4v_log1p(__m256d x);
__m256d _ZGVdN4v_erf(__m256d x);
__m256d _ZGVdN4v_erfc(__m256d x);

static inline __m256i vf64_tail_lanes(size_t n)
{
    return _mm256_cmpgt_epi64(_mm256_set1_epi64x((long long)n), _mm256_setr_epi64x(0, 1, 2, 3));
}
static inline __m128i vf64_tail_lanes32(size_t n)
{
    return _mm_cmpgt_epi32(_mm_set1_epi32((int)n), _mm_setr_epi32(0, 1, 2, 3));
}
static inline vf64 vf64_load(const double *p) { return _mm256_loadu_pd(p); }
static inline void vf64_store(double *p, vf64 v) { _mm256_storeu_pd(p, v); }
static inline vf64 vf64_load_tail(const double *p, size_t n)
{
    return _mm256_maskload_pd(p, vf64_tail_lanes(n));
}
static inline void vf64_store_tail(double *p, vf64 v, size_t n)
{
    _mm256_maskstore_pd(p, vf64_tail_lanes(n), v);
}
static inline vf64 vf64_load_f32(const float *p) { return _mm256_cvtps_pd(_mm_loadu_ps(p)); }
static inline vf64 vf64_load_f32_tail(const float *p, size_t n)
{
    return _mm256_cvtps_pd(_mm_maskload_ps(p, vf64_tail_lanes32(n)));
}
static inline void vf64_store_f32(float *p, vf64 v) { _mm_storeu_ps(p, _mm256_cvtpd_ps(v)); }
static inline void vf64_store_f32_tail(float *p, vf64 v, size_t n)
{
    _mm_maskstore_ps(p, vf64_tail_lanes32(n), _mm256_cvtpd_ps(v));
}

static inline vf64 vf64_set1(double c) { return _mm256_set1_pd(c); }
static inline vf64 vf64_zero(void) { return _mm256_setzero_pd(); }

static inline vf64 vf64_add(vf64 a, vf64 b) { return _mm256_add_pd(a, b); }
static inline vf64 vf64_sub(vf64 a, vf64 b) { return _mm256_sub_pd(a, b); }
static inline vf64 vf64_mul(vf64 a, vf64 b) { return _mm256_mul_pd(a, b); }
static inline vf64 vf64_div(vf64 a, vf64 b) { return _mm256_div_pd(a, b); }
static inline vf64 vf64_fmadd(vf64 a, vf64 b, vf64 c) { return _mm256_fmadd_pd(a, b, c); }
static inline vf64 vf64_fmsub(vf64 a, vf64 b, vf64 c) { return _mm256_fmsub_pd(a, b, c); }
static inline vf64 vf64_min(vf64 a, vf64 b) { return _mm256_min_pd(a, b); }
static inline vf64 vf64_max(vf64 a, vf64 b) { return _mm256_max_pd(a, b); }
/* the largest lane (no NaN lane) */
static inline double vf64_reduce_max(vf64 a)
{
    const __m128d m = _mm_max_pd(_mm256_castpd256_pd128(a), _mm256_extractf128_pd(a, 1));
    return _mm_cvtsd_f64(_mm_max_sd(m, _mm_unpackhi_pd(m, m)));
}
static inline vf64 vf64_abs(vf64 a) { return _mm256_andnot_pd(_mm256_set1_pd(-0.0), a); }
static inline vf64 vf64_neg(vf64 a) { return _mm256_xor_pd(a, _mm256_set1_pd(-0.0)); }
static inline vf64 vf64_copysign(vf64 a, vf64 s)
{
    const vf64 sign = _mm256_set1_pd(-0.0);
    return _mm256_or_pd(_mm256_andnot_pd(sign, a), _mm256_and_pd(sign, s));
}
static inline vf64 vf64_sqrt(vf64 a) { return _mm256_sqrt_pd(a); }

static inline vmask64 vf64_lt(vf64 a, vf64 b) { return _mm256_cmp_pd(a, b, _CMP_LT_OQ); }
static inline vmask64 vf64_le(vf64 a, vf64 b) { return _mm256_cmp_pd(a, b, _CMP_LE_OQ); }
static inline vmask64 vf64_gt(vf64 a, vf64 b) { return _mm256_cmp_pd(a, b, _CMP_GT_OQ); }
static inline vmask64 vf64_ge(vf64 a, vf64 b) { return _mm256_cmp_pd(a, b, _CMP_GE_OQ); }
static inline vmask64 vf64_eq(vf64 a, vf64 b) { return _mm256_cmp_pd(a, b, _CMP_EQ_OQ); }
static inline vmask64 vf64_ne(vf64 a, vf64 b) { return _mm256_cmp_pd(a, b, _CMP_NEQ_UQ); }
static inline vmask64 vf64_isnan(vf64 a) { return _mm256_cmp_pd(a, a, _CMP_UNORD_Q); }
static inline vmask64 vf64_signbit(vf64 a)
{
    return _mm256_castsi256_pd(_mm256_cmpgt_epi64(_mm256_setzero_si256(), _mm256_castpd_si256(a)));
}

static inline vmask64 vf64_not_finite(vf64 a)
{
    return _mm256_cmp_pd(vf64_abs(a), _mm256_set1_pd(INFINITY), _CMP_NLT_UQ);
}

static inline vf64 vf64_select(vmask64 m, vf64 a, vf64 b) { return _mm256_blendv_pd(b, a, m); }
static inline vmask64 vmask64_and(vmask64 a, vmask64 b) { return _mm256_and_pd(a, b); }
static inline vmask64 vmask64_or(vmask64 a, vmask64 b) { return _mm256_or_pd(a, b); }
static inline vmask64 vmask64_xor(vmask64 a, vmask64 b) { return _mm256_xor_pd(a, b); }
static inline vmask64 vmask64_andnot(vmask64 a, vmask64 b) { return _mm256_andnot_pd(b, a); }
static inline vmask64 vmask64_none(void) { return _mm256_setzero_pd(); }
static inline vmask64 vmask64_select(vmask64 m, vmask64 a, vmask64 b) { return _mm256_blendv_pd(b, a, m); }
static inline bool vmask64_any(vmask64 m) { return _mm256_movemask_pd(m) != 0; }
static inline unsigned vmask64_bits(vmask64 m) { return (unsigned)_mm256_movemask_pd(m); }
static inline vmask64 vmask64_from_bits(unsigned bits)
{
    const __m256i lane = _mm256_setr_epi64x(1, 2, 4, 8);
    __m256i b = _mm256_and_si256(_mm256_set1_epi64x((long long)bits), lane);
    return _mm256_castsi256_pd(_mm256_cmpeq_epi64(b, lane));
}

static inline vf64 vf64_round_even(vf64 a)
{
    return _mm256_round_pd(a, _MM_FROUND_TO_NEAREST_INT | _MM_FROUND_NO_EXC);
}
/* floor(log2|a|) for a normal a, from the exponent field */
static inline vf64 vf64_exponent(vf64 a)
{
    __m256i bits = _mm256_srli_epi64(_mm256_castpd_si256(vf64_abs(a)), 52);
    /* the field (< 2^11) as a double: OR into the mantissa of 2^52 */
    const __m256i magic = _mm256_castpd_si256(_mm256_set1_pd(0x1p52));
    vf64 field = _mm256_sub_pd(_mm256_castsi256_pd(_mm256_or_si256(bits, magic)),
                               _mm256_set1_pd(0x1p52));
    return _mm256_sub_pd(field, _mm256_set1_pd(1023.0));
}
static inline vf64 vf64_pow2(vf64 e)
{
    /* e + 1023 + 2^52 holds e + 1023 in its low mantissa bits */
    __m256i biased = _mm256_castpd_si256(_mm256_add_pd(e, _mm256_set1_pd(0x1p52 + 1023.0)));
    return _mm256_castsi256_pd(_mm256_slli_epi64(biased, 52));
}

static inline vf64 vf64_exp(vf64 x) { return _ZGVdN4v_exp(x); }
static inline vf64 vf64_expm1(vf64 x) { return _ZGVdN4v_expm1(x); }
static inline vf64 vf64_log1p(vf64 x) { return _ZGVdN4v_log1p(x); }
static inline vf64 vf64_erf(vf64 x) { return _ZGVdN4v_erf(x); }
static inline vf64 vf64_erfc(vf64 x) { return _ZGVdN4v_erfc(x); }

/* per-lane counters of mask bits (a true lane is all ones: -1) */
typedef __m256i vcount64;
static inline vcount64 vcount64_zero(void) { return _mm256_setzero_si256(); }
static inline vcount64 vcount64_add(vcount64 c, vmask64 m)
{
    return _mm256_sub_epi64(c, _mm256_castpd_si256(m));
}
static inline uint64_t vcount64_total(vcount64 c)
{
    uint64_t lanes[4];
    _mm256_storeu_si256((__m256i *)lanes, c);
    return lanes[0] + lanes[1] + lanes[2] + lanes[3];
}

#endif
