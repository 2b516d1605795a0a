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
 *             as impls/math/softmax_exp.h writes it (ln2 in one double:
 *             2^-33.5 or 2^-34.3, plus under 2^-45.2 from the
 *             reduction), S = sum E_i in double, y_i = E_i *
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
 *   order     S and C add their 16 terms (E_j; p_j (dy_a - dy_j), each
 *             product rounded) in the one order of impls/math/rows.h
 *             (columns16_sum_f64w) on every path -- blocks, groups, a row
 *             alone, the AVX2 pipelined forward, in place or apart -- and
 *             dy_a is the dy of the last entry equal to the maximum: a
 *             row's outputs never depend on where it lies in the call.
 *             Cost against the former orders (the blocks column after
 *             column, the pipelined forward four lanes then pairs; L1
 *             cycles per element, medians of four alternating runs on
 *             AMD Zen 5, `build/actbench -A softmax,log_softmax -m
 *             poly,table -f f32 --speed-only --modes
 *             throughput,gradient_throughput --budget 0.2`): AVX2 and
 *             AVX-512F forward +0.9% to +2.9%, gradient -1.0% to +4.9%;
 *             the scalar kernels 16% to 32% faster, their chains of 16
 *             dependent additions now a tree.
 * Fast tier (float; softmax_scaled_rows and _block below):
 *   value     E'_i = 2^27 e^(x_i - c), c = K u an offset next to m (u =
 *             ln2/8 or ln2), from x itself (x - m is never rounded:
 *             e^(m - c) cancels in E_i / S), S = the sum of the E'_i
 *             rounded to integers (exact in any order), y_i = E'_i (r +
 *             r_lo) with 1/S in two floats, rounded once.  Rows of 16 run
 *             a block of VF32_LANES rows in memory order with 32-bit
 *             integer sums; entries more than 86.6 below c add 0 and take
 *             y_i from double off the hot path, in the rows.
 *   gradient  the usual y (.) (dy - <dy, y>) from the forward's y, the dot
 *             product in float: what the form costs, its accuracy that of
 *             the peers (the fast tier promises its value, not its
 *             gradient).
 * The functions of the earlier float form (TwoSum of m - x, exp(-(d +
 * dl))) remain for log_softmax.h.
 * Rows holding a NaN or an infinite maximum (NaN reaches the row's sum
 * through every step, so the check is one scalar test per row) go to
 * softmax_row_exact / softmax_row_gradient_exact (impls/softmax/
 * softmax_rows.c), which follow the catalog's conventions in double.
 */
#ifndef ACTBENCH_MATH_SOFTMAX_H
#define ACTBENCH_MATH_SOFTMAX_H

#include <math.h>
#include <stdint.h>

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

/*
 * Near-uniform rows (spread m - min x <= 2^-10: every p_j within 2^-10 of
 * 1/k).  There the form above leaves an error of 2^-50 of
 * sum_j p_j |dy_a - dy_j| (p's relative error), while dy_i - <dy, p> can
 * cancel to the rows' spread times that sum: at x near 2^-79 a row of 16
 * consecutive floats has a gradient of 2^-107 that the form gives as 0.
 * With M_j = expm1(-a_j) and S = k + sum M_j,
 *     dy_i - <dy, p> = (R1_i + R2_i) / S,
 *     R1_i = sum_j (dy_i - dy_j) = k (dy_i - dy_a) + T,  T = sum_j (dy_a - dy_j),
 *     R2_i = sum_j M_j (dy_i - dy_j) = dy_i sum M_j - sum M_j dy_j:
 * T is summed exactly (two-sums: the differences of floats are exact in
 * double), R1_i is one rounding of an exact sum for k a power of two (the
 * catalog's 16), and R2_i carries errors of 2^-52 max |M_j| = 2^-62 of the
 * terms it sums; dx_i = (1 + M_i) (R1_i + R2_i) / S^2.  M_j is Taylor's
 * polynomial to a^5 (its remainder under 2^-59 of M_j).  The steps are
 * lane-wise, so the rows of a block and a row taken alone (its entries
 * broadcast) give the same bits on every ISA.
 */
#define SOFTMAX_UNIFORM_SPREAD 0x1p-10

struct softmax_uniform {
    vf64w dya, k;        /* the reference dy_a, the row length */
    vf64w th, tl;        /* T as two doubles */
    vf64w ah, al;        /* sum a_j as two doubles */
    vf64w sn;            /* sum N_j */
    vf64w sm, smd;       /* sum M_j, sum M_j dy_j */
    vf64w reciprocal;    /* 1/S */
};

/* N = expm1(-a) + a = a^2 (1/2 - a/6 + a^2/24 - a^3/120), 0 <= a <= 2^-10 */
static inline vf64w softmax_uniform_nonlinear(vf64w a)
{
    vf64w q = vf64w_fmadd(a, vf64w_set1(-1.0 / 120.0), vf64w_set1(1.0 / 24.0));
    q = vf64w_fmadd(a, q, vf64w_set1(-1.0 / 6.0));
    q = vf64w_fmadd(a, q, vf64w_set1(0.5));
    return vf64w_mul(vf64w_mul(a, a), q);
}

