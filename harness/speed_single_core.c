/*
 * The single-core modes (throughput, latency, gradient_throughput) on one
 * pinned core: every subject and the copy kernel in SPEED_ROUNDS
 * interleaved rounds per mode and size (see speed.h).
 */
#ifndef _GNU_SOURCE
#define _GNU_SOURCE
#endif
#include <math.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "speed_buffers.h"
#include "speed_context.h"
#include "speed_measure.h"
#include "speed_rows.h"

struct core_worker {
    struct speed_context *context;
    size_t position;
    int pinned;
    char pin_note[160];
    struct cycle_clock clock;
    int rc;
    char error[512];
};

/* A mode at one size on the worker's core, over its buffers. */
struct mode_run {
    struct core_worker *worker;
    enum speed_mode mode;
    const struct size_request *size;
    uint64_t bytes;
    struct speed_buffers *buffers;
};

/*
 * One cell of a single-core mode: a subject (an implementation, or the
 * copy kernel at a call size) measured over the rounds, or a row that is
 * not measured (status).
 */
struct cell {
    const struct speed_subject *subject;
    size_t block;          /* latency call size; 0 = the subject's input multiple */
    const char *status;    /* NULL: measured; else the unmeasured row's status */
    const char *unmeasured_note;
    struct speed_call call;
    uint64_t units;        /* speed_call_run units per repetition, fixed in round 0 */
    struct speed_samples cycles; /* core cycles and ns per repetition, all rounds */
    double round_median[SPEED_ROUNDS]; /* core cycles per repetition */
    int clock_failed;
    char note[192];
};

static const enum speed_mode single_core_modes[] = {SPEED_MODE_THROUGHPUT, SPEED_MODE_LATENCY,
                                                    SPEED_MODE_GRADIENT_THROUGHPUT};

/* The cells of a mode: the copies first (the mode's baselines: copy, one
 * per latency call size; in the throughput modes also the 512-bit copy
 * where the CPU runs it, and in the gradient mode copy2, the two-input
 * copy, and its 512-bit twin), then every implementation in the order
 * given. */
static size_t mode_cells(const struct speed_context *c, enum speed_mode mode,
                         const struct speed_subject *copies, size_t copy_count, struct cell *cells)
{
    size_t n = 0;
    if (mode == SPEED_MODE_LATENCY) {
        for (size_t i = 0; i < c->latency_block_count; i++)
            cells[n++] = (struct cell){.subject = &copies[0], .block = c->latency_blocks[i]};
    } else {
        for (size_t i = 0; i < copy_count; i++)
            cells[n++] = (struct cell){.subject = &copies[i]};
    }
    for (size_t i = 0; i < c->count; i++) {
        const struct speed_subject *s = &c->subjects[i];
        struct cell *cell = &cells[n++];
        *cell = (struct cell){.subject = s};
        int gradient = mode == SPEED_MODE_GRADIENT_THROUGHPUT;
        int has = gradient ? speed_subject_has_gradient(s) : speed_subject_has_forward(s);
        if (!s->runnable) {
            cell->status = s->skip_status ? s->skip_status : "skipped_isa";
            cell->unmeasured_note = s->skip_note ? s->skip_note : "this CPU lacks the ISA";
        } else if (!has) {
            cell->status = gradient ? "no_gradient" : "no_forward";
            cell->unmeasured_note = "";
        }
    }
    return n;
}

/* A cell's part of a round: set up (the buffers are shared, so every
 * round sets the cell's inputs again), warm up, repetitions. */
static int measure_cell_round(struct mode_run *run, struct cell *cell, unsigned round,
                              double round_budget)
{
    struct core_worker *w = run->worker;
    struct speed_context *c = w->context;
    char what[256];
    snprintf(what, sizeof what, "%s %s %s core %d", cell->subject->name, speed_mode_name(run->mode),
             size_label_name(run->size->label), c->topology->cores[w->position].index);
    speed_progress(c, what);
    if (speed_call_setup(&cell->call, cell->subject, run->mode, run->bytes, cell->block,
                         run->buffers, c->options, w->error, sizeof w->error))
        return -1;
    if (round == 0)
        cell->units = speed_prepare_repetition(&cell->call, &w->clock, round_budget);
    else
        speed_call_run(&cell->call, cell->units); /* warm caches and predictors */
    size_t first = cell->cycles.count;
    if (speed_collect_round(&cell->call, &w->clock, cell->units, round_budget, &cell->cycles,
                            cell->note, sizeof cell->note, &cell->clock_failed, w->error,
                            sizeof w->error))
        return -1;
    cell->round_median[round] = speed_median(cell->cycles.raw + first, cell->cycles.count - first);
    c->progress_done++;
    return 0;
}

