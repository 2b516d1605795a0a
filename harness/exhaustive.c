/* The exhaustive f32 path; see exhaustive.h. */
#define _GNU_SOURCE
#include "exhaustive.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "../impls/isa.h"
#include "catalog.h"
#include "exhaustive_stats.h"
#include "implementations.h"

const double stats_bounds[STATS_BOUNDS] = {0.5, 1.0, 2.0, 4.0, 16.0, 256.0, 65536.0, 0x1p24};

stats_block_function exhaustive_stats_scalar __attribute__((weak));
stats_block_function exhaustive_stats_avx2 __attribute__((weak));
stats_block_function exhaustive_stats_avx512f __attribute__((weak));

static stats_block_function *const stats_functions[FAST_ISA_COUNT] = {
    exhaustive_stats_scalar, exhaustive_stats_avx2, exhaustive_stats_avx512f};

stats_expect_function exhaustive_expect_scalar __attribute__((weak));
stats_expect_function exhaustive_expect_avx2 __attribute__((weak));
stats_expect_function exhaustive_expect_avx512f __attribute__((weak));

static stats_expect_function *const expect_functions[FAST_ISA_COUNT] = {
    exhaustive_expect_scalar, exhaustive_expect_avx2, exhaustive_expect_avx512f};

/* Candidates of one run recomputed with MPFR per round (those reaching
 * highest first), and rounds at most: the last one asks for every
 * candidate still able to beat its run's result, so that every maximum is
 * MPFR's (truncated_runs counts the runs MPFR could still not settle, for
 * want of memory). */
#define CANDIDATES_PER_ROUND 16
#define MAXIMUM_ROUNDS 64
/* Salt of the audit's choice of points. */
#define AUDIT_SALT UINT64_C(0xa0d17a0d17)

enum quantity { Q_VALUE, Q_GRADIENT, Q_DPARAM, Q_COMPANION, Q_COUNT };
static const char *const quantity_names[Q_COUNT] = {"value", "gradient", "parameter gradient",
                                                    "companion value"};
/* Value and companion are per output, the others per input. */
static bool per_output(int q)
{
    return q == Q_VALUE || q == Q_COMPANION;
}

int exhaustive_fast_isa(void)
{
    static const char *const names[FAST_ISA_COUNT] = {"scalar", "avx2", "avx512f"};
    for (int i = FAST_ISA_COUNT - 1; i >= 0; i--) {
        int isa = isa_by_name(names[i]);
        if (isa >= 0 && isa_supported(isa) && fast_classify_f32[i] && stats_functions[i])
            return i;
    }
    return -1;
}

bool exhaustive_available(enum activation_id act, int isa)
{
    if (isa < 0)
        return false;
    const struct fast_reference *f = activation_catalog[act].fast_reference;
    if (!f || !f->evaluate[isa])
        return false;
    enum activation_id companion = activation_companion(act);
    if (companion == ACT_COUNT)
        return true;
    const struct fast_reference *fc = activation_catalog[companion].fast_reference;
    return fc && fc->evaluate[isa];
}

void exhaustive_totals_pack(struct exhaustive_totals *t)
{
    for (size_t i = 0; i < t->failure_count; i++) {
        uintptr_t q = 0;
        for (int k = 0; k < Q_COUNT; k++)
            if (t->failures[i].quantity == quantity_names[k])
                q = (uintptr_t)k;
        t->failures[i].activation = NULL;
        t->failures[i].quantity = (const char *)q;
    }
}

void exhaustive_totals_unpack(struct exhaustive_totals *t, enum activation_id activation)
{
    for (size_t i = 0; i < t->failure_count; i++) {
        const uintptr_t q = (uintptr_t)t->failures[i].quantity;
        t->failures[i].activation = activation_catalog[activation].name;
        t->failures[i].quantity = quantity_names[q < Q_COUNT ? q : 0];
    }
}

/* The cost row of the implementation called name, added when new; NULL
 * when the table is full. */
static struct exhaustive_cost *cost_row(struct exhaustive_totals *t, const char *name)
{
    for (size_t i = 0; i < t->cost_count; i++)
        if (strcmp(t->costs[i].name, name) == 0)
            return &t->costs[i];
    if (t->cost_count == EXHAUSTIVE_COST_ROWS)
        return NULL;
    struct exhaustive_cost *k = &t->costs[t->cost_count++];
    snprintf(k->name, sizeof k->name, "%s", name);
    k->implementation_seconds = k->statistics_seconds = 0.0;
    return k;
}

void exhaustive_totals_add(struct exhaustive_totals *a, const struct exhaustive_totals *b)
{
    a->reference_seconds += b->reference_seconds;
    a->implementation_seconds += b->implementation_seconds;
    a->statistics_seconds += b->statistics_seconds;
    a->mpfr_seconds += b->mpfr_seconds;
    a->points += b->points;
    a->mpfr_points += b->mpfr_points;
    a->uncertain += b->uncertain;
    a->on_bound += b->on_bound;
    a->maximum_checks += b->maximum_checks;
    a->audited += b->audited;
    a->audit_failures += b->audit_failures;
    a->truncated_runs += b->truncated_runs;
    for (size_t i = 0; i < b->failure_count && a->failure_count < EXHAUSTIVE_AUDIT_EXAMPLES; i++)
        a->failures[a->failure_count++] = b->failures[i];
    for (size_t i = 0; i < b->cost_count; i++) {
        struct exhaustive_cost *into = cost_row(a, b->costs[i].name);
        if (into) {
            into->implementation_seconds += b->costs[i].implementation_seconds;
            into->statistics_seconds += b->costs[i].statistics_seconds;
        }
    }
}

void exhaustive_totals_print_costs(FILE *out, const struct exhaustive_totals *t)
{
    for (size_t i = 0; i < t->cost_count; i++) {
        const struct exhaustive_cost *k = &t->costs[i];
        fprintf(out, "actbench:   %s: %.1f thread-s (implementation %.1f s, statistics %.1f s)\n",
                k->name, k->implementation_seconds + k->statistics_seconds,
                k->implementation_seconds, k->statistics_seconds);
    }
}

/* Seconds on the monotonic clock: the time a thread spends in each part
 * (read through the vDSO, cheap enough to take per block and kernel). */
static double thread_seconds(void)
{
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    return (double)t.tv_sec + 1e-9 * (double)t.tv_nsec;
}

/* ------------------------------------------------------------------ */
/* Growing arrays                                                      */
/* ------------------------------------------------------------------ */

static int grow(void **items, size_t *capacity, size_t needed, size_t size)
{
    if (needed <= *capacity)
        return 0;
    size_t c = *capacity ? *capacity : 16;
    while (c < needed)
        c *= 2;
    void *p = realloc(*items, c * size);
    if (!p)
        return -1;
    *items = p;
    *capacity = c;
    return 0;
}

/* ------------------------------------------------------------------ */
/* State of a chunk                                                    */
/* ------------------------------------------------------------------ */

/* A point that may hold its run's largest error. */
struct candidate {
    uint64_t index; /* in its quantity's space: output or input index in the plan */
    float input, got, want;
    uint32_t row_class;   /* a value's row_class() for its translated twins, 0: none */
    double figure, width; /* width 0 once the figure is MPFR's (or exact) */
    bool requested;       /* asked of the current MPFR batch */
};

struct run_max {
    bool has_best, has_exact;
    struct candidate best;  /* largest determined fast figure, first on ties */
    struct candidate exact; /* largest figure of the points MPFR settled */
    struct candidate *fuzzy;
    size_t fuzzy_count, fuzzy_capacity;
    bool has_result;
    struct candidate result;
};

/* Points of a chunk, in one space (inputs or outputs), sharing profile bins. */
struct chunk_run {
    uint64_t begin, end; /* indices in the plan's space */
    int binade_bin, x_bin;
    bool range10;
};

struct quantity_state {
    bool measured;
    uint64_t count, exceed[STATS_BOUNDS], special_failures;
    double lane_sum[STATS_LANES];
    double *floors;
    uint64_t *run_counts;
    struct run_max *runs;
};

struct example {
    uint64_t key, index;
    float input, got, want;
    int quantity;      /* for a want still to come from MPFR */
    bool want_pending;
};

struct example_list {
    uint64_t total;
    size_t count;
    struct example e[FAILURE_EXAMPLES_PER_CATEGORY];
};

struct deferred {
    uint64_t index;
    uint32_t kernel;
    uint8_t quantity;
    float input, got;
};

struct audit_entry {
    uint64_t index;
    uint8_t quantity;
    bool nan, exact_zero, infinite;
    float input, rounded;
    double tail, tail_error, inverse_ulp;
};

/* A value candidate's class among translated twins (keep_first_twins). */
struct twin_key {
    uint64_t index;
    size_t slot;          /* in the run's candidates */
    uint32_t row_class;   /* row_class() of its row, 0: none */
    uint32_t position;    /* in its row */
    uint32_t got, want;   /* encodings */
    uint64_t figure, width;
};

