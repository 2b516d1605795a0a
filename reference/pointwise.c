/* Helpers of the elementwise point functions; see pointwise.h. */
#include "pointwise.h"

void gradient_times_float(struct level *w, float c, const struct bounded *dy,
                          struct bounded *gradient)
{
    struct bounded *f = &w->tmp[TEMPORARY_COUNT - 1];
    bd_set_float(f, c);
    bd_mul(gradient, f, dy);
}

void exp_minus(struct level *w, float t, struct bounded *e)
{
    if (t > EXP_SATURATION) {
        bd_set_interval(e, EXP_SATURATED_BOUND, 1);
        return;
    }
    struct bounded *arg = &w->tmp[TEMPORARY_COUNT - 1];
    bd_set_float(arg, -t);
    bd_exp(e, arg);
}

void logistic_from_exp(const struct bounded *e, bool negative, struct bounded *q,
                       struct bounded *r, struct bounded *s)
{
    bd_add_si(q, e, 1);
    bd_div(r, e, q);
    if (negative)
        bd_copy(s, r);
    else
        bd_si_div(s, 1, q);
}

void gated_limits(struct level *w, float x, const struct bounded *dy, struct bounded *value,
                  struct bounded *gradient)
{
    bd_set_float(value, x > 0 ? x : -0.0f);
    if (gradient)
        gradient_times_float(w, x > 0 ? 1.0f : -0.0f, dy, gradient);
}
