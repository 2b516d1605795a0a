/*
 * gelu, libm method: the textbook 0.5*x*(1 + erff(x/sqrt(2))) in float.
 * For x below about -5.9 erff rounds to -1 and 1 + erff(...) cancels to 0,
 * so the value is -0 where the true gelu is a small negative number: the
 * formula's accuracy, measured here.  gelu(-inf) would be -inf * 0 = NaN,
 * so infinities take a branch off the hot path: gelu(+inf) = +inf,
 * gelu(-inf) = -0 (the limit from below).
 *
 * Derivative Phi(x) + x*phi(x) with Phi = 0.5*(1 + erff(x/sqrt(2))) and
 * phi = expf(-x*x/2)/sqrt(2*pi).  It has a root near x = -0.7518, where the
 * sum cancels and the ulp error is unbounded in principle; at +-inf it
 * would be NaN (inf * 0) and the branch gives the limits 1 and -0.
 * dx = f'(x) * dy.
 *
 * Measured max error against MPFR, in ulps
 * (x86_64-avx512-bf16, 1049148 f32 points):
 *   gelu_f32_libm_scalar f32: value 1.678e+07 ulp at x = -0x1.84ea3ep+2,
 *     gradient 5.243e+05 ulp at x = -0x1.62b9e4p+2
 */
#include "../../include/actbench/kernel.h"
#include <math.h>

/* 1/sqrt(2) and 1/sqrt(2*pi), rounded to float by the compiler. */
static const float inv_sqrt2 = 0.70710678118654752440f;
static const float inv_sqrt_2pi = 0.39894228040143267794f;

static void gelu_f32_libm_scalar_forward(const float *x, float *y, size_t n, const struct actbench_params *p)
{
    (void)p;
    for (size_t i = 0; i < n; i++) {
        float v = x[i];
        if (isinf(v))
            y[i] = v > 0.0f ? v : -0.0f;
        else
            y[i] = 0.5f * v * (1.0f + erff(v * inv_sqrt2));
    }
}

static void gelu_f32_libm_scalar_gradient(const float *x, const float *y, const float *dy, float *dx,
                                          float *dparam, size_t n, const struct actbench_params *p)
{
    (void)y, (void)dparam, (void)p;
    for (size_t i = 0; i < n; i++) {
        float v = x[i], derivative;
        if (isinf(v)) {
            derivative = v > 0.0f ? 1.0f : -0.0f;
        } else {
            float cdf = 0.5f * (1.0f + erff(v * inv_sqrt2));
            float pdf = inv_sqrt_2pi * expf(-0.5f * v * v);
            derivative = cdf + v * pdf;
        }
        dx[i] = derivative * dy[i];
    }
}

const struct actbench_kernel gelu_f32_libm_scalar = {
    .name = "gelu_f32_libm_scalar",
    .activation = "gelu",
    .type = ACTBENCH_F32,
    .isa = "scalar",
    .unroll = 1,
    .forward.f32 = gelu_f32_libm_scalar_forward,
    .gradient.f32 = gelu_f32_libm_scalar_gradient,
    .bounds[ACTBENCH_F32] = {.value_ulp = 3.5, .gradient_ulp = 7.0},
    .description = "0.5*x*(1 + erff(x/sqrt(2))); derivative Phi + x*phi with expf",
};
