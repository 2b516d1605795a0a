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
 *   V(t) = u*(1 + f), the quotient form of impls/math/erf_table.h: u =
 *   c_j/(t + 1) by one division, f of degree 5 in u - u_j on the eight
 *   segments of the accurate AVX2 kernel (bits 22..24 of t + 1, fit error
 *   2^-25.69, impls/math/sollya/erf_rational.sollya), less the division's
 *   relative residual (u*(t + 1) - c_j from its exact FMA residual and the
 *   exact rounding error of t + 1, times 0x1.1p1 for 1/c_j, within 11%):
 *   eight vpermps, where the 32 segments of degree 4 took a row lookup of
 *   16 loads, 8 vinsertf128 and a transpose (the scalar and AVX-512F
 *   kernels keep them, and their results differ from this kernel's);
 *   Q = E*V rounded, gelu = max(x, 0) - |x|*Q in one rounding (FMA):
 *   x*Phi for both signs (x*Q for x < 0, x - x*Q for x >= 0), three
 *   operations where H + s*Q and x*Phi, each rounded, took five and one
 *   rounding more for x >= 0 (the scalar and AVX-512F kernels keep x*Phi).
 * Derivative: H + s*E*(V - t/sqrt(2 pi)), the difference in one rounding
 * (FMA), so that E*V and x*E/sqrt(2 pi) are not rounded apart where they
 * cancel (the two products rounded apart: 17.4 ulp on actbench's 1M
 * points with this V, 10.6 so); around its root x0 = -0.7518 (|x - x0| <= 1/16)
 * h*q(h) (impls/math/sollya/gelu_root.sollya).
 * Special lanes (|x| > 12.5, infinities, NaN) are recomputed in double
 * off the fast path: gelu(x) = x and gelu'(x) = 1 above 12.5; below -12.5
 * the asymptotic series of the Mills ratio with a double exp;
 * gelu(-inf) = -0, gelu(+inf) = +inf, gelu'(-inf) = -0, gelu'(+inf) = 1,
 * gelu(-0) = -0, NaN propagates.
 * Coefficients and tables: impls/math/sollya/exp_table.sollya, erf_rational.sollya and
 * gelu_root.sollya, written by scripts/fit-coefficients.
 *
 * Speed (AMD EPYC Zen 5, medians of three runs alternating with the
 * previous binary in the same minutes): 2.09 cycles/element (libmvec
 * 1.89): 1.11x the fastest peer, against the tier's 0.6x, which it misses
 * (with x*Phi: 2.14; before that, 2.37, 1.25x; the 32 segments: 3.25,
 * 1.70x); gradient 2.43 (libmvec 3.33): 0.73x (was 2.58, 0.77x).
 * `build/actbench -A gelu -f f32 -I avx2 -m libmvec,table,poly
 * --speed-only --modes throughput,gradient_throughput --budget 0.2`,
 * L1-resident, median core cycles per element.  The value is 45.5 vector
 * operations per 8 elements (5.69 an element; the 32 segments: 57, 7.1),
 * the division one of them; exp's reduction takes t^2 itself
 * (exp_table_reduce_half, one product less) and the file is compiled with
 * GCC's first scheduling pass (impls/math/interleave.h, 2.37 to 2.20
 * alone; both the same bits, all 2^32 inputs compared).  On Intel family 6
 * model 207 the 32 segments' row lookup gave 3.31 (libmvec 2.73), their
 * 32-entry register lookups 5.09.
 *
 * Checked on all 2^32 f32 inputs (`build/actbench -x -A gelu -f f32
 * --filter 'gelu_f32_table_fast_avx2$' --accuracy-only`): value at most
 * 3.2235 ulp, at x = -0x1.f79bccp+2 (inside [-10, 10]; with x*Phi:
 * 3.3810 at 0x1.f45082p-7, 618614 inputs over 2 ulp; the 32 segments:
 * 3.9400 at -0x1.8fede6p+3, 3.8125 inside), 108004 inputs over 2 ulp;
 * gradient at most 12.011 ulp, at x = -0x1.a816aap-1 (was 19.310);
 * no special-value or property failure.
 *
 * Tier: fast.  Declared bounds, f32: value 3.23 ulp, gradient 12.1 ulp,
 * just above the maxima over all of f32.  Loops: impls/math/elementwise.h
 * (four vectors per main-loop iteration, then single vectors, then a
 * masked tail that touches nothing past n; in place safe).
 *
 * Measured max error against MPFR, in ulps
 * (x86_64-avx512-bf16, 1049148 f32 points):
 *   gelu_f32_table_fast_avx2 f32: value 2.836 ulp at x = -0x1.e0906p+2,
 *     gradient 10.62 ulp at x = -0x1.a723d8p-1
 */
#include "../math/interleave.h"
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
    /* just above the maxima over all 2^32 f32 inputs (actbench
     * --exhaustive): value 3.2235 ulp at x = -0x1.f79bccp+2, gradient
     * 12.011 ulp at x = -0x1.a816aap-1 */
    .bounds[ACTBENCH_F32] = {.value_ulp = 3.23, .gradient_ulp = 12.1},
    .description = "x*Phi(x), Phi(-|x|) = exp(-x^2/2)*V with x^2 split, fast table exp, V = c_j/(x+1) times degree 5 on 8 segments (vpermps); derivative E*(V - x/sqrt(2pi)) with a root window",
};
