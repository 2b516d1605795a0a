/*
 * log_softmax per row, y_i = (x_i - m) - log(sum_j e^(x_j - m)) with m the
 * row's largest entry, and its Jacobian-vector product dx = dy - p * sum dy
 * (p = softmax(x)), written once over the SIMD layer (include one ISA's
 * impls/simd/f32-*.h and f64w-*.h first); impls/math/rows.h runs the rows
 * and impls/math/softmax.h has the exponentials.
 *
 * Both terms of y_i are <= 0, so they never cancel; what the usual form
 * loses is log(S) itself: S = 1 + T with T the sum over the entries other
 * than the largest, and when one entry dominates, T is below S's last bit
 * and log(S) = 0 while y_a = -log1p(T) is a normal number.  So every form
 * here sums T apart (the entries equal to m, k of them, add k - 1 exactly)
 * and takes L = log1p(T + (k - 1)) from impls/math/log1p_f64.h (double, once
 * per row).
 *
 * Accurate tier (double lanes):
 *   value     a_i = m - x_i in double, E_i by a "value" exp of exp_wide.h,
 *             T = the sum of E_i over 0 < a_i <= 700 (the -inf entries add
 *             an exact 0), y_i = (0 - a_i) - L rounded once to float.
 *   gradient  p_i = E_i / S by a "precise" exp (2^-50), S = 1 + T,
 *             D = sum dy (exact in double for any row of floats of similar
 *             size); dx_i = dy_i - p_i D, and for the largest entry a when
 *             no other ties with it, dx_a = (T/S) D - D_rest with D_rest =
 *             the sum over the other entries (1 - p_a = T/S: dy_a - p_a D
 *             would cancel as p_a nears 1).
 * Fast tier (float):
 *   value     m - x_i = d + dl exactly (TwoSum), E_i by the fast exp of
 *             softmax.h (0 where d > 87), T in float, L from log1p in
 *             double rounded to float, y_i = -(d + (dl + L)).  A row whose
 *             T falls below 2^-100 (one entry dominating by more than 69)
 *             is computed exactly instead: y_a = -T there, and the entries
 *             flushed to 0 could be all of T.
 *   gradient  dy - exp(y) * sum dy from the forward's y, as the peers do
 *             (the fast tier promises its value, not its gradient).
 * Rows holding a NaN or an infinite maximum go to log_softmax_row_exact /
 * log_softmax_row_gradient_exact (impls/softmax/softmax_rows.c).
 */
#ifndef ACTBENCH_MATH_LOG_SOFTMAX_H
#define ACTBENCH_MATH_LOG_SOFTMAX_H

#include <math.h>

#include "log1p_f64.h"
#include "softmax.h"

/* --------------------------------------------------------------- accurate */

/* E where 0 < a <= 700, else 0 (the entries equal to m, the -inf entries;
 * a NaN a keeps its NaN) */
static inline vf64w log_softmax_rest(vf64w a, vf64w e, vmask64w *top)
{
    *top = vf64w_eq(a, vf64w_set1(0.0));
    vmask64w out = vmask64w_or(*top, vf64w_gt(a, vf64w_set1(EXP_WIDE_LIMIT)));
    return vf64w_select(out, vf64w_set1(0.0), e);
}

