/*
 * softmax on bf16 encodings, table method, AVX-512 (F, BW, DQ, VL), 16 lanes; forward only.
 *
 * Algorithm (impls/math/softmax16.h over impls/math/exp_wide.h), per row of
 * p->row_length: m = the largest entry, a_i = m - x_i in double (exact),
 * E_i = exp(-a_i) from the 2^(j/8) table of doubles (degree 4, 2^-33.5),
 * S = sum E_i in double, y_i = E_i * (1/S), as the f32 accurate kernels;
 * rows with a NaN or infinite entry (or all -inf) in double with libm, the
 * catalog's conventions.
 *
 * Double rounding is avoided: y_i in double is rounded to odd to a float
 * and then once to bf16.  y_i is within 2^-33 relative of the exact value,
 * so the result is correctly rounded unless the exact value lies that
 * close to a midpoint of bf16: at most 0.5 + 2^-25 ulp.  No exhaustive
 * check covers a row's inputs: the figures below are actbench's bf16
 * rows.
 *
 * No gradient kernel: the 16-bit gradient of a row activation is left to
 * the f32 kernel between the conversions (softmax has no widened kernel).
 *
 * Coefficients and tables: impls/math/sollya/exp_wide.sollya, written by
 * scripts/fit-coefficients.
 *
 * Speed: 3.41 cycles/element against 1.48 for softmax_f32_table_accurate_avx512f
 * alone (2.30x; L1, throughput, rows of 16, median core cycles, one run of
 * `build/actbench -A sigmoid,silu,gelu,tanh,gelu_tanh,relu,softmax --filter
 * '(_(bf16|f16)_.*avx|table_accurate_avx|relu_f32_libm_avx)' --speed-only
 * --modes throughput,gradient_throughput --budget 0.2`, AMD Zen 5, load
 * average 22-25 on 2 cores).  Slower than the f32 kernel, so slower than
 * it plus the conversions: goal missed.  The f32 kernel transposes 16 rows
 * of 16 into column vectors and needs no horizontal step; this one works
 * row by row (four rows of one vector at a time with packed reductions),
 * bound by the latency of the reductions and the division.
 *
 * Tier: accurate.  Declared bounds, bf16: value 0.5 + 2^-25 ulp (the
 * analysis above).
 *
 * Measured max error against MPFR, in ulps
 * (x86_64-avx512-bf16, all 65536 bf16 inputs):
 *   softmax_bf16_table_avx512f bf16: value 0.4985 ulp at x = 0x1.06p-1,
 *     gradient 0 ulp at x = 
 */
#include "../../include/actbench/kernel.h"
#include "../simd/f32-avx512f.h"
#include "../simd/f64w-avx512f.h"
#include "../simd/bf16-avx512f.h"
#include "../math/softmax16.h"

void softmax_bf16_table_avx512f_forward(const uint16_t *x, uint16_t *y, size_t n, const struct actbench_params *p);

void softmax_bf16_table_avx512f_forward(const uint16_t *x, uint16_t *y, size_t n, const struct actbench_params *p)
{
    softmax16_forward(x, y, n, p->row_length);
}

const struct actbench_kernel softmax_bf16_table_avx512f = {
    .name = "softmax_bf16_table_avx512f",
    .activation = "softmax",
    .type = ACTBENCH_BF16,
    .isa = "avx512f",
    .unroll = VF32_LANES,
    .forward.u16 = softmax_bf16_table_avx512f_forward,
    .bounds[ACTBENCH_BF16] = {.value_ulp = 0.5 + 0x1p-25},
    .description = "max-subtract, exp in double (8-entry table, degree 4), double sum, rounded to odd to float then once to bf16",
};
