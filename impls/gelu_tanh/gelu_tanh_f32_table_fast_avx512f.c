/*
 * gelu_tanh, table method, fast tier, AVX-512F, 16 lanes.
 *
 * Algorithm (impls/math/gelu_tanh.h over impls/math/exp_table.h and
 * logistic.h): gelu_tanh(x) = x*sigmoid(z), z = 2u = c1*x + c3*x^3. z is
 * never rounded to a float (a float z is off by up to |z|*2^-24, which for
 * x < 0 becomes the relative error of sigmoid(z) ~ e^z, 85 ulp at x = -10):
 * exp(-z) is reduced in steps of ln2/8 from s = (c1 + c3*x^2)*8/ln2 as a
 * float pair sh + sl (x^2 exact by an FMA; sh = c1_hi + c3_hi*x^2 rounded
 * once and its rounding error by one more FMA, exact since c1_hi is a
 * multiple of the ulp of every sh): m = round(-x*sh), f = -x*sh - m by one
 * FMA (exact product, |f| <= 1/2) minus x*sl; E = exp(-z) =
 * 2^(m/8)*2^(f/8), 2^(m/8) from the 8-entry 2^(j/8) table in registers (hi
 * and lo parts), 2^(f/8) = 1 + f*q(f), q of degree 2 (2^-25.2); value x/(1
 * + E), one division. z is taken of min(5.5, x):
 * beyond, the value rounds to x and the derivative to 1.
 * On AVX-512F the reduction runs in octaves (s*1/8, shifter 0x1.8p20, f/8,
 * the coefficients times 8^(i+1): every product and rounding moves by a
 * power of two) and 2^(m/8) is one vpermps of the 16-lane 2^(j/8) table and
 * one vscalefps by k/8, where the integer exponent add took three
 * operations: the same bits (accuracy.csv of the 1M-point run identical).
 * Derivative: r*(1 + x*z'*(E*r)), r = 1/(1 + E), z' = c1 + 3*c3*x^2;
 * around its root x0 = -0.7518 (|x - x0| <= 1/16) h*q(h), h = (x - x0_hi)
 * - x0_lo (impls/math/sollya/gelu_tanh_root.sollya).
 * Special lanes (x < -10, -inf) are recomputed in double: gelu_tanh(-inf)
 * = -0, gelu_tanh(+inf) = +inf, NaN propagates.
 * Coefficients and tables: impls/math/sollya/gelu_tanh_exp.sollya,
 * exp_table.sollya (the table) and gelu_tanh_root.sollya, written by
 * scripts/fit-coefficients.
 *
 * Speed, the octave reduction and vscalefps (above): 23.25 vector
 * operations per 16 elements in the value loop where 25.25, 33.25 in the
 * gradient's where 35.25 (scripts/kernel-ops.py); llvm-mca
 * -mcpu=sapphirerapids (LLVM 14) on the compiled main loop of four vectors:
 * value 69.2 cycles per 64 elements where 71.2 (-2.8%), gradient 117.3
 * both.  No actbench timing: the machine was busy with an exhaustive run,
 * whose load makes speed figures meaningless.
 * Before it, z never rounded: 0.624 cycles/element, gradient 0.914;
 * peer libmvec 1.088, gradient 1.347: 0.57x and 0.68x, against the tier's
 * 0.6x, met for the value, missed for the gradient; the build before (the
 * float pair for z), same runs: 0.914 and 1.196 (`build/actbench -A
 * gelu_tanh -f f32 --speed-only --modes throughput,gradient_throughput
 * --budget 0.2`, three runs alternating with the build before, medians;
 * L1-resident, uniform [-10, 10], AMD EPYC Zen 5, load average 16-17 on 2
 * cores: compare within one run). 25.25 vector operations per 16 elements
 * in the value loop (speed.csv ops_per_element 1.58), 13 of them FMAs or
 * multiplies, where the float pair for z took 35.25; replacing the division
 * by a multiplication (a wrong result, timing only) ran 0.607 against 0.623
 * in one run: the division is not the limit.
 * Earlier figures:
 * With the float pair for z and the special lanes from x < -10 on
 * (impls/math/gelu_tanh.h):
 * 0.920 cycles/element, gradient 1.203; fastest peer libmvec 1.106, gradient
 * 1.380: 0.83x and 0.87x, against the tier's 0.6x, which it misses; the
 * build before, special from x < -9.9, same runs: 1.101 and 1.337
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
 * Where the cycles go: 35.25 vector operations per 16 elements in the
 * value loop (speed.csv ops_per_element 2.20, floor_cpe 0.551,
 * ratio_to_floor 1.67 in the alternating runs), the same 35 per vector as
 * the AVX2 kernel, which runs 1.94 times slower per element: nothing in
 * the loop is AVX-512-specific; the float pair for z takes 16 of them.
 * The gap to AVX2's ratio came from the special lanes (one 16-lane
 * vector in 13 of uniform [-10, 10] before, one 8-lane vector in 25 on
 * AVX2) and from the peer: libmvec's tanhf runs 3.1 times faster per
 * element on AVX-512F than on AVX2 (1.11 against 3.40, same runs).
 * Tried and dropped, measured against this form in one run: x/(1 + E)
 * by vrcp14ps and one Newton step instead of the division (1.13 against
 * 0.97: five operations more, and the division was not the limit); the
 * main loops of two vectors (1.00 against 0.97) and, for the poly
 * kernel, of one (1.09 against 1.01).
 * Earlier figures:
 * 1.10 cycles/element, gradient 1.33; fastest peer libmvec 1.24,
 * gradient 1.47: 0.89x and 0.90x, against the tier's 0.6x, which it misses
 * (`build/actbench -A gelu_tanh --speed-only --modes throughput,gradient_throughput
 * --budget 0.2`: L1-resident, uniform [-10, 10], median core cycles per
 * element, AMD EPYC Zen 5, load average 3 on 2 cores: compare within the
 * run).  The pair for z costs about as much as the exponential.  The
 * accurate kernels lose most of the rest outside [-1, 1] (AVX-512F, same
 * run: 1.57 cycles/element on narrow [-1, 1] inputs against 3.24 on
 * uniform [-10, 10]; the fast kernel 0.975 against 1.11); the likely
 * cause, not yet confirmed, is the compensation's small terms turning
 * subnormal for z < -70.
 *
 * Tier: fast.  For inference and training of GPT-2/BERT-style models that
 * use the tanh form of gelu (PyTorch approximate="tanh"); unlike every
 * peer it keeps its relative accuracy in the negative tail, where 1 +
 * tanh(u) cancels (the peers lose all digits there, 1.7e7 ulp).
 * Declared bounds, f32: value 2.49 ulp, gradient 28.8 ulp (just above
 * the maxima over every float of [-10, 10], 2,185,232,390 inputs, with
 * z never rounded: 2.4798 ulp at -0x1.3fb5f6p+2 and 28.781 ulp at
 * -0x1.a917f6p-1, 0 property and special-value failures (the AVX-512F
 * kernel; outside [-10, 10] the code is that of the exhaustive check
 * of the float-pair form: the double special case below -10, the clamp
 * above 5.5); the float pair for z gave 2.4545 ulp over all of f32,
 * under the former bound 2.46; the gradient's worst case is just
 * outside the root window, where 1 + x*z'*E*r cancels).
 * Loops: impls/math/elementwise.h (four vectors per main-loop iteration,
 * then single vectors, then a masked tail that touches nothing past n; in
 * place safe); scalar, AVX2 and AVX-512F agree bit for bit on the sample.
 *
 * Measured max error against MPFR, in ulps
 * (x86_64-avx512-bf16, 1049148 f32 points):
 *   gelu_tanh_f32_table_fast_avx512f f32: value 2.232 ulp at x = -0x1.3fcf56p+2,
 *     gradient 26.77 ulp at x = -0x1.a1e5fep-1
 */
