/*
 * leaky_relu, XNNPACK (Debian's 2022-02-16 snapshot): its leaky_relu_nc_f16
 * operator (xnn_create_leaky_relu_nc_f16, negative_slope = a), natively on f16 data, forward only
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
 * its leaky ReLU operator test (leaky-relu-operator-tester.h
 * TestF16) allows max(1e-4, 1e-3 |y_ref|), y_ref computed in f32 with the
 * slope rounded to f16: relative 1e-3 of the result, < 1e-3 * 2^11 =
 * 2.05 ulp of f16 (the slope's own rounding, 0.01 to 0x1.47cp-7, adds a
 * relative 2.1e-4 against actbench's reference, which uses a = 0.01f).
 *
 * Measured max error against MPFR, in ulps
 * (x86_64-avx512-bf16, all 65536 f16 inputs):
 *   leaky_relu_f16_xnnpack_avx512f f16: value 0.92 ulp at x = -0x1.8c8p-7 (no gradient)
 */
#include "../../include/actbench/kernel.h"
#include "../peers/xnnpack.h"

void leaky_relu_f16_xnnpack_avx512f_forward(const uint16_t *x, uint16_t *y, size_t n, const struct actbench_params *p);

static const struct xnnpack_op op = {XNNPACK_LEAKY_RELU, true};

void leaky_relu_f16_xnnpack_avx512f_forward(const uint16_t *x, uint16_t *y, size_t n, const struct actbench_params *p)
{
    xnnpack_forward_u16(&op, x, y, n, p);
}

const struct actbench_kernel leaky_relu_f16_xnnpack_avx512f = {
    .name = "leaky_relu_f16_xnnpack_avx512f",
    .activation = "leaky_relu",
    .type = ACTBENCH_F16,
    .isa = "avx512f",
    .unroll = 32,
    .forward.u16 = leaky_relu_f16_xnnpack_avx512f_forward,
    .bounds[ACTBENCH_F16] = {.value_ulp = 2.05},
    .description = "XNNPACK leaky_relu_nc_f16, its own dispatch; forward only",
};
