/*
 * Eigen 3.4's float tanh, logistic, erf, exp, expm1 and log1p on AVX2 (8
 * lanes), one vector per call (impls/peers/eigen-avx2.cc, C++, compiled
 * with the avx2 flags).  Declared weak: a build without Eigen links the
 * kernels without them, and the harness skips the eigen rows
 * (skipped_library) before anything calls them.
 */
#ifndef ACTBENCH_PEERS_EIGEN_AVX2_H
#define ACTBENCH_PEERS_EIGEN_AVX2_H

#include <immintrin.h>

__m256 actbench_eigen_tanhf_avx2(__m256 x) __attribute__((weak));
__m256 actbench_eigen_logisticf_avx2(__m256 x) __attribute__((weak));
__m256 actbench_eigen_erff_avx2(__m256 x) __attribute__((weak));
__m256 actbench_eigen_expf_avx2(__m256 x) __attribute__((weak));
__m256 actbench_eigen_expm1f_avx2(__m256 x) __attribute__((weak));
__m256 actbench_eigen_log1pf_avx2(__m256 x) __attribute__((weak));

#endif
