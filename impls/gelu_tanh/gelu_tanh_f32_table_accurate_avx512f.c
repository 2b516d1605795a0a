/*
 * gelu_tanh, table method, accurate tier, AVX-512F, 16 lanes.
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
 * x*r0 + r0*(x*res), one final rounding.
 * On AVX-512F hi is one vscalefps of the table's value and both lookups
 * index the doubled tables unmasked; the value takes the reciprocal of the
 * scaled denominator 2^-e*(1 + E), e = floor(k/8) (u = 2^-e by one
 * vscalefps), and scales the result back by vscalefps, so no term falls
 * under FLT_MIN; the derivative scales r0 by 2^e and back the same way
 * (the AVX2 and scalar kernels: by 2^32 and 2^-32 below x = -8).  z is taken of
 * min(5.5, x): beyond, the value rounds to x and the derivative to 1.
 * The value (AVX-512F only) never forms zh + zl: from the slope
 * (c1 + c3*x^2)/ln2 as a float pair sh + sl (gelu_tanh_fast_slope,
 * constants gelu_tanh_poly_argument), kd = 0x1.8p20 - x*sh rounds -z/ln2 to
 * a multiple of 1/8 (k in its low bits for both lookups), f = x*sh + k/8 in
 * one FMA (exact product) plus x*sl, f*ln2 = z + k*ln2/8
 * (gelu_tanh_accurate_reduce_octave): 3 operations after the slope where
 * zh, zl and the reduction took 8; 2^-f = 1 + f*q(f) in place of exp(-r),
 * q of degree 3 (gelu_tanh_octave_exp_poly, impls/math/sollya/
 * gelu_tanh_exp.sollya, 2^-32.1), so r is never rounded.
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
 * Speed, the value's reduction in octaves (above): 36.25 vector operations
 * per 16 elements in the value loop where 40.25 (scripts/kernel-ops.py);
 * llvm-mca -mcpu=sapphirerapids (LLVM 14) on the compiled main loop of four
 * vectors: 100.2 cycles per 64 elements where 112.7 (1.57 against 1.76
 * cycles/element, -11%; the model ran 3% above the measured figures
 * below, so about 1.52 expected against libmvec's 1.42: 1.07x, still
 * above the tier's 1.0x).  The gradient's loop is unchanged.  No actbench timing: the
 * machine was busy with an exhaustive run, whose load makes speed figures
 * meaningless.
 * Before it: 1.729 cycles/element, gradient 3.100; fastest peer libmvec 1.424,
 * gradient 1.895 (SLEEF slower): 1.21x and 1.64x, against the tier's 1.0x,
 * which it misses; the build before (z from x^2 and c3*x^2 with their
 * errors, exp_table_accurate with masked lookups and an integer
 * exponent add, r0 scaled below x = -8 by two selects), same runs: 2.103
 * and 3.374 (libmvec 1.402: 1.50x)
 * (`build/actbench -A gelu_tanh,elu,selu -f f32 -I avx512f -m
 * libmvec,sleef,table,poly --speed-only --modes
 * throughput,gradient_throughput --budget 0.2`, three runs alternating with
 * the build before, medians; L1-resident, uniform [-10, 10], Intel Xeon
 * family 6 model 207 (AVX-512F), load average 3.7-5.9 on 2 cores: compare
 * within one run).
 * Where the cycles go: 40.25 vector operations per 16 elements in the
 * value loop (ops_per_element 2.52, floor_cpe 1.26 on ports 0 and 5),
 * 68.25 in the gradient's, where the build before had 50.25 and 75.25.
 * Earlier figures, AMD EPYC Zen 5:
 * Speed, with the special lanes from x < -10 on (impls/math/gelu_tanh.h):
 * 1.579 cycles/element, gradient 2.654; fastest peer libmvec 1.106, gradient
 * 1.380: 1.43x and 1.92x, against the tier's 1.0x, which it misses; the
 * build before, special from x < -9.9, same runs: 1.778 and 2.785
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
 * Then 50.25 vector operations per 16 elements in the value loop
 * (ops_per_element 3.14, floor_cpe 0.785 on Zen 5), 75.25 in the
 * gradient's.  1.0x the fastest peer
 * needs 30% fewer cycles (1.106 against 1.579); the float pair for z is
 * 16 of the 50 operations.
 * Earlier figures:
 * 1.78 cycles/element, gradient 2.78; fastest peer libmvec 1.10,
 * gradient 1.34: 1.62x and 2.07x, against the tier's 1.0x, which it misses
 * (before the subnormal terms were avoided, same commands: 3.22 and 5.33,
 * 2.78x and 3.80x)
 * (`build/actbench -A gelu,gelu_tanh -m libmvec,sleef,poly,table,onednn,eigen,xnnpack,highway
 * --speed-only --modes throughput,gradient_throughput --budget 0.3`, medians
 * of two runs: L1-resident, uniform [-10, 10], median core cycles per
 * element, AMD EPYC Zen 5, load average 16 on 2 cores: compare within the
 * run).  The pair for z costs about as much as the exponential.
 * Below x = -9.35 (z < -72) the small terms r0*(x*res) and r0*res fell
 * under FLT_MIN, and every instruction with a subnormal operand or result
 * takes a microcode assist: on uniform [-10, 10] inputs 3% of the lanes,
 * but a third of the 16-lane vectors, which cost half the AVX-512F time
 * (a standalone timing loop of the AVX-512F value over uniform [-10, 10]:
 * 2.13 TSC cycles/element, 1.03 with FTZ/DAZ set).  Below
 * x = -8 r0 is now scaled by 2^32 and the result by 2^-32 (exact), and
 * the derivative's complement takes res = 0 there (gelu_tanh.h).
 *
 * Tier: accurate.  For training and reference runs of models with the
 * tanh form of gelu (GPT-2, BERT; PyTorch approximate="tanh") where the
 * negative tail matters (small activations, gradients through them): every
 * peer loses all accuracy there (1.7e7 ulp), this kernel stays below 1 ulp.
 * Declared bounds, f32: value 0.63 ulp, gradient 3.71 ulp, just above
 * the maxima over all 2^32 f32 inputs (`build/actbench --exhaustive -A
 * gelu_tanh -f f32 --filter gelu_tanh_f32_table_accurate_avx512f
 * --accuracy-only`, 578 s on 2 cores of the Intel family 6 model 207
 * machine; the scalar and AVX2 kernels give the same figures at both
 * inputs): value 0.67105 ulp at -0x1.986c5cp+1, gradient 3.70704 ulp at
 * -0x1.df96e8p+1; with the value's reduction in octaves (above) the
 * value's maximum is 0.627656 ulp at -0x1.801f88p+1, the gradient's the
 * same (`build/actbench -x -A gelu_tanh -f f32 --filter
 * gelu_tanh_f32_table_accurate_avx512f --accuracy-only`, 457 s at load
 * average 9; 0 special-value and property failures; the scalar and AVX2
 * kernels keep 0.67105 ulp and their bound 0.68).  The form before the
 * slope pair and the eighth reduction: 0.66424 ulp at -0x1.d2bfc4p+0 and
 * the same gradient.
 * Loops: impls/math/elementwise.h (four vectors per main-loop iteration,
 * then single vectors, then a masked tail that touches nothing past n; in
 * place safe); the gradient agrees bit for bit with the scalar and AVX2
 * kernels on the sample, the value (its own reduction) differs in the last
 * bit on some inputs: 0.6125 against their 0.6091 ulp on the 1M points.
 *
 * Measured max error against MPFR, in ulps
 * (x86_64-avx512-bf16-fp16, 1049148 f32 points):
 *   gelu_tanh_f32_table_accurate_avx512f f32: value 0.6125 ulp at x = -0x1.cd6a92p+2,
 *     gradient 3.174 ulp at x = -0x1.05128ep+2
 */
