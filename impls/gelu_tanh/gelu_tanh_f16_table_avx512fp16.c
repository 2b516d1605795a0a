/*
 * gelu_tanh on f16 encodings, correctly rounded, table method, AVX-512 with
 * FP16, 16 lanes.
 *
 * The algorithm, the loops and every arithmetic step of
 * gelu_tanh_f16_table_avx512f (see its head comment: the float step, the
 * rounding test, the recomputed lanes rounded to odd and then once to
 * f16, the derivative), built over impls/simd/f16-avx512fp16.h, whose
 * conversions are AVX512-FP16's vcvtph2psx and vcvtps2phx with the same
 * results as vcvtph2ps and vcvtps2ph (checked bit for bit by
 * tests/test_h16_layer.c).  The FP16 arithmetic is not used: a correctly
 * rounded result needs more than 11 bits before its one rounding.
 *
 * Measured on this machine over all 65536 encodings (`build/actbench -A
 * sigmoid,tanh,silu,gelu,gelu_tanh,relu,softmax -f f16 -o DIR
 * --accuracy-only`): 0 inputs not correctly rounded
 * (tests/test_h16_rounding.c agrees bit for bit), values and gradients the
 * same as gelu_tanh_f16_table_avx512f's (maxima and worst inputs at the
 * end).
 *
 * Speed, cycles per element (L1, uniform [-10, 10] rounded to f16, median
 * core cycles from calibrated TSC ticks; Intel Xeon, family 6 model 207, 2
 * cores under KVM, load average 2.1-2.6; the second of two runs, which
 * agree within 1% (the widened gradient: 3.650 in the first)):
 * `build/actbench -A sigmoid,tanh,silu,gelu,gelu_tanh,relu,softmax -f
 * f16,f32 -I avx512fp16,avx512f --filter
 * '(_f16_(table|libm)(_widened)?_avx512fp?1?6?$|_f32_(table_accurate|libm)_avx512f$)'
 * --speed-only --modes throughput,gradient_throughput --budget 0.2`.
 * Forward 1.565 against 1.536 for gelu_tanh_f16_table_avx512f (1.02x),
 * 2.294 for gelu_tanh_f16_table_widened_avx512fp16 (the f32 accurate kernel
 * between the two conversions, 0.68x) and 2.097 for
 * gelu_tanh_f32_table_accurate_avx512f alone; gradient 1.574 against 1.571
 * (1.00x), 3.876 (0.41x) and 3.312. Faster than the f32 accurate kernel +
 * conversions both ways (goal met).
 *
 * Tier: accurate (16-bit: correctly rounded).  Declared bounds, f16:
 * value 0.5 ulp (correctly rounded), gradient 0.501 ulp.
 *
 * Measured max error against MPFR, in ulps
 * (x86_64-avx512-bf16-fp16, all 65536 f16 inputs):
 *   gelu_tanh_f16_table_avx512fp16 f16: value 0.5 ulp at x = 0x1p-24,
 *     gradient 0.5002 ulp at x = -0x1.7dp-9
 */
#include "../../include/actbench/kernel.h"
#include "../simd/f32-avx512f.h"
#include "../simd/f64w-avx512f.h"
#include "../simd/f16-avx512fp16.h"
#include "../math/elementwise16.h"
#include "../math/tanh16.h"

void gelu_tanh_f16_table_avx512fp16_forward(const uint16_t *x, uint16_t *y, size_t n, const struct actbench_params *p);
void gelu_tanh_f16_table_avx512fp16_gradient(const uint16_t *x, const uint16_t *y, const uint16_t *dy, uint16_t *dx, uint16_t *dparam,
        size_t n, const struct actbench_params *p);

void gelu_tanh_f16_table_avx512fp16_forward(const uint16_t *x, uint16_t *y, size_t n, const struct actbench_params *p)
{
    (void)p;
    const struct exp_table_tables tables = exp_table_load();
    elementwise16_forward(x, y, n, gelu_tanh16_value, GELU_TANH16_ERROR_FLOATS, gelu_tanh16_special_case, &tables);
}

void gelu_tanh_f16_table_avx512fp16_gradient(const uint16_t *x, const uint16_t *y, const uint16_t *dy, uint16_t *dx, uint16_t *dparam,
        size_t n, const struct actbench_params *p)
{
    (void)y, (void)dparam, (void)p;
    const struct exp_table_tables tables = exp_table_load();
    elementwise16_gradient(x, dy, dx, n, gelu_tanh16_derivative, gelu_tanh_derivative_special_case, &tables);
}

const struct actbench_kernel gelu_tanh_f16_table_avx512fp16 = {
    .name = "gelu_tanh_f16_table_avx512fp16",
    .activation = "gelu_tanh",
    .type = ACTBENCH_F16,
    .isa = "avx512fp16",
    .unroll = ELEMENTWISE16_UNROLL * VF32_LANES,
    .forward.u16 = gelu_tanh_f16_table_avx512fp16_forward,
    .gradient.u16 = gelu_tanh_f16_table_avx512fp16_gradient,
    .bounds[ACTBENCH_F16] = {.value_ulp = 0.5, .gradient_ulp = 0.501},
    .description = "gelu_tanh correctly rounded: x/(1 + exp(-z)) in float with z as a float pair, a rounding test on the narrowing, double for the lanes it flags; derivative r(1 + x z' E r)",
};
