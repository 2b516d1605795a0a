/* One measurement: repetitions, calibration, statistics (see speed_measure.h). */
#ifndef _GNU_SOURCE
#define _GNU_SOURCE
#endif
#include "speed_measure.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>

/* A repetition lasts at least this long: the fenced TSC pair (some 40
 * cycles) is then below 0.1% of it, and a 250 Hz timer tick lands in
 * about one repetition in 200, which the median ignores. */
#define MIN_REPETITION_NS 20000.0
/* ... and at least this many times the clock's own cost (a perf read is a
 * system call of about a microsecond). */
#define MIN_REPETITION_OVERHEADS 1000.0
#define WARM_UP_FRACTION 0.1
/* The core clock may move this much between the calibrations around a
 * measurement before the row says so. */
#define DRIFT_NOTE_THRESHOLD 0.02

/* ---- samples and statistics ----------------------------------------------------- */

static int samples_push(struct speed_samples *s, double raw, double ns)
{
    if (s->count == s->capacity) {
        size_t capacity = s->capacity ? 2 * s->capacity : 1024;
        double *raw_grown = realloc(s->raw, capacity * sizeof *raw_grown);
        if (!raw_grown)
            return -1;
        s->raw = raw_grown;
        double *ns_grown = realloc(s->ns, capacity * sizeof *ns_grown);
        if (!ns_grown)
            return -1;
        s->ns = ns_grown;
        s->capacity = capacity;
    }
    s->raw[s->count] = raw;
    s->ns[s->count] = ns;
    s->count++;
    return 0;
}

void speed_samples_free(struct speed_samples *s)
{
    free(s->raw);
    free(s->ns);
    memset(s, 0, sizeof *s);
}

static int compare_doubles(const void *a, const void *b)
{
    double x = *(const double *)a, y = *(const double *)b;
    return (x > y) - (x < y);
}

static double median_sorted(const double *v, size_t n)
{
    return n % 2 ? v[n / 2] : 0.5 * (v[n / 2 - 1] + v[n / 2]);
}

double speed_median(const double *v, size_t n)
{
    double *copy = malloc(n * sizeof *copy);
    if (!copy)
        return NAN;
    memcpy(copy, v, n * sizeof *copy);
    qsort(copy, n, sizeof *copy, compare_doubles);
    double m = median_sorted(copy, n);
    free(copy);
    return m;
}

double speed_spread(const double *v, size_t n)
{
    double lo = v[0], hi = lo;
    for (size_t i = 1; i < n; i++) {
        lo = fmin(lo, v[i]);
        hi = fmax(hi, v[i]);
    }
    return lo > 0.0 ? hi / lo : NAN;
}

/* clock NULL: the samples' raw values are core cycles already.  Returns 0,
 * or -1 when out of memory (or there is no sample). */
int speed_summarise(const struct speed_samples *s, const struct cycle_clock *clock, uint64_t units,
                    size_t unit_elements, struct speed_measurement *m)
{
    double *cpe = malloc(s->count * sizeof *cpe);
    double *nspe = malloc(s->count * sizeof *nspe);
    if (!cpe || !nspe || s->count == 0) {
        free(cpe);
        free(nspe);
        return -1;
    }
    double elements = (double)units * (double)unit_elements;
    double cycles_total = 0.0, ns_total = 0.0;
    for (size_t i = 0; i < s->count; i++) {
        double cycles = clock ? clock_raw_to_cycles(clock, s->raw[i]) : s->raw[i];
        cycles_total += cycles;
        ns_total += s->ns[i];
        cpe[i] = cycles / elements;
        nspe[i] = s->ns[i] / elements;
    }
    qsort(cpe, s->count, sizeof *cpe, compare_doubles);
    qsort(nspe, s->count, sizeof *nspe, compare_doubles);
    m->repetitions = s->count;
    m->cpe_min = cpe[0];
    m->cpe_median = median_sorted(cpe, s->count);
    m->cpe_max = cpe[s->count - 1];
    m->ns_median = median_sorted(nspe, s->count);
    m->core_ghz = ns_total > 0.0 ? cycles_total / ns_total : NAN;
    free(cpe);
    free(nspe);
    return 0;
}

/* ---- notes -------------------------------------------------------------------- */

void speed_note_append(char *note, size_t size, const char *text)
{
    if (!text[0])
        return;
    size_t used = strlen(note);
    snprintf(note + used, size - used, "%s%s", used ? "; " : "", text);
}

int speed_calibrate(struct cycle_clock *clock, double *ratio, char *error, size_t error_size)
{
    if (clock->source == CLOCK_SOURCE_PERF_CYCLES) {
        *ratio = NAN;
        return 0;
    }
    return cycle_clock_calibrate(clock, ratio, error, error_size);
}

void speed_settle_calibration(struct cycle_clock *clock, double before, double after, char *note,
                              size_t note_size)
{
    if (clock->source == CLOCK_SOURCE_PERF_CYCLES)
        return;
    double mean = 0.5 * (before + after);
    clock->core_cycles_per_tsc_tick = mean;
    double drift = fabs(after - before) / mean;
    if (drift > DRIFT_NOTE_THRESHOLD) {
        char text[128];
        snprintf(text, sizeof text, "core clock moved %.1f%% during the measurement (%.3f to %.3f GHz)",
                 100.0 * drift, before / clock->ns_per_tsc_tick, after / clock->ns_per_tsc_tick);
        speed_note_append(note, note_size, text);
    }
}

