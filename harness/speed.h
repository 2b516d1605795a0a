/*
 * The speed driver: cycles per element of every implementation, pinned to
 * each selected core, at working-set sizes derived from that core's caches.
 *
 * Modes (one row each per implementation, size and core):
 *   throughput            forward over n independent inputs, called again
 *                         and again on the same buffers;
 *   latency               a dependent chain of small calls (one element, or
 *                         one softmax row / maxout group): each call's input
 *                         depends on the previous call's last output;
 *   gradient_throughput   the gradient over n independent inputs;
 *   all_cores_throughput  throughput on every core of the machine at once,
 *                         one pinned thread per core with its own buffers,
 *                         started together; one row per core.  Just before,
 *                         the first core runs the same kernel alone: the
 *                         scaling factor is the sum of the cores' elements
 *                         per second together over that core's alone, in
 *                         wall time, so a clock that drops when every core
 *                         is busy shows as lost scaling.
 *
 * A copy kernel (a float copy loop of unaligned 256-bit AVX moves, or
 * 128-bit SSE2 moves where the CPU lacks AVX) is measured the same way in
 * every mode, size and core: in gradient mode it moves dy to dx over the
 * gradient's element count, in latency mode it is chained at each call
 * size in use (1, and every row or group size; the call_elements column).
 * Every row carries ratio_to_copy = its median / copy's median in the same
 * mode, size, core and (latency) call size.
 *
 * The gradient mode also measures copy2, the two-input copy
 * (dx = x | dy bit for bit, see speed_copy.h): a gradient reads x and dy
 * and writes dx, twice the copy's reads, so its memory-bound speed is
 * copy2's.  Every gradient row carries ratio_to_copy2 = its median /
 * copy2's median in the same size and core, beside ratio_to_copy.
 *
 * Method.  Throughput calls reuse the same inputs, as XNNPACK's and
 * glibc's benchmarks do (a branch predictor may learn part of a short
 * buffer's pattern; the binades distribution makes that hardest).
 * Buffers are 64-byte aligned, touched by the measuring thread
 * (so they live on its NUMA node), and staggered by three cache lines
 * modulo 4 KiB so that loads of x[i] and stores to y[i] never share
 * address bits 0-11 (no 4K aliasing).  The single-core modes measure
 * all their implementations and the copy kernel in SPEED_ROUNDS
 * interleaved rounds, each a fifth of the budget: on a machine whose speed
 * drifts, every figure then samples the same stretch of time and the
 * ratios to copy hold.  The first round warms up for a tenth of its budget
 * and sizes one repetition to at least 20 us (and 1000 times the clock's
 * own cost, which is subtracted); every round repeats until its budget is
 * spent and at least SPEED_MIN_REPETITIONS were taken; min, median and max
 * are over the repetitions of all rounds.  With the TSC clock the
 * core-cycle ratio is calibrated just before and just after each round and
 * the mean is used; a drift above 2% is noted in the row, and so are
 * involuntary context switches of the measuring thread (another task took
 * the core).  ns per element come from the TSC (wall time), cycles per
 * element from the core clock.
 *
 * Latency chains pass each value through memory (a store, then a load
 * that the CPU forwards from it) into the call and out of it; that floor
 * is what the copy latency row at the same call size measures.  A branchy
 * implementation can beat the copy's latency: where a predicted branch
 * stores a constant (relu's 0), the output does not wait for the input.
 */
#ifndef ACTBENCH_SPEED_H
#define ACTBENCH_SPEED_H

#include <stddef.h>
#include <stdint.h>

#include "implementations.h"
#include "pinning.h"
#include "timing.h"

#define SPEED_DEFAULT_BUDGET_SECONDS 0.05
#define SPEED_DEFAULT_SEED UINT64_C(0x61637462656e6368) /* "actbench" */
#define SPEED_MIN_REPETITIONS 5
/* Single-core modes measure every implementation in this many interleaved
 * rounds of budget / SPEED_ROUNDS each (see speed_single_core.c, run_mode). */
#define SPEED_ROUNDS 5

enum speed_mode {
    SPEED_MODE_THROUGHPUT = 1u << 0,
    SPEED_MODE_LATENCY = 1u << 1,
    SPEED_MODE_GRADIENT_THROUGHPUT = 1u << 2,
    SPEED_MODE_ALL_CORES_THROUGHPUT = 1u << 3,
};
#define SPEED_MODES_ALL 0xfu

/* "throughput", "latency", "gradient_throughput", "all_cores_throughput". */
const char *speed_mode_name(enum speed_mode mode);
/* Comma list of mode names, or "all".  Returns 0, or -1 with a message. */
int speed_modes_parse(const char *text, unsigned *modes, char *error, size_t error_size);

enum input_distribution {
    DIST_UNIFORM, /* "uniform": [-10, 10] */
    DIST_NARROW,  /* "narrow": [-1, 1] */
    DIST_BINADES, /* "binades": every binade of finite floats (subnormals
                     included), both signs, equally often, shuffled */
    DIST_COUNT
};
const char *input_distribution_name(enum input_distribution d);
enum input_distribution input_distribution_by_name(const char *name); /* DIST_COUNT if unknown */
/* x[0 .. n) from the distribution; the same seed gives the same values. */
void input_distribution_fill(enum input_distribution d, uint64_t seed, float *x, size_t n);