/* expm1(-a) = N - a */
static inline vf64w softmax_uniform_expm1(vf64w a)
{
    return vf64w_sub(softmax_uniform_nonlinear(a), a);
}

static inline void softmax_uniform_start(struct softmax_uniform *u, vf64w dya, double k)
{
    u->dya = dya;
    u->k = vf64w_set1(k);
    u->th = u->tl = u->ah = u->al = u->sn = u->sm = u->smd = u->reciprocal = vf64w_set1(0.0);
}

/* s + e = a + b exactly */
static inline void softmax_uniform_two_sum(vf64w a, vf64w b, vf64w *s, vf64w *e)
{
    *s = vf64w_add(a, b);
    const vf64w bb = vf64w_sub(*s, a);
    *e = vf64w_add(vf64w_sub(a, vf64w_sub(*s, bb)), vf64w_sub(b, bb));
}

/* entry j: a_j = m - x_j (exact), g its dy */
static inline void softmax_uniform_add(struct softmax_uniform *u, vf64w a, vf64w g)
{
    vf64w t, e;
    softmax_uniform_two_sum(u->th, vf64w_sub(u->dya, g), &t, &e);
    u->th = t;
    u->tl = vf64w_add(u->tl, e);
    softmax_uniform_two_sum(u->ah, a, &t, &e);
    u->ah = t;
    u->al = vf64w_add(u->al, e);
    const vf64w nj = softmax_uniform_nonlinear(a), mj = vf64w_sub(nj, a);
    u->sn = vf64w_add(u->sn, nj);
    u->sm = vf64w_add(u->sm, mj);
    u->smd = vf64w_fmadd(mj, g, u->smd);
}

static inline void softmax_uniform_finish(struct softmax_uniform *u)
{
    u->reciprocal = vf64w_div(vf64w_set1(1.0), vf64w_add(u->k, u->sm));
}

/* R1 = k (g - dya) + th + tl: the product exact for k a power of two,
 * its sum with th by a two-sum */
static inline vf64w softmax_uniform_r1(const struct softmax_uniform *u, vf64w g)
{
    vf64w s, e;
    softmax_uniform_two_sum(vf64w_mul(u->k, vf64w_sub(g, u->dya)), u->th, &s, &e);
    return vf64w_add(s, vf64w_add(e, u->tl));
}

static inline vf64w softmax_uniform_output(const struct softmax_uniform *u, vf64w a, vf64w g)
{
    const vf64w r1 = softmax_uniform_r1(u, g);
    const vf64w r2 = vf64w_fmadd(g, u->sm, vf64w_sub(vf64w_set1(0.0), u->smd));
    const vf64w p = vf64w_mul(vf64w_add(vf64w_set1(1.0), softmax_uniform_expm1(a)), u->reciprocal);
    return vf64w_mul(p, vf64w_mul(vf64w_add(r1, r2), u->reciprocal));
}

/* log_softmax's dy_i - p_i D (D = sum dy_j) on the same rows: with
 * D = k dy_i - R1_i,
 *     (k dy_i - D + dy_i sum M_j - M_i D) / S
 *         = (R1_i (1 + M_i) + dy_i (sum M_j - k M_i)) / S,
 *     sum M_j - k M_i = (k a_i - sum a_j) + (sum N_j - k N_i),
 * N = M + a (second order), sum a_j in two doubles: the linear part
 * exact for k a power of two, where a_i at the rows' mean cancels it */
static inline vf64w softmax_uniform_log_output(const struct softmax_uniform *u, vf64w a, vf64w g)
{
    const vf64w r1 = softmax_uniform_r1(u, g);
    vf64w s, e;
    softmax_uniform_two_sum(vf64w_mul(u->k, a), vf64w_sub(vf64w_set1(0.0), u->ah), &s, &e);
    const vf64w linear = vf64w_add(s, vf64w_sub(e, u->al));
    const vf64w ni = softmax_uniform_nonlinear(a);
    const vf64w spread = vf64w_add(linear, vf64w_fnmadd(u->k, ni, u->sn));
    const vf64w one_plus_m = vf64w_add(vf64w_set1(1.0), vf64w_sub(ni, a));
    return vf64w_mul(vf64w_fmadd(r1, one_plus_m, vf64w_mul(g, spread)), u->reciprocal);
}

/* a finite row of length entries whose spread is within
 * SOFTMAX_UNIFORM_SPREAD, alone: its entries broadcast to every lane */
