/*
 * SLEEF 3.5, AVX2 (8 lanes): the activations composed from SLEEF's 8-lane
 * float functions by impls/peer_compose.h (see there for the formulas and
 * special values).  With the 1.0-ulp functions Sleef_expf8_u10avx2,
 * _expm1f8_u10, _log1pf8_u10, _erff8_u10 and _tanhf8_u10: sigmoid, silu,
 * softmax, elu, softplus, gelu, tanh and gelu_tanh ("_sleef_u10_"); with
 * the 3.5-ulp Sleef_tanhf8_u35avx2 also tanh and gelu_tanh
 * ("_sleef_u35_").  The tail of n mod 8 elements goes through vmaskmovps,
 * which neither reads nor writes the masked-off lanes.  Link with -lsleef.
 *
 * Measured max error against MPFR, f32 (scripts/actbench --all
 * --accuracy-only: seed 1, 2^20 random inputs and the special values):
 *   sigmoid_sleef_u10_avx2: value 2.097e+06 ulp at x = -0x1.62e43p+6,
 *     gradient 1.678e+07 ulp at x = 0x1.0a2b24p+4
 *   silu_sleef_u10_avx2: value 1.641e+07 ulp at x = -0x1.644d8ep+6,
 *     gradient 1.675e+07 ulp at x = -0x1.642c26p+6
 *   elu_sleef_u10_avx2: value 0.9842 ulp at x = -0x1.0a6c7ep+4,
 *     gradient 0.9516 ulp at x = -0x1.77145ap+2
 *   softplus_sleef_u10_avx2: value 1.493 ulp at x = -0x1.85c84cp+6,
 *     gradient 2.097e+06 ulp at x = -0x1.62e43p+6
 *   softmax_sleef_u10_avx2: value 63.54 ulp at x = -0x1.cec458p+4,
 *     gradient 5.345e+07 ulp at x = 0x1.7b2dcp+5
 *   gelu_sleef_u10_avx2: value 1.678e+07 ulp at x = -0x1.84ea3ep+2,
 *     gradient 5.243e+05 ulp at x = -0x1.62b9e4p+2
 *   tanh_sleef_u10_avx2: value 1 ulp at x = 0x1.3fc896p-24,
 *     gradient 1.678e+07 ulp at x = 0x1.0a2b24p+4
 *   gelu_tanh_sleef_u10_avx2: value 1.678e+07 ulp at x = -0x1.5278c8p+2,
 *     gradient 1.678e+07 ulp at x = -0x1.d5a694p+2
 *   tanh_sleef_u35_avx2: value 2.564 ulp at x = -0x1.69653ep-3,
 *     gradient 1.678e+07 ulp at x = 0x1.0a2b24p+4
 *   gelu_tanh_sleef_u35_avx2: value 1.678e+07 ulp at x = -0x1.5278c8p+2,
 *     gradient 1.678e+07 ulp at x = -0x1.d5a694p+2
 */
#include "kernels.h"
#include <immintrin.h>
#include <stddef.h>
#include <sleef.h>

#include "peer_vector_avx2.h"


/* Every activation with the 1.0-ulp functions. */
#define PEER_SUFFIX _sleef_u10_avx2
#define PEER_EXP(v) Sleef_expf8_u10avx2(v)
#define PEER_EXPM1(v) Sleef_expm1f8_u10avx2(v)
#define PEER_LOG1P(v) Sleef_log1pf8_u10avx2(v)
#define PEER_ERF(v) Sleef_erff8_u10avx2(v)
#define PEER_TANH(v) Sleef_tanhf8_u10avx2(v)
#include "peer_compose.h"

/* tanh and gelu_tanh again with the 3.5-ulp tanh. */
#undef PEER_SUFFIX
#undef PEER_EXP
#undef PEER_EXPM1
#undef PEER_LOG1P
#undef PEER_ERF
#undef PEER_TANH
#define PEER_SUFFIX _sleef_u35_avx2
#define PEER_TANH(v) Sleef_tanhf8_u35avx2(v)
#include "peer_compose.h"
