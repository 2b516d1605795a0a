/*
 * leaky_relu, libm method: x > 0 ? x : a*x with the float parameter a
 * (p->alpha, 0.01f by default).  a*x is one correctly rounded product, so
 * the value is within half an ulp; NaN propagates through a*x.  The
 * derivative is 1 where x > 0 and a elsewhere (a at the kink x = 0), NaN for
 * a NaN input.  dx = f'(x) * dy.
 *
 * Measured max error against MPFR, f32 (scripts/actbench --all
 * --accuracy-only: seed 1, 2^20 random inputs and the special values):
 *   leaky_relu_libm_scalar: value 0.5 ulp at x = -0x1.4p+1,
 *     gradient 0 ulp at x = 0x0p+0
 */
#include "kernels.h"
#include <math.h>

#include "registry.h"

void leaky_relu_libm_scalar_forward(const float *x, float *y, size_t n, const struct actbench_params *p)
{
    const float a = p->alpha;
    for (size_t i = 0; i < n; i++) {
        float v = x[i];
        y[i] = v > 0.0f ? v : a * v;
    }
}

void leaky_relu_libm_scalar_gradient(const float *x, const float *y, const float *dy, float *dx,
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
