/* Writers of accuracy.csv, profile.csv and failures.csv (schemas in
 * README.md; accuracy.csv's columns in accuracy_columns.inc). */
#ifndef ACTBENCH_ACCURACY_CSV_H
#define ACTBENCH_ACCURACY_CSV_H

#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>

#include "../harness/accuracy.h"

#define ACCURACY_SCHEMA_VERSION 1
#define PROFILE_SCHEMA_VERSION 1
#define FAILURES_SCHEMA_VERSION 1

enum accuracy_column {
#define COLUMN(name, unit, description) COLUMN_##name,
#include "accuracy_columns.inc"
#undef COLUMN
    ACCURACY_COLUMN_COUNT
};

struct accuracy_column_info {
    const char *name, *unit, *description;
};
extern const struct accuracy_column_info accuracy_columns[ACCURACY_COLUMN_COUNT];

/* The speed figures shown in accuracy.csv, one per accuracy row. */
struct speed_summary {
    bool measured;
    double cycles_per_element, ratio_to_copy, spread;
};

/* speed may be NULL (no speed measured).  Returns 0 or -1 on a write error. */
int accuracy_csv_write(FILE *f, const struct accuracy_row *rows, size_t row_count,
                       const struct speed_summary *speed);
int profile_csv_write(FILE *f, const struct accuracy_row *rows, size_t row_count);
int failures_csv_write(FILE *f, const struct accuracy_row *rows, size_t row_count);

#endif
