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

/*
 * The rows the own kernels take off their hot path, computed in double
 * with libm's exp and log1p (each within an ulp of double): a NaN
 * anywhere, a row of -inf (NaN: -inf - -inf), a row whose maximum is +inf
 * (the catalog's conventions above), and whatever finite row a kernel
 * hands over (its fast form out of range).  Every result is rounded once
 * to float from a double within about 2^-50 of it.
 */
struct row_facts {
    double m;        /* the largest entry */
    size_t a;        /* the first index holding it */
    int has_nan;
};

static struct row_facts row_facts(const float *x, size_t row)
{
    struct row_facts f = {-INFINITY, 0, 0};
    for (size_t i = 0; i < row; i++) {
        f.has_nan |= isnan(x[i]);
        if (x[i] > f.m) {
            f.m = x[i];
            f.a = i;
        }
    }
    return f;
}

static void row_fill(float *y, size_t row, float value)
{
    for (size_t i = 0; i < row; i++)
        y[i] = value;
}

/* NaN rows (a NaN entry, or every entry -inf); returns whether it was one */
static int row_is_nan(struct row_facts f, float *out, size_t row)
{
    if (f.has_nan || f.m == -INFINITY) {
        row_fill(out, row, NAN);
        return 1;
    }
    return 0;
}

void softmax_row_exact(const float *x, float *y, size_t row)
{
    struct row_facts f = row_facts(x, row);
    if (row_is_nan(f, y, row))
        return;
    if (f.m == INFINITY) {
        softmax_row_with_infinity(x, y, row);
        return;
    }
    double sum = 0.0;
    for (size_t i = 0; i < row; i++)
        sum += exp((double)x[i] - f.m);
    /* the second pass recomputes exp: y may be x */
    for (size_t i = 0; i < row; i++)
        y[i] = (float)(exp((double)x[i] - f.m) / sum);
}

/* dx_i = p_i ((dy_i - dy_a) + sum_j p_j (dy_a - dy_j)): with a the largest
 * entry, the term of p_a is exactly 0, so nothing cancels however close
 * the row is to one-hot */
void softmax_row_gradient_exact(const float *x, const float *dy, float *dx, size_t row)
{
    struct row_facts f = row_facts(x, row);
    if (row_is_nan(f, dx, row))
        return;
    double sum = 0.0;
    for (size_t i = 0; i < row; i++)
        sum += f.m == INFINITY ? (x[i] == INFINITY) : exp((double)x[i] - f.m);
    const double dya = dy[f.a];
    double c = 0.0;
    for (size_t j = 0; j < row; j++) {
        double e = f.m == INFINITY ? (x[j] == INFINITY) : exp((double)x[j] - f.m);
        c += e / sum * (dya - (double)dy[j]);
    }
    for (size_t i = 0; i < row; i++) {
        double e = f.m == INFINITY ? (x[i] == INFINITY) : exp((double)x[i] - f.m);
        dx[i] = (float)(e / sum * (((double)dy[i] - dya) + c));
    }
}

void log_softmax_row_exact(const float *x, float *y, size_t row)
{
    struct row_facts f = row_facts(x, row);
    if (row_is_nan(f, y, row))
        return;
    if (f.m == INFINITY) {
        log_softmax_row_with_infinity(x, y, row);
        return;
    }
    /* T = sum over j != a of exp(x_j - m); log1p keeps y_a = -log1p(T) exact
     * to its last bit when T is tiny */
    double t = 0.0;
    for (size_t j = 0; j < row; j++)
        if (j != f.a)
            t += exp((double)x[j] - f.m);
    const double lse = log1p(t);
    for (size_t i = 0; i < row; i++)
        y[i] = (float)(((double)x[i] - f.m) - lse);
}

/* dx_i = dy_i - p_i D (D = sum dy), and for the largest entry a, when no
 * other entry ties with it, dx_a = (T/S) D - sum over j != a of dy_j with
 * 1 - p_a = T/S: the first form would cancel as p_a nears 1 */
void log_softmax_row_gradient_exact(const float *x, const float *dy, float *dx, size_t row)
{
    struct row_facts f = row_facts(x, row);
    if (row_is_nan(f, dx, row))
        return;
    double t = 0.0, d = 0.0, d_rest = 0.0;
    size_t ties = 0;
    for (size_t j = 0; j < row; j++) {
        double e = f.m == INFINITY ? (x[j] == INFINITY) : exp((double)x[j] - f.m);
        ties += x[j] == f.m;
        d += dy[j];
        if (j != f.a) {
            t += e;
            d_rest += dy[j];
        }
    }
    const double s = 1.0 + t;
    for (size_t i = 0; i < row; i++) {
        double e = f.m == INFINITY ? (x[i] == INFINITY) : exp((double)x[i] - f.m);
        if (i == f.a && ties == 1)
            dx[i] = (float)(t / s * d - d_rest);
        else
            dx[i] = (float)((double)dy[i] - e / s * d);
    }
}
