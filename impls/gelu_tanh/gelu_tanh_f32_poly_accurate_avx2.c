/*
 * gelu_tanh, poly method, accurate tier, AVX2 + FMA, 8 lanes.
 *
 * Algorithm (impls/math/poly_accurate.h over impls/math/gelu_tanh.h):
 * gelu_tanh(x) = x/2 (1 + tanh(u)) = x*sigmoid(z), z = 2u = c1*x + c3*x^3,
 * c1 = 2 sqrt(2/pi), c3 = 0.044715 c1; value x/(1 + E), E = exp(-z), with z
 * in double (x^2 exact, z within 2^-51 relative, so e^z keeps its relative
 * accuracy at large negative x, where 1 + tanh(u) cancels in every peer) of
 * min(5.5, x): beyond, the value rounds to x and the derivative to 1; x
 * clamped to -20 below (the results round to -0 there) and z to [-150, 150].
 * Derivative r*(1 + x*z'*E*r), r = 1/(1 + E), z' = c1 + 3*c3*x^2; around its
 * root x0 = -0.7518 (|x - x0| <= 1/16) h*q(h), h = (x - x0_hi) - x0_lo
 * (impls/math/sollya/gelu_tanh_root.sollya), in float.
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
 * Coefficients: impls/math/sollya/exp_poly.sollya and gelu_tanh_root.sollya,
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
 * Speed, with the special lanes from x < -10 on (impls/math/gelu_tanh.h):
 * 3.737 cycles/element, gradient 5.040; fastest peer libmvec 3.395, gradient
 * 3.781: 1.10x and 1.33x, against the tier's 1.0x, which it misses; the
 * build before, special from x < -9.9, same runs: 3.731 and 5.038 (it computes in double)
 * (`build/actbench -A gelu_tanh -f f32 --filter
 * 'gelu_tanh_f32_(libmvec|sleef.*|table_fast|table_accurate|poly_fast|poly_accurate)_(avx2|avx512f)'
 * --speed-only --modes throughput,gradient_throughput --budget 0.2`, three
 * runs alternating with the build before, medians; L1-resident, uniform
 * [-10, 10], AMD EPYC Zen 5, load average 12-14 on 2 cores: compare within
 * one run).
 * In another run of every gelu_tanh and tanh kernel (`build/actbench -A
 * gelu_tanh,tanh -f f32 --speed-only --modes throughput,gradient_throughput
 * --budget 0.2`, three runs, medians, load 11-14) libmvec measured 1.43 on
 * AVX-512F and 3.86 on AVX2, the table kernels 0.965 and 1.70 (AVX-512F),
 * 1.94 and 3.53 (AVX2), fast and accurate: the ratios move with the run.
 * Earlier figures:
 * 3.730 cycles/element, gradient 5.032; fastest peer libmvec 3.388,
 * gradient 3.760: 1.10x and 1.34x, against the tier's 1.0x, which it misses;
 * with four vectors per iteration, same runs: 3.793 and 4.940 (1.12x, 1.31x)
 * (`build/actbench -A gelu_tanh -m libmvec,sleef,poly,table -f f32 -I
 * avx2,avx512f --speed-only --modes throughput,gradient_throughput --budget
 * 0.3`, three runs alternating with the four-vector build, medians; load
 * average 12-14 on 2 cores: compare within one run). Earlier, four vectors per
 * iteration: 3.8 cycles/element, gradient 4.96; fastest peer libmvec 3.39,
 * gradient 3.75: 1.12x and 1.32x, against the tier's 1.0x, which it misses;
 * the table kernel, same run: 4.98 and 8.36.  Widening to double halves the
 * lanes per instruction and every division is a double one (about half
 * vdivps's throughput): about twice the cost of the table kernel, which
 * computes in float around a compensated table exp; the accuracy bought is 0.5
 * + 2^-6 ulp before any fit error.  The table kernel is slower here: its float
 * pair for z and its compensation cost more than the double form's second lane
 * group.  (`build/actbench -A sigmoid,silu,tanh,elu,selu,softplus,gelu_tanh
 * --speed-only --modes throughput,gradient_throughput --budget 0.2`:
 * L1-resident, uniform [-10, 10], median core cycles per element, AMD EPYC Zen
 * 5, load average 16 on 2 cores: compare within the run.)
 *
 * Tier: accurate.  For training GPT-2/BERT-style models that use the tanh
 * form of gelu (PyTorch approximate="tanh"), where the negative tail keeps
 * its relative accuracy (the peers lose all digits there, 1.7e7 ulp); the
 * fast tier for inference. Declared bounds, f32: value 0.51 ulp, gradient
 * 2.31 ulp, just above the maxima over all 2^32 f32 inputs (value
 * 0.50077 ulp at -0x1.1bb456p+3, gradient 2.3073 ulp at -0x1.814bdap-1,
 * in the root window, where the float fit h*q(h) gives the result; the
 * 1M-point sample gave 0.5007 and 1.753; the scalar, AVX2 and AVX-512F
 * kernels give the same figures). Loops: impls/math/elementwise_narrow.h (one
 * vector per iteration, faster than four on AVX2, see Speed; then a masked
 * tail that touches nothing past n; in place safe); the scalar, AVX2 and
 * AVX-512F kernels round the same double results and agree bit for bit on the
 * sample.  No exhaustive check over all of f32 has been run: the figures below
 * are 1M-point figures.
 *
 * Measured max error against MPFR, in ulps
 * (x86_64-avx512-bf16, 1049148 f32 points):
 *   gelu_tanh_f32_poly_accurate_avx2 f32: value 0.5007 ulp at x = -0x1.0ddef6p+3,
 *     gradient 1.753 ulp at x = -0x1.7f3d8ap-1
 */
