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
 *   On AVX2 the value takes the shorter chain of
 *   impls/math/gelu_poly_fast_estrin.h: F's first nine terms and exp's
 *   polynomial by Estrin's scheme (F's c1 and c2 steps by Horner's
 *   rule), t^2/2 split as (t/2)*t, the form
 *   picked by x's sign bit (the scalar and AVX-512F kernels keep
 *   Horner's rule: their results differ from this kernel's in the last
 *   bits).
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
 * Speed: 2.92 cycles/element (peers: libmvec 1.89, the fastest): 1.54x,
 * against the tier's 0.6x (1.13), which it misses; gradient 2.63 against
 * libmvec's 3.40: 0.77x.  Compiled with GCC's first scheduling pass
 * (impls/math/interleave.h: the four vectors' chains interleaved, the
 * same bits over all 2^32 inputs); without it 3.37 and 2.69, same runs
 * (`build/actbench -A gelu -f f32 -I avx2 -m libmvec,table,poly
 * --speed-only --modes throughput,gradient_throughput --budget 0.2`,
 * medians of three runs alternating with the previous binary:
 * L1-resident, median core cycles per element, AMD EPYC Zen 5, compare
 * within one run; Horner's rule in place of its Estrin steps measured
 * 3.52 against 3.37 before).  The
 * value is 49 vector operations per 8 elements (6.1 per element, floor
 * 1.53 cycles; 33 of them FMAs or products, the kernel operation
 * counter's and objdump's count of the main loop): its operations alone
 * leave 1.13 out of reach, and the compensations the tier's 4 ulp needs
 * (gelu.h: 6.85 ulp without them) are a quarter of them.
 *
 * The value over every float of [-12.5, 12.5], where the fast path runs
 * (`build/actbench --range=-12.5:12.5 -A gelu --filter
 * 'gelu_f32_poly_fast_avx2$' --accuracy-only`): at most 3.5685 ulp, at
 * x = -0x1.d7437cp+0, the maximum and worst input the AVX-512F kernel's
 * Horner form has over all of f32 (the tier's goal on [-10, 10]: 4);
 * 4.51% of those inputs over 1 ulp; gradient 41.916 ulp at
 * x = -0x1.5f03ccp-1.  Outside it the lanes take gelu_special_case, the
 * same code as the scalar and AVX-512F kernels': every finite float below
 * -12.5 within 0.5015 ulp (value) and 0.501 ulp (gradient), above 12.5
 * exact (`--range=-0x1.fffffep+127:-0x1.900002p+3` and
 * `--range=0x1.900002p+3:0x1.fffffep+127`), so that the maxima above are
 * those over all of f32; infinities and NaN are the special values of
 * the sample's runs.  Before the
 * compensations the value reached 6.85 ulp (exp_poly_fast's 2^-23.2, the
 * Mills ratio's Horner roundings up to 2^-23 of F, and four roundings of
 * the float products).
 *
 * Tier: fast; for inference with the erf form of gelu (BERT, ViT), where
 * a few ulps do not matter but the negative tail keeps its relative
 * accuracy.  Declared bounds, f32: value 3.57 ulp, gradient 42 ulp, just
 * above the maxima over all 2^32 f32 inputs of the AVX-512F kernel (value
 * 3.5685, gradient 41.916 ulp) and over all of them of this one (the
 * same figures).  Loops: impls/math/elementwise.h (four
 * vectors per main-loop iteration, then single vectors, then a masked
 * tail that touches nothing past n; in place safe).
 *
 * Measured max error against MPFR, in ulps
 * (x86_64-avx512-bf16, 1049148 f32 points):
 *   gelu_f32_poly_fast_avx2 f32: value 3.187 ulp at x = -0x1.5ffeecp+0,
 *     gradient 32.5 ulp at x = -0x1.a229bcp-1
 */
#include "../math/interleave.h"
#include "../../include/actbench/kernel.h"
#include "../simd/f32-avx2.h"
#include "../simd/f64w-avx2.h"
#include "../math/elementwise.h"
#include "../math/gelu.h"
#include "../math/gelu_poly_fast_estrin.h"

static vf32 value(vf32 x, const void *context, vmask32 *special)
{
    (void)context;
    return gelu_poly_fast_estrin_value(x, special);
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
