/*
 * Eigen 3.4's float tanh, logistic, erf, exp, expm1 and log1p on AVX-512
 * (16 lanes), one vector per call (impls/peers/eigen-avx512f.cc, C++,
 * compiled with the avx512f flags).  Declared weak: a build without Eigen
 * links the kernels without them, and the harness skips the eigen rows
 * (skipped_library) before anything calls them.
 */
#ifndef ACTBENCH_PEERS_EIGEN_AVX512F_H
#define ACTBENCH_PEERS_EIGEN_AVX512F_H

#include <immintrin.h>

__m512 actbench_eigen_tanhf_avx512f(__m512 x) __attribute__((weak));
__m512 actbench_eigen_logisticf_avx512f(__m512 x) __attribute__((weak));
__m512 actbench_eigen_erff_avx512f(__m512 x) __attribute__((weak));
__m512 actbench_eigen_expf_avx512f(__m512 x) __attribute__((weak));
__m512 actbench_eigen_expm1f_avx512f(__m512 x) __attribute__((weak));
__m512 actbench_eigen_log1pf_avx512f(__m512 x) __attribute__((weak));

#endif
