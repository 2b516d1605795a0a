/*
 * softmax, poly method, fast tier, AVX2 + FMA, 8 lanes (a row of 16 in two vectors).
 *
 * Algorithm (impls/math/softmax.h, the rows by impls/math/rows.h): per
 * row, m = the largest entry and c = K u near m (u = ln2);
 * E'_i = 2^27 e^(x_i - c) in float from x itself by
 * a degree-6 form on |r'| <= ln2/2 (x = k ln2 - r',
 * exp(-r') = 1 + (r'^2 q(r') - r'), q of degree 4, 2^-28.2,
 * impls/math/sollya/softmax_exp.sollya), 2^(k - K + 27) added to the
 * exponent
 * (k = round(x/u), r' = k u - x with
 * the first of two FMAs exact: x - m is never formed, so never rounded,
 * and e^(m - c) cancels in E_i / S); S = the sum of the E'_i rounded to
 * integers (below 2^32 for a row of 16: exact in any order, at most
 * 2^-24.5 of S from the roundings), y_i = E'_i (r + r_lo) with 1/S in
 * two floats (one float division and an FMA residual: softmax.h's
 * softmax_reciprocal), rounded once (exactly 1 where E'_i = S, which
 * the gradient's dy - <dy, y> needs).  Rows of 16 (the catalog's length) run
 * VF32_LANES at a time in memory order, each row's maximum and integer
 * sum by vf32_rows16_max / vi32_rows16_add and the per-row values spread
 * back by one permute (no transpose); the block's only per-entry test is
 * one compare of kd with a constant.  A block with |m| > 4096, NaN, -inf or
 * an entry more than 86.6 below c goes row by row (softmax_scaled_rows:
 * the same E' and integer sums, so the same bits; there such entries add
 * 0 and take y_i from double off the hot path); rows with |m| > 4096, NaN
 * or an infinite maximum go to softmax_row_exact (impls/softmax/
 * softmax_rows.c).  Rows of 16 whose outputs lie apart from the inputs
 * run software-pipelined (softmax.h's softmax_scaled_forward: block b's
 * maximum, then the products of block b - 1, then block b's
 * exponentials stored in y), which hides the block's division and keeps
 * no block in registers; in place they take the register form.  The
 * scalar, AVX2 and AVX-512F kernels, and both forms, agree bit for bit
 * (a comparison of 6000 arrays of 8240 entries, NaN, infinities and far
 * entries included).  Before this form (TwoSum of m - x, a double sum, transposed
 * blocks) the AVX2 kernel ran at 0.92x-0.95x of libmvec.
 * Gradient: the peers' y (.) (dy - <dy, y>) from the forward's y, the
 * dot product in float: the fast tier promises its value, not its
 * gradient (see the accurate tier for a gradient without cancellation).
 *
 * Speed: forward 1.51 cycles/element, fastest peer softmax_f32_libmvec_avx2
 * 2.37: 0.64x (tier: 0.6x, not met: the degree-6 form costs three
 * operations more per vector than the table's; 1.63 against 2.35, 0.69x,
 * before the per-row values came to their vectors by vbroadcastss from
 * memory, softmax.h's softmax_row_lanes, in the same runs); gradient
 * 0.302, fastest peer softmax_f32_sleef_u10_avx2 0.468: 0.669x (tier 0.6x
 * not met, as the table kernel's: the same code)
 * (`build/actbench -A softmax -f f32 -m libmvec,sleef,table,poly -I avx2
 * --speed-only --modes throughput --budget 0.2`, three runs alternating
 * with the former binary, medians: L1-resident, median core cycles per
 * element from calibrated TSC ticks, AMD Zen 5, shared machine at load
 * average 5: ratios within one run; the gradient from earlier runs with
 * --budget 0.3 at load average 13.8-15.6).
 *
 * Tier: fast.  Declared bounds, f32: value 4 ulp (the tier's), gradient
 * 1.1e12 ulp (the peers' form, not promised: over all of f32 its float
 * dy_i - <dy, y> cancels to 2^-24 where the gradient is 2^-40: 1.0995e12
 * ulp at x = 0x1.61487ep+27, a row of 16 consecutive floats). Checked at
 * 1M points and over all of f32 (value 2.068 ulp).
 *
 * Measured max error against MPFR, in ulps
 * (x86_64-avx512-bf16, 1056000 f32 points):
 *   softmax_f32_poly_fast_avx2 f32: value 2.385 ulp at x = -0x1.fcdacp+2,
 *     gradient 5.723e+07 ulp at x = 0x1.ca5696p+4
 */
