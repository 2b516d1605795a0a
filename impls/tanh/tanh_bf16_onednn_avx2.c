/*
 * tanh, oneDNN's eltwise primitive dnnl_eltwise_tanh, natively on bf16 data (bf16 src,
 * dst and diffs), its JIT code capped at avx2 (dnnl_set_max_cpu_isa in
 * that ISA's own copy of libdnnl: impls/peers/onednn.c).  The forward is
 * the forward_training primitive; the gradient is the backward primitive of the same algorithm from src
 * (the src form): dx = f'(x)*dy from x and dy.
 * Primitives are created on a thread's first call for an n and only
 * executed afterwards, on the calling thread alone.
 * oneDNN 2.6 has no bf16 eltwise or softmax below avx512_core: on every
 * CPU the primitive descriptor is refused (dnnl_unimplemented) and the
 * row is skipped_unsupported with that answer.
 *
 * Declared bounds: benchdnn's tolerance for 16-bit data, a relative
 * error of epsilon_dt(bf16) = 2^-7 forward and backward ("only rounding
 * error"), as ulps of bf16 (< 2^-7 * 2^8): value 2, gradient 2.
 */
#include "../../include/actbench/kernel.h"
#include "../peers/onednn.h"

void tanh_bf16_onednn_avx2_forward(const uint16_t *x, uint16_t *y, size_t n, const struct actbench_params *p);
void tanh_bf16_onednn_avx2_gradient(const uint16_t *x, const uint16_t *y, const uint16_t *dy, uint16_t *dx,
                                    uint16_t *dparam, size_t n, const struct actbench_params *p);

static const struct onednn_op op = {ONEDNN_ISA_AVX2, ONEDNN_TANH, ONEDNN_BF16, false};

void tanh_bf16_onednn_avx2_forward(const uint16_t *x, uint16_t *y, size_t n, const struct actbench_params *p)
{
    (void)p;
    onednn_forward_u16(&op, x, y, n, 0.0f, 0);
}

void tanh_bf16_onednn_avx2_gradient(const uint16_t *x, const uint16_t *y, const uint16_t *dy, uint16_t *dx,
                                    uint16_t *dparam, size_t n, const struct actbench_params *p)
{
    (void)dparam;
    (void)p;
    onednn_backward_u16(&op, x, y, dy, dx, n, 0.0f, 0);
}

const struct actbench_kernel tanh_bf16_onednn_avx2 = {
    .name = "tanh_bf16_onednn_avx2",
    .activation = "tanh",
    .type = ACTBENCH_BF16,
    .isa = "avx2",
    .unroll = 32,
    .forward.u16 = tanh_bf16_onednn_avx2_forward,
    .gradient.u16 = tanh_bf16_onednn_avx2_gradient,
    .bounds[ACTBENCH_BF16] = {.value_ulp = 2.0, .gradient_ulp = 2.0},
    .description = "oneDNN avx2 JIT on bf16 data: dnnl_eltwise_tanh; gradient: its backward from src",
};
