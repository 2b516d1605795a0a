/*
 * hard_sigmoid, libm method, in its two published forms.
 *
 * Keras: clip(0.2*x + 0.5, 0, 1) evaluated as written, 0.2f*x + 0.5f.
 * Near the lower kink x = -2.5 the sum cancels, so the rounding of 0.2f*x
 * (and 0.2f being 0.2 * (1 + 1.5e-8)) is large relative to the small true
 * value: that is the formula's accuracy, and it is what this measures.
 * Derivative 0.2 (0.2f, the correctly rounded 0.2) on -2.5 < x < 2.5, else 0.
 *
 * PyTorch: min(max(x + 3, 0), 6) / 6, the order of PyTorch's CPU kernel.
 * Near x = -3 the sum x + 3 is exact (Sterbenz), so the only rounding there
 * is the division.  Derivative 1/6 (1.0f / 6.0f) on -3 < x < 3, else 0.
 *
 * The clips are written as comparisons that leave NaN in place (fminf and
 * fmaxf would replace it); both derivatives are NaN for a NaN input.
 * dx = f'(x) * dy.
 *
 * Measured max error against MPFR, f32 (scripts/actbench --all
 * --accuracy-only: seed 1, 2^20 random inputs and the special values):
 *   hard_sigmoid_keras_libm_scalar: value 5.033e+06 ulp at x = -0x1.3ffffep+1,
 *     gradient 0.2 ulp at x = 0x0p+0
 *   hard_sigmoid_torch_libm_scalar: value 1 ulp at x = 0x1.3ffffep+1,
 *     gradient 0.3333 ulp at x = 0x0p+0
 */
#include "kernels.h"
#include <math.h>

#include "registry.h"

static float clip_keep_nan(float v, float low, float high)
{
    if (v < low)
        return low;
    if (v > high)
        return high;
    return v;
}

void hard_sigmoid_keras_libm_scalar_forward(const float *x, float *y, size_t n,
                                            const struct actbench_params *p)
{
    (void)p;
    for (size_t i = 0; i < n; i++)
        y[i] = clip_keep_nan(0.2f * x[i] + 0.5f, 0.0f, 1.0f);
}

void hard_sigmoid_keras_libm_scalar_gradient(const float *x, const float *y, const float *dy,
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

void hard_sigmoid_torch_libm_scalar_forward(const float *x, float *y, size_t n,
                                            const struct actbench_params *p)
{
    (void)p;
    for (size_t i = 0; i < n; i++)
        y[i] = clip_keep_nan(x[i] + 3.0f, 0.0f, 6.0f) / 6.0f;
}

void hard_sigmoid_torch_libm_scalar_gradient(const float *x, const float *y, const float *dy,
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
