/*
 * softmax per row, y_i = e^(x_i - m) / sum_j e^(x_j - m) with m the row's
 * largest entry, and its Jacobian-vector product dx = y (.) (dy - <dy, y>),
 * written once over the SIMD layer (include one ISA's impls/simd/f32-*.h
 * and f64w-*.h first); impls/math/rows.h runs the rows.
 *
 * Where the usual float form loses accuracy (peers: 64 ulp on the value,
 * up to 10^8 ulp on the gradient):
 *  - x_i - m is rounded (2^-18 absolute near -64) and exp's slope turns
 *    that into a relative error of y_i;
 *  - the sum of 16 floats and the division round several times;
 *  - dy_i - <dy, y> cancels wherever dy_i is near the weighted mean, and
 *    completely when y is nearly one-hot on i: y_a rounds to 1 and the
 *    true difference sum_{j != a} y_j (dy_a - dy_j) is lost.
 *
 * Accurate tier (double lanes, one rounding per output):
 *   value     a_i = m - x_i in double (exact: both are floats and the
 *             result needs at most 24 + 29 bits, or else it is far beyond
 *             the range where e^-a matters), clamped to 700;
 *             E_i = exp(-a_i) by a "value" form of impls/math/exp_wide.h
 *             (2^-33.5 or 2^-34.3), S = sum E_i in double, y_i = E_i *
 *             (1/S) rounded once to float: within 0.5 + 2^-8 ulp.  A
 *             subnormal y_i is a normal double, rounded once to the float
 *             grid; -inf entries give +0 (e^-700/S rounds to it).
 *   gradient  with a the index of the largest entry (an exact reference
 *             point: E_a = 1 and dy_a - dy_a = 0),
 *                 dy_i - <dy, p> = (dy_i - dy_a) + C,
 *                 C = sum_j p_j (dy_a - dy_j),
 *             exact identities for sum p_j = 1, p_j = E_j/S recomputed
 *             from x by a "precise" exp (2^-50); the differences of floats
 *             are exact in double and no term of C is as large as the
 *             cancellation it replaces: the error of C is about 2^-50 of
 *             sum_j p_j |dy_a - dy_j|, so dx_i = p_i ((dy_i - dy_a) + C)
 *             keeps its relative accuracy unless dy_i - <dy, p> cancels
 *             below 2^-24 of that sum, however close to one-hot the row is.
 *             The gradient recomputes p from x (the forward's y, rounded to
 *             float, cannot give it: its 2^-24 errors would show in every
 *             cancelling difference).
 * Fast tier (float):
 *   value     m - x_i = d + dl exactly (TwoSum), E_i = exp(-(d + dl)) with
 *             dl added to the reduced argument (exp_table_fast's table and
 *             polynomial, or a degree-6 polynomial on ln2/2,
 *             impls/math/sollya/softmax_exp.sollya), the sum in double
 *             (a float sum of 16 cost up to 4.4 ulp at 1M points),
 *             y_i = E_i * r, r = 1/S rounded to float.  Entries with d > 87 (E_i below the
 *             normal range, -inf entries) add 0 to the sum and take their
 *             y_i from double off the hot path.
 *   gradient  the usual y (.) (dy - <dy, y>) from the forward's y, the dot
 *             product in float: what the form costs, its accuracy that of
 *             the peers (the fast tier promises its value, not its
 *             gradient).
 * Rows holding a NaN or an infinite maximum (NaN reaches the row's sum
 * through every step, so the check is one scalar test per row) go to
 * softmax_row_exact / softmax_row_gradient_exact (impls/softmax/
 * softmax_rows.c), which follow the catalog's conventions in double.
 */
#ifndef ACTBENCH_MATH_SOFTMAX_H
#define ACTBENCH_MATH_SOFTMAX_H

#include <math.h>

#include "../softmax/softmax_rows.h"
#include "coefficients.h"
#include "exp_data.h"
#include "exp_poly.h"
#include "exp_table.h"
#include "exp_wide.h"
#include "rows.h"

/* exp(-a) in double lanes for 0 <= a <= 700 (a form of exp_wide.h bound to
 * the kernel's tables) */
