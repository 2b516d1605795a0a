/*
 * The regression gate over two accuracy.csv files (see compare.h).  Both
 * files are read and every figure the gate uses is parsed before anything is
 * compared (accuracy_file.c), so a damaged file is reported as such (with
 * file and line) and never half-compared; then the two are checked to have
 * been measured on the same inputs, then compared row by row.
 */
#include "compare.h"

#include <math.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "accuracy_file.h"

/* Max and mean ulp figures printed and parsed back may differ in the last
 * digit; anything larger is a real change. */
#define ULP_RELATIVE_EPSILON 1e-9

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

#define COUNT_OF(array) (sizeof(array) / sizeof((array)[0]))

enum change_kind {
    CHANGE_REGRESSION,
    CHANGE_FINDING,
    CHANGE_IMPROVED,
    CHANGE_INFO,
    CHANGE_KIND_COUNT
};

/* As a verdict reads them, and as an update of the baseline records them. */
static const char *const change_kind_names[CHANGE_KIND_COUNT] = {"REGRESSION", "finding",
                                                                 "improved", "info"};
static const char *const update_kind_names[CHANGE_KIND_COUNT] = {"worse", "finding", "better",
                                                                 "info"};

struct change {
    enum change_kind kind;
    bool known; /* a finding the baseline has with the same figure */
    const struct row_key *key;
    char what[48];
    char old_text[48];
    char new_text[48];
    char note[400];
};

struct change_list {
    struct change *items;
    size_t count, capacity;
    int out_of_memory;
};

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
    change->known = false;
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

/* ---- the same inputs ---------------------------------------------------- */

/* What a row's figures depend on besides the implementation: checked in
 * this order, so the message names the first cause (a seed also changes
 * the input set). */
static const struct {
    enum accuracy_column column;
    const char *advice;
} input_columns[] = {
    {ACCURACY_seed, "compare runs made with the same --seed"},
    {ACCURACY_points, "compare runs made with the same --points (or both --quick)"},
    {ACCURACY_input_set,
     "the inputs or the catalog's parameters differ: measure both with the same actbench, or "
     "refresh the baseline with a full run and --update-baseline"},
};

/* Refuses two files whose common rows were measured on different inputs. */
static int check_same_inputs(const struct accuracy_file *baseline,
                             const struct accuracy_file *current,
                             const struct compare_options *options, char *error,
                             size_t error_size)
{
    for (size_t c = 0; c < COUNT_OF(input_columns); c++) {
        enum accuracy_column col = input_columns[c].column;
        if (col == ACCURACY_input_set && options->allow_new_inputs)
            continue;
        for (size_t r = 0; r < current->table.row_count; r++) {
            struct row_key wanted = accuracy_file_key(current, r);
            const struct row_key *found = accuracy_file_find(baseline, &wanted);
            if (found == NULL)
                continue;
            const char *old_text = accuracy_file_text(baseline, found->row, col);
            const char *new_text = accuracy_file_text(current, r, col);
            if (old_text[0] == '\0' || new_text[0] == '\0' || strcmp(old_text, new_text) == 0)
                continue;
            csv_set_error(error, error_size,
                          "cannot compare %s with %s: they were measured on different inputs: "
                          "%s %s in the baseline, %s in the current file (row %s, %s, %s); %s",
                          baseline->table.path, current->table.path, accuracy_columns[col].name,
                          old_text, new_text, wanted.activation, wanted.implementation,
                          wanted.format, input_columns[c].advice);
            return -1;
        }
    }
    return 0;
}

/* ---- row by row --------------------------------------------------------- */

/* No baseline row (a row new in the current file). */
#define NO_BASELINE_ROW ((size_t)-1)

/*
 * A max ulp above the row's declared bound: for a contract a failure of its
 * own, whatever the baseline said; for a peer's documented bound a finding,
 * known when the baseline has the same figure (whether it got worse is the
 * figure comparison's business).
 */
