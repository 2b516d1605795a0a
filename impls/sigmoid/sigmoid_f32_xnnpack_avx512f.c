/*
 * sigmoid, XNNPACK (Debian's 2022 snapshot): its sigmoid operator
 * (xnn_create_sigmoid_nc_f32), f32, forward only (XNNPACK has no backward), one thread (a NULL
 * thread pool).  XNNPACK picks its microkernels itself (cpuinfo) and cannot
 * be capped at an ISA; on an AVX-512 machine it takes its AVX-512F ones
 * where it has them, so the row is avx512f.  The operator is created on a
 * thread's first call and set up again only when n or the arrays change
 * (impls/peers/xnnpack.c).
 *
 * Declared bound: XNNPACK's own test tolerance for this operator, an absolute error of 5e-6 on [-25, 25], read as ulps of the outputs in [0.5, 1): 5e-6 * 2^24 = 83.9.
 *
 * Measured max error against MPFR, in ulps
 * (x86_64-avx512-bf16, 1049148 f32 points):
 *   sigmoid_f32_xnnpack_avx512f f32: value 7.245e+06 ulp at x = -0x1.5deeacp+6 (no gradient)
 */
#include "../../include/actbench/kernel.h"
#include "../peers/xnnpack.h"

static const struct xnnpack_op op = {XNNPACK_SIGMOID, false};

static void sigmoid_f32_xnnpack_avx512f_forward(const float *x, float *y, size_t n, const struct actbench_params *p)
{
    xnnpack_forward(&op, x, y, n, p);
}

const struct actbench_kernel sigmoid_f32_xnnpack_avx512f = {
    .name = "sigmoid_f32_xnnpack_avx512f",
    .activation = "sigmoid",
    .type = ACTBENCH_F32,
    .isa = "avx512f",
    .unroll = 16,
    .forward.f32 = sigmoid_f32_xnnpack_avx512f_forward,
    .bounds[ACTBENCH_F32] = {.value_ulp = 83.9},
    .description = "XNNPACK sigmoid_nc_f32, its own dispatch; forward only",
};