#include "../../include/actbench/kernel.h"
#include "../simd/f32-avx2.h"
#include "../simd/f64w-avx2.h"
#include "../math/softmax.h"

static vf32 exp_scaled(vf32 x, vf32 shift, const void *context, vf32 *kd)
{
    (void)context;
    return softmax_scaled_exp_poly(x, shift, kd);
}

/* ln2, the step of k */
#define STEP 0x1.62e42fefa39efp-1

__attribute__((always_inline)) static inline bool forward_rows(const float *x, float *y, struct row_shape s,
                                                          size_t group, const void *context)
{
    return softmax_scaled_rows(x, y, s, group, exp_scaled, softmax_poly_shift, SOFTMAX_POLY_NEAR, STEP, context);
}

__attribute__((always_inline)) static inline bool gradient_rows(const float *x, const float *y, const float *dy,
                                                           float *dx, struct row_shape s, size_t group,
                                                           const void *context)
{
    (void)x;
    (void)context;
    return softmax_fast_gradient_rows(y, dy, dx, s, group);
}

__attribute__((always_inline)) static inline bool forward_block(const float *x, float *y, const void *context)
{
    return softmax_scaled_block(x, y, exp_scaled, softmax_poly_shift, SOFTMAX_POLY_NEAR, context);
}

__attribute__((always_inline)) static inline bool gradient_block(const float *x, const float *y, const float *dy,
                                                            float *dx, const void *context)
{
    return block_gradient_by_groups(x, y, dy, dx, gradient_rows, context);
}

void softmax_f32_poly_fast_avx2_forward(const float *x, float *y, size_t n, const struct actbench_params *p);
void softmax_f32_poly_fast_avx2_gradient(const float *x, const float *y, const float *dy, float *dx, float *dparam,
                                         size_t n, const struct actbench_params *p);

void softmax_f32_poly_fast_avx2_forward(const float *x, float *y, size_t n, const struct actbench_params *p)
{
    softmax_scaled_forward(x, y, n, p->row_length, exp_scaled, softmax_poly_shift, SOFTMAX_POLY_NEAR, forward_block,
                           forward_rows, NULL);
}

void softmax_f32_poly_fast_avx2_gradient(const float *x, const float *y, const float *dy, float *dx, float *dparam,
                                         size_t n, const struct actbench_params *p)
{
    (void)dparam;
    rows_gradient(x, y, dy, dx, n, p->row_length, gradient_block, gradient_rows, NULL);
}

const struct actbench_kernel softmax_f32_poly_fast_avx2 = {
    .name = "softmax_f32_poly_fast_avx2",
    .activation = "softmax",
    .type = ACTBENCH_F32,
    .isa = "avx2",
    .unroll = ROW_BLOCK,
    .forward.f32 = softmax_f32_poly_fast_avx2_forward,
    .gradient.f32 = softmax_f32_poly_fast_avx2_gradient,
    .bounds[ACTBENCH_F32] = {.value_ulp = 4.0, .gradient_ulp = 1.1e12},
    .description = "e^(x - c) from x, c a step multiple near the max (float exp, degree-6 poly), integer row sums, y = E(r + r_lo); gradient y(dy - <dy,y>) in float",
};
