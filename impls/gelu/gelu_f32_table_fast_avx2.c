/*
 * gelu, table method, fast tier, AVX2 + FMA, 8 lanes.
 *
 * Algorithm (impls/math/gelu.h over impls/math/erf_table.h and
 * exp_table.h): gelu(x) = x*Phi(x), Phi(x) = H + s*Phi(-|x|) as in
 * gelu_f32_table_accurate_*, Phi(-t) = exp(-t^2/2) * V(t) in plain float:
 *   exp(-(s_hi + s_lo)/2) by exp_table_fast's 8-entry table and degree-3
 *   polynomial, s_lo/2 added to the reduced argument (t^2 = s_hi + s_lo
 *   split exactly: without s_lo the tail's argument is off by 2^-18 at
 *   x = -10; as a factor 1 - s_lo/2 it cost one more operation and
 *   rounding, 3.97 ulp against 3.30 on 16.7M points of [-10, 10]);
 *   V(t) = V_j*(1 + d*p(d)) from the same 32 segments, p of degree 3
 *   (fit error 2^-23.7); V_j and c1..c4 of a segment are one 32-byte row
 *   of erf_table_fast_rows (32 rows, 1 KiB, impls/math/erf_data.c),
 *   loaded per lane as two 128-bit halves and transposed 4x4 in 128-bit
 *   lanes (vf32_rows8_lookup; five 32-entry register lookups took 20
 *   vpermps and 15 vblendvps; the same floats, the same results bit for
 *   bit on all 2^32 inputs);
 *   Q = E*V, Phi = H + s*Q and gelu = x*Phi, each rounded.
 * Derivative: Phi(x) + x*phi(x), phi = E/sqrt(2 pi); around its root
 * x0 = -0.7518 (|x - x0| <= 1/16) h*q(h) (impls/math/sollya/gelu_root.sollya).
 * Special lanes (|x| > 12.5, infinities, NaN) are recomputed in double
 * off the fast path: gelu(x) = x and gelu'(x) = 1 above 12.5; below -12.5
 * the asymptotic series of the Mills ratio with a double exp;
 * gelu(-inf) = -0, gelu(+inf) = +inf, gelu'(-inf) = -0, gelu'(+inf) = 1,
 * gelu(-0) = -0, NaN propagates.
 * Coefficients and tables: impls/math/sollya/exp_table.sollya, erf_table.sollya and
 * gelu_root.sollya, written by scripts/fit-coefficients.
 *
 * Speed (Intel Xeon family 6 model 207, Sapphire/Emerald Rapids class,
 * load average 5.7 on 2 cores): 3.31 cycles/element (libmvec 2.73, SLEEF
 * u10 13.9): 1.21x the fastest (libmvec), against the tier's 0.6x, which
 * it misses; gradient 3.85 (libmvec 4.17): 0.92x; the former register
 * lookups, alternating in the same minutes: 5.09 (1.97x) and 5.36
 * (1.30x) (`build/actbench -A gelu -f f32 -I avx2 -m
 * libmvec,sleef,table,poly --speed-only --modes
 * throughput,gradient_throughput --budget 0.2`, L1-resident, median core
 * cycles per element).
 * On AMD EPYC Zen 5, with the register lookups:
 * 3.23 cycles/element (peers libmvec 1.92, SLEEF u10 12.5): 1.68x the fastest
 * (libmvec), against the tier's 0.6x, which it misses; gradient
 * 3.41 (libmvec 3.37): 1.01x; before the two operations fewer, same runs:
 * 3.43 (1.79x) and 3.54 (1.05x).  The five 32-entry lookups (seven
 * operations each on AVX2) are most of the gap: with each replaced by a
 * single vpermps (wrong values, timing only, a standalone loop over
 * uniform [-10, 10]) the value took 0.47 of its time, measured against the
 * lookup-free poly fast value in the same runs
 * (`build/actbench -A gelu,gelu_tanh -m libmvec,sleef,poly,table,onednn,eigen,xnnpack,highway
 * --speed-only --modes throughput,gradient_throughput --budget 0.3`, medians
 * of three runs alternating with the previous form's: L1-resident, uniform
 * [-10, 10], median core cycles per element, AMD EPYC Zen 5 under a load
 * average of 17 to 27 on 2 cores, so compare within one run).
 *
 * Checked on actbench's 1M-point sample only (half binade-stratified, half
 * uniform on [-10, 10]; no exhaustive check of all of f32 yet), the
 * scalar, AVX2 and AVX-512F kernels giving the same maxima at the same inputs.
 * On [-10, 10] the value is at most 3.3 ulp on that sample, within the
 * tier's 4 ulp; every float of [-10, 10] (`build/actbench --range -10:-8`,
 * then `-8:-2`, `-2:0` and `0:10`, `-A gelu -m table --filter fast_avx512f
 * --accuracy-only`) reaches 3.81 ulp at x = -0x1.d4b2d8p+2 (the form with
 * the factor 1 - s_lo/2: 4.40 ulp at x = -0x1.d4b316p+2, over the tier's
 * 4), and the gradient 19.3 ulp at x = -0x1.60b71ep-1, above the declared
 * 15.6 (the same with either form).
 *
 * Tier: fast.  Declared bounds, f32: value 3.95 ulp, above the maximum
 * over all 2^32 f32 inputs, 3.9400 ulp at x = -0x1.8fede6p+3 (3.81 on
 * [-10, 10]); gradient 19.4 ulp, above its maximum over all of f32,
 * 19.31 ulp at -0x1.60b71ep-1 (the 1M-point sample's 15.5 missed it).  Loops: impls/math/elementwise.h
 * (four vectors per main-loop iteration, then single vectors, then a
 * masked tail that touches nothing past n; in place safe).
 *
 * Measured max error against MPFR, in ulps
 * (x86_64-avx512-bf16, 1049148 f32 points):
 *   gelu_f32_table_fast_avx2 f32: value 3.296 ulp at x = -0x1.daae56p+2,
 *     gradient 15.5 ulp at x = -0x1.5e9b48p-1
 */
