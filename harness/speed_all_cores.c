/*
 * all_cores_throughput: every core of the machine at once, one pinned
 * thread per core with its own buffers.
 *
 * For each subject: every thread sets up its call and warms up; then
 * thread 0 measures alone while the others sleep in the barrier (the
 * single-core baseline, taken minutes closer in time and on the same
 * buffers than the single-core rows); then all threads measure together.
 * scaling = (sum over threads of elements/s together) / (thread 0's
 * elements/s alone), from wall time (TSC), so a clock that drops when
 * every core is busy shows up as lost scaling.
 */
#ifndef _GNU_SOURCE
#define _GNU_SOURCE
#endif
#include <math.h>
#include <pthread.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "speed_buffers.h"
#include "speed_context.h"
#include "speed_measure.h"
#include "speed_rows.h"

struct all_cores_result {
    struct speed_measurement m;
    struct speed_call k; /* sizes only, for the row */
    int measured;
    const char *clock;
};

struct all_cores_shared {
    struct speed_context *context;
    const struct size_request *size;
    struct speed_subject *subjects;
    size_t subject_count;
    size_t threads;
    pthread_barrier_t barrier;
    /* Threads wait here until all are created (go = 1) or the start
     * failed (go = -1), so no thread reaches the barrier unless every
     * thread exists. */
    pthread_mutex_t gate_lock;
    pthread_cond_t gate;
    int go;
    atomic_int stop;
    atomic_size_t ready;
    struct all_cores_result *results; /* [subject * threads + thread] */
    struct speed_measurement *alone;  /* [subject]: thread 0 by itself */
    int *alone_measured;
};

struct all_cores_thread {
    struct all_cores_shared *shared;
    size_t index;    /* thread number; 0 leads */
    size_t position; /* core */
    int pinned;
    char note[160];
    int failed;
    char error[256];
};

/* All threads at once, until the budget is spent and every thread has
 * SPEED_MIN_REPETITIONS.  Returns 0 with samples, or -1. */
static int all_cores_together(struct all_cores_thread *t, struct speed_call *k, uint64_t units,
                              struct cycle_clock *clock, struct speed_samples *s, long *switches)
{
    struct all_cores_shared *sh = t->shared;
    double budget = sh->context->options->budget_seconds;
    int ok = !t->failed;
    int counted = 0; /* this thread has added itself to ready */
    *switches = speed_preemptions();
    double start = monotonic_seconds();
    while (ok) {
        if (speed_time_repetition(k, clock, units, s)) {
            snprintf(t->error, sizeof t->error, "out of memory storing repetitions");
            ok = 0;
            break;
        }
        if (s->count == SPEED_MIN_REPETITIONS) {
            atomic_fetch_add(&sh->ready, 1);
            counted = 1;
        }
        /* Any running thread may end the round, so one failed thread
         * cannot leave the others running. */
        if (monotonic_seconds() - start >= budget && atomic_load(&sh->ready) >= sh->threads)
            atomic_store(&sh->stop, 1);
        if (atomic_load(&sh->stop) || s->count >= SPEED_MAX_REPETITIONS)
            break;
    }
    *switches = speed_preemptions() - *switches;
    if (!counted)
        atomic_fetch_add(&sh->ready, 1);
    return ok ? 0 : -1;
}

/* The thread's measurement of the subject, together with the others. */
static void all_cores_measure_together(struct all_cores_thread *t, struct all_cores_result *result,
                                       struct speed_call *k, uint64_t units,
                                       struct cycle_clock *clock)
{
    struct all_cores_shared *sh = t->shared;
    struct speed_samples s = {0};
    double before = NAN, after = NAN;
    long switches = 0;
    int ok = !t->failed && speed_calibrate(clock, &before, t->error, sizeof t->error) == 0;
    if (!ok)
        atomic_fetch_add(&sh->ready, 1);
    else
        ok = all_cores_together(t, k, units, clock, &s, &switches) == 0;
    pthread_barrier_wait(&sh->barrier);

