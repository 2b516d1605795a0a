/*
 * silu on bfloat16 encodings, correctly rounded, table method, AVX2 + FMA,
 * 8 lanes: a vf32 of 8 floats per 8 encodings.
 *
 * Algorithm (impls/math/logistic16.h, loops impls/math/elementwise16.h),
 * Ziv's strategy in three steps:
 *  1. float, every lane: E = exp(-x) from the 2^(j/8) table of
 *     impls/math/exp_table.h (two-constant reduction, correction 1 - r +
 *     r^2*q(r) of exp_table_fast), silu = x/(1 + E) by one division;
 *     narrowed with the layer's rounding test vh16_from_f32_checked(y, 3),
 *     which flags every lane with a midpoint of bf16 within 3 floats of y.
 *  2. compensated float, vectors with a flagged lane (and |x| > 87, NaN):
 *     logistic.h's compensated forms as hi + lo, within 2^-26 relative
 *     (2^-27.2 measured), rounded to odd and then to bf16 at hi + lo -+
 *     2^-25 |hi|; where both round alike, so does the exact value.
 *  3. double, one lane at a time where step 2 cannot decide (|x| > 80, NaN,
 *     |hi| < 2^-100, a midpoint within its error): x/2 + x*t, t =
 *     -expm1(-x)/(2*(2 + expm1(-x))), the product x*t carried as a second
 *     term (for x < -1: x*e/(1 + e), e = exp(x)), rounded once to bf16
 *     through rounding to odd.
 *
 * Conversions: bf16 widened by vpmovzxwd and a shift; narrowed by adding
 * 0x8000 (round half up: a tie is always flagged) and gathering the high
 * halves with vpshufb and vpermq; the rounding test is a shift and a signed
 * compare on the low half.
 *
 * Double rounding (float, then bf16), checked over all 65536 inputs against
 * MPFR: the float result of step 1 rounded to bf16 would be wrong for 128
 * inputs (x/2 is a midpoint for every odd subnormal x, the exact value x/2
 * + x^2/4 just above it), and the test flags all of them: the exact value
 * lies within 2 floats of step 1's result for every input with |x| <= 87,
 * so no lane it leaves unflagged has a midpoint between the two.  It flags
 * 259 inputs; step 2 decides all but 258, which step 3 rounds from a double
 * within 2^-51.4 of the exact value, relative, while no input's exact value
 * lies closer to a midpoint than 2^-134 (x = 0x1p-133, silu = x/2 + x^2/4:
 * carried by the x*t term, which keeps every input's distance at least
 * 9.4e9 times step 3's error).
 *
 * The f32 accurate kernel (silu_f32_table_accurate_avx2) narrowed to bf16
 * is not correctly rounded for 0 of the 65536 inputs. Bit for bit against
 * MPFR: tests/test_h16_rounding.c.
 *
 * Derivative: silu' = r*(1 + x*E*r), within 1/16 of its root x0 = -1.2785
 * from the root's polynomial, r = 1/(1 + E), in float (|x| > 87 and NaN in
 * double), times dy and rounded once to bf16: a few float ulps before that
 * rounding, far below half an ulp of bf16.
 *
 * Coefficients and tables: impls/math/sollya/exp_table.sollya, written by
 * scripts/fit-coefficients into impls/math/coefficients.h and exp_data.c.
 *
 * Speed: 1.44 cycles/element against 1.96 for the f32 accurate kernel's
 * algorithm run between the two conversions (widen 512 encodings into an L1
 * buffer, silu_f32_table_accurate_*, narrow: a kernel library loaded with
 * --kernel), 0.73x, in one run: `build/actbench -A sigmoid,silu --kernel
 * LIB.so --filter '_(bf16|f16)_' --speed-only --modes throughput --budget
 * 0.2` (L1-resident, uniform [-10, 10] rounded to bf16, median core cycles
 * from calibrated TSC ticks, AMD EPYC Zen 5, a shared machine).
 *
 * Tier: accurate (16-bit: correctly rounded).  Declared bounds, bf16: value
 * 0.5 ulp (correctly rounded), gradient 0.501 ulp (just above the measured
 * maximum).
 *
 * Measured max error against MPFR, in ulps
 * (x86_64-avx512-bf16, all 65536 bf16 inputs):
 *   silu_bf16_table_avx2 bf16: value 0.5 ulp at x = 0x1p-133,
 *     gradient 0.5 ulp at x = -0x1.8p-8
 */
#include "../../include/actbench/kernel.h"
#include "../simd/f32-avx2.h"
#include "../simd/f64w-avx2.h"
#include "../simd/bf16-avx2.h"
#include "../math/elementwise16.h"
#include "../math/logistic16.h"

static vf32 value(vf32 x, const void *context, vmask32 *special)
{
    return silu16_value(x, *(const struct exp_table_tables *)context, special);
}

static vf32 derivative(vf32 x, const void *context, vmask32 *special)
{
    return silu16_derivative(x, *(const struct exp_table_tables *)context, special);
}

void silu_bf16_table_avx2_forward(const uint16_t *x, uint16_t *y, size_t n, const struct actbench_params *p);
void silu_bf16_table_avx2_gradient(const uint16_t *x, const uint16_t *y, const uint16_t *dy, uint16_t *dx, uint16_t *dparam,
                                   size_t n, const struct actbench_params *p);

void silu_bf16_table_avx2_forward(const uint16_t *x, uint16_t *y, size_t n, const struct actbench_params *p)
{
    (void)p;
    const struct exp_table_tables tables = exp_table_load();
    elementwise16_forward(x, y, n, value, LOGISTIC16_ERROR_FLOATS, silu16_special_case, &tables);
}

void silu_bf16_table_avx2_gradient(const uint16_t *x, const uint16_t *y, const uint16_t *dy, uint16_t *dx, uint16_t *dparam,
                                   size_t n, const struct actbench_params *p)
{
    (void)y, (void)dparam, (void)p;
    const struct exp_table_tables tables = exp_table_load();
    elementwise16_gradient(x, dy, dx, n, derivative, silu_derivative_special_case, &tables);
}

const struct actbench_kernel silu_bf16_table_avx2 = {
    .name = "silu_bf16_table_avx2",
    .activation = "silu",
    .type = ACTBENCH_BF16,
    .isa = "avx2",
    .unroll = ELEMENTWISE16_UNROLL * VF32_LANES,
    .forward.u16 = silu_bf16_table_avx2_forward,
    .gradient.u16 = silu_bf16_table_avx2_gradient,
    .bounds[ACTBENCH_BF16] = {.value_ulp = 0.5, .gradient_ulp = 0.501},
    .description = "silu correctly rounded: float x/(1 + exp(-x)) from the 2^(j/8) table, a rounding test on the narrowing, compensated float then double for the lanes it flags; derivative r*(1 + x*E*r)",
};
