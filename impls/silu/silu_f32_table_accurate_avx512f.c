/*
 * silu, table method, accurate tier, AVX-512F, 16 lanes.
 *
 * Algorithm (impls/math/logistic.h over impls/math/exp_table.h): the
 * compensated sigmoid of sigmoid_f32_table_accurate_*: E = exp(-x) = hi +
 * lo from the 8-entry table of 2^(j/8) (hi and lo parts, 64 bytes, one
 * cache line:
 * both tables held in the low halves of zmm registers, each looked up
 * with one vpermps) and a degree-4 polynomial, E = hi*(1 + p); 1 + hi = s + sl
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
 * Speed: 0.703 cycles/element; peers libmvec 1.11 to 1.29, SLEEF u10
 * 0.904: 0.78x the fastest (SLEEF u10), against the tier's 1.0x, which it
 * meets; 0.743 with lo = hi*p rounded and added on its own, in the same
 * runs (three runs alternating with the former binary, medians, load
 * average 8 to 12, `build/actbench -A silu -f f32 -I avx512f -m
 * libmvec,sleef,table,poly --speed-only --modes throughput --budget 0.2`).
 * Earlier: 0.754 against libmvec 1.03, SLEEF u10 0.905
 * (`build/actbench -A sigmoid,silu --speed-only --modes throughput --budget 0.2`:
 * L1-resident, median core cycles per element from calibrated TSC ticks,
 * AMD EPYC Zen 5; the machine was shared, so compare within one run).
 *
 * On AVX-512F E's hi is one vscalefps of 2^(j/8) by k/8 and the lookups
 * need no index mask (impls/math/exp_table.h,
 * exp_table_accurate_relative_eighth): 27.25 vector operations per 16
 * elements (scripts/kernel-ops.py --show), 2 fewer than the former form,
 * every bit the same (every float with |x| <= 80 compared: 0 differences;
 * the derivative's |x| <= 87 likewise).  Speed on Intel (family 6 model
 * 207, KVM, 2 cores; same command and runs as
 * sigmoid_f32_table_accurate_avx512f's head comment): 1.408, 1.414, 1.112
 * against libmvec's 1.462, 1.467, 1.062 in the same runs (0.96x median;
 * SLEEF u10 1.92); the former build 1.498, 1.484, 1.598 against libmvec
 * 1.500, 1.463, 1.595 (1.00x).  It is bound as sigmoid's: ports 0 and 5
 * full, plus the division's latency.
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
 *   silu_f32_table_accurate_avx512f f32: value 0.6074 ulp at x = -0x1.1115ecp+3,
 *     gradient 2.274 ulp at x = -0x1.2625b6p+0
 */
#include "../../include/actbench/kernel.h"
#include "../simd/f32-avx512f.h"
#include "../simd/f64w-avx512f.h"
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

void silu_f32_table_accurate_avx512f_forward(const float *x, float *y, size_t n, const struct actbench_params *p);
void silu_f32_table_accurate_avx512f_gradient(const float *x, const float *y, const float *dy, float *dx, float *dparam,
                                              size_t n, const struct actbench_params *p);

void silu_f32_table_accurate_avx512f_forward(const float *x, float *y, size_t n, const struct actbench_params *p)
{
    (void)p;
    const struct exp_table_tables tables = exp_table_load();
    elementwise_forward(x, y, n, value, silu_special_case, &tables);
}

void silu_f32_table_accurate_avx512f_gradient(const float *x, const float *y, const float *dy, float *dx, float *dparam,
                                              size_t n, const struct actbench_params *p)
{
    (void)y, (void)dparam, (void)p;
    const struct exp_table_tables tables = exp_table_load();
    elementwise_gradient(x, dy, dx, n, derivative, silu_derivative_special_case, &tables);
}

const struct actbench_kernel silu_f32_table_accurate_avx512f = {
    .name = "silu_f32_table_accurate_avx512f",
    .activation = "silu",
    .type = ACTBENCH_F32,
    .isa = "avx512f",
    .unroll = ELEMENTWISE_UNROLL * VF32_LANES,
    .forward.f32 = silu_f32_table_accurate_avx512f_forward,
    .gradient.f32 = silu_f32_table_accurate_avx512f_gradient,
    .bounds[ACTBENCH_F32] = {.value_ulp = 0.63, .gradient_ulp = 2.4},
    .description = "x*sigmoid(x), sigmoid from 2^(j/8) hi/lo table + degree-4 poly, compensated; derivative without cancellation, root window",
};
