/*
 * The accuracy driver: for every selected activation and format, generate
 * the inputs chunk by chunk, compute the MPFR reference once per chunk, run
 * every selected implementation of that activation on the same chunk and
 * accumulate value and gradient errors; then run the property checks.
 *
 * Chunks are spread over one thread per core.  Each chunk's partial results
 * are kept apart and merged in chunk order, so the figures do not depend on
 * the number of threads or on scheduling: same seed, same binary, same CSV.
 */
#ifndef ACTBENCH_ACCURACY_H
#define ACTBENCH_ACCURACY_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "../reference/reference.h"
#include "accuracy_row.h"
#include "catalog.h"


/* Called after each wave of chunks: the activation, what is measured
 * ("f32, 4 implementations: tanh_libm_scalar ..."), and the fraction of
 * this activation and format done. */
typedef void (*progress_fn)(void *context, const char *activation, const char *what,
                            double fraction_done);

struct accuracy_options {
    uint64_t seed;
    uint64_t binade_points;   /* f32 binade-stratified random inputs */
    uint64_t range_points;    /* f32 uniform [-10, 10] inputs */
    bool exhaustive32;        /* all 2^32 f32 inputs instead of the random parts */
    bool formats[FMT_COUNT];
    unsigned threads;         /* 0: one per online CPU */
    progress_fn progress;     /* may be NULL */
    void *progress_context;
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
