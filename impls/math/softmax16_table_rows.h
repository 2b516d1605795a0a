/*
 * The row functions every native 16-bit softmax kernel hands to
 * softmax16_staged.h: the forward's float pass is the TwoSum fast rows
 * (softmax_twosum_fast.h) with the table exponential; the gradient the
 * float block of softmax16_staged.h (rows of 16) with the f32 accurate
 * form (the double table's precise exponential) for the rows it flags and
 * for the other lengths.  Include after the
 * ISA's f32, f64w and 16-bit layers and softmax16_staged.h.
 */
#ifndef ACTBENCH_MATH_SOFTMAX16_TABLE_ROWS_H
#define ACTBENCH_MATH_SOFTMAX16_TABLE_ROWS_H

#include "softmax16_staged.h"

static vf32 exp_hilo(vf32 d, vf32 dl, const void *context)
{
    return softmax_exp_table_fast(d, dl, *(const struct exp_table_tables *)context);
}

__attribute__((always_inline)) static inline bool forward_rows(const float *x, float *y, struct row_shape s,
                                                               size_t group, const void *context)
{
    return softmax_fast_rows(x, y, s, group, exp_hilo, context);
}

__attribute__((always_inline)) static inline bool forward_block(const float *x, float *y, const void *context)
{
    return softmax_fast_block(x, y, exp_hilo, context);
}

/* the two tables of the gradient: the float exponential's (the block) and
 * the double one's (the rows, and the block's rows redone) */
struct softmax16_gradient_tables {
    struct exp_table_tables f;
    vf64w_table8 d;
};

static inline struct softmax16_gradient_tables softmax16_gradient_tables_load(void)
{
    struct softmax16_gradient_tables t = {exp_table_load(), exp_table_f64w_load()};
    return t;
}

static vf64w exp_precise_of_gradient(vf64w a, const void *context)
{
    return exp_table_f64w_precise(a, ((const struct softmax16_gradient_tables *)context)->d);
}

__attribute__((always_inline)) static inline bool gradient_rows(const float *x, const float *y, const float *dy,
                                                                float *dx, struct row_shape s, size_t group,
                                                                const void *context)
{
    (void)y;
    return softmax_accurate_gradient_rows(x, dy, dx, s, group, exp_precise_of_gradient, context);
}

__attribute__((always_inline)) static inline unsigned gradient_block(const uint16_t *x, const uint16_t *dy,
                                                                     uint16_t *dx, uint16_t *keep,
                                                                     const void *context)
{
    return softmax16_gradient_block(x, dy, dx, keep, ((const struct softmax16_gradient_tables *)context)->f);
}

#endif