struct exhaustive_scratch {
    size_t impl_count;
    float *x, *dy, *y, *dx, *dparam;
    double *figures, *widths; /* the statistics' second pass */
    void *pending;            /* the statistics' rare lanes */
    struct stats_matched *matched[Q_COUNT]; /* the statistics of results equal to the rounded reference */
    double *q_hi[Q_COUNT], *q_lo[Q_COUNT], *q_err[Q_COUNT];
    struct fast_points fp[Q_COUNT];
    uint8_t *deferred_bits[Q_COUNT];
    /* the value's repeats (stats_block.repeats) of a shift-invariant
     * activation's rows of row_length (0: none) */
    uint8_t *repeats;
    size_t row_length;
    struct twin_key *twins; /* the candidates of a run, by class */
    size_t twin_capacity;
    struct quantity_state *qs; /* [impl][Q_COUNT] */
    struct example_list *examples; /* [impl][FAILURE_CATEGORY_COUNT] */
    /* runs of the chunk: [0] inputs, [1] outputs */
    struct chunk_run *runs[2];
    size_t run_count[2], run_capacity[2];
    size_t state_runs; /* runs the quantity states are sized for */
    struct stats_run *block_runs;
    size_t block_run_capacity;
    struct deferred *deferred;
    size_t deferred_count, deferred_capacity;
    struct audit_entry *audits;
    size_t audit_count, audit_capacity;
    uint64_t *units;
    size_t unit_count, unit_capacity;
    /* the MPFR batch */
    float *bx, *bdy;
    struct ref_point *bvalue, *bgradient, *bdparam, *bcompanion;
    size_t batch_capacity;
    /* event context */
    const struct exhaustive_context *c;
    size_t kernel;
    int quantity;
    uint64_t block_first[2]; /* plan index of the block's point 0: inputs, outputs */
    size_t block_n;          /* the block's inputs */
    uint64_t chunk_first[2];
    size_t group;            /* inputs per output */
    uint64_t on_bound;       /* figures on a histogram bound this chunk */
};

static void *alloc_array(size_t count, size_t size)
{
    return calloc(count ? count : 1, size);
}

void exhaustive_scratch_free(struct exhaustive_scratch *s)
{
    if (!s)
        return;
    free(s->x);
    free(s->dy);
    free(s->y);
    free(s->dx);
    free(s->dparam);
    free(s->figures);
    free(s->widths);
    free(s->pending);
    for (int q = 0; q < Q_COUNT; q++) {
        free(s->matched[q]);
        free(s->q_hi[q]);
        free(s->q_lo[q]);
        free(s->q_err[q]);
        free(s->fp[q].rounded);
        free(s->fp[q].tail);
        free(s->fp[q].tail_error);
        free(s->fp[q].inverse_ulp);
        free(s->fp[q].uncertain);
        free(s->fp[q].nan);
        free(s->fp[q].infinite);
        free(s->fp[q].exact_zero);
        free(s->fp[q].exact);
        free(s->fp[q].special);
        free(s->deferred_bits[q]);
    }
    if (s->qs) {
        for (size_t i = 0; i < s->impl_count * Q_COUNT; i++) {
            struct quantity_state *st = &s->qs[i];
            if (st->runs)
                for (size_t r = 0; r < s->state_runs; r++)
                    free(st->runs[r].fuzzy);
            free(st->runs);
            free(st->floors);
            free(st->run_counts);
        }
    }
    free(s->repeats);
    free(s->twins);
    free(s->qs);
    free(s->examples);
    free(s->runs[0]);
    free(s->runs[1]);
    free(s->block_runs);
    free(s->deferred);
    free(s->audits);
    free(s->units);
    free(s->bx);
    free(s->bdy);
    free(s->bvalue);
    free(s->bgradient);
    free(s->bdparam);
    free(s->bcompanion);
    free(s);
}

struct exhaustive_scratch *exhaustive_scratch_new(const struct exhaustive_context *c)
{
    struct exhaustive_scratch *s = calloc(1, sizeof *s);
    if (!s)
        return NULL;
    /* every array may be read 8 entries past a block (exhaustive_stats_body.h) */
    const size_t n = EXHAUSTIVE_BLOCK_POINTS + 16, bytes = n / 8 + 2;
    s->impl_count = c->impl_count;
    s->x = alloc_array(n, sizeof *s->x);
    s->dy = alloc_array(n, sizeof *s->dy);
    s->y = alloc_array(n, sizeof *s->y);
    s->dx = alloc_array(n, sizeof *s->dx);
    s->dparam = alloc_array(n, sizeof *s->dparam);
    s->figures = alloc_array(n, sizeof *s->figures);
    s->widths = alloc_array(n, sizeof *s->widths);
    /* struct stats_pending is 8 bytes (exhaustive_stats_body.h); one per
     * vector of a run, 4 points on AVX2, 1 on the scalar statistics */
    s->pending = alloc_array(n + 4, 8);
    bool ok = s->x && s->dy && s->y && s->dx && s->dparam && s->figures && s->widths && s->pending;
    for (int q = 0; q < Q_COUNT && ok; q++) {
        s->q_hi[q] = alloc_array(n, sizeof(double));
        s->matched[q] = alloc_array(n, STATS_MATCHED_BYTES_PER_POINT);
        ok = ok && s->matched[q];
        s->q_lo[q] = alloc_array(n, sizeof(double));
        s->q_err[q] = alloc_array(n, sizeof(double));
        s->fp[q].rounded = alloc_array(n, sizeof(float));
        s->fp[q].tail = alloc_array(n, sizeof(double));
        s->fp[q].tail_error = alloc_array(n, sizeof(double));
        s->fp[q].inverse_ulp = alloc_array(n, sizeof(double));
        s->fp[q].uncertain = alloc_array(bytes, 1);
        s->fp[q].nan = alloc_array(bytes, 1);
        s->fp[q].infinite = alloc_array(bytes, 1);
        s->fp[q].exact_zero = alloc_array(bytes, 1);
        s->fp[q].exact = alloc_array(bytes, 1);
        s->fp[q].special = alloc_array(bytes, 1);
        s->deferred_bits[q] = alloc_array(bytes, 1);
        ok = s->q_hi[q] && s->q_lo[q] && s->q_err[q] && s->fp[q].rounded && s->fp[q].tail &&
             s->fp[q].tail_error && s->fp[q].inverse_ulp && s->fp[q].uncertain && s->fp[q].nan &&
             s->fp[q].infinite && s->fp[q].exact_zero && s->fp[q].exact && s->fp[q].special &&
             s->deferred_bits[q];
    }
    if (activation_catalog[c->activation].fast_reference &&
        activation_catalog[c->activation].fast_reference->shift_invariant &&
        activation_inputs_per_output(c->activation, c->params) == 1) {
        s->row_length = activation_input_multiple(c->activation, c->params);
        s->repeats = alloc_array(bytes, 1);
        ok = ok && s->repeats;
    }
    s->qs = ok ? alloc_array(c->impl_count * Q_COUNT, sizeof *s->qs) : NULL;
    s->examples = ok ? alloc_array(c->impl_count * FAILURE_CATEGORY_COUNT, sizeof *s->examples) : NULL;
    if (!s->qs || !s->examples) {
        exhaustive_scratch_free(s);
        return NULL;
    }
    return s;
}

/* Size every quantity state for runs runs (inputs and outputs). */
static int size_states(struct exhaustive_scratch *s, size_t runs)
{
    if (runs <= s->state_runs)
        return 0;
    for (size_t i = 0; i < s->impl_count * Q_COUNT; i++) {
        struct quantity_state *st = &s->qs[i];
        double *floors = realloc(st->floors, runs * sizeof *floors);
        if (floors)
            st->floors = floors;
        uint64_t *counts = realloc(st->run_counts, runs * sizeof *counts);
        if (counts)
            st->run_counts = counts;
        struct run_max *rm = realloc(st->runs, runs * sizeof *rm);
        if (rm) {
            memset(rm + s->state_runs, 0, (runs - s->state_runs) * sizeof *rm);
            st->runs = rm;
        }
        if (!floors || !counts || !rm)
            return -1;
    }
    s->state_runs = runs;
    return 0;
}

/* ------------------------------------------------------------------ */
/* Runs                                                                */
/* ------------------------------------------------------------------ */

static float input_at(const struct input_plan *plan, uint64_t i)
{
    float x;
    input_generate(plan, i, 1, &x, NULL);
    return x;
}

/* The profile bins and range flag of an input (accuracy.c's profile_add
 * and error_stats_add decide with the same tests). */
static struct chunk_run run_of(float x)
{
    struct chunk_run r = {.binade_bin = -1, .x_bin = -1, .range10 = fabsf(x) <= 10.0f};
    if (isfinite(x)) {
        if (x >= -10.0f && x < 10.0f) {
            int bin = (int)floor((x - PROFILE_X_LO) / PROFILE_X_WIDTH);
            if (bin >= 0 && bin < PROFILE_X_BINS)
                r.x_bin = bin;
        }
        if (x != 0.0f)
            r.binade_bin = profile_binade_bin(x);
    }
    return r;
}

static bool same_run(struct chunk_run a, struct chunk_run b)
{
    return a.binade_bin == b.binade_bin && a.x_bin == b.x_bin && a.range10 == b.range10;
}

/* The input behind output o (the first of its group). */
static float output_input(const struct exhaustive_scratch *s, const struct input_plan *plan,
                          uint64_t o)
{
    return input_at(plan, o * s->group);
}

/*
 * The runs of [first, end) in one space (the inputs of a chunk are
 * consecutive floats, so a run's bins hold on a contiguous stretch): the
 * first point where the bins change is found by bisection.
 */
