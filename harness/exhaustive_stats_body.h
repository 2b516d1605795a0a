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
#include <string.h>

#include "exhaustive_stats.h"

/* The lane bits of the vector at point i of a bit set (i is a multiple
 * of the width, as every vector of the statistics: with 8 lanes the
 * shift is 0). */
static inline unsigned stats_vector_bits(const uint8_t *set, size_t i, unsigned live)
{
    return ((unsigned)set[i / 8] >> (i % 8 & (8 - VF64_LANES))) & live;
}

/* The rare lanes of a vector, noted in the hot loop and handed over after
 * it (no call inside the loop: its registers stay put). */
struct stats_pending {
    uint32_t i;
    uint8_t mismatch, out_of_range, deferred, candidates;
};

static __attribute__((noinline)) void
stats_events(const struct stats_block *b, size_t run, const struct stats_pending *p,
             size_t count)
{
    for (size_t k = 0; k < count; k++) {
        const size_t i = p[k].i;
        for (unsigned l = 0; l < VF64_LANES; l++) {
            const unsigned bit = 1u << l;
            const float g = b->got[i + l];
            if (p[k].mismatch & bit)
                b->event(b->context, STATS_MISMATCH, i + l, run, g, 0.0, 0.0);
            if (p[k].out_of_range & bit)
                b->event(b->context, STATS_OUT_OF_RANGE, i + l, run, g, 0.0, 0.0);
            if (p[k].deferred & bit)
                b->event(b->context, STATS_DEFERRED, i + l, run, g, 0.0, 0.0);
            if (p[k].candidates & bit)
                b->event(b->context, STATS_CANDIDATE, i + l, run, g, b->figure_scratch[i + l],
                         b->width_scratch[i + l]);
        }
    }
}

/* What the first pass reads, hoisted out of its loop. */
struct stats_inputs {
    const float *got, *ref_rounded;
    const double *ref_tail, *ref_te, *ref_iu;
    const uint8_t *bits_deferred, *bits_nan, *bits_inf, *bits_zero, *bits_special;
    bool check_range;
    bool count_mismatches; /* stats_block.mismatches */
    vf64 range_lo, range_hi;
    double *figures, *widths; /* each point's figure (-1: none) and half-width */
    struct stats_pending *pending;
};

/* What the first pass accumulates over a run. */
struct stats_sums {
    vf64 acc[STATS_LANES / VF64_LANES];
    vcount64 count, run_count, exceed0;
    vf64 run_max;   /* the largest lower figure */
    vf64 run_top;   /* the largest figure */
    vf64 run_reach; /* the largest upper figure */
    /* the same over the vectors taken from stats_expect, and their counts */
    double max_lo, max_top, max_hi;
    uint64_t matched_count, matched_exceed0;
    size_t tried, taken; /* body vectors of the block, and those that took them */
    size_t pending_count;
    uint64_t mismatches; /* counted special-value failures (stats_block.mismatches) */
};

/* The first figure stored for a vector that took stats_vector_matched
 * (a figure is -1 or at least 0). */
#define STATS_MATCHED_MARK (-2.0)

/* What a vector of points yields when the results are the rounded
 * reference (stats_expect), for the vectors wholly inside a run. */
struct stats_matched {
    double sum[VF64_LANES];  /* the figures added to the lane sums (0: none) */
    double lo, top, hi;      /* the largest lower, middle, upper figures, -1: none */
    uint32_t count, above_half; /* figures, and those above 1/2 ulp */
    uint32_t usable;         /* 0: some lane is rare or not a number: measure it */
    uint32_t unused;
};
_Static_assert(sizeof(struct stats_matched) <= VF64_LANES * STATS_MATCHED_BYTES_PER_POINT,
               "STATS_MATCHED_BYTES_PER_POINT too small");


/* Whether the results of a vector are the rounded reference's, bit for
 * bit (NaNs and signed zeros included). */
