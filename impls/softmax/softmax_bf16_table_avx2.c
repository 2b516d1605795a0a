/*
 * softmax on bf16 encodings, correctly rounded, table method, AVX2 + FMA + F16C, 8 lanes.
 *
 * Algorithm (impls/math/softmax16_staged.h over impls/math/softmax.h and
 * impls/math/softmax16.h), Ziv's strategy in two steps over chunks of
 * whole rows (up to 512 entries) widened into a float buffer on the stack:
 *  1. float, every row: the f32 fast tier's row form (rows of 16
 *     transposed into column vectors, VF32_LANES rows at a time): m - x_i
 *     = d + dl exactly (TwoSum), E_i = exp(-(d + dl)) from the 2^(j/8)
 *     tables and a degree-3 polynomial (2^-25.2), S = sum E_i in double,
 *     y_i = E_i * r, r = 1/S rounded to float; narrowed with the layer's
 *     rounding test vh16_from_f32_checked(y, 4), which flags every lane
 *     with a midpoint of bf16 within 4 floats of y (and y below 2^-120,
 *     where a float error is no longer relative: bf16 has float's
 *     exponent range).
 *  2. double, every row holding a flagged lane, from the staged entries:
 *     a_i = m - x_i exact, E_i from the 2^(j/8) table of doubles (degree 4,
 *     2^-33.5), S in double, y_i = E_i * (1/S), rounded to odd to a float
 *     and then once to bf16 (impls/math/softmax16.h; rows with a NaN or
 *     infinite entry in double with libm, the catalog's conventions).
 *
 * Double rounding: the float of step 1 is within 2.41 floats of the
 * exact value on 16-bit rows (against a double reference: rows of 16 of
 * every bf16 and f16 encoding in order, 1.59 floats; 2^20 entries uniform
 * in [-10, 10] or spread over the binades up to 2^11, rounded to each
 * format, 2.41 at most; the f32 fast kernel reaches 2.218 ulp against MPFR
 * at 1M f32 points.  Its steps: the exponential's 2^-25.2 and its rounding
 * to float, S inheriting the E_i's relative error, r and the product one
 * rounding each), so with the test's 4 floats a lane left unflagged has no
 * midpoint between y and the exact value and rounds as it does.  Rows
 * redone in step 2 (the test applied to the float pass's results in a
 * separate program): 0.18% of rows of 16 uniform in [-10, 10] rounded to bf16, 12.4% of
 * rows spread over the binades up to 2^11 (results below 2^-120).  A row of
 * step 2 is within 2^-33 relative of the exact value before its one
 * rounding to odd: it is correctly rounded unless the exact value lies that close to
 * a midpoint of bf16, an error of at most 0.5 + 2^-25 ulp, the declared bound.
 *
 * Gradient (Jacobian-vector product y (.) (dy - <dy, y>), from x and dy),
 * rows of 16 (impls/math/softmax16_staged.h, softmax16_gradient_block):
 * VF32_LANES rows at a time straight from the encodings into the layer's
 * transposes, in float: m - x_j = d + dl (TwoSum), E_j by the forward's
 * table exponential (1.6 * 2^-24 relative; measured 1.43 * 2^-24 over
 * 3.2e7 arguments up to 80), S = sum E_j and N = sum E_j (dy_a - dy_j) in
 * double (the products exact), C = N/S and r = 1/S rounded to float, dx_i
 * = (E_i r)((dy_i - dy_a) + C), rounded once to bf16.  Error: |dx^ - dx|
 * <= 5.2u p_i B + 8.2u |dx| (u = 2^-24, B = sum p_j |dy_a - dy_j|); a row
 * is kept when every |D_i| >= 2^-8 B (else the cancellation dy_i ~ <dy, p>
 * could exceed the bound), its range m - min x is at most 80 and B is
 * finite: then dx is within 1342u relative, 0.5 + 1342 * 2^(8 - 24) = 0.5205
 * ulp after the rounding.  The other rows (1.6% of rows of 16 uniform in
 * [-10, 10] with dy in [-1, 1], in a separate simulation) and other row
 * lengths: the f32 accurate form (p_j by the precise exp of doubles,
 * 2^-50, impls/math/softmax.h) rounded to float and once to bf16, within
 * 0.5 + 2^(8 - 24) ulp.
 *
 * Coefficients and tables: impls/math/sollya/exp_table.sollya and
 * exp_wide.sollya, written by scripts/fit-coefficients.
 *
 * Speed, cycles per element (`build/actbench -A softmax,tanh -f bf16,f16,f32 --speed-only --modes
 * throughput,gradient_throughput --budget 0.3`, median of 3 runs; L1,
 * throughput, rows of 16, median core cycles per element from calibrated
 * TSC ticks; AMD Zen 5, load average 16-18 on 2 cores):
 * forward 2.71 against 3.869 for softmax_bf16_table_widened_avx2 (the f32
 * accurate kernel between the two conversions), 0.70x, and 3.416 for
 * softmax_f32_table_accurate_avx2 alone (0.79x); 9.84 for the former
 * form of this kernel (every row in double, row by row; quiet run at
 * 9184f06).  Gradient 5.342 against 5.363 widened (1.00x: the same
 * f32 accurate gradient between the conversions) and 4.731 for the f32
 * kernel alone.
 *
 * Gradient of the present form (float block), Intel Xeon family 6 model
 * 207 (2 cores under KVM) while an exhaustive accuracy run shared the
 * machine (load average 12-14: figures of one run, old and new binaries
 * alternated; `build/actbench -A softmax -f bf16,f16,f32 --speed-only
 * --modes gradient_throughput --budget 0.3`, rows of 16, L1): 4.389 against
 * 6.211 for softmax_bf16_table_widened_avx2 in the same run (0.71x);
 * the former form (the f32 accurate gradient on staged floats) 6.698/6.054
 * against widened in the run before it.  Instructions per element
 * (valgrind --tool=callgrind, 3072 entries, rows of 16): 11.90 against
 * 19.05 widened (0.62x).
 *
 * Tier: accurate (16-bit: correctly rounded).  Declared bounds, bf16: value
 * 0.5 + 2^-25 ulp (step 2's analysis), gradient 0.5 + 0x1.6p-6 (0.5215) ulp
 * (the analysis above: 0.5205, rounded up).
 *
 * Measured max error against MPFR, in ulps
 * (x86_64-avx512-bf16, all 65536 bf16 inputs;
 * gradient of the present form, x86_64-avx512-bf16-fp16):
 *   softmax_bf16_table_avx2 bf16: value 0.4985 ulp at x = 0x1.06p-1,
 *     gradient 0.5000 ulp at x = 0x1.64p-18
 */
