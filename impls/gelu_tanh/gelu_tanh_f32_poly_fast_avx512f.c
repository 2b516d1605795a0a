/*
 * gelu_tanh, poly method, fast tier, AVX-512F, 16 lanes.
 *
 * Algorithm (impls/math/gelu_tanh_poly.h over impls/math/gelu_tanh.h,
 * exp_poly.h and logistic.h): gelu_tanh(x) = x*sigmoid(z), z = 2u = c1*x +
 * c3*x^3. z is never rounded to a float (a float z is off by up to
 * |z|*2^-24, which for x < 0 becomes the relative error of sigmoid(z) ~
 * e^z, 85 ulp at x = -10): exp(-z) is reduced in octaves from s = (c1 +
 * c3*x^2)/ln2 as a float pair sh + sl (x^2 exact by an FMA; sh = c1_hi +
 * c3_hi*x^2 rounded once and its rounding error by one more FMA, exact
 * since c1_hi is a multiple of the ulp of every sh): m = round(-x*sh), f =
 * -x*sh - m by one FMA (exact product, |f| <= 1/2) minus x*sl; E = exp(-z)
 * = 2^m*2^f without a table, 2^f = 1 + f*q(f), q of degree 4 (2^-23.3), 2^m
 * by an integer add to the exponent field (the value on AVX-512F: one
 * vscalefps by m = kd - shift, the same bits, accuracy.csv of the 1M-point
 * run identical); value x/(1 + E), one division. z
 * is taken of min(5.5, x):
 * beyond, the value rounds to x and the derivative to 1.
 *
 * Derivative: r*(1 + x*z'*(E*r)), r = 1/(1 + E), z' = c1 + 3*c3*x^2; around
 * its root x0 = -0.7518 (|x - x0| <= 1/16) h*q(h), h = (x - x0_hi) - x0_lo
 * (impls/math/sollya/gelu_tanh_root.sollya).  Special lanes (x < -10, -inf)
 * are recomputed in double: gelu_tanh(-inf) = -0, gelu_tanh(+inf) = +inf,
 * NaN propagates.
 *
 * Coefficients: impls/math/sollya/gelu_tanh_exp.sollya and gelu_tanh_root.sollya,
 * written by scripts/fit-coefficients into impls/math/coefficients.h.  No
 * table.
 *
 * Speed, 2^m by vscalefps in the value: 22.25 vector operations per 16
 * elements where 23.25 (scripts/kernel-ops.py); llvm-mca
 * -mcpu=sapphirerapids (LLVM 14) on the compiled main loop: 67.2 cycles
 * per 64 elements both (vscalefps and vpslld share port 0); with vscalefps
 * in the derivative too the gradient's loop, short of registers, rose from
 * 119.2 to 124.2, so the derivative keeps the integer add.  No actbench
 * timing: the machine was busy with an exhaustive run.
 * Before it, z never rounded: 0.640 cycles/element, gradient 0.938;
 * peer libmvec 1.088, gradient 1.347: 0.59x and 0.70x, against the tier's
 * 0.6x, met for the value, missed for the gradient; the build before (the
 * float pair for z), same runs: 0.913 and 1.213 (`build/actbench -A
 * gelu_tanh -f f32 --speed-only --modes throughput,gradient_throughput
 * --budget 0.2`, three runs alternating with the build before, medians;
 * L1-resident, uniform [-10, 10], AMD EPYC Zen 5, load average 16-17 on 2
 * cores: compare within one run). 23.25 vector operations per 16 elements
 * in the value loop (speed.csv ops_per_element 1.45), where the float pair
 * for z took 33.25.
 * Earlier figures:
 * With the float pair for z and the special lanes from x < -10 on
 * (impls/math/gelu_tanh.h):
 * 0.919 cycles/element, gradient 1.216; fastest peer libmvec 1.106, gradient
 * 1.380: 0.83x and 0.88x, against the tier's 0.6x, which it misses; the
 * build before, special from x < -9.9, same runs: 1.101 and 1.355
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
 * 1.10 cycles/element, gradient 1.35; fastest peer libmvec 1.09,
 * gradient 1.35: 1.01x and 1.00x, against the tier's 0.6x, which it misses;
 * the table kernel, same run: 1.10 and 1.33.  The float pair for z (about as
 * much as the exponential) is what the peers do not pay: they round z to
 * float and lose all accuracy in the negative tail.  (`build/actbench -A
 * gelu_tanh --speed-only --modes throughput,gradient_throughput --budget
 * 0.2`: L1-resident, uniform [-10, 10], median core cycles per element, AMD
 * EPYC Zen 5, load average 13 on 2 cores: compare within the run.)
 *
 * Tier: fast.  For inference and training of GPT-2/BERT-style models that
 * use the tanh form of gelu (PyTorch approximate="tanh"); unlike every peer
 * it keeps its relative accuracy in the negative tail, where 1 + tanh(u)
 * cancels (the peers lose all digits there, 1.7e7 ulp). Declared bounds,
 * f32: value 3.48 ulp, gradient 28.8 ulp (just above the maxima over every
 * float of [-10, 10], 2,185,232,390 inputs, with z never rounded: 3.4699
 * ulp at -0x1.4047a4p+2 and 28.731 ulp at -0x1.a39d4cp-1, 0 property and
 * special-value failures (the AVX-512F kernel; outside [-10, 10] the code
 * is that of the exhaustive check of the float-pair form, which gave
 * 3.7218 ulp over all of f32); the value's
 * worst case is at x = -5.0 (z = -16.9), where E = e^16.9
 * carries the polynomial's 2^-23.3 and x/(1 + E) its division; the
 * gradient's just outside the root window, where 1 + x*z'*E*r cancels, as
 * for the table kernel). Loops: impls/math/elementwise.h (four vectors per
 * main-loop iteration, then single vectors, then a masked tail that touches
 * nothing past n; in place safe); scalar, AVX2 and AVX-512F agree bit for
 * bit on the sample.
 *
 * Measured max error against MPFR, in ulps
 * (x86_64-avx512-bf16, 1049148 f32 points):
 *   gelu_tanh_f32_poly_fast_avx512f f32: value 3.247 ulp at x = -0x1.40434p+2,
 *     gradient 26.77 ulp at x = -0x1.a1e5fep-1
 */
