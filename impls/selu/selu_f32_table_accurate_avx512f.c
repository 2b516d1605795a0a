/*
 * selu, table method, accurate tier, AVX-512F, 16 lanes.
 *
 * Algorithm (impls/math/elu.h over impls/math/expm1.h and exp_table.h):
 * selu(x) = lambda*x for x >= 0 and la*expm1(x) below, la = lambda*alpha
 * (lambda = 1.0507..., alpha = 1.6733..., the catalog's real constants);
 * elu's core with a fixed scale. lambda*x = fma(x, lambda - 1, x) (one
 * rounding, lambda - 1 a float within 2^-29.6 of lambda relative; no
 * underflow of a partial product, selu(-0) = -0). expm1(x) as
 * elu_f32_table_accurate_* computes it: k = round(8x/ln2), 2^(k/8) = hi*(1 +
 * lo[j]) from the 8-entry register tables, r exact, expm1(r) ~ r + r^2*q(r),
 * q of degree 3 (2^-34.9), an unevaluated v + tail from Fast2Sum and FMA
 * error terms; la as a float pair hi + lo (to 2^-49), fma(la_hi, v, la_lo*v
 * + la_hi*tail) rounded once. x clamped to -87 (NaN kept): the result there
 * is -la, where the correctly rounded value saturates (from x = -16.87
 * down). The value has no special lanes.
 *
 * Derivative: la*e^x (lambda for x > 0) with e^x = hi + lo from
 * exp_table_accurate, la as a pair, one rounding; lanes below -80 are
 * recomputed in double (exact to the last subnormal: no gradient death).
 *
 * Coefficients: impls/math/sollya/expm1.sollya and exp_table.sollya, written
 * by scripts/fit-coefficients into impls/math/coefficients.h and exp_data.c.
 *
 * Why table for the accurate tier: as for elu (a degree-3 q on |r| <= ln2/16
 * with the compensated sum); the poly method of the accurate tier is not
 * built. ML use: self-normalising networks, whose fixed point relies on the
 * negative side's values; the fast tier for inference.
 *
 * Speed: 1.005 cycles/element, gradient 0.719; fastest peer libmvec
 * 0.879, gradient 0.782: 1.14x and 0.92x, against the tier's 1.0x,
 * missed for the value, met for the gradient; the build before (k as an
 * integer from the 0x1.8p23 shifter, masked lookups and an integer
 * exponent add in place of the k/8 reduction and one vscalefps of
 * impls/math/elu.h's elu_expm1_accurate; the same bits), same runs:
 * 1.042 and 0.784 (libmvec 0.810; over the three runs of the new build
 * libmvec's value ranged 0.78-1.17, the ratio 1.01x-1.23x)
 * (`build/actbench -A gelu_tanh,elu,selu -f f32 -I avx512f -m
 * libmvec,sleef,table,poly --speed-only --modes
 * throughput,gradient_throughput --budget 0.2`, three runs alternating with
 * the build before, medians; L1-resident, uniform [-10, 10], Intel Xeon
 * family 6 model 207 (AVX-512F), load average 3.7-5.9 on 2 cores: compare
 * within one run).
 * Vector operations per 16 elements of the value loop: 28
 * (1.75 per element, floor 0.875), 30 before.
 * Earlier figures, AMD EPYC Zen 5:
 * 0.701 cycles/element; peers libmvec 1.07, SLEEF u10 3.17: 0.66x the
 * fastest (libmvec), against the tier's 1.0x, which it meets.
 * (`build/actbench -A selu --speed-only --modes
 * throughput,gradient_throughput --budget 0.2`: L1-resident, median over
 * three runs of the median core cycles per element, AMD EPYC Zen 5; the
 * machine was shared and loaded, so compare within one run.)
 *
 * Tier: accurate. Declared bounds, f32: value 0.73 ulp, gradient 0.63 ulp,
 * just above the largest figures actbench measured on this machine: value
 * 0.7208, gradient 0.6243 ulp at 16M points (seed 7, the AVX-512F kernel);
 * value 0.7138 ulp (at x = -0x1.1d461ep-126, where la_lo*v underflows),
 * gradient 0.6192 ulp at 1M points (seed 1; the scalar, AVX2 and AVX-512F
 * kernels give the same figures). No exhaustive check over all of f32 has
 * been run, so a denser sample may find more. Monotone, saturation and
 * special values as measured by actbench (no property failure). Loops:
 * impls/math/elementwise.h (four vectors per main-loop iteration, then
 * single vectors, then a masked tail that touches nothing past n; in place
 * safe).
 *
 * Measured max error against MPFR, in ulps
 * (x86_64-avx512-bf16, 1049148 f32 points):
 *   selu_f32_table_accurate_avx512f f32: value 0.7138 ulp at x = -0x1.1d461ep-126,
 *     gradient 0.6192 ulp at x = -0x1.b71a3ap+1
 */
#include "../../include/actbench/kernel.h"
#include "../simd/f32-avx512f.h"
#include "../simd/f64w-avx512f.h"
#include "../math/elementwise.h"
#include "../math/elu.h"

static vf32 value(vf32 x, const void *context, vmask32 *special)
{
    return selu_table_accurate_value(x, *(const struct exp_table_tables *)context, special);
}

static vf32 derivative(vf32 x, const void *context, vmask32 *special)
{
    return selu_table_accurate_derivative(x, *(const struct exp_table_tables *)context, special);
}

void selu_f32_table_accurate_avx512f_forward(const float *x, float *y, size_t n, const struct actbench_params *p);
void selu_f32_table_accurate_avx512f_gradient(const float *x, const float *y, const float *dy, float *dx, float *dparam,
                                              size_t n, const struct actbench_params *p);

void selu_f32_table_accurate_avx512f_forward(const float *x, float *y, size_t n, const struct actbench_params *p)
{
    (void)p;
    const struct exp_table_tables tables = exp_table_load();
    elementwise_forward(x, y, n, value, selu_special_case, &tables);
}

void selu_f32_table_accurate_avx512f_gradient(const float *x, const float *y, const float *dy, float *dx, float *dparam,
                                              size_t n, const struct actbench_params *p)
{
    (void)y, (void)dparam, (void)p;
    const struct exp_table_tables tables = exp_table_load();
    elementwise_gradient(x, dy, dx, n, derivative, selu_derivative_special_case, &tables);
}

const struct actbench_kernel selu_f32_table_accurate_avx512f = {
    .name = "selu_f32_table_accurate_avx512f",
    .activation = "selu",
    .type = ACTBENCH_F32,
    .isa = "avx512f",
    .unroll = ELEMENTWISE_UNROLL * VF32_LANES,
    .forward.f32 = selu_f32_table_accurate_avx512f_forward,
    .gradient.f32 = selu_f32_table_accurate_avx512f_gradient,
    /* raised from 0.73 / 0.63 (1M-point maxima) to just above the maxima over
     * all 2^32 f32 inputs (actbench --exhaustive, the AVX-512F kernel): value
     * 0.72095 ulp at x = -0x1.216f82p-126, gradient 0.63875 ulp at x = -0x1.4d1e38p-1 */
    .bounds[ACTBENCH_F32] = {.value_ulp = 0.73, .gradient_ulp = 0.64},
    .description = "lambda*alpha*expm1(x), 2^(j/8) hi/lo table + degree-5 poly, compensated, constants as float pairs; derivative lambda*alpha*e^x",
};