__attribute__((always_inline)) static inline bool
log_softmax_accurate_rows(const float *x, float *y, struct row_shape s, size_t group, exp_wide_fn exp,
                          const void *context)
{
    const size_t count = row_vector_count(s), length = row_length(s);
    const bool cached = row_cached(s);
    vf32 m[ROW_GROUP];
    vf64w md[ROW_GROUP], rest[ROW_GROUP], lse[ROW_GROUP];
    vf64w shifted[ROW_GROUP][ROW_CACHED_VECTORS];
    unsigned ties[ROW_GROUP];
    rows_max(x, s, group, m);
    for (size_t g = 0; g < group; g++) {
        md[g] = vf64w_set1((double)vf32_lane0(m[g]));
        rest[g] = vf64w_set1(0.0);
        ties[g] = 0;
    }
    for (size_t v = 0; v < count; v++)
        for (size_t g = 0; g < group; g++) {
            vf64w a = vf64w_sub(md[g], vf64w_widen(row_load(x + g * length, v, s, -INFINITY)));
            if (cached)
                shifted[g][v] = a;
            vmask64w top;
            vf64w ev = exp(vf64w_min(vf64w_set1(EXP_WIDE_LIMIT), a), context);
            rest[g] = vf64w_add(rest[g], log_softmax_rest(a, ev, &top));
            ties[g] += (unsigned)__builtin_popcount(vmask64w_bits(top));
        }
    const vf64w packed_rest = rows_add_packed_f64w(rest, group);
    if (softmax_rows_special(m, group, vmask64w_any(vf64w_isnan(packed_rest)))) {
        if (group > 1)
            return false;
        log_softmax_row_exact(x, y, length);
        return true;
    }
    for (size_t g = 0; g < group; g++) {
        double t = vf64w_lane0(rows_spread_f64w(packed_rest, g, group));
        lse[g] = vf64w_set1(log1p_f64(t + (double)(ties[g] - 1)));
    }
    const vf64w zero = vf64w_set1(0.0);
    for (size_t v = 0; v < count; v++)
        for (size_t g = 0; g < group; g++) {
            vf64w a = cached ? shifted[g][v] : vf64w_sub(md[g], vf64w_widen(row_load(x + g * length, v, s, -INFINITY)));
            row_store(y + g * length, v, s, vf64w_narrow(vf64w_sub(vf64w_sub(zero, a), lse[g])));
        }
    return true;
}

__attribute__((always_inline)) static inline bool
log_softmax_accurate_gradient_rows(const float *x, const float *dy, float *dx, struct row_shape s, size_t group,
                                   exp_wide_fn exp, const void *context)
{
    const size_t count = row_vector_count(s), length = row_length(s);
    const bool cached = row_cached(s);
    vf32 m[ROW_GROUP];
    vf64w md[ROW_GROUP], rest[ROW_GROUP], dy_sum[ROW_GROUP], dy_rest[ROW_GROUP];
    vf64w reciprocal[ROW_GROUP], dv[ROW_GROUP], top_value[ROW_GROUP];
    vf64w e[ROW_GROUP][ROW_CACHED_VECTORS], gw[ROW_GROUP][ROW_CACHED_VECTORS];
    vmask64w tops[ROW_GROUP][ROW_CACHED_VECTORS];
    unsigned ties[ROW_GROUP];
    rows_max(x, s, group, m);
    for (size_t g = 0; g < group; g++) {
        md[g] = vf64w_set1((double)vf32_lane0(m[g]));
        rest[g] = dy_sum[g] = dy_rest[g] = vf64w_set1(0.0);
        ties[g] = 0;
    }
    for (size_t v = 0; v < count; v++)
        for (size_t g = 0; g < group; g++) {
            vf64w a = vf64w_sub(md[g], vf64w_widen(row_load(x + g * length, v, s, -INFINITY)));
            vmask64w top;
            vf64w ev = log_softmax_rest(a, exp(vf64w_min(vf64w_set1(EXP_WIDE_LIMIT), a), context), &top);
            vf64w gv = vf64w_widen(row_load(dy + g * length, v, s, 0.0f));
            if (cached) {
                e[g][v] = ev;
                gw[g][v] = gv;
                tops[g][v] = top;
            }
            rest[g] = vf64w_add(rest[g], ev);
            dy_sum[g] = vf64w_add(dy_sum[g], gv);
            dy_rest[g] = vf64w_add(dy_rest[g], vf64w_select(top, vf64w_set1(0.0), gv));
            ties[g] += (unsigned)__builtin_popcount(vmask64w_bits(top));
        }
    const vf64w packed_rest = rows_add_packed_f64w(rest, group);
    if (softmax_rows_special(m, group, vmask64w_any(vf64w_isnan(packed_rest)))) {
        if (group > 1)
            return false;
        log_softmax_row_gradient_exact(x, dy, dx, length);
        return true;
    }
    const vf64w packed_dy_sum = rows_add_packed_f64w(dy_sum, group);
    const vf64w packed_dy_rest = rows_add_packed_f64w(dy_rest, group);
    for (size_t g = 0; g < group; g++) {
        double t = vf64w_lane0(rows_spread_f64w(packed_rest, g, group));
        double d = vf64w_lane0(rows_spread_f64w(packed_dy_sum, g, group));
        double total = t + (double)ties[g];
        /* the largest entry's own form, used when no other entry ties with it */
        top_value[g] = vf64w_set1(t / total * d - vf64w_lane0(rows_spread_f64w(packed_dy_rest, g, group)));
        reciprocal[g] = vf64w_set1(1.0 / total);
        dv[g] = vf64w_set1(d);
    }
    for (size_t v = 0; v < count; v++)
        for (size_t g = 0; g < group; g++) {
            vf64w ev, gv;
            vmask64w top;
            if (cached) {
                ev = e[g][v];
                gv = gw[g][v];
                top = tops[g][v];
            } else {
                vf64w a = vf64w_sub(md[g], vf64w_widen(row_load(x + g * length, v, s, -INFINITY)));
                ev = log_softmax_rest(a, exp(vf64w_min(vf64w_set1(EXP_WIDE_LIMIT), a), context), &top);
                gv = vf64w_widen(row_load(dy + g * length, v, s, 0.0f));
            }
            /* the entries equal to m have E = 1, which log_softmax_rest left out */
            ev = vf64w_select(top, vf64w_set1(1.0), ev);
            vf64w gradient = vf64w_fnmadd(vf64w_mul(ev, reciprocal[g]), dv[g], gv);
            if (ties[g] == 1)
                gradient = vf64w_select(top, top_value[g], gradient);
            row_store(dx + g * length, v, s, vf64w_narrow(gradient));
        }
    return true;
}

