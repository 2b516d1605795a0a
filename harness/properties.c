/* Property checks; see properties.h.  Every check runs the implementation on
 * small buffers built here, in f32, single-threaded and deterministic. */
#include "properties.h"

#include <float.h>
#include <math.h>
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>

#include "../reference/reference.h"
#include "inputs.h"

/* Buffers of the lane, tail and in-place checks: four rows of softmax, 32
 * groups of maxout, several vectors of every ISA. */
#define CHECK_POINTS 128
#define CANARY 0x1.5555p-3f

static uint32_t float_bits(float f)
{
    uint32_t u;
    memcpy(&u, &f, sizeof u);
    return u;
}

static float bits_float(uint32_t u)
{
    float f;
    memcpy(&f, &u, sizeof f);
    return f;
}

static bool same_bits(float a, float b)
{
    /* two NaNs agree whatever their payloads */
    return (isnan(a) && isnan(b)) || float_bits(a) == float_bits(b);
}

struct checker {
    struct accuracy_row *row;
    const struct implementation *impl;
    const struct actbench_params *p;
    enum activation_id act;
    size_t multiple; /* row length, group size or 1 */
    size_t group;    /* maxout group size, else 1 */
    uint64_t seed;
};

static float ordinary(uint64_t seed, uint64_t i)
{
    return (float)(-10.0 + 20.0 * (double)(input_random_bits(seed ^ 0xc0ffeeu, i) >> 11) * 0x1p-53);
}

static void upstream(const struct checker *c, float *dy, size_t outputs)
{
    for (size_t i = 0; i < outputs; i++)
        dy[i] = input_upstream_gradient(c->act, c->seed, i);
}

/* The implementation's forward and gradient through float buffers.  A
 * forward-only implementation leaves dx as 0 (its gradient figures are
 * not measured). */
static void run_forward(const struct checker *c, const float *x, float *y, size_t n)
{
    if (impl_forward(c->impl, x, y, n, c->p) != 0)
        memset(y, 0, activation_output_count(c->act, c->p, n) * sizeof *y);
}

static void run_gradient(const struct checker *c, const float *x, const float *y, const float *dy,
                     float *dx, size_t n)
{
    if (!impl_has_gradient(c->impl) || impl_gradient(c->impl, x, y, dy, dx, NULL, n, c->p) != 0)
        memset(dx, 0, n * sizeof *dx);
}

/* forward and gradient of n inputs; y and dy need n entries, dx n */
static void evaluate(const struct checker *c, const float *x, float *y, float *dx, size_t n)
{
    float dy[CHECK_POINTS];
    size_t outputs = activation_output_count(c->act, c->p, n);
    upstream(c, dy, outputs);
    run_forward(c, x, y, n);
    run_gradient(c, x, y, dy, dx, n);
}

static void note(const struct checker *c, enum failure_category cat, float input, float got,
                 float want)
{
    accuracy_row_note_failure(c->row, cat, input, got, want);
}

static void check_symmetry(const struct checker *c)
{
    enum activation_symmetry sym = activation_catalog[c->act].properties.symmetry;
    if (sym == SYMMETRY_NONE || activation_catalog[c->act].kind == ACT_VECTOR)
        return;
    enum { N = 4096 };
    float x[N], xn[N], y[N], yn[N];
    struct input_plan plan;
    input_plan_make(&plan, c->act, c->p, FMT_F32, c->seed, N / 2, N / 2, false);
    input_generate(&plan, plan.part_start[PART_BINADES], N / 2, x, NULL);
    input_generate(&plan, plan.part_start[PART_RANGE10], N / 2, x + N / 2, NULL);
    for (size_t i = 0; i < N; i++)
        xn[i] = -x[i];
    run_forward(c, x, y, N);
    run_forward(c, xn, yn, N);
    double bound = c->impl->value_bound[FMT_F32] + 1.0;
    for (size_t i = 0; i < N; i++) {
        if (!isfinite(y[i]) || !isfinite(yn[i]))
            continue;
        double tolerance = bound * (format_ulp(FMT_F32, y[i]) + format_ulp(FMT_F32, yn[i]));
        switch (sym) {
        case SYMMETRY_ODD:
            if (!same_bits(yn[i], -y[i]))
                note(c, FAILURE_SYMMETRY, xn[i], yn[i], -y[i]);
            break;
        case SYMMETRY_COMPLEMENT:
            if (fabs((double)y[i] + yn[i] - 1.0) > tolerance)
                note(c, FAILURE_SYMMETRY, xn[i], yn[i], (float)(1.0 - y[i]));
            break;
        case SYMMETRY_SHIFTED_ODD:
            if (fabs((double)y[i] - yn[i] - x[i]) > tolerance + format_ulp(FMT_F32, x[i]))
                note(c, FAILURE_SYMMETRY, xn[i], yn[i], (float)((double)y[i] - x[i]));
            break;
        case SYMMETRY_NONE:
            break;
        }
    }
}

