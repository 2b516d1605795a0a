/* Chart primitives; see svg_chart.h. */
#include "svg_chart.h"

#include <math.h>
#include <string.h>

#include "html_put.h"

#define COUNT_OF(array) (sizeof(array) / sizeof((array)[0]))

void put_chart_open(FILE *out, const char *activation, const char *kind, double width,
                    double height, const char *description)
{
    put(out, "<svg class=\"chart\" data-activation=\"");
    put_text(out, activation);
    putf(out, "\" data-kind=\"%s\" viewBox=\"0 0 %.0f %.0f\" width=\"%.0f\" height=\"%.0f\" "
              "role=\"img\" aria-label=\"", kind, width, height, width, height);
    put_text(out, description);
    put(out, "\">\n");
}

/* ---- log axes ---------------------------------------------------------- */

void log_scale_fit(struct log_scale *scale, const double *values, size_t count, double from,
                   double to)
{
    double smallest = INFINITY, largest = 0;
    bool zero = false;
    for (size_t i = 0; i < count; i++) {
        double v = values[i];
        if (!(v > 0))
            zero = true;
        else if (isfinite(v)) {
            smallest = fmin(smallest, v);
            largest = fmax(largest, v);
        }
    }
    if (!(smallest <= largest)) { /* nothing positive and finite */
        smallest = 0.1;
        largest = 1;
    }
    scale->lo = (int)floor(log10(smallest) + 1e-9);
    scale->hi = (int)ceil(log10(largest) - 1e-9);
    if (scale->hi <= scale->lo)
        scale->hi = scale->lo + 1;
    scale->zero_slot = zero;
    scale->from = from;
    scale->to = to;
}

static double log_scale_start(const struct log_scale *scale)
{
    return scale->zero_slot ? scale->lo - 1 : scale->lo;
}

double log_scale_map(const struct log_scale *scale, double value)
{
    double start = log_scale_start(scale);
    double t = value > 0 ? log10(value) : start;
    if (t < start)
        t = start;
    if (t > scale->hi)
        t = scale->hi;
    return scale->from + (t - start) / (scale->hi - start) * (scale->to - scale->from);
}

void put_grid_line(FILE *out, const char *class_name, bool horizontal, double at,
                   double cross_from, double cross_to)
{
    if (horizontal)
        putf(out, "<path class=\"%s\" d=\"M%.0f %.0fV%.0f\"/>", class_name, at, cross_from,
             cross_to);
    else
        putf(out, "<path class=\"%s\" d=\"M%.0f %.0fH%.0f\"/>", class_name, cross_from, at,
             cross_to);
}

void put_tick_label(FILE *out, const char *class_name, bool horizontal, double at,
                    double cross_from, const char *label)
{
    if (horizontal)
        putf(out, "<text class=\"%s x\" x=\"%.0f\" y=\"%.0f\">%s</text>", class_name, at,
             cross_from + 15, label);
    else
        putf(out, "<text class=\"%s y\" x=\"%.0f\" y=\"%.0f\">%s</text>", class_name,
             cross_from - 6, at + 4, label);
}

static void decade_label(int decade, char buffer[16])
{
    if (decade >= -3 && decade <= 4)
        snprintf(buffer, 16, "%g", pow(10, decade));
    else
        snprintf(buffer, 16, "1e%d", decade);
}

/* One labelled line per decade (every few decades on a long axis). */
static void put_decades(FILE *out, const struct log_scale *scale, bool horizontal,
                        double cross_from, double cross_to)
{
    int start = (int)log_scale_start(scale);
    int decades = scale->hi - start;
    int step = decades > 10 ? (decades + 9) / 10 : 1;
    for (int k = start; k <= scale->hi; k++) {
        if ((k - start) % step != 0 && k != scale->hi)
            continue;
        char label[16];
        if (scale->zero_slot && k == start)
            snprintf(label, sizeof label, "0");
        else
            decade_label(k, label);
        double at = scale->from + (double)(k - start) / decades * (scale->to - scale->from);
        put_grid_line(out, "grid", horizontal, at, cross_from, cross_to);
        put_tick_label(out, "tick", horizontal, at, cross_from, label);
        put(out, "\n");
    }
}

