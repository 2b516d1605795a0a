/*
 * leaky_relu, libm method: x > 0 ? x : a*x with the float parameter a
 * (p->alpha, 0.01f by default).  a*x is one correctly rounded product, so
 * the value is within half an ulp; NaN propagates through a*x.  The
 * derivative is 1 where x > 0 and a elsewhere (a at the kink x = 0), NaN for
 * a NaN input.  dx = f'(x) * dy.
 *
 * Measured max error against MPFR, in ulps
 * (x86_64-avx512-bf16, 1049148 f32 points):
 *   leaky_relu_f32_libm_scalar f32: value 0.5 ulp at x = -0x1.4p+1,
 *     gradient 0 ulp at x = 0x0p+0
 */
#include "../../include/actbench/kernel.h"
#include <math.h>

static void leaky_relu_f32_libm_scalar_forward(const float *x, float *y, size_t n, const struct actbench_params *p)
{
    const float a = p->alpha;
    for (size_t i = 0; i < n; i++) {
        float v = x[i];
        y[i] = v > 0.0f ? v : a * v;
    }
}

static void leaky_relu_f32_libm_scalar_gradient(const float *x, const float *y, const float *dy, float *dx,
                                                float *dparam, size_t n, const struct actbench_params *p)
{
    (void)y, (void)dparam;
    const float a = p->alpha;
    for (size_t i = 0; i < n; i++) {
        float v = x[i];
        float derivative = isnan(v) ? v : (v > 0.0f ? 1.0f : a);
        dx[i] = derivative * dy[i];
    }
}

const struct actbench_kernel leaky_relu_f32_libm_scalar = {
    .name = "leaky_relu_f32_libm_scalar",
    .activation = "leaky_relu",
    .type = ACTBENCH_F32,
    .isa = "scalar",
    .unroll = 1,
    .forward.f32 = leaky_relu_f32_libm_scalar_forward,
    .gradient.f32 = leaky_relu_f32_libm_scalar_gradient,
    .bounds[ACTBENCH_F32] = {.value_ulp = 0.5, .gradient_ulp = 0},
    .description = "x > 0 ? x : a*x; derivative x > 0 ? 1 : a",
};
