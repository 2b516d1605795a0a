/*
 * The hard sigmoids (keras, torch) and hardswish = x hard_sigmoid_torch(x):
 * piecewise polynomials whose pieces are computed exactly once the
 * precision covers the exponent span of x and their constants.
 */
#include <math.h>

#include "reference.h"

#include "drivers.h"
#include "pointwise.h"

/* The catalog (harness/catalog.inc) points to ref_hard_sigmoid_keras, ref_hard_sigmoid_torch and ref_hardswish. */
ref_function ref_hard_sigmoid_keras, ref_hard_sigmoid_torch, ref_hardswish;

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

/*
 * hardswish = x relu6(x + 3)/6 (PyTorch's hardswish): x (x + 3)/6 on
 * [-3, 3], x above 3, and below -3 x times +0, which is -0 (also at -inf,
 * the limit, where the formula itself would give -inf * 0 = NaN; at -3 the
 * middle piece gives -3 * (+0)/6 = -0 as well).  The derivative follows
 * PyTorch's hardswish_backward at the kinks: 0 below -3, x/3 + 1/2 =
 * (2x + 3)/6 on [-3, 3] (-1/2 at -3, 3/2 at 3), 1 above 3.
 *
 * x + 3, 2x + 3 and the products are exact once the precision covers the
 * exponent span of x and 3 (at most 152 bits for a float x, 176 with the
 * product: 256 bits), so an exact value or an exact rounding midpoint comes
 * out with err 0 and each result rounds once, in the division by 6.
 */
static void hardswish_point(struct level *w, float x, const struct actbench_params *p,
                            const struct bounded *dy, struct bounded *value,
                            struct bounded *gradient)
{
    (void)p;
    struct bounded *xb = &w->tmp[0], *s = &w->tmp[1], *d = &w->tmp[2];
    if (x < -3.0f || x > 3.0f) {
        bd_set_float(value, x < 0.0f ? -0.0f : x);
        if (gradient)
            gradient_times_float(w, x < 0.0f ? 0.0f : 1.0f, dy, gradient);
        return;
    }
    bd_set_float(xb, x);
    bd_add_si(s, xb, 3);
    bd_mul(s, xb, s);
    bd_div_si(value, s, 6);
    if (gradient) {
        bd_mul_2si(d, xb, 1);
        bd_add_si(d, d, 3);
        bd_mul(d, d, dy);
        bd_div_si(gradient, d, 6);
    }
}

void ref_hardswish(const struct ref_request *request)
{
    run_elementwise(request, hardswish_point, NULL);
}
