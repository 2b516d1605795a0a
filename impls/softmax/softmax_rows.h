/* Scalar row operations the softmax and log_softmax kernels share. */
#ifndef ACTBENCH_SOFTMAX_ROWS_H
#define ACTBENCH_SOFTMAX_ROWS_H

#include <stddef.h>

/* One row of row entries whose maximum is +inf: its +inf entries share 1,
 * the others are 0, and a NaN anywhere makes the row NaN. */
void softmax_row_with_infinity(const float *x, float *y, size_t row);

/* log_softmax of a row whose maximum is +inf: its k +inf entries get
 * -log(k) (+0 for one), the others -inf, and a NaN anywhere makes the row
 * NaN. */
void log_softmax_row_with_infinity(const float *x, float *y, size_t row);

/* log_softmax's Jacobian-vector product dx = dy - exp(y) * sum(dy) over
 * rows of row entries, from the forward output y; in float, in order. */
void log_softmax_rows_gradient(const float *y, const float *dy, float *dx, size_t n, size_t row);

/* The Jacobian-vector product dx = y (.) (dy - <dy, y>) over rows of row
 * entries, from the forward output y; n is a multiple of row. */
void softmax_rows_gradient(const float *y, const float *dy, float *dx, size_t n, size_t row);

/* One row computed in double and rounded once (the own kernels' rows off
 * their hot path: NaN, infinite maximum, or a range their fast forms do
 * not cover), the catalog's special rows included. */
void softmax_row_exact(const float *x, float *y, size_t row);
void softmax_row_gradient_exact(const float *x, const float *dy, float *dx, size_t row);
void log_softmax_row_exact(const float *x, float *y, size_t row);
void log_softmax_row_gradient_exact(const float *x, const float *dy, float *dx, size_t row);

#endif
