/*
 * The findings section: every figure of a composition over a library (the
 * libm method, libmvec, SLEEF) beyond the bound derived from what the
 * library documents (accuracy.csv's bound_status "finding"), one sentence
 * each with the worst input, what was computed and what was due, in
 * hexfloat and decimal.  Implementations of an activation that fail at the
 * same input with the same result share one sentence: when one
 * implementation alone has it, the finding is about its library; when
 * every measured implementation of the format has it, it comes from the
 * formula they share (a cancelling difference, a flushed tail).
 */
#include <stdlib.h>

#include "html_parts.h"
#include "html_put.h"

/* One finding: a row and which of its figures. */
struct finding {
    size_t row;
    bool gradient;
    size_t shared_with; /* index of the finding it joins, or itself */
};

static enum accuracy_column column_of(bool gradient, enum accuracy_column value,
                                      enum accuracy_column gradient_column)
{
    return gradient ? gradient_column : value;
}

static const char *worst_text(const struct report *r, const struct finding *f, int what)
{
    static const enum accuracy_column value_columns[] = {
        ACCURACY_value_worst_input, ACCURACY_value_worst_got, ACCURACY_value_worst_want};
    static const enum accuracy_column gradient_columns[] = {
        ACCURACY_gradient_worst_input, ACCURACY_gradient_worst_got,
        ACCURACY_gradient_worst_want};
    return acc_text(r, f->row, f->gradient ? gradient_columns[what] : value_columns[what]);
}

/* The same activation, format and figure, failing at the same input with
 * the same result. */
static bool same_finding(const struct report *r, const struct finding *a, const struct finding *b)
{
    static const enum accuracy_column keys[] = {ACCURACY_activation, ACCURACY_format};
    for (size_t k = 0; k < COUNT_OF(keys); k++)
        if (!same_text(acc_text(r, a->row, keys[k]), acc_text(r, b->row, keys[k])))
            return false;
    return a->gradient == b->gradient && same_text(worst_text(r, a, 0), worst_text(r, b, 0)) &&
           same_text(worst_text(r, a, 1), worst_text(r, b, 1));
}

/* The findings in file order, each joined to the first one it repeats.
 * Returns how many, or (size_t)-1 when out of memory; free *list. */
static size_t collect(const struct report *r, struct finding **list)
{
    size_t rows = r->accuracy.row_count;
    *list = malloc((2 * rows + 1) * sizeof **list);
    if (*list == NULL)
        return (size_t)-1;
    size_t count = 0;
    for (size_t row = 0; row < rows; row++) {
        if (!same_text(acc_text(r, row, ACCURACY_bound_status), "finding"))
            continue;
        const char *exceeded = acc_text(r, row, ACCURACY_bounds_exceeded);
        for (int g = 0; g < 2; g++) {
            if (strstr(exceeded, g ? "gradient" : "value") == NULL)
                continue;
            struct finding f = {row, g == 1, count};
            for (size_t k = 0; k < count && f.shared_with == count; k++)
                if ((*list)[k].shared_with == k && same_finding(r, &(*list)[k], &f))
                    f.shared_with = k;
            (*list)[count++] = f;
        }
    }
    return count;
}

/* Measured rows of the finding's activation and format. */
static size_t measured_alike(const struct report *r, const struct finding *f)
{
    size_t n = 0;
    for (size_t row = 0; row < r->accuracy.row_count; row++)
        n += row_is_ok(r, row) &&
             same_text(acc_text(r, row, ACCURACY_activation),
                       acc_text(r, f->row, ACCURACY_activation)) &&
             same_text(acc_text(r, row, ACCURACY_format), acc_text(r, f->row, ACCURACY_format));
    return n;
}

/* A hexfloat from the CSV with its decimal value. */
static void put_both(FILE *out, const char *hex)
{
    double value;
    put(out, "<code>");
    put_text(out, hex);
    put(out, "</code>");
    if (csv_parse_number(hex, &value) > 0)
        putf(out, " (%.6g)", value);
}

