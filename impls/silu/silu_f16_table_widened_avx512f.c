/*
 * silu on f16 encodings through the f32 kernel silu_f32_table_accurate_avx512f
 * and the two conversions, AVX-512 (F, BW, DQ, VL), 16 lanes: the composition a framework runs
 * without a native 16-bit kernel, measured next to the native ones
 * (silu_f16_*_avx512f) in the same run.
 *
 * Loops impls/math/widened16.h: blocks of 256 encodings widened into a
 * float buffer on the stack (L1), the f32 kernel, the results narrowed to
 * f16 (nearest even, impls/simd/f16-avx512f.h); the gradient widens x and
 * dy the same way.  The value is the f32 kernel's float rounded once more,
 * not correctly rounded where the float lies near a midpoint of f16 (a second rounding).
 *
 * Tier: none (a comparison).  Declared bounds, f16: the f32 kernel's
 * (0.63 and 2.4 ulp of float) carried to f16, 0.5 + b * 2^(11 - 24) ulp,
 * as actbench derives the f16 rows of every f32 kernel.
 *
 * Measured max error against MPFR, in ulps
 * (x86_64-avx512-bf16, all 65536 f16 inputs):
 *   silu_f16_table_widened_avx512f f16: value 0.5 ulp at x = -0x1.5ccp+1,
 *     gradient 0.5001 ulp at x = 0x1.ep-8
 */
#include "../../include/actbench/kernel.h"
#include "../simd/f32-avx512f.h"
#include "../simd/f16-avx512f.h"
#include "../math/widened16.h"

void silu_f32_table_accurate_avx512f_forward(const float *x, float *y, size_t n, const struct actbench_params *p);
void silu_f32_table_accurate_avx512f_gradient(const float *x, const float *y, const float *dy, float *dx, float *dparam,
        size_t n, const struct actbench_params *p);
void silu_f16_table_widened_avx512f_forward(const uint16_t *x, uint16_t *y, size_t n, const struct actbench_params *p);
void silu_f16_table_widened_avx512f_gradient(const uint16_t *x, const uint16_t *y, const uint16_t *dy, uint16_t *dx, uint16_t *dparam,
        size_t n, const struct actbench_params *p);

void silu_f16_table_widened_avx512f_forward(const uint16_t *x, uint16_t *y, size_t n, const struct actbench_params *p)
{
    widened16_forward(x, y, n, p, silu_f32_table_accurate_avx512f_forward);
}

void silu_f16_table_widened_avx512f_gradient(const uint16_t *x, const uint16_t *y, const uint16_t *dy, uint16_t *dx, uint16_t *dparam,
        size_t n, const struct actbench_params *p)
{
    (void)y, (void)dparam;
    widened16_gradient(x, dy, dx, n, p, silu_f32_table_accurate_avx512f_gradient);
}

const struct actbench_kernel silu_f16_table_widened_avx512f = {
    .name = "silu_f16_table_widened_avx512f",
    .activation = "silu",
    .type = ACTBENCH_F16,
    .isa = "avx512f",
    .unroll = 256,
    .forward.u16 = silu_f16_table_widened_avx512f_forward,
    .gradient.u16 = silu_f16_table_widened_avx512f_gradient,
    .bounds[ACTBENCH_F16] = {.value_ulp = 0.5 + 0.63 * 0x1p-13, .gradient_ulp = 0.5 + 2.4 * 0x1p-13},
    .description = "silu through silu_f32_table_accurate_avx512f: f16 widened to float in blocks of 256, the f32 kernel, narrowed to f16",
};
