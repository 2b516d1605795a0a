/* Baselines checked against a run and updated from it; see baseline.h. */
#define _GNU_SOURCE
#include "baseline.h"

#include <errno.h>
#include <inttypes.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "../harness/input_identity.h"
#include "../harness/inputs.h"
#include "csv_read.h"
#include "csv_write.h"
#include "output.h"

/* ---- before measuring --------------------------------------------------- */

static enum number_format format_by_name(const char *name)
{
    for (int f = 0; f < FMT_COUNT; f++)
        if (strcmp(format_catalog[f].name, name) == 0)
            return (enum number_format)f;
    return FMT_COUNT;
}

static const char *const remedy =
    "a baseline holds one seed and one number of points: run with the baseline's, or remove "
    "the file to start a new baseline";

int baseline_check_run(const char *path, const struct baseline_run *run, bool updating,
                       char *error, size_t error_size)
{
    struct csv_table table;
    if (csv_read_schema(path, &accuracy_schema, &table, error, error_size) != CSV_OK)
        return -1;
    int column[ACCURACY_COLUMN_COUNT];
    bool required[ACCURACY_COLUMN_COUNT] = {false};
    required[ACCURACY_activation] = required[ACCURACY_implementation] = true;
    required[ACCURACY_format] = required[ACCURACY_points] = true;
    required[ACCURACY_seed] = required[ACCURACY_input_set] = true;
    if (csv_find_columns(&table, &accuracy_schema, column, required, error, error_size) != 0) {
        csv_free(&table);
        return -1;
    }
    int status = 0;
    for (size_t r = 0; r < table.row_count && status == 0; r++) {
        const char *activation = csv_field(&table, r, column[ACCURACY_activation]);
        const char *format = csv_field(&table, r, column[ACCURACY_format]);
        const char *seed = csv_field(&table, r, column[ACCURACY_seed]);
        const char *points = csv_field(&table, r, column[ACCURACY_points]);
        const char *input_set = csv_field(&table, r, column[ACCURACY_input_set]);
        char where[512];
        snprintf(where, sizeof where, "%s:%zu (%s, %s, %s)", path, table.row_lines[r], activation,
                 csv_field(&table, r, column[ACCURACY_implementation]), format);
        enum activation_id act = activation_by_name(activation);
        enum number_format fmt = format_by_name(format);
        bool measured = act != ACT_COUNT && fmt != FMT_COUNT && run->measured[act][fmt];
        if (!updating && !measured)
            continue; /* not compared: the run leaves this row alone */
        char wanted[32];
        snprintf(wanted, sizeof wanted, "%" PRIu64, run->seed);
        if (seed[0] && strcmp(seed, wanted) != 0) {
            csv_set_error(error, error_size,
                          "%s: the baseline was measured with seed %s, this run with seed %s; %s",
                          where, seed, wanted, remedy);
            status = -1;
            break;
        }
        if (act == ACT_COUNT || fmt == FMT_COUNT)
            continue; /* an activation or format this actbench does not have */
        struct actbench_params params;
        struct input_plan plan;
        act_params_default(act, &params);
        input_plan_make(&plan, act, &params, fmt, run->seed, run->binade_points,
                        run->range_points, run->exhaustive32);
        snprintf(wanted, sizeof wanted, "%" PRIu64, plan.total);
        if (points[0] && strcmp(points, wanted) != 0) {
            csv_set_error(error, error_size,
                          "%s: the baseline was measured on %s points, this run measures %s "
                          "(%s); %s",
                          where, points, wanted,
                          run->exhaustive32 ? "--exhaustive" : "--points or --quick", remedy);
            status = -1;
            break;
        }
        if (updating || !measured || !input_set[0])
            continue;
        snprintf(wanted, sizeof wanted, "%016" PRIx64, input_set_identity(&plan, &params));
        if (strcmp(input_set, wanted) != 0) {
            csv_set_error(error, error_size,
                          "%s: the baseline was measured on input set %s, this run measures %s: "
                          "the inputs or the catalog's parameters changed since; refresh the "
                          "baseline with a full run and --update-baseline",
                          where, input_set, wanted);
            status = -1;
        }
    }
    csv_free(&table);
    return status;
}

