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

#define PEER_SUFFIX _libmvec_avx2
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

#define PEER_EXP(v) _ZGVdN8v_expf(v)
#define PEER_EXPM1(v) _ZGVdN8v_expm1f(v)
#define PEER_LOG1P(v) _ZGVdN8v_log1pf(v)
#define PEER_ERF(v) _ZGVdN8v_erff(v)
#define PEER_TANH(v) _ZGVdN8v_tanhf(v)
#include "peer_compose.h"
