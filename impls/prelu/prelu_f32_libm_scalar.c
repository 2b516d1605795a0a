/*
 * prelu, libm method: x > 0 ? x : a_c*x where element i belongs to channel
 * c = i mod p->channels and a_c = p->channel_alpha[c].  The channel index is
 * stepped and wrapped rather than computed with a division per element.
 * The input gradient is (x > 0 ? 1 : a_c) * dy (a_c at the kink, NaN for a
 * NaN input); the parameter gradient, reported per element, is dy*x where
 * x <= 0 and 0 elsewhere (NaN for a NaN input, through dy*x).
 *
 * Measured max error against MPFR, in ulps
 * (x86_64-avx512-bf16, 1049148 f32 points):
 *   prelu_f32_libm_scalar f32: value 0.5 ulp at x = -0x1p-126,
 *     gradient 0 ulp at x = 0x0p+0
 */
#include "../../include/actbench/kernel.h"
#include <math.h>

static void prelu_f32_libm_scalar_forward(const float *x, float *y, size_t n, const struct actbench_params *p)
{
    const float *alpha = p->channel_alpha;
    const size_t channels = p->channels;
    size_t c = 0;
    for (size_t i = 0; i < n; i++) {
        float v = x[i];
        y[i] = v > 0.0f ? v : alpha[c] * v;
        if (++c == channels)
            c = 0;
    }
}

static void prelu_f32_libm_scalar_gradient(const float *x, const float *y, const float *dy, float *dx,
                                           float *dparam, size_t n, const struct actbench_params *p)
{
    (void)y;
    const float *alpha = p->channel_alpha;
    const size_t channels = p->channels;
    size_t c = 0;
    for (size_t i = 0; i < n; i++) {
        float v = x[i], g = dy[i];
        float derivative = isnan(v) ? v : (v > 0.0f ? 1.0f : alpha[c]);
        dx[i] = derivative * g;
        if (dparam)
            dparam[i] = v > 0.0f ? 0.0f : g * v;
        if (++c == channels)
            c = 0;
    }
}

const struct actbench_kernel prelu_f32_libm_scalar = {
    .name = "prelu_f32_libm_scalar",
    .activation = "prelu",
    .type = ACTBENCH_F32,
    .isa = "scalar",
    .unroll = 1,
    .forward.f32 = prelu_f32_libm_scalar_forward,
    .gradient.f32 = prelu_f32_libm_scalar_gradient,
    .bounds[ACTBENCH_F32] = {.value_ulp = 0.5, .gradient_ulp = 0},
    .description = "x > 0 ? x : a_c*x per channel; input and per-element parameter gradients",
};
