/*
 * elu, composed from SLEEF 3.5's 1.0-ulp (u10) AVX2 functions
 * (Sleef_expm1f8_u10avx2, Sleef_expf8_u10avx2): x > 0 ? x : a*expm1(x);
 * derivative x > 0 ? 1 : a*exp(x).  The formula and its special values:
 * impls/peers/compose-f32.h.
 *
 * Measured max error against MPFR, in ulps
 * (x86_64-avx512-bf16, 1049148 f32 points):
 *   elu_f32_sleef_u10_avx2 f32: value 0.9842 ulp at x = -0x1.0a6c7ep+4,
 *     gradient 0.9516 ulp at x = -0x1.77145ap+2
 */
#include "../../include/actbench/kernel.h"
#include "../simd/f32-avx2.h"
#include <sleef.h>
#include "../simd/f32-map.h"
#include "../peers/compose-f32.h"

static vf32 value(vf32 x, const struct actbench_params *p)
{
    return peer_elu(x, p->alpha, Sleef_expm1f8_u10avx2);
}

static vf32 derivative(vf32 x, vf32 y, const struct actbench_params *p)
{
    (void)y;
    return peer_elu_derivative(x, p->alpha, Sleef_expf8_u10avx2);
}

static void elu_f32_sleef_u10_avx2_forward(const float *x, float *y, size_t n, const struct actbench_params *p)
{
    vf32_map_forward(x, y, n, p, value);
}

static void elu_f32_sleef_u10_avx2_gradient(const float *x, const float *y, const float *dy, float *dx,
    float *dparam, size_t n, const struct actbench_params *p)
{
    (void)dparam;
    vf32_map_gradient(x, y, dy, dx, n, p, derivative);
}

const struct actbench_kernel elu_f32_sleef_u10_avx2 = {
    .name = "elu_f32_sleef_u10_avx2",
    .activation = "elu",
    .type = ACTBENCH_F32,
    .isa = "avx2",
    .unroll = 8,
    .forward.f32 = elu_f32_sleef_u10_avx2_forward,
    .gradient.f32 = elu_f32_sleef_u10_avx2_gradient,
    .bounds[ACTBENCH_F32] = {.value_ulp = 1.5, .gradient_ulp = 1.5},
    .description = "SLEEF u10 avx2: x > 0 ? x : a*expm1(x); derivative a*exp(x)",
};