typedef vf64w (*exp_wide_fn)(vf64w a, const void *context);

/* --------------------------------------------------------------- accurate */

/* a = m - x in double, clamped to 700 (NaN kept: the second operand) */
static inline vf64w softmax_wide_argument(vf64w md, vf32 x)
{
    return vf64w_min(vf64w_set1(EXP_WIDE_LIMIT), vf64w_sub(md, vf64w_widen(x)));
}

/* whether any of the group's rows needs the exact path: a NaN total (a NaN
 * entry, or a row of -inf) or an infinite maximum */
static inline bool softmax_rows_special(const vf32 *m, size_t group, bool nan_total)
{
    bool special = nan_total;
    for (size_t g = 0; g < group; g++)
        special |= isinf(vf32_lane0(m[g]));
    return special;
}

__attribute__((always_inline)) static inline bool
softmax_accurate_rows(const float *x, float *y, struct row_shape s, size_t group, exp_wide_fn exp,
                      const void *context)
{
    const size_t count = row_vector_count(s), length = row_length(s);
    const bool cached = row_cached(s);
    vf32 m[ROW_GROUP];
    vf64w md[ROW_GROUP], sum[ROW_GROUP], reciprocal[ROW_GROUP];
    vf64w e[ROW_GROUP][ROW_CACHED_VECTORS];
    rows_max(x, s, group, m);
    for (size_t g = 0; g < group; g++) {
        md[g] = vf64w_set1((double)vf32_lane0(m[g]));
        sum[g] = vf64w_set1(0.0);
    }
    for (size_t v = 0; v < count; v++)
        for (size_t g = 0; g < group; g++) {
            vf64w ev = exp(softmax_wide_argument(md[g], row_load(x + g * length, v, s, -INFINITY)), context);
            if (cached)
                e[g][v] = ev;
            sum[g] = vf64w_add(sum[g], ev);
        }
    const vf64w total = rows_add_packed_f64w(sum, group);
    if (softmax_rows_special(m, group, vmask64w_any(vf64w_isnan(total)))) {
        if (group > 1)
            return false;
        softmax_row_exact(x, y, length);
        return true;
    }
    const vf64w packed_reciprocal = vf64w_div(vf64w_set1(1.0), total);
    for (size_t g = 0; g < group; g++)
        reciprocal[g] = rows_spread_f64w(packed_reciprocal, g, group);
    for (size_t v = 0; v < count; v++)
        for (size_t g = 0; g < group; g++) {
            vf64w ev = cached ? e[g][v]
                              : exp(softmax_wide_argument(md[g], row_load(x + g * length, v, s, -INFINITY)), context);
            row_store(y + g * length, v, s, vf64w_narrow(vf64w_mul(ev, reciprocal[g])));
        }
    return true;
}

