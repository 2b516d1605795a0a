/*
 * Cycle clock: perf_event_open core cycles where allowed, otherwise fenced
 * TSC ticks converted to core cycles by an in-run calibration against a
 * chain of dependent adds.  See timing.h for the contract.
 */
#ifndef _GNU_SOURCE
#define _GNU_SOURCE
#endif
#include "timing.h"

#include <errno.h>
#include <linux/perf_event.h>
#include <math.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/syscall.h>
#include <time.h>
#include <unistd.h>

#if defined(__x86_64__)
#include <cpuid.h>
#else
#error "actbench's clock reads the x86 time-stamp counter; x86-64 only"
#endif

/* Calibration runs last about this long each: long enough that the two
 * fenced TSC reads (some 40 cycles) are below 0.1% of the interval, short
 * enough that a timer interrupt rarely lands inside one. */
#define CALIBRATION_RUN_NS 100000.0
/* Runs per calibration; the fastest is kept (see cycle_clock_calibrate). */
#define CALIBRATION_RUNS 9
/* The perf counter must count the chain within this factor of one cycle
 * per add, else it is not counting core cycles of this thread (a
 * hypervisor that virtualises the PMU badly, a counter multiplexed away). */
#define PERF_CHAIN_LOW 0.8
#define PERF_CHAIN_HIGH 1.25
/* Empty begin/end pairs timed to find the clock's own cost. */
#define OVERHEAD_PAIRS 200

const char *clock_source_name(enum clock_source source)
{
    return source == CLOCK_SOURCE_PERF_CYCLES ? "perf_cycles" : "tsc_calibrated";
}

double monotonic_seconds(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + 1e-9 * (double)ts.tv_nsec;
}

/* ---- time-stamp counter ------------------------------------------------ */

static int cpu_has_rdtscp(void)
{
    unsigned a, b, c, d;
    if (!__get_cpuid(0x80000001u, &a, &b, &c, &d))
        return 0;
    return (d >> 27) & 1u;
}

int tsc_is_invariant(void)
{
    unsigned a, b, c, d;
    if (!__get_cpuid(0x80000000u, &a, &b, &c, &d) || a < 0x80000007u)
        return 0;
    __get_cpuid(0x80000007u, &a, &b, &c, &d);
    return (d >> 8) & 1u;
}

/* Set once, inside measure_ns_per_tick (pthread_once); until then the
 * end read falls back to the lfence-rdtsc-lfence sequence. */
static int rdtscp_available;

/* lfence before rdtsc waits for earlier instructions to finish; the one
 * after keeps the measured code from starting before the read. */
static inline uint64_t tsc_read_begin(void)
{
    uint32_t lo, hi;
    __asm__ volatile("lfence\n\trdtsc\n\tlfence" : "=a"(lo), "=d"(hi)::"memory");
    return ((uint64_t)hi << 32) | lo;
}

/* rdtscp waits for earlier instructions; lfence keeps later ones out. */
static inline uint64_t tsc_read_end(void)
{
    uint32_t lo, hi, aux;
    if (rdtscp_available) {
        __asm__ volatile("rdtscp\n\tlfence" : "=a"(lo), "=d"(hi), "=c"(aux)::"memory");
    } else {
        __asm__ volatile("lfence\n\trdtsc\n\tlfence" : "=a"(lo), "=d"(hi)::"memory");
    }
    return ((uint64_t)hi << 32) | lo;
}

static double ns_per_tick_measured;
static pthread_once_t ns_per_tick_once = PTHREAD_ONCE_INIT;

static double timespec_ns(const struct timespec *ts)
{
    return 1e9 * (double)ts->tv_sec + (double)ts->tv_nsec;
}

/* One clock_gettime bracketed by two TSC reads, the narrowest of many
 * tries: a try that was interrupted or preempted is wide and loses. */
static void tight_reading(uint64_t *tsc_middle, double *ns)
{
    uint64_t narrowest = UINT64_MAX;
    for (int i = 0; i < 64; i++) {
        struct timespec t;
        uint64_t a = tsc_read_begin();
        clock_gettime(CLOCK_MONOTONIC_RAW, &t);
        uint64_t b = tsc_read_end();
        if (b - a < narrowest) {
            narrowest = b - a;
            *tsc_middle = a + (b - a) / 2;
            *ns = timespec_ns(&t);
        }
    }
}

