/* accuracy.csv files read for comparison; see accuracy_file.h. */
#include "accuracy_file.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#define COUNT_OF(array) (sizeof(array) / sizeof((array)[0]))

/* The columns the gate reads; a file without one of them is not one it can
 * judge. */
static const enum accuracy_column required_columns[] = {
    ACCURACY_activation,
    ACCURACY_implementation,
    ACCURACY_format,
    ACCURACY_status,
    ACCURACY_points,
    ACCURACY_seed,
    ACCURACY_input_set,
    ACCURACY_bound_source,
    ACCURACY_value_bound_ulp,
    ACCURACY_value_max_ulp,
    ACCURACY_value_mean_ulp,
    ACCURACY_value_special_failures,
    ACCURACY_gradient_bound_ulp,
    ACCURACY_gradient_max_ulp,
    ACCURACY_gradient_mean_ulp,
    ACCURACY_gradient_special_failures,
    ACCURACY_param_gradient_max_ulp,
    ACCURACY_property_failures,
    ACCURACY_gelu_distance_max_ulp,
    ACCURACY_cycles_per_element,
    ACCURACY_ratio_to_copy,
    ACCURACY_speed_spread,
};

/* Every numeric column the gate reads, validated on every row up front. */
static const enum accuracy_column numeric_columns[] = {
    ACCURACY_value_bound_ulp,        ACCURACY_value_max_ulp,
    ACCURACY_value_mean_ulp,         ACCURACY_gradient_bound_ulp,
    ACCURACY_gradient_max_ulp,       ACCURACY_gradient_mean_ulp,
    ACCURACY_param_gradient_max_ulp, ACCURACY_gelu_distance_max_ulp,
    ACCURACY_cycles_per_element,     ACCURACY_ratio_to_copy,
    ACCURACY_speed_spread,
};

/* Whole-number columns: the failure counts, the property parts and the
 * points. */
static const enum accuracy_column count_columns[] = {
    ACCURACY_points,
    ACCURACY_value_special_failures,
    ACCURACY_gradient_special_failures,
    ACCURACY_property_failures,
    ACCURACY_range_violations,
    ACCURACY_symmetry_violations,
    ACCURACY_monotonicity_violations,
    ACCURACY_nan_propagation_failures,
    ACCURACY_overflow_nan_failures,
    ACCURACY_lane_crosstalk_failures,
    ACCURACY_tail_failures,
    ACCURACY_inplace_failures,
    ACCURACY_reference_unresolved,
};

/* The statuses actbench writes; any other is damage, not a row to skip. */
static const char *const known_statuses[] = {"ok", "skipped_isa", "skipped_library",
                                             "skipped_unsupported"};

int row_key_compare(const void *a, const void *b)
{
    const struct row_key *x = a, *y = b;
    int order = strcmp(x->activation, y->activation);
    if (order == 0)
        order = strcmp(x->implementation, y->implementation);
    if (order == 0)
        order = strcmp(x->format, y->format);
    return order;
}

void accuracy_file_free(struct accuracy_file *file)
{
    csv_free(&file->table);
    free(file->numbers);
    free(file->present);
    free(file->sorted);
    memset(file, 0, sizeof *file);
}

static int is_count(const char *text)
{
    if (*text == '\0')
        return 1; /* empty: not measured */
    for (; *text; text++)
        if (*text < '0' || *text > '9')
            return 0;
    return 1;
}

/* The key fields of row r must not be empty. */
static int check_keys(const struct accuracy_file *file, size_t r, char *error, size_t error_size)
{
    static const enum accuracy_column key_columns[] = {ACCURACY_activation, ACCURACY_implementation,
                                                       ACCURACY_format, ACCURACY_status};
    const struct csv_table *table = &file->table;
    for (size_t k = 0; k < COUNT_OF(key_columns); k++)
        if (csv_field(table, r, file->column[key_columns[k]])[0] == '\0') {
            csv_set_error(error, error_size, "%s:%zu: empty %s", table->path, table->row_lines[r],
                          accuracy_columns[key_columns[k]].name);
            return -1;
        }
    const char *status = csv_field(table, r, file->column[ACCURACY_status]);
    for (size_t k = 0; k < COUNT_OF(known_statuses); k++)
        if (strcmp(status, known_statuses[k]) == 0)
            return 0;
    csv_set_error(error, error_size, "%s:%zu: unknown status '%s' (actbench writes ok, "
                  "skipped_isa, skipped_library or skipped_unsupported)", table->path, table->row_lines[r], status);
    return -1;
}

/* Parses the numeric columns of row r: figures are numbers >= 0, empty when
 * not measured. */
static int parse_figures(struct accuracy_file *file, size_t r, char *error, size_t error_size)
{
    const struct csv_table *table = &file->table;
    double *numbers = file->numbers + r * ACCURACY_COLUMN_COUNT;
    unsigned char *present = file->present + r * ACCURACY_COLUMN_COUNT;
    for (size_t n = 0; n < COUNT_OF(numeric_columns); n++) {
        enum accuracy_column col = numeric_columns[n];
        int parsed = csv_field_number(table, r, file->column[col], &numbers[col], error,
                                      error_size);
        if (parsed < 0)
            return -1;
        /* A speed figure printed from a NaN was not measured; a NaN
         * accuracy figure is damage. */
        bool speed_column = col == ACCURACY_cycles_per_element || col == ACCURACY_ratio_to_copy ||
                            col == ACCURACY_speed_spread;
        if (parsed > 0 && speed_column && isnan(numbers[col]))
            parsed = 0;
        if (parsed > 0 && (isnan(numbers[col]) || numbers[col] < 0)) {
            csv_set_error(error, error_size, "%s:%zu: bad number '%s' in column %s (must be >= 0)",
                          table->path, table->row_lines[r],
                          csv_field(table, r, file->column[col]), accuracy_columns[col].name);
            return -1;
        }
        present[col] = parsed > 0;
    }
    return 0;
}

