/*
 * The accurate log_softmax forward (impls/math/log_softmax.h, double
 * lanes) for rows of 16 on AVX2, in memory order and software-pipelined,
 * as impls/math/softmax_wide_staged.h runs softmax's:
 *   - the block's maximum per row (vf32_rows16_max: no transpose);
 *   - per row, a_i = m - x_i in double, T = the sum of E_i over 0 < a_i <=
 *     700 and the count of entries equal to m, four lanes each, then the
 *     8 rows' sums in two vectors and L = log1p(T + (k - 1)) for the 8 rows
 *     by one log1p_f64w;
 *   - one block later, y_i = (x_i - m) - L from x again (one widening and
 *     two subtractions per four entries: cheaper than storing and
 *     reloading the differences), rounded once.
 * Block b's maximum is followed by block b - 1's outputs (its L is ready
 * by then) and then by block b's sums, so log1p's latency is hidden.
 *
 * Same operations on the same values as log_softmax_accurate_block except
 * the order of T's sum (four lanes, then a tree of two levels, instead of
 * column after column; the count of ties is exact either way): the 15
 * additions of positive doubles each round once (2^-53), T stays within
 * 2^-49 relative, and the bound of log_softmax.h holds unchanged.
 *
 * A block with an infinite maximum or a NaN sum has written nothing, so its
 * rows go through rows_forward_any.  In-place calls, other row lengths and
 * short inputs run rows_forward.
 */
#ifndef ACTBENCH_MATH_LOG_SOFTMAX_WIDE_STAGED_H
#define ACTBENCH_MATH_LOG_SOFTMAX_WIDE_STAGED_H

#include "log_softmax.h"
#include "softmax_wide_staged.h"

#if VF32_LANES == 8

/* the rows' log1p(T + (k - 1)) (false: a NaN sum, for the exact path) */
__attribute__((always_inline)) static inline bool log_softmax_wide_staged_sums(const float *x, vf32 m, exp_wide_fn exp,
                                                                               const void *context, vf64w *lse)
{
    __m256d t[8], ties[8];
    const vf64w zero = vf64w_set1(0.0), one = vf64w_set1(1.0);
    const vf64w maxima = vf64w_widen(m);
    __asm__ volatile("" ::: "memory");
#pragma GCC unroll 8
    for (int r = 0; r < 8; r++) {
        const __m256d mr = softmax_wide_spread4(r < 4 ? maxima.lo : maxima.hi, r);
        const vf64w md = {mr, mr};
        vmask64w top0, top1;
        vf64w a0 = vf64w_sub(md, softmax_wide_load8(x + 16 * r));
        vf64w a1 = vf64w_sub(md, softmax_wide_load8(x + 16 * r + 8));
        vf64w e0 = log_softmax_rest(a0, exp(vf64w_min(vf64w_set1(EXP_WIDE_LIMIT), a0), context), &top0);
        vf64w e1 = log_softmax_rest(a1, exp(vf64w_min(vf64w_set1(EXP_WIDE_LIMIT), a1), context), &top1);
        vf64w te = vf64w_add(e0, e1);
        vf64w tk = vf64w_add(vf64w_select(top0, one, zero), vf64w_select(top1, one, zero));
        t[r] = _mm256_add_pd(te.lo, te.hi);
        ties[r] = _mm256_add_pd(tk.lo, tk.hi);
    }
    const vf64w total = {softmax_wide_rows4_add(t[0], t[1], t[2], t[3]), softmax_wide_rows4_add(t[4], t[5], t[6], t[7])};
    const vf64w count = {softmax_wide_rows4_add(ties[0], ties[1], ties[2], ties[3]),
                         softmax_wide_rows4_add(ties[4], ties[5], ties[6], ties[7])};
    if (vmask64w_any(vf64w_isnan(total)))
        return false;
    *lse = log1p_f64w(vf64w_add(total, vf64w_sub(count, one)));
    return true;
}

/* y = (x - m) - L, rounded once */
__attribute__((always_inline)) static inline void log_softmax_wide_staged_outputs(const float *x, float *y, vf32 m,
                                                                                  vf64w lse)
{
    const vf64w maxima = vf64w_widen(m);
    __asm__ volatile("" ::: "memory");
#pragma GCC unroll 8
    for (int r = 0; r < 8; r++) {
        const __m256d mr = softmax_wide_spread4(r < 4 ? maxima.lo : maxima.hi, r);
        const __m256d l = softmax_wide_spread4(r < 4 ? lse.lo : lse.hi, r);
        const vf64w md = {mr, mr}, lv = {l, l};
#pragma GCC unroll 2
        for (int h = 0; h < 2; h++) {
            vf64w shifted = vf64w_sub(softmax_wide_load8(x + 16 * r + 8 * h), md);
            vf32_store(y + 16 * r + 8 * h, vf64w_narrow(vf64w_sub(shifted, lv)));
        }
    }
}

/* the accurate forward: rows of 16 apart from their outputs pipelined as
 * above, the rest as rows_forward */
__attribute__((always_inline)) static inline void
log_softmax_wide_forward(const float *x, float *y, size_t n, size_t length, exp_wide_fn exp, block_forward_fn block,
                         row_forward_fn row, const void *context)
{
    if (!softmax_rows_pipelined(x, y, n, length)) {
        rows_forward(x, y, n, length, block, row, context);
        return;
    }
    vf32 pending_m = vf32_zero();
    vf64w pending_lse = vf64w_set1(0.0);
    size_t pending = SIZE_MAX;
    size_t r = 0;
    for (; r + ROW_BLOCK <= n; r += ROW_BLOCK) {
        vf32 m;
        vf64w lse;
        const bool finite = softmax_wide_staged_max(x + r, &m);
        if (pending != SIZE_MAX)
            log_softmax_wide_staged_outputs(x + pending, y + pending, pending_m, pending_lse);
        pending = SIZE_MAX;
        if (finite && log_softmax_wide_staged_sums(x + r, m, exp, context, &lse)) {
            pending = r;
            pending_m = m;
            pending_lse = lse;
        } else {
            rows_forward_any(x + r, y + r, ROW_BLOCK, length, row, context);
        }
    }
    if (pending != SIZE_MAX)
        log_softmax_wide_staged_outputs(x + pending, y + pending, pending_m, pending_lse);
    rows_forward_any(x + r, y + r, n - r, length, row, context);
}
#endif

#endif