static void check_bounds(const struct accuracy_file *baseline, size_t base_row,
                         const struct accuracy_file *current, const struct row_key *key,
                         struct change_list *changes)
{
    static const enum accuracy_column pairs[][2] = {
        {ACCURACY_value_max_ulp, ACCURACY_value_bound_ulp},
        {ACCURACY_gradient_max_ulp, ACCURACY_gradient_bound_ulp},
    };
    size_t row = key->row;
    bool contract = accuracy_file_row_contract(current, row);
    for (size_t i = 0; i < COUNT_OF(pairs); i++) {
        enum accuracy_column figure = pairs[i][0], bound = pairs[i][1];
        if (!accuracy_file_has(current, row, figure) || !accuracy_file_has(current, row, bound))
            continue;
        double value = accuracy_file_number(current, row, figure);
        if (!(value > accuracy_file_number(current, row, bound)))
            continue;
        char what[48];
        snprintf(what, sizeof what, "%s > bound", accuracy_columns[figure].name);
        bool had = base_row != NO_BASELINE_ROW && accuracy_file_has(baseline, base_row, figure);
        const char *old_text = had ? accuracy_file_text(baseline, base_row, figure) : "";
        const char *bound_text = accuracy_file_text(current, row, bound);
        struct change *change =
            add_change(changes, contract ? CHANGE_REGRESSION : CHANGE_FINDING, key, what,
                       old_text, accuracy_file_text(current, row, figure));
        if (change == NULL)
            return;
        if (contract) {
            NOTE(change, "above its contract bound %s ulp", bound_text);
            continue;
        }
        const char *source = accuracy_file_text(current, row, ACCURACY_bound_source);
        double old_value = had ? accuracy_file_number(baseline, base_row, figure) : 0;
        if (had && !clearly_larger(value, old_value) && !clearly_larger(old_value, value)) {
            change->known = true;
            NOTE(change, "known finding, as in the baseline: above the documented bound %s ulp "
                         "(%s)", bound_text, source);
        } else {
            NOTE(change, "%s: above the documented bound %s ulp (%s)",
                 !had ? "new finding" : value > old_value ? "finding, worse than the baseline"
                                                          : "finding, better than the baseline",
                 bound_text, source);
        }
    }
}

/* Reference points MPFR could not round: the figures of the row rest on
 * values that are not known to be right, whatever the baseline said. */
static void check_reference(const struct accuracy_file *current, const struct row_key *key,
                            struct change_list *changes)
{
    if (!accuracy_file_has(current, key->row, ACCURACY_reference_unresolved) ||
        accuracy_file_number(current, key->row, ACCURACY_reference_unresolved) == 0)
        return;
    struct change *change =
        add_change(changes, CHANGE_REGRESSION, key, "reference_unresolved", "",
                   accuracy_file_text(current, key->row, ACCURACY_reference_unresolved));
    NOTE(change, "reference points not settled by MPFR: the row's figures are not trusted");
}