#include "../../include/actbench/kernel.h"
#include "../simd/f32-avx512f.h"
#include "../simd/f64w-avx512f.h"
#include "../math/elementwise.h"
#include "../math/gelu_tanh.h"

static inline __attribute__((always_inline)) vf32 value(vf32 x, const void *context, vmask32 *special)
{
    return gelu_tanh_table_fast_value(x, *(const struct exp_table_tables *)context, special);
}

static inline __attribute__((always_inline)) vf32 derivative(vf32 x, const void *context, vmask32 *special)
{
    return gelu_tanh_table_fast_derivative(x, *(const struct exp_table_tables *)context, special);
}

void gelu_tanh_f32_table_fast_avx512f_forward(const float *x, float *y, size_t n, const struct actbench_params *p);
void gelu_tanh_f32_table_fast_avx512f_gradient(const float *x, const float *y, const float *dy, float *dx, float *dparam,
                                               size_t n, const struct actbench_params *p);

void gelu_tanh_f32_table_fast_avx512f_forward(const float *x, float *y, size_t n, const struct actbench_params *p)
{
    (void)p;
    const struct exp_table_tables tables = exp_table_load();
    elementwise_forward(x, y, n, value, gelu_tanh_special_case, &tables);
}

void gelu_tanh_f32_table_fast_avx512f_gradient(const float *x, const float *y, const float *dy, float *dx, float *dparam,
                                               size_t n, const struct actbench_params *p)
{
    (void)y, (void)dparam, (void)p;
    const struct exp_table_tables tables = exp_table_load();
    elementwise_gradient(x, dy, dx, n, derivative, gelu_tanh_derivative_special_case, &tables);
}

const struct actbench_kernel gelu_tanh_f32_table_fast_avx512f = {
    .name = "gelu_tanh_f32_table_fast_avx512f",
    .activation = "gelu_tanh",
    .type = ACTBENCH_F32,
    .isa = "avx512f",
    .unroll = ELEMENTWISE_UNROLL * VF32_LANES,
    .forward.f32 = gelu_tanh_f32_table_fast_avx512f_forward,
    .gradient.f32 = gelu_tanh_f32_table_fast_avx512f_gradient,
    /* value 2.46 -> 2.49 with the reduction from s = sh + sl: every float
     * of [-10, 10] (actbench --range, the AVX-512F kernel; scalar and AVX2
     * agree bit for bit on the 1M-point sample) gives 2.4798 ulp at
     * x = -0x1.3fb5f6p+2; gradient 28.781 ulp at x = -0x1.a917f6p-1, as
     * over all 2^32 f32 inputs with the float pair for z */
    .bounds[ACTBENCH_F32] = {.value_ulp = 2.49, .gradient_ulp = 28.8},
    .description = "x/(1 + exp(-z)), z = 2u as a float pair, exp(-z) from the 2^(j/8) table + degree-3 poly, one division",
};