/* Two tight readings 20 ms apart: each is uncertain by its bracket (some
 * 100 ns), so the rate is good to about 1e-5. */
static void measure_ns_per_tick(void)
{
    rdtscp_available = cpu_has_rdtscp();
    uint64_t tsc0, tsc1;
    double ns0, ns1;
    tight_reading(&tsc0, &ns0);
    struct timespec now;
    do
        clock_gettime(CLOCK_MONOTONIC_RAW, &now);
    while (timespec_ns(&now) - ns0 < 20e6);
    tight_reading(&tsc1, &ns1);
    ns_per_tick_measured = (ns1 - ns0) / (double)(tsc1 - tsc0);
}

double tsc_ns_per_tick(void)
{
    pthread_once(&ns_per_tick_once, measure_ns_per_tick);
    return ns_per_tick_measured;
}

/* ---- the calibration chain --------------------------------------------- */

/*
 * blocks x CHAIN_ADDS_PER_BLOCK dependent adds on one register.  An add of
 * two registers has had a latency of one core cycle on every x86 core
 * since the Pentium M and the K8, and the chain through acc allows no
 * overlap, so the chain takes one cycle per add at whatever frequency the
 * core runs.  The addend is a register, not an immediate: recent cores
 * (Intel Golden Cove and later) can fold chains of small immediate adds in
 * the renamer, which would run faster than one per cycle.  The loop
 * counter is a separate dependency chain that overlaps with the adds.
 */
static uint64_t chain_increment_source = 1;

static void run_add_chain(uint64_t blocks)
{
    uint64_t acc = 0;
    uint64_t increment = *(volatile uint64_t *)&chain_increment_source;
    if (blocks == 0)
        return;
    __asm__ volatile("1:\n\t"
                     ".rept 100\n\t"
                     "add %[inc], %[acc]\n\t"
                     ".endr\n\t"
                     "dec %[blocks]\n\t"
                     "jnz 1b\n\t"
                     : [acc] "+r"(acc), [blocks] "+r"(blocks)
                     : [inc] "r"(increment)
                     : "cc");
}

_Static_assert(CHAIN_ADDS_PER_BLOCK == 100, "the .rept count in run_add_chain is 100");

/* ---- perf_event_open ---------------------------------------------------- */

static int perf_open_cycles(char *why, size_t why_size)
{
    struct perf_event_attr attr;
    memset(&attr, 0, sizeof attr);
    attr.type = PERF_TYPE_HARDWARE;
    attr.size = sizeof attr;
    attr.config = PERF_COUNT_HW_CPU_CYCLES;
    attr.exclude_kernel = 1; /* user-only: allowed at perf_event_paranoid 2 */
    attr.exclude_hv = 1;
    /* pinned: never multiplexed; if it cannot stay on the PMU, reads
     * return nothing instead of a scaled estimate. */
    attr.pinned = 1;
    long fd = syscall(SYS_perf_event_open, &attr, 0 /* this thread */, -1 /* any cpu */,
                      -1 /* no group */, PERF_FLAG_FD_CLOEXEC);
    if (fd < 0) {
        snprintf(why, why_size, "perf_event_open(PERF_COUNT_HW_CPU_CYCLES) failed: %s (errno %d)",
                 strerror(errno), errno);
        return -1;
    }
    return (int)fd;
}

static int perf_read(int fd, uint64_t *value)
{
    return read(fd, value, sizeof *value) == (ssize_t)sizeof *value ? 0 : -1;
}

/* ---- stamps -------------------------------------------------------------- */

void clock_stamp_begin(struct cycle_clock *clock, struct clock_stamp *stamp)
{
    stamp->tsc = tsc_read_begin();
    stamp->perf_cycles = 0;
    if (clock->source == CLOCK_SOURCE_PERF_CYCLES && perf_read(clock->perf_fd, &stamp->perf_cycles))
        clock->read_failures++;
}

void clock_stamp_end(struct cycle_clock *clock, struct clock_stamp *stamp)
{
    stamp->perf_cycles = 0;
    if (clock->source == CLOCK_SOURCE_PERF_CYCLES && perf_read(clock->perf_fd, &stamp->perf_cycles))
        clock->read_failures++;
    stamp->tsc = tsc_read_end();
}

