/*
 * selu, composed from Highway's hn::Expm1, hn::Exp
 * (actbench_highway_expm1f_avx512f, actbench_highway_expf_avx512f), AVX-512;
 * the formula and its special values: impls/peers/compose-f32.h.  The
 * library functions are C++ compiled with the avx512f flags
 * (impls/peers/highway-avx512f.cc), one call per vector.
 *
 * Measured max error against MPFR, in ulps
 * (x86_64-avx512-bf16, 1049148 f32 points):
 *   selu_f32_highway_avx512f f32: value 1.977 ulp at x = -0x1.6ed0bp-1,
 *     gradient 1.779 ulp at x = -0x1.529656p+1
 */
#include "../../include/actbench/kernel.h"
#include "../simd/f32-avx512f.h"
#include "../peers/highway-avx512f.h"
#include "../simd/f32-map.h"
#include "../peers/compose-f32.h"

static vf32 value(vf32 x, const struct actbench_params *p)
{
    (void)p;
    return peer_selu(x, actbench_highway_expm1f_avx512f);
}

static vf32 derivative(vf32 x, vf32 y, const struct actbench_params *p)
{
    (void)y, (void)p;
    return peer_selu_derivative(x, actbench_highway_expf_avx512f);
}

static void selu_f32_highway_avx512f_forward(const float *x, float *y, size_t n, const struct actbench_params *p)
{
    vf32_map_forward(x, y, n, p, value);
}

static void selu_f32_highway_avx512f_gradient(const float *x, const float *y, const float *dy, float *dx,
    float *dparam, size_t n, const struct actbench_params *p)
{
    (void)dparam;
    vf32_map_gradient(x, y, dy, dx, n, p, derivative);
}

const struct actbench_kernel selu_f32_highway_avx512f = {
    .name = "selu_f32_highway_avx512f",
    .activation = "selu",
    .type = ACTBENCH_F32,
    .isa = "avx512f",
    .unroll = 16,
    .forward.f32 = selu_f32_highway_avx512f_forward,
    .gradient.f32 = selu_f32_highway_avx512f_gradient,
    .bounds[ACTBENCH_F32] = {.value_ulp = 5.0, .gradient_ulp = 2.0},
    .description = "Highway avx512f: x > 0 ? lambda*x : (lambda*alpha)*expm1(x)",
};
