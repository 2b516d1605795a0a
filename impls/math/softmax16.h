/*
 * softmax for the 16-bit kernels (bf16, f16), row by row (p->row_length
 * entries, n a multiple of it), over the SIMD layer (include one ISA's
 * impls/simd/f32-*.h, f64w-*.h and 16-bit header first).
 *
 * Per row, as the f32 accurate kernels (impls/math/softmax.h): m = the
 * largest entry, a_i = m - x_i in double (exact), E_i = exp(-a_i) by
 * exp_table_f64w (impls/math/exp_wide.h: the 2^(j/8) table of doubles,
 * degree 4, 2^-33.5 relative; a clamped to 700), S = sum E_i in double,
 * y_i = E_i * (1/S).  Each step is within 2^-33 relative of the exact
 * value, and y_i is rounded to odd to a float (vf64w_narrow_round_odd),
 * then once to the format: no double rounding.  Where the exact value
 * lies within 2^-33 relative of a midpoint of the format the result may
 * be the other neighbour: an error of at most 0.5 + 2^(p - 33) ulp of the
 * format (p = 8 for bf16, 11 for f16), which is the declared bound.  The
 * 65536 encodings do not cover a row's inputs, so no exhaustive check
 * applies; actbench's bf16 and f16 rows measure it.
 *
 * The entries and exponentials of a row of up to SOFTMAX16_CACHED vectors
 * are kept between the passes; longer rows reload and recompute them.  The
 * lanes past the end of a row hold -inf: their exponential, exp(-700),
 * adds at most 2^-1010 of the sum.
 * Rows with a NaN entry, an infinite entry or every entry -inf go one
 * value at a time through softmax16_row_exact: the catalog's conventions
 * (NaN rows; the +inf entries of a row share 1, the others are +0) and
 * glibc's double exp, rounded once.  Nothing is read or written past the
 * row; a row is read before it is written, so y may be x.
 */
#ifndef ACTBENCH_MATH_SOFTMAX16_H
#define ACTBENCH_MATH_SOFTMAX16_H

#include <math.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "exp_wide.h"

#define SOFTMAX16_CACHED 4

/* the row in double with libm, one value at a time (off the hot path) */
static __attribute__((noinline, unused)) void softmax16_row_exact(const uint16_t *x, uint16_t *y, size_t row)
{
    float m = -INFINITY;
    size_t infinities = 0;
    int has_nan = 0;
    for (size_t i = 0; i < row; i++) {
        float v = h16_to_float(x[i]);
        has_nan |= v != v;
        infinities += v == INFINITY;
        m = v > m ? v : m;
    }
    if (has_nan || m == -INFINITY) {
        for (size_t i = 0; i < row; i++)
            y[i] = h16_from_float(NAN);
        return;
    }
    if (m == INFINITY) {
        uint16_t share = h16_from_double(1.0 / (double)infinities), zero = h16_from_float(0.0f);
        for (size_t i = 0; i < row; i++)
            y[i] = h16_to_float(x[i]) == INFINITY ? share : zero;
        return;
    }
    double sum = 0.0;
    for (size_t i = 0; i < row; i++)
        sum += exp((double)h16_to_float(x[i]) - m);
    for (size_t i = 0; i < row; i++)
        y[i] = h16_from_double(exp((double)h16_to_float(x[i]) - m) / sum);
}

/* vector v of a row: `full` whole vectors, then `rest` lanes; the lanes
 * past the row are +0 */
static inline __attribute__((always_inline)) vf32 softmax16_load(const uint16_t *x, size_t v, size_t full,
                                                                 size_t rest)
{
    return v < full ? vh16_load_f32(x + v * VF32_LANES) : vh16_load_f32_tail(x + v * VF32_LANES, rest);
}

/* exp(-(m - x)) in double, m - x clamped to 700 (x = -inf: 2^-1010) */
static inline __attribute__((always_inline)) vf64w softmax16_exp(vf32 xv, vf32 m, vf64w_table8 table)
{
    vf64w a = vf64w_sub(vf64w_widen(m), vf64w_widen(xv));
    return exp_table_f64w(vf64w_min(vf64w_set1(EXP_WIDE_LIMIT), a), table);
}

/* vector v of the row, the lanes past it -inf, and whether a lane is NaN
 * or infinite */
static inline __attribute__((always_inline)) vf32 softmax16_entries(const uint16_t *x, size_t v, size_t full,
                                                                    size_t rest, vmask32 *odd)
{
    vf32 xv = softmax16_load(x, v, full, rest);
    /* the +0 lanes past the row are neither NaN nor infinite */
    *odd = vmask32_or(vf32_isnan(xv), vf32_ge(vf32_abs(xv), vf32_set1(INFINITY)));
    if (v == full)
        xv = vf32_select(vf32_tail_mask(rest), xv, vf32_set1(-INFINITY));
    return xv;
}

