/*
 * leaky_relu, XNNPACK (Debian's 2022 snapshot): its leaky_relu operator, negative_slope = a
 * (xnn_create_leaky_relu_nc_f32), f32, forward only (XNNPACK has no backward), one thread (a NULL
 * thread pool).  XNNPACK picks its microkernels itself (cpuinfo) and cannot
 * be capped at an ISA; on an AVX-512 machine it takes its AVX-512F ones
 * where it has them, so the row is avx512f.  The operator is created on a
 * thread's first call and set up again only when n or the arrays change
 * (impls/peers/xnnpack.c).
 *
 * Declared bound: XNNPACK's own test tolerance for this operator, none stated for f32 in the operator tests of this snapshot; one rounded product a*x, so 0.5 ulp.
 *
 * Measured max error against MPFR, in ulps
 * (x86_64-avx512-bf16, 1049148 f32 points):
 *   leaky_relu_f32_xnnpack_avx512f f32: value 8.388e+06 ulp at x = -0x1.8ff6fep-120 (no gradient)
 */
#include "../../include/actbench/kernel.h"
#include "../peers/xnnpack.h"

static const struct xnnpack_op op = {XNNPACK_LEAKY_RELU, false};

static void leaky_relu_f32_xnnpack_avx512f_forward(const float *x, float *y, size_t n, const struct actbench_params *p)
{
    xnnpack_forward(&op, x, y, n, p);
}

const struct actbench_kernel leaky_relu_f32_xnnpack_avx512f = {
    .name = "leaky_relu_f32_xnnpack_avx512f",
    .activation = "leaky_relu",
    .type = ACTBENCH_F32,
    .isa = "avx512f",
    .unroll = 16,
    .forward.f32 = leaky_relu_f32_xnnpack_avx512f_forward,
    .bounds[ACTBENCH_F32] = {.value_ulp = 0.5},
    .description = "XNNPACK leaky_relu_nc_f32, its own dispatch; forward only",
};
