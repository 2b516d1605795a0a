/*
 * The error profile of an activation over x: for each implementation, the
 * max |error| of the value (or the gradient) in every bin of x
 * (profile.csv's "x" axis rows), drawn as steps on a log axis of ulps.
 * Implementations whose profiles are identical (the same algorithm at
 * another ISA, or every correctly rounded one) share one line and one
 * legend entry; at most PROFILE_LINES lines are drawn, the rest named.
 */
#include <math.h>
#include <stdlib.h>

#include "html_parts.h"
#include "html_put.h"
#include "svg_chart.h"

#define PROFILE_LINES 8
/* Errors below a thousandth of an ulp are drawn at this floor: the axis
 * would otherwise spend twenty decades on differences no one acts on. */
#define PROFILE_FLOOR_ULP 1e-3

/* The viewBox's width and the plot inside it, in pixels; the height grows
 * with the rows of the legend. */
static const struct {
    double width, left, right, top, bottom;
} frame = {620, 70, 620 - 20, 16, 256};

struct profile_bin {
    double lo, hi, max_ulp;
    bool drawn; /* count > 0 and a max given */
};

/* The profile rows of one chart and what its axes need. */
struct profile_data {
    size_t *rows; /* matching profile rows, file order */
    size_t row_count;
    const char **series; /* implementations, in the order the rows meet them */
    size_t series_count;
    double *values; /* max ulps of the bins with inputs */
    size_t value_count;
    double x_lo, x_hi;
    struct profile_bin *bins; /* room for one series' bins */
};

static int compare_bins(const void *a, const void *b)
{
    const struct profile_bin *p = a, *q = b;
    return p->lo < q->lo ? -1 : p->lo > q->lo;
}

static bool profile_row_matches(const struct report *r, size_t row, const char *activation,
                                const char *format, const char *quantity)
{
    return same_text(profile_text(r, row, PROFILE_activation), activation) &&
           same_text(profile_text(r, row, PROFILE_format), format) &&
           same_text(profile_text(r, row, PROFILE_quantity), quantity) &&
           same_text(profile_text(r, row, PROFILE_axis), "x");
}

static void free_profile_data(struct profile_data *d)
{
    free(d->rows);
    free(d->series);
    free(d->bins);
    free(d->values);
}

/* Series, values and x range of the rows in d->rows. */
static void survey_rows(const struct report *r, struct profile_data *d)
{
    d->x_lo = INFINITY;
    d->x_hi = -INFINITY;
    for (size_t m = 0; m < d->row_count; m++) {
        size_t row = d->rows[m];
        const char *implementation = profile_text(r, row, PROFILE_implementation);
        bool known = false;
        for (size_t s = 0; s < d->series_count && !known; s++)
            known = same_text(d->series[s], implementation);
        if (!known)
            d->series[d->series_count++] = implementation;
        double lo, hi, count, max_ulp;
        if (profile_number(r, row, PROFILE_bin_lo, &lo) &&
            profile_number(r, row, PROFILE_bin_hi, &hi)) {
            d->x_lo = fmin(d->x_lo, lo);
            d->x_hi = fmax(d->x_hi, hi);
        }
        if (profile_number(r, row, PROFILE_count, &count) && count > 0 &&
            profile_number(r, row, PROFILE_max_ulp, &max_ulp))
            d->values[d->value_count++] = max_ulp > 0 ? fmax(max_ulp, PROFILE_FLOOR_ULP) : 0;
    }
    if (!(d->x_lo < d->x_hi)) {
        d->x_lo = -10;
        d->x_hi = 10;
    }
}

/* Fills d from profile.csv's value rows over x of the activation and
 * format (d->row_count 0: none).  Returns 0, or -1 when out of memory. */
static int gather(const struct report *r, const struct activation_group *group,
                  const char *format, const char *quantity, struct profile_data *d)
{
    d->rows = malloc((group->profile_row_count ? group->profile_row_count : 1) * sizeof *d->rows);
    if (d->rows == NULL)
        return -1;
    for (size_t i = 0; i < group->profile_row_count; i++)
        if (profile_row_matches(r, group->profile_rows[i], group->name, format, quantity))
            d->rows[d->row_count++] = group->profile_rows[i];
    if (d->row_count == 0)
        return 0;
    d->series = malloc(d->row_count * sizeof *d->series);
    d->bins = malloc(2 * d->row_count * sizeof *d->bins);
    d->values = malloc(d->row_count * sizeof *d->values);
    if (d->series == NULL || d->bins == NULL || d->values == NULL)
        return -1;
    survey_rows(r, d);
    return 0;
}

static double x_pixel(const struct profile_data *d, double x)
{
    return frame.left + (x - d->x_lo) / (d->x_hi - d->x_lo) * (frame.right - frame.left);
}

/* The legend below the plot: entries left to right, wrapped at the plot's
 * right edge. */
struct legend_cursor {
    double x, y;
};

static void legend_advance(struct legend_cursor *cursor, const char *label, double line_height)
{
    double w = 34 + label_width(label);
    if (cursor->x + w > frame.right && cursor->x > frame.left) {
        cursor->x = frame.left;
        cursor->y += line_height;
    }
}

