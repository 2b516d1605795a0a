/* The accuracy driver: reference once per chunk, every implementation on the
 * same chunk, deterministic merge.  See accuracy.h. */
#define _GNU_SOURCE
#include "accuracy.h"

#include <errno.h>
#include <math.h>
#include <pthread.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "exact_sum.h"
#include "exhaustive.h"
#include "inputs.h"
#include "properties.h"
#include "shard.h"

/* A multiple of every row length and group size in the catalog defaults. */
#define CHUNK_POINTS 16384
/* Chunks measured between two merges: bounds the memory of partial results
 * (an exhaustive f32 run has 262144 chunks). */
#define WAVE_CHUNKS 64

const char *failure_category_name(enum failure_category c)
{
    static const char *const names[FAILURE_CATEGORY_COUNT] = {
        "value_special", "gradient_special", "range",   "symmetry", "monotonicity",
        "nan_propagation", "overflow_nan",   "lane_crosstalk", "tail", "inplace",
    };
    return c < FAILURE_CATEGORY_COUNT ? names[c] : "?";
}

int profile_binade_bin(float x)
{
    int e;
    frexpf(fabsf(x), &e); /* |x| in [2^(e-1), 2^e) */
    int exponent = e - 1; /* -149 .. 127 */
    int bin = exponent + 149;
    return signbit(x) ? bin : bin + PROFILE_BINADE_BINS / 2;
}

int profile_binade_exponent(int bin, int *sign)
{
    *sign = bin >= PROFILE_BINADE_BINS / 2 ? 1 : -1;
    return bin % (PROFILE_BINADE_BINS / 2) - 149;
}

void accuracy_row_note_failure(struct accuracy_row *row, enum failure_category c, float input,
                               float got, float want)
{
    row->failure_total[c]++;
    if (row->example_count[c] < FAILURE_EXAMPLES_PER_CATEGORY) {
        struct failure_example *ex = &row->examples[c][row->example_count[c]++];
        ex->input = input;
        ex->got = got;
        ex->want = want;
    }
}

static void profile_add(struct error_profile *p, float x, double abs_ulp)
{
    if (!p || !isfinite(x))
        return;
    if (x >= -10.0f && x < 10.0f) {
        int bin = (int)floor((x - PROFILE_X_LO) / PROFILE_X_WIDTH);
        if (bin >= 0 && bin < PROFILE_X_BINS) {
            p->count[bin]++;
            if (abs_ulp > p->max_ulp[bin])
                p->max_ulp[bin] = abs_ulp;
        }
    }
    if (x != 0.0f) {
        int bin = profile_binade_bin(x);
        p->binade_count[bin]++;
        if (abs_ulp > p->binade_max_ulp[bin])
            p->binade_max_ulp[bin] = abs_ulp;
    }
}

static void profile_merge(struct error_profile *a, const struct error_profile *b)
{
    if (!a || !b)
        return;
    for (int i = 0; i < PROFILE_X_BINS; i++) {
        a->count[i] += b->count[i];
        if (b->max_ulp[i] > a->max_ulp[i])
            a->max_ulp[i] = b->max_ulp[i];
    }
    for (int i = 0; i < PROFILE_BINADE_BINS; i++) {
        a->binade_count[i] += b->binade_count[i];
        if (b->binade_max_ulp[i] > a->binade_max_ulp[i])
            a->binade_max_ulp[i] = b->binade_max_ulp[i];
    }
}

/*
 * Compare one computed number with its reference: a special mismatch is a
 * failure of its own; two NaNs or two equal infinities agree and carry no
 * ulp figure; everything else is an ulp error.  Returns the |error| or -1.
 */
static double compare_point(struct accuracy_row *row, struct error_stats *s,
                            enum failure_category category, const struct ref_point *ref,
                            float input, float got)
{
    if (ref_special_mismatch(ref, got)) {
        s->special_failures++;
        if (category < FAILURE_CATEGORY_COUNT)
            accuracy_row_note_failure(row, category, input, got, ref->rounded);
        return -1;
    }
    if (isnan(ref->rounded) || isinf(ref->rounded))
        return -1;
    double e = fabs(ulp_error(ref, got));
    error_stats_add(s, e, input, got, ref->rounded);
    return e;
}

