/*
 * The Pareto chart of an activation: one point per implementation, max ulp
 * of the value over [-10, 10] against cycles per element (L1, throughput),
 * both on log axes; colour and marker shape by method; the frontier drawn
 * as a staircase and the most accurate point ringed.  Only the points on
 * the front, the most accurate and the fastest are labelled, each where its
 * label overlaps no other label and no marker; a label that fits nowhere
 * becomes a number, spelled out in a key under the plot.
 */
#include <math.h>
#include <stdlib.h>

#include "html_parts.h"
#include "html_put.h"
#include "svg_chart.h"
#include "verdict.h"

struct chart_point {
    size_t row;
    double cycles, ulp;
    double px, py;
    bool frontier;
    bool best;    /* the most accurate */
    bool fastest;
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

/* The measured implementations of the format with both figures, fastest
 * first, marked as the verdict has them.  Returns how many. */
static size_t collect_points(const struct report *r, const struct group_verdict *v, int f,
                             struct chart_point *points)
{
    size_t count = 0;
    for (size_t i = 0; i < v->count; i++) {
        const struct implementation_verdict *im = &v->impls[i];
        double ulp;
        if (!im->ok[f] || !im->has_speed || !row_range10_ulp(r, (size_t)im->row[f], &ulp))
            continue;
        points[count++] = (struct chart_point){
            .row = (size_t)im->row[f],
            .cycles = im->cycles,
            .ulp = ulp,
            .frontier = im->frontier[f],
            .best = v->most_accurate[f] == (long)i,
            .fastest = v->fastest[f] == (long)i,
        };
    }
    qsort(points, count, sizeof *points, compare_points_by_speed);
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
             "max ulp error over [-10,10] against cycles per element, %s, one point per "
             "implementation", format);
    put_chart_open(out, group->name, "pareto", frame.width, frame.height, description);
    putf(out, "<rect class=\"plot\" x=\"%.1f\" y=\"%.1f\" width=\"%.1f\" height=\"%.1f\"/>\n",
         frame.left, frame.top, frame.right - frame.left, frame.bottom - frame.top);
    put_log_axis(out, xscale, true, frame.bottom, frame.top);
    put_log_axis(out, yscale, false, frame.left, frame.right);
    putf(out, "<text class=\"axis\" x=\"%.1f\" y=\"%.1f\" text-anchor=\"middle\">cycles per element "
              "(L1, throughput; log scale; left is faster)</text>\n",
         (frame.left + frame.right) / 2, frame.bottom + 34);
    putf(out, "<text class=\"axis\" transform=\"translate(16 %.1f) rotate(-90)\" "
              "text-anchor=\"middle\">max error of the value on [-10,10], ulp (",
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
        const char *method = acc_text(r, row, ACCURACY_method);
        char cycles_text[32], ulp_text[32];
        char class_name[64];
        snprintf(class_name, sizeof class_name, "point%s%s", points[i].frontier ? " on-frontier" : "",
                 points[i].best ? " best" : "");
        put_marker(out, method, points[i].px, points[i].py, points[i].best ? 7 : 5, class_name);
        put(out, "<title>");
        put_text(out, acc_text(r, row, ACCURACY_implementation));
        putf(out, ": %s cycles/element, max %s ulp on [-10,10]%s%s</title>%s\n",
             figure(points[i].cycles, cycles_text), figure(points[i].ulp, ulp_text),
             points[i].best ? " (most accurate)" : "", points[i].fastest ? " (fastest)" : "",
             marker_close(method));
    }
}

/* Whether box lies inside the chart and clear of every placed label and
 * every marker but its own point's. */
static bool label_fits(const struct label_box *box, const struct label_box *placed,
                       size_t placed_count, const struct chart_point *points, size_t count,
                       size_t own)
{
    if (box->x0 < frame.left + 2 || box->x1 > frame.width - 2 || box->y0 < 2 ||
        box->y1 > frame.bottom - 2)
        return false;
    for (size_t k = 0; k < placed_count; k++)
        if (boxes_overlap(box, &placed[k]))
            return false;
    for (size_t k = 0; k < count; k++) {
        struct label_box marker = {points[k].px - 6, points[k].py - 6, points[k].px + 6,
                                   points[k].py + 6};
        if (k != own && boxes_overlap(box, &marker))
            return false;
    }
    return true;
}

/* A place for a label of width w beside point p: right, left, above,
 * below, then the diagonals, a little further each round.  Returns false
 * when none is clear. */
