/*
 * mish, composed from glibc's libmvec AVX-512 functions (_ZGVeN16v_expf,
 * _ZGVeN16v_log1pf, _ZGVeN16v_tanhf): x*tanh(log1p(exp(x))); derivative t +
 * x*(1 - t*t)*sigmoid(x).  The formula and its special values:
 * impls/peers/compose-f32.h.
 *
 * Measured max error against MPFR, in ulps
 * (x86_64-avx512-bf16, 1049148 f32 points):
 *   mish_f32_libmvec_avx512f f32: value 52.01 ulp at x = -0x1.9fe368p+6,
 *     gradient 1.084e+09 ulp at x = -0x1.31432cp+0
 */
#include "../../include/actbench/kernel.h"
#include "../simd/f32-avx512f.h"
#include "../peers/libmvec-avx512f.h"
#include "../simd/f32-map.h"
#include "../peers/compose-f32.h"

static vf32 value(vf32 x, const struct actbench_params *p)
{
    (void)p;
    return peer_mish(x, _ZGVeN16v_expf, _ZGVeN16v_log1pf, _ZGVeN16v_tanhf);
}

static vf32 derivative(vf32 x, vf32 y, const struct actbench_params *p)
{
    (void)y, (void)p;
    return peer_mish_derivative(x, _ZGVeN16v_expf, _ZGVeN16v_log1pf, _ZGVeN16v_tanhf);
}

static void mish_f32_libmvec_avx512f_forward(const float *x, float *y, size_t n, const struct actbench_params *p)
{
    vf32_map_forward(x, y, n, p, value);
}

static void mish_f32_libmvec_avx512f_gradient(const float *x, const float *y, const float *dy, float *dx,
    float *dparam, size_t n, const struct actbench_params *p)
{
    (void)dparam;
    vf32_map_gradient(x, y, dy, dx, n, p, derivative);
}

const struct actbench_kernel mish_f32_libmvec_avx512f = {
    .name = "mish_f32_libmvec_avx512f",
    .activation = "mish",
    .type = ACTBENCH_F32,
    .isa = "avx512f",
    .unroll = 16,
    .forward.f32 = mish_f32_libmvec_avx512f_forward,
    .gradient.f32 = mish_f32_libmvec_avx512f_gradient,
    .bounds[ACTBENCH_F32] = {.value_ulp = 6.0, .gradient_ulp = 9.5},
    .description = "libmvec avx512f: x*tanh(log1p(exp(x)))",
};