/* Merge partial row b (one chunk) into the running row a, b's points after a's. */
static void row_merge(struct accuracy_row *a, const struct accuracy_row *b)
{
    a->points += b->points;
    error_stats_merge(&a->value, &b->value);
    error_stats_merge(&a->gradient, &b->gradient);
    error_stats_merge(&a->param_gradient, &b->param_gradient);
    error_stats_merge(&a->gelu_distance, &b->gelu_distance);
    error_stats_merge(&a->approximation, &b->approximation);
    a->reference_unresolved += b->reference_unresolved;
    for (int c = 0; c < FAILURE_CATEGORY_COUNT; c++) {
        a->failure_total[c] += b->failure_total[c];
        for (uint32_t k = 0; k < b->example_count[c] &&
                             a->example_count[c] < FAILURE_EXAMPLES_PER_CATEGORY;
             k++)
            a->examples[c][a->example_count[c]++] = b->examples[c][k];
    }
    profile_merge(a->value_profile, b->value_profile);
    profile_merge(a->gradient_profile, b->gradient_profile);
}

/* Everything one activation and format share while their chunks run. */
struct activation_job {
    enum activation_id activation;
    enum number_format format;
    struct actbench_params params;
    struct input_plan plan;
    const struct implementation *const *impls; /* the runnable ones */
    size_t impl_count;
    /* chunks: ordinary ones of CHUNK_POINTS over [0, ordinary_points),
     * then, with the fast reference, exhaustive ones of
     * EXHAUSTIVE_CHUNK_POINTS over the rest of the plan */
    uint64_t ordinary_points, ordinary_chunks, total_chunks;
    bool fast;
    struct exhaustive_context exhaustive;
    uint64_t first_chunk, chunk_count;         /* this wave */
    struct accuracy_row *partials;             /* [chunk_count][impl_count] */
    atomic_uint_fast64_t next_chunk;
    int failed;                                /* out of memory in a thread */
    pthread_mutex_t lock;                      /* totals */
    struct exhaustive_totals totals;
};

struct thread_scratch {
    float *x, *dy, *y, *dx, *dparam;
    uint8_t *part;
    struct ref_point *ref_value, *ref_gradient, *ref_param, *ref_companion;
};

static void scratch_free(struct thread_scratch *s)
{
    free(s->x);
    free(s->dy);
    free(s->y);
    free(s->dx);
    free(s->dparam);
    free(s->part);
    free(s->ref_value);
    free(s->ref_gradient);
    free(s->ref_param);
    free(s->ref_companion);
}

static int scratch_alloc(struct thread_scratch *s)
{
    memset(s, 0, sizeof *s);
    size_t n = CHUNK_POINTS;
    s->x = malloc(n * sizeof *s->x);
    s->dy = malloc(n * sizeof *s->dy);
    s->y = malloc(n * sizeof *s->y);
    s->dx = malloc(n * sizeof *s->dx);
    s->dparam = malloc(n * sizeof *s->dparam);
    s->part = malloc(n);
    s->ref_value = malloc(n * sizeof *s->ref_value);
    s->ref_gradient = malloc(n * sizeof *s->ref_gradient);
    s->ref_param = malloc(n * sizeof *s->ref_param);
    s->ref_companion = malloc(n * sizeof *s->ref_companion);
    if (!s->x || !s->dy || !s->y || !s->dx || !s->dparam || !s->part || !s->ref_value ||
        !s->ref_gradient || !s->ref_param || !s->ref_companion) {
        scratch_free(s);
        return -1;
    }
    return 0;
}

/* The format value next to bound in direction (-1 down, +1 up), or bound
 * itself when the format represents it. */
static double outward(enum number_format fmt, double bound, int direction)
{
    if (!isfinite(bound))
        return bound;
    double r = format_round(fmt, (float)bound);
    if (direction < 0 && r > bound)
        r -= format_ulp(fmt, r);
    if (direction > 0 && r < bound)
        r += format_ulp(fmt, r);
    return r;
}

static void measure_chunk(struct activation_job *job, uint64_t chunk, struct thread_scratch *s,
                          struct exhaustive_totals *totals)
{
    enum activation_id act = job->activation;
    enum number_format fmt = job->format;
    const struct actbench_params *p = &job->params;
    const struct activation_info *info = &activation_catalog[act];
    const struct activation_properties *props = &info->properties;
    uint64_t start = chunk * CHUNK_POINTS;
    size_t n = CHUNK_POINTS;
    if (start + n > job->ordinary_points)
        n = (size_t)(job->ordinary_points - start);
    size_t outputs = activation_output_count(act, p, n);
    size_t group = activation_inputs_per_output(act, p);
    uint64_t first_output = start / group;