static bool place_label(const struct chart_point *p, double w, const struct label_box *placed,
                        size_t placed_count, const struct chart_point *points, size_t count,
                        size_t own, struct label_box *box)
{
    static const double directions[][2] = {{1, 0}, {-1, 0}, {0, -1}, {0, 1},
                                           {1, -1}, {1, 1},  {-1, -1}, {-1, 1}};
    for (int round = 0; round < 4; round++) {
        double gap = 8 + 12 * round;
        for (size_t d = 0; d < COUNT_OF(directions); d++) {
            double dx = directions[d][0], dy = directions[d][1];
            double x0 = dx > 0 ? p->px + gap : dx < 0 ? p->px - gap - w : p->px - w / 2;
            double yc = p->py + dy * (gap + 2);
            struct label_box candidate = {x0, yc - 8, x0 + w, yc + 4};
            if (label_fits(&candidate, placed, placed_count, points, count, own)) {
                *box = candidate;
                return true;
            }
        }
    }
    return false;
}

/* Labels of the front, the most accurate and the fastest; a number when a
 * name fits nowhere.  keys[i] receives the number of point i (0: none).
 * Returns how many numbers were given. */
static size_t put_point_labels(FILE *out, const struct report *r, const char *activation,
                               const struct chart_point *points, size_t count,
                               struct label_box *boxes, size_t *keys)
{
    size_t placed = 0, numbers = 0;
    for (size_t i = 0; i < count; i++) {
        keys[i] = 0;
        const struct chart_point *p = &points[i];
        if (!p->frontier && !p->best && !p->fastest)
            continue;
        const char *name = short_name(acc_text(r, p->row, ACCURACY_implementation), activation);
        char text[160];
        snprintf(text, sizeof text, "%s", name);
        struct label_box box;
        bool named = place_label(p, label_width(text), boxes, placed, points, count, i, &box);
        if (!named) {
            snprintf(text, sizeof text, "%zu", ++numbers);
            keys[i] = numbers;
            if (!place_label(p, label_width(text), boxes, placed, points, count, i, &box))
                box = (struct label_box){p->px + 7, p->py - 8, p->px + 7 + label_width(text),
                                         p->py + 4};
        }
        boxes[placed++] = box;
        double cx = (box.x0 + box.x1) / 2, cy = (box.y0 + box.y1) / 2;
        if (fabs(cx - p->px) > label_width(text) / 2 + 14 || fabs(cy - p->py) > 16)
            putf(out, "<line class=\"leader\" x1=\"%.1f\" y1=\"%.1f\" x2=\"%.1f\" y2=\"%.1f\"/>",
                 p->px, p->py, cx < p->px ? box.x1 : box.x0, cy);
        putf(out, "<text class=\"label%s\" x=\"%.1f\" y=\"%.1f\">", p->best ? " best" : "",
             box.x0, box.y1 - 2);
        put_text(out, text);
        put(out, "</text>\n");
    }
    return numbers;
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
        put_marker(out, seen[k], x + 5, y - 4, 5, "key");
        put(out, marker_close(seen[k]));
        putf(out, "<text class=\"legend\" x=\"%.1f\" y=\"%.1f\">", x + 14, y);
        put_text(out, seen[k][0] ? seen[k] : "(no method)");
        put(out, "</text>\n");
        x += 24 + label_width(seen[k]);
    }
}

int put_pareto_chart(FILE *out, const struct report *r, const struct activation_group *group,
                     const char *format)
{
    int f = verdict_format_index(format);
    struct group_verdict v;
    if (f < 0 || group_verdict_build(r, group, &v) != 0)
        return -1;
    struct chart_point *points = calloc(group->row_count ? group->row_count : 1, sizeof *points);
    struct label_box *boxes = calloc(group->row_count ? group->row_count : 1, sizeof *boxes);
    size_t *keys = calloc(group->row_count ? group->row_count : 1, sizeof *keys);
    size_t count = points ? collect_points(r, &v, f, points) : 0;
    struct log_scale xscale, yscale;
    if (points == NULL || boxes == NULL || keys == NULL ||
        place_points(points, count, &xscale, &yscale) != 0) {
        free(points);
        free(boxes);
        free(keys);
        group_verdict_free(&v);
        return -1;
    }
    put_frame(out, group, format, &xscale, &yscale);
    put_frontier(out, points, count);
    put_points(out, r, points, count);
    size_t numbers = put_point_labels(out, r, group->name, points, count, boxes, keys);
    put_method_legend(out, r, points, count, frame.left, frame.height - 14);
    putf(out, "<path class=\"frontier\" d=\"M%.1f %.1f h24\"/><text class=\"legend\" x=\"%.1f\" "
              "y=\"%.1f\">Pareto frontier</text>\n",
         frame.right - 140, frame.height - 18, frame.right - 110, frame.height - 14);
    put(out, "</svg>\n");
    if (numbers > 0) {
        put(out, "<p class=\"key\">");
        for (size_t i = 0; i < count; i++)
            if (keys[i] > 0) {
                putf(out, "%s<b>%zu</b> ", keys[i] > 1 ? "; " : "", keys[i]);
                put_text(out, short_name(acc_text(r, points[i].row, ACCURACY_implementation),
                                         group->name));
            }
        put(out, "</p>\n");
    }
    free(points);
    free(boxes);
    free(keys);
    group_verdict_free(&v);
    return 0;
}