/* blocks of rows of 16 (impls/math/rows.h): lane-wise over the columns,
 * each sum taken column after column, the count of entries equal to m as
 * a sum of ones, and the logarithm of a whole block at once (log1p_f64w) */
__attribute__((always_inline)) static inline bool
log_softmax_accurate_block(const float *x, float *y, exp_wide_fn exp, const void *context)
{
    vf32 c[16];
    vf32_load_columns16(x, c);
    const vf32 m = columns16_max(c);
    const vf64w md = vf64w_widen(m);
    const vf64w zero = vf64w_set1(0.0), one = vf64w_set1(1.0);
    vf64w t = zero, ties = zero;
    for (int j = 0; j < 16; j++) {
        vf64w a = vf64w_sub(md, vf64w_widen(c[j]));
        vmask64w top;
        t = vf64w_add(t, log_softmax_rest(a, exp(vf64w_min(vf64w_set1(EXP_WIDE_LIMIT), a), context), &top));
        ties = vf64w_add(ties, vf64w_select(top, one, zero));
    }
    if (vmask64w_any(vf64w_isnan(t)) || vf32_any_infinite(m))
        return false;
    const vf64w lse = log1p_f64w(vf64w_add(t, vf64w_sub(ties, one)));
    for (int j = 0; j < 16; j++) {
        vf64w shifted = vf64w_sub(vf64w_widen(c[j]), md);
        c[j] = vf64w_narrow(vf64w_sub(shifted, lse));
    }
    vf32_store_columns16(y, c);
    return true;
}

