/*
 * tanh on f16 encodings through the f32 kernel
 * tanh_f32_table_accurate_avx512f and the two conversions, AVX-512 with
 * FP16, 16 lanes: tanh_f16_table_widened_avx512f with AVX512-FP16's
 * conversions (vcvtph2psx, vcvtps2phx; impls/simd/f16-avx512fp16.h), the
 * composition a framework runs without a native 16-bit kernel on this ISA,
 * measured next to tanh_f16_table_avx512fp16 in the same run.
 *
 * Loops impls/math/widened16.h: blocks of 256 encodings widened into a
 * float buffer on the stack (L1), the f32 kernel, the results narrowed to
 * f16 (nearest even); the value is the f32 kernel's float rounded once
 * more.  The same results as tanh_f16_table_widened_avx512f (the
 * conversions give the same bits).
 *
 * Over all 65536 encodings on this machine (`build/actbench -A
 * sigmoid,tanh,silu,gelu,gelu_tanh,relu,softmax -f f16 -o DIR
 * --accuracy-only`) the value is not correctly rounded for 0 inputs, as for
 * tanh_f16_table_widened_avx512f. Speed, cycles per element (L1, uniform
 * [-10, 10] rounded to f16, median core cycles from calibrated TSC ticks;
 * Intel Xeon, family 6 model 207, 2 cores under KVM, load average 6.9-9.6
 * from other work; the mean of two runs, within 3% of each other):
 * `build/actbench -A sigmoid,tanh,silu,gelu,gelu_tanh,relu,softmax -f
 * f16,bf16 -I avx512fp16,avx512f,avx512bf16,avx2 --speed-only --modes
 * throughput,gradient_throughput --budget 0.2`.  Forward 1.071 against
 * 1.066 for tanh_f16_table_widened_avx512f and 0.986 for the native
 * tanh_f16_table_avx512fp16; gradient 1.798 against 1.796 and 1.190.
 *
 * Tier: none (a comparison).  Declared bounds, f16: the f32 kernel's
 * (0.78 and 1.6 ulp of float) carried to f16, 0.5 + b * 2^(11 - 24) ulp,
 * as actbench derives the f16 rows of every f32 kernel.
 *
 * Measured max error against MPFR, in ulps
 * (x86_64-avx512-bf16-fp16, all 65536 f16 inputs):
 *   tanh_f16_table_widened_avx512fp16 f16: value 0.4999 ulp at x = 0x1.d14p-6,
 *     gradient 0.5001 ulp at x = 0x1.62p-2
 */
#include "../../include/actbench/kernel.h"
#include "../simd/f32-avx512f.h"
#include "../simd/f16-avx512fp16.h"
#include "../math/widened16.h"

void tanh_f32_table_accurate_avx512f_forward(const float *x, float *y, size_t n, const struct actbench_params *p);
void tanh_f32_table_accurate_avx512f_gradient(const float *x, const float *y, const float *dy, float *dx, float *dparam,
        size_t n, const struct actbench_params *p);
void tanh_f16_table_widened_avx512fp16_forward(const uint16_t *x, uint16_t *y, size_t n, const struct actbench_params *p);
void tanh_f16_table_widened_avx512fp16_gradient(const uint16_t *x, const uint16_t *y, const uint16_t *dy, uint16_t *dx, uint16_t *dparam,
        size_t n, const struct actbench_params *p);

void tanh_f16_table_widened_avx512fp16_forward(const uint16_t *x, uint16_t *y, size_t n, const struct actbench_params *p)
{
    widened16_forward(x, y, n, p, tanh_f32_table_accurate_avx512f_forward);
}

void tanh_f16_table_widened_avx512fp16_gradient(const uint16_t *x, const uint16_t *y, const uint16_t *dy, uint16_t *dx, uint16_t *dparam,
        size_t n, const struct actbench_params *p)
{
    (void)y, (void)dparam;
    widened16_gradient(x, dy, dx, n, p, tanh_f32_table_accurate_avx512f_gradient);
}

const struct actbench_kernel tanh_f16_table_widened_avx512fp16 = {
    .name = "tanh_f16_table_widened_avx512fp16",
    .activation = "tanh",
    .type = ACTBENCH_F16,
    .isa = "avx512fp16",
    .unroll = 256,
    .forward.u16 = tanh_f16_table_widened_avx512fp16_forward,
    .gradient.u16 = tanh_f16_table_widened_avx512fp16_gradient,
    .bounds[ACTBENCH_F16] = {.value_ulp = 0.5 + 0.78 * 0x1p-13, .gradient_ulp = 0.5 + 1.6 * 0x1p-13},
    .description = "tanh through tanh_f32_table_accurate_avx512f: f16 widened to float in blocks of 256, the f32 kernel, narrowed to f16 (vcvtph2psx, vcvtps2phx)",
};
