/*
 * Reading a run's CSV files into the report's model (html_model.h).  Every
 * file is read and every figure the report shows is parsed here, before a
 * byte of HTML is written, so a bad number is reported with its file and
 * line and writing cannot fail except on I/O.
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "html_model.h"

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

/* Reads dir/<name>.csv of the schema.  Returns 1 when read, 0 when the file
 * does not exist and is optional, -1 on error. */
static int read_table(const char *dir, const struct csv_schema *schema, bool optional,
                      struct csv_table *table, char *error, size_t error_size)
{
    char path[4096];
    int length = snprintf(path, sizeof path, "%s/%s.csv", dir, schema->name);
    if (length < 0 || (size_t)length >= sizeof path) {
        csv_set_error(error, error_size, "%s: path too long", dir);
        return -1;
    }
    enum csv_status status = csv_read_schema(path, schema, table, error, error_size);
    if (status == CSV_OK)
        return 1;
    if (status == CSV_MISSING && optional)
        return 0;
    return -1;
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
        const char *name = acc_text(r, row, ACCURACY_activation);
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
        const char *name = acc_text(r, row, ACCURACY_activation);
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
    int got = read_table(r->dir, &accuracy_schema, r->accuracy_optional, &r->accuracy, error,
                         error_size);
    if (got < 0)
        return -1;
    r->has_accuracy = got > 0;
    if (!r->has_accuracy) {
        for (int c = 0; c < ACCURACY_COLUMN_COUNT; c++)
            r->accuracy_index[c] = -1;
        r->accuracy_numbers.width = ACCURACY_COLUMN_COUNT;
        r->accuracy_numbers.values = calloc(1, sizeof *r->accuracy_numbers.values);
        r->accuracy_numbers.present = calloc(1, 1);
        return 0;
    }
    bool required[ACCURACY_COLUMN_COUNT], numeric[ACCURACY_COLUMN_COUNT];
    for (int c = 0; c < ACCURACY_COLUMN_COUNT; c++) {
        required[c] = c == ACCURACY_activation || c == ACCURACY_implementation ||
                      c == ACCURACY_format || c == ACCURACY_status;
        const char *unit = accuracy_columns[c].unit;
        /* Histograms are counts joined by ';': shown as text, not parsed. */
        numeric[c] = (same_text(unit, "ulp") || same_text(unit, "ratio") ||
                      same_text(unit, "cycles/element") || same_text(unit, "count")) &&
                     strstr(accuracy_columns[c].name, "histogram") == NULL;
    }
    if (csv_find_columns(&r->accuracy, &accuracy_schema, r->accuracy_index, required, error,
                         error_size) != 0 ||
        parse_numbers(&r->accuracy, r->accuracy_index, numeric, ACCURACY_COLUMN_COUNT,
                      &r->accuracy_numbers, error, error_size) != 0)
        return -1;
    for (size_t row = 0; row < r->accuracy.row_count; row++) {
        static const enum accuracy_column keys[] = {ACCURACY_activation, ACCURACY_implementation,
                                                    ACCURACY_format, ACCURACY_status};
        for (size_t k = 0; k < COUNT_OF(keys); k++)
            if (acc_text(r, row, keys[k])[0] == '\0') {
                csv_set_error(error, error_size, "%s:%zu: empty %s", r->accuracy.path,
                              r->accuracy.row_lines[row], accuracy_columns[keys[k]].name);
                return -1;
            }
    }
    return 0;
}

/* speed.csv is looked up by header name: columns it lacks read as empty. */
static int load_speed(struct report *r, char *error, size_t error_size)
{
    /* The columns shown as numbers; the rest are shown as text. */
    static const enum speed_column numeric_columns[] = {
        SPEED_bytes,   SPEED_elements,   SPEED_threads,   SPEED_repetitions,
        SPEED_cpe_min, SPEED_cpe_median, SPEED_cpe_max,   SPEED_ns_per_element_median,
        SPEED_core_ghz, SPEED_ratio_to_copy, SPEED_ratio_to_copy2, SPEED_all_cores_scaling,
    };
    int got = read_table(r->dir, &speed_schema, true, &r->speed, error, error_size);
    if (got < 0)
        return -1;
    r->has_speed = got > 0;
    if (!r->has_speed)
        return 0;
    bool required[SPEED_COLUMN_COUNT] = {[SPEED_implementation] = true,
                                         [SPEED_activation] = true};
    bool numeric[SPEED_COLUMN_COUNT] = {false};
    for (size_t i = 0; i < COUNT_OF(numeric_columns); i++)
        numeric[numeric_columns[i]] = true;
    if (csv_find_columns(&r->speed, &speed_schema, r->speed_index, required, error,
                         error_size) != 0 ||
        parse_numbers(&r->speed, r->speed_index, numeric, SPEED_COLUMN_COUNT, &r->speed_numbers,
                      error, error_size) != 0)
        return -1;
    return 0;
}

