/*
 * Property checks; see properties.h.  Every check runs the implementation on
 * small buffers built here, in the format the implementation computes in
 * (f32, or a 16-bit kernel's own format, whose values are carried in
 * floats), single-threaded and deterministic.
 */
#include "properties.h"

#include <float.h>
#include <math.h>
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>

#include "../reference/reference.h"
#include "inputs.h"

/* The lane, tail and in-place checks use at least this many inputs (four
 * rows of softmax, 32 groups of maxout), and at least four of the kernel's
 * main-loop iterations: see checker_buffer_points. */
#define CHECK_POINTS_MIN 128
#define CHECK_POINTS_MAX 4096
/* Written after the last output: a kernel that writes past n changes it. */
#define CANARY 0x1.5555p-3f
#define CANARY16 0x3e2bu

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
    enum number_format fmt; /* the format the implementation computes in */
    size_t multiple;        /* row length, group size or 1 */
    size_t group;           /* group size, else 1 */
    size_t points;          /* buffer length of the lane, tail and in-place checks */
    uint64_t seed;
};

/* ---- values of the checker's format ------------------------------------- */

/* Position of a non-negative value among the format's non-negative values
 * (0 for +0), and its inverse: consecutive ordinals are consecutive values. */
static uint32_t ordinal_of(const struct checker *c, float v)
{
    return c->fmt == FMT_F32 ? float_bits(v) : format_encode16(c->fmt, v);
}

static float value_at(const struct checker *c, uint32_t ordinal)
{
    return c->fmt == FMT_F32 ? bits_float(ordinal) : format_decode16(c->fmt, (uint16_t)ordinal);
}

static float largest_finite(const struct checker *c)
{
    return c->fmt == FMT_F32 ? FLT_MAX : value_at(c, ordinal_of(c, INFINITY) - 1);
}

/* The next value of the format above x (x finite). */
static float next_up(const struct checker *c, float x)
{
    if (c->fmt == FMT_F32)
        return nextafterf(x, INFINITY);
    if (x == 0.0f)
        return value_at(c, 1);
    return x > 0.0f ? value_at(c, ordinal_of(c, x) + 1) : -value_at(c, ordinal_of(c, -x) - 1);
}

static float in_format(const struct checker *c, float v)
{
    return format_round(c->fmt, v);
}

static float ordinary(const struct checker *c, uint64_t seed, uint64_t i)
{
    return in_format(c, (float)(-10.0 + 20.0 * (double)(input_random_bits(seed ^ 0xc0ffeeu, i) >> 11) *
                                            0x1p-53));
}

/* ---- calling the implementation ----------------------------------------- */

static void upstream(const struct checker *c, float *dy, size_t outputs)
{
    for (size_t i = 0; i < outputs; i++)
        dy[i] = in_format(c, input_upstream_gradient(c->act, c->seed, i));
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

/* forward and gradient of n inputs (n <= c->points); y and dx need n entries */
static void evaluate(const struct checker *c, const float *x, float *y, float *dx, size_t n)
{
    float *dy = calloc(n ? n : 1, sizeof *dy);
    if (!dy)
        return;
    upstream(c, dy, activation_output_count(c->act, c->p, n));
    run_forward(c, x, y, n);
    run_gradient(c, x, y, dy, dx, n);
    free(dy);
}

static void note(const struct checker *c, enum failure_category cat, float input, float got,
                 float want)
{
    accuracy_row_note_failure(c->row, cat, input, got, want);
}

/* ---- symmetry and monotonicity ------------------------------------------ */

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
    for (size_t i = 0; i < N; i++) {
        x[i] = in_format(c, x[i]);
        xn[i] = -x[i];
    }
    run_forward(c, x, y, N);
    run_forward(c, xn, yn, N);
    double bound = c->impl->value_bound[c->fmt] + 1.0;
    for (size_t i = 0; i < N; i++) {
        if (!isfinite(y[i]) || !isfinite(yn[i]))
            continue;
        double tolerance = bound * (format_ulp(c->fmt, y[i]) + format_ulp(c->fmt, yn[i]));
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
            if (fabs((double)y[i] - yn[i] - x[i]) > tolerance + format_ulp(c->fmt, x[i]))
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
    /* windows of consecutive values where the activations change regime */
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
        float start = in_format(c, w < shared ? starts[w] : info->monotone_windows[w - shared]);
        if (start < from || !isfinite(start))
            continue;
        x[0] = start;
        size_t count = 1;
        while (count < N && isfinite(x[count - 1]) && x[count - 1] < largest_finite(c)) {
            x[count] = next_up(c, x[count - 1]);
            count++;
        }
        run_forward(c, x, y, count);
        for (size_t i = stride; i < count; i++)
            if (!isnan(y[i]) && !isnan(y[i - stride]) && y[i] < y[i - stride])
                note(c, FAILURE_MONOTONICITY, x[i], y[i], y[i - stride]);
    }
}

