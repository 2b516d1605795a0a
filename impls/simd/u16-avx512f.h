/*
 * The 16-bit layer for AVX-512 (BW for the 16-bit lanes and masks): 32
 * lanes of 16-bit encodings in a __m512i, lane masks in the k registers.
 * The same identifiers as u16-avx2.h; see there for the list.  Tails are
 * k-masked loads and stores (vmovdqu16), which touch no memory in the
 * masked-off lanes.
 */
#ifndef ACTBENCH_SIMD_U16_AVX512F_H
#define ACTBENCH_SIMD_U16_AVX512F_H

#include <immintrin.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#define VU16_LANES 32

typedef __m512i vu16;
typedef __mmask32 vmask16;

static inline __mmask32 vu16_tail_bits(size_t count) { return (__mmask32)((1u << count) - 1u); }
static inline vu16 vu16_load(const uint16_t *p) { return _mm512_loadu_si512(p); }
static inline void vu16_store(uint16_t *p, vu16 v) { _mm512_storeu_si512(p, v); }
static inline vu16 vu16_load_tail(const uint16_t *p, size_t count)
{
    return _mm512_maskz_loadu_epi16(vu16_tail_bits(count), p);
}
static inline void vu16_store_tail(uint16_t *p, vu16 v, size_t count)
{
    _mm512_mask_storeu_epi16(p, vu16_tail_bits(count), v);
}

static inline vu16 vu16_set1(uint16_t c) { return _mm512_set1_epi16((short)c); }
static inline vu16 vu16_and(vu16 a, vu16 b) { return _mm512_and_si512(a, b); }
static inline vu16 vu16_or(vu16 a, vu16 b) { return _mm512_or_si512(a, b); }
static inline vmask16 vu16_gt(vu16 a, vu16 b) { return _mm512_cmpgt_epi16_mask(a, b); }
static inline vmask16 vu16_eq(vu16 a, vu16 b) { return _mm512_cmpeq_epi16_mask(a, b); }
static inline vu16 vu16_select(vmask16 m, vu16 a, vu16 b) { return _mm512_mask_blend_epi16(m, b, a); }
static inline vu16 vu16_zero_where(vmask16 m, vu16 a) { return _mm512_maskz_mov_epi16((__mmask32)~m, a); }
static inline vu16 vu16_mask_bits(vmask16 m) { return _mm512_movm_epi16(m); }
static inline vmask16 vmask16_or(vmask16 a, vmask16 b) { return (vmask16)(a | b); }
static inline bool vmask16_any(vmask16 m) { return m != 0; }

#endif
