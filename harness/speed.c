/*
 * The speed driver: throughput, latency, gradient and all-cores
 * measurements of every implementation and of a copy kernel, pinned per
 * core, reported as core cycles per element.  See speed.h for the method.
 *
 * This file holds the names, the timing inputs and speed_run; the parts:
 *   speed_kernel.c       how a kernel is called (element type, forward,
 *                        optional gradient, inputs in its type)
 *   speed_copy.c         the copy kernel
 *   speed_buffers.c      buffers and a call set up over them per mode
 *   speed_measure.c      warm-up, repetitions, calibration, statistics
 *   speed_single_core.c  the single-core modes in interleaved rounds
 *   speed_all_cores.c    all cores at once
 *   speed_rows.c         the report's rows and ratios to copy
 */
#ifndef _GNU_SOURCE
#define _GNU_SOURCE
#endif
#include "speed.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "speed_context.h"
#include "speed_rows.h"

/* ---- names --------------------------------------------------------------------- */

static const struct {
    enum speed_mode mode;
    const char *name;
} mode_names[] = {
    {SPEED_MODE_THROUGHPUT, "throughput"},
    {SPEED_MODE_LATENCY, "latency"},
    {SPEED_MODE_GRADIENT_THROUGHPUT, "gradient_throughput"},
    {SPEED_MODE_ALL_CORES_THROUGHPUT, "all_cores_throughput"},
};
#define MODE_COUNT (sizeof mode_names / sizeof mode_names[0])

const char *speed_mode_name(enum speed_mode mode)
{
    for (size_t i = 0; i < MODE_COUNT; i++)
        if (mode_names[i].mode == mode)
            return mode_names[i].name;
    return "?";
}

int speed_modes_parse(const char *text, unsigned *modes, char *error, size_t error_size)
{
    static const char valid[] =
        "valid modes are throughput, latency, gradient_throughput, all_cores_throughput, or all";
    *modes = 0;
    if (strcmp(text, "all") == 0) {
        *modes = SPEED_MODES_ALL;
        return 0;
    }
    const char *item = text;
    for (;;) {
        const char *comma = strchr(item, ',');
        size_t length = comma ? (size_t)(comma - item) : strlen(item);
        unsigned found = 0;
        for (size_t i = 0; i < MODE_COUNT; i++)
            if (strlen(mode_names[i].name) == length && strncmp(item, mode_names[i].name, length) == 0)
                found = mode_names[i].mode;
        if (!found) {
            snprintf(error, error_size, "--modes '%s': '%.*s' is not a mode; %s", text, (int)length,
                     item, valid);
            *modes = 0;
            return -1;
        }
        *modes |= found;
        if (!comma)
            break;
        item = comma + 1;
    }
    return 0;
}

static const char *const distribution_names[DIST_COUNT] = {"uniform", "narrow", "binades"};

const char *input_distribution_name(enum input_distribution d)
{
    return (unsigned)d < DIST_COUNT ? distribution_names[d] : "?";
}

enum input_distribution input_distribution_by_name(const char *name)
{
    for (int d = 0; d < DIST_COUNT; d++)
        if (strcmp(distribution_names[d], name) == 0)
            return (enum input_distribution)d;
    return DIST_COUNT;
}

/* ---- inputs ---------------------------------------------------------------------- */

/* SplitMix64 (Steele, Lea and Flood, 2014): small, fast, and every seed
 * gives a full-period, well-mixed stream. */
static uint64_t splitmix64(uint64_t *state)
{
    uint64_t z = (*state += UINT64_C(0x9e3779b97f4a7c15));
    z = (z ^ (z >> 30)) * UINT64_C(0xbf58476d1ce4e5b9);
    z = (z ^ (z >> 27)) * UINT64_C(0x94d049bb133111eb);
    return z ^ (z >> 31);
}

/* Uniform in [0, 1) on a grid of 2^-24, exact in float. */
static double unit_interval(uint64_t *state)
{
    return (double)(splitmix64(state) >> 40) * 0x1p-24;
}

/* Finite binades: biased exponents 0 (zero and subnormals) to 254. */
#define FINITE_EXPONENTS 255u

void input_distribution_fill(enum input_distribution d, uint64_t seed, float *x, size_t n)
{
    uint64_t state = seed;
    switch (d) {
    case DIST_NARROW:
        for (size_t i = 0; i < n; i++)
            x[i] = (float)(-1.0 + 2.0 * unit_interval(&state));
        break;
    case DIST_BINADES:
        /* Element i takes stratum i mod 510 (exponent and sign) and a random
         * significand; the shuffle then hides the period from branch
         * predictors. */
        for (size_t i = 0; i < n; i++) {
            uint32_t stratum = (uint32_t)(i % (2 * FINITE_EXPONENTS));
            uint32_t sign = stratum & 1u, exponent = stratum >> 1;
            uint32_t significand = (uint32_t)(splitmix64(&state) >> 41); /* 23 bits */
            uint32_t bits = sign << 31 | exponent << 23 | significand;
            memcpy(&x[i], &bits, sizeof bits);
        }
        for (size_t i = n; i > 1; i--) {
            size_t j = (size_t)(splitmix64(&state) % i);
            float t = x[i - 1];
            x[i - 1] = x[j];
            x[j] = t;
        }
        break;
    case DIST_UNIFORM:
    default:
        for (size_t i = 0; i < n; i++)
            x[i] = (float)(-10.0 + 20.0 * unit_interval(&state));
        break;
    }
}

/* ---- the driver ------------------------------------------------------------------ */

