/*
 * gelu, poly method, fast tier, AVX2 + FMA, 8 lanes.
 *
 * Algorithm (impls/math/gelu.h over impls/math/erf_poly.h and
 * exp_poly.h): gelu(x) = x*Phi(x), Phi(x) = H + s*Phi(-|x|) as in
 * gelu_f32_table_accurate_*, Phi(-t) = exp(-t^2/2) * V(t) in plain float
 * and without tables:
 *   E = exp(-t^2/2) = 2^k * (1 + P), P of degree 6 (2^-28.2), the
 *   low part of t^2 (t^2 = s_hi + s_lo exactly) and the division's
 *   residual taken into the reduced argument;
 *   V(t) = u*F(u), u = 1/(t + 3) by one division, F of degree 9
 *   in u - 0.2 corrected by the residual (relative error 2^-24.8 on
 *   [0, 12.5]), its last Horner step and u*F kept as hi + lo pairs;
 *   x < 0: gelu = 2^k * (x*m_hi + x*(P*m_hi + m_lo)) with one rounding;
 *   x >= 0: x - x*Q with one rounding (impls/math/gelu.h says why each
 *   compensation is there: the plain products reached 6.85 ulp).
 * The derivative keeps the plain products: exp_poly_fast of degree 5
 * times 1 - s_lo/2, Q = E*V.
 * Derivative: Phi(x) + x*phi(x), phi = E/sqrt(2 pi); around its root
 * x0 = -0.7518 (|x - x0| <= 1/16) h*q(h) (impls/math/sollya/gelu_root.sollya).
 * Special lanes (|x| > 12.5, infinities, NaN) are recomputed in double
 * off the fast path: gelu(x) = x and gelu'(x) = 1 above 12.5; below -12.5
 * the asymptotic series of the Mills ratio with a double exp;
 * gelu(-inf) = -0, gelu(+inf) = +inf, gelu'(-inf) = -0, gelu'(+inf) = 1,
 * gelu(-0) = -0, NaN propagates.
 * Coefficients and tables: impls/math/sollya/exp_poly.sollya,
 * erf_poly.sollya and
 * gelu_root.sollya, written by scripts/fit-coefficients.
 *
 * Speed: 3.52 cycles/element (peers: libmvec 1.89, the fastest): 1.86x,
 * against the tier's 0.6x, which it misses (before the compensations 2.6
 * against 1.9, 1.37x, another run); gradient 2.69 against 3.32: 0.81x; the
 * value's compensations cost about eight vector operations, and the
 * division and degree-9 Mills ratio remain (`build/actbench -A gelu -f f32 --speed-only --modes
 * throughput,gradient_throughput --budget 0.2`: L1-resident, median
 * cycles per element, AMD EPYC Zen 5 under a load average of 17 on
 * 2 cores, so compare within one run).
 *
 * Checked on actbench's 1M-point sample only (half binade-stratified, half
 * uniform on [-10, 10]; no exhaustive check of all of f32 yet), the
 * scalar, AVX2 and AVX-512F kernels giving the same maxima at the same inputs.
 * On [-10, 10] the value is at most 3.19 ulp (the tier's goal: 4); before
 * the compensations it was 6.85 ulp (exp_poly_fast's 2^-23.2, the Mills
 * ratio's Horner roundings up to 2^-23 of F, and four roundings of the
 * float products).
 *
 * Tier: fast.  Declared bounds, f32: value 3.2 ulp, gradient 32.5 ulp
 * (just above the 1M-point figures below).  Loops: impls/math/elementwise.h
 * (four vectors per main-loop iteration, then single vectors, then a
 * masked tail that touches nothing past n; in place safe).
 *
 * Measured max error against MPFR, in ulps
 * (x86_64-avx512-bf16, 1049148 f32 points):
 *   gelu_f32_poly_fast_avx2 f32: value 3.187 ulp at x = -0x1.5ffeecp+0,
 *     gradient 32.5 ulp at x = -0x1.a229bcp-1
 */
#include "../../include/actbench/kernel.h"
#include "../simd/f32-avx2.h"
#include "../simd/f64w-avx2.h"
#include "../math/elementwise.h"
#include "../math/gelu.h"

static vf32 value(vf32 x, const void *context, vmask32 *special)
{
    (void)context;
    return gelu_poly_fast_value(x, special);
}

static vf32 derivative(vf32 x, const void *context, vmask32 *special)
{
    (void)context;
    return gelu_poly_fast_derivative(x, special);
}

void gelu_f32_poly_fast_avx2_forward(const float *x, float *y, size_t n, const struct actbench_params *p);
void gelu_f32_poly_fast_avx2_gradient(const float *x, const float *y, const float *dy, float *dx, float *dparam,
        size_t n, const struct actbench_params *p);

void gelu_f32_poly_fast_avx2_forward(const float *x, float *y, size_t n, const struct actbench_params *p)
{
    (void)p;
    elementwise_forward(x, y, n, value, gelu_special_case, NULL);
}

void gelu_f32_poly_fast_avx2_gradient(const float *x, const float *y, const float *dy, float *dx, float *dparam,
        size_t n, const struct actbench_params *p)
{
    (void)y, (void)dparam, (void)p;
    elementwise_gradient(x, dy, dx, n, derivative, gelu_derivative_special_case, NULL);
}

const struct actbench_kernel gelu_f32_poly_fast_avx2 = {
    .name = "gelu_f32_poly_fast_avx2",
    .activation = "gelu",
    .type = ACTBENCH_F32,
    .isa = "avx2",
    .unroll = ELEMENTWISE_UNROLL * VF32_LANES,
    .forward.f32 = gelu_f32_poly_fast_avx2_forward,
    .gradient.f32 = gelu_f32_poly_fast_avx2_gradient,
    /* raised from 3.2 / 32.5 (1M-point maxima) to just above the maxima over
     * all 2^32 f32 inputs (actbench --exhaustive, the AVX-512F kernel): value
     * 3.5685 ulp at x = -0x1.d7437cp+0, gradient 41.916 ulp at x = -0x1.5f03ccp-1 */
    .bounds[ACTBENCH_F32] = {.value_ulp = 3.57, .gradient_ulp = 42},
    .description = "x*Phi(x), Phi(-|x|) = exp(-x^2/2)*u*F(u), u = 1/(|x| + 3), F of degree 9, x^2 split, fast poly exp; derivative with a root window",
};
