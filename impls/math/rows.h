/*
 * The loops of a row-wise kernel (softmax, log_softmax), written once over
 * the SIMD layer (include one ISA's impls/simd/f32-*.h first).  A row of
 * p->row_length entries is `vectors` full vectors and, when the length is
 * not a multiple of VF32_LANES, a last vector of `rest` lanes, loaded and
 * stored through the layer's masked tail (nothing past the row is read or
 * written); its unused lanes take a value the caller chooses (-inf for a
 * maximum, 0 for a sum).
 *
 * The drivers call the kernel's row function once per row, with the
 * row's shape a constant for rows of one vector and for the catalog's
 * rows of 16 (one vector on AVX-512, two on AVX2), so that the
 * always-inlined row function keeps a row in registers with its loops
 * unrolled; other lengths go through the same function with the shape
 * known at run time.  Row functions read a whole row before they write
 * any of it, so y may be x (in place).
 *
 * A row function keeps up to ROW_CACHED_VECTORS vectors of per-entry
 * results between its passes (in registers for the constant shapes) and
 * recomputes them from x in longer rows.
 */
#ifndef ACTBENCH_MATH_ROWS_H
#define ACTBENCH_MATH_ROWS_H

#include <math.h>
#include <stdbool.h>
#include <stddef.h>

#include "../../include/actbench/kernel.h"

#define ROW_CACHED_VECTORS 4

struct row_shape {
    size_t vectors; /* full vectors */
    size_t rest;    /* lanes of the last, partial vector (0: none) */
};

static inline size_t row_vector_count(struct row_shape s) { return s.vectors + (s.rest != 0); }
static inline size_t row_length(struct row_shape s) { return s.vectors * VF32_LANES + s.rest; }
static inline bool row_cached(struct row_shape s) { return row_vector_count(s) <= ROW_CACHED_VECTORS; }

/* vector v of a row; the lanes past the row hold fill */
static inline vf32 row_load(const float *x, size_t v, struct row_shape s, float fill)
{
    if (v < s.vectors)
        return vf32_load(x + v * VF32_LANES);
    return vf32_select(vf32_tail_mask(s.rest), vf32_load_tail(x + v * VF32_LANES, s.rest), vf32_set1(fill));
}

static inline void row_store(float *y, size_t v, struct row_shape s, vf32 value)
{
    if (v < s.vectors)
        vf32_store(y + v * VF32_LANES, value);
    else
        vf32_store_tail(y + v * VF32_LANES, value, s.rest);
}

/* the index of the last entry equal to m (0 when none is: a NaN row), the
 * entry the blocks take (see columns16_last_equal) */
static inline size_t row_last_equal(const float *x, struct row_shape s, vf32 m)
{
    for (size_t v = row_vector_count(s); v-- > 0;) {
        unsigned bits = vmask32_bits(vf32_eq(row_load(x, v, s, -INFINITY), m));
        if (bits)
            return v * VF32_LANES + (size_t)(31 - __builtin_clz(bits));
    }
    return 0;
}

/*
 * Groups.  Where a vector has 8 lanes or more, rows of the constant shapes
 * run ROW_GROUP at a time: the group's reductions share their shuffles
 * (vf32_add_across4: four totals in 17 operations instead of 32 on
 * AVX-512), their per-row divisions become one, and the rows' dependency
 * chains (a reduction, the exponentials, another reduction, a division)
 * interleave instruction by instruction instead of waiting on each other
 * in the scheduler.  A group function returns false, having written
 * nothing, when one of its rows needs the exact path; the driver then
 * runs that group's rows one by one.
 */
#if VF32_LANES >= 8
#define ROW_GROUP 4
#else
#define ROW_GROUP 1
#endif

/* one row's largest entry, lane by lane over its vectors */
static inline vf32 row_max_lanes(const float *x, struct row_shape s)
{
    vf32 m = row_load(x, 0, s, -INFINITY);
    for (size_t v = 1; v < row_vector_count(s); v++)
        m = vf32_max(m, row_load(x, v, s, -INFINITY));
    return m;
}

/* one row's smallest entry (a row without NaN) */
static inline float row_min(const float *x, struct row_shape s)
{
    vf32 m = row_load(x, 0, s, INFINITY);
    for (size_t v = 1; v < row_vector_count(s); v++)
        m = vf32_min(m, row_load(x, v, s, INFINITY));
    return -vf32_lane0(vf32_max_all(vf32_neg(m)));
}