/* ---- NaN, overflow, lanes ----------------------------------------------- */

/* A NaN input, alone or in a row or group, must give NaN wherever the
 * reference says NaN: the element, its softmax row, its maxout output
 * (whose gradient goes to the NaN, the arg-max, and is dy, not NaN). */
static void check_nan_propagation(const struct checker *c, float *x, float *y, float *dx,
                                  float *dy, struct ref_point *want_y, struct ref_point *want_dx)
{
    static const size_t positions[] = {0, 5, 8, 15, 17, 31, 34, 63, 64, 127};
    size_t n = c->points;
    for (size_t i = 0; i < n; i++)
        x[i] = ordinary(c, c->seed, i);
    for (size_t k = 0; k < sizeof positions / sizeof positions[0]; k++)
        x[positions[k]] = (k & 1) ? -NAN : NAN;
    evaluate(c, x, y, dx, n);
    size_t outputs = activation_output_count(c->act, c->p, n);
    upstream(c, dy, outputs);
    activation_catalog[c->act].reference(&(struct ref_request){
        .params = c->p, .format = c->fmt, .x = x, .dy = dy, .n = n, .value = want_y,
        .gradient = want_dx});
    for (size_t i = 0; i < outputs; i++)
        if (isnan(want_y[i].rounded) && !isnan(y[i]))
            note(c, FAILURE_NAN_PROPAGATION, x[i * c->group], y[i], NAN);
    for (size_t i = 0; i < n && impl_has_gradient(c->impl); i++)
        if (isnan(want_dx[i].rounded) && !isnan(dx[i]))
            note(c, FAILURE_NAN_PROPAGATION, x[i], dx[i], NAN);
}

/* A failure where the true value or gradient is finite and the computed
 * one is not (selu's true value overflows near FLT_MAX: not a failure). */
static void check_overflow(const struct checker *c, float *x, float *y, float *dx, float *dy,
                           struct ref_point *want_y, struct ref_point *want_dx)
{
    static const float large[] = {1e4f, 88.8f, 89.0f, 100.0f, 1e10f, 1e30f, 0x1p126f, FLT_MAX};
    size_t nlarge = sizeof large / sizeof large[0];
    size_t n = c->points;
    for (size_t i = 0; i < n; i++) {
        /* rows of one sign and mixed rows; beyond the format's range, its
         * largest value */
        float v = in_format(c, large[(i / 2) % nlarge]);
        v = isinf(v) ? largest_finite(c) : v;
        x[i] = (i & 1) && (i / c->multiple) % 2 ? -v : v;
    }
    evaluate(c, x, y, dx, n);
    size_t outputs = activation_output_count(c->act, c->p, n);
    upstream(c, dy, outputs);
    activation_catalog[c->act].reference(&(struct ref_request){
        .params = c->p, .format = c->fmt, .x = x, .dy = dy, .n = n, .value = want_y,
        .gradient = want_dx});
    for (size_t i = 0; i < outputs; i++)
        if (!isfinite(y[i]) && isfinite(want_y[i].rounded))
            note(c, FAILURE_OVERFLOW_NAN, x[i * c->group], y[i], want_y[i].rounded);
    for (size_t i = 0; i < n && impl_has_gradient(c->impl); i++)
        if (!isfinite(dx[i]) && isfinite(want_dx[i].rounded))
            note(c, FAILURE_OVERFLOW_NAN, x[i], dx[i], want_dx[i].rounded);
}

