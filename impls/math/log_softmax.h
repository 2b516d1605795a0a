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
 *   value     a_i = m - x_i in double, E_i by a "value" exp of exp_wide.h
 *             as softmax_exp.h writes it (ln2 in one double, under 2^-45.2),
 *             T = the sum of E_i over 0 < a_i <= 700 (the -inf entries add
 *             an exact 0), y_i = (0 - a_i) - L rounded once to float.
 *   gradient  p_i = E_i / S by a "precise" exp (2^-50), S = 1 + T,
 *             D = sum dy (exact in double for any row of floats of similar
 *             size); dx_i = dy_i - p_i D, and for the largest entry a when
 *             no other ties with it, dx_a = (T/S) D - D_rest with D_rest =
 *             the sum over the other entries (1 - p_a = T/S: dy_a - p_a D
 *             would cancel as p_a nears 1).
 *   order     T, D and D_rest add their 16 terms in the one order of
 *             impls/math/rows.h (columns16_sum_f64w) on every path, and
 *             dx_a takes the same operations in the blocks and the rows:
 *             a row's outputs never depend on where it lies in the call.
 *             Cost against the former orders (as softmax.h measures it,
 *             three alternating runs): AVX2 forward +2.2% and +2.6%,
 *             gradient +2.2% and -0.6%; AVX-512F forward -1.6% and +0.4%,
 *             gradient +8.1% and +7.9% (table, poly); the scalar kernels
 *             forward +13%, gradient +15% and +17%.
 * Fast tier (float):
 *   value     rows of 16: log_softmax_scaled_forward below (exponentials
 *             from x itself, no TwoSum, L in float from log1p.h's
 *             tables); other rows, and rows of 16 it
 *             declines: m - x_i = d + dl exactly (TwoSum), E_i by the fast exp of
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

