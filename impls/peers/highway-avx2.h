/*
 * Highway 1.0.3's hwy/contrib/math Tanh, Exp, Expm1 and Log1p on
 * AVX2 (8 lanes), one vector per call (impls/peers/highway-avx2.cc, C++,
 * compiled with the avx2 flags).  Declared weak: a build without Highway
 * links the kernels without them, and the harness skips the highway rows
 * (skipped_library) before anything calls them.
 */
#ifndef ACTBENCH_PEERS_HIGHWAY_AVX2_H
#define ACTBENCH_PEERS_HIGHWAY_AVX2_H

#include <immintrin.h>

__m256 actbench_highway_tanhf_avx2(__m256 x) __attribute__((weak));
__m256 actbench_highway_expf_avx2(__m256 x) __attribute__((weak));
__m256 actbench_highway_expm1f_avx2(__m256 x) __attribute__((weak));
__m256 actbench_highway_log1pf_avx2(__m256 x) __attribute__((weak));

#endif
