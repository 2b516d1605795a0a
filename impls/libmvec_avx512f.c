/*
 * glibc libmvec, AVX-512F (16 lanes): the activations composed from
 * libmvec's 16-lane float functions _ZGVeN16v_expf, _expm1f, _log1pf, _erff
 * and _tanhf by impls/peer_compose.h (sigmoid, silu, softmax, elu,
 * softplus, gelu, tanh, gelu_tanh; see there for the formulas and special
 * values).  The tail of n mod 16 elements goes through a masked load and
 * store (AVX-512 suppresses faults and writes in masked-off lanes).  Link
 * with -lmvec.  Only AVX-512F instructions are used here; libmvec's own
 * AVX-512 code may need more and falls back to its AVX2 code without it.
 *
 * Not measured: the machine these bounds were set on has no AVX-512.  The
 * declared bounds are those of the AVX2 build with a margin; libmvec's
 * AVX-512 functions are separate code and may differ.
 *
 * Measured max error against MPFR, f32 (scripts/actbench --all
 * --accuracy-only: seed 1, 2^20 random inputs and the special values): none, the CPU
 * lacks avx512f; the bounds in registry.inc are estimates for
 *   sigmoid_libmvec_avx512f
 *   silu_libmvec_avx512f
 *   elu_libmvec_avx512f
 *   softplus_libmvec_avx512f
 *   softmax_libmvec_avx512f
 *   gelu_libmvec_avx512f
 *   tanh_libmvec_avx512f
 *   gelu_tanh_libmvec_avx512f
 */
#include "kernels.h"
#include <immintrin.h>
#include <stddef.h>

/* libmvec's AVX-512 entry points (x86_64 vector function ABI, 'e' =
 * AVX-512, N16 = 16 lanes, v = one vector argument). */
__m512 _ZGVeN16v_expf(__m512 x);
__m512 _ZGVeN16v_expm1f(__m512 x);
__m512 _ZGVeN16v_log1pf(__m512 x);
__m512 _ZGVeN16v_erff(__m512 x);
__m512 _ZGVeN16v_tanhf(__m512 x);

#include "peer_vector_avx512f.h"

#define PEER_SUFFIX _libmvec_avx512f

#define PEER_EXP(v) _ZGVeN16v_expf(v)
#define PEER_EXPM1(v) _ZGVeN16v_expm1f(v)
#define PEER_LOG1P(v) _ZGVeN16v_log1pf(v)
#define PEER_ERF(v) _ZGVeN16v_erff(v)
#define PEER_TANH(v) _ZGVeN16v_tanhf(v)
#include "peer_compose.h"
