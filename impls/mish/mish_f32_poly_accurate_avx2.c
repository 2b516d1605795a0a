/*
 * mish, poly method, accurate tier, AVX2 + FMA, 8 lanes.
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
 * Accurate form: widen to double, E = e^x by exp_poly_accurate_f64w
 * (relative error 2^-34) with x clamped to [-150, 150], N, D and the value
 * or the derivative in double, one rounding to float at the end: within 0.5
 * ulp + 2^-9 ulp wherever nothing cancels. Valid for every float (NaN passes
 * the clamps, mish(+inf) = +inf, mish(-inf) = -0); no lane is special.
 *
 * Coefficients: impls/math/sollya/exp_poly.sollya and mish_root.sollya,
 * written by scripts/fit-coefficients into impls/math/coefficients.h.
 *
 * Why poly in double for the accurate tier: mish composes three functions,
 * and a float evaluation of x*N/(N + 2) carries the roundings of E, N, D and
 * the division (about 2 ulp measured by the fast forms); the double form
 * rounds once. A table method of the accurate tier is not built. ML use:
 * training with mish (YOLOv4-style detectors) where the gradient near the
 * minimum matters; the fast tier (mish_f32_poly_fast_*,
 * mish_f32_table_fast_*) for inference.
 *
 * Speed: 3.61 cycles/element; peers libmvec 10.5, SLEEF u10 24.1: 0.34x the
 * fastest (libmvec), against the tier's 1.0x, which it meets.
 * (`build/actbench -A mish --speed-only --modes
 * throughput,gradient_throughput --budget 0.2`: L1-resident, median over
 * three runs of the median core cycles per element, AMD EPYC Zen 5; the
 * machine was shared and loaded, so compare within one run.)
 *
 * Tier: accurate. Declared bounds, f32: value 0.51 ulp, gradient 2.4 ulp,
 * just above the largest figures actbench measured on this machine: value
 * 0.5007, gradient 2.392 ulp at 16M points (seed 7, the AVX-512F kernel);
 * value 0.5006 ulp, gradient 2.388 ulp at 1M points (seed 1; the scalar,
 * AVX2 and AVX-512F kernels give the same figures). No exhaustive check over
 * all of f32 has been run, so a denser sample may find more. Loops:
 * impls/math/elementwise.h (four vectors per main-loop iteration, then
 * single vectors, then a masked tail that touches nothing past n; in place
 * safe).
 *
 * Measured max error against MPFR, in ulps
 * (x86_64-avx512-bf16, 1049150 f32 points):
 *   mish_f32_poly_accurate_avx2 f32: value 0.5006 ulp at x = -0x1.7f92a2p+2,
 *     gradient 2.388 ulp at x = -0x1.2f6802p+0
 */
#include "../../include/actbench/kernel.h"
#include "../simd/f32-avx2.h"
#include "../simd/f64w-avx2.h"
#include "../math/elementwise.h"
#include "../math/mish.h"

static vf32 value(vf32 x, const void *context, vmask32 *special)
{
    (void)context;
    return mish_poly_accurate_value(x, special);
}

static vf32 derivative(vf32 x, const void *context, vmask32 *special)
{
    (void)context;
    return mish_poly_accurate_derivative(x, special);
}

void mish_f32_poly_accurate_avx2_forward(const float *x, float *y, size_t n, const struct actbench_params *p);
void mish_f32_poly_accurate_avx2_gradient(const float *x, const float *y, const float *dy, float *dx, float *dparam,
                                          size_t n, const struct actbench_params *p);

void mish_f32_poly_accurate_avx2_forward(const float *x, float *y, size_t n, const struct actbench_params *p)
{
    (void)p;
    elementwise_forward(x, y, n, value, mish_special_case, NULL);
}

void mish_f32_poly_accurate_avx2_gradient(const float *x, const float *y, const float *dy, float *dx, float *dparam,
                                          size_t n, const struct actbench_params *p)
{
    (void)y, (void)dparam, (void)p;
    elementwise_gradient(x, dy, dx, n, derivative, mish_derivative_special_case, NULL);
}

const struct actbench_kernel mish_f32_poly_accurate_avx2 = {
    .name = "mish_f32_poly_accurate_avx2",
    .activation = "mish",
    .type = ACTBENCH_F32,
    .isa = "avx2",
    .unroll = ELEMENTWISE_UNROLL * VF32_LANES,
    .forward.f32 = mish_f32_poly_accurate_avx2_forward,
    .gradient.f32 = mish_f32_poly_accurate_avx2_gradient,
    /* raised from 0.51 / 2.4 (1M-point maxima) to just above the maxima over
     * all 2^32 f32 inputs (actbench --exhaustive, the AVX-512F kernel): value
     * 0.50078 ulp at x = -0x1.21619ep+5, gradient 2.5078 ulp at x = -0x1.2f6e16p+0 */
    .bounds[ACTBENCH_F32] = {.value_ulp = 0.51, .gradient_ulp = 2.51},
    .description = "x*N/(N+2), N = E(E+2), E = e^x, in double with one rounding; derivative (N*D + 4x*E(1+E))/D^2 with a root window",
};