/* A short axis has room for 2 and 5 of each decade; without them a span of
 * one decade shows two labels only.  Labelled up to two decades. */
static void put_decade_multiples(FILE *out, const struct log_scale *scale, bool horizontal,
                                 double cross_from, double cross_to)
{
    static const double multiples[] = {2, 5};
    for (int k = scale->lo; k < scale->hi; k++)
        for (size_t m = 0; m < COUNT_OF(multiples); m++) {
            double value = multiples[m] * pow(10, k);
            double at = log_scale_map(scale, value);
            char label[32];
            /* "2e7" like the decade labels, not printf's "2e+07". */
            if (k >= -3 && k <= 4)
                snprintf(label, sizeof label, "%g", value);
            else
                snprintf(label, sizeof label, "%.0fe%d", multiples[m], k);
            put_grid_line(out, "grid minor", horizontal, at, cross_from, cross_to);
            if (scale->hi - scale->lo > 2)
                continue;
            put_tick_label(out, "tick minor", horizontal, at, cross_from, label);
            put(out, "\n");
        }
}

void put_log_axis(FILE *out, const struct log_scale *scale, bool horizontal, double cross_from,
                  double cross_to)
{
    put_decades(out, scale, horizontal, cross_from, cross_to);
    if (scale->hi - scale->lo <= 3)
        put_decade_multiples(out, scale, horizontal, cross_from, cross_to);
    if (scale->zero_slot) {
        /* A break mark between the 0 slot and the first decade. */
        int decades = scale->hi - (int)log_scale_start(scale);
        double at = scale->from + 1.0 / decades * (scale->to - scale->from);
        put_tick_label(out, "tick brk", horizontal, (at + scale->from) / 2, cross_from, "//");
    }
}

double linear_step(double span)
{
    static const double steps[] = {1, 2, 2.5, 5};
    double decade = pow(10, floor(log10(span / 10)));
    for (size_t i = 0; i < COUNT_OF(steps); i++)
        if (span / (steps[i] * decade) <= 10)
            return steps[i] * decade;
    return 10 * decade;
}

/* ---- labels and colours ------------------------------------------------ */

double label_width(const char *text)
{
    return 6.2 * (double)strlen(text);
}

bool boxes_overlap(const struct label_box *a, const struct label_box *b)
{
    return a->x0 < b->x1 && b->x0 < a->x1 && a->y0 < b->y1 && b->y0 < a->y1;
}

/* Okabe and Ito's qualitative palette (told apart with the common colour
 * vision deficiencies), then dark grey. */
static const char *const qualitative[] = {"#0072B2", "#E69F00", "#009E73", "#CC79A7",
                                          "#56B4E9", "#D55E00", "#000000", "#F0E442"};

/* The methods in the order of their colour and marker. */
static const char *const methods[] = {"libm",   "libmvec", "sleef",  "poly",    "table",
                                      "external", "onednn", "xnnpack", "eigen", "highway"};

static size_t method_index(const char *method)
{
    for (size_t i = 0; i < COUNT_OF(methods); i++)
        if (strcmp(methods[i], method) == 0)
            return i;
    return COUNT_OF(methods);
}

const char *method_colour(const char *method)
{
    size_t i = method_index(method);
    /* past the palette's eight: Paul Tol's wine and teal */
    static const char *const more[] = {"#882255", "#44AA99"};
    if (i < COUNT_OF(qualitative))
        return qualitative[i];
    return i - COUNT_OF(qualitative) < COUNT_OF(more) ? more[i - COUNT_OF(qualitative)] : "#777777";
}

/* A closed path through `points` vertices around (x, y), every other one
 * at radius r * inner when inner < 1 (a star), the first straight up
 * (rotated by turn, in whole turns). */
