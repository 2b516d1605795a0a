/*
 * softplus, composed from glibc's libmvec AVX2 functions (_ZGVdN8v_expf,
 * _ZGVdN8v_log1pf): x > 20 ? x : log1p(exp(x)); derivative 1/(1 + exp(-x)).
 * The formula and its special values: impls/peers/compose-f32.h.
 *
 * Measured max error against MPFR, in ulps
 * (x86_64-avx512-bf16, 1049148 f32 points):
 *   softplus_f32_libmvec_avx2 f32: value 3.12 ulp at x = -0x1.189b7cp+0,
 *     gradient 2.097e+06 ulp at x = -0x1.62e43p+6
 */
#include "../../include/actbench/kernel.h"
#include "../simd/f32-avx2.h"
#include "../peers/libmvec-avx2.h"
#include "../simd/f32-map.h"
#include "../peers/compose-f32.h"

static vf32 value(vf32 x, const struct actbench_params *p)
{
    (void)p;
    return peer_softplus(x, _ZGVdN8v_expf, _ZGVdN8v_log1pf);
}

static vf32 derivative(vf32 x, vf32 y, const struct actbench_params *p)
{
    (void)y, (void)p;
    return peer_logistic(x, _ZGVdN8v_expf);
}

static void softplus_f32_libmvec_avx2_forward(const float *x, float *y, size_t n, const struct actbench_params *p)
{
    vf32_map_forward(x, y, n, p, value);
}

static void softplus_f32_libmvec_avx2_gradient(const float *x, const float *y, const float *dy, float *dx,
    float *dparam, size_t n, const struct actbench_params *p)
{
    (void)dparam;
    vf32_map_gradient(x, y, dy, dx, n, p, derivative);
}

const struct actbench_kernel softplus_f32_libmvec_avx2 = {
    .name = "softplus_f32_libmvec_avx2",
    .activation = "softplus",
    .type = ACTBENCH_F32,
    .isa = "avx2",
    .unroll = 8,
    .forward.f32 = softplus_f32_libmvec_avx2_forward,
    .gradient.f32 = softplus_f32_libmvec_avx2_gradient,
    .bounds[ACTBENCH_F32] = {.value_ulp = 4.0, .gradient_ulp = 2.5},
    .description = "libmvec avx2: log1p(exp(x)), x above 20; derivative 1/(1 + exp(-x))",
};
