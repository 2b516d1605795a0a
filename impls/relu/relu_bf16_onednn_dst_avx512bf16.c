/*
 * relu, oneDNN's eltwise primitive dnnl_eltwise_relu_use_dst_for_bwd,
 * natively on bf16 data (bf16 src, dst and diffs), its JIT code capped at
 * avx512_core_bf16 (dnnl_set_max_cpu_isa in that ISA's own copy of libdnnl:
 * impls/peers/onednn.c).  The forward is the forward_training primitive
 * of the use_dst_for_bwd algorithm (the same function as
 * relu_bf16_onednn_avx512bf16's); the gradient is its backward primitive,
 * which reads dst instead of src: dx = f'(x)*dy with f' written in the
 * bf16 y = f(x) (the dst form a framework uses when it keeps y, not x, for
 * the backward pass).  y is the one the harness passes, which this
 * kernel's forward computed (accuracy: the same call's y; speed: computed
 * before the timed loop), so the timed gradient call is the backward
 * primitive alone.  Primitives are created on a thread's first call for
 * an n and only executed afterwards, on the calling thread alone.
 * With avx512_core_bf16 the JIT converts with vcvtneps2bf16.
 *
 * Under avx512_core_bf16 the forward flushes subnormal results to 0
 * (value 127 ulp at x = 0x1.fcp-127), and the dst form's gradient, which
 * tests y > 0, is then 0 for positive subnormal x (got 0, want 1 at
 * x = 0x1p-133: 128 ulp; the src form tests x and has no error there).
 *
 * Declared bounds: benchdnn's tolerance for 16-bit data, as for the src
 * form (oneDNN 2.6 benchdnn eltwise get_eltwise_threshold): a relative
 * error of epsilon_dt(bf16) = 2^-7 forward and backward ("only rounding
 * error"), as ulps of bf16 (< 2^-7 * 2^8): value 2, gradient 2.
 *
 * Measured max error against MPFR, in ulps
 * (x86_64-avx512-bf16, all 65536 bf16 inputs):
 *   relu_bf16_onednn_dst_avx512bf16 bf16: value 127 ulp at x = 0x1.fcp-127,
 *     gradient 128 ulp at x = 0x1p-133
 */
#include "../../include/actbench/kernel.h"
#include "../peers/onednn.h"

void relu_bf16_onednn_dst_avx512bf16_forward(const uint16_t *x, uint16_t *y, size_t n, const struct actbench_params *p);
void relu_bf16_onednn_dst_avx512bf16_gradient(const uint16_t *x, const uint16_t *y, const uint16_t *dy, uint16_t *dx,
                                              uint16_t *dparam, size_t n, const struct actbench_params *p);

static const struct onednn_op op = {ONEDNN_ISA_AVX512_CORE_BF16, ONEDNN_RELU, ONEDNN_BF16, true};

void relu_bf16_onednn_dst_avx512bf16_forward(const uint16_t *x, uint16_t *y, size_t n, const struct actbench_params *p)
{
    (void)p;
    onednn_forward_u16(&op, x, y, n, 0.0f, 0);
}

void relu_bf16_onednn_dst_avx512bf16_gradient(const uint16_t *x, const uint16_t *y, const uint16_t *dy, uint16_t *dx,
                                              uint16_t *dparam, size_t n, const struct actbench_params *p)
{
    (void)dparam;
    (void)p;
    onednn_backward_u16(&op, x, y, dy, dx, n, 0.0f, 0);
}

const struct actbench_kernel relu_bf16_onednn_dst_avx512bf16 = {
    .name = "relu_bf16_onednn_dst_avx512bf16",
    .activation = "relu",
    .type = ACTBENCH_BF16,
    .isa = "avx512bf16",
    .unroll = 32,
    .forward.u16 = relu_bf16_onednn_dst_avx512bf16_forward,
    .gradient.u16 = relu_bf16_onednn_dst_avx512bf16_gradient,
    .bounds[ACTBENCH_BF16] = {.value_ulp = 2.0, .gradient_ulp = 2.0},
    .description = "oneDNN avx512_core_bf16 JIT on bf16 data: dnnl_eltwise_relu_use_dst_for_bwd; gradient: its backward from dst (y)",
};
