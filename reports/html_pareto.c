/*
 * The Pareto chart of an activation: one point per implementation, max ulp
 * of the value against cycles per element (L1, throughput), both on log
 * axes; the frontier drawn as a staircase and the most accurate point
 * ringed.
 */
#include <math.h>
#include <stdlib.h>

#include "html_parts.h"
#include "html_put.h"
#include "svg_chart.h"

struct chart_point {
    size_t row;
    double cycles, ulp;
    double px, py;
    bool frontier;
    bool best; /* the most accurate */
};

/* The fixed viewBox and the plot inside it, in pixels. */
static const struct {
    double width, height, left, right, top, bottom;
} frame = {620, 420, 70, 620 - 24, 20, 420 - 78};

static int compare_points_by_speed(const void *a, const void *b)
{
    const struct chart_point *p = a, *q = b;
    if (p->cycles != q->cycles)
        return p->cycles < q->cycles ? -1 : 1;
    if (p->ulp != q->ulp)
        return p->ulp < q->ulp ? -1 : 1;
    return p->row < q->row ? -1 : p->row > q->row;
}

/* The implementation name without its "<activation>_" prefix, for chart
 * labels where the activation is already known. */
static const char *short_name(const char *implementation, const char *activation)
{
    size_t length = strlen(activation);
    if (strncmp(implementation, activation, length) == 0 && implementation[length] == '_' &&
        implementation[length + 1] != '\0')
        return implementation + length + 1;
    return implementation;
}

/* The measured rows of the format with both figures, fastest first, the
 * frontier marked.  Returns how many. */
static size_t collect_points(const struct report *r, const struct activation_group *group,
                             const char *format, struct chart_point *points)
{
    size_t count = 0;
    for (size_t i = 0; i < group->row_count; i++) {
        size_t row = group->rows[i];
        double cycles, ratio, ulp;
        if (!row_is_ok(r, row) || !same_text(acc_text(r, row, ACCURACY_format), format) ||
            !acc_number(r, row, ACCURACY_value_max_ulp, &ulp) ||
            !row_speed(r, row, &cycles, &ratio))
            continue;
        points[count++] = (struct chart_point){.row = row, .cycles = cycles, .ulp = ulp};
    }
    qsort(points, count, sizeof *points, compare_points_by_speed);
    /* Frontier: no other point is both faster (or as fast) and more accurate. */
    double least_ulp = INFINITY;
    for (size_t i = 0; i < count; i++)
        if (points[i].ulp < least_ulp) {
            points[i].frontier = true;
            least_ulp = points[i].ulp;
        }
    size_t best_row = 0;
    if (most_accurate(r, group, format, &best_row))
        for (size_t i = 0; i < count; i++)
            points[i].best = points[i].row == best_row;
    return count;
}

/* Fits both axes to the points and places them.  Returns 0 or -1. */
static int place_points(struct chart_point *points, size_t count, struct log_scale *xscale,
                        struct log_scale *yscale)
{
    double *xs = calloc(count ? count : 1, sizeof *xs);
    double *ys = calloc(count ? count : 1, sizeof *ys);
    if (xs == NULL || ys == NULL) {
        free(xs);
        free(ys);
        return -1;
    }
    for (size_t i = 0; i < count; i++) {
        xs[i] = points[i].cycles;
        ys[i] = points[i].ulp;
    }
    log_scale_fit(xscale, xs, count, frame.left + 10, frame.right - 10);
    log_scale_fit(yscale, ys, count, frame.bottom - 10, frame.top + 10);
    free(xs);
    free(ys);
    for (size_t i = 0; i < count; i++) {
        points[i].px = log_scale_map(xscale, points[i].cycles);
        points[i].py = log_scale_map(yscale, points[i].ulp);
    }
    return 0;
}

static void put_frame(FILE *out, const struct activation_group *group, const char *format,
                      const struct log_scale *xscale, const struct log_scale *yscale)
{
    char description[256];
    snprintf(description, sizeof description,
             "max ulp error against cycles per element, %s, one point per implementation", format);
    put_chart_open(out, group->name, "pareto", frame.width, frame.height, description);
    putf(out, "<rect class=\"plot\" x=\"%.1f\" y=\"%.1f\" width=\"%.1f\" height=\"%.1f\"/>\n",
         frame.left, frame.top, frame.right - frame.left, frame.bottom - frame.top);
    put_log_axis(out, xscale, true, frame.bottom, frame.top);
    put_log_axis(out, yscale, false, frame.left, frame.right);
    putf(out, "<text class=\"axis\" x=\"%.1f\" y=\"%.1f\" text-anchor=\"middle\">cycles per element "
              "(L1, throughput; log scale; left is faster)</text>\n",
         (frame.left + frame.right) / 2, frame.bottom + 34);
    putf(out, "<text class=\"axis\" transform=\"translate(16 %.1f) rotate(-90)\" "
              "text-anchor=\"middle\">max error of the value, ulp (",
         (frame.top + frame.bottom) / 2);
    put_text(out, format);
    put(out, ", log)</text>\n");
}

/* The frontier as a staircase: for a budget between two frontier points the
 * best reachable error is the left one's. */
static void put_frontier(FILE *out, const struct chart_point *points, size_t count)
{
    bool started = false;
    put(out, "<path class=\"frontier\" d=\"");
    for (size_t i = 0; i < count; i++) {
        if (!points[i].frontier)
            continue;
        if (!started)
            putf(out, "M%.1f %.1f", points[i].px, points[i].py);
        else
            putf(out, " H%.1f V%.1f", points[i].px, points[i].py);
        started = true;
    }
    if (started)
        putf(out, " H%.1f", frame.right);
    else
        putf(out, "M%.1f %.1f", frame.left, frame.bottom);
    put(out, "\"/>\n");
}

