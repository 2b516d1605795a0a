/*
 * prelu, libm method: x > 0 ? x : a_c*x where element i belongs to channel
 * c = i mod p->channels and a_c = p->channel_alpha[c].  The channel index is
 * stepped and wrapped rather than computed with a division per element.
 * The input gradient is (x > 0 ? 1 : a_c) * dy (a_c at the kink, NaN for a
 * NaN input); the parameter gradient, reported per element, is dy*x where
 * x <= 0 and 0 elsewhere (NaN for a NaN input, through dy*x).
 *
 * Measured max error against MPFR, f32 (scripts/actbench --all
 * --accuracy-only: seed 1, 2^20 random inputs and the special values):
 *   prelu_libm_scalar: value 0.5 ulp at x = -0x1p-126,
 *     gradient 0 ulp at x = 0x0p+0
 */
#include "kernels.h"
#include <math.h>

#include "registry.h"

void prelu_libm_scalar_forward(const float *x, float *y, size_t n, const struct actbench_params *p)
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

void prelu_libm_scalar_gradient(const float *x, const float *y, const float *dy, float *dx,
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
