/*
 * The regression gate over two accuracy.csv files (see compare.h).  Both
 * files are read and every figure the gate uses is parsed before anything is
 * compared, so a damaged file is reported as such (with file and line) and
 * never half-compared.
 */
#include "compare.h"

#include <math.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

#include "csv_read.h"

/* Max and mean ulp figures printed and parsed back may differ in the last
 * digit; anything larger is a real change. */
#define ULP_RELATIVE_EPSILON 1e-9

/* The columns the gate reads; a file without one of them is not one it can
 * judge. */
static const enum accuracy_column required_columns[] = {
    ACCURACY_activation,
    ACCURACY_implementation,
    ACCURACY_format,
    ACCURACY_status,
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

/* Accuracy figures where larger is worse, compared with the epsilon. */
static const enum accuracy_column ulp_figures[] = {
    ACCURACY_value_max_ulp,          ACCURACY_value_mean_ulp,
    ACCURACY_gradient_max_ulp,       ACCURACY_gradient_mean_ulp,
    ACCURACY_param_gradient_max_ulp, ACCURACY_gelu_distance_max_ulp,
};

/* Failure counts where any increase is a regression. */
static const enum accuracy_column failure_counts[] = {
    ACCURACY_value_special_failures,
    ACCURACY_gradient_special_failures,
    ACCURACY_property_failures,
};

/* The parts of property_failures, named in the note when it grows. */
static const enum accuracy_column property_parts[] = {
    ACCURACY_range_violations,         ACCURACY_symmetry_violations,
    ACCURACY_monotonicity_violations,  ACCURACY_nan_propagation_failures,
    ACCURACY_overflow_nan_failures,    ACCURACY_lane_crosstalk_failures,
    ACCURACY_tail_failures,            ACCURACY_inplace_failures,
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

#define COUNT_OF(array) (sizeof(array) / sizeof((array)[0]))

struct row_key {
    const char *activation, *implementation, *format;
    size_t row;
};

/* One accuracy.csv, read and validated, with its numbers parsed. */
struct accuracy_file {
    struct csv_table table;
    int column[ACCURACY_COLUMN_COUNT]; /* index in table, -1 when absent */
    double *numbers;        /* row * ACCURACY_COLUMN_COUNT + column */
    unsigned char *present; /* same layout: 1 when the field held a number */
    struct row_key *sorted; /* rows sorted by key, for lookup */
};

enum change_kind { CHANGE_REGRESSION, CHANGE_IMPROVED, CHANGE_INFO, CHANGE_KIND_COUNT };

static const char *const change_kind_names[CHANGE_KIND_COUNT] = {"REGRESSION", "improved",
                                                                 "info"};

struct change {
    enum change_kind kind;
    const struct row_key *key;
    char what[48];
    char old_text[48];
    char new_text[48];
    char note[200];
};

struct change_list {
    struct change *items;
    size_t count, capacity;
    int out_of_memory;
};

static int compare_keys(const void *a, const void *b)
{
    const struct row_key *x = a, *y = b;
    int order = strcmp(x->activation, y->activation);
    if (order == 0)
        order = strcmp(x->implementation, y->implementation);
    if (order == 0)
        order = strcmp(x->format, y->format);
    return order;
}

static void free_accuracy_file(struct accuracy_file *file)
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
    return 0;
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

static bool is_failure_count(enum accuracy_column col)
{
    bool found = false;
    for (size_t i = 0; i < COUNT_OF(failure_counts); i++)
        found |= failure_counts[i] == col;
    for (size_t i = 0; i < COUNT_OF(property_parts); i++)
        found |= property_parts[i] == col;
    return found;
}

/* Parses the failure counts of row r: the required ones and whichever
 * property parts the file has. */
static int parse_counts(struct accuracy_file *file, size_t r, char *error, size_t error_size)
{
    const struct csv_table *table = &file->table;
    double *numbers = file->numbers + r * ACCURACY_COLUMN_COUNT;
    unsigned char *present = file->present + r * ACCURACY_COLUMN_COUNT;
    for (int col = 0; col < ACCURACY_COLUMN_COUNT; col++) {
        if (!is_failure_count((enum accuracy_column)col) || file->column[col] < 0)
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
    for (size_t r = 0; r < rows; r++)
        file->sorted[r] = (struct row_key){
            .activation = csv_field(table, r, file->column[ACCURACY_activation]),
            .implementation = csv_field(table, r, file->column[ACCURACY_implementation]),
            .format = csv_field(table, r, file->column[ACCURACY_format]),
            .row = r,
        };
    qsort(file->sorted, rows, sizeof *file->sorted, compare_keys);
    for (size_t r = 1; r < rows; r++)
        if (compare_keys(&file->sorted[r - 1], &file->sorted[r]) == 0) {
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

static int load_accuracy_file(const char *path, struct accuracy_file *file, char *error,
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

static const struct row_key *find_row(const struct accuracy_file *file, const struct row_key *key)
{
    return bsearch(key, file->sorted, file->table.row_count, sizeof *file->sorted, compare_keys);
}

static const char *field_text(const struct accuracy_file *file, size_t row,
                              enum accuracy_column col)
{
    return csv_field(&file->table, row, file->column[col]);
}

static double number(const struct accuracy_file *file, size_t row, enum accuracy_column col)
{
    return file->numbers[row * ACCURACY_COLUMN_COUNT + col];
}

static int has_number(const struct accuracy_file *file, size_t row, enum accuracy_column col)
{
    return file->present[row * ACCURACY_COLUMN_COUNT + col];
}

static int is_ok(const struct accuracy_file *file, size_t row)
{
    return strcmp(field_text(file, row, ACCURACY_status), "ok") == 0;
}

/* Adds a change; the texts are cut to fit (they are figures and names). */
static struct change *add_change(struct change_list *list, enum change_kind kind,
                                 const struct row_key *key, const char *what, const char *old_text,
                                 const char *new_text)
{
    if (list->count == list->capacity) {
        size_t capacity = list->capacity ? list->capacity * 2 : 64;
        struct change *grown = realloc(list->items, capacity * sizeof *grown);
        if (grown == NULL) {
            list->out_of_memory = 1;
            return NULL;
        }
        list->items = grown;
        list->capacity = capacity;
    }
    struct change *change = &list->items[list->count++];
    change->kind = kind;
    change->key = key;
    snprintf(change->what, sizeof change->what, "%s", what);
    snprintf(change->old_text, sizeof change->old_text, "%s", old_text);
    snprintf(change->new_text, sizeof change->new_text, "%s", new_text);
    change->note[0] = '\0';
    return change;
}

#define NOTE(change, ...)                                                      \
    do {                                                                       \
        if ((change) != NULL)                                                  \
            snprintf((change)->note, sizeof (change)->note, __VA_ARGS__);      \
    } while (0)

/* Larger by more than the print/parse round-off. */
static int clearly_larger(double a, double b)
{
    if (!(a > b))
        return 0;
    if (isinf(a) || isinf(b))
        return 1;
    return a - b > ULP_RELATIVE_EPSILON * fmax(fabs(a), fabs(b));
}

/* No baseline row (a row new in the current file). */
#define NO_BASELINE_ROW ((size_t)-1)

/* A max ulp above the row's declared bound is a failure of its own, whatever
 * the baseline said; the baseline's figure (if any) is shown beside it. */
static void check_bounds(const struct accuracy_file *baseline, size_t base_row,
                         const struct accuracy_file *current, const struct row_key *key,
                         struct change_list *changes)
{
    static const enum accuracy_column pairs[][2] = {
        {ACCURACY_value_max_ulp, ACCURACY_value_bound_ulp},
        {ACCURACY_gradient_max_ulp, ACCURACY_gradient_bound_ulp},
    };
    size_t row = key->row;
    for (size_t i = 0; i < COUNT_OF(pairs); i++) {
        enum accuracy_column figure = pairs[i][0], bound = pairs[i][1];
        if (!has_number(current, row, figure) || !has_number(current, row, bound))
            continue;
        if (number(current, row, figure) > number(current, row, bound)) {
            char what[48];
            snprintf(what, sizeof what, "%s > bound", accuracy_columns[figure].name);
            const char *old_text =
                base_row == NO_BASELINE_ROW ? "" : field_text(baseline, base_row, figure);
            struct change *change = add_change(changes, CHANGE_REGRESSION, key, what, old_text,
                                               field_text(current, row, figure));
            NOTE(change, "above the declared bound %s ulp", field_text(current, row, bound));
        }
    }
}

static void compare_figures(const struct accuracy_file *baseline, size_t base_row,
                            const struct accuracy_file *current, const struct row_key *key,
                            struct change_list *changes)
{
    size_t row = key->row;
    for (size_t i = 0; i < COUNT_OF(ulp_figures); i++) {
        enum accuracy_column col = ulp_figures[i];
        const char *name = accuracy_columns[col].name;
        const char *old_text = field_text(baseline, base_row, col);
        const char *new_text = field_text(current, row, col);
        int had = has_number(baseline, base_row, col), has = has_number(current, row, col);
        if (had && !has) {
            struct change *change =
                add_change(changes, CHANGE_REGRESSION, key, name, old_text, "(empty)");
            NOTE(change, "no longer measured");
        } else if (!had && has) {
            struct change *change =
                add_change(changes, CHANGE_INFO, key, name, "(empty)", new_text);
            NOTE(change, "newly measured");
        } else if (had && has) {
            double old_value = number(baseline, base_row, col);
            double new_value = number(current, row, col);
            if (clearly_larger(new_value, old_value)) {
                struct change *change =
                    add_change(changes, CHANGE_REGRESSION, key, name, old_text, new_text);
                NOTE(change, "worse by %.6g ulp", new_value - old_value);
            } else if (clearly_larger(old_value, new_value)) {
                struct change *change =
                    add_change(changes, CHANGE_IMPROVED, key, name, old_text, new_text);
                NOTE(change, "better by %.6g ulp", old_value - new_value);
            }
        }
    }

    for (size_t i = 0; i < COUNT_OF(failure_counts); i++) {
        enum accuracy_column col = failure_counts[i];
        double old_count = number(baseline, base_row, col);
        double new_count = number(current, row, col);
        if (new_count == old_count)
            continue;
        enum change_kind kind = new_count > old_count ? CHANGE_REGRESSION : CHANGE_IMPROVED;
        struct change *change =
            add_change(changes, kind, key, accuracy_columns[col].name,
                       field_text(baseline, base_row, col), field_text(current, row, col));
        if (change == NULL)
            return;
        if (col != ACCURACY_property_failures) {
            NOTE(change, "%s failures", new_count > old_count ? "more" : "fewer");
            continue;
        }
        /* Say which properties moved, as far as both files tell. */
        size_t used = 0;
        for (size_t p = 0; p < COUNT_OF(property_parts) && used < sizeof change->note; p++) {
            enum accuracy_column part = property_parts[p];
            if (baseline->column[part] < 0 || current->column[part] < 0)
                continue;
            if (number(baseline, base_row, part) == number(current, row, part))
                continue;
            int written = snprintf(change->note + used, sizeof change->note - used, "%s%s %s -> %s",
                                   used ? ", " : "", accuracy_columns[part].name,
                                   field_text(baseline, base_row, part),
                                   field_text(current, row, part));
            if (written < 0)
                break;
            used += (size_t)written;
        }
        if (used == 0)
            NOTE(change, "%s property failures", new_count > old_count ? "more" : "fewer");
    }
}

static void compare_speed(const struct accuracy_file *baseline, size_t base_row,
                          const struct accuracy_file *current, const struct row_key *key,
                          const struct compare_options *options, struct change_list *changes)
{
    static const enum accuracy_column speed_figures[] = {
        ACCURACY_cycles_per_element, ACCURACY_ratio_to_copy, ACCURACY_speed_spread};
    size_t row = key->row;
    for (size_t i = 0; i < COUNT_OF(speed_figures); i++)
        if (!has_number(baseline, base_row, speed_figures[i]) ||
            !has_number(current, row, speed_figures[i]))
            return;
    double old_ratio = number(baseline, base_row, ACCURACY_ratio_to_copy);
    double new_ratio = number(current, row, ACCURACY_ratio_to_copy);
    /* A spread is max/min of the repetitions, so at least 1; the noise of
     * the comparison is the larger of the two runs' spreads. */
    double spread = fmax(1.0, fmax(number(baseline, base_row, ACCURACY_speed_spread),
                                   number(current, row, ACCURACY_speed_spread)));
    double allowed = (1.0 + options->speed_tolerance) * spread;
    double slowdown = new_ratio / old_ratio;
    struct change *change = NULL;
    if (slowdown > allowed) {
        change = add_change(changes, options->speed_gate ? CHANGE_REGRESSION : CHANGE_INFO, key,
                            "ratio_to_copy", field_text(baseline, base_row, ACCURACY_ratio_to_copy),
                            field_text(current, row, ACCURACY_ratio_to_copy));
        NOTE(change, "%.2fx slower (allowed %.2fx = (1 + %.2f) * spread %.3f)%s; cycles/element %s -> %s",
             slowdown, allowed, options->speed_tolerance, spread,
             options->speed_gate ? "" : ", speed gate off",
             field_text(baseline, base_row, ACCURACY_cycles_per_element),
             field_text(current, row, ACCURACY_cycles_per_element));
    } else if (1.0 / slowdown > allowed) {
        change = add_change(changes, CHANGE_IMPROVED, key, "ratio_to_copy",
                            field_text(baseline, base_row, ACCURACY_ratio_to_copy),
                            field_text(current, row, ACCURACY_ratio_to_copy));
        NOTE(change, "%.2fx faster; cycles/element %s -> %s", 1.0 / slowdown,
             field_text(baseline, base_row, ACCURACY_cycles_per_element),
             field_text(current, row, ACCURACY_cycles_per_element));
    }
}

static void compare_row(const struct accuracy_file *baseline, size_t base_row,
                        const struct accuracy_file *current, const struct row_key *key,
                        const struct compare_options *options, struct change_list *changes)
{
    int was_ok = is_ok(baseline, base_row), now_ok = is_ok(current, key->row);
    const char *old_status = field_text(baseline, base_row, ACCURACY_status);
    const char *new_status = field_text(current, key->row, ACCURACY_status);
    if (was_ok && !now_ok) {
        struct change *change =
            add_change(changes, CHANGE_REGRESSION, key, "status", old_status, new_status);
        NOTE(change, "measured in the baseline, not now");
        return;
    }
    if (!was_ok && now_ok) {
        struct change *change =
            add_change(changes, CHANGE_IMPROVED, key, "status", old_status, new_status);
        NOTE(change, "measured now, skipped in the baseline");
        check_bounds(baseline, NO_BASELINE_ROW, current, key, changes);
        return;
    }
    if (!was_ok) /* skipped in both: nothing to compare */
        return;
    compare_figures(baseline, base_row, current, key, changes);
    check_bounds(baseline, base_row, current, key, changes);
    compare_speed(baseline, base_row, current, key, options, changes);
}

static size_t text_width(const char *text)
{
    return strlen(text);
}

static void print_changes(FILE *out, const struct change_list *changes)
{
    static const char *const headings[] = {"change", "activation", "implementation", "format",
                                           "what", "baseline", "current", "note"};
    size_t width[7];
    for (size_t i = 0; i < 7; i++)
        width[i] = text_width(headings[i]);
    for (size_t i = 0; i < changes->count; i++) {
        const struct change *c = &changes->items[i];
        const char *cells[7] = {change_kind_names[c->kind], c->key->activation,
                                c->key->implementation, c->key->format, c->what, c->old_text,
                                c->new_text};
        for (size_t k = 0; k < 7; k++)
            if (text_width(cells[k]) > width[k])
                width[k] = text_width(cells[k]);
    }
    for (size_t k = 0; k < 7; k++)
        fprintf(out, "%-*s  ", (int)width[k], headings[k]);
    fprintf(out, "%s\n", headings[7]);
    /* Regressions first, then improvements, then the rest, each in file
     * order. */
    for (int kind = 0; kind < CHANGE_KIND_COUNT; kind++)
        for (size_t i = 0; i < changes->count; i++) {
            const struct change *c = &changes->items[i];
            if ((int)c->kind != kind)
                continue;
            const char *cells[7] = {change_kind_names[c->kind], c->key->activation,
                                    c->key->implementation, c->key->format, c->what,
                                    c->old_text[0] ? c->old_text : "-",
                                    c->new_text[0] ? c->new_text : "-"};
            for (size_t k = 0; k < 7; k++)
                fprintf(out, "%-*s  ", (int)width[k], cells[k]);
            fprintf(out, "%s\n", c->note);
        }
}

void compare_options_default(struct compare_options *options)
{
    options->speed_tolerance = COMPARE_DEFAULT_SPEED_TOLERANCE;
    options->speed_gate = true;
}

static struct row_key key_of(const struct accuracy_file *file, size_t row)
{
    return (struct row_key){
        .activation = field_text(file, row, ACCURACY_activation),
        .implementation = field_text(file, row, ACCURACY_implementation),
        .format = field_text(file, row, ACCURACY_format),
    };
}

/* Compares every baseline row with its current row, in the baseline's file
 * order so the table follows it.  Returns how many rows both files have. */
static size_t compare_baseline_rows(const struct accuracy_file *baseline,
                                    const struct accuracy_file *current,
                                    const struct compare_options *options,
                                    struct change_list *changes)
{
    size_t rows_compared = 0;
    for (size_t r = 0; r < baseline->table.row_count; r++) {
        struct row_key wanted = key_of(baseline, r);
        const struct row_key *found = find_row(current, &wanted);
        if (found == NULL) {
            /* The key must outlive this loop: point into the baseline's. */
            const struct row_key *key = find_row(baseline, &wanted);
            struct change *change = add_change(changes, CHANGE_REGRESSION, key, "row",
                                               field_text(baseline, r, ACCURACY_status),
                                               "(missing)");
            NOTE(change, "row disappeared from the current file");
            continue;
        }
        rows_compared++;
        compare_row(baseline, r, current, found, options, changes);
    }
    return rows_compared;
}

/* Rows new in the current file: listed, and held to their bounds. */
static void list_new_rows(const struct accuracy_file *baseline,
                          const struct accuracy_file *current, struct change_list *changes)
{
    for (size_t r = 0; r < current->table.row_count; r++) {
        struct row_key wanted = key_of(current, r);
        if (find_row(baseline, &wanted) != NULL)
            continue;
        const struct row_key *key = find_row(current, &wanted);
        struct change *change = add_change(changes, CHANGE_IMPROVED, key, "row", "(missing)",
                                           field_text(current, r, ACCURACY_status));
        NOTE(change, "new in the current file");
        if (is_ok(current, r))
            check_bounds(baseline, NO_BASELINE_ROW, current, key, changes);
    }
}

static size_t count_regressions(const struct change_list *changes)
{
    size_t regressions = 0;
    for (size_t i = 0; i < changes->count; i++)
        regressions += changes->items[i].kind == CHANGE_REGRESSION;
    return regressions;
}

/* A row counts as improved once, however many of its figures got better,
 * and not when it also regressed. */
static size_t count_improved_rows(const struct change_list *changes)
{
    size_t improved_rows = 0;
    for (size_t i = 0; i < changes->count; i++) {
        if (changes->items[i].kind != CHANGE_IMPROVED)
            continue;
        int skip = 0;
        for (size_t j = 0; j < changes->count && !skip; j++) {
            if (changes->items[j].key != changes->items[i].key)
                continue;
            skip = changes->items[j].kind == CHANGE_REGRESSION ||
                   (j < i && changes->items[j].kind == CHANGE_IMPROVED);
        }
        improved_rows += !skip;
    }
    return improved_rows;
}

/* The table of changes and the verdict line. */
static void print_report(FILE *out, const char *baseline_path, const struct accuracy_file *baseline,
                         const char *current_path, const struct accuracy_file *current,
                         const struct change_list *changes, size_t rows_compared)
{
    size_t regressions = count_regressions(changes);
    fprintf(out, "actbench compare: baseline %s (%zu rows), current %s (%zu rows)\n",
            baseline_path, baseline->table.row_count, current_path, current->table.row_count);
    if (changes->count > 0)
        print_changes(out, changes);
    else
        fprintf(out, "no changes\n");
    if (regressions > 0)
        fprintf(out, "actbench compare: FAIL (%zu regressions in %zu rows)\n", regressions,
                rows_compared);
    else
        fprintf(out, "actbench compare: PASS (%zu rows compared, %zu improved)\n", rows_compared,
                count_improved_rows(changes));
}

int compare_accuracy_files(const char *baseline_path, const char *current_path,
                           const struct compare_options *options, FILE *out, char *error,
                           size_t error_size)
{
    struct compare_options defaults;
    compare_options_default(&defaults);
    if (options == NULL)
        options = &defaults;
    if (baseline_path == NULL || current_path == NULL) {
        csv_set_error(error, error_size,
                      "compare: a baseline and a current accuracy.csv are needed");
        return COMPARE_INPUT_ERROR;
    }
    if (!(options->speed_tolerance >= 0) || isinf(options->speed_tolerance)) {
        csv_set_error(error, error_size, "compare: speed tolerance %g is not a finite number >= 0",
                      options->speed_tolerance);
        return COMPARE_INPUT_ERROR;
    }

    struct accuracy_file baseline, current;
    memset(&current, 0, sizeof current);
    if (load_accuracy_file(baseline_path, &baseline, error, error_size) != 0 ||
        load_accuracy_file(current_path, &current, error, error_size) != 0) {
        free_accuracy_file(&baseline);
        free_accuracy_file(&current);
        return COMPARE_INPUT_ERROR;
    }
    struct change_list changes = {0};
    size_t rows_compared = compare_baseline_rows(&baseline, &current, options, &changes);
    list_new_rows(&baseline, &current, &changes);
    int result;
    if (changes.out_of_memory) {
        csv_set_error(error, error_size, "compare: out of memory");
        result = COMPARE_INPUT_ERROR;
    } else {
        if (out != NULL)
            print_report(out, baseline_path, &baseline, current_path, &current, &changes,
                         rows_compared);
        result = count_regressions(&changes) > 0 ? COMPARE_REGRESSION : COMPARE_PASS;
    }
    free(changes.items);
    free_accuracy_file(&baseline);
    free_accuracy_file(&current);
    return result;
}
