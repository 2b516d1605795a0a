/*
 * softmax on bf16 encodings through the f32 kernel softmax_f32_table_accurate_avx512f
 * and the two conversions, AVX-512F, 16 lanes: the composition a framework runs
 * without a native 16-bit kernel, measured next to the native ones
 * (softmax_bf16_table_avx512f) in the same run.
 *
 * Loops impls/math/softmax16_staged.h: chunks of whole rows (up to 512
 * entries) widened into a float buffer on the stack (L1), the f32 kernel
 * on it (rows of 16 transposed into column vectors, one rounding to
 * float per output), the results narrowed to bf16 (nearest even); the
 * gradient widens x and dy the same way and runs the f32 kernel's
 * gradient.  Rows longer than 512 entries (not the catalog's) go through
 * the double paths of the native kernels.  The value is the f32 kernel's
 * float rounded once more, not correctly rounded where the float lies near
 * a midpoint of bf16 (a second rounding).
 *
 * Speed, cycles per element (`build/actbench -A softmax,tanh -f bf16,f16,f32 --speed-only --modes
 * throughput,gradient_throughput --budget 0.3`, median of 3 runs; L1,
 * throughput, rows of 16, median core cycles per element from calibrated
 * TSC ticks; AMD Zen 5, load average 16-18 on 2 cores):
 * forward 1.691 against 1.483 for softmax_f32_table_accurate_avx512f alone
 * (the conversions and buffer passes: 0.21); gradient 2.671 against 2.371.
 *
 * Tier: none (a comparison).  Declared bounds, bf16: the f32 kernel's
 * (0.51 and 1 ulp of float) carried to bf16, 0.5 + b * 2^(8 - 24) ulp,
 * as actbench derives the bf16 rows of every f32 kernel.
 *
 * Measured max error against MPFR, in ulps
 * (x86_64-avx512-bf16, all 65536 bf16 inputs):
 *   softmax_bf16_table_widened_avx512f bf16: value 0.4985 ulp at x = 0x1.06p-1,
 *     gradient 0.5 ulp at x = -0x1.fcp-19
 */
#include "../../include/actbench/kernel.h"
#include "../simd/f32-avx512f.h"
#include "../simd/f64w-avx512f.h"
#include "../simd/bf16-avx512f.h"
#include "../math/softmax16_staged.h"

void softmax_f32_table_accurate_avx512f_forward(const float *x, float *y, size_t n, const struct actbench_params *p);
void softmax_f32_table_accurate_avx512f_gradient(const float *x, const float *y, const float *dy, float *dx, float *dparam,
        size_t n, const struct actbench_params *p);
void softmax_bf16_table_widened_avx512f_forward(const uint16_t *x, uint16_t *y, size_t n, const struct actbench_params *p);
void softmax_bf16_table_widened_avx512f_gradient(const uint16_t *x, const uint16_t *y, const uint16_t *dy, uint16_t *dx, uint16_t *dparam,
        size_t n, const struct actbench_params *p);

void softmax_bf16_table_widened_avx512f_forward(const uint16_t *x, uint16_t *y, size_t n, const struct actbench_params *p)
{
    softmax16_widened_forward(x, y, n, p, softmax_f32_table_accurate_avx512f_forward);
}

void softmax_bf16_table_widened_avx512f_gradient(const uint16_t *x, const uint16_t *y, const uint16_t *dy, uint16_t *dx, uint16_t *dparam,
        size_t n, const struct actbench_params *p)
{
    (void)y, (void)dparam;
    softmax16_widened_gradient(x, dy, dx, n, p, softmax_f32_table_accurate_avx512f_gradient);
}

const struct actbench_kernel softmax_bf16_table_widened_avx512f = {
    .name = "softmax_bf16_table_widened_avx512f",
    .activation = "softmax",
    .type = ACTBENCH_BF16,
    .isa = "avx512f",
    .unroll = SOFTMAX16_STAGE,
    .forward.u16 = softmax_bf16_table_widened_avx512f_forward,
    .gradient.u16 = softmax_bf16_table_widened_avx512f_gradient,
    .bounds[ACTBENCH_BF16] = {.value_ulp = 0.5 + 0.51 * 0x1p-16, .gradient_ulp = 0.5 + 1.0 * 0x1p-16},
    .description = "softmax through softmax_f32_table_accurate_avx512f: bf16 widened to float in chunks of whole rows, the f32 kernel, narrowed to bf16",
};
