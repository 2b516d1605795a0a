/*
 * log_softmax, poly method, fast tier, AVX2 + FMA, 8 lanes (a row of 16 in two vectors).
 *
 * Algorithm (impls/math/log_softmax.h over impls/math/log1p_f64.h, the rows
 * by impls/math/rows.h): per row, m = the largest entry, m - x_i = d + dl
 * exactly (TwoSum), E_i = exp(-(d + dl)) in float by
 * a degree-6 form on |r| <= ln2/2 (-d = k ln2 + r, exp(-r) = 1 +
 * (r^2 q(r) - r), q of degree 4, 2^-28.2, impls/math/sollya/
 * softmax_exp.sollya), 2^k added to the exponent;
 * T = the float sum of E_i over the entries below m (0 where d > 87; k
 * entries equal to m add k - 1), L = log1p(T) in double rounded to
 * float, y_i = -(d + (dl + L)).  A row whose T is below 2^-100 (one entry
 * dominating by more than 69) is computed exactly instead.
 * Gradient: the peers' dy - exp(y) * sum dy from the forward's y (the
 * fast tier promises its value, not its gradient).
 * Rows of 16 (the catalog's length) run VF32_LANES at a time transposed
 * into 16 column vectors; every sum is taken in the same order in a block,
 * a group of four rows or a single row, so a row's result does not depend
 * on its neighbours or on n (the scalar, AVX2 and AVX-512F kernels agree
 * bit for bit).  Rows with a NaN or an infinite maximum go to
 * log_softmax_row_exact (impls/softmax/softmax_rows.c).
 *
 * Speed: forward 3.17 cycles/element, fastest peer log_softmax_f32_libmvec_avx2 5.17:
 * 0.61x (tier: 0.6x, not met in this run); gradient 1.24, fastest peer log_softmax_f32_libmvec_avx2
 * 2.27: 0.54x
 * (`build/actbench -A softmax,log_softmax --speed-only --modes throughput,gradient_throughput --budget 0.2`:
 * L1-resident, median core cycles per element from calibrated TSC ticks,
 * AMD Zen 5, shared machine at load average 17: ratios within one run).
 *
 * Tier: fast.  Declared bounds, f32: value 4 ulp (the tier's), gradient
 * 1e9 ulp (the peers' form, not promised).  Checked at 1M points.
 *
 * Measured max error against MPFR, in ulps
 * (x86_64-avx512-bf16, 1056000 f32 points):
 *   log_softmax_f32_poly_fast_avx2 f32: value 2.941 ulp at x = 0x1.3c6494p+3,
 *     gradient 2.156e+04 ulp at x = -0x1.f48fbp-10
 */
#include "../../include/actbench/kernel.h"
#include "../simd/f32-avx2.h"
#include "../simd/f64w-avx2.h"
#include "../math/log_softmax.h"

static vf32 exp_hilo(vf32 d, vf32 dl, const void *context)
{
    (void)context;
    return softmax_exp_poly_fast(d, dl);
}

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

__attribute__((always_inline)) static inline bool forward_block(const float *x, float *y, const void *context)
{
    return log_softmax_fast_block(x, y, exp_hilo, context);
}

__attribute__((always_inline)) static inline bool gradient_block(const float *x, const float *y, const float *dy,
                                                            float *dx, const void *context)
{
    return block_gradient_by_groups(x, y, dy, dx, gradient_rows, context);
}

void log_softmax_f32_poly_fast_avx2_forward(const float *x, float *y, size_t n, const struct actbench_params *p);
void log_softmax_f32_poly_fast_avx2_gradient(const float *x, const float *y, const float *dy, float *dx, float *dparam,
                                             size_t n, const struct actbench_params *p);

void log_softmax_f32_poly_fast_avx2_forward(const float *x, float *y, size_t n, const struct actbench_params *p)
{
    rows_forward(x, y, n, p->row_length, forward_block, forward_rows, NULL);
}

void log_softmax_f32_poly_fast_avx2_gradient(const float *x, const float *y, const float *dy, float *dx, float *dparam,
                                             size_t n, const struct actbench_params *p)
{
    (void)dparam;
    rows_gradient(x, y, dy, dx, n, p->row_length, gradient_block, gradient_rows, NULL);
}

const struct actbench_kernel log_softmax_f32_poly_fast_avx2 = {
    .name = "log_softmax_f32_poly_fast_avx2",
    .activation = "log_softmax",
    .type = ACTBENCH_F32,
    .isa = "avx2",
    .unroll = ROW_BLOCK,
    .forward.f32 = log_softmax_f32_poly_fast_avx2_forward,
    .gradient.f32 = log_softmax_f32_poly_fast_avx2_gradient,
    .bounds[ACTBENCH_F32] = {.value_ulp = 4.0, .gradient_ulp = 1e9},
    .description = "max-subtract by TwoSum, float exp (degree-6 poly), float sum, log1p in double; gradient dy - exp(y) sum dy in float",
};
