/*
 * Speed in every mode and size: the speed.csv rows of one activation (or of
 * the copy kernel) as a table with one row per (implementation, core) and
 * one column per (mode, size, distribution) measured; cells the median
 * cycles per element, starred where the measurement has a caveat; the
 * tooltip has the ratios to copy and to the floor, the bandwidth and the
 * caveat.  Gradient cells also show their ratio to the two-input copy
 * (copy2), the memory-bound yardstick of a gradient, which reads two
 * arrays and writes one.  The rest of each row is in speed.csv and
 * results.json.
 */
#include <math.h>
#include <stdlib.h>

#include "html_parts.h"
#include "html_put.h"

/* Whether speed row s belongs to the activation (NULL: the copy kernels,
 * copy and the two-input copy2, and their 512-bit twins copy_avx512f and
 * copy2_avx512f). */
static bool speed_row_of(const struct report *r, size_t s, const char *activation)
{
    const char *implementation = speed_text(r, s, SPEED_implementation);
    bool copy = same_text(implementation, "copy") || same_text(implementation, "copy2") ||
                same_text(implementation, "copy_avx512f") ||
                same_text(implementation, "copy2_avx512f");
    if (activation == NULL)
        return copy;
    return !copy && same_text(speed_text(r, s, SPEED_activation), activation);
}

/* Rows of the table: same implementation and core. */
static bool same_row_key(const struct report *r, size_t a, size_t b)
{
    return same_text(speed_text(r, a, SPEED_implementation),
                     speed_text(r, b, SPEED_implementation)) &&
           same_text(speed_text(r, a, SPEED_core), speed_text(r, b, SPEED_core)) &&
           same_text(speed_text(r, a, SPEED_core_kind), speed_text(r, b, SPEED_core_kind));
}

/* Columns of the table: same mode, size and distribution. */
static bool same_column_key(const struct report *r, size_t a, size_t b)
{
    static const enum speed_column key[] = {SPEED_mode, SPEED_size_label, SPEED_distribution};
    for (size_t i = 0; i < COUNT_OF(key); i++)
        if (!same_text(speed_text(r, a, key[i]), speed_text(r, b, key[i])))
            return false;
    return true;
}

/* A row measured with a caveat (status other than ok: not pinned). */
static bool has_caveat(const struct report *r, size_t s)
{
    const char *status = speed_text(r, s, SPEED_status);
    return (status[0] != '\0' && !same_text(status, "ok")) || speed_text(r, s, SPEED_note)[0];
}

/* The timed rows of a table, its row keys and column keys, in file order. */
struct pivot {
    size_t *selected, *rows, *columns;
    size_t selected_count, row_count, column_count;
    size_t unmeasured; /* rows without a median */
    bool starred;      /* some cell has a caveat */
    bool many_cores;
};

static void free_pivot(struct pivot *p)
{
    free(p->selected);
    free(p->rows);
    free(p->columns);
}

static bool add_key(const struct report *r, size_t s, size_t *keys, size_t *count,
                    bool (*same)(const struct report *, size_t, size_t))
{
    for (size_t k = 0; k < *count; k++)
        if (same(r, s, keys[k]))
            return false;
    keys[(*count)++] = s;
    return true;
}

/* Returns 0, or -1 when out of memory. */
static int build_pivot(const struct report *r, const char *activation, struct pivot *p)
{
    size_t rows_total = r->speed.row_count;
    p->selected = malloc((rows_total ? rows_total : 1) * sizeof *p->selected);
    p->rows = malloc((rows_total ? rows_total : 1) * sizeof *p->rows);
    p->columns = malloc((rows_total ? rows_total : 1) * sizeof *p->columns);
    if (p->selected == NULL || p->rows == NULL || p->columns == NULL)
        return -1;
    const char *first_core = NULL;
    for (size_t s = 0; s < rows_total; s++) {
        double median;
        if (!speed_row_of(r, s, activation))
            continue;
        if (!speed_number(r, s, SPEED_cpe_median, &median)) {
            p->unmeasured++;
            continue;
        }
        p->starred |= has_caveat(r, s);
        p->selected[p->selected_count++] = s;
        add_key(r, s, p->rows, &p->row_count, same_row_key);
        add_key(r, s, p->columns, &p->column_count, same_column_key);
        const char *core = speed_text(r, s, SPEED_core);
        if (first_core == NULL)
            first_core = core;
        p->many_cores |= !same_text(first_core, core);
    }
    return 0;
}

static void put_pivot_header(FILE *out, const struct report *r, const char *activation,
                             const struct pivot *p)
{
    put(out, "<table class=\"sortable speed\">\n<thead><tr>");
    put_header_cell(out, "implementation",
                    activation ? "registry name of the implementation"
                               : "copy: one array to one; copy2: two arrays to one (gradient mode); "
                                 "_avx512f: the same with 512-bit moves, which AVX-512 rows divide by",
                    false);
    if (p->many_cores || activation == NULL)
        put_header_cell(out, "core", "core (kind)", false);
    for (size_t c = 0; c < p->column_count; c++) {
        size_t s = p->columns[c];
        const char *distribution = speed_text(r, s, SPEED_distribution);
        char label[160];
        snprintf(label, sizeof label, "%s %s%s%s", speed_text(r, s, SPEED_mode),
                 speed_text(r, s, SPEED_size_label),
                 same_text(distribution, "uniform") || !distribution[0] ? "" : " ",
                 same_text(distribution, "uniform") ? "" : distribution);
        for (char *u = label; *u; u++)
            if (*u == '_')
                *u = ' ';
        put_header_cell(out, label, "median cycles per element", true);
    }
    put(out, "</tr></thead>\n<tbody>\n");
}

