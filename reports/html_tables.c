/*
 * The tables of an activation's section: its implementations with their
 * figures (values over their declared bound highlighted, skipped rows greyed
 * with the reason, failure counts linked to their examples), and the worst
 * inputs and thresholds.
 */
#include <math.h>

#include "html_parts.h"
#include "html_put.h"

void put_number_cell(FILE *out, const struct report *r, size_t row, enum accuracy_column col,
                     const char *extra_class)
{
    double value;
    if (!acc_number(r, row, col, &value)) {
        putf(out, "<td class=\"num%s\"></td>", extra_class);
        return;
    }
    char text[32];
    putf(out, "<td class=\"num%s\" data-v=\"", extra_class);
    put_sort_key(out, value);
    put(out, "\" title=\"");
    put_text(out, acc_text(r, row, col));
    putf(out, "\">%s</td>", figure(value, text));
}

/* A max ulp cell, marked when above the row's declared bound. */
static void put_bounded_cell(FILE *out, const struct report *r, size_t row,
                             enum accuracy_column figure_column, enum accuracy_column bound_column)
{
    double value, bound;
    if (acc_number(r, row, figure_column, &value) && acc_number(r, row, bound_column, &bound) &&
        value > bound) {
        char text[32], bound_text[32];
        put(out, "<td class=\"num over\" data-v=\"");
        put_sort_key(out, value);
        putf(out, "\" title=\"above the declared bound of %s ulp\">%s</td>",
             figure(bound, bound_text), figure(value, text));
        return;
    }
    put_number_cell(out, r, row, figure_column, "");
}

void put_failure_anchor(FILE *out, const char *activation, const char *implementation)
{
    put(out, "fail-");
    put_id_part(out, activation);
    put(out, "--");
    put_id_part(out, implementation);
}

static void put_skip_reason(FILE *out, const struct report *r, size_t row)
{
    const char *status = acc_text(r, row, ACCURACY_status);
    if (same_text(status, "skipped_isa")) {
        put(out, "skipped: this CPU lacks ");
        put_text(out, acc_text(r, row, ACCURACY_isa));
    } else {
        put(out, "not measured: ");
        put_text(out, status);
    }
}

/* A title attribute naming the properties that failed, with their counts
 * (nothing when none did). */
static void put_property_breakdown(FILE *out, const struct report *r, size_t row)
{
    static const enum accuracy_column parts[] = {
        ACCURACY_range_violations,        ACCURACY_symmetry_violations,
        ACCURACY_monotonicity_violations, ACCURACY_nan_propagation_failures,
        ACCURACY_overflow_nan_failures,   ACCURACY_lane_crosstalk_failures,
        ACCURACY_tail_failures,           ACCURACY_inplace_failures,
    };
    bool first = true;
    for (size_t i = 0; i < COUNT_OF(parts); i++) {
        double count;
        if (!acc_number(r, row, parts[i], &count) || count == 0)
            continue;
        putf(out, "%s%s %.0f", first ? " title=\"" : ", ", accuracy_columns[parts[i]].name,
             count);
        first = false;
    }
    if (!first)
        put(out, "\"");
}

/* The optional columns of an activation's implementation table. */
struct table_columns {
    bool param; /* prelu's parameter gradient */
    bool gelu;  /* gelu_tanh's distance from exact gelu */
};

/* A header cell titled with the column's description (accuracy_columns.inc). */
static void put_column_header(FILE *out, const char *label, enum accuracy_column col,
                              bool numeric)
{
    put_header_cell(out, label, accuracy_columns[col].description, numeric);
}

