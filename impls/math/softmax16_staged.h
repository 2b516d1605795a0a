/*
 * softmax on 16-bit encodings (bf16, f16) through float staging buffers on
 * the stack: the rows of a chunk (the largest multiple of the row length
 * up to SOFTMAX16_STAGE entries, 2 KiB of floats) are widened, run through
 * the f32 row machinery of impls/math/softmax.h and impls/math/rows.h
 * (rows of 16 transposed into column vectors, VF32_LANES rows at a time;
 * other lengths by rows), and narrowed.  Include one ISA's
 * impls/simd/f32-*.h, f64w-*.h and 16-bit header first.
 *
 * Three compositions:
 *   softmax16_widened_forward / _gradient   any f32 kernel between the two
 *       conversions (what a framework runs with only an f32 kernel: the
 *       float rounded a second time, not correctly rounded near a
 *       midpoint of the format);
 *   softmax16_checked_forward   the float pass of a kernel whose float
 *       result lies within SOFTMAX16_ERROR_FLOATS floats of the exact
 *       value, narrowed with vh16_from_f32_checked: a lane is correctly
 *       rounded unless a midpoint of the format lies within that many
 *       floats of its float, and the rows holding a flagged lane are
 *       computed again from the staged entries in double by
 *       impls/math/softmax16.h (rounded to odd to a float, then once to
 *       the format).  bf16 shares float's exponent range: a float result
 *       below SOFTMAX16_TINY (2^-120, where a float's error is no longer
 *       relative and the rounding test's products reach the subnormals)
 *       is flagged too; f16 rounds everything below 2^-25 to zero, far
 *       from its midpoints;
 *   softmax16_staged_gradient   an f32 gradient between the conversions,
 *       rounded once to the format.
 * Rows longer than SOFTMAX16_STAGE entries (the catalog's are 16) go one
 * at a time through the double paths (softmax16_row, and
 * softmax16_row_gradient_exact below).  The entries are staged before any
 * result of their chunk is written: y may be x, dx may be x or dy.
 */
#ifndef ACTBENCH_MATH_SOFTMAX16_STAGED_H
#define ACTBENCH_MATH_SOFTMAX16_STAGED_H

#include <math.h>
#include <stddef.h>
#include <stdint.h>

#include "softmax.h"
#include "softmax16.h"
#include "softmax_twosum_fast.h"

#define SOFTMAX16_STAGE 512
#define SOFTMAX16_ERROR_FLOATS 4
#define SOFTMAX16_TINY 0x1p-120f

typedef void (*softmax16_f32_forward_fn)(const float *x, float *y, size_t n, const struct actbench_params *p);
typedef void (*softmax16_f32_gradient_fn)(const float *x, const float *y, const float *dy, float *dx,
                                          float *dparam, size_t n, const struct actbench_params *p);

/* entries per chunk: whole rows, 0 when a row does not fit */
static inline size_t softmax16_chunk(size_t length)
{
    return length <= SOFTMAX16_STAGE ? SOFTMAX16_STAGE / length * length : 0;
}

/* n <= SOFTMAX16_STAGE encodings to floats and back; the tails touch
 * elements below n only */
static inline __attribute__((always_inline)) void softmax16_widen(const uint16_t *h, float *f, size_t n)
{
    size_t i = 0;
    for (; i + VF32_LANES <= n; i += VF32_LANES)
        vf32_store(f + i, vh16_load_f32(h + i));
    if (i < n)
        vf32_store_tail(f + i, vh16_load_f32_tail(h + i, n - i), n - i);
}

static inline __attribute__((always_inline)) void softmax16_narrow(const float *f, uint16_t *h, size_t n)
{
    size_t i = 0;
    for (; i + VF32_LANES <= n; i += VF32_LANES)
        vh16_store_f32(h + i, vf32_load(f + i));
    if (i < n)
        vh16_store_f32_tail(h + i, vf32_load_tail(f + i, n - i), n - i);
}

/* the gradient of one row in double with libm, rounded once to the
 * format: dx_i = p_i ((dy_i - dy_a) + sum_j p_j (dy_a - dy_j)), a the
 * first largest entry (impls/softmax/softmax_rows.c's form), the catalog's
 * NaN and +inf rows */