    input_generate(&job->plan, start, n, s->x, s->part);
    /* dy is a value of the format: a 16-bit pipeline carries 16-bit
     * gradients, and a native 16-bit kernel receives exactly this dy */
    for (size_t i = 0; i < outputs; i++)
        s->dy[i] = format_round(fmt, input_upstream_gradient(act, job->plan.seed, first_output + i));

    struct ref_stats stats = {0};
    bool param_gradient = info->param_gradient;
    info->reference(&(struct ref_request){
        .params = p, .format = fmt, .x = s->x, .dy = s->dy, .n = n, .value = s->ref_value,
        .gradient = s->ref_gradient, .dparam = param_gradient ? s->ref_param : NULL,
        .stats = &stats});
    enum activation_id companion = activation_companion(act);
    if (companion != ACT_COUNT)
        activation_catalog[companion].reference(&(struct ref_request){
            .params = p, .format = fmt, .x = s->x, .n = n, .value = s->ref_companion,
            .stats = &stats});
    /* an exhaustive run audits the fast reference on every special value */
    if (job->fast &&
        exhaustive_audit(&job->exhaustive, s->x, s->dy, n, s->ref_value, s->ref_gradient,
                         param_gradient ? s->ref_param : NULL,
                         companion != ACT_COUNT ? s->ref_companion : NULL, totals) != 0) {
        job->failed = 1;
        return;
    }

    /* the range is stated for the default parameter (elu's lower bound is
     * -a); it is rounded outward to the format, since a correctly rounded
     * minimum (silu's -0.27846 is -0.2793 in bf16) may lie beyond the
     * decimal bound */
    bool check_range = activation_properties_hold(act, p);
    double range_lo = outward(fmt, props->range_lo, -1), range_hi = outward(fmt, props->range_hi, +1);

    for (size_t k = 0; k < job->impl_count; k++) {
        const struct implementation *impl = job->impls[k];
        struct accuracy_row *row = &job->partials[(chunk - job->first_chunk) * job->impl_count + k];
        row->points = n;
        row->reference_unresolved = stats.unresolved;

        bool has_gradient = impl_has_gradient(impl);
        if (impl_forward(impl, s->x, s->y, n, p) != 0 ||
            (has_gradient &&
             impl_gradient(impl, s->x, s->y, s->dy, s->dx, param_gradient ? s->dparam : NULL, n, p) != 0)) {
            job->failed = 1;
            return;
        }

        for (size_t i = 0; i < outputs; i++) {
            float input = s->x[i * group];
            float got = format_round(fmt, s->y[i]);
            double e = compare_point(row, &row->value, FAILURE_VALUE_SPECIAL, &s->ref_value[i],
                                     input, got);
            if (e >= 0 && group == 1)
                profile_add(row->value_profile, input, e);
            if (check_range && !isnan(got) && (got < range_lo || got > range_hi)) {
                accuracy_row_note_failure(row, FAILURE_RANGE, input, got, s->ref_value[i].rounded);
            }
            /* the distance to the companion (exact gelu) is a property of
             * the approximation, not a failure: no category; nor is the
             * distance of the correctly rounded approximation itself */
            if (companion != ACT_COUNT) {
                compare_point(row, &row->gelu_distance, FAILURE_CATEGORY_COUNT,
                              &s->ref_companion[i], input, got);
                compare_point(row, &row->approximation, FAILURE_CATEGORY_COUNT,
                              &s->ref_companion[i], input, s->ref_value[i].rounded);
            }
        }
        for (size_t i = 0; i < n && has_gradient; i++) {
            float got = format_round(fmt, s->dx[i]);
            double e = compare_point(row, &row->gradient, FAILURE_GRADIENT_SPECIAL,
                                     &s->ref_gradient[i], s->x[i], got);
            if (e >= 0)
                profile_add(row->gradient_profile, s->x[i], e);
            if (param_gradient)
                compare_point(row, &row->param_gradient, FAILURE_GRADIENT_SPECIAL,
                              &s->ref_param[i], s->x[i], format_round(fmt, s->dparam[i]));
        }
    }
}