/* A special value in one element must not change any other element's bits
 * (another row or group for vector activations).  The positions cover the
 * first and last lanes of vectors and of the kernel's main-loop iterations. */
static void check_lane_crosstalk(const struct checker *c, float *base, float *y0, float *dx0,
                                 float *x, float *y, float *dx)
{
    const float specials[] = {NAN, INFINITY, -INFINITY, largest_finite(c), -largest_finite(c),
                              value_at(c, 1), -0.0f, in_format(c, 1e30f)};
    size_t n = c->points;
    size_t unroll = c->impl->kernel->unroll;
    size_t positions[16] = {0, 1, 3, 7, 8, 15, 16, 31, 32, 63, 64, 127};
    size_t position_count = 12;
    if (unroll > 1) {
        positions[position_count++] = unroll - 1;
        positions[position_count++] = unroll;
        positions[position_count++] = 2 * unroll + 1;
        positions[position_count++] = n - 1;
    }
    for (size_t i = 0; i < n; i++)
        base[i] = ordinary(c, c->seed, i);
    evaluate(c, base, y0, dx0, n);
    size_t outputs = activation_output_count(c->act, c->p, n);
    for (size_t s = 0; s < sizeof specials / sizeof specials[0]; s++)
        for (size_t k = 0; k < position_count; k++) {
            size_t pos = positions[k];
            if (pos >= n)
                continue;
            memcpy(x, base, n * sizeof *x);
            x[pos] = specials[s];
            evaluate(c, x, y, dx, n);
            size_t block = pos / c->multiple;
            for (size_t i = 0; i < outputs; i++)
                if (i * c->group / c->multiple != block && !same_bits(y[i], y0[i]))
                    note(c, FAILURE_LANE_CROSSTALK, specials[s], y[i], y0[i]);
            for (size_t i = 0; i < n; i++)
                if (i / c->multiple != block && !same_bits(dx[i], dx0[i]))
                    note(c, FAILURE_LANE_CROSSTALK, specials[s], dx[i], dx0[i]);
        }
}

/* ---- tails and in place ------------------------------------------------- */

/*
 * The kernel called on its own buffers, n inputs, one canary after the
 * last output (and after the last dx): returns 0 when it wrote nothing past
 * them.  16-bit kernels get 16-bit buffers, so a write past n lands on the
 * canary too.
 */
static int call_with_canaries(const struct checker *c, const float *x, float *y, const float *dy,
                              float *dx, size_t n, int *forward_overran, int *gradient_overran)
{
    const struct actbench_kernel *k = c->impl->kernel;
    size_t outputs = activation_output_count(c->act, c->p, n);
    *forward_overran = *gradient_overran = 0;
    if (c->impl->type == FMT_F32) {
        y[outputs] = CANARY;
        k->forward.f32(x, y, n, c->p);
        *forward_overran = !same_bits(y[outputs], CANARY);
        if (k->gradient.f32) {
            dx[n] = CANARY;
            k->gradient.f32(x, y, dy, dx, NULL, n, c->p);
            *gradient_overran = !same_bits(dx[n], CANARY);
        }
        return 0;
    }
    uint16_t *buf = malloc((3 * n + 2 * outputs + 3) * sizeof *buf);
    if (!buf)
        return -1;
    uint16_t *bx = buf, *by = bx + n, *bdy = by + outputs + 1, *bdx = bdy + outputs;
    for (size_t i = 0; i < n; i++)
        bx[i] = format_encode16(c->fmt, x[i]);
    for (size_t i = 0; i < outputs; i++)
        bdy[i] = format_encode16(c->fmt, dy[i]);
    by[outputs] = CANARY16;
    k->forward.u16(bx, by, n, c->p);
    *forward_overran = by[outputs] != CANARY16;
    for (size_t i = 0; i < outputs; i++)
        y[i] = format_decode16(c->fmt, by[i]);
    if (k->gradient.u16) {
        bdx[n] = CANARY16;
        k->gradient.u16(bx, by, bdy, bdx, NULL, n, c->p);
        *gradient_overran = bdx[n] != CANARY16;
        for (size_t i = 0; i < n; i++)
            dx[i] = format_decode16(c->fmt, bdx[i]);
    }
    free(buf);
    return 0;
}