__attribute__((always_inline)) static inline bool
softmax_accurate_gradient_rows(const float *x, const float *dy, float *dx, struct row_shape s, size_t group,
                               exp_wide_fn exp, const void *context)
{
    const size_t count = row_vector_count(s), length = row_length(s);
    const bool cached = row_cached(s);
    vf32 m[ROW_GROUP];
    vf64w md[ROW_GROUP], sum[ROW_GROUP], reciprocal[ROW_GROUP], dya[ROW_GROUP], c[ROW_GROUP];
    vf64w e[ROW_GROUP][ROW_CACHED_VECTORS], gw[ROW_GROUP][ROW_CACHED_VECTORS];
    rows_max(x, s, group, m);
    for (size_t g = 0; g < group; g++) {
        md[g] = vf64w_set1((double)vf32_lane0(m[g]));
        sum[g] = vf64w_set1(0.0);
    }
    for (size_t v = 0; v < count; v++)
        for (size_t g = 0; g < group; g++) {
            vf64w ev = exp(softmax_wide_argument(md[g], row_load(x + g * length, v, s, -INFINITY)), context);
            if (cached)
                e[g][v] = ev;
            sum[g] = vf64w_add(sum[g], ev);
        }
    const vf64w total = rows_add_packed_f64w(sum, group);
    if (softmax_rows_special(m, group, vmask64w_any(vf64w_isnan(total)))) {
        if (group > 1)
            return false;
        softmax_row_gradient_exact(x, dy, dx, length);
        return true;
    }
    const vf64w packed_reciprocal = vf64w_div(vf64w_set1(1.0), total);
    for (size_t g = 0; g < group; g++) {
        reciprocal[g] = rows_spread_f64w(packed_reciprocal, g, group);
        dya[g] = vf64w_set1((double)dy[g * length + row_first_equal(x + g * length, s, m[g])]);
        c[g] = vf64w_set1(0.0);
    }
    for (size_t v = 0; v < count; v++)
        for (size_t g = 0; g < group; g++) {
            vf64w ev = cached ? e[g][v]
                              : exp(softmax_wide_argument(md[g], row_load(x + g * length, v, s, -INFINITY)), context);
            vf64w gv = vf64w_widen(row_load(dy + g * length, v, s, 0.0f));
            if (cached)
                gw[g][v] = gv;
            c[g] = vf64w_fmadd(vf64w_mul(ev, reciprocal[g]), vf64w_sub(dya[g], gv), c[g]);
        }
    const vf64w packed_c = rows_add_packed_f64w(c, group);
    for (size_t g = 0; g < group; g++)
        c[g] = rows_spread_f64w(packed_c, g, group);
    for (size_t v = 0; v < count; v++)
        for (size_t g = 0; g < group; g++) {
            vf64w ev = cached ? e[g][v]
                              : exp(softmax_wide_argument(md[g], row_load(x + g * length, v, s, -INFINITY)), context);
            vf64w gv = cached ? gw[g][v] : vf64w_widen(row_load(dy + g * length, v, s, 0.0f));
            vf64w difference = vf64w_add(vf64w_sub(gv, dya[g]), c[g]);
            row_store(dx + g * length, v, s, vf64w_narrow(vf64w_mul(vf64w_mul(ev, reciprocal[g]), difference)));
        }
    return true;
}

/* blocks of rows of 16 (impls/math/rows.h): the same algorithm lane-wise
 * over the columns, each sum taken column after column */
__attribute__((always_inline)) static inline bool
softmax_accurate_block(const float *x, float *y, exp_wide_fn exp, const void *context)
{
    vf32 c[16];
    vf64w e[16];
    vf32_load_columns16(x, c);
    const vf32 m = columns16_max(c);
    const vf64w md = vf64w_widen(m);
    vf64w total = vf64w_set1(0.0);
    for (int j = 0; j < 16; j++) {
        e[j] = exp(softmax_wide_argument(md, c[j]), context);
        total = vf64w_add(total, e[j]);
    }
    if (vmask64w_any(vf64w_isnan(total)) || vf32_any_infinite(m))
        return false;
    const vf64w reciprocal = vf64w_div(vf64w_set1(1.0), total);
    for (int j = 0; j < 16; j++)
        c[j] = vf64w_narrow(vf64w_mul(e[j], reciprocal));
    vf32_store_columns16(y, c);
    return true;
}

/* the reference point dy_a is the dy of the last column holding the row's
 * maximum (any entry equal to it has E = 1 exactly) */
__attribute__((always_inline)) static inline bool
softmax_accurate_gradient_block(const float *x, const float *dy, float *dx, exp_wide_fn exp,
                                const void *context)
{
    vf32 c[16], g[16];
    vf64w p[16];
    vf32_load_columns16(x, c);
    const vf32 m = columns16_max(c);
    const vf64w md = vf64w_widen(m);
    vf64w total = vf64w_set1(0.0);
    for (int j = 0; j < 16; j++) {
        p[j] = exp(softmax_wide_argument(md, c[j]), context);
        total = vf64w_add(total, p[j]);
    }
    if (vmask64w_any(vf64w_isnan(total)) || vf32_any_infinite(m))
        return false;
    const vf64w reciprocal = vf64w_div(vf64w_set1(1.0), total);
    vf32_load_columns16(dy, g);
    vf32 dya_f = g[0];
    for (int j = 1; j < 16; j++)
        dya_f = vf32_select(vf32_eq(c[j], m), g[j], dya_f);
    const vf64w dya = vf64w_widen(dya_f);
    vf64w cc = vf64w_set1(0.0);
    for (int j = 0; j < 16; j++) {
        p[j] = vf64w_mul(p[j], reciprocal);
        cc = vf64w_fmadd(p[j], vf64w_sub(dya, vf64w_widen(g[j])), cc);
    }
    for (int j = 0; j < 16; j++) {
        vf64w difference = vf64w_add(vf64w_sub(vf64w_widen(g[j]), dya), cc);
        c[j] = vf64w_narrow(vf64w_mul(p[j], difference));
    }
    vf32_store_columns16(dx, c);
    return true;
}

