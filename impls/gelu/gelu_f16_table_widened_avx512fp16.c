/*
 * gelu on f16 encodings through the f32 kernel
 * gelu_f32_table_accurate_avx512f and the two conversions, AVX-512 with
 * FP16, 16 lanes: gelu_f16_table_widened_avx512f with AVX512-FP16's
 * conversions (vcvtph2psx, vcvtps2phx; impls/simd/f16-avx512fp16.h), the
 * composition a framework runs without a native 16-bit kernel on this ISA,
 * measured next to gelu_f16_table_avx512fp16 in the same run.
 *
 * Loops impls/math/widened16.h: blocks of 256 encodings widened into a
 * float buffer on the stack (L1), the f32 kernel, the results narrowed to
 * f16 (nearest even); the value is the f32 kernel's float rounded once
 * more.  The same results as gelu_f16_table_widened_avx512f (the
 * conversions give the same bits).
 *
 * Over all 65536 encodings on this machine (`build/actbench -A
 * sigmoid,tanh,silu,gelu,gelu_tanh,relu,softmax -f f16 -o DIR
 * --accuracy-only`) the value is not correctly rounded for 3 inputs, as for
 * gelu_f16_table_widened_avx512f. Speed, cycles per element (L1, uniform
 * [-10, 10] rounded to f16, median core cycles from calibrated TSC ticks;
 * Intel Xeon, family 6 model 207, 2 cores under KVM, load average 2.1-2.6;
 * the second of two runs, which agree within 1%): `build/actbench -A
 * sigmoid,tanh,silu,gelu,gelu_tanh,relu,softmax -f f16,f32 -I
 * avx512fp16,avx512f --filter
 * '(_f16_(table|libm)(_widened)?_avx512fp?1?6?$|_f32_(table_accurate|libm)_avx512f$)'
 * --speed-only --modes throughput,gradient_throughput --budget 0.2`.
 * Forward 2.196 against 2.197 for gelu_f16_table_widened_avx512f and 1.859
 * for the native gelu_f16_table_avx512fp16; gradient 2.608 against 2.609
 * and 1.917.
 *
 * Tier: none (a comparison).  Declared bounds, f16: the f32 kernel's
 * (0.74 and 1.8 ulp of float) carried to f16, 0.5 + b * 2^(11 - 24) ulp,
 * as actbench derives the f16 rows of every f32 kernel.
 *
 * Measured max error against MPFR, in ulps
 * (x86_64-avx512-bf16-fp16, all 65536 f16 inputs):
 *   gelu_f16_table_widened_avx512fp16 f16: value 0.5001 ulp at x = 0x1.5fp-10,
 *     gradient 0.5001 ulp at x = -0x1.018p+2
 */
#include "../../include/actbench/kernel.h"
#include "../simd/f32-avx512f.h"
#include "../simd/f16-avx512fp16.h"
#include "../math/widened16.h"

void gelu_f32_table_accurate_avx512f_forward(const float *x, float *y, size_t n, const struct actbench_params *p);
void gelu_f32_table_accurate_avx512f_gradient(const float *x, const float *y, const float *dy, float *dx, float *dparam,
        size_t n, const struct actbench_params *p);
void gelu_f16_table_widened_avx512fp16_forward(const uint16_t *x, uint16_t *y, size_t n, const struct actbench_params *p);
void gelu_f16_table_widened_avx512fp16_gradient(const uint16_t *x, const uint16_t *y, const uint16_t *dy, uint16_t *dx, uint16_t *dparam,
        size_t n, const struct actbench_params *p);

void gelu_f16_table_widened_avx512fp16_forward(const uint16_t *x, uint16_t *y, size_t n, const struct actbench_params *p)
{
    widened16_forward(x, y, n, p, gelu_f32_table_accurate_avx512f_forward);
}

void gelu_f16_table_widened_avx512fp16_gradient(const uint16_t *x, const uint16_t *y, const uint16_t *dy, uint16_t *dx, uint16_t *dparam,
        size_t n, const struct actbench_params *p)
{
    (void)y, (void)dparam;
    widened16_gradient(x, dy, dx, n, p, gelu_f32_table_accurate_avx512f_gradient);
}

const struct actbench_kernel gelu_f16_table_widened_avx512fp16 = {
    .name = "gelu_f16_table_widened_avx512fp16",
    .activation = "gelu",
    .type = ACTBENCH_F16,
    .isa = "avx512fp16",
    .unroll = 256,
    .forward.u16 = gelu_f16_table_widened_avx512fp16_forward,
    .gradient.u16 = gelu_f16_table_widened_avx512fp16_gradient,
    .bounds[ACTBENCH_F16] = {.value_ulp = 0.5 + 0.74 * 0x1p-13, .gradient_ulp = 0.5 + 1.8 * 0x1p-13},
    .description = "gelu through gelu_f32_table_accurate_avx512f: f16 widened to float in blocks of 256, the f32 kernel, narrowed to f16 (vcvtph2psx, vcvtps2phx)",
};
