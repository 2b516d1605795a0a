/*
 * gelu_tanh on bfloat16 encodings, correctly rounded, table method, AVX2 + FMA + F16C, 8 lanes.
 *
 * Algorithm (impls/math/tanh16.h over impls/math/gelu_tanh.h, loops
 * impls/math/elementwise16.h), Ziv's strategy in two steps:
 *  1. float, every lane with x >= -9.9: the fast table form of the f32
 *     kernels, x/(1 + E), E = exp(-z) from the 2^(j/8) table with
 *     z = c1 x + c3 x^3 as a float pair (its rounding would cost |z| 2^-24
 *     of the result), narrowed with the layer's rounding test
 *     vh16_from_f32_checked(y, 3), which flags every lane with a midpoint
 *     of bf16 within 3 floats of y.
 *  2. x < -9.9 and -inf, the whole vector in double: x/(1 + exp(-z)), x
 *     clamped to -20 (the value rounds to -0 below); flagged lanes above
 *     -9.9 one at a time in double: x/2 + (x/2) tanh(u) as a pair for
 *     x >= -1 (x/2 alone is a midpoint for the odd multiples of the
 *     smallest subnormal, whose value lies just above it), x/(1 + e^(-2u))
 *     below.  Each rounded to odd to a float, then once to bf16.
 *
 * Double rounding (float, then bf16) is avoided: over the finite bf16 inputs
 * with x >= -9.9 the float of step 1 is within 1.92 floats of the exact
 * value (against MPFR, at x = -0x1.fp-19), so no lane the test leaves unflagged
 * has a midpoint between y and the exact value; the recomputed lanes are
 * rounded to odd to a float, which lies on a midpoint of bf16 only when the
 * double does.  The test flags 256 inputs (15969 more are below -9.9);
 * narrowed without it, 128 would be rounded wrongly.  Every one of the
 * 65536 encodings is checked bit for bit against MPFR
 * (tests/test_h16_rounding.c).
 *
 * Conversions: bf16 widened by a 16-bit shift; the value narrowed on the float bits
 * (round half up, the test on the low half: impls/simd/bf16-avx2.h), the
 * gradient rounded to nearest even on the bits.
 *
 * Derivative: r (1 + x z' E r), r = 1/(1 + E), by the fast table form
 * (within 1/16 of the root x0 = -0.7518 its polynomial; x < -9.9 in
 * double), times dy in float and rounded once to the format.
 *
 * Coefficients and tables: impls/math/sollya/exp_table.sollya and gelu_tanh_root.sollya, written by
 * scripts/fit-coefficients.
 *
 * Speed, median core cycles per element (L1, throughput, uniform
 * [-10, 10] rounded to bf16; one run, `build/actbench -A sigmoid,silu,gelu,tanh,gelu_tanh,relu,softmax
 * --filter '(_(bf16|f16)_.*avx|table_accurate_avx|relu_f32_libm_avx)'
 * --speed-only --modes throughput,gradient_throughput --budget 0.2`;
 * AMD Zen 5, load average 22-25 on 2 cores): forward 2.823 against
 * 5.505 for gelu_tanh_bf16_table_widened_avx2 (the f32 accurate kernel
 * between the two conversions), 0.51x, and 4.967 for gelu_tanh_f32_table_accurate_avx2
 * alone; gradient 3.287 against 9.499 (0.35x) and 8.211.  Forward
 * faster than the f32 kernel + conversions (goal met).
 *
 * Tier: accurate (16-bit: correctly rounded).  Declared bounds, bf16: value
 * 0.5 ulp (correctly rounded), gradient 0.501 ulp (just above the measured
 * maximum).
 *
 * Measured max error against MPFR, in ulps
 * (x86_64-avx512-bf16, all 65536 bf16 inputs):
 *   gelu_tanh_bf16_table_avx2 bf16: value 0.5 ulp at x = 0x1p-133,
 *     gradient 0.4999 ulp at x = -0x1.fap+1
 */
#include "../../include/actbench/kernel.h"
#include "../simd/f32-avx2.h"
#include "../simd/f64w-avx2.h"
#include "../simd/bf16-avx2.h"
#include "../math/elementwise16.h"
#include "../math/tanh16.h"

void gelu_tanh_bf16_table_avx2_forward(const uint16_t *x, uint16_t *y, size_t n, const struct actbench_params *p);
void gelu_tanh_bf16_table_avx2_gradient(const uint16_t *x, const uint16_t *y, const uint16_t *dy, uint16_t *dx, uint16_t *dparam,
        size_t n, const struct actbench_params *p);

void gelu_tanh_bf16_table_avx2_forward(const uint16_t *x, uint16_t *y, size_t n, const struct actbench_params *p)
{
    (void)p;
    const struct exp_table_tables tables = exp_table_load();
    elementwise16_forward(x, y, n, gelu_tanh16_value, GELU_TANH16_ERROR_FLOATS, gelu_tanh16_special_case, &tables);
}

void gelu_tanh_bf16_table_avx2_gradient(const uint16_t *x, const uint16_t *y, const uint16_t *dy, uint16_t *dx, uint16_t *dparam,
        size_t n, const struct actbench_params *p)
{
    (void)y, (void)dparam, (void)p;
    const struct exp_table_tables tables = exp_table_load();
    elementwise16_gradient(x, dy, dx, n, gelu_tanh16_derivative, gelu_tanh_derivative_special_case, &tables);
}

const struct actbench_kernel gelu_tanh_bf16_table_avx2 = {
    .name = "gelu_tanh_bf16_table_avx2",
    .activation = "gelu_tanh",
    .type = ACTBENCH_BF16,
    .isa = "avx2",
    .unroll = ELEMENTWISE16_UNROLL * VF32_LANES,
    .forward.u16 = gelu_tanh_bf16_table_avx2_forward,
    .gradient.u16 = gelu_tanh_bf16_table_avx2_gradient,
    .bounds[ACTBENCH_BF16] = {.value_ulp = 0.5, .gradient_ulp = 0.501},
    .description = "gelu_tanh correctly rounded: x/(1 + exp(-z)) in float with z as a float pair, a rounding test on the narrowing, double for the lanes it flags; derivative r(1 + x z' E r)",
};