static __attribute__((noinline, unused)) void softmax16_row_gradient_exact(const uint16_t *x, const uint16_t *dy,
                                                                           uint16_t *dx, size_t row)
{
    double m = -INFINITY;
    size_t a = 0;
    int has_nan = 0;
    for (size_t i = 0; i < row; i++) {
        double v = h16_to_float(x[i]);
        has_nan |= v != v;
        if (v > m) {
            m = v;
            a = i;
        }
    }
    if (has_nan || m == -INFINITY) {
        for (size_t i = 0; i < row; i++)
            dx[i] = h16_from_float(NAN);
        return;
    }
    double sum = 0.0, c = 0.0;
    for (size_t i = 0; i < row; i++) {
        double v = h16_to_float(x[i]);
        sum += m == INFINITY ? (v == INFINITY) : exp(v - m);
    }
    const double dya = h16_to_float(dy[a]);
    for (size_t j = 0; j < row; j++) {
        double v = h16_to_float(x[j]);
        double e = m == INFINITY ? (v == INFINITY) : exp(v - m);
        c += e / sum * (dya - (double)h16_to_float(dy[j]));
    }
    /* dx may be x or dy: each entry is read before its result is written */
    for (size_t i = 0; i < row; i++) {
        double v = h16_to_float(x[i]);
        double e = m == INFINITY ? (v == INFINITY) : exp(v - m);
        dx[i] = h16_from_double(e / sum * (((double)h16_to_float(dy[i]) - dya) + c));
    }
}

/* the rows of y one at a time in double (rows too long for a chunk) */
static __attribute__((noinline, unused)) void softmax16_long_rows(const uint16_t *x, uint16_t *y, size_t n,
                                                                  size_t length)
{
    const vf64w_table8 table = exp_table_f64w_load();
    for (size_t r = 0; r + length <= n; r += length)
        softmax16_row(x + r, y + r, length, table);
}

/* one row again in double from its staged entries (exact: widened
 * encodings), off the hot path */
static __attribute__((noinline, unused)) void softmax16_redo_row(const float *xf, uint16_t *y, size_t length)
{
    uint16_t row[SOFTMAX16_STAGE];
    softmax16_narrow(xf, row, length);
    softmax16_row(row, y, length, exp_table_f64w_load());
}

__attribute__((always_inline)) static inline void softmax16_widened_forward(const uint16_t *x, uint16_t *y, size_t n,
                                                                            const struct actbench_params *p,
                                                                            softmax16_f32_forward_fn f)
{
    const size_t length = p->row_length, chunk = softmax16_chunk(length);
    if (length == 0)
        return;
    if (chunk == 0) {
        softmax16_long_rows(x, y, n, length);
        return;
    }
    float buffer[SOFTMAX16_STAGE];
    for (size_t i = 0; i < n; i += chunk) {
        size_t m = n - i < chunk ? n - i : chunk;
        softmax16_widen(x + i, buffer, m);
        f(buffer, buffer, m, p);
        softmax16_narrow(buffer, y + i, m);
    }
}

/* the gradient of rows too long for a chunk, one at a time in double */
static __attribute__((noinline, unused)) void softmax16_long_rows_gradient(const uint16_t *x, const uint16_t *dy,
                                                                           uint16_t *dx, size_t n, size_t length)
{
    for (size_t r = 0; r + length <= n; r += length)
        softmax16_row_gradient_exact(x + r, dy + r, dx + r, length);
}

__attribute__((always_inline)) static inline void softmax16_widened_gradient(const uint16_t *x, const uint16_t *dy,
                                                                             uint16_t *dx, size_t n,
                                                                             const struct actbench_params *p,
                                                                             softmax16_f32_gradient_fn g)
{
    const size_t length = p->row_length, chunk = softmax16_chunk(length);
    if (length == 0)
        return;
    if (chunk == 0) {
        softmax16_long_rows_gradient(x, dy, dx, n, length);
        return;
    }
    float bx[SOFTMAX16_STAGE], bdy[SOFTMAX16_STAGE], bdx[SOFTMAX16_STAGE];
    for (size_t i = 0; i < n; i += chunk) {
        size_t m = n - i < chunk ? n - i : chunk;
        softmax16_widen(x + i, bx, m);
        softmax16_widen(dy + i, bdy, m);
        /* the softmax f32 gradients read x, not y: bx stands in for y */
        g(bx, bx, bdy, bdx, NULL, m, p);
        softmax16_narrow(bdx, dx + i, m);
    }
}