void speed_options_default(struct speed_options *o)
{
    memset(o, 0, sizeof *o);
    o->distribution = DIST_UNIFORM;
    o->budget_seconds = SPEED_DEFAULT_BUDGET_SECONDS;
    o->modes = SPEED_MODES_ALL;
    o->seed = SPEED_DEFAULT_SEED;
    o->clock = CLOCK_REQUEST_AUTO;
}

void speed_progress(struct speed_context *c, const char *what)
{
    if (c->options->progress)
        c->options->progress(c->options->progress_context, c->progress_done, c->progress_total, what);
}

/* The latency chains' call sizes: 1 (copy's element), then every input
 * multiple of a runnable subject. */
static void collect_latency_blocks(struct speed_context *c)
{
    c->latency_blocks[0] = 1;
    c->latency_block_count = 1;
    for (size_t i = 0; i < c->count; i++) {
        if (!c->subjects[i].runnable)
            continue;
        size_t m = c->subjects[i].input_multiple;
        int known = 0;
        for (size_t j = 0; j < c->latency_block_count; j++)
            known |= c->latency_blocks[j] == m;
        if (!known && c->latency_block_count < SPEED_LATENCY_BLOCKS_MAX)
            c->latency_blocks[c->latency_block_count++] = m;
    }
}

static size_t planned_measurements(const struct speed_context *c, size_t cores, size_t sizes)
{
    size_t forward = 0, gradient = 0;
    for (size_t i = 0; i < c->count; i++)
        if (c->subjects[i].runnable) {
            forward += speed_subject_has_forward(&c->subjects[i]) != 0;
            gradient += speed_subject_has_gradient(&c->subjects[i]) != 0;
        }
    unsigned modes = c->options->modes;
    struct speed_subject copies[SPEED_COPY_SUBJECTS_MAX];
    const size_t copies_forward = speed_copy_subjects(0, copies);
    const size_t copies_gradient = speed_copy_subjects(1, copies);
    size_t per_size = 0;
    if (modes & SPEED_MODE_THROUGHPUT)
        per_size += copies_forward + forward;
    if (modes & SPEED_MODE_LATENCY)
        per_size += c->latency_block_count + forward;
    if (modes & SPEED_MODE_GRADIENT_THROUGHPUT)
        per_size += copies_gradient + gradient;
    size_t total = cores * sizes * per_size * SPEED_ROUNDS;
    if (modes & SPEED_MODE_ALL_CORES_THROUGHPUT)
        total += sizes * (copies_forward + forward);
    return total;
}

/* The options with every default filled in.  Returns 0, or -1 with a message. */
static int complete_options(struct speed_options *o, struct size_list *default_sizes, char *error,
                            size_t error_size)
{
    if (!(o->budget_seconds > 0.0) || !isfinite(o->budget_seconds))
        o->budget_seconds = SPEED_DEFAULT_BUDGET_SECONDS;
    if (o->modes == 0)
        o->modes = SPEED_MODES_ALL;
    if ((unsigned)o->distribution >= DIST_COUNT) {
        snprintf(error, error_size, "unknown input distribution %d; valid are uniform, narrow, binades",
                 (int)o->distribution);
        return -1;
    }
    *default_sizes = (struct size_list){.items = {{SIZE_L1, 0}}, .count = 1};
    if (!o->sizes || o->sizes->count == 0)
        o->sizes = default_sizes;
    return 0;
}

/* Single-core modes core after core, then all cores at once. */
static int run_everything(struct speed_context *c, char *error, size_t error_size)
{
    const struct speed_options *o = c->options;
    c->progress_total = planned_measurements(c, o->cores->count, o->sizes->count);
    int rc = 0;
    /* One worker thread per core, one after the other: the caller's own
     * thread keeps its affinity. */
    for (size_t i = 0; i < o->cores->count && !rc; i++)
        rc = speed_single_core_run(c, o->cores->positions[i], error, error_size);
    if (!rc && (o->modes & SPEED_MODE_ALL_CORES_THROUGHPUT))
        for (size_t si = 0; si < o->sizes->count && !rc; si++)
            rc = speed_all_cores_run(c, &o->sizes->items[si], error, error_size);
    return rc;
}

int speed_run(const struct speed_options *options, const struct implementation *const *impls,
              size_t count, struct speed_report *out, char *error, size_t error_size)
{
    memset(out, 0, sizeof *out);
    out->first_core = -1;
    double started = monotonic_seconds();

    struct speed_options o = *options;
    struct size_list default_sizes;
    if (complete_options(&o, &default_sizes, error, error_size))
        return -1;
    struct speed_subject *subjects = calloc(count ? count : 1, sizeof *subjects);
    if (!subjects) {
        snprintf(error, error_size, "out of memory for %zu implementations", count);
        return -1;
    }
    for (size_t i = 0; i < count; i++)
        subjects[i] = speed_subject_of(impls[i]);

    struct machine_topology own_topology;
    struct core_selection own_cores = {0};
    int own = 0, rc = 0;
    if (!o.topology) {
        rc = topology_load(&own_topology, error, error_size);
        own = rc == 0;
        o.topology = own ? &own_topology : NULL;
    }
    if (!rc && !o.cores) {
        rc = cores_select_default(o.topology, &own_cores, error, error_size);
        o.cores = &own_cores;
    }
    if (!rc) {
        struct speed_context c = {.options = &o, .topology = o.topology, .subjects = subjects,
                                  .count = count, .report = out};
        collect_latency_blocks(&c);
        rc = run_everything(&c, error, error_size);
        speed_report_fill_ratios(out);
        out->seconds = monotonic_seconds() - started;
    }
    core_selection_free(&own_cores);
    if (own)
        topology_free(&own_topology);
    free(subjects);
    return rc;
}
