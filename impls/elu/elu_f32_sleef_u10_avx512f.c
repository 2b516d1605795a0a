/*
 * elu, composed from SLEEF 3.5's 1.0-ulp (u10) AVX-512 functions
 * (Sleef_expm1f16_u10avx512f, Sleef_expf16_u10avx512f): x > 0 ? x :
 * a*expm1(x); derivative x > 0 ? 1 : a*exp(x).  The formula and its special
 * values: impls/peers/compose-f32.h.
 *
 * Measured max error against MPFR, in ulps
 * (x86_64-avx512-bf16, 1049148 f32 points):
 *   elu_f32_sleef_u10_avx512f f32: value 0.9842 ulp at x = -0x1.0a6c7ep+4,
 *     gradient 0.9516 ulp at x = -0x1.77145ap+2
 */
#include "../../include/actbench/kernel.h"
#include "../simd/f32-avx512f.h"
#include <sleef.h>
#include "../simd/f32-map.h"
#include "../peers/compose-f32.h"

static vf32 value(vf32 x, const struct actbench_params *p)
{
    return peer_elu(x, p->alpha, Sleef_expm1f16_u10avx512f);
}

static vf32 derivative(vf32 x, vf32 y, const struct actbench_params *p)
{
    (void)y;
    return peer_elu_derivative(x, p->alpha, Sleef_expf16_u10avx512f);
}

static void elu_f32_sleef_u10_avx512f_forward(const float *x, float *y, size_t n, const struct actbench_params *p)
{
    vf32_map_forward(x, y, n, p, value);
}

static void elu_f32_sleef_u10_avx512f_gradient(const float *x, const float *y, const float *dy, float *dx,
    float *dparam, size_t n, const struct actbench_params *p)
{
    (void)dparam;
    vf32_map_gradient(x, y, dy, dx, n, p, derivative);
}

const struct actbench_kernel elu_f32_sleef_u10_avx512f = {
    .name = "elu_f32_sleef_u10_avx512f",
    .activation = "elu",
    .type = ACTBENCH_F32,
    .isa = "avx512f",
    .unroll = 16,
    .forward.f32 = elu_f32_sleef_u10_avx512f_forward,
    .gradient.f32 = elu_f32_sleef_u10_avx512f_gradient,
    .bounds[ACTBENCH_F32] = {.value_ulp = 1.5, .gradient_ulp = 1.5},
    .description = "SLEEF u10 avx512f: x > 0 ? x : a*expm1(x); derivative a*exp(x)",
};
