/*
 * gelu_tanh, composed from SLEEF 3.5's 1.0-ulp (u10) AVX2 functions
 * (Sleef_tanhf8_u10avx2): 0.5*x*(1 + tanh(sqrt(2/pi)*(x + 0.044715*x^3)));
 * derivative from the same tanh.  The formula and its special values:
 * impls/peers/compose-f32.h.
 *
 * Measured max error against MPFR, in ulps
 * (x86_64-avx512-bf16, 1049148 f32 points):
 *   gelu_tanh_f32_sleef_u10_avx2 f32: value 1.678e+07 ulp at x = -0x1.5278c8p+2,
 *     gradient 1.678e+07 ulp at x = -0x1.d5a694p+2
 */
#include "../../include/actbench/kernel.h"
#include "../simd/f32-avx2.h"
#include <sleef.h>
#include "../simd/f32-map.h"
#include "../peers/compose-f32.h"

static vf32 value(vf32 x, const struct actbench_params *p)
{
    (void)p;
    return peer_gelu_tanh(x, Sleef_tanhf8_u10avx2);
}

static vf32 derivative(vf32 x, vf32 y, const struct actbench_params *p)
{
    (void)y, (void)p;
    return peer_gelu_tanh_derivative(x, Sleef_tanhf8_u10avx2);
}

static void gelu_tanh_f32_sleef_u10_avx2_forward(const float *x, float *y, size_t n, const struct actbench_params *p)
{
    vf32_map_forward(x, y, n, p, value);
}

static void gelu_tanh_f32_sleef_u10_avx2_gradient(const float *x, const float *y, const float *dy, float *dx,
    float *dparam, size_t n, const struct actbench_params *p)
{
    (void)dparam;
    vf32_map_gradient(x, y, dy, dx, n, p, derivative);
}

const struct actbench_kernel gelu_tanh_f32_sleef_u10_avx2 = {
    .name = "gelu_tanh_f32_sleef_u10_avx2",
    .activation = "gelu_tanh",
    .type = ACTBENCH_F32,
    .isa = "avx2",
    .unroll = 8,
    .forward.f32 = gelu_tanh_f32_sleef_u10_avx2_forward,
    .gradient.f32 = gelu_tanh_f32_sleef_u10_avx2_gradient,
    .bounds[ACTBENCH_F32] = {.value_ulp = 5.0001, .gradient_ulp = 7.5001},
    .description = "SLEEF u10 avx2: 0.5*x*(1 + tanh(sqrt(2/pi)*(x + 0.044715*x^3)))",
};