__attribute__((always_inline)) static inline bool
log_softmax_accurate_gradient_block(const float *x, const float *dy, float *dx, exp_wide_fn exp,
                                    const void *context)
{
    vf32 c[16], g[16];
    vf64w e[16];
    vf32_load_columns16(x, c);
    vf32_load_columns16(dy, g);
    const vf32 m = columns16_max(c);
    const vf64w md = vf64w_widen(m);
    const vf64w zero = vf64w_set1(0.0), one = vf64w_set1(1.0);
    vf64w t = zero, ties = zero, dy_sum = zero, dy_rest = zero;
    for (int j = 0; j < 16; j++) {
        vf64w a = vf64w_sub(md, vf64w_widen(c[j]));
        vmask64w top;
        e[j] = log_softmax_rest(a, exp(vf64w_min(vf64w_set1(EXP_WIDE_LIMIT), a), context), &top);
        t = vf64w_add(t, e[j]);
        ties = vf64w_add(ties, vf64w_select(top, one, zero));
        vf64w gd = vf64w_widen(g[j]);
        dy_sum = vf64w_add(dy_sum, gd);
        dy_rest = vf64w_add(dy_rest, vf64w_select(top, zero, gd));
    }
    if (vmask64w_any(vf64w_isnan(t)) || vf32_any_infinite(m))
        return false;
    const vf64w total = vf64w_add(t, ties);
    const vf64w reciprocal = vf64w_div(one, total);
    /* the largest entry's own form where no other entry ties with it */
    const vf64w top_value = vf64w_fmadd(vf64w_mul(t, reciprocal), dy_sum, vf64w_sub(zero, dy_rest));
    const vmask64w single = vf64w_eq(ties, one);
    for (int j = 0; j < 16; j++) {
        vmask64w top = vf64w_eq(vf64w_widen(c[j]), md);
        vf64w p = vf64w_mul(vf64w_select(top, one, e[j]), reciprocal);
        vf64w gradient = vf64w_fnmadd(p, dy_sum, vf64w_widen(g[j]));
        gradient = vf64w_select(vmask64w_and(top, single), top_value, gradient);
        c[j] = vf64w_narrow(gradient);
    }
    vf32_store_columns16(dx, c);
    return true;
}

/* ------------------------------------------------------------------- fast */

/* below this T the row is computed exactly (see the head comment) */
#define LOG_SOFTMAX_FAST_SMALLEST_REST 0x1p-100f

__attribute__((always_inline)) static inline bool
log_softmax_fast_rows(const float *x, float *y, struct row_shape s, size_t group, exp_hilo_fn exp,
                      const void *context)
{
    const size_t count = row_vector_count(s), length = row_length(s);
    const bool cached = row_cached(s);
    vf32 m[ROW_GROUP], rest[ROW_GROUP], lse[ROW_GROUP];
    vf32 dh[ROW_GROUP][ROW_CACHED_VECTORS], dlo[ROW_GROUP][ROW_CACHED_VECTORS];
    unsigned ties[ROW_GROUP];
    rows_max(x, s, group, m);
    for (size_t g = 0; g < group; g++) {
        rest[g] = vf32_zero();
        ties[g] = 0;
    }
    for (size_t v = 0; v < count; v++)
        for (size_t g = 0; g < group; g++) {
            vf32 xv = row_load(x + g * length, v, s, -INFINITY);
            vf32 dl;
            vf32 d = softmax_difference(m[g], xv, &dl);
            vmask32 big = vf32_gt(d, vf32_set1(SOFTMAX_FAST_LIMIT));
            vmask32 top = vf32_eq(xv, m[g]);
            if (cached) {
                dh[g][v] = d;
                dlo[g][v] = vf32_select(big, vf32_zero(), dl);
            }
            vf32 ev = exp(d, dl, context);
            rest[g] = vf32_add(rest[g], vf32_select(vmask32_or(big, top), vf32_zero(), ev));
            ties[g] += (unsigned)__builtin_popcount(vmask32_bits(top));
        }
    const vf32 packed_rest = rows_add_packed(rest, group);
    bool special = softmax_rows_special(m, group, vmask32_any(vf32_isnan(packed_rest)));
    float t[ROW_GROUP];
    for (size_t g = 0; g < group; g++) {
        t[g] = vf32_lane0(rows_spread(packed_rest, g, group));
        special |= ties[g] == 1 && t[g] < LOG_SOFTMAX_FAST_SMALLEST_REST;
    }
    if (special) {
        if (group > 1)
            return false;
        log_softmax_row_exact(x, y, length);
        return true;
    }
    for (size_t g = 0; g < group; g++)
        lse[g] = vf32_set1((float)log1p_f64((double)t[g] + (double)(ties[g] - 1)));
    for (size_t v = 0; v < count; v++)
        for (size_t g = 0; g < group; g++) {
            vf32 d, dl;
            if (cached) {
                d = dh[g][v];
                dl = dlo[g][v];
            } else {
                d = softmax_difference(m[g], row_load(x + g * length, v, s, -INFINITY), &dl);
                dl = vf32_select(vf32_gt(d, vf32_set1(SOFTMAX_FAST_LIMIT)), vf32_zero(), dl);
            }
            row_store(y + g * length, v, s, vf32_neg(vf32_add(d, vf32_add(dl, lse[g]))));
        }
    return true;
}

