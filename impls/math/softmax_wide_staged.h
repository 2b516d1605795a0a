/*
 * The accurate softmax forward (impls/math/softmax.h, double lanes) for
 * rows of 16 on AVX2, in memory order and software-pipelined, as the fast
 * tier's softmax_scaled_forward does for float.
 *
 * The transposed block form (softmax_accurate_block) reads 16 column
 * vectors through two 8x8 transposes, keeps the block's 16 double vectors
 * of E (32 ymm) live across the sum and the division, and transposes back:
 * more than the 16 ymm registers hold, so GCC spills and reloads them, and
 * the division's latency sits on the block's chain.  Here each block of 8
 * rows runs in three passes through memory:
 *   - its maximum per row (vf32_rows16_max: no transpose);
 *   - the exponentials E_i = exp(-(m - x_i)) in double, each row's four
 *     vectors stored to a scratch block of 128 doubles and added lane-wise,
 *     then the rows' sums in two vectors (one horizontal add per pair of
 *     rows) and 1/S for the 8 rows in two divisions;
 *   - one block later, y_i = E_i * (1/S) narrowed once to float.
 * Block b's maximum is followed by block b - 1's products (its 1/S is
 * ready by then) and then by block b's exponentials, so the divisions'
 * latency is hidden.  Compiler barriers between the passes keep GCC from
 * carrying the vectors in registers.
 *
 * Same operations on the same values as softmax_accurate_block, the row's
 * sum included: its 16 terms are added in the order of impls/math/rows.h
 * (columns16_sum_f64w: the row's two vectors lane-wise, then its halves,
 * quarters and pairs), so the outputs are the transposed form's bit for
 * bit, in place or apart.
 *
 * A block with an infinite maximum or a NaN sum has written only its
 * scratch block, so its rows go through rows_forward_any from x intact.
 * In-place calls, other row lengths and short inputs run rows_forward.
 */
#ifndef ACTBENCH_MATH_SOFTMAX_WIDE_STAGED_H
#define ACTBENCH_MATH_SOFTMAX_WIDE_STAGED_H

#include "softmax.h"
#include "softmax_exp.h"

#if VF32_LANES == 8
#include <immintrin.h>

/* lane r of the result: the sum of the four lanes of s_r, (s_0 + s_2) +
 * (s_1 + s_3), the last two folds of columns16_sum_f64w (AVX2's vf64w is
 * two __m256d: a row's partial sums are folded into one first, b_m in
 * lane m) */
static inline __m256d softmax_wide_rows4_add(__m256d s0, __m256d s1, __m256d s2, __m256d s3)
{
    __m256d h01 = _mm256_add_pd(_mm256_permute2f128_pd(s0, s1, 0x20), _mm256_permute2f128_pd(s0, s1, 0x31));
    __m256d h23 = _mm256_add_pd(_mm256_permute2f128_pd(s2, s3, 0x20), _mm256_permute2f128_pd(s2, s3, 0x31));
    /* lanes: rows 0, 2, 1, 3 */
    return _mm256_permute4x64_pd(_mm256_hadd_pd(h01, h23), 0xd8);
}

/*
 * exp_table_f64w (impls/math/exp_wide.h) with its 8-entry table of doubles
 * held in two registers instead of gathered from memory: one holds the low
 * dwords of the 8 entries, the other their high dwords.  AVX2 has no
 * variable permute of doubles, but vpermps picks dword j (the low 3 bits of
 * each index dword) of an 8-dword register: with k's low dword copied into
 * both halves of its qword, one vpermps per register and one blend of the
 * two (low dword from the first, high dword from the second) give entry
 * (k mod 8) in each double lane, 4 operations for 4 lanes where the
 * gather was one 4-lane vgatherqpd: the same entries, the same bits.
 */
struct softmax_wide_table8 {
    __m256 low, high; /* the entries' low and high dwords, entry j at dword j */
};