#include "log1p.h"
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
    bool done;
    if (softmax_uniform_rows(x, dy, dx, s, group, m, true, &done))
        return done;
    const vf64w packed_dy_sum = rows_add_packed_f64w(dy_sum, group);
    const vf64w packed_dy_rest = rows_add_packed_f64w(dy_rest, group);
    for (size_t g = 0; g < group; g++) {
        const vf64w t = rows_spread_f64w(packed_rest, g, group);
        dv[g] = rows_spread_f64w(packed_dy_sum, g, group);
        /* one scalar division per row: the blocks' lane-wise 1/S, bit for bit */
        reciprocal[g] = vf64w_set1(1.0 / (vf64w_lane0(t) + (double)ties[g]));
        /* the largest entry's own form, used when no other entry ties with
         * it, as the blocks write it */
        top_value[g] = vf64w_fmadd(vf64w_mul(t, reciprocal[g]), dv[g],
                                   vf64w_sub(vf64w_set1(0.0), rows_spread_f64w(packed_dy_rest, g, group)));
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
 * each sum in the row function's order (columns16_sum_f64w), so that a
 * row gives the same bits in a block and alone, the count of entries equal
 * to m as a sum of ones (exact), and the logarithm of a whole block at once
 * (log1p_f64w: log1p_f64's operations) */
__attribute__((always_inline)) static inline bool
log_softmax_accurate_block(const float *x, float *y, exp_wide_fn exp, const void *context)
{
    vf32 c[16];
    vf32_load_columns16(x, c);
    const vf32 m = columns16_max(c);
    const vf64w md = vf64w_widen(m);
    const vf64w zero = vf64w_set1(0.0), one = vf64w_set1(1.0);
    vf64w ties = zero, b[4];
    for (int q = 0; q < 4; q++) {
        vf64w quad[4];
        for (int i = 0; i < 4; i++) {
            vf64w a = vf64w_sub(md, vf64w_widen(c[columns16_quads[q][i]]));
            vmask64w top;
            quad[i] = log_softmax_rest(a, exp(vf64w_min(vf64w_set1(EXP_WIDE_LIMIT), a), context), &top);
            ties = vf64w_add(ties, vf64w_select(top, one, zero));
        }
        b[q] = columns16_quad_sum(quad);
    }
    const vf64w t = columns16_total(b);
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
    vf64w ties = zero;
    for (int j = 0; j < 16; j++) {
        vf64w a = vf64w_sub(md, vf64w_widen(c[j]));
        vmask64w top;
        e[j] = log_softmax_rest(a, exp(vf64w_min(vf64w_set1(EXP_WIDE_LIMIT), a), context), &top);
        ties = vf64w_add(ties, vf64w_select(top, one, zero));
    }
    const vf64w t = columns16_sum_f64w(e);
    /* dy's sums from its columns, widened as they are added (the entries
     * equal to m left out of D_rest in float, as +0: a = 0 exactly where
     * x = m) */
    vf64w bs[4], br[4];
    for (int q = 0; q < 4; q++) {
        vf64w qs[4], qr[4];
        for (int i = 0; i < 4; i++) {
            const int j = columns16_quads[q][i];
            qs[i] = vf64w_widen(g[j]);
            qr[i] = vf64w_widen(vf32_zero_where(vf32_eq(c[j], m), g[j]));
        }
        bs[q] = columns16_quad_sum(qs);
        br[q] = columns16_quad_sum(qr);
    }
    const vf64w dy_sum = columns16_total(bs), dy_rest = columns16_total(br);
    if (vmask64w_any(vf64w_isnan(t)) || vf32_any_infinite(m))
        return false;
    const vf64w total = vf64w_add(t, ties);
    const vf64w reciprocal = vf64w_div(one, total);
    /* the largest entry's own form where no other entry ties with it */
    const vf64w top_value = vf64w_fmadd(vf64w_mul(t, reciprocal), dy_sum, vf64w_sub(zero, dy_rest));
    const vmask64w single = vf64w_eq(ties, one);
    /* near-uniform rows (lanes): softmax.h's form without cancellation */
    vmask64w uniform;
    struct softmax_uniform u;
    const bool any_uniform = softmax_uniform_columns(c, g, m, &u, &uniform);
    for (int j = 0; j < 16; j++) {
        vmask64w top = vf64w_eq(vf64w_widen(c[j]), md);
        vf64w p = vf64w_mul(vf64w_select(top, one, e[j]), reciprocal);
        vf64w gradient = vf64w_fnmadd(p, dy_sum, vf64w_widen(g[j]));
        gradient = vf64w_select(vmask64w_and(top, single), top_value, gradient);
        if (any_uniform)
            gradient = vf64w_select(uniform,
                                    softmax_uniform_log_output(&u, vf64w_sub(md, vf64w_widen(c[j])),
                                                               vf64w_widen(g[j])),
                                    gradient);
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

/*
 * log1p(T) for T = th + tl (|tl| <= 2^-23 th, 0 <= T < 16) in float, the
 * block form's L: u = fl(1 + th) and c = 1 + T - u (Fast2Sum's error,
 * larger operand first, plus tl); u = 2^e z with the exponent taken from
 * u + 2^19 (in bits), so that z lies in [0.96875, 1.9375) and the bin i =
 * (bits of u + 2^19) >> 20, low three bits, is round(8(z - 1)) for z >= 1
 * and 0 below (no float rounding, no clamp); c_i and -log(c_i) as hi + lo
 * from log1p.h's 8-entry tables (one vpermps each), r = z*c_i - 1 exact
 * (FMA; z - 1 in bin 0), |r| <= 0.094.  Where u < 1 + 1/16 (e = 0, bin 0)
 * r = th and c = tl instead (exact: u - 1 would drop th's low bits).  Then
 *     log1p(T) = e ln2 - log(c_i) + log1p(r) + log1p(c/u),
 * log1p(r) = r + r^2 q(r) with log1p_table_accurate_poly (q of degree 5,
 * 2^-33.75; Estrin's order), c/u = c*c_i*2^-e/(1 + r) ~ c*c_i*2^-e*(1 -
 * r + r^2), e ln2_hi + (-log c_i)_hi and then + r by Fast2Sum (e ln2_hi
 * exact: ln2_hi has 21 bits, e <= 4; each first operand is the larger or
 * 0), every small term in the tail, one rounding of hi + tail.  The
 * double form it replaces (log1p_f64w: two double divisions per vector of
 * double lanes) cost about 0.37 of the AVX2 kernel's 1.24 TSC ticks per
 * element.  Lanes of rows the block does not store may hold anything.
 */
#define LOG_SOFTMAX_LN2_HI 0x1.62e43p-1f
#define LOG_SOFTMAX_LN2_LO -0x1.05c61p-29f

static inline vf32 log_softmax_log1p_block(vf32 th, vf32 tl, struct log1p_tables tables)
{
    const vf32 one = vf32_set1(1.0f);
    vf32 u = vf32_add(th, one);
    vf32 c = vf32_add(vf32_sub(vf32_min(th, one), vf32_sub(u, vf32_max(th, one))), tl);
    vi32 bits = vf32_as_vi32(u);
    vi32 shifted = vi32_add(bits, vi32_set1(0x00080000));
    vi32 exponent_bits = vi32_and(shifted, vi32_set1(0x7f800000));
    vf32 z = vi32_as_vf32(vi32_sub(bits, vi32_sub(exponent_bits, vi32_set1(0x3f800000))));
    vf32 down = vi32_as_vf32(vi32_sub(vi32_set1(0x7f000000), exponent_bits)); /* 2^-e */
    vf32 e = vf32_sub(vi32_to_vf32(vi32_shr(exponent_bits, 23)), vf32_set1(127.0f));
    vi32 i = vi32_shr(shifted, 20);
    vf32 invc = vf32_table8_lookup(tables.invc, i);
    vf32 log_hi = vf32_table8_lookup(tables.log_hi, i);
    vf32 log_lo = vf32_table8_lookup(tables.log_lo, i);
    vmask32 near = vf32_lt(u, vf32_set1(0x1.1p0f));
    vf32 r = vf32_select(near, th, vf32_fmsub(z, invc, one));
    c = vf32_select(near, tl, c);
    const float *q = log1p_table_accurate_poly;
    vf32 r2 = vf32_mul(r, r);
    vf32 q01 = vf32_fmadd(vf32_set1(q[1]), r, vf32_set1(q[0]));
    vf32 q23 = vf32_fmadd(vf32_set1(q[3]), r, vf32_set1(q[2]));
    vf32 q45 = vf32_fmadd(vf32_set1(q[5]), r, vf32_set1(q[4]));
    vf32 p = vf32_fmadd(vf32_fmadd(q45, r2, q23), r2, q01);
    vf32 delta = vf32_mul(c, vf32_mul(invc, down));
    delta = vf32_fmadd(delta, vf32_sub(r2, r), delta);
    vf32 e_hi = vf32_mul(e, vf32_set1(LOG_SOFTMAX_LN2_HI));
    vf32 a = vf32_add(e_hi, log_hi);
    vf32 a_err = vf32_sub(log_hi, vf32_sub(a, e_hi));
    vf32 sum = vf32_add(a, r);
    vf32 sum_err = vf32_sub(r, vf32_sub(sum, a));
    vf32 small = vf32_add(vf32_add(a_err, sum_err), vf32_add(vf32_fmadd(e, vf32_set1(LOG_SOFTMAX_LN2_LO), log_lo), delta));
    return vf32_add(sum, vf32_fmadd(r2, p, small));
}

/*
 * Rows of 16, fast tier, from x itself (softmax.h's scaled exponentials:
 * E'_j = 2^27 e^(x_j - c), c = K u near m, no x - m rounded and no
 * TwoSum), VF32_LANES rows at a time in memory order (vf32_rows16_max and
 * _add, no transpose).  With U = the float sum of E' over the entries
 * below m and 1/E'_m = e^(c' - m) in double (c' = c - 27 ln2 from the
 * shifter; exp_poly_accurate_f64w, once per row), T = U / E'_m as the
 * rows' T is defined (as a float pair th + tl), and
 *     y_i = (x_i - m) - L,  L = log_softmax_log1p_block(th, tl):
 * both terms <= 0, x_i - m rounded once (the rows' TwoSum is not needed
 * for the tier's 4 ulp).  Each row is decided on its own: a row with |m|
 * > SOFTMAX_FAST_RANGE, an entry whose E' is not a normal float (kd <
 * near: x - c < -86.6, -inf, NaN) or more than one entry equal to its
 * maximum is left to row_fn (log_softmax_fast_rows: TwoSum, ties, the
 * exact path), the block's other rows are stored; a last partial block
 * runs through a padded copy, so that a row's result depends neither on
 * its neighbours nor on its position.
 */
__attribute__((always_inline)) static inline unsigned
log_softmax_scaled_block(const float *x, float *y, scaled_exp_fn exp, row_shift_fn row_shift, float near,
                         double step, const void *context)
{
    vf32 v[16], rest[16];
    unsigned bad = 0, ties[16] = {0};
    for (int j = 0; j < 16; j++)
        v[j] = vf32_load(x + j * VF32_LANES);
    const vf32 m = vf32_rows16_max(v);
    const unsigned all = vmask32_bits(vf32_eq(vf32_zero(), vf32_zero()));
    bad |= all & ~vmask32_bits(vf32_le(vf32_abs(m), vf32_set1(SOFTMAX_FAST_RANGE)));
    /* a row out of range gets a harmless m (its lanes are not stored) */
    const vf32 m_used = vf32_select(vf32_le(vf32_abs(m), vf32_set1(SOFTMAX_FAST_RANGE)), m, vf32_zero());
    const vf32 shift = row_shift(m_used);
#pragma GCC unroll 16
    for (int j = 0; j < 16; j++) {
        const int row = j * VF32_LANES / 16;
        vf32 kd;
        vf32 e = exp(v[j], vf32_rows16_spread(shift, j), context, &kd);
        if (vmask32_bits(vf32_ge(kd, vf32_set1(near))) != all)
            bad |= 1u << row;
        vmask32 top = vf32_eq(v[j], vf32_rows16_spread(m, j));
        rest[j] = vf32_zero_where(top, e);
        ties[row] += (unsigned)__builtin_popcount(vmask32_bits(top));
    }
    for (int r = 0; r < VF32_LANES; r++)
        if (ties[r] != 1)
            bad |= 1u << r;
    const vf64w c = vf64w_mul(vf64w_sub(vf64w_set1(0x1.8p23), vf64w_widen(shift)), vf64w_set1(step));
    /* 1 / E'_m = e^(c' - m): a product instead of a division; as a float
     * pair, so that T = U / E'_m is one too (th + tl, within 2^-47) */
    const vf64w top_reciprocal = exp_poly_accurate_f64w(vf64w_sub(vf64w_widen(m_used), c));
    const vf32 reciprocal_hi = vf64w_narrow(top_reciprocal);
    const vf32 reciprocal_lo = vf64w_narrow(vf64w_sub(top_reciprocal, vf64w_widen(reciprocal_hi)));
    const vf32 u = vf32_rows16_add(rest);
    const vf32 th = vf32_mul(u, reciprocal_hi);
    const vf32 tl = vf32_fmadd(u, reciprocal_lo, vf32_fmsub(u, reciprocal_hi, th));
    const vf32 lse = log_softmax_log1p_block(th, tl, log1p_load());
#pragma GCC unroll 16
    for (int j = 0; j < 16; j++) {
        const int row = j * VF32_LANES / 16;
        if (bad >> row & 1)
            continue;
        vf32 xv = vf32_load(x + j * VF32_LANES);
        vf32_store(y + j * VF32_LANES,
                   vf32_sub(vf32_sub(xv, vf32_rows16_spread(m, j)), vf32_rows16_spread(lse, j)));
    }
    return bad;
}

/* the rows of 16 by blocks (bad rows by row_fn), the last partial block
 * through a copy padded with rows 0, 1, ..., 15; other lengths by row_fn */
__attribute__((always_inline)) static inline void
log_softmax_scaled_forward(const float *x, float *y, size_t n, size_t length, scaled_exp_fn exp,
                           row_shift_fn row_shift, float near, double step, row_forward_fn row_fn,
                           const void *context)
{
    if (length != ROW_DEFAULT_LENGTH) {
        if (length)
            rows_forward_any(x, y, n, length, row_fn, context);
        return;
    }
    const struct row_shape one_row = {ROW_DEFAULT_LENGTH / VF32_LANES, ROW_DEFAULT_LENGTH % VF32_LANES};
    size_t r = 0;
    for (; r + ROW_BLOCK <= n; r += ROW_BLOCK) {
        unsigned bad = log_softmax_scaled_block(x + r, y + r, exp, row_shift, near, step, context);
        for (int i = 0; bad; i++, bad >>= 1)
            if (bad & 1)
                row_fn(x + r + (size_t)i * 16, y + r + (size_t)i * 16, one_row, 1, context);
    }
    if (r < n) {
        float xb[ROW_BLOCK], yb[ROW_BLOCK];
        const size_t rest = n - r;
        for (size_t i = 0; i < ROW_BLOCK; i++)
            xb[i] = i < rest ? x[r + i] : (float)(i % 16);
        unsigned bad = log_softmax_scaled_block(xb, yb, exp, row_shift, near, step, context);
        for (size_t i = 0; i < rest / 16; i++) {
            if (bad >> i & 1)
                row_fn(x + r + i * 16, y + r + i * 16, one_row, 1, context);
            else
                for (size_t k = 0; k < 16; k++)
                    y[r + i * 16 + k] = yb[i * 16 + k];
        }
    }
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
            /* a NaN y (a row with a NaN or +inf) stays NaN: the poly
             * form's exponent addition can turn it into a number */
            ev = vf32_select(vf32_isnan(minus_y), minus_y, ev);
            row_store(dx + g * length, v, s, vf32_fnmadd(ev, sum[g], row_load(dy + g * length, v, s, 0.0f)));
        }
    return true;
}

#endif