static void put_axes(FILE *out, const struct profile_data *d, const char *format,
                     const char *quantity, const struct log_scale *yscale)
{
    put_log_axis(out, yscale, false, frame.left, frame.right);
    double step = linear_step(d->x_hi - d->x_lo);
    for (double tick = ceil(d->x_lo / step - 1e-9) * step; tick <= d->x_hi + 1e-9 * step;
         tick += step) {
        double at = x_pixel(d, tick);
        char label[32];
        put_grid_line(out, "grid", true, at, frame.top, frame.bottom);
        put_tick_label(out, "tick", true, at, frame.bottom,
                       figure(fabs(tick) < 1e-9 * step ? 0 : tick, label));
        put(out, "\n");
    }
    putf(out, "<text class=\"axis\" x=\"%.1f\" y=\"%.1f\" text-anchor=\"middle\">x (max over "
              "each bin)</text>\n",
         (frame.left + frame.right) / 2, frame.bottom + 32);
    putf(out, "<text class=\"axis\" transform=\"translate(16 %.1f) rotate(-90)\" "
              "text-anchor=\"middle\">max %s error, ulp (",
         (frame.top + frame.bottom) / 2, quantity);
    put_text(out, format);
    put(out, ", log)</text>\n");
}

/* The bins of one implementation, sorted by x.  Returns how many. */
static size_t series_bins(const struct report *r, const struct profile_data *d,
                          const char *implementation, struct profile_bin *bins)
{
    size_t bin_count = 0;
    for (size_t m = 0; m < d->row_count; m++) {
        size_t row = d->rows[m];
        if (!same_text(profile_text(r, row, PROFILE_implementation), implementation))
            continue;
        struct profile_bin bin = {0};
        double count;
        if (!profile_number(r, row, PROFILE_bin_lo, &bin.lo) ||
            !profile_number(r, row, PROFILE_bin_hi, &bin.hi))
            continue;
        bin.drawn = profile_number(r, row, PROFILE_count, &count) && count > 0 &&
                    profile_number(r, row, PROFILE_max_ulp, &bin.max_ulp);
        bins[bin_count++] = bin;
    }
    qsort(bins, bin_count, sizeof *bins, compare_bins);
    return bin_count;
}

/* "<path class="series" stroke=... d="": the series' colour and dashes. */
static void put_series_path_open(FILE *out, size_t series)
{
    const char *dash = series_dash(series);
    putf(out, "<path class=\"series\" stroke=\"%s\"%s%s%s d=\"", series_colour(series),
         dash[0] ? " stroke-dasharray=\"" : "", dash, dash[0] ? "\"" : "");
}

/* A step per bin (the figure is a max over the whole bin); a gap where a
 * bin had no input. */
static void put_steps(FILE *out, const struct profile_data *d, const struct profile_bin *bins,
                      size_t bin_count, const struct log_scale *yscale)
{
    bool open = false;
    double previous_hi = 0, previous_y = 0;
    bool any = false;
    for (size_t b = 0; b < bin_count; b++) {
        if (!bins[b].drawn) {
            open = false;
            continue;
        }
        double x0 = x_pixel(d, bins[b].lo);
        double x1 = x_pixel(d, bins[b].hi);
        double v = bins[b].max_ulp;
        double y = round(log_scale_map(yscale, v > 0 ? fmax(v, PROFILE_FLOOR_ULP) : 0));
        /* relative moves along x: the pen is at x0 after the previous bin */
        x0 = round(x0);
        x1 = round(x1);
        if (open && bins[b].lo == previous_hi && y == previous_y)
            putf(out, "h%.0f", x1 - x0);
        else if (open && bins[b].lo == previous_hi)
            putf(out, "V%.0fh%.0f", y, x1 - x0);
        else
            putf(out, "%sM%.0f %.0fh%.0f", any ? " " : "", x0, y, x1 - x0);
        previous_y = y;
        open = true;
        any = true;
        previous_hi = bins[b].hi;
    }
    if (!any)
        putf(out, "M%.1f %.1f", frame.left, frame.bottom);
}

static bool same_bins(const struct profile_bin *a, size_t a_count, const struct profile_bin *b,
                      size_t b_count)
{
    if (a_count != b_count)
        return false;
    for (size_t i = 0; i < a_count; i++)
        if (a[i].lo != b[i].lo || a[i].drawn != b[i].drawn ||
            (a[i].drawn && a[i].max_ulp != b[i].max_ulp))
            return false;
    return true;
}

/* The implementation name without "<activation>_". */
static const char *without_activation(const char *implementation, const char *activation)
{
    size_t length = strlen(activation);
    if (strncmp(implementation, activation, length) == 0 && implementation[length] == '_')
        return implementation + length + 1;
    return implementation;
}

/* The distinct profiles: lines[k] is the first series of line k, line_of[s]
 * the line series s is drawn as.  Returns the number of lines. */
