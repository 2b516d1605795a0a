/*
 * gelu_tanh, the tanh approximation of gelu; see gelu_tanh_point.
 */
#include <math.h>

#include "reference.h"

#include "drivers.h"
#include "pointwise.h"

/* The catalog (harness/catalog.inc) points to ref_gelu_tanh. */
ref_function ref_gelu_tanh;

/*
 * gelu_tanh for |x| >= 20: |u| = sqrt(2/pi) |x| (1 + 0.044715 x^2)
 * >= 0.7978 * 20 * 18.886 = 301.3, so e^(-2|u|) < e^-600.
 */
#define GELU_TANH_SATURATION 20.0f

enum { GELU_TANH_SQRT_2_OVER_PI, GELU_TANH_CUBIC, GELU_TANH_CUBIC3 };

/* sqrt(2/pi), sqrt(2/pi) * 0.044715 and sqrt(2/pi) * 3 * 0.044715 */
static void gelu_tanh_constants(struct level *w)
{
    struct bounded *pi = &w->tmp[0], *t = &w->tmp[1], *k = &w->tmp[2];
    bd_const_pi(pi);
    bd_si_div(t, 2, pi);
    bd_sqrt(&w->constant[GELU_TANH_SQRT_2_OVER_PI], t);
    /* 0.044715 = 8943/200000 and 3 * 0.044715 = 26829/200000 */
    bd_set_si(k, 8943);
    bd_div_si(k, k, 200000);
    bd_mul(&w->constant[GELU_TANH_CUBIC], &w->constant[GELU_TANH_SQRT_2_OVER_PI], k);
    bd_set_si(k, 26829);
    bd_div_si(k, k, 200000);
    bd_mul(&w->constant[GELU_TANH_CUBIC3], &w->constant[GELU_TANH_SQRT_2_OVER_PI], k);
}

/*
 * gelu_tanh = x (1 + tanh u)/2 with u = sqrt(2/pi) (x + 0.044715 x^3).
 * (1 + tanh u)/2 = sigmoid(2u), so with E = e^(-2|u|), Q = 1 + E it is
 * 1/Q for u >= 0 and E/Q for u < 0 (u has the sign of x), free of the
 * cancellation of 1 + tanh u for u << 0.  The derivative
 * (1 + tanh u)/2 + x/2 sech^2(u) u' with sech^2 u = 4E/Q^2 and
 * u' = sqrt(2/pi) (1 + 3 * 0.044715 x^2) is S + 2x (E/Q^2) u'.
 */
static void gelu_tanh_point(struct level *w, float x, const struct actbench_params *p,
                            const struct bounded *dy, struct bounded *value,
                            struct bounded *gradient)
{
    (void)p;
    struct bounded *xb = &w->tmp[0], *sq = &w->tmp[1], *m = &w->tmp[2], *e = &w->tmp[3],
                   *q = &w->tmp[4], *r = &w->tmp[5], *s = &w->tmp[6], *d = &w->tmp[7],
                   *k = &w->tmp[8];
    if (isinf(x)) {
        gated_limits(w, x, dy, value, gradient);
        return;
    }
    const float t = fabsf(x);
    bd_set_float(xb, x);
    bd_mul(sq, xb, xb); /* exact */
    if (t >= GELU_TANH_SATURATION) {
        bd_set_interval(e, EXP_SATURATED_BOUND, 1);
    } else {
        bd_mul(m, &w->constant[GELU_TANH_CUBIC], sq);
        bd_add(m, m, &w->constant[GELU_TANH_SQRT_2_OVER_PI]);
        bd_set_float(k, t);
        bd_mul(m, k, m); /* |u| */
        bd_mul_2si(m, m, 1);
        bd_neg(m, m);
        bd_exp(e, m);
    }
    logistic_from_exp(e, x < 0.0f, q, r, s);
    bd_mul(value, xb, s);
    if (gradient) {
        bd_div(d, r, q); /* E/Q^2 */
        bd_mul(m, &w->constant[GELU_TANH_CUBIC3], sq);
        bd_add(m, m, &w->constant[GELU_TANH_SQRT_2_OVER_PI]); /* u' */
        bd_mul(d, d, m);
        bd_mul(d, d, xb);
        bd_mul_2si(d, d, 1);
        bd_add(d, s, d);
        bd_mul(gradient, d, dy);
    }
}

void ref_gelu_tanh(const struct ref_request *request)
{
    run_elementwise(request, gelu_tanh_point, gelu_tanh_constants);
}
