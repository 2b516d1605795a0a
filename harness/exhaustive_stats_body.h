/*
 * The body of the exhaustive statistics (exhaustive_stats.h) over the f64
 * vector layer: include one ISA's reference/fast_f64_<isa>.h first.  Each
 * harness/exhaustive_stats_<isa>.c instantiates it with its ISA's flags.
 *
 * The arrays of a block may be read up to 8 entries past n (the driver
 * allocates them so); lanes past a run's end are masked out of every
 * decision.
 */
#ifndef ACTBENCH_EXHAUSTIVE_STATS_BODY_H
#define ACTBENCH_EXHAUSTIVE_STATS_BODY_H

#include <math.h>

#include "exhaustive_stats.h"

static inline unsigned stats_bits(const uint8_t *set, size_t i, unsigned live)
{
    return ((unsigned)set[i / 8] >> (i % 8)) & live;
}

static inline unsigned stats_count(unsigned bits)
{
    return (unsigned)__builtin_popcount(bits);
}

/* The rare lanes of one vector, one by one. */
static __attribute__((noinline)) void
stats_events(const struct stats_block *b, size_t i, size_t run, unsigned mismatch,
             unsigned out_of_range, unsigned deferred, unsigned candidates, vf64 got, vf64 figure,
             vf64 width)
{
    double g[VF64_LANES], a[VF64_LANES], w[VF64_LANES];
    vf64_store(g, got);
    vf64_store(a, figure);
    vf64_store(w, width);
    for (unsigned l = 0; l < VF64_LANES; l++) {
        const unsigned bit = 1u << l;
        if (mismatch & bit)
            b->event(b->context, STATS_MISMATCH, i + l, run, (float)g[l], 0.0, 0.0);
        if (out_of_range & bit)
            b->event(b->context, STATS_OUT_OF_RANGE, i + l, run, (float)g[l], 0.0, 0.0);
        if (deferred & bit)
            b->event(b->context, STATS_DEFERRED, i + l, run, (float)g[l], 0.0, 0.0);
        /* the floor may have risen with an earlier lane */
        if ((candidates & bit) && a[l] + w[l] > b->floors[run])
            b->event(b->context, STATS_CANDIDATE, i + l, run, (float)g[l], a[l], w[l]);
    }
}