#include "../../include/actbench/kernel.h"
#include "../simd/f32-avx512f.h"
#include "../simd/f64w-avx512f.h"
#include "../math/elementwise.h"
#include "../math/gelu_tanh.h"

static inline __attribute__((always_inline)) vf32 value(vf32 x, const void *context, vmask32 *special)
{
    return gelu_tanh_table_accurate_value(x, *(const struct exp_table_tables *)context, special);
}

static inline __attribute__((always_inline)) vf32 derivative(vf32 x, const void *context, vmask32 *special)
{
    return gelu_tanh_table_accurate_derivative(x, *(const struct exp_table_tables *)context, special);
}

void gelu_tanh_f32_table_accurate_avx512f_forward(const float *x, float *y, size_t n, const struct actbench_params *p);
void gelu_tanh_f32_table_accurate_avx512f_gradient(const float *x, const float *y, const float *dy, float *dx, float *dparam,
                                                   size_t n, const struct actbench_params *p);

void gelu_tanh_f32_table_accurate_avx512f_forward(const float *x, float *y, size_t n, const struct actbench_params *p)
{
    (void)p;
    const struct exp_table_tables tables = exp_table_load();
    elementwise_forward(x, y, n, value, gelu_tanh_special_case, &tables);
}

void gelu_tanh_f32_table_accurate_avx512f_gradient(const float *x, const float *y, const float *dy, float *dx, float *dparam,
                                                   size_t n, const struct actbench_params *p)
{
    (void)y, (void)dparam, (void)p;
    const struct exp_table_tables tables = exp_table_load();
    elementwise_gradient(x, dy, dx, n, derivative, gelu_tanh_derivative_special_case, &tables);
}

const struct actbench_kernel gelu_tanh_f32_table_accurate_avx512f = {
    .name = "gelu_tanh_f32_table_accurate_avx512f",
    .activation = "gelu_tanh",
    .type = ACTBENCH_F32,
    .isa = "avx512f",
    .unroll = ELEMENTWISE_UNROLL * VF32_LANES,
    .forward.f32 = gelu_tanh_f32_table_accurate_avx512f_forward,
    .gradient.f32 = gelu_tanh_f32_table_accurate_avx512f_gradient,
    /* just above the maxima over all 2^32 f32 inputs (actbench
     * --exhaustive): value 0.627656 ulp at x = -0x1.801f88p+1 (the value's
     * reduction in octaves; 0.67105 at -0x1.986c5cp+1 before, as the scalar
     * and AVX2 kernels), gradient 3.70704 ulp at x = -0x1.df96e8p+1 */
    .bounds[ACTBENCH_F32] = {.value_ulp = 0.63, .gradient_ulp = 3.71},
    .description = "x*sigmoid(z), exp(-z) reduced in eighths of an octave from the slope pair (c1 + c3*x^2)/ln2, 2^(j/8) hi/lo table, 2^-f by a degree-4 poly, compensated reciprocal",
};
