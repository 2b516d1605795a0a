/*
 * The results of the accuracy driver: one row per (implementation, format)
 * with every figure, failure and profile the CSV writers and the report
 * read.  The driver (accuracy.h) fills them; reports/ reads them.
 */
#ifndef ACTBENCH_ACCURACY_ROW_H
#define ACTBENCH_ACCURACY_ROW_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "error_stats.h"
#include "implementations.h"

enum failure_category {
    FAILURE_VALUE_SPECIAL,
    FAILURE_GRADIENT_SPECIAL,
    FAILURE_RANGE,
    FAILURE_SYMMETRY,
    FAILURE_MONOTONICITY,
    FAILURE_NAN_PROPAGATION,
    FAILURE_OVERFLOW_NAN,
    FAILURE_LANE_CROSSTALK,
    FAILURE_TAIL,
    FAILURE_INPLACE,
    FAILURE_CATEGORY_COUNT
};
const char *failure_category_name(enum failure_category c);

/* Examples kept per category and row; the counts are always complete. */
#define FAILURE_EXAMPLES_PER_CATEGORY 4

struct failure_example {
    float input, got, want;
};

/* Error profile over x: bins of 0.25 over [-10, 10] and one bin per signed
 * binade (every format). */
#define PROFILE_X_BINS 80
#define PROFILE_X_LO (-10.0)
#define PROFILE_X_WIDTH 0.25
#define PROFILE_BINADE_BINS 556 /* exponents -149 .. 128 for each sign */

struct error_profile {
    double max_ulp[PROFILE_X_BINS];
    uint32_t count[PROFILE_X_BINS];
    double binade_max_ulp[PROFILE_BINADE_BINS];
    uint32_t binade_count[PROFILE_BINADE_BINS];
};
/* binade bin of a finite nonzero x and the signed exponent it stands for */
int profile_binade_bin(float x);
int profile_binade_exponent(int bin, int *sign);

struct accuracy_row {
    const struct implementation *impl;
    enum number_format format;
    bool skipped;             /* ISA not supported: nothing measured */
    uint64_t points;
    struct error_stats value, gradient;
    bool has_param_gradient;  /* prelu */
    struct error_stats param_gradient;
    bool has_gelu_distance;   /* gelu_tanh */
    struct error_stats gelu_distance;
    /* gelu_tanh: the correctly rounded tanh approximation against exact
     * gelu (a property of the formula, the same in every row) */
    struct error_stats approximation;
    uint64_t reference_unresolved;
    bool properties_checked;  /* f32 rows: all properties; others: range only */
    /* failures by category; VALUE_SPECIAL and GRADIENT_SPECIAL repeat
     * value.special_failures and gradient.special_failures */
    uint64_t failure_total[FAILURE_CATEGORY_COUNT];
    uint32_t example_count[FAILURE_CATEGORY_COUNT];
    struct failure_example examples[FAILURE_CATEGORY_COUNT][FAILURE_EXAMPLES_PER_CATEGORY];
    bool has_saturation;
    float saturation_x, saturation_x_exact;
    bool has_gradient_death;
    float gradient_death_x, gradient_death_true;
    struct error_profile *value_profile, *gradient_profile; /* NULL when skipped */
    /* what the row was measured on (input_identity.h); has_input_identity
     * false until accuracy_rows_identify fills them */
    bool has_input_identity;
    uint64_t seed, input_identity;
};

/* Record a failure (count and, while there is room, an example). */
void accuracy_row_note_failure(struct accuracy_row *row, enum failure_category c, float input,
                               float got, float want);
void accuracy_rows_free(struct accuracy_row *rows, size_t row_count);

#endif
