/*
 * log_softmax, table method, fast tier, portable C, one lane:
 * the reference of the method for the vector kernels (same operations in
 * the same order lane by lane; fma and fmaf are libm calls without -mfma).
 *
 * Algorithm (impls/math/log_softmax.h over impls/math/log1p_f64.h, the rows
 * by impls/math/rows.h).  Rows of 16 (the catalog's length), VF32_LANES
 * at a time in memory order (no transpose): m = the row's largest entry
 * (vf32_rows16_max), c = K u near m (u = ln2/8, K a multiple of 8), E'_j = 2^27
 * e^(x_j - c) from x itself by softmax.h's scaled exponential of this
 * method (x - m never rounded, no TwoSum); U = the float sum of E' over
 * the entries below m (vf32_rows16_add), T = U / E'_m with 1/E'_m =
 * e^(c' - m) in double (a float pair, so T is one), L = log1p(T) in
 * float from log1p.h's 8-entry tables (log_softmax_log1p_block: within
 * 0.64 ulp of L over every float T in [2^-30, 16); it replaced a double
 * log1p with two double divisions per vector),
 * y_i = (x_i - m) - L (both terms <= 0: x_i - m rounded once).  Each row
 * is decided on its own: one with |m| > 4096, more than one entry equal
 * to its maximum, an entry more than 86.6 below c, -inf or NaN goes to
 * the row form; a last partial block runs through a padded copy, so a
 * row's result depends neither on its neighbours nor on its position.
 * Row form (those rows, other lengths): m - x_i = d + dl exactly
 * (TwoSum), E_i = exp(-(d + dl)) in float by the table form of exp_table.h's fast tier (-d = k ln2/8 + r,
 * 2^(j/8) and its float remainder from two 8-entry tables, p of degree 3,
 * 2^-25.2, impls/math/sollya/exp_table.sollya);
 * T = the float sum of E_i over the entries below m (0 where d > 87; k
 * entries equal to m add k - 1), L = log1p(T) in double rounded to
 * float, y_i = -(d + (dl + L)); a row whose T is below 2^-100 (one entry
 * dominating by more than 69) is computed exactly instead, and rows with
 * a NaN or an infinite maximum go to log_softmax_row_exact
 * (impls/softmax/softmax_rows.c).  The scalar kernel sums U in the AVX2
 * order, yet the two do not give the same bits everywhere: on 4,194,304
 * outputs in rows of 16 (x uniform on [-10, 10], [-100, 100] and scaled
 * [-1, 1]) 22,663 differ between them, and 2,174 between AVX2 and
 * AVX-512F, whose tree differs (the cause is not traced; each kernel
 * holds its declared bound in the accuracy run).  Before the block form
 * (TwoSum, transposed blocks) the AVX2 kernel ran at 0.81x-0.85x of
 * libmvec.
 * Gradient: the peers' dy - exp(y) * sum dy from the forward's y (the
 * fast tier promises its value, not its gradient).
 *
 * Speed: forward 42.1 cycles/element, gradient 43.3; no libmvec or SLEEF
 * peer on the scalar ISA (here every FMA is a libm call; `build/actbench
 * -A log_softmax -m libmvec,sleef,poly,table,onednn
 * --speed-only --modes throughput,gradient_throughput --budget 0.3`, three
 * runs, medians, load average 8.4-9.2)
 *
 * Tier: fast.  Declared bounds, f32: value 4 ulp (the tier's), gradient
 * 8.6e37 ulp (the peers' form, not promised: over all of f32 its float
 * dy_i - exp(y_i) sum dy leaves -2^-23 where the gradient is -0, 8.507e37
 * ulp at x = 0x1.d58a9ep+31, a row of 16 consecutive floats).  Checked at
 * 1M points and over all of f32 (value 1.469 ulp).
 *
 * Measured max error against MPFR, in ulps
 * (x86_64-avx512-bf16, 1056000 f32 points):
 *   log_softmax_f32_table_fast_scalar f32: value 2.825 ulp at x = 0x1.cdec98p+2,
 *     gradient 1.311e+05 ulp at x = 0x1.8e1a92p-109
 */
#include "../../include/actbench/kernel.h"
#include "../simd/f32-scalar.h"
#include "../simd/f64w-scalar.h"
#include "../math/log_softmax.h"

static vf32 exp_hilo(vf32 d, vf32 dl, const void *context)
{
    return softmax_exp_table_fast(d, dl, *(const struct exp_table_tables *)context);
}

static vf32 exp_scaled(vf32 x, vf32 shift, const void *context, vf32 *kd)
{
    return softmax_scaled_exp_table(x, shift, *(const struct exp_table_tables *)context, kd);
}

/* ln2/8, the step of k */
#define STEP 0x1.62e42fefa39efp-4

__attribute__((always_inline)) static inline bool forward_rows(const float *x, float *y, struct row_shape s,
                                                          size_t group, const void *context)
{
    return log_softmax_fast_rows(x, y, s, group, exp_hilo, context);
}

__attribute__((always_inline)) static inline bool gradient_rows(const float *x, const float *y, const float *dy,
                                                           float *dx, struct row_shape s, size_t group,
                                                           const void *context)
{
    (void)x;
    return log_softmax_fast_gradient_rows(y, dy, dx, s, group, exp_hilo, context);
}

__attribute__((always_inline)) static inline bool gradient_block(const float *x, const float *y, const float *dy,
                                                            float *dx, const void *context)
{
    return block_gradient_by_groups(x, y, dy, dx, gradient_rows, context);
}

void log_softmax_f32_table_fast_scalar_forward(const float *x, float *y, size_t n, const struct actbench_params *p);
void log_softmax_f32_table_fast_scalar_gradient(const float *x, const float *y, const float *dy, float *dx, float *dparam,
                                                size_t n, const struct actbench_params *p);

void log_softmax_f32_table_fast_scalar_forward(const float *x, float *y, size_t n, const struct actbench_params *p)
{
    const struct exp_table_tables tables = exp_table_load();
    log_softmax_scaled_forward(x, y, n, p->row_length, exp_scaled, softmax_table_shift, SOFTMAX_TABLE_NEAR, STEP, forward_rows, &tables);
}

void log_softmax_f32_table_fast_scalar_gradient(const float *x, const float *y, const float *dy, float *dx, float *dparam,
                                                size_t n, const struct actbench_params *p)
{
    (void)dparam;
    const struct exp_table_tables tables = exp_table_load();
    rows_gradient(x, y, dy, dx, n, p->row_length, gradient_block, gradient_rows, &tables);
}

const struct actbench_kernel log_softmax_f32_table_fast_scalar = {
    .name = "log_softmax_f32_table_fast_scalar",
    .activation = "log_softmax",
    .type = ACTBENCH_F32,
    .isa = "scalar",
    .unroll = ROW_BLOCK,
    .forward.f32 = log_softmax_f32_table_fast_scalar_forward,
    .gradient.f32 = log_softmax_f32_table_fast_scalar_gradient,
    .bounds[ACTBENCH_F32] = {.value_ulp = 4.0, .gradient_ulp = 8.6e37},
    .description = "rows of 16: e^(x - c) from x (float exp, 8-entry tables, degree 3), float sum, log1p from 8-entry tables in float, y = (x - m) - L; else TwoSum rows; gradient dy - exp(y) sum dy",
};
