/*
 * The accurate log_softmax forward (impls/math/log_softmax.h, double
 * lanes) for rows of 16 on AVX2, in memory order and software-pipelined,
 * as impls/math/softmax_wide_staged.h runs softmax's:
 *   - the block's maximum per row (vf32_rows16_max: no transpose);
 *   - per row, a_i = m - x_i in double, stored to a scratch block of 128
 *     doubles, T = the sum of E_i over 0 < a_i <= 700 (the others masked
 *     by andnot) and the count k of entries equal to m (their all-ones
 *     masks added as integers, converted once per row), four lanes each,
 *     then the 8 rows' sums in two vectors and L = log1p(T + (k - 1)) for
 *     the 8 rows by one log1p_f64w;
 *   - one block later, y_i = (0 - L) - a_i from the scratch block (one
 *     subtraction with a memory operand per four entries where
 *     recomputing (x_i - m) - L from x takes a widening and two
 *     subtractions), rounded once: the same bits as
 *     (x_i - m) - L, since x_i - m = -a_i exactly, rounding is symmetric
 *     and 0 - L is +0 where L is.
 * Block b's maximum is followed by block b - 1's outputs (its L is ready
 * by then) and then by block b's sums, so log1p's latency is hidden.
 *
 * Same operations on the same values as log_softmax_accurate_block, T's
 * sum included (the order of impls/math/rows.h, columns16_sum_f64w: the
 * row's two vectors lane-wise, then its halves, quarters and pairs; the
 * count of ties is exact in any order), so the outputs are the transposed
 * form's bit for bit, in place or apart.
 *
 * A block with an infinite maximum or a NaN sum has written only its
 * scratch block, so its rows go through rows_forward_any from x intact.  In-place calls, other row lengths and
 * short inputs run rows_forward.
 */
#ifndef ACTBENCH_MATH_LOG_SOFTMAX_WIDE_STAGED_H
#define ACTBENCH_MATH_LOG_SOFTMAX_WIDE_STAGED_H

#include "log_softmax.h"
#include "softmax_wide_staged.h"

#if VF32_LANES == 8

/* E where 0 < a <= 700, else +0 (log_softmax_rest's result, the mask by
 * andnot); top: a = 0 */
static inline __m256d log_softmax_wide_rest4(__m256d a, __m256d e, __m256d *top)
{
    *top = _mm256_cmp_pd(a, _mm256_setzero_pd(), _CMP_EQ_OQ);
    const __m256d out = _mm256_or_pd(*top, _mm256_cmp_pd(a, _mm256_set1_pd(EXP_WIDE_LIMIT), _CMP_GT_OQ));
    return _mm256_andnot_pd(out, e);
}

/* the count in each lane of v, v holding minus the count as int64 (the
 * sum of all-ones masks): exact through 2^51 */
static inline __m256d log_softmax_wide_count(__m256i v)
{
    const __m256i magic = _mm256_castpd_si256(_mm256_set1_pd(0x1.8p52));
    return _mm256_sub_pd(_mm256_castsi256_pd(_mm256_sub_epi64(magic, v)), _mm256_set1_pd(0x1.8p52));
}

/* the rows' log1p(T + (k - 1)) (false: a NaN sum, for the exact path);
 * a = m - x into e (128 doubles, row r at e + 16r) */
