/*
 * mish, table method, fast tier, AVX2 + FMA, 8 lanes.
 *
 * Algorithm (impls/math/mish.h): No tanh and no log: with E = e^x,
 * tanh(softplus(x)) = N/(N + 2), N = E(E + 2), so mish(x) = x*N/(N + 2) and
 * mish'(x) = (N*D + 4x*E(1 + E))/D^2 with D = N + 2: rational in E with
 * positive terms, nothing cancels in the value, and on the negative tail
 * N/(N + 2) keeps its relative accuracy, so mish(x) ~ x*e^x does too. The
 * derivative cancels only at its root x0 = -1.19243 (mish's minimum); within
 * 1/16 of it mish'(x0 + h) = h*q(h) with h = (x - x0_hi) - x0_lo and q of
 * degree 4 (impls/math/sollya/mish_root.sollya), whose relative error does
 * not depend on the cancellation.
 *
 * Fast form, in float: E = e^min(x, 20) from exp_table_fast (the 8-entry
 * 2^(j/8) table held in registers, one lookup each, a degree-3 polynomial),
 * N = E*E + 2E in one FMA, D = N + 2; mish = x*(N/D) for x <= 0 and x -
 * x*(2/D) for x > 0 (one division either way; the second form is monotone by
 * construction); mish' as above with one division. Lanes with |x| > 87 and
 * NaN are special: recomputed in double (the accurate tier's form).
 *
 * Coefficients: impls/math/sollya/exp_table.sollya and mish_root.sollya,
 * written by scripts/fit-coefficients into impls/math/coefficients.h and
 * exp_data.c.
 *
 * Monotonicity: near x = -1, where mish' = 0.06, consecutive floats change
 * mish by 0.12 ulp, so any error above that can step backwards; actbench
 * finds such steps here (as for every peer: libm, libmvec and SLEEF), and
 * the fast tier's "monotone" goal is not met there. The derivative's error
 * grows as 1/|h| just outside the root's window (21.6 ulp at x = -1.276). ML
 * use: inference.
 *
 * Speed: 1.39 cycles/element; peers libmvec 10.5, SLEEF u10 24.1: 0.13x the
 * fastest (libmvec), against the tier's 0.6x, which it meets.
 * (`build/actbench -A mish --speed-only --modes
 * throughput,gradient_throughput --budget 0.2`: L1-resident, median over
 * three runs of the median core cycles per element, AMD EPYC Zen 5; the
 * machine was shared and loaded, so compare within one run.)
 *
 * Tier: fast. Declared bounds, f32: value 5.22 ulp, gradient 22.3 ulp, just
 * above the largest figures actbench measured on this machine: value 5.215
 * (4.337 on [-10, 10], above the fast tier's 4 ulp), gradient 22.30 ulp at
 * 16M points (seed 7, the AVX-512F kernel); value 4.801 ulp overall and
 * 3.819 ulp on [-10, 10], gradient 21.59 ulp at 1M points (seed 1; the
 * scalar, AVX2 and AVX-512F kernels give the same figures). No exhaustive
 * check over all of f32 has been run, so a denser sample may find more.
 * Loops: impls/math/elementwise.h (four vectors per main-loop iteration,
 * then single vectors, then a masked tail that touches nothing past n; in
 * place safe).
 *
 * Measured max error against MPFR, in ulps
 * (x86_64-avx512-bf16, 1049150 f32 points):
 *   mish_f32_table_fast_avx2 f32: value 4.801 ulp at x = -0x1.4de476p+6,
 *     gradient 21.59 ulp at x = -0x1.46ad6p+0
 */
#include "../../include/actbench/kernel.h"
#include "../simd/f32-avx2.h"
#include "../simd/f64w-avx2.h"
#include "../math/elementwise.h"
#include "../math/mish.h"

static vf32 value(vf32 x, const void *context, vmask32 *special)
{
    return mish_table_fast_value(x, *(const struct exp_table_tables *)context, special);
}

static vf32 derivative(vf32 x, const void *context, vmask32 *special)
{
    return mish_table_fast_derivative(x, *(const struct exp_table_tables *)context, special);
}

void mish_f32_table_fast_avx2_forward(const float *x, float *y, size_t n, const struct actbench_params *p);
void mish_f32_table_fast_avx2_gradient(const float *x, const float *y, const float *dy, float *dx, float *dparam,
                                       size_t n, const struct actbench_params *p);

void mish_f32_table_fast_avx2_forward(const float *x, float *y, size_t n, const struct actbench_params *p)
{
    (void)p;
    const struct exp_table_tables tables = exp_table_load();
    elementwise_forward(x, y, n, value, mish_special_case, &tables);
}

void mish_f32_table_fast_avx2_gradient(const float *x, const float *y, const float *dy, float *dx, float *dparam,
                                       size_t n, const struct actbench_params *p)
{
    (void)y, (void)dparam, (void)p;
    const struct exp_table_tables tables = exp_table_load();
    elementwise_gradient(x, dy, dx, n, derivative, mish_derivative_special_case, &tables);
}

const struct actbench_kernel mish_f32_table_fast_avx2 = {
    .name = "mish_f32_table_fast_avx2",
    .activation = "mish",
    .type = ACTBENCH_F32,
    .isa = "avx2",
    .unroll = ELEMENTWISE_UNROLL * VF32_LANES,
    .forward.f32 = mish_f32_table_fast_avx2_forward,
    .gradient.f32 = mish_f32_table_fast_avx2_gradient,
    .bounds[ACTBENCH_F32] = {.value_ulp = 5.22, .gradient_ulp = 22.3},
    .description = "x*N/D from exp(-|x|) by the 2^(j/8) table + degree-3 poly, one division; derivative one division, root window",
};
