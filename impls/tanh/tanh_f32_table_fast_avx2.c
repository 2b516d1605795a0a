/*
 * tanh, table method, fast tier, AVX2 + FMA, 8 lanes.
 *
 * Algorithm (impls/math/tanh.h): tanh is odd: a = |x|, and the sign of x
 * is put back at the end (tanh(-0) = -0).  a's float bits give one of 16
 * slots: slot 0 is [0, 2^-4), slots 1 .. 15 the halves of the binades up
 * to T = 0x1.205968p+3, the first float whose tanh rounds to 1.  In slot
 * s, with t = a - c_s exact, tanh(a) ~ fma(t, q(t), c0), q of degree 5 by
 * Horner's FMAs; the center and the 7 coefficients come from rows of 16
 * floats held in registers (two vpermps and a blend each).  Each center
 * c_s is a float whose tanh lies within 2^-8 ulp of the float c0, so the
 * last FMA rounds a nearly exact sum once; slot 0 adds a itself (tanh(a) =
 * a to the last bit below 2^-12, relative accuracy down to the
 * subnormals).  From a = 1/2 on the centers sit at the right end of their
 * slot (t <= 0), where q's terms have one sign and Horner's evaluation
 * does not cancel: monotone.  a is clamped to T and the last slot's
 * polynomial is pinned at T, so the value is 1 exactly from T on
 * (infinities included) and 1 - 2^-24 just below, as the correctly rounded
 * tanh; NaN passes every step: the value has no special case.
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
 * lookup and one FMA fewer): 1.58 ulp instead of 0.77.  See
 * tanh_f32_poly_fast_* for the table-free form and
 * tanh_f32_table_accurate_* for the accurate tier.
 *
 * Speed: 1.72 cycles/element; peers libmvec 2.19, SLEEF u10 7.6, SLEEF u35
 * 2.38: 0.79x the fastest (libmvec), against the tier's 0.6x, which it
 * misses: 42 vector operations per 8 elements, each of the eight 16-entry
 * lookups two vpermps and a blend, at 1.31x its floor (speed.csv floor_cpe
 * 1.31).  Gradient from x: 1.03 cycles/element (the peers' gradient rows
 * compute 1 - y^2 from the stored value: 0.19).
 * (`build/actbench -A tanh --speed-only --modes throughput,gradient_throughput --budget 0.2`:
 * L1-resident, median core cycles per element from calibrated TSC ticks,
 * median of three runs, AMD EPYC Zen 5; the machine was shared (load
 * average 13 on 2 cores during the runs), so compare within one run).
 *
 * Register tables or row loads: a form that loads each lane's slot row
 * (center and c0 .. c6, 32 bytes) and transposes them (16 loads, 8
 * vinsertf128 and 16 in-lane shuffles where 8 lookups take 16 vpermps and 8
 * vblendvps) gives the same bits with fewer uops where vblendvps is three
 * (Intel Golden Cove: 3.04 -> 2.64 cycles/element, libmvec 2.42) and is
 * far slower where it is one (AMD Zen 5, alternating binaries in one run:
 * 1.73 -> 2.93, libmvec 2.19); the register form is kept, the better of the
 * two summed over both machines.
 *
 * Checked on every float 2^-24 <= x < 44.5 (double reference, worst cases
 * confirmed with MPFR at 300 bits; the scalar and AVX2 kernels give the
 * same maxima at the same inputs, the AVX-512F kernel, with a table of its
 * own, the same gradient):
 * value at most 1.5802 ulp (x = 0x1.52af68p+2), the same on [-10, 10];
 * gradient at most 4.8183 ulp (x = 0x1.5aaef6p+5) wherever it is a normal
 * number, no gradient death; monotone (every pair of consecutive floats);
 * negative x by symmetry (|x| and the sign put back; actbench's sample
 * covers both).
 * Every other non-negative float too: below 2^-24 the value is x,
 * correctly rounded, and the gradient within 1 ulp; from 44.5 on, +inf
 * included, the value is exactly 1.
 *
 * Tier: fast (inference, and training where a few ulps of gradient do not
 * matter).  Declared bounds, f32: value 1.6 ulp, gradient 4.9 ulp (just
 * above the exhaustive figures above).  Loops: impls/math/elementwise.h
 * (four vectors per main-loop iteration, then single vectors, then a
 * masked tail that touches nothing past n; in place safe).
 *
 * Measured max error against MPFR, in ulps
 * (x86_64-avx512-bf16, 1049148 f32 points):
 *   tanh_f32_table_fast_avx2 f32: value 1.579 ulp at x = 0x1.0670fcp+2,
 *     gradient 4.551 ulp at x = -0x1.57e738p+5
 */
#include "../../include/actbench/kernel.h"
#include "../simd/f32-avx2.h"
#include "../simd/f64w-avx2.h"
#include "../math/elementwise.h"
#include "../math/tanh.h"

static inline __attribute__((always_inline)) vf32 value(vf32 x, const void *context, vmask32 *special)
{
    *special = vmask32_false();
    return tanh_table_value(x, context, 6);
}

static inline __attribute__((always_inline)) vf32 derivative(vf32 x, const void *context, vmask32 *special)
{
    return tanh_table_fast_derivative(x, *(const struct exp_table_tables *)context, special);
}

void tanh_f32_table_fast_avx2_forward(const float *x, float *y, size_t n, const struct actbench_params *p);
void tanh_f32_table_fast_avx2_gradient(const float *x, const float *y, const float *dy, float *dx, float *dparam,
                                       size_t n, const struct actbench_params *p);

void tanh_f32_table_fast_avx2_forward(const float *x, float *y, size_t n, const struct actbench_params *p)
{
    (void)p;
    const struct tanh_table_registers tables = tanh_table_fast_load();
    elementwise_forward(x, y, n, value, tanh_no_special_case, &tables);
}

void tanh_f32_table_fast_avx2_gradient(const float *x, const float *y, const float *dy, float *dx, float *dparam,
                                       size_t n, const struct actbench_params *p)
{
    (void)y, (void)dparam, (void)p;
    const struct exp_table_tables tables = exp_table_load();
    elementwise_gradient(x, dy, dx, n, derivative, tanh_derivative_special_case, &tables);
}

const struct actbench_kernel tanh_f32_table_fast_avx2 = {
    .name = "tanh_f32_table_fast_avx2",
    .activation = "tanh",
    .type = ACTBENCH_F32,
    .isa = "avx2",
    .unroll = ELEMENTWISE_UNROLL * VF32_LANES,
    .forward.f32 = tanh_f32_table_fast_avx2_forward,
    .gradient.f32 = tanh_f32_table_fast_avx2_gradient,
    .bounds[ACTBENCH_F32] = {.value_ulp = 1.6, .gradient_ulp = 4.9},
    .description = "piecewise polynomials of degree 6 in 16 slots from register tables, one final FMA; derivative 4E/(1 + E)^2, E from the fast exp table",
};