static void put_points(FILE *out, const struct report *r, const struct chart_point *points,
                       size_t count)
{
    for (size_t i = 0; i < count; i++) {
        size_t row = points[i].row;
        bool best = points[i].best;
        char cycles_text[32], ulp_text[32];
        putf(out, "<circle class=\"point%s%s\" cx=\"%.1f\" cy=\"%.1f\" r=\"%d\" fill=\"%s\">",
             points[i].frontier ? " on-frontier" : "", best ? " best" : "", points[i].px,
             points[i].py, best ? 7 : 5, method_colour(acc_text(r, row, ACCURACY_method)));
        put(out, "<title>");
        put_text(out, acc_text(r, row, ACCURACY_implementation));
        putf(out, ": %s cycles/element, max %s ulp%s</title></circle>\n",
             figure(points[i].cycles, cycles_text), figure(points[i].ulp, ulp_text),
             best ? " (most accurate)" : "");
    }
}

/* How far a label must move up or down to overlap none of the earlier
 * ones (0 when it fits where it is, or when nothing fits). */
static double label_shift(const struct label_box *box, const struct label_box *earlier,
                          size_t earlier_count)
{
    static const double shifts[] = {0, 12, -12, 24, -24, 36, -36, 48, -48};
    for (size_t s = 0; s < COUNT_OF(shifts); s++) {
        struct label_box moved = {box->x0, box->y0 + shifts[s], box->x1, box->y1 + shifts[s]};
        bool clear = true;
        for (size_t k = 0; k < earlier_count && clear; k++)
            clear = !boxes_overlap(&moved, &earlier[k]);
        if (clear)
            return shifts[s];
    }
    return 0;
}

/* Labels right of their point, or left near the right edge; moved up or
 * down in steps until they overlap no earlier label, with a leader line
 * back to the point when moved.  boxes: room for count labels. */
static void put_point_labels(FILE *out, const struct report *r, const char *activation,
                             const struct chart_point *points, size_t count,
                             struct label_box *boxes)
{
    for (size_t i = 0; i < count; i++) {
        const struct chart_point *p = &points[i];
        const char *name = short_name(acc_text(r, p->row, ACCURACY_implementation), activation);
        char text[160];
        snprintf(text, sizeof text, "%s%s", name, p->best ? " (most accurate)" : "");
        double w = label_width(text) + (p->best ? 10 : 0);
        bool to_left = p->px + 9 + w > frame.width - 4;
        double x0 = to_left ? p->px - 9 - w : p->px + 9;
        struct label_box box = {x0, p->py - 9, x0 + w, p->py + 3};
        double shift = label_shift(&box, boxes, i);
        boxes[i] = (struct label_box){box.x0, box.y0 + shift, box.x1, box.y1 + shift};
        if (shift != 0)
            putf(out, "<line class=\"leader\" x1=\"%.1f\" y1=\"%.1f\" x2=\"%.1f\" y2=\"%.1f\"/>",
                 p->px, p->py, to_left ? box.x1 : box.x0, p->py + shift - 3);
        putf(out, "<text class=\"label%s\" x=\"%.1f\" y=\"%.1f\"%s>", p->best ? " best" : "",
             to_left ? box.x1 : box.x0, p->py + shift, to_left ? " text-anchor=\"end\"" : "");
        put_text(out, text);
        put(out, "</text>\n");
    }
}

static void put_method_legend(FILE *out, const struct report *r, const struct chart_point *points,
                              size_t count, double x, double y)
{
    /* One entry per method, in the order the points meet them. */
    const char *seen[16];
    size_t seen_count = 0;
    for (size_t i = 0; i < count && seen_count < COUNT_OF(seen); i++) {
        const char *method = acc_text(r, points[i].row, ACCURACY_method);
        bool known = false;
        for (size_t k = 0; k < seen_count; k++)
            known |= same_text(seen[k], method);
        if (!known)
            seen[seen_count++] = method;
    }
    for (size_t k = 0; k < seen_count; k++) {
        putf(out, "<circle cx=\"%.1f\" cy=\"%.1f\" r=\"5\" fill=\"%s\"/>", x + 5, y - 4,
             method_colour(seen[k]));
        putf(out, "<text class=\"legend\" x=\"%.1f\" y=\"%.1f\">", x + 14, y);
        put_text(out, seen[k][0] ? seen[k] : "(no method)");
        put(out, "</text>\n");
        x += 24 + label_width(seen[k]);
    }
}

int put_pareto_chart(FILE *out, const struct report *r, const struct activation_group *group,
                     const char *format)
{
    struct chart_point *points = calloc(group->row_count ? group->row_count : 1, sizeof *points);
    struct label_box *boxes = calloc(group->row_count ? group->row_count : 1, sizeof *boxes);
    size_t count = points ? collect_points(r, group, format, points) : 0;
    struct log_scale xscale, yscale;
    if (points == NULL || boxes == NULL || place_points(points, count, &xscale, &yscale) != 0) {
        free(points);
        free(boxes);
        return -1;
    }
    put_frame(out, group, format, &xscale, &yscale);
    put_frontier(out, points, count);
    put_points(out, r, points, count);
    put_point_labels(out, r, group->name, points, count, boxes);
    put_method_legend(out, r, points, count, frame.left, frame.height - 14);
    putf(out, "<path class=\"frontier\" d=\"M%.1f %.1f h24\"/><text class=\"legend\" x=\"%.1f\" "
              "y=\"%.1f\">Pareto frontier</text>\n",
         frame.right - 140, frame.height - 18, frame.right - 110, frame.height - 14);
    put(out, "</svg>\n");
    free(points);
    free(boxes);
    return 0;
}
