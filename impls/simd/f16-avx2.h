/*
 * The 16-bit layer for IEEE binary16 (f16) on AVX2 with F16C: 8 encodings
 * in an __m128i per vf32 of impls/simd/f32-avx2.h.  The same identifiers
 * and semantics as impls/simd/bf16-avx2.h (see there for the list), lane by
 * lane those of impls/simd/f16-value.h.  vcvtph2ps widens, vcvtps2ph
 * narrows (nearest even from its immediate, whatever MXCSR's rounding
 * mode; subnormals and overflow to infinity as IEEE says; NaN quieted).
 *
 * vh16_from_f32_checked converts v*(1 - k*2^-23) and v*(1 + k*2^-23):
 * rounded to float they bracket the floats k away from v on both sides
 * (v*k*2^-23 is at least k ulps of v), so when their f16 values agree,
 * every value in between rounds to the same one (rounding is monotone),
 * v's among them.  This holds across binades and for results in f16's
 * subnormal range, where a test on the float's low bits would need the
 * exponent.  Two products, a second vcvtps2ph, a 16-bit subtraction and
 * its widening to the float lanes.
 */
#ifndef ACTBENCH_SIMD_F16_AVX2_H
#define ACTBENCH_SIMD_F16_AVX2_H

#include <immintrin.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include "f16-value.h"

typedef __m128i vh16;

static inline vh16 vh16_load(const uint16_t *p) { return _mm_loadu_si128((const __m128i *)p); }
static inline void vh16_store(uint16_t *p, vh16 h) { _mm_storeu_si128((__m128i *)p, h); }
static inline vh16 vh16_load_tail(const uint16_t *p, size_t count)
{
    uint16_t lanes[VF32_LANES] = {0};
    memcpy(lanes, p, count * sizeof *p);
    return vh16_load(lanes);
}
static inline void vh16_store_tail(uint16_t *p, vh16 h, size_t count)
{
    uint16_t lanes[VF32_LANES];
    vh16_store(lanes, h);
    memcpy(p, lanes, count * sizeof *p);
}

/* lane selection and comparison on the encodings: the float lane mask
 * narrowed to 16-bit lanes (vpackssdw), the 16-bit compare widened */
static inline vh16 vh16_select(vmask32 m, vh16 a, vh16 b)
{
    __m256i wide = _mm256_castps_si256(m);
    __m128i narrow = _mm_packs_epi32(_mm256_castsi256_si128(wide), _mm256_extracti128_si256(wide, 1));
    return _mm_blendv_epi8(b, a, narrow);
}
static inline vmask32 vh16_eq(vh16 a, vh16 b) { return _mm256_castsi256_ps(_mm256_cvtepi16_epi32(_mm_cmpeq_epi16(a, b))); }

static inline vf32 vh16_to_f32(vh16 h) { return _mm256_cvtph_ps(h); }
static inline vh16 vh16_from_f32(vf32 v) { return _mm256_cvtps_ph(v, _MM_FROUND_TO_NEAREST_INT | _MM_FROUND_NO_EXC); }

static inline vh16 vh16_from_f32_checked(vf32 v, int k, vmask32 *ambiguous)
{
    vh16 up = vh16_from_f32(_mm256_mul_ps(v, _mm256_set1_ps(1.0f + (float)k * 0x1p-23f)));
    vh16 down = vh16_from_f32(_mm256_mul_ps(v, _mm256_set1_ps(1.0f - (float)k * 0x1p-23f)));
    /* rounding is monotone and the two products lie less than an f16 ulp
     * apart: down - up is 0, or -1 where a boundary lies between them (the
     * encodings order like the magnitudes, for either sign), which the
     * sign extension makes a whole lane */
    *ambiguous = _mm256_castsi256_ps(_mm256_cvtepi16_epi32(_mm_sub_epi16(down, up)));
    return up;
}

#ifdef ACTBENCH_SIMD_F64W
static inline vh16 vh16_from_f64w(vf64w d) { return vh16_from_f32(vf64w_narrow_round_odd(d)); }
#endif

#include "h16-common.h"

#endif
