/*
 * The f32 SIMD layer for AVX-512 F/BW/DQ/VL: 16 lanes, lane masks in the
 * k registers.  The same identifiers as every header of the layer; see
 * f32-avx2.h for the list and their meaning.
 */
#ifndef ACTBENCH_SIMD_F32_AVX512F_H
#define ACTBENCH_SIMD_F32_AVX512F_H

#include <immintrin.h>
#include <stdbool.h>
#include <stddef.h>

#define VF32_LANES 16

typedef __m512 vf32;
typedef __mmask16 vmask32;

/* masked loads and stores touch no memory in the masked-off lanes */
static inline vmask32 vf32_tail_mask(size_t count) { return (__mmask16)((1u << count) - 1u); }
static inline vf32 vf32_load(const float *p) { return _mm512_loadu_ps(p); }
static inline void vf32_store(float *p, vf32 v) { _mm512_storeu_ps(p, v); }
static inline vf32 vf32_load_tail(const float *p, size_t count)
{
    return _mm512_maskz_loadu_ps(vf32_tail_mask(count), p);
}
static inline void vf32_store_tail(float *p, vf32 v, size_t count)
{
    _mm512_mask_storeu_ps(p, vf32_tail_mask(count), v);
}

static inline vf32 vf32_set1(float c) { return _mm512_set1_ps(c); }
static inline vf32 vf32_zero(void) { return _mm512_setzero_ps(); }

static inline vf32 vf32_add(vf32 a, vf32 b) { return _mm512_add_ps(a, b); }
static inline vf32 vf32_sub(vf32 a, vf32 b) { return _mm512_sub_ps(a, b); }
static inline vf32 vf32_mul(vf32 a, vf32 b) { return _mm512_mul_ps(a, b); }
static inline vf32 vf32_div(vf32 a, vf32 b) { return _mm512_div_ps(a, b); }
static inline vf32 vf32_min(vf32 a, vf32 b) { return _mm512_min_ps(a, b); }
static inline vf32 vf32_max(vf32 a, vf32 b) { return _mm512_max_ps(a, b); }
static inline vf32 vf32_neg(vf32 a)
{
    return _mm512_castsi512_ps(
        _mm512_xor_epi32(_mm512_castps_si512(a), _mm512_set1_epi32((int)0x80000000u)));
}
static inline vf32 vf32_abs(vf32 a) { return _mm512_abs_ps(a); }

static inline vf32 vf32_fmadd(vf32 a, vf32 b, vf32 c) { return _mm512_fmadd_ps(a, b, c); }
static inline vf32 vf32_fmsub(vf32 a, vf32 b, vf32 c) { return _mm512_fmsub_ps(a, b, c); }
static inline vf32 vf32_fnmadd(vf32 a, vf32 b, vf32 c) { return _mm512_fnmadd_ps(a, b, c); }

static inline vmask32 vf32_gt(vf32 a, vf32 b) { return _mm512_cmp_ps_mask(a, b, _CMP_GT_OQ); }
static inline vmask32 vf32_ge(vf32 a, vf32 b) { return _mm512_cmp_ps_mask(a, b, _CMP_GE_OQ); }
static inline vmask32 vf32_lt(vf32 a, vf32 b) { return _mm512_cmp_ps_mask(a, b, _CMP_LT_OQ); }
static inline vmask32 vf32_le(vf32 a, vf32 b) { return _mm512_cmp_ps_mask(a, b, _CMP_LE_OQ); }
static inline vmask32 vf32_eq(vf32 a, vf32 b) { return _mm512_cmp_ps_mask(a, b, _CMP_EQ_OQ); }
static inline vmask32 vf32_isnan(vf32 a) { return _mm512_cmp_ps_mask(a, a, _CMP_UNORD_Q); }

static inline vf32 vf32_select(vmask32 m, vf32 a, vf32 b) { return _mm512_mask_blend_ps(m, b, a); }
static inline vmask32 vmask32_and(vmask32 a, vmask32 b) { return (vmask32)(a & b); }
static inline vmask32 vmask32_or(vmask32 a, vmask32 b) { return (vmask32)(a | b); }
static inline vmask32 vmask32_andnot(vmask32 a, vmask32 b) { return (vmask32)(a & ~b); }
static inline bool vmask32_any(vmask32 m) { return m != 0; }

static inline float vf32_reduce_add(vf32 v) { return _mm512_reduce_add_ps(v); }
static inline float vf32_reduce_max(vf32 v) { return _mm512_reduce_max_ps(v); }

#endif