    if (ok && speed_calibrate(clock, &after, t->error, sizeof t->error) == 0) {
        memset(&result->m, 0, sizeof result->m);
        speed_settle_calibration(clock, before, after, result->m.note, sizeof result->m.note);
        speed_note_preemptions(result->m.note, sizeof result->m.note, switches);
        if (speed_summarise(&s, clock, units, k->unit_elements, &result->m) == 0) {
            result->k = *k;
            result->measured = 1;
            result->clock = clock_source_name(clock->source);
        } else {
            snprintf(t->error, sizeof t->error, "out of memory summarising repetitions");
        }
    }
    if (!result->measured && !t->failed) {
        t->failed = 1;
        if (!t->error[0])
            snprintf(t->error, sizeof t->error, "no repetitions");
    }
    speed_samples_free(&s);
}

static void all_cores_subject(struct all_cores_thread *t, size_t subject_index,
                              struct speed_buffers *b, uint64_t bytes, struct cycle_clock *clock)
{
    struct all_cores_shared *sh = t->shared;
    const struct speed_options *o = sh->context->options;
    const struct speed_subject *subject = &sh->subjects[subject_index];
    struct speed_call k;
    uint64_t units = 0;
    if (!t->failed) {
        if (speed_call_setup(&k, subject, SPEED_MODE_THROUGHPUT, bytes, 0, b, o, t->error,
                             sizeof t->error))
            t->failed = 1;
        else
            units = speed_prepare_repetition(&k, clock, o->budget_seconds);
    }
    if (t->index == 0) {
        atomic_store(&sh->stop, 0);
        atomic_store(&sh->ready, 0);
        char what[256];
        snprintf(what, sizeof what, "%s %s %s %zu cores", subject->name,
                 speed_mode_name(SPEED_MODE_ALL_CORES_THROUGHPUT), size_label_name(sh->size->label),
                 sh->threads);
        speed_progress(sh->context, what);
    }
    pthread_barrier_wait(&sh->barrier);
    if (t->index == 0 && !t->failed) {
        char ignored[256];
        sh->alone_measured[subject_index] =
            speed_measure(&k, clock, units, o->budget_seconds, &sh->alone[subject_index], ignored,
                          sizeof ignored) == 0;
    }
    pthread_barrier_wait(&sh->barrier);
    all_cores_measure_together(t, &sh->results[subject_index * sh->threads + t->index], &k, units,
                               clock);
    if (t->index == 0)
        sh->context->progress_done++;
}

static void *all_cores_thread_main(void *argument)
{
    struct all_cores_thread *t = argument;
    struct all_cores_shared *sh = t->shared;
    struct speed_context *c = sh->context;
    pthread_mutex_lock(&sh->gate_lock);
    while (sh->go == 0)
        pthread_cond_wait(&sh->gate, &sh->gate_lock);
    int go = sh->go;
    pthread_mutex_unlock(&sh->gate_lock);
    if (go < 0)
        return NULL;
    t->pinned = pin_thread_to_core(c->topology, t->position, t->note, sizeof t->note) == 0;

    struct cycle_clock clock;
    struct speed_buffers b = {0};
    uint64_t bytes = 0;
    int clock_open = 0;
    if (cycle_clock_open(&clock, c->options->clock, t->error, sizeof t->error))
        t->failed = 1;
    else
        clock_open = 1;
    if (!t->failed && size_resolve(c->topology, t->position, sh->size, &bytes, t->error, sizeof t->error))
        t->failed = 1;
    if (!t->failed && speed_buffers_open(&b, bytes, t->error, sizeof t->error))
        t->failed = 1;
    pthread_barrier_wait(&sh->barrier);
    if (!t->failed)
        clock_busy_warm_up(SPEED_CORE_WARM_UP_SECONDS);
    for (size_t i = 0; i < sh->subject_count; i++)
        all_cores_subject(t, i, &b, bytes, &clock);
    speed_buffers_close(&b);
    if (clock_open)
        cycle_clock_close(&clock);
    return NULL;
}

