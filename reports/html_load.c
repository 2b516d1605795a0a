/*
 * Reading a run's CSV files into the report's model (html_model.h).  Every
 * file is read and every figure the report shows is parsed here, before a
 * byte of HTML is written, so a bad number is reported with its file and
 * line and writing cannot fail except on I/O.
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>

#include "html_model.h"

/* The schema versions this report reads; each must match its writer's. */
#define ACCURACY_SCHEMA 1
#define SPEED_SCHEMA 1
#define MACHINE_SCHEMA 1
#define PROFILE_SCHEMA 1
#define FAILURES_SCHEMA 1

const struct column_info acc_columns[ACC_COUNT] = {
#define COLUMN(name, unit, description) {#name, unit, description},
#include "accuracy_columns.inc"
#undef COLUMN
};

static const char *const speed_column_names[SP_COUNT] = {
#define SPEED_NAME(name, numeric) #name,
    SPEED_COLUMNS(SPEED_NAME)
#undef SPEED_NAME
};

static const bool speed_column_numeric[SP_COUNT] = {
#define SPEED_NUMERIC(name, numeric) numeric,
    SPEED_COLUMNS(SPEED_NUMERIC)
#undef SPEED_NUMERIC
};

static const char *const profile_column_names[PR_COUNT] = {
    "activation", "implementation", "format", "quantity", "axis",
    "bin_lo", "bin_hi", "count", "max_ulp",
};

static const char *const failure_column_names[FA_COUNT] = {
    "activation", "implementation", "format", "category", "input", "got", "want", "detail",
};


/* Parses the columns marked numeric of every row (index[c] < 0: absent). */
static int parse_numbers(const struct csv_table *table, const int *index, const bool *numeric,
                         size_t width, struct parsed_numbers *parsed, char *error,
                         size_t error_size)
{
    size_t cells = table->row_count * width;
    parsed->width = width;
    parsed->values = calloc(cells ? cells : 1, sizeof *parsed->values);
    parsed->present = calloc(cells ? cells : 1, 1);
    if (parsed->values == NULL || parsed->present == NULL) {
        csv_set_error(error, error_size, "%s: out of memory", table->path);
        return -1;
    }
    for (size_t row = 0; row < table->row_count; row++)
        for (size_t c = 0; c < width; c++) {
            if (!numeric[c] || index[c] < 0)
                continue;
            double value;
            int got = csv_field_number(table, row, index[c], &value, error, error_size);
            if (got < 0)
                return -1;
            /* A figure printed from a NaN ("nan") was not measured: shown
             * empty, like an empty field. */
            parsed->values[row * width + c] = value;
            parsed->present[row * width + c] = (unsigned char)(got > 0 && !isnan(value));
        }
    return 0;
}

static void free_parsed(struct parsed_numbers *parsed)
{
    free(parsed->values);
    free(parsed->present);
}

/* Reads dir/name.  Returns 1 when read, 0 when the file does not exist and
 * is optional, -1 on error. */
static int read_table(const char *dir, const char *name, int schema, bool optional,
                      struct csv_table *table, char *error, size_t error_size)
{
    char path[4096];
    int length = snprintf(path, sizeof path, "%s/%s.csv", dir, name);
    if (length < 0 || (size_t)length >= sizeof path) {
        csv_set_error(error, error_size, "%s: path too long", dir);
        return -1;
    }
    enum csv_status status = csv_read_file(path, name, schema, table, error, error_size);
    if (status == CSV_OK)
        return 1;
    if (status == CSV_MISSING && optional)
        return 0;
    return -1;
}

static int lookup_columns(const struct csv_table *table, const char *const *names, size_t count,
                          int *index, const bool *required, char *error, size_t error_size)
{
    for (size_t c = 0; c < count; c++) {
        index[c] = csv_column_index(table, names[c]);
        if (index[c] < 0 && required[c]) {
            csv_set_error(error, error_size, "%s:%zu: missing column '%s'", table->path,
                      table->header_line, names[c]);
            return -1;
        }
    }
    return 0;
}

static int group_activations(struct report *r, char *error, size_t error_size)
{
    size_t rows = r->accuracy.row_count;
    r->groups = calloc(rows ? rows : 1, sizeof *r->groups);
    size_t *row_storage = calloc(rows ? rows : 1, sizeof *row_storage);
    if (r->groups == NULL || row_storage == NULL) {
        free(row_storage);
        csv_set_error(error, error_size, "%s: out of memory", r->accuracy.path);
        return -1;
    }
    /* Pass 1: names and sizes; pass 2: rows laid out group after group in
     * the one array (so groups[0].rows owns it). */
    for (size_t row = 0; row < rows; row++) {
        const char *name = acc_text(r, row, ACC_activation);
        size_t g = 0;
        while (g < r->group_count && !same_text(r->groups[g].name, name))
            g++;
        if (g == r->group_count)
            r->groups[r->group_count++].name = name;
        r->groups[g].row_count++;
    }
    size_t offset = 0;
    for (size_t g = 0; g < r->group_count; g++) {
        r->groups[g].rows = row_storage + offset;
        offset += r->groups[g].row_count;
        r->groups[g].row_count = 0;
    }
    for (size_t row = 0; row < rows; row++) {
        const char *name = acc_text(r, row, ACC_activation);
        for (size_t g = 0; g < r->group_count; g++)
            if (same_text(r->groups[g].name, name)) {
                r->groups[g].rows[r->groups[g].row_count++] = row;
                break;
            }
    }
    if (r->group_count == 0)
        free(row_storage);
    return 0;
}