#include "../../include/actbench/kernel.h"
#include "../simd/f32-avx2.h"
#include "../simd/f64w-avx2.h"
#include "../simd/bf16-avx2.h"
#include "../math/softmax16_table_rows.h"

void softmax_bf16_table_avx2_forward(const uint16_t *x, uint16_t *y, size_t n, const struct actbench_params *p);
void softmax_bf16_table_avx2_gradient(const uint16_t *x, const uint16_t *y, const uint16_t *dy, uint16_t *dx, uint16_t *dparam,
        size_t n, const struct actbench_params *p);

void softmax_bf16_table_avx2_forward(const uint16_t *x, uint16_t *y, size_t n, const struct actbench_params *p)
{
    const struct exp_table_tables tables = exp_table_load();
    softmax16_checked_forward(x, y, n, p->row_length, forward_block, forward_rows, &tables);
}

void softmax_bf16_table_avx2_gradient(const uint16_t *x, const uint16_t *y, const uint16_t *dy, uint16_t *dx, uint16_t *dparam,
        size_t n, const struct actbench_params *p)
{
    (void)y, (void)dparam;
    const struct softmax16_gradient_tables tables = softmax16_gradient_tables_load();
    softmax16_staged_gradient(x, dy, dx, n, p->row_length, gradient_block, gradient_rows, &tables);
}

const struct actbench_kernel softmax_bf16_table_avx2 = {
    .name = "softmax_bf16_table_avx2",
    .activation = "softmax",
    .type = ACTBENCH_BF16,
    .isa = "avx2",
    .unroll = SOFTMAX16_STAGE,
    .forward.u16 = softmax_bf16_table_avx2_forward,
    .gradient.u16 = softmax_bf16_table_avx2_gradient,
    .bounds[ACTBENCH_BF16] = {.value_ulp = 0.5 + 0x1p-25, .gradient_ulp = 0.5 + 0x1.6p-6},
    .description = "float pass (TwoSum, exp table degree 3, double sum) with a rounding test on the narrowing, flagged rows again in double rounded to odd; gradient p((dy-dy_a)+C) in float, C by double sums, rows of 16 whose dy_i-<dy,p> cancels again in double",
};
