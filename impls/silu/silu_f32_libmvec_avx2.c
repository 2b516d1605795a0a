/*
 * silu, composed from glibc's libmvec AVX2 functions (_ZGVdN8v_expf): x/(1 +
 * exp(-x)); derivative s*(1 + x*(1 - s)), s = 1/(1 + exp(-x)).  The formula
 * and its special values: impls/peers/compose-f32.h.
 *
 * Measured max error against MPFR, in ulps
 * (x86_64-avx512-bf16, 1049148 f32 points):
 *   silu_f32_libmvec_avx2 f32: value 1.641e+07 ulp at x = -0x1.644d8ep+6,
 *     gradient 1.675e+07 ulp at x = -0x1.642c26p+6
 */
#include "../../include/actbench/kernel.h"
#include "../simd/f32-avx2.h"
#include "../peers/libmvec-avx2.h"
#include "../simd/f32-map.h"
#include "../peers/compose-f32.h"

static vf32 value(vf32 x, const struct actbench_params *p)
{
    (void)p;
    return peer_silu(x, _ZGVdN8v_expf);
}

static vf32 derivative(vf32 x, vf32 y, const struct actbench_params *p)
{
    (void)y, (void)p;
    return peer_silu_derivative(x, _ZGVdN8v_expf);
}

static void silu_f32_libmvec_avx2_forward(const float *x, float *y, size_t n, const struct actbench_params *p)
{
    vf32_map_forward(x, y, n, p, value);
}

static void silu_f32_libmvec_avx2_gradient(const float *x, const float *y, const float *dy, float *dx,
    float *dparam, size_t n, const struct actbench_params *p)
{
    (void)dparam;
    vf32_map_gradient(x, y, dy, dx, n, p, derivative);
}

const struct actbench_kernel silu_f32_libmvec_avx2 = {
    .name = "silu_f32_libmvec_avx2",
    .activation = "silu",
    .type = ACTBENCH_F32,
    .isa = "avx2",
    .unroll = 8,
    .forward.f32 = silu_f32_libmvec_avx2_forward,
    .gradient.f32 = silu_f32_libmvec_avx2_gradient,
    .bounds[ACTBENCH_F32] = {.value_ulp = 3.0, .gradient_ulp = 4.0},
    .description = "libmvec avx2: x * 1/(1 + exp(-x)); derivative s*(1 + x*(1 - s))",
};
