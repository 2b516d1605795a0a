/*
 * softmax, poly method, fast tier, AVX-512F, 16 lanes (a row of 16 in one vector).
 *
 * Algorithm (impls/math/softmax.h, the rows by impls/math/rows.h): per
 * row, m = the largest entry, m - x_i = d + dl exactly (TwoSum), E_i =
 * exp(-(d + dl)) in float by a degree-6 form on |r| <= ln2/2 (-d = k ln2 + r, exp(-r) = 1 +
 * (r^2 q(r) - r), q of degree 4, 2^-28.2, impls/math/sollya/
 * softmax_exp.sollya), 2^k added to the exponent, with dl added to
 * the reduced argument; S = sum E_i in double (the floats widened and
 * added in vf64w_add_all's order), y_i = E_i * r with r = 1/S rounded
 * to float.  The float sum it replaces cost up to 4.4 ulp at 1M points;
 * the double one brings the value to 2.3 ulp.  Entries with d > 87 (E
 * below the normal range, -inf entries) add 0 and take y_i from double
 * off the hot path (subnormal or zero results).
 * Gradient: the peers' y (.) (dy - <dy, y>) from the forward's y, the
 * dot product in float: the fast tier promises its value, not its
 * gradient (see the accurate tier for a gradient without cancellation).
 * Rows of 16 (the catalog's length) run VF32_LANES at a time transposed
 * into 16 column vectors; every sum is taken in the same order in a block,
 * a group of four rows or a single row, so a row's result does not depend
 * on its neighbours or on n (the scalar, AVX2 and AVX-512F kernels agree
 * bit for bit).  Rows with a NaN or an infinite maximum go to
 * softmax_row_exact (impls/softmax/softmax_rows.c).
 *
 * Speed: forward 1.49 cycles/element, fastest peer softmax_f32_libmvec_avx512f 2.94:
 * 0.51x (tier: 0.6x, met); gradient 0.245, fastest peer softmax_f32_libmvec_avx512f
 * 0.661: 0.37x
 * (`build/actbench -A softmax,log_softmax --speed-only --modes throughput,gradient_throughput --budget 0.2`:
 * L1-resident, median core cycles per element from calibrated TSC ticks,
 * AMD Zen 5, shared machine at load average 17: ratios within one run).
 *
 * Tier: fast.  Declared bounds, f32: value 4 ulp (the tier's), gradient
 * 1e9 ulp (the peers' form, not promised).  Checked at 1M points.
 *
 * Measured max error against MPFR, in ulps
 * (x86_64-avx512-bf16, 1056000 f32 points):
 *   softmax_f32_poly_fast_avx512f f32: value 2.304 ulp at x = -0x1.8bf368p-1,
 *     gradient 5.723e+07 ulp at x = 0x1.ca5696p+4
 */
#include "../../include/actbench/kernel.h"
#include "../simd/f32-avx512f.h"
#include "../simd/f64w-avx512f.h"
#include "../math/softmax.h"

static vf32 exp_hilo(vf32 d, vf32 dl, const void *context)
{
    (void)context;
    return softmax_exp_poly_fast(d, dl);
}

__attribute__((always_inline)) static inline bool forward_rows(const float *x, float *y, struct row_shape s,
                                                          size_t group, const void *context)
{
    return softmax_fast_rows(x, y, s, group, exp_hilo, context);
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
    return softmax_fast_block(x, y, exp_hilo, context);
}

__attribute__((always_inline)) static inline bool gradient_block(const float *x, const float *y, const float *dy,
                                                            float *dx, const void *context)
{
    return block_gradient_by_groups(x, y, dy, dx, gradient_rows, context);
}

void softmax_f32_poly_fast_avx512f_forward(const float *x, float *y, size_t n, const struct actbench_params *p);
void softmax_f32_poly_fast_avx512f_gradient(const float *x, const float *y, const float *dy, float *dx, float *dparam,
                                            size_t n, const struct actbench_params *p);

void softmax_f32_poly_fast_avx512f_forward(const float *x, float *y, size_t n, const struct actbench_params *p)
{
    rows_forward(x, y, n, p->row_length, forward_block, forward_rows, NULL);
}

void softmax_f32_poly_fast_avx512f_gradient(const float *x, const float *y, const float *dy, float *dx, float *dparam,
                                            size_t n, const struct actbench_params *p)
{
    (void)dparam;
    rows_gradient(x, y, dy, dx, n, p->row_length, gradient_block, gradient_rows, NULL);
}

const struct actbench_kernel softmax_f32_poly_fast_avx512f = {
    .name = "softmax_f32_poly_fast_avx512f",
    .activation = "softmax",
    .type = ACTBENCH_F32,
    .isa = "avx512f",
    .unroll = ROW_BLOCK,
    .forward.f32 = softmax_f32_poly_fast_avx512f_forward,
    .gradient.f32 = softmax_f32_poly_fast_avx512f_gradient,
    .bounds[ACTBENCH_F32] = {.value_ulp = 4.0, .gradient_ulp = 1e9},
    .description = "max-subtract by TwoSum, float exp (degree-6 poly), double sum, y = E * (1/S); gradient y(dy - <dy,y>) in float",
};
