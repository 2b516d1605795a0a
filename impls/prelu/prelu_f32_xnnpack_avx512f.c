/*
 * prelu, XNNPACK (Debian's 2022 snapshot): its prelu operator, one channel per catalog channel, the slopes packed at creation
 * (xnn_create_prelu_nc_f32), f32, forward only (XNNPACK has no backward), one thread (a NULL
 * thread pool).  XNNPACK picks its microkernels itself (cpuinfo) and cannot
 * be capped at an ISA; on an AVX-512 machine it takes its AVX-512F ones
 * where it has them, so the row is avx512f.  The operator is created on a
 * thread's first call and set up again only when n or the arrays change
 * (impls/peers/xnnpack.c).
 *
 * Declared bound: XNNPACK's own test tolerance for this operator: its
 * prelu operator test (test/prelu-operator-tester.h TestF32, at the
 * snapshot's commit ae108ef) allows max(1e-6, 1e-6 |y_ref|): relative
 * 1e-6 of the result, < 1e-6 * 2^24 = 16.8 ulp of f32; the absolute
 * floor 1e-6 has no ulp form and is not part of the bound.
 *
 * Measured max error against MPFR, in ulps
 * (x86_64-avx512-bf16, 1049148 f32 points):
 *   prelu_f32_xnnpack_avx512f f32: value 8.386e+06 ulp at x = -0x1.aa8e82p-125 (no gradient)
 */
#include "../../include/actbench/kernel.h"
#include "../peers/xnnpack.h"

static const struct xnnpack_op op = {XNNPACK_PRELU, false};

static void prelu_f32_xnnpack_avx512f_forward(const float *x, float *y, size_t n, const struct actbench_params *p)
{
    xnnpack_forward(&op, x, y, n, p);
}

const struct actbench_kernel prelu_f32_xnnpack_avx512f = {
    .name = "prelu_f32_xnnpack_avx512f",
    .activation = "prelu",
    .type = ACTBENCH_F32,
    .isa = "avx512f",
    .unroll = 16,
    .forward.f32 = prelu_f32_xnnpack_avx512f_forward,
    .bounds[ACTBENCH_F32] = {.value_ulp = 16.8},
    .description = "XNNPACK prelu_nc_f32, its own dispatch; forward only",
};