#include "../../include/actbench/kernel.h"
#include "../simd/f32-avx2.h"
#include "../simd/f64w-avx2.h"
#include "../math/elementwise_narrow.h"
#include "../math/poly_accurate.h"

static inline __attribute__((always_inline)) vf32 value(vf32 x, const void *context, vmask32 *special)
{
    (void)context;
    return gelu_tanh_poly_accurate_value(x, special);
}

static inline __attribute__((always_inline)) vf32 derivative(vf32 x, const void *context, vmask32 *special)
{
    (void)context;
    return gelu_tanh_poly_accurate_derivative(x, special);
}

void gelu_tanh_f32_poly_accurate_avx2_forward(const float *x, float *y, size_t n, const struct actbench_params *p);
void gelu_tanh_f32_poly_accurate_avx2_gradient(const float *x, const float *y, const float *dy, float *dx, float *dparam,
                                               size_t n, const struct actbench_params *p);

void gelu_tanh_f32_poly_accurate_avx2_forward(const float *x, float *y, size_t n, const struct actbench_params *p)
{
    (void)p;
    elementwise_single_forward(x, y, n, value, poly_accurate_no_special_case, NULL);
}

void gelu_tanh_f32_poly_accurate_avx2_gradient(const float *x, const float *y, const float *dy, float *dx, float *dparam,
                                               size_t n, const struct actbench_params *p)
{
    (void)y, (void)dparam, (void)p;
    elementwise_single_gradient(x, dy, dx, n, derivative, poly_accurate_no_special_case, NULL);
}

const struct actbench_kernel gelu_tanh_f32_poly_accurate_avx2 = {
    .name = "gelu_tanh_f32_poly_accurate_avx2",
    .activation = "gelu_tanh",
    .type = ACTBENCH_F32,
    .isa = "avx2",
    .unroll = VF32_LANES,
    .forward.f32 = gelu_tanh_f32_poly_accurate_avx2_forward,
    .gradient.f32 = gelu_tanh_f32_poly_accurate_avx2_gradient,
    /* raised from 0.51 / 1.76 to just above the maxima over all 2^32
     * f32 inputs (actbench --exhaustive, the AVX-512F kernel; the scalar and
     * AVX2 kernels give the same figures at both inputs): value 0.50077 ulp
     * at x = -0x1.1bb456p+3, gradient 2.3073 ulp at x = -0x1.814bdap-1 */
    .bounds[ACTBENCH_F32] = {.value_ulp = 0.51, .gradient_ulp = 2.31},
    .description = "x/(1 + exp(-z)), z = c1 x + c3 x^3, exp by a degree-7 poly with 2^k (no table), in double with one rounding; derivative r(1 + x z' E r) with a root window",
};
