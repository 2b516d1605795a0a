/*
 * The logistic family: sigmoid, silu = x sigmoid(x) and softplus, whose
 * derivative is sigmoid.  All go through E = e^-|x| (logistic_from_exp),
 * which never cancels.
 */
#include <math.h>

#include "reference.h"

#include "drivers.h"
#include "pointwise.h"

/* The catalog (harness/catalog.inc) points to ref_sigmoid, ref_silu and ref_softplus. */
ref_function ref_sigmoid, ref_silu, ref_softplus;

/*
 * sigmoid with E = e^-|x|, Q = 1 + E: sigmoid(x) = 1/Q for x >= 0 and
 * E/Q for x < 0, derivative E/Q^2; no cancellation anywhere.
 */
static void sigmoid_point(struct level *w, float x, const struct actbench_params *p,
                          const struct bounded *dy, struct bounded *value,
                          struct bounded *gradient)
{
    (void)p;
    struct bounded *e = &w->tmp[0], *q = &w->tmp[1], *r = &w->tmp[2], *d = &w->tmp[3];
    if (isinf(x)) {
        bd_set_float(value, x > 0 ? 1.0f : 0.0f);
        if (gradient)
            gradient_times_float(w, 0.0f, dy, gradient);
        return;
    }
    exp_minus(w, fabsf(x), e);
    logistic_from_exp(e, x < 0.0f, q, r, value);
    if (gradient) {
        bd_div(d, r, q);
        bd_mul(gradient, d, dy);
    }
}

void ref_sigmoid(const struct ref_request *request)
{
    run_elementwise(request, sigmoid_point, NULL);
}

/*
 * silu = x sigmoid(x), derivative sigmoid(x) (1 + x (1 - sigmoid(x)))
 * = S + x E/Q^2 with E = e^-|x|, Q = 1 + E, S = sigmoid(x) as in sigmoid.
 */
static void silu_point(struct level *w, float x, const struct actbench_params *p,
                       const struct bounded *dy, struct bounded *value,
                       struct bounded *gradient)
{
    (void)p;
    struct bounded *xb = &w->tmp[0], *e = &w->tmp[1], *q = &w->tmp[2], *r = &w->tmp[3],
                   *s = &w->tmp[4], *d = &w->tmp[5];
    if (isinf(x)) {
        gated_limits(w, x, dy, value, gradient);
        return;
    }
    bd_set_float(xb, x);
    exp_minus(w, fabsf(x), e);
    logistic_from_exp(e, x < 0.0f, q, r, s);
    bd_mul(value, xb, s);
    if (gradient) {
        bd_div(d, r, q);
        bd_mul(d, xb, d);
        bd_add(d, s, d);
        bd_mul(gradient, d, dy);
    }
}

void ref_silu(const struct ref_request *request)
{
    run_elementwise(request, silu_point, NULL);
}

/*
 * softplus = log(1 + e^x) = max(x, 0) + log1p(e^-|x|), derivative
 * sigmoid(x).  For |x| > 600, log1p(E) <= E is in [0, 2^-865] too.
 */
static void softplus_point(struct level *w, float x, const struct actbench_params *p,
                           const struct bounded *dy, struct bounded *value,
                           struct bounded *gradient)
{
    (void)p;
    struct bounded *xb = &w->tmp[0], *e = &w->tmp[1], *l = &w->tmp[2], *q = &w->tmp[3],
                   *d = &w->tmp[4];
    if (isinf(x)) {
        bd_set_float(value, x > 0 ? x : 0.0f);
        if (gradient)
            gradient_times_float(w, x > 0 ? 1.0f : 0.0f, dy, gradient);
        return;
    }
    const float t = fabsf(x);
    exp_minus(w, t, e);
    if (t > EXP_SATURATION)
        bd_set_interval(l, EXP_SATURATED_BOUND, 1);
    else
        bd_log1p(l, e);
    if (x > 0.0f) {
        bd_set_float(xb, x);
        bd_add(value, xb, l);
    } else {
        bd_copy(value, l);
    }
    if (gradient) {
        bd_add_si(q, e, 1);
        if (x < 0.0f)
            bd_div(d, e, q);
        else
            bd_si_div(d, 1, q);
        bd_mul(gradient, d, dy);
    }
}

void ref_softplus(const struct ref_request *request)
{
    run_elementwise(request, softplus_point, NULL);
}