/* each row's largest entry in every lane of m[g], g < group (the rows'
 * vectors pass through registers only: stored into m as loaded, GCC turns
 * four of them into a copy through the stack) */
static inline void rows_max(const float *x, struct row_shape s, size_t group, vf32 *m)
{
#if ROW_GROUP == 4
    if (group == 4) {
        const size_t length = row_length(s);
        vf32 packed = vf32_max_across4(row_max_lanes(x, s), row_max_lanes(x + length, s),
                                       row_max_lanes(x + 2 * length, s), row_max_lanes(x + 3 * length, s));
        for (size_t g = 0; g < 4; g++)
            m[g] = vf32_spread4(packed, (int)g);
        return;
    }
#endif
    (void)group;
    m[0] = vf32_max_all(row_max_lanes(x, s));
}

/* the totals of sum[g], g < group, packed: every lane holds one of them
 * (row_spread gives row g's); a single row's total is in every lane */
static inline vf32 rows_add_packed(const vf32 *sum, size_t group)
{
#if ROW_GROUP == 4
    if (group == 4)
        return vf32_add_across4(sum[0], sum[1], sum[2], sum[3]);
#endif
    (void)group;
    return vf32_add_all(sum[0]);
}

static inline vf32 rows_spread(vf32 packed, size_t g, size_t group)
{
#if ROW_GROUP == 4
    if (group == 4)
        return vf32_spread4(packed, (int)g);
#endif
    (void)g, (void)group;
    return packed;
}

#ifdef ACTBENCH_SIMD_F64W
static inline vf64w rows_add_packed_f64w(const vf64w *sum, size_t group)
{
#if ROW_GROUP == 4
    if (group == 4)
        return vf64w_add_across4(sum[0], sum[1], sum[2], sum[3]);
#endif
    (void)group;
    return vf64w_add_all(sum[0]);
}

/*
 * The order of a row's sum.  A row of ROW_DEFAULT_LENGTH = 16 doubles t_j
 * is summed, on every path of the accurate row kernels, as the halving
 * tree
 *     a_m = t_m + t_{m+8} (m < 8),  b_m = a_m + a_{m+4} (m < 4),
 *     c_m = b_m + b_{m+2} (m < 2),  total = c_0 + c_1:
 * the row function adds a row's vectors lane-wise from 0 (two of 8 lanes on
 * AVX2: a_m in lane m; one of 16 on AVX-512: t_j in lane j, whose first
 * fold is a_m) and vf64w_add_all or vf64w_add_across4 fold the halves in
 * this order; the blocks take the same additions over their columns
 * (below) and the scalar ISA's block is one row.  So a row's results do
 * not depend on the path it takes -- a block, a group of rows, a row alone
 * at the end of the call, in place or apart -- nor on its neighbours, and
 * every ISA gives the same bits.  Over columns the tree is taken depth
 * first, quad by quad (b_m needs t_m, t_{m+8}, t_{m+4}, t_{m+12}; then
 * c_0 = b_0 + b_2, c_1 = b_1 + b_3), so that a block computing its terms
 * as it goes keeps four partial sums live, not 16 terms.
 */
static const int columns16_quads[4][4] = {{0, 8, 4, 12}, {1, 9, 5, 13}, {2, 10, 6, 14}, {3, 11, 7, 15}};

/* b_m from the terms of columns16_quads[m], in that order */
static inline vf64w columns16_quad_sum(const vf64w t[4])
{
    return vf64w_add(vf64w_add(t[0], t[1]), vf64w_add(t[2], t[3]));
}

/* the total from b_0 .. b_3 */
static inline vf64w columns16_total(const vf64w b[4])
{
    return vf64w_add(vf64w_add(b[0], b[2]), vf64w_add(b[1], b[3]));
}

/* the sum of 16 columns of terms */
static inline __attribute__((always_inline)) vf64w columns16_sum_f64w(const vf64w t[16])
{
    vf64w b[4];
    for (int m = 0; m < 4; m++) {
        const vf64w quad[4] = {t[columns16_quads[m][0]], t[columns16_quads[m][1]], t[columns16_quads[m][2]],
                               t[columns16_quads[m][3]]};
        b[m] = columns16_quad_sum(quad);
    }
    return columns16_total(b);
}