static void put_implementation_header(FILE *out, struct table_columns optional)
{
    put(out, "<div class=\"scroll\"><table class=\"sortable impl\">\n<thead><tr>");
    put_header_cell(out, "implementation", "registry name of the implementation", false);
    put_column_header(out, "method", ACCURACY_method, false);
    put_column_header(out, "ISA", ACCURACY_isa, false);
    put_column_header(out, "format", ACCURACY_format, false);
    put_column_header(out, "value max ulp", ACCURACY_value_max_ulp, true);
    put_column_header(out, "bound", ACCURACY_value_bound_ulp, true);
    put_column_header(out, "value mean ulp", ACCURACY_value_mean_ulp, true);
    put_column_header(out, "gradient max ulp", ACCURACY_gradient_max_ulp, true);
    put_column_header(out, "bound", ACCURACY_gradient_bound_ulp, true);
    put_column_header(out, "gradient mean ulp", ACCURACY_gradient_mean_ulp, true);
    if (optional.param)
        put_column_header(out, "param gradient max ulp", ACCURACY_param_gradient_max_ulp, true);
    if (optional.gelu) {
        put_column_header(out, "distance from exact gelu, ulp", ACCURACY_gelu_distance_max_ulp,
                          true);
        put_column_header(out, "at x", ACCURACY_gelu_distance_worst_input, false);
    }
    put_header_cell(out, "special-value failures",
                    "value_special_failures + gradient_special_failures: wrong NaN, infinity or "
                    "sign of an exact zero",
                    true);
    put_column_header(out, "property failures", ACCURACY_property_failures, true);
    put_column_header(out, "cycles/element", ACCURACY_cycles_per_element, true);
    put_column_header(out, "ratio to copy", ACCURACY_ratio_to_copy, true);
    put(out, "</tr></thead>\n<tbody>\n");
}

/* The special-value and property failure counts of a row, linked to its
 * examples in the failures section when there are some. */
static void put_failure_cells(FILE *out, const struct report *r, const char *activation,
                              size_t row)
{
    double value_special = 0, gradient_special = 0, properties = 0;
    bool has_special = acc_number(r, row, ACCURACY_value_special_failures, &value_special);
    has_special |= acc_number(r, row, ACCURACY_gradient_special_failures, &gradient_special);
    bool has_properties = acc_number(r, row, ACCURACY_property_failures, &properties);
    bool link = (value_special + gradient_special + properties > 0) &&
                has_failure_examples(r, activation, acc_text(r, row, ACCURACY_implementation));
    double totals[2] = {value_special + gradient_special, properties};
    bool present[2] = {has_special, has_properties};
    for (int k = 0; k < 2; k++) {
        if (!present[k]) {
            put(out, "<td class=\"num\"></td>");
            continue;
        }
        putf(out, "<td class=\"num%s\" data-v=\"%.0f\"", totals[k] > 0 ? " fail" : "", totals[k]);
        if (k == 0)
            putf(out, " title=\"value %.0f, gradient %.0f\"", value_special, gradient_special);
        else
            put_property_breakdown(out, r, row);
        put(out, ">");
        if (link && totals[k] > 0) {
            put(out, "<a href=\"#");
            put_failure_anchor(out, activation, acc_text(r, row, ACCURACY_implementation));
            putf(out, "\">%.0f</a>", totals[k]);
        } else {
            putf(out, "%.0f", totals[k]);
        }
        put(out, "</td>");
    }
}

static void put_speed_cells(FILE *out, const struct report *r, size_t row)
{
    double cycles, ratio;
    if (!row_speed(r, row, &cycles, &ratio)) {
        put(out, "<td class=\"num\"></td><td class=\"num\"></td>");
        return;
    }
    char text[32];
    put(out, "<td class=\"num\" data-v=\"");
    put_sort_key(out, cycles);
    putf(out, "\">%s</td>", figure(cycles, text));
    if (isnan(ratio)) {
        put(out, "<td class=\"num\"></td>");
    } else {
        put(out, "<td class=\"num\" data-v=\"");
        put_sort_key(out, ratio);
        putf(out, "\">%s</td>", figure(ratio, text));
    }
}

