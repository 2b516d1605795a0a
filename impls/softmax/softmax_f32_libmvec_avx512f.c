/*
 * softmax, composed from glibc's libmvec AVX-512 functions (_ZGVeN16v_expf):
 * max-subtracted exp(x_i - max) / sum per row; gradient y*(dy - <dy, y>).  The
 * formula and its special values: impls/peers/compose-f32.h.
 *
 * Measured max error against MPFR, in ulps
 * (x86_64-avx512-bf16, 1049148 f32 points):
 *   softmax_f32_libmvec_avx512f f32: value 63.54 ulp at x = -0x1.cec458p+4,
 *     gradient 5.345e+07 ulp at x = 0x1.7b2dcp+5
 */
#include "../../include/actbench/kernel.h"
#include "../simd/f32-avx512f.h"
#include "../peers/libmvec-avx512f.h"
#include "../simd/f32-map.h"
#include "../peers/compose-f32.h"

static void softmax_f32_libmvec_avx512f_forward(const float *x, float *y, size_t n, const struct actbench_params *p)
{
    peer_softmax_forward(x, y, n, p, _ZGVeN16v_expf);
}

static void softmax_f32_libmvec_avx512f_gradient(const float *x, const float *y, const float *dy, float *dx,
    float *dparam, size_t n, const struct actbench_params *p)
{
    (void)x, (void)dparam;
    peer_softmax_gradient(y, dy, dx, n, p);
}

const struct actbench_kernel softmax_f32_libmvec_avx512f = {
    .name = "softmax_f32_libmvec_avx512f",
    .activation = "softmax",
    .type = ACTBENCH_F32,
    .isa = "avx512f",
    .unroll = 16,
    .forward.f32 = softmax_f32_libmvec_avx512f_forward,
    .gradient.f32 = softmax_f32_libmvec_avx512f_gradient,
    .bounds[ACTBENCH_F32] = {.value_ulp = 11.5, .gradient_ulp = 28.0},
    .description = "libmvec avx512f: max-subtracted exp(x_i - max) / sum; gradient y*(dy - <dy, y>)",
};
