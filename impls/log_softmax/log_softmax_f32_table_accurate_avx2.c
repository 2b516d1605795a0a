/*
 * log_softmax, table method, accurate tier, AVX2 + FMA, 8 lanes (a row of 16 in two vectors).
 *
 * Algorithm (impls/math/log_softmax.h over impls/math/exp_wide.h and
 * log1p_f64.h, the rows by impls/math/rows.h): per row, m = the largest
 * entry, a_i = m - x_i in double (exact), E_i = exp(-a_i) in double
 * lanes by softmax_exp_table_f64w (impls/math/softmax_exp.h): -a = k ln2/8 + r with
 * ln2/8 in one double (under 2^-45.2 relative), 2^(j/8) from an 8-entry table of
 * doubles (one vpermpd on AVX-512; on AVX2 two vpermps and a blend on
 * rows of 16, gathers elsewhere), p of degree 4 on |r| <= ln2/16, relative error 2^-33.5;
 * T = the sum of E_i over the entries below m (k entries equal to m add
 * k - 1 exactly), L = log1p(T) in double (degree-6 atanh series,
 * impls/math/sollya/log1p_f64.sollya, relative error below 2^-46), and
 * y_i = (0 - a_i) - L rounded once to float: log(S) is never rounded to
 * 0 while y_a = -log1p(T) is a normal number.
 * Gradient dx = dy - p * sum dy: p_i = E_i/S recomputed from x by
 * exp_table_f64w_precise (the reduction with ln2 in two doubles, degree 6, 2^-50.0),
 * D = sum dy in double, dx_i = dy_i - p_i D, and for a unique largest
 * entry dx_a = (T/S) D - (D - dy_a) (1 - p_a = T/S: dy_a - p_a D would
 * cancel as p_a nears 1).
 * Near-uniform rows (spread m - min x at most 2^-10), where dy_i - p_i D
 * cancels below that form's 2^-50 errors, take impls/math/softmax.h's
 * form without cancellation (expm1 of the differences, the float-sized
 * parts summed exactly): over all of f32 the former gave 0 for gradients
 * of 2^-108 at x near 2^-79 (1.148e7 ulp, 3 or 4 inputs).
 * Rows of 16 (the catalog's length) whose outputs lie apart from the
 * inputs run 8 rows at a time in memory order, software-pipelined
 * (impls/math/log_softmax_wide_staged.h): the block's maxima, then the
 * previous block's outputs (x - m) - L from x, then the block's sums T and
 * ties and L = log1p for its 8 rows at once (the latency hidden by the
 * next block); no transpose.  There the 8-entry table sits in two
 * registers (two vpermps and a blend per 4 lanes) instead of being
 * gathered: the same entries, the same bits.
 * Otherwise (in place, or fewer than 16 rows) rows of 16 run VF32_LANES
 * at a time transposed into 16 column vectors, lane-wise with no
 * horizontal step; other lengths row by row (four rows of one or two
 * vectors at a time, sharing their reductions).  Rows with a NaN or an infinite maximum go to
 * log_softmax_row_exact / log_softmax_row_gradient_exact (impls/softmax/
 * softmax_rows.c: double with libm, the catalog's conventions, one
 * rounding).  Nothing is read or written past n; in place safe.
 * Coefficients and tables: impls/math/sollya/exp_wide.sollya,
 * written by scripts/fit-coefficients into impls/math/coefficients.h and
 * exp_data.c.
 *
 * Why: the peers' float form (subtract the maximum, expf, a float sum, a
 * division or a log) is 1.7e7 ulp (6872 ulp on [-10, 10]) off on the value and 2.2e4 ulp on the
 * gradient (1M points); each own step here is within 2^-33 relative in
 * double, so one final rounding decides the result.
 *
 * Speed: forward 3.226, 3.279 and 3.333 cycles/element in three runs, the
 * fastest peer log_softmax_f32_libmvec_avx2 at 3.500, 3.532 and 5.197 in the
 * same runs: 0.92x, 0.93x and 0.64x (the peer moves between two states from
 * run to run, about 2.4 and 3.5 for softmax, 3.5 and 5.2 for log_softmax; ours
 * much less).  Before the exp reduction with ln2 in one double, the register
 * lookup of 2^(j/8) on split dwords and the scratch block of differences:
 * 3.92-3.93 in alternating runs of the former binary, 1.13-1.14x the peer
 * (tier: 1.0x, met); gradient 5.58, fastest peer log_softmax_f32_libmvec_avx2
 * 1.71: 3.3x
 * (not met: the peers take y (.) (dy - <dy, y>) or dy - exp(y) sum dy from
 * the forward's y, a few float operations per element; the accurate
 * gradient needs p to 2^-50, which y rounded to float cannot give, so
 * it recomputes the exponentials from x in double)
 * (`build/actbench -A softmax,log_softmax -f f32 --speed-only --modes throughput,gradient_throughput --budget 0.2`:
 * L1-resident, median core cycles per element from calibrated TSC ticks,
 * AMD Zen 5, shared machine at load average 38-45: ratios within one run).
 *
 * Tier: accurate.  Declared bounds, f32: value 0.51 ulp (0.5 + 2^-7.5:
 * the exponential, the sum and the logarithm each within 2^-33 relative),
 * gradient 1 ulp.  Over all of f32 (rows of 16
 * consecutive floats): value 0.5 ulp, gradient 0.5024 ulp
 * at x = 0x1.b3e61p+14.  The
 * pipelined path (apart from the inputs) adds a row's 16 terms in the
 * order of the transposed blocks and the row function (impls/math/rows.h),
 * so a row gets the same bits in place and apart, in a block and alone
 * (tests/test_softmax_rows16.c: rows where the former orders gave
 * different outputs, one in 10^7 random rows, among them).
 *
 * Measured max error against MPFR, in ulps
 * (x86_64-avx512-bf16, 1056000 f32 points):
 *   log_softmax_f32_table_accurate_avx2 f32: value 0.5006 ulp at x = 0x1.9c84dap+2,
 *     gradient 0.5 ulp at x = -0x1.61925p-49
 */
