/*
 * log_softmax, libm method, per row of p->row_length entries, in the
 * max-subtracted form frameworks use: y_i = (x_i - m) - logf(sum_j
 * expf(x_j - m)), m = max_j x_j, so every term is in (0, 1] and the sum in
 * [1, row_length].  Special rows follow the catalog: a NaN anywhere makes
 * the row NaN (through x_i - m or the sum); a -inf entry gets -inf; a row
 * of -inf gives -inf - -inf = NaN; when m = +inf the k +inf entries get
 * -log(k) and the others -inf (off the hot path: inf - inf would be NaN).
 *
 * Where the errors come from: x_i - m is exact near the maximum (Sterbenz)
 * and rounded far from it; the log of the sum cancels against x_i - m for
 * the largest entries of a row whose other entries are small, where y_i is
 * tiny.  The gradient is dx_i = dy_i - expf(y_i) * sum_j dy_j, from the
 * forward output, in float: it cancels where one entry dominates the row.
 * Works in place (x == y).
 *
 * Measured max error against MPFR, in ulps
 * (x86_64-avx512-bf16, 1049148 f32 points):
 *   log_softmax_f32_libm_maxsub_scalar f32: value 1.669e+07 ulp at x = 0x1.5fdcep+6,
 *     gradient 1.311e+05 ulp at x = 0x1.8e1a92p-109
 */
#include "../../include/actbench/kernel.h"
#include <math.h>

#include "../softmax/softmax_rows.h"

static void log_softmax_f32_libm_maxsub_scalar_forward(const float *x, float *y, size_t n,
                                                       const struct actbench_params *p)
{
    const size_t row = p->row_length;
    for (size_t r = 0; r < n; r += row) {
        float m = -INFINITY;
        for (size_t i = r; i < r + row; i++)
            m = x[i] > m ? x[i] : m;
        if (m == INFINITY) {
            log_softmax_row_with_infinity(x + r, y + r, row);
            continue;
        }
        float sum = 0.0f;
        for (size_t i = r; i < r + row; i++)
            sum += expf(x[i] - m);
        const float log_sum = logf(sum);
        for (size_t i = r; i < r + row; i++)
            y[i] = (x[i] - m) - log_sum;
    }
}

static void log_softmax_f32_libm_maxsub_scalar_gradient(const float *x, const float *y,
                                                        const float *dy, float *dx, float *dparam,
                                                        size_t n, const struct actbench_params *p)
{
    (void)x, (void)dparam;
    log_softmax_rows_gradient(y, dy, dx, n, p->row_length);
}

const struct actbench_kernel log_softmax_f32_libm_maxsub_scalar = {
    .name = "log_softmax_f32_libm_maxsub_scalar",
    .activation = "log_softmax",
    .type = ACTBENCH_F32,
    .isa = "scalar",
    .unroll = 1,
    .forward.f32 = log_softmax_f32_libm_maxsub_scalar_forward,
    .gradient.f32 = log_softmax_f32_libm_maxsub_scalar_gradient,
    .bounds[ACTBENCH_F32] = {.value_ulp = 12.0, .gradient_ulp = 22.0},
    .description = "(x_i - max) - logf(sum expf(x_j - max)); gradient dy - expf(y)*sum(dy)",
};
