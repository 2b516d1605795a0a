/*
 * The vector operations of AVX2 (8 lanes) that impls/peer_compose.h is written
 * in, shared by the libmvec and SLEEF files of this ISA: include it, define
 * PEER_SUFFIX and the PEER_EXP, PEER_EXPM1, PEER_LOG1P, PEER_ERF and
 * PEER_TANH primitives, then include peer_compose.h.  Compiled only with
 * this ISA's flags.
 */
#ifndef ACTBENCH_PEER_VECTOR_AVX2_H
#define ACTBENCH_PEER_VECTOR_AVX2_H

#include <immintrin.h>
#include <stddef.h>

/* Mask of lanes 0 .. count-1 as a vector of all-ones / all-zeros lanes. */
static inline __m256i avx2_tail_mask(size_t count)
{
    const __m256i lane = _mm256_setr_epi32(0, 1, 2, 3, 4, 5, 6, 7);
    return _mm256_cmpgt_epi32(_mm256_set1_epi32((int)count), lane);
}

static inline float avx2_reduce_add(__m256 v)
{
    __m128 s = _mm_add_ps(_mm256_castps256_ps128(v), _mm256_extractf128_ps(v, 1));
    s = _mm_add_ps(s, _mm_movehl_ps(s, s));
    s = _mm_add_ss(s, _mm_movehdup_ps(s));
    return _mm_cvtss_f32(s);
}

static inline float avx2_reduce_max(__m256 v)
{
    __m128 s = _mm_max_ps(_mm256_castps256_ps128(v), _mm256_extractf128_ps(v, 1));
    s = _mm_max_ps(s, _mm_movehl_ps(s, s));
    s = _mm_max_ss(s, _mm_movehdup_ps(s));
    return _mm_cvtss_f32(s);
}

#define PEER_VEC __m256
#define PEER_WIDTH 8
#define PEER_LOAD(ptr) _mm256_loadu_ps(ptr)
#define PEER_STORE(ptr, v) _mm256_storeu_ps(ptr, v)
#define PEER_TAIL_MASK(count) _mm256_castsi256_ps(avx2_tail_mask(count))
#define PEER_LOAD_TAIL(ptr, count) _mm256_maskload_ps(ptr, avx2_tail_mask(count))
#define PEER_STORE_TAIL(ptr, v, count) _mm256_maskstore_ps(ptr, avx2_tail_mask(count), v)
#define PEER_SET1(c) _mm256_set1_ps(c)
#define PEER_ADD(a, b) _mm256_add_ps(a, b)
#define PEER_SUB(a, b) _mm256_sub_ps(a, b)
#define PEER_MUL(a, b) _mm256_mul_ps(a, b)
#define PEER_DIV(a, b) _mm256_div_ps(a, b)
#define PEER_NEG(a) _mm256_xor_ps(a, _mm256_set1_ps(-0.0f))
#define PEER_ABS(a) _mm256_andnot_ps(_mm256_set1_ps(-0.0f), a)
#define PEER_MAX(a, b) _mm256_max_ps(a, b)
#define PEER_FMADD(a, b, c) _mm256_fmadd_ps(a, b, c)
#define PEER_FNMADD(a, b, c) _mm256_fnmadd_ps(a, b, c)
#define PEER_GT(a, b) _mm256_cmp_ps(a, b, _CMP_GT_OQ)
#define PEER_GE(a, b) _mm256_cmp_ps(a, b, _CMP_GE_OQ)
#define PEER_EQ(a, b) _mm256_cmp_ps(a, b, _CMP_EQ_OQ)
#define PEER_SELECT(mask, a, b) _mm256_blendv_ps(b, a, mask)
#define PEER_REDUCE_ADD(v) avx2_reduce_add(v)
#define PEER_REDUCE_MAX(v) avx2_reduce_max(v)

#endif
