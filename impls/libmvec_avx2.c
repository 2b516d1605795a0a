/*
 * glibc libmvec, AVX2 (8 lanes): the activations composed from libmvec's
 * 8-lane float functions _ZGVdN8v_expf, _expm1f, _log1pf, _erff and _tanhf
 * by impls/peer_compose.h (sigmoid, silu, softmax, elu, softplus, gelu,
 * tanh, gelu_tanh; see there for the formulas and special values).  The
 * tail of n mod 8 elements goes through vmaskmovps, which neither reads nor
 * writes the masked-off lanes.  Link with -lmvec; libmvec selects its AVX2
 * code at load time.
 *
 * Measured max error against MPFR, f32 (scripts/actbench --all
 * --accuracy-only: seed 1, 2^20 random inputs and the special values):
 *   sigmoid_libmvec_avx2: value 2.097e+06 ulp at x = -0x1.62e43p+6,
 *     gradient 1.678e+07 ulp at x = 0x1.0a2b24p+4
 *   silu_libmvec_avx2: value 1.641e+07 ulp at x = -0x1.644d8ep+6,
 *     gradient 1.675e+07 ulp at x = -0x1.642c26p+6
 *   elu_libmvec_avx2: value 1.363 ulp at x = -0x1.ae0ebp-8,
 *     gradient 2.545 ulp at x = -0x1.a56c86p+2
 *   softplus_libmvec_avx2: value 3.12 ulp at x = -0x1.189b7cp+0,
 *     gradient 2.097e+06 ulp at x = -0x1.62e43p+6
 *   softmax_libmvec_avx2: value 63.54 ulp at x = -0x1.cec458p+4,
 *     gradient 5.345e+07 ulp at x = 0x1.7b2dcp+5
 *   gelu_libmvec_avx2: value 1.678e+07 ulp at x = -0x1.84ea3ep+2,
 *     gradient 5.293e+05 ulp at x = -0x1.629ebep+2
 *   tanh_libmvec_avx2: value 1.024 ulp at x = -0x1.0da6fcp+1,
 *     gradient 1.678e+07 ulp at x = 0x1.0a2b24p+4
 *   gelu_tanh_libmvec_avx2: value 1.678e+07 ulp at x = -0x1.5278c8p+2,
 *     gradient 1.678e+07 ulp at x = -0x1.d5a694p+2
 */
#include "kernels.h"
#include <immintrin.h>
#include <stddef.h>

/* libmvec's AVX2 entry points (x86_64 vector function ABI, 'd' = AVX2,
 * N8 = 8 lanes, v = one vector argument); glibc ships no header for them. */
__m256 _ZGVdN8v_expf(__m256 x);
__m256 _ZGVdN8v_expm1f(__m256 x);
__m256 _ZGVdN8v_log1pf(__m256 x);
__m256 _ZGVdN8v_erff(__m256 x);
__m256 _ZGVdN8v_tanhf(__m256 x);

#include "peer_vector_avx2.h"

#define PEER_SUFFIX _libmvec_avx2

#define PEER_EXP(v) _ZGVdN8v_expf(v)
#define PEER_EXPM1(v) _ZGVdN8v_expm1f(v)
#define PEER_LOG1P(v) _ZGVdN8v_log1pf(v)
#define PEER_ERF(v) _ZGVdN8v_erff(v)
#define PEER_TANH(v) _ZGVdN8v_tanhf(v)
#include "peer_compose.h"