/* The row of a cell after the last round. */
static int cell_row(struct mode_run *run, const struct cell *cell)
{
    struct core_worker *w = run->worker;
    struct speed_context *c = w->context;
    if (cell->status)
        return speed_row_unmeasured(c, cell->subject, run->mode, run->size, run->bytes,
                                    (int)w->position, cell->status, cell->unmeasured_note,
                                    w->error, sizeof w->error) ? 0 : -1;
    struct speed_measurement m;
    if (speed_measurement_of_rounds(&cell->cycles, cell->units, cell->call.unit_elements,
                                    cell->note, cell->clock_failed, &m, w->error, sizeof w->error))
        return -1;
    struct speed_row *row = speed_report_add(c->report, w->error, sizeof w->error);
    if (!row)
        return -1;
    speed_row_identity(row, cell->subject, run->mode, run->size, run->bytes, c->options);
    speed_row_core(row, c->topology, w->position, w->pinned);
    if (!w->pinned) {
        row->status = "not_pinned";
        snprintf(row->note, sizeof row->note, "%s", w->pin_note);
    }
    speed_row_measurement(row, &cell->call, &m, clock_source_name(w->clock.source));
    row->round_spread = cell->clock_failed ? NAN : speed_spread(cell->round_median, SPEED_ROUNDS);
    return 0;
}

/*
 * A mode at one size on one core, in SPEED_ROUNDS interleaved rounds: each
 * round measures every cell for budget / SPEED_ROUNDS.  On a machine whose
 * speed drifts (other tenants, a shared core's sibling thread), every cell
 * and the copy kernel then sample the same stretch of time, so their
 * ratios hold, and each cell's median spreads over the whole run instead
 * of one moment of it.
 */
static int run_mode(struct mode_run *run)
{
    struct speed_context *c = run->worker->context;
    const size_t room = c->count + SPEED_LATENCY_BLOCKS_MAX + SPEED_COPY_SUBJECTS_MAX;
    struct cell *cells = calloc(room, sizeof *cells);
    if (!cells) {
        snprintf(run->worker->error, sizeof run->worker->error, "out of memory for %zu measurements",
                 room);
        return -1;
    }
    struct speed_subject copies[SPEED_COPY_SUBJECTS_MAX];
    size_t copy_count = speed_copy_subjects(run->mode == SPEED_MODE_GRADIENT_THROUGHPUT, copies);
    size_t n = mode_cells(c, run->mode, copies, copy_count, cells);
    double round_budget = c->options->budget_seconds / SPEED_ROUNDS;
    int rc = 0;
    for (unsigned round = 0; round < SPEED_ROUNDS && !rc; round++)
        for (size_t i = 0; i < n && !rc; i++)
            if (!cells[i].status)
                rc = measure_cell_round(run, &cells[i], round, round_budget);
    for (size_t i = 0; i < n && !rc; i++)
        rc = cell_row(run, &cells[i]);
    for (size_t i = 0; i < n; i++)
        speed_samples_free(&cells[i].cycles);
    free(cells);
    return rc;
}

static int run_core_size(struct core_worker *w, const struct size_request *size)
{
    struct speed_context *c = w->context;
    struct mode_run run = {.worker = w, .size = size};
    if (size_resolve(c->topology, w->position, size, &run.bytes, w->error, sizeof w->error))
        return -1;
    struct speed_buffers b;
    if (speed_buffers_open(&b, run.bytes, w->error, sizeof w->error))
        return -1;
    run.buffers = &b;
    int rc = 0;
    for (size_t mi = 0; mi < sizeof single_core_modes / sizeof single_core_modes[0] && !rc; mi++) {
        run.mode = single_core_modes[mi];
        if (c->options->modes & run.mode)
            rc = run_mode(&run);
    }
    speed_buffers_close(&b);
    return rc;
}

static void *core_worker_main(void *argument)
{
    struct core_worker *w = argument;
    struct speed_context *c = w->context;
    w->pinned = pin_thread_to_core(c->topology, w->position, w->pin_note, sizeof w->pin_note) == 0;
    if (cycle_clock_open(&w->clock, c->options->clock, w->error, sizeof w->error)) {
        w->rc = -1;
        return NULL;
    }
    struct speed_report *report = c->report;
    if (report->first_core < 0) {
        report->first_core = c->topology->cores[w->position].index;
        snprintf(report->clock_source, sizeof report->clock_source, "%s",
                 clock_source_name(w->clock.source));
        snprintf(report->clock_note, sizeof report->clock_note, "%s", w->clock.note);
    }
    clock_busy_warm_up(SPEED_CORE_WARM_UP_SECONDS);
    w->rc = 0;
    for (size_t si = 0; si < c->options->sizes->count && !w->rc; si++)
        w->rc = run_core_size(w, &c->options->sizes->items[si]);
    cycle_clock_close(&w->clock);
    return NULL;
}

int speed_single_core_run(struct speed_context *c, size_t position, char *error, size_t error_size)
{
    struct core_worker w = {.context = c, .position = position};
    pthread_t id;
    int e = pthread_create(&id, NULL, core_worker_main, &w);
    if (e) {
        snprintf(error, error_size, "could not start the measuring thread: %s", strerror(e));
        return -1;
    }
    pthread_join(id, NULL);
    if (w.rc) {
        snprintf(error, error_size, "core %d: %s", c->topology->cores[position].index, w.error);
        return -1;
    }
    return 0;
}
