/*
 * SLEEF 3.5, AVX-512F (16 lanes): the activations composed from SLEEF's
 * 16-lane float functions by impls/peer_compose.h (see there for the
 * formulas and special values).  With the 1.0-ulp functions
 * Sleef_expf16_u10avx512f, _expm1f16_u10, _log1pf16_u10, _erff16_u10 and
 * _tanhf16_u10: sigmoid, silu, softmax, elu, softplus, gelu, tanh and
 * gelu_tanh ("_sleef_u10_"); with the 3.5-ulp Sleef_tanhf16_u35avx512f also
 * tanh and gelu_tanh ("_sleef_u35_").  The tail of n mod 16 elements goes
 * through a masked load and store (AVX-512 suppresses faults and writes in
 * masked-off lanes).  Link with -lsleef.
 *
 * Not measured: the machine these bounds were set on has no AVX-512.  The
 * declared bounds are those of the AVX2 build with a margin (SLEEF builds
 * both from one source with FMA, so their results should agree closely).
 *
 * Measured max error against MPFR, f32 (scripts/actbench --all
 * --accuracy-only: seed 1, 2^20 random inputs and the special values): none, the CPU
 * lacks avx512f; the bounds in registry.inc are estimates for
 *   sigmoid_sleef_u10_avx512f
 *   silu_sleef_u10_avx512f
 *   elu_sleef_u10_avx512f
 *   softplus_sleef_u10_avx512f
 *   softmax_sleef_u10_avx512f
 *   gelu_sleef_u10_avx512f
 *   tanh_sleef_u10_avx512f
 *   gelu_tanh_sleef_u10_avx512f
 *   tanh_sleef_u35_avx512f
 *   gelu_tanh_sleef_u35_avx512f
 */
#include "kernels.h"
#include <immintrin.h>
#include <sleef.h>
#include <stddef.h>

#include "peer_vector_avx512f.h"


/* Every activation with the 1.0-ulp functions. */
#define PEER_SUFFIX _sleef_u10_avx512f
#define PEER_EXP(v) Sleef_expf16_u10avx512f(v)
#define PEER_EXPM1(v) Sleef_expm1f16_u10avx512f(v)
#define PEER_LOG1P(v) Sleef_log1pf16_u10avx512f(v)
#define PEER_ERF(v) Sleef_erff16_u10avx512f(v)
#define PEER_TANH(v) Sleef_tanhf16_u10avx512f(v)
#include "peer_compose.h"

/* tanh and gelu_tanh again with the 3.5-ulp tanh. */
#undef PEER_SUFFIX
#undef PEER_EXP
#undef PEER_EXPM1
#undef PEER_LOG1P
#undef PEER_ERF
#undef PEER_TANH
#define PEER_SUFFIX _sleef_u35_avx512f
#define PEER_TANH(v) Sleef_tanhf16_u35avx512f(v)
#include "peer_compose.h"
