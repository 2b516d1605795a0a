/*
 * The regression gate: compares a current accuracy.csv with a baseline one
 * row by row, matched by (activation, implementation, format), and says
 * whether anything got worse.
 *
 * A regression is any of:
 *  - value_max_ulp, value_mean_ulp, gradient_max_ulp, gradient_mean_ulp,
 *    param_gradient_max_ulp or gelu_distance_max_ulp larger than in the
 *    baseline (beyond a relative 1e-9, which only absorbs print/parse
 *    round-off), or measured in the baseline and no longer measured;
 *  - value_max_ulp above value_bound_ulp, or gradient_max_ulp above
 *    gradient_bound_ulp, of the current row (also for rows new in current);
 *  - more value_special_failures, gradient_special_failures or
 *    property_failures than the baseline;
 *  - a baseline row missing from the current file, or measured ("ok") in the
 *    baseline and skipped now;
 *  - with the speed gate on: ratio_to_copy grown by more than the factor
 *    (1 + speed_tolerance) * max(baseline speed_spread, current speed_spread),
 *    so a slowdown must exceed both the tolerance and the noise that both runs
 *    measured.  Rows with an empty speed field in either file are not
 *    speed-compared.
 * Rows skipped in both files are not compared; rows new in current are
 * reported as improvements.
 */
#ifndef ACTBENCH_COMPARE_H
#define ACTBENCH_COMPARE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>

#define COMPARE_DEFAULT_SPEED_TOLERANCE 0.25

enum compare_result {
    COMPARE_PASS = 0,
    COMPARE_REGRESSION = 1,
    COMPARE_INPUT_ERROR = 2, /* bad usage or a file that cannot be read as accuracy.csv */
};

struct compare_options {
    double speed_tolerance; /* relative: 0.25 allows 25 % beyond the measured spread */
    bool speed_gate;        /* false: speed changes are listed but never fail */
};

/* speed_tolerance COMPARE_DEFAULT_SPEED_TOLERANCE, speed_gate true. */
void compare_options_default(struct compare_options *options);

/*
 * Compares the two files and writes to out (may be NULL) a table of what
 * changed, regressions first, with the old and new figures, then one verdict
 * line: "actbench compare: PASS (N rows compared, M improved)" or
 * "actbench compare: FAIL (K regressions in N rows)".  options may be NULL
 * for the defaults.  Returns a compare_result; on COMPARE_INPUT_ERROR
 * nothing is written to out and error says which file and line is wrong.
 */
int compare_accuracy_files(const char *baseline_path, const char *current_path,
                           const struct compare_options *options, FILE *out, char *error,
                           size_t error_size);

#endif
