/*
 * sigmoid, poly method, fast tier, AVX2 + FMA, 8 lanes.
 *
 * Algorithm (impls/math/logistic.h over impls/math/exp_poly.h):
 * E = exp(-x) = 2^k * (1 + p(r)), k = round(-x/ln2), r = x + k*ln2 in one
 * FMA (ln2 rounded to float), p of degree 5 on |r| <= ln2/2 (no table);
 * sigmoid = 1/(1 + E) by one division.  1/(1 + E) is monotone in E and
 * E in x, and 1 + E rounds to 1 exactly where the true value does (to
 * within the last ulp below 1), so the saturation is exact.
 * Derivative: E*sigmoid^2 (= sigmoid*(1 - sigmoid) without cancellation).
 * Special lanes (|x| > 87, infinities, NaN) are recomputed in double
 * (widen, exp, one rounding): sigmoid(-inf) = +0, sigmoid(+inf) = 1, NaN
 * propagates, the subnormal range is exact.
 * Coefficients: impls/math/sollya/exp_poly.sollya, written by
 * scripts/fit-coefficients into impls/math/coefficients.h.
 *
 * Why poly for the fast tier: no table and no lookups; the one-FMA
 * reduction adds |k|*2^-28.9 to r (below 2^-25 on [-10, 10]) and saves 11%
 * on AVX2.  sigmoid_f32_table_fast_* trades the two highest terms for two
 * register lookups (7% faster measured, 2^-25.2 instead of 2^-23.2); see
 * sigmoid_f32_table_accurate_* for the accurate tier.
 *
 * Speed: 0.742 cycles/element; fastest peer libmvec 1.159: 0.64x, against
 * the tier's 0.6x, which it misses (the table kernel meets it); with four
 * vectors per iteration, same run, 0.762 against libmvec's 1.150 (0.66x)
 * (`build/actbench -A sigmoid -m libmvec,sleef,poly,table -f f32 -I avx2,avx512f
 * --speed-only --modes throughput,gradient_throughput --budget 0.3`, three runs
 * alternating with the four-vector build, medians; L1-resident, core cycles
 * per element from calibrated TSC ticks, AMD EPYC Zen 5, shared machine at
 * load 7-9: compare within one run).
 *
 * Checked on every input with 2^-3 <= |x| < 2^7 (double reference, worst
 * cases confirmed with MPFR; smaller |x| by actbench's sample; the scalar,
 * AVX2 and AVX-512F kernels agree bit for bit): value at most 3.40 ulp on
 * [-10, 10] and 5.70 ulp overall (x = -0x1.5b12a2p+6, the one-FMA
 * reduction at |k| = 125); gradient at most 5.87 ulp; monotone over all of
 * f32 (checked on every pair of consecutive floats).
 *
 * Tier: fast.  Declared bounds, f32: value 5.8 ulp, gradient 5.9 ulp
 * (just above the exhaustive figures above).  Loops:
 * impls/math/elementwise_narrow.h (two vectors per main-loop iteration,
 * then single vectors, then a masked tail that touches nothing past n; in
 * place safe; faster than four on AVX2, see Speed).
 *
 * Measured max error against MPFR, in ulps
 * (x86_64-avx512-bf16, 1049148 f32 points):
 *   sigmoid_f32_poly_fast_avx2 f32: value 5.23 ulp at x = -0x1.47a452p+6,
 *     gradient 5.24 ulp at x = 0x1.cb3bb2p+0
 */
#include "../../include/actbench/kernel.h"
#include "../simd/f32-avx2.h"
#include "../simd/f64w-avx2.h"
#include "../math/elementwise_narrow.h"
#include "../math/logistic.h"

static vf32 value(vf32 x, const void *context, vmask32 *special)
{
    (void)context;
    return sigmoid_poly_fast_value(x, special);
}

static vf32 derivative(vf32 x, const void *context, vmask32 *special)
{
    (void)context;
    return sigmoid_poly_fast_derivative(x, special);
}

void sigmoid_f32_poly_fast_avx2_forward(const float *x, float *y, size_t n, const struct actbench_params *p);
void sigmoid_f32_poly_fast_avx2_gradient(const float *x, const float *y, const float *dy, float *dx, float *dparam,
                                         size_t n, const struct actbench_params *p);

void sigmoid_f32_poly_fast_avx2_forward(const float *x, float *y, size_t n, const struct actbench_params *p)
{
    (void)p;
    elementwise_two_forward(x, y, n, value, sigmoid_special_case, NULL);
}

void sigmoid_f32_poly_fast_avx2_gradient(const float *x, const float *y, const float *dy, float *dx, float *dparam,
                                         size_t n, const struct actbench_params *p)
{
    (void)y, (void)dparam, (void)p;
    elementwise_two_gradient(x, dy, dx, n, derivative, sigmoid_derivative_special_case, NULL);
}

const struct actbench_kernel sigmoid_f32_poly_fast_avx2 = {
    .name = "sigmoid_f32_poly_fast_avx2",
    .activation = "sigmoid",
    .type = ACTBENCH_F32,
    .isa = "avx2",
    .unroll = 2 * VF32_LANES,
    .forward.f32 = sigmoid_f32_poly_fast_avx2_forward,
    .gradient.f32 = sigmoid_f32_poly_fast_avx2_gradient,
    .bounds[ACTBENCH_F32] = {.value_ulp = 5.8, .gradient_ulp = 5.9},
    .description = "1/(1 + exp(-x)), exp(-x) by a degree-5 minimax poly after one-FMA reduction, one division; derivative E*sigmoid^2",
};
