/*
 * The 16-bit layer for bfloat16 on AVX-512 with BF16 (the ISA row
 * avx512bf16): as impls/simd/bf16-avx512f.h (same identifiers, see
 * bf16-avx2.h for the list), but vh16_from_f32 is one vcvtneps2bf16, which
 * rounds to nearest even and quiets NaN as h16_from_float does.  It also
 * flushes subnormal floats to zero (input and output, whatever MXCSR
 * says), so lanes whose float is subnormal (|v| < 2^-126: the whole bf16
 * subnormal range and the floats just below 2^-126 that round up to it)
 * go through the integer path: one vfpclassps tests for them and a branch
 * off the common path blends.  vh16_from_f32_checked keeps the integer
 * path of bf16-avx512f.h: rounding half up and the test on the low half
 * take fewer operations than the instruction plus its subnormal test
 * (measured on AMD Zen 5: sigmoid_bf16_table_avx512bf16 0.379 TSC ticks
 * per element with the instruction, 0.359 without).
 */
#ifndef ACTBENCH_SIMD_BF16_AVX512BF16_H
#define ACTBENCH_SIMD_BF16_AVX512BF16_H

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

static inline vh16 bf16_avx512bf16_convert(vf32 v) { return (__m256i)_mm512_cvtneps_pbh(v); }

/* vfpclassps category 0x20: denormal */
static inline __mmask16 bf16_avx512bf16_subnormal(vf32 v) { return _mm512_fpclass_ps_mask(v, 0x20); }

/* the subnormal lanes, rounded on the bits (off the common path) */
static __attribute__((noinline, unused)) vh16 bf16_avx512bf16_subnormal_special_case(vf32 v, vh16 h, __mmask16 lanes)
{
    const __m512i odd_words = _mm512_set_epi16(31, 29, 27, 25, 23, 21, 19, 17, 15, 13, 11, 9, 7, 5, 3, 1,
                                               31, 29, 27, 25, 23, 21, 19, 17, 15, 13, 11, 9, 7, 5, 3, 1);
    __m512i bits = _mm512_castps_si512(v);
    __m512i lsb = _mm512_and_si512(_mm512_srli_epi32(bits, 16), _mm512_set1_epi32(1));
    __m512i r = _mm512_add_epi32(_mm512_add_epi32(bits, _mm512_set1_epi32(0x7fff)), lsb);
    return _mm256_mask_mov_epi16(h, lanes, _mm512_castsi512_si256(_mm512_permutexvar_epi16(odd_words, r)));
}

static inline vh16 vh16_from_f32(vf32 v)
{
    vh16 h = bf16_avx512bf16_convert(v);
    __mmask16 subnormal = bf16_avx512bf16_subnormal(v);
    if (subnormal)
        h = bf16_avx512bf16_subnormal_special_case(v, h, subnormal);
    return h;
}

/* round half up and the test of bf16-avx2.h on the bits, gathered with
 * one vpermw: no subnormal to fix, and fewer operations than the
 * conversion instruction plus its subnormal test */
static inline vh16 vh16_from_f32_checked(vf32 v, int k, vmask32 *ambiguous)
{
    const __m512i odd_words = _mm512_set_epi16(31, 29, 27, 25, 23, 21, 19, 17, 15, 13, 11, 9, 7, 5, 3, 1,
                                               31, 29, 27, 25, 23, 21, 19, 17, 15, 13, 11, 9, 7, 5, 3, 1);
    __m512i up = _mm512_add_epi32(_mm512_castps_si512(v), _mm512_set1_epi32(0x8000));
    __m512i offset = _mm512_and_si512(_mm512_add_epi32(up, _mm512_set1_epi32(k)), _mm512_set1_epi32(0xffff));
    *ambiguous = _mm512_cmple_epu32_mask(offset, _mm512_set1_epi32(2 * k));
    return _mm512_castsi512_si256(_mm512_permutexvar_epi16(odd_words, up));
}

#ifdef ACTBENCH_SIMD_F64W
static inline vh16 vh16_from_f64w(vf64w d) { return vh16_from_f32(vf64w_narrow_round_odd(d)); }
#endif

#include "h16-common.h"

#endif