static inline __attribute__((always_inline)) void stats_block_body(const struct stats_block *b)
{
    enum { ACCUMULATORS = STATS_LANES / VF64_LANES };
    const struct fast_points *ref = b->ref;
    const vf64 zero = vf64_zero(), half = vf64_set1(0.5), inf = vf64_set1(INFINITY);
    const vf64 width_scale = vf64_set1(1.0 + 0x1p-50), figure_scale = vf64_set1(0x1p-51);
    const vf64 determined = vf64_set1(STATS_DETERMINED);
    const vf64 range_lo = vf64_set1(b->range_lo), range_hi = vf64_set1(b->range_hi);
    vf64 acc[ACCUMULATORS];
    for (int j = 0; j < ACCUMULATORS; j++)
        acc[j] = vf64_load(b->lane_sum + j * VF64_LANES);
    uint64_t count = 0;
    for (size_t r = 0; r < b->run_count; r++) {
        const struct stats_run run = b->runs[r];
        vf64 floor = vf64_set1(b->floors[run.id]);
        uint64_t run_count = 0;
        for (size_t i = run.begin - run.begin % VF64_LANES; i < run.end; i += VF64_LANES) {
            const size_t first = run.begin > i ? run.begin - i : 0;
            const size_t last = run.end - i < VF64_LANES ? run.end - i : VF64_LANES;
            const unsigned live = ((1u << last) - 1u) & ~((1u << first) - 1u);
            const vf64 g = vf64_load_f32(b->got + i);
            const vf64 rounded = vf64_load_f32(ref->rounded + i);
            const vf64 tail = vf64_load(ref->tail + i);
            const vf64 te = vf64_load(ref->tail_error + i);
            const vf64 inverse_ulp = vf64_load(ref->inverse_ulp + i);
            const unsigned deferred = stats_bits(b->deferred, i, live);
            const unsigned active = live & ~deferred;
            const unsigned ref_nan = stats_bits(ref->nan, i, active);
            const unsigned ref_inf = stats_bits(ref->infinite, i, active);
            const unsigned ref_zero = stats_bits(ref->exact_zero, i, active);
            const unsigned got_nan = vmask64_bits(vf64_isnan(g)) & active;
            const unsigned got_inf = vmask64_bits(vf64_eq(vf64_abs(g), inf)) & active;
            unsigned mismatch = 0;
            if (ref_nan | ref_inf | ref_zero | got_nan | got_inf) {
                const unsigned differs = vmask64_bits(vf64_ne(g, rounded)) & active;
                const unsigned zero_sign =
                    vmask64_bits(vmask64_and(vf64_eq(g, zero),
                                             vmask64_xor(vf64_signbit(g), vf64_signbit(rounded)))) &
                    ref_zero;
                mismatch = (ref_nan & ~got_nan) |
                           (~ref_nan & (got_nan | (ref_inf & differs) | (~ref_inf & got_inf) | zero_sign));
                mismatch &= active;
            }
            unsigned figure = active & ~mismatch & ~ref_nan & ~ref_inf;

            const vf64 a = vf64_abs(vf64_sub(vf64_mul(vf64_sub(g, rounded), inverse_ulp), tail));
            /* w: the half-width handed to the driver (0: exact as MPFR's);
             * w_eff: the one the decisions use (0 also when determined) */
            vf64 w = vf64_add(vf64_mul(te, width_scale), vf64_mul(a, figure_scale));
            w = vf64_select(vf64_eq(te, zero), zero, w);
            const vf64 w_eff = vf64_select(vf64_le(w, determined), zero, w);
            const vf64 a_hi = vf64_add(a, w_eff);
            unsigned ambiguous = 0;
            unsigned big = vmask64_bits(vf64_gt(a_hi, half)) & figure;
            if (big) {
                const unsigned fuzzy = vmask64_bits(vf64_gt(w_eff, zero)) & big;
                if (fuzzy) {
                    const vf64 a_lo = vf64_sub(a, w_eff);
                    for (int j = 0; j < STATS_BOUNDS; j++) {
                        const vf64 bound = vf64_set1(stats_bounds[j]);
                        ambiguous |= vmask64_bits(vmask64_and(vf64_le(a_lo, bound), vf64_gt(a_hi, bound)));
                    }
                    ambiguous &= fuzzy;
                    figure &= ~ambiguous;
                    big &= ~ambiguous;
                }
                for (int j = 0; j < STATS_BOUNDS; j++)
                    b->exceed[j] += stats_count(vmask64_bits(vf64_gt(a, vf64_set1(stats_bounds[j]))) & big);
            }
            const unsigned n_figures = stats_count(figure);
            count += n_figures;
            run_count += n_figures;
            const int slot = (int)((i % STATS_LANES) / VF64_LANES);
            acc[slot] = vf64_add(acc[slot], vf64_select(vmask64_from_bits(figure), a, zero));

            unsigned out_of_range = 0;
            if (b->check_range)
                out_of_range = vmask64_bits(vmask64_or(vf64_lt(g, range_lo), vf64_gt(g, range_hi))) &
                               live & ~vmask64_bits(vf64_isnan(g));
            const unsigned candidates = vmask64_bits(vf64_gt(a_hi, floor)) & figure;
            if (mismatch | out_of_range | deferred | ambiguous | candidates) {
                stats_events(b, i, run.id, mismatch, out_of_range, deferred | ambiguous, candidates, g,
                             a, w);
                floor = vf64_set1(b->floors[run.id]);
            }
        }
        b->run_counts[run.id] += run_count;
    }
    for (int j = 0; j < ACCUMULATORS; j++)
        vf64_store(b->lane_sum + j * VF64_LANES, acc[j]);
    *b->count += count;
}

#endif
