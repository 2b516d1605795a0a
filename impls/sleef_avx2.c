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

/* Mask of lanes 0 .. count-1 as a vector of all-ones / all-zeros lanes. */
static inline __m256i avx2_tail_mask(size_t count)
{
    const __m256i lane = _mm256_setr_epi32(0, 1, 2, 3, 4, 5, 6, 7);
    return _mm256_cmpgt_epi32(_mm256_set1_epi32((int)count), lane);
}

static inline float avx2_reduce_add(__m256 v)
{
    __m128 s = _mm_add_ps(_mm256_castps256_ps128(v), _mm256_extractf128_ps(v, 1));
    s = _mm_add_ps(s, _mm_movehl_ps(s, s));
    s = _mm_add_ss(s, _mm_movehdup_ps(s));
    return _mm_cvtss_f32(s);
}

static inline float avx2_reduce_max(__m256 v)
{
    __m128 s = _mm_max_ps(_mm256_castps256_ps128(v), _mm256_extractf128_ps(v, 1));
    s = _mm_max_ps(s, _mm_movehl_ps(s, s));
    s = _mm_max_ss(s, _mm_movehdup_ps(s));
    return _mm_cvtss_f32(s);
}

#define PEER_VEC __m256
#define PEER_WIDTH 8
#define PEER_LOAD(ptr) _mm256_loadu_ps(ptr)
#define PEER_STORE(ptr, v) _mm256_storeu_ps(ptr, v)
#define PEER_TAIL_MASK(count) _mm256_castsi256_ps(avx2_tail_mask(count))
#define PEER_LOAD_TAIL(ptr, count) _mm256_maskload_ps(ptr, avx2_tail_mask(count))
#define PEER_STORE_TAIL(ptr, v, count) _mm256_maskstore_ps(ptr, avx2_tail_mask(count), v)
#define PEER_SET1(c) _mm256_set1_ps(c)
#define PEER_ADD(a, b) _mm256_add_ps(a, b)
#define PEER_SUB(a, b) _mm256_sub_ps(a, b)
#define PEER_MUL(a, b) _mm256_mul_ps(a, b)
#define PEER_DIV(a, b) _mm256_div_ps(a, b)
#define PEER_NEG(a) _mm256_xor_ps(a, _mm256_set1_ps(-0.0f))
#define PEER_ABS(a) _mm256_andnot_ps(_mm256_set1_ps(-0.0f), a)
#define PEER_MAX(a, b) _mm256_max_ps(a, b)
#define PEER_FMADD(a, b, c) _mm256_fmadd_ps(a, b, c)
#define PEER_FNMADD(a, b, c) _mm256_fnmadd_ps(a, b, c)
#define PEER_GT(a, b) _mm256_cmp_ps(a, b, _CMP_GT_OQ)
#define PEER_GE(a, b) _mm256_cmp_ps(a, b, _CMP_GE_OQ)
#define PEER_EQ(a, b) _mm256_cmp_ps(a, b, _CMP_EQ_OQ)
#define PEER_SELECT(mask, a, b) _mm256_blendv_ps(b, a, mask)
#define PEER_REDUCE_ADD(v) avx2_reduce_add(v)
#define PEER_REDUCE_MAX(v) avx2_reduce_max(v)

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