static void check_monotonicity(const struct checker *c)
{
    double from = activation_catalog[c->act].properties.monotone_from;
    if (isnan(from) || activation_catalog[c->act].kind == ACT_VECTOR)
        return;
    /* windows of consecutive floats where the activations change regime */
    static const float starts[] = {-100.0f, -20.0f, -10.0f, -3.0f, -2.5f, -1.0f, -1e-3f, 1e-30f,
                                   1e-3f,   0.5f,   1.0f,   2.5f,  3.0f,  5.0f,  9.0f,  16.0f,
                                   20.0f,   88.0f,  1e4f};
    enum { N = 2048 };
    float x[N], y[N];
    /* prelu's consecutive elements belong to different channels (slopes):
     * compare each with the previous element of its own channel */
    size_t stride = c->p->channels ? c->p->channels : 1;
    const struct activation_info *info = &activation_catalog[c->act];
    size_t shared = sizeof starts / sizeof starts[0];
    for (size_t w = 0; w < shared + info->monotone_window_count; w++) {
        float start = w < shared ? starts[w] : info->monotone_windows[w - shared];
        if (start < from)
            continue;
        x[0] = start;
        for (size_t i = 1; i < N; i++)
            x[i] = nextafterf(x[i - 1], INFINITY);
        run_forward(c, x, y, N);
        for (size_t i = stride; i < N; i++)
            if (!isnan(y[i]) && !isnan(y[i - stride]) && y[i] < y[i - stride])
                note(c, FAILURE_MONOTONICITY, x[i], y[i], y[i - stride]);
    }
}

/* A NaN input, alone or in a row or group, must give NaN wherever the
 * reference says NaN: the element, its softmax row, its maxout output
 * (whose gradient goes to the NaN, the arg-max, and is dy, not NaN). */
static void check_nan_propagation(const struct checker *c)
{
    float x[CHECK_POINTS], y[CHECK_POINTS], dx[CHECK_POINTS], dy[CHECK_POINTS];
    struct ref_point want_y[CHECK_POINTS], want_dx[CHECK_POINTS];
    static const size_t positions[] = {0, 5, 8, 15, 17, 31, 34, 63, 64, 127};
    for (size_t i = 0; i < CHECK_POINTS; i++)
        x[i] = ordinary(c->seed, i);
    for (size_t k = 0; k < sizeof positions / sizeof positions[0]; k++)
        x[positions[k]] = (k & 1) ? -NAN : NAN;
    evaluate(c, x, y, dx, CHECK_POINTS);
    size_t outputs = activation_output_count(c->act, c->p, CHECK_POINTS);
    upstream(c, dy, outputs);
    activation_catalog[c->act].reference(&(struct ref_request){.params = c->p, .format = FMT_F32, .x = x,
                                                       .dy = dy, .n = CHECK_POINTS,
                                                       .value = want_y, .gradient = want_dx});
    for (size_t i = 0; i < outputs; i++)
        if (isnan(want_y[i].rounded) && !isnan(y[i]))
            note(c, FAILURE_NAN_PROPAGATION, x[i * c->group], y[i], NAN);
    for (size_t i = 0; i < CHECK_POINTS && impl_has_gradient(c->impl); i++)
        if (isnan(want_dx[i].rounded) && !isnan(dx[i]))
            note(c, FAILURE_NAN_PROPAGATION, x[i], dx[i], NAN);
}

static void check_overflow(const struct checker *c)
{
    /* a failure where the true value or gradient is finite and the computed
     * one is not (selu's true value overflows near FLT_MAX: not a failure) */
    static const float large[] = {1e4f, 88.8f, 89.0f, 100.0f, 1e10f, 1e30f, 0x1p126f, FLT_MAX};
    float x[CHECK_POINTS], y[CHECK_POINTS], dx[CHECK_POINTS], dy[CHECK_POINTS];
    struct ref_point want_y[CHECK_POINTS], want_dx[CHECK_POINTS];
    size_t nlarge = sizeof large / sizeof large[0];
    for (size_t i = 0; i < CHECK_POINTS; i++) {
        /* rows of one sign and mixed rows */
        float v = large[(i / 2) % nlarge];
        x[i] = (i & 1) && (i / c->multiple) % 2 ? -v : v;
    }
    evaluate(c, x, y, dx, CHECK_POINTS);
    size_t outputs = activation_output_count(c->act, c->p, CHECK_POINTS);
    upstream(c, dy, outputs);
    activation_catalog[c->act].reference(&(struct ref_request){
        .params = c->p, .format = FMT_F32, .x = x, .dy = dy, .n = CHECK_POINTS, .value = want_y,
        .gradient = want_dx});
    for (size_t i = 0; i < outputs; i++)
        if (!isfinite(y[i]) && isfinite(want_y[i].rounded))
            note(c, FAILURE_OVERFLOW_NAN, x[i * c->group], y[i], want_y[i].rounded);
    for (size_t i = 0; i < CHECK_POINTS && impl_has_gradient(c->impl); i++)
        if (!isfinite(dx[i]) && isfinite(want_dx[i].rounded))
            note(c, FAILURE_OVERFLOW_NAN, x[i], dx[i], want_dx[i].rounded);
}

