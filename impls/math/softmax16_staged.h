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
 *   softmax16_staged_gradient   rows of 16: the float block
 *       softmax16_gradient_block (below, with its error analysis) straight
 *       from and to the encodings, the rows it cannot certify again
 *       through an f32 gradient (the f32 accurate form) rounded once to
 *       the format; other lengths: that f32 gradient on staged floats.
 * Rows longer than SOFTMAX16_STAGE entries (the catalog's are 16) go one
 * at a time through the double paths (softmax16_row, and
 * softmax16_row_gradient_exact below).  The entries are staged (or, in the
 * gradient's block, loaded and the flagged rows' entries kept) before any
 * result of their chunk is written: y may be x, dx may be x or dy.
 */
#ifndef ACTBENCH_MATH_SOFTMAX16_STAGED_H
#define ACTBENCH_MATH_SOFTMAX16_STAGED_H

#include <math.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

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

/*
 * The gradient of rows of 16 in float, VF32_LANES rows at a time as a block
 * of 16 columns (impls/math/rows.h), loaded from the encodings (x, dy)
 * into the layer's transposes and stored back rounded once.  Per row, m = max x_j, a the last column holding it,
 * d_j + dl_j = m - x_j exactly (TwoSum), E_j = exp(-(d_j + dl_j)) by the
 * float table exponential (softmax_exp_table_fast), S = sum E_j and N =
 * sum E_j (dy_a - dy_j) in double (the products exact), C = N/S rounded to
 * float, r = 1/S rounded to float, the threshold T B^ = T r sum E_j
 * |dy_a - dy_j| in float, and
 *     D_i = (dy_i - dy_a) + C,   dx_i = (E_i r) D_i   (float),
 * dy_i - <dy, p> = D_i for sum p_j = 1.
 * Errors (u = 2^-24, first order; the double sums' 2^-48 dropped):
 *   E_j relative 1.6u (the degree-3 polynomial 2^-25.2, the rounding to
 *   float u, the rest below 0.14u: |r| <= 0.045); S relative 1.6u;
 *   C - sum p_j (dy_a - dy_j) within 3.2u B (each p_j's error against the
 *   common one of S: 2 x 1.6u), plus u B rounding C, u (|D| + B) rounding
 *   dy_i - dy_a and u |D| the sum: |D^ - D| <= 5.2u B + 2u |D|, B =
 *   sum p_j |dy_a - dy_j|; E_i r within 5.2u of p_i, and the product u:
 *       |dx^ - dx| <= 5.2u p_i B + 8.2u |dx|.
 * A lane is kept when |D^| >= T B^ (T = SOFTMAX16_GRADIENT_SHARE, B^ the
 * float B, within 23u of B: E_j, the difference, 16 FMAs, r, the product):
 * then B <= 1.0001 |D| / T and dx^ is within (5.2 * 1.0001/T + 8.2)u <=
 * 1340u (T = 2^-8) of dx relative: 0.5 + 1342 * 2^(p-24) ulp of a format
 * of p bits after its one rounding (1342: the underflows below).  E_j >=
 * e^-80 > 2^-116; a float result or product below 2^-126 is off by at
 * most 2^-150 absolute: under u relative for a normal dx, 2^-17 ulp of
 * bf16's subnormals, and f16 rounds such values to zero.  E_j's 1.6u:
 * measured 1.43u over 3.2e7 arguments m - x up to 80 against expl.
 * A row is flagged (bit r of the result, row r of the block) when a lane
 * of D fails the test (the cancellation: dy_i close to <dy, p>), m - min x
 * exceeds SOFTMAX16_GRADIENT_RANGE (80: the float exponential's range,
 * -inf entries), or B is not below 2^100 (NaN, infinite or overflowing
 * entries of x or dy); its results are written, its entries kept, and the
 * caller computes it again.
 */
#define SOFTMAX16_GRADIENT_SHARE 0x1p-8f
#define SOFTMAX16_GRADIENT_RANGE 80.0f
#define SOFTMAX16_GRADIENT_LARGE 0x1p100f

/* VF32_LANES rows of 16 encodings as 16 float columns (lane r of column j:
 * entry j of row r) and back, rounded once: the layer's transposes */
static inline void vh16_load_columns16(const uint16_t *p, vf32 c[16])
{
#if VF32_LANES == 16
    for (int r = 0; r < 16; r++)
        c[r] = vh16_load_f32(p + 16 * r);
    vf32_transpose16(c);
#else
    vf32 r[16];
    for (int i = 0; i < 8; i++) {
        r[2 * i] = vh16_load_f32(p + 16 * i);
        r[2 * i + 1] = vh16_load_f32(p + 16 * i + 8);
    }
    vf32_transpose8(r, 2, c);
    vf32_transpose8(r + 1, 2, c + 8);
#endif
}

static inline void vh16_store_columns16(uint16_t *p, const vf32 c[16])
{
#if VF32_LANES == 16
    vf32 v[16];
    for (int j = 0; j < 16; j++)
        v[j] = c[j];
    vf32_transpose16(v);
    for (int r = 0; r < 16; r++)
        vh16_store_f32(p + 16 * r, v[r]);
#else
    vf32 lo[8], hi[8];
    vf32_transpose8(c, 1, lo);
    vf32_transpose8(c + 8, 1, hi);
    for (int i = 0; i < 8; i++) {
        vh16_store_f32(p + 16 * i, lo[i]);
        vh16_store_f32(p + 16 * i + 8, hi[i]);
    }
#endif
}

/* the block on VF32_LANES rows of 16 encodings; the entries of its flagged
 * rows are copied to keep (row r at keep + 32r: x, then dy) before dx is
 * written (dx may be x or dy) */
__attribute__((always_inline)) static inline unsigned
softmax16_gradient_block(const uint16_t *x, const uint16_t *dy, uint16_t *dx, uint16_t *keep,
                         struct exp_table_tables t)
{
    vf32 c[16], g[16];
    vh16_load_columns16(x, c);
    vh16_load_columns16(dy, g);
    const vf32 m = columns16_max(c);
    vmask32 ok = vf32_le(vf32_sub(m, columns16_min(c)), vf32_set1(SOFTMAX16_GRADIENT_RANGE));
    vf32 dya = g[0];
    for (int j = 1; j < 16; j++)
        dya = vf32_select(vf32_eq(c[j], m), g[j], dya);
    const vf64w dyad = vf64w_widen(dya);
    vf64w sum = vf64w_set1(0.0), weighted = vf64w_set1(0.0);
    vf32 spread = vf32_zero();
    for (int j = 0; j < 16; j++) {
        vf32 dl;
        vf32 d = softmax_difference(m, c[j], &dl);
        vf32 e = softmax_exp_table_fast(d, dl, t);
        vf64w ed = vf64w_widen(e);
        c[j] = e;
        sum = vf64w_add(sum, ed);
        weighted = vf64w_fmadd(ed, vf64w_sub(dyad, vf64w_widen(g[j])), weighted);
        spread = vf32_fmadd(e, vf32_abs(vf32_sub(dya, g[j])), spread);
    }
    const vf64w inverse = vf64w_div(vf64w_set1(1.0), sum);
    const vf32 r = vf64w_narrow(inverse);
    const vf32 cc = vf64w_narrow(vf64w_mul(weighted, inverse));
    const vf32 threshold = vf32_mul(vf32_mul(spread, r), vf32_set1(SOFTMAX16_GRADIENT_SHARE));
    ok = vmask32_and(ok, vf32_le(threshold, vf32_set1(SOFTMAX16_GRADIENT_LARGE)));
    for (int j = 0; j < 16; j++) {
        vf32 dd = vf32_add(vf32_sub(g[j], dya), cc);
        ok = vmask32_and(ok, vf32_ge(vf32_abs(dd), threshold));
        c[j] = vf32_mul(vf32_mul(c[j], r), dd);
    }
    const unsigned redo = ~vmask32_bits(ok) & ((1u << VF32_LANES) - 1u);
    for (unsigned bits = redo; bits; bits &= bits - 1u) {
        size_t row = (size_t)__builtin_ctz(bits);
        memcpy(keep + 32 * row, x + 16 * row, 16 * sizeof *x);
        memcpy(keep + 32 * row + 16, dy + 16 * row, 16 * sizeof *dy);
    }
    vh16_store_columns16(dx, c);
    return redo;
}

typedef unsigned (*softmax16_gradient_block_fn)(const uint16_t *x, const uint16_t *dy, uint16_t *dx,
                                                    uint16_t *keep, const void *context);

/* the rows of 16 of one block whose bits are set in redo, from their
 * kept entries, through `rows` (the f32 accurate form), rounded to the
 * format */
__attribute__((always_inline)) static inline void softmax16_redo_rows(const uint16_t *keep, uint16_t *dx,
                                                                      unsigned redo, row_gradient_fn rows,
                                                                      const void *context)
{
    const struct row_shape row16 = {ROW_DEFAULT_LENGTH / VF32_LANES, ROW_DEFAULT_LENGTH % VF32_LANES};
    float fx[16], fdy[16], fdx[16];
    for (; redo; redo &= redo - 1u) {
        size_t r = (size_t)__builtin_ctz(redo);
        softmax16_widen(keep + 32 * r, fx, 16);
        softmax16_widen(keep + 32 * r + 16, fdy, 16);
        rows(fx, fx, fdy, fdx, row16, 1, context);
        softmax16_narrow(fdx, dx + 16 * r, 16);
    }
}

/* the gradient on 16-bit rows: rows of 16 by the float block above straight
 * from and to the encodings, VF32_LANES rows at a time, its flagged rows
 * again one by one through `rows` (the f32 accurate form); the last rows
 * short of a block padded with rows of zeros (x = dy = 0) in a buffer, so
 * that every row of 16 takes the block's arithmetic whatever the ISA's
 * block size; other lengths through `rows` on float chunks of whole rows */
__attribute__((always_inline)) static inline void
softmax16_staged_gradient(const uint16_t *x, const uint16_t *dy, uint16_t *dx, size_t n, size_t length,
                          softmax16_gradient_block_fn block, row_gradient_fn rows, const void *context)
{
    const size_t chunk = softmax16_chunk(length);
    if (length == 0)
        return;
    if (length == ROW_DEFAULT_LENGTH) {
        uint16_t keep[2 * ROW_BLOCK];
        size_t r = 0;
        for (; r + ROW_BLOCK <= n; r += ROW_BLOCK) {
            unsigned redo = block(x + r, dy + r, dx + r, keep, context);
            if (redo)
                softmax16_redo_rows(keep, dx + r, redo, rows, context);
        }
        if (r + ROW_DEFAULT_LENGTH <= n) {
            uint16_t bx[ROW_BLOCK], bdy[ROW_BLOCK];
            const size_t m = (n - r) / ROW_DEFAULT_LENGTH * ROW_DEFAULT_LENGTH;
            memset(bx, 0, sizeof bx);
            memset(bdy, 0, sizeof bdy);
            memcpy(bx, x + r, m * sizeof *x);
            memcpy(bdy, dy + r, m * sizeof *dy);
            unsigned redo = block(bx, bdy, bx, keep, context);
            redo &= (1u << (m / ROW_DEFAULT_LENGTH)) - 1u;
            memcpy(dx + r, bx, m * sizeof *dx);
            if (redo)
                softmax16_redo_rows(keep, dx + r, redo, rows, context);
        }
        return;
    }
    if (chunk == 0) {
        softmax16_long_rows_gradient(x, dy, dx, n, length);
        return;
    }
    float bx[SOFTMAX16_STAGE], bdy[SOFTMAX16_STAGE], bdx[SOFTMAX16_STAGE];
    for (size_t i = 0; i < n; i += chunk) {
        const size_t m = n - i < chunk ? n - i : chunk;
        softmax16_widen(x + i, bx, m);
        softmax16_widen(dy + i, bdy, m);
        rows_gradient_any(bx, bx, bdy, bdx, m, length, rows, context);
        softmax16_narrow(bdx, dx + i, m);
    }
}

#endif
