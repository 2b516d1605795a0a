/*
 * tanh, libm method: tanhf(x), which is odd (tanh(-0) = -0) and saturates
 * to +-1 at +-inf.  The derivative is the textbook 1 - y*y from the forward
 * output: it cancels as |y| approaches 1 and is 0 once y rounds to +-1
 * (|x| > 9.01) while the true sech(x)^2 is still a normal number, which is
 * where its worst errors are.  dx = f'(x) * dy.
 *
 * Measured max error against MPFR, f32 (scripts/actbench --all
 * --accuracy-only: seed 1, 2^20 random inputs and the special values):
 *   tanh_libm_scalar: value 2.071 ulp at x = -0x1.dde8ecp-3,
 *     gradient 1.678e+07 ulp at x = 0x1.0a2b24p+4
 */
#include "kernels.h"
#include <math.h>

#include "registry.h"

void tanh_libm_scalar_forward(const float *x, float *y, size_t n, const struct actbench_params *p)
{
    (void)p;
    for (size_t i = 0; i < n; i++)
        y[i] = tanhf(x[i]);
}

void tanh_libm_scalar_gradient(const float *x, const float *y, const float *dy, float *dx,
                               float *dparam, size_t n, const struct actbench_params *p)
{
    (void)x, (void)dparam, (void)p;
    for (size_t i = 0; i < n; i++) {
        float t = y[i];
        dx[i] = (1.0f - t * t) * dy[i];
    }
}
