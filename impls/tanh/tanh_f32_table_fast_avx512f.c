/*
 * tanh, table method, fast tier, AVX-512F, 16 lanes.
 *
 * Algorithm (impls/math/tanh.h, tanh_table_fast32_*): tanh is odd: a =
 * |x|, and the sign of x is put back at the end (tanh(-0) = -0).  This
 * kernel has a table of its own (tanh_table_fast32; the scalar and AVX2
 * fast kernels keep the 16-slot degree-6 table): 30 slots, slot 0 =
 * [0, 2^-4), then the quarters of the binades up to T = 0x1.205968p+3,
 * the first float whose tanh rounds to 1.  a's bits >> 21, at least 491,
 * give the slot's position among 32 (two registers a row, one vpermt2ps
 * a lookup).  In slot s, with u = a - c_s exact, tanh(a) ~ fma(u, q(u),
 * c0), q of degree 4 by Estrin's scheme, q = (c1 + c2*u) + u^2*((c3 +
 * c4*u) + u^2*c5): seven lookups (the center, c0 .. c5) and six FMAs and
 * multiplies per vector, where the 16-slot degree-6 form had eight and
 * seven.  Each center c_s is a float whose tanh lies within 2^-5 ulp of
 * the float c0, so the last FMA rounds a nearly exact sum once.  Slot 0
 * is folded into the table: its center and c0 are 0 and its c1 is 1, so
 * y = a*q' there with q' = 1 + c2*a + ... rounded once (tanh(a) = a to
 * the last bit below 2^-12, relative accuracy down to the subnormals; no
 * compare, mask or blend).  From a = 1/2 on, the centers sit at the right
 * end of their slot (u <= 0), where q's terms have one sign and no
 * partial sum cancels: monotone (checked on every float).  a is clamped
 * to T and the last slot's polynomial is pinned at T, so the value is 1
 * exactly from T on (infinities included) and 1 - 2^-24 just below, as
 * the correctly rounded tanh; NaN passes every step: the value has no
 * special case.
 * The loop (forward below) runs each vector in two stages: the next
 * vector's u and position (load, abs, min, shift, max, the center's
 * lookup, subtraction) before the current one's lookups of c0 .. c5 and
 * polynomial, so that these enter the schedulers with their inputs ready.
 * Derivative: sech^2(a) = 4E/(1 + E)^2 with E = exp(-2a) in (0, 1]: no
 * cancellation, where the textbook 1 - y^2 dies once y rounds to 1 (|x| >
 * 9.01) while sech^2 stays a normal number up to |x| = 44.36.
 * E by the fast exp of the 2^(j/8) table (impls/math/exp_table.h), then
 * 4E/((1 + E)*(1 + E)) by one division.
 * Lanes with |x| > 43.5 (where E leaves the normal range), infinities and
 * NaN are recomputed in double off the fast path (special_case).
 * Coefficients and centers: impls/math/sollya/tanh_table.sollya, its
 * fast32 part (fpminimax, single coefficients: max relative error
 * 2^-26.25; no slot needed a tilt for monotony at its boundaries), written
 * by scripts/fit-coefficients into impls/math/tanh_data.c; the exp table
 * and its polynomial: impls/math/sollya/exp_table.sollya.
 *
 * Why: the former form (16 slots, halves of binades, degree 6, one
 * vpermps a lookup, elementwise.h's four-vector loop) ran at 0.459
 * cycles/element, 0.60x libmvec, against the tier's 0.6x.  Quarters of
 * binades make degree 5 enough and more accurate (1.005 ulp against
 * 1.58); the two-register lookups cost their copies (vpermt2ps
 * overwrites a table operand: one register move per lookup), and the loop
 * is bound by the lookups: with vpermps from one register in their place
 * (wrong values, a timing probe) it ran at 0.379, with no lookups at all
 * at 0.207 (runs alternated with this form at 0.412).
 * Tried and dropped: degree 4 with the same 30 slots (one lookup and one
 * FMA fewer): fits of 4.6 ulp on [2, 2.5) and 2.6 on [4, 5), over the
 * tier's budget with the roundings; degree 5 on halves of binades (16
 * positions, vpermps): 7.6 ulp on [4, 6); the center from a's bits (the
 * right end of its quarter binade, two integer operations) in place of
 * its lookup: slot 0 needs the center 0, a mask from a shift or compare
 * and one more operation, about four integer operations against one
 * lookup (not built); the lower halves of the tables loaded from memory for each
 * lookup instead of the register copies: 0.60; the four-vector loop of
 * elementwise.h: 0.440 (Horner's form there 0.440 as well); the two
 * stages with the position only in the first (the center's lookup in the
 * second): 0.421; first stages two vectors ahead: 0.410 to 0.430,
 * three: slower (the compiler spills registers);
 * q as (c0 + c1*u) + u^2*((c2 + c3*u) + u^2*(c4 + c5*u)) (one FMA less
 * deep): 0.412, no gain.
 *
 * Speed: 0.415 cycles/element (medians of three runs alternated with the
 * former form's binary: 0.418, 0.415, 0.411 against 0.460, 0.477,
 * 0.464); peers libmvec 0.778 (0.891, 0.778, 0.763 in those runs), SLEEF
 * u35 1.21, SLEEF u10 3.92: 0.533x the fastest (libmvec; 0.469, 0.533,
 * 0.539 within the runs, the former form 0.598, 0.585, 0.602), against
 * the tier's 0.6x; poly_fast 0.613.  speed.csv: ops_per_element 1.1875,
 * floor_cpe 0.297, ratio_to_floor 1.40.
 * Gradient from x: 0.525 cycles/element, unchanged (the peers' gradient
 * rows compute 1 - y^2 from the stored value: 0.102).
 * (`build/actbench -A tanh -f f32 -I avx512f -m libmvec,sleef,table,poly
 * --speed-only --modes throughput,gradient_throughput --budget 0.2`:
 * L1-resident, median core cycles per element from calibrated TSC ticks,
 * AMD EPYC Zen 5; the machine was shared (load average 6 to 9 on 2 cores
 * during the runs), so compare within one run.)
 *
 * Value checked on every float (`actbench -x -A tanh -f f32 --filter
 * 'tanh_f32_table_fast_avx512f$' --accuracy-only`, all 2^32 inputs,
 * maxima confirmed with MPFR): at most 1.0054 ulp (x = 0x1.fdf40ap-5, got
 * 0x1.fd4baap-5, want 0x1.fd4bacp-5, slot 0's folded form), the same on
 * [-10, 10]; 4 inputs over 1 ulp, 27487752 over 1/2; no monotonicity,
 * property or special-value failure; saturates at 0x1.205968p+3 as the
 * correctly rounded tanh does.  Outside [-10, 10] the value is exactly
 * +-1 (a is clamped to T, whose slot gives 1).
 * The gradient is the code the scalar and AVX2 kernels share: over all
 * of f32 at most 4.8183 ulp (x = 0x1.5aaef6p+5) wherever it is a normal
 * number, no gradient death; 4.6024 ulp on [-10, 10]; below 2^-24 within
 * 1 ulp.
 *
 * Tier: fast (inference, and training where a few ulps of gradient do not
 * matter).  Declared bounds, f32: value 1.01 ulp, gradient 4.9 ulp (just
 * above the exhaustive figures above).  Loops: forward below (four
 * vectors an iteration in two stages, then single vectors and a masked
 * tail by impls/math/elementwise.h's elementwise_forward_rest, touching
 * nothing past n; in place safe); gradient: impls/math/elementwise.h
 * (four vectors per main-loop iteration).
 *
 * Measured max error against MPFR, in ulps
 * (x86_64-avx512-bf16, 1049148 f32 points):
 *   tanh_f32_table_fast_avx512f f32: value 0.955 ulp at x = 0x1.f96fe2p-5,
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
    return tanh_table_fast32_value(x, context);
}

static inline __attribute__((always_inline)) vf32 derivative(vf32 x, const void *context, vmask32 *special)
{
    return tanh_table_fast_derivative(x, *(const struct exp_table_tables *)context, special);
}

/* y = tanh(x) by value() in two stages, the next vector's first stage
 * (tanh_table_fast32_reduce) before the current one's second
 * (tanh_table_fast32_finish): the lookups and FMAs of a vector then enter
 * the schedulers with their inputs ready (0.414 against 0.440
 * cycles/element for the loop of elementwise.h, which runs each vector's
 * two stages together).  Four vectors an iteration (ELEMENTWISE_UNROLL,
 * the kernel's unroll), the first stage of the vector after them included.
 * Every vector is loaded before any result at or past it is stored, so y
 * may be x.  The loop's end by elementwise_forward_rest (single vectors,
 * then a masked tail). */