static int load_machine(struct report *r, char *error, size_t error_size)
{
    int got = read_table(r->dir, &machine_schema, true, &r->machine, error, error_size);
    if (got < 0)
        return -1;
    r->has_machine = got > 0;
    if (!r->has_machine)
        return 0;
    static const bool required[MACHINE_COLUMN_COUNT] = {[MACHINE_key] = true,
                                                        [MACHINE_value] = true};
    int index[MACHINE_COLUMN_COUNT];
    if (csv_find_columns(&r->machine, &machine_schema, index, required, error, error_size) != 0)
        return -1;
    r->machine_key = index[MACHINE_key];
    r->machine_value = index[MACHINE_value];
    return 0;
}

/* The charts draw the profile over x only: the rows over binades (most of
 * a large file) are dropped before their numbers are parsed. */
static void keep_profile_over_x(struct report *r)
{
    struct csv_table *t = &r->profile;
    size_t kept = 0;
    for (size_t row = 0; row < t->row_count; row++) {
        if (!same_text(csv_field(t, row, r->profile_index[PROFILE_axis]), "x"))
            continue;
        if (kept != row) {
            memmove(&t->fields[kept * t->column_count], &t->fields[row * t->column_count],
                    t->column_count * sizeof *t->fields);
            t->row_lines[kept] = t->row_lines[row];
        }
        kept++;
    }
    t->row_count = kept;
}

/* Each activation's profile rows, so that a chart looks at its own only. */
static int index_profiles(struct report *r, char *error, size_t error_size)
{
    if (!r->has_profile || r->group_count == 0)
        return 0;
    size_t *storage = calloc(r->profile.row_count ? r->profile.row_count : 1, sizeof *storage);
    size_t *group_of = calloc(r->profile.row_count ? r->profile.row_count : 1, sizeof *group_of);
    if (storage == NULL || group_of == NULL) {
        free(storage);
        free(group_of);
        csv_set_error(error, error_size, "%s: out of memory", r->profile.path);
        return -1;
    }
    size_t last = 0;
    for (size_t row = 0; row < r->profile.row_count; row++) {
        const char *name = profile_text(r, row, PROFILE_activation);
        size_t g = last;
        if (!same_text(r->groups[g].name, name))
            for (g = 0; g < r->group_count && !same_text(r->groups[g].name, name); g++)
                ;
        group_of[row] = g;
        if (g < r->group_count) {
            r->groups[g].profile_row_count++;
            last = g;
        }
    }
    size_t offset = 0;
    for (size_t g = 0; g < r->group_count; g++) {
        r->groups[g].profile_rows = storage + offset;
        offset += r->groups[g].profile_row_count;
        r->groups[g].profile_row_count = 0;
    }
    for (size_t row = 0; row < r->profile.row_count; row++)
        if (group_of[row] < r->group_count) {
            struct activation_group *group = &r->groups[group_of[row]];
            group->profile_rows[group->profile_row_count++] = row;
        }
    r->profile_row_storage = storage;
    free(group_of);
    return 0;
}

static int load_profile(struct report *r, char *error, size_t error_size)
{
    int got = read_table(r->dir, &profile_schema, true, &r->profile, error, error_size);
    if (got < 0)
        return -1;
    r->has_profile = got > 0;
    if (!r->has_profile)
        return 0;
    bool required[PROFILE_COLUMN_COUNT], numeric[PROFILE_COLUMN_COUNT];
    for (int c = 0; c < PROFILE_COLUMN_COUNT; c++) {
        required[c] = true;
        numeric[c] = c == PROFILE_bin_lo || c == PROFILE_bin_hi || c == PROFILE_count ||
                     c == PROFILE_max_ulp;
    }
    if (csv_find_columns(&r->profile, &profile_schema, r->profile_index, required, error,
                         error_size) != 0)
        return -1;
    keep_profile_over_x(r);
    return parse_numbers(&r->profile, r->profile_index, numeric, PROFILE_COLUMN_COUNT,
                         &r->profile_numbers, error, error_size);
}

static int load_failures(struct report *r, char *error, size_t error_size)
{
    int got = read_table(r->dir, &failures_schema, true, &r->failures, error, error_size);
    if (got < 0)
        return -1;
    r->has_failures = got > 0;
    if (!r->has_failures)
        return 0;
    bool required[FAILURES_COLUMN_COUNT];
    for (int c = 0; c < FAILURES_COLUMN_COUNT; c++)
        required[c] = c != FAILURES_detail;
    return csv_find_columns(&r->failures, &failures_schema, r->failures_index, required, error,
                            error_size);
}

int report_load(struct report *r, char *error, size_t error_size)
{
    if (load_accuracy(r, error, error_size) != 0 || load_speed(r, error, error_size) != 0 ||
        load_machine(r, error, error_size) != 0 || load_profile(r, error, error_size) != 0 ||
        load_failures(r, error, error_size) != 0)
        return -1;
    if (group_activations(r, error, error_size) != 0)
        return -1;
    return index_profiles(r, error, error_size);
}

void report_free(struct report *r)
{
    csv_free(&r->accuracy);
    csv_free(&r->speed);
    csv_free(&r->machine);
    csv_free(&r->profile);
    csv_free(&r->failures);
    free_parsed(&r->accuracy_numbers);
    free_parsed(&r->speed_numbers);
    free_parsed(&r->profile_numbers);
    if (r->group_count > 0)
        free(r->groups[0].rows);
    free(r->groups);
    free(r->profile_row_storage);
}
