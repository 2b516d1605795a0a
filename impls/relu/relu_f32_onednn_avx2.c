/*
 * relu, oneDNN's eltwise primitive dnnl_eltwise_relu (alpha = 0), f32, its JIT code capped
 * at avx2 (dnnl_set_max_cpu_isa in that ISA's own copy of libdnnl:
 * impls/peers/onednn.c).  The forward is the forward_training primitive;
 * the gradient is the backward primitive of the same algorithm from src
 * (the src form, not *_use_dst_for_bwd): dx = f'(x)*dy from x and dy.
 * Primitives are created on a thread's first call for an n and only
 * executed afterwards, on the calling thread alone.
 *
 * Declared bounds: benchdnn's f32 tolerance for this algorithm, a relative
 * error of 4e-6 forward and backward, as ulps (< 4e-6 * 2^24) where the
 * result is a normal number.
 *
 * Measured max error against MPFR, in ulps
 * (x86_64-avx512-bf16, 1049148 f32 points):
 *   relu_f32_onednn_avx2 f32: value 0 ulp at x = 0x0p+0,
 *     gradient 0 ulp at x = 0x0p+0
 */
#include "../../include/actbench/kernel.h"
#include "../peers/onednn.h"

static const struct onednn_op op = {ONEDNN_ISA_AVX2, ONEDNN_RELU, ONEDNN_F32, false};

static void relu_f32_onednn_avx2_forward(const float *x, float *y, size_t n, const struct actbench_params *p)
{
    (void)p;
    onednn_forward(&op, x, y, n, 0.0f, 0);
}

static void relu_f32_onednn_avx2_gradient(const float *x, const float *y, const float *dy, float *dx,
                                          float *dparam, size_t n, const struct actbench_params *p)
{
    (void)dparam;
    (void)p;
    onednn_backward(&op, x, y, dy, dx, n, 0.0f, 0);
}

const struct actbench_kernel relu_f32_onednn_avx2 = {
    .name = "relu_f32_onednn_avx2",
    .activation = "relu",
    .type = ACTBENCH_F32,
    .isa = "avx2",
    .unroll = 8,
    .forward.f32 = relu_f32_onednn_avx2_forward,
    .gradient.f32 = relu_f32_onednn_avx2_gradient,
    .bounds[ACTBENCH_F32] = {.value_ulp = 67.2, .gradient_ulp = 67.2},
    .description = "oneDNN avx2 JIT: dnnl_eltwise_relu; gradient: its backward from src",
};
