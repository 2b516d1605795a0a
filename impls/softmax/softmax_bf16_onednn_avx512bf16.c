/*
 * softmax, its softmax primitive over rows of p->row_length (a dense rows x
 * row_length tensor, axis 1), natively on bf16 data (bf16 src,
 * dst and diffs), its JIT code capped at avx512_core_bf16 (dnnl_set_max_cpu_isa in
 * that ISA's own copy of libdnnl: impls/peers/onednn.c).  The forward is
 * the forward_training primitive; the gradient is its backward primitive, which reads dst (this
 * kernel's y) and diff_dst (dy).
 * Primitives are created on a thread's first call for an n and only
 * executed afterwards, on the calling thread alone.
 * With avx512_core_bf16 the JIT converts with vcvtneps2bf16.  The
 * softmax and logsoftmax primitives report jit:avx512_core under this
 * cap too (their implementation name; measured as its own row).
 *
 * Declared bounds: benchdnn's bf16 tolerance for softmax, a relative
 * error of epsilon_dt(bf16) = 2^-7 forward and 4 * 2^-7 backward (no
 * f32 factor 10 for 16-bit data), as ulps of bf16 (< tolerance * 2^8):
 * value 2, gradient 8.
 *
 * Measured max error against MPFR, in ulps
 * (x86_64-avx512-bf16, all 65536 bf16 inputs):
 *   softmax_bf16_onednn_avx512bf16 bf16: value 65.91 ulp at x = 0x1.08p+10,
 *     gradient 5350 ulp at x = -0x1.22p+9
 */
#include "../../include/actbench/kernel.h"
#include "../peers/onednn.h"

void softmax_bf16_onednn_avx512bf16_forward(const uint16_t *x, uint16_t *y, size_t n, const struct actbench_params *p);
void softmax_bf16_onednn_avx512bf16_gradient(const uint16_t *x, const uint16_t *y, const uint16_t *dy, uint16_t *dx,
                                             uint16_t *dparam, size_t n, const struct actbench_params *p);

static const struct onednn_op op = {ONEDNN_ISA_AVX512_CORE_BF16, ONEDNN_SOFTMAX, ONEDNN_BF16, false};

void softmax_bf16_onednn_avx512bf16_forward(const uint16_t *x, uint16_t *y, size_t n, const struct actbench_params *p)
{
    onednn_forward_u16(&op, x, y, n, 0.0f, p->row_length);
}

void softmax_bf16_onednn_avx512bf16_gradient(const uint16_t *x, const uint16_t *y, const uint16_t *dy, uint16_t *dx,
                                             uint16_t *dparam, size_t n, const struct actbench_params *p)
{
    (void)dparam;
    onednn_backward_u16(&op, x, y, dy, dx, n, 0.0f, p->row_length);
}

const struct actbench_kernel softmax_bf16_onednn_avx512bf16 = {
    .name = "softmax_bf16_onednn_avx512bf16",
    .activation = "softmax",
    .type = ACTBENCH_BF16,
    .isa = "avx512bf16",
    .unroll = 32,
    .forward.u16 = softmax_bf16_onednn_avx512bf16_forward,
    .gradient.u16 = softmax_bf16_onednn_avx512bf16_gradient,
    .bounds[ACTBENCH_BF16] = {.value_ulp = 2.0, .gradient_ulp = 8.0},
    .description = "oneDNN avx512_core_bf16 JIT on bf16 data: softmax primitive per row; gradient: its backward from dst",
};
