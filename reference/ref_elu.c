/*
 * elu and selu: a scaled e^x - 1 below 0, a line above.
 *
 * elu:  x > 0 ? x : a (e^x - 1), derivative x > 0 ? 1 : a e^x.
 * selu: lambda (x > 0 ? x : alpha (e^x - 1)), derivative x > 0 ? lambda :
 *       lambda alpha e^x, with lambda = 1.0507009873554805 and
 *       alpha = 1.6732632423543772 the real numbers written: the shortest
 *       decimals of the doubles nearest to the constants of Klambauer et
 *       al., "Self-Normalizing Neural Networks", 2017
 *       (1.0507009873554804934... and 1.6732632423543772848...).
 *
 * One of expm1 and exp gives e^x - 1 and e^x without cancellation: on
 * [-1, 0] expm1(x) is in [-0.64, 0] and e^x = 1 + expm1(x) in [0.36, 1];
 * below -1, e^x < 0.37 and e^x - 1 is in [-1, -0.63].  The piece below 0
 * includes 0: the derivative there is a e^0 = a (lambda alpha for selu),
 * the left derivative, as PyTorch's elu_backward gives it.
 */
#include <math.h>

#include "reference.h"

#include "drivers.h"
#include "pointwise.h"

/* The catalog (harness/catalog.inc) points to ref_elu and ref_selu. */
ref_function ref_elu, ref_selu;

/* m = e^x - 1 and, when want_exp, e = e^x, for x <= 0 (not -inf) */
static void exp_and_expm1(struct level *w, float x, struct bounded *m, struct bounded *e,
                          bool want_exp)
{
    struct bounded *xb = &w->tmp[1];
    bd_set_float(xb, x);
    if (x >= -1.0f) {
        bd_expm1(m, xb); /* expm1(-0) = -0: elu(-0) = -0 */
        if (want_exp)
            bd_add_si(e, m, 1);
    } else {
        exp_minus(w, -x, e);
        bd_add_si(m, e, -1);
    }
}

static void elu_point(struct level *w, float x, const struct actbench_params *p,
                      const struct bounded *dy, struct bounded *value, struct bounded *gradient)
{
    const float alpha = p->alpha;
    struct bounded *a = &w->tmp[0], *m = &w->tmp[2], *e = &w->tmp[3], *d = &w->tmp[4];
    bd_set_float(a, alpha);
    if (x > 0.0f) {
        bd_set_float(value, x);
        if (gradient)
            gradient_times_float(w, 1.0f, dy, gradient);
        return;
    }
    if (isinf(x)) {
        /* elu(-inf) = -a; derivative a e^-inf = a * (+0) */
        bd_set_float(value, -alpha);
        if (gradient) {
            bd_set_float(e, 0.0f);
            bd_mul(d, a, e);
            bd_mul(gradient, d, dy);
        }
        return;
    }
    exp_and_expm1(w, x, m, e, gradient != NULL);
    bd_mul(value, a, m);
    if (gradient) {
        bd_mul(d, a, e);
        bd_mul(gradient, d, dy);
    }
}

void ref_elu(const struct ref_request *request)
{
    run_elementwise(request, elu_point, NULL);
}

enum { SELU_LAMBDA, SELU_LAMBDA_ALPHA };

/* lambda = 10507009873554805 / 10^16 and alpha = 16732632423543772 / 10^16
 * (both numerators below 2^54: exact at 64 bits), and their product. */
static void selu_constants(struct level *w)
{
    struct bounded *alpha = &w->tmp[0];
    bd_set_si(&w->constant[SELU_LAMBDA], 10507009873554805L);
    bd_div_si(&w->constant[SELU_LAMBDA], &w->constant[SELU_LAMBDA], 10000000000000000L);
    bd_set_si(alpha, 16732632423543772L);
    bd_div_si(alpha, alpha, 10000000000000000L);
    bd_mul(&w->constant[SELU_LAMBDA_ALPHA], &w->constant[SELU_LAMBDA], alpha);
}

static void selu_point(struct level *w, float x, const struct actbench_params *p,
                       const struct bounded *dy, struct bounded *value, struct bounded *gradient)
{
    (void)p;
    const struct bounded *lambda = &w->constant[SELU_LAMBDA];
    const struct bounded *lambda_alpha = &w->constant[SELU_LAMBDA_ALPHA];
    struct bounded *xb = &w->tmp[0], *m = &w->tmp[2], *e = &w->tmp[3], *d = &w->tmp[4];
    if (x > 0.0f) {
        /* lambda * x, and selu(+inf) = +inf exactly (the product's bound
         * would be infinite); the derivative is lambda */
        bd_set_float(xb, x);
        if (isinf(x))
            bd_set_float(value, x);
        else
            bd_mul(value, lambda, xb);
        if (gradient)
            bd_mul(gradient, lambda, dy);
        return;
    }
    if (isinf(x)) {
        /* selu(-inf) = -lambda alpha; derivative lambda alpha * (+0) */
        bd_neg(value, lambda_alpha);
        if (gradient) {
            bd_set_float(e, 0.0f);
            bd_mul(d, lambda_alpha, e);
            bd_mul(gradient, d, dy);
        }
        return;
    }
    exp_and_expm1(w, x, m, e, gradient != NULL);
    bd_mul(value, lambda_alpha, m); /* selu(-0) = -0 */
    if (gradient) {
        bd_mul(d, lambda_alpha, e);
        bd_mul(gradient, d, dy);
    }
}

void ref_selu(const struct ref_request *request)
{
    run_elementwise(request, selu_point, selu_constants);
}
