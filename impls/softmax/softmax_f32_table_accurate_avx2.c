/*
 * softmax, table method, accurate tier, AVX2 + FMA, 8 lanes (a row of 16 in two vectors).
 *
 * Algorithm (impls/math/softmax.h over impls/math/exp_wide.h, the rows
 * by impls/math/rows.h): per row, m = the largest entry, a_i = m - x_i
 * in double (exact), E_i = exp(-a_i) in double lanes by
 * softmax_exp_table_f64w (impls/math/softmax_exp.h): -a = k ln2/8 + r with
 * ln2/8 in one double (under 2^-45.2 relative), 2^(j/8) from an 8-entry table of
 * doubles (one vpermpd on AVX-512; on AVX2 two vpermps and a blend on
 * rows of 16, gathers elsewhere), p of degree 4 on |r| <= ln2/16, relative error 2^-33.5;
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
 * Rows of 16 (the catalog's length) whose outputs lie apart from the
 * inputs run 8 rows at a time in memory order, software-pipelined
 * (impls/math/softmax_wide_staged.h): the block's maxima, then the
 * previous block's products y = E * (1/S), then the block's exponentials
 * into a scratch block of 128 doubles with the rows' sums and 1/S (two
 * divisions for 8 rows, their latency hidden by the next block); no
 * transpose, and no block of 32 double vectors held across the sum.
 * There the 8-entry table sits in two registers (two vpermps and a blend
 * per 4 lanes) instead of being gathered: the same entries, the same bits.
 * Otherwise (in place, or fewer than 16 rows) rows of 16 run VF32_LANES
 * at a time transposed into 16 column vectors, lane-wise with no
 * horizontal step; other lengths row by row (four rows of one or two
 * vectors at a time, sharing their reductions).  Rows with a NaN or an infinite maximum go to
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
 * Speed: forward 2.251, 2.278 and 2.358 cycles/element in three runs, the
 * fastest peer softmax_f32_libmvec_avx2 at 2.386, 2.526 and 3.534 in the same
 * runs: 0.94x, 0.90x and 0.67x (the peer moves between two states from run to
 * run, about 2.4 and 3.5 for softmax, 3.5 and 5.2 for log_softmax; ours much
 * less).  Before the exp reduction with ln2 in one double, the register lookup
 * of 2^(j/8) on split dwords: 2.68-2.69 in alternating runs of the former
 * binary, 1.14x the peer (tier: 1.0x, met); gradient 4.73, fastest peer
 * softmax_f32_sleef_u10_avx2 0.455: 10.4x
 * (not met: the peers take y (.) (dy - <dy, y>) or dy - exp(y) sum dy from
 * the forward's y, a few float operations per element; the accurate
 * gradient needs p to 2^-50, which y rounded to float cannot give, so
 * it recomputes the exponentials from x in double)
 * (`build/actbench -A softmax,log_softmax -f f32 --speed-only --modes throughput,gradient_throughput --budget 0.2`:
 * L1-resident, median core cycles per element from calibrated TSC ticks,
 * AMD Zen 5, shared machine at load average 38-45: ratios within one run).
 *
 * Tier: accurate.  Declared bounds, f32: value 0.51 ulp (0.5 + 2^-7.5:
 * the exponential, the sum and the reciprocal each within 2^-33 relative),
 * gradient 1 ulp.  Over all of f32 (rows of 16
 * consecutive floats): value 0.5 ulp, gradient 0.6551 ulp
 * at x = 0x1.bf518ap+14.  The
 * pipelined path (apart from the inputs) adds a row's 16 terms in the
 * order of the transposed blocks and the row function (impls/math/rows.h),
 * so a row gets the same bits in place and apart, in a block and alone
 * (tests/test_softmax_rows16.c: rows where the former orders gave
 * different outputs, one in 10^7 random rows, among them).
 *
 * Measured max error against MPFR, in ulps
 * (x86_64-avx512-bf16, 1056000 f32 points):
 *   softmax_f32_table_accurate_avx2 f32: value 0.5014 ulp at x = -0x1.a2a554p-7,
 *     gradient 0.5 ulp at x = -0x1.d48464p-56
 */
#include "../../include/actbench/kernel.h"
#include "../simd/f32-avx2.h"
#include "../simd/f64w-avx2.h"
#include "../math/softmax.h"
#include "../math/softmax_wide_staged.h"

static vf64w exp_value(vf64w a, const void *context)
{
    return softmax_exp_table_f64w(a, *(const vf64w_table8 *)context);
}

/* the rows of 16 of the forward: the table in registers */
struct forward_tables {
    vf64w_table8 table; /* first: exp_value reads it */
    struct softmax_wide_table8 registers;
};

static vf64w exp_value_registers(vf64w a, const void *context)
{
    return softmax_wide_exp_table(a, ((const struct forward_tables *)context)->registers);
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

void softmax_f32_table_accurate_avx2_forward(const float *x, float *y, size_t n, const struct actbench_params *p);
void softmax_f32_table_accurate_avx2_gradient(const float *x, const float *y, const float *dy, float *dx, float *dparam,
                                              size_t n, const struct actbench_params *p);

void softmax_f32_table_accurate_avx2_forward(const float *x, float *y, size_t n, const struct actbench_params *p)
{
    const struct forward_tables tables = {exp_table_f64w_load(), softmax_wide_table8_load(exp_wide_scale.value)};
    softmax_wide_forward(x, y, n, p->row_length, exp_value_registers, forward_block, forward_rows, &tables);
}

void softmax_f32_table_accurate_avx2_gradient(const float *x, const float *y, const float *dy, float *dx, float *dparam,
                                              size_t n, const struct actbench_params *p)
{
    (void)dparam;
    const vf64w_table8 table = exp_table_f64w_load();
    rows_gradient(x, y, dy, dx, n, p->row_length, gradient_block, gradient_rows, &table);
}

const struct actbench_kernel softmax_f32_table_accurate_avx2 = {
    .name = "softmax_f32_table_accurate_avx2",
    .activation = "softmax",
    .type = ACTBENCH_F32,
    .isa = "avx2",
    .unroll = ROW_BLOCK,
    .forward.f32 = softmax_f32_table_accurate_avx2_forward,
    .gradient.f32 = softmax_f32_table_accurate_avx2_gradient,
    .bounds[ACTBENCH_F32] = {.value_ulp = 0.51, .gradient_ulp = 1.0},
    .description = "max-subtract, exp in double (8-entry table, degree 4), double sum, one rounding; gradient p((dy-dy_a)+sum p(dy_a-dy)) in double",
};
