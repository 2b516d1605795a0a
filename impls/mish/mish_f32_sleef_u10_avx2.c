/*
 * mish, composed from SLEEF 3.5's 1.0-ulp (u10) AVX2 functions
 * (Sleef_expf8_u10avx2, Sleef_log1pf8_u10avx2, Sleef_tanhf8_u10avx2):
 * x*tanh(log1p(exp(x))); derivative t + x*(1 - t*t)*sigmoid(x).  The formula
 * and its special values: impls/peers/compose-f32.h.
 *
 * Measured max error against MPFR, in ulps
 * (x86_64-avx512-bf16, 1049148 f32 points):
 *   mish_f32_sleef_u10_avx2 f32: value 146.6 ulp at x = -0x1.8ac13ep+6,
 *     gradient 2.519e+08 ulp at x = -0x1.31432cp+0
 */
#include "../../include/actbench/kernel.h"
#include "../simd/f32-avx2.h"
#include <sleef.h>
#include "../simd/f32-map.h"
#include "../peers/compose-f32.h"

static vf32 value(vf32 x, const struct actbench_params *p)
{
    (void)p;
    return peer_mish(x, Sleef_expf8_u10avx2, Sleef_log1pf8_u10avx2, Sleef_tanhf8_u10avx2);
}

static vf32 derivative(vf32 x, vf32 y, const struct actbench_params *p)
{
    (void)y, (void)p;
    return peer_mish_derivative(x, Sleef_expf8_u10avx2, Sleef_log1pf8_u10avx2, Sleef_tanhf8_u10avx2);
}

static void mish_f32_sleef_u10_avx2_forward(const float *x, float *y, size_t n, const struct actbench_params *p)
{
    vf32_map_forward(x, y, n, p, value);
}

static void mish_f32_sleef_u10_avx2_gradient(const float *x, const float *y, const float *dy, float *dx,
    float *dparam, size_t n, const struct actbench_params *p)
{
    (void)dparam;
    vf32_map_gradient(x, y, dy, dx, n, p, derivative);
}

const struct actbench_kernel mish_f32_sleef_u10_avx2 = {
    .name = "mish_f32_sleef_u10_avx2",
    .activation = "mish",
    .type = ACTBENCH_F32,
    .isa = "avx2",
    .unroll = 8,
    .forward.f32 = mish_f32_sleef_u10_avx2_forward,
    .gradient.f32 = mish_f32_sleef_u10_avx2_gradient,
    .bounds[ACTBENCH_F32] = {.value_ulp = 3.5001, .gradient_ulp = 6.5001},
    .description = "SLEEF u10 avx2: x*tanh(log1p(exp(x)))",
};