/* Another task took the core: the repetitions it hit will show. */
long speed_preemptions(void)
{
    struct rusage u;
    return getrusage(RUSAGE_THREAD, &u) == 0 ? u.ru_nivcsw : 0;
}

void speed_note_preemptions(char *note, size_t note_size, long count)
{
    if (count > 0) {
        char text[96];
        snprintf(text, sizeof text, "preempted %ld time%s during the repetitions", count,
                 count == 1 ? "" : "s");
        speed_note_append(note, note_size, text);
    }
}

/* ---- repetitions ----------------------------------------------------------------- */

uint64_t speed_prepare_repetition(struct speed_call *k, struct cycle_clock *clock, double budget)
{
    double warm_end = monotonic_seconds() + WARM_UP_FRACTION * budget;
    speed_call_run(k, 1);
    while (monotonic_seconds() < warm_end)
        speed_call_run(k, 1);

    double overhead_ns = clock->source == CLOCK_SOURCE_PERF_CYCLES
                             ? clock->overhead_raw / clock->core_cycles_per_tsc_tick * clock->ns_per_tsc_tick
                             : clock->overhead_raw * clock->ns_per_tsc_tick;
    double target = fmax(MIN_REPETITION_NS, MIN_REPETITION_OVERHEADS * overhead_ns);
    uint64_t units = 1;
    for (;;) {
        struct clock_stamp b, e;
        clock_stamp_begin(clock, &b);
        speed_call_run(k, units);
        clock_stamp_end(clock, &e);
        double ns = clock_ns_between(clock, &b, &e);
        if (ns >= target || units >= (UINT64_C(1) << 40))
            break;
        double grow = ns > 0.0 ? 1.25 * target / ns : 1024.0;
        if (grow > 1024.0)
            grow = 1024.0;
        if (grow < 2.0)
            grow = 2.0;
        units = (uint64_t)ceil((double)units * grow);
    }
    return units;
}

int speed_time_repetition(struct speed_call *k, struct cycle_clock *clock, uint64_t units,
                          struct speed_samples *s)
{
    struct clock_stamp b, e;
    clock_stamp_begin(clock, &b);
    speed_call_run(k, units);
    clock_stamp_end(clock, &e);
    return samples_push(s, clock_raw_between(clock, &b, &e), clock_ns_between(clock, &b, &e));
}

int speed_collect_round(struct speed_call *k, struct cycle_clock *clock, uint64_t units,
                        double budget, struct speed_samples *cycles, char *note, size_t note_size,
                        int *clock_failed, char *error, size_t error_size)
{
    unsigned failures = clock->read_failures;
    double before, after;
    if (speed_calibrate(clock, &before, error, error_size))
        return -1;
    size_t first = cycles->count;
    long switches = speed_preemptions();
    double start = monotonic_seconds();
    while (cycles->count - first < SPEED_MIN_REPETITIONS ||
           (monotonic_seconds() - start < budget && cycles->count - first < SPEED_MAX_REPETITIONS)) {
        if (speed_time_repetition(k, clock, units, cycles)) {
            snprintf(error, error_size, "out of memory storing %zu repetitions", cycles->count);
            return -1;
        }
    }
    switches = speed_preemptions() - switches;
    if (speed_calibrate(clock, &after, error, error_size))
        return -1;
    char round_note[192] = "";
    speed_settle_calibration(clock, before, after, round_note, sizeof round_note);
    speed_note_preemptions(round_note, sizeof round_note, switches);
    if (round_note[0] && !strstr(note, round_note))
        speed_note_append(note, note_size, round_note);
    for (size_t i = first; i < cycles->count; i++)
        cycles->raw[i] = clock_raw_to_cycles(clock, cycles->raw[i]);
    if (clock->read_failures != failures)
        *clock_failed = 1;
    return 0;
}

int speed_measurement_of_rounds(const struct speed_samples *cycles, uint64_t units,
                                size_t unit_elements, const char *note, int clock_failed,
                                struct speed_measurement *m, char *error, size_t error_size)
{
    memset(m, 0, sizeof *m);
    if (speed_summarise(cycles, NULL, units, unit_elements, m)) {
        snprintf(error, error_size, "out of memory summarising repetitions");
        return -1;
    }
    snprintf(m->note, sizeof m->note, "%s", note);
    if (clock_failed) {
        /* some stamps hold no count: no cycle figure can be trusted */
        speed_note_append(m->note, sizeof m->note, "perf counter reads failed during the measurement");
        m->cpe_min = m->cpe_median = m->cpe_max = m->core_ghz = NAN;
    }
    return 0;
}

int speed_measure(struct speed_call *k, struct cycle_clock *clock, uint64_t units, double budget,
                  struct speed_measurement *m, char *error, size_t error_size)
{
    struct speed_samples cycles = {0};
    char note[sizeof m->note] = "";
    int clock_failed = 0;
    int rc = speed_collect_round(k, clock, units, budget, &cycles, note, sizeof note, &clock_failed,
                                 error, error_size);
    if (rc == 0)
        rc = speed_measurement_of_rounds(&cycles, units, k->unit_elements, note, clock_failed, m,
                                         error, error_size);
    speed_samples_free(&cycles);
    return rc;
}
