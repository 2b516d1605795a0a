/*
 * Input sets.  Every input is a pure function of (seed, activation, format,
 * index), so any chunk can be generated on its own, by any thread, and a run
 * is reproducible bit for bit whatever the number of threads.
 *
 * f32:  special values first (compared bit for bit), then binade-stratified
 *       random (every binade of both signs, subnormals as one binade, the
 *       same number of points in each), then uniform [-10, 10]; or, with
 *       exhaustive set, all 2^32 encodings.
 * bf16, f16: all 65536 encodings (the special values are among them).
 */
#ifndef ACTBENCH_INPUTS_H
#define ACTBENCH_INPUTS_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "catalog.h"

enum input_part { PART_SPECIAL, PART_BINADES, PART_RANGE10, PART_EXHAUSTIVE, PART_COUNT };

struct input_plan {
    enum activation_id activation;
    enum number_format format;
    uint64_t seed;
    uint64_t part_start[PART_COUNT]; /* first index of each part */
    uint64_t part_count[PART_COUNT];
    uint64_t total;
    size_t multiple; /* total and every part are multiples of this */
    /* input_plan_restrict: the exhaustive part is the values of the format
     * in an interval, in increasing order from the one of ordered key
     * range_first (input_ordered_key) */
    bool ranged;
    int64_t range_first;
};

/* Strata of the binade part: the 254 normal binades and the subnormal
 * range, each with both signs. */
#define INPUT_BINADE_STRATA 510

/*
 * Lay out the inputs of one activation and format.  binade_points and
 * range_points are rounded up to a multiple of INPUT_BINADE_STRATA and of
 * the activation's input multiple.  exhaustive32 replaces the random parts
 * of f32 by all 2^32 encodings, after the special part padded to a
 * multiple of 16 entries (elementwise activations), so that the encodings
 * start on a multiple of every row length, group size and channel count.
 */
void input_plan_make(struct input_plan *plan, enum activation_id act, const struct actbench_params *p,
                     enum number_format fmt, uint64_t seed, uint64_t binade_points,
                     uint64_t range_points, bool exhaustive32);

/*
 * Restrict an exhaustive plan to the values of its format in [lo, hi]
 * (--range), in increasing order, with no special part; the count is
 * rounded down to the activation's input multiple.  lo <= hi, not NaN.
 */
void input_plan_restrict(struct input_plan *plan, float lo, float hi);

/* An integer that orders f32 encodings by value: -0 just below +0, NaNs
 * beyond the infinities.  Consecutive keys are consecutive floats. */
int64_t input_ordered_key(uint32_t bits);
uint32_t input_bits_of_key(int64_t key);

/* Write inputs [start, start + count) of the plan into x (and their part into
 * part, which may be NULL). */
void input_generate(const struct input_plan *plan, uint64_t start, size_t count, float *x,
                    uint8_t *part);

/* Upstream gradient dy for output index i: 1 for elementwise activations, a
 * fixed pseudo-random value in [-1, 1] for vector activations (with dy = 1
 * the softmax gradient would be exactly 0). */
float input_upstream_gradient(enum activation_id act, uint64_t seed, uint64_t index);

/* Counter-based pseudo-random 64-bit value (splitmix64 finaliser of
 * seed and index): the same (seed, index) always gives the same value. */
uint64_t input_random_bits(uint64_t seed, uint64_t index);

#endif
