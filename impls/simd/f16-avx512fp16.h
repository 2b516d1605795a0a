/*
 * The 16-bit layer for IEEE binary16 (f16) on AVX-512 with FP16 (the ISA
 * row avx512fp16): as impls/simd/f16-avx512f.h (same identifiers and
 * semantics, see bf16-avx2.h for the list and f16-avx2.h for the rounding
 * test), but the conversions are AVX512-FP16's vcvtph2psx and vcvtps2phx
 * on __m256h.  vcvtps2phx rounds as MXCSR says: the layer, as every
 * kernel here, assumes the default (round to nearest even, no DAZ or FTZ),
 * where it gives vcvtps2ph's results with imm8 = nearest even, NaN quieted
 * the same way.  The FP16 arithmetic itself is not used: a correctly
 * rounded f16 result needs more than 11 bits in the steps before its one
 * rounding, so the algorithms compute in float (and double) as on
 * avx512f, and only the conversions change.
 *
 * tests/test_h16_layer.c checks this header against impls/simd/f16-value.h
 * bit for bit where the CPU has AVX512-FP16 (skipped elsewhere: it has
 * been compiled, not run, on machines without it).
 */
#ifndef ACTBENCH_SIMD_F16_AVX512FP16_H
#define ACTBENCH_SIMD_F16_AVX512FP16_H

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

static inline vf32 vh16_to_f32(vh16 h) { return _mm512_cvtxph_ps(_mm256_castsi256_ph(h)); }
static inline vh16 vh16_from_f32(vf32 v) { return _mm256_castph_si256(_mm512_cvtxps_ph(v)); }

static inline vh16 vh16_from_f32_checked(vf32 v, int k, vmask32 *ambiguous)
{
    vh16 up = vh16_from_f32(_mm512_mul_ps(v, _mm512_set1_ps(1.0f + (float)k * 0x1p-23f)));
    vh16 down = vh16_from_f32(_mm512_mul_ps(v, _mm512_set1_ps(1.0f - (float)k * 0x1p-23f)));
    *ambiguous = _mm256_cmpneq_epi16_mask(up, down);
    return up;
}

#ifdef ACTBENCH_SIMD_F64W
static inline vh16 vh16_from_f64w(vf64w d) { return vh16_from_f32(vf64w_narrow_round_odd(d)); }
#endif

#include "h16-common.h"

#endif
