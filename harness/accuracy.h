/*
 * The accuracy driver: for every selected activation and format, generate
 * the inputs chunk by chunk, compute the MPFR reference once per chunk, run
 * every selected implementation of that activation on the same chunk and
 * accumulate value and gradient errors; then run the property checks.
 *
 * Chunks are spread over one thread per core.  Each chunk's partial results
 * are kept apart and merged in chunk order, so the figures do not depend on
 * the number of threads or on scheduling: same seed, same binary, same CSV.
 *
 * Exhaustive f32 runs (--exhaustive, --range) measure their encodings with
 * the fast reference (harness/exhaustive.h) where the activation has one;
 * their sums are exact (harness/exact_sum.h), so the figures do not depend
 * on how the chunks are grouped either.
 */
#ifndef ACTBENCH_ACCURACY_H
#define ACTBENCH_ACCURACY_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "../reference/reference.h"
#include "accuracy_row.h"
#include "catalog.h"
#include "exhaustive.h"


/* Called after each wave of chunks: the activation, what is measured
 * ("f32, 4 implementations: tanh_libm_scalar ..."), and the fraction of
 * this activation and format done. */
typedef void (*progress_fn)(void *context, const char *activation, const char *what,
                            double fraction_done);

/* The reference of exhaustive f32 runs (harness/exhaustive.h). */
enum exhaustive_reference {
    EXHAUSTIVE_FAST, /* the fast reference, MPFR where it cannot certify (default) */
    EXHAUSTIVE_MPFR, /* MPFR at every point (hours for all of f32) */
};

struct accuracy_options {
    uint64_t seed;
    uint64_t binade_points;   /* f32 binade-stratified random inputs */
    uint64_t range_points;    /* f32 uniform [-10, 10] inputs */
    bool exhaustive32;        /* all 2^32 f32 inputs instead of the random parts */
    bool ranged;              /* every value in [range_lo, range_hi] instead (--range) */
    float range_lo, range_hi;
    enum exhaustive_reference exhaustive_reference;
    uint64_t audit_share;     /* exhaustive: 1 in audit_share points also with MPFR (0: default) */
    bool formats[FMT_COUNT];
    unsigned threads;         /* 0: one per online CPU */
    progress_fn progress;     /* may be NULL */
    void *progress_context;
    struct exhaustive_totals *totals; /* may be NULL: what the exhaustive path cost and found */
    double *activation_seconds; /* may be NULL: ACT_COUNT entries, each activation's wall
                                 * seconds (all its formats) added in */
};

/*
 * Measure the given implementations (any order; grouped by activation
 * internally).  On success *rows holds one row per (implementation, selected
 * format) in registry order then format order; free with accuracy_rows_free.
 * Returns 0, or -1 with a message in error.
 */
int accuracy_run(const struct accuracy_options *options, const struct implementation *const *impls,
                 size_t impl_count, struct accuracy_row **rows, size_t *row_count, char *error,
                 size_t error_size);


#endif
