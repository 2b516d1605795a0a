/*
 * log_softmax, its logsoftmax primitive over rows of p->row_length (a dense rows x
 * row_length tensor, axis 1), natively on bf16 data (bf16 src,
 * dst and diffs), its JIT code capped at avx2 (dnnl_set_max_cpu_isa in
 * that ISA's own copy of libdnnl: impls/peers/onednn.c).  The forward is
 * the forward_training primitive; the gradient is its backward primitive, which reads dst (this
 * kernel's y) and diff_dst (dy).
 * Primitives are created on a thread's first call for an n and only
 * executed afterwards, on the calling thread alone.
 * oneDNN 2.6 has no bf16 eltwise or softmax below avx512_core: on every
 * CPU the primitive descriptor is refused (dnnl_unimplemented) and the
 * row is skipped_unsupported with that answer.
 *
 * Declared bounds: benchdnn's bf16 tolerance for logsoftmax, a relative
 * error of 4 * epsilon_dt(bf16) = 4 * 2^-7 forward and backward (no f32
 * factor 10 for 16-bit data), as ulps of bf16 (< tolerance * 2^8):
 * value 8, gradient 8.
 */
#include "../../include/actbench/kernel.h"
#include "../peers/onednn.h"

void log_softmax_bf16_onednn_avx2_forward(const uint16_t *x, uint16_t *y, size_t n, const struct actbench_params *p);
void log_softmax_bf16_onednn_avx2_gradient(const uint16_t *x, const uint16_t *y, const uint16_t *dy, uint16_t *dx,
                                           uint16_t *dparam, size_t n, const struct actbench_params *p);

static const struct onednn_op op = {ONEDNN_ISA_AVX2, ONEDNN_LOGSOFTMAX, ONEDNN_BF16, false};

void log_softmax_bf16_onednn_avx2_forward(const uint16_t *x, uint16_t *y, size_t n, const struct actbench_params *p)
{
    onednn_forward_u16(&op, x, y, n, 0.0f, p->row_length);
}

void log_softmax_bf16_onednn_avx2_gradient(const uint16_t *x, const uint16_t *y, const uint16_t *dy, uint16_t *dx,
                                           uint16_t *dparam, size_t n, const struct actbench_params *p)
{
    (void)dparam;
    onednn_backward_u16(&op, x, y, dy, dx, n, 0.0f, p->row_length);
}

const struct actbench_kernel log_softmax_bf16_onednn_avx2 = {
    .name = "log_softmax_bf16_onednn_avx2",
    .activation = "log_softmax",
    .type = ACTBENCH_BF16,
    .isa = "avx2",
    .unroll = 32,
    .forward.u16 = log_softmax_bf16_onednn_avx2_forward,
    .gradient.u16 = log_softmax_bf16_onednn_avx2_gradient,
    .bounds[ACTBENCH_BF16] = {.value_ulp = 8.0, .gradient_ulp = 8.0},
    .description = "oneDNN avx2 JIT on bf16 data: logsoftmax primitive per row; gradient: its backward from dst",
};
