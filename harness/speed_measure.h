/*
 * One measurement of a prepared call: warm-up and repetition sizing,
 * rounds of timed repetitions between two calibrations, and the figures
 * over them (min, median, max, spread).  See speed.h for the method.
 */
#ifndef ACTBENCH_SPEED_MEASURE_H
#define ACTBENCH_SPEED_MEASURE_H

#include <stddef.h>
#include <stdint.h>

#include "speed_kernel.h"
#include "timing.h"

/* Bounds the per-measurement storage: 0.05 s / 20 us is 2500. */
#define SPEED_MAX_REPETITIONS 1000000u

/* Repetitions as they were timed. */
struct speed_samples {
    double *raw; /* clock units, or core cycles once a round converted them */
    double *ns;  /* wall time */
    size_t count, capacity;
};
void speed_samples_free(struct speed_samples *s);

struct speed_measurement {
    uint64_t repetitions;
    double cpe_min, cpe_median, cpe_max, ns_median, core_ghz;
    char note[192];
};

/* Appends text to a note, "; "-separated. */
void speed_note_append(char *note, size_t size, const char *text);

/* Median of n values (n > 0), leaving them in place; NaN when out of memory. */
double speed_median(const double *v, size_t n);
/* max / min of n values (NaNs ignored); NaN unless min > 0. */
double speed_spread(const double *v, size_t n);

/* Warm-up for a tenth of budget, then the units per repetition that make
 * a repetition long enough. */
uint64_t speed_prepare_repetition(struct speed_call *k, struct cycle_clock *clock, double budget);

/*
 * One round of a prepared call, appended to cycles as core cycles and ns
 * per repetition: calibration, repetitions until the round's budget is
 * spent and SPEED_MIN_REPETITIONS are taken, calibration; the round's
 * samples are converted with the mean of its two calibrations.  Notes go
 * to note (each once); *clock_failed is set when a perf counter read
 * failed.  Returns 0, or -1 with a message.
 */
int speed_collect_round(struct speed_call *k, struct cycle_clock *clock, uint64_t units,
                        double budget, struct speed_samples *cycles, char *note, size_t note_size,
                        int *clock_failed, char *error, size_t error_size);

/* The measurement behind collected rounds (samples in core cycles):
 * with clock_failed, no cycle figure.  Returns 0, or -1 with a message. */
int speed_measurement_of_rounds(const struct speed_samples *cycles, uint64_t units,
                                size_t unit_elements, const char *note, int clock_failed,
                                struct speed_measurement *m, char *error, size_t error_size);

/* One round and its measurement. */
int speed_measure(struct speed_call *k, struct cycle_clock *clock, uint64_t units, double budget,
                  struct speed_measurement *m, char *error, size_t error_size);

/*
 * The pieces for repetitions that other threads end (the all-cores run):
 * a calibration where the clock needs one (TSC; *ratio NaN for perf),
 * settling on the mean of two and noting drift, involuntary context
 * switches of the calling thread, one timed repetition, and the
 * measurement of samples in the clock's raw units.
 */
int speed_calibrate(struct cycle_clock *clock, double *ratio, char *error, size_t error_size);
void speed_settle_calibration(struct cycle_clock *clock, double before, double after, char *note,
                              size_t note_size);
long speed_preemptions(void);
void speed_note_preemptions(char *note, size_t note_size, long count);
/* Returns 0, or -1 when out of memory. */
int speed_time_repetition(struct speed_call *k, struct cycle_clock *clock, uint64_t units,
                          struct speed_samples *s);
int speed_summarise(const struct speed_samples *s, const struct cycle_clock *clock, uint64_t units,
                    size_t unit_elements, struct speed_measurement *m);

#endif