/* ---- updating ----------------------------------------------------------- */

/* A table's row keyed for lookup. */
struct keyed_row {
    const char *activation, *implementation, *format;
    size_t row;
};

static int keyed_compare(const void *a, const void *b)
{
    const struct keyed_row *x = a, *y = b;
    int order = strcmp(x->activation, y->activation);
    if (order == 0)
        order = strcmp(x->implementation, y->implementation);
    if (order == 0)
        order = strcmp(x->format, y->format);
    return order;
}

/* A table with its schema columns located and its rows sorted by key. */
struct keyed_table {
    struct csv_table table;
    int column[ACCURACY_COLUMN_COUNT];
    struct keyed_row *sorted;
};

static void keyed_free(struct keyed_table *t)
{
    csv_free(&t->table);
    free(t->sorted);
    memset(t, 0, sizeof *t);
}

static struct keyed_row key_of(const struct keyed_table *t, size_t row)
{
    return (struct keyed_row){csv_field(&t->table, row, t->column[ACCURACY_activation]),
                              csv_field(&t->table, row, t->column[ACCURACY_implementation]),
                              csv_field(&t->table, row, t->column[ACCURACY_format]), row};
}

static int keyed_load(const char *path, struct keyed_table *t, char *error, size_t error_size)
{
    memset(t, 0, sizeof *t);
    if (csv_read_schema(path, &accuracy_schema, &t->table, error, error_size) != CSV_OK)
        return -1;
    /* the keys; a column a file lacks (one its writer did not have yet)
     * is written empty */
    bool required[ACCURACY_COLUMN_COUNT] = {false};
    required[ACCURACY_activation] = required[ACCURACY_implementation] = true;
    required[ACCURACY_format] = required[ACCURACY_status] = true;
    if (csv_find_columns(&t->table, &accuracy_schema, t->column, required, error, error_size))
        return -1;
    size_t rows = t->table.row_count;
    t->sorted = calloc(rows ? rows : 1, sizeof *t->sorted);
    if (!t->sorted) {
        csv_set_error(error, error_size, "%s: out of memory", path);
        return -1;
    }
    for (size_t r = 0; r < rows; r++)
        t->sorted[r] = key_of(t, r);
    qsort(t->sorted, rows, sizeof *t->sorted, keyed_compare);
    for (size_t r = 1; r < rows; r++)
        if (keyed_compare(&t->sorted[r - 1], &t->sorted[r]) == 0) {
            csv_set_error(error, error_size, "%s:%zu: duplicate row for (%s, %s, %s)", path,
                          t->table.row_lines[t->sorted[r].row], t->sorted[r].activation,
                          t->sorted[r].implementation, t->sorted[r].format);
            return -1;
        }
    return 0;
}

/* The row of t with the key of row `row` of other, or -1. */
static long find_in(const struct keyed_table *t, const struct keyed_table *other, size_t row)
{
    if (t->table.row_count == 0) /* no rows: bsearch must not see a NULL array */
        return -1;
    struct keyed_row wanted = key_of(other, row);
    const struct keyed_row *found =
        bsearch(&wanted, t->sorted, t->table.row_count, sizeof *t->sorted, keyed_compare);
    return found ? (long)found->row : -1;
}

static void write_row(FILE *out, const struct keyed_table *t, size_t row)
{
    for (int c = 0; c < ACCURACY_COLUMN_COUNT; c++) {
        if (c)
            fputc(',', out);
        csv_write_field(out, csv_field(&t->table, row, t->column[c]));
    }
    fputc('\n', out);
}