static int find_runs(struct exhaustive_scratch *s, const struct input_plan *plan, int space,
                     uint64_t first, uint64_t end)
{
    s->run_count[space] = 0;
    uint64_t begin = first;
    while (begin < end) {
        float xb = space ? output_input(s, plan, begin) : input_at(plan, begin);
        struct chunk_run r = run_of(xb);
        uint64_t lo = begin, hi = end; /* the run holds lo; hi is past it or end */
        float xl = space ? output_input(s, plan, end - 1) : input_at(plan, end - 1);
        if (same_run(run_of(xl), r)) {
            lo = end - 1;
        } else {
            hi = end - 1;
            while (hi - lo > 1) {
                uint64_t mid = lo + (hi - lo) / 2;
                float xm = space ? output_input(s, plan, mid) : input_at(plan, mid);
                if (same_run(run_of(xm), r))
                    lo = mid;
                else
                    hi = mid;
            }
        }
        if (grow((void **)&s->runs[space], &s->run_capacity[space], s->run_count[space] + 1,
                 sizeof *s->runs[space]))
            return -1;
        r.begin = begin;
        r.end = lo + 1;
        s->runs[space][s->run_count[space]++] = r;
        begin = lo + 1;
    }
    return 0;
}

/* The run of index i in a space (the runs are sorted). */
static size_t run_index(const struct exhaustive_scratch *s, int space, uint64_t i)
{
    size_t lo = 0, hi = s->run_count[space];
    while (hi - lo > 1) {
        size_t mid = (lo + hi) / 2;
        if (s->runs[space][mid].begin <= i)
            lo = mid;
        else
            hi = mid;
    }
    return lo;
}

/*
 * The inputs [first, first + n) of a block: input_generate's, written
 * here as whole-block loops where they are consecutive encodings (the
 * exhaustive part of f32; ranged, keys of one sign) and left to it
 * otherwise.
 */
static void block_inputs(const struct input_plan *plan, uint64_t first, size_t n, float *x)
{
    const uint64_t part = plan->part_start[PART_EXHAUSTIVE];
    if (plan->format != FMT_F32 || n == 0 || first < part ||
        first + n > part + plan->part_count[PART_EXHAUSTIVE]) {
        input_generate(plan, first, n, x, NULL);
        return;
    }
    const uint64_t k = first - part;
    const int64_t key = plan->ranged ? plan->range_first + (int64_t)k : 0;
    uint32_t bits;
    if (!plan->ranged || key >= 0) {
        /* encodings k, k + 1, ... (keys of positive values) */
        bits = plan->ranged ? (uint32_t)key : (uint32_t)k;
        for (size_t j = 0; j < n; j++) {
            const uint32_t u = bits + (uint32_t)j;
            memcpy(&x[j], &u, sizeof u);
        }
    } else if (key + (int64_t)n <= 0) {
        /* negative keys: the sign and -(key + 1), decreasing */
        bits = input_bits_of_key(key);
        for (size_t j = 0; j < n; j++) {
            const uint32_t u = bits - (uint32_t)j;
            memcpy(&x[j], &u, sizeof u);
        }
    } else
        input_generate(plan, first, n, x, NULL);
}

/* ------------------------------------------------------------------ */
/* Translated rows                                                     */
/* ------------------------------------------------------------------ */

/*
 * Rows of a shift-invariant activation (fast_reference.shift_invariant)
 * whose entries differ by the same amounts have the same exact value, so
 * an output whose result is also the same has the same exact error: of
 * all such twins in a run only the first can be its maximum (the earlier
 * input wins an exact tie).  Rows are known to be such when every entry
 * of both has one sign and exponent field (not inf or NaN), the same for
 * both rows, so that both have one ulp, and the encodings of entry j and
 * entry 0 differ by the same integer in both: x'_j - x'_0 = x_j - x_0
 * exactly.  Within a binade every row of consecutive floats is such a
 * translate of every other (x_j = x_0 + j ulp), whatever its magnitude.
 *
 * Twins are left out twice: within a block, the statistics skip a point
 * whose result is that of an earlier twin of its run (mark_repeats gives
 * them the translated rows), and at the end of a chunk keep_first_twins
 * keeps the first of each class of a run's remaining candidates (rows of
 * one row_class).  Only the first twin of a run reaches MPFR.
 *
 * The head of a row: its entries' common sign and exponent field, or
 * ROW_NO_HEAD when they have none.
 */
#define ROW_NO_HEAD UINT32_MAX

static uint32_t float_bits(float x)
{
    uint32_t u;
    memcpy(&u, &x, sizeof u);
    return u;
}

static uint32_t row_head(const float *x, size_t length)
{
    const uint32_t head = float_bits(x[0]) >> 23;
    if ((head & 0xffu) == 0xffu)
        return ROW_NO_HEAD;
    for (size_t j = 1; j < length; j++)
        if (float_bits(x[j]) >> 23 != head)
            return ROW_NO_HEAD;
    return head;
}

/*
 * The class of a row of consecutive encodings (as the exhaustive part's
 * rows are): its head and whether the encodings rise or fall by one from
 * entry to entry; any two rows of one class are translates.  0: the row
 * is of no class.
 */
static uint32_t row_class(const float *x, size_t length)
{
    const uint32_t head = row_head(x, length), x0 = float_bits(x[0]);
    if (head == ROW_NO_HEAD)
        return 0;
    bool rising = true, falling = true;
    for (size_t j = 1; j < length; j++) {
        rising = rising && float_bits(x[j]) - x0 == (uint32_t)j;
        falling = falling && x0 - float_bits(x[j]) == (uint32_t)j;
    }
    return rising ? head << 2 | 1u : falling ? head << 2 | 2u : 0;
}

/* Whether rows a and b are translates of each other, as above. */
static bool row_translates(const float *a, const float *b, size_t length)
{
    const uint32_t head = row_head(a, length);
    if (head == ROW_NO_HEAD || row_head(b, length) != head)
        return false;
    const uint32_t a0 = float_bits(a[0]), b0 = float_bits(b[0]);
    for (size_t j = 1; j < length; j++)
        if (float_bits(a[j]) - a0 != float_bits(b[j]) - b0)
            return false;
    return true;
}

/* ------------------------------------------------------------------ */
/* Events of the statistics                                            */
/* ------------------------------------------------------------------ */

static enum failure_category category_of(int q)
{
    switch (q) {
    case Q_VALUE: return FAILURE_VALUE_SPECIAL;
    case Q_GRADIENT:
    case Q_DPARAM: return FAILURE_GRADIENT_SPECIAL;
    default: return FAILURE_CATEGORY_COUNT;
    }
}

/* The order of a failure in the ordinary path: by point, a gradient before
 * the parameter gradient of the same input. */
static uint64_t example_key(int q, uint64_t index)
{
    return index * 2 + (q == Q_DPARAM);
}

/* Keep the examples of the smallest keys (the first in input order). */
static void note_example(struct example_list *list, struct example e)
{
    list->total++;
    size_t n = list->count;
    if (n == FAILURE_EXAMPLES_PER_CATEGORY && e.key >= list->e[n - 1].key)
        return;
    size_t at = n < FAILURE_EXAMPLES_PER_CATEGORY ? n : n - 1;
    while (at > 0 && list->e[at - 1].key > e.key) {
        if (at < FAILURE_EXAMPLES_PER_CATEGORY)
            list->e[at] = list->e[at - 1];
        at--;
    }
    list->e[at] = e;
    if (n < FAILURE_EXAMPLES_PER_CATEGORY)
        list->count++;
}

/* A figure within STATS_DETERMINED is ranked as exact (its printed value
 * still comes from MPFR when its width is not zero). */
static double ranking_width(const struct candidate *c)
{
    return c->width <= STATS_DETERMINED ? 0.0 : c->width;
}

static void offer_candidate(struct run_max *rm, double *floor, const struct candidate *c)
{
    double lo = c->figure - ranking_width(c);
    if (lo > *floor)
        *floor = lo;
    if (ranking_width(c) == 0.0) {
        if (!rm->has_best || c->figure > rm->best.figure) {
            rm->best = *c;
            rm->has_best = true;
        }
        return;
    }
    if (rm->fuzzy_count == rm->fuzzy_capacity && rm->fuzzy_count >= 256) {
        /* drop what the floor has passed */
        size_t k = 0;
        for (size_t i = 0; i < rm->fuzzy_count; i++)
            if (rm->fuzzy[i].figure + ranking_width(&rm->fuzzy[i]) >= *floor)
                rm->fuzzy[k++] = rm->fuzzy[i];
        rm->fuzzy_count = k;
    }
    if (grow((void **)&rm->fuzzy, &rm->fuzzy_capacity, rm->fuzzy_count + 1, sizeof *rm->fuzzy))
        return; /* out of memory: the candidate is lost, the figure stays a bound */
    rm->fuzzy[rm->fuzzy_count++] = *c;
}

