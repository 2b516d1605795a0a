/*
 * log_softmax, composed from glibc's libmvec AVX2 functions (_ZGVdN8v_expf,
 * _ZGVdN8v_logf): (x_i - max) - log(sum exp(x_j - max)) per row; gradient dy -
 * exp(y)*sum(dy).  The formula and its special values:
 * impls/peers/compose-f32.h.
 *
 * Measured max error against MPFR, in ulps
 * (x86_64-avx512-bf16, 1049148 f32 points):
 *   log_softmax_f32_libmvec_avx2 f32: value 1.669e+07 ulp at x = 0x1.5fdcep+6,
 *     gradient 2.156e+04 ulp at x = -0x1.f48fbp-10
 */
#include "../../include/actbench/kernel.h"
#include "../simd/f32-avx2.h"
#include "../peers/libmvec-avx2.h"
#include "../simd/f32-map.h"
#include "../peers/compose-f32.h"

static void log_softmax_f32_libmvec_avx2_forward(const float *x, float *y, size_t n, const struct actbench_params *p)
{
    peer_log_softmax_forward(x, y, n, p, _ZGVdN8v_expf, _ZGVdN8v_logf);
}

static void log_softmax_f32_libmvec_avx2_gradient(const float *x, const float *y, const float *dy, float *dx,
    float *dparam, size_t n, const struct actbench_params *p)
{
    (void)x, (void)dparam;
    peer_log_softmax_gradient(y, dy, dx, n, p, _ZGVdN8v_expf);
}

const struct actbench_kernel log_softmax_f32_libmvec_avx2 = {
    .name = "log_softmax_f32_libmvec_avx2",
    .activation = "log_softmax",
    .type = ACTBENCH_F32,
    .isa = "avx2",
    .unroll = 8,
    .forward.f32 = log_softmax_f32_libmvec_avx2_forward,
    .gradient.f32 = log_softmax_f32_libmvec_avx2_gradient,
    .bounds[ACTBENCH_F32] = {.value_ulp = 14.0, .gradient_ulp = 23.5},
    .description = "libmvec avx2: (x_i - max) - log(sum exp(x_j - max)) per row",
};
