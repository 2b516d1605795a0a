/* Writers of accuracy.csv, profile.csv and failures.csv (their columns in
 * accuracy_columns.inc, profile_columns.inc and failures_columns.inc, their
 * versions in schema.h). */
#ifndef ACTBENCH_ACCURACY_CSV_H
#define ACTBENCH_ACCURACY_CSV_H

#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>

#include "../harness/accuracy_row.h"

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
