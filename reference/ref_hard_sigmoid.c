/*
 * The hard sigmoids (keras, torch): piecewise linear functions whose pieces
 * are computed exactly once the precision covers the exponent span of x
 * and their constants.
 */
#include <math.h>

#include "activations.h"
#include "drivers.h"
#include "pointwise.h"

/*
 * clip((x + shift) / divisor, 0, 1) with slope 1/divisor on the open
 * interval between the kinks: keras (0.2 x + 0.5 = (x + 2.5)/5) and torch
 * (x/6 + 0.5 = (x + 3)/6).  The sum is exact once the precision covers the
 * exponent span of x and shift, so exact midpoints (x + shift divisible
 * by the divisor) come out with err 0 and round half to even.  The
 * gradient is dy / divisor with a single rounding.
 */
static void hard_sigmoid(struct level *w, float x, double shift, long divisor,
                         const struct bounded *dy, struct bounded *value,
                         struct bounded *gradient)
{
    struct bounded *s = &w->tmp[0];
    if (x <= -shift || x >= shift) {
        bd_set_float(value, x <= -shift ? 0.0f : 1.0f);
        if (gradient)
            gradient_times_float(w, 0.0f, dy, gradient);
        return;
    }
    bd_set_float(s, x);
    bd_add_d(s, s, shift);
    bd_div_si(value, s, divisor);
    if (gradient)
        bd_div_si(gradient, dy, divisor);
}

static void hard_sigmoid_keras_point(struct level *w, float x,
                                     const struct actbench_params *p,
                                     const struct bounded *dy, struct bounded *value,
                                     struct bounded *gradient)
{
    (void)p;
    hard_sigmoid(w, x, 2.5, 5, dy, value, gradient);
}

static void hard_sigmoid_torch_point(struct level *w, float x,
                                     const struct actbench_params *p,
                                     const struct bounded *dy, struct bounded *value,
                                     struct bounded *gradient)
{
    (void)p;
    hard_sigmoid(w, x, 3.0, 6, dy, value, gradient);
}

void ref_hard_sigmoid_keras(const struct ref_request *request)
{
    run_elementwise(request, hard_sigmoid_keras_point, NULL);
}

void ref_hard_sigmoid_torch(const struct ref_request *request)
{
    run_elementwise(request, hard_sigmoid_torch_point, NULL);
}
