/*
 * softplus, table method, accurate tier, AVX2 + FMA, 8 lanes.
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
 * E = hi*(1 + p) from exp_table_accurate_relative (2^-28 relative). log1p(E)
 * from softplus_log1p_accurate (impls/math/softplus.h),
 * log1p_table_accurate's method with four operations fewer: E's head eh and
 * tail el from two FMAs, u = 1 + eh with its rounding error c (el included),
 * bin i = round(8(u - 1)) gives c_i ~ 1/u and -log(c_i) as hi + lo from three
 * 8-entry tables held in registers (impls/math/log1p_data.c, 96 bytes, one
 * vpermps each), r = u*c_i - 1 exact by one FMA, log1p(r + c*c_i) = r + c*c_i
 * + rc^2*q(rc) with rc = r + c*c_i rounded once and q of degree 4 (2^-29.17);
 * in bin 0 (E < 1/16) r is E's head itself and c its tail. The result is an
 * unevaluated hi + tail. Then max(x, 0) + hi by Fast2Sum (larger first) and
 * one rounding of the sum and the small terms. 51 (AVX2; 52.25 on AVX-512F)
 * vector operations per vector (objdump count of the loop, speed.csv's
 * ops_per_element times the lanes), against 57 (57.25) for the form with
 * log1p_table_accurate: log1p_bin takes its bin from the low bits of a
 * rounding shifter (no conversion to int), and on AVX2 the two blends of
 * bin 0 read its compare mask directly (GCC 12 otherwise adds a vpcmpgtd
 * for the pair).
 *
 * Derivative: sigmoid(x), sigmoid_table_accurate's form (impls/math/
 * logistic.h: E from the same hi/lo table, 1/(1 + E) compensated, one
 * rounding), no gradient death.
 *
 * Coefficients and tables: impls/math/sollya/exp_table.sollya, log1p.sollya
 * and softplus_log1p.sollya, written by scripts/fit-coefficients into
 * impls/math/coefficients.h, exp_data.c and log1p_data.c.
 *
 * Why table for the accurate tier: both halves are short polynomials on small
 * intervals thanks to the register tables; a table-free accurate softplus
 * (log1p of a compensated E in polynomial form over [0, 1]) is not built. ML
 * use: softplus layers and the positivity constraint of variance outputs,
 * where the tail's small values matter.
 *
 * Speed: 3.65 cycles/element against libmvec 3.69 (0.99x, medians of three
 * runs alternating with the former binary, load average 5 to 7; SLEEF u10
 * 7.94): the tier's 1.0x holds, narrowly; the former form (53 operations,
 * log1p_bin through a conversion, the extra vpcmpgtd) measured 3.86
 * (1.046x) in the same runs.  Earlier, with the former form: 3.93 with a
 * two-vector main loop, 4.20 and 1.14x for the form with
 * log1p_table_accurate.  51 operations per vector, 2.29x the floor.
 * (`build/actbench -A softplus -I avx2 -f f32 -m libmvec,sleef,table,poly
 * --speed-only --modes throughput --budget 0.2`: L1-resident, median core
 * cycles per element, AMD EPYC Zen 5; the machine was shared, so compare
 * within one run.)
 *
 * Tier: accurate. Declared bounds, f32: value 0.68 ulp, gradient 0.63 ulp,
 * just above the maxima over all 2^32 f32 inputs (actbench --exhaustive, the
 * AVX-512F kernel; the scalar, AVX2 and AVX-512F kernels agree on the
 * 1M-point sample): value 0.67286 ulp at x = -0x1.5efb4ap+1; gradient 0.62178
 * ulp at x = -0x1.d3b15cp+4 (the derivative is unchanged), no input over 1
 * ulp, no property or special-value failure. The value's maximum lies at E
 * just above 1/16 (bin 1, where log1p(E) is smallest against the reduced
 * argument and rc's rounding weighs most); the form with log1p_table_accurate
 * measured 0.61817 ulp over all of f32.
 *
 * Loops: impls/math/elementwise.h (four vectors per main-loop iteration, then
 * single vectors, then a masked tail that touches nothing past n; in place
 * safe). Against the two-vector loop of impls/math/elementwise_narrow.h,
 * medians of three alternating runs (load average 10 to 14): the value 4.06
 * cycles/element with four vectors, 4.13 with two; the gradient 1.603 with
 * four, 1.573 with two (one kernel has one main-loop width; the value
 * decides).
 *
 * Measured max error against MPFR, in ulps
 * (x86_64-avx512-bf16, 1049148 f32 points):
 *   softplus_f32_table_accurate_avx2 f32: value 0.6368 ulp at x = -0x1.621884p+1,
 *     gradient 0.5819 ulp at x = -0x1.70ebacp+2
 */
#include "../../include/actbench/kernel.h"
#include "../simd/f32-avx2.h"
#include "../simd/f64w-avx2.h"
#include "../math/elementwise.h"
#include "../math/softplus.h"

static vf32 value(vf32 x, const void *context, vmask32 *special)
{
    return softplus_table_accurate_value(x, (const struct softplus_tables *)context, special);
}

static vf32 derivative(vf32 x, const void *context, vmask32 *special)
{
    return sigmoid_table_accurate_value(x, *(const struct exp_table_tables *)context, special);
}

void softplus_f32_table_accurate_avx2_forward(const float *x, float *y, size_t n, const struct actbench_params *p);
void softplus_f32_table_accurate_avx2_gradient(const float *x, const float *y, const float *dy, float *dx, float *dparam,
                                               size_t n, const struct actbench_params *p);

void softplus_f32_table_accurate_avx2_forward(const float *x, float *y, size_t n, const struct actbench_params *p)
{
    (void)p;
    const struct softplus_tables tables = softplus_load();
    elementwise_forward(x, y, n, value, softplus_special_case, &tables);
}

void softplus_f32_table_accurate_avx2_gradient(const float *x, const float *y, const float *dy, float *dx, float *dparam,
                                               size_t n, const struct actbench_params *p)
{
    (void)y, (void)dparam, (void)p;
    const struct exp_table_tables tables = exp_table_load();
    elementwise_gradient(x, dy, dx, n, derivative, sigmoid_special_case, &tables);
}

const struct actbench_kernel softplus_f32_table_accurate_avx2 = {
    .name = "softplus_f32_table_accurate_avx2",
    .activation = "softplus",
    .type = ACTBENCH_F32,
    .isa = "avx2",
    .unroll = ELEMENTWISE_UNROLL * VF32_LANES,
    .forward.f32 = softplus_f32_table_accurate_avx2_forward,
    .gradient.f32 = softplus_f32_table_accurate_avx2_gradient,
    /* just above the maxima over all 2^32 f32 inputs (actbench --exhaustive,
     * the AVX-512F kernel): value 0.67286 ulp at x = -0x1.5efb4ap+1, gradient 0.62178 ulp
     * at x = -0x1.d3b15cp+4 */
    .bounds[ACTBENCH_F32] = {.value_ulp = 0.68, .gradient_ulp = 0.63},
    .description = "max(x,0) + log1p(exp(-|x|)): hi/lo exp table, 8-entry log table, compensated (degree-6 log1p at r + c/u); derivative sigmoid (table, accurate)",
};
