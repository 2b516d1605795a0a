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

typedef __m256i vh16;

/* The two conversions; everything else is f16-avx512f.h's, which leaves
 * these out when ACTBENCH_SIMD_F16_CONVERSIONS is defined. */
static inline vf32 vh16_to_f32(vh16 h) { return _mm512_cvtxph_ps(_mm256_castsi256_ph(h)); }
static inline vh16 vh16_from_f32(vf32 v) { return _mm256_castph_si256(_mm512_cvtxps_ph(v)); }
#define ACTBENCH_SIMD_F16_CONVERSIONS

#include "f16-avx512f.h"

#endif
