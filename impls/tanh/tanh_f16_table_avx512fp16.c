/*
 * tanh on f16 encodings, correctly rounded, table method, AVX-512 with
 * FP16, 16 lanes.
 *
 * The algorithm, the loops and every arithmetic step of
 * tanh_f16_table_avx512f (see its head comment: the float step of degree
 * 5 on 32 quarter binades, the rounding test on the dropped bits, the
 * recomputed lanes rounded to odd and then once to f16, the derivative),
 * built over impls/simd/f16-avx512fp16.h, whose conversions are
 * AVX512-FP16's vcvtph2psx and vcvtps2phx with the same results as
 * vcvtph2ps and vcvtps2ph (checked bit for bit by tests/test_h16_layer.c).
 * The FP16 arithmetic is not used: a correctly rounded result needs more
 * than 11 bits before its one rounding.
 *
 * Measured on this machine over all 65536 encodings (`build/actbench -A
 * sigmoid,tanh,silu,gelu,gelu_tanh,relu,softmax -f f16 -o DIR
 * --accuracy-only`): 0 inputs not correctly rounded
 * (tests/test_h16_rounding.c agrees bit for bit), values and gradients the
 * same as tanh_f16_table_avx512f's (maxima and worst inputs at the end).
 *
 * Speed, cycles per element (L1, uniform [-10, 10] rounded to f16, median
 * core cycles from calibrated TSC ticks; Intel Xeon, family 6 model 207, 2
 * cores under KVM, load average 6.9-9.6 from other work; the
 * mean of two runs alternated with runs of the former build, within 3% of
 * each other): `build/actbench -A
 * sigmoid,tanh,silu,gelu,gelu_tanh,relu,softmax -f f16,bf16 -I
 * avx512fp16,avx512f,avx512bf16,avx2 --speed-only --modes
 * throughput,gradient_throughput --budget 0.2`.  Forward 0.986 against 1.071 for
 * tanh_f16_table_widened_avx512fp16 (the f32 accurate kernel between
 * AVX512-FP16's conversions), 0.92x, and 0.934 for tanh_f16_table_avx512f
 * (the former form in the same runs: 1.372 against 1.058, 1.30x); gradient
 * 1.190 against 1.798 (0.66x).  Both faster than the f32 accurate kernel +
 * conversions.
 *
 * Tier: accurate (16-bit: correctly rounded).  Declared bounds, f16: value
 * 0.5 ulp (correctly rounded), gradient 0.501 ulp (just above the measured
 * maximum).
 *
 * Measured max error against MPFR, in ulps
 * (x86_64-avx512-bf16-fp16, all 65536 f16 inputs):
 *   tanh_f16_table_avx512fp16 f16: value 0.4999 ulp at x = 0x1.d14p-6,
 *     gradient 0.5001 ulp at x = 0x1.62p-2
 */
#include "../../include/actbench/kernel.h"
#include "../simd/f32-avx512f.h"
#include "../simd/f64w-avx512f.h"
#include "../simd/f16-avx512fp16.h"
#include "../math/elementwise16.h"
#include "../math/tanh16.h"

void tanh_f16_table_avx512fp16_forward(const uint16_t *x, uint16_t *y, size_t n, const struct actbench_params *p);
void tanh_f16_table_avx512fp16_gradient(const uint16_t *x, const uint16_t *y, const uint16_t *dy, uint16_t *dx, uint16_t *dparam,
        size_t n, const struct actbench_params *p);

void tanh_f16_table_avx512fp16_forward(const uint16_t *x, uint16_t *y, size_t n, const struct actbench_params *p)
{
    (void)p;
    const struct tanh16_f16_avx512_registers tables = tanh16_f16_avx512_load();
    elementwise16_forward_narrowed(x, y, n, tanh16_f16_avx512_value, TANH16_ERROR_FLOATS, tanh16_special_case,
                                   &tables, vh16_from_f32_checked_normal);
}

void tanh_f16_table_avx512fp16_gradient(const uint16_t *x, const uint16_t *y, const uint16_t *dy, uint16_t *dx, uint16_t *dparam,
        size_t n, const struct actbench_params *p)
{
    (void)y, (void)dparam, (void)p;
    const struct exp_table_tables tables = exp_table_load();
    elementwise16_gradient(x, dy, dx, n, tanh16_derivative, tanh_derivative_special_case, &tables);
}

const struct actbench_kernel tanh_f16_table_avx512fp16 = {
    .name = "tanh_f16_table_avx512fp16",
    .activation = "tanh",
    .type = ACTBENCH_F16,
    .isa = "avx512fp16",
    .unroll = ELEMENTWISE16_UNROLL * VF32_LANES,
    .forward.u16 = tanh_f16_table_avx512fp16_forward,
    .gradient.u16 = tanh_f16_table_avx512fp16_gradient,
    .bounds[ACTBENCH_F16] = {.value_ulp = 0.5, .gradient_ulp = 0.501},
    .description = "tanh correctly rounded: polynomials of degree 5 on 32 quarter binades in float, a rounding test on the dropped bits, double tanh for the lanes it flags; derivative 4E/(1 + E)^2",
};