static void on_event(void *context, enum stats_event what, size_t point, size_t run, float got,
                     double figure, double width)
{
    struct exhaustive_scratch *s = context;
    const int q = s->quantity, space = per_output(q);
    struct quantity_state *st = &s->qs[s->kernel * Q_COUNT + (size_t)q];
    const uint64_t index = s->block_first[space] + point;
    const float input = space ? s->x[point * s->group] : s->x[point];
    const bool deferred = fast_bit(s->deferred_bits[q], point);
    switch (what) {
    case STATS_MISMATCH: {
        st->special_failures++;
        enum failure_category cat = category_of(q);
        if (cat < FAILURE_CATEGORY_COUNT)
            note_example(&s->examples[s->kernel * FAILURE_CATEGORY_COUNT + cat],
                         (struct example){.key = example_key(q, index), .index = index,
                                          .input = input, .got = got,
                                          .want = s->fp[q].rounded[point], .quantity = q});
        break;
    }
    case STATS_OUT_OF_RANGE:
        note_example(&s->examples[s->kernel * FAILURE_CATEGORY_COUNT + FAILURE_RANGE],
                     (struct example){.key = index, .index = index, .input = input, .got = got,
                                      .want = s->fp[q].rounded[point], .quantity = q,
                                      .want_pending = deferred});
        break;
    case STATS_DEFERRED:
        s->on_bound += !deferred; /* not certified or audited: on a bound */
        if (grow((void **)&s->deferred, &s->deferred_capacity, s->deferred_count + 1,
                 sizeof *s->deferred) == 0)
            s->deferred[s->deferred_count++] = (struct deferred){
                .index = index, .kernel = (uint32_t)s->kernel, .quantity = (uint8_t)q,
                .input = input, .got = got};
        break;
    case STATS_CANDIDATE: {
        struct candidate c = {.index = index, .input = input, .got = got,
                              .want = s->fp[q].rounded[point], .figure = figure, .width = width};
        if (s->repeats && q == Q_VALUE) {
            /* the row of the point, when it lies within the block */
            const size_t length = s->row_length, row = point - (size_t)(index % length);
            if (point >= index % length && row + length <= s->block_n)
                c.row_class = row_class(s->x + row, length);
        }
        offer_candidate(&st->runs[run], &st->floors[run], &c);
        break;
    }
    }
}

/* ------------------------------------------------------------------ */
/* The MPFR batch                                                      */
/* ------------------------------------------------------------------ */

/* Inputs per unit of MPFR work (a row, a group, a point) and outputs.
 * With per-channel parameters (prelu: element i belongs to channel i mod
 * C, counted from the start of each call) a unit is a whole number of
 * channel cycles, so that its points sit in the batch at the channels they
 * have in the block the implementations and the fast reference see (the
 * blocks start at multiples of C). */
static size_t unit_inputs(const struct exhaustive_context *c)
{
    size_t m = activation_input_multiple(c->activation, c->params);
    const size_t channels = c->params->channels > 1 ? (size_t)c->params->channels : 1;
    size_t a = m, b = channels;
    while (b) {
        size_t t = a % b;
        a = b;
        b = t;
    }
    return m / a * channels; /* lcm(m, channels) */
}

static size_t unit_outputs(const struct exhaustive_context *c)
{
    return unit_inputs(c) / activation_inputs_per_output(c->activation, c->params);
}

static uint64_t unit_of(const struct exhaustive_context *c, int q, uint64_t index)
{
    return per_output(q) ? index / unit_outputs(c) : index / unit_inputs(c);
}

static int need_unit(struct exhaustive_scratch *s, uint64_t unit)
{
    if (grow((void **)&s->units, &s->unit_capacity, s->unit_count + 1, sizeof *s->units))
        return -1;
    s->units[s->unit_count++] = unit;
    return 0;
}

static int compare_u64(const void *a, const void *b)
{
    uint64_t x = *(const uint64_t *)a, y = *(const uint64_t *)b;
    return x < y ? -1 : x > y;
}

/* Compute every unit asked for with MPFR (sorted, each once). */
static int run_batch(const struct exhaustive_context *c, struct exhaustive_scratch *s,
                     struct ref_stats *stats)
{
    qsort(s->units, s->unit_count, sizeof *s->units, compare_u64);
    size_t k = 0;
    for (size_t i = 0; i < s->unit_count; i++)
        if (k == 0 || s->units[i] != s->units[k - 1])
            s->units[k++] = s->units[i];
    s->unit_count = k;
    if (k == 0)
        return 0;
    const size_t li = unit_inputs(c), lo = unit_outputs(c);
    const size_t n = k * li;
    if (n > s->batch_capacity) {
        size_t cap = n * 2;
        float *bx = realloc(s->bx, cap * sizeof *bx);
        if (bx)
            s->bx = bx;
        float *bdy = realloc(s->bdy, cap * sizeof *bdy);
        if (bdy)
            s->bdy = bdy;
        struct ref_point *p[4];
        struct ref_point **fields[4] = {&s->bvalue, &s->bgradient, &s->bdparam, &s->bcompanion};
        bool ok = bx && bdy;
        for (int f = 0; f < 4; f++) {
            p[f] = realloc(*fields[f], cap * sizeof **fields[f]);
            if (p[f])
                *fields[f] = p[f];
            ok = ok && p[f];
        }
        if (!ok)
            return -1;
        s->batch_capacity = cap;
    }
    const struct activation_info *info = &activation_catalog[c->activation];
    for (size_t u = 0; u < k; u++) {
        input_generate(c->plan, s->units[u] * li, li, s->bx + u * li, NULL);
        for (size_t o = 0; o < lo; o++)
            s->bdy[u * lo + o] = format_round(
                FMT_F32, input_upstream_gradient(c->activation, c->plan->seed, s->units[u] * lo + o));
    }
    info->reference(&(struct ref_request){
        .params = c->params, .format = FMT_F32, .x = s->bx, .dy = s->bdy, .n = n,
        .value = s->bvalue, .gradient = s->bgradient,
        .dparam = info->param_gradient ? s->bdparam : NULL, .stats = stats});
    enum activation_id companion = activation_companion(c->activation);
    if (companion != ACT_COUNT)
        activation_catalog[companion].reference(&(struct ref_request){
            .params = c->params, .format = FMT_F32, .x = s->bx, .n = n, .value = s->bcompanion,
            .stats = stats});
    return 0;
}

/* The MPFR point of quantity q at index (its unit must be in the batch). */
static const struct ref_point *batch_point(const struct exhaustive_context *c,
                                           const struct exhaustive_scratch *s, int q, uint64_t index)
{
    const uint64_t unit = unit_of(c, q, index);
    size_t lo = 0, hi = s->unit_count;
    while (hi - lo > 1) {
        size_t mid = (lo + hi) / 2;
        if (s->units[mid] <= unit)
            lo = mid;
        else
            hi = mid;
    }
    if (s->unit_count == 0 || s->units[lo] != unit)
        return NULL;
    const size_t per = per_output(q) ? unit_outputs(c) : unit_inputs(c);
    const size_t at = lo * per + (size_t)(index - unit * per);
    switch (q) {
    case Q_VALUE: return &s->bvalue[at];
    case Q_GRADIENT: return &s->bgradient[at];
    case Q_DPARAM: return &s->bdparam[at];
    default: return &s->bcompanion[at];
    }
}

/* ------------------------------------------------------------------ */
/* The audit                                                           */
/* ------------------------------------------------------------------ */

/*
 * A fast point agrees with MPFR's when both round to the same value (NaN
 * to NaN, zeros with their sign), agree on an exact zero, and MPFR's value
 * lies within the fast point's bound (widened by MPFR's own tail accuracy
 * 2^-30 ulp).  The values are compared as tail * ulp, which also covers a
 * value within a hair of a power of two whose ulp MPFR took from the other
 * side.  The one exception to the sign of a zero: a value that is not
 * exactly zero, rounds to zero and whose fast bound contains zero has no
 * known sign (each reference takes that of its own estimate, and no figure
 * looks at the sign of a zero that is not exact: ref_special_failure), so
 * its zeros agree whatever their signs; MPFR's value must still lie within
 * the bound.
 */
/* A fast zero and MPFR's zero of a value that is not exactly zero: the
 * same rounding whatever their signs (the caller knows the fast value
 * was not an exact zero). */
static bool inexact_zeros(float fast_rounded, const struct ref_point *m)
{
    return fast_rounded == 0.0f && m->rounded == 0.0f && !(m->flags & REF_EXACT);
}

static bool audit_agrees(const struct audit_entry *a, const struct ref_point *m)
{
    const bool mnan = isnan(m->rounded) || (m->flags & REF_NAN);
    if (a->nan || mnan)
        return a->nan && mnan;
    const bool unsigned_zero = !a->exact_zero && inexact_zeros(a->rounded, m) && fabs(a->tail) <= a->tail_error;
    if (memcmp(&a->rounded, &m->rounded, sizeof a->rounded) != 0 && !unsigned_zero)
        return false;
    if (a->rounded == 0.0f && a->exact_zero != ((m->flags & REF_EXACT) != 0))
        return false;
    if (isinf(a->rounded))
        return true;
    const double ulp_fast = 1.0 / a->inverse_ulp, ulp_mpfr = ldexp(1.0, m->ulp_exponent);
    const double fast = a->tail * ulp_fast, mpfr = m->tail * ulp_mpfr;
    const double allowed = a->tail_error * ulp_fast + 0x1p-29 * ulp_mpfr +
                           0x1p-50 * (fabs(fast) + fabs(mpfr));
    return fabs(fast - mpfr) <= allowed;
}

static void audit_failed(const struct exhaustive_context *c, struct exhaustive_totals *totals,
                         const struct audit_entry *a, const struct ref_point *m)
{
    totals->audit_failures++;
    if (totals->failure_count >= EXHAUSTIVE_AUDIT_EXAMPLES)
        return;
    totals->failures[totals->failure_count++] = (struct audit_failure){
        .activation = activation_catalog[c->activation].name,
        .quantity = quantity_names[a->quantity],
        .input = a->input,
        .fast_rounded = a->rounded,
        .mpfr_rounded = m->rounded,
        .fast_tail = a->tail,
        .fast_tail_error = a->tail_error,
        .mpfr_tail = m->tail,
        .fast_ulp_exponent = a->inverse_ulp > 0 ? -ilogb(a->inverse_ulp) : 0,
        .mpfr_ulp_exponent = m->ulp_exponent,
    };
}