static void compare_figures(const struct accuracy_file *baseline, size_t base_row,
                            const struct accuracy_file *current, const struct row_key *key,
                            struct change_list *changes)
{
    size_t row = key->row;
    for (size_t i = 0; i < COUNT_OF(ulp_figures); i++) {
        enum accuracy_column col = ulp_figures[i];
        const char *name = accuracy_columns[col].name;
        const char *old_text = accuracy_file_text(baseline, base_row, col);
        const char *new_text = accuracy_file_text(current, row, col);
        bool had = accuracy_file_has(baseline, base_row, col);
        bool has = accuracy_file_has(current, row, col);
        if (had && !has) {
            struct change *change =
                add_change(changes, CHANGE_REGRESSION, key, name, old_text, "(empty)");
            NOTE(change, "no longer measured");
        } else if (!had && has) {
            struct change *change =
                add_change(changes, CHANGE_INFO, key, name, "(empty)", new_text);
            NOTE(change, "newly measured");
        } else if (had && has) {
            double old_value = accuracy_file_number(baseline, base_row, col);
            double new_value = accuracy_file_number(current, row, col);
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
        if (accuracy_file_has(baseline, base_row, col) && !accuracy_file_has(current, row, col)) {
            /* an empty or missing count is not 0 failures */
            struct change *change =
                add_change(changes, CHANGE_REGRESSION, key, accuracy_columns[col].name,
                           accuracy_file_text(baseline, base_row, col), "(empty)");
            NOTE(change, "no longer counted");
            continue;
        }
        double old_count = accuracy_file_number(baseline, base_row, col);
        double new_count = accuracy_file_number(current, row, col);
        if (new_count == old_count)
            continue;
        enum change_kind kind = new_count > old_count ? CHANGE_REGRESSION : CHANGE_IMPROVED;
        struct change *change = add_change(changes, kind, key, accuracy_columns[col].name,
                                           accuracy_file_text(baseline, base_row, col),
                                           accuracy_file_text(current, row, col));
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
            if (accuracy_file_number(baseline, base_row, part) ==
                accuracy_file_number(current, row, part))
                continue;
            int written = snprintf(change->note + used, sizeof change->note - used, "%s%s %s -> %s",
                                   used ? ", " : "", accuracy_columns[part].name,
                                   accuracy_file_text(baseline, base_row, part),
                                   accuracy_file_text(current, row, part));
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
        if (!accuracy_file_has(baseline, base_row, speed_figures[i]) ||
            !accuracy_file_has(current, row, speed_figures[i]))
            return;
    double old_ratio = accuracy_file_number(baseline, base_row, ACCURACY_ratio_to_copy);
    double new_ratio = accuracy_file_number(current, row, ACCURACY_ratio_to_copy);
    /* A spread is max/min of the repetitions, so at least 1; the noise of
     * the comparison is the larger of the two runs' spreads. */
    double spread =
        fmax(1.0, fmax(accuracy_file_number(baseline, base_row, ACCURACY_speed_spread),
                       accuracy_file_number(current, row, ACCURACY_speed_spread)));
    double allowed = (1.0 + options->speed_tolerance) * spread;
    double slowdown = new_ratio / old_ratio;
    const char *old_cycles = accuracy_file_text(baseline, base_row, ACCURACY_cycles_per_element);
    const char *new_cycles = accuracy_file_text(current, row, ACCURACY_cycles_per_element);
    struct change *change = NULL;
    if (slowdown > allowed) {
        change = add_change(changes, options->speed_gate ? CHANGE_REGRESSION : CHANGE_INFO, key,
                            "ratio_to_copy",
                            accuracy_file_text(baseline, base_row, ACCURACY_ratio_to_copy),
                            accuracy_file_text(current, row, ACCURACY_ratio_to_copy));
        NOTE(change, "%.2fx slower (allowed %.2fx = (1 + %.2f) * spread %.3f)%s; cycles/element %s -> %s",
             slowdown, allowed, options->speed_tolerance, spread,
             options->speed_gate ? "" : ", speed gate off", old_cycles, new_cycles);
    } else if (1.0 / slowdown > allowed) {
        change = add_change(changes, CHANGE_IMPROVED, key, "ratio_to_copy",
                            accuracy_file_text(baseline, base_row, ACCURACY_ratio_to_copy),
                            accuracy_file_text(current, row, ACCURACY_ratio_to_copy));
        NOTE(change, "%.2fx faster; cycles/element %s -> %s", 1.0 / slowdown, old_cycles,
             new_cycles);
    }
}

static void compare_row(const struct accuracy_file *baseline, size_t base_row,
                        const struct accuracy_file *current, const struct row_key *key,
                        const struct compare_options *options, struct change_list *changes)
{
    bool was_ok = accuracy_file_row_ok(baseline, base_row);
    bool now_ok = accuracy_file_row_ok(current, key->row);
    const char *old_status = accuracy_file_text(baseline, base_row, ACCURACY_status);
    const char *new_status = accuracy_file_text(current, key->row, ACCURACY_status);
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
        check_reference(current, key, changes);
        return;
    }
    if (!was_ok) /* skipped in both: nothing to compare */
        return;
    compare_figures(baseline, base_row, current, key, changes);
    check_bounds(baseline, base_row, current, key, changes);
    check_reference(current, key, changes);
    compare_speed(baseline, base_row, current, key, options, changes);
}

/* ---- the report --------------------------------------------------------- */

static void print_changes(FILE *out, const struct change_list *changes,
                          const char *const *kind_names)
{
    static const char *const headings[] = {"change", "activation", "implementation", "format",
                                           "what", "baseline", "current", "note"};
    size_t width[7];
    for (size_t i = 0; i < 7; i++)
        width[i] = strlen(headings[i]);
    for (size_t i = 0; i < changes->count; i++) {
        const struct change *c = &changes->items[i];
        const char *cells[7] = {kind_names[c->kind], c->key->activation, c->key->implementation,
                                c->key->format, c->what, c->old_text, c->new_text};
        for (size_t k = 0; k < 7; k++)
            if (strlen(cells[k]) > width[k])
                width[k] = strlen(cells[k]);
    }
    for (size_t k = 0; k < 7; k++)
        fprintf(out, "%-*s  ", (int)width[k], headings[k]);
    fprintf(out, "%s\n", headings[7]);
    /* Regressions first, then findings, improvements and the rest, each in
     * file order. */
    for (int kind = 0; kind < CHANGE_KIND_COUNT; kind++)
        for (size_t i = 0; i < changes->count; i++) {
            const struct change *c = &changes->items[i];
            if ((int)c->kind != kind)
                continue;
            const char *cells[7] = {kind_names[c->kind], c->key->activation,
                                    c->key->implementation, c->key->format, c->what,
                                    c->old_text[0] ? c->old_text : "-",
                                    c->new_text[0] ? c->new_text : "-"};
            for (size_t k = 0; k < 7; k++)
                fprintf(out, "%-*s  ", (int)width[k], cells[k]);
            fprintf(out, "%s\n", c->note);
        }
}

/* A baseline row missing from the current file, ordered for the listing:
 * by where the baseline first has its activation, then in file order. */
struct missing_row {
    size_t activation_first; /* the first baseline row of the same activation */
    size_t row;
};

static int missing_row_compare(const void *a, const void *b)
{
    const struct missing_row *x = a, *y = b;
    if (x->activation_first != y->activation_first)
        return x->activation_first < y->activation_first ? -1 : 1;
    return x->row < y->row ? -1 : x->row > y->row;
}

/* The baseline rows missing from the current file, one line per
 * activation (in the order the baseline first has it) naming its
 * implementations.  The rows sorted by key give each activation's first
 * row in one pass; one sort orders the listing.  Returns -1 when out of
 * memory. */
static int print_not_measured(FILE *out, const struct accuracy_file *baseline,
                              const struct accuracy_file *current, size_t count)
{
    size_t rows = baseline->table.row_count;
    struct missing_row *missing = malloc((count ? count : 1) * sizeof *missing);
    if (missing == NULL)
        return -1;
    size_t used = 0;
    for (size_t group = 0; group < rows;) {
        const char *activation = baseline->sorted[group].activation;
        size_t end = group, first = baseline->sorted[group].row;
        for (; end < rows && strcmp(baseline->sorted[end].activation, activation) == 0; end++)
            if (baseline->sorted[end].row < first)
                first = baseline->sorted[end].row;
        for (size_t k = group; k < end; k++)
            if (used < count && accuracy_file_find(current, &baseline->sorted[k]) == NULL)
                missing[used++] = (struct missing_row){first, baseline->sorted[k].row};
        group = end;
    }
    qsort(missing, used, sizeof *missing, missing_row_compare);
    fprintf(out, "not measured in the current file (%zu baseline rows; compared on the rows it "
                 "has, --require-all to require every row):\n", count);
    const char *last = NULL;
    for (size_t i = 0; i < used; i++) {
        struct row_key key = accuracy_file_key(baseline, missing[i].row);
        bool new_activation = i == 0 || missing[i].activation_first != missing[i - 1].activation_first;
        if (new_activation) {
            if (last)
                fputc('\n', out);
            fprintf(out, "  %s: %s", key.activation, key.implementation);
        } else if (strcmp(last, key.implementation) != 0) {
            fprintf(out, ", %s", key.implementation);
        }
        last = key.implementation;
    }
    if (last)
        fputc('\n', out);
    free(missing);
    return 0;
}

/* The index of the row a change's key stands for among both files' rows
 * (baseline rows first): every key a change holds is one of the two files'
 * own sorted keys. */
static size_t key_slot(const struct accuracy_file *baseline, const struct accuracy_file *current,
                       const struct row_key *key)
{
    uintptr_t at = (uintptr_t)key, base = (uintptr_t)baseline->sorted;
    size_t base_rows = baseline->table.row_count;
    if (at >= base && at < base + base_rows * sizeof *key)
        return (at - base) / sizeof *key;
    return base_rows + (at - (uintptr_t)current->sorted) / sizeof *key;
}

/* Counts the changes, and the rows with a regression or (without one) an
 * improvement, each row once.  Returns -1 when out of memory. */
static int summarize(const struct accuracy_file *baseline, const struct accuracy_file *current,
                     const struct change_list *changes, struct compare_summary *summary)
{
    enum { REGRESSED = 1, IMPROVED = 2 };
    size_t slots = baseline->table.row_count + current->table.row_count;
    unsigned char *row_state = calloc(slots ? slots : 1, 1);
    if (row_state == NULL)
        return -1;
    for (size_t i = 0; i < changes->count; i++) {
        const struct change *c = &changes->items[i];
        summary->regressions += c->kind == CHANGE_REGRESSION;
        summary->findings += c->kind == CHANGE_FINDING;
        summary->known_findings += c->kind == CHANGE_FINDING && c->known;
        if (c->kind == CHANGE_REGRESSION)
            row_state[key_slot(baseline, current, c->key)] |= REGRESSED;
        else if (c->kind == CHANGE_IMPROVED)
            row_state[key_slot(baseline, current, c->key)] |= IMPROVED;
    }
    for (size_t k = 0; k < slots; k++) {
        if (row_state[k] & REGRESSED)
            summary->regression_rows++;
        else if (row_state[k] & IMPROVED)
            summary->improved_rows++;
    }
    free(row_state);
    return 0;
}

static const char *plural(size_t n)
{
    return n == 1 ? "" : "s";
}

/* ", N not measured, M findings (K known)" as far as they are not 0. */
static void print_counts(FILE *out, const struct compare_summary *s)
{
    if (s->not_measured)
        fprintf(out, ", %zu not measured", s->not_measured);
    if (s->findings == s->known_findings && s->findings)
        fprintf(out, ", %zu known finding%s", s->findings, plural(s->findings));
    else if (s->findings)
        fprintf(out, ", %zu finding%s (%zu known)", s->findings, plural(s->findings),
                s->known_findings);
}

/* The table of changes, the rows not measured and the verdict line.
 * Returns -1 when out of memory. */
static int print_report(FILE *out, const struct accuracy_file *baseline,
                         const struct accuracy_file *current, const struct change_list *changes,
                         const struct compare_summary *s, const struct compare_options *options)
{
    fprintf(out, "actbench compare: baseline %s (%zu rows), current %s (%zu rows)\n",
            baseline->table.path, baseline->table.row_count, current->table.path,
            current->table.row_count);
    if (changes->count > 0)
        print_changes(out, changes, options->verdict ? change_kind_names : update_kind_names);
    else
        fprintf(out, "no changes\n");
    if (s->not_measured > 0 && print_not_measured(out, baseline, current, s->not_measured) != 0)
        return -1;
    if (!options->verdict)
        return 0;
    if (s->regressions > 0)
        fprintf(out, "actbench compare: FAIL (%zu regression%s in %zu row%s; %zu rows compared",
                s->regressions, plural(s->regressions), s->regression_rows,
                plural(s->regression_rows), s->rows_compared);
    else
        fprintf(out, "actbench compare: PASS (%zu rows compared, %zu improved", s->rows_compared,
                s->improved_rows);
    print_counts(out, s);
    fprintf(out, ")\n");
    return 0;
}

void compare_options_default(struct compare_options *options)
{
    options->speed_tolerance = COMPARE_DEFAULT_SPEED_TOLERANCE;
    options->speed_gate = true;
    options->require_all = false;
    options->verdict = true;
    options->allow_new_inputs = false;
}

/* Compares every baseline row with its current row, in the baseline's file
 * order so the table follows it, then lists the rows new in current (held
 * to their bounds). */
static void compare_rows(const struct accuracy_file *baseline,
                         const struct accuracy_file *current,
                         const struct compare_options *options, struct change_list *changes,
                         struct compare_summary *summary)
{
    for (size_t r = 0; r < baseline->table.row_count; r++) {
        struct row_key wanted = accuracy_file_key(baseline, r);
        const struct row_key *found = accuracy_file_find(current, &wanted);
        if (found == NULL) {
            if (!options->require_all) {
                summary->not_measured++;
                continue;
            }
            /* The key must outlive this loop: point into the baseline's. */
            const struct row_key *key = accuracy_file_find(baseline, &wanted);
            struct change *change = add_change(changes, CHANGE_REGRESSION, key, "row",
                                               accuracy_file_text(baseline, r, ACCURACY_status),
                                               "(missing)");
            NOTE(change, "row disappeared from the current file");
            continue;
        }
        summary->rows_compared++;
        compare_row(baseline, r, current, found, options, changes);
    }
    for (size_t r = 0; r < current->table.row_count; r++) {
        struct row_key wanted = accuracy_file_key(current, r);
        if (accuracy_file_find(baseline, &wanted) != NULL)
            continue;
        summary->new_rows++;
        const struct row_key *key = accuracy_file_find(current, &wanted);
        struct change *change =
            add_change(changes, CHANGE_IMPROVED, key, "row", "(missing)",
                       accuracy_file_text(current, r, ACCURACY_status));
        NOTE(change, "new in the current file");
        if (accuracy_file_row_ok(current, r)) {
            check_bounds(baseline, NO_BASELINE_ROW, current, key, changes);
            check_reference(current, key, changes);
        }
    }
}

int compare_accuracy(const char *baseline_path, const char *current_path,
                     const struct compare_options *options, FILE *out,
                     struct compare_summary *summary, char *error, size_t error_size)
{
    struct compare_options defaults;
    compare_options_default(&defaults);
    if (options == NULL)
        options = &defaults;
    struct compare_summary local;
    if (summary == NULL)
        summary = &local;
    memset(summary, 0, sizeof *summary);
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
    if (accuracy_file_load(baseline_path, &baseline, error, error_size) != 0 ||
        accuracy_file_load(current_path, &current, error, error_size) != 0 ||
        check_same_inputs(&baseline, &current, options, error, error_size) != 0) {
        accuracy_file_free(&baseline);
        accuracy_file_free(&current);
        return COMPARE_INPUT_ERROR;
    }
    struct change_list changes = {0};
    compare_rows(&baseline, &current, options, &changes, summary);
    int result;
    if (changes.out_of_memory) {
        csv_set_error(error, error_size, "compare: out of memory");
        result = COMPARE_INPUT_ERROR;
    } else {
        if (summarize(&baseline, &current, &changes, summary) != 0 ||
            (out != NULL &&
             print_report(out, &baseline, &current, &changes, summary, options) != 0)) {
            csv_set_error(error, error_size, "compare: out of memory");
            result = COMPARE_INPUT_ERROR;
        } else {
            result = summary->regressions > 0 ? COMPARE_REGRESSION : COMPARE_PASS;
        }
    }
    free(changes.items);
    accuracy_file_free(&baseline);
    accuracy_file_free(&current);
    return result;
}

int compare_accuracy_files(const char *baseline_path, const char *current_path,
                           const struct compare_options *options, FILE *out, char *error,
                           size_t error_size)
{
    return compare_accuracy(baseline_path, current_path, options, out, NULL, error, error_size);
}