static void put_implementation_row(FILE *out, const struct report *r, const char *activation,
                                   size_t row, struct table_columns optional)
{
    bool ok = row_is_ok(r, row);
    put(out, ok ? "<tr>" : "<tr class=\"skipped\">");
    put(out, "<td>");
    put_text(out, acc_text(r, row, ACCURACY_implementation));
    put(out, "</td><td>");
    put_text(out, acc_text(r, row, ACCURACY_method));
    put(out, "</td><td>");
    put_text(out, acc_text(r, row, ACCURACY_isa));
    put(out, "</td><td>");
    put_text(out, acc_text(r, row, ACCURACY_format));
    put(out, "</td>");
    if (!ok) {
        size_t measured_columns = 10u + (optional.param ? 1u : 0u) + (optional.gelu ? 2u : 0u);
        putf(out, "<td colspan=\"%zu\">", measured_columns);
        put_skip_reason(out, r, row);
        put(out, "</td></tr>\n");
        return;
    }
    put_bounded_cell(out, r, row, ACCURACY_value_max_ulp, ACCURACY_value_bound_ulp);
    put_number_cell(out, r, row, ACCURACY_value_bound_ulp, " dim");
    put_number_cell(out, r, row, ACCURACY_value_mean_ulp, "");
    put_bounded_cell(out, r, row, ACCURACY_gradient_max_ulp, ACCURACY_gradient_bound_ulp);
    put_number_cell(out, r, row, ACCURACY_gradient_bound_ulp, " dim");
    put_number_cell(out, r, row, ACCURACY_gradient_mean_ulp, "");
    if (optional.param)
        put_number_cell(out, r, row, ACCURACY_param_gradient_max_ulp, "");
    if (optional.gelu) {
        put_number_cell(out, r, row, ACCURACY_gelu_distance_max_ulp, "");
        put(out, "<td class=\"hex\">");
        put_text(out, acc_text(r, row, ACCURACY_gelu_distance_worst_input));
        put(out, "</td>");
    }
    put_failure_cells(out, r, activation, row);
    put_speed_cells(out, r, row);
    put(out, "</tr>\n");
}

void put_implementation_table(FILE *out, const struct report *r,
                              const struct activation_group *group)
{
    struct table_columns optional = {
        .param = group_has_column(r, group, ACCURACY_param_gradient_max_ulp),
        .gelu = group_has_column(r, group, ACCURACY_gelu_distance_max_ulp),
    };
    put_implementation_header(out, optional);
    for (size_t i = 0; i < group->row_count; i++)
        put_implementation_row(out, r, group->name, group->rows[i], optional);
    put(out, "</tbody></table></div>\n");
}

/* Where each implementation's worst errors are, and its saturation and
 * gradient death points: the inputs a numerical analyst looks at next. */
void put_worst_case_table(FILE *out, const struct report *r, const struct activation_group *group)
{
    static const enum accuracy_column columns[] = {
        ACCURACY_value_worst_input,   ACCURACY_value_worst_got,   ACCURACY_value_worst_want,
        ACCURACY_gradient_worst_input, ACCURACY_gradient_worst_got, ACCURACY_gradient_worst_want,
        ACCURACY_saturation_x,        ACCURACY_saturation_x_exact, ACCURACY_gradient_death_x,
        ACCURACY_gradient_death_true,
    };
    bool any = false;
    for (size_t c = 0; c < COUNT_OF(columns) && !any; c++)
        any = group_has_column(r, group, columns[c]);
    if (!any)
        return;
    put(out, "<details><summary>Worst inputs, saturation and gradient death (hexfloats)</summary>\n"
             "<div class=\"scroll\"><table class=\"sortable hexes\">\n<thead><tr>");
    put_header_cell(out, "implementation", "registry name of the implementation", false);
    put_column_header(out, "format", ACCURACY_format, false);
    for (size_t c = 0; c < COUNT_OF(columns); c++)
        put_header_cell(out, accuracy_columns[columns[c]].name,
                        accuracy_columns[columns[c]].description, false);
    put(out, "</tr></thead>\n<tbody>\n");
    for (size_t i = 0; i < group->row_count; i++) {
        size_t row = group->rows[i];
        if (!row_is_ok(r, row))
            continue;
        put(out, "<tr><td>");
        put_text(out, acc_text(r, row, ACCURACY_implementation));
        put(out, "</td><td>");
        put_text(out, acc_text(r, row, ACCURACY_format));
        put(out, "</td>");
        for (size_t c = 0; c < COUNT_OF(columns); c++) {
            put(out, "<td class=\"hex\">");
            put_text(out, acc_text(r, row, columns[c]));
            put(out, "</td>");
        }
        put(out, "</tr>\n");
    }
    put(out, "</tbody></table></div></details>\n");
}
