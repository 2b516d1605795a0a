/*
 * sigmoid on bf16 encodings through the f32 kernel sigmoid_f32_table_accurate_avx2
 * and the two conversions, AVX2 + FMA + F16C, 8 lanes: the composition a framework runs
 * without a native 16-bit kernel, measured next to the native ones
 * (sigmoid_bf16_*_avx2) in the same run.
 *
 * Loops impls/math/widened16.h: blocks of 256 encodings widened into a
 * float buffer on the stack (L1), the f32 kernel, the results narrowed to
 * bf16 (nearest even, impls/simd/bf16-avx2.h); the gradient widens x and
 * dy the same way.  The value is the f32 kernel's float rounded once more,
 * not correctly rounded where the float lies near a midpoint of bf16 (a second rounding).
 *
 * Tier: none (a comparison).  Declared bounds, bf16: the f32 kernel's
 * (0.63 and 1.6 ulp of float) carried to bf16, 0.5 + b * 2^(8 - 24) ulp,
 * as actbench derives the bf16 rows of every f32 kernel.
 *
 * Measured max error against MPFR, in ulps
 * (x86_64-avx512-bf16, all 65536 bf16 inputs):
 *   sigmoid_bf16_table_widened_avx2 bf16: value 0.5 ulp at x = -0x1p-8,
 *     gradient 0.4997 ulp at x = 0x1.e4p+1
 */
#include "../../include/actbench/kernel.h"
#include "../simd/f32-avx2.h"
#include "../simd/bf16-avx2.h"
#include "../math/widened16.h"

void sigmoid_f32_table_accurate_avx2_forward(const float *x, float *y, size_t n, const struct actbench_params *p);
void sigmoid_f32_table_accurate_avx2_gradient(const float *x, const float *y, const float *dy, float *dx, float *dparam,
        size_t n, const struct actbench_params *p);
void sigmoid_bf16_table_widened_avx2_forward(const uint16_t *x, uint16_t *y, size_t n, const struct actbench_params *p);
void sigmoid_bf16_table_widened_avx2_gradient(const uint16_t *x, const uint16_t *y, const uint16_t *dy, uint16_t *dx, uint16_t *dparam,
        size_t n, const struct actbench_params *p);

void sigmoid_bf16_table_widened_avx2_forward(const uint16_t *x, uint16_t *y, size_t n, const struct actbench_params *p)
{
    widened16_forward(x, y, n, p, sigmoid_f32_table_accurate_avx2_forward);
}

void sigmoid_bf16_table_widened_avx2_gradient(const uint16_t *x, const uint16_t *y, const uint16_t *dy, uint16_t *dx, uint16_t *dparam,
        size_t n, const struct actbench_params *p)
{
    (void)y, (void)dparam;
    widened16_gradient(x, dy, dx, n, p, sigmoid_f32_table_accurate_avx2_gradient);
}

const struct actbench_kernel sigmoid_bf16_table_widened_avx2 = {
    .name = "sigmoid_bf16_table_widened_avx2",
    .activation = "sigmoid",
    .type = ACTBENCH_BF16,
    .isa = "avx2",
    .unroll = 256,
    .forward.u16 = sigmoid_bf16_table_widened_avx2_forward,
    .gradient.u16 = sigmoid_bf16_table_widened_avx2_gradient,
    .bounds[ACTBENCH_BF16] = {.value_ulp = 0.5 + 0.63 * 0x1p-16, .gradient_ulp = 0.5 + 1.6 * 0x1p-16},
    .description = "sigmoid through sigmoid_f32_table_accurate_avx2: bf16 widened to float in blocks of 256, the f32 kernel, narrowed to bf16",
};