#include "../../include/actbench/kernel.h"
#include "../simd/f32-avx2.h"
#include "../simd/f64w-avx2.h"
#include "../math/log_softmax.h"
#include "../math/log_softmax_wide_staged.h"

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
    return log_softmax_accurate_rows(x, y, s, group, exp_value, context);
}

__attribute__((always_inline)) static inline bool gradient_rows(const float *x, const float *y, const float *dy,
                                                           float *dx, struct row_shape s, size_t group,
                                                           const void *context)
{
    (void)y;
    return log_softmax_accurate_gradient_rows(x, dy, dx, s, group, exp_precise, context);
}

__attribute__((always_inline)) static inline bool forward_block(const float *x, float *y, const void *context)
{
    return log_softmax_accurate_block(x, y, exp_value, context);
}

__attribute__((always_inline)) static inline bool gradient_block(const float *x, const float *y, const float *dy,
                                                            float *dx, const void *context)
{
    (void)y;
    return log_softmax_accurate_gradient_block(x, dy, dx, exp_precise, context);
}

void log_softmax_f32_table_accurate_avx2_forward(const float *x, float *y, size_t n, const struct actbench_params *p);
void log_softmax_f32_table_accurate_avx2_gradient(const float *x, const float *y, const float *dy, float *dx, float *dparam,
                                                  size_t n, const struct actbench_params *p);

void log_softmax_f32_table_accurate_avx2_forward(const float *x, float *y, size_t n, const struct actbench_params *p)
{
    const struct forward_tables tables = {exp_table_f64w_load(), softmax_wide_table8_load(exp_wide_scale.value)};
    log_softmax_wide_forward(x, y, n, p->row_length, exp_value_registers, forward_block, forward_rows, &tables);
}

void log_softmax_f32_table_accurate_avx2_gradient(const float *x, const float *y, const float *dy, float *dx, float *dparam,
                                                  size_t n, const struct actbench_params *p)
{
    (void)dparam;
    const vf64w_table8 table = exp_table_f64w_load();
    rows_gradient(x, y, dy, dx, n, p->row_length, gradient_block, gradient_rows, &table);
}

const struct actbench_kernel log_softmax_f32_table_accurate_avx2 = {
    .name = "log_softmax_f32_table_accurate_avx2",
    .activation = "log_softmax",
    .type = ACTBENCH_F32,
    .isa = "avx2",
    .unroll = ROW_BLOCK,
    .forward.f32 = log_softmax_f32_table_accurate_avx2_forward,
    .gradient.f32 = log_softmax_f32_table_accurate_avx2_gradient,
    .bounds[ACTBENCH_F32] = {.value_ulp = 0.51, .gradient_ulp = 1.0},
    .description = "max-subtract, exp in double (8-entry table, degree 4), log1p of the rest in double, one rounding; gradient dy - p sum dy in double",
};
