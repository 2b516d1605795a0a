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

/* Mask of lanes 0 .. count-1 (count < 16). */
static inline __mmask16 avx512_tail_mask(size_t count)
{
    return (__mmask16)((1u << count) - 1u);
}

/* The sign bit as integer lanes: sign flips with AVX-512F's integer logic
 * (the float form _mm512_xor_ps needs AVX-512DQ). */
#define AVX512_SIGN_BIT _mm512_set1_epi32((int)0x80000000u)

#define PEER_SUFFIX _libmvec_avx512f
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

#define PEER_EXP(v) _ZGVeN16v_expf(v)
#define PEER_EXPM1(v) _ZGVeN16v_expm1f(v)
#define PEER_LOG1P(v) _ZGVeN16v_log1pf(v)
#define PEER_ERF(v) _ZGVeN16v_erff(v)
#define PEER_TANH(v) _ZGVeN16v_tanhf(v)
#include "peer_compose.h"
