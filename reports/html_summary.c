/*
 * The summary section: one row per activation with, in the format charted,
 * its most accurate and its fastest implementation, how many rows are over
 * their declared bound and how many failures all its rows have.
 */
#include "html_parts.h"
#include "html_put.h"

/* Counts over all the measured rows of an activation. */
struct group_counts {
    size_t measured, over_bound;
    double failures; /* special-value plus property failures */
};

static struct group_counts count_group(const struct report *r,
                                       const struct activation_group *group)
{
    static const enum accuracy_column failure_counts[] = {ACCURACY_value_special_failures,
                                                          ACCURACY_gradient_special_failures,
                                                          ACCURACY_property_failures};
    struct group_counts counts = {0, 0, 0};
    for (size_t i = 0; i < group->row_count; i++) {
        size_t row = group->rows[i];
        if (!row_is_ok(r, row))
            continue;
        counts.measured++;
        double value, bound, count;
        if ((acc_number(r, row, ACCURACY_value_max_ulp, &value) &&
             acc_number(r, row, ACCURACY_value_bound_ulp, &bound) && value > bound) ||
            (acc_number(r, row, ACCURACY_gradient_max_ulp, &value) &&
             acc_number(r, row, ACCURACY_gradient_bound_ulp, &bound) && value > bound))
            counts.over_bound++;
        for (size_t c = 0; c < COUNT_OF(failure_counts); c++)
            if (acc_number(r, row, failure_counts[c], &count))
                counts.failures += count;
    }
    return counts;
}

static void put_summary_header(FILE *out)
{
    put(out, "<div class=\"scroll\"><table class=\"sortable summary\">\n<thead><tr>");
    put_header_cell(out, "activation", "catalog name", false);
    put_header_cell(out, "implementations", "measured / listed (all formats)", true);
    put_header_cell(out, "format", "format of the two comparisons", false);
    put_header_cell(out, "most accurate", "least value_max_ulp", false);
    put_header_cell(out, "max ulp", "its value_max_ulp", true);
    put_header_cell(out, "fastest", "fewest cycles per element", false);
    put_header_cell(out, "cycles/element", "its cycles per element", true);
    put_header_cell(out, "its max ulp", "the fastest one's value_max_ulp", true);
    put_header_cell(out, "rows over bound", "rows with a max ulp above the declared bound", true);
    put_header_cell(out, "failures", "special-value plus property failures, all rows", true);
    put(out, "</tr></thead>\n<tbody>\n");
}

/* An implementation's name and a figure of it, sortable. */
static void put_named_figure(FILE *out, const struct report *r, size_t row, double value)
{
    char text[32];
    put(out, "<td>");
    put_text(out, acc_text(r, row, ACCURACY_implementation));
    put(out, "</td><td class=\"num\" data-v=\"");
    put_sort_key(out, value);
    putf(out, "\">%s</td>", figure(value, text));
}

static void put_summary_row(FILE *out, const struct report *r,
                            const struct activation_group *group)
{
    const char *format = chart_format(r, group);
    struct group_counts counts = count_group(r, group);
    put(out, "<tr><td><a href=\"#act-");
    put_id_part(out, group->name);
    put(out, "\">");
    put_text(out, group->name);
    putf(out, "</a></td><td class=\"num\" data-v=\"%zu\">%zu / %zu</td><td>", counts.measured,
         counts.measured, group->row_count);
    put_text(out, format);
    put(out, "</td>");
    size_t best;
    double value;
    if (most_accurate(r, group, format, &best) &&
        acc_number(r, best, ACCURACY_value_max_ulp, &value))
        put_named_figure(out, r, best, value);
    else
        put(out, "<td class=\"note\">none measured</td><td class=\"num\"></td>");
    double cycles, ratio;
    if (fastest(r, group, format, &best) && row_speed(r, best, &cycles, &ratio)) {
        put_named_figure(out, r, best, cycles);
        put_number_cell(out, r, best, ACCURACY_value_max_ulp, "");
    } else {
        put(out, "<td class=\"note\">speed not measured</td><td class=\"num\"></td>"
                 "<td class=\"num\"></td>");
    }
    putf(out, "<td class=\"num%s\" data-v=\"%zu\">%zu</td>", counts.over_bound ? " over" : "",
         counts.over_bound, counts.over_bound);
    putf(out, "<td class=\"num%s\" data-v=\"%.0f\">", counts.failures > 0 ? " fail" : "",
         counts.failures);
    if (counts.failures > 0)
        putf(out, "<a href=\"#failures\">%.0f</a></td></tr>\n", counts.failures);
    else
        put(out, "0</td></tr>\n");
}

void put_summary_section(FILE *out, const struct report *r)
{
    put(out, "<section id=\"summary\">\n<h2>Summary</h2>\n");
    if (r->group_count == 0) {
        put(out, "<p class=\"note\">accuracy.csv has no rows.</p>\n</section>\n");
        return;
    }
    put(out, "<p class=\"note\">Per activation, in the format charted (f32 when measured): the "
             "implementation with the least max error of the value (ties to the faster), and the "
             "one with the fewest cycles per element.</p>\n");
    put_summary_header(out);
    for (size_t g = 0; g < r->group_count; g++)
        put_summary_row(out, r, &r->groups[g]);
    put(out, "</tbody></table></div>\n</section>\n");
}