static void put_sentence(FILE *out, const struct report *r, const struct finding *list,
                         size_t count, size_t first, size_t sharing)
{
    const struct finding *f = &list[first];
    enum accuracy_column figure_column =
        column_of(f->gradient, ACCURACY_value_max_ulp, ACCURACY_gradient_max_ulp);
    enum accuracy_column bound_column =
        column_of(f->gradient, ACCURACY_value_bound_ulp, ACCURACY_gradient_bound_ulp);
    put(out, "<li class=\"finding\"><b>");
    for (size_t k = first, shown = 0; k < count; k++) {
        if (list[k].shared_with != first)
            continue;
        put(out, shown++ ? ", " : "");
        put_text(out, acc_text(r, list[k].row, ACCURACY_implementation));
    }
    put(out, "</b> (");
    put_text(out, acc_text(r, f->row, ACCURACY_format));
    putf(out, ", %s): ", f->gradient ? "gradient" : "value");
    double value, bound;
    char text[32], bound_text[32];
    if (acc_number(r, f->row, figure_column, &value))
        putf(out, "%s ulp", figure(value, text));
    put(out, " at x = ");
    put_both(out, worst_text(r, f, 0));
    put(out, ": got ");
    put_both(out, worst_text(r, f, 1));
    put(out, ", want ");
    put_both(out, worst_text(r, f, 2));
    if (acc_number(r, f->row, bound_column, &bound))
        putf(out, "; beyond the documented %s ulp", figure(bound, bound_text));
    put(out, " (");
    put_text(out, acc_text(r, f->row, ACCURACY_bound_source));
    put(out, ")");
    if (sharing > 1)
        putf(out, ". Shared by %zu of the %zu implementations measured in this format%s", sharing,
             measured_alike(r, f), sharing == measured_alike(r, f) ? ": the formula's" : "");
    put(out, ".</li>\n");
}

/* The sentences of the findings one implementation alone has (alone true)
 * or that several share. */
static size_t put_list(FILE *out, const struct report *r, const struct finding *list,
                       size_t count, bool alone)
{
    size_t written = 0;
    for (size_t i = 0; i < count; i++) {
        if (list[i].shared_with != i)
            continue;
        size_t sharing = 0;
        for (size_t k = i; k < count; k++)
            sharing += list[k].shared_with == i;
        if ((sharing == 1) != alone)
            continue;
        if (written++ == 0)
            put(out, "<ul class=\"findings\">\n");
        put_sentence(out, r, list, count, i, sharing);
    }
    if (written)
        put(out, "</ul>\n");
    return written;
}

int put_findings_section(FILE *out, const struct report *r)
{
    struct finding *list;
    size_t count = collect(r, &list);
    if (count == (size_t)-1)
        return -1;
    put(out, "<section id=\"findings\">\n<h2>Findings</h2>\n");
    if (count == 0) {
        put(out, "<p class=\"note\">No figure is beyond its documented bound.</p>\n");
    } else {
        put(out, "<p class=\"note\">Figures of compositions over a library (the libm method, "
                 "libmvec, SLEEF) beyond the bound derived from what the library documents "
                 "(impls/registry.inc cites each source and says how the bound follows). They "
                 "are findings about the library or the formula, not failures of actbench; the "
                 "gate compares them with the baseline like any figure.</p>\n");
        put(out, "<h3>One implementation only: its library</h3>\n");
        if (put_list(out, r, list, count, true) == 0)
            put(out, "<p class=\"note\">none</p>\n");
        put(out, "<h3>Shared by several implementations of an activation</h3>\n");
        if (put_list(out, r, list, count, false) == 0)
            put(out, "<p class=\"note\">none</p>\n");
    }
    put(out, "</section>\n");
    free(list);
    return 0;
}
