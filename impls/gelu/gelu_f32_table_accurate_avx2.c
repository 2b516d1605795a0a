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
 *   V(t) = V_j*(1 + v), the scaled Mills ratio in 32 segments picked by
 *   the bits of t + 1, v of degree 5 (fit error 2^-29); the seven
 *   entries of a segment (V_j, c0..c5) are one 32-byte row of
 *   erf_table_accurate_rows (32 rows, 1 KiB, impls/math/erf_data.c): each
 *   lane loads its row as two 128-bit halves and a 4x4 transpose in
 *   128-bit lanes gives the seven vectors (vf32_rows8_lookup: 16 loads, 8
 *   vinsertf128 and 15 in-lane shuffles a vector, where seven 32-entry
 *   register lookups took 28 vpermps and 21 vblendvps; the same floats,
 *   so the same results bit for bit on all 2^32 inputs);
 *   Q = E_hi*V_j + (its rounding error + Q_hi*(e + v + e*v)), Phi as a
 *   float pair by Fast2Sum, gelu = x*Phi_hi + x*Phi_lo with one rounding.
 * No 1 + erf(x/sqrt 2): the negative tail keeps its relative accuracy down
 * to where gelu underflows (the peers lose it below x = -5.9, 1.68e7 ulp).
 * Derivative: Phi(x) + x*phi(x), x*phi as a float pair (x*c and x*c*E_hi
 * with their rounding errors, c = 1/sqrt(2 pi) in two floats); around its
 * root x0 = -0.7518 (|x - x0| <= 1/16) h*q(h) with h = (x - x0_hi) - x0_lo
 * (impls/math/sollya/gelu_root.sollya).
 * Special lanes (|x| > 12.5, infinities, NaN) are recomputed in double
 * off the fast path: gelu(x) = x and gelu'(x) = 1 above 12.5; below -12.5
 * the asymptotic series of the Mills ratio with a double exp;
 * gelu(-inf) = -0, gelu(+inf) = +inf, gelu'(-inf) = -0, gelu'(+inf) = 1,
 * gelu(-0) = -0, NaN propagates.
 * Coefficients and tables: impls/math/sollya/exp_table.sollya, erf_table.sollya and
 * gelu_root.sollya, written by scripts/fit-coefficients (coefficients.h,
 * exp_data.c, erf_data.c).
 *
 * Speed (Intel Xeon family 6 model 207, Sapphire/Emerald Rapids class,
 * load average 5.7 on 2 cores, so compare within one run): 4.93
 * cycles/element (libmvec 2.73, SLEEF u10 13.9): 1.81x the fastest
 * (libmvec), against the tier's 1.0x, which it misses; gradient 5.38
 * (libmvec 4.17, SLEEF u10 17.5): 1.29x.  The former form with 32-entry
 * register lookups, alternating in the same minutes: 7.20 (2.78x) and
 * 7.84 (1.90x).  `build/actbench -A gelu -f f32 -I avx2 -m
 * libmvec,sleef,table,poly --speed-only --modes
 * throughput,gradient_throughput --budget 0.2`: L1-resident, median core
 * cycles per element.  What remains (llvm-mca -mcpu=icelake-server on the
 * forward loop): about 10 vector uops an element spread over ports 0, 1
 * and 5 (the transposes 2 of them, the three vblendvps of the sign
 * logic 1.1), no one port the bottleneck.
 * On AMD EPYC Zen 5 with the register lookups: 4.4 cycles/element
 * (libmvec 1.9), gradient 4.74 (libmvec 3.33), under a load average of 13.
 *
 * Checked on actbench's 1M-point sample only (half binade-stratified, half
 * uniform on [-10, 10]; no exhaustive check of all of f32 yet), the
 * scalar, AVX2 and AVX-512F kernels giving the same maxima at the same inputs.
 *
 * Tier: accurate.  Declared bounds, f32: value 0.74 ulp, gradient 1.8 ulp
 * (just above the 1M-point figures below).  Loops: impls/math/elementwise.h
 * (four vectors per main-loop iteration, then single vectors, then a
 * masked tail that touches nothing past n; in place safe).
 *
 * Measured max error against MPFR, in ulps
 * (x86_64-avx512-bf16, 1049148 f32 points):
 *   gelu_f32_table_accurate_avx2 f32: value 0.736 ulp at x = -0x1.1bf5e4p+3,
 *     gradient 1.776 ulp at x = -0x1.89fab8p-1
 */
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
    /* raised from 0.74 / 1.8 (1M-point maxima) to just above the maxima over
     * all 2^32 f32 inputs (actbench --exhaustive, the AVX-512F kernel): value
     * 0.8813 ulp at x = -0x1.821ffp+1, gradient 2.0955 ulp at x = -0x1.8a4026p-1 */
    .bounds[ACTBENCH_F32] = {.value_ulp = 0.89, .gradient_ulp = 2.1},
    .description = "x*Phi(x), Phi(-|x|) = exp(-x^2/2)*V with x^2 split, exp from 2^(j/8) hi/lo table, V from 32 segments of degree 5, compensated; derivative with a root window",
};