static double raw_between(const struct cycle_clock *clock, const struct clock_stamp *begin,
                          const struct clock_stamp *end)
{
    if (clock->source == CLOCK_SOURCE_PERF_CYCLES)
        return (double)(end->perf_cycles - begin->perf_cycles);
    return (double)(end->tsc - begin->tsc);
}

double clock_raw_between(const struct cycle_clock *clock, const struct clock_stamp *begin,
                         const struct clock_stamp *end)
{
    double raw = raw_between(clock, begin, end) - clock->overhead_raw;
    return raw > 0.0 ? raw : 0.0;
}

double clock_raw_to_cycles(const struct cycle_clock *clock, double raw)
{
    if (clock->source == CLOCK_SOURCE_PERF_CYCLES)
        return raw;
    return raw * clock->core_cycles_per_tsc_tick;
}

double clock_ns_between(const struct cycle_clock *clock, const struct clock_stamp *begin,
                        const struct clock_stamp *end)
{
    return (double)(end->tsc - begin->tsc) * clock->ns_per_tsc_tick;
}

static void measure_overhead(struct cycle_clock *clock)
{
    struct clock_stamp b, e;
    double least = INFINITY;
    for (int i = 0; i < OVERHEAD_PAIRS; i++) {
        clock_stamp_begin(clock, &b);
        clock_stamp_end(clock, &e);
        double raw = raw_between(clock, &b, &e);
        if (raw < least)
            least = raw;
    }
    clock->overhead_raw = least;
}

/* ---- calibration ----------------------------------------------------------- */

static int compare_doubles(const void *a, const void *b)
{
    double x = *(const double *)a, y = *(const double *)b;
    return (x > y) - (x < y);
}

/* Doubles the chain until one run lasts CALIBRATION_RUN_NS. */
static void size_chain(struct cycle_clock *clock)
{
    uint64_t blocks = 16;
    for (;;) {
        uint64_t t0 = tsc_read_begin();
        run_add_chain(blocks);
        uint64_t t1 = tsc_read_end();
        if ((double)(t1 - t0) * clock->ns_per_tsc_tick >= CALIBRATION_RUN_NS || blocks > (1u << 30))
            break;
        blocks *= 2;
    }
    clock->chain_blocks = blocks;
}

int cycle_clock_calibrate(struct cycle_clock *clock, double *core_cycles_per_tsc_tick,
                          char *error, size_t error_size)
{
    if (clock->chain_blocks == 0)
        size_chain(clock);
    double adds = (double)clock->chain_blocks * CHAIN_ADDS_PER_BLOCK;
    double ratios[CALIBRATION_RUNS];
    run_add_chain(clock->chain_blocks); /* code and branch predictor warm */
    for (int i = 0; i < CALIBRATION_RUNS; i++) {
        uint64_t t0 = tsc_read_begin();
        run_add_chain(clock->chain_blocks);
        uint64_t t1 = tsc_read_end();
        double ticks = (double)(t1 - t0) - (clock->source == CLOCK_SOURCE_TSC_CALIBRATED
                                                ? clock->overhead_raw : 0.0);
        if (ticks <= 0.0) {
            snprintf(error, error_size, "TSC did not advance over %.0f adds", adds);
            return -1;
        }
        ratios[i] = adds / ticks;
    }
    /* The chain is fixed work: interrupts, preemption and a hypervisor
     * taking the CPU only ever add ticks.  The run with the fewest ticks
     * (largest ratio) is the least disturbed one.  A change of the core
     * clock itself shows as the difference between the calibrations
     * taken before and after each measurement. */
    qsort(ratios, CALIBRATION_RUNS, sizeof ratios[0], compare_doubles);
    double ratio = ratios[CALIBRATION_RUNS - 1];
    double ghz = ratio / clock->ns_per_tsc_tick;
    /* Outside [0.2, 10] GHz the chain did not run at one add per cycle
     * (or the TSC is broken): no core has clocked outside that range. */
    if (!(ghz >= 0.2 && ghz <= 10.0)) {
        snprintf(error, error_size,
                 "calibration chain gives a core clock of %.3g GHz (%.4g cycles per TSC tick), "
                 "outside [0.2, 10] GHz", ghz, ratio);
        return -1;
    }
    clock->core_cycles_per_tsc_tick = ratio;
    if (core_cycles_per_tsc_tick)
        *core_cycles_per_tsc_tick = ratio;
    return 0;
}

