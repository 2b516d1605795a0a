/*
 * tanh for actbench, AVX2 + FMA, 8 lanes: an external kernel (built outside
 * actbench, loaded with `actbench --kernel tanh_example.so`).
 *
 * |x| < 0.625: the odd polynomial x + x^3 p(x^2) (degree 15); above, with
 * t = exp(-2|x|) in (0, 0.29]: tanh |x| = 1 - 2t / (1 + t), rounded once
 * at the end.  exp is 2^k * q(r), r = z - k ln 2 in [-ln2/2, ln2/2], q of
 * degree 6.  Coefficients: fpminimax, tanh_example.sollya.  Past |x| = 9.1
 * tanh rounds to 1.  The gradient is sech^2 = 4t / (1 + t)^2 from x (not
 * 1 - y^2, which cancels as |y| nears 1), with 2^k split in two so that t
 * keeps its subnormal range.  NaN propagates through every path.
 *
 * Measured by actbench against MPFR (2^20 f32 points, seed 1): value
 * 1.382 ulp at x = -0x1.42946ep-1, gradient 4.217 ulp at x = -0x1.35c1bcp+1;
 * declared bounds 2 and 5 ulp.
 */
#include <actbench/kernel.h>
#include <immintrin.h>
#include <stddef.h>

static __m256 poly_tanh(__m256 x)
{
    const __m256 x2 = _mm256_mul_ps(x, x);
    __m256 p = _mm256_set1_ps(-0x1.00a2b8p-10f);
    p = _mm256_fmadd_ps(p, x2, _mm256_set1_ps(0x1.c8377ap-9f));
    p = _mm256_fmadd_ps(p, x2, _mm256_set1_ps(-0x1.237532p-7f));
    p = _mm256_fmadd_ps(p, x2, _mm256_set1_ps(0x1.66a8e4p-6f));
    p = _mm256_fmadd_ps(p, x2, _mm256_set1_ps(-0x1.ba247ap-5f));
    p = _mm256_fmadd_ps(p, x2, _mm256_set1_ps(0x1.11114p-3f));
    p = _mm256_fmadd_ps(p, x2, _mm256_set1_ps(-0x1.555556p-2f));
    return _mm256_fmadd_ps(_mm256_mul_ps(p, x2), x, x);
}

/* exp(-2a) for a in [0, 60]: 2^k q(r), the scale applied in two halves. */
static __m256 exp_minus_twice(__m256 a)
{
    const __m256 z = _mm256_mul_ps(a, _mm256_set1_ps(-2.0f));
    const __m256 k = _mm256_round_ps(_mm256_mul_ps(z, _mm256_set1_ps(0x1.715476p+0f)),
                                     _MM_FROUND_TO_NEAREST_INT | _MM_FROUND_NO_EXC);
    __m256 r = _mm256_fnmadd_ps(k, _mm256_set1_ps(0x1.62ep-1f), z); /* ln 2, 12 bits: k ln2_hi is exact */
    r = _mm256_fnmadd_ps(k, _mm256_set1_ps(0x1.0bfbe8p-15f), r); /* ln 2 - ln2_hi */
    __m256 q = _mm256_set1_ps(0x1.6850e4p-10f);
    q = _mm256_fmadd_ps(q, r, _mm256_set1_ps(0x1.123bccp-7f));
    q = _mm256_fmadd_ps(q, r, _mm256_set1_ps(0x1.555b98p-5f));
    q = _mm256_fmadd_ps(q, r, _mm256_set1_ps(0x1.55548ep-3f));
    q = _mm256_fmadd_ps(q, r, _mm256_set1_ps(0x1.fffff8p-2f));
    q = _mm256_fmadd_ps(q, r, _mm256_set1_ps(1.0f));
    q = _mm256_fmadd_ps(q, r, _mm256_set1_ps(1.0f));
    const __m256i ki = _mm256_cvtps_epi32(k);
    const __m256i half = _mm256_srai_epi32(ki, 1);
    const __m256i bias = _mm256_set1_epi32(127);
    const __m256 s1 = _mm256_castsi256_ps(_mm256_slli_epi32(_mm256_add_epi32(half, bias), 23));
    const __m256 s2 = _mm256_castsi256_ps(
        _mm256_slli_epi32(_mm256_add_epi32(_mm256_sub_epi32(ki, half), bias), 23));
    return _mm256_mul_ps(_mm256_mul_ps(q, s1), s2);
}

