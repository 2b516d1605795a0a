/*
 * softmax, libm method, per row of p->row_length entries, as the definition
 * writes it (softmax_f32_libm_maxsub_scalar.c is the usual form).
 *
 * y_i = expf(x_i) / sum_j expf(x_j), as in the
 * definition.  Kept to show the failure: expf overflows for x > 88.7 and
 * the sum for smaller x, giving inf/inf = NaN; it underflows for rows below
 * about -87, giving inexact subnormal terms or 0/0 = NaN.
 *
 * The sum is in float, in order.  The gradient is the Jacobian-vector product
 * dx_i = y_i * (dy_i - <dy, y>) from the forward output, with the dot
 * product in float (softmax_rows.c).  It works in place (x == y).
 *
 * Where the errors come from: the rounding of x_i - m (up to 2^-18 for
 * |x_i - m| near 64) is multiplied by exp's slope, which is about 64 ulps of
 * a small y_i; in the gradient dy_i - <dy, y> cancels when y is nearly one-hot
 * on i, leaving a tiny true value that a float difference cannot resolve.
 * The worst x below is the entry x_i of a row of 16 (dy uniform in [-1, 1]).
 *
 * Measured max error against MPFR, in ulps
 * (x86_64-avx512-bf16, 1049148 f32 points):
 *   softmax_f32_libm_naive_scalar f32: value 1.677e+07 ulp at x = 0x1.12345p+5,
 *     gradient 1.717e+10 ulp at x = 0x1.9ec90ap+4
 */
#include "../../include/actbench/kernel.h"
#include <math.h>

#include "softmax_rows.h"

static void softmax_f32_libm_naive_scalar_forward(const float *x, float *y, size_t n,
                                                  const struct actbench_params *p)
{
    const size_t row = p->row_length;
    for (size_t r = 0; r < n; r += row) {
        float sum = 0.0f;
        for (size_t i = r; i < r + row; i++) {
            y[i] = expf(x[i]);
            sum += y[i];
        }
        for (size_t i = r; i < r + row; i++)
            y[i] /= sum;
    }
}

static void softmax_f32_libm_naive_scalar_gradient(const float *x, const float *y, const float *dy, float *dx,
                                                   float *dparam, size_t n, const struct actbench_params *p)
{
    (void)x, (void)dparam;
    softmax_rows_gradient(y, dy, dx, n, p->row_length);
}

const struct actbench_kernel softmax_f32_libm_naive_scalar = {
    .name = "softmax_f32_libm_naive_scalar",
    .activation = "softmax",
    .type = ACTBENCH_F32,
    .isa = "scalar",
    .unroll = 1,
    .forward.f32 = softmax_f32_libm_naive_scalar_forward,
    .gradient.f32 = softmax_f32_libm_naive_scalar_gradient,
    .bounds[ACTBENCH_F32] = {.value_ulp = 11.0, .gradient_ulp = 27.5},
    .description = "expf(x_i) / sum expf(x_j) without max subtraction: overflows to NaN",
};
