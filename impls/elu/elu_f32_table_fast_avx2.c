/*
 * elu, table method, fast tier, AVX2 + FMA, 8 lanes.
 *
 * Algorithm (impls/math/elu.h over impls/math/expm1.h and exp_table.h):
 * elu(x) = x for x >= 0 and a*expm1(x) below, a = alpha. k = round(8x/ln2),
 * hi = 2^(k/8) from the 8-entry table held in registers, r = x - k*ln2/8 by
 * one FMA, p = r^2*q(r) + (r + lo[j]) with q of degree 2 on |r| <= ln2/16
 * (2^-27.5; the table's rounding lo[j] taken into p so the result does not
 * step backwards where j changes); elu = fma(a, hi - 1, (a*hi)*p). Lanes
 * below -16 are special: recomputed in double (a*(e^x - 1) rounded once),
 * which saturates to -a exactly where the correctly rounded value does; NaN
 * and -inf go the same way.
 *
 * Derivative: a*e^x with e^x from exp_table_fast (1 for x > 0); lanes below
 * -80 are recomputed in double (no gradient death).
 *
 * Coefficients: impls/math/sollya/expm1.sollya and exp_table.sollya, written
 * by scripts/fit-coefficients into impls/math/coefficients.h and exp_data.c.
 *
 * Why table for the fast tier: two register lookups buy a degree-2 q instead
 * of degree 4; it is the faster of the two fast forms here. ML use:
 * inference and training where a few ulps do not matter.
 *
 * Speed: 0.816 cycles/element; peers libmvec 2.14, SLEEF u10 6.35: 0.38x the
 * fastest (libmvec), against the tier's 0.6x, which it meets.
 * (`build/actbench -A elu --speed-only --modes
 * throughput,gradient_throughput --budget 0.2`: L1-resident, median over
 * three runs of the median core cycles per element, AMD EPYC Zen 5; the
 * machine was shared and loaded, so compare within one run.)
 *
 * Tier: fast. Declared bounds, f32: value 1.38 ulp, gradient 4.35 ulp, just
 * above the largest figures actbench measured on this machine: value 1.371,
 * gradient 4.344 ulp at 16M points (seed 7, the AVX-512F kernel); value
 * 1.281 ulp (also on [-10, 10]), gradient 4.162 ulp (1.360 ulp on [-10, 10])
 * at 1M points (seed 1; the scalar, AVX2 and AVX-512F kernels give the same
 * figures). No exhaustive check over all of f32 has been run, so a denser
 * sample may find more. Monotone, saturation and special values as measured
 * by actbench (no property failure). Loops: impls/math/elementwise.h (four
 * vectors per main-loop iteration, then single vectors, then a masked tail
 * that touches nothing past n; in place safe).
 *
 * Measured max error against MPFR, in ulps
 * (x86_64-avx512-bf16, 1049148 f32 points):
 *   elu_f32_table_fast_avx2 f32: value 1.281 ulp at x = -0x1.c7defp-5,
 *     gradient 4.162 ulp at x = -0x1.311e1cp+6
 */
#include "../../include/actbench/kernel.h"
#include "../simd/f32-avx2.h"
#include "../simd/f64w-avx2.h"
#include "../math/elementwise.h"
#include "../math/elu.h"

static vf32 value(vf32 x, const void *context, vmask32 *special)
{
    return elu_table_fast_value(x, (const struct elu_context *)context, special);
}

static vf32 derivative(vf32 x, const void *context, vmask32 *special)
{
    return elu_table_fast_derivative(x, (const struct elu_context *)context, special);
}

void elu_f32_table_fast_avx2_forward(const float *x, float *y, size_t n, const struct actbench_params *p);
void elu_f32_table_fast_avx2_gradient(const float *x, const float *y, const float *dy, float *dx, float *dparam,
                                      size_t n, const struct actbench_params *p);

void elu_f32_table_fast_avx2_forward(const float *x, float *y, size_t n, const struct actbench_params *p)
{
    const struct elu_context context = elu_context_of(p);
    elementwise_forward_context(x, y, n, value, elu_special_case, &context);
}

void elu_f32_table_fast_avx2_gradient(const float *x, const float *y, const float *dy, float *dx, float *dparam,
                                      size_t n, const struct actbench_params *p)
{
    (void)y, (void)dparam;
    const struct elu_context context = elu_context_of(p);
    elementwise_gradient_context(x, dy, dx, n, derivative, elu_derivative_special_case, &context);
}

const struct actbench_kernel elu_f32_table_fast_avx2 = {
    .name = "elu_f32_table_fast_avx2",
    .activation = "elu",
    .type = ACTBENCH_F32,
    .isa = "avx2",
    .unroll = ELEMENTWISE_UNROLL * VF32_LANES,
    .forward.f32 = elu_f32_table_fast_avx2_forward,
    .gradient.f32 = elu_f32_table_fast_avx2_gradient,
    /* raised from 1.38 / 4.35 (1M-point maxima) to just above the maxima over
     * all 2^32 f32 inputs (actbench --exhaustive, the AVX-512F kernel): value
     * 1.4766 ulp at x = -0x1.c683b8p-5, gradient 4.5062 ulp at x = -0x1.3ef364p+6 */
    .bounds[ACTBENCH_F32] = {.value_ulp = 1.48, .gradient_ulp = 4.51},
    .description = "a*expm1(x) from the 2^(j/8) table + degree-4 poly; derivative a*e^x",
};
