/*
 * gelu, poly method, accurate tier, AVX2 + FMA, 8 lanes.
 *
 * Algorithm (impls/math/gelu_poly.h over impls/math/gelu.h): gelu =
 * x*Phi(x), gelu' = Phi(x) + x*phi(x), from t = |x| and the two factors of
 * the tail Phi(-t) = E*V, E = exp(-t^2/2), V(t) = u*F(u), u = 1/(t + 3) (the
 * scaled Mills ratio, which falls like 1/t where no polynomial in t can
 * follow it over [0, 12.5]): Phi = Q = E*V for x < 0 (never 1 + erf(x/sqrt
 * 2), which cancels to 0 below x = -5.9) and 1 - Q for x >= 0; gelu = x*Phi,
 * gelu' = Phi + x*E/sqrt(2 pi), whose root x0 = -0.7518 is handled within
 * 1/16 by h*q(h), h = (x - x0_hi) - x0_lo
 * (impls/math/sollya/gelu_root.sollya), in float.
 *
 * In double, no table: t^2 exact, E by exp_poly_accurate_f64w
 * (impls/math/exp_poly.h: -y = k*ln2 + r, 1 + p(r) of degree 7, 2^-34.3, 2^k
 * by an integer add to the exponent field), F of degree 12 in u - u0 with
 * double coefficients (relative error 2^-33.8), one double division for u;
 * the result before its last rounding within about 2^-32 relative of the
 * exact value wherever nothing cancels.  Lanes with |x| > 12.5 and NaN are
 * special, as in the table kernels: recomputed in double off the fast path
 * from the asymptotic series of t*V(t) (gelu(-inf) = -0, gelu(+inf) = +inf,
 * gelu'(+inf) = 1).
 *
 * Coefficients: impls/math/sollya/erf_poly_accurate.sollya, exp_poly.sollya
 * and gelu_root.sollya, written by scripts/fit-coefficients into
 * impls/math/coefficients.h.
 *
 * Speed: 6.21 cycles/element, gradient 6.43; fastest peer Eigen 1.46,
 * gradient libmvec 3.37: 4.25x and 1.91x, against the tier's 1.0x, which it
 * misses; the table kernel, same run: 4.4 and 4.76.  Widening to double
 * halves the lanes per instruction, and u = 1/(t + 3) is a double division;
 * with the degree-7 exp and the degree-12 F that is about twice the
 * operations of the table kernel, which computes in float around a
 * compensated table exp and a segment table for V.  (`build/actbench -A gelu
 * --speed-only --modes throughput,gradient_throughput --budget 0.2`:
 * L1-resident, uniform [-10, 10], median core cycles per element, AMD EPYC
 * Zen 5, load average 16 to 21 on 2 cores: compare within the run.)
 *
 * Tier: accurate.  For training transformers with the erf form of gelu
 * (BERT, ViT; PyTorch's default), where the negative tail keeps its relative
 * accuracy (every peer composition loses it there, 1.7e7 ulp); the fast tier
 * for inference. Declared bounds, f32: value 0.51 ulp, gradient 1.78 ulp,
 * just above the 1M-point maxima (value 0.5015, gradient 1.776 ulp, the
 * latter in the root window, where the float fit gives the result, as for
 * the table kernel; the scalar, AVX2 and AVX-512F kernels give the same
 * figures). Loops: impls/math/elementwise.h (four vectors per main-loop
 * iteration, then single vectors, then a masked tail that touches nothing
 * past n; in place safe); the scalar, AVX2 and AVX-512F kernels round the
 * same double results and agree bit for bit on the sample.  No exhaustive
 * check over all of f32 has been run: the figures below are 1M-point
 * figures.
 *
 * Measured max error against MPFR, in ulps
 * (x86_64-avx512-bf16, 1049148 f32 points):
 *   gelu_f32_poly_accurate_avx2 f32: value 0.5015 ulp at x = -0x1.6038a8p+2,
 *     gradient 1.776 ulp at x = -0x1.89fab8p-1
 */
#include "../../include/actbench/kernel.h"
#include "../simd/f32-avx2.h"
#include "../simd/f64w-avx2.h"
#include "../math/elementwise.h"
#include "../math/gelu_poly.h"

static inline __attribute__((always_inline)) vf32 value(vf32 x, const void *context, vmask32 *special)
{
    (void)context;
    return gelu_poly_accurate_value(x, special);
}

static inline __attribute__((always_inline)) vf32 derivative(vf32 x, const void *context, vmask32 *special)
{
    (void)context;
    return gelu_poly_accurate_derivative(x, special);
}

void gelu_f32_poly_accurate_avx2_forward(const float *x, float *y, size_t n, const struct actbench_params *p);
void gelu_f32_poly_accurate_avx2_gradient(const float *x, const float *y, const float *dy, float *dx, float *dparam,
                                          size_t n, const struct actbench_params *p);

void gelu_f32_poly_accurate_avx2_forward(const float *x, float *y, size_t n, const struct actbench_params *p)
{
    (void)p;
    elementwise_forward(x, y, n, value, gelu_special_case, NULL);
}

void gelu_f32_poly_accurate_avx2_gradient(const float *x, const float *y, const float *dy, float *dx, float *dparam,
                                          size_t n, const struct actbench_params *p)
{
    (void)y, (void)dparam, (void)p;
    elementwise_gradient(x, dy, dx, n, derivative, gelu_derivative_special_case, NULL);
}

const struct actbench_kernel gelu_f32_poly_accurate_avx2 = {
    .name = "gelu_f32_poly_accurate_avx2",
    .activation = "gelu",
    .type = ACTBENCH_F32,
    .isa = "avx2",
    .unroll = ELEMENTWISE_UNROLL * VF32_LANES,
    .forward.f32 = gelu_f32_poly_accurate_avx2_forward,
    .gradient.f32 = gelu_f32_poly_accurate_avx2_gradient,
    /* raised from 0.51 / 1.78 (1M-point maxima) to just above the maxima over
     * all 2^32 f32 inputs (actbench --exhaustive, the AVX-512F kernel): value
     * 0.50184 ulp at x = -0x1.7083e6p+3, gradient 2.0955 ulp at x = -0x1.8a4026p-1 */
    .bounds[ACTBENCH_F32] = {.value_ulp = 0.51, .gradient_ulp = 2.1},
    .description = "x*Phi(x), Phi(-t) = exp(-t^2/2)*u*F(u), u = 1/(t + 3), exp by a degree-7 poly and F of degree 12 (no table), in double with one rounding; derivative Phi + x*phi with a root window",
};
