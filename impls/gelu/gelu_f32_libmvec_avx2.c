/*
 * gelu, composed from glibc's libmvec AVX2 functions (_ZGVdN8v_erff,
 * _ZGVdN8v_expf): 0.5*x*(1 + erf(x/sqrt(2))); derivative Phi(x) + x*phi(x)
 * with exp.  The formula and its special values: impls/peers/compose-f32.h.
 *
 * Measured max error against MPFR, in ulps
 * (x86_64-avx512-bf16, 1049148 f32 points):
 *   gelu_f32_libmvec_avx2 f32: value 1.678e+07 ulp at x = -0x1.84ea3ep+2,
 *     gradient 5.293e+05 ulp at x = -0x1.629ebep+2
 */
#include "../../include/actbench/kernel.h"
#include "../simd/f32-avx2.h"
#include "../peers/libmvec-avx2.h"
#include "../simd/f32-map.h"
#include "../peers/compose-f32.h"

static vf32 value(vf32 x, const struct actbench_params *p)
{
    (void)p;
    return peer_gelu(x, _ZGVdN8v_erff);
}

static vf32 derivative(vf32 x, vf32 y, const struct actbench_params *p)
{
    (void)y, (void)p;
    return peer_gelu_derivative(x, _ZGVdN8v_erff, _ZGVdN8v_expf);
}

static void gelu_f32_libmvec_avx2_forward(const float *x, float *y, size_t n, const struct actbench_params *p)
{
    vf32_map_forward(x, y, n, p, value);
}

static void gelu_f32_libmvec_avx2_gradient(const float *x, const float *y, const float *dy, float *dx,
    float *dparam, size_t n, const struct actbench_params *p)
{
    (void)dparam;
    vf32_map_gradient(x, y, dy, dx, n, p, derivative);
}

const struct actbench_kernel gelu_f32_libmvec_avx2 = {
    .name = "gelu_f32_libmvec_avx2",
    .activation = "gelu",
    .type = ACTBENCH_F32,
    .isa = "avx2",
    .unroll = 8,
    .forward.f32 = gelu_f32_libmvec_avx2_forward,
    .gradient.f32 = gelu_f32_libmvec_avx2_gradient,
    .bounds[ACTBENCH_F32] = {.value_ulp = 4.5, .gradient_ulp = 7.5},
    .description = "libmvec avx2: 0.5*x*(1 + erf(x/sqrt(2))); derivative Phi + x*phi with exp",
};
