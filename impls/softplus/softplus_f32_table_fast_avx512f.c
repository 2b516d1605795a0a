/*
 * softplus, table method, fast tier, AVX-512F, 16 lanes.
 *
 * Algorithm (impls/math/softplus.h over impls/math/exp_table.h and log1p.h):
 * softplus(x) = max(x, 0) + log1p(E), E = e^-|x| in (0, 1]: both terms are
 * >= 0, so nothing cancels; for x < 0 the result is log1p(E) alone and keeps
 * E's relative accuracy down the tail (softplus ~ e^x), and for large
 * positive x the correction log1p(e^-x) ~ e^-x is added to x without loss
 * and rounds away above x = 14.6 as it does in the correctly rounded result.
 * Lanes with |x| > 80 and NaN are special: recomputed in double, max(x, 0) +
 * E(1 - E/2) rounded once (softplus(-inf) = +0, softplus(+inf) = +inf, the
 * subnormal tail exact).
 *
 * E from exp_table_fast (8-entry 2^(j/8) table in registers, degree-3
 * polynomial), log1p(E) from log1p_table_fast: u = 1 + E and its rounding
 * error c, bin i = round(8(u - 1)), r = u*c_i - 1 exact, log1p(r) ~ r +
 * r^2*q(r) with q of degree 3 (2^-24.4), -log(c_i)'s float part and c*c_i
 * (r + c*c_i rounded once and squared); result max(x, 0) + log1p(E), one
 * addition.
 *
 * For |x| < 0.5: ln2 + x/2 + z*g(z), z = x^2, g of degree 4
 * (impls/math/sollya/softplus_small.sollya), taken only when a vector has
 * such a lane.
 *
 * Derivative: sigmoid(x), sigmoid_table_fast's form (impls/math/
 * logistic.h).
 *
 * Coefficients and tables: impls/math/sollya/exp_table.sollya and
 * log1p.sollya, written by scripts/fit-coefficients into impls/math/
 * coefficients.h, exp_data.c and log1p_data.c.
 *
 * Monotonicity: just above x = 0 (x near 2^-10) x grows by less than the
 * float log1p(e^-x) drops by one of its ulps, and the sum stepped backwards
 * (2 steps in actbench's windows, 20107 in a scan of windows of 2048
 * consecutive floats every 0.0037 over [-20, 20]); the small-|x| form
 * (monotone: x/2, z*g and ln2 + ... each rounded once) leaves 0 in both.
 * tests/test_bounds.c holds monotonicity.  ML use: inference.
 *
 * Speed: 1.11 cycles/element against 1.16 before log1p_bin took its bin
 * without a conversion to int (impls/math/log1p.h: the same bits; medians
 * of three alternating runs, load average 8, libmvec 2.06 to 3.21).
 * Earlier: 1.164 cycles/element; peers libmvec 2.061 to 2.078 (fastest),
 * SLEEF u10 3.95: 0.56x, against the tier's 0.6x, which it meets; gradient
 * 0.380 against libmvec's 0.847: 0.45x (`build/actbench -A tanh,softplus
 * -f f32 -I avx512f --speed-only --modes throughput,gradient_throughput
 * --budget 0.2`: L1-resident, medians of three runs of the median core
 * cycles per element, AMD EPYC Zen 5, load average 35 to 37 on 2 cores;
 * compare within one run).  Tried and dropped: the small-|x| form on every
 * vector with a select instead of the branch (the same bits): 1.221
 * against 1.166 in alternating runs (AVX2: 2.343 against 2.089): with x
 * uniform on [-10, 10] 56% of vectors hold a lane below 0.5, yet on the
 * timing loop's repeated inputs the branch measured cheaper than the
 * operations it skips on the other vectors.  The two-vector loop of
 * elementwise_narrow.h: 1.178 against 1.163.
 *
 * Tier: fast. Declared bounds, f32: value 4.51 ulp, gradient 5.58 ulp, just
 * above the maxima over all 2^32 f32 inputs (actbench --exhaustive, the
 * AVX-512F kernel; the scalar and AVX2 kernels compute the same
 * operations): value 4.5062 ulp at x = -0x1.3ef364p+6, 3.7935 ulp on
 * [-10, 10] (within the fast tier's 4 ulp), gradient 5.5787 ulp at x =
 * -0x1.5abf26p+6.  Before log1p_table_fast squared the whole reduced
 * argument r + c*c_i (impls/math/log1p.h; same operation count) the value
 * reached 4.1008 ulp on [-10, 10], at x = -0x1.62a15cp+1 (E just above
 * 1/16, where -log(c_1) and log1p(r) cancel by a binade).
 * Loops: impls/math/elementwise.h (four vectors per main-loop iteration,
 * then single vectors, then a masked tail that touches nothing past n; in
 * place safe).
 *
 * Measured max error against MPFR, in ulps
 * (x86_64-avx512-bf16, 1049148 f32 points):
 *   softplus_f32_table_fast_avx512f f32: value 4.162 ulp at x = -0x1.311e1cp+6,
 *     gradient 4.732 ulp at x = -0x1.5af408p+6
 */
#include "../../include/actbench/kernel.h"
#include "../simd/f32-avx512f.h"
#include "../simd/f64w-avx512f.h"
#include "../math/elementwise.h"
#include "../math/softplus.h"

static vf32 value(vf32 x, const void *context, vmask32 *special)
{
    return softplus_table_fast_value(x, (const struct softplus_tables *)context, special);
}

static vf32 derivative(vf32 x, const void *context, vmask32 *special)
{
    return sigmoid_table_fast_value(x, *(const struct exp_table_tables *)context, special);
}

void softplus_f32_table_fast_avx512f_forward(const float *x, float *y, size_t n, const struct actbench_params *p);
void softplus_f32_table_fast_avx512f_gradient(const float *x, const float *y, const float *dy, float *dx, float *dparam,
                                              size_t n, const struct actbench_params *p);

void softplus_f32_table_fast_avx512f_forward(const float *x, float *y, size_t n, const struct actbench_params *p)
{
    (void)p;
    const struct softplus_tables tables = softplus_load();
    elementwise_forward(x, y, n, value, softplus_special_case, &tables);
}

void softplus_f32_table_fast_avx512f_gradient(const float *x, const float *y, const float *dy, float *dx, float *dparam,
                                              size_t n, const struct actbench_params *p)
{
    (void)y, (void)dparam, (void)p;
    const struct exp_table_tables tables = exp_table_load();
    elementwise_gradient(x, dy, dx, n, derivative, sigmoid_special_case, &tables);
}

const struct actbench_kernel softplus_f32_table_fast_avx512f = {
    .name = "softplus_f32_table_fast_avx512f",
    .activation = "softplus",
    .type = ACTBENCH_F32,
    .isa = "avx512f",
    .unroll = ELEMENTWISE_UNROLL * VF32_LANES,
    .forward.f32 = softplus_f32_table_fast_avx512f_forward,
    .gradient.f32 = softplus_f32_table_fast_avx512f_gradient,
    /* just above the maxima over all 2^32 f32 inputs (actbench --exhaustive,
     * the AVX-512F kernel, the current log1p_table_fast): value 4.5062 ulp at
     * x = -0x1.3ef364p+6 (3.7935 on [-10, 10]), gradient 5.5787 ulp at
     * x = -0x1.5abf26p+6 */
    .bounds[ACTBENCH_F32] = {.value_ulp = 4.51, .gradient_ulp = 5.58},
    .description = "max(x,0) + log1p(exp(-|x|)) from the exp and 8-entry log tables; derivative sigmoid (table, fast)",
};
