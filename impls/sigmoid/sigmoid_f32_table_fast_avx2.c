/*
 * sigmoid, table method, fast tier, AVX2 + FMA, 8 lanes.
 *
 * Algorithm (impls/math/logistic.h over impls/math/exp_table.h):
 * E = exp(-x) = hi*(1 + lo[j] - r + r^2*q(r)), k = round(-8x/ln2),
 * r = x + k*ln2/8 in one FMA (ln2/8 rounded to float), hi = 2^(k/8) and
 * lo[j] from the 8-entry tables of 2^(j/8) (64 bytes, one cache line:
 * both held in ymm registers, each looked up with one vpermps),
 * q of degree 1 on |r| <= ln2/16, evaluated as hi + hi*(r^2*q + (lo[j] - r))
 * (monotone in x, also where k changes); sigmoid = 1/(1 + E) by one
 * division.  Twelve operations for E against eleven in the table-free
 * degree-5 form, but two are lookups off the FMA pipes and the chain is
 * shorter: 7% faster measured, and 2^-25.2 instead of 2^-23.2.
 * Derivative: E*sigmoid^2 (= sigmoid*(1 - sigmoid) without cancellation).
 * Special lanes (|x| > 87, infinities, NaN) are recomputed in double
 * (widen, exp, one rounding): sigmoid(-inf) = +0, sigmoid(+inf) = 1, NaN
 * propagates, the subnormal range is exact.
 * Coefficients and table: impls/math/sollya/exp_table.sollya, written by
 * scripts/fit-coefficients into impls/math/coefficients.h and exp_data.c.
 *
 * Why a table form of the fast tier: two register lookups buy two
 * polynomial terms; see sigmoid_f32_poly_fast_* for the table-free form
 * and sigmoid_f32_table_accurate_* for the accurate tier.
 *
 * Speed: 0.667 cycles/element; fastest peer libmvec 1.159: 0.58x, against
 * the tier's 0.6x, which it meets; with four vectors per iteration, same
 * run, 0.714 against libmvec's 1.150 (0.62x)
 * (`build/actbench -A sigmoid -m libmvec,sleef,poly,table -f f32 -I avx2,avx512f
 * --speed-only --modes throughput,gradient_throughput --budget 0.3`, three runs
 * alternating with the four-vector build, medians; L1-resident, core cycles
 * per element from calibrated TSC ticks, AMD EPYC Zen 5, shared machine at
 * load 7-9: compare within one run).
 *
 * Checked on every input with 2^-3 <= |x| < 2^7 (double reference, worst
 * cases confirmed with MPFR; smaller |x| by actbench's sample; the scalar,
 * AVX2 and AVX-512F kernels agree bit for bit): value at most 2.45 ulp on
 * [-10, 10] and 5.58 ulp overall (x = -0x1.5abf26p+6, the one-FMA
 * reduction at |k| = 1000); gradient at most 5.60 ulp; monotone over all
 * of f32 (checked on every pair of consecutive floats).
 *
 * Tier: fast.  Declared bounds, f32: value 5.6 ulp, gradient 5.7 ulp
 * (just above the exhaustive figures above).  Loops:
 * impls/math/elementwise_narrow.h (two vectors per main-loop iteration,
 * then single vectors, then a masked tail that touches nothing past n; in
 * place safe; faster than four on AVX2, see Speed).
 *
 * Measured max error against MPFR, in ulps
 * (x86_64-avx512-bf16, 1049148 f32 points):
 *   sigmoid_f32_table_fast_avx2 f32: value 4.732 ulp at x = -0x1.5af408p+6,
 *     gradient 4.732 ulp at x = -0x1.5af408p+6
 */
#include "../../include/actbench/kernel.h"
#include "../simd/f32-avx2.h"
#include "../simd/f64w-avx2.h"
#include "../math/elementwise_narrow.h"
#include "../math/logistic.h"

static vf32 value(vf32 x, const void *context, vmask32 *special)
{
    return sigmoid_table_fast_value(x, *(const struct exp_table_tables *)context, special);
}

static vf32 derivative(vf32 x, const void *context, vmask32 *special)
{
    return sigmoid_table_fast_derivative(x, *(const struct exp_table_tables *)context, special);
}

void sigmoid_f32_table_fast_avx2_forward(const float *x, float *y, size_t n, const struct actbench_params *p);
void sigmoid_f32_table_fast_avx2_gradient(const float *x, const float *y, const float *dy, float *dx, float *dparam,
                                          size_t n, const struct actbench_params *p);

void sigmoid_f32_table_fast_avx2_forward(const float *x, float *y, size_t n, const struct actbench_params *p)
{
    (void)p;
    const struct exp_table_tables tables = exp_table_load();
    elementwise_two_forward(x, y, n, value, sigmoid_special_case, &tables);
}

void sigmoid_f32_table_fast_avx2_gradient(const float *x, const float *y, const float *dy, float *dx, float *dparam,
                                          size_t n, const struct actbench_params *p)
{
    (void)y, (void)dparam, (void)p;
    const struct exp_table_tables tables = exp_table_load();
    elementwise_two_gradient(x, dy, dx, n, derivative, sigmoid_derivative_special_case, &tables);
}

const struct actbench_kernel sigmoid_f32_table_fast_avx2 = {
    .name = "sigmoid_f32_table_fast_avx2",
    .activation = "sigmoid",
    .type = ACTBENCH_F32,
    .isa = "avx2",
    .unroll = 2 * VF32_LANES,
    .forward.f32 = sigmoid_f32_table_fast_avx2_forward,
    .gradient.f32 = sigmoid_f32_table_fast_avx2_gradient,
    .bounds[ACTBENCH_F32] = {.value_ulp = 5.6, .gradient_ulp = 5.7},
    .description = "1/(1 + exp(-x)), exp(-x) from the 2^(j/8) table + degree-3 poly after one-FMA reduction, one division; derivative E*sigmoid^2",
};
