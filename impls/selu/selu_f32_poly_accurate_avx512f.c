/*
 * selu, poly method, accurate tier, AVX-512F, 16 lanes.
 *
 * Algorithm (impls/math/poly_accurate.h over impls/math/elu.h): selu(x) =
 * lambda*x for x >= 0 (+-0 keep their sign), lambda*alpha*expm1(x) below,
 * lambda and lambda*alpha the catalog's constants in double; derivative
 * lambda for x > 0, lambda*alpha*e^x at and below 0.  x is clamped to -150
 * (the result is -lambda*alpha there, as the correctly rounded one is from x
 * = -16.87 down).
 *
 * expm1(-y) = 2^k*p(r) + (2^k - 1) from the same pieces as
 * exp_poly_accurate_f64w (impls/math/exp_poly.h: -y = k*ln2 + r with ln2 in
 * two doubles, p of degree 7 with p(0) = 0, 2^k by an integer add to the
 * exponent field; impls/math/poly_accurate.h): 2^k - 1 is exact and p(r)
 * keeps its relative accuracy as r -> 0, so no small-argument path is
 * needed; no table.  e^x as exp_poly_accurate_f64w.
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
 * Speed: 1.66 cycles/element, gradient 1.47; fastest peer libmvec 1.24,
 * gradient SLEEF u10 0.803: 1.34x and 1.83x, against the tier's 1.0x, which
 * it misses; the table kernel, same run: 0.7 and 0.546.  Widening to double
 * halves the lanes per instruction and every division is a double one (about
 * half vdivps's throughput): about twice the cost of the table kernel, which
 * computes in float around a compensated table exp; the accuracy bought is
 * 0.5 + 2^-6 ulp before any fit error.  (`build/actbench -A
 * sigmoid,silu,tanh,elu,selu,softplus,gelu_tanh --speed-only --modes
 * throughput,gradient_throughput --budget 0.2`: L1-resident, uniform [-10,
 * 10], median core cycles per element, AMD EPYC Zen 5, load average 16 on 2
 * cores: compare within the run.)
 *
 * Tier: accurate.  For training self-normalising networks (SNNs) with selu,
 * where the fixed point of the activations' statistics depends on the exact
 * constants; the fast tier for inference. Declared bounds, f32: value 0.51
 * ulp, gradient 0.51 ulp, just above the 1M-point maxima (value 0.5041,
 * gradient 0.5007 ulp; the scalar, AVX2 and AVX-512F kernels give the same
 * figures). Loops: impls/math/elementwise.h (four vectors per main-loop
 * iteration, then single vectors, then a masked tail that touches nothing
 * past n; in place safe); the scalar, AVX2 and AVX-512F kernels round the
 * same double results and agree bit for bit on the sample.  No exhaustive
 * check over all of f32 has been run: the figures below are 1M-point
 * figures.
 *
 * Measured max error against MPFR, in ulps
 * (x86_64-avx512-bf16, 1049148 f32 points):
 *   selu_f32_poly_accurate_avx512f f32: value 0.5041 ulp at x = -0x1.293f2p-4,
 *     gradient 0.5007 ulp at x = -0x1.890f8ep+2
 */
#include "../../include/actbench/kernel.h"
#include "../simd/f32-avx512f.h"
#include "../simd/f64w-avx512f.h"
#include "../math/elementwise.h"
#include "../math/poly_accurate.h"

static inline __attribute__((always_inline)) vf32 value(vf32 x, const void *context, vmask32 *special)
{
    (void)context;
    return selu_poly_accurate_value(x, special);
}

static inline __attribute__((always_inline)) vf32 derivative(vf32 x, const void *context, vmask32 *special)
{
    (void)context;
    return selu_poly_accurate_derivative(x, special);
}

void selu_f32_poly_accurate_avx512f_forward(const float *x, float *y, size_t n, const struct actbench_params *p);
void selu_f32_poly_accurate_avx512f_gradient(const float *x, const float *y, const float *dy, float *dx, float *dparam,
                                             size_t n, const struct actbench_params *p);

void selu_f32_poly_accurate_avx512f_forward(const float *x, float *y, size_t n, const struct actbench_params *p)
{
    (void)p;
    elementwise_forward(x, y, n, value, poly_accurate_no_special_case, NULL);
}

void selu_f32_poly_accurate_avx512f_gradient(const float *x, const float *y, const float *dy, float *dx, float *dparam,
                                             size_t n, const struct actbench_params *p)
{
    (void)y, (void)dparam, (void)p;
    elementwise_gradient(x, dy, dx, n, derivative, poly_accurate_no_special_case, NULL);
}

const struct actbench_kernel selu_f32_poly_accurate_avx512f = {
    .name = "selu_f32_poly_accurate_avx512f",
    .activation = "selu",
    .type = ACTBENCH_F32,
    .isa = "avx512f",
    .unroll = ELEMENTWISE_UNROLL * VF32_LANES,
    .forward.f32 = selu_f32_poly_accurate_avx512f_forward,
    .gradient.f32 = selu_f32_poly_accurate_avx512f_gradient,
    .bounds[ACTBENCH_F32] = {.value_ulp = 0.51, .gradient_ulp = 0.51},
    .description = "lambda*alpha*expm1(x), expm1 = 2^k p(r) + (2^k - 1), degree-7 poly (no table), in double with one rounding; derivative lambda*alpha*e^x",
};
