/*
 * maxout's group fold, element by element, exactly as maxout_f32_libm_scalar
 * computes it: the SIMD kernels' path for group sizes their shuffles do not
 * cover and for blocks of groups that hold a NaN (rare inputs, off the
 * fast path).
 *
 * NaN counts as the largest value, so a NaN in a group gives that NaN, the
 * first one, bits unchanged, and is the group's arg-max; among equal values
 * the first is the arg-max, and the maximum of -0 and +0 is +0 whatever
 * their order (-0 + -0 = -0, every other sum of zeros is +0).
 */
#ifndef ACTBENCH_MATH_MAXOUT_H
#define ACTBENCH_MATH_MAXOUT_H

#include <math.h>
#include <stddef.h>

/* Maximum of group[0 .. k), with the index of its first arg-max. */
static inline float maxout_group_fold(const float *group, size_t k, size_t *arg_max)
{
    float best = group[0];
    size_t arg = 0;
    for (size_t j = 1; j < k && !isnan(best); j++) {
        float v = group[j];
        if (isnan(v) || v > best) {
            best = v;
            arg = j;
        } else if (v == 0.0f && best == 0.0f) {
            best = best + v;
        }
    }
    *arg_max = arg;
    return best;
}

/* y[g] for groups [0, groups) of k inputs from x; in place safe (y[g] is
 * written after its group, at or after g, is read). */
static inline void maxout_groups_forward(const float *x, float *y, size_t groups, size_t k)
{
    for (size_t g = 0; g < groups; g++) {
        size_t arg;
        y[g] = maxout_group_fold(x + g * k, k, &arg);
    }
}

/* dx: dy[g] at the first arg-max of group g, +0 elsewhere. */
static inline void maxout_groups_gradient(const float *x, const float *dy, float *dx, size_t groups,
                                          size_t k)
{
    for (size_t g = 0; g < groups; g++) {
        size_t arg;
        maxout_group_fold(x + g * k, k, &arg);
        for (size_t j = 0; j < k; j++)
            dx[g * k + j] = j == arg ? dy[g] : 0.0f;
    }
}

#endif
