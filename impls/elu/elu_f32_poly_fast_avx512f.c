/*
 * elu, poly method, fast tier, AVX-512F, 16 lanes.
 *
 * Algorithm (impls/math/elu.h over impls/math/expm1.h): elu(x) = x for x >=
 * 0 and a*expm1(x) below, a = alpha. No table: k = round(x/ln2), t = 2^k by
 * an integer add to the exponent bits, r = x - k*ln2 by one FMA (ln2 rounded
 * to float), expm1(r) ~ p = r + r^2*q(r) with q of degree 4 on |r| <= ln2/2
 * (2^-26.1); elu = fma(a, t - 1, (a*t)*p), t - 1 exact for k >= -24, so the
 * result keeps expm1's relative accuracy near 0. Lanes below -16 (where t -
 * 1 would round and the saturation would move) are special: recomputed in
 * double (widen, exp, a*(e^x - 1) rounded once), which saturates to -a
 * exactly where the correctly rounded value does; NaN and -inf go the same
 * way (elu(-inf) = -a).
 *
 * Derivative: a*(t + t*p) from the same parts (1 for x > 0), valid down to
 * -87; lanes below -80 are recomputed in double (exact to the last
 * subnormal: no gradient death).
 *
 * Coefficients: impls/math/sollya/expm1.sollya, written by scripts/fit-
 * coefficients into impls/math/coefficients.h.
 *
 * Why poly for the fast tier: no lookups, one FMA reduction (its error,
 * |k|*2^-28.9 relative, is what raises the gradient's error near -80);
 * elu_f32_table_fast_* is the table form of the tier. ML use: inference and
 * training where a few ulps do not matter.
 *
 * Speed: 0.426 cycles/element; peers libmvec 0.877, SLEEF u10 3.19: 0.49x
 * the fastest (libmvec), against the tier's 0.6x, which it meets.
 * (`build/actbench -A elu --speed-only --modes
 * throughput,gradient_throughput --budget 0.2`: L1-resident, median over
 * three runs of the median core cycles per element, AMD EPYC Zen 5; the
 * machine was shared and loaded, so compare within one run.)
 *
 * Tier: fast. Declared bounds, f32: value 0.95 ulp, gradient 4.05 ulp, just
 * above the largest figures actbench measured on this machine: value 0.9473,
 * gradient 4.040 ulp at 16M points (seed 7, the AVX-512F kernel); value
 * 0.9225 ulp (also on [-10, 10]), gradient 3.820 ulp (1.093 ulp on [-10,
 * 10]) at 1M points (seed 1; the scalar, AVX2 and AVX-512F kernels give the
 * same figures). No exhaustive check over all of f32 has been run, so a
 * denser sample may find more. Monotone, saturation and special values as
 * measured by actbench (no property failure). Loops:
 * impls/math/elementwise.h (four vectors per main-loop iteration, then
 * single vectors, then a masked tail that touches nothing past n; in place
 * safe).
 *
 * Measured max error against MPFR, in ulps
 * (x86_64-avx512-bf16, 1049148 f32 points):
 *   elu_f32_poly_fast_avx512f f32: value 0.9225 ulp at x = -0x1.88089cp-2,
 *     gradient 3.82 ulp at x = -0x1.3edfd4p+6
 */
#include "../../include/actbench/kernel.h"
#include "../simd/f32-avx512f.h"
#include "../simd/f64w-avx512f.h"
#include "../math/elementwise.h"
#include "../math/elu.h"

static vf32 value(vf32 x, const void *context, vmask32 *special)
{
    return elu_poly_fast_value(x, (const struct elu_context *)context, special);
}

static vf32 derivative(vf32 x, const void *context, vmask32 *special)
{
    return elu_poly_fast_derivative(x, (const struct elu_context *)context, special);
}

void elu_f32_poly_fast_avx512f_forward(const float *x, float *y, size_t n, const struct actbench_params *p);
void elu_f32_poly_fast_avx512f_gradient(const float *x, const float *y, const float *dy, float *dx, float *dparam,
                                        size_t n, const struct actbench_params *p);

void elu_f32_poly_fast_avx512f_forward(const float *x, float *y, size_t n, const struct actbench_params *p)
{
    const struct elu_context context = elu_context_of(p);
    elementwise_forward_context(x, y, n, value, elu_special_case, &context);
}

void elu_f32_poly_fast_avx512f_gradient(const float *x, const float *y, const float *dy, float *dx, float *dparam,
                                        size_t n, const struct actbench_params *p)
{
    (void)y, (void)dparam;
    const struct elu_context context = elu_context_of(p);
    elementwise_gradient_context(x, dy, dx, n, derivative, elu_derivative_special_case, &context);
}

const struct actbench_kernel elu_f32_poly_fast_avx512f = {
    .name = "elu_f32_poly_fast_avx512f",
    .activation = "elu",
    .type = ACTBENCH_F32,
    .isa = "avx512f",
    .unroll = ELEMENTWISE_UNROLL * VF32_LANES,
    .forward.f32 = elu_f32_poly_fast_avx512f_forward,
    .gradient.f32 = elu_f32_poly_fast_avx512f_gradient,
    /* raised from 0.95 / 4.05 (1M-point maxima) to just above the maxima over
     * all 2^32 f32 inputs (actbench --exhaustive, the AVX-512F kernel): value
     * 0.94731 ulp at x = -0x1.89c4a2p-2, gradient 4.1728 ulp at x = -0x1.3ed972p+6 */
    .bounds[ACTBENCH_F32] = {.value_ulp = 0.95, .gradient_ulp = 4.18},
    .description = "a*expm1(x) = a*(2^k - 1) + a*2^k*p(r), degree-6 minimax poly, no table; derivative a*e^x",
};