/* Parses the counts of row r that the file has. */
static int parse_counts(struct accuracy_file *file, size_t r, char *error, size_t error_size)
{
    const struct csv_table *table = &file->table;
    double *numbers = file->numbers + r * ACCURACY_COLUMN_COUNT;
    unsigned char *present = file->present + r * ACCURACY_COLUMN_COUNT;
    for (size_t i = 0; i < COUNT_OF(count_columns); i++) {
        enum accuracy_column col = count_columns[i];
        if (file->column[col] < 0)
            continue;
        const char *text = csv_field(table, r, file->column[col]);
        if (!is_count(text)) {
            csv_set_error(error, error_size,
                          "%s:%zu: bad number '%s' in column %s (expected a count)", table->path,
                          table->row_lines[r], text, accuracy_columns[col].name);
            return -1;
        }
        if (text[0] != '\0') {
            numbers[col] = strtod(text, NULL);
            present[col] = 1;
        }
    }
    return 0;
}

/* Sorts the row keys for lookup; two rows with one key are an error. */
static int sort_keys(struct accuracy_file *file, char *error, size_t error_size)
{
    const struct csv_table *table = &file->table;
    size_t rows = table->row_count;
    for (size_t r = 0; r < rows; r++) {
        file->sorted[r] = accuracy_file_key(file, r);
        file->sorted[r].row = r;
    }
    qsort(file->sorted, rows, sizeof *file->sorted, row_key_compare);
    for (size_t r = 1; r < rows; r++)
        if (row_key_compare(&file->sorted[r - 1], &file->sorted[r]) == 0) {
            const struct row_key *a = &file->sorted[r - 1], *b = &file->sorted[r];
            size_t first = a->row < b->row ? a->row : b->row;
            size_t second = a->row < b->row ? b->row : a->row;
            csv_set_error(error, error_size,
                          "%s:%zu: duplicate row for (%s, %s, %s), first at line %zu",
                          table->path, table->row_lines[second], a->activation,
                          a->implementation, a->format, table->row_lines[first]);
            return -1;
        }
    return 0;
}

/* Parses and checks every field the gate uses, then sorts the keys. */
static int validate_rows(struct accuracy_file *file, char *error, size_t error_size)
{
    struct csv_table *table = &file->table;
    size_t rows = table->row_count;
    file->numbers = calloc(rows ? rows * ACCURACY_COLUMN_COUNT : 1, sizeof *file->numbers);
    file->present = calloc(rows ? rows * ACCURACY_COLUMN_COUNT : 1, 1);
    file->sorted = calloc(rows ? rows : 1, sizeof *file->sorted);
    if (file->numbers == NULL || file->present == NULL || file->sorted == NULL) {
        csv_set_error(error, error_size, "%s: out of memory", table->path);
        return -1;
    }
    for (size_t r = 0; r < rows; r++) {
        if (check_keys(file, r, error, error_size) != 0 ||
            parse_figures(file, r, error, error_size) != 0 ||
            parse_counts(file, r, error, error_size) != 0)
            return -1;
        size_t at = r * ACCURACY_COLUMN_COUNT + ACCURACY_ratio_to_copy;
        if (file->present[at] && file->numbers[at] == 0) {
            csv_set_error(error, error_size, "%s:%zu: bad number '0' in column ratio_to_copy",
                          table->path, table->row_lines[r]);
            return -1;
        }
    }
    return sort_keys(file, error, error_size);
}

int accuracy_file_load(const char *path, struct accuracy_file *file, char *error,
                       size_t error_size)
{
    memset(file, 0, sizeof *file);
    if (csv_read_schema(path, &accuracy_schema, &file->table, error, error_size) != CSV_OK)
        return -1;
    bool required[ACCURACY_COLUMN_COUNT] = {false};
    for (size_t i = 0; i < COUNT_OF(required_columns); i++)
        required[required_columns[i]] = true;
    if (csv_find_columns(&file->table, &accuracy_schema, file->column, required, error,
                         error_size) != 0)
        return -1;
    return validate_rows(file, error, error_size);
}

struct row_key accuracy_file_key(const struct accuracy_file *file, size_t row)
{
    return (struct row_key){
        .activation = accuracy_file_text(file, row, ACCURACY_activation),
        .implementation = accuracy_file_text(file, row, ACCURACY_implementation),
        .format = accuracy_file_text(file, row, ACCURACY_format),
        .row = row,
    };
}

const struct row_key *accuracy_file_find(const struct accuracy_file *file,
                                         const struct row_key *key)
{
    return bsearch(key, file->sorted, file->table.row_count, sizeof *file->sorted,
                   row_key_compare);
}

const char *accuracy_file_text(const struct accuracy_file *file, size_t row,
                               enum accuracy_column col)
{
    return csv_field(&file->table, row, file->column[col]);
}

double accuracy_file_number(const struct accuracy_file *file, size_t row,
                            enum accuracy_column col)
{
    return file->numbers[row * ACCURACY_COLUMN_COUNT + col];
}

bool accuracy_file_has(const struct accuracy_file *file, size_t row, enum accuracy_column col)
{
    return file->present[row * ACCURACY_COLUMN_COUNT + col] != 0;
}

bool accuracy_file_row_ok(const struct accuracy_file *file, size_t row)
{
    return strcmp(accuracy_file_text(file, row, ACCURACY_status), "ok") == 0;
}

bool accuracy_file_row_contract(const struct accuracy_file *file, size_t row)
{
    return strcmp(accuracy_file_text(file, row, ACCURACY_bound_source), "contract") == 0;
}
