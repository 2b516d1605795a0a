/* Scalar row operations the softmax kernels share; see softmax_rows.h. */
#include "softmax_rows.h"

#include <math.h>

/* The row whose maximum is +inf: its +inf entries share 1, the others are
 * 0, and a NaN anywhere makes it NaN.  Rare, so scalar; the vector peers
 * (peer_compose.h) use it too. */
void softmax_row_with_infinity(const float *x, float *y, size_t row)
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

/* dx_i = y_i * (dy_i - <dy, y>) per row, the dot product in float, in order. */
void softmax_rows_gradient(const float *y, const float *dy, float *dx, size_t n, size_t row)
{
    for (size_t r = 0; r < n; r += row) {
        float dot = 0.0f;
        for (size_t i = r; i < r + row; i++)
            dot += dy[i] * y[i];
        for (size_t i = r; i < r + row; i++)
            dx[i] = y[i] * (dy[i] - dot);
    }
}

void log_softmax_row_with_infinity(const float *x, float *y, size_t row)
{
    size_t infinities = 0;
    int has_nan = 0;
    for (size_t i = 0; i < row; i++) {
        infinities += x[i] == INFINITY;
        has_nan |= isnan(x[i]);
    }
    /* -log(1) is +0, not the -0 that -logf(1) gives */
    const float share = has_nan ? NAN : infinities == 1 ? 0.0f : -logf((float)infinities);
    const float rest = has_nan ? NAN : -INFINITY;
    for (size_t i = 0; i < row; i++)
        y[i] = x[i] == INFINITY ? share : rest;
}

void log_softmax_rows_gradient(const float *y, const float *dy, float *dx, size_t n, size_t row)
{
    for (size_t r = 0; r < n; r += row) {
        float sum = 0.0f;
        for (size_t i = r; i < r + row; i++)
            sum += dy[i];
        for (size_t i = r; i < r + row; i++)
            dx[i] = dy[i] - expf(y[i]) * sum;
    }
}