/* The timed row of the table row key and column key. */
static bool find_cell(const struct report *r, const struct pivot *p, size_t row, size_t column,
                      size_t *cell)
{
    for (size_t i = 0; i < p->selected_count; i++)
        if (same_row_key(r, p->selected[i], row) && same_column_key(r, p->selected[i], column)) {
            *cell = p->selected[i];
            return true;
        }
    return false;
}

/* The cell of one speed row: cycles per element, and in gradient rows
 * the ratio to copy2; its tooltip has the ratios to the copy kernels and
 * to the kernel's floor and the bandwidth next to the copy's, and what
 * disturbed it. */
static void put_speed_cell(FILE *out, const struct report *r, size_t s)
{
    char text[32], text2[32];
    double median = 0, copy = NAN, copy2 = NAN, floor = NAN, gbs = NAN, copy_gbs = NAN;
    speed_number(r, s, SPEED_cpe_median, &median);
    speed_number(r, s, SPEED_ratio_to_copy, &copy);
    speed_number(r, s, SPEED_ratio_to_copy2, &copy2);
    speed_number(r, s, SPEED_ratio_to_floor, &floor);
    speed_number(r, s, SPEED_gb_per_s, &gbs);
    speed_number(r, s, SPEED_copy_gb_per_s, &copy_gbs);
    put(out, "<td class=\"num\" data-v=\"");
    put_sort_key(out, median);
    put(out, "\" title=\"");
    if (isfinite(copy))
        putf(out, "%.3gx copy", copy);
    if (isfinite(copy2))
        putf(out, ", %.3gx copy2 (reads two arrays, writes one)", copy2);
    if (isfinite(floor))
        putf(out, ", %.3gx floor", floor);
    if (isfinite(gbs) && isfinite(copy_gbs))
        putf(out, ", %.0f GB/s (copy %.0f)", gbs, copy_gbs);
    bool caveat = has_caveat(r, s);
    if (caveat) {
        put(out, " ");
        put_text(out, speed_text(r, s, SPEED_status));
        put(out, " ");
        put_text(out, speed_text(r, s, SPEED_note));
    }
    putf(out, "\">%s%s", figure(median, text), caveat ? "<sup>*</sup>" : "");
    if (isfinite(copy2))
        putf(out, " <small>%sx copy2</small>", figure(copy2, text2));
    put(out, "</td>");
}

static void put_pivot_row(FILE *out, const struct report *r, const char *activation,
                          const struct pivot *p, size_t key)
{
    put(out, "<tr><td class=\"name\">");
    put_text(out, speed_text(r, key, SPEED_implementation));
    put(out, "</td>");
    if (p->many_cores || activation == NULL) {
        put(out, "<td>");
        put_text(out, speed_text(r, key, SPEED_core));
        const char *kind = speed_text(r, key, SPEED_core_kind);
        if (kind[0] && !same_text(kind, "default")) {
            put(out, " (");
            put_text(out, kind);
            put(out, ")");
        }
        put(out, "</td>");
    }
    for (size_t c = 0; c < p->column_count; c++) {
        size_t cell;
        if (find_cell(r, p, key, p->columns[c], &cell))
            put_speed_cell(out, r, cell);
        else
            put(out, "<td class=\"num\"></td>");
    }
    put(out, "</tr>\n");
}

static void put_pivot_table(FILE *out, const struct report *r, const char *activation,
                            const struct pivot *p)
{
    putf(out, "<details><summary>Speed in every mode and size: median cycles per element (%zu "
              "measurements; ratios to copy and spreads in speed.csv)</summary>\n",
         p->selected_count);
    put_pivot_header(out, r, activation, p);
    for (size_t k = 0; k < p->row_count; k++)
        put_pivot_row(out, r, activation, p, p->rows[k]);
    put(out, "</tbody></table>\n");
    if (p->starred)
        put(out, "<p class=\"note\">* measured with a caveat (not pinned, clock drift, "
                 "preemption): see the cell's tooltip.</p>\n");
    put(out, "</details>\n");
}

/* The rows without a figure (skipped), named once per implementation and
 * status. */
static void put_untimed(FILE *out, const struct report *r, const char *activation)
{
    put(out, "<p class=\"note skipped\">Not timed:");
    bool first = true;
    for (size_t s = 0; s < r->speed.row_count; s++) {
        double median;
        if (!speed_row_of(r, s, activation) || speed_number(r, s, SPEED_cpe_median, &median))
            continue;
        bool mentioned = false;
        for (size_t t = 0; t < s && !mentioned; t++)
            mentioned = speed_row_of(r, t, activation) &&
                        !speed_number(r, t, SPEED_cpe_median, &median) &&
                        same_text(speed_text(r, t, SPEED_implementation),
                                  speed_text(r, s, SPEED_implementation)) &&
                        same_text(speed_text(r, t, SPEED_status), speed_text(r, s, SPEED_status));
        if (mentioned)
            continue;
        put(out, first ? " " : ", ");
        put_text(out, speed_text(r, s, SPEED_implementation));
        put(out, " (");
        put_text(out, speed_text(r, s, SPEED_status));
        put(out, ")");
        first = false;
    }
    put(out, "</p>\n");
}

int put_speed_pivot(FILE *out, const struct report *r, const char *activation)
{
    struct pivot p = {0};
    if (build_pivot(r, activation, &p) != 0) {
        free_pivot(&p);
        return -1;
    }
    if (p.selected_count == 0)
        put(out, activation ? "<p class=\"note\">No speed measurement of this activation in "
                              "speed.csv.</p>\n"
                            : "<p class=\"note\">No copy kernel measurement in speed.csv.</p>\n");
    else
        put_pivot_table(out, r, activation, &p);
    if (p.unmeasured > 0)
        put_untimed(out, r, activation);
    free_pivot(&p);
    return 0;
}
