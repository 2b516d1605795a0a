/*
 * prelu, XNNPACK (Debian's 2022-02-16 snapshot): its prelu_nc_f16 operator
 * (xnn_create_prelu_nc_f16), one channel per catalog channel, natively on
 * f16 data, forward only (XNNPACK has no backward), one thread (a NULL
 * thread pool).  The catalog's f32 slopes a_c (0.25, 0.1, 0.01, 0.3) are
 * handed over with XNN_FLAG_FP32_STATIC_WEIGHTS: XNNPACK rounds them to f16
 * (to nearest) once, as it packs them at creation, and runs with those f16
 * slopes; 0.25 is exact, 0.1, 0.01 and 0.3 become 0x1.998p-4, 0x1.47cp-7
 * and 0x1.334p-2 (relative errors -2.4e-4, +2.1e-4, +1.6e-4 against
 * actbench's reference, which uses the f32 slopes).  XNNPACK picks its
 * microkernels itself (cpuinfo) and cannot be capped at an ISA; on x86 its
 * f16 prelu is an F16C microkernel (widen, multiply in f32, round to f16),
 * whatever it takes on this machine, so the row is avx512f like the other
 * xnnpack rows.  The operator is created on a thread's first call and set
 * up again only when n or the arrays change; the last n mod 4 elements go
 * through a second operator on one row of scratch
 * (impls/peers/xnnpack.c).  Where XNNPACK cannot create it (no f16
 * support for the CPU: xnn_status_unsupported_hardware) the row is
 * skipped_unsupported with that answer.
 *
 * Declared bound: XNNPACK's own test tolerance for this operator: its
 * PReLU operator test (test/prelu-operator-tester.h TestF16, lines
 * 170-173 at ae108ef) allows max(1e-4, 1e-4 |y_ref|), y_ref computed in
 * f32 from the f16 input and the f16 slope: relative 1e-4 of the result,
 * < 1e-4 * 2^11 = 0.205 ulp of f16.  Its absolute floor 1e-4 is wider
 * than that wherever |y| < 1 (the test draws x from [-1, 1]), and one
 * rounding to f16 already costs up to 0.5 ulp: a correctly rounded
 * product can exceed the relative part, and the f16 slopes add up to
 * 2.4e-4 * 2^11 = 0.5 ulp more against actbench's reference; excesses
 * are findings.
 *
 * Measured max error against MPFR, in ulps
 * (x86_64-avx512-bf16, all 65536 f16 inputs):
 *   prelu_f16_xnnpack_avx512f f16: value 0.92 ulp at x = -0x1.8c8p-7 (no gradient)
 */
#include "../../include/actbench/kernel.h"
#include "../peers/xnnpack.h"

void prelu_f16_xnnpack_avx512f_forward(const uint16_t *x, uint16_t *y, size_t n, const struct actbench_params *p);

static const struct xnnpack_op op = {XNNPACK_PRELU, true};

void prelu_f16_xnnpack_avx512f_forward(const uint16_t *x, uint16_t *y, size_t n, const struct actbench_params *p)
{
    xnnpack_forward_u16(&op, x, y, n, p);
}

const struct actbench_kernel prelu_f16_xnnpack_avx512f = {
    .name = "prelu_f16_xnnpack_avx512f",
    .activation = "prelu",
    .type = ACTBENCH_F16,
    .isa = "avx512f",
    .unroll = 16,
    .forward.u16 = prelu_f16_xnnpack_avx512f_forward,
    .bounds[ACTBENCH_F16] = {.value_ulp = 0.205},
    .description = "XNNPACK prelu_nc_f16 (slopes rounded to f16), its own dispatch; forward only",
};