static struct audit_entry audit_entry_of(const struct fast_points *fp, size_t i, int q,
                                         uint64_t index, float input)
{
    return (struct audit_entry){
        .index = index, .quantity = (uint8_t)q, .nan = fast_bit(fp->nan, i),
        .exact_zero = fast_bit(fp->exact_zero, i), .infinite = fast_bit(fp->infinite, i),
        .input = input, .rounded = fp->rounded[i], .tail = fp->tail[i],
        .tail_error = fp->tail_error[i], .inverse_ulp = fp->inverse_ulp[i]};
}

/*
 * The repeats of the block's value: point i whose row is a translate of
 * the row before and whose reference data (rounded value, tail, its
 * bound, ulp) equal those of point i - row_length bit for bit, neither
 * special nor left to MPFR.  With equal results two points of such a
 * chain have the same figure and width and the same exact error: the
 * statistics hand over only the earlier one.
 */
static void mark_repeats(struct exhaustive_scratch *s, size_t n)
{
    const size_t length = s->row_length;
    memset(s->repeats, 0, (n + 7) / 8);
    const struct fast_points *fp = &s->fp[Q_VALUE];
    const uint8_t *deferred = s->deferred_bits[Q_VALUE]; /* the uncertain points too */
    /* the first row that starts within the block, and the one after it */
    const size_t first = (size_t)((length - s->block_first[1] % length) % length);
    for (size_t r = first + length; r + length <= n; r += length) {
        if (!row_translates(s->x + r - length, s->x + r, length))
            continue;
        const size_t t0 = r - length;
        /* the whole rows' data at once where they agree (nearly always) */
        const bool same_rows =
            memcmp(&fp->rounded[r], &fp->rounded[t0], length * sizeof *fp->rounded) == 0 &&
            memcmp(&fp->tail[r], &fp->tail[t0], length * sizeof *fp->tail) == 0 &&
            memcmp(&fp->tail_error[r], &fp->tail_error[t0], length * sizeof *fp->tail_error) == 0 &&
            memcmp(&fp->inverse_ulp[r], &fp->inverse_ulp[t0], length * sizeof *fp->inverse_ulp) == 0;
        if (same_rows && r % 8 == 0 && length % 8 == 0) {
            /* whole bytes of the bit sets: none special or deferred */
            uint8_t any = 0;
            for (size_t k = t0 / 8; k < (r + length) / 8; k++)
                any |= fp->special[k] | deferred[k];
            if (!any) {
                memset(s->repeats + r / 8, 0xff, length / 8);
                continue;
            }
        }
        for (size_t i = r; i < r + length; i++) {
            const size_t t = i - length;
            if (fast_bit(fp->special, i) || fast_bit(fp->special, t) || fast_bit(deferred, i) ||
                fast_bit(deferred, t))
                continue;
            if (!same_rows &&
                (memcmp(&fp->rounded[i], &fp->rounded[t], sizeof *fp->rounded) != 0 ||
                 memcmp(&fp->tail[i], &fp->tail[t], sizeof *fp->tail) != 0 ||
                 memcmp(&fp->tail_error[i], &fp->tail_error[t], sizeof *fp->tail_error) != 0 ||
                 memcmp(&fp->inverse_ulp[i], &fp->inverse_ulp[t], sizeof *fp->inverse_ulp) != 0))
                continue;
            s->repeats[i / 8] = (uint8_t)(s->repeats[i / 8] | (1u << (i % 8)));
        }
    }
}

/* ------------------------------------------------------------------ */
/* A block                                                             */
/* ------------------------------------------------------------------ */

struct block_plan {
    bool want[Q_COUNT];
    size_t n[Q_COUNT]; /* points of each quantity in the block */
};

/* Ask for the unit of every point of quantity q whose bit is set in the
 * block's bit set (n points), in the order of the points: 64 bits at a
 * time, the few set ones found by their count of trailing zeros. */
static int need_set_units(const struct exhaustive_context *c, struct exhaustive_scratch *s, int q,
                          const uint8_t *set, size_t n)
{
    const uint64_t first = s->block_first[per_output(q)];
    for (size_t w = 0; w < n; w += 64) {
        uint64_t bits = 0;
        const size_t bytes = (n - w + 7) / 8 < 8 ? (n - w + 7) / 8 : 8;
        for (size_t k = 0; k < bytes; k++) /* point w + j is bit j */
            bits |= (uint64_t)set[w / 8 + k] << (8 * k);
        if (n - w < 64)
            bits &= (UINT64_C(1) << (n - w)) - 1u;
        while (bits) {
            const size_t i = w + (size_t)__builtin_ctzll(bits);
            bits &= bits - 1u;
            if (need_unit(s, unit_of(c, q, first + i)))
                return -1;
        }
    }
    return 0;
}

/* The fast references of a block and their classification; points that
 * are uncertain or audited are marked deferred. */
static int block_reference(const struct exhaustive_context *c, struct exhaustive_scratch *s,
                           size_t nb, const struct block_plan *bp, struct exhaustive_totals *totals)
{
    const struct activation_info *info = &activation_catalog[c->activation];
    struct fast_quantity fq[Q_COUNT];
    for (int q = 0; q < Q_COUNT; q++)
        fq[q] = (struct fast_quantity){bp->want[q] ? s->q_hi[q] : NULL, s->q_lo[q], s->q_err[q]};
    info->fast_reference->evaluate[c->isa](&(struct fast_request){
        .params = c->params, .x = s->x, .dy = s->dy, .n = nb, .value = fq[Q_VALUE],
        .gradient = fq[Q_GRADIENT], .dparam = fq[Q_DPARAM]});
    if (bp->want[Q_COMPANION])
        activation_catalog[activation_companion(c->activation)].fast_reference->evaluate[c->isa](
            &(struct fast_request){.params = c->params, .x = s->x, .dy = s->dy, .n = nb,
                                   .value = fq[Q_COMPANION]});
    /* the audited units of the block: one in every audit_share, at a
     * pseudo-random place within each aligned stretch of audit_share units
     * (the same whatever the chunks) */
    const size_t li = unit_inputs(c);
    const uint64_t u0 = s->block_first[0] / li, u1 = (s->block_first[0] + nb) / li;
    for (int q = 0; q < Q_COUNT; q++) {
        if (!bp->want[q])
            continue;
        totals->uncertain += fast_classify_f32[c->isa](&fq[q], bp->n[q], &s->fp[q]);
        memcpy(s->deferred_bits[q], s->fp[q].uncertain, (bp->n[q] + 7) / 8);
        if (need_set_units(c, s, q, s->fp[q].uncertain, bp->n[q]))
            return -1;
    }
    const uint64_t share = c->audit_share;
    for (uint64_t g = u0 / share; g * share < u1; g++) {
        const uint64_t u = g * share + input_random_bits(c->plan->seed ^ AUDIT_SALT, g) % share;
        if (u < u0 || u >= u1)
            continue;
        if (need_unit(s, u))
            return -1;
        for (int q = 0; q < Q_COUNT; q++) {
            if (!bp->want[q])
                continue;
            const size_t per = per_output(q) ? unit_outputs(c) : li;
            const uint64_t first = s->block_first[per_output(q)];
            for (size_t j = 0; j < per; j++) {
                const size_t i = (size_t)(u * per + j - first);
                if (fast_bit(s->fp[q].uncertain, i))
                    continue; /* MPFR's own point: nothing to audit */
                s->deferred_bits[q][i / 8] = (uint8_t)(s->deferred_bits[q][i / 8] | (1u << (i % 8)));
                if (grow((void **)&s->audits, &s->audit_capacity, s->audit_count + 1,
                         sizeof *s->audits))
                    return -1;
                const float input = per_output(q) ? s->x[i * s->group] : s->x[i];
                s->audits[s->audit_count++] = audit_entry_of(&s->fp[q], i, q, first + i, input);
            }
        }
    }
    if (s->repeats && bp->want[Q_VALUE])
        mark_repeats(s, bp->n[Q_VALUE]);
    return 0;
}

/* Whether no special-value failure of quantity q of kernel k in the block
 * can become an example (none kept for q, or the list full of smaller
 * keys than any of the block's): the statistics then only count them. */
static bool failures_counted_only(const struct exhaustive_scratch *s, size_t k, int q)
{
    const enum failure_category cat = category_of(q);
    if (cat >= FAILURE_CATEGORY_COUNT)
        return true;
    const struct example_list *list = &s->examples[k * FAILURE_CATEGORY_COUNT + cat];
    return list->count == FAILURE_EXAMPLES_PER_CATEGORY &&
           list->e[list->count - 1].key <= example_key(q, s->block_first[per_output(q)]);
}

