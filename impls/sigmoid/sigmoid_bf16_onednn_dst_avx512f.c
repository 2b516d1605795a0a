/*
 * sigmoid, oneDNN's eltwise primitive dnnl_eltwise_logistic_use_dst_for_bwd,
 * natively on bf16 data (bf16 src, dst and diffs), its JIT code capped at
 * avx512_core (dnnl_set_max_cpu_isa in that ISA's own copy of libdnnl:
 * impls/peers/onednn.c).  The forward is the forward_training primitive
 * of the use_dst_for_bwd algorithm (the same function as
 * sigmoid_bf16_onednn_avx512f's); the gradient is its backward primitive,
 * which reads dst instead of src: dx = f'(x)*dy with f' written in the
 * bf16 y = f(x) (the dst form a framework uses when it keeps y, not x, for
 * the backward pass).  y is the one the harness passes, which this
 * kernel's forward computed (accuracy: the same call's y; speed: computed
 * before the timed loop), so the timed gradient call is the backward
 * primitive alone.  Primitives are created on a thread's first call for
 * an n and only executed afterwards, on the calling thread alone.
 * bf16 below avx512_core_bf16: oneDNN converts with its own integer
 * rounding code (bf16 emulation), computes in f32 and rounds to bf16.
 *
 * What the dst form costs in bf16 (measured, all 65536 inputs): y rounds
 * to 1 from x = 0x1.9p+2 (6.25), and f' = y(1 - y) written in that y is
 * 0 from there, while the true gradient is 0x1.f8p-10: the gradient dies
 * at 0x1.9p+2, where the src form's dies at 0x1.16p+4.
 *
 * Declared bounds: benchdnn's tolerance for 16-bit data, as for the src
 * form (oneDNN 2.6 benchdnn eltwise get_eltwise_threshold): a relative
 * error of epsilon_dt(bf16) = 2^-7 forward and backward ("only rounding
 * error"), as ulps of bf16 (< 2^-7 * 2^8): value 2, gradient 2.
 *
 * Measured max error against MPFR, in ulps
 * (x86_64-avx512-bf16, all 65536 bf16 inputs):
 *   sigmoid_bf16_onednn_dst_avx512f bf16: value 179.2 ulp at x = -0x1.5cp+6,
 *     gradient 255.8 ulp at x = 0x1.e8p+3
 */
#include "../../include/actbench/kernel.h"
#include "../peers/onednn.h"

void sigmoid_bf16_onednn_dst_avx512f_forward(const uint16_t *x, uint16_t *y, size_t n, const struct actbench_params *p);
void sigmoid_bf16_onednn_dst_avx512f_gradient(const uint16_t *x, const uint16_t *y, const uint16_t *dy, uint16_t *dx,
                                              uint16_t *dparam, size_t n, const struct actbench_params *p);

static const struct onednn_op op = {ONEDNN_ISA_AVX512_CORE, ONEDNN_LOGISTIC, ONEDNN_BF16, true};

void sigmoid_bf16_onednn_dst_avx512f_forward(const uint16_t *x, uint16_t *y, size_t n, const struct actbench_params *p)
{
    (void)p;
    onednn_forward_u16(&op, x, y, n, 0.0f, 0);
}

void sigmoid_bf16_onednn_dst_avx512f_gradient(const uint16_t *x, const uint16_t *y, const uint16_t *dy, uint16_t *dx,
                                              uint16_t *dparam, size_t n, const struct actbench_params *p)
{
    (void)dparam;
    (void)p;
    onednn_backward_u16(&op, x, y, dy, dx, n, 0.0f, 0);
}

const struct actbench_kernel sigmoid_bf16_onednn_dst_avx512f = {
    .name = "sigmoid_bf16_onednn_dst_avx512f",
    .activation = "sigmoid",
    .type = ACTBENCH_BF16,
    .isa = "avx512f",
    .unroll = 32,
    .forward.u16 = sigmoid_bf16_onednn_dst_avx512f_forward,
    .gradient.u16 = sigmoid_bf16_onednn_dst_avx512f_gradient,
    .bounds[ACTBENCH_BF16] = {.value_ulp = 2.0, .gradient_ulp = 2.0},
    .description = "oneDNN avx512_core JIT on bf16 data: dnnl_eltwise_logistic_use_dst_for_bwd; gradient: its backward from dst (y)",
};
