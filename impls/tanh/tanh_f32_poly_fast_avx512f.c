/*
 * tanh, poly method, fast tier, AVX-512F, 16 lanes.
 *
 * Algorithm (impls/math/tanh.h): tanh is odd: a = |x|, and the sign of x
 * is put back at the end (tanh(-0) = -0).  tanh(a) = -m/(m + 2) with m =
 * expm1(-2a): -2a = k*ln2 + r (one-FMA reduction, ln2 rounded to float,
 * |r| <= ln2/2), m = fma(2^k, p(r), 2^k - 1) with p(r) = r + r^2*q(r) of
 * degree 6 and 2^k - 1 exact, so m keeps its relative accuracy where k = 0
 * and the one division needs no small-|x| path (no table).  The value is
 * min(y, 1 - 2^-24) below T = 0x1.205968p+3 (the first float whose tanh
 * rounds to 1) and 1 from T on, so it saturates exactly where the
 * correctly rounded tanh does, infinities included; NaN passes every step:
 * the value has no special case.  Monotone: within one k, r falls as a
 * rises, p's rounding noise (scaled by r^2) is far below a step of r, and
 * the quotient of -m (rising) by m + 2 (falling) rounds monotonically.
 * Derivative: sech^2(a) = 4E/(1 + E)^2 with E = exp(-2a) in (0, 1] by the
 * fast exp polynomial (impls/math/exp_poly.h), then 4E/((1 + E)*(1 + E))
 * by one division: no cancellation, where the textbook 1 - y^2 dies once y
 * rounds to 1 (|x| > 9.01) while sech^2 stays a normal number up to |x| =
 * 44.36.  Lanes with |x| > 43.5 (where E leaves the normal range),
 * infinities and NaN are recomputed in double off the fast path
 * (special_case).
 * Coefficients: impls/math/sollya/tanh_poly.sollya (expm1 on [-ln2/2,
 * ln2/2], fpminimax with r fixed, single coefficients: max relative error
 * 2^-26.09) and impls/math/sollya/exp_poly.sollya, written by
 * scripts/fit-coefficients into impls/math/coefficients.h.
 *
 * Why poly for the fast tier: no table and no lookups, one division; the
 * one-FMA reduction and the single-float expm1 leave 2.50 ulp.  See
 * tanh_f32_table_fast_* for the table form (1.58 ulp) and
 * tanh_f32_table_accurate_* for the accurate tier.
 *
 * Speed: 0.612 cycles/element; peers libmvec 0.76, SLEEF u10 3.92, SLEEF
 * u35 1.21: 0.81x the fastest (libmvec), against the tier's 0.6x, which it
 * misses: 21 vector operations per 16 elements, one of them a division, at
 * 1.87x its floor (speed.csv floor_cpe 0.328).  Gradient from x: 0.548
 * cycles/element (the peers' gradient rows compute 1 - y^2 from the stored
 * value: 0.096).
 * (`build/actbench -A tanh --speed-only --modes throughput,gradient_throughput --budget 0.2`:
 * L1-resident, median core cycles per element from calibrated TSC ticks,
 * median of three runs, AMD EPYC Zen 5; the machine was shared (load
 * average 13 on 2 cores during the runs), so compare within one run).
 *
 * Checked on every float 2^-24 <= x < 44.5 (double reference, worst cases
 * confirmed with MPFR at 300 bits; the scalar, AVX2 and AVX-512F
 * kernels give the same maxima at the same inputs):
 * value at most 2.4984 ulp (x = 0x1.205368p+2), the same on [-10, 10];
 * gradient at most 5.0300 ulp (x = 0x1.58fab2p+5) wherever it is a normal
 * number, no gradient death; monotone (every pair of consecutive floats);
 * negative x by symmetry (|x| and the sign put back; actbench's sample
 * covers both).
 * Every other non-negative float too: below 2^-24 the value is one float
 * off x at most (just over 1 ulp) and the gradient within 1 ulp; from 44.5
 * on, +inf included, the value is exactly 1.
 *
 * Tier: fast (inference, and training where a few ulps of gradient do not
 * matter).  Declared bounds, f32: value 2.5 ulp, gradient 5.1 ulp (just
 * above the exhaustive figures above).  Loops: impls/math/elementwise.h
 * (four vectors per main-loop iteration, then single vectors, then a
 * masked tail that touches nothing past n; in place safe).
 *
 * Measured max error against MPFR, in ulps
 * (x86_64-avx512-bf16, 1049148 f32 points):
 *   tanh_f32_poly_fast_avx512f f32: value 2.489 ulp at x = 0x1.2003dap+2,
 *     gradient 4.823 ulp at x = 0x1.5bb544p+5
 */
#include "../../include/actbench/kernel.h"
#include "../simd/f32-avx512f.h"
#include "../simd/f64w-avx512f.h"
#include "../math/elementwise.h"
#include "../math/tanh.h"

static inline __attribute__((always_inline)) vf32 value(vf32 x, const void *context, vmask32 *special)
{
    (void)context;
    *special = vmask32_false();
    return tanh_poly_fast_value(x);
}

static inline __attribute__((always_inline)) vf32 derivative(vf32 x, const void *context, vmask32 *special)
{
    (void)context;
    return tanh_poly_fast_derivative(x, special);
}

void tanh_f32_poly_fast_avx512f_forward(const float *x, float *y, size_t n, const struct actbench_params *p);
void tanh_f32_poly_fast_avx512f_gradient(const float *x, const float *y, const float *dy, float *dx, float *dparam,
                                         size_t n, const struct actbench_params *p);

void tanh_f32_poly_fast_avx512f_forward(const float *x, float *y, size_t n, const struct actbench_params *p)
{
    (void)p;
    elementwise_forward(x, y, n, value, tanh_no_special_case, NULL);
}

void tanh_f32_poly_fast_avx512f_gradient(const float *x, const float *y, const float *dy, float *dx, float *dparam,
                                         size_t n, const struct actbench_params *p)
{
    (void)y, (void)dparam, (void)p;
    elementwise_gradient(x, dy, dx, n, derivative, tanh_derivative_special_case, NULL);
}

const struct actbench_kernel tanh_f32_poly_fast_avx512f = {
    .name = "tanh_f32_poly_fast_avx512f",
    .activation = "tanh",
    .type = ACTBENCH_F32,
    .isa = "avx512f",
    .unroll = ELEMENTWISE_UNROLL * VF32_LANES,
    .forward.f32 = tanh_f32_poly_fast_avx512f_forward,
    .gradient.f32 = tanh_f32_poly_fast_avx512f_gradient,
    .bounds[ACTBENCH_F32] = {.value_ulp = 2.5, .gradient_ulp = 5.1},
    .description = "-m/(m + 2), m = expm1(-2|x|) = fma(2^k, p(r), 2^k - 1) with a degree-6 minimax p, one division; derivative 4E/(1 + E)^2, E by the fast exp poly",
};
