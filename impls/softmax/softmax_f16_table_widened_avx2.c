/*
 * softmax on f16 encodings through the f32 kernel softmax_f32_table_accurate_avx2
 * and the two conversions, AVX2 + FMA + F16C, 8 lanes: the composition a framework runs
 * without a native 16-bit kernel, measured next to the native ones
 * (softmax_f16_table_avx2) in the same run.
 *
 * Loops impls/math/softmax16_staged.h: chunks of whole rows (up to 512
 * entries) widened into a float buffer on the stack (L1), the f32 kernel
 * on it (rows of 16 transposed into column vectors, one rounding to
 * float per output), the results narrowed to f16 (nearest even); the
 * gradient widens x and dy the same way and runs the f32 kernel's
 * gradient.  Rows longer than 512 entries (not the catalog's) go through
 * the double paths of the native kernels.  The value is the f32 kernel's
 * float rounded once more, not correctly rounded where the float lies near
 * a midpoint of f16 (a second rounding).
 *
 * Speed, cycles per element (`build/actbench -A softmax,tanh -f bf16,f16,f32 --speed-only --modes
 * throughput,gradient_throughput --budget 0.3`, median of 3 runs; L1,
 * throughput, rows of 16, median core cycles per element from calibrated
 * TSC ticks; AMD Zen 5, load average 16-18 on 2 cores):
 * forward 3.709 against 3.416 for softmax_f32_table_accurate_avx2 alone
 * (the conversions and buffer passes: 0.29); gradient 5.192 against 4.731.
 *
 * Tier: none (a comparison).  Declared bounds, f16: the f32 kernel's
 * (0.51 and 1 ulp of float) carried to f16, 0.5 + b * 2^(11 - 24) ulp,
 * as actbench derives the f16 rows of every f32 kernel.
 *
 * Measured max error against MPFR, in ulps
 * (x86_64-avx512-bf16, all 65536 f16 inputs):
 *   softmax_f16_table_widened_avx2 f16: value 0.4998 ulp at x = 0x1.00cp-1,
 *     gradient 0.5001 ulp at x = -0x1.628p-4
 */
#include "../../include/actbench/kernel.h"
#include "../simd/f32-avx2.h"
#include "../simd/f64w-avx2.h"
#include "../simd/f16-avx2.h"
#include "../math/softmax16_staged.h"

void softmax_f32_table_accurate_avx2_forward(const float *x, float *y, size_t n, const struct actbench_params *p);
void softmax_f32_table_accurate_avx2_gradient(const float *x, const float *y, const float *dy, float *dx, float *dparam,
        size_t n, const struct actbench_params *p);
void softmax_f16_table_widened_avx2_forward(const uint16_t *x, uint16_t *y, size_t n, const struct actbench_params *p);
void softmax_f16_table_widened_avx2_gradient(const uint16_t *x, const uint16_t *y, const uint16_t *dy, uint16_t *dx, uint16_t *dparam,
        size_t n, const struct actbench_params *p);

void softmax_f16_table_widened_avx2_forward(const uint16_t *x, uint16_t *y, size_t n, const struct actbench_params *p)
{
    softmax16_widened_forward(x, y, n, p, softmax_f32_table_accurate_avx2_forward);
}

void softmax_f16_table_widened_avx2_gradient(const uint16_t *x, const uint16_t *y, const uint16_t *dy, uint16_t *dx, uint16_t *dparam,
        size_t n, const struct actbench_params *p)
{
    (void)y, (void)dparam;
    softmax16_widened_gradient(x, dy, dx, n, p, softmax_f32_table_accurate_avx2_gradient);
}

const struct actbench_kernel softmax_f16_table_widened_avx2 = {
    .name = "softmax_f16_table_widened_avx2",
    .activation = "softmax",
    .type = ACTBENCH_F16,
    .isa = "avx2",
    .unroll = SOFTMAX16_STAGE,
    .forward.u16 = softmax_f16_table_widened_avx2_forward,
    .gradient.u16 = softmax_f16_table_widened_avx2_gradient,
    .bounds[ACTBENCH_F16] = {.value_ulp = 0.5 + 0.51 * 0x1p-13, .gradient_ulp = 0.5 + 1.0 * 0x1p-13},
    .description = "softmax through softmax_f32_table_accurate_avx2: f16 widened to float in chunks of whole rows, the f32 kernel, narrowed to f16",
};
