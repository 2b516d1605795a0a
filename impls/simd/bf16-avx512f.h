/*
 * The 16-bit layer for bfloat16 on AVX-512 (F, BW, VL): 16 encodings in an
 * __m256i per vf32 of impls/simd/f32-avx512f.h.  The same identifiers and
 * semantics as impls/simd/bf16-avx2.h (see there for the list); tails are
 * k-masked 16-bit moves, which touch no memory in the masked-off lanes.
 * Narrowing adds the rounding increment to the float's bits, as on AVX2,
 * and gathers the high halves with one vpermw; NaN lanes take the quiet
 * high half under a k mask.  The checked form rounds half up and tests
 * the low half as bf16-avx2.h does.
 */
#ifndef ACTBENCH_SIMD_BF16_AVX512F_H
#define ACTBENCH_SIMD_BF16_AVX512F_H

#include <immintrin.h>
#include <stddef.h>
#include <stdint.h>

#include "bf16-value.h"

typedef __m256i vh16;

static inline __mmask16 vh16_tail_bits(size_t count) { return (__mmask16)((1u << count) - 1u); }
static inline vh16 vh16_load(const uint16_t *p) { return _mm256_loadu_si256((const __m256i *)p); }
static inline void vh16_store(uint16_t *p, vh16 h) { _mm256_storeu_si256((__m256i *)p, h); }
static inline vh16 vh16_load_tail(const uint16_t *p, size_t count)
{
    return _mm256_maskz_loadu_epi16(vh16_tail_bits(count), p);
}
static inline void vh16_store_tail(uint16_t *p, vh16 h, size_t count)
{
    _mm256_mask_storeu_epi16(p, vh16_tail_bits(count), h);
}

static inline vh16 vh16_select(vmask32 m, vh16 a, vh16 b) { return _mm256_mask_mov_epi16(b, m, a); }
static inline vmask32 vh16_eq(vh16 a, vh16 b) { return _mm256_cmpeq_epi16_mask(a, b); }

static inline vf32 vh16_to_f32(vh16 h)
{
    return _mm512_castsi512_ps(_mm512_slli_epi32(_mm512_cvtepu16_epi32(h), 16));
}

static inline __m512i bf16_avx512_rounded_bits(__m512i bits)
{
    __m512i lsb = _mm512_and_si512(_mm512_srli_epi32(bits, 16), _mm512_set1_epi32(1));
    return _mm512_add_epi32(_mm512_add_epi32(bits, _mm512_set1_epi32(0x7fff)), lsb);
}

/* the high halves of the sixteen 32-bit lanes, in order */
static inline vh16 bf16_avx512_high_halves(__m512i bits)
{
    const __m512i odd_words = _mm512_set_epi16(31, 29, 27, 25, 23, 21, 19, 17, 15, 13, 11, 9, 7, 5, 3, 1,
                                               31, 29, 27, 25, 23, 21, 19, 17, 15, 13, 11, 9, 7, 5, 3, 1);
    return _mm512_castsi512_si256(_mm512_permutexvar_epi16(odd_words, bits));
}

static inline vh16 vh16_from_f32(vf32 v)
{
    __m512i bits = _mm512_castps_si512(v);
    __m512i r = bf16_avx512_rounded_bits(bits);
    r = _mm512_mask_or_epi32(r, _mm512_cmp_ps_mask(v, v, _CMP_UNORD_Q), bits, _mm512_set1_epi32(0x00400000));
    return bf16_avx512_high_halves(r);
}

/* round half up and the test of bf16-avx2.h, under k masks */
static inline vh16 vh16_from_f32_checked(vf32 v, int k, vmask32 *ambiguous)
{
    __m512i up = _mm512_add_epi32(_mm512_castps_si512(v), _mm512_set1_epi32(0x8000));
    __m512i offset = _mm512_and_si512(_mm512_add_epi32(up, _mm512_set1_epi32(k)), _mm512_set1_epi32(0xffff));
    *ambiguous = _mm512_cmple_epu32_mask(offset, _mm512_set1_epi32(2 * k));
    return bf16_avx512_high_halves(up);
}

#ifdef ACTBENCH_SIMD_F64W
static inline vh16 vh16_from_f64w(vf64w d) { return vh16_from_f32(vf64w_narrow_round_odd(d)); }
#endif

#include "h16-common.h"

#endif
