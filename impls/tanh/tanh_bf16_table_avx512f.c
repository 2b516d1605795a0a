/*
 * tanh on bfloat16 encodings, correctly rounded, table method, AVX-512 (F, BW, DQ, VL), 16 lanes.
 *
 * Algorithm (impls/math/tanh16.h over impls/math/tanh.h, loops
 * impls/math/elementwise16.h), Ziv's strategy in two steps:
 *  1. float, every lane: the piecewise polynomials of degree 6 of the f32
 *     fast kernels (16 slots, coefficients from register tables, one final
 *     FMA), narrowed with the layer's rounding test
 *     vh16_from_f32_checked(y, 3), which flags every lane with a midpoint
 *     of bf16 within 3 floats of y.
 *  2. double, one flagged lane at a time: glibc's tanh, rounded to odd to
 *     a float and then once to bf16.
 *
 * Double rounding (float, then bf16) is avoided: over the 65280 finite bf16
 * inputs the float of step 1 is within 1.48 floats of the exact value
 * (against MPFR, at x = 0x1p+2), so no lane the test leaves unflagged has a
 * midpoint between y and the exact value; a recomputed lane is rounded to
 * odd to a float, which lies on a midpoint of bf16 only when the double
 * does.  The test flags 0 inputs; narrowed without it, 0 would be
 * rounded wrongly.  Every one of the 65536 encodings is checked bit for
 * bit against MPFR (tests/test_h16_rounding.c).
 *
 * Conversions: bf16 widened by vpmovzxwd and a shift; narrowed on the float bits,
 * gathered by one vpermw (impls/simd/bf16-avx512f.h).
 *
 * Derivative: sech^2 = 4E/(1 + E)^2, E = exp(-2|x|) from the fast exp
 * table (|x| > 43.5, infinities and NaN in double), times dy in float and
 * rounded once to the format.
 *
 * Coefficients and tables: impls/math/sollya/tanh_table.sollya and exp_table.sollya, written by
 * scripts/fit-coefficients.
 *
 * Speed, median core cycles per element (L1, throughput, uniform
 * [-10, 10] rounded to bf16; one run, `build/actbench -A sigmoid,silu,gelu,tanh,gelu_tanh,relu,softmax
 * --filter '(_(bf16|f16)_.*avx|table_accurate_avx|relu_f32_libm_avx)'
 * --speed-only --modes throughput,gradient_throughput --budget 0.2`;
 * AMD Zen 5, load average 22-25 on 2 cores): forward 0.775 against
 * 0.831 for tanh_bf16_table_widened_avx512f (the f32 accurate kernel
 * between the two conversions), 0.93x, and 0.593 for tanh_f32_table_accurate_avx512f
 * alone; gradient 0.820 against 1.468 (0.56x) and 1.131.  Forward
 * faster than the f32 kernel + conversions (goal met).
 *
 * Tier: accurate (16-bit: correctly rounded).  Declared bounds, bf16: value
 * 0.5 ulp (correctly rounded), gradient 0.501 ulp (just above the measured
 * maximum).
 *
 * Measured max error against MPFR, in ulps
 * (x86_64-avx512-bf16, all 65536 bf16 inputs):
 *   tanh_bf16_table_avx512f bf16: value 0.4984 ulp at x = 0x1.72p-4,
 *     gradient 0.4997 ulp at x = 0x1.e4p+0
 */
#include "../../include/actbench/kernel.h"
#include "../simd/f32-avx512f.h"
#include "../simd/f64w-avx512f.h"
#include "../simd/bf16-avx512f.h"
#include "../math/elementwise16.h"
#include "../math/tanh16.h"

void tanh_bf16_table_avx512f_forward(const uint16_t *x, uint16_t *y, size_t n, const struct actbench_params *p);
void tanh_bf16_table_avx512f_gradient(const uint16_t *x, const uint16_t *y, const uint16_t *dy, uint16_t *dx, uint16_t *dparam,
        size_t n, const struct actbench_params *p);

void tanh_bf16_table_avx512f_forward(const uint16_t *x, uint16_t *y, size_t n, const struct actbench_params *p)
{
    (void)p;
    const struct tanh_table_registers tables = tanh_table_fast_load();
    elementwise16_forward(x, y, n, tanh16_value, TANH16_ERROR_FLOATS, tanh16_special_case, &tables);
}

void tanh_bf16_table_avx512f_gradient(const uint16_t *x, const uint16_t *y, const uint16_t *dy, uint16_t *dx, uint16_t *dparam,
        size_t n, const struct actbench_params *p)
{
    (void)y, (void)dparam, (void)p;
    const struct exp_table_tables tables = exp_table_load();
    elementwise16_gradient(x, dy, dx, n, tanh16_derivative, tanh_derivative_special_case, &tables);
}

const struct actbench_kernel tanh_bf16_table_avx512f = {
    .name = "tanh_bf16_table_avx512f",
    .activation = "tanh",
    .type = ACTBENCH_BF16,
    .isa = "avx512f",
    .unroll = ELEMENTWISE16_UNROLL * VF32_LANES,
    .forward.u16 = tanh_bf16_table_avx512f_forward,
    .gradient.u16 = tanh_bf16_table_avx512f_gradient,
    .bounds[ACTBENCH_BF16] = {.value_ulp = 0.5, .gradient_ulp = 0.501},
    .description = "tanh correctly rounded: piecewise polynomials of degree 6 in float, a rounding test on the narrowing, double tanh for the lanes it flags; derivative 4E/(1 + E)^2",
};
