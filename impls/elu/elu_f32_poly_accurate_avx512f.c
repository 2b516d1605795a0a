/*
 * elu, poly method, accurate tier, AVX-512F, 16 lanes.
 *
 * Algorithm (impls/math/poly_accurate.h over impls/math/elu.h): elu(x) = x
 * for x >= 0 (+-0 keep their sign), a*expm1(x) below, with a = p->alpha;
 * derivative 1 for x > 0, a*e^x at and below 0.  x is clamped to -150 (the
 * result is -a there, as the correctly rounded one is from x = -17.33 down
 * for a = 1).
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
 * Speed: 1.49 cycles/element, gradient 1.48; fastest peer libmvec 0.761,
 * gradient SLEEF u10 0.847: 1.96x and 1.75x, against the tier's 1.0x, which
 * it misses; the table kernel, same run: 0.667 and 0.502.  Widening to
 * double halves the lanes per instruction and every division is a double one
 * (about half vdivps's throughput): about twice the cost of the table
 * kernel, which computes in float around a compensated table exp; the
 * accuracy bought is 0.5 + 2^-6 ulp before any fit error.  (`build/actbench
 * -A sigmoid,silu,tanh,elu,selu,softplus,gelu_tanh --speed-only --modes
 * throughput,gradient_throughput --budget 0.2`: L1-resident, uniform [-10,
 * 10], median core cycles per element, AMD EPYC Zen 5, load average 16 on 2
 * cores: compare within the run.)
 *
 * Tier: accurate.  For training networks with ELU (and its parameter a),
 * where small negative inputs need expm1's relative accuracy; the fast tier
 * for inference. Declared bounds, f32: value 0.51 ulp, gradient 0.51 ulp,
 * just above the 1M-point maxima (value 0.5047, gradient 0.5005 ulp; the
 * scalar, AVX2 and AVX-512F kernels give the same figures). Loops:
 * impls/math/elementwise.h (four vectors per main-loop iteration, then
 * single vectors, then a masked tail that touches nothing past n; in place
 * safe); the scalar, AVX2 and AVX-512F kernels round the same double results
 * and agree bit for bit on the sample.  No exhaustive check over all of f32
 * has been run: the figures below are 1M-point figures.
 *
 * Measured max error against MPFR, in ulps
 * (x86_64-avx512-bf16, 1049148 f32 points):
 *   elu_f32_poly_accurate_avx512f f32: value 0.5047 ulp at x = -0x1.071b02p-3,
 *     gradient 0.5005 ulp at x = -0x1.32323ep+1
 */
#include "../../include/actbench/kernel.h"
#include "../simd/f32-avx512f.h"
#include "../simd/f64w-avx512f.h"
#include "../math/elementwise.h"
#include "../math/poly_accurate.h"

static inline __attribute__((always_inline)) vf32 value(vf32 x, const void *context, vmask32 *special)
{
    return elu_poly_accurate_value(x, *(const vf64w *)context, special);
}

static inline __attribute__((always_inline)) vf32 derivative(vf32 x, const void *context, vmask32 *special)
{
    return elu_poly_accurate_derivative(x, *(const vf64w *)context, special);
}

void elu_f32_poly_accurate_avx512f_forward(const float *x, float *y, size_t n, const struct actbench_params *p);
void elu_f32_poly_accurate_avx512f_gradient(const float *x, const float *y, const float *dy, float *dx, float *dparam,
                                            size_t n, const struct actbench_params *p);

void elu_f32_poly_accurate_avx512f_forward(const float *x, float *y, size_t n, const struct actbench_params *p)
{
    (void)p;
    const vf64w context = vf64w_set1((double)p->alpha);
    elementwise_forward(x, y, n, value, poly_accurate_no_special_case, &context);
}

void elu_f32_poly_accurate_avx512f_gradient(const float *x, const float *y, const float *dy, float *dx, float *dparam,
                                            size_t n, const struct actbench_params *p)
{
    (void)y, (void)dparam, (void)p;
    const vf64w context = vf64w_set1((double)p->alpha);
    elementwise_gradient(x, dy, dx, n, derivative, poly_accurate_no_special_case, &context);
}

const struct actbench_kernel elu_f32_poly_accurate_avx512f = {
    .name = "elu_f32_poly_accurate_avx512f",
    .activation = "elu",
    .type = ACTBENCH_F32,
    .isa = "avx512f",
    .unroll = ELEMENTWISE_UNROLL * VF32_LANES,
    .forward.f32 = elu_f32_poly_accurate_avx512f_forward,
    .gradient.f32 = elu_f32_poly_accurate_avx512f_gradient,
    .bounds[ACTBENCH_F32] = {.value_ulp = 0.51, .gradient_ulp = 0.51},
    .description = "a*expm1(x) = a*(2^k p(r) + (2^k - 1)), degree-7 poly (no table), in double with one rounding; derivative a*e^x",
};
