/*
 * softplus, poly method, fast tier, AVX2 + FMA, 8 lanes.
 *
 * Algorithm (impls/math/softplus.h over impls/math/expm1.h and log1p.h):
 * softplus(x) = max(x, 0) + log1p(E), E = e^-|x| in (0, 1]: both terms are
 * >= 0, so nothing cancels; for x < 0 the result is log1p(E) alone and keeps
 * E's relative accuracy down the tail (softplus ~ e^x), and for large
 * positive x the correction log1p(e^-x) ~ e^-x is added to x without loss
 * and rounds away above x = 14.6 as it does in the correctly rounded result.
 * Lanes with |x| > 80 and NaN are special: recomputed in double, max(x, 0) +
 * E(1 - E/2) rounded once (softplus(-inf) = +0, softplus(+inf) = +inf, the
 * subnormal tail exact).
 *
 * E = t + t*p from expm1_poly_fast's parts (no table: t = 2^k by an integer
 * add, r by one FMA, p = r + r^2*q(r), q of degree 4), log1p(E) =
 * 2*atanh(s), s = E/(2 + E) by one division, compensated for the
 * roundings of 2 + E and of the quotient (log1p_poly_fast_monotone),
 * 2*atanh(s) ~ 2s + s^3*p(s^2) with p of degree 3 (2^-27.9); result
 * max(x, 0) + log1p(E), one addition.  For |x| < 1: ln2 + x/2 + z*g(z),
 * z = x^2, g of degree 4 (impls/math/sollya/softplus_small.sollya), taken
 * only when a vector has such a lane.
 *
 * Derivative: sigmoid(x), sigmoid_poly_fast's form (impls/math/logistic.h).
 *
 * Coefficients: impls/math/sollya/expm1.sollya and log1p.sollya, written by
 * scripts/fit-coefficients into impls/math/coefficients.h.
 *
 * Monotonicity: the plain s = E/(2 + E) rounded 2 + E and the quotient
 * separately and stepped backwards near x = -1 (64 steps in actbench's
 * windows, where a step of x moves softplus by 0.55 ulp), and x +
 * log1p(e^-x) does on (0, 1), where a step of x moves the sum by a fraction
 * of an ulp while the log1p term's roundings move it by one; with the
 * compensated s and the small-|x| form: 0 steps in actbench's windows and
 * in a scan of windows of 2048 consecutive floats every 0.0037 over [-20,
 * 20] (32866 steps before).  tests/test_bounds.c holds monotonicity.
 * ML use: inference.
 *
 * Speed: 2.68 cycles/element; peers libmvec 3.71 (fastest): 0.72x, against
 * the tier's 0.6x, which it misses since the compensated s and the
 * small-|x| form (1.79 against 3.7, 0.48x, before, another run); gradient
 * 0.846 against 1.25: 0.67x; one run under a load average of 17 on 2 cores
 * (`build/actbench -A softplus --speed-only --modes
 * throughput,gradient_throughput --budget 0.2`: L1-resident, median over
 * three runs of the median core cycles per element, AMD EPYC Zen 5; the
 * machine was shared and loaded, so compare within one run.)
 *
 * Tier: fast. Declared bounds, f32: value 4.05 ulp, gradient 5.33 ulp, just
 * above the largest figures actbench measured on this machine: value 4.040
 * (2.859 on [-10, 10]), gradient 5.325 ulp at 16M points (seed 7, the
 * AVX-512F kernel); value 3.820 ulp overall (the one-FMA reduction near x =
 * -80) and 1.902 ulp on [-10, 10] (2.673 before s was compensated),
 * gradient 5.230 ulp at 1M points (seed 1;
 * the scalar, AVX2 and AVX-512F kernels give the same figures). No
 * exhaustive check over all of f32 has been run, so a denser sample may find
 * more. Loops: impls/math/elementwise_narrow.h (two vectors per main-loop
 * iteration, then single vectors, then a masked tail that touches nothing
 * past n; in place safe): with four, gcc keeps constants and results on the
 * stack around the special-case call on every iteration. Against the
 * four-vector loop, medians of three alternating runs on the loaded machine
 * (load average 9-13): 2.904 to 2.842 cycles/element (-2%), gradient 0.968 to
 * 0.926 (-4%).
 *
 * Measured max error against MPFR, in ulps
 * (x86_64-avx512-bf16, 1049148 f32 points):
 *   softplus_f32_poly_fast_avx2 f32: value 3.82 ulp at x = -0x1.3edfd4p+6,
 *     gradient 5.23 ulp at x = -0x1.47a452p+6
 */
#include "../../include/actbench/kernel.h"
#include "../simd/f32-avx2.h"
#include "../simd/f64w-avx2.h"
#include "../math/elementwise_narrow.h"
#include "../math/softplus.h"

static vf32 value(vf32 x, const void *context, vmask32 *special)
{
    (void)context;
    return softplus_poly_fast_value(x, special);
}

static vf32 derivative(vf32 x, const void *context, vmask32 *special)
{
    (void)context;
    return sigmoid_poly_fast_value(x, special);
}

void softplus_f32_poly_fast_avx2_forward(const float *x, float *y, size_t n, const struct actbench_params *p);
void softplus_f32_poly_fast_avx2_gradient(const float *x, const float *y, const float *dy, float *dx, float *dparam,
                                          size_t n, const struct actbench_params *p);

void softplus_f32_poly_fast_avx2_forward(const float *x, float *y, size_t n, const struct actbench_params *p)
{
    (void)p;
    elementwise_two_forward(x, y, n, value, softplus_special_case, NULL);
}

void softplus_f32_poly_fast_avx2_gradient(const float *x, const float *y, const float *dy, float *dx, float *dparam,
                                          size_t n, const struct actbench_params *p)
{
    (void)y, (void)dparam, (void)p;
    elementwise_two_gradient(x, dy, dx, n, derivative, sigmoid_special_case, NULL);
}

const struct actbench_kernel softplus_f32_poly_fast_avx2 = {
    .name = "softplus_f32_poly_fast_avx2",
    .activation = "softplus",
    .type = ACTBENCH_F32,
    .isa = "avx2",
    .unroll = 2 * VF32_LANES,
    .forward.f32 = softplus_f32_poly_fast_avx2_forward,
    .gradient.f32 = softplus_f32_poly_fast_avx2_gradient,
    /* raised from 4.05 / 5.33 (1M-point maxima) to just above the maxima over
     * all 2^32 f32 inputs (actbench --exhaustive, the AVX-512F kernel): value
     * 4.1728 ulp at x = -0x1.3ed972p+6, gradient 5.701 ulp at x = -0x1.5b12a2p+6 */
    .bounds[ACTBENCH_F32] = {.value_ulp = 4.18, .gradient_ulp = 5.71},
    .description = "max(x,0) + log1p(exp(-|x|)), exp and 2*atanh(E/(2+E)) by minimax polys, no table; derivative sigmoid (poly, fast)",
};