static inline struct softmax_wide_table8 softmax_wide_table8_load(const double *table)
{
    const __m256i split = _mm256_set_epi32(7, 5, 3, 1, 6, 4, 2, 0);
    const __m256 first = _mm256_permutevar8x32_ps(_mm256_castpd_ps(_mm256_loadu_pd(table)), split);
    const __m256 second = _mm256_permutevar8x32_ps(_mm256_castpd_ps(_mm256_loadu_pd(table + 4)), split);
    struct softmax_wide_table8 t = {_mm256_permute2f128_ps(first, second, 0x20),
                                    _mm256_permute2f128_ps(first, second, 0x31)};
    return t;
}

/* entry (k mod 8) for k in the low bits of each int64 lane */
static inline __m256d softmax_wide_table8_lookup(struct softmax_wide_table8 t, __m256i k)
{
    const __m256i index = _mm256_shuffle_epi32(k, 0xa0);
    const __m256 low = _mm256_permutevar8x32_ps(t.low, index);
    const __m256 high = _mm256_permutevar8x32_ps(t.high, index);
    return _mm256_castps_pd(_mm256_blend_ps(low, high, 0xaa));
}

/* exp(-a), degree 4 (2^-33.5): softmax_exp_table_f64w (impls/math/
 * softmax_exp.h) with the lookup above: the same bits */
static inline vf64w softmax_wide_exp_table(vf64w a, struct softmax_wide_table8 t)
{
    vf64w kd;
    vf64w r = softmax_exp_table_f64w_reduce(a, &kd);
    vi64w ki = vf64w_as_vi64w(kd);
    vf64w entry = {softmax_wide_table8_lookup(t, ki.lo), softmax_wide_table8_lookup(t, ki.hi)};
    vf64w s = vi64w_as_vf64w(vi64w_add(vi64w_shl(ki, 49), vf64w_as_vi64w(entry)));
    return exp_table_f64w_finish(r, s);
}

/* lane r & 3 of v in every lane */
static inline __m256d softmax_wide_spread4(__m256d v, int r)
{
    switch (r & 3) {
    case 0: return _mm256_permute4x64_pd(v, 0x00);
    case 1: return _mm256_permute4x64_pd(v, 0x55);
    case 2: return _mm256_permute4x64_pd(v, 0xaa);
    default: return _mm256_permute4x64_pd(v, 0xff);
    }
}

/* a = m - x in double, clamped to 700 (softmax_wide_argument's) */
static inline vf64w softmax_wide_argument_wide(vf64w md, vf64w xd)
{
    return vf64w_min(vf64w_set1(EXP_WIDE_LIMIT), vf64w_sub(md, xd));
}

/* 8 floats widened to double, each half converted from memory */
static inline vf64w softmax_wide_load8(const float *p)
{
    vf64w r = {_mm256_cvtps_pd(_mm_loadu_ps(p)), _mm256_cvtps_pd(_mm_loadu_ps(p + 4))};
    return r;
}

/* the rows' maxima (false: an infinite maximum, for the exact path) */
__attribute__((always_inline)) static inline bool softmax_wide_staged_max(const float *x, vf32 *m)
{
    vf32 v[16];
    __asm__ volatile("" ::: "memory");
    for (int j = 0; j < 16; j++)
        v[j] = vf32_load(x + j * VF32_LANES);
    *m = vf32_rows16_max(v);
    return !vf32_any_infinite(*m);
}

/* E into e (128 doubles, row r at e + 16r) and the rows' 1/S (false: a
 * NaN sum, for the exact path) */