static inline bool stats_same_bits(const float *got, const float *rounded)
{
#if VF64_LANES == 8
    const __m256i x = _mm256_xor_si256(_mm256_loadu_si256((const __m256i *)(const void *)got),
                                       _mm256_loadu_si256((const __m256i *)(const void *)rounded));
    return _mm256_testz_si256(x, x);
#elif VF64_LANES == 4
    const __m128i x = _mm_xor_si128(_mm_loadu_si128((const __m128i *)(const void *)got),
                                    _mm_loadu_si128((const __m128i *)(const void *)rounded));
    return _mm_testz_si128(x, x);
#else
    uint32_t x, y;
    memcpy(&x, got, sizeof x);
    memcpy(&y, rounded, sizeof y);
    return x == y;
#endif
}

/* Whether every lane of the body vector at i repeats the lane one period
 * before it in the run (stats_block.repeats), results included: each has
 * an earlier twin, so none is a candidate. */
static inline bool stats_vector_twinned(const struct stats_block *b, size_t i, size_t run_begin)
{
    const unsigned all_lanes = (1u << VF64_LANES) - 1u;
    return b->repeats && i >= run_begin + b->period &&
           stats_vector_bits(b->repeats, i, all_lanes) == all_lanes &&
           stats_same_bits(b->got + i, b->got + i - b->period);
}

/* What one vector of points yields (stats_lanes). */
struct stats_lane_figures {
    vf64 a;           /* the figure of every lane */
    vf64 w;           /* its half-width, 0 where exact as MPFR's */
    vf64 a_lo, a_hi;  /* a -+ the half-width the decisions use */
    vmask64 figures;  /* the lanes that count a figure */
    vmask64 above_half;
    vmask64 rare;     /* the lanes handed over in the first pass */
    unsigned mismatch, out_of_range, deferred; /* and why (deferred: with the ambiguous ones) */
};

/* The figures of the vector of points i ..., live: the lanes in the run;
 * got is in->got, or the rounded reference itself (stats_expect). */
static inline __attribute__((always_inline)) struct stats_lane_figures
stats_lanes(const struct stats_inputs *in, const float *got, size_t i, unsigned live)
{
    const vf64 zero = vf64_zero(), half = vf64_set1(0.5), inf = vf64_set1(INFINITY);
    const vf64 width_scale = vf64_set1(1.0 + 0x1p-50), figure_scale = vf64_set1(0x1p-51);
    const vf64 determined = vf64_set1(STATS_DETERMINED);
    const vf64 below_one = vf64_set1(1.0 - 0x1p-53);
    const vf64 g = vf64_load_f32(got + i);
    const vf64 rounded = vf64_load_f32(in->ref_rounded + i);
    const vf64 tail = vf64_load(in->ref_tail + i);
    const vf64 te = vf64_load(in->ref_te + i);
    const vf64 inverse_ulp = vf64_load(in->ref_iu + i);
    const unsigned deferred = stats_vector_bits(in->bits_deferred, i, live);
    const unsigned active = live & ~deferred;
    const unsigned ref_special = stats_vector_bits(in->bits_special, i, active);
    const vmask64 got_special = vf64_not_finite(g);
    vmask64 figure_mask = vmask64_from_bits(active);
    unsigned mismatch = 0;
    if (ref_special || vmask64_any(vmask64_and(got_special, figure_mask))) {
        /* NaN, infinities, exact zeros: the rare vectors */
        const unsigned ref_nan = stats_vector_bits(in->bits_nan, i, active);
        const unsigned ref_inf = stats_vector_bits(in->bits_inf, i, active);
        const unsigned ref_zero = stats_vector_bits(in->bits_zero, i, active);
        const unsigned got_nan = vmask64_bits(vf64_isnan(g)) & active;
        const unsigned got_inf = vmask64_bits(vf64_eq(vf64_abs(g), inf)) & active;
        const unsigned differs = vmask64_bits(vf64_ne(g, rounded)) & active;
        const unsigned zero_sign =
            vmask64_bits(vmask64_and(vf64_eq(g, zero),
                                     vmask64_xor(vf64_signbit(g), vf64_signbit(rounded)))) &
            ref_zero;
        mismatch = (ref_nan & ~got_nan) |
                   (~ref_nan & (got_nan | (ref_inf & differs) | (~ref_inf & got_inf) | zero_sign));
        mismatch &= active;
        figure_mask = vmask64_from_bits(active & ~mismatch & ~ref_nan & ~ref_inf);
    }

    struct stats_lane_figures f;
    f.a = vf64_abs(vf64_sub(vf64_mul(vf64_sub(g, rounded), inverse_ulp), tail));
    /* w: the half-width handed to the driver (0: exact as MPFR's);
     * w_eff: the one the decisions use (0 also when determined) */
    vf64 w = vf64_add(vf64_mul(te, width_scale), vf64_mul(f.a, figure_scale));
    f.w = vf64_select(vf64_eq(te, zero), zero, w);
    const vf64 w_eff = vf64_select(vf64_le(f.w, determined), zero, f.w);
    f.a_lo = vf64_sub(f.a, w_eff);
    f.a_hi = vf64_add(f.a, w_eff);
    /* on a bound: a power of two (every bound is one) in
     * [a_lo, a_hi), found as a change of binade just below */
    const vmask64 over_half = vmask64_and(vf64_gt(f.a_hi, half), figure_mask);
    vmask64 ambiguous = vmask64_none();
    if (vmask64_any(over_half)) /* the binades only where some lane needs them */
        ambiguous = vmask64_and(over_half, vf64_ne(vf64_exponent(vf64_mul(f.a_lo, below_one)),
                                                   vf64_exponent(vf64_mul(f.a_hi, below_one))));
    f.figures = vmask64_andnot(figure_mask, ambiguous);
    f.above_half = vmask64_and(f.figures, vf64_gt(f.a, half));
    vmask64 out_of_range = vmask64_none();
    if (in->check_range)
        out_of_range = vmask64_and(vmask64_or(vf64_lt(g, in->range_lo), vf64_gt(g, in->range_hi)),
                                   vmask64_from_bits(live));
    f.rare = vmask64_or(vmask64_or(out_of_range, ambiguous), vmask64_from_bits(mismatch | deferred));
    f.mismatch = mismatch;
    f.out_of_range = vmask64_bits(out_of_range);
    f.deferred = deferred | vmask64_bits(ambiguous);
    return f;
}

