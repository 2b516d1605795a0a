/*
 * hard_sigmoid_torch, libm method, as PyTorch writes it.
 *
 * PyTorch: min(max(x + 3, 0), 6) / 6, the order of PyTorch's CPU kernel.
 * Near x = -3 the sum x + 3 is exact (Sterbenz), so the only rounding there
 * is the division.  Derivative 1/6 (1.0f / 6.0f) on -3 < x < 3, else 0.
 *
 * The clip is written as comparisons that leave NaN in place (fminf and
 * fmaxf would replace it); the derivative is NaN for a NaN input.
 * dx = f'(x) * dy.
 *
 * Measured max error against MPFR, in ulps
 * (x86_64-avx512-bf16, 1049148 f32 points):
 *   hard_sigmoid_torch_f32_libm_scalar f32: value 1 ulp at x = 0x1.3ffffep+1,
 *     gradient 0.3333 ulp at x = 0x0p+0
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

static void hard_sigmoid_torch_f32_libm_scalar_forward(const float *x, float *y, size_t n,
                                                       const struct actbench_params *p)
{
    (void)p;
    for (size_t i = 0; i < n; i++)
        y[i] = clip_keep_nan(x[i] + 3.0f, 0.0f, 6.0f) / 6.0f;
}

static void hard_sigmoid_torch_f32_libm_scalar_gradient(const float *x, const float *y, const float *dy,
                                                        float *dx, float *dparam, size_t n,
                                                        const struct actbench_params *p)
{
    (void)y, (void)dparam, (void)p;
    for (size_t i = 0; i < n; i++) {
        float v = x[i];
        float derivative = isnan(v) ? v : (v > -3.0f && v < 3.0f ? 1.0f / 6.0f : 0.0f);
        dx[i] = derivative * dy[i];
    }
}

const struct actbench_kernel hard_sigmoid_torch_f32_libm_scalar = {
    .name = "hard_sigmoid_torch_f32_libm_scalar",
    .activation = "hard_sigmoid_torch",
    .type = ACTBENCH_F32,
    .isa = "scalar",
    .unroll = 1,
    .forward.f32 = hard_sigmoid_torch_f32_libm_scalar_forward,
    .gradient.f32 = hard_sigmoid_torch_f32_libm_scalar_gradient,
    .bounds[ACTBENCH_F32] = {.value_ulp = 1.1, .gradient_ulp = 0.34},
    .description = "min(max(x + 3, 0), 6)/6 as in PyTorch's kernel",
};
