/*
 * relu, leaky_relu, prelu: exact in double (see run_exact_elementwise).
 * Value x > 0 ? x : s x with s = a or a_c, and relu's max(0, x), which is
 * +0 for every x <= 0 (relu(-0) = +0, relu(-inf) = +0); gradient
 * (x > 0 ? 1 : s) * dy with s = 0 for relu; prelu's parameter gradient
 * x > 0 ? +0 : dy x.
 */
#include "reference.h"

#include "drivers.h"

/* The catalog (harness/catalog.inc) points to ref_relu, ref_leaky_relu and ref_prelu. */
ref_function ref_relu, ref_leaky_relu, ref_prelu;

static void relu_point(const struct actbench_params *p, size_t i, double x, double dy,
                       double *value, double *gradient, double *dparam)
{
    (void)p;
    (void)i;
    (void)dparam;
    *value = x > 0 ? x : 0.0;
    *gradient = (x > 0 ? 1.0 : 0.0) * dy;
}

static void leaky_relu_point(const struct actbench_params *p, size_t i, double x, double dy,
                             double *value, double *gradient, double *dparam)
{
    (void)i;
    (void)dparam;
    const double slope = p->alpha;
    *value = x > 0 ? x : slope * x;
    *gradient = (x > 0 ? 1.0 : slope) * dy;
}

static void prelu_point(const struct actbench_params *p, size_t i, double x, double dy,
                        double *value, double *gradient, double *dparam)
{
    const double slope = p->channel_alpha[i % p->channels];
    *value = x > 0 ? x : slope * x;
    *gradient = (x > 0 ? 1.0 : slope) * dy;
    if (dparam)
        *dparam = x > 0 ? 0.0 : dy * x;
}

void ref_relu(const struct ref_request *request)
{
    run_exact_elementwise(request, relu_point, false);
}

void ref_leaky_relu(const struct ref_request *request)
{
    run_exact_elementwise(request, leaky_relu_point, false);
}

void ref_prelu(const struct ref_request *request)
{
    const struct actbench_params *p = request->params;
    if (!(p->channels > 0 && p->channel_alpha != NULL)) {
        fail_request(request, request->n);
        return;
    }
    run_exact_elementwise(request, prelu_point, true);
}
