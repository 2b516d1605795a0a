/*
 * The per-point statistics of the exhaustive path, vectorised: one block
 * of one implementation's results for one quantity (value, gradient, ...)
 * against the fast reference's points, accumulated into counts, sums and
 * histogram counts, with the rare points (a special-value failure, a value
 * out of range, a point left to MPFR, a possible maximum) handed to the
 * driver one by one (harness/exhaustive.c).
 *
 * The error figure of a point is |(got - rounded)/ulp - tail|, computed
 * exactly as ulp_error() computes it, with the half-width
 * tail_error (1 + 2^-50) + figure 2^-51 (the tail's own error and the one
 * rounding of the subtraction).  A half-width up to 2^-40 ulp, far below
 * the MPFR reference's own tail accuracy (2^-30), counts as zero: such a
 * figure is as exact as MPFR's.  A point whose figure interval may contain
 * a bound of the histogram (0.5, 1, 2, 4, 16, 256, 65536, 2^24: powers of
 * two, so any interval that crosses a power of two above 1/2 is taken for
 * one) is left to MPFR, as are the points the classification could not
 * certify and the audited ones.  Once a block's stretch of a run is measured, the points
 * that may hold the run's maximum are handed over: the first whose figure
 * reaches the largest lower figure of the run so far (when the block
 * raised it), and those whose upper figure lies above it, but for the
 * repeats of an earlier point of the run (stats_block.repeats).
 *
 * The sums are kept in eight lanes, point i of a block in lane i mod 8
 * whatever the ISA, so the figures do not depend on the vector width.
 */
#ifndef ACTBENCH_EXHAUSTIVE_STATS_H
#define ACTBENCH_EXHAUSTIVE_STATS_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "../reference/fast_reference.h"

#define STATS_LANES 8
#define STATS_BOUNDS 8
/* Periods a repeat looks back for a twin (stats_block.repeats). */
#define STATS_TWIN_ROWS 64
/* A figure interval narrower than this (half-width) is taken as exact. */
#define STATS_DETERMINED 0x1p-40

/* The bytes of stats_block.matched per point of a block (any ISA). */
#define STATS_MATCHED_BYTES_PER_POINT 48

struct stats_pending;
struct stats_matched;

enum stats_event {
    STATS_MISMATCH,   /* a special-value failure (NaN, infinity, sign of zero) */
    STATS_OUT_OF_RANGE, /* a value outside the activation's range */
    STATS_DEFERRED,   /* left to MPFR: not certified, audited, or on a bound */
    STATS_CANDIDATE,  /* may hold its run's largest error */
};

/* A stretch of a block whose points share their profile bins. */
struct stats_run {
    size_t begin, end; /* block coordinates */
    size_t id;         /* index into floors and run_counts */
};

struct stats_block {
    /* in */
    const float *got;
    const struct fast_points *ref;
    const uint8_t *deferred; /* bit set: points the driver resolves with MPFR */
    size_t n;
    const struct stats_run *runs; /* covering [0, n) in order */
    size_t run_count;
    bool check_range;
    double range_lo, range_hi;
    /* NULL, or a bit set: point i has the same reference data as point
     * i - period and its exact value is the same number (the driver
     * knows why), and so has every point of a chain of such repeats.
     * Where its result equals that of an earlier point of the chain in
     * its run (up to STATS_TWIN_ROWS periods back) bit for bit, its error
     * is exactly that point's: it is never handed over as a candidate */
    const uint8_t *repeats;
    size_t period;
    /* NULL, or where the special-value failures are counted (added to)
     * instead of handed over one by one (the driver keeps no example of
     * them) */
    uint64_t *mismatches;
    /* NULL, or what the block yields where the results are the rounded
     * reference, written by the ISA's stats_expect_function (out) and read
     * by its stats_block_function (in): (n + 8) * STATS_MATCHED_BYTES_PER_POINT
     * bytes */
    struct stats_matched *matched;
    /* accumulated */
    uint64_t *count;
    double *lane_sum;        /* STATS_LANES */
    uint64_t *exceed;        /* STATS_BOUNDS: figures above each histogram bound */
    double *floors;          /* per run id: the largest lower figure so far, -1: none */
    double *figure_scratch, *width_scratch; /* n + 8 entries each */
    struct stats_pending *pending;          /* n + 2 entries (one per vector of a run, of
                                             * as few as one lane) */
    uint64_t *run_counts;    /* per run id: figures */
    /* the rare points; a STATS_CANDIDATE handler may raise floors[run];
     * width is the figure's half-width, 0 when it is exact as MPFR's, at
     * most STATS_DETERMINED when it counts as exact */
    void (*event)(void *context, enum stats_event what, size_t point, size_t run, float got,
                  double figure, double width);
    void *context;
};

typedef void stats_block_function(const struct stats_block *b);
/* Fill b->matched from b->ref, b->deferred, b->n and the range check
 * (b->got, the runs and the accumulated fields are not used). */
typedef void stats_expect_function(const struct stats_block *b);

extern const double stats_bounds[STATS_BOUNDS];

#endif
