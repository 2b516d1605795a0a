/*
 * The drivers (see drivers.h): checking a request, the loops over points,
 * rows and groups, Ziv's retry at a doubled precision, and the points that
 * cannot be computed.
 */
#include "drivers.h"

#include <math.h>
#include <stdlib.h>

static void stats_level(struct ref_stats *stats, int k)
{
    if (!stats)
        return;
    int bits = REF_START_PRECISION << k;
    if (bits > stats->max_precision_used)
        stats->max_precision_used = bits;
}

static void mark_unresolved(struct ref_point *out, struct ref_stats *stats)
{
    out->flags |= REF_UNRESOLVED;
    if (stats)
        stats->unresolved++;
}

/* What an evaluation that could not run gives: NaN, flagged unresolved. */
static void fail_points(struct ref_point *out, size_t count, enum number_format fmt,
                        struct ref_stats *stats)
{
    if (!out)
        return;
    for (size_t i = 0; i < count; i++) {
        point_nan(&out[i], fmt);
        out[i].flags = REF_UNRESOLVED;
        if (stats)
            stats->unresolved++;
    }
}

void fail_request(const struct ref_request *request, size_t outputs)
{
    fail_points(request->value, outputs, request->format, request->stats);
    fail_points(request->gradient, request->n, request->format, request->stats);
    fail_points(request->dparam, request->n, request->format, request->stats);
}

/*
 * The request as far as it can be computed: a gradient needs dy, and a
 * parameter gradient needs dy and an activation that has one; what cannot
 * be computed is reported unresolved and dropped.
 */
static struct ref_request request_prepare(const struct ref_request *request,
                                          bool parameter_gradient)
{
    struct ref_request r = *request;
    if (r.gradient && !r.dy) {
        fail_points(r.gradient, r.n, r.format, r.stats);
        r.gradient = NULL;
    }
    if (r.dparam && (!parameter_gradient || !r.dy)) {
        fail_points(r.dparam, r.n, r.format, r.stats);
        r.dparam = NULL;
    }
    return r;
}

/* MPFR's exponent range left (never expected, see the saturation
 * thresholds): no result of this attempt can be trusted. */
static bool range_left(void)
{
    return mpfr_underflow_p() || mpfr_overflow_p();
}

/*
 * Round one output of an attempt at level k and retire it when Ziv's check
 * accepts it or no level is left (then it is flagged unresolved).  Returns
 * whether the output is still due.
 */
static bool settle(struct level *w, const struct bounded *b, bool trusted, bool last,
                   const struct ref_request *r, struct ref_point *out)
{
    bool ok = round_bounded(w, b, r->format, out) && trusted;
    if (!ok && last)
        mark_unresolved(out, r->stats);
    return !ok && !last;
}

/* ------------------------------------------------------------------ */
/* Elementwise in bounded arithmetic                                   */
/* ------------------------------------------------------------------ */

static int elementwise_points(struct workspace *ws, const struct ref_request *r,
                              point_function *point)
{
    struct ref_stats *stats = r->stats;
    for (size_t i = 0; i < r->n; i++) {
        const float xi = r->x[i];
        if (stats)
            stats->evaluations++;
        if (isnan(xi)) {
            if (r->value)
                point_nan(&r->value[i], r->format);
            if (r->gradient)
                point_nan(&r->gradient[i], r->format);
            stats_level(stats, 0);
            continue;
        }
        bool value_due = r->value != NULL, gradient_due = r->gradient != NULL;
        for (int k = 0; k < LEVEL_COUNT; k++) {
            struct level *w = level_get(ws, k);
            if (!w)
                return -1;
            const bool last = k == LEVEL_COUNT - 1;
            if (r->gradient)
                bd_set_float(&w->dy, r->dy[i]);
            mpfr_clear_underflow();
            mpfr_clear_overflow();
            point(w, xi, r->params, &w->dy, &w->value, r->gradient ? &w->gradient : NULL);
            const bool trusted = !range_left();
            if (value_due)
                value_due = settle(w, &w->value, trusted, last, r, &r->value[i]);
            if (gradient_due)
                gradient_due = settle(w, &w->gradient, trusted, last, r, &r->gradient[i]);
            if (!value_due && !gradient_due) {
                stats_level(stats, k);
                break;
            }
            if (stats)
                stats->retries++;
        }
    }
    return 0;
}

void run_elementwise(const struct ref_request *request, point_function *point,
                     level_constants_fn *constants)
{
    struct ref_request r = request_prepare(request, false);
    struct workspace ws = {.row_length = 0, .constants = constants};
    int status = elementwise_points(&ws, &r, point);
    workspace_clear(&ws);
    if (status != 0) {
        /* out of memory: every point is reported unresolved rather than
         * half-computed */
        fail_points(r.value, r.n, r.format, r.stats);
        fail_points(r.gradient, r.n, r.format, r.stats);
    }
}

/* ------------------------------------------------------------------ */
/* Elementwise, exact in double                                        */
/* ------------------------------------------------------------------ */

