/*
 * The accuracy chart of an activation whose speed was not measured: one bar
 * per implementation, its max ulp of the value on a log axis, with a tick at
 * its declared bound.
 */
#include <math.h>
#include <stdlib.h>

#include "html_parts.h"
#include "html_put.h"
#include "svg_chart.h"

static const double width = 620, row_height = 24, top = 16;

static void put_bar(FILE *out, const struct report *r, size_t row, double value, double y,
                    const struct log_scale *scale)
{
    double left = scale->from;
    double end = log_scale_map(scale, value);
    char text[32];
    putf(out, "<text class=\"tick\" x=\"%.1f\" y=\"%.1f\" text-anchor=\"end\">", left - 6,
         y + 13);
    put_text(out, acc_text(r, row, ACCURACY_implementation));
    put(out, "</text>");
    putf(out, "<rect class=\"bar\" x=\"%.1f\" y=\"%.1f\" width=\"%.1f\" height=\"%.1f\" "
              "fill=\"%s\"><title>",
         left, y, fmax(end - left, 1.5), row_height - 8,
         method_colour(acc_text(r, row, ACCURACY_method)));
    put_text(out, acc_text(r, row, ACCURACY_implementation));
    putf(out, ": max %s ulp</title></rect>", figure(value, text));
    putf(out, "<text class=\"tick\" x=\"%.1f\" y=\"%.1f\">%s</text>", fmax(end, left + 1.5) + 5,
         y + 13, figure(value, text));
    double bound;
    if (acc_number(r, row, ACCURACY_value_bound_ulp, &bound)) {
        double at = log_scale_map(scale, bound);
        putf(out, "<line class=\"bound\" x1=\"%.1f\" y1=\"%.1f\" x2=\"%.1f\" y2=\"%.1f\"/>", at,
             y - 2, at, y + row_height - 6);
    }
    put(out, "\n");
}

int put_accuracy_bars(FILE *out, const struct report *r, const struct activation_group *group,
                      const char *format)
{
    size_t *rows = calloc(group->row_count ? group->row_count : 1, sizeof *rows);
    double *values = calloc(group->row_count ? group->row_count : 1, sizeof *values);
    if (rows == NULL || values == NULL) {
        free(rows);
        free(values);
        return -1;
    }
    size_t count = 0;
    double longest = 0;
    for (size_t i = 0; i < group->row_count; i++) {
        size_t row = group->rows[i];
        double ulp;
        if (!row_is_ok(r, row) || !same_text(acc_text(r, row, ACCURACY_format), format) ||
            !acc_number(r, row, ACCURACY_value_max_ulp, &ulp))
            continue;
        rows[count] = row;
        values[count++] = ulp;
        longest = fmax(longest, label_width(acc_text(r, row, ACCURACY_implementation)));
    }
    /* Room on the left for the longest name, one row per bar. */
    const double left = fmin(300, 16 + longest), right = width - 80;
    const double bottom = top + row_height * (double)(count ? count : 1) + 8;
    const double height = bottom + 58;
    struct log_scale scale;
    log_scale_fit(&scale, values, count, left, right);
    char description[200];
    snprintf(description, sizeof description,
             "max ulp error of the value per implementation, %s (speed not measured)", format);
    put_chart_open(out, group->name, "accuracy-bars", width, height, description);
    putf(out, "<rect class=\"plot\" x=\"%.1f\" y=\"%.1f\" width=\"%.1f\" height=\"%.1f\"/>\n", left,
         top, right - left, bottom - top);
    put_log_axis(out, &scale, true, bottom, top);
    if (count == 0)
        putf(out, "<text class=\"axis\" x=\"%.1f\" y=\"%.1f\" text-anchor=\"middle\">no measured "
                  "implementation</text>\n",
             (left + right) / 2, top + 18);
    for (size_t i = 0; i < count; i++)
        put_bar(out, r, rows[i], values[i], top + 4 + row_height * (double)i, &scale);
    putf(out, "<text class=\"axis\" x=\"%.1f\" y=\"%.1f\" text-anchor=\"middle\">max error of the "
              "value, ulp (",
         (left + right) / 2, bottom + 34);
    put_text(out, format);
    put(out, ", log scale)</text>\n");
    putf(out, "<line class=\"bound\" x1=\"%.1f\" y1=\"%.1f\" x2=\"%.1f\" y2=\"%.1f\"/><text "
              "class=\"legend\" x=\"%.1f\" y=\"%.1f\">declared bound</text>\n",
         right - 100, height - 22, right - 100, height - 10, right - 92, height - 12);
    put(out, "</svg>\n");
    free(rows);
    free(values);
    return 0;
}
