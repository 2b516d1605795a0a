/*
 * tanh on f16 encodings, correctly rounded, table method, AVX2 + FMA + F16C, 8 lanes.
 *
 * Algorithm (impls/math/tanh16.h, loops impls/math/elementwise16.h),
 * Ziv's strategy in two steps:
 *  1. float, every lane: a = |x| clamped to T16 = 4.5078125 (every |x|
 *     from T16 up rounds to 1 in f16), eight slots ([0, 2^-4), then one
 *     per binade) taken from a's exponent, a polynomial of degree 7 in
 *     t = a - c per slot (2^-23.78 relative, coefficients from one ymm
 *     register each: one vpermps per lookup), narrowed with the layer's
 *     rounding test vh16_from_f32_checked(y, 3), which flags every lane
 *     with a midpoint of f16 within 3 floats of y.
 *  2. double, one flagged lane at a time: glibc's tanh, rounded to odd to
 *     a float and then once to f16.
 *
 * Double rounding (float, then f16) is avoided: over the finite f16
 * inputs below T16 the float of step 1 is within 1.61 floats of the exact
 * value (against glibc's double tanh, at x = 0x1.b34p+1), so no lane the
 * test leaves unflagged has a midpoint between y and the exact value; the
 * clamped lanes' float, tanh(T16) = 1 - 2.42e-4 within a few floats, lies
 * far above the midpoint 1 - 2^-12 and rounds to 1 as their exact values
 * do; a recomputed lane is rounded to odd to a float, which lies on a
 * midpoint of f16 only when the double does.  The test flags 26 inputs;
 * narrowed without it, 0 would be rounded wrongly.  Every one of the
 * 65536 encodings is checked bit for bit against MPFR
 * (tests/test_h16_rounding.c).
 *
 * Why eight slots of whole binades: the sixteen slots of the f32 kernels'
 * tables (halves of binades, degree 6) take two vpermps and a blend per
 * coefficient on AVX2; f16's range ends at T16, and the rounding test
 * absorbs the error of a degree-7 fit on whole binades.  Instructions
 * counted by callgrind over 2000 calls on 2048 inputs uniform in [-10, 10]
 * rounded to f16: 5.08 per element (0.23 of them the 2 flagged lanes per
 * call in glibc's tanh), against 7.52 for the sixteen-slot form, 8.21 for
 * tanh_f16_table_widened_avx2 and 6.43 for tanh_f32_table_accurate_avx2
 * alone.  A cheaper rounding test (the float's low 13 bits, as bf16's
 * test, with a branch for lanes outside f16's normal range) made the f16
 * kernels slower (2.38 -> 2.63 cycles/element here, 0.83 -> 0.94 on
 * AVX-512F): the two vcvtps2ph are not where the time goes.
 *
 * Conversions: f16 widened by vcvtph2ps and narrowed by vcvtps2ph (F16C); the
 * rounding test narrows y*(1 -+ 3*2^-23) and compares the two encodings.
 *
 * Derivative: sech^2 = 4E/(1 + E)^2, E = exp(-2|x|) from the fast exp
 * table (|x| > 43.5, infinities and NaN in double), times dy in float and
 * rounded once to the format.
 *
 * Coefficients and tables: impls/math/sollya/tanh16_table.sollya and exp_table.sollya, written by
 * scripts/fit-coefficients.
 *
 * Speed, cycles per element (`build/actbench -A softmax,tanh -f bf16,f16,f32 --speed-only --modes
 * throughput,gradient_throughput --budget 0.3`, median of 3 runs; L1,
 * throughput, uniform [-10, 10] rounded to f16, median core cycles per
 * element from calibrated TSC ticks; AMD Zen 5, load average 17-19 on 2
 * cores): forward 1.853 against 2.226 for
 * tanh_f16_table_widened_avx2 (the f32 accurate kernel between the two
 * conversions), 0.83x, and 1.930 for tanh_f32_table_accurate_avx2 alone
 * (0.96x); 2.37 with the sixteen-slot form (1.03x its widened row, quiet
 * run at 9184f06).  Gradient 1.245 against 2.845 (0.44x) and 2.276.
 *
 * Tier: accurate (16-bit: correctly rounded).  Declared bounds, f16: value
 * 0.5 ulp (correctly rounded), gradient 0.501 ulp (just above the measured
 * maximum).
 *
 * Measured max error against MPFR, in ulps
 * (x86_64-avx512-bf16, all 65536 f16 inputs):
 *   tanh_f16_table_avx2 f16: value 0.4999 ulp at x = 0x1.d14p-6,
 *     gradient 0.5001 ulp at x = 0x1.62p-2
 */
#include "../../include/actbench/kernel.h"
#include "../simd/f32-avx2.h"
#include "../simd/f64w-avx2.h"
#include "../simd/f16-avx2.h"
#include "../math/elementwise16.h"
#include "../math/tanh16.h"

void tanh_f16_table_avx2_forward(const uint16_t *x, uint16_t *y, size_t n, const struct actbench_params *p);
void tanh_f16_table_avx2_gradient(const uint16_t *x, const uint16_t *y, const uint16_t *dy, uint16_t *dx, uint16_t *dparam,
        size_t n, const struct actbench_params *p);

void tanh_f16_table_avx2_forward(const uint16_t *x, uint16_t *y, size_t n, const struct actbench_params *p)
{
    (void)p;
    const struct tanh16_f16_registers tables = tanh16_f16_load();
    elementwise16_forward(x, y, n, tanh16_f16_value, TANH16_ERROR_FLOATS, tanh16_special_case, &tables);
}

void tanh_f16_table_avx2_gradient(const uint16_t *x, const uint16_t *y, const uint16_t *dy, uint16_t *dx, uint16_t *dparam,
        size_t n, const struct actbench_params *p)
{
    (void)y, (void)dparam, (void)p;
    const struct exp_table_tables tables = exp_table_load();
    elementwise16_gradient(x, dy, dx, n, tanh16_derivative, tanh_derivative_special_case, &tables);
}

const struct actbench_kernel tanh_f16_table_avx2 = {
    .name = "tanh_f16_table_avx2",
    .activation = "tanh",
    .type = ACTBENCH_F16,
    .isa = "avx2",
    .unroll = ELEMENTWISE16_UNROLL * VF32_LANES,
    .forward.u16 = tanh_f16_table_avx2_forward,
    .gradient.u16 = tanh_f16_table_avx2_gradient,
    .bounds[ACTBENCH_F16] = {.value_ulp = 0.5, .gradient_ulp = 0.501},
    .description = "tanh correctly rounded: a polynomial of degree 7 per binade in float, a rounding test on the narrowing, double tanh for the lanes it flags; derivative 4E/(1 + E)^2",
};
