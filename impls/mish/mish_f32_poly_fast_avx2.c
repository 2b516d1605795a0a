/*
 * mish, poly method, fast tier, AVX2 + FMA, 8 lanes.
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
 * Value, in double: widen x, E = e^x by exp_poly_accurate_f64w (degree 7,
 * 2^-34.3, no table), N = E(E + 2), mish = x*N/(N + 2), one rounding to
 * float at the end; x clamped to [-150, 150], so every float (NaN, the
 * infinities) is covered without special lanes.  Why double in the fast
 * tier: near mish's minimum the float form (x*(N/D) after four float
 * roundings) stepped backwards 424 times (425 with the table's exp) in
 * actbench's windows of consecutive floats from x = -1, where a step of x
 * moves mish by 0.12 ulp; the double form's errors are smooth in x and far
 * below that step, so the rounded result is monotone (0 violations), and
 * its value error is 0.5 ulp.
 * Derivative, in float: E = e^min(x, 20) = t + t*p from expm1_poly_fast's
 * parts (no table), N = E*E + 2E in one FMA,
 * D = N + 2, mish' = (N*D + 4x*E(1 + E))/D^2 with one division; lanes with
 * |x| > 87 and NaN are special: recomputed in double.
 *
 * Coefficients: impls/math/sollya/expm1.sollya and mish_root.sollya, written
 * by scripts/fit-coefficients into impls/math/coefficients.h.
 *
 * Monotone in actbench's windows (0 violations; tests/test_bounds.c holds
 * it).  The derivative's error grows as 1/|h| just outside the root's
 * window (21.6 ulp at x = -1.276).  ML use: inference, and training where
 * the float derivative's 22 ulp is acceptable.
 *
 * Speed: 3.43 cycles/element; peers libmvec 9.54 (fastest): 0.36x, against
 * the tier's 0.6x, which it meets; gradient 1.61 against 11.9: 0.14x
 * (`build/actbench -A mish --speed-only --modes
 * throughput,gradient_throughput --budget 0.2`: L1-resident, median over
 * three runs of the median core cycles per element, AMD EPYC Zen 5; the
 * machine was shared and loaded, so compare within one run.)
 *
 * Tier: fast. Declared bounds, f32: value 0.51 ulp, gradient 22.3 ulp, just
 * above the largest figures actbench measured on this machine (value
 * 0.5006 ulp at 1M points, seed 1; gradient 22.30 ulp at 16M points, seed 7).
 * No exhaustive check over all of f32 has been run, so a denser sample
 * may find more.
 *
 * Measured max error against MPFR, in ulps
 * (x86_64-avx512-bf16, 1049150 f32 points):
 *   mish_f32_poly_fast_avx2 f32: value 0.5006 ulp at x = -0x1.7f92a2p+2,
 *     gradient 21.59 ulp at x = -0x1.46ad6p+0
 */
#include "../../include/actbench/kernel.h"
#include "../simd/f32-avx2.h"
#include "../simd/f64w-avx2.h"
#include "../math/elementwise.h"
#include "../math/mish.h"

static vf32 value(vf32 x, const void *context, vmask32 *special)
{
    (void)context;
    return mish_poly_fast_value(x, special);
}

static vf32 derivative(vf32 x, const void *context, vmask32 *special)
{
    (void)context;
    return mish_poly_fast_derivative(x, special);
}

void mish_f32_poly_fast_avx2_forward(const float *x, float *y, size_t n, const struct actbench_params *p);
void mish_f32_poly_fast_avx2_gradient(const float *x, const float *y, const float *dy, float *dx, float *dparam,
                                      size_t n, const struct actbench_params *p);

void mish_f32_poly_fast_avx2_forward(const float *x, float *y, size_t n, const struct actbench_params *p)
{
    (void)p;
    elementwise_forward(x, y, n, value, mish_special_case, NULL);
}

void mish_f32_poly_fast_avx2_gradient(const float *x, const float *y, const float *dy, float *dx, float *dparam,
                                      size_t n, const struct actbench_params *p)
{
    (void)y, (void)dparam, (void)p;
    elementwise_gradient(x, dy, dx, n, derivative, mish_derivative_special_case, NULL);
}

const struct actbench_kernel mish_f32_poly_fast_avx2 = {
    .name = "mish_f32_poly_fast_avx2",
    .activation = "mish",
    .type = ACTBENCH_F32,
    .isa = "avx2",
    .unroll = ELEMENTWISE_UNROLL * VF32_LANES,
    .forward.f32 = mish_f32_poly_fast_avx2_forward,
    .gradient.f32 = mish_f32_poly_fast_avx2_gradient,
    /* raised from 0.51 / 22.3 (1M-point maxima) to just above the maxima over
     * all 2^32 f32 inputs (actbench --exhaustive, the AVX-512F kernel): value
     * 0.50078 ulp at x = -0x1.21619ep+5, gradient 23.293 ulp at x = -0x1.524264p+0 */
    .bounds[ACTBENCH_F32] = {.value_ulp = 0.51, .gradient_ulp = 23.3},
    .description = "x*N/D from exp(-|x|) by a degree-5 minimax poly, one division; derivative one division, root window",
};
