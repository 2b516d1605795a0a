/*
 * The clock's calibration chain: N dependent adds take N core cycles.
 *
 * Tolerances.  With perf cycles the counter is independent of the chain,
 * so the chain must read N cycles per iteration within 10% (interrupts
 * are excluded by counting user space only; 10% leaves room for the loop
 * and counter-read overheads on short runs).  With the calibrated TSC the
 * chain IS the calibration, so reading N would prove nothing; instead two
 * chain lengths must scale (N = 4000 takes 4x N = 1000 within 5%: the
 * clock is linear and the fixed costs are small), and the core clock the
 * calibration implies must lie in [0.2, 10] GHz (no x86 core has run
 * outside that).  Each figure is the least of several runs, since
 * interruptions only ever add time; the runs of the two lengths alternate,
 * so that both meet the same clock speeds when a busy machine moves the
 * core's frequency while the test runs.  A host that takes the virtual
 * core away for longer than a run, or changes its clock between the two
 * lengths' runs, can still spoil every run of one set: the TSC set is
 * measured again, up to ATTEMPTS times, until its ratio holds; every
 * attempt's figures are printed, and the test fails if none holds.
 */
#ifndef _GNU_SOURCE
#define _GNU_SOURCE
#endif
#include <math.h>
#include <pthread.h>
#include <stdio.h>

#include "../harness/pinning.h"
#include "../harness/timing.h"

#define RUNS 15
/* 0.2 and 0.8 ms per run at 2.5 GHz: short enough that some of the RUNS
 * escape preemption on a busy machine */
#define ITERATIONS 500
#define ATTEMPTS 3

#include "check.h"

/* The least cycles per iteration of chains of `a` and of `b` adds, their
 * runs alternating. */
static void least_cycles(struct cycle_clock *clock, unsigned a, unsigned b, double *least_a,
                         double *least_b)
{
    *least_a = *least_b = INFINITY;
    for (int i = 0; i < RUNS; i++) {
        double ca = clock_chain_cycles_per_iteration(clock, a, ITERATIONS);
        double cb = clock_chain_cycles_per_iteration(clock, b, ITERATIONS);
        if (ca < *least_a)
            *least_a = ca;
        if (cb < *least_b)
            *least_b = cb;
    }
}

static void test_clock(enum clock_request request, const char *label)
{
    struct cycle_clock clock;
    char error[512], detail[512];
    if (cycle_clock_open(&clock, request, error, sizeof error)) {
        check_detail(0, "open the clock", error);
        return;
    }
    printf("%s: source %s%s%s\n", label, clock_source_name(clock.source), clock.note[0] ? "; " : "",
           clock.note);
    clock_busy_warm_up(0.05);
    if (cycle_clock_calibrate(&clock, NULL, error, sizeof error)) {
        check_detail(0, "calibrate", error);
        cycle_clock_close(&clock);
        return;
    }
    double tsc_ghz = 1.0 / clock.ns_per_tsc_tick;
    double core_ghz = clock.core_cycles_per_tsc_tick * tsc_ghz;
    double c1000, c4000;
    for (int attempt = 1;; attempt++) {
        least_cycles(&clock, 1000, 4000, &c1000, &c4000);
        snprintf(detail, sizeof detail,
                 "N=1000: %.1f cycles, N=4000: %.1f cycles, ratio %.4f; TSC %.4f GHz, core %.4f GHz "
                 "(%.4f cycles per tick), empty stamp pair %.1f raw units",
                 c1000, c4000, c4000 / c1000, tsc_ghz, core_ghz, clock.core_cycles_per_tsc_tick,
                 clock.overhead_raw);
        printf("%s: attempt %d: %s\n", label, attempt, detail);
        if (clock.source == CLOCK_SOURCE_PERF_CYCLES || fabs(c4000 / c1000 / 4.0 - 1.0) <= 0.05 ||
            attempt == ATTEMPTS)
            break;
    }
    if (clock.source == CLOCK_SOURCE_PERF_CYCLES) {
        check_detail(fabs(c1000 / 1000.0 - 1.0) <= 0.10, "perf: 1000 adds read 1000 cycles within 10%", detail);
        check_detail(fabs(c4000 / 4000.0 - 1.0) <= 0.10, "perf: 4000 adds read 4000 cycles within 10%", detail);
    } else {
        check_detail(fabs(c4000 / c1000 / 4.0 - 1.0) <= 0.05, "tsc: 4000 adds take 4x 1000 adds within 5%",
              detail);
        check_detail(core_ghz >= 0.2 && core_ghz <= 10.0, "tsc: calibrated core clock in [0.2, 10] GHz",
              detail);
    }
    check_detail(isnan(clock_chain_cycles_per_iteration(&clock, 150, 1)),
          "a chain length that is not a multiple of 100 is refused", "");
    cycle_clock_close(&clock);
}

struct pinned_run {
    const struct machine_topology *topology;
    size_t position;
};

/* Pinned, so the calibration and the chain run on one core. */
static void *pinned_main(void *argument)
{
    struct pinned_run *r = argument;
    char note[256];
    if (pin_thread_to_core(r->topology, r->position, note, sizeof note))
        printf("note: running unpinned: %s\n", note);
    test_clock(CLOCK_REQUEST_AUTO, "auto");
    test_clock(CLOCK_REQUEST_TSC, "tsc");
    return NULL;
}

int main(void)
{
    struct machine_topology t;
    char error[512];
    if (topology_load(&t, error, sizeof error)) {
        printf("FAIL: topology_load: %s\n", error);
        return 1;
    }
    struct pinned_run run = {&t, t.core_count - 1};
    pthread_t id;
    if (pthread_create(&id, NULL, pinned_main, &run)) {
        printf("FAIL: pthread_create\n");
        topology_free(&t);
        return 1;
    }
    pthread_join(id, NULL);
    topology_free(&t);
    return check_summary("test_calibration");
}
