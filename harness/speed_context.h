/*
 * What the parts of the speed driver share during speed_run: the options,
 * the subjects measured, the report being filled, progress, and the two
 * drivers speed_run calls.
 */
#ifndef ACTBENCH_SPEED_CONTEXT_H
#define ACTBENCH_SPEED_CONTEXT_H

#include <stddef.h>

#include "pinning.h"
#include "speed.h"
#include "speed_kernel.h"

/* Before a core's first measurement: long enough for frequency governors
 * (which react within milliseconds to tens of milliseconds) to ramp up. */
#define SPEED_CORE_WARM_UP_SECONDS 0.05

/* Distinct call sizes of the latency chains, at most. */
#define SPEED_LATENCY_BLOCKS_MAX 4

struct speed_context {
    const struct speed_options *options;
    const struct machine_topology *topology;
    const struct speed_subject *subjects; /* the implementations, in the order given */
    size_t count;
    struct speed_report *report;
    size_t progress_done, progress_total;
    size_t latency_blocks[SPEED_LATENCY_BLOCKS_MAX]; /* 1 first, then every input multiple */
    size_t latency_block_count;
};

/* Tells the options' progress callback what is measured next. */
void speed_progress(struct speed_context *c, const char *what);

/* The single-core modes on the core at position, every size, on a thread
 * of their own.  Returns 0, or -1 with a message naming the core. */
int speed_single_core_run(struct speed_context *c, size_t position, char *error, size_t error_size);

/* all_cores_throughput at one size.  Returns 0, or -1 with a message. */
int speed_all_cores_run(struct speed_context *c, const struct size_request *size, char *error,
                        size_t error_size);

#endif
