/*
 * sigmoid, libm method: the textbook 1 / (1 + expf(-x)).  Its special
 * values need no guard: expf(+inf) = inf gives sigmoid(-inf) = +0 and
 * expf(-inf) = 0 gives sigmoid(+inf) = 1.  The formula's weak spot is
 * x < -88.7, where expf(-x) overflows and the result is 0 although the true
 * value is a subnormal number down to x = -103.3.  The derivative is the
 * textbook y*(1 - y) from the forward output, which is 0 as soon as y
 * rounds to 1 (x > 16.6) while the true value is exp(-x).  dx = f'(x) * dy.
 *
 * Measured max error against MPFR, in ulps
 * (x86_64-avx512-bf16, 1049148 f32 points):
 *   sigmoid_f32_libm_scalar f32: value 2.097e+06 ulp at x = -0x1.62e43p+6,
 *     gradient 1.678e+07 ulp at x = 0x1.0a2b24p+4
 */
#include "../../include/actbench/kernel.h"
#include <math.h>

static void sigmoid_f32_libm_scalar_forward(const float *x, float *y, size_t n, const struct actbench_params *p)
{
    (void)p;
    for (size_t i = 0; i < n; i++)
        y[i] = 1.0f / (1.0f + expf(-x[i]));
}

static void sigmoid_f32_libm_scalar_gradient(const float *x, const float *y, const float *dy, float *dx,
                                             float *dparam, size_t n, const struct actbench_params *p)
{
    (void)x, (void)dparam, (void)p;
    for (size_t i = 0; i < n; i++) {
        float s = y[i];
        dx[i] = s * (1.0f - s) * dy[i];
    }
}

const struct actbench_kernel sigmoid_f32_libm_scalar = {
    .name = "sigmoid_f32_libm_scalar",
    .activation = "sigmoid",
    .type = ACTBENCH_F32,
    .isa = "scalar",
    .unroll = 1,
    .forward.f32 = sigmoid_f32_libm_scalar_forward,
    .gradient.f32 = sigmoid_f32_libm_scalar_gradient,
    .bounds[ACTBENCH_F32] = {.value_ulp = 2.5, .gradient_ulp = 3.5},
    .description = "1/(1 + expf(-x)); derivative y*(1 - y)",
};