/* the rows (of `length` entries) holding the set bits of a vector's
 * lanes starting at entry j, appended to redo[] once each; returns the new
 * count (the rows arrive in increasing order) */
static inline size_t softmax16_flag_rows(uint16_t *redo, size_t count, size_t j, unsigned bits, size_t length)
{
    while (bits) {
        size_t row = (j + (size_t)__builtin_ctz(bits)) / length;
        if (count == 0 || redo[count - 1] != row)
            redo[count++] = (uint16_t)row;
        bits &= bits - 1u;
    }
    return count;
}

/* the lanes of a float result the rounding test cannot decide */
static inline __attribute__((always_inline)) vh16 softmax16_checked(vf32 v, vmask32 *flag)
{
    vh16 h = vh16_from_f32_checked(v, SOFTMAX16_ERROR_FLOATS, flag);
#if H16_PRECISION == 8
    *flag = vmask32_or(*flag, vmask32_and(vf32_gt(v, vf32_zero()), vf32_lt(v, vf32_set1(SOFTMAX16_TINY))));
#endif
    return h;
}

__attribute__((always_inline)) static inline void
softmax16_checked_forward(const uint16_t *x, uint16_t *y, size_t n, size_t length, block_forward_fn block,
                          row_forward_fn rows, const void *context)
{
    const size_t chunk = softmax16_chunk(length);
    if (length == 0)
        return;
    if (chunk == 0) {
        softmax16_long_rows(x, y, n, length);
        return;
    }
    float bx[SOFTMAX16_STAGE], by[SOFTMAX16_STAGE];
    uint16_t redo[SOFTMAX16_STAGE];
    for (size_t i = 0; i < n; i += chunk) {
        const size_t m = n - i < chunk ? n - i : chunk;
        softmax16_widen(x + i, bx, m);
        rows_forward(bx, by, m, length, block, rows, context);
        size_t count = 0, j = 0;
        for (; j + 2 * VF32_LANES <= m; j += 2 * VF32_LANES) {
            vmask32 fa, fb;
            vh16 a = softmax16_checked(vf32_load(by + j), &fa);
            vh16 b = softmax16_checked(vf32_load(by + j + VF32_LANES), &fb);
            vh16_store(y + i + j, a);
            vh16_store(y + i + j + VF32_LANES, b);
            if (vmask32_any(vmask32_or(fa, fb))) {
                count = softmax16_flag_rows(redo, count, j, vmask32_bits(fa), length);
                count = softmax16_flag_rows(redo, count, j + VF32_LANES, vmask32_bits(fb), length);
            }
        }
        for (; j < m; j += VF32_LANES) {
            const size_t lanes = m - j < VF32_LANES ? m - j : VF32_LANES;
            vmask32 f;
            if (lanes == VF32_LANES) {
                vh16_store(y + i + j, softmax16_checked(vf32_load(by + j), &f));
            } else {
                vh16_store_tail(y + i + j, softmax16_checked(vf32_load_tail(by + j, lanes), &f), lanes);
                f = vmask32_and(f, vf32_tail_mask(lanes));
            }
            if (vmask32_any(f))
                count = softmax16_flag_rows(redo, count, j, vmask32_bits(f), length);
        }
        for (size_t k = 0; k < count; k++)
            softmax16_redo_row(bx + (size_t)redo[k] * length, y + i + (size_t)redo[k] * length, length);
    }
}

__attribute__((always_inline)) static inline void
softmax16_staged_gradient(const uint16_t *x, const uint16_t *dy, uint16_t *dx, size_t n, size_t length,
                          block_gradient_fn block, row_gradient_fn rows, const void *context)
{
    const size_t chunk = softmax16_chunk(length);
    if (length == 0)
        return;
    if (chunk == 0) {
        softmax16_long_rows_gradient(x, dy, dx, n, length);
        return;
    }
    float bx[SOFTMAX16_STAGE], bdy[SOFTMAX16_STAGE], bdx[SOFTMAX16_STAGE];
    for (size_t i = 0; i < n; i += chunk) {
        const size_t m = n - i < chunk ? n - i : chunk;
        softmax16_widen(x + i, bx, m);
        softmax16_widen(dy + i, bdy, m);
        rows_gradient(bx, bx, bdy, bdx, m, length, block, rows, context);
        softmax16_narrow(bdx, dx + i, m);
    }
}

#endif
