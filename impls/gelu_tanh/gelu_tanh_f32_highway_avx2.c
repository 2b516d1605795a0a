/*
 * gelu_tanh, composed from Highway's hn::Tanh (actbench_highway_tanhf_avx2),
 * AVX2; the formula and its special values: impls/peers/compose-f32.h.  The
 * library functions are C++ compiled with the avx2 flags
 * (impls/peers/highway-avx2.cc), one call per vector.
 *
 * Measured max error against MPFR, in ulps
 * (x86_64-avx512-bf16, 1049148 f32 points):
 *   gelu_tanh_f32_highway_avx2 f32: value 2.675e+07 ulp at x = -0x1.46835p+2,
 *     gradient 2.331e+07 ulp at x = -0x1.46835p+2
 */
#include "../../include/actbench/kernel.h"
#include "../simd/f32-avx2.h"
#include "../peers/highway-avx2.h"
#include "../simd/f32-map.h"
#include "../peers/compose-f32.h"

static vf32 value(vf32 x, const struct actbench_params *p)
{
    (void)p;
    return peer_gelu_tanh(x, actbench_highway_tanhf_avx2);
}

static vf32 derivative(vf32 x, vf32 y, const struct actbench_params *p)
{
    (void)y, (void)p;
    return peer_gelu_tanh_derivative(x, actbench_highway_tanhf_avx2);
}

static void gelu_tanh_f32_highway_avx2_forward(const float *x, float *y, size_t n, const struct actbench_params *p)
{
    vf32_map_forward(x, y, n, p, value);
}

static void gelu_tanh_f32_highway_avx2_gradient(const float *x, const float *y, const float *dy, float *dx,
    float *dparam, size_t n, const struct actbench_params *p)
{
    (void)dparam;
    vf32_map_gradient(x, y, dy, dx, n, p, derivative);
}

const struct actbench_kernel gelu_tanh_f32_highway_avx2 = {
    .name = "gelu_tanh_f32_highway_avx2",
    .activation = "gelu_tanh",
    .type = ACTBENCH_F32,
    .isa = "avx2",
    .unroll = 8,
    .forward.f32 = gelu_tanh_f32_highway_avx2_forward,
    .gradient.f32 = gelu_tanh_f32_highway_avx2_gradient,
    .bounds[ACTBENCH_F32] = {.value_ulp = 8.0, .gradient_ulp = 10.5},
    .description = "Highway avx2: 0.5*x*(1 + tanh(sqrt(2/pi)*(x + 0.044715*x^3)))",
};
