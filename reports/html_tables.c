/*
 * The tables of an activation's section, grouped by format: the primary
 * format's table (f32 when measured) ranked by accuracy (verdict.h), with
 * speed once per implementation; a table of the 16-bit formats (how many of
 * the 65536 inputs each implementation rounds differently from the correctly
 * rounded result, its max error and its error histogram); and the worst
 * inputs and thresholds, hexfloats with their decimal values and the
 * absolute error where a relative one says little (values near 0).
 */
#include <math.h>
#include <stdlib.h>

#include "html_parts.h"
#include "csv_read.h"
#include "html_put.h"
#include "verdict.h"

void put_number_cell(FILE *out, const struct report *r, size_t row, enum accuracy_column col,
                     const char *extra_class)
{
    double value;
    if (!acc_number(r, row, col, &value)) {
        putf(out, "<td class=\"num%s\"></td>", extra_class);
        return;
    }
    char text[32];
    putf(out, "<td class=\"num%s\">%s</td>", extra_class, figure(value, text));
}

/* A max ulp cell, marked when above the row's declared bound: a contract
 * exceeded (over), or a peer beyond its documented bound (finding). */
static void put_bounded_cell(FILE *out, const struct report *r, size_t row,
                             enum accuracy_column figure_column, enum accuracy_column bound_column)
{
    double value, bound;
    char text[32], bound_text[32];
    if (!acc_number(r, row, figure_column, &value)) {
        put(out, "<td class=\"num\"></td>");
        return;
    }
    if (!acc_number(r, row, bound_column, &bound)) {
        putf(out, "<td class=\"num\">%s</td>", figure(value, text));
        return;
    }
    if (value > bound && same_text(acc_text(r, row, ACCURACY_bound_status), "finding"))
        putf(out, "<td class=\"num finding\" title=\"a finding: beyond the documented bound of "
                  "%s ulp\"><a href=\"#findings\">%s</a></td>",
             figure(bound, bound_text), figure(value, text));
    else if (value > bound)
        putf(out, "<td class=\"num over\" title=\"above its declared bound of %s ulp\">%s</td>",
             figure(bound, bound_text), figure(value, text));
    else
        putf(out, "<td class=\"num\">%s</td>", figure(value, text));
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
    } else if (same_text(status, "skipped_library")) {
        put(out, "skipped: the build found no copy of its library");
    } else if (same_text(status, "skipped_unsupported")) {
        put(out, "skipped: its library cannot create this operation on this CPU "
                 "(actbench --list gives the library's answer)");
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

/* A header cell titled with the column's description (accuracy_columns.inc). */
static void put_column_header(FILE *out, const char *label, enum accuracy_column col,
                              bool numeric)
{
    put_header_cell(out, label, accuracy_columns[col].name, numeric);
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

static void put_hex_cell(FILE *out, const char *text);

/* An implementation's name without "<activation>_" (the section names the
 * activation). */
static void put_name_cell(FILE *out, const char *name, const char *activation)
{
    size_t length = strlen(activation);
    const char *shown = name;
    if (strncmp(name, activation, length) == 0 && name[length] == '_' && name[length + 1])
        shown = name + length + 1;
    put(out, "<td class=\"name\">");
    put_text(out, shown);
    put(out, "</td>");
}

static void put_ratio_cell(FILE *out, bool has, double value, const char *title)
{
    char text[32];
    if (!has) {
        put(out, "<td class=\"num\"></td>");
        return;
    }
    putf(out, "<td class=\"num\"%s%s%s>%s</td>", title ? " title=\"" : "", title ? title : "",
         title ? "\"" : "", figure(value, text));
}

/* The speed cells of an implementation: cycles per element, the ratio to
 * the fastest peer (starred when no peer runs at its ISA), to copy. */
static void put_speed_cells(FILE *out, const struct implementation_verdict *im)
{
    put_ratio_cell(out, im->has_speed, im->cycles, NULL);
    if (im->has_peer_ratio && !im->peer_same_isa) {
        char text[32];
        putf(out, "<td class=\"num\" title=\"no peer at this ISA: against the fastest of any "
                  "ISA\">%s*</td>",
             figure(im->peer_ratio, text));
    } else {
        put_ratio_cell(out, im->has_peer_ratio, im->peer_ratio, NULL);
    }
    put_ratio_cell(out, im->has_speed && !isnan(im->ratio_to_copy), im->ratio_to_copy, NULL);
}

/* The share of a row's inputs over 1 ulp, in percent. */
static void put_share_cell(FILE *out, const struct report *r, size_t row)
{
    double share;
    if (!row_share_over_1(r, row, &share)) {
        put(out, "<td class=\"num\"></td>");
        return;
    }
    char text[32];
    putf(out, "<td class=\"num\">%s%%</td>", figure(share * 100, text));
}

static void put_primary_header(FILE *out, const char *format, bool gelu)
{
    putf(out, "<table class=\"sortable impl\" data-format=\"%s\">\n<thead><tr>", format);
    put_header_cell(out, "#", "rank by accuracy", true);
    put_header_cell(out, "implementation", "implementation", false);
    put_column_header(out, "method", ACCURACY_method, false);
    put_column_header(out, "ISA", ACCURACY_isa, false);
    put_column_header(out, "max ulp [-10,10]", ACCURACY_value_max_ulp_range10, true);
    put_header_cell(out, "> 1 ulp", "value_over_1 / points", true);
    put_header_cell(out, "max ulp, all x", "value_max_ulp; red: above the declared bound "
                                           "(actbench --list shows the bounds)", true);
    put_header_cell(out, "gradient max ulp", "gradient_max_ulp; red: above the declared bound",
                    true);
    if (gelu) {
        put_column_header(out, "distance from exact gelu, ulp", ACCURACY_gelu_distance_max_ulp,
                          true);
        put_column_header(out, "at x", ACCURACY_gelu_distance_worst_input, false);
    }
    put_header_cell(out, "special fail.", "value_ and gradient_special_failures", true);
    put_column_header(out, "property fail.", ACCURACY_property_failures, true);
    put_column_header(out, "cycles/ element", ACCURACY_cycles_per_element, true);
    put_header_cell(out, "x fastest peer", "against the fastest libm, libmvec or sleef, same ISA",
                    true);
    put_column_header(out, "x copy", ACCURACY_ratio_to_copy, true);
    put(out, "</tr></thead>\n<tbody>\n");
}

static void put_primary_row(FILE *out, const struct report *r, const struct group_verdict *v,
                            size_t k, size_t rank, int f, bool gelu)
{
    const struct implementation_verdict *im = &v->impls[k];
    size_t row = (size_t)im->row[f];
    bool ok = im->ok[f];
    const char *marks = "";
    if (ok && v->most_accurate[f] == (long)k)
        marks = " class=\"best\"";
    else if (ok && v->fastest[f] == (long)k)
        marks = " class=\"fastest\"";
    put(out, ok ? "<tr" : "<tr class=\"skipped\"");
    put(out, ok ? marks : "");
    put(out, ">");
    if (ok)
        putf(out, "<td class=\"num\">%zu%s</td>", rank,
             im->frontier[f] ? "<sup title=\"on the Pareto front\">P</sup>" : "");
    else
        put(out, "<td class=\"num\"></td>");
    put_name_cell(out, im->name, v->group->name);
    put(out, "<td>");
    put_text(out, im->method);
    put(out, "</td><td>");
    put_text(out, im->isa);
    put(out, "</td>");
    if (!ok) {
        putf(out, "<td colspan=\"%d\">", gelu ? 11 : 9);
        put_skip_reason(out, r, row);
        put(out, "</td></tr>\n");
        return;
    }
    put_bounded_cell(out, r, row, ACCURACY_value_max_ulp_range10, ACCURACY_value_bound_ulp);
    put_share_cell(out, r, row);
    put_bounded_cell(out, r, row, ACCURACY_value_max_ulp, ACCURACY_value_bound_ulp);
    if (row_has_gradient(r, row))
        put_bounded_cell(out, r, row, ACCURACY_gradient_max_ulp, ACCURACY_gradient_bound_ulp);
    else
        put(out, "<td class=\"num\" title=\"forward only: no gradient\">&mdash;</td>");
    if (gelu) {
        put_number_cell(out, r, row, ACCURACY_gelu_distance_max_ulp, "");
        put_hex_cell(out, acc_text(r, row, ACCURACY_gelu_distance_worst_input));
    }
    put_failure_cells(out, r, v->group->name, row);
    put_speed_cells(out, im);
    put(out, "</tr>\n");
}

/* An error histogram as a small bar chart: the counts per |error| bin on a
 * log scale, correctly rounded ones green. */
static void put_histogram(FILE *out, const char *histogram)
{
    static const char *const bins[] = {"0-0.5", "0.5-1", "1-2", "2-4", "4-16", "16-256",
                                       "256-65536", "65536-2^24", "over 2^24"};
    double counts[COUNT_OF(bins)] = {0}, total = 0;
    size_t n = 0;
    for (const char *p = histogram; *p && n < COUNT_OF(bins);) {
        char *end;
        counts[n] = strtod(p, &end);
        if (end == p)
            break;
        total += counts[n++];
        p = *end == ';' ? end + 1 : end;
    }
    if (n == 0 || !(total > 0)) {
        put(out, "<td></td>");
        return;
    }
    put(out, "<td class=\"hist\" title=\"ulp");
    for (size_t i = 0; i < n; i++)
        if (counts[i] > 0)
            putf(out, " %s: %.0f", bins[i], counts[i]);
    put(out, "\"><svg class=\"hist\" viewBox=\"0 0 54 14\"><path class=\"cr\" d=\"");
    bool switched = false;
    for (size_t i = 0; i < n; i++) {
        if (!(counts[i] > 0))
            continue;
        if (i >= 1 && !switched) {
            put(out, "\"/><path class=\"ncr\" d=\"");
            switched = true;
        }
        double h = 1 + 12 * log1p(counts[i]) / log1p(total);
        putf(out, "M%zu 14v-%.0fh5v%.0fz", i * 6, h, h);
    }
    put(out, "\"/></svg></td>");
}

/* The 16-bit cells of a row: inputs not correctly rounded, max ulp,
 * histogram, and for gelu_tanh the inputs not exact gelu. */
static void put_16bit_cells(FILE *out, const struct report *r, long row, bool ok, bool gelu)
{
    size_t cells = 3 + (gelu ? 1 : 0);
    if (row < 0) {
        putf(out, "<td colspan=\"%zu\" class=\"dim\">not measured</td>", cells);
        return;
    }
    if (!ok) {
        putf(out, "<td colspan=\"%zu\" class=\"dim\">", cells);
        put_skip_reason(out, r, (size_t)row);
        put(out, "</td>");
        return;
    }
    put_number_cell(out, r, (size_t)row, ACCURACY_value_over_half, "");
    put_bounded_cell(out, r, (size_t)row, ACCURACY_value_max_ulp, ACCURACY_value_bound_ulp);
    put_histogram(out, acc_text(r, (size_t)row, ACCURACY_value_histogram));
    if (gelu)
        put_number_cell(out, r, (size_t)row, ACCURACY_gelu_distance_over_half, "");
}

/* Implementations and formats of the 16-bit table: the 16-bit formats
 * measured, unless the primary format is the only one. */
static void put_16bit_table(FILE *out, const struct report *r, const struct group_verdict *v,
                            bool gelu)
{
    bool formats[VERDICT_FORMATS] = {false};
    size_t format_count = 0;
    for (int f = 1; f < VERDICT_FORMATS; f++)
        if (v->measured[f] && !(f == v->primary && format_count == 0 && !v->measured[3 - f])) {
            formats[f] = true;
            format_count++;
        }
    if (format_count == 0)
        return;
    put(out, "<table class=\"sortable impl16\">\n<thead><tr>");
    put_header_cell(out, "implementation", "implementation", false);
    for (int f = 1; f < VERDICT_FORMATS; f++) {
        if (!formats[f])
            continue;
        char label[64], title[200];
        snprintf(label, sizeof label, "%s: not CR", verdict_format_names[f]);
        snprintf(title, sizeof title, "of the 65536 inputs, not correctly rounded");
        put_header_cell(out, label, title, true);
        snprintf(label, sizeof label, "%s max ulp", verdict_format_names[f]);
        put_column_header(out, label, ACCURACY_value_max_ulp, true);
        snprintf(label, sizeof label, "%s errors", verdict_format_names[f]);
        put_header_cell(out, label, "value_histogram", false);
        if (gelu) {
            snprintf(label, sizeof label, "%s != gelu", verdict_format_names[f]);
            put_column_header(out, label, ACCURACY_gelu_distance_over_half, true);
        }
    }
    put_header_cell(out, "cycles/ element", "16-bit kernels", true);
    put(out, "</tr></thead>\n<tbody>\n");
    for (size_t k = 0; k < v->count; k++) {
        const struct implementation_verdict *im = &v->impls[k];
        bool any = false;
        for (int f = 1; f < VERDICT_FORMATS; f++)
            any |= formats[f] && im->row[f] >= 0;
        if (!any)
            continue;
        put(out, "<tr>");
        put_name_cell(out, im->name, v->group->name);
        for (int f = 1; f < VERDICT_FORMATS; f++)
            if (formats[f])
                put_16bit_cells(out, r, im->row[f], im->ok[f], gelu);
        put_ratio_cell(out, im->has_speed && im->row[v->primary] < 0, im->cycles, NULL);
        put(out, "</tr>\n");
    }
    put(out, "</tbody></table>\n");
}

void put_implementation_table(FILE *out, const struct report *r,
                              const struct activation_group *group)
{
    struct group_verdict v;
    if (group_verdict_build(r, group, &v) != 0)
        return;
    int f = v.primary;
    bool distance = group_has_column(r, group, ACCURACY_gelu_distance_max_ulp);
    putf(out, "<h3>%s, ranked by accuracy</h3>\n", verdict_format_names[f]);
    put_primary_header(out, verdict_format_names[f], distance);
    for (size_t i = 0; i < v.ranked_count[f]; i++)
        put_primary_row(out, r, &v, v.ranked[f][i], i + 1, f, distance);
    for (size_t k = 0; k < v.count; k++)
        if (v.impls[k].row[f] >= 0 && !v.impls[k].ok[f])
            put_primary_row(out, r, &v, k, 0, f, distance);
    put(out, "</tbody></table>\n");
    bool gelu = group_has_column(r, group, ACCURACY_gelu_distance_over_half);
    bool any16 = v.measured[1] || v.measured[2];
    if (any16) {
        put(out, "<h3>16-bit formats: every one of the 65536 inputs</h3>\n");
        for (int g = 1; g < VERDICT_FORMATS; g++) {
            long best = v.most_accurate[g];
            char sentence[256];
            if (best >= 0 &&
                gelu_tanh_sentence(r, (size_t)v.impls[best].row[g], sentence, sizeof sentence)) {
                putf(out, "<p class=\"answer\" data-format=\"%s\">", verdict_format_names[g]);
                put_text(out, sentence);
                put(out, ": the tanh approximation itself, correctly rounded; \"!= gelu\" counts "
                         "each implementation's values that are not exact gelu.</p>\n");
            }
        }
        put_16bit_table(out, r, &v, gelu);
    }
    group_verdict_free(&v);
}

/* A hexfloat with its decimal value. */
static void put_hex_cell(FILE *out, const char *text)
{
    double value;
    put(out, "<td class=\"hex\">");
    put_text(out, text);
    if (text[0] && csv_parse_number(text, &value) > 0)
        putf(out, " <i>(%.6g)</i>", value);
    put(out, "</td>");
}

/* |got - want| of a worst case: the absolute error, which says more than
 * ulps where the value is near 0. */
static void put_absolute_error_cell(FILE *out, const struct report *r, size_t row,
                                    enum accuracy_column got, enum accuracy_column want)
{
    double a, b;
    if (csv_parse_number(acc_text(r, row, got), &a) > 0 &&
        csv_parse_number(acc_text(r, row, want), &b) > 0 && isfinite(a - b)) {
        putf(out, "<td class=\"num\">%.3g</td>", fabs(a - b));
    } else {
        put(out, "<td class=\"num\"></td>");
    }
}

/* Where each implementation's worst errors are (primary format), and its
 * saturation and gradient death points: the inputs a numerical analyst
 * looks at next. */
void put_worst_case_table(FILE *out, const struct report *r, const struct activation_group *group)
{
    static const enum accuracy_column columns[] = {
        ACCURACY_value_worst_input, ACCURACY_gradient_worst_input, ACCURACY_saturation_x,
        ACCURACY_gradient_death_x,
    };
    bool any = false;
    for (size_t c = 0; c < COUNT_OF(columns) && !any; c++)
        any = group_has_column(r, group, columns[c]);
    if (!any)
        return;
    const char *format = chart_format(r, group);
    put(out, "<details><summary>Worst inputs, saturation and gradient death (");
    put_text(out, format);
    put(out, "; hexfloats, decimal in brackets)</summary>\n<table class=\"sortable hexes\">\n"
             "<thead><tr>");
    put_header_cell(out, "implementation", "implementation", false);
    put_column_header(out, "value worst x", ACCURACY_value_worst_input, false);
    put_column_header(out, "got", ACCURACY_value_worst_got, false);
    put_column_header(out, "want", ACCURACY_value_worst_want, false);
    put_header_cell(out, "|got-want|", "absolute error", true);
    put_column_header(out, "gradient worst x", ACCURACY_gradient_worst_input, false);
    put_header_cell(out, "|got-want|", "absolute error", true);
    put_column_header(out, "saturates at", ACCURACY_saturation_x, false);
    put_column_header(out, "exact", ACCURACY_saturation_x_exact, false);
    put_column_header(out, "gradient dies at", ACCURACY_gradient_death_x, false);
    put(out, "</tr></thead>\n<tbody>\n");
    for (size_t i = 0; i < group->row_count; i++) {
        size_t row = group->rows[i];
        if (!row_is_ok(r, row) || !same_text(acc_text(r, row, ACCURACY_format), format))
            continue;
        put(out, "<tr>");
        put_name_cell(out, acc_text(r, row, ACCURACY_implementation), group->name);
        put_hex_cell(out, acc_text(r, row, ACCURACY_value_worst_input));
        put_hex_cell(out, acc_text(r, row, ACCURACY_value_worst_got));
        put_hex_cell(out, acc_text(r, row, ACCURACY_value_worst_want));
        put_absolute_error_cell(out, r, row, ACCURACY_value_worst_got, ACCURACY_value_worst_want);
        put_hex_cell(out, acc_text(r, row, ACCURACY_gradient_worst_input));
        put_absolute_error_cell(out, r, row, ACCURACY_gradient_worst_got,
                                ACCURACY_gradient_worst_want);
        put_hex_cell(out, acc_text(r, row, ACCURACY_saturation_x));
        put_hex_cell(out, acc_text(r, row, ACCURACY_saturation_x_exact));
        put_hex_cell(out, acc_text(r, row, ACCURACY_gradient_death_x));
        put(out, "</tr>\n");
    }
    put(out, "</tbody></table></details>\n");
}
