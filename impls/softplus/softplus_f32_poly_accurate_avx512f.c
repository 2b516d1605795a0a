/*
 * softplus, poly method, accurate tier, AVX-512F, 16 lanes.
 *
 * Algorithm (impls/math/poly_accurate.h over impls/math/log1p_f64.h and
 * logistic.h): softplus(x) = max(x, 0) + log1p(E), E = exp(-|x|) in (0, 1],
 * |x| clamped to 150: both terms are >= 0, nothing cancels; for x < 0 the
 * result keeps E's relative accuracy down the tail (softplus ~ e^x), for
 * large x it is x plus a correction that rounds away, as the correctly
 * rounded result does.  log1p by log1p_f64w: 1 + E = u + c exactly, u =
 * 2^e*z, log(z) = 2*atanh(s), s = (z - 1)/(z + 1), a degree-6 polynomial in
 * s^2 (relative error 2^-46).  Derivative sigmoid(x) = 1/(1 + exp(-x)), as
 * sigmoid_f32_poly_accurate_*.
 *
 * E = exp(-y) by exp_poly_accurate_f64w (impls/math/exp_poly.h): -y = k*ln2
 * + r with ln2 in two doubles, 1 + p(r) with p of degree 7 (relative error
 * 2^-34.3), 2^k by an integer add to the exponent field; no table.
 *
 * Every step in double (x widened), one rounding to float at the end: the
 * result before that rounding is within about 2^-30 relative of the exact
 * value, so within 0.5 ulp + 2^-6 after it, tails included.  Arguments are
 * clamped where the results round to their limits, so every float,
 * infinities included, takes the same path: no lane is special; NaN passes
 * the clamps and propagates.
 *
 * Coefficients: impls/math/sollya/exp_poly.sollya and log1p_f64.sollya,
 * written by scripts/fit-coefficients into impls/math/coefficients.h.
 *
 * Speed: 4.71 cycles/element, gradient 1.48; fastest peer libmvec 2.04,
 * gradient 0.823: 2.30x and 1.80x, against the tier's 1.0x, which it misses;
 * the table kernel, same run: 2.19 and 0.699.  Widening to double halves the
 * lanes per instruction and every division is a double one (about half
 * vdivps's throughput): about twice the cost of the table kernel, which
 * computes in float around a compensated table exp; the accuracy bought is
 * 0.5 + 2^-6 ulp before any fit error.  log1p_f64w adds two more double
 * divisions (s = f/(2 + f) and c/u).  (`build/actbench -A
 * sigmoid,silu,tanh,elu,selu,softplus,gelu_tanh --speed-only --modes
 * throughput,gradient_throughput --budget 0.2`: L1-resident, uniform [-10,
 * 10], median core cycles per element, AMD EPYC Zen 5, load average 16 on 2
 * cores: compare within the run.)
 *
 * Tier: accurate.  For training with softplus (variance and rate parameters
 * kept positive, smooth ReLU), where the negative tail keeps its relative
 * accuracy; the fast tier for inference. Declared bounds, f32: value 0.51
 * ulp, gradient 0.51 ulp, just above the 1M-point maxima (value 0.5006,
 * gradient 0.5006 ulp; the scalar, AVX2 and AVX-512F kernels give the same
 * figures). Loops: impls/math/elementwise.h (four vectors per main-loop
 * iteration, then single vectors, then a masked tail that touches nothing
 * past n; in place safe); the scalar, AVX2 and AVX-512F kernels round the
 * same double results and agree bit for bit on the sample.  No exhaustive
 * check over all of f32 has been run: the figures below are 1M-point
 * figures.
 *
 * Measured max error against MPFR, in ulps
 * (x86_64-avx512-bf16, 1049148 f32 points):
 *   softplus_f32_poly_accurate_avx512f f32: value 0.5006 ulp at x = -0x1.f12ac2p+2,
 *     gradient 0.5006 ulp at x = -0x1.683222p+2
 */
#include "../../include/actbench/kernel.h"
#include "../simd/f32-avx512f.h"
#include "../simd/f64w-avx512f.h"
#include "../math/elementwise.h"
#include "../math/poly_accurate.h"

static inline __attribute__((always_inline)) vf32 value(vf32 x, const void *context, vmask32 *special)
{
    (void)context;
    return softplus_poly_accurate_value(x, special);
}

static inline __attribute__((always_inline)) vf32 derivative(vf32 x, const void *context, vmask32 *special)
{
    (void)context;
    return sigmoid_poly_accurate_value(x, special);
}

void softplus_f32_poly_accurate_avx512f_forward(const float *x, float *y, size_t n, const struct actbench_params *p);
void softplus_f32_poly_accurate_avx512f_gradient(const float *x, const float *y, const float *dy, float *dx, float *dparam,
                                                 size_t n, const struct actbench_params *p);

void softplus_f32_poly_accurate_avx512f_forward(const float *x, float *y, size_t n, const struct actbench_params *p)
{
    (void)p;
    elementwise_forward(x, y, n, value, poly_accurate_no_special_case, NULL);
}

void softplus_f32_poly_accurate_avx512f_gradient(const float *x, const float *y, const float *dy, float *dx, float *dparam,
                                                 size_t n, const struct actbench_params *p)
{
    (void)y, (void)dparam, (void)p;
    elementwise_gradient(x, dy, dx, n, derivative, poly_accurate_no_special_case, NULL);
}

const struct actbench_kernel softplus_f32_poly_accurate_avx512f = {
    .name = "softplus_f32_poly_accurate_avx512f",
    .activation = "softplus",
    .type = ACTBENCH_F32,
    .isa = "avx512f",
    .unroll = ELEMENTWISE_UNROLL * VF32_LANES,
    .forward.f32 = softplus_f32_poly_accurate_avx512f_forward,
    .gradient.f32 = softplus_f32_poly_accurate_avx512f_gradient,
    .bounds[ACTBENCH_F32] = {.value_ulp = 0.51, .gradient_ulp = 0.51},
    .description = "max(x, 0) + log1p(exp(-|x|)), exp and log1p by polynomials (no table), in double with one rounding; derivative 1/(1 + exp(-x))",
};