/* The first pass on the vector of points i ..., live: the lanes in the
 * run.  Inlined with live a constant for the vectors wholly inside a run
 * (nearly all of them), where every test of live folds away. */
static inline __attribute__((always_inline)) void
stats_vector(const struct stats_inputs *in, struct stats_sums *s, size_t i, unsigned live)
{
    const vf64 zero = vf64_zero(), none = vf64_set1(-1.0);
    const struct stats_lane_figures f = stats_lanes(in, in->got, i, live);
    s->count = vcount64_add(s->count, f.figures);
    s->run_count = vcount64_add(s->run_count, f.figures);
    const int slot = (int)((i % STATS_LANES) / VF64_LANES);
    s->acc[slot] = vf64_add(s->acc[slot], vf64_select(f.figures, f.a, zero));
    s->run_max = vf64_max(s->run_max, vf64_select(f.figures, f.a_lo, none));
    const vf64 figure = vf64_select(f.figures, f.a, none);
    s->run_top = vf64_max(s->run_top, figure);
    s->run_reach = vf64_max(s->run_reach, vf64_select(f.figures, f.a_hi, none));
    /* the first histogram bound (1/2 ulp), which nearly every block
     * reaches, is counted here rather than in a second pass */
    s->exceed0 = vcount64_add(s->exceed0, f.above_half);
    vf64_store(in->figures + i, figure);
    vf64_store(in->widths + i, vf64_select(f.figures, f.w, zero));
    if (vmask64_any(f.rare)) {
        unsigned mismatch = f.mismatch;
        if (in->count_mismatches) { /* counted, not handed over */
            s->mismatches += (uint64_t)__builtin_popcount(mismatch);
            mismatch = 0;
        }
        if (mismatch | f.out_of_range | f.deferred)
            in->pending[s->pending_count++] = (struct stats_pending){
                (uint32_t)i, (uint8_t)mismatch, (uint8_t)f.out_of_range, (uint8_t)f.deferred, 0};
    }
}

/* A vector whose results are the rounded reference's (stats_expect):
 * what stats_vector would add, computed once per block for every
 * implementation. */
