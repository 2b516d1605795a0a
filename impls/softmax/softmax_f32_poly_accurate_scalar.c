/*
 * softmax, poly method, accurate tier, portable C, one lane:
 * the reference of the method for the vector kernels (same operations in
 * the same order lane by lane; fma and fmaf are libm calls without -mfma).
 *
 * Algorithm (impls/math/softmax.h over impls/math/exp_wide.h, the rows
 * by impls/math/rows.h): per row, m = the largest entry, a_i = m - x_i
 * in double (exact), E_i = exp(-a_i) in double lanes by
 * softmax_exp_poly_f64w (impls/math/softmax_exp.h): -a = k ln2 + r with ln2
 * in one double, 2^k added to the exponent (no table), p of degree 7 on
 * |r| <= ln2/2, relative error 2^-34.3 (the one-double ln2 adds under
 * 2^-45.2);
 * S = sum E_i in double and y_i = E_i * (1/S) rounded once to float.
 * Gradient (Jacobian-vector product y (.) (dy - <dy, y>)): with a the
 * index of the largest entry, dx_i = p_i ((dy_i - dy_a) + C),
 * C = sum_j p_j (dy_a - dy_j), p_j = E_j/S recomputed from x by
 * exp_poly_f64w_precise (the reduction with ln2 in two doubles, degree 10, 2^-52.0): the
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
 * Coefficients and tables: impls/math/sollya/exp_poly.sollya and exp_wide.sollya,
 * written by scripts/fit-coefficients into impls/math/coefficients.h and
 * exp_data.c.
 *
 * Why: the peers' float form (subtract the maximum, expf, a float sum, a
 * division or a log) is 63.5 ulp off on the value and 5.3e7 ulp on the
 * gradient (1M points); each own step here is within 2^-33 relative in
 * double, so one final rounding decides the result.
 *
 * Speed: forward 7.02 cycles/element, gradient 14.9 (the sums in the one
 * order of impls/math/rows.h; with the former column-after-column sums
 * 10.3 and 19.3 in alternating runs); no libmvec or SLEEF peer on the
 * scalar ISA (libm softmax_f32_libm_maxsub_scalar: 11.8 and 1.22)
 * (`scripts/actbench --all`, L1-resident, median core cycles per element
 * from calibrated TSC ticks, AMD Zen 5, load average 1.9).
 *
 * Tier: accurate.  Declared bounds, f32: value 0.51 ulp (0.5 + 2^-7.5:
 * the exponential, the sum and the reciprocal each within 2^-33 relative),
 * gradient 1 ulp.  Over all of f32 (rows of 16 consecutive floats):
 * value 0.5002 ulp at x = -0x1.7db3fcp+1, gradient 0.6551 ulp at
 * x = 0x1.bf518ap+14, the table form's (`build/actbench -x -A
 * softmax,log_softmax -m poly,table --filter accurate -f f32
 * --accuracy-only`: the scalar, AVX2 and AVX-512F kernels give the same
 * figures).  While the blocks added a row's terms in another order than
 * the row function, the blocks gave 1.3525 ulp at x = -0x1.7606e6p+20
 * (dy_i - <dy, p> cancelling in a row 1.875 apart end to end) and that
 * row alone 0.3525, under a bound of 1.36; every path now takes the
 * order of impls/math/rows.h.
 *
 * Measured max error against MPFR, in ulps
 * (x86_64-avx512-bf16, 1056000 f32 points):
 *   softmax_f32_poly_accurate_scalar f32: value 0.5008 ulp at x = -0x1.fb07bcp+1,
 *     gradient 0.5 ulp at x = -0x1.d48464p-56
 */
#include "../../include/actbench/kernel.h"
#include "../simd/f32-scalar.h"
#include "../simd/f64w-scalar.h"
#include "../math/softmax.h"
#include "../math/softmax_exp.h"

static vf64w exp_value(vf64w a, const void *context)
{
    (void)context;
    return softmax_exp_poly_f64w(a);
}

static vf64w exp_precise(vf64w a, const void *context)
{
    (void)context;
    return exp_poly_f64w_precise(a);
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

void softmax_f32_poly_accurate_scalar_forward(const float *x, float *y, size_t n, const struct actbench_params *p);
void softmax_f32_poly_accurate_scalar_gradient(const float *x, const float *y, const float *dy, float *dx, float *dparam,
                                               size_t n, const struct actbench_params *p);

void softmax_f32_poly_accurate_scalar_forward(const float *x, float *y, size_t n, const struct actbench_params *p)
{
    rows_forward(x, y, n, p->row_length, forward_block, forward_rows, NULL);
}

void softmax_f32_poly_accurate_scalar_gradient(const float *x, const float *y, const float *dy, float *dx, float *dparam,
                                               size_t n, const struct actbench_params *p)
{
    (void)dparam;
    rows_gradient(x, y, dy, dx, n, p->row_length, gradient_block, gradient_rows, NULL);
}

const struct actbench_kernel softmax_f32_poly_accurate_scalar = {
    .name = "softmax_f32_poly_accurate_scalar",
    .activation = "softmax",
    .type = ACTBENCH_F32,
    .isa = "scalar",
    .unroll = ROW_BLOCK,
    .forward.f32 = softmax_f32_poly_accurate_scalar_forward,
    .gradient.f32 = softmax_f32_poly_accurate_scalar_gradient,
    .bounds[ACTBENCH_F32] = {.value_ulp = 0.51, .gradient_ulp = 1.0},
    .description = "max-subtract, exp in double (degree-7 poly), double sum, one rounding; gradient p((dy-dy_a)+sum p(dy_a-dy)) in double",
};
