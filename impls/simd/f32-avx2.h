/*
 * The f32 SIMD layer for AVX2 + FMA: 8 lanes.  Every header of the layer
 * (f32-scalar.h, f32-avx2.h, f32-avx512f.h) defines the same identifiers,
 * so an algorithm written once over them builds for every ISA; a kernel
 * file includes exactly one of them and is compiled with that ISA's flags.
 *
 *   vf32, vmask32, VF32_LANES      vector, lane mask, lanes
 *   vf32_load/store(p[, v])        unaligned, full vector
 *   vf32_load_tail(p, k)           lanes 0..k-1 from p, the others 0
 *   vf32_store_tail(p, v, k)       lanes 0..k-1 to p
 *                                  (0 < k < VF32_LANES; nothing at or past
 *                                  p + k is read or written)
 *   vf32_tail_mask(k)              mask of lanes 0..k-1
 *   vf32_set1(c), vf32_zero()
 *   vf32_add/sub/mul/div(a, b), vf32_min/max(a, b) (the second operand
 *                                  when either is NaN, as minps/maxps),
 *   vf32_neg/abs(a)
 *   vf32_fmadd(a, b, c) = a*b + c, vf32_fmsub = a*b - c,
 *   vf32_fnmadd = c - a*b           one rounding each
 *   vf32_gt/ge/lt/le/eq(a, b)      ordered compares: false when a lane is NaN
 *   vf32_isnan(a)
 *   vf32_select(m, a, b)           a where m is set, else b
 *   vmask32_and/or/andnot(a, b), vmask32_any(m)
 *   vf32_reduce_add/max(v)         horizontal, to a float
 */
#ifndef ACTBENCH_SIMD_F32_AVX2_H
#define ACTBENCH_SIMD_F32_AVX2_H

#include <immintrin.h>
#include <stdbool.h>
#include <stddef.h>

#define VF32_LANES 8

typedef __m256 vf32;
/* a lane is set when all its bits are (the compares' result) */
typedef __m256 vmask32;

static inline __m256i vf32_tail_bits(size_t count)
{
    const __m256i lane = _mm256_setr_epi32(0, 1, 2, 3, 4, 5, 6, 7);
    return _mm256_cmpgt_epi32(_mm256_set1_epi32((int)count), lane);
}

static inline vf32 vf32_load(const float *p) { return _mm256_loadu_ps(p); }
static inline void vf32_store(float *p, vf32 v) { _mm256_storeu_ps(p, v); }
/* vmaskmovps neither reads nor writes the masked-off lanes (and takes no
 * fault there) */
static inline vf32 vf32_load_tail(const float *p, size_t count)
{
    return _mm256_maskload_ps(p, vf32_tail_bits(count));
}
static inline void vf32_store_tail(float *p, vf32 v, size_t count)
{
    _mm256_maskstore_ps(p, vf32_tail_bits(count), v);
}
static inline vmask32 vf32_tail_mask(size_t count) { return _mm256_castsi256_ps(vf32_tail_bits(count)); }

static inline vf32 vf32_set1(float c) { return _mm256_set1_ps(c); }
static inline vf32 vf32_zero(void) { return _mm256_setzero_ps(); }

static inline vf32 vf32_add(vf32 a, vf32 b) { return _mm256_add_ps(a, b); }
static inline vf32 vf32_sub(vf32 a, vf32 b) { return _mm256_sub_ps(a, b); }
static inline vf32 vf32_mul(vf32 a, vf32 b) { return _mm256_mul_ps(a, b); }
static inline vf32 vf32_div(vf32 a, vf32 b) { return _mm256_div_ps(a, b); }
static inline vf32 vf32_min(vf32 a, vf32 b) { return _mm256_min_ps(a, b); }
static inline vf32 vf32_max(vf32 a, vf32 b) { return _mm256_max_ps(a, b); }
static inline vf32 vf32_neg(vf32 a) { return _mm256_xor_ps(a, _mm256_set1_ps(-0.0f)); }
static inline vf32 vf32_abs(vf32 a) { return _mm256_andnot_ps(_mm256_set1_ps(-0.0f), a); }

static inline vf32 vf32_fmadd(vf32 a, vf32 b, vf32 c) { return _mm256_fmadd_ps(a, b, c); }
static inline vf32 vf32_fmsub(vf32 a, vf32 b, vf32 c) { return _mm256_fmsub_ps(a, b, c); }
static inline vf32 vf32_fnmadd(vf32 a, vf32 b, vf32 c) { return _mm256_fnmadd_ps(a, b, c); }

static inline vmask32 vf32_gt(vf32 a, vf32 b) { return _mm256_cmp_ps(a, b, _CMP_GT_OQ); }
static inline vmask32 vf32_ge(vf32 a, vf32 b) { return _mm256_cmp_ps(a, b, _CMP_GE_OQ); }
static inline vmask32 vf32_lt(vf32 a, vf32 b) { return _mm256_cmp_ps(a, b, _CMP_LT_OQ); }
static inline vmask32 vf32_le(vf32 a, vf32 b) { return _mm256_cmp_ps(a, b, _CMP_LE_OQ); }
static inline vmask32 vf32_eq(vf32 a, vf32 b) { return _mm256_cmp_ps(a, b, _CMP_EQ_OQ); }
static inline vmask32 vf32_isnan(vf32 a) { return _mm256_cmp_ps(a, a, _CMP_UNORD_Q); }

static inline vf32 vf32_select(vmask32 m, vf32 a, vf32 b) { return _mm256_blendv_ps(b, a, m); }
static inline vmask32 vmask32_and(vmask32 a, vmask32 b) { return _mm256_and_ps(a, b); }
static inline vmask32 vmask32_or(vmask32 a, vmask32 b) { return _mm256_or_ps(a, b); }
/* a and not b */
static inline vmask32 vmask32_andnot(vmask32 a, vmask32 b) { return _mm256_andnot_ps(b, a); }
static inline bool vmask32_any(vmask32 m) { return _mm256_movemask_ps(m) != 0; }

static inline float vf32_reduce_add(vf32 v)
{
    __m128 s = _mm_add_ps(_mm256_castps256_ps128(v), _mm256_extractf128_ps(v, 1));
    s = _mm_add_ps(s, _mm_movehl_ps(s, s));
    s = _mm_add_ss(s, _mm_movehdup_ps(s));
    return _mm_cvtss_f32(s);
}

static inline float vf32_reduce_max(vf32 v)
{
    __m128 s = _mm_max_ps(_mm256_castps256_ps128(v), _mm256_extractf128_ps(v, 1));
    s = _mm_max_ps(s, _mm_movehl_ps(s, s));
    s = _mm_max_ss(s, _mm_movehdup_ps(s));
    return _mm_cvtss_f32(s);
}

#endif
