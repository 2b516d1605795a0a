/*
 * The HTML report's model: the CSV files of a run, read and validated, with
 * every figure the report shows parsed once, and the accuracy rows grouped
 * by activation.  html_load.c fills it; the charts, tables and sections
 * only read it, through the accessors and queries below.
 */
#ifndef ACTBENCH_HTML_MODEL_H
#define ACTBENCH_HTML_MODEL_H

#include <stdbool.h>
#include <stddef.h>
#include <string.h>

#include "csv_read.h"
#include "schema.h"

#define COUNT_OF(array) (sizeof(array) / sizeof((array)[0]))

/* ---- the model -------------------------------------------------------- */

/* Numbers of one table, parsed once: row * width + column. */
struct parsed_numbers {
    double *values;
    unsigned char *present;
    size_t width;
};

struct activation_group {
    const char *name;
    size_t *rows; /* accuracy rows, file order */
    size_t row_count;
    size_t *profile_rows; /* its profile.csv rows over x, file order */
    size_t profile_row_count;
};

struct report {
    const char *dir;
    bool accuracy_optional; /* set before loading: a speed-only run has none */
    struct csv_table accuracy, speed, machine, profile, failures;
    bool has_accuracy, has_speed, has_machine, has_profile, has_failures;
    /* where each column of the schemas is in its table (-1: absent) */
    int accuracy_index[ACCURACY_COLUMN_COUNT];
    int speed_index[SPEED_COLUMN_COUNT];
    int profile_index[PROFILE_COLUMN_COUNT];
    int failures_index[FAILURES_COLUMN_COUNT];
    int machine_key, machine_value;
    struct parsed_numbers accuracy_numbers, speed_numbers, profile_numbers;
    struct activation_group *groups;
    size_t group_count;
    size_t *profile_row_storage; /* what the groups' profile_rows point into */
};

/* Reads and validates the CSV files of r->dir (html_load.c); of
 * profile.csv only the rows over x are kept.  Returns 0, or
 * -1 with the file and line of what is wrong in error; free r either way. */
int report_load(struct report *r, char *error, size_t error_size);
void report_free(struct report *r);

/* ---- accessors -------------------------------------------------------- */

static inline bool same_text(const char *a, const char *b)
{
    return strcmp(a, b) == 0;
}

static inline bool parsed_number(const struct parsed_numbers *numbers, size_t row, size_t col,
                                 double *value)
{
    size_t at = row * numbers->width + col;
    if (!numbers->present[at])
        return false;
    *value = numbers->values[at];
    return true;
}

static inline const char *acc_text(const struct report *r, size_t row, enum accuracy_column col)
{
    return csv_field(&r->accuracy, row, r->accuracy_index[col]);
}

/* false when the field is empty or was printed from a NaN (not measured). */
static inline bool acc_number(const struct report *r, size_t row, enum accuracy_column col,
                              double *value)
{
    return parsed_number(&r->accuracy_numbers, row, (size_t)col, value);
}

static inline const char *speed_text(const struct report *r, size_t row, enum speed_column col)
{
    return csv_field(&r->speed, row, r->speed_index[col]);
}

static inline bool speed_number(const struct report *r, size_t row, enum speed_column col,
                                double *value)
{
    return parsed_number(&r->speed_numbers, row, (size_t)col, value);
}

static inline const char *profile_text(const struct report *r, size_t row,
                                       enum profile_column col)
{
    return csv_field(&r->profile, row, r->profile_index[col]);
}

static inline bool profile_number(const struct report *r, size_t row, enum profile_column col,
                                  double *value)
{
    return parsed_number(&r->profile_numbers, row, (size_t)col, value);
}

static inline const char *failure_text(const struct report *r, size_t row,
                                       enum failures_column col)
{
    return csv_field(&r->failures, row, r->failures_index[col]);
}

/* Key and value of machine.csv's row. */
static inline const char *machine_key_at(const struct report *r, size_t row)
{
    return csv_field(&r->machine, row, r->machine_key);
}

static inline const char *machine_value_at(const struct report *r, size_t row)
{
    return csv_field(&r->machine, row, r->machine_value);
}

static inline bool row_is_ok(const struct report *r, size_t row)
{
    return same_text(acc_text(r, row, ACCURACY_status), "ok");
}

/* Whether a row's implementation has a gradient.  A forward-only one
 * (XNNPACK's operators, a --kernel entry without gradient) declares no
 * gradient bound, so its gradient_bound_ulp is empty, as are its gradient
 * statistics (files of earlier versions hold counts over nothing, 0,
 * there): the report shows "no gradient", never a figure. */
static inline bool row_has_gradient(const struct report *r, size_t row)
{
    double bound;
    return acc_number(r, row, ACCURACY_gradient_bound_ulp, &bound);
}

/* ---- queries (html_model.c) ------------------------------------------- */

/* The format whose rows the charts show: f32 when it was measured. */
const char *chart_format(const struct report *r, const struct activation_group *group);

/* Cycles per element and ratio to copy (NaN when unknown) of an accuracy
 * row: its own columns, or, when the run wrote them only to speed.csv, the
 * first L1 throughput row of the implementation there. */
bool row_speed(const struct report *r, size_t row, double *cycles, double *ratio);

/* The most accurate measured row of a format: least value_max_ulp, ties to
 * the faster.  Returns false when no row qualifies. */
bool most_accurate(const struct report *r, const struct activation_group *group,
                   const char *format, size_t *best_row);

/* The measured row of a format with the fewest cycles per element. */
bool fastest(const struct report *r, const struct activation_group *group, const char *format,
             size_t *best_row);

/* Whether any row of the group has a value in the column. */
bool group_has_column(const struct report *r, const struct activation_group *group,
                      enum accuracy_column col);

/* Whether failures.csv lists examples of the implementation. */
bool has_failure_examples(const struct report *r, const char *activation,
                          const char *implementation);

/* The value of the first of keys machine.csv has, or NULL. */
const char *machine_value(const struct report *r, const char *const *keys, size_t count);

#endif
