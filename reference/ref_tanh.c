/* tanh: see tanh_point. */
#include <math.h>

#include "reference.h"

#include "drivers.h"
#include "pointwise.h"

/* The catalog (harness/catalog.inc) points to ref_tanh. */
ref_function ref_tanh;

/*
 * tanh(a) for a = |x|, sign restored at the end (tanh(-0) = -0), and
 * sech^2 = 1 - tanh^2.  For a <= 1/2: M = expm1(-2a), tanh a = -M/(2 + M),
 * sech^2 = 1 - tanh^2 >= 0.78 (no cancellation).  For a > 1/2:
 * E = e^-2a < 0.37, tanh a = (1 - E)/(1 + E), sech^2 = 4E/(1 + E)^2, which
 * keeps its relative accuracy as tanh a approaches 1.
 */
static void tanh_point(struct level *w, float x, const struct actbench_params *p,
                       const struct bounded *dy, struct bounded *value,
                       struct bounded *gradient)
{
    (void)p;
    struct bounded *t = &w->tmp[0], *m = &w->tmp[1], *den = &w->tmp[2], *d = &w->tmp[3],
                   *arg = &w->tmp[4];
    if (isinf(x)) {
        bd_set_float(value, x > 0 ? 1.0f : -1.0f);
        if (gradient)
            gradient_times_float(w, 0.0f, dy, gradient);
        return;
    }
    float a = fabsf(x);
    if (a <= 0.5f) {
        bd_set_float(arg, -2.0f * a); /* exact */
        bd_expm1(m, arg);
        bd_add_si(den, m, 2);
        bd_div(t, m, den);
        bd_neg(t, t);
        if (gradient) {
            bd_mul(d, t, t);
            bd_neg(d, d);
            bd_add_si(d, d, 1);
        }
    } else {
        exp_minus(w, 2.0f * a, m); /* 2a is exact or +inf: both fine */
        bd_add_si(den, m, 1);
        bd_neg(t, m);
        bd_add_si(t, t, 1);
        bd_div(t, t, den);
        if (gradient) {
            bd_div(d, m, den);
            bd_div(d, d, den);
            bd_mul_2si(d, d, 2);
        }
    }
    if (signbit(x))
        bd_neg(value, t);
    else
        bd_copy(value, t);
    if (gradient)
        bd_mul(gradient, d, dy);
}

void ref_tanh(const struct ref_request *request)
{
    run_elementwise(request, tanh_point, NULL);
}