void run_exact_elementwise(const struct ref_request *request, exact_point_function *point,
                           bool parameter_gradient)
{
    const struct ref_request r = request_prepare(request, parameter_gradient);
    for (size_t i = 0; i < r.n; i++) {
        const double xi = r.x[i];
        if (r.stats) {
            r.stats->evaluations++;
            stats_level(r.stats, 0);
        }
        /* NaN x gives NaN everywhere */
        double v = xi, g = xi, dp = xi;
        if (!isnan(xi))
            point(r.params, i, xi, r.gradient || r.dparam ? (double)r.dy[i] : 0.0, &v, &g,
                  r.dparam ? &dp : NULL);
        if (r.value)
            round_exact_double(v, r.format, &r.value[i]);
        if (r.gradient)
            round_exact_double(g, r.format, &r.gradient[i]);
        if (r.dparam)
            round_exact_double(dp, r.format, &r.dparam[i]);
    }
}

/* ------------------------------------------------------------------ */
/* Rows                                                                */
/* ------------------------------------------------------------------ */

static int rows(struct workspace *ws, const struct ref_request *r, row_function *row_at,
                bool *value_due, bool *gradient_due)
{
    const size_t row = r->params->row_length;
    struct ref_stats *stats = r->stats;
    for (size_t start = 0; start + row <= r->n; start += row) {
        const float *xr = r->x + start;
        const float *dyr = r->gradient ? r->dy + start : NULL;
        bool has_nan = false;
        size_t infinities = 0, minus_infinities = 0;
        float m = -INFINITY;
        for (size_t i = 0; i < row; i++) {
            has_nan |= isnan(xr[i]);
            infinities += xr[i] == INFINITY;
            minus_infinities += xr[i] == -INFINITY;
            if (xr[i] > m)
                m = xr[i];
        }
        if (stats)
            stats->evaluations += row;
        if (has_nan || minus_infinities == row) {
            for (size_t i = 0; i < row; i++) {
                if (r->value)
                    point_nan(&r->value[start + i], r->format);
                if (r->gradient)
                    point_nan(&r->gradient[start + i], r->format);
            }
            stats_level(stats, 0);
            continue;
        }
        size_t due = 0;
        for (size_t i = 0; i < row; i++) {
            value_due[i] = r->value != NULL;
            gradient_due[i] = r->gradient != NULL;
            due += value_due[i] + gradient_due[i];
        }
        for (int k = 0; k < LEVEL_COUNT && due > 0; k++) {
            struct level *w = level_get(ws, k);
            if (!w)
                return -1;
            const bool last = k == LEVEL_COUNT - 1;
            mpfr_clear_underflow();
            mpfr_clear_overflow();
            row_at(w, xr, dyr, row, infinities, m, r->gradient != NULL);
            const bool trusted = !range_left();
            for (size_t i = 0; i < row; i++) {
                if (value_due[i]) {
                    value_due[i] =
                        settle(w, &w->row_value[i], trusted, last, r, &r->value[start + i]);
                    due -= !value_due[i];
                }
                if (gradient_due[i]) {
                    gradient_due[i] =
                        settle(w, &w->row_gradient[i], trusted, last, r, &r->gradient[start + i]);
                    due -= !gradient_due[i];
                }
            }
            stats_level(stats, k);
            if (due > 0 && stats)
                stats->retries++;
        }
    }
    return 0;
}

void run_rows(const struct ref_request *request, row_function *row_at)
{
    const size_t row = request->params->row_length;
    if (!(row > 0 && request->n % row == 0)) {
        /* nothing sound to compute: every output is reported unresolved */
        fail_request(request, request->n);
        return;
    }
    struct ref_request r = request_prepare(request, false);
    bool *value_due = malloc(row * sizeof *value_due);
    bool *gradient_due = malloc(row * sizeof *gradient_due);
    int status = -1;
    if (value_due && gradient_due) {
        struct workspace ws = {.row_length = row, .constants = NULL};
        status = rows(&ws, &r, row_at, value_due, gradient_due);
        workspace_clear(&ws);
    }
    free(value_due);
    free(gradient_due);
    if (status != 0) {
        fail_points(r.value, r.n, r.format, r.stats);
        fail_points(r.gradient, r.n, r.format, r.stats);
    }
}

/* ------------------------------------------------------------------ */
/* Groups                                                              */
/* ------------------------------------------------------------------ */

void run_groups(const struct ref_request *request, group_function *group)
{
    const size_t k = request->params->group;
    if (!(k > 0 && request->n % k == 0)) {
        fail_request(request, k > 0 ? request->n / k : request->n);
        return;
    }
    const struct ref_request r = request_prepare(request, false);
    double *gradient = malloc(k * sizeof *gradient);
    if (!gradient) {
        fail_points(r.value, r.n / k, r.format, r.stats);
        fail_points(r.gradient, r.n, r.format, r.stats);
        return;
    }
    for (size_t g = 0; g < r.n / k; g++) {
        double value;
        group(r.x + g * k, k, r.gradient ? (double)r.dy[g] : 0.0, &value,
              r.gradient ? gradient : NULL);
        if (r.stats) {
            r.stats->evaluations += k;
            stats_level(r.stats, 0);
        }
        if (r.value)
            round_exact_double(value, r.format, &r.value[g]);
        if (r.gradient)
            for (size_t j = 0; j < k; j++)
                round_exact_double(gradient[j], r.format, &r.gradient[g * k + j]);
    }
    free(gradient);
}
