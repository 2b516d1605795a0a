/*
 * leaky_relu, oneDNN's eltwise primitive dnnl_eltwise_relu_use_dst_for_bwd (alpha = the slope a),
 * f32, its JIT code capped at avx512_core (dnnl_set_max_cpu_isa in that ISA's
 * own copy of libdnnl: impls/peers/onednn.c).  The forward is the
 * forward_training primitive of the use_dst_for_bwd algorithm (the same
 * function as leaky_relu_f32_onednn_avx512f's); the gradient is its backward
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
 * error of 4e-6 forward and backward, as ulps (< 4e-6 * 2^24) where the
 * result is a normal number.
 *
 * Measured max error against MPFR, in ulps
 * (x86_64-avx512-bf16, 1049148 f32 points):
 *   leaky_relu_f32_onednn_dst_avx512f f32: value 0.5 ulp at x = -0x1.4p+1,
 *     gradient 0 ulp at x = 0x0p+0
 */
#include "../../include/actbench/kernel.h"
#include "../peers/onednn.h"

void leaky_relu_f32_onednn_dst_avx512f_forward(const float *x, float *y, size_t n, const struct actbench_params *p);
void leaky_relu_f32_onednn_dst_avx512f_gradient(const float *x, const float *y, const float *dy, float *dx, float *dparam,
                                                size_t n, const struct actbench_params *p);

static const struct onednn_op op = {ONEDNN_ISA_AVX512_CORE, ONEDNN_RELU, ONEDNN_F32, true};

void leaky_relu_f32_onednn_dst_avx512f_forward(const float *x, float *y, size_t n, const struct actbench_params *p)
{
    onednn_forward(&op, x, y, n, p->alpha, 0);
}

void leaky_relu_f32_onednn_dst_avx512f_gradient(const float *x, const float *y, const float *dy, float *dx, float *dparam,
                                                size_t n, const struct actbench_params *p)
{
    (void)dparam;
    onednn_backward(&op, x, y, dy, dx, n, p->alpha, 0);
}

const struct actbench_kernel leaky_relu_f32_onednn_dst_avx512f = {
    .name = "leaky_relu_f32_onednn_dst_avx512f",
    .activation = "leaky_relu",
    .type = ACTBENCH_F32,
    .isa = "avx512f",
    .unroll = 16,
    .forward.f32 = leaky_relu_f32_onednn_dst_avx512f_forward,
    .gradient.f32 = leaky_relu_f32_onednn_dst_avx512f_gradient,
    .bounds[ACTBENCH_F32] = {.value_ulp = 67.2, .gradient_ulp = 67.2},
    .description = "oneDNN avx512_core JIT: dnnl_eltwise_relu_use_dst_for_bwd; gradient: its backward from dst (y)",
};
