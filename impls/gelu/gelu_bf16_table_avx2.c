/*
 * gelu on bf16 encodings, correctly rounded, table method, AVX2 + FMA + F16C, 8 lanes.
 *
 * Algorithm (impls/math/gelu16.h over impls/math/gelu.h, loops
 * impls/math/elementwise16.h), Ziv's strategy in two steps:
 *  1. float, every lane: the fast table form (gelu_table_fast_value:
 *     Phi(-|x|) = exp(-x^2/2)*V(|x|), x^2 split exactly, exp from the
 *     2^(j/8) table, the scaled Mills ratio V on AVX2 as c_j/(|x| + 1)
 *     times a degree-5 polynomial on 8 segments, impls/math/erf_table.h's
 *     quotient form; the figures below were measured with the former 32
 *     segments of degree 3), narrowed with the layer's rounding test
 *     vh16_from_f32_checked(y, 8), which flags every lane with a midpoint
 *     of bf16 within 8 floats of y (the float is within 3.88 floats of the
 *     exact value over actbench's 1M f32 points).
 *  2. compensated float, vectors with a flagged lane (and |x| > 12.5, NaN):
 *     the accurate table form's Phi as a float pair, gelu = hi + lo
 *     (relative error about 2^-27), rounded to odd to a float and then
 *     once to bf16; 0 < |x| < 2^-40 as x/2 plus a positive low part (the
 *     x^2/sqrt(2 pi) term underflows in float); |x| > 12.5 and NaN from
 *     gelu.h's double forms, rounded to odd to a float, then to bf16.
 *
 * Double rounding (float, then bf16) is avoided: an unflagged lane has no
 * midpoint of bf16 within 8 floats of y, so the exact value rounds as y
 * does; a recomputed lane is rounded to odd to a float, which lies on a
 * midpoint of bf16 only when hi + lo does (24 bits against 8), then
 * rounded once.  Over the 33426 finite bf16 inputs with |x| <= 12.5 the float
 * of step 1 is within 2.99 floats of the exact value (against MPFR); the
 * test flags 256 of them, and narrowed without it 128 would be rounded
 * wrongly, all of them inputs below 2^-100 in magnitude whose half is an
 * exact midpoint of bf16.  That every one of the 65536 encodings is
 * correctly rounded is checked bit for bit against MPFR
 * (tests/test_h16_rounding.c).
 *
 * Conversions: bf16 widened by vpmovzxwd and a shift; narrowed by
 * adding 0x8000 to the float bits (round half up: a tie is always
 * flagged) and gathering the high halves with vpshufb and vpermq; the
 * rounding test is a shift and a compare on the low half.
 *
 * Derivative: Phi(x) + x*phi(x) by the fast table form (the root's
 * polynomial within 1/16 of x0 = -0.7518; |x| > 12.5 and NaN in double),
 * times dy in float and rounded once to bf16.  Below x = -12.5 the
 * derivative (under 2^-110) is narrowed to a float before the product:
 * a subnormal float below x = -13.3, 0 below about -14.5.  With dy = 1
 * (actbench's rows) the error is as measured below, but a dy near 2^23
 * would scale that coarse float (61 ulp of bf16 at x = -0x1.d2p+3 with
 * dy = 0x1.4ep+23, against MPFR).
 *
 * Coefficients and tables: impls/math/sollya/exp_table.sollya,
 * erf_table.sollya and gelu_root.sollya, written by scripts/fit-coefficients.
 *
 * Speed: 4.63 cycles/element against 6.13 for the f32 accurate kernel
 * (gelu_f32_table_accurate_avx2) run between the two conversions
 * (widen 512 encodings into an L1 buffer, the f32 kernel, narrow: a kernel library loaded with
 * --kernel), 0.76x, in one run: `build/actbench -A gelu --kernel LIB.so
 * --filter '_(bf16|f16)_' --speed-only --modes throughput --budget 0.2`;
 * gradient 4.46 against 5.01 for the f32 accurate kernel's gradient alone
 * (another run).  L1-resident, uniform [-10, 10] rounded to bf16, median
 * core cycles, AMD EPYC Zen 5 under a load average of 16 on 2 cores.
 *
 * Tier: accurate (16-bit: correctly rounded).  Declared bounds, bf16: value
 * 0.5 ulp (correctly rounded), gradient 0.501 ulp (just above the measured
 * maximum).
 *
 * Measured max error against MPFR, in ulps
 * (x86_64-avx512-bf16, all 65536 bf16 inputs):
 *   gelu_bf16_table_avx2 bf16: value 0.5 ulp at x = 0x1p-133,
 *     gradient 0.4999 ulp at x = 0x1.d2p-1
 */
#include "../../include/actbench/kernel.h"
#include "../simd/f32-avx2.h"
#include "../simd/f64w-avx2.h"
#include "../simd/bf16-avx2.h"
#include "../math/elementwise16.h"
#include "../math/gelu16.h"

void gelu_bf16_table_avx2_forward(const uint16_t *x, uint16_t *y, size_t n, const struct actbench_params *p);
void gelu_bf16_table_avx2_gradient(const uint16_t *x, const uint16_t *y, const uint16_t *dy, uint16_t *dx,
        uint16_t *dparam, size_t n, const struct actbench_params *p);

void gelu_bf16_table_avx2_forward(const uint16_t *x, uint16_t *y, size_t n, const struct actbench_params *p)
{
    (void)p;
    const struct gelu_fast_tables tables = gelu_fast_load();
    elementwise16_forward(x, y, n, gelu16_value, GELU16_ERROR_FLOATS, gelu16_special_case, &tables);
}

void gelu_bf16_table_avx2_gradient(const uint16_t *x, const uint16_t *y, const uint16_t *dy, uint16_t *dx,
        uint16_t *dparam, size_t n, const struct actbench_params *p)
{
    (void)y, (void)dparam, (void)p;
    const struct gelu_fast_tables tables = gelu_fast_load();
    elementwise16_gradient(x, dy, dx, n, gelu16_derivative, gelu_derivative_special_case, &tables);
}

const struct actbench_kernel gelu_bf16_table_avx2 = {
    .name = "gelu_bf16_table_avx2",
    .activation = "gelu",
    .type = ACTBENCH_BF16,
    .isa = "avx2",
    .unroll = ELEMENTWISE16_UNROLL * VF32_LANES,
    .forward.u16 = gelu_bf16_table_avx2_forward,
    .gradient.u16 = gelu_bf16_table_avx2_gradient,
    .bounds[ACTBENCH_BF16] = {.value_ulp = 0.5, .gradient_ulp = 0.501},
    .description = "gelu correctly rounded: float x*Phi(x) from the fast table form with a rounding test on the narrowing, the accurate form as a float pair rounded to odd for the lanes it flags; derivative Phi + x*phi",
};