static inline __attribute__((always_inline)) void softmax16_row(const uint16_t *x, uint16_t *y, size_t row,
                                                                vf64w_table8 table)
{
    const size_t full = row / VF32_LANES, rest = row % VF32_LANES, count = full + (rest != 0);
    const bool cached = count <= SOFTMAX16_CACHED;
    vf32 xs[SOFTMAX16_CACHED];
    vf64w e[SOFTMAX16_CACHED];
    vf32 mx = vf32_set1(-INFINITY);
    vmask32 odd = vmask32_false();
    for (size_t v = 0; v < count; v++) {
        vmask32 o;
        vf32 xv = softmax16_entries(x, v, full, rest, &o);
        odd = vmask32_or(odd, o);
        if (cached)
            xs[v] = xv;
        mx = vf32_max(mx, xv);
    }
    if (vmask32_any(odd)) {
        softmax16_row_exact(x, y, row);
        return;
    }
    const vf32 m = vf32_max_all(mx);
    /* the lanes past the row are -inf: E = exp(-700), 2^-1010 of the sum
     * at most (S >= 1) */
    vf64w sum = vf64w_set1(0.0);
    for (size_t v = 0; v < count; v++) {
        vmask32 o;
        vf64w ev = softmax16_exp(cached ? xs[v] : softmax16_entries(x, v, full, rest, &o), m, table);
        if (cached)
            e[v] = ev;
        sum = vf64w_add(sum, ev);
    }
    const vf64w inverse = vf64w_div(vf64w_set1(1.0), vf64w_add_all(sum));
    for (size_t v = 0; v < count; v++) {
        vmask32 o;
        vf64w ev = cached ? e[v] : softmax16_exp(softmax16_entries(x, v, full, rest, &o), m, table);
        vh16 h = vh16_from_f32(vf64w_narrow_round_odd(vf64w_mul(ev, inverse)));
        if (v < full)
            vh16_store(y + v * VF32_LANES, h);
        else
            vh16_store_tail(y + v * VF32_LANES, h, rest);
    }
}

/* Four rows of at most VF32_LANES entries (one vector each) at once: four
 * independent chains, the maxima and the sums packed by the layer's
 * across4 reductions, one division for the four */
static inline __attribute__((always_inline)) void softmax16_rows4(const uint16_t *x, uint16_t *y, size_t row,
                                                                  vf64w_table8 table)
{
    const size_t full = row / VF32_LANES, rest = row % VF32_LANES;
    vmask32 o0, o1, o2, o3;
    vf32 x0 = softmax16_entries(x, 0, full, rest, &o0);
    vf32 x1 = softmax16_entries(x + row, 0, full, rest, &o1);
    vf32 x2 = softmax16_entries(x + 2 * row, 0, full, rest, &o2);
    vf32 x3 = softmax16_entries(x + 3 * row, 0, full, rest, &o3);
    if (vmask32_any(vmask32_or(vmask32_or(o0, o1), vmask32_or(o2, o3)))) {
        for (size_t r = 0; r < 4; r++)
            softmax16_row(x + r * row, y + r * row, row, table);
        return;
    }
    vf32 m = vf32_max_across4(x0, x1, x2, x3);
    vf64w e0 = softmax16_exp(x0, vf32_spread4(m, 0), table);
    vf64w e1 = softmax16_exp(x1, vf32_spread4(m, 1), table);
    vf64w e2 = softmax16_exp(x2, vf32_spread4(m, 2), table);
    vf64w e3 = softmax16_exp(x3, vf32_spread4(m, 3), table);
    vf64w inverse = vf64w_div(vf64w_set1(1.0), vf64w_add_across4(e0, e1, e2, e3));
    vh16 h0 = vh16_from_f32(vf64w_narrow_round_odd(vf64w_mul(e0, vf64w_spread4(inverse, 0))));
    vh16 h1 = vh16_from_f32(vf64w_narrow_round_odd(vf64w_mul(e1, vf64w_spread4(inverse, 1))));
    vh16 h2 = vh16_from_f32(vf64w_narrow_round_odd(vf64w_mul(e2, vf64w_spread4(inverse, 2))));
    vh16 h3 = vh16_from_f32(vf64w_narrow_round_odd(vf64w_mul(e3, vf64w_spread4(inverse, 3))));
    if (full) {
        vh16_store(y, h0);
        vh16_store(y + row, h1);
        vh16_store(y + 2 * row, h2);
        vh16_store(y + 3 * row, h3);
    } else {
        vh16_store_tail(y, h0, rest);
        vh16_store_tail(y + row, h1, rest);
        vh16_store_tail(y + 2 * row, h2, rest);
        vh16_store_tail(y + 3 * row, h3, rest);
    }
}

/* y = softmax(x) per row of `row` entries: rows of one vector four at a
 * time, the others (and the last rows) one at a time */
static inline __attribute__((always_inline)) void softmax16_forward(const uint16_t *x, uint16_t *y, size_t n,
                                                                    size_t row)
{
    const vf64w_table8 table = exp_table_f64w_load();
    if (row == 0)
        return;
    size_t i = 0;
    if (row <= VF32_LANES)
        for (; i + 4 * row <= n; i += 4 * row)
            softmax16_rows4(x + i, y + i, row, table);
    for (; i + row <= n; i += row)
        softmax16_row(x + i, y + i, row, table);
}

#endif