/* blocks of rows of 16: the operations of log_softmax_fast_rows lane-wise
 * over the columns (T summed in vf32_add_all's order, the logarithm of
 * the whole block at once by log1p_f64w, the same operations as
 * log1p_f64), so a row's result does not depend on the path that took it */
__attribute__((always_inline)) static inline bool
log_softmax_fast_block(const float *x, float *y, exp_hilo_fn exp, const void *context)
{
    vf32 c[16], e[16];
    vf32_load_columns16(x, c);
    const vf32 m = columns16_max(c);
    if (vf32_any_infinite(m))
        return false;
    vf32 ties = vf32_zero();
    for (int j = 0; j < 16; j++) {
        vf32 dl;
        vf32 d = softmax_difference(m, c[j], &dl);
        vmask32 top = vf32_eq(c[j], m);
        vmask32 out = vmask32_or(top, vf32_gt(d, vf32_set1(SOFTMAX_FAST_LIMIT)));
        e[j] = vf32_select(out, vf32_zero(), exp(d, dl, context));
        ties = vf32_add(ties, vf32_select(top, vf32_set1(1.0f), vf32_zero()));
    }
    const vf32 t = columns16_add(e);
    vmask32 tiny = vmask32_and(vf32_eq(ties, vf32_set1(1.0f)), vf32_lt(t, vf32_set1(LOG_SOFTMAX_FAST_SMALLEST_REST)));
    if (vmask32_any(vmask32_or(vf32_isnan(t), tiny)))
        return false;
    const vf64w td = vf64w_add(vf64w_widen(t), vf64w_widen(vf32_sub(ties, vf32_set1(1.0f))));
    const vf32 lse = vf64w_narrow(log1p_f64w(td));
    for (int j = 0; j < 16; j++) {
        vf32 dl;
        vf32 d = softmax_difference(m, c[j], &dl);
        dl = vf32_select(vf32_gt(d, vf32_set1(SOFTMAX_FAST_LIMIT)), vf32_zero(), dl);
        c[j] = vf32_neg(vf32_add(d, vf32_add(dl, lse)));
    }
    vf32_store_columns16(y, c);
    return true;
}

/* dx = dy - exp(y) * sum dy from the forward's y; exp(y) is 0 below -87
 * (and at -inf), NaN flows through */
__attribute__((always_inline)) static inline bool
log_softmax_fast_gradient_rows(const float *y, const float *dy, float *dx, struct row_shape s, size_t group,
                               exp_hilo_fn exp, const void *context)
{
    const size_t count = row_vector_count(s), length = row_length(s);
    vf32 sum[ROW_GROUP];
    for (size_t g = 0; g < group; g++)
        sum[g] = vf32_zero();
    /* sum dy as a dot product with ones (the same sums, one rounding each:
     * the form of softmax's <dy, y>, whose scalar loop is not a call-free
     * pass that the operation count would take for the kernel's main loop) */
    const vf32 one = vf32_set1(1.0f);
    for (size_t v = 0; v < count; v++)
        for (size_t g = 0; g < group; g++)
            sum[g] = vf32_fmadd(row_load(dy + g * length, v, s, 0.0f), one, sum[g]);
    const vf32 packed = rows_add_packed(sum, group);
    for (size_t g = 0; g < group; g++)
        sum[g] = rows_spread(packed, g, group);
    for (size_t v = 0; v < count; v++)
        for (size_t g = 0; g < group; g++) {
            vf32 minus_y = vf32_neg(row_load(y + g * length, v, s, 0.0f));
            vmask32 big = vf32_gt(minus_y, vf32_set1(SOFTMAX_FAST_LIMIT));
            vf32 ev = vf32_select(big, vf32_zero(), exp(minus_y, vf32_zero(), context));
            row_store(dx + g * length, v, s, vf32_fnmadd(ev, sum[g], row_load(dy + g * length, v, s, 0.0f)));
        }
    return true;
}

#endif
