/*
 * relu, XNNPACK (Debian's 2022-02-16 snapshot): its clamp_nc_f16 on [0, +inf]
 * operator (xnn_create_clamp_nc_f16 with output_min 0, output_max +inf), natively on f16 data, forward only
 * (XNNPACK has no backward), one thread (a NULL thread pool).  XNNPACK
 * picks its microkernels itself (cpuinfo) and cannot be capped at an ISA;
 * on x86 its f16 operators run F16C/AVX2 or AVX-512 microkernels, whatever
 * it takes on this machine, so the row is avx512f like the f32 ones.  The
 * operator is created on a thread's first call and set up again only when
 * n or the arrays change (impls/peers/xnnpack.c).  Where XNNPACK cannot
 * create it (no f16 support for the CPU: xnn_status_unsupported_hardware)
 * the row is skipped_unsupported with that answer.
 *
 * Declared bound: XNNPACK's own test tolerance for this operator:
 * its clamp operator test (clamp-operator-tester.h TestF16) asserts
 * equality with max(x, 0): exact, 0 ulp.
 *
 * Measured max error against MPFR, in ulps
 * (x86_64-avx512-bf16, all 65536 f16 inputs):
 *   relu_f16_xnnpack_avx512f f16: value 0 ulp at x = 0x0p+0 (no gradient)
 */
#include "../../include/actbench/kernel.h"
#include "../peers/xnnpack.h"

void relu_f16_xnnpack_avx512f_forward(const uint16_t *x, uint16_t *y, size_t n, const struct actbench_params *p);

static const struct xnnpack_op op = {XNNPACK_RELU, true};

void relu_f16_xnnpack_avx512f_forward(const uint16_t *x, uint16_t *y, size_t n, const struct actbench_params *p)
{
    xnnpack_forward_u16(&op, x, y, n, p);
}

const struct actbench_kernel relu_f16_xnnpack_avx512f = {
    .name = "relu_f16_xnnpack_avx512f",
    .activation = "relu",
    .type = ACTBENCH_F16,
    .isa = "avx512f",
    .unroll = 32,
    .forward.u16 = relu_f16_xnnpack_avx512f_forward,
    .bounds[ACTBENCH_F16] = {.value_ulp = 0.0},
    .description = "XNNPACK clamp_nc_f16 on [0, +inf], its own dispatch; forward only",
};