/* Results must not depend on n (lengths that end in every tail position
 * of the kernel's vectors and main loop), nothing may be written past n,
 * and in place (y == x) must give the same bits. */
static void check_tails_and_inplace(const struct checker *c, float *x, float *full_y,
                                    float *full_dx, float *y, float *dx, float *dy)
{
    size_t n_full = c->points;
    for (size_t i = 0; i < n_full; i++)
        x[i] = ordinary(c, c->seed ^ 0x7a11u, i);
    evaluate(c, x, full_y, full_dx, n_full);
    size_t steps = n_full / c->multiple;
    size_t enough = 2 * c->impl->kernel->unroll + 6;
    if (steps > (enough > 70 ? enough : 70))
        steps = enough > 70 ? enough : 70;
    for (size_t k = 1; k <= steps; k++) {
        size_t n = k * c->multiple;
        size_t outputs = activation_output_count(c->act, c->p, n);
        upstream(c, dy, outputs);
        int forward_overran, gradient_overran;
        /* the gradient gets the y of its own call, which must equal the
         * full call's: only the tail handling can make a difference */
        if (call_with_canaries(c, x, y, dy, dx, n, &forward_overran, &gradient_overran) != 0)
            return;
        for (size_t i = 0; i < outputs; i++)
            if (!same_bits(y[i], full_y[i]))
                note(c, FAILURE_TAIL, x[i * c->group], y[i], full_y[i]);
        if (forward_overran)
            note(c, FAILURE_TAIL, (float)n, y[outputs], CANARY);
        for (size_t i = 0; i < n && impl_has_gradient(c->impl); i++)
            if (!same_bits(dx[i], full_dx[i]))
                note(c, FAILURE_TAIL, x[i], dx[i], full_dx[i]);
        if (gradient_overran)
            note(c, FAILURE_TAIL, (float)n, dx[n], CANARY);
    }
    if (activation_catalog[c->act].shape == SHAPE_GROUPS)
        return; /* its output is shorter than its input: no in-place form */
    memcpy(y, x, n_full * sizeof *y);
    run_forward(c, y, y, n_full);
    for (size_t i = 0; i < n_full; i++)
        if (!same_bits(y[i], full_y[i]))
            note(c, FAILURE_INPLACE, x[i], y[i], full_y[i]);
}

/* ---- thresholds --------------------------------------------------------- */

/* Value or gradient of the implementation at one x (whole vectors of that
 * x, so that the main loop, not the tail, computes it). */
static float computed_at(const struct checker *c, float x, bool gradient)
{
    enum { N = 256 };
    float xs[N], y[N], dx[N], dy[N];
    size_t n = 2 * c->impl->kernel->unroll;
    n = n < 32 ? 32 : n > N ? N : n;
    for (size_t i = 0; i < n; i++) {
        xs[i] = x;
        dy[i] = 1.0f;
    }
    run_forward(c, xs, y, n);
    if (!gradient)
        return y[0];
    run_gradient(c, xs, y, dy, dx, n);
    return dx[0];
}

static struct ref_point reference_at(const struct checker *c, float x, bool gradient)
{
    struct ref_point value, grad;
    float dy = 1.0f;
    activation_catalog[c->act].reference(&(struct ref_request){
        .params = c->p, .format = c->fmt, .x = &x, .dy = &dy, .n = 1, .value = &value,
        .gradient = gradient ? &grad : NULL});
    return gradient ? grad : value;
}

