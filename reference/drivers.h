/*
 * The drivers behind every reference function: they check the request,
 * walk the points (elementwise), rows (softmax, log_softmax) or groups
 * (maxout), climb the precision levels until Ziv's check accepts each
 * output, and report what could not be computed.  An activation supplies
 * only its mathematics, as one of the function types below.  Internal to
 * reference/.
 */
#ifndef ACTBENCH_REFERENCE_DRIVERS_H
#define ACTBENCH_REFERENCE_DRIVERS_H

#include <stdbool.h>
#include <stddef.h>

#include "rounding.h"

/*
 * One elementwise activation at x (never NaN: the driver handles NaN) in
 * bounded arithmetic at the level's precision: the value f(x) into value
 * and, when gradient is not NULL, f'(x) * dy into gradient.
 */
typedef void point_function(struct level *w, float x, const struct actbench_params *p,
                            const struct bounded *dy, struct bounded *value,
                            struct bounded *gradient);

/* Elementwise over x with Ziv's retry per point; constants (may be NULL)
 * sets up the activation's constants at each level. */
void run_elementwise(const struct ref_request *request, point_function *point,
                     level_constants_fn *constants);

/*
 * An activation that is exact in double (piecewise linear: the product of
 * two floats has at most 48 significant bits and an exponent within
 * double's range): value, f'(x) * dy and the parameter gradient of element
 * i at a non-NaN x.  dparam is NULL unless the activation has a parameter
 * gradient and it was asked for.
 */
typedef void exact_point_function(const struct actbench_params *p, size_t i, double x, double dy,
                                  double *value, double *gradient, double *dparam);

/* Elementwise, exact in double: no MPFR, no retry. */
void run_exact_elementwise(const struct ref_request *request, exact_point_function *point,
                           bool parameter_gradient);

/*
 * One row at one precision (no NaN in it, not all -inf): the values into
 * w->row_value[0 .. length) and, when want_gradient, the gradient
 * dx = J(x)^T dy into w->row_gradient[0 .. length).  m is the largest entry
 * and infinities the number of +inf entries; w->row_exp is scratch.
 */
typedef void row_function(struct level *w, const float *x, const float *dy, size_t length,
                          size_t infinities, float m, bool want_gradient);

/* Rows of params->row_length entries; a row holding a NaN, or only -inf,
 * is NaN in value and gradient. */
void run_rows(const struct ref_request *request, row_function *row);

/*
 * One group of k inputs, exact in double: its value and the gradient of
 * each of its inputs (gradient NULL when not asked for) given the group's
 * upstream gradient dy.
 */
typedef void group_function(const float *x, size_t k, double dy, double *value,
                            double *gradient);

/* Groups of params->group inputs, one output each. */
void run_groups(const struct ref_request *request, group_function *group);

/* Every output of the request reported as NaN and unresolved (parameters
 * the activation cannot use); outputs is the number of values. */
void fail_request(const struct ref_request *request, size_t outputs);

#endif
