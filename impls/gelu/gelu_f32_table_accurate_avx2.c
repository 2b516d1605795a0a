/*
 * gelu, table method, accurate tier, AVX2 + FMA, 8 lanes.
 *
 * Algorithm (impls/math/gelu.h over impls/math/erf_table.h and
 * exp_table.h): gelu(x) = x*Phi(x) with Phi(x) = H + s*Phi(-|x|) (H = 1,
 * s = -1 for x >= 0; H = 0, s = 1 for x < 0) and the tail in relative
 * terms, Phi(-t) = exp(-t^2/2) * V(t):
 *   t^2 = s_hi + s_lo exactly; exp(-t^2/2) = E_hi*(1 + e) from the
 *   8-entry table of 2^(j/8) (hi exact, lo relative) and a degree-4
 *   polynomial, the reduced argument taking s_lo/2;
 *   V(t) = u*(1 - rel)*(1 + f), the scaled Mills ratio as a quotient
 *   times a polynomial (impls/math/erf_table.h, quotient form): u =
 *   c_j/(t + 1) by one division, rel its relative excess over the exact
 *   quotient (the division's residual by FMA, exact, plus u times the
 *   exact rounding error of t + 1, times 1/c_j), taken into exp's reduced
 *   argument; f of degree 7 in w = u - u_j corrected by rel, on eight
 *   segments picked by bits 22..24 of t + 1 (fit error 2^-30.47, |f| <=
 *   0.026, impls/math/sollya/erf_rational.sollya), each of its eleven
 *   coefficients (c_j, 1/c_j, u_j, f's eight) one vpermps, where the 32
 *   segments of degree 5 took a row lookup of 16 loads, 8 vinsertf128 and
 *   15 shuffles a vector;
 *   Q = E_hi*u + (its rounding error + Q_hi*(e + f + e*f));
 *   gelu = max(x, 0) - t*Q: t*Q_hi as an exact pair, max(x, 0) - t*Q_hi by
 *   Fast2Sum, one rounding of the sum (gelu(-0) = -0 without a sign fix;
 *   nine operations where x*Phi as a pair and the sign fix took fourteen).
 *   The scalar and AVX-512F kernels keep the 32 segments and x*Phi (with
 *   them, max(x, 0) - t*Q reached 0.9366 ulp): this kernel's results differ
 *   from theirs in the last bits.
 * No 1 + erf(x/sqrt 2): the negative tail keeps its relative accuracy down
 * to where gelu underflows (the peers lose it below x = -5.9, 1.68e7 ulp).
 * Derivative: Phi(x) + x*phi(x), Phi = H + s*Q by Fast2Sum, x*phi as a
 * float pair (x*c and x*c*E_hi with their rounding errors, c = 1/sqrt(2 pi)
 * in two floats, E's factor 1 - rel divided out); around its
 * root x0 = -0.7518 (|x - x0| <= 1/16) h*q(h) with h = (x - x0_hi) - x0_lo
 * (impls/math/sollya/gelu_root.sollya).
 * Special lanes (|x| > 12.5, infinities, NaN) are recomputed in double
 * off the fast path: gelu(x) = x and gelu'(x) = 1 above 12.5; below -12.5
 * the asymptotic series of the Mills ratio with a double exp;
 * gelu(-inf) = -0, gelu(+inf) = +inf, gelu'(-inf) = -0, gelu'(+inf) = 1,
 * gelu(-0) = -0, NaN propagates.
 * Coefficients and tables: impls/math/sollya/exp_table.sollya, erf_rational.sollya and
 * gelu_root.sollya, written by scripts/fit-coefficients (coefficients.h,
 * exp_data.c).
 *
 * Speed (AMD EPYC Zen 5, medians of three runs alternating with the
 * previous binary in the same minutes): 2.90 cycles/element (libmvec
 * 1.89): 1.53x the fastest peer, against the tier's 1.0x, which it
 * misses (before the two changes below: 3.19, 1.69x; the 32 segments:
 * 4.63, 2.46x); gradient 4.12 (libmvec 3.40; was 4.18).  `build/actbench
 * -A gelu -f f32 -I avx2 -m libmvec,table,poly --speed-only --modes
 * throughput,gradient_throughput --budget 0.2`: L1-resident, median core
 * cycles per element.  The value is 61 vector operations per 8 elements
 * (7.625 an element; the 32 segments: 75, 9.4), the division one of them;
 * exp's reduction takes t^2 itself (exp_table_reduce_half: no product by
 * 1/2, one operation), and the file is compiled with GCC's first
 * scheduling pass (impls/math/interleave.h: the four vectors' chains
 * interleaved, 3.19 to 2.95 alone); both leave the bits unchanged (all
 * 2^32 inputs compared).  Without the division 0.2 cycles/element less,
 * without f's eight vpermps 0.25 less (wrong results, measured to see the
 * costs): the time is spread over all the operations.
 * On Intel family 6 model 207 the 32 segments' row lookup gave 4.93
 * cycles/element (libmvec 2.73), their 32-entry register lookups 7.20.
 *
 * Checked on all 2^32 f32 inputs (`build/actbench -x -A gelu -f f32
 * --filter 'gelu_f32_table_accurate_avx2$' --accuracy-only`): value at
 * most 0.7746 ulp, at x = -0x1.3e059ap+2 (the 32 segments: 0.8813 at
 * -0x1.821ffp+1), no input over 1 ulp; gradient at most 2.0955 ulp, at
 * x = -0x1.8a4026p-1, beside the root window (as before).
 *
 * Tier: accurate.  Declared bounds, f32: value 0.78 ulp, gradient 2.1 ulp
 * (just above the maxima over all of f32).  Loops: impls/math/elementwise.h
 * (four vectors per main-loop iteration, then single vectors, then a
 * masked tail that touches nothing past n; in place safe).
 *
 * Measured max error against MPFR, in ulps
 * (AMD EPYC Zen 5, 1049148 f32 points):
 *   gelu_f32_table_accurate_avx2 f32: value 0.660 ulp at x = -0x1.3efd28p+3,
 *     gradient 1.776 ulp at x = -0x1.89fab8p-1
 */