/* The rows of one subject, one per thread. */
static int subject_rows(struct all_cores_shared *sh, size_t si,
                        const struct all_cores_thread *threads, char *error, size_t error_size)
{
    struct speed_context *c = sh->context;
    const struct machine_topology *t = c->topology;
    double elements_per_ns = 0.0;
    int complete = 1;
    for (size_t i = 0; i < sh->threads; i++) {
        const struct all_cores_result *result = &sh->results[si * sh->threads + i];
        if (result->measured && result->m.ns_median > 0.0)
            elements_per_ns += 1.0 / result->m.ns_median;
        else
            complete = 0;
    }
    const struct speed_measurement *alone = sh->alone_measured[si] ? &sh->alone[si] : NULL;
    double scaling = complete && alone && alone->ns_median > 0.0
                         ? elements_per_ns * alone->ns_median : NAN;
    char baseline[160];
    if (alone)
        snprintf(baseline, sizeof baseline,
                 "scaling baseline: core %d alone, %.4g ns and %.4g cycles per element",
                 t->cores[threads[0].position].index, alone->ns_median, alone->cpe_median);
    else
        snprintf(baseline, sizeof baseline, "no baseline: core %d alone was not measured",
                 t->cores[threads[0].position].index);
    for (size_t i = 0; i < sh->threads; i++) {
        const struct all_cores_result *result = &sh->results[si * sh->threads + i];
        struct speed_row *row = speed_report_add(c->report, error, error_size);
        if (!row)
            return -1;
        uint64_t size_bytes = 0;
        char ignored[256];
        size_resolve(t, threads[i].position, sh->size, &size_bytes, ignored, sizeof ignored);
        speed_row_identity(row, &sh->subjects[si], SPEED_MODE_ALL_CORES_THROUGHPUT, sh->size,
                           size_bytes, c->options);
        speed_row_core(row, t, threads[i].position, threads[i].pinned);
        row->threads = (unsigned)sh->threads;
        if (!threads[i].pinned) {
            row->status = "not_pinned";
            snprintf(row->note, sizeof row->note, "%s", threads[i].note);
        }
        if (result->measured) {
            speed_row_measurement(row, &result->k, &result->m, result->clock);
            row->all_cores_scaling = scaling;
        } else {
            row->status = "error";
            speed_note_append(row->note, sizeof row->note, threads[i].error);
        }
        speed_note_append(row->note, sizeof row->note, baseline);
    }
    return 0;
}

/* Every thread has its own buffers: keep them within half the memory.
 * Returns 1 when they do not fit (the skipped_memory rows are added), 0
 * when they do, -1 with a message. */
static int skip_for_memory(struct speed_context *c, const struct size_request *size, char *error,
                           size_t error_size)
{
    const struct machine_topology *t = c->topology;
    size_t threads = t->core_count;
    uint64_t arena_total = 0;
    for (size_t p = 0; p < threads; p++) {
        uint64_t bytes;
        if (size_resolve(t, p, size, &bytes, error, error_size))
            return -1;
        arena_total += speed_buffers_arena_bytes(bytes);
    }
    if (!t->physical_memory_bytes || arena_total <= t->physical_memory_bytes / 2)
        return 0;
    char total[32];
    format_bytes(arena_total, total, sizeof total);
    char note[192];
    snprintf(note, sizeof note, "buffers for %zu threads (%s) exceed half of physical memory",
             threads, total);
    struct speed_subject copy = speed_subject_copy();
    struct speed_row *row = speed_row_unmeasured(c, &copy, SPEED_MODE_ALL_CORES_THROUGHPUT, size, 0,
                                                 -1, "skipped_memory", note, error, error_size);
    if (!row)
        return -1;
    row->threads = (unsigned)threads;
    for (size_t i = 0; i < c->count; i++)
        if (!speed_row_unmeasured(c, &c->subjects[i], SPEED_MODE_ALL_CORES_THROUGHPUT, size, 0, -1,
                                  "skipped_memory", note, error, error_size))
            return -1;
    return 1;
}

/* The subjects: copy (and the 512-bit copy where the CPU runs it), then
 * every implementation this CPU runs forward;
 * the others get their unmeasured rows.  Returns 0, or -1 with a message. */