static inline __attribute__((always_inline)) void forward(const float *x, float *y, size_t n,
                                                         const struct tanh_table32_registers *t)
{
    enum { L = VF32_LANES };
    size_t i = 0;
    if (n >= (ELEMENTWISE_UNROLL + 1) * L) {
        vi32 position;
        vf32 u = tanh_table_fast32_reduce(vf32_load(x), t, &position);
        for (; i + (ELEMENTWISE_UNROLL + 1) * L <= n; i += ELEMENTWISE_UNROLL * L) {
            for (int k = 0; k < ELEMENTWISE_UNROLL; k++) {
                vi32 next_position;
                vf32 next_u = tanh_table_fast32_reduce(vf32_load(x + i + (k + 1) * L), t, &next_position);
                vf32_store(y + i + k * L, tanh_table_fast32_finish(vf32_load(x + i + k * L), u, position, t));
                u = next_u;
                position = next_position;
            }
        }
        vf32_store(y + i, tanh_table_fast32_finish(vf32_load(x + i), u, position, t));
        i += L;
    }
    elementwise_forward_rest(i, x, y, n, value, tanh_no_special_case, NULL, t);
}

void tanh_f32_table_fast_avx512f_forward(const float *x, float *y, size_t n, const struct actbench_params *p);
void tanh_f32_table_fast_avx512f_gradient(const float *x, const float *y, const float *dy, float *dx, float *dparam,
                                          size_t n, const struct actbench_params *p);

void tanh_f32_table_fast_avx512f_forward(const float *x, float *y, size_t n, const struct actbench_params *p)
{
    (void)p;
    const struct tanh_table32_registers tables = tanh_table_fast32_load();
    forward(x, y, n, &tables);
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
    .bounds[ACTBENCH_F32] = {.value_ulp = 1.01, .gradient_ulp = 4.9},
    .description = "piecewise polynomials of degree 5 in 30 slots (quarter binades) from two-register tables, one final FMA; derivative 4E/(1 + E)^2, E from the fast exp table",
};