static void *chunk_worker(void *arg)
{
    struct activation_job *job = arg;
    struct thread_scratch s;
    struct exhaustive_totals totals;
    memset(&totals, 0, sizeof totals);
    struct exhaustive_scratch *fast = job->fast ? exhaustive_scratch_new(&job->exhaustive) : NULL;
    if (scratch_alloc(&s) != 0 || (job->fast && !fast)) {
        job->failed = 1;
        exhaustive_scratch_free(fast);
        return NULL;
    }
    for (;;) {
        uint64_t c = atomic_fetch_add(&job->next_chunk, 1);
        if (c >= job->first_chunk + job->chunk_count)
            break;
        if (c < job->ordinary_chunks) {
            measure_chunk(job, c, &s, &totals);
            continue;
        }
        /* an exhaustive chunk of the fast reference */
        uint64_t start = job->ordinary_points + (c - job->ordinary_chunks) * EXHAUSTIVE_CHUNK_POINTS;
        uint64_t n = job->plan.total - start;
        if (n > EXHAUSTIVE_CHUNK_POINTS)
            n = EXHAUSTIVE_CHUNK_POINTS;
        struct accuracy_row *partials = &job->partials[(c - job->first_chunk) * job->impl_count];
        if (exhaustive_measure_chunk(&job->exhaustive, fast, start, (size_t)n, partials, &totals) != 0)
            job->failed = 1;
    }
    scratch_free(&s);
    exhaustive_scratch_free(fast);
    ref_release_thread_caches();
    pthread_mutex_lock(&job->lock);
    exhaustive_totals_add(&job->totals, &totals);
    pthread_mutex_unlock(&job->lock);
    return NULL;
}

static void row_reset_partial(struct accuracy_row *row, bool with_profile,
                              struct error_profile *profiles)
{
    memset(row, 0, sizeof *row);
    if (with_profile) {
        memset(profiles, 0, 2 * sizeof *profiles);
        row->value_profile = &profiles[0];
        row->gradient_profile = &profiles[1];
    }
}

static unsigned online_cpus(void)
{
    long n = sysconf(_SC_NPROCESSORS_ONLN);
    return n > 0 ? (unsigned)n : 1;
}

/* The sums of the quantities of a row, exact whatever the grouping. */
struct row_sums {
    struct exact_sum value, gradient, param_gradient, gelu_distance;
};

static void row_sums_add(struct row_sums *t, const struct accuracy_row *r)
{
    exact_sum_add(&t->value, r->value.sum_ulp);
    exact_sum_add(&t->gradient, r->gradient.sum_ulp);
    exact_sum_add(&t->param_gradient, r->param_gradient.sum_ulp);
    exact_sum_add(&t->gelu_distance, r->gelu_distance.sum_ulp);
}

static void row_sums_set(const struct row_sums *t, struct accuracy_row *r)
{
    r->value.sum_ulp = exact_sum_value(&t->value);
    r->gradient.sum_ulp = exact_sum_value(&t->gradient);
    r->param_gradient.sum_ulp = exact_sum_value(&t->param_gradient);
    r->gelu_distance.sum_ulp = exact_sum_value(&t->gelu_distance);
}

static void row_sums_merge(struct row_sums *t, const struct row_sums *u)
{
    exact_sum_merge(&t->value, &u->value);
    exact_sum_merge(&t->gradient, &u->gradient);
    exact_sum_merge(&t->param_gradient, &u->param_gradient);
    exact_sum_merge(&t->gelu_distance, &u->gelu_distance);
}

/* One rank's share of the rows: what it measured of each implementation
 * (row, profiles and exact sums) and its totals. */
static int shard_send_rows(const struct activation_job *job, struct accuracy_row *const *rows,
                           const struct row_sums *sums)
{
    int bad = 0;
    for (size_t k = 0; k < job->impl_count && !bad; k++) {
        const struct accuracy_row *r = rows[k];
        bad |= shard_send(r, sizeof *r);
        if (r->value_profile)
            bad |= shard_send(r->value_profile, sizeof *r->value_profile);
        if (r->gradient_profile)
            bad |= shard_send(r->gradient_profile, sizeof *r->gradient_profile);
        bad |= shard_send(&sums[k], sizeof sums[k]);
    }
    struct exhaustive_totals t = job->totals;
    exhaustive_totals_pack(&t);
    return bad | shard_send(&t, sizeof t);
}

/* Rank 0: the other ranks' shares merged after its own, in rank order, as
 * one process merges its chunks in order. */
