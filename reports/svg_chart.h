/*
 * Chart primitives of the HTML report: SVG drawn in pixels of a fixed
 * viewBox that CSS scales down on narrow screens.  Log axes hold a "0" slot
 * one decade below the smallest positive value, because exact
 * implementations (relu, maxout) have a max error of exactly 0 ulp, which a
 * log axis cannot show.
 */
#ifndef ACTBENCH_SVG_CHART_H
#define ACTBENCH_SVG_CHART_H

#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>

/* Every chart opens with <svg class="chart" data-activation="NAME"
 * data-kind="KIND" ...> (html.h); description is its aria-label. */
void put_chart_open(FILE *out, const char *activation, const char *kind, double width,
                    double height, const char *description);

/* ---- log axes ---------------------------------------------------------- */

struct log_scale {
    int lo, hi;     /* decades: 10^lo .. 10^hi */
    bool zero_slot; /* one decade below 10^lo stands for 0 */
    double from, to;
};

/* Decades covering the positive finite values, mapped onto pixels from..to;
 * a value that is not positive opens the 0 slot. */
void log_scale_fit(struct log_scale *scale, const double *values, size_t count, double from,
                   double to);
/* The pixel of value (0 and below: the 0 slot or the axis start). */
double log_scale_map(const struct log_scale *scale, double value);
/* Grid lines and labels of a log axis; horizontal: along x at the bottom,
 * labels below cross_from. */
void put_log_axis(FILE *out, const struct log_scale *scale, bool horizontal, double cross_from,
                  double cross_to);

/* Linear tick step giving at most about ten ticks. */
double linear_step(double span);

/* A grid line at pixel `at` of an axis, across from cross_from to cross_to. */
void put_grid_line(FILE *out, const char *class_name, bool horizontal, double at,
                   double cross_from, double cross_to);
/* A tick label at pixel `at` beside the axis that runs along cross_from. */
void put_tick_label(FILE *out, const char *class_name, bool horizontal, double at,
                    double cross_from, const char *label);

/* ---- labels and colours ------------------------------------------------ */

/* Approximate width of SVG text at 11px in the sans-serif font. */
double label_width(const char *text);

struct label_box {
    double x0, y0, x1, y1;
};

bool boxes_overlap(const struct label_box *a, const struct label_box *b);

/* The colour of a method's points and bars (a qualitative palette). */
const char *method_colour(const char *method);
/* A point marker whose shape tells the method too (circle libm, triangle up
 * libmvec, triangle down sleef, square poly, diamond table, plus external),
 * left open for a <title>; close it with marker_close(method). */
void put_marker(FILE *out, const char *method, double x, double y, double size,
                const char *class_name);
const char *marker_close(const char *method);
/* Colour and dash pattern of the index-th series of a line chart: dashes
 * tell series apart once the palette repeats. */
const char *series_colour(size_t index);
const char *series_dash(size_t index);

#endif