static inline void softmax_uniform_row_gradient(const float *x, const float *dy, float *dx, size_t length,
                                                size_t a, bool logarithmic)
{
    const vf64w md = vf64w_widen(vf32_set1(x[a]));
    struct softmax_uniform u;
    softmax_uniform_start(&u, vf64w_widen(vf32_set1(dy[a])), (double)length);
    for (size_t j = 0; j < length; j++)
        softmax_uniform_add(&u, vf64w_sub(md, vf64w_widen(vf32_set1(x[j]))), vf64w_widen(vf32_set1(dy[j])));
    softmax_uniform_finish(&u);
    float out[ROW_CACHED_VECTORS * 16];
    for (size_t j0 = 0; j0 < length; j0 += sizeof out / sizeof out[0]) {
        const size_t count = length - j0 < sizeof out / sizeof out[0] ? length - j0 : sizeof out / sizeof out[0];
        for (size_t j = 0; j < count; j++) {
            const vf64w aj = vf64w_sub(md, vf64w_widen(vf32_set1(x[j0 + j])));
            const vf64w gj = vf64w_widen(vf32_set1(dy[j0 + j]));
            out[j] = (float)vf64w_lane0(logarithmic ? softmax_uniform_log_output(&u, aj, gj)
                                                    : softmax_uniform_output(&u, aj, gj));
        }
        for (size_t j = 0; j < count; j++) /* after reading: dx may be x or dy */
            dx[j0 + j] = out[j];
    }
}

/* The row path's near-uniform rows (finite rows): true when one of the
 * group's rows is near-uniform, with *done what the row function returns
 * (false for a group: its rows then come one by one; a row alone is
 * written here) */
static inline bool softmax_uniform_rows(const float *x, const float *dy, float *dx, struct row_shape s,
                                        size_t group, const vf32 *m, bool logarithmic, bool *done)
{
    const size_t length = row_length(s);
    for (size_t g = 0; g < group; g++) {
        const float *row = x + g * length;
        const float top = vf32_lane0(m[g]);
        if ((double)top - (double)row_min(row, s) <= SOFTMAX_UNIFORM_SPREAD) {
            *done = group == 1;
            if (group == 1) {
                size_t a = 0;
                for (size_t j = 0; j < length; j++)
                    if (row[j] == top)
                        a = j; /* the last, as the blocks take it */
                softmax_uniform_row_gradient(row, dy, dx, length, a, logarithmic);
            }
            return true;
        }
    }
    return false;
}

/* The blocks' near-uniform lanes (impls/math/rows.h's columns): their
 * mask, and u summed over the 16 columns when any lane is one, dy_a the
 * dy of the last column holding the row's maximum m */
