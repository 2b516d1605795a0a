/*
 * Speed per core: the speed.csv rows of one activation (or of the copy
 * kernel) as a table with one column per core measured.  Rows are
 * (implementation, mode, size, distribution), cells the median cycles per
 * element and the ratio to copy, the rest of the row in the cell's tooltip.
 */
#include <stdlib.h>

#include "html_parts.h"
#include "html_put.h"

/* Whether speed row s belongs to the activation (NULL: the copy kernel). */
static bool speed_row_of(const struct report *r, size_t s, const char *activation)
{
    bool copy = same_text(speed_text(r, s, SPEED_implementation), "copy");
    if (activation == NULL)
        return copy;
    return !copy && same_text(speed_text(r, s, SPEED_activation), activation);
}

static bool same_speed_key(const struct report *r, size_t a, size_t b)
{
    static const enum speed_column key[] = {SPEED_implementation, SPEED_mode, SPEED_size_label,
                                            SPEED_distribution};
    for (size_t i = 0; i < COUNT_OF(key); i++)
        if (!same_text(speed_text(r, a, key[i]), speed_text(r, b, key[i])))
            return false;
    return true;
}

static bool same_core(const struct report *r, size_t a, size_t b)
{
    return same_text(speed_text(r, a, SPEED_core), speed_text(r, b, SPEED_core)) &&
           same_text(speed_text(r, a, SPEED_core_kind), speed_text(r, b, SPEED_core_kind));
}

/* A row measured with a caveat (status other than ok: not pinned). */
static bool has_caveat(const struct report *r, size_t s)
{
    const char *status = speed_text(r, s, SPEED_status);
    return status[0] != '\0' && !same_text(status, "ok");
}

/* The figures of a speed row not shown in its cell, for the tooltip. */
static void put_speed_details(FILE *out, const struct report *r, size_t s)
{
    char text[32], low[32], high[32];
    double value;
    if (speed_number(r, s, SPEED_cpe_min, &value))
        putf(out, "min %s ", figure(value, low));
    if (speed_number(r, s, SPEED_cpe_max, &value))
        putf(out, "max %s cycles/element ", figure(value, high));
    if (speed_number(r, s, SPEED_ns_per_element_median, &value))
        putf(out, "| %s ns/element ", figure(value, text));
    if (speed_number(r, s, SPEED_core_ghz, &value))
        putf(out, "| %s GHz ", figure(value, text));
    if (speed_number(r, s, SPEED_repetitions, &value))
        putf(out, "| %.0f repetitions ", value);
    if (speed_number(r, s, SPEED_threads, &value) && value > 1)
        putf(out, "| %.0f threads ", value);
    if (speed_number(r, s, SPEED_all_cores_scaling, &value))
        putf(out, "| scaling %s ", figure(value, text));
    if (speed_text(r, s, SPEED_cpu)[0]) {
        put(out, "| cpu ");
        put_text(out, speed_text(r, s, SPEED_cpu));
        put(out, " ");
    }
    put(out, "| clock ");
    put_text(out, speed_text(r, s, SPEED_clock));
    if (has_caveat(r, s)) {
        put(out, " | ");
        put_text(out, speed_text(r, s, SPEED_status));
    }
    if (speed_text(r, s, SPEED_note)[0]) {
        put(out, " | ");
        put_text(out, speed_text(r, s, SPEED_note));
    }
}

/* One cell: the median, the ratio to copy, and the rest in the tooltip; a
 * row measured with a caveat or a note is starred. */
static void put_speed_cell(FILE *out, const struct report *r, size_t s, bool show_ratio)
{
    char text[32], ratio_text[32];
    double median = 0, value;
    speed_number(r, s, SPEED_cpe_median, &median);
    put(out, "<td class=\"num\" data-v=\"");
    put_sort_key(out, median);
    put(out, "\" title=\"");
    put_speed_details(out, r, s);
    putf(out, "\">%s", figure(median, text));
    if (show_ratio && speed_number(r, s, SPEED_ratio_to_copy, &value))
        putf(out, " <small>x%s</small>", figure(value, ratio_text));
    if (has_caveat(r, s) || speed_text(r, s, SPEED_note)[0])
        put(out, "<sup>*</sup>");
    put(out, "</td>");
}

/* The timed rows of a table and its row keys and cores, in file order. */
struct pivot {
    size_t *selected, *keys, *cores;
    size_t selected_count, key_count, core_count;
    size_t unmeasured; /* rows without a median */
    bool starred;      /* some cell has a caveat */
};

static void free_pivot(struct pivot *p)
{
    free(p->selected);
    free(p->keys);
    free(p->cores);
}

