/*
 * The 16-bit layer for IEEE binary16 (f16) on AVX-512 (F, BW, VL): 16
 * encodings in an __m256i per vf32 of impls/simd/f32-avx512f.h; vcvtph2ps
 * and vcvtps2ph on 512 bits, k-masked 16-bit moves for tails, and the
 * checked conversion's compare straight into a k mask, and
 * vh16_from_f32_checked_normal, a cheaper test on the float's dropped bits
 * for results in f16's normal range (or f16 values).  The same
 * identifiers and semantics as impls/simd/f16-avx2.h (see bf16-avx2.h for
 * the list and f16-avx2.h for the rounding test).
 */
#ifndef ACTBENCH_SIMD_F16_AVX512F_H
#define ACTBENCH_SIMD_F16_AVX512F_H

#include <immintrin.h>
#include <stddef.h>
#include <stdint.h>

#include "f16-value.h"

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

#ifndef ACTBENCH_SIMD_F16_CONVERSIONS /* f16-avx512fp16.h brings its own */
static inline vf32 vh16_to_f32(vh16 h) { return _mm512_cvtph_ps(h); }
static inline vh16 vh16_from_f32(vf32 v) { return _mm512_cvtps_ph(v, _MM_FROUND_TO_NEAREST_INT | _MM_FROUND_NO_EXC); }
#endif

static inline vh16 vh16_from_f32_checked(vf32 v, int k, vmask32 *ambiguous)
{
    vh16 up = vh16_from_f32(_mm512_mul_ps(v, _mm512_set1_ps(1.0f + (float)k * 0x1p-23f)));
    vh16 down = vh16_from_f32(_mm512_mul_ps(v, _mm512_set1_ps(1.0f - (float)k * 0x1p-23f)));
    *ambiguous = _mm256_cmpneq_epi16_mask(up, down);
    return up;
}

/* The rounding test on the float's bits, for callers whose every v below
 * f16's smallest normal 2^-14 in magnitude is an f16 value itself (then its
 * conversion is exact): one vcvtps2ph, and a lane is flagged when the 13
 * bits it drops lie in [0x1000 - w/2, 0x1000 + w/2 - 1], w = 2(k + 1)
 * rounded up to a power of two, which holds [0x1000 - k - 1, 0x1000 + k]:
 * (bits + 0x1000 + w/2) & 0x1fff & -w is 0 exactly there (adding 0x1000
 * flips bit 12, carries go above it).  For v in f16's normal range every f16
 * midpoint within k floats of v lies in v's binade with those bits (one
 * in the binade below lies 2^12 floats under its top), so the unflagged
 * lanes are correctly rounded as with vh16_from_f32_checked.  One vpaddd
 * and one vptestnmd against two multiplies, a second vcvtps2ph (two uops,
 * one on port 5 on Intel) and a 16-bit compare. */
static inline vh16 vh16_from_f32_checked_normal(vf32 v, int k, vmask32 *ambiguous)
{
    int w = 1;
    while (w < 2 * k + 2)
        w *= 2;
    __m512i t = _mm512_add_epi32(_mm512_castps_si512(v), _mm512_set1_epi32(0x1000 + w / 2));
    *ambiguous = _mm512_testn_epi32_mask(t, _mm512_set1_epi32(0x1fff & -w));
    return vh16_from_f32(v);
}

#ifdef ACTBENCH_SIMD_F64W
static inline vh16 vh16_from_f64w(vf64w d) { return vh16_from_f32(vf64w_narrow_round_odd(d)); }
#endif

#include "h16-common.h"

#endif