static int shard_merge_rows(struct activation_job *job, struct accuracy_row *const *rows,
                            struct row_sums *sums)
{
    int bad = 0;
    for (int from = 1; from < shard_count() && !bad; from++) {
        for (size_t k = 0; k < job->impl_count && !bad; k++) {
            struct accuracy_row r;
            struct error_profile profiles[2];
            struct row_sums u;
            bad |= shard_receive(from, &r, sizeof r);
            r.impl = rows[k]->impl;
            r.value_profile = rows[k]->value_profile ? &profiles[0] : NULL;
            r.gradient_profile = rows[k]->gradient_profile ? &profiles[1] : NULL;
            if (r.value_profile)
                bad |= shard_receive(from, r.value_profile, sizeof *r.value_profile);
            if (r.gradient_profile)
                bad |= shard_receive(from, r.gradient_profile, sizeof *r.gradient_profile);
            bad |= shard_receive(from, &u, sizeof u);
            if (!bad) {
                row_merge(rows[k], &r);
                row_sums_merge(&sums[k], &u);
            }
        }
        struct exhaustive_totals t;
        bad |= shard_receive(from, &t, sizeof t);
        if (!bad) {
            exhaustive_totals_unpack(&t, job->activation);
            exhaustive_totals_add(&job->totals, &t);
        }
    }
    return bad;
}

static int run_activation_format(const struct accuracy_options *opt, struct activation_job *job,
                                 struct accuracy_row *const *final_rows, char *error,
                                 size_t error_size)
{
    uint64_t total_chunks = job->total_chunks;
    /* with several ranks, the exhaustive chunks are shared among them in
     * contiguous spans; rank 0 also measures the ordinary chunks and every
     * job without exhaustive chunks */
    const int rank = shard_rank(), ranks = shard_count();
    const bool sharded = ranks > 1 && job->fast;
    if (ranks > 1 && !job->fast && rank != 0)
        return 0;
    uint64_t span_lo = 0, span_hi = total_chunks;
    if (sharded) {
        const uint64_t shared = total_chunks - job->ordinary_chunks;
        span_lo = rank == 0 ? 0 : job->ordinary_chunks + shared * (uint64_t)rank / (uint64_t)ranks;
        span_hi = job->ordinary_chunks + shared * (uint64_t)(rank + 1) / (uint64_t)ranks;
    }
    unsigned threads = opt->threads ? opt->threads : online_cpus();
    bool with_profile = true;
    size_t partial_count = (size_t)WAVE_CHUNKS * job->impl_count;
    job->partials = calloc(partial_count, sizeof *job->partials);
    struct error_profile *profiles =
        with_profile ? calloc(2 * partial_count, sizeof *profiles) : NULL;
    if (!job->partials || (with_profile && !profiles)) {
        free(job->partials);
        free(profiles);
        snprintf(error, error_size, "out of memory for %zu partial results", partial_count);
        return -1;
    }
    pthread_t *tids = calloc(threads, sizeof *tids);
    struct row_sums *sums = job->fast ? calloc(job->impl_count, sizeof *sums) : NULL;
    if (!tids || (job->fast && !sums)) {
        free(job->partials);
        free(profiles);
        free(tids);
        free(sums);
        snprintf(error, error_size, "out of memory for %u threads", threads);
        return -1;
    }
    int status = 0;
    for (uint64_t first = span_lo; first < span_hi && status == 0; first += WAVE_CHUNKS) {
        job->first_chunk = first;
        job->chunk_count = span_hi - first < WAVE_CHUNKS ? span_hi - first : WAVE_CHUNKS;
        for (size_t i = 0; i < job->chunk_count * job->impl_count; i++)
            row_reset_partial(&job->partials[i], with_profile, with_profile ? &profiles[2 * i] : NULL);
        atomic_store(&job->next_chunk, first);
        unsigned started = 0;
        for (unsigned t = 0; t < threads; t++) {
            if (pthread_create(&tids[t], NULL, chunk_worker, job) != 0)
                break;
            started++;
        }
        if (started == 0)
            chunk_worker(job); /* no thread could start: measure on this one */
        for (unsigned t = 0; t < started; t++)
            pthread_join(tids[t], NULL);
        if (job->failed) {
            snprintf(error, error_size, "out of memory in a measuring thread");
            status = -1;
            break;
        }
        for (uint64_t c = 0; c < job->chunk_count; c++)
            for (size_t k = 0; k < job->impl_count; k++) {
                if (sums)
                    row_sums_add(&sums[k], &job->partials[c * job->impl_count + k]);
                row_merge(final_rows[k], &job->partials[c * job->impl_count + k]);
            }
        if (opt->progress) {
            /* every implementation of the activation runs on each chunk */
            char what[160];
            snprintf(what, sizeof what, "%s, %zu implementation%s: %s", format_catalog[job->format].name,
                     job->impl_count, job->impl_count == 1 ? "" : "s", job->impls[0]->name);
            if (job->impl_count > 1)
                snprintf(what + strlen(what), sizeof what - strlen(what), " ...");
            opt->progress(opt->progress_context, activation_catalog[job->activation].name, what,
                          (double)(first - span_lo + job->chunk_count) /
                              (double)(span_hi - span_lo));
        }
    }
    if (sharded && status == 0 &&
        (rank == 0 ? shard_merge_rows(job, final_rows, sums) : shard_send_rows(job, final_rows, sums))) {
        snprintf(error, error_size, "MPI: the ranks' partial results could not be exchanged");
        status = -1;
    }
    if (sums && status == 0)
        for (size_t k = 0; k < job->impl_count; k++)
            row_sums_set(&sums[k], final_rows[k]);
    free(sums);
    free(tids);
    free(job->partials);
    free(profiles);
    job->partials = NULL;
    if (job->totals.audit_failures && status == 0 && opt->totals == NULL) {
        snprintf(error, error_size, "the fast reference of %s disagrees with MPFR",
                 activation_catalog[job->activation].name);
        status = -1;
    }
    return status;
}

