/*
 * tanh, table method, fast tier, AVX-512F, 16 lanes.
 *
 * Algorithm (impls/math/tanh.h): tanh is odd: a = |x|, and the sign of x
 * is put back at the end (tanh(-0) = -0).  a's float bits give one of 16
 * slots: slot 0 is [0, 2^-4), slots 1 .. 15 the halves of the binades up
 * to T = 0x1.205968p+3, the first float whose tanh rounds to 1.  In slot
 * s, with t = a - c_s exact, tanh(a) ~ fma(t, q(t), c0), q of degree 5 by
 * Estrin's scheme, q = (c1 + c2*t) + t^2*((c3 + c4*t) + t^2*(c5 + c6*t))
 * (tanh_table_fast_value: three dependent FMAs after t^2 where Horner's
 * form has five); the center and the 7 coefficients come from rows of 16
 * floats held in registers (one vpermps each; c0's is merge-masked, so
 * that slot 0 gets its addend without a blend).  Each center c_s is a
 * float whose tanh lies within 2^-8 ulp of the float c0, so the last FMA
 * rounds a nearly exact sum once; slot 0 adds a itself (tanh(a) = a to the
 * last bit below 2^-12, relative accuracy down to the subnormals).  From
 * a = 1/2 on the centers sit at the right end of their slot (t <= 0),
 * where q's terms have one sign and no partial sum cancels: monotone
 * (checked on every float).  a is clamped to T and the last slot's polynomial is pinned at
 * T, so the value is 1 exactly from T on (infinities included) and 1 -
 * 2^-24 just below, as the correctly rounded tanh; NaN passes every step:
 * the value has no special case.
 * Derivative: sech^2(a) = 4E/(1 + E)^2 with E = exp(-2a) in (0, 1]: no
 * cancellation, where the textbook 1 - y^2 dies once y rounds to 1 (|x| >
 * 9.01) while sech^2 stays a normal number up to |x| = 44.36.
 * E by the fast exp of the 2^(j/8) table (impls/math/exp_table.h), then
 * 4E/((1 + E)*(1 + E)) by one division.
 * Lanes with |x| > 43.5 (where E leaves the normal range), infinities and
 * NaN are recomputed in double off the fast path (special_case).
 * Coefficients and centers: impls/math/sollya/tanh_table.sollya
 * (fpminimax, single coefficients: max relative error 2^-23.88; one slot
 * tilted, its linear term changed, to keep the boundary below it
 * monotone), written by scripts/fit-coefficients into
 * impls/math/tanh_data.c; the exp table and its polynomial:
 * impls/math/sollya/exp_table.sollya.
 *
 * Why: the accurate tier's slots and centers with one degree less (one
 * lookup and one FMA fewer): 1.58 ulp instead of 0.77.  Estrin's scheme
 * here, Horner's in the scalar and AVX2 kernels: on AVX-512F the chain of
 * dependent FMAs limits the loop (0.539 -> 0.500 cycles/element, same
 * operation count: Estrin's extra multiply against the blend the masked
 * lookup saves); on AVX2, where each lookup is two vpermps and a blend,
 * Estrin's form was slower (1.72 -> 1.86), so those kernels keep Horner's
 * (their values differ from this kernel's by a rounding at some inputs;
 * the error figures below are this kernel's own).  See
 * tanh_f32_poly_fast_* for the table-free form and
 * tanh_f32_table_accurate_* for the accurate tier.
 *
 * Speed: 0.500 cycles/element; peers libmvec 0.761, SLEEF u10 3.92, SLEEF
 * u35 1.21: 0.655x the fastest (libmvec), against the tier's 0.6x, which
 * it misses: 22 vector operations per 16 elements, eight of them register
 * lookups, at 1.455x its floor (speed.csv floor_cpe 0.344).  Tried and
 * dropped: vrangeps for min(|x|, T) (one operation less, but it returns T
 * for a quiet NaN, and sending NaN lanes to a special case measured
 * slower than the and + min it saves, in a standalone loop timing the
 * forms side by side); the slot position from a merge-masked vpsrld
 * driven by the a >= 2^-4 compare, which drops the max (21 operations:
 * 0.547 against 0.521 cycles/element, three runs alternating, load 7),
 * and the position clamped in integers from |x| (vpmaxsd, vpminsd: off
 * the float min's path, one operation more: 0.535 against 0.527, load 13).
 * In a later run of every tanh and gelu_tanh kernel (`build/actbench -A
 * gelu_tanh,tanh -f f32 --speed-only --modes throughput,gradient_throughput
 * --budget 0.2`, three runs, medians, load average 11-14) this kernel
 * measured 0.521 and libmvec 1.059: 0.49x; the ratio moves with the run
 * (libmvec 0.761 in the runs above).  Gradient from x: 0.524
 * cycles/element (the peers' gradient rows compute 1 - y^2 from the
 * stored value: 0.096).
 * (`build/actbench -A tanh -m libmvec,sleef,poly,table --speed-only --modes
 * throughput,gradient_throughput --budget 0.3`: L1-resident, median core
 * cycles per element from calibrated TSC ticks, median of three runs
 * alternated with the Horner form's binary (0.539, 0.71x in the same
 * runs), AMD EPYC Zen 5; the machine was shared (load average 9.5 to 12
 * on 2 cores during the runs), so compare within one run).
 *
 * Value checked on every float of [-10, 10] (`actbench --range=-10:10 -A
 * tanh --filter tanh_f32_table_fast_avx512f --accuracy-only`, 2185232386
 * inputs, maxima confirmed with MPFR): at most 1.5803 ulp (x =
 * -0x1.18b2a4p+2, got -0x1.ffd76p-1, want -0x1.ffd75cp-1), 0.154% of the
 * inputs over 1 ulp, no property or special-value failure; saturates at
 * 0x1.205968p+3 as the correctly rounded tanh does.  Monotone over every
 * pair of consecutive floats of (0, 10] (a sweep of this form against
 * double-precision tanh, which gives the same maximum at the same input);
 * negative x by symmetry (|x| and the sign put back).  Outside [-10, 10]
 * the value is exactly +-1 (a is clamped to T, whose slot gives 1).
 * The gradient is the code the scalar and AVX2 kernels share, checked on
 * every float 2^-24 <= x < 44.5 (double reference, worst cases confirmed
 * with MPFR at 300 bits): at most 4.8183 ulp (x = 0x1.5aaef6p+5) wherever
 * it is a normal number, no gradient death; 4.6024 ulp on [-10, 10] (x =
 * -0x1.0ae754p+2, the run above); below 2^-24 within 1 ulp.
 *
 * Tier: fast (inference, and training where a few ulps of gradient do not
 * matter).  Declared bounds, f32: value 1.6 ulp, gradient 4.9 ulp (just
 * above the exhaustive figures above).  Loops: impls/math/elementwise.h
 * (four vectors per main-loop iteration, then single vectors, then a
 * masked tail that touches nothing past n; in place safe).
 *
 * Measured max error against MPFR, in ulps
 * (x86_64-avx512-bf16, 1049148 f32 points):
 *   tanh_f32_table_fast_avx512f f32: value 1.579 ulp at x = 0x1.0670fcp+2,
 *     gradient 4.551 ulp at x = -0x1.57e738p+5
 */