/* Returns 0, or -1 when out of memory. */
static int build_pivot(const struct report *r, const char *activation, struct pivot *p)
{
    size_t rows_total = r->speed.row_count;
    p->selected = malloc((rows_total ? rows_total : 1) * sizeof *p->selected);
    p->keys = malloc((rows_total ? rows_total : 1) * sizeof *p->keys);
    p->cores = malloc((rows_total ? rows_total : 1) * sizeof *p->cores);
    if (p->selected == NULL || p->keys == NULL || p->cores == NULL)
        return -1;
    for (size_t s = 0; s < rows_total; s++) {
        double median;
        if (!speed_row_of(r, s, activation))
            continue;
        if (!speed_number(r, s, SPEED_cpe_median, &median)) {
            p->unmeasured++;
            continue;
        }
        p->starred |= has_caveat(r, s) || speed_text(r, s, SPEED_note)[0];
        p->selected[p->selected_count++] = s;
        bool known = false;
        for (size_t k = 0; k < p->key_count && !known; k++)
            known = same_speed_key(r, s, p->keys[k]);
        if (!known)
            p->keys[p->key_count++] = s;
        known = false;
        for (size_t c = 0; c < p->core_count && !known; c++)
            known = same_core(r, s, p->cores[c]);
        if (!known)
            p->cores[p->core_count++] = s;
    }
    return 0;
}

static void put_pivot_header(FILE *out, const struct report *r, const char *activation,
                             const struct pivot *p)
{
    put(out, "<div class=\"scroll\"><table class=\"sortable speed\">\n<thead><tr>");
    if (activation != NULL)
        put_header_cell(out, "implementation", "registry name of the implementation", false);
    put_header_cell(out, "mode",
                    "throughput, latency, gradient_throughput or all_cores_throughput (all "
                    "cores at once: one figure per core)",
                    false);
    put_header_cell(out, "size", "working set: L1, L2, L3, DRAM or custom", false);
    put_header_cell(out, "distribution", "distribution of the inputs", false);
    for (size_t c = 0; c < p->core_count; c++) {
        const char *core = speed_text(r, p->cores[c], SPEED_core);
        const char *kind = speed_text(r, p->cores[c], SPEED_core_kind);
        char label[160];
        snprintf(label, sizeof label, "core %s%s%s%s", core[0] ? core : "?",
                 kind[0] ? " (" : "", kind, kind[0] ? ")" : "");
        put_header_cell(out, label, "median cycles per element on this core", true);
    }
    put(out, "</tr></thead>\n<tbody>\n");
}

/* The first timed row with key's key on core's core. */
static bool find_cell(const struct report *r, const struct pivot *p, size_t key, size_t core,
                      size_t *cell)
{
    for (size_t i = 0; i < p->selected_count; i++)
        if (same_speed_key(r, p->selected[i], key) && same_core(r, p->selected[i], core)) {
            *cell = p->selected[i];
            return true;
        }
    return false;
}

static void put_pivot_row(FILE *out, const struct report *r, const char *activation,
                          const struct pivot *p, size_t key)
{
    put(out, "<tr>");
    if (activation != NULL) {
        put(out, "<td>");
        put_text(out, speed_text(r, key, SPEED_implementation));
        put(out, "</td>");
    }
    put(out, "<td>");
    put_text(out, speed_text(r, key, SPEED_mode));
    put(out, "</td><td title=\"");
    put_text(out, speed_text(r, key, SPEED_bytes));
    put(out, " bytes\">");
    put_text(out, speed_text(r, key, SPEED_size_label));
    put(out, "</td><td>");
    put_text(out, speed_text(r, key, SPEED_distribution));
    put(out, "</td>");
    for (size_t c = 0; c < p->core_count; c++) {
        size_t cell;
        if (find_cell(r, p, key, p->cores[c], &cell))
            put_speed_cell(out, r, cell, activation != NULL);
        else
            put(out, "<td class=\"num\"></td>");
    }
    put(out, "</tr>\n");
}

static void put_pivot_table(FILE *out, const struct report *r, const char *activation,
                            const struct pivot *p)
{
    bool open = p->key_count <= 40;
    putf(out, "<details%s><summary>Speed per core: median cycles per element%s (%zu "
              "measurements)</summary>\n",
         open ? " open" : "", activation ? ", and x the ratio to the copy kernel" : "",
         p->selected_count);
    put_pivot_header(out, r, activation, p);
    for (size_t k = 0; k < p->key_count; k++)
        put_pivot_row(out, r, activation, p, p->keys[k]);
    put(out, "</tbody></table></div>\n");
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
