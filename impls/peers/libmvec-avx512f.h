/*
 * glibc libmvec's AVX-512 entry points (x86_64 vector function ABI: 'e' =
 * AVX-512, N16 = 16 lanes, v = one vector argument); glibc ships no header
 * for them.  Link with -lmvec.
 */
#ifndef ACTBENCH_PEERS_LIBMVEC_AVX512F_H
#define ACTBENCH_PEERS_LIBMVEC_AVX512F_H

#include <immintrin.h>

__m512 _ZGVeN16v_expf(__m512 x);
__m512 _ZGVeN16v_expm1f(__m512 x);
__m512 _ZGVeN16v_logf(__m512 x);
__m512 _ZGVeN16v_log1pf(__m512 x);
__m512 _ZGVeN16v_erff(__m512 x);
__m512 _ZGVeN16v_tanhf(__m512 x);

#endif
