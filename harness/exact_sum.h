/*
 * An exact sum of doubles, whatever their order: every addend is added as
 * an integer multiple of 2^-1130 into 32-bit digits held in 64-bit limbs
 * (carry-save), so partial sums can be combined in any grouping (threads,
 * MPI ranks) and the result, rounded once to nearest, is always the same.
 */
#ifndef ACTBENCH_EXACT_SUM_H
#define ACTBENCH_EXACT_SUM_H

#include <stdint.h>

#define EXACT_SUM_LIMBS 72

struct exact_sum {
    int64_t limb[EXACT_SUM_LIMBS]; /* limb i weighs 2^(32 i - 1130) */
    uint32_t pending;              /* additions since the carries were last propagated */
    double special;                /* the sum of infinities and NaNs met, else 0 */
};

/* Add a double (finite values exactly; infinities and NaNs as IEEE would). */
void exact_sum_add(struct exact_sum *s, double v);
/* Add another exact sum. */
void exact_sum_merge(struct exact_sum *s, const struct exact_sum *t);
/* The sum rounded to nearest (ties to even). */
double exact_sum_value(const struct exact_sum *s);

#endif
