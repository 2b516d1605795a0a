/*
 * softmax on f16 encodings, correctly rounded, table method, AVX-512 with
 * FP16, 16 lanes.
 *
 * The algorithm, the loops and every arithmetic step of
 * softmax_f16_table_avx512f (see its head comment: the float step, the
 * rounding test, the recomputed rows rounded to odd and then once to
 * f16, the gradient's float block with its cancelling rows redone),
 * built over impls/simd/f16-avx512fp16.h, whose
 * conversions are AVX512-FP16's vcvtph2psx and vcvtps2phx with the same
 * results as vcvtph2ps and vcvtps2ph (checked bit for bit by
 * tests/test_h16_layer.c).  The FP16 arithmetic is not used: a correctly
 * rounded result needs more than 11 bits before its one rounding.
 *
 * Measured on this machine over all 65536 encodings (`build/actbench -A
 * sigmoid,tanh,silu,gelu,gelu_tanh,relu,softmax -f f16 -o DIR
 * --accuracy-only`): 0 inputs not correctly rounded
 * (tests/test_h16_rounding.c agrees bit for bit), values and gradients the
 * same as softmax_f16_table_avx512f's (maxima and worst inputs at the end).
 *
 * Speed, cycles per element (L1, uniform [-10, 10] rounded to f16, rows of
 * 16, median core cycles from calibrated TSC ticks; Intel Xeon, family 6
 * model 207, 2 cores under KVM, load average 2.1-2.6; the second of two
 * runs, which agree within 1%): `build/actbench -A
 * sigmoid,tanh,silu,gelu,gelu_tanh,relu,softmax -f f16,f32 -I
 * avx512fp16,avx512f --filter
 * '(_f16_(table|libm)(_widened)?_avx512fp?1?6?$|_f32_(table_accurate|libm)_avx512f$)'
 * --speed-only --modes throughput,gradient_throughput --budget 0.2`.
 * Forward 2.092 against 2.086 for softmax_f16_table_avx512f (1.00x), 2.252
 * for softmax_f16_table_widened_avx512fp16 (the f32 accurate kernel between
 * the two conversions, 0.93x) and 2.118 for
 * softmax_f32_table_accurate_avx512f alone; gradient 3.470 against 3.469
 * (1.00x), 3.355 (1.03x) and 3.233 (the former gradient, the f32
 * accurate form on staged floats); forward faster.
 *
 * Gradient of the present form (float block), Intel Xeon family 6 model
 * 207 (2 cores under KVM) while an exhaustive accuracy run shared the
 * machine (load average 12-14: figures of one run, old and new binaries
 * alternated; `build/actbench -A softmax -f bf16,f16,f32 --speed-only
 * --modes gradient_throughput --budget 0.3`, rows of 16, L1): 2.895 against
 * 3.445 for softmax_f16_table_widened_avx512fp16 in the same run (0.84x);
 * the former form (the f32 accurate gradient on staged floats) 3.854/3.498
 * against widened in the run before it.
 *
 * Tier: accurate (16-bit: correctly rounded).  Declared bounds, f16:
 * value 0.5 + 2^-22 ulp, gradient 0.5 + 0x1.6p-3 (0.6719) ulp (the
 * bounds of its twin, from the analysis in its head comment).
 *
 * Measured max error against MPFR, in ulps
 * (x86_64-avx512-bf16-fp16, all 65536 f16 inputs;
 * gradient of the present form, x86_64-avx512-bf16-fp16):
 *   softmax_f16_table_avx512fp16 f16: value 0.4998 ulp at x = 0x1.00cp-1,
 *     gradient 0.5057 ulp at x = -0x1.164p-13
 */
#include "../../include/actbench/kernel.h"
#include "../simd/f32-avx512f.h"
#include "../simd/f64w-avx512f.h"
#include "../simd/f16-avx512fp16.h"
#include "../math/softmax16_table_rows.h"

void softmax_f16_table_avx512fp16_forward(const uint16_t *x, uint16_t *y, size_t n, const struct actbench_params *p);
void softmax_f16_table_avx512fp16_gradient(const uint16_t *x, const uint16_t *y, const uint16_t *dy, uint16_t *dx, uint16_t *dparam,
        size_t n, const struct actbench_params *p);

void softmax_f16_table_avx512fp16_forward(const uint16_t *x, uint16_t *y, size_t n, const struct actbench_params *p)
{
    const struct exp_table_tables tables = exp_table_load();
    softmax16_checked_forward(x, y, n, p->row_length, forward_block, forward_rows, &tables);
}

void softmax_f16_table_avx512fp16_gradient(const uint16_t *x, const uint16_t *y, const uint16_t *dy, uint16_t *dx, uint16_t *dparam,
        size_t n, const struct actbench_params *p)
{
    (void)y, (void)dparam;
    const struct softmax16_gradient_tables tables = softmax16_gradient_tables_load();
    softmax16_staged_gradient(x, dy, dx, n, p->row_length, gradient_block, gradient_rows, &tables);
}

const struct actbench_kernel softmax_f16_table_avx512fp16 = {
    .name = "softmax_f16_table_avx512fp16",
    .activation = "softmax",
    .type = ACTBENCH_F16,
    .isa = "avx512fp16",
    .unroll = SOFTMAX16_STAGE,
    .forward.u16 = softmax_f16_table_avx512fp16_forward,
    .gradient.u16 = softmax_f16_table_avx512fp16_gradient,
    .bounds[ACTBENCH_F16] = {.value_ulp = 0.5 + 0x1p-22, .gradient_ulp = 0.5 + 0x1.6p-3},
    .description = "float pass (TwoSum, exp table degree 3, double sum) with a rounding test on the narrowing, flagged rows again in double rounded to odd; gradient p((dy-dy_a)+C) in float, C by double sums, rows of 16 whose dy_i-<dy,p> cancels again in double",
};
