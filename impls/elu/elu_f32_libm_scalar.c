/*
 * elu, libm method: x > 0 ? x : a*expm1f(x) with the float parameter a
 * (p->alpha, 1.0f by default).  expm1f keeps the relative accuracy near
 * x = 0 that expf(x) - 1 would lose, and gives elu(-inf) = -a and
 * elu(-0) = -0 without a special case.  The derivative is 1 where x > 0 and
 * a*expf(x) elsewhere (a at x = 0); it is computed from x, not as y + a,
 * which cancels for very negative x.  dx = f'(x) * dy.
 *
 * Measured max error against MPFR, in ulps
 * (x86_64-avx512-bf16, 1049148 f32 points):
 *   elu_f32_libm_scalar f32: value 0.7485 ulp at x = -0x1.9ebae2p-2,
 *     gradient 0.5015 ulp at x = -0x1.e9cca6p+2
 */
#include "../../include/actbench/kernel.h"
#include <math.h>

static void elu_f32_libm_scalar_forward(const float *x, float *y, size_t n, const struct actbench_params *p)
{
    const float a = p->alpha;
    for (size_t i = 0; i < n; i++) {
        float v = x[i];
        y[i] = v > 0.0f ? v : a * expm1f(v);
    }
}

static void elu_f32_libm_scalar_gradient(const float *x, const float *y, const float *dy, float *dx,
                                         float *dparam, size_t n, const struct actbench_params *p)
{
    (void)y, (void)dparam;
    const float a = p->alpha;
    for (size_t i = 0; i < n; i++) {
        float v = x[i];
        float derivative = v > 0.0f ? 1.0f : a * expf(v);
        dx[i] = derivative * dy[i];
    }
}

const struct actbench_kernel elu_f32_libm_scalar = {
    .name = "elu_f32_libm_scalar",
    .activation = "elu",
    .type = ACTBENCH_F32,
    .isa = "scalar",
    .unroll = 1,
    .forward.f32 = elu_f32_libm_scalar_forward,
    .gradient.f32 = elu_f32_libm_scalar_gradient,
    .bounds[ACTBENCH_F32] = {.value_ulp = 2.0, .gradient_ulp = 2.0},
    .description = "x > 0 ? x : a*expm1f(x); derivative a*expf(x) for x <= 0",
};
