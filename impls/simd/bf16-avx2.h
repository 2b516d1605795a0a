/*
 * The 16-bit layer for bfloat16 on AVX2: bf16 encodings in memory, float32
 * vectors (impls/simd/f32-avx2.h) in registers.  A 16-bit kernel loads its
 * encodings widened to vf32, computes in float (or double), and narrows
 * its results with the format's rounding, one vf32 of lanes at a time.
 *
 * Every header of this layer (bf16-scalar.h, bf16-avx2.h, bf16-avx512f.h,
 * bf16-avx512bf16.h; f16-scalar.h, f16-avx2.h, f16-avx512f.h) defines the
 * same identifiers, so an algorithm written once over them builds for each
 * ISA and for both formats; a kernel file includes one ISA's f32 header
 * (and f64w header when it needs double), then one of these.  Each lane
 * gives bit for bit what impls/simd/bf16-value.h (f16-value.h) gives for
 * one value; tests/test_h16_layer.c checks that on every encoding and on
 * floats and doubles around every midpoint.  This header's list is the
 * reference for all of them.
 *
 * Types and constants
 *   vh16          VF32_LANES encodings: one vf32 of lanes (AVX2: 8 in an
 *                 __m128i; AVX-512: 16 in an __m256i; scalar: a uint16_t)
 *   H16_FORMAT_NAME, H16_PRECISION, H16_MIN_NORMAL and the one-value
 *   conversions h16_*: bf16-value.h (included)
 * Memory (unaligned; a tail touches elements 0 .. count-1 only, 0 < count <
 * VF32_LANES; AVX2 has no 16-bit masked move, so its tails go through a
 * vector on the stack)
 *   vh16_load(p)  vh16_store(p, h)
 *   vh16_load_tail(p, count)       the other lanes are +0
 *   vh16_store_tail(p, h, count)
 * Lanes
 *   vh16_select(m, a, b)           a where the float lane mask m is set, else b
 *   vh16_eq(a, b)                  equal encodings -> vmask32
 * Conversions
 *   vh16_to_f32(h)                 exact (bf16: a shift; f16: vcvtph2ps)
 *   vh16_from_f32(v)               nearest even with the format's range and
 *                                  subnormals; NaN quiet (h16_from_float)
 *   vh16_from_f32_checked(v, k, &ambiguous)
 *                                  vh16_from_f32(v) in every lane that is not
 *                                  set in ambiguous; a lane is set when some
 *                                  float at most k floats away from v (on
 *                                  v's side of zero, 1 <= k <= 4096) rounds
 *                                  to another value (and may be set a little
 *                                  more often on f16).  A kernel whose float
 *                                  result is within k floats of the exact
 *                                  value knows that the unset lanes are
 *                                  correctly rounded, and recomputes the set
 *                                  ones (Ziv's rounding test).  NaN lanes are
 *                                  not set: a kernel tests its inputs for NaN
 *                                  itself; f16 narrows them as vh16_from_f32
 *                                  does, bf16 keeps the float's high half,
 *                                  a NaN whenever the low half is 0, as in
 *                                  every NaN that arithmetic makes from bf16
 *                                  operands.  bf16: it rounds half up (one
 *                                  add: a tie, the only place where that
 *                                  differs from nearest even, is flagged) and
 *                                  tests the low half with a shift and a
 *                                  compare, fewer operations than
 *                                  vh16_from_f32; f16: two products and a
 *                                  second vcvtps2ph (v*(1 +- k*2^-23)
 *                                  bracket the k floats, f16-avx2.h)
 *   vh16_from_f64w(d)              double lanes correctly rounded (rounded
 *                                  to odd to float, vf64w_narrow_round_odd,
 *                                  then to nearest even); only when an f64w
 *                                  header was included first
 * Built on these for every ISA (impls/simd/h16-common.h, included)
 *   vh16_load_f32(p)  vh16_load_f32_tail(p, count)
 *   vh16_store_f32(p, v)  vh16_store_f32_tail(p, v, count)
 *   vh16_round_odd(hi, lo)         lane by lane h16_round_odd: a float
 *                                  whose rounding to the format is that of
 *                                  hi + lo (hi = RN(hi + lo))
 *
 * bf16 on AVX2: widening is vpmovzxwd and a shift; narrowing adds the
 * rounding increment 0x7fff + (bit 16) to the float's bits (a carry out
 * of the low half rounds up, into the exponent at the top of a binade and
 * to infinity past the largest value) and gathers the high halves with one
 * vpshufb and one vpermq.  NaN lanes take the high half with the quiet bit
 * set instead (a compare and a blend).
 */
