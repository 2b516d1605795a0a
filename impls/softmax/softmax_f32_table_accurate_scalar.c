/*
 * softmax, table method, accurate tier, portable C, one lane:
 * the reference of the method for the vector kernels (same operations in
 * the same order lane by lane; fma and fmaf are libm calls without -mfma).
 *
 * Algorithm (impls/math/softmax.h over impls/math/exp_wide.h, the rows
 * by impls/math/rows.h): per row, m = the largest entry, a_i = m - x_i
 * in double (exact), E_i = exp(-a_i) in double lanes by
 * softmax_exp_table_f64w (impls/math/softmax_exp.h): -a = k ln2/8 + r with
 * ln2/8 in one double (under 2^-45.2 relative), 2^(j/8) from an 8-entry table of
 * doubles (one vpermpd on AVX-512, gathers on AVX2), p of degree 4 on
 * |r| <= ln2/16, relative error 2^-33.5;
 * S = sum E_i in double and y_i = E_i * (1/S) rounded once to float.
 * Gradient (Jacobian-vector product y (.) (dy - <dy, y>)): with a the
 * index of the largest entry, dx_i = p_i ((dy_i - dy_a) + C),
 * C = sum_j p_j (dy_a - dy_j), p_j = E_j/S recomputed from x by
 * exp_table_f64w_precise (the reduction with ln2 in two doubles, degree 6, 2^-50.0): the
 * differences of floats are exact in double and no term cancels as the
 * row nears one-hot (where the peers' dy_i - <dy, y> loses everything).
 * Near-uniform rows (spread m - min x at most 2^-10), where that form's
 * 2^-50 errors outweigh what is left of dy_i - <dy, y>, take the form of
 * impls/math/softmax.h without cancellation (expm1 of the differences, the
 * float-sized part summed exactly): over all of f32 the former gave 0 for
 * gradients of 2^-107 at x near 2^-79 (10443940 ulp, 5 inputs).
 * Rows of 16 (the catalog's length) run VF32_LANES at a time transposed
 * into 16 column vectors, lane-wise with no horizontal step; other lengths
 * row by row (four rows of one or two vectors at a time, sharing their
 * reductions).  Rows with a NaN or an infinite maximum go to
 * softmax_row_exact / softmax_row_gradient_exact (impls/softmax/
 * softmax_rows.c: double with libm, the catalog's conventions, one
 * rounding).  Nothing is read or written past n; in place safe.
 * Coefficients and tables: impls/math/sollya/exp_wide.sollya,
 * written by scripts/fit-coefficients into impls/math/coefficients.h and
 * exp_data.c.
 *
 * Why: the peers' float form (subtract the maximum, expf, a float sum, a
 * division or a log) is 63.5 ulp off on the value and 5.3e7 ulp on the
 * gradient (1M points); each own step here is within 2^-33 relative in
 * double, so one final rounding decides the result.
 *
 * Speed: forward 6.73 cycles/element, gradient 13.7 (the sums in the one
 * order of impls/math/rows.h; with the former column-after-column sums
 * 8.10 and 16.8 in alternating runs); no libmvec or SLEEF peer on the
 * scalar ISA (libm softmax_f32_libm_maxsub_scalar: 11.8 and 1.22)
 * (`scripts/actbench --all`, L1-resident, median core cycles per element
 * from calibrated TSC ticks, AMD Zen 5, load average 1.9).
 *
 * Tier: accurate.  Declared bounds, f32: value 0.51 ulp (0.5 + 2^-7.5:
 * the exponential, the sum and the reciprocal each within 2^-33 relative),
 * gradient 1 ulp.  Over all of f32 (rows of 16
 * consecutive floats): value 0.5 ulp, gradient 0.6551 ulp
 * at x = 0x1.bf518ap+14.
 *
 * Measured max error against MPFR, in ulps
 * (x86_64-avx512-bf16, 1056000 f32 points):
 *   softmax_f32_table_accurate_scalar f32: value 0.5014 ulp at x = -0x1.a2a554p-7,
 *     gradient 0.5 ulp at x = -0x1.d48464p-56
 */
#include "../../include/actbench/kernel.h"
#include "../simd/f32-scalar.h"
#include "../simd/f64w-scalar.h"
#include "../math/softmax.h"
#include "../math/softmax_exp.h"

static vf64w exp_value(vf64w a, const void *context)
{
    return softmax_exp_table_f64w(a, *(const vf64w_table8 *)context);
}

static vf64w exp_precise(vf64w a, const void *context)
{
    return exp_table_f64w_precise(a, *(const vf64w_table8 *)context);
}

__attribute__((always_inline)) static inline bool forward_rows(const float *x, float *y, struct row_shape s,
                                                          size_t group, const void *context)
{
    return softmax_accurate_rows(x, y, s, group, exp_value, context);
}

__attribute__((always_inline)) static inline bool gradient_rows(const float *x, const float *y, const float *dy,
                                                           float *dx, struct row_shape s, size_t group,
                                                           const void *context)
{
    (void)y;
    return softmax_accurate_gradient_rows(x, dy, dx, s, group, exp_precise, context);
}

__attribute__((always_inline)) static inline bool forward_block(const float *x, float *y, const void *context)
{
    return softmax_accurate_block(x, y, exp_value, context);
}

__attribute__((always_inline)) static inline bool gradient_block(const float *x, const float *y, const float *dy,
                                                            float *dx, const void *context)
{
    (void)y;
    return softmax_accurate_gradient_block(x, dy, dx, exp_precise, context);
}

void softmax_f32_table_accurate_scalar_forward(const float *x, float *y, size_t n, const struct actbench_params *p);
void softmax_f32_table_accurate_scalar_gradient(const float *x, const float *y, const float *dy, float *dx, float *dparam,
                                                size_t n, const struct actbench_params *p);

void softmax_f32_table_accurate_scalar_forward(const float *x, float *y, size_t n, const struct actbench_params *p)
{
    const vf64w_table8 table = exp_table_f64w_load();
    rows_forward(x, y, n, p->row_length, forward_block, forward_rows, &table);
}

void softmax_f32_table_accurate_scalar_gradient(const float *x, const float *y, const float *dy, float *dx, float *dparam,
                                                size_t n, const struct actbench_params *p)
{
    (void)dparam;
    const vf64w_table8 table = exp_table_f64w_load();
    rows_gradient(x, y, dy, dx, n, p->row_length, gradient_block, gradient_rows, &table);
}

const struct actbench_kernel softmax_f32_table_accurate_scalar = {
    .name = "softmax_f32_table_accurate_scalar",
    .activation = "softmax",
    .type = ACTBENCH_F32,
    .isa = "scalar",
    .unroll = ROW_BLOCK,
    .forward.f32 = softmax_f32_table_accurate_scalar_forward,
    .gradient.f32 = softmax_f32_table_accurate_scalar_gradient,
    .bounds[ACTBENCH_F32] = {.value_ulp = 0.51, .gradient_ulp = 1.0},
    .description = "max-subtract, exp in double (8-entry table, degree 4), double sum, one rounding; gradient p((dy-dy_a)+sum p(dy_a-dy)) in double",
};