static inline bool softmax_uniform_columns(const vf32 c[16], const vf32 g[16], vf32 m, struct softmax_uniform *u,
                                           vmask64w *uniform)
{
    const vf64w md = vf64w_widen(m);
    *uniform = vf64w_le(vf64w_sub(md, vf64w_widen(columns16_min(c))), vf64w_set1(SOFTMAX_UNIFORM_SPREAD));
    softmax_uniform_start(u, vf64w_set1(0.0), 16.0);
    if (!vmask64w_any(*uniform))
        return false;
    u->dya = vf64w_widen(columns16_last_equal(c, m, g));
    for (int j = 0; j < 16; j++)
        softmax_uniform_add(u, vf64w_sub(md, vf64w_widen(c[j])), vf64w_widen(g[j]));
    softmax_uniform_finish(u);
    return true;
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
    bool done;
    if (softmax_uniform_rows(x, dy, dx, s, group, m, false, &done))
        return done;
    const vf64w packed_reciprocal = vf64w_div(vf64w_set1(1.0), total);
    for (size_t g = 0; g < group; g++) {
        reciprocal[g] = rows_spread_f64w(packed_reciprocal, g, group);
        dya[g] = vf64w_set1((double)dy[g * length + row_last_equal(x + g * length, s, m[g])]);
        c[g] = vf64w_set1(0.0);
    }
    for (size_t v = 0; v < count; v++)
        for (size_t g = 0; g < group; g++) {
            vf64w ev = cached ? e[g][v]
                              : exp(softmax_wide_argument(md[g], row_load(x + g * length, v, s, -INFINITY)), context);
            vf64w gv = vf64w_widen(row_load(dy + g * length, v, s, 0.0f));
            if (cached)
                gw[g][v] = gv;
            c[g] = vf64w_add(c[g], vf64w_mul(vf64w_mul(ev, reciprocal[g]), vf64w_sub(dya[g], gv)));
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
 * over the columns, each sum in the row function's order
 * (columns16_sum_f64w), so that a row gives the same bits in a block and
 * alone */
__attribute__((always_inline)) static inline bool
softmax_accurate_block(const float *x, float *y, exp_wide_fn exp, const void *context)
{
    vf32 c[16];
    vf64w e[16];
    vf32_load_columns16(x, c);
    const vf32 m = columns16_max(c);
    const vf64w md = vf64w_widen(m);
    for (int j = 0; j < 16; j++)
        e[j] = exp(softmax_wide_argument(md, c[j]), context);
    const vf64w total = columns16_sum_f64w(e);
    if (vmask64w_any(vf64w_isnan(total)) || vf32_any_infinite(m))
        return false;
    const vf64w reciprocal = vf64w_div(vf64w_set1(1.0), total);
    for (int j = 0; j < 16; j++)
        c[j] = vf64w_narrow(vf64w_mul(e[j], reciprocal));
    vf32_store_columns16(y, c);
    return true;
}

/* the reference point dy_a is the dy of the last column holding the row's
 * maximum (any entry equal to it has E = 1 exactly), as the row function
 * takes it (row_last_equal) */
__attribute__((always_inline)) static inline bool
softmax_accurate_gradient_block(const float *x, const float *dy, float *dx, exp_wide_fn exp,
                                const void *context)
{
    vf32 c[16], g[16];
    vf64w p[16];
    vf32_load_columns16(x, c);
    const vf32 m = columns16_max(c);
    const vf64w md = vf64w_widen(m);
    for (int j = 0; j < 16; j++)
        p[j] = exp(softmax_wide_argument(md, c[j]), context);
    const vf64w total = columns16_sum_f64w(p);
    if (vmask64w_any(vf64w_isnan(total)) || vf32_any_infinite(m))
        return false;
    const vf64w reciprocal = vf64w_div(vf64w_set1(1.0), total);
    vf32_load_columns16(dy, g);
    const vf64w dya = vf64w_widen(columns16_last_equal(c, m, g));
    vf64w terms[16];
    for (int j = 0; j < 16; j++) {
        p[j] = vf64w_mul(p[j], reciprocal);
        terms[j] = vf64w_mul(p[j], vf64w_sub(dya, vf64w_widen(g[j])));
    }
    const vf64w cc = columns16_sum_f64w(terms);
    /* near-uniform rows (lanes) take the form without cancellation */
    vmask64w uniform;
    struct softmax_uniform u;
    const bool any_uniform = softmax_uniform_columns(c, g, m, &u, &uniform);
    for (int j = 0; j < 16; j++) {
        vf64w difference = vf64w_add(vf64w_sub(vf64w_widen(g[j]), dya), cc);
        vf64w out = vf64w_mul(p[j], difference);
        if (any_uniform)
            out = vf64w_select(uniform,
                               softmax_uniform_output(&u, vf64w_sub(md, vf64w_widen(c[j])), vf64w_widen(g[j])),
                               out);
        c[j] = vf64w_narrow(out);
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

/* exp(-r) = 1 + (r^2*q(r) - r), q softmax_exp_poly6's degree-4 part
 * (2^-28.2 on |r| <= ln2/2), times 2^k from the shifter kd's low bits */
static inline vf32 softmax_exp_poly6_scaled(vf32 r, vf32 kd)
{
    const float *c = softmax_exp_poly6;
    vf32 r2 = vf32_mul(r, r);
    vf32 q = vf32_fmadd(vf32_set1(c[4]), r, vf32_set1(c[3]));
    q = vf32_fmadd(q, r, vf32_set1(c[2]));
    q = vf32_fmadd(q, r, vf32_set1(c[1]));
    q = vf32_fmadd(q, r, vf32_set1(c[0]));
    vf32 p = vf32_add(vf32_set1(1.0f), vf32_fmsub(r2, q, r));
    return vi32_as_vf32(vi32_add(vf32_as_vi32(p), vi32_shl(vf32_as_vi32(kd), 23)));
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
    return softmax_exp_poly6_scaled(r, kd);
}

/*
 * The fast tier from x itself.  e^(x - c) for any c cancels in E_i / S, so
 * the kernels take c = K u, u = ln2/8 (table form) or ln2 (poly form) and K
 * an integer next to m/u (a multiple of 8 for the table's index), and
 * reduce x directly: k = round(x/u), r' = k u - x (the first of the two
 * FMAs exact, as in exp's own reduction, for |x| <= SOFTMAX_FAST_RANGE), and
 * E'_i = 2^27 e^(x_i - c) = 2^((k - K)/u' + 27) e^(-r'), the offset and the
 * 2^27 folded into the rounding shifter (shift = 0x1.8p23 - K + 27 steps).
 * x - m is never formed, so it is never rounded: no TwoSum.  The row's
 * largest E' is in [2^26.9, 2^28) (table) or [2^26.5, 2^27.5] (poly): the
 * sum of a row of 16 E' rounded to integers fits 32 bits unsigned, adds
 * without rounding in any order (one integer add per vector), and
 * rounding each term cost at most 2^-24.9 (table) and 2^-24.5 (poly) of S.
 * y_i = E'_i * (1/S) with 1/S as two floats (softmax_reciprocal), one
 * rounding.
 */
#define SOFTMAX_FAST_RANGE 4096.0f
#define SOFTMAX_SCALE_LOG2 27

/* the row's shifter for the table form: K = round(8m/ln2) with its low 3
 * bits cleared, shift = 0x1.8p23 - K + 8*27 (an integer below 2^23: exact) */
static inline vf32 softmax_table_shift(vf32 m)
{
    const vf32 shift = vf32_set1(0x1.8p23f);
    vf32 km = vf32_fmadd(m, vf32_set1(0x1.715476p+3f), shift);
    vf32 k_aligned = vf32_sub(vi32_as_vf32(vi32_and(vf32_as_vi32(km), vi32_set1(~7))), shift);
    return vf32_sub(vf32_set1(0x1.8p23f + 8 * SOFTMAX_SCALE_LOG2), k_aligned);
}

/* the row's shifter for the poly form: K = round(m/ln2), shift =
 * 0x1.8p23 - K + 27 */
static inline vf32 softmax_poly_shift(vf32 m)
{
    const vf32 shift = vf32_set1(0x1.8p23f);
    vf32 k = vf32_sub(vf32_fmadd(m, vf32_set1(0x1.715476p+0f), shift), shift);
    return vf32_sub(vf32_set1(0x1.8p23f + SOFTMAX_SCALE_LOG2), k);
}

/* E' = 2^27 e^(x - c), table form: exp_table_fast's 2^(j/8) tables and
 * degree-3 polynomial in r' (2^-25.2) */
static inline vf32 softmax_scaled_exp_table(vf32 x, vf32 shift, struct exp_table_tables t, vf32 *kd_out)
{
    const vf32 ln2_over_8_hi = vf32_set1(0x1.62e4p-4f);    /* 15 bits */
    const vf32 ln2_over_8_lo = vf32_set1(0x1.7f7d1cp-23f); /* ln2/8 - hi */
    vf32 kd = vf32_fmadd(x, vf32_set1(0x1.715476p+3f), shift);
    vf32 k = vf32_sub(kd, shift);
    *kd_out = kd;
    vf32 r = vf32_fmsub(k, ln2_over_8_hi, x);
    r = vf32_fmadd(k, ln2_over_8_lo, r);
    vf32 hi = exp_table_scale_of(kd, t.scale);
    const float *c = exp_table_fast_poly;
    vf32 q = vf32_fmadd(vf32_set1(c[1]), r, vf32_set1(c[0]));
    vf32 lo_minus_r = vf32_sub(vf32_table8_lookup(t.lo_relative, vf32_as_vi32(kd)), r);
    return vf32_fmadd(hi, vf32_fmadd(vf32_mul(r, r), q, lo_minus_r), hi);
}

/* E' = 2^27 e^(x - c), poly form: softmax_exp_poly6's degree-6
 * polynomial in r' on [-ln2/2, ln2/2] (2^-28.2), 2^(k - K + 27) added to
 * the exponent */
static inline vf32 softmax_scaled_exp_poly(vf32 x, vf32 shift, vf32 *kd_out)
{
    const vf32 ln2_hi = vf32_set1(0x1.62e4p-1f);    /* 15 bits */
    const vf32 ln2_lo = vf32_set1(0x1.7f7d1cp-20f); /* ln2 - hi */
    vf32 kd = vf32_fmadd(x, vf32_set1(0x1.715476p+0f), shift);
    vf32 k = vf32_sub(kd, shift);
    *kd_out = kd;
    vf32 r = vf32_fmsub(k, ln2_hi, x);
    r = vf32_fmadd(k, ln2_lo, r);
    return softmax_exp_poly6_scaled(r, kd);
}

/* a form of E' bound to the kernel's tables, and its step u (ln2/8 or ln2)
 * with the shifter of its rows */
typedef vf32 (*scaled_exp_fn)(vf32 x, vf32 shift, const void *context, vf32 *kd);
typedef vf32 (*row_shift_fn)(vf32 m);

/* the entries whose E' is a normal float: k - K >= -1000 steps of ln2/8
 * (x - c >= -86.6) or -125 of ln2, E' >= 2^-98.5; kd = 0x1.8p23 + k - K +
 * 27 steps, so the test is one compare of kd with a constant, the same for
 * every row.  Below it (and at NaN, -inf) a block goes row by row, and the
 * rows set E' to 0 for the sum and take y from double. */
#define SOFTMAX_TABLE_NEAR (0x1.8p23f + 8 * SOFTMAX_SCALE_LOG2 - 1000)
#define SOFTMAX_POLY_NEAR (0x1.8p23f + SOFTMAX_SCALE_LOG2 - 125)

/* y = E' (r + r_lo), 1/S in two floats, rounded once: where E' = S (a row
 * whose other entries add nothing) y is exactly 1, which the gradient's
 * dy - <dy, y> needs to cancel exactly */
static inline vf32 softmax_scaled_product(vf32 e, vf32 r, vf32 r_lo)
{
    return vf32_fmadd(e, r, vf32_mul(e, r_lo));
}

/* 1/S as r + r_lo (relative error below 2^-45) from S = s_hi + s_lo,
 * s_hi the float nearest to the integer S and s_lo the exact rest: r = 1/s_hi
 * rounded (one float division per row; the double division it replaced,
 * with its conversions, cost about 12% of the AVX2 table kernel's cycles),
 * 1 - s_hi*r exact by FMA, r_lo = r (1 - s_hi r - s_lo r).  Where E' = S,
 * E'(r + r_lo) is within 2^-44 of 1 and y rounds to exactly 1.  The block
 * form and the rows form both take it, so they give the same bits. */
static inline void softmax_reciprocal(vf32 s_hi, vf32 s_lo, vf32 *r, vf32 *r_lo)
{
    *r = vf32_div(vf32_set1(1.0f), s_hi);
    vf32 residual = vf32_fnmadd(s_lo, *r, vf32_fnmadd(s_hi, *r, vf32_set1(1.0f)));
    *r_lo = vf32_mul(*r, residual);
}

/* y where x < m - 87: 2^27 e^(x - c) / S in double, rounded once
 * (subnormal or zero results); c - 27 ln2 = (0x1.8p23 - shift) u.  Off
 * the hot path. */
static __attribute__((noinline, unused)) vf32 softmax_scaled_special_case(vf32 shift, double step, vf32 x,
                                                                          vf64w total, vf32 y, vmask32 big)
{
    vf64w k = vf64w_sub(vf64w_set1(0x1.8p23), vf64w_widen(shift));
    vf64w c = vf64w_mul(k, vf64w_set1(step));
    vf64w a = vf64w_min(vf64w_set1(150.0), vf64w_sub(c, vf64w_widen(x)));
    vf64w v = vf64w_div(exp_poly_accurate_f64w(a), total);
    return vf32_select(big, vf64w_narrow(v), y);
}

/* whether a lane of m is out of the range the reduction takes (NaN,
 * infinite, or beyond SOFTMAX_FAST_RANGE) */
static inline bool softmax_scaled_out_of_range(vf32 m)
{
    vmask32 in = vf32_le(vf32_abs(m), vf32_set1(SOFTMAX_FAST_RANGE));
    return vmask32_bits(in) != vmask32_bits(vf32_eq(vf32_zero(), vf32_zero()));
}

__attribute__((always_inline)) static inline bool
softmax_scaled_rows(const float *x, float *y, struct row_shape s, size_t group, scaled_exp_fn exp,
                    row_shift_fn row_shift, float near, double step, const void *context)
{
    const size_t count = row_vector_count(s), length = row_length(s);
    const bool cached = row_cached(s);
    vf32 m[ROW_GROUP], shift[ROW_GROUP], reciprocal[ROW_GROUP], reciprocal_lo[ROW_GROUP];
    vf64w sum[ROW_GROUP], total[ROW_GROUP];
    vf32 e[ROW_GROUP][ROW_CACHED_VECTORS];
    vmask32 any_big = vmask32_false();
    rows_max(x, s, group, m);
    bool special = false;
    for (size_t g = 0; g < group; g++) {
        special |= softmax_scaled_out_of_range(m[g]);
        shift[g] = row_shift(m[g]);
        sum[g] = vf64w_set1(0.0);
    }
    if (!special)
        for (size_t v = 0; v < count; v++)
            for (size_t g = 0; g < group; g++) {
                vf32 kd;
                vf32 ev = exp(row_load(x + g * length, v, s, -INFINITY), shift[g], context, &kd);
                vmask32 big = vf32_lt(kd, vf32_set1(near));
                ev = vf32_zero_where(big, ev);
                if (cached)
                    e[g][v] = ev;
                sum[g] = vf64w_add(sum[g], vf64w_widen(vf32_round_nearest(ev)));
                any_big = vmask32_or(any_big, big);
            }
    const vf64w packed_total = rows_add_packed_f64w(sum, group);
    if (special || vmask64w_any(vf64w_isnan(packed_total))) {
        if (group > 1)
            return false;
        softmax_row_exact(x, y, length);
        return true;
    }
    for (size_t g = 0; g < group; g++) {
        /* the total is an integer below 2^32, exact in double: s_hi its
         * nearest float, s_lo the exact rest */
        total[g] = rows_spread_f64w(packed_total, g, group);
        vf32 s_hi = vf64w_narrow(total[g]);
        vf32 s_lo = vf64w_narrow(vf64w_sub(total[g], vf64w_widen(s_hi)));
        softmax_reciprocal(s_hi, s_lo, &reciprocal[g], &reciprocal_lo[g]);
    }
    const bool fix = vmask32_any(any_big);
    for (size_t v = 0; v < count; v++)
        for (size_t g = 0; g < group; g++) {
            vf32 xv = row_load(x + g * length, v, s, -INFINITY), kd;
            vf32 ev = exp(xv, shift[g], context, &kd);
            vmask32 big = vf32_lt(kd, vf32_set1(near));
            if (cached)
                ev = e[g][v];
            vf32 yv = softmax_scaled_product(vf32_zero_where(big, ev), reciprocal[g], reciprocal_lo[g]);
            if (fix && vmask32_any(big))
                yv = softmax_scaled_special_case(shift[g], step, xv, total[g], yv, big);
            row_store(y + g * length, v, s, yv);
        }
    return true;
}

/*
 * Blocks of rows of 16, fast tier: softmax_scaled_rows for VF32_LANES rows
 * at once, kept in memory order (each row's maximum and integer sum by
 * vf32_rows16_max / vi32_rows16_add, the per-row values spread back by one
 * permute: no transpose).  A block whose rows all have |m| <=
 * SOFTMAX_FAST_RANGE and every E' normal (kd >= near: no NaN, no -inf)
 * takes this path: no per-entry select, the sum in 32-bit integers; any
 * other block goes row by row, which gives the same E', the same integer
 * sums and so the same bits.
 */
/* 1/S of each row of a block of rows of 16 from its integer sums (n[j]
 * the exponentials' integer parts, summed per row): S = 256 high + low
 * (the sum is unsigned), s_hi rounded once, s_lo the exact rest, then
 * softmax_reciprocal. */
__attribute__((always_inline)) static inline void softmax_rows16_reciprocal(const vi32 n[16], vf32 *r,
                                                                          vf32 *r_lo)
{
    const vi32 total = vi32_rows16_add(n);
    const vf32 high = vi32_to_vf32(vi32_shr(total, 8));
    const vf32 low = vi32_to_vf32(vi32_and(total, vi32_set1(255)));
    const vf32 s_hi = vf32_fmadd(high, vf32_set1(256.0f), low);
    const vf32 s_lo = vf32_add(vf32_fmsub(high, vf32_set1(256.0f), s_hi), low);
    softmax_reciprocal(s_hi, s_lo, r, r_lo);
}

#if VF32_LANES == 8
/*
 * Rows of 16 on a layer of 16 vector registers (AVX2), outputs apart from
 * the inputs: the blocks of softmax_scaled_block in three passes through
 * memory, software-pipelined.  The register form is bound by the latency
 * of one block's chain (maximum tree, shifter, exponentials, integer
 * tree, division, residual, products: replacing its division by a
 * multiplication, as a timing probe, took 6.5% off the AVX2 table
 * kernel), and holds the block's 16 vectors of x, then of E', across it,
 * more than the registers hold (GCC spilled 56 vectors and reloaded 97 per
 * block of 128 entries).  Here block b's maximum and shifter are followed
 * by the products of block b - 1, whose 1/S is ready, and then by block
 * b's exponentials, which store E' in y and add each pair of a row's
 * integers at once; block b's 1/S is used one block later.  Compiler
 * barriers between the passes keep GCC from carrying the vectors in
 * registers (and from sharing loads with the register form).  A block
 * that fails the range or near test has written only y, so its rows
 * still read x intact.  Same operations on the same values as the
 * register form: the same bits.  The per-row shifters and reciprocals
 * reach their vectors through memory (softmax_row_lanes below).
 */
static inline bool softmax_rows_apart(const float *x, const float *y, size_t n)
{
    uintptr_t a = (uintptr_t)x, b = (uintptr_t)y, bytes = n * sizeof(float);
    return b + bytes <= a || a + bytes <= b;
}

/* the pipelined forms run rows of the default length, at least two blocks
 * of them, written apart from their inputs; everything else takes the
 * blockwise form */
static inline bool softmax_rows_pipelined(const float *x, const float *y, size_t n, size_t length)
{
    return length == ROW_DEFAULT_LENGTH && n >= 2 * ROW_BLOCK && softmax_rows_apart(x, y, n);
}

/* A block's per-row values (lane r: row r) as floats in memory, each
 * spread to its row's two vectors by one vbroadcastss from memory: a load,
 * which takes no vector pipe, where vf32_rows16_spread takes a vpermps and
 * GCC builds each of its index vectors by vmovd and vpbroadcastd.  The
 * same values in the same lanes: the same bits.  (AMD Zen 5, the AVX2
 * table kernel: 1.49 -> 1.26 cycles/element.) */
struct softmax_row_lanes {
    _Alignas(32) float row[VF32_LANES];
};

static inline struct softmax_row_lanes softmax_row_lanes_of(vf32 packed)
{
    struct softmax_row_lanes lanes;
    vf32_store(lanes.row, packed);
    return lanes;
}

/* the value of vector j's row in every lane (vectors 2r and 2r + 1 hold
 * row r) */
static inline vf32 softmax_row_lanes_spread(const struct softmax_row_lanes *lanes, int j)
{
    return vf32_set1(lanes->row[j / 2]);
}

/* the block's shifter (false: a row out of range) */
__attribute__((always_inline)) static inline bool softmax_staged_shift(const float *x, row_shift_fn row_shift,
                                                                        vf32 *shift)
{
    vf32 v[16];
    __asm__ volatile("" ::: "memory");
    for (int j = 0; j < 16; j++)
        v[j] = vf32_load(x + j * VF32_LANES);
    const vf32 m = vf32_rows16_max(v);
    *shift = row_shift(m);
    return !softmax_scaled_out_of_range(m);
}

/* E' into y, and the rows' 1/S (false: an entry below near) */
__attribute__((always_inline)) static inline bool
softmax_staged_exp(const float *x, float *y, vf32 shift, scaled_exp_fn exp, float near, const void *context,
                   vf32 *reciprocal, vf32 *reciprocal_lo)
{
    vi32 n[16];
    __asm__ volatile("" ::: "memory");
    vmask32 all_near = vf32_eq(vf32_zero(), vf32_zero());
    const struct softmax_row_lanes shifts = softmax_row_lanes_of(shift);
#pragma GCC unroll 8
    for (int j = 0; j < 16; j += 2) {
        vf32 kd0, kd1;
        const vf32 s = softmax_row_lanes_spread(&shifts, j);
        vf32 e0 = exp(vf32_load(x + j * VF32_LANES), s, context, &kd0);
        vf32 e1 = exp(vf32_load(x + (j + 1) * VF32_LANES), s, context, &kd1);
        all_near = vmask32_and(all_near, vmask32_and(vf32_ge(kd0, vf32_set1(near)), vf32_ge(kd1, vf32_set1(near))));
        /* integer sums are exact in any order: vi32_rows16_add's first
         * step, done here, and a zero in its place */
        n[j] = vi32_add(vf32_to_vi32(e0), vf32_to_vi32(e1));
        n[j + 1] = vi32_set1(0);
        vf32_store(y + j * VF32_LANES, e0);
        vf32_store(y + (j + 1) * VF32_LANES, e1);
    }
    if (vmask32_bits(all_near) != vmask32_bits(vf32_eq(vf32_zero(), vf32_zero())))
        return false;
    softmax_rows16_reciprocal(n, reciprocal, reciprocal_lo);
    return true;
}

/* y = E' (r + r_lo) in place */
__attribute__((always_inline)) static inline void softmax_staged_scale(float *y, vf32 reciprocal,
                                                                        vf32 reciprocal_lo)
{
    const struct softmax_row_lanes r_lanes = softmax_row_lanes_of(reciprocal);
    const struct softmax_row_lanes r_lo_lanes = softmax_row_lanes_of(reciprocal_lo);
    __asm__ volatile("" ::: "memory");
#pragma GCC unroll 8
    for (int j = 0; j < 16; j += 2) {
        const vf32 r = softmax_row_lanes_spread(&r_lanes, j), r_lo = softmax_row_lanes_spread(&r_lo_lanes, j);
        vf32_store(y + j * VF32_LANES, softmax_scaled_product(vf32_load(y + j * VF32_LANES), r, r_lo));
        vf32_store(y + (j + 1) * VF32_LANES, softmax_scaled_product(vf32_load(y + (j + 1) * VF32_LANES), r, r_lo));
    }
}

/* the fast forward: rows of 16 apart from their outputs pipelined as
 * above, the rest as rows_forward */
__attribute__((always_inline)) static inline void
softmax_scaled_forward(const float *x, float *y, size_t n, size_t length, scaled_exp_fn exp, row_shift_fn row_shift,
                       float near, block_forward_fn block, row_forward_fn row, const void *context)
{
    if (!softmax_rows_pipelined(x, y, n, length)) {
        rows_forward(x, y, n, length, block, row, context);
        return;
    }
    size_t r = 0;
    float *pending = NULL;
    vf32 pending_r = vf32_zero(), pending_r_lo = vf32_zero();
    for (; r + ROW_BLOCK <= n; r += ROW_BLOCK) {
        vf32 shift, reciprocal, reciprocal_lo;
        const bool in_range = softmax_staged_shift(x + r, row_shift, &shift);
        if (pending)
            softmax_staged_scale(pending, pending_r, pending_r_lo);
        pending = NULL;
        if (in_range && softmax_staged_exp(x + r, y + r, shift, exp, near, context, &reciprocal, &reciprocal_lo)) {
            pending = y + r;
            pending_r = reciprocal;
            pending_r_lo = reciprocal_lo;
        } else {
            rows_forward_any(x + r, y + r, ROW_BLOCK, length, row, context);
        }
    }
    if (pending)
        softmax_staged_scale(pending, pending_r, pending_r_lo);
    rows_forward_any(x + r, y + r, n - r, length, row, context);
}
#endif

__attribute__((always_inline)) static inline bool
softmax_scaled_block(const float *x, float *y, scaled_exp_fn exp, row_shift_fn row_shift, float near,
                     const void *context)
{
    vf32 v[16];
    vi32 n[16];
    for (int j = 0; j < 16; j++)
        v[j] = vf32_load(x + j * VF32_LANES);
    const vf32 m = vf32_rows16_max(v);
    if (softmax_scaled_out_of_range(m))
        return false;
    const vf32 shift = row_shift(m);
    vmask32 all_near = vf32_eq(vf32_zero(), vf32_zero());
#pragma GCC unroll 16
    for (int j = 0; j < 16; j++) {
        vf32 kd;
        v[j] = exp(v[j], vf32_rows16_spread(shift, j), context, &kd);
        all_near = vmask32_and(all_near, vf32_ge(kd, vf32_set1(near)));
        n[j] = vf32_to_vi32(v[j]);
    }
    if (vmask32_bits(all_near) != vmask32_bits(vf32_eq(vf32_zero(), vf32_zero())))
        return false;
    vf32 reciprocal, reciprocal_lo;
    softmax_rows16_reciprocal(n, &reciprocal, &reciprocal_lo);
#pragma GCC unroll 16
    for (int j = 0; j < 16; j++)
        vf32_store(y + j * VF32_LANES, softmax_scaled_product(v[j], vf32_rows16_spread(reciprocal, j),
                                                              vf32_rows16_spread(reciprocal_lo, j)));
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
