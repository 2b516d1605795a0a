/*
 * The vector operations of AVX-512F (16 lanes) that impls/peer_compose.h is written
 * in, shared by the libmvec and SLEEF files of this ISA: include it, define
 * PEER_SUFFIX and the PEER_EXP, PEER_EXPM1, PEER_LOG1P, PEER_ERF and
 * PEER_TANH primitives, then include peer_compose.h.  Compiled only with
 * this ISA's flags.
 */
#ifndef ACTBENCH_PEER_VECTOR_AVX512F_H
#define ACTBENCH_PEER_VECTOR_AVX512F_H

#include <immintrin.h>
#include <stddef.h>

/* Mask of lanes 0 .. count-1 (count < 16). */
static inline __mmask16 avx512_tail_mask(size_t count)
{
    return (__mmask16)((1u << count) - 1u);
}

/* The sign bit as integer lanes: sign flips with AVX-512F's integer logic
 * (the float form _mm512_xor_ps needs AVX-512DQ). */
#define AVX512_SIGN_BIT _mm512_set1_epi32((int)0x80000000u)

#define PEER_VEC __m512
#define PEER_WIDTH 16
#define PEER_LOAD(ptr) _mm512_loadu_ps(ptr)
#define PEER_STORE(ptr, v) _mm512_storeu_ps(ptr, v)
#define PEER_TAIL_MASK(count) avx512_tail_mask(count)
#define PEER_LOAD_TAIL(ptr, count) _mm512_maskz_loadu_ps(avx512_tail_mask(count), ptr)
#define PEER_STORE_TAIL(ptr, v, count) _mm512_mask_storeu_ps(ptr, avx512_tail_mask(count), v)
#define PEER_SET1(c) _mm512_set1_ps(c)
#define PEER_ADD(a, b) _mm512_add_ps(a, b)
#define PEER_SUB(a, b) _mm512_sub_ps(a, b)
#define PEER_MUL(a, b) _mm512_mul_ps(a, b)
#define PEER_DIV(a, b) _mm512_div_ps(a, b)
#define PEER_NEG(a) _mm512_castsi512_ps(_mm512_xor_epi32(_mm512_castps_si512(a), AVX512_SIGN_BIT))
#define PEER_ABS(a) _mm512_abs_ps(a)
#define PEER_MAX(a, b) _mm512_max_ps(a, b)
#define PEER_FMADD(a, b, c) _mm512_fmadd_ps(a, b, c)
#define PEER_FNMADD(a, b, c) _mm512_fnmadd_ps(a, b, c)
#define PEER_GT(a, b) _mm512_cmp_ps_mask(a, b, _CMP_GT_OQ)
#define PEER_GE(a, b) _mm512_cmp_ps_mask(a, b, _CMP_GE_OQ)
#define PEER_EQ(a, b) _mm512_cmp_ps_mask(a, b, _CMP_EQ_OQ)
#define PEER_SELECT(mask, a, b) _mm512_mask_blend_ps(mask, b, a)
#define PEER_REDUCE_ADD(v) _mm512_reduce_add_ps(v)
#define PEER_REDUCE_MAX(v) _mm512_reduce_max_ps(v)

#endif
