/*
 * hardswish, libm method: x * min(max(x + 3, 0), 6) / 6, in the order of
 * PyTorch's CPU kernel.  x + 3 is exact near the lower kink (Sterbenz), so
 * the roundings are the product and the division.  The clip is written as
 * comparisons that keep NaN; below the lower kink the product is x * +0 =
 * -0, and -inf takes that limit explicitly (-inf * 0 would be NaN).
 *
 * Kept as PyTorch writes it, with its failure (IMPL_NAIVE): above
 * FLT_MAX / 6 the product x * 6 overflows and the result is +inf where
 * hardswish(x) = x is finite.
 *
 * Derivative as PyTorch's hardswish_backward: 0 below -3, x/3 + 1/2 on
 * [-3, 3] (so -1/2 at -3 and 3/2 at 3), 1 above.  dx = f'(x) * dy.
 *
 * Bounds (a contract), from every f32 input with |x| < 4 against an exact
 * double-precision evaluation: value 1.913 ulp at x = 0x1.5f216cp+0 (above
 * 4 two roundings of x*6/6 stay below 2 ulp); gradient 5.592e6 ulp at
 * x = -0x1.800002p+0, the float next to -1.5 where x/3 + 1/2 cancels: a
 * rounding of x/3 near -1/2 against a true value of 4e-8.  A sample finds
 * the gradient's maximum only if it holds that neighbour.
 *
 * Measured max error against MPFR, in ulps
 * (x86_64-avx512-bf16, 1049148 f32 points):
 *   hardswish_f32_libm_scalar f32: value 1.909 ulp at x = 0x1.5ecc6cp+0,
 *     gradient 4.369e+04 ulp at x = -0x1.800106p+0
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

static void hardswish_f32_libm_scalar_forward(const float *x, float *y, size_t n,
                                              const struct actbench_params *p)
{
    (void)p;
    for (size_t i = 0; i < n; i++) {
        float v = x[i];
        y[i] = v == -INFINITY ? -0.0f : v * clip_keep_nan(v + 3.0f, 0.0f, 6.0f) / 6.0f;
    }
}

static void hardswish_f32_libm_scalar_gradient(const float *x, const float *y, const float *dy,
                                               float *dx, float *dparam, size_t n,
                                               const struct actbench_params *p)
{
    (void)y, (void)dparam, (void)p;
    for (size_t i = 0; i < n; i++) {
        float v = x[i];
        float derivative = isnan(v)      ? v
                           : v < -3.0f   ? 0.0f
                           : v <= 3.0f   ? v / 3.0f + 0.5f
                                         : 1.0f;
        dx[i] = derivative * dy[i];
    }
}

const struct actbench_kernel hardswish_f32_libm_scalar = {
    .name = "hardswish_f32_libm_scalar",
    .activation = "hardswish",
    .type = ACTBENCH_F32,
    .isa = "scalar",
    .unroll = 1,
    .forward.f32 = hardswish_f32_libm_scalar_forward,
    .gradient.f32 = hardswish_f32_libm_scalar_gradient,
    .bounds[ACTBENCH_F32] = {.value_ulp = 2.0, .gradient_ulp = 5.6e6},
    .description = "x * min(max(x + 3, 0), 6) / 6 as in PyTorch; derivative its hardswish_backward",
};