/* How the job's inputs are cut into chunks: all ordinary, or, for an
 * exhaustive f32 job whose activation has a fast reference, the special
 * part ordinary and the encodings in exhaustive chunks. */
static void job_chunks(const struct accuracy_options *opt, struct activation_job *job)
{
    const struct input_plan *plan = &job->plan;
    const bool exhaustive = job->format == FMT_F32 && plan->part_count[PART_EXHAUSTIVE] > 0;
    const int isa = exhaustive_fast_isa();
    job->fast = exhaustive && opt->exhaustive_reference == EXHAUSTIVE_FAST &&
                exhaustive_available(job->activation, isa);
    job->ordinary_points = job->fast ? plan->part_start[PART_EXHAUSTIVE] : plan->total;
    job->ordinary_chunks = (job->ordinary_points + CHUNK_POINTS - 1) / CHUNK_POINTS;
    job->total_chunks = job->ordinary_chunks;
    if (!job->fast)
        return;
    const uint64_t rest = plan->total - job->ordinary_points;
    job->total_chunks += (rest + EXHAUSTIVE_CHUNK_POINTS - 1) / EXHAUSTIVE_CHUNK_POINTS;
    const struct activation_info *info = &activation_catalog[job->activation];
    struct exhaustive_context *c = &job->exhaustive;
    c->activation = job->activation;
    c->params = &job->params;
    c->plan = &job->plan;
    c->impls = job->impls;
    c->impl_count = job->impl_count;
    c->isa = isa;
    c->audit_share = opt->audit_share ? opt->audit_share : EXHAUSTIVE_AUDIT_SHARE;
    c->check_range = activation_properties_hold(job->activation, &job->params);
    c->range_lo = outward(FMT_F32, info->properties.range_lo, -1);
    c->range_hi = outward(FMT_F32, info->properties.range_hi, +1);
}

void accuracy_rows_free(struct accuracy_row *rows, size_t row_count)
{
    if (!rows)
        return;
    for (size_t i = 0; i < row_count; i++) {
        free(rows[i].value_profile);
        free(rows[i].gradient_profile);
    }
    free(rows);
}

/* The rows of a run: one per (implementation, selected format it is
 * measured in), in implementation order then format order; row_of maps
 * (implementation, format) to its row or -1. */