/* Every implementation on the block, and its statistics. */
static int block_measure(const struct exhaustive_context *c, struct exhaustive_scratch *s,
                         size_t nb, const struct block_plan *bp, struct exhaustive_totals *totals)
{
    const struct activation_info *info = &activation_catalog[c->activation];
    stats_block_function *stats = stats_functions[c->isa];
    /* what every implementation whose results are the rounded reference
     * adds, once for all of them */
    const bool expect = c->impl_count > 1;
    if (expect) {
        const double t0 = thread_seconds();
        for (int q = 0; q < Q_COUNT; q++)
            if (bp->want[q])
                expect_functions[c->isa](&(struct stats_block){
                    .ref = &s->fp[q], .deferred = s->deferred_bits[q], .n = bp->n[q],
                    .check_range = q == Q_VALUE && c->check_range, .range_lo = c->range_lo,
                    .range_hi = c->range_hi, .matched = s->matched[q]});
        totals->statistics_seconds += thread_seconds() - t0;
    }
    for (size_t k = 0; k < c->impl_count; k++) {
        const struct implementation *impl = c->impls[k];
        const bool has_gradient = impl_has_gradient(impl);
        const bool param = info->param_gradient && has_gradient;
        double t0 = thread_seconds();
        if (impl_forward(impl, s->x, s->y, nb, c->params) != 0 ||
            (has_gradient && impl_gradient(impl, s->x, s->y, s->dy, s->dx, param ? s->dparam : NULL,
                                           nb, c->params) != 0))
            return -1;
        double t1 = thread_seconds();
        totals->implementation_seconds += t1 - t0;
        struct exhaustive_cost *cost =
            k < totals->cost_count && strcmp(totals->costs[k].name, impl->name) == 0
                ? &totals->costs[k]
                : cost_row(totals, impl->name);
        for (int q = 0; q < Q_COUNT; q++) {
            if (!bp->want[q] || ((q == Q_GRADIENT || q == Q_DPARAM) && !has_gradient))
                continue;
            const int space = per_output(q);
            struct quantity_state *st = &s->qs[k * Q_COUNT + (size_t)q];
            st->measured = true;
            /* the chunk's runs within the block */
            const uint64_t first = s->block_first[space], end = first + bp->n[q];
            size_t nr = 0;
            for (size_t r = run_index(s, space, first); r < s->run_count[space]; r++) {
                const struct chunk_run *cr = &s->runs[space][r];
                if (cr->begin >= end)
                    break;
                if (grow((void **)&s->block_runs, &s->block_run_capacity, nr + 1,
                         sizeof *s->block_runs))
                    return -1;
                uint64_t b = cr->begin > first ? cr->begin : first;
                uint64_t e = cr->end < end ? cr->end : end;
                s->block_runs[nr++] = (struct stats_run){(size_t)(b - first), (size_t)(e - first),
                                                         space ? s->run_count[0] + r : r};
            }
            const float *got = q == Q_GRADIENT ? s->dx : q == Q_DPARAM ? s->dparam : s->y;
            s->kernel = k;
            s->quantity = q;
            uint64_t counted = 0;
            stats(&(struct stats_block){
                .got = got, .ref = &s->fp[q], .deferred = s->deferred_bits[q], .n = bp->n[q],
                .runs = s->block_runs, .run_count = nr, .check_range = q == Q_VALUE && c->check_range,
                .range_lo = c->range_lo, .range_hi = c->range_hi,
                .repeats = q == Q_VALUE ? s->repeats : NULL, .period = s->row_length,
                .mismatches = failures_counted_only(s, k, q) ? &counted : NULL,
                .matched = expect ? s->matched[q] : NULL, .count = &st->count,
                .lane_sum = st->lane_sum, .exceed = st->exceed, .floors = st->floors,
                .run_counts = st->run_counts, .figure_scratch = s->figures,
                .width_scratch = s->widths, .pending = s->pending, .event = on_event,
                .context = s});
            /* what on_event does with each failure left out of the examples */
            st->special_failures += counted;
            const enum failure_category cat = category_of(q);
            if (cat < FAILURE_CATEGORY_COUNT)
                s->examples[k * FAILURE_CATEGORY_COUNT + cat].total += counted;
        }
        const double t2 = thread_seconds();
        totals->statistics_seconds += t2 - t1;
        if (cost) {
            cost->implementation_seconds += t1 - t0;
            cost->statistics_seconds += t2 - t1;
        }
    }
    return 0;
}

/* ------------------------------------------------------------------ */
/* The end of a chunk                                                  */
/* ------------------------------------------------------------------ */

static int by_bound_then_index(const void *a, const void *b)
{
    const struct candidate *x = a, *y = b;
    double hx = x->figure + ranking_width(x), hy = y->figure + ranking_width(y);
    if (hx != hy)
        return hx > hy ? -1 : 1;
    return x->index < y->index ? -1 : x->index > y->index;
}

/* The MPFR figure of a point, or -1 when it is a special failure (which
 * the audit of candidates then reports). */
static double mpfr_figure(const struct ref_point *m, float got)
{
    if (ref_special_mismatch(m, got) || isnan(m->rounded) || isinf(m->rounded))
        return -1.0;
    return fabs(ulp_error(m, got));
}

/* Take c if it beats the result (larger figure, or as large and earlier). */
static void contend(struct run_max *rm, const struct candidate *c)
{
    if (!rm->has_result || c->figure > rm->result.figure ||
        (c->figure == rm->result.figure && c->index < rm->result.index)) {
        rm->result = *c;
        rm->has_result = true;
    }
}

/* Whether a candidate not yet settled could still beat the run's result. */
static bool may_beat(const struct run_max *rm, const struct candidate *c)
{
    if (!rm->has_result)
        return true;
    const double hi = c->figure + c->width;
    return hi > rm->result.figure || (hi == rm->result.figure && c->index < rm->result.index);
}

static int compare_u32(uint32_t x, uint32_t y)
{
    return (x > y) - (x < y);
}

static int by_twin_class_then_index(const void *a, const void *b)
{
    const struct twin_key *x = a, *y = b;
    int d = compare_u32(x->row_class, y->row_class);
    if (!d && x->row_class != 0) {
        d = compare_u32(x->position, y->position);
        if (!d)
            d = compare_u32(x->got, y->got);
        if (!d)
            d = compare_u32(x->want, y->want);
        if (!d)
            d = (x->figure > y->figure) - (x->figure < y->figure);
        if (!d)
            d = (x->width > y->width) - (x->width < y->width);
    }
    return d ? d : (x->index > y->index) - (x->index < y->index);
}

static bool same_twin_class(const struct twin_key *x, const struct twin_key *y)
{
    return x->row_class != 0 && x->row_class == y->row_class && x->position == y->position &&
           x->got == y->got && x->want == y->want && x->figure == y->figure &&
           x->width == y->width;
}

/*
 * Keep of every class of translated twins among a run's value candidates
 * the first input only: rows of one row_class() (translates of each
 * other), the same place in the row, the same result and the same fast
 * figure and width.  The others tie with it exactly, in MPFR's figures as
 * in the exact ones, and lose on the tie.  Returns -1 when memory ran out
 * (the candidates are then left as they are).
 */
static int keep_first_twins(struct exhaustive_scratch *s, struct run_max *rm)
{
    const size_t n = rm->fuzzy_count, length = s->row_length;
    if (n < 2)
        return 0;
    if (grow((void **)&s->twins, &s->twin_capacity, n, sizeof *s->twins))
        return -1;
    for (size_t i = 0; i < n; i++) {
        const struct candidate *cd = &rm->fuzzy[i];
        struct twin_key *k = &s->twins[i];
        *k = (struct twin_key){.index = cd->index, .slot = i, .row_class = cd->row_class,
                               .position = (uint32_t)(cd->index % length),
                               .got = float_bits(cd->got), .want = float_bits(cd->want)};
        memcpy(&k->figure, &cd->figure, sizeof k->figure);
        memcpy(&k->width, &cd->width, sizeof k->width);
    }
    qsort(s->twins, n, sizeof *s->twins, by_twin_class_then_index);
    /* the first of each class keeps its slot: mark the others' with
     * index UINT64_MAX, then compact */
    for (size_t i = 1; i < n; i++)
        if (same_twin_class(&s->twins[i - 1], &s->twins[i]))
            rm->fuzzy[s->twins[i].slot].index = UINT64_MAX;
    size_t kept = 0;
    for (size_t i = 0; i < n; i++)
        if (rm->fuzzy[i].index != UINT64_MAX)
            rm->fuzzy[kept++] = rm->fuzzy[i];
    rm->fuzzy_count = kept;
    return 0;
}

/*
 * Prepare the runs' candidates for the rounds: the ones still in the race
 * against the run's floor, sorted by how high they may reach; a determined
 * best that nothing else can reach is the run's maximum at once (its
 * printed figure still asked of MPFR).
 */
static void prepare_candidates(const struct exhaustive_context *c, struct exhaustive_scratch *s)
{
    const size_t runs = s->run_count[0] + s->run_count[1];
    for (size_t k = 0; k < c->impl_count; k++)
        for (int q = 0; q < Q_COUNT; q++) {
            struct quantity_state *st = &s->qs[k * Q_COUNT + (size_t)q];
            if (!st->measured)
                continue;
            for (size_t r = 0; r < runs; r++) {
                struct run_max *rm = &st->runs[r];
                const double floor = st->floors[r];
                size_t n = 0;
                if (rm->has_best && rm->best.figure >= floor) {
                    /* the determined best joins the list */
                    if (grow((void **)&rm->fuzzy, &rm->fuzzy_capacity, rm->fuzzy_count + 1,
                             sizeof *rm->fuzzy) == 0)
                        rm->fuzzy[rm->fuzzy_count++] = rm->best;
                }
                rm->has_best = false;
                for (size_t i = 0; i < rm->fuzzy_count; i++)
                    if (rm->fuzzy[i].figure + ranking_width(&rm->fuzzy[i]) >= floor)
                        rm->fuzzy[n++] = rm->fuzzy[i];
                rm->fuzzy_count = n;
                if (s->repeats && q == Q_VALUE)
                    (void)keep_first_twins(s, rm); /* out of memory: all stay */
                n = rm->fuzzy_count;
                if (n > 0) /* rm->fuzzy is NULL until the first candidate */
                    qsort(rm->fuzzy, n, sizeof *rm->fuzzy, by_bound_then_index);
                for (size_t i = 0; i < n; i++)
                    rm->fuzzy[i].requested = false;
                rm->has_result = false;
            }
        }
}

