/*
 * selu, libm method: lambda * (x > 0 ? x : alpha * expm1f(x)) with
 * PyTorch's constants rounded to float (lambda = 1.0507009873554805,
 * alpha = 1.6732632423543772), evaluated as PyTorch's CPU kernel does: the
 * negative side as (lambda * alpha) * expm1f(x), the constant product
 * rounded once.  expm1f keeps the relative accuracy near 0; selu(-inf) =
 * -lambda*alpha and selu(-0) = -0 need no special case.
 *
 * The derivative is lambda where x > 0 and lambda*alpha*expf(x) elsewhere
 * (the left piece at x = 0, as PyTorch's elu_backward); it is computed from
 * x, not from y + lambda*alpha, which cancels for very negative x.
 * dx = f'(x) * dy.
 *
 * Measured max error against MPFR, in ulps
 * (x86_64-avx512-bf16, 1049148 f32 points):
 *   selu_f32_libm_scalar f32: value 1.763 ulp at x = -0x1.519594p-2,
 *     gradient 1.582 ulp at x = -0x1.5f00acp+2
 */
#include "../../include/actbench/kernel.h"
#include <math.h>

static const float selu_lambda = 1.0507009873554805f;
static const float selu_lambda_alpha = (float)(1.0507009873554805 * 1.6732632423543772);

static void selu_f32_libm_scalar_forward(const float *x, float *y, size_t n,
                                         const struct actbench_params *p)
{
    (void)p;
    for (size_t i = 0; i < n; i++) {
        float v = x[i];
        y[i] = v > 0.0f ? selu_lambda * v : selu_lambda_alpha * expm1f(v);
    }
}

static void selu_f32_libm_scalar_gradient(const float *x, const float *y, const float *dy,
                                          float *dx, float *dparam, size_t n,
                                          const struct actbench_params *p)
{
    (void)y, (void)dparam, (void)p;
    for (size_t i = 0; i < n; i++) {
        float v = x[i];
        float derivative = v > 0.0f ? selu_lambda : selu_lambda_alpha * expf(v);
        dx[i] = derivative * dy[i];
    }
}

const struct actbench_kernel selu_f32_libm_scalar = {
    .name = "selu_f32_libm_scalar",
    .activation = "selu",
    .type = ACTBENCH_F32,
    .isa = "scalar",
    .unroll = 1,
    .forward.f32 = selu_f32_libm_scalar_forward,
    .gradient.f32 = selu_f32_libm_scalar_gradient,
    .bounds[ACTBENCH_F32] = {.value_ulp = 2.5, .gradient_ulp = 2.5},
    .description = "lambda*x or (lambda*alpha)*expm1f(x); derivative lambda or lambda*alpha*expf(x)",
};
