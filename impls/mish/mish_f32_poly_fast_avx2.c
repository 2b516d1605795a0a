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
 * Fast form, in float: E = e^min(x, 20) = t + t*p from expm1_poly_fast's
 * parts (no table: t = 2^k by an integer add, r by one FMA, p = r + r^2*q(r)
 * with q of degree 4), N = E*E + 2E in one FMA, D = N + 2; mish = x*(N/D)
 * for x <= 0 and x - x*(2/D) for x > 0 (one division either way; the second
 * form is monotone by construction, 2/D only falls as x grows); mish' as
 * above with one division. Lanes with |x| > 87 and NaN are special:
 * recomputed in double (the accurate tier's form).
 *
 * Coefficients: impls/math/sollya/expm1.sollya and mish_root.sollya, written
 * by scripts/fit-coefficients into impls/math/coefficients.h.
 *
 * Monotonicity: near x = -1, where mish' = 0.06, consecutive floats change
 * mish by 0.12 ulp, so any error above that can step backwards; actbench
 * finds such steps here (as for every peer: libm, libmvec and SLEEF), and
 * the fast tier's "monotone" goal is not met there. The derivative's error
 * grows as 1/|h| just outside the root's window (21.6 ulp at x = -1.276). ML
 * use: inference.
 *
 * Speed: 1.53 cycles/element; peers libmvec 10.5, SLEEF u10 24.1: 0.15x the
 * fastest (libmvec), against the tier's 0.6x, which it meets.
 * (`build/actbench -A mish --speed-only --modes
 * throughput,gradient_throughput --budget 0.2`: L1-resident, median over
 * three runs of the median core cycles per element, AMD EPYC Zen 5; the
 * machine was shared and loaded, so compare within one run.)
 *
 * Tier: fast. Declared bounds, f32: value 5.13 ulp, gradient 22.3 ulp, just
 * above the largest figures actbench measured on this machine: value 5.120
 * (4.177 on [-10, 10], above the fast tier's 4 ulp), gradient 22.30 ulp at
 * 16M points (seed 7, the AVX-512F kernel); value 4.741 ulp overall and
 * 3.784 ulp on [-10, 10], gradient 21.59 ulp at 1M points (seed 1; the
 * scalar, AVX2 and AVX-512F kernels give the same figures). No exhaustive
 * check over all of f32 has been run, so a denser sample may find more.
 * Loops: impls/math/elementwise.h (four vectors per main-loop iteration,
 * then single vectors, then a masked tail that touches nothing past n; in
 * place safe).
 *
 * Measured max error against MPFR, in ulps
 * (x86_64-avx512-bf16, 1049150 f32 points):
 *   mish_f32_poly_fast_avx2 f32: value 4.741 ulp at x = -0x1.4de74p+6,
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
    .bounds[ACTBENCH_F32] = {.value_ulp = 5.13, .gradient_ulp = 22.3},
    .description = "x*N/D from exp(-|x|) by a degree-5 minimax poly, one division; derivative one division, root window",
};
