/*
 * tanh on f16 encodings, correctly rounded, table method, AVX-512 (F, BW, DQ, VL), 16 lanes.
 *
 * Algorithm (impls/math/tanh16.h over impls/math/tanh.h, loops
 * impls/math/elementwise16.h), Ziv's strategy in two steps:
 *  1. float, every lane: the piecewise polynomials of degree 6 of the f32
 *     fast kernels (16 slots, coefficients from register tables, one final
 *     FMA), narrowed with the layer's rounding test
 *     vh16_from_f32_checked(y, 3), which flags every lane with a midpoint
 *     of f16 within 3 floats of y.
 *  2. double, one flagged lane at a time: glibc's tanh, rounded to odd to
 *     a float and then once to f16.
 *
 * Double rounding (float, then f16) is avoided: over the 63488 finite f16
 * inputs the float of step 1 is within 1.56 floats of the exact value
 * (against MPFR, at x = 0x1.354p+2), so no lane the test leaves unflagged has a
 * midpoint between y and the exact value; a recomputed lane is rounded to
 * odd to a float, which lies on a midpoint of f16 only when the double
 * does.  The test flags 26 inputs; narrowed without it, 0 would be
 * rounded wrongly.  Every one of the 65536 encodings is checked bit for
 * bit against MPFR (tests/test_h16_rounding.c).
 *
 * Conversions: f16 widened by vcvtph2ps and narrowed by vcvtps2ph; the rounding
 * test narrows y*(1 -+ 3*2^-23) and compares into a k mask.
 *
 * Derivative: sech^2 = 4E/(1 + E)^2, E = exp(-2|x|) from the fast exp
 * table (|x| > 43.5, infinities and NaN in double), times dy in float and
 * rounded once to the format.
 *
 * Coefficients and tables: impls/math/sollya/tanh_table.sollya and exp_table.sollya, written by
 * scripts/fit-coefficients.
 *
 * Speed, cycles per element (`build/actbench -A softmax,tanh -f bf16,f16,f32 --speed-only --modes
 * throughput,gradient_throughput --budget 0.3`, median of 3 runs; L1,
 * throughput, uniform [-10, 10] rounded to f16, median core cycles per
 * element from calibrated TSC ticks; AMD Zen 5, load average 17-19 on 2
 * cores): forward 0.826 against 0.757 for
 * tanh_f16_table_widened_avx512f (the f32 accurate kernel between the two
 * conversions), 1.09x, and 0.590 for tanh_f32_table_accurate_avx512f
 * alone; gradient 0.660 against 1.353 (0.49x) and 1.130.  Forward NOT
 * faster than the f32 kernel + conversions (goal missed).  What was
 * measured: the float step, the two conversions and the rounding test
 * (y*(1 -+ 3*2^-23) narrowed twice) cost more than the f32 accurate
 * kernel saves over the degree-6 form, and neither alternative helped
 * here: the eight-slot degree-7 form of the AVX2 kernel (one vpermps per
 * coefficient there, also one here) ran at 0.964 against 0.858 for this
 * form in the same window, and a rounding test on the float's low 13
 * bits (with a branch for lanes outside f16's normal range) at 0.94
 * against 0.83.
 *
 * Tier: accurate (16-bit: correctly rounded).  Declared bounds, f16: value
 * 0.5 ulp (correctly rounded), gradient 0.501 ulp (just above the measured
 * maximum).
 *
 * Measured max error against MPFR, in ulps
 * (x86_64-avx512-bf16, all 65536 f16 inputs):
 *   tanh_f16_table_avx512f f16: value 0.4999 ulp at x = 0x1.d14p-6,
 *     gradient 0.5001 ulp at x = 0x1.62p-2
 */
#include "../../include/actbench/kernel.h"
#include "../simd/f32-avx512f.h"
#include "../simd/f64w-avx512f.h"
#include "../simd/f16-avx512f.h"
#include "../math/elementwise16.h"
#include "../math/tanh16.h"

void tanh_f16_table_avx512f_forward(const uint16_t *x, uint16_t *y, size_t n, const struct actbench_params *p);
void tanh_f16_table_avx512f_gradient(const uint16_t *x, const uint16_t *y, const uint16_t *dy, uint16_t *dx, uint16_t *dparam,
        size_t n, const struct actbench_params *p);

void tanh_f16_table_avx512f_forward(const uint16_t *x, uint16_t *y, size_t n, const struct actbench_params *p)
{
    (void)p;
    const struct tanh16_f16_avx512_registers tables = tanh16_f16_avx512_load();
    elementwise16_forward_narrowed(x, y, n, tanh16_f16_avx512_value, TANH16_ERROR_FLOATS, tanh16_special_case,
                                   &tables, vh16_from_f32_checked_normal);
}

void tanh_f16_table_avx512f_gradient(const uint16_t *x, const uint16_t *y, const uint16_t *dy, uint16_t *dx, uint16_t *dparam,
        size_t n, const struct actbench_params *p)
{
    (void)y, (void)dparam, (void)p;
    const struct exp_table_tables tables = exp_table_load();
    elementwise16_gradient(x, dy, dx, n, tanh16_derivative, tanh_derivative_special_case, &tables);
}

const struct actbench_kernel tanh_f16_table_avx512f = {
    .name = "tanh_f16_table_avx512f",
    .activation = "tanh",
    .type = ACTBENCH_F16,
    .isa = "avx512f",
    .unroll = ELEMENTWISE16_UNROLL * VF32_LANES,
    .forward.u16 = tanh_f16_table_avx512f_forward,
    .gradient.u16 = tanh_f16_table_avx512f_gradient,
    .bounds[ACTBENCH_F16] = {.value_ulp = 0.5, .gradient_ulp = 0.501},
    .description = "tanh correctly rounded: piecewise polynomials of degree 6 in float, a rounding test on the narrowing, double tanh for the lanes it flags; derivative 4E/(1 + E)^2",
};