/* Called from the measuring thread before each measurement; never
 * concurrently.  done counts measurements finished, of total planned. */
typedef void (*speed_progress_fn)(void *context, size_t done, size_t total, const char *what);

struct speed_options {
    const struct machine_topology *topology; /* NULL: loaded by speed_run;
                                                cores are positions in it */
    const struct size_list *sizes;           /* NULL: L1 only */
    const struct core_selection *cores;      /* NULL: one core of each kind */
    enum input_distribution distribution;
    double budget_seconds;                   /* per measurement */
    unsigned modes;                          /* enum speed_mode bits */
    uint64_t seed;
    enum clock_request clock;
    speed_progress_fn progress;              /* may be NULL */
    void *progress_context;
};

/* Defaults: L1, one core of each kind, uniform, 0.05 s, all modes, fixed seed. */
void speed_options_default(struct speed_options *options);

struct speed_row {
    const char *implementation; /* "copy" for the copy kernel, "copy2" for
                                   the two-input copy (gradient rows) */
    const char *activation;     /* "" for copy */
    const char *method;         /* "" for copy */
    const char *isa;            /* copy: "avx" or "sse2" */
    const char *status;         /* "ok", "not_pinned", "skipped_isa", "no_gradient",
                                   "skipped_memory" */
    const char *mode;           /* speed_mode_name */
    const char *size_label;     /* "L1", "L2", "L3", "DRAM", "custom" */
    uint64_t size_bytes;        /* the working set the label asks for */
    uint64_t bytes;             /* the working set used: all buffers of the mode */
    uint64_t elements;          /* inputs per pass over the buffers */
    uint64_t call_elements;     /* inputs per forward/gradient call */
    unsigned threads;           /* 1, or the thread count of all_cores rows */
    int core;                   /* core asked for (see pinning.h), -1 if none */
    int cpu;                    /* logical CPU bound to, -1 when not pinned */
    char core_kind[64];
    const char *distribution;
    uint64_t seed;
    const char *clock;          /* "perf_cycles" or "tsc_calibrated" */
    uint64_t repetitions;
    double cpe_min, cpe_median, cpe_max; /* core cycles per element */
    double ns_per_element_median;
    double core_ghz;            /* core cycles per ns over the repetitions */
    double ratio_to_copy;       /* NaN where not measured */
    double ratio_to_copy2;      /* gradient rows: cpe_median / copy2's; else NaN */
    /* The floor (throughput and all_cores rows: the forward; gradient
     * rows: the gradient): the vector operations per element of the
     * kernel's main loop counted in its compiled code (impls/kernel_ops.h),
     * over the vector_pipes of its ISA (impls/isa.inc); NaN where there is
     * none, floor_note saying why ("" for latency and copy rows). */
    double ops_per_element;
    double floor_cpe;
    double ratio_to_floor;      /* cpe_median / floor_cpe */
    const char *floor_note;
    /* Bandwidth: bytes read and written per element (the buffers of the
     * mode over its elements, y left out of a gradient whose dx does not
     * depend on it), GB/s at the median, and the copy kernel's GB/s in the
     * same mode, size and core; NaN in latency rows. */
    uint64_t moved_bytes;       /* bytes read and written per pass */
    double bytes_per_element;
    double gb_per_s;
    double copy_gb_per_s;
    double round_spread;        /* single-core rows: max / min of the medians
                                   of the SPEED_ROUNDS rounds, how far the
                                   figure moved during the run; else NaN */
    double all_cores_scaling;   /* all_cores rows: sum over threads of
                                   elements/s, over the first core's alone
                                   (see the note); else NaN */
    char note[192];
};

struct speed_report {
    struct speed_row *rows;
    size_t count, capacity;
    int first_core;             /* the first measured core, -1 if none */
    char clock_source[32];      /* of the first measured core */
    char clock_note[256];
    double seconds;             /* wall time of speed_run */
};

/*
 * Measures every implementation in impls (count entries) as options say.
 * Implementations whose ISA this CPU lacks get "skipped_isa" rows; binding
 * refused gives "not_pinned" rows measured anyway.  Returns 0, or -1 with a
 * message in error (the report then holds the rows measured so far; free
 * it either way).
 */
int speed_run(const struct speed_options *options, const struct implementation *const *impls,
              size_t count, struct speed_report *out, char *error, size_t error_size);
void speed_report_free(struct speed_report *report);

/*
 * For the accuracy report: the throughput median cycles per element and
 * ratio_to_copy of an implementation at size L1 on the first measured
 * core.  Returns 0, or -1 when there is no such measured row (then both
 * are NaN).
 */
/* The row behind that summary (its spread too), or NULL. */
const struct speed_row *speed_report_l1_row(const struct speed_report *report,
                                            const char *implementation);
int speed_report_l1_summary(const struct speed_report *report, const char *implementation,
                            double *cpe_median, double *ratio_to_copy);

#endif
