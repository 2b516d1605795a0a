/*
 * maxout, libm method: y_g = max(x_{gk}, ..., x_{gk+k-1}) for groups of
 * k = p->group inputs.  NaN counts as the largest value, so a NaN in a group
 * gives NaN and is the group's arg-max (as torch.max does).  Among equal
 * values the first is the arg-max, with one refinement for the value: the
 * maximum of -0 and +0 is +0 (IEEE 754 maximum, MPFR's mpfr_max), whatever
 * their order.  The gradient routes dy_g to the first arg-max of group g and
 * gives 0 to the other inputs.  Exact: comparisons only.  Works in place
 * (y_g is written after its group, which starts at or after g, is read).
 *
 * Measured max error against MPFR, in ulps
 * (x86_64-avx512-bf16, 1049148 f32 points):
 *   maxout_f32_libm_scalar f32: value 0 ulp at x = -0x1.d9d96p-3,
 *     gradient 0 ulp at x = nan
 */
#include "../../include/actbench/kernel.h"
#include <math.h>

/* Maximum of group[0 .. k), with the index of its first arg-max. */
static float group_max(const float *group, size_t k, size_t *arg_max)
{
    float best = group[0];
    size_t arg = 0;
    for (size_t j = 1; j < k && !isnan(best); j++) {
        float v = group[j];
        if (isnan(v) || v > best) {
            best = v;
            arg = j;
        } else if (v == 0.0f && best == 0.0f) {
            /* -0 + -0 = -0 and any other sum of zeros is +0: the maximum
             * of two zeros, while the arg-max stays the first. */
            best = best + v;
        }
    }
    *arg_max = arg;
    return best;
}

static void maxout_f32_libm_scalar_forward(const float *x, float *y, size_t n, const struct actbench_params *p)
{
    const size_t k = p->group;
    for (size_t g = 0; g < n / k; g++) {
        size_t arg;
        y[g] = group_max(x + g * k, k, &arg);
    }
}

static void maxout_f32_libm_scalar_gradient(const float *x, const float *y, const float *dy, float *dx,
                                            float *dparam, size_t n, const struct actbench_params *p)
{
    (void)y, (void)dparam;
    const size_t k = p->group;
    for (size_t g = 0; g < n / k; g++) {
        size_t arg;
        group_max(x + g * k, k, &arg);
        for (size_t j = 0; j < k; j++)
            dx[g * k + j] = j == arg ? dy[g] : 0.0f;
    }
}

const struct actbench_kernel maxout_f32_libm_scalar = {
    .name = "maxout_f32_libm_scalar",
    .activation = "maxout",
    .type = ACTBENCH_F32,
    .isa = "scalar",
    .unroll = 1,
    .forward.f32 = maxout_f32_libm_scalar_forward,
    .gradient.f32 = maxout_f32_libm_scalar_gradient,
    .bounds[ACTBENCH_F32] = {.value_ulp = 0, .gradient_ulp = 0},
    .description = "max of each group; gradient to the first arg-max",
};
