/*
 * The regression gate: compares a current accuracy.csv with a baseline one
 * row by row, matched by (activation, implementation, format), and says
 * whether anything got worse.
 *
 * Two files are compared only when they were measured on the same inputs:
 * a row present in both must have the same seed, points and input_set, or
 * the comparison is refused (COMPARE_INPUT_ERROR) naming both values.
 *
 * A regression is any of:
 *  - value_max_ulp, value_mean_ulp, gradient_max_ulp, gradient_mean_ulp,
 *    param_gradient_max_ulp or gelu_distance_max_ulp larger than in the
 *    baseline (beyond a relative 1e-9, which only absorbs print/parse
 *    round-off), or measured in the baseline and no longer measured;
 *  - a contract bound exceeded (bound_source "contract": value_max_ulp above
 *    value_bound_ulp or gradient_max_ulp above gradient_bound_ulp of the
 *    current row), whatever the baseline said;
 *  - more value_special_failures, gradient_special_failures or
 *    property_failures than the baseline;
 *  - a baseline row measured ("ok") and now skipped; with require_all, a
 *    baseline row missing from the current file (else it is listed as not
 *    measured: a run over some activations or implementations is compared
 *    on the rows it has);
 *  - with the speed gate on: ratio_to_copy grown by more than the factor
 *    (1 + speed_tolerance) * max(baseline speed_spread, current speed_spread),
 *    so a slowdown must exceed both the tolerance and the noise that both runs
 *    measured.  Rows with an empty speed field in either file are not
 *    speed-compared.
 * A peer's figure above its documented bound is a finding, not a
 * regression: listed ("known" when the baseline has the same figure), and
 * failing only through the rules above, when it got worse.  Rows skipped in
 * both files are not compared; rows new in current are listed and held to
 * their bounds.
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
    COMPARE_INPUT_ERROR = 2, /* bad usage, a file that cannot be read as accuracy.csv, or
                              * files measured on different inputs */
};

struct compare_options {
    double speed_tolerance; /* relative: 0.25 allows 25 % beyond the measured spread */
    bool speed_gate;        /* false: speed changes are listed but never fail */
    bool require_all;       /* a baseline row missing from current is a regression */
    /* false: list the changes as what an update of the baseline records
     * (worse, better, ...) with no verdict line */
    bool verdict;
    /* rows measured on another input set are compared anyway (an update
     * records them); seed and points must still agree */
    bool allow_new_inputs;
};

/* What a comparison found. */
struct compare_summary {
    size_t rows_compared;   /* rows in both files */
    size_t not_measured;    /* baseline rows missing from current (without require_all) */
    size_t new_rows;        /* current rows missing from the baseline */
    size_t regressions;     /* each figure, count or row that got worse */
    size_t regression_rows; /* rows with at least one regression */
    size_t improved_rows;   /* rows with an improvement and no regression */
    size_t findings;        /* peer figures above their documented bounds */
    size_t known_findings;  /* ... of which the baseline has the same figure */
};

/* speed_tolerance COMPARE_DEFAULT_SPEED_TOLERANCE, speed_gate true,
 * require_all false, verdict true, allow_new_inputs false. */
void compare_options_default(struct compare_options *options);

/*
 * Compares the two files and writes to out (may be NULL) a table of what
 * changed, regressions first, then findings, improvements and the rest,
 * with the old and new figures; the rows not measured, by activation; then
 * one verdict line: "actbench compare: PASS (N rows compared, M improved,
 * ...)" or "actbench compare: FAIL (K regressions in R rows; N rows
 * compared, ...)".  options may be NULL for the defaults, summary NULL when
 * not wanted.  Returns a compare_result; on COMPARE_INPUT_ERROR nothing is
 * written to out and error says which file and line is wrong, or which
 * seed, points or input set differ.
 */
int compare_accuracy(const char *baseline_path, const char *current_path,
                     const struct compare_options *options, FILE *out,
                     struct compare_summary *summary, char *error, size_t error_size);

/* compare_accuracy without the summary. */
int compare_accuracy_files(const char *baseline_path, const char *current_path,
                           const struct compare_options *options, FILE *out, char *error,
                           size_t error_size);

#endif