/*
 * One round: every run whose unsettled candidates may still beat its
 * result asks MPFR for the next per_run of them (their points go into
 * s->units).  Returns how many were asked.
 */
static size_t request_round(const struct exhaustive_context *c, struct exhaustive_scratch *s,
                            size_t per_run, int *status)
{
    const size_t runs = s->run_count[0] + s->run_count[1];
    size_t asked = 0;
    for (size_t k = 0; k < c->impl_count; k++)
        for (int q = 0; q < Q_COUNT; q++) {
            struct quantity_state *st = &s->qs[k * Q_COUNT + (size_t)q];
            if (!st->measured)
                continue;
            for (size_t r = 0; r < runs; r++) {
                struct run_max *rm = &st->runs[r];
                size_t here = 0;
                for (size_t i = 0; i < rm->fuzzy_count && here < per_run; i++) {
                    struct candidate *cd = &rm->fuzzy[i];
                    if (cd->width == 0.0 || !may_beat(rm, cd))
                        continue;
                    cd->requested = true;
                    if (need_unit(s, unit_of(c, q, cd->index)))
                        *status = -1;
                    here++;
                }
                asked += here;
            }
        }
    return asked;
}

/* Settle the candidates asked in this round with the batch, and let every
 * settled or exact one contend for its run's maximum. */
static void settle_round(const struct exhaustive_context *c, struct exhaustive_scratch *s,
                         struct exhaustive_totals *totals)
{
    const size_t runs = s->run_count[0] + s->run_count[1];
    for (size_t k = 0; k < c->impl_count; k++)
        for (int q = 0; q < Q_COUNT; q++) {
            struct quantity_state *st = &s->qs[k * Q_COUNT + (size_t)q];
            if (!st->measured)
                continue;
            for (size_t r = 0; r < runs; r++) {
                struct run_max *rm = &st->runs[r];
                for (size_t i = 0; i < rm->fuzzy_count; i++) {
                    struct candidate *cd = &rm->fuzzy[i];
                    if (cd->requested) {
                        cd->requested = false;
                        const struct ref_point *m = batch_point(c, s, q, cd->index);
                        if (!m)
                            continue;
                        double fig = mpfr_figure(m, cd->got);
                        /* a fuzzy fast zero: its sign is unknown to the fast
                         * reference and read by no figure (as in audit_agrees) */
                        if (fig < 0.0 ||
                            (memcmp(&m->rounded, &cd->want, sizeof(float)) != 0 && !inexact_zeros(cd->want, m))) {
                            /* the fast reference certified another rounding */
                            struct audit_entry a = {.index = cd->index, .quantity = (uint8_t)q,
                                                    .input = cd->input, .rounded = cd->want,
                                                    .inverse_ulp = 1.0};
                            audit_failed(c, totals, &a, m);
                            cd->width = 0.0;
                            cd->figure = -1.0;
                            continue;
                        }
                        cd->figure = fig;
                        cd->width = 0.0;
                        totals->maximum_checks++;
                    }
                    if (cd->width == 0.0 && cd->figure >= 0.0)
                        contend(rm, cd);
                }
                if (rm->has_exact)
                    contend(rm, &rm->exact);
            }
        }
}

/* Runs that still hold candidates able to beat their result after the
 * last round. */
static uint64_t unsettled_runs(const struct exhaustive_context *c, struct exhaustive_scratch *s)
{
    const size_t runs = s->run_count[0] + s->run_count[1];
    uint64_t n = 0;
    for (size_t k = 0; k < c->impl_count; k++)
        for (int q = 0; q < Q_COUNT; q++) {
            struct quantity_state *st = &s->qs[k * Q_COUNT + (size_t)q];
            if (!st->measured)
                continue;
            for (size_t r = 0; r < runs; r++) {
                struct run_max *rm = &st->runs[r];
                bool open = false;
                for (size_t i = 0; i < rm->fuzzy_count && !open; i++)
                    open = rm->fuzzy[i].width > 0.0 && may_beat(rm, &rm->fuzzy[i]);
                if (open) {
                    n++;
                    /* the largest fast figure stands in, with MPFR's word
                     * missing: take it as it is */
                    for (size_t i = 0; i < rm->fuzzy_count; i++)
                        if (rm->fuzzy[i].width > 0.0 && may_beat(rm, &rm->fuzzy[i]))
                            contend(rm, &rm->fuzzy[i]);
                }
            }
        }
    return n;
}

static void histogram_add(struct quantity_state *st, double e)
{
    for (int j = 0; j < STATS_BOUNDS; j++)
        st->exceed[j] += e > stats_bounds[j];
}

/* The points left to MPFR, in the order they were met. */
static void settle_deferred(const struct exhaustive_context *c, struct exhaustive_scratch *s)
{
    for (size_t d = 0; d < s->deferred_count; d++) {
        const struct deferred *e = &s->deferred[d];
        const int q = e->quantity, space = per_output(q);
        struct quantity_state *st = &s->qs[e->kernel * Q_COUNT + (size_t)q];
        const struct ref_point *m = batch_point(c, s, q, e->index);
        if (!m)
            continue;
        if (ref_special_mismatch(m, e->got)) {
            st->special_failures++;
            enum failure_category cat = category_of(q);
            if (cat < FAILURE_CATEGORY_COUNT)
                note_example(&s->examples[e->kernel * FAILURE_CATEGORY_COUNT + cat],
                             (struct example){.key = example_key(q, e->index), .index = e->index,
                                              .input = e->input, .got = e->got,
                                              .want = m->rounded, .quantity = q});
            continue;
        }
        if (isnan(m->rounded) || isinf(m->rounded))
            continue;
        const double fig = fabs(ulp_error(m, e->got));
        st->count++;
        st->lane_sum[(e->index - s->chunk_first[space]) % STATS_LANES] += fig;
        histogram_add(st, fig);
        const size_t r = run_index(s, space, e->index) + (space ? s->run_count[0] : 0);
        st->run_counts[r]++;
        struct run_max *rm = &st->runs[r];
        if (!rm->has_exact || fig > rm->exact.figure) {
            rm->exact = (struct candidate){.index = e->index, .input = e->input, .got = e->got,
                                           .want = m->rounded, .figure = fig};
            rm->has_exact = true;
        }
        if (fig > st->floors[r])
            st->floors[r] = fig;
    }
}

static void audit_batch(const struct exhaustive_context *c, struct exhaustive_scratch *s,
                        struct exhaustive_totals *totals)
{
    for (size_t i = 0; i < s->audit_count; i++) {
        const struct audit_entry *a = &s->audits[i];
        const struct ref_point *m = batch_point(c, s, a->quantity, a->index);
        if (!m)
            continue;
        totals->audited++;
        if (!audit_agrees(a, m))
            audit_failed(c, totals, a, m);
    }
}

/* The chunk's partial rows, as the ordinary path fills them. */
static void fill_rows(const struct exhaustive_context *c, struct exhaustive_scratch *s, size_t count,
                      uint64_t unresolved, struct accuracy_row *partials)
{
    const size_t runs0 = s->run_count[0];
    for (size_t k = 0; k < c->impl_count; k++) {
        struct accuracy_row *row = &partials[k];
        row->points = count;
        row->reference_unresolved = unresolved;
        for (int q = 0; q < Q_COUNT; q++) {
            struct quantity_state *st = &s->qs[k * Q_COUNT + (size_t)q];
            if (!st->measured)
                continue;
            struct error_stats *es = q == Q_VALUE      ? &row->value
                                     : q == Q_GRADIENT ? &row->gradient
                                     : q == Q_DPARAM   ? &row->param_gradient
                                                       : &row->gelu_distance;
            const int space = per_output(q);
            struct error_profile *profile =
                q == Q_VALUE && s->group == 1 ? row->value_profile
                : q == Q_GRADIENT              ? row->gradient_profile
                                               : NULL;
            es->count = st->count;
            double sum = 0.0;
            for (int l = 0; l < STATS_LANES; l++)
                sum += st->lane_sum[l];
            es->sum_ulp = sum;
            es->over_half = st->exceed[0];
            es->over_1 = st->exceed[1];
            es->over_2 = st->exceed[2];
            es->histogram[0] = st->count - st->exceed[0];
            for (int j = 1; j < STATS_BOUNDS; j++)
                es->histogram[j] = st->exceed[j - 1] - st->exceed[j];
            es->histogram[STATS_BOUNDS] = st->exceed[STATS_BOUNDS - 1];
            es->special_failures = st->special_failures;
            for (size_t r = 0; r < s->run_count[space]; r++) {
                const size_t id = space ? runs0 + r : r;
                const struct run_max *rm = &st->runs[id];
                const struct chunk_run *cr = &s->runs[space][r];
                if (!rm->has_result)
                    continue;
                const struct candidate *w = &rm->result;
                if (!es->has_worst || w->figure > es->max_ulp) {
                    es->has_worst = true;
                    es->max_ulp = w->figure;
                    es->worst_input = w->input;
                    es->worst_got = w->got;
                    es->worst_want = w->want;
                }
                if (cr->range10 && w->figure > es->max_ulp_range10)
                    es->max_ulp_range10 = w->figure;
                if (profile) {
                    if (cr->x_bin >= 0) {
                        profile->count[cr->x_bin] += (uint32_t)st->run_counts[id];
                        if (w->figure > profile->max_ulp[cr->x_bin])
                            profile->max_ulp[cr->x_bin] = w->figure;
                    }
                    if (cr->binade_bin >= 0) {
                        profile->binade_count[cr->binade_bin] += (uint32_t)st->run_counts[id];
                        if (w->figure > profile->binade_max_ulp[cr->binade_bin])
                            profile->binade_max_ulp[cr->binade_bin] = w->figure;
                    }
                }
            }
        }
        for (int cat = 0; cat < FAILURE_CATEGORY_COUNT; cat++) {
            struct example_list *list = &s->examples[k * FAILURE_CATEGORY_COUNT + (size_t)cat];
            row->failure_total[cat] = list->total;
            row->example_count[cat] = (uint32_t)list->count;
            for (size_t i = 0; i < list->count; i++) {
                struct example *e = &list->e[i];
                if (e->want_pending) {
                    const struct ref_point *m = batch_point(c, s, e->quantity, e->index);
                    e->want = m ? m->rounded : NAN;
                }
                row->examples[cat][i] = (struct failure_example){e->input, e->got, e->want};
            }
        }
    }
}