static inline __attribute__((always_inline)) void
stats_vector_matched(const struct stats_inputs *in, struct stats_sums *s, size_t i,
                     const struct stats_matched *m)
{
    in->figures[i] = STATS_MATCHED_MARK; /* for the second pass: no figure stored */
    const int slot = (int)((i % STATS_LANES) / VF64_LANES);
    s->acc[slot] = vf64_add(s->acc[slot], vf64_load(m->sum));
    s->max_lo = m->lo > s->max_lo ? m->lo : s->max_lo;
    s->max_top = m->top > s->max_top ? m->top : s->max_top;
    s->max_hi = m->hi > s->max_hi ? m->hi : s->max_hi;
    s->matched_count += m->count;
    s->matched_exceed0 += m->above_half;
}

static inline struct stats_inputs stats_inputs_of(const struct stats_block *b)
{
    const struct fast_points *ref = b->ref;
    return (struct stats_inputs){
        .got = b->got, .ref_rounded = ref->rounded, .ref_tail = ref->tail,
        .ref_te = ref->tail_error, .ref_iu = ref->inverse_ulp, .bits_deferred = b->deferred,
        .bits_nan = ref->nan, .bits_inf = ref->infinite, .bits_zero = ref->exact_zero,
        .bits_special = ref->special, .check_range = b->check_range,
        .count_mismatches = b->mismatches != NULL,
        .range_lo = vf64_set1(b->range_lo), .range_hi = vf64_set1(b->range_hi),
        .figures = b->figure_scratch, .widths = b->width_scratch, .pending = b->pending};
}

/* The horizontal maximum of a vector (no NaN), from -1. */
static inline double stats_lanes_max(vf64 v)
{
    double lanes[VF64_LANES], m = -1.0;
    vf64_store(lanes, v);
    for (int l = 0; l < VF64_LANES; l++)
        if (lanes[l] > m)
            m = lanes[l];
    return m;
}

/* stats_expect: every whole vector of the block [0, n) measured with the
 * rounded reference as the results, into b->matched. */
static inline __attribute__((always_inline)) void stats_expect_body(const struct stats_block *b)
{
    const struct stats_inputs in = stats_inputs_of(b);
    struct stats_matched *out = b->matched;
    const unsigned all_lanes = (1u << VF64_LANES) - 1u;
    const vf64 zero = vf64_zero(), none = vf64_set1(-1.0);
    for (size_t i = 0; i + VF64_LANES <= b->n; i += VF64_LANES) {
        const struct stats_lane_figures f = stats_lanes(&in, in.ref_rounded, i, all_lanes);
        struct stats_matched *m = &out[i / VF64_LANES];
        const vf64 sum = vf64_select(f.figures, f.a, zero);
        const vf64 lo = vf64_select(f.figures, f.a_lo, none);
        const vf64 top = vf64_select(f.figures, f.a, none);
        const vf64 hi = vf64_select(f.figures, f.a_hi, none);
        vf64_store(m->sum, sum);
        /* stats_lanes_max without the trip through memory: a NaN lane
         * becomes the -1 it starts from (max returns its second operand) */
        m->lo = vf64_reduce_max(vf64_max(lo, none));
        m->top = vf64_reduce_max(vf64_max(top, none));
        m->hi = vf64_reduce_max(vf64_max(hi, none));
        m->count = (uint32_t)__builtin_popcount(vmask64_bits(f.figures));
        m->above_half = (uint32_t)__builtin_popcount(vmask64_bits(f.above_half));
        /* NaN figures would make the maxima depend on the order */
        const unsigned numbers = vmask64_bits(vf64_eq(sum, sum)) & vmask64_bits(vf64_eq(lo, lo)) &
                                 vmask64_bits(vf64_eq(hi, hi));
        m->usable = !vmask64_any(f.rare) && numbers == all_lanes;
        m->unused = 0;
    }
}

/* Whether the body vector at i takes its figures from stats_expect. */
static inline __attribute__((always_inline)) bool
stats_takes_matched(const struct stats_matched *matched, const struct stats_inputs *in, size_t i)
{
    return matched && matched[i / VF64_LANES].usable &&
           stats_same_bits(in->got + i, in->ref_rounded + i);
}

