/*
 * elu, composed from glibc's libmvec AVX-512 functions (_ZGVeN16v_expm1f,
 * _ZGVeN16v_expf): x > 0 ? x : a*expm1(x); derivative x > 0 ? 1 : a*exp(x).
 * The formula and its special values: impls/peers/compose-f32.h.
 *
 * Measured max error against MPFR, in ulps
 * (x86_64-avx512-bf16, 1049148 f32 points):
 *   elu_f32_libmvec_avx512f f32: value 2.217 ulp at x = -0x1.774892p-7,
 *     gradient 2.545 ulp at x = -0x1.a56c86p+2
 */
#include "../../include/actbench/kernel.h"
#include "../simd/f32-avx512f.h"
#include "../peers/libmvec-avx512f.h"
#include "../simd/f32-map.h"
#include "../peers/compose-f32.h"

static vf32 value(vf32 x, const struct actbench_params *p)
{
    return peer_elu(x, p->alpha, _ZGVeN16v_expm1f);
}

static vf32 derivative(vf32 x, vf32 y, const struct actbench_params *p)
{
    (void)y;
    return peer_elu_derivative(x, p->alpha, _ZGVeN16v_expf);
}

static void elu_f32_libmvec_avx512f_forward(const float *x, float *y, size_t n, const struct actbench_params *p)
{
    vf32_map_forward(x, y, n, p, value);
}

static void elu_f32_libmvec_avx512f_gradient(const float *x, const float *y, const float *dy, float *dx,
    float *dparam, size_t n, const struct actbench_params *p)
{
    (void)dparam;
    vf32_map_gradient(x, y, dy, dx, n, p, derivative);
}

const struct actbench_kernel elu_f32_libmvec_avx512f = {
    .name = "elu_f32_libmvec_avx512f",
    .activation = "elu",
    .type = ACTBENCH_F32,
    .isa = "avx512f",
    .unroll = 16,
    .forward.f32 = elu_f32_libmvec_avx512f_forward,
    .gradient.f32 = elu_f32_libmvec_avx512f_gradient,
    .bounds[ACTBENCH_F32] = {.value_ulp = 2.0, .gradient_ulp = 2.0},
    .description = "libmvec avx512f: x > 0 ? x : a*expm1(x); derivative a*exp(x)",
};
