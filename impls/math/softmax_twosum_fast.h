/*
 * The fast tier's earlier softmax rows in float with a TwoSum difference
 * (m - x = d + dl, e^-(d + dl) from the fast exponential, the row sum in
 * double, one reciprocal per row), kept for the native 16-bit softmax
 * (softmax16_staged.h): its float pass's error (at most 1.59 floats on the
 * rows of every bf16/f16 encoding, 2.41 on 2^20 entries) was measured on
 * this form, and the midpoint test of the narrowing rests on it.  The f32
 * fast kernels moved to the integer-sum form of softmax.h.
 */
#ifndef ACTBENCH_MATH_SOFTMAX_TWOSUM_FAST_H
#define ACTBENCH_MATH_SOFTMAX_TWOSUM_FAST_H

#include "softmax.h"

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

#endif
