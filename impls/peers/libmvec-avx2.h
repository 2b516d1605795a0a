/*
 * glibc libmvec's AVX2 entry points (x86_64 vector function ABI: 'd' =
 * AVX2, N8 = 8 lanes, v = one vector argument); glibc ships no header for
 * them.  libmvec picks this code for a caller compiled for AVX2; link with
 * -lmvec.
 */
#ifndef ACTBENCH_PEERS_LIBMVEC_AVX2_H
#define ACTBENCH_PEERS_LIBMVEC_AVX2_H

#include <immintrin.h>

__m256 _ZGVdN8v_expf(__m256 x);
__m256 _ZGVdN8v_expm1f(__m256 x);
__m256 _ZGVdN8v_logf(__m256 x);
__m256 _ZGVdN8v_log1pf(__m256 x);
__m256 _ZGVdN8v_erff(__m256 x);
__m256 _ZGVdN8v_tanhf(__m256 x);

#endif
