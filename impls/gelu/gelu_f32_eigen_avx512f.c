/*
 * gelu, composed from Eigen's Array erf and exp (x.erf(), x.exp():
 * actbench_eigen_erff_avx512f, actbench_eigen_expf_avx512f), AVX-512; the
 * formula and its special values: impls/peers/compose-f32.h.  The library
 * functions are C++ compiled with the avx512f flags (impls/peers/eigen-
 * avx512f.cc), one call per vector.
 *
 * Measured max error against MPFR, in ulps
 * (x86_64-avx512-bf16, 1049148 f32 points):
 *   gelu_f32_eigen_avx512f f32: value 2.972e+08 ulp at x = -0x1.69524ep+2,
 *     gradient 1.452e+07 ulp at x = -0x1.a99d92p+3
 */
#include "../../include/actbench/kernel.h"
#include "../simd/f32-avx512f.h"
#include "../peers/eigen-avx512f.h"
#include "../simd/f32-map.h"
#include "../peers/compose-f32.h"

static vf32 value(vf32 x, const struct actbench_params *p)
{
    (void)p;
    return peer_gelu(x, actbench_eigen_erff_avx512f);
}

static vf32 derivative(vf32 x, vf32 y, const struct actbench_params *p)
{
    (void)y, (void)p;
    return peer_gelu_derivative(x, actbench_eigen_erff_avx512f, actbench_eigen_expf_avx512f);
}

static void gelu_f32_eigen_avx512f_forward(const float *x, float *y, size_t n, const struct actbench_params *p)
{
    vf32_map_forward(x, y, n, p, value);
}

static void gelu_f32_eigen_avx512f_gradient(const float *x, const float *y, const float *dy, float *dx,
    float *dparam, size_t n, const struct actbench_params *p)
{
    (void)dparam;
    vf32_map_gradient(x, y, dy, dx, n, p, derivative);
}

const struct actbench_kernel gelu_f32_eigen_avx512f = {
    .name = "gelu_f32_eigen_avx512f",
    .activation = "gelu",
    .type = ACTBENCH_F32,
    .isa = "avx512f",
    .unroll = 16,
    .forward.f32 = gelu_f32_eigen_avx512f_forward,
    .gradient.f32 = gelu_f32_eigen_avx512f_gradient,
    .bounds[ACTBENCH_F32] = {.value_ulp = 4.0, .gradient_ulp = 6.0},
    .description = "Eigen avx512f: 0.5*x*(1 + erf(x/sqrt(2))); derivative Phi + x*phi with exp",
};