#include "../math/interleave.h"
#include "../../include/actbench/kernel.h"
#include "../simd/f32-avx2.h"
#include "../simd/f64w-avx2.h"
#include "../math/elementwise.h"
#include "../math/gelu.h"

static vf32 value(vf32 x, const void *context, vmask32 *special)
{
    return gelu_table_accurate_value(x, context, special);
}

static vf32 derivative(vf32 x, const void *context, vmask32 *special)
{
    return gelu_table_accurate_derivative(x, context, special);
}

void gelu_f32_table_accurate_avx2_forward(const float *x, float *y, size_t n, const struct actbench_params *p);
void gelu_f32_table_accurate_avx2_gradient(const float *x, const float *y, const float *dy, float *dx, float *dparam,
        size_t n, const struct actbench_params *p);

void gelu_f32_table_accurate_avx2_forward(const float *x, float *y, size_t n, const struct actbench_params *p)
{
    (void)p;
    const struct gelu_accurate_tables tables = gelu_accurate_load();
    elementwise_forward(x, y, n, value, gelu_special_case, &tables);
}

void gelu_f32_table_accurate_avx2_gradient(const float *x, const float *y, const float *dy, float *dx, float *dparam,
        size_t n, const struct actbench_params *p)
{
    (void)y, (void)dparam, (void)p;
    const struct gelu_accurate_tables tables = gelu_accurate_load();
    elementwise_gradient(x, dy, dx, n, derivative, gelu_derivative_special_case, &tables);
}

const struct actbench_kernel gelu_f32_table_accurate_avx2 = {
    .name = "gelu_f32_table_accurate_avx2",
    .activation = "gelu",
    .type = ACTBENCH_F32,
    .isa = "avx2",
    .unroll = ELEMENTWISE_UNROLL * VF32_LANES,
    .forward.f32 = gelu_f32_table_accurate_avx2_forward,
    .gradient.f32 = gelu_f32_table_accurate_avx2_gradient,
    /* just above the maxima over all 2^32 f32 inputs (actbench --exhaustive):
     * value 0.7746 ulp at x = -0x1.3e059ap+2, gradient 2.0955 ulp at
     * x = -0x1.8a4026p-1 */
    .bounds[ACTBENCH_F32] = {.value_ulp = 0.78, .gradient_ulp = 2.1},
    .description = "x*Phi(x), Phi(-|x|) = exp(-x^2/2)*V with x^2 split, exp from 2^(j/8) hi/lo table, V = c_j/(x+1) times degree 7 on 8 segments (vpermps), compensated; derivative with a root window",
};
