/*
 * gelu_tanh, table method, accurate tier, AVX2 + FMA, 8 lanes.
 *
 * Algorithm (impls/math/gelu_tanh.h over impls/math/exp_table.h and
 * logistic.h): gelu_tanh(x) = x*sigmoid(z), z = 2u = c1*x + c3*x^3, z as
 * a float pair zh + zl (a float z alone: 85 ulp at x = -9.9, where
 * sigmoid(z) ~ e^z takes z's absolute error as relative error): x times
 * the slope c1 + c3*x^2 as a float pair sh + sl (gelu_tanh_fast_slope,
 * constants gelu_tanh_accurate_argument), zh = x*sh, zl = its exact error
 * + x*sl, 11 operations; E = exp(-z) = hi*(1 + p) from exp_table.h's
 * 2^(j/8) table (hi and lo parts, degree-4 polynomial) reduced in k/8,
 * with zl added to the reduced argument; then the compensated reciprocal
 * of sigmoid_f32_table_accurate_* (1 + hi = s + sl exactly, sl + hi*p in
 * one FMA, r0 = 1/(s + sl), res = 1 - r0*(s + sl)) and the value
 * x*r0 + r0*(x*res), one final rounding.  z is taken of
 * min(5.5, x): beyond, the value rounds to x and the derivative to 1.
 * Derivative: r*(1 + x*z'*w), w = 1 - r as a float pair (logistic.h), and
 * x*z' = z + 2*c3*x^3 from the pair zh + zl (a float x*z' gave 13.8 ulp
 * near the root); around the root x0 = -0.7518 (|x - x0| <= 1/16) h*q(h)
 * (impls/math/sollya/gelu_tanh_root.sollya).
 * Special lanes (x < -10, -inf) are recomputed in double: gelu_tanh(-inf)
 * = -0, gelu_tanh(+inf) = +inf, NaN propagates.
 * Coefficients and tables: impls/math/sollya/exp_table.sollya,
 * gelu_tanh_exp.sollya and gelu_tanh_root.sollya, written by
 * scripts/fit-coefficients.
 *
 * Speed, with the special lanes from x < -10 on (impls/math/gelu_tanh.h):
 * 3.364 cycles/element, gradient 5.688; fastest peer libmvec 3.395, gradient
 * 3.781: 0.99x and 1.50x, against the tier's 1.0x, met for the value, missed for the gradient; the
 * build before, special from x < -9.9, same runs: 3.573 and 5.806
 * (`build/actbench -A gelu_tanh -f f32 --filter
 * 'gelu_tanh_f32_(libmvec|sleef.*|table_fast|table_accurate|poly_fast|poly_accurate)_(avx2|avx512f)'
 * --speed-only --modes throughput,gradient_throughput --budget 0.2`, three
 * runs alternating with the build before, medians; L1-resident, uniform
 * [-10, 10], AMD EPYC Zen 5, load average 12-14 on 2 cores: compare within
 * one run).
 * In another run of every gelu_tanh and tanh kernel (`build/actbench -A
 * gelu_tanh,tanh -f f32 --speed-only --modes throughput,gradient_throughput
 * --budget 0.2`, three runs, medians, load 11-14) libmvec measured 1.43 on
 * AVX-512F and 3.86 on AVX2, the table kernels 0.965 and 1.70 (AVX-512F),
 * 1.94 and 3.53 (AVX2), fast and accurate: the ratios move with the run.
 * Earlier figures:
 * 3.562 cycles/element, gradient 5.760; fastest peer libmvec 3.388,
 * gradient 3.760: 1.05x and 1.53x, against the tier's 1.0x, which it misses;
 * with four vectors per iteration, same runs: 3.679 and 5.849 (1.09x, 1.55x)
 * (`build/actbench -A gelu_tanh -m libmvec,sleef,poly,table -f f32 -I
 * avx2,avx512f --speed-only --modes throughput,gradient_throughput --budget
 * 0.3`, three runs alternating with the four-vector build, medians; load
 * average 12-14 on 2 cores: compare within one run). Earlier, four vectors per
 * iteration: 3.68 cycles/element, gradient 5.85; fastest peer libmvec 3.41,
 * gradient 3.75: 1.08x and 1.56x, against the tier's 1.0x, which it misses
 * (before the subnormal terms were avoided, same commands: 4.97 and 8.24,
 * 1.46x and 2.20x) (`build/actbench -A gelu,gelu_tanh -m
 * libmvec,sleef,poly,table,onednn,eigen,xnnpack,highway --speed-only --modes
 * throughput,gradient_throughput --budget 0.3`, medians of two runs:
 * L1-resident, uniform [-10, 10], median core cycles per element, AMD EPYC Zen
 * 5, load average 16 on 2 cores: compare within the run).  The pair for z
 * costs about as much as the exponential. Below x = -9.35 (z < -72) the small
 * terms r0*(x*res) and r0*res fell under FLT_MIN, and every instruction with a
 * subnormal operand or result takes a microcode assist: on uniform [-10, 10]
 * inputs 3% of the lanes, but a third of the 16-lane vectors, which cost half
 * the AVX-512F time (a standalone timing loop of the AVX-512F value over
 * uniform [-10, 10]: 2.13 TSC cycles/element, 1.03 with FTZ/DAZ set).  Below x
 * = -8 r0 is now scaled by 2^32 and the result by 2^-32 (exact), and the
 * derivative's complement takes res = 0 there (gelu_tanh.h).
 *
 * Tier: accurate.  For training and reference runs of models with the
 * tanh form of gelu (GPT-2, BERT; PyTorch approximate="tanh") where the
 * negative tail matters (small activations, gradients through them): every
 * peer loses all accuracy there (1.7e7 ulp), this kernel stays below 1 ulp.
 * Declared bounds, f32: value 0.68 ulp, gradient 3.71 ulp, just above
 * the maxima over all 2^32 f32 inputs (`build/actbench --exhaustive -A
 * gelu_tanh -f f32 --filter gelu_tanh_f32_table_accurate_avx512f
 * --accuracy-only`, 578 s on 2 cores of the Intel family 6 model 207
 * machine; the scalar and AVX2 kernels give the same figures at both
 * inputs): value 0.67105 ulp at -0x1.986c5cp+1, gradient 3.70704 ulp at
 * -0x1.df96e8p+1.  The form before the slope pair and the eighth
 * reduction: 0.66424 ulp at -0x1.d2bfc4p+0 and the same gradient.
 * Loops: impls/math/elementwise_narrow.h (one vector per iteration, faster
 * than four on AVX2, see Speed; then a masked tail that touches nothing past
 * n; in place safe); scalar and AVX2 agree bit for bit on the sample,
 * and with the AVX-512F kernel's gradient (its value reduces in octaves
 * from the slope pair and differs in the last bit on some inputs).
 *
 * Measured max error against MPFR, in ulps
 * (x86_64-avx512-bf16-fp16, 1049148 f32 points):
 *   gelu_tanh_f32_table_accurate_avx2 f32: value 0.6091 ulp at x = -0x1.3e84c4p+3,
 *     gradient 3.174 ulp at x = -0x1.05128ep+2
 */