/*
 * First value u of the format in [1e-3, its largest] (as ordinals of
 * positive values, scaled by direction) where the predicate holds, assuming
 * it holds from there on; returns 0 when it does not hold at the largest.
 */
typedef bool (*float_predicate)(const struct checker *c, float x, const void *arg);

static uint32_t first_true(const struct checker *c, int direction, float_predicate pred,
                           const void *arg)
{
    uint32_t lo = ordinal_of(c, in_format(c, 1e-3f)), hi = ordinal_of(c, largest_finite(c));
    if (!pred(c, (float)direction * value_at(c, hi), arg))
        return 0;
    if (pred(c, (float)direction * value_at(c, lo), arg))
        return lo;
    while (hi - lo > 1) {
        uint32_t mid = lo + (hi - lo) / 2;
        if (pred(c, (float)direction * value_at(c, mid), arg))
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
        float limit = in_format(c, (float)props->saturation_limit);
        int d = props->saturation_direction;
        uint32_t got = first_true(c, d, computed_saturated, &limit);
        uint32_t want = first_true(c, d, reference_saturated, &limit);
        if (got && want) {
            row->has_saturation = true;
            row->saturation_x = (float)d * value_at(c, got);
            row->saturation_x_exact = (float)d * value_at(c, want);
        }
    }
    double smallest_normal = ldexp(1.0, format_catalog[c->fmt].emin);
    for (int side = -1; side <= 1 && impl_has_gradient(c->impl); side += 2) {
        if (props->flat_sides != 2 && props->flat_sides != side)
            continue;
        uint32_t u = first_true(c, side, computed_gradient_zero, NULL);
        if (!u)
            continue;
        float x = (float)side * value_at(c, u);
        struct ref_point truth = reference_at(c, x, true);
        if (fabsf(truth.rounded) < smallest_normal || isnan(truth.rounded))
            continue; /* the true gradient had underflowed too: no early death */
        if (!row->has_gradient_death || fabsf(x) < fabsf(row->gradient_death_x)) {
            row->has_gradient_death = true;
            row->gradient_death_x = x;
            row->gradient_death_true = truth.rounded;
        }
    }
}

/* Buffers of the lane, tail and in-place checks: at least CHECK_POINTS_MIN
 * and four main-loop iterations, a multiple of the row or group. */
static size_t checker_buffer_points(const struct checker *c)
{
    size_t n = 4 * (size_t)c->impl->kernel->unroll;
    n = n < CHECK_POINTS_MIN ? CHECK_POINTS_MIN : n > CHECK_POINTS_MAX ? CHECK_POINTS_MAX : n;
    return (n + c->multiple - 1) / c->multiple * c->multiple;
}

void properties_check(struct accuracy_row *row, const struct actbench_params *p, uint64_t seed)
{
    struct checker c = {
        .row = row,
        .impl = row->impl,
        .p = p,
        .act = row->impl->activation,
        .fmt = row->format,
        .seed = seed,
    };
    c.multiple = activation_input_multiple(c.act, p);
    c.group = activation_inputs_per_output(c.act, p);
    c.points = checker_buffer_points(&c);
    size_t n = c.points;
    float *buffers = malloc(7 * (n + 1) * sizeof *buffers);
    struct ref_point *refs = malloc(2 * n * sizeof *refs);
    if (!buffers || !refs) {
        free(buffers);
        free(refs);
        return;
    }
    float *a = buffers, *b = a + (n + 1), *d = b + (n + 1), *e = d + (n + 1), *f = e + (n + 1),
          *g = f + (n + 1), *h = g + (n + 1);
    check_symmetry(&c);
    check_monotonicity(&c);
    check_nan_propagation(&c, a, b, d, e, refs, refs + n);
    check_overflow(&c, a, b, d, e, refs, refs + n);
    check_lane_crosstalk(&c, a, b, d, e, f, g);
    check_tails_and_inplace(&c, a, b, d, e, f, h);
    find_thresholds(&c);
    free(buffers);
    free(refs);
}