__attribute__((always_inline)) static inline bool log_softmax_wide_staged_sums(const float *x, vf32 m, exp_wide_fn exp,
                                                                               const void *context, double *e,
                                                                               vf64w *lse)
{
    __m256d t[8], ties[8];
    const vf64w one = vf64w_set1(1.0);
    const vf64w maxima = vf64w_widen(m);
    __asm__ volatile("" ::: "memory");
#pragma GCC unroll 8
    for (int r = 0; r < 8; r++) {
        const __m256d mr = softmax_wide_spread4(r < 4 ? maxima.lo : maxima.hi, r);
        const vf64w md = {mr, mr};
        __m256d top[4];
        vf64w a0 = vf64w_sub(md, softmax_wide_load8(x + 16 * r));
        vf64w a1 = vf64w_sub(md, softmax_wide_load8(x + 16 * r + 8));
        _mm256_store_pd(e + 16 * r, a0.lo);
        _mm256_store_pd(e + 16 * r + 4, a0.hi);
        _mm256_store_pd(e + 16 * r + 8, a1.lo);
        _mm256_store_pd(e + 16 * r + 12, a1.hi);
        vf64w e0 = exp(vf64w_min(vf64w_set1(EXP_WIDE_LIMIT), a0), context);
        vf64w e1 = exp(vf64w_min(vf64w_set1(EXP_WIDE_LIMIT), a1), context);
        e0.lo = log_softmax_wide_rest4(a0.lo, e0.lo, &top[0]);
        e0.hi = log_softmax_wide_rest4(a0.hi, e0.hi, &top[1]);
        e1.lo = log_softmax_wide_rest4(a1.lo, e1.lo, &top[2]);
        e1.hi = log_softmax_wide_rest4(a1.hi, e1.hi, &top[3]);
        vf64w te = vf64w_add(e0, e1);
        t[r] = _mm256_add_pd(te.lo, te.hi);
        const __m256i k01 = _mm256_add_epi64(_mm256_castpd_si256(top[0]), _mm256_castpd_si256(top[1]));
        const __m256i k23 = _mm256_add_epi64(_mm256_castpd_si256(top[2]), _mm256_castpd_si256(top[3]));
        ties[r] = log_softmax_wide_count(_mm256_add_epi64(k01, k23));
    }
    const vf64w total = {softmax_wide_rows4_add(t[0], t[1], t[2], t[3]), softmax_wide_rows4_add(t[4], t[5], t[6], t[7])};
    const vf64w count = {softmax_wide_rows4_add(ties[0], ties[1], ties[2], ties[3]),
                         softmax_wide_rows4_add(ties[4], ties[5], ties[6], ties[7])};
    if (vmask64w_any(vf64w_isnan(total)))
        return false;
    *lse = log1p_f64w(vf64w_add(total, vf64w_sub(count, one)));
    return true;
}

/* y = (x - m) - L = (0 - L) - a, rounded once (the same bits: a = m - x
 * and x - m are exact, the rounding is symmetric, and 0 - L is +0 where L
 * is) */
__attribute__((always_inline)) static inline void log_softmax_wide_staged_outputs(float *y, const double *e, vf64w lse)
{
    const vf64w minus_lse = vf64w_sub(vf64w_set1(0.0), lse);
    __asm__ volatile("" ::: "memory");
#pragma GCC unroll 8
    for (int r = 0; r < 8; r++) {
        const __m256d l = softmax_wide_spread4(r < 4 ? minus_lse.lo : minus_lse.hi, r);
#pragma GCC unroll 4
        for (int q = 0; q < 4; q++)
            _mm_storeu_ps(y + 16 * r + 4 * q, _mm256_cvtpd_ps(_mm256_sub_pd(l, _mm256_load_pd(e + 16 * r + 4 * q))));
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
    _Alignas(32) double scratch[2][ROW_BLOCK];
    vf64w pending_lse = vf64w_set1(0.0);
    float *pending = NULL;
    const double *pending_e = NULL;
    int current = 0;
    size_t r = 0;
    for (; r + ROW_BLOCK <= n; r += ROW_BLOCK) {
        vf32 m;
        vf64w lse;
        const bool finite = softmax_wide_staged_max(x + r, &m);
        if (pending)
            log_softmax_wide_staged_outputs(pending, pending_e, pending_lse);
        pending = NULL;
        if (finite && log_softmax_wide_staged_sums(x + r, m, exp, context, scratch[current], &lse)) {
            pending = y + r;
            pending_e = scratch[current];
            pending_lse = lse;
            current ^= 1;
        } else {
            rows_forward_any(x + r, y + r, ROW_BLOCK, length, row, context);
        }
    }
    if (pending)
        log_softmax_wide_staged_outputs(pending, pending_e, pending_lse);
    rows_forward_any(x + r, y + r, n - r, length, row, context);
}
#endif

#endif