static void check_lane_crosstalk(const struct checker *c)
{
    static const float specials[] = {NAN, INFINITY, -INFINITY, FLT_MAX, -FLT_MAX,
                                      0x1p-149f, -0.0f, 1e30f};
    static const size_t positions[] = {0, 1, 3, 7, 8, 15, 16, 31, 32, 63, 64, 127};
    float base[CHECK_POINTS], y0[CHECK_POINTS], dx0[CHECK_POINTS];
    float x[CHECK_POINTS], y[CHECK_POINTS], dx[CHECK_POINTS];
    for (size_t i = 0; i < CHECK_POINTS; i++)
        base[i] = ordinary(c->seed, i);
    evaluate(c, base, y0, dx0, CHECK_POINTS);
    size_t outputs = activation_output_count(c->act, c->p, CHECK_POINTS);
    for (size_t s = 0; s < sizeof specials / sizeof specials[0]; s++)
        for (size_t k = 0; k < sizeof positions / sizeof positions[0]; k++) {
            size_t pos = positions[k];
            memcpy(x, base, sizeof x);
            x[pos] = specials[s];
            evaluate(c, x, y, dx, CHECK_POINTS);
            size_t block = pos / c->multiple;
            for (size_t i = 0; i < outputs; i++)
                if (i * c->group / c->multiple != block && !same_bits(y[i], y0[i]))
                    note(c, FAILURE_LANE_CROSSTALK, specials[s], y[i], y0[i]);
            for (size_t i = 0; i < CHECK_POINTS; i++)
                if (i / c->multiple != block && !same_bits(dx[i], dx0[i]))
                    note(c, FAILURE_LANE_CROSSTALK, specials[s], dx[i], dx0[i]);
        }
}

static void check_tails_and_inplace(const struct checker *c)
{
    float x[CHECK_POINTS], full_y[CHECK_POINTS], full_dx[CHECK_POINTS];
    float y[CHECK_POINTS], dx[CHECK_POINTS + 1], dy[CHECK_POINTS];
    for (size_t i = 0; i < CHECK_POINTS; i++)
        x[i] = ordinary(c->seed ^ 0x7a11u, i);
    evaluate(c, x, full_y, full_dx, CHECK_POINTS);
    size_t steps = CHECK_POINTS / c->multiple;
    if (steps > 70)
        steps = 70;
    for (size_t k = 1; k <= steps; k++) {
        size_t n = k * c->multiple;
        size_t outputs = activation_output_count(c->act, c->p, n);
        /* a canary after the last output catches writes past n */
        float y_tail[CHECK_POINTS + 1];
        y_tail[outputs] = CANARY;
        run_forward(c, x, y_tail, n);
        /* the gradient gets the y of the full call, so that only its own
         * tail handling can make a difference */
        memcpy(y, full_y, outputs * sizeof *y);
        upstream(c, dy, outputs);
        dx[n] = CANARY;
        run_gradient(c, x, y, dy, dx, n);
        for (size_t i = 0; i < outputs; i++)
            if (!same_bits(y_tail[i], full_y[i]))
                note(c, FAILURE_TAIL, x[i * c->group], y_tail[i], full_y[i]);
        if (!same_bits(y_tail[outputs], CANARY))
            note(c, FAILURE_TAIL, (float)n, y_tail[outputs], CANARY);
        for (size_t i = 0; i < n; i++)
            if (!same_bits(dx[i], full_dx[i]))
                note(c, FAILURE_TAIL, x[i], dx[i], full_dx[i]);
        if (!same_bits(dx[n], CANARY))
            note(c, FAILURE_TAIL, (float)n, dx[n], CANARY);
    }
    if (activation_catalog[c->act].shape == SHAPE_GROUPS)
        return; /* its output is shorter than its input: no in-place form */
    float z[CHECK_POINTS];
    memcpy(z, x, sizeof z);
    run_forward(c, z, z, CHECK_POINTS);
    for (size_t i = 0; i < CHECK_POINTS; i++)
        if (!same_bits(z[i], full_y[i]))
            note(c, FAILURE_INPLACE, x[i], z[i], full_y[i]);
}

