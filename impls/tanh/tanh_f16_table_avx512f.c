/*
 * tanh on f16 encodings, correctly rounded, table method, AVX-512 (F, BW, DQ, VL), 16 lanes.
 *
 * Algorithm (impls/math/tanh16.h, tanh16_f16_avx512_value; loops
 * impls/math/elementwise16.h), Ziv's strategy in two steps:
 *  1. float, every lane: a = |x| clamped to T16 = 4.5078125 (every |x|
 *     from T16 up rounds to 1 in f16), 32 slots ([0, 2^-4), then the
 *     quarter binades up to T16) from max(bits(a) >> 21, 491), whose low
 *     five bits index two registers per coefficient (one vpermt2ps each);
 *     a polynomial of degree 5 in u = a - c per slot (2^-24.16 relative),
 *     slot 0 as y = u*(1 + u*(...)) with c = c0 = 0 (y = |x| exactly below
 *     2^-12); the sign of x put back by one vpternlogd.  Narrowed with
 *     the layer's test on the float's bits, vh16_from_f32_checked_normal(y,
 *     3): one vcvtps2ph, and a vpaddd and a vptestnmd flag every lane whose
 *     13 dropped bits lie within 4 of the midpoint pattern 0x1000 (valid
 *     here: every y below f16's smallest normal is |x| itself, an f16
 *     value).
 *  2. double, one flagged lane at a time: glibc's tanh, rounded to odd to
 *     a float and then once to f16.
 *
 * Double rounding (float, then f16) is avoided: over the finite f16
 * inputs below T16 the float of step 1 is within 1.29 floats of the exact
 * value (against glibc's double tanh, at x = 0x1.094p-1), so no lane the
 * test leaves unflagged has a midpoint between y and the exact value; the
 * clamped lanes' float, tanh(T16) = 1 - 2.42e-4 within a few floats, lies
 * far above the midpoint 1 - 2^-12 and rounds to 1 as their exact values
 * do; a recomputed lane is rounded to odd to a float, which lies on a
 * midpoint of f16 only when the double does.  The test flags 22 inputs;
 * narrowed without it, 0 would be rounded wrongly.  Every one of the
 * 65536 encodings is checked bit for bit against MPFR
 * (tests/test_h16_rounding.c).
 *
 * Why this form on AVX-512 (the f32 kernels' sixteen slots of degree 6
 * and the AVX2 kernel's eight of degree 7 take one shuffle per
 * coefficient here too): every vector operation counts (on Intel the
 * 512-bit operations share ports 0 and 5, and vpermps, vpermt2ps and
 * half of each conversion run on port 5 only), and the quarter binades
 * need one coefficient fewer; the two multiplies, second vcvtps2ph and
 * 16-bit compare of the generic test (vh16_from_f32_checked) become a
 * vpaddd and a vptestnmd; the slot-0 compare and blend of the f32 form
 * are folded into the table.  27 operations on ports 0 and 5 per 16
 * elements (6 of them register copies of a table half that vpermt2ps
 * overwrites) against 32 before (llvm-mca -mcpu=icelake-server on the
 * main loop).  The former sixteen-slot form with the generic test ran at
 * 1.33 cycles/element (1.27x its widened row) on the machine below, with
 * the bit test at 1.02.
 *
 * Conversions: f16 widened by vcvtph2ps and narrowed by vcvtps2ph.
 *
 * Derivative: sech^2 = 4E/(1 + E)^2, E = exp(-2|x|) from the fast exp
 * table (|x| > 43.5, infinities and NaN in double), times dy in float and
 * rounded once to the format.
 *
 * Coefficients and tables: impls/math/sollya/tanh16_table.sollya (tanh16_table32, 896 bytes in
 * impls/math/tanh16_data.c, held in 14 zmm registers) and exp_table.sollya, written by
 * scripts/fit-coefficients.
 *
 * Speed, cycles per element (L1, uniform [-10, 10] rounded to f16, median
 * core cycles from calibrated TSC ticks; Intel Xeon, family 6 model 207,
 * 2 cores under KVM, load average 6.9-9.6 from other work; the
 * mean of two runs alternated with runs of the former build, within 3% of
 * each other): `build/actbench -A
 * sigmoid,tanh,silu,gelu,gelu_tanh,relu,softmax -f f16,bf16 -I
 * avx512fp16,avx512f,avx512bf16,avx2 --speed-only --modes
 * throughput,gradient_throughput --budget 0.2`.  Forward 0.934 against 1.066 for
 * tanh_f16_table_widened_avx512f (the f32 accurate kernel between the two
 * conversions), 0.88x (the former form in the same runs: 1.359 against
 * 1.041, 1.31x); gradient 1.164 against 1.796 (0.65x).  Both faster than
 * the f32 accurate kernel + conversions.
 *
 * Tier: accurate (16-bit: correctly rounded).  Declared bounds, f16: value
 * 0.5 ulp (correctly rounded), gradient 0.501 ulp (just above the measured
 * maximum).
 *
 * Measured max error against MPFR, in ulps
 * (x86_64-avx512-bf16-fp16, all 65536 f16 inputs):
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
    .description = "tanh correctly rounded: polynomials of degree 5 on 32 quarter binades in float, a rounding test on the dropped bits, double tanh for the lanes it flags; derivative 4E/(1 + E)^2",
};
