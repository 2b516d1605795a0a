/*
 * softmax, libm method, per row of p->row_length entries, max-subtracted.
 *
 * The usual max-subtracted form y_i = expf(x_i - m) / sum_j
 * expf(x_j - m) with m = max_j x_j, so every term is in (0, 1] and the sum
 * in [1, row_length].  Special rows follow the catalog: a NaN anywhere makes
 * the row NaN (it reaches every y_i through the sum, so m may ignore it);
 * -inf entries give expf(-inf) = 0; a row of -inf gives -inf - -inf = NaN;
 * when m = +inf the +inf entries share 1 and the rest are 0, which takes a
 * branch off the hot path because inf - inf would be NaN.
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
 *   softmax_f32_libm_maxsub_scalar f32: value 63.54 ulp at x = -0x1.cec458p+4,
 *     gradient 5.345e+07 ulp at x = 0x1.7b2dcp+5
 */
#include "../../include/actbench/kernel.h"
#include <math.h>

#include "softmax_rows.h"

static void softmax_f32_libm_maxsub_scalar_forward(const float *x, float *y, size_t n,
                                                   const struct actbench_params *p)
{
    const size_t row = p->row_length;
    for (size_t r = 0; r < n; r += row) {
        float m = -INFINITY;
        for (size_t i = r; i < r + row; i++)
            m = x[i] > m ? x[i] : m;
        if (m == INFINITY) {
            softmax_row_with_infinity(x + r, y + r, row);
            continue;
        }
        float sum = 0.0f;
        for (size_t i = r; i < r + row; i++) {
            y[i] = expf(x[i] - m);
            sum += y[i];
        }
        for (size_t i = r; i < r + row; i++)
            y[i] /= sum;
    }
}

static void softmax_f32_libm_maxsub_scalar_gradient(const float *x, const float *y, const float *dy, float *dx,
                                                    float *dparam, size_t n, const struct actbench_params *p)
{
    (void)x, (void)dparam;
    softmax_rows_gradient(y, dy, dx, n, p->row_length);
}

const struct actbench_kernel softmax_f32_libm_maxsub_scalar = {
    .name = "softmax_f32_libm_maxsub_scalar",
    .activation = "softmax",
    .type = ACTBENCH_F32,
    .isa = "scalar",
    .unroll = 1,
    .forward.f32 = softmax_f32_libm_maxsub_scalar_forward,
    .gradient.f32 = softmax_f32_libm_maxsub_scalar_gradient,
    .bounds[ACTBENCH_F32] = {.value_ulp = 11.5, .gradient_ulp = 28.0},
    .description = "expf(x_i - max) / sum expf(x_j - max); gradient y*(dy - <dy, y>)",
};
