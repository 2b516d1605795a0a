/*
 * The 16-bit layer for AVX2: 16 lanes of 16-bit encodings (bf16 or f16) in
 * a __m256i, for kernels that work on the encodings' bits.  Every header of
 * this layer (u16-avx2.h, u16-avx512f.h) defines the same identifiers, so an
 * algorithm written once over them (impls/math/relu16.h) builds for each.
 *
 *   vu16, vmask16, VU16_LANES       vector, lane mask, lanes
 *   vu16_load/store(p[, v])         unaligned, full vector
 *   vu16_load_tail(p, k)            lanes 0..k-1 from p, the others 0
 *   vu16_store_tail(p, v, k)        lanes 0..k-1 to p
 *                                   (0 < k < VU16_LANES; nothing at or past
 *                                   p + k is read or written)
 *   vu16_set1(c)
 *   vu16_and/or(a, b)               bitwise
 *   vu16_gt(a, b)                   a > b as signed 16-bit integers
 *   vu16_eq(a, b)
 *   vu16_select(m, a, b)            a where m is set, else b
 *   vu16_zero_where(m, a)           0 where m is set, else a
 *   vu16_mask_bits(m)               all bits of the lanes of m, 0 elsewhere
 *   vmask16_or(a, b), vmask16_any(m)
 *
 * AVX2 has no 16-bit masked load or store (vpmaskmovd moves 32-bit
 * lanes), so the tail goes through a vector on the stack: memcpy of the k
 * elements in, one vector operation, memcpy of the k elements out.
 */
#ifndef ACTBENCH_SIMD_U16_AVX2_H
#define ACTBENCH_SIMD_U16_AVX2_H

#include <immintrin.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#define VU16_LANES 16

typedef __m256i vu16;
/* a lane is set when all its bits are (the compares' result) */
typedef __m256i vmask16;

static inline vu16 vu16_load(const uint16_t *p) { return _mm256_loadu_si256((const __m256i *)p); }
static inline void vu16_store(uint16_t *p, vu16 v) { _mm256_storeu_si256((__m256i *)p, v); }
static inline vu16 vu16_load_tail(const uint16_t *p, size_t count)
{
    uint16_t lanes[VU16_LANES] = {0};
    memcpy(lanes, p, count * sizeof *p);
    return vu16_load(lanes);
}
static inline void vu16_store_tail(uint16_t *p, vu16 v, size_t count)
{
    uint16_t lanes[VU16_LANES];
    vu16_store(lanes, v);
    memcpy(p, lanes, count * sizeof *p);
}

static inline vu16 vu16_set1(uint16_t c) { return _mm256_set1_epi16((short)c); }
static inline vu16 vu16_and(vu16 a, vu16 b) { return _mm256_and_si256(a, b); }
static inline vu16 vu16_or(vu16 a, vu16 b) { return _mm256_or_si256(a, b); }
static inline vmask16 vu16_gt(vu16 a, vu16 b) { return _mm256_cmpgt_epi16(a, b); }
static inline vmask16 vu16_eq(vu16 a, vu16 b) { return _mm256_cmpeq_epi16(a, b); }
/* masks from compares are whole lanes, so this is and/andnot/or, which
 * issue on every vector pipe, not vpblendvb */
static inline vu16 vu16_select(vmask16 m, vu16 a, vu16 b)
{
    return _mm256_or_si256(_mm256_and_si256(m, a), _mm256_andnot_si256(m, b));
}
static inline vu16 vu16_zero_where(vmask16 m, vu16 a) { return _mm256_andnot_si256(m, a); }
static inline vu16 vu16_mask_bits(vmask16 m) { return m; }
static inline vmask16 vmask16_or(vmask16 a, vmask16 b) { return _mm256_or_si256(a, b); }
static inline bool vmask16_any(vmask16 m) { return !_mm256_testz_si256(m, m); }

#endif
