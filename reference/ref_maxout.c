/*
 * maxout: y_g is the IEEE maximum of the group (as mpfr_max: the maximum of
 * -0 and +0 is +0), NaN when the group holds a NaN; the gradient sends dy_g
 * to the first arg-max (the first element equal to the maximum) and +0 to
 * the others; in a group that holds a NaN the first NaN is the arg-max (as
 * torch.max: the NaN is what propagates, so it takes the gradient).  Exact.
 */
#include <math.h>
#include <stdbool.h>

#include "reference.h"

#include "drivers.h"

/* The catalog (harness/catalog.inc) points to ref_maxout. */
ref_function ref_maxout;

static void maxout_group(const float *x, size_t k, double dy, double *value, double *gradient)
{
    bool has_nan = false;
    float best = -INFINITY;
    size_t arg = 0;
    for (size_t j = 0; j < k; j++) {
        if (isnan(x[j])) {
            if (!has_nan)
                arg = j;
            has_nan = true;
        } else if (has_nan) {
            continue;
        } else if (x[j] > best || j == 0) {
            best = x[j];
            arg = j;
        } else if (x[j] == 0.0f && best == 0.0f && !signbit(x[j])) {
            best = 0.0f; /* max(-0, +0) = +0; the arg-max stays the first */
        }
    }
    *value = has_nan ? NAN : best;
    if (gradient)
        for (size_t j = 0; j < k; j++)
            gradient[j] = j == arg ? dy : 0.0;
}

void ref_maxout(const struct ref_request *request)
{
    run_groups(request, maxout_group);
}
