/*
 * selu, table method, fast tier, scalar (no ISA extension; fmaf is a libm call), 1 lane.
 *
 * Algorithm (impls/math/elu.h over impls/math/expm1.h and exp_table.h):
 * selu(x) = lambda*x for x >= 0 and la*expm1(x) below, la = lambda*alpha
 * (lambda = 1.0507..., alpha = 1.6733..., the catalog's real constants);
 * elu's core with a fixed scale. lambda*x = fma(x, lambda - 1, x) (one
 * rounding, lambda - 1 a float within 2^-29.6 of lambda relative; no
 * underflow of a partial product, selu(-0) = -0). expm1 as
 * elu_f32_table_fast_* computes it (8-entry register table, one-FMA
 * reduction, q of degree 2, the table's rounding taken into p); selu =
 * fma(la, hi - 1, (la*hi)*p) with la rounded to float. Lanes below -16 are
 * special: recomputed in double (la*(e^x - 1) rounded once); NaN and -inf go
 * the same way.
 *
 * Derivative: la*e^x with e^x from exp_table_fast (lambda for x > 0); lanes
 * below -80 in double (no gradient death).
 *
 * Coefficients: impls/math/sollya/expm1.sollya and exp_table.sollya, written
 * by scripts/fit-coefficients into impls/math/coefficients.h and exp_data.c.
 *
 * Why table for the fast tier: a degree-2 q for two register lookups. ML
 * use: inference.
 *
 * Speed: 26.2 cycles/element (libm formula 15); no vector peer runs on the
 * scalar ISA, so the tier's speed ratio does not apply: this kernel is the
 * portable reference of the method (bit-identical to the SIMD kernels), and
 * its fmaf calls make it slow. (`build/actbench -A selu --speed-only --modes
 * throughput,gradient_throughput --budget 0.2`: L1-resident, median over
 * three runs of the median core cycles per element, AMD EPYC Zen 5; the
 * machine was shared and loaded, so compare within one run.)
 *
 * Tier: fast. Declared bounds, f32: value 1.64 ulp, gradient 4.9 ulp, just
 * above the largest figures actbench measured on this machine: value 1.633,
 * gradient 4.891 ulp at 16M points (seed 7, the AVX-512F kernel); value
 * 1.626 ulp (also on [-10, 10]), gradient 4.235 ulp (1.908 ulp on [-10, 10])
 * at 1M points (seed 1; the scalar, AVX2 and AVX-512F kernels give the same
 * figures). No exhaustive check over all of f32 has been run, so a denser
 * sample may find more. Monotone, saturation and special values as measured
 * by actbench (no property failure). Loops: impls/math/elementwise.h (four
 * vectors per main-loop iteration, then single vectors, then a masked tail
 * that touches nothing past n; in place safe).
 *
 * Measured max error against MPFR, in ulps
 * (x86_64-avx512-bf16, 1049148 f32 points):
 *   selu_f32_table_fast_scalar f32: value 1.626 ulp at x = -0x1.983d16p-1,
 *     gradient 4.235 ulp at x = -0x1.25819ep+6
 */
#include "../../include/actbench/kernel.h"
#include "../simd/f32-scalar.h"
#include "../simd/f64w-scalar.h"
#include "../math/elementwise.h"
#include "../math/elu.h"

static vf32 value(vf32 x, const void *context, vmask32 *special)
{
    return selu_table_fast_value(x, *(const struct exp_table_tables *)context, special);
}

static vf32 derivative(vf32 x, const void *context, vmask32 *special)
{
    return selu_table_fast_derivative(x, *(const struct exp_table_tables *)context, special);
}

void selu_f32_table_fast_scalar_forward(const float *x, float *y, size_t n, const struct actbench_params *p);
void selu_f32_table_fast_scalar_gradient(const float *x, const float *y, const float *dy, float *dx, float *dparam,
                                         size_t n, const struct actbench_params *p);

void selu_f32_table_fast_scalar_forward(const float *x, float *y, size_t n, const struct actbench_params *p)
{
    (void)p;
    const struct exp_table_tables tables = exp_table_load();
    elementwise_forward(x, y, n, value, selu_special_case, &tables);
}

void selu_f32_table_fast_scalar_gradient(const float *x, const float *y, const float *dy, float *dx, float *dparam,
                                         size_t n, const struct actbench_params *p)
{
    (void)y, (void)dparam, (void)p;
    const struct exp_table_tables tables = exp_table_load();
    elementwise_gradient(x, dy, dx, n, derivative, selu_derivative_special_case, &tables);
}

const struct actbench_kernel selu_f32_table_fast_scalar = {
    .name = "selu_f32_table_fast_scalar",
    .activation = "selu",
    .type = ACTBENCH_F32,
    .isa = "scalar",
    .unroll = ELEMENTWISE_UNROLL * VF32_LANES,
    .forward.f32 = selu_f32_table_fast_scalar_forward,
    .gradient.f32 = selu_f32_table_fast_scalar_gradient,
    /* raised from 1.64 / 4.9 (1M-point maxima) to just above the maxima over
     * all 2^32 f32 inputs (actbench --exhaustive, the AVX-512F kernel): value
     * 1.6394 ulp at x = -0x1.a527dp-1, gradient 5.1517 ulp at x = -0x1.3e6498p+6 */
    .bounds[ACTBENCH_F32] = {.value_ulp = 1.64, .gradient_ulp = 5.16},
    .description = "lambda*alpha*expm1(x) from the 2^(j/8) table + degree-4 poly; derivative lambda*alpha*e^x",
};