/* Value or gradient of the implementation at one x (a whole vector of that x,
 * so that the main loop, not the tail, computes it). */
static float computed_at(const struct checker *c, float x, bool gradient)
{
    enum { N = 32 };
    float xs[N], y[N], dx[N], dy[N];
    for (size_t i = 0; i < N; i++) {
        xs[i] = x;
        dy[i] = 1.0f;
    }
    run_forward(c, xs, y, N);
    if (!gradient)
        return y[0];
    run_gradient(c, xs, y, dy, dx, N);
    return dx[0];
}

static struct ref_point reference_at(const struct checker *c, float x, bool gradient)
{
    struct ref_point value, grad;
    float dy = 1.0f;
    activation_catalog[c->act].reference(&(struct ref_request){.params = c->p, .format = FMT_F32, .x = &x,
                                                       .dy = &dy, .n = 1, .value = &value,
                                                       .gradient = gradient ? &grad : NULL});
    return gradient ? grad : value;
}

/*
 * First float u in [lo, hi] (as bit patterns of positive floats, scaled by
 * direction) where the predicate holds, assuming it holds from there on;
 * returns 0 when it does not hold at hi.
 */
typedef bool (*float_predicate)(const struct checker *c, float x, const void *arg);

static uint32_t first_true(const struct checker *c, int direction, float_predicate pred,
                           const void *arg)
{
    uint32_t lo = float_bits(1e-3f), hi = float_bits(FLT_MAX);
    if (!pred(c, (float)direction * bits_float(hi), arg))
        return 0;
    if (pred(c, (float)direction * bits_float(lo), arg))
        return lo;
    while (hi - lo > 1) {
        uint32_t mid = lo + (hi - lo) / 2;
        if (pred(c, (float)direction * bits_float(mid), arg))
            hi = mid;
        else
            lo = mid;
    }
    return hi;
}

static bool computed_saturated(const struct checker *c, float x, const void *limit)
{
    return computed_at(c, x, false) == *(const float *)limit;
}

static bool reference_saturated(const struct checker *c, float x, const void *limit)
{
    return reference_at(c, x, false).rounded == *(const float *)limit;
}

static bool computed_gradient_zero(const struct checker *c, float x, const void *unused)
{
    (void)unused;
    return computed_at(c, x, true) == 0.0f;
}

static void find_thresholds(const struct checker *c)
{
    const struct activation_properties *props = &activation_catalog[c->act].properties;
    struct accuracy_row *row = c->row;
    if (activation_catalog[c->act].kind == ACT_VECTOR)
        return;
    if (props->saturation_direction != 0 && activation_properties_hold(c->act, c->p)) {
        float limit = (float)props->saturation_limit;
        int d = props->saturation_direction;
        uint32_t got = first_true(c, d, computed_saturated, &limit);
        uint32_t want = first_true(c, d, reference_saturated, &limit);
        if (got && want) {
            row->has_saturation = true;
            row->saturation_x = (float)d * bits_float(got);
            row->saturation_x_exact = (float)d * bits_float(want);
        }
    }
    for (int side = -1; side <= 1 && impl_has_gradient(c->impl); side += 2) {
        if (props->flat_sides != 2 && props->flat_sides != side)
            continue;
        uint32_t u = first_true(c, side, computed_gradient_zero, NULL);
        if (!u)
            continue;
        float x = (float)side * bits_float(u);
        struct ref_point truth = reference_at(c, x, true);
        if (fabsf(truth.rounded) < FLT_MIN || isnan(truth.rounded))
            continue; /* the true gradient had underflowed too: no early death */
        if (!row->has_gradient_death || fabsf(x) < fabsf(row->gradient_death_x)) {
            row->has_gradient_death = true;
            row->gradient_death_x = x;
            row->gradient_death_true = truth.rounded;
        }
    }
}

void properties_check(struct accuracy_row *row, const struct actbench_params *p, uint64_t seed)
{
    struct checker c = {
        .row = row,
        .impl = row->impl,
        .p = p,
        .act = row->impl->activation,
        .seed = seed,
    };
    c.multiple = activation_input_multiple(c.act, p);
    c.group = activation_inputs_per_output(c.act, p);
    check_symmetry(&c);
    check_monotonicity(&c);
    check_nan_propagation(&c);
    check_overflow(&c);
    check_lane_crosstalk(&c);
    check_tails_and_inplace(&c);
    find_thresholds(&c);
}
