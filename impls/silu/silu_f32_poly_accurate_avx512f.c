/*
 * silu, poly method, accurate tier, AVX-512F, 16 lanes.
 *
 * Algorithm (impls/math/poly_accurate.h over impls/math/logistic.h): silu(x)
 * = x*r, r = 1/(1 + E), E = exp(-x); derivative r*(1 + x*E*r), which does
 * not cancel except at its root x0 = -1.2785: within 1/16 of it h*q(h), h =
 * (x - x0_hi) - x0_lo (impls/math/sollya/silu_root.sollya), evaluated in
 * float.  x is clamped to [-150, 150] for E (the product takes x clamped
 * below only: silu(+inf) = +inf, silu(-inf) = -0).
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
 * Coefficients: impls/math/sollya/exp_poly.sollya and silu_root.sollya,
 * written by scripts/fit-coefficients into impls/math/coefficients.h.
 *
 * Why double: the float alternative needs E = exp(-x) as a hi + lo pair to
 * 2^-28 (sigmoid at x < 0 inherits E's relative error fully); the table
 * kernels get it from 2^(j/8) and a degree-4 polynomial on |r| <= ln2/16,
 * while a polynomial over |r| <= ln2/2 has lo parts of up to 41% of hi and
 * its float evaluation reaches only about 2^-25, 0.4 ulp more before the
 * last rounding: not within the accurate tier's 1 ulp with margin.  The
 * double form costs twice the lanes and a double division.
 *
 * Speed: 1.5 cycles/element, gradient 2; fastest peer Eigen 0.865, gradient
 * 1.06: 1.73x and 1.88x, against the tier's 1.0x, which it misses; the table
 * kernel, same run: 0.755 and 1.5.  Widening to double halves the lanes per
 * instruction and every division is a double one (about half vdivps's
 * throughput): about twice the cost of the table kernel, which computes in
 * float around a compensated table exp; the accuracy bought is 0.5 + 2^-6
 * ulp before any fit error.  (`build/actbench -A
 * sigmoid,silu,tanh,elu,selu,softplus,gelu_tanh --speed-only --modes
 * throughput,gradient_throughput --budget 0.2`: L1-resident, uniform [-10,
 * 10], median core cycles per element, AMD EPYC Zen 5, load average 16 on 2
 * cores: compare within the run.)
 *
 * Tier: accurate.  For training networks with SiLU/swish (EfficientNet,
 * LLaMA-style SwiGLU MLPs), where the negative tail keeps its relative
 * accuracy (every peer composition loses it: 1.7e7 ulp); the fast tier for
 * inference. Declared bounds, f32: value 0.51 ulp, gradient 2.01 ulp, just
 * above the maxima over all 2^32 f32 inputs (value 0.50076 ulp at
 * -0x1.458e5ap+2, gradient 2.0089 ulp at -0x1.47905cp+0, just outside the
 * root window, where the float fit takes over; the 1M-point sample gave
 * 0.5007 and 1.767; the scalar, AVX2 and AVX-512F kernels give the same
 * figures). Loops: impls/math/elementwise.h
 * (four vectors per main-loop iteration, then single vectors, then a masked
 * tail that touches nothing past n; in place safe); the scalar, AVX2 and
 * AVX-512F kernels round the same double results and agree bit for bit on
 * the sample.  No exhaustive check over all of f32 has been run: the figures
 * below are 1M-point figures.
 *
 * Measured max error against MPFR, in ulps
 * (x86_64-avx512-bf16, 1049148 f32 points):
 *   silu_f32_poly_accurate_avx512f f32: value 0.5007 ulp at x = -0x1.45ce38p+2,
 *     gradient 1.767 ulp at x = -0x1.50a0bp+0
 */
#include "../../include/actbench/kernel.h"
#include "../simd/f32-avx512f.h"
#include "../simd/f64w-avx512f.h"
#include "../math/elementwise.h"
#include "../math/poly_accurate.h"

static inline __attribute__((always_inline)) vf32 value(vf32 x, const void *context, vmask32 *special)
{
    (void)context;
    return silu_poly_accurate_value(x, special);
}

static inline __attribute__((always_inline)) vf32 derivative(vf32 x, const void *context, vmask32 *special)
{
    (void)context;
    return silu_poly_accurate_derivative(x, special);
}

void silu_f32_poly_accurate_avx512f_forward(const float *x, float *y, size_t n, const struct actbench_params *p);
void silu_f32_poly_accurate_avx512f_gradient(const float *x, const float *y, const float *dy, float *dx, float *dparam,
                                             size_t n, const struct actbench_params *p);

void silu_f32_poly_accurate_avx512f_forward(const float *x, float *y, size_t n, const struct actbench_params *p)
{
    (void)p;
    elementwise_forward(x, y, n, value, poly_accurate_no_special_case, NULL);
}

void silu_f32_poly_accurate_avx512f_gradient(const float *x, const float *y, const float *dy, float *dx, float *dparam,
                                             size_t n, const struct actbench_params *p)
{
    (void)y, (void)dparam, (void)p;
    elementwise_gradient(x, dy, dx, n, derivative, poly_accurate_no_special_case, NULL);
}

const struct actbench_kernel silu_f32_poly_accurate_avx512f = {
    .name = "silu_f32_poly_accurate_avx512f",
    .activation = "silu",
    .type = ACTBENCH_F32,
    .isa = "avx512f",
    .unroll = ELEMENTWISE_UNROLL * VF32_LANES,
    .forward.f32 = silu_f32_poly_accurate_avx512f_forward,
    .gradient.f32 = silu_f32_poly_accurate_avx512f_gradient,
    /* gradient raised from 1.77 to just above the maxima over all 2^32
     * f32 inputs (actbench --exhaustive, the AVX-512F kernel; the scalar and
     * AVX2 kernels give the same figure at that input): value 0.50076 ulp
     * at x = -0x1.458e5ap+2, gradient 2.0089 ulp at x = -0x1.47905cp+0 */
    .bounds[ACTBENCH_F32] = {.value_ulp = 0.51, .gradient_ulp = 2.01},
    .description = "x/(1 + E), E = exp(-x) by a degree-7 poly with 2^k (no table), in double with one rounding; derivative r(1 + xEr) with a root window",
};