#ifndef ACTBENCH_SIMD_BF16_AVX2_H
#define ACTBENCH_SIMD_BF16_AVX2_H

#include <immintrin.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include "bf16-value.h"

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

static inline vf32 vh16_to_f32(vh16 h)
{
    return _mm256_castsi256_ps(_mm256_slli_epi32(_mm256_cvtepu16_epi32(h), 16));
}

/* the float's bits plus the rounding increment: the bf16 is the high half */
static inline __m256i bf16_avx2_rounded_bits(__m256i bits)
{
    __m256i lsb = _mm256_and_si256(_mm256_srli_epi32(bits, 16), _mm256_set1_epi32(1));
    return _mm256_add_epi32(_mm256_add_epi32(bits, _mm256_set1_epi32(0x7fff)), lsb);
}

/* the high halves of the eight 32-bit lanes, in order */
static inline vh16 bf16_avx2_high_halves(__m256i bits)
{
    const __m256i pick = _mm256_setr_epi8(2, 3, 6, 7, 10, 11, 14, 15, -1, -1, -1, -1, -1, -1, -1, -1,
                                          2, 3, 6, 7, 10, 11, 14, 15, -1, -1, -1, -1, -1, -1, -1, -1);
    __m256i gathered = _mm256_shuffle_epi8(bits, pick);
    return _mm256_castsi256_si128(_mm256_permute4x64_epi64(gathered, _MM_SHUFFLE(3, 1, 2, 0)));
}

static inline vh16 vh16_from_f32(vf32 v)
{
    __m256i bits = _mm256_castps_si256(v);
    __m256 rounded = _mm256_castsi256_ps(bf16_avx2_rounded_bits(bits));
    __m256 quiet = _mm256_castsi256_ps(_mm256_or_si256(bits, _mm256_set1_epi32(0x00400000)));
    __m256 r = _mm256_blendv_ps(rounded, quiet, _mm256_cmp_ps(v, v, _CMP_UNORD_Q));
    return bf16_avx2_high_halves(_mm256_castps_si256(r));
}

/* Round half up, bits + 0x8000: it differs from nearest even only on
 * ties, and a tie (low half 0x8000) is flagged.  ambiguous: the low half
 * of the bits within k of 0x8000; (bits + k) << 16 moves that window to
 * the bottom of the signed range, [INT32_MIN, INT32_MIN + 2k << 16], one
 * signed compare.  NaN lanes are not flagged: their high half passes
 * unchanged when the low half is 0, as for every NaN that arithmetic
 * makes from bf16 operands. */
static inline vh16 vh16_from_f32_checked(vf32 v, int k, vmask32 *ambiguous)
{
    __m256i bits = _mm256_castps_si256(v);
    __m256i window = _mm256_slli_epi32(_mm256_add_epi32(bits, _mm256_set1_epi32(k)), 16);
    __m256i above = _mm256_set1_epi32((int32_t)(0x80000000u + ((uint32_t)(2 * k + 1) << 16)));
    *ambiguous = _mm256_castsi256_ps(_mm256_cmpgt_epi32(above, window));
    return bf16_avx2_high_halves(_mm256_add_epi32(bits, _mm256_set1_epi32(0x8000)));
}

#ifdef ACTBENCH_SIMD_F64W
static inline vh16 vh16_from_f64w(vf64w d) { return vh16_from_f32(vf64w_narrow_round_odd(d)); }
#endif

#include "h16-common.h"

#endif
