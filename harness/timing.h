/*
 * The clock speed measurements read: core cycles of the calling thread.
 *
 * Preferred source: the kernel's hardware cycle counter through
 * perf_event_open (PERF_COUNT_HW_CPU_CYCLES, user space only), which counts
 * the cycles the core actually ran, whatever its frequency.  Where the
 * kernel or the hypervisor does not offer it, the fallback is the time-stamp
 * counter (fenced rdtsc/rdtscp), which ticks at a constant rate unrelated
 * to the core clock; its ticks are converted to core cycles with a ratio
 * measured on the same core in the same run, by timing a chain of dependent
 * integer adds whose latency is one core cycle each.
 *
 * Every figure carries the name of the source it came from:
 * "perf_cycles" or "tsc_calibrated".
 *
 * A clock belongs to the thread that opened it (the perf counter counts
 * that thread only), and the TSC calibration is valid for the core the
 * thread runs on: open it after pinning.  x86-64 only.
 */
#ifndef ACTBENCH_TIMING_H
#define ACTBENCH_TIMING_H

#include <stddef.h>
#include <stdint.h>

enum clock_source {
    CLOCK_SOURCE_PERF_CYCLES,   /* "perf_cycles" */
    CLOCK_SOURCE_TSC_CALIBRATED /* "tsc_calibrated" */
};

enum clock_request {
    CLOCK_REQUEST_AUTO, /* perf cycles where the kernel allows, else TSC */
    CLOCK_REQUEST_TSC   /* TSC even where perf would work (for comparison) */
};

struct cycle_clock {
    enum clock_source source;
    int perf_fd;                     /* -1 unless source is perf */
    double ns_per_tsc_tick;          /* process-wide, measured once */
    double core_cycles_per_tsc_tick; /* latest calibration (TSC source) */
    double overhead_raw;             /* least cost of an empty begin/end pair,
                                        in the source's raw units */
    uint64_t chain_blocks;           /* calibration chain length in use */
    unsigned read_failures;          /* perf reads that returned no value */
    char note[256];                  /* why perf is not used, TSC caveats */
};

/* One reading: the TSC always (wall time), the perf counter when used. */
struct clock_stamp {
    uint64_t tsc;
    uint64_t perf_cycles;
};

const char *clock_source_name(enum clock_source source);

/*
 * Opens a clock on the calling thread.  With CLOCK_REQUEST_AUTO a perf
 * counter that cannot be opened, read, or that miscounts the calibration
 * chain by more than 25% is dropped for the TSC, and clock->note says why
 * (this is not an error).  TSC sources are calibrated once here; call
 * cycle_clock_calibrate again around each measurement to follow frequency
 * changes.  Returns 0, or -1 with a message in error.
 */
int cycle_clock_open(struct cycle_clock *clock, enum clock_request request, char *error,
                     size_t error_size);
void cycle_clock_close(struct cycle_clock *clock);

void clock_stamp_begin(struct cycle_clock *clock, struct clock_stamp *stamp);
void clock_stamp_end(struct cycle_clock *clock, struct clock_stamp *stamp);

/* Raw distance between two stamps in the source's units (perf: cycles;
 * TSC: ticks), less the empty-pair overhead, never below 0. */
double clock_raw_between(const struct cycle_clock *clock, const struct clock_stamp *begin,
                         const struct clock_stamp *end);
/* Core cycles for a raw distance, with the clock's current calibration. */
double clock_raw_to_cycles(const struct cycle_clock *clock, double raw);
/* Wall nanoseconds between two stamps (from the TSC). */
double clock_ns_between(const struct cycle_clock *clock, const struct clock_stamp *begin,
                        const struct clock_stamp *end);

/*
 * Measures core cycles per TSC tick on the calling thread now (the
 * fastest of several chain runs of about 0.1 ms each) and stores it in the clock.
 * For a perf source the ratio is measured too (informational).  Returns 0,
 * or -1 with a message in error.
 */
int cycle_clock_calibrate(struct cycle_clock *clock, double *core_cycles_per_tsc_tick,
                          char *error, size_t error_size);

/*
 * Runs the calibration chain: iterations x adds_per_iteration dependent
 * adds (adds_per_iteration a positive multiple of CHAIN_ADDS_PER_BLOCK)
 * and returns the cycles per iteration measured with this clock (for the
 * TSC source that is ticks times the current calibration).  NaN when the
 * arguments are invalid.
 */
#define CHAIN_ADDS_PER_BLOCK 100
double clock_chain_cycles_per_iteration(struct cycle_clock *clock, unsigned adds_per_iteration,
                                        uint64_t iterations);

/* Keeps the core busy with the chain for about this long, so the
 * frequency governor has ramped up before anything is measured. */
void clock_busy_warm_up(double seconds);

/* Nanoseconds per TSC tick, measured once per process against
 * CLOCK_MONOTONIC_RAW over 20 ms.  Thread-safe. */
double tsc_ns_per_tick(void);

/* Whether cpuid reports an invariant TSC (constant rate in every P- and
 * C-state), leaf 0x80000007 EDX bit 8. */
int tsc_is_invariant(void);

/* CLOCK_MONOTONIC in seconds, for budgets. */
double monotonic_seconds(void);

#endif
