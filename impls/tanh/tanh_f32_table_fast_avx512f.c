/*
 * tanh, table method, fast tier, AVX-512F, 16 lanes.
 *
 * Algorithm (impls/math/tanh.h): tanh is odd: a = |x|, and the sign of x
 * is put back at the end (tanh(-0) = -0).  a's float bits give one of 16
 * slots: slot 0 is [0, 2^-4), slots 1 .. 15 the halves of the binades up
 * to T = 0x1.205968p+3, the first float whose tanh rounds to 1.  In slot
 * s, with t = a - c_s exact, tanh(a) ~ fma(t, q(t), c0), q of degree 5 by
 * Estrin's scheme, q = (c1 + c2*t) + t^2*((c3 + c4*t) + t^2*(c5 + c6*t))
 * (tanh_table_fast_value_folded: three dependent FMAs after t^2 where
 * Horner's form has five); the center and the 7 coefficients come from
 * rows of 16 floats held in registers (one vpermps each).  Each center c_s
 * is a float whose tanh lies within 2^-8 ulp of the float c0, so the last
 * FMA rounds a nearly exact sum once.  Slot 0 (a < 2^-4, center and c0
 * both 0) is folded into the table: its c1, 0 in the table, is 1 in the
 * register, so the last step there is y = a*q' with q' = 1 + q rounded
 * once (tanh(a) = a to the last bit below 2^-12, relative accuracy down
 * to the subnormals; the exact product still rises with a, so it is
 * monotone).  No compare, mask or blend for slot 0.  From
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
 * dependent FMAs limited the loop (0.539 -> 0.500 cycles/element with
 * slot 0 through a blend or a masked lookup; on the folded table Horner's
 * form measured 0.469 against 0.460, see below); on AVX2, where each lookup is two vpermps and a blend,
 * Estrin's form was slower (1.72 -> 1.86), so those kernels keep Horner's
 * (their values differ from this kernel's by a rounding at some inputs;
 * the error figures below are this kernel's own).  See
 * tanh_f32_poly_fast_* for the table-free form and
 * tanh_f32_table_accurate_* for the accurate tier.
 *
 * Speed: 0.460 cycles/element; peers libmvec 0.761, SLEEF u35 1.208,
 * SLEEF u10 3.92: 0.604x the fastest (libmvec), against the tier's 0.6x,
 * which it misses by a hair: 21 vector operations per 16 elements (speed.csv
 * ops_per_element 1.3125, floor_cpe 0.328, ratio_to_floor 1.40), eight of
 * them register lookups.  The former form (slot 0's addend through a
 * compare and a merge-masked lookup, the sign put back through a copy of
 * the sign mask, the position clamped by vmaxps) measured 0.500 in the
 * same runs (0.658x): folding slot 0 into the table saves the compare and
 * the copy of u the merge needs, the ternary logic now overwrites y and
 * reads x from memory, and vpmaxsd runs on any vector ALU pipe where
 * vmaxps shares two with the adds.  Measured on this core (a standalone
 * loop of independent operations): vpermps and vcmpps into a mask share
 * two pipes, the FMAs and multiplies two, one of them the same as the
 * lookups', so the eight lookups and seven FMAs and multiplies, not the
 * total count, bound the loop.  Tried and dropped: Horner's form on the
 * folded table (one multiply fewer, 0.469 against 0.460, longer chain);
 * the two-vector loop of elementwise_narrow.h (0.503 against 0.500);
 * vrangeps for min(|x|, T) (one operation less, but it returns T for a
 * quiet NaN, checked again here, and sending NaN lanes to a special case
 * measured slower than the and + min it saves); the slot position from a
 * merge-masked vpsrld driven by the a >= 2^-4 compare (0.547 against
 * 0.521, an earlier round) and the position clamped in integers from |x|
 * with vpmaxsd and vpminsd (0.535 against 0.527, one operation more).
 * Gradient from x: 0.521 cycles/element (the peers' gradient rows compute
 * 1 - y^2 from the stored value: 0.103).
 * (`build/actbench -A tanh,softplus -f f32 -I avx512f --speed-only --modes
 * throughput,gradient_throughput --budget 0.2`: L1-resident, median core
 * cycles per element from calibrated TSC ticks, medians of three runs
 * alternated with the former form's binary, AMD EPYC Zen 5; the machine
 * was shared (load average 35 to 37 on 2 cores during the runs), so
 * compare within one run; libmvec's row moves between runs, 0.76 to 0.97
 * cycles/element from one run to the next, and the ratio with it.)
 *
 * Value checked on every float of [-10, 10] (`actbench --range=-10:10 -A
 * tanh -f f32 --filter tanh_f32_table_fast_avx512f --accuracy-only`,
 * 2185232386 inputs, maxima confirmed with MPFR, the folded form): at most
 * 1.5803 ulp (x = -0x1.18b2a4p+2, got -0x1.ffd76p-1, want
 * -0x1.ffd75cp-1), 0.154% of the inputs over 1 ulp (3366986), no property
 * or special-value failure; saturates at 0x1.205968p+3 as the correctly
 * rounded tanh does.  Slot 0's new form stays within 0.9941 ulp (x =
 * 0x1.fdfa1ap-5, a sweep of every float of [0, 2^-4) against double
 * tanh; 0.5028 before), and differs from the former form at 12468009 of
 * those inputs, every other float of [0, 10] giving the same bits.
 * Monotone over every pair of consecutive floats of [0, 10] (the same
 * sweep); negative x by symmetry (|x| and the sign put back, checked bit
 * for bit on the same floats).  Outside [-10, 10]
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
    return tanh_table_fast_value_folded(x, context);
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
    const struct tanh_table_registers tables = tanh_table_fast_load_folded();
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