/* ------------------------------------------------------------------- fast */

/* exp(-(d + dl)) in float for 0 <= d <= 87, dl the exact rest of m - x */
typedef vf32 (*exp_hilo_fn)(vf32 d, vf32 dl, const void *context);

#define SOFTMAX_FAST_LIMIT 87.0f

/* m - x = d + dl exactly (Knuth's TwoSum; m >= x) */
static inline vf32 softmax_difference(vf32 m, vf32 x, vf32 *dl)
{
    vf32 d = vf32_sub(m, x);
    vf32 xb = vf32_sub(d, m);     /* -x as d holds it */
    vf32 ma = vf32_sub(d, xb);    /* m as d holds it */
    *dl = vf32_sub(vf32_sub(m, ma), vf32_add(x, xb));
    return d;
}

/* table form: exp_table_fast's 2^(j/8) tables and degree-3 polynomial
 * (2^-25.2) with the two-constant reduction of exp_table_reduce and dl
 * added to r */
static inline vf32 softmax_exp_table_fast(vf32 d, vf32 dl, struct exp_table_tables t)
{
    vf32 kd;
    vf32 r = vf32_add(exp_table_reduce(d, &kd), dl);
    vf32 hi = exp_table_scale_of(kd, t.scale);
    const float *c = exp_table_fast_poly;
    vf32 q = vf32_fmadd(vf32_set1(c[1]), r, vf32_set1(c[0]));
    vf32 lo_minus_r = vf32_sub(vf32_table8_lookup(t.lo_relative, vf32_as_vi32(kd)), r);
    return vf32_fmadd(hi, vf32_fmadd(vf32_mul(r, r), q, lo_minus_r), hi);
}

/* poly form: -d = k*ln2 + r, |r| <= ln2/2, exp(-r) = 1 + (r^2*q(r) - r)
 * with q of degree 4 (2^-28.2), 2^k added to the exponent */
static inline vf32 softmax_exp_poly_fast(vf32 d, vf32 dl)
{
    const vf32 shift = vf32_set1(0x1.8p23f);
    const vf32 minus_1_over_ln2 = vf32_set1(-0x1.715476p+0f);
    const vf32 ln2_hi = vf32_set1(0x1.62e4p-1f);       /* 15 bits: k*hi exact */
    const vf32 ln2_lo = vf32_set1(0x1.7f7d1cp-20f);    /* ln2 - hi */
    vf32 kd = vf32_fmadd(d, minus_1_over_ln2, shift);
    vf32 k = vf32_sub(kd, shift);
    vf32 r = vf32_fmadd(k, ln2_hi, d);
    r = vf32_add(vf32_fmadd(k, ln2_lo, r), dl);
    const float *c = softmax_exp_poly6;
    vf32 r2 = vf32_mul(r, r);
    vf32 q = vf32_fmadd(vf32_set1(c[4]), r, vf32_set1(c[3]));
    q = vf32_fmadd(q, r, vf32_set1(c[2]));
    q = vf32_fmadd(q, r, vf32_set1(c[1]));
    q = vf32_fmadd(q, r, vf32_set1(c[0]));
    vf32 p = vf32_add(vf32_set1(1.0f), vf32_fmsub(r2, q, r));
    return vi32_as_vf32(vi32_add(vf32_as_vi32(p), vi32_shl(vf32_as_vi32(kd), 23)));
}