static int collect_subjects(struct speed_context *c, struct all_cores_shared *sh, char *error,
                            size_t error_size)
{
    sh->subjects = calloc(c->count + SPEED_COPY_SUBJECTS_MAX, sizeof *sh->subjects);
    if (!sh->subjects) {
        snprintf(error, error_size, "out of memory for %zu all-cores subjects",
                 c->count + SPEED_COPY_SUBJECTS_MAX);
        return -1;
    }
    sh->subject_count = speed_copy_subjects(0, sh->subjects);
    for (size_t i = 0; i < c->count; i++) {
        const struct speed_subject *s = &c->subjects[i];
        const char *status = !s->runnable ? (s->skip_status ? s->skip_status : "skipped_isa")
                             : !speed_subject_has_forward(s) ? "no_forward" : NULL;
        if (!status)
            sh->subjects[sh->subject_count++] = *s;
        else if (!speed_row_unmeasured(c, s, SPEED_MODE_ALL_CORES_THROUGHPUT, sh->size, 0, -1,
                                       status, s->runnable ? "" : s->skip_note ? s->skip_note : "this CPU lacks the ISA", error,
                                       error_size))
            return -1;
    }
    sh->results = calloc(sh->subject_count * sh->threads, sizeof *sh->results);
    sh->alone = calloc(sh->subject_count, sizeof *sh->alone);
    sh->alone_measured = calloc(sh->subject_count, sizeof *sh->alone_measured);
    if (!sh->results || !sh->alone || !sh->alone_measured) {
        snprintf(error, error_size, "out of memory for all-cores results");
        return -1;
    }
    return 0;
}

/* Starts one thread per core, lets them go once all exist, joins them.
 * Returns 0, or -1 with a message. */
static int run_threads(struct all_cores_shared *sh, struct all_cores_thread *ts, char *error,
                       size_t error_size)
{
    pthread_t *ids = calloc(sh->threads, sizeof *ids);
    if (!ids) {
        snprintf(error, error_size, "out of memory for %zu all-cores threads", sh->threads);
        return -1;
    }
    if (pthread_barrier_init(&sh->barrier, NULL, (unsigned)sh->threads)) {
        snprintf(error, error_size, "pthread_barrier_init failed for %zu threads", sh->threads);
        free(ids);
        return -1;
    }
    pthread_mutex_init(&sh->gate_lock, NULL);
    pthread_cond_init(&sh->gate, NULL);
    size_t started = 0;
    int e = 0;
    for (; started < sh->threads; started++)
        if ((e = pthread_create(&ids[started], NULL, all_cores_thread_main, &ts[started])))
            break;
    pthread_mutex_lock(&sh->gate_lock);
    sh->go = started == sh->threads ? 1 : -1;
    pthread_cond_broadcast(&sh->gate);
    pthread_mutex_unlock(&sh->gate_lock);
    for (size_t i = 0; i < started; i++)
        pthread_join(ids[i], NULL);
    pthread_barrier_destroy(&sh->barrier);
    pthread_cond_destroy(&sh->gate);
    pthread_mutex_destroy(&sh->gate_lock);
    free(ids);
    if (started < sh->threads) {
        snprintf(error, error_size, "could not start thread %zu of %zu for the all-cores run: %s",
                 started, sh->threads, strerror(e));
        return -1;
    }
    return 0;
}

int speed_all_cores_run(struct speed_context *c, const struct size_request *size, char *error,
                        size_t error_size)
{
    int skipped = skip_for_memory(c, size, error, error_size);
    if (skipped)
        return skipped < 0 ? -1 : 0;
    /* every core of the inherited CPU mask, one thread each */
    const struct machine_topology *t = c->topology;
    size_t allowed = 0;
    for (size_t p = 0; p < t->core_count; p++)
        allowed += t->cores[p].allowed;
    struct all_cores_shared sh = {.context = c, .size = size, .threads = allowed};
    struct all_cores_thread *ts = calloc(sh.threads ? sh.threads : 1, sizeof *ts);
    int rc = ts ? collect_subjects(c, &sh, error, error_size) : -1;
    if (!ts)
        snprintf(error, error_size, "out of memory for %zu all-cores threads", sh.threads);
    for (size_t p = 0, i = 0; p < t->core_count && !rc; p++)
        if (t->cores[p].allowed) {
            ts[i] = (struct all_cores_thread){.shared = &sh, .index = i, .position = p};
            i++;
        }
    if (!rc)
        rc = run_threads(&sh, ts, error, error_size);
    for (size_t si = 0; si < sh.subject_count && !rc; si++)
        rc = subject_rows(&sh, si, ts, error, error_size);
    free(sh.subjects);
    free(sh.results);
    free(sh.alone);
    free(sh.alone_measured);
    free(ts);
    return rc;
}