static void reset_chunk(const struct exhaustive_context *c, struct exhaustive_scratch *s)
{
    const size_t runs = s->run_count[0] + s->run_count[1];
    for (size_t i = 0; i < c->impl_count * Q_COUNT; i++) {
        struct quantity_state *st = &s->qs[i];
        st->measured = false;
        st->count = st->special_failures = 0;
        memset(st->exceed, 0, sizeof st->exceed);
        memset(st->lane_sum, 0, sizeof st->lane_sum);
        for (size_t r = 0; r < runs; r++) {
            st->floors[r] = -1.0;
            st->run_counts[r] = 0;
            struct run_max *rm = &st->runs[r];
            rm->has_best = rm->has_exact = rm->has_result = false;
            rm->fuzzy_count = 0;
        }
    }
    memset(s->examples, 0, c->impl_count * FAILURE_CATEGORY_COUNT * sizeof *s->examples);
    s->deferred_count = s->audit_count = s->unit_count = 0;
    s->on_bound = 0;
}

int exhaustive_measure_chunk(const struct exhaustive_context *c, struct exhaustive_scratch *s,
                             uint64_t start, size_t count, struct accuracy_row *partials,
                             struct exhaustive_totals *totals)
{
    const struct activation_info *info = &activation_catalog[c->activation];
    s->c = c;
    s->group = activation_inputs_per_output(c->activation, c->params);
    const uint64_t out_start = start / s->group, out_count = count / s->group;
    double t0 = thread_seconds();
    if (find_runs(s, c->plan, 0, start, start + count) ||
        find_runs(s, c->plan, 1, out_start, out_start + out_count) ||
        size_states(s, s->run_count[0] + s->run_count[1]))
        return -1;
    reset_chunk(c, s);
    s->chunk_first[0] = start;
    s->chunk_first[1] = out_start;
    struct block_plan bp = {0};
    bp.want[Q_VALUE] = true;
    bp.want[Q_GRADIENT] = true;
    bp.want[Q_DPARAM] = info->param_gradient;
    bp.want[Q_COMPANION] = activation_companion(c->activation) != ACT_COUNT;
    totals->statistics_seconds += thread_seconds() - t0;
    for (size_t b = 0; b < count; b += EXHAUSTIVE_BLOCK_POINTS) {
        const size_t nb = count - b < EXHAUSTIVE_BLOCK_POINTS ? count - b : EXHAUSTIVE_BLOCK_POINTS;
        const size_t nbo = nb / s->group;
        double t1 = thread_seconds();
        s->block_first[0] = start + b;
        s->block_first[1] = (start + b) / s->group;
        s->block_n = nb;
        block_inputs(c->plan, start + b, nb, s->x);
        if (info->kind == ACT_VECTOR) {
            for (size_t o = 0; o < nbo; o++)
                s->dy[o] = format_round(FMT_F32, input_upstream_gradient(
                                                     c->activation, c->plan->seed, s->block_first[1] + o));
        } else if (b == 0) {
            for (size_t o = 0; o < EXHAUSTIVE_BLOCK_POINTS; o++)
                s->dy[o] = input_upstream_gradient(c->activation, c->plan->seed, 0); /* 1 */
        }
        for (int q = 0; q < Q_COUNT; q++)
            bp.n[q] = per_output(q) ? nbo : nb;
        if (block_reference(c, s, nb, &bp, totals))
            return -1;
        totals->reference_seconds += thread_seconds() - t1;
        if (block_measure(c, s, nb, &bp, totals))
            return -1;
    }
    double t2 = thread_seconds();
    for (size_t d = 0; d < s->deferred_count; d++)
        if (need_unit(s, unit_of(c, s->deferred[d].quantity, s->deferred[d].index)))
            return -1;
    /* round 0: the deferred and audited points, and the first candidates */
    prepare_candidates(c, s);
    int status = 0;
    request_round(c, s, CANDIDATES_PER_ROUND, &status);
    if (status)
        return -1;
    struct ref_stats stats = {0};
    double t3 = thread_seconds();
    totals->statistics_seconds += t3 - t2;
    if (run_batch(c, s, &stats))
        return -1;
    totals->mpfr_points += s->unit_count;
    double t4 = thread_seconds();
    totals->mpfr_seconds += t4 - t3;
    audit_batch(c, s, totals);
    settle_deferred(c, s);
    settle_round(c, s, totals);
    /* further rounds while candidates may still beat what MPFR settled,
     * the last one for all of them */
    for (int round = 1; round < MAXIMUM_ROUNDS; round++) {
        s->unit_count = 0;
        if (request_round(c, s, round + 1 < MAXIMUM_ROUNDS ? CANDIDATES_PER_ROUND : SIZE_MAX,
                          &status) == 0)
            break;
        if (status)
            return -1;
        double t5 = thread_seconds();
        struct ref_stats more = {0};
        if (run_batch(c, s, &more))
            return -1;
        stats.unresolved += more.unresolved;
        totals->mpfr_points += s->unit_count;
        totals->mpfr_seconds += thread_seconds() - t5;
        settle_round(c, s, totals);
    }
    totals->truncated_runs += unsettled_runs(c, s);
    fill_rows(c, s, count, stats.unresolved, partials);
    totals->points += count;
    totals->on_bound += s->on_bound;
    totals->statistics_seconds += thread_seconds() - t4;
    return 0;
}

/* ------------------------------------------------------------------ */
/* The audit of the ordinary path's points                             */
/* ------------------------------------------------------------------ */

int exhaustive_audit(const struct exhaustive_context *c, const float *x, const float *dy, size_t n,
                     const struct ref_point *value, const struct ref_point *gradient,
                     const struct ref_point *dparam, const struct ref_point *companion,
                     struct exhaustive_totals *totals)
{
    struct exhaustive_scratch *s = exhaustive_scratch_new(c);
    if (!s)
        return -1;
    const struct activation_info *info = &activation_catalog[c->activation];
    const size_t group = activation_inputs_per_output(c->activation, c->params);
    const struct ref_point *mpfr[Q_COUNT] = {value, gradient, dparam, companion};
    int status = 0;
    for (size_t b = 0; b < n && status == 0; b += EXHAUSTIVE_BLOCK_POINTS) {
        const size_t nb = n - b < EXHAUSTIVE_BLOCK_POINTS ? n - b : EXHAUSTIVE_BLOCK_POINTS;
        memcpy(s->x, x + b, nb * sizeof *x);
        memcpy(s->dy, dy + b / group, nb / group * sizeof *dy);
        struct fast_quantity fq[Q_COUNT];
        for (int q = 0; q < Q_COUNT; q++)
            fq[q] = (struct fast_quantity){mpfr[q] ? s->q_hi[q] : NULL, s->q_lo[q], s->q_err[q]};
        info->fast_reference->evaluate[c->isa](&(struct fast_request){
            .params = c->params, .x = s->x, .dy = s->dy, .n = nb, .value = fq[Q_VALUE],
            .gradient = fq[Q_GRADIENT], .dparam = fq[Q_DPARAM]});
        if (companion)
            activation_catalog[activation_companion(c->activation)].fast_reference->evaluate[c->isa](
                &(struct fast_request){.params = c->params, .x = s->x, .n = nb,
                                       .value = fq[Q_COMPANION]});
        for (int q = 0; q < Q_COUNT; q++) {
            if (!mpfr[q])
                continue;
            const size_t nq = per_output(q) ? nb / group : nb;
            const size_t base = per_output(q) ? b / group : b;
            fast_classify_f32[c->isa](&fq[q], nq, &s->fp[q]);
            for (size_t i = 0; i < nq; i++) {
                if (fast_bit(s->fp[q].uncertain, i))
                    continue;
                const float input = per_output(q) ? s->x[i * group] : s->x[i];
                struct audit_entry a = audit_entry_of(&s->fp[q], i, q, base + i, input);
                totals->audited++;
                if (!audit_agrees(&a, &mpfr[q][base + i]))
                    audit_failed(c, totals, &a, &mpfr[q][base + i]);
            }
        }
    }
    exhaustive_scratch_free(s);
    return status;
}