/* E for one vector: exp(-(m - x)), 0 where m - x > 87 (and at -inf) */
static inline vf32 softmax_fast_exp(vf32 m, vf32 x, exp_hilo_fn exp, const void *context, vmask32 *big)
{
    vf32 dl;
    vf32 d = softmax_difference(m, x, &dl);
    *big = vf32_gt(d, vf32_set1(SOFTMAX_FAST_LIMIT));
    return vf32_select(*big, vf32_zero(), exp(d, dl, context));
}

/* y where m - x > 87: e^(x - m) / S from double, rounded once (subnormal
 * or zero results); the other lanes keep y.  Off the hot path. */
static __attribute__((noinline, unused)) vf32 softmax_fast_special_case(vf32 m, vf32 x, vf32 total, vf32 y,
                                                                        vmask32 big)
{
    vf64w a = vf64w_min(vf64w_set1(150.0), vf64w_sub(vf64w_widen(m), vf64w_widen(x)));
    vf64w v = vf64w_div(exp_poly_accurate_f64w(a), vf64w_widen(total));
    return vf32_select(big, vf64w_narrow(v), y);
}

__attribute__((always_inline)) static inline bool
softmax_fast_rows(const float *x, float *y, struct row_shape s, size_t group, exp_hilo_fn exp, const void *context)
{
    const size_t count = row_vector_count(s), length = row_length(s);
    const bool cached = row_cached(s);
    vf32 m[ROW_GROUP], reciprocal[ROW_GROUP], total[ROW_GROUP];
    vf64w sum[ROW_GROUP];
    vf32 e[ROW_GROUP][ROW_CACHED_VECTORS];
    vmask32 any_big = vmask32_false();
    rows_max(x, s, group, m);
    for (size_t g = 0; g < group; g++)
        sum[g] = vf64w_set1(0.0);
    for (size_t v = 0; v < count; v++)
        for (size_t g = 0; g < group; g++) {
            vmask32 big;
            vf32 ev = softmax_fast_exp(m[g], row_load(x + g * length, v, s, -INFINITY), exp, context, &big);
            if (cached)
                e[g][v] = ev;
            sum[g] = vf64w_add(sum[g], vf64w_widen(ev));
            any_big = vmask32_or(any_big, big);
        }
    const vf64w packed_total = rows_add_packed_f64w(sum, group);
    if (softmax_rows_special(m, group, vmask64w_any(vf64w_isnan(packed_total)))) {
        if (group > 1)
            return false;
        softmax_row_exact(x, y, length);
        return true;
    }
    const vf64w packed_reciprocal = vf64w_div(vf64w_set1(1.0), packed_total);
    for (size_t g = 0; g < group; g++) {
        reciprocal[g] = vf64w_narrow(rows_spread_f64w(packed_reciprocal, g, group));
        total[g] = vf64w_narrow(rows_spread_f64w(packed_total, g, group));
    }
    const bool fix = vmask32_any(any_big);
    for (size_t v = 0; v < count; v++)
        for (size_t g = 0; g < group; g++) {
            vmask32 big;
            vf32 ev = cached ? e[g][v]
                             : softmax_fast_exp(m[g], row_load(x + g * length, v, s, -INFINITY), exp, context, &big);
            vf32 yv = vf32_mul(ev, reciprocal[g]);
            if (fix) {
                vf32 xv = row_load(x + g * length, v, s, -INFINITY);
                big = vf32_gt(vf32_sub(m[g], xv), vf32_set1(SOFTMAX_FAST_LIMIT));
                if (vmask32_any(big))
                    yv = softmax_fast_special_case(m[g], xv, total[g], yv, big);
            }
            row_store(y + g * length, v, s, yv);
        }
    return true;
}

/* the sum of the columns, lane by lane, in the order of vf32_add_all on
 * a row of 16 (and of vf32_add_across4): c[j] + c[j + 8], then lanes 4,
 * 2 and 1 apart, so that a row's float sum is the same bits in a block as
 * by rows, in a group or alone */