static int load_accuracy(struct report *r, char *error, size_t error_size)
{
    if (read_table(r->dir, "accuracy", ACCURACY_SCHEMA, false, &r->accuracy, error,
                   error_size) < 0)
        return -1;
    const char *acc_names[ACC_COUNT];
    bool acc_required[ACC_COUNT], acc_numeric[ACC_COUNT];
    for (int c = 0; c < ACC_COUNT; c++) {
        acc_names[c] = acc_columns[c].name;
        acc_required[c] = c == ACC_activation || c == ACC_implementation || c == ACC_format ||
                          c == ACC_status;
        const char *unit = acc_columns[c].unit;
        /* Histograms are counts joined by ';': shown as text, not parsed. */
        acc_numeric[c] = (same_text(unit, "ulp") || same_text(unit, "ratio") ||
                          same_text(unit, "cycles/element") || same_text(unit, "count")) &&
                         strstr(acc_columns[c].name, "histogram") == NULL;
    }
    if (lookup_columns(&r->accuracy, acc_names, ACC_COUNT, r->acc, acc_required, error,
                       error_size) != 0 ||
        parse_numbers(&r->accuracy, r->acc, acc_numeric, ACC_COUNT, &r->acc_numbers, error,
                      error_size) != 0)
        return -1;
    for (size_t row = 0; row < r->accuracy.row_count; row++) {
        static const enum accuracy_column keys[] = {ACC_activation, ACC_implementation,
                                                    ACC_format, ACC_status};
        for (size_t k = 0; k < COUNT_OF(keys); k++)
            if (acc_text(r, row, keys[k])[0] == '\0') {
                csv_set_error(error, error_size, "%s:%zu: empty %s", r->accuracy.path,
                          r->accuracy.row_lines[row], acc_columns[keys[k]].name);
                return -1;
            }
    }
    return 0;
}

static int load_speed(struct report *r, char *error, size_t error_size)
{
    int got = read_table(r->dir, "speed", SPEED_SCHEMA, true, &r->speed, error, error_size);
    if (got < 0)
        return -1;
    r->has_speed = got > 0;
    if (!r->has_speed)
        return 0;
    bool required[SP_COUNT] = {[SP_implementation] = true, [SP_activation] = true};
    if (lookup_columns(&r->speed, speed_column_names, SP_COUNT, r->sp, required, error,
                       error_size) != 0 ||
        parse_numbers(&r->speed, r->sp, speed_column_numeric, SP_COUNT, &r->speed_numbers,
                      error, error_size) != 0)
        return -1;
    return 0;
}

static int load_machine(struct report *r, char *error, size_t error_size)
{
    int got = read_table(r->dir, "machine", MACHINE_SCHEMA, true, &r->machine, error, error_size);
    if (got < 0)
        return -1;
    r->has_machine = got > 0;
    if (!r->has_machine)
        return 0;
    static const char *const names[] = {"key", "value"};
    static const bool required[] = {true, true};
    int index[2];
    if (lookup_columns(&r->machine, names, 2, index, required, error, error_size) != 0)
        return -1;
    r->machine_key = index[0];
    r->machine_value = index[1];
    return 0;
}

static int load_profile(struct report *r, char *error, size_t error_size)
{
    int got = read_table(r->dir, "profile", PROFILE_SCHEMA, true, &r->profile, error, error_size);
    if (got < 0)
        return -1;
    r->has_profile = got > 0;
    if (!r->has_profile)
        return 0;
    bool required[PR_COUNT], numeric[PR_COUNT];
    for (int c = 0; c < PR_COUNT; c++) {
        required[c] = true;
        numeric[c] = c >= PR_bin_lo;
    }
    if (lookup_columns(&r->profile, profile_column_names, PR_COUNT, r->pr, required, error,
                       error_size) != 0 ||
        parse_numbers(&r->profile, r->pr, numeric, PR_COUNT, &r->profile_numbers, error,
                      error_size) != 0)
        return -1;
    return 0;
}

static int load_failures(struct report *r, char *error, size_t error_size)
{
    int got = read_table(r->dir, "failures", FAILURES_SCHEMA, true, &r->failures, error,
                         error_size);
    if (got < 0)
        return -1;
    r->has_failures = got > 0;
    if (!r->has_failures)
        return 0;
    bool required[FA_COUNT];
    for (int c = 0; c < FA_COUNT; c++)
        required[c] = c != FA_detail;
    return lookup_columns(&r->failures, failure_column_names, FA_COUNT, r->fa, required, error,
                          error_size);
}

int report_load(struct report *r, char *error, size_t error_size)
{
    if (load_accuracy(r, error, error_size) != 0 || load_speed(r, error, error_size) != 0 ||
        load_machine(r, error, error_size) != 0 || load_profile(r, error, error_size) != 0 ||
        load_failures(r, error, error_size) != 0)
        return -1;
    return group_activations(r, error, error_size);
}

void report_free(struct report *r)
{
    csv_free(&r->accuracy);
    csv_free(&r->speed);
    csv_free(&r->machine);
    csv_free(&r->profile);
    csv_free(&r->failures);
    free_parsed(&r->acc_numbers);
    free_parsed(&r->speed_numbers);
    free_parsed(&r->profile_numbers);
    if (r->group_count > 0)
        free(r->groups[0].rows);
    free(r->groups);
}
