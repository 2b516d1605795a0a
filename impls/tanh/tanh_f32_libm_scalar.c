/*
 * tanh, libm method: tanhf(x), which is odd (tanh(-0) = -0) and saturates
 * to +-1 at +-inf.  The derivative is the textbook 1 - y*y from the forward
 * output: it cancels as |y| approaches 1 and is 0 once y rounds to +-1
 * (|x| > 9.01) while the true sech(x)^2 is still a normal number, which is
 * where its worst errors are.  dx = f'(x) * dy.
 *
 * Measured max error against MPFR, in ulps
 * (x86_64-avx512-bf16, 1049148 f32 points):
 *   tanh_f32_libm_scalar f32: value 2.071 ulp at x = -0x1.dde8ecp-3,
 *     gradient 1.678e+07 ulp at x = 0x1.0a2b24p+4
 */
#include "../../include/actbench/kernel.h"
#include <math.h>

static void tanh_f32_libm_scalar_forward(const float *x, float *y, size_t n, const struct actbench_params *p)
{
    (void)p;
    for (size_t i = 0; i < n; i++)
        y[i] = tanhf(x[i]);
}

static void tanh_f32_libm_scalar_gradient(const float *x, const float *y, const float *dy, float *dx,
                                          float *dparam, size_t n, const struct actbench_params *p)
{
    (void)x, (void)dparam, (void)p;
    for (size_t i = 0; i < n; i++) {
        float t = y[i];
        dx[i] = (1.0f - t * t) * dy[i];
    }
}

const struct actbench_kernel tanh_f32_libm_scalar = {
    .name = "tanh_f32_libm_scalar",
    .activation = "tanh",
    .type = ACTBENCH_F32,
    .isa = "scalar",
    .unroll = 1,
    .forward.f32 = tanh_f32_libm_scalar_forward,
    .gradient.f32 = tanh_f32_libm_scalar_gradient,
    .bounds[ACTBENCH_F32] = {.value_ulp = 2.5, .gradient_ulp = 3.5},
    .description = "tanhf(x); derivative 1 - y*y",
};
