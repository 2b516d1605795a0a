/*
 * silu, table method, accurate tier, portable C, one lane: the reference of the method for the vector kernels (same operations, same order; fmaf for the fused steps, 1.0f/a for the division).
 *
 * Algorithm (impls/math/logistic.h over impls/math/exp_table.h): the
 * compensated sigmoid of sigmoid_f32_table_accurate_*: E = exp(-x) = hi +
 * lo from the 8-entry table of 2^(j/8) (hi and lo parts, 64 bytes, one
 * cache line:
 * plain indexing) and a degree-4 polynomial, E = hi*(1 + p); 1 + hi = s + sl
 * exactly (Fast2Sum), hi*p added to sl in one FMA (sigmoid's value's
 * form: E's low part is never rounded on its own),
 * r0 = 1/(s + sl) by a division, res = 1 - r0*(s + sl); then
 * silu = x*r0 + x*(r0*res) with one final rounding.  Below x = -80 the
 * small term would be subnormal: those lanes are special.
 * Derivative: sigmoid*(1 + x*(1 - sigmoid)), with 1 - sigmoid as a float
 * pair (Fast2Sum of 1 - r0 - r0*res for x < 0, E*sigmoid for x >= 0) and
 * 1 + x*(w + w_lo) in two FMAs; around its root x0 = -1.2785 (|x - x0| <=
 * 1/16, where even that sum cancels) the derivative is h*q(h) with
 * h = (x - x0_hi) - x0_lo and q of degree 4
 * (impls/math/sollya/silu_root.sollya).
 * Special lanes (value: |x| > 80, derivative: |x| > 87; infinities, NaN)
 * are recomputed in double (widen, exp, one rounding): silu(-inf) = -0,
 * silu(+inf) = +inf, silu'(-inf) = -0, silu'(+inf) = 1, NaN propagates.
 * Coefficients and tables: impls/math/sollya/exp_table.sollya and
 * silu_root.sollya, written by scripts/fit-coefficients.
 *
 * Why table for the accurate tier: as sigmoid_f32_table_accurate_* (the
 * double form is 2x slower; the table's exact hi part makes the
 * compensation cheap); the other pairs are not built for the same
 * reasons.
 *
 * Speed: 51.4 cycles/element against 8.31 for the libm formula (there
 * is no scalar peer): without -mfma every fused step is a call to libm's
 * fmaf, so this file is the portable reference of the method, not a
 * fast path
 * (`build/actbench -A sigmoid,silu --speed-only --modes throughput --budget 0.2`:
 * L1-resident, median core cycles per element from calibrated TSC ticks,
 * AMD EPYC Zen 5; the machine was shared, so compare within one run).
 *
 * Checked over all 2^32 inputs (double reference, long double around the
 * root, worst cases confirmed with MPFR; the scalar, AVX2 and AVX-512F
 * kernels agree bit for bit): value at most 0.6268 ulp
 * (x = -0x1.3b5004p+4), none above 1 ulp (measured again since hi*p
 * goes into sl by one FMA: 0.62678 ulp at the same x, 1359903 inputs
 * over 1/2 ulp; the former form, lo = hi*p rounded first, measured
 * 0.6268 there too, and on the 1M-point sample both forms give a maximum
 * of 0.6074 ulp, 3479 inputs over 1/2 ulp against 3478); gradient at most 2.3977 ulp
 * (x = -0x1.2648aap+0) wherever it is a normal number, no gradient death;
 * monotone on [0, inf).
 *
 * Tier: accurate.  Declared bounds, f32: value 0.63 ulp, gradient 2.4 ulp
 * (just above the exhaustive figures above).  Loops: impls/math/elementwise.h
 * (four vectors per main-loop iteration, then single vectors, then a
 * masked tail that touches nothing past n; in place safe).
 *
 * Measured max error against MPFR, in ulps
 * (x86_64-avx512-bf16, 1049148 f32 points):
 *   silu_f32_table_accurate_scalar f32: value 0.6074 ulp at x = -0x1.1115ecp+3,
 *     gradient 2.274 ulp at x = -0x1.2625b6p+0
 */
#include "../../include/actbench/kernel.h"
#include "../simd/f32-scalar.h"
#include "../simd/f64w-scalar.h"
#include "../math/elementwise.h"
#include "../math/logistic.h"

static vf32 value(vf32 x, const void *context, vmask32 *special)
{
    return silu_table_accurate_value(x, *(const struct exp_table_tables *)context, special);
}

static vf32 derivative(vf32 x, const void *context, vmask32 *special)
{
    return silu_table_accurate_derivative(x, *(const struct exp_table_tables *)context, special);
}

void silu_f32_table_accurate_scalar_forward(const float *x, float *y, size_t n, const struct actbench_params *p);
void silu_f32_table_accurate_scalar_gradient(const float *x, const float *y, const float *dy, float *dx, float *dparam,
                                             size_t n, const struct actbench_params *p);

void silu_f32_table_accurate_scalar_forward(const float *x, float *y, size_t n, const struct actbench_params *p)
{
    (void)p;
    const struct exp_table_tables tables = exp_table_load();
    elementwise_forward(x, y, n, value, silu_special_case, &tables);
}

void silu_f32_table_accurate_scalar_gradient(const float *x, const float *y, const float *dy, float *dx, float *dparam,
                                             size_t n, const struct actbench_params *p)
{
    (void)y, (void)dparam, (void)p;
    const struct exp_table_tables tables = exp_table_load();
    elementwise_gradient(x, dy, dx, n, derivative, silu_derivative_special_case, &tables);
}

const struct actbench_kernel silu_f32_table_accurate_scalar = {
    .name = "silu_f32_table_accurate_scalar",
    .activation = "silu",
    .type = ACTBENCH_F32,
    .isa = "scalar",
    .unroll = ELEMENTWISE_UNROLL * VF32_LANES,
    .forward.f32 = silu_f32_table_accurate_scalar_forward,
    .gradient.f32 = silu_f32_table_accurate_scalar_gradient,
    .bounds[ACTBENCH_F32] = {.value_ulp = 0.63, .gradient_ulp = 2.4},
    .description = "x*sigmoid(x), sigmoid from 2^(j/8) hi/lo table + degree-4 poly, compensated; derivative without cancellation, root window",
};
