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

/* Mask of lanes 0 .. count-1 (count < 16). */
static inline __mmask16 avx512_tail_mask(size_t count)
{
    return (__mmask16)((1u << count) - 1u);
}

/* The sign bit as integer lanes: sign flips with AVX-512F's integer logic
 * (the float form _mm512_xor_ps needs AVX-512DQ). */
#define AVX512_SIGN_BIT _mm512_set1_epi32((int)0x80000000u)

#define PEER_VEC __m512
#define PEER_WIDTH 16
#define PEER_LOAD(ptr) _mm512_loadu_ps(ptr)
#define PEER_STORE(ptr, v) _mm512_storeu_ps(ptr, v)
#define PEER_TAIL_MASK(count) avx512_tail_mask(count)
#define PEER_LOAD_TAIL(ptr, count) _mm512_maskz_loadu_ps(avx512_tail_mask(count), ptr)
#define PEER_STORE_TAIL(ptr, v, count) _mm512_mask_storeu_ps(ptr, avx512_tail_mask(count), v)
#define PEER_SET1(c) _mm512_set1_ps(c)
#define PEER_ADD(a, b) _mm512_add_ps(a, b)
#define PEER_SUB(a, b) _mm512_sub_ps(a, b)
#define PEER_MUL(a, b) _mm512_mul_ps(a, b)
#define PEER_DIV(a, b) _mm512_div_ps(a, b)
#define PEER_NEG(a) _mm512_castsi512_ps(_mm512_xor_epi32(_mm512_castps_si512(a), AVX512_SIGN_BIT))
#define PEER_ABS(a) _mm512_abs_ps(a)
#define PEER_MAX(a, b) _mm512_max_ps(a, b)
#define PEER_FMADD(a, b, c) _mm512_fmadd_ps(a, b, c)
#define PEER_FNMADD(a, b, c) _mm512_fnmadd_ps(a, b, c)
#define PEER_GT(a, b) _mm512_cmp_ps_mask(a, b, _CMP_GT_OQ)
#define PEER_GE(a, b) _mm512_cmp_ps_mask(a, b, _CMP_GE_OQ)
#define PEER_EQ(a, b) _mm512_cmp_ps_mask(a, b, _CMP_EQ_OQ)
#define PEER_SELECT(mask, a, b) _mm512_mask_blend_ps(mask, b, a)
#define PEER_REDUCE_ADD(v) _mm512_reduce_add_ps(v)
#define PEER_REDUCE_MAX(v) _mm512_reduce_max_ps(v)

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
