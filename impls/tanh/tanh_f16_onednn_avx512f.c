/*
 * tanh, oneDNN's eltwise primitive dnnl_eltwise_tanh, natively on f16 data (f16 src,
 * dst and diffs), its JIT code capped at avx512_core (dnnl_set_max_cpu_isa in
 * that ISA's own copy of libdnnl: impls/peers/onednn.c).  The forward is
 * the forward_training primitive; the gradient is the backward primitive of the same algorithm from src
 * (the src form): dx = f'(x)*dy from x and dy.
 * Primitives are created on a thread's first call for an n and only
 * executed afterwards, on the calling thread alone.
 * oneDNN 2.6 creates f16 eltwise and softmax primitives only on CPUs
 * with AVX512-FP16 (or AMX): without them the primitive descriptor is
 * refused (dnnl_unimplemented) and the row is skipped_unsupported with
 * that answer.
 *
 * Declared bounds: benchdnn's tolerance for 16-bit data, a relative
 * error of epsilon_dt(f16) = 2^-10 forward and backward ("only rounding
 * error"), as ulps of f16 (< 2^-10 * 2^11): value 2, gradient 2.
 */
#include "../../include/actbench/kernel.h"
#include "../peers/onednn.h"

void tanh_f16_onednn_avx512f_forward(const uint16_t *x, uint16_t *y, size_t n, const struct actbench_params *p);
void tanh_f16_onednn_avx512f_gradient(const uint16_t *x, const uint16_t *y, const uint16_t *dy, uint16_t *dx,
                                      uint16_t *dparam, size_t n, const struct actbench_params *p);

static const struct onednn_op op = {ONEDNN_ISA_AVX512_CORE, ONEDNN_TANH, ONEDNN_F16, false};

void tanh_f16_onednn_avx512f_forward(const uint16_t *x, uint16_t *y, size_t n, const struct actbench_params *p)
{
    (void)p;
    onednn_forward_u16(&op, x, y, n, 0.0f, 0);
}

void tanh_f16_onednn_avx512f_gradient(const uint16_t *x, const uint16_t *y, const uint16_t *dy, uint16_t *dx,
                                      uint16_t *dparam, size_t n, const struct actbench_params *p)
{
    (void)dparam;
    (void)p;
    onednn_backward_u16(&op, x, y, dy, dx, n, 0.0f, 0);
}

const struct actbench_kernel tanh_f16_onednn_avx512f = {
    .name = "tanh_f16_onednn_avx512f",
    .activation = "tanh",
    .type = ACTBENCH_F16,
    .isa = "avx512f",
    .unroll = 32,
    .forward.u16 = tanh_f16_onednn_avx512f_forward,
    .gradient.u16 = tanh_f16_onednn_avx512f_gradient,
    .bounds[ACTBENCH_F16] = {.value_ulp = 2.0, .gradient_ulp = 2.0},
    .description = "oneDNN avx512_core JIT on f16 data: dnnl_eltwise_tanh; gradient: its backward from src",
};