static size_t distinct_lines(const struct report *r, struct profile_data *d, size_t *lines,
                             size_t *line_of)
{
    size_t line_count = 0;
    struct profile_bin *other = d->bins + d->row_count;
    for (size_t s = 0; s < d->series_count; s++) {
        size_t count = series_bins(r, d, d->series[s], d->bins);
        line_of[s] = line_count;
        for (size_t k = 0; k < line_count; k++) {
            size_t other_count = series_bins(r, d, d->series[lines[k]], other);
            if (same_bins(d->bins, count, other, other_count)) {
                line_of[s] = k;
                break;
            }
        }
        if (line_of[s] == line_count)
            lines[line_count++] = s;
    }
    return line_count;
}

/* The legend text of line k: its implementations, joined. */
static void line_label(const struct profile_data *d, const char *activation, const size_t *line_of,
                       size_t k, char *label, size_t size)
{
    size_t used = 0, named = 0, more = 0;
    label[0] = '\0';
    for (size_t s = 0; s < d->series_count; s++) {
        if (line_of[s] != k)
            continue;
        const char *name = without_activation(d->series[s], activation);
        if (named < 3 && used + strlen(name) + 4 < size && used < 70) {
            used += (size_t)snprintf(label + used, size - used, "%s%s", named ? " = " : "", name);
            named++;
        } else {
            more++;
        }
    }
    if (more)
        snprintf(label + used, size - used, " +%zu", more);
}

static void put_series(FILE *out, const struct report *r, struct profile_data *d,
                       const char *activation, const size_t *lines, size_t line_count,
                       size_t max_lines, const size_t *line_of, const struct log_scale *yscale,
                       struct legend_cursor *legend)
{
    for (size_t k = 0; k < line_count && k < max_lines; k++) {
        size_t bin_count = series_bins(r, d, d->series[lines[k]], d->bins);
        char label[160];
        line_label(d, activation, line_of, k, label, sizeof label);
        put_series_path_open(out, k);
        put_steps(out, d, d->bins, bin_count, yscale);
        put(out, "\"><title>");
        put_text(out, label);
        put(out, "</title></path>\n");

        legend_advance(legend, label, 16);
        put_series_path_open(out, k);
        putf(out, "M%.0f %.0fh22\"/>", legend->x, legend->y - 4);
        putf(out, "<text class=\"legend\" x=\"%.0f\" y=\"%.0f\">", legend->x + 27, legend->y);
        put_text(out, label);
        put(out, "</text>\n");
        legend->x += 34 + label_width(label);
    }
}

int put_profile_chart(FILE *out, const struct report *r, const struct activation_group *group,
                      const char *format, const char *quantity)
{
    struct profile_data d = {0};
    if (gather(r, group, format, quantity, &d) != 0) {
        free_profile_data(&d);
        return -1;
    }
    if (d.row_count == 0) {
        putf(out, "<p class=\"note\">No %s error profile over x for this activation in %s in "
                  "profile.csv.</p>\n",
             quantity, format);
        free_profile_data(&d);
        return 0;
    }
    size_t *lines = malloc(d.series_count * sizeof *lines);
    size_t *line_of = malloc(d.series_count * sizeof *line_of);
    if (lines == NULL || line_of == NULL) {
        free(lines);
        free(line_of);
        free_profile_data(&d);
        return -1;
    }
    size_t line_count = distinct_lines(r, &d, lines, line_of);
    /* f32 draws more lines than the 16-bit formats, where most
     * implementations round alike */
    size_t max_lines = same_text(format, "f32") ? PROFILE_LINES : PROFILE_LINES / 2;
    /* Legend rows below the plot: measured first so the height is known. */
    struct legend_cursor measure = {frame.left, 1};
    for (size_t k = 0; k < line_count && k < max_lines; k++) {
        char label[160];
        line_label(&d, group->name, line_of, k, label, sizeof label);
        legend_advance(&measure, label, 1);
        measure.x += 34 + label_width(label);
    }
    const double height = frame.bottom + 48 + 16 * measure.y;
    struct log_scale yscale;
    log_scale_fit(&yscale, d.values, d.value_count, frame.bottom - 6, frame.top + 6);
    char description[200];
    snprintf(description, sizeof description,
             "max ulp error of the %s per bin of x, %s, one line per distinct profile", quantity,
             format);
    char kind[32];
    snprintf(kind, sizeof kind, "profile-%s", quantity);
    put_chart_open(out, group->name, kind, frame.width, height, description);
    putf(out, "<rect class=\"plot\" x=\"%.1f\" y=\"%.1f\" width=\"%.1f\" height=\"%.1f\"/>\n",
         frame.left, frame.top, frame.right - frame.left, frame.bottom - frame.top);
    put_axes(out, &d, format, quantity, &yscale);
    struct legend_cursor legend = {frame.left, frame.bottom + 52};
    put_series(out, r, &d, group->name, lines, line_count, max_lines, line_of, &yscale, &legend);
    put(out, "</svg>\n");
    if (line_count > max_lines)
        putf(out, "<p class=\"note\">%zu more distinct profiles in profile.csv.</p>\n",
             line_count - max_lines);
    free(lines);
    free(line_of);
    free_profile_data(&d);
    return 0;
}
