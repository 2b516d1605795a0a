/*
 * Highway 1.0.3's hwy/contrib/math Tanh, Exp, Expm1 and Log1p on
 * AVX-512 (16 lanes), one vector per call (impls/peers/highway-avx512f.cc, C++,
 * compiled with the avx512f flags).  Declared weak: a build without Highway
 * links the kernels without them, and the harness skips the highway rows
 * (skipped_library) before anything calls them.
 */
#ifndef ACTBENCH_PEERS_HIGHWAY_AVX512F_H
#define ACTBENCH_PEERS_HIGHWAY_AVX512F_H

#include <immintrin.h>

__m512 actbench_highway_tanhf_avx512f(__m512 x) __attribute__((weak));
__m512 actbench_highway_expf_avx512f(__m512 x) __attribute__((weak));
__m512 actbench_highway_expm1f_avx512f(__m512 x) __attribute__((weak));
__m512 actbench_highway_log1pf_avx512f(__m512 x) __attribute__((weak));

#endif
