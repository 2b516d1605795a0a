/*
 * tanh, poly method, accurate tier, scalar, one lane (fmaf from libm: the scalar ISA has no FMA instruction).
 *
 * Algorithm (impls/math/poly_accurate.h over impls/math/tanh.h): tanh is
 * odd: with a = |x|, tanh(a) = -m/(m + 2), m = expm1(-2a), and the sign of x
 * put back on (tanh(-0) = -0); 2a is clamped to 40 (tanh rounds to 1 from a
 * = 9.01 on, so the result saturates exactly where the correctly rounded one
 * does).  Derivative sech^2 = 4E/(1 + E)^2, E = exp(-2a) (2a clamped to
 * 300): no cancellation anywhere, where the textbook 1 - tanh^2 dies at |x|
 * = 9.01 while sech^2 stays a normal number up to 44.36.
 *
 * expm1(-y) = 2^k*p(r) + (2^k - 1) from the same pieces as
 * exp_poly_accurate_f64w (impls/math/exp_poly.h: -y = k*ln2 + r with ln2 in
 * two doubles, p of degree 7 with p(0) = 0, 2^k by an integer add to the
 * exponent field; impls/math/poly_accurate.h): 2^k - 1 is exact and p(r)
 * keeps its relative accuracy as r -> 0, so no small-argument path is
 * needed; no table.  E as exp_poly_accurate_f64w.
 *
 * Every step in double (x widened), one rounding to float at the end: the
 * result before that rounding is within about 2^-30 relative of the exact
 * value, so within 0.5 ulp + 2^-6 after it, tails included.  Arguments are
 * clamped where the results round to their limits, so every float,
 * infinities included, takes the same path: no lane is special; NaN passes
 * the clamps and propagates.
 *
 * Coefficients: impls/math/sollya/exp_poly.sollya, written by scripts/fit-
 * coefficients into impls/math/coefficients.h.
 *
 * Speed: 51.1 cycles/element, gradient 51.4; fastest peer libm 35.6,
 * gradient 0.326: 1.44x and 157.63x, against the tier's 1.0x, which it
 * misses; the table kernel, same run: 41.2 and 61.6.  The scalar kernel runs
 * the same double steps one lane at a time; the peer is one libm call (with
 * the gradient reusing y where it can).  (`build/actbench -A
 * sigmoid,silu,tanh,elu,selu,softplus,gelu_tanh --speed-only --modes
 * throughput,gradient_throughput --budget 0.2`: L1-resident, uniform [-10,
 * 10], median core cycles per element, AMD EPYC Zen 5, load average 16 on 2
 * cores: compare within the run.)
 *
 * Tier: accurate.  For training recurrent networks and attention scores with
 * tanh, where saturated units keep a gradient; the fast tier for inference.
 * Declared bounds, f32: value 0.51 ulp, gradient 0.51 ulp, just above the
 * 1M-point maxima (value 0.504, gradient 0.5007 ulp; the scalar, AVX2 and
 * AVX-512F kernels give the same figures). Loops: impls/math/elementwise.h
 * (four vectors per main-loop iteration, then single vectors, then a masked
 * tail that touches nothing past n; in place safe); the scalar, AVX2 and
 * AVX-512F kernels round the same double results and agree bit for bit on
 * the sample.  No exhaustive check over all of f32 has been run: the figures
 * below are 1M-point figures.
 *
 * Measured max error against MPFR, in ulps
 * (x86_64-avx512-bf16, 1049148 f32 points):
 *   tanh_f32_poly_accurate_scalar f32: value 0.504 ulp at x = 0x1.6ea0a6p-5,
 *     gradient 0.5007 ulp at x = -0x1.013b2ep+3
 */
#include "../../include/actbench/kernel.h"
#include "../simd/f32-scalar.h"
#include "../simd/f64w-scalar.h"
#include "../math/elementwise.h"
#include "../math/poly_accurate.h"

static inline __attribute__((always_inline)) vf32 value(vf32 x, const void *context, vmask32 *special)
{
    (void)context;
    return tanh_poly_accurate_value(x, special);
}

static inline __attribute__((always_inline)) vf32 derivative(vf32 x, const void *context, vmask32 *special)
{
    (void)context;
    return tanh_poly_accurate_derivative(x, special);
}

void tanh_f32_poly_accurate_scalar_forward(const float *x, float *y, size_t n, const struct actbench_params *p);
void tanh_f32_poly_accurate_scalar_gradient(const float *x, const float *y, const float *dy, float *dx, float *dparam,
                                            size_t n, const struct actbench_params *p);

void tanh_f32_poly_accurate_scalar_forward(const float *x, float *y, size_t n, const struct actbench_params *p)
{
    (void)p;
    elementwise_forward(x, y, n, value, poly_accurate_no_special_case, NULL);
}

void tanh_f32_poly_accurate_scalar_gradient(const float *x, const float *y, const float *dy, float *dx, float *dparam,
                                            size_t n, const struct actbench_params *p)
{
    (void)y, (void)dparam, (void)p;
    elementwise_gradient(x, dy, dx, n, derivative, poly_accurate_no_special_case, NULL);
}

const struct actbench_kernel tanh_f32_poly_accurate_scalar = {
    .name = "tanh_f32_poly_accurate_scalar",
    .activation = "tanh",
    .type = ACTBENCH_F32,
    .isa = "scalar",
    .unroll = ELEMENTWISE_UNROLL * VF32_LANES,
    .forward.f32 = tanh_f32_poly_accurate_scalar_forward,
    .gradient.f32 = tanh_f32_poly_accurate_scalar_gradient,
    .bounds[ACTBENCH_F32] = {.value_ulp = 0.51, .gradient_ulp = 0.51},
    .description = "-m/(m + 2), m = expm1(-2|x|) = 2^k p(r) + (2^k - 1), degree-7 poly (no table), in double with one rounding; derivative 4E/(1 + E)^2",
};
