/*
 * sigmoid, poly method, fast tier, portable C, one lane: the reference of the method for the vector kernels (same operations, same order; fmaf for the fused steps, 1.0f/a for the division).
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
 * Speed: 30.8 cycles/element against 6.46 for the libm formula (there
 * is no scalar peer): without -mfma every fused step is a call to libm's
 * fmaf, so this file is the portable reference of the method, not a
 * fast path
 * (`build/actbench -A sigmoid,silu --speed-only --modes throughput --budget 0.2`:
 * L1-resident, median core cycles per element from calibrated TSC ticks,
 * AMD EPYC Zen 5; the machine was shared, so compare within one run).
 *
 * Checked on every input with 2^-3 <= |x| < 2^7 (double reference, worst
 * cases confirmed with MPFR; smaller |x| by actbench's sample; the scalar,
 * AVX2 and AVX-512F kernels agree bit for bit): value at most 3.40 ulp on
 * [-10, 10] and 5.70 ulp overall (x = -0x1.5b12a2p+6, the one-FMA
 * reduction at |k| = 125); gradient at most 5.87 ulp; monotone over all of
 * f32 (checked on every pair of consecutive floats).
 *
 * Tier: fast.  Declared bounds, f32: value 5.8 ulp, gradient 5.9 ulp
 * (just above the exhaustive figures above).  Loops: impls/math/elementwise.h
 * (four vectors per main-loop iteration, then single vectors, then a
 * masked tail that touches nothing past n; in place safe).
 *
 * Measured max error against MPFR, in ulps
 * (x86_64-avx512-bf16, 1049148 f32 points):
 *   sigmoid_f32_poly_fast_scalar f32: value 5.23 ulp at x = -0x1.47a452p+6,
 *     gradient 5.24 ulp at x = 0x1.cb3bb2p+0
 */
#include "../../include/actbench/kernel.h"
#include "../simd/f32-scalar.h"
#include "../simd/f64w-scalar.h"
#include "../math/elementwise.h"
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

void sigmoid_f32_poly_fast_scalar_forward(const float *x, float *y, size_t n, const struct actbench_params *p);
void sigmoid_f32_poly_fast_scalar_gradient(const float *x, const float *y, const float *dy, float *dx, float *dparam,
                                           size_t n, const struct actbench_params *p);

void sigmoid_f32_poly_fast_scalar_forward(const float *x, float *y, size_t n, const struct actbench_params *p)
{
    (void)p;
    elementwise_forward(x, y, n, value, sigmoid_special_case, NULL);
}

void sigmoid_f32_poly_fast_scalar_gradient(const float *x, const float *y, const float *dy, float *dx, float *dparam,
                                           size_t n, const struct actbench_params *p)
{
    (void)y, (void)dparam, (void)p;
    elementwise_gradient(x, dy, dx, n, derivative, sigmoid_derivative_special_case, NULL);
}

const struct actbench_kernel sigmoid_f32_poly_fast_scalar = {
    .name = "sigmoid_f32_poly_fast_scalar",
    .activation = "sigmoid",
    .type = ACTBENCH_F32,
    .isa = "scalar",
    .unroll = ELEMENTWISE_UNROLL * VF32_LANES,
    .forward.f32 = sigmoid_f32_poly_fast_scalar_forward,
    .gradient.f32 = sigmoid_f32_poly_fast_scalar_gradient,
    .bounds[ACTBENCH_F32] = {.value_ulp = 5.8, .gradient_ulp = 5.9},
    .description = "1/(1 + exp(-x)), exp(-x) by a degree-5 minimax poly after one-FMA reduction, one division; derivative E*sigmoid^2",
};