static inline vf32 columns16_add(const vf32 c[16])
{
    vf32 t[8];
    for (int j = 0; j < 8; j++)
        t[j] = vf32_add(c[j], c[j + 8]);
    for (int j = 0; j < 4; j++)
        t[j] = vf32_add(t[j], t[j + 4]);
    for (int j = 0; j < 2; j++)
        t[j] = vf32_add(t[j], t[j + 2]);
    return vf32_add(t[0], t[1]);
}

/* the same sum in double: the columns widened, then added in that order
 * (vf64w_add_all's and vf64w_add_across4's on a row of 16) */
static inline vf64w columns16_add_f64w(const vf32 c[16])
{
    vf64w t[8];
    for (int j = 0; j < 8; j++)
        t[j] = vf64w_add(vf64w_widen(c[j]), vf64w_widen(c[j + 8]));
    for (int j = 0; j < 4; j++)
        t[j] = vf64w_add(t[j], t[j + 4]);
    for (int j = 0; j < 2; j++)
        t[j] = vf64w_add(t[j], t[j + 2]);
    return vf64w_add(t[0], t[1]);
}

/*
 * Blocks of rows of 16, fast tier: the operations of softmax_fast_rows
 * lane-wise over the columns (TwoSum difference, the same exponential,
 * the sum in vf32_add_all's order, one reciprocal per row), so a row's
 * result does not depend on which path took it, nor on its neighbours.
 */
__attribute__((always_inline)) static inline bool
softmax_fast_block(const float *x, float *y, exp_hilo_fn exp, const void *context)
{
    vf32 c[16], e[16];
    vf32_load_columns16(x, c);
    const vf32 m = columns16_max(c);
    if (vf32_any_infinite(m))
        return false;
    vmask32 any_big = vmask32_false();
    for (int j = 0; j < 16; j++) {
        vmask32 big;
        e[j] = softmax_fast_exp(m, c[j], exp, context, &big);
        any_big = vmask32_or(any_big, big);
    }
    const vf64w total_d = columns16_add_f64w(e);
    if (vmask64w_any(vf64w_isnan(total_d)))
        return false;
    const vf32 reciprocal = vf64w_narrow(vf64w_div(vf64w_set1(1.0), total_d));
    const vf32 total = vf64w_narrow(total_d);
    const bool fix = vmask32_any(any_big);
    for (int j = 0; j < 16; j++) {
        vf32 yj = vf32_mul(e[j], reciprocal);
        if (fix) {
            vmask32 big = vf32_gt(vf32_sub(m, c[j]), vf32_set1(SOFTMAX_FAST_LIMIT));
            if (vmask32_any(big))
                yj = softmax_fast_special_case(m, c[j], total, yj, big);
        }
        e[j] = yj;
    }
    vf32_store_columns16(y, e);
    return true;
}

/* dx = y (.) (dy - <dy, y>) from the forward's y; no x, no special rows
 * (NaN flows through) */
__attribute__((always_inline)) static inline bool
softmax_fast_gradient_rows(const float *y, const float *dy, float *dx, struct row_shape s, size_t group)
{
    const size_t count = row_vector_count(s), length = row_length(s);
    vf32 dot[ROW_GROUP];
    for (size_t g = 0; g < group; g++)
        dot[g] = vf32_zero();
    for (size_t v = 0; v < count; v++)
        for (size_t g = 0; g < group; g++)
            dot[g] = vf32_fmadd(row_load(dy + g * length, v, s, 0.0f), row_load(y + g * length, v, s, 0.0f), dot[g]);
    const vf32 packed = rows_add_packed(dot, group);
    for (size_t g = 0; g < group; g++)
        dot[g] = rows_spread(packed, g, group);
    for (size_t v = 0; v < count; v++)
        for (size_t g = 0; g < group; g++) {
            vf32 yv = row_load(y + g * length, v, s, 0.0f);
            vf32 d = vf32_sub(row_load(dy + g * length, v, s, 0.0f), dot[g]);
            row_store(dx + g * length, v, s, vf32_mul(yv, d));
        }
    return true;
}

#endif
