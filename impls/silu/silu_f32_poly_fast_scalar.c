/*
 * silu, poly method, fast tier, portable C, one lane: the reference of the method for the vector kernels (same operations, same order; fmaf for the fused steps, 1.0f/a for the division).
 *
 * Algorithm (impls/math/logistic.h over impls/math/exp_poly.h):
 * E = exp(-x) = 2^k * (1 + p(r)) as in sigmoid_f32_poly_fast_* (one-FMA
 * reduction, degree-5 polynomial, no table); silu = x/(1 + E), one
 * division and one rounding.
 * Derivative: sigmoid*(1 + x*E*sigmoid); around its root x0 = -1.2785
 * (|x - x0| <= 1/16) h*q(h) with h = (x - x0_hi) - x0_lo
 * (impls/math/sollya/silu_root.sollya), taken only when a lane is there.
 * Special lanes (|x| > 87, infinities, NaN) are recomputed in double:
 * silu(-inf) = -0, silu(+inf) = +inf, NaN propagates.
 * Coefficients: impls/math/sollya/exp_poly.sollya and silu_root.sollya,
 * written by scripts/fit-coefficients.
 *
 * Why poly for the fast tier: as sigmoid_f32_poly_fast_* (no table; the
 * table form is silu_f32_table_fast_*).
 *
 * Speed: 30.2 cycles/element against 8.31 for the libm formula (there
 * is no scalar peer): without -mfma every fused step is a call to libm's
 * fmaf, so this file is the portable reference of the method, not a
 * fast path
 * (`build/actbench -A sigmoid,silu --speed-only --modes throughput --budget 0.2`:
 * L1-resident, median core cycles per element from calibrated TSC ticks,
 * AMD EPYC Zen 5; the machine was shared, so compare within one run).
 *
 * Checked on every input with 2^-3 <= |x| < 2^7 (double reference, worst
 * cases confirmed with MPFR; smaller |x| by actbench's sample; the scalar,
 * AVX2 and AVX-512F kernels agree bit for bit): value at most 3.48 ulp on
 * [-10, 10] and 6.90 ulp overall (x = -0x1.5bf602p+6); gradient at most
 * 34.3 ulp, just outside the root window (x = -0x1.365066p+0, where
 * 1 + x*E*sigmoid cancels and E carries 2^-23); monotone on [0, inf).
 *
 * Tier: fast.  Declared bounds, f32: value 7.0 ulp, gradient 34.5 ulp
 * (just above the exhaustive figures above).  Loops: impls/math/elementwise.h
 * (four vectors per main-loop iteration, then single vectors, then a
 * masked tail that touches nothing past n; in place safe).
 *
 * Measured max error against MPFR, in ulps
 * (x86_64-avx512-bf16, 1049148 f32 points):
 *   silu_f32_poly_fast_scalar f32: value 5.103 ulp at x = -0x1.1e164cp+6,
 *     gradient 32.2 ulp at x = -0x1.361beap+0
 */
#include "../../include/actbench/kernel.h"
#include "../simd/f32-scalar.h"
#include "../simd/f64w-scalar.h"
#include "../math/elementwise.h"
#include "../math/logistic.h"

static vf32 value(vf32 x, const void *context, vmask32 *special)
{
    (void)context;
    return silu_poly_fast_value(x, special);
}

static vf32 derivative(vf32 x, const void *context, vmask32 *special)
{
    (void)context;
    return silu_poly_fast_derivative(x, special);
}

void silu_f32_poly_fast_scalar_forward(const float *x, float *y, size_t n, const struct actbench_params *p);
void silu_f32_poly_fast_scalar_gradient(const float *x, const float *y, const float *dy, float *dx, float *dparam,
                                        size_t n, const struct actbench_params *p);

void silu_f32_poly_fast_scalar_forward(const float *x, float *y, size_t n, const struct actbench_params *p)
{
    (void)p;
    elementwise_forward(x, y, n, value, silu_special_case, NULL);
}

void silu_f32_poly_fast_scalar_gradient(const float *x, const float *y, const float *dy, float *dx, float *dparam,
                                        size_t n, const struct actbench_params *p)
{
    (void)y, (void)dparam, (void)p;
    elementwise_gradient(x, dy, dx, n, derivative, silu_derivative_special_case, NULL);
}

const struct actbench_kernel silu_f32_poly_fast_scalar = {
    .name = "silu_f32_poly_fast_scalar",
    .activation = "silu",
    .type = ACTBENCH_F32,
    .isa = "scalar",
    .unroll = ELEMENTWISE_UNROLL * VF32_LANES,
    .forward.f32 = silu_f32_poly_fast_scalar_forward,
    .gradient.f32 = silu_f32_poly_fast_scalar_gradient,
    .bounds[ACTBENCH_F32] = {.value_ulp = 7.0, .gradient_ulp = 34.5},
    .description = "x/(1 + exp(-x)), exp(-x) by a degree-5 minimax poly, one division; derivative with a root window",
};
