/*
 * The baseline a run is gated against (--baseline FILE): checked against
 * the run before anything is measured, and updated (--update-baseline)
 * row by row, so that a run over some activations or implementations
 * refreshes only the rows it measured.
 */
#ifndef ACTBENCH_BASELINE_H
#define ACTBENCH_BASELINE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "../harness/catalog.h"

/* What the run is about to measure. */
struct baseline_run {
    uint64_t seed;
    uint64_t binade_points, range_points; /* as the accuracy driver gets them */
    bool exhaustive32;
    bool measured[ACT_COUNT][FMT_COUNT]; /* activations and formats of the selection */
};

/*
 * Checks an existing baseline against the run before anything is
 * measured: every row must have the run's seed and the points the run will
 * measure for its activation and format (an update is refused otherwise,
 * so a baseline never mixes seeds or sample sizes); when gating (not
 * updating), each row the run measures must also have the input set it
 * will measure.  Returns 0, or -1 with a message naming the file, the row
 * and both values.
 */
int baseline_check_run(const char *path, const struct baseline_run *run, bool updating,
                       char *error, size_t error_size);

struct baseline_update_summary {
    bool created;        /* there was no baseline: it is a copy of the run's file */
    size_t replaced;     /* baseline rows the run measured again */
    size_t changed;      /* ... of which a field other than speed differs */
    size_t added;        /* rows new to the baseline */
    size_t kept;         /* baseline rows the run did not measure, kept as they were */
};

/*
 * Writes the run's accuracy.csv (current_path) into the baseline: its rows
 * replace the baseline's rows with the same (activation, implementation,
 * format) where they are, new rows follow the last row of their
 * activation, and every other baseline row is kept.  The file is written
 * under a temporary name beside the baseline and renamed over it, so a
 * failure leaves the old baseline whole.  Returns 0, or -1 with a message
 * (nothing written).
 */
int baseline_update(const char *baseline_path, const char *current_path,
                    struct baseline_update_summary *summary, char *error, size_t error_size);

#endif
