/*
 * An accuracy.csv read for comparison: the table, its columns located,
 * every figure the gate uses parsed and checked up front (so a damaged file
 * is reported with file and line and never half-compared), and its rows
 * indexed by (activation, implementation, format).  The baseline
 * comparison (compare.c) and the baseline update (baseline.c) read files
 * this way.
 */
#ifndef ACTBENCH_ACCURACY_FILE_H
#define ACTBENCH_ACCURACY_FILE_H

#include <stdbool.h>
#include <stddef.h>

#include "csv_read.h"

struct row_key {
    const char *activation, *implementation, *format;
    size_t row;
};

struct accuracy_file {
    struct csv_table table;
    int column[ACCURACY_COLUMN_COUNT]; /* index in table, -1 when absent */
    double *numbers;        /* row * ACCURACY_COLUMN_COUNT + column */
    unsigned char *present; /* same layout: 1 when the field held a number */
    struct row_key *sorted; /* rows sorted by key, for lookup */
};

/* Reads and validates path: the schema's first line and version, the
 * columns the gate needs, numbers >= 0 (empty: not measured), counts, no
 * two rows with one key.  Returns 0, or -1 with "path:line: why". */
int accuracy_file_load(const char *path, struct accuracy_file *file, char *error,
                       size_t error_size);
void accuracy_file_free(struct accuracy_file *file);

/* The key of a row (pointing into the file's text). */
struct row_key accuracy_file_key(const struct accuracy_file *file, size_t row);
/* The file's own key of the row with key's fields, or NULL. */
const struct row_key *accuracy_file_find(const struct accuracy_file *file,
                                         const struct row_key *key);
/* Orders keys by activation, implementation, format. */
int row_key_compare(const void *a, const void *b);

const char *accuracy_file_text(const struct accuracy_file *file, size_t row,
                               enum accuracy_column col);
/* A parsed figure or count (0 when not present). */
double accuracy_file_number(const struct accuracy_file *file, size_t row,
                            enum accuracy_column col);
bool accuracy_file_has(const struct accuracy_file *file, size_t row, enum accuracy_column col);
/* status "ok": the row was measured. */
bool accuracy_file_row_ok(const struct accuracy_file *file, size_t row);
/* bound_source "contract": exceeding a bound is a failure, not a finding. */
bool accuracy_file_row_contract(const struct accuracy_file *file, size_t row);

#endif
