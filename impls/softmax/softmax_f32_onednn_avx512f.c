/*
 * softmax, oneDNN's softmax primitive over rows of p->row_length (a dense
 * rows x row_length tensor, axis 1), f32, its JIT code capped at
 * avx512_core (dnnl_set_max_cpu_isa in that ISA's own copy of libdnnl:
 * impls/peers/onednn.c).  The forward is the forward_training primitive;
 * the gradient is the softmax backward primitive, which reads dst (this
 * kernel's y) and diff_dst (dy).  Primitives are created on a thread's
 * first call for an n and row length and only executed afterwards, on the
 * calling thread alone.
 *
 * Declared bounds: benchdnn's f32 tolerance for softmax, a relative error
 * of 10 * FLT_EPSILON forward and 4 * 10 * FLT_EPSILON backward, as ulps
 * (< tolerance * 2^24) where the result is a normal number.
 *
 * Measured max error against MPFR, in ulps
 * (x86_64-avx512-bf16, 1049148 f32 points):
 *   softmax_f32_onednn_avx512f f32: value 1.145e+07 ulp at x = -0x1.66b65p+0,
 *     gradient 5.345e+07 ulp at x = 0x1.7b2dcp+5
 */
#include "../../include/actbench/kernel.h"
#include "../peers/onednn.h"

static const struct onednn_op op = {ONEDNN_ISA_AVX512_CORE, ONEDNN_SOFTMAX, ONEDNN_F32, false};

static void softmax_f32_onednn_avx512f_forward(const float *x, float *y, size_t n, const struct actbench_params *p)
{
    onednn_forward(&op, x, y, n, 0.0f, p->row_length);
}

static void softmax_f32_onednn_avx512f_gradient(const float *x, const float *y, const float *dy, float *dx,
                                                float *dparam, size_t n, const struct actbench_params *p)
{
    (void)dparam;
    onednn_backward(&op, x, y, dy, dx, n, 0.0f, p->row_length);
}

const struct actbench_kernel softmax_f32_onednn_avx512f = {
    .name = "softmax_f32_onednn_avx512f",
    .activation = "softmax",
    .type = ACTBENCH_F32,
    .isa = "avx512f",
    .unroll = 16,
    .forward.f32 = softmax_f32_onednn_avx512f_forward,
    .gradient.f32 = softmax_f32_onednn_avx512f_gradient,
    .bounds[ACTBENCH_F32] = {.value_ulp = 20.0, .gradient_ulp = 80.0},
    .description = "oneDNN avx512_core JIT: softmax primitive per row; gradient: its backward from dst",
};