/* Whether some field other than the speed figures differs: speed moves
 * from run to run, the rest is deterministic. */
static bool rows_differ(const struct keyed_table *a, size_t ra, const struct keyed_table *b,
                        size_t rb)
{
    for (int c = 0; c < ACCURACY_COLUMN_COUNT; c++) {
        if (c == ACCURACY_cycles_per_element || c == ACCURACY_ratio_to_copy ||
            c == ACCURACY_speed_spread)
            continue;
        if (strcmp(csv_field(&a->table, ra, a->column[c]), csv_field(&b->table, rb, b->column[c])))
            return true;
    }
    return false;
}

/* The current rows of an activation that the baseline lacks. */
static void write_new_rows(FILE *out, const struct keyed_table *base,
                           const struct keyed_table *current, const char *activation,
                           struct baseline_update_summary *s)
{
    for (size_t r = 0; r < current->table.row_count; r++) {
        struct keyed_row key = key_of(current, r);
        if ((activation && strcmp(key.activation, activation) != 0) ||
            find_in(base, current, r) >= 0)
            continue;
        write_row(out, current, r);
        s->added++;
    }
}

/* Whether the baseline has a row of this activation after row r. */
static bool activation_continues(const struct keyed_table *base, size_t r, const char *activation)
{
    for (size_t k = r + 1; k < base->table.row_count; k++)
        if (strcmp(key_of(base, k).activation, activation) == 0)
            return true;
    return false;
}

static void write_merged(FILE *out, const struct keyed_table *base,
                         const struct keyed_table *current, struct baseline_update_summary *s)
{
    csv_write_header(out, &accuracy_schema);
    for (size_t r = 0; r < base->table.row_count; r++) {
        long now = find_in(current, base, r);
        if (now >= 0) {
            write_row(out, current, (size_t)now);
            s->replaced++;
            s->changed += rows_differ(base, r, current, (size_t)now);
        } else {
            write_row(out, base, r);
            s->kept++;
        }
        /* new rows of an activation go after its last baseline row */
        const char *activation = key_of(base, r).activation;
        if (!activation_continues(base, r, activation))
            write_new_rows(out, base, current, activation, s);
    }
    /* rows of activations the baseline did not have at all */
    for (size_t r = 0; r < current->table.row_count; r++) {
        struct keyed_row key = key_of(current, r);
        bool known = false;
        for (size_t k = 0; k < base->table.row_count && !known; k++)
            known = strcmp(key_of(base, k).activation, key.activation) == 0;
        if (!known && find_in(base, current, r) < 0) {
            write_row(out, current, r);
            s->added++;
        }
    }
}

int baseline_update(const char *baseline_path, const char *current_path,
                    struct baseline_update_summary *summary, char *error, size_t error_size)
{
    memset(summary, 0, sizeof *summary);
    struct keyed_table base, current;
    memset(&base, 0, sizeof base);
    bool exists = access(baseline_path, F_OK) == 0;
    if (keyed_load(current_path, &current, error, error_size) != 0 ||
        (exists && keyed_load(baseline_path, &base, error, error_size) != 0)) {
        keyed_free(&current);
        keyed_free(&base);
        return -1;
    }
    char *dir = strdup(baseline_path);
    if (!dir) {
        csv_set_error(error, error_size, "out of memory");
        keyed_free(&current);
        keyed_free(&base);
        return -1;
    }
    char *slash = strrchr(dir, '/');
    const char *name = slash ? slash + 1 : baseline_path;
    if (slash)
        *slash = '\0';
    struct output_file out;
    int status = output_open(&out, slash ? (dir[0] ? dir : "/") : ".", name, error, error_size);
    if (status == 0) {
        summary->created = !exists;
        write_merged(out.stream, &base, &current, summary);
        status = output_commit(&out, error, error_size);
    }
    free(dir);
    keyed_free(&current);
    keyed_free(&base);
    return status;
}
