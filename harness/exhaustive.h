/*
 * The exhaustive f32 path of the accuracy driver: all 2^32 inputs (or the
 * floats of --range) of an activation against its fast reference
 * (reference/fast_reference.h), MPFR only where the fast reference cannot
 * certify a point, where a point's error figure lies on a histogram bound
 * or may be a maximum, and on an audited share of the points.
 *
 * A chunk of consecutive inputs is measured in blocks: the fast reference
 * and its classification, every implementation, the vectorised statistics
 * (exhaustive_stats.h); at the end of the chunk one MPFR batch computes
 * every point it needs, the audit compares it with the fast reference, the
 * points left to MPFR are counted, and the largest error of every run of
 * inputs that share their profile bins is settled.  The chunk's partial
 * rows are then exactly what the pure MPFR path gives for those inputs
 * (accuracy.h merges them in order), up to the rule for near ties below.
 *
 * Ties: the largest error of a run is decided on figures as exact as
 * MPFR's; where two points' figures agree to within 2^-40 ulp (far inside
 * the MPFR reference's own tail accuracy, 2^-30 ulp), the one with the
 * larger fast figure wins, the earlier input on an exact tie; the reported
 * figure is then recomputed with MPFR.  The candidates of a run go to MPFR
 * in rounds of 16, those reaching highest first, until none can beat the
 * run's maximum; the last round takes all that are left.
 *
 * Exact ties: outputs of translated rows of a shift-invariant activation
 * (softmax, log_softmax: within a binade every row of consecutive floats
 * is a translate of every other) have the same exact value, and where
 * their results and fast figures are the same too, the same exact error
 * and MPFR figure.  Of such twins in a run only the first input is a
 * candidate (exhaustive.c: mark_repeats, keep_first_twins): it is the one
 * reported, as when every twin is recomputed with MPFR.
 */
#ifndef ACTBENCH_EXHAUSTIVE_H
#define ACTBENCH_EXHAUSTIVE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#include "../reference/fast_reference.h"
#include "accuracy_row.h"
#include "inputs.h"

/* Inputs per chunk of the exhaustive part (a multiple of every row length
 * and group size) and per block within it. */
#define EXHAUSTIVE_CHUNK_POINTS (UINT64_C(1) << 18)
#define EXHAUSTIVE_BLOCK_POINTS 4096
/* Default audit share: 1 point in this many is also computed with MPFR. */
#define EXHAUSTIVE_AUDIT_SHARE 4096
#define EXHAUSTIVE_AUDIT_EXAMPLES 8

struct audit_failure {
    const char *activation, *quantity;
    float input;
    float fast_rounded, mpfr_rounded;
    double fast_tail, fast_tail_error, mpfr_tail;
    int fast_ulp_exponent, mpfr_ulp_exponent;
};

/* Implementations whose own costs an exhaustive run keeps apart (the
 * costs of any further ones are in the totals only). */
#define EXHAUSTIVE_COST_ROWS 128

/* One implementation's share of the exhaustive path (thread seconds): its
 * own code, and the statistics of what it computed (every quantity). */
struct exhaustive_cost {
    char name[96];
    double implementation_seconds, statistics_seconds;
};

/* What the exhaustive path cost and found, summed over threads and chunks. */
struct exhaustive_totals {
    /* seconds of the threads' time (monotonic clock) in each part */
    double reference_seconds, implementation_seconds, statistics_seconds, mpfr_seconds;
    uint64_t points;           /* inputs measured on the fast path */
    uint64_t mpfr_points;      /* reference points (rows, groups) computed with MPFR */
    uint64_t uncertain;        /* outputs the fast reference could not certify */
    uint64_t on_bound;         /* error figures on a histogram bound */
    uint64_t maximum_checks;   /* possible maxima recomputed */
    uint64_t audited;          /* reference outputs audited against MPFR */
    uint64_t audit_failures;
    uint64_t truncated_runs;   /* runs whose candidates MPFR could not all settle (memory) */
    size_t failure_count;      /* examples kept */
    struct audit_failure failures[EXHAUSTIVE_AUDIT_EXAMPLES];
    size_t cost_count;
    struct exhaustive_cost costs[EXHAUSTIVE_COST_ROWS]; /* in the order first measured */
};

/* Add b into a (examples while there is room). */
void exhaustive_totals_add(struct exhaustive_totals *a, const struct exhaustive_totals *b);

/* One line per implementation of its costs (exhaustive_cost) to out. */
void exhaustive_totals_print_costs(FILE *out, const struct exhaustive_totals *t);

/* For sending totals to another process: the examples' names as indices
 * (pack), and back to this process's names of them for activation
 * (unpack). */
void exhaustive_totals_pack(struct exhaustive_totals *t);
void exhaustive_totals_unpack(struct exhaustive_totals *t, enum activation_id activation);

/* What every chunk of one activation's exhaustive part shares. */
struct exhaustive_context {
    enum activation_id activation;
    const struct actbench_params *params;
    const struct input_plan *plan;
    const struct implementation *const *impls;
    size_t impl_count;
    int isa;                  /* enum fast_isa */
    uint64_t audit_share;     /* 1 in audit_share points audited (1: every point) */
    bool check_range;
    double range_lo, range_hi; /* the activation's range, rounded outward to f32 */
};

/* The best enum fast_isa this CPU runs and the build holds, or -1. */
int exhaustive_fast_isa(void);

/* Whether the activation (and its companion) has a fast reference for isa. */
bool exhaustive_available(enum activation_id act, int isa);

struct exhaustive_scratch;
struct exhaustive_scratch *exhaustive_scratch_new(const struct exhaustive_context *c);
void exhaustive_scratch_free(struct exhaustive_scratch *s);

/*
 * Measure inputs [start, start + count) of the plan (all within its
 * exhaustive part; start and count multiples of the input multiple) for
 * every implementation into partials[k] (reset, profiles attached).
 * Returns 0, or -1 when memory ran out.
 */
int exhaustive_measure_chunk(const struct exhaustive_context *c, struct exhaustive_scratch *s,
                             uint64_t start, size_t count, struct accuracy_row *partials,
                             struct exhaustive_totals *totals);

/*
 * Audit MPFR points computed by the ordinary path (the special values of
 * an exhaustive run) against the fast reference: n inputs x, dy per
 * output; the MPFR points of the value, gradient, parameter gradient and
 * companion (NULL when not computed).  Failures go into totals.
 */
int exhaustive_audit(const struct exhaustive_context *c, const float *x, const float *dy, size_t n,
                     const struct ref_point *value, const struct ref_point *gradient,
                     const struct ref_point *dparam, const struct ref_point *companion,
                     struct exhaustive_totals *totals);

#endif
