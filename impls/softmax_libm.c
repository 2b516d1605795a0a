/*
 * softmax, libm method, per row of p->row_length entries, in two forms.
 *
 * naive (IMPL_NAIVE): y_i = expf(x_i) / sum_j expf(x_j), as in the
 * definition.  Kept to show the failure: expf overflows for x > 88.7 and
 * the sum for smaller x, giving inf/inf = NaN; it underflows for rows below
 * about -87, giving inexact subnormal terms or 0/0 = NaN.
 *
 * maxsub: the usual max-subtracted form y_i = expf(x_i - m) / sum_j
 * expf(x_j - m) with m = max_j x_j, so every term is in (0, 1] and the sum
 * in [1, row_length].  Special rows follow the catalog: a NaN anywhere makes
 * the row NaN (it reaches every y_i through the sum, so m may ignore it);
 * -inf entries give expf(-inf) = 0; a row of -inf gives -inf - -inf = NaN;
 * when m = +inf the +inf entries share 1 and the rest are 0, which takes a
 * branch off the hot path because inf - inf would be NaN.
 *
 * Both sum in float, in order.  Both share the gradient, the Jacobian-vector
 * product dx_i = y_i * (dy_i - <dy, y>) from the forward output, with the
 * dot product in float.  Both work in place (x == y).
 *
 * Where the errors come from: the rounding of x_i - m (up to 2^-18 for
 * |x_i - m| near 64) is multiplied by exp's slope, which is about 64 ulps of
 * a small y_i; in the gradient dy_i - <dy, y> cancels when y is nearly one-hot
 * on i, leaving a tiny true value that a float difference cannot resolve.
 * The worst x below is the entry x_i of a row of 16 (dy uniform in [-1, 1]).
 *
 * Measured max error against MPFR, f32 (scripts/actbench --all
 * --accuracy-only: seed 1, 2^20 random inputs and the special values):
 *   softmax_libm_naive_scalar: value 1.677e+07 ulp at x = 0x1.12345p+5,
 *     gradient 1.717e+10 ulp at x = 0x1.9ec90ap+4
 *   softmax_libm_maxsub_scalar: value 63.54 ulp at x = -0x1.cec458p+4,
 *     gradient 5.345e+07 ulp at x = 0x1.7b2dcp+5
 */
#include "kernels.h"
#include <math.h>

#include "registry.h"

void softmax_libm_naive_scalar_forward(const float *x, float *y, size_t n,
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

/* The row whose maximum is +inf: its +inf entries share 1, the others are
 * 0, and a NaN anywhere makes it NaN.  Rare, so scalar; the vector peers
 * (peer_compose.h) use it too. */
void softmax_libm_row_with_infinity(const float *x, float *y, size_t row)
{
    size_t infinities = 0;
    int has_nan = 0;
    for (size_t i = 0; i < row; i++) {
        infinities += x[i] == INFINITY;
        has_nan |= isnan(x[i]);
    }
    const float share = has_nan ? NAN : 1.0f / (float)infinities;
    const float rest = has_nan ? NAN : 0.0f;
    for (size_t i = 0; i < row; i++)
        y[i] = x[i] == INFINITY ? share : rest;
}

void softmax_libm_maxsub_scalar_forward(const float *x, float *y, size_t n,
                                        const struct actbench_params *p)
{
    const size_t row = p->row_length;
    for (size_t r = 0; r < n; r += row) {
        float m = -INFINITY;
        for (size_t i = r; i < r + row; i++)
            m = x[i] > m ? x[i] : m;
        if (m == INFINITY) {
            softmax_libm_row_with_infinity(x + r, y + r, row);
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

void softmax_libm_scalar_gradient(const float *x, const float *y, const float *dy, float *dx,
                                  float *dparam, size_t n, const struct actbench_params *p)
{
    (void)x, (void)dparam;
    const size_t row = p->row_length;
    for (size_t r = 0; r < n; r += row) {
        float dot = 0.0f;
        for (size_t i = r; i < r + row; i++)
            dot += dy[i] * y[i];
        for (size_t i = r; i < r + row; i++)
            dx[i] = y[i] * (dy[i] - dot);
    }
}
