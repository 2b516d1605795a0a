/*
 * mish, composed from Highway's hn::Exp, hn::Log1p, hn::Tanh
 * (actbench_highway_expf_avx2, actbench_highway_log1pf_avx2,
 * actbench_highway_tanhf_avx2), AVX2; the formula and its special values:
 * impls/peers/compose-f32.h.  The library functions are C++ compiled with
 * the avx2 flags (impls/peers/highway-avx2.cc), one call per vector.
 *
 * Measured max error against MPFR, in ulps
 * (x86_64-avx512-bf16, 1049148 f32 points):
 *   mish_f32_highway_avx2 f32: value 2.823e+07 ulp at x = 0x1.b107b8p+27,
 *     gradient 5.156e+54 ulp at x = -0x1.ccd45ap+28
 */
#include "../../include/actbench/kernel.h"
#include "../simd/f32-avx2.h"
#include "../peers/highway-avx2.h"
#include "../simd/f32-map.h"
#include "../peers/compose-f32.h"

static vf32 value(vf32 x, const struct actbench_params *p)
{
    (void)p;
    return peer_mish(x, actbench_highway_expf_avx2, actbench_highway_log1pf_avx2, actbench_highway_tanhf_avx2);
}

static vf32 derivative(vf32 x, vf32 y, const struct actbench_params *p)
{
    (void)y, (void)p;
    return peer_mish_derivative(x, actbench_highway_expf_avx2, actbench_highway_log1pf_avx2, actbench_highway_tanhf_avx2);
}

static void mish_f32_highway_avx2_forward(const float *x, float *y, size_t n, const struct actbench_params *p)
{
    vf32_map_forward(x, y, n, p, value);
}

static void mish_f32_highway_avx2_gradient(const float *x, const float *y, const float *dy, float *dx,
    float *dparam, size_t n, const struct actbench_params *p)
{
    (void)dparam;
    vf32_map_gradient(x, y, dy, dx, n, p, derivative);
}

const struct actbench_kernel mish_f32_highway_avx2 = {
    .name = "mish_f32_highway_avx2",
    .activation = "mish",
    .type = ACTBENCH_F32,
    .isa = "avx2",
    .unroll = 8,
    .forward.f32 = mish_f32_highway_avx2_forward,
    .gradient.f32 = mish_f32_highway_avx2_gradient,
    .bounds[ACTBENCH_F32] = {.value_ulp = 7.5, .gradient_ulp = 10.5},
    .description = "Highway avx2: x*tanh(log1p(exp(x)))",
};