#include "../../include/actbench/kernel.h"
#include "../simd/f32-avx2.h"
#include "../simd/f64w-avx2.h"
#include "../math/elementwise.h"
#include "../math/gelu.h"

static vf32 value(vf32 x, const void *context, vmask32 *special)
{
    return gelu_table_fast_value(x, context, special);
}

static vf32 derivative(vf32 x, const void *context, vmask32 *special)
{
    return gelu_table_fast_derivative(x, context, special);
}

void gelu_f32_table_fast_avx2_forward(const float *x, float *y, size_t n, const struct actbench_params *p);
void gelu_f32_table_fast_avx2_gradient(const float *x, const float *y, const float *dy, float *dx, float *dparam,
        size_t n, const struct actbench_params *p);

void gelu_f32_table_fast_avx2_forward(const float *x, float *y, size_t n, const struct actbench_params *p)
{
    (void)p;
    const struct gelu_fast_tables tables = gelu_fast_load();
    elementwise_forward(x, y, n, value, gelu_special_case, &tables);
}

void gelu_f32_table_fast_avx2_gradient(const float *x, const float *y, const float *dy, float *dx, float *dparam,
        size_t n, const struct actbench_params *p)
{
    (void)y, (void)dparam, (void)p;
    const struct gelu_fast_tables tables = gelu_fast_load();
    elementwise_gradient(x, dy, dx, n, derivative, gelu_derivative_special_case, &tables);
}

const struct actbench_kernel gelu_f32_table_fast_avx2 = {
    .name = "gelu_f32_table_fast_avx2",
    .activation = "gelu",
    .type = ACTBENCH_F32,
    .isa = "avx2",
    .unroll = ELEMENTWISE_UNROLL * VF32_LANES,
    .forward.f32 = gelu_f32_table_fast_avx2_forward,
    .gradient.f32 = gelu_f32_table_fast_avx2_gradient,
    /* value raised from 3.9 to just above the maximum over all 2^32 f32
     * inputs (actbench --exhaustive, the AVX-512F kernel; the scalar and
     * AVX2 kernels give the same figure there): 3.9400 ulp at
     * x = -0x1.8fede6p+3, outside [-10, 10] (3.8125 inside); gradient
     * 19.310 ulp at x = -0x1.60b71ep-1 over all of f32 */
    .bounds[ACTBENCH_F32] = {.value_ulp = 3.95, .gradient_ulp = 19.4},
    .description = "x*Phi(x), Phi(-|x|) = exp(-x^2/2)*V with x^2 split, fast table exp, V from 32 segments of degree 3; derivative with a root window",
};