double clock_chain_cycles_per_iteration(struct cycle_clock *clock, unsigned adds_per_iteration,
                                        uint64_t iterations)
{
    if (adds_per_iteration == 0 || adds_per_iteration % CHAIN_ADDS_PER_BLOCK != 0 || iterations == 0)
        return NAN;
    uint64_t blocks = iterations * (adds_per_iteration / CHAIN_ADDS_PER_BLOCK);
    struct clock_stamp b, e;
    run_add_chain(blocks < 64 ? blocks : 64);
    clock_stamp_begin(clock, &b);
    run_add_chain(blocks);
    clock_stamp_end(clock, &e);
    return clock_raw_to_cycles(clock, clock_raw_between(clock, &b, &e)) / (double)iterations;
}

void clock_busy_warm_up(double seconds)
{
    double end = monotonic_seconds() + seconds;
    do
        run_add_chain(1000);
    while (monotonic_seconds() < end);
}

/* ---- open / close ------------------------------------------------------------ */

/* Checks that the counter counts this thread's core cycles: the chain of
 * a million adds must read as a million cycles, within the window. */
static int perf_validate(struct cycle_clock *clock, char *why, size_t why_size)
{
    const uint64_t blocks = 10000;
    double least = INFINITY;
    for (int i = 0; i < 3; i++) {
        uint64_t c0, c1;
        if (perf_read(clock->perf_fd, &c0))
            goto unreadable;
        run_add_chain(blocks);
        if (perf_read(clock->perf_fd, &c1))
            goto unreadable;
        double per_add = (double)(c1 - c0) / ((double)blocks * CHAIN_ADDS_PER_BLOCK);
        if (per_add < least)
            least = per_add;
    }
    if (least < PERF_CHAIN_LOW || least > PERF_CHAIN_HIGH) {
        snprintf(why, why_size,
                 "perf cycle counter reads %.3g cycles per dependent add (expected 1): not used", least);
        return -1;
    }
    return 0;
unreadable:
    snprintf(why, why_size, "perf cycle counter opened but could not be read (not scheduled on the PMU)");
    return -1;
}

int cycle_clock_open(struct cycle_clock *clock, enum clock_request request, char *error,
                     size_t error_size)
{
    memset(clock, 0, sizeof *clock);
    clock->perf_fd = -1;
    clock->ns_per_tsc_tick = tsc_ns_per_tick();
    if (!(clock->ns_per_tsc_tick > 0.0) || !isfinite(clock->ns_per_tsc_tick)) {
        snprintf(error, error_size, "the TSC does not advance against CLOCK_MONOTONIC_RAW");
        return -1;
    }
    clock->source = CLOCK_SOURCE_TSC_CALIBRATED;

    if (request == CLOCK_REQUEST_AUTO) {
        char why[192];
        int fd = perf_open_cycles(why, sizeof why);
        if (fd >= 0) {
            clock->perf_fd = fd;
            if (perf_validate(clock, why, sizeof why) == 0) {
                clock->source = CLOCK_SOURCE_PERF_CYCLES;
            } else {
                close(fd);
                clock->perf_fd = -1;
            }
        }
        if (clock->source != CLOCK_SOURCE_PERF_CYCLES)
            snprintf(clock->note, sizeof clock->note, "%s; using TSC calibrated by an add chain", why);
    } else {
        snprintf(clock->note, sizeof clock->note, "TSC requested");
    }
    if (!tsc_is_invariant()) {
        size_t used = strlen(clock->note);
        snprintf(clock->note + used, sizeof clock->note - used,
                 "%scpuid does not report an invariant TSC: ns figures may be off",
                 used ? "; " : "");
    }

    measure_overhead(clock);
    if (cycle_clock_calibrate(clock, NULL, error, error_size)) {
        cycle_clock_close(clock);
        return -1;
    }
    return 0;
}

void cycle_clock_close(struct cycle_clock *clock)
{
    if (clock->perf_fd >= 0)
        close(clock->perf_fd);
    clock->perf_fd = -1;
}
