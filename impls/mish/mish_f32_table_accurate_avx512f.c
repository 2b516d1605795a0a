/*
 * mish, table method, accurate tier, AVX-512F, 16 lanes.
 *
 * Algorithm (impls/math/mish_table.h over impls/math/mish.h and exp_wide.h):
 * no tanh and no log: with E = e^x, tanh(softplus(x)) = N/(N + 2), N = E(E +
 * 2), so mish(x) = x*N/(N + 2) and mish'(x) = (N*D + 4x*E(1 + E))/D^2 with D
 * = N + 2: rational in E with positive terms, nothing cancels in the value,
 * and on the negative tail N/(N + 2) keeps its relative accuracy, so mish(x)
 * ~ x*e^x does too.  The derivative cancels only at its root x0 = -1.19243
 * (mish's minimum); within 1/16 of it mish'(x0 + h) = h*q(h) with h = (x -
 * x0_hi) - x0_lo and q of degree 4 (impls/math/sollya/mish_root.sollya).
 *
 * Accurate form: widen to double, E = e^x by exp_table_f64w: -x = k*ln2/8 +
 * r, 2^(j/8) from an 8-entry table of doubles (64 bytes, one cache line of
 * L1, impls/math/exp_data.c; loaded into one register before the loop and
 * looked up by vpermpd on AVX-512, by gathers from L1 on AVX2, plain
 * indexing in C) times 1 + p(r) of degree 4 (relative error 2^-33.5), x
 * clamped to [-150, 150]; N, D and the value or the derivative in double,
 * one rounding to float at the end: within 0.5 ulp + 2^-9 ulp wherever
 * nothing cancels.  Valid for every float (NaN passes the clamps, mish(+inf)
 * = +inf, mish(-inf) = -0); no lane is special.
 *
 * Coefficients and table: impls/math/sollya/exp_wide.sollya and
 * mish_root.sollya, written by scripts/fit-coefficients into
 * impls/math/coefficients.h and exp_data.c.
 *
 * Speed: 1.54 cycles/element, gradient 1.90; fastest peer libmvec 4.01,
 * gradient 4.99: 0.38x and 0.38x, against the tier's 1.0x, which it meets;
 * the poly kernel, same run: 1.85 and 2.31 (the table form: a degree-4
 * polynomial and one vpermpd against degree 7).  (`build/actbench -A mish
 * --speed-only --modes throughput,gradient_throughput --budget 0.2`:
 * L1-resident, uniform [-10, 10], median core cycles per element, AMD EPYC
 * Zen 5, load average 9 to 10 on 2 cores: compare within the run.)
 *
 * Tier: accurate.  ML use: training with mish (YOLOv4-style detectors) where
 * the gradient near the minimum matters; the fast tier
 * (mish_f32_poly_fast_*, mish_f32_table_fast_*) for inference. Declared
 * bounds, f32: value 0.51 ulp, gradient 2.4 ulp, just above the 1M-point
 * maxima below (the scalar, AVX2 and AVX-512F kernels give the same
 * figures); the gradient's worst case is just outside the root window, as
 * for the poly kernel. No exhaustive check over all of f32 has been run: the
 * figures below are 1M-point figures.  Loops: impls/math/elementwise.h (four
 * vectors per main-loop iteration, then single vectors, then a masked tail
 * that touches nothing past n; in place safe).
 *
 * Measured max error against MPFR, in ulps
 * (x86_64-avx512-bf16, 1049150 f32 points):
 *   mish_f32_table_accurate_avx512f f32: value 0.5013 ulp at x = -0x1.b2b84p+2,
 *     gradient 2.388 ulp at x = -0x1.2f6802p+0
 */
#include "../../include/actbench/kernel.h"
#include "../simd/f32-avx512f.h"
#include "../simd/f64w-avx512f.h"
#include "../math/elementwise.h"
#include "../math/mish_table.h"

static inline __attribute__((always_inline)) vf32 value(vf32 x, const void *context, vmask32 *special)
{
    return mish_table_accurate_value(x, *(const vf64w_table8 *)context, special);
}

static inline __attribute__((always_inline)) vf32 derivative(vf32 x, const void *context, vmask32 *special)
{
    return mish_table_accurate_derivative(x, *(const vf64w_table8 *)context, special);
}

void mish_f32_table_accurate_avx512f_forward(const float *x, float *y, size_t n, const struct actbench_params *p);
void mish_f32_table_accurate_avx512f_gradient(const float *x, const float *y, const float *dy, float *dx, float *dparam,
                                              size_t n, const struct actbench_params *p);

void mish_f32_table_accurate_avx512f_forward(const float *x, float *y, size_t n, const struct actbench_params *p)
{
    (void)p;
    const vf64w_table8 context = exp_table_f64w_load();
    elementwise_forward(x, y, n, value, mish_special_case, &context);
}

void mish_f32_table_accurate_avx512f_gradient(const float *x, const float *y, const float *dy, float *dx, float *dparam,
                                              size_t n, const struct actbench_params *p)
{
    (void)y, (void)dparam, (void)p;
    const vf64w_table8 context = exp_table_f64w_load();
    elementwise_gradient(x, dy, dx, n, derivative, mish_derivative_special_case, &context);
}

const struct actbench_kernel mish_f32_table_accurate_avx512f = {
    .name = "mish_f32_table_accurate_avx512f",
    .activation = "mish",
    .type = ACTBENCH_F32,
    .isa = "avx512f",
    .unroll = ELEMENTWISE_UNROLL * VF32_LANES,
    .forward.f32 = mish_f32_table_accurate_avx512f_forward,
    .gradient.f32 = mish_f32_table_accurate_avx512f_gradient,
    /* raised from 0.51 / 2.4 (1M-point maxima) to just above the maxima over
     * all 2^32 f32 inputs (actbench --exhaustive, the AVX-512F kernel): value
     * 0.50131 ulp at x = -0x1.348292p+6, gradient 2.5078 ulp at x = -0x1.2f6e16p+0 */
    .bounds[ACTBENCH_F32] = {.value_ulp = 0.51, .gradient_ulp = 2.51},
    .description = "x*N/(N+2), N = E(E+2), E = e^x from the 2^(j/8) double table + degree-4 poly, in double with one rounding; derivative (N*D + 4x*E(1+E))/D^2 with a root window",
};
