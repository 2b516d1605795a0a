/*
 * tanh, oneDNN's eltwise primitive dnnl_eltwise_tanh_use_dst_for_bwd,
 * f32, its JIT code capped at avx2 (dnnl_set_max_cpu_isa in that ISA's
 * own copy of libdnnl: impls/peers/onednn.c).  The forward is the
 * forward_training primitive of the use_dst_for_bwd algorithm (the same
 * function as tanh_f32_onednn_avx2's); the gradient is its backward
 * primitive, which reads dst instead of src: dx = f'(x)*dy with f'
 * written in y = f(x) (the dst form a framework uses when it keeps y, not
 * x, for the backward pass).  y is the one the harness passes, which this
 * kernel's forward computed (accuracy: the same call's y; speed: computed
 * before the timed loop), so the timed gradient call is the backward
 * primitive alone, as in a training step that has y from its forward
 * pass.  Primitives are created on a thread's first call for an n and
 * only executed afterwards, on the calling thread alone.
 *
 * Declared bounds: benchdnn's f32 tolerance for this algorithm, a relative
 * error of 4e-5 forward and 4e-6 backward (the higher tolerance of
 * ELU_DST and TANH_DST applies to the forward only), as ulps
 * (< tolerance * 2^24) where the result is a normal number.
 *
 * Measured max error against MPFR, in ulps
 * (x86_64-avx512-bf16, 1049148 f32 points):
 *   tanh_f32_onednn_dst_avx2 f32: value 1.21 ulp at x = 0x1.16240ap+2,
 *     gradient 1.678e+07 ulp at x = 0x1.0a2b24p+4
 */
#include "../../include/actbench/kernel.h"
#include "../peers/onednn.h"

void tanh_f32_onednn_dst_avx2_forward(const float *x, float *y, size_t n, const struct actbench_params *p);
void tanh_f32_onednn_dst_avx2_gradient(const float *x, const float *y, const float *dy, float *dx, float *dparam,
                                       size_t n, const struct actbench_params *p);

static const struct onednn_op op = {ONEDNN_ISA_AVX2, ONEDNN_TANH, ONEDNN_F32, true};

void tanh_f32_onednn_dst_avx2_forward(const float *x, float *y, size_t n, const struct actbench_params *p)
{
    (void)p;
    onednn_forward(&op, x, y, n, 0.0f, 0);
}

void tanh_f32_onednn_dst_avx2_gradient(const float *x, const float *y, const float *dy, float *dx, float *dparam,
                                       size_t n, const struct actbench_params *p)
{
    (void)dparam;
    (void)p;
    onednn_backward(&op, x, y, dy, dx, n, 0.0f, 0);
}

const struct actbench_kernel tanh_f32_onednn_dst_avx2 = {
    .name = "tanh_f32_onednn_dst_avx2",
    .activation = "tanh",
    .type = ACTBENCH_F32,
    .isa = "avx2",
    .unroll = 16,
    .forward.f32 = tanh_f32_onednn_dst_avx2_forward,
    .gradient.f32 = tanh_f32_onednn_dst_avx2_gradient,
    .bounds[ACTBENCH_F32] = {.value_ulp = 671.1, .gradient_ulp = 67.2},
    .description = "oneDNN avx2 JIT: dnnl_eltwise_tanh_use_dst_for_bwd; gradient: its backward from dst (y)",
};
