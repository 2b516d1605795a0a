/*
 * softplus, table method, accurate tier, AVX2 + FMA, 8 lanes.
 *
 * Algorithm (impls/math/softplus.h over impls/math/exp_table.h and log1p.h):
 * softplus(x) = max(x, 0) + log1p(E), E = e^-|x| in (0, 1]: both terms are
 * >= 0, so nothing cancels; for x < 0 the result is log1p(E) alone and keeps
 * E's relative accuracy down the tail (softplus ~ e^x), and for large
 * positive x the correction log1p(e^-x) ~ e^-x is added to x without loss
 * and rounds away above x = 14.6 as it does in the correctly rounded result.
 * Lanes with |x| > 80 and NaN are special: recomputed in double, max(x, 0) +
 * E(1 - E/2) rounded once (softplus(-inf) = +0, softplus(+inf) = +inf, the
 * subnormal tail exact).
 *
 * E = hi + lo from exp_table_accurate (2^-28 relative). log1p(E) from
 * log1p_table_accurate: E renormalised by Fast2Sum, u = 1 + E with its
 * rounding error c, bin i = round(8(u - 1)) gives c_i ~ 1/u and -log(c_i) as
 * hi + lo from three 8-entry tables held in registers
 * (impls/math/log1p_data.c), r = u*c_i - 1 exact by one FMA (in bin 0, E <
 * 1/16, r is E's head itself and c its tail), log1p(r) ~ r + r^2*q(r) with q
 * of degree 5 (2^-33.75), log1p(c/u) to first order; the result is an
 * unevaluated hi + tail. Then max(x, 0) + hi by Fast2Sum (larger first) and
 * one rounding of the sum and the small terms.
 *
 * Derivative: sigmoid(x), sigmoid_table_accurate's form (impls/math/
 * logistic.h: E from the same hi/lo table, 1/(1 + E) compensated, one
 * rounding), no gradient death.
 *
 * Coefficients and tables: impls/math/sollya/exp_table.sollya and
 * log1p.sollya, written by scripts/fit-coefficients into impls/math/
 * coefficients.h, exp_data.c and log1p_data.c.
 *
 * Why table for the accurate tier: both halves are short polynomials on
 * small intervals thanks to the register tables; a table-free accurate
 * softplus (log1p of a compensated E in polynomial form over [0, 1]) is not
 * built. The speed goal is missed (see below): the compensated log1p costs
 * about as much as the exp. ML use: softplus layers and the positivity
 * constraint of variance outputs, where the tail's small values matter.
 *
 * Speed: 4.17 cycles/element; peers libmvec 3.7, SLEEF u10 7.95: 1.13x the
 * fastest (libmvec), against the tier's 1.0x, which it misses.
 * (`build/actbench -A softplus --speed-only --modes
 * throughput,gradient_throughput --budget 0.2`: L1-resident, median over
 * three runs of the median core cycles per element, AMD EPYC Zen 5; the
 * machine was shared and loaded, so compare within one run.)
 *
 * Tier: accurate. Declared bounds, f32: value 0.61 ulp, gradient 0.61 ulp,
 * just above the largest figures actbench measured on this machine: value
 * 0.6066, gradient 0.6077 ulp at 16M points (seed 7, the AVX-512F kernel);
 * value 0.6006 ulp, gradient 0.5819 ulp at 1M points (seed 1; the scalar,
 * AVX2 and AVX-512F kernels give the same figures). No exhaustive check over
 * all of f32 has been run, so a denser sample may find more. Loops:
 * impls/math/elementwise_narrow.h (two vectors per main-loop iteration, then
 * single vectors, then a masked tail that touches nothing past n; in place
 * safe): with four, gcc keeps constants and results on the stack around the
 * special-case call on every iteration. Against the four-vector loop, medians
 * of three alternating runs on the loaded machine (load average 9-13): 4.379
 * to 4.410 cycles/element (+0.7%, within the noise), gradient 1.594 to 1.566
 * (-2%).
 *
 * Measured max error against MPFR, in ulps
 * (x86_64-avx512-bf16, 1049148 f32 points):
 *   softplus_f32_table_accurate_avx2 f32: value 0.6006 ulp at x = -0x1.5f9f5cp+1,
 *     gradient 0.5819 ulp at x = -0x1.70ebacp+2
 */
#include "../../include/actbench/kernel.h"
#include "../simd/f32-avx2.h"
#include "../simd/f64w-avx2.h"
#include "../math/elementwise_narrow.h"
#include "../math/softplus.h"

static vf32 value(vf32 x, const void *context, vmask32 *special)
{
    return softplus_table_accurate_value(x, (const struct softplus_tables *)context, special);
}

static vf32 derivative(vf32 x, const void *context, vmask32 *special)
{
    return sigmoid_table_accurate_value(x, *(const struct exp_table_tables *)context, special);
}

void softplus_f32_table_accurate_avx2_forward(const float *x, float *y, size_t n, const struct actbench_params *p);
void softplus_f32_table_accurate_avx2_gradient(const float *x, const float *y, const float *dy, float *dx, float *dparam,
                                               size_t n, const struct actbench_params *p);

void softplus_f32_table_accurate_avx2_forward(const float *x, float *y, size_t n, const struct actbench_params *p)
{
    (void)p;
    const struct softplus_tables tables = softplus_load();
    elementwise_two_forward(x, y, n, value, softplus_special_case, &tables);
}

void softplus_f32_table_accurate_avx2_gradient(const float *x, const float *y, const float *dy, float *dx, float *dparam,
                                               size_t n, const struct actbench_params *p)
{
    (void)y, (void)dparam, (void)p;
    const struct exp_table_tables tables = exp_table_load();
    elementwise_two_gradient(x, dy, dx, n, derivative, sigmoid_special_case, &tables);
}

const struct actbench_kernel softplus_f32_table_accurate_avx2 = {
    .name = "softplus_f32_table_accurate_avx2",
    .activation = "softplus",
    .type = ACTBENCH_F32,
    .isa = "avx2",
    .unroll = 2 * VF32_LANES,
    .forward.f32 = softplus_f32_table_accurate_avx2_forward,
    .gradient.f32 = softplus_f32_table_accurate_avx2_gradient,
    /* raised from 0.61 / 0.61 (1M-point maxima) to just above the maxima over
     * all 2^32 f32 inputs (actbench --exhaustive, the AVX-512F kernel): value
     * 0.61817 ulp at x = -0x1.7430cp+1, gradient 0.62178 ulp at x = -0x1.d3b15cp+4 */
    .bounds[ACTBENCH_F32] = {.value_ulp = 0.62, .gradient_ulp = 0.63},
    .description = "max(x,0) + log1p(exp(-|x|)): hi/lo exp table, 8-entry log table, compensated; derivative sigmoid (table, accurate)",
};