static inline vf64w rows_spread_f64w(vf64w packed, size_t g, size_t group)
{
#if ROW_GROUP == 4
    if (group == 4)
        return vf64w_spread4(packed, (int)g);
#endif
    (void)g, (void)group;
    return packed;
}
#endif

/* group rows of shape s from x to y; false (nothing written) when a row
 * needs the exact path, which the function takes itself when group is 1 */
typedef bool (*row_forward_fn)(const float *x, float *y, struct row_shape s, size_t group,
                               const void *context);
typedef bool (*row_gradient_fn)(const float *x, const float *y, const float *dy, float *dx,
                                struct row_shape s, size_t group, const void *context);

__attribute__((always_inline)) static inline void
rows_forward_shape(const float *x, float *y, size_t n, struct row_shape s, row_forward_fn row,
                   const void *context)
{
    const size_t length = row_length(s);
    size_t r = 0;
    if (ROW_GROUP > 1 && row_cached(s)) {
        for (; r + ROW_GROUP * length <= n; r += ROW_GROUP * length)
            if (!row(x + r, y + r, s, ROW_GROUP, context))
                for (size_t g = 0; g < ROW_GROUP; g++)
                    row(x + r + g * length, y + r + g * length, s, 1, context);
    }
    for (; r < n; r += length)
        row(x + r, y + r, s, 1, context);
}

__attribute__((always_inline)) static inline void
rows_gradient_shape(const float *x, const float *y, const float *dy, float *dx, size_t n, struct row_shape s,
                    row_gradient_fn row, const void *context)
{
    const size_t length = row_length(s);
    size_t r = 0;
    if (ROW_GROUP > 1 && row_cached(s)) {
        for (; r + ROW_GROUP * length <= n; r += ROW_GROUP * length)
            if (!row(x + r, y + r, dy + r, dx + r, s, ROW_GROUP, context))
                for (size_t g = 0; g < ROW_GROUP; g++) {
                    size_t o = r + g * length;
                    row(x + o, y + o, dy + o, dx + o, s, 1, context);
                }
    }
    for (; r < n; r += length)
        row(x + r, y + r, dy + r, dx + r, s, 1, context);
}

/* the catalog's default row length: its rows get a loop of their own
 * when they are a few whole vectors (two on AVX2) */
#define ROW_DEFAULT_LENGTH 16

static inline bool row_default_is_whole_vectors(void)
{
    return ROW_DEFAULT_LENGTH % VF32_LANES == 0 && ROW_DEFAULT_LENGTH / VF32_LANES > 1 &&
           ROW_DEFAULT_LENGTH / VF32_LANES <= ROW_CACHED_VECTORS;
}

/*
 * Blocks.  Rows of ROW_DEFAULT_LENGTH run VF32_LANES at a time as a block
 * transposed into 16 column vectors (vf32_load_columns16): lane r of
 * column j is entry j of row r, so a row's maximum, sums and per-row
 * divisions and logarithms are lane-wise operations over the columns,
 * with no horizontal step and no chain longer than a column's; every ISA
 * takes the same operations in the same order for a row (the scalar ISA's
 * block is one row), so their results agree bit for bit.  A block
 * function returns false, having written nothing, when one of its rows
 * needs the exact path: the block's rows then run one by one.
 */
#define ROW_BLOCK (VF32_LANES * ROW_DEFAULT_LENGTH)

typedef bool (*block_forward_fn)(const float *x, float *y, const void *context);
typedef bool (*block_gradient_fn)(const float *x, const float *y, const float *dy, float *dx,
                                  const void *context);

/* the largest (smallest) of the columns, lane by lane: a tree of 15
 * maxima (minima) */
static inline __attribute__((always_inline)) vf32 columns16_reduce(const vf32 c[16], int largest)
{
    vf32 m[8];
    for (int j = 0; j < 8; j++)
        m[j] = largest ? vf32_max(c[2 * j], c[2 * j + 1]) : vf32_min(c[2 * j], c[2 * j + 1]);
    for (int j = 0; j < 4; j++)
        m[j] = largest ? vf32_max(m[2 * j], m[2 * j + 1]) : vf32_min(m[2 * j], m[2 * j + 1]);
    m[0] = largest ? vf32_max(m[0], m[1]) : vf32_min(m[0], m[1]);
    m[2] = largest ? vf32_max(m[2], m[3]) : vf32_min(m[2], m[3]);
    return largest ? vf32_max(m[0], m[2]) : vf32_min(m[0], m[2]);
}

