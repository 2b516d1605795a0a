/*
 * softplus, libm method: log1pf(expf(x)), with the usual shortcut
 * softplus(x) = x for x > 20 (PyTorch's default threshold).  Any threshold
 * between 14.6 and 88.7 gives the same float results: above 14.6 the
 * correction log1p(exp(-x)) < exp(-x) is below half an ulp of x, so the
 * true value rounds to x, and the shortcut must come before 88.7, where
 * expf overflows and log1pf(inf) would give +inf.  softplus(-inf) = +0 and
 * softplus(+inf) = +inf need no guard.
 *
 * Derivative sigmoid(x) = 1 / (1 + expf(-x)), which is +0 at -inf and 1 at
 * +inf; its worst error is below x = -88.7, where expf(-x) overflows and
 * the result is 0 while sigmoid(x) is still a subnormal number.
 * dx = f'(x) * dy.
 *
 * Measured max error against MPFR, f32 (scripts/actbench --all
 * --accuracy-only: seed 1, 2^20 random inputs and the special values):
 *   softplus_libm_scalar: value 1.459 ulp at x = -0x1.48279ap+0,
 *     gradient 2.097e+06 ulp at x = -0x1.62e43p+6
 */
#include "kernels.h"
#include <math.h>

#include "registry.h"

/* See the head comment for why 20. */
static const float identity_threshold = 20.0f;

void softplus_libm_scalar_forward(const float *x, float *y, size_t n, const struct actbench_params *p)
{
    (void)p;
    for (size_t i = 0; i < n; i++) {
        float v = x[i];
        y[i] = v > identity_threshold ? v : log1pf(expf(v));
    }
}

void softplus_libm_scalar_gradient(const float *x, const float *y, const float *dy, float *dx,
                                   float *dparam, size_t n, const struct actbench_params *p)
{
    (void)y, (void)dparam, (void)p;
    for (size_t i = 0; i < n; i++)
        dx[i] = 1.0f / (1.0f + expf(-x[i])) * dy[i];
}