#include "../../include/actbench/kernel.h"
#include "../simd/f32-avx512f.h"
#include "../simd/f64w-avx512f.h"
#include "../math/elementwise.h"
#include "../math/gelu_tanh_poly.h"

static inline __attribute__((always_inline)) vf32 value(vf32 x, const void *context, vmask32 *special)
{
    (void)context;
    return gelu_tanh_poly_fast_value(x, special);
}

static inline __attribute__((always_inline)) vf32 derivative(vf32 x, const void *context, vmask32 *special)
{
    (void)context;
    return gelu_tanh_poly_fast_derivative(x, special);
}

void gelu_tanh_f32_poly_fast_avx512f_forward(const float *x, float *y, size_t n, const struct actbench_params *p);
void gelu_tanh_f32_poly_fast_avx512f_gradient(const float *x, const float *y, const float *dy, float *dx, float *dparam,
                                              size_t n, const struct actbench_params *p);

void gelu_tanh_f32_poly_fast_avx512f_forward(const float *x, float *y, size_t n, const struct actbench_params *p)
{
    (void)p;
    elementwise_forward(x, y, n, value, gelu_tanh_special_case, NULL);
}

void gelu_tanh_f32_poly_fast_avx512f_gradient(const float *x, const float *y, const float *dy, float *dx, float *dparam,
                                              size_t n, const struct actbench_params *p)
{
    (void)y, (void)dparam, (void)p;
    elementwise_gradient(x, dy, dx, n, derivative, gelu_tanh_derivative_special_case, NULL);
}

const struct actbench_kernel gelu_tanh_f32_poly_fast_avx512f = {
    .name = "gelu_tanh_f32_poly_fast_avx512f",
    .activation = "gelu_tanh",
    .type = ACTBENCH_F32,
    .isa = "avx512f",
    .unroll = ELEMENTWISE_UNROLL * VF32_LANES,
    .forward.f32 = gelu_tanh_f32_poly_fast_avx512f_forward,
    .gradient.f32 = gelu_tanh_f32_poly_fast_avx512f_gradient,
    /* value 3.73 -> 3.48 with the reduction from s = sh + sl: every float
     * of [-10, 10] (actbench --range, the AVX-512F kernel; scalar and AVX2
     * agree bit for bit on the 1M-point sample) gives 3.4699 ulp at
     * x = -0x1.4047a4p+2, gradient 28.731 ulp at x = -0x1.a39d4cp-1 */
    .bounds[ACTBENCH_F32] = {.value_ulp = 3.48, .gradient_ulp = 28.8},
    .description = "x/(1 + exp(-z)), z = 2u as a float pair, exp(-z) = 2^k (1 + p(r)) with a degree-5 polynomial (no table), one division",
};