static inline vf32 columns16_max(const vf32 c[16])
{
    return columns16_reduce(c, 1);
}

static inline vf32 columns16_min(const vf32 c[16])
{
    return columns16_reduce(c, 0);
}

/* each lane's entry of v from the last column equal to m (the lane's
 * entry of column 0 where none is: a NaN row) */
static inline vf32 columns16_last_equal(const vf32 c[16], vf32 m, const vf32 v[16])
{
    vf32 r = v[0];
    for (int j = 1; j < 16; j++)
        r = vf32_select(vf32_eq(c[j], m), v[j], r);
    return r;
}

/* whether a lane of m is infinite */
static inline bool vf32_any_infinite(vf32 m)
{
    return vmask32_any(vf32_eq(vf32_abs(m), vf32_set1(INFINITY)));
}

__attribute__((always_inline)) static inline void
rows_forward_any(const float *x, float *y, size_t n, size_t length, row_forward_fn row, const void *context)
{
    if (length == VF32_LANES) {
        const struct row_shape one = {1, 0};
        rows_forward_shape(x, y, n, one, row, context);
    } else if (row_default_is_whole_vectors() && length == ROW_DEFAULT_LENGTH) {
        const struct row_shape whole = {ROW_DEFAULT_LENGTH / VF32_LANES, 0};
        rows_forward_shape(x, y, n, whole, row, context);
    } else {
        const struct row_shape any = {length / VF32_LANES, length % VF32_LANES};
        for (size_t r = 0; r < n; r += length)
            row(x + r, y + r, any, 1, context);
    }
}

__attribute__((always_inline)) static inline void
rows_gradient_any(const float *x, const float *y, const float *dy, float *dx, size_t n, size_t length,
                  row_gradient_fn row, const void *context)
{
    if (length == VF32_LANES) {
        const struct row_shape one = {1, 0};
        rows_gradient_shape(x, y, dy, dx, n, one, row, context);
    } else if (row_default_is_whole_vectors() && length == ROW_DEFAULT_LENGTH) {
        const struct row_shape whole = {ROW_DEFAULT_LENGTH / VF32_LANES, 0};
        rows_gradient_shape(x, y, dy, dx, n, whole, row, context);
    } else {
        const struct row_shape any = {length / VF32_LANES, length % VF32_LANES};
        for (size_t r = 0; r < n; r += length)
            row(x + r, y + r, dy + r, dx + r, any, 1, context);
    }
}

/* rows of the catalog's length by blocks, the rest by rows */
__attribute__((always_inline)) static inline void
rows_forward(const float *x, float *y, size_t n, size_t length, block_forward_fn block, row_forward_fn row,
             const void *context)
{
    if (length == 0)
        return;
    size_t r = 0;
    if (length == ROW_DEFAULT_LENGTH)
        for (; r + ROW_BLOCK <= n; r += ROW_BLOCK)
            if (!block(x + r, y + r, context))
                rows_forward_any(x + r, y + r, ROW_BLOCK, length, row, context);
    rows_forward_any(x + r, y + r, n - r, length, row, context);
}

__attribute__((always_inline)) static inline void
rows_gradient(const float *x, const float *y, const float *dy, float *dx, size_t n, size_t length,
              block_gradient_fn block, row_gradient_fn row, const void *context)
{
    if (length == 0)
        return;
    size_t r = 0;
    if (length == ROW_DEFAULT_LENGTH)
        for (; r + ROW_BLOCK <= n; r += ROW_BLOCK)
            if (!block(x + r, y + r, dy + r, dx + r, context))
                rows_gradient_any(x + r, y + r, dy + r, dx + r, ROW_BLOCK, length, row, context);
    rows_gradient_any(x + r, y + r, dy + r, dx + r, n - r, length, row, context);
}

/* a block's rows by groups (for the forms that reduce each row across its
 * lanes: the fast gradients, whose work per row is short) */
__attribute__((always_inline)) static inline bool
block_gradient_by_groups(const float *x, const float *y, const float *dy, float *dx, row_gradient_fn row,
                         const void *context)
{
    const struct row_shape whole = {ROW_DEFAULT_LENGTH / VF32_LANES, ROW_DEFAULT_LENGTH % VF32_LANES};
    for (size_t r = 0; r < ROW_BLOCK; r += ROW_GROUP * ROW_DEFAULT_LENGTH)
        row(x + r, y + r, dy + r, dx + r, whole, ROW_GROUP, context);
    return true;
}

#endif