static void put_polygon(FILE *out, const char *class_name, double x, double y, double r,
                        unsigned points, double inner, double turn, const char *fill)
{
    const double pi = 3.14159265358979323846;
    putf(out, "<path class=\"%s\" d=\"", class_name);
    for (unsigned k = 0; k < points; k++) {
        double a = 2.0 * pi * ((double)k / points + turn);
        double radius = k % 2 && inner < 1.0 ? r * inner : r;
        putf(out, "%c%.1f %.1f", k ? 'L' : 'M', x + radius * sin(a), y - radius * cos(a));
    }
    putf(out, "z\" fill=\"%s\">", fill);
}

void put_marker(FILE *out, const char *method, double x, double y, double size,
                const char *class_name)
{
    const char *fill = method_colour(method);
    double r = size;
    switch (method_index(method)) {
    case 0: /* libm: circle */
        putf(out, "<circle class=\"%s\" cx=\"%.1f\" cy=\"%.1f\" r=\"%.1f\" fill=\"%s\">",
             class_name, x, y, r, fill);
        return;
    case 1: /* libmvec: triangle up */
        putf(out, "<path class=\"%s\" d=\"M%.1f %.1fl%.1f %.1fh%.1fz\" fill=\"%s\">", class_name,
             x, y - r * 1.15, r * 1.1, r * 1.9, -r * 2.2, fill);
        return;
    case 2: /* sleef: triangle down */
        putf(out, "<path class=\"%s\" d=\"M%.1f %.1fl%.1f %.1fh%.1fz\" fill=\"%s\">", class_name,
             x, y + r * 1.15, r * 1.1, -r * 1.9, -r * 2.2, fill);
        return;
    case 3: /* poly: square */
        putf(out, "<rect class=\"%s\" x=\"%.1f\" y=\"%.1f\" width=\"%.1f\" height=\"%.1f\" "
                  "fill=\"%s\">",
             class_name, x - r * 0.9, y - r * 0.9, r * 1.8, r * 1.8, fill);
        return;
    case 4: /* table: diamond */
        putf(out, "<path class=\"%s\" d=\"M%.1f %.1fl%.1f %.1fl%.1f %.1fl%.1f %.1fz\" "
                  "fill=\"%s\">",
             class_name, x, y - r * 1.25, r * 1.25, r * 1.25, -r * 1.25, r * 1.25, -r * 1.25,
             -r * 1.25, fill);
        return;
    case 6: /* onednn: hexagon */
        put_polygon(out, class_name, x, y, r * 1.1, 6, 1.0, 0.0, fill);
        return;
    case 7: /* xnnpack: five-pointed star */
        put_polygon(out, class_name, x, y, r * 1.35, 10, 0.45, 0.0, fill);
        return;
    case 8: /* eigen: pentagon */
        put_polygon(out, class_name, x, y, r * 1.15, 5, 1.0, 0.0, fill);
        return;
    case 9: /* highway: triangle pointing right */
        put_polygon(out, class_name, x, y, r * 1.25, 3, 1.0, 0.25, fill);
        return;
    default: /* external and unknown: a cross-like plus */
        putf(out, "<path class=\"%s\" d=\"M%.1f %.1fh%.1fv%.1fh%.1fv%.1fh%.1fv%.1fh%.1fv%.1fh%.1f"
                  "v%.1fh%.1fz\" fill=\"%s\">",
             class_name, x - r * 0.35, y - r, r * 0.7, r * 0.65, r * 0.65, r * 0.7, -r * 0.65,
             r * 0.65, -r * 0.7, -r * 0.65, -r * 0.65, -r * 0.7, r * 0.65, fill);
        return;
    }
}

const char *marker_close(const char *method)
{
    switch (method_index(method)) {
    case 0: return "</circle>";
    case 3: return "</rect>";
    default: return "</path>";
    }
}

const char *series_colour(size_t index)
{
    return qualitative[index % COUNT_OF(qualitative)];
}

const char *series_dash(size_t index)
{
    static const char *const dashes[] = {"", "7 3", "2 2", "9 3 2 3"};
    return dashes[(index / COUNT_OF(qualitative)) % COUNT_OF(dashes)];
}
