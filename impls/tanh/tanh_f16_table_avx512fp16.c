/*
 * tanh on f16 encodings, correctly rounded, table method, AVX-512 with
 * FP16, 16 lanes.
 *
 * The algorithm, the loops and every arithmetic step of
 * tanh_f16_table_avx512f (see its head comment: the float step, the
 * rounding test, the recomputed lanes rounded to odd and then once to
 * f16, the derivative), built over impls/simd/f16-avx512fp16.h, whose
 * conversions are AVX512-FP16's vcvtph2psx and vcvtps2phx with the same
 * results as vcvtph2ps and vcvtps2ph (checked bit for bit by
 * tests/test_h16_layer.c where the CPU has FP16).  The FP16 arithmetic is
 * not used: a correctly rounded result needs more than 11 bits before its
 * one rounding.
 *
 * Not measured: the machines this was built on lack AVX512-FP16, so
 * actbench reports it as skipped there, with no figures.  Declared
 * bounds, f16: those of tanh_f16_table_avx512f, measured on all 65536
 * encodings (value 0.5 ulp, correctly rounded; gradient 0.501 ulp): the
 * same algorithm over a layer that gives the same bits, so the same
 * results; tests/test_h16_rounding.c and test_bounds check it wherever it
 * runs.
 *
 * Tier: accurate (16-bit: correctly rounded).
 */
#include "../../include/actbench/kernel.h"
#include "../simd/f32-avx512f.h"
#include "../simd/f64w-avx512f.h"
#include "../simd/f16-avx512fp16.h"
#include "../math/elementwise16.h"
#include "../math/tanh16.h"

void tanh_f16_table_avx512fp16_forward(const uint16_t *x, uint16_t *y, size_t n, const struct actbench_params *p);
void tanh_f16_table_avx512fp16_gradient(const uint16_t *x, const uint16_t *y, const uint16_t *dy, uint16_t *dx, uint16_t *dparam,
        size_t n, const struct actbench_params *p);

void tanh_f16_table_avx512fp16_forward(const uint16_t *x, uint16_t *y, size_t n, const struct actbench_params *p)
{
    (void)p;
    const struct tanh_table_registers tables = tanh_table_fast_load();
    elementwise16_forward(x, y, n, tanh16_value, TANH16_ERROR_FLOATS, tanh16_special_case, &tables);
}

void tanh_f16_table_avx512fp16_gradient(const uint16_t *x, const uint16_t *y, const uint16_t *dy, uint16_t *dx, uint16_t *dparam,
        size_t n, const struct actbench_params *p)
{
    (void)y, (void)dparam, (void)p;
    const struct exp_table_tables tables = exp_table_load();
    elementwise16_gradient(x, dy, dx, n, tanh16_derivative, tanh_derivative_special_case, &tables);
}

const struct actbench_kernel tanh_f16_table_avx512fp16 = {
    .name = "tanh_f16_table_avx512fp16",
    .activation = "tanh",
    .type = ACTBENCH_F16,
    .isa = "avx512fp16",
    .unroll = ELEMENTWISE16_UNROLL * VF32_LANES,
    .forward.u16 = tanh_f16_table_avx512fp16_forward,
    .gradient.u16 = tanh_f16_table_avx512fp16_gradient,
    .bounds[ACTBENCH_F16] = {.value_ulp = 0.5, .gradient_ulp = 0.501},
    .description = "tanh correctly rounded: piecewise polynomials of degree 6 in float, a rounding test on the narrowing, double tanh for the lanes it flags; derivative 4E/(1 + E)^2",
};