static __m256 tanh_vector(__m256 x)
{
    const __m256 sign = _mm256_set1_ps(-0.0f);
    const __m256 a = _mm256_andnot_ps(sign, x);
    const __m256 t = exp_minus_twice(_mm256_min_ps(a, _mm256_set1_ps(10.0f)));
    const __m256 one = _mm256_set1_ps(1.0f);
    /* 1 - 2t/(1 + t): one rounding at the end keeps 1 - 2^-24 until 9.01 */
    const __m256 q = _mm256_div_ps(_mm256_add_ps(t, t), _mm256_add_ps(one, t));
    const __m256 large = _mm256_sub_ps(one, q);
    const __m256 small = _mm256_cmp_ps(a, _mm256_set1_ps(0.625f), _CMP_LT_OQ);
    /* tanh is odd: |tanh x| with the sign of x, so tanh(-0) = -0 */
    const __m256 y = _mm256_or_ps(_mm256_blendv_ps(large, poly_tanh(a), small),
                                  _mm256_and_ps(x, sign));
    const __m256 nan = _mm256_cmp_ps(x, x, _CMP_UNORD_Q);
    return _mm256_blendv_ps(y, x, nan);
}

static __m256 sech2_vector(__m256 x)
{
    const __m256 a = _mm256_andnot_ps(_mm256_set1_ps(-0.0f), x);
    /* past 60, 4t underflows to 0 as sech^2 does */
    const __m256 t = exp_minus_twice(_mm256_min_ps(a, _mm256_set1_ps(60.0f)));
    const __m256 s = _mm256_add_ps(_mm256_set1_ps(1.0f), t);
    const __m256 d = _mm256_div_ps(_mm256_mul_ps(_mm256_set1_ps(4.0f), t), _mm256_mul_ps(s, s));
    const __m256 nan = _mm256_cmp_ps(x, x, _CMP_UNORD_Q);
    return _mm256_blendv_ps(d, x, nan);
}

static __m256i tail_mask(size_t count)
{
    return _mm256_cmpgt_epi32(_mm256_set1_epi32((int)count),
                              _mm256_setr_epi32(0, 1, 2, 3, 4, 5, 6, 7));
}

static void tanh_f32_example_avx2_forward(const float *x, float *y, size_t n,
                                          const struct actbench_params *p)
{
    (void)p;
    size_t i = 0;
    for (; i + 8 <= n; i += 8)
        _mm256_storeu_ps(y + i, tanh_vector(_mm256_loadu_ps(x + i)));
    if (i < n) {
        const __m256i m = tail_mask(n - i);
        _mm256_maskstore_ps(y + i, m, tanh_vector(_mm256_maskload_ps(x + i, m)));
    }
}

static void tanh_f32_example_avx2_gradient(const float *x, const float *y, const float *dy,
                                           float *dx, float *dparam, size_t n,
                                           const struct actbench_params *p)
{
    (void)y, (void)dparam, (void)p;
    size_t i = 0;
    for (; i + 8 <= n; i += 8)
        _mm256_storeu_ps(dx + i, _mm256_mul_ps(sech2_vector(_mm256_loadu_ps(x + i)),
                                               _mm256_loadu_ps(dy + i)));
    if (i < n) {
        const __m256i m = tail_mask(n - i);
        const __m256 d = sech2_vector(_mm256_maskload_ps(x + i, m));
        _mm256_maskstore_ps(dx + i, m, _mm256_mul_ps(d, _mm256_maskload_ps(dy + i, m)));
    }
}

static const struct actbench_kernel kernels[] = {{
    .name = "tanh_f32_example_avx2",
    .activation = "tanh",
    .type = ACTBENCH_F32,
    .isa = "avx2",
    .unroll = 8,
    .forward.f32 = tanh_f32_example_avx2_forward,
    .gradient.f32 = tanh_f32_example_avx2_gradient,
    .bounds[ACTBENCH_F32] = {.value_ulp = 2.0, .gradient_ulp = 5.0},
    .description = "odd polynomial below 0.625, (1 - t)/(1 + t) with t = exp(-2|x|) above",
}};

ACTBENCH_EXPORT const struct actbench_kernel_table actbench_kernels = {
    .abi = ACTBENCH_KERNEL_ABI,
    .count = sizeof kernels / sizeof kernels[0],
    .kernels = kernels,
};