__attribute__((always_inline)) static inline bool softmax_wide_staged_exp(const float *x, vf32 m, double *e,
                                                                          exp_wide_fn exp, const void *context,
                                                                          __m256d reciprocal[2])
{
    __m256d s[8];
    const vf64w maxima = vf64w_widen(m);
    __asm__ volatile("" ::: "memory");
#pragma GCC unroll 8
    for (int r = 0; r < 8; r++) {
        const __m256d mr = softmax_wide_spread4(r < 4 ? maxima.lo : maxima.hi, r);
        const vf64w md = {mr, mr};
        vf64w e0 = exp(softmax_wide_argument_wide(md, softmax_wide_load8(x + 16 * r)), context);
        vf64w e1 = exp(softmax_wide_argument_wide(md, softmax_wide_load8(x + 16 * r + 8)), context);
        _mm256_store_pd(e + 16 * r, e0.lo);
        _mm256_store_pd(e + 16 * r + 4, e0.hi);
        _mm256_store_pd(e + 16 * r + 8, e1.lo);
        _mm256_store_pd(e + 16 * r + 12, e1.hi);
        const vf64w halves = vf64w_add(e0, e1);
        s[r] = _mm256_add_pd(halves.lo, halves.hi);
    }
    const __m256d total0 = softmax_wide_rows4_add(s[0], s[1], s[2], s[3]);
    const __m256d total1 = softmax_wide_rows4_add(s[4], s[5], s[6], s[7]);
    const __m256d nan = _mm256_cmp_pd(total0, total1, _CMP_UNORD_Q);
    if (_mm256_movemask_pd(nan))
        return false;
    reciprocal[0] = _mm256_div_pd(_mm256_set1_pd(1.0), total0);
    reciprocal[1] = _mm256_div_pd(_mm256_set1_pd(1.0), total1);
    return true;
}

/* y = E * (1/S), rounded once to float */
__attribute__((always_inline)) static inline void softmax_wide_staged_scale(float *y, const double *e,
                                                                            const __m256d reciprocal[2])
{
    __asm__ volatile("" ::: "memory");
#pragma GCC unroll 8
    for (int r = 0; r < 8; r++) {
        const __m256d rr = softmax_wide_spread4(reciprocal[r >> 2], r);
#pragma GCC unroll 4
        for (int q = 0; q < 4; q++)
            _mm_storeu_ps(y + 16 * r + 4 * q, _mm256_cvtpd_ps(_mm256_mul_pd(_mm256_load_pd(e + 16 * r + 4 * q), rr)));
    }
}

/* the accurate forward: rows of 16 apart from their outputs pipelined as
 * above, the rest as rows_forward */
__attribute__((always_inline)) static inline void
softmax_wide_forward(const float *x, float *y, size_t n, size_t length, exp_wide_fn exp, block_forward_fn block,
                     row_forward_fn row, const void *context)
{
    if (!softmax_rows_pipelined(x, y, n, length)) {
        rows_forward(x, y, n, length, block, row, context);
        return;
    }
    _Alignas(32) double scratch[2][ROW_BLOCK];
    __m256d pending_r[2] = {_mm256_setzero_pd(), _mm256_setzero_pd()};
    float *pending = NULL;
    const double *pending_e = NULL;
    int current = 0;
    size_t r = 0;
    for (; r + ROW_BLOCK <= n; r += ROW_BLOCK) {
        vf32 m;
        __m256d reciprocal[2];
        const bool finite = softmax_wide_staged_max(x + r, &m);
        if (pending)
            softmax_wide_staged_scale(pending, pending_e, pending_r);
        pending = NULL;
        if (finite && softmax_wide_staged_exp(x + r, m, scratch[current], exp, context, reciprocal)) {
            pending = y + r;
            pending_e = scratch[current];
            pending_r[0] = reciprocal[0];
            pending_r[1] = reciprocal[1];
            current ^= 1;
        } else {
            rows_forward_any(x + r, y + r, ROW_BLOCK, length, row, context);
        }
    }
    if (pending)
        softmax_wide_staged_scale(pending, pending_e, pending_r);
    rows_forward_any(x + r, y + r, n - r, length, row, context);
}
#endif

#endif
