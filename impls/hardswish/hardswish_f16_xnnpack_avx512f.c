/*
 * hardswish, XNNPACK (Debian's 2022-02-16 snapshot): its hardswish_nc_f16
 * operator (xnn_create_hardswish_nc_f16), natively on f16 data, forward only
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
 * its hardswish operator test (hardswish-operator-tester.h TestF16,
 * inputs in [-4, 4]) allows max(1e-3, 1e-2 |y_ref|): relative 1e-2 of the
 * result, < 1e-2 * 2^11 = 20.5 ulp of f16 (where |y| < 0.1 the absolute
 * 1e-3 allows more).
 *
 * Measured max error against MPFR, in ulps
 * (x86_64-avx512-bf16, all 65536 f16 inputs):
 *   hardswish_f16_xnnpack_avx512f f16: value 2.188 ulp at x = 0x1.888p-1 (no gradient)
 */
#include "../../include/actbench/kernel.h"
#include "../peers/xnnpack.h"

void hardswish_f16_xnnpack_avx512f_forward(const uint16_t *x, uint16_t *y, size_t n, const struct actbench_params *p);

static const struct xnnpack_op op = {XNNPACK_HARDSWISH, true};

void hardswish_f16_xnnpack_avx512f_forward(const uint16_t *x, uint16_t *y, size_t n, const struct actbench_params *p)
{
    xnnpack_forward_u16(&op, x, y, n, p);
}

const struct actbench_kernel hardswish_f16_xnnpack_avx512f = {
    .name = "hardswish_f16_xnnpack_avx512f",
    .activation = "hardswish",
    .type = ACTBENCH_F16,
    .isa = "avx512f",
    .unroll = 32,
    .forward.u16 = hardswish_f16_xnnpack_avx512f_forward,
    .bounds[ACTBENCH_F16] = {.value_ulp = 20.5},
    .description = "XNNPACK hardswish_nc_f16, its own dispatch; forward only",
};