static struct accuracy_row *rows_make(const struct accuracy_options *opt,
                                      const struct implementation *const *impls, size_t impl_count,
                                      long *row_of, size_t *row_count)
{
    size_t count = 0;
    for (size_t i = 0; i < impl_count; i++)
        for (int f = 0; f < FMT_COUNT; f++) {
            bool measured = opt->formats[f] && impl_measures_format(impls[i], (enum number_format)f);
            row_of[i * FMT_COUNT + (size_t)f] = measured ? (long)count++ : -1;
        }
    struct accuracy_row *rows = calloc(count ? count : 1, sizeof *rows);
    if (!rows)
        return NULL;
    for (size_t i = 0; i < impl_count; i++)
        for (int f = 0; f < FMT_COUNT; f++) {
            long r = row_of[i * FMT_COUNT + (size_t)f];
            if (r < 0)
                continue;
            struct accuracy_row *row = &rows[r];
            row->impl = impls[i];
            row->format = (enum number_format)f;
            row->skipped = !impl_runs_here(impls[i]);
            /* a forward-only implementation has no parameter gradient either */
            row->has_param_gradient = activation_catalog[impls[i]->activation].param_gradient &&
                                      impl_has_gradient(impls[i]);
            row->has_gelu_distance = activation_companion(impls[i]->activation) != ACT_COUNT;
            if (!row->skipped) {
                row->value_profile = calloc(1, sizeof *row->value_profile);
                row->gradient_profile = calloc(1, sizeof *row->gradient_profile);
                if (!row->value_profile || !row->gradient_profile) {
                    accuracy_rows_free(rows, count);
                    return NULL;
                }
            }
        }
    *row_count = count;
    return rows;
}

int accuracy_run(const struct accuracy_options *opt, const struct implementation *const *impls,
                 size_t impl_count, struct accuracy_row **rows_out, size_t *row_count_out,
                 char *error, size_t error_size)
{
    size_t row_count = 0;
    long *row_of = calloc(impl_count * FMT_COUNT + 1, sizeof *row_of);
    struct accuracy_row *rows = row_of ? rows_make(opt, impls, impl_count, row_of, &row_count) : NULL;
    const struct implementation **runnable = calloc(impl_count ? impl_count : 1, sizeof *runnable);
    struct accuracy_row **targets = calloc(impl_count ? impl_count : 1, sizeof *targets);
    if (!rows || !runnable || !targets) {
        accuracy_rows_free(rows, row_count);
        free(row_of);
        free(runnable);
        free(targets);
        snprintf(error, error_size, "out of memory for the result rows");
        return -1;
    }

    int status = 0;
    for (int a = 0; a < ACT_COUNT && status == 0; a++) {
        for (int f = 0; f < FMT_COUNT && status == 0; f++) {
            size_t count = 0;
            for (size_t i = 0; i < impl_count; i++) {
                long r = row_of[i * FMT_COUNT + (size_t)f];
                if (impls[i]->activation == (enum activation_id)a && r >= 0 && !rows[r].skipped) {
                    targets[count] = &rows[r];
                    runnable[count++] = impls[i];
                }
            }
            if (count == 0)
                continue;
            struct activation_job job;
            memset(&job, 0, sizeof job);
            job.activation = (enum activation_id)a;
            job.format = (enum number_format)f;
            act_params_default(job.activation, &job.params);
            input_plan_make(&job.plan, job.activation, &job.params, job.format, opt->seed,
                            opt->binade_points, opt->range_points, opt->exhaustive32 || opt->ranged);
            if (opt->ranged)
                input_plan_restrict(&job.plan, opt->range_lo, opt->range_hi);
            job.impls = runnable;
            job.impl_count = count;
            job_chunks(opt, &job);
            pthread_mutex_init(&job.lock, NULL);
            struct timespec t0, t1;
            clock_gettime(CLOCK_MONOTONIC, &t0);
            status = run_activation_format(opt, &job, targets, error, error_size);
            clock_gettime(CLOCK_MONOTONIC, &t1);
            if (opt->activation_seconds)
                opt->activation_seconds[a] += (double)(t1.tv_sec - t0.tv_sec) +
                                              1e-9 * (double)(t1.tv_nsec - t0.tv_nsec);
            pthread_mutex_destroy(&job.lock);
            if (opt->totals)
                exhaustive_totals_add(opt->totals, &job.totals);
            for (size_t k = 0; k < count && status == 0; k++) {
                struct accuracy_row *row = targets[k];
                /* in the format the implementation computes in */
                row->properties_checked = job.format == row->impl->type && shard_rank() == 0;
                if (row->properties_checked)
                    properties_check(row, &job.params, opt->seed);
            }
        }
    }
    free(row_of);
    free(runnable);
    free(targets);
    if (status != 0) {
        accuracy_rows_free(rows, row_count);
        return -1;
    }
    *rows_out = rows;
    *row_count_out = row_count;
    return 0;
}
