/*
 * elu, table method, accurate tier, AVX-512F, 16 lanes.
 *
 * Algorithm (impls/math/elu.h over impls/math/expm1.h and exp_table.h):
 * elu(x) = x for x >= 0 (+-0 keep their sign) and a*expm1(x) below, a =
 * alpha (1 by default). expm1(x) = (2^(k/8) - 1) + 2^(k/8)*expm1(r), k =
 * round(8x/ln2), 2^(k/8) = hi*(1 + lo[j]) from the 8-entry tables of 2^(j/8)
 * that exp_table.h holds in registers (one lookup each), r = x - k*ln2_hi/8
 * exact (ln2/8 in two floats, the second part joins lo[j]), expm1(r) ~ r +
 * r^2*q(r) with q of degree 3 on |r| <= ln2/16 (2^-34.9). 1 - hi by Fast2Sum
 * and hi*r - (1 - hi) by FMAs with its rounding error give expm1(x) as an
 * unevaluated v + tail (within 2^-40 relative), and the result is a*v +
 * a*tail rounded once (fma), so expm1's relative accuracy is kept as x -> 0,
 * where e^x - 1 from a rounded e^x would lose it. x is clamped to -87 (NaN
 * kept): the result there is -a, and the correctly rounded value saturates
 * from x = -17.33 (a = 1) down, where this one does too. The value has no
 * special lanes.
 *
 * Derivative: a*e^x (1 for x > 0) with e^x = hi + lo from exp_table_accurate
 * (2^-28 relative), a*hi + a*lo rounded once; lanes below -80 are recomputed
 * in double (widen, exp, one rounding), exact down to the last subnormal, so
 * no gradient death before the true gradient leaves the normal range.
 *
 * Coefficients: impls/math/sollya/expm1.sollya (the linear term fixed to r)
 * and exp_table.sollya, written by scripts/fit-coefficients into
 * impls/math/coefficients.h and exp_data.c.
 *
 * Why table for the accurate tier: the 8-entry table keeps |r| <= ln2/16,
 * where a degree-3 q suffices for the compensated sum; the poly method of
 * the accurate tier (a longer polynomial on |r| <= ln2/2 with the same hi/lo
 * bookkeeping) is not built yet. ML use: elu layers where the negative
 * side's small values matter (training, gradient checks); the fast tier
 * (elu_f32_poly_fast_*, elu_f32_table_fast_*) for inference.
 *
 * Speed: 0.909 cycles/element, gradient 0.682; fastest peer libmvec
 * 0.817, gradient 0.808: 1.11x and 0.84x, against the tier's 1.0x,
 * missed for the value, met for the gradient; the build before (k as an
 * integer from the 0x1.8p23 shifter, masked lookups and an integer
 * exponent add in place of the k/8 reduction and one vscalefps of
 * impls/math/elu.h's elu_expm1_accurate; the same bits), same runs:
 * 0.986 and 0.731 (libmvec 0.850)
 * (`build/actbench -A gelu_tanh,elu,selu -f f32 -I avx512f -m
 * libmvec,sleef,table,poly --speed-only --modes
 * throughput,gradient_throughput --budget 0.2`, three runs alternating with
 * the build before, medians; L1-resident, uniform [-10, 10], Intel Xeon
 * family 6 model 207 (AVX-512F), load average 3.7-5.9 on 2 cores: compare
 * within one run).
 * Vector operations per 16 elements of the value loop: 26
 * (1.625 per element, floor 0.81), 28 before.
 * Earlier figures, AMD EPYC Zen 5:
 * 0.667 cycles/element; peers libmvec 0.877, SLEEF u10 3.19: 0.76x
 * the fastest (libmvec), against the tier's 1.0x, which it meets.
 * (`build/actbench -A elu --speed-only --modes
 * throughput,gradient_throughput --budget 0.2`: L1-resident, median over
 * three runs of the median core cycles per element, AMD EPYC Zen 5; the
 * machine was shared and loaded, so compare within one run.)
 *
 * Tier: accurate. Declared bounds, f32: value 0.57 ulp, gradient 0.61 ulp,
 * just above the largest figures actbench measured on this machine: value
 * 0.5631, gradient 0.6049 ulp at 16M points (seed 7, the AVX-512F kernel);
 * value 0.5441 ulp, gradient 0.5916 ulp at 1M points (seed 1; the scalar,
 * AVX2 and AVX-512F kernels give the same figures). No exhaustive check over
 * all of f32 has been run, so a denser sample may find more. Monotone,
 * saturation and special values as measured by actbench (no property
 * failure). Loops: impls/math/elementwise.h (four vectors per main-loop
 * iteration, then single vectors, then a masked tail that touches nothing
 * past n; in place safe).
 *
 * Measured max error against MPFR, in ulps
 * (x86_64-avx512-bf16, 1049148 f32 points):
 *   elu_f32_table_accurate_avx512f f32: value 0.5441 ulp at x = -0x1.77a03ap-5,
 *     gradient 0.5916 ulp at x = -0x1.0b92d4p+3
 */
#include "../../include/actbench/kernel.h"
#include "../simd/f32-avx512f.h"
#include "../simd/f64w-avx512f.h"
#include "../math/elementwise.h"
#include "../math/elu.h"

static vf32 value(vf32 x, const void *context, vmask32 *special)
{
    return elu_table_accurate_value(x, (const struct elu_context *)context, special);
}

static vf32 derivative(vf32 x, const void *context, vmask32 *special)
{
    return elu_table_accurate_derivative(x, (const struct elu_context *)context, special);
}

void elu_f32_table_accurate_avx512f_forward(const float *x, float *y, size_t n, const struct actbench_params *p);
void elu_f32_table_accurate_avx512f_gradient(const float *x, const float *y, const float *dy, float *dx, float *dparam,
                                             size_t n, const struct actbench_params *p);

void elu_f32_table_accurate_avx512f_forward(const float *x, float *y, size_t n, const struct actbench_params *p)
{
    const struct elu_context context = elu_context_of(p);
    elementwise_forward_context(x, y, n, value, elu_special_case, &context);
}

void elu_f32_table_accurate_avx512f_gradient(const float *x, const float *y, const float *dy, float *dx, float *dparam,
                                             size_t n, const struct actbench_params *p)
{
    (void)y, (void)dparam;
    const struct elu_context context = elu_context_of(p);
    elementwise_gradient_context(x, dy, dx, n, derivative, elu_derivative_special_case, &context);
}

const struct actbench_kernel elu_f32_table_accurate_avx512f = {
    .name = "elu_f32_table_accurate_avx512f",
    .activation = "elu",
    .type = ACTBENCH_F32,
    .isa = "avx512f",
    .unroll = ELEMENTWISE_UNROLL * VF32_LANES,
    .forward.f32 = elu_f32_table_accurate_avx512f_forward,
    .gradient.f32 = elu_f32_table_accurate_avx512f_gradient,
    /* raised from 0.57 / 0.61 (1M-point maxima) to just above the maxima over
     * all 2^32 f32 inputs (actbench --exhaustive, the AVX-512F kernel): value
     * 0.57379 ulp at x = -0x1.665fb4p-5, gradient 0.62198 ulp at x = -0x1.a62b76p+4 */
    .bounds[ACTBENCH_F32] = {.value_ulp = 0.58, .gradient_ulp = 0.63},
    .description = "a*expm1(x), 2^(j/8) hi/lo table + degree-5 poly, compensated, one rounding; derivative a*e^x from the hi/lo exp",
};
