/*
 * hard_sigmoid_keras, libm method, as Keras writes it.
 *
 * Keras: clip(0.2*x + 0.5, 0, 1) evaluated as written, 0.2f*x + 0.5f.
 * Near the lower kink x = -2.5 the sum cancels, so the rounding of 0.2f*x
 * (and 0.2f being 0.2 * (1 + 1.5e-8)) is large relative to the small true
 * value: that is the formula's accuracy, and it is what this measures.
 * Derivative 0.2 (0.2f, the correctly rounded 0.2) on -2.5 < x < 2.5, else 0.
 *
 * The clip is written as comparisons that leave NaN in place (fminf and
 * fmaxf would replace it); the derivative is NaN for a NaN input.
 * dx = f'(x) * dy.
 *
 * Measured max error against MPFR, in ulps
 * (x86_64-avx512-bf16, 1049148 f32 points):
 *   hard_sigmoid_keras_f32_libm_scalar f32: value 5.033e+06 ulp at x = -0x1.3ffffep+1,
 *     gradient 0.2 ulp at x = 0x0p+0
 */
#include "../../include/actbench/kernel.h"
#include <math.h>

static float clip_keep_nan(float v, float low, float high)
{
    if (v < low)
        return low;
    if (v > high)
        return high;
    return v;
}

static void hard_sigmoid_keras_f32_libm_scalar_forward(const float *x, float *y, size_t n,
                                                       const struct actbench_params *p)
{
    (void)p;
    for (size_t i = 0; i < n; i++)
        y[i] = clip_keep_nan(0.2f * x[i] + 0.5f, 0.0f, 1.0f);
}

static void hard_sigmoid_keras_f32_libm_scalar_gradient(const float *x, const float *y, const float *dy,
                                                        float *dx, float *dparam, size_t n,
                                                        const struct actbench_params *p)
{
    (void)y, (void)dparam, (void)p;
    for (size_t i = 0; i < n; i++) {
        float v = x[i];
        float derivative = isnan(v) ? v : (v > -2.5f && v < 2.5f ? 0.2f : 0.0f);
        dx[i] = derivative * dy[i];
    }
}

const struct actbench_kernel hard_sigmoid_keras_f32_libm_scalar = {
    .name = "hard_sigmoid_keras_f32_libm_scalar",
    .activation = "hard_sigmoid_keras",
    .type = ACTBENCH_F32,
    .isa = "scalar",
    .unroll = 1,
    .forward.f32 = hard_sigmoid_keras_f32_libm_scalar_forward,
    .gradient.f32 = hard_sigmoid_keras_f32_libm_scalar_gradient,
    .bounds[ACTBENCH_F32] = {.value_ulp = 5.1e6, .gradient_ulp = 0.21},
    .description = "clip(0.2f*x + 0.5f, 0, 1) as written by Keras",
};
