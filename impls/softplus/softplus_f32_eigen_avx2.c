/*
 * softplus, composed from Eigen's Array exp, Array log1p
 * (actbench_eigen_expf_avx2, actbench_eigen_log1pf_avx2), AVX2; the formula
 * and its special values: impls/peers/compose-f32.h.  The library functions
 * are C++ compiled with the avx2 flags (impls/peers/eigen-avx2.cc), one call
 * per vector.
 *
 * Measured max error against MPFR, in ulps
 * (x86_64-avx512-bf16, 1049148 f32 points):
 *   softplus_f32_eigen_avx2 f32: value 2.097e+06 ulp at x = -inf,
 *     gradient 2.097e+06 ulp at x = -0x1.62e43p+6
 */
#include "../../include/actbench/kernel.h"
#include "../simd/f32-avx2.h"
#include "../peers/eigen-avx2.h"
#include "../simd/f32-map.h"
#include "../peers/compose-f32.h"

static vf32 value(vf32 x, const struct actbench_params *p)
{
    (void)p;
    return peer_softplus(x, actbench_eigen_expf_avx2, actbench_eigen_log1pf_avx2);
}

static vf32 derivative(vf32 x, vf32 y, const struct actbench_params *p)
{
    (void)y, (void)p;
    return peer_logistic(x, actbench_eigen_expf_avx2);
}

static void softplus_f32_eigen_avx2_forward(const float *x, float *y, size_t n, const struct actbench_params *p)
{
    vf32_map_forward(x, y, n, p, value);
}

static void softplus_f32_eigen_avx2_gradient(const float *x, const float *y, const float *dy, float *dx,
    float *dparam, size_t n, const struct actbench_params *p)
{
    (void)dparam;
    vf32_map_gradient(x, y, dy, dx, n, p, derivative);
}

const struct actbench_kernel softplus_f32_eigen_avx2 = {
    .name = "softplus_f32_eigen_avx2",
    .activation = "softplus",
    .type = ACTBENCH_F32,
    .isa = "avx2",
    .unroll = 8,
    .forward.f32 = softplus_f32_eigen_avx2_forward,
    .gradient.f32 = softplus_f32_eigen_avx2_gradient,
    .bounds[ACTBENCH_F32] = {.value_ulp = 1.0, .gradient_ulp = 1.5},
    .description = "Eigen avx2: log1p(exp(x)), x above 20; derivative 1/(1 + exp(-x))",
};