static inline __attribute__((always_inline)) void stats_block_body(const struct stats_block *b)
{
    enum { ACCUMULATORS = STATS_LANES / VF64_LANES };
    const struct stats_inputs in = stats_inputs_of(b);
    const struct stats_matched *const matched = b->matched;
    struct stats_pending *const pending = b->pending;
    const double *const figures = b->figure_scratch, *const widths = b->width_scratch;
    const vf64 zero = vf64_zero();
    struct stats_sums s;
    for (int j = 0; j < ACCUMULATORS; j++)
        s.acc[j] = vf64_load(b->lane_sum + j * VF64_LANES);
    s.count = vcount64_zero();
    s.exceed0 = vcount64_zero();
    s.matched_count = 0;
    s.matched_exceed0 = 0;
    s.tried = s.taken = 0;
    s.pending_count = 0;
    s.mismatches = 0;
    vcount64 exceed[STATS_BOUNDS];
    for (int j = 0; j < STATS_BOUNDS; j++)
        exceed[j] = vcount64_zero();
    const unsigned all_lanes = (1u << VF64_LANES) - 1u;
    for (size_t r = 0; r < b->run_count; r++) {
        const struct stats_run run = b->runs[r];
        s.run_count = vcount64_zero();
        s.run_max = vf64_set1(-1.0);
        s.run_top = vf64_set1(-1.0);
        s.run_reach = vf64_set1(-1.0);
        s.max_lo = s.max_top = s.max_hi = -1.0;
        const uint64_t matched_before = s.matched_count;
        /* the vectors wholly inside the run [body, body_end), and the
         * ones it shares with its neighbours before and after */
        const size_t head = run.begin - run.begin % VF64_LANES;
        size_t body = run.begin + (VF64_LANES - run.begin % VF64_LANES) % VF64_LANES;
        size_t body_end = run.end - run.end % VF64_LANES;
        if (body > body_end) /* the run lies within one vector */
            body = body_end = head + VF64_LANES;
        if (head < body) {
            const size_t last = run.end - head < VF64_LANES ? run.end - head : VF64_LANES;
            stats_vector(&in, &s, head,
                         ((1u << last) - 1u) & ~((1u << (run.begin - head)) - 1u));
        }
        for (size_t i = body; i < body_end; i += VF64_LANES) {
            /* the test is worth its mispredicted branches only where most
             * vectors pass it: after 32 vectors of a block, it is left
             * out for the rest of the block once under 3 in 4 passed
             * (the second pass tells the vectors by their mark) */
            const bool try_matched = s.tried < 32 || 4 * s.taken >= 3 * s.tried;
            s.tried++;
            if (try_matched && stats_takes_matched(matched, &in, i)) {
                s.taken++;
                stats_vector_matched(&in, &s, i, &matched[i / VF64_LANES]);
            } else
                stats_vector(&in, &s, i, all_lanes);
        }
        if (body_end < run.end && body_end >= body)
            stats_vector(&in, &s, body_end, (1u << (run.end - body_end)) - 1u);
        stats_events(b, run.id, pending, s.pending_count);
        s.pending_count = 0;
        b->run_counts[run.id] += vcount64_total(s.run_count) + (s.matched_count - matched_before);
        /* the second pass: the points that may hold the run's maximum,
         * now that the run's floor is known for this block: the first
         * point at the floor, and the fuzzy ones reaching above it */
        double block_floor = stats_lanes_max(s.run_max), block_top = stats_lanes_max(s.run_top),
               block_reach = stats_lanes_max(s.run_reach);
        if (s.max_lo > block_floor)
            block_floor = s.max_lo;
        if (s.max_top > block_top)
            block_top = s.max_top;
        if (s.max_hi > block_reach)
            block_reach = s.max_hi;
        /* the histogram bounds some figure of this run exceeds: only
         * those are counted, in the second pass (a good kernel's figures
         * stay below the first one or two) */
        int bounds_reached = 0;
        while (bounds_reached < STATS_BOUNDS && block_top > stats_bounds[bounds_reached])
            bounds_reached++;
        const double old_floor = b->floors[run.id];
        const bool new_record = block_floor >= 0.0 && block_floor > old_floor;
        /* without a new record only an upper figure above the old floor
         * can be a candidate: most blocks of a run have none */
        const bool look_for_maximum = new_record || (block_floor >= 0.0 && block_reach > old_floor);
        if (!look_for_maximum && bounds_reached <= 1)
            continue;
        const double floor_value = new_record ? block_floor : old_floor;
        const vf64 floor = vf64_set1(floor_value);
        const vf64 det = vf64_set1(STATS_DETERMINED);
        bool first_pending = new_record;
        size_t pending_count = 0;
        for (size_t i = run.begin - run.begin % VF64_LANES; i < run.end; i += VF64_LANES) {
            const size_t first = run.begin > i ? run.begin - i : 0;
            const size_t last = run.end - i < VF64_LANES ? run.end - i : VF64_LANES;
            const unsigned live = ((1u << last) - 1u) & ~((1u << first) - 1u);
            vf64 a, w;
            if (figures[i] == STATS_MATCHED_MARK) {
                /* no figure stored: skip the vector when none of its
                 * figures can count, recompute them otherwise (a vector
                 * of twins holds no candidate, nor the first point at
                 * the floor: its twins come first) */
                const struct stats_matched *m = &matched[i / VF64_LANES];
                if ((bounds_reached <= 1 || m->top <= stats_bounds[1]) &&
                    (!look_for_maximum ||
                     (m->hi <= floor_value && (!first_pending || m->lo < floor_value)) ||
                     stats_vector_twinned(b, i, run.begin)))
                    continue;
                const struct stats_lane_figures f = stats_lanes(&in, in.got, i, all_lanes);
                a = vf64_select(f.figures, f.a, vf64_set1(-1.0));
                w = vf64_select(f.figures, f.w, zero);
                /* where stats_events reads a candidate's figure */
                vf64_store(b->figure_scratch + i, a);
                vf64_store(b->width_scratch + i, w);
            } else {
                /* the first pass stored -1 in every lane outside this run */
                a = vf64_load(figures + i);
                w = vf64_load(widths + i);
            }
            for (int j = 1; j < bounds_reached; j++)
                exceed[j] = vcount64_add(exceed[j], vf64_gt(a, vf64_set1(stats_bounds[j])));
            if (!look_for_maximum)
                continue;
            const vf64 w_eff = vf64_select(vf64_le(w, det), zero, w);
            unsigned candidates = vmask64_bits(vf64_gt(vf64_add(a, w_eff), floor)) & live;
            if (first_pending) {
                const unsigned at_floor = vmask64_bits(vf64_eq(vf64_sub(a, w_eff), floor)) & live;
                if (at_floor) {
                    candidates |= at_floor & (~at_floor + 1u); /* the first of them */
                    first_pending = false;
                }
            }
            if (candidates && b->repeats) {
                /* a repeat whose result is that of an earlier twin in the
                 * run (one of the STATS_TWIN_ROWS rows before it along a
                 * chain of repeats): the twin ties it exactly, and wins */
                unsigned twins = stats_vector_bits(b->repeats, i, candidates);
                while (twins) {
                    const unsigned l = (unsigned)__builtin_ctz(twins);
                    twins &= twins - 1u;
                    const size_t p = i + l;
                    for (size_t back = b->period, k = 0;
                         k < STATS_TWIN_ROWS && p >= run.begin + back; back += b->period, k++) {
                        const size_t t = p - back;
                        if (k > 0 && !((b->repeats[(t + b->period) / 8] >> ((t + b->period) % 8)) & 1))
                            break; /* the chain ends: t's row is not p's twin */
                        if (memcmp(&b->got[p], &b->got[t], sizeof(float)) == 0) {
                            candidates &= ~(1u << l);
                            break;
                        }
                    }
                }
            }
            if (candidates)
                pending[pending_count++] = (struct stats_pending){(uint32_t)i, 0, 0, 0,
                                                                  (uint8_t)candidates};
        }
        stats_events(b, run.id, pending, pending_count);
    }
    for (int j = 0; j < ACCUMULATORS; j++)
        vf64_store(b->lane_sum + j * VF64_LANES, s.acc[j]);
    *b->count += vcount64_total(s.count) + s.matched_count;
    exceed[0] = s.exceed0;
    for (int j = 0; j < STATS_BOUNDS; j++)
        b->exceed[j] += vcount64_total(exceed[j]);
    b->exceed[0] += s.matched_exceed0;
    if (b->mismatches)
        *b->mismatches += s.mismatches;
}

#endif