#include "../../include/actbench/kernel.h"
#include "../simd/f32-avx512f.h"
#include "../simd/f64w-avx512f.h"
#include "../math/elementwise.h"
#include "../math/tanh.h"

static inline __attribute__((always_inline)) vf32 value(vf32 x, const void *context, vmask32 *special)
{
    *special = vmask32_false();
    return tanh_table_fast_value(x, context);
}

static inline __attribute__((always_inline)) vf32 derivative(vf32 x, const void *context, vmask32 *special)
{
    return tanh_table_fast_derivative(x, *(const struct exp_table_tables *)context, special);
}

void tanh_f32_table_fast_avx512f_forward(const float *x, float *y, size_t n, const struct actbench_params *p);
void tanh_f32_table_fast_avx512f_gradient(const float *x, const float *y, const float *dy, float *dx, float *dparam,
                                          size_t n, const struct actbench_params *p);

void tanh_f32_table_fast_avx512f_forward(const float *x, float *y, size_t n, const struct actbench_params *p)
{
    (void)p;
    const struct tanh_table_registers tables = tanh_table_fast_load();
    elementwise_forward(x, y, n, value, tanh_no_special_case, &tables);
}

void tanh_f32_table_fast_avx512f_gradient(const float *x, const float *y, const float *dy, float *dx, float *dparam,
                                          size_t n, const struct actbench_params *p)
{
    (void)y, (void)dparam, (void)p;
    const struct exp_table_tables tables = exp_table_load();
    elementwise_gradient(x, dy, dx, n, derivative, tanh_derivative_special_case, &tables);
}

const struct actbench_kernel tanh_f32_table_fast_avx512f = {
    .name = "tanh_f32_table_fast_avx512f",
    .activation = "tanh",
    .type = ACTBENCH_F32,
    .isa = "avx512f",
    .unroll = ELEMENTWISE_UNROLL * VF32_LANES,
    .forward.f32 = tanh_f32_table_fast_avx512f_forward,
    .gradient.f32 = tanh_f32_table_fast_avx512f_gradient,
    .bounds[ACTBENCH_F32] = {.value_ulp = 1.6, .gradient_ulp = 4.9},
    .description = "piecewise polynomials of degree 6 in 16 slots from register tables, one final FMA; derivative 4E/(1 + E)^2, E from the fast exp table",
};