#include "../../include/actbench/kernel.h"
#include "../simd/f32-avx2.h"
#include "../simd/f64w-avx2.h"
#include "../math/elementwise_narrow.h"
#include "../math/gelu_tanh.h"

static inline __attribute__((always_inline)) vf32 value(vf32 x, const void *context, vmask32 *special)
{
    return gelu_tanh_table_accurate_value(x, *(const struct exp_table_tables *)context, special);
}

static inline __attribute__((always_inline)) vf32 derivative(vf32 x, const void *context, vmask32 *special)
{
    return gelu_tanh_table_accurate_derivative(x, *(const struct exp_table_tables *)context, special);
}

void gelu_tanh_f32_table_accurate_avx2_forward(const float *x, float *y, size_t n, const struct actbench_params *p);
void gelu_tanh_f32_table_accurate_avx2_gradient(const float *x, const float *y, const float *dy, float *dx, float *dparam,
                                                size_t n, const struct actbench_params *p);

void gelu_tanh_f32_table_accurate_avx2_forward(const float *x, float *y, size_t n, const struct actbench_params *p)
{
    (void)p;
    const struct exp_table_tables tables = exp_table_load();
    elementwise_single_forward(x, y, n, value, gelu_tanh_special_case, &tables);
}

void gelu_tanh_f32_table_accurate_avx2_gradient(const float *x, const float *y, const float *dy, float *dx, float *dparam,
                                                size_t n, const struct actbench_params *p)
{
    (void)y, (void)dparam, (void)p;
    const struct exp_table_tables tables = exp_table_load();
    elementwise_single_gradient(x, dy, dx, n, derivative, gelu_tanh_derivative_special_case, &tables);
}

const struct actbench_kernel gelu_tanh_f32_table_accurate_avx2 = {
    .name = "gelu_tanh_f32_table_accurate_avx2",
    .activation = "gelu_tanh",
    .type = ACTBENCH_F32,
    .isa = "avx2",
    .unroll = VF32_LANES,
    .forward.f32 = gelu_tanh_f32_table_accurate_avx2_forward,
    .gradient.f32 = gelu_tanh_f32_table_accurate_avx2_gradient,
    /* just above the maxima over all 2^32 f32 inputs (actbench
     * --exhaustive, the AVX-512F kernel; the scalar and AVX2 kernels give
     * the same figures at both inputs): value 0.67105 ulp at
     * x = -0x1.986c5cp+1, gradient 3.70704 ulp at x = -0x1.df96e8p+1 */
    .bounds[ACTBENCH_F32] = {.value_ulp = 0.68, .gradient_ulp = 3.71},
    .description = "x*sigmoid(z), z = 2u as a float pair, sigmoid from the 2^(j/8) hi/lo table + degree-4 poly, compensated reciprocal",
};
